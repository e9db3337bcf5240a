//! The determinism and snapshot contracts: same inputs, same hashes, at every tick.

mod common;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sim_core::{Command, Simulation};

/// A command schedule exercising every command kind.
fn commands_at(tick: u64) -> Vec<Command> {
    match tick {
        100 => vec![Command::SetControl { station: "coater".into(), control: "cycle_time_s".into(), value: 50.0 }],
        400 => vec![Command::StopStation { station: "dryer".into() }],
        900 => vec![Command::StartStation { station: "dryer".into() }],
        1500 => vec![Command::StartMaintenance { station: "slitter".into(), duration_s: 600.0 }],
        2000 => vec![Command::AcknowledgeAlarm { alarm: 1 }, Command::ShelveAlarm { alarm: 2, duration_s: 300.0 }],
        2500 => vec![Command::SetControl { station: "nope".into(), control: "x".into(), value: 1.0 }],
        _ => Vec::new(),
    }
}

fn run_hashes(seed: u64, ticks: u64) -> Vec<String> {
    let mut sim = Simulation::new(&common::generic_8(), seed).unwrap();
    (0..ticks)
        .map(|t| {
            sim.tick(&commands_at(t));
            sim.state_hash().0
        })
        .collect()
}

#[test]
fn same_seed_and_commands_give_the_same_hash_at_every_tick() {
    let a = run_hashes(42, 3000);
    let b = run_hashes(42, 3000);
    assert_eq!(a, b);
    // The state actually changes over the run.
    assert_ne!(a[10], a[2999]);
}

#[test]
fn a_different_seed_gives_a_different_history() {
    let layout = common::generic_8();
    let mut a = Simulation::new(&layout, 1).unwrap();
    let mut b = Simulation::new(&layout, 2).unwrap();
    a.run_hours(200.0);
    b.run_hours(200.0);
    assert_ne!(a.state_hash(), b.state_hash());
    let breakdowns = |s: &Simulation| {
        s.log
            .entries
            .iter()
            .filter(|e| e.kind == sim_core::log::LogKind::Breakdown)
            .map(|e| (e.at_ms, e.source.clone()))
            .collect::<Vec<_>>()
    };
    assert!(!breakdowns(&a).is_empty());
    assert_ne!(breakdowns(&a), breakdowns(&b));
}

#[test]
fn restoring_a_snapshot_at_random_ticks_continues_identically() {
    let layout = common::generic_8();
    let mut pick = ChaCha8Rng::seed_from_u64(99);
    let reference = run_hashes(7, 3000);
    for _ in 0..4 {
        let at = pick.random_range(1..2900u64);
        let mut sim = Simulation::new(&layout, 7).unwrap();
        for t in 0..at {
            sim.tick(&commands_at(t));
        }
        // Through bytes and through the RON save file.
        let mut from_bytes = Simulation::restore(&sim.snapshot()).unwrap();
        let mut from_ron = Simulation::from_ron("save.ron", &sim.to_ron().unwrap()).unwrap();
        assert_eq!(from_bytes.state_hash(), sim.state_hash());
        assert_eq!(from_ron.state_hash(), sim.state_hash());
        for t in at..3000 {
            from_bytes.tick(&commands_at(t));
            from_ron.tick(&commands_at(t));
            assert_eq!(from_bytes.state_hash().0, reference[t as usize], "bytes, restored at {at}, tick {t}");
            assert_eq!(from_ron.state_hash().0, reference[t as usize], "ron, restored at {at}, tick {t}");
        }
    }
}

#[test]
fn advancing_many_ticks_at_once_equals_ticking_one_by_one() {
    let layout = common::generic_8();
    let mut stepped = Simulation::new(&layout, 3).unwrap();
    let mut jumped = Simulation::new(&layout, 3).unwrap();
    for _ in 0..20_000 {
        stepped.tick(&[]);
    }
    jumped.advance_ticks(20_000);
    assert_eq!(stepped.state_hash(), jumped.state_hash());
}

/// However a run is stepped (in pieces, as `twin line` does to show its progress, or all at
/// once), every bundled line reaches the same state.
#[test]
fn every_bundled_line_reaches_the_same_state_in_pieces_as_in_one_step() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let layout = sim_core::LineLayout::from_ron(&path.display().to_string(), &text).unwrap();
        let mut jumped = Simulation::new(&layout, 2).unwrap();
        let mut stepped = Simulation::new(&layout, 2).unwrap();
        jumped.run_hours(36.0);
        for _ in 0..3 {
            stepped.run_hours(12.0);
        }
        assert_eq!(jumped.tick, stepped.tick);
        assert_eq!(jumped.state_hash(), stepped.state_hash(), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 9, "{checked} layouts");
}

#[test]
fn a_replay_reproduces_the_final_hash() {
    use sim_core::replay::{Replay, ReplaySource, TimedCommand};
    let layout = common::generic_8();
    let commands: Vec<TimedCommand> = (0..3000)
        .flat_map(|t| commands_at(t).into_iter().map(move |command| TimedCommand::trainee(t, command)))
        .collect();
    let mut sim = Simulation::new(&layout, 11).unwrap();
    for t in 0..3000 {
        sim.tick(&commands_at(t));
    }
    let replay = Replay {
        source: ReplaySource::Line { path: "generic-8.ron".into(), content_hash: "x".into() },
        seed: 11,
        step_ms: 1000,
        ticks: 3000,
        commands,
        final_hash: Some(sim.state_hash()),
        final_score: None,
        branches: Vec::new(),
    };
    let text = replay.to_ron().unwrap();
    let loaded = Replay::from_ron("run.replay.ron", &text).unwrap();
    assert_eq!(loaded, replay);
    let replayed = loaded.run(&layout).unwrap();
    assert_eq!(Some(replayed.state_hash()), replay.final_hash);
}

/// Commands that make the coater and dryer re-plan mid-roll: setpoints, the loading loop,
/// a fault, a dryer stop that holds the coater, a breakdown.
fn web_commands_at(tick: u64) -> Vec<Command> {
    let set = |station: &str, control: &str, value: f64| Command::SetControl {
        station: station.into(),
        control: control.into(),
        value,
    };
    match tick {
        6_500 => vec![set("coater", "pump_flow_l_per_min", 1.8), set("coater", "loading_control_on", 1.0)],
        7_000 => vec![set("dryer", "zone2_temp_degc", 135.0)],
        7_400 => vec![Command::InjectFault { station: "coater".into(), fault: sim_core::faults::Fault::ClogDieLip }],
        8_000 => vec![Command::StopStation { station: "dryer".into() }],
        8_300 => vec![Command::StartStation { station: "dryer".into() }],
        9_000 => vec![Command::Breakdown { station: "coater".into(), repair_s: 900.0 }],
        11_000 => vec![set("coater", "web_speed_m_per_min", 24.0), set("coater", "loading_gain", 0.6)],
        _ => Vec::new(),
    }
}

/// On the electrode line (continuous coater and dryer, live gauges): ticking one by one,
/// jumping between commands, and restoring a snapshot mid-roll all reach the same states.
#[test]
fn the_coat_dry_web_steps_jumps_and_restores_identically() {
    let layout = common::layout_for("electrode-nmc811");
    let end = 14_000u64;
    let mut stepped = Simulation::new(&layout, 5).unwrap();
    let mut hashes = Vec::new();
    for t in 0..end {
        stepped.tick(&web_commands_at(t));
        hashes.push(stepped.state_hash().0);
    }
    let mut jumped = Simulation::new(&layout, 5).unwrap();
    let mut t = 0;
    while t < end {
        jumped.tick(&web_commands_at(t));
        let next = (t + 1..end).find(|&k| !web_commands_at(k).is_empty()).unwrap_or(end);
        jumped.advance_ticks(next - t - 1);
        t = next;
        assert_eq!(jumped.state_hash().0, hashes[t as usize - 1], "jumping to tick {t}");
    }
    for at in [6_800u64, 8_100, 9_400] {
        let mut sim = Simulation::new(&layout, 5).unwrap();
        for t in 0..at {
            sim.tick(&web_commands_at(t));
        }
        let mut restored = Simulation::restore(&sim.snapshot()).unwrap();
        for t in at..at + 1_500 {
            restored.tick(&web_commands_at(t));
            assert_eq!(restored.state_hash().0, hashes[t as usize], "restored at {at}, tick {t}");
        }
    }
}

//! The instructor's station in the core: commands marked as the instructor's in the replay,
//! freeze, snapshots and rewind, and hot reload that keeps the session on a bad file.

mod common;

use sim_core::Command;
use sim_core::faults::{Fault, FaultKind};
use sim_core::replay::{Actor, Replay, TimedCommand};
use sim_core::scenario::run::{ScenarioRun, TimelineKind};
use sim_core::scenario::score::score;
use sim_core::scenario::session::{MAX_SNAPSHOTS, Session};

use common::{load_scenario, reference_replay, repo_file};

const FILE: &str = "scenarios/coater-malfunctions.ron";

/// A session of the coater scenario, and its file's name and text.
fn session(every_min: f64) -> (Session, sim_core::LineLayout, String) {
    let (scenario, layout, text) = load_scenario(&repo_file(FILE));
    let run = ScenarioRun::new(&scenario, &layout, None).unwrap();
    (Session::new(run, every_min), layout, text)
}

/// Plays the session to `until` with the reference replay's commands (the trainee's).
fn play_to(session: &mut Session, commands: &[TimedCommand], until: u64) {
    while session.run.sim.tick < until && !session.run.is_finished() {
        let tick = session.run.sim.tick;
        let now: Vec<Command> = commands.iter().filter(|c| c.tick == tick).map(|c| c.command.clone()).collect();
        session.tick(&now, &[]);
    }
}

#[test]
fn an_injected_fault_goes_into_the_replay_as_the_instructors_and_the_replay_reproduces_the_run() {
    let reference = reference_replay(&repo_file(FILE));
    let (mut session, layout, text) = session(15.0);
    play_to(&mut session, &reference.commands, 120);
    let fault = FaultKind::RollGapDrift.at_severity(0.7);
    let report = session.tick(
        &[],
        &[
            Command::InjectFault { station: "calender".into(), fault: fault.clone() },
            Command::SendMessage { text: "The customer reports thick electrodes on last week's rolls.".into() },
        ],
    );
    assert!(report.instructor_rejected.is_empty(), "{:?}", report.instructor_rejected);
    assert!(report.rejected.is_empty());
    // Scored like a scenario's fault, shown to the trainee as a message, on the debrief timeline.
    assert!(session.run.injected.iter().any(|f| f.station == "calender" && f.fault == fault));
    assert!(session.run.messages.iter().any(|(_, m)| format!("{m:?}").contains("customer reports thick electrodes")));
    assert_eq!(session.run.timeline.iter().filter(|t| t.kind == TimelineKind::Instructor).count(), 2);
    play_to(&mut session, &reference.commands, u64::MAX);
    assert!(session.run.is_finished());

    let total = score(&session.run).total;
    let replay = session.replay(FILE, &text, total);
    let saved = replay.to_ron().unwrap();
    assert_eq!(saved.matches("by: Instructor").count(), 2, "{saved}");
    let loaded = Replay::from_ron("saved.replay.ron", &saved).unwrap();
    assert_eq!(loaded.commands.iter().filter(|c| c.by == Actor::Instructor).count(), 2);

    let (scenario, _, _) = load_scenario(&repo_file(FILE));
    let mut again = ScenarioRun::new(&scenario, &layout, Some(loaded.seed)).unwrap();
    again.run_with(&loaded.commands, |_, _| {});
    assert_eq!(Some(again.state_hash()), loaded.final_hash);
    assert_eq!(score(&again).total, total);

    // Without the instructor's fault the plant ends elsewhere: the fault mattered.
    let mut plain = ScenarioRun::new(&scenario, &layout, Some(loaded.seed)).unwrap();
    plain.run_with(&reference.commands, |_, _| {});
    assert_ne!(plain.state_hash(), again.state_hash());
    assert!(
        again.unplanned_scrap_kg() > plain.unplanned_scrap_kg() + 1.0,
        "the drifting roll gap scraps electrode: {} kg against {} kg",
        again.unplanned_scrap_kg(),
        plain.unplanned_scrap_kg()
    );
}

#[test]
fn the_trainee_cannot_give_the_instructors_commands_nor_the_instructor_the_trainees() {
    let (mut session, _, _) = session(15.0);
    let inject = Command::InjectFault { station: "coater".into(), fault: Fault::ClogDieLip };
    let report = session.tick(&[inject], &[Command::StopStation { station: "coater".into() }]);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].reason.id, "reject-instructor-only");
    assert_eq!(report.instructor_rejected.len(), 1);
    assert!(session.run.injected.is_empty());
    assert!(session.run.sim.line.stations.iter().all(|s| s.faults.is_empty()));
    // A fault the station cannot have is refused to the instructor, not booked.
    let report = session.tick(&[], &[Command::InjectFault { station: "mixer".into(), fault: Fault::ClogDieLip }]);
    assert_eq!(report.instructor_rejected.len(), 1);
    assert!(session.run.injected.is_empty());
}

#[test]
fn rewinding_to_a_snapshot_gives_the_same_hash_as_the_original_run_up_to_that_point() {
    let reference = reference_replay(&repo_file(FILE));
    let (mut session, layout, text) = session(30.0);
    play_to(&mut session, &reference.commands, 300);
    let hash_at_300 = session.run.state_hash();
    let snapshots: Vec<u64> = session.snapshots().iter().map(|s| s.tick).collect();
    assert_eq!(snapshots[0], 0);
    assert!(snapshots.len() >= 9, "a snapshot every 30 plant minutes: {snapshots:?}");
    let k = 4;
    let to_tick = snapshots[k];

    // The original run, stopped at the snapshot's tick.
    let (scenario, _, _) = load_scenario(&repo_file(FILE));
    let mut original = ScenarioRun::new(&scenario, &layout, None).unwrap();
    let before: Vec<TimedCommand> = reference.commands.iter().filter(|c| c.tick < to_tick).cloned().collect();
    while original.sim.tick < to_tick {
        let tick = original.sim.tick;
        let now: Vec<Command> = before.iter().filter(|c| c.tick == tick).map(|c| c.command.clone()).collect();
        original.tick(&now);
    }

    assert!(session.rewind(k));
    assert_eq!(session.run.sim.tick, to_tick);
    assert_eq!(session.run.state_hash(), original.state_hash());
    assert_eq!(session.snapshots().len(), k + 1);
    assert_eq!(session.branches.len(), 1);
    assert_eq!((session.branches[0].from_tick, session.branches[0].to_tick), (300, to_tick));
    assert!(!session.rewind(99));

    // Going on with the same commands arrives where the first branch was.
    play_to(&mut session, &reference.commands, 300);
    assert_eq!(session.run.state_hash(), hash_at_300);

    // The replay records the branch and still reproduces the run that went on.
    play_to(&mut session, &reference.commands, u64::MAX);
    let replay = session.replay(FILE, &text, score(&session.run).total);
    let loaded = Replay::from_ron("r.replay.ron", &replay.to_ron().unwrap()).unwrap();
    assert_eq!(loaded.branches.len(), 1);
    let mut again = ScenarioRun::new(&scenario, &layout, None).unwrap();
    again.run_with(&loaded.commands, |_, _| {});
    assert_eq!(Some(again.state_hash()), loaded.final_hash);
}

#[test]
fn a_frozen_session_waits_and_snapshots_stay_bounded_over_a_long_run() {
    let (mut session, _, _) = session(1.0);
    session.frozen = true;
    for _ in 0..10 {
        session.tick(&[], &[Command::Breakdown { station: "coater".into(), repair_s: 600.0 }]);
    }
    assert_eq!(session.run.sim.tick, 0);
    assert!(session.run.commands.is_empty(), "nothing is given while frozen");
    session.frozen = false;
    while !session.run.is_finished() {
        session.tick(&[], &[]);
    }
    let ticks: Vec<u64> = session.snapshots().iter().map(|s| s.tick).collect();
    assert!(ticks.len() <= MAX_SNAPSHOTS && ticks.len() >= MAX_SNAPSHOTS / 2, "{}", ticks.len());
    assert_eq!(ticks[0], 0, "the start stays");
    assert!(ticks.windows(2).all(|w| w[0] < w[1]));
    assert!(*ticks.last().unwrap() as f64 > 0.9 * session.run.ticks_total as f64, "{ticks:?}");
}

#[test]
fn an_invalid_hot_reloaded_scenario_leaves_the_running_session_intact() {
    let reference = reference_replay(&repo_file(FILE));
    let (mut session, layout, text) = session(15.0);
    let mut untouched = session.clone();
    play_to(&mut session, &reference.commands, 100);
    play_to(&mut untouched, &reference.commands, 100);

    for (broken, expect) in [
        (text.replacen("duration_h: 8.0", "duration_h: -8.0", 1), "duration_h"),
        (text.replacen("step_s: 60,", "step_s: 60", 1), ":"),
        (
            text.replacen("station: \"coater\", fault: ClogDieLip", "station: \"coaterr\", fault: ClogDieLip", 1),
            "coaterr",
        ),
    ] {
        let err = session.reload("coater-malfunctions.ron", &broken, &layout).unwrap_err();
        let shown = err.all_messages().join("\n");
        assert!(shown.contains("coater-malfunctions.ron:"), "names file and line: {shown}");
        assert!(shown.contains(expect), "names the field: {shown}");
        assert_eq!(session.run.state_hash(), untouched.run.state_hash());
    }
    play_to(&mut session, &reference.commands, 180);
    play_to(&mut untouched, &reference.commands, 180);
    assert_eq!(session.run.state_hash(), untouched.run.state_hash(), "and it goes on as if nothing happened");

    // A valid edit restarts the scenario at the same tick with the same commands.
    let edited = text.replacen("at_h: 4.0, hidden: true", "at_h: 2.0, hidden: true", 1);
    session.reload("coater-malfunctions.ron", &edited, &layout).unwrap();
    assert_eq!(session.run.sim.tick, 180);
    assert_eq!(session.run.commands, untouched.run.commands);
    assert!(session.run.injected.iter().any(|f| f.fault == Fault::ClogDieLip), "the clog now came at 2 h");
    assert!(!untouched.run.injected.iter().any(|f| f.fault == Fault::ClogDieLip));
}

#[test]
fn every_malfunction_at_any_severity_is_valid_and_grows_with_it() {
    let kinds = FaultKind::candidates(|_| true);
    assert!(kinds.len() >= 19);
    for kind in kinds {
        let mut last = None;
        for s in [0.0, 0.25, 0.5, 0.75, 1.0, f64::NAN, -3.0, 7.0] {
            let fault = kind.at_severity(s);
            fault.validate().unwrap_or_else(|e| panic!("{kind:?} at {s}: {e}"));
            assert_eq!(fault.kind(), kind);
            if (0.0..=1.0).contains(&s) {
                let label = fault.label();
                if let Some(previous) = last.replace(label.clone()) {
                    let sized =
                        label.chars().any(|c| c.is_ascii_digit()) && !matches!(kind, FaultKind::HeaterFailure { .. });
                    assert!(!sized || previous != label, "{kind:?}: {previous} then {label}");
                }
            }
        }
    }
}

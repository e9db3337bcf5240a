//! Blind operators: strategies that need no diagnosis (start everything, acknowledge every
//! alarm, maintain every station on a timetable, and mixtures of these). Training must not
//! reward them.

mod common;

use sim_core::Command;
use sim_core::alarms::AlarmState;
use sim_core::faults::FaultKind;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

#[derive(Clone, Copy, Debug)]
struct Blind {
    acknowledge: bool,
    /// Maintain every station every this many hours (30 min each).
    maintain_every_h: Option<f64>,
    /// Maintain a station once for each alarm it raises.
    maintain_on_alarm: bool,
    /// Before maintaining, name every diagnosis the station could have (guessing).
    guess_every_diagnosis: bool,
}

const STRATEGIES: [Blind; 8] = [
    Blind { acknowledge: false, maintain_every_h: None, maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(1.0), maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(2.0), maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: true, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(1.5), maintain_on_alarm: true, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: true, guess_every_diagnosis: true },
    Blind { acknowledge: true, maintain_every_h: Some(2.0), maintain_on_alarm: true, guess_every_diagnosis: true },
];

fn play(run: &mut ScenarioRun, blind: Blind) {
    let stations: Vec<String> = run.sim.line.stations.iter().map(|s| s.id.clone()).collect();
    let start: Vec<Command> = stations.iter().map(|s| Command::StartStation { station: s.clone() }).collect();
    run.tick(&start);
    let mut last_round_h = 0.0;
    let mut answered: Vec<u32> = Vec::new();
    while !run.is_finished() {
        let mut commands = Vec::new();
        for alarm in run.sim.alarms.alarms.iter().filter(|a| a.is_open()) {
            if blind.acknowledge
                && matches!(alarm.state(), AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)
            {
                commands.push(Command::AcknowledgeAlarm { alarm: alarm.id });
            }
            // Once per alarm: guess (if this strategy guesses), then call maintenance.
            if blind.maintain_on_alarm
                && alarm.active
                && !answered.contains(&alarm.id)
                && let Some(station) = &alarm.source
            {
                answered.push(alarm.id);
                if blind.guess_every_diagnosis {
                    let i = run.sim.line.station_index(station).unwrap();
                    let kind = run.sim.line.stations[i].kind.station();
                    for fault in FaultKind::candidates(|f| kind.accepts_fault(f).is_ok()) {
                        commands.push(Command::Diagnose { station: station.clone(), fault });
                    }
                }
                commands.push(Command::StartMaintenance { station: station.clone(), duration_s: 1800.0 });
            }
        }
        if let Some(every) = blind.maintain_every_h
            && run.hours() - last_round_h >= every
        {
            last_round_h = run.hours();
            commands
                .extend(stations.iter().map(|s| Command::StartMaintenance { station: s.clone(), duration_s: 1800.0 }));
        }
        run.tick(&commands);
    }
}

/// In every scenario but the tutorials, each blind strategy scores below 60 and at least 30
/// points below the reference replay (which diagnoses before it repairs), the guessers who
/// name every diagnosis the alarming station could have included.
#[test]
fn blind_operators_score_far_below_the_reference() {
    let mut table = String::new();
    let mut failures = Vec::new();
    for f in common::scenario_files() {
        let (scenario, layout, _) = common::load_scenario(&f);
        let replay = common::reference_replay(&f);
        let reference = replay.final_score.expect("reference replays carry their score");
        table += &format!("{:<28} ref {reference:5.1} |", scenario.id);
        for blind in STRATEGIES {
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
            play(&mut run, blind);
            let total = score(&run).total;
            table += &format!(" {total:5.1}");
            let tutorial = scenario.id.starts_with("tutorial-");
            if !tutorial && (total >= 60.0 || total > reference - 30.0) {
                failures.push(format!("{}: {blind:?} scores {total:.1} (reference {reference:.1})", scenario.id));
            }
        }
        table += "\n";
    }
    println!("{table}");
    assert!(failures.is_empty(), "blind play pays:\n{}\n{table}", failures.join("\n"));
}

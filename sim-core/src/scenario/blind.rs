//! Blind operators: strategies that need no diagnosis (start everything, acknowledge every
//! alarm, maintain every station on a timetable or when it alarms, name every diagnosis a
//! station could have). Training must not reward them: `tests/blind_play.rs` keeps them far
//! below every reference replay, and `twin fairness` shows their score distribution over
//! many seeds.

use crate::alarms::AlarmState;
use crate::command::Command;
use crate::faults::FaultKind;
use crate::scenario::run::ScenarioRun;
use crate::text::Message;

/// One blind strategy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Blind {
    /// Acknowledge every alarm at once.
    pub acknowledge: bool,
    /// Maintain every station every this many hours (30 min each).
    pub maintain_every_h: Option<f64>,
    /// Maintain a station once for each alarm it raises.
    pub maintain_on_alarm: bool,
    /// Before maintaining, name every diagnosis the station could have (guessing).
    pub guess_every_diagnosis: bool,
}

/// The strategies every bundled scenario is checked against: from doing nothing but start
/// the line to guessing every diagnosis and maintaining on every alarm and a timetable.
pub const STRATEGIES: [Blind; 8] = [
    Blind { acknowledge: false, maintain_every_h: None, maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(1.0), maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(2.0), maintain_on_alarm: false, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: true, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: Some(1.5), maintain_on_alarm: true, guess_every_diagnosis: false },
    Blind { acknowledge: true, maintain_every_h: None, maintain_on_alarm: true, guess_every_diagnosis: true },
    Blind { acknowledge: true, maintain_every_h: Some(2.0), maintain_on_alarm: true, guess_every_diagnosis: true },
];

impl Blind {
    /// What the strategy does, as a person reads it.
    pub fn message(&self) -> Message {
        let id = match (self.acknowledge, self.maintain_on_alarm, self.guess_every_diagnosis) {
            (false, _, _) => "blind-start-only",
            (true, false, _) => "blind-acknowledge",
            (true, true, false) => "blind-maintain-on-alarm",
            (true, true, true) => "blind-guess-and-maintain-on-alarm",
        };
        let what = Message::new(id);
        match self.maintain_every_h {
            Some(h) => Message::new("blind-with-timetable").message("what", what).number("h", h, 1),
            None => what,
        }
    }
}

/// Plays `run` to its end with `blind`: starts every station, then each tick does what the
/// strategy says.
pub fn play(run: &mut ScenarioRun, blind: Blind) {
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
                if blind.guess_every_diagnosis
                    && let Some(i) = run.sim.line.station_index(station)
                {
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

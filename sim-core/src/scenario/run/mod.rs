//! A simulation driven by a scenario: initial overrides, timed and conditional events,
//! hints, trainee-control restrictions, safety limits, and the trackers that score it.
//!
//! Deterministic and snapshot-able like the simulation it wraps: random events draw from
//! their own named stream, and the whole run serialises.

mod check;
mod events;
mod tracking;

use serde::{Deserialize, Serialize};

use super::{Condition, Event, EventAction, Measure, ObjectiveKind, Scenario};
use crate::command::{Command, Rejection};
use crate::faults::{Fault, FaultKind};
use crate::layout::LineLayout;
use crate::replay::{Actor, TimedCommand};
use crate::rng;
use crate::sim::{Simulation, StateHash, TickReport};
use crate::text::Message;
use crate::time::secs_to_ms;

/// What the trainee sees happen, for the debrief timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at_ms: u64,
    pub kind: TimelineKind,
    pub text: Message,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineKind {
    Command,
    Rejected,
    Event,
    HiddenEvent,
    Alarm,
    Hint,
    SafetyViolation,
    /// An instructor's action: hidden from the trainee while playing, shown in the debrief.
    Instructor,
}

/// A fault the scenario injected, when the trainee diagnosed it (if ever), and when
/// maintenance fixed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InjectedFault {
    pub station: String,
    pub fault: Fault,
    pub injected_ms: u64,
    pub diagnosed_ms: Option<u64>,
    pub fixed_ms: Option<u64>,
}

/// A diagnosis the trainee recorded, and whether it named a fault present at the station.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub at_ms: u64,
    pub station: String,
    pub fault: FaultKind,
    pub correct: bool,
}

/// A maintenance the trainee started, and whether a right diagnosis at the station came first
/// (since its previous maintenance; otherwise it was an intervention without a cause).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Maintenance {
    pub at_ms: u64,
    pub station: String,
    pub duration_s: f64,
    pub justified: bool,
}

/// A production order placed during the run and what was delivered by its due time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub quantity: f64,
    pub due_ms: u64,
    pub placed_ms: u64,
    /// Good product delivered (cumulative) when the order fell due.
    pub delivered_at_due: Option<f64>,
}

/// Samples of line KPIs for the debrief plots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiSample {
    pub at_h: f64,
    pub throughput_per_h: f64,
    pub oee: f64,
    pub first_pass_yield: f64,
    pub wip: u64,
    pub unplanned_scrap_kg: f64,
    pub completed_quantity: f64,
}

/// Per-objective running state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    /// Value captured at the objective's deadline (Deliver, Produce).
    pub captured: Option<f64>,
    /// Samples inside and outside limits (KeepInLimits).
    pub inside: u64,
    pub outside: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRun {
    pub scenario: Scenario,
    pub sim: Simulation,
    pub ticks_total: u64,
    pub events_fired: Vec<bool>,
    /// Random faults drawn at the start: (tick, station, fault).
    pub random_faults: Vec<(u64, String, Fault)>,
    pub hints_taken: Vec<(u32, u64)>,
    /// Announcements and hints shown to the trainee: (plant ms, text).
    pub messages: Vec<(u64, Message)>,
    pub injected: Vec<InjectedFault>,
    pub diagnoses: Vec<Diagnosis>,
    pub maintenances: Vec<Maintenance>,
    pub orders: Vec<Order>,
    pub safety_violations: u32,
    pub trackers: Vec<Tracker>,
    pub timeline: Vec<TimelineEntry>,
    pub kpi_series: Vec<KpiSample>,
    /// The trainee's and the instructor's commands with their ticks: the replay of the run.
    pub commands: Vec<TimedCommand>,
    /// Highest alarm id already put on the timeline.
    alarms_seen: usize,
}

/// Ticks between KPI samples: every 15 plant minutes.
const KPI_SAMPLE_S: f64 = 900.0;

impl ScenarioRun {
    /// Starts a run of a validated scenario on its layout. `seed` replaces the scenario's.
    pub fn new(scenario: &Scenario, layout: &LineLayout, seed: Option<u64>) -> Result<Self, String> {
        let issues = scenario.validate(layout);
        if !issues.is_empty() {
            return Err(issues.to_string());
        }
        let seed = seed.unwrap_or(scenario.seed);
        let step_ms = secs_to_ms(scenario.step_s);
        let mut sim = Simulation::with_step(layout, seed, step_ms).map_err(|i| i.to_string())?;
        for o in &scenario.overrides {
            let i = sim.line.station_index(&o.station).ok_or("validated")?;
            sim.line.stations[i].kind.station_mut().set_control(&o.control, o.value);
        }
        for id in &scenario.stopped {
            let i = sim.line.station_index(id).ok_or("validated")?;
            sim.line.request_stop(i, 0);
        }
        let mut random_faults = Vec::new();
        let mut stream = rng::stream(seed, "scenario/random-faults");
        for e in &scenario.events {
            if let EventAction::RandomFaults { count, from_h, to_h, choices } = &e.action {
                for _ in 0..*count {
                    let at_h = from_h + (to_h - from_h) * rng::uniform(&mut stream);
                    let pick = ((rng::uniform(&mut stream) * choices.len() as f64) as usize).min(choices.len() - 1);
                    let tick = (at_h * 3600.0 / scenario.step_s).round() as u64;
                    random_faults.push((tick, choices[pick].station.clone(), choices[pick].fault.clone()));
                }
            }
        }
        random_faults.sort_by_key(|(t, _, _)| *t);
        Ok(Self {
            ticks_total: scenario.ticks(),
            events_fired: vec![false; scenario.events.len()],
            trackers: vec![Tracker::default(); scenario.objectives.len()],
            scenario: scenario.clone(),
            sim,
            random_faults,
            hints_taken: Vec::new(),
            messages: Vec::new(),
            injected: Vec::new(),
            diagnoses: Vec::new(),
            maintenances: Vec::new(),
            orders: Vec::new(),
            safety_violations: 0,
            timeline: Vec::new(),
            kpi_series: Vec::new(),
            commands: Vec::new(),
            alarms_seen: 0,
        })
    }

    pub fn is_finished(&self) -> bool {
        self.sim.tick >= self.ticks_total
    }

    pub fn hours(&self) -> f64 {
        self.sim.now_ms as f64 / 3.6e6
    }

    /// One tick with the trainee's commands only.
    pub fn tick(&mut self, commands: &[Command]) -> TickReport {
        self.tick_with(commands, &[])
    }

    /// One tick: trainee commands (checked against the scenario), due events, the
    /// instructor's commands, the plant, then the trackers. Both lists go into the replay,
    /// each command marked with who gave it. The trainee's refusals are in
    /// `report.rejected`, the instructor's in `report.instructor_rejected`.
    pub fn tick_with(&mut self, trainee: &[Command], instructor: &[Command]) -> TickReport {
        let mut report = TickReport::default();
        if self.is_finished() {
            return report;
        }
        let tick = self.sim.tick;
        let now = self.sim.now_ms;
        let mut accepted = Vec::new();
        for command in trainee {
            self.commands.push(TimedCommand::trainee(tick, command.clone()));
            let screened = if command.is_instructors() {
                Err(Message::new("reject-instructor-only"))
            } else {
                self.screen(command, now)
            };
            match screened {
                Ok(true) => accepted.push(command.clone()),
                Ok(false) => {}
                Err(reason) => {
                    self.timeline.push(TimelineEntry {
                        at_ms: now,
                        kind: TimelineKind::Rejected,
                        text: reason.clone(),
                    });
                    report.rejected.push(Rejection { command: command.clone(), reason });
                }
            }
        }
        let mut sim_commands = self.due_events(tick);
        let first_instructor = sim_commands.len();
        for command in instructor {
            self.commands.push(TimedCommand::instructor(tick, command.clone()));
            if command.is_instructors() {
                sim_commands.push(command.clone());
            } else {
                let reason = Message::new("reject-not-instructors");
                report.instructor_rejected.push(Rejection { command: command.clone(), reason });
            }
        }
        let first_trainee = sim_commands.len();
        sim_commands.extend(accepted);
        let sim_report = self.sim.tick(&sim_commands);
        let rejected = |c: &Command| sim_report.rejected.iter().find(|r| r.command == *c);
        for (p, c) in sim_commands.iter().enumerate().skip(first_instructor) {
            match (rejected(c), p >= first_trainee) {
                (Some(r), true) => {
                    self.timeline.push(TimelineEntry {
                        at_ms: now,
                        kind: TimelineKind::Rejected,
                        text: r.reason.clone(),
                    });
                    report.rejected.push(r.clone());
                }
                (Some(r), false) => report.instructor_rejected.push(r.clone()),
                (None, false) => self.instructed(c, now),
                (None, true) => {
                    self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Command, text: describe(c) });
                    if let Command::StartMaintenance { station, duration_s } = c {
                        self.book_maintenance(station, *duration_s, now);
                    }
                }
            }
        }
        self.after_tick();
        report
    }

    /// Books a maintenance the trainee started: justified by a right diagnosis at this station
    /// since its last maintenance.
    fn book_maintenance(&mut self, station: &str, duration_s: f64, now: u64) {
        let since = self.maintenances.iter().rev().find(|m| m.station == station).map(|m| m.at_ms);
        let justified =
            self.diagnoses.iter().any(|d| d.station == station && d.correct && since.is_none_or(|t| d.at_ms > t));
        self.maintenances.push(Maintenance { at_ms: now, station: station.into(), duration_s, justified });
    }

    /// Books an instructor's command the plant accepted: an injected fault is scored like a
    /// scenario's (the trainee's diagnosis of it counts), a message reaches the trainee, and
    /// the debrief timeline shows each as the instructor's.
    fn instructed(&mut self, command: &Command, now: u64) {
        match command {
            Command::InjectFault { station, fault } => self.injected.push(InjectedFault {
                station: station.clone(),
                fault: fault.clone(),
                injected_ms: now,
                diagnosed_ms: None,
                fixed_ms: None,
            }),
            Command::SendMessage { text } => {
                self.messages.push((now, Message::new("message-instructor").verbatim("text", text.clone())))
            }
            _ => {}
        }
        self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Instructor, text: describe(command) });
    }

    /// Runs to the end with the commands of a replay (ticks ascending).
    pub fn run_with(&mut self, commands: &[TimedCommand], mut progress: impl FnMut(u64, u64)) {
        let mut next = 0;
        while !self.is_finished() {
            let tick = self.sim.tick;
            let start = next;
            while next < commands.len() && commands[next].tick <= tick {
                next += 1;
            }
            let batch = &commands[start..next];
            let of = |actor: Actor| -> Vec<Command> {
                batch.iter().filter(|c| c.by == actor).map(|c| c.command.clone()).collect()
            };
            self.tick_with(&of(Actor::Trainee), &of(Actor::Instructor));
            if tick.is_multiple_of(256) {
                progress(self.sim.tick, self.ticks_total);
            }
        }
        progress(self.sim.tick, self.ticks_total);
    }

    /// Checks a trainee command against the scenario; `Ok(false)` when handled here.
    fn screen(&mut self, command: &Command, now: u64) -> Result<bool, Message> {
        match command {
            Command::TakeHint { hint } => {
                let h = self
                    .scenario
                    .hints
                    .get(*hint as usize)
                    .ok_or_else(|| Message::new("reject-no-hint").count("hint", *hint))?;
                if self.hints_taken.iter().any(|(i, _)| i == hint) {
                    return Err(Message::new("reject-hint-taken").count("hint", *hint));
                }
                if self.hours() < h.available_after_h {
                    return Err(Message::new("reject-hint-not-yet").count("hint", *hint).number(
                        "after_h",
                        h.available_after_h,
                        1,
                    ));
                }
                let text = Message::from_file(&h.text);
                self.hints_taken.push((*hint, now));
                self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Hint, text: text.clone() });
                self.messages.push((now, text));
                Ok(false)
            }
            Command::Diagnose { station, fault } => {
                let Some(i) = self.sim.line.station_index(station) else {
                    return Err(Message::new("reject-no-station").verbatim("station", station.clone()));
                };
                // Right when it names a fault injected and still present, or a condition the
                // station's own state shows (a blade worn by use).
                let mut correct = self.sim.line.stations[i].kind.station().shows(*fault);
                for f in self.injected.iter_mut().filter(|f| &f.station == station && f.fixed_ms.is_none()) {
                    if f.fault.kind() == *fault {
                        correct = true;
                        f.diagnosed_ms.get_or_insert(now);
                    }
                }
                self.diagnoses.push(Diagnosis { at_ms: now, station: station.clone(), fault: *fault, correct });
                self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Command, text: describe(command) });
                Ok(false)
            }
            Command::SetControl { station, control, value } => {
                if let Some(allowed) = &self.scenario.trainee_controls
                    && !allowed.iter().any(|a| *a == format!("{station}.{control}"))
                {
                    return Err(Message::new("reject-not-yours").control("control", station, control));
                }
                for limit in &self.scenario.safety_limits {
                    if &limit.station == station && &limit.control == control {
                        let low = limit.min.is_some_and(|m| *value < m);
                        let high = limit.max.is_some_and(|m| *value > m);
                        if low || high {
                            self.safety_violations += 1;
                            self.timeline.push(TimelineEntry {
                                at_ms: now,
                                kind: TimelineKind::SafetyViolation,
                                text: Message::new("timeline-safety-violation")
                                    .control("control", station, control)
                                    .number("value", *value, 2)
                                    .text("reason", &limit.reason),
                            });
                        }
                    }
                }
                Ok(true)
            }
            _ => Ok(true),
        }
    }

    /// Hash of the whole run state.
    pub fn state_hash(&self) -> StateHash {
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        StateHash(blake3::hash(&bytes).to_hex()[..32].to_string())
    }
}

/// A command in words, for the timeline.
pub fn describe(c: &Command) -> Message {
    let minutes = |s: f64| s / 60.0;
    match c {
        Command::SetControl { station, control, value } => {
            Message::new("timeline-set-control").control("control", station, control).number("value", *value, 2)
        }
        Command::StopStation { station } => Message::new("timeline-stop").station("station", station),
        Command::StartStation { station } => Message::new("timeline-start").station("station", station),
        Command::StartMaintenance { station, duration_s } => {
            Message::new("timeline-maintenance").station("station", station).number("min", minutes(*duration_s), 0)
        }
        Command::InjectFault { station, fault } => {
            Message::new("timeline-instructor-fault").station("station", station).message("fault", fault.message())
        }
        Command::Breakdown { station, .. } => Message::new("timeline-instructor-breakdown").station("station", station),
        Command::ChangeLot { station, .. } => Message::new("timeline-instructor-lot").station("station", station),
        Command::SendMessage { text } => Message::new("timeline-instructor-message").verbatim("text", text.clone()),
        Command::TakeHint { hint } => Message::new("timeline-hint").count("hint", *hint),
        Command::Diagnose { station, fault } => {
            Message::new("timeline-diagnose").station("station", station).message("fault", fault.message())
        }
        Command::AcknowledgeAlarm { alarm } => Message::new("timeline-acknowledge").count("alarm", *alarm),
        Command::ShelveAlarm { alarm, duration_s } => {
            Message::new("timeline-shelve").count("alarm", *alarm).number("min", minutes(*duration_s), 0)
        }
        Command::UnshelveAlarm { alarm } => Message::new("timeline-unshelve").count("alarm", *alarm),
    }
}

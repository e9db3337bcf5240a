//! A simulation driven by a scenario: initial overrides, timed and conditional events,
//! hints, trainee-control restrictions, safety limits, and the trackers that score it.
//!
//! Deterministic and snapshot-able like the simulation it wraps: random events draw from
//! their own named stream, and the whole run serialises.

use serde::{Deserialize, Serialize};

use super::{Condition, Event, EventAction, Measure, ObjectiveKind, Scenario};
use crate::command::{Command, Rejection};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::layout::LineLayout;
use crate::replay::TimedCommand;
use crate::rng;
use crate::sim::{Simulation, StateHash, TickReport};
use crate::time::secs_to_ms;

/// What the trainee sees happen, for the debrief timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at_ms: u64,
    pub kind: TimelineKind,
    pub text: String,
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
}

/// A fault the scenario injected, and when (if ever) maintenance fixed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InjectedFault {
    pub station: String,
    pub fault: Fault,
    pub injected_ms: u64,
    pub fixed_ms: Option<u64>,
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
    pub messages: Vec<(u64, String)>,
    pub injected: Vec<InjectedFault>,
    pub orders: Vec<Order>,
    pub safety_violations: u32,
    pub trackers: Vec<Tracker>,
    pub timeline: Vec<TimelineEntry>,
    pub kpi_series: Vec<KpiSample>,
    /// The trainee's commands with their ticks: the replay of the run.
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
            orders: Vec::new(),
            safety_violations: 0,
            timeline: Vec::new(),
            kpi_series: Vec::new(),
            commands: Vec::new(),
            alarms_seen: 0,
        })
    }

    /// Checks a trainee's command list before it runs: ticks in order and inside the run,
    /// stations and controls that exist, values that are numbers in range. Each problem
    /// names its field (`[3].command.value`), so a commands file gets located errors.
    pub fn check_commands(&self, commands: &[TimedCommand]) -> Issues {
        let mut issues = Issues::default();
        let mut last = 0;
        for (i, c) in commands.iter().enumerate() {
            let path = FieldPath::root().index(i);
            if c.tick < last {
                issues.push(
                    path.clone().field("tick"),
                    format!("commands must be in tick order: tick {} comes after tick {last}", c.tick),
                );
            }
            if c.tick >= self.ticks_total {
                issues.push(
                    path.clone().field("tick"),
                    format!("tick {} is after the end of the scenario (tick {})", c.tick, self.ticks_total),
                );
            }
            last = c.tick;
            let path = path.field("command");
            let station = c.command.station().map(|id| (id, self.sim.line.station_index(id)));
            if let Some((id, None)) = station {
                let known: Vec<&str> = self.sim.line.stations.iter().map(|s| s.id.as_str()).collect();
                issues.push(
                    path.clone().field("station"),
                    format!("no station `{id}` in this line; stations are: {}", known.join(", ")),
                );
                continue;
            }
            let numbers: Vec<(&str, f64)> = match &c.command {
                Command::SetControl { station, control, value } => {
                    let i = self.sim.line.station_index(station).unwrap_or(0);
                    match self.sim.controls(i).into_iter().find(|spec| &spec.name == control) {
                        None => issues.push(
                            path.clone().field("control"),
                            format!("station `{station}` has no control `{control}`"),
                        ),
                        Some(spec) if !spec.accepts(*value) => issues.push(
                            path.clone().field("value"),
                            format!("{control} = {value} is outside {}..{} {}", spec.min, spec.max, spec.unit),
                        ),
                        Some(_) => {}
                    }
                    Vec::new()
                }
                Command::StartMaintenance { duration_s, .. } => vec![("duration_s", *duration_s)],
                Command::Breakdown { repair_s, .. } => vec![("repair_s", *repair_s)],
                Command::ShelveAlarm { duration_s, .. } => vec![("duration_s", *duration_s)],
                Command::ChangeLot { binder_viscosity_factor, dispersion_factor, .. } => vec![
                    ("binder_viscosity_factor", *binder_viscosity_factor),
                    ("dispersion_factor", *dispersion_factor),
                ],
                _ => Vec::new(),
            };
            for (name, value) in numbers {
                if !value.is_finite() || value < 0.0 {
                    issues
                        .push(path.clone().field(name), format!("{name} must be a number of at least 0, got {value}"));
                }
            }
        }
        issues
    }

    pub fn is_finished(&self) -> bool {
        self.sim.tick >= self.ticks_total
    }

    pub fn hours(&self) -> f64 {
        self.sim.now_ms as f64 / 3.6e6
    }

    /// One tick: trainee commands (checked against the scenario), due events, the plant,
    /// then the trackers.
    pub fn tick(&mut self, commands: &[Command]) -> TickReport {
        let mut report = TickReport::default();
        if self.is_finished() {
            return report;
        }
        let tick = self.sim.tick;
        let now = self.sim.now_ms;
        let mut accepted = Vec::new();
        for command in commands {
            self.commands.push(TimedCommand { tick, command: command.clone() });
            match self.screen(command, now) {
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
        let first_event = sim_commands.len();
        sim_commands.extend(accepted);
        let sim_report = self.sim.tick(&sim_commands);
        for r in sim_report.rejected {
            let own = sim_commands.iter().position(|c| *c == r.command).is_some_and(|p| p >= first_event);
            if own {
                self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Rejected, text: r.reason.clone() });
                report.rejected.push(r);
            }
        }
        for c in sim_commands.iter().skip(first_event) {
            if !report.rejected.iter().any(|r| r.command == *c) {
                self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Command, text: describe(c) });
            }
        }
        self.after_tick();
        report
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
            let batch: Vec<Command> = commands[start..next].iter().map(|c| c.command.clone()).collect();
            self.tick(&batch);
            if tick.is_multiple_of(256) {
                progress(self.sim.tick, self.ticks_total);
            }
        }
        progress(self.sim.tick, self.ticks_total);
    }

    /// Checks a trainee command against the scenario; `Ok(false)` when handled here.
    fn screen(&mut self, command: &Command, now: u64) -> Result<bool, String> {
        match command {
            Command::TakeHint { hint } => {
                let h = self.scenario.hints.get(*hint as usize).ok_or_else(|| format!("no hint {hint}"))?;
                if self.hints_taken.iter().any(|(i, _)| i == hint) {
                    return Err(format!("hint {hint} was already taken"));
                }
                if self.hours() < h.available_after_h {
                    return Err(format!("hint {hint} is available after {} h", h.available_after_h));
                }
                let text = h.text.clone();
                self.hints_taken.push((*hint, now));
                self.messages.push((now, format!("Hint: {text}")));
                self.timeline.push(TimelineEntry { at_ms: now, kind: TimelineKind::Hint, text });
                Ok(false)
            }
            Command::SetControl { station, control, value } => {
                if let Some(allowed) = &self.scenario.trainee_controls
                    && !allowed.iter().any(|a| *a == format!("{station}.{control}"))
                {
                    return Err(format!("{station}.{control} is not yours to change in this scenario"));
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
                                text: format!("{station}.{control} = {value}: {}", limit.reason),
                            });
                        }
                    }
                }
                Ok(true)
            }
            _ => Ok(true),
        }
    }

    /// Events due at `tick`, turned into simulation commands.
    fn due_events(&mut self, tick: u64) -> Vec<Command> {
        let mut out = Vec::new();
        let now = self.sim.now_ms;
        let due: Vec<usize> = (0..self.scenario.events.len())
            .filter(|&i| !self.events_fired[i])
            .filter(|&i| {
                let event = &self.scenario.events[i];
                match (&event.at_h, &event.when) {
                    (Some(at_h), _) => (at_h * 3600.0 / self.scenario.step_s).round() as u64 <= tick,
                    (None, Some(c)) => self.holds(c),
                    (None, None) => false,
                }
            })
            .collect();
        for i in due {
            self.events_fired[i] = true;
            let event = self.scenario.events[i].clone();
            self.fire(&event, now, &mut out);
        }
        while self.random_faults.first().is_some_and(|(t, _, _)| *t <= tick) {
            let (_, station, fault) = self.random_faults.remove(0);
            self.inject(&station, fault, now, true, &mut out);
        }
        out
    }

    fn fire(&mut self, event: &Event, now: u64, out: &mut Vec<Command>) {
        if let (false, Some(msg)) = (event.hidden, &event.message) {
            self.messages.push((now, msg.clone()));
        }
        let kind = if event.hidden { TimelineKind::HiddenEvent } else { TimelineKind::Event };
        let note = |run: &mut Self, text: String| run.timeline.push(TimelineEntry { at_ms: now, kind, text });
        match &event.action {
            EventAction::Fault { station, fault } => self.inject(station, fault.clone(), now, event.hidden, out),
            EventAction::Breakdown { station, repair_h } => {
                note(self, format!("{station} breaks down"));
                out.push(Command::Breakdown { station: station.clone(), repair_s: repair_h * 3600.0 });
            }
            EventAction::LotChange { station, binder_viscosity_factor, dispersion_factor } => {
                note(self, format!("new material lot at {station}"));
                out.push(Command::ChangeLot {
                    station: station.clone(),
                    binder_viscosity_factor: *binder_viscosity_factor,
                    dispersion_factor: *dispersion_factor,
                });
            }
            EventAction::SetControl { station, control, value } => {
                note(self, format!("{station}.{control} set to {value}"));
                out.push(Command::SetControl { station: station.clone(), control: control.clone(), value: *value });
            }
            EventAction::Message => note(self, event.message.clone().unwrap_or_default()),
            EventAction::Order { quantity, due_h } => {
                let due_ms = (due_h * 3.6e6) as u64;
                note(self, format!("order: {quantity:.0} good units of product due at {due_h} h"));
                if !event.hidden && event.message.is_none() {
                    self.messages.push((now, format!("New order: {quantity:.0} good units due at {due_h} h")));
                }
                self.orders.push(Order { quantity: *quantity, due_ms, placed_ms: now, delivered_at_due: None });
            }
            EventAction::RandomFaults { .. } => {}
        }
    }

    fn inject(&mut self, station: &str, fault: Fault, now: u64, hidden: bool, out: &mut Vec<Command>) {
        let kind = if hidden { TimelineKind::HiddenEvent } else { TimelineKind::Event };
        self.timeline.push(TimelineEntry { at_ms: now, kind, text: format!("{}: {}", station, fault.label()) });
        self.injected.push(InjectedFault {
            station: station.into(),
            fault: fault.clone(),
            injected_ms: now,
            fixed_ms: None,
        });
        out.push(Command::InjectFault { station: station.into(), fault });
    }

    fn holds(&self, c: &Condition) -> bool {
        let station = |id: &str| self.sim.line.station_index(id);
        match c {
            Condition::ReadoutAbove { station: s, readout, value } => {
                station(s).and_then(|i| self.sim.readout(i, readout)).is_some_and(|v| v > *value)
            }
            Condition::ReadoutBelow { station: s, readout, value } => {
                station(s).and_then(|i| self.sim.readout(i, readout)).is_some_and(|v| v < *value)
            }
            Condition::StationState { station: s, state } => {
                station(s).is_some_and(|i| self.sim.line.stations[i].state == *state)
            }
            Condition::CompletedAtLeast { quantity } => self.sim.line.counters.completed_quantity >= *quantity,
        }
    }

    /// The value a measure reads now, if it has one yet.
    pub fn measure(&self, m: &Measure) -> Option<f64> {
        match m {
            Measure::Readout { station, readout } => {
                self.sim.line.station_index(station).and_then(|i| self.sim.readout(i, readout))
            }
            Measure::StationOee { station } => self
                .sim
                .line
                .station_index(station)
                .map(|i| crate::kpi::station_kpis(&self.sim.line, i, self.sim.now_ms).oee),
            Measure::ThroughputPerH => {
                let h = self.hours();
                (h > 0.0).then(|| self.sim.line.counters.completed as f64 / h)
            }
            Measure::BufferLevel { from, to } => {
                let (f, t) = (self.sim.line.station_index(from)?, self.sim.line.station_index(to)?);
                self.sim.line.buffers.iter().find(|b| b.from == f && b.to == t).map(|b| b.units.len() as f64)
            }
        }
    }

    /// Good quantity a station has passed first time, in its own unit.
    pub fn station_good_quantity(&self, station: &str) -> f64 {
        self.sim.line.station_index(station).map_or(0.0, |i| {
            let c = &self.sim.line.stations[i].counters;
            (c.quantity_in - c.quantity_defective()).max(0.0)
        })
    }

    /// Unplanned scrap so far: solids scrapped for causes other than planned trims, kg.
    pub fn unplanned_scrap_kg(&self) -> f64 {
        self.sim
            .line
            .stations
            .iter()
            .flat_map(|s| s.counters.scrap_by_cause.iter())
            .filter(|e| !e.cause.contains("(planned)"))
            .fold(0.0, |total, e| total + e.solids_kg)
    }

    fn after_tick(&mut self) {
        let now = self.sim.now_ms;
        let hours = self.hours();
        // Faults fixed by maintenance.
        for f in self.injected.iter_mut().filter(|f| f.fixed_ms.is_none()) {
            let present = self
                .sim
                .line
                .station_index(&f.station)
                .is_some_and(|i| self.sim.line.stations[i].faults.iter().any(|a| a.fault == f.fault));
            if !present {
                f.fixed_ms = Some(now);
            }
        }
        // Orders falling due.
        let delivered = self.good_delivered();
        for order in self.orders.iter_mut().filter(|o| o.delivered_at_due.is_none() && o.due_ms <= now) {
            order.delivered_at_due = Some(delivered);
        }
        // New alarms into the timeline.
        for alarm in self.sim.alarms.alarms.iter().filter(|a| a.id as usize > self.alarms_seen) {
            self.timeline.push(TimelineEntry {
                at_ms: alarm.raised_ms,
                kind: TimelineKind::Alarm,
                text: format!("alarm {} ({:?}): {}", alarm.id, alarm.priority, alarm.message),
            });
        }
        self.alarms_seen = self.sim.alarms.alarms.last().map_or(0, |a| a.id as usize);
        // Objectives: decide with shared borrows, then record.
        let step_h = self.scenario.step_s / 3600.0;
        let mut captures = Vec::new();
        let mut samples = Vec::new();
        for (t, o) in self.scenario.objectives.iter().enumerate() {
            let open = self.trackers[t].captured.is_none();
            match &o.kind {
                ObjectiveKind::Deliver { by_h, .. } if open && hours + 1e-9 >= *by_h => {
                    captures.push((t, self.good_delivered()))
                }
                ObjectiveKind::Produce { station, by_h, .. } if open && hours + 1e-9 >= *by_h => {
                    captures.push((t, self.station_good_quantity(station)))
                }
                ObjectiveKind::KeepInLimits { measure, min, max, from_h, to_h }
                    if hours >= *from_h && hours <= to_h.unwrap_or(f64::INFINITY) + step_h / 2.0 =>
                {
                    let ok = self
                        .measure(measure)
                        .is_some_and(|v| min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi));
                    samples.push((t, ok));
                }
                _ => {}
            }
        }
        for (t, value) in captures {
            self.trackers[t].captured = Some(value);
        }
        for (t, ok) in samples {
            let tracker = &mut self.trackers[t];
            if ok { tracker.inside += 1 } else { tracker.outside += 1 }
        }
        let sample_every = ((KPI_SAMPLE_S / self.scenario.step_s).round() as u64).max(1);
        if self.sim.tick.is_multiple_of(sample_every) || self.is_finished() {
            let k = self.sim.kpis();
            self.kpi_series.push(KpiSample {
                at_h: hours,
                throughput_per_h: k.throughput_per_h,
                oee: k.oee,
                first_pass_yield: k.first_pass_yield,
                wip: k.wip,
                unplanned_scrap_kg: self.unplanned_scrap_kg(),
                completed_quantity: k.completed_quantity,
            });
        }
    }

    /// Good product the line has completed, in its unit (sheets without burr or latent
    /// defects, metres, units).
    pub fn good_delivered(&self) -> f64 {
        self.sim.line.counters.completed_good_quantity
    }

    /// Hash of the whole run state.
    pub fn state_hash(&self) -> StateHash {
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        StateHash(blake3::hash(&bytes).to_hex()[..32].to_string())
    }
}

/// A command in words, for the timeline.
pub fn describe(c: &Command) -> String {
    match c {
        Command::SetControl { station, control, value } => format!("{station}.{control} -> {value}"),
        Command::StopStation { station } => format!("stop {station}"),
        Command::StartStation { station } => format!("start {station}"),
        Command::StartMaintenance { station, duration_s } => {
            format!("maintenance of {station} ({:.0} min)", duration_s / 60.0)
        }
        Command::InjectFault { station, fault } => format!("instructor: {} at {station}", fault.label()),
        Command::Breakdown { station, .. } => format!("instructor: breakdown of {station}"),
        Command::ChangeLot { station, .. } => format!("instructor: lot change at {station}"),
        Command::TakeHint { hint } => format!("hint {hint}"),
        Command::AcknowledgeAlarm { alarm } => format!("acknowledge alarm {alarm}"),
        Command::ShelveAlarm { alarm, duration_s } => format!("shelve alarm {alarm} ({:.0} min)", duration_s / 60.0),
        Command::UnshelveAlarm { alarm } => format!("unshelve alarm {alarm}"),
    }
}

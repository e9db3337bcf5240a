//! The simulation: a line, its clock, event log and alarms, advanced only by
//! [`Simulation::tick`] with a list of commands.
//!
//! Contracts: deterministic (same layout + seed + commands give the same [`StateHash`] on
//! every platform), snapshot-able (the whole state serialises and a restored run continues
//! identically), and panic-free (bad commands are rejected and logged, not trusted).

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmBoard;
use crate::command::{Command, Rejection};
use crate::controls::{ControlSpec, Readout};
use crate::input::{self, FieldPath, InputError, Issues};
use crate::kpi::{self, LineKpis};
use crate::layout::LineLayout;
use crate::line::{Journal, Line};
use crate::log::{EventLog, LogKind};
use crate::stations::LotChange;
use crate::text::Message;
use crate::time::secs_to_ms;

/// Default plant-time step of one tick, milliseconds.
pub const DEFAULT_STEP_MS: u64 = 1000;

/// Longest plant-time step of one tick (one hour): a longer step is clamped to it.
pub const MAX_STEP_MS: u64 = 3_600_000;

/// A stable hash of the canonical serialisation of the whole state (BLAKE3, hex).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StateHash(pub String);

impl std::fmt::Display for StateHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub seed: u64,
    /// Plant time per tick, milliseconds.
    pub step_ms: u64,
    pub tick: u64,
    pub now_ms: u64,
    pub line: Line,
    pub log: EventLog,
    pub alarms: AlarmBoard,
}

/// Readouts every station publishes.
pub const COMMON_READOUTS: [&str; 4] = ["processed", "scrapped", "failures", "input_level"];

/// What a tick did with its commands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TickReport {
    pub rejected: Vec<Rejection>,
    /// Instructor's commands refused (scenario runs only; the trainee never sees these).
    pub instructor_rejected: Vec<Rejection>,
}

impl Simulation {
    /// A new run of `layout` seeded with `seed`; fails if the layout is invalid.
    pub fn new(layout: &LineLayout, seed: u64) -> Result<Self, Issues> {
        Self::with_step(layout, seed, DEFAULT_STEP_MS)
    }

    pub fn with_step(layout: &LineLayout, seed: u64, step_ms: u64) -> Result<Self, Issues> {
        let issues = layout.validate();
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(Self {
            seed,
            step_ms: step_ms.clamp(1, MAX_STEP_MS),
            tick: 0,
            now_ms: 0,
            line: Line::new(layout, seed),
            log: EventLog::default(),
            alarms: AlarmBoard::default(),
        })
    }

    /// Applies `commands` at the current time, then advances plant time by one step.
    pub fn tick(&mut self, commands: &[Command]) -> TickReport {
        let mut report = TickReport::default();
        for command in commands {
            if let Err(reason) = self.apply(command) {
                self.log.push(self.now_ms, command.station(), LogKind::CommandRejected { reason: reason.clone() });
                report.rejected.push(Rejection { command: command.clone(), reason });
            }
        }
        self.advance_ticks(1);
        report
    }

    /// Advances `n` ticks with no commands, in one pass over the events in between (the
    /// result is identical to `n` calls of `tick(&[])`).
    pub fn advance_ticks(&mut self, n: u64) {
        let end_ms = self.now_ms.saturating_add(self.step_ms.saturating_mul(n));
        let mut journal = Journal { log: &mut self.log, alarms: &mut self.alarms };
        self.line.advance_to(&mut self.now_ms, end_ms, &mut journal);
        self.line.observe(self.now_ms);
        for alarm in self.alarms.expire_shelving(self.now_ms) {
            self.log.push(self.now_ms, None, LogKind::AlarmUnshelved { alarm });
        }
        self.tick = self.tick.saturating_add(n);
    }

    /// Runs for `hours` of plant time without commands.
    pub fn run_hours(&mut self, hours: f64) {
        self.advance_ticks(self.ticks_in_hours(hours));
    }

    /// The ticks [`Simulation::run_hours`] advances for `hours`.
    pub fn ticks_in_hours(&self, hours: f64) -> u64 {
        secs_to_ms(hours * 3600.0) / self.step_ms
    }

    fn station(&self, id: &str) -> Result<usize, Message> {
        self.line.station_index(id).ok_or_else(|| Message::new("reject-no-station").verbatim("station", id))
    }

    /// Carries out one command; `Err` says, for the operator, why it was refused.
    fn apply(&mut self, command: &Command) -> Result<(), Message> {
        let now = self.now_ms;
        match command {
            Command::SetControl { station, control, value } => {
                let i = self.station(station)?;
                let spec = self.controls(i).into_iter().find(|c| &c.name == control).ok_or_else(|| {
                    Message::new("reject-no-control").station("station", station).verbatim("control", control)
                })?;
                if !spec.accepts(*value) {
                    let decimals = step_decimals(spec.step);
                    return Err(Message::new("reject-out-of-range")
                        .control("control", station, control)
                        .number("value", *value, decimals)
                        .number("min", spec.min, decimals)
                        .number("max", spec.max, decimals)
                        .unit("unit", spec.unit.clone()));
                }
                self.line.stations[i].kind.station_mut().set_control(control, *value);
                self.line.replan(i, now, crate::stations::Replan::Setpoint);
                self.log.push(
                    now,
                    Some(station),
                    LogKind::ControlChanged { control: control.clone(), from: spec.value, to: *value },
                );
            }
            Command::StopStation { station } => {
                let i = self.station(station)?;
                self.line.request_stop(i, now);
                self.log.push(now, Some(station), LogKind::Stopped);
            }
            Command::StartStation { station } => {
                let i = self.station(station)?;
                self.line.request_start(i, now);
                self.log.push(now, Some(station), LogKind::Started);
            }
            Command::StartMaintenance { station, duration_s } => {
                let i = self.station(station)?;
                if !(duration_s.is_finite() && *duration_s >= 0.0 && *duration_s <= 7.0 * 86_400.0) {
                    return Err(Message::new("reject-maintenance-duration").number("s", *duration_s, 0));
                }
                self.line.start_maintenance(i, now, secs_to_ms(*duration_s))?;
                self.log.push(now, Some(station), LogKind::MaintenanceStarted { duration_s: *duration_s });
            }
            Command::InjectFault { station, fault } => {
                let i = self.station(station)?;
                self.line
                    .inject_fault(i, fault.clone(), now)
                    .map_err(|e| Message::new("reject-instructor").verbatim("detail", e))?;
                self.log.push(now, Some(station), LogKind::FaultInjected { fault: fault.label() });
            }
            Command::Breakdown { station, repair_s } => {
                let i = self.station(station)?;
                if !(repair_s.is_finite() && *repair_s > 0.0 && *repair_s <= 7.0 * 86_400.0) {
                    return Err(Message::new("reject-repair-time").number("s", *repair_s, 0));
                }
                let mut journal = Journal { log: &mut self.log, alarms: &mut self.alarms };
                self.line.force_breakdown(i, now, secs_to_ms(*repair_s), &mut journal)?;
            }
            Command::ChangeLot { station, binder_viscosity_factor, dispersion_factor } => {
                let i = self.station(station)?;
                let lot = LotChange {
                    binder_viscosity_factor: *binder_viscosity_factor,
                    dispersion_factor: *dispersion_factor,
                };
                self.line.stations[i]
                    .kind
                    .station_mut()
                    .change_lot(&lot)
                    .map_err(|e| Message::new("reject-instructor").verbatim("detail", e))?;
                self.log.push(
                    now,
                    Some(station),
                    LogKind::LotChanged {
                        binder_viscosity_factor: *binder_viscosity_factor,
                        dispersion_factor: *dispersion_factor,
                    },
                );
            }
            Command::SendMessage { text } => {
                if text.chars().count() > crate::command::MAX_MESSAGE_CHARS {
                    return Err(
                        Message::new("reject-message-too-long").count("max", crate::command::MAX_MESSAGE_CHARS as u32)
                    );
                }
                // For the trainee only: the plant does not change.
            }
            Command::TakeHint { .. } => return Err(Message::new("reject-hint-without-scenario")),
            Command::Diagnose { .. } => return Err(Message::new("reject-diagnosis-without-scenario")),
            Command::AcknowledgeAlarm { alarm } => {
                self.alarms.acknowledge(now, *alarm).map_err(|e| e.message())?;
                self.log.push(now, None, LogKind::AlarmAcknowledged { alarm: *alarm });
            }
            Command::ShelveAlarm { alarm, duration_s } => {
                if !(duration_s.is_finite() && *duration_s > 0.0 && *duration_s <= 86_400.0) {
                    return Err(Message::new("reject-shelve-duration").number("s", *duration_s, 0));
                }
                let until_ms = now.saturating_add(secs_to_ms(*duration_s));
                self.alarms.shelve(*alarm, until_ms).map_err(|e| e.message())?;
                self.log.push(now, None, LogKind::AlarmShelved { alarm: *alarm, until_ms });
            }
            Command::UnshelveAlarm { alarm } => {
                self.alarms.unshelve(*alarm).map_err(|e| e.message())?;
                self.log.push(now, None, LogKind::AlarmUnshelved { alarm: *alarm });
            }
        }
        Ok(())
    }

    /// Controls station `i` publishes now.
    pub fn controls(&self, i: usize) -> Vec<ControlSpec> {
        self.line.stations.get(i).map(|s| s.kind.station().controls()).unwrap_or_default()
    }

    /// Readouts station `i` publishes now (common ones first, then the kind's own).
    pub fn readouts(&self, i: usize) -> Vec<Readout> {
        let Some(s) = self.line.stations.get(i) else {
            return Vec::new();
        };
        let input_level: usize = s.inputs.iter().map(|&b| self.line.buffer_level(b)).sum();
        let mut readouts = vec![
            Readout::new("processed", "Units processed", "units", s.counters.processed as f64),
            Readout::new("scrapped", "Units scrapped", "units", s.counters.scrapped as f64),
            Readout::new("failures", "Breakdowns", "count", s.counters.failures as f64),
            Readout::new("input_level", "Input buffer level", "units", input_level as f64),
        ];
        readouts.extend(s.kind.station().readouts());
        readouts
    }

    /// Readout names station `i` can publish (common ones and the kind's own).
    pub fn readout_names(&self, i: usize) -> Vec<String> {
        let Some(s) = self.line.stations.get(i) else { return Vec::new() };
        let mut names: Vec<String> = COMMON_READOUTS.iter().map(|n| n.to_string()).collect();
        names.extend(s.kind.station().readout_names());
        names
    }

    /// The value of readout `name` of station `i` now, if it has one yet.
    pub fn readout(&self, i: usize, name: &str) -> Option<f64> {
        self.readouts(i).into_iter().find(|r| r.name == name && r.text.is_none()).map(|r| r.value)
    }

    pub fn kpis(&self) -> LineKpis {
        kpi::line_kpis(&self.line, self.now_ms)
    }

    /// Hash of the canonical (postcard) serialisation of the whole state.
    pub fn state_hash(&self) -> StateHash {
        let bytes = self.snapshot();
        StateHash(blake3::hash(&bytes).to_hex()[..32].to_string())
    }

    /// The whole state as compact bytes (canonical: the same state gives the same bytes).
    pub fn snapshot(&self) -> Vec<u8> {
        // Serialising plain data into a Vec cannot fail; an empty snapshot would be caught
        // by `restore`.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    pub fn restore(bytes: &[u8]) -> Result<Self, String> {
        let sim: Self = postcard::from_bytes(bytes).map_err(|e| format!("snapshot is not readable: {e}"))?;
        let issues = sim.validate();
        if issues.is_empty() { Ok(sim) } else { Err(format!("snapshot is not a consistent state: {issues}")) }
    }

    /// Checks a state read from a save or snapshot before anything runs on it: the time
    /// step in range, buffers and stations that refer to each other by valid indices, and
    /// every station's parameters as a layout would have them.
    pub fn validate(&self) -> Issues {
        let mut issues = Issues::default();
        let root = FieldPath::root();
        if !(1..=MAX_STEP_MS).contains(&self.step_ms) {
            issues.push(root.clone().field("step_ms"), format!("the time step must be 1 to {MAX_STEP_MS} ms"));
        }
        self.line.validate(&root.field("line"), &mut issues);
        issues
    }

    /// The whole state as a RON save file.
    pub fn to_ron(&self) -> Result<String, String> {
        input::to_ron(self)
    }

    pub fn from_ron(file: &str, source: &str) -> Result<Self, InputError> {
        let sim: Self = input::parse_ron(file, source)?;
        match sim.validate().into_error(file, source) {
            Some(err) => Err(err),
            None => Ok(sim),
        }
    }
}

/// Decimals that show a control's value at its step (`0.05` → 2, `5` → 0).
fn step_decimals(step: f64) -> u8 {
    let mut decimals = 0;
    let mut scaled = step.abs();
    while decimals < 4 && scaled.is_finite() && scaled > 0.0 && (scaled - scaled.round()).abs() > 1e-9 {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

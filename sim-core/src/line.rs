//! The line-flow model: stations joined by finite buffers, advanced event by event.
//!
//! Semantics of every station (the generic discrete station is the simplest case):
//! - it takes one unit from each input buffer (a source station never starves), processes it
//!   for the kind's cycle time, then waits until the next buffer has room (*blocking after
//!   service*); the last station ships to an unlimited sink;
//! - time to failure is exponentially distributed with mean MTBF and counted in operating
//!   (processing) time only; a failure interrupts the cycle, which resumes after an
//!   exponentially distributed repair with mean MTTR (preemptive resume);
//! - equipment states: idle (stopped by the operator), running, blocked, starved, down,
//!   setup (maintenance). Time in each state is accumulated on every transition.
//!
//! Work is only done at events (cycle end, failure, repair end), never per second, so a
//! simulated week of a line costs only as much as the units it makes.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::alarms::{AlarmBoard, AlarmPriority};
use crate::faults::{ActiveFault, Fault};
use crate::layout::LineLayout;
use crate::log::{EventLog, LogKind};
use crate::rng::{self, Stream};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationKind};
use crate::time::secs_to_ms;
use crate::unit::{Defect, Payload, Unit, Visit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EquipmentState {
    Idle,
    Running,
    Blocked,
    Starved,
    Down,
    Setup,
}

impl EquipmentState {
    pub const ALL: [EquipmentState; 6] = [
        EquipmentState::Idle,
        EquipmentState::Running,
        EquipmentState::Blocked,
        EquipmentState::Starved,
        EquipmentState::Down,
        EquipmentState::Setup,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::Running => "running",
            Self::Blocked => "blocked",
            Self::Starved => "starved",
            Self::Down => "down",
            Self::Setup => "setup",
        }
    }
}

/// Failure model of a station: exponential up and repair times (means in ms).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailureModel {
    pub mtbf_ms: f64,
    pub mttr_ms: f64,
}

/// Scrap attributed to a station (where its root cause lies), for one cause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScrapEntry {
    pub cause: String,
    pub quantity: f64,
    pub quantity_unit: String,
    pub solids_kg: f64,
}

/// Counters a station keeps for its KPIs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StationCounters {
    /// Units whose processing finished here (good + scrapped).
    pub processed: u64,
    pub good: u64,
    /// Whole units scrapped at this station.
    pub scrapped: u64,
    pub failures: u64,
    /// Quantity that entered processing (metres, litres, units).
    pub quantity_in: f64,
    /// Quantity that left with a defect arising here (first-pass yield loss), by cause.
    pub defective_by_cause: Vec<(String, f64)>,
    /// Scrap whose root cause lies at this station, wherever it was removed.
    pub scrap_by_cause: Vec<ScrapEntry>,
}

impl StationCounters {
    pub fn quantity_defective(&self) -> f64 {
        self.defective_by_cause.iter().map(|(_, q)| q).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Station {
    pub id: String,
    pub name: String,
    pub area: String,
    pub kind: StationKind,
    /// Indices of the buffers this station takes from (empty: a source).
    pub inputs: Vec<usize>,
    /// Index of the buffer it feeds (none: ships to the sink).
    pub output: Option<usize>,
    pub failure: Option<FailureModel>,
    pub state: EquipmentState,
    state_since_ms: u64,
    /// Accumulated time per [`EquipmentState`], up to `state_since_ms`.
    state_time_ms: [u64; 6],
    /// Unit being processed (kept while down).
    in_process: Option<Unit>,
    /// Finished units waiting for room downstream.
    finished: VecDeque<Unit>,
    work_remaining_ms: u64,
    /// Operating time left until the next failure (none: never fails).
    uptime_remaining_ms: Option<u64>,
    /// Start of the current running stretch.
    resume_ms: u64,
    /// End of the current repair or maintenance.
    until_ms: u64,
    stop_requested: bool,
    /// Faults (malfunctions) active now; maintenance clears them.
    pub faults: Vec<ActiveFault>,
    /// Whole-unit scrap decided when the cycle started, applied when it ends.
    pending_scrap: Option<(u16, String)>,
    /// Process alarm conditions reported by the last cycle, and whether they changed since
    /// the alarm board last saw them.
    pub process_alarms: Vec<ProcessAlarm>,
    alarms_changed: bool,
    rng_failure: Stream,
    rng_quality: Stream,
    pub counters: StationCounters,
}

impl Station {
    /// Time spent in each state up to `now_ms`, indexed by [`EquipmentState::index`].
    pub fn state_times_ms(&self, now_ms: u64) -> [u64; 6] {
        let mut t = self.state_time_ms;
        t[self.state.index()] += now_ms.saturating_sub(self.state_since_ms);
        t
    }

    /// Units held in the station (in process or waiting to leave).
    pub fn wip(&self) -> u64 {
        self.in_process.is_some() as u64 + self.finished.len() as u64
    }

    pub fn is_source(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Whether the operator has asked the station to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop_requested
    }

    /// When this station's next event is due, if any.
    fn next_event_ms(&self) -> Option<u64> {
        match self.state {
            EquipmentState::Running => {
                let left = match self.uptime_remaining_ms {
                    Some(up) => up.min(self.work_remaining_ms),
                    None => self.work_remaining_ms,
                };
                Some(self.resume_ms.saturating_add(left))
            }
            EquipmentState::Down | EquipmentState::Setup => Some(self.until_ms),
            _ => None,
        }
    }

    fn set_state(&mut self, now_ms: u64, state: EquipmentState) {
        if state == self.state {
            return;
        }
        self.state_time_ms[self.state.index()] += now_ms.saturating_sub(self.state_since_ms);
        self.state_since_ms = now_ms;
        self.state = state;
    }

    fn sample_uptime(&mut self) {
        self.uptime_remaining_ms =
            self.failure.as_ref().map(|f| secs_to_ms(rng::exponential(&mut self.rng_failure, f.mtbf_ms) / 1000.0));
    }

    /// The state a station with nothing in process settles into.
    fn free_state(&self) -> EquipmentState {
        if self.stop_requested { EquipmentState::Idle } else { EquipmentState::Starved }
    }

    /// Where a station goes after a repair or maintenance ends.
    fn resume_state(&self) -> EquipmentState {
        if self.in_process.is_some() {
            EquipmentState::Running
        } else if !self.finished.is_empty() {
            EquipmentState::Blocked
        } else {
            self.free_state()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Buffer {
    pub from: usize,
    pub to: usize,
    pub capacity: u32,
    pub units: VecDeque<Unit>,
    /// Highest level seen.
    pub peak_level: u32,
}

impl Buffer {
    pub fn has_room(&self) -> bool {
        (self.units.len() as u32) < self.capacity
    }
}

/// Totals of the whole line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LineCounters {
    /// Units created by source stations.
    pub entered: u64,
    /// Units shipped to the sink.
    pub completed: u64,
    pub completed_good: u64,
    /// Whole units scrapped.
    pub scrapped: u64,
    /// Quantity of product completed, in the unit of the last station's product.
    pub completed_quantity: f64,
    pub completed_quantity_unit: String,
    /// Of that, good product (see `Payload::good_quantity`).
    pub completed_good_quantity: f64,
    /// Dry solids (electrode material) entered at sources, completed, scrapped, kg.
    pub solids_entered_kg: f64,
    pub solids_completed_kg: f64,
    pub solids_scrapped_kg: f64,
    /// Integral of WIP over time, unit * ms (for the time-average WIP).
    pub wip_area_unit_ms: u64,
    wip_now: u64,
    wip_since_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub id: String,
    pub title: String,
    pub stations: Vec<Station>,
    pub buffers: Vec<Buffer>,
    pub counters: LineCounters,
    next_unit_id: u64,
}

/// Side channels a line writes to while it advances.
pub struct Journal<'a> {
    pub log: &'a mut EventLog,
    pub alarms: &'a mut AlarmBoard,
}

impl Line {
    /// Builds the line of a validated layout, with its random streams seeded from `seed`.
    pub fn new(layout: &LineLayout, seed: u64) -> Self {
        let index = |id: &str| layout.station_index(id).unwrap_or(0);
        let buffers: Vec<Buffer> = layout
            .buffers
            .iter()
            .map(|b| Buffer {
                from: index(&b.from),
                to: index(&b.to),
                capacity: b.capacity,
                units: VecDeque::new(),
                peak_level: 0,
            })
            .collect();
        let stations = layout
            .stations
            .iter()
            .enumerate()
            .map(|(i, cfg)| {
                let mut station = Station {
                    id: cfg.id.clone(),
                    name: if cfg.name.is_empty() { cfg.id.clone() } else { cfg.name.clone() },
                    area: cfg.area.clone(),
                    kind: cfg.kind.clone(),
                    inputs: (0..buffers.len()).filter(|&b| buffers[b].to == i).collect(),
                    output: (0..buffers.len()).find(|&b| buffers[b].from == i),
                    failure: cfg.mtbf_h.map(|mtbf_h| FailureModel {
                        mtbf_ms: mtbf_h * 3_600_000.0,
                        mttr_ms: cfg.mttr_h * 3_600_000.0,
                    }),
                    state: EquipmentState::Starved,
                    state_since_ms: 0,
                    state_time_ms: [0; 6],
                    in_process: None,
                    finished: VecDeque::new(),
                    work_remaining_ms: 0,
                    uptime_remaining_ms: None,
                    resume_ms: 0,
                    until_ms: 0,
                    stop_requested: false,
                    faults: Vec::new(),
                    pending_scrap: None,
                    process_alarms: Vec::new(),
                    alarms_changed: false,
                    rng_failure: rng::stream(seed, &format!("station/{}/failure", cfg.id)),
                    rng_quality: rng::stream(seed, &format!("station/{}/quality", cfg.id)),
                    counters: StationCounters::default(),
                };
                station.sample_uptime();
                station
            })
            .collect();
        Self {
            id: layout.id.clone(),
            title: layout.title.clone(),
            stations,
            buffers,
            counters: LineCounters::default(),
            next_unit_id: 1,
        }
    }

    pub fn station_index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }

    /// Units now in buffers and stations.
    pub fn wip(&self) -> u64 {
        self.counters.wip_now
    }

    fn wip_change(&mut self, now_ms: u64, delta: i64) {
        let c = &mut self.counters;
        c.wip_area_unit_ms =
            c.wip_area_unit_ms.saturating_add(c.wip_now.saturating_mul(now_ms.saturating_sub(c.wip_since_ms)));
        c.wip_since_ms = now_ms;
        c.wip_now = c.wip_now.saturating_add_signed(delta);
    }

    /// Time-average WIP over `[0, now_ms]`.
    pub fn average_wip(&self, now_ms: u64) -> f64 {
        let c = &self.counters;
        let area = c.wip_area_unit_ms.saturating_add(c.wip_now.saturating_mul(now_ms.saturating_sub(c.wip_since_ms)));
        if now_ms == 0 { c.wip_now as f64 } else { area as f64 / now_ms as f64 }
    }

    /// Processes every event due at or before `end_ms`, in time order (ties: lowest station
    /// index first), settling the flow after each.
    pub fn advance_to(&mut self, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        self.settle(*now_ms);
        self.sync_alarms(*now_ms, journal);
        loop {
            let next = self.stations.iter().enumerate().filter_map(|(i, s)| s.next_event_ms().map(|t| (t, i))).min();
            match next {
                Some((t, i)) if t <= end_ms => {
                    *now_ms = t.max(*now_ms);
                    self.handle_event(i, *now_ms, journal);
                    self.settle(*now_ms);
                    self.sync_alarms(*now_ms, journal);
                }
                _ => break,
            }
        }
        *now_ms = end_ms.max(*now_ms);
    }

    /// Raises process alarms that became true and clears those that no longer are.
    fn sync_alarms(&mut self, now: u64, journal: &mut Journal) {
        for station in self.stations.iter_mut().filter(|s| s.alarms_changed) {
            station.alarms_changed = false;
            let prefix = format!("{}.process.", station.id);
            for alarm in &station.process_alarms {
                let tag = format!("{prefix}{}", alarm.tag);
                let message = format!("{}: {}", station.name, alarm.message);
                if let Some(id) = journal.alarms.raise(now, &tag, Some(&station.id), alarm.priority, message) {
                    journal.log.push(now, Some(&station.id), LogKind::AlarmRaised { alarm: id });
                }
            }
            let active: Vec<String> = journal
                .alarms
                .alarms
                .iter()
                .filter(|a| a.active && a.tag.starts_with(&prefix))
                .map(|a| a.tag.clone())
                .collect();
            for tag in active {
                if !station.process_alarms.iter().any(|a| tag == format!("{prefix}{}", a.tag))
                    && let Some(id) = journal.alarms.clear(now, &tag)
                {
                    journal.log.push(now, Some(&station.id), LogKind::AlarmCleared { alarm: id });
                }
            }
        }
    }

    /// Forces a breakdown now (an instructor's malfunction): the station goes down for
    /// `repair_ms`, interrupting a cycle, which resumes after the repair.
    pub fn force_breakdown(&mut self, i: usize, now: u64, repair_ms: u64, journal: &mut Journal) -> Result<(), String> {
        let station = &mut self.stations[i];
        match station.state {
            EquipmentState::Down => return Err(format!("{} is already down", station.id)),
            EquipmentState::Running => {
                let elapsed = now.saturating_sub(station.resume_ms);
                station.work_remaining_ms = station.work_remaining_ms.saturating_sub(elapsed);
                if let Some(up) = station.uptime_remaining_ms.as_mut() {
                    *up = up.saturating_sub(elapsed);
                }
                station.resume_ms = now;
            }
            _ => {}
        }
        station.until_ms = now.saturating_add(repair_ms);
        station.counters.failures += 1;
        station.set_state(now, EquipmentState::Down);
        let id = station.id.clone();
        journal.log.push(now, Some(&id), LogKind::Breakdown);
        let message = format!("{} breakdown: repair under way", station.name);
        if let Some(alarm) =
            journal.alarms.raise(now, &format!("{id}.breakdown"), Some(&id), AlarmPriority::High, message)
        {
            journal.log.push(now, Some(&id), LogKind::AlarmRaised { alarm });
        }
        Ok(())
    }

    fn handle_event(&mut self, i: usize, now: u64, journal: &mut Journal) {
        match self.stations[i].state {
            EquipmentState::Running => {
                let station = &mut self.stations[i];
                let elapsed = now.saturating_sub(station.resume_ms);
                station.work_remaining_ms = station.work_remaining_ms.saturating_sub(elapsed);
                if let Some(up) = station.uptime_remaining_ms.as_mut() {
                    *up = up.saturating_sub(elapsed);
                }
                station.resume_ms = now;
                if station.work_remaining_ms == 0 {
                    self.finish_cycle(i, now);
                }
                let station = &mut self.stations[i];
                if station.uptime_remaining_ms == Some(0) {
                    let mttr_ms = station.failure.as_ref().map_or(1.0, |f| f.mttr_ms);
                    let repair_ms = secs_to_ms(rng::exponential(&mut station.rng_failure, mttr_ms) / 1000.0);
                    station.until_ms = now.saturating_add(repair_ms);
                    station.uptime_remaining_ms = None;
                    station.counters.failures += 1;
                    station.set_state(now, EquipmentState::Down);
                    let id = station.id.clone();
                    journal.log.push(now, Some(&id), LogKind::Breakdown);
                    let tag = format!("{id}.breakdown");
                    let message = format!("{} breakdown: repair under way", station.name);
                    if let Some(alarm) = journal.alarms.raise(now, &tag, Some(&id), AlarmPriority::High, message) {
                        journal.log.push(now, Some(&id), LogKind::AlarmRaised { alarm });
                    }
                }
            }
            EquipmentState::Down | EquipmentState::Setup => {
                let station = &mut self.stations[i];
                let was_down = station.state == EquipmentState::Down;
                station.sample_uptime();
                station.resume_ms = now;
                let next = station.resume_state();
                station.set_state(now, next);
                let id = station.id.clone();
                if !was_down {
                    station.faults.clear();
                    station.kind.station_mut().maintained();
                }
                if was_down {
                    journal.log.push(now, Some(&id), LogKind::Repaired);
                    if let Some(alarm) = journal.alarms.clear(now, &format!("{id}.breakdown")) {
                        journal.log.push(now, Some(&id), LogKind::AlarmCleared { alarm });
                    }
                } else {
                    journal.log.push(now, Some(&id), LogKind::MaintenanceDone);
                }
            }
            _ => {}
        }
    }

    fn finish_cycle(&mut self, i: usize, now: u64) {
        let station = &mut self.stations[i];
        let Some(mut unit) = station.in_process.take() else {
            return;
        };
        if let Some(visit) = unit.history.last_mut() {
            visit.end_ms = now;
        }
        station.counters.processed += 1;
        match station.pending_scrap.take() {
            None => {
                station.counters.good += 1;
                station.finished.push_back(unit);
            }
            Some((origin, cause)) => {
                station.counters.scrapped += 1;
                unit.defects.push(Defect { kind: cause.clone(), station: i as u16, at_ms: now });
                let (quantity, quantity_unit) = unit.payload.quantity();
                let solids_kg = unit.payload.solids_kg();
                self.record_scrap(origin as usize, &cause, quantity, quantity_unit, solids_kg);
                self.counters.scrapped += 1;
                self.wip_change(now, -1);
            }
        }
        let station = &mut self.stations[i];
        let next = if station.finished.is_empty() { station.free_state() } else { EquipmentState::Blocked };
        station.set_state(now, next);
    }

    /// Books scrap against the station where its root cause lies.
    fn record_scrap(&mut self, origin: usize, cause: &str, quantity: f64, quantity_unit: &str, solids_kg: f64) {
        self.counters.solids_scrapped_kg += solids_kg;
        let Some(station) = self.stations.get_mut(origin) else { return };
        let entries = &mut station.counters.scrap_by_cause;
        match entries.iter_mut().find(|e| e.cause == cause && e.quantity_unit == quantity_unit) {
            Some(e) => {
                e.quantity += quantity;
                e.solids_kg += solids_kg;
            }
            None => entries.push(ScrapEntry {
                cause: cause.to_string(),
                quantity,
                quantity_unit: quantity_unit.to_string(),
                solids_kg,
            }),
        }
    }

    /// Books what a cycle decided when it started.
    fn record_cycle(&mut self, i: usize, report: &CycleReport) {
        let counters = &mut self.stations[i].counters;
        counters.quantity_in += report.quantity;
        for (cause, quantity) in &report.defective {
            match counters.defective_by_cause.iter_mut().find(|(c, _)| c == cause) {
                Some((_, q)) => *q += quantity,
                None => counters.defective_by_cause.push((cause.clone(), *quantity)),
            }
        }
        for r in &report.removed {
            self.record_scrap(r.origin as usize, &r.cause, r.quantity, &r.quantity_unit, r.solids_kg);
        }
        let station = &mut self.stations[i];
        station.pending_scrap = report.scrap_unit.clone();
        if station.process_alarms != report.alarms {
            station.process_alarms = report.alarms.clone();
            station.alarms_changed = true;
        }
    }

    /// Moves units wherever the flow rules allow at this instant, until nothing changes.
    fn settle(&mut self, now: u64) {
        loop {
            let mut changed = false;
            for i in 0..self.stations.len() {
                changed |= self.try_unload(i, now);
                changed |= self.try_load(i, now);
            }
            if !changed {
                break;
            }
        }
    }

    /// A blocked station passes finished units on (to its buffer or the sink).
    fn try_unload(&mut self, i: usize, now: u64) -> bool {
        if self.stations[i].state != EquipmentState::Blocked {
            return false;
        }
        let mut moved = false;
        match self.stations[i].output {
            None => {
                while let Some(unit) = self.stations[i].finished.pop_front() {
                    self.counters.completed += 1;
                    self.counters.solids_completed_kg += unit.payload.solids_kg();
                    let (quantity, quantity_unit) = unit.payload.quantity();
                    self.counters.completed_quantity += quantity;
                    if unit.is_good() {
                        self.counters.completed_good_quantity += unit.payload.good_quantity();
                    }
                    if self.counters.completed_quantity_unit != quantity_unit {
                        self.counters.completed_quantity_unit = quantity_unit.to_string();
                    }
                    if unit.is_good() {
                        self.counters.completed_good += 1;
                    }
                    self.wip_change(now, -1);
                    moved = true;
                }
            }
            Some(b) => {
                while self.buffers[b].has_room() {
                    let Some(unit) = self.stations[i].finished.pop_front() else {
                        break;
                    };
                    let buffer = &mut self.buffers[b];
                    buffer.units.push_back(unit);
                    buffer.peak_level = buffer.peak_level.max(buffer.units.len() as u32);
                    moved = true;
                }
            }
        }
        let station = &mut self.stations[i];
        if station.finished.is_empty() {
            let next = station.free_state();
            station.set_state(now, next);
            moved = true;
        }
        moved
    }

    /// A starved station starts a cycle when every input buffer holds a unit.
    fn try_load(&mut self, i: usize, now: u64) -> bool {
        let station = &self.stations[i];
        if station.state != EquipmentState::Starved || station.in_process.is_some() || !station.finished.is_empty() {
            return false;
        }
        if station.stop_requested {
            self.stations[i].set_state(now, EquipmentState::Idle);
            return true;
        }
        if !station.inputs.iter().all(|&b| !self.buffers[b].units.is_empty()) {
            return false;
        }
        let is_source = station.is_source();
        let mut unit = if is_source {
            let unit = Unit::new(self.next_unit_id, Payload::Part, now);
            self.next_unit_id += 1;
            self.counters.entered += 1;
            self.wip_change(now, 1);
            unit
        } else {
            let mut taken = Vec::with_capacity(station.inputs.len());
            for &b in &self.stations[i].inputs {
                if let Some(u) = self.buffers[b].units.pop_front() {
                    taken.push(u);
                }
            }
            let mut primary = taken.remove(0);
            for other in taken {
                // Assembly: the components become part of the primary unit.
                primary.components.push(other.id);
                primary.defects.extend(other.defects);
                self.wip_change(now, -1);
            }
            primary
        };
        unit.history.push(Visit { station: i as u16, start_ms: now, end_ms: now });
        let station = &mut self.stations[i];
        let mut ctx =
            CycleContext { station: i as u16, now_ms: now, rng: &mut station.rng_quality, faults: &station.faults };
        let report = station.kind.station_mut().start_cycle(&mut unit, &mut ctx);
        if is_source {
            self.counters.solids_entered_kg += unit.payload.solids_kg();
        }
        self.record_cycle(i, &report);
        let station = &mut self.stations[i];
        station.in_process = Some(unit);
        station.work_remaining_ms = report.cycle_time_ms;
        station.resume_ms = now;
        station.set_state(now, EquipmentState::Running);
        true
    }

    /// Operator stop: the station finishes its current unit, then goes idle.
    pub fn request_stop(&mut self, i: usize, now: u64) {
        let station = &mut self.stations[i];
        station.stop_requested = true;
        if station.state == EquipmentState::Starved {
            station.set_state(now, EquipmentState::Idle);
        }
    }

    /// Operator start of a stopped station.
    pub fn request_start(&mut self, i: usize, now: u64) {
        let station = &mut self.stations[i];
        station.stop_requested = false;
        if station.state == EquipmentState::Idle {
            station.set_state(now, EquipmentState::Starved);
        }
        self.settle(now);
    }

    /// Maintenance: the station goes to setup for `duration_ms` (interrupting a cycle, which
    /// resumes afterwards) and comes back with a renewed failure clock.
    pub fn start_maintenance(&mut self, i: usize, now: u64, duration_ms: u64) -> Result<(), String> {
        let station = &mut self.stations[i];
        match station.state {
            EquipmentState::Down => {
                return Err(format!("{} is down; wait for the repair", station.id));
            }
            EquipmentState::Setup => {
                return Err(format!("{} is already in maintenance", station.id));
            }
            EquipmentState::Running => {
                let elapsed = now.saturating_sub(station.resume_ms);
                station.work_remaining_ms = station.work_remaining_ms.saturating_sub(elapsed);
                if let Some(up) = station.uptime_remaining_ms.as_mut() {
                    *up = up.saturating_sub(elapsed);
                }
            }
            _ => {}
        }
        station.until_ms = now.saturating_add(duration_ms);
        station.set_state(now, EquipmentState::Setup);
        Ok(())
    }

    /// Injects a fault (malfunction) into station `i`; it lasts until maintenance.
    pub fn inject_fault(&mut self, i: usize, fault: Fault, now: u64) -> Result<(), String> {
        let station = &mut self.stations[i];
        station.kind.station().accepts_fault(&fault)?;
        if station.faults.iter().any(|f| f.fault == fault) {
            return Err(format!("{} already has a {}", station.id, fault.label()));
        }
        station.faults.push(ActiveFault { fault, since_ms: now });
        Ok(())
    }

    /// Every unit in the line now (in buffers and stations).
    pub fn units_in_process(&self) -> impl Iterator<Item = &Unit> {
        self.buffers
            .iter()
            .flat_map(|b| b.units.iter())
            .chain(self.stations.iter().flat_map(|s| s.in_process.iter().chain(s.finished.iter())))
    }

    /// Dry solids in the line now, kg.
    pub fn solids_in_process_kg(&self) -> f64 {
        self.units_in_process().map(|u| u.payload.solids_kg()).sum()
    }

    /// Units waiting in buffer `b`.
    pub fn buffer_level(&self, b: usize) -> usize {
        self.buffers.get(b).map_or(0, |buf| buf.units.len())
    }
}

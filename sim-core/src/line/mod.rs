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
//! simulated week of a line costs only as much as the units it makes. Units are boxed, so
//! moving one between a station and a buffer moves a pointer, not its quality record.
//!
//! Parts: `equipment.rs` (the states of one station, failures and repairs), `flow.rs`
//! (units moving through buffers and stations), `booking.rs` (counters, scrap by root
//! cause, WIP), `fixed/` (the fast path for chains of fixed-cycle stations, which reaches
//! the same state as the general kernel on compact data).

mod booking;
mod equipment;
mod fixed;
mod flow;

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

pub use booking::{LineCounters, ScrapEntry, StationCounters};
pub use equipment::{EquipmentState, FailureModel, STATE_COUNT, Station};
pub use flow::Buffer;

use crate::alarms::AlarmBoard;
use crate::faults::{ActiveFault, Fault};
use crate::layout::LineLayout;
use crate::log::{EventLog, LogKind};
use crate::rng;
use crate::text::{Localized, Message};
use crate::unit::{Unit, UnitId};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub id: String,
    pub title: Localized,
    pub stations: Vec<Station>,
    pub buffers: Vec<Buffer>,
    pub counters: LineCounters,
    /// Station pairs sharing a web (upstream, downstream), from the buffers marked `web`.
    pub(super) webs: Vec<(usize, usize)>,
    pub(super) next_unit_id: u64,
    /// Scratch of `advance_to`: next event time per station (u64::MAX: none), kept up to
    /// date as stations change state. Empty between calls.
    #[serde(skip)]
    next_at: Vec<u64>,
    /// Units that left the line, kept to be reused by sources (not part of the state).
    #[serde(skip)]
    spare_units: UnitPool,
    /// Whether a cycle changed a station's process alarms since the board last saw them
    /// (a shortcut: `sync_alarms` also runs unconditionally at the start of an advance).
    #[serde(skip)]
    alarms_pending: bool,
}

/// Spare unit allocations: scratch, not state (equal to any other pool; a clone is empty).
// The boxes are the point: a reused box is an allocation saved.
#[allow(clippy::vec_box)]
#[derive(Debug, Default)]
pub(super) struct UnitPool(pub(super) Vec<Box<Unit>>);

impl Clone for UnitPool {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for UnitPool {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Where a unit is in the line (see [`Line::locate_unit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitPlace {
    /// At station `station`: in process, or finished and waiting for room downstream. `unit`
    /// is the unit found there (the one asked for, or the assembly it went into).
    InStation { station: usize, finished: bool, unit: UnitId },
    /// Waiting in buffer `buffer`, `slot` units from its head.
    InBuffer { buffer: usize, slot: usize, unit: UnitId },
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
                web: b.web,
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
                    name: if cfg.name.is_empty() { Localized::english(cfg.id.clone()) } else { cfg.name.clone() },
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
                    state_time_ms: [0; STATE_COUNT],
                    in_process: None,
                    finished: VecDeque::new(),
                    work_remaining_ms: 0,
                    cycle_ms: 0,
                    booked: None,
                    uptime_remaining_ms: None,
                    resume_ms: 0,
                    until_ms: 0,
                    stop_requested: false,
                    faults: Vec::new(),
                    pending_scrap: None,
                    pending_absorb: false,
                    utility: cfg.kind.station().is_utility(),
                    room: layout
                        .stations
                        .iter()
                        .position(|other| other.area == cfg.area && other.kind.station().is_utility())
                        .filter(|&r| r != i),
                    process_alarms: Vec::new(),
                    alarms_changed: false,
                    rng_failure: rng::stream(seed, &format!("station/{}/failure", cfg.id)),
                    rng_quality: rng::stream(seed, &format!("station/{}/quality", cfg.id)),
                    counters: StationCounters::default(),
                };
                station.sample_uptime();
                if station.utility {
                    station.state = EquipmentState::Running;
                }
                station
            })
            .collect();
        let webs = buffers.iter().filter(|b| b.web).map(|b| (b.from, b.to)).collect();
        Self {
            id: layout.id.clone(),
            title: layout.title.clone(),
            stations,
            buffers,
            counters: LineCounters::default(),
            webs,
            next_unit_id: 1,
            next_at: Vec::new(),
            spare_units: UnitPool::default(),
            alarms_pending: false,
        }
    }

    /// Checks a line read from a save: indices between stations and buffers in range, each
    /// station's kind parameters valid, buffer contents within capacity.
    pub fn validate(&self, path: &crate::input::FieldPath, issues: &mut crate::input::Issues) {
        let (n, nb) = (self.stations.len(), self.buffers.len());
        if n == 0 || n > crate::layout::MAX_STATIONS {
            issues.push(
                path.clone().field("stations"),
                format!("a line has 1 to {} stations", crate::layout::MAX_STATIONS),
            );
            return;
        }
        for (i, s) in self.stations.iter().enumerate() {
            let p = path.clone().field("stations").index(i);
            if s.inputs.iter().any(|&b| b >= nb || self.buffers[b].to != i) {
                issues.push(p.clone().field("inputs"), "refers to a buffer that does not lead here");
            }
            if s.output.is_some_and(|b| b >= nb || self.buffers[b].from != i) {
                issues.push(p.clone().field("output"), "refers to a buffer that does not leave here");
            }
            s.kind.station().validate(&p.clone().field("kind"), issues);
        }
        for (k, &(from, to)) in self.webs.iter().enumerate() {
            if !self.buffers.iter().any(|b| b.web && b.from == from && b.to == to) {
                issues.push(path.clone().field("webs").index(k), "joins stations no web buffer joins");
            }
        }
        for (b, buf) in self.buffers.iter().enumerate() {
            let p = path.clone().field("buffers").index(b);
            if buf.from >= n || buf.to >= n || buf.from == buf.to {
                issues.push(p.clone().field("from"), "joins stations that are not in the line");
            } else if !self.stations[buf.to].inputs.contains(&b) || self.stations[buf.from].output != Some(b) {
                issues.push(p.clone().field("to"), "is not the input and output of the stations it joins");
            }
            if buf.capacity == 0 || buf.units.len() > buf.capacity as usize {
                issues.push(p.clone().field("units"), "holds more units than its capacity");
            }
            // A buffer's peak is raised as units go in, so it is never below what it holds.
            if (buf.peak_level as usize) < buf.units.len() {
                issues.push(p.field("peak_level"), "is below the units the buffer holds");
            }
        }
    }

    pub fn station_index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }

    /// Units now in buffers and stations.
    pub fn wip(&self) -> u64 {
        self.counters.wip_now
    }

    /// Processes every event due at or before `end_ms`, in time order (ties: lowest station
    /// index first), settling the flow after each.
    ///
    /// Lines of fixed-cycle stations take the fast path (`fixed/`), which reaches the same
    /// state as the general kernel.
    pub fn advance_to(&mut self, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        self.settle(*now_ms);
        self.sync_alarms(*now_ms, journal);
        match fixed::FixedRun::take(self) {
            Some(mut run) => {
                run.advance(self, now_ms, end_ms, journal);
                run.put_back(self);
            }
            None => self.advance_events(now_ms, end_ms, journal),
        }
    }

    /// [`Line::advance_to`] without the fast path (what the fast path's tests compare with).
    #[cfg(test)]
    fn advance_to_general(&mut self, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        self.settle(*now_ms);
        self.sync_alarms(*now_ms, journal);
        self.advance_events(now_ms, end_ms, journal);
    }

    /// The general kernel: every event due at or before `end_ms`, in time order (ties: lowest
    /// station index first), the flow settled after each. The flow is settled on entry.
    fn advance_events(&mut self, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        // When each station's next event is due. A station that changes state updates its
        // own (`Line::rescheduled`), so no scan of the stations follows an event.
        self.next_at.clear();
        self.next_at.extend(self.stations.iter().map(|s| s.next_event_ms().unwrap_or(u64::MAX)));
        loop {
            let (mut t, mut i) = (u64::MAX, usize::MAX);
            for (j, &at) in self.next_at.iter().enumerate() {
                if at < t {
                    (t, i) = (at, j);
                }
            }
            if i == usize::MAX || t > end_ms {
                break;
            }
            *now_ms = t.max(*now_ms);
            let mut dirty = flow::StationSet::default();
            dirty.insert(i);
            self.handle_event(i, *now_ms, journal, &mut dirty);
            // `settle_dirty` starts with the same test; making it here keeps the set in this
            // frame (3.7 % fewer instructions in a fast-8 week than calling it).
            if self.webs.is_empty() {
                self.settle_flow(*now_ms, &mut dirty);
            } else {
                self.settle_dirty(*now_ms, dirty);
            }
            self.rescheduled(i);
            if self.alarms_pending {
                self.sync_alarms(*now_ms, journal);
            }
        }
        self.next_at.clear();
        *now_ms = end_ms.max(*now_ms);
    }

    /// Station `i` changed state: its next event is looked up again (while advancing).
    #[inline]
    pub(super) fn rescheduled(&mut self, i: usize) {
        if let (Some(slot), Some(station)) = (self.next_at.get_mut(i), self.stations.get(i)) {
            *slot = station.next_event_ms().unwrap_or(u64::MAX);
        }
    }

    /// Raises process alarms that became true and clears those that no longer are.
    fn sync_alarms(&mut self, now: u64, journal: &mut Journal) {
        self.alarms_pending = false;
        for station in self.stations.iter_mut().filter(|s| s.alarms_changed) {
            station.alarms_changed = false;
            let prefix = format!("{}.process.", station.id);
            for alarm in &station.process_alarms {
                let tag = format!("{prefix}{}", alarm.tag);
                let message = alarm.message.clone();
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
    pub fn start_maintenance(&mut self, i: usize, now: u64, duration_ms: u64) -> Result<(), Message> {
        let station = &mut self.stations[i];
        match station.state {
            EquipmentState::Down => {
                return Err(Message::new("reject-maintenance-while-down").station("station", station.id.clone()));
            }
            EquipmentState::Setup => {
                return Err(Message::new("reject-already-in-maintenance").station("station", station.id.clone()));
            }
            EquipmentState::Running => station.interrupt(now),
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
        self.replan(i, now, crate::stations::Replan::Faults);
        Ok(())
    }

    /// Every unit in the line now (in buffers and stations).
    pub fn units_in_process(&self) -> impl Iterator<Item = &Unit> {
        self.buffers
            .iter()
            .flat_map(|b| b.units.iter())
            .chain(self.stations.iter().flat_map(|s| s.in_process.iter().chain(s.finished.iter())))
            .map(|unit| &**unit)
    }

    /// Where unit `id` is now, if it is still in the line (what a view that follows one
    /// roll, stack or cell asks). Units that became components of another (an assembly)
    /// are found as the unit they went into.
    pub fn locate_unit(&self, id: UnitId) -> Option<UnitPlace> {
        let holds = |u: &Unit| u.id == id || u.components.contains(&id);
        for (i, station) in self.stations.iter().enumerate() {
            if let Some(unit) = station.in_process.as_deref().filter(|u| holds(u)) {
                return Some(UnitPlace::InStation { station: i, finished: false, unit: unit.id });
            }
            if let Some(unit) = station.finished.iter().find(|u| holds(u)) {
                return Some(UnitPlace::InStation { station: i, finished: true, unit: unit.id });
            }
        }
        self.buffers.iter().enumerate().find_map(|(b, buffer)| {
            let slot = buffer.units.iter().position(|u| holds(u))?;
            Some(UnitPlace::InBuffer { buffer: b, slot, unit: buffer.units[slot].id })
        })
    }

    /// Dry solids in the line now (in units and in stations' stocks), kg.
    pub fn solids_in_process_kg(&self) -> f64 {
        self.units_in_process().map(|u| u.payload.solids_kg()).sum::<f64>()
            + self.stations.iter().map(|s| s.kind.station().stock_solids_kg()).sum::<f64>()
    }

    /// Moisture in the room station `i` stands in at `now`, ppmv (none outside a dry room).
    pub fn room_ppmv(&self, i: usize, now: u64) -> Option<f64> {
        let room = self.stations.get(i)?.room?;
        self.stations.get(room)?.kind.station().room_ppmv(now)
    }

    /// The first station that could move a unit now but has not: a blocked one with room
    /// downstream, or a starved one whose inputs all hold a unit (or that needs none). None
    /// once the flow is settled, which it is after every advance: a check of the kernel,
    /// which only visits the stations an event can have freed.
    pub fn unsettled_station(&self) -> Option<usize> {
        self.stations.iter().position(|s| match s.state {
            EquipmentState::Blocked => s.output.is_none_or(|b| self.buffers.get(b).is_some_and(Buffer::has_room)),
            EquipmentState::Starved => {
                s.in_process.is_none()
                    && s.finished.is_empty()
                    && (s.stop_requested
                        || s.is_source()
                        || s.kind.has_stock()
                        || s.inputs.iter().all(|&b| self.buffers.get(b).is_some_and(|buf| !buf.units.is_empty())))
            }
            _ => false,
        })
    }

    /// Units waiting in buffer `b`.
    pub fn buffer_level(&self, b: usize) -> usize {
        self.buffers.get(b).map_or(0, |buf| buf.units.len())
    }
}

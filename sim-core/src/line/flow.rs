//! Units moving through the line: a starved station loads when every input buffer holds a
//! unit (a source creates one), a finished unit waits in the station until the next buffer
//! has room (blocking after service), the last station ships to an unlimited sink.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::booking::ScrapAmount;
use super::{EquipmentState, Line, Station};
use crate::layout::MAX_STATIONS;
use crate::stations::{CycleContext, CycleStart, Replan};
use crate::unit::{Defect, Payload, Unit, Visit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Buffer {
    pub from: usize,
    pub to: usize,
    pub capacity: u32,
    /// Whether the two stations share a continuous web (see `BufferConfig::web`).
    #[serde(default)]
    pub web: bool,
    pub units: VecDeque<Box<Unit>>,
    /// Highest level seen.
    pub peak_level: u32,
}

impl Buffer {
    pub fn has_room(&self) -> bool {
        (self.units.len() as u32) < self.capacity
    }

    /// Puts a unit at the tail (the caller has checked for room) and keeps the peak level.
    #[inline]
    fn push(&mut self, unit: Box<Unit>) {
        self.units.push_back(unit);
        self.peak_level = self.peak_level.max(self.units.len() as u32);
    }
}

/// A set of station indices, as bits (a line has at most [`MAX_STATIONS`] stations).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct StationSet([u64; MAX_STATIONS / 64]);

impl StationSet {
    /// Stations `0..n`.
    fn first(n: usize) -> Self {
        let mut set = Self::default();
        for i in 0..n.min(MAX_STATIONS) {
            set.insert(i);
        }
        set
    }

    #[inline]
    pub(super) fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Takes the lowest index out of the set.
    #[inline]
    pub(super) fn pop_lowest(&mut self) -> Option<usize> {
        // Most lines have at most 64 stations: the first word settles nearly every pop.
        let first = &mut self.0[0];
        if *first != 0 {
            let bit = first.trailing_zeros() as usize;
            *first &= *first - 1;
            return Some(bit);
        }
        for (k, word) in self.0.iter_mut().enumerate().skip(1) {
            if *word != 0 {
                let bit = word.trailing_zeros() as usize;
                *word &= *word - 1;
                return Some(k * 64 + bit);
            }
        }
        None
    }
}

/// Spare unit boxes a line keeps for reuse.
pub(super) const UNIT_POOL: usize = 32;

/// Marks the station upstream of `buffer` dirty when the buffer was full before a unit was
/// taken from it: a station can only be blocked on a full buffer (a settled line has no
/// blocked station with room downstream), so only then may it move now.
#[inline]
fn mark_if_full(buffer: &Buffer, dirty: &mut StationSet) {
    if buffer.units.len() + 1 >= buffer.capacity as usize {
        dirty.insert(buffer.from);
    }
}

impl Line {
    /// Moves units wherever the flow rules allow at this instant, until nothing changes.
    pub(super) fn settle(&mut self, now: u64) {
        self.settle_dirty(now, StationSet::first(self.stations.len()));
    }

    /// Visits the stations marked dirty, lowest index first, until none is: a station that
    /// moved a unit marks the stations its move can have freed (see `settle_flow`). Reaches
    /// the same state as sweeping every station until nothing moves
    /// (`Line::unsettled_station` checks it in the tests).
    pub(super) fn settle_dirty(&mut self, now: u64, mut dirty: StationSet) {
        if self.webs.is_empty() {
            self.settle_flow(now, &mut dirty);
            return;
        }
        // Each pass either holds or releases a web's upstream station; a handful of passes
        // settles any line (the bound keeps a damaged state from looping).
        for _ in 0..=2 * self.webs.len() + 1 {
            self.settle_flow(now, &mut dirty);
            if !self.sync_webs(now, &mut dirty) {
                break;
            }
        }
    }

    /// Holds a station whose web runs into a stopped one, and lets it run again once that
    /// one runs; marks the stations it changed dirty. Returns whether any changed.
    fn sync_webs(&mut self, now: u64, dirty: &mut StationSet) -> bool {
        let mut changed = false;
        for k in 0..self.webs.len() {
            let (from, to) = self.webs[k];
            let stopped = !matches!(self.stations[to].state, EquipmentState::Running | EquipmentState::Starved);
            let upstream = &mut self.stations[from];
            match (stopped, upstream.state) {
                (true, EquipmentState::Running) => {
                    upstream.interrupt(now);
                    upstream.set_state(now, EquipmentState::Held);
                }
                (false, EquipmentState::Held) => {
                    upstream.resume_ms = now;
                    upstream.set_state(now, EquipmentState::Running);
                    self.replan(from, now, Replan::Restart);
                }
                _ => continue,
            }
            changed = true;
            self.rescheduled(from);
            dirty.insert(from);
        }
        changed
    }

    /// Moves units at the dirty stations until none can move. A station's move marks only
    /// the stations it can have freed: the one downstream when a unit went into their buffer,
    /// the ones upstream when it took from their full buffers (every other station is where
    /// it was settled, so visiting it would change nothing).
    #[inline]
    pub(super) fn settle_flow(&mut self, now: u64, dirty: &mut StationSet) {
        while let Some(i) = dirty.pop_lowest() {
            let changed = self.try_unload(i, now, dirty) | self.try_load(i, now, dirty);
            if changed {
                self.rescheduled(i);
            }
        }
    }

    /// A blocked station passes finished units on (to its buffer or the sink); marks the
    /// station downstream dirty when a unit went into its buffer.
    #[inline]
    fn try_unload(&mut self, i: usize, now: u64, dirty: &mut StationSet) -> bool {
        if self.stations[i].state != EquipmentState::Blocked {
            return false;
        }
        let mut moved = self.unload_finished(i, now, dirty);
        let station = &mut self.stations[i];
        if station.finished.is_empty() {
            let next = station.free_state();
            station.set_state(now, next);
            moved = true;
        }
        moved
    }

    /// Moves station `i`'s finished units into its output buffer while it has room (marking
    /// the station downstream dirty), or ships them all from the last station. Returns
    /// whether any left.
    #[inline]
    fn unload_finished(&mut self, i: usize, now: u64, dirty: &mut StationSet) -> bool {
        let station = &mut self.stations[i];
        let mut moved = false;
        match station.output {
            None => moved = self.ship(i, now),
            Some(b) => {
                let buffer = &mut self.buffers[b];
                while buffer.has_room() {
                    let Some(unit) = station.finished.pop_front() else {
                        break;
                    };
                    buffer.push(unit);
                    moved = true;
                }
                if moved {
                    dirty.insert(buffer.to);
                }
            }
        }
        moved
    }

    /// The last station ships its finished units to the sink; returns whether any left.
    fn ship(&mut self, i: usize, now: u64) -> bool {
        let mut moved = false;
        while let Some(unit) = self.stations[i].finished.pop_front() {
            self.ship_unit(unit, now);
            moved = true;
        }
        moved
    }

    /// Books one unit leaving the line at the sink.
    fn ship_unit(&mut self, unit: Box<Unit>, now: u64) {
        self.counters.completed += 1;
        self.counters.solids_completed_kg += unit.payload.solids_kg();
        let (quantity, quantity_unit) = unit.payload.quantity();
        self.counters.completed_quantity += quantity;
        if unit.is_good() {
            self.counters.completed_good_quantity += unit.payload.good_quantity();
            self.counters.completed_good_area_m2 += unit.payload.good_area_m2();
        }
        if self.counters.completed_quantity_unit != quantity_unit {
            self.counters.completed_quantity_unit = quantity_unit.to_string();
        }
        if unit.is_good() {
            self.counters.completed_good += 1;
        }
        self.wip_change(now, -1);
        self.recycle(unit);
    }

    /// A starved station starts a cycle when every input buffer holds a unit; marks the
    /// stations upstream dirty when it took from their full buffers.
    fn try_load(&mut self, i: usize, now: u64, dirty: &mut StationSet) -> bool {
        let station = &self.stations[i];
        if station.state != EquipmentState::Starved || station.in_process.is_some() || !station.finished.is_empty() {
            return false;
        }
        if station.stop_requested {
            self.stations[i].set_state(now, EquipmentState::Idle);
            return true;
        }
        let unit = if station.is_source() || station.kind.has_stock() {
            self.new_unit(i, now)
        } else {
            let Some(unit) = self.take_inputs(i, now, dirty) else {
                return false;
            };
            unit
        };
        self.begin_cycle(i, unit, now);
        true
    }

    /// A new unit, made by station `i`: a source, or a station with stock enough (a stacker)
    /// that makes its next unit without taking one.
    #[inline]
    fn new_unit(&mut self, i: usize, now: u64) -> Box<Unit> {
        let mut unit = match self.spare_units.0.pop() {
            Some(mut unit) => {
                unit.id = self.next_unit_id;
                unit.created_ms = now;
                unit
            }
            None => Box::new(Unit::new(self.next_unit_id, Payload::Part, now)),
        };
        // A unit visits every station once on a serial line: one allocation for its history.
        unit.history.reserve_exact(self.stations.len());
        self.next_unit_id += 1;
        if self.stations[i].is_source() {
            self.counters.entered += 1;
        }
        self.wip_change(now, 1);
        unit
    }

    /// Starts station `i`'s cycle on `unit`: the unit's visit (and its exposure to the room
    /// since the last station), the kind's cycle, the passport line, the booking; the station
    /// runs.
    #[inline]
    fn begin_cycle(&mut self, i: usize, mut unit: Box<Unit>, now: u64) {
        let room_ppmv = if self.stations[i].room.is_some() { self.room_ppmv(i, now) } else { None };
        if let Some(ppmv) = room_ppmv {
            // The wait since the last station (in this room's buffers), at its moisture now.
            let waited_ms = unit.history.last().map_or(0, |v| now.saturating_sub(v.end_ms));
            unit.payload.add_exposure(ppmv * waited_ms as f64 / 3.6e6);
        }
        unit.history.push(Visit { station: i as u16, start_ms: now, end_ms: now });
        // One borrow of the station for the common case (a plain cycle); a report is booked
        // by the line.
        let Self { stations, counters, alarms_pending, .. } = self;
        let station = &mut stations[i];
        let mut ctx = CycleContext {
            station: i as u16,
            now_ms: now,
            rng: &mut station.rng_quality,
            faults: &station.faults,
            room_ppmv,
            room: station.room.map(|r| r as u16),
        };
        let start = station.kind.start_cycle(&mut unit, &mut ctx);
        let cycle_time_ms = start.cycle_time_ms();
        if unit.payload.keeps_passport() {
            Self::record_passport(station, i, &mut unit, now, cycle_time_ms, room_ppmv);
        }
        if station.is_source() {
            counters.solids_entered_kg += unit.payload.solids_kg();
        }
        let continuous = station.kind.is_continuous();
        let station = match start {
            CycleStart::Plain { .. } if !continuous => {
                *alarms_pending |= station.book_plain_cycle();
                station
            }
            start => {
                let mut report = start.into_report();
                self.record_cycle(i, &mut report);
                let station = &mut self.stations[i];
                if continuous {
                    station.booked = Some(report);
                }
                station
            }
        };
        station.in_process = Some(unit);
        station.cycle_ms = cycle_time_ms;
        station.work_remaining_ms = cycle_time_ms;
        station.resume_ms = now;
        station.set_state(now, EquipmentState::Running);
    }

    /// Writes station `i`'s passport line into `unit` (settings and faults here, and the
    /// room's moisture, which the product takes up for the cycle's length). Out of line: the
    /// generic parts of a line keep no passport.
    #[inline(never)]
    fn record_passport(
        station: &mut Station,
        i: usize,
        unit: &mut Unit,
        now: u64,
        cycle_time_ms: u64,
        room_ppmv: Option<f64>,
    ) {
        let settings = station.kind.station().control_values();
        // A continuous kind's gauges are read for now, whenever its last reading was (so
        // that the passport does not depend on how the run was stepped).
        if station.kind.is_continuous() {
            station.kind.station_mut().observe(Some(unit), now, 0);
        }
        let readings = station.kind.station().readout_values();
        let faults = station.faults.iter().map(|f| f.fault.clone()).collect();
        let entry = crate::cell::PassportEntry { station: i as u16, at_ms: now, settings, readings, faults, room_ppmv };
        let hours = cycle_time_ms as f64 / 3.6e6;
        unit.payload.record_visit(entry, room_ppmv.unwrap_or(0.0) * hours);
    }

    /// Takes one unit from each of station `i`'s input buffers, or none while any is empty:
    /// the units from the second input on become components of the first (assembly). Marks
    /// the stations upstream dirty when it took from their full buffers.
    #[inline]
    fn take_inputs(&mut self, i: usize, now: u64, dirty: &mut StationSet) -> Option<Box<Unit>> {
        let Self { stations, buffers, .. } = self;
        let inputs = &stations[i].inputs;
        if let [b] = inputs[..] {
            // One input, the common case: no need to look before taking.
            let buffer = &mut buffers[b];
            let unit = buffer.units.pop_front()?;
            mark_if_full(buffer, dirty);
            return Some(unit);
        }
        if !inputs.iter().all(|&b| !buffers[b].units.is_empty()) {
            return None;
        }
        let mut primary = buffers[inputs[0]].units.pop_front()?;
        let mut joined = 0;
        for &b in &inputs[1..] {
            if let Some(other) = buffers[b].units.pop_front() {
                primary.components.push(other.id);
                primary.defects.extend(other.defects);
                joined += 1;
            }
        }
        for &b in inputs {
            mark_if_full(&buffers[b], dirty);
        }
        // The joined units are now part of the first one.
        self.wip_change(now, -joined);
        Some(primary)
    }

    /// Keeps a unit that left the line for the next one a source makes (its allocations
    /// reused), up to a small pool.
    fn recycle(&mut self, mut unit: Box<Unit>) {
        if self.spare_units.0.len() < UNIT_POOL {
            unit.payload = Payload::Part;
            unit.components.clear();
            unit.defects.clear();
            unit.history.clear();
            self.spare_units.0.push(unit);
        }
    }

    /// Ends station `i`'s cycle. With `pass_on` (the station stays up), a good unit is
    /// passed on at once (see [`Line::pass_on`]); otherwise it waits in the station's queue.
    /// Same states, same order as with every unit queued: the station is blocked for no time.
    pub(super) fn finish_cycle(&mut self, i: usize, now: u64, pass_on: bool, dirty: &mut StationSet) {
        let station = &mut self.stations[i];
        let Some(mut unit) = station.in_process.take() else {
            return;
        };
        if let Some(visit) = unit.history.last_mut() {
            visit.end_ms = now;
        }
        station.counters.processed += 1;
        if std::mem::take(&mut station.pending_absorb) {
            // Into the station's stock: nothing leaves.
            self.wip_change(now, -1);
            self.recycle(unit);
            let station = &mut self.stations[i];
            let next = if station.finished.is_empty() { station.free_state() } else { EquipmentState::Blocked };
            station.set_state(now, next);
            return;
        }
        match station.pending_scrap.take() {
            None => {
                station.counters.good += 1;
                if pass_on {
                    self.pass_on(i, unit, now, dirty);
                } else {
                    station.finished.push_back(unit);
                }
            }
            Some((origin, cause)) => {
                station.counters.scrapped += 1;
                unit.defects.push(Defect { kind: cause.clone(), station: i as u16, at_ms: now });
                let (quantity, quantity_unit) = unit.payload.quantity();
                let amount = ScrapAmount { quantity, quantity_unit, solids_kg: unit.payload.solids_kg() };
                self.record_scrap(i, origin as usize, &cause, amount);
                self.counters.scrapped += 1;
                self.wip_change(now, -1);
                self.recycle(unit);
            }
        }
        let station = &mut self.stations[i];
        let next = if station.finished.is_empty() { station.free_state() } else { EquipmentState::Blocked };
        station.set_state(now, next);
    }

    /// Passes station `i`'s good finished unit on, as the blocked station's unload would do
    /// next: straight into the next buffer when it has room, or to the sink from the last
    /// station; otherwise (or with units already queued) into the station's queue of
    /// finished units. `dirty` gets the station downstream when the unit went into its
    /// buffer.
    #[inline]
    fn pass_on(&mut self, i: usize, unit: Box<Unit>, now: u64, dirty: &mut StationSet) {
        let Self { stations, buffers, .. } = self;
        let station = &mut stations[i];
        match station.output {
            None if station.finished.is_empty() => self.ship_unit(unit, now),
            // Only downstream of a higher index, so that station `i` is still the first one
            // settled, as it would be with the unit in its queue.
            Some(b) if station.finished.is_empty() && buffers[b].has_room() && buffers[b].to > i => {
                let buffer = &mut buffers[b];
                buffer.push(unit);
                dirty.insert(buffer.to);
            }
            _ => station.finished.push_back(unit),
        }
    }
}

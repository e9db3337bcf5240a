//! The fast path's compact data: the stations as lanes, the buffers as rings of unit slots,
//! the units in an arena, and the set of stations to settle.

use super::super::equipment::change_state;
use super::super::{EquipmentState, STATE_COUNT, Station, UnitPool};
use crate::layout::MAX_STATIONS;
use crate::stations::FixedCycle;
use crate::unit::{Payload, Unit, Visit};

/// No unit, no buffer.
pub(super) const NONE: u32 = u32::MAX;

/// The fast path's set of stations whose flow may move (as `flow::StationSet`, in one word:
/// the fast path takes lines of at most [`Dirty::MAX`] stations).
#[derive(Default)]
pub(super) struct Dirty(u64);

impl Dirty {
    pub(super) const MAX: usize = 64;

    #[inline]
    pub(super) fn insert(&mut self, i: usize) {
        self.0 |= 1u64.wrapping_shl(i as u32);
    }

    /// Takes the lowest index out of the set.
    #[inline]
    pub(super) fn pop_lowest(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }
}

const _: () = assert!(Dirty::MAX <= MAX_STATIONS);

/// Size of the fast path's station tables.
pub(super) const LANES: usize = Dirty::MAX;

/// One station on the fast path: the fields of [`Station`] the flow changes.
#[derive(Clone, Copy)]
pub(super) struct Lane {
    pub(super) state: EquipmentState,
    /// Input buffer (`NONE`: a source).
    pub(super) input: u32,
    /// Output buffer (`NONE`: ships to the sink).
    pub(super) output: u32,
    pub(super) cycle: FixedCycle,
    pub(super) work_remaining_ms: u64,
    pub(super) uptime_remaining_ms: Option<u64>,
    pub(super) resume_ms: u64,
    pub(super) until_ms: u64,
    pub(super) cycle_ms: u64,
    pub(super) state_since_ms: u64,
    pub(super) state_time_ms: [u64; STATE_COUNT],
    /// Unit slot in process (`NONE`: none).
    pub(super) in_process: u32,
    /// Finished unit slot waiting for room downstream (`NONE`: none).
    pub(super) finished: u32,
    /// Whether the unit in process is scrapped when its cycle ends.
    pub(super) pending_scrap: bool,
    /// The in-process unit's visit here (its end is written when the cycle ends).
    pub(super) open_visit: Visit,
    /// The counters every cycle changes (written back).
    pub(super) processed: u64,
    pub(super) good: u64,
    pub(super) scrapped: u64,
    pub(super) quantity_in: f64,
    pub(super) energy_kwh: f64,
}

impl Lane {
    /// A station that is not in the line (the rest of the fixed-size tables).
    pub(super) const ABSENT: Lane = Lane {
        state: EquipmentState::Idle,
        input: NONE,
        output: NONE,
        cycle: FixedCycle { cycle_time_ms: 1, scrap_frac: 0.0 },
        work_remaining_ms: 0,
        uptime_remaining_ms: None,
        resume_ms: 0,
        until_ms: 0,
        cycle_ms: 0,
        state_since_ms: 0,
        state_time_ms: [0; STATE_COUNT],
        in_process: NONE,
        finished: NONE,
        pending_scrap: false,
        open_visit: Visit { station: 0, start_ms: 0, end_ms: 0 },
        processed: 0,
        good: 0,
        scrapped: 0,
        quantity_in: 0.0,
        energy_kwh: 0.0,
    };

    /// As [`Station::set_state`].
    #[inline]
    pub(super) fn set_state(&mut self, now_ms: u64, state: EquipmentState) {
        change_state(&mut self.state, &mut self.state_since_ms, &mut self.state_time_ms, now_ms, state);
    }

    /// As [`Station::next_event_ms`] (`u64::MAX`: none).
    #[inline]
    pub(super) fn next_event_ms(&self) -> u64 {
        match self.state {
            EquipmentState::Running => {
                let left = match self.uptime_remaining_ms {
                    Some(up) => up.min(self.work_remaining_ms),
                    None => self.work_remaining_ms,
                };
                self.resume_ms.saturating_add(left)
            }
            EquipmentState::Down => self.until_ms,
            _ => u64::MAX,
        }
    }

    /// Copies the counters every cycle changes into `station`.
    pub(super) fn store_counters(&self, station: &mut Station) {
        let c = &mut station.counters;
        (c.processed, c.good, c.scrapped) = (self.processed, self.good, self.scrapped);
        (c.quantity_in, c.energy_kwh) = (self.quantity_in, self.energy_kwh);
    }

    /// The reverse of [`Lane::store_counters`].
    pub(super) fn load_counters(&mut self, station: &Station) {
        let c = &station.counters;
        (self.processed, self.good, self.scrapped) = (c.processed, c.good, c.scrapped);
        (self.quantity_in, self.energy_kwh) = (c.quantity_in, c.energy_kwh);
    }

    /// Copies the clock and state fields into `station` (for the rare events the station's
    /// own code handles).
    pub(super) fn store_clock(&self, station: &mut Station) {
        station.state = self.state;
        station.state_since_ms = self.state_since_ms;
        station.state_time_ms = self.state_time_ms;
        station.work_remaining_ms = self.work_remaining_ms;
        station.uptime_remaining_ms = self.uptime_remaining_ms;
        station.resume_ms = self.resume_ms;
        station.until_ms = self.until_ms;
        station.cycle_ms = self.cycle_ms;
    }

    /// The reverse of [`Lane::store_clock`].
    pub(super) fn load_clock(&mut self, station: &Station) {
        self.state = station.state;
        self.state_since_ms = station.state_since_ms;
        self.state_time_ms = station.state_time_ms;
        self.work_remaining_ms = station.work_remaining_ms;
        self.uptime_remaining_ms = station.uptime_remaining_ms;
        self.resume_ms = station.resume_ms;
        self.until_ms = station.until_ms;
        self.cycle_ms = station.cycle_ms;
    }
}

/// A buffer on the fast path: a ring of unit slots as long as the buffer's capacity.
#[derive(Clone)]
pub(super) struct Ring {
    pub(super) slots: Vec<u32>,
    pub(super) head: usize,
    pub(super) len: usize,
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) peak_level: u32,
}

impl Ring {
    #[inline]
    pub(super) fn has_room(&self) -> bool {
        self.len < self.slots.len()
    }

    /// Puts a unit at the tail (the caller has checked for room) and keeps the peak level.
    #[inline]
    pub(super) fn push(&mut self, slot: u32) {
        self.put(slot);
        self.peak_level = self.peak_level.max(self.len as u32);
    }

    /// Puts a unit at the tail (the caller has checked for room), leaving the peak level to
    /// the caller.
    #[inline]
    pub(super) fn put(&mut self, slot: u32) {
        let mut k = self.head + self.len;
        if k >= self.slots.len() {
            k -= self.slots.len();
        }
        if let Some(s) = self.slots.get_mut(k) {
            *s = slot;
            self.len += 1;
        }
    }

    /// Takes the unit at the head.
    #[inline]
    pub(super) fn pop(&mut self) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let slot = *self.slots.get(self.head)?;
        self.head += 1;
        if self.head == self.slots.len() {
            self.head = 0;
        }
        self.len -= 1;
        Some(slot)
    }

    /// The units, head first.
    pub(super) fn units(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(|k| self.slots[(self.head + k) % self.slots.len()])
    }
}

/// A unit on the fast path: id, creation time, and how many finished visits it has.
#[derive(Clone, Copy)]
pub(super) struct UnitRecord {
    pub(super) id: u64,
    pub(super) created_ms: u64,
    pub(super) visits: u32,
}

/// The units in the line, by slot, with their finished visits (`stride` per slot: a unit
/// visits each station of a chain at most once). The visit under way is kept by the station
/// ([`Lane::open_visit`]).
#[derive(Clone)]
pub(super) struct Arena {
    pub(super) records: Vec<UnitRecord>,
    pub(super) visits: Vec<Visit>,
    pub(super) stride: usize,
    pub(super) free: Vec<u32>,
}

impl Arena {
    #[inline]
    pub(super) fn slot(&mut self, id: u64, created_ms: u64) -> u32 {
        let record = UnitRecord { id, created_ms, visits: 0 };
        if let Some(slot) = self.free.pop()
            && let Some(r) = self.records.get_mut(slot as usize)
        {
            *r = record;
            return slot;
        }
        self.records.push(record);
        let empty = Visit { station: 0, start_ms: 0, end_ms: 0 };
        self.visits.resize(self.visits.len() + self.stride, empty);
        (self.records.len() - 1) as u32
    }

    /// A unit from the line: its visits copied, all but the last one when that is under way.
    pub(super) fn take(&mut self, unit: &Unit, last_open: bool) -> u32 {
        let slot = self.slot(unit.id, unit.created_ms);
        let finished = unit.history.len() - usize::from(last_open && !unit.history.is_empty());
        for &visit in &unit.history[..finished] {
            self.close_visit(slot, visit);
        }
        slot
    }

    /// Adds a finished visit to the unit's history.
    #[inline]
    pub(super) fn close_visit(&mut self, slot: u32, visit: Visit) {
        let s = slot as usize;
        let Some(record) = self.records.get_mut(s) else {
            return;
        };
        // `FixedRun::take` sized the stride for every visit a unit can still make.
        if let Some(v) = self.visits.get_mut(s * self.stride + record.visits as usize) {
            *v = visit;
            record.visits += 1;
        }
    }

    /// Writes the unit in `slot` into a box (reusing `spare` allocations, which are empty),
    /// with the visit under way, if any, last.
    pub(super) fn build(&self, slot: u32, open: Option<Visit>, spare: &mut UnitPool) -> Box<Unit> {
        let s = slot as usize;
        let record = self.records[s];
        let mut unit = spare.0.pop().unwrap_or_else(|| Box::new(Unit::new(0, Payload::Part, 0)));
        unit.id = record.id;
        unit.created_ms = record.created_ms;
        let from = s * self.stride;
        unit.history.extend_from_slice(&self.visits[from..from + record.visits as usize]);
        unit.history.extend(open);
        unit
    }
}

/// A unit's box emptied for reuse, as `Line::recycle` leaves the boxes in the pool (the
/// general kernel reuses them as they are).
pub(super) fn emptied(mut unit: Box<Unit>) -> Box<Unit> {
    unit.payload = Payload::Part;
    unit.components.clear();
    unit.defects.clear();
    unit.history.clear();
    unit
}

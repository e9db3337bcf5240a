//! The fast path's compact data: the stations as lanes, the buffers as rings of unit slots,
//! the units in an arena, the set of stations to settle, and the recursion's tallies of a
//! buffer's traffic and of the WIP.

use super::super::equipment::change_state;
use super::super::{EquipmentState, LineCounters, STATE_COUNT, Station, UnitPool};
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

    /// The repair ends at `now_ms` with a new time to failure: the station resumes as
    /// `Station::resume_state` has it (the fast path has no stops). Returns its new state.
    #[inline]
    pub(super) fn resume(&mut self, now_ms: u64, uptime_ms: Option<u64>) -> EquipmentState {
        self.uptime_remaining_ms = uptime_ms;
        self.resume_ms = now_ms;
        let next = if self.in_process != NONE {
            EquipmentState::Running
        } else if self.finished != NONE {
            EquipmentState::Blocked
        } else {
            EquipmentState::Starved
        };
        self.set_state(now_ms, next);
        next
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

/// Whether a buffer has room for its next unit.
pub(super) enum Room {
    /// Room now.
    Free,
    /// From the time the unit a capacity ahead was taken out.
    From(u64),
    /// Not within this advance.
    Never,
}

/// A buffer's traffic during a run: how many units went in and came out, and when the last
/// `capacity` came out.
pub(super) struct Passage {
    /// Units in the buffer when the run began.
    pub(super) initial: u64,
    pub(super) pushes: u64,
    pub(super) pops: u64,
    /// The times of the last `capacity` pops, a ring: the latest at `latest`.
    pub(super) pop_ms: Vec<u64>,
    pub(super) latest: usize,
}

impl Passage {
    pub(super) fn new(initial: usize, capacity: usize) -> Self {
        let pop_ms = vec![0; capacity.max(1)];
        Self { initial: initial as u64, pushes: 0, pops: 0, latest: pop_ms.len() - 1, pop_ms }
    }

    pub(super) fn capacity(&self) -> u64 {
        self.pop_ms.len() as u64
    }

    /// When pop `self.pops - back` came (`back` below the capacity).
    #[inline(always)]
    fn popped_ms(&self, back: usize) -> u64 {
        let i = if back <= self.latest { self.latest - back } else { self.latest + self.pop_ms.len() - back };
        self.pop_ms.get(i).copied().unwrap_or(0)
    }

    /// Room for the next push: it needs pop `initial + pushes + 1 - capacity` done.
    #[inline(always)]
    pub(super) fn room(&self) -> Room {
        let (cap, next_push) = (self.capacity(), self.initial + self.pushes + 1);
        if next_push <= cap {
            return Room::Free;
        }
        let need = next_push - cap;
        if need > self.pops {
            return Room::Never;
        }
        // `need` is at most a capacity behind the latest pop: every unit it counts was
        // pushed, and this push waits for no more than `capacity` of them.
        Room::From(self.popped_ms((self.pops - need) as usize))
    }

    #[inline(always)]
    pub(super) fn popped(&mut self, at_ms: u64) {
        self.latest += 1;
        if self.latest >= self.pop_ms.len() {
            self.latest = 0;
        }
        if let Some(slot) = self.pop_ms.get_mut(self.latest) {
            *slot = at_ms;
        }
        self.pops += 1;
    }

    /// The level just after the latest push, made at `at_ms` on the upstream station's own
    /// event: the units not taken out before it. Units taken out that same millisecond
    /// count as still in (the downstream station's event comes later).
    pub(super) fn level_after_push(&self, at_ms: u64) -> u64 {
        // Pushed (this one included) and not yet popped in the run's order: none of them
        // can come out before this push.
        let mut level = (self.initial + self.pushes).saturating_sub(self.pops);
        let window = self.pops.min(self.capacity()) as usize;
        for back in 0..window {
            if self.popped_ms(back) < at_ms {
                break;
            }
            level += 1;
        }
        level
    }
}

/// The WIP changes of a run, summed so that the area under the WIP curve comes out as the
/// kernel's change-by-change sum does (it is the same integral, in integers).
#[derive(Default)]
pub(super) struct WipTally {
    entered: u64,
    entered_ms_sum: u128,
    left: u64,
    left_ms_sum: u128,
    last_ms: u64,
}

impl WipTally {
    pub(super) fn enter(&mut self, at_ms: u64) {
        self.entered += 1;
        self.entered_ms_sum += u128::from(at_ms);
        self.last_ms = self.last_ms.max(at_ms);
    }

    #[inline(always)]
    pub(super) fn leave(&mut self, at_ms: u64) {
        self.left += 1;
        self.left_ms_sum += u128::from(at_ms);
        self.last_ms = self.last_ms.max(at_ms);
    }

    /// Books the run's changes as `Line::wip_change` would have, one by one.
    pub(super) fn apply(&self, c: &mut LineCounters) {
        if self.entered == 0 && self.left == 0 {
            return;
        }
        let last = i128::from(self.last_ms.max(c.wip_since_ms));
        let area = i128::from(c.wip_area_unit_ms)
            + i128::from(c.wip_now) * (last - i128::from(c.wip_since_ms))
            + (i128::from(self.entered) * last - self.entered_ms_sum as i128)
            - (i128::from(self.left) * last - self.left_ms_sum as i128);
        // The kernel's saturating sum stays at the top once there (the area only grows).
        c.wip_area_unit_ms = area.clamp(0, i128::from(u64::MAX)) as u64;
        c.wip_since_ms = last as u64;
        c.wip_now = (c.wip_now + self.entered).saturating_sub(self.left);
    }
}

//! The fast path of the line kernel, for lines whose every station has a fixed cycle
//! ([`FixedCycle`]: fixed time, a Bernoulli scrap draw, failures and repairs), joined in
//! chains (at most one input buffer per station) with no webs and no rooms: the generic
//! lines of the queueing checks and the kernel benchmark.
//!
//! It runs the same events in the same order as the general kernel (`Line::advance_events`:
//! time, then the lowest station index; the flow settled station by station, lowest index
//! first), with the same draws from the same streams, so it reaches the same state, bit for
//! bit (the tests below compare the two on random lines and random steps). What it saves is
//! the general kernel's generality: units are slots in an arena (id, creation time, visits)
//! instead of boxed records with their own vectors, buffers hold slot numbers, a cycle is
//! drawn without a call through the kind, and nothing asks about webs, rooms, stock,
//! passports or assembly. A shipped unit is never built; the units still in the line are
//! written back as boxed units when the advance ends.
//!
//! A line takes the fast path for an advance only when [`FixedRun::take`] finds nothing it
//! does not model (an operator stop, maintenance, a fault, a process alarm, a unit with
//! defects or components); otherwise, and after any such command, the general kernel runs.

use super::booking::ScrapAmount;
use super::equipment::journal_repaired;
use super::{EquipmentState, Journal, Line, STATE_COUNT, Station, UnitPool};
use crate::layout::MAX_STATIONS;
use crate::rng::Stream;
use crate::stations::FixedCycle;
use crate::unit::{Payload, Unit, Visit};

/// No unit, no buffer.
const NONE: u32 = u32::MAX;

/// The fast path's set of stations whose flow may move (as `flow::StationSet`, in one word:
/// the fast path takes lines of at most [`Dirty::MAX`] stations).
#[derive(Default)]
struct Dirty(u64);

impl Dirty {
    const MAX: usize = 64;

    #[inline]
    fn insert(&mut self, i: usize) {
        self.0 |= 1u64.wrapping_shl(i as u32);
    }

    /// Takes the lowest index out of the set.
    #[inline]
    fn pop_lowest(&mut self) -> Option<usize> {
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
const LANES: usize = Dirty::MAX;

/// One station on the fast path: the fields of [`Station`] the flow changes.
#[derive(Clone, Copy)]
struct Lane {
    state: EquipmentState,
    /// Input buffer (`NONE`: a source).
    input: u32,
    /// Output buffer (`NONE`: ships to the sink).
    output: u32,
    cycle: FixedCycle,
    work_remaining_ms: u64,
    uptime_remaining_ms: Option<u64>,
    resume_ms: u64,
    until_ms: u64,
    cycle_ms: u64,
    state_since_ms: u64,
    state_time_ms: [u64; STATE_COUNT],
    /// Unit slot in process (`NONE`: none).
    in_process: u32,
    /// Finished unit slot waiting for room downstream (`NONE`: none).
    finished: u32,
    /// Whether the unit in process is scrapped when its cycle ends.
    pending_scrap: bool,
    /// The in-process unit's visit here (its end is written when the cycle ends).
    open_visit: Visit,
    /// The counters every cycle changes (written back).
    processed: u64,
    good: u64,
    scrapped: u64,
    quantity_in: f64,
    energy_kwh: f64,
}

impl Lane {
    /// A station that is not in the line (the rest of the fixed-size tables).
    const ABSENT: Lane = Lane {
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
    fn set_state(&mut self, now_ms: u64, state: EquipmentState) {
        if state == self.state {
            return;
        }
        self.state_time_ms[self.state.index()] += now_ms.saturating_sub(self.state_since_ms);
        self.state_since_ms = now_ms;
        self.state = state;
    }

    /// As [`Station::next_event_ms`] (`u64::MAX`: none).
    #[inline]
    fn next_event_ms(&self) -> u64 {
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
    fn store_counters(&self, station: &mut Station) {
        let c = &mut station.counters;
        (c.processed, c.good, c.scrapped) = (self.processed, self.good, self.scrapped);
        (c.quantity_in, c.energy_kwh) = (self.quantity_in, self.energy_kwh);
    }

    /// The reverse of [`Lane::store_counters`].
    fn load_counters(&mut self, station: &Station) {
        let c = &station.counters;
        (self.processed, self.good, self.scrapped) = (c.processed, c.good, c.scrapped);
        (self.quantity_in, self.energy_kwh) = (c.quantity_in, c.energy_kwh);
    }

    /// Copies the clock and state fields into `station` (for the rare events the station's
    /// own code handles).
    fn store_clock(&self, station: &mut Station) {
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
    fn load_clock(&mut self, station: &Station) {
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
struct Ring {
    slots: Vec<u32>,
    head: usize,
    len: usize,
    from: usize,
    to: usize,
    peak_level: u32,
}

impl Ring {
    #[inline]
    fn has_room(&self) -> bool {
        self.len < self.slots.len()
    }

    /// Puts a unit at the tail (the caller has checked for room) and keeps the peak level.
    #[inline]
    fn push(&mut self, slot: u32) {
        let mut k = self.head + self.len;
        if k >= self.slots.len() {
            k -= self.slots.len();
        }
        if let Some(s) = self.slots.get_mut(k) {
            *s = slot;
            self.len += 1;
            self.peak_level = self.peak_level.max(self.len as u32);
        }
    }

    /// Takes the unit at the head.
    #[inline]
    fn pop(&mut self) -> Option<u32> {
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
    fn units(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(|k| self.slots[(self.head + k) % self.slots.len()])
    }
}

/// A unit on the fast path: id, creation time, and how many finished visits it has.
#[derive(Clone, Copy)]
struct UnitRecord {
    id: u64,
    created_ms: u64,
    visits: u32,
}

/// The units in the line, by slot, with their finished visits (`stride` per slot: a unit
/// visits each station of a chain at most once). The visit under way is kept by the station
/// ([`Lane::open_visit`]).
struct Arena {
    records: Vec<UnitRecord>,
    visits: Vec<Visit>,
    stride: usize,
    free: Vec<u32>,
}

impl Arena {
    #[inline]
    fn slot(&mut self, id: u64, created_ms: u64) -> u32 {
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
    fn take(&mut self, unit: &Unit, last_open: bool) -> u32 {
        let slot = self.slot(unit.id, unit.created_ms);
        let finished = unit.history.len() - usize::from(last_open && !unit.history.is_empty());
        for &visit in &unit.history[..finished] {
            self.close_visit(slot, visit);
        }
        slot
    }

    /// Adds a finished visit to the unit's history.
    #[inline]
    fn close_visit(&mut self, slot: u32, visit: Visit) {
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
    fn build(&self, slot: u32, open: Option<Visit>, spare: &mut UnitPool) -> Box<Unit> {
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
fn emptied(mut unit: Box<Unit>) -> Box<Unit> {
    unit.payload = Payload::Part;
    unit.components.clear();
    unit.defects.clear();
    unit.history.clear();
    unit
}

/// What a part (the only product of a fixed-cycle line) books at the sink and as scrap.
struct PartMeasures {
    solids_kg: f64,
    quantity: f64,
    quantity_unit: &'static str,
    good_quantity: f64,
    good_area_m2: f64,
}

/// A line's state while it advances on the fast path (see the module documentation).
pub(super) struct FixedRun {
    /// The stations, by index (tables of fixed size, so that an index taken modulo
    /// [`LANES`] needs no bounds check).
    lanes: Box<[Lane; LANES]>,
    /// When each station's next event is due (`u64::MAX`: none).
    next_at: [u64; LANES],
    /// Stations in the line.
    n: usize,
    /// Each station's quality stream.
    streams: Vec<Stream>,
    rings: Vec<Ring>,
    units: Arena,
    part: PartMeasures,
    /// Boxes taken out of the line, reused when the units are written back.
    spare: UnitPool,
    /// Whether the line's completed quantity is named in the parts' unit (as after a ship).
    unit_named: bool,
}

impl FixedRun {
    /// Takes `line` onto the fast path, or leaves it untouched and returns `None` when it
    /// has anything the fast path does not model.
    pub(super) fn take(line: &mut Line) -> Option<Self> {
        let cycles: Vec<FixedCycle> =
            line.stations.iter().map(|s| s.kind.station().fixed_cycle()).collect::<Option<_>>()?;
        if !Self::fits(line) {
            return None;
        }
        let n = line.stations.len();
        let longest_history = line.units_in_process().map(|u| u.history.len()).max().unwrap_or(0);
        let mut units =
            Arena { records: Vec::new(), visits: Vec::new(), stride: longest_history + n, free: Vec::new() };
        let mut spare = std::mem::take(&mut line.spare_units);
        let mut rings = Vec::with_capacity(line.buffers.len());
        for buffer in &mut line.buffers {
            let mut ring = Ring {
                slots: vec![NONE; buffer.capacity as usize],
                head: 0,
                len: 0,
                from: buffer.from,
                to: buffer.to,
                peak_level: buffer.peak_level,
            };
            for unit in buffer.units.drain(..) {
                ring.push(units.take(&unit, false));
                spare.0.push(emptied(unit));
            }
            // Pushing them back does not raise the peak: it is at least what the buffer held.
            rings.push(ring);
        }
        let mut lanes = Box::new([Lane::ABSENT; LANES]);
        let mut streams = Vec::with_capacity(n);
        for (station, cycle) in line.stations.iter_mut().zip(cycles) {
            let mut open_visit = Lane::ABSENT.open_visit;
            let mut slot_of = |unit: Option<Box<Unit>>, under_way: bool| match unit {
                Some(unit) => {
                    let slot = units.take(&unit, under_way);
                    if under_way && let Some(&last) = unit.history.last() {
                        open_visit = last;
                    }
                    spare.0.push(emptied(unit));
                    slot
                }
                None => NONE,
            };
            let in_process = slot_of(station.in_process.take(), true);
            let finished = slot_of(station.finished.pop_front(), false);
            let mut lane = Lane {
                state: station.state,
                input: station.inputs.first().map_or(NONE, |&b| b as u32),
                output: station.output.map_or(NONE, |b| b as u32),
                cycle,
                work_remaining_ms: 0,
                uptime_remaining_ms: None,
                resume_ms: 0,
                until_ms: 0,
                cycle_ms: 0,
                state_since_ms: 0,
                state_time_ms: [0; STATE_COUNT],
                in_process,
                finished,
                pending_scrap: station.pending_scrap.take().is_some(),
                open_visit,
                processed: 0,
                good: 0,
                scrapped: 0,
                quantity_in: 0.0,
                energy_kwh: 0.0,
            };
            lane.load_clock(station);
            lane.load_counters(station);
            lanes[streams.len() % LANES] = lane;
            streams.push(station.rng_quality.clone());
        }
        let mut next_at = [u64::MAX; LANES];
        for (at, lane) in next_at.iter_mut().zip(lanes.iter()).take(n) {
            *at = lane.next_event_ms();
        }
        let (quantity, quantity_unit) = Payload::Part.quantity();
        let part = PartMeasures {
            solids_kg: Payload::Part.solids_kg(),
            quantity,
            quantity_unit,
            good_quantity: Payload::Part.good_quantity(),
            good_area_m2: Payload::Part.good_area_m2(),
        };
        Some(Self { lanes, next_at, n, streams, rings, units, part, spare, unit_named: false })
    }

    /// Whether the fast path models everything in `line` now.
    fn fits(line: &Line) -> bool {
        let n = line.stations.len();
        let stations_fit = n <= Dirty::MAX
            && line.stations.iter().enumerate().all(|(i, s)| {
                !s.kind.has_stock()
                && !s.utility
                && s.room.is_none()
                && s.inputs.len() <= 1
                && !s.stop_requested
                && s.faults.is_empty()
                && matches!(
                    s.state,
                    EquipmentState::Running | EquipmentState::Blocked | EquipmentState::Starved | EquipmentState::Down
                )
                && s.process_alarms.is_empty()
                && !s.alarms_changed
                && s.booked.is_none()
                && !s.pending_absorb
                && s.pending_scrap.as_ref().is_none_or(|(origin, cause)| {
                    *origin as usize == i && cause == FixedCycle::SCRAP_CAUSE && s.in_process.is_some()
                })
                && s.finished.len() <= 1
                // One unit slot each for the unit in process and the finished one, never both
                // (the flow loads a station only once its finished unit has left).
                && (s.in_process.is_none() || s.finished.is_empty())
                // The visit under way is the in-process unit's last one.
                && s.in_process.as_ref().is_none_or(|u| !u.history.is_empty())
            });
        let nb = line.buffers.len();
        let buffers_fit = line
            .buffers
            .iter()
            .all(|b| b.capacity > 0 && b.units.len() <= b.capacity as usize && b.from < n && b.to < n)
            && line.stations.iter().all(|s| s.inputs.iter().chain(&s.output).all(|&b| b < nb));
        let units_fit = line
            .units_in_process()
            .all(|u| matches!(u.payload, Payload::Part) && u.components.is_empty() && u.defects.is_empty());
        stations_fit
            && buffers_fit
            && units_fit
            && line.webs.is_empty()
            && !line.alarms_pending
            && Self::acyclic(line, n)
    }

    /// Whether following outputs from any station reaches the sink within the line's length
    /// (so that a unit visits each station at most once).
    fn acyclic(line: &Line, n: usize) -> bool {
        (0..n).all(|start| {
            let mut at = start;
            for _ in 0..=n {
                match line.stations[at].output.and_then(|b| line.buffers.get(b)) {
                    None => return true,
                    Some(b) if b.to < n => at = b.to,
                    Some(_) => return false,
                }
            }
            false
        })
    }

    /// Processes every event due at or before `end_ms` (see `Line::advance_events`).
    pub(super) fn advance(&mut self, line: &mut Line, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        loop {
            let (mut t, mut i) = (u64::MAX, usize::MAX);
            for (j, &at) in self.next_at[..self.n.min(LANES)].iter().enumerate() {
                if at < t {
                    (t, i) = (at, j);
                }
            }
            if i == usize::MAX || t > end_ms {
                break;
            }
            *now_ms = t.max(*now_ms);
            let now = *now_ms;
            let mut dirty = Dirty::default();
            dirty.insert(i);
            self.handle_event(line, i, now, journal, &mut dirty);
            self.settle(line, now, &mut dirty);
            self.next_at[i % LANES] = self.lanes[i % LANES].next_event_ms();
        }
        *now_ms = end_ms.max(*now_ms);
    }

    /// Writes the state back into `line` (units as boxes) and ends the fast path.
    pub(super) fn put_back(mut self, line: &mut Line) {
        for (ring, buffer) in self.rings.iter().zip(&mut line.buffers) {
            for slot in ring.units() {
                buffer.units.push_back(self.units.build(slot, None, &mut self.spare));
            }
            buffer.peak_level = ring.peak_level;
        }
        for (i, (lane, station)) in self.lanes.iter().zip(&mut line.stations).enumerate() {
            lane.store_clock(station);
            lane.store_counters(station);
            station.rng_quality = self.streams[i].clone();
            if lane.in_process != NONE {
                station.in_process = Some(self.units.build(lane.in_process, Some(lane.open_visit), &mut self.spare));
            }
            if lane.finished != NONE {
                station.finished.push_back(self.units.build(lane.finished, None, &mut self.spare));
            }
            station.pending_scrap = lane.pending_scrap.then(|| (i as u16, FixedCycle::SCRAP_CAUSE.to_string()));
        }
        self.spare.0.truncate(super::flow::UNIT_POOL);
        line.spare_units = self.spare;
    }

    /// As `Line::handle_event`, for a running or down station.
    #[inline]
    fn handle_event(&mut self, line: &mut Line, i: usize, now: u64, journal: &mut Journal, dirty: &mut Dirty) {
        let lane = &mut self.lanes[i % LANES];
        match lane.state {
            EquipmentState::Running => {
                let elapsed = now.saturating_sub(lane.resume_ms);
                lane.work_remaining_ms = lane.work_remaining_ms.saturating_sub(elapsed);
                if let Some(up) = lane.uptime_remaining_ms.as_mut() {
                    *up = up.saturating_sub(elapsed);
                }
                lane.resume_ms = now;
                if lane.work_remaining_ms == 0 {
                    let fails = lane.uptime_remaining_ms == Some(0);
                    self.finish_cycle(line, i, now, !fails, dirty);
                }
                if self.lanes[i % LANES].uptime_remaining_ms == Some(0) {
                    self.break_down(line, i, now, journal);
                }
            }
            EquipmentState::Down => self.repaired(line, i, now, journal),
            _ => {}
        }
    }

    /// The station fails now (by the station's own code).
    #[cold]
    fn break_down(&mut self, line: &mut Line, i: usize, now: u64, journal: &mut Journal) {
        let (lane, station) = (&mut self.lanes[i % LANES], &mut line.stations[i]);
        let repair_ms = station.draw_repair_ms();
        lane.uptime_remaining_ms = None;
        lane.store_clock(station);
        station.break_down(now, repair_ms, journal);
        lane.load_clock(station);
    }

    /// The repair ends: a new time to failure, and the station resumes (as
    /// `Station::resume_state`; the fast path has no stops).
    #[cold]
    fn repaired(&mut self, line: &mut Line, i: usize, now: u64, journal: &mut Journal) {
        let (lane, station) = (&mut self.lanes[i % LANES], &mut line.stations[i]);
        station.sample_uptime();
        lane.uptime_remaining_ms = station.uptime_remaining_ms;
        lane.resume_ms = now;
        let next = if lane.in_process != NONE {
            EquipmentState::Running
        } else if lane.finished != NONE {
            EquipmentState::Blocked
        } else {
            EquipmentState::Starved
        };
        lane.set_state(now, next);
        journal_repaired(journal, &station.id, now);
    }

    /// As `Line::settle_flow`.
    #[inline]
    fn settle(&mut self, line: &mut Line, now: u64, dirty: &mut Dirty) {
        while let Some(i) = dirty.pop_lowest() {
            let changed = self.try_unload(line, i, now, dirty) | self.try_load(line, i, now, dirty);
            if changed {
                self.next_at[i % LANES] = self.lanes[i % LANES].next_event_ms();
            }
        }
    }

    /// As `Line::try_unload`: a blocked station passes its finished unit on.
    #[inline]
    fn try_unload(&mut self, line: &mut Line, i: usize, now: u64, dirty: &mut Dirty) -> bool {
        let lane = &mut self.lanes[i % LANES];
        if lane.state != EquipmentState::Blocked {
            return false;
        }
        let mut moved = false;
        if lane.finished != NONE {
            if lane.output == NONE {
                let slot = std::mem::replace(&mut lane.finished, NONE);
                self.ship(line, slot, now);
                moved = true;
            } else {
                let ring = &mut self.rings[lane.output as usize];
                if ring.has_room() {
                    ring.push(std::mem::replace(&mut lane.finished, NONE));
                    dirty.insert(ring.to);
                    moved = true;
                }
            }
        }
        let lane = &mut self.lanes[i % LANES];
        if lane.finished == NONE {
            lane.set_state(now, EquipmentState::Starved);
            moved = true;
        }
        moved
    }

    /// As `Line::try_load`: a starved station starts a cycle on a new unit (a source) or on
    /// the head of its input buffer.
    #[inline]
    fn try_load(&mut self, line: &mut Line, i: usize, now: u64, dirty: &mut Dirty) -> bool {
        let lane = &self.lanes[i % LANES];
        if lane.state != EquipmentState::Starved || lane.in_process != NONE || lane.finished != NONE {
            return false;
        }
        let slot = if lane.input == NONE {
            let slot = self.units.slot(line.next_unit_id, now);
            line.next_unit_id += 1;
            line.counters.entered += 1;
            line.wip_change(now, 1);
            slot
        } else {
            let ring = &mut self.rings[lane.input as usize];
            let Some(slot) = ring.pop() else {
                return false;
            };
            // As `flow::mark_if_full`: the station upstream may have been blocked on it.
            if ring.len + 1 >= ring.slots.len() {
                dirty.insert(ring.from);
            }
            slot
        };
        self.begin_cycle(line, i, slot, now);
        true
    }

    /// As `Line::begin_cycle` for a fixed cycle: the visit, the scrap draw, the booking.
    #[inline]
    fn begin_cycle(&mut self, line: &mut Line, i: usize, slot: u32, now: u64) {
        let lane = &mut self.lanes[i % LANES];
        let scrapped = lane.cycle.scraps(&mut self.streams[i]);
        if lane.input == NONE {
            line.counters.solids_entered_kg += self.part.solids_kg;
        }
        if scrapped {
            // Booked by the line's own code, with the counters it changes handed over.
            let report = lane.cycle.scrap_report(i as u16);
            lane.store_counters(&mut line.stations[i]);
            line.book_cycle(i, &report, 1.0);
            lane.load_counters(&line.stations[i]);
        } else {
            // As `Station::book_plain_cycle` (the process alarms are empty on this path).
            lane.quantity_in += 1.0;
            lane.energy_kwh += 0.0;
        }
        lane.pending_scrap = scrapped;
        lane.open_visit = Visit { station: i as u16, start_ms: now, end_ms: now };
        let cycle_time_ms = lane.cycle.cycle_time_ms;
        lane.in_process = slot;
        lane.cycle_ms = cycle_time_ms;
        lane.work_remaining_ms = cycle_time_ms;
        lane.resume_ms = now;
        lane.set_state(now, EquipmentState::Running);
    }

    /// As `Line::finish_cycle`.
    #[inline]
    fn finish_cycle(&mut self, line: &mut Line, i: usize, now: u64, pass_on: bool, dirty: &mut Dirty) {
        let lane = &mut self.lanes[i % LANES];
        let slot = std::mem::replace(&mut lane.in_process, NONE);
        if slot == NONE {
            return;
        }
        self.units.close_visit(slot, Visit { end_ms: now, ..lane.open_visit });
        lane.processed += 1;
        if !std::mem::take(&mut lane.pending_scrap) {
            lane.good += 1;
            if pass_on {
                self.pass_on(line, i, slot, now, dirty);
            } else {
                lane.finished = slot;
            }
        } else {
            lane.scrapped += 1;
            let p = &self.part;
            let amount = ScrapAmount { quantity: p.quantity, quantity_unit: p.quantity_unit, solids_kg: p.solids_kg };
            line.record_scrap(i, i, FixedCycle::SCRAP_CAUSE, amount);
            line.counters.scrapped += 1;
            line.wip_change(now, -1);
            self.units.free.push(slot);
        }
        let lane = &mut self.lanes[i % LANES];
        let next = if lane.finished == NONE { EquipmentState::Starved } else { EquipmentState::Blocked };
        lane.set_state(now, next);
    }

    /// As `Line::pass_on` (the station's queue is empty when its cycle ends).
    #[inline]
    fn pass_on(&mut self, line: &mut Line, i: usize, slot: u32, now: u64, dirty: &mut Dirty) {
        let lane = &mut self.lanes[i % LANES];
        if lane.output == NONE {
            self.ship(line, slot, now);
            return;
        }
        let ring = &mut self.rings[lane.output as usize];
        if ring.has_room() && ring.to > i {
            ring.push(slot);
            dirty.insert(ring.to);
        } else {
            lane.finished = slot;
        }
    }

    /// As `Line::ship_unit`, for a good part.
    #[inline(always)]
    fn ship(&mut self, line: &mut Line, slot: u32, now: u64) {
        let (c, p) = (&mut line.counters, &self.part);
        c.completed += 1;
        c.solids_completed_kg += p.solids_kg;
        c.completed_quantity += p.quantity;
        c.completed_good_quantity += p.good_quantity;
        c.completed_good_area_m2 += p.good_area_m2;
        if !self.unit_named {
            if c.completed_quantity_unit != p.quantity_unit {
                c.completed_quantity_unit = p.quantity_unit.to_string();
            }
            self.unit_named = true;
        }
        c.completed_good += 1;
        line.wip_change(now, -1);
        self.units.free.push(slot);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::alarms::AlarmBoard;
    use crate::faults::Fault;
    use crate::layout::LineLayout;
    use crate::log::EventLog;

    /// One station of a generated line: cycle time s, scrap share, MTBF h (none: never fails),
    /// MTTR h.
    type StationSpec = (f64, f64, Option<f64>, f64);

    /// A layout of one or two chains of generic stations, listed in a shuffled order (so
    /// that buffers also lead to lower indices).
    fn layout(chains: &[Vec<StationSpec>], capacities: &[u32], order: &[usize]) -> LineLayout {
        let total: usize = chains.iter().map(Vec::len).sum();
        let name = |k: usize| format!("s{}", order[k % order.len()] * 1000 + k);
        let mut stations = vec![String::new(); total];
        let mut buffers = String::new();
        let mut k = 0;
        for chain in chains {
            for (j, &(cycle_s, scrap, mtbf_h, mttr_h)) in chain.iter().enumerate() {
                let mtbf = mtbf_h.map_or(String::new(), |h| format!(", mtbf_h: {h}, mttr_h: {mttr_h}"));
                stations[k] = format!(
                    "(id: \"{}\", area: \"a\", kind: Generic(cycle_time_s: {cycle_s}, scrap_frac: {scrap}){mtbf})",
                    name(k)
                );
                if j > 0 {
                    let capacity = capacities[k % capacities.len()];
                    buffers += &format!("(from: \"{}\", to: \"{}\", capacity: {capacity}),", name(k - 1), name(k));
                }
                k += 1;
            }
        }
        // Listed by generated name, so the flow runs through the indices in a shuffled order.
        stations.sort();
        let text = format!(
            "LineLayout(id: \"t\", title: (en: \"t\", nl: \"t\"), stations: [{}], buffers: [{buffers}])",
            stations.join(",")
        );
        LineLayout::from_ron("t.ron", &text).expect("generated layout is valid")
    }

    /// What happens between two steps.
    #[derive(Clone, Debug)]
    enum Act {
        Nothing,
        Breakdown(usize, u64),
        Stop(usize),
        Start(usize),
        Maintenance(usize, u64),
        CycleTime(usize, f64),
    }

    fn act(line: &mut Line, act: &Act, now: u64, journal: &mut Journal) {
        let n = line.stations.len();
        match *act {
            Act::Nothing => {}
            Act::Breakdown(i, ms) => {
                let _ = line.force_breakdown(i % n, now, ms, journal);
            }
            Act::Stop(i) => line.request_stop(i % n, now),
            Act::Start(i) => line.request_start(i % n, now),
            Act::Maintenance(i, ms) => {
                let _ = line.start_maintenance(i % n, now, ms);
            }
            Act::CycleTime(i, s) => {
                if let crate::stations::StationKind::Generic(g) = &mut line.stations[i % n].kind {
                    g.cycle_time_s = s;
                }
            }
        }
    }

    /// Runs the line in the given steps on the fast path and on the general kernel and
    /// asserts the same state, log and alarms after every step.
    fn same_as_general(layout: &LineLayout, seed: u64, steps: &[(u64, Act)]) {
        let (mut fast, mut general) = (Line::new(layout, seed), Line::new(layout, seed));
        let (mut log_f, mut log_g) = (EventLog::default(), EventLog::default());
        let (mut alarms_f, mut alarms_g) = (AlarmBoard::default(), AlarmBoard::default());
        let (mut now_f, mut now_g) = (0, 0);
        let mut took_fast_path = false;
        for (k, (step_ms, what)) in steps.iter().enumerate() {
            took_fast_path |= FixedRun::fits(&fast);
            let mut journal = Journal { log: &mut log_f, alarms: &mut alarms_f };
            let end = now_f + step_ms;
            fast.advance_to(&mut now_f, end, &mut journal);
            act(&mut fast, what, now_f, &mut journal);
            let mut journal = Journal { log: &mut log_g, alarms: &mut alarms_g };
            let end = now_g + step_ms;
            general.advance_to_general(&mut now_g, end, &mut journal);
            act(&mut general, what, now_g, &mut journal);
            assert_eq!(now_f, now_g);
            if fast != general {
                let stations = fast.stations.iter().zip(&general.stations).position(|(a, b)| a != b);
                let buffers = fast.buffers.iter().zip(&general.buffers).position(|(a, b)| a != b);
                let detail = match (stations, buffers) {
                    (Some(i), _) => format!("station {i}: {:#?}\nvs {:#?}", fast.stations[i], general.stations[i]),
                    (_, Some(b)) => format!("buffer {b}: {:#?}\nvs {:#?}", fast.buffers[b], general.buffers[b]),
                    _ => format!("{:#?}\nvs {:#?}", fast.counters, general.counters),
                };
                panic!("step {k} ({what:?}): the fast path and the general kernel differ at {detail}");
            }
            assert_eq!(log_f, log_g, "step {k}: logs differ");
            assert_eq!(alarms_f, alarms_g, "step {k}: alarms differ");
        }
        assert!(took_fast_path, "the fast path never ran");
    }

    #[test]
    fn the_benchmark_week_is_the_same_on_both_paths() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/fast-8.ron");
        let text = std::fs::read_to_string(path).expect("bundled layout");
        let layout = LineLayout::from_ron(path, &text).expect("valid");
        // One step, then uneven ones (a step ends mid-cycle, mid-repair, on an event).
        same_as_general(&layout, 1, &[(168 * 3_600_000, Act::Nothing)]);
        let steps: Vec<(u64, Act)> = (0..400).map(|k| (1 + (k * 7919 % 3_000_000), Act::Nothing)).collect();
        same_as_general(&layout, 5, &steps);
    }

    #[test]
    fn a_line_with_a_fault_or_a_stop_leaves_the_fast_path() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/generic-8.ron");
        let text = std::fs::read_to_string(path).expect("bundled layout");
        let mut line = Line::new(&LineLayout::from_ron(path, &text).expect("valid"), 1);
        assert!(FixedRun::fits(&line));
        line.request_stop(2, 0);
        assert!(!FixedRun::fits(&line));
        line.request_start(2, 0);
        assert!(FixedRun::fits(&line));
        line.start_maintenance(3, 0, 1000).expect("maintenance starts");
        assert!(!FixedRun::fits(&line));
        // No generic station takes a fault; a layout with another kind never fits.
        assert!(line.inject_fault(0, Fault::ClogDieLip, 0).is_err());
    }

    fn station() -> impl Strategy<Value = StationSpec> {
        (
            prop_oneof![(1u32..40).prop_map(f64::from), 1.0f64..40.0],
            prop_oneof![Just(0.0), 0.0f64..0.3],
            prop_oneof![Just(None), (0.1f64..3.0).prop_map(Some)],
            0.001f64..0.3,
        )
    }

    fn act_strategy() -> impl Strategy<Value = Act> {
        prop_oneof![
            6 => Just(Act::Nothing),
            1 => (0usize..20, 1u64..2_000_000).prop_map(|(i, ms)| Act::Breakdown(i, ms)),
            1 => (0usize..20).prop_map(Act::Stop),
            1 => (0usize..20).prop_map(Act::Start),
            1 => (0usize..20, 1u64..2_000_000).prop_map(|(i, ms)| Act::Maintenance(i, ms)),
            1 => (0usize..20, 1.0f64..30.0).prop_map(|(i, s)| Act::CycleTime(i, s)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// On random chains of generic stations, stepped unevenly, with breakdowns, stops,
        /// maintenance and cycle-time changes between steps, the fast path reaches the same
        /// state as the general kernel after every step.
        #[test]
        fn the_fast_path_is_the_general_kernel(
            chains in prop::collection::vec(prop::collection::vec(station(), 1..7), 1..3),
            capacities in prop::collection::vec(1u32..6, 1..6),
            order in prop::collection::vec(0usize..9, 1..9),
            seed in 0u64..1000,
            steps in prop::collection::vec((1u64..7_200_000, act_strategy()), 1..40),
        ) {
            same_as_general(&layout(&chains, &capacities, &order), seed, &steps);
        }
    }
}

//! The fast path of the line kernel, for lines whose every station has a fixed cycle
//! ([`FixedCycle`]: fixed time, a Bernoulli scrap draw, failures and repairs), joined in
//! chains (at most one input buffer per station) with no webs and no rooms: the generic
//! lines of the queueing checks and the kernel benchmark.
//!
//! It reaches the state the general kernel (`Line::advance_events`) reaches, bit for bit,
//! with the same draws from the same streams (`tests.rs` compares the two on random lines
//! and random steps). What it saves is the general kernel's generality: units are slots in
//! an arena (id, creation time, visits) instead of boxed records with their own vectors,
//! buffers hold slot numbers, a cycle is drawn without a call through the kind, and nothing
//! asks about webs, rooms, stock, passports or assembly. A shipped unit is never built; the
//! units still in the line are written back as boxed units when the advance ends.
//!
//! A line takes the fast path for an advance only when [`FixedRun::take`] finds nothing it
//! does not model (an operator stop, maintenance, a fault, a process alarm, a unit with
//! defects or components); otherwise, and after any such command, the general kernel runs.
//! On the fast path, a line that is one chain in index order runs by the departure-time
//! recursion (`chain.rs`: no event queue, the units followed one by one); any other runs
//! event by event in the general kernel's order (`events.rs`).
//!
//! Parts: here, taking a line on and putting it back, and the steps of a cycle both ways
//! share; `chain.rs` (the recursion), `events.rs` (event by event), `tables.rs` (the compact
//! data: stations as lanes, buffers as rings of unit slots, units in an arena, the
//! recursion's tallies), `tests.rs` (the comparison with the general kernel).

mod chain;
mod events;
mod tables;
#[cfg(test)]
mod tests;

use tables::{Arena, Dirty, LANES, Lane, NONE, Ring, emptied};

use super::booking::ScrapAmount;
use super::{EquipmentState, Journal, Line, UnitPool};
use crate::rng::Stream;
use crate::stations::FixedCycle;
use crate::unit::{Payload, Unit, Visit};

/// What a part (the only product of a fixed-cycle line) books at the sink and as scrap.
struct PartMeasures {
    solids_kg: f64,
    quantity: f64,
    quantity_unit: &'static str,
    good_quantity: f64,
    good_area_m2: f64,
}

/// The parts of a [`FixedRun`] that the recursion changes (see [`FixedRun::advance`]).
struct Saved {
    lanes: Box<[Lane; LANES]>,
    streams: Vec<Stream>,
    rings: Vec<Ring>,
    units: Arena,
    unit_named: bool,
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
                input: station.inputs.first().map_or(NONE, |&b| b as u32),
                output: station.output.map_or(NONE, |b| b as u32),
                cycle,
                in_process,
                finished,
                pending_scrap: station.pending_scrap.take().is_some(),
                open_visit,
                ..Lane::ABSENT
            };
            // The state, its clock and the counters, as the station has them.
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

    /// Advances to `end_ms`: by the departure-time recursion when the line is one chain in
    /// index order (`chain.rs`), otherwise (or when the recursion gives up) event by event.
    pub(super) fn advance(&mut self, line: &mut Line, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
        if self.is_chain(*now_ms) {
            let saved = (line.clone(), self.saved());
            match self.advance_chain(line, *now_ms, end_ms, journal) {
                Ok(()) => {
                    *now_ms = end_ms.max(*now_ms);
                    return;
                }
                Err(chain::Abandon) => {
                    *line = saved.0;
                    self.restore(saved.1);
                }
            }
        }
        self.advance_events(line, now_ms, end_ms, journal);
    }

    /// What the recursion changes in the run, to go back to when it gives up.
    fn saved(&self) -> Saved {
        Saved {
            lanes: self.lanes.clone(),
            streams: self.streams.clone(),
            rings: self.rings.clone(),
            units: self.units.clone(),
            unit_named: self.unit_named,
        }
    }

    fn restore(&mut self, saved: Saved) {
        (self.lanes, self.streams, self.rings, self.units, self.unit_named) =
            (saved.lanes, saved.streams, saved.rings, saved.units, saved.unit_named);
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

    /// As `Line::begin_cycle` for a fixed cycle: the visit, the scrap draw, the booking.
    #[inline(always)]
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

    /// What scrapping a unit at station `i` books, but the WIP (the caller's).
    fn book_scrapped(&mut self, line: &mut Line, i: usize, slot: u32) {
        let p = &self.part;
        let amount = ScrapAmount { quantity: p.quantity, quantity_unit: p.quantity_unit, solids_kg: p.solids_kg };
        line.record_scrap(i, i, FixedCycle::SCRAP_CAUSE, amount);
        line.counters.scrapped += 1;
        self.units.free.push(slot);
    }

    /// What shipping a good part books, but the WIP (`ship`'s caller or the chain's tally).
    #[inline(always)]
    fn count_shipped(&mut self, line: &mut Line, slot: u32) {
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
        self.units.free.push(slot);
    }
}

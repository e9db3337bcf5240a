//! The fast path's departure-time recursion, for a line that is one chain in index order
//! (station 0 the only source, each station's output the next one's input, the last one
//! shipping): the benchmark lines' shape.
//!
//! Instead of taking events one by one from a queue, it follows the units in the order they
//! travel (the oldest, most downstream unit first) and gives each, station after station,
//! the times of a tandem line with blocking after service (the departure-time recursion of
//! serial production lines with finite buffers): a unit starts at a station when both the
//! unit and the station are free, `start = max(arrival, station free)`; its
//! cycle ends after its work plus any repairs that interrupt it; it leaves when there is
//! room downstream, `leave = max(ready, start downstream of the unit a buffer's capacity
//! ahead)`. A station's failures are counted in its own operating time, so they fit in
//! this recursion too: each station's events come out in its own time order, which is all
//! its state needs.
//!
//! What the event order decides elsewhere is reproduced as the kernel decides it (events at
//! the same millisecond by station index, the flow settled after each):
//! - a buffer's peak level when units go in and come out in the same millisecond: a unit
//!   that leaves on its station's own event goes in before the downstream station's event
//!   that millisecond takes one out; a unit that waited for room goes in just after the
//!   unit that made room came out;
//! - the log and the alarm board: breakdowns and repairs are kept and written in (time,
//!   station) order when the run ends;
//! - the time-average WIP: its area is summed from the units' entry and exit times.
//!
//! One case would break the (time, station) order of the log: a time to failure of 0 ms,
//! which fails a station at the millisecond its cycle starts, possibly inside another
//! station's event. Draws are rounded to at least 1 ms (`secs_to_ms`), so it does not arise
//! today; should a repair ever draw one, the run is abandoned, the line and the run
//! restored as they were, and the event-by-event fast path runs the advance instead. A run
//! that has kept more breakdowns than [`ENTRY_LIMIT`] for the log gives up in the same way,
//! so its memory stays bounded.
//!
//! `tests.rs` compares the recursion with the general kernel on random chains, stepped
//! unevenly, and with runs forced to abandon.

use super::FixedRun;
use super::tables::{LANES, NONE, Passage, Room, WipTally};
use crate::line::equipment::{journal_breakdown, journal_repaired};
use crate::line::{EquipmentState, Journal, Line};
use crate::unit::Visit;

/// Not within this advance.
const NEVER: u64 = u64::MAX;

/// Breakdowns and repairs a run keeps for the log before it gives up (and the event-by-event
/// path, which logs as it goes, takes over): the run's memory stays bounded on a layout that
/// fails every few seconds. A year of the benchmark line makes about 4,000.
const ENTRY_LIMIT: usize = 16_384;

/// The recursion gave up (a time to failure of 0 ms, or more breakdowns than it keeps); the
/// event-by-event path takes over.
pub(super) struct Abandon;

/// Where a unit's journey goes on from.
#[derive(Clone, Copy)]
enum Stage {
    /// The unit is in the station's input (or, at the source, is to be made) since this time.
    Arrive(u64),
    /// The unit is at the station, in process (or the station is down).
    Run,
    /// The unit is finished and ready to leave at this time; `at_own_event`: it became ready
    /// at one of the station's own events (the cycle's end or a repair), not before the run.
    Leave { ready_ms: u64, at_own_event: bool },
}

/// How a station's present cycle came out.
enum CycleEnd {
    /// Its next event lies beyond the advance: the station stays as it is.
    Beyond,
    /// The station is free from this time (its unit was scrapped, or it had none).
    Free(u64),
    /// The unit is finished and ready to leave at this time.
    Ready(u64),
}

/// A breakdown or a repair, logged when the run ends.
#[derive(Clone, Copy)]
struct Entry {
    at_ms: u64,
    station: usize,
    repaired: bool,
}

/// A run's own state.
struct Chain {
    end_ms: u64,
    /// When each station can take its next unit (`NEVER`: not within the advance).
    free_at: [u64; LANES],
    /// By buffer index.
    passages: Vec<Passage>,
    wip: WipTally,
    entries: Vec<Entry>,
}

#[cfg(test)]
thread_local! {
    /// Runs of the recursion that completed (tests check that it ran).
    pub(super) static CHAIN_RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Makes a run abandon at its first repair (tests check the way back).
    pub(super) static ABANDON_AT_REPAIR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl FixedRun {
    /// Whether the recursion can run this advance from `now_ms`: one chain in index order,
    /// its flow settled (no station starved with a unit waiting, none blocked with room),
    /// every station's next event at or after `now_ms`, and no time to failure used up.
    pub(super) fn is_chain(&self, now_ms: u64) -> bool {
        let n = self.n;
        if n == 0 || n > LANES || self.lanes[0].input != NONE || self.lanes[(n - 1) % LANES].output != NONE {
            return false;
        }
        (0..n).all(|p| {
            let lane = &self.lanes[p % LANES];
            let ring = |b: u32| self.rings.get(b as usize);
            let linked = p + 1 == n
                || ring(lane.output)
                    .is_some_and(|r| r.from == p && r.to == p + 1 && self.lanes[(p + 1) % LANES].input == lane.output);
            let settled = match lane.state {
                EquipmentState::Running => lane.in_process != NONE && lane.next_event_ms() >= now_ms,
                EquipmentState::Down => lane.until_ms >= now_ms,
                EquipmentState::Blocked => lane.finished != NONE && ring(lane.output).is_some_and(|r| !r.has_room()),
                EquipmentState::Starved => {
                    lane.in_process == NONE && lane.finished == NONE && ring(lane.input).is_some_and(|r| r.len == 0)
                }
                _ => false,
            };
            linked && settled && lane.uptime_remaining_ms != Some(0)
        })
    }

    /// Advances the chain to `end_ms` by the recursion (see the module documentation). On
    /// `Err` the caller restores what the run changed.
    pub(super) fn advance_chain(
        &mut self,
        line: &mut Line,
        now_ms: u64,
        end_ms: u64,
        journal: &mut Journal,
    ) -> Result<(), Abandon> {
        let passages = self.rings.iter().map(|r| Passage::new(r.len, r.slots.len())).collect();
        let mut chain =
            Chain { end_ms, free_at: [NEVER; LANES], passages, wip: WipTally::default(), entries: Vec::new() };
        // The units in the line, oldest (most downstream) first: each station's own, then
        // the ones waiting in its input.
        for p in (0..self.n).rev() {
            let lane = &self.lanes[p % LANES];
            let stage = match lane.state {
                EquipmentState::Blocked => Some(Stage::Leave { ready_ms: now_ms, at_own_event: false }),
                EquipmentState::Running | EquipmentState::Down => Some(Stage::Run),
                _ => None,
            };
            match stage {
                Some(stage) => self.journey(line, &mut chain, p, stage)?,
                None => chain.free_at[p % LANES] = now_ms,
            }
            let waiting = self.rings.get(self.lanes[p % LANES].input as usize).map_or(0, |r| r.len);
            for _ in 0..waiting {
                self.journey(line, &mut chain, p, Stage::Arrive(now_ms))?;
            }
        }
        // New units, as long as the source is free within the advance (each journey moves
        // its free time on by at least a cycle, of at least 1 ms).
        while chain.free_at[0] <= end_ms {
            let at_ms = chain.free_at[0];
            self.journey(line, &mut chain, 0, Stage::Arrive(at_ms))?;
        }
        chain.wip.apply(&mut line.counters);
        chain.entries.sort_by_key(|e| (e.at_ms, e.station));
        for e in &chain.entries {
            let id = &line.stations[e.station].id;
            if e.repaired {
                journal_repaired(journal, id, e.at_ms);
            } else {
                journal_breakdown(journal, id, e.at_ms);
            }
        }
        #[cfg(test)]
        CHAIN_RUNS.with(|c| c.set(c.get() + 1));
        Ok(())
    }

    /// Takes one unit from `stage` at station `p` down the chain as far as the advance goes.
    fn journey(&mut self, line: &mut Line, chain: &mut Chain, mut p: usize, stage: Stage) -> Result<(), Abandon> {
        let (mut ready_ms, mut at_own_event) = match stage {
            Stage::Arrive(arrival_ms) => match self.arrive(line, chain, p, arrival_ms)? {
                Some(ready_ms) => (ready_ms, true),
                None => return Ok(()),
            },
            Stage::Run => match self.cycle_end(line, chain, p)? {
                Some(ready_ms) => (ready_ms, true),
                None => return Ok(()),
            },
            Stage::Leave { ready_ms, at_own_event } => (ready_ms, at_own_event),
        };
        loop {
            let left = self.leave(line, chain, p, ready_ms, at_own_event);
            chain.free_at[p % LANES] = left.unwrap_or(NEVER);
            let Some(left_ms) = left else { return Ok(()) };
            p += 1;
            if p >= self.n {
                return Ok(());
            }
            let Some(next_ready_ms) = self.arrive(line, chain, p, left_ms)? else { return Ok(()) };
            (ready_ms, at_own_event) = (next_ready_ms, true);
        }
    }

    /// A unit arrives at station `p` at `arrival_ms` (at the source: a unit is to be made):
    /// it starts when the station is free, and runs its cycle. Returns when it is ready to
    /// leave (`None`: it does not get that far within the advance, or it was scrapped).
    #[inline(always)]
    fn arrive(
        &mut self,
        line: &mut Line,
        chain: &mut Chain,
        p: usize,
        arrival_ms: u64,
    ) -> Result<Option<u64>, Abandon> {
        let start_ms = chain.free_at[p % LANES].max(arrival_ms);
        if start_ms > chain.end_ms {
            chain.free_at[p % LANES] = NEVER;
            return Ok(None);
        }
        self.start(line, chain, p, start_ms);
        // Most cycles end without a failure within the advance: their end, directly.
        let lane = &mut self.lanes[p % LANES];
        let end_ms = start_ms.saturating_add(lane.work_remaining_ms);
        let fails_first = lane.uptime_remaining_ms.is_some_and(|up| up <= lane.work_remaining_ms);
        if !fails_first && end_ms <= chain.end_ms {
            if let Some(up) = lane.uptime_remaining_ms.as_mut() {
                *up -= lane.work_remaining_ms;
            }
            lane.work_remaining_ms = 0;
            lane.resume_ms = end_ms;
            return Ok(match self.finish(line, chain, p, end_ms, false) {
                CycleEnd::Ready(ready_ms) => Some(ready_ms),
                _ => {
                    chain.free_at[p % LANES] = end_ms;
                    None
                }
            });
        }
        self.cycle_end(line, chain, p)
    }

    /// Station `p`'s cycle to its end: the time the unit is ready to leave, or `None` with
    /// the station's free time set (the unit was scrapped, or the end lies beyond the advance).
    #[inline(always)]
    fn cycle_end(&mut self, line: &mut Line, chain: &mut Chain, p: usize) -> Result<Option<u64>, Abandon> {
        Ok(match self.run_station(line, chain, p)? {
            CycleEnd::Beyond => {
                chain.free_at[p % LANES] = NEVER;
                None
            }
            CycleEnd::Free(at_ms) => {
                chain.free_at[p % LANES] = at_ms;
                None
            }
            CycleEnd::Ready(ready_ms) => Some(ready_ms),
        })
    }

    /// Station `p` starts a cycle at `at_ms`: on a new unit at the source, otherwise on the
    /// head of its input.
    #[inline(always)]
    fn start(&mut self, line: &mut Line, chain: &mut Chain, p: usize, at_ms: u64) {
        let input = self.lanes[p % LANES].input;
        let slot = if input == NONE {
            let slot = self.units.slot(line.next_unit_id, at_ms);
            line.next_unit_id += 1;
            line.counters.entered += 1;
            chain.wip.enter(at_ms);
            slot
        } else {
            if let Some(passage) = chain.passages.get_mut(input as usize) {
                passage.popped(at_ms);
            }
            self.rings.get_mut(input as usize).and_then(|r| r.pop()).unwrap_or(NONE)
        };
        self.begin_cycle(line, p, slot, at_ms);
    }

    /// Station `p`'s events (as `FixedRun::handle_event` and `FixedRun::repaired`) until its
    /// cycle ends, or its next event lies beyond the advance.
    fn run_station(&mut self, line: &mut Line, chain: &mut Chain, p: usize) -> Result<CycleEnd, Abandon> {
        loop {
            let lane = &mut self.lanes[p % LANES];
            match lane.state {
                EquipmentState::Running => {
                    let at_ms = lane.next_event_ms();
                    if at_ms > chain.end_ms {
                        return Ok(CycleEnd::Beyond);
                    }
                    let elapsed = at_ms.saturating_sub(lane.resume_ms);
                    lane.work_remaining_ms = lane.work_remaining_ms.saturating_sub(elapsed);
                    if let Some(up) = lane.uptime_remaining_ms.as_mut() {
                        *up = up.saturating_sub(elapsed);
                    }
                    lane.resume_ms = at_ms;
                    let fails = lane.uptime_remaining_ms == Some(0);
                    if lane.work_remaining_ms == 0 {
                        let end = self.finish(line, chain, p, at_ms, fails);
                        if !fails {
                            return Ok(end);
                        }
                    } else if !fails {
                        // Not reached: a running station's event ends its cycle or fails it.
                        return Ok(CycleEnd::Beyond);
                    }
                    if chain.entries.len() >= ENTRY_LIMIT {
                        return Err(Abandon);
                    }
                    self.fail(line, chain, p, at_ms);
                }
                EquipmentState::Down => {
                    let at_ms = lane.until_ms;
                    if at_ms > chain.end_ms {
                        return Ok(CycleEnd::Beyond);
                    }
                    let station = &mut line.stations[p];
                    station.sample_uptime();
                    #[cfg(test)]
                    if ABANDON_AT_REPAIR.with(|a| a.get()) {
                        return Err(Abandon);
                    }
                    if station.uptime_remaining_ms == Some(0) {
                        return Err(Abandon);
                    }
                    let next = lane.resume(at_ms, station.uptime_remaining_ms);
                    chain.entries.push(Entry { at_ms, station: p, repaired: true });
                    match next {
                        EquipmentState::Running => {}
                        EquipmentState::Blocked => return Ok(CycleEnd::Ready(at_ms)),
                        _ => return Ok(CycleEnd::Free(at_ms)),
                    }
                }
                // Not reached: a journey runs a station that is running or down.
                _ => return Ok(CycleEnd::Beyond),
            }
        }
    }

    /// Station `p`'s cycle ends at `at_ms` (as `FixedRun::finish_cycle`, leaving the passing
    /// on to [`FixedRun::leave`]); `fails`: the station fails at the same millisecond, and
    /// keeps a good unit until it is repaired.
    #[inline(always)]
    fn finish(&mut self, line: &mut Line, chain: &mut Chain, p: usize, at_ms: u64, fails: bool) -> CycleEnd {
        let lane = &mut self.lanes[p % LANES];
        let slot = std::mem::replace(&mut lane.in_process, NONE);
        self.units.close_visit(slot, Visit { end_ms: at_ms, ..lane.open_visit });
        lane.processed += 1;
        if std::mem::take(&mut lane.pending_scrap) {
            lane.scrapped += 1;
            lane.set_state(at_ms, EquipmentState::Starved);
            self.book_scrapped(line, p, slot);
            chain.wip.leave(at_ms);
            CycleEnd::Free(at_ms)
        } else {
            lane.good += 1;
            lane.finished = slot;
            if fails {
                lane.set_state(at_ms, EquipmentState::Blocked);
            }
            CycleEnd::Ready(at_ms)
        }
    }

    /// Station `p` fails at `at_ms` (as `Station::break_down`, the log entry kept for later).
    #[cold]
    fn fail(&mut self, line: &mut Line, chain: &mut Chain, p: usize, at_ms: u64) {
        let (lane, station) = (&mut self.lanes[p % LANES], &mut line.stations[p]);
        let repair_ms = station.draw_repair_ms();
        lane.uptime_remaining_ms = None;
        lane.until_ms = at_ms.saturating_add(repair_ms);
        station.counters.failures += 1;
        lane.set_state(at_ms, EquipmentState::Down);
        chain.entries.push(Entry { at_ms, station: p, repaired: false });
    }

    /// Station `p`'s finished unit, ready at `ready_ms`, leaves: shipped, or into the next
    /// buffer when it has room. Returns when it left (`None`: not within the advance, the
    /// station stays blocked).
    fn leave(
        &mut self,
        line: &mut Line,
        chain: &mut Chain,
        p: usize,
        ready_ms: u64,
        at_own_event: bool,
    ) -> Option<u64> {
        let lane = &mut self.lanes[p % LANES];
        let slot = lane.finished;
        let output = lane.output as usize;
        if lane.output == NONE {
            lane.finished = NONE;
            lane.set_state(ready_ms, EquipmentState::Starved);
            self.count_shipped(line, slot);
            chain.wip.leave(ready_ms);
            return Some(ready_ms);
        }
        let passage = chain.passages.get_mut(output)?;
        let (left_ms, after_pop) = match passage.room() {
            Room::Free => (ready_ms, false),
            Room::From(room_ms) if at_own_event && room_ms < ready_ms => (ready_ms, false),
            Room::From(room_ms) => (room_ms.max(ready_ms), true),
            Room::Never => {
                lane.set_state(ready_ms, EquipmentState::Blocked);
                return None;
            }
        };
        if after_pop {
            lane.set_state(ready_ms, EquipmentState::Blocked);
        }
        lane.finished = NONE;
        lane.set_state(left_ms, EquipmentState::Starved);
        passage.pushes += 1;
        let ring = self.rings.get_mut(output)?;
        ring.put(slot);
        // A unit that waited for room fills the buffer again (the kernel saw it full), which
        // its peak has already recorded.
        if !after_pop && (ring.peak_level as u64) < passage.capacity() {
            let level = passage.level_after_push(left_ms);
            ring.peak_level = ring.peak_level.max(level.min(u64::from(u32::MAX)) as u32);
        }
        Some(left_ms)
    }
}

//! The fast path event by event, for chains the recursion does not take (several sources,
//! buffers leading to lower indices): the general kernel's events in its order (time, then
//! the lowest station index; the flow settled station by station, lowest index first), on
//! the fast path's compact data.

use super::super::equipment::journal_repaired;
use super::super::{EquipmentState, Journal, Line};
use super::FixedRun;
use super::tables::{Dirty, LANES, NONE};
use crate::unit::Visit;

impl FixedRun {
    /// Processes every event due at or before `end_ms` (see `Line::advance_events`).
    pub(super) fn advance_events(&mut self, line: &mut Line, now_ms: &mut u64, end_ms: u64, journal: &mut Journal) {
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
        lane.resume(now, station.uptime_remaining_ms);
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
            self.book_scrapped(line, i, slot);
            line.wip_change(now, -1);
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
        self.count_shipped(line, slot);
        line.wip_change(now, -1);
    }
}

//! One station's equipment states: running, blocked, starved, idle, down, setup, with time
//! to failure counted in operating time and repairs that resume the interrupted cycle.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::flow::StationSet;
use super::{Journal, Line, StationCounters};
use crate::alarms::AlarmPriority;
use crate::faults::ActiveFault;
use crate::log::LogKind;
use crate::rng::{self, Stream};
use crate::stations::{CycleContext, ProcessAlarm, Replan, StationKind};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::Unit;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EquipmentState {
    Idle,
    Running,
    Blocked,
    Starved,
    Down,
    Setup,
    /// Mid-cycle, held by the station its web runs into (a coater whose dryer stopped): the
    /// cycle waits and resumes when that station runs again.
    Held,
}

/// Number of [`EquipmentState`]s.
pub const STATE_COUNT: usize = 7;

impl EquipmentState {
    pub const ALL: [EquipmentState; STATE_COUNT] = [
        EquipmentState::Idle,
        EquipmentState::Running,
        EquipmentState::Blocked,
        EquipmentState::Starved,
        EquipmentState::Down,
        EquipmentState::Setup,
        EquipmentState::Held,
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
            Self::Held => "held",
        }
    }
}

/// Failure model of a station: exponential up and repair times (means in ms).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailureModel {
    pub mtbf_ms: f64,
    pub mttr_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Station {
    pub id: String,
    pub name: crate::text::Localized,
    pub area: String,
    pub kind: StationKind,
    /// Indices of the buffers this station takes from (empty: a source).
    pub inputs: Vec<usize>,
    /// Index of the buffer it feeds (none: ships to the sink).
    pub output: Option<usize>,
    pub failure: Option<FailureModel>,
    pub state: EquipmentState,
    pub(super) state_since_ms: u64,
    /// Accumulated time per [`EquipmentState`], up to `state_since_ms`.
    pub(super) state_time_ms: [u64; STATE_COUNT],
    /// Unit being processed (kept while down).
    pub(super) in_process: Option<Box<Unit>>,
    /// Finished units waiting for room downstream.
    pub(super) finished: VecDeque<Box<Unit>>,
    pub(super) work_remaining_ms: u64,
    /// Operating time the present cycle takes in all (what `work_remaining_ms` counts down
    /// from; a re-plan changes both).
    #[serde(default)]
    pub(super) cycle_ms: u64,
    /// The report booked for the present cycle of a continuous kind, which a re-plan
    /// replaces (see `Line::replan`).
    #[serde(default)]
    pub(super) booked: Option<crate::stations::CycleReport>,
    /// Operating time left until the next failure (none: never fails).
    pub(super) uptime_remaining_ms: Option<u64>,
    /// Start of the current running stretch.
    pub(super) resume_ms: u64,
    /// End of the current repair or maintenance.
    pub(super) until_ms: u64,
    pub(super) stop_requested: bool,
    /// Faults (malfunctions) active now; maintenance clears them.
    pub faults: Vec<ActiveFault>,
    /// Whole-unit scrap decided when the cycle started, applied when it ends.
    pub(super) pending_scrap: Option<(u16, String)>,
    /// Whether the unit in process goes into the station's stock when the cycle ends.
    #[serde(default)]
    pub(super) pending_absorb: bool,
    /// A utility of its area (a dry room): no units, always running (see
    /// `StationModel::UTILITY`).
    #[serde(default)]
    pub utility: bool,
    /// The utility station whose room this station stands in (same area), if any.
    #[serde(default)]
    pub room: Option<usize>,
    /// Process alarm conditions reported by the last cycle, and whether they changed since
    /// the alarm board last saw them.
    pub process_alarms: Vec<ProcessAlarm>,
    pub(super) alarms_changed: bool,
    pub(super) rng_failure: Stream,
    pub(super) rng_quality: Stream,
    pub counters: StationCounters,
}

impl Station {
    /// Time spent in each state up to `now_ms`, indexed by [`EquipmentState::index`].
    pub fn state_times_ms(&self, now_ms: u64) -> [u64; STATE_COUNT] {
        let mut t = self.state_time_ms;
        t[self.state.index()] += now_ms.saturating_sub(self.state_since_ms);
        t
    }

    /// The unit being processed, if any.
    pub fn in_process(&self) -> Option<&Unit> {
        self.in_process.as_deref()
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
    pub(super) fn next_event_ms(&self) -> Option<u64> {
        match self.state {
            // A utility has no cycle; it may ask to be looked at on its own clock.
            EquipmentState::Running if self.utility => self.kind.station().wake_at_ms(),
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

    pub(super) fn set_state(&mut self, now_ms: u64, state: EquipmentState) {
        change_state(&mut self.state, &mut self.state_since_ms, &mut self.state_time_ms, now_ms, state);
    }

    pub(super) fn sample_uptime(&mut self) {
        self.uptime_remaining_ms =
            self.failure.as_ref().map(|f| secs_to_ms(rng::exponential(&mut self.rng_failure, f.mtbf_ms) / 1000.0));
    }

    /// The state a station with nothing in process settles into.
    pub(super) fn free_state(&self) -> EquipmentState {
        if self.stop_requested { EquipmentState::Idle } else { EquipmentState::Starved }
    }

    /// Stops the running cycle's clock (for a hold, repair or maintenance): the work and
    /// operating time done so far are booked, the rest waits.
    pub(super) fn interrupt(&mut self, now_ms: u64) {
        if self.state == EquipmentState::Running {
            let elapsed = now_ms.saturating_sub(self.resume_ms);
            self.work_remaining_ms = self.work_remaining_ms.saturating_sub(elapsed);
            if let Some(up) = self.uptime_remaining_ms.as_mut() {
                *up = up.saturating_sub(elapsed);
            }
            self.resume_ms = now_ms;
        }
    }

    /// How far the present cycle has got at `now_ms`, 0 to 1, in operating time (it stands
    /// still while the station is down, held or in maintenance); none with no unit in
    /// process. What a model's moving parts follow (a press closing, a sealing bar).
    pub fn cycle_progress(&self, now_ms: u64) -> Option<f64> {
        self.in_process.as_ref()?;
        Some((self.cycle_done_ms(now_ms) as f64 / self.cycle_ms.max(1) as f64).clamp(0.0, 1.0))
    }

    /// Operating time spent on the present cycle by `now_ms`.
    pub(super) fn cycle_done_ms(&self, now_ms: u64) -> u64 {
        let mut left = self.work_remaining_ms;
        if self.state == EquipmentState::Running {
            left = left.saturating_sub(now_ms.saturating_sub(self.resume_ms));
        }
        self.cycle_ms.saturating_sub(left)
    }

    /// A repair time drawn from the station's failure stream (exponential, mean MTTR).
    pub(super) fn draw_repair_ms(&mut self) -> u64 {
        let mttr_ms = self.failure.as_ref().map_or(1.0, |f| f.mttr_ms);
        secs_to_ms(rng::exponential(&mut self.rng_failure, mttr_ms) / 1000.0)
    }

    /// The station breaks down at `now` for `repair_ms` (its cycle's clock already stopped):
    /// down, the failure counted, logged and alarmed.
    pub(super) fn break_down(&mut self, now: u64, repair_ms: u64, journal: &mut Journal) {
        self.until_ms = now.saturating_add(repair_ms);
        self.counters.failures += 1;
        self.set_state(now, EquipmentState::Down);
        journal_breakdown(journal, &self.id, now);
    }

    /// Where a station goes after a repair or maintenance ends.
    pub(super) fn resume_state(&self) -> EquipmentState {
        // A utility runs whenever it is not down or in maintenance.
        if self.utility || self.in_process.is_some() {
            EquipmentState::Running
        } else if !self.finished.is_empty() {
            EquipmentState::Blocked
        } else {
            self.free_state()
        }
    }
}

impl Line {
    /// Forces a breakdown now (an instructor's malfunction): the station goes down for
    /// `repair_ms`, interrupting a cycle, which resumes after the repair.
    pub fn force_breakdown(
        &mut self,
        i: usize,
        now: u64,
        repair_ms: u64,
        journal: &mut Journal,
    ) -> Result<(), Message> {
        let station = &mut self.stations[i];
        match station.state {
            EquipmentState::Down => {
                return Err(Message::new("reject-already-down").station("station", station.id.clone()));
            }
            _ => station.interrupt(now),
        }
        station.break_down(now, repair_ms, journal);
        Ok(())
    }

    /// Asks a continuous station kind to re-plan the rest of its unit (see
    /// [`crate::stations::StationModel::replan`]): the report booked for the cycle is replaced
    /// by the new one and the cycle's remaining time follows the new plan.
    pub fn replan(&mut self, i: usize, now: u64, why: Replan) {
        let Some(station) = self.stations.get_mut(i) else {
            return;
        };
        if !station.kind.is_continuous() {
            return;
        }
        let done_ms = station.cycle_done_ms(now);
        station.interrupt(now);
        let Station { kind, in_process, rng_quality, faults, .. } = station;
        let mut ctx =
            CycleContext { station: i as u16, now_ms: now, rng: rng_quality, faults, room_ppmv: None, room: None };
        let Some(report) = kind.station_mut().replan(in_process.as_deref_mut(), done_ms, why, &mut ctx) else {
            return;
        };
        if station.in_process.is_none() {
            self.set_process_alarms(i, &report.alarms);
            return;
        }
        if let Some(old) = station.booked.take() {
            self.book_cycle(i, &old, -1.0);
        }
        let mut report = report;
        self.record_cycle(i, &mut report);
        let station = &mut self.stations[i];
        station.work_remaining_ms = report.cycle_time_ms.saturating_sub(done_ms).max(1);
        station.cycle_ms = report.cycle_time_ms;
        station.booked = Some(report);
    }

    /// Lets every continuous station update its live readouts for plant time `now`.
    pub fn observe(&mut self, now: u64) {
        for station in &mut self.stations {
            if station.kind.is_continuous() {
                let done_ms = station.cycle_done_ms(now);
                station.kind.station_mut().observe(station.in_process.as_deref(), now, done_ms);
            }
        }
    }

    /// Handles station `i`'s event due at `now`; `dirty` gets the stations whose flow it
    /// may have changed besides `i` itself.
    pub(super) fn handle_event(&mut self, i: usize, now: u64, journal: &mut Journal, dirty: &mut StationSet) {
        match self.stations[i].state {
            EquipmentState::Running if self.stations[i].utility => self.replan(i, now, Replan::Wake),
            EquipmentState::Running => {
                let station = &mut self.stations[i];
                let elapsed = now.saturating_sub(station.resume_ms);
                station.work_remaining_ms = station.work_remaining_ms.saturating_sub(elapsed);
                if let Some(up) = station.uptime_remaining_ms.as_mut() {
                    *up = up.saturating_sub(elapsed);
                }
                station.resume_ms = now;
                if station.work_remaining_ms == 0 {
                    let fails = station.uptime_remaining_ms == Some(0);
                    self.finish_cycle(i, now, !fails, dirty);
                }
                let station = &mut self.stations[i];
                if station.uptime_remaining_ms == Some(0) {
                    let repair_ms = station.draw_repair_ms();
                    station.uptime_remaining_ms = None;
                    station.break_down(now, repair_ms, journal);
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
                let why = if station.in_process.is_some() { Replan::Restart } else { Replan::Faults };
                self.replan(i, now, why);
                if was_down {
                    journal_repaired(journal, &id, now);
                } else {
                    journal.log.push(now, Some(&id), LogKind::MaintenanceDone);
                }
            }
            _ => {}
        }
    }
}

/// Logs station `id`'s breakdown at `now` and raises its breakdown alarm.
pub(super) fn journal_breakdown(journal: &mut Journal, id: &str, now: u64) {
    journal.log.push(now, Some(id), LogKind::Breakdown);
    let message = Message::new("alarm-breakdown");
    let tag = format!("{id}.breakdown");
    if let Some(alarm) = journal.alarms.raise(now, &tag, Some(id), AlarmPriority::High, message) {
        journal.log.push(now, Some(id), LogKind::AlarmRaised { alarm });
    }
}

/// Logs the end of station `id`'s repair at `now` and clears its breakdown alarm.
pub(super) fn journal_repaired(journal: &mut Journal, id: &str, now: u64) {
    journal.log.push(now, Some(id), LogKind::Repaired);
    if let Some(alarm) = journal.alarms.clear(now, &format!("{id}.breakdown")) {
        journal.log.push(now, Some(id), LogKind::AlarmCleared { alarm });
    }
}

/// A state change at `now_ms`: the time in the old state is booked (nothing when the state
/// stays). Shared by [`Station`] and the fast path's stations.
#[inline]
pub(super) fn change_state(
    state: &mut EquipmentState,
    since_ms: &mut u64,
    time_ms: &mut [u64; STATE_COUNT],
    now_ms: u64,
    next: EquipmentState,
) {
    if next == *state {
        return;
    }
    time_ms[state.index()] += now_ms.saturating_sub(*since_ms);
    *since_ms = now_ms;
    *state = next;
}

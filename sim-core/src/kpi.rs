//! Key performance indicators of stations and the line (reference section 12).
//!
//! Per station, over the elapsed plant time:
//! - state shares: time in each equipment state / elapsed (they sum to 1);
//! - utilisation = running time / elapsed;
//! - planned time = elapsed - idle (operator stops are planned);
//! - availability = (planned - down - setup) / planned;
//! - performance = ideal cycle time x units processed / (planned - down - setup);
//! - quality = good / processed, which is also the first-pass yield (no rework loops);
//! - OEE = availability x performance x quality.
//!
//! For the line: throughput = units completed / elapsed hours, WIP now and time-averaged,
//! first-pass yield = good completed / (completed + scrapped), and scrap by station and cause.

use serde::{Deserialize, Serialize};

use crate::line::{EquipmentState, Line};
use crate::time::ms_to_hours;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateShares {
    pub idle: f64,
    pub running: f64,
    pub blocked: f64,
    pub starved: f64,
    pub down: f64,
    pub setup: f64,
}

impl StateShares {
    pub fn sum(&self) -> f64 {
        self.idle + self.running + self.blocked + self.starved + self.down + self.setup
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationKpis {
    pub id: String,
    pub name: String,
    pub state: String,
    pub processed: u64,
    pub good: u64,
    pub scrapped: u64,
    pub failures: u64,
    pub state_shares: StateShares,
    pub utilisation: f64,
    pub availability: f64,
    pub performance: f64,
    pub quality: f64,
    pub oee: f64,
    pub first_pass_yield: f64,
    pub scrap_by_cause: Vec<CauseCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseCount {
    pub station: String,
    pub cause: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BufferKpis {
    pub from: String,
    pub to: String,
    pub level: usize,
    pub capacity: u32,
    pub peak_level: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineKpis {
    pub line: String,
    pub elapsed_h: f64,
    pub entered: u64,
    pub completed: u64,
    pub completed_good: u64,
    pub scrapped: u64,
    pub wip: u64,
    pub average_wip: f64,
    pub throughput_per_h: f64,
    pub first_pass_yield: f64,
    /// Line OEE: good output at the bottleneck's ideal rate over elapsed time.
    pub oee: f64,
    /// Station with the longest ideal cycle time.
    pub bottleneck: String,
    pub scrap_by_cause: Vec<CauseCount>,
    pub stations: Vec<StationKpis>,
    pub buffers: Vec<BufferKpis>,
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { 0.0 }
}

pub fn station_kpis(line: &Line, i: usize, now_ms: u64) -> StationKpis {
    let s = &line.stations[i];
    let t = s.state_times_ms(now_ms).map(|ms| ms as f64);
    let elapsed = now_ms as f64;
    let share = |st: EquipmentState| ratio(t[st.index()], elapsed);
    let planned = elapsed - t[EquipmentState::Idle.index()];
    let operating = planned - t[EquipmentState::Down.index()] - t[EquipmentState::Setup.index()];
    let c = &s.counters;
    let availability = ratio(operating, planned);
    let performance = ratio(
        s.kind.ideal_cycle_time_s() * 1000.0 * c.processed as f64,
        operating,
    )
    .min(1.0);
    let quality = ratio(c.good as f64, c.processed as f64);
    StationKpis {
        id: s.id.clone(),
        name: s.name.clone(),
        state: s.state.label().to_string(),
        processed: c.processed,
        good: c.good,
        scrapped: c.scrapped,
        failures: c.failures,
        state_shares: StateShares {
            idle: share(EquipmentState::Idle),
            running: share(EquipmentState::Running),
            blocked: share(EquipmentState::Blocked),
            starved: share(EquipmentState::Starved),
            down: share(EquipmentState::Down),
            setup: share(EquipmentState::Setup),
        },
        utilisation: share(EquipmentState::Running),
        availability,
        performance,
        quality,
        oee: availability * performance * quality,
        first_pass_yield: quality,
        scrap_by_cause: c
            .scrap_by_cause
            .iter()
            .map(|(cause, count)| CauseCount {
                station: s.id.clone(),
                cause: cause.clone(),
                count: *count,
            })
            .collect(),
    }
}

pub fn line_kpis(line: &Line, now_ms: u64) -> LineKpis {
    let stations: Vec<StationKpis> = (0..line.stations.len())
        .map(|i| station_kpis(line, i, now_ms))
        .collect();
    let elapsed_h = ms_to_hours(now_ms);
    let c = &line.counters;
    let bottleneck = line.stations.iter().max_by(|a, b| {
        a.kind
            .ideal_cycle_time_s()
            .total_cmp(&b.kind.ideal_cycle_time_s())
    });
    let bottleneck_cycle_s = bottleneck.map_or(0.0, |s| s.kind.ideal_cycle_time_s());
    LineKpis {
        line: line.id.clone(),
        elapsed_h,
        entered: c.entered,
        completed: c.completed,
        completed_good: c.completed_good,
        scrapped: c.scrapped,
        wip: line.wip(),
        average_wip: line.average_wip(now_ms),
        throughput_per_h: ratio(c.completed as f64, elapsed_h),
        first_pass_yield: ratio(c.completed_good as f64, (c.completed + c.scrapped) as f64),
        oee: ratio(
            c.completed_good as f64 * bottleneck_cycle_s,
            elapsed_h * 3600.0,
        )
        .min(1.0),
        bottleneck: bottleneck.map_or_else(String::new, |s| s.id.clone()),
        scrap_by_cause: stations
            .iter()
            .flat_map(|s| s.scrap_by_cause.clone())
            .collect(),
        buffers: line
            .buffers
            .iter()
            .map(|b| BufferKpis {
                from: line.stations[b.from].id.clone(),
                to: line.stations[b.to].id.clone(),
                level: b.units.len(),
                capacity: b.capacity,
                peak_level: b.peak_level,
            })
            .collect(),
        stations,
    }
}

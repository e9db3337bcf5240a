//! Key performance indicators of stations and the line (reference section 12).
//!
//! Per station, over the elapsed plant time:
//! - state shares: time in each equipment state / elapsed (they sum to 1);
//! - utilisation = running time / elapsed;
//! - planned time = elapsed - idle (operator stops are planned);
//! - availability = (planned - down - setup) / planned;
//! - performance = running time / (planned - down - setup): cycles run at their set rate, so
//!   the performance loss is time starved or blocked (speed losses are set by the operator and
//!   show in throughput instead);
//! - quality = first-pass yield = 1 - quantity that left with a defect arising here / quantity in;
//! - OEE = availability x performance x quality.
//!
//! For the line: throughput = units completed / elapsed hours, WIP now and time-averaged,
//! first-pass yield of units = good completed / (completed + scrapped), the bottleneck by the
//! active-period method (the station least often starved or blocked), line OEE = the
//! bottleneck's OEE, scrap by root-cause station and cause, and the solids mass balance.

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
    /// Held mid-cycle by a stopped station downstream on the same web.
    #[serde(default)]
    pub held: f64,
}

impl StateShares {
    pub fn sum(&self) -> f64 {
        self.idle + self.running + self.blocked + self.starved + self.down + self.setup + self.held
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationKpis {
    pub id: String,
    pub name: crate::text::Localized,
    pub state: String,
    pub processed: u64,
    pub good: u64,
    pub scrapped: u64,
    pub failures: u64,
    pub quantity_in: f64,
    pub quantity_unit: String,
    pub state_shares: StateShares,
    pub utilisation: f64,
    pub availability: f64,
    pub performance: f64,
    pub quality: f64,
    pub oee: f64,
    pub first_pass_yield: f64,
    /// First-pass losses at this station by cause (quantity in `quantity_unit`).
    pub defective_by_cause: Vec<CauseQuantity>,
    /// Scrap whose root cause lies at this station.
    pub scrap_by_cause: Vec<CauseCount>,
    /// Scrap this station removed, by symptom (`CauseCount::cause` holds the symptom, see
    /// `product::symptom_of`); what a live panel may show.
    pub scrap_removed: Vec<CauseCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseQuantity {
    pub cause: String,
    pub quantity: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseCount {
    pub station: String,
    pub cause: String,
    pub quantity: f64,
    pub quantity_unit: String,
    pub solids_kg: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BufferKpis {
    pub from: String,
    pub to: String,
    pub level: usize,
    pub capacity: u32,
    pub peak_level: u32,
}

/// Where the electrode material (dry solids) went, kg.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MassBalance {
    pub solids_in_kg: f64,
    pub solids_completed_kg: f64,
    pub solids_scrapped_kg: f64,
    pub solids_in_process_kg: f64,
}

impl MassBalance {
    /// in - (completed + scrapped + in process): zero when mass is conserved.
    pub fn imbalance_kg(&self) -> f64 {
        self.solids_in_kg - self.solids_completed_kg - self.solids_scrapped_kg - self.solids_in_process_kg
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineKpis {
    pub line: String,
    pub elapsed_h: f64,
    pub entered: u64,
    pub completed: u64,
    pub completed_good: u64,
    /// Product completed in its own unit (sheets, metres, ...).
    pub completed_quantity: f64,
    pub completed_quantity_unit: String,
    pub scrapped: u64,
    pub wip: u64,
    pub average_wip: f64,
    pub throughput_per_h: f64,
    pub first_pass_yield: f64,
    /// The bottleneck's OEE.
    pub oee: f64,
    /// The station least often starved or blocked (active-period method).
    pub bottleneck: String,
    pub mass_balance: MassBalance,
    pub scrap_by_cause: Vec<CauseCount>,
    /// Scrap by the station that removed it and what showed (no root causes).
    pub scrap_removed: Vec<CauseCount>,
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
    let performance = ratio(t[EquipmentState::Running.index()], operating);
    let quality =
        if c.quantity_in > 0.0 { (1.0 - c.quantity_defective() / c.quantity_in).clamp(0.0, 1.0) } else { 0.0 };
    StationKpis {
        id: s.id.clone(),
        name: s.name.clone(),
        state: s.state.label().to_string(),
        processed: c.processed,
        good: c.good,
        scrapped: c.scrapped,
        failures: c.failures,
        quantity_in: c.quantity_in,
        quantity_unit: s.kind.station().quantity_unit().to_string(),
        state_shares: StateShares {
            idle: share(EquipmentState::Idle),
            running: share(EquipmentState::Running),
            blocked: share(EquipmentState::Blocked),
            starved: share(EquipmentState::Starved),
            down: share(EquipmentState::Down),
            setup: share(EquipmentState::Setup),
            held: share(EquipmentState::Held),
        },
        utilisation: share(EquipmentState::Running),
        availability,
        performance,
        quality,
        oee: availability * performance * quality,
        first_pass_yield: quality,
        defective_by_cause: c
            .defective_by_cause
            .iter()
            .map(|(cause, quantity)| CauseQuantity { cause: cause.clone(), quantity: *quantity })
            .collect(),
        scrap_by_cause: cause_counts(&s.id, &c.scrap_by_cause),
        scrap_removed: cause_counts(&s.id, &c.scrap_removed),
    }
}

fn cause_counts(station: &str, entries: &[crate::line::ScrapEntry]) -> Vec<CauseCount> {
    entries
        .iter()
        .map(|e| CauseCount {
            station: station.to_string(),
            cause: e.cause.clone(),
            quantity: e.quantity,
            quantity_unit: e.quantity_unit.clone(),
            solids_kg: e.solids_kg,
        })
        .collect()
}

pub fn line_kpis(line: &Line, now_ms: u64) -> LineKpis {
    let stations: Vec<StationKpis> = (0..line.stations.len()).map(|i| station_kpis(line, i, now_ms)).collect();
    let elapsed_h = ms_to_hours(now_ms);
    let c = &line.counters;
    let active = |s: &StationKpis| s.state_shares.running + s.state_shares.down + s.state_shares.setup;
    // A utility (a dry room) runs all the time and makes nothing: never the bottleneck.
    let bottleneck = stations
        .iter()
        .zip(&line.stations)
        .filter(|(_, s)| !s.utility)
        .map(|(k, _)| k)
        .max_by(|a, b| active(a).total_cmp(&active(b)));
    LineKpis {
        line: line.id.clone(),
        elapsed_h,
        entered: c.entered,
        completed: c.completed,
        completed_good: c.completed_good,
        completed_quantity: c.completed_quantity,
        completed_quantity_unit: c.completed_quantity_unit.clone(),
        scrapped: c.scrapped,
        wip: line.wip(),
        average_wip: line.average_wip(now_ms),
        throughput_per_h: ratio(c.completed as f64, elapsed_h),
        first_pass_yield: ratio(c.completed_good as f64, (c.completed + c.scrapped) as f64),
        oee: bottleneck.map_or(0.0, |b| b.oee),
        bottleneck: bottleneck.map_or_else(String::new, |s| s.id.clone()),
        mass_balance: MassBalance {
            solids_in_kg: c.solids_entered_kg,
            solids_completed_kg: c.solids_completed_kg,
            solids_scrapped_kg: c.solids_scrapped_kg,
            solids_in_process_kg: line.solids_in_process_kg(),
        },
        scrap_by_cause: stations.iter().flat_map(|s| s.scrap_by_cause.clone()).collect(),
        scrap_removed: stations.iter().flat_map(|s| s.scrap_removed.clone()).collect(),
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

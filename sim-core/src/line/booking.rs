//! Booking: what each station processed, first-pass losses where the defect arose, scrap
//! against the station where its root cause lies (wherever it was removed), line totals and
//! the time integral of WIP.

use serde::{Deserialize, Serialize};

use super::{Line, Station};
use crate::product::symptom_of;
use crate::stations::CycleReport;

/// Scrap attributed to a station (where its root cause lies), for one cause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScrapEntry {
    pub cause: String,
    pub quantity: f64,
    pub quantity_unit: String,
    pub solids_kg: f64,
}

/// Counters a station keeps for its KPIs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StationCounters {
    /// Units whose processing finished here (good + scrapped).
    pub processed: u64,
    pub good: u64,
    /// Whole units scrapped at this station.
    pub scrapped: u64,
    pub failures: u64,
    /// Quantity that entered processing (metres, litres, units).
    pub quantity_in: f64,
    /// Quantity that left with a defect arising here (first-pass yield loss), by cause.
    pub defective_by_cause: Vec<(String, f64)>,
    /// Scrap whose root cause lies at this station, wherever it was removed.
    pub scrap_by_cause: Vec<ScrapEntry>,
    /// Energy the station used, kWh (what its model accounts for; 0 for most kinds).
    #[serde(default)]
    pub energy_kwh: f64,
    /// Scrap this station removed, by what showed (`ScrapEntry::cause` holds the symptom,
    /// see `product::symptom_of`): what the operator sees while the root cause is unknown.
    #[serde(default)]
    pub scrap_removed: Vec<ScrapEntry>,
}

impl StationCounters {
    pub fn quantity_defective(&self) -> f64 {
        self.defective_by_cause.iter().map(|(_, q)| q).sum()
    }
}

/// Totals of the whole line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LineCounters {
    /// Units created by source stations.
    pub entered: u64,
    /// Units shipped to the sink.
    pub completed: u64,
    pub completed_good: u64,
    /// Whole units scrapped.
    pub scrapped: u64,
    /// Quantity of product completed, in the unit of the last station's product.
    pub completed_quantity: f64,
    pub completed_quantity_unit: String,
    /// Of that, good product (see `Payload::good_quantity`).
    pub completed_good_quantity: f64,
    /// Good electrode area completed, m2 (see `Payload::good_area_m2`).
    #[serde(default)]
    pub completed_good_area_m2: f64,
    /// Dry solids (electrode material) entered at sources, completed, scrapped, kg.
    pub solids_entered_kg: f64,
    pub solids_completed_kg: f64,
    pub solids_scrapped_kg: f64,
    /// Integral of WIP over time, unit * ms (for the time-average WIP).
    pub wip_area_unit_ms: u64,
    pub(super) wip_now: u64,
    pub(super) wip_since_ms: u64,
}

impl Line {
    pub(super) fn wip_change(&mut self, now_ms: u64, delta: i64) {
        let c = &mut self.counters;
        c.wip_area_unit_ms =
            c.wip_area_unit_ms.saturating_add(c.wip_now.saturating_mul(now_ms.saturating_sub(c.wip_since_ms)));
        c.wip_since_ms = now_ms;
        c.wip_now = c.wip_now.saturating_add_signed(delta);
    }

    /// Time-average WIP over `[0, now_ms]`.
    pub fn average_wip(&self, now_ms: u64) -> f64 {
        let c = &self.counters;
        let area = c.wip_area_unit_ms.saturating_add(c.wip_now.saturating_mul(now_ms.saturating_sub(c.wip_since_ms)));
        if now_ms == 0 { c.wip_now as f64 } else { area as f64 / now_ms as f64 }
    }

    /// Books scrap removed at station `remover` against the station where its root cause
    /// lies (by cause) and against the remover (by symptom).
    pub(super) fn record_scrap(&mut self, remover: usize, origin: usize, cause: &str, amount: ScrapAmount) {
        self.counters.solids_scrapped_kg += amount.solids_kg;
        if let Some(station) = self.stations.get_mut(origin) {
            add_scrap(&mut station.counters.scrap_by_cause, cause, &amount);
        }
        if let Some(station) = self.stations.get_mut(remover) {
            add_scrap(&mut station.counters.scrap_removed, symptom_of(cause), &amount);
        }
    }

    /// Books what a cycle decided when it started. The whole-unit scrap decision moves out
    /// of the report, except from a continuous kind's, which is kept as the cycle's booking
    /// (a re-plan replaces it).
    #[inline]
    pub(super) fn record_cycle(&mut self, i: usize, report: &mut CycleReport) {
        self.book_cycle(i, report, 1.0);
        let station = &mut self.stations[i];
        station.pending_scrap =
            if station.kind.is_continuous() { report.scrap_unit.clone() } else { report.scrap_unit.take() };
        station.pending_absorb = report.absorbed;
        if !(station.process_alarms.is_empty() && report.alarms.is_empty()) {
            self.set_process_alarms(i, &report.alarms);
        }
    }

    /// Adds a cycle report's quantities to the counters (`sign` 1), or takes them off again
    /// (`sign` -1, when a re-plan replaces the report).
    pub(super) fn book_cycle(&mut self, i: usize, report: &CycleReport, sign: f64) {
        let counters = &mut self.stations[i].counters;
        counters.quantity_in += sign * report.quantity;
        counters.energy_kwh += sign * report.energy_kwh;
        if report.defective.is_empty() && report.removed.is_empty() {
            return;
        }
        for (cause, quantity) in &report.defective {
            match counters.defective_by_cause.iter_mut().find(|(c, _)| c == cause) {
                Some((_, q)) => *q += sign * quantity,
                None => counters.defective_by_cause.push((cause.clone(), sign * quantity)),
            }
        }
        if sign < 0.0 {
            counters.defective_by_cause.retain(|(_, q)| q.abs() > 1e-9);
        }
        for r in &report.removed {
            let amount = ScrapAmount {
                quantity: sign * r.quantity,
                quantity_unit: &r.quantity_unit,
                solids_kg: sign * r.solids_kg,
            };
            self.record_scrap(i, r.origin as usize, &r.cause, amount);
        }
    }

    /// Sets the process alarm conditions station `i` reports (the alarm board follows).
    pub(super) fn set_process_alarms(&mut self, i: usize, alarms: &[crate::stations::ProcessAlarm]) {
        let station = &mut self.stations[i];
        if station.process_alarms != alarms {
            station.process_alarms = alarms.to_vec();
            station.alarms_changed = true;
            self.alarms_pending = true;
        }
    }
}

impl Station {
    /// Books a plain cycle ([`crate::stations::CycleStart::Plain`]): what `Line::record_cycle`
    /// does with its report (one unit of quantity, nothing else), without building one.
    /// Returns whether the station's process alarms changed (they clear).
    #[inline]
    pub(super) fn book_plain_cycle(&mut self) -> bool {
        self.counters.quantity_in += 1.0;
        // Adding the report's zero, as `book_cycle` would, keeps the counter bit for bit.
        self.counters.energy_kwh += 0.0;
        self.pending_scrap = None;
        self.pending_absorb = false;
        if self.process_alarms.is_empty() {
            return false;
        }
        self.process_alarms.clear();
        self.alarms_changed = true;
        true
    }
}

/// How much a scrap booking removes.
pub(super) struct ScrapAmount<'a> {
    pub quantity: f64,
    pub quantity_unit: &'a str,
    pub solids_kg: f64,
}

fn add_scrap(entries: &mut Vec<ScrapEntry>, cause: &str, amount: &ScrapAmount) {
    if amount.quantity < 0.0 {
        if let Some(e) = entries.iter_mut().find(|e| e.cause == cause && e.quantity_unit == amount.quantity_unit) {
            e.quantity += amount.quantity;
            e.solids_kg += amount.solids_kg;
        }
        entries.retain(|e| e.quantity.abs() > 1e-9);
        return;
    }
    match entries.iter_mut().find(|e| e.cause == cause && e.quantity_unit == amount.quantity_unit) {
        Some(e) => {
            e.quantity += amount.quantity;
            e.solids_kg += amount.solids_kg;
        }
        None => entries.push(ScrapEntry {
            cause: cause.to_string(),
            quantity: amount.quantity,
            quantity_unit: amount.quantity_unit.to_string(),
            solids_kg: amount.solids_kg,
        }),
    }
}

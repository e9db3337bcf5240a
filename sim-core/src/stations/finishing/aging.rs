//! Aging racks: formed cells stand at open circuit for days; their open-circuit voltage is
//! measured going in and coming out, and its decay per day (the K-value) shows their
//! self-discharge.
//!
//! Relations (reference section 9; [D] constants):
//! - `K = I_sd / (dQ/dV)`: the self-discharge current over the differential capacity at the
//!   storage state of charge (from the cell's equivalent circuit);
//! - `I_sd` = a parasitic leak that every cell has (Arrhenius in temperature, in proportion
//!   to capacity) + soft shorts: an over-limit burr that pierced the electrolyte layer
//!   (each such sheet does with probability `burr_short_probability`, with a resistance
//!   spread log-normally about `short_median_ohm`), a particle or agglomerate standing out
//!   of a coating the inspection missed (`particle_short_probability`), and the dendrites
//!   plated lithium left;
//! - the OCV is read to `ocv_noise_mv` each time, so a short aging time measures K coarsely.

use serde::{Deserialize, Serialize};

use super::cell_ecm;
use crate::cell::Aging;
use crate::controls::{ControlDef, ReadoutDef};
use crate::electrochem::arrhenius;
use crate::input::{FieldPath, Issues};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgingRack {
    /// Rack positions (cells aged at once).
    pub positions: u32,
    pub days: f64,
    pub temp_degc: f64,
    #[serde(default)]
    pub model: AgingModel,
    #[serde(default)]
    pub last: Option<Aging>,
    /// Moving mean of the measured K-values (the last 20 cells or so), mV/day.
    #[serde(default)]
    pub k_mean_mv_per_day: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgingModel {
    /// Parasitic leak of a good cell at 25 degC per 50 Ah, mA (about 500 uA per 100 Ah).
    pub leak_ma_per_50_ah: f64,
    pub leak_activation_j_per_mol: f64,
    pub burr_short_probability: f64,
    /// The same for a sheet with an undetected coating defect (an agglomerate or a particle
    /// standing out of the coating).
    pub particle_short_probability: f64,
    pub short_median_ohm: f64,
    /// Log-normal spread of a short's resistance.
    pub short_spread: f64,
    /// Soft-short current of the dendrites per per cent of capacity plated in formation, mA.
    pub plating_short_ma_per_pct: f64,
    pub ocv_noise_mv: f64,
    pub storage_soc: f64,
}

impl Default for AgingModel {
    fn default() -> Self {
        Self {
            leak_ma_per_50_ah: 0.25,
            leak_activation_j_per_mol: 50_000.0,
            burr_short_probability: 0.6,
            particle_short_probability: 0.3,
            short_median_ohm: 800.0,
            short_spread: 0.8,
            plating_short_ma_per_pct: 5.0,
            ocv_noise_mv: 0.05,
            storage_soc: 0.5,
        }
    }
}

impl AgingRack {
    pub fn capacity_cells_per_h(&self) -> f64 {
        self.positions as f64 / (24.0 * self.days.max(1e-6))
    }
}

impl StationModel for AgingRack {
    const LABEL: &'static str = "aging racks";
    const INPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new("days", "Aging time", "d", (1.0, 28.0, 1.0), |s, _| s.days, |s, _, v| s.days = v),
        ControlDef::new(
            "temp_degc",
            "Aging room temperature",
            "degC",
            (15.0, 60.0, 1.0),
            |s, _| s.temp_degc,
            |s, _, v| s.temp_degc = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("capacity_cells_per_h", "Rack capacity", "cells/h", |s, _| Some(s.capacity_cells_per_h())),
        ReadoutDef::number("ocv_start_v", "OCV going in (last cell)", "V", |s, _| {
            s.last.as_ref().map(|l| l.ocv_start_v)
        }),
        ReadoutDef::number("ocv_end_v", "OCV coming out (last cell)", "V", |s, _| s.last.as_ref().map(|l| l.ocv_end_v)),
        ReadoutDef::number("k_mv_per_day", "K-value (last cell)", "mV/d", |s, _| {
            s.last.as_ref().map(|l| l.k_mv_per_day)
        }),
        ReadoutDef::number("k_mean_mv_per_day", "K-value, recent mean", "mV/d", |s, _| s.k_mean_mv_per_day),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(1..=10_000_000).contains(&self.positions) {
            issues.push(path.clone().field("positions"), "aging racks hold 1 to 10000000 cells");
        }
        check_range(issues, path, "days", self.days, 0.1, 90.0, "d");
        check_range(issues, path, "temp_degc", self.temp_degc, 0.0, 80.0, "degC");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Cell(cell) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let m = self.model.clone();
        let report = CycleReport {
            cycle_time_ms: secs_to_ms(self.days * 86_400.0 / self.positions.max(1) as f64),
            quantity: 1.0,
            ..Default::default()
        };
        let ecm = cell_ecm(cell);
        let capacity_ah = ecm.capacity_ah;
        let mut leak_ma =
            m.leak_ma_per_50_ah * capacity_ah / 50.0 * arrhenius(m.leak_activation_j_per_mol, self.temp_degc + 273.15);
        let ocv = ecm.ocv_at(m.storage_soc);
        let burrs = (0..cell.sheets_over_burr_limit.min(50)).map(|_| m.burr_short_probability);
        let particles = (0..cell.latent_defect_sheets.min(50)).map(|_| m.particle_short_probability);
        for probability in burrs.chain(particles) {
            if rng::uniform(ctx.rng) < probability {
                let ohm = m.short_median_ohm * libm::exp(rng::normal(ctx.rng, 0.0, m.short_spread));
                leak_ma += 1000.0 * ocv / ohm.max(1.0);
            }
        }
        if let Some(f) = &cell.formation {
            leak_ma += m.plating_short_ma_per_pct * 100.0 * f.plated_frac;
        }
        let k_true = leak_ma * 24.0 / ecm.dq_dv_ah_per_v(m.storage_soc).max(1e-9);
        let ocv_end = ocv - k_true * self.days / 1000.0;
        let read = |v: f64, rng: &mut crate::rng::Stream| v + rng::normal(rng, 0.0, m.ocv_noise_mv) / 1000.0;
        let (start_read, end_read) = (read(ocv, ctx.rng), read(ocv_end, ctx.rng));
        let k = 1000.0 * (start_read - end_read) / self.days.max(1e-6);
        let aging = Aging {
            days: self.days,
            temp_degc: self.temp_degc,
            ocv_start_v: start_read,
            ocv_end_v: end_read,
            k_mv_per_day: k,
            self_discharge_ma: leak_ma,
        };
        self.k_mean_mv_per_day = Some(self.k_mean_mv_per_day.map_or(k, |mean| mean + 0.05 * (k - mean)));
        self.last = Some(aging.clone());
        cell.aging = Some(aging);
        report
    }
}

//! Pouch sealer: heat-seals the pouch around the pressed stack under vacuum, then leak-tests
//! the cell; a leaking cell is scrapped here.
//!
//! Relations (reference section 8): seal strength is set by temperature above all, dwell
//! second (Guo & Fan 2016): `S = S_max s(T) (1 - exp(-t / tau))` with `s` a logistic rise
//! from the polymer's melt onset ([D] form and constants); above `T_thin` the inner layer
//! thins and the seal leaks however strong it peels; electrolyte residue in the seal zone
//! (precursor dosed beyond what the sheets hold) weakens it. The leak rate falls with
//! strength; the leak test scraps cells over its limit.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::cell::{CellDefectKind, Seal, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PouchSealer {
    pub temp_degc: f64,
    pub time_s: f64,
    pub pressure_mpa: f64,
    #[serde(default)]
    pub model: SealerModel,
    #[serde(default)]
    pub last: Option<SealerReading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SealerModel {
    pub max_strength_n_per_15mm: f64,
    pub onset_degc: f64,
    pub onset_width_degc: f64,
    pub dwell_tau_s: f64,
    /// Above this the inner layer thins, degC.
    pub thinning_degc: f64,
    /// Strength below which the seal leaks, N/15 mm.
    pub min_strength_n_per_15mm: f64,
    /// Precursor excess per area that wets the seal zone, mL/m2.
    pub contamination_excess_ml_per_m2: f64,
    /// Leak test limit, mbar L/s.
    pub leak_limit_mbar_l_per_s: f64,
}

impl Default for SealerModel {
    fn default() -> Self {
        Self {
            max_strength_n_per_15mm: 60.0,
            onset_degc: 160.0,
            onset_width_degc: 6.0,
            dwell_tau_s: 1.2,
            thinning_degc: 215.0,
            min_strength_n_per_15mm: 30.0,
            contamination_excess_ml_per_m2: 5.0,
            leak_limit_mbar_l_per_s: 1e-6,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealerReading {
    /// Seal bar thermocouple, degC.
    pub bar_temp_degc: f64,
    /// Helium leak rate of the last cell, mbar L/s.
    pub leak_rate_mbar_l_per_s: f64,
    pub cells_leaking: u64,
}

impl PouchSealer {
    /// The seal bar's real temperature (a worn heater band runs it cooler).
    fn bar_temp_degc(&self, faults: &[crate::faults::ActiveFault]) -> f64 {
        match has_fault(faults, |f| matches!(f, Fault::SealBarCold { .. })).map(|f| &f.fault) {
            Some(Fault::SealBarCold { delta_degc }) => self.temp_degc - delta_degc,
            _ => self.temp_degc,
        }
    }

    /// Peel strength at bar temperature `t` (clean seal zone), N/15 mm.
    pub fn strength_n_per_15mm(&self, bar_temp_degc: f64) -> f64 {
        let m = &self.model;
        let rise = 1.0 / (1.0 + libm::exp(-(bar_temp_degc - m.onset_degc) / m.onset_width_degc.max(1e-6)));
        m.max_strength_n_per_15mm * rise * (1.0 - libm::exp(-self.time_s / m.dwell_tau_s.max(1e-6)))
    }
}

impl StationModel for PouchSealer {
    const LABEL: &'static str = "pouch sealer";
    const INPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "temp_degc",
            "Seal bar temperature",
            "degC",
            (140.0, 240.0, 1.0),
            |s, _| s.temp_degc,
            |s, _, v| s.temp_degc = v,
        ),
        ControlDef::new("time_s", "Seal time", "s", (0.5, 10.0, 0.1), |s, _| s.time_s, |s, _, v| s.time_s = v),
        ControlDef::new(
            "pressure_mpa",
            "Seal pressure",
            "MPa",
            (0.1, 1.0, 0.05),
            |s, _| s.pressure_mpa,
            |s, _, v| s.pressure_mpa = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("bar_temp_degc", "Seal bar thermocouple", "degC", |s, _| {
            s.last.as_ref().map(|l| l.bar_temp_degc)
        }),
        ReadoutDef::number("leak_rate_mbar_l_per_s", "Leak test (last cell)", "mbar L/s", |s, _| {
            s.last.as_ref().map(|l| l.leak_rate_mbar_l_per_s)
        }),
        ReadoutDef::number("cells_leaking", "Cells failing the leak test", "cells", |s, _| {
            s.last.as_ref().map(|l| l.cells_leaking as f64)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "temp_degc", self.temp_degc, 100.0, 300.0, "degC");
        check_range(issues, path, "time_s", self.time_s, 0.1, 60.0, "s");
        check_range(issues, path, "pressure_mpa", self.pressure_mpa, 0.01, 5.0, "MPa");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Cell(cell) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = self.model.clone();
        let bar = self.bar_temp_degc(ctx.faults);
        let contaminated = cell.electrolyte.excess_ml_per_m2 > m.contamination_excess_ml_per_m2;
        let mut strength = self.strength_n_per_15mm(bar) * if contaminated { 0.4 } else { 1.0 };
        strength *= 1.0 + crate::rng::normal(ctx.rng, 0.0, 0.05);
        let thinned = bar > m.thinning_degc;
        let weak = strength < m.min_strength_n_per_15mm;
        // Leak rate: falls by decades as the seal strengthens; a thinned layer leaks.
        let mut leak = 1e-9 * libm::exp(10.0 * (1.0 - strength / m.max_strength_n_per_15mm));
        if thinned {
            leak = leak.max(1e-5);
        }
        cell.seal = Some(Seal {
            temp_degc: self.temp_degc,
            time_s: self.time_s,
            pressure_mpa: self.pressure_mpa,
            strength_n_per_15mm: strength,
            leak_rate_mbar_l_per_s: leak,
        });
        let mut report =
            CycleReport { cycle_time_ms: secs_to_ms(self.time_s + 20.0), quantity: 1.0, ..Default::default() };
        if contaminated {
            let origin = cell.passport.first().map_or(here, |p| p.station);
            cell.add_defect(CellDefectKind::SealContaminated, origin, "precursor-residue-in-the-seal-zone");
        }
        let failing = leak > m.leak_limit_mbar_l_per_s;
        if thinned || weak {
            let cause = if thinned {
                "seal-too-hot-inner-layer-thinned"
            } else if contaminated {
                "precursor-residue-in-the-seal-zone"
            } else {
                "seal-too-cold-or-too-short"
            };
            cell.add_defect(CellDefectKind::SealLeak, here, cause);
            report.add_defective(&cause_key(CellDefectKind::SealLeak, cause), 1.0);
            if failing {
                report.scrap_unit = Some((here, cause_key(CellDefectKind::SealLeak, cause)));
            }
        }
        let cells_leaking = self.last.as_ref().map_or(0, |l| l.cells_leaking) + failing as u64;
        if failing {
            report.alarms.push(ProcessAlarm::new(
                "leak",
                AlarmPriority::Medium,
                Message::new("alarm-sealer-leak").number("rate", leak * 1e6, 1),
            ));
        }
        self.last = Some(SealerReading {
            bar_temp_degc: bar + crate::rng::normal(ctx.rng, 0.0, 0.5),
            leak_rate_mbar_l_per_s: leak,
            cells_leaking,
        });
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::SealBarCold { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

//! Impregnator: fills the porous cathode of a lot's sheets with the liquid precursor of the
//! nanocomposite electrolyte (silica sol with a lithium salt), under vacuum, and leaves a
//! layer on top that becomes the solid separator.
//!
//! Relations (reference section 8b):
//! - Washburn infiltration `dL^2/dt = gamma r cos(theta) / (2 tau^2 eta(t))`, lumped into one
//!   constant `k = gamma r cos(theta) / (2 tau^2 eta_0)` ([D] value, um2/s);
//! - the sol gels as it ages: `eta = eta_0 / (1 - p)^2` with gel progress `p = t / t_gel`
//!   ([D] form), so `L^2 = k t_gel / 3 [(1 - p_0)^3 - (1 - p_0 - t_soak / t_gel)^3]` (zero
//!   once the gel point is passed): the bath's own age `p_0` (its mean residence over its gel
//!   time) and a soak that runs into the gel point leave the pores near the foil empty;
//! - gel time falls with temperature (Arrhenius), `t_gel = t_ref exp(E_a/R (1/T - 1/T_ref))`,
//!   and with water in the precursor (a fault);
//! - gas left in the pores at the filling pressure is trapped: the filled share of the pore
//!   volume is at most `1 - c_trap P / P_atm` ([D] coefficient); vacuum removes it;
//! - the dose per area must cover the pore volume (`thickness x porosity`) and the separator
//!   layer on top; less underfills, more stays on the surface (and can reach seal areas).
//!
//! Defects: underfilled sheets (`underfilled/...`: gel point passed, no vacuum, dose short).

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::cell::{CellDefectKind, ElectrolyteFill, SEPARATOR_LAYER_UM};
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

const GAS_R: f64 = 8.314;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impregnator {
    /// Precursor dosed per m2 of electrode, mL/m2.
    pub dose_ml_per_m2: f64,
    /// Absolute pressure while filling, kPa (101: no vacuum).
    pub fill_pressure_kpa: f64,
    pub soak_min: f64,
    pub bath_temp_degc: f64,
    /// Sheets handled per minute.
    pub sheets_per_min: f64,
    #[serde(default)]
    pub model: ImpregnatorModel,
    #[serde(default)]
    pub last: Option<ImpregnatorReading>,
}

/// Model constants ([D]: plausible defaults for a silica sol in a carbonate solvent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImpregnatorModel {
    /// Washburn constant of the fresh sol in the electrode, um2/s.
    pub washburn_um2_per_s: f64,
    /// Gel time at the reference temperature, min.
    pub gel_time_ref_min: f64,
    pub gel_ref_temp_degc: f64,
    /// Activation energy of gelation, J/mol.
    pub gel_activation_j_per_mol: f64,
    /// Mean age of the precursor in the bath (its volume over what the line draws), min.
    pub bath_residence_min: f64,
    /// Share of the pore volume a gas at one atmosphere keeps from filling.
    pub trapped_gas_coeff: f64,
    /// Fill fraction below which sheets count as underfilled.
    pub min_fill_frac: f64,
    /// Viscosity of the fresh sol, mPa s (for the bath viscometer).
    pub sol_viscosity_mpa_s: f64,
}

impl Default for ImpregnatorModel {
    fn default() -> Self {
        Self {
            washburn_um2_per_s: 60.0,
            gel_time_ref_min: 90.0,
            gel_ref_temp_degc: 25.0,
            gel_activation_j_per_mol: 60_000.0,
            bath_residence_min: 20.0,
            trapped_gas_coeff: 0.2,
            min_fill_frac: 0.9,
            sol_viscosity_mpa_s: 12.0,
        }
    }
}

/// What the impregnator measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImpregnatorReading {
    /// Bath viscometer, mPa s (rises as the sol ages towards its gel point).
    pub bath_viscosity_mpa_s: f64,
    /// Weight gain of the last lot's sample sheet, as a share of what full pores take.
    pub uptake_pct: f64,
    /// Chamber pressure while the last lot filled, kPa.
    #[serde(default)]
    pub chamber_kpa: f64,
}

impl Impregnator {
    /// Gel time of the bath at its temperature, with water in the precursor, min.
    pub fn gel_time_min(&self, faults: &[crate::faults::ActiveFault]) -> f64 {
        let m = &self.model;
        let t = self.bath_temp_degc + 273.15;
        let t_ref = m.gel_ref_temp_degc + 273.15;
        let arrhenius = libm::exp(m.gel_activation_j_per_mol / GAS_R * (1.0 / t - 1.0 / t_ref));
        let water = match has_fault(faults, |f| matches!(f, Fault::PrecursorWater { .. })).map(|f| &f.fault) {
            Some(Fault::PrecursorWater { gel_time_factor }) => *gel_time_factor,
            _ => 1.0,
        };
        m.gel_time_ref_min * arrhenius * water
    }

    /// Infiltration depth reached in the soak, um (the closed form in the module docs).
    pub fn depth_um(&self, gel_time_min: f64) -> f64 {
        let m = &self.model;
        let tg_s = gel_time_min.max(1e-6) * 60.0;
        let p0 = (m.bath_residence_min / gel_time_min.max(1e-6)).min(1.0);
        let p1 = (p0 + self.soak_min * 60.0 / tg_s).min(1.0);
        let l2 = m.washburn_um2_per_s * tg_s / 3.0 * (libm::pow(1.0 - p0, 3.0) - libm::pow(1.0 - p1, 3.0));
        libm::sqrt(l2.max(0.0))
    }

    /// The pressure the chamber reaches (its setpoint, more with a leak), kPa.
    pub fn chamber_kpa(&self, faults: &[crate::faults::ActiveFault]) -> f64 {
        let leak = match has_fault(faults, |f| matches!(f, Fault::VacuumLeak { .. })).map(|f| &f.fault) {
            Some(Fault::VacuumLeak { kpa }) => *kpa,
            _ => 0.0,
        };
        (self.fill_pressure_kpa + leak).min(101.325)
    }

    /// The fill of a coating `thickness_um` thick with porosity `porosity`.
    pub fn fill(&self, thickness_um: f64, porosity: f64, faults: &[crate::faults::ActiveFault]) -> ElectrolyteFill {
        let m = &self.model;
        let gel_time_min = self.gel_time_min(faults);
        let depth_frac = (self.depth_um(gel_time_min) / thickness_um.max(1e-9)).min(1.0);
        let pore_ml_per_m2 = thickness_um * porosity; // 1 um over 1 m2 = 1 mL
        let needed = pore_ml_per_m2 + SEPARATOR_LAYER_UM;
        let dose_share = (self.dose_ml_per_m2 / needed.max(1e-9)).min(1.0);
        let gas = (1.0 - m.trapped_gas_coeff * self.chamber_kpa(faults) / 101.325).clamp(0.0, 1.0);
        ElectrolyteFill {
            depth_frac,
            fill_frac: depth_frac * gas * dose_share,
            gel_time_min,
            excess_ml_per_m2: (self.dose_ml_per_m2 - needed).max(0.0),
            ..Default::default()
        }
    }
}

impl StationModel for Impregnator {
    const LABEL: &'static str = "impregnator";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const QUANTITY_UNIT: &'static str = "sheets";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "dose_ml_per_m2",
            "Precursor dose",
            "mL/m2",
            (10.0, 80.0, 0.5),
            |s, _| s.dose_ml_per_m2,
            |s, _, v| s.dose_ml_per_m2 = v,
        ),
        ControlDef::new(
            "fill_pressure_kpa",
            "Filling pressure (vacuum)",
            "kPa",
            (1.0, 101.0, 1.0),
            |s, _| s.fill_pressure_kpa,
            |s, _, v| s.fill_pressure_kpa = v,
        ),
        ControlDef::new("soak_min", "Soak time", "min", (0.5, 30.0, 0.5), |s, _| s.soak_min, |s, _, v| s.soak_min = v),
        ControlDef::new(
            "bath_temp_degc",
            "Bath temperature",
            "degC",
            (10.0, 60.0, 0.5),
            |s, _| s.bath_temp_degc,
            |s, _, v| s.bath_temp_degc = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("bath_viscosity_mpa_s", "Bath viscometer", "mPa s", |s, _| {
            s.last.as_ref().map(|l| l.bath_viscosity_mpa_s)
        }),
        ReadoutDef::number("uptake_pct", "Sample uptake (of full pores)", "%", |s, _| {
            s.last.as_ref().map(|l| l.uptake_pct)
        }),
        ReadoutDef::number("chamber_kpa", "Chamber pressure while filling", "kPa", |s, _| {
            s.last.as_ref().map(|l| l.chamber_kpa)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "dose_ml_per_m2", self.dose_ml_per_m2, 1.0, 200.0, "mL/m2");
        check_range(issues, path, "fill_pressure_kpa", self.fill_pressure_kpa, 0.1, 110.0, "kPa");
        check_range(issues, path, "soak_min", self.soak_min, 0.1, 120.0, "min");
        check_range(issues, path, "bath_temp_degc", self.bath_temp_degc, 0.0, 80.0, "degC");
        check_range(issues, path, "sheets_per_min", self.sheets_per_min, 1.0, 10_000.0, "1/min");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Sheets(lot) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let fill = self.fill(lot.mean_thickness_um, lot.mean_porosity_frac, ctx.faults);
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * lot.sheets as f64 / self.sheets_per_min.max(1e-6) + 60.0 * self.soak_min),
            quantity: lot.sheets as f64,
            ..Default::default()
        };
        let p0 = (self.model.bath_residence_min / fill.gel_time_min.max(1e-6)).min(0.999);
        let uptake_pct = 100.0 * fill.fill_frac * (1.0 + crate::rng::normal(ctx.rng, 0.0, 0.01));
        self.last = Some(ImpregnatorReading {
            bath_viscosity_mpa_s: self.model.sol_viscosity_mpa_s / ((1.0 - p0) * (1.0 - p0)),
            uptake_pct,
            chamber_kpa: self.chamber_kpa(ctx.faults),
        });
        if fill.fill_frac < self.model.min_fill_frac {
            let cause = if fill.depth_frac < 0.98 {
                "gel-point-reached-before-the-pores-filled"
            } else if self.chamber_kpa(ctx.faults) > 20.0 {
                if self.fill_pressure_kpa > 20.0 { "gas-trapped-without-vacuum" } else { "vacuum-leak-in-the-chamber" }
            } else {
                "precursor-dose-too-low"
            };
            report.add_defective(&crate::cell::cause_key(CellDefectKind::Underfilled, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::Underfilled, here, cause);
            report.alarms.push(ProcessAlarm::new(
                "uptake",
                AlarmPriority::Medium,
                Message::new("alarm-impregnator-uptake-low").number("pct", uptake_pct, 0),
            ));
        }
        lot.electrolyte = Some(fill);
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::PrecursorWater { .. } | Fault::VacuumLeak { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

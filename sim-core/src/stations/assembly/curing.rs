//! Curing oven: turns the impregnated sol into the solid nanocomposite electrolyte in place,
//! driving off its solvent.
//!
//! Relations (reference section 8b, [D] forms and constants):
//! - solvent removal is first order with an Arrhenius rate:
//!   `s = s_0 exp(-k t)`, `k = k_ref exp(-E_a/R (1/T - 1/T_ref))`;
//! - the network shrinks as it dries; a thick layer dried fast cracks (capillary pressure, as
//!   in electrode drying): cracking when `k (L + t_sep) > c_crack`;
//! - the cured electrolyte's bulk conductivity falls with the solvent left in it and is
//!   halved by cracks; inside the electrode it follows Bruggeman (`crate::cell`).
//!
//! Defects: residual solvent (cure too short or too cool), cracked electrolyte (too hot).

use serde::{Deserialize, Serialize};

use crate::cell::{CellDefectKind, SEPARATOR_LAYER_UM, bruggeman_ms_per_cm, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

const GAS_R: f64 = 8.314;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuringOven {
    pub cure_temp_degc: f64,
    pub cure_min: f64,
    /// Sheets the tunnel oven holds: every sheet stays `cure_min`, and a lot occupies the
    /// oven for its share of that (Little's law: time per lot = cure time x sheets /
    /// capacity).
    #[serde(default = "default_capacity")]
    pub capacity_sheets: f64,
    #[serde(default)]
    pub model: CuringModel,
    #[serde(default)]
    pub last: Option<CuringReading>,
}

fn default_capacity() -> f64 {
    12_000.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CuringModel {
    /// Solvent in the fresh gel, ppm of electrolyte mass.
    pub initial_solvent_ppm: f64,
    /// Drying rate at the reference temperature, 1/min.
    pub rate_ref_per_min: f64,
    pub ref_temp_degc: f64,
    pub activation_j_per_mol: f64,
    /// Cracking when rate x layer thickness exceeds this, um/min.
    pub crack_limit_um_per_min: f64,
    /// Solvent specification, ppm.
    pub solvent_spec_ppm: f64,
    /// Bulk conductivity of the dry, whole electrolyte, mS/cm ("several mS/cm").
    pub sigma_bulk_ms_per_cm: f64,
}

impl Default for CuringModel {
    fn default() -> Self {
        Self {
            initial_solvent_ppm: 200_000.0,
            rate_ref_per_min: 0.12,
            ref_temp_degc: 80.0,
            activation_j_per_mol: 45_000.0,
            crack_limit_um_per_min: 40.0,
            solvent_spec_ppm: 500.0,
            sigma_bulk_ms_per_cm: 3.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CuringReading {
    /// Solvent in the last lot's sample, ppm.
    pub sample_solvent_ppm: f64,
}

impl CuringOven {
    /// Solvent drying rate at the oven temperature, 1/min.
    pub fn rate_per_min(&self) -> f64 {
        let m = &self.model;
        let t = self.cure_temp_degc + 273.15;
        let t_ref = m.ref_temp_degc + 273.15;
        m.rate_ref_per_min * libm::exp(-m.activation_j_per_mol / GAS_R * (1.0 / t - 1.0 / t_ref))
    }
}

impl StationModel for CuringOven {
    const LABEL: &'static str = "curing oven";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const QUANTITY_UNIT: &'static str = "sheets";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "cure_temp_degc",
            "Cure temperature",
            "degC",
            (40.0, 160.0, 1.0),
            |s, _| s.cure_temp_degc,
            |s, _, v| s.cure_temp_degc = v,
        ),
        ControlDef::new("cure_min", "Cure time", "min", (5.0, 240.0, 1.0), |s, _| s.cure_min, |s, _, v| s.cure_min = v),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] =
        &[ReadoutDef::number("sample_solvent_ppm", "Solvent in the sample", "ppm", |s, _| {
            s.last.as_ref().map(|l| l.sample_solvent_ppm)
        })];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "cure_temp_degc", self.cure_temp_degc, 20.0, 250.0, "degC");
        check_range(issues, path, "cure_min", self.cure_min, 1.0, 1440.0, "min");
        check_range(issues, path, "capacity_sheets", self.capacity_sheets, 1.0, 1e7, "sheets");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Sheets(lot) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = self.model.clone();
        let rate = self.rate_per_min();
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * self.cure_min * lot.sheets as f64 / self.capacity_sheets.max(1.0)),
            quantity: lot.sheets as f64,
            ..Default::default()
        };
        let layer_um = lot.mean_thickness_um + SEPARATOR_LAYER_UM;
        let Some(fill) = lot.electrolyte.as_mut() else {
            return report;
        };
        fill.cured = true;
        fill.residual_solvent_ppm = m.initial_solvent_ppm * libm::exp(-rate * self.cure_min);
        fill.cracked = rate * layer_um > m.crack_limit_um_per_min;
        let solvent_factor = 1.0 / (1.0 + fill.residual_solvent_ppm / 5000.0);
        let crack_factor = if fill.cracked { 0.5 } else { 1.0 };
        fill.sigma_bulk_ms_per_cm = m.sigma_bulk_ms_per_cm * solvent_factor * crack_factor;
        fill.sigma_eff_ms_per_cm =
            bruggeman_ms_per_cm(fill.sigma_bulk_ms_per_cm, lot.mean_porosity_frac, fill.fill_frac);
        let (solvent, cracked) = (fill.residual_solvent_ppm, fill.cracked);
        if solvent > m.solvent_spec_ppm {
            let cause = "cure-too-short-or-too-cool";
            report.add_defective(&cause_key(CellDefectKind::ResidualSolvent, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::ResidualSolvent, here, cause);
        }
        if cracked {
            let cause = "cured-too-fast-for-the-layer";
            report.add_defective(&cause_key(CellDefectKind::CrackedElectrolyte, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::CrackedElectrolyte, here, cause);
        }
        self.last = Some(CuringReading {
            sample_solvent_ppm: solvent * (1.0 + crate::rng::normal(ctx.rng, 0.0, 0.05)).max(0.0),
        });
        report
    }
}

//! Anode laminator: presses lithium-metal foil from a reel onto the electrolyte layer of a
//! lot's sheets (the lithium-metal anode, one piece per sheet).
//!
//! Relations (reference section 7, [D] forms and constants): lithium passivates in the dry
//! room's air (Li + H2O -> LiOH; Li2CO3): the passivation film grows with the exposure of the
//! foil, `d = d_0 + k_p E` with `E` in ppmv h (the reel's time in the room at its moisture
//! plus what the sheets bring), and it adds interface resistance in the cell. Lamination
//! pressure below `p_min` leaves poor contact (voids at the interface). The foil must hold
//! more lithium than the cathode can take: `N/P = t_Li q_Li / q_cathode` with
//! `q_Li = 0.206 mAh/(cm2 um)` (3860 mAh/g at 0.534 g/cm3), at least `np_min` ([D] 1.1).

use serde::{Deserialize, Serialize};

use crate::cell::{AnodeLayer, CellDefectKind, LITHIUM_MAH_PER_CM2_PER_UM, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnodeLaminator {
    pub li_thickness_um: f64,
    pub pressure_mpa: f64,
    pub sheets_per_min: f64,
    #[serde(default)]
    pub model: LaminatorModel,
    #[serde(default)]
    pub last: Option<LaminatorReading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LaminatorModel {
    /// Native film on fresh lithium, nm.
    pub native_film_nm: f64,
    /// Film growth per ppmv h of exposure, nm.
    pub film_per_ppmv_h_nm: f64,
    /// Exposure a reel takes from unwinding to use, ppmv h per ppmv of room moisture.
    pub reel_hours_in_room: f64,
    /// Lamination pressure below which contact is poor, MPa.
    pub min_pressure_mpa: f64,
    /// Passivation film above which the interface is counted as damaged, nm.
    pub max_film_nm: f64,
    /// Least lithium-to-cathode capacity ratio (N/P).
    pub np_min: f64,
}

impl Default for LaminatorModel {
    fn default() -> Self {
        Self {
            native_film_nm: 2.0,
            film_per_ppmv_h_nm: 0.05,
            reel_hours_in_room: 2.0,
            min_pressure_mpa: 0.5,
            max_film_nm: 20.0,
            np_min: 1.1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaminatorReading {
    /// Passivation film measured on the last lot's sample (ellipsometry), nm.
    pub sample_film_nm: f64,
}

impl StationModel for AnodeLaminator {
    const LABEL: &'static str = "anode laminator";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const QUANTITY_UNIT: &'static str = "sheets";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "li_thickness_um",
            "Lithium foil thickness",
            "um",
            (10.0, 100.0, 1.0),
            |s, _| s.li_thickness_um,
            |s, _, v| s.li_thickness_um = v,
        ),
        ControlDef::new(
            "pressure_mpa",
            "Lamination pressure",
            "MPa",
            (0.1, 5.0, 0.1),
            |s, _| s.pressure_mpa,
            |s, _, v| s.pressure_mpa = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] =
        &[ReadoutDef::number("sample_film_nm", "Passivation film (sample)", "nm", |s, _| {
            s.last.as_ref().map(|l| l.sample_film_nm)
        })];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "li_thickness_um", self.li_thickness_um, 1.0, 500.0, "um");
        check_range(issues, path, "pressure_mpa", self.pressure_mpa, 0.01, 50.0, "MPa");
        check_range(issues, path, "sheets_per_min", self.sheets_per_min, 1.0, 10_000.0, "1/min");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Sheets(lot) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = &self.model;
        let report_time = secs_to_ms(60.0 * lot.sheets as f64 / self.sheets_per_min.max(1e-6));
        let mut report = CycleReport { cycle_time_ms: report_time, quantity: lot.sheets as f64, ..Default::default() };
        let reel_exposure = ctx.room_ppmv.unwrap_or(0.0) * m.reel_hours_in_room;
        let film_nm = m.native_film_nm + m.film_per_ppmv_h_nm * (reel_exposure + lot.moisture_exposure_ppmv_h);
        lot.anode = Some(AnodeLayer {
            li_thickness_um: self.li_thickness_um,
            lamination_mpa: self.pressure_mpa,
            passivation_nm: film_nm,
        });
        if self.pressure_mpa < m.min_pressure_mpa {
            let cause = "lamination-pressure-too-low";
            report.add_defective(&cause_key(CellDefectKind::ContactLoss, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::ContactLoss, here, cause);
        }
        let np = self.li_thickness_um * LITHIUM_MAH_PER_CM2_PER_UM / lot.areal_capacity_mah_per_cm2.max(1e-9);
        if np < m.np_min {
            let cause = "lithium-foil-too-thin-for-the-cathode";
            report.add_defective(&cause_key(CellDefectKind::LithiumShort, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::LithiumShort, here, cause);
        }
        if film_nm > m.max_film_nm {
            let cause = "lithium-passivated-by-moisture";
            report.add_defective(&cause_key(CellDefectKind::MoistureExposure, cause), lot.sheets as f64);
            lot.carry_defect(CellDefectKind::MoistureExposure, here, cause);
        }
        self.last = Some(LaminatorReading {
            sample_film_nm: film_nm * (1.0 + crate::rng::normal(ctx.rng, 0.0, 0.05)).max(0.0),
        });
        report
    }
}

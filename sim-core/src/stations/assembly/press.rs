//! Stack press: presses a cell's stack so the lithium and the composite electrolyte touch
//! over the whole area.
//!
//! Relations (reference section 8, [D] forms and constants): the contact resistance left at
//! the lithium interface falls with pressure, `ASR_c = ASR_0 exp(-p / p_c)` (too little:
//! contact loss, voids); lithium is soft and creeps into the composite, or the composite
//! cracks, above a limit that falls as the stack warms, `p_max = p_max,0 (1 - (T - 25) / T_s)`.

use serde::{Deserialize, Serialize};

use crate::cell::{CellDefectKind, Pressing, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackPress {
    pub pressure_mpa: f64,
    pub temp_degc: f64,
    pub time_s: f64,
    #[serde(default)]
    pub model: PressModel,
    #[serde(default)]
    pub last: Option<PressReading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PressModel {
    pub contact_asr_0_ohm_cm2: f64,
    pub contact_pressure_mpa: f64,
    /// Contact resistance above which the cell counts as having lost contact, ohm cm2.
    pub contact_limit_ohm_cm2: f64,
    pub creep_limit_mpa: f64,
    pub creep_temp_scale_degc: f64,
}

impl Default for PressModel {
    fn default() -> Self {
        Self {
            contact_asr_0_ohm_cm2: 40.0,
            contact_pressure_mpa: 3.0,
            contact_limit_ohm_cm2: 8.0,
            creep_limit_mpa: 30.0,
            creep_temp_scale_degc: 150.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PressReading {
    /// Stack thickness change while pressed, um (the press's LVDT).
    pub compression_um: f64,
}

impl StackPress {
    /// Contact resistance left at pressure `p`, ohm cm2.
    pub fn contact_asr_ohm_cm2(&self, pressure_mpa: f64) -> f64 {
        self.model.contact_asr_0_ohm_cm2 * libm::exp(-pressure_mpa / self.model.contact_pressure_mpa.max(1e-6))
    }

    /// Pressure above which lithium creeps at the press temperature, MPa.
    pub fn creep_limit_mpa(&self) -> f64 {
        let m = &self.model;
        m.creep_limit_mpa * (1.0 - (self.temp_degc - 25.0) / m.creep_temp_scale_degc).clamp(0.1, 1.0)
    }
}

impl StationModel for StackPress {
    const LABEL: &'static str = "stack press";
    const INPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "pressure_mpa",
            "Stack pressure",
            "MPa",
            (0.5, 60.0, 0.5),
            |s, _| s.pressure_mpa,
            |s, _, v| s.pressure_mpa = v,
        ),
        ControlDef::new(
            "temp_degc",
            "Press temperature",
            "degC",
            (20.0, 120.0, 1.0),
            |s, _| s.temp_degc,
            |s, _, v| s.temp_degc = v,
        ),
        ControlDef::new("time_s", "Press time", "s", (5.0, 600.0, 5.0), |s, _| s.time_s, |s, _, v| s.time_s = v),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] =
        &[ReadoutDef::number("compression_um", "Stack compression", "um", |s, _| {
            s.last.as_ref().map(|l| l.compression_um)
        })];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "pressure_mpa", self.pressure_mpa, 0.1, 500.0, "MPa");
        check_range(issues, path, "temp_degc", self.temp_degc, 0.0, 200.0, "degC");
        check_range(issues, path, "time_s", self.time_s, 1.0, 3600.0, "s");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Cell(cell) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let contact = self.contact_asr_ohm_cm2(self.pressure_mpa);
        cell.pressing =
            Some(Pressing { pressure_mpa: self.pressure_mpa, temp_degc: self.temp_degc, contact_asr_ohm_cm2: contact });
        let mut report =
            CycleReport { cycle_time_ms: secs_to_ms(self.time_s + 10.0), quantity: 1.0, ..Default::default() };
        if contact > self.model.contact_limit_ohm_cm2 {
            let cause = "stack-pressure-too-low";
            cell.add_defect(CellDefectKind::ContactLoss, here, cause);
            report.add_defective(&cause_key(CellDefectKind::ContactLoss, cause), 1.0);
        }
        let creep = self.pressure_mpa > self.creep_limit_mpa();
        if creep {
            let cause = "stack-pressure-too-high-lithium-creeps";
            cell.add_defect(CellDefectKind::OverPressed, here, cause);
            report.add_defective(&cause_key(CellDefectKind::OverPressed, cause), 1.0);
        }
        // The LVDT: the stack settles with pressure; creep adds a further sink.
        let layers = cell.layers as f64;
        let compression = layers * (0.4 * libm::log(1.0 + self.pressure_mpa) + if creep { 3.0 } else { 0.0 });
        self.last = Some(PressReading {
            compression_um: compression * (1.0 + crate::rng::normal(ctx.rng, 0.0, 0.02)).max(0.0),
        });
        report
    }
}

//! RF magnetron sputter chamber: a LiPON electrolyte film from a Li3PO4 target in nitrogen
//! (reference section 6).
//!
//! Relations ([S] directions, [D] exponents and constants):
//! - deposition rate rises with RF power density and falls with N2 pressure (more
//!   scattering), `r = r_0 (P / 3 W/cm2) (p / 1 Pa)^-0.5`, about 2.5 nm/min at 3 W/cm2 and
//!   1 Pa, and falls as the target erodes, `x (1 - 0.4 e)` with `e` the share of its life
//!   used (kWh on the target over its rated kWh);
//! - ionic conductivity goes the other way: more nitrogen in the film, less power,
//!   `sigma_25 = 1.8 uS/cm (p / 1 Pa)^0.4 (P / 3 W/cm2)^-0.3` (Bates: about 2 uS/cm; Put et
//!   al.: about 1 uS/cm), with its activation energy falling from 0.63 to 0.53 eV as the
//!   nitrogen pressure rises from 0.5 to 2 Pa; Arrhenius `sigma T = A exp(-Ea / kT)`;
//! - arcs on the target throw particulates that leave pinholes: arcs come at
//!   `0.6 / h exp((P - P_arc) / 0.4 W/cm2)`, `P_arc` 4.5 W/cm2 (a cracked or contaminated
//!   target: 2.5), each leaving about 0.2 pinholes per cm2 on the sample;
//! - thickness spread over the sample grows with pressure (gas scattering).
//!
//! The chamber's arc counter and quartz-crystal monitor (rate) are what an operator sees;
//! the target's state is read from its kWh meter.

use serde::{Deserialize, Serialize};

use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::{Fault, FaultKind};
use crate::input::{FieldPath, Issues};
use crate::rng;
use crate::sample::{Film, FilmMaterial};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range, has_fault};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SputterChamber {
    pub rf_power_w_per_cm2: f64,
    pub n2_pressure_pa: f64,
    pub deposition_min: f64,
    /// Energy the target has taken since it was new, kWh.
    #[serde(default)]
    pub target_used_kwh: f64,
    #[serde(default)]
    pub model: SputterModel,
    #[serde(default)]
    pub last: Option<SputterReading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SputterModel {
    pub rate_nm_per_min: f64,
    pub sigma_us_per_cm: f64,
    pub target_area_cm2: f64,
    pub target_life_kwh: f64,
    pub arc_power_w_per_cm2: f64,
    pub arc_power_cracked_w_per_cm2: f64,
    pub arcs_per_h: f64,
    pub pinholes_per_arc_per_cm2: f64,
    pub pump_down_min: f64,
}

impl Default for SputterModel {
    fn default() -> Self {
        Self {
            rate_nm_per_min: 2.5,
            sigma_us_per_cm: 1.8,
            target_area_cm2: 81.0,
            target_life_kwh: 60.0,
            arc_power_w_per_cm2: 4.5,
            arc_power_cracked_w_per_cm2: 2.5,
            arcs_per_h: 0.6,
            pinholes_per_arc_per_cm2: 0.2,
            pump_down_min: 30.0,
        }
    }
}

/// What the chamber showed over its last run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SputterReading {
    pub rate_nm_per_min: f64,
    pub arcs: u32,
}

impl SputterChamber {
    /// Share of the target's life used.
    pub fn erosion(&self) -> f64 {
        (self.target_used_kwh / self.model.target_life_kwh.max(1e-9)).clamp(0.0, 1.0)
    }

    /// Deposition rate at the present settings and target, nm/min.
    pub fn rate_nm_per_min(&self) -> f64 {
        let m = &self.model;
        m.rate_nm_per_min
            * (self.rf_power_w_per_cm2 / 3.0)
            * libm::pow(self.n2_pressure_pa.max(0.05), -0.5)
            * (1.0 - 0.4 * self.erosion())
    }

    /// Conductivity at 25 degC of the film the settings make, S/cm.
    pub fn sigma_25_s_per_cm(&self) -> f64 {
        self.model.sigma_us_per_cm
            * 1e-6
            * libm::pow(self.n2_pressure_pa.max(0.05), 0.4)
            * libm::pow((self.rf_power_w_per_cm2 / 3.0).max(0.05), -0.3)
    }

    /// Activation energy of the film's conductivity, eV.
    pub fn activation_ev(&self) -> f64 {
        0.63 - 0.10 * ((self.n2_pressure_pa - 0.5) / 1.5).clamp(0.0, 1.0)
    }

    /// Mean arcs an hour at the present power, with a cracked target or not.
    pub fn arcs_per_h(&self, cracked: bool) -> f64 {
        let m = &self.model;
        let onset = if cracked { m.arc_power_cracked_w_per_cm2 } else { m.arc_power_w_per_cm2 };
        m.arcs_per_h * libm::exp((self.rf_power_w_per_cm2 - onset) / 0.4)
    }
}

impl StationModel for SputterChamber {
    const LABEL: &'static str = "sputter chamber";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "rf_power_w_per_cm2",
            "RF power density",
            "W/cm2",
            (0.5, 8.0, 0.1),
            |s, _| s.rf_power_w_per_cm2,
            |s, _, v| s.rf_power_w_per_cm2 = v,
        ),
        ControlDef::new(
            "n2_pressure_pa",
            "N2 pressure",
            "Pa",
            (0.2, 5.0, 0.1),
            |s, _| s.n2_pressure_pa,
            |s, _, v| s.n2_pressure_pa = v,
        ),
        ControlDef::new(
            "deposition_min",
            "Deposition time",
            "min",
            (10.0, 1200.0, 10.0),
            |s, _| s.deposition_min,
            |s, _, v| s.deposition_min = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("rate_nm_per_min", "Deposition rate (crystal monitor)", "nm/min", |s, _| {
            s.last.as_ref().map(|l| l.rate_nm_per_min)
        }),
        ReadoutDef::number("arcs", "Arcs counted, last run", "", |s, _| s.last.as_ref().map(|l| l.arcs as f64)),
        ReadoutDef::number("target_used_kwh", "Energy on the target", "kWh", |s, _| Some(s.target_used_kwh)),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "rf_power_w_per_cm2", self.rf_power_w_per_cm2, 0.5, 8.0, "W/cm2");
        check_range(issues, path, "n2_pressure_pa", self.n2_pressure_pa, 0.2, 5.0, "Pa");
        check_range(issues, path, "deposition_min", self.deposition_min, 10.0, 1200.0, "min");
        check_range(issues, path, "target_used_kwh", self.target_used_kwh, 0.0, 1e4, "kWh");
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::TargetArcing => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }

    fn shows(&self, fault: FaultKind) -> bool {
        // A target near the end of its life is worn out whoever noticed.
        fault == FaultKind::TargetArcing && self.erosion() >= 0.95
    }

    fn maintained(&mut self) {
        // A new target.
        self.target_used_kwh = 0.0;
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let m = self.model.clone();
        let hours = self.deposition_min / 60.0;
        let cracked = has_fault(ctx.faults, |f| matches!(f, Fault::TargetArcing)).is_some() || self.erosion() >= 0.95;
        let rate = self.rate_nm_per_min();
        let arcs = rng::poisson(ctx.rng, self.arcs_per_h(cracked) * hours);
        let energy_kwh = self.rf_power_w_per_cm2 * m.target_area_cm2 * hours / 1000.0;
        let eroded = self.erosion() > 0.5;
        self.target_used_kwh += energy_kwh;
        self.last = Some(SputterReading { rate_nm_per_min: rate * (1.0 + rng::normal(ctx.rng, 0.0, 0.01)), arcs });
        if let Payload::Sample(sample) = &mut unit.payload {
            let cause = if arcs > 0 && cracked {
                "arcing-target"
            } else if arcs > 0 {
                "arcing-at-high-power"
            } else if eroded {
                "eroded-target"
            } else {
                ""
            };
            sample.films.push(Film {
                material: FilmMaterial::Lipon,
                thickness_nm: rate * self.deposition_min * (1.0 + rng::normal(ctx.rng, 0.0, 0.02)),
                nonuniformity_frac: 0.03 + 0.02 * self.n2_pressure_pa,
                sigma_25_s_per_cm: self.sigma_25_s_per_cm() * (1.0 + rng::normal(ctx.rng, 0.0, 0.03)).max(0.1),
                activation_ev: self.activation_ev(),
                pinholes_per_cm2: arcs as f64 * m.pinholes_per_arc_per_cm2,
                origin: ctx.station,
                cause: cause.into(),
            });
        }
        CycleReport {
            cycle_time_ms: secs_to_ms((self.deposition_min + m.pump_down_min) * 60.0),
            quantity: 1.0,
            energy_kwh,
            ..Default::default()
        }
    }
}

//! Atomic layer deposition reactor: a protective Al2O3 coating on cathode coupons from
//! trimethylaluminium (TMA) and water (reference section 6).
//!
//! Relations:
//! - thickness = growth per cycle x cycles; on NMC811 1.12 A/cycle [S] at the window's
//!   centre, 250 degC; inside the window (150-350 degC) growth falls gently away from the
//!   centre, `GPC = GPC_0 (1 - 0.15 ((T - 250) / 100)^2)` [D], outside it falls steeply,
//!   `x exp(-d / 30 K)` with `d` the distance past the edge [D] (too cold: precursor
//!   condenses unevenly; too hot: it desorbs or decomposes);
//! - a pulse saturates the surface only with enough precursor: the share of sites reacted is
//!   `1 - exp(-3 q t_pulse / 50 ms)` with `q` the dose the bubbler delivers (1 when full) [D].
//!   Under-dosing gives low growth and an uneven film (thicker near the inlet);
//! - a cycle takes the TMA pulse, two 5 s purges and the water pulse: cycle time limits
//!   throughput.
//!
//! The in-situ quartz crystal gives the growth per cycle; a witness wafer's ellipsometry
//! gives the thickness.

use serde::{Deserialize, Serialize};

use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::rng;
use crate::sample::{Film, FilmMaterial};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range, has_fault};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AldReactor {
    pub cycles: f64,
    pub temp_degc: f64,
    pub tma_pulse_ms: f64,
    #[serde(default)]
    pub model: AldModel,
    #[serde(default)]
    pub last: Option<AldReading>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AldModel {
    pub gpc_a: f64,
    pub window_degc: (f64, f64),
    pub centre_degc: f64,
    pub saturation_pulse_ms: f64,
    pub purge_s: f64,
    pub water_pulse_ms: f64,
    pub load_min: f64,
}

impl Default for AldModel {
    fn default() -> Self {
        Self {
            gpc_a: 1.12,
            window_degc: (150.0, 350.0),
            centre_degc: 250.0,
            saturation_pulse_ms: 50.0,
            purge_s: 5.0,
            water_pulse_ms: 50.0,
            load_min: 20.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AldReading {
    pub gpc_a: f64,
    pub thickness_nm: f64,
}

impl AldReactor {
    /// Saturated growth per cycle at `temp_degc`, A.
    pub fn saturated_gpc_a(&self, temp_degc: f64) -> f64 {
        let m = &self.model;
        let x = (temp_degc - m.centre_degc) / 100.0;
        let (lo, hi) = m.window_degc;
        let outside = (lo - temp_degc).max(temp_degc - hi).max(0.0);
        m.gpc_a * (1.0 - 0.15 * x * x).max(0.0) * libm::exp(-outside / 30.0)
    }

    /// Share of surface sites a pulse saturates with `dose` of a full bubbler's.
    pub fn saturation(&self, dose: f64) -> f64 {
        1.0 - libm::exp(-3.0 * dose * self.tma_pulse_ms / self.model.saturation_pulse_ms.max(1e-9))
    }

    fn in_window(&self) -> bool {
        (self.model.window_degc.0..=self.model.window_degc.1).contains(&self.temp_degc)
    }
}

impl StationModel for AldReactor {
    const LABEL: &'static str = "ALD reactor";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new("cycles", "ALD cycles", "", (0.0, 300.0, 1.0), |s, _| s.cycles, |s, _, v| s.cycles = v),
        ControlDef::new(
            "temp_degc",
            "Reactor temperature",
            "degC",
            (100.0, 400.0, 5.0),
            |s, _| s.temp_degc,
            |s, _, v| s.temp_degc = v,
        ),
        ControlDef::new(
            "tma_pulse_ms",
            "TMA pulse",
            "ms",
            (10.0, 500.0, 10.0),
            |s, _| s.tma_pulse_ms,
            |s, _, v| s.tma_pulse_ms = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("gpc_a", "Growth per cycle (crystal monitor)", "A", |s, _| s.last.as_ref().map(|l| l.gpc_a)),
        ReadoutDef::number("witness_thickness_nm", "Witness wafer thickness", "nm", |s, _| {
            s.last.as_ref().map(|l| l.thickness_nm)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "cycles", self.cycles, 0.0, 300.0, "");
        check_range(issues, path, "temp_degc", self.temp_degc, 100.0, 400.0, "degC");
        check_range(issues, path, "tma_pulse_ms", self.tma_pulse_ms, 10.0, 500.0, "ms");
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::PrecursorDepleted { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let m = self.model.clone();
        let dose = match has_fault(ctx.faults, |f| matches!(f, Fault::PrecursorDepleted { .. })).map(|f| &f.fault) {
            Some(Fault::PrecursorDepleted { dose_frac }) => *dose_frac,
            _ => 1.0,
        };
        let saturation = self.saturation(dose);
        let gpc = self.saturated_gpc_a(self.temp_degc) * saturation;
        let cycles = self.cycles.round().max(0.0);
        let thickness = gpc * cycles / 10.0;
        self.last = Some(AldReading {
            gpc_a: gpc * (1.0 + rng::normal(ctx.rng, 0.0, 0.01)),
            thickness_nm: thickness * (1.0 + rng::normal(ctx.rng, 0.0, 0.02)),
        });
        if cycles > 0.0
            && let Payload::Sample(sample) = &mut unit.payload
        {
            let cause = if saturation < 0.9 {
                "precursor-under-dosing"
            } else if !self.in_window() {
                "outside-the-ald-window"
            } else {
                ""
            };
            let below = (m.window_degc.0 - self.temp_degc).max(0.0);
            sample.films.push(Film {
                material: FilmMaterial::Alumina,
                thickness_nm: thickness,
                nonuniformity_frac: (0.02 + 0.6 * (1.0 - saturation) + below / 200.0).min(0.9),
                // Lithiated alumina [D].
                sigma_25_s_per_cm: 5e-8,
                activation_ev: 0.6,
                pinholes_per_cm2: 0.0,
                origin: ctx.station,
                cause: cause.into(),
            });
        }
        let cycle_s = (self.tma_pulse_ms + m.water_pulse_ms) / 1000.0 + 2.0 * m.purge_s;
        CycleReport {
            cycle_time_ms: secs_to_ms(m.load_min * 60.0 + cycles * cycle_s),
            quantity: 1.0,
            ..Default::default()
        }
    }
}

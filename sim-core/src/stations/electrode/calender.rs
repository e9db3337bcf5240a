//! Calender: compacts the dried coating between two rolls to its target porosity.
//!
//! Relations (reference section 4):
//! - porosity vs line load (Meyer, Bockholt, Haselrieder, Kwade 2017; exact form [D]):
//!   `eps(q_L) = eps_min + (eps_0 - eps_min) exp(-q_L / gamma_c)`, with the compaction
//!   resistance growing with areal loading, `gamma_c = gamma_ref m_A / m_A,ref` (reference
//!   section 4b: Meyer et al. report gamma_c depending on mass loading; proportionality [D]):
//!   at the same line load a heavier coating stays more porous;
//! - spring-back after the nip: `t_final = t_nip (1 + s)`, s ~ 2-8 % ([D]); porosity from
//!   thickness `eps = 1 - m_A / (rho_solid t)`, density `m_A / t`;
//! - over-compaction cracks particles (rearrangement -> fracture -> crushing): flagged when the
//!   nip porosity comes within a margin of `eps_min` ([D] margin);
//! - wrinkles from the elongation mismatch of coated and bare foil: above a line load, worse
//!   where an edge bead carries extra load ([D] threshold).
//!
//! A roll gap that drifts open lowers the effective line load metre by metre from the time
//! the fault began; the load cell shows it.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::{DefectKind, Recipe, cause_key};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calender {
    pub line_load_n_per_mm: f64,
    pub speed_m_per_min: f64,
    #[serde(default)]
    pub model: CalenderModel,
    #[serde(default)]
    pub last: Option<CalenderReading>,
}

/// Model constants of the calender ([D]: plausible defaults, tune per calender).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalenderModel {
    pub spring_back_frac: f64,
    /// Particle cracking when the nip porosity is within this margin of eps_min.
    pub cracking_margin_frac: f64,
    /// Line load above which the foil wrinkles, N/mm.
    pub wrinkle_load_n_per_mm: f64,
    /// Extra load an edge bead concentrates, fraction.
    pub edge_bead_load_gain: f64,
    pub thickness_noise_um: f64,
}

impl Default for CalenderModel {
    fn default() -> Self {
        Self {
            spring_back_frac: 0.04,
            cracking_margin_frac: 0.03,
            wrinkle_load_n_per_mm: 1500.0,
            edge_bead_load_gain: 0.25,
            thickness_noise_um: 0.5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalenderReading {
    pub measured_load_n_per_mm: f64,
    pub thickness_um: f64,
}

/// Porosity in the nip at line load `q` for a coating of areal loading `m_A` at porosity
/// `eps_0` (Meyer 2017 form). The recipe's compaction resistance holds at its target
/// loading and scales with the loading.
pub fn nip_porosity(recipe: &Recipe, eps_0: f64, line_load_n_per_mm: f64, loading_mg_per_cm2: f64) -> f64 {
    let eps_min = recipe.min_porosity_frac.min(eps_0);
    let loading_ratio = (loading_mg_per_cm2 / recipe.target_loading_mg_per_cm2.max(1e-9)).clamp(0.05, 20.0);
    let gamma_c = (recipe.compaction_resistance_n_per_mm * loading_ratio).max(1e-9);
    eps_min + (eps_0 - eps_min) * libm::exp(-line_load_n_per_mm.max(0.0) / gamma_c)
}

/// Porosity after spring-back: the coating relaxes by `s` in thickness.
pub fn final_porosity(nip_porosity: f64, spring_back_frac: f64) -> f64 {
    1.0 - (1.0 - nip_porosity) / (1.0 + spring_back_frac)
}

impl StationModel for Calender {
    const LABEL: &'static str = "calender";
    const QUANTITY_UNIT: &'static str = "m";
    const INPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "line_load_n_per_mm",
            "Line load",
            "N/mm",
            (100.0, 2000.0, 10.0),
            |s, _| s.line_load_n_per_mm,
            |s, _, v| s.line_load_n_per_mm = v,
        ),
        ControlDef::new(
            "speed_m_per_min",
            "Calender speed",
            "m/min",
            (5.0, 80.0, 1.0),
            |s, _| s.speed_m_per_min,
            |s, _, v| s.speed_m_per_min = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("measured_load_n_per_mm", "Load cell (end of roll)", "N/mm", |s, _| {
            s.last.as_ref().map(|l| l.measured_load_n_per_mm)
        }),
        ReadoutDef::number("thickness_um", "Thickness gauge, roll mean", "um", |s, _| {
            s.last.as_ref().map(|l| l.thickness_um)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "line_load_n_per_mm", self.line_load_n_per_mm, 0.0, 3000.0, "N/mm");
        check_range(issues, path, "speed_m_per_min", self.speed_m_per_min, 0.5, 150.0, "m/min");
        check_range(issues, path, "model.spring_back_frac", self.model.spring_back_frac, 0.0, 0.3, "");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Roll(roll) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = self.model.clone();
        let recipe = roll.recipe.clone();
        let length_m = roll.length_m();
        let cycle_s = 60.0 * length_m / self.speed_m_per_min;
        let mut report = CycleReport { cycle_time_ms: secs_to_ms(cycle_s), quantity: length_m, ..Default::default() };
        let drift = has_fault(ctx.faults, |f| matches!(f, Fault::RollGapDrift { .. })).map(|f| match f.fault {
            Fault::RollGapDrift { per_h_frac } => (per_h_frac, f.since_ms),
            _ => (0.0, 0),
        });
        let mut position_m = 0.0;
        let mut thickness_sum = 0.0;
        let mut load_at_end = self.line_load_n_per_mm;
        for seg in &mut roll.segments {
            let at_ms = ctx.now_ms as f64 + position_m / self.speed_m_per_min * 60_000.0;
            position_m += seg.length_m;
            let load = match drift {
                Some((per_h, since)) => {
                    let hours = ((at_ms - since as f64) / 3.6e6).max(0.0);
                    self.line_load_n_per_mm * (1.0 - per_h * hours).max(0.0)
                }
                None => self.line_load_n_per_mm,
            };
            load_at_end = load;
            let eps_nip = nip_porosity(&recipe, seg.porosity_frac, load, seg.loading_mg_per_cm2);
            let eps = final_porosity(eps_nip, m.spring_back_frac);
            seg.porosity_frac = eps;
            seg.thickness_um = seg.loading_mg_per_cm2 / (recipe.solid_density_g_per_cm3 * (1.0 - eps)) * 10.0
                + rng::normal(ctx.rng, 0.0, m.thickness_noise_um);
            thickness_sum += seg.thickness_um * seg.length_m;
            if eps_nip < recipe.min_porosity_frac + m.cracking_margin_frac {
                seg.add_defect(DefectKind::ParticleCracking, here, "line-load-too-high-over-compaction");
            }
            if (eps - recipe.target_porosity_frac).abs() > recipe.porosity_tolerance_frac {
                let cause = if drift.is_some() { "roll-gap-drift" } else { "line-load-off-the-target-porosity" };
                seg.add_defect(DefectKind::PorosityOffTarget, here, cause);
            }
            let edge = seg.has(DefectKind::EdgeBead);
            let effective_load = load * if edge { 1.0 + m.edge_bead_load_gain } else { 1.0 };
            if effective_load > m.wrinkle_load_n_per_mm {
                let cause = if edge && load <= m.wrinkle_load_n_per_mm {
                    "edge-bead-from-coating"
                } else {
                    "line-load-too-high-for-the-foil"
                };
                seg.add_defect(DefectKind::Wrinkle, here, cause);
            }
            for d in seg.defects.iter().filter(|d| d.origin == here) {
                report.add_defective(&cause_key(d.kind, &d.cause), seg.length_m);
            }
        }
        roll.steps.calendered = true;
        if (load_at_end / self.line_load_n_per_mm.max(1e-9) - 1.0).abs() > 0.05 {
            report.alarms.push(ProcessAlarm::new(
                "load_deviation",
                AlarmPriority::Medium,
                Message::new("alarm-calender-load-deviation").number("measured", load_at_end, 0).number(
                    "set",
                    self.line_load_n_per_mm,
                    0,
                ),
            ));
        }
        self.last = Some(CalenderReading {
            measured_load_n_per_mm: load_at_end * (1.0 + rng::normal(ctx.rng, 0.0, 0.005)),
            thickness_um: thickness_sum / length_m.max(1e-9),
        });
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::RollGapDrift { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

//! Slot-die coater: pumps a slurry batch through the die onto the foil, making an electrode
//! roll with per-metre attributes.
//!
//! Relations (reference section 2):
//! - wet thickness is set by the pump: `h_wet = Q / (W U)`; the gap decides bead stability,
//!   not thickness;
//! - dry areal loading `m_A = h_wet rho_slurry x_solids` (air excluded);
//! - coating window: the low-flow limit (minimum wet thickness) grows with the capillary
//!   number `Ca = mu U / sigma` as `Ca^(2/3)` and with the gap: `h_min = c_lf b Ca^(2/3)`
//!   ([D] form and constant); above `h_wet > c_leak b` the bead leaks out of the die;
//! - slot wall shear `tau_w = eta(gamma_w) gamma_w` with `gamma_w = 6 Q / (W b^2)`; particles
//!   hang up and form streaks at low wall shear.
//!
//! Defects and their causes: streaks (agglomerates from mixing, worse at low wall shear; a
//! clogged die lip), pinholes (air left in the slurry; air entrainment at high web speed),
//! skips/rivulets (below the low-flow limit), bead leak (above the window), edge bead (wet film
//! close to the gap), chatter bands (pump pulsation), loading off target (pump flow / speed;
//! and the first metres of every roll, coated while the bead forms: start-up scrap, [D]
//! length and ramp).
//! A slurry that waits in the holding tank ages: its viscosity drifts up and agglomerates
//! re-form ([D] rates in [`CoaterModel`]).

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::{DefectKind, ElectrodeRoll, RollSteps, Segment, SlurryBatch, cause_key};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

/// Most segments a roll holds (see `start_cycle`).
pub const MAX_SEGMENTS: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coater {
    pub coated_width_m: f64,
    pub pump_flow_l_per_min: f64,
    pub web_speed_m_per_min: f64,
    pub die_gap_um: f64,
    #[serde(default)]
    pub model: CoaterModel,
    #[serde(default)]
    pub last: Option<CoaterReading>,
}

/// Model constants of the coater ([D]: plausible defaults, tune per coater).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoaterModel {
    /// `c_lf` in `h_min = c_lf b Ca^(2/3)`.
    pub low_flow_coeff: f64,
    /// The bead leaks when `h_wet > leak_ratio * gap`.
    pub leak_ratio: f64,
    /// Edge bead grows once `h_wet / gap` exceeds this.
    pub edge_bead_onset_ratio: f64,
    /// Edge excess thickness (fraction) that counts as an edge-bead defect.
    pub edge_bead_limit_frac: f64,
    /// Agglomerate level below which streaks do not form.
    pub agglomerate_ok_level: f64,
    /// Streaks per metre per unit agglomerate level above the threshold.
    pub streaks_per_m_per_agglomerate: f64,
    /// Wall shear stress below which particles hang up in the slot, Pa.
    pub critical_wall_shear_pa: f64,
    /// Streaks per metre from a clogged lip.
    pub clog_streaks_per_m: f64,
    /// Air volume fraction below which no pinholes form.
    pub air_ok_frac: f64,
    pub pinholes_per_m_per_air_frac: f64,
    /// Web speed above which air is entrained at the dynamic contact line, m/min.
    pub air_entrainment_speed_m_per_min: f64,
    /// Cross-web thickness noise of the pump and die, standard deviation as a fraction.
    pub thickness_noise_frac: f64,
    /// Metres at the start of every roll coated while the bead forms (start-up scrap).
    pub startup_length_m: f64,
    /// Pulsation amplitude above which chatter bands show.
    pub chatter_visible_frac: f64,
    /// Viscosity rise of a waiting slurry, fraction per hour.
    pub ageing_viscosity_per_h: f64,
    /// Agglomerate re-formation of a waiting slurry, level per hour.
    pub reagglomeration_per_h: f64,
}

impl Default for CoaterModel {
    fn default() -> Self {
        Self {
            low_flow_coeff: 0.12,
            leak_ratio: 1.0,
            edge_bead_onset_ratio: 0.75,
            edge_bead_limit_frac: 0.10,
            agglomerate_ok_level: 0.15,
            streaks_per_m_per_agglomerate: 2.0,
            critical_wall_shear_pa: 2000.0,
            clog_streaks_per_m: 0.3,
            air_ok_frac: 0.01,
            pinholes_per_m_per_air_frac: 30.0,
            air_entrainment_speed_m_per_min: 60.0,
            thickness_noise_frac: 0.01,
            startup_length_m: 8.0,
            chatter_visible_frac: 0.02,
            ageing_viscosity_per_h: 0.03,
            reagglomeration_per_h: 0.02,
        }
    }
}

/// What the coater's gauges and die camera show for the roll in progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoaterReading {
    pub wet_thickness_um: f64,
    /// Coefficient of variation of the wet film along the roll (scanning gauge), percent.
    pub wet_film_cv_pct: f64,
    pub roll_length_m: f64,
    pub bead: BeadState,
}

/// What the die camera shows of the coating bead (the meniscus between die lips and web).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BeadState {
    Stable,
    /// Below the low-flow limit: the bead breaks into rivulets and skips.
    BreakingUp,
    /// The wet film is close to the gap: excess builds at the edges.
    HeavyEdges,
    /// Above the window: slurry leaks out of the die.
    Leaking,
}

impl BeadState {
    /// The word the die camera readout shows.
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::Stable => "word-coater-bead-stable",
            Self::BreakingUp => "word-coater-bead-breaking-up",
            Self::HeavyEdges => "word-coater-bead-heavy-edges",
            Self::Leaking => "word-coater-bead-leaking",
        })
    }
}

/// The coating window at given settings: where the bead is stable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoatingWindow {
    pub wet_thickness_um: f64,
    pub low_flow_limit_um: f64,
    pub leak_limit_um: f64,
    pub capillary_number: f64,
    pub wall_shear_pa: f64,
    pub edge_excess_frac: f64,
}

impl Coater {
    /// Wet thickness `h_wet = Q / (W U)`, um.
    pub fn wet_thickness_um(&self) -> f64 {
        let q_m3_per_min = self.pump_flow_l_per_min / 1000.0;
        q_m3_per_min / (self.coated_width_m * self.web_speed_m_per_min) * 1e6
    }

    /// The coating window for `batch` at the present settings.
    pub fn window(&self, batch: &SlurryBatch) -> CoatingWindow {
        let m = &self.model;
        let h_um = self.wet_thickness_um();
        let gap_m = self.die_gap_um * 1e-6;
        let q_m3_per_s = self.pump_flow_l_per_min / 60_000.0;
        let wall_shear_rate = 6.0 * q_m3_per_s / (self.coated_width_m * gap_m * gap_m);
        let wall_shear_pa = batch.viscosity_pa_s(wall_shear_rate) * wall_shear_rate;
        let u_m_per_s = self.web_speed_m_per_min / 60.0;
        let bead_shear_rate = u_m_per_s / (h_um * 1e-6).max(1e-9);
        let capillary_number = batch.viscosity_pa_s(bead_shear_rate) * u_m_per_s / batch.recipe.surface_tension_n_per_m;
        let low_flow_limit_um = m.low_flow_coeff * self.die_gap_um * libm::pow(capillary_number, 2.0 / 3.0);
        let edge_excess_frac = 0.04 + 0.5 * (h_um / self.die_gap_um - m.edge_bead_onset_ratio).max(0.0);
        CoatingWindow {
            wet_thickness_um: h_um,
            low_flow_limit_um,
            leak_limit_um: m.leak_ratio * self.die_gap_um,
            capillary_number,
            wall_shear_pa,
            edge_excess_frac,
        }
    }

    /// Ages a batch that waited since mixing.
    fn aged(&self, mut batch: SlurryBatch, now_ms: u64) -> SlurryBatch {
        let age_h = now_ms.saturating_sub(batch.mixed_at_ms) as f64 / 3.6e6;
        batch.viscosity_at_10_per_s_pa_s *= 1.0 + self.model.ageing_viscosity_per_h * age_h;
        batch.agglomerate_level = (batch.agglomerate_level + self.model.reagglomeration_per_h * age_h).min(1.0);
        batch
    }
}

impl StationModel for Coater {
    const LABEL: &'static str = "slot-die coater";
    const QUANTITY_UNIT: &'static str = "m";
    const INPUT: Option<ProductKind> = Some(ProductKind::Slurry);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "pump_flow_l_per_min",
            "Pump flow",
            "L/min",
            (0.1, 10.0, 0.01),
            |s, _| s.pump_flow_l_per_min,
            |s, _, v| s.pump_flow_l_per_min = v,
        ),
        ControlDef::new(
            "web_speed_m_per_min",
            "Web speed",
            "m/min",
            (1.0, 100.0, 0.5),
            |s, _| s.web_speed_m_per_min,
            |s, _, v| s.web_speed_m_per_min = v,
        ),
        ControlDef::new(
            "die_gap_um",
            "Die lip gap",
            "um",
            (50.0, 500.0, 5.0),
            |s, _| s.die_gap_um,
            |s, _, v| s.die_gap_um = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("coated_width_m", "Coated width", "m", |s, _| Some(s.coated_width_m)),
        ReadoutDef::number("wet_thickness_um", "Wet-film gauge", "um", |s, _| {
            s.last.as_ref().map(|l| l.wet_thickness_um)
        }),
        ReadoutDef::number("wet_film_cv_pct", "Wet-film variation (CV)", "%", |s, _| {
            s.last.as_ref().map(|l| l.wet_film_cv_pct)
        }),
        ReadoutDef::number("roll_length_m", "Roll length", "m", |s, _| s.last.as_ref().map(|l| l.roll_length_m)),
        ReadoutDef::text("bead", "Die camera: bead", |s, _| s.last.as_ref().map(|l| l.bead.message())),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "coated_width_m", self.coated_width_m, 0.05, 2.0, "m");
        check_range(issues, path, "pump_flow_l_per_min", self.pump_flow_l_per_min, 0.01, 50.0, "L/min");
        check_range(issues, path, "web_speed_m_per_min", self.web_speed_m_per_min, 0.1, 150.0, "m/min");
        check_range(issues, path, "die_gap_um", self.die_gap_um, 20.0, 1000.0, "um");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        // The mixer is where the batch started; agglomerates and air are its doing.
        let mixer = unit.history.first().map_or(ctx.station, |v| v.station);
        let Payload::Slurry(batch) = &unit.payload else {
            // Not slurry (a layout mistake caught by validation): pass it through.
            return CycleReport { cycle_time_ms: 1, quantity: 0.0, ..Default::default() };
        };
        let batch = self.aged(batch.clone(), ctx.now_ms);
        let m = self.model.clone();
        let w = self.window(&batch);
        let recipe = &batch.recipe;
        let here = ctx.station;
        let length_m = (batch.volume_l / 1000.0) / (self.coated_width_m * w.wet_thickness_um * 1e-6);
        let cycle_time_ms = secs_to_ms(60.0 * batch.volume_l / self.pump_flow_l_per_min);
        // One segment per metre; extreme settings (a micrometre-thin film makes a roll of
        // tens of kilometres) get longer segments so a roll never holds more than
        // MAX_SEGMENTS.
        let segment_m = (length_m / MAX_SEGMENTS as f64).max(1.0);
        let segments_n = (libm::ceil(length_m / segment_m).max(1.0) as usize).min(MAX_SEGMENTS);

        let pulsation = has_fault(ctx.faults, |f| matches!(f, Fault::PumpPulsation { .. })).map(|f| match f.fault {
            Fault::PumpPulsation { amplitude_frac } => amplitude_frac,
            _ => 0.0,
        });
        let clogged = has_fault(ctx.faults, |f| matches!(f, Fault::ClogDieLip)).is_some();
        let below_window = w.wet_thickness_um < w.low_flow_limit_um;
        let leaking = w.wet_thickness_um > w.leak_limit_um;
        let edge_bead = w.edge_excess_frac > m.edge_bead_limit_frac;
        let shear_factor = (m.critical_wall_shear_pa / w.wall_shear_pa.max(1.0)).max(1.0);
        let streak_rate = m.streaks_per_m_per_agglomerate
            * (batch.agglomerate_level - m.agglomerate_ok_level).max(0.0)
            * shear_factor;
        let pinhole_rate = m.pinholes_per_m_per_air_frac * (batch.air_frac - m.air_ok_frac).max(0.0);
        let entrainment_rate = 0.5 * (self.web_speed_m_per_min / m.air_entrainment_speed_m_per_min - 1.0).max(0.0);
        let skip_prob = if below_window {
            ((w.low_flow_limit_um - w.wet_thickness_um) / w.low_flow_limit_um * 4.0).clamp(0.05, 1.0)
        } else {
            0.0
        };
        let loading_nominal =
            w.wet_thickness_um * recipe.slurry_density_g_per_cm3() * (1.0 - batch.air_frac) * recipe.solids_frac * 0.1;
        let loading_off =
            (loading_nominal / recipe.target_loading_mg_per_cm2 - 1.0).abs() > recipe.loading_tolerance_frac;

        let mut report = CycleReport { cycle_time_ms, quantity: length_m, ..Default::default() };
        let mut segments = Vec::with_capacity(segments_n);
        let mut weights = Vec::with_capacity(segments_n);
        let per_metre = |rate: f64, len: f64| 1.0 - libm::exp(-rate * len);
        for i in 0..segments_n {
            let len = (length_m - i as f64 * segment_m).min(segment_m).max(0.0);
            let rng = &mut *ctx.rng;
            let mut factor = 1.0 + rng::normal(rng, 0.0, m.thickness_noise_frac);
            if let Some(a) = pulsation {
                factor *= 1.0 + a * libm::sin(i as f64 * 2.399);
            }
            if leaking {
                factor *= 1.03;
            }
            // Start-up: while the bead forms and the pump settles, the film builds up from
            // half its thickness over the first metres of every roll.
            let position_m = i as f64 * segment_m;
            let starting = position_m < m.startup_length_m;
            if starting {
                factor *= 0.5 + 0.5 * position_m / m.startup_length_m.max(1e-9);
            }
            let h = w.wet_thickness_um * factor.max(0.05);
            let mut seg = Segment { length_m: len, wet_thickness_um: h, ..Default::default() };
            if starting {
                seg.add_defect(DefectKind::LoadingOffTarget, here, "coating-start-up");
            }
            if rng::chance(rng, per_metre(streak_rate, len)) {
                seg.add_defect(DefectKind::Streak, mixer, "agglomerates-from-mixing");
            }
            if clogged && rng::chance(rng, per_metre(m.clog_streaks_per_m, len)) {
                seg.add_defect(DefectKind::Streak, here, "clogged-die-lip");
            }
            if rng::chance(rng, per_metre(pinhole_rate, len)) {
                seg.add_defect(DefectKind::Pinhole, mixer, "air-left-in-the-slurry");
            }
            if rng::chance(rng, per_metre(entrainment_rate, len)) {
                seg.add_defect(DefectKind::Pinhole, here, "air-entrained-at-high-web-speed");
            }
            if rng::chance(rng, skip_prob) {
                seg.add_defect(DefectKind::Skip, here, "below-the-low-flow-limit");
            }
            if leaking {
                seg.add_defect(DefectKind::BeadLeak, here, "flow-above-the-coating-window");
            }
            if edge_bead {
                seg.add_defect(DefectKind::EdgeBead, here, "wet-film-close-to-the-die-gap");
            }
            if pulsation.is_some_and(|a| a > m.chatter_visible_frac) {
                seg.add_defect(DefectKind::ChatterBand, here, "pump-pulsation");
            }
            if loading_off {
                seg.add_defect(DefectKind::LoadingOffTarget, here, "flow-or-speed-off-the-target-loading");
            }
            weights.push(h * len);
            segments.push(seg);
        }

        // Distribute the batch's solids over the segments in proportion to wet film volume,
        // so the pumped batch is conserved exactly.
        let solids_kg = batch.solids_kg();
        let total_weight: f64 = weights.iter().sum::<f64>().max(1e-12);
        let width_cm = self.coated_width_m * 100.0;
        for (seg, weight) in segments.iter_mut().zip(&weights) {
            seg.solids_kg = solids_kg * weight / total_weight;
            let area_cm2 = width_cm * seg.length_m * 100.0;
            seg.loading_mg_per_cm2 = seg.solids_kg * 1e6 / area_cm2.max(1e-9);
            seg.porosity_frac = recipe.dried_porosity_frac;
            seg.thickness_um =
                seg.loading_mg_per_cm2 / (recipe.solid_density_g_per_cm3 * (1.0 - seg.porosity_frac)) * 10.0;
            for d in seg.defects.iter().filter(|d| d.origin == here) {
                report.add_defective(&cause_key(d.kind, &d.cause), seg.length_m);
            }
        }
        let bead = if leaking {
            BeadState::Leaking
        } else if below_window {
            BeadState::BreakingUp
        } else if edge_bead {
            BeadState::HeavyEdges
        } else {
            BeadState::Stable
        };
        let n = segments.len().max(1) as f64;
        let mean_h = segments.iter().map(|s| s.wet_thickness_um).sum::<f64>() / n;
        let var_h = segments.iter().map(|s| (s.wet_thickness_um - mean_h).powi(2)).sum::<f64>() / n;
        let wet_film_cv_pct = 100.0 * var_h.sqrt() / mean_h.max(1e-9);
        if wet_film_cv_pct > 3.0 {
            report.alarms.push(ProcessAlarm::new(
                "wet_film_variation",
                AlarmPriority::Medium,
                Message::new("alarm-coater-wet-film-variation").number("cv", wet_film_cv_pct, 1),
            ));
        }
        if bead != BeadState::Stable {
            report.alarms.push(ProcessAlarm::new(
                "bead",
                AlarmPriority::Medium,
                Message::new("alarm-coater-bead").message("bead", bead.message()),
            ));
        }
        self.last = Some(CoaterReading {
            wet_thickness_um: w.wet_thickness_um * (1.0 + rng::normal(ctx.rng, 0.0, 0.005)),
            wet_film_cv_pct,
            roll_length_m: length_m,
            bead,
        });
        unit.payload = Payload::Roll(ElectrodeRoll {
            recipe: batch.recipe.clone(),
            coated_width_m: self.coated_width_m,
            web_speed_m_per_min: self.web_speed_m_per_min,
            segments,
            steps: RollSteps::default(),
            sampled_residual_solvent_ppm: None,
        });
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::PumpPulsation { .. } | Fault::ClogDieLip => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

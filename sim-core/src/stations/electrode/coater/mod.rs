//! Slot-die coater: pumps a slurry batch through the die onto the foil, making an electrode
//! roll with per-metre attributes, metre by metre (a continuous kind: a setpoint change or a
//! fault acts on the metre under the die now; see `plan.rs`).
//!
//! Over 500 lines on purpose: the coater's parameters, model constants, gauges and coating
//! window are one table of what a process engineer sets and reads; the roll plan that
//! applies them lives in `plan.rs`.
//!
//! Relations (reference section 2):
//! - wet thickness is set by the pump: `h_wet = Q / (W U)`; the gap decides bead stability,
//!   not thickness;
//! - dry areal loading `m_A = h_wet rho_slurry x_solids` (air excluded);
//! - two gaps: the slot inside the die `b` (the shim; sets wall shear) and the coating gap
//!   `G` between the lips and the web (sets the bead), separate settings (reference 2b);
//! - coating window: the low-flow limit (minimum wet thickness) follows the viscocapillary
//!   form `h_min = 0.65 G Ca^(2/3)` at low capillary number `Ca = mu U / sigma` (Ruschak 1976,
//!   valid below Ca ~0.1) and approaches `G/3` at high Ca without vacuum (Carvalho & Kheshgi
//!   2000): `h_min = G min(0.65 Ca^(2/3), 1/3)`. Bead vacuum `dP` under the upstream meniscus
//!   extends the window to thinner films, `h_min / (1 + dP / dP_ref)` ([D] form); above what
//!   the upstream meniscus holds, `dP_max = 2 sigma / G + c_v mu U / G` (capillary pressure
//!   balance plus the viscous resistance of the upstream gap, [D] coefficient), the die
//!   weeps: slurry is drawn into the vacuum box;
//! - above `h_wet > c_leak G` the bead leaks: the excess slurry leaves the web (part of it
//!   still lands on the web, [D] share), it is not coated thicker; leaked and wept slurry is
//!   booked as scrap removed at the coater;
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
//!
//! Gauges: a wet-film gauge just after the die, a scanning gauge's variation over the last
//! metres, the die camera, and a beta gauge reading the dry areal loading after the dryer,
//! `beta_gauge_distance_m` of web downstream of the die (so a pump change reaches it after
//! the web's travel time, about 1.5 min on the reference line). The beta gauge can close a
//! loop on the pump ([`LoadingControl`], a PI controller).
//!
//! Simplification: units move whole between stations, so the line's dryer station dries a
//! roll after the coater has finished it; the metres the beta gauge reads are ones that
//! station has not received yet. Dry loading is fixed at the die (drying only removes
//! solvent), so what the gauge reads is what the dried metre will carry.

mod plan;

pub use plan::{PlannedMetre, RollPlan, WebLeg};

use serde::{Deserialize, Serialize};

use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::{ElectrodeRoll, RollSteps, SlurryBatch};
use crate::stations::{CycleContext, CycleReport, Replan, StationModel, check_range};
use crate::text::Message;
use crate::unit::{Payload, ProductKind, Unit};

/// Most segments a roll holds (see `start_cycle`).
pub const MAX_SEGMENTS: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coater {
    pub coated_width_m: f64,
    pub pump_flow_l_per_min: f64,
    pub web_speed_m_per_min: f64,
    pub coating_gap_um: f64,
    /// Slot gap inside the die (the shim), um: a die set-up, not an operator control.
    #[serde(default = "default_slot_gap_um")]
    pub slot_gap_um: f64,
    /// Vacuum under the upstream meniscus, kPa (0: no vacuum box in use).
    #[serde(default)]
    pub bead_vacuum_kpa: f64,
    /// Closed-loop control of the pump from the beta gauge (off unless a layout or the
    /// operator switches it on).
    #[serde(default)]
    pub loading_control: LoadingControl,
    #[serde(default)]
    pub model: CoaterModel,
    /// The roll being coated (or the last one): its batch and how its metres were laid.
    #[serde(default)]
    pub roll: Option<Box<RollPlan>>,
    #[serde(default)]
    pub last: Option<CoaterReading>,
}

fn default_slot_gap_um() -> f64 {
    200.0
}

/// A PI controller that trims the pump flow to hold the beta gauge's dry loading at the
/// recipe's target (velocity form, acting once per metre):
/// `Q_k = Q_(k-1) (1 + K_p ((e_k - e_(k-1)) + (dt / T_i) e_k))`, `e = (m_target - m_beta) / m_target`.
/// The gauge sees a metre after the web's travel time, a dead time the tuning has to
/// respect: a gain near 1 or a short reset time makes the loop hunt. The controller holds
/// its output while the gauge reads the start-up metres of a roll or a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoadingControl {
    pub on: bool,
    /// Proportional gain K_p (relative pump change per relative loading error).
    pub gain: f64,
    /// Reset (integral) time T_i, min.
    pub reset_min: f64,
}

impl Default for LoadingControl {
    fn default() -> Self {
        Self { on: false, gain: 0.3, reset_min: 2.0 }
    }
}

/// Model constants of the coater ([D]: plausible defaults, tune per coater).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoaterModel {
    /// Coefficient of the viscocapillary low-flow limit `h_min = c G Ca^(2/3)` (0.65).
    pub viscocapillary_coeff: f64,
    /// The low-flow limit at high capillary number without vacuum, as a share of the
    /// coating gap (1/3).
    pub high_ca_min_ratio: f64,
    /// Bead vacuum that halves the low-flow limit, kPa.
    pub vacuum_ref_kpa: f64,
    /// `c_v` in the vacuum the upstream meniscus holds, `2 sigma / G + c_v mu U / G`.
    pub weep_viscous_coeff: f64,
    /// Share of the flow drawn into the vacuum box per unit of vacuum above that limit
    /// (relative), up to `max_weep_frac`.
    pub weep_loss_per_excess: f64,
    pub max_weep_frac: f64,
    /// The bead leaks when `h_wet > leak_ratio * G`.
    pub leak_ratio: f64,
    /// Share of the excess above the leak limit that still lands on the web.
    pub leak_capture_frac: f64,
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
    /// Web path from the die to the beta gauge after the dryer, m.
    pub beta_gauge_distance_m: f64,
    /// Standard deviation of a beta gauge reading, as a fraction.
    pub beta_gauge_noise_frac: f64,
    /// Web length over which the scanning gauge's variation is reported, m.
    pub scan_length_m: f64,
}

impl Default for CoaterModel {
    fn default() -> Self {
        Self {
            viscocapillary_coeff: 0.65,
            high_ca_min_ratio: 1.0 / 3.0,
            vacuum_ref_kpa: 3.0,
            weep_viscous_coeff: 2.0,
            weep_loss_per_excess: 0.1,
            max_weep_frac: 0.3,
            leak_ratio: 1.0,
            leak_capture_frac: 0.5,
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
            beta_gauge_distance_m: 30.0,
            beta_gauge_noise_frac: 0.003,
            scan_length_m: 50.0,
        }
    }
}

/// What the coater's gauges and die camera show now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoaterReading {
    /// Wet film of the metre leaving the die, um.
    pub wet_thickness_um: f64,
    /// Coefficient of variation of the wet film over the last `scan_length_m` (scanning
    /// gauge), percent.
    pub wet_film_cv_pct: f64,
    /// Metres coated on the present roll.
    pub roll_length_m: f64,
    pub bead: BeadState,
    /// Dry areal loading of the metre passing the beta gauge after the dryer, mg/cm2.
    #[serde(default)]
    pub beta_loading_mg_per_cm2: Option<f64>,
    /// What the flow meter after the pump reads now (the controller's output when the loop
    /// is closed, less what a worn pump slips), L/min.
    #[serde(default)]
    pub pump_output_l_per_min: f64,
    /// What the pump is asked for now (the setpoint, or the controller's output with the
    /// loop closed), as nominal flow, L/min.
    #[serde(default)]
    pub pump_command_l_per_min: f64,
    /// Streaks the die camera saw over the last `scan_length_m`, per 100 m.
    #[serde(default)]
    pub streaks_per_100_m: f64,
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
    /// Too much bead vacuum: slurry is drawn upstream into the vacuum box.
    Weeping,
}

impl BeadState {
    /// The word the die camera readout shows.
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::Stable => "word-coater-bead-stable",
            Self::BreakingUp => "word-coater-bead-breaking-up",
            Self::HeavyEdges => "word-coater-bead-heavy-edges",
            Self::Leaking => "word-coater-bead-leaking",
            Self::Weeping => "word-coater-bead-weeping",
        })
    }
}

/// The coating window at given settings: where the bead is stable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoatingWindow {
    /// What the pump delivers per area, `Q / (W U)`, um.
    pub wet_thickness_um: f64,
    /// What stays on the web (less than the pumped film when slurry leaks or weeps), um.
    pub coated_wet_um: f64,
    /// Share of the pumped slurry lost (leaked past the lips, drawn into the vacuum box).
    pub loss_frac: f64,
    pub low_flow_limit_um: f64,
    pub leak_limit_um: f64,
    /// Most vacuum the upstream meniscus holds before the die weeps, kPa.
    pub weep_limit_kpa: f64,
    pub capillary_number: f64,
    pub wall_shear_pa: f64,
    pub edge_excess_frac: f64,
}

impl CoatingWindow {
    pub fn leaking(&self) -> bool {
        self.wet_thickness_um > self.leak_limit_um
    }
    pub fn below_window(&self) -> bool {
        self.coated_wet_um < self.low_flow_limit_um
    }
}

impl Coater {
    /// Wet thickness `h_wet = Q / (W U)`, um.
    pub fn wet_thickness_um(&self) -> f64 {
        self.wet_thickness_at_um(self.pump_flow_l_per_min)
    }

    /// Wet thickness at pump flow `flow_l_per_min`, um.
    fn wet_thickness_at_um(&self, flow_l_per_min: f64) -> f64 {
        let q_m3_per_min = flow_l_per_min / 1000.0;
        q_m3_per_min / (self.coated_width_m * self.web_speed_m_per_min) * 1e6
    }

    /// The coating window for `batch` at the present settings.
    pub fn window(&self, batch: &SlurryBatch) -> CoatingWindow {
        self.window_at(batch, self.pump_flow_l_per_min)
    }

    /// The coating window for `batch` at pump flow `flow_l_per_min` and the present gap,
    /// width and speed.
    pub fn window_at(&self, batch: &SlurryBatch, flow_l_per_min: f64) -> CoatingWindow {
        let m = &self.model;
        let h_um = self.wet_thickness_at_um(flow_l_per_min);
        let gap_um = self.coating_gap_um;
        let slot_m = self.slot_gap_um * 1e-6;
        let q_m3_per_s = flow_l_per_min / 60_000.0;
        let wall_shear_rate = 6.0 * q_m3_per_s / (self.coated_width_m * slot_m * slot_m);
        let wall_shear_pa = batch.viscosity_pa_s(wall_shear_rate) * wall_shear_rate;
        let u_m_per_s = self.web_speed_m_per_min / 60.0;
        let bead_shear_rate = u_m_per_s / (h_um * 1e-6).max(1e-9);
        let bead_viscosity_pa_s = batch.viscosity_pa_s(bead_shear_rate);
        let sigma = batch.recipe.surface_tension_n_per_m;
        let capillary_number = bead_viscosity_pa_s * u_m_per_s / sigma;
        let no_vacuum_ratio =
            (m.viscocapillary_coeff * libm::pow(capillary_number, 2.0 / 3.0)).min(m.high_ca_min_ratio);
        let vacuum_kpa = self.bead_vacuum_kpa.max(0.0);
        let low_flow_limit_um = gap_um * no_vacuum_ratio / (1.0 + vacuum_kpa / m.vacuum_ref_kpa.max(1e-6));
        let gap_m = gap_um * 1e-6;
        let weep_limit_kpa =
            (2.0 * sigma / gap_m + m.weep_viscous_coeff * bead_viscosity_pa_s * u_m_per_s / gap_m) / 1000.0;
        let leak_limit_um = m.leak_ratio * gap_um;
        let mut coated_wet_um = h_um;
        if h_um > leak_limit_um {
            coated_wet_um = leak_limit_um + m.leak_capture_frac * (h_um - leak_limit_um);
        }
        if vacuum_kpa > weep_limit_kpa {
            let wept = (m.weep_loss_per_excess * (vacuum_kpa / weep_limit_kpa.max(1e-9) - 1.0)).min(m.max_weep_frac);
            coated_wet_um *= 1.0 - wept;
        }
        let edge_excess_frac = 0.04 + 0.5 * (coated_wet_um / gap_um - m.edge_bead_onset_ratio).max(0.0);
        CoatingWindow {
            wet_thickness_um: h_um,
            coated_wet_um,
            loss_frac: (1.0 - coated_wet_um / h_um.max(1e-12)).clamp(0.0, 1.0),
            low_flow_limit_um,
            leak_limit_um,
            weep_limit_kpa,
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
            "coating_gap_um",
            "Coating gap (lips to web)",
            "um",
            (50.0, 500.0, 5.0),
            |s, _| s.coating_gap_um,
            |s, _, v| s.coating_gap_um = v,
        ),
        ControlDef::new(
            "bead_vacuum_kpa",
            "Bead vacuum",
            "kPa",
            (0.0, 3.0, 0.1),
            |s, _| s.bead_vacuum_kpa,
            |s, _, v| s.bead_vacuum_kpa = v,
        ),
        ControlDef::new(
            "loading_control_on",
            "Loading control (beta gauge to pump)",
            "",
            (0.0, 1.0, 1.0),
            |s, _| if s.loading_control.on { 1.0 } else { 0.0 },
            |s, _, v| s.loading_control.on = v >= 0.5,
        ),
        ControlDef::new(
            "loading_gain",
            "Loading control gain",
            "",
            (0.0, 3.0, 0.05),
            |s, _| s.loading_control.gain,
            |s, _, v| s.loading_control.gain = v,
        ),
        ControlDef::new(
            "loading_reset_min",
            "Loading control reset time",
            "min",
            (0.5, 30.0, 0.5),
            |s, _| s.loading_control.reset_min,
            |s, _, v| s.loading_control.reset_min = v,
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
        ReadoutDef::number("beta_loading_mg_per_cm2", "Beta gauge after the dryer", "mg/cm2", |s, _| {
            s.last.as_ref().and_then(|l| l.beta_loading_mg_per_cm2)
        }),
        ReadoutDef::number("pump_command_l_per_min", "Pump command (nominal flow)", "L/min", |s, _| {
            s.last.as_ref().map(|l| l.pump_command_l_per_min)
        }),
        ReadoutDef::number("pump_output_l_per_min", "Flow meter after the pump", "L/min", |s, _| {
            s.last.as_ref().map(|l| l.pump_output_l_per_min)
        }),
        ReadoutDef::number("roll_length_m", "Coated on this roll", "m", |s, _| {
            s.last.as_ref().map(|l| l.roll_length_m)
        }),
        ReadoutDef::text("bead", "Die camera: bead", |s, _| s.last.as_ref().map(|l| l.bead.message())),
        ReadoutDef::number("streaks_per_100_m", "Die camera: streaks", "/100 m", |s, _| {
            s.last.as_ref().map(|l| l.streaks_per_100_m)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "coated_width_m", self.coated_width_m, 0.05, 2.0, "m");
        check_range(issues, path, "pump_flow_l_per_min", self.pump_flow_l_per_min, 0.01, 50.0, "L/min");
        check_range(issues, path, "web_speed_m_per_min", self.web_speed_m_per_min, 0.1, 150.0, "m/min");
        check_range(issues, path, "coating_gap_um", self.coating_gap_um, 20.0, 1000.0, "um");
        check_range(issues, path, "slot_gap_um", self.slot_gap_um, 20.0, 2000.0, "um");
        check_range(issues, path, "bead_vacuum_kpa", self.bead_vacuum_kpa, 0.0, 10.0, "kPa");
        let loop_path = path.clone().field("loading_control");
        check_range(issues, &loop_path, "gain", self.loading_control.gain, 0.0, 3.0, "");
        check_range(issues, &loop_path, "reset_min", self.loading_control.reset_min, 0.5, 30.0, "min");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        // The mixer is where the batch started; agglomerates and air are its doing.
        let mixer = unit.history.first().map_or(ctx.station, |v| v.station);
        let Payload::Slurry(batch) = &unit.payload else {
            // Not slurry (a layout mistake caught by validation): pass it through.
            return CycleReport { cycle_time_ms: 1, quantity: 0.0, ..Default::default() };
        };
        let batch = self.aged(batch.clone(), ctx.now_ms);
        unit.payload = Payload::Roll(ElectrodeRoll {
            recipe: batch.recipe.clone(),
            coated_width_m: self.coated_width_m,
            web_speed_m_per_min: self.web_speed_m_per_min,
            segments: Vec::new(),
            steps: RollSteps::default(),
            sampled_residual_solvent_ppm: None,
            passport: batch.passport.clone(),
        });
        let plan = RollPlan::new(batch, mixer, self.roll.as_deref(), self.pump_flow_l_per_min);
        self.roll = Some(Box::new(plan));
        let report = self.coat_rest(unit, plan::Resume::START, ctx);
        self.observe(Some(unit), ctx.now_ms, 0);
        report
    }

    const CONTINUOUS: bool = true;

    fn replan(
        &mut self,
        unit: Option<&mut Unit>,
        done_ms: u64,
        why: Replan,
        ctx: &mut CycleContext,
    ) -> Option<CycleReport> {
        let unit = unit?;
        let Payload::Roll(roll) = &unit.payload else {
            return None;
        };
        let resume = self.roll.as_ref()?.resume_point(roll, done_ms, why == Replan::Restart)?;
        Some(self.coat_rest(unit, resume, ctx))
    }

    fn observe(&mut self, unit: Option<&Unit>, _now_ms: u64, done_ms: u64) {
        // Between rolls the gauges show how the last one ended; either way the reading
        // depends on the plan and the time only.
        let Some(plan) = &self.roll else {
            return;
        };
        self.last = match unit.map(|u| &u.payload) {
            Some(Payload::Roll(roll)) => Some(plan.reading(roll, done_ms, &self.model)),
            _ => plan.end_reading.clone(),
        };
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::PumpPulsation { .. } | Fault::PumpWear { .. } | Fault::ClogDieLip => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

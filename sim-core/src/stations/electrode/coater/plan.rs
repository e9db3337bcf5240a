//! The roll in progress, laid metre by metre.
//!
//! Over 500 lines on purpose: planning a metre (its film, defects, slurry used and loss, the
//! loop's step) and mapping time to position belong together.
//!
//! When a roll starts, the coater plans all of it at the present settings: segment by
//! segment until the batch's slurry is used up, each with its wet film, solids, defects,
//! pump flow and beta gauge reading. Operating time maps to a position on the roll through
//! the plan's legs (a leg: from a time and position on, at one web speed and segment
//! length). When the line asks for a re-plan (a setpoint, a fault, a restart), the metres
//! already coated stay as they are and the rest of the slurry is planned again from the
//! metre after the one under the die. After a restart the bead forms again: the next
//! `startup_length_m` metres are start-up scrap, as at the start of a roll.

use serde::{Deserialize, Serialize};

use super::{BeadState, Coater, CoaterReading, MAX_SEGMENTS};
use crate::alarms::AlarmPriority;
use crate::faults::Fault;
use crate::product::{DefectKind, ElectrodeRoll, Segment, SlurryBatch, cause_key};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, Removal, has_fault};
use crate::text::Message;
use crate::unit::{Payload, Unit};

/// Pump flow range the controller may use, L/min (the pump control's range).
const PUMP_RANGE_L_PER_MIN: (f64, f64) = (0.1, 10.0);
/// Wet-film variation (CV, %) over a roll's steady metres that raises an alarm.
const CV_ALARM_PCT: f64 = 3.0;

/// The roll being coated: its batch and how its metres were laid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RollPlan {
    /// The batch, as aged when coating began.
    pub batch: SlurryBatch,
    /// Station where the batch was mixed (agglomerates and air are its doing).
    pub mixer: u16,
    pub legs: Vec<WebLeg>,
    /// One per segment of the roll.
    pub metres: Vec<PlannedMetre>,
    /// Where the coating bead last formed (roll start, restart), m from the roll's start.
    pub startup_from_m: f64,
    /// What the beta gauge read of the previous roll's last metre: it reads that roll until
    /// this one reaches it.
    pub tail_beta_mg_per_cm2: Option<f64>,
    /// The pump setpoint the plan was made with (another one now: the operator moved it).
    pub pump_setpoint_l_per_min: f64,
    /// The loop's last pump command on the previous roll: a closed loop carries on from it
    /// (the controller does not reset at a roll change).
    #[serde(default)]
    pub carried_command_l_per_min: Option<f64>,
    /// What the gauges show once the roll is done (until the next one starts).
    #[serde(default)]
    pub end_reading: Option<CoaterReading>,
}

/// A stretch of the roll laid at one web speed and segment length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebLeg {
    /// Operating time into the cycle at which the leg's first segment starts, ms.
    pub from_ms: f64,
    pub first_segment: usize,
    /// Position of the leg's first segment on the roll, m.
    pub from_m: f64,
    pub segment_m: f64,
    pub web_speed_m_per_min: f64,
}

/// What the plan knows of one segment besides the segment itself.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedMetre {
    /// Flow the pump was asked for while the segment was coated (setpoint or controller
    /// output), L/min.
    pub pump_flow_l_per_min: f64,
    /// Flow it delivered (less with a worn pump), L/min.
    #[serde(default)]
    pub delivered_l_per_min: f64,
    /// The beta gauge's reading of the segment, mg/cm2.
    pub beta_mg_per_cm2: f64,
    pub bead: BeadState,
    /// Solids in the slurry pumped for this segment that never reached the web (leaked past
    /// the lips, drawn into the vacuum box), kg.
    #[serde(default)]
    pub lost_solids_kg: f64,
}

/// Where coating (re)starts on a roll.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Resume {
    /// Segments already coated, which stay as they are.
    keep: usize,
    /// Operating time into the cycle and position on the roll where the next segment starts.
    at_ms: f64,
    position_m: f64,
    /// Whether the bead forms here (start of a roll, restart after a stop).
    bead_forms: bool,
}

impl Resume {
    pub(super) const START: Resume = Resume { keep: 0, at_ms: 0.0, position_m: 0.0, bead_forms: true };
}

impl RollPlan {
    /// The plan of a new roll; `previous` is the last roll's plan, whose gauge reading and
    /// pump command carry over.
    pub(super) fn new(
        batch: SlurryBatch,
        mixer: u16,
        previous: Option<&RollPlan>,
        pump_setpoint_l_per_min: f64,
    ) -> Self {
        let tail = previous.and_then(RollPlan::last_beta);
        let carried = previous
            .filter(|p| p.pump_setpoint_l_per_min == pump_setpoint_l_per_min)
            .and_then(|p| p.metres.last().map(|m| m.pump_flow_l_per_min));
        Self {
            batch,
            mixer,
            legs: Vec::new(),
            metres: Vec::new(),
            startup_from_m: 0.0,
            tail_beta_mg_per_cm2: tail,
            pump_setpoint_l_per_min,
            carried_command_l_per_min: carried,
            end_reading: None,
        }
    }

    /// The beta gauge's reading of this roll's last metre.
    pub(super) fn last_beta(&self) -> Option<f64> {
        self.metres.last().map(|m| m.beta_mg_per_cm2)
    }

    /// Position on the roll after `done_ms` of operating time, m (not past `length_m`).
    pub fn position_at(&self, done_ms: f64, length_m: f64) -> f64 {
        let Some(leg) = self.legs.iter().rev().find(|l| l.from_ms <= done_ms).or(self.legs.first()) else {
            return 0.0;
        };
        let p = leg.from_m + (done_ms - leg.from_ms).max(0.0) / 60_000.0 * leg.web_speed_m_per_min;
        p.clamp(0.0, length_m.max(0.0))
    }

    /// Index of the segment at `position_m` on a roll of `segments` segments.
    pub fn index_at(&self, position_m: f64, segments: usize) -> usize {
        let last = segments.saturating_sub(1);
        let Some(k) = self.legs.iter().rposition(|l| l.from_m <= position_m).or(if self.legs.is_empty() {
            None
        } else {
            Some(0)
        }) else {
            return 0;
        };
        let leg = &self.legs[k];
        let steps = ((position_m - leg.from_m).max(0.0) / leg.segment_m.max(1e-9)).floor();
        let mut i = leg.first_segment.saturating_add(steps.min(MAX_SEGMENTS as f64) as usize);
        if let Some(next) = self.legs.get(k + 1) {
            i = i.min(next.first_segment.saturating_sub(1));
        }
        i.min(last)
    }

    /// Where segment `i` starts on the roll, m, and the operating time it starts at, ms.
    fn segment_start(&self, i: usize) -> (f64, f64) {
        let Some(leg) = self.legs.iter().rev().find(|l| l.first_segment <= i) else {
            return (0.0, 0.0);
        };
        let position = leg.from_m + (i - leg.first_segment) as f64 * leg.segment_m;
        (position, leg.from_ms + (position - leg.from_m) / leg.web_speed_m_per_min.max(1e-9) * 60_000.0)
    }

    /// Where a re-plan `done_ms` into the cycle starts: after the segment under the die.
    /// `None` when that is the roll's last segment (nothing is left to plan).
    pub(super) fn resume_point(&self, roll: &ElectrodeRoll, done_ms: u64, restart: bool) -> Option<Resume> {
        let n = roll.segments.len();
        let position = self.position_at(done_ms as f64, roll.length_m());
        let keep = self.index_at(position, n) + 1;
        if keep >= n {
            return None;
        }
        let (position_m, at_ms) = self.segment_start(keep);
        Some(Resume { keep, at_ms, position_m, bead_forms: restart })
    }

    /// What the gauges show `done_ms` into coating `roll`.
    pub(super) fn reading(&self, roll: &ElectrodeRoll, done_ms: u64, model: &super::CoaterModel) -> CoaterReading {
        let n = roll.segments.len();
        let position = self.position_at(done_ms as f64, roll.length_m());
        let here = self.index_at(position, n);
        let from = self.index_at((position - model.scan_length_m).max(0.0), n);
        let scanned = roll.segments.get(from..=here).unwrap_or(&[]);
        let count = scanned.len().max(1) as f64;
        let mean = scanned.iter().map(|s| s.wet_thickness_um).sum::<f64>() / count;
        let var = scanned.iter().map(|s| (s.wet_thickness_um - mean).powi(2)).sum::<f64>() / count;
        let gauge_m = position - model.beta_gauge_distance_m;
        let beta = if gauge_m >= 0.0 {
            self.metres.get(self.index_at(gauge_m, n)).map(|m| m.beta_mg_per_cm2)
        } else {
            self.tail_beta_mg_per_cm2
        };
        let metre = self.metres.get(here);
        let scanned_m: f64 = scanned.iter().map(|s| s.length_m).sum();
        let streaks = scanned.iter().filter(|s| s.has(DefectKind::Streak)).count() as f64;
        CoaterReading {
            streaks_per_100_m: 100.0 * streaks / scanned_m.max(1.0),
            wet_thickness_um: roll.segments.get(here).map_or(0.0, |s| s.wet_thickness_um),
            wet_film_cv_pct: 100.0 * var.sqrt() / mean.max(1e-9),
            roll_length_m: position,
            bead: metre.map_or(BeadState::Stable, |m| m.bead),
            beta_loading_mg_per_cm2: beta,
            pump_output_l_per_min: metre.map_or(self.pump_setpoint_l_per_min, |m| m.delivered_l_per_min),
            pump_command_l_per_min: metre.map_or(self.pump_setpoint_l_per_min, |m| m.pump_flow_l_per_min),
        }
    }
}

/// What acts on every metre of a plan besides the window: faults, where the batch was
/// mixed, the segment length.
struct FilmCauses {
    pulsation: Option<f64>,
    /// Share of the asked flow a worn pump slips back.
    slip: f64,
    clogged: bool,
    mixer: u16,
    segment_m: f64,
}

impl Coater {
    /// Plans the rest of the roll in `unit` from `resume` at the present settings and
    /// faults, and returns the report of the whole roll.
    pub(super) fn coat_rest(&mut self, unit: &mut Unit, resume: Resume, ctx: &mut CycleContext) -> CycleReport {
        let (Some(mut plan), Payload::Roll(roll)) = (self.roll.take(), &mut unit.payload) else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        roll.segments.truncate(resume.keep);
        plan.metres.truncate(resume.keep);
        plan.legs.retain(|l| l.first_segment < resume.keep);
        if resume.bead_forms {
            plan.startup_from_m = resume.position_m;
        }
        let mut causes = FilmCauses {
            pulsation: has_fault(ctx.faults, |f| matches!(f, Fault::PumpPulsation { .. })).map(|f| match f.fault {
                Fault::PumpPulsation { amplitude_frac } => amplitude_frac,
                _ => 0.0,
            }),
            slip: match has_fault(ctx.faults, |f| matches!(f, Fault::PumpWear { .. })).map(|f| &f.fault) {
                Some(Fault::PumpWear { slip_frac }) => *slip_frac,
                _ => 0.0,
            },
            clogged: has_fault(ctx.faults, |f| matches!(f, Fault::ClogDieLip)).is_some(),
            mixer: plan.mixer,
            segment_m: 1.0,
        };
        let m = self.model.clone();
        let speed = self.web_speed_m_per_min;
        let width_m = self.coated_width_m;
        let batch = plan.batch.clone();
        let solids_kg_per_m3 =
            batch.recipe.slurry_density_g_per_cm3() * 1000.0 * (1.0 - batch.air_frac) * batch.recipe.solids_frac;
        let coated_kg: f64 = roll.segments.iter().map(|s| s.solids_kg).sum::<f64>()
            + plan.metres.iter().map(|p| p.lost_solids_kg).sum::<f64>();
        let mut volume_m3 = ((batch.solids_kg() - coated_kg) / solids_kg_per_m3.max(1e-9)).max(0.0);
        // Segments of a metre; extreme settings (a micrometre-thin film makes tens of
        // kilometres) get longer ones so a roll never holds more than MAX_SEGMENTS.
        let estimate_m = volume_m3 / (width_m * self.wet_thickness_um() * 1e-6).max(1e-12);
        let free = MAX_SEGMENTS.saturating_sub(resume.keep).max(1);
        let segment_m = (estimate_m / free as f64).max(1.0);
        causes.segment_m = segment_m;
        plan.legs.push(WebLeg {
            from_ms: resume.at_ms,
            first_segment: resume.keep,
            from_m: resume.position_m,
            segment_m,
            web_speed_m_per_min: speed,
        });

        // The pump starts from the operator's setpoint, or, with the loop closed and the
        // setpoint untouched, from where the controller had taken it.
        let control = self.loading_control.clone();
        let previous_command = plan.metres.last().map(|m| m.pump_flow_l_per_min).or(plan.carried_command_l_per_min);
        let mut flow = match previous_command {
            Some(command) if control.on && plan.pump_setpoint_l_per_min == self.pump_flow_l_per_min => command,
            _ => self.pump_flow_l_per_min,
        };
        plan.pump_setpoint_l_per_min = self.pump_flow_l_per_min;
        let target = batch.recipe.target_loading_mg_per_cm2;
        let mut previous_error: Option<f64> = None;
        let delivered = |asked: f64| asked * (1.0 - causes.slip);
        let mut window = self.window_at(&batch, delivered(flow));
        let here = ctx.station;
        let mut i = resume.keep;
        while volume_m3 > 1e-12 && roll.segments.len() < MAX_SEGMENTS {
            let position_m = resume.position_m + (i - resume.keep) as f64 * segment_m;
            // The loop acts once the gauge reads metres coated after the bead settled.
            let gauge_m = position_m - m.beta_gauge_distance_m;
            if control.on && gauge_m >= plan.startup_from_m + m.startup_length_m {
                let seen = plan.index_at(gauge_m, roll.segments.len());
                if let Some(reading) = plan.metres.get(seen) {
                    let error = (target - reading.beta_mg_per_cm2) / target.max(1e-9);
                    let change = error - previous_error.unwrap_or(error);
                    let dt_min = segment_m / speed.max(1e-9);
                    let step = control.gain * (change + dt_min / control.reset_min.max(1e-3) * error);
                    flow = (flow * (1.0 + step)).clamp(PUMP_RANGE_L_PER_MIN.0, PUMP_RANGE_L_PER_MIN.1);
                    previous_error = Some(error);
                    window = self.window_at(&batch, delivered(flow));
                }
            }
            let from_bead_m = position_m - plan.startup_from_m;
            let mut seg = self.coat_segment(&batch, &window, &causes, i, from_bead_m, ctx);
            seg.web_speed_m_per_min = speed;
            // Slurry pumped per metre of web: what stays on it and what is lost.
            let kept = (1.0 - window.loss_frac).max(1e-6);
            let pumped_per_m = seg.wet_thickness_um * 1e-6 * width_m / kept;
            let full_m3 = pumped_per_m * segment_m;
            let last = roll.segments.len() + 1 >= MAX_SEGMENTS;
            let used_m3 = if full_m3 >= volume_m3 || last { volume_m3 } else { full_m3 };
            seg.length_m = used_m3 / pumped_per_m.max(1e-12);
            seg.solids_kg = used_m3 * kept * solids_kg_per_m3;
            let lost_solids_kg = used_m3 * (1.0 - kept) * solids_kg_per_m3;
            let area_cm2 = width_m * seg.length_m * 1e4;
            seg.loading_mg_per_cm2 = seg.solids_kg * 1e6 / area_cm2.max(1e-9);
            seg.porosity_frac = batch.recipe.dried_porosity_frac;
            seg.thickness_um = seg.loading_mg_per_cm2
                / (batch.recipe.solid_density_g_per_cm3 * (1.0 - seg.porosity_frac)).max(1e-9)
                * 10.0;
            let beta = seg.loading_mg_per_cm2 * (1.0 + rng::normal(ctx.rng, 0.0, m.beta_gauge_noise_frac));
            plan.metres.push(PlannedMetre {
                pump_flow_l_per_min: flow,
                delivered_l_per_min: delivered(flow),
                beta_mg_per_cm2: beta,
                bead: bead(&window, self.bead_vacuum_kpa, &m),
                lost_solids_kg,
            });
            roll.segments.push(seg);
            volume_m3 -= used_m3;
            i += 1;
        }
        roll.web_speed_m_per_min = speed;

        let length_m = roll.length_m();
        let new_m = (length_m - resume.position_m).max(0.0);
        let mut report = CycleReport {
            cycle_time_ms: libm::ceil(resume.at_ms + new_m / speed.max(1e-9) * 60_000.0).max(1.0) as u64,
            quantity: length_m,
            ..Default::default()
        };
        for (seg, metre) in roll.segments.iter().zip(&plan.metres) {
            for d in seg.defects.iter().filter(|d| d.origin == here) {
                report.add_defective(&cause_key(d.kind, &d.cause), seg.length_m);
            }
            // Slurry that left the die but not on the web: scrap removed here.
            if metre.lost_solids_kg > 0.0 {
                let cause = seg.defects.iter().find(|d| d.kind == DefectKind::BeadLeak).map_or_else(
                    || cause_key(DefectKind::BeadLeak, "flow-above-the-coating-window"),
                    |d| cause_key(d.kind, &d.cause),
                );
                let litres = metre.lost_solids_kg / solids_kg_per_m3.max(1e-9) * 1000.0;
                match report.removed.iter_mut().find(|r| r.cause == cause) {
                    Some(r) => {
                        r.quantity += litres;
                        r.solids_kg += metre.lost_solids_kg;
                    }
                    None => report.removed.push(Removal {
                        origin: here,
                        cause,
                        quantity: litres,
                        quantity_unit: "L".into(),
                        solids_kg: metre.lost_solids_kg,
                    }),
                }
            }
        }
        // Alarms: the scanning gauge's variation along the metres coated from now on (past
        // any start-up: a step between settings is not variation), and the die camera on
        // the metres now being coated.
        let steady: Vec<f64> = roll.segments[resume.keep.min(roll.segments.len())..]
            .iter()
            .filter(|s| !s.defects.iter().any(|d| d.cause == "coating-start-up"))
            .map(|s| s.wet_thickness_um)
            .collect();
        if !steady.is_empty() {
            let n = steady.len() as f64;
            let mean = steady.iter().sum::<f64>() / n;
            let var = steady.iter().map(|h| (h - mean).powi(2)).sum::<f64>() / n;
            let cv_pct = 100.0 * var.sqrt() / mean.max(1e-9);
            if cv_pct > CV_ALARM_PCT {
                report.alarms.push(ProcessAlarm::new(
                    "wet_film_variation",
                    AlarmPriority::Medium,
                    Message::new("alarm-coater-wet-film-variation").number("cv", cv_pct, 1),
                ));
            }
        }
        let now_bead = plan.metres.get(resume.keep).map_or(BeadState::Stable, |p| p.bead);
        if now_bead != BeadState::Stable {
            report.alarms.push(ProcessAlarm::new(
                "bead",
                AlarmPriority::Medium,
                Message::new("alarm-coater-bead").message("bead", now_bead.message()),
            ));
        }
        plan.end_reading = Some(plan.reading(roll, report.cycle_time_ms, &m));
        self.roll = Some(plan);
        report
    }

    /// Coats segment `i`, `from_bead_m` after the bead last formed, with `window` (the
    /// window at the pump's present flow): its wet film and defects (solids, loading and
    /// length follow from the slurry it used).
    fn coat_segment(
        &self,
        batch: &SlurryBatch,
        window: &super::CoatingWindow,
        causes: &FilmCauses,
        i: usize,
        from_bead_m: f64,
        ctx: &mut CycleContext,
    ) -> Segment {
        let m = &self.model;
        let recipe = &batch.recipe;
        let here = ctx.station;
        let mixer = causes.mixer;
        let rng = &mut *ctx.rng;
        let below_window = window.below_window();
        let leaking = window.leaking();
        let weeping = self.bead_vacuum_kpa > window.weep_limit_kpa;
        let mut factor = 1.0 + rng::normal(rng, 0.0, m.thickness_noise_frac);
        if let Some(a) = causes.pulsation {
            factor *= 1.0 + a * libm::sin(i as f64 * 2.399);
        }
        // Start-up: while the bead forms and the pump settles, the film builds up from half
        // its thickness over the first metres after the bead formed.
        let starting = from_bead_m < m.startup_length_m;
        if starting {
            factor *= 0.5 + 0.5 * from_bead_m.max(0.0) / m.startup_length_m.max(1e-9);
        }
        let mut seg = Segment { wet_thickness_um: window.coated_wet_um * factor.max(0.05), ..Default::default() };
        let per_metre = |rate: f64| 1.0 - libm::exp(-rate * causes.segment_m);
        if starting {
            seg.add_defect(DefectKind::LoadingOffTarget, here, "coating-start-up");
        }
        let shear_factor = (m.critical_wall_shear_pa / window.wall_shear_pa.max(1.0)).max(1.0);
        let streak_rate = m.streaks_per_m_per_agglomerate
            * (batch.agglomerate_level - m.agglomerate_ok_level).max(0.0)
            * shear_factor;
        if rng::chance(rng, per_metre(streak_rate)) {
            seg.add_defect(DefectKind::Streak, mixer, "agglomerates-from-mixing");
        }
        if causes.clogged && rng::chance(rng, per_metre(m.clog_streaks_per_m)) {
            seg.add_defect(DefectKind::Streak, here, "clogged-die-lip");
        }
        let pinhole_rate = m.pinholes_per_m_per_air_frac * (batch.air_frac - m.air_ok_frac).max(0.0);
        if rng::chance(rng, per_metre(pinhole_rate)) {
            seg.add_defect(DefectKind::Pinhole, mixer, "air-left-in-the-slurry");
        }
        let entrainment_rate = 0.5 * (self.web_speed_m_per_min / m.air_entrainment_speed_m_per_min - 1.0).max(0.0);
        if rng::chance(rng, per_metre(entrainment_rate)) {
            seg.add_defect(DefectKind::Pinhole, here, "air-entrained-at-high-web-speed");
        }
        if below_window {
            let skip_prob = ((window.low_flow_limit_um - window.wet_thickness_um) / window.low_flow_limit_um * 4.0)
                .clamp(0.05, 1.0);
            if rng::chance(rng, skip_prob) {
                seg.add_defect(DefectKind::Skip, here, "below-the-low-flow-limit");
            }
        }
        if leaking {
            seg.add_defect(DefectKind::BeadLeak, here, "flow-above-the-coating-window");
        } else if weeping {
            seg.add_defect(DefectKind::BeadLeak, here, "bead-vacuum-too-high");
        }
        if window.edge_excess_frac > m.edge_bead_limit_frac {
            seg.add_defect(DefectKind::EdgeBead, here, "wet-film-close-to-the-die-gap");
        }
        if causes.pulsation.is_some_and(|a| a > m.chatter_visible_frac) {
            seg.add_defect(DefectKind::ChatterBand, here, "pump-pulsation");
        }
        let loading_nominal = window.coated_wet_um
            * recipe.slurry_density_g_per_cm3()
            * (1.0 - batch.air_frac)
            * recipe.solids_frac
            * 0.1;
        let off =
            |loading: f64| (loading / recipe.target_loading_mg_per_cm2 - 1.0).abs() > recipe.loading_tolerance_frac;
        if off(loading_nominal) {
            // Off target although the flow asked for would have been on it: the pump slips.
            let asked = loading_nominal / (1.0 - causes.slip).max(1e-6);
            let cause = if causes.slip > 0.0 && !off(asked) {
                "worn-pump-slips"
            } else {
                "flow-or-speed-off-the-target-loading"
            };
            seg.add_defect(DefectKind::LoadingOffTarget, here, cause);
        }
        seg
    }
}

/// What the die camera shows at `window`.
fn bead(window: &super::CoatingWindow, vacuum_kpa: f64, m: &super::CoaterModel) -> BeadState {
    if window.leaking() {
        BeadState::Leaking
    } else if vacuum_kpa > window.weep_limit_kpa {
        BeadState::Weeping
    } else if window.below_window() {
        BeadState::BreakingUp
    } else if window.edge_excess_frac > m.edge_bead_limit_frac {
        BeadState::HeavyEdges
    } else {
        BeadState::Stable
    }
}

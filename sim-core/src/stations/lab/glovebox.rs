//! The glovebox as a station: a utility of its area, like a dry room, whose atmosphere
//! (`crate::lab::glovebox`: water and oxygen against a purifier that fills) every station
//! in the area works in. Samples handled inside take up its water.
//!
//! What shows and what is hidden: the analysers read water and oxygen (ppm); the purifier's
//! load is not measured. A torn glove lets room air in, so oxygen rises with the water
//! (about sixteen times as much oxygen as water in room air); a saturated purifier lets
//! water through while the copper catalyst still holds the oxygen down. Maintenance replaces
//! gloves and seals and regenerates the purifier: hours during which it removes nothing.
//!
//! The box's controller polls its analysers every six minutes of plant time
//! ([`StationModel::wake_at_ms`]): the atmosphere is advanced exactly from poll to poll
//! (each step solved in closed form with that step's purifier efficiency) and its alarms
//! follow the readings. Sulfide work has its own alarm: H2S from a hydrolysing pellet is
//! raised by the station that handles it.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::{Fault, FaultKind};
use crate::input::{FieldPath, Issues};
use crate::lab::glovebox::{Atmosphere, GloveboxSpec, Ingress};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, Replan, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::unit::Unit;

/// How often the controller polls its analysers, ms of plant time.
pub const POLL_MS: u64 = 360_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glovebox {
    pub spec: GloveboxSpec,
    /// Antechamber cycles an hour (material in and out).
    pub antechamber_cycles_per_h: f64,
    /// The purifier's load at the start, share of its capacity.
    #[serde(default)]
    pub purifier_load_frac: f64,
    /// Alarm limits, ppm.
    pub h2o_alarm_ppm: f64,
    pub o2_alarm_ppm: f64,
    /// The atmosphere at the last poll or change, and the ingress since.
    #[serde(default)]
    pub anchor: Option<Anchor>,
    /// What the analysers read now: water, oxygen, ppm.
    #[serde(default)]
    pub reading: Option<(f64, f64)>,
}

/// The atmosphere at a moment and what comes in from then on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    pub at_ms: u64,
    pub atmosphere: Atmosphere,
    pub leak_air_l_per_h: f64,
}

impl Glovebox {
    /// The atmosphere at the start: settled on permeation with the starting load.
    fn initial(&self) -> Atmosphere {
        let s = &self.spec;
        let frac = self.purifier_load_frac.clamp(0.0, 1.0);
        let mut atmosphere = Atmosphere {
            h2o_loaded_l: frac * s.h2o_capacity_l,
            o2_loaded_l: frac * s.o2_capacity_l,
            ..Default::default()
        };
        // Settle for a day on the starting ingress (at most a few ppm), then forget the
        // exposure that took.
        s.advance(&mut atmosphere, self.ingress(0.0), 24.0);
        atmosphere.h2o_loaded_l = frac * s.h2o_capacity_l;
        atmosphere.o2_loaded_l = frac * s.o2_capacity_l;
        atmosphere.h2o_exposure_ppm_h = 0.0;
        atmosphere.o2_exposure_ppm_h = 0.0;
        atmosphere
    }

    fn ingress(&self, leak_air_l_per_h: f64) -> Ingress {
        Ingress { leak_air_l_per_h, antechamber_cycles_per_h: self.antechamber_cycles_per_h }
    }

    fn anchor_or_initial(&self) -> Anchor {
        self.anchor.clone().unwrap_or_else(|| Anchor { at_ms: 0, atmosphere: self.initial(), leak_air_l_per_h: 0.0 })
    }

    /// The atmosphere at plant time `now_ms` (at most one poll after the anchor, so one
    /// closed-form step).
    pub fn atmosphere_at(&self, now_ms: u64) -> Atmosphere {
        let anchor = self.anchor_or_initial();
        let mut atmosphere = anchor.atmosphere.clone();
        let hours = now_ms.saturating_sub(anchor.at_ms) as f64 / 3.6e6;
        self.spec.advance(&mut atmosphere, self.ingress(anchor.leak_air_l_per_h), hours);
        atmosphere
    }

    fn alarms(&self, atmosphere: &Atmosphere) -> Vec<ProcessAlarm> {
        let mut alarms = Vec::new();
        if atmosphere.h2o_ppm > self.h2o_alarm_ppm {
            alarms.push(ProcessAlarm::new(
                "h2o_high",
                AlarmPriority::High,
                Message::new("alarm-glovebox-h2o").number("limit", self.h2o_alarm_ppm, 1),
            ));
        }
        if atmosphere.o2_ppm > self.o2_alarm_ppm {
            alarms.push(ProcessAlarm::new(
                "o2_high",
                AlarmPriority::Medium,
                Message::new("alarm-glovebox-o2").number("limit", self.o2_alarm_ppm, 1),
            ));
        }
        if atmosphere.regenerating_h.is_some() {
            alarms.push(ProcessAlarm::new(
                "regenerating",
                AlarmPriority::Low,
                Message::new("alarm-glovebox-regenerating"),
            ));
        }
        alarms
    }
}

impl StationModel for Glovebox {
    const LABEL: &'static str = "glovebox";
    const UTILITY: bool = true;
    const CONTINUOUS: bool = true;
    const CONTROLS: &'static [ControlDef<Self>] = &[ControlDef::new(
        "antechamber_cycles_per_h",
        "Antechamber cycles",
        "1/h",
        (0.0, 12.0, 0.5),
        |s, _| s.antechamber_cycles_per_h,
        |s, _, v| s.antechamber_cycles_per_h = v,
    )];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("h2o_ppm", "Water", "ppm", |s, _| s.reading.map(|r| r.0)),
        ReadoutDef::number("o2_ppm", "Oxygen", "ppm", |s, _| s.reading.map(|r| r.1)),
        ReadoutDef::number("regeneration_left_h", "Purifier regeneration left", "h", |s, _| {
            s.anchor.as_ref().and_then(|a| a.atmosphere.regenerating_h)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        let s = &self.spec;
        let spec = path.clone().field("spec");
        check_range(issues, &spec, "volume_m3", s.volume_m3, 0.1, 20.0, "m3");
        check_range(issues, &spec, "circulation_m3_per_h", s.circulation_m3_per_h, 1.0, 500.0, "m3/h");
        check_range(issues, &spec, "removal_efficiency", s.removal_efficiency, 0.1, 1.0, "");
        check_range(issues, &spec, "h2o_capacity_l", s.h2o_capacity_l, 0.1, 10_000.0, "L");
        check_range(issues, &spec, "o2_capacity_l", s.o2_capacity_l, 0.1, 10_000.0, "L");
        check_range(issues, &spec, "permeation_h2o_ml_per_h", s.permeation_h2o_ml_per_h, 0.0, 1000.0, "mL/h");
        check_range(issues, &spec, "permeation_o2_ml_per_h", s.permeation_o2_ml_per_h, 0.0, 1000.0, "mL/h");
        check_range(issues, &spec, "antechamber_residual_air_ml", s.antechamber_residual_air_ml, 0.0, 10_000.0, "mL");
        check_range(issues, &spec, "regeneration_h", s.regeneration_h, 0.5, 48.0, "h");
        check_range(issues, path, "antechamber_cycles_per_h", self.antechamber_cycles_per_h, 0.0, 12.0, "1/h");
        check_range(issues, path, "purifier_load_frac", self.purifier_load_frac, 0.0, 1.0, "");
        check_range(issues, path, "h2o_alarm_ppm", self.h2o_alarm_ppm, 0.1, 1000.0, "ppm");
        check_range(issues, path, "o2_alarm_ppm", self.o2_alarm_ppm, 0.1, 1000.0, "ppm");
    }

    fn takes_input(&self) -> bool {
        false
    }

    fn start_cycle(&mut self, _unit: &mut Unit, _ctx: &mut CycleContext) -> CycleReport {
        // A utility never cycles (the line does not load it).
        CycleReport { cycle_time_ms: 1, ..Default::default() }
    }

    fn replan(
        &mut self,
        _unit: Option<&mut Unit>,
        _done_ms: u64,
        _why: Replan,
        ctx: &mut CycleContext,
    ) -> Option<CycleReport> {
        let now = ctx.now_ms;
        let mut atmosphere = self.atmosphere_at(now);
        let leak = match has_fault(ctx.faults, |f| matches!(f, Fault::GloveLeak { .. })).map(|f| &f.fault) {
            Some(Fault::GloveLeak { air_l_per_h }) => *air_l_per_h,
            _ => 0.0,
        };
        if has_fault(ctx.faults, |f| matches!(f, Fault::PurifierSaturated)).is_some() {
            atmosphere.h2o_loaded_l = self.spec.h2o_capacity_l;
        }
        let alarms = self.alarms(&atmosphere);
        self.reading = Some((atmosphere.h2o_ppm, atmosphere.o2_ppm));
        self.anchor = Some(Anchor { at_ms: now, atmosphere, leak_air_l_per_h: leak });
        Some(CycleReport { alarms, ..Default::default() })
    }

    fn wake_at_ms(&self) -> Option<u64> {
        Some(self.anchor.as_ref().map_or(0, |a| a.at_ms).saturating_add(POLL_MS))
    }

    fn observe(&mut self, _unit: Option<&Unit>, now_ms: u64, _done_ms: u64) {
        let atmosphere = self.atmosphere_at(now_ms);
        self.reading = Some((atmosphere.h2o_ppm, atmosphere.o2_ppm));
    }

    fn room_ppmv(&self, now_ms: u64) -> Option<f64> {
        Some(self.atmosphere_at(now_ms).h2o_ppm)
    }

    fn maintained(&mut self) {
        // Gloves and seals replaced (the line clears the faults); the purifier regenerated.
        let mut anchor = self.anchor_or_initial();
        self.spec.regenerate(&mut anchor.atmosphere);
        self.anchor = Some(anchor);
    }

    fn shows(&self, fault: FaultKind) -> bool {
        fault == FaultKind::PurifierSaturated
            && self.anchor.as_ref().is_some_and(|a| a.atmosphere.h2o_loaded_l >= 0.9 * self.spec.h2o_capacity_l)
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::GloveLeak { .. } | Fault::PurifierSaturated => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

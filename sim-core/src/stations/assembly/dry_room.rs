//! The dry room: the assembly area's air, kept dry by a desiccant dehumidifier.
//!
//! Relations (reference section 7):
//! - dew point and moisture: `ppmv = e_ice(T_d) / P`, Magnus over ice
//!   `e = 611.2 exp(22.46 T_d / (272.62 + T_d))` Pa;
//! - a well-mixed moisture balance: the supply air (at the dehumidifier's dew point) replaces
//!   the room air `n` times an hour while people and an open door add water:
//!   `dC/dt = n (C_supply - C) + G / V`, so `C` approaches `C_ss = C_supply + G / (n V)` with
//!   the time constant `1/n` (a few minutes at 20-50 air changes per hour). `G` counts people
//!   (about 60 g/h of water each), the water the product and packaging bring in, door
//!   openings and, with the door left open, outside air flowing in ([D] flows). With the desiccant wheel stopped the supply is undried make-up
//!   air.
//!
//! A utility of its area: stations with the same `area` stand in this room, and every unit
//! they work on takes up its moisture (ppmv h), which grows lithium passivation and the
//! electrolyte's water content (`crate::cell`). The dew point alarm follows the room's
//! limit. Simplification: the alarm is raised when a fault starts, the dew point reaching the
//! limit minutes later.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, Replan, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::unit::Unit;

/// Atmospheric pressure, Pa.
const ATMOSPHERE_PA: f64 = 101_325.0;
/// Water vapour a person gives off, g/h.
const PERSON_WATER_G_PER_H: f64 = 60.0;
/// Water density of 1 ppmv of vapour at room conditions, g/m3 (18 g/mol / 24.4 L/mol * 1e-6).
const G_PER_M3_PER_PPMV: f64 = 18.0 / 24.4 * 1e-3;

/// Moisture of air at dew (frost) point `t_d_degc`, ppmv (Magnus over ice).
pub fn ppmv_at_dew_point(t_d_degc: f64) -> f64 {
    let e_pa = 611.2 * libm::exp(22.46 * t_d_degc / (272.62 + t_d_degc));
    e_pa / ATMOSPHERE_PA * 1e6
}

/// Dew (frost) point of air holding `ppmv` of water, degC (the inverse of
/// [`ppmv_at_dew_point`]).
pub fn dew_point_at_ppmv(ppmv: f64) -> f64 {
    let ln = libm::log((ppmv.max(1e-6) * 1e-6 * ATMOSPHERE_PA) / 611.2);
    272.62 * ln / (22.46 - ln)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DryRoom {
    pub volume_m3: f64,
    pub air_changes_per_h: f64,
    /// Dew point of the air the dehumidifier supplies, degC.
    pub supply_dew_point_degc: f64,
    /// People working in the room.
    pub people: f64,
    /// Door openings per hour (airlock), each letting in `door_opening_m3` of outside air.
    pub door_openings_per_h: f64,
    /// Dew point above which the room alarms, degC.
    pub alarm_dew_point_degc: f64,
    #[serde(default)]
    pub model: DryRoomModel,
    /// The room's moisture on its way to its steady value (none: settled at the start).
    #[serde(default)]
    pub moisture: Option<Approach>,
    /// Dew point and moisture now, as the room's hygrometer reads them.
    #[serde(default)]
    pub reading: Option<(f64, f64)>,
    /// Dew point of the air the dehumidifier delivers now (its outlet sensor), degC.
    #[serde(default)]
    pub supply_reading: Option<f64>,
    /// Moisture of the supply air while its faults last, ppmv (none: dried as set).
    #[serde(default)]
    pub supply_now_ppmv: Option<f64>,
}

/// Model constants of the dry room ([D]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DryRoomModel {
    /// Moisture of the outside air, ppmv (about 60 % RH at 20 degC).
    pub outside_ppmv: f64,
    /// Outside air let in per door opening, m3.
    pub door_opening_m3: f64,
    /// Outside air flowing in through a door left open, m3/h.
    pub open_door_m3_per_h: f64,
    /// Share of the supply that is make-up air, undried with the desiccant wheel stopped.
    pub make_up_frac: f64,
    /// Water the product, trays and packaging bring into the room, g/h.
    pub product_water_g_per_h: f64,
}

impl Default for DryRoomModel {
    fn default() -> Self {
        Self {
            outside_ppmv: 14_000.0,
            door_opening_m3: 2.0,
            open_door_m3_per_h: 600.0,
            make_up_frac: 0.1,
            product_water_g_per_h: 5.0,
        }
    }
}

/// Moisture approaching `target_ppmv` from `from_ppmv` since `since_ms`, with rate `per_h`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approach {
    pub from_ppmv: f64,
    pub since_ms: u64,
    pub target_ppmv: f64,
    pub per_h: f64,
}

impl DryRoom {
    /// Moisture of the air the dehumidifier supplies with `faults`, ppmv.
    pub fn supply_ppmv(&self, faults: &[crate::faults::ActiveFault]) -> f64 {
        let m = &self.model;
        let wheel_stopped = has_fault(faults, |f| matches!(f, Fault::DesiccantWheelStop)).is_some();
        let dried = ppmv_at_dew_point(self.supply_dew_point_degc);
        if wheel_stopped { dried + m.make_up_frac * (m.outside_ppmv - dried) } else { dried }
    }

    /// The steady moisture the room heads for with `faults`, ppmv.
    pub fn steady_ppmv(&self, faults: &[crate::faults::ActiveFault]) -> f64 {
        let m = &self.model;
        let door_open = has_fault(faults, |f| matches!(f, Fault::DoorLeftOpen)).is_some();
        let supply = self.supply_ppmv(faults);
        let airflow_m3_per_h = (self.air_changes_per_h * self.volume_m3).max(1e-6);
        let mut outside_m3_per_h = self.door_openings_per_h * m.door_opening_m3;
        if door_open {
            outside_m3_per_h += m.open_door_m3_per_h;
        }
        let people_ppmv_m3_per_h = (self.people * PERSON_WATER_G_PER_H + m.product_water_g_per_h) / G_PER_M3_PER_PPMV;
        let gain_ppmv_m3_per_h = people_ppmv_m3_per_h + outside_m3_per_h * (m.outside_ppmv - supply);
        supply + gain_ppmv_m3_per_h / airflow_m3_per_h
    }

    /// Moisture in the room at plant time `t_ms`, ppmv.
    pub fn ppmv_at(&self, t_ms: u64) -> f64 {
        match &self.moisture {
            None => self.steady_ppmv(&[]),
            Some(a) => {
                let hours = t_ms.saturating_sub(a.since_ms) as f64 / 3.6e6;
                a.target_ppmv + (a.from_ppmv - a.target_ppmv) * libm::exp(-a.per_h * hours)
            }
        }
    }

    fn alarms(&self, target_ppmv: f64) -> Vec<ProcessAlarm> {
        let dew = dew_point_at_ppmv(target_ppmv);
        if dew > self.alarm_dew_point_degc {
            vec![ProcessAlarm::new(
                "dew_point",
                AlarmPriority::High,
                Message::new("alarm-dry-room-dew-point").number("limit", self.alarm_dew_point_degc, 0),
            )]
        } else {
            Vec::new()
        }
    }
}

impl StationModel for DryRoom {
    const LABEL: &'static str = "dry room";
    const UTILITY: bool = true;
    const CONTINUOUS: bool = true;
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "supply_dew_point_degc",
            "Dehumidifier supply dew point",
            "degC",
            (-80.0, -20.0, 1.0),
            |s, _| s.supply_dew_point_degc,
            |s, _, v| s.supply_dew_point_degc = v,
        ),
        ControlDef::new("people", "People in the room", "", (0.0, 20.0, 1.0), |s, _| s.people, |s, _, v| s.people = v),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("dew_point_degc", "Dew point", "degC", |s, _| s.reading.map(|r| r.0)),
        ReadoutDef::number("moisture_ppmv", "Moisture", "ppmv", |s, _| s.reading.map(|r| r.1)),
        ReadoutDef::number("supply_dew_point_measured_degc", "Dehumidifier outlet dew point", "degC", |s, _| {
            s.supply_reading
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "volume_m3", self.volume_m3, 10.0, 100_000.0, "m3");
        check_range(issues, path, "air_changes_per_h", self.air_changes_per_h, 1.0, 200.0, "1/h");
        check_range(issues, path, "supply_dew_point_degc", self.supply_dew_point_degc, -80.0, -20.0, "degC");
        check_range(issues, path, "people", self.people, 0.0, 100.0, "");
        check_range(issues, path, "door_openings_per_h", self.door_openings_per_h, 0.0, 120.0, "1/h");
        check_range(issues, path, "alarm_dew_point_degc", self.alarm_dew_point_degc, -80.0, 0.0, "degC");
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
        let from = self.ppmv_at(now);
        let target = self.steady_ppmv(ctx.faults);
        self.moisture =
            Some(Approach { from_ppmv: from, since_ms: now, target_ppmv: target, per_h: self.air_changes_per_h });
        Some(CycleReport { alarms: self.alarms(target), ..Default::default() })
    }

    fn observe(&mut self, _unit: Option<&Unit>, now_ms: u64, _done_ms: u64) {
        let ppmv = self.ppmv_at(now_ms);
        self.reading = Some((dew_point_at_ppmv(ppmv), ppmv));
        let supply = self.supply_now_ppmv.unwrap_or_else(|| ppmv_at_dew_point(self.supply_dew_point_degc));
        self.supply_reading = Some(dew_point_at_ppmv(supply));
    }

    fn room_ppmv(&self, now_ms: u64) -> Option<f64> {
        Some(self.ppmv_at(now_ms))
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::DoorLeftOpen | Fault::DesiccantWheelStop => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

//! Formation racks: the first charge and discharge of a sealed cell, which forms the
//! interphases and fixes its capacity.
//!
//! Relations (reference section 9; [D] constants):
//! - the protocol: charge at the set C-rate to 4.2 V (the first charge also fills the
//!   cathode's irreversible share), a CV hold, a rest, a 0.2C discharge that measures the
//!   capacity, a 0.2C recharge to the storage state of charge; its length sets the rack time;
//! - lithium plates mossy or dendritic when the charge current density `j = C x Q_areal`
//!   passes the lithium interface's critical current density,
//!   `j_crit = j_ref exp(-E/R (1/T - 1/T_ref))`, lower where the stack lost contact (x 0.5) or where the anode does not
//!   overhang the cathode (x 0.6, the current crowds at the edge); a cell-to-cell spread of
//!   10 %. Plated lithium is partly lost (4 % of capacity per unit of overload) and leaves a
//!   soft short;
//! - the interphases consume lithium growing as the square root of time, faster when warm:
//!   `loss = l_ref sqrt(t / 20 h) exp(-E_sei/R (1/T - 1/T_ref))`, with a 15 % spread from
//!   cell to cell (the spread of the capacities the tester grades);
//! - first-cycle efficiency `CE1 = Q_discharge / Q_charge` (85-92 % for NMC811 cells);
//! - gas from solvent left in the electrolyte and water taken up in the dry room, more when
//!   warm; a pouch holds `gas_limit_ml` before it swells out of shape.

use serde::{Deserialize, Serialize};

use super::areal_capacity_mah_per_cm2;
use crate::alarms::AlarmPriority;
use crate::cell::{CellDefectKind, Formation, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::electrochem::arrhenius;
use crate::electrochem::ecm::EcmCell;
use crate::electrochem::protocol::{Action, Limit, Rate, Step};
use crate::electrochem::run::{RunOptions, run};
use crate::input::{FieldPath, Issues};
use crate::rng;
use crate::stations::{ChannelTrace, CycleContext, CycleReport, ProcessAlarm, StationModel, check_range};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationRack {
    /// Channels (cells formed at once).
    pub channels: u32,
    /// First-charge C-rate.
    pub charge_c_rate: f64,
    /// Temperature of the formation room, degC.
    pub temp_degc: f64,
    /// CV hold at 4.2 V after the first charge, h.
    pub cv_hold_h: f64,
    /// Share of the channels in service (racks out for calibration or repair are not), %.
    #[serde(default = "all_channels")]
    pub in_service_pct: f64,
    #[serde(default)]
    pub model: FormationModel,
    #[serde(default)]
    pub last: Option<Formation>,
    /// When the last cell went onto a channel, and the mean time between cells (a moving
    /// mean over about fifty cells), for the channels in use.
    #[serde(default)]
    pub last_start_ms: Option<u64>,
    #[serde(default)]
    pub interval_s: Option<f64>,
    /// Cells formed, for the channel numbers.
    #[serde(default)]
    pub formed: u64,
    /// The channel screens of the most recent monitored cells.
    #[serde(default)]
    pub screens: Vec<ChannelTrace>,
    /// The protocol as last run on a monitored channel.
    #[serde(default)]
    pub schedule: Option<Schedule>,
}

/// Every this many cells, one is formed on a monitored channel.
pub const MONITOR_EVERY: u64 = 10;

/// The rack's schedule: the settings the protocol last ran with on a monitored channel
/// (first-charge rate, CV hold, room temperature) and the time it took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub settings: [f64; 3],
    pub duration_h: f64,
}

fn all_channels() -> f64 {
    100.0
}

/// The rack's model constants ([D]: plausible for a lithium-metal cell with a gelled
/// nanocomposite electrolyte).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FormationModel {
    /// Critical current density of plating at 25 degC, mA/cm2.
    pub critical_ma_per_cm2: f64,
    pub critical_activation_j_per_mol: f64,
    /// The cathode's first-cycle irreversible share.
    pub irreversible_frac: f64,
    /// Interphase loss after 20 h at 25 degC.
    pub interphase_frac: f64,
    pub interphase_activation_j_per_mol: f64,
    /// Capacity lost per unit of plating overload (`j / j_crit - 1`).
    pub plating_loss_per_overload: f64,
    pub rest_h: f64,
    /// C-rate of the measuring discharge and of the recharge to storage.
    pub discharge_c_rate: f64,
    pub storage_soc: f64,
    pub gas_base_ml: f64,
    pub gas_ml_per_solvent_ppm: f64,
    pub gas_ml_per_ppmv_h: f64,
    pub gas_limit_ml: f64,
    /// First-cycle efficiency below which the rack alarms.
    pub efficiency_alarm: f64,
}

impl Default for FormationModel {
    fn default() -> Self {
        Self {
            critical_ma_per_cm2: 3.0,
            critical_activation_j_per_mol: 40_000.0,
            irreversible_frac: 0.09,
            interphase_frac: 0.02,
            interphase_activation_j_per_mol: 30_000.0,
            plating_loss_per_overload: 0.04,
            rest_h: 2.0,
            discharge_c_rate: 0.2,
            storage_soc: 0.5,
            gas_base_ml: 0.5,
            gas_ml_per_solvent_ppm: 0.002,
            gas_ml_per_ppmv_h: 0.004,
            gas_limit_ml: 6.0,
            efficiency_alarm: 0.85,
        }
    }
}

impl FormationRack {
    /// Hours one cell spends on its channel: the protocol as last run on a monitored
    /// channel, or the estimate of [`Self::rack_time_estimate_h`] before the first.
    pub fn rack_time_h(&self) -> f64 {
        self.schedule.as_ref().map_or_else(|| self.rack_time_estimate_h(), |s| s.duration_h)
    }

    /// Hours one cell would spend on its channel with the present settings (each step at
    /// its rate for its share of the capacity).
    pub fn rack_time_estimate_h(&self) -> f64 {
        let m = &self.model;
        (1.0 + m.irreversible_frac) / self.charge_c_rate.max(1e-3)
            + self.cv_hold_h
            + m.rest_h
            + (1.0 + m.storage_soc) / m.discharge_c_rate.max(1e-3)
    }

    /// Channels in service.
    pub fn channels_in_service(&self) -> f64 {
        (self.channels as f64 * self.in_service_pct / 100.0).round().max(1.0)
    }

    /// Cells the racks in service finish per hour.
    pub fn capacity_cells_per_h(&self) -> f64 {
        self.channels_in_service() / self.rack_time_h()
    }

    /// Channels holding a cell: the rate cells come at times the rack time (Little's law),
    /// at most all of them.
    pub fn channels_in_use(&self) -> Option<f64> {
        let interval = self.interval_s?;
        Some((self.rack_time_h() * 3600.0 / interval.max(1e-3)).min(self.channels_in_service()))
    }
}

impl StationModel for FormationRack {
    const LABEL: &'static str = "formation racks";
    const INPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "charge_c_rate",
            "First-charge rate",
            "C",
            (0.05, 1.0, 0.05),
            |s, _| s.charge_c_rate,
            |s, _, v| s.charge_c_rate = v,
        ),
        ControlDef::new(
            "temp_degc",
            "Formation room temperature",
            "degC",
            (10.0, 60.0, 1.0),
            |s, _| s.temp_degc,
            |s, _, v| s.temp_degc = v,
        ),
        ControlDef::new(
            "in_service_pct",
            "Channels in service",
            "%",
            (10.0, 100.0, 5.0),
            |s, _| s.in_service_pct,
            |s, _, v| s.in_service_pct = v,
        ),
        ControlDef::new(
            "cv_hold_h",
            "CV hold at 4.2 V",
            "h",
            (0.0, 4.0, 0.5),
            |s, _| s.cv_hold_h,
            |s, _, v| s.cv_hold_h = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("rack_time_h", "Time on a channel", "h", |s, _| Some(s.rack_time_h())),
        ReadoutDef::number("capacity_cells_per_h", "Rack capacity", "cells/h", |s, _| Some(s.capacity_cells_per_h())),
        ReadoutDef::number("channels_in_use", "Channels in use", "count", |s, _| s.channels_in_use()),
        ReadoutDef::number("current_density_ma_per_cm2", "First-charge current density", "mA/cm2", |s, _| {
            s.last.as_ref().map(|l| l.current_density_ma_per_cm2)
        }),
        ReadoutDef::number("efficiency_pct", "First-cycle efficiency (last cell)", "%", |s, _| {
            s.last.as_ref().map(|l| 100.0 * l.efficiency)
        }),
        ReadoutDef::number("capacity_ah", "Formation capacity (last cell)", "Ah", |s, _| {
            s.last.as_ref().map(|l| l.capacity_ah)
        }),
        ReadoutDef::number("gas_ml", "Pouch gas (last cell)", "mL", |s, _| s.last.as_ref().map(|l| l.gas_ml)),
    ];

    fn channel_traces(&self) -> &[ChannelTrace] {
        &self.screens
    }

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(1..=1_000_000).contains(&self.channels) {
            issues.push(path.clone().field("channels"), "a formation hall has 1 to 1000000 channels");
        }
        check_range(issues, path, "charge_c_rate", self.charge_c_rate, 0.01, 5.0, "C");
        check_range(issues, path, "temp_degc", self.temp_degc, 0.0, 80.0, "degC");
        check_range(issues, path, "cv_hold_h", self.cv_hold_h, 0.0, 48.0, "h");
        check_range(issues, path, "in_service_pct", self.in_service_pct, 1.0, 100.0, "%");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Cell(cell) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        if let Some(last) = self.last_start_ms {
            let gap_s = ctx.now_ms.saturating_sub(last) as f64 / 1000.0;
            self.interval_s = Some(self.interval_s.map_or(gap_s, |mean| mean + 0.02 * (gap_s - mean)));
        }
        self.last_start_ms = Some(ctx.now_ms);
        let m = self.model.clone();
        let t_k = self.temp_degc + 273.15;
        let rack_time_h = self.rack_time_estimate_h();
        let mut report = CycleReport { quantity: 1.0, ..Default::default() };
        // Plating: the first charge's current density against the critical one.
        let j = self.charge_c_rate * areal_capacity_mah_per_cm2(cell);
        let spread = libm::exp(rng::normal(ctx.rng, 0.0, 0.1));
        let bulk_critical = m.critical_ma_per_cm2 * arrhenius(m.critical_activation_j_per_mol, t_k) * spread;
        let lowered_by = [(CellDefectKind::ContactLoss, 0.5), (CellDefectKind::EdgePlatingRisk, 0.6)]
            .into_iter()
            .filter_map(|(kind, factor)| cell.defects.iter().find(|d| d.kind == kind).map(|d| (d.clone(), factor)))
            .collect::<Vec<_>>();
        let critical = bulk_critical * lowered_by.iter().map(|(_, f)| f).product::<f64>();
        let overload = (j / critical - 1.0).max(0.0);
        if overload > 0.0 {
            let (origin, cause) = if j > bulk_critical {
                let cause = if self.temp_degc < 20.0 {
                    "formation-too-cold-for-its-current"
                } else {
                    "formation-current-above-critical"
                };
                (here, cause.to_string())
            } else {
                let (defect, _) = &lowered_by[0];
                (defect.origin, defect.cause.clone())
            };
            cell.add_defect(CellDefectKind::LithiumPlating, origin, &cause);
            report.add_defective(&cause_key(CellDefectKind::LithiumPlating, &cause), 1.0);
        }
        let plated_frac = (m.plating_loss_per_overload * overload).min(0.3);
        // The interphase grows a little differently in every cell (15 % spread).
        let interphase = m.interphase_frac
            * libm::sqrt(rack_time_h / 20.0)
            * arrhenius(m.interphase_activation_j_per_mol, t_k)
            * libm::exp(rng::normal(ctx.rng, 0.0, 0.15));
        let first_charge_ah = cell.capacity_ah * (1.0 + m.irreversible_frac);
        let capacity_ah = cell.capacity_ah * (1.0 - interphase - plated_frac).max(0.0);
        // Gas: solvent left in the gel and water taken up, more when warm.
        let warm = arrhenius(20_000.0, t_k);
        let from_solvent = m.gas_ml_per_solvent_ppm * cell.electrolyte.residual_solvent_ppm;
        let from_water = m.gas_ml_per_ppmv_h * cell.moisture_exposure_ppmv_h;
        let gas_ml = (m.gas_base_ml + from_solvent + from_water) * warm;
        if gas_ml > m.gas_limit_ml {
            // The larger source is the cause; its station is where the cell took it up.
            let (cause, origin) = if from_solvent > from_water {
                ("solvent-left-in-the-electrolyte", passport_station(cell, "cure_min").unwrap_or(here))
            } else {
                (
                    "water-taken-up-in-the-dry-room",
                    cell.passport.iter().find(|p| p.room_ppmv.is_some()).map_or(here, |p| p.station),
                )
            };
            cell.add_defect(CellDefectKind::Gassing, origin, cause);
            report.add_defective(&cause_key(CellDefectKind::Gassing, cause), 1.0);
            report.alarms.push(ProcessAlarm::new(
                "gas",
                AlarmPriority::Medium,
                Message::new("alarm-formation-gas").number("ml", gas_ml, 1),
            ));
        }
        // Every tenth cell, and the first after a change of settings, is on a monitored
        // channel: the protocol runs on its circuit, from as assembled (the first charge also
        // fills the irreversible share) to the storage charge. Its screen shows the run, and
        // its time on the channel is the rack's schedule until the next.
        cell.circuit = Some(super::circuit_scale(cell));
        let settings = [self.charge_c_rate, self.cv_hold_h, self.temp_degc];
        self.formed += 1;
        let due = self.schedule.as_ref().is_none_or(|s| s.settings != settings)
            || (self.formed - 1).is_multiple_of(MONITOR_EVERY);
        if due {
            let mut circuit = (*super::cell_ecm(cell)).clone();
            circuit.capacity_ah = capacity_ah.max(1e-6);
            let mut channel = EcmCell::new(circuit, 1.0 - first_charge_ah / capacity_ah.max(1e-6));
            // At formation rates the cell hardly warms: the room's temperature holds.
            let options = RunOptions {
                ambient_k: t_k,
                max_dt_s: 600.0,
                dt_at_1c_s: 60.0,
                first_dt_s: 10.0,
                crossing_tolerance_s: 1.0,
                isothermal: true,
                ..RunOptions::default()
            };
            let result = run(&mut channel, &self.protocol(), &options);
            let duration_h = result.steps.iter().map(|s| s.duration_s).sum::<f64>() / 3600.0;
            self.schedule = Some(Schedule { settings, duration_h });
            let trace = ChannelTrace {
                channel: ((self.formed - 1) % self.channels_in_service() as u64) as u32 + 1,
                unit: unit.id,
                points: super::screen_points(&result),
            };
            super::keep_screen(&mut self.screens, trace);
        }
        let duration_h = self.schedule.as_ref().map_or(rack_time_h, |s| s.duration_h);
        report.cycle_time_ms = secs_to_ms(duration_h * 3600.0 / self.channels_in_service());
        let efficiency = capacity_ah / first_charge_ah.max(1e-9);
        if efficiency < m.efficiency_alarm {
            report.alarms.push(ProcessAlarm::new(
                "efficiency",
                AlarmPriority::Low,
                Message::new("alarm-formation-efficiency").number("pct", 100.0 * efficiency, 1),
            ));
        }
        let formation = Formation {
            c_rate: self.charge_c_rate,
            temp_degc: self.temp_degc,
            duration_h,
            current_density_ma_per_cm2: j,
            critical_ma_per_cm2: critical,
            first_charge_ah,
            capacity_ah,
            efficiency,
            plated_frac,
            gas_ml,
        };
        self.last = Some(formation.clone());
        cell.formation = Some(formation);
        report
    }
}

impl FormationRack {
    /// The formation protocol with the present settings (as the experiment grammar would
    /// write it).
    pub fn protocol(&self) -> Vec<Step> {
        let m = &self.model;
        let step = |text: String, action: Action, duration_h: Option<f64>, until: Option<Limit>| Step {
            text,
            action,
            duration_s: duration_h.map(|h| h * 3600.0),
            until,
        };
        let (c, d) = (self.charge_c_rate, m.discharge_c_rate);
        let mut steps = vec![step(
            format!("Charge at {c}C until 4.2 V"),
            Action::Charge(Rate::C(c)),
            None,
            Some(Limit::Voltage(4.2)),
        )];
        if self.cv_hold_h > 0.0 {
            let h = self.cv_hold_h;
            steps.push(step(format!("Hold at 4.2 V for {h} hours"), Action::Hold(4.2), Some(h), None));
        }
        if m.rest_h > 0.0 {
            steps.push(step(format!("Rest for {} hours", m.rest_h), Action::Rest, Some(m.rest_h), None));
        }
        steps.push(step(
            format!("Discharge at {d}C until 3.0 V"),
            Action::Discharge(Rate::C(d)),
            None,
            Some(Limit::Voltage(3.0)),
        ));
        let storage_h = m.storage_soc / d.max(1e-3);
        steps.push(step(
            format!("Charge at {d}C for {storage_h} hours"),
            Action::Charge(Rate::C(d)),
            Some(storage_h),
            None,
        ));
        steps
    }
}

/// The station a cell's passport records with a setting named `setting` (the curing oven's
/// `cure_min`).
fn passport_station(cell: &crate::cell::Cell, setting: &str) -> Option<u16> {
    cell.passport.iter().find(|p| p.settings.iter().any(|(name, _)| name == setting)).map(|p| p.station)
}

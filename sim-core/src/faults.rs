//! Equipment faults (malfunctions) an instructor can inject and a trainee must find and fix.
//!
//! A fault stays active until the station gets maintenance (`Command::StartMaintenance`),
//! which clears every fault of the station; breakdowns (MTBF/MTTR) are separate and handled
//! by the line-flow model.

use serde::{Deserialize, Serialize};

use crate::text::Message;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Fault {
    /// The coater's slurry pump pulsates: the flow varies by this fraction, making
    /// cross-web chatter bands.
    PumpPulsation { amplitude_frac: f64 },
    /// The coater's gear pump is worn: internal slip returns this fraction of what it is
    /// asked for, so less slurry reaches the die than the setpoint says (the flow meter shows
    /// it).
    PumpWear { slip_frac: f64 },
    /// Gel or particles lodged in the die lip: lengthwise streaks.
    ClogDieLip,
    /// A dryer zone heater has failed (zones counted from 1): its air falls to ambient.
    HeaterFailure { zone: usize },
    /// The calender roll gap drifts open: the line load falls by this fraction per hour.
    RollGapDrift { per_h_frac: f64 },
    /// A chipped slitter blade: the blade behaves as if this fraction of its life were used.
    BladeDamage { wear_frac: f64 },
    /// The slitter's knife clearance has opened (a loose or mis-set knife holder): every
    /// sheet carries this much extra burr, µm, however fresh the blade.
    KnifeClearance { extra_burr_um: f64 },
    /// Water got into the electrolyte precursor: its gel time is this fraction of normal.
    PrecursorWater { gel_time_factor: f64 },
    /// The impregnation chamber leaks: it holds this much above its pressure setpoint, kPa.
    VacuumLeak { kpa: f64 },
    /// The stacker's placement drifts to one side by this much, mm.
    StackerDrift { offset_mm: f64 },
    /// The stacker's grippers are worn: the placement scatters this many times wider.
    GripperWorn { spread_factor: f64 },
    /// A worn heater band runs the seal bar this much cooler than its setpoint, degC.
    SealBarCold { delta_degc: f64 },
    /// The dry room's door is left open.
    DoorLeftOpen,
    /// The dry room dehumidifier's desiccant wheel has stopped.
    DesiccantWheelStop,
    /// A glovebox glove is torn (or a seal loose): room air leaks in at this rate, L/h.
    GloveLeak { air_l_per_h: f64 },
    /// The glovebox purifier's bed is full: regeneration is overdue.
    PurifierSaturated,
    /// The store's present batch of samples sat in room air this many hours (a torn pouch).
    AirExposedBatch { hours: f64 },
    /// The sputter target is cracked or contaminated: it arcs at a lower power.
    TargetArcing,
    /// The ALD precursor (TMA) bubbler runs low: each pulse doses this fraction of normal.
    PrecursorDepleted { dose_frac: f64 },
}

impl Fault {
    /// The fault as a person reads it (instructor panels, the debrief timeline).
    pub fn message(&self) -> Message {
        match self {
            Self::PumpPulsation { amplitude_frac } => {
                Message::new("fault-pump-pulsation").number("pct", amplitude_frac * 100.0, 0)
            }
            Self::PumpWear { slip_frac } => Message::new("fault-pump-wear").number("pct", slip_frac * 100.0, 0),
            Self::ClogDieLip => Message::new("fault-clog-die-lip"),
            Self::HeaterFailure { zone } => Message::new("fault-heater-failure").count("zone", *zone),
            Self::RollGapDrift { per_h_frac } => {
                Message::new("fault-roll-gap-drift").number("pct_per_h", per_h_frac * 100.0, 1)
            }
            Self::BladeDamage { wear_frac } => Message::new("fault-blade-damage").number("pct", wear_frac * 100.0, 0),
            Self::KnifeClearance { extra_burr_um } => {
                Message::new("fault-knife-clearance").number("um", *extra_burr_um, 1)
            }
            Self::PrecursorWater { gel_time_factor } => {
                Message::new("fault-precursor-water").number("pct", gel_time_factor * 100.0, 0)
            }
            Self::VacuumLeak { kpa } => Message::new("fault-vacuum-leak").number("kpa", *kpa, 0),
            Self::StackerDrift { offset_mm } => Message::new("fault-stacker-drift").number("mm", *offset_mm, 2),
            Self::GripperWorn { spread_factor } => Message::new("fault-gripper-worn").number("x", *spread_factor, 1),
            Self::SealBarCold { delta_degc } => Message::new("fault-seal-bar-cold").number("k", *delta_degc, 0),
            Self::DoorLeftOpen => Message::new("fault-door-left-open"),
            Self::DesiccantWheelStop => Message::new("fault-desiccant-wheel-stop"),
            Self::GloveLeak { air_l_per_h } => Message::new("fault-glove-leak").number("l_per_h", *air_l_per_h, 0),
            Self::PurifierSaturated => Message::new("fault-purifier-saturated"),
            Self::AirExposedBatch { hours } => Message::new("fault-air-exposed-batch").number("h", *hours, 1),
            Self::TargetArcing => Message::new("fault-target-arcing"),
            Self::PrecursorDepleted { dose_frac } => {
                Message::new("fault-precursor-depleted").number("pct", dose_frac * 100.0, 0)
            }
        }
    }

    /// The fault in English, for logs and validation errors.
    pub fn label(&self) -> String {
        match self {
            Self::PumpPulsation { amplitude_frac } => format!("pump pulsation ({:.0} %)", amplitude_frac * 100.0),
            Self::PumpWear { slip_frac } => format!("worn pump ({:.0} % slip)", slip_frac * 100.0),
            Self::ClogDieLip => "clogged die lip".into(),
            Self::HeaterFailure { zone } => format!("zone {zone} heater failure"),
            Self::RollGapDrift { per_h_frac } => format!("roll gap drift ({:.1} %/h)", per_h_frac * 100.0),
            Self::BladeDamage { wear_frac } => format!("blade damage ({:.0} % wear)", wear_frac * 100.0),
            Self::KnifeClearance { extra_burr_um } => format!("knife clearance open (+{extra_burr_um:.1} um burr)"),
            Self::PrecursorWater { gel_time_factor } => {
                format!("water in the precursor (gel time {:.0} %)", gel_time_factor * 100.0)
            }
            Self::VacuumLeak { kpa } => format!("vacuum leak (+{kpa:.0} kPa)"),
            Self::StackerDrift { offset_mm } => format!("stacker drift ({offset_mm:.2} mm)"),
            Self::GripperWorn { spread_factor } => format!("worn grippers (x{spread_factor:.1} scatter)"),
            Self::SealBarCold { delta_degc } => format!("seal bar {delta_degc:.0} K cold"),
            Self::DoorLeftOpen => "dry room door left open".into(),
            Self::DesiccantWheelStop => "desiccant wheel stopped".into(),
            Self::GloveLeak { air_l_per_h } => format!("torn glove ({air_l_per_h:.0} L/h of air)"),
            Self::PurifierSaturated => "purifier saturated".into(),
            Self::AirExposedBatch { hours } => format!("batch exposed to air ({hours:.1} h)"),
            Self::TargetArcing => "arcing sputter target".into(),
            Self::PrecursorDepleted { dose_frac } => format!("precursor running low ({:.0} % dose)", dose_frac * 100.0),
        }
    }

    /// Checks the fault's own numbers.
    pub fn validate(&self) -> Result<(), String> {
        let frac = |name: &str, v: f64, max: f64| {
            if v.is_finite() && v > 0.0 && v <= max {
                Ok(())
            } else {
                Err(format!("{name} must be in (0, {max}], got {v}"))
            }
        };
        match self {
            Self::PumpPulsation { amplitude_frac } => frac("amplitude_frac", *amplitude_frac, 0.5),
            Self::PumpWear { slip_frac } => frac("slip_frac", *slip_frac, 0.5),
            Self::RollGapDrift { per_h_frac } => frac("per_h_frac", *per_h_frac, 0.5),
            Self::BladeDamage { wear_frac } => frac("wear_frac", *wear_frac, 2.0),
            Self::KnifeClearance { extra_burr_um } => frac("extra_burr_um", *extra_burr_um, 20.0),
            Self::PrecursorWater { gel_time_factor } => frac("gel_time_factor", *gel_time_factor, 1.0),
            Self::StackerDrift { offset_mm } => frac("offset_mm", *offset_mm, 5.0),
            Self::VacuumLeak { kpa } => frac("kpa", *kpa, 100.0),
            Self::GripperWorn { spread_factor }
                if !(spread_factor.is_finite() && *spread_factor > 1.0 && *spread_factor <= 20.0) =>
            {
                Err(format!("spread_factor must be in (1, 20], got {spread_factor}"))
            }
            Self::SealBarCold { delta_degc } => frac("delta_degc", *delta_degc, 100.0),
            Self::GloveLeak { air_l_per_h } => frac("air_l_per_h", *air_l_per_h, 1000.0),
            Self::AirExposedBatch { hours } => frac("hours", *hours, 1000.0),
            Self::PrecursorDepleted { dose_frac } => frac("dose_frac", *dose_frac, 1.0),
            Self::HeaterFailure { zone } if *zone == 0 => Err("zones are counted from 1".into()),
            _ => Ok(()),
        }
    }
}

/// What a trainee can name as a diagnosis: a fault without its size (the pump pulsates;
/// zone 3's heater failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    PumpPulsation,
    PumpWear,
    ClogDieLip,
    HeaterFailure { zone: usize },
    RollGapDrift,
    BladeDamage,
    KnifeClearance,
    PrecursorWater,
    VacuumLeak,
    StackerDrift,
    GripperWorn,
    SealBarCold,
    DoorLeftOpen,
    DesiccantWheelStop,
    GloveLeak,
    PurifierSaturated,
    AirExposedBatch,
    TargetArcing,
    PrecursorDepleted,
}

/// Zones a dryer may have, for the list of diagnoses.
const MAX_DIAGNOSED_ZONES: usize = 12;

impl FaultKind {
    /// Every kind a station could be diagnosed with, given the faults it `accepts`.
    pub fn candidates(accepts: impl Fn(&Fault) -> bool) -> Vec<FaultKind> {
        let mut faults = vec![
            Fault::PumpPulsation { amplitude_frac: 0.1 },
            Fault::PumpWear { slip_frac: 0.05 },
            Fault::ClogDieLip,
            Fault::RollGapDrift { per_h_frac: 0.01 },
            Fault::BladeDamage { wear_frac: 0.5 },
            Fault::KnifeClearance { extra_burr_um: 2.0 },
            Fault::PrecursorWater { gel_time_factor: 0.5 },
            Fault::VacuumLeak { kpa: 20.0 },
            Fault::StackerDrift { offset_mm: 0.5 },
            Fault::GripperWorn { spread_factor: 2.0 },
            Fault::SealBarCold { delta_degc: 20.0 },
            Fault::DoorLeftOpen,
            Fault::DesiccantWheelStop,
            Fault::GloveLeak { air_l_per_h: 10.0 },
            Fault::PurifierSaturated,
            Fault::AirExposedBatch { hours: 1.0 },
            Fault::TargetArcing,
            Fault::PrecursorDepleted { dose_frac: 0.3 },
        ];
        faults.extend((1..=MAX_DIAGNOSED_ZONES).map(|zone| Fault::HeaterFailure { zone }));
        faults.iter().filter(|f| accepts(f)).map(Fault::kind).collect()
    }

    /// The fault of this kind at `severity`, 0 (barely noticeable) to 1 (hard to miss): what
    /// the instructor's one slider sets. Each kind's size runs linearly over a range that
    /// spans the mild-to-severe cases of the process notes (a 2 % to 30 % pulsating pump,
    /// 0.1 to 1.5 mm of stacker drift, 2 to 100 L/h through a torn glove); kinds without a
    /// size ignore it. Every result passes [`Fault::validate`].
    pub fn at_severity(self, severity: f64) -> Fault {
        let s = if severity.is_finite() { severity.clamp(0.0, 1.0) } else { 0.5 };
        let span = |mild: f64, severe: f64| mild + (severe - mild) * s;
        match self {
            Self::PumpPulsation => Fault::PumpPulsation { amplitude_frac: span(0.02, 0.30) },
            Self::PumpWear => Fault::PumpWear { slip_frac: span(0.02, 0.30) },
            Self::ClogDieLip => Fault::ClogDieLip,
            Self::HeaterFailure { zone } => Fault::HeaterFailure { zone: zone.max(1) },
            Self::RollGapDrift => Fault::RollGapDrift { per_h_frac: span(0.002, 0.05) },
            Self::BladeDamage => Fault::BladeDamage { wear_frac: span(0.3, 1.5) },
            Self::KnifeClearance => Fault::KnifeClearance { extra_burr_um: span(1.0, 10.0) },
            Self::PrecursorWater => Fault::PrecursorWater { gel_time_factor: span(0.9, 0.2) },
            Self::VacuumLeak => Fault::VacuumLeak { kpa: span(5.0, 60.0) },
            Self::StackerDrift => Fault::StackerDrift { offset_mm: span(0.1, 1.5) },
            Self::GripperWorn => Fault::GripperWorn { spread_factor: span(1.5, 6.0) },
            Self::SealBarCold => Fault::SealBarCold { delta_degc: span(5.0, 40.0) },
            Self::DoorLeftOpen => Fault::DoorLeftOpen,
            Self::DesiccantWheelStop => Fault::DesiccantWheelStop,
            Self::GloveLeak => Fault::GloveLeak { air_l_per_h: span(2.0, 100.0) },
            Self::PurifierSaturated => Fault::PurifierSaturated,
            Self::AirExposedBatch => Fault::AirExposedBatch { hours: span(0.2, 24.0) },
            Self::TargetArcing => Fault::TargetArcing,
            Self::PrecursorDepleted => Fault::PrecursorDepleted { dose_frac: span(0.9, 0.2) },
        }
    }

    /// The diagnosis as a person reads it.
    pub fn message(self) -> Message {
        match self {
            Self::PumpPulsation => Message::new("diagnosis-pump-pulsation"),
            Self::PumpWear => Message::new("diagnosis-pump-wear"),
            Self::ClogDieLip => Message::new("diagnosis-clog-die-lip"),
            Self::HeaterFailure { zone } => Message::new("diagnosis-heater-failure").count("zone", zone),
            Self::RollGapDrift => Message::new("diagnosis-roll-gap-drift"),
            Self::BladeDamage => Message::new("diagnosis-blade-damage"),
            Self::KnifeClearance => Message::new("diagnosis-knife-clearance"),
            Self::PrecursorWater => Message::new("diagnosis-precursor-water"),
            Self::VacuumLeak => Message::new("diagnosis-vacuum-leak"),
            Self::StackerDrift => Message::new("diagnosis-stacker-drift"),
            Self::GripperWorn => Message::new("diagnosis-gripper-worn"),
            Self::SealBarCold => Message::new("diagnosis-seal-bar-cold"),
            Self::DoorLeftOpen => Message::new("diagnosis-door-left-open"),
            Self::DesiccantWheelStop => Message::new("diagnosis-desiccant-wheel-stop"),
            Self::GloveLeak => Message::new("diagnosis-glove-leak"),
            Self::PurifierSaturated => Message::new("diagnosis-purifier-saturated"),
            Self::AirExposedBatch => Message::new("diagnosis-air-exposed-batch"),
            Self::TargetArcing => Message::new("diagnosis-target-arcing"),
            Self::PrecursorDepleted => Message::new("diagnosis-precursor-depleted"),
        }
    }
}

impl Fault {
    /// The fault's kind, which a diagnosis names.
    pub fn kind(&self) -> FaultKind {
        match self {
            Self::PumpPulsation { .. } => FaultKind::PumpPulsation,
            Self::PumpWear { .. } => FaultKind::PumpWear,
            Self::ClogDieLip => FaultKind::ClogDieLip,
            Self::HeaterFailure { zone } => FaultKind::HeaterFailure { zone: *zone },
            Self::RollGapDrift { .. } => FaultKind::RollGapDrift,
            Self::BladeDamage { .. } => FaultKind::BladeDamage,
            Self::KnifeClearance { .. } => FaultKind::KnifeClearance,
            Self::PrecursorWater { .. } => FaultKind::PrecursorWater,
            Self::VacuumLeak { .. } => FaultKind::VacuumLeak,
            Self::StackerDrift { .. } => FaultKind::StackerDrift,
            Self::GripperWorn { .. } => FaultKind::GripperWorn,
            Self::SealBarCold { .. } => FaultKind::SealBarCold,
            Self::DoorLeftOpen => FaultKind::DoorLeftOpen,
            Self::DesiccantWheelStop => FaultKind::DesiccantWheelStop,
            Self::GloveLeak { .. } => FaultKind::GloveLeak,
            Self::PurifierSaturated => FaultKind::PurifierSaturated,
            Self::AirExposedBatch { .. } => FaultKind::AirExposedBatch,
            Self::TargetArcing => FaultKind::TargetArcing,
            Self::PrecursorDepleted { .. } => FaultKind::PrecursorDepleted,
        }
    }
}

/// A fault and when it started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActiveFault {
    pub fault: Fault,
    pub since_ms: u64,
}

//! Station kinds: what each station does to a unit, how long it takes, what it publishes.
//!
//! Every station shares the equipment state machine and flow rules of [`crate::line`]; a kind
//! decides, when a cycle starts, how long it takes and what it does to the unit (the physics),
//! and publishes its controls and readouts. One module per kind.
//!
//! Simplification: a station latches its settings when a unit (a batch, a roll) starts; a
//! change made while a roll runs applies from the next roll. Faults that develop with time
//! (roll gap drift) are still evaluated metre by metre.

pub mod calender;
pub mod coater;
pub mod dryer;
pub mod generic;
pub mod inspection;
pub mod mixer;
pub mod slitter;

use serde::{Deserialize, Serialize};

use crate::controls::{ControlSpec, Readout};
use crate::faults::{ActiveFault, Fault};
use crate::input::{FieldPath, Issues};
use crate::rng::Stream;
use crate::unit::{ProductKind, Unit};

/// The kind of a station and its kind-specific parameters, as written in a layout file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StationKind {
    /// A discrete station with a fixed cycle time and a scrap rate.
    Generic(generic::GenericStation),
    Mixer(mixer::Mixer),
    Coater(coater::Coater),
    Dryer(dryer::Dryer),
    Calender(calender::Calender),
    Inspection(inspection::Inspection),
    Slitter(slitter::Slitter),
}

/// What a cycle needs besides the unit.
pub struct CycleContext<'a> {
    /// Index of this station in the line.
    pub station: u16,
    pub now_ms: u64,
    pub rng: &'a mut Stream,
    pub faults: &'a [ActiveFault],
}

/// Material taken out of a unit during a cycle (cut-out metres, edge trim).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// Station where the root cause lies.
    pub origin: u16,
    pub cause: String,
    pub quantity: f64,
    pub quantity_unit: String,
    pub solids_kg: f64,
}

/// What a cycle did, decided when it starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CycleReport {
    pub cycle_time_ms: u64,
    /// Quantity processed (metres, litres, units).
    pub quantity: f64,
    /// Quantity that left with a defect arising at this station, by cause.
    pub defective: Vec<(String, f64)>,
    pub removed: Vec<Removal>,
    /// Scrap the whole unit at the end of the cycle: (origin station, cause).
    pub scrap_unit: Option<(u16, String)>,
    /// Process alarm conditions true for this unit (raised now, cleared once absent).
    pub alarms: Vec<ProcessAlarm>,
}

/// A process alarm condition a station reports, e.g. a zone temperature deviation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessAlarm {
    /// Short tag, unique within the station (`zone3_temp_low`).
    pub tag: String,
    pub priority: crate::alarms::AlarmPriority,
    pub message: String,
}

impl ProcessAlarm {
    pub fn new(tag: &str, priority: crate::alarms::AlarmPriority, message: impl Into<String>) -> Self {
        Self { tag: tag.into(), priority, message: message.into() }
    }
}

impl CycleReport {
    pub fn add_defective(&mut self, cause: &str, quantity: f64) {
        match self.defective.iter_mut().find(|(c, _)| c == cause) {
            Some((_, q)) => *q += quantity,
            None => self.defective.push((cause.to_string(), quantity)),
        }
    }
}

impl StationKind {
    /// Short name of the kind, for display.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Generic(_) => "generic",
            Self::Mixer(_) => "slurry mixer",
            Self::Coater(_) => "slot-die coater",
            Self::Dryer(_) => "dryer",
            Self::Calender(_) => "calender",
            Self::Inspection(_) => "inline inspection",
            Self::Slitter(_) => "slitter / notcher",
        }
    }

    pub fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        let path = path.clone().field("kind");
        match self {
            Self::Generic(s) => s.validate(&path, issues),
            Self::Mixer(s) => s.validate(&path, issues),
            Self::Coater(s) => s.validate(&path, issues),
            Self::Dryer(s) => s.validate(&path, issues),
            Self::Calender(s) => s.validate(&path, issues),
            Self::Inspection(s) => s.validate(&path, issues),
            Self::Slitter(s) => s.validate(&path, issues),
        }
    }

    /// The product this kind needs at its input (`None`: anything; a source takes nothing).
    pub fn input_product(&self) -> Option<ProductKind> {
        match self {
            Self::Generic(_) | Self::Mixer(_) => None,
            Self::Coater(_) => Some(ProductKind::Slurry),
            Self::Dryer(_) | Self::Calender(_) | Self::Inspection(_) | Self::Slitter(_) => Some(ProductKind::Roll),
        }
    }

    /// The product this kind makes from `input` (`None` for a source).
    pub fn output_product(&self, input: Option<ProductKind>) -> ProductKind {
        match self {
            Self::Generic(_) => input.unwrap_or(ProductKind::Part),
            Self::Mixer(_) => ProductKind::Slurry,
            Self::Coater(_) | Self::Dryer(_) | Self::Calender(_) | Self::Inspection(_) => ProductKind::Roll,
            Self::Slitter(_) => ProductKind::Sheets,
        }
    }

    /// Unit of the quantities this station reports.
    pub fn quantity_unit(&self) -> &'static str {
        match self {
            Self::Generic(_) => "units",
            Self::Mixer(_) => "L",
            _ => "m",
        }
    }

    /// Whether this kind can suffer `fault`.
    pub fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        fault.validate()?;
        let ok = match (self, fault) {
            (Self::Coater(_), Fault::PumpPulsation { .. } | Fault::ClogDieLip) => true,
            (Self::Dryer(d), Fault::HeaterFailure { zone }) => {
                if *zone > d.zones.len() {
                    return Err(format!("the dryer has {} zones, not {zone}", d.zones.len()));
                }
                true
            }
            (Self::Calender(_), Fault::RollGapDrift { .. }) => true,
            (Self::Slitter(_), Fault::BladeDamage { .. }) => true,
            _ => false,
        };
        if ok { Ok(()) } else { Err(format!("a {} cannot have a {}", self.label(), fault.label())) }
    }

    /// Starts a cycle on `unit`: applies the physics, returns the cycle's time and report.
    pub fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let mut report = match self {
            Self::Generic(s) => s.start_cycle(ctx),
            Self::Mixer(s) => s.start_cycle(unit, ctx),
            Self::Coater(s) => s.start_cycle(unit, ctx),
            Self::Dryer(s) => s.start_cycle(unit, ctx),
            Self::Calender(s) => s.start_cycle(unit, ctx),
            Self::Inspection(s) => s.start_cycle(unit, ctx),
            Self::Slitter(s) => s.start_cycle(unit, ctx),
        };
        report.cycle_time_ms = report.cycle_time_ms.max(1);
        report
    }

    /// Maintenance done: faults are cleared by the line; the kind resets what maintenance
    /// renews (a blade change, a cleaned die).
    pub fn maintained(&mut self) {
        if let Self::Slitter(s) = self {
            s.blade_wear_frac = 0.0;
        }
    }

    pub fn controls(&self) -> Vec<ControlSpec> {
        match self {
            Self::Generic(s) => s.controls(),
            Self::Mixer(s) => s.controls(),
            Self::Coater(s) => s.controls(),
            Self::Dryer(s) => s.controls(),
            Self::Calender(s) => s.controls(),
            Self::Inspection(_) => Vec::new(),
            Self::Slitter(s) => s.controls(),
        }
    }

    /// Readouts: live gauges and what inspection or a lab sample measured on the last unit.
    pub fn readouts(&self) -> Vec<Readout> {
        match self {
            Self::Generic(_) => Vec::new(),
            Self::Mixer(s) => s.readouts(),
            Self::Coater(s) => s.readouts(),
            Self::Dryer(s) => s.readouts(),
            Self::Calender(s) => s.readouts(),
            Self::Inspection(s) => s.readouts(),
            Self::Slitter(s) => s.readouts(),
        }
    }

    /// Names of the numeric readouts this kind can publish (after its first unit), for
    /// validating scenario files that refer to them.
    pub fn readout_names(&self) -> Vec<String> {
        let names: &[&str] = match self {
            Self::Generic(_) => &[],
            Self::Mixer(_) => &["batch_volume_l", "viscosity_pa_s", "grind_um", "density_g_per_cm3", "solids_pct"],
            Self::Coater(_) => &["coated_width_m", "wet_thickness_um", "wet_film_cv_pct", "roll_length_m"],
            Self::Dryer(d) => {
                let mut v: Vec<String> = (1..=d.zones.len()).map(|z| format!("zone{z}_measured_degc")).collect();
                v.extend(["energy_kwh".to_string(), "energy_kwh_per_m2".to_string()]);
                return v;
            }
            Self::Calender(_) => &["measured_load_n_per_mm", "thickness_um"],
            Self::Inspection(_) => &[
                "length_m",
                "mean_loading_mg_per_cm2",
                "loading_cv_pct",
                "mean_thickness_um",
                "mean_porosity_pct",
                "sample_residual_solvent_ppm",
                "sample_peel_n_per_m",
            ],
            Self::Slitter(_) => &["blade_wear_pct", "sheets", "removed_m", "sample_max_burr_um"],
        };
        names.iter().map(|n| n.to_string()).collect()
    }

    /// Sets a control; the caller has checked name and range against [`Self::controls`].
    pub fn set_control(&mut self, name: &str, value: f64) -> bool {
        match self {
            Self::Generic(s) => s.set_control(name, value),
            Self::Mixer(s) => s.set_control(name, value),
            Self::Coater(s) => s.set_control(name, value),
            Self::Dryer(s) => s.set_control(name, value),
            Self::Calender(s) => s.set_control(name, value),
            Self::Inspection(_) => false,
            Self::Slitter(s) => s.set_control(name, value),
        }
    }
}

/// A control description (shorthand used by the kinds).
pub(crate) fn control(name: &str, label: &str, unit: &str, min: f64, max: f64, step: f64, value: f64) -> ControlSpec {
    ControlSpec { name: name.into(), label: label.into(), unit: unit.into(), min, max, step, value }
}

/// Pushes an issue unless `value` is finite and inside `[min, max]`.
pub(crate) fn check_range(
    issues: &mut Issues,
    path: &FieldPath,
    field: &str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) {
    if !(value.is_finite() && value >= min && value <= max) {
        issues.push(path.clone().field(field), format!("{field} must be between {min} and {max} {unit}, got {value}"));
    }
}

/// Whether `faults` holds a fault matching `pred`.
pub(crate) fn has_fault(faults: &[ActiveFault], pred: impl Fn(&Fault) -> bool) -> Option<&ActiveFault> {
    faults.iter().find(|f| pred(&f.fault))
}

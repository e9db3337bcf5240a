//! The scenario schema: what an instructor writes (documented for instructors in
//! `scenarios/README.md`), its limits, and parsing.

use serde::{Deserialize, Serialize};

use crate::text::Localized;

use crate::alarms::AlarmPriority;
use crate::faults::Fault;
use crate::input::{self, FieldPath, InputError};
use crate::layout::LineLayout;
use crate::line::EquipmentState;

/// Limits against mistaken or hostile scenario files.
pub const MAX_DURATION_H: f64 = 168.0;
pub const MAX_TICKS: f64 = 1_000_000.0;
pub const MAX_EVENTS: usize = 500;
pub const MAX_HINTS: usize = 50;
pub const MAX_OBJECTIVES: usize = 50;
pub const MAX_RANDOM_FAULTS: u32 = 50;
/// Largest quantity (units, metres, kilograms, hours) a scenario may name.
pub const MAX_QUANTITY: f64 = 1e9;
/// Longest repair an instructor's breakdown may ask for, hours (the simulation's limit).
pub const MAX_REPAIR_H: f64 = 168.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Operator,
    Technician,
    Engineer,
    Public,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Tutorial,
    Beginner,
    Intermediate,
    Advanced,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: Localized,
    #[serde(default)]
    pub audience: Vec<Audience>,
    pub difficulty: Difficulty,
    pub estimated_minutes: f64,
    #[serde(default)]
    pub learning_goals: Vec<Localized>,
    pub briefing: Localized,
    /// Line layout id: `assets/lines/<line>.ron`.
    pub line: String,
    /// Plant time per tick, seconds.
    #[serde(default = "default_step_s")]
    pub step_s: f64,
    pub duration_h: f64,
    #[serde(default)]
    pub seed: u64,
    /// Control values at the start, replacing the layout's.
    #[serde(default)]
    pub overrides: Vec<ControlValue>,
    /// Stations stopped at the start (the trainee must start them).
    #[serde(default)]
    pub stopped: Vec<String>,
    /// Controls the trainee may change, as `station.control`; all when absent.
    #[serde(default)]
    pub trainee_controls: Option<Vec<String>>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub hints: Vec<Hint>,
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub scoring: Scoring,
    /// What operating the line costs, for the debrief's cost account and cost objectives.
    #[serde(default)]
    pub costs: Costs,
    #[serde(default)]
    pub safety_limits: Vec<SafetyLimit>,
    #[serde(default)]
    pub debrief: Vec<DebriefRule>,
}

fn default_step_s() -> f64 {
    60.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlValue {
    pub station: String,
    pub control: String,
    pub value: f64,
}

/// Something that happens during the run: at a time or when a condition first holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Plant hours from the start.
    #[serde(default)]
    pub at_h: Option<f64>,
    #[serde(default)]
    pub when: Option<Condition>,
    /// Hidden events are not announced to the trainee (a malfunction to find).
    #[serde(default)]
    pub hidden: bool,
    /// Shown to the trainee when the event happens (unless hidden).
    #[serde(default)]
    pub message: Option<Localized>,
    pub action: EventAction,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventAction {
    /// A malfunction that lasts until maintenance.
    Fault { station: String, fault: Fault },
    /// The station breaks down and is repaired after `repair_h`.
    Breakdown { station: String, repair_h: f64 },
    /// A new material lot at the mixer.
    LotChange { station: String, binder_viscosity_factor: f64, dispersion_factor: f64 },
    /// Somebody changes a setting.
    SetControl { station: String, control: String, value: f64 },
    /// Only the message.
    Message,
    /// A production order: `quantity` of good product (the line's unit) due at `due_h`.
    Order { quantity: f64, due_h: f64 },
    /// `count` faults drawn from `choices` at random times in `[from_h, to_h]` (seeded).
    RandomFaults { count: u32, from_h: f64, to_h: f64, choices: Vec<FaultChoice> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultChoice {
    pub station: String,
    pub fault: Fault,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    ReadoutAbove {
        station: String,
        readout: String,
        value: f64,
    },
    ReadoutBelow {
        station: String,
        readout: String,
        value: f64,
    },
    StationState {
        station: String,
        state: EquipmentState,
    },
    /// The line has completed at least this quantity of product.
    CompletedAtLeast {
        quantity: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub text: Localized,
    /// Points taken off the score when the trainee takes it.
    pub penalty: f64,
    #[serde(default)]
    pub available_after_h: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: Localized,
    #[serde(default = "default_weight")]
    pub weight: f64,
    pub kind: ObjectiveKind,
    /// Debrief message when the objective is missed.
    #[serde(default)]
    pub failed_message: Option<Localized>,
}

fn default_weight() -> f64 {
    1.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ObjectiveKind {
    /// The line completes this quantity of good product (its own unit) by `by_h`. With
    /// `from`, credit counts only above it (what the line makes as set, so that leaving it
    /// alone earns nothing): `(got - from) / (quantity - from)`.
    Deliver {
        quantity: f64,
        by_h: f64,
        #[serde(default)]
        from: Option<f64>,
    },
    /// A station passes this quantity first-pass good (its own unit) by `by_h`.
    Produce { station: String, quantity: f64, by_h: f64 },
    /// Keep a measured value inside limits between `from_h` and `to_h` (end when absent).
    KeepInLimits {
        measure: Measure,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        #[serde(default)]
        from_h: f64,
        #[serde(default)]
        to_h: Option<f64>,
    },
    /// Find and fix (by maintenance) the faults injected at `station` (all when absent),
    /// each within `within_h` of its start.
    FixFaults {
        #[serde(default)]
        station: Option<String>,
        within_h: f64,
    },
    /// Acknowledge alarms of at least `min_priority` within `within_min` of being raised.
    AcknowledgeAlarms {
        within_min: f64,
        #[serde(default = "default_priority")]
        min_priority: AlarmPriority,
    },
    /// Unplanned scrap stays below this fraction of the solids that entered.
    MaxScrap { frac: f64 },
    /// What a good square metre of electrode cost (material, energy, maintenance and
    /// technicians, see [`Costs`]): full credit at or below the target, none at the limit,
    /// linear between; none when nothing good was made.
    CostPerGoodArea { target_eur_per_m2: f64, limit_eur_per_m2: f64 },
    /// Meet the production orders placed by `Order` events: for each order, the good
    /// product delivered by its due time against everything ordered due by then.
    MeetOrders,
}

fn default_priority() -> AlarmPriority {
    AlarmPriority::Low
}

/// A value an objective or condition watches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Measure {
    Readout { station: String, readout: String },
    StationOee { station: String },
    ThroughputPerH,
    BufferLevel { from: String, to: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// Points off per kg of unplanned scrap (dry solids), up to `max_scrap_penalty`.
    pub scrap_points_per_kg: f64,
    pub max_scrap_penalty: f64,
    /// Points off per safety violation.
    pub safety_penalty: f64,
    /// Points off per maintenance, needed or not: the technicians' time and the parts.
    pub maintenance_cost: f64,
    /// Further points off per maintenance started without a right diagnosis at the station
    /// since its last maintenance: a needless stop.
    pub maintenance_penalty: f64,
    /// Points off per wrong diagnosis.
    pub wrong_diagnosis_penalty: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Self {
            scrap_points_per_kg: 0.02,
            max_scrap_penalty: 20.0,
            safety_penalty: 5.0,
            maintenance_cost: 2.0,
            maintenance_penalty: 8.0,
            wrong_diagnosis_penalty: 8.0,
        }
    }
}

/// Prices of what running the line uses ([D] defaults for a European pilot line: NMC811
/// cathode blend about 25 EUR/kg, industrial power 0.20 EUR/kWh, a maintenance call-out with
/// parts 250 EUR, a technician 60 EUR/h).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Costs {
    /// Dry electrode material (solids) that entered the line, EUR/kg.
    pub material_eur_per_kg: f64,
    /// Energy the stations account for (the dryer), EUR/kWh.
    pub energy_eur_per_kwh: f64,
    /// Parts and call-out per maintenance, EUR.
    pub maintenance_eur: f64,
    /// Technicians' time during maintenance, EUR/h.
    pub technician_eur_per_h: f64,
}

impl Default for Costs {
    fn default() -> Self {
        Self { material_eur_per_kg: 25.0, energy_eur_per_kwh: 0.20, maintenance_eur: 250.0, technician_eur_per_h: 60.0 }
    }
}

/// A setting the trainee must never go beyond (a violation costs points; the plant obeys).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyLimit {
    pub station: String,
    pub control: String,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub reason: Localized,
}

/// A debrief message shown when a defect cause containing `cause_contains` was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DebriefRule {
    pub cause_contains: String,
    pub message: Localized,
}

impl Scenario {
    /// Parses a scenario file (syntax and schema only; see [`Self::validate`]).
    pub fn from_ron(file: &str, source: &str) -> Result<Self, InputError> {
        let scenario: Self = input::parse_ron(file, source)?;
        // `line` names a bundled layout by id; it is never a path.
        let id_ok = !scenario.line.is_empty()
            && scenario.line.len() <= 64
            && scenario.line.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(InputError::at_field(
                file,
                source,
                &FieldPath::root().field("line"),
                format!(
                    "`{}` is not a line id: use the id of a layout under assets/lines/ (letters, digits, - and _)",
                    scenario.line
                ),
            ));
        }
        Ok(scenario)
    }

    /// Parses and validates against the scenario's line layout.
    pub fn load(file: &str, source: &str, layout: &LineLayout) -> Result<Self, InputError> {
        let scenario = Self::from_ron(file, source)?;
        match scenario.validate(layout).into_error(file, source) {
            Some(err) => Err(err),
            None => Ok(scenario),
        }
    }

    pub fn ticks(&self) -> u64 {
        (self.duration_h * 3600.0 / self.step_s).round() as u64
    }
}

//! Controls and readouts published by stations as data.
//!
//! The game builds its panels from these descriptions, so a new station kind appears in the
//! UI without UI code: each control has a name, unit, range and step; each readout a name,
//! unit and value.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlSpec {
    /// Machine name used in commands and scenario files, e.g. `cycle_time_s`.
    pub name: String,
    /// Human label, e.g. "Cycle time".
    pub label: String,
    /// Unit symbol, e.g. "s", "m/min", "degC".
    pub unit: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub value: f64,
}

impl ControlSpec {
    /// Whether `value` is a finite number inside the control's range.
    pub fn accepts(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Readout {
    pub name: String,
    pub label: String,
    pub unit: String,
    pub value: f64,
    /// A reading that is a word rather than a number (e.g. what a camera shows).
    #[serde(default)]
    pub text: Option<String>,
}

impl Readout {
    pub fn new(name: &str, label: &str, unit: &str, value: f64) -> Self {
        Self { name: name.into(), label: label.into(), unit: unit.into(), value, text: None }
    }

    pub fn text(name: &str, label: &str, text: impl Into<String>) -> Self {
        Self { name: name.into(), label: label.into(), unit: String::new(), value: f64::NAN, text: Some(text.into()) }
    }
}

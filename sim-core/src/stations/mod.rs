//! Station kinds: what each station does to a unit, how long it takes, what it publishes.
//!
//! Every station shares the equipment state machine and flow rules of [`crate::line`]; a kind
//! decides the processing time of a cycle, the controls and readouts it publishes, and what
//! happens to the unit (quality). Physical stations (mixer, coater, dryer, ...) are added as
//! further variants with one module each.

pub mod generic;

use serde::{Deserialize, Serialize};

use crate::controls::{ControlSpec, Readout};
use crate::input::{FieldPath, Issues};
use crate::rng::Stream;
use crate::unit::Unit;

/// The kind of a station and its kind-specific parameters, as written in a layout file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StationKind {
    /// A discrete station with a fixed cycle time and a scrap rate.
    Generic(generic::GenericStation),
}

/// What a finished cycle did to the unit.
pub enum CycleOutcome {
    Good,
    /// The unit is scrapped at this station for this defect kind.
    Scrap {
        defect: &'static str,
    },
}

impl StationKind {
    /// Short name of the kind, for display.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Generic(_) => "generic",
        }
    }

    pub fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        match self {
            Self::Generic(s) => s.validate(&path.clone().field("kind"), issues),
        }
    }

    /// Processing time of the next cycle, in milliseconds (at least 1).
    pub fn cycle_time_ms(&self) -> u64 {
        match self {
            Self::Generic(s) => s.cycle_time_ms(),
        }
    }

    /// Ideal (design) cycle time in seconds, used for OEE performance.
    pub fn ideal_cycle_time_s(&self) -> f64 {
        match self {
            Self::Generic(s) => s.cycle_time_s,
        }
    }

    /// Finishes a cycle on `unit`.
    pub fn finish_cycle(&mut self, unit: &mut Unit, rng: &mut Stream) -> CycleOutcome {
        let _ = unit;
        match self {
            Self::Generic(s) => s.finish_cycle(rng),
        }
    }

    pub fn controls(&self) -> Vec<ControlSpec> {
        match self {
            Self::Generic(s) => s.controls(),
        }
    }

    pub fn readouts(&self) -> Vec<Readout> {
        match self {
            Self::Generic(_) => Vec::new(),
        }
    }

    /// Sets a control; the caller has checked name and range against [`Self::controls`].
    pub fn set_control(&mut self, name: &str, value: f64) -> bool {
        match self {
            Self::Generic(s) => s.set_control(name, value),
        }
    }
}

//! Commands: the only way anything outside the core changes the simulation.
//!
//! A run is reproducible from (scenario, seed, list of (tick, command)).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Set a station control (see the station's published [`crate::controls::ControlSpec`]s).
    SetControl {
        station: String,
        control: String,
        value: f64,
    },
    /// Stop a station after its current unit (a planned stop: counts as idle, not downtime).
    StopStation {
        station: String,
    },
    /// Restart a stopped station.
    StartStation {
        station: String,
    },
    /// Take a station out for maintenance (setup) for a time; renews its failure clock.
    StartMaintenance {
        station: String,
        duration_s: f64,
    },
    /// Instructor: inject a malfunction into a station; it lasts until maintenance.
    InjectFault {
        station: String,
        fault: crate::faults::Fault,
    },
    /// Instructor: break a station down now; repaired after `repair_s`.
    Breakdown {
        station: String,
        repair_s: f64,
    },
    /// A new material lot at the mixer: binder solution viscosity and powder dispersibility
    /// change by these factors (1 = as before).
    ChangeLot {
        station: String,
        binder_viscosity_factor: f64,
        dispersion_factor: f64,
    },
    /// Instructor: a message to the trainee, shown as it is written (a phone call from the
    /// shift lead, a customer complaint); at most [`MAX_MESSAGE_CHARS`] characters.
    SendMessage {
        text: String,
    },
    /// Trainee: record a diagnosis of what is wrong at `station` (scored by the running
    /// scenario: a right one justifies the repair, a wrong one costs).
    Diagnose {
        station: String,
        fault: crate::faults::FaultKind,
    },
    /// Trainee: take hint `hint` of the running scenario (costs its penalty).
    TakeHint {
        hint: u32,
    },
    AcknowledgeAlarm {
        alarm: u32,
    },
    ShelveAlarm {
        alarm: u32,
        duration_s: f64,
    },
    UnshelveAlarm {
        alarm: u32,
    },
}

/// Longest instructor message, characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

impl Command {
    /// Whether only the instructor may give this command (malfunctions, breakdowns, lots and
    /// messages: what the trainee must answer, not cause).
    pub fn is_instructors(&self) -> bool {
        matches!(
            self,
            Self::InjectFault { .. } | Self::Breakdown { .. } | Self::ChangeLot { .. } | Self::SendMessage { .. }
        )
    }

    /// The station a command addresses, if any.
    pub fn station(&self) -> Option<&str> {
        match self {
            Self::SetControl { station, .. }
            | Self::StopStation { station }
            | Self::StartStation { station }
            | Self::StartMaintenance { station, .. }
            | Self::Diagnose { station, .. }
            | Self::InjectFault { station, .. }
            | Self::Breakdown { station, .. }
            | Self::ChangeLot { station, .. } => Some(station),
            _ => None,
        }
    }
}

/// A command the simulation refused, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub command: Command,
    pub reason: crate::text::Message,
}

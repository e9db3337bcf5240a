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
    /// Gel or particles lodged in the die lip: lengthwise streaks.
    ClogDieLip,
    /// A dryer zone heater has failed (zones counted from 1): its air falls to ambient.
    HeaterFailure { zone: usize },
    /// The calender roll gap drifts open: the line load falls by this fraction per hour.
    RollGapDrift { per_h_frac: f64 },
    /// A chipped slitter blade: the blade behaves as if this fraction of its life were used.
    BladeDamage { wear_frac: f64 },
}

impl Fault {
    /// The fault as a person reads it (instructor panels, the debrief timeline).
    pub fn message(&self) -> Message {
        match self {
            Self::PumpPulsation { amplitude_frac } => {
                Message::new("fault-pump-pulsation").number("pct", amplitude_frac * 100.0, 0)
            }
            Self::ClogDieLip => Message::new("fault-clog-die-lip"),
            Self::HeaterFailure { zone } => Message::new("fault-heater-failure").count("zone", *zone),
            Self::RollGapDrift { per_h_frac } => {
                Message::new("fault-roll-gap-drift").number("pct_per_h", per_h_frac * 100.0, 1)
            }
            Self::BladeDamage { wear_frac } => Message::new("fault-blade-damage").number("pct", wear_frac * 100.0, 0),
        }
    }

    /// The fault in English, for logs and validation errors.
    pub fn label(&self) -> String {
        match self {
            Self::PumpPulsation { amplitude_frac } => format!("pump pulsation ({:.0} %)", amplitude_frac * 100.0),
            Self::ClogDieLip => "clogged die lip".into(),
            Self::HeaterFailure { zone } => format!("zone {zone} heater failure"),
            Self::RollGapDrift { per_h_frac } => format!("roll gap drift ({:.1} %/h)", per_h_frac * 100.0),
            Self::BladeDamage { wear_frac } => format!("blade damage ({:.0} % wear)", wear_frac * 100.0),
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
            Self::RollGapDrift { per_h_frac } => frac("per_h_frac", *per_h_frac, 0.5),
            Self::BladeDamage { wear_frac } => frac("wear_frac", *wear_frac, 2.0),
            Self::HeaterFailure { zone } if *zone == 0 => Err("zones are counted from 1".into()),
            _ => Ok(()),
        }
    }
}

/// A fault and when it started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActiveFault {
    pub fault: Fault,
    pub since_ms: u64,
}

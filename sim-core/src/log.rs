//! The event log: what happened, when (plant time) and where.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LogKind {
    Breakdown,
    Repaired,
    MaintenanceStarted { duration_s: f64 },
    MaintenanceDone,
    Stopped,
    Started,
    FaultInjected { fault: String },
    LotChanged { binder_viscosity_factor: f64, dispersion_factor: f64 },
    ControlChanged { control: String, from: f64, to: f64 },
    CommandRejected { reason: String },
    AlarmRaised { alarm: u32 },
    AlarmAcknowledged { alarm: u32 },
    AlarmShelved { alarm: u32, until_ms: u64 },
    AlarmUnshelved { alarm: u32 },
    AlarmCleared { alarm: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub at_ms: u64,
    /// Station id, where the entry concerns one.
    pub source: Option<String>,
    pub kind: LogKind,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    pub entries: Vec<LogEntry>,
}

impl EventLog {
    pub fn push(&mut self, at_ms: u64, source: Option<&str>, kind: LogKind) {
        self.entries.push(LogEntry { at_ms, source: source.map(str::to_string), kind });
    }
}

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
    CommandRejected { reason: crate::text::Message },
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

/// Entries the log keeps; older ones are dropped in blocks, so a run of any length holds
/// bounded memory (a week of the busiest bundled line logs a few hundred entries).
pub const MAX_LOG_ENTRIES: usize = 20_000;

impl EventLog {
    pub fn push(&mut self, at_ms: u64, source: Option<&str>, kind: LogKind) {
        if self.entries.len() >= MAX_LOG_ENTRIES {
            self.entries.drain(..MAX_LOG_ENTRIES / 4);
        }
        self.entries.push(LogEntry { at_ms, source: source.map(str::to_string), kind });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_stays_bounded_and_keeps_the_newest() {
        let mut log = EventLog::default();
        for i in 0..(3 * MAX_LOG_ENTRIES as u64) {
            log.push(i, None, LogKind::Repaired);
        }
        assert!(log.entries.len() <= MAX_LOG_ENTRIES);
        assert_eq!(log.entries.last().map(|e| e.at_ms), Some(3 * MAX_LOG_ENTRIES as u64 - 1));
    }
}

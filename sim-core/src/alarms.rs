//! Alarms with ISA-18.2 priorities and life cycle.
//!
//! An alarm is *raised* when its condition becomes true (active, unacknowledged), is
//! *acknowledged* by the operator, and *clears* when the condition returns to normal; it
//! leaves the active list once it is both cleared and acknowledged (an alarm that clears
//! before acknowledgement waits as "returned to normal, unacknowledged"). Shelving hides an
//! alarm from the operator for a set time without changing its condition.

use serde::{Deserialize, Serialize};

use crate::text::Message;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AlarmPriority {
    Low,
    Medium,
    High,
    Emergency,
}

impl AlarmPriority {
    /// The priority's name as the operator reads it.
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::Low => "alarm-priority-low",
            Self::Medium => "alarm-priority-medium",
            Self::High => "alarm-priority-high",
            Self::Emergency => "alarm-priority-emergency",
        })
    }
}

/// The ISA-18.2 state an alarm is in, derived from its flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlarmState {
    /// Active, not yet acknowledged.
    Unacknowledged,
    /// Active and acknowledged.
    Acknowledged,
    /// Condition cleared, still awaiting acknowledgement.
    ReturnedUnacknowledged,
    /// Cleared and acknowledged: closed.
    Normal,
    /// Hidden from the operator until a time.
    Shelved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    pub id: u32,
    /// Stable tag of the condition, e.g. `coater.breakdown`.
    pub tag: String,
    pub source: Option<String>,
    pub priority: AlarmPriority,
    /// What the operator reads (the station's name is shown beside it, from `source`).
    pub message: Message,
    pub raised_ms: u64,
    pub active: bool,
    pub acknowledged_ms: Option<u64>,
    pub cleared_ms: Option<u64>,
    pub shelved_until_ms: Option<u64>,
}

impl Alarm {
    pub fn state(&self) -> AlarmState {
        match (self.shelved_until_ms.is_some(), self.active, self.acknowledged_ms.is_some()) {
            (true, _, _) => AlarmState::Shelved,
            (false, true, false) => AlarmState::Unacknowledged,
            (false, true, true) => AlarmState::Acknowledged,
            (false, false, false) => AlarmState::ReturnedUnacknowledged,
            (false, false, true) => AlarmState::Normal,
        }
    }

    /// Still shown to the operator (not closed).
    pub fn is_open(&self) -> bool {
        self.state() != AlarmState::Normal
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlarmError {
    NoSuchAlarm(u32),
    AlreadyAcknowledged(u32),
    NotShelved(u32),
}

impl AlarmError {
    /// The refusal as the operator reads it.
    pub fn message(&self) -> Message {
        match self {
            Self::NoSuchAlarm(id) => Message::new("reject-no-alarm").count("alarm", *id),
            Self::AlreadyAcknowledged(id) => Message::new("reject-already-acknowledged").count("alarm", *id),
            Self::NotShelved(id) => Message::new("reject-not-shelved").count("alarm", *id),
        }
    }
}

impl std::fmt::Display for AlarmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchAlarm(id) => write!(f, "no alarm with id {id}"),
            Self::AlreadyAcknowledged(id) => write!(f, "alarm {id} is already acknowledged"),
            Self::NotShelved(id) => write!(f, "alarm {id} is not shelved"),
        }
    }
}

/// Alarms the board keeps before it forgets the oldest closed ones.
pub const MAX_ALARMS: usize = 2_000;

/// Every alarm of the run, open and closed, in the order raised (the oldest closed ones
/// are forgotten past [`MAX_ALARMS`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlarmBoard {
    pub alarms: Vec<Alarm>,
}

impl AlarmBoard {
    /// Raises the alarm `tag` unless it is already active; returns its id when newly raised.
    pub fn raise(
        &mut self,
        now_ms: u64,
        tag: &str,
        source: Option<&str>,
        priority: AlarmPriority,
        message: Message,
    ) -> Option<u32> {
        if self.alarms.iter().any(|a| a.tag == tag && a.active) {
            return None;
        }
        if self.alarms.len() >= MAX_ALARMS {
            self.retire_closed();
        }
        // Ids count up from 1; the board is kept in id order, so the last one is the highest.
        let id = self.alarms.last().map_or(1, |a| a.id.saturating_add(1));
        self.alarms.push(Alarm {
            id,
            tag: tag.to_string(),
            source: source.map(str::to_string),
            priority,
            message,
            raised_ms: now_ms,
            active: true,
            acknowledged_ms: None,
            cleared_ms: None,
            shelved_until_ms: None,
        });
        Some(id)
    }

    /// Forgets the oldest closed alarms (cleared and acknowledged) so that the board stays
    /// bounded on runs of any length; open ones are always kept.
    /// A run nobody acknowledges (the headless CLI) then loses its oldest cleared alarms.
    fn retire_closed(&mut self) {
        let mut to_retire = MAX_ALARMS / 4;
        for acknowledged_only in [true, false] {
            self.alarms.retain(|a| {
                let closed = !a.active && (a.acknowledged_ms.is_some() || !acknowledged_only);
                let retire = to_retire > 0 && closed;
                if retire {
                    to_retire -= 1;
                }
                !retire
            });
        }
    }

    /// Clears the active alarm `tag` (its condition returned to normal); returns its id.
    pub fn clear(&mut self, now_ms: u64, tag: &str) -> Option<u32> {
        let alarm = self.alarms.iter_mut().find(|a| a.tag == tag && a.active)?;
        alarm.active = false;
        alarm.cleared_ms = Some(now_ms);
        Some(alarm.id)
    }

    fn get_mut(&mut self, id: u32) -> Result<&mut Alarm, AlarmError> {
        self.alarms.iter_mut().find(|a| a.id == id).ok_or(AlarmError::NoSuchAlarm(id))
    }

    pub fn acknowledge(&mut self, now_ms: u64, id: u32) -> Result<(), AlarmError> {
        let alarm = self.get_mut(id)?;
        if alarm.acknowledged_ms.is_some() {
            return Err(AlarmError::AlreadyAcknowledged(id));
        }
        alarm.acknowledged_ms = Some(now_ms);
        Ok(())
    }

    pub fn shelve(&mut self, id: u32, until_ms: u64) -> Result<(), AlarmError> {
        self.get_mut(id)?.shelved_until_ms = Some(until_ms);
        Ok(())
    }

    pub fn unshelve(&mut self, id: u32) -> Result<(), AlarmError> {
        let alarm = self.get_mut(id)?;
        if alarm.shelved_until_ms.take().is_none() {
            return Err(AlarmError::NotShelved(id));
        }
        Ok(())
    }

    /// Ends shelving whose time is up; returns the ids unshelved.
    pub fn expire_shelving(&mut self, now_ms: u64) -> Vec<u32> {
        let mut ids = Vec::new();
        for alarm in &mut self.alarms {
            if alarm.shelved_until_ms.is_some_and(|t| t <= now_ms) {
                alarm.shelved_until_ms = None;
                ids.push(alarm.id);
            }
        }
        ids
    }

    /// Alarms still shown to the operator, highest priority first, then oldest first.
    pub fn open(&self) -> Vec<&Alarm> {
        let mut open: Vec<&Alarm> = self.alarms.iter().filter(|a| a.is_open()).collect();
        open.sort_by(|a, b| b.priority.cmp(&a.priority).then(a.raised_ms.cmp(&b.raised_ms)));
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg() -> Message {
        Message::new("alarm-breakdown")
    }

    #[test]
    fn life_cycle_follows_isa_18_2() {
        let mut board = AlarmBoard::default();
        let id = board.raise(0, "x.breakdown", Some("x"), AlarmPriority::High, msg()).unwrap();
        assert_eq!(board.raise(5, "x.breakdown", Some("x"), AlarmPriority::High, msg()), None);
        assert_eq!(board.alarms[0].state(), AlarmState::Unacknowledged);
        board.clear(10, "x.breakdown");
        assert_eq!(board.alarms[0].state(), AlarmState::ReturnedUnacknowledged);
        assert_eq!(board.open().len(), 1);
        board.acknowledge(20, id).unwrap();
        assert_eq!(board.alarms[0].state(), AlarmState::Normal);
        assert!(board.open().is_empty());
        assert_eq!(board.acknowledge(21, id), Err(AlarmError::AlreadyAcknowledged(id)));
        assert_eq!(board.acknowledge(21, 99), Err(AlarmError::NoSuchAlarm(99)));
    }

    #[test]
    fn shelving_hides_until_expiry() {
        let mut board = AlarmBoard::default();
        let id = board.raise(0, "t", None, AlarmPriority::Low, msg()).unwrap();
        board.shelve(id, 1000).unwrap();
        assert_eq!(board.alarms[0].state(), AlarmState::Shelved);
        assert!(board.expire_shelving(999).is_empty());
        assert_eq!(board.expire_shelving(1000), vec![id]);
        assert_eq!(board.alarms[0].state(), AlarmState::Unacknowledged);
    }

    #[test]
    fn board_stays_bounded_and_keeps_active_alarms() {
        let mut board = AlarmBoard::default();
        let first = board.raise(0, "stuck", None, AlarmPriority::High, msg()).unwrap();
        for i in 1..(3 * MAX_ALARMS as u64) {
            let id = board.raise(i, "flap", None, AlarmPriority::Low, msg()).unwrap();
            board.clear(i, "flap");
            if i % 2 == 0 {
                board.acknowledge(i, id).unwrap();
            }
        }
        assert!(board.alarms.len() <= MAX_ALARMS);
        assert!(board.alarms.iter().any(|a| a.id == first && a.active), "an active alarm is never forgotten");
        let ids: Vec<u32> = board.alarms.iter().map(|a| a.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids stay unique and in order");
        assert_eq!(*ids.last().unwrap() as usize, 3 * MAX_ALARMS);
    }

    #[test]
    fn open_alarms_sort_by_priority() {
        let mut board = AlarmBoard::default();
        board.raise(0, "a", None, AlarmPriority::Low, msg());
        board.raise(1, "b", None, AlarmPriority::Emergency, msg());
        board.raise(2, "c", None, AlarmPriority::High, msg());
        let tags: Vec<&str> = board.open().iter().map(|a| a.tag.as_str()).collect();
        assert_eq!(tags, ["b", "c", "a"]);
    }
}

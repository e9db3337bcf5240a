//! Replay files: everything needed to reproduce a run, saved as RON.
//!
//! A replay names its source (a line layout or, later, a scenario) with the BLAKE3 hash of the
//! file's content, the seed, the number of ticks, and the commands with the tick at which
//! each was given. Replaying reproduces the final state hash.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::input::{self, FieldPath, InputError, Issues};
use crate::layout::LineLayout;
use crate::sim::{Simulation, StateHash};

/// Limits against mistaken or hostile replay files.
pub const MAX_REPLAY_COMMANDS: usize = 100_000;
pub const MAX_REPLAY_BRANCHES: usize = 1_000;
pub const MAX_REPLAY_TICKS: u64 = 366 * 86_400 * 10;
/// Longest plant time a replay may cover (two years), however its ticks are cut.
pub const MAX_REPLAY_PLANT_MS: u64 = 2 * 366 * 86_400 * 1000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReplaySource {
    /// A line layout file, by path (relative to the replay file) and content hash.
    Line { path: String, content_hash: String },
    /// A scenario file, by path (relative to the replay file) and content hash.
    Scenario { path: String, content_hash: String },
}

/// Who gave a command: the trainee at the panels, or the instructor at the instructor's
/// station (faults, breakdowns, lots and messages the trainee must answer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    #[default]
    Trainee,
    Instructor,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimedCommand {
    pub tick: u64,
    pub command: Command,
    /// Who gave it (left out of replay files for the trainee's own commands).
    #[serde(default)]
    pub by: Actor,
}

/// Written with `by` only where it says something in text (RON) files; always in binary
/// snapshots and state hashes, whose formats (postcard) need every field in its place.
impl Serialize for TimedCommand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let with_actor = !serializer.is_human_readable() || self.by != Actor::Trainee;
        let mut s = serializer.serialize_struct("TimedCommand", if with_actor { 3 } else { 2 })?;
        s.serialize_field("tick", &self.tick)?;
        s.serialize_field("command", &self.command)?;
        if with_actor {
            s.serialize_field("by", &self.by)?;
        } else {
            s.skip_field("by")?;
        }
        s.end()
    }
}

impl TimedCommand {
    /// A trainee's command at `tick`.
    pub fn trainee(tick: u64, command: Command) -> Self {
        Self { tick, command, by: Actor::Trainee }
    }

    /// An instructor's command at `tick`.
    pub fn instructor(tick: u64, command: Command) -> Self {
        Self { tick, command, by: Actor::Instructor }
    }
}

/// A rewind during the run: at `from_tick` the instructor took the run back to the snapshot
/// at `to_tick`; the commands given in between were dropped from the run and are kept here,
/// so the debrief and the instructor can see the branch that was abandoned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub from_tick: u64,
    pub to_tick: u64,
    #[serde(default)]
    pub abandoned: Vec<TimedCommand>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replay {
    pub source: ReplaySource,
    pub seed: u64,
    #[serde(default = "default_step_ms")]
    pub step_ms: u64,
    /// Ticks the run lasts.
    pub ticks: u64,
    #[serde(default)]
    pub commands: Vec<TimedCommand>,
    /// State hash at the end of the recorded run.
    #[serde(default)]
    pub final_hash: Option<StateHash>,
    /// Score of the recorded run (scenario replays).
    #[serde(default)]
    pub final_score: Option<f64>,
    /// Rewinds the instructor made, oldest first (the run above is the branch that went on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
}

fn default_step_ms() -> u64 {
    crate::sim::DEFAULT_STEP_MS
}

/// BLAKE3 of a file's content, hex (the first 32 digits).
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

impl Replay {
    pub fn from_ron(file: &str, source: &str) -> Result<Self, InputError> {
        let replay: Self = input::parse_ron(file, source)?;
        let mut issues = Issues::default();
        let root = FieldPath::root();
        if replay.commands.len() > MAX_REPLAY_COMMANDS {
            issues.push(
                root.clone().field("commands"),
                format!("{} commands exceed the limit of {MAX_REPLAY_COMMANDS}", replay.commands.len()),
            );
        }
        if replay.ticks > MAX_REPLAY_TICKS {
            issues.push(
                root.clone().field("ticks"),
                format!("{} ticks exceed the limit of {MAX_REPLAY_TICKS}", replay.ticks),
            );
        }
        if replay.step_ms == 0 || replay.step_ms > crate::sim::MAX_STEP_MS {
            issues.push(
                root.clone().field("step_ms"),
                format!("the time step must be 1 to {} ms, got {}", crate::sim::MAX_STEP_MS, replay.step_ms),
            );
        } else if replay.ticks.saturating_mul(replay.step_ms) > MAX_REPLAY_PLANT_MS {
            issues.push(
                root.clone().field("ticks"),
                format!(
                    "{} ticks of {} ms exceed the limit of {} h of plant time",
                    replay.ticks,
                    replay.step_ms,
                    MAX_REPLAY_PLANT_MS / 3_600_000
                ),
            );
        }
        let mut last = 0;
        for (i, c) in replay.commands.iter().enumerate() {
            if c.tick < last {
                issues.push(
                    root.clone().field("commands").index(i).field("tick"),
                    format!("commands must be in tick order: tick {} comes after tick {last}", c.tick),
                );
            }
            if c.tick >= replay.ticks {
                issues.push(
                    root.clone().field("commands").index(i).field("tick"),
                    format!("tick {} is not before the end of the run (tick {})", c.tick, replay.ticks),
                );
            }
            // What only a scenario takes: a line alone would ignore or refuse it, and a line
            // replay's hash could not tell it was there.
            if matches!(replay.source, ReplaySource::Line { .. })
                && matches!(
                    c.command,
                    Command::SendMessage { .. } | Command::Diagnose { .. } | Command::TakeHint { .. }
                )
            {
                issues.push(
                    root.clone().field("commands").index(i).field("command"),
                    "messages, diagnoses and hints belong to a scenario; a line replay cannot carry them",
                );
            }
            last = c.tick;
        }
        for (i, b) in replay.branches.iter().enumerate() {
            if b.to_tick > b.from_tick {
                issues.push(
                    root.clone().field("branches").index(i).field("to_tick"),
                    format!("a rewind goes back: to tick {} is after tick {}", b.to_tick, b.from_tick),
                );
            }
            if b.abandoned.len() > MAX_REPLAY_COMMANDS {
                issues.push(
                    root.clone().field("branches").index(i).field("abandoned"),
                    format!("{} commands exceed the limit of {MAX_REPLAY_COMMANDS}", b.abandoned.len()),
                );
            }
        }
        if replay.branches.len() > MAX_REPLAY_BRANCHES {
            issues.push(
                root.clone().field("branches"),
                format!("{} rewinds exceed the limit of {MAX_REPLAY_BRANCHES}", replay.branches.len()),
            );
        }
        if replay.final_hash.is_none() {
            issues.push(root.clone(), "a replay must record `final_hash`, the state hash it reproduces");
        }
        match (&replay.source, replay.final_score) {
            (ReplaySource::Scenario { .. }, None) => {
                issues.push(root.clone(), "a scenario replay must record `final_score`, the score it reproduces")
            }
            (ReplaySource::Line { .. }, Some(_)) => issues.push(
                root.clone().field("final_score"),
                "a line replay has no score (only a scenario is scored): remove `final_score`",
            ),
            (_, Some(score)) if !(score.is_finite() && (0.0..=100.0).contains(&score)) => {
                issues.push(root.clone().field("final_score"), format!("a score is 0 to 100, got {score}"))
            }
            _ => {}
        }
        match issues.into_error(file, source) {
            Some(err) => Err(err),
            None => Ok(replay),
        }
    }

    pub fn to_ron(&self) -> Result<String, String> {
        input::to_ron(self)
    }

    /// Runs the replay on `layout`, returning the simulation at its last tick.
    pub fn run(&self, layout: &LineLayout) -> Result<Simulation, Issues> {
        let mut sim = Simulation::with_step(layout, self.seed, self.step_ms)?;
        let mut next = 0;
        while sim.tick < self.ticks {
            // Jump over stretches without commands.
            let until = self.commands.get(next).map_or(self.ticks, |c| c.tick.min(self.ticks));
            if until > sim.tick {
                sim.advance_ticks(until - sim.tick);
                continue;
            }
            let start = next;
            while next < self.commands.len() && self.commands[next].tick == sim.tick {
                next += 1;
            }
            let batch: Vec<Command> = self.commands[start..next].iter().map(|c| c.command.clone()).collect();
            sim.tick(&batch);
        }
        Ok(sim)
    }
}

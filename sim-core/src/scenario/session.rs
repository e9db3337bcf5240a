//! A training session as the instructor's station runs it: the scenario run, the freeze
//! switch, automatic snapshots to rewind to, and hot reload of the scenario file.
//!
//! Everything here goes through the run's commands, so a session's replay reproduces what
//! the trainee saw: a rewind restores a snapshot (whose recorded commands end where it was
//! taken) and keeps the abandoned stretch as a [`Branch`]; a reload starts the new scenario
//! and gives it the commands recorded so far, up to the tick the session had reached.

use serde::{Deserialize, Serialize};

use super::Scenario;
use super::run::ScenarioRun;
use crate::command::Command;
use crate::input::{FieldPath, InputError};
use crate::layout::LineLayout;
use crate::replay::{Actor, Branch, MAX_REPLAY_BRANCHES, Replay, ReplaySource, TimedCommand, content_hash};
use crate::sim::TickReport;

/// Snapshots kept at most; when full, every other one is dropped (so they still cover the
/// whole run, more coarsely), which bounds the memory a long session takes.
pub const MAX_SNAPSHOTS: usize = 48;
/// Bytes the kept snapshots may take together (each is the run serialised, a few hundred
/// kB for a shift of the electrode line, 2.6 MB at the end of the 30 h cell-test scenario);
/// past it, every other one is dropped too.
pub const MAX_SNAPSHOT_BYTES: usize = 48 << 20;

/// Default plant time between automatic snapshots, minutes.
pub const DEFAULT_SNAPSHOT_EVERY_MIN: f64 = 15.0;

/// The run as it stood at one tick, kept serialised (postcard): a fraction of the memory
/// of the live run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub tick: u64,
    pub at_ms: u64,
    /// Commands given up to this tick (for the instructor's list).
    pub commands: usize,
    run: Vec<u8>,
}

impl Snapshot {
    fn of(run: &ScenarioRun) -> Option<Self> {
        let bytes = postcard::to_allocvec(run).ok()?;
        Some(Self { tick: run.sim.tick, at_ms: run.sim.now_ms, commands: run.commands.len(), run: bytes })
    }

    /// The run this snapshot restores.
    pub fn run(&self) -> Option<ScenarioRun> {
        postcard::from_bytes(&self.run).ok()
    }

    /// Bytes it takes.
    pub fn size(&self) -> usize {
        self.run.len()
    }
}

/// A scenario run with the instructor's controls around it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub run: ScenarioRun,
    /// While frozen, ticks do nothing: the plant, the clock and the trainee all wait.
    pub frozen: bool,
    /// Plant time between automatic snapshots, milliseconds (0: none).
    pub snapshot_every_ms: u64,
    snapshots: Vec<Snapshot>,
    /// Rewinds so far, oldest first.
    pub branches: Vec<Branch>,
}

impl Session {
    /// A session around a run that has not started, taking a snapshot every
    /// `snapshot_every_min` plant minutes (and one at the start).
    pub fn new(run: ScenarioRun, snapshot_every_min: f64) -> Self {
        let every = if snapshot_every_min.is_finite() { snapshot_every_min.clamp(0.0, 24.0 * 60.0) } else { 0.0 };
        Self::with_every_ms(run, (every * 60_000.0) as u64)
    }

    fn with_every_ms(run: ScenarioRun, snapshot_every_ms: u64) -> Self {
        let mut session = Self { run, frozen: false, snapshot_every_ms, snapshots: Vec::new(), branches: Vec::new() };
        session.take_snapshot();
        session
    }

    /// The snapshots to rewind to, oldest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// One tick with the trainee's and the instructor's commands, unless frozen; then a
    /// snapshot if one is due.
    pub fn tick(&mut self, trainee: &[Command], instructor: &[Command]) -> TickReport {
        if self.frozen || self.run.is_finished() {
            return TickReport::default();
        }
        let report = self.run.tick_with(trainee, instructor);
        let last = self.snapshots.last().map_or(0, |s| s.at_ms);
        if self.snapshot_every_ms > 0 && self.run.sim.now_ms >= last.saturating_add(self.snapshot_every_ms) {
            self.take_snapshot();
        }
        report
    }

    /// Keeps the run as it stands now (thinning the list when it is full).
    pub fn take_snapshot(&mut self) {
        if self.snapshots.last().is_some_and(|s| s.tick == self.run.sim.tick) {
            return;
        }
        let Some(snapshot) = Snapshot::of(&self.run) else { return };
        while self.snapshots.len() >= MAX_SNAPSHOTS
            || (self.snapshots.len() > 1
                && self.snapshots.iter().map(Snapshot::size).sum::<usize>() + snapshot.size() > MAX_SNAPSHOT_BYTES)
        {
            let mut keep = 0;
            self.snapshots.retain(|_| {
                keep += 1;
                keep % 2 == 1
            });
        }
        self.snapshots.push(snapshot);
    }

    /// Takes the run back to snapshot `index`: the trainee goes on from there, the stretch
    /// after it is kept as a branch, and later snapshots are dropped. `false` if there is no
    /// such snapshot.
    pub fn rewind(&mut self, index: usize) -> bool {
        let Some(snapshot) = self.snapshots.get(index) else { return false };
        let Some(run) = snapshot.run() else { return false };
        let to_tick = snapshot.tick;
        let abandoned: Vec<TimedCommand> = self.run.commands.iter().filter(|c| c.tick >= to_tick).cloned().collect();
        if self.branches.len() >= MAX_REPLAY_BRANCHES {
            // A replay keeps the newest rewinds (its limit); the oldest go.
            self.branches.remove(0);
        }
        self.branches.push(Branch { from_tick: self.run.sim.tick, to_tick, abandoned });
        self.run = run;
        self.snapshots.truncate(index + 1);
        true
    }

    /// Hot reload: reads the edited scenario and, if it is valid for `layout`, starts it
    /// again with the same seed and the commands recorded so far, up to the tick the
    /// session had reached. On any error the session is left exactly as it was, and the
    /// error names the file, line:column and field.
    pub fn reload(&mut self, file: &str, text: &str, layout: &LineLayout) -> Result<(), InputError> {
        let scenario = Scenario::load(file, text, layout)?;
        let run = ScenarioRun::new(&scenario, layout, Some(self.run.sim.seed))
            .map_err(|e| InputError::at_field(file, text, &FieldPath::root(), e))?;
        let until = self.run.sim.tick.min(run.ticks_total);
        let commands: Vec<&TimedCommand> = self.run.commands.iter().filter(|c| c.tick < until).collect();
        let mut reloaded = Session::with_every_ms(run, self.snapshot_every_ms);
        let mut next = 0;
        while reloaded.run.sim.tick < until {
            let tick = reloaded.run.sim.tick;
            let start = next;
            while next < commands.len() && commands[next].tick <= tick {
                next += 1;
            }
            let of = |actor: Actor| -> Vec<Command> {
                commands[start..next].iter().filter(|c| c.by == actor).map(|c| c.command.clone()).collect()
            };
            reloaded.tick(&of(Actor::Trainee), &of(Actor::Instructor));
        }
        reloaded.frozen = self.frozen;
        reloaded.branches = std::mem::take(&mut self.branches);
        *self = reloaded;
        Ok(())
    }

    /// The replay of the session: the run that went on, and the branches rewound away.
    pub fn replay(&self, file: &str, text: &str, score: f64) -> Replay {
        Replay {
            source: ReplaySource::Scenario { path: file.to_string(), content_hash: content_hash(text) },
            seed: self.run.sim.seed,
            step_ms: self.run.sim.step_ms,
            ticks: self.run.ticks_total,
            commands: self.run.commands.clone(),
            final_hash: Some(self.run.state_hash()),
            final_score: Some(score),
            branches: self.branches.clone(),
        }
    }
}

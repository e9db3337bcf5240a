//! Stepping the twin: the [`Twin`] resource holding the running session (the scenario run
//! with the instructor's freeze and snapshots), stepped in `FixedUpdate` while playing at the
//! chosen [`PlantSpeed`] unless [`Paused`] or frozen, and driven only by the queued commands.

use bevy::prelude::*;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::session::{DEFAULT_SNAPSHOT_EVERY_MIN, Session};
use sim_core::{LineLayout, Simulation};

use super::commands::CommandQueue;
use crate::catalogue::Entry;
use crate::screens::Screen;

/// Fixed-step rate of the simulation driver, Hz.
pub const FIXED_HZ: f64 = 20.0;
/// Most simulation ticks one fixed step may run (caps catch-up work per frame).
pub const MAX_TICKS_PER_STEP: u64 = 2_000;

/// The running session, its layout and the file it came from.
#[derive(Resource)]
pub struct Twin {
    pub session: Session,
    pub layout: LineLayout,
    /// Scenario file name and text (for the replay's content hash; a hot reload replaces
    /// the text).
    pub file: String,
    pub text: String,
    /// Real seconds played (the plant running, not paused or frozen), for the results.
    pub played_s: f64,
}

impl Twin {
    pub fn new(entry: &Entry, seed: Option<u64>) -> Result<Self, String> {
        let run = ScenarioRun::new(&entry.scenario, &entry.layout, seed)?;
        Ok(Self {
            session: Session::new(run, DEFAULT_SNAPSHOT_EVERY_MIN),
            layout: entry.layout.clone(),
            file: entry.file.clone(),
            text: entry.text.clone(),
            played_s: 0.0,
        })
    }

    pub fn sim(&self) -> &Simulation {
        &self.session.run.sim
    }
}

/// Plant speed: plant seconds per real second (0 = paused).
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct PlantSpeed(pub f64);

impl Default for PlantSpeed {
    fn default() -> Self {
        Self(100.0)
    }
}

/// Whether the pause menu is open (the plant stops).
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

/// Plant milliseconds owed to the simulation but not yet ticked.
#[derive(Resource, Default)]
struct PlantClock {
    owed_ms: f64,
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Time::<Fixed>::from_hz(FIXED_HZ))
        .init_resource::<PlantSpeed>()
        .init_resource::<PlantClock>()
        .init_resource::<Paused>()
        .add_systems(FixedUpdate, step_simulation.run_if(in_state(Screen::Play).and_then(resource_exists::<Twin>)))
        .add_systems(OnEnter(Screen::Play), reset_clock);
}

fn reset_clock(mut clock: ResMut<PlantClock>) {
    clock.owed_ms = 0.0;
}

/// Advances the run by the plant time one fixed step stands for at the current speed,
/// handing queued commands to the first tick.
fn step_simulation(
    time: Res<Time>,
    speed: Res<PlantSpeed>,
    paused: Res<Paused>,
    mut clock: ResMut<PlantClock>,
    mut twin: ResMut<Twin>,
    mut queue: ResMut<CommandQueue>,
) {
    if paused.0 || twin.session.run.is_finished() {
        return;
    }
    if twin.session.frozen {
        // Frozen by the instructor: the plant waits, and so do the queued commands.
        return;
    }
    twin.played_s += time.delta_secs_f64();
    let step_ms = twin.session.run.sim.step_ms as f64;
    clock.owed_ms += time.delta_secs_f64() * 1000.0 * speed.0.max(0.0);
    let mut ticks = (clock.owed_ms / step_ms).floor() as u64;
    if ticks == 0 && (queue.has_pending() || queue.has_instructors()) {
        // Commands given at pause speed still take effect, on one tick.
        ticks = 1;
    }
    if ticks == 0 {
        return;
    }
    let ticks = ticks.min(MAX_TICKS_PER_STEP);
    clock.owed_ms = (clock.owed_ms - ticks as f64 * step_ms).max(0.0);
    let commands = queue.take_pending();
    let instructor = queue.take_instructors();
    let report = twin.session.tick(&commands, &instructor);
    queue.rejections.extend(report.rejected.into_iter().map(|r| r.reason));
    queue.instructor_rejections.extend(report.instructor_rejected.into_iter().map(|r| r.reason));
    for _ in 1..ticks {
        if twin.session.run.is_finished() {
            break;
        }
        twin.session.tick(&[], &[]);
    }
}

//! Stepping the twin: the [`Twin`] resource holding the running scenario, stepped in
//! `FixedUpdate` while playing at the chosen [`PlantSpeed`] unless [`Paused`], and driven
//! only by the queued commands.

use bevy::prelude::*;
use sim_core::scenario::run::ScenarioRun;
use sim_core::{LineLayout, Simulation};

use super::commands::CommandQueue;
use crate::catalogue::Entry;
use crate::screens::Screen;

/// Fixed-step rate of the simulation driver, Hz.
pub const FIXED_HZ: f64 = 20.0;
/// Most simulation ticks one fixed step may run (caps catch-up work per frame).
pub const MAX_TICKS_PER_STEP: u64 = 2_000;

/// The running scenario, its layout and the file it came from.
#[derive(Resource)]
pub struct Twin {
    pub run: ScenarioRun,
    pub layout: LineLayout,
    /// Scenario file name and text (for the replay's content hash).
    pub file: String,
    pub text: String,
}

impl Twin {
    pub fn new(entry: &Entry, seed: Option<u64>) -> Result<Self, String> {
        let run = ScenarioRun::new(&entry.scenario, &entry.layout, seed)?;
        Ok(Self { run, layout: entry.layout.clone(), file: entry.file.clone(), text: entry.text.clone() })
    }

    pub fn sim(&self) -> &Simulation {
        &self.run.sim
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
    if paused.0 || twin.run.is_finished() {
        return;
    }
    let step_ms = twin.run.sim.step_ms as f64;
    clock.owed_ms += time.delta_secs_f64() * 1000.0 * speed.0.max(0.0);
    let mut ticks = (clock.owed_ms / step_ms).floor() as u64;
    if ticks == 0 && queue.has_pending() {
        // Commands given at pause speed still take effect, on one tick.
        ticks = 1;
    }
    if ticks == 0 {
        return;
    }
    let ticks = ticks.min(MAX_TICKS_PER_STEP);
    clock.owed_ms = (clock.owed_ms - ticks as f64 * step_ms).max(0.0);
    let commands = queue.take_pending();
    let report = twin.run.tick(&commands);
    queue.rejections.extend(report.rejected.into_iter().map(|r| r.reason));
    for _ in 1..ticks {
        if twin.run.is_finished() {
            break;
        }
        twin.run.tick(&[]);
    }
}

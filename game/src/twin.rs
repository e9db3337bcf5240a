//! The simulation inside the app: stepped in `FixedUpdate`, driven only by queued commands.
//!
//! Works without rendering (`MinimalPlugins`), which is how the headless tests run it.

use bevy::prelude::*;
use sim_core::{Command, LineLayout, Simulation};

/// Fixed-step rate of the simulation driver, Hz.
pub const FIXED_HZ: f64 = 20.0;
/// Most simulation ticks one fixed step may run (caps catch-up work per frame).
pub const MAX_TICKS_PER_STEP: u64 = 2_000;

/// The running simulation and the layout it came from.
#[derive(Resource)]
pub struct Twin {
    pub sim: Simulation,
    pub layout: LineLayout,
}

impl Twin {
    pub fn new(layout: LineLayout, seed: u64) -> Result<Self, String> {
        let sim = Simulation::new(&layout, seed).map_err(|issues| issues.to_string())?;
        Ok(Self { sim, layout })
    }
}

/// Commands queued by the UI for the next tick, and every command sent so far with its tick
/// (the replay of the session).
#[derive(Resource, Default)]
pub struct CommandQueue {
    pending: Vec<Command>,
    pub sent: Vec<(u64, Command)>,
    /// Reasons the simulation gave for refusing commands, newest last.
    pub rejections: Vec<String>,
}

impl CommandQueue {
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }
}

/// Plant speed: plant seconds per real second (0 = paused).
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct PlantSpeed(pub f64);

impl Default for PlantSpeed {
    fn default() -> Self {
        Self(10.0)
    }
}

/// Plant milliseconds owed to the simulation but not yet ticked.
#[derive(Resource, Default)]
struct PlantClock {
    owed_ms: f64,
}

pub fn plugin(app: &mut App) {
    app.insert_resource(Time::<Fixed>::from_hz(FIXED_HZ))
        .init_resource::<CommandQueue>()
        .init_resource::<PlantSpeed>()
        .init_resource::<PlantClock>()
        .add_systems(FixedUpdate, step_simulation.run_if(resource_exists::<Twin>));
}

/// Advances the simulation by the plant time one fixed step stands for at the current speed,
/// handing queued commands to the first tick.
fn step_simulation(
    time: Res<Time>,
    speed: Res<PlantSpeed>,
    mut clock: ResMut<PlantClock>,
    mut twin: ResMut<Twin>,
    mut queue: ResMut<CommandQueue>,
) {
    let step_ms = twin.sim.step_ms as f64;
    clock.owed_ms += time.delta_secs_f64() * 1000.0 * speed.0.max(0.0);
    let mut ticks = (clock.owed_ms / step_ms).floor() as u64;
    if ticks == 0 && !queue.pending.is_empty() {
        // Commands given while paused still take effect, on one tick.
        ticks = 1;
    }
    if ticks == 0 {
        return;
    }
    let ticks = ticks.min(MAX_TICKS_PER_STEP);
    clock.owed_ms = (clock.owed_ms - ticks as f64 * step_ms).max(0.0);
    let commands = std::mem::take(&mut queue.pending);
    let tick = twin.sim.tick;
    queue.sent.extend(commands.iter().cloned().map(|c| (tick, c)));
    let report = twin.sim.tick(&commands);
    queue.rejections.extend(report.rejected.into_iter().map(|r| r.reason));
    if ticks > 1 {
        twin.sim.advance_ticks(ticks - 1);
    }
}

//! The command queue: what the trainee asked for since the last tick, and the reasons the
//! simulation refused earlier commands.

use bevy::prelude::*;
use sim_core::Command;

/// Commands queued by the UI for the next tick, and the reasons the last ones were refused.
#[derive(Resource, Default)]
pub struct CommandQueue {
    pending: Vec<Command>,
    /// Reasons the simulation gave for refusing commands, newest last.
    pub rejections: Vec<sim_core::text::Message>,
}

impl CommandQueue {
    pub fn send(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Whether commands are waiting for the next tick.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Hands the waiting commands over (to the tick that applies them).
    pub fn take_pending(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.pending)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CommandQueue>();
}

//! The command queue: what the trainee and the instructor asked for since the last tick, and
//! the reasons the simulation refused earlier commands (each told only to whoever gave them).

use bevy::prelude::*;
use sim_core::Command;

/// Commands queued by the UI for the next tick, and the reasons the last ones were refused.
#[derive(Resource, Default)]
pub struct CommandQueue {
    pending: Vec<Command>,
    instructors: Vec<Command>,
    /// Reasons the simulation gave for refusing the trainee's commands, newest last.
    pub rejections: Vec<sim_core::text::Message>,
    /// Reasons it gave for refusing the instructor's, newest last.
    pub instructor_rejections: Vec<sim_core::text::Message>,
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

    /// Queues an instructor's command (marked as the instructor's in the replay).
    pub fn send_as_instructor(&mut self, command: Command) {
        self.instructors.push(command);
    }

    pub fn has_instructors(&self) -> bool {
        !self.instructors.is_empty()
    }

    /// Hands the instructor's waiting commands over.
    pub fn take_instructors(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.instructors)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CommandQueue>();
}

//! Screens: title -> scenario select -> briefing -> play (with a pause menu) -> debrief.
//! One file per screen, each with its window and what entering it does. Transitions are
//! plain state changes so the headless tests drive them without a UI.

use bevy::prelude::*;

pub mod briefing;
pub mod debrief;
pub mod play;
pub mod select;
pub mod title;

/// The screen the trainee is on.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Select,
    Briefing,
    Play,
    Debrief,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_plugins((title::plugin, select::plugin, briefing::plugin, play::plugin, debrief::plugin));
}

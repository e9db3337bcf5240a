//! The instructor's station, a mode of the game (`--instructor`; F9 shows or hides its
//! window): live malfunctions, breakdowns, lot changes and messages sent as the instructor's
//! commands (marked so in the replay); freeze and rewind to the session's snapshots; hot
//! reload of the scenario file being written (`--scenario-file`); and a trainee's history.
//!
//! The trainee's panels never show what the instructor did: only its effects on the plant,
//! the messages sent, and a banner while the plant is frozen.

use bevy::prelude::*;

use crate::AppSystems;
use crate::screens::Screen;

pub mod hot_reload;
mod window;

/// Whether this game runs as the instructor's station, and whether its window is shown.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InstructorMode {
    /// Started with `--instructor`: the window exists at all.
    pub enabled: bool,
    /// The window is shown (F9).
    pub open: bool,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<InstructorMode>()
        .add_systems(Update, toggle_window.in_set(AppSystems::Input).run_if(in_state(Screen::Play)))
        .add_plugins((hot_reload::plugin, window::plugin));
}

fn toggle_window(keys: Option<Res<ButtonInput<KeyCode>>>, mut mode: ResMut<InstructorMode>) {
    if mode.enabled && keys.is_some_and(|k| k.just_pressed(KeyCode::F9)) {
        mode.open = !mode.open;
    }
}

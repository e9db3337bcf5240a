//! Menus that open over the screens: the pause menu (play) and the settings window (title
//! and pause).

use bevy::prelude::*;

mod pause;
mod settings;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((pause::plugin, settings::plugin));
}

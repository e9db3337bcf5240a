//! The scenario run inside the app: the fixed-step driver that ticks it, the command queue
//! the panels fill, and the trends recorded from it. All of it works without rendering
//! (`MinimalPlugins` + `StatesPlugin`), which is how the headless tests and the bench run it.

use bevy::prelude::*;

pub mod commands;
pub mod stepping;
pub mod trends;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((commands::plugin, stepping::plugin, trends::plugin));
}

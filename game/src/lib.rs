//! Intellibat Twin front end: renders the halls, shows the screens and panels, sends commands.
//!
//! The game never computes physics: it reads the [`sim_core::scenario::run::ScenarioRun`]
//! held in the [`twin::Twin`] resource and queues [`sim_core::Command`]s that the fixed-step
//! system hands to its `tick`. Plugins follow one-plugin-per-file: `fn plugin(app: &mut App)`.

pub mod audio;
pub mod camera;
pub mod catalogue;
pub mod hall;
pub mod screens;
pub mod screenshot;
pub mod settings;
pub mod testing;
pub mod trends;
pub mod twin;
pub mod ui;

use bevy::prelude::*;

/// Ordering of the game's per-frame work.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// Read input and turn it into commands.
    Input,
    /// Update visuals from the simulation state.
    Visuals,
}

/// The game logic that runs without rendering: catalogue, screens, the twin, trends.
pub fn logic_plugin(app: &mut App) {
    app.add_plugins((catalogue::plugin, settings::plugin, screens::plugin, twin::plugin, trends::plugin));
}

/// Everything the windowed game adds on top of Bevy's default plugins.
pub fn plugin(app: &mut App) {
    app.configure_sets(Update, (AppSystems::Input, AppSystems::Visuals).chain());
    app.add_plugins(logic_plugin);
    app.add_plugins((hall::plugin, camera::plugin, ui::plugin, audio::plugin, screenshot::plugin));
}

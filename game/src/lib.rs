//! Intellibat Twin front end: renders the line, shows panels, sends commands.
//!
//! The game never computes physics: it reads the [`sim_core::Simulation`] held in the
//! [`twin::Twin`] resource and queues [`sim_core::Command`]s that the fixed-step system hands
//! to `Simulation::tick`. Plugins follow one-plugin-per-file: `fn plugin(app: &mut App)`.

pub mod camera;
pub mod hall;
pub mod screenshot;
pub mod testing;
pub mod twin;
pub mod ui;

use bevy::prelude::*;

/// The layout shipped with the game (also used by the web build, which has no file system).
pub const DEFAULT_LAYOUT: &str = include_str!("../../assets/lines/electrode-nmc811.ron");
pub const DEFAULT_LAYOUT_NAME: &str = "assets/lines/electrode-nmc811.ron";

/// Ordering of the game's per-frame work.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// Read input and turn it into commands.
    Input,
    /// Update visuals from the simulation state.
    Visuals,
}

/// Everything the windowed game adds on top of Bevy's default plugins.
pub fn plugin(app: &mut App) {
    app.configure_sets(Update, (AppSystems::Input, AppSystems::Visuals).chain());
    app.add_plugins((twin::plugin, hall::plugin, camera::plugin, ui::plugin, screenshot::plugin));
}

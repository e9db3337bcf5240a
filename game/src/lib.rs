//! Intellibat Twin front end: renders the halls, shows the screens and panels, sends commands.
//!
//! The game never computes physics: it reads the [`sim_core::scenario::run::ScenarioRun`]
//! held in the [`sim::stepping::Twin`] resource and queues [`sim_core::Command`]s that the
//! fixed-step system hands to its `tick`.
//!
//! Organised by feature: `sim` (stepping the twin, the command queue, trends), `screens` (one
//! file per screen), `menus` (pause, settings), `hud` (the play screen's panels and windows),
//! `instructor` (the instructor's window, hot reload of the scenario file), `records` (the
//! trainee and the results store), `world` (sites, halls, models, effects). One plugin per file, a plain `fn plugin(app: &mut
//! App)`; parents add their children's plugins.

pub mod audio;
pub mod camera;
pub mod catalogue;
pub mod hud;
pub mod instructor;
pub mod menus;
pub mod records;
pub mod screens;
pub mod screenshot;
pub mod settings;
pub mod sim;
pub mod testing;
pub mod theme;
pub mod views;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod world;

use bevy::prelude::*;
use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};

/// Ordering of the game's per-frame work.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// Read input and turn it into commands.
    Input,
    /// Update visuals from the simulation state.
    Visuals,
}

/// Drawing order of the egui pass: later sets draw over earlier ones when windows first open.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiSystems {
    /// UI scale and other style applied before anything is drawn.
    Style,
    /// The window or page of the current screen.
    Screens,
    /// The play screen's panels around the hall.
    Panels,
    /// The selected station's window.
    StationWindow,
    /// The trend plots.
    Trends,
    /// The pause menu.
    Menus,
    /// The settings window, over the title and the pause menu.
    Settings,
    /// The instructor's window and the scenario file's reload status.
    Instructor,
    /// Drawn over the hall view, and the hall viewport off the play screen.
    Overlays,
}

/// The game logic that runs without rendering: catalogue, settings, results, screens, the
/// twin, and the instructor's station.
pub fn logic_plugin(app: &mut App) {
    app.add_plugins((
        catalogue::plugin,
        settings::plugin,
        records::plugin,
        screens::plugin,
        sim::plugin,
        instructor::plugin,
    ));
}

/// Everything the windowed game adds on top of Bevy's default plugins.
pub fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default());
    app.configure_sets(Update, (AppSystems::Input, AppSystems::Visuals).chain());
    app.configure_sets(
        EguiPrimaryContextPass,
        (
            UiSystems::Style,
            UiSystems::Screens,
            UiSystems::Panels,
            UiSystems::StationWindow,
            UiSystems::Trends,
            UiSystems::Menus,
            UiSystems::Settings,
            UiSystems::Instructor,
            UiSystems::Overlays,
        )
            .chain(),
    );
    app.add_plugins(logic_plugin);
    app.add_plugins((
        world::plugin,
        camera::plugin,
        views::plugin,
        hud::plugin,
        menus::plugin,
        audio::plugin,
        screenshot::plugin,
    ));
}

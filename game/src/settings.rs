//! Player settings: volume, UI scale, colour-blind-safe palette.

use bevy::prelude::*;

#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Settings {
    /// Master volume, 0..1.
    pub volume: f32,
    /// UI zoom factor, 0.75..2.
    pub ui_scale: f32,
    /// Use the Okabe-Ito palette for states and alarms.
    pub colour_blind: bool,
    /// Whether the settings window is open.
    pub open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { volume: 0.6, ui_scale: 1.0, colour_blind: false, open: false }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
}

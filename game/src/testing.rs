//! Ready-made apps for tests: the simulation driver without rendering or windows.

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use sim_core::LineLayout;

use crate::twin::{PlantSpeed, Twin};

/// A `MinimalPlugins` app running the bundled layout at `speed` plant seconds per real
/// second, advancing exactly one fixed step (1/20 s) per `update()`.
pub fn headless_app(speed: f64) -> App {
    let layout =
        LineLayout::from_ron(crate::DEFAULT_LAYOUT_NAME, crate::DEFAULT_LAYOUT).expect("bundled layout is valid");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins(crate::twin::plugin)
        .insert_resource(Twin::new(layout, 1).expect("valid layout"))
        .insert_resource(PlantSpeed(speed))
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
    // The first update only starts the clock.
    app.update();
    app
}

//! The 3D world: the sites and their halls, the running line's hall with a model per
//! station, the conveyors with carts carrying units between stations, the buffers showing
//! their contents, and the lamps, beacons and fault effects.
//!
//! The hall of a run is built when the run starts (the [`Twin`] resource appears) and
//! cleared when it is dropped; every part of it carries [`HallPart`].
//!
//! [`Twin`]: crate::sim::stepping::Twin

use bevy::prelude::*;

pub mod buffers;
pub mod effects;
pub mod hall;
pub mod models;
pub mod rooms;
pub mod scrap_bins;
pub mod site_table;
pub mod sites;
pub mod transport;

/// Marks a station's model; `index` is its position in the simulation's station list.
#[derive(Component)]
pub struct StationModel {
    pub index: usize,
}

/// Everything spawned for a run's hall (despawned when the run ends).
#[derive(Component)]
pub struct HallPart;

/// The station the trainee has selected (clicked), if any.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct SelectedStation(pub Option<usize>);

/// The station under the pointer in the hall view, if any (for its tooltip).
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct HoveredStation(pub Option<usize>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SelectedStation>()
        .init_resource::<HoveredStation>()
        .insert_resource(ClearColor(Color::srgb(0.60, 0.66, 0.72)))
        .insert_resource(GlobalAmbientLight { brightness: 350.0, ..default() })
        .add_plugins((
            sites::plugin,
            hall::plugin,
            models::plugin,
            buffers::plugin,
            scrap_bins::plugin,
            effects::plugin,
            transport::plugin,
            rooms::plugin,
        ));
}

//! A scrap bin beside each station that can scrap, filling with what the station removed
//! (its `scrapped` counter): the trainee sees from the hall alone where scrap comes from.

use bevy::prelude::*;

use super::HallPart;
use super::sites::plan_line;
use crate::AppSystems;
use crate::sim::stepping::Twin;

/// The bin's fill, scaled in height by how much the station has scrapped.
#[derive(Component)]
struct ScrapFill {
    station: usize,
    /// Height of the bin's floor, metres.
    floor_y: f32,
}

/// Bin size, metres (width, height, depth), in front of the conveyor at the station.
const BIN: Vec3 = Vec3::new(1.3, 1.0, 1.0);
const BIN_OFFSET: Vec3 = Vec3::new(2.0, 0.0, 4.0);
/// Units scrapped at which a bin looks about two-thirds full (it fills as 1 - exp(-n/N)).
const HALF_FULL_UNITS: f64 = 8.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, spawn_bins.run_if(resource_added::<Twin>))
        .add_systems(Update, fill_bins.in_set(AppSystems::Visuals));
}

fn spawn_bins(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let plan = plan_line(&twin);
    let sim = twin.sim();
    let wall = meshes.add(Cuboid::new(BIN.x, BIN.y, 0.04));
    let side = meshes.add(Cuboid::new(0.04, BIN.y, BIN.z));
    let floor = meshes.add(Cuboid::new(BIN.x, 0.04, BIN.z));
    let fill = meshes.add(Cuboid::new(BIN.x - 0.1, 1.0, BIN.z - 0.1));
    let steel = materials.add(StandardMaterial { base_color: Color::srgb(0.22, 0.34, 0.52), ..default() });
    let scrap = materials.add(StandardMaterial { base_color: Color::srgb(0.78, 0.35, 0.16), ..default() });
    for (i, station) in sim.line.stations.iter().enumerate() {
        // Utilities (a dry room, a glovebox) make nothing to scrap.
        if station.utility {
            continue;
        }
        let Some(at) = plan.positions.get(i) else { continue };
        let base = *at + BIN_OFFSET;
        let parts = [
            (wall.clone(), Vec3::new(0.0, BIN.y / 2.0, -BIN.z / 2.0)),
            (wall.clone(), Vec3::new(0.0, BIN.y / 2.0, BIN.z / 2.0)),
            (side.clone(), Vec3::new(-BIN.x / 2.0, BIN.y / 2.0, 0.0)),
            (side.clone(), Vec3::new(BIN.x / 2.0, BIN.y / 2.0, 0.0)),
            (floor.clone(), Vec3::new(0.0, 0.02, 0.0)),
        ];
        for (mesh, offset) in parts {
            commands.spawn((
                Mesh3d(mesh),
                MeshMaterial3d(steel.clone()),
                Transform::from_translation(base + offset),
                Pickable::IGNORE,
                HallPart,
            ));
        }
        commands.spawn((
            Mesh3d(fill.clone()),
            MeshMaterial3d(scrap.clone()),
            Transform::from_translation(base).with_scale(Vec3::new(1.0, 0.001, 1.0)),
            Visibility::Hidden,
            ScrapFill { station: i, floor_y: base.y + 0.04 },
            Pickable::IGNORE,
            HallPart,
        ));
    }
}

/// Fill height from the station's scrapped units (`1 - exp(-n / N)` of the bin).
fn fill_bins(twin: Option<Res<Twin>>, mut fills: Query<(&ScrapFill, &mut Transform, &mut Visibility)>) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    for (fill, mut transform, mut visibility) in &mut fills {
        let scrapped = sim.readout(fill.station, "scrapped").unwrap_or(0.0).max(0.0);
        let share = (1.0 - (-scrapped / HALF_FULL_UNITS).exp()) as f32;
        let height = (share * (BIN.y - 0.08)).max(0.001);
        if (transform.scale.y - height).abs() > 1e-3 {
            // A unit cube scaled to the fill height, standing on the bin's floor.
            transform.scale.y = height;
            transform.translation.y = fill.floor_y + height / 2.0;
        }
        visibility.set_if_neq(if scrapped > 0.0 { Visibility::Visible } else { Visibility::Hidden });
    }
}

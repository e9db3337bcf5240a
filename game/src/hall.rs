//! The production hall in 3D: one model per station built from primitives, buffers between
//! them whose fill shows their level, and a state lamp on every station.
//!
//! Stations are placed along the material flow, left to right, in layout order. A station
//! kind only needs a model here; everything else (panels, KPIs) comes from data.

use bevy::prelude::*;
use sim_core::line::EquipmentState;

use crate::AppSystems;
use crate::camera::Orbit;
use crate::twin::Twin;

/// Distance between station centres along the line, metres.
pub const STATION_PITCH_M: f32 = 7.0;

/// Marks a station's body; `index` is its position in the simulation's station list.
#[derive(Component)]
pub struct StationModel {
    pub index: usize,
}

#[derive(Component)]
struct StateLamp {
    index: usize,
    shown: Option<EquipmentState>,
}

#[derive(Component)]
struct BufferFill {
    index: usize,
}

/// The station the trainee has selected (clicked), if any.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct SelectedStation(pub Option<usize>);

pub fn plugin(app: &mut App) {
    app.init_resource::<SelectedStation>()
        .insert_resource(ClearColor(Color::srgb(0.60, 0.66, 0.72)))
        .insert_resource(GlobalAmbientLight { brightness: 350.0, ..default() })
        .add_systems(Startup, build_hall)
        .add_systems(Update, (update_lamps, update_buffers).in_set(AppSystems::Visuals));
}

/// World position of station `index` of `count`.
pub fn station_position(index: usize, count: usize) -> Vec3 {
    let x = (index as f32 - (count as f32 - 1.0) / 2.0) * STATION_PITCH_M;
    Vec3::new(x, 0.0, 0.0)
}

/// Colour of a state lamp; the palette stays apart for common colour-vision deficiencies
/// (blue running, orange blocked, yellow starved, red down, purple setup, grey idle).
pub fn state_colour(state: EquipmentState) -> Color {
    match state {
        EquipmentState::Running => Color::srgb(0.10, 0.55, 1.0),
        EquipmentState::Blocked => Color::srgb(1.0, 0.50, 0.05),
        EquipmentState::Starved => Color::srgb(0.95, 0.85, 0.15),
        EquipmentState::Down => Color::srgb(0.95, 0.10, 0.10),
        EquipmentState::Setup => Color::srgb(0.65, 0.35, 0.95),
        EquipmentState::Idle => Color::srgb(0.55, 0.55, 0.55),
    }
}

fn area_colour(area: &str) -> Color {
    match area {
        "electrode" => Color::srgb(0.42, 0.52, 0.64),
        "assembly" => Color::srgb(0.35, 0.60, 0.56),
        "finishing" => Color::srgb(0.70, 0.58, 0.36),
        _ => Color::srgb(0.55, 0.55, 0.60),
    }
}

fn build_hall(
    mut commands: Commands,
    twin: Option<Res<Twin>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut orbit: ResMut<Orbit>,
) {
    let Some(twin) = twin else { return };
    let stations = &twin.sim.line.stations;
    let count = stations.len();
    let length = count as f32 * STATION_PITCH_M + 8.0;

    // Floor with a painted walkway.
    commands.spawn((
        Mesh3d(meshes.add(Plane3d::default().mesh().size(length + 20.0, 40.0))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.78, 0.79, 0.80),
            perceptual_roughness: 0.95,
            ..default()
        })),
        Pickable::IGNORE,
    ));
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::new(length, 0.02, 1.2))),
        MeshMaterial3d(materials.add(Color::srgb(0.90, 0.80, 0.20))),
        Transform::from_xyz(0.0, 0.01, 4.5),
        Pickable::IGNORE,
    ));
    commands.spawn((
        DirectionalLight { illuminance: 9_000.0, shadow_maps_enabled: true, ..default() },
        Transform::from_xyz(-12.0, 25.0, 18.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));

    // Conveyor running the length of the line.
    let conveyor = materials.add(StandardMaterial { base_color: Color::srgb(0.22, 0.23, 0.25), ..default() });
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::new(length - 6.0, 0.5, 0.9))),
        MeshMaterial3d(conveyor.clone()),
        Transform::from_xyz(0.0, 0.25, 0.0),
        Pickable::IGNORE,
    ));

    let body_mesh = meshes.add(Cuboid::new(4.0, 2.4, 3.0));
    let lamp_post = meshes.add(Cylinder::new(0.06, 0.8));
    let lamp_mesh = meshes.add(Sphere::new(0.28));
    let post_material = materials.add(Color::srgb(0.2, 0.2, 0.2));
    for (i, station) in stations.iter().enumerate() {
        let at = station_position(i, count);
        commands
            .spawn((
                Mesh3d(body_mesh.clone()),
                MeshMaterial3d(materials.add(StandardMaterial {
                    base_color: area_colour(&station.area),
                    perceptual_roughness: 0.6,
                    metallic: 0.2,
                    ..default()
                })),
                Transform::from_translation(at + Vec3::Y * 1.2),
                StationModel { index: i },
            ))
            .observe(select_station);
        commands.spawn((
            Mesh3d(lamp_post.clone()),
            MeshMaterial3d(post_material.clone()),
            Transform::from_translation(at + Vec3::new(1.6, 2.8, 1.1)),
            Pickable::IGNORE,
        ));
        commands.spawn((
            Mesh3d(lamp_mesh.clone()),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: state_colour(station.state),
                emissive: state_colour(station.state).to_linear() * 4.0,
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(1.6, 3.3, 1.1)),
            StateLamp { index: i, shown: Some(station.state) },
            Pickable::IGNORE,
        ));
    }

    // Buffers: a rack between two stations with a fill bar for the level.
    let rack_mesh = meshes.add(Cuboid::new(1.2, 0.1, 1.2));
    let fill_mesh = meshes.add(Cuboid::new(0.8, 1.0, 0.8));
    let rack_material = materials.add(Color::srgb(0.35, 0.35, 0.38));
    let fill_material = materials.add(Color::srgb(0.20, 0.70, 0.45));
    for (b, buffer) in twin.sim.line.buffers.iter().enumerate() {
        let at = (station_position(buffer.from, count) + station_position(buffer.to, count)) / 2.0
            + Vec3::new(0.0, 0.55, 0.0);
        commands.spawn((
            Mesh3d(rack_mesh.clone()),
            MeshMaterial3d(rack_material.clone()),
            Transform::from_translation(at),
        ));
        commands.spawn((
            Mesh3d(fill_mesh.clone()),
            MeshMaterial3d(fill_material.clone()),
            Transform::from_translation(at).with_scale(Vec3::new(1.0, 0.01, 1.0)),
            BufferFill { index: b },
            Pickable::IGNORE,
        ));
    }
    orbit.focus = Vec3::new(0.0, 1.0, 0.0);
    orbit.radius = (length * 0.62).clamp(16.0, 120.0);
}

fn select_station(
    click: On<Pointer<Click>>,
    models: Query<(&StationModel, &Transform)>,
    mut selected: ResMut<SelectedStation>,
    mut orbit: ResMut<Orbit>,
) {
    if click.button != PointerButton::Primary {
        return;
    }
    if let Ok((model, transform)) = models.get(click.entity) {
        selected.0 = Some(model.index);
        orbit.focus = transform.translation;
        orbit.radius = orbit.radius.min(18.0);
    }
}

fn update_lamps(
    twin: Option<Res<Twin>>,
    mut lamps: Query<(&mut StateLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    for (mut lamp, material) in &mut lamps {
        let Some(station) = twin.sim.line.stations.get(lamp.index) else {
            continue;
        };
        if lamp.shown == Some(station.state) {
            continue;
        }
        lamp.shown = Some(station.state);
        if let Some(mut m) = materials.get_mut(&material.0) {
            m.base_color = state_colour(station.state);
            m.emissive = state_colour(station.state).to_linear() * 4.0;
        }
    }
}

fn update_buffers(twin: Option<Res<Twin>>, mut fills: Query<(&BufferFill, &mut Transform)>) {
    let Some(twin) = twin else { return };
    for (fill, mut transform) in &mut fills {
        let Some(buffer) = twin.sim.line.buffers.get(fill.index) else {
            continue;
        };
        let level = buffer.units.len() as f32 / buffer.capacity.max(1) as f32;
        let height = (level * 2.0).max(0.01);
        transform.scale.y = height;
        transform.translation.y = 0.6 + height / 2.0;
    }
}

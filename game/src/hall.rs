//! The production halls in 3D: the Sint-Truiden line with one model per station kind built
//! from primitives, buffers showing their contents, state lamps and fault beacons; and the
//! Genk and Diepenbeek labs as halls waiting for their stations.
//!
//! Stations are placed along the material flow, left to right, in layout order. Adding a
//! station kind means adding its model in [`spawn_model`]; panels and KPIs come from data.

use bevy::prelude::*;
use sim_core::alarms::AlarmState;
use sim_core::line::EquipmentState;
use sim_core::stations::StationKind;
use sim_core::unit::ProductKind;

use crate::AppSystems;
use crate::camera::Orbit;
use crate::settings::Settings;
use crate::sim::stepping::Twin;
use crate::theme::state_colour;

/// Distance between station centres along the line, metres.
pub const STATION_PITCH_M: f32 = 8.0;

/// The three Intellibat sites, each a hall of its own.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Site {
    #[default]
    SintTruiden,
    Genk,
    Diepenbeek,
}

impl Site {
    pub const ALL: [Site; 3] = [Site::SintTruiden, Site::Genk, Site::Diepenbeek];

    pub fn label(self) -> &'static str {
        match self {
            Site::SintTruiden => "Sint-Truiden: cell line",
            Site::Genk => "Genk: thin-film lab",
            Site::Diepenbeek => "Diepenbeek: materials lab",
        }
    }

    /// Where the site's hall stands.
    pub fn origin(self) -> Vec3 {
        match self {
            Site::SintTruiden => Vec3::ZERO,
            Site::Genk => Vec3::new(0.0, 0.0, -90.0),
            Site::Diepenbeek => Vec3::new(0.0, 0.0, -180.0),
        }
    }

    /// What the site will hold.
    pub fn note(self) -> &'static str {
        match self {
            Site::SintTruiden => "",
            Site::Genk => "imec thin-film lab: LiPON sputtering and ALD coating stations will stand here.",
            Site::Diepenbeek => "UHasselt lab: X-ray diffraction and the glovebox will stand here.",
        }
    }
}

/// Marks a station's model; `index` is its position in the simulation's station list.
#[derive(Component)]
pub struct StationModel {
    pub index: usize,
}

/// Everything spawned for a run's hall (despawned when the run ends).
#[derive(Component)]
pub struct HallPart;

#[derive(Component)]
struct StateLamp {
    index: usize,
    shown: Option<(EquipmentState, bool)>,
}

/// A beacon that flashes while its station is down or has an unacknowledged alarm.
#[derive(Component)]
struct Beacon {
    index: usize,
}

/// A visible fault effect: haze over a station that is down, sparks at a slitter cutting
/// with burrs over the limit.
#[derive(Component)]
struct FaultEffect {
    index: usize,
    kind: EffectKind,
    /// Resting position, jittered while shown.
    home: Vec3,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EffectKind {
    Haze,
    Sparks,
}

/// A mark on the electrode web that travels from the coater to the calender while the
/// coater runs, so the web is seen moving.
#[derive(Component)]
struct WebMark {
    coater: usize,
    from_x: f32,
    length: f32,
    offset: f32,
}

/// A part that turns while its station runs (rolls, stirrers, knives).
#[derive(Component)]
struct Spinner {
    index: usize,
    axis: Vec3,
    rad_per_s: f32,
}

/// One slot of a buffer's display: visible while the buffer holds more than `slot` units.
#[derive(Component)]
struct BufferSlot {
    buffer: usize,
    slot: usize,
}

/// The station the trainee has selected (clicked), if any.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct SelectedStation(pub Option<usize>);

pub fn plugin(app: &mut App) {
    app.init_resource::<SelectedStation>()
        .init_resource::<Site>()
        .insert_resource(ClearColor(Color::srgb(0.60, 0.66, 0.72)))
        .insert_resource(GlobalAmbientLight { brightness: 350.0, ..default() })
        .add_systems(Startup, build_sites)
        .add_systems(Update, build_hall.run_if(resource_added::<Twin>))
        .add_systems(Update, clear_hall.run_if(resource_removed::<Twin>))
        .add_systems(
            Update,
            (update_lamps, update_beacons, update_effects, spin, move_web, update_buffers, focus_site)
                .in_set(AppSystems::Visuals),
        );
}

/// World position of station `index` of `count`.
pub fn station_position(index: usize, count: usize) -> Vec3 {
    let x = (index as f32 - (count as f32 - 1.0) / 2.0) * STATION_PITCH_M;
    Vec3::new(x, 0.0, 0.0)
}

fn area_colour(area: &str) -> Color {
    match area {
        "electrode" => Color::srgb(0.55, 0.62, 0.70),
        "assembly" => Color::srgb(0.45, 0.65, 0.60),
        "finishing" => Color::srgb(0.72, 0.62, 0.42),
        _ => Color::srgb(0.60, 0.60, 0.64),
    }
}

/// Floors and walls of the three sites (the labs stay empty halls for now).
fn build_sites(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        DirectionalLight { illuminance: 9_000.0, shadow_maps_enabled: true, ..default() },
        Transform::from_xyz(-20.0, 40.0, 30.0).looking_at(Vec3::new(0.0, 0.0, -60.0), Vec3::Y),
    ));
    let wall = materials.add(StandardMaterial { base_color: Color::srgb(0.86, 0.87, 0.88), ..default() });
    for site in Site::ALL {
        let o = site.origin();
        let floor = match site {
            Site::SintTruiden => Color::srgb(0.78, 0.79, 0.80),
            Site::Genk => Color::srgb(0.80, 0.82, 0.86),
            Site::Diepenbeek => Color::srgb(0.82, 0.80, 0.78),
        };
        commands.spawn((
            Mesh3d(meshes.add(Plane3d::default().mesh().size(80.0, 44.0))),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: floor,
                perceptual_roughness: 0.95,
                ..default()
            })),
            Transform::from_translation(o),
            Pickable::IGNORE,
        ));
        commands.spawn((
            Mesh3d(meshes.add(Cuboid::new(80.0, 8.0, 0.3))),
            MeshMaterial3d(wall.clone()),
            Transform::from_translation(o + Vec3::new(0.0, 4.0, -22.0)),
            Pickable::IGNORE,
        ));
        // Yellow walkway marking.
        commands.spawn((
            Mesh3d(meshes.add(Cuboid::new(70.0, 0.02, 1.0))),
            MeshMaterial3d(materials.add(Color::srgb(0.90, 0.80, 0.20))),
            Transform::from_translation(o + Vec3::new(0.0, 0.01, 6.0)),
            Pickable::IGNORE,
        ));
        if site != Site::SintTruiden {
            // Empty benches waiting for their instruments.
            let bench = materials.add(Color::srgb(0.45, 0.47, 0.50));
            for i in 0..4 {
                commands.spawn((
                    Mesh3d(meshes.add(Cuboid::new(5.0, 0.9, 1.5))),
                    MeshMaterial3d(bench.clone()),
                    Transform::from_translation(o + Vec3::new(-15.0 + 10.0 * i as f32, 0.45, -6.0)),
                    Pickable::IGNORE,
                ));
            }
        }
    }
}

/// The hall of the running scenario's line.
fn build_hall(
    mut commands: Commands,
    twin: Res<Twin>,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut orbit: ResMut<Orbit>,
    mut site: ResMut<Site>,
) {
    let sim = twin.sim();
    let stations = &sim.line.stations;
    let count = stations.len();
    let length = count as f32 * STATION_PITCH_M;
    let dark = materials.add(StandardMaterial { base_color: Color::srgb(0.2, 0.21, 0.23), ..default() });
    let steel = materials.add(StandardMaterial {
        base_color: Color::srgb(0.75, 0.76, 0.78),
        metallic: 0.8,
        perceptual_roughness: 0.35,
        ..default()
    });
    let mut kit = Kit { meshes: &mut meshes, materials: &mut materials, dark, steel };

    // Conveyor under the line.
    let conveyor = kit.dark.clone();
    commands.spawn((
        Mesh3d(kit.meshes.add(Cuboid::new(length - 4.0, 0.3, 0.8))),
        MeshMaterial3d(conveyor),
        Transform::from_xyz(0.0, 0.15, 2.6),
        Pickable::IGNORE,
        HallPart,
    ));
    let lamp_mesh = kit.meshes.add(Sphere::new(0.25));
    let beacon_mesh = kit.meshes.add(Cylinder::new(0.18, 0.35));
    for (i, station) in stations.iter().enumerate() {
        let at = station_position(i, count);
        let body = kit.materials.add(StandardMaterial {
            base_color: area_colour(&station.area),
            perceptual_roughness: 0.6,
            metallic: 0.2,
            ..default()
        });
        let mut model = commands.spawn((
            Transform::from_translation(at),
            Visibility::default(),
            StationModel { index: i },
            HallPart,
        ));
        model.observe(select_station);
        model.with_children(|p| spawn_model(p, &station.kind, i, body, &mut kit));
        let colour = state_colour(station.state, settings.colour_blind);
        commands.spawn((
            Mesh3d(lamp_mesh.clone()),
            MeshMaterial3d(kit.materials.add(StandardMaterial {
                base_color: colour,
                emissive: colour.to_linear() * 4.0,
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(2.2, 3.4, 1.6)),
            StateLamp { index: i, shown: None },
            Pickable::IGNORE,
            HallPart,
        ));
        commands.spawn((
            Mesh3d(beacon_mesh.clone()),
            MeshMaterial3d(kit.materials.add(StandardMaterial {
                base_color: Color::srgb(1.0, 0.2, 0.1),
                emissive: LinearRgba::rgb(8.0, 1.0, 0.2),
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(-2.2, 3.4, 1.6)),
            Visibility::Hidden,
            Beacon { index: i },
            Pickable::IGNORE,
            HallPart,
        ));
    }

    // Fault effects: haze over every station, sparks at slitters (hidden until needed).
    let haze_mesh = kit.meshes.add(Sphere::new(0.9));
    let haze = kit.materials.add(StandardMaterial {
        base_color: Color::srgba(0.35, 0.35, 0.38, 0.35),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    let spark_mesh = kit.meshes.add(Cuboid::new(0.06, 0.06, 0.06));
    let spark = kit.materials.add(StandardMaterial {
        base_color: Color::srgb(1.0, 0.8, 0.3),
        emissive: LinearRgba::rgb(20.0, 12.0, 2.0),
        ..default()
    });
    for (i, station) in stations.iter().enumerate() {
        let at = station_position(i, count);
        for k in 0..3 {
            let home = at + Vec3::new(-0.8 + 0.8 * k as f32, 3.6 + 0.3 * k as f32, 0.0);
            commands.spawn((
                Mesh3d(haze_mesh.clone()),
                MeshMaterial3d(haze.clone()),
                Transform::from_translation(home),
                Visibility::Hidden,
                FaultEffect { index: i, kind: EffectKind::Haze, home },
                Pickable::IGNORE,
                HallPart,
            ));
        }
        if matches!(station.kind, StationKind::Slitter(_)) {
            for k in 0..10 {
                let home = at + Vec3::new(0.4 + 0.05 * k as f32, 1.5, -0.6 + 0.13 * k as f32);
                commands.spawn((
                    Mesh3d(spark_mesh.clone()),
                    MeshMaterial3d(spark.clone()),
                    Transform::from_translation(home),
                    Visibility::Hidden,
                    FaultEffect { index: i, kind: EffectKind::Sparks, home },
                    Pickable::IGNORE,
                    HallPart,
                ));
            }
        }
    }

    // The electrode web running from the coater through the dryer to the calender.
    let find = |pred: fn(&StationKind) -> bool| stations.iter().position(|s| pred(&s.kind));
    if let (Some(c), Some(k)) =
        (find(|k| matches!(k, StationKind::Coater(_))), find(|k| matches!(k, StationKind::Calender(_))))
        && c < k
    {
        let (a, b) = (station_position(c, count), station_position(k, count));
        let web = kit.materials.add(StandardMaterial {
            base_color: Color::srgb(0.12, 0.12, 0.13),
            perceptual_roughness: 0.4,
            ..default()
        });
        commands.spawn((
            Mesh3d(kit.meshes.add(Cuboid::new(b.x - a.x, 0.02, 1.5))),
            MeshMaterial3d(web),
            Transform::from_translation((a + b) / 2.0 + Vec3::new(0.0, 1.9, 0.0)),
            Pickable::IGNORE,
            HallPart,
        ));
        let mark_mesh = kit.meshes.add(Cuboid::new(0.08, 0.03, 1.5));
        let mark = kit.materials.add(Color::srgb(0.45, 0.45, 0.48));
        let length = b.x - a.x;
        for k in 0..8 {
            commands.spawn((
                Mesh3d(mark_mesh.clone()),
                MeshMaterial3d(mark.clone()),
                Transform::from_xyz(a.x, 1.9, 0.0),
                WebMark { coater: c, from_x: a.x, length, offset: length * k as f32 / 8.0 },
                Pickable::IGNORE,
                HallPart,
            ));
        }
    }

    // Buffers: up to six visible units each, shaped by what they hold.
    for (b, buffer) in sim.line.buffers.iter().enumerate() {
        let product = product_between(&twin, buffer.from);
        let from = station_position(buffer.from, count);
        let to = station_position(buffer.to, count);
        let mid = (from + to) / 2.0 + Vec3::new(0.0, 0.3, 2.6);
        let (mesh, material, size) = match product {
            ProductKind::Slurry => {
                (kit.meshes.add(Cylinder::new(0.3, 0.7)), kit.materials.add(Color::srgb(0.25, 0.25, 0.28)), 0.7)
            }
            ProductKind::Roll => {
                (kit.meshes.add(Cylinder::new(0.35, 0.6)), kit.materials.add(Color::srgb(0.08, 0.08, 0.09)), 0.6)
            }
            ProductKind::Sheets => {
                (kit.meshes.add(Cuboid::new(0.5, 0.15, 0.4)), kit.materials.add(Color::srgb(0.1, 0.1, 0.1)), 0.15)
            }
            ProductKind::Part => {
                (kit.meshes.add(Cuboid::new(0.4, 0.4, 0.4)), kit.materials.add(Color::srgb(0.3, 0.55, 0.85)), 0.4)
            }
        };
        for slot in 0..(buffer.capacity as usize).min(6) {
            let offset = Vec3::new(-1.0 + 0.8 * (slot % 3) as f32, (slot / 3) as f32 * (size + 0.05) + size / 2.0, 0.0);
            let mut t = Transform::from_translation(mid + offset);
            if product == ProductKind::Roll {
                t.rotate_x(std::f32::consts::FRAC_PI_2);
            }
            commands.spawn((
                Mesh3d(mesh.clone()),
                MeshMaterial3d(material.clone()),
                t,
                Visibility::Hidden,
                BufferSlot { buffer: b, slot },
                Pickable::IGNORE,
                HallPart,
            ));
        }
    }
    site.set_if_neq(Site::SintTruiden);
    orbit.focus = Vec3::new(0.0, 1.0, 0.0);
    orbit.radius = (length * 1.0).clamp(20.0, 130.0);
}

/// What flows out of station `i` (for the buffer display).
fn product_between(twin: &Twin, i: usize) -> ProductKind {
    let kind = &twin.sim().line.stations[i].kind;
    kind.station().output_product(kind.station().input_product())
}

/// Meshes and materials shared while building models.
struct Kit<'a> {
    meshes: &'a mut Assets<Mesh>,
    materials: &'a mut Assets<StandardMaterial>,
    dark: Handle<StandardMaterial>,
    steel: Handle<StandardMaterial>,
}

/// A roll lying across the web (axis along z).
fn roll(radius: f32, width: f32) -> (Cylinder, Transform) {
    (Cylinder::new(radius, width), Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)))
}

/// The model of one station kind, as children of its root entity.
fn spawn_model(
    p: &mut ChildSpawnerCommands,
    kind: &StationKind,
    index: usize,
    body: Handle<StandardMaterial>,
    kit: &mut Kit,
) {
    let mut part = |p: &mut ChildSpawnerCommands, mesh: Mesh, material: Handle<StandardMaterial>, t: Transform| {
        p.spawn((Mesh3d(kit.meshes.add(mesh)), MeshMaterial3d(material), t)).id()
    };
    let spin_z = |rate: f32| Spinner { index, axis: Vec3::Z, rad_per_s: rate };
    match kind {
        StationKind::Mixer(_) => {
            // Planetary mixer: vessel on legs, lid, motor, a stirrer that turns.
            part(p, Cylinder::new(1.3, 1.8).into(), kit.steel.clone(), Transform::from_xyz(0.0, 1.6, 0.0));
            part(p, Cylinder::new(1.4, 0.15).into(), body.clone(), Transform::from_xyz(0.0, 2.6, 0.0));
            part(p, Cuboid::new(0.9, 0.7, 0.9).into(), body.clone(), Transform::from_xyz(0.0, 3.05, 0.0));
            for (x, z) in [(-0.9, -0.9), (0.9, -0.9), (-0.9, 0.9), (0.9, 0.9)] {
                part(p, Cylinder::new(0.08, 0.7).into(), kit.dark.clone(), Transform::from_xyz(x, 0.35, z));
            }
            let stirrer =
                part(p, Cuboid::new(1.8, 0.1, 0.2).into(), kit.dark.clone(), Transform::from_xyz(0.0, 2.75, 0.0));
            p.commands().entity(stirrer).insert(Spinner { index, axis: Vec3::Y, rad_per_s: 4.0 });
        }
        StationKind::Coater(_) => {
            // Unwinder, backing roll with the slot die, rewinder on a frame.
            part(p, Cuboid::new(6.0, 0.3, 2.2).into(), body.clone(), Transform::from_xyz(0.0, 0.15, 0.0));
            for (x, r, rate) in [(-2.3, 0.6, 1.5), (0.0, 0.7, 2.0), (2.3, 0.5, 1.5)] {
                let (mesh, rot) = roll(r, 1.8);
                let id = part(p, mesh.into(), kit.dark.clone(), rot.with_translation(Vec3::new(x, 1.6, 0.0)));
                p.commands().entity(id).insert(spin_z(rate));
            }
            part(p, Cuboid::new(0.5, 0.8, 1.9).into(), kit.steel.clone(), Transform::from_xyz(-0.95, 1.6, 0.0));
            part(p, Cuboid::new(5.0, 0.02, 1.6).into(), kit.dark.clone(), Transform::from_xyz(0.0, 2.3, 0.0));
            for x in [-3.0, 3.0] {
                part(p, Cuboid::new(0.2, 2.4, 2.2).into(), body.clone(), Transform::from_xyz(x, 1.2, 0.0));
            }
        }
        StationKind::Dryer(d) => {
            // A tunnel in zones, each tinted by its set temperature.
            let zones = d.zones.len().max(1);
            let zone_len = 6.8 / zones as f32;
            for (z, zone) in d.zones.iter().enumerate() {
                let heat = ((zone.air_temp_degc as f32 - 60.0) / 120.0).clamp(0.0, 1.0);
                let colour = Color::srgb(0.55 + 0.4 * heat, 0.55 - 0.25 * heat, 0.55 - 0.35 * heat);
                let material =
                    kit.materials.add(StandardMaterial { base_color: colour, perceptual_roughness: 0.5, ..default() });
                let x = -3.4 + zone_len * (z as f32 + 0.5);
                part(p, Cuboid::new(zone_len - 0.08, 1.8, 2.0).into(), material, Transform::from_xyz(x, 1.5, 0.0));
                part(p, Cylinder::new(0.18, 1.2).into(), kit.steel.clone(), Transform::from_xyz(x, 3.0, 0.0));
            }
            part(p, Cuboid::new(7.2, 0.6, 2.2).into(), body.clone(), Transform::from_xyz(0.0, 0.3, 0.0));
        }
        StationKind::Calender(_) => {
            // Two heavy rolls stacked in a frame.
            for (y, rate) in [(1.2, 1.5), (2.6, -1.5)] {
                let (mesh, rot) = roll(0.65, 2.0);
                let id = part(p, mesh.into(), kit.steel.clone(), rot.with_translation(Vec3::new(0.0, y, 0.0)));
                p.commands().entity(id).insert(spin_z(rate));
            }
            for z in [-1.15, 1.15] {
                part(p, Cuboid::new(2.2, 3.8, 0.3).into(), body.clone(), Transform::from_xyz(0.0, 1.9, z));
            }
            part(p, Cuboid::new(2.4, 0.5, 2.6).into(), kit.dark.clone(), Transform::from_xyz(0.0, 0.25, 0.0));
        }
        StationKind::Inspection(_) => {
            // A gantry with a line camera and a light bar over the web.
            for z in [-1.1, 1.1] {
                part(p, Cuboid::new(0.25, 2.6, 0.25).into(), body.clone(), Transform::from_xyz(0.0, 1.3, z));
            }
            part(p, Cuboid::new(0.4, 0.3, 2.5).into(), body.clone(), Transform::from_xyz(0.0, 2.6, 0.0));
            part(p, Cuboid::new(0.3, 0.3, 0.4).into(), kit.dark.clone(), Transform::from_xyz(0.0, 2.3, 0.0));
            let light = kit.materials.add(StandardMaterial {
                base_color: Color::WHITE,
                emissive: LinearRgba::rgb(6.0, 6.0, 6.0),
                ..default()
            });
            part(p, Cuboid::new(0.1, 0.05, 2.0).into(), light, Transform::from_xyz(0.3, 2.4, 0.0));
            part(p, Cuboid::new(3.0, 0.02, 1.6).into(), kit.dark.clone(), Transform::from_xyz(0.0, 1.0, 0.0));
            for x in [-1.5, 1.5] {
                let (mesh, rot) = roll(0.2, 1.8);
                let id = part(p, mesh.into(), kit.steel.clone(), rot.with_translation(Vec3::new(x, 1.0, 0.0)));
                p.commands().entity(id).insert(spin_z(3.0));
            }
        }
        StationKind::Slitter(_) => {
            // Unwinder, knife shaft with circular blades, and the sheet stack.
            part(p, Cuboid::new(4.0, 1.0, 2.2).into(), body.clone(), Transform::from_xyz(0.0, 0.5, 0.0));
            let (mesh, rot) = roll(0.5, 1.8);
            let id = part(p, mesh.into(), kit.dark.clone(), rot.with_translation(Vec3::new(-1.3, 1.6, 0.0)));
            p.commands().entity(id).insert(spin_z(2.0));
            for z in [-0.6, 0.0, 0.6] {
                let (mesh, rot) = roll(0.35, 0.03);
                let id = part(p, mesh.into(), kit.steel.clone(), rot.with_translation(Vec3::new(0.4, 1.4, z)));
                p.commands().entity(id).insert(spin_z(6.0));
            }
            part(
                p,
                Cylinder::new(0.05, 1.8).into(),
                kit.dark.clone(),
                Transform::from_xyz(0.4, 1.4, 0.0).with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
            );
            part(p, Cuboid::new(0.9, 0.5, 0.6).into(), kit.dark.clone(), Transform::from_xyz(1.5, 1.25, 0.0));
        }
        StationKind::Generic(_) => {
            part(p, Cuboid::new(4.0, 2.4, 3.0).into(), body, Transform::from_xyz(0.0, 1.2, 0.0));
        }
    }
}

fn clear_hall(mut commands: Commands, parts: Query<Entity, With<HallPart>>, mut selected: ResMut<SelectedStation>) {
    for e in &parts {
        commands.entity(e).despawn();
    }
    selected.0 = None;
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
        orbit.focus = transform.translation + Vec3::Y;
        orbit.radius = orbit.radius.min(20.0);
    }
}

fn update_lamps(
    twin: Option<Res<Twin>>,
    settings: Res<Settings>,
    mut lamps: Query<(&mut StateLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    for (mut lamp, material) in &mut lamps {
        let Some(station) = twin.sim().line.stations.get(lamp.index) else { continue };
        let shown = (station.state, settings.colour_blind);
        if lamp.shown == Some(shown) {
            continue;
        }
        lamp.shown = Some(shown);
        if let Some(mut m) = materials.get_mut(&material.0) {
            let colour = state_colour(station.state, settings.colour_blind);
            m.base_color = colour;
            m.emissive = colour.to_linear() * 4.0;
        }
    }
}

/// Beacons flash while a station is down or has an unacknowledged alarm.
fn update_beacons(twin: Option<Res<Twin>>, time: Res<Time>, mut beacons: Query<(&Beacon, &mut Visibility)>) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    let on = (time.elapsed_secs() * 2.0).fract() < 0.6;
    for (beacon, mut visibility) in &mut beacons {
        let Some(station) = sim.line.stations.get(beacon.index) else { continue };
        let alarm = sim.alarms.alarms.iter().any(|a| {
            a.source.as_deref() == Some(station.id.as_str())
                && matches!(a.state(), AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)
        });
        let show = on && (station.state == EquipmentState::Down || alarm);
        visibility.set_if_neq(if show { Visibility::Visible } else { Visibility::Hidden });
    }
}

fn update_effects(
    twin: Option<Res<Twin>>,
    time: Res<Time>,
    mut effects: Query<(&FaultEffect, &mut Transform, &mut Visibility)>,
) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    let t = time.elapsed_secs();
    for (effect, mut transform, mut visibility) in &mut effects {
        let Some(station) = sim.line.stations.get(effect.index) else { continue };
        let show = match effect.kind {
            EffectKind::Haze => station.state == EquipmentState::Down,
            EffectKind::Sparks => {
                station.state == EquipmentState::Running
                    && sim.alarms.alarms.iter().any(|a| a.active && a.tag == format!("{}.process.burr", station.id))
            }
        };
        visibility.set_if_neq(if show { Visibility::Visible } else { Visibility::Hidden });
        if show {
            let phase = effect.home.x * 7.0 + effect.home.z * 13.0;
            transform.translation = match effect.kind {
                EffectKind::Haze => effect.home + Vec3::new(0.0, (t * 0.5 + phase).sin() * 0.3, 0.0),
                EffectKind::Sparks => {
                    effect.home + Vec3::new((t * 31.0 + phase).sin() * 0.4, ((t * 23.0 + phase).cos()).abs() * 0.5, 0.0)
                }
            };
        }
    }
}

fn move_web(twin: Option<Res<Twin>>, time: Res<Time>, mut marks: Query<(&mut WebMark, &mut Transform)>) {
    let Some(twin) = twin else { return };
    let stations = &twin.sim().line.stations;
    for (mut mark, mut transform) in &mut marks {
        if stations.get(mark.coater).is_some_and(|s| s.state == EquipmentState::Running) {
            mark.offset = (mark.offset + 1.5 * time.delta_secs()) % mark.length.max(0.1);
        }
        transform.translation.x = mark.from_x + mark.offset;
    }
}

fn spin(twin: Option<Res<Twin>>, time: Res<Time>, mut parts: Query<(&Spinner, &mut Transform)>) {
    let Some(twin) = twin else { return };
    let stations = &twin.sim().line.stations;
    for (spinner, mut transform) in &mut parts {
        if stations.get(spinner.index).is_some_and(|s| s.state == EquipmentState::Running) {
            transform.rotate_axis(Dir3::new(spinner.axis).unwrap_or(Dir3::Y), spinner.rad_per_s * time.delta_secs());
        }
    }
}

fn update_buffers(twin: Option<Res<Twin>>, mut slots: Query<(&BufferSlot, &mut Visibility)>) {
    let Some(twin) = twin else { return };
    let buffers = &twin.sim().line.buffers;
    for (slot, mut visibility) in &mut slots {
        let level = buffers.get(slot.buffer).map_or(0, |b| b.units.len());
        visibility.set_if_neq(if level > slot.slot { Visibility::Visible } else { Visibility::Hidden });
    }
}

/// Moves the camera to the site the trainee picked.
fn focus_site(site: Res<Site>, mut orbit: ResMut<Orbit>) {
    if site.is_changed() && !site.is_added() {
        orbit.focus = site.origin() + Vec3::Y;
        orbit.radius = 45.0;
    }
}

//! The electrode area: models of the mixer, coater, dryer, calender, inspection gantry and
//! slitter, and the electrode web running from the coater through the dryer to the
//! calender, marked so it is seen moving while the coater runs. Rolls, knives and the web
//! move at the speeds the stations' controls set (see [`super::Drive`]).

use bevy::prelude::*;
use sim_core::stations::StationKind;

use super::{Kit, Spinner, Traverser, is_running, roll};
use crate::AppSystems;
use crate::sim::stepping::Twin;
use crate::world::HallPart;
use crate::world::sites::plan_line;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, spawn_web.run_if(resource_added::<Twin>))
        .add_systems(Update, move_web.in_set(AppSystems::Visuals));
}

/// The planetary mixer.
pub fn mixer(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // Planetary mixer: vessel on legs, lid, motor, a stirrer that turns.
    kit.part(p, Cylinder::new(1.3, 1.8), kit.steel.clone(), Transform::from_xyz(0.0, 1.6, 0.0));
    kit.part(p, Cylinder::new(1.4, 0.15), body.clone(), Transform::from_xyz(0.0, 2.6, 0.0));
    kit.part(p, Cuboid::new(0.9, 0.7, 0.9), body.clone(), Transform::from_xyz(0.0, 3.05, 0.0));
    for (x, z) in [(-0.9, -0.9), (0.9, -0.9), (-0.9, 0.9), (0.9, 0.9)] {
        kit.part(p, Cylinder::new(0.08, 0.7), kit.dark.clone(), Transform::from_xyz(x, 0.35, z));
    }
    let stirrer = kit.part(p, Cuboid::new(1.8, 0.1, 0.2), kit.dark.clone(), Transform::from_xyz(0.0, 2.75, 0.0));
    p.commands().entity(stirrer).insert(Spinner::rpm(index, Vec3::Y, "mixing_speed_rpm"));
}

/// The slot-die coater.
pub fn coater(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // Unwinder, backing roll with the slot die, rewinder on a frame.
    kit.part(p, Cuboid::new(6.0, 0.3, 2.2), body.clone(), Transform::from_xyz(0.0, 0.15, 0.0));
    for (x, r) in [(-2.3, 0.6), (0.0, 0.7), (2.3, 0.5)] {
        let (mesh, rot) = roll(r, 1.8);
        let id = kit.part(p, mesh, kit.dark.clone(), rot.with_translation(Vec3::new(x, 1.6, 0.0)));
        p.commands().entity(id).insert(Spinner::web_roll(index, r, "web_speed_m_per_min", -1.0));
    }
    // The slot die against the backing roll, its lip a dark line, fed by a pump from the
    // slurry day tank behind.
    kit.part(p, Cuboid::new(0.5, 0.8, 1.9), kit.steel.clone(), Transform::from_xyz(-0.95, 1.6, 0.0));
    kit.part(p, Cuboid::new(0.06, 0.08, 1.9), kit.dark.clone(), Transform::from_xyz(-0.69, 1.6, 0.0));
    kit.part(p, Cylinder::new(0.45, 1.2), kit.steel.clone(), Transform::from_xyz(-1.8, 0.9, -1.6));
    kit.part(p, Cylinder::new(0.2, 0.4), body.clone(), Transform::from_xyz(-1.2, 0.5, -1.3));
    kit.part(
        p,
        Cylinder::new(0.05, 1.4),
        kit.dark.clone(),
        Transform::from_xyz(-1.1, 1.1, -0.7).with_rotation(Quat::from_rotation_x(0.9)),
    );
    kit.part(p, Cuboid::new(5.0, 0.02, 1.6), kit.dark.clone(), Transform::from_xyz(0.0, 2.3, 0.0));
    for x in [-3.0, 3.0] {
        kit.part(p, Cuboid::new(0.2, 2.4, 2.2), body.clone(), Transform::from_xyz(x, 1.2, 0.0));
    }
}

/// The dryer tunnel.
pub fn dryer(p: &mut ChildSpawnerCommands, kind: &StationKind, body: Handle<StandardMaterial>, kit: &mut Kit) {
    let zone_temps: Vec<f32> = match kind {
        StationKind::Dryer(d) => d.zones.iter().map(|z| z.air_temp_degc as f32).collect(),
        _ => Vec::new(),
    };
    // A tunnel in zones, each tinted by its set temperature.
    let zones = zone_temps.len().max(1);
    let zone_len = 6.8 / zones as f32;
    for (z, temp) in zone_temps.iter().enumerate() {
        let heat = ((*temp - 60.0) / 120.0).clamp(0.0, 1.0);
        let colour = Color::srgb(0.55 + 0.4 * heat, 0.55 - 0.25 * heat, 0.55 - 0.35 * heat);
        let material =
            kit.materials.add(StandardMaterial { base_color: colour, perceptual_roughness: 0.5, ..default() });
        let x = -3.4 + zone_len * (z as f32 + 0.5);
        kit.part(p, Cuboid::new(zone_len - 0.08, 1.8, 2.0), material, Transform::from_xyz(x, 1.5, 0.0));
        kit.part(p, Cylinder::new(0.18, 1.2), kit.steel.clone(), Transform::from_xyz(x, 3.0, 0.0));
    }
    kit.part(p, Cuboid::new(7.2, 0.6, 2.2), body.clone(), Transform::from_xyz(0.0, 0.3, 0.0));
}

/// The calender.
pub fn calender(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // Two heavy rolls stacked in a frame.
    for (y, sign) in [(1.2, 1.0), (2.6, -1.0)] {
        let (mesh, rot) = roll(0.65, 2.0);
        let id = kit.part(p, mesh, kit.steel.clone(), rot.with_translation(Vec3::new(0.0, y, 0.0)));
        p.commands().entity(id).insert(Spinner::web_roll(index, 0.65, "speed_m_per_min", sign));
    }
    for z in [-1.15, 1.15] {
        kit.part(p, Cuboid::new(2.2, 3.8, 0.3), body.clone(), Transform::from_xyz(0.0, 1.9, z));
    }
    kit.part(p, Cuboid::new(2.4, 0.5, 2.6), kit.dark.clone(), Transform::from_xyz(0.0, 0.25, 0.0));
}

/// The inline inspection gantry.
pub fn inspection(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // A gantry with a line camera and a light bar over the web.
    for z in [-1.1, 1.1] {
        kit.part(p, Cuboid::new(0.25, 2.6, 0.25), body.clone(), Transform::from_xyz(0.0, 1.3, z));
    }
    kit.part(p, Cuboid::new(0.4, 0.3, 2.5), body.clone(), Transform::from_xyz(0.0, 2.6, 0.0));
    // The gauge head scans across the web (a traversing beta / thickness gauge).
    let home = Vec3::new(0.0, 2.3, 0.0);
    let head = kit.part(p, Cuboid::new(0.3, 0.3, 0.4), kit.dark.clone(), Transform::from_translation(home));
    p.commands().entity(head).insert(Traverser {
        index,
        axis: Vec3::Z,
        amplitude_m: 0.75,
        period_s: 6.0,
        home,
        phase: 0.0,
    });
    let light = kit.materials.add(StandardMaterial {
        base_color: Color::WHITE,
        emissive: LinearRgba::rgb(6.0, 6.0, 6.0),
        ..default()
    });
    kit.part(p, Cuboid::new(0.1, 0.05, 2.0), light, Transform::from_xyz(0.3, 2.4, 0.0));
    kit.part(p, Cuboid::new(3.0, 0.02, 1.6), kit.dark.clone(), Transform::from_xyz(0.0, 1.0, 0.0));
    for x in [-1.5, 1.5] {
        let (mesh, rot) = roll(0.2, 1.8);
        let id = kit.part(p, mesh, kit.steel.clone(), rot.with_translation(Vec3::new(x, 1.0, 0.0)));
        p.commands().entity(id).insert(Spinner::web_roll(index, 0.2, "speed_m_per_min", -1.0));
    }
}

/// The slitter / notcher.
pub fn slitter(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // Unwinder, knife shaft with circular blades, and the sheet stack.
    kit.part(p, Cuboid::new(4.0, 1.0, 2.2), body.clone(), Transform::from_xyz(0.0, 0.5, 0.0));
    let (mesh, rot) = roll(0.5, 1.8);
    let id = kit.part(p, mesh, kit.dark.clone(), rot.with_translation(Vec3::new(-1.3, 1.6, 0.0)));
    p.commands().entity(id).insert(Spinner::web_roll(index, 0.5, "speed_m_per_min", -1.0));
    for z in [-0.6, 0.0, 0.6] {
        let (mesh, rot) = roll(0.35, 0.03);
        let id = kit.part(p, mesh, kit.steel.clone(), rot.with_translation(Vec3::new(0.4, 1.4, z)));
        p.commands().entity(id).insert(Spinner::web_roll(index, 0.35, "speed_m_per_min", -1.0));
    }
    kit.part(
        p,
        Cylinder::new(0.05, 1.8),
        kit.dark.clone(),
        Transform::from_xyz(0.4, 1.4, 0.0).with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
    );
    kit.part(p, Cuboid::new(0.9, 0.5, 0.6), kit.dark.clone(), Transform::from_xyz(1.5, 1.25, 0.0));
    // Two rewind shafts taking up the slit lanes, one above the other.
    for (y, r) in [(1.3, 0.28), (2.0, 0.24)] {
        let (mesh, rot) = roll(r, 1.6);
        let id = kit.part(p, mesh, kit.dark.clone(), rot.with_translation(Vec3::new(1.5, y + 0.4, 0.0)));
        p.commands().entity(id).insert(Spinner::web_roll(index, r, "speed_m_per_min", -1.0));
    }
}

/// A mark on the electrode web that travels from the coater to the calender while the
/// coater runs.
#[derive(Component)]
struct WebMark {
    coater: usize,
    from_x: f32,
    length: f32,
    offset: f32,
}

/// The web between the coater and the calender, when the line has both in that order.
fn spawn_web(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let stations = &twin.sim().line.stations;
    let find = |name: &str| stations.iter().position(|s| s.kind.kind_name() == name);
    let (Some(c), Some(k)) = (find("Coater"), find("Calender")) else { return };
    if c >= k {
        return;
    }
    let plan = plan_line(&twin);
    let (a, b) = (plan.positions[c], plan.positions[k]);
    let web = materials.add(StandardMaterial {
        base_color: Color::srgb(0.12, 0.12, 0.13),
        perceptual_roughness: 0.4,
        ..default()
    });
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::new(b.x - a.x, 0.02, 1.5))),
        MeshMaterial3d(web),
        Transform::from_translation((a + b) / 2.0 + Vec3::new(0.0, 1.9, 0.0)),
        Pickable::IGNORE,
        HallPart,
    ));
    let mark_mesh = meshes.add(Cuboid::new(0.08, 0.03, 1.5));
    let mark = materials.add(Color::srgb(0.45, 0.45, 0.48));
    let length = b.x - a.x;
    for k in 0..8 {
        commands.spawn((
            Mesh3d(mark_mesh.clone()),
            MeshMaterial3d(mark.clone()),
            Transform::from_translation(a + Vec3::new(0.0, 1.9, 0.0)),
            WebMark { coater: c, from_x: a.x, length, offset: length * k as f32 / 8.0 },
            Pickable::IGNORE,
            HallPart,
        ));
    }
}

/// Fastest the web's marks are drawn moving, m/s (faster only blurs).
const MAX_VISUAL_WEB_M_PER_S: f32 = 6.0;

/// Moves the web's marks at the coater's web speed, sped up with the plant.
fn move_web(
    twin: Option<Res<Twin>>,
    time: Res<Time>,
    speed: Option<Res<crate::sim::stepping::PlantSpeed>>,
    mut marks: Query<(&mut WebMark, &mut Transform)>,
) {
    let Some(twin) = twin else { return };
    let plant_speed = speed.map_or(1.0, |s| s.0 as f32);
    let web_m_per_s = |coater: usize| {
        let station = twin.sim().line.stations.get(coater)?;
        let values = station.kind.station().control_values();
        values.into_iter().find(|(n, _)| n == "web_speed_m_per_min").map(|(_, v)| v as f32 / 60.0)
    };
    // One coater's web: its speed read once a frame for all the marks.
    let mut speed_of: Option<(usize, f32)> = None;
    for (mut mark, mut transform) in &mut marks {
        if is_running(&twin, mark.coater) {
            let web = match speed_of {
                Some((coater, v)) if coater == mark.coater => v,
                _ => {
                    let v = web_m_per_s(mark.coater).unwrap_or(0.0);
                    speed_of = Some((mark.coater, v));
                    v
                }
            };
            let v = (web * plant_speed).min(MAX_VISUAL_WEB_M_PER_S);
            mark.offset = (mark.offset + v * time.delta_secs()) % mark.length.max(0.1);
        }
        transform.translation.x = mark.from_x + mark.offset;
    }
}

//! The assembly area in the dry room: models of the lot store, electrolyte impregnator,
//! curing oven, lithium anode laminator, stacker, stack press and pouch sealer, and the dry
//! room's dehumidifier, whose lamp shows the room's dew point against its alarm limit. The
//! press platen and the sealing jaw close and open with each cycle (see [`super::Stroke`]),
//! the stacker's arm turns once a sheet at its set rate, and heated parts glow while they
//! work.

use bevy::prelude::*;
use sim_core::stations::StationKind;

use super::{Drive, Kit, Spinner, Stroke, WorkGlow, roll, set_lamp};
use crate::AppSystems;
use crate::sim::stepping::Twin;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, dew_point_lamp.in_set(AppSystems::Visuals));
}

/// Racks of slit cathode rolls waiting for the dry room.
pub fn lot_store(p: &mut ChildSpawnerCommands, body: Handle<StandardMaterial>, kit: &mut Kit) {
    for x in [-1.6, 1.6] {
        kit.part(p, Cuboid::new(0.15, 3.0, 2.0), body.clone(), Transform::from_xyz(x, 1.5, 0.0));
    }
    for (i, y) in [0.5, 1.5, 2.5].into_iter().enumerate() {
        kit.part(p, Cuboid::new(3.3, 0.08, 2.0), kit.steel.clone(), Transform::from_xyz(0.0, y - 0.1, 0.0));
        for k in 0..3 {
            let (mesh, rot) = roll(0.35, 0.5);
            let x = -1.0 + k as f32 + 0.1 * i as f32;
            kit.part(p, mesh, kit.dark.clone(), rot.with_translation(Vec3::new(x, y + 0.25, 0.0)));
        }
    }
}

/// A vacuum chamber over a precursor bath, with a dosing tank.
pub fn impregnator(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(4.0, 0.8, 2.2), body.clone(), Transform::from_xyz(0.0, 0.4, 0.0));
    let sol = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.55, 0.75, 0.85), ..default() });
    kit.part(p, Cuboid::new(2.6, 0.3, 1.6), sol, Transform::from_xyz(0.0, 0.95, 0.0));
    let glass = kit.materials.add(StandardMaterial {
        base_color: Color::srgba(0.8, 0.9, 1.0, 0.25),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    kit.part(
        p,
        Cylinder::new(1.1, 2.8),
        glass,
        Transform::from_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(0.0, 1.9, 0.0)),
    );
    kit.part(p, Cylinder::new(0.45, 1.6), kit.steel.clone(), Transform::from_xyz(1.6, 2.2, -0.6));
    let (mesh, rot) = roll(0.3, 1.6);
    let id = kit.part(p, mesh, kit.dark.clone(), rot.with_translation(Vec3::new(-1.7, 1.2, 0.0)));
    p.commands().entity(id).insert(Spinner::roll(index, 1.0));
}

/// A tunnel oven in which the gel cures: heaters glowing through its inspection windows
/// while it runs, exhaust stacks, a conveyor carrying the cells in and out.
pub fn curing_oven(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    let warm = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.78, 0.52, 0.38), ..default() });
    kit.part(p, Cuboid::new(6.0, 1.6, 2.0), warm, Transform::from_xyz(0.0, 1.3, 0.0));
    kit.part(p, Cuboid::new(6.4, 0.5, 2.2), body.clone(), Transform::from_xyz(0.0, 0.25, 0.0));
    kit.part(p, Cuboid::new(7.6, 0.08, 1.2), kit.dark.clone(), Transform::from_xyz(0.0, 0.9, 0.0));
    for x in [-2.0, 0.0, 2.0] {
        kit.part(p, Cylinder::new(0.25, 0.6), kit.steel.clone(), Transform::from_xyz(x, 2.4, 0.0));
        let heater = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.25, 0.12, 0.08), ..default() });
        let id = kit.part(p, Cuboid::new(1.2, 0.35, 0.04), heater, Transform::from_xyz(x, 1.55, 1.01));
        p.commands().entity(id).insert(WorkGlow { index, colour: LinearRgba::rgb(1.2, 0.35, 0.08) });
    }
}

/// Lithium foil unwound and pressed onto the sheets between two rolls.
pub fn laminator(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(4.0, 0.9, 2.0), body.clone(), Transform::from_xyz(0.0, 0.45, 0.0));
    let lithium =
        kit.materials.add(StandardMaterial { base_color: Color::srgb(0.78, 0.78, 0.80), metallic: 0.8, ..default() });
    for (x, y, r) in [(-1.2, 2.1, 0.55), (0.4, 1.5, 0.35), (0.4, 2.25, 0.35)] {
        let (mesh, rot) = roll(r, 1.7);
        let material = if x < 0.0 { lithium.clone() } else { kit.steel.clone() };
        let id = kit.part(p, mesh, material, rot.with_translation(Vec3::new(x, y, 0.0)));
        p.commands().entity(id).insert(Spinner::roll(index, 1.5));
    }
    kit.part(p, Cuboid::new(0.2, 1.8, 2.0), body, Transform::from_xyz(1.3, 1.8, 0.0));
}

/// A stacking table with sheet magazines either side, the growing stack in its nest, and a
/// rotary pick-and-place arm that turns once a sheet at the set rate.
pub fn stacker(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(3.4, 0.9, 2.4), body.clone(), Transform::from_xyz(0.0, 0.45, 0.0));
    kit.part(p, Cuboid::new(0.9, 0.4, 1.1), kit.steel.clone(), Transform::from_xyz(0.6, 1.1, 0.0));
    let sheet = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.18, 0.18, 0.2), ..default() });
    kit.part(p, Cuboid::new(0.6, 0.25, 0.8), sheet.clone(), Transform::from_xyz(0.6, 1.42, 0.0));
    for z in [-0.85, 0.85] {
        kit.part(p, Cuboid::new(0.6, 0.5, 0.5), kit.steel.clone(), Transform::from_xyz(-0.8, 1.15, z));
        kit.part(p, Cuboid::new(0.5, 0.3, 0.4), sheet.clone(), Transform::from_xyz(-0.8, 1.55, z));
    }
    kit.part(p, Cylinder::new(0.2, 1.4), kit.dark.clone(), Transform::from_xyz(-0.8, 1.6, 0.0));
    let arm = kit.part(p, Cuboid::new(1.6, 0.15, 0.25), kit.dark.clone(), Transform::from_xyz(-0.8, 2.35, 0.0));
    p.commands().entity(arm).insert(Spinner::rpm(index, Vec3::Y, "sheets_per_min"));
}

/// A hydraulic press: bed, four columns and crown, the cylinder on the crown driving the
/// heated upper platen down onto the stack for each press cycle.
pub fn stack_press(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(2.4, 0.7, 2.0), body.clone(), Transform::from_xyz(0.0, 0.35, 0.0));
    for (x, z) in [(-1.0, -0.8), (1.0, -0.8), (-1.0, 0.8), (1.0, 0.8)] {
        kit.part(p, Cylinder::new(0.1, 3.0), kit.steel.clone(), Transform::from_xyz(x, 2.0, z));
    }
    kit.part(p, Cuboid::new(2.4, 0.5, 2.0), body, Transform::from_xyz(0.0, 3.6, 0.0));
    kit.part(p, Cylinder::new(0.35, 0.9), kit.dark.clone(), Transform::from_xyz(0.0, 2.9, 0.0));
    // The lower platen with the stack on it.
    kit.part(p, Cuboid::new(1.6, 0.12, 1.4), kit.steel.clone(), Transform::from_xyz(0.0, 0.76, 0.0));
    kit.part(p, Cuboid::new(0.7, 0.1, 0.6), kit.dark.clone(), Transform::from_xyz(0.0, 0.87, 0.0));
    // Rod and upper platen travel together; the platen's heater face glows while it presses.
    let travel_m = 0.62;
    let rod_home = Vec3::new(0.0, 2.35, 0.0);
    let rod = kit.part(p, Cylinder::new(0.12, 1.4), kit.steel.clone(), Transform::from_translation(rod_home));
    p.commands().entity(rod).insert(Stroke { index, axis: Vec3::NEG_Y, travel_m, home: rod_home });
    let platen_home = Vec3::new(0.0, 1.6, 0.0);
    let heater = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.45, 0.3, 0.25), ..default() });
    let platen = kit.part(p, Cuboid::new(1.6, 0.2, 1.4), heater, Transform::from_translation(platen_home));
    p.commands().entity(platen).insert((
        Stroke { index, axis: Vec3::NEG_Y, travel_m, home: platen_home },
        WorkGlow { index, colour: LinearRgba::rgb(0.7, 0.18, 0.05) },
    ));
}

/// A vacuum pouch sealer: a chamber with a window lid, the pouch on the lower jaw, and the
/// heated upper jaw that closes on the seal for each cycle.
pub fn pouch_sealer(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(3.0, 1.0, 2.0), body.clone(), Transform::from_xyz(0.0, 0.5, 0.0));
    let glass = kit.materials.add(StandardMaterial {
        base_color: Color::srgba(0.8, 0.9, 1.0, 0.3),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    kit.part(p, Cuboid::new(2.6, 1.0, 1.7), glass, Transform::from_xyz(0.0, 1.5, 0.0));
    kit.part(p, Cuboid::new(2.2, 0.1, 0.2), kit.steel.clone(), Transform::from_xyz(0.0, 1.05, 0.5));
    let pouch =
        kit.materials.add(StandardMaterial { base_color: Color::srgb(0.72, 0.74, 0.78), metallic: 0.6, ..default() });
    kit.part(p, Cuboid::new(0.9, 0.04, 1.0), pouch, Transform::from_xyz(0.0, 1.12, 0.1));
    let hot = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.85, 0.35, 0.2), ..default() });
    let home = Vec3::new(0.0, 1.55, 0.5);
    let jaw = kit.part(p, Cuboid::new(2.2, 0.12, 0.2), hot, Transform::from_translation(home));
    p.commands().entity(jaw).insert((
        Stroke { index, axis: Vec3::NEG_Y, travel_m: 0.38, home },
        WorkGlow { index, colour: LinearRgba::rgb(0.6, 0.15, 0.05) },
    ));
}

/// The dry room's desiccant dehumidifier, with ducts and a lamp for the dew point.
pub fn dry_room(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(4.0, 2.6, 2.2), body.clone(), Transform::from_xyz(0.0, 1.3, 0.0));
    let wheel = kit.part(
        p,
        Cylinder::new(0.9, 0.3),
        kit.dark.clone(),
        Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(-0.8, 1.4, 1.15)),
    );
    p.commands().entity(wheel).insert(Spinner { index, axis: Vec3::Y, rad_per_s: 0.5, drive: Drive::Fixed });
    for x in [0.8, 1.5] {
        kit.part(p, Cylinder::new(0.3, 2.0), kit.steel.clone(), Transform::from_xyz(x, 3.6, 0.0));
    }
    let lamp = kit.materials.add(StandardMaterial {
        base_color: Color::srgb(0.2, 0.8, 0.3),
        emissive: LinearRgba::rgb(0.1, 0.6, 0.2),
        ..default()
    });
    let id = kit.part(p, Sphere::new(0.25), lamp, Transform::from_xyz(1.6, 2.9, 1.15));
    p.commands().entity(id).insert(DewPointLamp { index });
}

/// The lamp on the dehumidifier: green while the room is dry, red past its alarm limit.
#[derive(Component)]
pub struct DewPointLamp {
    pub index: usize,
}

fn dew_point_lamp(
    twin: Option<Res<Twin>>,
    lamps: Query<(&DewPointLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else {
        return;
    };
    for (lamp, material) in &lamps {
        let Some(StationKind::DryRoom(room)) = twin.sim().line.stations.get(lamp.index).map(|s| &s.kind) else {
            continue;
        };
        let Some((dew_point, _)) = room.reading else {
            continue;
        };
        let wet = dew_point > room.alarm_dew_point_degc;
        let (colour, glow) = if wet {
            (Color::srgb(0.9, 0.2, 0.15), LinearRgba::rgb(0.9, 0.1, 0.05))
        } else {
            (Color::srgb(0.2, 0.8, 0.3), LinearRgba::rgb(0.1, 0.6, 0.2))
        };
        set_lamp(&mut materials, &material.0, colour, glow);
    }
}

//! The two labs: in Genk the ALD reactor, the LiPON sputter chamber (its plasma glows while
//! it deposits) and the film tester; in Diepenbeek the glovebox (its lamp shows the box's
//! water against its alarm limit), the anneal furnace at its antechamber, the impedance
//! tester and the X-ray diffractometer; in both the sample store.

use bevy::prelude::*;
use sim_core::stations::StationKind;

use super::{Drive, Kit, Spinner, WorkGlow, set_lamp};
use crate::AppSystems;
use crate::sim::stepping::Twin;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, glovebox_lamp.in_set(AppSystems::Visuals));
}

fn glass(kit: &mut Kit) -> Handle<StandardMaterial> {
    kit.materials.add(StandardMaterial {
        base_color: Color::srgba(0.8, 0.9, 1.0, 0.3),
        alpha_mode: AlphaMode::Blend,
        ..default()
    })
}

fn screen(kit: &mut Kit) -> Handle<StandardMaterial> {
    kit.materials.add(StandardMaterial {
        base_color: Color::srgb(0.05, 0.12, 0.25),
        emissive: LinearRgba::rgb(0.05, 0.25, 0.6),
        ..default()
    })
}

/// A lab bench: a top on two cabinets.
fn bench(p: &mut ChildSpawnerCommands, kit: &mut Kit, width: f32, body: &Handle<StandardMaterial>) {
    kit.part(p, Cuboid::new(width, 0.06, 1.0), kit.steel.clone(), Transform::from_xyz(0.0, 0.92, 0.0));
    for x in [-width / 2.0 + 0.35, width / 2.0 - 0.35] {
        kit.part(p, Cuboid::new(0.6, 0.88, 0.9), body.clone(), Transform::from_xyz(x, 0.44, 0.0));
    }
}

/// A desiccator cabinet of sealed sample pouches.
pub fn sample_store(p: &mut ChildSpawnerCommands, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(1.6, 1.9, 0.8), body, Transform::from_xyz(0.0, 0.95, 0.0));
    let door = glass(kit);
    kit.part(p, Cuboid::new(1.4, 1.6, 0.04), door, Transform::from_xyz(0.0, 1.0, 0.42));
    let pouch =
        kit.materials.add(StandardMaterial { base_color: Color::srgb(0.75, 0.76, 0.8), metallic: 0.5, ..default() });
    for shelf in 0..4 {
        let y = 0.4 + 0.4 * shelf as f32;
        kit.part(p, Cuboid::new(1.4, 0.03, 0.7), kit.steel.clone(), Transform::from_xyz(0.0, y, 0.0));
        for k in 0..5 {
            let x = -0.55 + 0.27 * k as f32;
            kit.part(p, Cuboid::new(0.2, 0.02, 0.25), pouch.clone(), Transform::from_xyz(x, y + 0.03, 0.05));
        }
    }
}

/// The glovebox: a stainless box with a window and four glove ports, the antechamber on its
/// side, the purifier cabinet beneath and a lamp for the box's water.
pub fn glovebox(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    // The purifier cabinet and stand.
    kit.part(p, Cuboid::new(4.4, 0.9, 1.2), body, Transform::from_xyz(0.0, 0.45, 0.0));
    kit.part(p, Cuboid::new(4.4, 1.3, 1.2), kit.steel.clone(), Transform::from_xyz(0.0, 1.55, 0.0));
    let window = glass(kit);
    kit.part(p, Cuboid::new(4.0, 1.0, 0.05), window, Transform::from_xyz(0.0, 1.6, 0.62));
    let rubber = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.08, 0.08, 0.09), ..default() });
    for x in [-1.5, -0.5, 0.5, 1.5] {
        kit.part(
            p,
            Torus::new(0.12, 0.17),
            rubber.clone(),
            Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2))
                .with_translation(Vec3::new(x, 1.35, 0.65)),
        );
    }
    // The antechamber, a cylinder on the right end.
    kit.part(
        p,
        Cylinder::new(0.35, 0.9),
        kit.steel.clone(),
        Transform::from_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(2.65, 1.5, 0.0)),
    );
    let lamp = kit.materials.add(StandardMaterial {
        base_color: Color::srgb(0.2, 0.8, 0.3),
        emissive: LinearRgba::rgb(0.1, 0.6, 0.2),
        ..default()
    });
    let id = kit.part(p, Sphere::new(0.12), lamp, Transform::from_xyz(-1.9, 2.35, 0.5));
    p.commands().entity(id).insert(GloveboxLamp { index });
}

/// A tube furnace on a bench, its tube glowing while it anneals.
pub fn anneal_furnace(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    bench(p, kit, 2.4, &body);
    kit.part(p, Cuboid::new(1.2, 0.45, 0.5), body, Transform::from_xyz(0.0, 1.18, 0.0));
    let tube = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.85, 0.82, 0.75), ..default() });
    let id = kit.part(
        p,
        Cylinder::new(0.08, 2.0),
        tube,
        Transform::from_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(0.0, 1.18, 0.0)),
    );
    p.commands().entity(id).insert(WorkGlow { index, colour: LinearRgba::rgb(1.4, 0.45, 0.1) });
}

/// A potentiostat with its screen and a cell holder on a bench.
pub fn impedance_tester(p: &mut ChildSpawnerCommands, body: Handle<StandardMaterial>, kit: &mut Kit) {
    bench(p, kit, 2.4, &body);
    kit.part(p, Cuboid::new(0.9, 0.35, 0.5), body, Transform::from_xyz(-0.5, 1.13, -0.1));
    let screen = screen(kit);
    kit.part(p, Cuboid::new(0.7, 0.45, 0.04), screen, Transform::from_xyz(0.5, 1.25, -0.2));
    kit.part(p, Cylinder::new(0.08, 0.15), kit.steel.clone(), Transform::from_xyz(-0.5, 1.38, 0.25));
    for x in [-0.8, -0.2] {
        kit.part(p, Cylinder::new(0.015, 0.5), kit.dark.clone(), Transform::from_xyz(x, 1.1, 0.25));
    }
}

/// An X-ray diffractometer: a lead-glass enclosure with the goniometer circle, the tube on
/// one arm and the detector on the other (the arms swing while it scans).
pub fn diffractometer(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(2.0, 0.9, 1.4), body.clone(), Transform::from_xyz(0.0, 0.45, 0.0));
    kit.part(p, Cuboid::new(2.0, 0.12, 1.4), body, Transform::from_xyz(0.0, 2.5, 0.0));
    let lead_glass = kit.materials.add(StandardMaterial {
        base_color: Color::srgba(0.9, 0.75, 0.45, 0.28),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    kit.part(p, Cuboid::new(1.9, 1.5, 0.04), lead_glass, Transform::from_xyz(0.0, 1.7, 0.68));
    // The goniometer circle, facing the viewer.
    kit.part(
        p,
        Cylinder::new(0.55, 0.12),
        kit.steel.clone(),
        Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(0.0, 1.6, 0.0)),
    );
    let arms = p
        .spawn((
            Transform::from_xyz(0.0, 1.6, 0.12),
            Visibility::default(),
            Spinner { index, axis: Vec3::Z, rad_per_s: 0.15, drive: Drive::Fixed },
        ))
        .id();
    let tube = kit.meshes.add(Cuboid::new(0.5, 0.14, 0.14));
    let detector = kit.meshes.add(Cuboid::new(0.3, 0.18, 0.18));
    let dark = kit.dark.clone();
    let steel = kit.steel.clone();
    p.commands().entity(arms).with_children(|a| {
        a.spawn((Mesh3d(tube), MeshMaterial3d(dark), Transform::from_xyz(-0.45, 0.2, 0.0)));
        a.spawn((Mesh3d(detector), MeshMaterial3d(steel), Transform::from_xyz(0.45, 0.2, 0.0)));
    });
}

/// A cylindrical vacuum chamber on a frame, its turbo pump below and the RF matchbox on
/// top; the plasma seen through the viewport glows violet (nitrogen) while it deposits.
pub fn sputter_chamber(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(2.2, 0.8, 1.6), body.clone(), Transform::from_xyz(0.0, 0.4, 0.0));
    kit.part(p, Cylinder::new(0.8, 1.2), kit.steel.clone(), Transform::from_xyz(0.0, 1.4, 0.0));
    kit.part(p, Cylinder::new(0.25, 0.5), kit.dark.clone(), Transform::from_xyz(0.7, 0.55, 0.5));
    kit.part(p, Cuboid::new(0.6, 0.35, 0.5), body, Transform::from_xyz(0.0, 2.2, 0.0));
    let plasma = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.25, 0.2, 0.3), ..default() });
    let id = kit.part(
        p,
        Cylinder::new(0.22, 0.05),
        plasma,
        Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2))
            .with_translation(Vec3::new(0.0, 1.45, 0.8)),
    );
    p.commands().entity(id).insert(WorkGlow { index, colour: LinearRgba::rgb(0.9, 0.3, 1.6) });
    // Gas lines to the mass-flow controllers.
    kit.part(p, Cylinder::new(0.03, 1.2), kit.steel.clone(), Transform::from_xyz(-0.95, 1.4, -0.4));
}

/// An ALD reactor: a flat hot-wall chamber with its heater jacket, precursor bottles (TMA
/// and water) in their cabinet beside it.
pub fn ald_reactor(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(2.4, 0.9, 1.2), body.clone(), Transform::from_xyz(0.0, 0.45, 0.0));
    let jacket = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.72, 0.55, 0.4), ..default() });
    let id = kit.part(p, Cylinder::new(0.5, 0.35), jacket, Transform::from_xyz(-0.4, 1.08, 0.0));
    p.commands().entity(id).insert(WorkGlow { index, colour: LinearRgba::rgb(0.5, 0.2, 0.05) });
    kit.part(p, Cuboid::new(0.7, 1.6, 0.7), body, Transform::from_xyz(0.85, 1.7, -0.2));
    for (x, colour) in [(0.7, Color::srgb(0.6, 0.62, 0.66)), (1.0, Color::srgb(0.3, 0.45, 0.75))] {
        let bottle = kit.materials.add(StandardMaterial { base_color: colour, metallic: 0.6, ..default() });
        kit.part(p, Cylinder::new(0.1, 0.4), bottle, Transform::from_xyz(x, 1.12, 0.35));
    }
    kit.part(p, Cylinder::new(0.03, 1.0), kit.steel.clone(), Transform::from_xyz(0.2, 1.3, 0.35));
}

/// The lamp on the glovebox: green while the box's water is under its alarm limit, red
/// over it, amber while the purifier regenerates.
#[derive(Component)]
pub struct GloveboxLamp {
    pub index: usize,
}

fn glovebox_lamp(
    twin: Option<Res<Twin>>,
    lamps: Query<(&GloveboxLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    for (lamp, material) in &lamps {
        let Some(StationKind::Glovebox(gb)) = twin.sim().line.stations.get(lamp.index).map(|s| &s.kind) else {
            continue;
        };
        let Some((h2o, _)) = gb.reading else { continue };
        let regenerating = gb.anchor.as_ref().is_some_and(|a| a.atmosphere.regenerating_h.is_some());
        let (colour, glow) = if h2o > gb.h2o_alarm_ppm {
            (Color::srgb(0.9, 0.2, 0.15), LinearRgba::rgb(0.9, 0.1, 0.05))
        } else if regenerating {
            (Color::srgb(0.95, 0.65, 0.1), LinearRgba::rgb(0.9, 0.5, 0.05))
        } else {
            (Color::srgb(0.2, 0.8, 0.3), LinearRgba::rgb(0.1, 0.6, 0.2))
        };
        set_lamp(&mut materials, &material.0, colour, glow);
    }
}

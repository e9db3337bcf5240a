//! The formation and test hall: formation racks whose channel lamps show how many channels
//! hold a cell, aging racks of pouch cells on shelves, and the end-of-line tester with its
//! screen and test fixture, whose contacts close on each cell it tests.

use bevy::prelude::*;
use sim_core::line::EquipmentState;
use sim_core::stations::StationKind;

use super::{Kit, Stroke};
use crate::AppSystems;
use crate::sim::stepping::Twin;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, channel_lamps.in_set(AppSystems::Visuals));
}

/// Channel lamps on the formation racks, in a grid of [`LAMP_ROWS`] x [`LAMP_COLUMNS`] a
/// cabinet.
const CABINETS: usize = 4;
const LAMP_ROWS: usize = 8;
const LAMP_COLUMNS: usize = 6;

/// One lamp of a formation rack: lit while its share of the channels holds cells.
#[derive(Component)]
pub struct ChannelLamp {
    pub index: usize,
    /// Its place among all the rack's lamps, from 0.
    pub slot: usize,
    pub lit: Option<bool>,
}

/// Cabinets of test channels, a grid of lamps on each front.
pub fn formation_rack(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    let lamps = LAMP_ROWS * LAMP_COLUMNS;
    for c in 0..CABINETS {
        let x = -2.4 + 1.6 * c as f32;
        kit.part(p, Cuboid::new(1.45, 2.4, 0.9), body.clone(), Transform::from_xyz(x, 1.2, 0.0));
        kit.part(p, Cuboid::new(1.3, 0.25, 0.05), kit.dark.clone(), Transform::from_xyz(x, 2.2, 0.46));
        for r in 0..LAMP_ROWS {
            for k in 0..LAMP_COLUMNS {
                let lamp = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.2, 0.2, 0.2), ..default() });
                let at = Vec3::new(x - 0.5 + 0.2 * k as f32, 0.35 + 0.22 * r as f32, 0.46);
                let id = kit.part(p, Cuboid::new(0.12, 0.08, 0.03), lamp, Transform::from_translation(at));
                p.commands().entity(id).insert(ChannelLamp {
                    index,
                    slot: c * lamps + r * LAMP_COLUMNS + k,
                    lit: None,
                });
            }
        }
    }
    // Cable trays over the cabinets.
    kit.part(p, Cuboid::new(6.6, 0.1, 0.5), kit.steel.clone(), Transform::from_xyz(0.0, 2.7, 0.0));
}

/// Shelves of pouch cells standing at open circuit.
pub fn aging_rack(p: &mut ChildSpawnerCommands, body: Handle<StandardMaterial>, kit: &mut Kit) {
    let pouch = kit.materials.add(StandardMaterial {
        base_color: Color::srgb(0.72, 0.74, 0.78),
        metallic: 0.6,
        perceptual_roughness: 0.35,
        ..default()
    });
    for x in [-2.5, 2.5] {
        kit.part(p, Cuboid::new(0.1, 2.6, 1.2), body.clone(), Transform::from_xyz(x, 1.3, 0.0));
    }
    for shelf in 0..4 {
        let y = 0.3 + 0.62 * shelf as f32;
        kit.part(p, Cuboid::new(5.0, 0.06, 1.2), kit.steel.clone(), Transform::from_xyz(0.0, y, 0.0));
        for k in 0..14 {
            let x = -2.15 + 0.33 * k as f32;
            kit.part(p, Cuboid::new(0.06, 0.4, 0.3), pouch.clone(), Transform::from_xyz(x, y + 0.23, 0.2));
        }
    }
}

/// The end-of-line tester: a cabinet with its screen, a fixture holding a cell between its
/// contacts.
pub fn eol_tester(p: &mut ChildSpawnerCommands, index: usize, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(3.0, 0.9, 1.6), body.clone(), Transform::from_xyz(0.0, 0.45, 0.0));
    kit.part(p, Cuboid::new(1.2, 2.2, 0.9), body, Transform::from_xyz(-1.2, 1.1, -0.3));
    let screen = kit.materials.add(StandardMaterial {
        base_color: Color::srgb(0.05, 0.12, 0.25),
        emissive: LinearRgba::rgb(0.05, 0.25, 0.6),
        ..default()
    });
    kit.part(p, Cuboid::new(0.9, 0.6, 0.04), screen, Transform::from_xyz(-1.2, 1.7, 0.17));
    let pouch =
        kit.materials.add(StandardMaterial { base_color: Color::srgb(0.72, 0.74, 0.78), metallic: 0.6, ..default() });
    kit.part(p, Cuboid::new(0.6, 0.04, 0.45), pouch, Transform::from_xyz(0.7, 0.95, 0.1));
    // The contacts close on the cell's tabs for each test.
    for (x, axis) in [(0.25, Vec3::X), (1.15, Vec3::NEG_X)] {
        let home = Vec3::new(x, 1.1, 0.1);
        let id = kit.part(p, Cuboid::new(0.12, 0.35, 0.2), kit.steel.clone(), Transform::from_translation(home));
        p.commands().entity(id).insert(Stroke { index, axis, travel_m: 0.12, home });
    }
    let lamp = kit.materials.add(StandardMaterial { base_color: Color::srgb(0.2, 0.2, 0.2), ..default() });
    let id = kit.part(p, Cuboid::new(0.2, 0.1, 0.04), lamp, Transform::from_xyz(-1.2, 2.1, 0.17));
    p.commands().entity(id).insert(ChannelLamp { index, slot: 0, lit: None });
}

/// Lights a rack's lamps in proportion to the channels holding cells (the formation racks'
/// own count; the tester's lamp while it tests), dark when the station is down or stopped.
fn channel_lamps(
    twin: Option<Res<Twin>>,
    mut lamps: Query<(&mut ChannelLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    let all = (CABINETS * LAMP_ROWS * LAMP_COLUMNS) as f64;
    for (mut lamp, material) in &mut lamps {
        let Some(station) = twin.sim().line.stations.get(lamp.index) else { continue };
        let working = matches!(station.state, EquipmentState::Running | EquipmentState::Blocked);
        let share = match &station.kind {
            StationKind::FormationRack(f) => f.channels_in_use().map_or(0.0, |n| n / f.channels.max(1) as f64),
            _ => 1.0,
        };
        // Spread the lit lamps over the cabinets rather than filling one first.
        let order = (lamp.slot * 37) % (all as usize);
        let lit = working && (order as f64) < share * all;
        if lamp.lit == Some(lit) {
            continue;
        }
        lamp.lit = Some(lit);
        if let Some(mut m) = materials.get_mut(&material.0) {
            let (colour, glow) = if lit {
                (Color::srgb(0.2, 0.85, 0.35), LinearRgba::rgb(0.2, 1.4, 0.4))
            } else {
                (Color::srgb(0.2, 0.2, 0.2), LinearRgba::BLACK)
            };
            m.base_color = colour;
            m.emissive = glow;
        }
    }
}

//! The plant areas of the running line on the hall floor: an area served by a dry room
//! stands inside a glass-walled room with a door (the dry room's air handling unit outside
//! by the door); every other area is a zone painted on the floor, its edge marked in yellow.

use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use super::HallPart;
use super::sites::{LinePlan, plan_line};
use crate::sim::stepping::Twin;

/// Margin around an area's stations (their footprint, conveyor and scrap bins), metres:
/// left and right, behind, in front.
const MARGIN_X_M: f32 = 4.6;
const MARGIN_BACK_M: f32 = 3.2;
const MARGIN_FRONT_M: f32 = 5.4;
/// Height of a dry room's walls, and width of its door, metres.
const ROOM_WALL_M: f32 = 3.4;
const DOOR_M: f32 = 2.4;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, spawn_areas.run_if(resource_added::<Twin>));
}

/// One plant area of the line: its stations' floor rectangle, and whether a dry room
/// serves it.
struct AreaFloor {
    min: Vec2,
    max: Vec2,
    room: bool,
    /// Where the room's air handling unit stands (the door is in front of it).
    utility_x: Option<f32>,
}

/// The floor rectangle of each plant area (stations with the same `area`).
fn area_floors(twin: &Twin, plan: &LinePlan) -> Vec<AreaFloor> {
    let stations = &twin.sim().line.stations;
    let mut areas: Vec<(&str, AreaFloor)> = Vec::new();
    for (i, station) in stations.iter().enumerate() {
        let Some(at) = plan.positions.get(i) else { continue };
        let is_room = station.kind.kind_name() == "DryRoom";
        let p = Vec2::new(at.x, at.z);
        match areas.iter_mut().find(|(a, _)| *a == station.area) {
            Some((_, floor)) if is_room => {
                floor.room = true;
                floor.utility_x = Some(at.x);
            }
            Some((_, floor)) => {
                floor.min = floor.min.min(p);
                floor.max = floor.max.max(p);
            }
            None if is_room => areas.push((
                &station.area,
                AreaFloor { min: Vec2::INFINITY, max: Vec2::NEG_INFINITY, room: true, utility_x: Some(at.x) },
            )),
            None => areas.push((&station.area, AreaFloor { min: p, max: p, room: false, utility_x: None })),
        }
    }
    areas
        .into_iter()
        .map(|(_, mut floor)| {
            floor.min -= Vec2::new(MARGIN_X_M, MARGIN_BACK_M);
            floor.max += Vec2::new(MARGIN_X_M, MARGIN_FRONT_M);
            floor
        })
        .filter(|f| f.min.x < f.max.x && f.min.y < f.max.y)
        .collect()
}

fn spawn_areas(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let plan = plan_line(&twin);
    let y0 = plan.positions.first().map_or(0.0, |p| p.y);
    let glass = materials.add(StandardMaterial {
        base_color: Color::srgba(0.72, 0.86, 0.95, 0.16),
        alpha_mode: AlphaMode::Blend,
        perceptual_roughness: 0.1,
        reflectance: 0.6,
        ..default()
    });
    let frame = materials.add(StandardMaterial {
        base_color: Color::srgb(0.80, 0.82, 0.85),
        metallic: 0.6,
        perceptual_roughness: 0.4,
        ..default()
    });
    let clean_floor = materials.add(StandardMaterial {
        base_color: Color::srgb(0.86, 0.89, 0.90),
        perceptual_roughness: 0.7,
        ..default()
    });
    let marking = materials.add(Color::srgb(0.92, 0.78, 0.12));
    let door = materials.add(StandardMaterial { base_color: Color::srgb(0.30, 0.52, 0.70), ..default() });
    let mut part =
        |commands: &mut Commands, mesh: Mesh, material: &Handle<StandardMaterial>, at: Transform, shadow: bool| {
            let mut e = commands.spawn((
                Mesh3d(meshes.add(mesh)),
                MeshMaterial3d(material.clone()),
                at,
                Pickable::IGNORE,
                HallPart,
            ));
            if !shadow {
                e.insert(NotShadowCaster);
            }
        };
    for area in area_floors(&twin, &plan) {
        let size = area.max - area.min;
        let centre = (area.min + area.max) / 2.0;
        let c = Vec3::new(centre.x, y0, centre.y);
        if !area.room {
            // A painted zone: four yellow lines on the floor.
            for (dx, dz, w, d) in [
                (0.0, -size.y / 2.0, size.x, 0.12),
                (0.0, size.y / 2.0, size.x, 0.12),
                (-size.x / 2.0, 0.0, 0.12, size.y),
                (size.x / 2.0, 0.0, 0.12, size.y),
            ] {
                part(
                    &mut commands,
                    Cuboid::new(w, 0.02, d).into(),
                    &marking,
                    Transform::from_translation(c + Vec3::new(dx, 0.012, dz)),
                    false,
                );
            }
            continue;
        }
        // A dry room: a lighter floor, glass walls on a steel frame, a door in the front wall.
        part(
            &mut commands,
            Cuboid::new(size.x, 0.02, size.y).into(),
            &clean_floor,
            Transform::from_translation(c + Vec3::Y * 0.01),
            false,
        );
        let h = ROOM_WALL_M;
        let back = c + Vec3::new(0.0, h / 2.0, -size.y / 2.0);
        part(&mut commands, Cuboid::new(size.x, h, 0.05).into(), &glass, Transform::from_translation(back), false);
        for side in [-1.0, 1.0] {
            let at = c + Vec3::new(side * size.x / 2.0, h / 2.0, 0.0);
            part(&mut commands, Cuboid::new(0.05, h, size.y).into(), &glass, Transform::from_translation(at), false);
        }
        // The front wall in two panes either side of the door.
        let door_x = area.utility_x.unwrap_or(centre.x).clamp(area.min.x + DOOR_M, area.max.x - DOOR_M);
        let front_z = area.max.y;
        for (from, to) in [(area.min.x, door_x - DOOR_M / 2.0), (door_x + DOOR_M / 2.0, area.max.x)] {
            if to - from > 0.05 {
                let at = Vec3::new((from + to) / 2.0, y0 + h / 2.0, front_z);
                part(
                    &mut commands,
                    Cuboid::new(to - from, h, 0.05).into(),
                    &glass,
                    Transform::from_translation(at),
                    false,
                );
            }
        }
        // The frame: posts at the corners and the door, a beam along the top.
        let corners = [area.min.x, area.max.x, door_x - DOOR_M / 2.0, door_x + DOOR_M / 2.0];
        for (x, z) in corners.iter().map(|&x| (x, front_z)).chain([(area.min.x, area.min.y), (area.max.x, area.min.y)])
        {
            part(
                &mut commands,
                Cuboid::new(0.14, h, 0.14).into(),
                &frame,
                Transform::from_xyz(x, y0 + h / 2.0, z),
                true,
            );
        }
        for (at, w, d) in [
            (Vec3::new(centre.x, y0 + h, area.min.y), size.x, 0.14),
            (Vec3::new(centre.x, y0 + h, front_z), size.x, 0.14),
            (Vec3::new(area.min.x, y0 + h, centre.y), 0.14, size.y),
            (Vec3::new(area.max.x, y0 + h, centre.y), 0.14, size.y),
        ] {
            part(&mut commands, Cuboid::new(w, 0.16, d).into(), &frame, Transform::from_translation(at), true);
        }
        // The door itself, standing half open.
        let hinge =
            Transform::from_xyz(door_x - DOOR_M / 2.0, y0 + 1.1, front_z).with_rotation(Quat::from_rotation_y(-0.9));
        let leaf = hinge * Transform::from_xyz(DOOR_M * 0.24, 0.0, 0.0);
        part(&mut commands, Cuboid::new(DOOR_M * 0.48, 2.2, 0.06).into(), &door, leaf, true);
    }
}

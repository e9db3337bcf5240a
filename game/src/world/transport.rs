//! Material moving between stations: a roller conveyor along each buffer's route, and a cart
//! carrying each unit the trainee would see travel: from the station that made it to the
//! buffer's stack when it enters the buffer, from the stack to the next station when that
//! one takes it. The carts only replay what the simulation did (units appearing in and
//! leaving buffers); they never decide anything.

use bevy::prelude::*;
use sim_core::unit::UnitId;

use super::HallPart;
use super::buffers::{ProductLook, product_from};
use super::sites::{LinePlan, plan_line};
use crate::AppSystems;
use crate::sim::stepping::Twin;

/// Height of the conveyor's belt, metres.
pub const BELT_Y: f32 = 0.3;
/// How far in front of its station (towards the viewer) the conveyor runs, metres.
pub const BELT_Z: f32 = 2.6;
/// Real seconds a cart takes for one leg, whatever the plant speed (a leg at 1000x would
/// otherwise be a blur).
const LEG_S: f32 = 1.6;
/// Carts on the way along one buffer at once; more units than that move unseen (only at
/// high plant speeds).
const CARTS_PER_BUFFER: usize = 3;
/// Units of a buffer compared from frame to frame (its head, where units leave, and its
/// tail, where they arrive).
const TRACKED_UNITS: usize = 32;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<BufferContents>()
        .add_systems(Update, spawn_conveyors.run_if(resource_added::<Twin>))
        .add_systems(Update, (dispatch_carts, move_carts).chain().in_set(AppSystems::Visuals));
}

/// The route of buffer `b` on the floor: out in front of the upstream station, along the
/// hall to the downstream station's column, then across to the front of that station.
pub fn route(plan: &LinePlan, from: usize, to: usize) -> [Vec3; 3] {
    let (a, b) = (plan.positions[from], plan.positions[to]);
    let start = a + Vec3::new(0.0, BELT_Y, BELT_Z);
    let end = b + Vec3::new(0.0, BELT_Y, BELT_Z);
    [start, Vec3::new(end.x, start.y, start.z), end]
}

/// The point `share` (0 to 1) of the way along a route.
pub fn along(route: &[Vec3; 3], share: f32) -> Vec3 {
    let first = route[0].distance(route[1]);
    let total = first + route[1].distance(route[2]);
    if total <= f32::EPSILON {
        return route[0];
    }
    let s = share.clamp(0.0, 1.0) * total;
    if s <= first {
        route[0].lerp(route[1], s / first.max(f32::EPSILON))
    } else {
        route[1].lerp(route[2], (s - first) / (total - first).max(f32::EPSILON))
    }
}

/// Where a buffer's units wait: halfway along its route.
pub fn stack_point(plan: &LinePlan, from: usize, to: usize) -> Vec3 {
    along(&route(plan, from, to), 0.5)
}

/// A cart on its way with one unit.
#[derive(Component, Debug)]
pub struct Cart {
    /// The unit it carries (the view that follows a unit rides with its cart).
    pub unit: UnitId,
    pub buffer: usize,
    /// The stretch of the route it covers, as shares of it (0.0 to 0.5 into the buffer,
    /// 0.5 to 1.0 out of it).
    from_share: f32,
    to_share: f32,
    route: [Vec3; 3],
    elapsed_s: f32,
}

/// Each buffer's units seen last frame (head and tail, [`TRACKED_UNITS`] at most).
#[derive(Resource, Default)]
struct BufferContents(Vec<Vec<UnitId>>);

/// The meshes of a cart, shared by all.
#[derive(Resource)]
struct CartLook {
    base: Handle<Mesh>,
    base_material: Handle<StandardMaterial>,
    loads: Vec<ProductLook>,
}

/// Roller conveyors along every buffer's route, and the carts' shared meshes.
fn spawn_conveyors(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut contents: ResMut<BufferContents>,
) {
    let plan = plan_line(&twin);
    let line = &twin.sim().line;
    let belt = materials.add(StandardMaterial {
        base_color: Color::srgb(0.16, 0.17, 0.19),
        perceptual_roughness: 0.8,
        ..default()
    });
    let rail = materials.add(StandardMaterial {
        base_color: Color::srgb(0.70, 0.71, 0.73),
        metallic: 0.7,
        perceptual_roughness: 0.4,
        ..default()
    });
    for buffer in &line.buffers {
        let r = route(&plan, buffer.from, buffer.to);
        for (p, q) in [(r[0], r[1]), (r[1], r[2])] {
            let length = p.distance(q);
            if length < 0.05 {
                continue;
            }
            let mid = (p + q) / 2.0;
            let along_x = (q - p).x.abs() >= (q - p).z.abs();
            // Belt 0.8 m wide on legs, with a rail on each side.
            let (size, rail_size, side) = if along_x {
                (Vec3::new(length + 0.8, 0.12, 0.8), Vec3::new(length + 0.8, 0.08, 0.06), Vec3::Z)
            } else {
                (Vec3::new(0.8, 0.12, length + 0.8), Vec3::new(0.06, 0.08, length + 0.8), Vec3::X)
            };
            commands.spawn((
                Mesh3d(meshes.add(Cuboid::from_size(size))),
                MeshMaterial3d(belt.clone()),
                Transform::from_translation(mid - Vec3::Y * 0.06),
                Pickable::IGNORE,
                HallPart,
            ));
            for s in [-0.43, 0.43] {
                commands.spawn((
                    Mesh3d(meshes.add(Cuboid::from_size(rail_size))),
                    MeshMaterial3d(rail.clone()),
                    Transform::from_translation(mid + side * s + Vec3::Y * 0.02),
                    Pickable::IGNORE,
                    HallPart,
                ));
            }
        }
    }
    let loads = (0..line.buffers.len())
        .map(|b| ProductLook::new(product_from(&twin, line.buffers[b].from), &mut meshes, &mut materials))
        .collect();
    commands.insert_resource(CartLook {
        base: meshes.add(Cuboid::new(0.9, 0.14, 0.7)),
        base_material: materials.add(Color::srgb(0.93, 0.72, 0.12)),
        loads,
    });
    // What the buffers hold as the hall is built is already there: no carts for it.
    contents.0 = line.buffers.iter().map(|b| tracked(b.units.iter().map(|u| u.id), b.units.len())).collect();
}

/// Starts a cart for every unit that entered or left a buffer since the last frame.
fn dispatch_carts(
    mut commands: Commands,
    twin: Option<Res<Twin>>,
    look: Option<Res<CartLook>>,
    mut contents: ResMut<BufferContents>,
    carts: Query<&Cart>,
) {
    let (Some(twin), Some(look)) = (twin, look) else { return };
    let line = &twin.sim().line;
    if contents.0.len() != line.buffers.len() {
        return;
    }
    // Planned only in a frame where a unit moved.
    let mut plan = None;
    let mut on_the_way = vec![0usize; line.buffers.len()];
    for cart in &carts {
        if let Some(n) = on_the_way.get_mut(cart.buffer) {
            *n += 1;
        }
    }
    for (b, buffer) in line.buffers.iter().enumerate() {
        let now: Vec<UnitId> = tracked(buffer.units.iter().map(|u| u.id), buffer.units.len());
        let before = std::mem::replace(&mut contents.0[b], now);
        let now = &contents.0[b];
        let arrived = now.iter().filter(|id| !before.contains(id)).map(|&id| (id, 0.0, 0.5));
        let left = before.iter().filter(|id| !now.contains(id)).map(|&id| (id, 0.5, 1.0));
        let legs: Vec<_> = left.chain(arrived).collect();
        let Some(load) = look.loads.get(b) else { continue };
        for (unit, from_share, to_share) in legs {
            if on_the_way[b] >= CARTS_PER_BUFFER {
                break;
            }
            on_the_way[b] += 1;
            let plan = plan.get_or_insert_with(|| plan_line(&twin));
            let route = route(plan, buffer.from, buffer.to);
            commands
                .spawn((
                    Transform::from_translation(along(&route, from_share)),
                    Visibility::default(),
                    Cart { unit, buffer: b, from_share, to_share, route, elapsed_s: 0.0 },
                    Pickable::IGNORE,
                    HallPart,
                ))
                .with_children(|p| {
                    p.spawn((
                        Mesh3d(look.base.clone()),
                        MeshMaterial3d(look.base_material.clone()),
                        Transform::from_xyz(0.0, 0.07, 0.0),
                    ));
                    p.spawn((
                        Mesh3d(load.mesh.clone()),
                        MeshMaterial3d(load.material.clone()),
                        load.resting(Vec3::Y * 0.14),
                    ));
                });
        }
    }
}

/// The ids to compare of a buffer holding `len` units: all of a short one, else its head
/// and tail.
fn tracked(ids: impl DoubleEndedIterator<Item = UnitId> + ExactSizeIterator, len: usize) -> Vec<UnitId> {
    if len <= TRACKED_UNITS {
        return ids.collect();
    }
    let mut ids = ids;
    let head: Vec<UnitId> = ids.by_ref().take(TRACKED_UNITS / 2).collect();
    let mut tail: Vec<UnitId> = ids.rev().take(TRACKED_UNITS / 2).collect();
    tail.reverse();
    head.into_iter().chain(tail).collect()
}

/// Moves carts along their stretch (eased at both ends) and takes them away on arrival.
fn move_carts(mut commands: Commands, time: Res<Time>, mut carts: Query<(Entity, &mut Cart, &mut Transform)>) {
    for (entity, mut cart, mut transform) in &mut carts {
        cart.elapsed_s += time.delta_secs();
        let t = (cart.elapsed_s / LEG_S).min(1.0);
        let eased = t * t * (3.0 - 2.0 * t);
        let share = cart.from_share + (cart.to_share - cart.from_share) * eased;
        let at = along(&cart.route, share);
        let ahead = along(&cart.route, (share + 0.01).min(1.0));
        transform.translation = at;
        let heading = Vec3::new(ahead.x - at.x, 0.0, ahead.z - at.z);
        if heading.length_squared() > 1e-6 {
            transform.rotation = Quat::from_rotation_arc(Vec3::X, heading.normalize());
        }
        if t >= 1.0 {
            commands.entity(entity).despawn();
        }
    }
}

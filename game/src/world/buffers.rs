//! Buffers between stations: up to six units each on the conveyor, shaped by what they hold
//! (slurry drums, rolls, sheet stacks, parts), visible as the buffer fills.

use bevy::prelude::*;
use sim_core::unit::ProductKind;

use super::HallPart;
use super::sites::plan_line;
use crate::AppSystems;
use crate::sim::stepping::Twin;

/// One slot of a buffer's display: visible while the buffer holds more than `slot` units.
#[derive(Component)]
struct BufferSlot {
    buffer: usize,
    slot: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, spawn_buffers.run_if(resource_added::<Twin>))
        .add_systems(Update, update_buffers.in_set(AppSystems::Visuals));
}

/// What flows out of station `i`.
fn product_from(twin: &Twin, i: usize) -> ProductKind {
    let kind = &twin.sim().line.stations[i].kind;
    kind.station().output_product(kind.station().input_product())
}

fn spawn_buffers(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let plan = plan_line(&twin);
    for (b, buffer) in twin.sim().line.buffers.iter().enumerate() {
        let product = product_from(&twin, buffer.from);
        let (from, to) = (plan.positions[buffer.from], plan.positions[buffer.to]);
        let mid = (from + to) / 2.0 + Vec3::new(0.0, 0.3, 2.6);
        let (mesh, material, size) = match product {
            ProductKind::Slurry => {
                (meshes.add(Cylinder::new(0.3, 0.7)), materials.add(Color::srgb(0.25, 0.25, 0.28)), 0.7)
            }
            ProductKind::Roll => {
                (meshes.add(Cylinder::new(0.35, 0.6)), materials.add(Color::srgb(0.08, 0.08, 0.09)), 0.6)
            }
            ProductKind::Sheets => {
                (meshes.add(Cuboid::new(0.5, 0.15, 0.4)), materials.add(Color::srgb(0.1, 0.1, 0.1)), 0.15)
            }
            ProductKind::Cell => {
                (meshes.add(Cuboid::new(0.3, 0.06, 0.4)), materials.add(Color::srgb(0.72, 0.72, 0.76)), 0.06)
            }
            // A sample tray: a pellet or coupon in its holder.
            ProductKind::Sample => {
                (meshes.add(Cylinder::new(0.18, 0.08)), materials.add(Color::srgb(0.85, 0.83, 0.78)), 0.08)
            }
            ProductKind::Part => {
                (meshes.add(Cuboid::new(0.4, 0.4, 0.4)), materials.add(Color::srgb(0.3, 0.55, 0.85)), 0.4)
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
}

fn update_buffers(twin: Option<Res<Twin>>, mut slots: Query<(&BufferSlot, &mut Visibility)>) {
    let Some(twin) = twin else { return };
    let buffers = &twin.sim().line.buffers;
    for (slot, mut visibility) in &mut slots {
        let level = buffers.get(slot.buffer).map_or(0, |b| b.units.len());
        visibility.set_if_neq(if level > slot.slot { Visibility::Visible } else { Visibility::Hidden });
    }
}

//! Buffers between stations: up to six units each on their conveyor, halfway along it, shaped by what they hold
//! (slurry drums, rolls, sheet stacks, parts), visible as the buffer fills.

use bevy::prelude::*;
use sim_core::unit::ProductKind;

use super::HallPart;
use super::sites::plan_line;
use super::transport::stack_point;
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
pub(super) fn product_from(twin: &Twin, i: usize) -> ProductKind {
    let kind = &twin.sim().line.stations[i].kind;
    kind.station().output_product(kind.station().input_product())
}

/// How a unit of a product looks in the hall: slurry drums, rolls, sheet stacks, cells,
/// sample trays, parts.
pub(super) struct ProductLook {
    pub mesh: Handle<Mesh>,
    pub material: Handle<StandardMaterial>,
    /// Height as it rests, metres.
    pub height: f32,
    /// A roll lies on its side.
    pub lying: bool,
}

impl ProductLook {
    pub fn new(product: ProductKind, meshes: &mut Assets<Mesh>, materials: &mut Assets<StandardMaterial>) -> Self {
        let (mesh, colour, height): (Mesh, Color, f32) = match product {
            ProductKind::Slurry => (Cylinder::new(0.3, 0.7).into(), Color::srgb(0.25, 0.25, 0.28), 0.7),
            ProductKind::Roll => (Cylinder::new(0.35, 0.6).into(), Color::srgb(0.08, 0.08, 0.09), 0.7),
            ProductKind::Sheets => (Cuboid::new(0.5, 0.15, 0.4).into(), Color::srgb(0.1, 0.1, 0.1), 0.15),
            ProductKind::Cell => (Cuboid::new(0.3, 0.06, 0.4).into(), Color::srgb(0.72, 0.72, 0.76), 0.06),
            // A sample tray: a pellet or coupon in its holder.
            ProductKind::Sample => (Cylinder::new(0.18, 0.08).into(), Color::srgb(0.85, 0.83, 0.78), 0.08),
            ProductKind::Part => (Cuboid::new(0.4, 0.4, 0.4).into(), Color::srgb(0.3, 0.55, 0.85), 0.4),
        };
        Self { mesh: meshes.add(mesh), material: materials.add(colour), height, lying: product == ProductKind::Roll }
    }

    /// The transform of a unit resting on `floor` (its lowest point there).
    pub fn resting(&self, floor: Vec3) -> Transform {
        let mut t = Transform::from_translation(floor + Vec3::Y * self.height / 2.0);
        if self.lying {
            t.rotate_x(std::f32::consts::FRAC_PI_2);
        }
        t
    }
}

fn spawn_buffers(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let plan = plan_line(&twin);
    for (b, buffer) in twin.sim().line.buffers.iter().enumerate() {
        let look = ProductLook::new(product_from(&twin, buffer.from), &mut meshes, &mut materials);
        let stack = stack_point(&plan, buffer.from, buffer.to);
        for slot in 0..(buffer.capacity as usize).min(6) {
            let offset = Vec3::new(-1.0 + 0.8 * (slot % 3) as f32, (slot / 3) as f32 * (look.height + 0.05), 0.0);
            commands.spawn((
                Mesh3d(look.mesh.clone()),
                MeshMaterial3d(look.material.clone()),
                look.resting(stack + offset),
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

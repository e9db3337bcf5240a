//! The generic station: a plain block in its area's colour, for kinds without a model.

use bevy::prelude::*;

use super::Kit;

pub fn block(p: &mut ChildSpawnerCommands, body: Handle<StandardMaterial>, kit: &mut Kit) {
    kit.part(p, Cuboid::new(4.0, 2.4, 3.0), body, Transform::from_xyz(0.0, 1.2, 0.0));
}

//! Station models built from primitives, grouped by plant area, picked by the station's kind
//! name (`"Coater"`, …). A kind without a model of its own gets the generic block, so a new
//! station kind shows up before it has a model.

use bevy::prelude::*;
use sim_core::line::EquipmentState;
use sim_core::stations::StationKind;

use crate::AppSystems;
use crate::sim::stepping::Twin;

pub mod assembly;
pub mod electrode;
pub mod finishing;
pub mod generic;
pub mod lab;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((electrode::plugin, assembly::plugin, finishing::plugin, lab::plugin))
        .add_systems(Update, spin.in_set(AppSystems::Visuals));
}

/// Meshes and materials shared while building models.
pub struct Kit<'a> {
    pub meshes: &'a mut Assets<Mesh>,
    pub materials: &'a mut Assets<StandardMaterial>,
    pub dark: Handle<StandardMaterial>,
    pub steel: Handle<StandardMaterial>,
}

impl Kit<'_> {
    /// Spawns one part of a model under `p`.
    pub fn part(
        &mut self,
        p: &mut ChildSpawnerCommands,
        mesh: impl Into<Mesh>,
        material: Handle<StandardMaterial>,
        transform: Transform,
    ) -> Entity {
        p.spawn((Mesh3d(self.meshes.add(mesh.into())), MeshMaterial3d(material), transform)).id()
    }
}

/// A roll lying across the web (axis along z).
pub fn roll(radius: f32, width: f32) -> (Cylinder, Transform) {
    (Cylinder::new(radius, width), Transform::from_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)))
}

/// A part that turns while its station runs (rolls, stirrers, knives).
#[derive(Component)]
pub struct Spinner {
    pub index: usize,
    pub axis: Vec3,
    pub rad_per_s: f32,
}

impl Spinner {
    /// Turning about the web's cross axis, like a roll.
    pub fn roll(index: usize, rad_per_s: f32) -> Self {
        Self { index, axis: Vec3::Z, rad_per_s }
    }
}

/// The model of one station, as children of its root entity.
pub fn spawn_model(
    p: &mut ChildSpawnerCommands,
    kind: &StationKind,
    index: usize,
    body: Handle<StandardMaterial>,
    kit: &mut Kit,
) {
    match kind.kind_name() {
        "Mixer" => electrode::mixer(p, index, body, kit),
        "Coater" => electrode::coater(p, index, body, kit),
        "Dryer" => electrode::dryer(p, kind, body, kit),
        "Calender" => electrode::calender(p, index, body, kit),
        "Inspection" => electrode::inspection(p, index, body, kit),
        "Slitter" => electrode::slitter(p, index, body, kit),
        "LotStore" => assembly::lot_store(p, body, kit),
        "Impregnator" => assembly::impregnator(p, index, body, kit),
        "CuringOven" => assembly::curing_oven(p, body, kit),
        "AnodeLaminator" => assembly::laminator(p, index, body, kit),
        "Stacker" => assembly::stacker(p, index, body, kit),
        "StackPress" => assembly::stack_press(p, body, kit),
        "PouchSealer" => assembly::pouch_sealer(p, body, kit),
        "DryRoom" => assembly::dry_room(p, index, body, kit),
        "FormationRack" => finishing::formation_rack(p, index, body, kit),
        "AgingRack" => finishing::aging_rack(p, body, kit),
        "EolTester" => finishing::eol_tester(p, index, body, kit),
        "SampleStore" => lab::sample_store(p, body, kit),
        "Glovebox" => lab::glovebox(p, index, body, kit),
        "AnnealFurnace" => lab::anneal_furnace(p, index, body, kit),
        "ImpedanceTester" => lab::impedance_tester(p, body, kit),
        "Diffractometer" => lab::diffractometer(p, index, body, kit),
        "SputterChamber" => lab::sputter_chamber(p, index, body, kit),
        "AldReactor" => lab::ald_reactor(p, index, body, kit),
        _ => generic::block(p, body, kit),
    }
}

/// Sets a lamp's colour and glow, touching the material only when its colour changes (a
/// change re-uploads it).
pub fn set_lamp(
    materials: &mut Assets<StandardMaterial>,
    material: &Handle<StandardMaterial>,
    colour: Color,
    glow: LinearRgba,
) {
    if materials.get(material).is_some_and(|m| m.base_color != colour)
        && let Some(mut m) = materials.get_mut(material)
    {
        m.base_color = colour;
        m.emissive = glow;
    }
}

/// Whether station `index` of the running line is running (models move only then).
pub fn is_running(twin: &Twin, index: usize) -> bool {
    twin.sim().line.stations.get(index).is_some_and(|s| s.state == EquipmentState::Running)
}

fn spin(twin: Option<Res<Twin>>, time: Res<Time>, mut parts: Query<(&Spinner, &mut Transform)>) {
    let Some(twin) = twin else { return };
    for (spinner, mut transform) in &mut parts {
        if is_running(&twin, spinner.index) {
            transform.rotate_axis(Dir3::new(spinner.axis).unwrap_or(Dir3::Y), spinner.rad_per_s * time.delta_secs());
        }
    }
}

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
        .add_systems(Update, (spin, traverse, stroke, work_glow).in_set(AppSystems::Visuals));
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
    /// Turning rate, rad/s: fixed, or per unit of a control of the station (see [`Drive`]).
    pub rad_per_s: f32,
    pub drive: Drive,
}

/// What sets a part's turning rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drive {
    /// A fixed rate whenever the station runs (a robot arm, a rack's carousel).
    Fixed,
    /// The station's control `name` times `rad_per_s` (a roll at the web speed, a stirrer at
    /// its rpm), sped up with the plant ([`MAX_VISUAL_RAD_PER_S`] at most, beyond which a
    /// turning part only flickers).
    Control(&'static str),
}

/// Fastest a part is drawn turning, rad/s.
pub const MAX_VISUAL_RAD_PER_S: f32 = 12.0;

impl Spinner {
    /// Turning about the web's cross axis at a fixed rate, like a roll.
    pub fn roll(index: usize, rad_per_s: f32) -> Self {
        Self { index, axis: Vec3::Z, rad_per_s, drive: Drive::Fixed }
    }

    /// A roll of `radius_m` carrying the web at the speed the station's control `speed`
    /// sets, m/min: surface speed over radius (`sign` -1 for a roll turning the other way,
    /// the upper roll of a calender).
    pub fn web_roll(index: usize, radius_m: f32, speed: &'static str, sign: f32) -> Self {
        Self { index, axis: Vec3::Z, rad_per_s: sign / (60.0 * radius_m), drive: Drive::Control(speed) }
    }

    /// A stirrer or shaft about `axis` at the rpm the station's control `rpm` sets.
    pub fn rpm(index: usize, axis: Vec3, rpm: &'static str) -> Self {
        Self { index, axis, rad_per_s: std::f32::consts::TAU / 60.0, drive: Drive::Control(rpm) }
    }
}

/// A part that travels to and fro while its station runs (a gauge head scanning across the
/// web): `amplitude_m` either side of where it was built, along `axis`, one sweep each way
/// per `period_s`.
#[derive(Component)]
pub struct Traverser {
    pub index: usize,
    pub axis: Vec3,
    pub amplitude_m: f32,
    pub period_s: f32,
    /// Where it was built, and its phase (radians).
    pub home: Vec3,
    pub phase: f32,
}

/// A part that moves with the station's cycle (a press platen, a sealing jaw): it travels
/// `travel_m` along `axis` from where it was built as the cycle starts, holds there while
/// the unit is worked on, and returns as the cycle ends (see [`stroke_position`]). It stands
/// still with the cycle's clock (down, held, in maintenance) and is home between units.
#[derive(Component)]
pub struct Stroke {
    pub index: usize,
    pub axis: Vec3,
    pub travel_m: f32,
    pub home: Vec3,
}

/// Share of a cycle a stroke takes to close, and again to open.
const STROKE_SHARE: f64 = 0.15;

/// How far a stroke has travelled, 0 (home) to 1, at cycle progress `progress` (0 to 1).
pub fn stroke_position(progress: f64) -> f32 {
    (progress.min(1.0 - progress) / STROKE_SHARE).clamp(0.0, 1.0) as f32
}

/// A part that glows while its station works (a sputter plasma, a hot furnace tube, a press
/// platen, a sealing bar), dark otherwise.
#[derive(Component)]
pub struct WorkGlow {
    pub index: usize,
    pub colour: LinearRgba,
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
        "CuringOven" => assembly::curing_oven(p, index, body, kit),
        "AnodeLaminator" => assembly::laminator(p, index, body, kit),
        "Stacker" => assembly::stacker(p, index, body, kit),
        "StackPress" => assembly::stack_press(p, index, body, kit),
        "PouchSealer" => assembly::pouch_sealer(p, index, body, kit),
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

fn spin(
    twin: Option<Res<Twin>>,
    time: Res<Time>,
    speed: Option<Res<crate::sim::stepping::PlantSpeed>>,
    mut parts: Query<(&Spinner, &mut Transform)>,
) {
    let Some(twin) = twin else { return };
    let plant_speed = speed.map_or(1.0, |s| s.0 as f32);
    let stations = &twin.sim().line.stations;
    // Each station's control values, read once a frame for all its parts.
    let mut values: Vec<Option<Vec<(sim_core::controls::Name, f64)>>> = vec![None; stations.len()];
    for (spinner, mut transform) in &mut parts {
        if !is_running(&twin, spinner.index) {
            continue;
        }
        let rate = match spinner.drive {
            Drive::Fixed => spinner.rad_per_s,
            Drive::Control(name) => {
                let value = stations.get(spinner.index).and_then(|s| {
                    let read = values[spinner.index].get_or_insert_with(|| s.kind.station().control_values());
                    read.iter().find(|(n, _)| n == name).map(|(_, v)| *v as f32)
                });
                let rate = value.unwrap_or(0.0) * spinner.rad_per_s * plant_speed;
                rate.clamp(-MAX_VISUAL_RAD_PER_S, MAX_VISUAL_RAD_PER_S)
            }
        };
        transform.rotate_axis(Dir3::new(spinner.axis).unwrap_or(Dir3::Y), rate * time.delta_secs());
    }
}

fn traverse(twin: Option<Res<Twin>>, time: Res<Time>, mut parts: Query<(&mut Traverser, &mut Transform)>) {
    let Some(twin) = twin else { return };
    for (mut part, mut transform) in &mut parts {
        if is_running(&twin, part.index) {
            part.phase = (part.phase + std::f32::consts::TAU * time.delta_secs() / part.period_s.max(0.1))
                % std::f32::consts::TAU;
        }
        transform.translation = part.home + part.axis * part.amplitude_m * part.phase.sin();
    }
}

fn stroke(twin: Option<Res<Twin>>, mut parts: Query<(&Stroke, &mut Transform)>) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    for (part, mut transform) in &mut parts {
        let progress = sim.line.stations.get(part.index).and_then(|s| s.cycle_progress(sim.now_ms));
        let at = progress.map_or(0.0, stroke_position);
        let translation = part.home + part.axis * part.travel_m * at;
        // Written only when it moved: a part at rest costs no transform propagation.
        if transform.translation != translation {
            transform.translation = translation;
        }
    }
}

fn work_glow(
    twin: Option<Res<Twin>>,
    parts: Query<(&WorkGlow, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    for (part, material) in &parts {
        let glow = if is_running(&twin, part.index) { part.colour } else { LinearRgba::BLACK };
        if materials.get(&material.0).is_some_and(|m| m.emissive != glow)
            && let Some(mut m) = materials.get_mut(&material.0)
        {
            m.emissive = glow;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stroke_position;

    #[test]
    fn a_stroke_closes_holds_and_opens_with_the_cycle() {
        assert_eq!(stroke_position(0.0), 0.0);
        assert!((stroke_position(0.075) - 0.5).abs() < 1e-6);
        assert_eq!(stroke_position(0.5), 1.0);
        assert_eq!(stroke_position(0.85), 1.0);
        assert!(stroke_position(0.95) < 0.5);
        assert_eq!(stroke_position(1.0), 0.0);
    }
}

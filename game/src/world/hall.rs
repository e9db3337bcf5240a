//! The hall of the running line: one model per station (clicking one
//! selects it and brings the camera closer), built when a run starts and cleared when it
//! is dropped.

use bevy::prelude::*;

use super::models::{Kit, spawn_model};
use super::site_table::STATION_PITCH_M;
use super::sites::{LinePlan, ShownSite, plan_line};
use super::{HallPart, HoveredStation, SelectedStation, StationModel};
use crate::camera::{FrameTarget, Orbit};
use crate::sim::stepping::Twin;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, build_hall.run_if(resource_added::<Twin>))
        .add_systems(Update, clear_hall.run_if(resource_removed::<Twin>));
}

/// Body colour of a station by plant area.
fn area_colour(area: &str) -> Color {
    match area {
        "electrode" => Color::srgb(0.55, 0.62, 0.70),
        "assembly" => Color::srgb(0.45, 0.65, 0.60),
        "finishing" => Color::srgb(0.72, 0.62, 0.42),
        _ => Color::srgb(0.60, 0.60, 0.64),
    }
}

/// The station models of the running scenario's line (the conveyors between them are
/// `transport`'s); shows its site.
fn build_hall(
    mut commands: Commands,
    twin: Res<Twin>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut orbit: ResMut<Orbit>,
    mut frame: ResMut<FrameTarget>,
    mut site: ResMut<ShownSite>,
) {
    let plan = plan_line(&twin);
    let stations = &twin.sim().line.stations;
    let dark = materials.add(StandardMaterial { base_color: Color::srgb(0.2, 0.21, 0.23), ..default() });
    let steel = materials.add(StandardMaterial {
        base_color: Color::srgb(0.75, 0.76, 0.78),
        metallic: 0.8,
        perceptual_roughness: 0.35,
        ..default()
    });
    let mut kit = Kit { meshes: &mut meshes, materials: &mut materials, dark, steel };

    for (i, (station, at)) in stations.iter().zip(&plan.positions).enumerate() {
        let body = kit.materials.add(StandardMaterial {
            base_color: area_colour(&station.area),
            perceptual_roughness: 0.6,
            metallic: 0.2,
            ..default()
        });
        let mut model = commands.spawn((
            Transform::from_translation(*at),
            Visibility::default(),
            StationModel { index: i },
            HallPart,
        ));
        model.observe(select_station).observe(hover_station).observe(leave_station);
        model.with_children(|p| spawn_model(p, &station.kind, i, body, &mut kit));
    }
    let (focus, points) = framing(&plan);
    site.set_if_neq(ShownSite(plan.site));
    orbit.focus = focus;
    // A first view for a wide window; the play screen re-frames it between its panels.
    orbit.frame(&points, 16.0 / 9.0);
    *frame = FrameTarget::new(points);
}

/// Where the camera looks to frame a line (the middle of its stations, a metre up), and the
/// points it must show: each station's footprint corners and top, and room in front of it
/// for the sign of its area.
pub fn framing(plan: &LinePlan) -> (Vec3, Vec<Vec3>) {
    framing_of(plan, |_| true)
}

/// [`framing`] of the stations `chosen` picks (by index), e.g. one plant area's.
pub fn framing_of(plan: &LinePlan, chosen: impl Fn(usize) -> bool) -> (Vec3, Vec<Vec3>) {
    let half = STATION_PITCH_M / 2.0 - 0.5;
    let points: Vec<Vec3> = plan
        .positions
        .iter()
        .enumerate()
        .filter(|(i, _)| chosen(*i))
        .flat_map(|(_, p)| {
            [
                *p + Vec3::new(-half, 0.0, -1.5),
                *p + Vec3::new(half, 0.0, -1.5),
                *p + Vec3::new(-half, 0.0, 1.5),
                *p + Vec3::new(half, 0.0, 1.5),
                *p + Vec3::new(0.0, 3.5, 0.0),
                // The area's sign on the floor in front (`hud::station_tags::area_signs`).
                *p + Vec3::new(-STATION_PITCH_M / 2.0, 0.0, crate::hud::SIGN_FRONT_M + 1.5),
            ]
        })
        .collect();
    let origin = ShownSite(plan.site).spec().origin();
    let focus = if points.is_empty() {
        origin + Vec3::Y
    } else {
        let (lo, hi) = points.iter().fold((Vec3::INFINITY, Vec3::NEG_INFINITY), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
        Vec3::new((lo.x + hi.x) / 2.0, origin.y + 1.0, (lo.z + hi.z) / 2.0)
    };
    (focus, points)
}

fn clear_hall(
    mut commands: Commands,
    parts: Query<Entity, With<HallPart>>,
    mut selected: ResMut<SelectedStation>,
    mut hovered: ResMut<HoveredStation>,
) {
    for e in &parts {
        commands.entity(e).despawn();
    }
    selected.0 = None;
    hovered.0 = None;
}

/// The pointer over a station's model (any of its parts) shows its tooltip.
fn hover_station(over: On<Pointer<Over>>, models: Query<&StationModel>, mut hovered: ResMut<HoveredStation>) {
    if let Ok(model) = models.get(over.entity) {
        hovered.0 = Some(model.index);
    }
}

fn leave_station(out: On<Pointer<Out>>, models: Query<&StationModel>, mut hovered: ResMut<HoveredStation>) {
    if let Ok(model) = models.get(out.entity)
        && hovered.0 == Some(model.index)
    {
        hovered.0 = None;
    }
}

/// A click on a station's model selects it and brings the camera closer.
fn select_station(
    click: On<Pointer<Click>>,
    models: Query<(&StationModel, &Transform)>,
    mut selected: ResMut<SelectedStation>,
    mut orbit: ResMut<Orbit>,
) {
    if click.button != PointerButton::Primary {
        return;
    }
    if let Ok((model, transform)) = models.get(click.entity) {
        selected.0 = Some(model.index);
        orbit.focus = transform.translation + Vec3::Y;
        orbit.radius = orbit.radius.min(20.0);
    }
}

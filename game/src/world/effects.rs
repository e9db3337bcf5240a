//! State lamps (one colour per equipment state), fault beacons that flash while a station
//! is down or has an unacknowledged alarm, haze over a station that is down, and sparks at
//! a slitter cutting with burrs over the limit.

use bevy::prelude::*;
use sim_core::alarms::AlarmState;
use sim_core::line::EquipmentState;

use super::HallPart;
use super::sites::plan_line;
use crate::AppSystems;
use crate::settings::Settings;
use crate::sim::stepping::Twin;
use crate::theme::state_colour;

/// A lamp showing its station's state; `shown` is what it shows now.
#[derive(Component)]
struct StateLamp {
    index: usize,
    shown: Option<(EquipmentState, bool)>,
}

/// A beacon that flashes while its station is down or has an unacknowledged alarm.
#[derive(Component)]
struct Beacon {
    index: usize,
}

/// A visible fault effect: haze over a station that is down, sparks at a slitter cutting
/// with burrs over the limit.
#[derive(Component)]
struct FaultEffect {
    index: usize,
    kind: EffectKind,
    /// Resting position, jittered while shown.
    home: Vec3,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EffectKind {
    Haze,
    Sparks,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, spawn_effects.run_if(resource_added::<Twin>))
        .add_systems(Update, (update_lamps, update_beacons, update_effects).in_set(AppSystems::Visuals));
}

/// Lamps and beacons over every station, haze over every station and sparks at slitters
/// (hidden until needed).
fn spawn_effects(
    mut commands: Commands,
    twin: Res<Twin>,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let plan = plan_line(&twin);
    let stations = &twin.sim().line.stations;
    let lamp_mesh = meshes.add(Sphere::new(0.25));
    let beacon_mesh = meshes.add(Cylinder::new(0.18, 0.35));
    for (i, (station, &at)) in stations.iter().zip(&plan.positions).enumerate() {
        let colour = state_colour(station.state, settings.colour_blind);
        commands.spawn((
            Mesh3d(lamp_mesh.clone()),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: colour,
                emissive: colour.to_linear() * 4.0,
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(2.2, 3.4, 1.6)),
            StateLamp { index: i, shown: None },
            Pickable::IGNORE,
            HallPart,
        ));
        commands.spawn((
            Mesh3d(beacon_mesh.clone()),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::srgb(1.0, 0.2, 0.1),
                emissive: LinearRgba::rgb(8.0, 1.0, 0.2),
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(-2.2, 3.4, 1.6)),
            Visibility::Hidden,
            Beacon { index: i },
            Pickable::IGNORE,
            HallPart,
        ));
    }

    // Fault effects: haze over every station, sparks at slitters (hidden until needed).
    let haze_mesh = meshes.add(Sphere::new(0.9));
    let haze = materials.add(StandardMaterial {
        base_color: Color::srgba(0.35, 0.35, 0.38, 0.35),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    let spark_mesh = meshes.add(Cuboid::new(0.06, 0.06, 0.06));
    let spark = materials.add(StandardMaterial {
        base_color: Color::srgb(1.0, 0.8, 0.3),
        emissive: LinearRgba::rgb(20.0, 12.0, 2.0),
        ..default()
    });
    for (i, (station, &at)) in stations.iter().zip(&plan.positions).enumerate() {
        for k in 0..3 {
            let home = at + Vec3::new(-0.8 + 0.8 * k as f32, 3.6 + 0.3 * k as f32, 0.0);
            commands.spawn((
                Mesh3d(haze_mesh.clone()),
                MeshMaterial3d(haze.clone()),
                Transform::from_translation(home),
                Visibility::Hidden,
                FaultEffect { index: i, kind: EffectKind::Haze, home },
                Pickable::IGNORE,
                HallPart,
            ));
        }
        if station.kind.kind_name() == "Slitter" {
            for k in 0..10 {
                let home = at + Vec3::new(0.4 + 0.05 * k as f32, 1.5, -0.6 + 0.13 * k as f32);
                commands.spawn((
                    Mesh3d(spark_mesh.clone()),
                    MeshMaterial3d(spark.clone()),
                    Transform::from_translation(home),
                    Visibility::Hidden,
                    FaultEffect { index: i, kind: EffectKind::Sparks, home },
                    Pickable::IGNORE,
                    HallPart,
                ));
            }
        }
    }
}

fn update_lamps(
    twin: Option<Res<Twin>>,
    settings: Res<Settings>,
    mut lamps: Query<(&mut StateLamp, &MeshMaterial3d<StandardMaterial>)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(twin) = twin else { return };
    for (mut lamp, material) in &mut lamps {
        let Some(station) = twin.sim().line.stations.get(lamp.index) else { continue };
        let shown = (station.state, settings.colour_blind);
        if lamp.shown == Some(shown) {
            continue;
        }
        lamp.shown = Some(shown);
        if let Some(mut m) = materials.get_mut(&material.0) {
            let colour = state_colour(station.state, settings.colour_blind);
            m.base_color = colour;
            m.emissive = colour.to_linear() * 4.0;
        }
    }
}

/// Beacons flash while a station is down or has an unacknowledged alarm.
fn update_beacons(twin: Option<Res<Twin>>, time: Res<Time>, mut beacons: Query<(&Beacon, &mut Visibility)>) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    let on = (time.elapsed_secs() * 2.0).fract() < 0.6;
    for (beacon, mut visibility) in &mut beacons {
        let Some(station) = sim.line.stations.get(beacon.index) else { continue };
        let alarm = sim.alarms.alarms.iter().any(|a| {
            a.source.as_deref() == Some(station.id.as_str())
                && matches!(a.state(), AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)
        });
        let show = on && (station.state == EquipmentState::Down || alarm);
        visibility.set_if_neq(if show { Visibility::Visible } else { Visibility::Hidden });
    }
}

fn update_effects(
    twin: Option<Res<Twin>>,
    time: Res<Time>,
    mut effects: Query<(&FaultEffect, &mut Transform, &mut Visibility)>,
) {
    let Some(twin) = twin else { return };
    let sim = twin.sim();
    let t = time.elapsed_secs();
    for (effect, mut transform, mut visibility) in &mut effects {
        let Some(station) = sim.line.stations.get(effect.index) else { continue };
        let show = match effect.kind {
            EffectKind::Haze => station.state == EquipmentState::Down,
            EffectKind::Sparks => {
                station.state == EquipmentState::Running
                    && sim.alarms.alarms.iter().any(|a| a.active && a.tag == format!("{}.process.burr", station.id))
            }
        };
        visibility.set_if_neq(if show { Visibility::Visible } else { Visibility::Hidden });
        if show {
            let phase = effect.home.x * 7.0 + effect.home.z * 13.0;
            transform.translation = match effect.kind {
                EffectKind::Haze => effect.home + Vec3::new(0.0, (t * 0.5 + phase).sin() * 0.3, 0.0),
                EffectKind::Sparks => {
                    effect.home + Vec3::new((t * 31.0 + phase).sin() * 0.4, ((t * 23.0 + phase).cos()).abs() * 0.5, 0.0)
                }
            };
        }
    }
}

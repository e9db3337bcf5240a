//! The sites: their halls (floor, walls, columns or lab benches, walkway, empty benches), which site the camera
//! shows, and where a running line's stations stand. The data is in [`super::site_table`].

use bevy::prelude::*;

use super::site_table::{SITES, STATION_PITCH_M, SiteSpec};
use crate::camera::Orbit;
use crate::sim::stepping::Twin;

/// Every site, from the site table.
pub fn all() -> &'static [SiteSpec] {
    SITES
}

/// The site the camera shows (index into [`all`]).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShownSite(pub usize);

impl ShownSite {
    pub fn spec(self) -> &'static SiteSpec {
        &SITES[self.0.min(SITES.len() - 1)]
    }
}

/// Where the running line stands: the hosting site and each station's world position.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePlan {
    pub site: usize,
    pub positions: Vec<Vec3>,
}

/// Plans the line of `twin`: its site from the table (the first site if none lists it) and
/// each station at its placement, or along the flow where it has none.
pub fn plan_line(twin: &Twin) -> LinePlan {
    let line = twin.layout.id.as_str();
    let site = SITES.iter().position(|s| s.lines.iter().any(|l| l.line == line)).unwrap_or(0);
    let spec = &SITES[site];
    let placements = spec.lines.iter().find(|l| l.line == line).map_or(&[][..], |l| l.stations);
    let stations = &twin.sim().line.stations;
    let count = stations.len();
    let positions = stations
        .iter()
        .enumerate()
        .map(|(i, station)| {
            let [x, z] = placements
                .iter()
                .find(|(id, _)| *id == station.id)
                .map_or_else(|| [(i as f32 - (count as f32 - 1.0) / 2.0) * STATION_PITCH_M, 0.0], |(_, at)| *at);
            spec.origin() + Vec3::new(x, 0.0, z)
        })
        .collect();
    LinePlan { site, positions }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShownSite>()
        .add_systems(Startup, build_sites)
        .add_systems(Update, (focus_site, show_shown_site).in_set(crate::AppSystems::Visuals));
}

/// Height of a hall's walls, metres.
const WALL_M: f32 = 8.0;
/// Spacing of a production hall's columns, metres.
const COLUMN_BAY_M: f32 = 10.0;

/// The sun, and floors, walls, walkways and benches of every site: production halls with
/// columns and a crane runway, labs with wall benches and fume hoods.
fn build_sites(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        DirectionalLight { illuminance: 9_000.0, shadow_maps_enabled: true, ..default() },
        Transform::from_xyz(-20.0, 40.0, 30.0).looking_at(Vec3::new(0.0, 0.0, -60.0), Vec3::Y),
    ));
    let wall = materials.add(StandardMaterial { base_color: Color::srgb(0.86, 0.87, 0.88), ..default() });
    let window = materials.add(StandardMaterial {
        base_color: Color::srgb(0.55, 0.68, 0.80),
        perceptual_roughness: 0.15,
        reflectance: 0.7,
        ..default()
    });
    let column = materials.add(StandardMaterial {
        base_color: Color::srgb(0.32, 0.40, 0.52),
        metallic: 0.5,
        perceptual_roughness: 0.5,
        ..default()
    });
    let kerb = materials.add(Color::srgb(0.92, 0.78, 0.12));
    let cabinet = materials.add(StandardMaterial { base_color: Color::srgb(0.93, 0.93, 0.91), ..default() });
    let worktop = materials.add(StandardMaterial { base_color: Color::srgb(0.15, 0.16, 0.17), ..default() });
    for (k, site) in SITES.iter().enumerate() {
        let o = site.origin();
        let [width, depth] = site.hall_m;
        let [r, g, b] = site.floor;
        commands.spawn((
            Mesh3d(meshes.add(Plane3d::default().mesh().size(width, depth))),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::srgb(r, g, b),
                perceptual_roughness: 0.95,
                ..default()
            })),
            Transform::from_translation(o),
            Pickable::IGNORE,
            SiteHall(k),
        ));
        let mut fixed = |mesh: Mesh, material: &Handle<StandardMaterial>, at: Vec3| {
            commands.spawn((
                Mesh3d(meshes.add(mesh)),
                MeshMaterial3d(material.clone()),
                Transform::from_translation(o + at),
                Pickable::IGNORE,
                SiteHall(k),
            ));
        };
        // Back and side walls, with a band of high windows along the back.
        fixed(Cuboid::new(width, WALL_M, 0.3).into(), &wall, Vec3::new(0.0, WALL_M / 2.0, -depth / 2.0));
        fixed(Cuboid::new(width - 4.0, 1.4, 0.1).into(), &window, Vec3::new(0.0, WALL_M - 1.6, -depth / 2.0 + 0.2));
        for side in [-1.0, 1.0] {
            fixed(Cuboid::new(0.3, WALL_M, depth).into(), &wall, Vec3::new(side * width / 2.0, WALL_M / 2.0, 0.0));
        }
        if site.lab {
            // Wall benches with a dark worktop along the back, and fume hoods at both ends.
            let run = width - 16.0;
            fixed(Cuboid::new(run, 0.9, 0.8).into(), &cabinet, Vec3::new(0.0, 0.45, -depth / 2.0 + 0.6));
            fixed(Cuboid::new(run, 0.05, 0.85).into(), &worktop, Vec3::new(0.0, 0.92, -depth / 2.0 + 0.6));
            fixed(Cuboid::new(run, 0.7, 0.4).into(), &cabinet, Vec3::new(0.0, 2.2, -depth / 2.0 + 0.35));
            for x in [-width / 2.0 + 4.0, width / 2.0 - 4.0] {
                fixed(Cuboid::new(1.8, 2.6, 1.0).into(), &cabinet, Vec3::new(x, 1.3, -depth / 2.0 + 0.7));
                fixed(Cuboid::new(1.5, 0.9, 0.05).into(), &window, Vec3::new(x, 1.5, -depth / 2.0 + 1.22));
                fixed(
                    Cylinder::new(0.2, WALL_M - 2.6).into(),
                    &cabinet,
                    Vec3::new(x, 2.6 + (WALL_M - 2.6) / 2.0, -depth / 2.0 + 0.7),
                );
            }
        } else {
            // Steel columns along the walls, carrying a crane runway.
            let bays = (width / COLUMN_BAY_M).floor() as i32;
            for bay in 0..=bays {
                let x = -width / 2.0 + 1.0 + bay as f32 * (width - 2.0) / bays.max(1) as f32;
                fixed(Cuboid::new(0.5, WALL_M, 0.5).into(), &column, Vec3::new(x, WALL_M / 2.0, -depth / 2.0 + 0.45));
                fixed(Cuboid::new(0.52, 0.6, 0.52).into(), &kerb, Vec3::new(x, 0.3, -depth / 2.0 + 0.45));
            }
            fixed(
                Cuboid::new(width - 1.0, 0.5, 0.4).into(),
                &column,
                Vec3::new(0.0, WALL_M - 0.8, -depth / 2.0 + 0.45),
            );
        }
        // Yellow walkway marking.
        commands.spawn((
            Mesh3d(meshes.add(Cuboid::new(width - 10.0, 0.02, 1.0))),
            MeshMaterial3d(materials.add(Color::srgb(0.90, 0.80, 0.20))),
            Transform::from_translation(o + Vec3::new(0.0, 0.01, 6.0)),
            Pickable::IGNORE,
            SiteHall(k),
        ));
        if !site.benches.is_empty() {
            let bench = materials.add(Color::srgb(0.45, 0.47, 0.50));
            for [x, z] in site.benches {
                commands.spawn((
                    Mesh3d(meshes.add(Cuboid::new(5.0, 0.9, 1.5))),
                    MeshMaterial3d(bench.clone()),
                    Transform::from_translation(o + Vec3::new(*x, 0.45, *z)),
                    Pickable::IGNORE,
                    SiteHall(k),
                ));
            }
        }
    }
}

/// A part of site `.0`'s hall: only the shown site's hall is drawn, so another site never
/// stands in the background of a view.
#[derive(Component)]
pub struct SiteHall(pub usize);

fn show_shown_site(site: Res<ShownSite>, mut parts: Query<(&SiteHall, &mut Visibility)>) {
    if !site.is_changed() {
        return;
    }
    for (part, mut visibility) in &mut parts {
        visibility.set_if_neq(if part.0 == site.0 { Visibility::Inherited } else { Visibility::Hidden });
    }
}

/// Moves the camera to the site the trainee picked.
fn focus_site(site: Res<ShownSite>, mut orbit: ResMut<Orbit>) {
    if site.is_changed() && !site.is_added() {
        orbit.focus = site.spec().origin() + Vec3::Y;
        orbit.radius = 45.0;
    }
}

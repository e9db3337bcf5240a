//! The sites: their halls (floor, back wall, walkway, empty benches), which site the camera
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
        .add_systems(Update, focus_site.in_set(crate::AppSystems::Visuals));
}

/// The sun, and floors, walls, walkways and benches of every site.
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
    for site in SITES {
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
        ));
        commands.spawn((
            Mesh3d(meshes.add(Cuboid::new(width, 8.0, 0.3))),
            MeshMaterial3d(wall.clone()),
            Transform::from_translation(o + Vec3::new(0.0, 4.0, -depth / 2.0)),
            Pickable::IGNORE,
        ));
        // Yellow walkway marking.
        commands.spawn((
            Mesh3d(meshes.add(Cuboid::new(width - 10.0, 0.02, 1.0))),
            MeshMaterial3d(materials.add(Color::srgb(0.90, 0.80, 0.20))),
            Transform::from_translation(o + Vec3::new(0.0, 0.01, 6.0)),
            Pickable::IGNORE,
        ));
        if !site.benches.is_empty() {
            let bench = materials.add(Color::srgb(0.45, 0.47, 0.50));
            for [x, z] in site.benches {
                commands.spawn((
                    Mesh3d(meshes.add(Cuboid::new(5.0, 0.9, 1.5))),
                    MeshMaterial3d(bench.clone()),
                    Transform::from_translation(o + Vec3::new(*x, 0.45, *z)),
                    Pickable::IGNORE,
                ));
            }
        }
    }
}

/// Moves the camera to the site the trainee picked.
fn focus_site(site: Res<ShownSite>, mut orbit: ResMut<Orbit>) {
    if site.is_changed() && !site.is_added() {
        orbit.focus = site.spec().origin() + Vec3::Y;
        orbit.radius = 45.0;
    }
}

//! The hall view frames the whole line: for every bundled scenario's line and for viewports
//! from a narrow window with both side panels open to a wide screen, every station's
//! footprint and top show inside the view, and the camera comes no farther than it must.

use game::camera::{FRAME_MARGIN, MAX_RADIUS_M, Orbit};
use game::catalogue::Catalogue;
use game::sim::stepping::Twin;
use game::world::hall::framing;
use game::world::sites::plan_line;

/// Hall viewports (width / height) left between the panels: 1024x768, 1280x720 and 1600x900
/// with the dashboard and objectives open (about 350 and 300 px), 1920x1080 and 2560x1080 the
/// same, and 1024x768 and 1280x720 with the objectives in the dashboard's panel (what a window
/// under 1500 points gets).
const ASPECTS: [f32; 7] = [
    (1024.0 - 650.0) / (768.0 - 22.0),
    (1280.0 - 650.0) / (720.0 - 22.0),
    (1600.0 - 650.0) / (900.0 - 22.0),
    (1920.0 - 650.0) / (1080.0 - 22.0),
    (2560.0 - 650.0) / (1080.0 - 22.0),
    (1024.0 - 390.0) / (768.0 - 22.0),
    (1280.0 - 390.0) / (720.0 - 22.0),
];

#[test]
fn every_line_is_framed_whole_at_every_window_size() {
    let catalogue = Catalogue::bundled();
    let mut seen = Vec::new();
    for entry in &catalogue.entries {
        if seen.contains(&entry.layout.id) {
            continue;
        }
        seen.push(entry.layout.id.clone());
        let twin = Twin::new(entry, None).unwrap();
        let plan = plan_line(&twin);
        let (focus, points) = framing(&plan);
        assert_eq!(points.len(), 6 * twin.sim().line.stations.len());
        for aspect in ASPECTS {
            let mut orbit = Orbit { focus, ..Orbit::default() };
            orbit.frame(&points, aspect);
            assert!(orbit.radius < MAX_RADIUS_M, "{}: no view shows it at aspect {aspect:.2}", entry.layout.id);
            assert!(orbit.shows(&points, aspect), "{} at aspect {aspect:.2}", entry.layout.id);
            // Every station's centre is in view, not only the hull.
            for p in &plan.positions {
                let v = orbit.project(*p, aspect).unwrap();
                assert!(v.x.abs() < FRAME_MARGIN && v.y.abs() < FRAME_MARGIN, "{}: {p} at {v}", entry.layout.id);
            }
            // And no farther than needed: a tenth closer cuts something off.
            let closer = Orbit { radius: orbit.radius * 0.9, ..orbit.clone() };
            assert!(
                orbit.radius <= 12.5 || !closer.shows(&points, aspect),
                "{} at aspect {aspect:.2}: framed from {} m, farther than it must",
                entry.layout.id,
                orbit.radius
            );
        }
    }
    assert!(seen.len() >= 6, "{seen:?}");
}

#[test]
fn each_area_preset_frames_its_own_stations_closer_than_the_whole_line() {
    use game::camera::FrameTarget;
    use game::views::{Follow, ViewPreset, areas, choose};
    let catalogue = Catalogue::bundled();
    let mut several = 0;
    for id in ["high-k-cells", "formation-bottleneck", "garnet-interface", "coater-malfunctions"] {
        let entry = catalogue.entries.iter().find(|e| e.scenario.id == id).unwrap();
        let twin = Twin::new(entry, None).unwrap();
        let plan = plan_line(&twin);
        let stations = &twin.sim().line.stations;
        let (whole_focus, whole_points) = framing(&plan);
        let areas = areas(&twin);
        several += (areas.len() > 1) as usize;
        for aspect in ASPECTS {
            let mut whole = Orbit { focus: whole_focus, ..Orbit::default() };
            whole.frame(&whole_points, aspect);
            for area in &areas {
                let mut orbit = Orbit::default();
                let (mut frame, mut follow) = (FrameTarget::default(), Follow { unit: Some(1), left_line: None });
                choose(&ViewPreset::Area(area.clone()), &twin, &mut orbit, &mut frame, &mut follow);
                assert_eq!(follow.unit, None, "a preset ends following");
                frame.frame_for(&mut orbit, aspect);
                for (i, station) in stations.iter().enumerate() {
                    let v = orbit.project(plan.positions[i], aspect).unwrap();
                    let inside = v.x.abs() < FRAME_MARGIN && v.y.abs() < FRAME_MARGIN;
                    if &station.area == area {
                        assert!(inside, "{id}, {area} at aspect {aspect:.2}: {} at {v}", station.id);
                    }
                }
                let share = stations.iter().filter(|s| &s.area == area).count() as f32 / stations.len() as f32;
                if share < 0.5 {
                    assert!(
                        orbit.radius < whole.radius,
                        "{id}, {area} at aspect {aspect:.2}: {} m, the whole line from {} m",
                        orbit.radius,
                        whole.radius
                    );
                }
            }
        }
    }
    assert!(several >= 2, "lines with more than one area were tried");
}

//! Builders shared by the integration tests.
#![allow(dead_code)]

use sim_core::layout::{BufferConfig, LineLayout, StationConfig};
use sim_core::replay::Replay;
use sim_core::scenario::Scenario;
use sim_core::stations::{StationKind, generic::GenericStation};

/// A serial line of generic stations with the given cycle times and optional (MTBF, MTTR)
/// in hours, joined by buffers of `capacity`.
pub fn serial_line(stations: &[(f64, Option<(f64, f64)>)], capacity: u32) -> LineLayout {
    serial_line_with_scrap(&stations.iter().map(|&(c, f)| (c, f, 0.0)).collect::<Vec<_>>(), capacity)
}

/// (cycle time s, optional (MTBF h, MTTR h), scrap fraction) of one station.
pub type StationSpec = (f64, Option<(f64, f64)>, f64);

pub fn serial_line_with_scrap(stations: &[StationSpec], capacity: u32) -> LineLayout {
    let ids: Vec<String> = (0..stations.len()).map(|i| format!("s{i}")).collect();
    LineLayout {
        id: "test-line".into(),
        title: Default::default(),
        stations: stations
            .iter()
            .zip(&ids)
            .map(|(&(cycle_time_s, failures, scrap_frac), id)| StationConfig {
                id: id.clone(),
                name: Default::default(),
                area: String::new(),
                kind: StationKind::Generic(GenericStation::new(cycle_time_s, scrap_frac)),
                mtbf_h: failures.map(|f| f.0),
                mttr_h: failures.map_or(0.5, |f| f.1),
            })
            .collect(),
        buffers: ids
            .windows(2)
            .map(|w| BufferConfig { from: w[0].clone(), to: w[1].clone(), capacity, web: false })
            .collect(),
    }
}

pub fn repo_file(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

pub fn generic_8() -> LineLayout {
    let path = repo_file("assets/lines/generic-8.ron");
    let text = std::fs::read_to_string(&path).expect("bundled layout");
    LineLayout::from_ron("generic-8.ron", &text).expect("bundled layout is valid")
}

/// The bundled layout with this id.
#[allow(dead_code)]
pub fn layout_for(id: &str) -> LineLayout {
    let path = repo_file(&format!("assets/lines/{id}.ron"));
    let text = std::fs::read_to_string(&path).unwrap();
    LineLayout::from_ron(&path.display().to_string(), &text).unwrap()
}

/// The bundled scenario files (not their replays), sorted.
pub fn scenario_files() -> Vec<std::path::PathBuf> {
    let dir = repo_file("scenarios");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && !p.to_string_lossy().ends_with(".replay.ron"))
        .collect();
    files.sort();
    files
}

/// A bundled scenario, validated against its layout, with the layout and the file's text.
pub fn load_scenario(path: &std::path::Path) -> (Scenario, LineLayout, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = Scenario::from_ron(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
    let layout = layout_for(&parsed.line);
    let scenario = Scenario::load(&path.display().to_string(), &text, &layout).unwrap_or_else(|e| panic!("{e:?}"));
    (scenario, layout, text)
}

/// The reference replay beside a scenario file.
pub fn reference_replay(scenario_path: &std::path::Path) -> Replay {
    let path = scenario_path.with_extension("replay.ron");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} has no reference replay", path.display()));
    Replay::from_ron(&path.display().to_string(), &text).unwrap()
}

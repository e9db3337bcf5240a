//! The bundled scenario catalogue and line layouts, embedded in the binary so the web build
//! (which has no file system) offers the same scenarios as the desktop.

use std::fmt;

use bevy::prelude::*;
use l10n::tr;
use sim_core::LineLayout;
use sim_core::scenario::Scenario;

/// (file name, text) of every bundled layout.
pub const LAYOUTS: &[(&str, &str)] = &[
    ("electrode-nmc811.ron", include_str!("../../assets/lines/electrode-nmc811.ron")),
    ("electrode-graphite.ron", include_str!("../../assets/lines/electrode-graphite.ron")),
    ("solid-state-cell.ron", include_str!("../../assets/lines/solid-state-cell.ron")),
    ("assembly-dryroom.ron", include_str!("../../assets/lines/assembly-dryroom.ron")),
    ("cell-test-hall.ron", include_str!("../../assets/lines/cell-test-hall.ron")),
    ("generic-8.ron", include_str!("../../assets/lines/generic-8.ron")),
    ("genk-thin-film.ron", include_str!("../../assets/lines/genk-thin-film.ron")),
    ("diepenbeek-lab.ron", include_str!("../../assets/lines/diepenbeek-lab.ron")),
];

/// (file name, text) of every bundled scenario, in the order the select screen lists them.
pub const SCENARIOS: &[(&str, &str)] = &[
    ("tutorial-start-the-line.ron", include_str!("../../scenarios/tutorial-start-the-line.ron")),
    ("public-tour.ron", include_str!("../../scenarios/public-tour.ron")),
    ("mixing-agglomerates.ron", include_str!("../../scenarios/mixing-agglomerates.ron")),
    ("slitter-burrs.ron", include_str!("../../scenarios/slitter-burrs.ron")),
    ("breakdowns-and-bottleneck.ron", include_str!("../../scenarios/breakdowns-and-bottleneck.ron")),
    ("coating-window.ron", include_str!("../../scenarios/coating-window.ron")),
    ("coater-malfunctions.ron", include_str!("../../scenarios/coater-malfunctions.ron")),
    ("loading-drift.ron", include_str!("../../scenarios/loading-drift.ron")),
    ("dryer-heater-failure.ron", include_str!("../../scenarios/dryer-heater-failure.ron")),
    ("calender-porosity.ron", include_str!("../../scenarios/calender-porosity.ron")),
    ("full-shift.ron", include_str!("../../scenarios/full-shift.ron")),
    ("impregnation-gel-time.ron", include_str!("../../scenarios/impregnation-gel-time.ron")),
    ("dry-room-excursion.ron", include_str!("../../scenarios/dry-room-excursion.ron")),
    ("stacker-drift.ron", include_str!("../../scenarios/stacker-drift.ron")),
    ("formation-bottleneck.ron", include_str!("../../scenarios/formation-bottleneck.ron")),
    ("high-k-cells.ron", include_str!("../../scenarios/high-k-cells.ron")),
    ("garnet-interface.ron", include_str!("../../scenarios/garnet-interface.ron")),
    ("lipon-film.ron", include_str!("../../scenarios/lipon-film.ron")),
];

/// A scenario ready to play: its file, parsed scenario and layout.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: String,
    pub text: String,
    pub scenario: Scenario,
    pub layout: LineLayout,
}

/// Every scenario that loaded, and the errors of those that did not.
#[derive(Resource, Clone, Debug, Default)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    pub errors: Vec<LoadError>,
}

/// Why a bundled scenario did not load; written in the language in use when displayed.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The scenario or its layout does not read or validate (the simulation's own report).
    Invalid(String),
    /// The scenario's line is not among the bundled layouts.
    NoLine { file: String, line: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Invalid(report) => f.write_str(report),
            LoadError::NoLine { file, line } => f.write_str(&tr!("world-catalogue-no-line", file = file, line = line)),
        }
    }
}

impl Catalogue {
    /// Loads the embedded catalogue (and validates each scenario against its layout).
    pub fn bundled() -> Self {
        let mut catalogue = Catalogue::default();
        for (file, text) in SCENARIOS {
            match load(file, text) {
                Ok(entry) => catalogue.entries.push(entry),
                Err(e) => catalogue.errors.push(e),
            }
        }
        catalogue
    }

    /// Adds the scenario file at `path` (an author's, on disk), replacing a bundled one of the
    /// same id; returns its id and the watch that reloads it when it is saved.
    pub fn add_file(
        &mut self,
        path: &std::path::Path,
    ) -> Result<(String, crate::instructor::hot_reload::WatchedScenario), String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = sim_core::input::without_bom(text);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let entry = load(&name, &text).map_err(|e| e.to_string())?;
        let id = entry.scenario.id.clone();
        self.entries.retain(|e| e.scenario.id != id);
        self.entries.push(entry);
        Ok((id, crate::instructor::hot_reload::WatchedScenario::new(path.to_path_buf(), text)))
    }

    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.scenario.id == id)
    }
}

/// Parses a scenario and its layout (found among the bundled layouts by id).
pub fn load(file: &str, text: &str) -> Result<Entry, LoadError> {
    let invalid = |e: sim_core::InputError| LoadError::Invalid(e.all_messages().join("\n"));
    let parsed = Scenario::from_ron(file, text).map_err(invalid)?;
    let layout_file = format!("{}.ron", parsed.line);
    let (_, layout_text) = LAYOUTS
        .iter()
        .find(|(name, _)| *name == layout_file)
        .ok_or_else(|| LoadError::NoLine { file: file.to_string(), line: parsed.line.clone() })?;
    let layout = LineLayout::from_ron(&layout_file, layout_text).map_err(invalid)?;
    let scenario = Scenario::load(file, text, &layout).map_err(invalid)?;
    Ok(Entry { file: file.to_string(), text: text.to_string(), scenario, layout })
}

pub fn plugin(app: &mut App) {
    app.insert_resource(Catalogue::bundled());
}

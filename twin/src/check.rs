//! `twin check`: layouts, scenarios and replays, each by its top-level name.

use std::path::PathBuf;

use sim_core::input::top_level_name;

use crate::files::{Failure, load_layout, load_scenario, read};
use crate::replay::verify_replay;

pub fn check(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failed = Vec::new();
    for file in files {
        let outcome = read(file).and_then(|text| match top_level_name(&text) {
            Some("Scenario") => {
                let (scenario, layout) = load_scenario(file, &text)?;
                // Every text a person reads must be there in English and Dutch.
                if let Some(err) = scenario.language_issues().into_error(&file.display().to_string(), &text) {
                    return Err(err.into());
                }
                Ok(format!(
                    "ok  {} (scenario `{}` on line `{}`, {} events, {} objectives)",
                    file.display(),
                    scenario.id,
                    layout.id,
                    scenario.events.len(),
                    scenario.objectives.len()
                ))
            }
            Some("Replay") => {
                let verdict = verify_replay(file, &text)?;
                Ok(format!("ok  {} (replay: {verdict})", file.display()))
            }
            _ => {
                let (layout, text) = load_layout(file)?;
                if let Some(err) = layout.language_issues().into_error(&file.display().to_string(), &text) {
                    return Err(err.into());
                }
                Ok(format!("ok  {} (line `{}`, {} stations)", file.display(), layout.id, layout.stations.len()))
            }
        });
        match outcome {
            Ok(line) => outln!("{line}"),
            Err(Failure::BadInput(msg) | Failure::Mismatch(msg)) => failed.push(msg),
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(Failure::BadInput(failed.join("\n"))) }
}

//! `twin check`: layouts, scenarios and replays, each by its top-level name.

use std::path::PathBuf;

use sim_core::input::{FieldPath, Issues, top_level_name};

use crate::files::{Failure, load_layout, load_scenario, read, render};
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
                // A debrief rule no cause can match never explains anything: say so.
                if let Some(warning) = unmatched_debrief_rules(&scenario).into_error(&file.display().to_string(), &text)
                {
                    errln!("warning (the scenario still runs):\n{}", render(&warning));
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

/// The debrief rules whose `cause_contains` matches no cause key the stations can book: every
/// cause id with a message (`cause-…` in the locales, a `n` standing for zones 1-12), alone or
/// behind any defect kind.
fn unmatched_debrief_rules(scenario: &sim_core::scenario::Scenario) -> Issues {
    use sim_core::product::{DefectKind, cause_matches};
    let mut cause_ids: Vec<String> = Vec::new();
    for (_, files) in l10n::SOURCES.iter().filter(|(lang, _)| *lang == l10n::Lang::En) {
        for (_, text) in files.iter() {
            for line in text.lines() {
                let Some(rest) = line.strip_prefix("cause-") else { continue };
                let Some((id, _)) = rest.split_once(" =") else { continue };
                if id.split('-').any(|w| w == "n") {
                    for zone in 1..=12 {
                        let zone = zone.to_string();
                        cause_ids.push(
                            id.split('-')
                                .map(|w| if w == "n" { zone.as_str() } else { w })
                                .collect::<Vec<_>>()
                                .join("-"),
                        );
                    }
                } else if id != "with-defect" {
                    cause_ids.push(id.to_string());
                }
            }
        }
    }
    let mut issues = Issues::default();
    for (i, rule) in scenario.debrief.iter().enumerate() {
        let matched = cause_ids.iter().any(|id| {
            cause_matches(id, &rule.cause_contains)
                || DefectKind::ALL
                    .iter()
                    .any(|kind| cause_matches(&format!("{}/{id}", kind.key()), &rule.cause_contains))
        });
        if !matched {
            issues.push(
                FieldPath::root().field("debrief").index(i).field("cause_contains"),
                format!("\"{}\" matches no cause the stations book (see scenarios/README.md)", rule.cause_contains),
            );
        }
    }
    issues
}

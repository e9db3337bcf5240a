//! `twin replay`: re-run a replay file and check (or re-record) its hash and score.

use std::path::Path;

use sim_core::input::FieldPath;
use sim_core::replay::{Replay, ReplaySource, content_hash};
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::debrief;
use sim_core::{InputError, LineLayout};

use crate::files::{Failure, load_scenario, progress_bar, read, render};
use crate::print::print_debrief;

pub fn replay(file: &Path, json: bool, update: bool) -> Result<(), Failure> {
    let text = read(file)?;
    run_replay(file, &text, if json { Show::Json } else { Show::Text }, update).map(|_| ())
}

/// Checks a replay file as `twin check` does: it must reproduce its hash and score.
pub fn verify_replay(file: &Path, text: &str) -> Result<String, Failure> {
    run_replay(file, text, Show::Nothing, false)
}

/// What a replay prints while it runs.
#[derive(Clone, Copy, PartialEq)]
enum Show {
    Nothing,
    Text,
    Json,
}

/// Re-runs a replay and checks (or, with `update`, re-records) its hash and score; returns
/// a one-line verdict.
fn run_replay(file: &Path, text: &str, show: Show, update: bool) -> Result<String, Failure> {
    let name = file.display().to_string();
    let replay = Replay::from_ron(&name, text)?;
    let base = file.parent().unwrap_or(Path::new("."));
    let (source_path, expected_content) = match &replay.source {
        ReplaySource::Line { path, content_hash } | ReplaySource::Scenario { path, content_hash } => {
            (base.join(path), content_hash)
        }
    };
    let source_text = read(&source_path).map_err(|f| match f {
        Failure::BadInput(msg) => {
            let at = InputError::at_field(
                &name,
                text,
                &FieldPath::root().field("source").field("path"),
                format!("cannot read the replay's source {}", source_path.display()),
            );
            Failure::BadInput(format!("{}\n{msg}", render(&at)))
        }
        other => other,
    })?;
    if !update && &content_hash(&source_text) != expected_content {
        return Err(Failure::Mismatch(format!(
            "{}: the file changed since the replay was recorded (content hash {} != {expected_content})",
            source_path.display(),
            content_hash(&source_text)
        )));
    }
    let (hash, score) = match &replay.source {
        ReplaySource::Line { .. } => {
            let layout = LineLayout::from_ron(&source_path.display().to_string(), &source_text)?;
            let sim = replay.run(&layout).map_err(|i| Failure::BadInput(i.to_string()))?;
            match show {
                Show::Json => outln!(
                    "{}",
                    serde_json::json!({ "state_hash": sim.state_hash().0, "tick": sim.tick, "kpis": sim.kpis() })
                ),
                Show::Text => {
                    outln!("replayed {} ticks of `{}`: state hash {}", sim.tick, layout.id, sim.state_hash())
                }
                Show::Nothing => {}
            }
            (sim.state_hash(), None)
        }
        ReplaySource::Scenario { .. } => {
            let (scenario, layout) = load_scenario(&source_path, &source_text)?;
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).map_err(Failure::BadInput)?;
            if !update && (replay.ticks != run.ticks_total || replay.step_ms != run.sim.step_ms) {
                return Err(Failure::Mismatch(format!(
                    "{name}: the replay says {} ticks of {} ms but scenario `{}` runs {} ticks of {} ms",
                    replay.ticks, replay.step_ms, scenario.id, run.ticks_total, run.sim.step_ms
                )));
            }
            if let Some(err) = run.check_commands(&replay.commands).into_error(&name, text) {
                return Err(err.into());
            }
            let bar =
                if show == Show::Nothing { indicatif::ProgressBar::hidden() } else { progress_bar(run.ticks_total) };
            run.run_with(&replay.commands, |done, _| bar.set_position(done));
            bar.finish_and_clear();
            let report = debrief(&run);
            match show {
                Show::Json => outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
                Show::Text => print_debrief(&report, &run.sim),
                Show::Nothing => {}
            }
            (run.state_hash(), Some(report.score.total))
        }
    };
    if update {
        let mut updated = replay.clone();
        match &mut updated.source {
            ReplaySource::Line { content_hash: h, .. } | ReplaySource::Scenario { content_hash: h, .. } => {
                *h = content_hash(&source_text)
            }
        }
        updated.final_hash = Some(hash);
        updated.final_score = score;
        let text = updated.to_ron().map_err(Failure::BadInput)?;
        std::fs::write(file, text).map_err(|e| Failure::BadInput(format!("{}: {e}", file.display())))?;
        errln!("re-recorded {}", file.display());
        return Ok("re-recorded".into());
    }
    if let Some(expected) = &replay.final_hash
        && *expected != hash
    {
        return Err(Failure::Mismatch(format!("state hash {hash} differs from the recorded {expected}")));
    }
    if let (Some(expected), Some(got)) = (replay.final_score, score)
        && (expected - got).abs() > 1e-9
    {
        return Err(Failure::Mismatch(format!("score {got} differs from the recorded {expected}")));
    }
    Ok(match score {
        Some(score) => format!("reproduces state hash {hash} and score {score:.1}"),
        None => format!("reproduces state hash {hash}"),
    })
}

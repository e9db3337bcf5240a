//! sim-core for Node: the replay check of `twin replay`, without a file system.
//!
//! `scripts/wasm-parity.sh` builds this crate for `wasm32-unknown-unknown`, binds it for Node
//! with the wasm-bindgen CLI and runs `scripts/wasm-parity.mjs`, which reads every bundled
//! `scenarios/*.replay.ron` (and the scenario and layout it names) and hands the texts to
//! [`reproduce`]. The replay files hold the state hash and score the native build recorded
//! (and `twin check` verifies natively), so equal results here mean the web build simulates
//! the same plant bit for bit.

use sim_core::LineLayout;
use sim_core::replay::{Replay, ReplaySource, content_hash};
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::debrief;
use wasm_bindgen::prelude::*;

/// The file a replay was recorded from (a scenario or a line layout), relative to the replay.
#[wasm_bindgen]
pub fn replay_source(replay_name: &str, replay_text: &str) -> Result<String, String> {
    let replay = Replay::from_ron(replay_name, replay_text).map_err(|e| e.to_string())?;
    Ok(match replay.source {
        ReplaySource::Line { path, .. } | ReplaySource::Scenario { path, .. } => path,
    })
}

/// The line a scenario runs on (the layout file is `assets/lines/<id>.ron`); for a layout
/// file, its own id.
#[wasm_bindgen]
pub fn source_line(source_name: &str, source_text: &str) -> Result<String, String> {
    match Scenario::from_ron(source_name, source_text) {
        Ok(scenario) => Ok(scenario.line),
        Err(scenario_error) => match LineLayout::from_ron(source_name, source_text) {
            Ok(layout) => Ok(layout.id),
            Err(_) => Err(scenario_error.to_string()),
        },
    }
}

/// Re-runs a replay from the texts of the replay, its source and the layout, and returns, as
/// JSON, `{"state_hash", "score", "recorded_hash", "recorded_score", "source_unchanged"}`
/// (scores are null for a line replay).
#[wasm_bindgen]
pub fn reproduce(replay_name: &str, replay_text: &str, source_text: &str, layout_text: &str) -> Result<String, String> {
    let replay = Replay::from_ron(replay_name, replay_text).map_err(|e| e.to_string())?;
    let layout = LineLayout::from_ron("layout", layout_text).map_err(|e| e.to_string())?;
    let (recorded_content, hash, score) = match &replay.source {
        ReplaySource::Line { content_hash, .. } => {
            let sim = replay.run(&layout).map_err(|i| i.to_string())?;
            (content_hash, sim.state_hash(), None)
        }
        ReplaySource::Scenario { path, content_hash } => {
            let scenario = Scenario::load(path, source_text, &layout).map_err(|e| e.to_string())?;
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed))?;
            if replay.ticks != run.ticks_total || replay.step_ms != run.sim.step_ms {
                return Err(format!(
                    "{replay_name}: the replay says {} ticks of {} ms but the scenario runs {} ticks of {} ms",
                    replay.ticks, replay.step_ms, run.ticks_total, run.sim.step_ms
                ));
            }
            if let Some(err) = run.check_commands(&replay.commands).into_error(replay_name, replay_text) {
                return Err(err.to_string());
            }
            run.run_with(&replay.commands, |_, _| {});
            (content_hash, run.state_hash(), Some(debrief(&run).score.total))
        }
    };
    Ok(serde_json::json!({
        "state_hash": hash.0,
        "score": score,
        "recorded_hash": replay.final_hash.map(|h| h.0),
        "recorded_score": replay.final_score,
        "source_unchanged": &content_hash(source_text) == recorded_content,
    })
    .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The native half of the parity check: the same function, on the desktop, reproduces
    /// every bundled replay's recorded hash and score.
    #[test]
    fn native_build_reproduces_every_bundled_replay() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut checked = 0;
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/scenarios"))
            .expect("scenarios folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".replay.ron"))
            .collect();
        files.sort();
        for path in files {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).expect("replay");
            let source_path = path.with_file_name(replay_source(&name, &text).expect("source"));
            let source = std::fs::read_to_string(&source_path).expect("source file");
            let line = source_line(&source_path.display().to_string(), &source).expect("line");
            let layout = std::fs::read_to_string(format!("{root}/assets/lines/{line}.ron")).expect("layout");
            let out: serde_json::Value =
                serde_json::from_str(&reproduce(&name, &text, &source, &layout).expect("reproduces")).unwrap();
            assert_eq!(out["state_hash"], out["recorded_hash"], "{name}");
            assert_eq!(out["score"], out["recorded_score"], "{name}");
            assert_eq!(out["source_unchanged"], true, "{name}");
            checked += 1;
        }
        assert!(checked >= 10, "only {checked} replays found");
    }

    #[test]
    fn a_tampered_replay_is_told_apart() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let text = std::fs::read_to_string(format!("{root}/scenarios/public-tour.replay.ron")).unwrap();
        let source = std::fs::read_to_string(format!("{root}/scenarios/public-tour.ron")).unwrap();
        let layout = std::fs::read_to_string(format!("{root}/assets/lines/electrode-nmc811.ron")).unwrap();
        let tampered = text.replace("value: 1.93", "value: 1.5");
        assert_ne!(tampered, text, "the fixture's command changed");
        let out: serde_json::Value =
            serde_json::from_str(&reproduce("t.replay.ron", &tampered, &source, &layout).unwrap()).unwrap();
        assert_ne!(out["state_hash"], out["recorded_hash"]);
    }
}

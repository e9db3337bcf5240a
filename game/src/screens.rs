//! Screens: title -> scenario select -> briefing -> play (with a pause menu) -> debrief.
//! Settings open over the title and pause screens.
//!
//! Transitions are plain state changes so the headless tests drive them without a UI.

use bevy::prelude::*;
use sim_core::replay::{Replay, ReplaySource, content_hash};
use sim_core::scenario::score::{Debrief, debrief};

use crate::catalogue::Catalogue;
use crate::twin::{CommandQueue, Paused, Twin};

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Select,
    Briefing,
    Play,
    Debrief,
}

/// The scenario chosen on the select screen (catalogue index) and an optional seed.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub index: Option<usize>,
    pub seed: Option<u64>,
}

/// The debrief of the finished run and the replay saved for it.
#[derive(Resource, Debug, Clone)]
pub struct DebriefReport {
    pub debrief: Debrief,
    pub replay: Replay,
    /// Where the replay was written (desktop only): `None` when it is kept in memory only,
    /// `Some(Err(why))` when writing it failed.
    pub saved_to: Option<Result<std::path::PathBuf, String>>,
}

/// Where replays are saved (desktop); `None` keeps them in memory only.
#[derive(Resource, Debug, Clone, Default)]
pub struct ReplayFolder(pub Option<std::path::PathBuf>);

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_resource::<Selection>()
        .init_resource::<ReplayFolder>()
        .add_systems(OnEnter(Screen::Briefing), start_run)
        .add_systems(OnEnter(Screen::Debrief), make_debrief)
        .add_systems(OnEnter(Screen::Select), drop_run)
        .add_systems(Update, finish_when_done.run_if(in_state(Screen::Play)));
}

/// Builds the run of the selected scenario.
fn start_run(
    mut commands: Commands,
    selection: Res<Selection>,
    catalogue: Res<Catalogue>,
    mut next: ResMut<NextState<Screen>>,
    mut paused: ResMut<Paused>,
) {
    let entry = selection.index.and_then(|i| catalogue.entries.get(i));
    match entry.map(|e| Twin::new(e, selection.seed)) {
        Some(Ok(twin)) => {
            commands.insert_resource(twin);
            commands.insert_resource(CommandQueue::default());
            paused.0 = false;
        }
        Some(Err(e)) => {
            error!("cannot start the scenario: {e}");
            next.set(Screen::Select);
        }
        None => next.set(Screen::Select),
    }
}

fn drop_run(mut commands: Commands) {
    commands.remove_resource::<Twin>();
    commands.remove_resource::<DebriefReport>();
}

fn finish_when_done(twin: Option<Res<Twin>>, mut next: ResMut<NextState<Screen>>) {
    if twin.is_some_and(|t| t.run.is_finished()) {
        next.set(Screen::Debrief);
    }
}

/// The replay of the run so far: scenario, seed and the trainee's commands.
pub fn replay_of(twin: &Twin, score: f64) -> Replay {
    Replay {
        source: ReplaySource::Scenario { path: twin.file.clone(), content_hash: content_hash(&twin.text) },
        seed: twin.run.sim.seed,
        step_ms: twin.run.sim.step_ms,
        ticks: twin.run.ticks_total,
        commands: twin.run.commands.clone(),
        final_hash: Some(twin.run.state_hash()),
        final_score: Some(score),
    }
}

fn make_debrief(mut commands: Commands, twin: Option<Res<Twin>>, folder: Res<ReplayFolder>) {
    let Some(twin) = twin else { return };
    let report = debrief(&twin.run);
    let replay = replay_of(&twin, report.score.total);
    let saved_to = folder.0.as_ref().map(|dir| save(dir, &twin, &replay));
    commands.insert_resource(DebriefReport { debrief: report, replay, saved_to });
}

/// Writes the replay next to a copy of its scenario, so `twin replay` finds both; says what
/// failed otherwise.
fn save(dir: &std::path::Path, twin: &Twin, replay: &Replay) -> Result<std::path::PathBuf, String> {
    let text = replay.to_ron()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let stem = twin.file.trim_end_matches(".ron");
    let mut n = 1;
    let path = loop {
        let candidate = dir.join(format!("{stem}-{n:03}.replay.ron"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    let scenario_copy = dir.join(&twin.file);
    std::fs::write(&scenario_copy, &twin.text).map_err(|e| format!("cannot write {}: {e}", scenario_copy.display()))?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    info!("replay saved to {}", path.display());
    Ok(path)
}

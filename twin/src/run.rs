//! `twin run` (a scenario, scored) and `twin line` (a layout for some hours, with KPIs).

use std::path::Path;

use sim_core::Simulation;
use sim_core::replay::{Replay, ReplaySource, TimedCommand, content_hash};
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::debrief;
use std::time::Instant;

use l10n::tr;
use results::RunRecord;
use results::store::ResultsDb;

use crate::files::{Failure, load_layout, load_scenario, progress_bar, read, relative_path};
use crate::print::{print_debrief, print_kpis};

/// Where a scored run goes besides the screen.
pub struct Keep<'a> {
    /// Save the replay to this file.
    pub replay: Option<&'a Path>,
    /// Record the run in the results database under this trainee.
    pub trainee: Option<&'a str>,
    /// The results database (a file path or a `postgres://` URL).
    pub db: &'a str,
}

pub fn run(
    file: &Path,
    seed: Option<u64>,
    commands_path: Option<&Path>,
    json: bool,
    keep: Keep<'_>,
) -> Result<(), Failure> {
    let text = read(file)?;
    let (scenario, layout) = load_scenario(file, &text)?;
    let (commands, commands_text): (Vec<TimedCommand>, String) = match commands_path {
        Some(path) => {
            let ctext = read(path)?;
            (sim_core::input::parse_ron(&path.display().to_string(), &ctext)?, ctext)
        }
        None => (Vec::new(), String::new()),
    };
    let mut run = ScenarioRun::new(&scenario, &layout, seed).map_err(Failure::BadInput)?;
    if let Some(path) = commands_path
        && let Some(err) = run.check_commands(&commands).into_error(&path.display().to_string(), &commands_text)
    {
        return Err(err.into());
    }
    let bar = progress_bar(run.ticks_total);
    let started = Instant::now();
    run.run_with(&commands, |done, _| bar.set_position(done));
    bar.finish_and_clear();
    let wall = started.elapsed();
    let report = debrief(&run);
    if json {
        outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        print_debrief(&report, &run.sim);
        errln!("ran {} ticks in {:.1} ms", run.sim.tick, wall.as_secs_f64() * 1e3);
    }
    let base = keep.replay.and_then(Path::parent).unwrap_or(Path::new("."));
    let replay = Replay {
        source: ReplaySource::Scenario { path: relative_path(file, base), content_hash: content_hash(&text) },
        seed: run.sim.seed,
        step_ms: run.sim.step_ms,
        ticks: run.ticks_total,
        commands: run.commands.clone(),
        final_hash: Some(run.state_hash()),
        final_score: Some(report.score.total),
        branches: Vec::new(),
    };
    if let Some(out) = keep.replay {
        let text = replay.to_ron().map_err(Failure::BadInput)?;
        std::fs::write(out, text).map_err(|e| Failure::BadInput(format!("{}: {e}", out.display())))?;
    }
    if let Some(trainee) = keep.trainee {
        let now_ms =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        let record =
            RunRecord::of_run(trainee, &run, &replay, now_ms, wall.as_secs_f64()).map_err(Failure::BadInput)?;
        let db = ResultsDb::open(keep.db).map_err(Failure::BadInput)?;
        db.record(&record).map_err(Failure::BadInput)?;
        errln!("{}", tr!("cli-results-recorded", trainee = record.trainee.clone(), db = db.location.clone()));
    }
    Ok(())
}

/// Runs `sim` for `hours` of plant time; on a terminal, a run of more than a plant day shows
/// its progress, a day at a time (the state is the same however a run is stepped:
/// `sim-core/tests/determinism.rs` checks it on every bundled line).
pub fn run_hours_with_progress(sim: &mut Simulation, hours: f64) {
    use std::io::IsTerminal;
    let ticks = sim.ticks_in_hours(hours);
    if hours <= 24.0 || !std::io::stderr().is_terminal() {
        sim.advance_ticks(ticks);
        return;
    }
    let day = sim.ticks_in_hours(24.0).max(1);
    let bar = progress_bar(ticks);
    let mut done = 0;
    while done < ticks {
        let n = day.min(ticks - done);
        sim.advance_ticks(n);
        done += n;
        bar.set_position(done);
    }
    bar.finish_and_clear();
}

pub fn line(file: &Path, hours: f64, seed: u64, json: bool, save_replay: Option<&Path>) -> Result<(), Failure> {
    if !(hours.is_finite() && hours > 0.0 && hours <= 24.0 * 366.0) {
        return Err(Failure::BadInput(format!("--hours must be in (0, 8784], got {hours}")));
    }
    let (layout, text) = load_layout(file)?;
    let mut sim = Simulation::new(&layout, seed).map_err(|i| Failure::BadInput(i.to_string()))?;
    let started = Instant::now();
    run_hours_with_progress(&mut sim, hours);
    let wall = started.elapsed();
    let kpis = sim.kpis();
    if json {
        outln!("{}", serde_json::to_string_pretty(&kpis).unwrap_or_default());
    } else {
        print_kpis(&kpis);
        outln!(
            "\nsimulated {:.1} h in {:.1} ms ({:.0}x real time); state hash {}",
            hours,
            wall.as_secs_f64() * 1e3,
            hours * 3600.0 / wall.as_secs_f64().max(1e-9),
            sim.state_hash()
        );
    }
    if let Some(out) = save_replay {
        let base = out.parent().unwrap_or(Path::new("."));
        let replay = Replay {
            source: ReplaySource::Line { path: relative_path(file, base), content_hash: content_hash(&text) },
            seed,
            step_ms: sim.step_ms,
            ticks: sim.tick,
            commands: Vec::new(),
            final_hash: Some(sim.state_hash()),
            final_score: None,
            branches: Vec::new(),
        };
        let text = replay.to_ron().map_err(Failure::BadInput)?;
        std::fs::write(out, text).map_err(|e| Failure::BadInput(format!("{}: {e}", out.display())))?;
    }
    Ok(())
}

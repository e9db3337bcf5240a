//! `twin`: the headless command line of the Intellibat Twin for instructors, tools and tests.
//!
//! Exit codes: 0 success, 1 a replay that no longer reproduces, 2 bad input (the error,
//! with file, line:column, field and a snippet, goes to stderr).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use miette::{GraphicalReportHandler, GraphicalTheme};
use sim_core::input::{FieldPath, MAX_FILE_BYTES, top_level_name};
use sim_core::kpi::LineKpis;
use sim_core::replay::{Replay, ReplaySource, TimedCommand, content_hash};
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::{Debrief, debrief};
use sim_core::{InputError, LineLayout, Simulation};

#[derive(Parser)]
#[command(name = "twin", version, about = "Headless runs and checks of the Intellibat Twin battery line")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Validate scenario and layout files; print every problem with file, line:column and field.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a training scenario headless and print the score breakdown.
    Run {
        scenario: PathBuf,
        /// Seed (the scenario's own when absent).
        #[arg(long)]
        seed: Option<u64>,
        /// Trainee commands: a RON list of `(tick: N, command: ...)`.
        #[arg(long)]
        commands: Option<PathBuf>,
        /// Print the whole debrief as JSON.
        #[arg(long)]
        json: bool,
        /// Save the run as a replay file.
        #[arg(long)]
        save_replay: Option<PathBuf>,
    },
    /// Run a line layout for a number of plant hours and print line and station KPIs.
    Line {
        file: PathBuf,
        #[arg(long, default_value_t = 8.0)]
        hours: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the KPIs as JSON.
        #[arg(long)]
        json: bool,
        /// Save the run as a replay file.
        #[arg(long)]
        save_replay: Option<PathBuf>,
    },
    /// Re-run a replay file and check it reproduces its recorded state hash (and score).
    Replay {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// After a deliberate model or scenario change: re-record the replay's content hash,
        /// final hash and score instead of checking them.
        #[arg(long)]
        update: bool,
    },
}

/// Writes a line to standard output. A reader that went away (`twin ... | head`) ends the
/// program quietly; any other write error (a full disk) ends it with exit code 2.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(err) = writeln!(std::io::stdout().lock(), $($arg)*) {
            output_failed(err);
        }
    }};
}

/// Writes a line to standard error, ignoring a closed stream.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

fn output_failed(err: std::io::Error) -> ! {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    errln!("cannot write the output: {err}");
    std::process::exit(2);
}

/// A failure with its exit code.
enum Failure {
    BadInput(String),
    Mismatch(String),
}

impl From<InputError> for Failure {
    fn from(err: InputError) -> Self {
        Failure::BadInput(render(&err))
    }
}

fn render(err: &InputError) -> String {
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, err).is_err() {
        out = err.to_string();
    }
    out
}

/// Reads a text file the twin was asked to load. Only regular files are read (a FIFO, a
/// device or a directory is refused, whatever a symlink points at), never more than
/// [`MAX_FILE_BYTES`] bytes whatever size the file system reports, and text that is not
/// UTF-8 gives an error located at the first bad byte.
fn read(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    if !meta.is_file() {
        return Err(Failure::BadInput(format!("{name}: not a regular file")));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Failure::BadInput(format!("{name}: file is larger than the limit of {MAX_FILE_BYTES} bytes")));
    }
    Ok(sim_core::input::text_of(&name, bytes)?)
}

fn load_layout(path: &Path) -> Result<(LineLayout, String), Failure> {
    let text = read(path)?;
    let layout = LineLayout::from_ron(&path.display().to_string(), &text)?;
    Ok((layout, text))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Check { files } => check(&files),
        Cmd::Run { scenario, seed, commands, json, save_replay } => {
            run(&scenario, seed, commands.as_deref(), json, save_replay.as_deref())
        }
        Cmd::Line { file, hours, seed, json, save_replay } => line(&file, hours, seed, json, save_replay.as_deref()),
        Cmd::Replay { file, json, update } => replay(&file, json, update),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(msg)) => {
            errln!("{msg}");
            ExitCode::from(2)
        }
        Err(Failure::Mismatch(msg)) => {
            errln!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn check(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failed = Vec::new();
    for file in files {
        let outcome = read(file).and_then(|text| match top_level_name(&text) {
            Some("Scenario") => {
                let (scenario, layout) = load_scenario(file, &text)?;
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
                let (layout, _) = load_layout(file)?;
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

/// The layout a scenario names: `assets/lines/<id>.ron` beside the scenario folder, or under
/// the current directory.
fn layout_path_for(scenario_file: &Path, line_id: &str) -> PathBuf {
    let name = format!("{line_id}.ron");
    let dir = scenario_file.parent().unwrap_or(Path::new("."));
    let beside = dir.join("..").join("assets").join("lines").join(&name);
    if beside.exists() { beside } else { Path::new("assets").join("lines").join(name) }
}

fn load_scenario(file: &Path, text: &str) -> Result<(Scenario, LineLayout), Failure> {
    let name = file.display().to_string();
    let parsed = Scenario::from_ron(&name, text)?;
    let layout_path = layout_path_for(file, &parsed.line);
    let (layout, _) = load_layout(&layout_path).map_err(|f| match f {
        Failure::BadInput(msg) => {
            let at = InputError::at_field(
                &name,
                text,
                &FieldPath::root().field("line"),
                format!("cannot load the layout of line `{}` ({})", parsed.line, layout_path.display()),
            );
            Failure::BadInput(format!("{}\n{msg}", render(&at)))
        }
        other => other,
    })?;
    let scenario = Scenario::load(&name, text, &layout)?;
    Ok((scenario, layout))
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} plant time {pos}/{len} ticks [{bar:40}] {eta}")
    {
        bar.set_style(style);
    }
    bar
}

fn run(
    file: &Path,
    seed: Option<u64>,
    commands_path: Option<&Path>,
    json: bool,
    save_replay: Option<&Path>,
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
        print_debrief(&report);
        errln!("ran {} ticks in {:.1} ms", run.sim.tick, wall.as_secs_f64() * 1e3);
    }
    if let Some(out) = save_replay {
        let base = out.parent().unwrap_or(Path::new("."));
        let replay = Replay {
            source: ReplaySource::Scenario { path: relative_path(file, base), content_hash: content_hash(&text) },
            seed: run.sim.seed,
            step_ms: run.sim.step_ms,
            ticks: run.ticks_total,
            commands: run.commands.clone(),
            final_hash: Some(run.state_hash()),
            final_score: Some(report.score.total),
        };
        let text = replay.to_ron().map_err(Failure::BadInput)?;
        std::fs::write(out, text).map_err(|e| Failure::BadInput(format!("{}: {e}", out.display())))?;
    }
    Ok(())
}

fn print_debrief(d: &Debrief) {
    outln!("scenario `{}`: {}", d.scenario, d.title);
    outln!("\n  score {:.1} / 100", d.score.total);
    for o in &d.score.objectives {
        outln!("    {:>5.1} pts  {:>4.0} %  {:<36} {}", o.points, 100.0 * o.achieved, o.title, o.detail);
    }
    for p in &d.score.penalties {
        outln!("    {:>5.1} pts  penalty  {}", -p.points, p.what);
    }
    if !d.causes.is_empty() {
        outln!("\n  defect causes found:");
        for c in &d.causes {
            outln!(
                "    {:<10} {:>9.1} {:<5} {:>8.2} kg scrapped  {}",
                c.station,
                c.defective_quantity,
                c.quantity_unit,
                c.scrap_solids_kg,
                c.cause
            );
            if let Some(e) = &c.explanation {
                outln!("               -> {e}");
            }
        }
    }
    if !d.lessons.is_empty() {
        outln!("\n  to work on:");
        for l in &d.lessons {
            outln!("    - {l}");
        }
    }
    outln!("\n  state hash {}", d.state_hash);
}

fn line(file: &Path, hours: f64, seed: u64, json: bool, save_replay: Option<&Path>) -> Result<(), Failure> {
    if !(hours.is_finite() && hours > 0.0 && hours <= 24.0 * 366.0) {
        return Err(Failure::BadInput(format!("--hours must be in (0, 8784], got {hours}")));
    }
    let (layout, text) = load_layout(file)?;
    let mut sim = Simulation::new(&layout, seed).map_err(|i| Failure::BadInput(i.to_string()))?;
    let started = Instant::now();
    sim.run_hours(hours);
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
        };
        let text = replay.to_ron().map_err(Failure::BadInput)?;
        std::fs::write(out, text).map_err(|e| Failure::BadInput(format!("{}: {e}", out.display())))?;
    }
    Ok(())
}

/// `target` as seen from directory `base` (absolute if no common prefix can be made).
fn relative_path(target: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, b) = (abs(target), abs(base));
    let common = t.components().zip(b.components()).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return t.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in b.components().skip(common) {
        rel.push("..");
    }
    for c in t.components().skip(common) {
        rel.push(c);
    }
    rel.display().to_string()
}

fn replay(file: &Path, json: bool, update: bool) -> Result<(), Failure> {
    let text = read(file)?;
    run_replay(file, &text, if json { Show::Json } else { Show::Text }, update).map(|_| ())
}

/// Checks a replay file as `twin check` does: it must reproduce its hash and score.
fn verify_replay(file: &Path, text: &str) -> Result<String, Failure> {
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
                Show::Text => print_debrief(&report),
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

fn print_kpis(k: &LineKpis) {
    outln!("line `{}` after {:.1} h", k.line, k.elapsed_h);
    if k.completed_quantity_unit != "units" && !k.completed_quantity_unit.is_empty() {
        outln!(
            "  output {:.0} {} ({:.1} {}/h)",
            k.completed_quantity,
            k.completed_quantity_unit,
            k.completed_quantity / k.elapsed_h.max(1e-9),
            k.completed_quantity_unit
        );
    }
    outln!(
        "  throughput {:.2} units/h  completed {}  good {}  scrapped {}  WIP {} (avg {:.1})  FPY {:.1}%  OEE {:.1}% (bottleneck {})",
        k.throughput_per_h,
        k.completed,
        k.completed_good,
        k.scrapped,
        k.wip,
        k.average_wip,
        100.0 * k.first_pass_yield,
        100.0 * k.oee,
        k.bottleneck
    );
    outln!(
        "\n  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "station",
        "units",
        "quantity",
        "FPY",
        "fails",
        "util",
        "avail",
        "perf",
        "OEE",
        "run",
        "block",
        "starv",
        "down",
        "setup",
        "idle"
    );
    for s in &k.stations {
        let sh = &s.state_shares;
        let p = |x: f64| format!("{:.1}", 100.0 * x);
        outln!(
            "  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
            s.id,
            s.processed,
            format!("{:.0} {}", s.quantity_in, s.quantity_unit),
            p(s.first_pass_yield),
            s.failures,
            p(s.utilisation),
            p(s.availability),
            p(s.performance),
            p(s.oee),
            p(sh.running),
            p(sh.blocked),
            p(sh.starved),
            p(sh.down),
            p(sh.setup),
            p(sh.idle)
        );
    }
    let losses: Vec<_> = k.stations.iter().flat_map(|s| s.defective_by_cause.iter().map(move |c| (s, c))).collect();
    if !losses.is_empty() {
        outln!("\n  first-pass losses (where the defect arose):");
        for (s, c) in losses {
            outln!("    {:<10} {:>10.1} {:<6} {}", s.id, c.quantity, s.quantity_unit, c.cause);
        }
    }
    if !k.scrap_by_cause.is_empty() {
        outln!("\n  scrap by root cause:");
        for c in &k.scrap_by_cause {
            outln!(
                "    {:<10} {:>10.1} {:<6} {:>9.2} kg solids  {}",
                c.station,
                c.quantity,
                c.quantity_unit,
                c.solids_kg,
                c.cause
            );
        }
    }
    let m = &k.mass_balance;
    if m.solids_in_kg > 0.0 {
        outln!(
            "\n  solids: in {:.2} kg = completed {:.2} + scrapped {:.2} + in process {:.2} (imbalance {:.1e} kg)",
            m.solids_in_kg,
            m.solids_completed_kg,
            m.solids_scrapped_kg,
            m.solids_in_process_kg,
            m.imbalance_kg()
        );
    }
}

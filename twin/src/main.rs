//! `twin`: the headless command line of the Intellibat Twin for instructors, tools and tests.
//!
//! Exit codes: 0 success, 1 a replay that no longer reproduces, 2 bad input (the error,
//! with file, line:column, field and a snippet, goes to stderr).
//!
//! `files.rs` reads what the user names (bounded, located errors), `check.rs`, `run.rs`
//! (scenario and line runs), `replay.rs`, `fairness.rs` and `results.rs` (the results
//! database) are the subcommands, `print.rs` the reports.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Writes a line to standard output. A reader that went away (`twin ... | head`) ends the
/// program quietly; any other write error (a full disk) ends it with exit code 2.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(err) = writeln!(std::io::stdout().lock(), $($arg)*) {
            crate::output_failed(err);
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

mod cell;
mod check;
mod fairness;
mod files;
mod passport;
mod print;
mod replay;
mod results;
mod run;
mod xrd;

use files::Failure;

#[derive(Parser)]
#[command(name = "twin", version, about = "Headless runs and checks of the Intellibat Twin battery line")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
    /// Language of the debrief: `en` (English) or `nl` (Dutch).
    #[arg(long, global = true, default_value = "en", value_parser = ["en", "nl"])]
    lang: String,
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
        /// A file of trainee commands: a RON list of `(tick: N, command: ...)`.
        #[arg(long)]
        commands: Option<PathBuf>,
        /// Print the whole debrief as JSON.
        #[arg(long)]
        json: bool,
        /// Save the run as a replay file.
        #[arg(long)]
        save_replay: Option<PathBuf>,
        /// Record the run in the results database under this trainee's name or id.
        #[arg(long)]
        trainee: Option<String>,
        /// The results database: a SQLite file or a `postgres://` URL (default:
        /// $INTELLIBAT_RESULTS_DB, else results.sqlite in the user's data folder).
        #[arg(long)]
        db: Option<String>,
    },
    /// List and export training results: by trainee, scenario and date, as a table, CSV,
    /// JSON, or xAPI statements for a learning management system.
    Results {
        /// The results database: a SQLite file or a `postgres://` URL (default:
        /// $INTELLIBAT_RESULTS_DB, else results.sqlite in the user's data folder).
        #[arg(long)]
        db: Option<String>,
        #[arg(long)]
        trainee: Option<String>,
        /// A scenario id.
        #[arg(long)]
        scenario: Option<String>,
        /// From this date (2026-12-01) or time (RFC 3339) on.
        #[arg(long)]
        since: Option<String>,
        /// Before this date or time.
        #[arg(long)]
        until: Option<String>,
        #[arg(long, default_value = "table", value_parser = crate::results::FORMATS)]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
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
    /// Run a line until a cell reaches its last station and print that cell's passport.
    Passport {
        file: PathBuf,
        /// Plant hours to run before looking for a cell.
        #[arg(long, default_value_t = 8.0)]
        hours: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The first cell with this id or later.
        #[arg(long)]
        cell: Option<u64>,
        /// Print the cell as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run a test protocol on one cell (SPMe, SPM or the equivalent circuit fitted from the
    /// SPMe) and print each step and the discharge capacity.
    Cell {
        /// A bundled parameter set (`chen2020`, `solid-state-nmc811-li`) or a parameter file.
        #[arg(long, default_value = "chen2020")]
        params: String,
        #[arg(long, default_value = "spme", value_parser = cell::MODELS)]
        model: String,
        /// A protocol step, e.g. "Discharge at 1C until 2.5 V"; give it again for the next
        /// step. Without one: a 1C discharge to the cell's lower voltage limit.
        #[arg(long)]
        protocol: Vec<String>,
        /// Ambient and starting temperature, degC.
        #[arg(long, default_value_t = 25.0, allow_negative_numbers = true)]
        temperature: f64,
        /// Hold the cell at the ambient temperature (no thermal model).
        #[arg(long)]
        isothermal: bool,
        /// Write the samples as CSV: time_s,current_a,voltage_v,temperature_c,soc.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// The X-ray powder pattern of a crystal structure: its reflections, and the measured
    /// pattern as CSV.
    Xrd {
        /// A CIF file, or a bundled structure: `llzo-cubic`, `llzo-tetragonal`, `licoo2`, `nmc811`, `li-metal`,
        /// `la2zr2o7`, `li2co3`.
        file: String,
        /// `CuKa` (Ka1 and Ka2), `CuKa1`, `MoKa` or a wavelength in Angstrom.
        #[arg(long, default_value = "CuKa")]
        wavelength: String,
        /// 2theta range in degrees, `FROM:TO`.
        #[arg(long, default_value = "10:80")]
        range: String,
        /// 2theta step of the measured pattern, degrees.
        #[arg(long, default_value_t = 0.01)]
        step: f64,
        /// Mean crystallite size, nm (Scherrer broadening of the measured pattern).
        #[arg(long)]
        size: Option<f64>,
        /// List every reflection (otherwise the ten strongest).
        #[arg(long)]
        peaks: bool,
        /// Write the measured pattern (two_theta_deg,counts).
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Whether scenarios are fair: the score distribution of the reference replay's commands
    /// and of every blind strategy (no diagnosis) over many seeds, run in parallel.
    Fairness {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Seeds per player, from the scenario's own on.
        #[arg(long, default_value_t = 100)]
        seeds: u64,
        #[arg(long)]
        json: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    l10n::set_language(if cli.lang == "nl" { l10n::Lang::Nl } else { l10n::Lang::En });
    let result = match cli.command {
        Cmd::Check { files } => check::check(&files),
        Cmd::Run { scenario, seed, commands, json, save_replay, trainee, db } => {
            let db = db.unwrap_or_else(::results::store::default_location);
            let keep = run::Keep { replay: save_replay.as_deref(), trainee: trainee.as_deref(), db: &db };
            run::run(&scenario, seed, commands.as_deref(), json, keep)
        }
        Cmd::Results { db, trainee, scenario, since, until, format, output } => {
            // A database named on the command line must be there: listing creates nothing.
            let explicit = db.is_some();
            let db = db.unwrap_or_else(::results::store::default_location);
            results::results(results::Query {
                db: &db,
                explicit,
                trainee,
                scenario,
                since,
                until,
                format: &format,
                output: output.as_deref(),
            })
        }
        Cmd::Line { file, hours, seed, json, save_replay } => {
            run::line(&file, hours, seed, json, save_replay.as_deref())
        }
        Cmd::Replay { file, json, update } => replay::replay(&file, json, update),
        Cmd::Fairness { files, seeds, json } => fairness::fairness(&files, seeds, json),
        Cmd::Passport { file, hours, seed, cell, json } => passport::passport(&file, hours, seed, cell, json),
        Cmd::Xrd { file, wavelength, range, step, size, peaks, csv } => {
            xrd::xrd(&file, &wavelength, &range, step, size, peaks, csv.as_deref())
        }
        Cmd::Cell { params, model, protocol, temperature, isothermal, csv } => {
            cell::cell(&params, &model, &protocol, temperature, isothermal, csv.as_deref())
        }
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

//! `twin results`: the training results database, listed, filtered and exported (a table,
//! CSV, JSON, or xAPI statements for a learning management system).

use std::path::Path;

use l10n::{Arg, tr};
use results::Filter;
use results::export::{self, parse_time, timestamp};
use results::store::ResultsDb;

use crate::files::Failure;

/// How `twin results` writes what it lists.
pub const FORMATS: [&str; 4] = ["table", "csv", "json", "xapi"];

/// What to list and how.
pub struct Query<'a> {
    pub db: &'a str,
    /// Whether the user named the database (`--db`): then a missing file is an error; the
    /// default one is missing until the first run is recorded.
    pub explicit: bool,
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub format: &'a str,
    pub output: Option<&'a Path>,
}

pub fn results(q: Query<'_>) -> Result<(), Failure> {
    let time = |flag: &str, text: &Option<String>| -> Result<Option<i64>, Failure> {
        text.as_deref().map(parse_time).transpose().map_err(|e| Failure::BadInput(format!("{flag}: {e}")))
    };
    let filter = Filter {
        trainee: q.trainee,
        scenario: q.scenario,
        since_ms: time("--since", &q.since)?,
        until_ms: time("--until", &q.until)?,
    };
    if let (Some(since), Some(until)) = (filter.since_ms, filter.until_ms)
        && until < since
    {
        return Err(Failure::BadInput(format!(
            "--until {} is before --since {}",
            q.until.as_deref().unwrap_or_default(),
            q.since.as_deref().unwrap_or_default()
        )));
    }
    // A file path (not a URL) that is not there: listing creates no database.
    let is_url = q.db.contains("://") || q.db.starts_with("sqlite:");
    let records = if !is_url && !Path::new(q.db).exists() {
        if q.explicit {
            return Err(Failure::BadInput(format!(
                "{}: no results database there (the game and `twin run --trainee` create it with the first run they record)",
                q.db
            )));
        }
        Vec::new()
    } else {
        let db = ResultsDb::open(q.db).map_err(Failure::BadInput)?;
        db.list(&filter).map_err(Failure::BadInput)?
    };
    let text = match q.format {
        "csv" => export::to_csv(&records).map_err(Failure::BadInput)?,
        "json" => export::to_json(&records),
        "xapi" => export::to_xapi(&records),
        _ => table(&records),
    };
    match q.output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| Failure::BadInput(format!("{}: {e}", path.display())))?;
            errln!(
                "{}",
                tr!("cli-results-written", runs = Arg::Int(records.len() as i64), path = path.display().to_string())
            );
        }
        None => outln!("{}", text.trim_end()),
    }
    Ok(())
}

/// The runs as a table for the terminal, with each trainee's mean score per scenario.
fn table(records: &[results::RunRecord]) -> String {
    if records.is_empty() {
        return tr!("cli-results-none");
    }
    let mut out = format!(
        "{:<20} {:<20} {:<28} {:>6} {:>6} {:>9} {:>10}\n",
        tr!("cli-results-when"),
        tr!("cli-results-trainee"),
        tr!("cli-results-scenario"),
        tr!("cli-results-seed"),
        tr!("cli-results-score"),
        tr!("cli-results-diagnoses"),
        tr!("cli-results-instructor"),
    );
    for r in records {
        let right = r.diagnoses.iter().filter(|d| d.correct).count();
        out += &format!(
            "{:<20} {:<20} {:<28} {:>6} {:>6.1} {:>9} {:>10}\n",
            timestamp(r.finished_at_ms).replace('T', " ").trim_end_matches('Z'),
            clip(&r.trainee, 20),
            clip(&r.scenario, 28),
            r.seed,
            r.score,
            format!("{right}/{}", r.diagnoses.len()),
            r.instructor_actions,
        );
    }
    out += &tr!("cli-results-count", runs = Arg::Int(records.len() as i64));
    out
}

/// At most `n` characters of `s`.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n - 1).chain(['…']).collect() }
}

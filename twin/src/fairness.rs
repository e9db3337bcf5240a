//! `twin fairness`: whether a scenario is fair and can be won without diagnosis. Runs its
//! reference replay's commands and every blind strategy (`sim_core::scenario::blind`) over
//! many seeds, in parallel, and prints each one's score distribution.
//!
//! The verdict follows the rule `tests/blind_play.rs` holds the bundled scenarios to: every
//! blind strategy's 90th percentile below 60 and at least 30 points under what good operation
//! earns, which is the reference replay's score at its own seed. The reference's commands are
//! a demonstration for that seed (they acknowledge its alarms by number and answer its random
//! faults), so their distribution over other seeds is printed to show how far the
//! demonstration carries, not used as the bar. Tutorials are meant to be won by routine and
//! are not judged.

use std::path::{Path, PathBuf};
use std::time::Instant;

use l10n::{Arg, tr};
use rayon::prelude::*;
use sim_core::LineLayout;
use sim_core::replay::{Replay, ReplaySource, TimedCommand};
use sim_core::scenario::Scenario;
use sim_core::scenario::blind::{Blind, STRATEGIES, play};
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

use crate::files::{Failure, load_scenario, read};
use crate::replay::verify_replay;

/// Most seeds a run asks for (a bound on the work one command line can ask for).
pub const MAX_SEEDS: u64 = 10_000;

/// Who plays a run.
#[derive(Clone, Copy)]
enum Player {
    Reference,
    Blind(Blind),
}

/// The score distribution of one player over the seeds.
#[derive(serde::Serialize)]
struct Distribution {
    player: String,
    min: f64,
    p10: f64,
    median: f64,
    p90: f64,
    max: f64,
    mean: f64,
}

#[derive(serde::Serialize)]
struct Report {
    scenario: String,
    seeds: u64,
    seconds: f64,
    /// The reference replay's score at its own seed: the bar blind play is judged against.
    own_seed_score: Option<f64>,
    distributions: Vec<Distribution>,
    fair: Option<bool>,
}

/// The `q` quantile of sorted `scores` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn distribution(player: String, mut scores: Vec<f64>) -> Distribution {
    scores.sort_by(f64::total_cmp);
    let mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
    Distribution {
        player,
        min: quantile(&scores, 0.0),
        p10: quantile(&scores, 0.1),
        median: quantile(&scores, 0.5),
        p90: quantile(&scores, 0.9),
        max: quantile(&scores, 1.0),
        mean,
    }
}

/// The reference replay beside a scenario file (`x.ron` -> `x.replay.ron`), if there is one:
/// checked to be this scenario's and to reproduce its recorded hash and score (the score
/// is the bar blind play is judged against, so a stale or edited one is refused).
fn reference_replay(file: &Path) -> Result<Option<Replay>, Failure> {
    let path: PathBuf = file.with_extension("replay.ron");
    if !path.is_file() {
        return Ok(None);
    }
    let text = read(&path)?;
    let name = path.display().to_string();
    let replay = Replay::from_ron(&name, &text)?;
    let ReplaySource::Scenario { path: source, .. } = &replay.source else {
        return Err(Failure::BadInput(format!("{name}: a line replay, not a scenario's reference replay")));
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(&base.join(source), file) {
        return Err(Failure::BadInput(format!(
            "{name}: the replay beside {} is of {}, not of that scenario",
            file.display(),
            base.join(source).display()
        )));
    }
    verify_replay(&path, &text).map_err(|failure| match failure {
        Failure::Mismatch(msg) => Failure::Mismatch(format!("{name}: the reference replay does not reproduce: {msg}")),
        other => other,
    })?;
    Ok(Some(replay))
}

fn play_one(scenario: &Scenario, layout: &LineLayout, seed: u64, player: Player, reference: &[TimedCommand]) -> f64 {
    let Ok(mut run) = ScenarioRun::new(scenario, layout, Some(seed)) else { return 0.0 };
    match player {
        Player::Reference => run.run_with(reference, |_, _| {}),
        Player::Blind(blind) => play(&mut run, blind),
    }
    score(&run).total
}

pub fn fairness(files: &[PathBuf], seeds: u64, json: bool) -> Result<(), Failure> {
    if !(1..=MAX_SEEDS).contains(&seeds) {
        return Err(Failure::BadInput(format!("--seeds must be 1 to {MAX_SEEDS}, got {seeds}")));
    }
    let mut reports = Vec::new();
    for file in files {
        if file.to_string_lossy().ends_with(".replay.ron") {
            continue;
        }
        let text = read(file)?;
        let (scenario, layout) = load_scenario(file, &text)?;
        let replay = reference_replay(file)?;
        let own_seed_score = replay.as_ref().and_then(|r| r.final_score);
        let mut players: Vec<Player> = Vec::new();
        if replay.is_some() {
            players.push(Player::Reference);
        }
        players.extend(STRATEGIES.iter().map(|b| Player::Blind(*b)));
        let reference = replay.map(|r| r.commands).unwrap_or_default();
        let started = Instant::now();
        // Every (player, seed) pair is one job; rayon spreads them over the cores.
        let jobs: Vec<(usize, u64)> =
            (0..players.len()).flat_map(|p| (0..seeds).map(move |k| (p, scenario.seed.wrapping_add(k)))).collect();
        let scores: Vec<(usize, f64)> =
            jobs.par_iter().map(|&(p, seed)| (p, play_one(&scenario, &layout, seed, players[p], &reference))).collect();
        let seconds = started.elapsed().as_secs_f64();
        let distributions: Vec<Distribution> = players
            .iter()
            .enumerate()
            .map(|(p, player)| {
                let name = match player {
                    Player::Reference => tr!("cli-fairness-reference"),
                    Player::Blind(b) => l10n::say(&b.message(), &l10n::messages::Ids),
                };
                distribution(name, scores.iter().filter(|(q, _)| *q == p).map(|(_, s)| *s).collect())
            })
            .collect();
        let tutorial = scenario.id.starts_with("tutorial-");
        let fair = own_seed_score
            .filter(|_| !tutorial)
            .map(|good| distributions[1..].iter().all(|d| d.p90 < 60.0 && d.p90 <= good - 30.0));
        reports.push(Report { scenario: scenario.id.clone(), seeds, seconds, own_seed_score, distributions, fair });
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
        return Ok(());
    }
    for r in &reports {
        print_report(r);
    }
    Ok(())
}

fn print_report(r: &Report) {
    outln!(
        "{}",
        tr!(
            "cli-fairness-title",
            id = r.scenario.as_str(),
            seeds = Arg::Int(r.seeds as i64),
            seconds = Arg::Num(r.seconds, 1)
        )
    );
    outln!(
        "  {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}  {}",
        "min",
        "p10",
        "p50",
        "p90",
        "max",
        tr!("cli-fairness-mean"),
        tr!("cli-fairness-player")
    );
    let n = |v: f64| l10n::number(v, 1);
    for d in &r.distributions {
        outln!(
            "  {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}  {}",
            n(d.min),
            n(d.p10),
            n(d.median),
            n(d.p90),
            n(d.max),
            n(d.mean),
            d.player
        );
    }
    if let Some(good) = r.own_seed_score {
        outln!("  {}", tr!("cli-fairness-own-seed", score = Arg::Num(good, 1)));
    }
    let verdict = match r.fair {
        Some(true) => tr!("cli-fairness-fair"),
        Some(false) => tr!("cli-fairness-unfair"),
        None => tr!("cli-fairness-not-judged"),
    };
    outln!("  {verdict}\n");
}

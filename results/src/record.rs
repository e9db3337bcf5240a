//! The record of one finished run: who, which scenario and seed, when, how long, the score
//! with its breakdown, the line's KPIs, the diagnoses, the instructor's part, and the replay.

use serde::{Deserialize, Serialize};
use sim_core::replay::{Actor, Replay};
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

/// Longest trainee name or id, characters.
pub const MAX_TRAINEE_CHARS: usize = 80;

/// One objective's part of the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub weight: f64,
    /// Share achieved, 0..1.
    pub achieved: f64,
    pub points: f64,
}

/// The line's KPIs at the end of the run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunKpis {
    pub throughput_per_h: f64,
    pub oee: f64,
    pub first_pass_yield: f64,
    pub unplanned_scrap_kg: f64,
    pub completed_quantity: f64,
}

/// A diagnosis the trainee recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosisResult {
    pub at_h: f64,
    pub station: String,
    /// The fault named, as the scenario files spell it (`PumpPulsation`).
    pub fault: String,
    pub correct: bool,
}

/// A finished run as the results database keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Stable id: the same run recorded twice is one record.
    pub id: String,
    pub trainee: String,
    pub scenario: String,
    pub seed: u64,
    /// When the run ended, milliseconds since 1970 (UTC).
    pub finished_at_ms: i64,
    /// Plant hours the run covered.
    pub plant_hours: f64,
    /// Real seconds the trainee spent.
    pub wall_seconds: f64,
    pub score: f64,
    pub objectives: Vec<ObjectiveResult>,
    /// Points taken off (hints, wrong diagnoses, safety), summed.
    pub penalty_points: f64,
    pub kpis: RunKpis,
    pub diagnoses: Vec<DiagnosisResult>,
    /// Commands the instructor gave during the run (faults, breakdowns, lots, messages).
    pub instructor_actions: u32,
    /// Times the instructor rewound the run.
    pub rewinds: u32,
    /// The replay, as RON: `twin replay` reproduces the run from it.
    pub replay: String,
}

impl RunRecord {
    /// The record of a finished (or ended) run and its replay.
    pub fn of_run(
        trainee: &str,
        run: &ScenarioRun,
        replay: &Replay,
        finished_at_ms: i64,
        wall_seconds: f64,
    ) -> Result<Self, String> {
        let trainee = checked_trainee(trainee)?;
        let s = score(run);
        let kpis = run
            .kpi_series
            .last()
            .map(|k| RunKpis {
                throughput_per_h: k.throughput_per_h,
                oee: k.oee,
                first_pass_yield: k.first_pass_yield,
                unplanned_scrap_kg: k.unplanned_scrap_kg,
                completed_quantity: k.completed_quantity,
            })
            .unwrap_or_default();
        let diagnoses = run
            .diagnoses
            .iter()
            .map(|d| DiagnosisResult {
                at_h: d.at_ms as f64 / 3.6e6,
                station: d.station.clone(),
                fault: fault_name(&d.fault),
                correct: d.correct,
            })
            .collect();
        let replay_text = replay.to_ron()?;
        let final_hash = replay.final_hash.as_ref().map(|h| h.0.clone()).unwrap_or_default();
        let id_source = format!("{trainee}\n{}\n{}\n{finished_at_ms}\n{final_hash}", run.scenario.id, run.sim.seed);
        Ok(Self {
            id: blake3::hash(id_source.as_bytes()).to_hex()[..32].to_string(),
            trainee,
            scenario: run.scenario.id.clone(),
            seed: run.sim.seed,
            finished_at_ms,
            plant_hours: run.hours(),
            wall_seconds: if wall_seconds.is_finite() { wall_seconds.max(0.0) } else { 0.0 },
            score: s.total,
            objectives: s
                .objectives
                .iter()
                .map(|o| ObjectiveResult { id: o.id.clone(), weight: o.weight, achieved: o.achieved, points: o.points })
                .collect(),
            penalty_points: s.penalties.iter().map(|p| p.points).sum(),
            kpis,
            diagnoses,
            instructor_actions: run.commands.iter().filter(|c| c.by == Actor::Instructor).count() as u32,
            rewinds: replay.branches.len() as u32,
            replay: replay_text,
        })
    }
}

/// A trainee's name or id as kept: trimmed, not empty, at most [`MAX_TRAINEE_CHARS`].
pub fn checked_trainee(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("a trainee name or id is needed".into());
    }
    if name.chars().count() > MAX_TRAINEE_CHARS || name.chars().any(char::is_control) {
        return Err(format!("a trainee name is at most {MAX_TRAINEE_CHARS} printable characters"));
    }
    Ok(name.to_string())
}

/// A fault kind as scenario files spell it (`HeaterFailure(zone: 3)`).
fn fault_name(fault: &sim_core::faults::FaultKind) -> String {
    sim_core::input::to_ron(fault).map(|s| s.trim().to_string()).unwrap_or_else(|_| format!("{fault:?}"))
}

/// Which records to list: every field given must match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    /// From this time on, milliseconds since 1970 (inclusive).
    pub since_ms: Option<i64>,
    /// Before this time, milliseconds since 1970 (exclusive).
    pub until_ms: Option<i64>,
}

impl Filter {
    pub fn matches(&self, r: &RunRecord) -> bool {
        self.trainee.as_ref().is_none_or(|t| *t == r.trainee)
            && self.scenario.as_ref().is_none_or(|s| *s == r.scenario)
            && self.since_ms.is_none_or(|t| r.finished_at_ms >= t)
            && self.until_ms.is_none_or(|t| r.finished_at_ms < t)
    }
}

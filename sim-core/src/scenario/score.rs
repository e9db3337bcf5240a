//! Scoring a scenario run (0-100 with a breakdown) and the debrief record.
//!
//! Objectives score a fulfilment fraction each; their weighted mean gives up to 100 points.
//! Penalties come off: hints taken, safety violations, and the cost of unplanned scrap
//! (capped). The debrief holds the score, the timeline of commands, events and alarms, KPI
//! series, and the defect causes found with the scenario's explanations.

use serde::{Deserialize, Serialize};

use super::ObjectiveKind;
use super::run::{Diagnosis, InjectedFault, KpiSample, ScenarioRun, TimelineEntry};
use crate::product::{cause_matches, is_planned};
use crate::text::{Localized, Message};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveScore {
    pub id: String,
    pub title: Localized,
    pub weight: f64,
    /// 0..1.
    pub achieved: f64,
    pub points: f64,
    /// How far the objective got, e.g. "3 of 4 faults fixed".
    pub detail: Message,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Penalty {
    pub what: Message,
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub total: f64,
    pub objectives: Vec<ObjectiveScore>,
    pub penalties: Vec<Penalty>,
}

/// A defect cause found in the run, with where it arose and what it cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseFinding {
    pub station: String,
    pub cause: String,
    /// First-pass losses at the station (its own unit) and scrap booked to it.
    pub defective_quantity: f64,
    pub scrap_solids_kg: f64,
    pub quantity_unit: String,
    /// The scenario's explanation, if it has one for this cause.
    pub explanation: Option<Localized>,
}

/// What the run cost, EUR, by what it used (priced by the scenario's `Costs`): the material
/// used up (entered less still in process), the energy the stations account for, and each
/// maintenance's parts and technicians' time. Lost production shows in the denominator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CostAccount {
    pub material_eur: f64,
    pub energy_eur: f64,
    pub maintenance_eur: f64,
    pub technicians_eur: f64,
    pub total_eur: f64,
    pub good_area_m2: f64,
    /// Total cost per good square metre (none when nothing good was made).
    pub per_good_m2_eur: Option<f64>,
}

/// The cost account of the run so far.
pub fn costs(run: &ScenarioRun) -> CostAccount {
    let prices = &run.scenario.costs;
    let line = &run.sim.line;
    // Material used up: what entered, less what is still in process at the end.
    let used_kg = (line.counters.solids_entered_kg - line.solids_in_process_kg()).max(0.0);
    let material_eur = used_kg * prices.material_eur_per_kg;
    let energy_kwh = line.stations.iter().fold(0.0, |sum, s| sum + s.counters.energy_kwh);
    let energy_eur = energy_kwh * prices.energy_eur_per_kwh;
    let maintenance_eur = run.maintenances.len() as f64 * prices.maintenance_eur;
    let technician_h = run.maintenances.iter().fold(0.0, |sum, m| sum + m.duration_s / 3600.0);
    let technicians_eur = technician_h * prices.technician_eur_per_h;
    let total_eur = material_eur + energy_eur + maintenance_eur + technicians_eur;
    let good_area_m2 = line.counters.completed_good_area_m2;
    let per_good_m2_eur = (good_area_m2 > 0.0).then(|| total_eur / good_area_m2);
    CostAccount { material_eur, energy_eur, maintenance_eur, technicians_eur, total_eur, good_area_m2, per_good_m2_eur }
}

/// A missed objective: its title, how far it got, and what the scenario says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    pub objective: Localized,
    pub detail: Message,
    pub message: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario: String,
    pub title: Localized,
    pub score: Score,
    pub timeline: Vec<TimelineEntry>,
    pub kpi_series: Vec<KpiSample>,
    pub causes: Vec<CauseFinding>,
    /// The objectives missed, with the scenario's message for each.
    pub lessons: Vec<Lesson>,
    /// The trainee's diagnoses, now marked right or wrong.
    pub diagnoses: Vec<Diagnosis>,
    pub costs: CostAccount,
    pub state_hash: String,
}

/// `x` (0..1) as a percentage argument.
fn pct(x: f64) -> f64 {
    100.0 * x
}

/// A wrong diagnosis at a station this close to the right one makes the right one a guess.
const GUESS_WINDOW_MS: u64 = 10 * 60 * 1000;

/// Whether the trainee named the fault before maintenance fixed it, and meant it: naming
/// every fault the station could have at once (a wrong diagnosis at the same station
/// within [`GUESS_WINDOW_MS`] of the right one) is a guess, not a diagnosis.
fn diagnosed_before_fix(f: &InjectedFault, diagnoses: &[Diagnosis]) -> bool {
    let Some(d) = f.diagnosed_ms else {
        return false;
    };
    let in_time = f.fixed_ms.is_none_or(|x| d <= x);
    let guessed =
        diagnoses.iter().any(|x| x.station == f.station && !x.correct && x.at_ms.abs_diff(d) <= GUESS_WINDOW_MS);
    in_time && !guessed
}

/// A fault's share of a FixFaults objective: fixed in time after a right diagnosis earns it
/// all; a repair without a diagnosis (found by chance or routine) earns a quarter, a late
/// one half of that.
/// Unjudged (a live view), every repair counts as diagnosed.
fn fault_points(f: &InjectedFault, diagnoses: &[Diagnosis], within_ms: f64, judged: bool) -> f64 {
    let diagnosed = !judged || diagnosed_before_fix(f, diagnoses);
    match f.fixed_ms {
        Some(t) if t.saturating_sub(f.injected_ms) as f64 <= within_ms => {
            if diagnosed {
                1.0
            } else {
                0.25
            }
        }
        Some(_) => {
            if diagnosed {
                0.5
            } else {
                0.1
            }
        }
        None => 0.0,
    }
}

/// Scores the run as it stands, judging its diagnoses (the final score; the debrief).
pub fn score(run: &ScenarioRun) -> Score {
    score_with(run, true)
}

/// The score so far as a live panel may show it: diagnoses are not judged until the end, so
/// neither a wrong diagnosis nor a needless repair shows before the debrief (the points a
/// live panel gives a repair are those of a diagnosed one).
pub fn provisional(run: &ScenarioRun) -> Score {
    score_with(run, false)
}

fn score_with(run: &ScenarioRun, judged: bool) -> Score {
    let sc = &run.scenario;
    let mut objectives = Vec::new();
    for (o, tracker) in sc.objectives.iter().zip(&run.trackers) {
        let (achieved, detail) = match &o.kind {
            ObjectiveKind::Deliver { quantity, from, .. } => {
                let got = tracker.captured.unwrap_or_else(|| run.good_delivered());
                let base = from.unwrap_or(0.0);
                (
                    ((got - base) / (quantity - base).max(1e-9)).clamp(0.0, 1.0),
                    Message::new("progress-deliver").number("got", got, 0).number("quantity", *quantity, 0),
                )
            }
            ObjectiveKind::Produce { station, quantity, .. } => {
                let got = tracker.captured.unwrap_or_else(|| run.station_good_quantity(station));
                (
                    (got / quantity).min(1.0),
                    Message::new("progress-produce")
                        .station("station", station)
                        .number("got", got, 0)
                        .number("quantity", *quantity, 0),
                )
            }
            ObjectiveKind::KeepInLimits { .. } => {
                let n = tracker.inside + tracker.outside;
                let frac = if n == 0 { 0.0 } else { tracker.inside as f64 / n as f64 };
                (frac, Message::new("progress-keep-in-limits").number("pct", pct(frac), 0))
            }
            ObjectiveKind::FixFaults { station, within_h } => {
                let faults: Vec<_> =
                    run.injected.iter().filter(|f| station.as_ref().is_none_or(|s| *s == f.station)).collect();
                if faults.is_empty() {
                    (1.0, Message::new("progress-no-fault"))
                } else {
                    let within_ms = within_h * 3.6e6;
                    let points: f64 = faults.iter().map(|f| fault_points(f, &run.diagnoses, within_ms, judged)).sum();
                    let fixed = faults.iter().filter(|f| f.fixed_ms.is_some()).count();
                    let detail = if judged {
                        let diagnosed = faults.iter().filter(|f| diagnosed_before_fix(f, &run.diagnoses)).count();
                        Message::new("progress-fix-faults")
                            .count("fixed", fixed)
                            .count("faults", faults.len())
                            .count("diagnosed", diagnosed)
                    } else {
                        Message::new("progress-fix-faults-live").count("fixed", fixed).count("faults", faults.len())
                    };
                    (points / faults.len() as f64, detail)
                }
            }
            ObjectiveKind::AcknowledgeAlarms { within_min, min_priority } => {
                let within_ms = (within_min * 60_000.0) as u64;
                let now = run.sim.now_ms;
                let due: Vec<_> = run
                    .sim
                    .alarms
                    .alarms
                    .iter()
                    .filter(|a| a.priority >= *min_priority)
                    .filter(|a| a.acknowledged_ms.is_some() || now.saturating_sub(a.raised_ms) >= within_ms)
                    .collect();
                if due.is_empty() {
                    (1.0, Message::new("progress-no-alarms"))
                } else {
                    let in_time = due
                        .iter()
                        .filter(|a| a.acknowledged_ms.is_some_and(|t| t.saturating_sub(a.raised_ms) <= within_ms))
                        .count();
                    (
                        in_time as f64 / due.len() as f64,
                        Message::new("progress-acknowledge").count("in_time", in_time).count("alarms", due.len()),
                    )
                }
            }
            ObjectiveKind::CostPerGoodArea { target_eur_per_m2, limit_eur_per_m2 } => {
                let account = costs(run);
                match account.per_good_m2_eur {
                    Some(cost) => {
                        let span = (limit_eur_per_m2 - target_eur_per_m2).max(1e-9);
                        (
                            ((limit_eur_per_m2 - cost) / span).clamp(0.0, 1.0),
                            Message::new("progress-cost-per-area").number("cost", cost, 2).number(
                                "target",
                                *target_eur_per_m2,
                                2,
                            ),
                        )
                    }
                    None => (0.0, Message::new("progress-nothing-good")),
                }
            }
            ObjectiveKind::MeetOrders => {
                let mut orders = run.orders.clone();
                orders.sort_by_key(|o| o.due_ms);
                if orders.is_empty() {
                    (1.0, Message::new("progress-no-orders"))
                } else {
                    let mut ordered = 0.0;
                    let mut sum = 0.0;
                    let mut met = 0;
                    for o in &orders {
                        ordered += o.quantity;
                        let got = o.delivered_at_due.unwrap_or_else(|| run.good_delivered());
                        let frac = (got / ordered).min(1.0);
                        met += (frac >= 1.0) as usize;
                        sum += frac;
                    }
                    (
                        sum / orders.len() as f64,
                        Message::new("progress-orders").count("met", met).count("orders", orders.len()),
                    )
                }
            }
            ObjectiveKind::MaxScrap { frac } => {
                let input = run.sim.line.counters.solids_entered_kg - run.sim.line.solids_in_process_kg();
                let scrap = run.unplanned_scrap_kg();
                let actual = if input > 0.0 { scrap / input } else { 0.0 };
                let achieved = if actual <= *frac { 1.0 } else { (1.0 - (actual - frac) / frac).max(0.0) };
                (
                    achieved,
                    Message::new("progress-max-scrap").number("pct", pct(actual), 1).number("limit", pct(*frac), 1),
                )
            }
        };
        objectives.push(ObjectiveScore {
            id: o.id.clone(),
            title: o.title.clone(),
            weight: o.weight,
            achieved,
            points: 0.0,
            detail,
        });
    }
    let total_weight: f64 = objectives.iter().map(|o| o.weight).sum::<f64>().max(1e-9);
    for o in &mut objectives {
        o.points = 100.0 * o.weight * o.achieved / total_weight;
    }
    let mut penalties = Vec::new();
    for (hint, _) in &run.hints_taken {
        if let Some(h) = sc.hints.get(*hint as usize) {
            penalties.push(Penalty { what: Message::new("penalty-hint").count("hint", *hint), points: h.penalty });
        }
    }
    if run.safety_violations > 0 {
        penalties.push(Penalty {
            what: Message::new("penalty-safety").count("violations", run.safety_violations),
            points: run.safety_violations as f64 * sc.scoring.safety_penalty,
        });
    }
    if !run.maintenances.is_empty() && sc.scoring.maintenance_cost > 0.0 {
        penalties.push(Penalty {
            what: Message::new("penalty-maintenance-cost").count("maintenances", run.maintenances.len()),
            points: run.maintenances.len() as f64 * sc.scoring.maintenance_cost,
        });
    }
    let needless = if judged { run.maintenances.iter().filter(|m| !m.justified).count() } else { 0 };
    if needless > 0 && sc.scoring.maintenance_penalty > 0.0 {
        penalties.push(Penalty {
            what: Message::new("penalty-maintenance").count("maintenances", needless),
            points: needless as f64 * sc.scoring.maintenance_penalty,
        });
    }
    let wrong = if judged { run.diagnoses.iter().filter(|d| !d.correct).count() } else { 0 };
    if wrong > 0 && sc.scoring.wrong_diagnosis_penalty > 0.0 {
        penalties.push(Penalty {
            what: Message::new("penalty-wrong-diagnosis").count("diagnoses", wrong),
            points: wrong as f64 * sc.scoring.wrong_diagnosis_penalty,
        });
    }
    let scrap_kg = run.unplanned_scrap_kg();
    let scrap_points = (scrap_kg * sc.scoring.scrap_points_per_kg).min(sc.scoring.max_scrap_penalty);
    if scrap_points > 0.0 {
        penalties.push(Penalty { what: Message::new("penalty-scrap").number("kg", scrap_kg, 1), points: scrap_points });
    }
    let earned: f64 = objectives.iter().map(|o| o.points).sum();
    let lost: f64 = penalties.iter().map(|p| p.points).sum();
    Score { total: (earned - lost).clamp(0.0, 100.0), objectives, penalties }
}

/// The debrief record of the run.
pub fn debrief(run: &ScenarioRun) -> Debrief {
    let sc = &run.scenario;
    let score = score(run);
    let mut causes: Vec<CauseFinding> = Vec::new();
    for station in &run.sim.line.stations {
        let unit = station.kind.station().quantity_unit().to_string();
        for (cause, q) in &station.counters.defective_by_cause {
            causes.push(CauseFinding {
                station: station.id.clone(),
                cause: cause.clone(),
                defective_quantity: *q,
                scrap_solids_kg: 0.0,
                quantity_unit: unit.clone(),
                explanation: None,
            });
        }
        for e in station.counters.scrap_by_cause.iter().filter(|e| !is_planned(&e.cause)) {
            match causes.iter_mut().find(|c| c.station == station.id && c.cause == e.cause) {
                Some(c) => c.scrap_solids_kg += e.solids_kg,
                None => causes.push(CauseFinding {
                    station: station.id.clone(),
                    cause: e.cause.clone(),
                    defective_quantity: 0.0,
                    scrap_solids_kg: e.solids_kg,
                    quantity_unit: e.quantity_unit.clone(),
                    explanation: None,
                }),
            }
        }
    }
    for c in &mut causes {
        c.explanation =
            sc.debrief.iter().find(|r| cause_matches(&c.cause, &r.cause_contains)).map(|r| r.message.clone());
    }
    let lessons = sc
        .objectives
        .iter()
        .zip(&score.objectives)
        .filter(|(_, s)| s.achieved < 0.999)
        .map(|(o, s)| Lesson {
            objective: o.title.clone(),
            detail: s.detail.clone(),
            message: o.failed_message.clone(),
        })
        .collect();
    Debrief {
        scenario: sc.id.clone(),
        title: sc.title.clone(),
        score,
        timeline: run.timeline.clone(),
        kpi_series: run.kpi_series.clone(),
        causes,
        lessons,
        diagnoses: run.diagnoses.clone(),
        costs: costs(run),
        state_hash: run.state_hash().0,
    }
}

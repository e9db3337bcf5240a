//! Exports of run records: CSV (a row a run, for a spreadsheet), JSON (whole records, replays
//! included), and xAPI statements (the Experience API 1.0.3 record that learning management
//! systems and learning record stores import: actor, verb, object, result, context).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::record::RunRecord;

/// Score (of 100) from which an xAPI statement says the run succeeded.
pub const PASS_SCORE: f64 = 70.0;

/// IRI under which xAPI names this product's scenarios and extensions.
pub const XAPI_BASE: &str = "https://intellibat.be/twin";

/// A time as RFC 3339 in UTC (`2026-12-02T14:05:00Z`).
pub fn timestamp(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_else(|| ms.to_string())
}

/// Reads a date (`2026-12-02`, midnight UTC) or an RFC 3339 time as milliseconds since 1970.
pub fn parse_time(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return date
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp_millis())
            .ok_or_else(|| format!("`{text}` is not a date"));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|_| format!("`{text}` is neither a date (2026-12-02) nor a time (2026-12-02T14:00:00Z)"))
}

/// The CSV header and one row per run (no replay: that is in the JSON export).
pub fn to_csv(records: &[RunRecord]) -> Result<String, String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id",
        "trainee",
        "scenario",
        "seed",
        "finished_at",
        "plant_hours",
        "wall_seconds",
        "score",
        "penalty_points",
        "throughput_per_h",
        "oee",
        "first_pass_yield",
        "unplanned_scrap_kg",
        "completed_quantity",
        "diagnoses_right",
        "diagnoses_wrong",
        "instructor_actions",
        "rewinds",
        "objectives",
    ])
    .map_err(|e| e.to_string())?;
    for r in records {
        let right = r.diagnoses.iter().filter(|d| d.correct).count();
        let objectives: Vec<String> =
            r.objectives.iter().map(|o| format!("{}={:.1}/{:.1}", o.id, o.points, o.weight)).collect();
        out.write_record([
            r.id.clone(),
            r.trainee.clone(),
            r.scenario.clone(),
            r.seed.to_string(),
            timestamp(r.finished_at_ms),
            format!("{:.3}", r.plant_hours),
            format!("{:.0}", r.wall_seconds),
            format!("{:.1}", r.score),
            format!("{:.1}", r.penalty_points),
            format!("{:.2}", r.kpis.throughput_per_h),
            format!("{:.4}", r.kpis.oee),
            format!("{:.4}", r.kpis.first_pass_yield),
            format!("{:.3}", r.kpis.unplanned_scrap_kg),
            format!("{:.2}", r.kpis.completed_quantity),
            right.to_string(),
            (r.diagnoses.len() - right).to_string(),
            r.instructor_actions.to_string(),
            r.rewinds.to_string(),
            objectives.join(";"),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The records as a JSON array, replays included.
pub fn to_json(records: &[RunRecord]) -> String {
    serde_json::to_string_pretty(records).unwrap_or_else(|_| "[]".into())
}

/// An ISO 8601 duration (`PT1H2M3S`).
fn iso_duration(seconds: f64) -> String {
    let total = if seconds.is_finite() { seconds.max(0.0).round() as u64 } else { 0 };
    format!("PT{}H{}M{}S", total / 3600, total / 60 % 60, total % 60)
}

/// A UUID (version 8: made from the run's own id) for the statement, so exporting the same
/// run twice gives the same statement id and a record store keeps it once.
fn statement_id(run_id: &str) -> String {
    let mut b = *blake3::hash(run_id.as_bytes()).as_bytes();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b[..16].iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// One xAPI statement: the trainee (an account on this product) completed the scenario (a
/// simulation activity) with this scaled score, in this time.
pub fn xapi_statement(r: &RunRecord) -> Value {
    let ext = |name: &str| format!("{XAPI_BASE}/xapi/{name}");
    let right = r.diagnoses.iter().filter(|d| d.correct).count();
    json!({
        "id": statement_id(&r.id),
        "actor": {
            "objectType": "Agent",
            "name": r.trainee,
            "account": { "homePage": XAPI_BASE, "name": r.trainee },
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": { "en-GB": "completed", "nl-BE": "voltooide" },
        },
        "object": {
            "objectType": "Activity",
            "id": format!("{XAPI_BASE}/scenarios/{}", r.scenario),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/simulation",
                "name": { "en-GB": r.scenario },
            },
        },
        "result": {
            "score": { "scaled": (r.score / 100.0).clamp(0.0, 1.0), "raw": r.score, "min": 0.0, "max": 100.0 },
            "success": r.score >= PASS_SCORE,
            "completion": true,
            "duration": iso_duration(r.wall_seconds),
            "extensions": {
                ext("plant-hours"): r.plant_hours,
                ext("diagnoses-right"): right,
                ext("diagnoses-wrong"): r.diagnoses.len() - right,
                ext("first-pass-yield"): r.kpis.first_pass_yield,
                ext("oee"): r.kpis.oee,
            },
        },
        "context": {
            "platform": "Intellibat Twin",
            "extensions": {
                ext("seed"): r.seed,
                ext("instructor-actions"): r.instructor_actions,
                ext("rewinds"): r.rewinds,
            },
        },
        "timestamp": timestamp(r.finished_at_ms),
        "version": "1.0.3",
    })
}

/// Every record as an xAPI statement, in a JSON array (what a record store's statements
/// endpoint takes in one POST).
pub fn to_xapi(records: &[RunRecord]) -> String {
    let statements: Vec<Value> = records.iter().map(xapi_statement).collect();
    serde_json::to_string_pretty(&statements).unwrap_or_else(|_| "[]".into())
}

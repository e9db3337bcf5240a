//! The results database, on SQLite and (when the test script started one) on a real
//! PostgreSQL server: records round-trip and filter, the schema migrates from an older
//! version, a newer one is refused, and killing the writer mid-write loses nothing already
//! recorded. Exports carry what learning systems need.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use results::export::{self, PASS_SCORE};
use results::record::{Filter, RunRecord};
use results::store::{MIGRATIONS, ResultsDb, schema_version, url_of};
use sim_core::LineLayout;
use sim_core::replay::Replay;
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;
use sqlx::Connection;

/// PostgreSQL server for these tests (`scripts/test.sh` starts one and sets it).
const POSTGRES_ENV: &str = "INTELLIBAT_TEST_POSTGRES_URL";
/// Set by the test script: a missing server is then a failure, not a skip.
const REQUIRE_POSTGRES_ENV: &str = "INTELLIBAT_REQUIRE_POSTGRES";

fn repo(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// A finished run of the tutorial with its reference replay's commands (made once).
fn base_record() -> &'static RunRecord {
    static RECORD: OnceLock<RunRecord> = OnceLock::new();
    RECORD.get_or_init(|| {
        let text = std::fs::read_to_string(repo("scenarios/tutorial-start-the-line.ron")).unwrap();
        let parsed = Scenario::from_ron("tutorial-start-the-line.ron", &text).unwrap();
        let layout_text = std::fs::read_to_string(repo(&format!("assets/lines/{}.ron", parsed.line))).unwrap();
        let layout = LineLayout::from_ron("layout.ron", &layout_text).unwrap();
        let scenario = Scenario::load("tutorial-start-the-line.ron", &text, &layout).unwrap();
        let replay_text = std::fs::read_to_string(repo("scenarios/tutorial-start-the-line.replay.ron")).unwrap();
        let replay = Replay::from_ron("r.ron", &replay_text).unwrap();
        let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
        run.run_with(&replay.commands, |_, _| {});
        RunRecord::of_run("Anke Peeters", &run, &replay, 1_764_684_000_000, 754.0).unwrap()
    })
}

/// The base record as another trainee, scenario and time (a different id).
fn variant(trainee: &str, scenario: &str, at_ms: i64, score: f64) -> RunRecord {
    let mut r = base_record().clone();
    r.trainee = trainee.into();
    r.scenario = scenario.into();
    r.finished_at_ms = at_ms;
    r.score = score;
    r.id = format!("{trainee}/{scenario}/{at_ms}");
    r
}

/// A fresh, empty database on each backend: a SQLite file, and a new PostgreSQL database
/// when the server is there.
fn backends(name: &str) -> Vec<(String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.sqlite")).display().to_string();
    let mut out = vec![(path, Some(dir))];
    match std::env::var(POSTGRES_ENV) {
        Ok(admin) => out.push((fresh_postgres(&admin, name), None)),
        Err(_) if std::env::var(REQUIRE_POSTGRES_ENV).is_ok() => {
            panic!("{REQUIRE_POSTGRES_ENV} is set but {POSTGRES_ENV} is not: the PostgreSQL server did not start")
        }
        Err(_) => eprintln!("no {POSTGRES_ENV}: testing SQLite only"),
    }
    out
}

/// Creates database `name` on the server (dropping an old one) and returns its URL.
fn fresh_postgres(admin_url: &str, name: &str) -> String {
    sqlx::any::install_default_drivers();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut c = sqlx::AnyConnection::connect(admin_url).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS test_{name}")).execute(&mut c).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE test_{name}")).execute(&mut c).await.unwrap();
    });
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/test_{name}")
}

/// Runs SQL on a database outside the library (to build old or future schemas).
fn raw(location: &str, statements: &[&str]) {
    sqlx::any::install_default_drivers();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut c = sqlx::AnyConnection::connect(&url_of(location)).await.unwrap();
        for s in statements {
            sqlx::query(s).execute(&mut c).await.unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    });
}

#[test]
fn runs_round_trip_and_filter_by_trainee_scenario_and_date_on_every_backend() {
    for (location, _dir) in backends("round_trip") {
        let db = ResultsDb::open(&location).unwrap();
        assert_eq!(db.version().unwrap(), schema_version());
        let day = 86_400_000;
        let t0 = export::parse_time("2026-11-30").unwrap();
        let runs = [
            variant("anke", "coater-malfunctions", t0, 55.0),
            variant("anke", "coater-malfunctions", t0 + day, 72.5),
            variant("anke", "slitter-burrs", t0 + 2 * day, 90.0),
            variant("jens", "coater-malfunctions", t0 + day + 5, 81.0),
            base_record().clone(),
        ];
        // Recorded out of order; listed oldest first.
        for r in runs.iter().rev() {
            assert!(db.record(r).unwrap(), "{location}: new");
        }
        assert!(!db.record(&runs[0]).unwrap(), "{location}: the same run is kept once");
        let all = db.list(&Filter::default()).unwrap();
        assert_eq!(all.len(), 5, "{location}");
        assert!(all.windows(2).all(|w| w[0].finished_at_ms <= w[1].finished_at_ms));
        let stored = all.iter().find(|r| r.id == base_record().id).unwrap();
        assert_eq!(stored, base_record(), "{location}: every field, replay included");
        assert!(Replay::from_ron("stored.replay.ron", &stored.replay).is_ok());

        let anke = Filter { trainee: Some("anke".into()), ..Default::default() };
        assert_eq!(db.list(&anke).unwrap().len(), 3);
        let coater = Filter { scenario: Some("coater-malfunctions".into()), ..Default::default() };
        assert_eq!(db.list(&coater).unwrap().len(), 3);
        let history = db.list(&Filter { scenario: coater.scenario.clone(), ..anke.clone() }).unwrap();
        assert_eq!(history.iter().map(|r| r.score).collect::<Vec<_>>(), vec![55.0, 72.5]);
        let day_two = Filter { since_ms: Some(t0 + day), until_ms: Some(t0 + 2 * day), ..Default::default() };
        let listed: Vec<String> = db.list(&day_two).unwrap().into_iter().map(|r| r.trainee).collect();
        assert_eq!(listed, vec!["anke", "jens"], "{location}");
        for filter in [&anke, &coater, &day_two] {
            let expected: Vec<&RunRecord> = all.iter().filter(|r| filter.matches(r)).collect();
            assert_eq!(db.list(filter).unwrap().iter().collect::<Vec<_>>(), expected, "{location}: {filter:?}");
        }
    }
}

#[test]
fn an_older_schema_is_migrated_keeping_its_runs_and_a_newer_one_is_refused() {
    for (location, _dir) in backends("migration") {
        let mut v1: Vec<&str> = vec!["CREATE TABLE schema_version (version BIGINT NOT NULL)"];
        v1.extend(MIGRATIONS[0]);
        v1.push("INSERT INTO schema_version (version) VALUES (1)");
        v1.push(
            "INSERT INTO runs VALUES ('old', 'anke', 'coater-malfunctions', 4, 1764000000000, 8.0, 900.0, 64.0,
             '[]', 10.0, '{\"throughput_per_h\":1.0,\"oee\":0.5,\"first_pass_yield\":0.9,\"unplanned_scrap_kg\":2.0,\"completed_quantity\":8.0}',
             '[]', 'replay')",
        );
        raw(&location, &v1);
        let db = ResultsDb::open(&location).unwrap();
        assert_eq!(db.version().unwrap(), schema_version());
        let old = db.list(&Filter::default()).unwrap();
        assert_eq!(old.len(), 1, "{location}");
        assert_eq!((old[0].score, old[0].instructor_actions, old[0].rewinds), (64.0, 0, 0));
        assert!(db.record(&base_record().clone()).unwrap());
        drop(db);

        raw(&location, &["UPDATE schema_version SET version = 99"]);
        let err = ResultsDb::open(&location).err().unwrap();
        assert!(err.contains("schema version 99") && err.contains("update the program"), "{err}");
    }
}

/// The child side of the crash test: records runs as fast as it can, printing each id once
/// its transaction committed, until it is killed.
#[test]
fn child_writer() {
    let Ok(location) = std::env::var("RESULTS_CHILD_DB") else { return };
    let db = ResultsDb::open(&location).unwrap();
    for i in 0.. {
        let r = variant(&format!("trainee-{i:05}"), "coater-malfunctions", 1_764_000_000_000 + i, 50.0);
        db.record(&r).unwrap();
        println!("committed {}", r.id);
    }
}

#[test]
fn killing_the_process_during_a_write_leaves_every_earlier_run_readable() {
    for (location, _dir) in backends("crash") {
        // A database with one run already in it.
        ResultsDb::open(&location).unwrap().record(base_record()).unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
            .env("RESULTS_CHILD_DB", &location)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut committed = Vec::new();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        for line in lines {
            let line = line.unwrap();
            if let Some(id) = line.strip_prefix("committed ") {
                committed.push(id.to_string());
                if committed.len() == 40 {
                    // SIGKILL: no destructor, no rollback by the process; mid-write or close to it.
                    child.kill().unwrap();
                    break;
                }
            }
        }
        child.wait().unwrap();
        assert_eq!(committed.len(), 40, "{location}: the writer ran");

        let db = ResultsDb::open(&location).unwrap();
        let ids: Vec<String> = db.list(&Filter::default()).unwrap().into_iter().map(|r| r.id).collect();
        assert!(ids.contains(&base_record().id), "{location}: the earlier run survived");
        for id in &committed {
            assert!(ids.contains(id), "{location}: committed run {id} survived");
        }
        assert!(ids.len() <= committed.len() + 2, "{location}: at most the one in flight besides");
        assert!(db.record(&variant("after", "coater-malfunctions", 1, 1.0)).unwrap(), "{location}: writable again");
        if !location.contains("://") {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let check: String = rt.block_on(async {
                let mut c = sqlx::AnyConnection::connect(&url_of(&location)).await.unwrap();
                sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut c).await.unwrap()
            });
            assert_eq!(check, "ok");
        }
    }
}

#[test]
fn exports_give_a_csv_row_json_records_and_xapi_statements_per_run() {
    let runs = vec![
        variant("anke", "coater-malfunctions", 1_764_684_000_000, 55.0),
        variant("jens, de tweede", "slitter-burrs", 1_764_770_400_000, 91.0),
    ];
    let csv = export::to_csv(&runs).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for column in ["trainee", "scenario", "seed", "finished_at", "score", "oee", "diagnoses_right", "objectives"] {
        assert!(header.contains(&column.to_string()), "{column}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][col("trainee")], "jens, de tweede", "quoted, not split");
    assert_eq!(&rows[0][col("finished_at")], "2025-12-02T14:00:00Z");
    assert_eq!(&rows[1][col("score")], "91.0");

    let back: Vec<RunRecord> = serde_json::from_str(&export::to_json(&runs)).unwrap();
    assert_eq!(back, runs);

    let statements: serde_json::Value = serde_json::from_str(&export::to_xapi(&runs)).unwrap();
    let s = &statements[1];
    assert_eq!(s["actor"]["account"]["name"], "jens, de tweede");
    assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
    assert!(s["object"]["id"].as_str().unwrap().ends_with("/scenarios/slitter-burrs"));
    assert_eq!(s["result"]["score"]["scaled"], 0.91);
    assert_eq!(s["result"]["success"], 91.0 >= PASS_SCORE);
    assert_eq!(statements[0]["result"]["success"], false);
    assert_eq!(s["result"]["duration"], "PT0H12M34S");
    assert_eq!(s["timestamp"], "2025-12-03T14:00:00Z");
    let id = s["id"].as_str().unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "8", "a version-8 UUID");
    assert_eq!(id, export::xapi_statement(&runs[1])["id"], "the same run, the same statement id");
    assert_ne!(id, statements[0]["id"]);

    assert!(export::parse_time("2026-13-01").is_err());
    assert_eq!(
        export::parse_time("2026-12-02T14:00:00+01:00").unwrap(),
        export::parse_time("2026-12-02").unwrap() + 13 * 3_600_000
    );
}

#[test]
fn trainee_names_are_checked() {
    assert!(results::record::checked_trainee("  ").is_err());
    assert!(results::record::checked_trainee(&"x".repeat(81)).is_err());
    assert!(results::record::checked_trainee("a\u{7}b").is_err());
    assert_eq!(results::record::checked_trainee("  Lotte Vos ").unwrap(), "Lotte Vos");
}

//! The `twin` command line as a user meets it: exit codes (0 ok, 1 a replay that no longer
//! reproduces, 2 bad input), rendered diagnostics with file, line:column and field, and no
//! panic whatever the input.

use std::path::PathBuf;
use std::process::Command;

const GOOD: &str = r#"LineLayout(
    id: "t",
    stations: [
        (id: "a", kind: Generic(cycle_time_s: 10.0)),
        (id: "b", kind: Generic(cycle_time_s: 12.0), mtbf_h: 20.0),
    ],
    buffers: [
        (from: "a", to: "b", capacity: 3),
    ],
)
"#;

fn repo_file(rel: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn twin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_twin")).args(args).output().expect("twin runs")
}

#[test]
fn the_cli_exits_2_with_a_rendered_diagnostic_for_each_kind_of_bad_input() {
    let dir = std::env::temp_dir().join(format!("twin-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("syntax.ron", GOOD.replacen("capacity: 3),", "capacity: 3 ,, ),", 1), "syntax.ron:8:43:"),
        ("unknown.ron", GOOD.replacen("mtbf_h: 20.0", "mtbf_hours: 20.0", 1), "unknown field `mtbf_hours`"),
        (
            "negative.ron",
            GOOD.replacen("cycle_time_s: 12.0", "cycle_time_s: -12.0", 1),
            "stations[1].kind.cycle_time_s",
        ),
        ("missing.ron", GOOD.replacen(r#"to: "b""#, r#"to: "coater""#, 1), "buffers[0].to"),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        for args in [vec!["check", path.to_str().unwrap()], vec!["line", path.to_str().unwrap(), "--hours", "1"]] {
            let out = twin(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {stderr}");
            assert!(stderr.contains(expected), "{name}: {stderr}");
            // miette draws the snippet with a caret under the offending value.
            assert!(stderr.contains('^') || stderr.contains('┬'), "{name}: no snippet: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    let out = twin(&["line", dir.join("does-not-exist.ron").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn twin_line_reports_first_pass_yield_and_scrap_by_cause_per_station() {
    let file = repo_file("assets/lines/electrode-nmc811.ron");
    let out = twin(&["line", file.to_str().unwrap(), "--hours", "30", "--seed", "2", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["throughput_per_h", "completed", "wip", "mass_balance", "scrap_by_cause"] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
    let stations = json["stations"].as_array().unwrap();
    assert_eq!(stations.len(), 6);
    for s in stations {
        for field in ["utilisation", "availability", "oee", "first_pass_yield", "state_shares", "scrap_by_cause"] {
            assert!(s.get(field).is_some(), "{}: missing {field}", s["id"]);
        }
    }
    // After 30 h the unchanged blade has worn: the slitter's first pass loses sheets to burrs,
    // and edge trim is booked as the slitter's planned scrap.
    let slitter = stations.iter().find(|s| s["id"] == "slitter").unwrap();
    assert!(slitter["first_pass_yield"].as_f64().unwrap() < 1.0);
    let causes: Vec<&str> =
        json["scrap_by_cause"].as_array().unwrap().iter().map(|c| c["cause"].as_str().unwrap()).collect();
    assert!(causes.iter().any(|c| c.contains("edge trim")), "{causes:?}");
}

#[test]
fn the_cli_checks_runs_and_replays_scenarios() {
    let dir = repo_file("scenarios");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".replay.ron"))
        .collect();
    files.sort();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let out = twin(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("ok")).count(), files.len());

    let tutorial = dir.join("tutorial-start-the-line.ron");
    let out = twin(&["run", tutorial.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["score"]["objectives"].as_array().unwrap().len(), 2);

    let replay = dir.join("tutorial-start-the-line.replay.ron");
    let out = twin(&["replay", replay.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("score 100.0 / 100"));

    // A tampered replay no longer reproduces: exit 1.
    let tmp = std::env::temp_dir().join(format!("twin-tampered-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let text = std::fs::read_to_string(&replay).unwrap().replace("final_score: 100.0", "final_score: 99.0");
    std::fs::write(tmp.join("tutorial-start-the-line.replay.ron"), text).unwrap();
    std::fs::copy(&tutorial, tmp.join("tutorial-start-the-line.ron")).unwrap();
    // The scenario's layout is found under the working directory (the repository root).
    let out = Command::new(env!("CARGO_BIN_EXE_twin"))
        .current_dir(repo_file(""))
        .args(["replay", tmp.join("tutorial-start-the-line.replay.ron").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("differs from the recorded 99"));
    std::fs::remove_dir_all(&tmp).ok();
}

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
    assert!(causes.contains(&"planned-edge-trim"), "{causes:?}");
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

/// A scratch folder with a copy of the tutorial scenario and its replay, and the layouts
/// beside it as the CLI expects (`../assets/lines/`).
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("twin-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("scenarios")).unwrap();
        std::fs::create_dir_all(dir.join("assets/lines")).unwrap();
        for f in ["tutorial-start-the-line.ron", "tutorial-start-the-line.replay.ron"] {
            std::fs::copy(repo_file(&format!("scenarios/{f}")), dir.join("scenarios").join(f)).unwrap();
        }
        std::fs::copy(repo_file("assets/lines/electrode-nmc811.ron"), dir.join("assets/lines/electrode-nmc811.ron"))
            .unwrap();
        Self(dir)
    }

    fn write(&self, rel: &str, text: &str) -> String {
        let path = self.0.join(rel);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    fn path(&self, rel: &str) -> String {
        self.0.join(rel).display().to_string()
    }

    fn tutorial(&self) -> String {
        std::fs::read_to_string(self.0.join("scenarios/tutorial-start-the-line.ron")).unwrap()
    }

    fn tutorial_replay(&self) -> String {
        std::fs::read_to_string(self.0.join("scenarios/tutorial-start-the-line.replay.ron")).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs twin and asserts the exit code, no panic, and that stderr holds every `needles`.
fn expect(args: &[&str], code: i32, needles: &[&str]) -> String {
    let out = twin(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{args:?}: `{n}` missing from: {stderr}");
    }
    stderr
}

#[test]
fn an_error_far_along_a_very_long_line_is_reported_without_a_snippet() {
    let s = Scratch::new("longcol");
    let file =
        s.write("long.ron", &format!("LineLayout(id: \"x\", {}stations: [(id: 5)], buffers: [])", " ".repeat(70_000)));
    expect(&["check", &file], 2, &["long.ron:1:700"]);
}

#[test]
fn a_closed_pipe_or_a_full_disk_ends_the_output_without_a_panic() {
    use std::process::Stdio;
    let layout = repo_file("assets/lines/generic-8.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_twin"))
        .args(["line", layout.to_str().unwrap(), "--hours", "1", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");

    let full = std::fs::File::create("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_twin"))
        .args(["line", layout.to_str().unwrap(), "--hours", "1"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
}

#[test]
fn devices_fifos_and_links_to_them_are_refused_wherever_a_file_is_named() {
    let s = Scratch::new("devices");
    let fifo = s.path("fifo.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", s.0.join("zero-link.ron")).unwrap();
    let link = s.path("zero-link.ron");
    let scenario = s.path("scenarios/tutorial-start-the-line.ron");
    for bad in ["/dev/zero", "/dev/urandom", fifo.as_str(), link.as_str()] {
        expect(&["check", bad], 2, &["not a regular file"]);
        expect(&["line", bad], 2, &["not a regular file"]);
        expect(&["run", &scenario, "--commands", bad], 2, &["not a regular file"]);
        let replay = s.tutorial_replay().replace("\"tutorial-start-the-line.ron\"", &format!("{bad:?}"));
        let replay_file = s.write("scenarios/bad-source.replay.ron", &replay);
        expect(&["replay", &replay_file], 2, &["not a regular file", "field `source.path`"]);
    }
}

#[test]
fn thousands_of_duplicate_stations_give_one_bounded_report() {
    let s = Scratch::new("dups");
    let stations: String = (0..8000).map(|_| "(id: \"a\", kind: Generic(cycle_time_s: 10.0)),\n").collect();
    let file = s.write("dups.ron", &format!("LineLayout(id: \"d\", stations: [{stations}], buffers: [])"));
    expect(&["check", &file], 2, &["8000 stations exceed the limit"]);
}

#[test]
fn layouts_and_replays_that_ask_for_unbounded_work_are_refused() {
    let s = Scratch::new("work");
    let base = std::fs::read_to_string(repo_file("assets/lines/generic-8.ron")).unwrap();
    let tiny_mtbf = s.write("mtbf.ron", &base.replacen("mtbf_h: 60.0", "mtbf_h: 1e-9", 1));
    expect(&["line", &tiny_mtbf], 2, &["stations[0].mtbf_h"]);
    let tiny_cycle = s.write("cycle.ron", &base.replacen("cycle_time_s: 40.0", "cycle_time_s: 0.001", 1));
    expect(&["line", &tiny_cycle], 2, &["stations[0].kind.cycle_time_s"]);
    let replay = format!(
        "Replay(source: Line(path: \"{}\", content_hash: \"x\"), seed: 1, step_ms: 18446744073709551000, ticks: 10, final_hash: \"0\")",
        repo_file("assets/lines/generic-8.ron").display()
    );
    let file = s.write("step.replay.ron", &replay);
    expect(&["replay", &file], 2, &["field `step_ms`"]);
}

#[test]
fn tampered_scenario_replays_no_longer_pass() {
    let s = Scratch::new("tamper");
    let good = s.tutorial_replay();
    expect(&["replay", &s.path("scenarios/tutorial-start-the-line.replay.ron")], 0, &[]);
    let cases: [(&str, String, i32, &str); 5] = [
        ("ticks", good.replace("ticks: 120,", "ticks: 100,"), 1, "runs 120 ticks"),
        ("step", good.replace("step_ms: 60000,", "step_ms: 30000,"), 1, "runs 120 ticks of 60000 ms"),
        ("nan", good.replace("final_score: 100.0", "final_score: NaN"), 2, "field `final_score`"),
        (
            "nohash",
            good.lines().filter(|l| !l.trim_start().starts_with("final_hash:")).collect::<Vec<_>>().join("\n"),
            2,
            "final_hash",
        ),
        ("noscore", good.replace("final_score: 100.0,", ""), 2, "final_score"),
    ];
    for (tag, text, code, needle) in cases {
        assert_ne!(text, good, "test setup: {tag}");
        let file = s.write(&format!("scenarios/{tag}.replay.ron"), &text);
        expect(&["replay", &file], code, &[needle]);
    }
}

#[test]
fn a_commands_file_with_unknown_or_bad_commands_is_refused_with_located_errors() {
    let s = Scratch::new("commands");
    let scenario = s.path("scenarios/tutorial-start-the-line.ron");
    let cases = [
        ("[(tick: 1, command: ShelveAlarm(alarm: 1))]", "field `[0].command.duration_s`"),
        ("[(tick: 1, command: StartStation(station: \"nope\"))]", "field `[0].command.station`"),
        (
            "[(tick: 1, command: SetControl(station: \"coater\", control: \"warp\", value: 1.0))]",
            "field `[0].command.control`",
        ),
        (
            "[(tick: 1, command: SetControl(station: \"coater\", control: \"web_speed_m_per_min\", value: NaN))]",
            "field `[0].command.value`",
        ),
        (
            "[(tick: 5, command: StartStation(station: \"mixer\")), (tick: 2, command: StartStation(station: \"coater\"))]",
            "field `[1].tick`",
        ),
        ("[(tick: 99999, command: StartStation(station: \"mixer\"))]", "after the end of the scenario"),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let file = s.write(&format!("commands-{i}.ron"), text);
        expect(&["run", &scenario, "--commands", &file], 2, &[needle, &format!("commands-{i}.ron:1:")]);
    }
}

#[test]
fn unreadable_text_missing_layouts_and_paths_for_ids_are_located() {
    let s = Scratch::new("located");
    let path = s.0.join("latin1.ron");
    let mut bytes = b"LineLayout(\n  id: \"caf".to_vec();
    bytes.extend([0xE9, b'"', b')']);
    std::fs::write(&path, bytes).unwrap();
    expect(&["check", path.to_str().unwrap()], 2, &["latin1.ron:2:11", "not valid UTF-8"]);

    let tutorial = s.tutorial();
    let missing =
        s.write("scenarios/missing.ron", &tutorial.replace("line: \"electrode-nmc811\"", "line: \"electrode-lfp\""));
    // Located at the `line:` field, wherever the tutorial has it.
    let line_no = 1 + tutorial.lines().position(|l| l.trim_start().starts_with("line:")).expect("a line field");
    let at = format!("missing.ron:{line_no}:11");
    expect(&["check", &missing], 2, &[&at, "field `line`", "cannot load the layout"]);
    for bad in ["../../etc/passwd", "/etc/hostname"] {
        let file = s.write("scenarios/path.ron", &tutorial.replace("\"electrode-nmc811\"", &format!("{bad:?}")));
        expect(&["check", &file], 2, &["field `line`", "is not a line id"]);
    }
    let replay = s.tutorial_replay().replace("\"tutorial-start-the-line.ron\"", "\"gone.ron\"");
    let file = s.write("scenarios/gone.replay.ron", &replay);
    expect(&["replay", &file], 2, &["gone.replay.ron:3:15", "field `source.path`"]);
}

#[test]
fn check_recognises_scenarios_behind_a_block_comment_and_verifies_replays() {
    let s = Scratch::new("kinds");
    let commented = s.write("scenarios/commented.ron", &format!("/* draft /* nested */ */\n{}", s.tutorial()));
    let out = twin(&["check", &commented, &s.path("scenarios/tutorial-start-the-line.replay.ron")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("(scenario `tutorial-start-the-line`"), "{stdout}");
    assert!(stdout.contains("(replay: reproduces state hash"), "{stdout}");
}

#[test]
fn absurd_but_well_formed_scenario_values_are_refused() {
    let s = Scratch::new("absurd");
    let tutorial = s.tutorial();
    let cases = [
        ("weight: 2,", "weight: 1e-320,", "objectives[0].weight"),
        ("quantity: 1000,", "quantity: 1e308,", "objectives[0].kind.quantity"),
        ("repair_h: 0.3", "repair_h: 1e308", "events[0].action.repair_h"),
        ("by_h: 2.0", "by_h: 0.0", "a deadline at 0 h cannot be met"),
        ("id: \"coat\"", "id: \"\"", "an objective needs an id"),
        ("id: \"tutorial-start-the-line\"", "id: \"a b/../c\"", "letters, digits"),
        ("kind: AcknowledgeAlarms(within_min: 10)", "kind: MeetOrders", "no event places an order"),
        (
            "action: Breakdown(station: \"calender\", repair_h: 0.3)",
            "action: Order(quantity: 10, due_h: 1.0)",
            "due at 1 h, not after it is placed at 1.25 h",
        ),
    ];
    for (i, (from, to, needle)) in cases.iter().enumerate() {
        assert!(tutorial.contains(from), "test setup: {from}");
        let file = s.write(&format!("scenarios/absurd-{i}.ron"), &tutorial.replacen(from, to, 1));
        expect(&["check", &file], 2, &[needle]);
    }
    for (i, limit) in [
        "(station: \"coater\", control: \"web_speed_m_per_min\", min: 30.0, max: 10.0, reason: \"r\")",
        "(station: \"coater\", control: \"web_speed_m_per_min\", max: NaN, reason: \"r\")",
    ]
    .iter()
    .enumerate()
    {
        let text =
            tutorial.replacen("    objectives: [", &format!("    safety_limits: [{limit}],\n    objectives: ["), 1);
        let file = s.write(&format!("scenarios/limit-{i}.ron"), &text);
        expect(&["check", &file], 2, &["safety_limits[0]"]);
    }
}

#[test]
fn a_debrief_rule_that_matches_no_cause_gets_a_located_warning_but_the_check_passes() {
    let root = std::env::temp_dir().join(format!("twin-debrief-rule-{}", std::process::id()));
    std::fs::create_dir_all(root.join("scenarios")).unwrap();
    std::fs::create_dir_all(root.join("assets/lines")).unwrap();
    std::fs::copy(repo_file("assets/lines/electrode-nmc811.ron"), root.join("assets/lines/electrode-nmc811.ron"))
        .unwrap();
    let text = std::fs::read_to_string(repo_file("scenarios/slitter-burrs.ron")).unwrap();
    assert!(text.contains("cause_contains: \"burr\""));
    let good = root.join("scenarios/good.ron");
    let typo = root.join("scenarios/typo.ron");
    std::fs::write(&good, &text).unwrap();
    std::fs::write(&typo, text.replace("cause_contains: \"burr\"", "cause_contains: \"bur from the knif\"")).unwrap();
    let out = twin(&["check", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = twin(&["check", typo.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning") && stderr.contains("debrief[0].cause_contains"), "{stderr}");
    assert!(stderr.contains("typo.ron:"), "{stderr}");
    let _ = std::fs::remove_dir_all(&root);
}

/// `twin passport` prints a sealed cell's history from the mixer to the sealer, in English
/// and in Dutch, and its JSON names the lots' moisture exposure; a line without cells is
/// bad input.
#[test]
fn passport_prints_a_cells_history_from_slurry_to_seal() {
    let line = repo_file("assets/lines/solid-state-cell.ron");
    let out = twin(&["passport", line.to_str().unwrap(), "--hours", "9"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for expected in
        ["stations passed", "Slurry mixer", "Slot-die coater", "Stacker", "Pouch sealer", "room dew point", "mΩ"]
    {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    let out = twin(&["--lang", "nl", "passport", line.to_str().unwrap(), "--hours", "9"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("doorlopen stations") && stdout.contains("Slurrymenger"), "{stdout}");
    let out = twin(&["passport", line.to_str().unwrap(), "--hours", "9", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["moisture_exposure_ppmv_h"].as_f64().unwrap() > 0.0);
    assert!(json["passport"].as_array().unwrap().len() >= 12);
    let generic = repo_file("assets/lines/generic-8.ron");
    let out = twin(&["passport", generic.to_str().unwrap(), "--hours", "1"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `twin cell` runs a protocol on a bundled or named parameter set with each model, prints
/// each step and the discharge capacity (in either language), writes the CSV the issue
/// names, and refuses a malformed step with its column, an unknown set and a bad temperature.
#[test]
fn cell_runs_protocols_writes_csv_and_locates_malformed_steps() {
    let dir = std::env::temp_dir().join(format!("twin-cell-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("out.csv");
    let out = expect_out(
        &["cell", "--model", "spme", "--protocol", "Discharge at 1C until 2.5 V", "--csv", csv.to_str().unwrap()],
        &["Chen2020", "discharge capacity 4.9", "on its limit at 2.5000 V"],
    );
    assert!(out.contains("rows to"), "{out}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("time_s,current_a,voltage_v,temperature_c,soc"));
    let last: Vec<f64> = text.lines().last().unwrap().split(',').map(|v| v.parse().unwrap()).collect();
    assert!((last[2] - 2.5).abs() < 1e-3 && last[3] > 25.0 && last[4] < 0.05, "{last:?}");
    for model in ["spm", "ecm"] {
        expect_out(
            &["cell", "--model", model, "--protocol", "Charge at 1C for 10 minutes", "--protocol", "Rest for 10 min"],
            &["after its time"],
        );
    }
    expect_out(&["cell", "--model", "ecm"], &["R0", "pulse RMSE", "discharge capacity"]);
    expect_out(&["--lang", "nl", "cell", "--params", "solid-state-nmc811-li"], &["ontlaadcapaciteit", "Li-metal"]);
    let params = repo_file("assets/cells/chen2020.ron");
    expect_out(&["cell", "--params", params.to_str().unwrap(), "--isothermal"], &["25.0 °C"]);
    expect(
        &["cell", "--protocol", "Rest for 1 s", "--protocol", "Discharge at 1X"],
        2,
        &["protocol step 2, column 15"],
    );
    expect(&["cell", "--params", "no-such-set"], 2, &["unknown parameter set", "chen2020"]);
    expect(&["cell", "--temperature", "300"], 2, &["--temperature"]);
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, std::fs::read_to_string(&params).unwrap().replace("mass_kg: 0.0687", "mass_kg: -1")).unwrap();
    expect(&["cell", "--params", bad.to_str().unwrap()], 2, &["bad.ron:", "thermal.mass_kg"]);
    let chen = std::fs::read_to_string(&params).unwrap();
    for (from, to, field) in [
        ("conductivity_s_per_m: 215.0", "conductivity_s_per_m: NaN", "negative.conductivity_s_per_m"),
        ("initial_concentration_mol_per_m3: 29866.0", "initial_concentration_mol_per_m3: 0.0", "negative.initial_"),
        ("porosity: 0.25", "porosity: 0.5", "negative.porosity"),
        ("upper_cutoff_v: 4.2", "upper_cutoff_v: 2.5", "upper_cutoff_v"),
    ] {
        assert!(chen.contains(from), "test setup: {from}");
        std::fs::write(&bad, chen.replacen(from, to, 1)).unwrap();
        expect(&["cell", "--params", bad.to_str().unwrap()], 2, &[field]);
    }
    // The cell's own limits always hold: a target past them ends on them, a current above
    // 100C or a hold outside them does not run.
    expect_out(
        &["cell", "--protocol", "Discharge at 1C for 10 minutes", "--protocol", "Charge at 1C until 10 V"],
        &["ended on the cell's voltage limit at 4.2000 V"],
    );
    expect_out(&["cell", "--protocol", "Discharge at 5000 A"], &["without running", "0.0000 Ah"]);
    expect_out(&["cell", "--protocol", "Hold at 5 V until C/50"], &["without running"]);
    // A voltage that falls off a cliff ends the step within its limit, not past it.
    let out = expect_out(&["cell", "--params", "solid-state-nmc811-li", "--model", "spm"], &["voltage limit at 3.0"]);
    assert!(!out.contains("at -"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs twin, asserts success and that stdout holds every `needles`; returns stdout.
fn expect_out(args: &[&str], needles: &[&str]) -> String {
    let out = twin(args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    for n in needles {
        assert!(stdout.contains(n), "{args:?}: `{n}` missing from: {stdout}");
    }
    stdout
}

/// `twin xrd` lists a bundled structure's reflections (2theta, d, hkl, multiplicity,
/// intensity), writes the measured pattern, and refuses a bad range, wavelength or CIF with
/// its location.
#[test]
fn xrd_lists_reflections_writes_patterns_and_locates_bad_cifs() {
    let out =
        expect_out(&["xrd", "llzo-cubic", "--peaks", "--wavelength", "CuKa1"], &["256 atoms", "(2 1 1)", "16.729"]);
    assert!(
        out.contains("(4 2 0)") && out.lines().any(|l| l.contains("(4 2 0)") && l.trim_end().ends_with("100.0")),
        "{out}"
    );
    expect_out(&["--lang", "nl", "xrd", "licoo2"], &["reflecties", "(0 0 3)", "(1 0 4)"]);
    let dir = std::env::temp_dir().join(format!("twin-xrd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("p.csv");
    expect_out(&["xrd", "nmc811", "--range", "15:50", "--size", "30", "--csv", csv.to_str().unwrap()], &["rows to"]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().next(), Some("two_theta_deg,counts"));
    assert_eq!(text.lines().count(), 1 + 3501);
    expect(&["xrd", "licoo2", "--range", "80:10"], 2, &["--range"]);
    expect(&["xrd", "licoo2", "--wavelength", "FeKa"], 2, &["CuKa"]);
    expect(&["xrd", "no-such-phase"], 2, &["unknown structure", "llzo-cubic"]);
    let bad = dir.join("bad.cif");
    std::fs::write(&bad, "data_x\n_cell_length_a 3.5(\n_cell_length_b 3.5\n").unwrap();
    expect(&["xrd", bad.to_str().unwrap()], 2, &["bad.cif:2:16", "_cell_length_a"]);
    let licoo2 = std::fs::read_to_string(repo_file("assets/structures/licoo2.cif")).unwrap();
    for needle in ["_cell_angle_alpha 90", "_cell_angle_beta 90", "'x,y,z'"] {
        assert!(licoo2.contains(needle), "test setup: {needle}");
    }
    let cases = [
        (licoo2.replacen("_cell_length_a", "_cell_length_a 2.8\n_cell_length_a", 1), "given twice"),
        (
            licoo2.replacen("_cell_angle_alpha 90", "_cell_angle_alpha 170", 1).replacen(
                "_cell_angle_beta 90",
                "_cell_angle_beta 170",
                1,
            ),
            "make no cell",
        ),
        (format!("{licoo2}\n_journal_name 'unterminated\n"), "must close on its own line"),
        (licoo2.replacen("'x,y,z'", "'x,x,x'", 1), "determinant 0"),
        (licoo2.replacen("'x,y,z'", "'2x,y,z'", 1), "no factor before x"),
    ];
    for (k, (text, needle)) in cases.iter().enumerate() {
        let file = dir.join(format!("case{k}.cif"));
        std::fs::write(&file, text).unwrap();
        expect(&["xrd", file.to_str().unwrap()], 2, &[needle]);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fairness_prints_the_reference_and_every_blind_strategy_and_judges_the_scenario() {
    let file = repo_file("scenarios/lipon-film.ron");
    let out = twin(&["fairness", file.to_str().unwrap(), "--seeds", "3", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &reports[0];
    assert_eq!(report["scenario"], "lipon-film");
    let rows = report["distributions"].as_array().unwrap();
    assert_eq!(rows.len(), 9, "the reference and eight blind strategies");
    let reference = rows[0]["median"].as_f64().unwrap();
    let best_blind = rows[1..].iter().map(|r| r["max"].as_f64().unwrap()).fold(0.0, f64::max);
    assert!(reference > 80.0 && best_blind < 30.0, "reference {reference}, best blind {best_blind}");
    assert_eq!(report["fair"], true);
    assert!(report["own_seed_score"].as_f64().unwrap() >= 80.0, "good operation is the bar");
    // Bad input is refused like everywhere else.
    expect(&["fairness", file.to_str().unwrap(), "--seeds", "0"], 2, &["--seeds must be 1 to"]);
    // The reference replay must be this scenario's and reproduce its score: the bar blind
    // play is judged against is not taken on trust.
    let s = Scratch::new("fairness");
    let replay = s.tutorial_replay();
    let tutorial = s.path("scenarios/tutorial-start-the-line.ron");
    s.write("scenarios/tutorial-start-the-line.replay.ron", &replay.replace("final_score: 100.0", "final_score: 99.0"));
    expect(&["fairness", &tutorial, "--seeds", "1"], 1, &["does not reproduce", "recorded 99"]);
    s.write("scenarios/other.ron", &s.tutorial());
    s.write("scenarios/other.replay.ron", &replay);
    expect(&["fairness", &s.path("scenarios/other.ron"), "--seeds", "1"], 2, &["not of that scenario"]);
}

#[test]
fn runs_are_recorded_by_trainee_and_results_list_filter_and_export_them() {
    let dir = std::env::temp_dir().join(format!("twin-results-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("results.sqlite").display().to_string();
    let scenario = repo_file("scenarios/tutorial-start-the-line.ron").display().to_string();
    expect(&["run", &scenario, "--trainee", "Lotte Vos", "--db", &db], 0, &["recorded for Lotte Vos"]);
    expect(&["run", &scenario, "--seed", "9", "--trainee", "Ruben", "--db", &db], 0, &["recorded for Ruben"]);
    expect(&["run", &scenario, "--trainee", " ", "--db", &db], 2, &["trainee"]);

    let table = expect_out(&["results", "--db", &db], &["Lotte Vos", "Ruben", "tutorial-start-the-line", "2 runs"]);
    assert_eq!(table.lines().count(), 4, "{table}");
    let only = expect_out(&["--lang", "nl", "results", "--db", &db, "--trainee", "Ruben"], &["cursist", "1 run"]);
    assert!(!only.contains("Lotte"), "{only}");

    let json = expect_out(&["results", "--db", &db, "--format", "json", "--scenario", "tutorial-start-the-line"], &[]);
    let runs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(runs.as_array().unwrap().len(), 2);
    assert_eq!(runs[1]["seed"], 9);
    assert!(runs[0]["replay"].as_str().unwrap().contains("final_hash"));

    let csv_path = dir.join("runs.csv");
    let csv_file = csv_path.display().to_string();
    expect(&["results", "--db", &db, "--format", "csv", "--output", &csv_file], 0, &["2 runs written"]);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("id,trainee,scenario,seed,finished_at,"), "{csv}");
    assert_eq!(csv.lines().count(), 3);

    let xapi = expect_out(&["results", "--db", &db, "--format", "xapi", "--trainee", "Lotte Vos"], &[]);
    let statements: serde_json::Value = serde_json::from_str(&xapi).unwrap();
    assert_eq!(statements[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(statements[0]["actor"]["account"]["name"], "Lotte Vos");

    expect_out(&["results", "--db", &db, "--since", "2999-01-01"], &["no runs recorded"]);
    expect(&["results", "--db", &db, "--since", "yesterday"], 2, &["--since", "`yesterday`"]);
    expect(&["results", "--db", &db, "--since", "2027-01-01", "--until", "2026-01-01"], 2, &["is before --since"]);
    // Listing creates nothing: a database named but missing is an error.
    let missing = dir.join("no/such/results.sqlite");
    expect(&["results", "--db", missing.to_str().unwrap()], 2, &["no results database there"]);
    assert!(!dir.join("no").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn line_replays_carry_no_score_and_no_scenario_commands() {
    let dir = std::env::temp_dir().join(format!("twin-line-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let layout = dir.join("generic-8.ron");
    std::fs::copy(repo_file("assets/lines/generic-8.ron"), &layout).unwrap();
    let replay = dir.join("line.replay.ron");
    let (layout_arg, replay_arg) = (layout.to_str().unwrap(), replay.to_str().unwrap());
    expect_out(&["line", layout_arg, "--hours", "1", "--save-replay", replay_arg], &[]);
    expect_out(&["replay", replay_arg], &["state hash"]);
    let good = std::fs::read_to_string(&replay).unwrap();
    for (from, to, needle) in [
        ("final_score: None", "final_score: Some(42.0)", "a line replay has no score"),
        ("commands: []", "commands: [(tick: 10, command: SendMessage(text: \"hi\"))]", "cannot carry them"),
    ] {
        assert!(good.contains(from), "test setup: {from}");
        std::fs::write(&replay, good.replacen(from, to, 1)).unwrap();
        expect(&["replay", replay_arg], 2, &[needle]);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_saved_with_a_byte_order_mark_reads_as_without() {
    let dir = std::env::temp_dir().join(format!("twin-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let layout = dir.join("bom.ron");
    let text = std::fs::read_to_string(repo_file("assets/lines/generic-8.ron")).unwrap();
    std::fs::write(&layout, format!("\u{feff}{text}")).unwrap();
    expect_out(&["check", layout.to_str().unwrap()], &["ok"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn passport_on_a_line_that_makes_no_cells_says_so() {
    let layout = repo_file("assets/lines/generic-8.ron");
    expect(&["passport", layout.to_str().unwrap()], 2, &["makes no cells"]);
}

//! Bad layout and replay files give located errors (file, line:column, field), never a
//! panic. The CLI's handling of them is tested in `twin/tests/cli.rs`.

mod common;

use sim_core::LineLayout;
use sim_core::replay::Replay;

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

/// Applies a text substitution to the good layout and returns the error's one-line message.
fn error_of(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "test setup: {from}");
    let text = GOOD.replacen(from, to, 1);
    LineLayout::from_ron("bad.ron", &text).expect_err("must be rejected").to_string()
}

#[test]
fn the_good_layout_loads() {
    let layout = LineLayout::from_ron("good.ron", GOOD).unwrap();
    assert_eq!(layout.stations.len(), 2);
}

#[test]
fn invalid_ron_names_file_position_and_field() {
    let msg = error_of("capacity: 3),", "capacity: 3 ,, ),");
    assert!(msg.starts_with("bad.ron:8:43:"), "{msg}");
    assert!(msg.contains("buffers[0]"), "{msg}");
}

#[test]
fn an_unknown_field_is_named_with_the_expected_ones() {
    let msg = error_of("mtbf_h: 20.0", "mtbf_hours: 20.0");
    assert!(msg.starts_with("bad.ron:5:"), "{msg}");
    assert!(msg.contains("`stations[1].mtbf_hours`"), "{msg}");
    assert!(msg.contains("unknown field `mtbf_hours`") && msg.contains("`mtbf_h`"), "{msg}");
}

#[test]
fn a_negative_cycle_time_is_located_at_its_value() {
    let msg = error_of("cycle_time_s: 12.0", "cycle_time_s: -12.0");
    assert_eq!(
        msg,
        "bad.ron:5:47: field `stations[1].kind.cycle_time_s`: cycle time must be a positive number of seconds, got -12"
    );
}

#[test]
fn a_buffer_naming_a_missing_station_is_located() {
    let msg = error_of(r#"to: "b""#, r#"to: "coater""#);
    assert_eq!(msg, "bad.ron:8:25: field `buffers[0].to`: no station `coater` in this line; stations are: `a`, `b`");
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let text = GOOD.replacen("cycle_time_s: 10.0", "cycle_time_s: 0.0", 1).replacen("capacity: 3", "capacity: 0", 1);
    let err = LineLayout::from_ron("bad.ron", &text).unwrap_err();
    let all = err.all_messages();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].contains("stations[0].kind.cycle_time_s"));
    assert!(all[1].contains("buffers[0].capacity"));
}

#[test]
fn loops_duplicates_and_splits_are_rejected() {
    assert!(error_of(r#"(id: "b","#, r#"(id: "a","#).contains("duplicate station id `a`"));
    let looped = GOOD.replacen(
        r#"(from: "a", to: "b", capacity: 3),"#,
        r#"(from: "a", to: "b", capacity: 3), (from: "b", to: "a", capacity: 3),"#,
        1,
    );
    let msg = LineLayout::from_ron("bad.ron", &looped).unwrap_err().to_string();
    assert!(msg.contains("loop"), "{msg}");
    let split = GOOD.replacen(
        r#"(from: "a", to: "b", capacity: 3),"#,
        r#"(from: "a", to: "b", capacity: 3), (from: "a", to: "b", capacity: 1),"#,
        1,
    );
    let msg = LineLayout::from_ron("bad.ron", &split).unwrap_err().to_string();
    assert!(msg.contains("buffers[1].from") && msg.contains("already feeds"), "{msg}");
}

#[test]
fn replay_errors_are_located_too() {
    let text = r#"(
    source: Line(path: "x.ron", content_hash: "abc"),
    seed: 1,
    ticks: 10,
    commands: [
        (tick: 5, command: StopStation(station: "a")),
        (tick: 3, command: StartStation(station: "a")),
    ],
)"#;
    let msg = Replay::from_ron("r.ron", text).unwrap_err().to_string();
    assert!(msg.starts_with("r.ron:7:16: field `commands[1].tick`"), "{msg}");
}

#[test]
fn a_buffer_feeding_a_station_the_wrong_product_is_located() {
    let text = std::fs::read_to_string(common::repo_file("assets/lines/electrode-nmc811.ron")).unwrap();
    // Skip the coater: slurry would go straight into the dryer.
    let broken = text
        .replace(r#"(from: "mixer", to: "coater", capacity: 2),"#, r#"(from: "mixer", to: "dryer", capacity: 2),"#)
        .replace(r#"(from: "coater", to: "dryer", capacity: 1),"#, "");
    let err = LineLayout::from_ron("line.ron", &broken).unwrap_err();
    let all = err.all_messages().join("\n");
    assert!(
        all.contains(
            "field `buffers[0].to`: station `dryer` (dryer) takes electrode rolls but `mixer` delivers slurry batches"
        ),
        "{all}"
    );
    assert!(all.contains("a slot-die coater needs an input buffer bringing slurry batches"), "{all}");
}

#[test]
fn a_save_that_would_hang_or_break_the_line_is_refused() {
    let mut sim = sim_core::Simulation::new(&common::generic_8(), 1).unwrap();
    sim.run_hours(1.0);
    let good = sim.to_ron().unwrap();
    assert!(sim_core::Simulation::from_ron("save.ron", &good).is_ok());
    let huge_step = good.replacen("step_ms: 1000,", "step_ms: 18446744073709551000,", 1);
    assert_ne!(huge_step, good, "test setup");
    let msg = sim_core::Simulation::from_ron("save.ron", &huge_step).unwrap_err().to_string();
    assert!(msg.contains("field `step_ms`"), "{msg}");
    // A buffer pointing at a station that is not in the line.
    let dangling = good.replacen("to: 1,", "to: 99,", 1);
    assert_ne!(dangling, good, "test setup");
    let msg = sim_core::Simulation::from_ron("save.ron", &dangling).unwrap_err().to_string();
    assert!(msg.contains("line.buffers[0]") || msg.contains("line.stations"), "{msg}");
    // The same checks guard binary snapshots.
    let mut broken = sim.clone();
    broken.step_ms = u64::MAX;
    assert!(sim_core::Simulation::restore(&broken.snapshot()).is_err());
    // A buffer whose peak is below what it holds (the kernel keeps the peak as units go in).
    let b = sim.line.buffers.iter().position(|b| !b.units.is_empty()).expect("a buffer holds units after an hour");
    let mut low_peak = sim.clone();
    low_peak.line.buffers[b].peak_level = 0;
    let msg = sim_core::Simulation::from_ron("save.ron", &low_peak.to_ron().unwrap()).unwrap_err().to_string();
    assert!(msg.contains(&format!("line.buffers[{b}].peak_level")), "{msg}");
    assert!(sim_core::Simulation::restore(&low_peak.snapshot()).is_err());
}

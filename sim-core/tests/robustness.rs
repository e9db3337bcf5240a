//! Nothing in sim-core panics on any input: random text, random commands.

mod common;

use proptest::prelude::*;
use sim_core::{Command, LineLayout, Simulation};

fn arb_command() -> impl Strategy<Value = Command> {
    let station = prop_oneof![Just("mixer".to_string()), Just("eol_test".to_string()), "[a-z]{0,6}"];
    let value = prop_oneof![any::<f64>(), -10.0..4000.0f64];
    prop_oneof![
        (station.clone(), prop_oneof![Just("cycle_time_s".to_string()), "[a-z_]{0,8}"], value.clone())
            .prop_map(|(station, control, value)| Command::SetControl { station, control, value }),
        station.clone().prop_map(|station| Command::StopStation { station }),
        station.clone().prop_map(|station| Command::StartStation { station }),
        (station, value.clone()).prop_map(|(station, duration_s)| Command::StartMaintenance { station, duration_s }),
        any::<u32>().prop_map(|alarm| Command::AcknowledgeAlarm { alarm: alarm % 8 }),
        (any::<u32>(), value).prop_map(|(alarm, duration_s)| Command::ShelveAlarm { alarm: alarm % 8, duration_s }),
        any::<u32>().prop_map(|alarm| Command::UnshelveAlarm { alarm: alarm % 8 }),
    ]
}

/// Any published control of the electrode line at any value, and any fault anywhere.
fn electrode_command() -> impl Strategy<Value = Command> {
    use sim_core::faults::Fault;
    let station = prop_oneof![
        Just("mixer".to_string()),
        Just("coater".to_string()),
        Just("dryer".to_string()),
        Just("calender".to_string()),
        Just("inspection".to_string()),
        Just("slitter".to_string()),
    ];
    let control = prop_oneof![
        Just("solids_pct"),
        Just("mixing_speed_rpm"),
        Just("mixing_time_min"),
        Just("deaeration_min"),
        Just("temperature_degc"),
        Just("pump_flow_l_per_min"),
        Just("web_speed_m_per_min"),
        Just("coating_gap_um"),
        Just("zone1_temp_degc"),
        Just("zone3_air_m_per_s"),
        Just("line_load_n_per_mm"),
        Just("speed_m_per_min"),
    ];
    let fault = prop_oneof![
        (0.0..0.6f64).prop_map(|a| Fault::PumpPulsation { amplitude_frac: a }),
        Just(Fault::ClogDieLip),
        (0usize..6).prop_map(|zone| Fault::HeaterFailure { zone }),
        (0.0..0.6f64).prop_map(|p| Fault::RollGapDrift { per_h_frac: p }),
        (0.0..3.0f64).prop_map(|w| Fault::BladeDamage { wear_frac: w }),
    ];
    prop_oneof![
        (station.clone(), control, -100.0..3000.0f64).prop_map(|(station, control, value)| Command::SetControl {
            station,
            control: control.into(),
            value
        }),
        (station.clone(), fault).prop_map(|(station, fault)| Command::InjectFault { station, fault }),
        (station, 0.0..7200.0f64).prop_map(|(station, duration_s)| Command::StartMaintenance { station, duration_s }),
    ]
}

/// Ticks `sim` `ticks` times, giving each command of `script` at its tick.
fn run_script(sim: &mut Simulation, mut script: Vec<(u64, Command)>, ticks: u64) {
    script.sort_by_key(|(t, _)| *t);
    let mut i = 0;
    for t in 0..ticks {
        let mut batch = Vec::new();
        while i < script.len() && script[i].0 == t {
            batch.push(script[i].1.clone());
            i += 1;
        }
        sim.tick(&batch);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_commands_never_panic_and_conserve_units(
        script in proptest::collection::vec((0u64..2000, arb_command()), 0..40),
        seed in any::<u64>(),
    ) {
        let mut sim = Simulation::new(&common::generic_8(), seed).unwrap();
        run_script(&mut sim, script, 2000);
        let k = sim.kpis();
        prop_assert_eq!(k.entered, k.completed + k.wip + k.scrapped);
        for s in &k.stations {
            prop_assert!((s.state_shares.sum() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn the_electrode_line_survives_random_settings_and_faults_and_conserves_solids(
        script in proptest::collection::vec((0u64..400, electrode_command()), 0..30),
        seed in any::<u64>(),
    ) {
        let text = std::fs::read_to_string(common::repo_file("assets/lines/electrode-nmc811.ron")).unwrap();
        let layout = LineLayout::from_ron("electrode-nmc811.ron", &text).unwrap();
        let mut sim = Simulation::with_step(&layout, seed, 60_000).unwrap();
        run_script(&mut sim, script, 400);
        let k = sim.kpis();
        let m = &k.mass_balance;
        prop_assert!(m.imbalance_kg().abs() < 1e-9 * m.solids_in_kg.max(1.0), "{:?}", m);
        prop_assert_eq!(k.entered, k.completed + k.wip + k.scrapped);
        for s in &k.stations {
            prop_assert!((0.0..=1.0).contains(&s.first_pass_yield) && s.oee.is_finite());
        }
    }

    #[test]
    fn arbitrary_text_gives_an_error_or_a_layout_never_a_panic(text in ".{0,400}") {
        let _ = LineLayout::from_ron("fuzz.ron", &text);
    }

    #[test]
    fn mangled_layouts_never_panic(cut in 0usize..1200, insert in "[\\(\\)\\[\\],:\"a-z0-9 -]{0,6}") {
        let good = std::fs::read_to_string(common::repo_file("assets/lines/generic-8.ron")).unwrap();
        let mut at = cut.min(good.len());
        while !good.is_char_boundary(at) { at -= 1; }
        let text = format!("{}{}{}", &good[..at], insert, &good[at..]);
        if let Err(e) = LineLayout::from_ron("m.ron", &text) {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }
}

/// Inputs the fuzzers found crashing a parser (`scripts/fuzz.sh`), kept so they never
/// come back: each must give an error, never a panic.
#[test]
fn inputs_found_by_fuzzing_give_errors_not_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-found");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let name = path.display().to_string();
        let _ = sim_core::replay::Replay::from_ron(&name, &text);
        let _ = sim_core::LineLayout::from_ron(&name, &text);
        let _ = sim_core::scenario::Scenario::from_ron(&name, &text);
        let _ = sim_core::Simulation::from_ron(&name, &text);
        seen += 1;
    }
    assert!(seen > 0, "the fuzz-found inputs are missing");
}

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_commands_never_panic_and_conserve_units(
        script in proptest::collection::vec((0u64..2000, arb_command()), 0..40),
        seed in any::<u64>(),
    ) {
        let mut sim = Simulation::new(&common::generic_8(), seed).unwrap();
        let mut script = script;
        script.sort_by_key(|(t, _)| *t);
        let mut i = 0;
        for t in 0..2000u64 {
            let mut batch = Vec::new();
            while i < script.len() && script[i].0 == t {
                batch.push(script[i].1.clone());
                i += 1;
            }
            sim.tick(&batch);
        }
        let k = sim.kpis();
        prop_assert_eq!(k.entered, k.completed + k.wip + k.scrapped);
        for s in &k.stations {
            prop_assert!((s.state_shares.sum() - 1.0).abs() < 1e-9);
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

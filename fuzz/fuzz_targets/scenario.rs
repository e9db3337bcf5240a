//! Scenarios: parse, validate against the bundled layout they name (as `twin check` and the
//! game's catalogue do), start a run and play its first ticks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::LineLayout;
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;

const LAYOUTS: [(&str, &str); 3] = [
    ("electrode-nmc811", include_str!("../../assets/lines/electrode-nmc811.ron")),
    ("electrode-graphite", include_str!("../../assets/lines/electrode-graphite.ron")),
    ("generic-8", include_str!("../../assets/lines/generic-8.ron")),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = Scenario::from_ron("fuzz.ron", text) else { return };
    let Some((_, layout_text)) = LAYOUTS.iter().find(|(id, _)| *id == parsed.line) else { return };
    let Ok(layout) = LineLayout::from_ron("layout.ron", layout_text) else { return };
    let Ok(scenario) = Scenario::load("fuzz.ron", text, &layout) else { return };
    if let Ok(mut run) = ScenarioRun::new(&scenario, &layout, Some(1)) {
        for _ in 0..run.ticks_total.min(5) {
            run.tick(&[]);
        }
        let _ = sim_core::scenario::score::debrief(&run);
    }
});

//! Replay files: parse and validate as `twin replay` does; short line replays are run on
//! the bundled eight-station line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::LineLayout;
use sim_core::replay::Replay;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(replay) = Replay::from_ron("fuzz.replay.ron", text) else { return };
    let _ = replay.to_ron();
    // At most two hours of plant time, so one input stays quick.
    if replay.ticks.saturating_mul(replay.step_ms) <= 2 * 3_600_000
        && let Ok(layout) = LineLayout::from_ron("generic-8.ron", include_str!("../../assets/lines/generic-8.ron"))
        && let Ok(sim) = replay.run(&layout)
    {
        let _ = sim.state_hash();
    }
});

//! Save files (a whole simulation state in RON): read and check as a restore does, then
//! hash, snapshot, restore and advance the state a few ticks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::Simulation;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut sim) = Simulation::from_ron("save.ron", text) else { return };
    let _ = sim.state_hash();
    if let Ok(mut restored) = Simulation::restore(&sim.snapshot()) {
        restored.advance_ticks(1);
    }
    for _ in 0..5 {
        sim.tick(&[]);
    }
});

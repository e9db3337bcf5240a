//! Line layouts: parse and validate as `twin check` and `twin line` do, then run what
//! validates for a quarter of an hour of plant time (the physics must not panic either).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::{LineLayout, Simulation};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(layout) = LineLayout::from_ron("fuzz.ron", text)
        && let Ok(mut sim) = Simulation::new(&layout, 1)
    {
        sim.run_hours(0.25);
        let _ = sim.kpis();
        let _ = sim.state_hash();
    }
});

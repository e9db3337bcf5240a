//! `twin cell`'s inputs: a parameter file (text starting `CellParams(`: parsed and validated;
//! a valid one discharges for ten minutes on the SPMe) or protocol steps, one a line
//! (parsed; valid ones run on an equivalent circuit with a bounded number of samples).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sim_core::electrochem::ecm::{EcmCell, EcmParams};
use sim_core::electrochem::run::{RunOptions, run};
use sim_core::electrochem::spme::SpmeCell;
use sim_core::electrochem::{BUNDLED_SETS, CellParams, protocol};

fn circuit() -> &'static EcmParams {
    static FIT: OnceLock<EcmParams> = OnceLock::new();
    FIT.get_or_init(|| {
        let params = CellParams::from_ron("chen2020.ron", BUNDLED_SETS[0].1).expect("bundled");
        EcmParams::fit(&SpmeCell::new(params), "fuzz").0
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = RunOptions { max_samples: 20_000, ..RunOptions::default() };
    if text.trim_start().starts_with("CellParams(") {
        if let Ok(params) = CellParams::from_ron("params.ron", text) {
            let steps = protocol::parse(&["Discharge at 1C for 10 minutes"]).expect("a valid step");
            let result = run(&mut SpmeCell::new(params), &steps, &options);
            assert!(result.samples.len() <= 20_001);
        }
        return;
    }
    let lines: Vec<&str> = text.lines().take(50).collect();
    if let Ok(steps) = protocol::parse(&lines) {
        let result = run(&mut EcmCell::new(circuit().clone(), 1.0), &steps, &options);
        assert!(result.samples.len() <= 20_001);
    }
});

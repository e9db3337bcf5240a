//! Crystal structures (`twin xrd FILE.cif`): parse; a structure that parses expands and gives
//! its reflections.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::xrd::{cif, pattern};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(structure) = cif::parse("fuzz.cif", text) {
        let reflections = pattern::reflections(&structure, pattern::CU_KA1, (10.0, 80.0));
        assert!(reflections.iter().all(|r| r.intensity.is_finite()));
    }
});

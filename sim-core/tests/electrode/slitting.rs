//! Slitter: burrs from blade wear, speed and knife clearance.

use super::*;

#[test]
fn a_worn_blade_gives_burrs_above_the_limit_and_a_fresh_one_does_not() {
    for (wear, expect_burrs) in [(0.0, false), (0.9, true)] {
        let mut k = kinds();
        let slitter: &mut Slitter = kind!(k, Slitter);
        slitter.blade_wear_frac = wear;
        slitter.blade_life_m = 1e7; // no wear within the roll
        let (unit, reports) = run_through(&mut k, &[], 4);
        let Payload::Sheets(lot) = unit.payload else { panic!() };
        assert!(lot.sheets > 1000);
        if expect_burrs {
            assert!(lot.sheets_over_burr_limit > lot.sheets / 2, "{} of {}", lot.sheets_over_burr_limit, lot.sheets);
            assert!(reports[5].defective.iter().any(|(c, _)| c.starts_with("burr")));
        } else {
            assert_eq!(lot.sheets_over_burr_limit, 0, "max burr {}", lot.max_burr_um);
        }
    }
    // Maintenance (a blade change) resets the wear.
    let mut k = kinds();
    kind!(k, Slitter).blade_wear_frac = 0.9;
    let mut kind = k.pop().unwrap();
    kind.station_mut().maintained();
    let StationKind::Slitter(s) = kind else { panic!() };
    assert_eq!(s.blade_wear_frac, 0.0);
}

/// An open knife clearance raises burrs on a fresh blade: the burr sample goes over the limit
/// while the blade counter stays low, so the blade is not the right diagnosis.
#[test]
fn an_open_knife_clearance_gives_burrs_with_a_fresh_blade() {
    use sim_core::faults::FaultKind;
    use sim_core::stations::StationModel;
    let clearance = Fault::KnifeClearance { extra_burr_um: 6.0 };
    let mut k = kinds();
    let (_, _) = run_through(&mut k, &[(5, clearance)], 3);
    let slitter = kind!(k, Slitter);
    let reading = slitter.last.as_ref().unwrap();
    assert!(reading.sample_max_burr_um > slitter.model.burr_limit_um, "{reading:?}");
    assert!(slitter.blade_wear_frac < 0.2, "blade counter {}", slitter.blade_wear_frac);
    assert!(!StationModel::shows(slitter, FaultKind::BladeDamage));
    let mut k = kinds();
    run_through(&mut k, &[], 3);
    let fresh = kind!(k, Slitter).last.as_ref().unwrap().sample_max_burr_um;
    assert!(fresh < kind!(k, Slitter).model.burr_limit_um, "fresh blade, no fault: {fresh}");
}

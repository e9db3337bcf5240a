//! The single-particle model on the Chen2020 parameter set: lithium conserved, capacity
//! falling with C-rate, the open-circuit voltage at rest, bad parameter files located.

mod common;

use sim_core::electrochem::spm::SpmCell;
use sim_core::electrochem::{CellParams, FARADAY};

fn chen2020() -> CellParams {
    let text = std::fs::read_to_string(common::repo_file("assets/cells/chen2020.ron")).unwrap();
    CellParams::from_ron("chen2020.ron", &text).unwrap()
}

/// The lithium that left the negative particles is in the positive ones, and both equal the
/// charge passed over Faraday's constant.
#[test]
fn lithium_is_conserved_and_matches_the_charge_passed() {
    let mut cell = SpmCell::new(chen2020());
    let (n0, p0) = cell.lithium_mol();
    cell.discharge_until(5.0, 2.5, 5.0, 7200.0);
    let (n1, p1) = cell.lithium_mol();
    let passed_mol = cell.discharged_ah * 3600.0 / FARADAY;
    assert!(((n0 - n1) / passed_mol - 1.0).abs() < 1e-9, "negative lost {} mol for {passed_mol}", n0 - n1);
    assert!(((p1 - p0) / passed_mol - 1.0).abs() < 1e-9);
    assert!((n0 + p0 - n1 - p1).abs() < 1e-9 * (n0 + p0));
}

/// Capacity to 2.5 V falls with C-rate (the particles' diffusion and the overpotentials),
/// and a 1C discharge of the LG M50 delivers close to its 5 Ah.
#[test]
fn discharge_capacity_falls_with_c_rate() {
    let capacity = |c_rate: f64| {
        let mut cell = SpmCell::new(chen2020());
        cell.discharge_until(5.0 * c_rate, 2.5, 5.0 / c_rate, 20.0 * 3600.0);
        cell.discharged_ah
    };
    let caps: Vec<f64> = [0.1, 0.5, 1.0, 2.0, 3.0].into_iter().map(capacity).collect();
    assert!(caps.windows(2).all(|w| w[1] < w[0]), "{caps:?}");
    assert!((caps[2] - 4.955).abs() < 0.01, "1C: {} Ah", caps[2]);
}

/// At no current the voltage is the open-circuit voltage of the surface stoichiometries;
/// the run ends on the cut-off.
#[test]
fn at_rest_the_voltage_is_the_open_circuit_voltage() {
    let p = chen2020();
    let cell = SpmCell::new(p.clone());
    let xn = p.negative.initial_concentration_mol_per_m3 / p.negative.max_concentration_mol_per_m3;
    let xp = p.positive.initial_concentration_mol_per_m3 / p.positive.max_concentration_mol_per_m3;
    let ocv = p.positive.ocp.volts(xp) - p.negative.ocp.volts(xn);
    assert!((cell.voltage(0.0) - ocv).abs() < 1e-12);
    assert!(cell.voltage(5.0) < ocv, "a discharge current lowers the voltage");
    let mut cell = SpmCell::new(p);
    let samples = cell.discharge_until(5.0, 2.5, 5.0, 7200.0);
    assert!((samples.last().unwrap().voltage_v - 2.5).abs() < 1e-3);
}

/// A bad parameter file is refused with its file, line:column and field.
#[test]
fn a_bad_parameter_set_is_located() {
    let text = std::fs::read_to_string(common::repo_file("assets/cells/chen2020.ron")).unwrap();
    let bad = text.replacen("particle_radius_m: 5.86e-6", "particle_radius_m: -5.86e-6", 1);
    let err = CellParams::from_ron("bad.ron", &bad).unwrap_err().to_string();
    assert!(err.contains("bad.ron:") && err.contains("negative.particle_radius_m"), "{err}");
}

/// The SPMe: the electrolyte holds its lithium (the negative releases into it what the
/// positive takes), its concentration falls towards the positive on discharge, and its
/// transport costs voltage: the SPMe sits below the SPM and ends sooner.
#[test]
fn the_spme_conserves_electrolyte_lithium_and_costs_voltage() {
    use sim_core::electrochem::spme::SpmeCell;
    let mut spme = SpmeCell::new(chen2020());
    let before = spme.electrolyte_mol();
    spme.discharge_until(5.0, 2.5, 5.0, 7200.0);
    assert!((spme.electrolyte_mol() / before - 1.0).abs() < 1e-9);
    assert!(spme.ce.first().unwrap() > spme.ce.last().unwrap(), "{:?}", spme.ce);
    let mut spm = SpmCell::new(chen2020());
    spm.discharge_until(5.0, 2.5, 5.0, 7200.0);
    assert!(spme.spm.discharged_ah < spm.discharged_ah);
    let fresh = SpmeCell::new(chen2020());
    assert!(fresh.voltage(5.0) < SpmCell::new(chen2020()).voltage(5.0));
    assert!((fresh.voltage(0.0) - SpmCell::new(chen2020()).voltage(0.0)).abs() < 1e-12);
}

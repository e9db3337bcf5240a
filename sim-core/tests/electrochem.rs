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
    let negative = p.negative.porous().unwrap();
    let xn = negative.initial_concentration_mol_per_m3 / negative.max_concentration_mol_per_m3;
    let xp = p.positive.initial_concentration_mol_per_m3 / p.positive.max_concentration_mol_per_m3;
    let ocv = p.positive.ocp.volts(xp) - negative.ocp.volts(xn);
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
    let ce = spme.concentrations();
    assert!(ce.first().unwrap() > ce.last().unwrap(), "{ce:?}");
    let mut spm = SpmCell::new(chen2020());
    spm.discharge_until(5.0, 2.5, 5.0, 7200.0);
    assert!(spme.spm.discharged_ah < spm.discharged_ah);
    let fresh = SpmeCell::new(chen2020());
    assert!(fresh.voltage(5.0) < SpmCell::new(chen2020()).voltage(5.0));
    assert!((fresh.voltage(0.0) - SpmCell::new(chen2020()).voltage(0.0)).abs() < 1e-12);
}

use sim_core::electrochem::ecm::{EcmCell, EcmParams};
use sim_core::electrochem::from_cell::solid_state_reference;
use sim_core::electrochem::protocol::{self, Action, Limit, Rate};
use sim_core::electrochem::run::{EndReason, RunOptions, run};
use sim_core::electrochem::spme::SpmeCell;

fn steps(texts: &[&str]) -> Vec<protocol::Step> {
    protocol::parse(texts).unwrap()
}

fn isothermal() -> RunOptions {
    RunOptions { isothermal: true, ..RunOptions::default() }
}

/// The experiment grammar: the documented forms parse to what they say; a malformed step is
/// refused with its number and the column where it goes wrong.
#[test]
fn protocol_steps_parse_and_malformed_ones_are_located() {
    let parsed = steps(&[
        "Discharge at 1C until 2.5 V",
        "charge at C/2 until 4200 mV",
        "Hold at 4.2 V until C/50",
        "Rest for 1 hour",
        "Discharge at 2 A for 10 seconds",
        "Charge at 500 mA for 30 minutes or until 4.1 V",
    ]);
    assert_eq!(parsed[0].action, Action::Discharge(Rate::C(1.0)));
    assert_eq!(parsed[0].until, Some(Limit::Voltage(2.5)));
    assert_eq!(parsed[1].action, Action::Charge(Rate::C(0.5)));
    assert_eq!(parsed[1].until, Some(Limit::Voltage(4.2)));
    assert_eq!(parsed[2].action, Action::Hold(4.2));
    assert_eq!(parsed[2].until, Some(Limit::Current(Rate::C(0.02))));
    assert_eq!((parsed[3].action, parsed[3].duration_s), (Action::Rest, Some(3600.0)));
    assert_eq!((parsed[4].action, parsed[4].duration_s), (Action::Discharge(Rate::Amps(2.0)), Some(10.0)));
    assert_eq!(parsed[5].duration_s, Some(1800.0));
    assert_eq!(parsed[5].until, Some(Limit::Voltage(4.1)));
    for (text, column, words) in [
        ("Discharge at 1X until 2.5 V", 15, "`C`, `A` or `mA`"),
        ("Discharge 1C until 2.5 V", 11, "expected `at`"),
        ("Rest until 3 V", 6, "not `until`"),
        ("Hold at 4.2 V", 14, "a hold needs"),
        ("Charge at 0.5C until 4.2", 25, "`V` or `mV`"),
        ("Discharge at 1C for 10 fortnights", 24, "time unit"),
        ("Discharge at -1C until 2.5 V", 14, "unexpected `-`"),
        ("Discharge at 1C until 2.5 V now", 29, "unexpected words"),
        ("Sing at 1C", 1, "starts with"),
    ] {
        let err = protocol::parse(&["Rest for 1 s", text]).unwrap_err();
        assert_eq!((err.step, err.column), (2, column), "{text}: {err}");
        assert!(err.message.contains(words), "{text}: {}", err.message);
    }
}

/// Constant current then constant voltage: the charge stops on 4.2 V, the hold keeps 4.2 V
/// while its current tapers to C/50; a rest after a discharge lets the voltage recover; a
/// timed pulse passes exactly its charge.
#[test]
fn a_cccv_charge_tapers_and_a_rest_recovers() {
    let mut cell = SpmeCell::new(chen2020());
    let result = run(
        &mut cell,
        &steps(&[
            "Discharge at 1C until 3.2 V",
            "Rest for 30 minutes",
            "Charge at 0.5C until 4.2 V",
            "Hold at 4.2 V until C/50",
            "Discharge at 2 A for 10 seconds",
        ]),
        &isothermal(),
    );
    let ends: Vec<EndReason> = result.steps.iter().map(|s| s.ended_by).collect();
    assert_eq!(ends, [EndReason::Limit, EndReason::Duration, EndReason::Limit, EndReason::Limit, EndReason::Duration]);
    let at = |step: usize| result.samples[result.steps[step].last_sample];
    assert!(at(1).voltage_v > at(0).voltage_v + 0.05, "rest recovers: {} -> {}", at(0).voltage_v, at(1).voltage_v);
    let hold_start = result.steps[2].last_sample + 1;
    for s in &result.samples[hold_start..=result.steps[3].last_sample] {
        assert!((s.voltage_v - 4.2).abs() < 1e-3, "hold at {} V", s.voltage_v);
        assert!(s.current_a < 0.0, "the hold charges");
    }
    assert!(at(3).current_a.abs() <= 5.0 / 50.0 + 1e-9);
    assert!(result.samples[hold_start].current_a.abs() > 0.5, "the hold starts near the CC current");
    assert!((result.steps[4].charge_ah - 2.0 * 10.0 / 3600.0).abs() < 1e-12);
    assert!((result.steps[4].duration_s - 10.0).abs() < 1e-9);
}

/// The lumped thermal model: a faster discharge heats the cell more; a rest cools it back
/// towards the ambient; an isothermal run stays at the ambient.
#[test]
fn the_cell_heats_with_current_and_cools_at_rest() {
    let peak = |rate: &str| {
        let mut cell = SpmeCell::new(chen2020());
        let result = run(
            &mut cell,
            &steps(&[&format!("Discharge at {rate} until 2.5 V"), "Rest for 2 hours"]),
            &RunOptions::default(),
        );
        let peak = result.samples.iter().map(|s| s.temperature_c).fold(f64::MIN, f64::max);
        (peak, result.samples.last().unwrap().temperature_c)
    };
    let (one, one_end) = peak("1C");
    let (two, _) = peak("2C");
    assert!(one > 27.0 && two > one + 3.0, "1C peaks at {one} degC, 2C at {two} degC");
    assert!(one_end < one - 3.0, "cooled to {one_end} degC after peaking at {one}");
    let mut cell = SpmeCell::new(chen2020());
    let result = run(&mut cell, &steps(&["Discharge at 2C until 2.5 V"]), &isothermal());
    assert!(result.samples.iter().all(|s| (s.temperature_c - 25.0).abs() < 1e-9));
}

/// The equivalent circuit fitted from the SPMe reproduces its pulse within millivolts and its
/// 1C discharge within a few per cent of capacity and tens of millivolts; its DC resistance
/// lies in the 21700 range of the reference (15-25 mohm, plus the kinetics).
#[test]
fn the_equivalent_circuit_follows_the_spme() {
    let spme = SpmeCell::new(chen2020());
    let (fit, report) = EcmParams::fit(&spme, "chen2020");
    assert!(report.pulse_rmse_v < 0.005, "pulse RMSE {} V", report.pulse_rmse_v);
    assert!(fit.tau1_s < fit.tau2_s && fit.r0_ohm > 0.0);
    let dcir_mohm = 1000.0 * fit.dcir_ohm(10.0, 298.15);
    assert!((15.0..40.0).contains(&dcir_mohm), "DCIR {dcir_mohm} mohm");
    let discharge = steps(&["Discharge at 1C until 2.5 V"]);
    let physics = run(&mut spme.clone(), &discharge, &isothermal());
    let circuit = run(&mut EcmCell::new(fit, 1.0), &discharge, &isothermal());
    let (qp, qc) = (physics.discharge_capacity_ah(), circuit.discharge_capacity_ah());
    assert!((qc / qp - 1.0).abs() < 0.03, "ECM {qc} Ah, SPMe {qp} Ah");
    let n = physics.samples.len().min(circuit.samples.len()) - 5;
    let rmse = (physics.samples[1..n].iter().zip(&circuit.samples[1..n]))
        .map(|(a, b)| (a.voltage_v - b.voltage_v).powi(2))
        .sum::<f64>()
        / (n - 1) as f64;
    assert!(rmse.sqrt() < 0.03, "voltage RMSE {} V", rmse.sqrt());
}

/// DC resistance of a 10 s 1C pulse at half charge, from the SPMe, ohm.
fn dcir_ohm(params: CellParams) -> f64 {
    let capacity = params.nominal_capacity_ah;
    let mut cell = SpmeCell::new(params);
    let result = run(
        &mut cell,
        &steps(&["Discharge at 0.5C for 1 hour", "Rest for 1 hour", "Discharge at 1C for 10 seconds"]),
        &isothermal(),
    );
    let before = result.samples[result.steps[1].last_sample].voltage_v;
    let after = result.samples[result.steps[2].last_sample].voltage_v;
    (before - after) / capacity
}

/// The line's solid-state cell: its lithium foil and cathode hold the lithium the current
/// moved; it delivers its nominal capacity at C/10; its DCIR rises with a thicker separator
/// and with a lower electrolyte fill fraction (made cells' parameters from their passport).
#[test]
fn a_solid_state_cell_with_a_thicker_separator_or_less_fill_has_a_higher_dcir() {
    let reference = solid_state_reference();
    let mut cell = SpmCell::new(reference.clone());
    let (n0, p0) = cell.lithium_mol();
    let slow =
        cell.discharge_until(reference.nominal_capacity_ah / 10.0, reference.lower_cutoff_v, 60.0, 20.0 * 3600.0);
    let (n1, p1) = cell.lithium_mol();
    assert!((n0 + p0 - n1 - p1).abs() < 1e-9 * (n0 + p0));
    assert!(
        slow.len() > 10 && (cell.discharged_ah / reference.nominal_capacity_ah - 1.0).abs() < 0.05,
        "{} Ah",
        cell.discharged_ah
    );

    let base = dcir_ohm(reference.clone());
    let mut thick = reference.clone();
    thick.separator_thickness_m *= 3.0;
    assert!(dcir_ohm(thick) > base * 1.02, "thicker separator");

    let made = |fill: f64| {
        let mut c = sim_core::cell::Cell {
            layers: 20,
            sheet_area_cm2: 558.0,
            capacity_ah: 53.6,
            coating_thickness_um: 76.0,
            porosity_frac: 0.27,
            ..Default::default()
        };
        c.electrolyte.fill_frac = fill;
        c.electrolyte.sigma_bulk_ms_per_cm = 3.0;
        c.anode.li_thickness_um = 30.0;
        c.anode.passivation_nm = 10.0;
        reference.for_cell(&c)
    };
    let (full, partial) = (dcir_ohm(made(1.0)), dcir_ohm(made(0.7)));
    assert!(partial > full * 1.1, "DCIR {full} ohm filled, {partial} ohm at 70 % fill");
    let full_mohm = 1000.0 * full;
    assert!((1.0..6.0).contains(&full_mohm), "a 54 Ah pouch cell's DCIR: {full_mohm} mohm");
}

mod random_protocols {
    use proptest::prelude::*;
    use sim_core::electrochem::protocol;
    use sim_core::electrochem::run::{RunOptions, run};
    use sim_core::electrochem::spm::SpmCell;

    /// A step as a trainee might type it, in range or well out of it.
    fn arb_step() -> impl Strategy<Value = String> {
        let rate = prop_oneof![
            (0.01f64..5.0).prop_map(|c| format!("{c:.2}C")),
            (1u32..200).prop_map(|d| format!("C/{d}")),
            (0.01f64..50.0).prop_map(|a| format!("{a:.2} A")),
        ];
        let volts = (2.0f64..4.5).prop_map(|v| format!("{v:.2} V"));
        let time = prop_oneof![
            (1u32..600).prop_map(|s| format!("{s} seconds")),
            (1u32..300).prop_map(|m| format!("{m} minutes")),
            (1u32..30).prop_map(|h| format!("{h} hours")),
        ];
        prop_oneof![
            (rate.clone(), volts.clone()).prop_map(|(r, v)| format!("Discharge at {r} until {v}")),
            (rate.clone(), time.clone()).prop_map(|(r, t)| format!("Charge at {r} for {t}")),
            (rate.clone(), time.clone(), volts.clone())
                .prop_map(|(r, t, v)| format!("Charge at {r} for {t} or until {v}")),
            (volts.clone(), rate).prop_map(|(v, r)| format!("Hold at {v} until {r}")),
            (volts, time.clone()).prop_map(|(v, t)| format!("Hold at {v} for {t}")),
            time.prop_map(|t| format!("Rest for {t}")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any sequence of well-formed steps runs to its end on the SPM without a panic, with
        /// finite voltages and temperatures, at most the samples allowed, and the cell's
        /// lithium where the charge passed put it.
        #[test]
        fn any_well_formed_protocol_runs_bounded_and_conserves_lithium(texts in proptest::collection::vec(arb_step(), 1..6)) {
            let steps = protocol::parse(&texts).unwrap();
            let mut cell = SpmCell::new(super::chen2020());
            let (n0, p0) = cell.lithium_mol();
            let options = RunOptions { max_samples: 5_000, ..RunOptions::default() };
            let result = run(&mut cell, &steps, &options);
            prop_assert!(result.samples.len() <= 5_001);
            prop_assert!(result.steps.len() <= steps.len());
            for s in &result.samples {
                prop_assert!(s.voltage_v.is_finite() && s.temperature_c.is_finite(), "{s:?}");
            }
            let (n1, p1) = cell.lithium_mol();
            prop_assert!((n0 + p0 - n1 - p1).abs() < 1e-9 * (n0 + p0));
        }
    }
}

/// The SPMe too: capacity to 2.5 V falls with C-rate (electrolyte transport adds to the
/// particles' limits), and its 1C capacity is the one the reference package's SPMe gives.
#[test]
fn spme_capacity_falls_with_c_rate() {
    let capacity = |c_rate: f64| {
        let steps = protocol::parse(&[format!("Discharge at {c_rate}C until 2.5 V")]).unwrap();
        run(&mut SpmeCell::new(chen2020()), &steps, &isothermal()).discharge_capacity_ah()
    };
    let caps: Vec<f64> = [0.1, 0.5, 1.0, 2.0, 3.0].into_iter().map(capacity).collect();
    assert!(caps.windows(2).all(|w| w[1] < w[0]), "{caps:?}");
    assert!((caps[2] - 4.9386).abs() < 0.005, "1C: {} Ah (the reference package: 4.9388 Ah)", caps[2]);
}

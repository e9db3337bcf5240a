//! The glovebox's atmosphere: clean with permeation alone, a leak raises water until the
//! purifier is spent, and only regeneration brings it back.

use sim_core::lab::glovebox::{Atmosphere, GloveboxSpec, Ingress};

fn run(spec: &GloveboxSpec, box_: &mut Atmosphere, ingress: Ingress, hours: f64) {
    for _ in 0..(hours * 10.0).round() as usize {
        spec.advance(box_, ingress, 0.1);
    }
}

/// The must-show: a leak raises H2O; once the purifier is spent it keeps rising even after
/// the leak is fixed; regeneration (hours without purification) restores the box.
#[test]
fn a_leak_raises_water_until_regeneration_restores_it() {
    let spec = GloveboxSpec::default();
    let mut fresh = Atmosphere::default();
    run(&spec, &mut fresh, Ingress::default(), 5.0);
    assert!((fresh.h2o_ppm / spec.clean_h2o_ppm() - 1.0).abs() < 0.02, "{} vs {}", fresh.h2o_ppm, spec.clean_h2o_ppm());
    // A purifier well into its life: the box still well under 1 ppm.
    let mut box_ = Atmosphere { h2o_loaded_l: 50.0, ..Default::default() };
    run(&spec, &mut box_, Ingress::default(), 5.0);
    let clean = box_.h2o_ppm;
    assert!(clean < 1.0, "clean box at {clean} ppm");
    // A torn glove.
    let leak = Ingress { leak_air_l_per_h: 60.0, ..Ingress::default() };
    run(&spec, &mut box_, leak, 2.0);
    let leaking = box_.h2o_ppm;
    assert!(leaking > 10.0 * clean && box_.o2_ppm > 50.0, "a leak: {leaking} ppm H2O, {} ppm O2", box_.o2_ppm);
    let mut hours = 2.0;
    while box_.h2o_loaded_l < spec.h2o_capacity_l && hours < 100.0 {
        run(&spec, &mut box_, leak, 1.0);
        hours += 1.0;
    }
    assert!(hours < 48.0, "the sieve fills in {hours} h");
    run(&spec, &mut box_, leak, 1.0);
    let spent = box_.h2o_ppm;
    assert!(spent > 5.0 * leaking, "breakthrough: {spent} ppm");
    // The glove changed: no more leak, but a spent bed removes nothing.
    run(&spec, &mut box_, Ingress::default(), 3.0);
    assert!(box_.h2o_ppm >= spent, "still {} ppm with the leak fixed", box_.h2o_ppm);
    spec.regenerate(&mut box_);
    run(&spec, &mut box_, Ingress::default(), spec.regeneration_h);
    assert!(box_.regenerating_h.is_none() && box_.h2o_loaded_l < 1.0, "{box_:?}");
    run(&spec, &mut box_, Ingress::default(), 2.0);
    assert!(box_.h2o_ppm < 1.0, "restored: {} ppm", box_.h2o_ppm);
}

/// Antechamber cycles add water in proportion to their number; exposure integrates what the
/// box held; the steady state does not depend on the step.
#[test]
fn antechamber_cycles_and_steps() {
    let spec = GloveboxSpec::default();
    let settle = |cycles: f64, dt: f64| {
        let mut box_ = Atmosphere::default();
        for _ in 0..(10.0 / dt).round() as usize {
            spec.advance(&mut box_, Ingress { antechamber_cycles_per_h: cycles, ..Ingress::default() }, dt);
        }
        box_
    };
    let (none, some, many) = (settle(0.0, 0.1), settle(2.0, 0.1), settle(6.0, 0.1));
    assert!(none.h2o_ppm < some.h2o_ppm && some.h2o_ppm < many.h2o_ppm);
    let coarse = settle(2.0, 1.0);
    assert!((coarse.h2o_ppm / some.h2o_ppm - 1.0).abs() < 1e-3, "{} vs {}", coarse.h2o_ppm, some.h2o_ppm);
    assert!((some.h2o_exposure_ppm_h - some.h2o_ppm * 10.0).abs() < 0.2 * some.h2o_ppm * 10.0);
    // Nonsense steps change nothing.
    let mut box_ = some.clone();
    spec.advance(&mut box_, Ingress::default(), f64::NAN);
    spec.advance(&mut box_, Ingress::default(), -1.0);
    assert_eq!(box_, some);
}

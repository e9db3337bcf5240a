//! Mixer and slot-die coater: rheology, the coating window, loading, and the defects they cause.

use super::*;

#[test]
fn the_reference_settings_make_a_roll_without_defects() {
    let mut k = kinds();
    assert_eq!(roll_defects(&mut k, &[]), Vec::<DefectKind>::new());
}

#[test]
fn each_defect_appears_for_its_cause() {
    type Setup = fn(&mut Vec<StationKind>) -> Vec<(usize, Fault)>;
    let cases: Vec<(DefectKind, &str, Setup)> = vec![
        (DefectKind::Streak, "short mixing leaves agglomerates", |k| {
            kind!(k, Mixer).mixing_time_min = 10.0;
            vec![]
        }),
        (DefectKind::Streak, "clogged die lip", |_| vec![(1, Fault::ClogDieLip)]),
        (DefectKind::Pinhole, "no de-aeration", |k| {
            kind!(k, Mixer).deaeration_min = 0.0;
            vec![]
        }),
        (DefectKind::Skip, "flow below the low-flow limit", |k| {
            let c = kind!(k, Coater);
            c.pump_flow_l_per_min = 0.6;
            c.coating_gap_um = 300.0;
            vec![]
        }),
        (DefectKind::EdgeBead, "wet film close to the gap", |k| {
            kind!(k, Coater).coating_gap_um = 170.0;
            vec![]
        }),
        (DefectKind::BeadLeak, "flow above the window", |k| {
            kind!(k, Coater).coating_gap_um = 150.0;
            vec![]
        }),
        (DefectKind::ChatterBand, "pump pulsation", |_| vec![(1, Fault::PumpPulsation { amplitude_frac: 0.06 })]),
        (DefectKind::LoadingOffTarget, "pump flow 10 % high", |k| {
            kind!(k, Coater).pump_flow_l_per_min *= 1.10;
            vec![]
        }),
        (DefectKind::ResidualSolvent, "web too fast for the dryer", |k| {
            let c = kind!(k, Coater);
            c.web_speed_m_per_min *= 1.3;
            c.pump_flow_l_per_min *= 1.3;
            vec![]
        }),
        (DefectKind::ResidualSolvent, "zone 3 heater failure", |_| vec![(2, Fault::HeaterFailure { zone: 3 })]),
        (DefectKind::BinderMigration, "zones too hot", |k| {
            for z in &mut kind!(k, Dryer).zones {
                z.air_temp_degc = 175.0;
                z.air_velocity_m_per_s = 20.0;
            }
            vec![]
        }),
        (DefectKind::Cracking, "thick coating dried fast", |k| {
            let c = kind!(k, Coater);
            c.pump_flow_l_per_min *= 1.7;
            c.coating_gap_um = 450.0;
            vec![]
        }),
        (DefectKind::PorosityOffTarget, "line load too low", |k| {
            kind!(k, Calender).line_load_n_per_mm = 400.0;
            vec![]
        }),
        (DefectKind::PorosityOffTarget, "roll gap drift", |_| vec![(3, Fault::RollGapDrift { per_h_frac: 0.5 })]),
        (DefectKind::ParticleCracking, "line load too high", |k| {
            kind!(k, Calender).line_load_n_per_mm = 1400.0;
            vec![]
        }),
        (DefectKind::Wrinkle, "edge bead under a high line load", |k| {
            kind!(k, Coater).coating_gap_um = 170.0;
            kind!(k, Calender).line_load_n_per_mm = 1250.0;
            vec![]
        }),
    ];
    for (expected, cause, setup) in cases {
        let mut k = kinds();
        let faults = setup(&mut k);
        let found = roll_defects(&mut k, &faults);
        assert!(found.contains(&expected), "{cause}: expected {expected:?}, found {found:?}");
    }
}

#[test]
fn doubling_pump_flow_doubles_wet_thickness_and_loading() {
    let mut k = kinds();
    let (unit, _) = run_through(&mut k[..2], &[], 1);
    let Payload::Roll(base) = unit.payload else { panic!() };
    let mut k = kinds();
    let coater = kind!(k, Coater);
    let base_wet = coater.wet_thickness_um();
    coater.pump_flow_l_per_min *= 2.0;
    coater.coating_gap_um *= 2.0; // keep the bead inside the window
    assert!((coater.wet_thickness_um() / base_wet - 2.0).abs() < 1e-12);
    let (unit, _) = run_through(&mut k[..2], &[], 1);
    let Payload::Roll(doubled) = unit.payload else { panic!() };
    let mean = |r: &ElectrodeRoll, f: fn(&sim_core::product::Segment) -> f64| {
        r.segments.iter().map(|s| f(s) * s.length_m).sum::<f64>() / r.length_m()
    };
    let wet_ratio = mean(&doubled, |s| s.wet_thickness_um) / mean(&base, |s| s.wet_thickness_um);
    let loading_ratio = mean(&doubled, |s| s.loading_mg_per_cm2) / mean(&base, |s| s.loading_mg_per_cm2);
    assert!((wet_ratio - 2.0).abs() < 0.01, "wet thickness ratio {wet_ratio}");
    assert!((loading_ratio - 2.0).abs() < 0.01, "loading ratio {loading_ratio}");
    // Loading from the relation m_A = h_wet rho x_solids, in mg/cm2.
    let b = batch();
    let expected = base_wet * b.recipe.slurry_density_g_per_cm3() * (1.0 - b.air_frac) * b.recipe.solids_frac * 0.1;
    assert!((mean(&base, |s| s.loading_mg_per_cm2) / expected - 1.0).abs() < 0.005);
}

#[test]
fn skips_appear_below_the_low_flow_limit_and_not_inside_the_window() {
    let b = batch();
    for (flow, gap, inside) in [(1.93, 200.0, true), (1.2, 200.0, true), (0.6, 300.0, false), (0.9, 350.0, false)] {
        let mut k = kinds();
        let c: &mut Coater = kind!(k, Coater);
        c.pump_flow_l_per_min = flow;
        c.coating_gap_um = gap;
        let w = c.window(&b);
        assert_eq!(w.wet_thickness_um >= w.low_flow_limit_um, inside, "flow {flow} gap {gap}: {w:?}");
        let (unit, _) = run_through(&mut k[..2], &[], 5);
        let Payload::Roll(roll) = unit.payload else { panic!() };
        let skips = roll.segments.iter().filter(|s| s.has(DefectKind::Skip)).count();
        if inside {
            assert_eq!(skips, 0, "flow {flow} gap {gap}");
        } else {
            assert!(skips as f64 > 0.05 * roll.segments.len() as f64, "flow {flow} gap {gap}: {skips} skips");
        }
    }
    // The low-flow limit grows with the gap. These slurries coat at high capillary number
    // (Ca > 1), where the limit sits at G/3 whatever the speed (Carvalho & Kheshgi).
    let mut k = kinds();
    let c: &mut Coater = kind!(k, Coater);
    let w = c.window(&b);
    assert!(w.capillary_number > 1.0);
    assert!((w.low_flow_limit_um / c.coating_gap_um - 1.0 / 3.0).abs() < 1e-9, "{w:?}");
    c.coating_gap_um *= 1.5;
    assert!(c.window(&b).low_flow_limit_um > w.low_flow_limit_um);
    c.coating_gap_um /= 1.5;
    // Bead vacuum lowers it: 3 kPa halves it (the model's reference vacuum).
    c.bead_vacuum_kpa = c.model.vacuum_ref_kpa;
    assert!((c.window(&b).low_flow_limit_um / w.low_flow_limit_um - 0.5).abs() < 1e-9);
    c.bead_vacuum_kpa = 0.0;
    // A thin liquid at low speed (Ca ~0.01) follows the viscocapillary form 0.65 G Ca^(2/3)
    // (Ruschak), far below G/3, and it grows with speed there.
    let mut thin = b.clone();
    thin.viscosity_at_10_per_s_pa_s = 0.01;
    thin.flow_index = 1.0;
    c.web_speed_m_per_min = 2.0;
    c.pump_flow_l_per_min = 0.19;
    let slow = c.window(&thin);
    assert!(slow.capillary_number < 0.1, "{slow:?}");
    let expected = 0.65 * c.coating_gap_um * slow.capillary_number.powf(2.0 / 3.0);
    assert!((slow.low_flow_limit_um / expected - 1.0).abs() < 1e-9, "{slow:?}");
    c.web_speed_m_per_min = 4.0;
    c.pump_flow_l_per_min = 0.38;
    assert!(c.window(&thin).low_flow_limit_um > slow.low_flow_limit_um);
}

/// Too much flow for the gap leaks slurry past the lips: the web gets less than the pump
/// delivers (not more), the loss is scrap removed at the coater, and the roll's solids plus
/// the loss are the batch's.
#[test]
fn a_leaking_bead_loses_slurry_instead_of_coating_thicker() {
    let b = batch();
    let mut k = kinds();
    let (unit, _) = run_through(&mut k[..2], &[], 3);
    let Payload::Roll(normal) = unit.payload else { panic!() };
    let mut k = kinds();
    let c: &mut Coater = kind!(k, Coater);
    c.pump_flow_l_per_min *= 1.6; // 257 um pumped into a 200 um gap
    let w = c.window(&b);
    assert!(w.leaking() && w.coated_wet_um < w.wet_thickness_um && w.loss_frac > 0.05, "{w:?}");
    let (unit, reports) = run_through(&mut k[..2], &[], 3);
    let Payload::Roll(leaky) = unit.payload else { panic!() };
    let lost_kg: f64 = reports[1].removed.iter().map(|r| r.solids_kg).sum();
    assert!(reports[1].removed.iter().all(|r| r.cause == "beadleak/flow-above-the-coating-window"));
    assert!((leaky.solids_kg() + lost_kg) / b.solids_kg() - 1.0 < 1e-9 && lost_kg > 0.05 * b.solids_kg());
    let mid = |r: &ElectrodeRoll| r.segments[r.segments.len() / 2].wet_thickness_um;
    assert!(mid(&leaky) < 1.6 * mid(&normal) * (1.0 - 0.5 * w.loss_frac));
}

/// Bead vacuum beyond what the upstream meniscus holds makes the die weep: slurry is drawn
/// into the vacuum box and the die camera says so.
#[test]
fn too_much_bead_vacuum_makes_the_die_weep() {
    let b = batch();
    let mut k = kinds();
    let c: &mut Coater = kind!(k, Coater);
    c.web_speed_m_per_min = 5.0;
    c.pump_flow_l_per_min = 0.48;
    let limit = c.window(&b).weep_limit_kpa;
    assert!(limit < 3.0, "{limit} kPa");
    c.bead_vacuum_kpa = (limit * 1.5).min(3.0);
    let w = c.window(&b);
    assert!(w.loss_frac > 0.0);
    let (unit, reports) = run_through(&mut k[..2], &[], 3);
    let Payload::Roll(roll) = unit.payload else { panic!() };
    assert!(roll.segments.iter().all(|s| s.defects.iter().any(|d| d.cause == "bead-vacuum-too-high")));
    assert!(reports[1].removed.iter().any(|r| r.cause == "beadleak/bead-vacuum-too-high"));
    assert_eq!(kind!(k, Coater).last.as_ref().unwrap().bead, sim_core::stations::electrode::coater::BeadState::Weeping);
}

#[test]
fn the_mixer_follows_its_rheology() {
    let mut k = kinds();
    let m: &mut Mixer = kind!(k, Mixer);
    let base = m.make_batch(0);
    // Shear thinning: viscosity falls with shear rate.
    assert!(base.viscosity_pa_s(100.0) < base.viscosity_pa_s(10.0));
    // Warmer slurry is thinner.
    let mut warm = base.clone();
    warm.temperature_degc += 5.0;
    assert!(warm.viscosity_pa_s(10.0) < base.viscosity_pa_s(10.0));
    // Krieger-Dougherty: more solids, more viscous.
    m.recipe.solids_frac = 0.74;
    assert!(m.make_batch(0).viscosity_at_10_per_s_pa_s > base.viscosity_at_10_per_s_pa_s);
    m.recipe.solids_frac = 0.70;
    // More mixing energy, fewer agglomerates; de-aeration removes air.
    m.mixing_time_min = 90.0;
    assert!(m.agglomerate_level() < base.agglomerate_level);
    m.deaeration_min = 0.0;
    assert!(m.make_batch(0).air_frac > base.air_frac);
    // The anode-side reference: a cathode slurry in the 5-50 Pa s planetary-mixer range.
    assert!((5.0..50.0).contains(&base.viscosity_at_10_per_s_pa_s), "{}", base.viscosity_at_10_per_s_pa_s);
}

#[test]
fn a_stiffer_binder_lot_raises_slurry_viscosity_and_needs_longer_de_aeration() {
    let mut sim = Simulation::new(&layout(), 8).unwrap();
    let before = match &sim.line.stations[0].kind {
        StationKind::Mixer(m) => m.make_batch(0),
        _ => unreachable!(),
    };
    let report = sim.tick(&[sim_core::Command::ChangeLot {
        station: "mixer".into(),
        binder_viscosity_factor: 1.6,
        dispersion_factor: 1.0,
    }]);
    assert!(report.rejected.is_empty());
    let after = match &sim.line.stations[0].kind {
        StationKind::Mixer(m) => m.make_batch(0),
        _ => unreachable!(),
    };
    assert!((after.viscosity_at_10_per_s_pa_s / before.viscosity_at_10_per_s_pa_s - 1.6).abs() < 1e-9);
    assert!(after.air_frac > before.air_frac);
    let rejected = sim.tick(&[sim_core::Command::ChangeLot {
        station: "coater".into(),
        binder_viscosity_factor: 1.6,
        dispersion_factor: 1.0,
    }]);
    assert_eq!(rejected.rejected.len(), 1);
}

#[test]
fn an_extreme_thin_film_makes_a_bounded_roll_and_conserves_its_solids() {
    let mut k = kinds();
    let c = kind!(k, Coater);
    c.pump_flow_l_per_min = 0.1;
    c.web_speed_m_per_min = 100.0;
    let (unit, _) = run_through(&mut k[..2], &[], 6);
    let Payload::Roll(roll) = unit.payload else { panic!() };
    assert!(roll.length_m() > 50_000.0);
    assert!(roll.segments.len() <= sim_core::stations::electrode::coater::MAX_SEGMENTS);
    let batch = batch();
    assert!((roll.solids_kg() / batch.solids_kg() - 1.0).abs() < 1e-9);
    assert!(roll.segments.iter().all(|s| s.has(DefectKind::Skip) || s.has(DefectKind::LoadingOffTarget)));
}

/// Every roll starts with a few metres coated while the bead forms: thinner, flagged as
/// loading off target for their start-up cause, and only those metres.
#[test]
fn the_first_metres_of_every_roll_are_start_up_scrap() {
    let mut k = kinds();
    let startup_m = kind!(k, Coater).model.startup_length_m;
    let (unit, _) = run_through(&mut k[..2], &[], 4);
    let Payload::Roll(roll) = unit.payload else { panic!() };
    let mut position = 0.0;
    let mut startup_metres = 0.0;
    for seg in &roll.segments {
        let startup = seg.defects.iter().any(|d| d.cause == "coating-start-up");
        assert_eq!(startup, position < startup_m, "at {position} m");
        if startup {
            startup_metres += seg.length_m;
            assert_eq!(
                seg.defects.iter().find(|d| d.cause == "coating-start-up").unwrap().kind,
                DefectKind::LoadingOffTarget
            );
        }
        position += seg.length_m;
    }
    assert!((startup_metres - startup_m).abs() <= 1.0, "{startup_metres} m of start-up");
    let first = &roll.segments[0];
    let steady = &roll.segments[roll.segments.len() / 2];
    assert!(first.wet_thickness_um < 0.7 * steady.wet_thickness_um);
}

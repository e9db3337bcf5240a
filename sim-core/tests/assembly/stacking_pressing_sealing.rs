//! The lithium anode, stacking, stack pressing and pouch sealing.

use super::*;

/// Passivation grows with the moisture the lithium meets: `d = d_0 + k E`; too much is a
/// moisture defect, too little lamination pressure a contact defect; neither at the line's
/// settings in a healthy dry room.
#[test]
fn lithium_passivates_with_exposure_and_needs_lamination_pressure() {
    let lam = as_kind!(kind("laminator"), AnodeLaminator);
    let m = &lam.model;
    let dry = make_cell(|_| {}, &[], 50.0);
    let expected = m.native_film_nm + m.film_per_ppmv_h_nm * 50.0 * m.reel_hours_in_room;
    assert!((dry.anode.passivation_nm - expected).abs() < 1e-9, "{}", dry.anode.passivation_nm);
    assert!(!dry.has(CellDefectKind::MoistureExposure) && !dry.has(CellDefectKind::ContactLoss));
    let wet = make_cell(|_| {}, &[], 800.0);
    assert!(wet.anode.passivation_nm > dry.anode.passivation_nm);
    assert!(wet.has(CellDefectKind::MoistureExposure));
    assert!(wet.resistance_mohm() > dry.resistance_mohm());
    let soft = make_cell(
        |k| {
            if let StationKind::AnodeLaminator(l) = &mut k[2] {
                l.pressure_mpa = 0.2
            }
        },
        &[],
        50.0,
    );
    assert!(soft.defects.iter().any(|d| d.cause == "lamination-pressure-too-low"));
}

/// Stacking: the placement spread grows with speed; a drifting stacker, or one run too fast
/// for its accuracy, leaves no overhang (edge plating); burrs over the limit in the lot
/// become short risks; the cell's solids are its sheets' share, exactly.
#[test]
fn stacking_misalignment_and_burrs_have_their_causes() {
    let stacker = as_kind!(kind("stacker"), Stacker);
    let mut fast = stacker.clone();
    fast.sheets_per_min *= 3.0;
    assert!(
        (fast.spread_mm() / stacker.spread_mm()
            - (1.0 + 3.0 * stacker.sheets_per_min / 60.0) / (1.0 + stacker.sheets_per_min / 60.0))
            .abs()
            < 1e-12
    );
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(!good.has(CellDefectKind::EdgePlatingRisk) && good.min_overhang_mm > 0.0, "{}", good.min_overhang_mm);
    assert!(!good.has(CellDefectKind::ShortRisk));
    let drifting = make_cell(|_| {}, &[(3, Fault::StackerDrift { offset_mm: 1.2 })], 50.0);
    assert_eq!(
        drifting.defects.iter().find(|d| d.kind == CellDefectKind::EdgePlatingRisk).map(|d| d.cause.as_str()),
        Some("stacker-alignment-drift")
    );
    let hurried = make_cell(
        |k| {
            if let StationKind::Stacker(s) = &mut k[3] {
                s.sheets_per_min = 200.0;
                s.accuracy_mm = 0.3
            }
        },
        &[],
        50.0,
    );
    assert_eq!(
        hurried.defects.iter().find(|d| d.kind == CellDefectKind::EdgePlatingRisk).map(|d| d.cause.as_str()),
        Some("stacking-too-fast-for-its-accuracy")
    );

    // Burrs: a lot where every sheet is over the limit gives every cell a short risk.
    let mut kinds: Vec<StationKind> = vec![kind("stacker")];
    let mut burred = lot(100);
    burred.sheets_over_burr_limit = 100;
    let solids = burred.solids_kg;
    let mut unit = Unit::new(1, Payload::Sheets(burred), 0);
    run(&mut unit, &mut kinds, &[], 0.0);
    let mut made = 0.0;
    for id in 2..7 {
        let mut cell_unit = Unit::new(id, Payload::Part, 0);
        run(&mut cell_unit, &mut kinds, &[], 0.0);
        let Payload::Cell(cell) = cell_unit.payload else { panic!() };
        assert!(cell.has(CellDefectKind::ShortRisk) && cell.sheets_over_burr_limit == cell.layers);
        assert_eq!(cell_unit.components, vec![1]);
        made += cell.solids_kg;
    }
    let StationKind::Stacker(s) = &kinds[0] else { panic!() };
    assert_eq!(s.stock_sheets(), 0);
    assert!((made - solids).abs() < 1e-12, "{made} kg in cells of {solids} kg");
}

/// Pressing: contact resistance `ASR_0 exp(-p / p_c)`; too soft loses contact, too hard
/// (lower when warm) lets lithium creep; the line's setting does neither.
#[test]
fn stack_pressure_has_a_window() {
    let press = as_kind!(kind("press"), StackPress);
    let m = &press.model;
    assert!(
        (press.contact_asr_ohm_cm2(6.0) - m.contact_asr_0_ohm_cm2 * (-6.0 / m.contact_pressure_mpa).exp()).abs()
            < 1e-12
    );
    let mut warm = press.clone();
    warm.temp_degc += 40.0;
    assert!(warm.creep_limit_mpa() < press.creep_limit_mpa());
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(!good.has(CellDefectKind::ContactLoss) && !good.has(CellDefectKind::OverPressed));
    let soft = make_cell(
        |k| {
            if let StationKind::StackPress(p) = &mut k[4] {
                p.pressure_mpa = 2.0
            }
        },
        &[],
        50.0,
    );
    assert!(soft.defects.iter().any(|d| d.cause == "stack-pressure-too-low"));
    assert!(soft.resistance_mohm() > good.resistance_mohm());
    let hard = make_cell(
        |k| {
            if let StationKind::StackPress(p) = &mut k[4] {
                p.pressure_mpa = 40.0
            }
        },
        &[],
        50.0,
    );
    assert!(hard.has(CellDefectKind::OverPressed) && !hard.has(CellDefectKind::ContactLoss));
}

/// Sealing: strength rises with temperature (logistic above the melt onset) and dwell; too
/// cold or a cold bar (fault) leaks, too hot thins the inner layer, precursor dosed beyond
/// what the sheets hold contaminates the seal; the line's setting passes the leak test.
#[test]
fn seal_strength_has_a_window_and_its_causes() {
    let sealer = as_kind!(kind("sealer"), PouchSealer);
    assert!(sealer.strength_n_per_15mm(190.0) > sealer.strength_n_per_15mm(165.0));
    let mut short = sealer.clone();
    short.time_s = 0.5;
    assert!(short.strength_n_per_15mm(185.0) < sealer.strength_n_per_15mm(185.0));
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(
        good.defects.iter().all(|d| !matches!(d.kind, CellDefectKind::SealLeak | CellDefectKind::SealContaminated)),
        "{:?}",
        good.defects
    );
    let seal = good.seal.as_ref().unwrap();
    assert!(seal.leak_rate_mbar_l_per_s < sealer.model.leak_limit_mbar_l_per_s);
    let cold = make_cell(
        |k| {
            if let StationKind::PouchSealer(s) = &mut k[5] {
                s.temp_degc = 150.0
            }
        },
        &[],
        50.0,
    );
    assert!(cold.defects.iter().any(|d| d.cause == "seal-too-cold-or-too-short"));
    let worn = make_cell(|_| {}, &[(5, Fault::SealBarCold { delta_degc: 35.0 })], 50.0);
    assert!(worn.has(CellDefectKind::SealLeak));
    let hot = make_cell(
        |k| {
            if let StationKind::PouchSealer(s) = &mut k[5] {
                s.temp_degc = 225.0
            }
        },
        &[],
        50.0,
    );
    assert!(hot.defects.iter().any(|d| d.cause == "seal-too-hot-inner-layer-thinned"));
    let wet = make_cell(
        |k| {
            if let StationKind::Impregnator(i) = &mut k[0] {
                i.dose_ml_per_m2 = 60.0
            }
        },
        &[],
        50.0,
    );
    assert!(wet.has(CellDefectKind::SealContaminated));
}

/// Worn grippers scatter the layers around zero (the mean stays put), a drift shifts the
/// mean: the vision system's two numbers tell them apart, and each cause is booked as such.
#[test]
fn worn_grippers_scatter_while_a_drift_shifts_the_mean() {
    let stack = |faults: &[(usize, Fault)]| {
        let mut kinds: Vec<StationKind> = vec![kind("stacker")];
        let mut unit = Unit::new(1, Payload::Sheets(lot(2000)), 0);
        let shifted: Vec<(usize, Fault)> = faults.iter().map(|(_, f)| (0, f.clone())).collect();
        run(&mut unit, &mut kinds, &shifted, 0.0);
        let (mut mean, mut max, mut causes) = (0.0, 0.0f64, Vec::new());
        for id in 2..42 {
            let mut cell_unit = Unit::new(id, Payload::Part, 0);
            run(&mut cell_unit, &mut kinds, &shifted, 0.0);
            let StationKind::Stacker(s) = &kinds[0] else { panic!() };
            let reading = s.last.as_ref().unwrap();
            mean += reading.mean_offset_mm / 40.0;
            max = max.max(reading.max_offset_mm);
            let Payload::Cell(cell) = cell_unit.payload else { panic!() };
            causes.extend(
                cell.defects.iter().filter(|d| d.kind == CellDefectKind::EdgePlatingRisk).map(|d| d.cause.clone()),
            );
        }
        (mean, max, causes)
    };
    let (mean0, max0, causes0) = stack(&[]);
    let (mean_w, max_w, causes_w) = stack(&[(3, Fault::GripperWorn { spread_factor: 3.5 })]);
    let (mean_d, _, causes_d) = stack(&[(3, Fault::StackerDrift { offset_mm: 0.9 })]);
    assert!(causes0.is_empty() && mean0.abs() < 0.05);
    assert!(max_w > 2.0 * max0 && mean_w.abs() < 0.1, "worn: mean {mean_w:.3}, max {max_w:.2}");
    assert!(causes_w.iter().all(|c| c == "worn-stacker-grippers") && !causes_w.is_empty());
    assert!((mean_d - 0.9).abs() < 0.1, "drift: mean {mean_d:.3}");
    assert!(causes_d.iter().all(|c| c == "stacker-alignment-drift") && !causes_d.is_empty());
}

/// The lithium must out-hold the cathode: `N/P = t q_Li / q_cathode` at least 1.1. The
/// line's 30 um foil on a 4.8 mAh/cm2 cathode does (1.29); 20 um does not.
#[test]
fn too_little_lithium_for_the_cathode_is_a_defect() {
    let np = |um: f64| um * sim_core::cell::LITHIUM_MAH_PER_CM2_PER_UM / 4.8;
    assert!(np(30.0) > 1.1 && np(20.0) < 1.1);
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(!good.has(CellDefectKind::LithiumShort));
    let thin = make_cell(
        |k| {
            if let StationKind::AnodeLaminator(l) = &mut k[2] {
                l.li_thickness_um = 20.0
            }
        },
        &[],
        50.0,
    );
    assert!(thin.defects.iter().any(|d| d.cause == "lithium-foil-too-thin-for-the-cathode"));
}

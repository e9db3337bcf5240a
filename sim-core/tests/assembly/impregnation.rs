//! Impregnation with a gelling sol, curing, and the electrolyte's conductivity.

use super::*;
use sim_core::cell::bruggeman_ms_per_cm;
use sim_core::stations::assembly::impregnator::Impregnator;

fn impregnator() -> Impregnator {
    as_kind!(kind("impregnator"), Impregnator)
}

/// Washburn with a viscosity rising as `1/(1-p)^2`: the closed form equals the integral of
/// `dL^2/dt = k (1 - p(t))^2`, and depth stops growing at the gel point.
#[test]
fn infiltration_follows_washburn_with_a_gelling_sol() {
    let imp = impregnator();
    let m = &imp.model;
    let tg = imp.gel_time_min(&[]);
    let numeric = |soak_min: f64| {
        let n = 20_000;
        let dt = soak_min * 60.0 / n as f64;
        let mut l2 = 0.0;
        for k in 0..n {
            let t = (k as f64 + 0.5) * dt;
            let p = (m.bath_residence_min * 60.0 + t) / (tg * 60.0);
            l2 += m.washburn_um2_per_s * (1.0 - p.min(1.0)).powi(2) * dt;
        }
        l2.sqrt()
    };
    for soak in [0.5, 2.0, 10.0, 60.0] {
        let mut i = imp.clone();
        i.soak_min = soak;
        let closed = i.depth_um(tg);
        assert!((closed / numeric(soak) - 1.0).abs() < 1e-3, "soak {soak} min: {closed} vs {}", numeric(soak));
    }
    let mut long = imp.clone();
    long.soak_min = tg * 2.0;
    let mut longer = imp.clone();
    longer.soak_min = tg * 4.0;
    assert_eq!(long.depth_um(tg), longer.depth_um(tg), "no infiltration past the gel point");
}

/// Gel time falls with temperature by Arrhenius, and with water in the precursor.
#[test]
fn gel_time_falls_with_temperature_and_water() {
    let imp = impregnator();
    let mut warm = imp.clone();
    warm.bath_temp_degc += 15.0;
    let (t1, t2) = (imp.bath_temp_degc + 273.15, warm.bath_temp_degc + 273.15);
    let expected = (imp.model.gel_activation_j_per_mol / 8.314 * (1.0 / t2 - 1.0 / t1)).exp();
    assert!((warm.gel_time_min(&[]) / imp.gel_time_min(&[]) - expected).abs() < 1e-12);
    let wet = [ActiveFault { fault: Fault::PrecursorWater { gel_time_factor: 0.4 }, since_ms: 0 }];
    assert!((imp.gel_time_min(&wet) / imp.gel_time_min(&[]) - 0.4).abs() < 1e-12);
}

/// Each cause of an underfilled electrode, present with its cause and absent without; and
/// the must-show: skipping vacuum or passing the gel time leaves a lower fill and a higher
/// cell resistance than the good recipe.
#[test]
fn underfilling_has_three_causes_and_raises_the_cell_resistance() {
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(!good.has(CellDefectKind::Underfilled), "{:?}", good.defects);
    assert!(good.electrolyte.fill_frac > 0.95);
    type Change = fn(&mut Impregnator);
    let cases: [(&str, Change, &str); 3] = [
        ("warm bath", |i| i.bath_temp_degc = 42.0, "gel-point-reached-before-the-pores-filled"),
        ("no vacuum", |i| i.fill_pressure_kpa = 101.0, "gas-trapped-without-vacuum"),
        ("short dose", |i| i.dose_ml_per_m2 = 30.0, "precursor-dose-too-low"),
    ];
    for (what, change, cause) in cases {
        let bad = make_cell(
            |k| {
                if let StationKind::Impregnator(i) = &mut k[0] {
                    change(i)
                }
            },
            &[],
            50.0,
        );
        let d = bad.defects.iter().find(|d| d.kind == CellDefectKind::Underfilled);
        assert_eq!(d.map(|d| d.cause.as_str()), Some(cause), "{what}: {:?}", bad.defects);
        assert!(bad.electrolyte.fill_frac < good.electrolyte.fill_frac - 0.05, "{what}");
        assert!(
            bad.resistance_mohm() > 1.05 * good.resistance_mohm(),
            "{what}: {} vs {}",
            bad.resistance_mohm(),
            good.resistance_mohm()
        );
    }
    // Water in the precursor passes the gel point too.
    let wet = make_cell(|_| {}, &[(0, Fault::PrecursorWater { gel_time_factor: 0.25 })], 50.0);
    assert!(wet.has(CellDefectKind::Underfilled));
}

/// Curing: solvent falls as `exp(-k t)` with an Arrhenius `k`; too short leaves solvent,
/// too hot cracks the gel; the good cure does neither.
#[test]
fn curing_drives_off_solvent_and_cracks_when_too_fast() {
    let oven = as_kind!(kind("curing"), CuringOven);
    let mut hot = oven.clone();
    hot.cure_temp_degc += 20.0;
    let (t1, t2) = (oven.cure_temp_degc + 273.15, hot.cure_temp_degc + 273.15);
    let expected = (-oven.model.activation_j_per_mol / 8.314 * (1.0 / t2 - 1.0 / t1)).exp();
    assert!((hot.rate_per_min() / oven.rate_per_min() - expected).abs() < 1e-12);
    let good = make_cell(|_| {}, &[], 50.0);
    assert!(!good.has(CellDefectKind::ResidualSolvent) && !good.has(CellDefectKind::CrackedElectrolyte));
    let expected_ppm = oven.model.initial_solvent_ppm * (-oven.rate_per_min() * oven.cure_min).exp();
    assert!((good.electrolyte.residual_solvent_ppm / expected_ppm - 1.0).abs() < 1e-12);
    let short = make_cell(
        |k| {
            if let StationKind::CuringOven(c) = &mut k[1] {
                c.cure_min = 10.0
            }
        },
        &[],
        50.0,
    );
    assert!(short.has(CellDefectKind::ResidualSolvent) && !short.has(CellDefectKind::CrackedElectrolyte));
    let fast = make_cell(
        |k| {
            if let StationKind::CuringOven(c) = &mut k[1] {
                c.cure_temp_degc = 140.0
            }
        },
        &[],
        50.0,
    );
    assert!(fast.has(CellDefectKind::CrackedElectrolyte));
    assert!(fast.resistance_mohm() > good.resistance_mohm());
}

/// Bruggeman: conductivity in the electrode is the bulk's times (porosity x fill)^1.5.
#[test]
fn the_electrolyte_in_the_electrode_follows_bruggeman() {
    assert!((bruggeman_ms_per_cm(3.0, 0.27, 1.0) - 3.0 * 0.27f64.powf(1.5)).abs() < 1e-12);
    assert!((bruggeman_ms_per_cm(3.0, 0.27, 0.5) - 3.0 * 0.135f64.powf(1.5)).abs() < 1e-12);
    let cell = make_cell(|_| {}, &[], 50.0);
    let e = &cell.electrolyte;
    let expected = bruggeman_ms_per_cm(e.sigma_bulk_ms_per_cm, cell.porosity_frac, e.fill_frac);
    assert!((e.sigma_eff_ms_per_cm - expected).abs() < 1e-12);
}

/// A leaking chamber underfills like filling without vacuum, but with the vacuum set: the
/// chamber gauge shows the difference, and the cause says so.
#[test]
fn a_vacuum_leak_underfills_with_the_vacuum_set() {
    let leaky = make_cell(|_| {}, &[(0, Fault::VacuumLeak { kpa: 60.0 })], 50.0);
    let d = leaky.defects.iter().find(|d| d.kind == CellDefectKind::Underfilled);
    assert_eq!(d.map(|d| d.cause.as_str()), Some("vacuum-leak-in-the-chamber"), "{:?}", leaky.defects);
    let imp = impregnator();
    let faults = [ActiveFault { fault: Fault::VacuumLeak { kpa: 60.0 }, since_ms: 0 }];
    assert!((imp.chamber_kpa(&faults) - (imp.fill_pressure_kpa + 60.0)).abs() < 1e-12);
    assert_eq!(imp.chamber_kpa(&[]), imp.fill_pressure_kpa);
}

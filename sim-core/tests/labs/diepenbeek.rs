//! Diepenbeek: the glovebox, garnet pellets, the anneal furnace, the impedance tester, X-ray
//! patterns of samples, sulfides.

use super::*;

#[test]
fn a_torn_glove_raises_water_and_oxygen_together_and_service_restores_them() {
    let mut sim = Simulation::new(&diepenbeek(), 1).unwrap();
    sim.run_hours(4.0);
    let (h2o_0, o2_0) = (readout(&sim, "glovebox", "h2o_ppm"), readout(&sim, "glovebox", "o2_ppm"));
    assert!(h2o_0 < 1.0 && o2_0 < 1.0, "a healthy box holds under 1 ppm: {h2o_0} {o2_0}");
    assert!(!open_alarm(&sim, "glovebox.process.h2o_high"));
    inject(&mut sim, "glovebox", Fault::GloveLeak { air_l_per_h: 20.0 });
    sim.run_hours(3.0);
    let (h2o_1, o2_1) = (readout(&sim, "glovebox", "h2o_ppm"), readout(&sim, "glovebox", "o2_ppm"));
    assert!(h2o_1 > 3.0 * h2o_0.max(0.1), "water rises with the leak: {h2o_0} -> {h2o_1}");
    // Room air holds about sixteen times as much oxygen as water.
    assert!((o2_1 - o2_0) > 8.0 * (h2o_1 - h2o_0), "oxygen rises with it: {o2_1} vs {h2o_1}");
    assert!(open_alarm(&sim, "glovebox.process.h2o_high"), "the water alarm is raised");
    let report = sim.tick(&[Command::StartMaintenance { station: "glovebox".into(), duration_s: 3600.0 }]);
    assert!(report.rejected.is_empty());
    sim.run_hours(14.0);
    let h2o_2 = readout(&sim, "glovebox", "h2o_ppm");
    assert!(h2o_2 < 1.0, "after the service and the purifier's regeneration the box is dry again: {h2o_2}");
    assert!(!open_alarm(&sim, "glovebox.process.h2o_high"), "and the alarm has cleared");
}

#[test]
fn a_saturated_purifier_lets_water_through_but_not_oxygen() {
    let mut sim = Simulation::new(&diepenbeek(), 1).unwrap();
    sim.run_hours(2.0);
    let o2_0 = readout(&sim, "glovebox", "o2_ppm");
    inject(&mut sim, "glovebox", Fault::PurifierSaturated);
    sim.run_hours(24.0);
    let (h2o, o2) = (readout(&sim, "glovebox", "h2o_ppm"), readout(&sim, "glovebox", "o2_ppm"));
    assert!(h2o > 1.0, "water breaks through the full sieve: {h2o}");
    assert!(o2 < 2.0 * o2_0.max(0.2), "the copper catalyst still holds oxygen: {o2_0} -> {o2}");
    let i = sim.line.station_index("glovebox").unwrap();
    assert!(sim.line.stations[i].kind.station().shows(sim_core::faults::FaultKind::PurifierSaturated));
}

#[test]
fn regeneration_takes_hours_without_purification() {
    let mut sim = Simulation::new(&diepenbeek(), 1).unwrap();
    sim.run_hours(2.0);
    let before = readout(&sim, "glovebox", "h2o_ppm");
    sim.tick(&[Command::StartMaintenance { station: "glovebox".into(), duration_s: 600.0 }]);
    sim.run_hours(3.0);
    let during = readout(&sim, "glovebox", "h2o_ppm");
    assert!(readout(&sim, "glovebox", "regeneration_left_h") > 0.0, "the purifier is regenerating");
    assert!(during > before + 2.0, "permeation accumulates while the purifier is off: {before} -> {during}");
}

#[test]
fn a_batch_left_in_air_carries_a_carbonate_layer_that_raises_the_interface_resistance() {
    let mut clean = Simulation::new(&diepenbeek(), 3).unwrap();
    clean.run_hours(12.0);
    let asr_clean = readout(&clean, "eis", "interface_asr_ohm_cm2");
    assert!(asr_clean < 15.0, "clean pellets in a healthy box: {asr_clean} ohm cm2");
    assert_eq!(scrapped(&clean, "pellets", "carbonate/"), 0.0);
    assert!(clean.kpis().completed_good > 8);

    let mut exposed = Simulation::new(&diepenbeek(), 3).unwrap();
    inject(&mut exposed, "pellets", Fault::AirExposedBatch { hours: 2.0 });
    exposed.run_hours(12.0);
    let asr = readout(&exposed, "eis", "interface_asr_ohm_cm2");
    assert!(asr > 100.0, "two hours in air leave tens of nm of Li2CO3: {asr} ohm cm2");
    assert!(scrapped(&exposed, "pellets", "carbonate/air-exposed-batch") > 5.0, "booked to the store's batch");
}

#[test]
fn annealing_removes_the_layer_and_overheating_loses_lithium() {
    let mut annealed = Simulation::new(&diepenbeek(), 3).unwrap();
    inject(&mut annealed, "pellets", Fault::AirExposedBatch { hours: 2.0 });
    set(&mut annealed, "furnace", "anneal_degc", 500.0);
    set(&mut annealed, "furnace", "anneal_h", 1.0);
    annealed.run_hours(16.0);
    let asr = readout(&annealed, "eis", "interface_asr_ohm_cm2");
    assert!(asr < 20.0, "an hour at 500 degC clears the layer: {asr}");
    assert_eq!(scrapped(&annealed, "pellets", "carbonate/"), 0.0);
    assert_eq!(scrapped(&annealed, "furnace", "pyrochlore/"), 0.0, "500 degC loses no lithium");

    let mut overheated = Simulation::new(&diepenbeek(), 3).unwrap();
    set(&mut overheated, "furnace", "anneal_degc", 1100.0);
    set(&mut overheated, "furnace", "anneal_h", 2.0);
    overheated.run_hours(16.0);
    let sigma = readout(&overheated, "eis", "bulk_sigma_us_per_cm");
    assert!(sigma < 100.0, "lithium lost at 1100 degC: La2Zr2O7 blocks conduction: {sigma} uS/cm");
    assert!(scrapped(&overheated, "furnace", "pyrochlore/lithium-lost-in-an-overheated-anneal") > 0.0);
    assert!(readout(&overheated, "xrd", "foreign_peak_pct") > 10.0, "the pyrochlore shows in the pattern");
}

#[test]
fn an_under_doped_batch_is_tetragonal_and_conducts_poorly() {
    let mut layout = diepenbeek();
    if let StationKind::SampleStore(store) = &mut layout.stations[0].kind {
        store.al_per_formula_unit = 0.08;
        assert!(store.cubic_share() < 0.3);
    }
    let mut sim = Simulation::new(&layout, 2).unwrap();
    sim.run_hours(8.0);
    assert!(readout(&sim, "eis", "bulk_sigma_us_per_cm") < 50.0);
    assert!(scrapped(&sim, "pellets", "tetragonal/too-little-aluminium") > 0.0);
    let i = sim.line.station_index("xrd").unwrap();
    let scan = sim.line.stations[i].kind.station().diffractogram().unwrap().clone();
    assert!(scan.peaks.iter().any(|p| p.phase == "llzo-tetragonal"), "tetragonal doublets are labelled");
    // And a well-doped batch is not.
    let mut good = Simulation::new(&diepenbeek(), 2).unwrap();
    good.run_hours(8.0);
    assert_eq!(scrapped(&good, "pellets", "tetragonal/"), 0.0);
    assert!(readout(&good, "eis", "bulk_sigma_us_per_cm") > 200.0);
}

#[test]
fn sintering_outside_its_window_leaves_pyrochlore() {
    let store = match kind(&diepenbeek(), "pellets") {
        StationKind::SampleStore(s) => s.clone(),
        _ => unreachable!(),
    };
    let at = |t: f64, h: f64| {
        let mut s = store.clone();
        s.sinter_temp_degc = t;
        s.sinter_h = h;
        s.pyrochlore_frac()
    };
    assert!(at(1200.0, 6.0) < 0.03, "the standard firing is nearly phase pure");
    assert!(at(1000.0, 6.0) > 0.4, "an unfinished reaction");
    assert!(at(1280.0, 12.0) > 0.5, "lithium lost when fired too hot and long");
    assert!(at(1250.0, 12.0) > at(1250.0, 6.0), "longer firing loses more");
}

fn garnet_sample(air_h: f64) -> Sample {
    Sample {
        material: SampleMaterial::Garnet,
        batch: "test".into(),
        mass_g: 0.5,
        area_cm2: 1.0,
        phases: vec![("llzo-cubic".into(), 1.0)],
        crystallite_nm: 150.0,
        cation_mixing_frac: 0.0,
        bulk_sigma_s_per_cm: 5e-4,
        air_exposure_ppm_h: air_h * 13_000.0,
        box_exposure_ppm_h: 0.0,
        box_station: None,
        source_station: 0,
        li_loss_station: None,
        carbonate_removed_nm: 0.0,
        films: Vec::new(),
        defects: Vec::new(),
        passport: Vec::new(),
    }
}

fn xrd() -> Diffractometer {
    match kind(&diepenbeek(), "xrd") {
        StationKind::Diffractometer(d) => d.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn garnet_left_in_air_shows_li2co3_peaks() {
    let x = xrd();
    let clean = x.scan(&garnet_sample(0.0), 1, 7);
    assert!(clean.peaks.iter().all(|p| p.phase != "li2co3"), "no carbonate on a clean pellet");
    assert!(clean.peaks.iter().filter(|p| p.phase == "llzo-cubic").count() >= 8);
    let aired = x.scan(&garnet_sample(24.0), 1, 7);
    let carbonate: Vec<f64> = aired.peaks.iter().filter(|p| p.phase == "li2co3").map(|p| p.two_theta_deg).collect();
    assert!(carbonate.iter().any(|t| (t - 21.3).abs() < 0.2), "Li2CO3 (110) near 21.3 degrees: {carbonate:?}");
    assert!(sim_core::sample::Sample::carbonate_nm(&garnet_sample(24.0)) > garnet_sample(1.0).carbonate_nm());
}

#[test]
fn cation_mixing_lowers_i003_over_i104() {
    let x = xrd();
    let ratio = |mixing: f64| {
        let mut s = garnet_sample(0.0);
        s.material = SampleMaterial::Cathode;
        s.phases = vec![("nmc811".into(), 1.0)];
        s.cation_mixing_frac = mixing;
        s.crystallite_nm = 80.0;
        let scan = x.scan(&s, 1, 3);
        let at = |hkl: [i32; 3]| scan.peaks.iter().find(|p| p.phase == "nmc811" && p.hkl == hkl).unwrap().counts;
        at([0, 0, 3]) / at([1, 0, 4])
    };
    let (good, mixed) = (ratio(0.02), ratio(0.12));
    assert!(good > 1.2, "a well-ordered NMC811: I(003)/I(104) = {good}");
    assert!(mixed < 1.2 && mixed < good, "12 % Ni on Li sites: {mixed}");
}

#[test]
fn a_sulfide_in_a_moist_box_releases_h2s_and_raises_the_safety_alarm() {
    let mut layout = diepenbeek();
    if let StationKind::SampleStore(store) = &mut layout.stations[0].kind {
        store.material = SampleMaterial::Sulfide;
    }
    let mut dry = Simulation::new(&layout, 4).unwrap();
    dry.run_hours(6.0);
    assert!(!open_alarm(&dry, "eis.process.h2s"));
    assert!(readout(&dry, "eis", "h2s_cc_per_g") < 0.02);

    let mut wet = Simulation::new(&layout, 4).unwrap();
    inject(&mut wet, "glovebox", Fault::GloveLeak { air_l_per_h: 200.0 });
    // An hour's drying at 100 degC in the box before the test: an hour in its water.
    set(&mut wet, "furnace", "anneal_degc", 100.0);
    set(&mut wet, "furnace", "anneal_h", 1.0);
    wet.run_hours(6.0);
    assert!(readout(&wet, "eis", "h2s_cc_per_g") > 0.02);
    assert!(open_alarm(&wet, "eis.process.h2s"), "H2S alarm");
    assert!(scrapped(&wet, "glovebox", "hydrolysed/moisture-in-the-glovebox") > 0.0, "booked to the box");
}

#[test]
fn pellets_in_a_leaking_box_grow_the_layer_in_the_box() {
    let mut sim = Simulation::new(&diepenbeek(), 8).unwrap();
    inject(&mut sim, "glovebox", Fault::GloveLeak { air_l_per_h: 200.0 });
    // An hour in the box on the way in (a drying step at 100 degC, which removes nothing).
    set(&mut sim, "furnace", "anneal_degc", 100.0);
    set(&mut sim, "furnace", "anneal_h", 1.0);
    sim.run_hours(10.0);
    assert!(scrapped(&sim, "glovebox", "carbonate/moisture-in-the-glovebox") > 0.0, "booked to the box");
    assert_eq!(scrapped(&sim, "pellets", "carbonate/"), 0.0, "not to the sealed batch");
}

#[test]
fn a_batch_sintered_too_cool_is_booked_to_its_sintering() {
    let mut layout = diepenbeek();
    if let StationKind::SampleStore(store) = &mut layout.stations[0].kind {
        store.sinter_temp_degc = 1000.0;
    }
    let mut sim = Simulation::new(&layout, 2).unwrap();
    sim.run_hours(8.0);
    assert!(scrapped(&sim, "pellets", "pyrochlore/sintering-off-its-window") > 0.0);
    assert!(readout(&sim, "xrd", "foreign_peak_pct") > 10.0, "La2Zr2O7 in the pattern");
}

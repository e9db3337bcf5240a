//! The two labs, relation by relation and cause by cause: the glovebox as a station, garnet
//! batches and their surface, the anneal furnace, the impedance tester, X-ray patterns of
//! samples, the sputter chamber and the ALD reactor. Each defect appears with its cause and
//! not without it.

mod common;

use sim_core::command::Command;
use sim_core::faults::Fault;
use sim_core::sample::{FilmMaterial, Sample, SampleMaterial, arrhenius_sigma};
use sim_core::stations::StationKind;
use sim_core::stations::lab::ald::AldReactor;
use sim_core::stations::lab::diffractometer::Diffractometer;
use sim_core::stations::lab::sputter::SputterChamber;
use sim_core::{LineLayout, Simulation};

fn diepenbeek() -> LineLayout {
    common::layout_for("diepenbeek-lab")
}

fn genk() -> LineLayout {
    common::layout_for("genk-thin-film")
}

fn inject(sim: &mut Simulation, station: &str, fault: Fault) {
    let report = sim.tick(&[Command::InjectFault { station: station.into(), fault }]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

fn set(sim: &mut Simulation, station: &str, control: &str, value: f64) {
    let report = sim.tick(&[Command::SetControl { station: station.into(), control: control.into(), value }]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

fn readout(sim: &Simulation, station: &str, name: &str) -> f64 {
    let i = sim.line.station_index(station).unwrap();
    sim.readout(i, name).unwrap_or_else(|| panic!("{station}.{name} not published"))
}

/// Scrap booked at `station` whose cause key starts with `kind/`.
fn scrapped(sim: &Simulation, station: &str, key_start: &str) -> f64 {
    sim.kpis()
        .scrap_by_cause
        .iter()
        .filter(|c| c.station == station && c.cause.starts_with(key_start))
        .map(|c| c.quantity)
        .sum()
}

fn open_alarm(sim: &Simulation, tag: &str) -> bool {
    sim.alarms.open().iter().any(|a| a.tag == tag && a.active)
}

fn kind<'a>(layout: &'a LineLayout, id: &str) -> &'a StationKind {
    &layout.stations.iter().find(|s| s.id == id).unwrap().kind
}

// ---- the glovebox as a station ----

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

// ---- garnet: the surface, the anneal, the batch ----

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

// ---- X-ray patterns of samples ----

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

// ---- sputtered LiPON ----

fn sputter() -> SputterChamber {
    match kind(&genk(), "sputter") {
        StationKind::SputterChamber(s) => s.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn sputter_rate_and_conductivity_move_opposite_ways() {
    let base = sputter();
    let with = |power: f64, pressure: f64| {
        let mut s = base.clone();
        s.rf_power_w_per_cm2 = power;
        s.n2_pressure_pa = pressure;
        (s.rate_nm_per_min(), s.sigma_25_s_per_cm(), s.activation_ev())
    };
    let (r0, s0, ea0) = with(3.0, 1.0);
    let (r_hi_p, s_hi_p, _) = with(5.0, 1.0);
    let (r_hi_n, s_hi_n, ea_hi_n) = with(3.0, 2.0);
    assert!(r_hi_p > r0 && s_hi_p < s0, "more power: faster, less conductive");
    assert!(r_hi_n < r0 && s_hi_n > s0, "more nitrogen: slower, more conductive");
    assert!(ea_hi_n < ea0, "more nitrogen lowers the activation energy");
    assert!((1.0..=5.0).contains(&r0) && (1e-6..3e-6).contains(&s0), "LiPON's ranges: {r0} nm/min, {s0} S/cm");
    let mut worn = base.clone();
    worn.target_used_kwh = worn.model.target_life_kwh * 0.8;
    assert!(worn.rate_nm_per_min() < 0.75 * base.rate_nm_per_min(), "an eroded target deposits slower");
}

#[test]
fn film_conductivity_follows_arrhenius_and_asr_is_thickness_over_conductivity() {
    let s25 = 2e-6;
    let ea = 0.55;
    let s60 = arrhenius_sigma(s25, ea, 60.0);
    let expected = s25 * (298.15 / 333.15) * (-(ea / 8.617_333e-5) * (1.0 / 333.15 - 1.0 / 298.15)).exp();
    assert!((s60 / expected - 1.0).abs() < 1e-9);
    assert!(s60 > 5.0 * s25, "0.55 eV: about 7 times at 60 degC");
    let film = sim_core::sample::Film {
        material: FilmMaterial::Lipon,
        thickness_nm: 1000.0,
        nonuniformity_frac: 0.0,
        sigma_25_s_per_cm: 2e-6,
        activation_ev: ea,
        pinholes_per_cm2: 0.0,
        origin: 0,
        cause: String::new(),
    };
    assert!((film.asr_ohm_cm2(25.0) - 50.0).abs() < 1e-6, "1 um at 2e-6 S/cm is 50 ohm cm2");
}

#[test]
fn arcing_leaves_pinholes_that_short_and_not_otherwise() {
    let mut normal = Simulation::new(&genk(), 5).unwrap();
    normal.run_hours(60.0);
    assert_eq!(scrapped(&normal, "sputter", "pinholes/"), 0.0, "3 W/cm2 on a sound target");

    let mut high = Simulation::new(&genk(), 5).unwrap();
    set(&mut high, "sputter", "rf_power_w_per_cm2", 5.5);
    set(&mut high, "sputter", "deposition_min", 120.0);
    high.run_hours(60.0);
    assert!(scrapped(&high, "sputter", "pinholes/arcing-at-high-power") >= 3.0, "arcs at 5.5 W/cm2 short the films");

    let mut cracked = Simulation::new(&genk(), 5).unwrap();
    inject(&mut cracked, "sputter", Fault::TargetArcing);
    cracked.run_hours(60.0);
    assert!(scrapped(&cracked, "sputter", "pinholes/arcing-target") >= 3.0, "a cracked target arcs at 3 W/cm2");
    assert!(readout(&cracked, "sputter", "arcs") >= 2.0, "the arc counter shows it");
}

#[test]
fn too_little_nitrogen_gives_a_poorly_conducting_film() {
    let mut sim = Simulation::new(&genk(), 9).unwrap();
    set(&mut sim, "sputter", "n2_pressure_pa", 0.4);
    set(&mut sim, "sputter", "deposition_min", 140.0);
    sim.run_hours(40.0);
    assert!(readout(&sim, "filmtest", "film_sigma_us_per_cm") < 1.5);
    assert!(scrapped(&sim, "sputter", "filmconductivity/too-little-nitrogen-in-the-film") > 0.0);
}

// ---- ALD ----

fn ald() -> AldReactor {
    match kind(&genk(), "ald") {
        StationKind::AldReactor(a) => a.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn ald_growth_per_cycle_peaks_in_its_window_and_needs_a_saturating_dose() {
    let a = ald();
    assert!((a.saturated_gpc_a(250.0) - 1.12).abs() < 1e-9, "1.12 A/cycle at the centre");
    assert!(a.saturated_gpc_a(200.0) > 0.9 * 1.12, "flat inside the window");
    assert!(a.saturated_gpc_a(100.0) < 0.25 * a.saturated_gpc_a(250.0), "falls steeply outside it");
    assert!(a.saturated_gpc_a(400.0) < 0.25 * a.saturated_gpc_a(250.0));
    assert!(a.saturation(1.0) > 0.95 && a.saturation(0.2) < 0.6, "a depleted bubbler under-doses");
}

#[test]
fn coating_thickness_trades_protection_against_resistance() {
    let run = |cycles: f64, fault: Option<Fault>| {
        let mut sim = Simulation::new(&genk(), 11).unwrap();
        set(&mut sim, "ald", "cycles", cycles);
        if let Some(f) = fault {
            inject(&mut sim, "ald", f);
        }
        sim.run_hours(30.0);
        let thick = readout(&sim, "ald", "witness_thickness_nm");
        (sim, thick)
    };
    let (good, t10) = run(10.0, None);
    assert!((t10 - 1.12).abs() < 0.1, "10 cycles x 1.12 A: {t10} nm");
    assert!(readout(&good, "filmtest", "fade_pct_per_100") < 6.0);
    assert!(readout(&good, "filmtest", "rate_capability_pct") > 87.0);
    assert_eq!(scrapped(&good, "ald", "coating/"), 0.0);

    let (bare, _) = run(0.0, None);
    assert!(bare.kpis().scrap_by_cause.iter().all(|c| !c.cause.starts_with("coating/")), "no coating, no coating test");

    let (thick, t300) = run(300.0, None);
    assert!(t300 > 30.0);
    assert!(readout(&thick, "filmtest", "rate_capability_pct") < readout(&good, "filmtest", "rate_capability_pct"));
    assert!(scrapped(&thick, "ald", "coating/coating-too-thick") > 0.0, "a thick coating blocks lithium");

    let (starved, _) = run(10.0, Some(Fault::PrecursorDepleted { dose_frac: 0.15 }));
    assert!(readout(&starved, "ald", "gpc_a") < 0.6, "the crystal monitor shows low growth");
    assert!(scrapped(&starved, "ald", "coating/precursor-under-dosing") > 0.0);
}

// ---- sulfides ----

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

// ---- determinism ----

#[test]
fn the_labs_replay_to_the_same_state_and_step_like_ticks() {
    for layout in [diepenbeek(), genk()] {
        let mut a = Simulation::new(&layout, 21).unwrap();
        let mut b = Simulation::new(&layout, 21).unwrap();
        inject(&mut a, layout.stations[0].id.as_str(), Fault::AirExposedBatch { hours: 1.0 });
        inject(&mut b, layout.stations[0].id.as_str(), Fault::AirExposedBatch { hours: 1.0 });
        for _ in 0..600 {
            a.tick(&[]);
        }
        b.advance_ticks(600);
        assert_eq!(a.state_hash(), b.state_hash(), "{}", layout.id);
        let restored = Simulation::restore(&a.snapshot()).unwrap();
        assert_eq!(restored.state_hash(), a.state_hash());
    }
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

#[test]
fn a_film_deposited_too_long_is_off_thickness_and_sound_settings_pass() {
    let mut sound = Simulation::new(&genk(), 6).unwrap();
    sound.run_hours(40.0);
    for kind in ["filmthickness/", "filmconductivity/", "pinholes/"] {
        assert_eq!(scrapped(&sound, "sputter", kind), 0.0, "{kind} with the layout's settings");
    }
    assert!(sound.kpis().completed_good >= 6);

    let mut long = Simulation::new(&genk(), 6).unwrap();
    set(&mut long, "sputter", "deposition_min", 300.0);
    long.run_hours(40.0);
    assert!(readout(&long, "filmtest", "film_thickness_nm") > 650.0);
    assert!(scrapped(&long, "sputter", "filmthickness/deposition-time-or-rate-off") > 0.0);
}

#[test]
fn a_coating_too_thin_or_grown_outside_the_window_fails() {
    let run = |control: &str, value: f64| {
        let mut sim = Simulation::new(&genk(), 12).unwrap();
        set(&mut sim, "ald", control, value);
        sim.run_hours(30.0);
        sim
    };
    let thin = run("cycles", 2.0);
    assert!(readout(&thin, "filmtest", "fade_pct_per_100") > 6.0, "a fifth of a nm leaves the cathode bare");
    assert!(scrapped(&thin, "ald", "coating/coating-too-thin") > 0.0);
    let cold = run("temp_degc", 100.0);
    assert!(readout(&cold, "ald", "gpc_a") < 0.5, "growth falls below the window");
    assert!(scrapped(&cold, "ald", "coating/outside-the-ald-window") > 0.0);
}

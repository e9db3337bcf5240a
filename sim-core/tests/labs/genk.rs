//! Genk: the LiPON sputter chamber, the ALD reactor and the film tester.

use super::*;

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

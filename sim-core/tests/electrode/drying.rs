//! Dryer: drying rates, zone order and the sorption floor, exhaust safety, binder migration, heater failures, and the web it shares with the coater.

use super::*;

#[test]
fn residual_solvent_rises_with_web_speed_at_fixed_dryer_settings() {
    let mut k = kinds();
    let dryer: Dryer = kind!(k, Dryer).clone();
    let b = batch();
    let r = &b.recipe;
    let rates: Vec<f64> = dryer
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| {
            dryer.zone_rate_g_per_m2_s(i, z.air_temp_degc, r.solvent_latent_heat_j_per_kg, r.wet_bulb_temp_degc)
        })
        .collect();
    let solvent = 160.0 * r.slurry_density_g_per_cm3() * (1.0 - r.solids_frac);
    let mut last = -1.0;
    for speed in [10.0, 15.0, 20.0, 22.0, 25.0, 30.0, 40.0] {
        let residual = dryer.dry(solvent, &rates, speed, 0.0).residual_solvent_g_per_m2;
        assert!(residual > last, "{speed} m/min: {residual} !> {last}");
        last = residual;
    }
    // And the constant-rate flux follows h (T_air - T_wb) / dH_v with h ~ v^0.7.
    let f1 = dryer.zone_rate_g_per_m2_s(0, 120.0, r.solvent_latent_heat_j_per_kg, r.wet_bulb_temp_degc);
    let f2 = dryer.zone_rate_g_per_m2_s(0, 190.0, r.solvent_latent_heat_j_per_kg, r.wet_bulb_temp_degc);
    assert!((f2 / f1 - (190.0 - r.wet_bulb_temp_degc) / (120.0 - r.wet_bulb_temp_degc)).abs() < 1e-12);
}

/// Zone order matters (reference 3b): the same four temperatures rising towards the exit dry
/// the coating lower than falling ones, because the residual solvent settles on a sorption
/// floor set by the last zone; and that floor rises with recirculation.
#[test]
fn a_hot_last_zone_dries_lower_than_the_same_zones_reversed() {
    let mut k = kinds();
    let rising = kind!(k, Dryer).clone();
    let mut falling = rising.clone();
    falling.zones.reverse();
    assert_ne!(rising.zones, falling.zones, "the reference profile should not be flat");
    let b = batch();
    let r = &b.recipe;
    let residual = |dryer: &Dryer| {
        let rates: Vec<f64> = (0..dryer.zones.len())
            .map(|i| {
                dryer.zone_rate_g_per_m2_s(
                    i,
                    dryer.zones[i].air_temp_degc,
                    r.solvent_latent_heat_j_per_kg,
                    r.wet_bulb_temp_degc,
                )
            })
            .collect();
        let dry = r.target_loading_mg_per_cm2 * 10.0;
        let floor = dryer.sorption_floor_g_per_m2(dry, dryer.zones.last().unwrap().air_temp_degc);
        let solvent = 160.0 * r.slurry_density_g_per_cm3() * (1.0 - r.solids_frac);
        dryer.dry(solvent, &rates, 1.0, floor).residual_solvent_g_per_m2 / dry * 1e6
    };
    let (up, down) = (residual(&rising), residual(&falling));
    assert!(down > 1.5 * up, "rising {up:.0} ppm vs falling {down:.0} ppm");
    assert!(up < r.residual_solvent_spec_ppm, "the reference profile misses spec: {up:.0} ppm");
    // More recirculation (less fresh air) raises the floor.
    let mut stale = rising.clone();
    stale.model.fresh_air_frac = 0.05;
    let dry = r.target_loading_mg_per_cm2 * 10.0;
    assert!(stale.sorption_floor_g_per_m2(dry, 140.0) > rising.sorption_floor_g_per_m2(dry, 140.0));
}

/// The exhaust carries the evaporated NMP in the fresh air: the reference dryer keeps it well
/// under 25 % of the lower explosive limit, the same dryer starved of fresh air goes over and
/// alarms; a water-based slurry has no LEL to watch.
#[test]
fn too_little_fresh_air_takes_the_exhaust_over_a_quarter_of_the_lel() {
    let lel_of = |fresh_air_frac: f64| {
        let mut k = kinds();
        kind!(k, Dryer).model.fresh_air_frac = fresh_air_frac;
        let (_, reports) = run_through(&mut k[..3], &[], 5);
        let alarmed = reports[2].alarms.iter().any(|a| a.tag == "exhaust_lel");
        (kind!(k, Dryer).last.as_ref().and_then(|l| l.exhaust_lel_pct).unwrap(), alarmed)
    };
    let (reference, reference_alarm) = lel_of(0.5);
    let (starved, starved_alarm) = lel_of(0.1);
    assert!(reference < 25.0 && !reference_alarm, "reference exhaust at {reference:.0} % LEL");
    assert!(starved > 25.0 && starved_alarm, "starved exhaust at {starved:.0} % LEL");
    assert!((starved / reference - 5.0).abs() < 0.5, "LEL share goes as 1 / fresh air: {reference} -> {starved}");

    let text = std::fs::read_to_string(common::repo_file("assets/lines/electrode-graphite.ron")).unwrap();
    let water = LineLayout::from_ron("electrode-graphite.ron", &text).unwrap();
    let mut k: Vec<StationKind> = water.stations.into_iter().map(|s| s.kind).collect();
    run_through(&mut k[..3], &[], 5);
    assert_eq!(kind!(k, Dryer).last.as_ref().map(|l| l.exhaust_lel_pct), Some(None));
}

/// Binder migration is invisible to the camera but not to the lab: drying too hot and too
/// hard lowers the peel strength below its specification and the inspection alarms.
#[test]
fn binder_migration_shows_in_the_peel_test() {
    let peel_of = |zone_temp: f64, velocity: f64| {
        let mut k = kinds();
        for z in &mut kind!(k, Dryer).zones {
            z.air_temp_degc = zone_temp;
            z.air_velocity_m_per_s = velocity;
        }
        let (_, reports) = run_through(&mut k[..5], &[], 9);
        let alarmed = reports[4].alarms.iter().any(|a| a.tag == "peel_low");
        (kind!(k, Inspection).last.as_ref().unwrap().sample_peel_n_per_m, alarmed)
    };
    let (gentle, gentle_alarm) = peel_of(110.0, 8.0);
    let (harsh, harsh_alarm) = peel_of(175.0, 30.0);
    assert!(gentle > harsh, "peel {gentle} vs {harsh}");
    assert!(!gentle_alarm && harsh_alarm, "gentle {gentle:.1} N/m, harsh {harsh:.1} N/m");
}

#[test]
fn a_heater_failure_raises_the_zone_temperature_alarm_and_maintenance_clears_it() {
    let mut sim = Simulation::with_step(&layout(), 8, 60_000).unwrap();
    sim.advance_ticks(60);
    sim.tick(&[sim_core::Command::InjectFault { station: "dryer".into(), fault: Fault::HeaterFailure { zone: 3 } }]);
    sim.advance_ticks(180);
    let alarm =
        sim.alarms.alarms.iter().find(|a| a.tag == "dryer.process.zone3_temp_low").expect("zone 3 alarm raised");
    assert!(alarm.active);
    assert_eq!(alarm.priority, sim_core::alarms::AlarmPriority::High);
    sim.tick(&[sim_core::Command::StartMaintenance { station: "dryer".into(), duration_s: 1800.0 }]);
    sim.advance_ticks(240);
    let alarm = sim.alarms.alarms.iter().find(|a| a.tag == "dryer.process.zone3_temp_low").unwrap();
    assert!(!alarm.active, "cleared once a roll dries with all zones hot again");
}

/// Coater and dryer share one web: a dryer that breaks down stops the coater mid-roll, which
/// resumes with the dryer; the coater books that time as held, not as running.
#[test]
fn a_dryer_stop_stops_the_coater() {
    use sim_core::line::EquipmentState;
    let mut sim = Simulation::new(&layout(), 3).unwrap();
    let (coater, dryer) = (sim.line.station_index("coater").unwrap(), sim.line.station_index("dryer").unwrap());
    // Run until the coater is coating and the dryer is up.
    let mut guard = 0;
    while !(sim.line.stations[coater].state == EquipmentState::Running
        && sim.line.stations[dryer].state != EquipmentState::Down)
    {
        sim.tick(&[]);
        guard += 1;
        assert!(guard < 10_000, "the coater never ran");
    }
    let processed_before = sim.line.stations[coater].counters.processed;
    sim.tick(&[sim_core::Command::Breakdown { station: "dryer".into(), repair_s: 1800.0 }]);
    assert_eq!(sim.line.stations[dryer].state, EquipmentState::Down);
    assert_eq!(sim.line.stations[coater].state, EquipmentState::Held, "the coater kept coating into a stopped dryer");
    sim.run_hours(0.4);
    assert_eq!(sim.line.stations[coater].state, EquipmentState::Held);
    assert_eq!(sim.line.stations[coater].counters.processed, processed_before, "a held coater finished a roll");
    sim.run_hours(0.2);
    assert_ne!(sim.line.stations[dryer].state, EquipmentState::Down);
    assert_ne!(sim.line.stations[coater].state, EquipmentState::Held, "the coater did not resume with the dryer");
    let kpis = sim.kpis();
    let held = kpis.stations[coater].state_shares.held;
    assert!(held > 0.0, "{:?}", kpis.stations[coater].state_shares);
    assert!((kpis.stations[coater].state_shares.sum() - 1.0).abs() < 1e-9);
}

/// The film temperature comes from the film's energy balance (reference 3b): it is the
/// recipe's wet-bulb temperature in vapour-free air at 120 degC, rises with the air
/// temperature and with the vapour in the zone air, and satisfies
/// `T_air - T_f = A (p_sat(T_f) - p_v)` wherever it is solved.
#[test]
fn the_film_temperature_balances_heat_in_against_evaporation() {
    let r = batch().recipe;
    assert!((Dryer::film_temp_degc(&r, 120.0, 0.0) - r.wet_bulb_temp_degc).abs() < 1e-6);
    let a = (120.0 - r.wet_bulb_temp_degc) / r.solvent_vapour_pressure_pa(r.wet_bulb_temp_degc);
    let mut previous = f64::MIN;
    for t_air in [80.0, 100.0, 120.0, 140.0, 160.0] {
        let mut warmer = f64::MIN;
        for vapour_pa in [0.0, 100.0, 300.0, 600.0] {
            let t_f = Dryer::film_temp_degc(&r, t_air, vapour_pa);
            let residual = t_air - t_f - a * (r.solvent_vapour_pressure_pa(t_f) - vapour_pa);
            assert!(residual.abs() < 1e-6, "balance off by {residual} K at {t_air} degC, {vapour_pa} Pa");
            assert!(t_f > warmer && t_f < t_air, "{t_f} degC at {t_air} degC, {vapour_pa} Pa");
            warmer = t_f;
        }
        let dry_air = Dryer::film_temp_degc(&r, t_air, 0.0);
        assert!(dry_air > previous);
        previous = dry_air;
    }
    // Saturated air: nothing evaporates, the film takes the air temperature.
    assert_eq!(Dryer::film_temp_degc(&r, 60.0, r.solvent_vapour_pressure_pa(60.0) * 1.1), 60.0);
    // Clausius-Clapeyron reaches one atmosphere at the boiling point.
    assert!((r.solvent_vapour_pressure_pa(r.solvent_boiling_point_degc) - 101_325.0).abs() < 1e-6);
}

/// Recirculating more of the zone air (less fresh air) loads it with vapour: the film runs
/// warmer, drying slows and the rolls leave wetter.
#[test]
fn recirculation_slows_drying_through_the_film_temperature() {
    let residual_ppm = |fresh_air_frac: f64| {
        let mut k = kinds();
        kind!(k, Dryer).model.fresh_air_frac = fresh_air_frac;
        let (unit, _) = run_through(&mut k[..3], &[], 2);
        let Payload::Roll(roll) = unit.payload else { panic!() };
        let mid = &roll.segments[roll.segments.len() / 2];
        mid.residual_solvent_ppm
    };
    let (fresh, recirculated) = (residual_ppm(0.8), residual_ppm(0.2));
    assert!(recirculated > 1.5 * fresh, "{fresh:.0} ppm with 80 % fresh air, {recirculated:.0} ppm with 20 %");
}

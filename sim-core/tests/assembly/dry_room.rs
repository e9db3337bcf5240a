//! The dry room: dew point and moisture, the moisture balance, faults and exposure.

use super::*;
use sim_core::stations::assembly::dry_room::{DryRoom, dew_point_at_ppmv, ppmv_at_dew_point};

/// The reference's table (section 7), within 2 %, and the inverse.
#[test]
fn dew_point_to_ppmv_matches_the_reference_table() {
    for (dew_point, ppmv) in [(-30.0, 375.0), (-40.0, 127.0), (-50.0, 39.0), (-60.0, 10.7), (-70.0, 2.6)] {
        let got = ppmv_at_dew_point(dew_point);
        assert!((got / ppmv - 1.0).abs() < 0.02, "{dew_point} degC: {got:.2} ppmv, table {ppmv}");
        assert!((dew_point_at_ppmv(got) - dew_point).abs() < 1e-9);
    }
}

fn room() -> DryRoom {
    as_kind!(kind("dryroom"), DryRoom)
}

/// The steady moisture is the supply's plus what people, product and the door bring, over the
/// airflow; more air changes dry the room further; an open door and a stopped desiccant
/// wheel each raise it past the alarm limit.
#[test]
fn the_moisture_balance_follows_its_sources() {
    let r = room();
    let base = r.steady_ppmv(&[]);
    let supply = ppmv_at_dew_point(r.supply_dew_point_degc);
    assert!(base > supply && dew_point_at_ppmv(base) < r.alarm_dew_point_degc, "{base} ppmv");
    let mut empty = r.clone();
    empty.people = 0.0;
    empty.door_openings_per_h = 0.0;
    empty.model.product_water_g_per_h = 0.0;
    assert!((empty.steady_ppmv(&[]) - supply).abs() < 1e-9);
    let mut more_air = r.clone();
    more_air.air_changes_per_h *= 2.0;
    assert!((more_air.steady_ppmv(&[]) - supply) < 0.51 * (base - supply));
    let open = |f: Fault| r.steady_ppmv(&[ActiveFault { fault: f, since_ms: 0 }]);
    for fault in [Fault::DoorLeftOpen, Fault::DesiccantWheelStop] {
        let wet = open(fault.clone());
        assert!(dew_point_at_ppmv(wet) > r.alarm_dew_point_degc, "{fault:?}: {wet:.0} ppmv");
    }
}

/// On the line: the door left open raises the dew point over minutes (time constant one
/// over the air changes), raises the alarm, and the room dries again after maintenance.
#[test]
fn a_door_left_open_raises_the_dew_point_with_the_rooms_time_constant() {
    let mut sim = Simulation::new(&layout(), 1).unwrap();
    sim.run_hours(0.5);
    let room = sim.line.station_index("dryroom").unwrap();
    let before = sim.readout(room, "dew_point_degc").unwrap();
    let r = room_of(&sim, room);
    let target = r.steady_ppmv(&[ActiveFault { fault: Fault::DoorLeftOpen, since_ms: 0 }]);
    let start = sim.readout(room, "moisture_ppmv").unwrap();
    sim.tick(&[sim_core::Command::InjectFault { station: "dryroom".into(), fault: Fault::DoorLeftOpen }]);
    let tau_s = 3600.0 / r.air_changes_per_h;
    sim.advance_ticks(tau_s as u64 - 1);
    let one_tau = sim.readout(room, "moisture_ppmv").unwrap();
    let expected = target + (start - target) * (-1.0f64).exp();
    assert!(
        (one_tau / expected - 1.0).abs() < 0.01,
        "{one_tau:.0} ppmv after one time constant, expected {expected:.0}"
    );
    assert!(sim.alarms.alarms.iter().any(|a| a.tag == "dryroom.process.dew_point" && a.active));
    sim.run_hours(0.5);
    assert!(sim.readout(room, "dew_point_degc").unwrap() > before + 15.0);
    sim.tick(&[sim_core::Command::StartMaintenance { station: "dryroom".into(), duration_s: 300.0 }]);
    sim.run_hours(1.0);
    assert!((sim.readout(room, "dew_point_degc").unwrap() - before).abs() < 0.5);
    assert!(!sim.alarms.alarms.iter().any(|a| a.tag == "dryroom.process.dew_point" && a.active));
}

fn room_of(sim: &Simulation, i: usize) -> DryRoom {
    as_kind!(sim.line.stations[i].kind.clone(), DryRoom)
}

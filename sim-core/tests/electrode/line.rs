//! The electrode stations on the line: mass balance, maintenance, breakdowns, and the control and readout tables.

use super::*;

#[test]
fn solids_are_conserved_over_a_run_with_faults_and_breakdowns() {
    let mut sim = Simulation::new(&layout(), 8).unwrap();
    sim.run_hours(5.0);
    sim.tick(&[
        sim_core::Command::InjectFault { station: "coater".into(), fault: Fault::ClogDieLip },
        sim_core::Command::InjectFault { station: "dryer".into(), fault: Fault::HeaterFailure { zone: 2 } },
    ]);
    for _ in 0..12 {
        sim.run_hours(3.0);
        let m = sim.kpis().mass_balance;
        assert!(m.imbalance_kg().abs() < 1e-9 * m.solids_in_kg.max(1.0), "{m:?}");
    }
    let k = sim.kpis();
    assert!(k.mass_balance.solids_completed_kg > 0.0 && k.mass_balance.solids_scrapped_kg > 0.0);
    // The injected faults show up with their causes: streaks as the coater's first-pass loss,
    // solvent as rolls rejected and booked against the dryer.
    let coater = k.stations.iter().find(|s| s.id == "coater").unwrap();
    assert!(
        coater.defective_by_cause.iter().any(|c| cause_matches(&c.cause, "clogged die lip")),
        "{:#?}",
        coater.defective_by_cause
    );
    assert!(coater.first_pass_yield < 1.0);
    assert!(
        k.scrap_by_cause.iter().any(|c| c.station == "dryer" && cause_matches(&c.cause, "residual solvent")),
        "{:#?}",
        k.scrap_by_cause
    );
}

#[test]
fn maintenance_clears_faults() {
    let mut sim = Simulation::new(&layout(), 8).unwrap();
    let coater = sim.line.station_index("coater").unwrap();
    sim.tick(&[sim_core::Command::InjectFault {
        station: "coater".into(),
        fault: Fault::PumpPulsation { amplitude_frac: 0.05 },
    }]);
    assert_eq!(sim.line.stations[coater].faults.len(), 1);
    let report = sim.tick(&[sim_core::Command::InjectFault {
        station: "coater".into(),
        fault: Fault::RollGapDrift { per_h_frac: 0.1 },
    }]);
    assert_eq!(report.rejected.len(), 1, "a coater has no roll gap");
    sim.tick(&[sim_core::Command::StartMaintenance { station: "coater".into(), duration_s: 600.0 }]);
    sim.advance_ticks(700);
    assert!(sim.line.stations[coater].faults.is_empty());
}

#[test]
fn an_instructor_breakdown_stops_the_station_for_its_repair_time() {
    let mut sim = Simulation::with_step(&layout(), 8, 60_000).unwrap();
    sim.advance_ticks(30);
    let report = sim.tick(&[sim_core::Command::Breakdown { station: "calender".into(), repair_s: 1800.0 }]);
    assert!(report.rejected.is_empty());
    let calender = sim.line.station_index("calender").unwrap();
    assert_eq!(sim.line.stations[calender].state, sim_core::line::EquipmentState::Down);
    assert!(sim.alarms.alarms.iter().any(|a| a.tag == "calender.breakdown" && a.active));
    sim.advance_ticks(30);
    assert_ne!(sim.line.stations[calender].state, sim_core::line::EquipmentState::Down);
}

/// The control and readout tables: every control sets what it reads back, and every numeric
/// readout a station shows after a shift is one its table names in advance (what scenario
/// validation relies on).
#[test]
fn station_tables_set_what_they_read_and_name_every_readout() {
    use sim_core::Command;
    for file in ["assets/lines/electrode-nmc811.ron", "assets/lines/generic-8.ron"] {
        let text = std::fs::read_to_string(common::repo_file(file)).unwrap();
        let layout = sim_core::LineLayout::from_ron(file, &text).unwrap();
        let mut sim = sim_core::Simulation::new(&layout, 4).unwrap();
        sim.run_hours(6.0);
        for i in 0..sim.line.stations.len() {
            let id = sim.line.stations[i].id.clone();
            let names = sim.readout_names(i);
            for r in sim.readouts(i).iter().filter(|r| r.text.is_none()) {
                assert!(names.contains(&r.name), "{id}: readout `{}` missing from {names:?}", r.name);
            }
            for spec in sim.controls(i) {
                let value = (spec.min + spec.step).min(spec.max);
                let report =
                    sim.tick(&[Command::SetControl { station: id.clone(), control: spec.name.clone(), value }]);
                assert!(report.rejected.is_empty(), "{id}.{}: {:?}", spec.name, report.rejected);
                let now = sim.controls(i).into_iter().find(|c| c.name == spec.name).unwrap();
                assert!((now.value - value).abs() < 1e-9, "{id}.{}: set {value}, reads {}", spec.name, now.value);
            }
            let unknown = sim.tick(&[Command::SetControl { station: id.clone(), control: "nope".into(), value: 1.0 }]);
            assert_eq!(unknown.rejected.len(), 1, "{id}: an unknown control is refused");
        }
    }
}

//! The two labs, relation by relation and cause by cause: Diepenbeek (the glovebox as a
//! station, garnet batches and their surface, the anneal furnace, the impedance tester,
//! X-ray patterns of samples, sulfides) and Genk (the sputter chamber, the ALD reactor, the
//! film tester). Each defect appears with its cause and not without it.

#[path = "../common/mod.rs"]
mod common;
mod diepenbeek;
mod genk;

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

//! The electrode stations against their relations, and every defect for its cause and not
//! without it: one module per part of the line, sharing the helpers here.

#[path = "../common/mod.rs"]
mod common;

use sim_core::faults::{ActiveFault, Fault};
use sim_core::product::{DefectKind, ElectrodeRoll, SlurryBatch, cause_matches};
use sim_core::rng;
use sim_core::stations::electrode::calender::{final_porosity, nip_porosity};
use sim_core::stations::electrode::coater::Coater;
use sim_core::stations::electrode::dryer::Dryer;
use sim_core::stations::electrode::mixer::Mixer;
use sim_core::stations::electrode::slitter::Slitter;
use sim_core::stations::{CycleContext, CycleReport, StationKind};
use sim_core::unit::{Payload, Unit, Visit};
use sim_core::{LineLayout, Simulation};

fn layout() -> LineLayout {
    let text = std::fs::read_to_string(common::repo_file("assets/lines/electrode-nmc811.ron")).unwrap();
    LineLayout::from_ron("electrode-nmc811.ron", &text).unwrap()
}

/// The station kinds of the bundled cathode line, in flow order.
fn kinds() -> Vec<StationKind> {
    layout().stations.into_iter().map(|s| s.kind).collect()
}

macro_rules! kind {
    ($kinds:expr, $variant:ident) => {
        $kinds.iter_mut().find_map(|k| if let StationKind::$variant(s) = k { Some(s) } else { None }).unwrap()
    };
}

/// Runs one unit through `kinds` in order (no line flow), with `faults` at each station.
fn run_through(kinds: &mut [StationKind], faults: &[(usize, Fault)], seed: u64) -> (Unit, Vec<CycleReport>) {
    let mut rng = rng::stream(seed, "test");
    let mut unit = Unit::new(1, Payload::Part, 0);
    let mut now = 0;
    let mut reports = Vec::new();
    for (i, kind) in kinds.iter_mut().enumerate() {
        let active: Vec<ActiveFault> = faults
            .iter()
            .filter(|(s, _)| *s == i)
            .map(|(_, f)| ActiveFault { fault: f.clone(), since_ms: 0 })
            .collect();
        unit.history.push(Visit { station: i as u16, start_ms: now, end_ms: now });
        let mut ctx = CycleContext {
            station: i as u16,
            now_ms: now,
            rng: &mut rng,
            faults: &active,
            room_ppmv: None,
            room: None,
        };
        let report = kind.station_mut().start_cycle(&mut unit, &mut ctx);
        now += report.cycle_time_ms;
        reports.push(report);
    }
    (unit, reports)
}

/// True defect kinds on a roll past its start-up metres (not gauge verdicts; the thin
/// start-up metres are scrap anyway, and over-compact at the calender).
fn defect_kinds(roll: &ElectrodeRoll) -> Vec<DefectKind> {
    let mut kinds: Vec<DefectKind> = roll
        .segments
        .iter()
        .filter(|s| !s.defects.iter().any(|d| d.cause == "coating-start-up"))
        .flat_map(|s| s.defects.iter())
        .filter(|d| d.cause != "flagged-by-the-gauge")
        .map(|d| d.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Runs mixer..inspection (the roll before slitting) and returns its true defect kinds.
fn roll_defects(kinds: &mut Vec<StationKind>, faults: &[(usize, Fault)]) -> Vec<DefectKind> {
    kinds.truncate(5);
    let (unit, _) = run_through(kinds, faults, 3);
    match &unit.payload {
        Payload::Roll(roll) => defect_kinds(roll),
        other => panic!("expected a roll, got {:?}", other.kind()),
    }
}

fn batch() -> SlurryBatch {
    let mut k = kinds();
    kind!(k, Mixer).make_batch(0)
}

mod calendering;
mod drying;
mod line;
mod mixing_and_coating;
mod slitting;
mod web;

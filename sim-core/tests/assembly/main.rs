//! The assembly half, relation by relation and cause by cause, and the whole line from
//! slurry to sealed cell.

#[path = "../common/mod.rs"]
mod common;

use sim_core::cell::{Cell, CellDefectKind};
use sim_core::faults::{ActiveFault, Fault};
use sim_core::product::SheetLot;
use sim_core::rng;
use sim_core::stations::{CycleContext, CycleReport, StationKind};
use sim_core::unit::{Payload, Unit};
use sim_core::{LineLayout, Simulation};

fn layout() -> LineLayout {
    common::layout_for("solid-state-cell")
}

/// The bundled line's station kinds by id.
fn kind(id: &str) -> StationKind {
    layout().stations.into_iter().find(|s| s.id == id).unwrap().kind
}

macro_rules! as_kind {
    ($kind:expr, $variant:ident) => {
        match $kind {
            StationKind::$variant(s) => s,
            other => panic!("not a {}: {other:?}", stringify!($variant)),
        }
    };
}

/// A lot of calendered NMC811 sheets as the slitter makes them (77 um, 27 % porosity).
fn lot(sheets: u64) -> SheetLot {
    SheetLot {
        recipe_name: "NMC811".into(),
        sheet_length_m: 0.2,
        sheet_width_m: 0.28,
        sheets,
        solids_kg: sheets as f64 * 0.014,
        sheets_over_burr_limit: 0,
        max_burr_um: 4.0,
        mean_burr_um: 3.0,
        latent_defects: Vec::new(),
        mean_loading_mg_per_cm2: 25.0,
        mean_porosity_frac: 0.27,
        mean_thickness_um: 77.0,
        areal_capacity_mah_per_cm2: 4.8,
        cut_at: 5,
        electrolyte: None,
        anode: None,
        moisture_exposure_ppmv_h: 0.0,
        passport: Vec::new(),
        cell_defects: Vec::new(),
    }
}

/// One cycle of station `i` (kind `k`) on `unit`, with the `faults` meant for it.
fn cycle(
    i: usize,
    k: &mut StationKind,
    unit: &mut Unit,
    faults: &[(usize, Fault)],
    rng: &mut rng::Stream,
    room_ppmv: f64,
) -> CycleReport {
    let active: Vec<ActiveFault> =
        faults.iter().filter(|(s, _)| *s == i).map(|(_, f)| ActiveFault { fault: f.clone(), since_ms: 0 }).collect();
    let mut ctx =
        CycleContext { station: i as u16, now_ms: 0, rng, faults: &active, room_ppmv: Some(room_ppmv), room: None };
    k.station_mut().start_cycle(unit, &mut ctx)
}

/// Runs `unit` through `kinds` (station index = position) with `faults` and `room_ppmv`.
fn run(unit: &mut Unit, kinds: &mut [StationKind], faults: &[(usize, Fault)], room_ppmv: f64) -> Vec<CycleReport> {
    let mut rng = rng::stream(1, "assembly-test");
    kinds.iter_mut().enumerate().map(|(i, k)| cycle(i, k, unit, faults, &mut rng, room_ppmv)).collect()
}

/// A lot through impregnation, curing and lamination, then one cell stacked, pressed and
/// sealed, with `change` applied to the kinds first.
fn make_cell(change: impl FnOnce(&mut Vec<StationKind>), faults: &[(usize, Fault)], room_ppmv: f64) -> Cell {
    let ids = ["impregnator", "curing", "laminator", "stacker", "press", "sealer"];
    let mut kinds: Vec<StationKind> = ids.iter().map(|id| kind(id)).collect();
    change(&mut kinds);
    let mut unit = Unit::new(1, Payload::Sheets(lot(400)), 0);
    run(&mut unit, &mut kinds[..4], faults, room_ppmv);
    assert!(matches!(unit.payload, Payload::Part), "the stacker took the lot into its stock");
    let mut cell_unit = Unit::new(2, Payload::Part, 0);
    let mut rng = rng::stream(2, "cell");
    for (i, k) in kinds.iter_mut().enumerate().skip(3) {
        cycle(i, k, &mut cell_unit, faults, &mut rng, room_ppmv);
    }
    match cell_unit.payload {
        Payload::Cell(cell) => *cell,
        other => panic!("no cell: {other:?}"),
    }
}

mod dry_room;
mod impregnation;
mod line;
mod stacking_pressing_sealing;
mod test_hall;

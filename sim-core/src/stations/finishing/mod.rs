//! The formation and test hall: formation racks, aging racks and the end-of-line tester
//! (reference sections 9 and 10).
//!
//! Racks hold many cells at once. The line moves one unit at a time through a station, so a
//! rack is modelled by its throughput (Little's law, as the curing oven): a cell occupies the
//! station for its rack time over the number of channels, and the rack's capacity is
//! channels / rack time. The lead time of a cell through the rack is therefore not modelled;
//! throughput, bottlenecks and what each cell went through are.
//!
//! Every cell is measured through its own equivalent circuit ([`cell_ecm`]): the circuit
//! fitted once from the SPMe of the line's reference cell (`assets/cells/`), with this
//! cell's capacity and with resistances scaled by what the physics model says of this cell's
//! parameters from its passport (`CellParams::for_cell`).

pub mod aging;
pub mod eol_tester;
pub mod formation;

use std::sync::{Arc, OnceLock};

use crate::cell::{Cell, CircuitScale};
use crate::electrochem::CellParams;
use crate::electrochem::ecm::EcmParams;
use crate::electrochem::from_cell::solid_state_reference;
use crate::electrochem::run::RunResult;
use crate::electrochem::spme::SpmeCell;
use crate::stations::ChannelTrace;

/// The reference cell's circuit, its instantaneous resistance and its electrode area.
struct Reference {
    params: CellParams,
    ecm: EcmParams,
    r_inst_ohm: f64,
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let params = solid_state_reference();
        let (ecm, _) = EcmParams::fit(&SpmeCell::new(params.clone()), "solid-state reference");
        let r_inst_ohm = instantaneous_resistance(&params);
        Reference { params, ecm, r_inst_ohm }
    })
}

/// The SPMe's instantaneous resistance of a full cell at 1C, ohm.
fn instantaneous_resistance(params: &CellParams) -> f64 {
    let i = params.nominal_capacity_ah.max(1e-9);
    let cell = SpmeCell::new(params.clone());
    (cell.voltage(0.0) - cell.voltage(i)) / i
}

/// How `cell`'s circuit differs from the reference's: the physics model's instantaneous
/// resistance of the cell's parameters (from its passport) over the reference's, the
/// electrode areas, the mass.
pub fn circuit_scale(cell: &Cell) -> CircuitScale {
    let r = reference();
    let params = r.params.for_cell(cell);
    CircuitScale {
        r0_ratio: (instantaneous_resistance(&params) / r.r_inst_ohm.max(1e-12)).max(0.0),
        area_ratio: r.params.area_m2() / params.area_m2().max(1e-9),
        mass_kg: params.thermal.mass_kg,
    }
}

/// A made cell's equivalent circuit: the reference circuit's OCV table; the capacity after
/// formation (the design capacity before it); R0 scaled by the physics model's
/// instantaneous resistance of this cell against the reference's, the RC pairs by electrode
/// area ([`circuit_scale`], kept in the cell once it is formed).
pub fn cell_ecm(cell: &Cell) -> Arc<EcmParams> {
    let scale = cell.circuit.unwrap_or_else(|| circuit_scale(cell));
    let mut ecm = reference().ecm.clone();
    ecm.name = "cell as made".into();
    ecm.capacity_ah = cell.formation.as_ref().map_or(cell.capacity_ah, |f| f.capacity_ah).max(1e-6);
    ecm.r0_ohm *= scale.r0_ratio;
    ecm.r1_ohm *= scale.area_ratio;
    ecm.r2_ohm *= scale.area_ratio;
    ecm.thermal.mass_kg = scale.mass_kg;
    Arc::new(ecm)
}

/// Areal capacity of a cell's cathode, mAh/cm2.
pub fn areal_capacity_mah_per_cm2(cell: &Cell) -> f64 {
    1000.0 * cell.capacity_ah / (cell.sheet_area_cm2 * cell.layers as f64).max(1e-9)
}

/// Points a channel screen keeps of a test.
pub const SCREEN_POINTS: usize = 150;
/// Channel screens a rack keeps (its most recent cells).
pub const SCREENS: usize = 4;

/// A run's `[h, V, A]` for a channel screen: at most [`SCREEN_POINTS`] (+ the last) of them.
pub fn screen_points(result: &RunResult) -> Vec<[f64; 3]> {
    let samples = &result.samples;
    let every = samples.len().div_ceil(SCREEN_POINTS).max(1);
    let start = samples.first().map_or(0.0, |s| s.time_s);
    let point = |s: &crate::electrochem::Sample| [(s.time_s - start) / 3600.0, s.voltage_v, s.current_a];
    let mut points: Vec<[f64; 3]> = samples.iter().step_by(every).map(point).collect();
    if let Some(last) = samples.last().filter(|_| !(samples.len() - 1).is_multiple_of(every)) {
        points.push(point(last));
    }
    points
}

/// Keeps `trace` as the newest of at most [`SCREENS`] channel screens.
pub fn keep_screen(screens: &mut Vec<ChannelTrace>, trace: ChannelTrace) {
    screens.push(trace);
    if screens.len() > SCREENS {
        screens.remove(0);
    }
}

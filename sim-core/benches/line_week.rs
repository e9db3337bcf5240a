//! Benchmarks of the line model: a simulated week of the eight-station generic line with
//! failures and of the fast kernel-benchmark line, an 8-hour shift of the electrode line with
//! per-metre segments, and a shift of the whole solid-state cell line (slurry to sealed cell;
//! 16 h, since the first cells need about 5 h to reach the sealer), a day of the Diepenbeek
//! lab.

use criterion::{Criterion, criterion_group, criterion_main};
use sim_core::{LineLayout, Simulation};

fn layout(name: &str) -> LineLayout {
    let path = format!("{}/../assets/lines/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("bundled layout");
    LineLayout::from_ron(&path, &text).expect("valid layout")
}

fn line_runs(c: &mut Criterion) {
    let generic = layout("generic-8.ron");
    c.bench_function("generic-8 line, 168 h with failures", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&generic, 1).expect("valid");
            sim.run_hours(168.0);
            std::hint::black_box(sim.kpis().completed)
        })
    });
    let fast = layout("fast-8.ron");
    c.bench_function("fast-8 line (12-25 s cycles, MTBF 8-100 h), 168 h", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&fast, 1).expect("valid");
            sim.run_hours(168.0);
            std::hint::black_box(sim.kpis().completed)
        })
    });
    let electrode = layout("electrode-nmc811.ron");
    c.bench_function("electrode line (NMC811), 8 h shift, per-metre segments", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&electrode, 1).expect("valid");
            sim.run_hours(8.0);
            std::hint::black_box(sim.kpis().mass_balance.solids_completed_kg)
        })
    });
    let cell_line = layout("solid-state-cell.ron");
    c.bench_function("solid-state cell line, slurry to sealed cell, 16 h", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&cell_line, 1).expect("valid");
            sim.run_hours(16.0);
            std::hint::black_box(sim.kpis().completed)
        })
    });
    let lab = layout("diepenbeek-lab.ron");
    c.bench_function("Diepenbeek lab, 24 h (a pattern and an impedance test per pellet)", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&lab, 1).expect("valid");
            sim.run_hours(24.0);
            std::hint::black_box(sim.kpis().completed)
        })
    });
}

fn cell_model(c: &mut Criterion) {
    use sim_core::electrochem::run::{RunOptions, run};
    use sim_core::electrochem::{CellParams, protocol, spm::SpmCell, spme::SpmeCell};
    let path = format!("{}/../assets/cells/chen2020.ron", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("bundled parameter set");
    let params = CellParams::from_ron(&path, &text).expect("valid parameters").shared();
    let steps = protocol::parse(&["Discharge at 1C until 2.5 V"]).expect("a valid step");
    let options = RunOptions { isothermal: true, ..RunOptions::default() };
    c.bench_function("SPM, Chen2020, 1C discharge to 2.5 V (twin cell's steps)", |b| {
        b.iter(|| {
            std::hint::black_box(run(&mut SpmCell::new(params.clone()), &steps, &options).discharge_capacity_ah())
        })
    });
    c.bench_function("SPMe, Chen2020, 1C discharge to 2.5 V (twin cell's steps)", |b| {
        b.iter(|| {
            std::hint::black_box(run(&mut SpmeCell::new(params.clone()), &steps, &options).discharge_capacity_ah())
        })
    });
}

fn end_of_line_tests(c: &mut Criterion) {
    use sim_core::cell::Cell;
    use sim_core::electrochem::protocol;
    use sim_core::stations::finishing::eol_tester::{TEST_PROTOCOL, measure};
    let steps = protocol::parse(&TEST_PROTOCOL).expect("the tester's protocol");
    // 1000 made cells that differ in fill and passivation, as a shift's cells do.
    let cells: Vec<Cell> = (0..1000)
        .map(|i| {
            let mut c = Cell {
                layers: 20,
                sheet_area_cm2: 558.0,
                capacity_ah: 53.6,
                coating_thickness_um: 76.0,
                porosity_frac: 0.27,
                ..Default::default()
            };
            c.electrolyte.fill_frac = 0.95 + 0.05 * (i % 10) as f64 / 10.0;
            c.electrolyte.sigma_bulk_ms_per_cm = 3.0;
            c.anode.li_thickness_um = 30.0;
            c.anode.passivation_nm = 8.0 + (i % 7) as f64;
            c
        })
        .collect();
    measure(&cells[0], &steps, 25.0); // fits the reference circuit once
    c.bench_function("1000 end-of-line tests (each cell's ECM: CC-CV charge, 1C capacity, DCIR pulse)", |b| {
        b.iter(|| cells.iter().map(|cell| measure(cell, &steps, 25.0).capacity_ah).sum::<f64>())
    });
}

fn xrd_pattern(c: &mut Criterion) {
    use sim_core::xrd::{BUNDLED_STRUCTURES, cif, pattern};
    let llzo = cif::parse("llzo-cubic.cif", BUNDLED_STRUCTURES[0].1).expect("bundled structure");
    c.bench_function("XRD: cubic LLZO, reflections 10-80 degrees (Cu Ka1)", |b| {
        b.iter(|| std::hint::black_box(pattern::reflections(&llzo, pattern::CU_KA1, (10.0, 80.0)).len()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = line_runs, cell_model, end_of_line_tests, xrd_pattern
}
criterion_main!(benches);

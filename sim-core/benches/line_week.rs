//! A simulated week of the eight-station line with failures (issue: "well under a second").

use criterion::{Criterion, criterion_group, criterion_main};
use sim_core::{LineLayout, Simulation};

fn week_of_the_generic_line(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/generic-8.ron");
    let text = std::fs::read_to_string(path).expect("bundled layout");
    let layout = LineLayout::from_ron(path, &text).expect("valid layout");
    c.bench_function("generic-8 line, 168 h with failures", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&layout, 1).expect("valid");
            sim.run_hours(168.0);
            std::hint::black_box(sim.kpis().completed)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = week_of_the_generic_line
}
criterion_main!(benches);

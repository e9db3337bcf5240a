//! The game's own per-frame work without rendering: the fixed-step driver running a
//! scenario at 1000x, screens and trend recording, on the electrode line (full-shift) and on
//! the whole cell line (high-k-cells, slurry to tested cell). Criterion reports the time of
//! 600 frames; divide by 600 for one frame.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use game::testing::{headless_app, start_scenario};

const FRAMES: usize = 600;

fn at_1000x(c: &mut Criterion) {
    for scenario in ["full-shift", "high-k-cells"] {
        frames_of(c, scenario);
    }
}

fn frames_of(c: &mut Criterion, scenario: &str) {
    c.bench_function(&format!("{scenario} at 1000x: 600 frames of game logic"), |b| {
        b.iter_batched(
            || {
                let mut app = headless_app(1000.0);
                start_scenario(&mut app, scenario);
                app
            },
            |mut app| {
                for _ in 0..FRAMES {
                    app.update();
                }
                app
            },
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = at_1000x
}
criterion_main!(benches);

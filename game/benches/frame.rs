//! The game's own per-frame work without rendering: the fixed-step driver running the
//! full-shift scenario at 1000x, screens and trend recording. Criterion reports the time of
//! 600 frames; divide by 600 for one frame.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use game::testing::{headless_app, start_scenario};

const FRAMES: usize = 600;

fn full_line_at_1000x(c: &mut Criterion) {
    c.bench_function("full-shift at 1000x: 600 frames of game logic", |b| {
        b.iter_batched(
            || {
                let mut app = headless_app(1000.0);
                start_scenario(&mut app, "full-shift");
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
    targets = full_line_at_1000x
}
criterion_main!(benches);

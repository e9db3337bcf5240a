//! Trend recording: every readout of every station, sampled as plant time advances, for the
//! trend plots. Only reads the simulation.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::stepping::Twin;
use crate::screens::Screen;

/// Most points kept per series (older points are thinned by half when full).
pub const MAX_POINTS: usize = 4000;

/// (plant hours, value) series keyed by (station index, readout name).
#[derive(Resource, Default, Debug, Clone)]
pub struct Trends {
    pub series: BTreeMap<(usize, String), Vec<[f64; 2]>>,
    /// Series the trainee chose to plot.
    pub plotted: Vec<(usize, String)>,
    last_tick: Option<u64>,
}

impl Trends {
    pub fn toggle(&mut self, key: (usize, String)) {
        match self.plotted.iter().position(|k| *k == key) {
            Some(i) => {
                self.plotted.remove(i);
            }
            None => self.plotted.push(key),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Trends>()
        .add_systems(Update, record.run_if(in_state(Screen::Play).and_then(resource_exists::<Twin>)))
        .add_systems(OnEnter(Screen::Briefing), |mut trends: ResMut<Trends>| *trends = Trends::default());
}

fn record(twin: Res<Twin>, mut trends: ResMut<Trends>) {
    let sim = twin.sim();
    if trends.last_tick == Some(sim.tick) {
        return;
    }
    let rewound = trends.last_tick.is_some_and(|t| sim.tick < t);
    trends.last_tick = Some(sim.tick);
    let hours = sim.now_ms as f64 / 3.6e6;
    if rewound {
        // The instructor rewound the run: what was recorded after that moment never happened.
        for series in trends.series.values_mut() {
            series.retain(|p| p[0] <= hours);
        }
    }
    for i in 0..sim.line.stations.len() {
        for r in sim.readouts(i) {
            if r.text.is_some() || !r.value.is_finite() {
                continue;
            }
            let series = trends.series.entry((i, r.name)).or_default();
            if series.len() >= MAX_POINTS {
                let thinned: Vec<[f64; 2]> = series.iter().step_by(2).copied().collect();
                *series = thinned;
            }
            series.push([hours, r.value]);
        }
    }
}

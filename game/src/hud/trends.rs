//! The trends window, docked along the bottom of the hall view: the plotted readouts over
//! plant hours (recording is in `sim::trends`); closing it clears the plot list.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use l10n::{stations, tr};

use crate::UiSystems;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::sim::trends::Trends;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, trends_window.run_if(in_state(Screen::Play)).in_set(UiSystems::Trends));
}

fn trends_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    mut trends: ResMut<Trends>,
    docks: Res<super::Docks>,
) -> Result {
    if trends.plotted.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let mut open = true;
    let window = egui::Window::new(tr!("trends-title")).id(egui::Id::new("trends")).open(&mut open);
    let (window, height) = match docks.trends {
        // Docked along the bottom of the hall view, under the line.
        Some(dock) => (
            window
                .fixed_pos(dock.min)
                .fixed_size(egui::vec2(dock.width() - 16.0, dock.height() - 44.0))
                .collapsible(false),
            dock.height() - 52.0,
        ),
        None => (
            window
                .default_pos([ctx.viewport_rect().left() + 360.0, ctx.viewport_rect().bottom() - 300.0])
                .default_size([420.0, 240.0]),
            220.0,
        ),
    };
    window.show(ctx, |ui| {
        Plot::new("trend_plot").legend(Legend::default()).height(height).x_axis_label(tr!("trends-plant-hours")).show(
            ui,
            |plot| {
                for (i, name) in &trends.plotted {
                    let Some(points) = trends.series.get(&(*i, name.clone())) else { continue };
                    let Some(station) = sim.line.stations.get(*i) else { continue };
                    // "Slot-die coater: Wet-film gauge (µm)", in the reader's language.
                    let kind = station.kind.kind_name();
                    let readout = sim.readouts(*i).into_iter().find(|r| r.name == *name);
                    let label = readout.as_ref().map_or_else(
                        || name.clone(),
                        |r| format!("{} ({})", stations::readout_label(kind, r), l10n::unit(&r.unit)),
                    );
                    let legend = format!("{}: {label}", l10n::pick(&station.name));
                    plot.line(Line::new(legend, PlotPoints::from(points.clone())));
                }
            },
        );
    });
    if !open {
        trends.plotted.clear();
    }
    Ok(())
}

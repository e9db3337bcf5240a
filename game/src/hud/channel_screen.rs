//! A test rack's channel screen: when the selected station keeps channel traces (the
//! end-of-line tester), a window with the voltage and current of the cell on a chosen
//! channel over its test, as the rack recorded them (the simulation's `channel_traces`;
//! nothing is computed here). It opens in the hall view's upper left corner, clear of the
//! station window in the lower right.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Line, Plot, PlotPoints};
use l10n::{Arg, tr};
use sim_core::stations::ChannelTrace;

use crate::UiSystems;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::world::SelectedStation;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        channel_window.run_if(in_state(Screen::Play)).in_set(UiSystems::StationWindow),
    );
}

fn channel_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    selected: Res<SelectedStation>,
    hall: Res<super::HallArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let Some(index) = selected.0 else { return Ok(()) };
    let Some(station) = sim.line.stations.get(index) else { return Ok(()) };
    let traces = station.kind.station().channel_traces();
    if traces.is_empty() {
        return Ok(());
    }
    // Opens in the hall view's upper left corner (once the panels have left the hall its
    // place: a window opens where it first shows).
    let Some(area) = hall.0 else { return Ok(()) };
    let corner = [area.left() + 10.0, area.top() + 10.0];
    egui::Window::new(tr!("station-channel-screen", station = l10n::pick(&station.name)))
        .id(egui::Id::new("channel_screen"))
        .default_pos(corner)
        .default_width(320.0)
        .resizable(false)
        .show(ctx, |ui| channel_screen(ui, index, traces));
    Ok(())
}

/// The channel picker and the two plots for station `index`'s `traces`.
fn channel_screen(ui: &mut egui::Ui, index: usize, traces: &[ChannelTrace]) {
    let id = egui::Id::new(("channel", index));
    // The newest channel unless the trainee picked another that is still on screen.
    let picked: Option<u64> = ui.data(|d| d.get_temp(id));
    let newest = traces[traces.len() - 1].unit;
    let mut unit = picked.filter(|u| traces.iter().any(|t| t.unit == *u)).unwrap_or(newest);
    let label =
        |t: &ChannelTrace| tr!("station-channel", channel = Arg::Int(t.channel as i64), cell = Arg::Int(t.unit as i64));
    let Some(shown) = traces.iter().find(|t| t.unit == unit) else { return };
    egui::ComboBox::from_id_salt(id).selected_text(label(shown)).show_ui(ui, |ui| {
        for t in traces.iter().rev() {
            ui.selectable_value(&mut unit, t.unit, label(t));
        }
    });
    ui.data_mut(|d| d.insert_temp(id, unit));
    let Some(shown) = traces.iter().find(|t| t.unit == unit) else { return };
    let series = |k: usize| PlotPoints::from(shown.points.iter().map(|p| [p[0], p[k]]).collect::<Vec<_>>());
    let plot = |name: &str| Plot::new((name.to_string(), index)).height(85.0).allow_scroll(false).allow_drag(false);
    ui.label(tr!("station-channel-voltage"));
    plot("voltage").show(ui, |p| p.line(Line::new(tr!("station-channel-voltage"), series(1))));
    ui.label(tr!("station-channel-current"));
    plot("current")
        .x_axis_label(tr!("station-channel-hours"))
        .show(ui, |p| p.line(Line::new(tr!("station-channel-current"), series(2))));
}

//! A test rack's channel screen inside the station window: the voltage and current of the
//! cell on a chosen channel over its test, as the rack recorded them (the simulation's
//! `channel_traces`; nothing is computed here).

use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotPoints};
use l10n::{Arg, tr};
use sim_core::stations::ChannelTrace;

/// Draws the channel picker and the two plots for station `index`'s `traces`.
pub fn channel_screen(ui: &mut egui::Ui, index: usize, traces: &[ChannelTrace]) {
    if traces.is_empty() {
        return;
    }
    let id = egui::Id::new(("channel", index));
    // The newest channel unless the trainee picked another that is still on screen.
    let picked: Option<u64> = ui.data(|d| d.get_temp(id));
    let mut unit = picked.filter(|u| traces.iter().any(|t| t.unit == *u)).unwrap_or(traces[traces.len() - 1].unit);
    let label =
        |t: &ChannelTrace| tr!("station-channel", channel = Arg::Int(t.channel as i64), cell = Arg::Int(t.unit as i64));
    let Some(shown) = traces.iter().find(|t| t.unit == unit) else { return };
    ui.separator();
    egui::ComboBox::from_id_salt(id).selected_text(label(shown)).show_ui(ui, |ui| {
        for t in traces.iter().rev() {
            ui.selectable_value(&mut unit, t.unit, label(t));
        }
    });
    ui.data_mut(|d| d.insert_temp(id, unit));
    let Some(shown) = traces.iter().find(|t| t.unit == unit) else { return };
    let series = |k: usize| PlotPoints::from(shown.points.iter().map(|p| [p[0], p[k]]).collect::<Vec<_>>());
    let plot = |name: &str| {
        Plot::new((name.to_string(), index)).height(90.0).allow_scroll(false).x_axis_label(tr!("station-channel-hours"))
    };
    plot("voltage").y_axis_label(tr!("station-channel-voltage")).show(ui, |p| {
        p.line(Line::new(tr!("station-channel-voltage"), series(1)));
    });
    plot("current").y_axis_label(tr!("station-channel-current")).show(ui, |p| {
        p.line(Line::new(tr!("station-channel-current"), series(2)));
    });
}

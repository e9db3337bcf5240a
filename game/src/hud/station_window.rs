//! The station window: a selected station's state, its control sliders (greyed out where the
//! scenario keeps them from the trainee), its readouts with "plot" boxes, and start, stop
//! and maintenance buttons.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::{stations, tr};
use sim_core::Command;

use super::state_name;

use crate::UiSystems;
use crate::screens::Screen;
use crate::settings::Settings;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::Twin;
use crate::sim::trends::Trends;
use crate::theme::{egui_colour, significant, state_colour};
use crate::world::SelectedStation;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        station_window.run_if(in_state(Screen::Play)).in_set(UiSystems::StationWindow),
    );
}

fn station_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    mut queue: ResMut<CommandQueue>,
    mut selected: ResMut<SelectedStation>,
    mut trends: ResMut<Trends>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let Some(i) = selected.0 else { return Ok(()) };
    let Some(station) = sim.line.stations.get(i) else { return Ok(()) };
    let mut open = true;
    let kind = station.kind.kind_name();
    egui::Window::new(format!(
        "{} ({})",
        l10n::pick(&station.name),
        stations::kind_label(kind, station.kind.station().label())
    ))
    .id(egui::Id::new("station_window"))
    .open(&mut open)
    .default_pos([ctx.viewport_rect().right() - 650.0, ctx.viewport_rect().bottom() - 420.0])
    .default_width(330.0)
    .show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.label(tr!("station-state"));
            ui.label(
                egui::RichText::new(state_name(station.state))
                    .color(egui_colour(state_colour(station.state, settings.colour_blind)))
                    .strong(),
            );
        });
        ui.separator();
        let allowed = twin.run.scenario.trainee_controls.as_ref();
        for control in sim.controls(i) {
            let key = format!("{}.{}", station.id, control.name);
            let enabled = allowed.is_none_or(|a| a.contains(&key));
            let mut value = control.value;
            let slider = egui::Slider::new(&mut value, control.min..=control.max)
                .step_by(control.step)
                .suffix(format!(" {}", l10n::unit(&control.unit)))
                .text(stations::control_label(kind, &control));
            if ui.add_enabled(enabled, slider).changed() && value != control.value {
                queue.send(Command::SetControl { station: station.id.clone(), control: control.name.clone(), value });
            }
        }
        ui.separator();
        egui::Grid::new("readouts").num_columns(3).show(ui, |ui| {
            for r in sim.readouts(i) {
                ui.label(stations::readout_label(kind, &r));
                match &r.text {
                    Some(text) => {
                        ui.monospace(l10n::say(text, &l10n::LineNames(sim)));
                        ui.label("");
                    }
                    None => {
                        ui.monospace(format!("{} {}", significant(r.value), l10n::unit(&r.unit)));
                        let key = (i, r.name.clone());
                        let mut plotted = trends.plotted.contains(&key);
                        if ui.checkbox(&mut plotted, tr!("station-plot")).changed() {
                            trends.toggle(key);
                        }
                    }
                }
                ui.end_row();
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            if station.stop_requested() {
                if ui.button(tr!("station-start")).clicked() {
                    queue.send(Command::StartStation { station: station.id.clone() });
                }
            } else if ui.button(tr!("station-stop")).clicked() {
                queue.send(Command::StopStation { station: station.id.clone() });
            }
            if ui.button(tr!("station-maintenance")).clicked() {
                queue.send(Command::StartMaintenance { station: station.id.clone(), duration_s: 1800.0 });
            }
        });
    });
    if !open {
        selected.0 = None;
    }
    Ok(())
}

//! The station window, docked beside the hall view: a selected station's state, its control sliders (greyed out where the
//! scenario keeps them from the trainee), its readouts with "plot" boxes, and start, stop and maintenance buttons.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::{LineNames, say, stations, tr};
use sim_core::Command;
use sim_core::faults::FaultKind;

use super::state_name;

use crate::UiSystems;
use crate::screens::Screen;
use crate::settings::Settings;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::Twin;
use crate::sim::trends::Trends;
use crate::theme::{egui_colour, plant_clock, significant, state_colour};
use crate::world::SelectedStation;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        station_window.run_if(in_state(Screen::Play)).in_set(UiSystems::StationWindow),
    );
}

#[allow(clippy::too_many_arguments)]
fn station_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    mut queue: ResMut<CommandQueue>,
    mut selected: ResMut<SelectedStation>,
    mut trends: ResMut<Trends>,
    settings: Res<Settings>,
    hall: Res<super::HallArea>,
    docks: Res<super::Docks>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let Some(i) = selected.0 else { return Ok(()) };
    let Some(station) = sim.line.stations.get(i) else { return Ok(()) };
    let mut open = true;
    let kind = station.kind.kind_name();
    // "Droger (4 zones)" already says what it is; "Line 2 coater" (a name of the plant's own)
    // gets its kind beside it.
    let name = l10n::pick(&station.name);
    let kind_label = stations::kind_label(kind, station.kind.station().label());
    let plain = |s: &str| s.to_lowercase().replace('-', " ");
    let title =
        if plain(name).contains(&plain(&kind_label)) { name.to_string() } else { format!("{name} ({kind_label})") };
    let window = egui::Window::new(title).id(egui::Id::new("station_window")).open(&mut open);
    let window = match docks.station {
        // Docked beside the hall view, between it and the objectives.
        Some(dock) => window
            .fixed_pos(dock.min)
            .fixed_size(egui::vec2(dock.width() - 24.0, dock.height() - 20.0))
            .collapsible(false),
        // A window too small for a dock: floating in the hall view's lower right corner.
        None => window
            .default_pos(
                hall.0.map_or([ctx.viewport_rect().right() - 650.0, ctx.viewport_rect().bottom() - 420.0], |r| {
                    [(r.right() - 350.0).max(r.left()), (r.bottom() - 430.0).max(r.top())]
                }),
            )
            .default_width(330.0),
    };
    window.show(ctx, |ui| {
        // Docked, it fills its column from top to bottom, like the panel whose place it takes.
        egui::ScrollArea::vertical().auto_shrink([false, docks.station.is_none()]).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(tr!("station-state"));
                ui.label(
                    egui::RichText::new(state_name(station.state))
                        .color(egui_colour(state_colour(station.state, settings.colour_blind)))
                        .strong(),
                );
            });
            ui.separator();
            let allowed = twin.session.run.scenario.trainee_controls.as_ref();
            for control in sim.controls(i) {
                let key = format!("{}.{}", station.id, control.name);
                let enabled = allowed.is_none_or(|a| a.contains(&key));
                let mut value = control.value;
                let changed = if control.is_switch() {
                    let mut on = value >= 0.5;
                    let changed =
                        ui.add_enabled(enabled, egui::Checkbox::new(&mut on, stations::control_label(kind, &control)));
                    value = if on { 1.0 } else { 0.0 };
                    changed.changed()
                } else {
                    let slider = egui::Slider::new(&mut value, control.min..=control.max)
                        .step_by(control.step)
                        .suffix(format!(" {}", l10n::unit(&control.unit)))
                        .text(stations::control_label(kind, &control));
                    ui.add_enabled(enabled, slider).changed()
                };
                if changed && value != control.value {
                    queue.send(Command::SetControl {
                        station: station.id.clone(),
                        control: control.name.clone(),
                        value,
                    });
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
                if ui.button(tr!("station-maintenance")).on_hover_text(tr!("station-maintenance-tip")).clicked() {
                    queue.send(Command::StartMaintenance { station: station.id.clone(), duration_s: 1800.0 });
                }
            });
            diagnosis_row(ui, &twin, i, &mut queue);
        });
    });
    if !open {
        selected.0 = None;
    }
    Ok(())
}

/// What the trainee thinks is wrong at station `i`: one of the faults its kind can have,
/// recorded before calling maintenance. Whether it was right shows in the debrief only.
fn diagnosis_row(ui: &mut egui::Ui, twin: &Twin, i: usize, queue: &mut CommandQueue) {
    let sim = twin.sim();
    let station = &sim.line.stations[i];
    let candidates = FaultKind::candidates(|f| station.kind.station().accepts_fault(f).is_ok());
    if candidates.is_empty() {
        return;
    }
    let names = LineNames(sim);
    let id = egui::Id::new(("diagnosis", i));
    let mut choice = ui.data(|d| d.get_temp::<usize>(id)).unwrap_or(0).min(candidates.len() - 1);
    ui.horizontal(|ui| {
        ui.label(tr!("station-diagnosis"));
        egui::ComboBox::from_id_salt(id).selected_text(say(&candidates[choice].message(), &names)).show_ui(ui, |ui| {
            for (k, fault) in candidates.iter().enumerate() {
                ui.selectable_value(&mut choice, k, say(&fault.message(), &names));
            }
        });
        if ui.button(tr!("station-record-diagnosis")).on_hover_text(tr!("station-diagnosis-tip")).clicked() {
            queue.send(Command::Diagnose { station: station.id.clone(), fault: candidates[choice] });
        }
    });
    ui.data_mut(|d| d.insert_temp(id, choice));
    if let Some(last) = twin.session.run.diagnoses.iter().rev().find(|d| d.station == station.id) {
        ui.label(
            egui::RichText::new(tr!(
                "station-diagnosis-recorded",
                diagnosis = say(&last.fault.message(), &names),
                at = plant_clock(last.at_ms)
            ))
            .italics(),
        );
    }
}

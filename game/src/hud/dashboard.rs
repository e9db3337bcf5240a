//! The dashboard panel on the left: line KPIs, the station list (click to open a station),
//! scrap by cause and, below, the alarms; on a narrow window the objectives at its top.

use bevy::prelude::*;
use bevy_egui::egui;
use l10n::{Arg, tr};
use l10n::{LineNames, Names};
use sim_core::product::is_planned;

use super::{alarms, state_name};
use crate::screens::Screen;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::{Paused, Twin};
use crate::theme::{egui_colour, percent, state_colour};
use crate::world::SelectedStation;

/// Draws the dashboard on the left of `root`, with the objectives at its top when given
/// them (a window too narrow for two side panels); returns its width.
pub(super) fn show(
    root: &mut egui::Ui,
    twin: &Twin,
    mut queue: Mut<CommandQueue>,
    mut selected: Mut<SelectedStation>,
    colour_blind: bool,
    mut objectives: Option<(Mut<Paused>, Mut<NextState<Screen>>)>,
) -> f32 {
    let sim = twin.sim();
    let kpis = sim.kpis();
    let run = &twin.session.run;
    let cb = colour_blind;
    let left = egui::Panel::left("dashboard").default_size(340.0).resizable(true).show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some((paused, next)) = objectives.as_mut() {
                egui::CollapsingHeader::new(egui::RichText::new(tr!("hud-objectives")).heading())
                    .default_open(true)
                    .show(ui, |ui| super::objectives::contents(ui, run, &mut queue, paused, next));
                ui.separator();
            }
            ui.heading(tr!("hud-line"));
            egui::Grid::new("line_kpis").num_columns(2).striped(true).show(ui, |ui| {
                let mut rows = vec![
                    (tr!("hud-throughput"), tr!("hud-throughput-value", rate = Arg::Num(kpis.throughput_per_h, 2))),
                    (tr!("hud-completed"), format!("{} ({})", kpis.completed, kpis.completed_good)),
                ];
                if kpis.completed_quantity_unit != "units" && !kpis.completed_quantity_unit.is_empty() {
                    rows.push((
                        tr!("hud-output"),
                        format!(
                            "{} {}",
                            l10n::number(kpis.completed_quantity, 0),
                            l10n::unit(&kpis.completed_quantity_unit)
                        ),
                    ));
                }
                rows.extend([
                    (tr!("hud-wip"), format!("{} / {}", kpis.wip, l10n::number(kpis.average_wip, 1))),
                    (tr!("hud-first-pass-yield"), percent(kpis.first_pass_yield)),
                    (tr!("hud-line-oee"), percent(kpis.oee)),
                    (tr!("hud-bottleneck"), kpis.bottleneck.clone()),
                    (tr!("hud-unplanned-scrap"), format!("{} kg", l10n::number(run.unplanned_scrap_kg(), 1))),
                ]);
                for (name, value) in rows {
                    ui.label(name);
                    ui.monospace(value);
                    ui.end_row();
                }
            });
            ui.separator();
            ui.heading(tr!("hud-stations"));
            egui::Grid::new("stations").num_columns(5).striped(true).show(ui, |ui| {
                let headers = [
                    String::new(),
                    tr!("hud-col-station"),
                    tr!("hud-col-state"),
                    tr!("hud-col-fpy"),
                    tr!("hud-col-oee"),
                ];
                for h in headers {
                    ui.label(egui::RichText::new(h).small().strong());
                }
                ui.end_row();
                for (i, s) in kpis.stations.iter().enumerate() {
                    let state = sim.line.stations[i].state;
                    ui.label(egui::RichText::new("⏺").color(egui_colour(state_colour(state, cb))));
                    if ui.selectable_label(selected.0 == Some(i), l10n::pick(&s.name)).clicked() {
                        selected.0 = Some(i);
                    }
                    ui.label(state_name(state));
                    ui.monospace(percent(s.first_pass_yield));
                    ui.monospace(percent(s.oee));
                    ui.end_row();
                }
            });
            // Symptoms only: what each station removed and what showed (a gauge's defect kind,
            // a lab result). Root causes wait for the debrief.
            let mut scrap: Vec<_> = kpis.scrap_removed.iter().filter(|c| !is_planned(&c.cause)).collect();
            if !scrap.is_empty() {
                scrap.sort_by(|a, b| b.solids_kg.total_cmp(&a.solids_kg).then(b.quantity.total_cmp(&a.quantity)));
                ui.separator();
                ui.heading(tr!("hud-scrap-removed"));
                for c in scrap.iter().take(5) {
                    let amount = if c.solids_kg > 0.0 {
                        format!("{} kg", l10n::number(c.solids_kg, 1))
                    } else {
                        format!("{} {}", l10n::number(c.quantity, 0), l10n::unit(&c.quantity_unit))
                    };
                    let station = LineNames(sim).station(l10n::language(), &c.station).unwrap_or_default();
                    ui.label(format!("{amount}  {station}: {}", l10n::symptom(&c.cause)));
                }
            }
            ui.separator();
            alarms::show(ui, sim, queue, cb);
        });
    });
    left.response.rect.width()
}

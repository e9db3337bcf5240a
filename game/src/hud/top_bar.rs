//! The top bar: the side panels' toggles, scenario and plant clock, the time controls, and
//! the site picker (with a
//! note over the hall for sites still waiting for their stations).

use bevy::prelude::*;
use bevy_egui::egui;
use l10n::{Arg, tr};
use sim_core::scenario::run::ScenarioRun;

use crate::screens::Screen;
use crate::sim::stepping::{Paused, PlantSpeed};
use crate::theme::plant_clock;
use crate::world::sites::{self, ShownSite};

/// Speeds offered by the time controls (plant seconds per real second).
pub const SPEEDS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

/// Draws the top bar across `root`; returns its height.
pub(super) fn show(
    root: &mut egui::Ui,
    run: &ScenarioRun,
    mut speed: Mut<PlantSpeed>,
    mut paused: Mut<Paused>,
    mut site: Mut<ShownSite>,
    mut next: Mut<NextState<Screen>>,
    mut side: Mut<super::SidePanels>,
) -> f32 {
    let sim = &run.sim;
    let top = egui::Panel::top("clock").show(root, |ui| {
        ui.horizontal(|ui| {
            if ui
                .selectable_label(side.dashboard, tr!("hud-show-dashboard"))
                .on_hover_text(tr!("hud-panel-tip"))
                .clicked()
            {
                side.dashboard = !side.dashboard;
            }
            ui.label(egui::RichText::new(tr!("title-name")).strong());
            ui.separator();
            ui.label(l10n::pick(&run.scenario.title));
            ui.separator();
            ui.monospace(plant_clock(sim.now_ms));
            ui.label(tr!("hud-duration", hours = Arg::Num(run.scenario.duration_h, 1)));
            ui.separator();
            for s in SPEEDS {
                if ui.selectable_label(speed.0 == s && !paused.0, tr!("hud-speed", speed = s as u64)).clicked() {
                    speed.0 = s;
                    paused.0 = false;
                }
            }
            if ui.selectable_label(paused.0, tr!("hud-pause")).clicked() {
                paused.0 = !paused.0;
            }
            ui.separator();
            egui::ComboBox::from_id_salt("site").selected_text(site.spec().title()).show_ui(ui, |ui| {
                for (i, spec) in sites::all().iter().enumerate() {
                    if ui.selectable_label(site.0 == i, spec.title()).clicked() {
                        site.0 = i;
                    }
                }
            });
            ui.separator();
            if ui.button(tr!("hud-all-scenarios")).on_hover_text(tr!("hud-all-scenarios-tip")).clicked() {
                next.set(Screen::Select);
            }
            ui.separator();
            if ui
                .selectable_label(side.objectives, tr!("hud-show-objectives"))
                .on_hover_text(tr!("hud-panel-tip"))
                .clicked()
            {
                side.objectives = !side.objectives;
            }
        });
    });
    top.response.rect.height()
}

/// What the shown site will hold (if its note says), over the hall under the top bar.
pub(super) fn site_note(ctx: &egui::Context, site: ShownSite, hall: egui::Rect) {
    let Some(note) = site.spec().note() else { return };
    // Centred over the hall view (not the window), wrapped to its width.
    egui::Area::new("site_note".into())
        .pivot(egui::Align2::CENTER_TOP)
        .fixed_pos(egui::pos2(hall.center().x, hall.top() + 20.0))
        .interactable(false)
        .show(ctx, |ui| {
            ui.set_max_width((hall.width() - 24.0).max(120.0));
            ui.label(
                egui::RichText::new(note)
                    .size(16.0)
                    .background_color(egui::Color32::from_black_alpha(160))
                    .color(egui::Color32::WHITE),
            );
        });
}

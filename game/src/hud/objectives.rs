//! The objectives panel on the right: progress and score so far, scenario messages, hints
//! (each costs points) and ending the scenario early.

use bevy::prelude::*;
use bevy_egui::egui;
use sim_core::Command;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

use crate::screens::Screen;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::Paused;
use crate::theme::plant_clock;

/// Draws the objectives on the right of `root`; returns its width.
pub(super) fn show(
    root: &mut egui::Ui,
    run: &ScenarioRun,
    mut queue: Mut<CommandQueue>,
    mut paused: Mut<Paused>,
    mut next: Mut<NextState<Screen>>,
) -> f32 {
    let right = egui::Panel::right("objectives").default_size(300.0).resizable(true).show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Objectives");
            let now_score = score(run);
            for o in &now_score.objectives {
                ui.label(&o.title);
                ui.add(egui::ProgressBar::new(o.achieved as f32).text(o.detail.clone()));
            }
            ui.label(format!("Score so far: {:.0} / 100", now_score.total));
            ui.separator();
            ui.heading("Messages");
            if run.messages.is_empty() {
                ui.label("None yet.");
            }
            for (at, text) in run.messages.iter().rev().take(6) {
                ui.label(format!("{}  {text}", plant_clock(*at)));
            }
            ui.separator();
            ui.heading("Hints");
            for (i, h) in run.scenario.hints.iter().enumerate() {
                let taken = run.hints_taken.iter().any(|(k, _)| *k as usize == i);
                if taken {
                    ui.label(format!("• {}", h.text));
                } else if ui
                    .add_enabled(
                        run.hours() >= h.available_after_h,
                        egui::Button::new(format!("Take hint {} (-{} points)", i + 1, h.penalty)),
                    )
                    .clicked()
                {
                    queue.send(Command::TakeHint { hint: i as u32 });
                }
            }
            ui.separator();
            if ui.button("End the scenario now").clicked() {
                paused.0 = false;
                next.set(Screen::Debrief);
            }
        });
    });
    right.response.rect.width()
}

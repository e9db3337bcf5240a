//! The objectives panel on the right: progress and score so far, scenario messages, hints
//! (each costs points) and ending the scenario early. On a narrow window they go into the
//! dashboard's panel instead, so that the hall keeps most of the window.

use bevy::prelude::*;
use bevy_egui::egui;
use l10n::tr;
use l10n::{LineNames, say};
use sim_core::Command;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::provisional;

use crate::screens::Screen;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::Paused;
use crate::theme::{plant_clock, short_number};

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
            ui.heading(tr!("hud-objectives"));
            contents(ui, run, &mut queue, &mut paused, &mut next);
        });
    });
    right.response.rect.width()
}

/// The objectives under their heading: progress and score, messages, hints, ending early
/// (in their own panel, or in the dashboard's on a narrow window).
pub(super) fn contents(
    ui: &mut egui::Ui,
    run: &ScenarioRun,
    queue: &mut CommandQueue,
    paused: &mut Paused,
    next: &mut NextState<Screen>,
) {
    let now_score = provisional(run);
    for o in &now_score.objectives {
        ui.label(l10n::pick(&o.title));
        // The detail under a thin bar, wrapped: a narrow panel never cuts it off.
        ui.add(egui::ProgressBar::new(o.achieved as f32).desired_height(6.0));
        ui.label(say(&o.detail, &LineNames(&run.sim)));
    }
    ui.label(tr!("hud-score-so-far", score = l10n::Arg::Num(now_score.total, 0)));
    ui.separator();
    ui.heading(tr!("hud-messages"));
    if run.messages.is_empty() {
        ui.label(tr!("hud-no-messages"));
    }
    for (at, text) in run.messages.iter().rev().take(6) {
        ui.label(format!("{}  {}", plant_clock(*at), say(text, &LineNames(&run.sim))));
    }
    ui.separator();
    ui.heading(tr!("hud-hints"));
    for (i, h) in run.scenario.hints.iter().enumerate() {
        let taken = run.hints_taken.iter().any(|(k, _)| *k as usize == i);
        if taken {
            ui.label(format!("• {}", l10n::pick(&h.text)));
        } else if ui
            .add_enabled(
                run.hours() >= h.available_after_h,
                egui::Button::new(tr!("hud-take-hint", number = i + 1, points = short_number(h.penalty, 2))),
            )
            .clicked()
        {
            queue.send(Command::TakeHint { hint: i as u32 });
        }
    }
    ui.separator();
    if ui.button(tr!("hud-end-now")).clicked() {
        paused.0 = false;
        next.set(Screen::Debrief);
    }
}

//! The briefing screen: entering it builds the run of the selected scenario; the window
//! tells the trainee what the scenario is about before they start.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::{Arg, tr};

use super::Screen;
use super::select::{Selection, difficulty};
use crate::UiSystems;
use crate::catalogue::Catalogue;
use crate::records::Trainee;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::{Paused, Twin};
use crate::theme::{centred_window, short_number};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Briefing), start_run).add_systems(
        EguiPrimaryContextPass,
        briefing_screen.run_if(in_state(Screen::Briefing)).in_set(UiSystems::Screens),
    );
}

/// Builds the run of the selected scenario (back to the list if there is none).
fn start_run(
    mut commands: Commands,
    selection: Res<Selection>,
    catalogue: Res<Catalogue>,
    mut next: ResMut<NextState<Screen>>,
    mut paused: ResMut<Paused>,
) {
    let entry = selection.index.and_then(|i| catalogue.entries.get(i));
    match entry.map(|e| Twin::new(e, selection.seed)) {
        Some(Ok(twin)) => {
            commands.insert_resource(twin);
            commands.insert_resource(CommandQueue::default());
            paused.0 = false;
        }
        Some(Err(e)) => {
            error!("cannot start the scenario: {e}");
            next.set(Screen::Select);
        }
        None => next.set(Screen::Select),
    }
}

fn briefing_screen(
    mut contexts: EguiContexts,
    twin: Option<Res<Twin>>,
    mut trainee: ResMut<Trainee>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(twin) = twin else { return Ok(()) };
    let s = &twin.session.run.scenario;
    centred_window("briefing").min_width(640.0).max_width(720.0).show(ctx, |ui| {
        ui.heading(l10n::pick(&s.title));
        ui.label(tr!(
            "briefing-summary",
            difficulty = difficulty(s.difficulty),
            minutes = Arg::Num(s.estimated_minutes, 0),
            hours = short_number(s.duration_h, 2),
            line = &twin.layout.title,
        ));
        ui.separator();
        ui.label(egui::RichText::new(l10n::pick(&s.briefing)).size(16.0));
        if !s.learning_goals.is_empty() {
            ui.add_space(6.0);
            ui.label(egui::RichText::new(tr!("briefing-learn")).strong());
            for g in &s.learning_goals {
                ui.label(format!("• {}", l10n::pick(g)));
            }
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new(tr!("briefing-objectives")).strong());
        for o in &s.objectives {
            ui.label(tr!("briefing-objective", title = &o.title, weight = short_number(o.weight, 2)));
        }
        if !s.hints.is_empty() {
            ui.label(tr!("briefing-hints", count = s.hints.len()));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            // Whose run this is: the results and the debrief's progress go under this name.
            ui.label(tr!("briefing-trainee"));
            ui.add(egui::TextEdit::singleline(&mut trainee.0).char_limit(results::record::MAX_TRAINEE_CHARS));
        });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button(tr!("briefing-back")).clicked() {
                next.set(Screen::Select);
            }
            if ui.add(egui::Button::new(egui::RichText::new(tr!("briefing-start")).strong())).clicked() {
                next.set(Screen::Play);
            }
        });
    });
    Ok(())
}

//! The scenario select screen: the catalogue as a table, the chosen scenario, and back to
//! the title or on to the briefing. Coming back here drops the run.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;
use sim_core::scenario::{Audience, Difficulty};

use super::Screen;
use crate::UiSystems;
use crate::catalogue::Catalogue;
use crate::sim::stepping::Twin;
use crate::theme::centred_window;

/// The scenario chosen on the select screen (catalogue index) and an optional seed.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub index: Option<usize>,
    pub seed: Option<u64>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Selection>()
        .add_systems(OnEnter(Screen::Select), drop_run)
        .add_systems(EguiPrimaryContextPass, select_screen.run_if(in_state(Screen::Select)).in_set(UiSystems::Screens));
}

fn drop_run(mut commands: Commands) {
    commands.remove_resource::<Twin>();
}

fn select_screen(
    mut contexts: EguiContexts,
    catalogue: Res<Catalogue>,
    mut selection: ResMut<Selection>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    centred_window("select").min_width(820.0).show(ctx, |ui| {
        ui.heading(tr!("select-title"));
        ui.add_space(6.0);
        egui::Grid::new("catalogue").num_columns(5).striped(true).spacing([18.0, 8.0]).show(ui, |ui| {
            let headers = [
                tr!("select-col-scenario"),
                tr!("select-col-level"),
                tr!("select-col-minutes"),
                tr!("select-col-line"),
                tr!("select-col-audience"),
            ];
            for h in headers {
                ui.label(egui::RichText::new(h).strong());
            }
            ui.end_row();
            for (i, e) in catalogue.entries.iter().enumerate() {
                let s = &e.scenario;
                if ui.selectable_label(selection.index == Some(i), l10n::pick(&s.title)).clicked() {
                    selection.index = Some(i);
                }
                ui.label(difficulty(s.difficulty));
                ui.label(l10n::number(s.estimated_minutes, 0));
                ui.label(&s.line);
                ui.label(s.audience.iter().map(|&a| audience(a)).collect::<Vec<_>>().join(", "));
                ui.end_row();
            }
        });
        for e in &catalogue.errors {
            ui.colored_label(egui::Color32::RED, e.to_string());
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(tr!("select-back")).clicked() {
                next.set(Screen::Title);
            }
            let ready = selection.index.is_some();
            if ui.add_enabled(ready, egui::Button::new(tr!("select-briefing"))).clicked() {
                next.set(Screen::Briefing);
            }
        });
    });
    Ok(())
}

/// A scenario's difficulty as the trainee reads it.
pub(super) fn difficulty(d: Difficulty) -> String {
    match d {
        Difficulty::Tutorial => tr!("select-difficulty-tutorial"),
        Difficulty::Beginner => tr!("select-difficulty-beginner"),
        Difficulty::Intermediate => tr!("select-difficulty-intermediate"),
        Difficulty::Advanced => tr!("select-difficulty-advanced"),
    }
}

/// Who a scenario is for, as the trainee reads it.
fn audience(a: Audience) -> String {
    match a {
        Audience::Operator => tr!("select-audience-operator"),
        Audience::Technician => tr!("select-audience-technician"),
        Audience::Engineer => tr!("select-audience-engineer"),
        Audience::Public => tr!("select-audience-public"),
    }
}

//! The scenario select screen: the catalogue as a table, the chosen scenario, and back to
//! the title or on to the briefing. Coming back here drops the run.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

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
        ui.heading("Choose a scenario");
        ui.add_space(6.0);
        egui::Grid::new("catalogue").num_columns(5).striped(true).spacing([18.0, 8.0]).show(ui, |ui| {
            for h in ["scenario", "level", "minutes", "line", "for"] {
                ui.label(egui::RichText::new(h).strong());
            }
            ui.end_row();
            for (i, e) in catalogue.entries.iter().enumerate() {
                let s = &e.scenario;
                if ui.selectable_label(selection.index == Some(i), &s.title).clicked() {
                    selection.index = Some(i);
                }
                ui.label(format!("{:?}", s.difficulty));
                ui.label(format!("{:.0}", s.estimated_minutes));
                ui.label(&s.line);
                ui.label(s.audience.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", "));
                ui.end_row();
            }
        });
        for e in &catalogue.errors {
            ui.colored_label(egui::Color32::RED, e);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            let ready = selection.index.is_some();
            if ui.add_enabled(ready, egui::Button::new("Briefing")).clicked() {
                next.set(Screen::Briefing);
            }
        });
    });
    Ok(())
}

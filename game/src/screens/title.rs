//! The title screen: choose a scenario, open the settings, quit (desktop).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;

use super::Screen;
use crate::UiSystems;
use crate::settings::Settings;
use crate::theme::centred_window;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, title_screen.run_if(in_state(Screen::Title)).in_set(UiSystems::Screens));
}

fn title_screen(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut settings: ResMut<Settings>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    centred_window("title").min_width(460.0).show(ctx, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(12.0);
            ui.label(egui::RichText::new(tr!("title-name")).size(40.0).strong());
            ui.label(egui::RichText::new(tr!("title-tagline")).size(16.0));
            ui.label(tr!("title-sites"));
            ui.add_space(18.0);
            let button = |ui: &mut egui::Ui, text: String| {
                ui.add_sized([260.0, 36.0], egui::Button::new(egui::RichText::new(text).size(18.0)))
            };
            if button(ui, tr!("title-choose")).clicked() {
                next.set(Screen::Select);
            }
            if button(ui, tr!("title-settings")).clicked() {
                settings.open = true;
            }
            #[cfg(not(target_arch = "wasm32"))]
            if button(ui, tr!("title-quit")).clicked() {
                exit.write(AppExit::Success);
            }
            ui.add_space(12.0);
        });
    });
    let _ = &mut exit;
    Ok(())
}

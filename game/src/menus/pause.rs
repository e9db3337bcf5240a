//! The pause menu over the play screen: resume, settings, end the scenario (debrief) or quit
//! to the scenario list. The plant stops while it is open.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use l10n::tr;

use crate::UiSystems;
use crate::screens::Screen;
use crate::settings::Settings;
use crate::sim::stepping::Paused;
use crate::theme::centred_window;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, pause_menu.run_if(in_state(Screen::Play)).in_set(UiSystems::Menus));
}

fn pause_menu(
    mut contexts: EguiContexts,
    mut paused: ResMut<Paused>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    if !paused.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    centred_window("pause").min_width(300.0).show(ctx, |ui| {
        ui.vertical_centered(|ui| {
            ui.heading(tr!("pause-title"));
            if ui.button(tr!("pause-resume")).clicked() {
                paused.0 = false;
            }
            if ui.button(tr!("pause-settings")).clicked() {
                settings.open = true;
            }
            if ui.button(tr!("pause-end")).clicked() {
                paused.0 = false;
                next.set(Screen::Debrief);
            }
            if ui.button(tr!("pause-quit")).clicked() {
                paused.0 = false;
                next.set(Screen::Select);
            }
        });
    });
    Ok(())
}

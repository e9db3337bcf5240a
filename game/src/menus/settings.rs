//! The settings window (language, volume, UI scale, colour-blind-safe palette), opened from
//! the title screen or the pause menu, and the UI scale applied to egui every frame.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::{Lang, tr};

use crate::UiSystems;
use crate::settings::Settings;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (apply_ui_scale.in_set(UiSystems::Style), settings_window.in_set(UiSystems::Settings)),
    );
}

fn apply_ui_scale(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if (ctx.zoom_factor() - settings.ui_scale).abs() > 1e-3 {
        ctx.set_zoom_factor(settings.ui_scale);
    }
    Ok(())
}

fn settings_window(mut contexts: EguiContexts, mut settings: ResMut<Settings>) -> Result {
    if !settings.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new(tr!("settings-title")).id(egui::Id::new("settings")).open(&mut open).collapsible(false).show(
        ctx,
        |ui| {
            let mut language = settings.language;
            egui::ComboBox::from_label(tr!("settings-language")).selected_text(language.endonym()).show_ui(ui, |ui| {
                for lang in Lang::ALL {
                    ui.selectable_value(&mut language, lang, lang.endonym());
                }
            });
            if language != settings.language {
                settings.language = language;
            }
            ui.add(egui::Slider::new(&mut settings.volume, 0.0..=1.0).text(tr!("settings-volume")));
            ui.add(egui::Slider::new(&mut settings.ui_scale, 0.75..=2.0).text(tr!("settings-ui-scale")));
            ui.checkbox(&mut settings.colour_blind, tr!("settings-colour-blind"));
        },
    );
    if !open {
        settings.open = false;
    }
    Ok(())
}

//! The title screen: choose a scenario, open the settings, quit (desktop); behind it the
//! public tour's line runs at a calm speed while the camera swings slowly across it.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;

use bevy::window::PrimaryWindow;

use super::Screen;
use crate::UiSystems;
use crate::camera::{FrameTarget, Orbit};
use crate::catalogue::Catalogue;
use crate::settings::Settings;
use crate::sim::stepping::Twin;
use crate::theme::centred_window;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), start_showcase)
        .add_systems(OnExit(Screen::Title), end_showcase)
        .add_systems(Update, run_showcase.run_if(in_state(Screen::Title).and_then(resource_exists::<Showcase>)))
        .add_systems(EguiPrimaryContextPass, title_screen.run_if(in_state(Screen::Title)).in_set(UiSystems::Screens));
}

/// The scenario whose line runs behind the title.
const SHOWCASE: &str = "public-tour";
/// Its plant seconds per real second.
const SHOWCASE_SPEED: f64 = 30.0;

/// Marks the run behind the title as the title's own (dropped when the title closes).
#[derive(Resource, Default)]
struct Showcase {
    owed_ms: f64,
    seconds: f32,
}

fn start_showcase(mut commands: Commands, catalogue: Res<Catalogue>, twin: Option<Res<Twin>>) {
    if twin.is_some() {
        return;
    }
    if let Some(Ok(twin)) = catalogue.find(SHOWCASE).map(|e| Twin::new(e, None)) {
        commands.insert_resource(twin);
        commands.insert_resource(Showcase::default());
    }
}

fn end_showcase(mut commands: Commands, showcase: Option<Res<Showcase>>) {
    if showcase.is_some() {
        commands.remove_resource::<Showcase>();
        commands.remove_resource::<Twin>();
    }
}

/// Ticks the line and swings the camera gently across it, keeping it all in view.
fn run_showcase(
    time: Res<Time>,
    mut showcase: ResMut<Showcase>,
    mut twin: ResMut<Twin>,
    orbit: Option<ResMut<Orbit>>,
    frame: Option<Res<FrameTarget>>,
    window: Query<&Window, With<PrimaryWindow>>,
) {
    let step_ms = twin.session.run.sim.step_ms as f64;
    showcase.owed_ms += time.delta_secs_f64() * 1000.0 * SHOWCASE_SPEED;
    let ticks = ((showcase.owed_ms / step_ms) as u64).min(64);
    showcase.owed_ms -= ticks as f64 * step_ms;
    for _ in 0..ticks {
        if twin.session.run.is_finished() {
            break;
        }
        twin.session.tick(&[], &[]);
    }
    showcase.seconds += time.delta_secs();
    if let (Some(mut orbit), Some(frame), Ok(window)) = (orbit, frame, window.single()) {
        orbit.yaw = -0.12 + 0.35 * (0.08 * showcase.seconds).sin();
        orbit.pitch = -0.42;
        // Framed whole, then eye and focus lowered together so that the line rises into the
        // upper half, above the title's menu (a vertical shift keeps every point's depth and
        // so its place across: still whole).
        let ground = frame.points.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
        orbit.focus.y = ground + 1.0;
        orbit.frame(&frame.points, window.width() / window.height().max(1.0));
        orbit.focus.y -= 0.16 * orbit.radius;
    }
}

fn title_screen(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut settings: ResMut<Settings>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // In the lower part of the window, under the line running behind it.
    centred_window("title").anchor(egui::Align2::CENTER_BOTTOM, [0.0, -36.0]).min_width(460.0).show(ctx, |ui| {
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

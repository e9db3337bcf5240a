//! Hot reload of the scenario file an author is writing (`--scenario-file PATH`): while
//! playing, a change to the file restarts the scenario at the same plant time with the
//! commands given so far (`Session::reload`); an invalid file leaves the session running and
//! its located error (file, line:column, field) shows over the hall until the file is fixed.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;

use crate::UiSystems;
use crate::hud::HallArea;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::theme::plant_clock;

/// The scenario file being edited, and what was last read of it.
#[derive(Resource, Debug, Clone)]
pub struct WatchedScenario {
    pub path: std::path::PathBuf,
    /// (modification time, length) at the last look.
    stamp: Option<(std::time::SystemTime, u64)>,
    /// The text last read (a save that changes nothing reloads nothing).
    text: String,
}

impl WatchedScenario {
    /// Watches `path`, whose present `text` the running session was started from.
    pub fn new(path: std::path::PathBuf, text: String) -> Self {
        let stamp = stamp(&path);
        Self { path, stamp, text }
    }
}

fn stamp(path: &std::path::Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The outcome of the last reload, shown over the hall.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub enum ReloadStatus {
    #[default]
    None,
    /// Reloaded; the plant time it restarted at.
    Applied { at_ms: u64 },
    /// The file does not read or validate: the located report.
    Invalid(String),
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReloadStatus>()
        .add_systems(Update, watch.run_if(in_state(Screen::Play).and_then(resource_exists::<WatchedScenario>)))
        .add_systems(
            EguiPrimaryContextPass,
            status_window.run_if(in_state(Screen::Play)).in_set(UiSystems::Instructor),
        );
}

/// Looks at the file each frame (one `stat`); reads and applies it when it changed.
fn watch(mut watched: ResMut<WatchedScenario>, twin: Option<ResMut<Twin>>, mut status: ResMut<ReloadStatus>) {
    let Some(mut twin) = twin else { return };
    let now = stamp(&watched.path);
    if now == watched.stamp {
        return;
    }
    watched.stamp = now;
    let Ok(text) = std::fs::read_to_string(&watched.path).map(sim_core::input::without_bom) else { return };
    if text == watched.text {
        return;
    }
    watched.text = text.clone();
    *status = apply(&mut twin, text);
}

/// Reloads the session from the edited `text`; the session is untouched when it is invalid.
pub fn apply(twin: &mut Twin, text: String) -> ReloadStatus {
    let file = twin.file.clone();
    let layout = twin.layout.clone();
    match twin.session.reload(&file, &text, &layout) {
        Ok(()) => {
            twin.text = text;
            info!("{file} reloaded at plant time {}", plant_clock(twin.session.run.sim.now_ms));
            ReloadStatus::Applied { at_ms: twin.session.run.sim.now_ms }
        }
        Err(e) => {
            let report = e.all_messages().join("\n");
            warn!("{file} not reloaded: {report}");
            ReloadStatus::Invalid(report)
        }
    }
}

/// The reload's outcome in the hall's top left corner: the located error while the file is
/// invalid, a short note after a reload.
fn status_window(
    mut contexts: EguiContexts,
    mut status: ResMut<ReloadStatus>,
    watched: Option<Res<WatchedScenario>>,
    hall: Option<Res<HallArea>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(watched) = watched else { return Ok(()) };
    let file = watched.path.display().to_string();
    let corner = hall.and_then(|h| h.0).map_or(egui::pos2(8.0, 48.0), |r| r.left_top() + egui::vec2(8.0, 8.0));
    let mut close = false;
    match &*status {
        ReloadStatus::None => {}
        ReloadStatus::Applied { at_ms } => {
            egui::Area::new("scenario_reloaded".into()).fixed_pos(corner).show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(tr!("instructor-reloaded", file = file.as_str(), at = plant_clock(*at_ms)));
                        close = ui.small_button("✕").clicked();
                    });
                });
            });
        }
        ReloadStatus::Invalid(report) => {
            egui::Window::new(tr!("instructor-reload-failed-title"))
                .id(egui::Id::new("scenario_reload_error"))
                .default_pos(corner)
                .default_width(520.0)
                .collapsible(true)
                .show(ctx, |ui| {
                    ui.colored_label(
                        egui::Color32::from_rgb(230, 80, 60),
                        tr!("instructor-reload-failed", file = file.as_str()),
                    );
                    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        ui.add(egui::Label::new(egui::RichText::new(report).monospace()).wrap());
                    });
                });
        }
    }
    if close {
        *status = ReloadStatus::None;
    }
    Ok(())
}

//! The play screen's heads-up display: the top bar, the dashboard (with the alarms) and the
//! objectives framing the 3D view, plus the station window, the trends window and the
//! station tags over the hall. Everything here reads the simulation and queues commands;
//! nothing computes physics.
//!
//! The three panels share one background `Ui` so the hall's viewport can be fitted to what
//! they leave free; they are drawn in that order by one system, which also lays out the
//! docks of the station window and the trends ([`Docks`]) beside the hall view.

use bevy::camera::Viewport;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;
use sim_core::line::EquipmentState;

use crate::UiSystems;
use crate::camera::{FrameTarget, HallCamera, Orbit};
use crate::screens::Screen;
use crate::settings::Settings;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::{Paused, PlantSpeed, Twin};
use crate::sim::trends::Trends;
use crate::world::SelectedStation;
use crate::world::sites::ShownSite;

mod alarms;
mod channel_screen;
mod dashboard;
mod diffractogram;
mod objectives;
mod station_tags;
pub use station_tags::SIGN_FRONT_M;
mod station_window;
pub mod top_bar;
mod trends;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HallArea>().init_resource::<Docks>().init_resource::<SidePanels>();
    app.add_plugins((
        station_window::plugin,
        channel_screen::plugin,
        diffractogram::plugin,
        trends::plugin,
        station_tags::plugin,
    ))
    .add_systems(
        EguiPrimaryContextPass,
        (
            panels.run_if(in_state(Screen::Play)).in_set(UiSystems::Panels),
            full_viewport.run_if(not(in_state(Screen::Play))).in_set(UiSystems::Overlays),
        ),
    );
}

/// Which side panels are open: the trainee collapses the dashboard or the objectives from
/// the top bar to give the hall the window.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SidePanels {
    pub dashboard: bool,
    pub objectives: bool,
}

impl Default for SidePanels {
    fn default() -> Self {
        Self { dashboard: true, objectives: true }
    }
}

/// The part of the window the panels and docks leave to the hall view, in egui points.
#[derive(Resource, Default)]
pub struct HallArea(pub Option<egui::Rect>);

/// Where the station window and the trends dock beside the hall view (egui points), so that
/// they cover neither the line nor each other: the station window in a column at the hall's
/// right, the trends in a strip along its bottom. `None` while closed, or when the window is
/// too small for a dock (then they float).
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct Docks {
    pub station: Option<egui::Rect>,
    pub trends: Option<egui::Rect>,
}

/// Width of the station window's dock, points.
const STATION_DOCK_W: f32 = 340.0;
/// Height of the trends' dock, points.
const TRENDS_DOCK_H: f32 = 240.0;
/// Least hall view kept beside the docks, points.
const MIN_HALL_VIEW: f32 = 260.0;
/// About the objectives panel's width, points.
const OBJECTIVES_W: f32 = 300.0;
/// Window width below which the objectives share the dashboard's panel, points.
const TWO_PANELS_MIN_W: f32 = 1500.0;
/// Hall view width below which a docked station window takes the objectives' place.
const MIN_HALL_VIEW_BESIDE_DOCK: f32 = 560.0;

/// Everything the three panels touch.
#[derive(SystemParam)]
struct PanelParams<'w, 's> {
    twin: Res<'w, Twin>,
    queue: ResMut<'w, CommandQueue>,
    speed: ResMut<'w, PlantSpeed>,
    paused: ResMut<'w, Paused>,
    selected: ResMut<'w, SelectedStation>,
    site: ResMut<'w, ShownSite>,
    settings: Res<'w, Settings>,
    next: ResMut<'w, NextState<Screen>>,
    camera: Query<'w, 's, &'static mut Camera, With<HallCamera>>,
    orbit: ResMut<'w, Orbit>,
    frame: ResMut<'w, FrameTarget>,
    window: Query<'w, 's, &'static Window, With<PrimaryWindow>>,
    hall: ResMut<'w, HallArea>,
    docks: ResMut<'w, Docks>,
    trends: Res<'w, Trends>,
    side: ResMut<'w, SidePanels>,
}

/// Top bar, dashboard and objectives around the hall, whose view is fitted between them.
fn panels(mut contexts: EguiContexts, mut p: PanelParams) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let twin = &*p.twin;
    let top_height = top_bar::show(
        &mut root,
        &twin.session.run,
        p.speed.reborrow(),
        p.paused.reborrow(),
        p.site.reborrow(),
        p.next.reborrow(),
        p.side.reborrow(),
    );
    let full = ctx.viewport_rect();
    // A window too narrow for two side panels beside a useful hall gets one: the objectives
    // go to the top of the dashboard.
    let objectives_in_dashboard = p.side.dashboard && p.side.objectives && full.width() < TWO_PANELS_MIN_W;
    let left_width = if p.side.dashboard {
        let objectives = objectives_in_dashboard.then(|| (p.paused.reborrow(), p.next.reborrow()));
        dashboard::show(&mut root, twin, p.queue.reborrow(), p.selected.reborrow(), p.settings.colour_blind, objectives)
    } else {
        0.0
    };
    // On a window too narrow for the objectives, a station window and a useful hall view side
    // by side, the station window takes the objectives' place while it is open.
    let station_replaces_objectives =
        p.selected.0.is_some() && full.width() - left_width - OBJECTIVES_W - STATION_DOCK_W < MIN_HALL_VIEW_BESIDE_DOCK;
    let right_width = if station_replaces_objectives || objectives_in_dashboard || !p.side.objectives {
        0.0
    } else {
        objectives::show(&mut root, &twin.session.run, p.queue.reborrow(), p.paused.reborrow(), p.next.reborrow())
    };
    let mut hall = egui::Rect::from_min_max(
        egui::pos2(full.left() + left_width, full.top() + top_height),
        egui::pos2(full.right() - right_width, full.bottom()),
    );
    let mut docks = Docks::default();
    if p.selected.0.is_some() && hall.width() >= STATION_DOCK_W + MIN_HALL_VIEW {
        docks.station = Some(egui::Rect::from_min_max(egui::pos2(hall.right() - STATION_DOCK_W, hall.top()), hall.max));
        hall.max.x -= STATION_DOCK_W;
    }
    if !p.trends.plotted.is_empty() && hall.height() >= TRENDS_DOCK_H + MIN_HALL_VIEW {
        docks.trends = Some(egui::Rect::from_min_max(egui::pos2(hall.left(), hall.bottom() - TRENDS_DOCK_H), hall.max));
        hall.max.y -= TRENDS_DOCK_H;
    }
    p.hall.0 = Some(hall);
    p.docks.set_if_neq(docks);
    if let Ok(window) = p.window.single()
        && let Some(aspect) = fit_hall_view(window, hall, &mut p.camera)
    {
        // The closest view that shows the whole line in what the panels and docks leave.
        p.frame.frame_for(&mut p.orbit, aspect);
    }
    top_bar::site_note(ctx, *p.site, hall);
    Ok(())
}

/// A station's equipment state as the trainee reads it (dashboard, station window, tags).
fn state_name(state: EquipmentState) -> String {
    match state {
        EquipmentState::Idle => tr!("hud-state-idle"),
        EquipmentState::Running => tr!("hud-state-running"),
        EquipmentState::Blocked => tr!("hud-state-blocked"),
        EquipmentState::Starved => tr!("hud-state-starved"),
        EquipmentState::Down => tr!("hud-state-down"),
        EquipmentState::Setup => tr!("hud-state-setup"),
        EquipmentState::Held => tr!("hud-state-held"),
    }
}

/// The 3D view fills `hall` (egui points), what the panels and docks leave free; returns its
/// aspect (width / height).
fn fit_hall_view(window: &Window, hall: egui::Rect, camera: &mut Query<&mut Camera, With<HallCamera>>) -> Option<f32> {
    let scale = window.scale_factor();
    let full = UVec2::new(window.physical_width(), window.physical_height());
    let position = UVec2::new((hall.left().max(0.0) * scale) as u32, (hall.top().max(0.0) * scale) as u32);
    let end = UVec2::new(((hall.right() * scale) as u32).min(full.x), ((hall.bottom() * scale) as u32).min(full.y));
    if end.x > position.x + 16 && end.y > position.y + 16 {
        let size = end - position;
        for mut camera in camera.iter_mut() {
            let same =
                camera.viewport.as_ref().is_some_and(|v| v.physical_position == position && v.physical_size == size);
            if !same {
                camera.viewport = Some(Viewport { physical_position: position, physical_size: size, ..default() });
            }
        }
        return Some(size.x as f32 / size.y as f32);
    }
    None
}

/// Off the play screen the hall view takes the whole window.
fn full_viewport(mut camera: Query<&mut Camera, With<HallCamera>>) {
    for mut camera in &mut camera {
        if camera.viewport.is_some() {
            camera.viewport = None;
        }
    }
}

//! The play screen's heads-up display: the top bar, the dashboard (with the alarms) and the
//! objectives framing the 3D view, plus the station window, the trends window and the
//! station tags over the hall. Everything here reads the simulation and queues commands;
//! nothing computes physics.
//!
//! The three panels share one background `Ui` so the hall's viewport can be fitted to what
//! they leave free; they are drawn in that order by one system.

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
use crate::world::SelectedStation;
use crate::world::sites::ShownSite;

mod alarms;
mod channel_screen;
mod dashboard;
mod diffractogram;
mod objectives;
mod station_tags;
mod station_window;
pub mod top_bar;
mod trends;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HallArea>();
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

/// The part of the window the panels leave to the hall view, in egui points (windows over
/// the hall open inside it, so that they cover neither the panels nor their own station).
#[derive(Resource, Default)]
pub struct HallArea(pub Option<egui::Rect>);

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
    );
    let left_width =
        dashboard::show(&mut root, twin, p.queue.reborrow(), p.selected.reborrow(), p.settings.colour_blind);
    let right_width =
        objectives::show(&mut root, &twin.session.run, p.queue.reborrow(), p.paused.reborrow(), p.next.reborrow());
    let full = ctx.viewport_rect();
    p.hall.0 = Some(egui::Rect::from_min_max(
        egui::pos2(full.left() + left_width, full.top() + top_height),
        egui::pos2(full.right() - right_width, full.bottom()),
    ));
    if let Ok(window) = p.window.single()
        && let Some(aspect) = fit_hall_view(window, top_height, left_width, right_width, &mut p.camera)
        && let Some(points) = p.frame.0.take()
    {
        // The line was just built: the closest view that shows it whole between the panels.
        p.orbit.frame(&points, aspect);
    }
    top_bar::site_note(ctx, *p.site, top_height);
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

/// The 3D view fills what the panels leave free; returns its aspect (width / height).
fn fit_hall_view(
    window: &Window,
    top_height: f32,
    left_width: f32,
    right_width: f32,
    camera: &mut Query<&mut Camera, With<HallCamera>>,
) -> Option<f32> {
    let scale = window.scale_factor();
    let position = UVec2::new((left_width * scale) as u32, (top_height * scale) as u32);
    let full = UVec2::new(window.physical_width(), window.physical_height());
    let right_px = (right_width * scale) as u32;
    if full.x > position.x + right_px + 16 && full.y > position.y + 16 {
        let size = UVec2::new(full.x - position.x - right_px, full.y - position.y);
        for mut camera in camera.iter_mut() {
            camera.viewport = Some(Viewport { physical_position: position, physical_size: size, ..default() });
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

//! Station tags: each station's name and state drawn over the 3D view above its model, and
//! the tooltip of the station under the pointer: its state, key readings and open alarms.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::{Arg, tr};

use super::state_name;

use crate::UiSystems;
use crate::camera::HallCamera;
use crate::screens::Screen;
use crate::settings::Settings;
use crate::sim::stepping::Twin;
use crate::theme::{egui_colour, significant, state_colour};
use crate::world::site_table::STATION_PITCH_M;
use crate::world::{HoveredStation, StationModel};
use sim_core::line::EquipmentState;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (area_signs, station_tags, station_tooltip).chain().run_if(in_state(Screen::Play)).in_set(UiSystems::Overlays),
    )
    .init_resource::<SignRects>();
}

/// Where this frame's area signs were drawn (window points): the station tags keep clear.
#[derive(Resource, Default)]
struct SignRects(Vec<egui::Rect>);

/// Where an area's sign stands in front of its stations, metres (the front edge of its floor
/// zone); the hall's framing keeps room for it (`world::hall::framing`).
pub const SIGN_FRONT_M: f32 = 5.4;

/// A sign at the front left corner of each plant area (electrode, dry room, test hall ...),
/// clear of the name tags, in the reader's language.
fn area_signs(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    camera: Query<(&Camera, &GlobalTransform), With<HallCamera>>,
    models: Query<(&StationModel, &GlobalTransform)>,
    mut signs: ResMut<SignRects>,
) -> Result {
    signs.0.clear();
    let Ok((camera, camera_transform)) = camera.single() else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let view = camera.logical_viewport_rect();
    let painter = hall_painter(ctx, camera, "signs");
    // (area, lowest corner, highest corner) of each area's stations.
    let mut areas: Vec<(&str, Vec3, Vec3)> = Vec::new();
    for (model, transform) in &models {
        let Some(station) = twin.sim().line.stations.get(model.index) else { continue };
        // A room's air handling unit stands outside by its door: the sign goes by the room.
        if station.utility && twin.sim().line.stations.iter().any(|s| s.area == station.area && !s.utility) {
            continue;
        }
        let at = transform.translation();
        match areas.iter_mut().find(|(a, _, _)| *a == station.area) {
            Some((_, lo, hi)) => {
                *lo = lo.min(at);
                *hi = hi.max(at);
            }
            None => areas.push((&station.area, at, at)),
        }
    }
    for (area, lo, hi) in areas {
        // On the floor at the front left corner of the area's zone (`world::rooms`), reading
        // rightwards along its front edge, so that signs of areas sharing a row never meet.
        let corner = Vec3::new(lo.x - STATION_PITCH_M / 2.0, lo.y, hi.z + SIGN_FRONT_M);
        let Ok(pos) = camera.world_to_viewport(camera_transform, corner) else { continue };
        let text =
            painter.layout_no_wrap(l10n::area_name(area), egui::FontId::proportional(15.0), egui::Color32::WHITE);
        let size = text.size() + egui::vec2(16.0, 8.0);
        // Never cut off by the view's left edge (a long name on a narrow view).
        let left = view.map_or(0.0, |r| r.min.x + 4.0).max(pos.x);
        let rect = egui::Rect::from_min_size(egui::pos2(left, pos.y), size);
        painter.rect_filled(rect, 3.0, egui::Color32::from_rgb(28, 70, 120));
        painter.galley(rect.min + egui::vec2(8.0, 4.0), text, egui::Color32::WHITE);
        signs.0.push(rect);
    }
    Ok(())
}

/// Readings a tooltip lists at most.
const TOOLTIP_READINGS: usize = 4;

/// Beside the station under the pointer: its name, state, first readings of its own (not the
/// counters every station has) and how many of its alarms are open.
fn station_tooltip(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    hovered: Res<HoveredStation>,
    settings: Res<Settings>,
    camera: Query<(&Camera, &GlobalTransform), With<HallCamera>>,
    models: Query<(&StationModel, &GlobalTransform)>,
) -> Result {
    let Some(i) = hovered.0 else { return Ok(()) };
    let sim = twin.sim();
    let Some(station) = sim.line.stations.get(i) else { return Ok(()) };
    let Ok((camera, camera_transform)) = camera.single() else { return Ok(()) };
    let Some((_, model)) = models.iter().find(|(m, _)| m.index == i) else { return Ok(()) };
    // Beside the model, just under its tag (window coordinates, what egui paints in).
    let Ok(at) = camera.world_to_viewport(camera_transform, model.translation() + Vec3::Y * 2.0) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let kind = station.kind.kind_name();
    let readings: Vec<String> = sim
        .readouts(i)
        .into_iter()
        .filter(|r| !sim_core::sim::COMMON_READOUTS.contains(&r.name.as_str()))
        .take(TOOLTIP_READINGS)
        .map(|r| {
            let value = match &r.text {
                Some(text) => l10n::say(text, &l10n::LineNames(sim)),
                None => format!("{} {}", significant(r.value), l10n::unit(&r.unit)),
            };
            format!("{}: {value}", l10n::stations::readout_label(kind, &r))
        })
        .collect();
    let open_alarms =
        sim.alarms.alarms.iter().filter(|a| a.active && a.source.as_deref() == Some(station.id.as_str())).count();
    egui::Area::new("station_tooltip".into()).fixed_pos(egui::pos2(at.x + 28.0, at.y)).interactable(false).show(
        ctx,
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(l10n::pick(&station.name)).strong());
                ui.label(
                    egui::RichText::new(state_name(station.state))
                        .color(egui_colour(state_colour(station.state, settings.colour_blind))),
                );
                for line in &readings {
                    ui.label(line);
                }
                if open_alarms > 0 {
                    ui.colored_label(
                        egui::Color32::from_rgb(230, 120, 40),
                        tr!("station-tooltip-alarms", count = Arg::Int(open_alarms as i64)),
                    );
                }
            });
        },
    );
    Ok(())
}

/// A painter behind the windows, clipped to the hall camera's viewport.
fn hall_painter(ctx: &egui::Context, camera: &Camera, layer: &'static str) -> egui::Painter {
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Background, egui::Id::new(layer)));
    match camera.logical_viewport_rect() {
        Some(rect) => painter.with_clip_rect(egui::Rect::from_min_max(
            egui::pos2(rect.min.x, rect.min.y),
            egui::pos2(rect.max.x, rect.max.y),
        )),
        None => painter,
    }
}

/// Station names drawn over the 3D view above each station. Where tags would cover one
/// another or an area's sign (a whole line in a narrow view), the one in front keeps its place, the next tries
/// just above it, and one that still finds no room shrinks to a dot in its state's colour:
/// hovering the station shows its tooltip.
fn station_tags(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    settings: Res<Settings>,
    camera: Query<(&Camera, &GlobalTransform), With<HallCamera>>,
    models: Query<(&StationModel, &GlobalTransform)>,
    signs: Res<SignRects>,
) -> Result {
    let Ok((camera, camera_transform)) = camera.single() else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let painter = hall_painter(ctx, camera, "tags");
    let sim = twin.sim();
    // (anchor, text, state colour, a stopped station first, how near the viewer).
    let mut tags = Vec::new();
    for (model, transform) in &models {
        let Some(station) = sim.line.stations.get(model.index) else { continue };
        let top = transform.translation() + Vec3::Y * 4.2;
        // Bevy returns window coordinates here, which is what egui paints in.
        let Ok(pos) = camera.world_to_viewport(camera_transform, top) else { continue };
        // A utility (a dry room) always runs: its tag shows its first own reading instead.
        let second = if station.utility {
            utility_reading(sim, model.index).unwrap_or_else(|| state_name(station.state))
        } else {
            state_name(station.state)
        };
        let stopped = matches!(station.state, EquipmentState::Down | EquipmentState::Setup | EquipmentState::Idle);
        let colour = egui_colour(state_colour(station.state, settings.colour_blind));
        tags.push((pos, format!("{}\n{}", l10n::pick(&station.name), second), colour, stopped));
    }
    // Stopped stations first, then front to back (lower on the screen is nearer).
    tags.sort_by(|a, b| b.3.cmp(&a.3).then(b.0.y.total_cmp(&a.0.y)));
    let mut placed: Vec<egui::Rect> = signs.0.clone();
    let ink = egui::Color32::from_rgb(20, 24, 32);
    for (pos, text, colour, _) in tags {
        let galley = painter.layout(text, egui::FontId::proportional(13.0), ink, f32::INFINITY);
        let size = galley.size() + egui::vec2(8.0, 2.0);
        let at = |lift: f32| egui::Rect::from_center_size(egui::pos2(pos.x, pos.y - size.y / 2.0 - lift), size);
        let free = |rect: &egui::Rect| !placed.iter().any(|p| p.intersects(*rect));
        match [0.0, size.y + 2.0].into_iter().map(at).find(free) {
            Some(rect) => {
                painter.rect_filled(rect, 3.0, egui::Color32::from_rgba_unmultiplied(235, 238, 242, 170));
                painter.galley(rect.min + egui::vec2(4.0, 1.0), galley, ink);
                placed.push(rect);
            }
            None => {
                painter.circle_filled(egui::pos2(pos.x, pos.y - 5.0), 4.0, colour);
            }
        }
    }
    Ok(())
}

/// The first reading of a utility's own (not the counters every station has), as
/// "Dew point -47.7 °C".
fn utility_reading(sim: &sim_core::Simulation, i: usize) -> Option<String> {
    const COMMON: [&str; 4] = ["processed", "scrapped", "failures", "input_level"];
    let kind = sim.line.stations.get(i)?.kind.kind_name();
    let r = sim.readouts(i).into_iter().find(|r| r.text.is_none() && !COMMON.contains(&r.name.as_str()))?;
    Some(format!("{} {} {}", l10n::stations::readout_label(kind, &r), l10n::number(r.value, 1), l10n::unit(&r.unit)))
}

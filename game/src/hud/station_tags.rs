//! Station tags: each station's name and state drawn over the 3D view above its model.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::state_name;

use crate::UiSystems;
use crate::camera::HallCamera;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::world::StationModel;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, station_tags.run_if(in_state(Screen::Play)).in_set(UiSystems::Overlays));
}

/// Station names drawn over the 3D view at each station's position.
fn station_tags(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    camera: Query<(&Camera, &GlobalTransform), With<HallCamera>>,
    models: Query<(&StationModel, &GlobalTransform)>,
) -> Result {
    let Ok((camera, camera_transform)) = camera.single() else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Background, egui::Id::new("tags")));
    if let Some(rect) = camera.logical_viewport_rect() {
        painter = painter.with_clip_rect(egui::Rect::from_min_max(
            egui::pos2(rect.min.x, rect.min.y),
            egui::pos2(rect.max.x, rect.max.y),
        ));
    }
    for (model, transform) in &models {
        let Some(station) = twin.sim().line.stations.get(model.index) else { continue };
        let top = transform.translation() + Vec3::Y * 4.2;
        // Bevy returns window coordinates here, which is what egui paints in.
        let Ok(pos) = camera.world_to_viewport(camera_transform, top) else { continue };
        // A utility (a dry room) always runs: its tag shows its first own reading instead.
        let second = if station.utility {
            utility_reading(twin.sim(), model.index).unwrap_or_else(|| state_name(station.state))
        } else {
            state_name(station.state)
        };
        painter.text(
            egui::pos2(pos.x, pos.y),
            egui::Align2::CENTER_BOTTOM,
            format!("{}\n{}", l10n::pick(&station.name), second),
            egui::FontId::proportional(13.0),
            egui::Color32::from_rgb(20, 24, 32),
        );
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

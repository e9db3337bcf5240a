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
        painter.text(
            egui::pos2(pos.x, pos.y),
            egui::Align2::CENTER_BOTTOM,
            format!("{}\n{}", l10n::pick(&station.name), state_name(station.state)),
            egui::FontId::proportional(13.0),
            egui::Color32::from_rgb(20, 24, 32),
        );
    }
    Ok(())
}

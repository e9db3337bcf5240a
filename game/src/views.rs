//! Views of the hall: presets that frame the whole line or one plant area (buttons in the
//! hall's lower left corner, or keys 0 to 9), and a view that follows one unit (a roll, a
//! stack, a cell) as it travels: it rides with the unit's cart between stations and waits at
//! the station or buffer that holds it, until the unit leaves the line.

use bevy::prelude::*;
use bevy_egui::input::egui_wants_any_keyboard_input;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use l10n::tr;
use sim_core::line::UnitPlace;
use sim_core::unit::{ProductKind, UnitId};

use crate::camera::{FrameTarget, Orbit};
use crate::hud::HallArea;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::world::SelectedStation;
use crate::world::hall::framing_of;
use crate::world::sites::plan_line;
use crate::world::transport::{Cart, stack_point};
use crate::{AppSystems, UiSystems};

/// Closest the camera rides when it starts following a unit, metres.
const FOLLOW_RADIUS_M: f32 = 18.0;
/// How quickly the followed view catches up with the unit (per second).
const FOLLOW_RATE_PER_S: f32 = 4.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Follow>()
        .init_resource::<ViewPreset>()
        .add_systems(OnEnter(Screen::Play), reset_view)
        .add_systems(
            Update,
            (
                preset_keys
                    .in_set(AppSystems::Input)
                    .run_if(in_state(Screen::Play).and_then(not(egui_wants_any_keyboard_input))),
                follow_unit.in_set(AppSystems::Visuals),
            ),
        )
        .add_systems(EguiPrimaryContextPass, view_bar.run_if(in_state(Screen::Play)).in_set(UiSystems::Overlays));
}

/// The framing the trainee chose: the whole line, or the stations of one area.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub enum ViewPreset {
    #[default]
    WholeLine,
    Area(String),
}

/// The unit the view follows, if any, and the last one that left the line while followed.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Follow {
    pub unit: Option<UnitId>,
    pub left_line: Option<UnitId>,
}

/// The plant areas of the running line, in the order of their first station.
pub fn areas(twin: &Twin) -> Vec<String> {
    let mut areas: Vec<String> = Vec::new();
    for station in &twin.sim().line.stations {
        if !areas.contains(&station.area) {
            areas.push(station.area.clone());
        }
    }
    areas
}

/// Points the camera to frame `preset` (the whole line, or one area's stations).
pub fn choose(preset: &ViewPreset, twin: &Twin, orbit: &mut Orbit, frame: &mut FrameTarget, follow: &mut Follow) {
    let plan = plan_line(twin);
    let stations = &twin.sim().line.stations;
    let (focus, points) = match preset {
        ViewPreset::WholeLine => framing_of(&plan, |_| true),
        ViewPreset::Area(area) => framing_of(&plan, |i| stations.get(i).is_some_and(|s| &s.area == area)),
    };
    if points.is_empty() {
        return;
    }
    follow.unit = None;
    orbit.focus = focus;
    // Re-framed for the hall view's shape by the play screen's panels, next frame.
    *frame = FrameTarget::new(points);
}

fn reset_view(mut preset: ResMut<ViewPreset>, mut follow: ResMut<Follow>) {
    *preset = ViewPreset::WholeLine;
    *follow = Follow::default();
}

/// Key 0 frames the whole line, 1 to 9 the line's areas in order.
fn preset_keys(
    keys: Res<ButtonInput<KeyCode>>,
    twin: Option<Res<Twin>>,
    mut preset: ResMut<ViewPreset>,
    mut orbit: ResMut<Orbit>,
    mut frame: ResMut<FrameTarget>,
    mut follow: ResMut<Follow>,
) {
    let Some(twin) = twin else { return };
    const DIGITS: [KeyCode; 10] = [
        KeyCode::Digit0,
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ];
    let Some(k) = DIGITS.iter().position(|key| keys.just_pressed(*key)) else { return };
    let chosen = if k == 0 {
        ViewPreset::WholeLine
    } else {
        match areas(&twin).into_iter().nth(k - 1) {
            Some(area) => ViewPreset::Area(area),
            None => return,
        }
    };
    choose(&chosen, &twin, &mut orbit, &mut frame, &mut follow);
    *preset = chosen;
}

/// Where unit `unit` waits in the hall (at its station, or at its buffer's stack), and the
/// unit found there (the assembly a component went into); `None` once it left the line.
pub fn unit_position(twin: &Twin, unit: UnitId) -> Option<(Vec3, UnitId)> {
    let line = &twin.sim().line;
    let plan = plan_line(twin);
    match line.locate_unit(unit)? {
        UnitPlace::InStation { station, unit, .. } => Some((*plan.positions.get(station)? + Vec3::Y, unit)),
        UnitPlace::InBuffer { buffer, unit, .. } => {
            let b = line.buffers.get(buffer)?;
            Some((stack_point(&plan, b.from, b.to), unit))
        }
    }
}

/// Where the followed unit is: on its cart while one carries it, else where it waits.
fn followed_position(twin: &Twin, unit: UnitId, carts: &Query<(&Cart, &GlobalTransform)>) -> Option<(Vec3, UnitId)> {
    let waiting = unit_position(twin, unit);
    match carts.iter().find(|(cart, _)| cart.unit == unit) {
        Some((_, at)) => Some((at.translation(), waiting.map_or(unit, |(_, found)| found))),
        None => waiting,
    }
}

/// Keeps the camera's focus on the followed unit, easing towards it.
fn follow_unit(
    twin: Option<Res<Twin>>,
    time: Res<Time>,
    carts: Query<(&Cart, &GlobalTransform)>,
    mut follow: ResMut<Follow>,
    mut orbit: ResMut<Orbit>,
) {
    let (Some(twin), Some(unit)) = (twin, follow.unit) else { return };
    match followed_position(&twin, unit, &carts) {
        Some((at, found)) => {
            if found != unit {
                follow.unit = Some(found);
            }
            let ease = 1.0 - (-FOLLOW_RATE_PER_S * time.delta_secs()).exp();
            let focus = orbit.focus.lerp(at, ease);
            if focus.distance_squared(orbit.focus) > 1e-8 {
                orbit.focus = focus;
            }
        }
        None => {
            follow.left_line = Some(unit);
            follow.unit = None;
        }
    }
}

/// The product a unit is, as the trainee names it.
fn product_name(product: ProductKind) -> String {
    match product {
        ProductKind::Slurry => tr!("product-slurry"),
        ProductKind::Roll => tr!("product-roll"),
        ProductKind::Sheets => tr!("product-sheets"),
        ProductKind::Cell => tr!("product-cell"),
        ProductKind::Sample => tr!("product-sample"),
        ProductKind::Part => tr!("product-part"),
    }
}

/// The view bar in the hall's lower left corner: the presets, and following a unit.
#[allow(clippy::too_many_arguments)]
fn view_bar(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    hall: Res<HallArea>,
    selected: Res<SelectedStation>,
    mut preset: ResMut<ViewPreset>,
    mut follow: ResMut<Follow>,
    mut orbit: ResMut<Orbit>,
    mut frame: ResMut<FrameTarget>,
) -> Result {
    let Some(rect) = hall.0 else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let line = &twin.sim().line;
    let mut chosen = None;
    // In the hall view's lower left corner (the top is the site note's).
    let corner = rect.left_bottom() + egui::vec2(8.0, -8.0);
    egui::Area::new("view_bar".into()).pivot(egui::Align2::LEFT_BOTTOM).fixed_pos(corner).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.set_max_width(rect.width() - 40.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(tr!("view-label"));
                if ui
                    .selectable_label(*preset == ViewPreset::WholeLine, tr!("view-whole-line"))
                    .on_hover_text(tr!("view-key", key = 0u64))
                    .clicked()
                {
                    chosen = Some(ViewPreset::WholeLine);
                }
                for (k, area) in areas(&twin).into_iter().enumerate() {
                    let on = matches!(&*preset, ViewPreset::Area(a) if *a == area);
                    let button = ui.selectable_label(on, l10n::area_name(&area));
                    if button.on_hover_text(tr!("view-key", key = (k + 1) as u64)).clicked() {
                        chosen = Some(ViewPreset::Area(area));
                    }
                }
            });
            match follow.unit.and_then(|id| line.locate_unit(id).map(|place| (id, place))) {
                Some((id, place)) => {
                    let (unit, at) = match place {
                        UnitPlace::InStation { station, unit, .. } => {
                            (unit, line.stations.get(station).map(|s| l10n::pick(&s.name).to_string()))
                        }
                        UnitPlace::InBuffer { buffer, unit, .. } => (
                            unit,
                            line.buffers
                                .get(buffer)
                                .and_then(|b| line.stations.get(b.to))
                                .map(|s| tr!("view-buffer-before", station = l10n::pick(&s.name).to_string())),
                        ),
                    };
                    let product = line.units_in_process().find(|u| u.id == unit).map(|u| product_name(u.product()));
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            egui::RichText::new(tr!(
                                "view-following",
                                product = product.unwrap_or_default(),
                                unit = id,
                                station = at.unwrap_or_default()
                            ))
                            .strong(),
                        );
                        if ui.button(tr!("view-stop-following")).clicked() {
                            follow.unit = None;
                        }
                    });
                }
                None => {
                    let in_process =
                        selected.0.and_then(|i| line.stations.get(i)).and_then(|s| s.in_process().map(|u| (s, u)));
                    if let Some((station, unit)) = in_process {
                        let label = tr!(
                            "view-follow",
                            product = product_name(unit.product()),
                            station = l10n::pick(&station.name).to_string()
                        );
                        if ui.button(label).on_hover_text(tr!("view-follow-tip")).clicked() {
                            follow.unit = Some(unit.id);
                            follow.left_line = None;
                            orbit.radius = orbit.radius.min(FOLLOW_RADIUS_M);
                        }
                    }
                    if let Some(id) = follow.left_line {
                        ui.label(tr!("view-left-line", unit = id));
                    }
                }
            }
        });
    });
    if let Some(preset_chosen) = chosen {
        choose(&preset_chosen, &twin, &mut orbit, &mut frame, &mut follow);
        *preset = preset_chosen;
    }
    Ok(())
}

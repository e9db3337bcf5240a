//! egui panels: line dashboard with live KPIs, time controls, the selected station's
//! controls and readouts (generated from the data the station publishes), open alarms,
//! and station name tags over the 3D view.

use bevy::camera::Viewport;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use sim_core::Command;
use sim_core::alarms::{AlarmPriority, AlarmState};

use crate::camera::HallCamera;
use crate::hall::{SelectedStation, StationModel, state_colour};
use crate::twin::{CommandQueue, PlantSpeed, Twin};

/// Speeds offered by the time controls (plant seconds per real second).
pub const SPEEDS: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 0.0];

pub fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default()).add_systems(EguiPrimaryContextPass, (dashboard, station_tags).chain());
}

fn egui_colour(color: Color) -> egui::Color32 {
    let c = color.to_srgba();
    egui::Color32::from_rgb((c.red * 255.0) as u8, (c.green * 255.0) as u8, (c.blue * 255.0) as u8)
}

fn priority_colour(p: AlarmPriority) -> egui::Color32 {
    match p {
        AlarmPriority::Emergency => egui::Color32::from_rgb(200, 0, 200),
        AlarmPriority::High => egui::Color32::from_rgb(230, 40, 40),
        AlarmPriority::Medium => egui::Color32::from_rgb(240, 150, 20),
        AlarmPriority::Low => egui::Color32::from_rgb(80, 160, 240),
    }
}

/// Plant time as `d HH:MM:SS`.
pub fn plant_clock(now_ms: u64) -> String {
    let s = now_ms / 1000;
    format!("day {} {:02}:{:02}:{:02}", s / 86_400 + 1, s / 3600 % 24, s / 60 % 60, s % 60)
}

/// A reading with about four significant digits.
pub fn significant(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e9 {
        return format!("{x:.0}");
    }
    let magnitude = if x == 0.0 { 0 } else { x.abs().log10().floor() as i32 };
    let decimals = (3 - magnitude).clamp(0, 4) as usize;
    format!("{x:.decimals$}")
}

fn pct(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

fn dashboard(
    mut contexts: EguiContexts,
    twin: Option<Res<Twin>>,
    mut queue: ResMut<CommandQueue>,
    mut speed: ResMut<PlantSpeed>,
    mut selected: ResMut<SelectedStation>,
    mut camera: Query<&mut Camera, With<HallCamera>>,
    window: Query<&Window, With<PrimaryWindow>>,
) -> Result {
    let Some(twin) = twin else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let sim = &twin.sim;
    let kpis = sim.kpis();

    let top = egui::Panel::top("clock").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Intellibat Twin");
            ui.separator();
            ui.label(egui::RichText::new(&twin.layout.title).strong());
            ui.separator();
            ui.monospace(plant_clock(sim.now_ms));
            ui.separator();
            for s in SPEEDS {
                let label = if s == 0.0 { "Pause".to_string() } else { format!("{s}x") };
                if ui.selectable_label(speed.0 == s, label).clicked() {
                    speed.0 = s;
                }
            }
        });
    });
    let top_height = top.response.rect.height();

    let left = egui::Panel::left("dashboard").default_size(330.0).resizable(true).show(&mut root, |ui| {
        ui.heading("Line");
        egui::Grid::new("line_kpis").num_columns(2).striped(true).show(ui, |ui| {
            let rows = [
                ("Throughput", format!("{:.1} units/h", kpis.throughput_per_h)),
                ("Completed (good)", format!("{} ({})", kpis.completed, kpis.completed_good)),
                ("Scrapped", kpis.scrapped.to_string()),
                ("WIP now / average", format!("{} / {:.1}", kpis.wip, kpis.average_wip)),
                ("First-pass yield", pct(kpis.first_pass_yield)),
                ("Line OEE", pct(kpis.oee)),
                ("Bottleneck", kpis.bottleneck.clone()),
            ];
            for (name, value) in rows {
                ui.label(name);
                ui.monospace(value);
                ui.end_row();
            }
        });
        ui.separator();
        ui.heading("Stations");
        egui::Grid::new("stations").num_columns(5).striped(true).show(ui, |ui| {
            for h in ["", "station", "state", "util", "OEE"] {
                ui.label(egui::RichText::new(h).small().strong());
            }
            ui.end_row();
            for (i, s) in kpis.stations.iter().enumerate() {
                let state = sim.line.stations[i].state;
                ui.label(egui::RichText::new("⏺").color(egui_colour(state_colour(state))));
                if ui.selectable_label(selected.0 == Some(i), &s.name).clicked() {
                    selected.0 = Some(i);
                }
                ui.label(&s.state);
                ui.monospace(pct(s.utilisation));
                ui.monospace(pct(s.oee));
                ui.end_row();
            }
        });
        ui.separator();
        let open = sim.alarms.open();
        ui.heading(format!("Alarms ({})", open.len()));
        if open.is_empty() {
            ui.label("No open alarms.");
        }
        for alarm in open.iter().take(12) {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{:?}", alarm.priority))
                        .color(priority_colour(alarm.priority))
                        .strong(),
                );
                ui.label(format!("{} {}", plant_clock(alarm.raised_ms), alarm.message));
                if alarm.state() == AlarmState::ReturnedUnacknowledged {
                    ui.label(egui::RichText::new("cleared").italics());
                }
                let state = alarm.state();
                let unacknowledged = matches!(state, AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged);
                if unacknowledged && ui.small_button("Ack").clicked() {
                    queue.send(Command::AcknowledgeAlarm { alarm: alarm.id });
                }
                if state == AlarmState::Shelved {
                    ui.label("(shelved)");
                }
            });
        }
        if let Some(reason) = queue.rejections.last() {
            ui.separator();
            ui.colored_label(egui::Color32::from_rgb(220, 60, 60), format!("Refused: {reason}"));
        }
    });
    let left_width = left.response.rect.width();
    // The 3D view fills what the panels leave free.
    if let Ok(window) = window.single() {
        let scale = window.scale_factor();
        let position = UVec2::new((left_width * scale) as u32, (top_height * scale) as u32);
        let full = UVec2::new(window.physical_width(), window.physical_height());
        if full.x > position.x + 16 && full.y > position.y + 16 {
            for mut camera in &mut camera {
                camera.viewport =
                    Some(Viewport { physical_position: position, physical_size: full - position, ..default() });
            }
        }
    }

    if let Some(i) = selected.0
        && let Some(station) = sim.line.stations.get(i)
    {
        let mut open = true;
        egui::Window::new(format!("{} ({})", station.name, station.kind.label()))
            .id(egui::Id::new("station_window"))
            .open(&mut open)
            .default_pos([ctx.viewport_rect().right() - 340.0, 80.0])
            .default_width(300.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("State:");
                    ui.label(
                        egui::RichText::new(station.state.label())
                            .color(egui_colour(state_colour(station.state)))
                            .strong(),
                    );
                });
                ui.separator();
                for control in sim.controls(i) {
                    let mut value = control.value;
                    let slider = egui::Slider::new(&mut value, control.min..=control.max)
                        .step_by(control.step)
                        .suffix(format!(" {}", control.unit))
                        .text(&control.label);
                    if ui.add(slider).changed() && value != control.value {
                        queue.send(Command::SetControl {
                            station: station.id.clone(),
                            control: control.name.clone(),
                            value,
                        });
                    }
                }
                ui.separator();
                egui::Grid::new("readouts").num_columns(2).show(ui, |ui| {
                    for r in sim.readouts(i) {
                        ui.label(&r.label);
                        match &r.text {
                            Some(text) => ui.monospace(text),
                            None => ui.monospace(format!("{} {}", significant(r.value), r.unit)),
                        };
                        ui.end_row();
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    if station.stop_requested() {
                        if ui.button("Start").clicked() {
                            queue.send(Command::StartStation { station: station.id.clone() });
                        }
                    } else if ui.button("Stop").clicked() {
                        queue.send(Command::StopStation { station: station.id.clone() });
                    }
                    if ui.button("Maintenance 30 min").clicked() {
                        queue.send(Command::StartMaintenance { station: station.id.clone(), duration_s: 1800.0 });
                    }
                });
            });
        if !open {
            selected.0 = None;
        }
    }
    Ok(())
}

/// Station names drawn over the 3D view at each station's position.
fn station_tags(
    mut contexts: EguiContexts,
    twin: Option<Res<Twin>>,
    camera: Query<(&Camera, &GlobalTransform), With<HallCamera>>,
    models: Query<(&StationModel, &GlobalTransform)>,
) -> Result {
    let Some(twin) = twin else { return Ok(()) };
    let Ok((camera, camera_transform)) = camera.single() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let mut painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Background, egui::Id::new("tags")));
    // Only over the hall view, never over the panels.
    if let Some(rect) = camera.logical_viewport_rect() {
        painter = painter.with_clip_rect(egui::Rect::from_min_max(
            egui::pos2(rect.min.x, rect.min.y),
            egui::pos2(rect.max.x, rect.max.y),
        ));
    }
    for (model, transform) in &models {
        let Some(station) = twin.sim.line.stations.get(model.index) else {
            continue;
        };
        let top = transform.translation() + Vec3::Y * 2.2;
        // Bevy returns window coordinates here, which is what egui paints in.
        let Ok(pos) = camera.world_to_viewport(camera_transform, top) else {
            continue;
        };
        let text = format!("{}\n{}", station.name, station.state.label());
        painter.text(
            egui::pos2(pos.x, pos.y),
            egui::Align2::CENTER_BOTTOM,
            text,
            egui::FontId::proportional(13.0),
            egui::Color32::from_rgb(20, 24, 32),
        );
    }
    Ok(())
}

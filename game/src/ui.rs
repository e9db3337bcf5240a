//! The egui screens and panels. Everything here reads the simulation and queues commands;
//! nothing computes physics.

use bevy::camera::Viewport;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use sim_core::Command;
use sim_core::alarms::{AlarmPriority, AlarmState};
use sim_core::scenario::score::score;

use crate::camera::HallCamera;
use crate::catalogue::Catalogue;
use crate::hall::{SelectedStation, Site, StationModel, state_colour};
use crate::screens::{DebriefReport, Screen, Selection};
use crate::settings::Settings;
use crate::trends::Trends;
use crate::twin::{CommandQueue, Paused, PlantSpeed, Twin};

/// Speeds offered by the time controls (plant seconds per real second).
pub const SPEEDS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

pub fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default()).add_systems(
        EguiPrimaryContextPass,
        (
            apply_settings,
            title_screen.run_if(in_state(Screen::Title)),
            select_screen.run_if(in_state(Screen::Select)),
            briefing_screen.run_if(in_state(Screen::Briefing)),
            play_panels.run_if(in_state(Screen::Play)),
            station_window.run_if(in_state(Screen::Play)),
            trends_window.run_if(in_state(Screen::Play)),
            pause_menu.run_if(in_state(Screen::Play)),
            debrief_screen.run_if(in_state(Screen::Debrief)),
            settings_window,
            station_tags.run_if(in_state(Screen::Play)),
            full_viewport.run_if(not(in_state(Screen::Play))),
        )
            .chain(),
    );
}

fn egui_colour(color: Color) -> egui::Color32 {
    let c = color.to_srgba();
    egui::Color32::from_rgb((c.red * 255.0) as u8, (c.green * 255.0) as u8, (c.blue * 255.0) as u8)
}

/// ISA-18.2 style priority colours (distinct in both palettes).
pub fn priority_colour(p: AlarmPriority, colour_blind: bool) -> egui::Color32 {
    match (p, colour_blind) {
        (AlarmPriority::Emergency, _) => egui::Color32::from_rgb(200, 0, 200),
        (AlarmPriority::High, false) => egui::Color32::from_rgb(230, 40, 40),
        (AlarmPriority::High, true) => egui::Color32::from_rgb(213, 94, 0),
        (AlarmPriority::Medium, false) => egui::Color32::from_rgb(240, 150, 20),
        (AlarmPriority::Medium, true) => egui::Color32::from_rgb(230, 159, 0),
        (AlarmPriority::Low, _) => egui::Color32::from_rgb(86, 180, 233),
    }
}

/// Plant time as `day D HH:MM`.
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

fn apply_settings(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if (ctx.zoom_factor() - settings.ui_scale).abs() > 1e-3 {
        ctx.set_zoom_factor(settings.ui_scale);
    }
    Ok(())
}

fn full_viewport(mut camera: Query<&mut Camera, With<HallCamera>>) {
    for mut camera in &mut camera {
        if camera.viewport.is_some() {
            camera.viewport = None;
        }
    }
}

fn big_window(title: &str) -> egui::Window<'_> {
    egui::Window::new(title)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
}

fn title_screen(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut settings: ResMut<Settings>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    big_window("title").min_width(460.0).show(ctx, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(12.0);
            ui.label(egui::RichText::new("Intellibat Twin").size(40.0).strong());
            ui.label(egui::RichText::new("Train on a digital twin of a solid-state battery cell line").size(16.0));
            ui.label("Sint-Truiden cell line  ·  Genk thin-film lab  ·  Diepenbeek materials lab");
            ui.add_space(18.0);
            let button = |ui: &mut egui::Ui, text: &str| {
                ui.add_sized([260.0, 36.0], egui::Button::new(egui::RichText::new(text).size(18.0)))
            };
            if button(ui, "Choose a scenario").clicked() {
                next.set(Screen::Select);
            }
            if button(ui, "Settings").clicked() {
                settings.open = true;
            }
            #[cfg(not(target_arch = "wasm32"))]
            if button(ui, "Quit").clicked() {
                exit.write(AppExit::Success);
            }
            ui.add_space(12.0);
        });
    });
    let _ = &mut exit;
    Ok(())
}

fn select_screen(
    mut contexts: EguiContexts,
    catalogue: Res<Catalogue>,
    mut selection: ResMut<Selection>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    big_window("select").min_width(820.0).show(ctx, |ui| {
        ui.heading("Choose a scenario");
        ui.add_space(6.0);
        egui::Grid::new("catalogue").num_columns(5).striped(true).spacing([18.0, 8.0]).show(ui, |ui| {
            for h in ["scenario", "level", "minutes", "line", "for"] {
                ui.label(egui::RichText::new(h).strong());
            }
            ui.end_row();
            for (i, e) in catalogue.entries.iter().enumerate() {
                let s = &e.scenario;
                if ui.selectable_label(selection.index == Some(i), &s.title).clicked() {
                    selection.index = Some(i);
                }
                ui.label(format!("{:?}", s.difficulty));
                ui.label(format!("{:.0}", s.estimated_minutes));
                ui.label(&s.line);
                ui.label(s.audience.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", "));
                ui.end_row();
            }
        });
        for e in &catalogue.errors {
            ui.colored_label(egui::Color32::RED, e);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            let ready = selection.index.is_some();
            if ui.add_enabled(ready, egui::Button::new("Briefing")).clicked() {
                next.set(Screen::Briefing);
            }
        });
    });
    Ok(())
}

fn briefing_screen(mut contexts: EguiContexts, twin: Option<Res<Twin>>, mut next: ResMut<NextState<Screen>>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(twin) = twin else { return Ok(()) };
    let s = &twin.run.scenario;
    big_window("briefing").min_width(640.0).max_width(720.0).show(ctx, |ui| {
        ui.heading(&s.title);
        ui.label(format!(
            "{:?} · about {:.0} minutes · {} h of plant time on {}",
            s.difficulty, s.estimated_minutes, s.duration_h, twin.layout.title
        ));
        ui.separator();
        ui.label(egui::RichText::new(&s.briefing).size(16.0));
        if !s.learning_goals.is_empty() {
            ui.add_space(6.0);
            ui.label(egui::RichText::new("You will learn").strong());
            for g in &s.learning_goals {
                ui.label(format!("• {g}"));
            }
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Objectives").strong());
        for o in &s.objectives {
            ui.label(format!("• {} (weight {})", o.title, o.weight));
        }
        if !s.hints.is_empty() {
            ui.label(format!("{} hint(s) available, each costs points.", s.hints.len()));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Select);
            }
            if ui.add(egui::Button::new(egui::RichText::new("Start").strong())).clicked() {
                next.set(Screen::Play);
            }
        });
    });
    Ok(())
}

/// Everything the play panels touch.
#[derive(bevy::ecs::system::SystemParam)]
struct PlayUi<'w, 's> {
    twin: Res<'w, Twin>,
    queue: ResMut<'w, CommandQueue>,
    speed: ResMut<'w, PlantSpeed>,
    paused: ResMut<'w, Paused>,
    selected: ResMut<'w, SelectedStation>,
    site: ResMut<'w, Site>,
    settings: Res<'w, Settings>,
    next: ResMut<'w, NextState<Screen>>,
    camera: Query<'w, 's, &'static mut Camera, With<HallCamera>>,
    window: Query<'w, 's, &'static Window, With<PrimaryWindow>>,
}

fn play_panels(mut contexts: EguiContexts, mut p: PlayUi) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let sim = p.twin.sim();
    let kpis = sim.kpis();
    let run = &p.twin.run;
    let cb = p.settings.colour_blind;

    let top = egui::Panel::top("clock").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Intellibat Twin").strong());
            ui.separator();
            ui.label(&run.scenario.title);
            ui.separator();
            ui.monospace(plant_clock(sim.now_ms));
            ui.label(format!("/ {:.1} h", run.scenario.duration_h));
            ui.separator();
            for s in SPEEDS {
                if ui.selectable_label(p.speed.0 == s && !p.paused.0, format!("{s}x")).clicked() {
                    p.speed.0 = s;
                    p.paused.0 = false;
                }
            }
            if ui.selectable_label(p.paused.0, "Pause").clicked() {
                p.paused.0 = !p.paused.0;
            }
            ui.separator();
            egui::ComboBox::from_id_salt("site").selected_text(p.site.label()).show_ui(ui, |ui| {
                for s in Site::ALL {
                    if ui.selectable_label(*p.site == s, s.label()).clicked() {
                        *p.site = s;
                    }
                }
            });
        });
    });
    let top_height = top.response.rect.height();

    let left = egui::Panel::left("dashboard").default_size(340.0).resizable(true).show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Line");
            egui::Grid::new("line_kpis").num_columns(2).striped(true).show(ui, |ui| {
                let mut rows = vec![
                    ("Throughput", format!("{:.2} units/h", kpis.throughput_per_h)),
                    ("Completed (good)", format!("{} ({})", kpis.completed, kpis.completed_good)),
                ];
                if kpis.completed_quantity_unit != "units" && !kpis.completed_quantity_unit.is_empty() {
                    rows.push(("Output", format!("{:.0} {}", kpis.completed_quantity, kpis.completed_quantity_unit)));
                }
                rows.extend([
                    ("WIP now / average", format!("{} / {:.1}", kpis.wip, kpis.average_wip)),
                    ("First-pass yield", pct(kpis.first_pass_yield)),
                    ("Line OEE (bottleneck)", pct(kpis.oee)),
                    ("Bottleneck", kpis.bottleneck.clone()),
                    ("Unplanned scrap", format!("{:.1} kg", run.unplanned_scrap_kg())),
                ]);
                for (name, value) in rows {
                    ui.label(name);
                    ui.monospace(value);
                    ui.end_row();
                }
            });
            ui.separator();
            ui.heading("Stations");
            egui::Grid::new("stations").num_columns(5).striped(true).show(ui, |ui| {
                for h in ["", "station", "state", "FPY", "OEE"] {
                    ui.label(egui::RichText::new(h).small().strong());
                }
                ui.end_row();
                for (i, s) in kpis.stations.iter().enumerate() {
                    let state = sim.line.stations[i].state;
                    ui.label(egui::RichText::new("⏺").color(egui_colour(state_colour(state, cb))));
                    if ui.selectable_label(p.selected.0 == Some(i), &s.name).clicked() {
                        p.selected.0 = Some(i);
                    }
                    ui.label(&s.state);
                    ui.monospace(pct(s.first_pass_yield));
                    ui.monospace(pct(s.oee));
                    ui.end_row();
                }
            });
            let mut scrap: Vec<_> = kpis.scrap_by_cause.iter().filter(|c| !c.cause.contains("(planned)")).collect();
            if !scrap.is_empty() {
                scrap.sort_by(|a, b| b.solids_kg.total_cmp(&a.solids_kg).then(b.quantity.total_cmp(&a.quantity)));
                ui.separator();
                ui.heading("Scrap by cause");
                for c in scrap.iter().take(5) {
                    let amount = if c.solids_kg > 0.0 {
                        format!("{:.1} kg", c.solids_kg)
                    } else {
                        format!("{:.0} {}", c.quantity, c.quantity_unit)
                    };
                    ui.label(format!("{amount}  {}: {}", c.station, c.cause));
                }
            }
            ui.separator();
            let open = sim.alarms.open();
            ui.heading(format!("Alarms ({})", open.len()));
            if open.is_empty() {
                ui.label("No open alarms.");
            }
            for alarm in open.iter().take(12) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{:?}", alarm.priority))
                            .color(priority_colour(alarm.priority, cb))
                            .strong(),
                    );
                    ui.label(format!("{} {}", plant_clock(alarm.raised_ms), alarm.message));
                    let state = alarm.state();
                    if state == AlarmState::ReturnedUnacknowledged {
                        ui.label(egui::RichText::new("cleared").italics());
                    }
                    if matches!(state, AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)
                        && ui.small_button("Ack").clicked()
                    {
                        p.queue.send(Command::AcknowledgeAlarm { alarm: alarm.id });
                    }
                    if state == AlarmState::Shelved {
                        if ui.small_button("Unshelve").clicked() {
                            p.queue.send(Command::UnshelveAlarm { alarm: alarm.id });
                        }
                    } else if ui.small_button("Shelve 30 min").clicked() {
                        p.queue.send(Command::ShelveAlarm { alarm: alarm.id, duration_s: 1800.0 });
                    }
                });
            }
            if let Some(reason) = p.queue.rejections.last() {
                ui.separator();
                ui.colored_label(egui::Color32::from_rgb(220, 60, 60), format!("Refused: {reason}"));
            }
        });
    });
    let left_width = left.response.rect.width();

    let right = egui::Panel::right("objectives").default_size(300.0).resizable(true).show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Objectives");
            let now_score = score(run);
            for o in &now_score.objectives {
                ui.label(&o.title);
                ui.add(egui::ProgressBar::new(o.achieved as f32).text(o.detail.clone()));
            }
            ui.label(format!("Score so far: {:.0} / 100", now_score.total));
            ui.separator();
            ui.heading("Messages");
            if run.messages.is_empty() {
                ui.label("None yet.");
            }
            for (at, text) in run.messages.iter().rev().take(6) {
                ui.label(format!("{}  {text}", plant_clock(*at)));
            }
            ui.separator();
            ui.heading("Hints");
            for (i, h) in run.scenario.hints.iter().enumerate() {
                let taken = run.hints_taken.iter().any(|(k, _)| *k as usize == i);
                if taken {
                    ui.label(format!("• {}", h.text));
                } else if ui
                    .add_enabled(
                        run.hours() >= h.available_after_h,
                        egui::Button::new(format!("Take hint {} (-{} points)", i + 1, h.penalty)),
                    )
                    .clicked()
                {
                    p.queue.send(Command::TakeHint { hint: i as u32 });
                }
            }
            ui.separator();
            if ui.button("End the scenario now").clicked() {
                p.paused.0 = false;
                p.next.set(Screen::Debrief);
            }
        });
    });
    let right_width = right.response.rect.width();

    // The 3D view fills what the panels leave free.
    if let Ok(window) = p.window.single() {
        let scale = window.scale_factor();
        let position = UVec2::new((left_width * scale) as u32, (top_height * scale) as u32);
        let full = UVec2::new(window.physical_width(), window.physical_height());
        let right_px = (right_width * scale) as u32;
        if full.x > position.x + right_px + 16 && full.y > position.y + 16 {
            let size = UVec2::new(full.x - position.x - right_px, full.y - position.y);
            for mut camera in &mut p.camera {
                camera.viewport = Some(Viewport { physical_position: position, physical_size: size, ..default() });
            }
        }
    }
    if *p.site != Site::SintTruiden {
        egui::Area::new("site_note".into()).anchor(egui::Align2::CENTER_TOP, [0.0, top_height + 20.0]).show(
            ctx,
            |ui| {
                ui.label(
                    egui::RichText::new(p.site.note())
                        .size(16.0)
                        .background_color(egui::Color32::from_black_alpha(160))
                        .color(egui::Color32::WHITE),
                );
            },
        );
    }
    Ok(())
}

fn station_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    mut queue: ResMut<CommandQueue>,
    mut selected: ResMut<SelectedStation>,
    mut trends: ResMut<Trends>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let Some(i) = selected.0 else { return Ok(()) };
    let Some(station) = sim.line.stations.get(i) else { return Ok(()) };
    let mut open = true;
    egui::Window::new(format!("{} ({})", station.name, station.kind.station().label()))
        .id(egui::Id::new("station_window"))
        .open(&mut open)
        .default_pos([ctx.viewport_rect().right() - 650.0, ctx.viewport_rect().bottom() - 420.0])
        .default_width(330.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("State:");
                ui.label(
                    egui::RichText::new(station.state.label())
                        .color(egui_colour(state_colour(station.state, settings.colour_blind)))
                        .strong(),
                );
            });
            ui.separator();
            let allowed = twin.run.scenario.trainee_controls.as_ref();
            for control in sim.controls(i) {
                let key = format!("{}.{}", station.id, control.name);
                let enabled = allowed.is_none_or(|a| a.contains(&key));
                let mut value = control.value;
                let slider = egui::Slider::new(&mut value, control.min..=control.max)
                    .step_by(control.step)
                    .suffix(format!(" {}", control.unit))
                    .text(&control.label);
                if ui.add_enabled(enabled, slider).changed() && value != control.value {
                    queue.send(Command::SetControl {
                        station: station.id.clone(),
                        control: control.name.clone(),
                        value,
                    });
                }
            }
            ui.separator();
            egui::Grid::new("readouts").num_columns(3).show(ui, |ui| {
                for r in sim.readouts(i) {
                    ui.label(&r.label);
                    match &r.text {
                        Some(text) => {
                            ui.monospace(text);
                            ui.label("");
                        }
                        None => {
                            ui.monospace(format!("{} {}", significant(r.value), r.unit));
                            let key = (i, r.name.clone());
                            let mut plotted = trends.plotted.contains(&key);
                            if ui.checkbox(&mut plotted, "plot").changed() {
                                trends.toggle(key);
                            }
                        }
                    }
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
    Ok(())
}

fn trends_window(mut contexts: EguiContexts, twin: Res<Twin>, mut trends: ResMut<Trends>) -> Result {
    if trends.plotted.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let mut open = true;
    egui::Window::new("Trends")
        .open(&mut open)
        .default_pos([ctx.viewport_rect().left() + 360.0, ctx.viewport_rect().bottom() - 300.0])
        .default_size([420.0, 240.0])
        .show(ctx, |ui| {
            Plot::new("trend_plot").legend(Legend::default()).height(220.0).x_axis_label("plant hours").show(
                ui,
                |plot| {
                    for (i, name) in &trends.plotted {
                        let Some(points) = trends.series.get(&(*i, name.clone())) else { continue };
                        let station = sim.line.stations.get(*i).map_or("?", |s| s.id.as_str());
                        plot.line(Line::new(format!("{station}.{name}"), PlotPoints::from(points.clone())));
                    }
                },
            );
        });
    if !open {
        trends.plotted.clear();
    }
    Ok(())
}

fn pause_menu(
    mut contexts: EguiContexts,
    mut paused: ResMut<Paused>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    if !paused.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    big_window("pause").min_width(300.0).show(ctx, |ui| {
        ui.vertical_centered(|ui| {
            ui.heading("Paused");
            if ui.button("Resume").clicked() {
                paused.0 = false;
            }
            if ui.button("Settings").clicked() {
                settings.open = true;
            }
            if ui.button("End the scenario and see the debrief").clicked() {
                paused.0 = false;
                next.set(Screen::Debrief);
            }
            if ui.button("Quit to the scenario list").clicked() {
                paused.0 = false;
                next.set(Screen::Select);
            }
        });
    });
    Ok(())
}

fn debrief_screen(
    mut contexts: EguiContexts,
    report: Option<Res<DebriefReport>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(report) = report else { return Ok(()) };
    let d = &report.debrief;
    egui::CentralPanel::default().show(
        &mut egui::Ui::new(
            ctx.clone(),
            "debrief".into(),
            egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
        ),
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading(format!("Debrief: {}", d.title));
                    ui.add_space(20.0);
                    ui.label(egui::RichText::new(format!("{:.0} / 100", d.score.total)).size(36.0).strong());
                });
                ui.columns(2, |cols| {
                    let ui = &mut cols[0];
                    ui.label(egui::RichText::new("Score").strong());
                    egui::Grid::new("score").num_columns(3).striped(true).show(ui, |ui| {
                        for o in &d.score.objectives {
                            ui.monospace(format!("{:>5.1}", o.points));
                            ui.label(&o.title);
                            ui.label(&o.detail);
                            ui.end_row();
                        }
                        for p in &d.score.penalties {
                            ui.monospace(format!("{:>5.1}", -p.points));
                            ui.label("penalty");
                            ui.label(&p.what);
                            ui.end_row();
                        }
                    });
                    if !d.lessons.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new("To work on").strong());
                        for l in &d.lessons {
                            ui.label(format!("• {l}"));
                        }
                    }
                    if !d.causes.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new("What went wrong and why").strong());
                        for c in &d.causes {
                            ui.label(format!(
                                "• {}: {} ({:.0} {} defective, {:.1} kg scrapped)",
                                c.station, c.cause, c.defective_quantity, c.quantity_unit, c.scrap_solids_kg
                            ));
                            if let Some(e) = &c.explanation {
                                ui.label(egui::RichText::new(format!("   {e}")).italics());
                            }
                        }
                    }
                    let ui = &mut cols[1];
                    ui.label(egui::RichText::new("Line KPIs over the run").strong());
                    Plot::new("debrief_kpis").legend(Legend::default()).height(220.0).x_axis_label("plant hours").show(
                        ui,
                        |plot| {
                            let series = |f: fn(&sim_core::scenario::run::KpiSample) -> f64| -> PlotPoints {
                                d.kpi_series.iter().map(|s| [s.at_h, f(s)]).collect()
                            };
                            plot.line(Line::new("OEE", series(|s| s.oee)));
                            plot.line(Line::new("first-pass yield", series(|s| s.first_pass_yield)));
                        },
                    );
                    Plot::new("debrief_scrap")
                        .legend(Legend::default())
                        .height(140.0)
                        .x_axis_label("plant hours")
                        .show(ui, |plot| {
                            plot.line(Line::new(
                                "unplanned scrap, kg",
                                d.kpi_series.iter().map(|s| [s.at_h, s.unplanned_scrap_kg]).collect::<PlotPoints>(),
                            ));
                        });
                    ui.label(egui::RichText::new("Timeline").strong());
                    egui::ScrollArea::vertical().id_salt("timeline").max_height(220.0).show(ui, |ui| {
                        for t in &d.timeline {
                            ui.label(format!("{}  {:?}: {}", plant_clock(t.at_ms), t.kind, t.text));
                        }
                    });
                });
                ui.separator();
                match &report.saved_to {
                    Some(Ok(path)) => {
                        ui.label(format!("Replay saved to {} (check it with `twin replay`).", path.display()))
                    }
                    Some(Err(why)) => ui.colored_label(
                        egui::Color32::from_rgb(230, 80, 60),
                        format!("The replay could not be saved: {why}"),
                    ),
                    None => ui.label("Replay kept in memory."),
                };
                ui.monospace(format!("state hash {}", d.state_hash));
                ui.horizontal(|ui| {
                    if ui.button("Play again").clicked() {
                        next.set(Screen::Briefing);
                    }
                    if ui.button("Choose another scenario").clicked() {
                        next.set(Screen::Select);
                    }
                });
            });
        },
    );
    Ok(())
}

fn settings_window(mut contexts: EguiContexts, mut settings: ResMut<Settings>) -> Result {
    if !settings.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new("Settings").open(&mut open).collapsible(false).show(ctx, |ui| {
        ui.add(egui::Slider::new(&mut settings.volume, 0.0..=1.0).text("Volume"));
        ui.add(egui::Slider::new(&mut settings.ui_scale, 0.75..=2.0).text("UI scale"));
        ui.checkbox(&mut settings.colour_blind, "Colour-blind-safe palette (Okabe-Ito)");
    });
    if !open {
        settings.open = false;
    }
    Ok(())
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
            format!("{}\n{}", station.name, station.state.label()),
            egui::FontId::proportional(13.0),
            egui::Color32::from_rgb(20, 24, 32),
        );
    }
    Ok(())
}

//! The instructor's window: freeze and rewind, malfunctions (the scenario's own or any the
//! station accepts, at a chosen severity), breakdowns, lot changes, messages, and a trainee's
//! history of scores. Every action is a command queued as the instructor's; nothing here
//! changes the plant directly.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Plot, Points};
use l10n::{Arg, LineNames, say, tr};
use results::{Filter, RunRecord};
use sim_core::Command;
use sim_core::faults::{Fault, FaultKind};
use sim_core::scenario::EventAction;

use super::InstructorMode;
use crate::UiSystems;
use crate::hud::HallArea;
use crate::records::{Results, Trainee};
use crate::screens::Screen;
use crate::sim::commands::CommandQueue;
use crate::sim::stepping::Twin;
use crate::theme::plant_clock;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (instructor_window, frozen_banner).run_if(in_state(Screen::Play)).in_set(UiSystems::Instructor),
    );
}

/// What the instructor has chosen in the window so far.
struct Choices {
    station: usize,
    fault: usize,
    severity: f64,
    repair_min: f64,
    binder_viscosity_factor: f64,
    dispersion_factor: f64,
    message: String,
    snapshot_every_min: f64,
    /// Whose history is shown, and the runs read for them.
    history_of: String,
    history: Option<Result<Vec<RunRecord>, String>>,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            station: 0,
            fault: 0,
            severity: 0.5,
            repair_min: 30.0,
            binder_viscosity_factor: 1.3,
            dispersion_factor: 0.8,
            message: String::new(),
            snapshot_every_min: sim_core::scenario::session::DEFAULT_SNAPSHOT_EVERY_MIN,
            history_of: String::new(),
            history: None,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn instructor_window(
    mut contexts: EguiContexts,
    mut mode: ResMut<InstructorMode>,
    mut twin: ResMut<Twin>,
    mut queue: ResMut<CommandQueue>,
    trainee: Res<Trainee>,
    mut results: Results,
    hall: Option<Res<HallArea>>,
    mut choices: Local<Choices>,
) -> Result {
    if !(mode.enabled && mode.open) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    // In the hall view's lower right corner, below the line (which stands across its middle).
    let corner =
        hall.and_then(|h| h.0).map_or(egui::pos2(600.0, 380.0), |r| r.right_bottom() + egui::vec2(-398.0, -300.0));
    let mut open = true;
    egui::Window::new(tr!("instructor-title"))
        .id(egui::Id::new("instructor_window"))
        .open(&mut open)
        .default_pos(corner)
        .default_size([376.0, 290.0])
        .resizable(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                session(ui, &mut twin, &mut choices);
                ui.separator();
                malfunctions(ui, &twin, &mut queue, &mut choices);
                ui.separator();
                message(ui, &mut queue, &mut choices);
                if !queue.instructor_rejections.is_empty() {
                    ui.separator();
                    let names = LineNames(twin.sim());
                    for reason in queue.instructor_rejections.iter().rev().take(3) {
                        ui.colored_label(egui::Color32::from_rgb(230, 80, 60), say(reason, &names));
                    }
                }
                ui.separator();
                history(ui, &trainee, &mut results, &mut choices);
            });
        });
    mode.open = open;
    Ok(())
}

/// Freeze, the snapshot interval, and the snapshots to rewind to (newest first).
fn session(ui: &mut egui::Ui, twin: &mut Twin, choices: &mut Choices) {
    ui.horizontal(|ui| {
        let label = if twin.session.frozen { tr!("instructor-resume") } else { tr!("instructor-freeze") };
        if ui.button(egui::RichText::new(label).strong()).clicked() {
            twin.session.frozen = !twin.session.frozen;
        }
        ui.label(tr!("instructor-plant-time", at = plant_clock(twin.sim().now_ms)));
    });
    let every = ui.add(
        egui::Slider::new(&mut choices.snapshot_every_min, 1.0..=120.0)
            .text(tr!("instructor-snapshot-every"))
            .integer(),
    );
    if every.changed() {
        twin.session.snapshot_every_ms = (choices.snapshot_every_min * 60_000.0) as u64;
    }
    ui.label(egui::RichText::new(tr!("instructor-snapshots")).strong());
    let mut rewind_to = None;
    egui::ScrollArea::vertical().id_salt("snapshots").max_height(110.0).show(ui, |ui| {
        for (i, s) in twin.session.snapshots().iter().enumerate().rev() {
            ui.horizontal(|ui| {
                ui.monospace(plant_clock(s.at_ms));
                ui.label(tr!("instructor-snapshot-commands", commands = Arg::Int(s.commands as i64)));
                if ui.small_button(tr!("instructor-rewind")).clicked() {
                    rewind_to = Some(i);
                }
            });
        }
    });
    if let Some(i) = rewind_to {
        twin.session.rewind(i);
    }
    if !twin.session.branches.is_empty() {
        ui.label(tr!("instructor-branches", count = Arg::Int(twin.session.branches.len() as i64)));
    }
}

/// Malfunctions from the scenario's list, any the chosen station accepts at a severity, a
/// breakdown, and a material lot change.
fn malfunctions(ui: &mut egui::Ui, twin: &Twin, queue: &mut CommandQueue, choices: &mut Choices) {
    let sim = twin.sim();
    let names = LineNames(sim);
    let station_name = |id: &str| l10n::messages::Names::station(&names, l10n::language(), id).unwrap_or(id.into());
    // The scenario's own malfunctions, one click each.
    let mut listed: Vec<(&String, &Fault)> = Vec::new();
    for e in &twin.session.run.scenario.events {
        let faults: Vec<(&String, &Fault)> = match &e.action {
            EventAction::Fault { station, fault } => vec![(station, fault)],
            EventAction::RandomFaults { choices, .. } => choices.iter().map(|c| (&c.station, &c.fault)).collect(),
            _ => Vec::new(),
        };
        for f in faults {
            if !listed.contains(&f) {
                listed.push(f);
            }
        }
    }
    if !listed.is_empty() {
        ui.label(egui::RichText::new(tr!("instructor-scenario-faults")).strong());
        ui.horizontal_wrapped(|ui| {
            for (station, fault) in &listed {
                let text = format!("{} · {}", station_name(station), say(&fault.message(), &names));
                if ui.small_button(text).clicked() {
                    queue.send_as_instructor(Command::InjectFault {
                        station: (*station).clone(),
                        fault: (*fault).clone(),
                    });
                }
            }
        });
    }

    ui.label(egui::RichText::new(tr!("instructor-malfunction")).strong());
    choices.station = choices.station.min(sim.line.stations.len().saturating_sub(1));
    egui::ComboBox::from_id_salt("instructor_station")
        .selected_text(sim.line.stations.get(choices.station).map(|s| station_name(&s.id)).unwrap_or_default())
        .show_ui(ui, |ui| {
            for (i, s) in sim.line.stations.iter().enumerate() {
                ui.selectable_value(&mut choices.station, i, station_name(&s.id));
            }
        });
    let Some(station) = sim.line.stations.get(choices.station) else { return };
    let kinds = FaultKind::candidates(|f| station.kind.station().accepts_fault(f).is_ok());
    if kinds.is_empty() {
        ui.label(tr!("instructor-no-faults"));
    } else {
        choices.fault = choices.fault.min(kinds.len() - 1);
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("instructor_fault")
                .selected_text(say(&kinds[choices.fault].message(), &names))
                .show_ui(ui, |ui| {
                    for (k, kind) in kinds.iter().enumerate() {
                        ui.selectable_value(&mut choices.fault, k, say(&kind.message(), &names));
                    }
                });
        });
        ui.add(egui::Slider::new(&mut choices.severity, 0.0..=1.0).text(tr!("instructor-severity")));
        let fault = kinds[choices.fault].at_severity(choices.severity);
        if ui.button(tr!("instructor-inject", fault = say(&fault.message(), &names))).clicked() {
            queue.send_as_instructor(Command::InjectFault { station: station.id.clone(), fault });
        }
    }
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut choices.repair_min, 5.0..=240.0).text(tr!("instructor-repair-min")).integer());
        if ui.button(tr!("instructor-breakdown")).clicked() {
            queue.send_as_instructor(Command::Breakdown {
                station: station.id.clone(),
                repair_s: choices.repair_min * 60.0,
            });
        }
    });
    ui.collapsing(tr!("instructor-lot"), |ui| {
        ui.add(
            egui::Slider::new(&mut choices.binder_viscosity_factor, 0.5..=2.0).text(tr!("instructor-lot-viscosity")),
        );
        ui.add(egui::Slider::new(&mut choices.dispersion_factor, 0.5..=2.0).text(tr!("instructor-lot-dispersion")));
        if ui.button(tr!("instructor-lot-send")).clicked() {
            queue.send_as_instructor(Command::ChangeLot {
                station: station.id.clone(),
                binder_viscosity_factor: choices.binder_viscosity_factor,
                dispersion_factor: choices.dispersion_factor,
            });
        }
    });
}

/// A message to the trainee, shown as written.
fn message(ui: &mut egui::Ui, queue: &mut CommandQueue, choices: &mut Choices) {
    ui.label(egui::RichText::new(tr!("instructor-message")).strong());
    ui.add(
        egui::TextEdit::multiline(&mut choices.message)
            .desired_rows(2)
            .char_limit(sim_core::command::MAX_MESSAGE_CHARS)
            .hint_text(tr!("instructor-message-hint")),
    );
    if ui.add_enabled(!choices.message.trim().is_empty(), egui::Button::new(tr!("instructor-message-send"))).clicked() {
        queue.send_as_instructor(Command::SendMessage { text: choices.message.trim().to_string() });
        choices.message.clear();
    }
}

/// A trainee's scores over time, one series per scenario.
fn history(ui: &mut egui::Ui, trainee: &Trainee, results: &mut Results, choices: &mut Choices) {
    ui.label(egui::RichText::new(tr!("instructor-history")).strong());
    if choices.history_of.is_empty() {
        choices.history_of = trainee.0.clone();
    }
    let mut refresh = choices.history.is_none();
    ui.horizontal(|ui| {
        ui.label(tr!("instructor-history-trainee"));
        refresh |= ui.text_edit_singleline(&mut choices.history_of).lost_focus();
        refresh |= ui.small_button(tr!("instructor-history-refresh")).clicked();
    });
    if refresh {
        let filter = Filter { trainee: Some(choices.history_of.trim().to_string()), ..default() };
        choices.history = Some(results.list(&filter));
    }
    match &choices.history {
        Some(Ok(runs)) if !runs.is_empty() => {
            let first = runs[0].finished_at_ms;
            let mut scenarios: Vec<&str> = runs.iter().map(|r| r.scenario.as_str()).collect();
            scenarios.sort_unstable();
            scenarios.dedup();
            Plot::new("instructor_history")
                .height(150.0)
                .legend(Legend::default())
                .include_y(0.0)
                .include_y(100.0)
                .x_axis_label(tr!("instructor-history-days"))
                .show(ui, |plot| {
                    for scenario in scenarios {
                        let points: Vec<[f64; 2]> = runs
                            .iter()
                            .filter(|r| r.scenario == scenario)
                            .map(|r| [(r.finished_at_ms - first) as f64 / 86_400_000.0, r.score])
                            .collect();
                        plot.points(Points::new(scenario.to_string(), points).radius(3.0));
                    }
                });
            ui.label(tr!("instructor-history-count", runs = Arg::Int(runs.len() as i64)));
        }
        Some(Ok(_)) => {
            ui.label(tr!("instructor-history-none"));
        }
        Some(Err(e)) => {
            ui.colored_label(egui::Color32::from_rgb(230, 80, 60), e.as_str());
        }
        None => {}
    }
}

/// While frozen, the trainee sees why the plant stopped.
fn frozen_banner(mut contexts: EguiContexts, twin: Res<Twin>, hall: Option<Res<HallArea>>) -> Result {
    if !twin.session.frozen {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let top = hall.and_then(|h| h.0).map_or(egui::pos2(400.0, 60.0), |r| r.center_top() + egui::vec2(-120.0, 12.0));
    egui::Area::new("frozen_banner".into()).fixed_pos(top).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).fill(egui::Color32::from_rgb(40, 70, 120)).show(ui, |ui| {
            ui.label(egui::RichText::new(tr!("instructor-frozen")).strong().size(18.0).color(egui::Color32::WHITE));
        });
    });
    Ok(())
}

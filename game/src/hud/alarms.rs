//! The alarm list in the dashboard: open alarms by priority with acknowledge and shelve
//! buttons, and the reason the simulation gave for the last refused command.

use bevy::prelude::*;
use bevy_egui::egui;
use l10n::{LineNames, Names, say, tr};
use sim_core::alarms::{AlarmPriority, AlarmState};
use sim_core::{Command, Simulation};

use crate::sim::commands::CommandQueue;
use crate::theme::{plant_clock, priority_colour};

/// An alarm priority as the trainee reads it.
fn priority(p: AlarmPriority) -> String {
    match p {
        AlarmPriority::Low => tr!("alarms-priority-low"),
        AlarmPriority::Medium => tr!("alarms-priority-medium"),
        AlarmPriority::High => tr!("alarms-priority-high"),
        AlarmPriority::Emergency => tr!("alarms-priority-emergency"),
    }
}

/// Draws the alarm section; buttons queue their commands.
pub(super) fn show(ui: &mut egui::Ui, sim: &Simulation, mut queue: Mut<CommandQueue>, colour_blind: bool) {
    let cb = colour_blind;
    let open = sim.alarms.open();
    ui.heading(tr!("alarms-title", count = open.len()));
    if open.is_empty() {
        ui.label(tr!("alarms-none"));
    }
    for alarm in open.iter().take(12) {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(priority(alarm.priority)).color(priority_colour(alarm.priority, cb)).strong());
            let names = LineNames(sim);
            let station = alarm.source.as_deref().and_then(|id| names.station(l10n::language(), id));
            let message = say(&alarm.message, &names);
            ui.label(match station {
                Some(station) => format!("{} {station}: {message}", plant_clock(alarm.raised_ms)),
                None => format!("{} {message}", plant_clock(alarm.raised_ms)),
            });
            let state = alarm.state();
            if state == AlarmState::ReturnedUnacknowledged {
                ui.label(egui::RichText::new(tr!("alarms-cleared")).italics());
            }
            if matches!(state, AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)
                && ui.small_button(tr!("alarms-ack")).on_hover_text(tr!("alarms-ack-tip")).clicked()
            {
                queue.send(Command::AcknowledgeAlarm { alarm: alarm.id });
            }
            if state == AlarmState::Shelved {
                if ui.small_button(tr!("alarms-unshelve")).clicked() {
                    queue.send(Command::UnshelveAlarm { alarm: alarm.id });
                }
            } else if ui.small_button(tr!("alarms-shelve")).clicked() {
                queue.send(Command::ShelveAlarm { alarm: alarm.id, duration_s: 1800.0 });
            }
        });
    }
    if let Some(reason) = queue.rejections.last() {
        ui.separator();
        let reason = say(reason, &LineNames(sim));
        ui.colored_label(egui::Color32::from_rgb(220, 60, 60), tr!("alarms-refused", reason = reason));
    }
}

//! The look shared by every screen, panel and model: state and alarm colours, number and
//! clock formats, and the centred window the menus and screens use.

use bevy::prelude::*;
use bevy_egui::egui;
use l10n::tr;
use sim_core::alarms::AlarmPriority;
use sim_core::line::EquipmentState;

/// Colour of a station state: conventional (green running) or, for colour-vision
/// deficiencies, the Okabe-Ito palette (blue running, vermillion down).
pub fn state_colour(state: EquipmentState, colour_blind: bool) -> Color {
    if colour_blind {
        match state {
            EquipmentState::Running => Color::srgb(0.0, 0.45, 0.70),
            EquipmentState::Blocked => Color::srgb(0.90, 0.62, 0.0),
            EquipmentState::Starved => Color::srgb(0.94, 0.89, 0.26),
            EquipmentState::Down => Color::srgb(0.84, 0.37, 0.0),
            EquipmentState::Setup => Color::srgb(0.80, 0.47, 0.65),
            EquipmentState::Idle => Color::srgb(0.6, 0.6, 0.6),
            // Okabe-Ito sky blue: waiting like blocked, but mid-cycle.
            EquipmentState::Held => Color::srgb(0.34, 0.71, 0.91),
        }
    } else {
        match state {
            EquipmentState::Running => Color::srgb(0.15, 0.80, 0.25),
            EquipmentState::Blocked => Color::srgb(1.0, 0.55, 0.0),
            EquipmentState::Starved => Color::srgb(1.0, 0.90, 0.10),
            EquipmentState::Down => Color::srgb(0.95, 0.10, 0.10),
            EquipmentState::Setup => Color::srgb(0.20, 0.45, 1.0),
            EquipmentState::Idle => Color::srgb(0.55, 0.55, 0.55),
            EquipmentState::Held => Color::srgb(0.85, 0.45, 0.10),
        }
    }
}

/// A Bevy colour as egui paints it.
pub fn egui_colour(color: Color) -> egui::Color32 {
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

/// Plant time as `day D HH:MM:SS` (`dag D HH:MM:SS` in Dutch).
pub fn plant_clock(now_ms: u64) -> String {
    let s = now_ms / 1000;
    let time = format!("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60);
    tr!("world-clock", day = s / 86_400 + 1, time = time)
}

/// A reading with about four significant digits, as the language in use writes numbers.
pub fn significant(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e9 {
        return l10n::number(x, 0);
    }
    let magnitude = if x == 0.0 { 0 } else { x.abs().log10().floor() as i32 };
    let decimals = (3 - magnitude).clamp(0, 4) as usize;
    l10n::number(x, decimals)
}

/// A number with as few decimals as show it, at most `max` (`8`, `1.5`; `1,5` in Dutch).
pub fn short_number(x: f64, max: usize) -> String {
    let decimals = (0..max).find(|&d| (x * 10f64.powi(d as i32)).fract().abs() < 1e-9).unwrap_or(max);
    l10n::number(x, decimals)
}

/// A fraction as a percentage with one decimal.
pub fn percent(x: f64) -> String {
    format!("{} %", l10n::number(100.0 * x, 1))
}

/// A fixed, untitled window in the middle of the screen (title, select, briefing, pause).
/// `id` names the window for egui (it is not shown), so it stays the same in every language.
pub fn centred_window(id: &str) -> egui::Window<'_> {
    egui::Window::new(id)
        .id(egui::Id::new(id))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
}

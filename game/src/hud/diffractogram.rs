//! The X-ray pattern plot: when the selected station keeps a diffractogram (the
//! diffractometer), a window with the last sample's measured pattern, its peaks labelled as
//! the instrument's search-match named them (phase and hkl), and the reference phase the
//! trainee picks drawn as sticks underneath, to match peaks against. Everything comes from
//! the simulation (`diffractogram`, `reference_peaks`); nothing is computed here. It opens
//! in the hall view's upper left corner, under the site's note, clear of the station window.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Text};
use l10n::{Arg, tr};
use sim_core::stations::lab::diffractometer::{Diffractogram, PeakLabel, reference_peaks};
use sim_core::xrd::BUNDLED_STRUCTURES;

use crate::UiSystems;
use crate::screens::Screen;
use crate::sim::stepping::Twin;
use crate::world::SelectedStation;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        pattern_window.run_if(in_state(Screen::Play)).in_set(UiSystems::StationWindow),
    );
}

/// A colour per bundled phase, in the order of [`BUNDLED_STRUCTURES`].
const PHASE_COLOURS: [egui::Color32; 7] = [
    egui::Color32::from_rgb(40, 110, 200),
    egui::Color32::from_rgb(200, 120, 30),
    egui::Color32::from_rgb(120, 80, 170),
    egui::Color32::from_rgb(30, 150, 120),
    egui::Color32::from_rgb(110, 110, 110),
    egui::Color32::from_rgb(190, 50, 60),
    egui::Color32::from_rgb(150, 130, 20),
];

fn phase_colour(name: &str) -> egui::Color32 {
    BUNDLED_STRUCTURES
        .iter()
        .position(|(n, _)| *n == name)
        .map_or(egui::Color32::GRAY, |i| PHASE_COLOURS[i % PHASE_COLOURS.len()])
}

/// The phase's name as a person reads it, `?` for an unmatched peak.
fn phase_name(name: &str) -> String {
    match name {
        "" => "?".into(),
        "llzo-cubic" => tr!("xrd-phase-llzo-cubic"),
        "llzo-tetragonal" => tr!("xrd-phase-llzo-tetragonal"),
        "licoo2" => tr!("xrd-phase-licoo2"),
        "nmc811" => tr!("xrd-phase-nmc811"),
        "li-metal" => tr!("xrd-phase-li-metal"),
        "la2zr2o7" => tr!("xrd-phase-la2zr2o7"),
        "li2co3" => tr!("xrd-phase-li2co3"),
        other => other.to_string(),
    }
}

fn pattern_window(
    mut contexts: EguiContexts,
    twin: Res<Twin>,
    selected: Res<SelectedStation>,
    hall: Res<super::HallArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let sim = twin.sim();
    let Some(index) = selected.0 else { return Ok(()) };
    let Some(station) = sim.line.stations.get(index) else { return Ok(()) };
    let Some(scan) = station.kind.station().diffractogram() else { return Ok(()) };
    let Some(area) = hall.0 else { return Ok(()) };
    // Below the site's note, which the lab halls show at the top.
    let corner = [area.left() + 10.0, area.top() + 70.0];
    egui::Window::new(tr!("xrd-window", station = l10n::pick(&station.name)))
        .id(egui::Id::new("xrd_pattern"))
        .default_pos(corner)
        .default_width(420.0)
        .resizable(true)
        .show(ctx, |ui| pattern(ui, index, scan));
    Ok(())
}

/// The peaks worth a label, at most [`MAX_LABELS`], none within [`LABEL_GAP_DEG`] of
/// another: first every peak another phase than the strongest peak's explains (or nothing
/// does) from 2 % of the strongest up, then the main phase's from 8 % up, strongest first.
fn labelled(scan: &Diffractogram) -> Vec<&PeakLabel> {
    let Some(main) = scan.peaks.iter().max_by(|a, b| a.counts.total_cmp(&b.counts)) else { return Vec::new() };
    let strongest = main.counts.max(1.0);
    let mut candidates: Vec<&PeakLabel> = scan
        .peaks
        .iter()
        .filter(|p| {
            let foreign = p.phase != main.phase;
            p.counts >= if foreign { 0.02 } else { 0.08 } * strongest
        })
        .collect();
    candidates
        .sort_by(|a, b| (b.phase != main.phase).cmp(&(a.phase != main.phase)).then(b.counts.total_cmp(&a.counts)));
    let mut placed: Vec<&PeakLabel> = Vec::new();
    for peak in candidates {
        if placed.len() < MAX_LABELS
            && placed.iter().all(|q| (q.two_theta_deg - peak.two_theta_deg).abs() >= LABEL_GAP_DEG)
        {
            placed.push(peak);
        }
    }
    placed
}

/// Most peak labels on the plot, and the least distance between two, degrees 2theta.
const MAX_LABELS: usize = 12;
const LABEL_GAP_DEG: f64 = 2.0;

/// The plot of `scan` with its labelled peaks and the picked reference's sticks.
fn pattern(ui: &mut egui::Ui, index: usize, scan: &Diffractogram) {
    ui.label(tr!("xrd-sample", sample = Arg::Int(scan.unit as i64)));
    let id = egui::Id::new(("xrd_reference", index));
    let mut reference: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let shown = if reference.is_empty() { tr!("xrd-reference-none") } else { phase_name(&reference) };
    egui::ComboBox::from_label(tr!("xrd-reference")).selected_text(shown).show_ui(ui, |ui| {
        ui.selectable_value(&mut reference, String::new(), tr!("xrd-reference-none"));
        for (name, _) in BUNDLED_STRUCTURES {
            ui.selectable_value(&mut reference, name.to_string(), phase_name(name));
        }
    });
    ui.data_mut(|d| d.insert_temp(id, reference.clone()));
    let top = scan.points.iter().map(|p| p[1]).fold(1.0, f64::max);
    let ink = ui.visuals().strong_text_color();
    Plot::new(("xrd", index))
        .height(190.0)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(top * 1.12)
        .x_axis_label(tr!("xrd-two-theta"))
        .y_axis_label(tr!("xrd-counts"))
        .show(ui, |p| {
            p.line(Line::new(tr!("xrd-measured"), PlotPoints::from(scan.points.clone())).color(ink));
            for peak in labelled(scan) {
                let text = if peak.phase.is_empty() {
                    "?".to_string()
                } else {
                    format!("{} {}{}{}", phase_name(&peak.phase), peak.hkl[0], peak.hkl[1], peak.hkl[2])
                };
                let y = scan
                    .points
                    .iter()
                    .min_by(|a, b| (a[0] - peak.two_theta_deg).abs().total_cmp(&(b[0] - peak.two_theta_deg).abs()))
                    .map_or(0.0, |q| q[1]);
                p.text(
                    Text::new(text.clone(), PlotPoint::new(peak.two_theta_deg, y + 0.02 * top), text)
                        .color(phase_colour(&peak.phase))
                        .anchor(egui::Align2::LEFT_BOTTOM),
                );
            }
            if !reference.is_empty() {
                let colour = phase_colour(&reference);
                for (two_theta, intensity, _) in reference_peaks(&reference) {
                    let h = -0.1 * top * intensity / 100.0;
                    p.line(
                        Line::new(phase_name(&reference), PlotPoints::from(vec![[two_theta, 0.0], [two_theta, h]]))
                            .color(colour)
                            .width(2.0),
                    );
                }
            }
        });
    ui.small(tr!("xrd-hint"));
}

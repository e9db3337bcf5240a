//! The debrief screen: entering it scores the run and saves its replay; the page shows the
//! score, lessons, causes, KPI plots, timeline and where the replay went.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use sim_core::replay::{Replay, ReplaySource, content_hash};
use sim_core::scenario::score::{Debrief, debrief};

use super::Screen;
use crate::UiSystems;
use crate::sim::stepping::Twin;
use crate::theme::plant_clock;

/// The debrief of the finished run and the replay saved for it.
#[derive(Resource, Debug, Clone)]
pub struct DebriefReport {
    pub debrief: Debrief,
    pub replay: Replay,
    /// Where the replay was written (desktop only): `None` when it is kept in memory only,
    /// `Some(Err(why))` when writing it failed.
    pub saved_to: Option<Result<std::path::PathBuf, String>>,
}

/// Where replays are saved (desktop); `None` keeps them in memory only.
#[derive(Resource, Debug, Clone, Default)]
pub struct ReplayFolder(pub Option<std::path::PathBuf>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReplayFolder>()
        .add_systems(OnEnter(Screen::Debrief), make_debrief)
        .add_systems(OnEnter(Screen::Select), forget_debrief)
        .add_systems(
            EguiPrimaryContextPass,
            debrief_screen.run_if(in_state(Screen::Debrief)).in_set(UiSystems::Screens),
        );
}

/// The replay of the run so far: scenario, seed and the trainee's commands.
pub fn replay_of(twin: &Twin, score: f64) -> Replay {
    Replay {
        source: ReplaySource::Scenario { path: twin.file.clone(), content_hash: content_hash(&twin.text) },
        seed: twin.run.sim.seed,
        step_ms: twin.run.sim.step_ms,
        ticks: twin.run.ticks_total,
        commands: twin.run.commands.clone(),
        final_hash: Some(twin.run.state_hash()),
        final_score: Some(score),
    }
}

fn make_debrief(mut commands: Commands, twin: Option<Res<Twin>>, folder: Res<ReplayFolder>) {
    let Some(twin) = twin else { return };
    let report = debrief(&twin.run);
    let replay = replay_of(&twin, report.score.total);
    let saved_to = folder.0.as_ref().map(|dir| save(dir, &twin, &replay));
    commands.insert_resource(DebriefReport { debrief: report, replay, saved_to });
}

fn forget_debrief(mut commands: Commands) {
    commands.remove_resource::<DebriefReport>();
}

/// Writes the replay next to a copy of its scenario, so `twin replay` finds both; says what
/// failed otherwise.
fn save(dir: &std::path::Path, twin: &Twin, replay: &Replay) -> Result<std::path::PathBuf, String> {
    let text = replay.to_ron()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let stem = twin.file.trim_end_matches(".ron");
    let mut n = 1;
    let path = loop {
        let candidate = dir.join(format!("{stem}-{n:03}.replay.ron"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    let scenario_copy = dir.join(&twin.file);
    std::fs::write(&scenario_copy, &twin.text).map_err(|e| format!("cannot write {}: {e}", scenario_copy.display()))?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    info!("replay saved to {}", path.display());
    Ok(path)
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

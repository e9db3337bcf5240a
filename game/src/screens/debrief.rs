//! The debrief screen: entering it scores the run, saves its replay and records the run in the
//! results store; the page shows the score, the trainee's earlier scores on the scenario,
//! lessons, causes, KPI plots, timeline and where the replay went.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use l10n::{Arg, LineNames, Names, tr};
use results::{Filter, RunRecord};
use sim_core::replay::Replay;
use sim_core::scenario::run::TimelineKind;
use sim_core::scenario::score::{Debrief, debrief};

use super::Screen;
use crate::UiSystems;
use crate::records::{Results, Trainee, now_ms};
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
    /// Who played, and their earlier runs of this scenario, oldest first.
    pub trainee: String,
    pub history: Vec<RunRecord>,
    /// Why the run could not be recorded or the history read, if so.
    pub results_error: Option<String>,
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

/// The replay of the run so far: scenario, seed, the trainee's and the instructor's
/// commands, and the branches the instructor rewound away.
pub fn replay_of(twin: &Twin, score: f64) -> Replay {
    twin.session.replay(&twin.file, &twin.text, score)
}

fn make_debrief(
    mut commands: Commands,
    twin: Option<Res<Twin>>,
    folder: Res<ReplayFolder>,
    trainee: Res<Trainee>,
    mut results: Results,
) {
    let Some(twin) = twin else { return };
    let report = debrief(&twin.session.run);
    let replay = replay_of(&twin, report.score.total);
    let saved_to = folder.0.as_ref().map(|dir| save(dir, &twin, &replay));
    let filter = Filter {
        trainee: Some(trainee.0.trim().to_string()),
        scenario: Some(twin.session.run.scenario.id.clone()),
        ..default()
    };
    let (history, results_error) = match results.list(&filter) {
        Ok(history) => (history, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let recorded = RunRecord::of_run(&trainee.0, &twin.session.run, &replay, now_ms(), twin.played_s)
        .and_then(|record| results.record(&record));
    let results_error = results_error.or(recorded.err());
    if let Some(e) = &results_error {
        warn!("results: {e}");
    }
    commands.insert_resource(DebriefReport {
        debrief: report,
        replay,
        saved_to,
        trainee: trainee.0.clone(),
        history,
        results_error,
    });
}

fn forget_debrief(mut commands: Commands) {
    commands.remove_resource::<DebriefReport>();
}

/// Writes the replay next to a copy of its scenario, so `twin replay` finds both; says what
/// failed otherwise.
fn save(dir: &std::path::Path, twin: &Twin, replay: &Replay) -> Result<std::path::PathBuf, String> {
    let text = replay.to_ron()?;
    std::fs::create_dir_all(dir)
        .map_err(|e| tr!("debrief-cannot-create", path = dir.display().to_string(), error = e.to_string()))?;
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
    std::fs::write(&scenario_copy, &twin.text)
        .map_err(|e| tr!("debrief-cannot-write", path = scenario_copy.display().to_string(), error = e.to_string()))?;
    std::fs::write(&path, text)
        .map_err(|e| tr!("debrief-cannot-write", path = path.display().to_string(), error = e.to_string()))?;
    info!("replay saved to {}", path.display());
    Ok(path)
}

/// What kind of entry a timeline line is, as the trainee reads it.
fn timeline_kind(kind: TimelineKind) -> String {
    match kind {
        TimelineKind::Command => tr!("debrief-kind-command"),
        TimelineKind::Rejected => tr!("debrief-kind-rejected"),
        TimelineKind::Event => tr!("debrief-kind-event"),
        TimelineKind::HiddenEvent => tr!("debrief-kind-hidden-event"),
        TimelineKind::Alarm => tr!("debrief-kind-alarm"),
        TimelineKind::Hint => tr!("debrief-kind-hint"),
        TimelineKind::SafetyViolation => tr!("debrief-kind-safety-violation"),
        TimelineKind::Instructor => tr!("debrief-kind-instructor"),
    }
}

fn debrief_screen(
    mut contexts: EguiContexts,
    report: Option<Res<DebriefReport>>,
    twin: Option<Res<Twin>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(report) = report else { return Ok(()) };
    let d = &report.debrief;
    // Stations and controls by their names in the reader's language (ids once the run is gone).
    let line_names = twin.as_ref().map(|t| LineNames(t.sim()));
    let names: &dyn Names = match &line_names {
        Some(n) => n,
        None => &l10n::messages::Ids,
    };
    let say = |m: &sim_core::text::Message| l10n::say(m, names);
    egui::CentralPanel::default().show(
        &mut egui::Ui::new(
            ctx.clone(),
            "debrief".into(),
            egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
        ),
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading(tr!("debrief-title", title = &d.title));
                    ui.add_space(20.0);
                    ui.label(
                        egui::RichText::new(format!("{} / 100", l10n::number(d.score.total, 0))).size(36.0).strong(),
                    );
                });
                ui.columns(2, |cols| {
                    let ui = &mut cols[0];
                    ui.label(egui::RichText::new(tr!("debrief-score")).strong());
                    // Titles and progress wrap inside the left half rather than run under the plots.
                    let column = (ui.available_width() - 60.0) / 2.0;
                    egui::Grid::new("score").num_columns(3).striped(true).max_col_width(column).show(ui, |ui| {
                        for o in &d.score.objectives {
                            ui.monospace(format!("{:>5}", l10n::number(o.points, 1)));
                            ui.add(egui::Label::new(l10n::pick(&o.title)).wrap());
                            ui.add(egui::Label::new(say(&o.detail)).wrap());
                            ui.end_row();
                        }
                        for p in &d.score.penalties {
                            ui.monospace(format!("{:>5}", l10n::number(-p.points, 1)));
                            ui.label(tr!("debrief-penalty"));
                            ui.add(egui::Label::new(say(&p.what)).wrap());
                            ui.end_row();
                        }
                    });
                    progress(ui, &report);
                    if !d.lessons.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new(tr!("debrief-lessons")).strong());
                        for l in &d.lessons {
                            let detail = say(&l.detail);
                            ui.label(match &l.message {
                                Some(m) => format!("• {}: {} ({detail})", l10n::pick(&l.objective), l10n::pick(m)),
                                None => format!("• {}: {detail}", l10n::pick(&l.objective)),
                            });
                        }
                    }
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(tr!("debrief-costs")).strong());
                    let [account, per_area] = l10n::messages::cost_lines(&d.costs);
                    ui.add(egui::Label::new(account).wrap());
                    ui.label(per_area);
                    if !d.diagnoses.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new(tr!("debrief-diagnoses")).strong());
                        for g in &d.diagnoses {
                            let verdict =
                                if g.correct { tr!("debrief-diagnosis-right") } else { tr!("debrief-diagnosis-wrong") };
                            ui.label(tr!(
                                "debrief-diagnosis",
                                at = plant_clock(g.at_ms),
                                station =
                                    names.station(l10n::language(), &g.station).unwrap_or_else(|| g.station.clone()),
                                diagnosis = say(&g.fault.message()),
                                verdict = verdict,
                            ));
                        }
                    }
                    if !d.causes.is_empty() {
                        ui.add_space(6.0);
                        ui.label(egui::RichText::new(tr!("debrief-causes")).strong());
                        for c in &d.causes {
                            ui.label(tr!(
                                "debrief-cause",
                                station =
                                    names.station(l10n::language(), &c.station).unwrap_or_else(|| c.station.clone()),
                                cause = l10n::cause(&c.cause),
                                quantity = Arg::Num(c.defective_quantity, 0),
                                unit = l10n::unit(&c.quantity_unit),
                                scrap = Arg::Num(c.scrap_solids_kg, 1),
                            ));
                            if let Some(e) = &c.explanation {
                                ui.label(egui::RichText::new(format!("   {}", l10n::pick(e))).italics());
                            }
                        }
                    }
                    let ui = &mut cols[1];
                    ui.label(egui::RichText::new(tr!("debrief-kpis")).strong());
                    Plot::new("debrief_kpis")
                        .legend(Legend::default())
                        .height(220.0)
                        .x_axis_label(tr!("debrief-plant-hours"))
                        .show(ui, |plot| {
                            let series = |f: fn(&sim_core::scenario::run::KpiSample) -> f64| -> PlotPoints {
                                d.kpi_series.iter().map(|s| [s.at_h, f(s)]).collect()
                            };
                            plot.line(Line::new(tr!("debrief-oee"), series(|s| s.oee)));
                            plot.line(Line::new(tr!("debrief-first-pass-yield"), series(|s| s.first_pass_yield)));
                        });
                    Plot::new("debrief_scrap")
                        .legend(Legend::default())
                        .height(140.0)
                        .x_axis_label(tr!("debrief-plant-hours"))
                        .show(ui, |plot| {
                            plot.line(Line::new(
                                tr!("debrief-unplanned-scrap"),
                                d.kpi_series.iter().map(|s| [s.at_h, s.unplanned_scrap_kg]).collect::<PlotPoints>(),
                            ));
                        });
                    ui.label(egui::RichText::new(tr!("debrief-timeline")).strong());
                    egui::ScrollArea::vertical().id_salt("timeline").max_height(220.0).show(ui, |ui| {
                        for t in &d.timeline {
                            ui.label(format!("{}  {}: {}", plant_clock(t.at_ms), timeline_kind(t.kind), say(&t.text)));
                        }
                    });
                });
                ui.separator();
                match &report.saved_to {
                    Some(Ok(path)) => ui.label(tr!("debrief-replay-saved", path = path.display().to_string())),
                    Some(Err(why)) => ui.colored_label(
                        egui::Color32::from_rgb(230, 80, 60),
                        tr!("debrief-replay-failed", reason = why),
                    ),
                    None => ui.label(tr!("debrief-replay-in-memory")),
                };
                ui.monospace(tr!("debrief-state-hash", hash = &d.state_hash));
                ui.horizontal(|ui| {
                    if ui.button(tr!("debrief-play-again")).clicked() {
                        next.set(Screen::Briefing);
                    }
                    if ui.button(tr!("debrief-choose-another")).clicked() {
                        next.set(Screen::Select);
                    }
                });
            });
        },
    );
    Ok(())
}

/// The trainee's earlier scores on this scenario and this one, as a line over the attempts.
fn progress(ui: &mut egui::Ui, report: &DebriefReport) {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(tr!("debrief-progress", trainee = report.trainee.as_str())).strong());
    if let Some(e) = &report.results_error {
        ui.colored_label(egui::Color32::from_rgb(230, 80, 60), tr!("debrief-results-failed", reason = e.as_str()));
    }
    if report.history.is_empty() {
        ui.label(tr!("debrief-progress-first"));
        return;
    }
    let scores: Vec<f64> = report.history.iter().map(|r| r.score).chain([report.debrief.score.total]).collect();
    let previous: Vec<String> = report.history.iter().rev().take(5).rev().map(|r| l10n::number(r.score, 0)).collect();
    let best = report.history.iter().map(|r| r.score).fold(0.0, f64::max);
    ui.label(tr!(
        "debrief-progress-summary",
        attempts = Arg::Int(report.history.len() as i64),
        previous = previous.join(" · "),
        best = Arg::Num(best, 0),
    ));
    Plot::new("debrief_progress")
        .height(90.0)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(tr!("debrief-progress-attempt"))
        .allow_scroll(false)
        .allow_drag(false)
        .show(ui, |plot| {
            let points: PlotPoints = scores.iter().enumerate().map(|(i, s)| [i as f64 + 1.0, *s]).collect();
            plot.line(Line::new(tr!("debrief-progress-score"), points));
            plot.points(
                egui_plot::Points::new(
                    tr!("debrief-progress-now"),
                    vec![[scores.len() as f64, report.debrief.score.total]],
                )
                .radius(4.0),
            );
        });
}

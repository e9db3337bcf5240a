//! The instructor's station in the app, without rendering: the instructor's commands reach
//! the plant and the replay marked as theirs, freeze holds plant time, a saved scenario file
//! reloads (and an invalid one leaves the session running with its located error), and the
//! debrief records the run and shows the trainee's earlier scores.

use game::catalogue::Catalogue;
use game::instructor::hot_reload::{ReloadStatus, WatchedScenario};
use game::records::Trainee;
use game::screens::Screen;
use game::screens::debrief::DebriefReport;
use game::sim::commands::CommandQueue;
use game::sim::stepping::{PlantSpeed, Twin};
use game::testing::{go, headless_app, screen, start_scenario};
use sim_core::Command;
use sim_core::faults::FaultKind;
use sim_core::replay::Actor;

#[test]
fn the_instructors_commands_reach_the_plant_marked_as_theirs_and_freeze_holds_the_clock() {
    let mut app = headless_app(600.0);
    start_scenario(&mut app, "coater-malfunctions");
    {
        let mut queue = app.world_mut().resource_mut::<CommandQueue>();
        queue.send_as_instructor(Command::InjectFault {
            station: "calender".into(),
            fault: FaultKind::RollGapDrift.at_severity(0.5),
        });
        queue.send_as_instructor(Command::SendMessage { text: "Shift lead: check the calender.".into() });
        // Not the instructor's to give: refused to the instructor, not to the trainee.
        queue.send_as_instructor(Command::StopStation { station: "coater".into() });
    }
    app.update();
    let world = app.world();
    let twin = world.resource::<Twin>();
    let run = &twin.session.run;
    let calender = twin.sim().line.station_index("calender").unwrap();
    assert_eq!(twin.sim().line.stations[calender].faults.len(), 1);
    assert_eq!(run.commands.iter().filter(|c| c.by == Actor::Instructor).count(), 3);
    assert!(run.messages.iter().any(|(_, m)| format!("{m:?}").contains("check the calender")));
    let queue = world.resource::<CommandQueue>();
    assert_eq!(queue.instructor_rejections.len(), 1);
    assert!(queue.rejections.is_empty(), "the trainee is told nothing");

    app.world_mut().resource_mut::<Twin>().session.frozen = true;
    let tick = app.world().resource::<Twin>().session.run.sim.tick;
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(app.world().resource::<Twin>().session.run.sim.tick, tick, "frozen");
    app.world_mut().resource_mut::<Twin>().session.frozen = false;
    // At 600x a fixed step is 30 plant seconds: two make the next one-minute tick.
    app.update();
    app.update();
    assert!(app.world().resource::<Twin>().session.run.sim.tick > tick);
}

#[test]
fn a_saved_scenario_file_reloads_and_an_invalid_one_shows_its_error_while_the_session_goes_on() {
    let dir = std::env::temp_dir().join(format!("intellibat-hot-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("my-scenario.ron");
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/coater-malfunctions.ron"),
    )
    .unwrap();
    std::fs::write(&path, &original).unwrap();

    let mut app = headless_app(600.0);
    let (id, watched) = app.world_mut().resource_mut::<Catalogue>().add_file(&path).unwrap();
    assert_eq!(id, "coater-malfunctions");
    app.world_mut().insert_resource::<WatchedScenario>(watched);
    start_scenario(&mut app, &id);
    for _ in 0..5 {
        app.update();
    }
    let before = app.world().resource::<Twin>().session.run.sim.tick;
    assert!(before > 0);

    // A mistake: the session keeps running on the last valid version.
    std::fs::write(&path, original.replacen("duration_h: 8.0", "duration_h: -8.0", 1)).unwrap();
    app.update();
    match app.world().resource::<ReloadStatus>() {
        ReloadStatus::Invalid(report) => {
            assert!(report.contains("my-scenario.ron:") && report.contains("duration_h"), "{report}")
        }
        other => panic!("expected the located error, got {other:?}"),
    }
    for _ in 0..5 {
        app.update();
    }
    let twin = app.world().resource::<Twin>();
    assert!(twin.session.run.sim.tick > before, "the session goes on");
    assert_eq!(twin.session.run.scenario.duration_h, 8.0);

    // Fixed, with a change: reloaded at the same plant time.
    std::fs::write(&path, original.replacen("duration_h: 8.0", "duration_h: 9.0", 1)).unwrap();
    let tick = app.world().resource::<Twin>().session.run.sim.tick;
    app.update();
    assert!(matches!(app.world().resource::<ReloadStatus>(), ReloadStatus::Applied { .. }));
    let twin = app.world().resource::<Twin>();
    assert_eq!(twin.session.run.scenario.duration_h, 9.0);
    assert!(twin.session.run.sim.tick >= tick);
    assert!(twin.text.contains("duration_h: 9.0"), "the replay will name the new text");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_debrief_records_the_run_and_shows_the_trainees_earlier_scores() {
    let mut app = headless_app(1_000_000.0);
    app.world_mut().insert_resource(Trainee("Lotte Vos".into()));
    for attempt in 0..2 {
        start_scenario(&mut app, "public-tour");
        app.world_mut().insert_resource(PlantSpeed(1_000_000.0));
        for _ in 0..80 {
            app.update();
            if screen(&app) == Screen::Debrief {
                break;
            }
        }
        app.update();
        let report = app.world().resource::<DebriefReport>();
        assert_eq!(report.trainee, "Lotte Vos");
        assert_eq!(report.results_error, None);
        assert_eq!(report.history.len(), attempt, "earlier runs of this scenario by this trainee");
        go(&mut app, Screen::Select);
    }
}

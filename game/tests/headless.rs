//! The game logic in an app without rendering: screens, the fixed-step driver, commands from
//! the panels reaching the simulation, alarms, and the debrief matching `twin replay`.

use game::screens::Screen;
use game::screens::debrief::DebriefReport;
use game::sim::commands::CommandQueue;
use game::sim::stepping::{FIXED_HZ, Paused, PlantSpeed, Twin};
use game::testing::{go, headless_app, screen, start_scenario};
use sim_core::Command;
use sim_core::alarms::AlarmState;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

#[test]
fn the_screens_move_title_select_briefing_play_debrief() {
    let mut app = headless_app(1_000_000.0);
    assert_eq!(screen(&app), Screen::Title);
    go(&mut app, Screen::Select);
    assert_eq!(screen(&app), Screen::Select);
    // Briefing without a selection goes back to the list.
    go(&mut app, Screen::Briefing);
    app.update();
    assert_eq!(screen(&app), Screen::Select);
    start_scenario(&mut app, "public-tour");
    assert_eq!(screen(&app), Screen::Play);
    assert!(app.world().get_resource::<Twin>().is_some());
    // At this speed the 1.5 h tour ends within a few frames and the debrief follows.
    for _ in 0..50 {
        app.update();
        if screen(&app) == Screen::Debrief {
            break;
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    app.update();
    assert!(app.world().get_resource::<DebriefReport>().is_some());
    go(&mut app, Screen::Select);
    assert!(app.world().get_resource::<Twin>().is_none(), "leaving drops the run");
}

#[test]
fn plant_time_advances_at_the_chosen_speed_and_pauses() {
    let mut app = headless_app(1200.0);
    start_scenario(&mut app, "coating-window");
    let start = app.world().resource::<Twin>().session.run.sim.tick;
    for _ in 0..20 {
        app.update();
    }
    let ticks = app.world().resource::<Twin>().session.run.sim.tick - start;
    // 20 fixed steps of 1/20 s at 1200x = 1200 plant seconds = 20 one-minute ticks.
    assert_eq!(ticks, (20.0 / FIXED_HZ * 1200.0 / 60.0) as u64);
    app.world_mut().resource_mut::<Paused>().0 = true;
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(app.world().resource::<Twin>().session.run.sim.tick - start, ticks);
}

#[test]
fn a_panel_command_reaches_the_simulation_and_a_refusal_comes_back() {
    let mut app = headless_app(600.0);
    start_scenario(&mut app, "coating-window");
    {
        let mut queue = app.world_mut().resource_mut::<CommandQueue>();
        queue.send(Command::SetControl {
            station: "coater".into(),
            control: "pump_flow_l_per_min".into(),
            value: 1.93,
        });
        queue.send(Command::SetControl {
            station: "calender".into(),
            control: "line_load_n_per_mm".into(),
            value: 950.0,
        });
    }
    app.update();
    app.update();
    let world = app.world();
    let twin = world.resource::<Twin>();
    let coater = twin.sim().line.station_index("coater").unwrap();
    assert_eq!(twin.sim().controls(coater).iter().find(|c| c.name == "pump_flow_l_per_min").unwrap().value, 1.93);
    assert_eq!(twin.session.run.commands.len(), 2, "both recorded in the replay");
    let rejections = &world.resource::<CommandQueue>().rejections;
    assert_eq!(rejections.len(), 1);
    assert_eq!(rejections[0].id, "reject-not-yours", "{rejections:?}");
}

#[test]
fn an_alarm_can_be_acknowledged() {
    let mut app = headless_app(3000.0);
    start_scenario(&mut app, "breakdowns-and-bottleneck");
    // Run until the 1 h breakdown raises its alarm.
    let mut id = None;
    for _ in 0..400 {
        app.update();
        let twin = app.world().resource::<Twin>();
        if let Some(a) = twin.sim().alarms.alarms.iter().find(|a| a.state() == AlarmState::Unacknowledged) {
            id = Some(a.id);
            break;
        }
    }
    let id = id.expect("an alarm was raised");
    app.world_mut().resource_mut::<CommandQueue>().send(Command::AcknowledgeAlarm { alarm: id });
    app.update();
    let twin = app.world().resource::<Twin>();
    let alarm = twin.sim().alarms.alarms.iter().find(|a| a.id == id).unwrap();
    assert!(alarm.acknowledged_ms.is_some());
}

#[test]
fn the_debrief_score_equals_a_replay_of_the_saved_file() {
    let mut app = headless_app(4000.0);
    start_scenario(&mut app, "calender-porosity");
    app.world_mut().resource_mut::<CommandQueue>().send(Command::SetControl {
        station: "calender".into(),
        control: "line_load_n_per_mm".into(),
        value: 900.0,
    });
    app.world_mut().insert_resource(PlantSpeed(40_000.0));
    for _ in 0..400 {
        app.update();
        if screen(&app) == Screen::Debrief {
            break;
        }
    }
    app.update();
    let report = app.world().resource::<DebriefReport>().clone();
    assert!(report.debrief.score.total > 0.0);
    // The replay, written and read back as a file would be, reproduces score and hash.
    let text = report.replay.to_ron().unwrap();
    let replay = sim_core::replay::Replay::from_ron("saved.replay.ron", &text).unwrap();
    let catalogue = game::catalogue::Catalogue::bundled();
    let entry = catalogue.find("calender-porosity").unwrap();
    let mut run = ScenarioRun::new(&entry.scenario, &entry.layout, Some(replay.seed)).unwrap();
    run.run_with(&replay.commands, |_, _| {});
    assert_eq!(score(&run).total, report.debrief.score.total);
    assert_eq!(Some(run.state_hash()), replay.final_hash);
    assert_eq!(replay.final_score, Some(report.debrief.score.total));
}

#[test]
fn the_bundled_catalogue_loads_in_the_game() {
    let catalogue = game::catalogue::Catalogue::bundled();
    assert!(catalogue.errors.is_empty(), "{:?}", catalogue.errors);
    assert_eq!(catalogue.entries.len(), game::catalogue::SCENARIOS.len());
    // Every scenario file in the folder is bundled.
    let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().to_string_lossy().into_owned();
            name.ends_with(".ron") && !name.ends_with(".replay.ron")
        })
        .count();
    assert_eq!(on_disk, catalogue.entries.len());
}

#[test]
fn the_bundled_sounds_decode() {
    assert_eq!(game::audio::decode_bundled(), Ok(6));
}

#[test]
fn every_site_placement_names_a_station_of_a_bundled_line() {
    for site in game::world::sites::all() {
        for placement in site.lines {
            let file = format!("{}.ron", placement.line);
            let (_, text) = game::catalogue::LAYOUTS
                .iter()
                .find(|(name, _)| *name == file)
                .unwrap_or_else(|| panic!("site {}: no bundled line {}", site.id, placement.line));
            let layout = sim_core::LineLayout::from_ron(&file, text).unwrap();
            for (station, _) in placement.stations {
                assert!(
                    layout.stations.iter().any(|s| s.id == *station),
                    "site {}: line {} has no station {station}",
                    site.id,
                    placement.line
                );
            }
        }
    }
}

#[test]
fn the_electrode_line_stands_in_sint_truiden_along_the_flow() {
    let catalogue = game::catalogue::Catalogue::bundled();
    let twin = Twin::new(catalogue.find("coating-window").unwrap(), None).unwrap();
    let plan = game::world::sites::plan_line(&twin);
    assert_eq!(game::world::sites::all()[plan.site].id, "sint-truiden");
    let xs: Vec<f32> = plan.positions.iter().map(|p| p.x).collect();
    assert_eq!(xs, [-20.0, -12.0, -4.0, 4.0, 12.0, 20.0]);
}

#[test]
fn a_followed_roll_is_found_further_down_the_electrode_line_until_it_leaves() {
    let mut app = headless_app(1000.0);
    start_scenario(&mut app, "coater-malfunctions");
    app.update();
    let unit = {
        let twin = app.world().resource::<Twin>();
        let line = &twin.sim().line;
        line.stations.iter().find_map(|s| s.in_process()).expect("a station works from the start").id
    };
    let mut xs: Vec<f32> = Vec::new();
    for _ in 0..20_000 {
        let twin = app.world().resource::<Twin>();
        match game::views::unit_position(twin, unit) {
            Some((at, _)) => {
                if xs.last() != Some(&at.x) {
                    xs.push(at.x);
                }
            }
            None => break,
        }
        app.update();
    }
    let twin = app.world().resource::<Twin>();
    assert_eq!(game::views::unit_position(twin, unit), None, "the unit left the line within the run: {xs:?}");
    assert!(xs.windows(2).all(|w| w[1] >= w[0]), "the view only moves downstream: {xs:?}");
    assert!(xs.len() >= 6, "it stopped at every station on the way: {xs:?}");
}

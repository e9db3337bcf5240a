//! `intellibat`: the desktop game.
//!
//! Options: `--scenario ID` (skip to its briefing), `--screen title|select|briefing|play|debrief`
//! (go straight there with the chosen scenario), `--seed N`, `--speed X` (plant seconds per real
//! second), `--select STATION` (open its panel), `--hover STATION` (show its tooltip as if the
//! pointer were on it), `--plot STATION.READOUT` (open a trend plot),
//! `--view line|AREA` (frame the whole line or one plant area, as the view bar does),
//! `--follow STATION` (follow the unit in process there), `--window WIDTHxHEIGHT` (the
//! window's size, 1280x720 by default), `--screenshot PATH` (once on the screen, render,
//! save and exit).
//!
//! Instructors and authors: `--instructor` (the instructor's window, F9), `--trainee NAME`
//! (whose results these are), `--results-db LOCATION` (a SQLite file or a `postgres://` URL;
//! default `$INTELLIBAT_RESULTS_DB`, else `results.sqlite` in the user's data folder),
//! `--scenario-file PATH` (play a scenario file being written, reloaded whenever it is saved).
//!
//! In the browser the same options come from the page's query string (`?scenario=ID&screen=
//! play&seed=3`); with none, the public tour starts in play, and the top bar's "All scenarios"
//! leads to the list.

use bevy::asset::AssetMetaCheck;
use bevy::picking::mesh_picking::MeshPickingPlugin;
use bevy::prelude::*;
use game::camera::{FrameTarget, Orbit};
use game::catalogue::Catalogue;
use game::instructor::InstructorMode;
use game::records::{ResultsStore, Trainee};
use game::screens::Screen;
use game::screens::debrief::ReplayFolder;
use game::screens::select::Selection;
use game::screenshot::ScreenshotRequest;
use game::sim::stepping::{PlantSpeed, Twin};
use game::sim::trends::Trends;
use game::views::{Follow, ViewPreset, choose};
use game::world::{HoveredStation, SelectedStation};

#[derive(Default)]
struct Options {
    scenario: Option<String>,
    screen: Option<Screen>,
    seed: Option<u64>,
    speed: Option<f64>,
    select: Option<String>,
    hover: Option<String>,
    plot: Vec<String>,
    screenshot: Option<std::path::PathBuf>,
    instructor: bool,
    trainee: Option<String>,
    results_db: Option<String>,
    scenario_file: Option<std::path::PathBuf>,
    view: Option<String>,
    follow: Option<String>,
    window: Option<(u32, u32)>,
}

/// The launch options as command-line words: the process arguments on the desktop.
#[cfg(not(target_arch = "wasm32"))]
fn launch_args() -> Vec<String> {
    std::env::args().skip(1).collect()
}

/// The launch options as command-line words: on the web, `?key=value` pairs of the page's
/// address become `--key value`; without a scenario, the public tour opens in play.
#[cfg(target_arch = "wasm32")]
fn launch_args() -> Vec<String> {
    let mut args = game::web::query_args();
    if !args.iter().any(|a| a == "--scenario") {
        args.extend(["--scenario", "public-tour", "--screen", "play"].map(String::from));
    }
    args
}

fn parse_options(args: Vec<String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--scenario" => o.scenario = Some(value("--scenario")?),
            "--screen" => {
                o.screen = Some(match value("--screen")?.as_str() {
                    "title" => Screen::Title,
                    "select" => Screen::Select,
                    "briefing" => Screen::Briefing,
                    "play" => Screen::Play,
                    "debrief" => Screen::Debrief,
                    other => return Err(format!("unknown screen `{other}`")),
                })
            }
            "--seed" => o.seed = Some(value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?),
            "--speed" => o.speed = Some(value("--speed")?.parse().map_err(|e| format!("--speed: {e}"))?),
            "--select" => o.select = Some(value("--select")?),
            "--hover" => o.hover = Some(value("--hover")?),
            "--plot" => o.plot.push(value("--plot")?),
            "--screenshot" => o.screenshot = Some(value("--screenshot")?.into()),
            "--instructor" => o.instructor = true,
            "--trainee" => o.trainee = Some(value("--trainee")?),
            "--results-db" => o.results_db = Some(value("--results-db")?),
            "--scenario-file" => o.scenario_file = Some(value("--scenario-file")?.into()),
            "--view" => o.view = Some(value("--view")?),
            "--follow" => o.follow = Some(value("--follow")?),
            "--window" => {
                let size = value("--window")?;
                let parsed = size
                    .split_once('x')
                    .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
                    .filter(|&(w, h)| (320..=7680).contains(&w) && (240..=4320).contains(&h));
                o.window = Some(
                    parsed.ok_or_else(|| format!("--window: `{size}` is not WIDTHxHEIGHT (320x240 to 7680x4320)"))?,
                );
            }
            "--help" | "-h" => {
                println!(
                    "intellibat [--scenario ID] [--screen title|select|briefing|play|debrief] [--seed N] [--speed X] [--select STATION] [--hover STATION] [--plot STATION.READOUT] [--screenshot PATH] [--instructor] [--trainee NAME] [--results-db LOCATION] [--scenario-file PATH] [--view line|AREA] [--follow STATION] [--window WIDTHxHEIGHT]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option `{other}` (try --help)")),
        }
    }
    Ok(o)
}

/// The game's window: 1280x720 on the desktop unless `size` says otherwise; on the web, the
/// page's `#bevy` canvas, sized by the page.
fn primary_window(size: Option<(u32, u32)>) -> Window {
    if cfg!(target_arch = "wasm32") {
        Window {
            title: "Intellibat Twin".into(),
            canvas: Some("#bevy".into()),
            fit_canvas_to_parent: true,
            // Let the browser keep its own keys (reload, developer tools, tab).
            prevent_default_event_handling: false,
            ..default()
        }
    } else {
        let (width, height) = size.unwrap_or((1280, 720));
        Window { title: "Intellibat Twin".into(), resolution: (width, height).into(), ..default() }
    }
}

/// Walks the screens to the one asked for on the command line.
#[derive(Resource)]
struct AutoStart {
    target: Screen,
    select: Option<String>,
    hover: Option<String>,
    plot: Vec<String>,
    view: Option<String>,
    follow: Option<String>,
}

/// The views to set when the auto-started screen is reached.
#[derive(bevy::ecs::system::SystemParam)]
struct ViewParams<'w> {
    preset: ResMut<'w, ViewPreset>,
    follow: ResMut<'w, Follow>,
    orbit: ResMut<'w, Orbit>,
    frame: ResMut<'w, FrameTarget>,
}

#[allow(clippy::too_many_arguments)]
fn auto_start(
    mut commands: Commands,
    auto: Res<AutoStart>,
    screen: Res<State<Screen>>,
    twin: Option<Res<Twin>>,
    mut next: ResMut<NextState<Screen>>,
    mut selected: ResMut<SelectedStation>,
    mut hovered: ResMut<HoveredStation>,
    mut trends: ResMut<Trends>,
    mut views: ViewParams,
    mut frames_there: Local<u32>,
) {
    let order = |s: Screen| {
        [Screen::Title, Screen::Select, Screen::Briefing, Screen::Play, Screen::Debrief].iter().position(|x| *x == s)
    };
    let (now, target) = (*screen.get(), auto.target);
    if now == target || order(now) > order(target) {
        // The hall is built (and framed whole) in the frame the run appears, a screen
        // change may bring a new run: set the views a few frames later.
        *frames_there += 1;
        if *frames_there < 3 {
            return;
        }
        if let Some(twin) = twin {
            let sim = twin.sim();
            if let Some(id) = &auto.select {
                selected.0 = sim.line.station_index(id);
            }
            if let Some(id) = &auto.hover {
                hovered.0 = sim.line.station_index(id);
            }
            for key in &auto.plot {
                if let Some((station, readout)) = key.split_once('.')
                    && let Some(i) = sim.line.station_index(station)
                {
                    trends.plotted.push((i, readout.to_string()));
                }
            }
            if let Some(view) = &auto.view {
                let preset = if view == "line" { ViewPreset::WholeLine } else { ViewPreset::Area(view.clone()) };
                choose(&preset, &twin, &mut views.orbit, &mut views.frame, &mut views.follow);
                *views.preset = preset;
            }
            if let Some(id) = &auto.follow {
                let unit = sim.line.station_index(id).and_then(|i| sim.line.stations[i].in_process()).map(|u| u.id);
                views.follow.unit = unit;
            }
        }
        commands.remove_resource::<AutoStart>();
        return;
    }
    next.set(match now {
        Screen::Title => Screen::Select,
        Screen::Select => Screen::Briefing,
        Screen::Briefing => Screen::Play,
        _ => return,
    });
}

fn main() -> AppExit {
    let options = match parse_options(launch_args()) {
        Ok(o) => o,
        // A visitor cannot fix a page address: the browser starts with the defaults instead.
        Err(e) if cfg!(target_arch = "wasm32") => {
            eprintln!("intellibat: {e}; starting the public tour");
            Options { scenario: Some("public-tour".into()), screen: Some(Screen::Play), ..Options::default() }
        }
        Err(e) => {
            eprintln!("intellibat: {e}");
            return AppExit::from_code(2);
        }
    };
    let mut catalogue = Catalogue::bundled();
    for e in &catalogue.errors {
        eprintln!("{e}");
    }
    let mut options = options;
    let watched = match options.scenario_file.take().map(|path| catalogue.add_file(&path)) {
        Some(Ok((id, watched))) => {
            options.scenario = Some(id);
            Some(watched)
        }
        Some(Err(e)) => {
            eprintln!("{e}");
            return AppExit::from_code(2);
        }
        None => None,
    };
    let index = match &options.scenario {
        Some(id) => match catalogue.entries.iter().position(|e| &e.scenario.id == id) {
            Some(i) => Some(i),
            None if cfg!(target_arch = "wasm32") => {
                eprintln!("intellibat: no scenario `{id}` in the catalogue; showing the title screen");
                None
            }
            None => {
                eprintln!("intellibat: no scenario `{id}` in the catalogue");
                return AppExit::from_code(2);
            }
        },
        None => None,
    };

    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin { primary_window: Some(primary_window(options.window)), ..default() })
            // No `.meta` files beside the assets: don't ask for them (on the web each would be a
            // failed request).
            .set(AssetPlugin { meta_check: AssetMetaCheck::Never, ..default() }),
    )
    .add_plugins(MeshPickingPlugin)
    .add_plugins(game::plugin)
    .add_plugins(game::settings::persistence_plugin)
    .insert_resource(catalogue)
    .insert_resource(Selection { index, seed: options.seed })
    // The browser has no file system to save replays in.
    .insert_resource(ReplayFolder(if cfg!(target_arch = "wasm32") { None } else { Some("replays".into()) }));
    #[cfg(target_arch = "wasm32")]
    app.add_plugins(game::web::plugin);
    if let Some(speed) = options.speed {
        app.insert_resource(PlantSpeed(speed));
    }
    app.insert_resource(InstructorMode { enabled: options.instructor, open: options.instructor });
    if let Some(name) = options.trainee {
        app.insert_resource(Trainee(name));
    }
    #[cfg(not(target_arch = "wasm32"))]
    app.insert_resource(ResultsStore::database(options.results_db.unwrap_or_else(results::store::default_location)));
    #[cfg(target_arch = "wasm32")]
    {
        // The browser keeps results in its own storage; there is no database to name.
        let _ = options.results_db;
        app.insert_resource(ResultsStore::browser());
    }
    if let Some(watched) = watched {
        app.insert_resource(watched);
    }
    let target = options.screen.unwrap_or(if index.is_some() { Screen::Briefing } else { Screen::Title });
    if target != Screen::Title && index.is_some() {
        app.insert_resource(AutoStart {
            target,
            select: options.select,
            hover: options.hover,
            plot: options.plot,
            view: options.view,
            follow: options.follow,
        })
        .add_systems(Update, auto_start.run_if(resource_exists::<AutoStart>));
    }
    if let Some(path) = options.screenshot {
        app.insert_resource(ScreenshotRequest { path, screen: target, after_frames: 60 });
    }
    app.run()
}

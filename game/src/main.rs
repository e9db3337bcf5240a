//! `intellibat`: the desktop game.
//!
//! Options: `--layout FILE` (a line layout, default the bundled one), `--seed N`,
//! `--speed X` (plant seconds per real second), `--select STATION` (open its panel),
//! `--screenshot PATH` (render, save, exit).

use bevy::picking::mesh_picking::MeshPickingPlugin;
use bevy::prelude::*;
use game::screenshot::ScreenshotRequest;
use game::twin::{PlantSpeed, Twin};
use sim_core::LineLayout;

struct Options {
    layout: Option<std::path::PathBuf>,
    seed: u64,
    speed: Option<f64>,
    screenshot: Option<std::path::PathBuf>,
    select: Option<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options { layout: None, seed: 1, speed: None, screenshot: None, select: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--layout" => options.layout = Some(value("--layout")?.into()),
            "--seed" => options.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--speed" => options.speed = Some(value("--speed")?.parse().map_err(|e| format!("--speed: {e}"))?),
            "--screenshot" => options.screenshot = Some(value("--screenshot")?.into()),
            "--select" => options.select = Some(value("--select")?),
            "--help" | "-h" => {
                println!("intellibat [--layout FILE] [--seed N] [--speed X] [--select STATION] [--screenshot PATH]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option `{other}` (try --help)")),
        }
    }
    Ok(options)
}

fn main() -> AppExit {
    let options = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("intellibat: {e}");
            return AppExit::from_code(2);
        }
    };
    let (name, text) = match &options.layout {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (path.display().to_string(), text),
            Err(e) => {
                eprintln!("intellibat: {}: {e}", path.display());
                return AppExit::from_code(2);
            }
        },
        None => (game::DEFAULT_LAYOUT_NAME.to_string(), game::DEFAULT_LAYOUT.to_string()),
    };
    let twin = match LineLayout::from_ron(&name, &text).map_err(|e| format!("{:?}", miette_report(e))) {
        Ok(layout) => Twin::new(layout, options.seed),
        Err(e) => Err(e),
    };
    let twin = match twin {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return AppExit::from_code(2);
        }
    };

    let selected = options.select.as_deref().and_then(|id| twin.sim.line.station_index(id));
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window { title: "Intellibat Twin".into(), resolution: (1280, 720).into(), ..default() }),
        ..default()
    }))
    .add_plugins(MeshPickingPlugin)
    .insert_resource(twin)
    .add_plugins(game::plugin);
    app.insert_resource(game::hall::SelectedStation(selected));
    if let Some(speed) = options.speed {
        app.insert_resource(PlantSpeed(speed));
    }
    if let Some(path) = options.screenshot {
        app.insert_resource(ScreenshotRequest { path, after_frames: 90 });
    }
    app.run()
}

fn miette_report(e: sim_core::InputError) -> String {
    e.all_messages().join("\n")
}

//! Ready-made apps for tests: the game logic without rendering or windows.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use crate::screens::Screen;
use crate::screens::select::Selection;
use crate::sim::stepping::PlantSpeed;

/// A `MinimalPlugins` app with the game logic (catalogue, screens, twin, trends), advancing
/// exactly one fixed step (1/20 s) per `update()`.
pub fn headless_app(speed: f64) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .add_plugins(crate::logic_plugin)
        .insert_resource(PlantSpeed(speed))
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
    // The first update only starts the clock.
    app.update();
    app
}

/// Selects scenario `id` and walks the screens to `Play`.
pub fn start_scenario(app: &mut App, id: &str) {
    let index = app
        .world()
        .resource::<crate::catalogue::Catalogue>()
        .entries
        .iter()
        .position(|e| e.scenario.id == id)
        .expect("scenario in the catalogue");
    app.world_mut().resource_mut::<Selection>().index = Some(index);
    go(app, Screen::Select);
    go(app, Screen::Briefing);
    go(app, Screen::Play);
}

/// Requests a screen and runs one update so the transition happens.
pub fn go(app: &mut App, screen: Screen) {
    app.world_mut().resource_mut::<NextState<Screen>>().set(screen);
    app.update();
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

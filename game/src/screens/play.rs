//! The play screen: the run ticks (see `sim`) under the HUD (see `hud`) and the pause menu
//! (see `menus`); when the scenario's plant time is up the debrief follows.

use bevy::prelude::*;

use super::Screen;
use crate::sim::stepping::Twin;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, finish_when_done.run_if(in_state(Screen::Play)));
}

fn finish_when_done(twin: Option<Res<Twin>>, mut next: ResMut<NextState<Screen>>) {
    if twin.is_some_and(|t| t.session.run.is_finished()) {
        next.set(Screen::Debrief);
    }
}

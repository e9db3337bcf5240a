//! `--screenshot PATH`: once the game reaches a screen, render a few frames, save the window
//! to a PNG, then exit. Used by the rendered tests under Xvfb.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use crate::screens::Screen;

/// Capture the window after `after_frames` frames on `screen`, then exit.
#[derive(Resource, Clone, Debug)]
pub struct ScreenshotRequest {
    pub path: std::path::PathBuf,
    pub screen: Screen,
    pub after_frames: u32,
}

pub fn plugin(app: &mut App) {
    app.add_systems(Update, capture.run_if(resource_exists::<ScreenshotRequest>));
}

fn capture(mut commands: Commands, request: Res<ScreenshotRequest>, screen: Res<State<Screen>>, mut frame: Local<u32>) {
    if *screen.get() != request.screen {
        return;
    }
    *frame += 1;
    if *frame != request.after_frames {
        return;
    }
    commands.spawn(Screenshot::primary_window()).observe(save_to_disk(request.path.clone())).observe(
        |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            exit.write(AppExit::Success);
        },
    );
}

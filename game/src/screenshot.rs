//! `--screenshot PATH`: render a few frames, save the window to a PNG, then exit. Used by
//! the rendered test under Xvfb and for looking at the game without a display.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

/// Set when the app should capture the window after `after_frames` frames and exit.
#[derive(Resource, Clone, Debug)]
pub struct ScreenshotRequest {
    pub path: std::path::PathBuf,
    pub after_frames: u32,
}

pub fn plugin(app: &mut App) {
    app.add_systems(Update, capture.run_if(resource_exists::<ScreenshotRequest>));
}

fn capture(mut commands: Commands, request: Res<ScreenshotRequest>, mut frame: Local<u32>) {
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

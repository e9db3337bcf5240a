//! `--screenshot PATH`: once the game reaches a screen, render a few frames, save the window
//! to a PNG, then exit. Used by the rendered tests under Xvfb. It prints the mean frame time
//! of the frames before the capture (after a few to warm up), the figure to watch for the
//! software renderer.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

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

/// Frames on the screen left out of the frame time (shaders compiling, the hall building).
const WARM_UP_FRAMES: u32 = 10;

fn capture(
    mut commands: Commands,
    request: Res<ScreenshotRequest>,
    screen: Res<State<Screen>>,
    time: Res<Time<Real>>,
    window: Query<&Window>,
    mut frame: Local<u32>,
    mut warm_at: Local<Option<std::time::Duration>>,
) {
    if *screen.get() != request.screen {
        return;
    }
    *frame += 1;
    if *frame == WARM_UP_FRAMES {
        *warm_at = Some(time.elapsed());
    }
    if *frame != request.after_frames {
        return;
    }
    if let (Some(start), Some(window)) = (*warm_at, window.iter().next()) {
        let frames = request.after_frames.saturating_sub(WARM_UP_FRAMES).max(1);
        let mean_ms = (time.elapsed() - start).as_secs_f64() * 1e3 / frames as f64;
        println!(
            "frame time: {mean_ms:.1} ms mean over {frames} frames at {}x{}",
            window.physical_width(),
            window.physical_height()
        );
    }
    let path = request.path.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| match save_png(&captured.image, &path)
        {
            Ok(()) => {
                info!("screenshot saved to {}", path.display());
                exit.write(AppExit::Success);
            }
            Err(e) => {
                error!("cannot save the screenshot to {}: {e}", path.display());
                exit.write(AppExit::error());
            }
        },
    );
}

/// Writes the captured window as an 8-bit RGB PNG (the alpha channel of a capture carries no
/// picture). Encoded here with the `png` crate, so Bevy needs no image-format features.
fn save_png(image: &Image, path: &std::path::Path) -> Result<(), String> {
    let rgb = image.clone().try_into_dynamic().map_err(|e| e.to_string())?.to_rgb8();
    let (width, height) = rgb.dimensions();
    let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb.as_raw()).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())
}

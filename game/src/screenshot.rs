//! `--screenshot PATH`: once the game reaches a screen, render a few frames, save the window
//! to a PNG, then exit. Used by the rendered tests under Xvfb.

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

fn capture(mut commands: Commands, request: Res<ScreenshotRequest>, screen: Res<State<Screen>>, mut frame: Local<u32>) {
    if *screen.get() != request.screen {
        return;
    }
    *frame += 1;
    if *frame != request.after_frames {
        return;
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

//! Renders the game under Xvfb (software Vulkan), saves screenshots of the title screen, the
//! line in play with a station panel and a trend plot open, and the debrief, and checks each
//! shows content rather than a blank window. Needs `xvfb-run` and Mesa's Vulkan drivers (CI
//! installs them). The PNGs stay in `target/screenshots/` to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Decodes an 8-bit RGB/RGBA PNG into (width, height, RGB pixels).
fn read_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("screenshot exists")));
    let mut reader = decoder.read_info().expect("valid PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
    (info.width, info.height, pixels)
}

fn shot(name: &str, args: &[&str]) -> (PathBuf, Vec<[u8; 3]>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&out);
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_intellibat"))
        .args(args)
        .arg("--screenshot")
        .arg(&out)
        .current_dir(std::env::temp_dir())
        // The player's saved settings (language, UI scale) must not change what is rendered.
        .env("INTELLIBAT_SETTINGS", std::env::temp_dir().join("intellibat-rendered-test-settings.ron"))
        // Nor does the debrief record the test's run among the user's results.
        .env("INTELLIBAT_RESULTS_DB", std::env::temp_dir().join("intellibat-rendered-test-results.sqlite"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .status()
        .expect("xvfb-run must be installed (apt-get install xvfb mesa-vulkan-drivers)");
    assert!(status.success(), "{name}: the game exited with {status}");
    let (w, h, pixels) = read_png(&out);
    assert_eq!((w, h), (1280, 720));
    let mut distinct = pixels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() > 300, "{name}: only {} distinct colours", distinct.len());
    let luma: Vec<f64> =
        pixels.iter().map(|p| 0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64).collect();
    let mean = luma.iter().sum::<f64>() / luma.len() as f64;
    let sd = (luma.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luma.len() as f64).sqrt();
    assert!(sd > 15.0, "{name}: luminance standard deviation {sd:.1}");
    (out, pixels)
}

fn luma_at(pixels: &[[u8; 3]], x: u32, y: u32) -> f64 {
    let p = pixels[(y * 1280 + x) as usize];
    0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64
}

#[test]
fn the_title_the_line_in_play_and_the_debrief_render() {
    let (_, title) = shot("title", &["--screen", "title"]);
    // The title window (dark) sits in the lower part of the lit hall, and the public tour's
    // line runs above it: the dryer's warm zones show there.
    assert!(luma_at(&title, 640, 560) < 80.0);
    assert!(luma_at(&title, 60, 650) > 100.0);
    let dryer =
        title[..400 * 1280].iter().filter(|p| p[0] > 200 && p[0] as i32 - p[1] as i32 > 50 && p[2] < 170).count();
    assert!(dryer > 500, "{dryer} dryer-coloured pixels above the menu");

    let (_, play) = shot(
        "play",
        &[
            "--scenario",
            "coater-malfunctions",
            "--screen",
            "play",
            "--speed",
            "1000",
            "--select",
            "coater",
            "--plot",
            "coater.wet_film_cv_pct",
        ],
    );
    // Dashboard on the left (dark), the hall in the middle (light), and the selected station's
    // window docked on the right (dark, from top to bottom) in the objectives' place; the
    // trends docked under the line, leaving the hall between them lit.
    assert!(luma_at(&play, 5, 600) < 60.0, "left panel");
    assert!(luma_at(&play, 1275, 600) < 60.0, "right panel");
    assert!(luma_at(&play, 1270, 685) < 60.0, "the station window fills its column");
    assert!(luma_at(&play, 640, 640) < 60.0, "the trends under the line");
    assert!(luma_at(&play, 640, 330) > 100.0, "the hall between them");
    // A running-green state dot or lamp is visible.
    let green = play.iter().filter(|p| p[1] > 150 && p[0] < 100 && p[2] < 120).count();
    assert!(green > 20, "{green} running-green pixels");

    let (_, debrief) =
        shot("debrief", &["--scenario", "dryer-heater-failure", "--screen", "debrief", "--speed", "1000000"]);
    assert!(luma_at(&debrief, 640, 700) < 60.0, "the debrief fills the window");
}

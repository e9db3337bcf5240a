//! Renders the game under Xvfb (software Vulkan), saves screenshots of the title screen, the
//! line in play with a station panel and a trend plot open, and the debrief, at 1280x720 and
//! 1920x1080, and of each area of the whole cell line and of both labs, and checks each shows
//! content rather than a blank window, with the panels where they belong. Needs `xvfb-run` and Mesa's Vulkan drivers (CI
//! installs them). The PNGs stay in `target/screenshots/` to look at.

use std::path::Path;
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

/// A rendered window.
struct Shot {
    width: u32,
    pixels: Vec<[u8; 3]>,
}

impl Shot {
    /// Luminance at a point given as shares of the width and height (0 to 1).
    fn luma(&self, x: f32, y: f32) -> f64 {
        let height = self.pixels.len() as u32 / self.width;
        let (x, y) = (((self.width - 1) as f32 * x) as u32, ((height - 1) as f32 * y) as u32);
        let p = self.pixels[(y * self.width + x) as usize];
        0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64
    }
}

/// Runs the game at `size` with `args` until its screenshot; checks the picture has content.
fn shot(name: &str, size: (u32, u32), args: &[&str]) -> Shot {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&out);
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1920x1080x24"])
        .arg(env!("CARGO_BIN_EXE_intellibat"))
        .args(args)
        .args(["--window", &format!("{}x{}", size.0, size.1)])
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
    assert_eq!((w, h), size);
    let mut distinct = pixels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() > 300, "{name}: only {} distinct colours", distinct.len());
    let luma: Vec<f64> =
        pixels.iter().map(|p| 0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64).collect();
    let mean = luma.iter().sum::<f64>() / luma.len() as f64;
    let sd = (luma.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luma.len() as f64).sqrt();
    assert!(sd > 15.0, "{name}: luminance standard deviation {sd:.1}");
    Shot { width: w, pixels }
}

const SIZES: [(u32, u32); 2] = [(1280, 720), (1920, 1080)];

#[test]
fn the_title_the_line_in_play_and_the_debrief_render_at_both_sizes() {
    for size in SIZES {
        let tag = format!("{}x{}", size.0, size.1);
        let title = shot(&format!("title-{tag}"), size, &["--screen", "title"]);
        // The title window (dark) sits in the lower part of the lit hall, and the public
        // tour's line runs above it: the dryer's warm zones show there.
        assert!(title.luma(0.5, 0.78) < 80.0, "{tag}: the title window");
        assert!(title.luma(0.05, 0.9) > 100.0, "{tag}: the lit hall beside it");
        let upper = &title.pixels[..title.pixels.len() * 5 / 9];
        let dryer = upper.iter().filter(|p| p[0] > 200 && p[0] as i32 - p[1] as i32 > 50 && p[2] < 170).count();
        assert!(dryer > 500, "{tag}: {dryer} dryer-coloured pixels above the menu");

        let play = shot(
            &format!("play-{tag}"),
            size,
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
        // Dashboard on the left (dark), the hall in the middle (light), and the selected
        // station's window docked on the right (dark, from top to bottom); the trends docked
        // under the line, leaving the hall between them lit.
        assert!(play.luma(0.004, 0.83) < 60.0, "{tag}: left panel");
        assert!(play.luma(0.996, 0.83) < 60.0, "{tag}: right panel");
        assert!(play.luma(0.99, 0.95) < 60.0, "{tag}: the station window fills its column");
        assert!(play.luma(0.5, 0.89) < 60.0, "{tag}: the trends under the line");
        assert!(play.luma(0.5, 0.46) > 100.0, "{tag}: the hall between them");
        // A running-green state dot or lamp is visible.
        let green = play.pixels.iter().filter(|p| p[1] > 150 && p[0] < 100 && p[2] < 120).count();
        assert!(green > 20, "{tag}: {green} running-green pixels");

        let debrief = shot(
            &format!("debrief-{tag}"),
            size,
            &["--scenario", "dryer-heater-failure", "--screen", "debrief", "--speed", "1000000"],
        );
        assert!(debrief.luma(0.5, 0.97) < 60.0, "{tag}: the debrief fills the window");
    }
}

/// Each area of the whole cell line framed by its view preset, the whole line, and both labs:
/// the hall view is lit (no panel over it) and holds the area's models.
#[test]
fn each_area_and_each_lab_renders_framed() {
    let cell_line = ["line", "electrode", "dryroom", "testhall"].map(|view| ("high-k-cells", view));
    let labs = [("lipon-film", "line"), ("garnet-interface", "line")];
    for (scenario, view) in cell_line.into_iter().chain(labs) {
        let name = format!("area-{scenario}-{view}");
        let area = shot(&name, (1280, 720), &["--scenario", scenario, "--screen", "play", "--view", view]);
        // Between the dashboard and the objectives the hall is lit, with models in it: the
        // view's middle band is neither empty floor nor a panel.
        assert!(area.luma(0.5, 0.55) > 60.0, "{name}: the hall view is not covered");
        let spread = (0..7)
            .map(|row| {
                let y = 0.35 + 0.05 * row as f32;
                let band: Vec<f64> = (0..50).map(|k| area.luma(0.33 + 0.4 * k as f32 / 49.0, y)).collect();
                band.iter().cloned().fold(f64::MIN, f64::max) - band.iter().cloned().fold(f64::MAX, f64::min)
            })
            .fold(0.0, f64::max);
        assert!(spread > 25.0, "{name}: the middle of the view is flat (spread {spread:.0})");
    }
}

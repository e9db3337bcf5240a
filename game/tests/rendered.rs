//! Renders the game under Xvfb (software Vulkan), saves a screenshot and checks that it shows
//! a scene and panels, not a blank window. Needs `xvfb-run` and Mesa's Vulkan drivers (CI
//! installs them).

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

#[test]
fn the_line_renders_with_its_panels() {
    let out = std::env::temp_dir().join(format!("intellibat-play-{}.png", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_intellibat"))
        .args(["--speed", "1000", "--screenshot"])
        .arg(&out)
        .status()
        .expect("xvfb-run must be installed (apt-get install xvfb mesa-vulkan-drivers)");
    assert!(status.success(), "the game exited with {status}");
    let (w, h, pixels) = read_png(&out);
    assert_eq!((w, h), (1280, 720));

    // Not blank: many distinct colours, real contrast.
    let mut distinct: Vec<[u8; 3]> = pixels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() > 500, "only {} distinct colours", distinct.len());
    let luma: Vec<f64> =
        pixels.iter().map(|p| 0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64).collect();
    let mean = luma.iter().sum::<f64>() / luma.len() as f64;
    let sd = (luma.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luma.len() as f64).sqrt();
    assert!(sd > 20.0, "luminance standard deviation {sd:.1}");

    // The dashboard panel (dark) fills the left edge; the hall (light) the right.
    let at = |x: u32, y: u32| luma[(y * w + x) as usize];
    assert!(at(5, 600) < 60.0, "left panel is dark: {}", at(5, 600));
    assert!(at(1200, 600) > 100.0, "hall is light: {}", at(1200, 600));
    // A running station lamp (blue) is visible somewhere in the hall.
    let blue = pixels.iter().filter(|p| p[2] > 200 && p[0] < 120).count();
    assert!(blue > 20, "{blue} lamp-blue pixels");
    std::fs::remove_file(&out).ok();
}

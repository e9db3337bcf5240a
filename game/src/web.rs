//! The browser build's ties to its page: launch options from the address's query string, and
//! a heartbeat in the tab title and the console (`t=<plant seconds>s`) that shows the plant is
//! advancing; the browser test waits for it.

use bevy::prelude::*;

use crate::sim::stepping::Twin;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, heartbeat);
}

/// `?scenario=public-tour&screen=play` as `["--scenario", "public-tour", "--screen", "play"]`.
pub fn query_args() -> Vec<String> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let mut args = Vec::new();
    for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| js_sys::decode_uri_component(&s.replace('+', " ")).map(String::from);
        let (Ok(key), Ok(value)) = (decode(key), decode(value)) else { continue };
        // `--help` and `--screenshot` belong to the desktop (they print or write a file, then exit).
        if matches!(key.as_str(), "help" | "h" | "screenshot") {
            continue;
        }
        args.push(format!("--{key}"));
        if !value.is_empty() {
            args.push(value);
        }
    }
    args
}

/// Plant minute last reported.
#[derive(Default)]
struct Reported(Option<u64>);

/// Each new plant minute: the tab title shows the scenario and plant time; the console gets a
/// line each plant quarter hour.
fn heartbeat(twin: Option<Res<Twin>>, mut reported: Local<Reported>) {
    let Some(twin) = twin else { return };
    let now_ms = twin.sim().now_ms;
    let minute = now_ms / 60_000;
    if reported.0 == Some(minute) {
        return;
    }
    let first = reported.0.is_none();
    reported.0 = Some(minute);
    let seconds = now_ms / 1000;
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document
            .set_title(&format!("Intellibat Twin · {} · t={seconds}s", l10n::pick(&twin.session.run.scenario.title)));
    }
    if first {
        let since_load_ms = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
        web_sys::console::log_1(
            &format!("intellibat: first frame of the plant {since_load_ms:.0} ms after the page opened").into(),
        );
    }
    if first || minute % 15 == 0 {
        web_sys::console::log_1(
            &format!("intellibat: {} at plant time t={seconds}s", twin.session.run.scenario.id).into(),
        );
    }
}

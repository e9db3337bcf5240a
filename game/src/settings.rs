//! Player settings: language, volume, UI scale, colour-blind-safe palette; remembered between
//! sessions (a RON file in the user's configuration folder on the desktop, the browser's local
//! storage on the web). The language defaults to the system's (the browser's on the web) when
//! nothing is saved: Dutch for Dutch locales, English otherwise.

use bevy::prelude::*;
use l10n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Language of every text.
    #[serde(with = "lang_tag")]
    pub language: Lang,
    /// Master volume, 0..1.
    pub volume: f32,
    /// UI zoom factor, 0.75..2.
    pub ui_scale: f32,
    /// Use the Okabe-Ito palette for states and alarms.
    pub colour_blind: bool,
    /// Whether the settings window is open.
    #[serde(skip)]
    pub open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { language: Lang::En, volume: 0.6, ui_scale: 1.0, colour_blind: false, open: false }
    }
}

/// The language saved as its tag (`"nl"`), so the file reads as what it says.
mod lang_tag {
    use l10n::Lang;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.tag())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let tag = String::deserialize(d)?;
        Ok(Lang::from_locale(&tag).unwrap_or_default())
    }
}

impl Settings {
    /// Keeps every value inside its range (a hand-edited file may say anything).
    fn clamped(mut self) -> Self {
        self.volume = if self.volume.is_finite() { self.volume.clamp(0.0, 1.0) } else { 0.6 };
        self.ui_scale = if self.ui_scale.is_finite() { self.ui_scale.clamp(0.75, 2.0) } else { 1.0 };
        self
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>().add_systems(PreUpdate, follow_language);
}

/// Makes every text follow the language setting.
fn follow_language(settings: Res<Settings>) {
    if settings.is_changed() && l10n::language() != settings.language {
        l10n::set_language(settings.language);
    }
}

/// Loads the saved settings at start (or picks the system's language) and saves them when
/// they change. Only the game binary adds it: tests leave the user's settings alone.
pub fn persistence_plugin(app: &mut App) {
    let settings = store::load()
        .map(Settings::clamped)
        .unwrap_or_else(|| Settings { language: store::system_language().unwrap_or_default(), ..default() });
    l10n::set_language(settings.language);
    app.insert_resource(settings).add_systems(Last, save_changes);
}

/// What was last saved, to write only real changes (not the window opening).
#[derive(Default)]
struct Saved(Option<Settings>);

fn save_changes(settings: Res<Settings>, mut saved: Local<Saved>) {
    if !settings.is_changed() {
        return;
    }
    let now = Settings { open: false, ..settings.clone() };
    if saved.0.as_ref() == Some(&now) {
        return;
    }
    if saved.0.is_some()
        && let Err(e) = store::save(&now)
    {
        warn!("cannot save the settings: {e}");
    }
    saved.0 = Some(now);
}

#[cfg(not(target_arch = "wasm32"))]
mod store {
    use std::path::PathBuf;

    use super::Settings;

    /// `$XDG_CONFIG_HOME/intellibat-twin/settings.ron` (or `~/.config/...`); `INTELLIBAT_SETTINGS`
    /// names another file.
    fn path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("INTELLIBAT_SETTINGS") {
            return Some(p.into());
        }
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(config.join("intellibat-twin").join("settings.ron"))
    }

    pub fn load() -> Option<Settings> {
        let text = std::fs::read_to_string(path()?).ok()?;
        ron::from_str(&text).ok()
    }

    pub fn save(settings: &Settings) -> Result<(), String> {
        let path = path().ok_or("no configuration folder (HOME is not set)")?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let text =
            ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The language of the desktop session (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them).
    pub fn system_language() -> Option<l10n::Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| l10n::Lang::from_locale(&v))
    }
}

#[cfg(target_arch = "wasm32")]
mod store {
    use super::Settings;

    const KEY: &str = "intellibat-twin.settings";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn load() -> Option<Settings> {
        let text = storage()?.get_item(KEY).ok()??;
        ron::from_str(&text).ok()
    }

    pub fn save(settings: &Settings) -> Result<(), String> {
        let text = ron::to_string(settings).map_err(|e| e.to_string())?;
        let storage = storage().ok_or("the browser offers no local storage")?;
        storage.set_item(KEY, &text).map_err(|_| "the browser refused to store the settings".to_string())
    }

    /// The browser's preferred language.
    pub fn system_language() -> Option<l10n::Lang> {
        let navigator = web_sys::window()?.navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .chain(navigator.language())
            .find_map(|l| l10n::Lang::from_locale(&l))
    }
}

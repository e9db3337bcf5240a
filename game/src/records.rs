//! Training results in the game: the trainee's name, and the store finished runs go to and
//! histories come from. On the desktop that is the results database (`results::store`,
//! SQLite or PostgreSQL, the one `twin results` reads); on the web, the browser's local
//! storage; in tests and when no store is set, memory.

use bevy::prelude::*;
use results::{Filter, RunRecord};

/// Who is training: the name or id runs are recorded under.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Trainee(pub String);

impl Default for Trainee {
    fn default() -> Self {
        Self("trainee".into())
    }
}

/// Where finished runs are kept.
#[derive(Resource, Default)]
pub struct ResultsStore {
    backend: Backend,
}

#[derive(Default)]
enum Backend {
    #[default]
    Memory,
    #[cfg(not(target_arch = "wasm32"))]
    Database { location: String, db: Option<results::store::ResultsDb> },
    #[cfg(target_arch = "wasm32")]
    Browser,
}

/// Runs kept in memory (and in the browser), newest last.
#[derive(Resource, Default)]
struct Kept(Vec<RunRecord>);

/// Most runs the browser keeps (the oldest go first).
#[cfg(target_arch = "wasm32")]
const MAX_BROWSER_RUNS: usize = 100;

impl ResultsStore {
    /// The results database at `location` (a file path or a `postgres://` URL), opened when
    /// first used.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn database(location: String) -> Self {
        Self { backend: Backend::Database { location, db: None } }
    }

    /// The browser's local storage.
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Self {
        Self { backend: Backend::Browser }
    }

    /// Where runs go, for the debrief.
    pub fn location(&self) -> Option<String> {
        match &self.backend {
            Backend::Memory => None,
            #[cfg(not(target_arch = "wasm32"))]
            Backend::Database { location, .. } => Some(location.clone()),
            #[cfg(target_arch = "wasm32")]
            Backend::Browser => None,
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn db(location: &str, db: &mut Option<results::store::ResultsDb>) -> Result<(), String> {
        if db.is_none() {
            *db = Some(results::store::ResultsDb::open(location)?);
        }
        Ok(())
    }

    fn record(&mut self, kept: &mut Kept, record: &RunRecord) -> Result<(), String> {
        match &mut self.backend {
            Backend::Memory => {
                kept.0.retain(|r| r.id != record.id);
                kept.0.push(record.clone());
                Ok(())
            }
            #[cfg(not(target_arch = "wasm32"))]
            Backend::Database { location, db } => {
                Self::db(location, db)?;
                db.as_ref().map_or(Ok(false), |db| db.record(record)).map(|_| ())
            }
            #[cfg(target_arch = "wasm32")]
            Backend::Browser => {
                kept.0 = browser::load();
                kept.0.retain(|r| r.id != record.id);
                kept.0.push(record.clone());
                let excess = kept.0.len().saturating_sub(MAX_BROWSER_RUNS);
                kept.0.drain(..excess);
                browser::save(&mut kept.0)
            }
        }
    }

    fn list(&mut self, kept: &Kept, filter: &Filter) -> Result<Vec<RunRecord>, String> {
        match &mut self.backend {
            Backend::Memory => Ok(kept.0.iter().filter(|r| filter.matches(r)).cloned().collect()),
            #[cfg(not(target_arch = "wasm32"))]
            Backend::Database { location, db } => {
                Self::db(location, db)?;
                db.as_ref().map_or(Ok(Vec::new()), |db| db.list(filter))
            }
            #[cfg(target_arch = "wasm32")]
            Backend::Browser => {
                let mut runs: Vec<RunRecord> = browser::load().into_iter().filter(|r| filter.matches(r)).collect();
                runs.sort_by_key(|r| r.finished_at_ms);
                Ok(runs)
            }
        }
    }
}

/// The results store with what it keeps in memory: the one way the game records and reads runs.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Results<'w> {
    store: ResMut<'w, ResultsStore>,
    kept: ResMut<'w, Kept>,
}

impl Results<'_> {
    pub fn record(&mut self, record: &RunRecord) -> Result<(), String> {
        let kept = &mut *self.kept;
        self.store.record(kept, record)
    }

    /// Runs that match, oldest first.
    pub fn list(&mut self, filter: &Filter) -> Result<Vec<RunRecord>, String> {
        self.store.list(&self.kept, filter)
    }

    pub fn location(&self) -> Option<String> {
        self.store.location()
    }
}

/// Now, milliseconds since 1970 (the browser's clock on the web).
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use results::RunRecord;

    const KEY: &str = "intellibat-twin.results";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn load() -> Vec<RunRecord> {
        storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Saves the runs; when the browser's quota is full, older runs lose their replays (the
    /// scores stay) until they fit.
    pub fn save(runs: &mut [RunRecord]) -> Result<(), String> {
        let storage = storage().ok_or("the browser offers no local storage")?;
        let mut next_to_strip = 0;
        loop {
            let text = serde_json::to_string(&*runs).map_err(|e| e.to_string())?;
            if storage.set_item(KEY, &text).is_ok() {
                return Ok(());
            }
            // Keep the newest run's replay; strip the oldest one that still has one.
            match runs.iter().position(|r| !r.replay.is_empty()).filter(|&i| i + 1 < runs.len()) {
                Some(i) if next_to_strip < runs.len() => {
                    runs[i].replay.clear();
                    next_to_strip += 1;
                }
                _ => return Err("the browser's storage is full".into()),
            }
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Trainee>().init_resource::<ResultsStore>().init_resource::<Kept>();
}

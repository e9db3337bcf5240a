//! The results database: SQLite in a file by default, PostgreSQL when a `postgres://` URL is
//! given, through one code path (sqlx's `Any` driver; the SQL below is the common subset
//! both speak, with `$n` parameters).
//!
//! The schema is versioned: [`MIGRATIONS`] lists each version's statements, applied in
//! order inside one transaction per version, and `schema_version` says how far a database
//! has come. Every write is one transaction, so a crash in the middle of a write loses that
//! write and nothing recorded before it (SQLite's atomic commit, PostgreSQL's WAL).

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use crate::record::{Filter, RunRecord};

/// Each schema version's statements, oldest first. Never edit a released version: add one.
pub const MIGRATIONS: &[&[&str]] = &[
    // 1: the runs.
    &[
        "CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            trainee TEXT NOT NULL,
            scenario TEXT NOT NULL,
            seed BIGINT NOT NULL,
            finished_at_ms BIGINT NOT NULL,
            plant_hours DOUBLE PRECISION NOT NULL,
            wall_seconds DOUBLE PRECISION NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            objectives TEXT NOT NULL,
            penalty_points DOUBLE PRECISION NOT NULL,
            kpis TEXT NOT NULL,
            diagnoses TEXT NOT NULL,
            replay TEXT NOT NULL
        )",
        "CREATE INDEX runs_by_trainee ON runs (trainee, finished_at_ms)",
        "CREATE INDEX runs_by_scenario ON runs (scenario, finished_at_ms)",
    ],
    // 2: the instructor's part in a run (added with the instructor's station).
    &[
        "ALTER TABLE runs ADD COLUMN instructor_actions BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN rewinds BIGINT NOT NULL DEFAULT 0",
    ],
];

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// An open results database.
pub struct ResultsDb {
    pool: AnyPool,
    runtime: tokio::runtime::Runtime,
    /// Where it is, for messages (a file path, or the URL without its password).
    pub location: String,
}

/// Environment variable naming the results database (a file path or a URL).
pub const LOCATION_ENV: &str = "INTELLIBAT_RESULTS_DB";

/// Where results go when no location is given: `$INTELLIBAT_RESULTS_DB`, else
/// `intellibat-twin/results.sqlite` in the user's data folder (`$XDG_DATA_HOME`,
/// `~/.local/share`, or `%APPDATA%` on Windows), else the working folder.
pub fn default_location() -> String {
    if let Ok(location) = std::env::var(LOCATION_ENV)
        && !location.trim().is_empty()
    {
        return location;
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))
        .or_else(|| std::env::var_os("APPDATA").map(std::path::PathBuf::from));
    match data {
        Some(dir) => dir.join("intellibat-twin").join("results.sqlite").display().to_string(),
        None => "results.sqlite".into(),
    }
}

/// A database location as the user gives it: a `postgres://` or `sqlite:` URL, or a file path
/// (SQLite, created when missing).
pub fn url_of(location: &str) -> String {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") || location.starts_with("sqlite:") {
        location.to_string()
    } else {
        format!("sqlite://{location}?mode=rwc")
    }
}

/// A URL without its password, for messages.
fn shown(location: &str) -> String {
    match (location.find("://"), location.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_info = &location[scheme + 3..at];
            let user = user_info.split(':').next().unwrap_or("");
            format!("{}{user}@{}", &location[..scheme + 3], &location[at + 1..])
        }
        _ => location.to_string(),
    }
}

impl ResultsDb {
    /// Opens (creating a SQLite file when needed) and brings the schema up to date. Refuses a
    /// database written by a newer version.
    pub fn open(location: &str) -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the database runtime: {e}"))?;
        let url = url_of(location);
        let shown = shown(location);
        if let Some(path) = url.strip_prefix("sqlite://").and_then(|p| p.split('?').next())
            && let Some(dir) = std::path::Path::new(path).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let pool = runtime
            .block_on(AnyPoolOptions::new().max_connections(2).acquire_timeout(Duration::from_secs(10)).connect(&url))
            .map_err(|e| format!("cannot open the results database {shown}: {e}"))?;
        let db = Self { pool, runtime, location: shown };
        db.migrate()?;
        Ok(db)
    }

    fn error(&self, what: &str, e: sqlx::Error) -> String {
        format!("results database {}: {what}: {e}", self.location)
    }

    /// The schema version the database is at.
    pub fn version(&self) -> Result<i64, String> {
        self.runtime.block_on(async {
            let exists = sqlx::query("SELECT version FROM schema_version").fetch_optional(&self.pool).await;
            match exists {
                Ok(Some(row)) => row.try_get::<i64, _>(0).map_err(|e| self.error("reading the schema version", e)),
                Ok(None) => Ok(0),
                // No such table yet: a new database.
                Err(_) => Ok(0),
            }
        })
    }

    /// Applies the migrations this database has not had, one transaction each.
    fn migrate(&self) -> Result<(), String> {
        let mut at = self.version()?;
        if at > schema_version() {
            return Err(format!(
                "the results database {} has schema version {at}, newer than this program's {}: update the program",
                self.location,
                schema_version()
            ));
        }
        if at == 0 {
            self.runtime
                .block_on(
                    sqlx::query("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
                        .execute(&self.pool),
                )
                .map_err(|e| self.error("creating the schema version", e))?;
        }
        while at < schema_version() {
            let statements = MIGRATIONS[at as usize];
            self.runtime
                .block_on(async {
                    let mut tx = self.pool.begin().await?;
                    for s in statements {
                        sqlx::query(s).execute(&mut *tx).await?;
                    }
                    sqlx::query("DELETE FROM schema_version").execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO schema_version (version) VALUES ($1)")
                        .bind(at + 1)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await
                })
                .map_err(|e| self.error(&format!("migrating to schema version {}", at + 1), e))?;
            at += 1;
        }
        Ok(())
    }

    /// Records a run, in one transaction; recording the same run again changes nothing.
    /// Returns whether it was new.
    pub fn record(&self, r: &RunRecord) -> Result<bool, String> {
        let done = self
            .runtime
            .block_on(async {
                let mut tx = self.pool.begin().await?;
                let result = sqlx::query(
                    "INSERT INTO runs (id, trainee, scenario, seed, finished_at_ms, plant_hours, wall_seconds, score,
                        objectives, penalty_points, kpis, diagnoses, replay, instructor_actions, rewinds)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&r.id)
                .bind(&r.trainee)
                .bind(&r.scenario)
                .bind(r.seed as i64)
                .bind(r.finished_at_ms)
                .bind(r.plant_hours)
                .bind(r.wall_seconds)
                .bind(r.score)
                .bind(json(&r.objectives))
                .bind(r.penalty_points)
                .bind(json(&r.kpis))
                .bind(json(&r.diagnoses))
                .bind(&r.replay)
                .bind(i64::from(r.instructor_actions))
                .bind(i64::from(r.rewinds))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(result.rows_affected() > 0)
            })
            .map_err(|e| self.error("recording a run", e))?;
        Ok(done)
    }

    /// The runs that match, oldest first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<RunRecord>, String> {
        let mut sql = String::from(
            "SELECT id, trainee, scenario, seed, finished_at_ms, plant_hours, wall_seconds, score, objectives,
                penalty_points, kpis, diagnoses, replay, instructor_actions, rewinds FROM runs WHERE 1 = 1",
        );
        let mut n = 0;
        let mut next = |column: &str, op: &str| {
            n += 1;
            format!(" AND {column} {op} ${n}")
        };
        if filter.trainee.is_some() {
            sql += &next("trainee", "=");
        }
        if filter.scenario.is_some() {
            sql += &next("scenario", "=");
        }
        if filter.since_ms.is_some() {
            sql += &next("finished_at_ms", ">=");
        }
        if filter.until_ms.is_some() {
            sql += &next("finished_at_ms", "<");
        }
        sql += " ORDER BY finished_at_ms, id";
        let mut query = sqlx::query(&sql);
        if let Some(t) = &filter.trainee {
            query = query.bind(t.clone());
        }
        if let Some(s) = &filter.scenario {
            query = query.bind(s.clone());
        }
        if let Some(t) = filter.since_ms {
            query = query.bind(t);
        }
        if let Some(t) = filter.until_ms {
            query = query.bind(t);
        }
        let rows = self.runtime.block_on(query.fetch_all(&self.pool)).map_err(|e| self.error("listing runs", e))?;
        rows.iter().map(|row| self.read(row)).collect()
    }

    fn read(&self, row: &AnyRow) -> Result<RunRecord, String> {
        let get_text = |c: &str| row.try_get::<String, _>(c).map_err(|e| self.error(c, e));
        let get_f64 = |c: &str| row.try_get::<f64, _>(c).map_err(|e| self.error(c, e));
        let get_i64 = |c: &str| row.try_get::<i64, _>(c).map_err(|e| self.error(c, e));
        Ok(RunRecord {
            id: get_text("id")?,
            trainee: get_text("trainee")?,
            scenario: get_text("scenario")?,
            seed: get_i64("seed")? as u64,
            finished_at_ms: get_i64("finished_at_ms")?,
            plant_hours: get_f64("plant_hours")?,
            wall_seconds: get_f64("wall_seconds")?,
            score: get_f64("score")?,
            objectives: parse_column("objectives", &get_text("objectives")?)?,
            penalty_points: get_f64("penalty_points")?,
            kpis: parse_column("kpis", &get_text("kpis")?)?,
            diagnoses: parse_column("diagnoses", &get_text("diagnoses")?)?,
            replay: get_text("replay")?,
            instructor_actions: get_i64("instructor_actions")?.clamp(0, u32::MAX as i64) as u32,
            rewinds: get_i64("rewinds")?.clamp(0, u32::MAX as i64) as u32,
        })
    }
}

/// A record's structured column from its JSON text.
fn parse_column<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("column {column}: {e}"))
}

/// JSON text of a record's structured column.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

//! Training results of the Intellibat Twin.
//!
//! - [`record::RunRecord`]: one finished run (trainee, scenario, seed, score breakdown,
//!   KPIs, diagnoses, duration, the instructor's part, and the replay).
//! - [`store::ResultsDb`] (desktop): the database, SQLite by default or a shared PostgreSQL
//!   server, with a versioned schema and atomic writes.
//! - [`export`]: CSV, JSON and xAPI statements (what learning management systems import).
//!
//! The web build has no database: it keeps the same records in the browser's storage.

pub mod export;
pub mod record;
#[cfg(not(target_arch = "wasm32"))]
pub mod store;

pub use record::{Filter, RunRecord};

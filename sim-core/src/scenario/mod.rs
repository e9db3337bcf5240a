//! Training scenarios: what instructors write (RON files in `scenarios/`), how they are
//! checked, and how a run of one is scored.
//!
//! - [`Scenario`]: the schema (documented for instructors in `scenarios/README.md`).
//! - [`Scenario::validate`]: semantic checks against the line layout, with field paths such as
//!   `events[3].at_h`, and limits against mistaken or hostile files.
//! - [`run::ScenarioRun`]: a simulation driven by a scenario: events, hints, objectives.
//! - [`score`]: the 0-100 score with its breakdown and the debrief record.
//! - [`session::Session`]: a run with the instructor's freeze, snapshots, rewind and hot
//!   reload around it.
//! - [`blind`]: strategies that need no diagnosis, which training must not reward.

pub mod blind;
pub mod run;
mod schema;
pub mod score;
pub mod session;
mod validate;

pub use schema::*;

//! Intellibat Twin simulation core: a deterministic, snapshot-able digital twin of a
//! solid-state battery cell production line. No Bevy, no rendering, no I/O.
//!
//! Data flow: layout or scenario file -> parsed and validated -> [`Simulation::new`] ->
//! [`Simulation::tick`] with commands -> views ([`kpi`], controls, readouts, alarms, log).
//! See `ARCHITECTURE.md` at the repository root for the map.

// Located input errors carry their source text for the snippet; they are only built on the
// cold path of loading a file, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod alarms;
pub mod cell;
pub mod command;
pub mod controls;
pub mod electrochem;
pub mod faults;
pub mod input;
pub mod kpi;
pub mod lab;
pub mod layout;
pub mod line;
pub mod log;
pub mod product;
pub mod replay;
pub mod rng;
pub mod sample;
pub mod scenario;
pub mod sim;
pub mod stations;
pub mod text;
pub mod time;
pub mod unit;
pub mod xrd;

pub use command::Command;
pub use input::InputError;
pub use layout::LineLayout;
pub use sim::{Simulation, StateHash};

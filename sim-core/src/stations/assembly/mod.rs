//! The assembly half of the line, from cathode sheets to a sealed cell (reference sections
//! 7, 8 and 8b): electrolyte impregnation and in-situ solidification (impregnator, curing
//! oven), the lithium-metal anode (laminator), stacking, stack pressing, pouch sealing, and
//! the dry room the assembly stands in.
//!
//! Sheets travel as lots (one per electrode roll) up to the stacker, which takes a lot into
//! its stock and makes cells from it, one unit per cell; from there on every unit is a cell
//! carrying its passport (`crate::cell`).

pub mod curing;
pub mod dry_room;
pub mod impregnator;
pub mod laminator;
pub mod lot_store;
pub mod press;
pub mod sealer;
pub mod stacker;

//! The electrode line: slurry mixing, slot-die coating, drying, calendering, inline
//! inspection, slitting and notching (reference sections 1-5).

pub mod calender;
pub mod coater;
pub mod dryer;
pub mod inspection;
pub mod mixer;
pub mod slitter;

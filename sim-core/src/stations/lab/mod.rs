//! The two labs (reference sections 6, 7 and 11): imec's thin-film lab in Genk (ALD reactor,
//! sputter chamber, film tester) and UHasselt's lab in Diepenbeek (the glovebox and what
//! stands in it, the X-ray diffractometer).
//!
//! Lab units are samples (`crate::sample`): garnet and sulfide pellets, cathode coupons, from
//! a sample store. Stations in the glovebox's area stand in its atmosphere: a sample takes up
//! its water (ppm h) as it would a dry room's, which grows the surface layer a garnet carries
//! into its interface. The testers measure what a lab measures (impedance, thickness,
//! leakage, diffraction) and reject samples out of specification under the root cause.

pub mod ald;
pub mod diffractometer;
pub mod furnace;
pub mod glovebox;
pub mod impedance;
pub mod sample_store;
pub mod sputter;

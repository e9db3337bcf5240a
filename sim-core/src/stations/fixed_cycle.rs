//! The fixed cycle: the generic station's cycle, which the line's fast path runs without
//! the kind (see [`FixedCycle`]).

use super::{CycleReport, CycleStart};
use crate::rng::Stream;

/// A cycle of fixed time with an independent Bernoulli scrap draw per unit (the generic
/// station): a kind whose every cycle is this says so with [`StationModel::fixed_cycle`],
/// and the line then runs it on its fixed-cycle fast path (`line/fixed/`). The kind's own
/// [`StationModel::start_cycle_quick`] uses [`FixedCycle::start`], so both paths make the
/// same draws and the same reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FixedCycle {
    /// Operating time of one cycle, ms (at least 1).
    pub cycle_time_ms: u64,
    /// Probability that a unit is scrapped here, 0..1.
    pub scrap_frac: f64,
}

impl FixedCycle {
    /// The cause a scrapped unit is booked under.
    pub const SCRAP_CAUSE: &'static str = "process-scrap";

    /// The scrap draw of one cycle, from the station's quality stream.
    #[inline]
    pub fn scraps(&self, rng: &mut Stream) -> bool {
        crate::rng::chance(rng, self.scrap_frac)
    }

    /// The report of a cycle at `station` whose unit is scrapped.
    pub fn scrap_report(&self, station: u16) -> CycleReport {
        let mut report = CycleReport { cycle_time_ms: self.cycle_time_ms, quantity: 1.0, ..Default::default() };
        report.add_defective(Self::SCRAP_CAUSE, 1.0);
        report.scrap_unit = Some((station, Self::SCRAP_CAUSE.into()));
        report
    }

    /// One cycle at `station`: plain unless the draw scraps the unit.
    #[inline]
    pub fn start(&self, station: u16, rng: &mut Stream) -> CycleStart {
        if self.scraps(rng) {
            CycleStart::Report(self.scrap_report(station))
        } else {
            CycleStart::Plain { cycle_time_ms: self.cycle_time_ms }
        }
    }
}

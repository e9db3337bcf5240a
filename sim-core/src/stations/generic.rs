//! The generic discrete station: fixed cycle time, Bernoulli scrap.
//!
//! The simplest station of the line-flow model and the one the queueing-theory checks use:
//! each cycle takes `cycle_time_s` and a unit is scrapped with probability `scrap_frac`
//! (an independent draw per unit from the station's quality stream).

use serde::{Deserialize, Serialize};

use super::{CycleContext, CycleReport, CycleStart, FixedCycle, StationModel};
use crate::controls::ControlDef;
use crate::input::{FieldPath, Issues};
use crate::unit::Unit;

/// Longest cycle time accepted, in seconds (one week).
pub const MAX_CYCLE_TIME_S: f64 = 7.0 * 24.0 * 3600.0;
/// Shortest cycle time accepted, in seconds: bounds the events a simulated hour can hold.
pub const MIN_CYCLE_TIME_S: f64 = 1.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericStation {
    /// Processing time per unit, seconds.
    pub cycle_time_s: f64,
    /// Probability that a processed unit is scrapped here, 0..1.
    #[serde(default)]
    pub scrap_frac: f64,
    /// `cycle_time_s` in whole milliseconds, kept from the last cycle (not state).
    #[serde(skip)]
    cycle_ms: CycleMs,
}

/// A cached conversion: scratch, equal to any other (so it never makes two equal stations
/// differ).
#[derive(Clone, Copy, Debug, Default)]
struct CycleMs {
    of_s: f64,
    ms: u64,
}

impl PartialEq for CycleMs {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl GenericStation {
    /// A station with this cycle time and scrap share.
    pub fn new(cycle_time_s: f64, scrap_frac: f64) -> Self {
        Self { cycle_time_s, scrap_frac, cycle_ms: CycleMs::default() }
    }

    fn cycle_time_ms(&mut self) -> u64 {
        if self.cycle_ms.of_s != self.cycle_time_s || self.cycle_ms.ms == 0 {
            self.cycle_ms = CycleMs { of_s: self.cycle_time_s, ms: crate::time::secs_to_ms(self.cycle_time_s) };
        }
        self.cycle_ms.ms
    }
}

impl StationModel for GenericStation {
    const LABEL: &'static str = "generic";
    const CONTROLS: &'static [ControlDef<Self>] = &[ControlDef::new(
        "cycle_time_s",
        "Cycle time",
        "s",
        (1.0, 3600.0, 1.0),
        |s, _| s.cycle_time_s,
        |s, _, v| s.cycle_time_s = v,
    )];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(self.cycle_time_s.is_finite() && self.cycle_time_s > 0.0) {
            issues.push(
                path.clone().field("cycle_time_s"),
                format!("cycle time must be a positive number of seconds, got {}", self.cycle_time_s),
            );
        } else if self.cycle_time_s < MIN_CYCLE_TIME_S {
            issues.push(
                path.clone().field("cycle_time_s"),
                format!("cycle time {} s is shorter than the limit of {MIN_CYCLE_TIME_S} s", self.cycle_time_s),
            );
        } else if self.cycle_time_s > MAX_CYCLE_TIME_S {
            issues.push(
                path.clone().field("cycle_time_s"),
                format!("cycle time {} s is longer than the limit of {MAX_CYCLE_TIME_S} s", self.cycle_time_s),
            );
        }
        if !(0.0..1.0).contains(&self.scrap_frac) {
            issues.push(
                path.clone().field("scrap_frac"),
                format!("scrap fraction must be in [0, 1), got {}", self.scrap_frac),
            );
        }
    }

    /// One cycle: fixed time; the unit is scrapped with probability `scrap_frac`.
    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        self.start_cycle_quick(unit, ctx).into_report()
    }

    /// A plain cycle unless the draw scraps the unit.
    #[inline]
    fn start_cycle_quick(&mut self, _unit: &mut Unit, ctx: &mut CycleContext) -> CycleStart {
        FixedCycle { cycle_time_ms: self.cycle_time_ms(), scrap_frac: self.scrap_frac }.start(ctx.station, ctx.rng)
    }

    /// Every cycle is fixed time and a Bernoulli scrap draw.
    fn fixed_cycle(&self) -> Option<FixedCycle> {
        let cycle_time_ms = crate::time::secs_to_ms(self.cycle_time_s).max(1);
        Some(FixedCycle { cycle_time_ms, scrap_frac: self.scrap_frac })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng;
    use crate::unit::Payload;

    /// The quick path the line takes is the same cycle as `start_cycle`: the same draws, the
    /// same report, plain exactly when nothing is scrapped.
    #[test]
    fn quick_cycles_are_the_full_cycles() {
        let (mut full, mut quick) = (GenericStation::new(12.5, 0.3), GenericStation::new(12.5, 0.3));
        let (mut rng_full, mut rng_quick) = (rng::stream(3, "q"), rng::stream(3, "q"));
        let mut unit = Unit::new(1, Payload::Part, 0);
        let mut plain = 0;
        for _ in 0..1000 {
            let mut ctx =
                CycleContext { station: 2, now_ms: 0, rng: &mut rng_full, faults: &[], room_ppmv: None, room: None };
            let report = StationModel::start_cycle(&mut full, &mut unit, &mut ctx);
            let mut ctx =
                CycleContext { station: 2, now_ms: 0, rng: &mut rng_quick, faults: &[], room_ppmv: None, room: None };
            let start = StationModel::start_cycle_quick(&mut quick, &mut unit, &mut ctx);
            if matches!(start, CycleStart::Plain { .. }) {
                plain += 1;
                assert!(report.scrap_unit.is_none() && report.defective.is_empty());
            }
            assert_eq!(start.cycle_time_ms(), 12_500);
            assert_eq!(start.into_report(), report);
        }
        assert!((650..750).contains(&plain), "{plain} plain cycles of 1000 at 30 % scrap");
    }
}

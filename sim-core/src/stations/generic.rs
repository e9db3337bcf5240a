//! The generic discrete station: fixed cycle time, Bernoulli scrap.
//!
//! The simplest station of the line-flow model and the one the queueing-theory checks use:
//! each cycle takes `cycle_time_s` and a unit is scrapped with probability `scrap_frac`
//! (an independent draw per unit from the station's quality stream).

use serde::{Deserialize, Serialize};

use super::{CycleContext, CycleReport};
use crate::controls::ControlSpec;
use crate::input::{FieldPath, Issues};
use crate::rng;

/// Longest cycle time accepted, in seconds (one week).
pub const MAX_CYCLE_TIME_S: f64 = 7.0 * 24.0 * 3600.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericStation {
    /// Processing time per unit, seconds.
    pub cycle_time_s: f64,
    /// Probability that a processed unit is scrapped here, 0..1.
    #[serde(default)]
    pub scrap_frac: f64,
}

impl GenericStation {
    pub fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(self.cycle_time_s.is_finite() && self.cycle_time_s > 0.0) {
            issues.push(
                path.clone().field("cycle_time_s"),
                format!("cycle time must be a positive number of seconds, got {}", self.cycle_time_s),
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
    pub fn start_cycle(&self, ctx: &mut CycleContext) -> CycleReport {
        let scrap = rng::chance(ctx.rng, self.scrap_frac);
        let mut report = CycleReport {
            cycle_time_ms: crate::time::secs_to_ms(self.cycle_time_s),
            quantity: 1.0,
            ..Default::default()
        };
        if scrap {
            report.add_defective("process scrap", 1.0);
            report.scrap_unit = Some((ctx.station, "process scrap".into()));
        }
        report
    }

    pub fn controls(&self) -> Vec<ControlSpec> {
        vec![ControlSpec {
            name: "cycle_time_s".into(),
            label: "Cycle time".into(),
            unit: "s".into(),
            min: 1.0,
            max: 3600.0,
            step: 1.0,
            value: self.cycle_time_s,
        }]
    }

    pub fn set_control(&mut self, name: &str, value: f64) -> bool {
        match name {
            "cycle_time_s" => {
                self.cycle_time_s = value;
                true
            }
            _ => false,
        }
    }
}

//! Runs a protocol on a cell model, with the lumped thermal model.
//!
//! Thermal model (one temperature for the cell, Bernardi's heat without its reversible
//! term, which is small beside the irreversible heat at the rates tested here):
//! `m c_p dT/dt = I (U_ocv - V) - hA (T - T_amb)`, solved exactly over each step for the
//! step's heat (so stable for any step and any cell).
//!
//! Steps: a constant current runs in steps of `dt_at_1c_s / C-rate` (10 s at 1C unless set;
//! at most `max_dt_s`) and the
//! step that crosses its voltage limit is bisected so the run ends on it; a hold finds, each
//! step, the current that keeps the voltage (secant iteration on trial steps); rests and
//! holds start with `first_dt_s` steps (1 s unless set) growing by 30 % to `max_dt_s`. Every run is bounded: a step
//! without its own duration stops at a safety time (twice the time its current needs for the
//! nominal capacity, plus an hour; 100 h for a hold), and the samples at `max_samples`.
//!
//! The cell's own voltage limits always apply, as a cycler's safety limits do: a step asking
//! for a voltage past them (charge until 10 V) ends on the cell's limit, a hold outside them
//! is not run, and neither is a current above [`MAX_C_RATE`] times the nominal capacity
//! (however the step gives it). Where the voltage falls off a cliff at the crossing (a
//! stoichiometry running out), the step ends on the last state within the limit rather than
//! on a voltage far past it.

/// The highest current a step may ask for, in multiples of the nominal capacity (C-rate).
pub const MAX_C_RATE: f64 = 100.0;

/// How far past its voltage limit a step's end may lie before the last state within the
/// limit is taken instead, V: well above what a smooth curve moves within the crossing
/// tolerance (tens of mV for the end-of-line tester's 1 s at 1C), well below a cliff's volts.
const CROSSING_OVERSHOOT_V: f64 = 0.1;

use super::protocol::{Action, Limit, Step};
use super::{CellModel, Sample};

/// How a run is done.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOptions {
    /// Ambient (and starting) temperature, K.
    pub ambient_k: f64,
    /// Longest time step, s.
    pub max_dt_s: f64,
    /// Time step of a constant current at 1C, s (at other rates in inverse proportion).
    pub dt_at_1c_s: f64,
    /// First time step of a rest or a hold, s (growing by 30 % a step).
    pub first_dt_s: f64,
    /// How closely a step's crossing of its voltage limit is found, s.
    pub crossing_tolerance_s: f64,
    /// Most samples kept; the run stops there.
    pub max_samples: usize,
    /// Hold the cell at the ambient temperature (no thermal model).
    pub isothermal: bool,
    /// Where the voltage falls off a cliff at a step's limit, end the step on the last state
    /// within the limit (see the module documentation) rather than on the first past it.
    pub end_within_limit: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            ambient_k: 298.15,
            max_dt_s: 60.0,
            dt_at_1c_s: 10.0,
            first_dt_s: 1.0,
            crossing_tolerance_s: 1e-3,
            max_samples: 1_000_000,
            isothermal: false,
            end_within_limit: true,
        }
    }
}

/// Why a step ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// Its duration passed.
    Duration,
    /// Its `until` limit was reached.
    Limit,
    /// The cell's own voltage limit was reached (a step without `until`).
    CellLimit,
    /// It ran to its safety time without reaching its limit.
    SafetyTime,
    /// The run's sample limit was reached.
    SampleLimit,
    /// The model could not hold the step (a voltage it cannot reach, a value not finite).
    Infeasible,
    /// Not run: its current is above [`MAX_C_RATE`], or its hold voltage is outside the
    /// cell's limits.
    OutsideCellLimits,
}

/// What one step did.
#[derive(Clone, Debug, PartialEq)]
pub struct StepResult {
    pub text: String,
    pub ended_by: EndReason,
    pub duration_s: f64,
    /// Charge passed, positive on discharge, A h.
    pub charge_ah: f64,
    /// Energy delivered, positive on discharge, W h.
    pub energy_wh: f64,
    /// Index of its last sample in [`RunResult::samples`].
    pub last_sample: usize,
}

/// A protocol's result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunResult {
    pub samples: Vec<Sample>,
    pub steps: Vec<StepResult>,
}

impl RunResult {
    /// Charge delivered by the discharge steps, A h.
    pub fn discharge_capacity_ah(&self) -> f64 {
        self.steps.iter().filter(|s| s.charge_ah > 0.0).map(|s| s.charge_ah).sum()
    }
}

/// The time step (at most `dt_s`) after which the voltage at current `i_a` stops satisfying
/// `ok`, to `tolerance_s` by halvings (deterministic).
pub fn time_to_limit<M: CellModel>(cell: &M, i_a: f64, dt_s: f64, tolerance_s: f64, ok: impl Fn(f64) -> bool) -> f64 {
    bracket_limit(cell, i_a, dt_s, tolerance_s, ok).1
}

/// The times (lo, hi), `hi - lo` at most `tolerance_s`, between which the voltage at current
/// `i_a` stops satisfying `ok` within `dt_s` (by halvings, deterministic).
fn bracket_limit<M: CellModel>(
    cell: &M,
    i_a: f64,
    dt_s: f64,
    tolerance_s: f64,
    ok: impl Fn(f64) -> bool,
) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0, dt_s);
    // Halvings until the crossing is known to `tolerance_s` (at most 30).
    while hi - lo > tolerance_s && hi - lo > dt_s * 1e-9 {
        let mid = 0.5 * (lo + hi);
        let mut trial = cell.clone();
        trial.step(i_a, mid);
        if ok(trial.voltage(i_a)) { lo = mid } else { hi = mid }
    }
    (lo, hi)
}

/// The current that holds the voltage at `volts` through a step of `dt_s`, starting from
/// `guess`; `None` if the secant iteration fails.
fn holding_current<M: CellModel>(cell: &M, volts: f64, dt_s: f64, guess: f64) -> Option<f64> {
    let capacity = cell.nominal_capacity_ah().max(1e-9);
    let error = |i: f64| {
        let mut trial = cell.clone();
        trial.step(i, dt_s);
        trial.voltage(i) - volts
    };
    let (mut i0, mut i1) = (guess, if guess.abs() > 1e-6 * capacity { guess * 0.9 } else { -0.01 * capacity });
    let (mut f0, mut f1) = (error(i0), error(i1));
    for _ in 0..30 {
        if f1.abs() < 1e-7 {
            return Some(i1);
        }
        let slope = (f1 - f0) / (i1 - i0);
        if !slope.is_finite() || slope == 0.0 {
            return None;
        }
        let next = (i1 - f1 / slope).clamp(-20.0 * capacity, 20.0 * capacity);
        (i0, f0, i1) = (i1, f1, next);
        f1 = error(i1);
    }
    (f1.abs() < 1e-4).then_some(i1)
}

/// Runs `steps` on `cell` in order.
pub fn run<M: CellModel>(cell: &mut M, steps: &[Step], options: &RunOptions) -> RunResult {
    let mut result = RunResult { samples: Vec::with_capacity(256), steps: Vec::with_capacity(steps.len()) };
    cell.set_temperature_k(options.ambient_k);
    result.samples.push(Sample::of(cell, 0.0));
    for step in steps {
        let outcome = run_step(cell, step, options, &mut result.samples);
        result.steps.push(outcome);
        if result.steps.last().is_some_and(|s| s.ended_by == EndReason::SampleLimit) {
            break;
        }
    }
    result
}

fn run_step<M: CellModel>(cell: &mut M, step: &Step, options: &RunOptions, samples: &mut Vec<Sample>) -> StepResult {
    let capacity = cell.nominal_capacity_ah().max(1e-9);
    let (lower, upper) = cell.voltage_limits();
    let start_s = cell.time_s();
    let start_ah = cell.discharged_ah();
    let mut energy_wh = 0.0;
    let current = match step.action {
        Action::Discharge(rate) => Some(rate.amps(capacity)),
        Action::Charge(rate) => Some(-rate.amps(capacity)),
        Action::Rest => Some(0.0),
        Action::Hold(_) => None,
    };
    // The voltage a constant-current step ends on (its own limit, within the cell's), the
    // test it must keep passing, and whether the limit is its own.
    let (bound_v, own_limit) = match (step.action, step.until) {
        (Action::Discharge(_), Some(Limit::Voltage(v))) => (v.max(lower), v >= lower),
        (Action::Charge(_), Some(Limit::Voltage(v))) => (v.min(upper), v <= upper),
        (Action::Discharge(_), _) => (lower, false),
        (Action::Charge(_), _) => (upper, false),
        _ => (f64::NAN, false),
    };
    let voltage_ok = |x: f64| match step.action {
        Action::Discharge(_) => x > bound_v,
        Action::Charge(_) => x < bound_v,
        _ => x.is_finite(),
    };
    let outside = match (step.action, current) {
        (Action::Hold(volts), _) => !(lower..=upper).contains(&volts),
        (_, Some(i)) => i.abs() > MAX_C_RATE * capacity * (1.0 + 1e-12),
        _ => false,
    };
    if outside {
        samples.push(Sample::of(cell, 0.0));
        return StepResult {
            text: step.text.clone(),
            ended_by: EndReason::OutsideCellLimits,
            duration_s: 0.0,
            charge_ah: 0.0,
            energy_wh: 0.0,
            last_sample: samples.len() - 1,
        };
    }
    let safety_s = match (current, step.duration_s) {
        (_, Some(d)) => d,
        (Some(i), None) if i != 0.0 => 2.0 * capacity * 3600.0 / i.abs() + 3600.0,
        _ => 100.0 * 3600.0,
    };
    let c_rate = current.map_or(0.0, |i| i.abs() / capacity);
    let mut dt = if c_rate > 0.0 { (options.dt_at_1c_s / c_rate).min(options.max_dt_s) } else { options.first_dt_s };
    let mut hold_current = 0.0;
    let ended_by = loop {
        let elapsed = cell.time_s() - start_s;
        if elapsed >= safety_s - 1e-9 {
            break if step.duration_s.is_some() { EndReason::Duration } else { EndReason::SafetyTime };
        }
        if samples.len() >= options.max_samples {
            break EndReason::SampleLimit;
        }
        let dt_now = dt.min(safety_s - elapsed);
        let reached = match (step.action, current) {
            (Action::Hold(volts), _) => {
                let Some(i) = holding_current(cell, volts, dt_now, hold_current) else {
                    break EndReason::Infeasible;
                };
                hold_current = i;
                let limit = match step.until {
                    Some(Limit::Current(rate)) => rate.amps(capacity),
                    _ => 0.0,
                };
                let mut next = cell.clone();
                next.step(i, dt_now);
                let v = next.voltage(i);
                commit(cell, next, i, v, dt_now, options, &mut energy_wh);
                samples.push(Sample::with_voltage(cell, i, v));
                limit > 0.0 && i.abs() <= limit
            }
            (_, Some(i)) => {
                let mut trial = cell.clone();
                trial.step(i, dt_now);
                let v = trial.voltage(i);
                if !v.is_finite() {
                    break EndReason::Infeasible;
                }
                if voltage_ok(v) {
                    commit(cell, trial, i, v, dt_now, options, &mut energy_wh);
                    samples.push(Sample::with_voltage(cell, i, v));
                    false
                } else if !voltage_ok(cell.voltage(i)) {
                    // Already past the limit when the step starts.
                    samples.push(Sample::of(cell, i));
                    break if own_limit { EndReason::Limit } else { EndReason::CellLimit };
                } else {
                    let (lo, hi) = bracket_limit(cell, i, dt_now, options.crossing_tolerance_s, voltage_ok);
                    let mut next = cell.clone();
                    next.step(i, hi);
                    let mut v = next.voltage(i);
                    let mut dt_cross = hi;
                    // (A voltage that is not a number is past any limit.)
                    let near_limit = (v - bound_v).abs() <= CROSSING_OVERSHOOT_V;
                    if options.end_within_limit && !near_limit && lo > 0.0 {
                        // A cliff: end on the last state within the limit.
                        next = cell.clone();
                        next.step(i, lo);
                        v = next.voltage(i);
                        dt_cross = lo;
                    }
                    commit(cell, next, i, v, dt_cross, options, &mut energy_wh);
                    samples.push(Sample::with_voltage(cell, i, v));
                    true
                }
            }
            (_, None) => break EndReason::Infeasible,
        };
        if reached {
            break match step.action {
                Action::Hold(_) => EndReason::Limit,
                _ if own_limit => EndReason::Limit,
                _ => EndReason::CellLimit,
            };
        }
        if c_rate == 0.0 {
            dt = (dt * 1.3).min(options.max_dt_s);
        }
    };
    StepResult {
        text: step.text.clone(),
        ended_by,
        duration_s: cell.time_s() - start_s,
        charge_ah: cell.discharged_ah() - start_ah,
        energy_wh,
        last_sample: samples.len().saturating_sub(1),
    }
}

/// Takes `next`, the cell `dt_s` on at current `i_a` with voltage `v`, and moves its
/// temperature on over the step.
fn commit<M: CellModel>(cell: &mut M, next: M, i_a: f64, v: f64, dt_s: f64, options: &RunOptions, energy_wh: &mut f64) {
    *cell = next;
    *energy_wh += i_a * v * dt_s / 3600.0;
    if options.isothermal {
        return;
    }
    let heat_w = i_a * (cell.open_circuit_v() - v);
    let th = cell.thermal();
    let heat_capacity = (th.mass_kg * th.specific_heat_j_per_kg_k).max(1e-9);
    let t = cell.temperature_k();
    let next = if th.cooling_w_per_k > 0.0 {
        // Exact for a constant heat over the step: relaxes towards T_amb + Q / hA.
        let steady = options.ambient_k + heat_w / th.cooling_w_per_k;
        steady + (t - steady) * libm::exp(-dt_s * th.cooling_w_per_k / heat_capacity)
    } else {
        t + dt_s * heat_w / heat_capacity
    };
    if next.is_finite() {
        cell.set_temperature_k(next.clamp(200.0, 500.0));
    }
}

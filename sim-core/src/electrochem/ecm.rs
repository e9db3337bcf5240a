//! The equivalent-circuit model (Thevenin, reference section 10): an open-circuit voltage
//! that follows the state of charge, a series resistance and two RC pairs,
//! `V = OCV(SOC) - I R0 - V1 - V2`, `dV_j/dt = -V_j / (R_j C_j) + I / C_j`,
//! `dSOC/dt = -I / (3600 Q)`; all resistances Arrhenius in temperature.
//!
//! It is fitted from a physics model ([`EcmParams::fit`]): the OCV table and the capacity
//! from a C/20 discharge (its voltage with the instantaneous drop added back, a
//! pseudo-OCV that ends where the cell's capacity ends), R0, R1, tau1,
//! R2, tau2 by least squares on a 1C pulse of 60 s and 10 min of rest at 50 % state of
//! charge (linear in the resistances for given time constants; the time constants from a
//! grid over 0.5-30 s and 30-3000 s), and the activation energy from R0 at 25 and 45 degC.
//! One set of resistances for the whole SOC range: a simplification that holds away from
//! the ends of charge, where the test hall's pulses are made.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::run::{RunOptions, run};
use super::{CellModel, GAS_R, Thermal, arrhenius, protocol};

/// The equivalent circuit's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EcmParams {
    pub name: String,
    pub capacity_ah: f64,
    /// (state of charge, open-circuit voltage) in increasing state of charge.
    pub ocv: Vec<(f64, f64)>,
    pub r0_ohm: f64,
    pub r1_ohm: f64,
    pub tau1_s: f64,
    pub r2_ohm: f64,
    pub tau2_s: f64,
    /// Activation energy of the resistances, J/mol (against 25 degC).
    pub resistance_activation_j_per_mol: f64,
    pub lower_cutoff_v: f64,
    pub upper_cutoff_v: f64,
    pub thermal: Thermal,
}

/// How well a fit reproduces the physics model's pulse.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitReport {
    /// Root-mean-square voltage error over the pulse and its rest, V.
    pub pulse_rmse_v: f64,
}

impl EcmParams {
    /// Open-circuit voltage at `soc`, linear in the table, extended linearly beyond its ends.
    pub fn ocv_at(&self, soc: f64) -> f64 {
        let t = &self.ocv;
        if t.len() < 2 {
            return t.first().map_or(0.0, |p| p.1);
        }
        let k = t.partition_point(|p| p.0 < soc).clamp(1, t.len() - 1);
        let ((s0, v0), (s1, v1)) = (t[k - 1], t[k]);
        if s1 > s0 { v0 + (soc - s0) * (v1 - v0) / (s1 - s0) } else { v0 }
    }

    /// Differential capacity at `soc`, A h/V (how much charge a millivolt of OCV holds).
    pub fn dq_dv_ah_per_v(&self, soc: f64) -> f64 {
        let h = 0.02;
        let dv = self.ocv_at(soc + h) - self.ocv_at(soc - h);
        if dv > 1e-9 { self.capacity_ah * 2.0 * h / dv } else { self.capacity_ah * 2.0 * h / 1e-9 }
    }

    /// The DC resistance a pulse of `seconds` at constant current measures, ohm, at `t_k`.
    pub fn dcir_ohm(&self, seconds: f64, t_k: f64) -> f64 {
        let rc = |r: f64, tau: f64| r * (1.0 - libm::exp(-seconds / tau.max(1e-9)));
        (self.r0_ohm + rc(self.r1_ohm, self.tau1_s) + rc(self.r2_ohm, self.tau2_s)) * self.resistance_factor(t_k)
    }

    /// Factor on the resistances at `t_k` against 25 degC.
    pub fn resistance_factor(&self, t_k: f64) -> f64 {
        1.0 / arrhenius(self.resistance_activation_j_per_mol, t_k)
    }

    /// Fits the circuit to `fresh`, a physics model at full charge (see the module
    /// documentation).
    pub fn fit<M: CellModel>(fresh: &M, name: &str) -> (Self, FitReport) {
        let isothermal = RunOptions { ambient_k: fresh.temperature_k(), isothermal: true, ..RunOptions::default() };
        let steps = |texts: &[&str]| protocol::parse(texts).unwrap_or_default();
        // OCV and capacity from a C/20 discharge.
        let mut slow = fresh.clone();
        let (lower, upper) = fresh.voltage_limits();
        // The fit keeps the first state past the cut-off as its last point (as it was
        // calibrated: the line's grading thresholds and reference replays rest on it), even
        // where the voltage falls off a cliff there.
        let slow_options = RunOptions { end_within_limit: false, ..isothermal.clone() };
        let slow_run = run(&mut slow, &steps(&["Discharge at C/20"]), &slow_options);
        let capacity_ah = slow_run.discharge_capacity_ah().max(1e-9);
        // The pseudo-OCV: the C/20 voltage with its instantaneous drop added back, so the
        // table ends where the slow discharge ended (the cut-off), as a cell's capacity does.
        let i_slow = fresh.nominal_capacity_ah() / 20.0;
        let r_inst = (fresh.voltage(0.0) - fresh.voltage(i_slow)) / i_slow.max(1e-12);
        let mut table: Vec<(f64, f64)> = Vec::with_capacity(slow_run.samples.len() + 1);
        table.push((1.0, fresh.open_circuit_v()));
        for s in slow_run.samples.iter().skip(1) {
            let passed_ah = (1.0 - s.soc) * fresh.nominal_capacity_ah();
            table.push((1.0 - passed_ah / capacity_ah, s.voltage_v + s.current_a * r_inst));
        }
        table.reverse();
        table.dedup_by(|b, a| b.0 <= a.0 + 1e-6);
        let ocv = thin(&table, 41);
        // The pulse at half charge.
        let mut cell = fresh.clone();
        let to_half = format!("Discharge at {} A for 2.5 hours", capacity_ah / 5.0);
        run(&mut cell, &steps(&[to_half.as_str(), "Rest for 2 hours"]), &isothermal);
        let i_pulse = capacity_ah; // 1C
        let mut record = Vec::new(); // (time from pulse start, current, OCV(soc) - V)
        let mut soc = 1.0 - cell.discharged_ah() / capacity_ah;
        let table_params = Self {
            name: String::new(),
            capacity_ah,
            ocv: ocv.clone(),
            r0_ohm: 0.0,
            r1_ohm: 0.0,
            tau1_s: 1.0,
            r2_ohm: 0.0,
            tau2_s: 1.0,
            resistance_activation_j_per_mol: 0.0,
            lower_cutoff_v: lower,
            upper_cutoff_v: upper,
            thermal: fresh.thermal().clone(),
        };
        let (pulse_s, rest_s, dt) = (60.0, 600.0, 1.0);
        let mut t = 0.0;
        while t < pulse_s + rest_s - 1e-9 {
            let i = if t < pulse_s - 1e-9 { i_pulse } else { 0.0 };
            cell.step(i, dt);
            t += dt;
            soc -= i * dt / 3600.0 / capacity_ah;
            record.push((t, i, table_params.ocv_at(soc) - cell.voltage(i)));
        }
        let mut best: Option<(f64, [f64; 3], f64, f64)> = None;
        for a in 0..12 {
            let tau1 = 0.5 * libm::pow(60.0, a as f64 / 11.0);
            for b in 0..12 {
                let tau2 = 30.0 * libm::pow(100.0, b as f64 / 11.0);
                let Some((r, sse)) = least_squares(&record, dt, tau1, tau2) else { continue };
                if r.iter().all(|x| *x >= 0.0) && best.as_ref().is_none_or(|bst| sse < bst.0) {
                    best = Some((sse, r, tau1, tau2));
                }
            }
        }
        let (sse, r, tau1, tau2) = best.unwrap_or((0.0, [0.0; 3], 1.0, 100.0));
        // Activation energy from the instantaneous resistance at 25 and 45 degC.
        let r0_at = |t_k: f64| {
            let mut c = fresh.clone();
            c.set_temperature_k(t_k);
            (c.voltage(0.0) - c.voltage(capacity_ah)) / capacity_ah
        };
        let (t1, t2) = (298.15, 318.15);
        let ratio = r0_at(t1) / r0_at(t2).max(1e-12);
        let activation = if ratio > 1.0 { GAS_R * libm::log(ratio) / (1.0 / t1 - 1.0 / t2) } else { 0.0 };
        let params = Self {
            name: name.to_string(),
            r0_ohm: r[0],
            r1_ohm: r[1],
            tau1_s: tau1,
            r2_ohm: r[2],
            tau2_s: tau2,
            resistance_activation_j_per_mol: activation,
            ..table_params
        };
        (params, FitReport { pulse_rmse_v: libm::sqrt(sse / record.len().max(1) as f64) })
    }
}

/// At most `n` points of `table`, evenly spaced in its first coordinate, ends kept.
fn thin(table: &[(f64, f64)], n: usize) -> Vec<(f64, f64)> {
    if table.len() <= n || n < 2 {
        return table.to_vec();
    }
    let (lo, hi) = (table[0].0, table[table.len() - 1].0);
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    for j in 0..n {
        let s = lo + (hi - lo) * j as f64 / (n - 1) as f64;
        while k + 2 < table.len() && table[k + 1].0 < s {
            k += 1;
        }
        let ((s0, v0), (s1, v1)) = (table[k], table[k + 1]);
        let v = if s1 > s0 { v0 + (s.clamp(s0, s1) - s0) * (v1 - v0) / (s1 - s0) } else { v0 };
        out.push((s, v));
    }
    out
}

/// Least squares of `record` (time, current, voltage drop) on R0, R1, R2 for time constants
/// `tau1`, `tau2`: the resistances and the sum of squared errors.
fn least_squares(record: &[(f64, f64, f64)], dt: f64, tau1: f64, tau2: f64) -> Option<([f64; 3], f64)> {
    let (e1, e2) = (libm::exp(-dt / tau1), libm::exp(-dt / tau2));
    let (mut g1, mut g2) = (0.0, 0.0);
    let mut ata = [[0.0; 3]; 3];
    let mut atb = [0.0; 3];
    let mut rows = Vec::with_capacity(record.len());
    for &(_, i, drop) in record {
        g1 = g1 * e1 + i * (1.0 - e1);
        g2 = g2 * e2 + i * (1.0 - e2);
        let x = [i, g1, g2];
        for r in 0..3 {
            for c in 0..3 {
                ata[r][c] += x[r] * x[c];
            }
            atb[r] += x[r] * drop;
        }
        rows.push((x, drop));
    }
    let r = solve3(ata, atb)?;
    let sse = rows
        .iter()
        .map(|(x, d)| {
            let e = x[0] * r[0] + x[1] * r[1] + x[2] * r[2] - d;
            e * e
        })
        .sum();
    Some((r, sse))
}

/// Gaussian elimination with partial pivoting for a 3x3 system.
fn solve3(mut a: [[f64; 3]; 3], mut b: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..3 {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; 3];
    for row in (0..3).rev() {
        let s: f64 = (row + 1..3).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// A cell in the equivalent circuit.
#[derive(Clone, Debug, PartialEq)]
pub struct EcmCell {
    pub params: Arc<EcmParams>,
    pub soc: f64,
    /// Voltages over the two RC pairs, V.
    pub v_rc: [f64; 2],
    pub time_s: f64,
    pub discharged_ah: f64,
    pub temperature_k: f64,
    /// The resistances' factor at `temperature_k` (kept with it).
    resistance_factor: f64,
}

impl EcmCell {
    /// A rested cell at `soc` and 25 degC.
    pub fn new(params: impl Into<Arc<EcmParams>>, soc: f64) -> Self {
        let params = params.into();
        let resistance_factor = params.resistance_factor(298.15);
        Self { params, soc, v_rc: [0.0; 2], time_s: 0.0, discharged_ah: 0.0, temperature_k: 298.15, resistance_factor }
    }
}

impl CellModel for EcmCell {
    fn step(&mut self, i_a: f64, dt_s: f64) {
        let p = &self.params;
        let f = self.resistance_factor;
        for (v, (r, tau)) in self.v_rc.iter_mut().zip([(p.r1_ohm, p.tau1_s), (p.r2_ohm, p.tau2_s)]) {
            let e = libm::exp(-dt_s / tau.max(1e-9));
            *v = *v * e + i_a * r * f * (1.0 - e);
        }
        self.soc -= i_a * dt_s / 3600.0 / p.capacity_ah.max(1e-12);
        self.time_s += dt_s;
        self.discharged_ah += i_a * dt_s / 3600.0;
    }
    fn voltage(&self, i_a: f64) -> f64 {
        let p = &self.params;
        p.ocv_at(self.soc) - i_a * p.r0_ohm * self.resistance_factor - self.v_rc[0] - self.v_rc[1]
    }
    fn open_circuit_v(&self) -> f64 {
        self.params.ocv_at(self.soc)
    }
    fn time_s(&self) -> f64 {
        self.time_s
    }
    fn discharged_ah(&self) -> f64 {
        self.discharged_ah
    }
    fn temperature_k(&self) -> f64 {
        self.temperature_k
    }
    fn set_temperature_k(&mut self, t_k: f64) {
        if t_k != self.temperature_k {
            self.temperature_k = t_k;
            self.resistance_factor = self.params.resistance_factor(t_k);
        }
    }
    fn voltage_limits(&self) -> (f64, f64) {
        (self.params.lower_cutoff_v, self.params.upper_cutoff_v)
    }
    fn nominal_capacity_ah(&self) -> f64 {
        self.params.capacity_ah
    }
    fn thermal(&self) -> &Thermal {
        &self.params.thermal
    }
}

//! The single-particle model, stepped in time (see the module above for its equations).

use super::{CellParams, ElectrodeParams, FARADAY, GAS_R};

/// Finite-volume shells per particle.
pub const SHELLS: usize = 20;

/// One spherical particle: concentrations in equal-thickness shells, mol/m3.
#[derive(Clone, Debug, PartialEq)]
pub struct Particle {
    pub c: [f64; SHELLS],
}

impl Particle {
    fn uniform(c0: f64) -> Self {
        Self { c: [c0; SHELLS] }
    }

    /// Lithium in the particle per unit of `4 pi R^3 / 3` (the volume average), mol/m3.
    pub fn mean_concentration(&self) -> f64 {
        let n = SHELLS as f64;
        self.c
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let (r0, r1) = (k as f64 / n, (k + 1) as f64 / n);
                c * (r1 * r1 * r1 - r0 * r0 * r0)
            })
            .sum()
    }

    /// Surface concentration, extrapolated linearly from the two outer shells' centres (half
    /// a shell beyond the last), mol/m3.
    pub fn surface(&self) -> f64 {
        let (a, b) = (self.c[SHELLS - 2], self.c[SHELLS - 1]);
        b + 0.5 * (b - a)
    }

    /// One implicit Euler step of `dt_s` with surface flux `j` out of the particle.
    fn step(&mut self, j: f64, radius_m: f64, d: f64, dt_s: f64) {
        let n = SHELLS;
        let dr = radius_m / n as f64;
        // Shell k spans [k dr, (k+1) dr]: volume ~ (r1^3 - r0^3)/3, faces at r0 and r1 with
        // area ~ r^2. Fluxes between shells D (c_k - c_k+1)/dr through r_(k+1)^2.
        let mut lower = [0.0; SHELLS];
        let mut diag = [0.0; SHELLS];
        let mut upper = [0.0; SHELLS];
        let mut rhs = [0.0; SHELLS];
        for k in 0..n {
            let r0 = k as f64 * dr;
            let r1 = (k + 1) as f64 * dr;
            let vol = (r1 * r1 * r1 - r0 * r0 * r0) / 3.0;
            let inner = d * r0 * r0 / dr;
            let outer = if k + 1 < n { d * r1 * r1 / dr } else { 0.0 };
            diag[k] = vol / dt_s + inner + outer;
            if k > 0 {
                lower[k] = -inner;
            }
            if k + 1 < n {
                upper[k] = -outer;
            }
            rhs[k] = vol / dt_s * self.c[k];
        }
        rhs[n - 1] -= j * radius_m * radius_m;
        // Thomas algorithm.
        for k in 1..n {
            let w = lower[k] / diag[k - 1];
            diag[k] -= w * upper[k - 1];
            rhs[k] -= w * rhs[k - 1];
        }
        self.c[n - 1] = rhs[n - 1] / diag[n - 1];
        for k in (0..n - 1).rev() {
            self.c[k] = (rhs[k] - upper[k] * self.c[k + 1]) / diag[k];
        }
    }
}

/// A cell's state in the SPM.
#[derive(Clone, Debug, PartialEq)]
pub struct SpmCell {
    pub params: CellParams,
    pub negative: Particle,
    pub positive: Particle,
    pub time_s: f64,
    /// Charge passed, positive on discharge, A h.
    pub discharged_ah: f64,
}

/// One point of a run: time, current (positive on discharge), voltage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub time_s: f64,
    pub current_a: f64,
    pub voltage_v: f64,
}

impl SpmCell {
    /// A cell at its parameter set's initial concentrations.
    pub fn new(params: CellParams) -> Self {
        let negative = Particle::uniform(params.negative.initial_concentration_mol_per_m3);
        let positive = Particle::uniform(params.positive.initial_concentration_mol_per_m3);
        Self { params, negative, positive, time_s: 0.0, discharged_ah: 0.0 }
    }

    /// Surface flux out of an electrode's particles at cell current `i_a` (positive on
    /// discharge: lithium leaves the negative, enters the positive), mol/m2/s.
    pub fn flux(&self, e: &ElectrodeParams, i_a: f64, sign: f64) -> f64 {
        sign * i_a / (FARADAY * e.surface_per_volume() * e.thickness_m * self.params.area_m2())
    }

    /// Terminal voltage at current `i_a`, V (the electrolyte at its initial concentration).
    pub fn voltage(&self, i_a: f64) -> f64 {
        let ce = self.params.electrolyte_concentration_mol_per_m3;
        let ((u_p, eta_p), (u_n, eta_n)) = self.electrode_potentials(i_a, ce, ce);
        (u_p + eta_p) - (u_n + eta_n)
    }

    /// Open-circuit potential and reaction overpotential of the positive and the negative
    /// electrode at current `i_a`, with electrolyte concentrations `ce_p` and `ce_n` at their
    /// reactions, V. Overpotentials are anodic: the negative's raises its potential, the
    /// positive's (cathodic on discharge) lowers it.
    pub fn electrode_potentials(&self, i_a: f64, ce_n: f64, ce_p: f64) -> ((f64, f64), (f64, f64)) {
        let t = self.params.temperature_k;
        let side = |e: &ElectrodeParams, particle: &Particle, sign: f64, ce: f64| {
            let j = self.flux(e, i_a, sign);
            let c = particle.surface();
            let x = (c / e.max_concentration_mol_per_m3).clamp(1e-9, 1.0 - 1e-9);
            let i0 = e.exchange_current_a_per_m2(ce, c, t).max(1e-30);
            let i_surface = j * FARADAY; // A/m2 out of the particle (anodic)
            let eta = 2.0 * GAS_R * t / FARADAY * libm::asinh(i_surface / (2.0 * i0));
            (e.ocp.volts(x), eta)
        };
        let p = &self.params;
        (side(&p.positive, &self.positive, -1.0, ce_p), side(&p.negative, &self.negative, 1.0, ce_n))
    }

    /// Advances `dt_s` at current `i_a` (positive on discharge).
    pub fn step(&mut self, i_a: f64, dt_s: f64) {
        let (n, p) = (self.params.negative.clone(), self.params.positive.clone());
        let jn = self.flux(&n, i_a, 1.0);
        let jp = self.flux(&p, i_a, -1.0);
        self.negative.step(jn, n.particle_radius_m, n.diffusivity_m2_per_s, dt_s);
        self.positive.step(jp, p.particle_radius_m, p.diffusivity_m2_per_s, dt_s);
        self.time_s += dt_s;
        self.discharged_ah += i_a * dt_s / 3600.0;
    }

    /// Lithium in the negative and positive particles of the whole cell, mol.
    pub fn lithium_mol(&self) -> (f64, f64) {
        let amount = |e: &ElectrodeParams, particle: &Particle| {
            particle.mean_concentration() * e.active_frac * e.thickness_m * self.params.area_m2()
        };
        (amount(&self.params.negative, &self.negative), amount(&self.params.positive, &self.positive))
    }

    /// Discharges at constant current `i_a` until the voltage reaches `cutoff_v` (see
    /// [`super::discharge_until`]).
    pub fn discharge_until(&mut self, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<Sample> {
        super::discharge_until(self, i_a, cutoff_v, dt_s, max_s)
    }
}

impl super::CellModel for SpmCell {
    fn step(&mut self, i_a: f64, dt_s: f64) {
        SpmCell::step(self, i_a, dt_s)
    }
    fn voltage(&self, i_a: f64) -> f64 {
        SpmCell::voltage(self, i_a)
    }
    fn time_s(&self) -> f64 {
        self.time_s
    }
}

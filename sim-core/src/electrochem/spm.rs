//! The single-particle model, stepped in time (see the module above for its equations).

use std::sync::Arc;

use super::{CellParams, ElectrodeParams, FARADAY, GAS_R, LITHIUM_MOL_PER_M3, Negative};

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
        let inv_dt = 1.0 / dt_s;
        let d_per_dr = d / dr;
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
            let inner = d_per_dr * r0 * r0;
            let outer = if k + 1 < n { d_per_dr * r1 * r1 } else { 0.0 };
            diag[k] = vol * inv_dt + inner + outer;
            if k > 0 {
                lower[k] = -inner;
            }
            if k + 1 < n {
                upper[k] = -outer;
            }
            rhs[k] = vol * inv_dt * self.c[k];
        }
        rhs[n - 1] -= j * radius_m * radius_m;
        super::solve_tridiagonal(&lower, &mut diag, &upper, &mut rhs, &mut self.c);
    }
}

/// The negative electrode's state: particles, or the lithium left in a foil.
#[derive(Clone, Debug, PartialEq)]
pub enum NegativeState {
    Particles(Particle),
    /// Lithium in the foil, mol.
    Foil(f64),
}

/// A cell's state in the SPM.
#[derive(Clone, Debug, PartialEq)]
pub struct SpmCell {
    pub params: Arc<CellParams>,
    pub negative: NegativeState,
    pub positive: Particle,
    pub time_s: f64,
    /// Charge passed, positive on discharge, A h.
    pub discharged_ah: f64,
    pub temperature_k: f64,
}

impl SpmCell {
    /// A cell at its parameter set's initial concentrations and temperature.
    pub fn new(params: impl Into<Arc<CellParams>>) -> Self {
        let params = params.into();
        let negative = match &params.negative {
            Negative::Porous(e) => NegativeState::Particles(Particle::uniform(e.initial_concentration_mol_per_m3)),
            Negative::LithiumMetal(li) => NegativeState::Foil(li.thickness_m * params.area_m2() * LITHIUM_MOL_PER_M3),
        };
        let positive = Particle::uniform(params.positive.initial_concentration_mol_per_m3);
        let temperature_k = params.temperature_k;
        Self { params, negative, positive, time_s: 0.0, discharged_ah: 0.0, temperature_k }
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
        (u_p + eta_p) - (u_n + eta_n) - i_a * self.params.interface_asr_ohm_m2 / self.params.area_m2()
    }

    /// Open-circuit voltage of the particles' surfaces, V.
    pub fn open_circuit_v(&self) -> f64 {
        let ((u_p, _), (u_n, _)) = self.electrode_potentials(0.0, 1.0, 1.0);
        u_p - u_n
    }

    /// Open-circuit potential and reaction overpotential of the positive and the negative
    /// electrode at current `i_a`, with electrolyte concentrations `ce_n` and `ce_p` at their
    /// reactions, V. Overpotentials are anodic: the negative's raises its potential, the
    /// positive's (cathodic on discharge) lowers it. A foil with no lithium left cannot
    /// discharge: its potential then rises to 5 V, which ends any discharge.
    pub fn electrode_potentials(&self, i_a: f64, ce_n: f64, ce_p: f64) -> ((f64, f64), (f64, f64)) {
        let t = self.temperature_k;
        let rt_f = GAS_R * t / FARADAY;
        let side = |e: &ElectrodeParams, particle: &Particle, sign: f64, ce: f64| {
            let j = self.flux(e, i_a, sign);
            let c = particle.surface();
            let x = (c / e.max_concentration_mol_per_m3).clamp(1e-9, 1.0 - 1e-9);
            let i0 = e.exchange_current_a_per_m2(ce, c, t).max(1e-30);
            let i_surface = j * FARADAY; // A/m2 out of the particle (anodic)
            (e.ocp.volts(x), 2.0 * rt_f * libm::asinh(i_surface / (2.0 * i0)))
        };
        let p = &self.params;
        let negative = match (&p.negative, &self.negative) {
            (Negative::Porous(e), NegativeState::Particles(particle)) => side(e, particle, 1.0, ce_n),
            (Negative::LithiumMetal(li), NegativeState::Foil(mol)) => {
                let i0 = li.exchange_current_at(t).max(1e-30);
                let eta = 2.0 * rt_f * libm::asinh(i_a / p.area_m2() / (2.0 * i0));
                (if *mol > 0.0 || i_a <= 0.0 { 0.0 } else { 5.0 }, eta)
            }
            _ => (0.0, 0.0),
        };
        (side(&p.positive, &self.positive, -1.0, ce_p), negative)
    }

    /// Advances `dt_s` at current `i_a` (positive on discharge).
    pub fn step(&mut self, i_a: f64, dt_s: f64) {
        let p = Arc::clone(&self.params);
        let jn = p.negative.porous().map_or(0.0, |n| self.flux(n, i_a, 1.0));
        match (&p.negative, &mut self.negative) {
            (Negative::Porous(n), NegativeState::Particles(particle)) => {
                particle.step(jn, n.particle_radius_m, n.diffusivity_m2_per_s, dt_s);
            }
            (_, NegativeState::Foil(mol)) => *mol -= i_a * dt_s / FARADAY,
            _ => {}
        }
        let jp = self.flux(&p.positive, i_a, -1.0);
        self.positive.step(jp, p.positive.particle_radius_m, p.positive.diffusivity_m2_per_s, dt_s);
        self.time_s += dt_s;
        self.discharged_ah += i_a * dt_s / 3600.0;
    }

    /// Lithium in the negative (particles or foil) and the positive particles, mol.
    pub fn lithium_mol(&self) -> (f64, f64) {
        let amount = |e: &ElectrodeParams, particle: &Particle| {
            particle.mean_concentration() * e.active_frac * e.thickness_m * self.params.area_m2()
        };
        let negative = match (&self.params.negative, &self.negative) {
            (Negative::Porous(e), NegativeState::Particles(particle)) => amount(e, particle),
            (_, NegativeState::Foil(mol)) => *mol,
            _ => 0.0,
        };
        (negative, amount(&self.params.positive, &self.positive))
    }

    /// Discharges at constant current `i_a` until the voltage reaches `cutoff_v` (see
    /// [`super::discharge_until`]).
    pub fn discharge_until(&mut self, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<super::Sample> {
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
    fn open_circuit_v(&self) -> f64 {
        SpmCell::open_circuit_v(self)
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
        self.temperature_k = t_k;
    }
    fn voltage_limits(&self) -> (f64, f64) {
        (self.params.lower_cutoff_v, self.params.upper_cutoff_v)
    }
    fn nominal_capacity_ah(&self) -> f64 {
        self.params.nominal_capacity_ah
    }
    fn thermal(&self) -> &super::Thermal {
        &self.params.thermal
    }
}

//! The single-particle model with electrolyte (SPMe; Marquis et al. 2019): the SPM's
//! particles (or lithium foil), plus lithium-ion transport through the electrolyte across
//! the cell and the potential it costs.
//!
//! - Electrolyte concentration across negative electrode, separator and positive electrode:
//!   `eps dc_e/dt = d/dx(D_e(c_e) eps^b dc_e/dx) + (1 - t+) a j`, the reaction spread evenly
//!   through each electrode as in the SPM (`+ (1 - t+) I / (F A L_n)` in the negative on
//!   discharge, the opposite in the positive), no flux at the current collectors; a
//!   lithium-metal foil releases its ions at the separator's face instead;
//! - the electrolyte's potential from the current it carries (rising through the negative,
//!   all of it in the separator, falling through the positive) and its concentration:
//!   `dphi_e/dx = -i_e / kappa_eff(c_e) + 2 (1 - t+) RT/F d ln c_e / dx`, averaged over each
//!   electrode (taken at the face for a foil);
//! - the solid phase's ohmic drop, `I/A (L_n / 3 sigma_n + L_p / 3 sigma_p)`, and the
//!   interface's, `I ASR / A`;
//! - the exchange currents at each electrode's mean electrolyte concentration.
//!
//! `V = U_p - U_n + eta_p - eta_n + (phi_e,p - phi_e,n) - dphi_s`. Finite volumes across the
//! cell, implicit Euler with the diffusivity of the step's start (one tridiagonal solve).
//! Fixed-size arrays and a shared parameter set keep a step free of allocation.

use std::sync::Arc;

use super::spm::SpmCell;
use super::{CellParams, FARADAY, GAS_R};

/// Finite-volume cells across the negative electrode, the separator and the positive one
/// (none in the negative for a lithium foil).
const CELLS: [usize; 3] = [10, 6, 10];
const MAX_CELLS: usize = CELLS[0] + CELLS[1] + CELLS[2];

/// The finite volumes: width, Bruggeman factor `eps^b`, porosity and region (0 negative,
/// 1 separator, 2 positive) of each.
#[derive(Clone, Debug, PartialEq)]
struct Grid {
    n: usize,
    dx: [f64; MAX_CELLS],
    eps: [f64; MAX_CELLS],
    brug: [f64; MAX_CELLS],
    region: [usize; MAX_CELLS],
}

/// `ln(a / b)` for positive concentrations: by the series `2 (z + z^3/3 + ... + z^9/9)`,
/// `z = (a - b)/(a + b)`, when neighbours differ by less than a fifth (error below 1e-9),
/// else by the logarithm itself.
fn ln_ratio(a: f64, b: f64) -> f64 {
    let (a, b) = (a.max(1e-9), b.max(1e-9));
    let z = (a - b) / (a + b);
    if z.abs() < 0.1 {
        let z2 = z * z;
        2.0 * z * (1.0 + z2 * (1.0 / 3.0 + z2 * (1.0 / 5.0 + z2 * (1.0 / 7.0 + z2 / 9.0))))
    } else {
        libm::log(a / b)
    }
}

/// A cell's state in the SPMe.
#[derive(Clone, Debug, PartialEq)]
pub struct SpmeCell {
    pub spm: SpmCell,
    /// Electrolyte concentration in each finite volume, negative side to positive, mol/m3
    /// (the first [`Self::volumes`] entries are used).
    ce: [f64; MAX_CELLS],
    grid: Arc<Grid>,
}

impl SpmeCell {
    pub fn new(params: impl Into<Arc<CellParams>>) -> Self {
        let params: Arc<CellParams> = params.into();
        let lengths = [params.negative.porous_thickness_m(), params.separator_thickness_m, params.positive.thickness_m];
        let porosity =
            [params.negative.porous().map_or(1.0, |e| e.porosity), params.separator_porosity, params.positive.porosity];
        let mut grid =
            Grid { n: 0, dx: [0.0; MAX_CELLS], eps: [0.0; MAX_CELLS], brug: [0.0; MAX_CELLS], region: [0; MAX_CELLS] };
        for region in 0..3 {
            let count = if lengths[region] > 0.0 { CELLS[region] } else { 0 };
            for _ in 0..count {
                let k = grid.n;
                grid.dx[k] = lengths[region] / count as f64;
                grid.eps[k] = porosity[region];
                grid.brug[k] = libm::pow(porosity[region], params.bruggeman);
                grid.region[k] = region;
                grid.n += 1;
            }
        }
        let ce = [params.electrolyte_concentration_mol_per_m3; MAX_CELLS];
        Self { spm: SpmCell::new(params), ce, grid: Arc::new(grid) }
    }

    fn params(&self) -> &CellParams {
        &self.spm.params
    }

    /// Electrolyte concentration in each finite volume, mol/m3.
    pub fn concentrations(&self) -> &[f64] {
        &self.ce[..self.grid.n]
    }

    /// Mean over region `region` of `values` (one per volume); the first volume's value if
    /// the region has none (a foil's face).
    fn region_mean(&self, values: &[f64], region: usize) -> f64 {
        let (mut sum, mut width) = (0.0, 0.0);
        let g = &self.grid;
        for ((v, dx), r) in values.iter().zip(&g.dx).zip(&g.region).take(g.n) {
            if *r == region {
                sum += v * dx;
                width += dx;
            }
        }
        if width > 0.0 { sum / width } else { values[0] }
    }

    /// Terminal voltage at current `i_a`, V.
    pub fn voltage(&self, i_a: f64) -> f64 {
        let p = self.params();
        let g = &self.grid;
        let t = self.spm.temperature_k;
        let ce = self.concentrations();
        let ((u_p, eta_p), (u_n, eta_n)) =
            self.spm.electrode_potentials(i_a, self.region_mean(ce, 0), self.region_mean(ce, 2));
        let current_density = i_a / p.area_m2();
        let (l_n, l_s, l_p) = (p.negative.porous_thickness_m(), p.separator_thickness_m, p.positive.thickness_m);
        let mut kappa = [0.0; MAX_CELLS];
        for ((kappa, c), brug) in kappa.iter_mut().zip(ce).zip(&g.brug) {
            *kappa = (p.electrolyte.conductivity_s_per_m(*c, t) * brug).max(1e-12);
        }
        let diffusion_factor = 2.0 * (1.0 - p.transference_number) * GAS_R * t / FARADAY;
        // The electrolyte's potential at each volume's centre, from the first.
        let mut phi = [0.0; MAX_CELLS];
        let mut face = 0.0;
        for k in 0..g.n.saturating_sub(1) {
            face += g.dx[k];
            let share = if face <= l_n {
                face / l_n
            } else if face <= l_n + l_s {
                1.0
            } else {
                ((l_n + l_s + l_p - face) / l_p).max(0.0)
            };
            let ohmic = -current_density * share * (g.dx[k] / 2.0 / kappa[k] + g.dx[k + 1] / 2.0 / kappa[k + 1]);
            let diffusion = if diffusion_factor == 0.0 { 0.0 } else { diffusion_factor * ln_ratio(ce[k + 1], ce[k]) };
            phi[k + 1] = phi[k] + ohmic + diffusion;
        }
        // A foil reacts at the separator's face, half a volume before the first centre.
        let phi_negative = if l_n > 0.0 {
            self.region_mean(&phi[..g.n], 0)
        } else {
            phi[0] + current_density * g.dx[0] / 2.0 / kappa[0]
        };
        let electrolyte = self.region_mean(&phi[..g.n], 2) - phi_negative;
        let solid_ohm_m2 =
            p.negative.porous().map_or(0.0, |e| e.thickness_m / (3.0 * e.conductivity_s_per_m.max(1e-12)))
                + l_p / (3.0 * p.positive.conductivity_s_per_m.max(1e-12))
                + p.interface_asr_ohm_m2;
        (u_p + eta_p) - (u_n + eta_n) + electrolyte - current_density * solid_ohm_m2
    }

    /// Advances `dt_s` at current `i_a` (positive on discharge).
    pub fn step(&mut self, i_a: f64, dt_s: f64) {
        let p = Arc::clone(&self.spm.params);
        let g = &self.grid;
        let n = g.n;
        let released = (1.0 - p.transference_number) * i_a / (FARADAY * p.area_m2());
        let l_n = p.negative.porous_thickness_m();
        let source = [if l_n > 0.0 { released / l_n } else { 0.0 }, 0.0, -released / p.positive.thickness_m];
        let mut d_eff = [0.0; MAX_CELLS];
        for ((d, c), brug) in d_eff.iter_mut().zip(&self.ce).zip(&g.brug).take(n) {
            *d = (p.electrolyte.diffusivity_m2_per_s(*c) * brug).max(1e-30);
        }
        let mut lower = [0.0; MAX_CELLS];
        let mut diag = [0.0; MAX_CELLS];
        let mut upper = [0.0; MAX_CELLS];
        let mut rhs = [0.0; MAX_CELLS];
        let mut left = 0.0;
        for k in 0..n {
            // Conductance of the face to the next volume (series halves).
            let right =
                if k + 1 < n { 1.0 / (g.dx[k] / 2.0 / d_eff[k] + g.dx[k + 1] / 2.0 / d_eff[k + 1]) } else { 0.0 };
            let store = g.eps[k] * g.dx[k] / dt_s;
            diag[k] = store + left + right;
            lower[k] = -left;
            upper[k] = -right;
            rhs[k] = store * self.ce[k] + source[g.region[k]] * g.dx[k];
            left = right;
        }
        if l_n <= 0.0 {
            rhs[0] += released;
        }
        let mut ce = self.ce;
        super::solve_tridiagonal(&lower[..n], &mut diag[..n], &upper[..n], &mut rhs[..n], &mut ce[..n]);
        self.ce = ce;
        self.spm.step(i_a, dt_s);
    }

    /// Discharges at constant current `i_a` until the voltage reaches `cutoff_v` (see
    /// [`super::discharge_until`]).
    pub fn discharge_until(&mut self, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<super::Sample> {
        super::discharge_until(self, i_a, cutoff_v, dt_s, max_s)
    }

    /// Lithium ions in the electrolyte, mol.
    pub fn electrolyte_mol(&self) -> f64 {
        let area = self.params().area_m2();
        (0..self.grid.n).map(|k| self.ce[k] * self.grid.eps[k] * self.grid.dx[k] * area).sum()
    }
}

impl super::CellModel for SpmeCell {
    fn step(&mut self, i_a: f64, dt_s: f64) {
        SpmeCell::step(self, i_a, dt_s)
    }
    fn voltage(&self, i_a: f64) -> f64 {
        SpmeCell::voltage(self, i_a)
    }
    fn open_circuit_v(&self) -> f64 {
        self.spm.open_circuit_v()
    }
    fn time_s(&self) -> f64 {
        self.spm.time_s
    }
    fn discharged_ah(&self) -> f64 {
        self.spm.discharged_ah
    }
    fn temperature_k(&self) -> f64 {
        self.spm.temperature_k
    }
    fn set_temperature_k(&mut self, t_k: f64) {
        self.spm.temperature_k = t_k;
    }
    fn voltage_limits(&self) -> (f64, f64) {
        (self.params().lower_cutoff_v, self.params().upper_cutoff_v)
    }
    fn nominal_capacity_ah(&self) -> f64 {
        self.params().nominal_capacity_ah
    }
    fn thermal(&self) -> &super::Thermal {
        &self.params().thermal
    }
}

//! The single-particle model with electrolyte (SPMe; Marquis et al. 2019): the SPM's two
//! particles, plus lithium-ion transport through the electrolyte across the cell and the
//! potential it costs.
//!
//! - Electrolyte concentration across negative electrode, separator and positive electrode:
//!   `eps dc_e/dt = d/dx(D_e(c_e) eps^b dc_e/dx) + (1 - t+) a j`, the reaction spread evenly
//!   through each electrode as in the SPM (`+ (1 - t+) I / (F A L_n)` in the negative on
//!   discharge, the opposite in the positive), no flux at the current collectors;
//! - the electrolyte's potential from the current it carries (rising through the negative,
//!   all of it in the separator, falling through the positive) and its concentration:
//!   `dphi_e/dx = -i_e / kappa_eff(c_e) + 2 (1 - t+) RT/F d ln c_e / dx`, averaged over each
//!   electrode;
//! - the solid phase's ohmic drop, `I/A (L_n / 3 sigma_n + L_p / 3 sigma_p)`;
//! - the exchange currents at each electrode's mean electrolyte concentration.
//!
//! `V = U_p - U_n + eta_p - eta_n + (phi_e,p - phi_e,n) - dphi_s`. Finite volumes across the
//! cell, implicit Euler with the diffusivity of the step's start (one tridiagonal solve).

use super::spm::{Sample, SpmCell};
use super::{CellParams, FARADAY, GAS_R};

/// Finite-volume cells across the negative electrode, the separator and the positive one.
const CELLS: [usize; 3] = [10, 6, 10];

/// A cell's state in the SPMe.
#[derive(Clone, Debug, PartialEq)]
pub struct SpmeCell {
    pub spm: SpmCell,
    /// Electrolyte concentration in each finite volume, negative collector to positive, mol/m3.
    pub ce: Vec<f64>,
    /// Width, porosity and region (0 negative, 1 separator, 2 positive) of each volume.
    cells: Vec<(f64, f64, usize)>,
}

impl SpmeCell {
    pub fn new(params: CellParams) -> Self {
        let lengths = [params.negative.thickness_m, params.separator_thickness_m, params.positive.thickness_m];
        let porosity = [params.negative.porosity, params.separator_porosity, params.positive.porosity];
        let mut cells = Vec::new();
        for region in 0..3 {
            for _ in 0..CELLS[region] {
                cells.push((lengths[region] / CELLS[region] as f64, porosity[region], region));
            }
        }
        let ce = vec![params.electrolyte_concentration_mol_per_m3; cells.len()];
        Self { spm: SpmCell::new(params), ce, cells }
    }

    fn params(&self) -> &CellParams {
        &self.spm.params
    }

    /// Mean electrolyte concentration over region `region`, mol/m3.
    fn mean_ce(&self, region: usize) -> f64 {
        let (mut sum, mut width) = (0.0, 0.0);
        for (c, (dx, _, r)) in self.ce.iter().zip(&self.cells) {
            if *r == region {
                sum += c * dx;
                width += dx;
            }
        }
        sum / width.max(1e-30)
    }

    /// Terminal voltage at current `i_a`, V.
    pub fn voltage(&self, i_a: f64) -> f64 {
        let p = self.params();
        let t = p.temperature_k;
        let ((u_p, eta_p), (u_n, eta_n)) = self.spm.electrode_potentials(i_a, self.mean_ce(0), self.mean_ce(2));
        let current_density = i_a / p.area_m2();
        let (l_n, l_s, l_p) = (p.negative.thickness_m, p.separator_thickness_m, p.positive.thickness_m);
        // The electrolyte's potential at each volume's centre, from the first.
        let mut phi = vec![0.0; self.ce.len()];
        let mut x = self.cells[0].0 / 2.0;
        for k in 0..self.ce.len() - 1 {
            let (dx0, eps0, _) = self.cells[k];
            let (dx1, eps1, _) = self.cells[k + 1];
            let face = x + dx0 / 2.0;
            let share = if face <= l_n {
                face / l_n
            } else if face <= l_n + l_s {
                1.0
            } else {
                ((l_n + l_s + l_p - face) / l_p).max(0.0)
            };
            let kappa = |c: f64, eps: f64| p.electrolyte.conductivity_s_per_m(c) * libm::pow(eps, p.bruggeman);
            let h0 = dx0 / 2.0 / kappa(self.ce[k], eps0).max(1e-12);
            let h1 = dx1 / 2.0 / kappa(self.ce[k + 1], eps1).max(1e-12);
            let ohmic = -current_density * share * (h0 + h1);
            let diffusion = 2.0 * (1.0 - p.transference_number) * GAS_R * t / FARADAY
                * (libm::log(self.ce[k + 1].max(1e-9)) - libm::log(self.ce[k].max(1e-9)));
            phi[k + 1] = phi[k] + ohmic + diffusion;
            x += (dx0 + dx1) / 2.0;
        }
        let mean_phi = |region: usize| {
            let (mut sum, mut width) = (0.0, 0.0);
            for (v, (dx, _, r)) in phi.iter().zip(&self.cells) {
                if *r == region {
                    sum += v * dx;
                    width += dx;
                }
            }
            sum / width.max(1e-30)
        };
        let electrolyte = mean_phi(2) - mean_phi(0);
        let solid = current_density
            * (l_n / (3.0 * p.negative.conductivity_s_per_m.max(1e-12))
                + l_p / (3.0 * p.positive.conductivity_s_per_m.max(1e-12)));
        (u_p + eta_p) - (u_n + eta_n) + electrolyte - solid
    }

    /// Advances `dt_s` at current `i_a` (positive on discharge).
    pub fn step(&mut self, i_a: f64, dt_s: f64) {
        let p = self.spm.params.clone();
        let n = self.ce.len();
        let source = [
            (1.0 - p.transference_number) * i_a / (FARADAY * p.area_m2() * p.negative.thickness_m),
            0.0,
            -(1.0 - p.transference_number) * i_a / (FARADAY * p.area_m2() * p.positive.thickness_m),
        ];
        let d_eff = |c: f64, eps: f64| p.electrolyte.diffusivity_m2_per_s(c) * libm::pow(eps, p.bruggeman);
        // Conductance of each face between volumes k and k+1 (series halves).
        let face: Vec<f64> = (0..n - 1)
            .map(|k| {
                let (dx0, eps0, _) = self.cells[k];
                let (dx1, eps1, _) = self.cells[k + 1];
                1.0 / (dx0 / 2.0 / d_eff(self.ce[k], eps0).max(1e-30)
                    + dx1 / 2.0 / d_eff(self.ce[k + 1], eps1).max(1e-30))
            })
            .collect();
        let mut lower = vec![0.0; n];
        let mut diag = vec![0.0; n];
        let mut upper = vec![0.0; n];
        let mut rhs = vec![0.0; n];
        for k in 0..n {
            let (dx, eps, region) = self.cells[k];
            let store = eps * dx / dt_s;
            let left = if k > 0 { face[k - 1] } else { 0.0 };
            let right = if k + 1 < n { face[k] } else { 0.0 };
            diag[k] = store + left + right;
            lower[k] = -left;
            upper[k] = -right;
            rhs[k] = store * self.ce[k] + source[region] * dx;
        }
        for k in 1..n {
            let w = lower[k] / diag[k - 1];
            diag[k] -= w * upper[k - 1];
            rhs[k] -= w * rhs[k - 1];
        }
        self.ce[n - 1] = rhs[n - 1] / diag[n - 1];
        for k in (0..n - 1).rev() {
            self.ce[k] = (rhs[k] - upper[k] * self.ce[k + 1]) / diag[k];
        }
        self.spm.step(i_a, dt_s);
    }

    /// Discharges at constant current `i_a` until the voltage reaches `cutoff_v` (see
    /// [`super::discharge_until`]).
    pub fn discharge_until(&mut self, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<Sample> {
        super::discharge_until(self, i_a, cutoff_v, dt_s, max_s)
    }

    /// Lithium ions in the electrolyte, mol.
    pub fn electrolyte_mol(&self) -> f64 {
        let area = self.params().area_m2();
        self.ce.iter().zip(&self.cells).map(|(c, (dx, eps, _))| c * eps * dx * area).sum()
    }
}

impl super::CellModel for SpmeCell {
    fn step(&mut self, i_a: f64, dt_s: f64) {
        SpmeCell::step(self, i_a, dt_s)
    }
    fn voltage(&self, i_a: f64) -> f64 {
        SpmeCell::voltage(self, i_a)
    }
    fn time_s(&self) -> f64 {
        self.spm.time_s
    }
}

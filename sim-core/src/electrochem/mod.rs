//! Cell electrochemistry: parameter sets (`assets/cells/*.ron`) and the single-particle
//! models that discharge and charge a cell from them: the SPM (`spm.rs`) and the SPMe with
//! electrolyte transport (`spme.rs`).
//!
//! The SPM (Marquis et al. 2019; the SPM of the reference section 10): each electrode is one
//! spherical particle of radius `R` whose lithium diffuses by Fick's law,
//! `dc/dt = D/r^2 d/dr(r^2 dc/dr)`, with the surface flux set by the cell current,
//! `-D dc/dr|_R = j = +- I / (F a L A)` (`a = 3 eps_s / R` the particle surface per volume,
//! `L` the electrode thickness, `A` the electrode area). The voltage is the difference of the
//! open-circuit potentials at the surface concentrations less the Butler-Volmer
//! overpotentials (symmetric, `eta = 2RT/F asinh(i / (2 i0))`, `i0 = m c_e^0.5 c^0.5
//! (c_max - c)^0.5`). No electrolyte transport and no ohmic drop: those are the SPMe's.
//!
//! Numerics: each particle in `SHELLS` finite-volume shells of equal thickness, implicit
//! Euler in time (one tridiagonal solve per particle per step), so lithium is conserved to
//! rounding and the solve is deterministic.

pub mod spm;
pub mod spme;

use serde::{Deserialize, Serialize};

use crate::input::{FieldPath, InputError, Issues};

/// What a constant-current run needs of a cell model (the SPM, the SPMe).
pub trait CellModel: Clone {
    /// Advances `dt_s` at current `i_a` (positive on discharge).
    fn step(&mut self, i_a: f64, dt_s: f64);
    /// Terminal voltage at current `i_a`, V.
    fn voltage(&self, i_a: f64) -> f64;
    /// Time since the start, s.
    fn time_s(&self) -> f64;
}

/// Runs `cell` at constant current `i_a` until the voltage reaches `cutoff_v` (or `max_s`
/// passes), in steps of at most `dt_s`; returns the samples. The last step is bisected
/// (30 halvings, deterministic) so the run ends on the cut-off.
pub fn discharge_until<M: CellModel>(cell: &mut M, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<spm::Sample> {
    let sample = |c: &M| spm::Sample { time_s: c.time_s(), current_a: i_a, voltage_v: c.voltage(i_a) };
    let mut samples = vec![sample(cell)];
    let end = cell.time_s() + max_s;
    while cell.time_s() < end {
        let before = cell.clone();
        cell.step(i_a, dt_s);
        let v = cell.voltage(i_a);
        if v <= cutoff_v {
            let (mut lo, mut hi) = (0.0, dt_s);
            for _ in 0..30 {
                let mid = 0.5 * (lo + hi);
                let mut trial = before.clone();
                trial.step(i_a, mid);
                if trial.voltage(i_a) > cutoff_v { lo = mid } else { hi = mid }
            }
            *cell = before;
            cell.step(i_a, hi);
            samples.push(sample(cell));
            break;
        }
        samples.push(spm::Sample { time_s: cell.time_s(), current_a: i_a, voltage_v: v });
    }
    samples
}

/// Faraday constant, C/mol.
pub const FARADAY: f64 = 96_485.332_12;
/// Gas constant, J/(mol K).
pub const GAS_R: f64 = 8.314_462_618;

/// A cell's parameters (one parameter set file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellParams {
    pub name: String,
    pub electrode_height_m: f64,
    pub electrode_width_m: f64,
    pub separator_thickness_m: f64,
    /// Electrolyte volume fraction of the separator.
    #[serde(default = "half")]
    pub separator_porosity: f64,
    /// Bruggeman exponent of the electrolyte's transport (`kappa_eff = kappa eps^b`).
    #[serde(default = "bruggeman")]
    pub bruggeman: f64,
    /// Cation transference number `t+`.
    #[serde(default = "transference")]
    pub transference_number: f64,
    /// The electrolyte's conductivity and diffusivity as functions of concentration.
    #[serde(default)]
    pub electrolyte: Electrolyte,
    pub electrolyte_concentration_mol_per_m3: f64,
    pub temperature_k: f64,
    pub lower_cutoff_v: f64,
    pub upper_cutoff_v: f64,
    pub nominal_capacity_ah: f64,
    pub negative: ElectrodeParams,
    pub positive: ElectrodeParams,
}

/// One electrode of the cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectrodeParams {
    pub thickness_m: f64,
    /// Active material volume fraction `eps_s`.
    pub active_frac: f64,
    /// Electrolyte volume fraction `eps`.
    #[serde(default = "half")]
    pub porosity: f64,
    /// Electronic conductivity of the electrode, S/m.
    #[serde(default = "solid_conductivity")]
    pub conductivity_s_per_m: f64,
    pub particle_radius_m: f64,
    pub diffusivity_m2_per_s: f64,
    pub max_concentration_mol_per_m3: f64,
    pub initial_concentration_mol_per_m3: f64,
    /// Prefactor `m` of the exchange-current density, (A/m2)(m3/mol)^1.5.
    pub exchange_current_ref: f64,
    pub exchange_activation_j_per_mol: f64,
    pub ocp: Ocp,
}

fn half() -> f64 {
    0.5
}

fn bruggeman() -> f64 {
    1.5
}

fn transference() -> f64 {
    0.26
}

fn solid_conductivity() -> f64 {
    100.0
}

/// A liquid electrolyte's transport properties.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Electrolyte {
    /// LiPF6 in EC:EMC (Nyman et al. 2008), as in Chen2020.
    #[default]
    Nyman2008,
}

impl Electrolyte {
    /// Conductivity at concentration `c` (mol/m3), S/m.
    pub fn conductivity_s_per_m(&self, c: f64) -> f64 {
        let x = c.max(0.0) / 1000.0;
        match self {
            Self::Nyman2008 => 0.1297 * x * x * x - 2.51 * libm::pow(x, 1.5) + 3.329 * x,
        }
    }

    /// Diffusivity at concentration `c` (mol/m3), m2/s.
    pub fn diffusivity_m2_per_s(&self, c: f64) -> f64 {
        let x = c.max(0.0) / 1000.0;
        match self {
            Self::Nyman2008 => 8.794e-11 * x * x - 3.972e-10 * x + 4.862e-10,
        }
    }
}

/// An electrode's open-circuit potential as a function of stoichiometry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ocp {
    /// Graphite-SiOx of the LG M50 (Chen et al. 2020, their fit).
    GraphiteChen2020,
    /// NMC811 of the LG M50 (Chen et al. 2020, their fit).
    NmcChen2020,
    /// A table of (stoichiometry, volts), increasing in stoichiometry, interpolated linearly.
    Table(Vec<(f64, f64)>),
}

impl Ocp {
    /// Open-circuit potential at stoichiometry `x` (0..1), V.
    pub fn volts(&self, x: f64) -> f64 {
        let th = libm::tanh;
        match self {
            Self::GraphiteChen2020 => {
                1.9793 * libm::exp(-39.3631 * x) + 0.2482
                    - 0.0909 * th(29.8538 * (x - 0.1234))
                    - 0.04478 * th(14.9159 * (x - 0.2769))
                    - 0.0205 * th(30.4444 * (x - 0.6103))
            }
            Self::NmcChen2020 => {
                -0.8090 * x + 4.4875 - 0.0428 * th(18.5138 * (x - 0.5542)) - 17.7326 * th(15.7890 * (x - 0.3117))
                    + 17.5842 * th(15.9308 * (x - 0.3120))
            }
            Self::Table(points) => {
                let Some(&(x0, v0)) = points.first() else { return 0.0 };
                if x <= x0 {
                    return v0;
                }
                for w in points.windows(2) {
                    let ((xa, va), (xb, vb)) = (w[0], w[1]);
                    if x <= xb {
                        let t = if xb > xa { (x - xa) / (xb - xa) } else { 0.0 };
                        return va + t * (vb - va);
                    }
                }
                points.last().map_or(0.0, |p| p.1)
            }
        }
    }
}

impl ElectrodeParams {
    /// Particle surface per electrode volume, `a = 3 eps_s / R`, 1/m.
    pub fn surface_per_volume(&self) -> f64 {
        3.0 * self.active_frac / self.particle_radius_m.max(1e-12)
    }

    /// Exchange-current density at surface concentration `c` and temperature `t_k`, A/m2.
    pub fn exchange_current_a_per_m2(&self, c_e: f64, c: f64, t_k: f64) -> f64 {
        let arrhenius = libm::exp(self.exchange_activation_j_per_mol / GAS_R * (1.0 / 298.15 - 1.0 / t_k));
        let c = c.clamp(0.0, self.max_concentration_mol_per_m3);
        self.exchange_current_ref
            * arrhenius
            * libm::sqrt(c_e.max(0.0))
            * libm::sqrt(c)
            * libm::sqrt(self.max_concentration_mol_per_m3 - c)
    }

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        let check = |issues: &mut Issues, field: &str, v: f64, min: f64, max: f64| {
            if !(v.is_finite() && v >= min && v <= max) {
                issues.push(path.clone().field(field), format!("{field} must be between {min} and {max}, got {v}"));
            }
        };
        check(issues, "thickness_m", self.thickness_m, 1e-7, 1e-2);
        check(issues, "active_frac", self.active_frac, 0.01, 1.0);
        check(issues, "particle_radius_m", self.particle_radius_m, 1e-9, 1e-3);
        check(issues, "diffusivity_m2_per_s", self.diffusivity_m2_per_s, 1e-22, 1e-8);
        check(issues, "max_concentration_mol_per_m3", self.max_concentration_mol_per_m3, 1.0, 1e6);
        check(
            issues,
            "initial_concentration_mol_per_m3",
            self.initial_concentration_mol_per_m3,
            0.0,
            self.max_concentration_mol_per_m3,
        );
        check(issues, "exchange_current_ref", self.exchange_current_ref, 1e-15, 1.0);
        check(issues, "exchange_activation_j_per_mol", self.exchange_activation_j_per_mol, 0.0, 1e6);
        if let Ocp::Table(points) = &self.ocp
            && (points.len() < 2
                || points.windows(2).any(|w| w[1].0.partial_cmp(&w[0].0) != Some(std::cmp::Ordering::Greater)))
        {
            issues
                .push(path.clone().field("ocp"), "an OCP table needs at least two points in increasing stoichiometry");
        }
    }
}

impl CellParams {
    /// Parses and validates a parameter set; errors name the file, line:column and field.
    pub fn from_ron(file: &str, text: &str) -> Result<Self, InputError> {
        let params: Self = crate::input::parse_ron(file, text)?;
        let mut issues = Issues::default();
        params.validate(&mut issues);
        match issues.into_error(file, text) {
            Some(err) => Err(err),
            None => Ok(params),
        }
    }

    pub fn validate(&self, issues: &mut Issues) {
        let root = FieldPath::root();
        let check = |issues: &mut Issues, field: &str, v: f64, min: f64, max: f64| {
            if !(v.is_finite() && v >= min && v <= max) {
                issues.push(root.clone().field(field), format!("{field} must be between {min} and {max}, got {v}"));
            }
        };
        check(issues, "electrode_height_m", self.electrode_height_m, 1e-4, 10.0);
        check(issues, "electrode_width_m", self.electrode_width_m, 1e-4, 100.0);
        check(issues, "separator_thickness_m", self.separator_thickness_m, 1e-7, 1e-2);
        check(issues, "electrolyte_concentration_mol_per_m3", self.electrolyte_concentration_mol_per_m3, 1.0, 1e4);
        check(issues, "temperature_k", self.temperature_k, 200.0, 400.0);
        check(issues, "lower_cutoff_v", self.lower_cutoff_v, 0.0, 10.0);
        check(issues, "upper_cutoff_v", self.upper_cutoff_v, self.lower_cutoff_v, 10.0);
        check(issues, "nominal_capacity_ah", self.nominal_capacity_ah, 1e-6, 1e4);
        self.negative.validate(&root.clone().field("negative"), issues);
        self.positive.validate(&root.clone().field("positive"), issues);
    }

    /// Electrode area, m2.
    pub fn area_m2(&self) -> f64 {
        self.electrode_height_m * self.electrode_width_m
    }
}

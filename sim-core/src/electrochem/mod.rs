//! Cell electrochemistry: parameter sets (`assets/cells/*.ron`), the models that charge and
//! discharge a cell from them, the protocols that drive them and the lumped thermal model
//! around them.
//!
//! - `spm.rs`: the single-particle model (SPM; Marquis et al. 2019; reference section 10):
//!   each porous electrode is one spherical particle of radius `R` whose lithium diffuses by
//!   Fick's law, `dc/dt = D/r^2 d/dr(r^2 dc/dr)`, with the surface flux set by the cell
//!   current, `-D dc/dr|_R = j = +- I / (F a L A)` (`a = 3 eps_s / R`, `L` the electrode
//!   thickness, `A` the electrode area). The voltage is the difference of the open-circuit
//!   potentials at the surface concentrations less the Butler-Volmer overpotentials
//!   (symmetric, `eta = 2RT/F asinh(i / (2 i0))`, `i0 = m c_e^0.5 c^0.5 (c_max - c)^0.5`). A
//!   lithium-metal negative is a foil instead: potential 0 V, Butler-Volmer over its
//!   geometric area, lithium stripped and plated at its face.
//! - `spme.rs`: the SPMe, adding electrolyte transport across the cell and its potential.
//! - `protocol.rs`: protocol steps written as text ("Discharge at 1C until 2.5 V"), with
//!   errors that point into the string.
//! - `run.rs`: runs a protocol on any [`CellModel`] with the lumped thermal model
//!   `m c_p dT/dt = I (U_ocv - V) - hA (T - T_amb)`.
//! - `ecm.rs`: the equivalent circuit (R0 + 2 RC, OCV table), fitted from a physics model,
//!   for the thousands of cells the test hall sees.
//! - `from_cell.rs`: a made cell's parameters from its passport.
//!
//! Numerics: each particle in `SHELLS` finite-volume shells of equal thickness, implicit
//! Euler in time (one tridiagonal solve per particle per step), so lithium is conserved to
//! rounding and the solve is deterministic.

pub mod ecm;
pub mod from_cell;
pub mod protocol;
pub mod run;
pub mod spm;
pub mod spme;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::input::{FieldPath, InputError, Issues};

/// What the protocol runner needs of a cell model (the SPM, the SPMe, the ECM). Currents are
/// positive on discharge.
pub trait CellModel: Clone {
    /// Advances `dt_s` at current `i_a`.
    fn step(&mut self, i_a: f64, dt_s: f64);
    /// Terminal voltage at current `i_a` in the present state, V.
    fn voltage(&self, i_a: f64) -> f64;
    /// Open-circuit voltage of the present state (no current, no polarisation left in the
    /// particles' surfaces relaxed), V: the heat balance's reference.
    fn open_circuit_v(&self) -> f64;
    /// Time since the start, s.
    fn time_s(&self) -> f64;
    /// Charge passed since the start, positive on discharge, A h.
    fn discharged_ah(&self) -> f64;
    /// The cell's temperature, K.
    fn temperature_k(&self) -> f64;
    fn set_temperature_k(&mut self, t_k: f64);
    /// Lowest and highest voltage the cell may see, V.
    fn voltage_limits(&self) -> (f64, f64);
    /// The capacity its C-rates refer to, A h.
    fn nominal_capacity_ah(&self) -> f64;
    /// Its lumped thermal parameters.
    fn thermal(&self) -> &Thermal;
}

/// One point of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sample {
    pub time_s: f64,
    /// Current, positive on discharge, A.
    pub current_a: f64,
    pub voltage_v: f64,
    pub temperature_c: f64,
    /// State of charge: 1 less the charge passed over the nominal capacity (the run starting
    /// from the parameter set's full cell).
    pub soc: f64,
}

impl Sample {
    /// The cell now, at current `i_a`.
    pub fn of<M: CellModel>(cell: &M, i_a: f64) -> Self {
        Self::with_voltage(cell, i_a, cell.voltage(i_a))
    }

    /// The cell now, at current `i_a` and the voltage `v` already worked out.
    pub fn with_voltage<M: CellModel>(cell: &M, i_a: f64, v: f64) -> Self {
        Self {
            time_s: cell.time_s(),
            current_a: i_a,
            voltage_v: v,
            temperature_c: cell.temperature_k() - 273.15,
            soc: 1.0 - cell.discharged_ah() / cell.nominal_capacity_ah().max(1e-12),
        }
    }
}

/// Runs `cell` at constant current `i_a` until the voltage reaches `cutoff_v` (or `max_s`
/// passes), in steps of at most `dt_s`, at constant temperature; returns the samples. The
/// last step is bisected (to a millisecond, deterministic) so the run ends on the cut-off.
pub fn discharge_until<M: CellModel>(cell: &mut M, i_a: f64, cutoff_v: f64, dt_s: f64, max_s: f64) -> Vec<Sample> {
    let mut samples = vec![Sample::of(cell, i_a)];
    let end = cell.time_s() + max_s;
    while cell.time_s() < end {
        let before = cell.clone();
        cell.step(i_a, dt_s);
        if cell.voltage(i_a) <= cutoff_v {
            *cell = before;
            let dt = run::time_to_limit(cell, i_a, dt_s, 1e-3, |v| v > cutoff_v);
            cell.step(i_a, dt);
            samples.push(Sample::of(cell, i_a));
            break;
        }
        samples.push(Sample::of(cell, i_a));
    }
    samples
}

/// Solves a tridiagonal system in place (Thomas algorithm): `lower[k] x[k-1] + diag[k] x[k]
/// + upper[k] x[k+1] = rhs[k]` for the first `x.len()` rows; `diag` and `rhs` are used up.
pub(crate) fn solve_tridiagonal(lower: &[f64], diag: &mut [f64], upper: &[f64], rhs: &mut [f64], x: &mut [f64]) {
    let n = x.len();
    if n == 0 {
        return;
    }
    // One division a row: the pivots' reciprocals are kept in `diag`.
    diag[0] = 1.0 / diag[0];
    for k in 1..n {
        let w = lower[k] * diag[k - 1];
        diag[k] = 1.0 / (diag[k] - w * upper[k - 1]);
        rhs[k] -= w * rhs[k - 1];
    }
    x[n - 1] = rhs[n - 1] * diag[n - 1];
    for k in (0..n - 1).rev() {
        x[k] = (rhs[k] - upper[k] * x[k + 1]) * diag[k];
    }
}

/// The parameter sets bundled with the program, by the name the CLI knows them by.
pub const BUNDLED_SETS: &[(&str, &str)] = &[
    ("chen2020", include_str!("../../../assets/cells/chen2020.ron")),
    ("solid-state-nmc811-li", from_cell::SOLID_STATE_REFERENCE),
];

/// Faraday constant, C/mol.
pub const FARADAY: f64 = 96_485.332_12;
/// Gas constant, J/(mol K).
pub const GAS_R: f64 = 8.314_462_618;
/// Lithium metal: molar volume, m3/mol (6.941 g/mol over 0.534 g/cm3).
pub const LITHIUM_MOL_PER_M3: f64 = 76_935.0;

/// A cell's parameters (one parameter set file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellParams {
    pub name: String,
    pub electrode_height_m: f64,
    pub electrode_width_m: f64,
    pub separator_thickness_m: f64,
    /// Electrolyte volume fraction of the separator (1 for a solid electrolyte layer).
    #[serde(default = "half")]
    pub separator_porosity: f64,
    /// Bruggeman exponent of the electrolyte's transport (`kappa_eff = kappa eps^b`).
    #[serde(default = "bruggeman")]
    pub bruggeman: f64,
    /// Cation transference number `t+` (1 for a single-ion conductor: no concentration
    /// gradients form).
    #[serde(default = "transference")]
    pub transference_number: f64,
    /// The electrolyte's conductivity and diffusivity as functions of concentration.
    #[serde(default)]
    pub electrolyte: Electrolyte,
    pub electrolyte_concentration_mol_per_m3: f64,
    /// Initial temperature and the ambient of the thermal model, K.
    pub temperature_k: f64,
    pub lower_cutoff_v: f64,
    pub upper_cutoff_v: f64,
    pub nominal_capacity_ah: f64,
    /// Contact and interphase resistance in series, per area, ohm m2 (a lithium-metal
    /// anode's interface to a solid electrolyte).
    #[serde(default)]
    pub interface_asr_ohm_m2: f64,
    pub thermal: Thermal,
    pub negative: Negative,
    pub positive: ElectrodeParams,
}

/// The lumped thermal model's parameters: one temperature for the whole cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thermal {
    pub mass_kg: f64,
    pub specific_heat_j_per_kg_k: f64,
    /// Heat transfer coefficient times cooled surface, W/K.
    pub cooling_w_per_k: f64,
}

/// The negative electrode: porous with particles (graphite), or a lithium-metal foil.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Negative {
    Porous(ElectrodeParams),
    LithiumMetal(LithiumMetal),
}

impl Negative {
    /// The porous electrode, if it is one.
    pub fn porous(&self) -> Option<&ElectrodeParams> {
        match self {
            Self::Porous(e) => Some(e),
            Self::LithiumMetal(_) => None,
        }
    }

    /// Thickness the electrolyte spans inside it, m (none for a foil).
    pub fn porous_thickness_m(&self) -> f64 {
        self.porous().map_or(0.0, |e| e.thickness_m)
    }
}

/// A lithium-metal foil anode: open-circuit potential 0 V against itself; lithium strips
/// and plates at the face towards the separator; Butler-Volmer kinetics over the geometric
/// area with an exchange-current density `i0` (Arrhenius in temperature).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LithiumMetal {
    pub thickness_m: f64,
    pub exchange_current_a_per_m2: f64,
    pub exchange_activation_j_per_mol: f64,
}

impl LithiumMetal {
    /// Exchange-current density at temperature `t_k`, A/m2.
    pub fn exchange_current_at(&self, t_k: f64) -> f64 {
        self.exchange_current_a_per_m2 * arrhenius(self.exchange_activation_j_per_mol, t_k)
    }
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

/// Arrhenius factor against 25 degC: `exp(E/R (1/298.15 - 1/T))`.
pub fn arrhenius(activation_j_per_mol: f64, t_k: f64) -> f64 {
    if activation_j_per_mol == 0.0 || t_k == 298.15 {
        return 1.0;
    }
    libm::exp(activation_j_per_mol / GAS_R * (1.0 / 298.15 - 1.0 / t_k.max(1.0)))
}

/// An electrolyte's transport properties.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Electrolyte {
    /// LiPF6 in EC:EMC (Nyman et al. 2008), as in Chen2020 (no temperature dependence, as
    /// that parameter set has none).
    #[default]
    Nyman2008,
    /// A solid (or gelled nanocomposite) electrolyte: conductivity at 25 degC with an
    /// Arrhenius temperature dependence, constant diffusivity.
    Solid { conductivity_s_per_m: f64, activation_j_per_mol: f64, diffusivity_m2_per_s: f64 },
}

impl Electrolyte {
    /// Conductivity at concentration `c` (mol/m3) and temperature `t_k`, S/m.
    pub fn conductivity_s_per_m(&self, c: f64, t_k: f64) -> f64 {
        match self {
            Self::Nyman2008 => {
                let x = c.max(0.0) / 1000.0;
                0.1297 * x * x * x - 2.51 * x * libm::sqrt(x) + 3.329 * x
            }
            Self::Solid { conductivity_s_per_m, activation_j_per_mol, .. } => {
                conductivity_s_per_m * arrhenius(*activation_j_per_mol, t_k)
            }
        }
    }

    /// Diffusivity at concentration `c` (mol/m3), m2/s.
    pub fn diffusivity_m2_per_s(&self, c: f64) -> f64 {
        match self {
            Self::Nyman2008 => {
                let x = c.max(0.0) / 1000.0;
                8.794e-11 * x * x - 3.972e-10 * x + 4.862e-10
            }
            Self::Solid { diffusivity_m2_per_s, .. } => *diffusivity_m2_per_s,
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
        let c = c.clamp(0.0, self.max_concentration_mol_per_m3);
        self.exchange_current_ref
            * arrhenius(self.exchange_activation_j_per_mol, t_k)
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
        check(issues, "porosity", self.porosity, 0.01, 0.99);
        if self.active_frac + self.porosity > 1.0 + 1e-9 {
            issues.push(
                path.clone().field("porosity"),
                format!(
                    "active_frac ({}) and porosity ({}) are volume fractions and add up to more than 1",
                    self.active_frac, self.porosity
                ),
            );
        }
        // From a poorly conducting cathode blend (~1e-3 S/m) to a metal foil (~6e7 S/m).
        check(issues, "conductivity_s_per_m", self.conductivity_s_per_m, 1e-4, 1e8);
        check(issues, "particle_radius_m", self.particle_radius_m, 1e-9, 1e-3);
        check(issues, "diffusivity_m2_per_s", self.diffusivity_m2_per_s, 1e-22, 1e-8);
        check(issues, "max_concentration_mol_per_m3", self.max_concentration_mol_per_m3, 1.0, 1e6);
        // Strictly inside (0, c_max): at either end the exchange current (as sqrt(c (c_max -
        // c))) vanishes and the open-circuit potential is undefined.
        check(
            issues,
            "initial_concentration_mol_per_m3",
            self.initial_concentration_mol_per_m3,
            1e-3 * self.max_concentration_mol_per_m3,
            (1.0 - 1e-3) * self.max_concentration_mol_per_m3,
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
        // A window of at least 0.1 V between the cut-offs, so that a step has room to run.
        check(issues, "upper_cutoff_v", self.upper_cutoff_v, self.lower_cutoff_v + 0.1, 10.0);
        check(issues, "nominal_capacity_ah", self.nominal_capacity_ah, 1e-6, 1e4);
        check(issues, "separator_porosity", self.separator_porosity, 0.01, 1.0);
        check(issues, "bruggeman", self.bruggeman, 0.0, 5.0);
        check(issues, "transference_number", self.transference_number, 0.0, 1.0);
        check(issues, "interface_asr_ohm_m2", self.interface_asr_ohm_m2, 0.0, 1.0);
        let thermal = root.clone().field("thermal");
        let mut check_in = |path: &FieldPath, field: &str, v: f64, min: f64, max: f64| {
            if !(v.is_finite() && v >= min && v <= max) {
                issues.push(path.clone().field(field), format!("{field} must be between {min} and {max}, got {v}"));
            }
        };
        check_in(&thermal, "mass_kg", self.thermal.mass_kg, 1e-4, 1e4);
        check_in(&thermal, "specific_heat_j_per_kg_k", self.thermal.specific_heat_j_per_kg_k, 100.0, 1e4);
        check_in(&thermal, "cooling_w_per_k", self.thermal.cooling_w_per_k, 0.0, 1e5);
        if let Electrolyte::Solid { conductivity_s_per_m, activation_j_per_mol, diffusivity_m2_per_s } =
            &self.electrolyte
        {
            let path = root.clone().field("electrolyte");
            check_in(&path, "conductivity_s_per_m", *conductivity_s_per_m, 1e-8, 100.0);
            check_in(&path, "activation_j_per_mol", *activation_j_per_mol, 0.0, 2e5);
            check_in(&path, "diffusivity_m2_per_s", *diffusivity_m2_per_s, 1e-16, 1e-6);
        }
        match &self.negative {
            Negative::Porous(e) => e.validate(&root.clone().field("negative"), issues),
            Negative::LithiumMetal(li) => {
                let path = root.clone().field("negative");
                check_in(&path, "thickness_m", li.thickness_m, 1e-7, 1e-2);
                check_in(&path, "exchange_current_a_per_m2", li.exchange_current_a_per_m2, 1e-6, 1e5);
                check_in(&path, "exchange_activation_j_per_mol", li.exchange_activation_j_per_mol, 0.0, 2e5);
            }
        }
        self.positive.validate(&root.clone().field("positive"), issues);
    }

    /// Electrode area, m2.
    pub fn area_m2(&self) -> f64 {
        self.electrode_height_m * self.electrode_width_m
    }

    /// Shared, for the models' cheap copies.
    pub fn shared(self) -> Arc<Self> {
        Arc::new(self)
    }
}

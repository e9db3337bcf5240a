//! What the labs work on: a sample (a garnet pellet, a cathode coupon, a sulfide pellet) with
//! its true phases, surface and films, and its history.
//!
//! Relations (reference sections 6, 7 and 11; [D] forms and constants, tunable in the
//! stations' `model`s):
//! - the surface layer (LiOH, then Li2CO3) a garnet grows in moist gas grows parabolically
//!   with the water it has seen, `t = k sqrt(exposure)` (exposure in ppm h of water): an hour in
//!   room air (about 13 000 ppm h) leaves a few tens of nm, an hour in a healthy box a fraction
//!   of a nm;
//! - a layer adds its resistance in series, `ASR = t / sigma` (Li2CO3 about 1e-8 S/cm);
//! - a sulfide releases H2S in proportion to the water it has seen (Yersak et al. 2022:
//!   30 min at a -40 degC dew point, about 64 ppm h, released 0.1 cm3/g);
//! - X-rays at grazing incidence probe the top `depth` of a pellet: a surface layer of
//!   thickness `t` shows with the weight share `t / (t + depth)` (a simplification of the
//!   exponential absorption profile).

use serde::{Deserialize, Serialize};

use crate::cell::PassportEntry;

/// What a sample is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SampleMaterial {
    /// Al-doped Li7La3Zr2O12 (LLZO) pellet.
    Garnet,
    /// NMC811 cathode coupon (a composite electrode disc on foil).
    Cathode,
    /// Argyrodite sulfide electrolyte pellet (Li6PS5Cl).
    Sulfide,
}

/// A thin film on a sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilmMaterial {
    /// Lithium phosphorus oxynitride, RF-sputtered from Li3PO4 in N2.
    Lipon,
    /// Al2O3 by atomic layer deposition (TMA and water).
    Alumina,
}

/// A film and its properties as deposited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Film {
    pub material: FilmMaterial,
    pub thickness_nm: f64,
    /// Relative spread of the thickness over the sample (1 sigma).
    pub nonuniformity_frac: f64,
    /// Ionic conductivity at 25 degC, S/cm.
    pub sigma_25_s_per_cm: f64,
    /// Activation energy of the conductivity, eV.
    pub activation_ev: f64,
    /// Pinholes through the film, per cm2.
    pub pinholes_per_cm2: f64,
    /// Station that deposited it.
    pub origin: u16,
    /// What the depositing station knows of why the film may be off (a cause id, empty
    /// when nothing was off): an arcing target, under-dosing, an eroded target.
    pub cause: String,
}

impl Film {
    /// The film's conductivity at `temp_degc` from Arrhenius `sigma T = A exp(-Ea / kT)`
    /// anchored at 25 degC, S/cm.
    pub fn sigma_s_per_cm(&self, temp_degc: f64) -> f64 {
        arrhenius_sigma(self.sigma_25_s_per_cm, self.activation_ev, temp_degc)
    }

    /// The film's area-specific resistance at `temp_degc`, `t / sigma`, ohm cm2.
    pub fn asr_ohm_cm2(&self, temp_degc: f64) -> f64 {
        self.thickness_nm * 1e-7 / self.sigma_s_per_cm(temp_degc).max(1e-30)
    }
}

/// Boltzmann's constant, eV/K.
pub const BOLTZMANN_EV_PER_K: f64 = 8.617_333e-5;

/// Conductivity at `temp_degc` of an ion conductor with `sigma_25` at 25 degC and activation
/// energy `ea_ev`, from `sigma T = A exp(-Ea / kT)`, S/cm.
pub fn arrhenius_sigma(sigma_25: f64, ea_ev: f64, temp_degc: f64) -> f64 {
    let t = temp_degc + 273.15;
    let t25 = 298.15;
    sigma_25 * (t25 / t) * libm::exp(-ea_ev / BOLTZMANN_EV_PER_K * (1.0 / t - 1.0 / t25))
}

/// Defects a sample can carry, each with the station where its cause lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SampleDefectKind {
    /// A resistive Li2CO3 / LiOH layer on the garnet.
    Carbonate,
    /// Tetragonal (poorly conducting) garnet.
    Tetragonal,
    /// La2Zr2O7 pyrochlore from lithium loss.
    Pyrochlore,
    /// Pinholes through the electrolyte film: an electronic short.
    Pinholes,
    /// Film thickness outside its specification.
    FilmThickness,
    /// Film conductivity below its specification.
    FilmConductivity,
    /// A protective coating too thin or uneven to protect, or so thick it blocks lithium.
    Coating,
    /// A sulfide that reacted with water (H2S released, conductivity lost).
    Hydrolysed,
}

impl SampleDefectKind {
    pub const ALL: [SampleDefectKind; 8] = [
        Self::Carbonate,
        Self::Tetragonal,
        Self::Pyrochlore,
        Self::Pinholes,
        Self::FilmThickness,
        Self::FilmConductivity,
        Self::Coating,
        Self::Hydrolysed,
    ];

    /// Machine name, the first part of a cause key (`carbonate/air-exposed-batch`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Carbonate => "carbonate",
            Self::Tetragonal => "tetragonal",
            Self::Pyrochlore => "pyrochlore",
            Self::Pinholes => "pinholes",
            Self::FilmThickness => "filmthickness",
            Self::FilmConductivity => "filmconductivity",
            Self::Coating => "coating",
            Self::Hydrolysed => "hydrolysed",
        }
    }
}

/// A sample's defect and where its cause lies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleDefect {
    pub kind: SampleDefectKind,
    pub origin: u16,
    pub cause: String,
}

/// `<kind>/<cause>`, the key scrap is booked under.
pub fn cause_key(kind: SampleDefectKind, cause: &str) -> String {
    format!("{}/{}", kind.key(), cause)
}

/// A lab sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub material: SampleMaterial,
    /// Batch name as the store labels it.
    pub batch: String,
    pub mass_g: f64,
    pub area_cm2: f64,
    /// Crystalline phases of the bulk by weight fraction, by bundled structure name
    /// (`llzo-cubic`, `la2zr2o7`, ...).
    pub phases: Vec<(String, f64)>,
    /// Mean crystallite size, nm.
    pub crystallite_nm: f64,
    /// Share of Li sites holding Ni (a layered cathode's cation mixing).
    pub cation_mixing_frac: f64,
    /// Bulk ionic conductivity at 25 degC, S/cm.
    pub bulk_sigma_s_per_cm: f64,
    /// Water the sample saw before it reached the lab (in a torn pouch, in air), ppm h.
    pub air_exposure_ppm_h: f64,
    /// Water the sample saw in the glovebox, ppm h, and the box it was in.
    pub box_exposure_ppm_h: f64,
    pub box_station: Option<u16>,
    /// The store the sample came from.
    pub source_station: u16,
    /// The furnace that overheated it, losing lithium (none: as sintered).
    pub li_loss_station: Option<u16>,
    /// Surface layer (LiOH / Li2CO3) removed by annealing, nm.
    pub carbonate_removed_nm: f64,
    /// Films as deposited, bottom first.
    pub films: Vec<Film>,
    pub defects: Vec<SampleDefect>,
    pub passport: Vec<PassportEntry>,
}

/// Growth constant of the surface layer on garnet, nm per sqrt(ppm h) of water [D].
pub const CARBONATE_NM_PER_SQRT_PPM_H: f64 = 0.3;
/// H2S a sulfide releases per ppm h of water, cm3/g (from Yersak et al. 2022).
pub const H2S_CC_PER_G_PER_PPM_H: f64 = 0.1 / 64.0;

impl Sample {
    /// Water the sample has seen in all, ppm h.
    pub fn exposure_ppm_h(&self) -> f64 {
        self.air_exposure_ppm_h + self.box_exposure_ppm_h
    }

    /// The surface layer on a garnet now, nm: grown with all the water seen, less what
    /// annealing removed (0 for other materials).
    pub fn carbonate_nm(&self) -> f64 {
        if self.material != SampleMaterial::Garnet {
            return 0.0;
        }
        (CARBONATE_NM_PER_SQRT_PPM_H * libm::sqrt(self.exposure_ppm_h().max(0.0)) - self.carbonate_removed_nm).max(0.0)
    }

    /// H2S a sulfide released, cm3/g (0 for other materials).
    pub fn h2s_cc_per_g(&self) -> f64 {
        if self.material != SampleMaterial::Sulfide {
            return 0.0;
        }
        H2S_CC_PER_G_PER_PPM_H * self.exposure_ppm_h()
    }

    /// Weight fraction of a phase in the bulk.
    pub fn phase_frac(&self, name: &str) -> f64 {
        self.phases.iter().filter(|(n, _)| n == name).map(|(_, w)| *w).sum()
    }

    /// The phases an X-ray beam probing the top `depth_nm` sees: the bulk's, with the
    /// surface layer (as Li2CO3) weighted `t / (t + depth)`.
    pub fn probed_phases(&self, depth_nm: f64) -> Vec<(String, f64)> {
        let t = self.carbonate_nm();
        let surface = t / (t + depth_nm.max(1.0));
        let mut phases: Vec<(String, f64)> =
            self.phases.iter().map(|(n, w)| (n.clone(), w * (1.0 - surface))).collect();
        if surface > 0.0 {
            phases.push(("li2co3".into(), surface));
        }
        phases
    }

    pub fn add_defect(&mut self, kind: SampleDefectKind, origin: u16, cause: &str) {
        if !self.defects.iter().any(|d| d.kind == kind) {
            self.defects.push(SampleDefect { kind, origin, cause: cause.into() });
        }
    }

    /// The film of `material` on the sample, the last deposited.
    pub fn film(&self, material: FilmMaterial) -> Option<&Film> {
        self.films.iter().rev().find(|f| f.material == material)
    }
}

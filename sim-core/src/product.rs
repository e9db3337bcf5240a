//! What the electrode line makes: slurry batches, electrode rolls with per-metre segments,
//! and sheet lots, with the material properties they carry downstream.
//!
//! Every quantity carries its unit in its name. True attributes live here; operators only
//! see what an inspection or a lab sample measures (see `stations/inspection.rs`).

use serde::{Deserialize, Serialize};

/// The electrode recipe: composition and the material constants the physics needs.
/// Values are per recipe so a cathode and an anode line can differ; each is a tunable
/// parameter of the layout (reference sections 1-4; marks [D]/[W] there).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub name: String,
    /// Solids mass fraction of the slurry, 0..1 (NMC/PVDF/NMP 0.60-0.75, graphite/water 0.40-0.55).
    pub solids_frac: f64,
    /// Mass fraction of active material in the dry solids.
    pub active_frac: f64,
    /// Specific capacity of the active material, mAh/g.
    pub specific_capacity_mah_per_g: f64,
    /// Skeletal density of the dry solids mix, g/cm3.
    pub solid_density_g_per_cm3: f64,
    /// Density of the liquid phase (solvent + dissolved binder), g/cm3.
    pub liquid_density_g_per_cm3: f64,
    /// Viscosity of the binder solution at 10 1/s and 25 degC, Pa s.
    pub binder_solution_viscosity_pa_s: f64,
    /// Maximum packing fraction (Krieger-Dougherty).
    pub max_packing_frac: f64,
    /// Intrinsic viscosity [eta] (2.5 for spheres).
    pub intrinsic_viscosity: f64,
    /// Power-law flow index n < 1 (shear thinning).
    pub flow_index: f64,
    /// Viscosity fall per degC, fraction (0.03-0.07).
    pub viscosity_temp_coeff_per_degc: f64,
    /// Slurry surface tension, N/m.
    pub surface_tension_n_per_m: f64,
    /// Solvent latent heat of evaporation, J/kg (NMP ~0.55e6, water 2.26e6).
    pub solvent_latent_heat_j_per_kg: f64,
    /// Molar mass of the solvent, g/mol (NMP 99.13, water 18.02), for its vapour in the
    /// dryer exhaust.
    #[serde(default = "nmp_molar_mass")]
    pub solvent_molar_mass_g_per_mol: f64,
    /// Lower explosive limit of the solvent's vapour in air, vol % (NMP ~1.3); `None` for a
    /// solvent that does not burn (water).
    #[serde(default = "nmp_lel")]
    pub solvent_lel_vol_pct: Option<f64>,
    /// Film temperature during constant-rate drying in vapour-free air at 120 degC (the
    /// wet-bulb temperature that anchors the dryer's film energy balance), degC.
    pub wet_bulb_temp_degc: f64,
    /// Normal boiling point of the solvent, degC (NMP 202, water 100), for its vapour
    /// pressure.
    #[serde(default = "nmp_boiling_point")]
    pub solvent_boiling_point_degc: f64,
    /// Porosity of the dried, uncalendered coating.
    pub dried_porosity_frac: f64,
    /// Lowest porosity reachable by calendering (Meyer 2017 eps_min).
    pub min_porosity_frac: f64,
    /// Compaction resistance gamma_c of the calendering relation, N/mm.
    pub compaction_resistance_n_per_mm: f64,
    /// Target porosity after calendering and its tolerance (+-).
    pub target_porosity_frac: f64,
    pub porosity_tolerance_frac: f64,
    /// Target areal loading and its relative tolerance (+-).
    pub target_loading_mg_per_cm2: f64,
    pub loading_tolerance_frac: f64,
    /// Residual solvent specification, ppm of dry coating mass.
    pub residual_solvent_spec_ppm: f64,
}

fn nmp_molar_mass() -> f64 {
    99.13
}

fn nmp_lel() -> Option<f64> {
    Some(1.3)
}

fn nmp_boiling_point() -> f64 {
    202.0
}

impl Recipe {
    /// Solids volume fraction phi from the mass fraction and densities.
    pub fn solids_volume_frac(&self) -> f64 {
        let vs = self.solids_frac / self.solid_density_g_per_cm3;
        let vl = (1.0 - self.solids_frac) / self.liquid_density_g_per_cm3;
        vs / (vs + vl)
    }

    /// Slurry density from the mixing rule, g/cm3.
    pub fn slurry_density_g_per_cm3(&self) -> f64 {
        1.0 / (self.solids_frac / self.solid_density_g_per_cm3
            + (1.0 - self.solids_frac) / self.liquid_density_g_per_cm3)
    }

    /// Vapour pressure of the solvent at `t_degc` from the Clausius-Clapeyron relation
    /// anchored at the normal boiling point, `p = p_atm exp(-(dH_v M / R)(1/T - 1/T_b))`, Pa.
    pub fn solvent_vapour_pressure_pa(&self, t_degc: f64) -> f64 {
        let b_k = self.solvent_latent_heat_j_per_kg * self.solvent_molar_mass_g_per_mol / 1000.0 / 8.314;
        let inv = 1.0 / (t_degc + 273.15).max(1.0) - 1.0 / (self.solvent_boiling_point_degc + 273.15).max(1.0);
        101_325.0 * libm::exp((-b_k * inv).min(50.0))
    }

    /// Krieger-Dougherty relative viscosity eta_r = (1 - phi/phi_max)^(-[eta] phi_max).
    /// Returns a large finite value at or above the packing limit (the slurry does not flow).
    pub fn relative_viscosity(&self) -> f64 {
        let ratio = self.solids_volume_frac() / self.max_packing_frac;
        if ratio >= 0.99 {
            return libm::pow(0.01, -self.intrinsic_viscosity * self.max_packing_frac);
        }
        libm::pow(1.0 - ratio, -self.intrinsic_viscosity * self.max_packing_frac)
    }
}

/// A slurry batch as it leaves the mixer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlurryBatch {
    pub recipe: Recipe,
    pub volume_l: f64,
    /// Viscosity at the reference shear rate 10 1/s and 25 degC, Pa s.
    pub viscosity_at_10_per_s_pa_s: f64,
    /// Power-law flow index n.
    pub flow_index: f64,
    /// Agglomerate level, 0 (fully dispersed) .. 1 (as the dry powder went in).
    pub agglomerate_level: f64,
    /// Entrained air, volume fraction.
    pub air_frac: f64,
    pub temperature_degc: f64,
    /// Plant time when mixing finished (ageing counts from here).
    pub mixed_at_ms: u64,
    /// Stations passed, with their settings (the start of a cell's passport).
    #[serde(default)]
    pub passport: Vec<crate::cell::PassportEntry>,
}

impl SlurryBatch {
    pub fn solids_kg(&self) -> f64 {
        self.volume_l * (1.0 - self.air_frac) * self.recipe.slurry_density_g_per_cm3() * self.recipe.solids_frac
    }

    /// Power-law viscosity eta = K * gamma_dot^(n-1), anchored at 10 1/s, with the temperature
    /// drift exp(-b (T - 25)), Pa s.
    pub fn viscosity_pa_s(&self, shear_rate_per_s: f64) -> f64 {
        let shear = shear_rate_per_s.max(1e-3);
        self.viscosity_at_10_per_s_pa_s
            * libm::pow(shear / 10.0, self.flow_index - 1.0)
            * libm::exp(-self.recipe.viscosity_temp_coeff_per_degc * (self.temperature_degc - 25.0))
    }
}

/// Defects a metre of electrode (or a sheet) can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DefectKind {
    /// Lengthwise streaks: agglomerates or gel caught in the lip, low slot wall shear.
    Streak,
    /// Pinholes and bubbles: entrained air.
    Pinhole,
    /// Skips and rivulets: below the low-flow limit of the coating window.
    Skip,
    /// Thick edges: wet film too close to the die gap.
    EdgeBead,
    /// Bead leaking out of the die: flow above the window.
    BeadLeak,
    /// Cross-web chatter bands: pump pulsation.
    ChatterBand,
    /// Areal loading outside tolerance.
    LoadingOffTarget,
    /// Residual solvent above specification.
    ResidualSolvent,
    /// Binder migrated to the surface: weak adhesion, delamination risk.
    BinderMigration,
    /// Mud cracking of a thick, fast-dried coating.
    Cracking,
    /// Porosity outside tolerance after calendering.
    PorosityOffTarget,
    /// Particle cracking from over-compaction.
    ParticleCracking,
    /// Wrinkles from elongation mismatch in the calender.
    Wrinkle,
}

impl DefectKind {
    /// Every kind, in declaration order.
    pub const ALL: [DefectKind; 13] = [
        Self::Streak,
        Self::Pinhole,
        Self::Skip,
        Self::EdgeBead,
        Self::BeadLeak,
        Self::ChatterBand,
        Self::LoadingOffTarget,
        Self::ResidualSolvent,
        Self::BinderMigration,
        Self::Cracking,
        Self::PorosityOffTarget,
        Self::ParticleCracking,
        Self::Wrinkle,
    ];

    /// Machine name used in readout names (`flagged_streak`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Streak => "streak",
            Self::Pinhole => "pinhole",
            Self::Skip => "skip",
            Self::EdgeBead => "edgebead",
            Self::BeadLeak => "beadleak",
            Self::ChatterBand => "chatterband",
            Self::LoadingOffTarget => "loadingofftarget",
            Self::ResidualSolvent => "residualsolvent",
            Self::BinderMigration => "bindermigration",
            Self::Cracking => "cracking",
            Self::PorosityOffTarget => "porosityofftarget",
            Self::ParticleCracking => "particlecracking",
            Self::Wrinkle => "wrinkle",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Streak => "streaks",
            Self::Pinhole => "pinholes",
            Self::Skip => "skips/rivulets",
            Self::EdgeBead => "edge bead",
            Self::BeadLeak => "bead leak",
            Self::ChatterBand => "chatter bands",
            Self::LoadingOffTarget => "loading off target",
            Self::ResidualSolvent => "residual solvent",
            Self::BinderMigration => "binder migration",
            Self::Cracking => "cracking",
            Self::PorosityOffTarget => "porosity off target",
            Self::ParticleCracking => "particle cracking",
            Self::Wrinkle => "wrinkles",
        }
    }
}

/// A defect on a segment, where it arose, why, and whether inspection has found it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentDefect {
    pub kind: DefectKind,
    /// Station (index) where the root cause lies, e.g. the mixer for agglomerate streaks.
    pub origin: u16,
    /// Root cause id, e.g. `agglomerates-from-mixing` (see [`cause_key`]).
    pub cause: String,
    pub detected: bool,
}

/// One metre of electrode and its true attributes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Length of this segment, m (1 except the last of a roll).
    pub length_m: f64,
    /// Dry solids in this segment across the coated width, kg.
    pub solids_kg: f64,
    pub wet_thickness_um: f64,
    pub loading_mg_per_cm2: f64,
    /// Coating thickness (dry; after calendering once calendered), um.
    pub thickness_um: f64,
    pub porosity_frac: f64,
    /// Residual solvent, ppm of the dry coating mass.
    pub residual_solvent_ppm: f64,
    /// Binder migration index (1 = reference drying; higher = more binder at the surface).
    pub binder_migration_index: f64,
    pub defects: Vec<SegmentDefect>,
    /// Web speed this metre was coated at, which the dryer runs it at too, m/min (0: the
    /// roll's `web_speed_m_per_min`).
    #[serde(default)]
    pub web_speed_m_per_min: f64,
}

impl Segment {
    pub fn coating_density_g_per_cm3(&self) -> f64 {
        if self.thickness_um > 0.0 { self.loading_mg_per_cm2 / (self.thickness_um * 0.1) } else { 0.0 }
    }

    pub fn has(&self, kind: DefectKind) -> bool {
        self.defects.iter().any(|d| d.kind == kind)
    }

    pub fn add_defect(&mut self, kind: DefectKind, origin: u16, cause: &str) {
        if !self.has(kind) {
            self.defects.push(SegmentDefect { kind, origin, cause: cause.to_string(), detected: false });
        }
    }
}

/// The key a defect or scrap is booked under: `<defect kind>/<cause id>`, e.g.
/// `streak/clogged-die-lip`, or a bare cause id (`burr-above-limit`) where the station knows
/// no defect kind. Cause ids are kebab-case English words that the locales turn into
/// sentences (`cause-clogged-die-lip`); a number inside one (`zone-3-heater-failure`) is an
/// argument there. Ids starting with `planned-` are planned losses (trims), not scrap.
pub fn cause_key(kind: DefectKind, cause: &str) -> String {
    format!("{}/{}", kind.key(), cause)
}

/// What a cause key shows on the plant, without its root cause: the defect kind
/// (`streak/clogged-die-lip` → `streak`), or the whole key where it names no kind
/// (`rejected-for-residual-solvent`, a lab result). Live panels show this; the root cause
/// waits for the debrief.
pub fn symptom_of(cause_key: &str) -> &str {
    cause_key.split_once('/').map_or(cause_key, |(kind, _)| kind)
}

/// Whether a cause key (see [`cause_key`]) is a planned loss rather than scrap.
pub fn is_planned(cause_key: &str) -> bool {
    cause_key.rsplit('/').next().is_some_and(|id| id.starts_with("planned-"))
}

/// Whether `words` (a scenario's `cause_contains`) appear in a cause key, ignoring case and
/// treating hyphens, slashes and underscores as spaces: "heater failure" matches
/// `residualsolvent/zone-3-heater-failure`, "low-flow limit" matches
/// `skip/below-the-low-flow-limit`.
pub fn cause_matches(cause_key: &str, words: &str) -> bool {
    let plain =
        |s: &str| s.to_lowercase().replace(['-', '/', '_'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    let words = plain(words);
    !words.is_empty() && plain(cause_key).contains(&words)
}

/// Processing steps an electrode roll has been through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RollSteps {
    pub dried: bool,
    pub calendered: bool,
    pub inspected: bool,
}

/// A coated electrode roll with its attributes metre by metre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElectrodeRoll {
    pub recipe: Recipe,
    pub coated_width_m: f64,
    /// Web speed at coating (the dryer runs at the same speed), m/min.
    pub web_speed_m_per_min: f64,
    pub segments: Vec<Segment>,
    pub steps: RollSteps,
    /// Lab sample at the end of the roll, if taken: residual solvent, ppm.
    pub sampled_residual_solvent_ppm: Option<f64>,
    /// Stations passed, with their settings (carried from the batch on to the sheets).
    #[serde(default)]
    pub passport: Vec<crate::cell::PassportEntry>,
}

impl ElectrodeRoll {
    pub fn length_m(&self) -> f64 {
        self.segments.iter().map(|s| s.length_m).sum()
    }
    pub fn solids_kg(&self) -> f64 {
        self.segments.iter().map(|s| s.solids_kg).sum()
    }

    /// The web speed segment `seg` passed the coater and dryer at, m/min.
    pub fn speed_of(&self, seg: &Segment) -> f64 {
        if seg.web_speed_m_per_min > 0.0 { seg.web_speed_m_per_min } else { self.web_speed_m_per_min }
    }
}

/// Electrode sheets cut from one roll, with their summary attributes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetLot {
    pub recipe_name: String,
    pub sheet_length_m: f64,
    pub sheet_width_m: f64,
    pub sheets: u64,
    /// Dry solids in the sheets, kg.
    pub solids_kg: f64,
    /// Sheets with a burr above the limit: a latent short risk for the cell.
    pub sheets_over_burr_limit: u64,
    pub max_burr_um: f64,
    pub mean_burr_um: f64,
    /// Sheets cut from metres with undetected defects (latent, found downstream), by kind.
    pub latent_defects: Vec<(DefectKind, u64)>,
    pub mean_loading_mg_per_cm2: f64,
    pub mean_porosity_frac: f64,
    /// Mean calendered coating thickness, um.
    #[serde(default)]
    pub mean_thickness_um: f64,
    /// Areal capacity of the coating, mAh/cm2.
    #[serde(default)]
    pub areal_capacity_mah_per_cm2: f64,
    /// Station (index) that cut the sheets: where their burrs come from.
    #[serde(default)]
    pub cut_at: u16,
    /// Electrolyte from impregnation and curing (the assembly half).
    #[serde(default)]
    pub electrolyte: Option<crate::cell::ElectrolyteFill>,
    /// Lithium anode laminated onto the sheets.
    #[serde(default)]
    pub anode: Option<crate::cell::AnodeLayer>,
    /// Moisture exposure in the dry room so far, ppmv h.
    #[serde(default)]
    pub moisture_exposure_ppmv_h: f64,
    /// Stations passed since the slitter, with their settings (the cells' passport starts here).
    #[serde(default)]
    pub passport: Vec<crate::cell::PassportEntry>,
    /// Defects the assembly half gave every sheet of the lot, which pass on to its cells.
    #[serde(default)]
    pub cell_defects: Vec<crate::cell::CellDefect>,
}

impl SheetLot {
    /// Marks every sheet of the lot with a defect its cells will carry.
    pub fn carry_defect(&mut self, kind: crate::cell::CellDefectKind, origin: u16, cause: &str) {
        if !self.cell_defects.iter().any(|d| d.kind == kind) {
            self.cell_defects.push(crate::cell::CellDefect { kind, origin, cause: cause.to_string() });
        }
    }
}

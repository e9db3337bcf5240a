//! What the assembly half of the line makes: cathode sheets that carry a solid electrolyte
//! and a lithium-metal anode, and cells (stacked, pressed, sealed) that carry their whole
//! history (the passport).
//!
//! Relations (reference sections 7, 8, 8b):
//! - effective ionic conductivity of the electrolyte inside the electrode, Bruggeman:
//!   `sigma_eff = sigma_bulk (eps f)^1.5` with the calendered porosity `eps` and the fill
//!   fraction `f` (a void is a pore without electrolyte);
//! - a cell's resistance from its area-specific resistances in series, its layers in
//!   parallel: `R = ASR / (A n)`, with `ASR = L / (3 sigma_eff)` (ionic path through a
//!   porous electrode, the classic L/3 for a uniformly reacting layer) `+ t_sep / sigma_bulk`
//!   (the electrolyte layer over the cathode) `+ ASR_Li` (the lithium interface: passivation
//!   grown in the dry room, contact from stack pressing) ([D] interface constants);
//! - moisture taken up by the electrolyte raises its resistance: `x (1 + E / E_ref)` with
//!   `E` the exposure in ppmv h ([D] form).

use serde::{Deserialize, Serialize};

/// Electrolyte in a lot's cathode sheets, from impregnation and curing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ElectrolyteFill {
    /// Depth the precursor reached, as a share of the coating thickness.
    pub depth_frac: f64,
    /// Share of the pore volume filled (depth, dose and gas trapped without vacuum).
    pub fill_frac: f64,
    /// Gel time of the bath at its temperature, min.
    pub gel_time_min: f64,
    /// Precursor left on the sheet surfaces beyond the pores, mL/m2 (wets seal areas).
    pub excess_ml_per_m2: f64,
    /// Whether the gel has been cured (the curing oven's record follows).
    pub cured: bool,
    /// Solvent left in the cured gel, ppm of electrolyte mass.
    pub residual_solvent_ppm: f64,
    /// Whether the gel cracked while it cured (too fast for its thickness).
    pub cracked: bool,
    /// Ionic conductivity of the electrolyte in the electrode, mS/cm.
    pub sigma_eff_ms_per_cm: f64,
    /// Bulk conductivity of the cured electrolyte, mS/cm.
    pub sigma_bulk_ms_per_cm: f64,
}

/// The lithium-metal anode laminated onto the sheets' electrolyte layer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnodeLayer {
    pub li_thickness_um: f64,
    pub lamination_mpa: f64,
    /// Passivation layer on the lithium (LiOH, Li2CO3) grown with moisture exposure, nm.
    pub passivation_nm: f64,
}

/// Defects a cell can carry, each with the station where its cause lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CellDefectKind {
    /// Pores left without electrolyte: high resistance, local hot spots.
    Underfilled,
    /// The gel cracked while it cured.
    CrackedElectrolyte,
    /// Solvent left in the gel.
    ResidualSolvent,
    /// Anode overhang missing on an edge: lithium plates at the edge.
    EdgePlatingRisk,
    /// Burrs over the limit in the stack: a short risk.
    ShortRisk,
    /// Stack pressed too softly: contact lost at the lithium interface.
    ContactLoss,
    /// Stack pressed too hard: lithium creeps into the composite, or it cracks.
    OverPressed,
    /// Seal too weak or too thin: the pouch leaks.
    SealLeak,
    /// Electrolyte residue in the seal area.
    SealContaminated,
    /// Moisture exposure in the dry room above what the cell tolerates.
    MoistureExposure,
    /// Too little lithium for the cathode's capacity (N/P ratio below its minimum).
    LithiumShort,
    /// Mossy or dendritic lithium plated in formation (a charge current density above the
    /// critical one): dead lithium, lost capacity, a soft short.
    LithiumPlating,
    /// Gas from formation beyond what the pouch holds (solvent or water in the cell).
    Gassing,
}

impl CellDefectKind {
    pub const ALL: [CellDefectKind; 13] = [
        Self::Underfilled,
        Self::CrackedElectrolyte,
        Self::ResidualSolvent,
        Self::EdgePlatingRisk,
        Self::ShortRisk,
        Self::ContactLoss,
        Self::OverPressed,
        Self::SealLeak,
        Self::SealContaminated,
        Self::MoistureExposure,
        Self::LithiumShort,
        Self::LithiumPlating,
        Self::Gassing,
    ];

    /// Machine name, the first part of a cause key (`underfilled/gel-point-passed`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Underfilled => "underfilled",
            Self::CrackedElectrolyte => "crackedelectrolyte",
            Self::ResidualSolvent => "electrolytesolvent",
            Self::EdgePlatingRisk => "edgeplating",
            Self::ShortRisk => "shortrisk",
            Self::ContactLoss => "contactloss",
            Self::OverPressed => "overpressed",
            Self::SealLeak => "sealleak",
            Self::SealContaminated => "sealcontaminated",
            Self::MoistureExposure => "moisture",
            Self::LithiumShort => "lithiumshort",
            Self::LithiumPlating => "lithiumplating",
            Self::Gassing => "gassing",
        }
    }
}

/// The key a cell defect is booked under, `<kind>/<cause id>` (as `product::cause_key`).
pub fn cause_key(kind: CellDefectKind, cause: &str) -> String {
    format!("{}/{}", kind.key(), cause)
}

/// A defect on a cell, where its root cause lies and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellDefect {
    pub kind: CellDefectKind,
    pub origin: u16,
    pub cause: String,
}

/// Stack pressing as done to one cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pressing {
    pub pressure_mpa: f64,
    pub temp_degc: f64,
    /// Contact resistance left at the lithium interface, ohm cm2.
    pub contact_asr_ohm_cm2: f64,
}

/// The pouch seal of one cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Seal {
    pub temp_degc: f64,
    pub time_s: f64,
    pub pressure_mpa: f64,
    /// Peel strength, N per 15 mm strip.
    pub strength_n_per_15mm: f64,
    /// Helium leak rate, mbar L/s.
    pub leak_rate_mbar_l_per_s: f64,
}

/// What happened to a cell at one station (the passport's lines).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassportEntry {
    pub station: u16,
    pub at_ms: u64,
    /// Settings in force, by control name.
    pub settings: Vec<(crate::controls::Name, f64)>,
    /// What the station's gauges read as the cycle started, by readout name (a continuous
    /// station's at the start of the unit; kinds that measure a unit at its start, such as
    /// inspection and the lab samples, read this one).
    #[serde(default)]
    pub readings: Vec<(crate::controls::Name, f64)>,
    /// Faults active at the station then.
    pub faults: Vec<crate::faults::Fault>,
    /// Moisture in the room then, ppmv (none outside the dry room).
    pub room_ppmv: Option<f64>,
}

/// A solid-state lithium-metal pouch cell and its history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub recipe_name: String,
    /// Cathode layers (sheets), each faced by a lithium anode.
    pub layers: u32,
    /// Area of one cathode sheet, cm2.
    pub sheet_area_cm2: f64,
    pub capacity_ah: f64,
    /// Dry cathode solids, kg.
    pub solids_kg: f64,
    pub coating_thickness_um: f64,
    pub porosity_frac: f64,
    pub loading_mg_per_cm2: f64,
    pub sheets_over_burr_limit: u32,
    /// Sheets with an undetected coating defect.
    pub latent_defect_sheets: u32,
    pub electrolyte: ElectrolyteFill,
    pub anode: AnodeLayer,
    /// Largest stacking offset between a cathode and its anode, mm.
    pub max_alignment_error_mm: f64,
    /// Smallest anode overhang left on any edge, mm (negative: the cathode sticks out).
    pub min_overhang_mm: f64,
    pub pressing: Option<Pressing>,
    pub seal: Option<Seal>,
    /// Moisture exposure integrated over its time in the dry room, ppmv h.
    pub moisture_exposure_ppmv_h: f64,
    pub defects: Vec<CellDefect>,
    pub passport: Vec<PassportEntry>,
    /// What formation, aging and the end-of-line test found (the test hall's records).
    #[serde(default)]
    pub formation: Option<Formation>,
    #[serde(default)]
    pub aging: Option<Aging>,
    #[serde(default)]
    pub end_of_line: Option<EndOfLine>,
    /// How its equivalent circuit differs from the reference cell's (worked out from the
    /// passport when it is formed; `stations::finishing::cell_ecm`).
    #[serde(default)]
    pub circuit: Option<CircuitScale>,
}

/// A made cell's equivalent circuit against the reference cell's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CircuitScale {
    /// Series resistance over the reference's (the physics model's instantaneous resistance).
    pub r0_ratio: f64,
    /// Reference electrode area over this cell's (the RC pairs scale with it).
    pub area_ratio: f64,
    pub mass_kg: f64,
}

/// Formation as done to one cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Formation {
    pub c_rate: f64,
    pub temp_degc: f64,
    pub duration_h: f64,
    /// Current density of the first charge at the lithium, mA/cm2.
    pub current_density_ma_per_cm2: f64,
    /// Critical current density the cell's lithium interface stood then, mA/cm2.
    pub critical_ma_per_cm2: f64,
    pub first_charge_ah: f64,
    /// Discharge capacity after formation, A h.
    pub capacity_ah: f64,
    /// First-cycle coulombic efficiency, discharge over charge.
    pub efficiency: f64,
    /// Share of the capacity lost as dead, plated lithium.
    pub plated_frac: f64,
    pub gas_ml: f64,
}

/// Aging (open-circuit storage) of one cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Aging {
    pub days: f64,
    pub temp_degc: f64,
    pub ocv_start_v: f64,
    pub ocv_end_v: f64,
    /// Measured OCV decay, mV/day.
    pub k_mv_per_day: f64,
    /// The self-discharge current behind it (not measured: the passport's hidden truth), mA.
    pub self_discharge_ma: f64,
}

/// A cell's grade at the end-of-line test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    Reject,
}

/// The end-of-line test of one cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndOfLine {
    /// 1C discharge capacity after a CC-CV charge, A h.
    pub capacity_ah: f64,
    /// 10 s, 1C pulse at half charge, mohm.
    pub dcir_mohm: f64,
    /// Open-circuit voltage as shipped, V.
    pub ocv_v: f64,
    pub k_mv_per_day: f64,
    pub grade: Grade,
}

/// Model constants of the cell's resistance ([D]: plausible defaults).
pub const SEPARATOR_LAYER_UM: f64 = 20.0;
/// Lithium interface ASR of a fresh, well-pressed interface, ohm cm2.
pub const LI_INTERFACE_ASR_OHM_CM2: f64 = 8.0;
/// Interface ASR added per nm of passivation, ohm cm2.
pub const PASSIVATION_ASR_PER_NM: f64 = 0.25;
/// Exposure that doubles the electrolyte's resistance, ppmv h.
pub const MOISTURE_EXPOSURE_REF_PPMV_H: f64 = 400.0;

/// Capacity of lithium metal per area and thickness, mAh/(cm2 um): 3860 mAh/g x 0.534 g/cm3.
pub const LITHIUM_MAH_PER_CM2_PER_UM: f64 = 0.2061;

/// Bruggeman effective conductivity of an electrolyte filling a share `fill` of pores of
/// porosity `eps`: `sigma (eps f)^1.5`.
pub fn bruggeman_ms_per_cm(sigma_bulk_ms_per_cm: f64, porosity_frac: f64, fill_frac: f64) -> f64 {
    let phase = (porosity_frac * fill_frac).clamp(0.0, 1.0);
    sigma_bulk_ms_per_cm * libm::pow(phase, 1.5)
}

impl Cell {
    pub fn has(&self, kind: CellDefectKind) -> bool {
        self.defects.iter().any(|d| d.kind == kind)
    }

    pub fn add_defect(&mut self, kind: CellDefectKind, origin: u16, cause: &str) {
        if !self.has(kind) {
            self.defects.push(CellDefect { kind, origin, cause: cause.to_string() });
        }
    }

    /// Area-specific resistance of one layer, ohm cm2 (see the module documentation).
    pub fn asr_ohm_cm2(&self) -> f64 {
        let sigma_s_per_cm = (self.electrolyte.sigma_eff_ms_per_cm / 1000.0).max(1e-9);
        let bulk_s_per_cm = (self.electrolyte.sigma_bulk_ms_per_cm / 1000.0).max(1e-9);
        let electrode = self.coating_thickness_um * 1e-4 / (3.0 * sigma_s_per_cm);
        let separator = SEPARATOR_LAYER_UM * 1e-4 / bulk_s_per_cm;
        let moisture = 1.0 + self.moisture_exposure_ppmv_h / MOISTURE_EXPOSURE_REF_PPMV_H;
        let contact = self.pressing.as_ref().map_or(0.0, |p| p.contact_asr_ohm_cm2);
        let interface = LI_INTERFACE_ASR_OHM_CM2 + PASSIVATION_ASR_PER_NM * self.anode.passivation_nm + contact;
        (electrode + separator) * moisture + interface
    }

    /// DC resistance of the cell, mohm.
    pub fn resistance_mohm(&self) -> f64 {
        let area_cm2 = (self.sheet_area_cm2 * self.layers as f64).max(1e-9);
        1000.0 * self.asr_ohm_cm2() / area_cm2
    }
}

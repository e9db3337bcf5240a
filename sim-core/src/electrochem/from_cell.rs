//! A made cell's parameters from its passport: the line's reference set
//! (`assets/cells/solid-state-nmc811-li.ron`) with what the passport says of this cell.
//!
//! - loading and area give capacity: the electrode area is the sheet area times the layers;
//!   the active volume fraction is set so the positive's usable stoichiometry window (that
//!   of the reference set) holds the cell's capacity;
//! - porosity, tortuosity and fill give transport: the electrolyte's volume fraction in the
//!   cathode is the calendered porosity times the fill fraction, Bruggeman with the set's
//!   exponent; the electrolyte's conductivity is the cured bulk conductivity, lowered by
//!   the moisture it took up (as `crate::cell::Cell::asr_ohm_cm2`);
//! - coating thickness is the cathode's thickness; the separator is the electrolyte layer
//!   (`crate::cell::SEPARATOR_LAYER_UM`);
//! - exposure and pressing give the interface resistance: the lithium interface, its
//!   passivation film and the contact the stack press left (`crate::cell`'s constants);
//! - the lithium foil's thickness is the anode's.
//!
//! Micro-shorts (burrs, particles) and plating are not in the electrochemical set: they are
//! currents and losses the test hall adds (`crate::stations::finishing`).

use super::{CellParams, Electrolyte, FARADAY, Negative};
use crate::cell::{
    Cell, LI_INTERFACE_ASR_OHM_CM2, MOISTURE_EXPOSURE_REF_PPMV_H, PASSIVATION_ASR_PER_NM, SEPARATOR_LAYER_UM,
};

/// The reference set the line's cells are made from.
pub const SOLID_STATE_REFERENCE: &str = include_str!("../../../assets/cells/solid-state-nmc811-li.ron");

/// The reference set, parsed (it is part of the program and checked by the tests).
pub fn solid_state_reference() -> CellParams {
    CellParams::from_ron("solid-state-nmc811-li.ron", SOLID_STATE_REFERENCE)
        .expect("the bundled solid-state parameter set is valid")
}

impl CellParams {
    /// The share of the positive's stoichiometry one full discharge uses.
    pub fn positive_window(&self) -> f64 {
        let e = &self.positive;
        let sites_mol = e.active_frac * e.thickness_m * self.area_m2() * e.max_concentration_mol_per_m3;
        self.nominal_capacity_ah * 3600.0 / (FARADAY * sites_mol.max(1e-30))
    }

    /// This set with a made cell's geometry and materials (see the module documentation).
    pub fn for_cell(&self, cell: &Cell) -> CellParams {
        let mut p = self.clone();
        let window = self.positive_window();
        let area_m2 = (cell.sheet_area_cm2 * cell.layers as f64 * 1e-4).max(1e-6);
        p.name = format!("{} (cell as made)", self.name);
        p.electrode_width_m = area_m2 / p.electrode_height_m.max(1e-6);
        p.nominal_capacity_ah = cell.capacity_ah.max(1e-6);
        p.separator_thickness_m = SEPARATOR_LAYER_UM * 1e-6;
        let e = &mut p.positive;
        e.thickness_m = (cell.coating_thickness_um * 1e-6).clamp(1e-6, 1e-3);
        e.porosity = (cell.porosity_frac * cell.electrolyte.fill_frac).clamp(1e-3, 0.9);
        let sites_needed_mol = p.nominal_capacity_ah * 3600.0 / FARADAY / window.max(1e-6);
        e.active_frac =
            (sites_needed_mol / (e.thickness_m * area_m2 * e.max_concentration_mol_per_m3)).clamp(0.05, 0.95);
        let moisture = 1.0 + cell.moisture_exposure_ppmv_h / MOISTURE_EXPOSURE_REF_PPMV_H;
        let sigma_s_per_m = (cell.electrolyte.sigma_bulk_ms_per_cm * 0.1 / moisture).max(1e-6);
        if let Electrolyte::Solid { conductivity_s_per_m, .. } = &mut p.electrolyte {
            *conductivity_s_per_m = sigma_s_per_m;
        }
        let contact = cell.pressing.as_ref().map_or(0.0, |pr| pr.contact_asr_ohm_cm2);
        let interface_ohm_cm2 = LI_INTERFACE_ASR_OHM_CM2 + PASSIVATION_ASR_PER_NM * cell.anode.passivation_nm + contact;
        p.interface_asr_ohm_m2 = interface_ohm_cm2 * 1e-4;
        if let Negative::LithiumMetal(li) = &mut p.negative {
            li.thickness_m = (cell.anode.li_thickness_um * 1e-6).clamp(1e-7, 1e-3);
        }
        p.thermal.mass_kg = self.thermal.mass_kg * p.nominal_capacity_ah / self.nominal_capacity_ah.max(1e-6);
        p
    }
}

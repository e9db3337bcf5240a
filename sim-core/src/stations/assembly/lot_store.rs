//! Lot store: the assembly line's supply of slit cathode lots, as the electrode line left
//! them in storage (a source). It lets the assembly half run on its own, from its first
//! minute, with lots of known attributes.

use serde::{Deserialize, Serialize};

use crate::controls::ReadoutDef;
use crate::input::{FieldPath, Issues};
use crate::product::SheetLot;
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

/// Sheets per metre of sheet length and width, with the solids of a coating, for a lot's
/// mass: `m = loading x area`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LotStore {
    pub recipe_name: String,
    pub sheets_per_lot: u64,
    /// A lot leaves the store every this many minutes.
    pub interval_min: f64,
    pub sheet_length_m: f64,
    pub sheet_width_m: f64,
    pub loading_mg_per_cm2: f64,
    pub porosity_frac: f64,
    pub thickness_um: f64,
    pub areal_capacity_mah_per_cm2: f64,
    /// Share of sheets with a burr over the limit.
    #[serde(default)]
    pub burr_frac: f64,
    #[serde(default)]
    pub lots_issued: u64,
}

impl StationModel for LotStore {
    const LABEL: &'static str = "lot store";
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const QUANTITY_UNIT: &'static str = "sheets";
    const READOUTS: &'static [ReadoutDef<Self>] =
        &[ReadoutDef::number("lots_issued", "Lots issued", "", |s, _| Some(s.lots_issued as f64))];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(1..=1_000_000).contains(&self.sheets_per_lot) {
            issues.push(path.clone().field("sheets_per_lot"), "a lot holds 1 to 1000000 sheets");
        }
        check_range(issues, path, "interval_min", self.interval_min, 1.0, 1440.0, "min");
        check_range(issues, path, "sheet_length_m", self.sheet_length_m, 0.01, 2.0, "m");
        check_range(issues, path, "sheet_width_m", self.sheet_width_m, 0.01, 2.0, "m");
        check_range(issues, path, "loading_mg_per_cm2", self.loading_mg_per_cm2, 1.0, 100.0, "mg/cm2");
        check_range(issues, path, "porosity_frac", self.porosity_frac, 0.05, 0.8, "");
        check_range(issues, path, "thickness_um", self.thickness_um, 5.0, 500.0, "um");
        check_range(issues, path, "areal_capacity_mah_per_cm2", self.areal_capacity_mah_per_cm2, 0.1, 20.0, "mAh/cm2");
        check_range(issues, path, "burr_frac", self.burr_frac, 0.0, 1.0, "");
    }

    fn takes_input(&self) -> bool {
        false
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let area_cm2 = self.sheet_length_m * self.sheet_width_m * 1e4 * self.sheets_per_lot as f64;
        self.lots_issued += 1;
        unit.payload = Payload::Sheets(SheetLot {
            recipe_name: self.recipe_name.clone(),
            sheet_length_m: self.sheet_length_m,
            sheet_width_m: self.sheet_width_m,
            sheets: self.sheets_per_lot,
            solids_kg: self.loading_mg_per_cm2 * area_cm2 * 1e-6,
            sheets_over_burr_limit: (self.burr_frac * self.sheets_per_lot as f64).round() as u64,
            max_burr_um: 0.0,
            mean_burr_um: 0.0,
            latent_defects: Vec::new(),
            mean_loading_mg_per_cm2: self.loading_mg_per_cm2,
            mean_porosity_frac: self.porosity_frac,
            mean_thickness_um: self.thickness_um,
            areal_capacity_mah_per_cm2: self.areal_capacity_mah_per_cm2,
            cut_at: ctx.station,
            electrolyte: None,
            anode: None,
            moisture_exposure_ppmv_h: 0.0,
            passport: Vec::new(),
            cell_defects: Vec::new(),
        });
        CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * self.interval_min),
            quantity: self.sheets_per_lot as f64,
            ..Default::default()
        }
    }
}

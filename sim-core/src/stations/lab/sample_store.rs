//! Sample store: the lab's supply of samples (a source), one batch at a time, with the
//! batch's certificate.
//!
//! What a garnet batch is follows from how it was made (reference section 7; [D] forms):
//! - aluminium stabilises the cubic garnet: the cubic share rises from none at 0.05 Al per
//!   formula unit to all at 0.20 (Al-doped LLZO needs about 0.2 Al to stay cubic at room
//!   temperature); the rest is tetragonal;
//! - sintering too cool leaves the La2Zr2O7 pyrochlore of an unfinished reaction, up to half
//!   at 100 K below 1100 degC; too hot or too long loses lithium, which also leaves
//!   pyrochlore, `0.01 h exp((T - 1230) / 25)`;
//! - bulk conductivity mixes the phases' in log space and loses what the insulating
//!   pyrochlore (on the grain boundaries) blocks: `sigma = sigma_c^c sigma_t^(1 - c)
//!   (1 - f_pyro)^3`.
//!
//! A batch that sat in room air (a torn pouch: fault `AirExposedBatch`) arrives with the
//! water of those hours; maintenance of the store brings a new, sealed batch.

use serde::{Deserialize, Serialize};

use crate::controls::ReadoutDef;
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::lab::glovebox::ROOM_AIR_H2O_PPM;
use crate::sample::{Sample, SampleMaterial};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range, has_fault};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleStore {
    pub batch: String,
    pub material: SampleMaterial,
    /// A sample leaves the store every this many minutes.
    pub interval_min: f64,
    pub area_cm2: f64,
    pub mass_g: f64,
    /// Garnet: aluminium per formula unit.
    #[serde(default)]
    pub al_per_formula_unit: f64,
    /// Garnet: sintering temperature, degC, and time, h.
    #[serde(default)]
    pub sinter_temp_degc: f64,
    #[serde(default)]
    pub sinter_h: f64,
    /// Cathode: share of Li sites holding Ni.
    #[serde(default)]
    pub cation_mixing_frac: f64,
    #[serde(default)]
    pub model: StoreModel,
    #[serde(default)]
    pub samples_issued: u64,
}

/// Model constants of the batches ([D], conductivities from the literature's ranges).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreModel {
    pub cubic_sigma_s_per_cm: f64,
    pub tetragonal_sigma_s_per_cm: f64,
    pub sulfide_sigma_s_per_cm: f64,
    pub garnet_crystallite_nm: f64,
    pub cathode_crystallite_nm: f64,
}

impl Default for StoreModel {
    fn default() -> Self {
        Self {
            cubic_sigma_s_per_cm: 5e-4,
            tetragonal_sigma_s_per_cm: 1e-6,
            sulfide_sigma_s_per_cm: 2e-3,
            garnet_crystallite_nm: 150.0,
            cathode_crystallite_nm: 80.0,
        }
    }
}

impl SampleStore {
    /// Cubic share of the garnet for the batch's aluminium.
    pub fn cubic_share(&self) -> f64 {
        ((self.al_per_formula_unit - 0.05) / 0.15).clamp(0.0, 1.0)
    }

    /// Pyrochlore (La2Zr2O7) weight share from the batch's sintering.
    pub fn pyrochlore_frac(&self) -> f64 {
        let unfinished = 0.5 * ((1100.0 - self.sinter_temp_degc) / 100.0).clamp(0.0, 1.0);
        let li_loss = 0.01 * self.sinter_h * libm::exp((self.sinter_temp_degc - 1230.0) / 25.0);
        (unfinished + li_loss).clamp(0.0, 0.9)
    }

    fn make(&self, station: u16, air_h: f64) -> Sample {
        let m = &self.model;
        let (phases, sigma, crystallite) = match self.material {
            SampleMaterial::Garnet => {
                let c = self.cubic_share();
                let pyro = self.pyrochlore_frac();
                let sigma = libm::pow(m.cubic_sigma_s_per_cm, c)
                    * libm::pow(m.tetragonal_sigma_s_per_cm, 1.0 - c)
                    * libm::pow(1.0 - pyro, 3.0);
                let mut phases = Vec::new();
                for (name, w) in [("llzo-cubic", (1.0 - pyro) * c), ("llzo-tetragonal", (1.0 - pyro) * (1.0 - c))] {
                    if w > 1e-6 {
                        phases.push((name.to_string(), w));
                    }
                }
                if pyro > 1e-6 {
                    phases.push(("la2zr2o7".to_string(), pyro));
                }
                (phases, sigma, m.garnet_crystallite_nm)
            }
            SampleMaterial::Cathode => (vec![("nmc811".to_string(), 1.0)], 0.0, m.cathode_crystallite_nm),
            SampleMaterial::Sulfide => (Vec::new(), m.sulfide_sigma_s_per_cm, m.garnet_crystallite_nm),
        };
        Sample {
            material: self.material,
            batch: self.batch.clone(),
            mass_g: self.mass_g,
            area_cm2: self.area_cm2,
            phases,
            crystallite_nm: crystallite,
            cation_mixing_frac: if self.material == SampleMaterial::Cathode { self.cation_mixing_frac } else { 0.0 },
            bulk_sigma_s_per_cm: sigma,
            air_exposure_ppm_h: air_h * ROOM_AIR_H2O_PPM,
            box_exposure_ppm_h: 0.0,
            box_station: None,
            source_station: station,
            li_loss_station: None,
            carbonate_removed_nm: 0.0,
            films: Vec::new(),
            defects: Vec::new(),
            passport: Vec::new(),
        }
    }
}

impl StationModel for SampleStore {
    const LABEL: &'static str = "sample store";
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("samples_issued", "Samples issued", "", |s, _| Some(s.samples_issued as f64)),
        ReadoutDef::number("certificate_al_per_fu", "Certificate: Al per formula unit", "", |s, _| {
            (s.material == SampleMaterial::Garnet).then_some(s.al_per_formula_unit)
        }),
        ReadoutDef::number("certificate_sinter_temp_degc", "Certificate: sintering temperature", "degC", |s, _| {
            (s.material == SampleMaterial::Garnet).then_some(s.sinter_temp_degc)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "interval_min", self.interval_min, 1.0, 1440.0, "min");
        check_range(issues, path, "area_cm2", self.area_cm2, 0.01, 1000.0, "cm2");
        check_range(issues, path, "mass_g", self.mass_g, 0.001, 1000.0, "g");
        check_range(issues, path, "cation_mixing_frac", self.cation_mixing_frac, 0.0, 0.3, "");
        if self.material == SampleMaterial::Garnet {
            check_range(issues, path, "al_per_formula_unit", self.al_per_formula_unit, 0.0, 0.5, "");
            check_range(issues, path, "sinter_temp_degc", self.sinter_temp_degc, 800.0, 1350.0, "degC");
            check_range(issues, path, "sinter_h", self.sinter_h, 0.5, 48.0, "h");
        }
    }

    fn takes_input(&self) -> bool {
        false
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::AirExposedBatch { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let air_h = match has_fault(ctx.faults, |f| matches!(f, Fault::AirExposedBatch { .. })) {
            Some(f) => match f.fault {
                Fault::AirExposedBatch { hours } => hours,
                _ => 0.0,
            },
            None => 0.0,
        };
        self.samples_issued += 1;
        unit.payload = Payload::Sample(Box::new(self.make(ctx.station, air_h)));
        CycleReport { cycle_time_ms: secs_to_ms(60.0 * self.interval_min), quantity: 1.0, ..Default::default() }
    }
}

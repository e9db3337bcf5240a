//! Anneal furnace at the glovebox's antechamber: heats pellets under vacuum before they are
//! taken in, to clean their surface.
//!
//! Relations (reference section 7: the LiOH / Li2CO3 layer on garnet goes on heating, about
//! 300 degC in vacuum, 500-750 degC also reported; [D] constants):
//! - the layer is removed at a rate that follows Arrhenius, `r = r_500 exp(-Ea/k (1/T -
//!   1/773 K))`, with `Ea` 0.6 eV and `r_500` 50 nm/h: about 2 nm/h at 300 degC, 13 nm/h at
//!   400 degC, 50 nm/h at 500 degC;
//! - above about 900 degC the garnet loses lithium and turns partly to La2Zr2O7,
//!   `0.03 t exp((T - 1000) / 40)` of it, which lowers its conductivity as the store's batch
//!   relation does: a cleaner surface bought with a worse bulk.
//!
//! At 25 degC the furnace is off: pellets pass through the antechamber in five minutes.

use serde::{Deserialize, Serialize};

use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::sample::{BOLTZMANN_EV_PER_K, SampleMaterial};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnealFurnace {
    /// Anneal temperature, degC (25: off).
    pub anneal_degc: f64,
    pub anneal_h: f64,
    #[serde(default)]
    pub model: FurnaceModel,
    /// Layer removed from the last sample, nm.
    #[serde(default)]
    pub last_removed_nm: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FurnaceModel {
    pub removal_nm_per_h_at_500: f64,
    pub removal_activation_ev: f64,
    /// Below this the furnace counts as off, degC.
    pub off_below_degc: f64,
    pub antechamber_min: f64,
    /// Heating up and cooling down, h.
    pub ramp_h: f64,
    /// Temperature the lithium-loss exponential is anchored at, degC.
    pub li_loss_onset_degc: f64,
}

impl Default for FurnaceModel {
    fn default() -> Self {
        Self {
            removal_nm_per_h_at_500: 50.0,
            removal_activation_ev: 0.6,
            off_below_degc: 50.0,
            antechamber_min: 5.0,
            ramp_h: 0.25,
            li_loss_onset_degc: 1000.0,
        }
    }
}

impl AnnealFurnace {
    /// Rate the surface layer goes at `temp_degc`, nm/h.
    pub fn removal_nm_per_h(&self, temp_degc: f64) -> f64 {
        let m = &self.model;
        let t = temp_degc + 273.15;
        m.removal_nm_per_h_at_500 * libm::exp(-m.removal_activation_ev / BOLTZMANN_EV_PER_K * (1.0 / t - 1.0 / 773.15))
    }

    /// La2Zr2O7 share formed by an anneal, from lithium loss.
    pub fn li_loss_frac(&self) -> f64 {
        (0.03 * self.anneal_h * libm::exp((self.anneal_degc - self.model.li_loss_onset_degc) / 40.0)).clamp(0.0, 0.9)
    }

    fn is_on(&self) -> bool {
        self.anneal_degc >= self.model.off_below_degc && self.anneal_h > 0.0
    }
}

impl StationModel for AnnealFurnace {
    const LABEL: &'static str = "anneal furnace";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "anneal_degc",
            "Anneal temperature",
            "degC",
            (25.0, 1100.0, 25.0),
            |s, _| s.anneal_degc,
            |s, _, v| s.anneal_degc = v,
        ),
        ControlDef::new("anneal_h", "Anneal time", "h", (0.0, 12.0, 0.5), |s, _| s.anneal_h, |s, _, v| s.anneal_h = v),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "anneal_degc", self.anneal_degc, 25.0, 1100.0, "degC");
        check_range(issues, path, "anneal_h", self.anneal_h, 0.0, 12.0, "h");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let m = &self.model;
        let mut hours = m.antechamber_min / 60.0;
        if let Payload::Sample(sample) = &mut unit.payload
            && self.is_on()
        {
            hours += self.anneal_h + m.ramp_h;
            let removable = sample.carbonate_nm();
            let removed = (self.removal_nm_per_h(self.anneal_degc) * self.anneal_h).min(removable);
            sample.carbonate_removed_nm += removed;
            self.last_removed_nm = Some(removed);
            if sample.material == SampleMaterial::Garnet {
                let loss = self.li_loss_frac();
                if loss > 1e-6 {
                    let keep = 1.0 - loss;
                    for (_, w) in sample.phases.iter_mut() {
                        *w *= keep;
                    }
                    match sample.phases.iter_mut().find(|(n, _)| n == "la2zr2o7") {
                        Some((_, w)) => *w += loss,
                        None => sample.phases.push(("la2zr2o7".into(), loss)),
                    }
                    sample.bulk_sigma_s_per_cm *= keep * keep * keep;
                    sample.li_loss_station = Some(ctx.station);
                }
            }
        }
        CycleReport { cycle_time_ms: secs_to_ms(hours * 3600.0), quantity: 1.0, ..Default::default() }
    }
}

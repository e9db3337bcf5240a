//! A glovebox's atmosphere: argon with traces of water and oxygen, kept down by a purifier
//! (molecular sieve for water, a copper catalyst for oxygen) through which the box gas
//! circulates (reference section 7).
//!
//! Relations (a well-mixed box; [D] constants):
//! - `dC/dt = Q / V - (F eta / V) C` for each trace gas, in ppm: `Q` the ingress (permeation
//!   through gloves and seals, a leak of room air, what each antechamber cycle lets in), `F`
//!   the circulation through the purifier, `eta` the share it removes in one pass. Solved
//!   exactly over a step with the step's rates, so any step length is stable; the steady
//!   state is `C = Q / (F eta)`;
//! - the purifier loads with what it removes; its removal falls as its bed fills,
//!   `eta = eta_0 sqrt(1 - load / capacity)`, and nothing is removed once it is full
//!   (breakthrough);
//! - regeneration (heating the bed under forming gas) takes hours during which nothing is
//!   removed; then the bed is empty again;
//! - what is handled inside takes up the box's water and oxygen as exposure, ppm h.

use serde::{Deserialize, Serialize};

/// Water in room air at 22 degC and 50 % relative humidity, ppm (by volume).
pub const ROOM_AIR_H2O_PPM: f64 = 13_000.0;
/// Oxygen in air, ppm.
pub const AIR_O2_PPM: f64 = 209_500.0;

/// A glovebox's build and its purifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GloveboxSpec {
    pub volume_m3: f64,
    /// Box gas circulated through the purifier, m3/h.
    pub circulation_m3_per_h: f64,
    /// Share of the water and oxygen a fresh purifier removes in one pass.
    pub removal_efficiency: f64,
    /// Water vapour the molecular sieve holds before it breaks through, L.
    pub h2o_capacity_l: f64,
    /// Oxygen the copper catalyst binds before it is spent, L.
    pub o2_capacity_l: f64,
    /// Water and oxygen permeating through gloves and seals, mL/h.
    pub permeation_h2o_ml_per_h: f64,
    pub permeation_o2_ml_per_h: f64,
    /// Room air an antechamber cycle leaves behind after its evacuations, mL.
    pub antechamber_residual_air_ml: f64,
    /// Hours a regeneration takes.
    pub regeneration_h: f64,
}

impl Default for GloveboxSpec {
    fn default() -> Self {
        Self {
            volume_m3: 1.2,
            circulation_m3_per_h: 30.0,
            removal_efficiency: 0.99,
            h2o_capacity_l: 60.0,
            o2_capacity_l: 40.0,
            permeation_h2o_ml_per_h: 2.0,
            permeation_o2_ml_per_h: 1.0,
            antechamber_residual_air_ml: 30.0,
            regeneration_h: 8.0,
        }
    }
}

/// The box's state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Atmosphere {
    pub h2o_ppm: f64,
    pub o2_ppm: f64,
    /// Water and oxygen in the purifier's bed, L.
    pub h2o_loaded_l: f64,
    pub o2_loaded_l: f64,
    /// Hours of regeneration left (none: purifying).
    pub regenerating_h: Option<f64>,
    /// Water and oxygen exposure of what is inside, ppm h.
    pub h2o_exposure_ppm_h: f64,
    pub o2_exposure_ppm_h: f64,
}

/// What comes into the box besides permeation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ingress {
    /// Room air leaking in (a torn glove, a loose seal), L/h.
    pub leak_air_l_per_h: f64,
    /// Antechamber cycles an hour.
    pub antechamber_cycles_per_h: f64,
}

impl GloveboxSpec {
    /// The purifier's share removed in one pass at `load` of `capacity`.
    fn efficiency(&self, load: f64, capacity: f64, regenerating: bool) -> f64 {
        if regenerating || capacity <= 0.0 {
            return 0.0;
        }
        self.removal_efficiency * libm::sqrt((1.0 - load / capacity).clamp(0.0, 1.0))
    }

    /// Advances `box_` by `dt_h` hours with `ingress`.
    pub fn advance(&self, box_: &mut Atmosphere, ingress: Ingress, dt_h: f64) {
        if !(dt_h > 0.0 && dt_h.is_finite()) {
            return;
        }
        let regenerating = box_.regenerating_h.is_some();
        let volume_l = (self.volume_m3 * 1000.0).max(1e-3);
        let air_l_per_h = ingress.leak_air_l_per_h.max(0.0)
            + ingress.antechamber_cycles_per_h.max(0.0) * self.antechamber_residual_air_ml / 1000.0;
        let gases = [
            (self.permeation_h2o_ml_per_h / 1000.0 + air_l_per_h * ROOM_AIR_H2O_PPM * 1e-6, self.h2o_capacity_l),
            (self.permeation_o2_ml_per_h / 1000.0 + air_l_per_h * AIR_O2_PPM * 1e-6, self.o2_capacity_l),
        ];
        for (k, (inflow_l_per_h, capacity)) in gases.into_iter().enumerate() {
            let (c, load, exposure) = if k == 0 {
                (&mut box_.h2o_ppm, &mut box_.h2o_loaded_l, &mut box_.h2o_exposure_ppm_h)
            } else {
                (&mut box_.o2_ppm, &mut box_.o2_loaded_l, &mut box_.o2_exposure_ppm_h)
            };
            let source_ppm_per_h = inflow_l_per_h / volume_l * 1e6;
            let eta = self.efficiency(*load, capacity, regenerating);
            let rate = self.circulation_m3_per_h * 1000.0 * eta / volume_l; // 1/h
            let start = *c;
            let mean = if rate > 1e-12 {
                let steady = source_ppm_per_h / rate;
                let decay = libm::exp(-rate * dt_h);
                *c = steady + (start - steady) * decay;
                steady + (start - steady) * (1.0 - decay) / (rate * dt_h)
            } else {
                *c = start + source_ppm_per_h * dt_h;
                (start + *c) / 2.0
            };
            *c = c.clamp(0.0, 1e6);
            // What the purifier took out, L.
            *load += self.circulation_m3_per_h * 1000.0 * eta * mean * 1e-6 * dt_h;
            *load = load.min(capacity.max(0.0));
            *exposure += mean * dt_h;
        }
        if let Some(left) = box_.regenerating_h.as_mut() {
            *left -= dt_h;
            if *left <= 1e-9 {
                box_.regenerating_h = None;
                box_.h2o_loaded_l = 0.0;
                box_.o2_loaded_l = 0.0;
            }
        }
    }

    /// Starts regenerating the purifier.
    pub fn regenerate(&self, box_: &mut Atmosphere) {
        box_.regenerating_h = Some(self.regeneration_h.max(0.0));
    }

    /// The water a box settles at with permeation alone and a fresh purifier, ppm.
    pub fn clean_h2o_ppm(&self) -> f64 {
        let volume_l = self.volume_m3 * 1000.0;
        let source = self.permeation_h2o_ml_per_h / 1000.0 / volume_l * 1e6;
        source / (self.circulation_m3_per_h * 1000.0 * self.removal_efficiency / volume_l).max(1e-12)
    }
}

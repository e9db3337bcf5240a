//! Slurry mixer: makes a slurry batch from the recipe (a source station; raw materials are
//! always available).
//!
//! Relations (reference section 1):
//! - solids volume fraction from the mass fraction and densities, Krieger-Dougherty
//!   relative viscosity `eta_r = (1 - phi/phi_max)^(-[eta] phi_max)` on the binder solution's
//!   viscosity, power-law shear thinning `eta = K gamma^(n-1)` (see [`SlurryBatch`]);
//! - viscosity falls 3-7 %/degC with temperature (`exp(-b (T - 25))`).
//!
//! Simplifications, all tunable in [`MixerModel`] ([D] in the reference):
//! - dispersion: mixing energy index `E = (N/N_ref)^2 * t/t_ref`; agglomerates break up with
//!   first-order kinetics `A = exp(-E / E_c)`; agglomerates raise viscosity by `(1 + k A)`;
//! - air: entrained in proportion to speed, removed under vacuum with a time constant that
//!   grows with viscosity (Stokes rise velocity ~ 1/eta): `air = air_0 exp(-t_vac / (tau_ref eta))`.
//!
//! Measurements an operator gets: viscometer at 10 1/s (+-3 %), grind gauge (Hegman) and a
//! density cup (air shows as a density deficit).

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::product::{Recipe, SlurryBatch};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, LotChange, ProcessAlarm, StationModel, check_range};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mixer {
    pub recipe: Recipe,
    pub batch_volume_l: f64,
    pub mixing_speed_rpm: f64,
    pub mixing_time_min: f64,
    /// Vacuum de-aeration after mixing, minutes (0 = none).
    pub deaeration_min: f64,
    /// Jacket temperature, degC.
    pub temperature_degc: f64,
    /// Filling, discharge and cleaning per batch, minutes.
    #[serde(default = "default_handling_min")]
    pub handling_min: f64,
    #[serde(default)]
    pub model: MixerModel,
    /// What the last batch measured (set by the simulation).
    #[serde(default)]
    pub last: Option<MixerReading>,
}

fn default_handling_min() -> f64 {
    10.0
}

/// Model constants of the mixer ([D]: plausible defaults, tune per mixer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MixerModel {
    pub reference_speed_rpm: f64,
    pub reference_time_min: f64,
    /// Mixing energy index at which agglomerates fall to 1/e.
    pub dispersion_energy: f64,
    /// Viscosity raise per unit agglomerate level.
    pub agglomerate_viscosity_gain: f64,
    /// Air entrained at the reference speed, volume fraction.
    pub entrained_air_frac: f64,
    /// De-aeration time constant per Pa s of viscosity, minutes.
    pub deaeration_tau_min_per_pa_s: f64,
    /// Batch QC limits: agglomerate level and air fraction above which a batch is defective.
    pub agglomerate_spec_level: f64,
    pub air_spec_frac: f64,
}

impl Default for MixerModel {
    fn default() -> Self {
        Self {
            reference_speed_rpm: 60.0,
            reference_time_min: 45.0,
            dispersion_energy: 0.4,
            agglomerate_viscosity_gain: 0.6,
            entrained_air_frac: 0.03,
            deaeration_tau_min_per_pa_s: 1.2,
            agglomerate_spec_level: 0.15,
            air_spec_frac: 0.01,
        }
    }
}

/// QC measurements of a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MixerReading {
    pub viscosity_pa_s: f64,
    pub grind_um: f64,
    pub density_g_per_cm3: f64,
    pub solids_pct: f64,
}

impl Mixer {
    /// Agglomerate level after mixing, 0..1.
    pub fn agglomerate_level(&self) -> f64 {
        let m = &self.model;
        let speed = self.mixing_speed_rpm / m.reference_speed_rpm;
        let energy = speed * speed * self.mixing_time_min / m.reference_time_min;
        libm::exp(-energy / m.dispersion_energy)
    }

    /// The batch this mixer makes with its present settings (no measurement noise).
    pub fn make_batch(&self, mixed_at_ms: u64) -> SlurryBatch {
        let m = &self.model;
        let agglomerate_level = self.agglomerate_level();
        let viscosity = self.recipe.binder_solution_viscosity_pa_s
            * self.recipe.relative_viscosity()
            * (1.0 + m.agglomerate_viscosity_gain * agglomerate_level);
        let air_0 = m.entrained_air_frac * self.mixing_speed_rpm / m.reference_speed_rpm;
        let tau_min = (m.deaeration_tau_min_per_pa_s * viscosity).max(1e-6);
        let air_frac = air_0 * libm::exp(-self.deaeration_min / tau_min);
        SlurryBatch {
            recipe: self.recipe.clone(),
            volume_l: self.batch_volume_l,
            viscosity_at_10_per_s_pa_s: viscosity,
            flow_index: self.recipe.flow_index,
            agglomerate_level,
            air_frac,
            temperature_degc: self.temperature_degc,
            mixed_at_ms,
            passport: Vec::new(),
        }
    }

    pub fn cycle_time_ms(&self) -> u64 {
        secs_to_ms(60.0 * (self.mixing_time_min + self.deaeration_min + self.handling_min))
    }
}

impl StationModel for Mixer {
    const LABEL: &'static str = "slurry mixer";
    const QUANTITY_UNIT: &'static str = "L";
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Slurry);
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "solids_pct",
            "Recipe solids",
            "wt%",
            (35.0, 80.0, 0.5),
            |s, _| 100.0 * s.recipe.solids_frac,
            |s, _, v| s.recipe.solids_frac = v / 100.0,
        ),
        ControlDef::new(
            "mixing_speed_rpm",
            "Mixing speed",
            "rpm",
            (10.0, 120.0, 1.0),
            |s, _| s.mixing_speed_rpm,
            |s, _, v| s.mixing_speed_rpm = v,
        ),
        ControlDef::new(
            "mixing_time_min",
            "Mixing time",
            "min",
            (5.0, 240.0, 5.0),
            |s, _| s.mixing_time_min,
            |s, _, v| s.mixing_time_min = v,
        ),
        ControlDef::new(
            "deaeration_min",
            "Vacuum de-aeration",
            "min",
            (0.0, 60.0, 1.0),
            |s, _| s.deaeration_min,
            |s, _, v| s.deaeration_min = v,
        ),
        ControlDef::new(
            "temperature_degc",
            "Jacket temperature",
            "degC",
            (15.0, 45.0, 0.5),
            |s, _| s.temperature_degc,
            |s, _, v| s.temperature_degc = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("batch_volume_l", "Batch volume", "L", |s, _| Some(s.batch_volume_l)),
        ReadoutDef::number("viscosity_pa_s", "Viscosity at 10 1/s (last batch)", "Pa s", |s, _| {
            s.last.as_ref().map(|l| l.viscosity_pa_s)
        }),
        ReadoutDef::number("grind_um", "Grind gauge (last batch)", "um", |s, _| s.last.as_ref().map(|l| l.grind_um)),
        ReadoutDef::number("density_g_per_cm3", "Density cup (last batch)", "g/cm3", |s, _| {
            s.last.as_ref().map(|l| l.density_g_per_cm3)
        }),
        ReadoutDef::number("solids_pct", "Solids, oven test (last batch)", "wt%", |s, _| {
            s.last.as_ref().map(|l| l.solids_pct)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        validate_recipe(&self.recipe, &path.clone().field("recipe"), issues);
        check_range(issues, path, "batch_volume_l", self.batch_volume_l, 1.0, 5000.0, "L");
        check_range(issues, path, "mixing_speed_rpm", self.mixing_speed_rpm, 1.0, 200.0, "rpm");
        check_range(issues, path, "mixing_time_min", self.mixing_time_min, 1.0, 600.0, "min");
        check_range(issues, path, "deaeration_min", self.deaeration_min, 0.0, 240.0, "min");
        check_range(issues, path, "temperature_degc", self.temperature_degc, 5.0, 60.0, "degC");
        check_range(issues, path, "handling_min", self.handling_min, 0.0, 240.0, "min");
    }

    /// A mixer is always a source: it takes raw materials, not units from a buffer.
    fn takes_input(&self) -> bool {
        false
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let cycle_time_ms = self.cycle_time_ms();
        let batch = self.make_batch(ctx.now_ms.saturating_add(cycle_time_ms));
        let rng = &mut *ctx.rng;
        self.last = Some(MixerReading {
            viscosity_pa_s: batch.viscosity_pa_s(10.0) * (1.0 + rng::normal(rng, 0.0, 0.03)),
            grind_um: (8.0 + 60.0 * batch.agglomerate_level + rng::normal(rng, 0.0, 2.0)).max(0.0),
            density_g_per_cm3: batch.recipe.slurry_density_g_per_cm3() * (1.0 - batch.air_frac)
                + rng::normal(rng, 0.0, 0.004),
            solids_pct: 100.0 * batch.recipe.solids_frac + rng::normal(rng, 0.0, 0.2),
        });
        let volume = batch.volume_l;
        let mut report = CycleReport { cycle_time_ms, quantity: volume, ..Default::default() };
        // Batch QC: a batch over the grind or air specification leaves the mixer defective.
        if batch.agglomerate_level > self.model.agglomerate_spec_level || batch.air_frac > self.model.air_spec_frac {
            report.alarms.push(ProcessAlarm::new("batch_qc", AlarmPriority::Low, Message::new("alarm-mixer-batch-qc")));
        }
        if batch.agglomerate_level > self.model.agglomerate_spec_level {
            report.add_defective("batch-agglomerates-over-spec", volume);
        } else if batch.air_frac > self.model.air_spec_frac {
            report.add_defective("batch-air-over-spec", volume);
        }
        unit.payload = Payload::Slurry(batch);
        report
    }

    /// A new material lot: binder solution viscosity and powder dispersibility scale by these
    /// factors (a harder-to-disperse powder needs more mixing energy).
    fn change_lot(&mut self, lot: &LotChange) -> Result<(), String> {
        for (name, f) in
            [("binder_viscosity_factor", lot.binder_viscosity_factor), ("dispersion_factor", lot.dispersion_factor)]
        {
            if !(f.is_finite() && (0.2..=5.0).contains(&f)) {
                return Err(format!("{name} must be in 0.2..5, got {f}"));
            }
        }
        self.recipe.binder_solution_viscosity_pa_s *= lot.binder_viscosity_factor;
        self.model.dispersion_energy *= lot.dispersion_factor;
        Ok(())
    }

    fn takes_lots(&self) -> bool {
        true
    }
}

/// Checks a recipe's numbers (used by the mixer, which carries it).
pub fn validate_recipe(r: &Recipe, path: &FieldPath, issues: &mut Issues) {
    check_range(issues, path, "solids_frac", r.solids_frac, 0.05, 0.9, "");
    check_range(issues, path, "active_frac", r.active_frac, 0.1, 1.0, "");
    check_range(issues, path, "specific_capacity_mah_per_g", r.specific_capacity_mah_per_g, 1.0, 4000.0, "mAh/g");
    check_range(issues, path, "solid_density_g_per_cm3", r.solid_density_g_per_cm3, 0.5, 10.0, "g/cm3");
    check_range(issues, path, "liquid_density_g_per_cm3", r.liquid_density_g_per_cm3, 0.5, 3.0, "g/cm3");
    check_range(issues, path, "binder_solution_viscosity_pa_s", r.binder_solution_viscosity_pa_s, 1e-3, 100.0, "Pa s");
    check_range(issues, path, "max_packing_frac", r.max_packing_frac, 0.3, 0.74, "");
    check_range(issues, path, "intrinsic_viscosity", r.intrinsic_viscosity, 1.0, 10.0, "");
    check_range(issues, path, "flow_index", r.flow_index, 0.1, 1.0, "");
    check_range(issues, path, "viscosity_temp_coeff_per_degc", r.viscosity_temp_coeff_per_degc, 0.0, 0.2, "1/degC");
    check_range(issues, path, "surface_tension_n_per_m", r.surface_tension_n_per_m, 0.01, 0.1, "N/m");
    check_range(issues, path, "solvent_latent_heat_j_per_kg", r.solvent_latent_heat_j_per_kg, 1e5, 3e6, "J/kg");
    check_range(issues, path, "wet_bulb_temp_degc", r.wet_bulb_temp_degc, 0.0, 100.0, "degC");
    check_range(issues, path, "solvent_boiling_point_degc", r.solvent_boiling_point_degc, 30.0, 300.0, "degC");
    check_range(issues, path, "dried_porosity_frac", r.dried_porosity_frac, 0.1, 0.8, "");
    check_range(issues, path, "min_porosity_frac", r.min_porosity_frac, 0.01, 0.6, "");
    check_range(
        issues,
        path,
        "compaction_resistance_n_per_mm",
        r.compaction_resistance_n_per_mm,
        10.0,
        10_000.0,
        "N/mm",
    );
    check_range(issues, path, "target_porosity_frac", r.target_porosity_frac, 0.05, 0.8, "");
    check_range(issues, path, "porosity_tolerance_frac", r.porosity_tolerance_frac, 0.001, 0.3, "");
    check_range(issues, path, "target_loading_mg_per_cm2", r.target_loading_mg_per_cm2, 0.1, 100.0, "mg/cm2");
    check_range(issues, path, "loading_tolerance_frac", r.loading_tolerance_frac, 0.001, 0.5, "");
    check_range(issues, path, "residual_solvent_spec_ppm", r.residual_solvent_spec_ppm, 1.0, 100_000.0, "ppm");
    if r.min_porosity_frac >= r.dried_porosity_frac {
        issues.push(path.clone().field("min_porosity_frac"), "the minimum porosity must be below the dried porosity");
    }
    if r.solids_volume_frac() >= r.max_packing_frac {
        issues.push(
            path.clone().field("solids_frac"),
            format!(
                "solids volume fraction {:.3} reaches the maximum packing {:.3}: the slurry would not flow",
                r.solids_volume_frac(),
                r.max_packing_frac
            ),
        );
    }
}

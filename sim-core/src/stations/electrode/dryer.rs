//! Convective dryer with several zones: evaporates the solvent from the wet coating.
//!
//! Relations (reference section 3):
//! - constant-rate period near the wet-bulb temperature: flux `m_dot = h (T_air - T_wb) / dH_v`,
//!   heat transfer growing with air velocity as `h = h_ref (v / v_ref)^0.7` ([D] exponent);
//! - falling-rate period once the solvent falls below a critical content `X_c` (pores
//!   empty): `dX/dt = -m_dot X / X_c` (linear falling rate, exponential decay) ([D] form);
//! - fast drying drives binder to the surface: binder migration index
//!   `BMI = (m_dot_max / m_ref) (h_wet / h_ref)` (Font et al. 2018 trend; [D] form);
//! - cracking above a critical cracking thickness that falls with drying rate:
//!   `h_crit = h_crit_ref sqrt(m_ref / m_dot_max)` ([D] form);
//! - residual solvent approaches a sorption floor, not zero: an equilibrium with the vapour
//!   left in the last zone's air, rising with recirculation and falling with the last zone's
//!   temperature, `X_eq = X_eq,ref (1 - f_fresh) / 0.8 exp(-(T_last - T_ref) / T_s)` (reference
//!   3b; [D] form and constants). Zone order therefore matters: a hot last zone takes the
//!   coating lower than the same temperatures in reverse;
//! - energy: heating the fresh share of the zone air, `P = m_air c_p (T - T_amb) f_fresh`,
//!   plus the latent heat of the solvent evaporated (NMP ~0.55 MJ/kg);
//! - exhaust safety: the solvent evaporated per second in the fresh air, as a share of the
//!   lower explosive limit (NMP ~1.3 vol %); practice keeps it at or below 25 % LEL (NFPA 86),
//!   so above that the dryer raises an alarm.
//!
//! The web passes the dryer at the coating speed; residence time per zone = zone length / U.
//! A failed zone heater leaves that zone at ambient temperature.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef, Repeat};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::{DefectKind, cause_key};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

pub const AMBIENT_DEGC: f64 = 22.0;
const AIR_CP_J_PER_KG_K: f64 = 1006.0;
/// Molar mass of air, g/mol.
const AIR_G_PER_MOL: f64 = 28.97;
/// Exhaust solvent above this share of the LEL raises an alarm (NFPA 86 practice).
const LEL_ALARM_PCT: f64 = 25.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DryerZone {
    pub air_temp_degc: f64,
    pub air_velocity_m_per_s: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dryer {
    pub zone_length_m: f64,
    pub zones: Vec<DryerZone>,
    #[serde(default)]
    pub model: DryerModel,
    #[serde(default)]
    pub last: Option<DryerReading>,
}

/// Model constants of the dryer ([D]: plausible defaults, tune per dryer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DryerModel {
    pub heat_transfer_ref_w_per_m2_k: f64,
    pub air_velocity_ref_m_per_s: f64,
    pub velocity_exponent: f64,
    /// Critical solvent content as a fraction of the initial content.
    pub critical_solvent_frac: f64,
    /// Reference drying rate and wet thickness of the migration and cracking relations.
    pub reference_rate_g_per_m2_s: f64,
    pub reference_wet_thickness_um: f64,
    pub migration_limit: f64,
    pub critical_crack_thickness_um: f64,
    /// Air mass flow per zone per m/s of nozzle velocity, kg/s.
    pub air_flow_kg_per_s_per_m_per_s: f64,
    /// Share of the zone air that is fresh (the rest is recirculated).
    pub fresh_air_frac: f64,
    /// Sorption floor of residual solvent at the reference last-zone temperature and 80 %
    /// recirculation, ppm of dry coating mass, and how fast it falls with temperature.
    pub sorption_floor_ref_ppm: f64,
    pub sorption_floor_ref_temp_degc: f64,
    pub sorption_floor_temp_scale_degc: f64,
}

impl Default for DryerModel {
    fn default() -> Self {
        Self {
            heat_transfer_ref_w_per_m2_k: 20.0,
            air_velocity_ref_m_per_s: 10.0,
            velocity_exponent: 0.7,
            critical_solvent_frac: 0.15,
            reference_rate_g_per_m2_s: 2.5,
            reference_wet_thickness_um: 150.0,
            migration_limit: 1.6,
            critical_crack_thickness_um: 180.0,
            // Sized so that the reference cathode line (0.6 m at 20 m/min, ~26 g/s of NMP)
            // keeps its exhaust near 20 % of the LEL: about 3 kg/s of fresh air, which also
            // puts the specific drying energy near 0.5 kWh/m2.
            air_flow_kg_per_s_per_m_per_s: 0.15,
            fresh_air_frac: 0.5,
            sorption_floor_ref_ppm: 60.0,
            sorption_floor_ref_temp_degc: 140.0,
            sorption_floor_temp_scale_degc: 25.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DryerReading {
    /// Zone air temperatures as the thermocouples read them, degC.
    pub zone_temps_degc: Vec<f64>,
    pub energy_kwh: f64,
    pub energy_kwh_per_m2: f64,
    /// Solvent vapour in the exhaust over the roll, % of the lower explosive limit (none for
    /// a solvent that does not burn).
    #[serde(default)]
    pub exhaust_lel_pct: Option<f64>,
}

/// Result of drying one metre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DryingResult {
    pub residual_solvent_g_per_m2: f64,
    pub max_rate_g_per_m2_s: f64,
}

impl Dryer {
    /// Zone air temperatures with failed heaters at ambient.
    fn effective_temps(&self, ctx: &CycleContext) -> Vec<f64> {
        self.zones
            .iter()
            .enumerate()
            .map(|(i, z)| {
                let failed =
                    has_fault(ctx.faults, |f| matches!(f, Fault::HeaterFailure { zone } if *zone == i + 1)).is_some();
                if failed { AMBIENT_DEGC + 8.0 } else { z.air_temp_degc }
            })
            .collect()
    }

    /// Constant-rate flux of zone `i` at air temperature `t_air`, g/(m2 s).
    pub fn zone_rate_g_per_m2_s(
        &self,
        i: usize,
        t_air_degc: f64,
        latent_heat_j_per_kg: f64,
        wet_bulb_degc: f64,
    ) -> f64 {
        let m = &self.model;
        let v = self.zones[i].air_velocity_m_per_s / m.air_velocity_ref_m_per_s;
        let h = m.heat_transfer_ref_w_per_m2_k * libm::pow(v.max(0.0), m.velocity_exponent);
        (h * (t_air_degc - wet_bulb_degc)).max(0.0) / latent_heat_j_per_kg * 1000.0
    }

    /// The residual solvent a coating of `dry_g_per_m2` cannot dry below, g/m2, with the
    /// last zone at `t_last_degc`.
    pub fn sorption_floor_g_per_m2(&self, dry_g_per_m2: f64, t_last_degc: f64) -> f64 {
        let m = &self.model;
        let recirculation = (1.0 - m.fresh_air_frac).clamp(0.0, 1.0) / 0.8;
        let warmth =
            libm::exp(-(t_last_degc - m.sorption_floor_ref_temp_degc) / m.sorption_floor_temp_scale_degc.max(1e-6))
                .min(1e6);
        (m.sorption_floor_ref_ppm * 1e-6 * dry_g_per_m2 * recirculation * warmth).max(0.0)
    }

    /// Dries one metre holding `solvent_g_per_m2` through the zones at `web_speed`, towards
    /// the sorption floor `floor_g_per_m2` in the falling-rate period.
    pub fn dry(
        &self,
        solvent_g_per_m2: f64,
        rates_g_per_m2_s: &[f64],
        web_speed_m_per_min: f64,
        floor_g_per_m2: f64,
    ) -> DryingResult {
        let residence_s = self.zone_length_m / (web_speed_m_per_min / 60.0).max(1e-6);
        let critical = self.model.critical_solvent_frac * solvent_g_per_m2;
        let mut x = solvent_g_per_m2;
        let mut max_rate: f64 = 0.0;
        for &rate in rates_g_per_m2_s {
            if rate <= 0.0 {
                continue;
            }
            let mut t = residence_s;
            if x > critical {
                max_rate = max_rate.max(rate);
                let t_constant = (x - critical) / rate;
                if t_constant >= t {
                    x -= rate * t;
                    continue;
                }
                x = critical;
                t -= t_constant;
            }
            if critical > 0.0 && x > floor_g_per_m2 {
                x = floor_g_per_m2 + (x - floor_g_per_m2) * libm::exp(-rate * t / critical);
            }
        }
        DryingResult { residual_solvent_g_per_m2: x.max(0.0), max_rate_g_per_m2_s: max_rate }
    }
}

impl StationModel for Dryer {
    const LABEL: &'static str = "dryer";
    const QUANTITY_UNIT: &'static str = "m";
    const INPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "zone{n}_temp_degc",
            "Zone {n} air temperature",
            "degC",
            (40.0, 180.0, 1.0),
            |s: &Dryer, i| s.zones.get(i).map_or(f64::NAN, |z| z.air_temp_degc),
            |s: &mut Dryer, i, v| {
                if let Some(z) = s.zones.get_mut(i) {
                    z.air_temp_degc = v
                }
            },
        )
        .repeated(Repeat::Numbered(|s| s.zones.len())),
        ControlDef::new(
            "zone{n}_air_m_per_s",
            "Zone {n} air velocity",
            "m/s",
            (2.0, 30.0, 0.5),
            |s: &Dryer, i| s.zones.get(i).map_or(f64::NAN, |z| z.air_velocity_m_per_s),
            |s: &mut Dryer, i, v| {
                if let Some(z) = s.zones.get_mut(i) {
                    z.air_velocity_m_per_s = v
                }
            },
        )
        .repeated(Repeat::Numbered(|s| s.zones.len())),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("zone{n}_measured_degc", "Zone {n} thermocouple", "degC", |s: &Dryer, i| {
            s.last.as_ref().and_then(|l| l.zone_temps_degc.get(i).copied())
        })
        .repeated(Repeat::Numbered(|s| s.zones.len())),
        ReadoutDef::number("energy_kwh", "Energy, last roll", "kWh", |s, _| s.last.as_ref().map(|l| l.energy_kwh)),
        ReadoutDef::number("energy_kwh_per_m2", "Specific energy", "kWh/m2", |s, _| {
            s.last.as_ref().map(|l| l.energy_kwh_per_m2)
        }),
        ReadoutDef::number("exhaust_lel_pct", "Exhaust solvent, share of LEL", "%", |s, _| {
            s.last.as_ref().and_then(|l| l.exhaust_lel_pct)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "zone_length_m", self.zone_length_m, 0.5, 100.0, "m");
        if self.zones.is_empty() || self.zones.len() > 12 {
            issues.push(path.clone().field("zones"), format!("a dryer has 1 to 12 zones, got {}", self.zones.len()));
        }
        for (i, z) in self.zones.iter().enumerate() {
            let p = path.clone().field("zones").index(i);
            check_range(issues, &p, "air_temp_degc", z.air_temp_degc, 20.0, 250.0, "degC");
            check_range(issues, &p, "air_velocity_m_per_s", z.air_velocity_m_per_s, 0.5, 40.0, "m/s");
        }
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Roll(roll) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = self.model.clone();
        let recipe = roll.recipe.clone();
        let temps = self.effective_temps(ctx);
        let failed_zone = temps.iter().zip(&self.zones).position(|(t, z)| *t < z.air_temp_degc);
        let rates: Vec<f64> = temps
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                self.zone_rate_g_per_m2_s(i, t, recipe.solvent_latent_heat_j_per_kg, recipe.wet_bulb_temp_degc)
            })
            .collect();
        let speed = roll.web_speed_m_per_min;
        let length_m = roll.length_m();
        let slurry_density = recipe.slurry_density_g_per_cm3();
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * length_m / speed.max(1e-6)),
            quantity: length_m,
            ..Default::default()
        };
        let solvent_cause = match failed_zone {
            Some(z) => format!("zone-{}-heater-failure", z + 1),
            None => "drying-too-short-or-too-cool".to_string(),
        };
        let t_last = temps.last().copied().unwrap_or(AMBIENT_DEGC);
        let mut evaporated_g = 0.0;
        for seg in &mut roll.segments {
            let solvent = seg.wet_thickness_um * slurry_density * (1.0 - recipe.solids_frac);
            let dry_g_per_m2 = seg.loading_mg_per_cm2 * 10.0;
            let floor = self.sorption_floor_g_per_m2(dry_g_per_m2, t_last);
            let result = self.dry(solvent, &rates, speed, floor);
            evaporated_g += (solvent - result.residual_solvent_g_per_m2).max(0.0) * seg.length_m * roll.coated_width_m;
            seg.residual_solvent_ppm = result.residual_solvent_g_per_m2 / dry_g_per_m2.max(1e-9) * 1e6;
            let rate_ratio = result.max_rate_g_per_m2_s / m.reference_rate_g_per_m2_s;
            seg.binder_migration_index = rate_ratio * seg.wet_thickness_um / m.reference_wet_thickness_um;
            if seg.residual_solvent_ppm > recipe.residual_solvent_spec_ppm {
                seg.add_defect(DefectKind::ResidualSolvent, here, &solvent_cause);
            }
            if seg.binder_migration_index > m.migration_limit {
                seg.add_defect(DefectKind::BinderMigration, here, "drying-too-fast");
            }
            let crack_limit = m.critical_crack_thickness_um / libm::sqrt(rate_ratio.max(1e-6));
            if seg.thickness_um > crack_limit {
                seg.add_defect(DefectKind::Cracking, here, "coating-too-thick-for-the-drying-rate");
            }
            for d in seg.defects.iter().filter(|d| d.origin == here) {
                report.add_defective(&cause_key(d.kind, &d.cause), seg.length_m);
            }
        }
        roll.steps.dried = true;
        // Energy: fresh-air heating of every zone over the roll's passage, and the latent
        // heat of the solvent evaporated.
        let hours = length_m / speed.max(1e-6) / 60.0;
        let power_w: f64 = temps
            .iter()
            .zip(&self.zones)
            .map(|(t, z)| {
                m.air_flow_kg_per_s_per_m_per_s
                    * z.air_velocity_m_per_s
                    * AIR_CP_J_PER_KG_K
                    * (t - AMBIENT_DEGC).max(0.0)
                    * m.fresh_air_frac
            })
            .sum();
        let latent_kwh = evaporated_g / 1000.0 * recipe.solvent_latent_heat_j_per_kg / 3.6e6;
        let energy_kwh = power_w * hours / 1000.0 + latent_kwh;
        report.energy_kwh = energy_kwh;
        // Exhaust: the solvent evaporated per second, diluted in the fresh air.
        let fresh_air_kg_per_s: f64 = self
            .zones
            .iter()
            .map(|z| m.air_flow_kg_per_s_per_m_per_s * z.air_velocity_m_per_s * m.fresh_air_frac)
            .sum();
        let solvent_mol_per_s =
            evaporated_g / (hours * 3600.0).max(1e-6) / recipe.solvent_molar_mass_g_per_mol.max(1e-6);
        let air_mol_per_s = fresh_air_kg_per_s * 1000.0 / AIR_G_PER_MOL;
        let vol_pct = 100.0 * solvent_mol_per_s / (air_mol_per_s + solvent_mol_per_s).max(1e-12);
        let exhaust_lel_pct = recipe.solvent_lel_vol_pct.filter(|l| *l > 0.0).map(|lel| 100.0 * vol_pct / lel);
        if let Some(exhaust_lel_pct) = exhaust_lel_pct.filter(|p| *p > LEL_ALARM_PCT) {
            report.alarms.push(ProcessAlarm::new(
                "exhaust_lel",
                AlarmPriority::High,
                Message::new("alarm-dryer-exhaust-lel").number("pct", exhaust_lel_pct, 0).number(
                    "limit",
                    LEL_ALARM_PCT,
                    0,
                ),
            ));
        }
        for (i, (t, z)) in temps.iter().zip(&self.zones).enumerate() {
            if *t < z.air_temp_degc - 15.0 {
                report.alarms.push(ProcessAlarm::new(
                    &format!("zone{}_temp_low", i + 1),
                    AlarmPriority::High,
                    Message::new("alarm-dryer-zone-temp-low").count("zone", i + 1).number("measured", *t, 0).number(
                        "set",
                        z.air_temp_degc,
                        0,
                    ),
                ));
            }
        }
        let area_m2 = length_m * roll.coated_width_m;
        self.last = Some(DryerReading {
            zone_temps_degc: temps.iter().map(|t| t + rng::normal(ctx.rng, 0.0, 0.5)).collect(),
            energy_kwh,
            energy_kwh_per_m2: energy_kwh / area_m2.max(1e-9),
            exhaust_lel_pct,
        });
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::HeaterFailure { zone } if *zone > self.zones.len() => {
                Err(format!("the dryer has {} zones, not {zone}", self.zones.len()))
            }
            Fault::HeaterFailure { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

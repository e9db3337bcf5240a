//! Convective dryer with several zones: evaporates the solvent from the wet coating.
//!
//! Over 500 lines on purpose: the drying relations, the zones' thermal lags and the
//! re-planning that applies them metre by metre share their state and helpers; apart they
//! would only pass them back and forth.
//!
//! Relations (reference section 3):
//! - constant-rate period at the film temperature: flux `m_dot = h (T_air - T_f) / dH_v`, heat
//!   transfer growing with air velocity as `h = h_ref (v / v_ref)^0.7` ([D] exponent). The film
//!   temperature comes from the film's steady energy balance, heat in = latent heat out with
//!   the evaporation driven by the solvent's vapour pressure over the film against the vapour
//!   already in the zone air: `T_air - T_f = A (p_sat(T_f) - p_v)` (the psychrometric
//!   relation; `p_sat` Clausius-Clapeyron from the boiling point). `A` is anchored so that the
//!   recipe's wet-bulb temperature is the film temperature in vapour-free air at 120 degC
//!   ([D] anchor). `p_v` is the solvent a metre brings in, diluted in the zones' fresh air:
//!   recirculation (less fresh air) and heavier coatings raise it and so the film
//!   temperature, and slow the drying (reference 3b);
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
//! The web passes the dryer at the speed each metre was coated at; residence time per zone =
//! zone length / U. Zone air temperatures follow their setpoints with a first-order lag,
//! `T(t) = T_set + (T_0 - T_set) exp(-t / tau)` (tau a few minutes, [D]); a failed zone
//! heater lets its zone cool towards ambient the same way. A continuous kind: a setpoint
//! change or a heater failure acts on the metres entering the dryer from then on, at the
//! temperatures the zones have when each metre passes them (the metres already inside keep
//! the drying they were planned with, a simplification of at most one dryer length).
//! Simplification: the zone-low alarm is raised when the heater fails, not when the
//! thermocouple crosses the limit a minute or two later.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef, Repeat};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::{DefectKind, cause_key};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, Replan, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

pub const AMBIENT_DEGC: f64 = 22.0;
const AIR_CP_J_PER_KG_K: f64 = 1006.0;
/// Molar mass of air, g/mol.
const AIR_G_PER_MOL: f64 = 28.97;
/// Exhaust solvent above this share of the LEL raises an alarm (NFPA 86 practice).
const LEL_ALARM_PCT: f64 = 25.0;
/// Air temperature at which a recipe's wet-bulb temperature is given (vapour-free air), degC.
const WET_BULB_AIR_DEGC: f64 = 120.0;
const ATMOSPHERE_PA: f64 = 101_325.0;

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
    /// Each zone's air temperature on its way to its target (empty: all at setpoint).
    #[serde(default)]
    pub thermal: Vec<ZoneThermal>,
    /// Energy and evaporated solvent of each metre of the roll in the dryer.
    #[serde(default)]
    pub pass: Vec<MetrePass>,
    /// What the zone thermocouples read now, degC.
    #[serde(default)]
    pub thermocouples_degc: Vec<f64>,
    #[serde(default)]
    pub last: Option<DryerReading>,
}

/// A zone's air temperature approaching `target_degc` from `from_degc` since `since_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneThermal {
    pub from_degc: f64,
    pub since_ms: u64,
    pub target_degc: f64,
}

/// What drying one metre of the roll took.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetrePass {
    /// Heating energy while the metre passed and the latent heat of its solvent, kWh.
    pub energy_kwh: f64,
    pub evaporated_g: f64,
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
    /// Time constant of a zone's air temperature, s.
    pub zone_time_constant_s: f64,
}

impl Default for DryerModel {
    fn default() -> Self {
        Self {
            heat_transfer_ref_w_per_m2_k: 25.0,
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
            zone_time_constant_s: 240.0,
        }
    }
}

/// What the dryer measured over the last roll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DryerReading {
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
    /// The temperature zone `i` heads for: its setpoint, or near ambient with its heater
    /// failed.
    fn target_degc(&self, i: usize, faults: &[crate::faults::ActiveFault]) -> f64 {
        let failed = has_fault(faults, |f| matches!(f, Fault::HeaterFailure { zone } if *zone == i + 1)).is_some();
        if failed { AMBIENT_DEGC + 8.0 } else { self.zones.get(i).map_or(AMBIENT_DEGC, |z| z.air_temp_degc) }
    }

    /// Zone `i`'s air temperature at plant time `t_ms`, degC.
    pub fn zone_temp_at_degc(&self, i: usize, t_ms: u64) -> f64 {
        let Some(z) = self.thermal.get(i) else {
            return self.zones.get(i).map_or(AMBIENT_DEGC, |z| z.air_temp_degc);
        };
        let tau_ms = (self.model.zone_time_constant_s * 1000.0).max(1.0);
        let elapsed = t_ms.saturating_sub(z.since_ms) as f64;
        z.target_degc + (z.from_degc - z.target_degc) * libm::exp(-elapsed / tau_ms)
    }

    /// Gives every zone without a thermal state one settled at its setpoint.
    fn settled_thermal(&mut self) {
        if self.thermal.len() != self.zones.len() {
            let zones = self.zones.iter().map(|z| z.air_temp_degc);
            self.thermal = zones.map(|t| ZoneThermal { from_degc: t, since_ms: 0, target_degc: t }).collect();
        }
    }

    /// Points every zone at its present target from plant time `now_ms` on, starting from
    /// the temperature it has reached.
    fn retarget(&mut self, now_ms: u64, faults: &[crate::faults::ActiveFault]) {
        self.settled_thermal();
        for i in 0..self.zones.len() {
            let target = self.target_degc(i, faults);
            if target != self.thermal[i].target_degc {
                let from_degc = self.zone_temp_at_degc(i, now_ms);
                self.thermal[i] = ZoneThermal { from_degc, since_ms: now_ms, target_degc: target };
            }
        }
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

    /// Film temperature in the constant-rate period in air at `t_air_degc` holding solvent
    /// vapour at `vapour_pa`: the root of `T_air - T_f = A (p_sat(T_f) - p_v)`, degC (the air
    /// temperature itself when the air is saturated, and nothing evaporates).
    pub fn film_temp_degc(recipe: &crate::product::Recipe, t_air_degc: f64, vapour_pa: f64) -> f64 {
        let t_wb = recipe.wet_bulb_temp_degc.min(WET_BULB_AIR_DEGC - 1.0);
        let a_k_per_pa = (WET_BULB_AIR_DEGC - t_wb) / recipe.solvent_vapour_pressure_pa(t_wb).max(1e-9);
        let balance = |t: f64| t_air_degc - t - a_k_per_pa * (recipe.solvent_vapour_pressure_pa(t) - vapour_pa);
        if balance(t_air_degc) >= 0.0 {
            return t_air_degc;
        }
        // The balance falls with T_f: bisect between a cold film and the air temperature.
        let (mut lo, mut hi) = (t_air_degc.min(t_wb) - 60.0, t_air_degc);
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            if balance(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        0.5 * (lo + hi)
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

    /// Dries the roll's metres from segment `first` on, the first entering the dryer at plant
    /// time `enters_at_ms`, each through the zones at the temperatures they have then.
    fn dry_from(
        &mut self,
        roll: &mut crate::product::ElectrodeRoll,
        first: usize,
        enters_at_ms: u64,
        ctx: &CycleContext,
    ) {
        let here = ctx.station;
        let m = self.model.clone();
        let recipe = roll.recipe.clone();
        let slurry_density = recipe.slurry_density_g_per_cm3();
        let failed_zone =
            (0..self.zones.len()).find(|&i| self.target_degc(i, ctx.faults) < self.zones[i].air_temp_degc);
        let solvent_cause = match failed_zone {
            Some(z) => format!("zone-{}-heater-failure", z + 1),
            None => "drying-too-short-or-too-cool".to_string(),
        };
        let mut rates = vec![0.0; self.zones.len()];
        let mut t_ms = enters_at_ms as f64;
        let width_m = roll.coated_width_m;
        // Vapour in the zone air: the solvent the metres bring in, diluted in the fresh air.
        let fresh_air_mol_per_s: f64 = self
            .zones
            .iter()
            .map(|z| m.air_flow_kg_per_s_per_m_per_s * z.air_velocity_m_per_s * m.fresh_air_frac)
            .sum::<f64>()
            * 1000.0
            / AIR_G_PER_MOL;
        let rest = roll.segments.get(first..).unwrap_or(&[]);
        let rest_m: f64 = rest.iter().map(|s| s.length_m).sum();
        let solvent_g_per_m2 = rest.iter().map(|s| s.wet_thickness_um * s.length_m).sum::<f64>() / rest_m.max(1e-9)
            * slurry_density
            * (1.0 - recipe.solids_frac);
        let solvent_mol_per_s = solvent_g_per_m2 * width_m * roll.web_speed_m_per_min
            / 60.0
            / recipe.solvent_molar_mass_g_per_mol.max(1e-6);
        let vapour_pa = ATMOSPHERE_PA * solvent_mol_per_s / (fresh_air_mol_per_s + solvent_mol_per_s).max(1e-12);
        // Film temperature per zone, for the last air temperature it was solved at.
        let mut film: Vec<(f64, f64)> = vec![(f64::NAN, 0.0); self.zones.len()];
        for j in first..roll.segments.len() {
            let speed = roll.speed_of(&roll.segments[j]).max(1e-6);
            let residence_ms = self.zone_length_m / speed * 60_000.0;
            let pass_ms = roll.segments[j].length_m / speed * 60_000.0;
            let mut heating_w = 0.0;
            for (i, rate) in rates.iter_mut().enumerate() {
                let t_air = self.zone_temp_at_degc(i, (t_ms + (i as f64 + 0.5) * residence_ms) as u64);
                if film[i].0 != t_air {
                    film[i] = (t_air, Self::film_temp_degc(&recipe, t_air, vapour_pa));
                }
                *rate = self.zone_rate_g_per_m2_s(i, t_air, recipe.solvent_latent_heat_j_per_kg, film[i].1);
                heating_w += m.air_flow_kg_per_s_per_m_per_s
                    * self.zones[i].air_velocity_m_per_s
                    * AIR_CP_J_PER_KG_K
                    * (self.zone_temp_at_degc(i, t_ms as u64) - AMBIENT_DEGC).max(0.0)
                    * m.fresh_air_frac;
            }
            let t_last = self.zone_temp_at_degc(
                self.zones.len().saturating_sub(1),
                (t_ms + (self.zones.len() as f64 - 0.5) * residence_ms) as u64,
            );
            let seg = &mut roll.segments[j];
            seg.defects.retain(|d| d.origin != here);
            let solvent = seg.wet_thickness_um * slurry_density * (1.0 - recipe.solids_frac);
            let dry_g_per_m2 = seg.loading_mg_per_cm2 * 10.0;
            let floor = self.sorption_floor_g_per_m2(dry_g_per_m2, t_last);
            let result = self.dry(solvent, &rates, speed, floor);
            let evaporated_g = (solvent - result.residual_solvent_g_per_m2).max(0.0) * seg.length_m * width_m;
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
            let latent_kwh = evaporated_g / 1000.0 * recipe.solvent_latent_heat_j_per_kg / 3.6e6;
            if let Some(pass) = self.pass.get_mut(j) {
                *pass = MetrePass { energy_kwh: heating_w * pass_ms / 3.6e9 + latent_kwh, evaporated_g };
            }
            t_ms += pass_ms;
        }
        roll.steps.dried = true;
    }

    /// The report of the whole roll as now dried: time, defects, energy, exhaust and alarms.
    fn report(&mut self, roll: &crate::product::ElectrodeRoll, ctx: &CycleContext) -> CycleReport {
        let here = ctx.station;
        let recipe = &roll.recipe;
        let m = &self.model;
        let length_m = roll.length_m();
        let time_min: f64 = roll.segments.iter().map(|s| s.length_m / roll.speed_of(s).max(1e-6)).sum();
        let mut report =
            CycleReport { cycle_time_ms: secs_to_ms(60.0 * time_min), quantity: length_m, ..Default::default() };
        for seg in &roll.segments {
            for d in seg.defects.iter().filter(|d| d.origin == here) {
                report.add_defective(&cause_key(d.kind, &d.cause), seg.length_m);
            }
        }
        let energy_kwh: f64 = self.pass.iter().map(|p| p.energy_kwh).sum();
        let evaporated_g: f64 = self.pass.iter().map(|p| p.evaporated_g).sum();
        report.energy_kwh = energy_kwh;
        // Exhaust: the solvent evaporated per second, diluted in the fresh air.
        let fresh_air_kg_per_s: f64 = self
            .zones
            .iter()
            .map(|z| m.air_flow_kg_per_s_per_m_per_s * z.air_velocity_m_per_s * m.fresh_air_frac)
            .sum();
        let solvent_mol_per_s =
            evaporated_g / (time_min * 60.0).max(1e-6) / recipe.solvent_molar_mass_g_per_mol.max(1e-6);
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
        report.alarms.extend(self.zone_alarms(ctx));
        let area_m2 = length_m * roll.coated_width_m;
        self.last =
            Some(DryerReading { energy_kwh, energy_kwh_per_m2: energy_kwh / area_m2.max(1e-9), exhaust_lel_pct });
        report
    }

    /// A zone whose air is heading more than 15 degC below its setpoint.
    fn zone_alarms(&self, ctx: &CycleContext) -> Vec<ProcessAlarm> {
        (0..self.zones.len())
            .filter(|&i| self.target_degc(i, ctx.faults) < self.zones[i].air_temp_degc - 15.0)
            .map(|i| {
                ProcessAlarm::new(
                    &format!("zone{}_temp_low", i + 1),
                    AlarmPriority::High,
                    Message::new("alarm-dryer-zone-temp-low").count("zone", i + 1).number(
                        "set",
                        self.zones[i].air_temp_degc,
                        0,
                    ),
                )
            })
            .collect()
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
                // The zones start the run at their setpoints; a new one is approached from there.
                s.settled_thermal();
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
            s.thermocouples_degc.get(i).copied()
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
        self.retarget(ctx.now_ms, ctx.faults);
        let Payload::Roll(roll) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        self.pass = vec![MetrePass::default(); roll.segments.len()];
        self.dry_from(roll, 0, ctx.now_ms, ctx);
        self.report(roll, ctx)
    }

    const CONTINUOUS: bool = true;

    fn replan(
        &mut self,
        unit: Option<&mut Unit>,
        done_ms: u64,
        _why: Replan,
        ctx: &mut CycleContext,
    ) -> Option<CycleReport> {
        self.retarget(ctx.now_ms, ctx.faults);
        let Some(Payload::Roll(roll)) = unit.map(|u| &mut u.payload) else {
            return Some(CycleReport { alarms: self.zone_alarms(ctx), ..Default::default() });
        };
        // The first metre that has not entered the dryer yet, and when it enters.
        let mut entry_ms = 0.0;
        let mut first = roll.segments.len();
        for (j, seg) in roll.segments.iter().enumerate() {
            if entry_ms >= done_ms as f64 {
                first = j;
                break;
            }
            entry_ms += seg.length_m / roll.speed_of(seg).max(1e-6) * 60_000.0;
        }
        let enters_at_ms = ctx.now_ms.saturating_add((entry_ms - done_ms as f64).max(0.0) as u64);
        self.pass.resize(roll.segments.len(), MetrePass::default());
        self.dry_from(roll, first, enters_at_ms, ctx);
        Some(self.report(roll, ctx))
    }

    fn observe(&mut self, _unit: Option<&Unit>, now_ms: u64, _done_ms: u64) {
        self.thermocouples_degc = (0..self.zones.len()).map(|i| self.zone_temp_at_degc(i, now_ms)).collect();
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

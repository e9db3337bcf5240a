//! Impedance and film tester: what the lab measures of a sample, and its verdict against the
//! specification the trainee sets.
//!
//! - **Garnet pellets** are built into Li | LLZO | Li symmetric cells in the glovebox. The
//!   impedance spectrum separates the bulk (`sigma = L / (R_b A)`) from the interface:
//!   `ASR = ASR_0 + t_layer / sigma_Li2CO3`, the surface layer's resistance in series with a
//!   clean interface's (Li2CO3 about 1e-8 S/cm [S order], `ASR_0` a few ohm cm2).
//! - **Sulfide pellets:** conductivity falls as the pellet hydrolyses, `sigma = sigma_0
//!   exp(-0.7 V / 0.1 cm3/g)` with `V` the H2S released (Yersak et al. 2022: over half lost
//!   at 0.1 cm3/g); the H2S sensor raises a safety alarm above its limit.
//! - **Films on cathode coupons:** thickness by profilometer; the electrolyte film's
//!   conductivity at the test temperature by impedance through a gold contact
//!   (`sigma(T)`, Arrhenius), corrected to 25 degC with the activation energy of a
//!   temperature sweep; its ASR `t / sigma`; a DC leakage test finds a short where a pinhole
//!   lies under the contact (`P = 1 - exp(-n A)`). A protective coating adds `t / sigma` of
//!   its own; it slows the cathode's interface degradation by the share of the surface it
//!   covers (`1 - exp(-t / 0.5 nm)`, less its unevenness), and its resistance goes on to the
//!   cell model: the line's reference cell (SPMe) with the coating in series, discharged at
//!   1C, over its C/10 capacity, is the coupon's rate capability.
//!
//! Samples out of specification are scrapped under the root cause their history holds.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::electrochem::run::{RunOptions, run};
use crate::electrochem::spme::SpmeCell;
use crate::electrochem::{from_cell::solid_state_reference, protocol};
use crate::input::{FieldPath, Issues};
use crate::rng;
use crate::sample::{FilmMaterial, Sample, SampleDefectKind, SampleMaterial, cause_key};
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpedanceTester {
    /// Cell temperature during the measurement, degC.
    pub test_temp_degc: f64,
    /// Specification: garnet interface ASR at most, ohm cm2; bulk conductivity at least,
    /// uS/cm.
    pub max_interface_asr_ohm_cm2: f64,
    pub min_bulk_sigma_us_per_cm: f64,
    /// Specification of an electrolyte film: thickness target and tolerance, conductivity
    /// at 25 degC at least (uS/cm).
    pub film_target_nm: f64,
    pub film_tolerance_pct: f64,
    pub min_film_sigma_us_per_cm: f64,
    /// Specification of a coated cathode: interface fade per 100 cycles at most, rate
    /// capability (1C over C/10) at least, %.
    pub max_fade_pct: f64,
    pub min_rate_capability_pct: f64,
    /// H2S alarm limit of the box's sensor, cm3 released per g of sulfide.
    #[serde(default = "default_h2s_limit")]
    pub h2s_alarm_cc_per_g: f64,
    /// Scrap a sample that fails here (false: mark it and pass it on to the rest of its
    /// characterisation, whose last station files it).
    #[serde(default = "default_scrap_failed")]
    pub scrap_failed: bool,
    #[serde(default)]
    pub model: ImpedanceModel,
    #[serde(default)]
    pub last: Option<TestResult>,
}

fn default_h2s_limit() -> f64 {
    0.02
}

fn default_scrap_failed() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImpedanceModel {
    /// A clean lithium-garnet interface, ohm cm2.
    pub clean_interface_asr_ohm_cm2: f64,
    pub carbonate_sigma_s_per_cm: f64,
    pub pellet_thickness_mm: f64,
    /// Interface fade of a bare cathode against the solid electrolyte, % per 100 cycles.
    pub bare_fade_pct: f64,
    /// Share of that fade a full coating prevents.
    pub coating_protection: f64,
    /// Coverage length of a coating, nm (`1 - exp(-t / l)`).
    pub coverage_nm: f64,
    pub contact_area_cm2: f64,
    /// Relative noise of an impedance fit.
    pub noise_frac: f64,
    pub test_h: f64,
}

impl Default for ImpedanceModel {
    fn default() -> Self {
        Self {
            clean_interface_asr_ohm_cm2: 5.0,
            carbonate_sigma_s_per_cm: 1e-8,
            pellet_thickness_mm: 1.0,
            bare_fade_pct: 12.0,
            coating_protection: 0.8,
            coverage_nm: 0.5,
            contact_area_cm2: 1.0,
            noise_frac: 0.03,
            test_h: 0.5,
        }
    }
}

/// What the tester measured on its last sample.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub interface_asr_ohm_cm2: Option<f64>,
    pub bulk_sigma_us_per_cm: Option<f64>,
    pub film_thickness_nm: Option<f64>,
    pub film_sigma_us_per_cm: Option<f64>,
    pub film_asr_ohm_cm2: Option<f64>,
    pub coating_nm: Option<f64>,
    pub fade_pct: Option<f64>,
    pub rate_capability_pct: Option<f64>,
    pub h2s_cc_per_g: Option<f64>,
    pub shorted: bool,
    pub passed: bool,
}

/// The reference cell's capacity at 1C with `extra_asr_ohm_cm2` in series at the interface,
/// over its capacity at C/10 without, %.
pub fn rate_capability_pct(extra_asr_ohm_cm2: f64) -> f64 {
    static C10_AH: OnceLock<f64> = OnceLock::new();
    let discharge = |extra: f64, step: &str| {
        let mut params = solid_state_reference();
        params.interface_asr_ohm_m2 += extra.clamp(0.0, 1e4) * 1e-4;
        let mut cell = SpmeCell::new(params);
        let steps = protocol::parse(&[step]).unwrap_or_default();
        run(&mut cell, &steps, &RunOptions { isothermal: true, ..RunOptions::default() }).discharge_capacity_ah()
    };
    let c10 = *C10_AH.get_or_init(|| discharge(0.0, "Discharge at C/10 until 3.0 V"));
    100.0 * discharge(extra_asr_ohm_cm2, "Discharge at 1C until 3.0 V") / c10.max(1e-9)
}

impl ImpedanceTester {
    fn noisy(&self, value: f64, ctx: &mut CycleContext) -> f64 {
        value * (1.0 + rng::normal(ctx.rng, 0.0, self.model.noise_frac)).max(0.1)
    }

    /// Where the water a sample saw came from: the store (before the box) or the box.
    fn water_origin(sample: &Sample) -> (u16, &'static str) {
        match sample.box_station {
            Some(b) if sample.box_exposure_ppm_h >= sample.air_exposure_ppm_h => (b, "moisture-in-the-glovebox"),
            _ => (sample.source_station, "air-exposed-batch"),
        }
    }

    fn test(&mut self, sample: &mut Sample, ctx: &mut CycleContext) -> (TestResult, Vec<ProcessAlarm>) {
        let m = self.model.clone();
        let mut r = TestResult::default();
        let mut alarms = Vec::new();
        let mut fails: Vec<(SampleDefectKind, u16, &'static str)> = Vec::new();
        match sample.material {
            SampleMaterial::Garnet => {
                let layer = sample.carbonate_nm() * 1e-7 / m.carbonate_sigma_s_per_cm;
                let asr = self.noisy(m.clean_interface_asr_ohm_cm2 + layer, ctx);
                let sigma = self.noisy(sample.bulk_sigma_s_per_cm * 1e6, ctx);
                r.interface_asr_ohm_cm2 = Some(asr);
                r.bulk_sigma_us_per_cm = Some(sigma);
                if asr > self.max_interface_asr_ohm_cm2 {
                    let (origin, cause) = Self::water_origin(sample);
                    fails.push((SampleDefectKind::Carbonate, origin, cause));
                }
                if sigma < self.min_bulk_sigma_us_per_cm {
                    if let Some(furnace) = sample.li_loss_station {
                        fails.push((SampleDefectKind::Pyrochlore, furnace, "lithium-lost-in-an-overheated-anneal"));
                    } else if sample.phase_frac("llzo-tetragonal") > sample.phase_frac("la2zr2o7") {
                        fails.push((SampleDefectKind::Tetragonal, sample.source_station, "too-little-aluminium"));
                    } else {
                        fails.push((SampleDefectKind::Pyrochlore, sample.source_station, "sintering-off-its-window"));
                    }
                }
            }
            SampleMaterial::Sulfide => {
                let h2s = sample.h2s_cc_per_g();
                r.h2s_cc_per_g = Some(h2s);
                let sigma = self.noisy(sample.bulk_sigma_s_per_cm * 1e6 * libm::exp(-0.7 * h2s / 0.1), ctx);
                r.bulk_sigma_us_per_cm = Some(sigma);
                if h2s > self.h2s_alarm_cc_per_g {
                    alarms.push(ProcessAlarm::new(
                        "h2s",
                        AlarmPriority::Emergency,
                        Message::new("alarm-h2s").number("limit", self.h2s_alarm_cc_per_g, 3),
                    ));
                }
                // A pellet that gave off H2S has reacted, whatever its conductivity still is.
                if sigma < self.min_bulk_sigma_us_per_cm || h2s > self.h2s_alarm_cc_per_g {
                    let (origin, cause) = Self::water_origin(sample);
                    fails.push((SampleDefectKind::Hydrolysed, origin, cause));
                }
            }
            SampleMaterial::Cathode => {
                if let Some(film) = sample.film(FilmMaterial::Lipon).cloned() {
                    // The profilometer reads to about 1 %.
                    let t = film.thickness_nm * (1.0 + rng::normal(ctx.rng, 0.0, 0.01));
                    let sigma_t = self.noisy(film.sigma_s_per_cm(self.test_temp_degc), ctx);
                    // Back to 25 degC with the sweep's activation energy.
                    let sigma_25 =
                        sigma_t * film.sigma_25_s_per_cm / film.sigma_s_per_cm(self.test_temp_degc).max(1e-30);
                    r.film_thickness_nm = Some(t);
                    r.film_sigma_us_per_cm = Some(sigma_25 * 1e6);
                    r.film_asr_ohm_cm2 = Some(t * 1e-7 / sigma_t.max(1e-30));
                    let p_short = 1.0 - libm::exp(-film.pinholes_per_cm2 * m.contact_area_cm2);
                    r.shorted = rng::uniform(ctx.rng) < p_short;
                    let cause = |default: &'static str| -> &'static str {
                        match film.cause.as_str() {
                            "arcing-target" => "arcing-target",
                            "arcing-at-high-power" => "arcing-at-high-power",
                            "eroded-target" => "eroded-target",
                            _ => default,
                        }
                    };
                    if r.shorted {
                        fails.push((SampleDefectKind::Pinholes, film.origin, cause("arcing-at-high-power")));
                    }
                    if sigma_25 * 1e6 < self.min_film_sigma_us_per_cm {
                        fails.push((
                            SampleDefectKind::FilmConductivity,
                            film.origin,
                            "too-little-nitrogen-in-the-film",
                        ));
                    }
                    if (t - self.film_target_nm).abs() > self.film_target_nm * self.film_tolerance_pct / 100.0 {
                        let why =
                            if film.cause == "eroded-target" { "eroded-target" } else { "deposition-time-or-rate-off" };
                        fails.push((SampleDefectKind::FilmThickness, film.origin, why));
                    }
                }
                if let Some(coat) = sample.film(FilmMaterial::Alumina).cloned() {
                    let t = self.noisy(coat.thickness_nm, ctx);
                    let coverage = (1.0 - libm::exp(-coat.thickness_nm / m.coverage_nm))
                        * (1.0 - coat.nonuniformity_frac).clamp(0.0, 1.0);
                    let fade = self.noisy(m.bare_fade_pct * (1.0 - m.coating_protection * coverage), ctx);
                    let sigma = coat.sigma_s_per_cm(25.0);
                    let rate = rate_capability_pct(coat.thickness_nm * 1e-7 / sigma);
                    r.coating_nm = Some(t);
                    r.fade_pct = Some(fade);
                    r.rate_capability_pct = Some(rate);
                    if fade > self.max_fade_pct {
                        let why = if coat.cause.is_empty() { "coating-too-thin" } else { coating_cause(&coat.cause) };
                        fails.push((SampleDefectKind::Coating, coat.origin, why));
                    }
                    if rate < self.min_rate_capability_pct {
                        fails.push((SampleDefectKind::Coating, coat.origin, "coating-too-thick"));
                    }
                }
            }
        }
        for (kind, origin, cause) in &fails {
            sample.add_defect(*kind, *origin, cause);
        }
        r.passed = fails.is_empty();
        (r, alarms)
    }
}

/// The static cause ids a depositing station writes on a coating.
fn coating_cause(cause: &str) -> &'static str {
    match cause {
        "precursor-under-dosing" => "precursor-under-dosing",
        "outside-the-ald-window" => "outside-the-ald-window",
        _ => "coating-too-thin",
    }
}

impl StationModel for ImpedanceTester {
    const LABEL: &'static str = "impedance and film tester";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        ControlDef::new(
            "test_temp_degc",
            "Test temperature",
            "degC",
            (25.0, 80.0, 5.0),
            |s, _| s.test_temp_degc,
            |s, _, v| s.test_temp_degc = v,
        ),
        ControlDef::new(
            "max_interface_asr_ohm_cm2",
            "Spec: interface ASR at most",
            "ohm cm2",
            (1.0, 500.0, 1.0),
            |s, _| s.max_interface_asr_ohm_cm2,
            |s, _, v| s.max_interface_asr_ohm_cm2 = v,
        ),
        ControlDef::new(
            "min_film_sigma_us_per_cm",
            "Spec: film conductivity at least",
            "uS/cm",
            (0.1, 10.0, 0.1),
            |s, _| s.min_film_sigma_us_per_cm,
            |s, _, v| s.min_film_sigma_us_per_cm = v,
        ),
        ControlDef::new(
            "film_tolerance_pct",
            "Spec: film thickness tolerance",
            "%",
            (1.0, 50.0, 1.0),
            |s, _| s.film_tolerance_pct,
            |s, _, v| s.film_tolerance_pct = v,
        ),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("interface_asr_ohm_cm2", "Interface ASR (Li | garnet)", "ohm cm2", |s, _| {
            s.last.as_ref()?.interface_asr_ohm_cm2
        }),
        ReadoutDef::number("bulk_sigma_us_per_cm", "Bulk conductivity", "uS/cm", |s, _| {
            s.last.as_ref()?.bulk_sigma_us_per_cm
        }),
        ReadoutDef::number("film_thickness_nm", "Film thickness", "nm", |s, _| s.last.as_ref()?.film_thickness_nm),
        ReadoutDef::number("film_sigma_us_per_cm", "Film conductivity at 25 degC", "uS/cm", |s, _| {
            s.last.as_ref()?.film_sigma_us_per_cm
        }),
        ReadoutDef::number("film_asr_ohm_cm2", "Film ASR at test temperature", "ohm cm2", |s, _| {
            s.last.as_ref()?.film_asr_ohm_cm2
        }),
        ReadoutDef::number("film_leakage_short", "Leakage test: short", "", |s, _| {
            s.last.as_ref().filter(|l| l.film_thickness_nm.is_some()).map(|l| if l.shorted { 1.0 } else { 0.0 })
        }),
        ReadoutDef::number("coating_nm", "Coating thickness", "nm", |s, _| s.last.as_ref()?.coating_nm),
        ReadoutDef::number("fade_pct_per_100", "Interface fade per 100 cycles", "%", |s, _| s.last.as_ref()?.fade_pct),
        ReadoutDef::number("rate_capability_pct", "Rate capability (1C / C/10)", "%", |s, _| {
            s.last.as_ref()?.rate_capability_pct
        }),
        ReadoutDef::number("h2s_cc_per_g", "H2S released", "cm3/g", |s, _| s.last.as_ref()?.h2s_cc_per_g),
        ReadoutDef::number("passed", "Last sample in specification", "", |s, _| {
            s.last.as_ref().map(|l| if l.passed { 1.0 } else { 0.0 })
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "test_temp_degc", self.test_temp_degc, 25.0, 80.0, "degC");
        check_range(issues, path, "max_interface_asr_ohm_cm2", self.max_interface_asr_ohm_cm2, 1.0, 500.0, "ohm cm2");
        check_range(issues, path, "min_bulk_sigma_us_per_cm", self.min_bulk_sigma_us_per_cm, 0.0, 10_000.0, "uS/cm");
        check_range(issues, path, "film_target_nm", self.film_target_nm, 1.0, 100_000.0, "nm");
        check_range(issues, path, "film_tolerance_pct", self.film_tolerance_pct, 1.0, 50.0, "%");
        check_range(issues, path, "min_film_sigma_us_per_cm", self.min_film_sigma_us_per_cm, 0.1, 10.0, "uS/cm");
        check_range(issues, path, "max_fade_pct", self.max_fade_pct, 0.1, 100.0, "%");
        check_range(issues, path, "min_rate_capability_pct", self.min_rate_capability_pct, 0.0, 100.0, "%");
        check_range(issues, path, "h2s_alarm_cc_per_g", self.h2s_alarm_cc_per_g, 1e-4, 10.0, "cm3/g");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let cycle_time_ms = secs_to_ms(self.model.test_h * 3600.0);
        let Payload::Sample(sample) = &mut unit.payload else {
            return CycleReport { cycle_time_ms, ..Default::default() };
        };
        if let Some(room) = ctx.room {
            sample.box_station = Some(room);
        }
        let (result, alarms) = self.test(sample, ctx);
        let mut report = CycleReport { cycle_time_ms, quantity: 1.0, alarms, ..Default::default() };
        if self.scrap_failed
            && let Some(d) = sample.defects.first()
        {
            report.scrap_unit = Some((d.origin, cause_key(d.kind, &d.cause)));
        }
        self.last = Some(result);
        report
    }
}

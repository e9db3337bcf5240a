//! X-ray diffractometer: a powder pattern of each sample (Cu Ka, 10-80 degrees 2theta), its
//! peaks found and matched against the bundled reference structures (what the instrument's
//! search-match software suggests), as the lab sees it (reference section 11). It is the last
//! step of a sample's characterisation: a sample an earlier test failed is filed as scrap
//! here, under its root cause.
//!
//! The pattern is computed from the sample's true phases (`crate::xrd`): bulk phases by
//! weight, a surface layer by the share of the probed depth it fills (grazing incidence,
//! about 300 nm, see `crate::sample`), a layered cathode with its cation mixing put into the
//! structure (Ni on the Li site, Li on the metal site), which weakens (003) against (104).
//! Reflections of the bundled phases are listed once per process; counting noise comes from
//! the station's quality stream.
//!
//! Peaks are local maxima standing 6 sigma of counting noise above the background, labelled
//! by search-match against the references (see `find_peaks`). Readouts: the
//! strongest peak no reflection of the sample's main phase explains (% of the strongest
//! peak), and a cathode's I(003)/I(104), below about 1.2 with cation mixing.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::controls::{ControlDef, ReadoutDef};
use crate::input::{FieldPath, Issues};
use crate::sample::{Sample, SampleMaterial};
use crate::stations::{CycleContext, CycleReport, StationModel, check_range};
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};
use crate::xrd::pattern::{Profile, Reflection, Wavelength, measure_reflections, reflections, scale_of};
use crate::xrd::{BUNDLED_STRUCTURES, Structure, cif};

/// Range the lab scans, degrees 2theta.
pub const RANGE_DEG: (f64, f64) = (10.0, 80.0);

/// A measured pattern and its labelled peaks: what the pattern plot shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diffractogram {
    /// The unit (sample) measured.
    pub unit: u64,
    /// `[2theta degrees, counts]`.
    pub points: Vec<[f64; 2]>,
    pub peaks: Vec<PeakLabel>,
}

/// A peak found in a pattern and the reference reflection it matches (if any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeakLabel {
    pub two_theta_deg: f64,
    pub counts: f64,
    /// Bundled structure name (`li2co3`), empty when nothing matches.
    pub phase: String,
    pub hkl: [i32; 3],
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diffractometer {
    /// Scan step, degrees, and counting time per step, s.
    pub step_deg: f64,
    pub time_per_step_s: f64,
    #[serde(default)]
    pub model: DiffractometerModel,
    #[serde(default)]
    pub last: Option<Diffractogram>,
    #[serde(default)]
    pub foreign_peak_pct: Option<f64>,
    #[serde(default)]
    pub i003_i104: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiffractometerModel {
    pub probe_depth_nm: f64,
    pub instrument_fwhm_deg: f64,
    /// Counts at the strongest peak for 1 s a step, and the background's.
    pub peak_counts_per_s: f64,
    pub background_counts_per_s: f64,
    pub match_window_deg: f64,
    pub load_min: f64,
}

impl Default for DiffractometerModel {
    fn default() -> Self {
        Self {
            probe_depth_nm: 300.0,
            instrument_fwhm_deg: 0.08,
            peak_counts_per_s: 5000.0,
            background_counts_per_s: 120.0,
            match_window_deg: 0.12,
            load_min: 10.0,
        }
    }
}

/// A bundled structure and its Cu Ka1 reflections over the scan (listed once).
struct Reference {
    name: &'static str,
    structure: Structure,
    reflections: Vec<Reflection>,
}

fn references() -> &'static [Reference] {
    static REFS: OnceLock<Vec<Reference>> = OnceLock::new();
    REFS.get_or_init(|| {
        BUNDLED_STRUCTURES
            .iter()
            .filter_map(|(name, text)| {
                let structure = cif::parse(name, text).ok()?;
                let reflections =
                    reflections(&structure, crate::xrd::pattern::CU_KA1, (RANGE_DEG.0 - 3.0, RANGE_DEG.1 + 3.0));
                Some(Reference { name, structure, reflections })
            })
            .collect()
    })
}

/// A bundled reference phase's reflections over the scan (Cu Ka1): 2theta, relative
/// intensity (strongest 100) and (hkl), for a pattern plot to overlay as sticks. Empty for
/// an unknown name.
pub fn reference_peaks(name: &str) -> Vec<(f64, f64, [i32; 3])> {
    references()
        .iter()
        .find(|r| r.name == name)
        .map(|r| {
            r.reflections
                .iter()
                .filter(|x| (RANGE_DEG.0..=RANGE_DEG.1).contains(&x.two_theta_deg) && x.intensity >= 1.0)
                .map(|x| (x.two_theta_deg, x.intensity, x.hkl))
                .collect()
        })
        .unwrap_or_default()
}

/// A layered cathode with `x` of its Li sites holding Ni (and as much Li on the metal
/// site): the bundled NMC811 with its mixing sites' occupancies set.
fn mixed_cathode(base: &Structure, x: f64) -> Structure {
    let mut s = base.clone();
    let x = x.clamp(0.0, 0.3);
    for site in &mut s.sites {
        match site.label.as_str() {
            "Ni1" => site.occupancy = 0.8 - x,
            "Li1" => site.occupancy = x,
            "Ni2" => site.occupancy = x,
            "Li2" => site.occupancy = 1.0 - x,
            _ => {}
        }
    }
    s
}

/// The main phase a material should be.
fn main_phase(material: SampleMaterial) -> &'static str {
    match material {
        SampleMaterial::Garnet => "llzo-cubic",
        SampleMaterial::Cathode => "nmc811",
        SampleMaterial::Sulfide => "",
    }
}

impl Diffractometer {
    /// The pattern of `sample`, its peaks labelled.
    pub fn scan(&self, sample: &Sample, unit: u64, noise_seed: u64) -> Diffractogram {
        let refs = references();
        let m = &self.model;
        // A cathode whose cation mixing differs from the bundled structure's 2 %.
        let mixed = (sample.material == SampleMaterial::Cathode && (sample.cation_mixing_frac - 0.02).abs() > 1e-6)
            .then(|| refs.iter().find(|r| r.name == "nmc811"))
            .flatten()
            .map(|r| {
                let s = mixed_cathode(&r.structure, sample.cation_mixing_frac);
                let listed = reflections(&s, crate::xrd::pattern::CU_KA1, (RANGE_DEG.0 - 3.0, RANGE_DEG.1 + 3.0));
                (s, listed)
            });
        let mut sets: Vec<(&[Reflection], f64)> = Vec::new();
        for (name, weight) in sample.probed_phases(m.probe_depth_nm) {
            match (&mixed, name.as_str()) {
                (Some((s, listed)), "nmc811") => sets.push((listed.as_slice(), scale_of(s, weight))),
                _ => {
                    if let Some(r) = refs.iter().find(|r| r.name == name) {
                        sets.push((r.reflections.as_slice(), scale_of(&r.structure, weight)));
                    }
                }
            }
        }
        let profile = Profile {
            range_deg: RANGE_DEG,
            step_deg: self.step_deg,
            instrument_fwhm_deg: m.instrument_fwhm_deg,
            crystallite_nm: Some(sample.crystallite_nm.max(1.0)),
            eta: 0.5,
            peak_counts: m.peak_counts_per_s * self.time_per_step_s,
            background_counts: m.background_counts_per_s * self.time_per_step_s,
            noise_seed: Some(noise_seed),
        };
        let points = measure_reflections(&sets, Wavelength::CuKa, &profile);
        let peaks = self.find_peaks(&points, profile.background_counts);
        Diffractogram { unit, points, peaks }
    }

    /// Local maxima 6 sigma above the background, labelled by search-match: each reference
    /// phase scores the share of its strong lines (20 % and over) that a peak stands at,
    /// and a peak takes the label of the reflection (at Ka1 or Ka2) within the match window
    /// with the highest relative intensity times its phase's score. A phase under a third
    /// labels nothing.
    fn find_peaks(&self, points: &[[f64; 2]], background_start: f64) -> Vec<PeakLabel> {
        let n = points.len();
        let half = ((0.15 / self.step_deg.max(1e-4)) as usize).max(1);
        let (lo, hi) = RANGE_DEG;
        let mut peaks = Vec::new();
        for k in 0..n {
            let [t, c] = points[k];
            let background = background_start * (1.0 - 0.5 * (t - lo) / (hi - lo));
            if c < background + 6.0 * libm::sqrt(background.max(1.0)) {
                continue;
            }
            let from = k.saturating_sub(half);
            let to = (k + half).min(n - 1);
            if (from..=to).any(|j| points[j][1] > c || (points[j][1] == c && j < k)) {
                continue;
            }
            peaks.push(PeakLabel { two_theta_deg: t, counts: c - background, phase: String::new(), hkl: [0; 3] });
            if peaks.len() >= 200 {
                break;
            }
        }
        let window = self.model.match_window_deg;
        let ka2 = |r: &Reflection| {
            let sin = crate::xrd::pattern::CU_KA2 / (2.0 * r.d_a);
            (sin < 1.0).then(|| 2.0 * libm::asin(sin).to_degrees())
        };
        let near = |t: f64| peaks.iter().any(|p| (p.two_theta_deg - t).abs() <= window);
        let scores: Vec<f64> = references()
            .iter()
            .map(|r| {
                let strong: Vec<&Reflection> = r
                    .reflections
                    .iter()
                    .filter(|x| x.intensity >= 20.0 && (lo..=hi).contains(&x.two_theta_deg))
                    .collect();
                if strong.is_empty() {
                    return 0.0;
                }
                strong.iter().filter(|x| near(x.two_theta_deg)).count() as f64 / strong.len() as f64
            })
            .collect();
        for peak in &mut peaks {
            let mut best = 0.0;
            for (r, &score) in references().iter().zip(&scores) {
                if score < 1.0 / 3.0 {
                    continue;
                }
                for refl in &r.reflections {
                    for (at, weight) in [(Some(refl.two_theta_deg), 1.0), (ka2(refl), 0.5)] {
                        let Some(at) = at else { continue };
                        let merit = refl.intensity * weight * score;
                        if (at - peak.two_theta_deg).abs() <= window && merit > best {
                            best = merit;
                            peak.phase = r.name.to_string();
                            peak.hkl = refl.hkl;
                        }
                    }
                }
            }
        }
        peaks
    }
}

impl StationModel for Diffractometer {
    const LABEL: &'static str = "X-ray diffractometer";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sample);
    const QUANTITY_UNIT: &'static str = "samples";
    const CONTROLS: &'static [ControlDef<Self>] = &[ControlDef::new(
        "time_per_step_s",
        "Counting time per step",
        "s",
        (0.1, 10.0, 0.1),
        |s, _| s.time_per_step_s,
        |s, _, v| s.time_per_step_s = v,
    )];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("peaks_found", "Peaks found", "", |s, _| s.last.as_ref().map(|l| l.peaks.len() as f64)),
        ReadoutDef::number("foreign_peak_pct", "Strongest peak not of the main phase", "%", |s, _| s.foreign_peak_pct),
        ReadoutDef::number("i003_i104", "I(003) / I(104)", "", |s, _| s.i003_i104),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "step_deg", self.step_deg, 0.01, 0.2, "deg");
        check_range(issues, path, "time_per_step_s", self.time_per_step_s, 0.1, 10.0, "s");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let steps = (RANGE_DEG.1 - RANGE_DEG.0) / self.step_deg.max(1e-4);
        let cycle_time_ms = secs_to_ms(self.model.load_min * 60.0 + steps * self.time_per_step_s);
        let Payload::Sample(sample) = &unit.payload else {
            return CycleReport { cycle_time_ms, ..Default::default() };
        };
        let seed = (crate::rng::uniform(ctx.rng) * 1e15) as u64;
        let scan = self.scan(sample, unit.id, seed);
        let main = main_phase(sample.material);
        let strongest = scan.peaks.iter().map(|p| p.counts).fold(0.0, f64::max);
        let foreign = scan.peaks.iter().filter(|p| p.phase != main).map(|p| p.counts).fold(0.0, f64::max);
        self.foreign_peak_pct = (strongest > 0.0).then(|| 100.0 * foreign / strongest);
        self.i003_i104 = if sample.material == SampleMaterial::Cathode {
            let at = |hkl: [i32; 3]| scan.peaks.iter().find(|p| p.phase == "nmc811" && p.hkl == hkl).map(|p| p.counts);
            match (at([0, 0, 3]), at([1, 0, 4])) {
                (Some(a), Some(b)) if b > 0.0 => Some(a / b),
                _ => None,
            }
        } else {
            None
        };
        self.last = Some(scan);
        // The last station of a sample's characterisation files one that failed earlier.
        let scrap_unit = sample.defects.first().map(|d| (d.origin, crate::sample::cause_key(d.kind, &d.cause)));
        CycleReport { cycle_time_ms, quantity: 1.0, scrap_unit, ..Default::default() }
    }

    fn diffractogram(&self) -> Option<&Diffractogram> {
        self.last.as_ref()
    }
}

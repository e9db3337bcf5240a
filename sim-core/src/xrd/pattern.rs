//! Powder patterns: the reflections of a structure (positions, multiplicities, intensities)
//! and the measured pattern (peak shapes, Ka2, background, counting noise, mixtures).

use super::{Structure, scattering};

/// Cu Ka1 and Ka2, Mo Ka1, A.
pub const CU_KA1: f64 = 1.54056;
pub const CU_KA2: f64 = 1.54439;
pub const MO_KA1: f64 = 0.70930;

/// An X-ray source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wavelength {
    /// Cu Ka1 with its Ka2 at half the intensity.
    CuKa,
    CuKa1,
    MoKa,
    Angstrom(f64),
}

impl Wavelength {
    /// `CuKa`, `CuKa1`, `MoKa` or a wavelength in A (0.1 to 5).
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "cuka" => Ok(Self::CuKa),
            "cuka1" => Ok(Self::CuKa1),
            "moka" => Ok(Self::MoKa),
            other => match other.parse::<f64>() {
                Ok(v) if (0.1..=5.0).contains(&v) => Ok(Self::Angstrom(v)),
                _ => Err(format!("a wavelength is CuKa, CuKa1, MoKa or a value in Angstrom (0.1 to 5), got `{text}`")),
            },
        }
    }

    /// The line the reflections are listed for, A.
    pub fn primary(self) -> f64 {
        match self {
            Self::CuKa | Self::CuKa1 => CU_KA1,
            Self::MoKa => MO_KA1,
            Self::Angstrom(v) => v,
        }
    }

    /// Every line with its relative weight.
    pub fn lines(self) -> Vec<(f64, f64)> {
        match self {
            Self::CuKa => vec![(CU_KA1, 1.0), (CU_KA2, 0.5)],
            other => vec![(other.primary(), 1.0)],
        }
    }
}

/// A reflection family: every (hkl) at one angle, merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Reflection {
    pub two_theta_deg: f64,
    pub d_a: f64,
    /// A representative (hkl) of the family.
    pub hkl: [i32; 3],
    pub multiplicity: u32,
    /// Relative intensity, the strongest 100.
    pub intensity: f64,
    /// Intensity before scaling (|F|^2 x multiplicity x LP), for mixing phases.
    pub raw: f64,
}

/// Largest index searched (a bound on the work a file can ask for).
pub const MAX_HKL: i32 = 60;
/// Most (hkl x atom) terms one pattern works out.
pub const MAX_WORK: f64 = 5e7;

/// The reflections of `structure` between `range` (2theta, degrees) for wavelength
/// `lambda_a`. Equivalent reflections (related by the rotations of the structure's symmetry
/// operations) share one structure factor; families at the same angle are merged.
pub fn reflections(structure: &Structure, lambda_a: f64, range: (f64, f64)) -> Vec<Reflection> {
    let (lo, hi) = (range.0.max(0.01), range.1.min(179.0));
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater)
        || lambda_a.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
    {
        return Vec::new();
    }
    let d_min = lambda_a / (2.0 * libm::sin((hi / 2.0).to_radians()));
    let gs = structure.reciprocal_metric();
    let atoms = structure.expand();
    // The work is (hkl in the box) x (atoms): a giant cell lists its reflections only as far
    // as [`MAX_WORK`] reaches (the highest angles are left out), so any file is bounded.
    let box_of = |len: f64| len / d_min;
    let full = [box_of(structure.lengths[0]), box_of(structure.lengths[1]), box_of(structure.lengths[2])];
    let cells: f64 = full.iter().map(|n| 2.0 * n + 1.0).product();
    let shrink = (MAX_WORK / (cells * atoms.len().max(1) as f64)).min(1.0);
    let shrink = libm::cbrt(shrink);
    let limit = |n: f64| ((n * shrink) as i32).clamp(0, MAX_HKL);
    let [ha, ka, la] = full.map(limit);
    // The distinct rotations, as integer matrices acting on (hkl) row vectors.
    let mut rotations: Vec<[[i32; 3]; 3]> = Vec::new();
    for op in &structure.ops {
        let r = op.rot.map(|row| row.map(|v| v.round() as i32));
        if !rotations.contains(&r) {
            rotations.push(r);
        }
        let inverted = r.map(|row| row.map(|v| -v));
        if !rotations.contains(&inverted) {
            // Friedel's law: |F(hkl)| = |F(-h-k-l)| without anomalous scattering.
            rotations.push(inverted);
        }
    }
    // Each kind of scatterer (element and displacement) once: its factor is worked out once
    // a reflection.
    let mut kinds: Vec<(&'static str, f64)> = Vec::new();
    let placed: Vec<(usize, f64, [f64; 3])> = atoms
        .iter()
        .map(|a| {
            let kind = kinds.iter().position(|k| k.0 == a.element && k.1 == a.b_iso).unwrap_or_else(|| {
                kinds.push((a.element, a.b_iso));
                kinds.len() - 1
            });
            (kind, a.occupancy, a.frac)
        })
        .collect();
    let mut factors = vec![0.0; kinds.len()];
    // The family of each (hkl) of the box, once known (a dense table: images of a reflection
    // have its d, so they stay in the box).
    let (nh, nk, nl) = ((2 * ha + 1) as usize, (2 * ka + 1) as usize, (2 * la + 1) as usize);
    let slot = |[h, k, l]: [i32; 3]| -> Option<usize> {
        let (x, y, z) = (h + ha, k + ka, l + la);
        (x >= 0 && y >= 0 && z >= 0 && (x as usize) < nh && (y as usize) < nk && (z as usize) < nl)
            .then(|| (x as usize * nk + y as usize) * nl + z as usize)
    };
    let mut families: Vec<u32> = vec![u32::MAX; nh * nk * nl];
    // 1/d^2 limits of the 2theta range.
    let q2_limit = |two_theta: f64| {
        let s = 2.0 * libm::sin((two_theta / 2.0).to_radians()) / lambda_a;
        s * s
    };
    let (q2_lo, q2_hi) = (q2_limit(lo), q2_limit(hi));
    let mut list: Vec<(f64, f64, [i32; 3], u32, f64)> = Vec::new(); // 2theta, d, rep, count, |F|^2 LP
    for h in -ha..=ha {
        for k in -ka..=ka {
            for l in -la..=la {
                if h == 0 && k == 0 && l == 0 {
                    continue;
                }
                let v = [h as f64, k as f64, l as f64];
                let q2: f64 = (0..3).map(|r| (0..3).map(|c| v[r] * gs[r][c] * v[c]).sum::<f64>()).sum();
                if q2 <= 0.0 || q2 < q2_lo * (1.0 - 1e-9) || q2 > q2_hi * (1.0 + 1e-9) {
                    continue;
                }
                let d = 1.0 / libm::sqrt(q2);
                let sin_theta = lambda_a / (2.0 * d);
                if sin_theta >= 1.0 {
                    continue;
                }
                let two_theta = 2.0 * libm::asin(sin_theta).to_degrees();
                if two_theta < lo || two_theta > hi {
                    continue;
                }
                // A reflection seen as an image of an earlier one belongs to its family.
                let Some(here) = slot([h, k, l]) else { continue };
                if families[here] != u32::MAX {
                    list[families[here] as usize].3 += 1;
                    continue;
                }
                // A new family: every image of (hkl) under the rotations joins it; its name is
                // the largest image with no negative index, or the largest.
                let images: Vec<[i32; 3]> = rotations
                    .iter()
                    .map(|r| {
                        [
                            h * r[0][0] + k * r[1][0] + l * r[2][0],
                            h * r[0][1] + k * r[1][1] + l * r[2][1],
                            h * r[0][2] + k * r[1][2] + l * r[2][2],
                        ]
                    })
                    .collect();
                let key = images
                    .iter()
                    .filter(|i| i.iter().all(|v| *v >= 0))
                    .max()
                    .or_else(|| images.iter().max())
                    .copied()
                    .unwrap_or([h, k, l]);
                for image in images {
                    if let Some(at) = slot(image) {
                        families[at] = list.len() as u32;
                    }
                }
                let s = 1.0 / (2.0 * d);
                for (f, (element, b)) in factors.iter_mut().zip(&kinds) {
                    *f = scattering::f0(element, s) * libm::exp(-b * s * s);
                }
                let (mut re, mut im) = (0.0, 0.0);
                for (kind, occupancy, frac) in &placed {
                    let phase = 2.0 * std::f64::consts::PI * (v[0] * frac[0] + v[1] * frac[1] + v[2] * frac[2]);
                    let (sin, cos) = libm::sincos(phase);
                    let f = occupancy * factors[*kind];
                    re += f * cos;
                    im += f * sin;
                }
                let theta = libm::asin(sin_theta);
                let cos2t = libm::cos(2.0 * theta);
                let lp = (1.0 + cos2t * cos2t) / (sin_theta * sin_theta * libm::cos(theta));
                list.push((two_theta, d, key, 1, (re * re + im * im) * lp));
            }
        }
    }
    // Families the space group extinguishes (|F| zero but for rounding) are no reflections;
    // families at the same angle are one peak, named after its strongest family.
    let strongest_family = list.iter().map(|f| f.4).fold(0.0, f64::max);
    list.retain(|f| f.4 > 1e-9 * strongest_family);
    list.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.2.cmp(&a.2)));
    let mut merged: Vec<Reflection> = Vec::new();
    let mut label_raw = 0.0;
    for (two_theta, d, key, count, i) in list {
        let raw = i * count as f64;
        match merged.last_mut() {
            Some(last) if (last.two_theta_deg - two_theta).abs() < 1e-4 => {
                if raw > label_raw {
                    last.hkl = key;
                    label_raw = raw;
                }
                last.raw += raw;
                last.multiplicity += count;
            }
            _ => {
                label_raw = raw;
                merged.push(Reflection {
                    two_theta_deg: two_theta,
                    d_a: d,
                    hkl: key,
                    multiplicity: count,
                    intensity: 0.0,
                    raw,
                })
            }
        }
    }
    let strongest = merged.iter().map(|r| r.raw).fold(0.0, f64::max);
    if strongest > 0.0 {
        for r in &mut merged {
            r.intensity = 100.0 * r.raw / strongest;
        }
    }
    merged.retain(|r| r.intensity >= 1e-3);
    merged
}

/// How a diffractometer draws the pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// 2theta range and step, degrees.
    pub range_deg: (f64, f64),
    pub step_deg: f64,
    /// The instrument's peak width (FWHM), degrees.
    pub instrument_fwhm_deg: f64,
    /// Mean crystallite size, nm (Scherrer broadening; none when absent).
    pub crystallite_nm: Option<f64>,
    /// Lorentzian share of the pseudo-Voigt peaks.
    pub eta: f64,
    /// Counts at the strongest point above the background.
    pub peak_counts: f64,
    /// Background counts at the start of the range (falling to half at its end).
    pub background_counts: f64,
    /// Seed of the counting noise (none: the expected counts).
    pub noise_seed: Option<u64>,
}

impl Default for Profile {
    fn default() -> Self {
        Self {
            range_deg: (10.0, 80.0),
            step_deg: 0.02,
            instrument_fwhm_deg: 0.08,
            crystallite_nm: None,
            eta: 0.5,
            peak_counts: 10_000.0,
            background_counts: 200.0,
            noise_seed: None,
        }
    }
}

/// Scherrer constant.
pub const SCHERRER_K: f64 = 0.9;
/// Most points a pattern has.
pub const MAX_POINTS: usize = 200_000;

/// The size broadening (FWHM) of crystallites of `size_nm` at `two_theta_deg`, degrees:
/// `beta = K lambda / (D cos theta)`.
pub fn scherrer_fwhm_deg(lambda_a: f64, size_nm: f64, two_theta_deg: f64) -> f64 {
    let theta = (two_theta_deg / 2.0).to_radians();
    (SCHERRER_K * lambda_a / (size_nm.max(1e-3) * 10.0 * libm::cos(theta))).to_degrees()
}

/// A phase of a sample and its weight fraction.
pub struct Phase<'a> {
    pub structure: &'a Structure,
    pub weight_frac: f64,
}

/// The measured pattern of a sample of `phases`: `[2theta, counts]` at every step. Each
/// phase's intensities are scaled by its weight fraction over the mass and volume of its
/// cell (the intensity a unit mass of it diffracts); each line of the source adds its
/// reflections at its own angles with its weight; peaks are pseudo-Voigt with the
/// instrument's width and the crystallites' (added in quadrature).
pub fn measure(phases: &[Phase], wavelength: Wavelength, profile: &Profile) -> Vec<[f64; 2]> {
    let (lo, hi) = profile.range_deg;
    let listed: Vec<(Vec<Reflection>, f64)> = phases
        .iter()
        .map(|phase| {
            (
                reflections(phase.structure, wavelength.primary(), (lo - 2.0, hi + 2.0)),
                scale_of(phase.structure, phase.weight_frac),
            )
        })
        .collect();
    let sets: Vec<(&[Reflection], f64)> = listed.iter().map(|(r, scale)| (r.as_slice(), *scale)).collect();
    measure_reflections(&sets, wavelength, profile)
}

/// The factor a phase's raw intensities take in a mixture: its weight fraction over the
/// mass and volume of its cell.
pub fn scale_of(structure: &Structure, weight_frac: f64) -> f64 {
    weight_frac.max(0.0) / (structure.cell_mass() * structure.volume()).max(1e-9)
}

/// [`measure`] from reflections already listed (each set with its [`scale_of`]), so that a
/// caller measuring many samples of the same phases lists them once. The sets must reach
/// past the range by the peaks' reach.
pub fn measure_reflections(sets: &[(&[Reflection], f64)], wavelength: Wavelength, profile: &Profile) -> Vec<[f64; 2]> {
    let (lo, hi) = profile.range_deg;
    let step = profile.step_deg.max(1e-4);
    let n = (((hi - lo) / step) as usize + 1).min(MAX_POINTS);
    let mut counts = vec![0.0; n];
    for &(refl, scale) in sets {
        for (lambda, weight) in wavelength.lines() {
            for r in refl {
                let sin_theta = lambda / (2.0 * r.d_a);
                if sin_theta >= 1.0 {
                    continue;
                }
                let centre = 2.0 * libm::asin(sin_theta).to_degrees();
                let size = profile.crystallite_nm.map_or(0.0, |d| scherrer_fwhm_deg(lambda, d, centre));
                let inst = profile.instrument_fwhm_deg;
                let fwhm = libm::sqrt(inst * inst + size * size).max(1e-4);
                let area = r.raw * scale * weight;
                let reach = 15.0 * fwhm;
                if centre + reach < lo || centre - reach > hi {
                    continue;
                }
                let first = (((centre - reach - lo) / step).floor().max(0.0)) as usize;
                let last = ((((centre + reach - lo) / step).ceil()) as usize).min(n.saturating_sub(1));
                for (k, c) in counts.iter_mut().enumerate().take(last + 1).skip(first) {
                    let x = lo + k as f64 * step - centre;
                    *c += area * pseudo_voigt(x, fwhm, profile.eta);
                }
            }
        }
    }
    let strongest = counts.iter().cloned().fold(0.0, f64::max);
    let norm = if strongest > 0.0 { profile.peak_counts / strongest } else { 0.0 };
    let mut rng = profile.noise_seed.map(|seed| crate::rng::stream(seed, "xrd/counting"));
    (0..n)
        .map(|k| {
            let t = lo + k as f64 * step;
            let background = profile.background_counts * (1.0 - 0.5 * (t - lo) / (hi - lo).max(1e-9));
            let expected = counts[k] * norm + background;
            let measured = match rng.as_mut() {
                Some(rng) => (expected + crate::rng::normal(rng, 0.0, libm::sqrt(expected.max(0.0)))).max(0.0).round(),
                None => expected,
            };
            [t, measured]
        })
        .collect()
}

/// A pseudo-Voigt of unit area and full width at half maximum `fwhm`, at `x` from its centre.
pub fn pseudo_voigt(x: f64, fwhm: f64, eta: f64) -> f64 {
    let hw = fwhm / 2.0;
    let lorentz = hw / (std::f64::consts::PI * (x * x + hw * hw));
    let sigma = fwhm / (2.0 * libm::sqrt(2.0 * std::f64::consts::LN_2));
    let gauss = libm::exp(-x * x / (2.0 * sigma * sigma)) / (sigma * libm::sqrt(2.0 * std::f64::consts::PI));
    eta * lorentz + (1.0 - eta) * gauss
}

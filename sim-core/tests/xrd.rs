//! X-ray diffraction: the bundled structures expand to their Wyckoff multiplicities, peaks
//! sit where Bragg's law puts them, space-group absences hold, Scherrer broadening, mixtures,
//! cation mixing in NMC, and malformed CIFs located, never a panic.

use sim_core::xrd::pattern::{self, CU_KA1, Phase, Profile, Wavelength};
use sim_core::xrd::{BUNDLED_STRUCTURES, Structure, cif};

fn bundled(name: &str) -> Structure {
    let text = BUNDLED_STRUCTURES.iter().find(|(n, _)| *n == name).unwrap().1;
    cif::parse(&format!("{name}.cif"), text).unwrap()
}

#[test]
fn bundled_structures_expand_to_their_wyckoff_multiplicities() {
    assert_eq!(bundled("llzo-cubic").multiplicities(), [24, 16, 96, 24, 96]);
    assert_eq!(bundled("licoo2").multiplicities(), [3, 3, 6]);
    assert_eq!(bundled("nmc811").multiplicities(), [3, 3, 3, 3, 3, 3, 6]);
    assert_eq!(bundled("li-metal").multiplicities(), [2]);
    assert_eq!(bundled("la2zr2o7").multiplicities(), [16, 16, 48, 8]);
    assert_eq!(bundled("llzo-tetragonal").multiplicities(), [8, 16, 16, 32, 32, 32, 8, 16, 32]);
    assert_eq!(bundled("li2co3").multiplicities(), [8, 4, 4, 8]);
    // Seven lithium per formula unit, eight formula units in the garnet's cell.
    let li: f64 = bundled("llzo-cubic").expand().iter().filter(|a| a.element == "Li").map(|a| a.occupancy).sum();
    assert!((li - 56.0).abs() < 0.5, "{li} Li per cell");
}

/// Every reflection at 2 asin(lambda / 2d) with d from the lattice constants (cubic
/// `a / sqrt(h2 + k2 + l2)`, hexagonal `1/d2 = 4/3 (h2 + hk + k2)/a2 + l2/c2`), and the
/// reference section's tabulated positions found.
#[test]
fn peak_positions_follow_braggs_law_from_the_lattice_constants() {
    let two_theta = |d: f64| 2.0 * (CU_KA1 / (2.0 * d)).asin().to_degrees();
    let llzo = pattern::reflections(&bundled("llzo-cubic"), CU_KA1, (10.0, 80.0));
    for r in &llzo {
        let [h, k, l] = r.hkl.map(|v| v as f64);
        assert!((r.two_theta_deg - two_theta(12.97 / (h * h + k * k + l * l).sqrt())).abs() < 1e-9);
    }
    for (expected, hkl) in
        [(16.73, [2, 1, 1]), (19.34, [2, 2, 0]), (25.68, [3, 2, 1]), (27.49, [4, 0, 0]), (30.81, [4, 2, 0])]
    {
        let r = llzo.iter().find(|r| (r.two_theta_deg - expected).abs() < 0.02).unwrap_or_else(|| panic!("{expected}"));
        assert_eq!(r.hkl, hkl);
    }
    for (name, a, c, expected) in
        [("licoo2", 2.816, 14.05, [18.93, 37.40, 45.23]), ("nmc811", 2.872, 14.20, [18.73, 36.65, 44.44])]
    {
        let refl = pattern::reflections(&bundled(name), CU_KA1, (10.0, 80.0));
        for r in &refl {
            let [h, k, l] = r.hkl.map(|v| v as f64);
            let inv_d2 = 4.0 / 3.0 * (h * h + h * k + k * k) / (a * a) + l * l / (c * c);
            assert!((r.two_theta_deg - two_theta(1.0 / inv_d2.sqrt())).abs() < 1e-9, "{name} {:?}", r.hkl);
        }
        for e in expected {
            assert!(refl.iter().any(|r| (r.two_theta_deg - e).abs() < 0.03), "{name}: no peak at {e}");
        }
    }
}

/// Ia-3d: h00 only with h = 4n, so (200) is absent and (400) present; R-3m (hexagonal
/// axes): -h + k + l = 3n.
#[test]
fn space_group_absences_hold() {
    let llzo = pattern::reflections(&bundled("llzo-cubic"), CU_KA1, (10.0, 80.0));
    let at = |hkl: [i32; 3]| {
        let [h, k, l] = hkl.map(|v| v as f64);
        let d = 12.97 / (h * h + k * k + l * l).sqrt();
        let t = 2.0 * (CU_KA1 / (2.0 * d)).asin().to_degrees();
        llzo.iter().any(|r| (r.two_theta_deg - t).abs() < 1e-6)
    };
    assert!(!at([2, 0, 0]) && !at([1, 1, 0]) && !at([3, 1, 0]));
    assert!(at([4, 0, 0]) && at([2, 1, 1]) && at([4, 2, 0]));
    for r in pattern::reflections(&bundled("licoo2"), CU_KA1, (10.0, 80.0)) {
        let [h, k, l] = r.hkl;
        assert_eq!((-h + k + l).rem_euclid(3), 0, "{:?}", r.hkl);
    }
}

/// Width at half height of the peak nearest `at` in a pattern, degrees.
fn fwhm(points: &[[f64; 2]], at: f64, background: f64) -> f64 {
    let peak = points.iter().filter(|p| (p[0] - at).abs() < 0.5).max_by(|a, b| a[1].total_cmp(&b[1])).unwrap();
    let half = background + (peak[1] - background) / 2.0;
    let i = points.iter().position(|p| p == peak).unwrap();
    let left = points[..i].iter().rev().find(|p| p[1] < half).unwrap()[0];
    let right = points[i..].iter().find(|p| p[1] < half).unwrap()[0];
    right - left
}

/// Scherrer: halving the crystallite size doubles the size broadening, in the formula and in
/// the drawn pattern (an instrument with no width of its own).
#[test]
fn peak_width_follows_scherrer() {
    assert!(
        (pattern::scherrer_fwhm_deg(CU_KA1, 20.0, 30.8) / pattern::scherrer_fwhm_deg(CU_KA1, 40.0, 30.8) - 2.0).abs()
            < 1e-12
    );
    let llzo = bundled("llzo-cubic");
    let width = |nm: f64| {
        let profile = Profile {
            range_deg: (29.0, 33.0),
            step_deg: 0.0005,
            instrument_fwhm_deg: 1e-4,
            crystallite_nm: Some(nm),
            background_counts: 0.0,
            ..Profile::default()
        };
        let points = pattern::measure(&[Phase { structure: &llzo, weight_frac: 1.0 }], Wavelength::CuKa1, &profile);
        fwhm(&points, 30.8, 0.0)
    };
    let (fine, coarse) = (width(20.0), width(40.0));
    assert!((fine / coarse - 2.0).abs() < 0.05, "{fine} vs {coarse} degrees");
    assert!((coarse - pattern::scherrer_fwhm_deg(CU_KA1, 40.0, 30.8)).abs() < 0.01);
}

/// A two-phase sample shows both phases' peaks, each scaled by its weight fraction.
#[test]
fn a_two_phase_mixture_shows_both_phases_scaled_by_fraction() {
    let (llzo, lco) = (bundled("llzo-cubic"), bundled("licoo2"));
    let ratio = |w_lco: f64| {
        let profile = Profile { background_counts: 0.0, ..Profile::default() };
        let phases =
            [Phase { structure: &llzo, weight_frac: 1.0 - w_lco }, Phase { structure: &lco, weight_frac: w_lco }];
        let points = pattern::measure(&phases, Wavelength::CuKa1, &profile);
        let height = |at: f64| points.iter().filter(|p| (p[0] - at).abs() < 0.1).map(|p| p[1]).fold(0.0, f64::max);
        height(18.93) / height(30.81)
    };
    let (half, tenth) = (ratio(0.5), ratio(0.1));
    assert!(half > 0.0 && tenth > 0.0);
    let expected = (0.1 / 0.9) / (0.5 / 0.5);
    assert!((tenth / half / expected - 1.0).abs() < 0.05, "{tenth} / {half} vs {expected}");
    assert!(ratio(0.0) < 0.01 * tenth, "no LiCoO2, no (003): only the garnet's peak tails");
}

/// Nickel on the lithium site (cation mixing) lowers I(003)/I(104) of NMC811.
#[test]
fn cation_mixing_lowers_the_003_to_104_ratio() {
    let ratio = |mixing: f64| {
        let mut s = bundled("nmc811");
        for site in &mut s.sites {
            match site.label.as_str() {
                "Ni2" | "Li1" => site.occupancy = mixing,
                "Li2" => site.occupancy = 1.0 - mixing,
                "Ni1" => site.occupancy = 0.8 - mixing,
                _ => {}
            }
        }
        let refl = pattern::reflections(&s, CU_KA1, (10.0, 80.0));
        let i = |t: f64| refl.iter().find(|r| (r.two_theta_deg - t).abs() < 0.05).unwrap().intensity;
        i(18.73) / i(44.44)
    };
    let (ordered, mixed) = (ratio(0.0), ratio(0.08));
    assert!(ordered > 1.2 && mixed < ordered - 0.2, "I003/I104 {ordered} ordered, {mixed} mixed");
}

/// Malformed CIFs are refused with the file, line:column and tag.
#[test]
fn malformed_cifs_are_located() {
    let good = BUNDLED_STRUCTURES[0].1;
    for (from, to, needle) in [
        ("_cell_length_a 12.97", "_cell_length_a 12.97(", "_cell_length_a"),
        ("_cell_length_a 12.97", "_cell_length_a -3", "between"),
        ("_cell_length_a 12.97\n", "", "_cell_length_a"),
        ("'x,y,z'", "'x,y'", "three parts"),
        ("'x,y,z'", "'x,y,q'", "unexpected `q`"),
        ("La1 La 0.125", "Xx1 Xx 0.125", "no scattering factors"),
        ("Zr1 Zr 0 0 0 1.0 0.4", "Zr1 Zr 0 0 0 1.0", "values for"),
        ("O1 O 0.1005 0.1955 0.2818 1.0 0.9", "O1 O 0.1005 0.1955 0.2818 1.7 0.9", "_atom_site_occupancy"),
    ] {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        let err = cif::parse("bad.cif", &bad).unwrap_err().to_string();
        assert!(err.starts_with("bad.cif:") && err.contains(needle), "{to}: {err}");
    }
}

mod robustness {
    use proptest::prelude::*;
    use sim_core::xrd::{cif, pattern};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any text, and any damage to a good file, is parsed or refused, never a panic;
        /// what parses gives a bounded pattern.
        #[test]
        fn any_text_is_read_or_refused(cut in 0usize..4000, junk in "[ -~\\n]{0,40}") {
            let good = sim_core::xrd::BUNDLED_STRUCTURES[1].1;
            let cut = cut.min(good.len());
            let cut = (0..=cut).rev().find(|&c| good.is_char_boundary(c)).unwrap_or(0);
            let text = format!("{}{}{}", &good[..cut], junk, &good[cut..]);
            if let Ok(s) = cif::parse("fuzz.cif", &text) {
                let refl = pattern::reflections(&s, pattern::CU_KA1, (10.0, 80.0));
                prop_assert!(refl.iter().all(|r| r.intensity.is_finite()));
            }
        }
    }
}

/// Every row of the scattering-factor table gives the atom's electrons at zero angle, and
/// the factor falls with angle.
#[test]
fn scattering_factors_start_at_the_atomic_number_and_fall() {
    use sim_core::xrd::scattering;
    for e in scattering::elements() {
        let z = scattering::atomic_number(e) as f64;
        assert!((scattering::f0(e, 0.0) - z).abs() < 0.06, "{e}: f0(0) = {} for Z = {z}", scattering::f0(e, 0.0));
        assert!(scattering::f0(e, 0.5) < scattering::f0(e, 0.1), "{e}");
        assert_eq!(scattering::element_of(&format!("{e}1")), Some(e));
    }
    assert_eq!(scattering::element_of("O2-"), Some("O"));
    assert_eq!(scattering::element_of("Xx"), None);
}

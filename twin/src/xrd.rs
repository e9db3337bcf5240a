//! `twin xrd`: the powder pattern of a crystal structure (a CIF, or a bundled one by name):
//! its reflections with `--peaks`, the measured pattern as CSV with `--csv`.

use std::path::Path;

use l10n::{Arg, tr};
use sim_core::xrd::pattern::{self, Phase, Profile, Wavelength};
use sim_core::xrd::{BUNDLED_STRUCTURES, Structure, cif};

use crate::files::{Failure, read};

#[allow(clippy::too_many_arguments)]
pub fn xrd(
    file: &str,
    wavelength: &str,
    range: &str,
    step: f64,
    size_nm: Option<f64>,
    peaks: bool,
    csv_path: Option<&Path>,
) -> Result<(), Failure> {
    let wavelength = Wavelength::parse(wavelength).map_err(Failure::BadInput)?;
    let range = parse_range(range).ok_or_else(|| Failure::BadInput(tr!("cli-xrd-bad-range", range = range)))?;
    if !(step.is_finite() && (0.001..=1.0).contains(&step)) {
        return Err(Failure::BadInput(tr!("cli-xrd-bad-step", step = Arg::Num(step, 4))));
    }
    if let Some(size) = size_nm.filter(|s| !(s.is_finite() && (1.0..=10_000.0).contains(s))) {
        return Err(Failure::BadInput(tr!("cli-xrd-bad-size", nm = Arg::Num(size, 1))));
    }
    let structure = load(file)?;
    let atoms = structure.expand();
    let [a, b, c] = structure.lengths;
    outln!(
        "{}",
        tr!(
            "cli-xrd-structure",
            name = structure.name.as_str(),
            a = Arg::Num(a, 4),
            b = Arg::Num(b, 4),
            c = Arg::Num(c, 4),
            atoms = Arg::Int(atoms.len() as i64),
            ops = Arg::Int(structure.ops.len() as i64)
        )
    );
    let lambda = wavelength.primary();
    let reflections = pattern::reflections(&structure, lambda, range);
    outln!("{}", tr!("cli-xrd-reflections", n = Arg::Int(reflections.len() as i64), lambda = Arg::Num(lambda, 5)));
    let shown: Vec<&pattern::Reflection> = if peaks {
        reflections.iter().collect()
    } else {
        let mut strongest: Vec<&pattern::Reflection> = reflections.iter().collect();
        strongest.sort_by(|x, y| y.intensity.total_cmp(&x.intensity));
        strongest.truncate(10);
        strongest.sort_by(|x, y| x.two_theta_deg.total_cmp(&y.two_theta_deg));
        strongest
    };
    outln!("  {}", tr!("cli-xrd-header"));
    for r in shown {
        outln!(
            "  {:>9}  {:>8}  {:>12}  {:>4}  {:>7}",
            l10n::number(r.two_theta_deg, 3),
            l10n::number(r.d_a, 4),
            format!("({} {} {})", r.hkl[0], r.hkl[1], r.hkl[2]),
            r.multiplicity,
            l10n::number(r.intensity, 1)
        );
    }
    if let Some(path) = csv_path {
        let profile = Profile {
            range_deg: range,
            step_deg: step,
            crystallite_nm: size_nm,
            noise_seed: Some(1),
            ..Profile::default()
        };
        let points = pattern::measure(&[Phase { structure: &structure, weight_frac: 1.0 }], wavelength, &profile);
        let fail = |e: &dyn std::fmt::Display| Failure::BadInput(format!("{}: {e}", path.display()));
        let mut writer = csv::Writer::from_path(path).map_err(|e| fail(&e))?;
        writer.write_record(["two_theta_deg", "counts"]).map_err(|e| fail(&e))?;
        for [t, n] in &points {
            writer.write_record([format!("{t:.4}"), format!("{n:.1}")]).map_err(|e| fail(&e))?;
        }
        writer.flush().map_err(|e| fail(&e))?;
        outln!("{}", tr!("cli-cell-csv", rows = Arg::Int(points.len() as i64), path = path.display().to_string()));
    }
    Ok(())
}

/// `10:80` as (10, 80), inside 1-170 degrees.
fn parse_range(text: &str) -> Option<(f64, f64)> {
    let (lo, hi) = text.split_once(':')?;
    let (lo, hi): (f64, f64) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
    (lo.is_finite() && hi.is_finite() && 1.0 <= lo && lo < hi && hi <= 170.0).then_some((lo, hi))
}

fn load(name: &str) -> Result<Structure, Failure> {
    if let Some((id, text)) = BUNDLED_STRUCTURES.iter().find(|(n, _)| *n == name) {
        return Ok(cif::parse(&format!("{id}.cif"), text)?);
    }
    let path = Path::new(name);
    if !path.exists() {
        let names: Vec<&str> = BUNDLED_STRUCTURES.iter().map(|(n, _)| *n).collect();
        return Err(Failure::BadInput(tr!("cli-xrd-unknown", name = name, names = names.join(", "))));
    }
    let text = read(path)?;
    Ok(cif::parse(&path.display().to_string(), &text)?)
}

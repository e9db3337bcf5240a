//! X-ray powder diffraction from crystal structures (reference section 11).
//!
//! - `cif.rs` reads a structure from a CIF: cell, symmetry operations, atom sites.
//! - The structure is expanded to the full cell by its symmetry operations, atoms that fall
//!   on the same position (special positions) merged.
//! - `pattern.rs` enumerates the reflections in a 2theta range (Bragg, `lambda = 2 d sin
//!   theta`, `d` from the reciprocal metric), their structure factors
//!   `F = sum occ f(s) exp(-B s^2) exp(2 pi i (hx + ky + lz))` with the 4-Gaussian atomic
//!   scattering factors (`scattering.rs`), Lorentz-polarisation
//!   `(1 + cos^2 2theta) / (sin^2 theta cos theta)`, and merges reflections at the same angle
//!   (their count is the multiplicity); then draws the measured pattern: pseudo-Voigt peaks
//!   whose width is the instrument's and the crystallites' (Scherrer), the Cu Ka2 line,
//!   background and counting noise.

pub mod cif;
pub mod pattern;
pub mod scattering;

/// The structures bundled with the program (`assets/structures/`), by the name the CLI
/// knows them by.
pub const BUNDLED_STRUCTURES: &[(&str, &str)] = &[
    ("llzo-cubic", include_str!("../../../assets/structures/llzo-cubic.cif")),
    ("llzo-tetragonal", include_str!("../../../assets/structures/llzo-tetragonal.cif")),
    ("licoo2", include_str!("../../../assets/structures/licoo2.cif")),
    ("nmc811", include_str!("../../../assets/structures/nmc811.cif")),
    ("li-metal", include_str!("../../../assets/structures/li-metal.cif")),
    ("la2zr2o7", include_str!("../../../assets/structures/la2zr2o7.cif")),
    ("li2co3", include_str!("../../../assets/structures/li2co3.cif")),
];

/// One atom site as the file lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub label: String,
    /// Element symbol (`La`).
    pub element: &'static str,
    pub frac: [f64; 3],
    pub occupancy: f64,
    /// Isotropic displacement, A^2 (Debye-Waller `exp(-B s^2)`), when given.
    pub b_iso: Option<f64>,
}

/// A symmetry operation: `x' = R x + t` in fractional coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymOp {
    pub rot: [[f64; 3]; 3],
    pub trans: [f64; 3],
}

impl SymOp {
    pub fn identity() -> Self {
        Self { rot: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], trans: [0.0; 3] }
    }

    /// Parses `-x+1/2, y, z+1/4` (also `x-y`, `+x`, `0.5+X`, with or without quotes).
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() != 3 {
            return Err(format!("a symmetry operation has three parts separated by commas, got `{text}`"));
        }
        let mut op = Self { rot: [[0.0; 3]; 3], trans: [0.0; 3] };
        for (row, part) in parts.iter().enumerate() {
            let s: Vec<char> = part.chars().filter(|c| !c.is_whitespace()).collect();
            if s.is_empty() {
                return Err(format!("an empty part in the symmetry operation `{text}`"));
            }
            let mut k = 0;
            while k < s.len() {
                let mut sign = 1.0;
                if s[k] == '+' || s[k] == '-' {
                    sign = if s[k] == '-' { -1.0 } else { 1.0 };
                    k += 1;
                }
                let Some(&c) = s.get(k) else {
                    return Err(format!("a sign without a term in `{text}`"));
                };
                match c.to_ascii_lowercase() {
                    'x' | 'y' | 'z' => {
                        let axis = (c.to_ascii_lowercase() as u8 - b'x') as usize;
                        op.rot[row][axis] += sign;
                        k += 1;
                    }
                    d if d.is_ascii_digit() || d == '.' => {
                        let start = k;
                        while k < s.len() && (s[k].is_ascii_digit() || s[k] == '.' || s[k] == '/') {
                            k += 1;
                        }
                        let number: String = s[start..k].iter().collect();
                        if s.get(k).is_some_and(|c| matches!(c.to_ascii_lowercase(), 'x' | 'y' | 'z')) {
                            return Err(format!(
                                "`{number}{}` in `{text}`: a symmetry operation takes no factor before x, y or z",
                                s[k]
                            ));
                        }
                        let value = match number.split_once('/') {
                            Some((n, d)) => match (n.parse::<f64>(), d.parse::<f64>()) {
                                (Ok(n), Ok(d)) if d != 0.0 => n / d,
                                _ => return Err(format!("`{number}` is not a fraction in `{text}`")),
                            },
                            None => {
                                number.parse::<f64>().map_err(|_| format!("`{number}` is not a number in `{text}`"))?
                            }
                        };
                        op.trans[row] += sign * value;
                    }
                    _ => return Err(format!("unexpected `{c}` in the symmetry operation `{text}`")),
                }
            }
        }
        // A rotation or rotoinversion keeps volumes: its matrix has determinant 1 or -1.
        let r = &op.rot;
        let det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
            + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        if (det.abs() - 1.0).abs() > 1e-9 {
            return Err(format!(
                "`{text}` is not a symmetry operation: its matrix has determinant {det}, where a rotation has 1 or -1"
            ));
        }
        Ok(op)
    }

    /// The image of fractional position `p`, wrapped into the cell `[0, 1)`.
    pub fn apply(&self, p: [f64; 3]) -> [f64; 3] {
        let mut out = [0.0; 3];
        for (r, o) in out.iter_mut().enumerate() {
            let v = self.rot[r][0] * p[0] + self.rot[r][1] * p[1] + self.rot[r][2] * p[2] + self.trans[r];
            *o = wrap(v);
        }
        out
    }
}

/// `v` into `[0, 1)`.
fn wrap(v: f64) -> f64 {
    let w = v - libm::floor(v);
    if w >= 1.0 - 1e-9 { 0.0 } else { w }
}

/// A crystal structure as a file describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Structure {
    pub name: String,
    /// a, b, c, A.
    pub lengths: [f64; 3],
    /// alpha, beta, gamma, degrees.
    pub angles_deg: [f64; 3],
    pub ops: Vec<SymOp>,
    pub sites: Vec<Site>,
}

/// One atom of the full cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    pub element: &'static str,
    pub frac: [f64; 3],
    pub occupancy: f64,
    pub b_iso: f64,
}

impl Structure {
    /// Every atom of the unit cell: each site under every operation, images closer than
    /// 0.001 (fractional, across the cell's edges) merged.
    pub fn expand(&self) -> Vec<Atom> {
        let mut atoms: Vec<Atom> = Vec::new();
        for site in &self.sites {
            let first = atoms.len();
            for op in &self.ops {
                let p = op.apply(site.frac);
                let seen = atoms[first..].iter().any(|a| {
                    (0..3).all(|k| {
                        let d = (a.frac[k] - p[k]).abs();
                        d.min(1.0 - d) < 1e-3
                    })
                });
                if !seen {
                    atoms.push(Atom {
                        element: site.element,
                        frac: p,
                        occupancy: site.occupancy,
                        b_iso: site.b_iso.unwrap_or(0.0),
                    });
                }
            }
        }
        atoms
    }

    /// How many atoms each site puts in the cell (its Wyckoff multiplicity).
    pub fn multiplicities(&self) -> Vec<usize> {
        self.sites.iter().map(|s| Structure { sites: vec![s.clone()], ..self.clone() }.expand().len()).collect()
    }

    /// The reciprocal metric tensor `G*` (1/A^2): `1/d^2 = h G* h`.
    pub fn reciprocal_metric(&self) -> [[f64; 3]; 3] {
        let [a, b, c] = self.lengths;
        let [al, be, ga] = self.angles_deg.map(|d| d.to_radians());
        let (ca, cb, cg) = (libm::cos(al), libm::cos(be), libm::cos(ga));
        let g = [[a * a, a * b * cg, a * c * cb], [a * b * cg, b * b, b * c * ca], [a * c * cb, b * c * ca, c * c]];
        invert3(g)
    }

    /// Cell volume, A^3.
    pub fn volume(&self) -> f64 {
        let [a, b, c] = self.lengths;
        let [al, be, ga] = self.angles_deg.map(|d| d.to_radians());
        let (ca, cb, cg) = (libm::cos(al), libm::cos(be), libm::cos(ga));
        a * b * c * libm::sqrt((1.0 - ca * ca - cb * cb - cg * cg + 2.0 * ca * cb * cg).max(0.0))
    }

    /// Mass of the cell's content, g/mol (occupancies counted).
    pub fn cell_mass(&self) -> f64 {
        self.expand().iter().map(|a| a.occupancy * scattering::atomic_mass(a.element)).sum()
    }
}

/// The inverse of a 3x3 matrix (the metric tensor is never singular for a valid cell).
fn invert3(m: [[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    let inv_det = if det.abs() > 1e-300 { 1.0 / det } else { 0.0 };
    let mut out = [[0.0; 3]; 3];
    for (r, row) in out.iter_mut().enumerate() {
        for (c, v) in row.iter_mut().enumerate() {
            let (r1, r2) = ((c + 1) % 3, (c + 2) % 3);
            let (c1, c2) = ((r + 1) % 3, (r + 2) % 3);
            *v = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) * inv_det;
        }
    }
    out
}

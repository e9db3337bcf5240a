//! Atomic X-ray scattering factors of neutral atoms, the 4-Gaussian form of Cromer and Mann
//! as tabulated in International Tables for Crystallography Vol. C, Table 6.1.1.4:
//! `f0(s) = sum_i a_i exp(-b_i s^2) + c`, `s = sin(theta) / lambda` in 1/A (valid to
//! s = 2/A). Anomalous dispersion is left out. `f0(0) = sum a_i + c` is the atomic number
//! (a test checks every row).

/// (symbol, Z, [a1 b1 a2 b2 a3 b3 a4 b4 c], atomic mass g/mol).
const TABLE: &[(&str, u32, [f64; 9], f64)] = &[
    ("H", 1, [0.489918, 20.6593, 0.262003, 7.74039, 0.196767, 49.5519, 0.049879, 2.20159, 0.001305], 1.008),
    ("Li", 3, [1.1282, 3.9546, 0.7508, 1.0524, 0.6175, 85.3905, 0.4653, 168.261, 0.0377], 6.94),
    ("C", 6, [2.31, 20.8439, 1.02, 10.2075, 1.5886, 0.5687, 0.865, 51.6512, 0.2156], 12.011),
    ("N", 7, [12.2126, 0.0057, 3.1322, 9.8933, 2.0125, 28.9975, 1.1663, 0.5826, -11.529], 14.007),
    ("O", 8, [3.0485, 13.2771, 2.2868, 5.7011, 1.5463, 0.3239, 0.867, 32.9089, 0.2508], 15.999),
    ("Al", 13, [6.4202, 3.0387, 1.9002, 0.7426, 1.5936, 31.5472, 1.9646, 85.0886, 1.1151], 26.982),
    ("P", 15, [6.4345, 1.9067, 4.1791, 27.157, 1.78, 0.526, 1.4908, 68.1645, 1.1149], 30.974),
    ("S", 16, [6.9053, 1.4679, 5.2034, 22.2151, 1.4379, 0.2536, 1.5863, 56.172, 0.8669], 32.06),
    ("Mn", 25, [11.2819, 5.3409, 7.3573, 0.3432, 3.0193, 17.8674, 2.2441, 83.7543, 1.0896], 54.938),
    ("Co", 27, [12.2841, 4.2791, 7.3409, 0.2784, 4.0034, 13.5359, 2.3488, 71.1692, 1.0118], 58.933),
    ("Ni", 28, [12.8376, 3.8785, 7.292, 0.2565, 4.4438, 12.1763, 2.38, 66.3421, 1.0341], 58.693),
    ("Ga", 31, [15.2354, 3.0669, 6.7006, 0.2412, 4.3591, 10.7805, 2.9623, 61.4135, 1.7189], 69.723),
    ("Zr", 40, [17.8765, 1.27618, 10.948, 11.916, 5.41732, 0.117622, 3.65721, 87.6627, 2.06929], 91.224),
    ("La", 57, [20.578, 2.94817, 19.599, 0.244475, 11.3727, 18.7726, 3.28719, 133.124, 2.14678], 138.905),
    ("Ta", 73, [29.2024, 1.77333, 15.2293, 9.37046, 14.5135, 0.295977, 4.76492, 63.3644, 9.24354], 180.948),
];

/// The element a CIF label or type symbol names (`La1`, `O2-`, `Li+` -> `La`, `O`, `Li`),
/// if the table has it.
pub fn element_of(label: &str) -> Option<&'static str> {
    let mut chars = label.chars();
    let first = chars.next().filter(|c| c.is_ascii_alphabetic())?.to_ascii_uppercase();
    let second = chars.next().filter(|c| c.is_ascii_lowercase());
    let two: String = [Some(first), second].into_iter().flatten().collect();
    let one = first.to_string();
    TABLE.iter().find(|e| e.0 == two).or_else(|| TABLE.iter().find(|e| e.0 == one)).map(|e| e.0)
}

fn row(element: &str) -> Option<&'static (&'static str, u32, [f64; 9], f64)> {
    TABLE.iter().find(|e| e.0 == element)
}

/// `f0(s)` of `element` at `s = sin(theta)/lambda` (0 for an element not in the table).
pub fn f0(element: &str, s: f64) -> f64 {
    let Some((_, _, c, _)) = row(element) else { return 0.0 };
    let s2 = s * s;
    c[0] * libm::exp(-c[1] * s2)
        + c[2] * libm::exp(-c[3] * s2)
        + c[4] * libm::exp(-c[5] * s2)
        + c[6] * libm::exp(-c[7] * s2)
        + c[8]
}

/// Atomic number.
pub fn atomic_number(element: &str) -> u32 {
    row(element).map_or(0, |r| r.1)
}

/// Atomic mass, g/mol.
pub fn atomic_mass(element: &str) -> f64 {
    row(element).map_or(0.0, |r| r.3)
}

/// Every element the table holds.
pub fn elements() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|e| e.0)
}

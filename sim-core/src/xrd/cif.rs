//! A reader for the crystal structures of Crystallographic Information Files (CIF 1.1): the
//! cell, the symmetry operations (either tag family), the atom-site loop (label, type
//! symbol, fractional coordinates, occupancy, optional Uiso or Biso). Values may carry an
//! uncertainty, `5.4307(2)`. Errors name the file, line:column and the tag.

use super::{Site, Structure, SymOp};
use crate::input::{FieldPath, InputError};

/// Longest CIF accepted, bytes.
pub const MAX_CIF_BYTES: usize = 1 << 20;
/// Most atom sites and symmetry operations a structure may list.
pub const MAX_SITES: usize = 512;
pub const MAX_OPS: usize = 192;
/// Most atoms (sites times operations) a cell may hold.
pub const MAX_ATOM_IMAGES: usize = 20_000;

/// One value of the file and where it stands (byte span).
#[derive(Clone, Debug)]
struct Token {
    text: String,
    start: usize,
    end: usize,
}

/// A loop: its tags (lower case, with where each stands) and its rows of values.
type Loop = (Vec<(String, Token)>, Vec<Vec<Token>>);

/// What the file says: single tags and loops, by tag (lower case).
#[derive(Default)]
struct Blocks {
    items: Vec<(String, Token)>,
    loops: Vec<Loop>,
}

/// Splits `text` into tokens: bare words, quoted strings, `;` text fields; `#` comments
/// skipped. A quoted value that does not close on its line is an error (its span).
fn tokens(text: &str) -> Result<Vec<Token>, (usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b';' && line_start {
            // A text field: until a line that starts with `;`.
            let start = i;
            let body_start = i + 1;
            let mut j = body_start;
            let mut end = bytes.len();
            while j < bytes.len() {
                if bytes[j] == b'\n' && bytes.get(j + 1) == Some(&b';') {
                    end = j;
                    break;
                }
                j += 1;
            }
            out.push(Token { text: text[body_start..end].trim().to_string(), start, end: (end + 2).min(bytes.len()) });
            i = (end + 2).min(bytes.len());
            line_start = false;
            continue;
        }
        line_start = false;
        if c == b'\'' || c == b'"' {
            // A quoted value ends at the same quote followed by white space or the end.
            let start = i;
            let mut j = i + 1;
            while j < bytes.len() && !(bytes[j] == c && bytes.get(j + 1).is_none_or(|n| n.is_ascii_whitespace())) {
                if bytes[j] == b'\n' {
                    break;
                }
                j += 1;
            }
            let end = j.min(bytes.len());
            if bytes.get(end) != Some(&c) {
                return Err((start, end));
            }
            out.push(Token { text: text[start + 1..end].to_string(), start, end: (end + 1).min(bytes.len()) });
            i = end + 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        out.push(Token { text: text[start..i].to_string(), start, end: i });
    }
    Ok(out)
}

fn is_keyword(t: &Token) -> bool {
    let lower = t.text.to_ascii_lowercase();
    lower == "loop_" || lower.starts_with("data_") || lower.starts_with("save_") || lower == "global_"
}

fn is_tag(t: &Token) -> bool {
    t.text.starts_with('_')
}

/// Groups the tokens of the first data block into tags with their values and loops.
fn blocks(file: &str, text: &str, toks: &[Token]) -> Result<Blocks, InputError> {
    let mut out = Blocks::default();
    let mut seen_data = false;
    let mut i = 0;
    let err = |t: &Token, field: &str, msg: &str| {
        InputError::at_span(file, text, (t.start, t.end), &FieldPath::root().field(field), msg.to_string())
    };
    while i < toks.len() {
        let t = &toks[i];
        if t.text.eq_ignore_ascii_case("loop_") {
            i += 1;
            let mut tags = Vec::new();
            while i < toks.len() && is_tag(&toks[i]) {
                tags.push((toks[i].text.to_ascii_lowercase(), toks[i].clone()));
                i += 1;
            }
            if tags.is_empty() {
                return Err(err(t, "loop_", "a loop_ needs its tags"));
            }
            let mut values = Vec::new();
            while i < toks.len() && !is_tag(&toks[i]) && !is_keyword(&toks[i]) {
                values.push(toks[i].clone());
                i += 1;
            }
            if values.len() % tags.len() != 0 {
                let last = values.last().unwrap_or(&tags[0].1);
                return Err(err(
                    last,
                    &tags[0].0,
                    &format!(
                        "this loop has {} values for {} tags: each row needs a value for every tag",
                        values.len(),
                        tags.len()
                    ),
                ));
            }
            let rows = values.chunks(tags.len()).map(|r| r.to_vec()).collect();
            out.loops.push((tags, rows));
        } else if is_tag(t) {
            let Some(value) = toks.get(i + 1).filter(|v| !is_tag(v) && !is_keyword(v)) else {
                return Err(err(t, &t.text, "this tag has no value"));
            };
            let tag = t.text.to_ascii_lowercase();
            if out.items.iter().any(|(seen, _)| *seen == tag) {
                return Err(err(t, &t.text, "this tag is given twice; a file gives each once"));
            }
            out.items.push((tag, value.clone()));
            i += 2;
        } else if is_keyword(t) {
            // Only the first data block is read (a file may hold several structures).
            if t.text.to_ascii_lowercase().starts_with("data_") {
                if seen_data {
                    break;
                }
                seen_data = true;
            }
            i += 1;
        } else {
            return Err(err(t, "(file)", &format!("`{}` is neither a tag, a value of one, nor loop_", t.text)));
        }
    }
    Ok(out)
}

/// A number as CIF writes it: `5.4307(2)` is 5.4307 (the uncertainty is dropped).
pub fn number(text: &str) -> Option<f64> {
    let plain = match text.find('(') {
        Some(k) if text.ends_with(')') => &text[..k],
        Some(_) => return None,
        None => text,
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a structure from CIF text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Structure, InputError> {
    if text.len() > MAX_CIF_BYTES {
        return Err(InputError::at_span(
            file,
            text,
            (0, 1),
            &FieldPath::root(),
            format!("a CIF is at most {MAX_CIF_BYTES} bytes"),
        ));
    }
    let toks = tokens(text).map_err(|span| {
        InputError::at_span(
            file,
            text,
            span,
            &FieldPath::root(),
            "a quoted value must close on its own line".to_string(),
        )
    })?;
    let b = blocks(file, text, &toks)?;
    let at = |t: &Token, tag: &str, msg: String| {
        InputError::at_span(file, text, (t.start, t.end), &FieldPath::root().field(tag), msg)
    };
    let whole = |tag: &str, msg: String| InputError::at_span(file, text, (0, 1), &FieldPath::root().field(tag), msg);
    let item = |tag: &str| b.items.iter().find(|(t, _)| t == tag).map(|(_, v)| v);
    let cell_value = |tag: &str, min: f64, max: f64| -> Result<f64, InputError> {
        let t = item(tag).ok_or_else(|| whole(tag, format!("the file gives no {tag}")))?;
        let v = number(&t.text).ok_or_else(|| at(t, tag, format!("{tag} must be a number, got `{}`", t.text)))?;
        if !(min..=max).contains(&v) {
            return Err(at(t, tag, format!("{tag} must be between {min} and {max}, got {v}")));
        }
        Ok(v)
    };
    let lengths = [
        cell_value("_cell_length_a", 0.5, 200.0)?,
        cell_value("_cell_length_b", 0.5, 200.0)?,
        cell_value("_cell_length_c", 0.5, 200.0)?,
    ];
    let angles = [
        cell_value("_cell_angle_alpha", 10.0, 170.0)?,
        cell_value("_cell_angle_beta", 10.0, 170.0)?,
        cell_value("_cell_angle_gamma", 10.0, 170.0)?,
    ];
    // The cell exists only if its metric has a positive determinant:
    // 1 - cos2(a) - cos2(b) - cos2(g) + 2 cos(a) cos(b) cos(g) > 0 (an angle above the sum
    // of the other two, or three summing past 360 degrees, gives none).
    let [ca, cb, cg] = angles.map(|a: f64| a.to_radians().cos());
    if 1.0 - ca * ca - cb * cb - cg * cg + 2.0 * ca * cb * cg <= 1e-6 {
        let tag = "_cell_angle_gamma";
        let t = item(tag).ok_or_else(|| whole(tag, format!("the file gives no {tag}")))?;
        return Err(at(
            t,
            tag,
            format!(
                "the angles {}, {} and {} degrees make no cell (each must be below the sum of the other two, and all three below 360)",
                angles[0], angles[1], angles[2]
            ),
        ));
    }
    let name =
        ["_chemical_name_mineral", "_chemical_name_common", "_chemical_formula_sum", "_chemical_formula_structural"]
            .iter()
            .find_map(|t| item(t))
            .map_or_else(|| file.to_string(), |t| t.text.clone());
    // Symmetry operations: either tag family; `x,y,z` alone when the file gives none.
    let op_tags = ["_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz"];
    let mut ops = Vec::new();
    for (tags, rows) in &b.loops {
        if let Some(col) = tags.iter().position(|(t, _)| op_tags.contains(&t.as_str())) {
            for row in rows {
                let t = &row[col];
                let op = SymOp::parse(&t.text).map_err(|m| at(t, &tags[col].0, m))?;
                ops.push(op);
                if ops.len() > MAX_OPS {
                    return Err(at(t, &tags[col].0, format!("at most {MAX_OPS} symmetry operations")));
                }
            }
        }
    }
    if ops.is_empty() {
        ops.push(SymOp::identity());
    }
    // The atom sites.
    let (tags, rows) =
        b.loops.iter().find(|(tags, _)| tags.iter().any(|(t, _)| t == "_atom_site_fract_x")).ok_or_else(|| {
            whole("_atom_site_fract_x", "the file has no atom-site loop (_atom_site_fract_x ...)".into())
        })?;
    let col = |tag: &str| tags.iter().position(|(t, _)| t == tag);
    let need = |tag: &str| col(tag).ok_or_else(|| at(&tags[0].1, tag, format!("the atom-site loop has no {tag}")));
    let (cx, cy, cz) = (need("_atom_site_fract_x")?, need("_atom_site_fract_y")?, need("_atom_site_fract_z")?);
    let c_label = col("_atom_site_label");
    let c_type = col("_atom_site_type_symbol");
    if c_label.is_none() && c_type.is_none() {
        return Err(at(
            &tags[0].1,
            "_atom_site_type_symbol",
            "the atom-site loop names no element (_atom_site_type_symbol or _atom_site_label)".into(),
        ));
    }
    let (c_occ, c_u, c_b) =
        (col("_atom_site_occupancy"), col("_atom_site_u_iso_or_equiv"), col("_atom_site_b_iso_or_equiv"));
    if rows.len() > MAX_SITES {
        return Err(at(&tags[0].1, &tags[0].0, format!("at most {MAX_SITES} atom sites")));
    }
    let mut sites = Vec::with_capacity(rows.len());
    for row in rows {
        let num = |c: usize, min: f64, max: f64| -> Result<f64, InputError> {
            let t = &row[c];
            let v = number(&t.text)
                .ok_or_else(|| at(t, &tags[c].0, format!("{} must be a number, got `{}`", tags[c].0, t.text)))?;
            if !(min..=max).contains(&v) {
                return Err(at(t, &tags[c].0, format!("{} must be between {min} and {max}, got {v}", tags[c].0)));
            }
            Ok(v)
        };
        let label_token = c_type.or(c_label).map(|c| &row[c]).unwrap_or(&row[0]);
        let element = super::scattering::element_of(&label_token.text).ok_or_else(|| {
            let c = c_type.or(c_label).unwrap_or(0);
            at(label_token, &tags[c].0, format!("no scattering factors for the element of `{}`", label_token.text))
        })?;
        let optional = |c: Option<usize>, min: f64, max: f64| -> Result<Option<f64>, InputError> {
            match c {
                Some(c) if !matches!(row[c].text.as_str(), "." | "?") => Ok(Some(num(c, min, max)?)),
                _ => Ok(None),
            }
        };
        let occupancy = optional(c_occ, 0.0, 1.0)?.unwrap_or(1.0);
        let b_iso = match (optional(c_b, 0.0, 50.0)?, optional(c_u, 0.0, 1.0)?) {
            (Some(b), _) => Some(b),
            (None, Some(u)) => Some(8.0 * std::f64::consts::PI * std::f64::consts::PI * u),
            _ => None,
        };
        sites.push(Site {
            label: c_label.map_or_else(|| label_token.text.clone(), |c| row[c].text.clone()),
            element,
            frac: [num(cx, -2.0, 2.0)?, num(cy, -2.0, 2.0)?, num(cz, -2.0, 2.0)?],
            occupancy,
            b_iso,
        });
    }
    if sites.len() * ops.len() > MAX_ATOM_IMAGES {
        return Err(at(
            &tags[0].1,
            &tags[0].0,
            format!(
                "{} sites under {} operations is more than the {MAX_ATOM_IMAGES} atoms a cell may hold",
                sites.len(),
                ops.len()
            ),
        ));
    }
    Ok(Structure { name, lengths, angles_deg: angles, ops, sites })
}

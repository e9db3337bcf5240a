//! Controls and readouts published by stations as data.
//!
//! The game builds its panels from these descriptions, so a new station kind appears in the
//! UI without UI code: each control has a name, unit, range and step; each readout a name,
//! unit and value.

use serde::{Deserialize, Serialize};

use crate::text::Message;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlSpec {
    /// Machine name used in commands and scenario files, e.g. `cycle_time_s`.
    pub name: String,
    /// Human label, e.g. "Cycle time".
    pub label: String,
    /// Unit symbol, e.g. "s", "m/min", "degC".
    pub unit: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub value: f64,
    /// What a translation looks the label up by: the table entry's name, with `{n}` where
    /// repeated entries differ (`zone{n}_temp_degc`), and this instance's `{n}` (`3`, or a
    /// defect key; empty for an entry that exists once).
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub key: String,
}

impl ControlSpec {
    /// Whether `value` is a finite number inside the control's range.
    pub fn accepts(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max
    }

    /// Whether the control is a switch: off (0) or on (1).
    pub fn is_switch(&self) -> bool {
        self.min == 0.0 && self.max == 1.0 && self.step == 1.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Readout {
    pub name: String,
    pub label: String,
    pub unit: String,
    pub value: f64,
    /// A reading that is a word rather than a number (e.g. what a camera shows).
    #[serde(default)]
    pub text: Option<Message>,
    /// The table entry's name and this instance's `{n}`, as for [`ControlSpec::template`].
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub key: String,
}

impl Readout {
    pub fn new(name: &str, label: &str, unit: &str, value: f64) -> Self {
        Self {
            name: name.into(),
            label: label.into(),
            unit: unit.into(),
            value,
            text: None,
            template: name.into(),
            key: String::new(),
        }
    }

    pub fn text(name: &str, label: &str, text: Message) -> Self {
        Self { text: Some(text), unit: String::new(), ..Self::new(name, label, "", f64::NAN) }
    }

    /// The same readout, as instance `key` of table entry `template`.
    fn of_entry(mut self, template: &str, key: &str) -> Self {
        self.template = template.into();
        self.key = key.into();
        self
    }
}

/// How many times a table entry appears on a station.
///
/// Most controls and readouts exist once; a dryer has one temperature control per zone and
/// an inspection gauge one counter per defect kind. The entry's name and label carry `{n}`,
/// replaced by the zone number (from 1) or the key.
pub enum Repeat<S> {
    Once,
    /// Numbered 1..=count, the count read from the station (its zones).
    Numbered(fn(&S) -> usize),
    /// One per key: `keys(i)` gives the i-th (name key, label text) until it returns `None`.
    Keyed(fn(usize) -> Option<(&'static str, &'static str)>),
}

/// Upper bound on the entries one repeated row expands to (keeps a bad state bounded).
const MAX_REPEAT: usize = 64;

impl<S> Repeat<S> {
    /// The (index, name text, label text) of every instance on `station`.
    fn instances(&self, station: &S) -> Vec<(usize, String, String)> {
        match self {
            Self::Once => vec![(0, String::new(), String::new())],
            Self::Numbered(count) => {
                (0..count(station).min(MAX_REPEAT)).map(|i| (i, (i + 1).to_string(), (i + 1).to_string())).collect()
            }
            Self::Keyed(keys) => {
                (0..MAX_REPEAT).map_while(|i| keys(i).map(|(k, l)| (i, k.to_string(), l.to_string()))).collect()
            }
        }
    }
}

fn fill(template: &str, with: &str) -> String {
    template.replace("{n}", with)
}

/// One operator control of a station kind, declared once: machine name, label, unit,
/// range, step, and how the station reads and sets it. `get`/`set` take the instance
/// index of a repeated control (0 otherwise).
pub struct ControlDef<S> {
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub repeat: Repeat<S>,
    pub get: fn(&S, usize) -> f64,
    pub set: fn(&mut S, usize, f64),
}

/// What a readout shows: a number in its unit, or a word (what a camera sees).
pub enum ReadFn<S> {
    Number(fn(&S, usize) -> Option<f64>),
    Text(fn(&S, usize) -> Option<Message>),
}

/// One readout of a station kind, declared once. A reader returning `None` publishes
/// nothing (no unit measured yet).
pub struct ReadoutDef<S> {
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub repeat: Repeat<S>,
    pub read: ReadFn<S>,
}

impl<S> ReadoutDef<S> {
    /// A numeric readout that exists once.
    pub const fn number(
        name: &'static str,
        label: &'static str,
        unit: &'static str,
        read: fn(&S, usize) -> Option<f64>,
    ) -> Self {
        Self { name, label, unit, repeat: Repeat::Once, read: ReadFn::Number(read) }
    }

    /// A word readout that exists once.
    pub const fn text(name: &'static str, label: &'static str, read: fn(&S, usize) -> Option<Message>) -> Self {
        Self { name, label, unit: "", repeat: Repeat::Once, read: ReadFn::Text(read) }
    }

    /// The same readout, repeated as `repeat` says.
    pub const fn repeated(mut self, repeat: Repeat<S>) -> Self {
        self.repeat = repeat;
        self
    }
}

impl<S> ControlDef<S> {
    /// A control that exists once.
    #[allow(clippy::too_many_arguments)]
    pub const fn new(
        name: &'static str,
        label: &'static str,
        unit: &'static str,
        (min, max, step): (f64, f64, f64),
        get: fn(&S, usize) -> f64,
        set: fn(&mut S, usize, f64),
    ) -> Self {
        Self { name, label, unit, min, max, step, repeat: Repeat::Once, get, set }
    }

    /// The same control, repeated as `repeat` says.
    pub const fn repeated(mut self, repeat: Repeat<S>) -> Self {
        self.repeat = repeat;
        self
    }
}

/// The controls `table` declares, with their present values on `station`.
pub fn control_specs<S>(table: &[ControlDef<S>], station: &S) -> Vec<ControlSpec> {
    let mut specs = Vec::new();
    for def in table {
        for (i, n, l) in def.repeat.instances(station) {
            specs.push(ControlSpec {
                name: fill(def.name, &n),
                label: fill(def.label, &l),
                unit: def.unit.into(),
                min: def.min,
                max: def.max,
                step: def.step,
                value: (def.get)(station, i),
                template: def.name.into(),
                key: n.clone(),
            });
        }
    }
    specs
}

/// A control's or readout's name as the passport keeps it: the table's own for one that
/// exists once, filled in for a repeated one (`zone{n}_temp_degc` -> `zone3_temp_degc`).
pub type Name = std::borrow::Cow<'static, str>;

/// The present values of the controls `table` declares, by name (what a passport records),
/// without building their specs.
pub fn control_values<S>(table: &[ControlDef<S>], station: &S) -> Vec<(Name, f64)> {
    let mut out = Vec::with_capacity(table.len());
    for def in table {
        if let Repeat::Once = def.repeat {
            out.push((Name::Borrowed(def.name), (def.get)(station, 0)));
        } else {
            for (i, n, _) in def.repeat.instances(station) {
                out.push((Name::Owned(fill(def.name, &n)), (def.get)(station, i)));
            }
        }
    }
    out
}

/// The finite numeric readouts `table` declares that `station` has a value for now, by
/// name (what a passport records).
pub fn readout_values<S>(table: &[ReadoutDef<S>], station: &S) -> Vec<(Name, f64)> {
    let mut out = Vec::with_capacity(table.len());
    for def in table {
        let ReadFn::Number(read) = &def.read else { continue };
        if let Repeat::Once = def.repeat {
            if let Some(v) = read(station, 0).filter(|v| v.is_finite()) {
                out.push((Name::Borrowed(def.name), v));
            }
        } else {
            for (i, n, _) in def.repeat.instances(station) {
                if let Some(v) = read(station, i).filter(|v| v.is_finite()) {
                    out.push((Name::Owned(fill(def.name, &n)), v));
                }
            }
        }
    }
    out
}

/// Sets control `name` through `table`; `false` when the table has no such control.
/// The caller has checked the value against the control's range.
pub fn set_control<S>(table: &[ControlDef<S>], station: &mut S, name: &str, value: f64) -> bool {
    for def in table {
        for (i, n, _) in def.repeat.instances(station) {
            if fill(def.name, &n) == name {
                (def.set)(station, i, value);
                return true;
            }
        }
    }
    false
}

/// The readouts `table` declares that `station` has a value for now.
pub fn readouts<S>(table: &[ReadoutDef<S>], station: &S) -> Vec<Readout> {
    let mut out = Vec::new();
    for def in table {
        for (i, n, l) in def.repeat.instances(station) {
            let (name, label) = (fill(def.name, &n), fill(def.label, &l));
            match &def.read {
                ReadFn::Number(read) => {
                    if let Some(v) = read(station, i) {
                        out.push(Readout::new(&name, &label, def.unit, v).of_entry(def.name, &n));
                    }
                }
                ReadFn::Text(read) => {
                    if let Some(t) = read(station, i) {
                        out.push(Readout::text(&name, &label, t).of_entry(def.name, &n));
                    }
                }
            }
        }
    }
    out
}

/// Names of every numeric readout `table` can publish on `station` (for validating
/// scenario files that refer to them before any unit has been measured).
pub fn numeric_readout_names<S>(table: &[ReadoutDef<S>], station: &S) -> Vec<String> {
    let mut names = Vec::new();
    for def in table.iter().filter(|d| matches!(d.read, ReadFn::Number(_))) {
        names.extend(def.repeat.instances(station).into_iter().map(|(_, n, _)| fill(def.name, &n)));
    }
    names
}

//! Text the simulation produces, in the reader's language: [`Message`]s (alarms, word
//! readouts, refusals, objective progress, the debrief timeline), defect cause keys, and unit
//! words.
//!
//! A message names stations and controls by id; the reader's side resolves them through
//! [`Names`] (the game from the running line, the CLI from the layout file). Messages live in
//! `locales/<lang>/sim.ftl`; the `keys` test checks that every id the simulation can produce
//! has one in both languages.

use sim_core::text::{Message, MessageArg};

use crate::{Arg, Lang, has, language, tr_in};

/// How deep messages may nest inside each other before the rest is left out (a message
/// from a damaged snapshot stays bounded).
const MAX_DEPTH: usize = 6;

/// The names a message refers to, in a language.
pub trait Names {
    /// The station `id`'s name.
    fn station(&self, lang: Lang, id: &str) -> Option<String>;
    /// The label of control `control` of station `station`.
    fn control(&self, lang: Lang, station: &str, control: &str) -> Option<String>;
}

/// Names shown as the ids they are (for tests and where no line is at hand).
pub struct Ids;

impl Names for Ids {
    fn station(&self, _: Lang, _: &str) -> Option<String> {
        None
    }
    fn control(&self, _: Lang, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// The names of a running line: stations by their layout names, controls by their labels.
pub struct LineNames<'a>(pub &'a sim_core::Simulation);

impl Names for LineNames<'_> {
    fn station(&self, lang: Lang, id: &str) -> Option<String> {
        let station = self.0.line.stations.iter().find(|s| s.id == id)?;
        Some(station.name.get(lang == Lang::Nl).to_string())
    }

    fn control(&self, lang: Lang, station: &str, control: &str) -> Option<String> {
        let i = self.0.line.station_index(station)?;
        let spec = self.0.controls(i).into_iter().find(|c| c.name == control)?;
        let kind = self.0.line.stations[i].kind.kind_name();
        Some(format!("{}: {}", self.station(lang, station)?, crate::stations::control_label_in(lang, kind, &spec)))
    }
}

/// `message` in the language in use.
pub fn say(message: &Message, names: &dyn Names) -> String {
    say_in(language(), message, names)
}

/// `message` in `lang`.
pub fn say_in(lang: Lang, message: &Message, names: &dyn Names) -> String {
    render(lang, message, names, 0)
}

fn render(lang: Lang, message: &Message, names: &dyn Names, depth: usize) -> String {
    if depth >= MAX_DEPTH {
        return String::from("…");
    }
    let args: Vec<(&str, Arg)> = message
        .args
        .iter()
        .map(|(name, arg)| {
            let value = match arg {
                MessageArg::Number { value, decimals } => Arg::Num(*value, usize::from(*decimals)),
                MessageArg::Count(n) => Arg::Int(*n),
                MessageArg::Verbatim(text) => Arg::from(text.as_str()),
                MessageArg::Unit(symbol) => Arg::from(unit_in(lang, symbol)),
                MessageArg::Station(id) => Arg::from(names.station(lang, id).unwrap_or_else(|| id.clone())),
                MessageArg::Control { station, control } => {
                    Arg::from(names.control(lang, station, control).unwrap_or_else(|| format!("{station}.{control}")))
                }
                MessageArg::Text(text) => Arg::from(text.get(lang == Lang::Nl)),
                MessageArg::Message(inner) => Arg::from(render(lang, inner, names, depth + 1)),
            };
            (name.as_ref(), value)
        })
        .collect();
    tr_in(lang, &message.id, &args)
}

/// A run's cost account (see `sim_core::scenario::score::costs`) in two lines, in the
/// language in use: what it cost by what it used, and per good square metre.
pub fn cost_lines(c: &sim_core::scenario::score::CostAccount) -> [String; 2] {
    let eur = |v: f64| Arg::Num(v, 0);
    let lang = language();
    [
        tr_in(
            lang,
            "debrief-cost-account",
            &[
                ("material", eur(c.material_eur)),
                ("energy", eur(c.energy_eur)),
                ("maintenance", eur(c.maintenance_eur)),
                ("technicians", eur(c.technicians_eur)),
                ("total", eur(c.total_eur)),
            ],
        ),
        match c.per_good_m2_eur {
            Some(per_m2) => tr_in(
                lang,
                "debrief-cost-per-area",
                &[("area", Arg::Num(c.good_area_m2, 0)), ("per_m2", Arg::Num(per_m2, 2))],
            ),
            None => tr_in(lang, "debrief-cost-nothing-good", &[]),
        },
    ]
}

/// What is wrong with `message` in `lang`: ids with no message, and the errors Fluent
/// reports (an argument the message uses but was not given), for it and the messages in it.
pub fn problems(lang: Lang, message: &Message) -> Vec<String> {
    let mut out = Vec::new();
    let args: Vec<(&str, Arg)> = message.args.iter().map(|(name, _)| (name.as_ref(), Arg::Int(1))).collect();
    match crate::format_checked(lang, &message.id, &args) {
        None => out.push(format!("no message `{}` in {}", message.id, lang.tag())),
        Some((_, errors)) => out.extend(errors.into_iter().map(|e| format!("`{}` in {}: {e}", message.id, lang.tag()))),
    }
    for (_, arg) in &message.args {
        if let MessageArg::Message(inner) = arg {
            out.extend(problems(lang, inner));
        }
    }
    out
}

/// A defect cause key of the simulation (`streak/clogged-die-lip`, see
/// `sim_core::product::cause_key`) in the language in use.
pub fn cause(key: &str) -> String {
    cause_in(language(), key)
}

/// A defect cause key in `lang`: "streaks: clogged die lip". A cause id without a message
/// shows its words.
pub fn cause_in(lang: Lang, key: &str) -> String {
    let (kind, id) = match key.split_once('/') {
        Some((kind, id)) => (Some(kind), id),
        None => (None, key),
    };
    let cause = cause_id_in(lang, id);
    match kind {
        Some(kind) => {
            let defect = tr_in(lang, &crate::stations::defect_id(kind), &[]);
            tr_in(lang, "cause-with-defect", &[("defect", Arg::from(defect)), ("cause", Arg::from(cause))])
        }
        None => cause,
    }
}

/// A symptom (see `sim_core::product::symptom_of`) in the language in use: a defect kind's
/// name (`streak` → "streaks"), or the lab result or check a bare key names.
pub fn symptom(symptom: &str) -> String {
    symptom_in(language(), symptom)
}

/// A symptom in `lang`.
pub fn symptom_in(lang: Lang, symptom: &str) -> String {
    let defect = crate::stations::defect_id(symptom);
    if has(Lang::En, &defect) { tr_in(lang, &defect, &[]) } else { cause_in(lang, symptom) }
}

/// The message id of a cause id, and its number if it has one: `zone-3-heater-failure` is
/// `cause-zone-n-heater-failure` with `n = 3`.
pub fn cause_message_id(id: &str) -> (String, Option<i64>) {
    let mut number = None;
    let words: Vec<&str> = id
        .split('-')
        .map(|w| match w.parse::<i64>() {
            Ok(n) if number.is_none() => {
                number = Some(n);
                "n"
            }
            _ => w,
        })
        .collect();
    (format!("cause-{}", words.join("-")), number)
}

fn cause_id_in(lang: Lang, id: &str) -> String {
    let (message_id, number) = cause_message_id(id);
    if !has(Lang::En, &message_id) {
        return id.replace('-', " ");
    }
    match number {
        Some(n) => tr_in(lang, &message_id, &[("n", Arg::Int(n))]),
        None => tr_in(lang, &message_id, &[]),
    }
}

/// A plant area's name (`electrode`, `dryroom`, `testhall` ... as layouts name areas) for the
/// signs over the hall; an area without a name of its own shows its id.
pub fn area_name(area: &str) -> String {
    let id = format!("area-{area}");
    if has(Lang::En, &id) { tr_in(language(), &id, &[]) } else { area.to_string() }
}

/// A unit as the reader writes it: symbols (`m`, `kg`, `L/min`) stay, words (`units`,
/// `sheets`) are translated.
pub fn unit(symbol: &str) -> String {
    unit_in(language(), symbol)
}

/// A unit in `lang` (see [`unit`]). The simulation writes units in ASCII (`degC`, `um`,
/// `mg/cm2`); they are shown with their proper signs (°C, µm, mg/cm²).
pub fn unit_in(lang: Lang, symbol: &str) -> String {
    let id = format!("unit-{symbol}");
    if has(Lang::En, &id) {
        return tr_in(lang, &id, &[]);
    }
    let mut out = String::with_capacity(symbol.len() + 2);
    for (i, part) in symbol.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let word = format!("unit-{part}");
        if has(Lang::En, &word) {
            out.push_str(&tr_in(lang, &word, &[]));
        } else {
            out.push_str(&typeset_unit(part));
        }
    }
    out
}

/// One factor of a unit with its proper signs: `degC` → °C, `um` → µm, `cm2` → cm².
fn typeset_unit(part: &str) -> String {
    match part {
        // A count is a bare number.
        "count" => String::new(),
        "degC" => "°C".into(),
        "um" => "µm".into(),
        "mohm" => "mΩ".into(),
        _ => match part.strip_suffix('2').or_else(|| part.strip_suffix('3')) {
            Some(base) if base.ends_with('m') => {
                format!("{base}{}", if part.ends_with('2') { '²' } else { '³' })
            }
            _ => part.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_id_with_a_number_passes_it_as_an_argument() {
        assert_eq!(cause_message_id("zone-3-heater-failure"), ("cause-zone-n-heater-failure".into(), Some(3)));
        assert_eq!(cause_message_id("clogged-die-lip"), ("cause-clogged-die-lip".into(), None));
    }

    #[test]
    fn units_show_their_signs_and_unit_words_are_translated() {
        assert_eq!(unit_in(Lang::En, "degC"), "°C");
        assert_eq!(unit_in(Lang::En, "mg/cm2"), "mg/cm²");
        assert_eq!(unit_in(Lang::En, "kWh/m2"), "kWh/m²");
        assert_eq!(unit_in(Lang::En, "g/cm3"), "g/cm³");
        assert_eq!(unit_in(Lang::En, "um"), "µm");
        assert_eq!(unit_in(Lang::En, "L/min"), "L/min");
        assert_eq!(unit_in(Lang::Nl, "sheets"), "vellen");
    }

    #[test]
    fn an_unknown_cause_shows_its_words() {
        assert_eq!(cause_in(Lang::Nl, "no-such-cause"), "no such cause");
    }
}

//! English and Dutch for everything a person reads: Fluent messages (`locales/<lang>/*.ftl`,
//! embedded in the binary so the web build needs no files), the language in use, and numbers
//! written the way each language writes them (`3.5` / `3,5`).
//!
//! The simulation core stays language-neutral: it publishes names, numbers and message ids;
//! the game and the CLI turn them into text here. The language is one setting for the whole
//! program ([`set_language`]); [`tr`] and [`tr_args`] read messages in it. A message missing in
//! Dutch falls back to English and, failing that, shows its id (never a panic); the
//! `keys` test keeps both languages complete.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;

pub mod messages;
pub use messages::{LineNames, Names, area_name, cause, say, say_in, symptom, unit};

/// A language the twin speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    /// BCP 47 tag: `en`, `nl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The language's own name, as a language picker shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
        }
    }

    /// The language of a locale such as `nl-BE`, `nl_NL.UTF-8` or `en-GB` (`None`: neither).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let primary = locale.split(['-', '_', '.']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn from_index(i: u8) -> Lang {
        if i == 1 { Lang::Nl } else { Lang::En }
    }
}

/// The Fluent files of one language, as (file name, text), embedded at compile time.
macro_rules! ftl {
    ($lang:literal: $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../../locales/", $lang, "/", $file)))),+]
    };
}

/// Every Fluent file, per language (same file names in each).
pub const SOURCES: [(Lang, &[(&str, &str)]); 2] = [
    (Lang::En, ftl!("en": "game.ftl", "screens.ftl", "hud.ftl", "world.ftl", "stations.ftl", "sim.ftl")),
    (Lang::Nl, ftl!("nl": "game.ftl", "screens.ftl", "hud.ftl", "world.ftl", "stations.ftl", "sim.ftl")),
];

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Each language's bundle, built the first time it is asked for (a run in one language
/// parses only that language's files).
static BUNDLES: [LazyLock<FluentBundle<FluentResource>>; 2] =
    [LazyLock::new(|| bundle(Lang::En)), LazyLock::new(|| bundle(Lang::Nl))];

const _: () = assert!(Lang::ALL.len() == 2 && Lang::En as usize == 0 && Lang::Nl as usize == 1);

/// Builds the bundle of `lang` from its embedded files. A file that does not parse is a
/// build-time mistake the `keys` test catches; here its good messages are still used.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let locale = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Both languages run left to right: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => format_en,
        Lang::Nl => format_nl,
    }));
    let _ = bundle.add_builtins();
    for (_, files) in SOURCES.iter().filter(|(l, _)| *l == lang) {
        for (_, text) in files.iter() {
            // Parse errors keep the messages that did parse (the keys test fails on any).
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

fn format_en(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    number_value(value).map(|(v, decimals)| format_number(v, decimals, Lang::En))
}

fn format_nl(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    number_value(value).map(|(v, decimals)| format_number(v, decimals, Lang::Nl))
}

fn number_value(value: &FluentValue) -> Option<(f64, usize)> {
    let FluentValue::Number(n) = value else { return None };
    let decimals = n.options.maximum_fraction_digits.or(n.options.minimum_fraction_digits).unwrap_or_else(|| {
        // A whole number shows no decimals; otherwise as few as show it (at most 3).
        (0..=3).find(|&d| (n.value * 10f64.powi(d as i32)).fract().abs() < 1e-9).unwrap_or(3)
    });
    Some((n.value, decimals))
}

/// `value` with `decimals` decimals, as `lang` writes it: `1,234.5` in English, `1.234,5` in
/// Dutch (grouping from five digits on, as both style guides prefer for short figures).
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let (point, group) = match lang {
        Lang::En => ('.', ','),
        Lang::Nl => (',', '.'),
    };
    let text = format!("{:.*}", decimals.min(9), value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    let digits = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && digits > 4 && (digits - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::with_capacity(grouped.len() + fraction.len() + 2);
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// `value` with `decimals` decimals in the language in use.
pub fn number(value: f64, decimals: usize) -> String {
    format_number(value, decimals, language())
}

/// A text a file provides (a scenario's title, briefing, hints...) in the language in use.
pub fn pick(text: &sim_core::text::Localized) -> &str {
    text.get(language() == Lang::Nl)
}

/// The language in use.
pub fn language() -> Lang {
    Lang::from_index(LANGUAGE.load(Ordering::Relaxed))
}

/// Switches every text to `lang` from now on.
pub fn set_language(lang: Lang) {
    LANGUAGE.store(lang.index() as u8, Ordering::Relaxed);
}

/// Station kinds, controls, readouts and defect kinds as the simulation names them, in the
/// language in use. Ids follow the simulation's tables: `kind-coater`,
/// `control-dryer-zone-n-temp-degc` (with `$n` the zone), `readout-inspection-flagged-n` (with
/// `$n` a defect kind, itself `defect-<key>`). A label with no message keeps the
/// simulation's English (the `keys` test makes sure every bundled one has a message).
pub mod stations {
    use super::{Arg, Lang, has, language, tr_in};
    use sim_core::controls::{ControlSpec, Readout};

    /// The message id of a kind (by `StationKind::kind_name`).
    pub fn kind_id(kind_name: &str) -> String {
        format!("kind-{}", kind_name.to_ascii_lowercase())
    }

    /// The message id of a control or readout table entry (`template` with `{n}`):
    /// `zone{n}_temp_degc` of a dryer is `control-dryer-zone-n-temp-degc`.
    pub fn entry_id(what: &str, kind_name: &str, template: &str) -> String {
        format!("{what}-{}-{}", kind_name.to_ascii_lowercase(), slug(template))
    }

    /// The message id of what every station shows whatever its kind (`readout-processed`).
    pub fn common_entry_id(what: &str, template: &str) -> String {
        format!("{what}-{}", slug(template))
    }

    /// The id of the message for this entry: its kind's own, else the common one.
    pub fn message_for(what: &str, kind_name: &str, template: &str) -> Option<String> {
        [entry_id(what, kind_name, template), common_entry_id(what, template)].into_iter().find(|id| has(Lang::En, id))
    }

    /// `zone{n}_temp_degc` -> `zone-n-temp-degc`.
    fn slug(template: &str) -> String {
        let dashed = template.replace("{n}", "-n-").replace('_', "-");
        let mut out = String::with_capacity(dashed.len());
        for c in dashed.chars() {
            if !(c == '-' && out.ends_with('-')) {
                out.push(c);
            }
        }
        out.trim_matches('-').to_string()
    }

    /// The message id of a defect kind (by `DefectKind::key`).
    pub fn defect_id(key: &str) -> String {
        format!("defect-{key}")
    }

    /// A kind's label (`english`: the simulation's, if there is no message).
    pub fn kind_label(kind_name: &str, english: &str) -> String {
        let id = kind_id(kind_name);
        if has(Lang::En, &id) { tr_in(language(), &id, &[]) } else { english.to_string() }
    }

    /// A control's label in the language in use.
    pub fn control_label(kind_name: &str, control: &ControlSpec) -> String {
        control_label_in(language(), kind_name, control)
    }

    /// A readout's label in the language in use.
    pub fn readout_label(kind_name: &str, readout: &Readout) -> String {
        readout_label_in(language(), kind_name, readout)
    }

    /// A control's label in `lang`.
    pub fn control_label_in(lang: Lang, kind_name: &str, control: &ControlSpec) -> String {
        entry_label(lang, "control", kind_name, &control.template, &control.key, &control.label)
    }

    /// A readout's label in `lang`.
    pub fn readout_label_in(lang: Lang, kind_name: &str, readout: &Readout) -> String {
        entry_label(lang, "readout", kind_name, &readout.template, &readout.key, &readout.label)
    }

    fn entry_label(lang: Lang, what: &str, kind_name: &str, template: &str, key: &str, english: &str) -> String {
        let Some(id) = message_for(what, kind_name, template).filter(|_| !template.is_empty()) else {
            return english.to_string();
        };
        if key.is_empty() {
            return tr_in(lang, &id, &[]);
        }
        // `{n}` is a zone number or a defect kind.
        let n = match key.parse::<i64>() {
            Ok(number) => Arg::Int(number),
            Err(_) => Arg::from(tr_in(lang, &defect_id(key), &[])),
        };
        tr_in(lang, &id, &[("n", n)])
    }
}

/// A message argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    /// A number shown with a fixed number of decimals.
    Num(f64, usize),
    /// A count (plural forms choose by it).
    Int(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Int(n.min(i64::MAX as u64) as i64)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Int(n.min(i64::MAX as usize) as i64)
    }
}

/// The message `id` in the language in use.
pub fn tr(id: &str) -> String {
    tr_in(language(), id, &[])
}

/// The message `id` with its arguments, in the language in use.
pub fn tr_args(id: &str, args: &[(&str, Arg)]) -> String {
    tr_in(language(), id, args)
}

/// The message `id` in `lang`; English if `lang` lacks it, the id itself if both do.
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    format_in(lang, id, args).or_else(|| format_in(Lang::En, id, args)).unwrap_or_else(|| id.to_string())
}

/// Whether `lang` has a message `id` (with a value).
pub fn has(lang: Lang, id: &str) -> bool {
    BUNDLES[lang.index()].get_message(id).is_some_and(|m| m.value().is_some())
}

/// The message in `lang` with the errors Fluent reported (a missing argument, a missing
/// message reference); `None` if there is no such message.
pub fn format_checked(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<(String, Vec<String>)> {
    let bundle = &BUNDLES[lang.index()];
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        let value = match arg {
            Arg::Str(s) => FluentValue::from(s.to_string()),
            Arg::Num(v, decimals) => FluentValue::from(FluentNumber::new(
                *v,
                FluentNumberOptions {
                    minimum_fraction_digits: Some(*decimals),
                    maximum_fraction_digits: Some(*decimals),
                    ..Default::default()
                },
            )),
            Arg::Int(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
    Some((text, errors.iter().map(|e| e.to_string()).collect()))
}

fn format_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    format_checked(lang, id, args).map(|(text, _)| text)
}

/// `tr!("id")` or `tr!("id", name = value, ...)`: a message in the language in use; values
/// are anything an [`Arg`] can be made from (`&str`, `String`, integers), or an `Arg`.
#[macro_export]
macro_rules! tr {
    ($id:expr) => {
        $crate::tr($id)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::tr_args($id, &[$((stringify!($name), $crate::Arg::from($value))),+])
    };
}

/// A file's text, in the language in use.
impl<'a> From<&'a sim_core::text::Localized> for Arg<'a> {
    fn from(t: &'a sim_core::text::Localized) -> Self {
        Arg::Str(Cow::Borrowed(pick(t)))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(format_number(3.5, 1, Lang::En), "3.5");
        assert_eq!(format_number(3.5, 1, Lang::Nl), "3,5");
        assert_eq!(format_number(12345.678, 2, Lang::En), "12,345.68");
        assert_eq!(format_number(12345.678, 2, Lang::Nl), "12.345,68");
        assert_eq!(format_number(1234.0, 0, Lang::Nl), "1234");
        assert_eq!(format_number(-0.04, 1, Lang::En), "0.0");
        assert_eq!(format_number(-2.25, 1, Lang::Nl), "-2,2");
        assert_eq!(format_number(f64::NAN, 1, Lang::En), "–");
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_locale("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr-BE"), None);
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn a_missing_message_falls_back_to_its_id() {
        assert_eq!(tr_in(Lang::Nl, "no-such-message", &[]), "no-such-message");
    }
}

//! Text a person reads that a file provides (scenario titles, briefings, hints, objectives,
//! debrief messages), in English and Dutch. The core never picks a language: the game and the
//! CLI show [`Localized::en`] or [`Localized::nl`] as their reader prefers.
//!
//! In a file it is written either as both languages, `(en: "Start the line", nl: "Start de
//! lijn")`, or as a plain string, which is English only; `twin check` reports every string
//! that lacks its Dutch.
//!
//! Text the simulation itself produces (alarms, word readouts, refusals, objective progress,
//! the debrief) is a [`Message`]: a message id from `locales/<lang>/*.ftl` and its arguments,
//! rendered in the reader's language by the `l10n` crate. The core holds no prose of its own.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::input::{FieldPath, Issues};

/// A text in English and (when written) Dutch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub en: String,
    pub nl: Option<String>,
}

impl Localized {
    /// An English-only text.
    pub fn english(en: impl Into<String>) -> Self {
        Self { en: en.into(), nl: None }
    }

    /// The text in both languages.
    pub fn both(en: impl Into<String>, nl: impl Into<String>) -> Self {
        Self { en: en.into(), nl: Some(nl.into()) }
    }

    /// The Dutch text, or the English one where Dutch is missing.
    pub fn nl_or_en(&self) -> &str {
        self.nl.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&self.en)
    }

    /// The text in Dutch (`dutch`) or English.
    pub fn get(&self, dutch: bool) -> &str {
        if dutch { self.nl_or_en() } else { &self.en }
    }

    pub fn is_empty(&self) -> bool {
        self.en.trim().is_empty()
    }

    /// Reports a missing or empty language of this text at `path`.
    pub fn check(&self, path: FieldPath, issues: &mut Issues) {
        if self.en.trim().is_empty() {
            issues.push(path.clone().field("en"), "the English text is empty");
        }
        match &self.nl {
            None => issues.push(path, "has no Dutch text: write it as (en: \"...\", nl: \"...\")"),
            Some(nl) if nl.trim().is_empty() => issues.push(path.field("nl"), "the Dutch text is empty"),
            Some(_) => {}
        }
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// As written in a file: `nl` is a plain string there (RON would want `Some(...)`).
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Both {
            en: String,
            #[serde(default, deserialize_with = "present")]
            nl: Option<String>,
        }

        fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
            String::deserialize(d).map(Some)
        }

        /// As serialised in binary form (the derived layout of [`Localized`]).
        #[derive(Deserialize)]
        struct Binary {
            en: String,
            nl: Option<String>,
        }

        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Localized;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: \"...\" or (en: \"...\", nl: \"...\")")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Localized, E> {
                Ok(Localized::english(s))
            }

            fn visit_string<E: de::Error>(self, s: String) -> Result<Localized, E> {
                Ok(Localized::english(s))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Localized, A::Error> {
                let both = Both::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Localized { en: both.en, nl: both.nl })
            }
        }

        if deserializer.is_human_readable() {
            deserializer.deserialize_any(TextVisitor)
        } else {
            let both = Binary::deserialize(deserializer)?;
            Ok(Localized { en: both.en, nl: both.nl })
        }
    }
}

/// A sentence the simulation produces for a person: a message id (`alarm-breakdown`) and
/// named arguments, in the order the message uses them. The `l10n` crate renders it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, MessageArg)>,
}

/// One argument of a [`Message`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MessageArg {
    /// A measured or set value, shown with `decimals` decimals in the reader's number format.
    Number { value: f64, decimals: u8 },
    /// A count (plural forms choose by it).
    Count(i64),
    /// Shown as written: a control's machine name, a unit symbol, a value typed in a file.
    Verbatim(String),
    /// A station of the line by id, shown by its name in the reader's language.
    Station(String),
    /// A control of a station by machine names, shown by its label in the reader's language.
    Control { station: String, control: String },
    /// A text a file provides in both languages (a hint, a limit's reason).
    Text(Localized),
    /// Another message, rendered first (a defect cause inside a debrief line).
    Message(Box<Message>),
    /// A unit as the simulation writes it (`degC`, `mg/cm2`), shown with its signs or words.
    Unit(String),
}

impl Message {
    /// The message `id` with no arguments yet.
    pub fn new(id: &'static str) -> Self {
        Self { id: Cow::Borrowed(id), args: Vec::new() }
    }

    fn arg(mut self, name: &'static str, value: MessageArg) -> Self {
        self.args.push((Cow::Borrowed(name), value));
        self
    }

    /// Adds the number argument `name`, shown with `decimals` decimals.
    pub fn number(self, name: &'static str, value: f64, decimals: u8) -> Self {
        self.arg(name, MessageArg::Number { value, decimals })
    }

    /// Adds the count argument `name`.
    pub fn count(self, name: &'static str, n: impl TryInto<i64>) -> Self {
        self.arg(name, MessageArg::Count(n.try_into().unwrap_or(i64::MAX)))
    }

    /// Adds the argument `name` shown as written.
    pub fn verbatim(self, name: &'static str, text: impl Into<String>) -> Self {
        self.arg(name, MessageArg::Verbatim(text.into()))
    }

    /// Adds the argument `name`: a unit (`degC`).
    pub fn unit(self, name: &'static str, unit: impl Into<String>) -> Self {
        self.arg(name, MessageArg::Unit(unit.into()))
    }

    /// Adds the argument `name`: the station with this id, by its name.
    pub fn station(self, name: &'static str, station_id: impl Into<String>) -> Self {
        self.arg(name, MessageArg::Station(station_id.into()))
    }

    /// Adds the argument `name`: the control `control` of station `station`, by its label.
    pub fn control(self, name: &'static str, station: impl Into<String>, control: impl Into<String>) -> Self {
        self.arg(name, MessageArg::Control { station: station.into(), control: control.into() })
    }

    /// Adds the argument `name`: a text from a file.
    pub fn text(self, name: &'static str, text: &Localized) -> Self {
        self.arg(name, MessageArg::Text(text.clone()))
    }

    /// Adds the argument `name`: another message.
    pub fn message(self, name: &'static str, message: Message) -> Self {
        self.arg(name, MessageArg::Message(Box::new(message)))
    }

    /// A text a file provides, as a message (`file-text`, which shows it as it is).
    pub fn from_file(text: &Localized) -> Self {
        Self::new("file-text").text("text", text)
    }

    /// The argument `name`, if given.
    pub fn get(&self, name: &str) -> Option<&MessageArg> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// Every message id this one uses, itself first (for checks that the locales have them).
    pub fn ids(&self) -> Vec<&str> {
        let mut ids = vec![self.id.as_ref()];
        for (_, arg) in &self.args {
            if let MessageArg::Message(m) = arg {
                ids.extend(m.ids());
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Doc {
        a: Localized,
        b: Localized,
    }

    #[test]
    fn reads_a_plain_string_as_english_and_a_pair_as_both() {
        let doc: Doc = ron::from_str(r#"(a: "Start", b: (en: "Start the line", nl: "Start de lijn"))"#).unwrap();
        assert_eq!(doc.a, Localized::english("Start"));
        assert_eq!(doc.b, Localized::both("Start the line", "Start de lijn"));
        assert_eq!(doc.b.get(true), "Start de lijn");
        assert_eq!(doc.a.get(true), "Start");
    }

    #[test]
    fn a_misspelt_language_is_an_error() {
        let err = ron::from_str::<Doc>(r#"(a: "x", b: (en: "y", nk: "z"))"#).unwrap_err();
        assert!(err.to_string().contains("nk"), "{err}");
    }

    #[test]
    fn missing_dutch_is_reported() {
        let mut issues = Issues::default();
        Localized::english("Start").check(FieldPath::root().field("title"), &mut issues);
        Localized::both("Start", "Start").check(FieldPath::root().field("ok"), &mut issues);
        let text = format!("{issues:?}");
        assert!(text.contains("title") && !text.contains("ok"), "{text}");
    }

    #[test]
    fn survives_a_binary_round_trip() {
        let t = Localized::both("a", "b");
        let bytes = postcard::to_allocvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<Localized>(&bytes).unwrap(), t);
    }
}

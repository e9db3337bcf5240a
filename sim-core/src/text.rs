//! Text a person reads that a file provides (scenario titles, briefings, hints, objectives,
//! debrief messages), in English and Dutch. The core never picks a language: the game and the
//! CLI show [`Localized::en`] or [`Localized::nl`] as their reader prefers.
//!
//! In a file it is written either as both languages, `(en: "Start the line", nl: "Start de
//! lijn")`, or as a plain string, which is English only; `twin check` reports every string
//! that lacks its Dutch.

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

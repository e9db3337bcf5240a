//! Test protocols written as text, one step a string, in the grammar of the best-known
//! open-source battery modelling package's experiments:
//!
//! ```text
//! Discharge at 1C until 2.5 V            Charge at 0.5C until 4.2 V
//! Hold at 4.2 V until C/50               Rest for 1 hour
//! Discharge at 2 A for 10 seconds        Charge at C/10 for 5 hours or until 4.1 V
//! ```
//!
//! Rates are C-rates (`1C`, `0.5C`, `C/20`) or currents (`2 A`, `500 mA`); voltages `V` or
//! `mV`; durations `s`, `second(s)`, `min`, `minute(s)`, `h`, `hour(s)`, `day(s)`. A hold ends
//! on a current (`until C/50`, `until 50 mA`), the others on a voltage; without `for` or
//! `until`, a charge or discharge ends at the cell's own voltage limits. Keywords are read
//! without regard to case. A malformed step is refused with the column it goes wrong at.

use miette::{Diagnostic, NamedSource, SourceSpan};

/// A current given as a C-rate or in amperes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rate {
    C(f64),
    Amps(f64),
}

impl Rate {
    /// The current, A, for a cell of `capacity_ah`.
    pub fn amps(self, capacity_ah: f64) -> f64 {
        match self {
            Self::C(c) => c * capacity_ah,
            Self::Amps(a) => a,
        }
    }
}

/// What a step does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    Discharge(Rate),
    Charge(Rate),
    /// Constant voltage, V.
    Hold(f64),
    Rest,
}

/// What ends a step besides its duration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    Voltage(f64),
    /// The current's magnitude falling to this (a hold).
    Current(Rate),
}

/// One parsed protocol step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The step as written.
    pub text: String,
    pub action: Action,
    pub duration_s: Option<f64>,
    pub until: Option<Limit>,
}

/// A malformed protocol step, pointing at the column it goes wrong at.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("protocol step {step}, column {column}: {message}")]
pub struct ProtocolError {
    /// 1-based number of the step among those given.
    pub step: usize,
    /// 1-based column (in characters).
    pub column: usize,
    pub message: String,
    #[source_code]
    source_code: NamedSource<String>,
    #[label("{message}")]
    span: SourceSpan,
    #[help]
    pub help: Option<String>,
}

const HELP: &str = "steps read like \"Discharge at 1C until 2.5 V\", \"Charge at 0.5C until 4.2 V\", \
\"Hold at 4.2 V until C/50\", \"Rest for 1 hour\", \"Discharge at 2 A for 10 seconds\"";

/// Longest step text accepted, characters.
pub const MAX_STEP_CHARS: usize = 200;
/// Most steps in one protocol.
pub const MAX_STEPS: usize = 1000;

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Number(f64),
    Slash,
}

/// The step's tokens with their byte spans.
fn lex(text: &str) -> Result<Vec<(Token, usize, usize)>, Fail> {
    let mut tokens = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (start, c) = bytes[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' {
            tokens.push((Token::Slash, start, start + 1));
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let mut j = i;
            while j < bytes.len() {
                let ch = bytes[j].1;
                let exponent = (ch == 'e' || ch == 'E')
                    && bytes.get(j + 1).is_some_and(|n| n.1.is_ascii_digit() || n.1 == '-' || n.1 == '+');
                if ch.is_ascii_digit() || ch == '.' {
                    j += 1;
                } else if exponent {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = bytes.get(j).map_or(text.len(), |b| b.0);
            let number: f64 = text[start..end].parse().map_err(|_| (start, end, "not a number".to_string()))?;
            tokens.push((Token::Number(number), start, end));
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i;
            while j < bytes.len() && bytes[j].1.is_alphabetic() {
                j += 1;
            }
            let end = bytes.get(j).map_or(text.len(), |b| b.0);
            tokens.push((Token::Word(text[start..end].to_string()), start, end));
            i = j;
        } else {
            return Err((start, start + c.len_utf8(), format!("unexpected `{c}`")));
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<(Token, usize, usize)>,
    at: usize,
}

type Fail = (usize, usize, String);

impl Parser<'_> {
    fn here(&self) -> (usize, usize) {
        self.tokens.get(self.at).map_or((self.text.len(), self.text.len()), |t| (t.1, t.2))
    }

    fn fail<T>(&self, message: impl Into<String>) -> Result<T, Fail> {
        let (s, e) = self.here();
        Err((s, e, message.into()))
    }

    fn word(&self) -> Option<String> {
        match self.tokens.get(self.at) {
            Some((Token::Word(w), ..)) => Some(w.to_lowercase()),
            _ => None,
        }
    }

    fn keyword(&mut self, words: &[&str]) -> bool {
        if self.word().is_some_and(|w| words.contains(&w.as_str())) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), Fail> {
        if self.keyword(&[word]) { Ok(()) } else { self.fail(format!("expected `{word}`")) }
    }

    fn number(&mut self, what: &str) -> Result<(f64, usize), Fail> {
        match self.tokens.get(self.at) {
            Some((Token::Number(n), s, _)) => {
                let (n, s) = (*n, *s);
                self.at += 1;
                Ok((n, s))
            }
            _ => self.fail(format!("expected {what}")),
        }
    }

    fn positive(&self, value: f64, start: usize, max: f64, what: &str) -> Result<f64, Fail> {
        let end = self.tokens.get(self.at.saturating_sub(1)).map_or(self.text.len(), |t| t.2);
        if value.is_finite() && value > 0.0 && value <= max {
            Ok(value)
        } else {
            Err((start, end, format!("{what} must be above 0 and at most {max}")))
        }
    }

    /// `1C`, `0.5 C`, `C/20`, `2 A`, `500 mA`.
    fn rate(&mut self) -> Result<Rate, Fail> {
        if self.word().as_deref() == Some("c") {
            let start = self.here().0;
            self.at += 1;
            if !matches!(self.tokens.get(self.at), Some((Token::Slash, ..))) {
                return self.fail("expected `/` and a number after `C` (as in C/20)");
            }
            self.at += 1;
            let (n, _) = self.number("a number after `C/`")?;
            let n = self.positive(n, start, 1e4, "the divisor of C")?;
            return Ok(Rate::C(1.0 / n));
        }
        let (value, start) = self.number("a rate (1C, C/2, 2 A or 500 mA)")?;
        let unit = self.word();
        let rate = match unit.as_deref() {
            Some("c") => Rate::C(value),
            Some("a") => Rate::Amps(value),
            Some("ma") => Rate::Amps(value / 1000.0),
            _ => return self.fail("expected `C`, `A` or `mA` after the number"),
        };
        self.at += 1;
        match rate {
            Rate::C(c) => Ok(Rate::C(self.positive(c, start, 100.0, "a C-rate")?)),
            Rate::Amps(a) => Ok(Rate::Amps(self.positive(a, start, 1e5, "a current in A")?)),
        }
    }

    fn voltage(&mut self) -> Result<f64, Fail> {
        let (value, start) = self.number("a voltage (2.5 V or 2500 mV)")?;
        let volts = match self.word().as_deref() {
            Some("v") => value,
            Some("mv") => value / 1000.0,
            _ => return self.fail("expected `V` or `mV` after the number"),
        };
        self.at += 1;
        self.positive(volts, start, 10.0, "a voltage in V")
    }

    fn duration(&mut self) -> Result<f64, Fail> {
        let (value, start) = self.number("a duration (10 seconds, 30 min, 1 hour)")?;
        let scale = match self.word().as_deref() {
            Some("s" | "sec" | "secs" | "second" | "seconds") => 1.0,
            Some("min" | "mins" | "minute" | "minutes") => 60.0,
            Some("h" | "hr" | "hrs" | "hour" | "hours") => 3600.0,
            Some("d" | "day" | "days") => 86_400.0,
            _ => return self.fail("expected a time unit: seconds, minutes, hours or days"),
        };
        self.at += 1;
        self.positive(value * scale, start, 1e7, "a duration in seconds")
    }

    fn step(&mut self) -> Result<Step, Fail> {
        let action = if self.keyword(&["discharge"]) {
            self.expect("at")?;
            Action::Discharge(self.rate()?)
        } else if self.keyword(&["charge"]) {
            self.expect("at")?;
            Action::Charge(self.rate()?)
        } else if self.keyword(&["hold"]) {
            self.expect("at")?;
            Action::Hold(self.voltage()?)
        } else if self.keyword(&["rest"]) {
            Action::Rest
        } else {
            return self.fail("a step starts with `Discharge`, `Charge`, `Hold` or `Rest`");
        };
        let mut duration_s = None;
        if self.keyword(&["for"]) {
            duration_s = Some(self.duration()?);
        }
        let mut until = None;
        if duration_s.is_some() {
            self.keyword(&["or"]);
        }
        if self.word().as_deref() == Some("until") {
            if action == Action::Rest {
                return self.fail("a rest ends after a time (`Rest for 1 hour`), not `until`");
            }
            self.at += 1;
            until = Some(match action {
                Action::Hold(_) => Limit::Current(self.rate()?),
                _ => Limit::Voltage(self.voltage()?),
            });
        }
        if action == Action::Rest && duration_s.is_none() {
            return self.fail("expected `for` and a duration after `Rest`");
        }
        if matches!(action, Action::Hold(_)) && duration_s.is_none() && until.is_none() {
            return self.fail("a hold needs `for <duration>` or `until <current>`");
        }
        if self.at < self.tokens.len() {
            return self.fail("unexpected words after the step's end");
        }
        Ok(Step { text: self.text.to_string(), action, duration_s, until })
    }
}

/// The error for `text[start..end]` of step `index` (0-based).
fn error_at(text: &str, index: usize, (start, end, message): Fail) -> ProtocolError {
    let start = start.min(text.len());
    ProtocolError {
        step: index + 1,
        column: text[..start].chars().count() + 1,
        message,
        source_code: NamedSource::new(format!("protocol step {}", index + 1), text.to_string()),
        span: SourceSpan::new(start.into(), end.saturating_sub(start).max(1)),
        help: Some(HELP.to_string()),
    }
}

/// Parses one step; `index` (0-based) names it in errors.
pub fn parse_step(text: &str, index: usize) -> Result<Step, ProtocolError> {
    if text.chars().count() > MAX_STEP_CHARS {
        let fail = (0, text.len(), format!("a step is at most {MAX_STEP_CHARS} characters"));
        return Err(error_at(text, index, fail));
    }
    let tokens = lex(text).map_err(|f| error_at(text, index, f))?;
    Parser { text, tokens, at: 0 }.step().map_err(|f| error_at(text, index, f))
}

/// Parses the steps of a protocol, in order.
pub fn parse(steps: &[impl AsRef<str>]) -> Result<Vec<Step>, ProtocolError> {
    if steps.len() > MAX_STEPS {
        let text = steps[MAX_STEPS].as_ref();
        return Err(error_at(text, MAX_STEPS, (0, text.len(), format!("a protocol has at most {MAX_STEPS} steps"))));
    }
    steps.iter().enumerate().map(|(i, s)| parse_step(s.as_ref(), i)).collect()
}

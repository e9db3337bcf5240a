//! Reading instructor- and tool-written files (layouts, replays, snapshots) with errors that
//! name the file, line:column and field, rendered with a snippet and caret by `miette`.
//!
//! Nothing here touches the file system: callers pass the file's name and text.

pub mod ron_tree;

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::DeserializeOwned;

pub use ron_tree::{FieldPath, PathSeg};

/// Largest input file accepted, in bytes (protects against mistaken or hostile files).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Most problems reported for one file; the rest are counted in one last message.
pub const MAX_REPORTED_ISSUES: usize = 50;

/// Lines longer than this are not drawn as a snippet (the message still gives
/// line:column): a generated one-line file would otherwise fill the terminal.
pub const MAX_SNIPPET_LINE_CHARS: usize = 500;

/// One problem in an input file, located by line:column and field path.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{column}: field `{field}`: {message}")]
pub struct InputError {
    pub file: String,
    /// 1-based line of the offending value.
    pub line: usize,
    /// 1-based column (in characters) of the offending value.
    pub column: usize,
    /// Field path such as `buffers[2].to`; `(file)` for the whole file.
    pub field: String,
    pub message: String,
    /// The file's text, shared by every error of the file; `None` where the offending line
    /// is too long to draw.
    #[source_code]
    source_code: Option<NamedSource<Arc<str>>>,
    #[label("{message}")]
    span: SourceSpan,
    #[help]
    pub help: Option<String>,
    /// Further problems found in the same file.
    #[related]
    pub others: Vec<InputError>,
}

impl InputError {
    /// An error at a byte span of `source`.
    pub fn at_span(
        file: &str,
        source: &str,
        span: (usize, usize),
        field: &FieldPath,
        message: impl Into<String>,
    ) -> Self {
        Self::at_span_shared(file, &Arc::from(source), span, field, message)
    }

    /// [`Self::at_span`] for a source already shared by other errors of the same file.
    fn at_span_shared(
        file: &str,
        source: &Arc<str>,
        span: (usize, usize),
        field: &FieldPath,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, span.0.min(source.len()));
        let end = floor_char_boundary(source, span.1.clamp(start, source.len()));
        let (line, column) = line_col(source, start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        let drawable = source[line_start..line_end].chars().nth(MAX_SNIPPET_LINE_CHARS).is_none();
        Self {
            file: file.to_string(),
            line,
            column,
            field: field.to_string(),
            message: message.into(),
            source_code: drawable.then(|| NamedSource::new(file, Arc::clone(source))),
            span: SourceSpan::new(start.into(), end.saturating_sub(start).max(1)),
            help: None,
            others: Vec::new(),
        }
    }

    /// An error at the value of `field` in `source`.
    pub fn at_field(file: &str, source: &str, field: &FieldPath, message: impl Into<String>) -> Self {
        let tree = ron_tree::scan(source);
        Self::at_span(file, source, tree.span_of(field), field, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// This error and the related ones, as plain one-line messages.
    pub fn all_messages(&self) -> Vec<String> {
        std::iter::once(self.to_string()).chain(self.others.iter().map(|e| e.to_string())).collect()
    }
}

/// A semantic problem found by validation, before it is tied to a file's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub field: FieldPath,
    pub message: String,
}

/// Collects validation issues in the order they are found.
#[derive(Default, Debug)]
pub struct Issues(pub Vec<Issue>);

impl Issues {
    pub fn push(&mut self, field: FieldPath, message: impl Into<String>) {
        self.0.push(Issue { field, message: message.into() });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Turns the issues into one error (the first, with the rest related) located in `source`;
    /// past [`MAX_REPORTED_ISSUES`] the rest are only counted.
    pub fn into_error(self, file: &str, source: &str) -> Option<InputError> {
        let tree = ron_tree::scan(source);
        let shared: Arc<str> = Arc::from(source);
        let total = self.0.len();
        let mut errors = self
            .0
            .into_iter()
            .take(MAX_REPORTED_ISSUES)
            .map(|i| InputError::at_span_shared(file, &shared, tree.span_of(&i.field), &i.field, i.message));
        let mut first = errors.next()?;
        first.others = errors.collect();
        if total > MAX_REPORTED_ISSUES {
            first.others.push(InputError::at_span_shared(
                file,
                &shared,
                (0, 0),
                &FieldPath::root(),
                format!("and {} more problems not shown", total - MAX_REPORTED_ISSUES),
            ));
        }
        Some(first)
    }
}

impl std::fmt::Display for Issues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, issue) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "field `{}`: {}", issue.field, issue.message)?;
        }
        Ok(())
    }
}

/// RON options shared by every file the twin reads: `Some(..)` may be left out, and a
/// variant holding a struct is written `Generic(cycle_time_s: 40.0)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(
        ron::extensions::Extensions::IMPLICIT_SOME | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
    )
}

/// Serialises to pretty RON readable back with [`parse_ron`].
pub fn to_ron<T: serde::Serialize>(value: &T) -> Result<String, String> {
    ron_options()
        .to_string_pretty(value, ron::ser::PrettyConfig::default().struct_names(true))
        .map_err(|e| format!("cannot write RON: {e}"))
}

/// Deserialises RON text, turning syntax and schema errors into located [`InputError`]s.
pub fn parse_ron<T: DeserializeOwned>(file: &str, source: &str) -> Result<T, InputError> {
    if source.len() > MAX_FILE_BYTES {
        return Err(InputError::at_span(
            file,
            "",
            (0, 0),
            &FieldPath::root(),
            format!("file is {} bytes, larger than the limit of {} bytes", source.len(), MAX_FILE_BYTES),
        ));
    }
    ron_options().from_str::<T>(source).map_err(|err| {
        let offset = offset_of(source, err.span.start.line, err.span.start.col);
        let tree = ron_tree::scan(source);
        let field = match &err.code {
            // Reported at the struct's closing bracket: the path is the struct's, plus the field.
            ron::Error::MissingStructField { field, .. } => tree.path_inside(offset).field(field),
            _ => tree.path_at(offset),
        };
        let end = offset_of(source, err.span.end.line, err.span.end.col).max(offset + 1);
        let message = describe_ron_error(&err.code);
        InputError::at_span(file, source, (offset, end), &field, message)
    })
}

fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField { expected, found, .. } => format!(
            "unknown field `{found}`; expected one of: {}",
            expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
        ),
        ron::Error::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing field `{field}` in `{outer}`"),
            None => format!("missing field `{field}`"),
        },
        other => other.to_string(),
    }
}

/// Byte offset of a 1-based line and column (columns counted in characters).
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
            return offset + within;
        }
        offset += l.len();
    }
    source.len()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The name of the top-level struct of a RON file (`Scenario`, `LineLayout`, `Replay`),
/// skipping white space, line comments and (nested) block comments; `None` when the file
/// does not start with a name.
pub fn top_level_name(source: &str) -> Option<&str> {
    let mut rest = source.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if rest.starts_with("/*") {
            let mut depth = 0usize;
            let mut i = 0;
            let bytes = rest.as_bytes();
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            if depth > 0 {
                return None;
            }
            rest = &rest[i..];
        } else {
            break;
        }
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// `text` without a leading byte-order mark (as Windows editors write one), for text read
/// without [`text_of`].
pub fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Text of a file read as bytes (without a leading byte-order mark): valid UTF-8, or an
/// error located at the first bad byte.
pub fn text_of(file: &str, mut bytes: Vec<u8>) -> Result<String, InputError> {
    // A byte-order mark (as Windows editors write) is not part of the text.
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
        // The lossy text has the same prefix, so the offset of the first bad byte holds.
        InputError::at_span(file, &text, (valid, valid + 1), &FieldPath::root(), "not valid UTF-8 text")
    })
}

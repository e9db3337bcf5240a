//! Reading instructor- and tool-written files (layouts, replays, snapshots) with errors that
//! name the file, line:column and field, rendered with a snippet and caret by `miette`.
//!
//! Nothing here touches the file system: callers pass the file's name and text.

pub mod ron_tree;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::DeserializeOwned;

pub use ron_tree::{FieldPath, PathSeg};

/// Largest input file accepted, in bytes (protects against mistaken or hostile files).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

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
    #[source_code]
    source_code: NamedSource<String>,
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
        let start = floor_char_boundary(source, span.0.min(source.len()));
        let end = floor_char_boundary(source, span.1.clamp(start, source.len()));
        let (line, column) = line_col(source, start);
        Self {
            file: file.to_string(),
            line,
            column,
            field: field.to_string(),
            message: message.into(),
            source_code: NamedSource::new(file, source.to_string()),
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
    /// Turns the issues into one error (the first, with the rest related) located in `source`.
    pub fn into_error(self, file: &str, source: &str) -> Option<InputError> {
        let tree = ron_tree::scan(source);
        let mut errors =
            self.0.into_iter().map(|i| InputError::at_span(file, source, tree.span_of(&i.field), &i.field, i.message));
        let mut first = errors.next()?;
        first.others = errors.collect();
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
        let field = tree.path_at(offset);
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

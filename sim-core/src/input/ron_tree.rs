//! A small, forgiving RON scanner that maps field paths (`stations[2].kind.cycle_time_s`)
//! to byte spans and back.
//!
//! `ron` reports *where* a syntax error is but not which field it belongs to, and semantic
//! validation (a negative cycle time, a buffer naming a missing station) happens after
//! deserialisation, when spans are gone. This scanner re-reads the source text and builds a
//! tree of value spans so both kinds of error can name the file, line:column and field.
//! It never fails: on malformed input it returns the part of the tree it could read.

use std::fmt;

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Field(String),
    Index(usize),
}

/// A field path such as `buffers[3].to`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<PathSeg>);

impl FieldPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }
    pub fn field(mut self, name: &str) -> Self {
        self.0.push(PathSeg::Field(name.to_string()));
        self
    }
    pub fn index(mut self, i: usize) -> Self {
        self.0.push(PathSeg::Index(i));
        self
    }
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(file)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Field(name) if i == 0 => write!(f, "{name}")?,
                PathSeg::Field(name) => write!(f, ".{name}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A value's span and its children (struct fields, list items, map entries).
#[derive(Debug, Default, Clone)]
pub struct Node {
    /// Byte span of the value itself.
    pub start: usize,
    pub end: usize,
    /// Children: key, span of `key: value` (the whole entry) and the value node.
    pub children: Vec<(PathSeg, usize, Node)>,
    /// `Some(..)`: adds no step to a field path.
    pub is_option_wrapper: bool,
}

impl Node {
    /// The span of the value at `path`, or of the deepest ancestor that exists.
    pub fn span_of(&self, path: &FieldPath) -> (usize, usize) {
        let mut node = self;
        for seg in &path.0 {
            match node.child(seg) {
                Some(child) => node = child,
                None => break,
            }
        }
        (node.start, node.end)
    }

    fn child(&self, seg: &PathSeg) -> Option<&Node> {
        // `Some(x)` is transparent: a path step looks through it.
        if self.is_option_wrapper {
            return self.children.first().and_then(|(_, _, inner)| inner.child(seg));
        }
        self.children.iter().find(|(key, _, _)| key == seg).map(|(_, _, node)| node)
    }

    /// The field path of the innermost entry containing byte `offset`.
    pub fn path_at(&self, offset: usize) -> FieldPath {
        self.path_to(offset, true)
    }

    /// The path of the innermost value `offset` lies strictly inside: an offset just past a
    /// field's value (the `)` closing its struct) belongs to the struct, not to that field.
    pub fn path_inside(&self, offset: usize) -> FieldPath {
        self.path_to(offset, false)
    }

    fn path_to(&self, offset: usize, end_inclusive: bool) -> FieldPath {
        let mut path = FieldPath::root();
        let mut node = self;
        'descend: loop {
            for (key, entry_start, child) in &node.children {
                let end = child.end.max(*entry_start);
                if offset >= *entry_start && (offset < end || (end_inclusive && offset == end)) {
                    // `Some(..)` wrappers add no path step.
                    if !node.is_option_wrapper {
                        path.0.push(key.clone());
                    }
                    node = child;
                    continue 'descend;
                }
            }
            return path;
        }
    }
}

/// Parses `src` into a span tree; tolerant of errors.
pub fn scan(src: &str) -> Node {
    let mut p = Scanner { src: src.as_bytes(), pos: 0, depth: 0 };
    p.skip_ws();
    p.value().unwrap_or_default()
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    depth: usize,
}

/// Nesting limit: deeper input is not scanned further (no stack overflow on hostile files).
const MAX_DEPTH: usize = 128;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 && self.pos < self.src.len() {
                        if self.src[self.pos..].starts_with(b"/*") {
                            level += 1;
                            self.pos += 2;
                        } else if self.src[self.pos..].starts_with(b"*/") {
                            level -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'#' {
                self.pos += 1;
            } else {
                break;
            }
        }
        (self.pos > start).then_some((start, self.pos))
    }

    fn string(&mut self) -> Option<String> {
        // at opening quote
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => {
                    if let Some(n) = self.peek() {
                        out.push(n);
                        self.pos += 1;
                    }
                }
                b'"' => return Some(String::from_utf8_lossy(&out).into_owned()),
                _ => out.push(c),
            }
        }
        None
    }

    fn value(&mut self) -> Option<Node> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = self.value_inner().map(|mut n| {
            // Spans always lie inside the text, whatever the input.
            n.end = n.end.min(self.src.len());
            n.start = n.start.min(n.end);
            n
        });
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Option<Node> {
        let start = self.pos;
        match self.peek()? {
            b'[' => {
                self.pos += 1;
                let mut node = Node { start, ..Default::default() };
                self.seq(b']', &mut node, false);
                node.end = self.pos;
                Some(node)
            }
            b'{' => {
                self.pos += 1;
                let mut node = Node { start, ..Default::default() };
                self.seq(b'}', &mut node, true);
                node.end = self.pos;
                Some(node)
            }
            b'(' => {
                self.pos += 1;
                let mut node = Node { start, ..Default::default() };
                self.seq(b')', &mut node, false);
                node.end = self.pos;
                Some(node)
            }
            b'"' => {
                self.string();
                Some(Node { start, end: self.pos, ..Default::default() })
            }
            b'\'' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == b'\\' {
                        // An escape at the very end of the text has nothing to skip.
                        self.pos = (self.pos + 1).min(self.src.len());
                    } else if c == b'\'' {
                        break;
                    }
                }
                Some(Node { start, end: self.pos, ..Default::default() })
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let (s, e) = self.ident()?;
                let is_some = &self.src[s..e] == b"Some";
                self.skip_ws();
                if self.peek() == Some(b'(') {
                    let mut inner = self.value()?;
                    inner.start = start;
                    inner.is_option_wrapper = is_some;
                    Some(inner)
                } else {
                    Some(Node { start, end: e, ..Default::default() })
                }
            }
            _ => {
                // number or other literal: read until a delimiter
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b')' | b']' | b'}' | b':') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
                (self.pos > start).then_some(Node { start, end: self.pos, ..Default::default() })
            }
        }
    }

    /// Items up to `close`: `name: value` fields, `key: value` map entries or plain items.
    fn seq(&mut self, close: u8, node: &mut Node, is_map: bool) {
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let entry_start = self.pos;
            let before = self.pos;
            // A struct field `name: value`?
            let mut key = None;
            if is_map {
                if self.peek() == Some(b'"') {
                    key = self.string().map(PathSeg::Field);
                } else if let Some(v) = self.value() {
                    key = Some(PathSeg::Field(String::from_utf8_lossy(&self.src[v.start..v.end]).into_owned()));
                }
                self.skip_ws();
                if self.peek() == Some(b':') {
                    self.pos += 1;
                }
            } else if self.peek().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_') {
                let save = self.pos;
                if let Some((s, e)) = self.ident() {
                    self.skip_ws();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        key = Some(PathSeg::Field(String::from_utf8_lossy(&self.src[s..e]).into_owned()));
                    } else {
                        self.pos = save;
                    }
                }
            }
            self.skip_ws();
            let value = match self.value() {
                Some(v) => v,
                None => {
                    let end = self.pos;
                    if let Some(key) = key {
                        node.children.push((key, entry_start, Node { start: end, end, ..Default::default() }));
                    }
                    if self.pos == before {
                        // Unreadable byte: stop here, keep what we have.
                        return;
                    }
                    continue;
                }
            };
            let key = key.unwrap_or_else(|| {
                let k = PathSeg::Index(index);
                index += 1;
                k
            });
            node.children.push((key, entry_start, value));
            if self.pos == before {
                return;
            }
        }
    }
}

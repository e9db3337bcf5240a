//! Line layouts: the stations of a line, their kinds and parameters, and the buffers
//! joining them, as read from a RON file under `assets/lines/`.
//!
//! A layout is a directed acyclic graph: a station with no input buffer is a source (it
//! never starves), one with no output buffer ships to an unlimited sink, one with several
//! input buffers assembles one unit from each.

use serde::{Deserialize, Serialize};

use crate::input::{self, FieldPath, InputError, Issues};
use crate::stations::StationKind;
use crate::text::Localized;
use crate::unit::ProductKind;

/// Limits against mistaken or hostile layout files.
/// Shortest mean time between failures accepted, hours (six minutes): shorter would make
/// a run an endless string of breakdowns.
pub const MIN_MTBF_H: f64 = 0.1;
/// Longest MTBF or MTTR accepted, hours (ten years).
pub const MAX_TIME_H: f64 = 87_600.0;

pub const MAX_STATIONS: usize = 256;
pub const MAX_BUFFER_CAPACITY: u32 = 1_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineLayout {
    /// Short identifier, e.g. `electrode-line`.
    pub id: String,
    /// What the line makes, in English and Dutch (`(en: "...", nl: "...")`).
    #[serde(default)]
    pub title: Localized,
    pub stations: Vec<StationConfig>,
    #[serde(default)]
    pub buffers: Vec<BufferConfig>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StationConfig {
    pub id: String,
    /// Display name in English and Dutch; the id is used when empty.
    #[serde(default)]
    pub name: Localized,
    /// Plant area, e.g. `electrode`, `assembly`.
    #[serde(default)]
    pub area: String,
    pub kind: StationKind,
    /// Mean operating time between failures, hours; no failures when absent.
    #[serde(default)]
    pub mtbf_h: Option<f64>,
    /// Mean time to repair, hours.
    #[serde(default = "default_mttr_h")]
    pub mttr_h: f64,
}

fn default_mttr_h() -> f64 {
    0.5
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BufferConfig {
    pub from: String,
    pub to: String,
    /// Units the buffer holds (at least 1).
    pub capacity: u32,
    /// The two stations share a continuous web (coater and dryer): when the downstream one
    /// stops (down, in maintenance, stopped or blocked), the upstream one holds mid-cycle.
    #[serde(default)]
    pub web: bool,
}

impl LineLayout {
    /// The line's title and every station name that lacks its Dutch, with field paths
    /// (`twin check` refuses a layout with them; station names left empty show the id).
    pub fn language_issues(&self) -> Issues {
        let mut issues = Issues::default();
        let root = FieldPath::root();
        self.title.check(root.clone().field("title"), &mut issues);
        for (i, s) in self.stations.iter().enumerate().filter(|(_, s)| !s.name.is_empty()) {
            s.name.check(root.clone().field("stations").index(i).field("name"), &mut issues);
        }
        issues
    }

    /// Parses and validates a layout file; errors name file, line:column and field.
    pub fn from_ron(file: &str, source: &str) -> Result<Self, InputError> {
        let layout: Self = input::parse_ron(file, source)?;
        let issues = layout.validate();
        match issues.into_error(file, source) {
            Some(err) => Err(err),
            None => Ok(layout),
        }
    }

    /// Index of the station with this id.
    pub fn station_index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }

    /// Semantic checks: positive times, existing stations, a serial-or-assembly DAG.
    pub fn validate(&self) -> Issues {
        let mut issues = Issues::default();
        let root = FieldPath::root();
        if self.id.trim().is_empty() {
            issues.push(root.clone().field("id"), "the line needs a non-empty id");
        }
        if self.stations.is_empty() {
            issues.push(root.clone().field("stations"), "the line needs at least one station");
        }
        if self.stations.len() > MAX_STATIONS {
            issues.push(
                root.clone().field("stations"),
                format!("{} stations exceed the limit of {MAX_STATIONS}", self.stations.len()),
            );
            // Checking each of thousands of stations would only repeat this problem.
            return issues;
        }
        for (i, station) in self.stations.iter().enumerate() {
            let path = root.clone().field("stations").index(i);
            if station.id.trim().is_empty() {
                issues.push(path.clone().field("id"), "station id must not be empty");
            } else if self.stations[..i].iter().any(|s| s.id == station.id) {
                issues.push(path.clone().field("id"), format!("duplicate station id `{}`", station.id));
            }
            station.kind.station().validate(&path.clone().field("kind"), &mut issues);
            if let Some(mtbf) = station.mtbf_h
                && !(mtbf.is_finite() && (MIN_MTBF_H..=MAX_TIME_H).contains(&mtbf))
            {
                issues.push(
                    path.clone().field("mtbf_h"),
                    format!("MTBF must be {MIN_MTBF_H} to {MAX_TIME_H} hours, got {mtbf}"),
                );
            }
            if !(station.mttr_h.is_finite() && station.mttr_h > 0.0 && station.mttr_h <= MAX_TIME_H) {
                issues.push(
                    path.clone().field("mttr_h"),
                    format!("MTTR must be a positive number of hours up to {MAX_TIME_H}, got {}", station.mttr_h),
                );
            }
        }
        let mut has_output = vec![false; self.stations.len()];
        for (i, buffer) in self.buffers.iter().enumerate() {
            let path = root.clone().field("buffers").index(i);
            let from = self.station_index(&buffer.from);
            let to = self.station_index(&buffer.to);
            if from.is_none() {
                issues.push(
                    path.clone().field("from"),
                    format!("no station `{}` in this line; stations are: {}", buffer.from, self.station_list()),
                );
            }
            if to.is_none() {
                issues.push(
                    path.clone().field("to"),
                    format!("no station `{}` in this line; stations are: {}", buffer.to, self.station_list()),
                );
            }
            if buffer.from == buffer.to {
                issues.push(path.clone().field("to"), "a buffer cannot lead from a station to itself");
            }
            if buffer.capacity == 0 || buffer.capacity > MAX_BUFFER_CAPACITY {
                issues.push(
                    path.clone().field("capacity"),
                    format!("capacity must be between 1 and {MAX_BUFFER_CAPACITY} units, got {}", buffer.capacity),
                );
            }
            if let Some(f) = from {
                if has_output[f] {
                    issues.push(
                        path.clone().field("from"),
                        format!(
                            "station `{}` already feeds another buffer (splitting flow is not modelled)",
                            buffer.from
                        ),
                    );
                }
                has_output[f] = true;
            }
        }
        if issues.is_empty() && self.has_cycle() {
            issues.push(root.clone().field("buffers"), "the buffers form a loop; material must flow one way");
        }
        if issues.is_empty() {
            self.check_products(&mut issues);
        }
        issues
    }

    /// The stations whose buffers lead into station `i`.
    fn inputs_of(&self, i: usize) -> Vec<usize> {
        self.buffers
            .iter()
            .filter(|b| b.to == self.stations[i].id)
            .filter_map(|b| self.station_index(&b.from))
            .collect()
    }

    /// What each station makes (none where a station's inputs cannot be followed, as in an
    /// invalid layout with a loop).
    pub fn products(&self) -> Vec<Option<ProductKind>> {
        let n = self.stations.len();
        let mut output: Vec<Option<ProductKind>> = vec![None; n];
        // An acyclic layout: n passes settle every station.
        for _ in 0..n {
            for i in 0..n {
                let inputs = self.inputs_of(i);
                if inputs.iter().all(|&j| output[j].is_some()) {
                    let first = inputs.first().and_then(|&j| output[j]);
                    output[i] = Some(self.stations[i].kind.station().output_product(first));
                }
            }
        }
        output
    }

    /// Checks that every buffer carries what the station it feeds takes.
    fn check_products(&self, issues: &mut Issues) {
        let output = self.products();
        for (i, station) in self.stations.iter().enumerate() {
            let path = FieldPath::root().field("stations").index(i).field("kind");
            let has_input = !self.inputs_of(i).is_empty();
            let kind = station.kind.station();
            if let Some(needed) = kind.input_product()
                && !has_input
            {
                issues.push(path, format!("a {} needs an input buffer bringing {}", kind.label(), needed.label()));
            } else if !kind.takes_input() && has_input {
                issues.push(path, format!("a {} is a source: no buffer may lead into it", kind.label()));
            }
        }
        for (b, buffer) in self.buffers.iter().enumerate() {
            let (Some(from), Some(to)) = (self.station_index(&buffer.from), self.station_index(&buffer.to)) else {
                continue;
            };
            if let (Some(needed), Some(delivered)) = (self.stations[to].kind.station().input_product(), output[from])
                && needed != delivered
            {
                issues.push(
                    FieldPath::root().field("buffers").index(b).field("to"),
                    format!(
                        "station `{}` ({}) takes {} but `{}` delivers {}",
                        buffer.to,
                        self.stations[to].kind.station().label(),
                        needed.label(),
                        buffer.from,
                        delivered.label()
                    ),
                );
            }
        }
    }

    fn station_list(&self) -> String {
        self.stations.iter().map(|s| format!("`{}`", s.id)).collect::<Vec<_>>().join(", ")
    }

    fn has_cycle(&self) -> bool {
        // Each station has at most one output: follow outputs; a loop revisits a station.
        let next: Vec<Option<usize>> = (0..self.stations.len())
            .map(|i| {
                self.buffers.iter().find(|b| b.from == self.stations[i].id).and_then(|b| self.station_index(&b.to))
            })
            .collect();
        (0..self.stations.len()).any(|start| {
            let mut at = start;
            for _ in 0..=self.stations.len() {
                match next[at] {
                    Some(n) if n == start => return true,
                    Some(n) => at = n,
                    None => return false,
                }
            }
            false
        })
    }
}

//! Units of product moving along the line, each carrying its quality record and history.
//!
//! A unit is whatever a station hands to the next one: a slurry batch, an electrode roll, a
//! sheet, a cell. Stations that transform product (a roll slit into sheets, sheets and foils
//! stacked into one cell) consume units and create new ones, naming their components so a
//! cell's genealogy can be traced back to its slurry batch.

use serde::{Deserialize, Serialize};

/// Line-unique, monotonically assigned unit number.
pub type UnitId = u64;

/// What a unit physically is. Physical station kinds add their own product kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductKind {
    /// A discrete part of the generic line model.
    Part,
}

/// One pass of a unit through a station.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub station: u16,
    pub start_ms: u64,
    pub end_ms: u64,
}

/// A defect found on (or hidden in) a unit, with the station where it arose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Defect {
    pub kind: String,
    pub station: u16,
    pub at_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub product: ProductKind,
    pub created_ms: u64,
    /// Units consumed to make this one (assembly), by id.
    pub components: Vec<UnitId>,
    pub defects: Vec<Defect>,
    pub history: Vec<Visit>,
}

impl Unit {
    pub fn new(id: UnitId, product: ProductKind, created_ms: u64) -> Self {
        Self {
            id,
            product,
            created_ms,
            components: Vec::new(),
            defects: Vec::new(),
            history: Vec::new(),
        }
    }

    pub fn is_good(&self) -> bool {
        self.defects.is_empty()
    }
}

//! Units of product moving along the line, each carrying its quality record and history.
//!
//! A unit is whatever a station hands to the next one: a generic part, a slurry batch, an
//! electrode roll, a lot of sheets. Stations that transform product replace the payload
//! (a batch becomes a roll, a roll becomes sheets); assembly stations consume several units
//! and name them as components, so a product's genealogy can be traced back.

use serde::{Deserialize, Serialize};

use crate::cell::{Cell, PassportEntry};
use crate::product::{ElectrodeRoll, SheetLot, SlurryBatch};
use crate::sample::Sample;

/// Line-unique, monotonically assigned unit number.
pub type UnitId = u64;

/// What a unit physically is, without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductKind {
    Part,
    Slurry,
    Roll,
    Sheets,
    Cell,
    Sample,
}

impl ProductKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Part => "parts",
            Self::Slurry => "slurry batches",
            Self::Roll => "electrode rolls",
            Self::Sheets => "electrode sheets",
            Self::Cell => "cells",
            Self::Sample => "lab samples",
        }
    }
}

/// A unit's product and its true attributes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Payload {
    Part,
    Slurry(SlurryBatch),
    Roll(ElectrodeRoll),
    Sheets(SheetLot),
    Cell(Box<Cell>),
    Sample(Box<Sample>),
}

impl Payload {
    pub fn kind(&self) -> ProductKind {
        match self {
            Self::Part => ProductKind::Part,
            Self::Slurry(_) => ProductKind::Slurry,
            Self::Roll(_) => ProductKind::Roll,
            Self::Sheets(_) => ProductKind::Sheets,
            Self::Cell(_) => ProductKind::Cell,
            Self::Sample(_) => ProductKind::Sample,
        }
    }

    /// How much product the unit is, in its natural unit (litres of slurry, metres of
    /// electrode, sheets, parts).
    pub fn quantity(&self) -> (f64, &'static str) {
        match self {
            Self::Part => (1.0, "units"),
            Self::Slurry(b) => (b.volume_l, "L"),
            Self::Roll(r) => (r.length_m(), "m"),
            Self::Sheets(s) => (s.sheets as f64, "sheets"),
            Self::Cell(_) => (1.0, "cells"),
            Self::Sample(_) => (1.0, "samples"),
        }
    }

    /// The part of [`Self::quantity`] that is good: sheets without a burr over the limit or
    /// a latent defect, metres without a defect; a generic part is good unless condemned.
    pub fn good_quantity(&self) -> f64 {
        match self {
            Self::Part | Self::Slurry(_) => self.quantity().0,
            Self::Roll(r) => r.segments.iter().filter(|s| s.defects.is_empty()).map(|s| s.length_m).sum(),
            Self::Sheets(s) => {
                let bad = s.latent_defects.iter().fold(s.sheets_over_burr_limit, |a, (_, n)| a.saturating_add(*n));
                s.sheets.saturating_sub(bad) as f64
            }
            Self::Cell(c) => {
                if c.defects.is_empty() {
                    1.0
                } else {
                    0.0
                }
            }
            Self::Sample(s) => {
                if s.defects.is_empty() {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// Area of good electrode the unit holds, m2 (0 for slurry, lab samples and generic parts).
    pub fn good_area_m2(&self) -> f64 {
        match self {
            Self::Part | Self::Slurry(_) | Self::Sample(_) => 0.0,
            Self::Roll(r) => self.good_quantity() * r.coated_width_m,
            Self::Sheets(s) => self.good_quantity() * s.sheet_length_m * s.sheet_width_m,
            Self::Cell(c) => self.good_quantity() * c.sheet_area_cm2 * c.layers as f64 / 1e4,
        }
    }

    /// Dry solids the unit holds, kg (0 for a generic part).
    pub fn solids_kg(&self) -> f64 {
        match self {
            Self::Part => 0.0,
            Self::Slurry(b) => b.solids_kg(),
            Self::Roll(r) => r.solids_kg(),
            Self::Sheets(s) => s.solids_kg,
            Self::Cell(c) => c.solids_kg,
            Self::Sample(s) => s.mass_g / 1000.0,
        }
    }

    /// Whether the product keeps a passport (every electrode product on its way to a cell,
    /// and the cell).
    pub fn keeps_passport(&self) -> bool {
        !matches!(self, Self::Part)
    }

    /// Adds a station's passport line and the moisture exposure of its cycle, ppmv h.
    pub fn record_visit(&mut self, entry: PassportEntry, exposure_ppmv_h: f64) {
        match self {
            Self::Slurry(b) => b.passport.push(entry),
            Self::Roll(r) => r.passport.push(entry),
            Self::Sheets(s) => s.passport.push(entry),
            Self::Cell(c) => c.passport.push(entry),
            Self::Sample(s) => s.passport.push(entry),
            Self::Part => {}
        }
        self.add_exposure(exposure_ppmv_h);
    }

    /// Adds moisture exposure, ppmv h (products that keep a passport integrate it).
    pub fn add_exposure(&mut self, exposure_ppmv_h: f64) {
        match self {
            Self::Sheets(s) => s.moisture_exposure_ppmv_h += exposure_ppmv_h,
            Self::Cell(c) => c.moisture_exposure_ppmv_h += exposure_ppmv_h,
            Self::Sample(s) => s.box_exposure_ppm_h += exposure_ppmv_h,
            _ => {}
        }
    }
}

/// One pass of a unit through a station.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub station: u16,
    pub start_ms: u64,
    pub end_ms: u64,
}

/// A defect that condemns the whole unit, with the station where it arose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Defect {
    pub kind: String,
    pub station: u16,
    pub at_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub payload: Payload,
    pub created_ms: u64,
    /// Units consumed to make this one (assembly), by id.
    pub components: Vec<UnitId>,
    pub defects: Vec<Defect>,
    pub history: Vec<Visit>,
}

impl Unit {
    pub fn new(id: UnitId, payload: Payload, created_ms: u64) -> Self {
        Self { id, payload, created_ms, components: Vec::new(), defects: Vec::new(), history: Vec::new() }
    }

    pub fn product(&self) -> ProductKind {
        self.payload.kind()
    }

    /// Not condemned, and (a cell) without a defect of any kind.
    pub fn is_good(&self) -> bool {
        self.defects.is_empty()
            && match &self.payload {
                Payload::Cell(c) => c.defects.is_empty(),
                Payload::Sample(s) => s.defects.is_empty(),
                _ => true,
            }
    }
}

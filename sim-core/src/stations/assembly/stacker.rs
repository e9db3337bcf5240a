//! Stacker: builds cells from the sheets of the lots it takes in, one cell per cycle.
//!
//! The stacker takes a lot into its stock (a cycle of handling, after which the lot unit is
//! gone from the line and its sheets are in the station) and makes cells from the stock
//! while it holds enough sheets for one (`StationModel::has_stock`). A cell's components are
//! the lots its sheets came from; its solids are its sheets' exact share of theirs.
//!
//! Relations (reference section 8, [D] forms): each layer lands with an offset drawn from a
//! normal distribution whose spread grows with speed, `sigma = sigma_0 (1 + v / v_ref)`,
//! plus any drift of the machine (a fault); the anode overhangs the cathode by `o_nom` on
//! each side, so the smallest overhang is `o_nom - max |offset|`. No overhang left: lithium
//! plates at the cathode's edge. Sheets with a burr over the limit are a short risk; how many
//! a cell gets is drawn sheet by sheet from what its lot still holds.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::cell::{Cell, CellDefectKind, cause_key};
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::product::SheetLot;
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit, UnitId};

/// Speed at which the placement spread doubles, sheets/min.
const SPEED_REF_PER_MIN: f64 = 60.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stacker {
    /// Cathode layers per cell.
    pub layers: u32,
    pub sheets_per_min: f64,
    /// Anode overhang beyond the cathode on each side, as designed, mm.
    pub overhang_mm: f64,
    /// Placement spread at low speed (1 sigma), mm.
    pub accuracy_mm: f64,
    /// Time to take a lot into the stock, s.
    #[serde(default = "default_handling_s")]
    pub lot_handling_s: f64,
    #[serde(default)]
    pub stock: Vec<StockLot>,
    /// Cells the alignment alarm still holds for after the last misaligned one (so that a
    /// drift raises one alarm, not one per cell).
    #[serde(default)]
    pub alarm_hold_cells: u32,
    #[serde(default)]
    pub last: Option<StackerReading>,
}

/// Cells the alignment alarm stays up for after a misaligned one.
const ALARM_HOLD_CELLS: u32 = 30;

fn default_handling_s() -> f64 {
    60.0
}

/// What is left of a lot in the stock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockLot {
    pub id: UnitId,
    pub lot: SheetLot,
    /// Sheets not yet stacked, and of them those with a burr over the limit and those with
    /// a latent coating defect.
    pub sheets_left: u64,
    pub burr_left: u64,
    pub latent_left: u64,
    pub solids_left_kg: f64,
    /// When the lot went into the stock (its sheets wait in the room from then), ms.
    #[serde(default)]
    pub since_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StackerReading {
    /// Largest layer offset the vision system measured on the last cell, mm.
    pub max_offset_mm: f64,
    /// Mean offset across the web (signed: a drift shows here, scatter does not), mm.
    #[serde(default)]
    pub mean_offset_mm: f64,
    pub stock_sheets: u64,
}

impl Stacker {
    pub fn stock_sheets(&self) -> u64 {
        self.stock.iter().fold(0u64, |n, s| n.saturating_add(s.sheets_left))
    }

    /// Placement spread at the present speed, mm.
    pub fn spread_mm(&self) -> f64 {
        self.accuracy_mm * (1.0 + self.sheets_per_min / SPEED_REF_PER_MIN)
    }

    /// The alignment alarm, while it holds after a misaligned cell.
    fn alignment_alarm(&self) -> Option<ProcessAlarm> {
        (self.alarm_hold_cells > 0).then(|| {
            ProcessAlarm::new(
                "alignment",
                AlarmPriority::Medium,
                Message::new("alarm-stacker-alignment").number("mm", self.overhang_mm, 1),
            )
        })
    }

    /// Takes a lot into the stock.
    fn absorb(&mut self, id: UnitId, lot: SheetLot, now_ms: u64) {
        let latent = lot.latent_defects.iter().fold(0u64, |a, (_, n)| a.saturating_add(*n)).min(lot.sheets);
        self.stock.push(StockLot {
            id,
            sheets_left: lot.sheets,
            burr_left: lot.sheets_over_burr_limit.min(lot.sheets),
            latent_left: latent,
            solids_left_kg: lot.solids_kg,
            since_ms: now_ms,
            lot,
        });
    }

    /// Takes `layers` sheets from the oldest lots into a new cell; returns it with the ids of
    /// the lots it drew from.
    fn draw_cell(&mut self, rng: &mut rng::Stream, now_ms: u64, room_ppmv: f64) -> (Cell, Vec<UnitId>) {
        let mut cell = Cell { layers: self.layers, ..Default::default() };
        let mut need = self.layers as u64;
        let mut lots = Vec::new();
        let (mut exposure, mut thickness, mut porosity, mut loading) = (0.0, 0.0, 0.0, 0.0);
        while need > 0 {
            let Some(s) = self.stock.first_mut() else {
                break;
            };
            let take = need.min(s.sheets_left);
            let share = take as f64 / s.sheets_left.max(1) as f64;
            let solids = if take == s.sheets_left { s.solids_left_kg } else { s.solids_left_kg * share };
            s.solids_left_kg -= solids;
            cell.solids_kg += solids;
            for _ in 0..take {
                let left = s.sheets_left.max(1) as f64;
                if rng::chance(rng, s.burr_left as f64 / left) {
                    s.burr_left -= 1;
                    cell.sheets_over_burr_limit += 1;
                }
                if rng::chance(rng, s.latent_left as f64 / left) {
                    s.latent_left -= 1;
                    cell.latent_defect_sheets += 1;
                }
                s.sheets_left -= 1;
            }
            let lot = &s.lot;
            let w = take as f64;
            cell.recipe_name.clone_from(&lot.recipe_name);
            cell.sheet_area_cm2 = lot.sheet_length_m * lot.sheet_width_m * 1e4;
            cell.capacity_ah += lot.areal_capacity_mah_per_cm2 * cell.sheet_area_cm2 * w / 1000.0;
            let in_stock_h = now_ms.saturating_sub(s.since_ms) as f64 / 3.6e6;
            exposure += (lot.moisture_exposure_ppmv_h + room_ppmv * in_stock_h) * w;
            thickness += lot.mean_thickness_um * w;
            porosity += lot.mean_porosity_frac * w;
            loading += lot.mean_loading_mg_per_cm2 * w;
            if let Some(e) = &lot.electrolyte {
                cell.electrolyte = e.clone();
            }
            if let Some(a) = &lot.anode {
                cell.anode = a.clone();
            }
            for d in &lot.cell_defects {
                cell.add_defect(d.kind, d.origin, &d.cause);
            }
            if cell.passport.is_empty() {
                cell.passport = lot.passport.clone();
            }
            lots.push(s.id);
            need -= take;
            if s.sheets_left == 0 {
                self.stock.remove(0);
            }
        }
        let n = (self.layers as u64 - need).max(1) as f64;
        cell.layers = n as u32;
        cell.moisture_exposure_ppmv_h = exposure / n;
        cell.coating_thickness_um = thickness / n;
        cell.porosity_frac = porosity / n;
        cell.loading_mg_per_cm2 = loading / n;
        (cell, lots)
    }
}

impl StationModel for Stacker {
    const LABEL: &'static str = "stacker";
    const INPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[ControlDef::new(
        "sheets_per_min",
        "Stacking speed",
        "1/min",
        (5.0, 200.0, 1.0),
        |s, _| s.sheets_per_min,
        |s, _, v| s.sheets_per_min = v,
    )];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("max_offset_mm", "Vision: largest layer offset", "mm", |s, _| {
            s.last.as_ref().map(|l| l.max_offset_mm)
        }),
        ReadoutDef::number("mean_offset_mm", "Vision: mean offset across", "mm", |s, _| {
            s.last.as_ref().map(|l| l.mean_offset_mm)
        }),
        ReadoutDef::number("stock_sheets", "Sheets in stock", "sheets", |s, _| Some(s.stock_sheets() as f64)),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(1..=200).contains(&self.layers) {
            issues.push(path.clone().field("layers"), format!("a cell has 1 to 200 layers, got {}", self.layers));
        }
        check_range(issues, path, "sheets_per_min", self.sheets_per_min, 1.0, 1000.0, "1/min");
        check_range(issues, path, "overhang_mm", self.overhang_mm, 0.0, 10.0, "mm");
        check_range(issues, path, "accuracy_mm", self.accuracy_mm, 0.0, 5.0, "mm");
        check_range(issues, path, "lot_handling_s", self.lot_handling_s, 1.0, 3600.0, "s");
        if self.stock.len() > 64 {
            issues.push(path.clone().field("stock"), "holds more than 64 lots");
        }
        for (k, lot) in self.stock.iter().enumerate() {
            if lot.sheets_left > 10_000_000 || lot.burr_left > lot.sheets_left || lot.latent_left > lot.sheets_left {
                issues.push(path.clone().field("stock").index(k), "sheet counts out of range");
            }
            if !(lot.solids_left_kg.is_finite() && lot.solids_left_kg >= 0.0) {
                issues.push(
                    path.clone().field("stock").index(k).field("solids_left_kg"),
                    "must be a finite, non-negative mass",
                );
            }
        }
    }

    fn has_stock(&self) -> bool {
        self.stock_sheets() >= self.layers as u64
    }

    fn stock_solids_kg(&self) -> f64 {
        self.stock.iter().map(|s| s.solids_left_kg).sum()
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        if let Payload::Sheets(_) = &unit.payload {
            // A lot in: into the stock; the unit leaves the line's flow.
            let Payload::Sheets(lot) = std::mem::replace(&mut unit.payload, Payload::Part) else {
                unreachable!("matched above")
            };
            self.absorb(unit.id, lot, ctx.now_ms);
            // Taking a lot in changes nothing about the alignment: the alarm stays as it was.
            return CycleReport {
                cycle_time_ms: secs_to_ms(self.lot_handling_s),
                quantity: 0.0,
                absorbed: true,
                alarms: self.alignment_alarm().into_iter().collect(),
                ..Default::default()
            };
        }
        let here = ctx.station;
        let (mut cell, lots) = self.draw_cell(ctx.rng, ctx.now_ms, ctx.room_ppmv.unwrap_or(0.0));
        unit.components.extend(lots);
        let drift = match has_fault(ctx.faults, |f| matches!(f, Fault::StackerDrift { .. })).map(|f| &f.fault) {
            Some(Fault::StackerDrift { offset_mm }) => *offset_mm,
            _ => 0.0,
        };
        let worn = match has_fault(ctx.faults, |f| matches!(f, Fault::GripperWorn { .. })).map(|f| &f.fault) {
            Some(Fault::GripperWorn { spread_factor }) => *spread_factor,
            _ => 1.0,
        };
        let spread = self.spread_mm() * worn;
        let mut max_offset: f64 = 0.0;
        let mut sum_dx = 0.0;
        for _ in 0..cell.layers {
            let dx = rng::normal(ctx.rng, drift, spread);
            let dy = rng::normal(ctx.rng, 0.0, spread);
            sum_dx += dx;
            max_offset = max_offset.max(dx.abs()).max(dy.abs());
        }
        cell.max_alignment_error_mm = max_offset;
        cell.min_overhang_mm = self.overhang_mm - max_offset;
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * cell.layers as f64 / self.sheets_per_min.max(1e-6)),
            quantity: 1.0,
            ..Default::default()
        };
        if cell.min_overhang_mm < 0.0 {
            let cause = if drift > 0.0 {
                "stacker-alignment-drift"
            } else if worn > 1.0 {
                "worn-stacker-grippers"
            } else {
                "stacking-too-fast-for-its-accuracy"
            };
            cell.add_defect(CellDefectKind::EdgePlatingRisk, here, cause);
            report.add_defective(&cause_key(CellDefectKind::EdgePlatingRisk, cause), 1.0);
            self.alarm_hold_cells = ALARM_HOLD_CELLS;
        } else {
            self.alarm_hold_cells = self.alarm_hold_cells.saturating_sub(1);
        }
        report.alarms.extend(self.alignment_alarm());
        if cell.sheets_over_burr_limit > 0 {
            let slitter = self.stock.first().map_or(here, |s| s.lot.cut_at);
            cell.add_defect(CellDefectKind::ShortRisk, slitter, "burr-above-limit");
        }
        self.last = Some(StackerReading {
            max_offset_mm: max_offset,
            mean_offset_mm: sum_dx / cell.layers.max(1) as f64,
            stock_sheets: self.stock_sheets(),
        });
        unit.payload = Payload::Cell(Box::new(cell));
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::StackerDrift { .. } | Fault::GripperWorn { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }
}

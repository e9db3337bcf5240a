//! Slitter / notcher: cuts a roll into lanes and notches sheets, removing the metres
//! inspection flagged and the edge trim.
//!
//! Burr height grows with blade wear and cutting speed (reference section 5):
//! `burr = burr_fresh + burr_wear * wear + k_v * speed`, with a per-sheet scatter ([D] form
//! and constants). Wear accumulates with metres cut (`wear += L / blade_life`); a blade change
//! (maintenance) resets it. Sheets with a burr above the limit (about half the separator
//! thickness; flag > 10 um) carry a latent short risk into the cell: burrs are not inspected
//! inline, but a sample of sheets is measured per roll.
//!
//! An open knife clearance (a fault) adds a fixed burr on every sheet: burrs high while the
//! blade counter is low point at it rather than at the blade.
//!
//! The blade counter warns before burrs reach the limit: at the present speed the mean burr
//! reaches it at wear `w* = (limit - burr_fresh - k_v speed) / burr_wear`; from
//! `BLADE_WARNING_SHARE` of that on, the blade readout says "change soon" (past it, "worn
//! out"), and a worn blade is a right diagnosis whether or not a fault was injected.

use serde::{Deserialize, Serialize};

use crate::alarms::AlarmPriority;
use crate::controls::{ControlDef, ReadoutDef};
use crate::faults::{ActiveFault, Fault, FaultKind};
use crate::input::{FieldPath, Issues};
use crate::product::{SheetLot, cause_key};
use crate::rng;
use crate::stations::{CycleContext, CycleReport, ProcessAlarm, Removal, StationModel, check_range, has_fault};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

/// Sheets measured for burr per roll.
pub const BURR_SAMPLE_SHEETS: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slitter {
    pub speed_m_per_min: f64,
    pub lanes: u32,
    pub sheet_length_m: f64,
    /// Trim cut from each edge, m.
    pub edge_trim_m: f64,
    /// Metres a blade cuts before it is worn out.
    pub blade_life_m: f64,
    /// Blade wear, fraction of its life used (state; a blade change resets it).
    #[serde(default)]
    pub blade_wear_frac: f64,
    #[serde(default)]
    pub model: SlitterModel,
    #[serde(default)]
    pub last: Option<SlitterReading>,
}

/// Burr model constants ([D]: tune per blade and foil).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlitterModel {
    pub burr_fresh_um: f64,
    pub burr_full_wear_um: f64,
    pub burr_per_speed_um_per_m_per_min: f64,
    /// Scatter of burr height sheet to sheet, fraction.
    pub burr_scatter_frac: f64,
    pub burr_limit_um: f64,
}

impl Default for SlitterModel {
    fn default() -> Self {
        Self {
            burr_fresh_um: 2.0,
            burr_full_wear_um: 14.0,
            burr_per_speed_um_per_m_per_min: 0.04,
            burr_scatter_frac: 0.15,
            burr_limit_um: 10.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlitterReading {
    pub sheets: u64,
    pub removed_m: f64,
    pub sample_max_burr_um: f64,
}

/// Share of the wear at which burrs reach the limit from which the blade counter warns.
const BLADE_WARNING_SHARE: f64 = 0.8;

impl Slitter {
    /// Blade wear at which the mean burr reaches the limit at the present speed.
    pub fn wear_at_burr_limit(&self) -> f64 {
        let m = &self.model;
        ((m.burr_limit_um - m.burr_fresh_um - m.burr_per_speed_um_per_m_per_min * self.speed_m_per_min)
            / m.burr_full_wear_um.max(1e-9))
        .max(0.0)
    }

    /// Whether the blade counter is in its warning band.
    pub fn blade_near_limit(&self) -> bool {
        self.blade_wear_frac >= BLADE_WARNING_SHARE * self.wear_at_burr_limit()
    }

    /// Mean burr height at wear `wear` and the present speed, um.
    pub fn mean_burr_um(&self, wear: f64) -> f64 {
        let m = &self.model;
        m.burr_fresh_um + m.burr_full_wear_um * wear.min(2.0) + m.burr_per_speed_um_per_m_per_min * self.speed_m_per_min
    }
}

impl StationModel for Slitter {
    const LABEL: &'static str = "slitter / notcher";
    const QUANTITY_UNIT: &'static str = "m";
    const INPUT: Option<ProductKind> = Some(ProductKind::Roll);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Sheets);
    const CONTROLS: &'static [ControlDef<Self>] = &[ControlDef::new(
        "speed_m_per_min",
        "Cutting speed",
        "m/min",
        (5.0, 120.0, 1.0),
        |s, _| s.speed_m_per_min,
        |s, _, v| s.speed_m_per_min = v,
    )];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("blade_wear_pct", "Blade counter (life used)", "%", |s, _| Some(100.0 * s.blade_wear_frac)),
        ReadoutDef::number("blade_limit_pct", "Burrs reach the limit at (this speed)", "%", |s, _| {
            Some(100.0 * s.wear_at_burr_limit())
        }),
        ReadoutDef::text("blade_status", "Blade", |s, _| {
            Some(Message::new(if s.blade_wear_frac >= s.wear_at_burr_limit() {
                "word-slitter-blade-worn-out"
            } else if s.blade_near_limit() {
                "word-slitter-blade-change-soon"
            } else {
                "word-slitter-blade-ok"
            }))
        }),
        ReadoutDef::number("sheets", "Sheets, last roll", "sheets", |s, _| s.last.as_ref().map(|l| l.sheets as f64)),
        ReadoutDef::number("removed_m", "Flagged metres cut out", "m", |s, _| s.last.as_ref().map(|l| l.removed_m)),
        ReadoutDef::number("sample_max_burr_um", "Burr, sample of 5 sheets (max)", "um", |s, _| {
            s.last.as_ref().map(|l| l.sample_max_burr_um)
        }),
    ];

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        check_range(issues, path, "speed_m_per_min", self.speed_m_per_min, 1.0, 200.0, "m/min");
        check_range(issues, path, "lanes", self.lanes as f64, 1.0, 20.0, "");
        check_range(issues, path, "sheet_length_m", self.sheet_length_m, 0.01, 2.0, "m");
        check_range(issues, path, "edge_trim_m", self.edge_trim_m, 0.0, 0.2, "m");
        check_range(issues, path, "blade_life_m", self.blade_life_m, 10.0, 1e7, "m");
        check_range(issues, path, "blade_wear_frac", self.blade_wear_frac, 0.0, 10.0, "");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Roll(roll) = &unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let length_m = roll.length_m();
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(60.0 * length_m / self.speed_m_per_min),
            quantity: length_m,
            ..Default::default()
        };
        if let Some(f) = has_fault(ctx.faults, |f| matches!(f, Fault::BladeDamage { .. }))
            && let Fault::BladeDamage { wear_frac } = f.fault
        {
            self.blade_wear_frac = self.blade_wear_frac.max(wear_frac);
        }
        // An open knife clearance adds burr on every sheet, whatever the blade's wear.
        let clearance_um = match has_fault(ctx.faults, |f| matches!(f, Fault::KnifeClearance { .. })) {
            Some(ActiveFault { fault: Fault::KnifeClearance { extra_burr_um }, .. }) => *extra_burr_um,
            _ => 0.0,
        };
        let trim_frac = (2.0 * self.edge_trim_m / roll.coated_width_m).clamp(0.0, 1.0);
        let lane_width = roll.coated_width_m * (1.0 - trim_frac) / self.lanes as f64;
        let sheets_per_m = self.lanes as f64 / self.sheet_length_m;
        let mut lot = SheetLot {
            recipe_name: roll.recipe.name.clone(),
            sheet_length_m: self.sheet_length_m,
            sheet_width_m: lane_width,
            sheets: 0,
            solids_kg: 0.0,
            sheets_over_burr_limit: 0,
            max_burr_um: 0.0,
            mean_burr_um: 0.0,
            latent_defects: Vec::new(),
            mean_loading_mg_per_cm2: 0.0,
            mean_porosity_frac: 0.0,
            mean_thickness_um: 0.0,
            areal_capacity_mah_per_cm2: 0.0,
            cut_at: here,
            electrolyte: None,
            anode: None,
            moisture_exposure_ppmv_h: 0.0,
            passport: roll.passport.clone(),
            cell_defects: Vec::new(),
        };
        let mut removed_m = 0.0;
        let mut burr_sum = 0.0;
        let mut sheet_metres = 0.0;
        let mut carry = 0.0; // fractional sheets carried between metres
        let mut sample = Vec::with_capacity(BURR_SAMPLE_SHEETS);
        let scatter = self.model.burr_scatter_frac;
        for seg in &roll.segments {
            let flagged: Vec<_> = seg.defects.iter().filter(|d| d.detected).collect();
            if let Some(first) = flagged.first() {
                report.removed.push(Removal {
                    origin: first.origin,
                    cause: cause_key(first.kind, &first.cause),
                    quantity: seg.length_m,
                    quantity_unit: "m".into(),
                    solids_kg: seg.solids_kg,
                });
                removed_m += seg.length_m;
                self.blade_wear_frac += seg.length_m / self.blade_life_m;
                continue;
            }
            let trim = seg.solids_kg * trim_frac;
            if trim > 0.0 {
                report.removed.push(Removal {
                    origin: here,
                    cause: "planned-edge-trim".into(),
                    quantity: seg.length_m,
                    quantity_unit: "m".into(),
                    solids_kg: trim,
                });
            }
            lot.solids_kg += seg.solids_kg - trim;
            carry += seg.length_m * sheets_per_m;
            let n = libm::floor(carry) as u64;
            carry -= n as f64;
            let mean = self.mean_burr_um(self.blade_wear_frac) + clearance_um;
            for _ in 0..n {
                let burr = (mean * (1.0 + rng::normal(ctx.rng, 0.0, scatter))).max(0.0);
                burr_sum += burr;
                lot.max_burr_um = lot.max_burr_um.max(burr);
                if burr > self.model.burr_limit_um {
                    lot.sheets_over_burr_limit += 1;
                }
                if sample.len() < BURR_SAMPLE_SHEETS && lot.sheets.is_multiple_of(200) {
                    sample.push(burr);
                }
                lot.sheets += 1;
            }
            for d in &seg.defects {
                match lot.latent_defects.iter_mut().find(|(k, _)| *k == d.kind) {
                    Some((_, c)) => *c += n,
                    None => lot.latent_defects.push((d.kind, n)),
                }
            }
            lot.mean_loading_mg_per_cm2 += seg.loading_mg_per_cm2 * seg.length_m;
            lot.mean_porosity_frac += seg.porosity_frac * seg.length_m;
            lot.mean_thickness_um += seg.thickness_um * seg.length_m;
            sheet_metres += seg.length_m;
            self.blade_wear_frac += seg.length_m / self.blade_life_m;
        }
        lot.latent_defects.sort_by_key(|(k, _)| *k);
        if sheet_metres > 0.0 {
            lot.mean_loading_mg_per_cm2 /= sheet_metres;
            lot.mean_porosity_frac /= sheet_metres;
            lot.mean_thickness_um /= sheet_metres;
            lot.areal_capacity_mah_per_cm2 =
                lot.mean_loading_mg_per_cm2 * roll.recipe.active_frac * roll.recipe.specific_capacity_mah_per_g
                    / 1000.0;
        }
        if lot.sheets > 0 {
            lot.mean_burr_um = burr_sum / lot.sheets as f64;
        }
        // Sheets over the burr limit leave this station as a defect of its own making.
        if lot.sheets_over_burr_limit > 0 {
            let metres = lot.sheets_over_burr_limit as f64 / sheets_per_m;
            let burr_cause = if clearance_um > 0.0 { "burr-from-knife-clearance" } else { "burr-above-limit" };
            report.add_defective(burr_cause, metres);
        }
        // The remnant fraction of a sheet at the roll end is trim too.
        if carry > 0.0 && lot.sheets > 0 {
            let remnant = lot.solids_kg * carry / (lot.sheets as f64 + carry);
            lot.solids_kg -= remnant;
            report.removed.push(Removal {
                origin: here,
                cause: "planned-roll-end-remnant".into(),
                quantity: carry / sheets_per_m,
                quantity_unit: "m".into(),
                solids_kg: remnant,
            });
        }
        let sample_max_burr_um = sample.iter().cloned().fold(0.0, f64::max) * (1.0 + rng::normal(ctx.rng, 0.0, 0.03));
        if sample_max_burr_um > self.model.burr_limit_um {
            report.alarms.push(ProcessAlarm::new(
                "burr",
                AlarmPriority::Medium,
                Message::new("alarm-slitter-burr").number("burr", sample_max_burr_um, 1).number(
                    "limit",
                    self.model.burr_limit_um,
                    0,
                ),
            ));
        }
        self.last = Some(SlitterReading { sheets: lot.sheets, removed_m, sample_max_burr_um });
        unit.payload = Payload::Sheets(lot);
        report
    }

    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        match fault {
            Fault::BladeDamage { .. } | Fault::KnifeClearance { .. } => Ok(()),
            _ => Self::refuse_fault(fault),
        }
    }

    /// A blade in the counter's warning band is worn, injected or not.
    fn shows(&self, fault: FaultKind) -> bool {
        fault == FaultKind::BladeDamage && self.blade_near_limit()
    }

    /// Maintenance changes the blade.
    fn maintained(&mut self) {
        self.blade_wear_frac = 0.0;
    }
}

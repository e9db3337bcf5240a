//! End-of-line tester: every cell's capacity, DC resistance and open-circuit voltage, with
//! the K-value from aging, graded A / B / reject by thresholds the trainee sets; the grade
//! goes into the passport and rejects leave the line.
//!
//! The test runs on the cell's own equivalent circuit ([`super::cell_ecm`]) from the state
//! of charge aging left it at: CC-CV charge to 4.2 V (C/2, to C/20), a rest, a 1C discharge
//! to 3.0 V (the capacity), a C/2 recharge to half charge, a rest and a 10 s, 1C pulse (the
//! DCIR, reference section 10), at the test room's temperature with the lumped thermal
//! model. Testers work in parallel: a cell holds the station for its test time over the
//! number of testers.

use serde::{Deserialize, Serialize};

use super::cell_ecm;
use crate::alarms::AlarmPriority;
use crate::cell::{Cell, EndOfLine, Grade};
use crate::controls::{ControlDef, ReadoutDef};
use crate::electrochem::ecm::EcmCell;
use crate::electrochem::protocol::{self, Step};
use crate::electrochem::run::{RunOptions, run};
use crate::input::{FieldPath, Issues};
use crate::stations::{ChannelTrace, CycleContext, CycleReport, ProcessAlarm, StationModel, check_range};
use crate::text::Message;
use crate::time::secs_to_ms;
use crate::unit::{Payload, ProductKind, Unit};

/// [`TEST_PROTOCOL`], parsed once.
pub fn test_steps() -> &'static [Step] {
    static STEPS: std::sync::OnceLock<Vec<Step>> = std::sync::OnceLock::new();
    STEPS.get_or_init(|| protocol::parse(&TEST_PROTOCOL).unwrap_or_default())
}

/// The test protocol, in the grammar of [`crate::electrochem::protocol`].
pub const TEST_PROTOCOL: [&str; 7] = [
    "Charge at 0.5C until 4.2 V",
    "Hold at 4.2 V until C/20",
    "Rest for 30 minutes",
    "Discharge at 1C until 3.0 V",
    "Charge at 0.5C for 1 hour",
    "Rest for 30 minutes",
    "Discharge at 1C for 10 seconds",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EolTester {
    /// Test channels working in parallel.
    pub testers: u32,
    pub min_capacity_a_ah: f64,
    pub min_capacity_b_ah: f64,
    pub max_dcir_a_mohm: f64,
    pub max_dcir_b_mohm: f64,
    pub max_k_a_mv_per_day: f64,
    pub max_k_b_mv_per_day: f64,
    /// Test room temperature, degC.
    #[serde(default = "room")]
    pub test_temp_degc: f64,
    #[serde(default)]
    pub last: Option<EndOfLine>,
    /// Cells graded A, B and rejected.
    #[serde(default)]
    pub graded: [u64; 3],
    /// Grades of the most recent cells (0 A, 1 B, 2 reject), oldest first, at most
    /// [`RECENT`].
    #[serde(default)]
    pub recent: Vec<u8>,
    /// The channel screens of the most recent cells, at most [`super::SCREENS`].
    #[serde(default)]
    pub screens: Vec<ChannelTrace>,
}

fn room() -> f64 {
    25.0
}

/// Cells the reject-rate alarm looks back over.
pub const RECENT: usize = 20;

/// What the tester measures on one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub capacity_ah: f64,
    pub dcir_mohm: f64,
    pub ocv_v: f64,
    pub test_time_s: f64,
    /// The test's `[h, V, A]` for a channel screen.
    pub trace: Vec<[f64; 3]>,
}

/// Runs the end-of-line test on `cell`'s equivalent circuit at `temp_degc`.
pub fn measure(cell: &Cell, steps: &[Step], temp_degc: f64) -> Measurement {
    let ecm = cell_ecm(cell);
    let soc = 0.5
        - cell.aging.as_ref().map_or(0.0, |a| {
            (a.ocv_start_v - a.ocv_end_v).max(0.0) * ecm.dq_dv_ah_per_v(0.5) / ecm.capacity_ah.max(1e-9)
        });
    let mut model = EcmCell::new(ecm, soc);
    // The circuit's RC pairs are stepped exactly, so it takes minute-long steps at 1C.
    let options = RunOptions {
        ambient_k: temp_degc + 273.15,
        max_dt_s: 300.0,
        dt_at_1c_s: 60.0,
        first_dt_s: 10.0,
        crossing_tolerance_s: 1.0,
        ..RunOptions::default()
    };
    let result = run(&mut model, steps, &options);
    let voltage_at = |step: usize| {
        result.steps.get(step).and_then(|s| result.samples.get(s.last_sample)).map_or(0.0, |s| s.voltage_v)
    };
    let capacity_ah = result.steps.get(3).map_or(0.0, |s| s.charge_ah.max(0.0));
    let pulse_a = result.samples.last().map_or(0.0, |s| s.current_a);
    let dcir_mohm = if pulse_a > 0.0 { 1000.0 * (voltage_at(5) - voltage_at(6)) / pulse_a } else { 0.0 };
    Measurement {
        capacity_ah,
        dcir_mohm,
        ocv_v: voltage_at(5),
        test_time_s: result.steps.iter().map(|s| s.duration_s).sum(),
        trace: super::screen_points(&result),
    }
}

impl EolTester {
    /// The grade of a cell with these results under the present thresholds.
    pub fn grade(&self, capacity_ah: f64, dcir_mohm: f64, k_mv_per_day: f64) -> Grade {
        if capacity_ah >= self.min_capacity_a_ah
            && dcir_mohm <= self.max_dcir_a_mohm
            && k_mv_per_day <= self.max_k_a_mv_per_day
        {
            Grade::A
        } else if capacity_ah >= self.min_capacity_b_ah
            && dcir_mohm <= self.max_dcir_b_mohm
            && k_mv_per_day <= self.max_k_b_mv_per_day
        {
            Grade::B
        } else {
            Grade::Reject
        }
    }

    /// Share of the graded cells that made grade A, %.
    pub fn yield_a_pct(&self) -> Option<f64> {
        let total: u64 = self.graded.iter().sum();
        (total > 0).then(|| 100.0 * self.graded[0] as f64 / total as f64)
    }

    /// Which threshold a rejected cell failed first (for its cause when it carries no
    /// defect).
    fn failed_test(&self, capacity_ah: f64, dcir_mohm: f64) -> &'static str {
        if capacity_ah < self.min_capacity_b_ah {
            "below-the-capacity-threshold"
        } else if dcir_mohm > self.max_dcir_b_mohm {
            "above-the-resistance-threshold"
        } else {
            "above-the-k-value-threshold"
        }
    }
}

fn grade_word(grade: Grade) -> Message {
    Message::new(match grade {
        Grade::A => "word-eol-grade-a",
        Grade::B => "word-eol-grade-b",
        Grade::Reject => "word-eol-grade-reject",
    })
}

macro_rules! threshold {
    ($name:literal, $label:literal, $unit:literal, $range:expr, $field:ident) => {
        ControlDef::new($name, $label, $unit, $range, |s, _| s.$field, |s, _, v| s.$field = v)
    };
}

impl StationModel for EolTester {
    const LABEL: &'static str = "end-of-line tester";
    const INPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const OUTPUT: Option<ProductKind> = Some(ProductKind::Cell);
    const QUANTITY_UNIT: &'static str = "cells";
    const CONTROLS: &'static [ControlDef<Self>] = &[
        threshold!("min_capacity_a_ah", "Grade A: capacity at least", "Ah", (0.0, 100.0, 0.1), min_capacity_a_ah),
        threshold!("max_dcir_a_mohm", "Grade A: DCIR at most", "mohm", (0.1, 50.0, 0.1), max_dcir_a_mohm),
        threshold!("max_k_a_mv_per_day", "Grade A: K-value at most", "mV/d", (0.05, 20.0, 0.05), max_k_a_mv_per_day),
        threshold!("min_capacity_b_ah", "Grade B: capacity at least", "Ah", (0.0, 100.0, 0.1), min_capacity_b_ah),
        threshold!("max_dcir_b_mohm", "Grade B: DCIR at most", "mohm", (0.1, 50.0, 0.1), max_dcir_b_mohm),
        threshold!("max_k_b_mv_per_day", "Grade B: K-value at most", "mV/d", (0.05, 20.0, 0.05), max_k_b_mv_per_day),
    ];
    const READOUTS: &'static [ReadoutDef<Self>] = &[
        ReadoutDef::number("capacity_ah", "Capacity at 1C (last cell)", "Ah", |s, _| {
            s.last.as_ref().map(|l| l.capacity_ah)
        }),
        ReadoutDef::number("dcir_mohm", "DCIR, 10 s pulse (last cell)", "mohm", |s, _| {
            s.last.as_ref().map(|l| l.dcir_mohm)
        }),
        ReadoutDef::number("ocv_v", "OCV (last cell)", "V", |s, _| s.last.as_ref().map(|l| l.ocv_v)),
        ReadoutDef::number("k_mv_per_day", "K-value from aging (last cell)", "mV/d", |s, _| {
            s.last.as_ref().map(|l| l.k_mv_per_day)
        }),
        ReadoutDef::text("grade", "Grade (last cell)", |s, _| s.last.as_ref().map(|l| grade_word(l.grade))),
        ReadoutDef::number("graded_a", "Cells graded A", "cells", |s, _| Some(s.graded[0] as f64)),
        ReadoutDef::number("graded_b", "Cells graded B", "cells", |s, _| Some(s.graded[1] as f64)),
        ReadoutDef::number("rejected", "Cells rejected", "cells", |s, _| Some(s.graded[2] as f64)),
        ReadoutDef::number("yield_a_pct", "Grade A yield", "%", |s, _| s.yield_a_pct()),
    ];

    fn channel_traces(&self) -> &[ChannelTrace] {
        &self.screens
    }

    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        if !(1..=100_000).contains(&self.testers) {
            issues.push(path.clone().field("testers"), "an end-of-line tester has 1 to 100000 channels");
        }
        check_range(issues, path, "min_capacity_a_ah", self.min_capacity_a_ah, 0.0, 1e4, "Ah");
        check_range(issues, path, "min_capacity_b_ah", self.min_capacity_b_ah, 0.0, 1e4, "Ah");
        check_range(issues, path, "max_dcir_a_mohm", self.max_dcir_a_mohm, 0.0, 1e4, "mohm");
        check_range(issues, path, "max_dcir_b_mohm", self.max_dcir_b_mohm, 0.0, 1e4, "mohm");
        check_range(issues, path, "max_k_a_mv_per_day", self.max_k_a_mv_per_day, 0.0, 1e3, "mV/d");
        check_range(issues, path, "max_k_b_mv_per_day", self.max_k_b_mv_per_day, 0.0, 1e3, "mV/d");
        check_range(issues, path, "test_temp_degc", self.test_temp_degc, 0.0, 60.0, "degC");
    }

    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        let Payload::Cell(cell) = &mut unit.payload else {
            return CycleReport { cycle_time_ms: 1, ..Default::default() };
        };
        let here = ctx.station;
        let m = measure(cell, test_steps(), self.test_temp_degc);
        let k = cell.aging.as_ref().map_or(0.0, |a| a.k_mv_per_day);
        let tested: u64 = self.graded.iter().sum();
        let trace = ChannelTrace {
            channel: (tested % self.testers.max(1) as u64) as u32 + 1,
            unit: unit.id,
            points: m.trace.clone(),
        };
        super::keep_screen(&mut self.screens, trace);
        let grade = self.grade(m.capacity_ah, m.dcir_mohm, k);
        let mut report = CycleReport {
            cycle_time_ms: secs_to_ms(m.test_time_s / self.testers.max(1) as f64),
            quantity: 1.0,
            ..Default::default()
        };
        if grade == Grade::Reject {
            // A reject is booked under its root cause when the cell carries one.
            report.scrap_unit = Some(match cell.defects.first() {
                Some(d) => (d.origin, crate::cell::cause_key(d.kind, &d.cause)),
                None => (here, format!("gradedout/{}", self.failed_test(m.capacity_ah, m.dcir_mohm))),
            });
        }
        let eol =
            EndOfLine { capacity_ah: m.capacity_ah, dcir_mohm: m.dcir_mohm, ocv_v: m.ocv_v, k_mv_per_day: k, grade };
        let index = match grade {
            Grade::A => 0,
            Grade::B => 1,
            Grade::Reject => 2,
        };
        self.graded[index] += 1;
        self.recent.push(index as u8);
        if self.recent.len() > RECENT {
            self.recent.remove(0);
        }
        let rejects = self.recent.iter().filter(|g| **g == 2).count();
        if self.recent.len() >= RECENT / 2 && rejects * 5 > self.recent.len() {
            report.alarms.push(ProcessAlarm::new(
                "rejects",
                AlarmPriority::Medium,
                Message::new("alarm-eol-rejects")
                    .count("rejects", rejects as u64)
                    .count("cells", self.recent.len() as u64),
            ));
        }
        self.last = Some(eol.clone());
        cell.end_of_line = Some(eol);
        report
    }
}

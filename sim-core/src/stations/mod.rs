//! Station kinds: what each station does to a unit, how long it takes, what it publishes.
//!
//! Every station shares the equipment state machine and flow rules of [`crate::line`]; a kind
//! decides, when a cycle starts, how long it takes and what it does to the unit (the physics),
//! and publishes its controls and readouts. One module per kind, grouped by plant area
//! (`electrode/`), each implementing [`StationModel`]; `registry.rs` lists the kinds (one
//! line each) and generates the [`StationKind`] enum that layout files name. Shared code
//! only ever calls a kind through [`Station`], never by name.
//!
//! Most kinds latch their settings when a unit (a batch, a roll) starts; a change made while
//! a roll runs applies from the next roll, and faults that develop with time (roll gap
//! drift) are evaluated metre by metre. A *continuous* kind (the coater and dryer, which
//! share one moving web) works on its unit metre by metre instead: the line asks it to
//! [`StationModel::replan`] the rest of the unit when a setpoint changes, a fault appears or
//! clears, or it runs again after standing still, and lets it [`StationModel::observe`] the
//! metre under its gauges as plant time passes.

pub mod assembly;
pub mod electrode;
pub mod finishing;
mod fixed_cycle;
pub mod generic;
pub mod lab;
mod registry;

use serde::{Deserialize, Serialize};

use crate::controls::{self, ControlDef, ControlSpec, Readout, ReadoutDef};
use crate::faults::{ActiveFault, Fault, FaultKind};
use crate::input::{FieldPath, Issues};
use crate::rng::Stream;
use crate::unit::{ProductKind, Unit};

pub use fixed_cycle::FixedCycle;
pub use registry::StationKind;

/// Why the line asks a continuous kind to re-plan the unit it is working on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replan {
    /// An operator changed a setpoint.
    Setpoint,
    /// A fault appeared, or maintenance cleared the faults.
    Faults,
    /// The station runs again after standing still mid-unit (held by its web, down, in
    /// maintenance): the coating bead has to form again.
    Restart,
    /// A utility's own clock struck (see [`StationModel::wake_at_ms`]).
    Wake,
}

/// What a cycle needs besides the unit.
pub struct CycleContext<'a> {
    /// Index of this station in the line.
    pub station: u16,
    pub now_ms: u64,
    pub rng: &'a mut Stream,
    pub faults: &'a [ActiveFault],
    /// Moisture in the room the station stands in, ppmv (none outside a dry room or
    /// glovebox).
    pub room_ppmv: Option<f64>,
    /// The utility (dry room, glovebox) whose room the station stands in.
    pub room: Option<u16>,
}

/// Material taken out of a unit during a cycle (cut-out metres, edge trim).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// Station where the root cause lies.
    pub origin: u16,
    pub cause: String,
    pub quantity: f64,
    pub quantity_unit: String,
    pub solids_kg: f64,
}

/// What a cycle did, decided when it starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CycleReport {
    pub cycle_time_ms: u64,
    /// Quantity processed (metres, litres, units).
    pub quantity: f64,
    /// Energy the cycle uses, kWh.
    pub energy_kwh: f64,
    /// Quantity that left with a defect arising at this station, by cause.
    pub defective: Vec<(String, f64)>,
    pub removed: Vec<Removal>,
    /// Scrap the whole unit at the end of the cycle: (origin station, cause).
    pub scrap_unit: Option<(u16, String)>,
    /// The unit went into the station's stock (a stacker taking a lot of sheets): nothing
    /// leaves this cycle, and the stock makes later units (see `StationModel::has_stock`).
    pub absorbed: bool,
    /// Process alarm conditions true for this unit (raised now, cleared once absent).
    pub alarms: Vec<ProcessAlarm>,
}

/// How a cycle starts, as a kind reports it to the line (see
/// [`StationModel::start_cycle_quick`]).
#[derive(Clone, Debug, PartialEq)]
pub enum CycleStart {
    /// A cycle that only takes time: one unit of quantity in, no energy, no defect, nothing
    /// removed, no scrap, no alarm condition (the report `into_report` gives). Most cycles of
    /// a simple station are this, and the line books them without building a report.
    Plain { cycle_time_ms: u64 },
    /// Anything else.
    Report(CycleReport),
}

impl CycleStart {
    /// The cycle's time.
    pub fn cycle_time_ms(&self) -> u64 {
        match self {
            Self::Plain { cycle_time_ms } => *cycle_time_ms,
            Self::Report(report) => report.cycle_time_ms,
        }
    }

    /// The full report of the cycle.
    pub fn into_report(self) -> CycleReport {
        match self {
            Self::Plain { cycle_time_ms } => CycleReport { cycle_time_ms, quantity: 1.0, ..Default::default() },
            Self::Report(report) => report,
        }
    }
}

/// One test channel's voltage and current over the test of the cell on it: what a test
/// rack's channel screen shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelTrace {
    /// Channel number on the rack, from 1.
    pub channel: u32,
    /// The unit (cell) tested on it.
    pub unit: u64,
    /// `[hours from the test's start, voltage V, current A (positive on discharge)]`.
    pub points: Vec<[f64; 3]>,
}

/// A process alarm condition a station reports, e.g. a zone temperature deviation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessAlarm {
    /// Short tag, unique within the station (`zone3_temp_low`).
    pub tag: String,
    pub priority: crate::alarms::AlarmPriority,
    pub message: crate::text::Message,
}

impl ProcessAlarm {
    pub fn new(tag: &str, priority: crate::alarms::AlarmPriority, message: crate::text::Message) -> Self {
        Self { tag: tag.into(), priority, message }
    }
}

impl CycleReport {
    pub fn add_defective(&mut self, cause: &str, quantity: f64) {
        match self.defective.iter_mut().find(|(c, _)| c == cause) {
            Some((_, q)) => *q += quantity,
            None => self.defective.push((cause.to_string(), quantity)),
        }
    }
}

/// Pushes an issue unless `value` is finite and inside `[min, max]`.
pub(crate) fn check_range(
    issues: &mut Issues,
    path: &FieldPath,
    field: &str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) {
    if !(value.is_finite() && value >= min && value <= max) {
        issues.push(path.clone().field(field), format!("{field} must be between {min} and {max} {unit}, got {value}"));
    }
}

/// Whether `faults` holds a fault matching `pred`.
pub(crate) fn has_fault(faults: &[ActiveFault], pred: impl Fn(&Fault) -> bool) -> Option<&ActiveFault> {
    faults.iter().find(|f| pred(&f.fault))
}

/// A material lot change at a station that takes raw materials (binder viscosity and
/// dispersibility of the new lot, as factors on the present lot's).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LotChange {
    pub binder_viscosity_factor: f64,
    pub dispersion_factor: f64,
}

/// What a station kind is: implemented once per kind, in the kind's own module.
///
/// Controls and readouts are declared once, in the `CONTROLS` and `READOUTS` tables (name,
/// label, unit, range, step and how each is read and set); the line, the scenario validator
/// and the game all work from those tables.
pub trait StationModel: Sized + 'static {
    /// Short name of the kind, for display ("slot-die coater").
    const LABEL: &'static str;
    /// Unit of the quantities the station reports ("m", "L", "units").
    const QUANTITY_UNIT: &'static str = "units";
    /// Operator controls.
    const CONTROLS: &'static [ControlDef<Self>] = &[];
    /// Readouts: live gauges and what was measured on the last unit.
    const READOUTS: &'static [ReadoutDef<Self>] = &[];
    /// The product this kind needs at its input (`None`: anything, or nothing for a source).
    const INPUT: Option<ProductKind> = None;
    /// The product this kind makes (`None`: what it was given; a part for a source).
    const OUTPUT: Option<ProductKind> = None;

    /// Checks the kind's parameters as written in a layout; `path` points at `kind`.
    fn validate(&self, path: &FieldPath, issues: &mut Issues);
    /// Whether the kind may have input buffers at all (`false`: always a source).
    fn takes_input(&self) -> bool {
        true
    }
    /// Whether the kind is a utility of its area (a dry room) rather than a step of the
    /// flow: it takes and makes no units, runs all the time, and can have faults and
    /// maintenance.
    const UTILITY: bool = false;
    /// Whether the kind can make its next unit from its own stock without taking one from
    /// its input (a stacker with enough sheets for a cell). The line then hands
    /// `start_cycle` a fresh unit.
    fn has_stock(&self) -> bool {
        false
    }
    /// Dry solids held in the kind's stock, kg (part of the line's material in process).
    fn stock_solids_kg(&self) -> f64 {
        0.0
    }
    /// Moisture in the room this utility keeps, at plant time `now_ms`, ppmv (a dry room).
    fn room_ppmv(&self, _now_ms: u64) -> Option<f64> {
        None
    }
    /// When a continuous utility wants the line to [`Self::replan`] it next
    /// ([`Replan::Wake`]): its own clock, such as a glovebox controller polling its
    /// analysers. `None`: only on setpoints and faults.
    fn wake_at_ms(&self) -> Option<u64> {
        None
    }
    /// Whether this kind can suffer `fault` (the fault's own numbers are already checked);
    /// `Err` says why not.
    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        Self::refuse_fault(fault)
    }
    /// The refusal of a fault this kind cannot have (for `accepts_fault`'s other arms).
    fn refuse_fault(fault: &Fault) -> Result<(), String> {
        Err(format!("a {} cannot have a {}", Self::LABEL, fault.label()))
    }
    /// Whether the station's own state shows `fault` whether or not anyone injected it (a
    /// blade worn out by use is a worn blade): a diagnosis of it is then right.
    fn shows(&self, _fault: FaultKind) -> bool {
        false
    }
    /// Starts a cycle on `unit`: applies the physics, returns the cycle's time and report.
    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport;
    /// [`Self::start_cycle`] as the line calls it: a kind whose cycles are mostly plain time
    /// (a generic station that scraps one unit in a hundred) says so with
    /// [`CycleStart::Plain`], which the line books without a report. Must do exactly what
    /// `start_cycle` does (the same draws, the same report once `into_report`).
    fn start_cycle_quick(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleStart {
        CycleStart::Report(self.start_cycle(unit, ctx))
    }
    /// Whether every cycle of this kind is a [`FixedCycle`] (its `start_cycle_quick` is
    /// `FixedCycle::start`, it keeps no stock, takes no faults that change its cycle): the
    /// line may then run it on its fixed-cycle fast path. `None` (the default): never.
    fn fixed_cycle(&self) -> Option<FixedCycle> {
        None
    }
    /// Whether this kind works on its unit metre by metre (see the module documentation):
    /// the line then calls [`Self::replan`] and [`Self::observe`].
    const CONTINUOUS: bool = false;
    /// Re-plans the rest of the unit in process, `done_ms` of operating time into its cycle
    /// (`unit` is `None` between units, when only the station's own state changes, such as a
    /// dryer zone heating towards a new setpoint). Returns the report of the whole cycle as
    /// it now stands (it replaces the one booked when the cycle started; its
    /// `cycle_time_ms` is the new total), or `None` when the plan stands.
    fn replan(
        &mut self,
        _unit: Option<&mut Unit>,
        _done_ms: u64,
        _why: Replan,
        _ctx: &mut CycleContext,
    ) -> Option<CycleReport> {
        None
    }
    /// Updates the live readouts for plant time `now_ms`, `done_ms` into the cycle of `unit`.
    /// A pure function of the station's state and the times: calling it once or many times
    /// leaves the same state (the kernel calls it after every step).
    fn observe(&mut self, _unit: Option<&Unit>, _now_ms: u64, _done_ms: u64) {}
    /// Maintenance done: the line clears faults; the kind resets what maintenance renews.
    fn maintained(&mut self) {}
    /// A new material lot arrives (`Err`: this kind takes no raw materials, or bad factors).
    fn change_lot(&mut self, _lot: &LotChange) -> Result<(), String> {
        Err(format!("a {} takes no material lots; lots change at the mixer", Self::LABEL))
    }
    /// Whether [`Self::change_lot`] applies to this kind.
    fn takes_lots(&self) -> bool {
        false
    }
    /// The channel screens of a test rack: its most recent cells' voltage and current.
    fn channel_traces(&self) -> &[ChannelTrace] {
        &[]
    }
    /// The last powder pattern of a diffractometer, its peaks labelled.
    fn diffractogram(&self) -> Option<&lab::diffractometer::Diffractogram> {
        None
    }
}

/// The object-safe face of a [`StationModel`], which shared code calls.
pub trait Station {
    fn label(&self) -> &'static str;
    fn quantity_unit(&self) -> &'static str;
    fn validate(&self, path: &FieldPath, issues: &mut Issues);
    fn input_product(&self) -> Option<ProductKind>;
    fn takes_input(&self) -> bool;
    fn output_product(&self, input: Option<ProductKind>) -> ProductKind;
    fn accepts_fault(&self, fault: &Fault) -> Result<(), String>;
    fn shows(&self, fault: FaultKind) -> bool;
    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport;
    fn is_utility(&self) -> bool;
    fn has_stock(&self) -> bool;
    fn stock_solids_kg(&self) -> f64;
    fn room_ppmv(&self, now_ms: u64) -> Option<f64>;
    fn wake_at_ms(&self) -> Option<u64>;
    fn is_continuous(&self) -> bool;
    fn replan(
        &mut self,
        unit: Option<&mut Unit>,
        done_ms: u64,
        why: Replan,
        ctx: &mut CycleContext,
    ) -> Option<CycleReport>;
    fn observe(&mut self, unit: Option<&Unit>, now_ms: u64, done_ms: u64);
    fn maintained(&mut self);
    fn change_lot(&mut self, lot: &LotChange) -> Result<(), String>;
    fn takes_lots(&self) -> bool;
    fn fixed_cycle(&self) -> Option<FixedCycle>;
    fn controls(&self) -> Vec<ControlSpec>;
    /// Sets a control; the caller has checked name and range against [`Self::controls`].
    fn set_control(&mut self, name: &str, value: f64) -> bool;
    fn readouts(&self) -> Vec<Readout>;
    /// The controls' present values by name, without their specs (a passport's settings).
    fn control_values(&self) -> Vec<(controls::Name, f64)>;
    /// The finite numeric readouts by name (a passport's readings).
    fn readout_values(&self) -> Vec<(controls::Name, f64)>;
    /// Names of the numeric readouts this kind can publish (after its first unit).
    fn readout_names(&self) -> Vec<String>;
    fn channel_traces(&self) -> &[ChannelTrace];
    fn diffractogram(&self) -> Option<&lab::diffractometer::Diffractogram>;
}

/// A kind's [`StationModel::start_cycle_quick`], with the cycle time kept at 1 ms or more
/// (what both dispatches to a kind call). Kept out of line on purpose: each kind then writes
/// its report straight into the caller's slot, where inlined arms of the dispatch built it in
/// a temporary and copied it out (8 % of a fast-8 week in `perf`; 12 % faster out of line).
#[inline(never)]
pub(crate) fn start_cycle_of<T: StationModel>(kind: &mut T, unit: &mut Unit, ctx: &mut CycleContext) -> CycleStart {
    match StationModel::start_cycle_quick(kind, unit, ctx) {
        CycleStart::Plain { cycle_time_ms } => CycleStart::Plain { cycle_time_ms: cycle_time_ms.max(1) },
        CycleStart::Report(mut report) => {
            report.cycle_time_ms = report.cycle_time_ms.max(1);
            CycleStart::Report(report)
        }
    }
}

impl<T: StationModel> Station for T {
    fn label(&self) -> &'static str {
        T::LABEL
    }
    fn quantity_unit(&self) -> &'static str {
        T::QUANTITY_UNIT
    }
    fn validate(&self, path: &FieldPath, issues: &mut Issues) {
        StationModel::validate(self, path, issues)
    }
    fn input_product(&self) -> Option<ProductKind> {
        T::INPUT
    }
    fn takes_input(&self) -> bool {
        StationModel::takes_input(self)
    }
    fn output_product(&self, input: Option<ProductKind>) -> ProductKind {
        T::OUTPUT.or(input).unwrap_or(ProductKind::Part)
    }
    fn accepts_fault(&self, fault: &Fault) -> Result<(), String> {
        fault.validate()?;
        StationModel::accepts_fault(self, fault)
    }
    fn shows(&self, fault: FaultKind) -> bool {
        StationModel::shows(self, fault)
    }
    #[inline]
    fn start_cycle(&mut self, unit: &mut Unit, ctx: &mut CycleContext) -> CycleReport {
        start_cycle_of(self, unit, ctx).into_report()
    }
    fn is_utility(&self) -> bool {
        T::UTILITY
    }
    fn has_stock(&self) -> bool {
        StationModel::has_stock(self)
    }
    fn stock_solids_kg(&self) -> f64 {
        StationModel::stock_solids_kg(self)
    }
    fn room_ppmv(&self, now_ms: u64) -> Option<f64> {
        StationModel::room_ppmv(self, now_ms)
    }
    fn wake_at_ms(&self) -> Option<u64> {
        StationModel::wake_at_ms(self)
    }
    fn is_continuous(&self) -> bool {
        T::CONTINUOUS
    }
    fn replan(
        &mut self,
        unit: Option<&mut Unit>,
        done_ms: u64,
        why: Replan,
        ctx: &mut CycleContext,
    ) -> Option<CycleReport> {
        let mut report = StationModel::replan(self, unit, done_ms, why, ctx)?;
        report.cycle_time_ms = report.cycle_time_ms.max(done_ms.saturating_add(1));
        Some(report)
    }
    fn observe(&mut self, unit: Option<&Unit>, now_ms: u64, done_ms: u64) {
        StationModel::observe(self, unit, now_ms, done_ms)
    }
    fn maintained(&mut self) {
        StationModel::maintained(self)
    }
    fn change_lot(&mut self, lot: &LotChange) -> Result<(), String> {
        StationModel::change_lot(self, lot)
    }
    fn takes_lots(&self) -> bool {
        StationModel::takes_lots(self)
    }
    fn fixed_cycle(&self) -> Option<FixedCycle> {
        StationModel::fixed_cycle(self)
    }
    fn controls(&self) -> Vec<ControlSpec> {
        controls::control_specs(T::CONTROLS, self)
    }
    fn set_control(&mut self, name: &str, value: f64) -> bool {
        controls::set_control(T::CONTROLS, self, name, value)
    }
    fn readouts(&self) -> Vec<Readout> {
        controls::readouts(T::READOUTS, self)
    }
    fn readout_names(&self) -> Vec<String> {
        controls::numeric_readout_names(T::READOUTS, self)
    }
    fn control_values(&self) -> Vec<(controls::Name, f64)> {
        controls::control_values(T::CONTROLS, self)
    }
    fn readout_values(&self) -> Vec<(controls::Name, f64)> {
        controls::readout_values(T::READOUTS, self)
    }
    fn channel_traces(&self) -> &[ChannelTrace] {
        StationModel::channel_traces(self)
    }
    fn diffractogram(&self) -> Option<&lab::diffractometer::Diffractogram> {
        StationModel::diffractogram(self)
    }
}

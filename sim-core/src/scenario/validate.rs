//! Semantic checks of a scenario against its line layout: stations, controls, readouts,
//! faults, times and limits, each problem with its field path (`events[3].at_h`).
//!
//! About 440 lines: one check per field of the schema, in the schema's order.

use super::{
    Condition, EventAction, MAX_DURATION_H, MAX_EVENTS, MAX_HINTS, MAX_OBJECTIVES, MAX_QUANTITY, MAX_RANDOM_FAULTS,
    MAX_REPAIR_H, MAX_TICKS, Measure, ObjectiveKind, Scenario,
};
use crate::faults::Fault;
use crate::input::{FieldPath, Issues};
use crate::layout::LineLayout;
use crate::sim::Simulation;

impl Scenario {
    /// Every text a person reads that lacks its Dutch (or has an empty language), with its
    /// field path. A scenario without them still runs (Dutch readers see the English); `twin
    /// check` refuses it, so the catalogue stays bilingual.
    pub fn language_issues(&self) -> Issues {
        let mut issues = Issues::default();
        let root = FieldPath::root();
        self.title.check(root.clone().field("title"), &mut issues);
        self.briefing.check(root.clone().field("briefing"), &mut issues);
        for (i, g) in self.learning_goals.iter().enumerate() {
            g.check(root.clone().field("learning_goals").index(i), &mut issues);
        }
        for (i, e) in self.events.iter().enumerate() {
            if let Some(m) = &e.message {
                m.check(root.clone().field("events").index(i).field("message"), &mut issues);
            }
        }
        for (i, h) in self.hints.iter().enumerate() {
            h.text.check(root.clone().field("hints").index(i).field("text"), &mut issues);
        }
        for (i, o) in self.objectives.iter().enumerate() {
            let path = root.clone().field("objectives").index(i);
            o.title.check(path.clone().field("title"), &mut issues);
            if let Some(m) = &o.failed_message {
                m.check(path.field("failed_message"), &mut issues);
            }
        }
        for (i, l) in self.safety_limits.iter().enumerate() {
            l.reason.check(root.clone().field("safety_limits").index(i).field("reason"), &mut issues);
        }
        for (i, d) in self.debrief.iter().enumerate() {
            d.message.check(root.clone().field("debrief").index(i).field("message"), &mut issues);
        }
        issues
    }

    /// Semantic checks against `layout`; every problem with its field path.
    pub fn validate(&self, layout: &LineLayout) -> Issues {
        let mut v = Validator { layout, issues: Issues::default(), sim: Simulation::new(layout, 0).ok() };
        let root = FieldPath::root();
        if self.id.trim().is_empty() {
            v.issues.push(root.clone().field("id"), "the scenario needs an id");
        } else if !is_plain_id(&self.id) {
            // Results and replays are filed under it.
            v.issues
                .push(root.clone().field("id"), format!("`{}`: an id is letters, digits, `-` and `_` only", self.id));
        }
        if !(self.estimated_minutes.is_finite() && self.estimated_minutes > 0.0 && self.estimated_minutes <= 10_000.0) {
            v.issues.push(
                root.clone().field("estimated_minutes"),
                format!("must be in (0, 10000], got {}", self.estimated_minutes),
            );
        }
        if self.line != layout.id {
            v.issues.push(
                root.clone().field("line"),
                format!("names line `{}` but the layout loaded is `{}`", self.line, layout.id),
            );
        }
        if !(self.duration_h.is_finite() && self.duration_h > 0.0 && self.duration_h <= MAX_DURATION_H) {
            v.issues.push(
                root.clone().field("duration_h"),
                format!("duration must be in (0, {MAX_DURATION_H}] hours (limit), got {}", self.duration_h),
            );
        }
        if !(self.step_s.is_finite() && (1.0..=3600.0).contains(&self.step_s)) {
            v.issues.push(root.clone().field("step_s"), format!("time step must be 1..3600 s, got {}", self.step_s));
        } else if self.duration_h.is_finite() && self.duration_h * 3600.0 / self.step_s > MAX_TICKS {
            v.issues.push(
                root.clone().field("step_s"),
                format!(
                    "{:.0} ticks exceed the limit of {MAX_TICKS}: use a longer step",
                    self.duration_h * 3600.0 / self.step_s
                ),
            );
        }
        for (name, len, max) in [
            ("events", self.events.len(), MAX_EVENTS),
            ("hints", self.hints.len(), MAX_HINTS),
            ("objectives", self.objectives.len(), MAX_OBJECTIVES),
        ] {
            if len > max {
                v.issues.push(root.clone().field(name), format!("{len} {name} exceed the limit of {max}"));
            }
        }
        if self.objectives.is_empty() {
            v.issues.push(root.clone().field("objectives"), "a scenario needs at least one objective to score");
        }
        for (i, o) in self.overrides.iter().enumerate() {
            v.control_value(&root.clone().field("overrides").index(i), &o.station, &o.control, o.value);
        }
        for (i, s) in self.stopped.iter().enumerate() {
            v.station(&root.clone().field("stopped").index(i), s);
        }
        if let Some(controls) = &self.trainee_controls {
            for (i, c) in controls.iter().enumerate() {
                let path = root.clone().field("trainee_controls").index(i);
                match c.split_once('.') {
                    Some((station, control)) => {
                        if let Some(s) = v.station(&path, station) {
                            v.control_exists(&path, s, station, control);
                        }
                    }
                    None => v.issues.push(path, format!("`{c}` must be written `station.control`")),
                }
            }
        }
        let end = self.duration_h;
        for (i, e) in self.events.iter().enumerate() {
            let path = root.clone().field("events").index(i);
            match (e.at_h, &e.when) {
                (Some(_), Some(_)) => {
                    v.issues.push(path.clone().field("when"), "give either `at_h` or `when`, not both")
                }
                (None, None) => v.issues.push(path.clone().field("at_h"), "an event needs `at_h` or `when`"),
                (Some(at), None) => v.time(&path.clone().field("at_h"), at, end),
                (None, Some(c)) => v.condition(&path.clone().field("when"), c),
            }
            v.action(&path.clone().field("action"), &e.action, end);
            if let (Some(at), EventAction::Order { due_h, .. }) = (e.at_h, &e.action)
                && *due_h <= at
            {
                v.issues.push(
                    path.clone().field("action").field("due_h"),
                    format!("the order is due at {due_h} h, not after it is placed at {at} h"),
                );
            }
        }
        for (i, h) in self.hints.iter().enumerate() {
            let path = root.clone().field("hints").index(i);
            if !(h.penalty.is_finite() && (0.0..=100.0).contains(&h.penalty)) {
                v.issues
                    .push(path.clone().field("penalty"), format!("penalty must be 0..100 points, got {}", h.penalty));
            }
            v.time(&path.clone().field("available_after_h"), h.available_after_h, end);
            if h.text.is_empty() {
                v.issues.push(path.field("text"), "a hint needs text");
            }
        }
        for (i, o) in self.objectives.iter().enumerate() {
            let path = root.clone().field("objectives").index(i);
            if o.id.trim().is_empty() {
                v.issues.push(path.clone().field("id"), "an objective needs an id");
            } else if !is_plain_id(&o.id) {
                v.issues
                    .push(path.clone().field("id"), format!("`{}`: an id is letters, digits, `-` and `_` only", o.id));
            }
            if self.objectives[..i].iter().any(|p| p.id == o.id) {
                v.issues.push(path.clone().field("id"), format!("duplicate objective id `{}`", o.id));
            }
            if matches!(o.kind, ObjectiveKind::MeetOrders)
                && !self.events.iter().any(|e| matches!(e.action, EventAction::Order { .. }))
            {
                v.issues.push(
                    path.clone().field("kind"),
                    "no event places an order, so there are no orders to meet: add `Order` events",
                );
            }
            if !(o.weight.is_finite() && (0.001..=1000.0).contains(&o.weight)) {
                v.issues.push(path.clone().field("weight"), format!("weight must be 0.001 to 1000, got {}", o.weight));
            }
            v.objective(&path.clone().field("kind"), &o.kind, end);
        }
        for (i, l) in self.safety_limits.iter().enumerate() {
            let path = root.clone().field("safety_limits").index(i);
            if let Some(s) = v.station(&path.clone().field("station"), &l.station) {
                v.control_exists(&path.clone().field("control"), s, &l.station, &l.control);
            }
            if l.min.is_none() && l.max.is_none() {
                v.issues.push(path.clone().field("max"), "a safety limit needs `min` or `max`");
            }
            for (name, value) in [("min", l.min), ("max", l.max)] {
                if let Some(x) = value
                    && !x.is_finite()
                {
                    v.issues.push(path.clone().field(name), format!("{name} must be a number, got {x}"));
                }
            }
            if let (Some(min), Some(max)) = (l.min, l.max)
                && min > max
            {
                v.issues.push(path.clone().field("min"), format!("min {min} is above max {max}"));
            }
        }
        let sc = &self.scoring;
        for (name, value) in [
            ("scrap_points_per_kg", sc.scrap_points_per_kg),
            ("max_scrap_penalty", sc.max_scrap_penalty),
            ("safety_penalty", sc.safety_penalty),
            ("maintenance_cost", sc.maintenance_cost),
            ("maintenance_penalty", sc.maintenance_penalty),
            ("wrong_diagnosis_penalty", sc.wrong_diagnosis_penalty),
        ] {
            if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
                v.issues.push(root.clone().field("scoring").field(name), format!("must be 0..100, got {value}"));
            }
        }
        let costs = &self.costs;
        for (name, value) in [
            ("material_eur_per_kg", costs.material_eur_per_kg),
            ("energy_eur_per_kwh", costs.energy_eur_per_kwh),
            ("maintenance_eur", costs.maintenance_eur),
            ("technician_eur_per_h", costs.technician_eur_per_h),
        ] {
            if !(value.is_finite() && (0.0..=1e6).contains(&value)) {
                v.issues.push(root.clone().field("costs").field(name), format!("must be 0..1000000, got {value}"));
            }
        }
        for (i, d) in self.debrief.iter().enumerate() {
            if d.cause_contains.trim().is_empty() {
                v.issues.push(root.clone().field("debrief").index(i).field("cause_contains"), "must not be empty");
            }
        }
        v.issues
    }
}

/// Validation helpers that know the layout.
struct Validator<'a> {
    layout: &'a LineLayout,
    issues: Issues,
    /// A simulation of the layout, to ask stations for their controls and readouts.
    sim: Option<Simulation>,
}

impl Validator<'_> {
    fn station(&mut self, path: &FieldPath, id: &str) -> Option<usize> {
        let found = self.layout.station_index(id);
        if found.is_none() {
            let known: Vec<String> = self.layout.stations.iter().map(|s| format!("`{}`", s.id)).collect();
            self.issues.push(
                path.clone(),
                format!("no station `{id}` in line `{}`; stations are: {}", self.layout.id, known.join(", ")),
            );
        }
        found
    }

    fn control_exists(
        &mut self,
        path: &FieldPath,
        i: usize,
        station: &str,
        control: &str,
    ) -> Option<crate::controls::ControlSpec> {
        let spec = self.sim.as_ref().and_then(|s| s.controls(i).into_iter().find(|c| c.name == control));
        if spec.is_none() {
            let names: Vec<String> = self
                .sim
                .as_ref()
                .map(|s| s.controls(i).into_iter().map(|c| format!("`{}`", c.name)).collect())
                .unwrap_or_default();
            self.issues.push(
                path.clone(),
                format!("station `{station}` has no control `{control}`; its controls are: {}", names.join(", ")),
            );
        }
        spec
    }

    fn control_value(&mut self, path: &FieldPath, station: &str, control: &str, value: f64) {
        let Some(i) = self.station(&path.clone().field("station"), station) else { return };
        let Some(spec) = self.control_exists(&path.clone().field("control"), i, station, control) else { return };
        if !spec.accepts(value) {
            self.issues.push(
                path.clone().field("value"),
                format!("{control} = {value} is outside its range {}..{} {}", spec.min, spec.max, spec.unit),
            );
        }
    }

    fn readout(&mut self, path: &FieldPath, station: &str, readout: &str) {
        let Some(i) = self.station(&path.clone().field("station"), station) else { return };
        let names = self.sim.as_ref().map(|s| s.readout_names(i)).unwrap_or_default();
        if !names.iter().any(|n| n == readout) {
            self.issues.push(
                path.clone().field("readout"),
                format!("station `{station}` has no readout `{readout}`; its readouts are: {}", names.join(", ")),
            );
        }
    }

    fn time(&mut self, path: &FieldPath, at_h: f64, end_h: f64) {
        if !(at_h.is_finite() && at_h >= 0.0 && at_h <= end_h) {
            self.issues.push(path.clone(), format!("time {at_h} h is outside the scenario (0..{end_h} h)"));
        }
    }

    /// A deadline within the scenario, after its start (nothing is made by 0 h).
    fn deadline(&mut self, path: &FieldPath, by_h: f64, end_h: f64) {
        if by_h == 0.0 {
            self.issues.push(path.clone(), "a deadline at 0 h cannot be met: nothing is made by the start");
        } else {
            self.time(path, by_h, end_h);
        }
    }

    /// A positive quantity, at most [`MAX_QUANTITY`] (no scenario counts more than that).
    fn positive(&mut self, path: &FieldPath, value: f64, what: &str) {
        if !(value.is_finite() && value > 0.0 && value <= MAX_QUANTITY) {
            self.issues.push(path.clone(), format!("{what} must be positive and at most {MAX_QUANTITY}, got {value}"));
        }
    }

    fn fault(&mut self, path: &FieldPath, station: &str, fault: &Fault) {
        let Some(i) = self.station(&path.clone().field("station"), station) else { return };
        if let Err(reason) = self.layout.stations[i].kind.station().accepts_fault(fault) {
            self.issues.push(path.clone().field("fault"), reason);
        }
    }

    fn condition(&mut self, path: &FieldPath, c: &Condition) {
        match c {
            Condition::ReadoutAbove { station, readout, value }
            | Condition::ReadoutBelow { station, readout, value } => {
                self.readout(path, station, readout);
                if !value.is_finite() {
                    self.issues.push(path.clone().field("value"), "must be a number");
                }
            }
            Condition::StationState { station, .. } => {
                self.station(&path.clone().field("station"), station);
            }
            Condition::CompletedAtLeast { quantity } => {
                self.positive(&path.clone().field("quantity"), *quantity, "quantity")
            }
        }
    }

    fn action(&mut self, path: &FieldPath, a: &EventAction, end_h: f64) {
        match a {
            EventAction::Fault { station, fault } => self.fault(path, station, fault),
            EventAction::Breakdown { station, repair_h } => {
                self.station(&path.clone().field("station"), station);
                if !(repair_h.is_finite() && *repair_h > 0.0 && *repair_h <= MAX_REPAIR_H) {
                    self.issues.push(
                        path.clone().field("repair_h"),
                        format!("repair time must be in (0, {MAX_REPAIR_H}] hours, got {repair_h}"),
                    );
                }
            }
            EventAction::LotChange { station, binder_viscosity_factor, dispersion_factor } => {
                if let Some(i) = self.station(&path.clone().field("station"), station)
                    && !self.layout.stations[i].kind.station().takes_lots()
                {
                    let label = self.layout.stations[i].kind.station().label();
                    self.issues.push(
                        path.clone().field("station"),
                        format!("`{station}` is a {label}, which takes no material lots; lots change at the mixer"),
                    );
                }
                for (name, f) in
                    [("binder_viscosity_factor", binder_viscosity_factor), ("dispersion_factor", dispersion_factor)]
                {
                    if !(f.is_finite() && (0.2..=5.0).contains(f)) {
                        self.issues.push(path.clone().field(name), format!("must be in 0.2..5, got {f}"));
                    }
                }
            }
            EventAction::SetControl { station, control, value } => self.control_value(path, station, control, *value),
            EventAction::Message => {}
            EventAction::Order { quantity, due_h } => {
                self.positive(&path.clone().field("quantity"), *quantity, "quantity");
                self.time(&path.clone().field("due_h"), *due_h, end_h);
            }
            EventAction::RandomFaults { count, from_h, to_h, choices } => {
                if *count == 0 || *count > MAX_RANDOM_FAULTS {
                    self.issues.push(
                        path.clone().field("count"),
                        format!("count must be 1..{MAX_RANDOM_FAULTS}, got {count}"),
                    );
                }
                self.time(&path.clone().field("from_h"), *from_h, end_h);
                self.time(&path.clone().field("to_h"), *to_h, end_h);
                if to_h < from_h {
                    self.issues.push(path.clone().field("to_h"), "the window ends before it starts");
                }
                if choices.is_empty() {
                    self.issues.push(path.clone().field("choices"), "give at least one fault to choose from");
                }
                for (i, c) in choices.iter().enumerate() {
                    self.fault(&path.clone().field("choices").index(i), &c.station, &c.fault);
                }
            }
        }
    }

    fn measure(&mut self, path: &FieldPath, m: &Measure) {
        match m {
            Measure::Readout { station, readout } => self.readout(path, station, readout),
            Measure::StationOee { station } => {
                self.station(&path.clone().field("station"), station);
            }
            Measure::ThroughputPerH => {}
            Measure::BufferLevel { from, to } => {
                if !self.layout.buffers.iter().any(|b| &b.from == from && &b.to == to) {
                    self.issues
                        .push(path.clone().field("to"), format!("no buffer from `{from}` to `{to}` in this line"));
                }
            }
        }
    }

    fn objective(&mut self, path: &FieldPath, o: &ObjectiveKind, end_h: f64) {
        match o {
            ObjectiveKind::Deliver { quantity, by_h, from } => {
                self.positive(&path.clone().field("quantity"), *quantity, "quantity");
                self.deadline(&path.clone().field("by_h"), *by_h, end_h);
                if let Some(from) = from
                    && !(from.is_finite() && *from >= 0.0 && from < quantity)
                {
                    self.issues.push(
                        path.clone().field("from"),
                        format!("credit must start below the quantity ({quantity}), got {from}"),
                    );
                }
            }
            ObjectiveKind::Produce { station, quantity, by_h } => {
                self.station(&path.clone().field("station"), station);
                self.positive(&path.clone().field("quantity"), *quantity, "quantity");
                self.deadline(&path.clone().field("by_h"), *by_h, end_h);
            }
            ObjectiveKind::KeepInLimits { measure, min, max, from_h, to_h } => {
                self.measure(&path.clone().field("measure"), measure);
                match (min, max) {
                    (None, None) => self.issues.push(path.clone().field("max"), "give `min`, `max` or both"),
                    (Some(lo), Some(hi)) if lo > hi => {
                        self.issues.push(path.clone().field("max"), format!("max {hi} is below min {lo}"))
                    }
                    _ => {}
                }
                self.time(&path.clone().field("from_h"), *from_h, end_h);
                if let Some(to) = to_h {
                    self.time(&path.clone().field("to_h"), *to, end_h);
                    if to <= from_h {
                        self.issues.push(path.clone().field("to_h"), "the window ends before it starts");
                    }
                }
            }
            ObjectiveKind::FixFaults { station, within_h } => {
                if let Some(s) = station {
                    self.station(&path.clone().field("station"), s);
                }
                self.positive(&path.clone().field("within_h"), *within_h, "within_h");
            }
            ObjectiveKind::AcknowledgeAlarms { within_min, .. } => {
                self.positive(&path.clone().field("within_min"), *within_min, "within_min")
            }
            ObjectiveKind::MeetOrders => {}
            ObjectiveKind::MaxScrap { frac } => {
                if !(frac.is_finite() && *frac > 0.0 && *frac <= 1.0) {
                    self.issues.push(path.clone().field("frac"), format!("must be in (0, 1], got {frac}"));
                }
            }
            ObjectiveKind::CostPerGoodArea { target_eur_per_m2, limit_eur_per_m2 } => {
                self.positive(&path.clone().field("target_eur_per_m2"), *target_eur_per_m2, "target_eur_per_m2");
                if !(limit_eur_per_m2.is_finite() && limit_eur_per_m2 > target_eur_per_m2) {
                    self.issues.push(
                        path.clone().field("limit_eur_per_m2"),
                        format!("must be above the target ({target_eur_per_m2}), got {limit_eur_per_m2}"),
                    );
                }
            }
        }
    }
}

/// An id that can name a file: ASCII letters, digits, `-` and `_`.
fn is_plain_id(id: &str) -> bool {
    id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

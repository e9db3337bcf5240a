//! The scenario's events: which are due (by time or condition), and what firing one does
//! (faults, breakdowns, lot changes, control changes, messages, orders).

use super::*;

impl ScenarioRun {
    /// Events due at `tick`, turned into simulation commands.
    pub(super) fn due_events(&mut self, tick: u64) -> Vec<Command> {
        let mut out = Vec::new();
        let now = self.sim.now_ms;
        let due: Vec<usize> = (0..self.scenario.events.len())
            .filter(|&i| !self.events_fired[i])
            .filter(|&i| {
                let event = &self.scenario.events[i];
                match (&event.at_h, &event.when) {
                    (Some(at_h), _) => (at_h * 3600.0 / self.scenario.step_s).round() as u64 <= tick,
                    (None, Some(c)) => self.holds(c),
                    (None, None) => false,
                }
            })
            .collect();
        for i in due {
            self.events_fired[i] = true;
            let event = self.scenario.events[i].clone();
            self.fire(&event, now, &mut out);
        }
        while self.random_faults.first().is_some_and(|(t, _, _)| *t <= tick) {
            let (_, station, fault) = self.random_faults.remove(0);
            self.inject(&station, fault, now, true, &mut out);
        }
        out
    }

    pub(super) fn fire(&mut self, event: &Event, now: u64, out: &mut Vec<Command>) {
        if let (false, Some(msg)) = (event.hidden, &event.message) {
            self.messages.push((now, Message::from_file(msg)));
        }
        let kind = if event.hidden { TimelineKind::HiddenEvent } else { TimelineKind::Event };
        let note = |run: &mut Self, text: Message| run.timeline.push(TimelineEntry { at_ms: now, kind, text });
        match &event.action {
            EventAction::Fault { station, fault } => self.inject(station, fault.clone(), now, event.hidden, out),
            EventAction::Breakdown { station, repair_h } => {
                note(self, Message::new("timeline-breakdown").station("station", station));
                out.push(Command::Breakdown { station: station.clone(), repair_s: repair_h * 3600.0 });
            }
            EventAction::LotChange { station, binder_viscosity_factor, dispersion_factor } => {
                note(self, Message::new("timeline-lot-change").station("station", station));
                out.push(Command::ChangeLot {
                    station: station.clone(),
                    binder_viscosity_factor: *binder_viscosity_factor,
                    dispersion_factor: *dispersion_factor,
                });
            }
            EventAction::SetControl { station, control, value } => {
                note(
                    self,
                    Message::new("timeline-event-set-control")
                        .control("control", station, control)
                        .number("value", *value, 2),
                );
                out.push(Command::SetControl { station: station.clone(), control: control.clone(), value: *value });
            }
            EventAction::Message => {
                if let Some(m) = &event.message {
                    note(self, Message::from_file(m));
                }
            }
            EventAction::Order { quantity, due_h } => {
                let due_ms = (due_h * 3.6e6) as u64;
                let order =
                    Message::new("message-new-order").number("quantity", *quantity, 0).number("due_h", *due_h, 1);
                note(self, order.clone());
                if !event.hidden && event.message.is_none() {
                    self.messages.push((now, order));
                }
                self.orders.push(Order { quantity: *quantity, due_ms, placed_ms: now, delivered_at_due: None });
            }
            EventAction::RandomFaults { .. } => {}
        }
    }

    pub(super) fn inject(&mut self, station: &str, fault: Fault, now: u64, hidden: bool, out: &mut Vec<Command>) {
        let kind = if hidden { TimelineKind::HiddenEvent } else { TimelineKind::Event };
        self.timeline.push(TimelineEntry {
            at_ms: now,
            kind,
            text: Message::new("timeline-fault").station("station", station).message("fault", fault.message()),
        });
        self.injected.push(InjectedFault {
            station: station.into(),
            fault: fault.clone(),
            injected_ms: now,
            diagnosed_ms: None,
            fixed_ms: None,
        });
        out.push(Command::InjectFault { station: station.into(), fault });
    }

    pub(super) fn holds(&self, c: &Condition) -> bool {
        let station = |id: &str| self.sim.line.station_index(id);
        match c {
            Condition::ReadoutAbove { station: s, readout, value } => {
                station(s).and_then(|i| self.sim.readout(i, readout)).is_some_and(|v| v > *value)
            }
            Condition::ReadoutBelow { station: s, readout, value } => {
                station(s).and_then(|i| self.sim.readout(i, readout)).is_some_and(|v| v < *value)
            }
            Condition::StationState { station: s, state } => {
                station(s).is_some_and(|i| self.sim.line.stations[i].state == *state)
            }
            Condition::CompletedAtLeast { quantity } => self.sim.line.counters.completed_quantity >= *quantity,
        }
    }
}

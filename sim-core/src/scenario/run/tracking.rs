//! What a run measures for its objectives and debrief: measures, good quantities, scrap,
//! and the bookkeeping after every tick (orders, alarms into the timeline, objective
//! trackers, KPI samples).

use super::*;

impl ScenarioRun {
    /// The value a measure reads now, if it has one yet.
    pub fn measure(&self, m: &Measure) -> Option<f64> {
        match m {
            Measure::Readout { station, readout } => {
                self.sim.line.station_index(station).and_then(|i| self.sim.readout(i, readout))
            }
            Measure::StationOee { station } => self
                .sim
                .line
                .station_index(station)
                .map(|i| crate::kpi::station_kpis(&self.sim.line, i, self.sim.now_ms).oee),
            Measure::ThroughputPerH => {
                let h = self.hours();
                (h > 0.0).then(|| self.sim.line.counters.completed as f64 / h)
            }
            Measure::BufferLevel { from, to } => {
                let (f, t) = (self.sim.line.station_index(from)?, self.sim.line.station_index(to)?);
                self.sim.line.buffers.iter().find(|b| b.from == f && b.to == t).map(|b| b.units.len() as f64)
            }
        }
    }

    /// Good quantity a station has passed first time, in its own unit.
    pub fn station_good_quantity(&self, station: &str) -> f64 {
        self.sim.line.station_index(station).map_or(0.0, |i| {
            let c = &self.sim.line.stations[i].counters;
            (c.quantity_in - c.quantity_defective()).max(0.0)
        })
    }

    /// Unplanned scrap so far: solids scrapped for causes other than planned trims, kg.
    pub fn unplanned_scrap_kg(&self) -> f64 {
        self.sim
            .line
            .stations
            .iter()
            .flat_map(|s| s.counters.scrap_by_cause.iter())
            .filter(|e| !crate::product::is_planned(&e.cause))
            .fold(0.0, |total, e| total + e.solids_kg)
    }

    pub(super) fn after_tick(&mut self) {
        let now = self.sim.now_ms;
        let hours = self.hours();
        // Faults fixed by maintenance.
        for f in self.injected.iter_mut().filter(|f| f.fixed_ms.is_none()) {
            let present = self
                .sim
                .line
                .station_index(&f.station)
                .is_some_and(|i| self.sim.line.stations[i].faults.iter().any(|a| a.fault == f.fault));
            if !present {
                f.fixed_ms = Some(now);
            }
        }
        // Orders falling due.
        let delivered = self.good_delivered();
        for order in self.orders.iter_mut().filter(|o| o.delivered_at_due.is_none() && o.due_ms <= now) {
            order.delivered_at_due = Some(delivered);
        }
        // New alarms into the timeline.
        for alarm in self.sim.alarms.alarms.iter().filter(|a| a.id as usize > self.alarms_seen) {
            self.timeline.push(TimelineEntry {
                at_ms: alarm.raised_ms,
                kind: TimelineKind::Alarm,
                text: Message::new("timeline-alarm")
                    .count("alarm", alarm.id)
                    .message("priority", alarm.priority.message())
                    .station("station", alarm.source.clone().unwrap_or_default())
                    .message("message", alarm.message.clone()),
            });
        }
        self.alarms_seen = self.sim.alarms.alarms.last().map_or(0, |a| a.id as usize);
        // Objectives: decide with shared borrows, then record.
        let step_h = self.scenario.step_s / 3600.0;
        let mut captures = Vec::new();
        let mut samples = Vec::new();
        for (t, o) in self.scenario.objectives.iter().enumerate() {
            let open = self.trackers[t].captured.is_none();
            match &o.kind {
                ObjectiveKind::Deliver { by_h, .. } if open && hours + 1e-9 >= *by_h => {
                    captures.push((t, self.good_delivered()))
                }
                ObjectiveKind::Produce { station, by_h, .. } if open && hours + 1e-9 >= *by_h => {
                    captures.push((t, self.station_good_quantity(station)))
                }
                ObjectiveKind::KeepInLimits { measure, min, max, from_h, to_h }
                    if hours >= *from_h && hours <= to_h.unwrap_or(f64::INFINITY) + step_h / 2.0 =>
                {
                    let ok = self
                        .measure(measure)
                        .is_some_and(|v| min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi));
                    samples.push((t, ok));
                }
                _ => {}
            }
        }
        for (t, value) in captures {
            self.trackers[t].captured = Some(value);
        }
        for (t, ok) in samples {
            let tracker = &mut self.trackers[t];
            if ok { tracker.inside += 1 } else { tracker.outside += 1 }
        }
        let sample_every = ((KPI_SAMPLE_S / self.scenario.step_s).round() as u64).max(1);
        if self.sim.tick.is_multiple_of(sample_every) || self.is_finished() {
            let k = self.sim.kpis();
            self.kpi_series.push(KpiSample {
                at_h: hours,
                throughput_per_h: k.throughput_per_h,
                oee: k.oee,
                first_pass_yield: k.first_pass_yield,
                wip: k.wip,
                unplanned_scrap_kg: self.unplanned_scrap_kg(),
                completed_quantity: k.completed_quantity,
            });
        }
    }

    /// Good product the line has completed, in its unit (sheets without burr or latent
    /// defects, metres, units).
    pub fn good_delivered(&self) -> f64 {
        self.sim.line.counters.completed_good_quantity
    }
}

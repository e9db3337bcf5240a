//! Checks of a trainee's command list before it runs (`twin run --commands`, replays).

use super::ScenarioRun;
use crate::command::Command;
use crate::input::{FieldPath, Issues};
use crate::replay::TimedCommand;

impl ScenarioRun {
    /// Checks a trainee's command list before it runs: ticks in order and inside the run,
    /// stations and controls that exist, values that are numbers in range. Each problem
    /// names its field (`[3].command.value`), so a commands file gets located errors.
    pub fn check_commands(&self, commands: &[TimedCommand]) -> Issues {
        let mut issues = Issues::default();
        let mut last = 0;
        for (i, c) in commands.iter().enumerate() {
            let path = FieldPath::root().index(i);
            if c.tick < last {
                issues.push(
                    path.clone().field("tick"),
                    format!("commands must be in tick order: tick {} comes after tick {last}", c.tick),
                );
            }
            if c.tick >= self.ticks_total {
                issues.push(
                    path.clone().field("tick"),
                    format!("tick {} is after the end of the scenario (tick {})", c.tick, self.ticks_total),
                );
            }
            last = c.tick;
            let path = path.field("command");
            let station = c.command.station().map(|id| (id, self.sim.line.station_index(id)));
            if let Some((id, None)) = station {
                let known: Vec<&str> = self.sim.line.stations.iter().map(|s| s.id.as_str()).collect();
                issues.push(
                    path.clone().field("station"),
                    format!("no station `{id}` in this line; stations are: {}", known.join(", ")),
                );
                continue;
            }
            let numbers: Vec<(&str, f64)> = match &c.command {
                Command::SetControl { station, control, value } => {
                    let i = self.sim.line.station_index(station).unwrap_or(0);
                    match self.sim.controls(i).into_iter().find(|spec| &spec.name == control) {
                        None => issues.push(
                            path.clone().field("control"),
                            format!("station `{station}` has no control `{control}`"),
                        ),
                        Some(spec) if !spec.accepts(*value) => issues.push(
                            path.clone().field("value"),
                            format!("{control} = {value} is outside {}..{} {}", spec.min, spec.max, spec.unit),
                        ),
                        Some(_) => {}
                    }
                    Vec::new()
                }
                Command::StartMaintenance { duration_s, .. } => vec![("duration_s", *duration_s)],
                Command::Breakdown { repair_s, .. } => vec![("repair_s", *repair_s)],
                Command::ShelveAlarm { duration_s, .. } => vec![("duration_s", *duration_s)],
                Command::ChangeLot { binder_viscosity_factor, dispersion_factor, .. } => vec![
                    ("binder_viscosity_factor", *binder_viscosity_factor),
                    ("dispersion_factor", *dispersion_factor),
                ],
                _ => Vec::new(),
            };
            for (name, value) in numbers {
                if !value.is_finite() || value < 0.0 {
                    issues
                        .push(path.clone().field(name), format!("{name} must be a number of at least 0, got {value}"));
                }
            }
        }
        issues
    }
}

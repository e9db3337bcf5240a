//! `twin passport`: runs a line until a cell reaches its last station and prints that cell's
//! history: the lots it was made from, what every station did to it and with which
//! settings and faults, the dry room's moisture on the way, its defects and their causes.

use std::path::Path;

use l10n::{Arg, LineNames, Names, cause, tr};
use sim_core::Simulation;
use sim_core::cell::Cell;
use sim_core::unit::{Payload, ProductKind};

use crate::files::{Failure, load_layout};

/// Most plant hours searched for a cell after `hours`.
const SEARCH_H: f64 = 48.0;

pub fn passport(file: &Path, hours: f64, seed: u64, cell_id: Option<u64>, json: bool) -> Result<(), Failure> {
    if !(hours.is_finite() && (0.0..=24.0 * 366.0).contains(&hours)) {
        return Err(Failure::BadInput(format!("--hours must be in [0, 8784], got {hours}")));
    }
    let (layout, _) = load_layout(file)?;
    if !layout.products().contains(&Some(ProductKind::Cell)) {
        return Err(Failure::BadInput(tr!("cli-passport-no-cells-made", line = layout.id.as_str())));
    }
    let mut sim = Simulation::new(&layout, seed).map_err(|i| Failure::BadInput(i.to_string()))?;
    crate::run::run_hours_with_progress(&mut sim, hours);
    let last = sim.line.stations.iter().position(|s| s.output.is_none() && !s.utility).unwrap_or(0);
    let step_ticks = (5_000 / sim.step_ms).max(1);
    let steps = (SEARCH_H * 3.6e6 / (step_ticks * sim.step_ms) as f64) as u64;
    for _ in 0..=steps {
        if let Some(u) = sim.line.stations[last].in_process()
            && let Payload::Cell(cell) = &u.payload
            && cell_id.is_none_or(|id| u.id >= id)
        {
            let (id, components, cell) = (u.id, u.components.clone(), cell.clone());
            if json {
                outln!("{}", serde_json::to_string_pretty(&*cell).unwrap_or_default());
            } else {
                print_passport(&sim, id, &components, &cell);
            }
            return Ok(());
        }
        sim.advance_ticks(step_ticks);
    }
    Err(Failure::BadInput(tr!("cli-passport-no-cell", hours = Arg::Num(hours + SEARCH_H, 0))))
}

fn print_passport(sim: &Simulation, id: u64, lots: &[u64], c: &Cell) {
    let names = LineNames(sim);
    let lang = l10n::language();
    let station = |i: u16| {
        let id = sim.line.stations.get(i as usize).map_or("?", |s| s.id.as_str());
        names.station(lang, id).unwrap_or_else(|| id.to_string())
    };
    let hours = sim.now_ms as f64 / 3.6e6;
    let lots: Vec<String> = lots.iter().map(|l| l.to_string()).collect();
    outln!(
        "{}",
        tr!(
            "cli-passport-title",
            id = Arg::Int(id as i64),
            line = sim.line.id.as_str(),
            recipe = c.recipe_name.as_str(),
            h = Arg::Num(hours, 2)
        )
    );
    outln!("  {}", tr!("cli-passport-lots", lots = lots.join(", ")));
    outln!(
        "  {}",
        tr!(
            "cli-passport-summary",
            layers = Arg::Int(c.layers as i64),
            ah = Arg::Num(c.capacity_ah, 1),
            mohm = Arg::Num(c.resistance_mohm(), 2)
        )
    );
    let e = &c.electrolyte;
    outln!(
        "  {}",
        tr!(
            "cli-passport-electrolyte",
            fill = Arg::Num(100.0 * e.fill_frac, 1),
            sigma = Arg::Num(e.sigma_eff_ms_per_cm, 3),
            ppm = Arg::Num(e.residual_solvent_ppm, 0)
        )
    );
    outln!(
        "  {}",
        tr!("cli-passport-anode", um = Arg::Num(c.anode.li_thickness_um, 0), nm = Arg::Num(c.anode.passivation_nm, 1))
    );
    outln!(
        "  {}",
        tr!(
            "cli-passport-stack",
            offset = Arg::Num(c.max_alignment_error_mm, 2),
            overhang = Arg::Num(c.min_overhang_mm, 2)
        )
    );
    if let Some(p) = &c.pressing {
        outln!("  {}", tr!("cli-passport-press", mpa = Arg::Num(p.pressure_mpa, 1), degc = Arg::Num(p.temp_degc, 0)));
    }
    if let Some(s) = &c.seal {
        outln!(
            "  {}",
            tr!(
                "cli-passport-seal",
                degc = Arg::Num(s.temp_degc, 0),
                s = Arg::Num(s.time_s, 1),
                n = Arg::Num(s.strength_n_per_15mm, 0),
                leak = format!("{:.1e}", s.leak_rate_mbar_l_per_s)
            )
        );
    }
    outln!("  {}", tr!("cli-passport-exposure", ppmvh = Arg::Num(c.moisture_exposure_ppmv_h, 0)));
    if let Some(f) = &c.formation {
        outln!(
            "  {}",
            tr!(
                "cli-passport-formation",
                c = Arg::Num(f.c_rate, 2),
                degc = Arg::Num(f.temp_degc, 0),
                ah = Arg::Num(f.capacity_ah, 2),
                ce = Arg::Num(100.0 * f.efficiency, 1),
                ml = Arg::Num(f.gas_ml, 1)
            )
        );
    }
    if let Some(a) = &c.aging {
        outln!(
            "  {}",
            tr!(
                "cli-passport-aging",
                days = Arg::Num(a.days, 0),
                degc = Arg::Num(a.temp_degc, 0),
                v0 = Arg::Num(a.ocv_start_v, 4),
                v1 = Arg::Num(a.ocv_end_v, 4),
                k = Arg::Num(a.k_mv_per_day, 2)
            )
        );
    }
    if let Some(e) = &c.end_of_line {
        let grade = match e.grade {
            sim_core::cell::Grade::A => "word-eol-grade-a",
            sim_core::cell::Grade::B => "word-eol-grade-b",
            sim_core::cell::Grade::Reject => "word-eol-grade-reject",
        };
        outln!(
            "  {}",
            tr!(
                "cli-passport-eol",
                ah = Arg::Num(e.capacity_ah, 2),
                mohm = Arg::Num(e.dcir_mohm, 2),
                v = Arg::Num(e.ocv_v, 4),
                grade = tr!(grade)
            )
        );
    }
    outln!("\n  {}", tr!("cli-passport-defects"));
    if c.defects.is_empty() {
        outln!("    {}", tr!("cli-passport-no-defects"));
    }
    for d in &c.defects {
        let key = sim_core::cell::cause_key(d.kind, &d.cause);
        outln!("    {}  ({})", cause(&key), station(d.origin));
    }
    outln!("\n  {}", tr!("cli-passport-stations"));
    for entry in &c.passport {
        let i = entry.station as usize;
        let kind = sim.line.stations.get(i).map_or("", |s| s.kind.kind_name());
        let specs = sim.controls(i.min(sim.line.stations.len().saturating_sub(1)));
        let settings: Vec<String> = entry
            .settings
            .iter()
            .map(|(name, value)| match specs.iter().find(|s| &s.name == name) {
                Some(spec) => format!(
                    "{} {} {}",
                    l10n::stations::control_label(kind, spec),
                    l10n::number(*value, decimals(spec.step)),
                    l10n::unit(&spec.unit)
                ),
                None => format!("{name} {}", l10n::number(*value, 1)),
            })
            .collect();
        let room = entry.room_ppmv.map_or(String::new(), |ppmv| {
            tr!(
                "cli-passport-room",
                degc = Arg::Num(sim_core::stations::assembly::dry_room::dew_point_at_ppmv(ppmv), 1)
            )
        });
        outln!(
            "    {:>6} h  {:<28} {}{}",
            l10n::number(entry.at_ms as f64 / 3.6e6, 2),
            station(entry.station),
            settings.join(" · "),
            room
        );
        let readings: Vec<String> = entry
            .readings
            .iter()
            .filter_map(|(name, value)| {
                let station = sim.line.stations.get(i)?;
                let r = station.kind.station().readouts().into_iter().find(|r| &r.name == name)?;
                Some(format!("{} {} {}", l10n::stations::readout_label(kind, &r), reading(*value), l10n::unit(&r.unit)))
            })
            .collect();
        if !readings.is_empty() {
            outln!("              {}", tr!("cli-passport-readings", readings = readings.join(" · ")));
        }
        for fault in &entry.faults {
            outln!("              {}", tr!("cli-passport-fault", fault = l10n::say(&fault.message(), &names)));
        }
    }
}

/// Decimals a control's step shows (0.01 -> 2).
fn decimals(step: f64) -> usize {
    if step > 0.0 && step.is_finite() { (-step.log10()).ceil().clamp(0.0, 6.0) as usize } else { 1 }
}

/// A reading with two decimals, or in scientific notation when it is that small (a leak rate).
fn reading(value: f64) -> String {
    if value != 0.0 && value.abs() < 0.01 { format!("{value:.1e}") } else { l10n::number(value, 2) }
}

//! `twin cell`: runs a test protocol on one cell with the SPMe, the SPM or the equivalent
//! circuit fitted from the SPMe, prints each step and the discharge capacity, and writes the
//! samples as CSV (`time_s,current_a,voltage_v,temperature_c,soc`).

use std::path::Path;
use std::time::Instant;

use l10n::{Arg, tr};
use sim_core::electrochem::ecm::{EcmCell, EcmParams};
use sim_core::electrochem::run::{EndReason, RunOptions, RunResult, run};
use sim_core::electrochem::spm::SpmCell;
use sim_core::electrochem::spme::SpmeCell;
use sim_core::electrochem::{BUNDLED_SETS, CellParams, protocol};

use crate::files::{Failure, read, render};

/// The cell models `--model` names.
pub const MODELS: [&str; 3] = ["spme", "spm", "ecm"];

pub fn cell(
    params: &str,
    model: &str,
    protocol_steps: &[String],
    temperature_c: f64,
    isothermal: bool,
    csv_path: Option<&Path>,
) -> Result<(), Failure> {
    if !(temperature_c.is_finite() && (-40.0..=80.0).contains(&temperature_c)) {
        return Err(Failure::BadInput(tr!("cli-cell-bad-temperature", degc = Arg::Num(temperature_c, 1))));
    }
    let params = load_params(params)?;
    let default_step = ["Discharge at 1C".to_string()];
    let texts = if protocol_steps.is_empty() { &default_step[..] } else { protocol_steps };
    let steps = protocol::parse(texts).map_err(|e| Failure::BadInput(render(&e)))?;
    let options = RunOptions { ambient_k: temperature_c + 273.15, isothermal, ..RunOptions::default() };
    outln!(
        "{}",
        tr!(
            "cli-cell-params",
            name = params.name.as_str(),
            model = model,
            ah = Arg::Num(params.nominal_capacity_ah, 2),
            degc = Arg::Num(temperature_c, 1)
        )
    );
    let started = Instant::now();
    let result = match model {
        "spm" => run(&mut SpmCell::new(params), &steps, &options),
        "ecm" => {
            let (fit, report) = EcmParams::fit(&SpmeCell::new(params), "ecm");
            outln!(
                "{}",
                tr!(
                    "cli-cell-fit",
                    r0 = Arg::Num(1000.0 * fit.r0_ohm, 3),
                    r1 = Arg::Num(1000.0 * fit.r1_ohm, 3),
                    tau1 = Arg::Num(fit.tau1_s, 1),
                    r2 = Arg::Num(1000.0 * fit.r2_ohm, 3),
                    tau2 = Arg::Num(fit.tau2_s, 0),
                    rmse = Arg::Num(1000.0 * report.pulse_rmse_v, 2)
                )
            );
            run(&mut EcmCell::new(fit, 1.0), &steps, &options)
        }
        _ => run(&mut SpmeCell::new(params), &steps, &options),
    };
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    print_steps(&result);
    let energy: f64 = result.steps.iter().filter(|s| s.charge_ah > 0.0).map(|s| s.energy_wh).sum();
    outln!("{}", tr!("cli-cell-capacity", ah = Arg::Num(result.discharge_capacity_ah(), 4), wh = Arg::Num(energy, 2)));
    outln!("{}", tr!("cli-cell-time", ms = Arg::Num(elapsed_ms, 2), rows = Arg::Int(result.samples.len() as i64)));
    if let Some(path) = csv_path {
        write_csv(path, &result)?;
        outln!(
            "{}",
            tr!("cli-cell-csv", rows = Arg::Int(result.samples.len() as i64), path = path.display().to_string())
        );
    }
    Ok(())
}

/// A bundled set by name, or a parameter file.
fn load_params(name: &str) -> Result<CellParams, Failure> {
    if let Some((file, text)) = BUNDLED_SETS.iter().find(|(n, _)| *n == name) {
        return Ok(CellParams::from_ron(&format!("{file}.ron"), text)?);
    }
    let path = Path::new(name);
    if !path.exists() {
        let names: Vec<&str> = BUNDLED_SETS.iter().map(|(n, _)| *n).collect();
        return Err(Failure::BadInput(tr!("cli-cell-unknown-params", name = name, names = names.join(", "))));
    }
    let text = read(path)?;
    Ok(CellParams::from_ron(&path.display().to_string(), &text)?)
}

fn print_steps(result: &RunResult) {
    for (n, step) in result.steps.iter().enumerate() {
        let last = result.samples.get(step.last_sample);
        let ended = match step.ended_by {
            EndReason::Duration => "cli-cell-end-duration",
            EndReason::Limit => "cli-cell-end-limit",
            EndReason::CellLimit => "cli-cell-end-cell-limit",
            EndReason::SafetyTime => "cli-cell-end-safety",
            EndReason::SampleLimit => "cli-cell-end-samples",
            EndReason::Infeasible => "cli-cell-end-infeasible",
            EndReason::OutsideCellLimits => "cli-cell-end-outside",
        };
        outln!(
            "  {}",
            tr!(
                "cli-cell-step",
                n = Arg::Int(n as i64 + 1),
                text = step.text.as_str(),
                s = Arg::Num(step.duration_s, 1),
                ah = Arg::Num(step.charge_ah, 4),
                ended = tr!(ended),
                v = Arg::Num(last.map_or(f64::NAN, |s| s.voltage_v), 4),
                degc = Arg::Num(last.map_or(f64::NAN, |s| s.temperature_c), 1)
            )
        );
    }
}

fn write_csv(path: &Path, result: &RunResult) -> Result<(), Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure::BadInput(format!("{}: {e}", path.display()));
    let mut writer = csv::Writer::from_path(path).map_err(|e| fail(&e))?;
    writer.write_record(["time_s", "current_a", "voltage_v", "temperature_c", "soc"]).map_err(|e| fail(&e))?;
    for s in &result.samples {
        writer
            .write_record([
                format!("{:.3}", s.time_s),
                format!("{:.6}", s.current_a),
                format!("{:.6}", s.voltage_v),
                format!("{:.3}", s.temperature_c),
                format!("{:.6}", s.soc),
            ])
            .map_err(|e| fail(&e))?;
    }
    writer.flush().map_err(|e| fail(&e))
}

//! The text reports: a scenario's debrief and a line's KPIs. The CLI reports in English
//! (scenario texts included); the game shows them in the reader's language.

use sim_core::kpi::LineKpis;
use sim_core::scenario::score::Debrief;

pub fn print_debrief(d: &Debrief) {
    outln!("scenario `{}`: {}", d.scenario, d.title.en);
    outln!("\n  score {:.1} / 100", d.score.total);
    for o in &d.score.objectives {
        outln!("    {:>5.1} pts  {:>4.0} %  {:<36} {}", o.points, 100.0 * o.achieved, o.title.en, o.detail);
    }
    for p in &d.score.penalties {
        outln!("    {:>5.1} pts  penalty  {}", -p.points, p.what);
    }
    if !d.causes.is_empty() {
        outln!("\n  defect causes found:");
        for c in &d.causes {
            outln!(
                "    {:<10} {:>9.1} {:<5} {:>8.2} kg scrapped  {}",
                c.station,
                c.defective_quantity,
                c.quantity_unit,
                c.scrap_solids_kg,
                c.cause
            );
            if let Some(e) = &c.explanation {
                outln!("               -> {}", e.en);
            }
        }
    }
    if !d.lessons.is_empty() {
        outln!("\n  to work on:");
        for l in &d.lessons {
            outln!("    - {}", l.en);
        }
    }
    outln!("\n  state hash {}", d.state_hash);
}

pub fn print_kpis(k: &LineKpis) {
    outln!("line `{}` after {:.1} h", k.line, k.elapsed_h);
    if k.completed_quantity_unit != "units" && !k.completed_quantity_unit.is_empty() {
        outln!(
            "  output {:.0} {} ({:.1} {}/h)",
            k.completed_quantity,
            k.completed_quantity_unit,
            k.completed_quantity / k.elapsed_h.max(1e-9),
            k.completed_quantity_unit
        );
    }
    outln!(
        "  throughput {:.2} units/h  completed {}  good {}  scrapped {}  WIP {} (avg {:.1})  FPY {:.1}%  OEE {:.1}% (bottleneck {})",
        k.throughput_per_h,
        k.completed,
        k.completed_good,
        k.scrapped,
        k.wip,
        k.average_wip,
        100.0 * k.first_pass_yield,
        100.0 * k.oee,
        k.bottleneck
    );
    outln!(
        "\n  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "station",
        "units",
        "quantity",
        "FPY",
        "fails",
        "util",
        "avail",
        "perf",
        "OEE",
        "run",
        "block",
        "starv",
        "down",
        "setup",
        "idle"
    );
    for s in &k.stations {
        let sh = &s.state_shares;
        let p = |x: f64| format!("{:.1}", 100.0 * x);
        outln!(
            "  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
            s.id,
            s.processed,
            format!("{:.0} {}", s.quantity_in, s.quantity_unit),
            p(s.first_pass_yield),
            s.failures,
            p(s.utilisation),
            p(s.availability),
            p(s.performance),
            p(s.oee),
            p(sh.running),
            p(sh.blocked),
            p(sh.starved),
            p(sh.down),
            p(sh.setup),
            p(sh.idle)
        );
    }
    let losses: Vec<_> = k.stations.iter().flat_map(|s| s.defective_by_cause.iter().map(move |c| (s, c))).collect();
    if !losses.is_empty() {
        outln!("\n  first-pass losses (where the defect arose):");
        for (s, c) in losses {
            outln!("    {:<10} {:>10.1} {:<6} {}", s.id, c.quantity, s.quantity_unit, c.cause);
        }
    }
    if !k.scrap_by_cause.is_empty() {
        outln!("\n  scrap by root cause:");
        for c in &k.scrap_by_cause {
            outln!(
                "    {:<10} {:>10.1} {:<6} {:>9.2} kg solids  {}",
                c.station,
                c.quantity,
                c.quantity_unit,
                c.solids_kg,
                c.cause
            );
        }
    }
    let m = &k.mass_balance;
    if m.solids_in_kg > 0.0 {
        outln!(
            "\n  solids: in {:.2} kg = completed {:.2} + scrapped {:.2} + in process {:.2} (imbalance {:.1e} kg)",
            m.solids_in_kg,
            m.solids_completed_kg,
            m.solids_scrapped_kg,
            m.solids_in_process_kg,
            m.imbalance_kg()
        );
    }
}

//! The text reports: a scenario's debrief and a line's KPIs. The debrief reads in the
//! language `--lang` chose (English unless told); the KPI table is a technical table with
//! English column heads, its causes translated.

use l10n::{LineNames, Names, cause, pick, say, tr};
use sim_core::Simulation;
use sim_core::kpi::LineKpis;
use sim_core::scenario::score::Debrief;

/// Prints the debrief of a run of `sim` (whose layout names its stations and controls).
pub fn print_debrief(d: &Debrief, sim: &Simulation) {
    let names = LineNames(sim);
    let station = |id: &str| names.station(l10n::language(), id).unwrap_or_else(|| id.to_string());
    outln!("{}", l10n::tr!("cli-debrief-scenario", id = d.scenario.as_str(), title = pick(&d.title)));
    outln!("\n  {}", l10n::tr!("cli-debrief-score", score = l10n::Arg::Num(d.score.total, 1)));
    for o in &d.score.objectives {
        outln!(
            "    {:>9}  {:>4.0} %  {:<36} {}",
            l10n::tr!("cli-debrief-points", points = l10n::Arg::Num(o.points, 1)),
            100.0 * o.achieved,
            pick(&o.title),
            say(&o.detail, &names)
        );
    }
    for p in &d.score.penalties {
        let points = l10n::tr!("cli-debrief-points", points = l10n::Arg::Num(-p.points, 1));
        outln!("    {points:>9}  {}  {}", tr("cli-debrief-penalty"), say(&p.what, &names));
    }
    if !d.causes.is_empty() {
        outln!("\n  {}", tr("cli-debrief-causes"));
        for c in &d.causes {
            outln!(
                "    {:<18} {:>9.1} {:<5} {:>8.2} kg  {}  [{}]",
                station(&c.station),
                c.defective_quantity,
                l10n::unit(&c.quantity_unit),
                c.scrap_solids_kg,
                cause(&c.cause),
                c.cause
            );
            if let Some(e) = &c.explanation {
                outln!("               -> {}", pick(e));
            }
        }
    }
    outln!("\n  {}", tr("debrief-costs"));
    for line in l10n::messages::cost_lines(&d.costs) {
        outln!("    {line}");
    }
    if !d.diagnoses.is_empty() {
        outln!("\n  {}", tr("debrief-diagnoses"));
    }
    for g in &d.diagnoses {
        let verdict = if g.correct { tr("debrief-diagnosis-right") } else { tr("debrief-diagnosis-wrong") };
        outln!(
            "    {}",
            l10n::tr!(
                "debrief-diagnosis",
                at = format!("{:.2} h", g.at_ms as f64 / 3.6e6),
                station = station(&g.station),
                diagnosis = say(&g.fault.message(), &names),
                verdict = verdict,
            )
        );
    }
    if !d.lessons.is_empty() {
        outln!("\n  {}", tr("cli-debrief-lessons"));
        for l in &d.lessons {
            let detail = say(&l.detail, &names);
            match &l.message {
                Some(m) => outln!("    - {}: {} ({detail})", pick(&l.objective), pick(m)),
                None => outln!("    - {}: {detail}", pick(&l.objective)),
            }
        }
    }
    outln!("\n  {}", l10n::tr!("cli-debrief-hash", hash = d.state_hash.as_str()));
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
        "\n  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
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
        "idle",
        "held"
    );
    for s in &k.stations {
        let sh = &s.state_shares;
        let p = |x: f64| format!("{:.1}", 100.0 * x);
        outln!(
            "  {:<10} {:>6} {:>12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
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
            p(sh.idle),
            p(sh.held)
        );
    }
    let losses: Vec<_> = k.stations.iter().flat_map(|s| s.defective_by_cause.iter().map(move |c| (s, c))).collect();
    if !losses.is_empty() {
        outln!("\n  first-pass losses (where the defect arose):");
        for (s, c) in losses {
            outln!("    {:<10} {:>10.1} {:<6} {}  [{}]", s.id, c.quantity, s.quantity_unit, cause(&c.cause), c.cause);
        }
    }
    if !k.scrap_by_cause.is_empty() {
        outln!("\n  scrap by root cause:");
        for c in &k.scrap_by_cause {
            outln!(
                "    {:<10} {:>10.1} {:<6} {:>9.2} kg solids  {}  [{}]",
                c.station,
                c.quantity,
                c.quantity_unit,
                c.solids_kg,
                cause(&c.cause),
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

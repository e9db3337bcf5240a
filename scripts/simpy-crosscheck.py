#!/usr/bin/env python3
"""Cross-checks the twin's line kernel against SimPy, an independent discrete-event library.

A serial line of generic stations, by default the kernel-benchmark line
(assets/lines/fast-8.ron: eight stations, cycle times 12-25 s, buffers of 2-10, every station
failing with MTBF 8-100 h) and the generic eight-station cell line (generic-8.ron: longer
cycles, buffers of 5-20 that ride out part of a repair), is modelled here in SimPy with the
kernel's semantics (ARCHITECTURE.md, "Line-flow semantics"):
- the first station is a source that never starves;
- a station takes one unit from its input buffer, processes it for its cycle time, then
  waits until its output buffer has room (blocking after service); the last one ships;
- time to failure is exponential with mean MTBF, counted in operating time only; a repair
  is exponential with mean MTTR and resumes the interrupted cycle;
- a unit is scrapped with probability `scrap_frac`, decided per cycle, removed at its end.

Both are run over the same number of seeds. The random streams differ, so single runs
differ; the means must agree within their statistical error. The script compares
throughput, scrap, and every station's failures and shares of time running, blocked,
starved and down, and exits non-zero if any differs by more than four standard errors.
It also prints each one's time for the simulated week.

    bash scripts/simpy-crosscheck.sh [LAYOUT ...] [--runs 20] [--hours 168]

(the wrapper installs SimPy in a virtual environment and builds the twin; with SimPy at
hand, `python3 scripts/simpy-crosscheck.py --twin PATH` runs the comparison alone).

The layout is read from the RON file (its stations and buffers), so the SimPy model follows
it when its numbers change.
"""
import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ["assets/lines/fast-8.ron", "assets/lines/generic-8.ron"]
STATES = ("running", "blocked", "starved", "down")


def read_layout(path):
    """Stations (cycle_time_s, scrap_frac, mtbf_h, mttr_h) and buffer capacities, in order."""
    text = path.read_text()
    stations = []
    for m in re.finditer(r"\(id: \"(\w+)\",.*?kind: Generic\(([^)]*)\),\s*mtbf_h: ([\d.]+),\s*mttr_h: ([\d.]+)\)", text):
        args = dict(re.findall(r"(\w+): ([\d.]+)", m.group(2)))
        stations.append((m.group(1), float(args["cycle_time_s"]), float(args.get("scrap_frac", 0.0)),
                         float(m.group(3)), float(m.group(4))))
    buffers = [(f, t, int(c)) for f, t, c in re.findall(r"from: \"(\w+)\",\s*to: \"(\w+)\",\s*capacity: (\d+)", text)]
    ids = [s[0] for s in stations]
    if len(buffers) != len(stations) - 1 or any(ids.index(t) != ids.index(f) + 1 for f, t, _ in buffers):
        sys.exit(f"{path}: the cross-check models a serial line of generic stations only")
    return stations, [c for _, _, c in buffers]


def simpy_run(stations, capacities, hours, seed):
    """One run of the line in SimPy; returns the same figures as `twin line --json`."""
    import simpy

    env = simpy.Environment()
    buffers = [simpy.Store(env, capacity=c) for c in capacities]
    result = {"completed": 0, "scrapped": 0, "stations": []}

    def station(k, rng):
        _, cycle_s, scrap, mtbf_h, mttr_h = stations[k]
        mean_up_s, mean_repair_s = mtbf_h * 3600.0, mttr_h * 3600.0
        record = {"failures": 0, "time": dict.fromkeys(STATES, 0.0)}
        result["stations"].append(record)
        state, since = "starved", 0.0

        def enter(new):
            nonlocal state, since
            record["time"][state] += env.now - since
            state, since = new, env.now

        def close():
            record["time"][state] += env.now - since

        record["close"] = close
        inbox = buffers[k - 1] if k > 0 else None
        outbox = buffers[k] if k < len(capacities) else None
        uptime = rng.expovariate(1.0 / mean_up_s)
        while True:
            if inbox is not None:
                enter("starved")
                yield inbox.get()
            enter("running")
            scrapped = scrap > 0 and rng.random() < scrap
            work = cycle_s
            while work > 0:
                if uptime <= work:
                    yield env.timeout(uptime)
                    work -= uptime
                    record["failures"] += 1
                    enter("down")
                    yield env.timeout(rng.expovariate(1.0 / mean_repair_s))
                    enter("running")
                    uptime = rng.expovariate(1.0 / mean_up_s)
                else:
                    yield env.timeout(work)
                    uptime -= work
                    work = 0
            if scrapped:
                result["scrapped"] += 1
            elif outbox is None:
                result["completed"] += 1
            else:
                enter("blocked")
                yield outbox.put(object())

    for k in range(len(stations)):
        env.process(station(k, random.Random(f"{seed}/{k}")))
    horizon_s = hours * 3600.0
    env.run(until=horizon_s)
    for record in result["stations"]:
        record.pop("close")()
        record["shares"] = {s: t / horizon_s for s, t in record.pop("time").items()}
    return result


def twin_run(twin, layout, hours, seed):
    out = subprocess.run([twin, "line", str(layout), "--hours", str(hours), "--seed", str(seed), "--json"],
                         check=True, capture_output=True, text=True).stdout
    kpis = json.loads(out)
    return {
        "completed": kpis["completed"],
        "scrapped": kpis["scrapped"],
        "stations": [{"failures": s["failures"], "shares": {k: s["state_shares"][k] for k in STATES}}
                     for s in kpis["stations"]],
    }


def twin_time_ms(twin, layout, hours):
    """The twin's own timing of the simulation (the last line of `twin line`)."""
    out = subprocess.run([twin, "line", str(layout), "--hours", str(hours)], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"simulated [\d.]+ h in ([\d.]+) ms", out)
    return float(m.group(1)) if m else math.nan


def figures(run, names):
    row = {"completed": run["completed"], "scrapped": run["scrapped"]}
    for name, s in zip(names, run["stations"]):
        row[f"{name} failures"] = s["failures"]
        for state in STATES:
            row[f"{name} {state} %"] = 100.0 * s["shares"][state]
    return row


def compare(twin, layout, runs, hours, simpy_version):
    """Runs one layout in both; prints the table; returns the largest |z|."""
    stations, capacities = read_layout(layout)
    names = [s[0] for s in stations]
    simpy_rows, simpy_best = [], math.inf
    for seed in range(1, runs + 1):
        t0 = time.perf_counter()
        run = simpy_run(stations, capacities, hours, seed)
        simpy_best = min(simpy_best, time.perf_counter() - t0)
        simpy_rows.append(figures(run, names))
    twin_rows = [figures(twin_run(twin, layout, hours, seed), names) for seed in range(1, runs + 1)]
    twin_best = min(twin_time_ms(twin, layout, hours) for _ in range(5))

    print(f"{layout.relative_to(ROOT)}: {runs} runs of {hours:g} h each; mean (standard error)")
    print(f"{'figure':<26}{'twin':>20}{'SimPy ' + simpy_version:>20}{'z':>7}")
    worst = 0.0
    for key in twin_rows[0]:
        a, b = [r[key] for r in twin_rows], [r[key] for r in simpy_rows]
        (ma, sa), (mb, sb) = [(statistics.mean(v), statistics.stdev(v) / math.sqrt(len(v))) for v in (a, b)]
        se = math.hypot(sa, sb)
        z = (ma - mb) / se if se > 0 else (0.0 if ma == mb else math.inf)
        worst = max(worst, abs(z))
        print(f"{key:<26}{ma:>12.2f} ({sa:5.2f}){mb:>12.2f} ({sb:5.2f}){z:>7.2f}")
    print(f"time for {hours:g} h: twin {twin_best:.1f} ms (its own timing, best of 5), "
          f"SimPy {simpy_best * 1e3:.0f} ms (best of {runs}): {simpy_best * 1e3 / twin_best:.0f} times faster\n")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layouts", nargs="*", default=LAYOUTS, help="serial generic lines (default: fast-8, generic-8)")
    parser.add_argument("--runs", type=int, default=20, help="seeds per simulator (default 20)")
    parser.add_argument("--hours", type=float, default=168.0, help="plant hours per run (default 168)")
    parser.add_argument("--twin", help="the twin binary (default: built with cargo, release)")
    args = parser.parse_args()
    try:
        import simpy
    except ImportError:
        sys.exit("simpy-crosscheck: SimPy is not installed (pip install simpy)")
    twin = args.twin
    if twin is None:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "twin"], cwd=ROOT, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        twin = str(target / "release" / "twin")
    worst = max(compare(twin, (ROOT / layout).resolve(), args.runs, args.hours, simpy.__version__)
                for layout in args.layouts)
    if worst > 4.0:
        sys.exit(f"simpy-crosscheck: the largest difference is {worst:.1f} standard errors: the models disagree")
    print(f"agree: the largest difference is {worst:.1f} standard errors")


if __name__ == "__main__":
    main()

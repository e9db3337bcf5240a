//! The fast path against the general kernel: the same state, log and alarms after every
//! step, on the benchmark week and on random chains of generic stations.

use proptest::prelude::*;

use super::*;
use crate::alarms::AlarmBoard;
use crate::faults::Fault;
use crate::layout::LineLayout;
use crate::log::EventLog;

/// One station of a generated line: cycle time s, scrap share, MTBF h (none: never fails),
/// MTTR h.
type StationSpec = (f64, f64, Option<f64>, f64);

/// A layout of one or two chains of generic stations, listed in a shuffled order (so
/// that buffers also lead to lower indices).
fn layout(chains: &[Vec<StationSpec>], capacities: &[u32], order: &[usize]) -> LineLayout {
    let total: usize = chains.iter().map(Vec::len).sum();
    let name = |k: usize| format!("s{}", order[k % order.len()] * 1000 + k);
    let mut stations = vec![String::new(); total];
    let mut buffers = String::new();
    let mut k = 0;
    for chain in chains {
        for (j, &(cycle_s, scrap, mtbf_h, mttr_h)) in chain.iter().enumerate() {
            let mtbf = mtbf_h.map_or(String::new(), |h| format!(", mtbf_h: {h}, mttr_h: {mttr_h}"));
            stations[k] = format!(
                "(id: \"{}\", area: \"a\", kind: Generic(cycle_time_s: {cycle_s}, scrap_frac: {scrap}){mtbf})",
                name(k)
            );
            if j > 0 {
                let capacity = capacities[k % capacities.len()];
                buffers += &format!("(from: \"{}\", to: \"{}\", capacity: {capacity}),", name(k - 1), name(k));
            }
            k += 1;
        }
    }
    // Listed by generated name, so the flow runs through the indices in a shuffled order.
    stations.sort();
    let text = format!(
        "LineLayout(id: \"t\", title: (en: \"t\", nl: \"t\"), stations: [{}], buffers: [{buffers}])",
        stations.join(",")
    );
    LineLayout::from_ron("t.ron", &text).expect("generated layout is valid")
}

/// What happens between two steps.
#[derive(Clone, Debug)]
enum Act {
    Nothing,
    Breakdown(usize, u64),
    Stop(usize),
    Start(usize),
    Maintenance(usize, u64),
    CycleTime(usize, f64),
}

fn act(line: &mut Line, act: &Act, now: u64, journal: &mut Journal) {
    let n = line.stations.len();
    match *act {
        Act::Nothing => {}
        Act::Breakdown(i, ms) => {
            let _ = line.force_breakdown(i % n, now, ms, journal);
        }
        Act::Stop(i) => line.request_stop(i % n, now),
        Act::Start(i) => line.request_start(i % n, now),
        Act::Maintenance(i, ms) => {
            let _ = line.start_maintenance(i % n, now, ms);
        }
        Act::CycleTime(i, s) => {
            if let crate::stations::StationKind::Generic(g) = &mut line.stations[i % n].kind {
                g.cycle_time_s = s;
            }
        }
    }
}

/// Runs the line in the given steps on the fast path and on the general kernel and
/// asserts the same state, log and alarms after every step.
fn same_as_general(layout: &LineLayout, seed: u64, steps: &[(u64, Act)]) {
    let (mut fast, mut general) = (Line::new(layout, seed), Line::new(layout, seed));
    let (mut log_f, mut log_g) = (EventLog::default(), EventLog::default());
    let (mut alarms_f, mut alarms_g) = (AlarmBoard::default(), AlarmBoard::default());
    let (mut now_f, mut now_g) = (0, 0);
    let mut took_fast_path = false;
    for (k, (step_ms, what)) in steps.iter().enumerate() {
        took_fast_path |= FixedRun::fits(&fast);
        let mut journal = Journal { log: &mut log_f, alarms: &mut alarms_f };
        let end = now_f + step_ms;
        fast.advance_to(&mut now_f, end, &mut journal);
        act(&mut fast, what, now_f, &mut journal);
        let mut journal = Journal { log: &mut log_g, alarms: &mut alarms_g };
        let end = now_g + step_ms;
        general.advance_to_general(&mut now_g, end, &mut journal);
        act(&mut general, what, now_g, &mut journal);
        assert_eq!(now_f, now_g);
        if fast != general {
            let stations = fast.stations.iter().zip(&general.stations).position(|(a, b)| a != b);
            let buffers = fast.buffers.iter().zip(&general.buffers).position(|(a, b)| a != b);
            let detail = match (stations, buffers) {
                (Some(i), _) => format!("station {i}: {:#?}\nvs {:#?}", fast.stations[i], general.stations[i]),
                (_, Some(b)) => format!("buffer {b}: {:#?}\nvs {:#?}", fast.buffers[b], general.buffers[b]),
                _ => format!("{:#?}\nvs {:#?}", fast.counters, general.counters),
            };
            panic!("step {k} ({what:?}): the fast path and the general kernel differ at {detail}");
        }
        assert_eq!(log_f, log_g, "step {k}: logs differ");
        assert_eq!(alarms_f, alarms_g, "step {k}: alarms differ");
    }
    assert!(took_fast_path, "the fast path never ran");
}

/// How many runs of the chain recursion `f` makes (with runs forced to give up at their first
/// repair when `abandon`), and how many of them complete.
fn chain_runs(abandon: bool, f: impl FnOnce()) -> u32 {
    chain::ABANDON_AT_REPAIR.with(|a| a.set(abandon));
    let before = chain::CHAIN_RUNS.with(|c| c.get());
    f();
    chain::ABANDON_AT_REPAIR.with(|a| a.set(false));
    chain::CHAIN_RUNS.with(|c| c.get()) - before
}

#[test]
fn the_benchmark_week_is_the_same_on_both_paths() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/fast-8.ron");
    let text = std::fs::read_to_string(path).expect("bundled layout");
    let layout = LineLayout::from_ron(path, &text).expect("valid");
    // One step, then uneven ones (a step ends mid-cycle, mid-repair, on an event): by the
    // chain recursion (fast-8 is one chain in index order).
    let week = [(168 * 3_600_000, Act::Nothing)];
    assert_eq!(chain_runs(false, || same_as_general(&layout, 1, &week)), 1);
    let steps: Vec<(u64, Act)> = (0..400).map(|k| (1 + (k * 7919 % 3_000_000), Act::Nothing)).collect();
    assert_eq!(chain_runs(false, || same_as_general(&layout, 5, &steps)), 400);
    // And event by event, each run of the recursion giving up at its first repair.
    assert_eq!(chain_runs(true, || same_as_general(&layout, 1, &week)), 0);
}

#[test]
fn a_run_with_more_breakdowns_than_it_keeps_gives_way() {
    // Eight stations failing every six minutes of operation: some 160 breakdowns and repairs
    // an hour, past the recursion's limit within 200 h.
    let chain = vec![(20.0, 0.01, Some(0.1), 0.01); 8];
    let layout = layout(&[chain], &[3], &[1]);
    let long = [(200 * 3_600_000, Act::Nothing)];
    assert_eq!(chain_runs(false, || same_as_general(&layout, 3, &long)), 0);
    // A shorter step stays within it.
    let short = [(20 * 3_600_000, Act::Nothing)];
    assert_eq!(chain_runs(false, || same_as_general(&layout, 3, &short)), 1);
}

#[test]
fn a_line_with_a_fault_or_a_stop_leaves_the_fast_path() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/generic-8.ron");
    let text = std::fs::read_to_string(path).expect("bundled layout");
    let mut line = Line::new(&LineLayout::from_ron(path, &text).expect("valid"), 1);
    assert!(FixedRun::fits(&line));
    line.request_stop(2, 0);
    assert!(!FixedRun::fits(&line));
    line.request_start(2, 0);
    assert!(FixedRun::fits(&line));
    line.start_maintenance(3, 0, 1000).expect("maintenance starts");
    assert!(!FixedRun::fits(&line));
    // No generic station takes a fault.
    assert!(line.inject_fault(0, Fault::ClogDieLip, 0).is_err());
    // A line with a kind of another sort never takes the fast path.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/lines/electrode-nmc811.ron");
    let text = std::fs::read_to_string(path).expect("bundled layout");
    let mut electrode = Line::new(&LineLayout::from_ron(path, &text).expect("valid"), 1);
    assert!(FixedRun::take(&mut electrode).is_none());
}

fn station() -> impl Strategy<Value = StationSpec> {
    (
        prop_oneof![(1u32..40).prop_map(f64::from), 1.0f64..40.0],
        prop_oneof![Just(0.0), 0.0f64..0.3],
        prop_oneof![Just(None), (0.1f64..3.0).prop_map(Some)],
        0.001f64..0.3,
    )
}

fn act_strategy() -> impl Strategy<Value = Act> {
    prop_oneof![
        6 => Just(Act::Nothing),
        1 => (0usize..20, 1u64..2_000_000).prop_map(|(i, ms)| Act::Breakdown(i, ms)),
        1 => (0usize..20).prop_map(Act::Stop),
        1 => (0usize..20).prop_map(Act::Start),
        1 => (0usize..20, 1u64..2_000_000).prop_map(|(i, ms)| Act::Maintenance(i, ms)),
        1 => (0usize..20, 1.0f64..30.0).prop_map(|(i, s)| Act::CycleTime(i, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// On random chains of generic stations, stepped unevenly, with breakdowns, stops,
    /// maintenance and cycle-time changes between steps, the fast path reaches the same
    /// state as the general kernel after every step.
    #[test]
    fn the_fast_path_is_the_general_kernel(
        chains in prop::collection::vec(prop::collection::vec(station(), 1..7), 1..3),
        capacities in prop::collection::vec(1u32..6, 1..6),
        order in prop::collection::vec(0usize..9, 1..9),
        seed in 0u64..1000,
        steps in prop::collection::vec((1u64..7_200_000, act_strategy()), 1..40),
    ) {
        same_as_general(&layout(&chains, &capacities, &order), seed, &steps);
    }

    /// On random single chains in index order, the chain recursion (and, where it gives up,
    /// the event-by-event path after it) reaches the same state as the general kernel after
    /// every step.
    #[test]
    fn the_chain_recursion_is_the_general_kernel(
        chain in prop::collection::vec(station(), 1..13),
        capacities in prop::collection::vec(1u32..6, 1..6),
        seed in 0u64..1000,
        steps in prop::collection::vec((1u64..7_200_000, act_strategy()), 1..40),
        abandon in prop::bool::weighted(0.2),
    ) {
        // One name prefix for all: the stations are listed, and flow, in index order.
        let runs = chain_runs(abandon, || same_as_general(&layout(&[chain], &capacities, &[1]), seed, &steps));
        prop_assert!(abandon || runs > 0, "the recursion never ran");
    }
}

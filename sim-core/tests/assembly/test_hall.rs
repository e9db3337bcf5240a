//! The formation and test hall: plating in formation, the K-value of aging, grading at the
//! end of the line, and formation channels as the line's resource.

use super::*;
use sim_core::cell::Grade;
use sim_core::stations::finishing::eol_tester::EolTester;

/// A good sealed cell from the reference settings.
fn sealed() -> Cell {
    make_cell(|_| {}, &[], 5.0)
}

/// `cell` through the test-hall stations `ids` (with `change` applied to the kinds), with
/// random draws from `seed`.
fn finish(
    cell: &Cell,
    ids: &[&str],
    change: impl FnOnce(&mut Vec<StationKind>),
    seed: u64,
) -> (Cell, Vec<CycleReport>) {
    let mut kinds: Vec<StationKind> = ids.iter().map(|id| kind(id)).collect();
    change(&mut kinds);
    let mut unit = Unit::new(9, Payload::Cell(Box::new(cell.clone())), 0);
    let mut rng = rng::stream(seed, "test-hall");
    let reports = kinds.iter_mut().enumerate().map(|(i, k)| cycle(20 + i, k, &mut unit, &[], &mut rng, 0.0)).collect();
    match unit.payload {
        Payload::Cell(c) => (*c, reports),
        other => panic!("no cell: {other:?}"),
    }
}

fn formation_at(c_rate: f64, temp_degc: f64) -> impl FnOnce(&mut Vec<StationKind>) {
    move |kinds| {
        let f = as_kind!(&mut kinds[0], FormationRack);
        f.charge_c_rate = c_rate;
        f.temp_degc = temp_degc;
    }
}

/// The must-show: formation at a high C-rate plates lithium (capacity and first-cycle
/// efficiency fall); a cold room plates at a rate that is safe when warm; a cell whose anode
/// does not overhang its cathode plates at a rate safe for others, and the plating is booked
/// to the stacker's cause.
#[test]
fn formation_at_a_high_c_rate_or_in_the_cold_plates_lithium() {
    let cell = sealed();
    assert!(cell.defects.is_empty(), "{:?}", cell.defects);
    let plated = |c_rate: f64, temp: f64, cell: &Cell| {
        let cells: Vec<Cell> = (0..20).map(|s| finish(cell, &["formation"], formation_at(c_rate, temp), s).0).collect();
        let n = cells.iter().filter(|c| c.has(CellDefectKind::LithiumPlating)).count();
        let ce = cells.iter().map(|c| c.formation.as_ref().unwrap().efficiency).sum::<f64>() / 20.0;
        (n, ce, cells)
    };
    // The rack's channel screen: the first charge to 4.2 V takes about 1.09 / C hours, and
    // the whole protocol matches the rack's estimate of its time on a channel.
    let mut kinds = [kind("formation")];
    let mut unit = Unit::new(9, Payload::Cell(Box::new(cell.clone())), 0);
    let mut rng = rng::stream(1, "screen");
    cycle(0, &mut kinds[0], &mut unit, &[], &mut rng, 0.0);
    let rack = as_kind!(&kinds[0], FormationRack);
    let screen = &rack.screens[0];
    let first_charge_end = screen.points.iter().find(|p| p[1] >= 4.199).unwrap()[0];
    assert!((first_charge_end - 10.9).abs() < 0.6, "first charge ends at {first_charge_end} h");
    assert!(screen.points[0][1] < 3.3, "an assembled cell starts discharged: {} V", screen.points[0][1]);
    let duration = rack.last.as_ref().unwrap().duration_h;
    assert!(
        (duration / rack.rack_time_estimate_h() - 1.0).abs() < 0.05,
        "{duration} h vs {}",
        rack.rack_time_estimate_h()
    );

    let (slow, slow_ce, slow_cells) = plated(0.1, 25.0, &cell);
    let (fast, fast_ce, fast_cells) = plated(0.8, 25.0, &cell);
    assert_eq!(slow, 0);
    assert_eq!(fast, 20);
    assert!((0.85..0.92).contains(&slow_ce), "CE1 {slow_ce} in the NMC811 range");
    assert!(fast_ce < slow_ce - 0.004, "plating costs first-cycle efficiency: {fast_ce} vs {slow_ce}");
    let cap = |cells: &[Cell]| cells.iter().map(|c| c.formation.as_ref().unwrap().capacity_ah).sum::<f64>();
    assert!(cap(&fast_cells) < cap(&slow_cells));
    assert!(fast_cells[0].defects.iter().any(|d| d.cause == "formation-current-above-critical"));

    let (warm, ..) = plated(0.4, 25.0, &cell);
    let (cold, _, cold_cells) = plated(0.4, 12.0, &cell);
    assert_eq!(warm, 0);
    assert!(cold >= 18, "{cold} of 20 plated in the cold");
    assert!(cold_cells.iter().flat_map(|c| &c.defects).any(|d| d.cause == "formation-too-cold-for-its-current"));

    let mut edge = cell.clone();
    edge.add_defect(CellDefectKind::EdgePlatingRisk, 9, "stacker-alignment-drift");
    let (edge_plated, _, edge_cells) = plated(0.45, 25.0, &edge);
    let (clean, ..) = plated(0.45, 25.0, &cell);
    assert_eq!(clean, 0);
    assert!(edge_plated >= 16, "{edge_plated} of 20 overhang-short cells plated");
    let d = edge_cells.iter().flat_map(|c| &c.defects).find(|d| d.kind == CellDefectKind::LithiumPlating).unwrap();
    assert_eq!((d.origin, d.cause.as_str()), (9, "stacker-alignment-drift"));
}

/// The must-show: a cell built with over-limit burrs shows a K-value clearly above good
/// cells, as does one with particles in its coating; a longer aging measures K more tightly.
#[test]
fn a_cell_with_an_over_limit_burr_has_a_k_value_clearly_above_good_cells() {
    let good = sealed();
    let mut burred = good.clone();
    burred.sheets_over_burr_limit = 3;
    let k = |cell: &Cell, days: f64| -> Vec<f64> {
        (0..40)
            .map(|s| {
                let aged = finish(cell, &["formation", "aging"], |k| as_kind!(&mut k[1], AgingRack).days = days, s).0;
                aged.aging.unwrap().k_mv_per_day
            })
            .collect()
    };
    let (good_k, burr_k) = (k(&good, 3.0), k(&burred, 3.0));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let good_max = good_k.iter().cloned().fold(f64::MIN, f64::max);
    assert!(good_max < 0.3, "good cells up to {good_max} mV/d");
    assert!(mean(&burr_k) > 8.0 * mean(&good_k), "burr {} vs good {} mV/d", mean(&burr_k), mean(&good_k));
    // A particle standing out of a coating the inspection missed shorts too, less often.
    let mut particled = good.clone();
    particled.latent_defect_sheets = 4;
    let particle_k = k(&particled, 3.0);
    assert!(mean(&particle_k) > 4.0 * mean(&good_k), "particles {} vs good {} mV/d", mean(&particle_k), mean(&good_k));
    let clearly = burr_k.iter().filter(|k| **k > 2.0 * good_max).count();
    assert!(clearly >= 32, "{clearly} of 40 burred cells clearly above every good cell");
    let spread = |v: &[f64]| {
        let m = mean(v);
        (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt()
    };
    assert!(spread(&k(&good, 14.0)) < spread(&k(&good, 1.0)) / 4.0, "fourteen days measure K tighter than one");
}

/// The end-of-line test measures the cell's own circuit: a thicker cathode with the same
/// loading but a lower fill fraction tests at a higher DCIR; the grade follows the
/// thresholds; a reject with a defect is scrapped under its root cause.
#[test]
fn the_end_of_line_test_grades_by_the_thresholds_and_books_rejects_to_their_cause() {
    let good = sealed();
    let ids = ["formation", "aging", "eol"];
    let (tested, reports) = finish(&good, &ids, |_| {}, 1);
    let eol = tested.end_of_line.as_ref().unwrap();
    assert_eq!(eol.grade, Grade::A, "{eol:?}");
    assert!((45.0..53.0).contains(&eol.capacity_ah) && (2.0..6.0).contains(&eol.dcir_mohm), "{eol:?}");
    assert!(reports[2].scrap_unit.is_none());
    let mut underfilled = good.clone();
    underfilled.electrolyte.fill_frac = 0.6;
    let (worse, _) = finish(&underfilled, &ids, |_| {}, 1);
    let worse_dcir = worse.end_of_line.as_ref().unwrap().dcir_mohm;
    assert!(worse_dcir > eol.dcir_mohm * 1.1, "{worse_dcir} vs {} mohm", eol.dcir_mohm);

    let strict = |k: &mut Vec<StationKind>| as_kind!(&mut k[2], EolTester).min_capacity_a_ah = eol.capacity_ah + 0.1;
    assert_eq!(finish(&good, &ids, strict, 1).0.end_of_line.unwrap().grade, Grade::B);
    let reject_all = |k: &mut Vec<StationKind>| {
        let t = as_kind!(&mut k[2], EolTester);
        t.max_dcir_a_mohm = 1.0;
        t.max_dcir_b_mohm = 1.0;
    };
    let (rejected, reports) = finish(&good, &ids, reject_all, 1);
    assert_eq!(rejected.end_of_line.unwrap().grade, Grade::Reject);
    assert_eq!(reports[2].scrap_unit.as_ref().map(|s| s.1.as_str()), Some("gradedout/above-the-resistance-threshold"));

    let mut burred = good.clone();
    burred.sheets_over_burr_limit = 6;
    burred.add_defect(CellDefectKind::ShortRisk, 5, "burr-above-limit");
    let (b, reports) = finish(&burred, &ids, |_| {}, 2);
    assert_eq!(b.end_of_line.unwrap().grade, Grade::Reject, "K {:?}", b.aging);
    assert_eq!(reports[2].scrap_unit, Some((5, "shortrisk/burr-above-limit".to_string())));
}

/// The must-show at line level: tightening the grade A thresholds lowers the grade A yield,
/// loosening them raises it.
#[test]
fn changing_the_grading_thresholds_changes_the_yield() {
    let yield_a = |min_capacity_a_ah: f64| {
        let mut layout = common::layout_for("cell-test-hall");
        let s = layout.stations.iter_mut().find(|s| s.id == "eol").unwrap();
        as_kind!(&mut s.kind, EolTester).min_capacity_a_ah = min_capacity_a_ah;
        let mut sim = Simulation::new(&layout, 4).unwrap();
        sim.run_hours(6.0);
        let i = sim.line.station_index("eol").unwrap();
        let t: &EolTester = match &sim.line.stations[i].kind {
            StationKind::EolTester(t) => t,
            _ => unreachable!(),
        };
        assert!(t.graded.iter().sum::<u64>() > 100, "{:?}", t.graded);
        // The channel screens show the last cells' tests: charged to 4.2 V, discharged at 1C
        // to 3.0 V, with currents of both signs.
        assert_eq!(t.screens.len(), 4);
        for screen in &t.screens {
            assert!(screen.points.len() > 20 && screen.points.len() <= 151, "{}", screen.points.len());
            assert!(screen.points.iter().all(|p| (2.95..=4.201).contains(&p[1])), "{:?}", screen.points);
            assert!(screen.points.iter().any(|p| p[2] < -20.0) && screen.points.iter().any(|p| p[2] > 50.0));
        }
        t.yield_a_pct().unwrap()
    };
    let (loose, default, tight) = (yield_a(40.0), yield_a(50.0), yield_a(50.9));
    assert!(loose >= default && default > tight + 10.0, "yield A {loose} / {default} / {tight} %");
}

/// Formation channels are a limited resource: too few for the line's rate make formation
/// the bottleneck (the cells queue before it, the line's output falls to the racks'
/// capacity); a faster first charge frees channels and the output recovers.
#[test]
fn too_few_formation_channels_make_formation_the_bottleneck() {
    let run = |channels: u32, c_rate: f64| {
        let mut layout = common::layout_for("cell-test-hall");
        let s = layout.stations.iter_mut().find(|s| s.id == "formation").unwrap();
        let f = as_kind!(&mut s.kind, FormationRack);
        f.channels = channels;
        f.charge_c_rate = c_rate;
        let capacity = f.capacity_cells_per_h();
        let mut sim = Simulation::new(&layout, 5).unwrap();
        sim.run_hours(16.0);
        let k = sim.kpis();
        let formation = k.stations.iter().find(|s| s.id == "formation").unwrap().clone();
        let i = sim.line.station_index("formation").unwrap();
        let in_use = match &sim.line.stations[i].kind {
            StationKind::FormationRack(f) => f.channels_in_use().unwrap(),
            _ => unreachable!(),
        };
        (k.completed as f64 / 16.0, formation, capacity, in_use)
    };
    let (ample, _, _, ample_in_use) = run(3400, 0.1);
    let (short, formation, capacity, short_in_use) = run(1500, 0.1);
    // The symptom on the rack's screen: every channel busy when it holds the line back.
    assert!(short_in_use > 1450.0 && ample_in_use < 3300.0, "channels in use {short_in_use} / {ample_in_use}");
    let (faster, ..) = run(1500, 0.2);
    assert!(short < 0.85 * ample, "{short} vs {ample} cells/h");
    assert!(formation.utilisation > 0.9, "formation busy {:?}", formation.utilisation);
    assert!(short < capacity * 1.05, "the output is held to the racks' {capacity} cells/h");
    assert!(faster > short * 1.2, "a 0.2C first charge: {faster} vs {short} cells/h");
}

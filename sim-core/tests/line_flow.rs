//! The line-flow model against queueing theory and conservation laws.

mod common;

use sim_core::Simulation;
use sim_core::line::EquipmentState;

#[test]
fn without_failures_throughput_is_set_by_the_slowest_station() {
    for (cycles, capacity) in [
        (vec![30.0, 60.0, 45.0, 20.0], 1),
        (vec![10.0, 12.0, 37.0, 11.0, 36.0, 9.0], 3),
        (vec![50.0], 1),
        (vec![25.0, 25.0, 25.0], 2),
    ] {
        let layout = common::serial_line(&cycles.iter().map(|&c| (c, None)).collect::<Vec<_>>(), capacity);
        let mut sim = Simulation::new(&layout, 5).unwrap();
        let hours = 100.0;
        sim.run_hours(hours);
        let c_max = cycles.iter().cloned().fold(0.0, f64::max);
        let fill: f64 = cycles.iter().sum();
        // First unit leaves after the sum of cycle times, then one every c_max.
        let expected = ((hours * 3600.0 - fill) / c_max).floor() + 1.0;
        let completed = sim.kpis().completed as f64;
        assert!((completed - expected).abs() <= 1.0, "{cycles:?}: completed {completed}, expected {expected}");
    }
}

#[test]
fn with_failures_and_large_buffers_throughput_tends_to_min_availability_over_cycle() {
    // (cycle s, MTBF h, MTTR h)
    let stations = [(40.0, 10.0, 1.0), (45.0, 20.0, 0.5), (36.0, 5.0, 1.5), (42.0, 50.0, 2.0)];
    let layout = common::serial_line(
        &stations.iter().map(|&(c, mtbf, mttr)| (c, Some((mtbf, mttr)))).collect::<Vec<_>>(),
        1_000_000,
    );
    let expected_per_h =
        stations.iter().map(|&(c, mtbf, mttr)| mtbf / (mtbf + mttr) / c * 3600.0).fold(f64::INFINITY, f64::min);
    let mut sim = Simulation::new(&layout, 17).unwrap();
    sim.run_hours(5000.0);
    let k = sim.kpis();
    let rel = (k.throughput_per_h - expected_per_h).abs() / expected_per_h;
    assert!(
        rel < 0.03,
        "throughput {:.3}/h vs min A/c {:.3}/h ({:.2} %)",
        k.throughput_per_h,
        expected_per_h,
        rel * 100.0
    );
    // Failures did happen at every station.
    assert!(k.stations.iter().all(|s| s.failures > 10));
}

#[test]
fn state_shares_sum_to_one_and_units_are_conserved() {
    let layout = common::serial_line_with_scrap(
        &[
            (30.0, Some((5.0, 0.5)), 0.0),
            (35.0, Some((8.0, 0.3)), 0.05),
            (33.0, Some((3.0, 0.2)), 0.02),
            (20.0, None, 0.1),
        ],
        4,
    );
    let mut sim = Simulation::new(&layout, 23).unwrap();
    for _ in 0..50 {
        sim.run_hours(3.7);
        let k = sim.kpis();
        for s in &k.stations {
            assert!((s.state_shares.sum() - 1.0).abs() < 1e-9, "{}: {}", s.id, s.state_shares.sum());
        }
        assert_eq!(k.entered, k.completed + k.wip + k.scrapped, "conservation at {} h", k.elapsed_h);
        let station_scrap: u64 = k.stations.iter().map(|s| s.scrapped).sum();
        assert_eq!(station_scrap, k.scrapped);
        let wip_counted: u64 = sim.line.stations.iter().map(|s| s.wip()).sum::<u64>()
            + sim.line.buffers.iter().map(|b| b.units.len() as u64).sum::<u64>();
        assert_eq!(wip_counted, k.wip);
    }
    assert!(sim.kpis().scrapped > 0);
}

#[test]
fn a_slow_station_starves_those_after_and_blocks_those_before() {
    let layout = common::serial_line(&[(10.0, None), (60.0, None), (10.0, None)], 2);
    let mut sim = Simulation::new(&layout, 1).unwrap();
    sim.run_hours(10.0);
    let k = sim.kpis();
    assert!(k.stations[0].state_shares.blocked > 0.8, "{:?}", k.stations[0].state_shares);
    assert!(k.stations[1].state_shares.running > 0.99);
    assert!(k.stations[2].state_shares.starved > 0.8);
    assert!((k.stations[1].oee - 1.0).abs() < 0.01);
    assert!(k.stations[0].performance < 0.2);
}

/// Blocking after service: a full buffer holds exactly its capacity, and the station before
/// it waits holding its one finished unit (so the line holds capacity + 2 units).
#[test]
fn a_full_buffer_holds_its_capacity_and_the_station_before_keeps_its_finished_unit() {
    for capacity in [1, 3, 7] {
        let layout = common::serial_line(&[(2.0, None), (100.0, None)], capacity);
        let mut sim = Simulation::new(&layout, 1).unwrap();
        sim.run_hours(1.0);
        let k = sim.kpis();
        assert_eq!(k.buffers[0].level, capacity as usize, "capacity {capacity}");
        assert_eq!(k.buffers[0].peak_level, capacity);
        assert_eq!(sim.line.stations[0].state, EquipmentState::Blocked);
        assert_eq!(sim.line.stations[0].wip(), 1);
        assert_eq!(k.wip, capacity as u64 + 2, "capacity {capacity}");
        // The first station makes one unit per unit the slow one finishes, plus the ones
        // that filled the line.
        assert_eq!(k.entered, k.completed + k.wip);
    }
}

#[test]
fn time_to_failure_counts_operating_time_only() {
    // Station 1 is starved most of the time: it runs 1/6 of the time, so it should fail
    // about 1/6 as often as if it ran all the time.
    let layout = common::serial_line(&[(60.0, None), (10.0, Some((1.0, 0.01)))], 5);
    let mut sim = Simulation::new(&layout, 9).unwrap();
    sim.run_hours(3000.0);
    let k = sim.kpis();
    let running_h = k.stations[1].state_shares.running * 3000.0;
    let failures = k.stations[1].failures as f64;
    // Expected failures = running hours / MTBF; allow 4 sigma of Poisson noise.
    assert!((failures - running_h).abs() < 4.0 * running_h.sqrt(), "failures {failures}, running {running_h:.0} h");
    assert!(failures < 3000.0 / 3.0);
}

#[test]
fn an_operator_stop_is_idle_time_and_not_downtime() {
    let layout = common::serial_line(&[(10.0, None), (10.0, None)], 2);
    let mut sim = Simulation::new(&layout, 1).unwrap();
    sim.tick(&[sim_core::Command::StopStation { station: "s1".into() }]);
    sim.run_hours(1.0);
    assert_eq!(sim.line.stations[1].state, EquipmentState::Idle);
    assert_eq!(sim.line.stations[0].state, EquipmentState::Blocked);
    let k = sim.kpis();
    assert!(k.stations[1].state_shares.idle > 0.99);
    assert_eq!(k.stations[1].state_shares.down, 0.0);
    sim.tick(&[sim_core::Command::StartStation { station: "s1".into() }]);
    sim.run_hours(1.0);
    assert!(sim.kpis().completed > 300);
}

#[test]
fn breakdowns_raise_alarms_that_clear_on_repair() {
    let layout = common::serial_line(&[(10.0, Some((0.5, 0.1)))], 1);
    let mut sim = Simulation::new(&layout, 4).unwrap();
    sim.run_hours(20.0);
    let failures = sim.kpis().stations[0].failures;
    assert!(failures > 10);
    let raised = sim.alarms.alarms.len() as u64;
    assert_eq!(raised, failures);
    let down_now = sim.line.stations[0].state == EquipmentState::Down;
    let active = sim.alarms.alarms.iter().filter(|a| a.active).count();
    assert_eq!(active, down_now as usize);
}

#[test]
fn a_followed_unit_moves_downstream_until_it_leaves_the_line() {
    use sim_core::line::UnitPlace;
    let layout = common::serial_line(&[(30.0, None), (60.0, None), (45.0, None)], 2);
    let mut sim = Simulation::new(&layout, 3).unwrap();
    sim.advance_ticks(1);
    let first = sim.line.stations[0].in_process().expect("the source loads at once").id;
    // Where the unit is, as a position along the flow: station i is 2i, buffer b is 2b+1.
    let position = |place: UnitPlace| match place {
        UnitPlace::InStation { station, .. } => 2 * station,
        UnitPlace::InBuffer { buffer, .. } => 2 * buffer + 1,
    };
    let mut seen = vec![];
    for _ in 0..2000 {
        match sim.line.locate_unit(first) {
            Some(place) => {
                let unit = match place {
                    UnitPlace::InStation { unit, .. } | UnitPlace::InBuffer { unit, .. } => unit,
                };
                assert_eq!(unit, first, "a serial line never merges units");
                let p = position(place);
                assert!(seen.last().is_none_or(|&last| p >= last), "moved upstream: {seen:?} then {p}");
                if seen.last() != Some(&p) {
                    seen.push(p);
                }
            }
            None => break,
        }
        sim.advance_ticks(10);
    }
    assert_eq!(sim.line.locate_unit(first), None, "the unit left the line");
    assert_eq!(seen.first(), Some(&0));
    assert_eq!(seen.last(), Some(&4), "it was last seen at the last station: {seen:?}");
    assert!(sim.kpis().completed >= 1);
    assert_eq!(sim.line.locate_unit(u64::MAX), None);
}

#[test]
fn cycle_progress_follows_operating_time_and_stands_still_while_down() {
    // One station with a 100 s cycle, stepped 10 s a tick.
    let layout = common::serial_line(&[(100.0, None)], 1);
    let mut sim = Simulation::with_step(&layout, 1, 10_000).unwrap();
    sim.advance_ticks(3);
    let progress = |sim: &Simulation| sim.line.stations[0].cycle_progress(sim.now_ms).unwrap();
    assert!((progress(&sim) - 0.3).abs() < 1e-9, "30 s into a 100 s cycle: {}", progress(&sim));
    sim.tick(&[sim_core::Command::Breakdown { station: "s0".into(), repair_s: 40.0 }]);
    assert_eq!(sim.line.stations[0].state, EquipmentState::Down);
    let at_breakdown = progress(&sim);
    sim.advance_ticks(2);
    assert_eq!(progress(&sim), at_breakdown, "the cycle's clock stops while the station is down");
    sim.advance_ticks(4);
    assert!(progress(&sim) > at_breakdown, "and runs again after the repair");
    // A station without a unit in process has no cycle to follow.
    sim.tick(&[sim_core::Command::StopStation { station: "s0".into() }]);
    sim.run_hours(1.0);
    assert_eq!(sim.line.stations[0].cycle_progress(sim.now_ms), None);
}

/// The kernel visits only the stations an event can have freed; after every tick, whatever
/// the line and whatever the operator did, no station may be left that could move a unit.
mod settled_after_every_tick {
    use super::common;
    use proptest::prelude::*;
    use sim_core::Simulation;
    use sim_core::command::Command;

    fn check(sim: &Simulation) -> Result<(), TestCaseError> {
        let unsettled = sim.line.unsettled_station();
        prop_assert!(unsettled.is_none(), "station {:?} could move at {} ms", unsettled, sim.now_ms);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn on_random_serial_lines_with_operator_commands(
            stations in prop::collection::vec((1.0f64..90.0, prop::option::of((0.2f64..6.0, 0.05f64..0.8)), 0.0f64..0.2), 2..9),
            capacity in 1u32..4,
            commands in prop::collection::vec((0u64..3000, 0usize..8, 0u8..4, 1.0f64..900.0), 0..24),
            seed in 0u64..1000,
        ) {
            let layout = common::serial_line_with_scrap(&stations, capacity);
            let mut sim = Simulation::with_step(&layout, seed, 5_000).unwrap();
            for tick in 0..3000u64 {
                let now: Vec<Command> = commands
                    .iter()
                    .filter(|c| c.0 == tick)
                    .map(|&(_, s, what, secs)| {
                        let station = format!("s{}", s % stations.len());
                        match what {
                            0 => Command::StopStation { station },
                            1 => Command::StartStation { station },
                            2 => Command::StartMaintenance { station, duration_s: secs },
                            _ => Command::Breakdown { station, repair_s: secs },
                        }
                    })
                    .collect();
                sim.tick(&now);
                check(&sim)?;
            }
        }
    }

    #[test]
    fn on_the_bundled_lines() {
        for id in [
            "solid-state-cell",
            "electrode-nmc811",
            "assembly-dryroom",
            "cell-test-hall",
            "diepenbeek-lab",
            "genk-thin-film",
        ] {
            let mut sim = Simulation::with_step(&common::layout_for(id), 7, 60_000).unwrap();
            for _ in 0..(12 * 60) {
                sim.tick(&[]);
                check(&sim).unwrap_or_else(|e| panic!("{id}: {e}"));
            }
            assert!(sim.kpis().stations.iter().filter(|s| s.processed > 0).count() > 1, "{id} ran");
        }
    }
}

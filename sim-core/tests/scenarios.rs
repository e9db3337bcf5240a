//! The bundled scenario catalogue: every file validates, every reference replay reproduces
//! its hash and score and scores well, and doing nothing scores far worse. Malformed files
//! give located errors.

mod common;

use std::path::Path;

use sim_core::replay::{ReplaySource, content_hash};
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

use common::{layout_for, load_scenario as load, reference_replay, scenario_files};

#[test]
fn the_catalogue_has_at_least_eight_valid_scenarios_covering_every_station_and_malfunction() {
    let files = scenario_files();
    assert!(files.len() >= 8, "{} scenarios", files.len());
    let mut text_all = String::new();
    let mut has_tour = false;
    let mut shortest = f64::INFINITY;
    let mut longest: f64 = 0.0;
    for f in &files {
        let (s, _, text) = load(f);
        text_all.push_str(&text);
        has_tour |= s.audience.contains(&sim_core::scenario::Audience::Public) && s.estimated_minutes <= 10.0;
        shortest = shortest.min(s.estimated_minutes);
        longest = longest.max(s.duration_h);
    }
    assert!(has_tour, "a short public tour");
    assert!(shortest <= 5.0 && longest >= 8.0, "from a 5-minute tutorial to a full shift");
    for needle in [
        "PumpPulsation",
        "ClogDieLip",
        "HeaterFailure",
        "RollGapDrift",
        "BladeDamage",
        "Breakdown(",
        "LotChange(",
        "RandomFaults(",
        "Order(",
        "MeetOrders",
        "station: \"mixer\"",
        "station: \"coater\"",
        "station: \"dryer\"",
        "station: \"calender\"",
        "station: \"inspection\"",
        "station: \"slitter\"",
    ] {
        assert!(text_all.contains(needle), "no scenario uses {needle}");
    }
}

#[test]
fn every_reference_replay_reproduces_and_scores_well_and_doing_nothing_scores_far_worse() {
    for f in scenario_files() {
        let (scenario, layout, text) = load(&f);
        let replay = reference_replay(&f);
        let ReplaySource::Scenario { path, content_hash: hash } = &replay.source else {
            panic!("not a scenario replay")
        };
        assert_eq!(Path::new(path).file_name(), f.file_name());
        assert_eq!(*hash, content_hash(&text), "{}: scenario changed since the replay was recorded", f.display());

        let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
        run.run_with(&replay.commands, |_, _| {});
        let good = score(&run).total;
        assert_eq!(Some(run.state_hash()), replay.final_hash, "{}: hash", f.display());
        assert_eq!(Some(good), replay.final_score, "{}: score", f.display());
        assert!(good >= 80.0, "{}: reference scores {good}", f.display());

        let mut idle = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
        idle.run_with(&[], |_, _| {});
        let nothing = score(&idle).total;
        assert!(nothing <= good - 30.0, "{}: doing nothing scores {nothing} vs {good}", f.display());
    }
}

#[test]
fn a_scenario_run_is_deterministic_and_survives_a_snapshot() {
    let f = common::repo_file("scenarios/full-shift.ron");
    let (scenario, layout, _) = load(&f);
    let mut a = ScenarioRun::new(&scenario, &layout, None).unwrap();
    let mut b = ScenarioRun::new(&scenario, &layout, None).unwrap();
    for _ in 0..200 {
        a.tick(&[]);
        b.tick(&[]);
    }
    assert_eq!(a.state_hash(), b.state_hash());
    let bytes = postcard::to_allocvec(&a).unwrap();
    let mut restored: ScenarioRun = postcard::from_bytes(&bytes).unwrap();
    a.run_with(&[], |_, _| {});
    restored.run_with(&[], |_, _| {});
    assert_eq!(a.state_hash(), restored.state_hash());
    // Another seed draws other random faults.
    let c = ScenarioRun::new(&scenario, &layout, Some(77)).unwrap();
    assert_ne!(c.random_faults, ScenarioRun::new(&scenario, &layout, None).unwrap().random_faults);
}

#[test]
fn hints_cost_their_penalty_and_trainee_controls_are_enforced() {
    let f = common::repo_file("scenarios/coating-window.ron");
    let (scenario, layout, _) = load(&f);
    let mut run = ScenarioRun::new(&scenario, &layout, None).unwrap();
    let report = run.tick(&[
        sim_core::Command::TakeHint { hint: 0 },
        sim_core::Command::SetControl {
            station: "calender".into(),
            control: "line_load_n_per_mm".into(),
            value: 950.0,
        },
    ]);
    assert_eq!(report.rejected.len(), 1, "the calender is not this trainee's");
    assert!(report.rejected[0].reason.id == "reject-not-yours");
    assert_eq!(run.hints_taken.len(), 1);
    assert_eq!(run.tick(&[sim_core::Command::TakeHint { hint: 0 }]).rejected.len(), 1, "a hint is taken once");
    run.run_with(&[], |_, _| {});
    let s = score(&run);
    assert!(s.penalties.iter().any(|p| p.what.id == "penalty-hint" && p.points == 10.0));
}

#[test]
fn a_safety_violation_costs_points() {
    let f = common::repo_file("scenarios/dryer-heater-failure.ron");
    let (scenario, layout, _) = load(&f);
    let mut run = ScenarioRun::new(&scenario, &layout, None).unwrap();
    run.tick(&[sim_core::Command::SetControl {
        station: "dryer".into(),
        control: "zone1_temp_degc".into(),
        value: 175.0,
    }]);
    assert_eq!(run.safety_violations, 1);
    run.run_with(&[], |_, _| {});
    assert!(score(&run).penalties.iter().any(|p| p.what.id == "penalty-safety" && p.points == 5.0));
}

/// A good scenario to mutate for the malformed-file cases.
const BASE: &str = r#"Scenario(
    id: "t",
    title: "Test",
    difficulty: Beginner,
    estimated_minutes: 10,
    briefing: "b",
    line: "electrode-nmc811",
    step_s: 60,
    duration_h: 4.0,
    overrides: [
        (station: "coater", control: "coating_gap_um", value: 250),
    ],
    events: [
        (at_h: 1.0, hidden: true, action: Fault(station: "coater", fault: ClogDieLip)),
        (at_h: 2.0, action: Breakdown(station: "dryer", repair_h: 0.5)),
    ],
    hints: [
        (text: "h", penalty: 5),
    ],
    objectives: [
        (id: "a", title: "A", weight: 2, kind: Produce(station: "coater", quantity: 1000, by_h: 3.0)),
        (id: "b", title: "B", kind: KeepInLimits(measure: Readout(station: "mixer", readout: "grind_um"), max: 20)),
    ],
)
"#;

/// (what, text to replace, replacement, expected `file:line:col: field `path`` prefix, words in the message)
const MALFORMED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "unknown top-level field",
        "    step_s: 60,",
        "    step_s: 60,\n    colour: 3,",
        "s.ron:9:5: field `colour`",
        "unknown field `colour`",
    ),
    (
        "missing required field",
        "    briefing: \"b\",\n",
        "",
        "s.ron:23:1: field `briefing`",
        "missing field `briefing` in `Scenario`",
    ),
    (
        "wrong type",
        "estimated_minutes: 10,",
        "estimated_minutes: \"ten\",",
        "s.ron:5:23: field `estimated_minutes`",
        "xpected",
    ),
    ("unknown difficulty", "difficulty: Beginner,", "difficulty: Easy,", "s.ron:4:17: field `difficulty`", "Easy"),
    ("syntax error", "duration_h: 4.0,", "duration_h: 4.0,,", "s.ron:9:21:", ""),
    (
        "event after the end",
        "(at_h: 2.0, action: Breakdown",
        "(at_h: 9.0, action: Breakdown",
        "s.ron:15:16: field `events[1].at_h`",
        "outside the scenario (0..4 h)",
    ),
    (
        "event station missing",
        "Breakdown(station: \"dryer\"",
        "Breakdown(station: \"oven\"",
        "s.ron:15:48: field `events[1].action.station`",
        "no station `oven`",
    ),
    (
        "fault the station cannot have",
        "Fault(station: \"coater\", fault: ClogDieLip)",
        "Fault(station: \"dryer\", fault: ClogDieLip)",
        "s.ron:14:74: field `events[0].action.fault`",
        "a dryer cannot have a clogged die lip",
    ),
    (
        "heater zone out of range",
        "Fault(station: \"coater\", fault: ClogDieLip)",
        "Fault(station: \"dryer\", fault: HeaterFailure(zone: 7))",
        "s.ron:14:74: field `events[0].action.fault`",
        "4 zones, not 7",
    ),
    (
        "event without a time",
        "(at_h: 1.0, hidden: true,",
        "(hidden: true,",
        "s.ron:14:9: field `events[0]",
        "needs `at_h` or `when`",
    ),
    (
        "event with both at_h and when",
        "(at_h: 1.0, hidden: true,",
        "(at_h: 1.0, when: StationState(station: \"coater\", state: Down), hidden: true,",
        "s.ron:14:27: field `events[0].when`",
        "not both",
    ),
    (
        "override out of range",
        "value: 250)",
        "value: 5000)",
        "s.ron:11:63: field `overrides[0].value`",
        "outside its range 50..500 um",
    ),
    (
        "override of an unknown control",
        "control: \"coating_gap_um\"",
        "control: \"gap\"",
        "s.ron:11:38: field `overrides[0].control`",
        "has no control `gap`",
    ),
    (
        "negative repair time",
        "repair_h: 0.5",
        "repair_h: -0.5",
        "s.ron:15:67: field `events[1].action.repair_h`",
        "repair time must be in (0, 168] hours",
    ),
    ("duration over the limit", "duration_h: 4.0,", "duration_h: 400.0,", "s.ron:9:17: field `duration_h`", "(limit)"),
    ("zero time step", "step_s: 60,", "step_s: 0,", "s.ron:8:13: field `step_s`", "1..3600 s"),
    ("negative hint penalty", "penalty: 5", "penalty: -5", "s.ron:18:30: field `hints[0].penalty`", "0..100 points"),
    ("zero objective weight", "weight: 2,", "weight: 0,", "s.ron:21:39: field `objectives[0].weight`", "0.001 to 1000"),
    (
        "unknown readout",
        "readout: \"grind_um\"",
        "readout: \"grind\"",
        "s.ron:22:94: field `objectives[1].kind.measure.readout`",
        "no readout `grind`",
    ),
    (
        "limits reversed",
        "max: 20)",
        "min: 30, max: 20)",
        "s.ron:22:121: field `objectives[1].kind.max`",
        "below min 30",
    ),
    (
        "duplicate objective id",
        "(id: \"b\",",
        "(id: \"a\",",
        "s.ron:22:14: field `objectives[1].id`",
        "duplicate objective id `a`",
    ),
    (
        "objective deadline after the end",
        "by_h: 3.0",
        "by_h: 5.0",
        "s.ron:21:97: field `objectives[0].kind.by_h`",
        "outside the scenario",
    ),
    ("wrong line", "line: \"electrode-nmc811\"", "line: \"anode\"", "s.ron:7:11: field `line`", "names line `anode`"),
    ("no objectives", "objectives: [", "objectives: [], unused: [", "s.ron:", "unknown field `unused`"),
];

#[test]
fn malformed_scenarios_give_located_errors() {
    let layout = layout_for("electrode-nmc811");
    Scenario::load("s.ron", BASE, &layout).expect("the base scenario is valid");
    assert!(MALFORMED.len() >= 20);
    let mut wrong = Vec::new();
    for (what, from, to, location, words) in MALFORMED {
        assert!(BASE.contains(from), "{what}: test setup");
        let text = BASE.replacen(from, to, 1);
        let err = match Scenario::load("s.ron", &text, &layout) {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => e,
        };
        let msg = err.all_messages().join("\n");
        if !msg.starts_with(location) || !msg.contains(words) {
            wrong.push(format!("{what}: expected `{location}` ... `{words}`, got:\n  {msg}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn scenario_limits_name_the_limit() {
    let layout = layout_for("electrode-nmc811");
    let many: String = (0..501).map(|_| "(at_h: 1.0, action: Message),").collect();
    let text = BASE.replacen("events: [", &format!("events: [{many}"), 1);
    let msg = Scenario::load("s.ron", &text, &layout).unwrap_err().to_string();
    assert!(msg.contains("exceed the limit of 500"), "{msg}");
    let huge = format!("{BASE}//{}", "x".repeat(sim_core::input::MAX_FILE_BYTES));
    let msg = Scenario::from_ron("big.ron", &huge).unwrap_err().to_string();
    assert!(msg.contains("larger than the limit"), "{msg}");
}

#[test]
fn the_example_in_the_instructors_guide_is_valid() {
    let guide = std::fs::read_to_string(common::repo_file("scenarios/README.md")).unwrap();
    // The whole example: the ```ron block that holds `Scenario(`.
    let start = guide
        .match_indices("```ron\n")
        .map(|(at, _)| at + "```ron\n".len())
        .find(|&at| guide[at..].split("```").next().is_some_and(|block| block.contains("Scenario(")))
        .expect("a whole example");
    let end = start + guide[start..].find("```").unwrap();
    let example = &guide[start..end];
    let layout = layout_for("electrode-nmc811");
    match Scenario::load("README example", example, &layout) {
        Err(e) => panic!("{}", e.all_messages().join("\n")),
        Ok(scenario) => {
            let missing = scenario.language_issues();
            assert!(missing.is_empty(), "the example lacks Dutch: {missing:?}");
        }
    }
}

/// What a live panel may show of scrap (the station that removed it and the symptom) never
/// names a root cause: in every bundled scenario, run with its reference replay and left
/// alone, no symptom is a cause id, while the debrief does find root causes.
#[test]
fn live_scrap_shows_symptoms_and_never_root_causes() {
    use sim_core::product::DefectKind;
    let mut root_causes_found = 0;
    for f in scenario_files() {
        let (scenario, layout, _) = load(&f);
        let replay = reference_replay(&f);
        for commands in [&replay.commands[..], &[]] {
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
            run.run_with(commands, |_, _| {});
            let kpis = run.sim.kpis();
            let causes: Vec<&str> =
                kpis.scrap_by_cause.iter().filter_map(|c| c.cause.split_once('/').map(|(_, id)| id)).collect();
            root_causes_found += causes.len();
            for s in &kpis.scrap_removed {
                assert!(!s.cause.contains('/'), "{}: live symptom `{}` carries a cause", f.display(), s.cause);
                assert!(
                    !causes.contains(&s.cause.as_str()),
                    "{}: live symptom `{}` is a root cause",
                    f.display(),
                    s.cause
                );
                let known = DefectKind::ALL.iter().any(|k| k.key() == s.cause)
                    || sim_core::cell::CellDefectKind::ALL.iter().any(|k| k.key() == s.cause)
                    || sim_core::sample::SampleDefectKind::ALL.iter().any(|k| k.key() == s.cause)
                    || ["rejected-for-residual-solvent", "process-scrap", "gradedout"].contains(&s.cause.as_str())
                    || sim_core::product::is_planned(&s.cause);
                assert!(known, "{}: unexpected symptom `{}`", f.display(), s.cause);
            }
            // Both views book the same solids.
            let removed: f64 = kpis.scrap_removed.iter().map(|s| s.solids_kg).sum();
            let by_cause: f64 = kpis.scrap_by_cause.iter().map(|s| s.solids_kg).sum();
            assert!((removed - by_cause).abs() <= 1e-9 * by_cause.max(1.0), "{}: {removed} vs {by_cause}", f.display());
        }
    }
    assert!(root_causes_found > 0, "no scenario scrapped anything for a root cause");
}

/// The cost account adds up, prices what was used, and needless maintenance makes a good
/// square metre dearer.
#[test]
fn the_cost_account_adds_up_and_needless_maintenance_raises_the_cost_per_square_metre() {
    use sim_core::Command;
    use sim_core::scenario::score::costs;
    let f = common::repo_file("scenarios/full-shift.ron");
    let (scenario, layout, _) = load(&f);
    let replay = reference_replay(&f);
    let mut reference = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
    reference.run_with(&replay.commands, |_, _| {});
    let c = costs(&reference);
    let sum = c.material_eur + c.energy_eur + c.maintenance_eur + c.technicians_eur;
    assert!((c.total_eur - sum).abs() < 1e-6 * sum, "{c:?}");
    assert_eq!(c.maintenance_eur, reference.maintenances.len() as f64 * scenario.costs.maintenance_eur);
    assert!(c.energy_eur > 0.0 && c.material_eur > 0.0 && c.good_area_m2 > 0.0, "{c:?}");
    // The reference plus a needless maintenance of every station every two hours.
    let mut busy = replay.commands.clone();
    for tick in (60..480).step_by(120) {
        for s in &layout.stations {
            let command = Command::StartMaintenance { station: s.id.clone(), duration_s: 1800.0 };
            busy.push(sim_core::replay::TimedCommand::trainee(tick, command));
        }
    }
    busy.sort_by_key(|c| c.tick);
    let mut wasteful = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
    wasteful.run_with(&busy, |_, _| {});
    let w = costs(&wasteful);
    assert!(
        w.per_good_m2_eur.unwrap() > c.per_good_m2_eur.unwrap() + 0.5,
        "{:?} vs {:?}",
        w.per_good_m2_eur,
        c.per_good_m2_eur
    );
    assert!(score(&wasteful).total < score(&reference).total - 30.0);
}

/// Live panels must not tell a right diagnosis from a wrong one: the provisional score (what
/// the HUD shows) is the same for both, the final score (the debrief) is not.
#[test]
fn the_live_score_does_not_judge_diagnoses_and_the_final_score_does() {
    use sim_core::Command;
    use sim_core::faults::FaultKind;
    use sim_core::scenario::score::provisional;
    let f = common::repo_file("scenarios/coater-malfunctions.ron");
    let (scenario, layout, _) = load(&f);
    let replay = reference_replay(&f);
    let swap = |fault: FaultKind| match fault {
        FaultKind::PumpPulsation => FaultKind::ClogDieLip,
        FaultKind::ClogDieLip => FaultKind::PumpPulsation,
        other => other,
    };
    let mut wrong_commands = replay.commands.clone();
    let mut swapped = 0;
    for c in &mut wrong_commands {
        if let Command::Diagnose { fault, .. } = &mut c.command {
            *fault = swap(*fault);
            swapped += 1;
        }
    }
    assert!(swapped > 0, "the reference records no diagnosis");
    let mut right = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
    let mut wrong = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
    right.run_with(&replay.commands, |_, _| {});
    wrong.run_with(&wrong_commands, |_, _| {});
    assert_eq!(provisional(&right), provisional(&wrong), "the live score tells right from wrong");
    assert!(score(&wrong).total < score(&right).total - 20.0, "{} vs {}", score(&wrong).total, score(&right).total);
}

//! Both languages complete: every Fluent file parses, English and Dutch define the same
//! messages with the same arguments, every message the code asks for exists in both, and
//! every message renders without errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use l10n::{Arg, Lang, SOURCES};

/// Message id -> the `$variables` its value uses.
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn variables_in(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            variables_in_expression(expression, out);
        }
    }
}

fn variables_in_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            variables_in_inline(selector, out);
            for v in variants {
                variables_in(&v.value, out);
            }
        }
        Expression::Inline(inline) => variables_in_inline(inline, out),
    }
}

fn variables_in_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_in_inline(a, out);
            }
        }
        InlineExpression::Placeable { expression } => variables_in_expression(expression, out),
        _ => {}
    }
}

fn catalogue(lang: Lang) -> Catalogue {
    let (_, files) = SOURCES.iter().find(|(l, _)| *l == lang).expect("language has sources");
    let mut messages = Catalogue::new();
    for (file, text) in files.iter() {
        let resource = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((_, errors)) => panic!("locales/{}/{file} does not parse: {errors:?}", lang.tag()),
        };
        for entry in &resource.body {
            match entry {
                Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(value) = &m.value {
                        variables_in(value, &mut vars);
                    }
                    assert!(
                        messages.insert(m.id.name.to_string(), vars).is_none(),
                        "locales/{}/{file}: `{}` is defined twice",
                        lang.tag(),
                        m.id.name
                    );
                }
                Entry::Junk { content } => panic!("locales/{}/{file}: cannot read {content:?}", lang.tag()),
                _ => {}
            }
        }
    }
    messages
}

#[test]
fn english_and_dutch_define_the_same_messages_with_the_same_arguments() {
    let en = catalogue(Lang::En);
    let nl = catalogue(Lang::Nl);
    let only_en: Vec<_> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
    let only_nl: Vec<_> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing in Dutch: {only_en:?}");
    assert!(only_nl.is_empty(), "missing in English: {only_nl:?}");
    for (id, vars) in &en {
        assert_eq!(vars, &nl[id], "`{id}` takes different arguments in English and Dutch");
    }
    assert!(en.len() > 20, "only {} messages", en.len());
}

/// The literal message ids in `tr!("…"`, `tr("…"`, `tr_args("…"` calls under `dir`.
fn ids_used_under(dir: &Path, found: &mut BTreeSet<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            ids_used_under(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            // A call whose id is a literal: `tr!("id"`, `tr_args(\n "id"`, `tr_in(lang, "id"`.
            for call in ["tr!(", "tr(", "tr_args(", "tr_in(", "Message::new("] {
                for (at, _) in text.match_indices(call) {
                    // Examples in comments are not calls.
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    if text[line_start..at].trim_start().starts_with("//") {
                        continue;
                    }
                    // `include_str!(` is not `tr!(`: the name must start a word.
                    if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let args = text[at + call.len()..].trim_start();
                    let args = args.strip_prefix("lang,").map_or(args, str::trim_start);
                    let Some(rest) = args.strip_prefix('"') else { continue };
                    if let Some(end) = rest.find('"') {
                        found.insert((rest[..end].to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
}

#[test]
fn every_message_the_code_asks_for_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = BTreeSet::new();
    for dir in ["game/src", "twin/src", "sim-core/src", "l10n/src"] {
        ids_used_under(&root.join(dir), &mut used);
    }
    let en = catalogue(Lang::En);
    let nl = catalogue(Lang::Nl);
    let missing: Vec<String> = used
        .iter()
        .filter(|(id, _)| !en.contains_key(id) || !nl.contains_key(id))
        .map(|(id, file)| format!("{id} (in {file})"))
        .collect();
    assert!(missing.is_empty(), "messages used in code but missing in a language: {missing:#?}");
}

#[test]
fn every_message_renders_without_errors_in_both_languages() {
    for lang in Lang::ALL {
        for (id, vars) in catalogue(lang) {
            let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), Arg::Int(2))).collect();
            let (text, errors) = l10n::format_checked(lang, &id, &args).expect("message has a value");
            assert!(errors.is_empty(), "{}: `{id}` renders with errors {errors:?}", lang.tag());
            assert!(!text.contains('\u{2068}'), "{}: `{id}` has isolation marks", lang.tag());
            assert!(!text.trim().is_empty(), "{}: `{id}` is empty", lang.tag());
        }
    }
}

#[test]
fn switching_the_language_switches_the_text() {
    l10n::set_language(Lang::Nl);
    let dutch = l10n::tr("title-choose");
    l10n::set_language(Lang::En);
    let english = l10n::tr("title-choose");
    assert_eq!(english, "Choose a scenario");
    assert_eq!(dutch, "Kies een scenario");
}

/// Every station kind, control, readout and defect kind of the bundled lines, after a few
/// hours of running (readouts appear with the first unit), has its message in both languages.
#[test]
fn every_station_kind_control_and_readout_of_the_bundled_lines_has_its_messages() {
    use l10n::stations::{common_entry_id, defect_id, entry_id, kind_id};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/lines");
    let en = catalogue(Lang::En);
    let nl = catalogue(Lang::Nl);
    let mut missing = BTreeSet::new();
    let both = |id: &String| en.contains_key(id) && nl.contains_key(id);
    let mut check = |ids: Vec<String>| {
        if !ids.iter().any(both) {
            missing.insert(ids[0].clone());
        }
    };
    let mut kinds = BTreeSet::new();
    for entry in std::fs::read_dir(&root).expect("layouts").flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let layout = sim_core::LineLayout::from_ron(&path.display().to_string(), &text).expect("bundled layout");
        let mut sim = sim_core::Simulation::new(&layout, 1).expect("valid");
        sim.run_hours(12.0);
        for (i, station) in sim.line.stations.iter().enumerate() {
            let kind = station.kind.kind_name();
            kinds.insert(kind);
            check(vec![kind_id(kind)]);
            for c in sim.controls(i) {
                check(vec![entry_id("control", kind, &c.template), common_entry_id("control", &c.template)]);
            }
            for r in sim.readouts(i) {
                check(vec![entry_id("readout", kind, &r.template), common_entry_id("readout", &r.template)]);
                if !r.key.is_empty() && r.key.parse::<i64>().is_err() {
                    check(vec![defect_id(&r.key)]);
                }
            }
        }
    }
    for d in sim_core::product::DefectKind::ALL {
        check(vec![defect_id(d.key())]);
    }
    for d in sim_core::sample::SampleDefectKind::ALL {
        check(vec![defect_id(d.key())]);
    }
    for d in sim_core::cell::CellDefectKind::ALL {
        check(vec![defect_id(d.key())]);
    }
    assert!(kinds.len() >= 7, "only kinds {kinds:?} on the bundled lines");
    assert!(missing.is_empty(), "no message in both languages for {missing:#?}");
}

#[test]
fn station_labels_read_in_each_language() {
    use l10n::stations::{control_label_in, readout_label_in};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/lines/electrode-nmc811.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let layout = sim_core::LineLayout::from_ron("electrode-nmc811.ron", &text).unwrap();
    let mut sim = sim_core::Simulation::new(&layout, 1).unwrap();
    sim.run_hours(12.0);
    let dryer = sim.line.station_index("dryer").expect("a dryer");
    let zone3 = sim.controls(dryer).into_iter().find(|c| c.name == "zone3_temp_degc").expect("zone 3");
    assert_eq!(control_label_in(Lang::En, "Dryer", &zone3), "Zone 3 air temperature");
    assert_eq!(control_label_in(Lang::Nl, "Dryer", &zone3), "Luchttemperatuur zone 3");
    // An inspection's counter of one defect kind (as its table publishes it once streaks appear).
    let flagged = sim_core::controls::Readout {
        template: "flagged_{n}".into(),
        key: "streak".into(),
        ..sim_core::controls::Readout::new("flagged_streak", "Flagged: streaks", "m", 12.0)
    };
    assert_eq!(readout_label_in(Lang::En, "Inspection", &flagged), "Flagged: streaks");
    assert_eq!(readout_label_in(Lang::Nl, "Inspection", &flagged), "Gemarkeerd: strepen");
    let processed = sim.readouts(dryer).into_iter().find(|r| r.name == "processed").expect("common readout");
    assert_eq!(readout_label_in(Lang::Nl, "Dryer", &processed), "Verwerkte eenheden");
}

/// Cause ids written in the simulation's station modules: kebab-case literals on lines that
/// book a defect or scrap (`add_defect(`, `add_defective(`, `scrap_unit`, `cause:`), with a
/// `{}` in a `format!` standing for a number.
fn cause_ids_in_code() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                for (i, line) in lines.iter().enumerate() {
                    // A booking call may carry its cause on the next lines.
                    let window = lines[i..(i + 4).min(lines.len())].join(" ");
                    let books = ["add_defect(", "add_defective(", "scrap_unit", "cause:", "_cause ="]
                        .iter()
                        .any(|needle| line.contains(needle));
                    if !books {
                        continue;
                    }
                    for literal in window.split('"').skip(1).step_by(2) {
                        let id = literal.replace("{}", "1");
                        let kebab = id.contains('-')
                            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                        if kebab {
                            out.insert(id);
                        }
                    }
                }
            }
        }
    }
    let mut ids = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../sim-core/src/stations"), &mut ids);
    ids
}

#[test]
fn every_defect_cause_the_stations_book_has_a_message_in_both_languages() {
    let ids = cause_ids_in_code();
    for expected in ["clogged-die-lip", "zone-1-heater-failure", "planned-edge-trim", "burr-above-limit"] {
        assert!(ids.contains(expected), "the scan missed `{expected}`: {ids:?}");
    }
    let en = catalogue(Lang::En);
    let nl = catalogue(Lang::Nl);
    let missing: Vec<String> = ids
        .iter()
        .map(|id| l10n::messages::cause_message_id(id).0)
        .filter(|m| !en.contains_key(m) || !nl.contains_key(m))
        .collect();
    assert!(missing.is_empty(), "defect causes without a message in both languages: {missing:#?}");
}

/// Every text the bundled scenarios produce when run with their reference replays (alarms,
/// word readouts, the timeline, refusals, objective progress, penalties, causes) has its
/// messages in both languages, with the arguments they use.
#[test]
fn everything_the_bundled_scenarios_say_reads_in_both_languages() {
    use sim_core::scenario::run::ScenarioRun;
    use sim_core::scenario::score::score;
    use sim_core::text::Message;

    let mut problems = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut check = |m: &Message| {
        seen.insert(m.id.to_string());
        for lang in Lang::ALL {
            problems.extend(l10n::messages::problems(lang, m));
        }
    };
    let mut causes = BTreeSet::new();
    let mut symptoms = BTreeSet::new();
    for Bundled { scenario, layout, replay } in bundled_scenarios() {
        // The reference run, and a careless one that takes every hint at once (refusals).
        for careless in [false, true] {
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
            if careless {
                let hints: Vec<_> = (0..3).map(|hint| sim_core::Command::TakeHint { hint }).collect();
                run.tick(&hints);
                run.tick(&[sim_core::Command::AcknowledgeAlarm { alarm: 999 }]);
            }
            run.run_with(if careless { &[] } else { &replay.commands }, |_, _| {});
            for alarm in &run.sim.alarms.alarms {
                check(&alarm.message);
            }
            for entry in &run.timeline {
                check(&entry.text);
            }
            for (_, message) in &run.messages {
                check(message);
            }
            for i in 0..run.sim.line.stations.len() {
                for r in run.sim.readouts(i) {
                    if let Some(t) = &r.text {
                        check(t);
                    }
                }
            }
            let debrief = sim_core::scenario::score::debrief(&run);
            let s = score(&run);
            for o in &s.objectives {
                check(&o.detail);
            }
            for p in &s.penalties {
                check(&p.what);
            }
            causes.extend(debrief.causes.iter().map(|c| c.cause.clone()));
            symptoms.extend(run.sim.kpis().scrap_removed.iter().map(|s| s.cause.clone()));
        }
    }
    for key in &causes {
        let id = key.rsplit('/').next().unwrap_or(key);
        let (message, _) = l10n::messages::cause_message_id(id);
        for lang in Lang::ALL {
            if !l10n::has(lang, &message) {
                problems.insert(format!("no message `{message}` for cause `{key}` in {}", lang.tag()));
            }
        }
    }
    for expected in
        ["alarm-breakdown", "timeline-alarm", "timeline-set-control", "reject-hint-not-yet", "progress-deliver"]
    {
        assert!(seen.contains(expected), "no run said `{expected}`; seen: {seen:?}");
    }
    assert!(causes.len() >= 5, "causes: {causes:?}");
    for symptom in &symptoms {
        let defect = l10n::stations::defect_id(symptom);
        let (cause, _) = l10n::messages::cause_message_id(symptom);
        for lang in Lang::ALL {
            if !l10n::has(lang, &defect) && !l10n::has(lang, &cause) {
                problems.insert(format!("no message for the symptom `{symptom}` in {}", lang.tag()));
            }
        }
    }
    assert!(!symptoms.is_empty(), "no scenario removed scrap");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A bundled scenario with its layout and reference replay.
struct Bundled {
    scenario: sim_core::scenario::Scenario,
    layout: sim_core::LineLayout,
    replay: sim_core::replay::Replay,
}

fn bundled_scenarios() -> Vec<Bundled> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<_> = std::fs::read_dir(root.join("scenarios"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".ron") && !p.to_string_lossy().ends_with(".replay.ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "scenarios: {files:?}");
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let scenario =
                sim_core::scenario::Scenario::from_ron(&f.display().to_string(), &text).expect("bundled scenario");
            let layout_path = root.join("assets/lines").join(format!("{}.ron", scenario.line));
            let layout_text = std::fs::read_to_string(&layout_path).unwrap();
            let layout = sim_core::LineLayout::from_ron(&layout_path.display().to_string(), &layout_text).unwrap();
            let replay_path = f.with_extension("replay.ron");
            let replay_text = std::fs::read_to_string(&replay_path).unwrap();
            let replay = sim_core::replay::Replay::from_ron(&replay_path.display().to_string(), &replay_text).unwrap();
            Bundled { scenario, layout, replay }
        })
        .collect()
}

/// Live panels show symptoms, never the root cause a trainee is to find: in every
/// non-tutorial scenario, run as its reference and left alone, no alarm, word readout,
/// announcement or live scrap line reads as a root cause or an injected fault (in either
/// language). The debrief reveals them.
#[test]
fn no_root_cause_reaches_a_live_panel() {
    use l10n::messages::{Ids, cause_in, say_in, symptom_in};
    use sim_core::scenario::run::ScenarioRun;
    use sim_core::scenario::score::debrief;

    let mut checked = 0;
    for Bundled { scenario, layout, replay } in bundled_scenarios() {
        if scenario.id.starts_with("tutorial-") {
            continue;
        }
        for commands in [&replay.commands[..], &[]] {
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
            run.run_with(commands, |_, _| {});
            for lang in Lang::ALL {
                // What the trainee is to find: the root causes booked, the faults injected.
                let mut hidden: BTreeSet<String> = debrief(&run)
                    .causes
                    .iter()
                    .filter_map(|c| c.cause.split_once('/').map(|(_, id)| cause_in(lang, id)))
                    .collect();
                hidden.extend(run.injected.iter().map(|f| say_in(lang, &f.fault.kind().message(), &Ids)));
                hidden.extend(run.injected.iter().map(|f| say_in(lang, &f.fault.message(), &Ids)));
                let hints: Vec<String> =
                    scenario.hints.iter().map(|h| h.text.get(lang == Lang::Nl).to_string()).collect();
                let mut live: Vec<String> =
                    run.sim.alarms.alarms.iter().map(|a| say_in(lang, &a.message, &Ids)).collect();
                live.extend(
                    run.messages.iter().map(|(_, m)| say_in(lang, m, &Ids)).filter(|text| !hints.contains(text)),
                );
                for i in 0..run.sim.line.stations.len() {
                    live.extend(
                        run.sim.readouts(i).iter().filter_map(|r| r.text.as_ref()).map(|t| say_in(lang, t, &Ids)),
                    );
                }
                live.extend(run.sim.kpis().scrap_removed.iter().map(|s| symptom_in(lang, &s.cause)));
                for text in &live {
                    checked += 1;
                    let text = text.to_lowercase();
                    for h in hidden.iter().filter(|h| h.len() > 4) {
                        assert!(
                            !text.contains(&h.to_lowercase()),
                            "{} ({}): the live text \"{text}\" reveals \"{h}\"",
                            scenario.id,
                            lang.tag()
                        );
                    }
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} live texts checked");
}

/// Every plant area of the bundled lines has its sign in both languages.
#[test]
fn every_plant_area_of_the_bundled_lines_has_a_sign() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/lines");
    let en = catalogue(Lang::En);
    let nl = catalogue(Lang::Nl);
    let mut missing = BTreeSet::new();
    for entry in std::fs::read_dir(&root).expect("layouts").flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let layout = sim_core::LineLayout::from_ron(&path.display().to_string(), &text).expect("bundled layout");
        for station in &layout.stations {
            let id = format!("area-{}", station.area);
            if !(en.contains_key(&id) && nl.contains_key(&id)) {
                missing.insert(id);
            }
        }
    }
    assert!(missing.is_empty(), "areas without a sign: {missing:?}");
    assert_eq!(l10n::area_name("no-such-area"), "no-such-area");
}

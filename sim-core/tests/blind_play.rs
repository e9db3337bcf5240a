//! Blind operators (`sim_core::scenario::blind`): strategies that need no diagnosis. Training
//! must not reward them.

mod common;

use sim_core::scenario::blind::{STRATEGIES, play};
use sim_core::scenario::run::ScenarioRun;
use sim_core::scenario::score::score;

/// In every scenario but the tutorials, each blind strategy scores below 60 and at least 30
/// points below the reference replay (which diagnoses before it repairs), the guessers who
/// name every diagnosis the alarming station could have included.
#[test]
fn blind_operators_score_far_below_the_reference() {
    let mut table = String::new();
    let mut failures = Vec::new();
    for f in common::scenario_files() {
        let (scenario, layout, _) = common::load_scenario(&f);
        let replay = common::reference_replay(&f);
        let reference = replay.final_score.expect("reference replays carry their score");
        table += &format!("{:<28} ref {reference:5.1} |", scenario.id);
        for blind in STRATEGIES {
            let mut run = ScenarioRun::new(&scenario, &layout, Some(replay.seed)).unwrap();
            play(&mut run, blind);
            let total = score(&run).total;
            table += &format!(" {total:5.1}");
            let tutorial = scenario.id.starts_with("tutorial-");
            if !tutorial && (total >= 60.0 || total > reference - 30.0) {
                failures.push(format!("{}: {blind:?} scores {total:.1} (reference {reference:.1})", scenario.id));
            }
        }
        table += "\n";
    }
    println!("{table}");
    assert!(failures.is_empty(), "blind play pays:\n{}\n{table}", failures.join("\n"));
}

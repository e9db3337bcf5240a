//! Trainee command lists (`twin run --commands`): parse, check against the tutorial's run as
//! the CLI does, and play the first ticks of the ones that pass.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::LineLayout;
use sim_core::replay::TimedCommand;
use sim_core::scenario::Scenario;
use sim_core::scenario::run::ScenarioRun;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(commands) = sim_core::input::parse_ron::<Vec<TimedCommand>>("commands.ron", text) else { return };
    let layout =
        LineLayout::from_ron("l.ron", include_str!("../../assets/lines/electrode-nmc811.ron")).expect("bundled");
    let source = include_str!("../../scenarios/tutorial-start-the-line.ron");
    let scenario = Scenario::load("s.ron", source, &layout).expect("bundled");
    let Ok(mut run) = ScenarioRun::new(&scenario, &layout, Some(1)) else { return };
    if run.check_commands(&commands).is_empty() {
        // The first ten ticks, each with the commands due then (as the run loop does).
        for tick in 0..10 {
            let due: Vec<_> = commands.iter().filter(|c| c.tick == tick).map(|c| c.command.clone()).collect();
            run.tick(&due);
        }
        let _ = sim_core::scenario::score::debrief(&run);
    }
});

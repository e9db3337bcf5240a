//! The simulation driver in an app without rendering: time advances at the chosen plant
//! speed and commands from the UI queue reach the simulation.

use game::testing::headless_app;
use game::twin::{CommandQueue, FIXED_HZ, PlantSpeed, Twin};
use sim_core::Command;
use sim_core::line::EquipmentState;

#[test]
fn plant_time_advances_at_the_chosen_speed() {
    let mut app = headless_app(1000.0);
    for _ in 0..20 {
        app.update();
    }
    let twin = app.world().resource::<Twin>();
    let expected_ticks = (20.0 / FIXED_HZ * 1000.0) as u64; // 1 s ticks
    assert_eq!(twin.sim.tick, expected_ticks);
    assert!(twin.sim.kpis().entered > 0);
}

#[test]
fn a_queued_command_reaches_the_simulation_and_is_recorded() {
    let mut app = headless_app(1000.0);
    app.update();
    app.world_mut().resource_mut::<CommandQueue>().send(Command::StopStation { station: "mixer".into() });
    app.world_mut().resource_mut::<CommandQueue>().send(Command::SetControl {
        station: "coater".into(),
        control: "pump_flow_l_per_min".into(),
        value: 9999.0,
    });
    for _ in 0..100 {
        app.update();
    }
    let world = app.world();
    let twin = world.resource::<Twin>();
    assert!(twin.sim.line.stations[0].stop_requested());
    assert_eq!(twin.sim.line.stations[0].state, EquipmentState::Idle);
    let queue = world.resource::<CommandQueue>();
    assert_eq!(queue.sent.len(), 2);
    assert_eq!(queue.sent[0].0, 50, "sent at the tick it was applied");
    // The out-of-range value is refused by the simulation, and the reason reaches the UI.
    assert_eq!(queue.rejections.len(), 1, "{:?}", queue.rejections);
    assert!(queue.rejections[0].contains("outside"));
}

#[test]
fn commands_apply_while_paused_without_advancing_time_beyond_one_tick() {
    let mut app = headless_app(0.0);
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(app.world().resource::<Twin>().sim.tick, 0);
    app.world_mut().resource_mut::<CommandQueue>().send(Command::StopStation { station: "dryer".into() });
    app.update();
    let twin = app.world().resource::<Twin>();
    assert_eq!(twin.sim.tick, 1);
    assert!(twin.sim.line.stations[2].stop_requested());
    app.world_mut().insert_resource(PlantSpeed(10.0));
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(app.world().resource::<Twin>().sim.tick, 1 + 10);
}

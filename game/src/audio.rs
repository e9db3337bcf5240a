//! Sound: a machine hum per running station, alarm tones by priority, and a click for every
//! trainee action. The sounds are synthesised by `scripts/make-sounds.py` and embedded in
//! the binary (the web build has no file system). Without an audio device the game carries
//! on silently.

use std::io::Cursor;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;
use kira::sound::static_sound::StaticSoundData;
use sim_core::alarms::{AlarmPriority, AlarmState};
use sim_core::line::EquipmentState;

use crate::settings::Settings;
use crate::sim::stepping::Twin;

const HUM: &[u8] = include_bytes!("../../assets/sounds/hum.wav");
const CLICK: &[u8] = include_bytes!("../../assets/sounds/click.wav");
const ALARMS: [&[u8]; 4] = [
    include_bytes!("../../assets/sounds/alarm_low.wav"),
    include_bytes!("../../assets/sounds/alarm_medium.wav"),
    include_bytes!("../../assets/sounds/alarm_high.wav"),
    include_bytes!("../../assets/sounds/alarm_emergency.wav"),
];

#[derive(Resource)]
struct Sounds {
    hum: Handle<AudioSource>,
    click: Handle<AudioSource>,
    alarms: Vec<Handle<AudioSource>>,
}

/// Hum instances, one per station of the running line.
#[derive(Resource, Default)]
struct Hums {
    instances: Vec<Handle<AudioInstance>>,
    alarms_heard: usize,
    commands_heard: usize,
}

pub fn plugin(app: &mut App) {
    app.add_plugins(AudioPlugin)
        .init_resource::<Hums>()
        .add_systems(Startup, load_sounds)
        .add_systems(Update, (master_volume, hums, alarm_tones, clicks));
}

fn load(bytes: &'static [u8], sources: &mut Assets<AudioSource>) -> Handle<AudioSource> {
    match StaticSoundData::from_cursor(Cursor::new(bytes)) {
        Ok(sound) => sources.add(AudioSource { sound }),
        Err(e) => {
            warn!("a bundled sound does not decode: {e}");
            Handle::default()
        }
    }
}

/// Decodes every bundled sound; the number decoded or the first error.
pub fn decode_bundled() -> Result<usize, String> {
    let mut n = 0;
    for bytes in [HUM, CLICK].into_iter().chain(ALARMS) {
        StaticSoundData::from_cursor(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(n)
}

fn load_sounds(mut commands: Commands, mut sources: ResMut<Assets<AudioSource>>) {
    let sounds = Sounds {
        hum: load(HUM, &mut sources),
        click: load(CLICK, &mut sources),
        alarms: ALARMS.iter().map(|b| load(b, &mut sources)).collect(),
    };
    commands.insert_resource(sounds);
}

/// Linear volume 0..1 as decibels (silence below -60 dB).
fn decibels(volume: f32) -> f32 {
    if volume <= 0.001 { -60.0 } else { 20.0 * volume.log10() }
}

fn master_volume(settings: Res<Settings>, audio: Res<Audio>) {
    if settings.is_changed() {
        audio.set_volume(decibels(settings.volume));
    }
}

/// Starts a looped hum per station when a run begins; each is audible while its station runs.
fn hums(
    twin: Option<Res<Twin>>,
    sounds: Option<Res<Sounds>>,
    audio: Res<Audio>,
    mut hums: ResMut<Hums>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let (Some(twin), Some(sounds)) = (twin, sounds) else {
        for h in hums.instances.drain(..) {
            if let Some(mut i) = instances.get_mut(&h) {
                i.stop(AudioTween::default());
            }
        }
        return;
    };
    let stations = &twin.sim().line.stations;
    if hums.instances.len() != stations.len() {
        hums.instances = (0..stations.len())
            .map(|i| {
                audio
                    .play(sounds.hum.clone())
                    .looped()
                    .with_volume(-60.0)
                    .with_playback_rate(0.85 + 0.06 * i as f64)
                    .handle()
            })
            .collect();
    }
    let hums_now = hums.instances.clone();
    for (station, handle) in stations.iter().zip(hums_now) {
        let level = if station.state == EquipmentState::Running { -16.0 } else { -60.0 };
        if let Some(mut instance) = instances.get_mut(&handle) {
            instance.set_decibels(level, AudioTween::linear(std::time::Duration::from_millis(300)));
        }
    }
}

/// One tone per newly raised alarm, by priority (shelved alarms stay quiet).
fn alarm_tones(twin: Option<Res<Twin>>, sounds: Option<Res<Sounds>>, audio: Res<Audio>, mut hums: ResMut<Hums>) {
    let (Some(twin), Some(sounds)) = (twin, sounds) else {
        hums.alarms_heard = 0;
        return;
    };
    let alarms = &twin.sim().alarms.alarms;
    if alarms.len() < hums.alarms_heard {
        hums.alarms_heard = 0;
    }
    for alarm in &alarms[hums.alarms_heard..] {
        if alarm.state() != AlarmState::Shelved {
            let i = match alarm.priority {
                AlarmPriority::Low => 0,
                AlarmPriority::Medium => 1,
                AlarmPriority::High => 2,
                AlarmPriority::Emergency => 3,
            };
            audio.play(sounds.alarms[i].clone());
        }
    }
    hums.alarms_heard = alarms.len();
}

/// A click for every command the trainee gives.
fn clicks(twin: Option<Res<Twin>>, sounds: Option<Res<Sounds>>, audio: Res<Audio>, mut hums: ResMut<Hums>) {
    let (Some(twin), Some(sounds)) = (twin, sounds) else {
        hums.commands_heard = 0;
        return;
    };
    let given = twin.session.run.commands.len();
    if given > hums.commands_heard {
        audio.play(sounds.click.clone()).with_volume(-6.0);
    }
    hums.commands_heard = given;
}

//! Orbit camera: left-drag orbits, right-drag pans, wheel zooms; focus moves to a clicked
//! station.

use bevy::camera::CameraOutputMode;
use bevy::camera::visibility::RenderLayers;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::input::egui_wants_any_pointer_input;
use bevy_egui::{EguiGlobalSettings, PrimaryEguiContext};

use crate::AppSystems;

/// Farthest the camera backs off to show a whole line, metres.
const MAX_RADIUS_M: f32 = 160.0;

/// A width the hall view should show whole once its viewport is known (set when a hall is
/// built; the play screen's panels decide the viewport).
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct FrameWidth(pub Option<f32>);

#[derive(Resource, Debug, Clone)]
pub struct Orbit {
    pub focus: Vec3,
    pub yaw: f32,
    pub pitch: f32,
    pub radius: f32,
}

impl Default for Orbit {
    fn default() -> Self {
        Self { focus: Vec3::ZERO, yaw: -0.12, pitch: -0.5, radius: 42.0 }
    }
}

impl Orbit {
    /// Backs the camera off, if need be, until a span of `width_m` across the focus fits the
    /// width of a viewport of `aspect` (width / height), with a small margin. Assumes Bevy's
    /// default perspective (vertical field of view of 45 degrees).
    pub fn fit_width(&mut self, width_m: f32, aspect: f32) {
        if !(width_m > 0.0 && aspect > 0.0) {
            return;
        }
        let half_height_per_m = (std::f32::consts::FRAC_PI_4 / 2.0).tan();
        let needed = 1.1 * width_m / (2.0 * half_height_per_m * aspect);
        self.radius = self.radius.max(needed).min(MAX_RADIUS_M);
    }

    pub fn transform(&self) -> Transform {
        let rotation = Quat::from_euler(EulerRot::YXZ, self.yaw, self.pitch, 0.0);
        Transform::from_translation(self.focus + rotation * Vec3::new(0.0, 0.0, self.radius))
            .looking_at(self.focus, Vec3::Y)
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Orbit>()
        .init_resource::<FrameWidth>()
        .add_systems(Startup, spawn_camera)
        .add_systems(Update, orbit_input.in_set(AppSystems::Input).run_if(not(egui_wants_any_pointer_input)))
        .add_systems(Update, place_camera.in_set(AppSystems::Visuals));
}

/// The 3D view of the hall; its viewport is the part of the window the panels leave free.
#[derive(Component)]
pub struct HallCamera;

/// Two cameras: the hall view, and one on top that draws only the egui panels over the
/// whole window (so resizing the 3D viewport never moves the panels).
fn spawn_camera(mut commands: Commands, orbit: Res<Orbit>, egui_settings: Option<ResMut<EguiGlobalSettings>>) {
    commands.spawn((Camera3d::default(), orbit.transform(), HallCamera));
    if let Some(mut settings) = egui_settings {
        settings.auto_create_primary_context = false;
        commands.spawn((
            PrimaryEguiContext,
            Camera3d::default(),
            RenderLayers::none(),
            Camera {
                order: 1,
                output_mode: CameraOutputMode::Write {
                    blend_state: Some(BlendState::ALPHA_BLENDING),
                    clear_color: ClearColorConfig::None,
                },
                clear_color: ClearColorConfig::Custom(Color::NONE),
                ..default()
            },
        ));
    }
}

fn orbit_input(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    mut orbit: ResMut<Orbit>,
) {
    if buttons.pressed(MouseButton::Left) {
        orbit.yaw -= motion.delta.x * 0.005;
        orbit.pitch = (orbit.pitch - motion.delta.y * 0.005).clamp(-1.5, -0.05);
    }
    if buttons.pressed(MouseButton::Right) || buttons.pressed(MouseButton::Middle) {
        let rotation = Quat::from_rotation_y(orbit.yaw);
        let scale = orbit.radius * 0.0015;
        let pan = rotation * Vec3::new(-motion.delta.x * scale, 0.0, -motion.delta.y * scale);
        orbit.focus += pan;
    }
    let zoom = match scroll.unit {
        MouseScrollUnit::Line => scroll.delta.y,
        MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
    };
    if zoom != 0.0 {
        orbit.radius = (orbit.radius * (1.0 - 0.1 * zoom)).clamp(4.0, 200.0);
    }
}

fn place_camera(orbit: Res<Orbit>, mut camera: Query<&mut Transform, With<HallCamera>>) {
    if !orbit.is_changed() {
        return;
    }
    for mut transform in &mut camera {
        *transform = orbit.transform();
    }
}

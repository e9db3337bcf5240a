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
pub const MAX_RADIUS_M: f32 = 320.0;
/// Closest it comes when framing, metres.
const MIN_RADIUS_M: f32 = 12.0;
/// How far out, in normalised device coordinates (1 = the viewport's edge), a framed point
/// may land: a margin so that no station, nor its name tag, touches the edge.
pub const FRAME_MARGIN: f32 = 0.85;
/// Vertical field of view of Bevy's default perspective projection.
const FOV_Y: f32 = std::f32::consts::FRAC_PI_4;

/// Points the hall view keeps whole: the stations' corners (set when a hall is built). The
/// play screen's panels and docks decide the viewport; whenever its shape changes (a window
/// resized, a station window or the trends docked) the view is framed again.
#[derive(Resource, Debug, Default, Clone)]
pub struct FrameTarget {
    pub points: Vec<Vec3>,
    /// The viewport aspect the view was last framed for.
    pub framed_aspect: Option<f32>,
}

impl FrameTarget {
    /// A new line to frame, at the next viewport known.
    pub fn new(points: Vec<Vec3>) -> Self {
        Self { points, framed_aspect: None }
    }

    /// Frames the view for a viewport of `aspect` unless it already is (within 1 %).
    pub fn frame_for(&mut self, orbit: &mut Orbit, aspect: f32) {
        if self.points.is_empty() || self.framed_aspect.is_some_and(|a| (a - aspect).abs() <= 0.01 * aspect) {
            return;
        }
        orbit.frame(&self.points, aspect);
        self.framed_aspect = Some(aspect);
    }
}

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
    fn eye(&self) -> Vec3 {
        let rotation = Quat::from_euler(EulerRot::YXZ, self.yaw, self.pitch, 0.0);
        self.focus + rotation * Vec3::new(0.0, 0.0, self.radius)
    }

    pub fn transform(&self) -> Transform {
        Transform::from_translation(self.eye()).looking_at(self.focus, Vec3::Y)
    }

    /// Where `point` shows in a viewport of `aspect` (width / height), in normalised device
    /// coordinates (-1 to 1 across and up); `None` behind the camera. Bevy's default
    /// perspective: 45 degrees vertical field of view.
    pub fn project(&self, point: Vec3, aspect: f32) -> Option<Vec2> {
        let view = Mat4::look_at_rh(self.eye(), self.focus, Vec3::Y);
        let clip = Mat4::perspective_rh(FOV_Y, aspect, 0.1, 5000.0) * view * point.extend(1.0);
        (clip.w > 0.0).then(|| Vec2::new(clip.x / clip.w, clip.y / clip.w))
    }

    /// Whether every point shows inside a viewport of `aspect`, within [`FRAME_MARGIN`].
    pub fn shows(&self, points: &[Vec3], aspect: f32) -> bool {
        points
            .iter()
            .all(|p| self.project(*p, aspect).is_some_and(|v| v.x.abs() <= FRAME_MARGIN && v.y.abs() <= FRAME_MARGIN))
    }

    /// The closest distance (bisected to a centimetre or so) at which every point shows
    /// inside a viewport of `aspect`, keeping the direction of view; as far as
    /// [`MAX_RADIUS_M`] if nothing closer does.
    pub fn frame(&mut self, points: &[Vec3], aspect: f32) {
        if points.is_empty() || !(aspect.is_finite() && aspect > 0.0) {
            return;
        }
        let mut probe = self.clone();
        let (mut near, mut far) = (MIN_RADIUS_M, MAX_RADIUS_M);
        probe.radius = near;
        if probe.shows(points, aspect) {
            self.radius = near;
            return;
        }
        for _ in 0..16 {
            probe.radius = 0.5 * (near + far);
            if probe.shows(points, aspect) {
                far = probe.radius;
            } else {
                near = probe.radius;
            }
        }
        self.radius = far;
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Orbit>()
        .init_resource::<FrameTarget>()
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

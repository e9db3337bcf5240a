//! Reading what the user names: only regular files, bounded in size, text checked as
//! UTF-8, errors rendered with file, line:column, field and a snippet; where a scenario's
//! layout is found.

use std::path::{Path, PathBuf};

use miette::{GraphicalReportHandler, GraphicalTheme};
use sim_core::input::{FieldPath, MAX_FILE_BYTES};
use sim_core::scenario::Scenario;
use sim_core::{InputError, LineLayout};

/// A failure with its exit code.
pub enum Failure {
    BadInput(String),
    Mismatch(String),
}

impl From<InputError> for Failure {
    fn from(err: InputError) -> Self {
        Failure::BadInput(render(&err))
    }
}

/// A diagnostic (a located file error, a protocol step) as the terminal shows it.
pub fn render(err: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, err).is_err() {
        out = err.to_string();
    }
    out
}

/// Reads a text file the twin was asked to load. Only regular files are read (a FIFO, a
/// device or a directory is refused, whatever a symlink points at), never more than
/// [`MAX_FILE_BYTES`] bytes whatever size the file system reports, and text that is not
/// UTF-8 gives an error located at the first bad byte.
pub fn read(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    if !meta.is_file() {
        return Err(Failure::BadInput(format!("{name}: not a regular file")));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::BadInput(format!("{name}: {e}")))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Failure::BadInput(format!("{name}: file is larger than the limit of {MAX_FILE_BYTES} bytes")));
    }
    Ok(sim_core::input::text_of(&name, bytes)?)
}

pub fn load_layout(path: &Path) -> Result<(LineLayout, String), Failure> {
    let text = read(path)?;
    let layout = LineLayout::from_ron(&path.display().to_string(), &text)?;
    Ok((layout, text))
}

/// The layout a scenario names: `assets/lines/<id>.ron` beside the scenario folder, or under
/// the current directory.
fn layout_path_for(scenario_file: &Path, line_id: &str) -> PathBuf {
    let name = format!("{line_id}.ron");
    let dir = scenario_file.parent().unwrap_or(Path::new("."));
    let beside = dir.join("..").join("assets").join("lines").join(&name);
    if beside.exists() { beside } else { Path::new("assets").join("lines").join(name) }
}

pub fn load_scenario(file: &Path, text: &str) -> Result<(Scenario, LineLayout), Failure> {
    let name = file.display().to_string();
    let parsed = Scenario::from_ron(&name, text)?;
    let layout_path = layout_path_for(file, &parsed.line);
    let (layout, _) = load_layout(&layout_path).map_err(|f| match f {
        Failure::BadInput(msg) => {
            let at = InputError::at_field(
                &name,
                text,
                &FieldPath::root().field("line"),
                format!("cannot load the layout of line `{}` ({})", parsed.line, layout_path.display()),
            );
            Failure::BadInput(format!("{}\n{msg}", render(&at)))
        }
        other => other,
    })?;
    let scenario = Scenario::load(&name, text, &layout)?;
    Ok((scenario, layout))
}

pub fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} plant time {pos}/{len} ticks [{bar:40}] {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// `target` as seen from directory `base` (absolute if no common prefix can be made).
pub fn relative_path(target: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, b) = (abs(target), abs(base));
    let common = t.components().zip(b.components()).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return t.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in b.components().skip(common) {
        rel.push("..");
    }
    for c in t.components().skip(common) {
        rel.push(c);
    }
    rel.display().to_string()
}

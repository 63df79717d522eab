//! The desktop app: an iced workspace over one capture.
//!
//! Start with [`app`]: `App` owns the open capture ([`load`] streams its
//! progress in, keyed by load id) and one module per screen under
//! [`screen`]. Each screen has its own `Message`, `update`, `view` and an
//! `Action` its parent interprets; `App::update` only dispatches.
//!
//! Everything that needs iced is behind the `gui` cargo feature; without it
//! [`launch`] keeps the CLI behaviour (a summary of the capture).

use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "gui")]
mod app;
#[cfg(feature = "gui")]
mod decode;
#[cfg(feature = "gui")]
mod dialog;
#[cfg(feature = "gui")]
mod digest;
#[cfg(feature = "gui")]
mod filter_bar;
#[cfg(feature = "gui")]
mod fonts;
#[cfg(feature = "gui")]
mod format;
#[cfg(feature = "gui")]
mod history;
#[cfg(feature = "gui")]
mod load;
#[cfg(feature = "gui")]
mod protocols;
#[cfg(feature = "gui")]
mod query;
#[cfg(feature = "gui")]
mod recent;
#[cfg(feature = "gui")]
mod screen;
#[cfg(feature = "gui")]
mod screenshot;
#[cfg(feature = "gui")]
mod search;
#[cfg(feature = "gui")]
mod sparkline;
#[cfg(feature = "gui")]
mod style;

/// What a run without a subcommand does: open a capture in the app, or
/// render one screen of it to a PNG.
#[derive(Debug, Clone, clap::Args)]
pub struct OpenArgs {
    /// Capture to open (raw or gzip); the bundled demo capture when omitted.
    pub file: Option<PathBuf>,
    /// Load the whole capture, render one frame of a screen into this PNG
    /// file and exit (no window; GPU through wgpu when an adapter exists,
    /// software rendering otherwise).
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Screen to show: `overview`, `views`, `list` (the syscall list),
    /// `timeline`, `stream` (follow the stream of the `--select`ed event),
    /// or a view's name (`procs`, `files`, `connections`, `syscalls`,
    /// `http_requests`, `dns_queries`, …: the views screen showing it).
    #[arg(long, alias = "view", value_name = "NAME", default_value = "overview")]
    pub screen: String,
    /// Window (or screenshot) size in logical pixels.
    #[arg(long, value_name = "WxH", default_value = "1600x1000", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Colour theme: `dark` or `light`.
    #[arg(long, value_name = "NAME", default_value = "dark")]
    pub theme: String,
    /// Event to select in the syscall list (index in the capture, from 0),
    /// so that its details and payload show.
    #[arg(long, value_name = "N")]
    pub select: Option<usize>,
    /// Field of the selected event's decoded payload to select (by name,
    /// e.g. `Host`), so that its bytes show highlighted.
    #[arg(long, value_name = "NAME", requires = "select")]
    pub field: Option<String>,
    /// sysdig filter to apply at start (the filter bar's text), e.g.
    /// `--filter 'proc.name=nginx and evt.type=read'`.
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    /// With `--screenshot`: also write the texts the frame shows (one per
    /// line, top to bottom), so scripts and tests can check what is on
    /// screen without reading pixels.
    #[arg(long, value_name = "PATH", requires = "screenshot")]
    pub texts: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WxH, got {s:?}"))?;
    let w: u32 = w.trim().parse().map_err(|e| format!("width {w:?}: {e}"))?;
    let h: u32 = h.trim().parse().map_err(|e| format!("height {h:?}: {e}"))?;
    if !(100..=16384).contains(&w) || !(100..=16384).contains(&h) {
        return Err(format!("size {w}x{h} out of range (100 to 16384 each)"));
    }
    Ok((w, h))
}

/// Opens the capture in the app, or writes the screenshot asked for.
/// Without a display (a terminal over ssh, CI) it prints the summary.
#[cfg(feature = "gui")]
pub fn launch(args: OpenArgs) -> anyhow::Result<ExitCode> {
    let settings = app::Settings::from_args(&args)?;
    match args.screenshot {
        Some(out) => screenshot::run(settings, &out, args.texts.as_deref()),
        None if !has_display() => {
            eprintln!(
                "scapscope: no display (DISPLAY and WAYLAND_DISPLAY are unset), so here is a \
                 summary; `--screenshot FILE.png` renders the app without one"
            );
            summarise(args)
        }
        None => app::run(settings),
    }
}

/// Without the app, a run without a subcommand summarises the capture.
#[cfg(not(feature = "gui"))]
pub fn launch(args: OpenArgs) -> anyhow::Result<ExitCode> {
    if args.screenshot.is_some() {
        anyhow::bail!("--screenshot needs the desktop app: build with `--features gui`");
    }
    summarise(args)
}

fn summarise(args: OpenArgs) -> anyhow::Result<ExitCode> {
    crate::cli::stats::run(crate::cli::stats::StatsArgs {
        file: Some(args.file.unwrap_or_else(crate::demo_capture)),
        json: false,
    })
}

/// Whether a window can be opened: on Linux and the BSDs winit needs an X11
/// or Wayland display (it panics without one); elsewhere there always is.
#[cfg(feature = "gui")]
fn has_display() -> bool {
    if cfg!(all(unix, not(target_os = "macos"))) {
        ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1600x1000"), Ok((1600, 1000)));
        assert_eq!(parse_size("800X600"), Ok((800, 600)));
        assert!(parse_size("1600").is_err());
        assert!(parse_size("10x10").is_err());
        assert!(parse_size("axb").is_err());
    }
}

//! `--screenshot`: load a capture completely, render one frame of a screen
//! offscreen and write it as a PNG.
//!
//! No window is opened: the frame is drawn by iced's headless renderer,
//! wgpu when an adapter exists (Mesa's lavapipe or llvmpipe without a GPU)
//! and tiny-skia otherwise, or as `ICED_BACKEND` (`wgpu`, `tiny-skia`)
//! says. It therefore works the same under Xvfb, on Wayland, or with no
//! display at all.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use iced::advanced::clipboard;
use iced::advanced::renderer::{self, Headless as _};
use iced::advanced::widget::{self, Operation};
use iced::theme::Base as _;
use iced::{Pixels, Size, mouse, window};
use iced_runtime::UserInterface;
use iced_runtime::user_interface;
use scapscope_core::store::{self, LoadOptions};

use super::app::{App, Message, Settings};
use super::digest;
use super::load;
use super::screen::Screen;
use super::style;

/// Layout passes before the frame is drawn: widgets that report their size
/// (the list measures its page) need one round trip through `update`.
const SETTLE_PASSES: usize = 3;

/// Repeated rasterisations of the final frame, to time a warm one.
const WARM_RASTERS: usize = 5;

/// Loads, renders and writes the PNG.
pub fn run(settings: Settings, out: &Path, texts: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut app = App::new(&settings);
    app.match_inline();
    load_fully(&mut app, &settings)?;
    if settings.screen == Screen::Stream {
        let event = settings
            .select
            .ok_or_else(|| anyhow!("--screen stream needs --select N (an I/O event)"))?;
        app.follow_now(event);
    }
    let (w, h) = settings.size;
    let backend = std::env::var("ICED_BACKEND").ok();
    // The windowed app reads a list ("wgpu,tiny-skia"); one frame needs one.
    let backend = backend
        .as_deref()
        .and_then(|b| b.split(',').map(str::trim).find(|b| !b.is_empty()));
    let frame = render(&mut app, Size::new(w, h), backend)?;
    write_png(out, w, h, &frame.rgba).with_context(|| format!("cannot write {}", out.display()))?;
    if let Some(path) = texts {
        let mut all = frame.texts.join("\n");
        all.push('\n');
        std::fs::write(path, all).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "scapscope: {w}x{h} {} screen rendered with {} to {} (interface {:.1} ms \
         cold, {:.1} ms warm; raster {:.1} ms cold, {:.1} ms warm{})",
        app.screen().label(),
        frame.renderer,
        out.display(),
        frame.cold_ui_time.as_secs_f64() * 1e3,
        frame.ui_time.as_secs_f64() * 1e3,
        frame.cold_raster_time.as_secs_f64() * 1e3,
        frame.raster_time.as_secs_f64() * 1e3,
        frame
            .raster_cpu_time
            .map(|t| format!(
                ", {:.1} ms of it on this thread's CPU",
                t.as_secs_f64() * 1e3
            ))
            .unwrap_or_default(),
    );
    Ok(ExitCode::SUCCESS)
}

/// Loads the settings' capture into `app` through the same messages a
/// window would receive, and waits for the end.
pub fn load_fully(app: &mut App, settings: &Settings) -> anyhow::Result<()> {
    let handle = store::load(&settings.file, LoadOptions::default());
    app.adopt(settings.file.clone(), handle.id(), None);
    while !handle.is_finished() {
        std::thread::sleep(Duration::from_millis(5));
    }
    let snapshot = handle.snapshot();
    if let Some(e) = &snapshot.open_error {
        return Err(anyhow!("{e}"));
    }
    let digest = Arc::new(digest::Builder::default().absorb(&snapshot));
    let _ = app.update(Message::LoadProgressed(load::Update {
        load_id: handle.id(),
        progress: handle.progress(),
        snapshot,
        digest,
        finished: true,
    }));
    // The warm-up's sample, as the window's worker would deliver it: the
    // end on a small capture, how far it got on a large one.
    if let Some(watch) = app.warm_watch() {
        let until = std::time::Instant::now() + Duration::from_secs(2);
        let mut status = watch.status();
        while !status.finished && !watch.stopped() && std::time::Instant::now() < until {
            status = watch.wait(Duration::from_millis(100));
        }
        let _ = app.update(Message::WarmProgressed(load::WarmUpdate {
            load_id: handle.id(),
            status,
        }));
    }
    Ok(())
}

/// One rendered frame.
#[derive(Debug)]
pub struct Frame {
    /// RGBA bytes, row by row.
    pub rgba: Vec<u8>,
    /// The renderer that drew it (`wgpu`, `tiny-skia`).
    pub renderer: String,
    /// Time to build and lay out the interface from nothing (every text
    /// shaped anew).
    pub cold_ui_time: Duration,
    /// Time to build, lay out and draw the interface again (texts cached).
    pub ui_time: Duration,
    /// The texts the frame shows (inside the window), top to bottom, then
    /// left to right.
    pub texts: Vec<String>,
    /// Time to rasterise and read back the pixels the first time (glyphs
    /// rasterised anew).
    pub cold_raster_time: Duration,
    /// Time to rasterise and read back the same frame again (median of
    /// `WARM_RASTERS`, caches warm).
    pub raster_time: Duration,
    /// CPU time of the calling thread per warm raster (mean), where the
    /// system reports it.
    pub raster_cpu_time: Option<Duration>,
}

/// Renders one frame of `app` at `size` (logical = physical pixels).
/// `backend` picks the renderer (`wgpu`, `tiny-skia`); `None` tries wgpu,
/// then tiny-skia.
pub fn render(app: &mut App, size: Size<u32>, backend: Option<&str>) -> anyhow::Result<Frame> {
    {
        let mut fonts = iced::advanced::graphics::text::font_system()
            .write()
            .map_err(|_| anyhow!("the font system is poisoned"))?;
        for font in style::fonts() {
            fonts.load_font(std::borrow::Cow::Borrowed(font));
        }
    }
    let mut renderer =
        iced::futures::executor::block_on(iced::Renderer::new(style::SANS, Pixels(16.0), backend))
            .ok_or_else(|| anyhow!("no renderer available (wgpu or tiny-skia)"))?;
    let logical = Size::new(size.width as f32, size.height as f32);
    let redraw = [iced::Event::Window(window::Event::RedrawRequested(
        iced::time::Instant::now(),
    ))];
    let mut cache = user_interface::Cache::default();
    let mut cold_ui_time = None;
    for _ in 0..SETTLE_PASSES {
        let mut messages = Vec::new();
        let started = std::time::Instant::now();
        let mut ui = UserInterface::build(app.view(), logical, cache, &mut renderer);
        // The first build shapes every text: the cost of a frame whose rows
        // all changed (a page jump).
        cold_ui_time.get_or_insert_with(|| started.elapsed());
        let _ = ui.update(
            &redraw,
            mouse::Cursor::Unavailable,
            &mut renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        cache = ui.into_cache();
        if messages.is_empty() {
            break;
        }
        for m in messages {
            let _ = app.update(m);
        }
    }
    let theme = app.theme();
    let base = theme.base();
    let frame_started = std::time::Instant::now();
    let mut ui = UserInterface::build(app.view(), logical, cache, &mut renderer);
    let _ = ui.update(
        &redraw,
        mouse::Cursor::Unavailable,
        &mut renderer,
        &mut clipboard::Null,
        &mut Vec::new(),
    );
    ui.draw(
        &mut renderer,
        &theme,
        &renderer::Style {
            text_color: base.text_color,
        },
        mouse::Cursor::Unavailable,
    );
    // Building, laying out and drawing the interface: the UI thread's part
    // of a frame (the rasteriser's part follows in `screenshot`).
    let frame = frame_started.elapsed();
    // The renderer only holds weak references to the text the widgets
    // shaped: the interface must outlive the screenshot.
    let rgba = renderer.screenshot(size, 1.0, base.background_color);
    let cold_raster = frame_started.elapsed() - frame;
    // The first raster also fills the glyph caches; a window redraws a
    // frame whose every row changed (a scroll) with them warm, so that is
    // the figure to hold against the 16 ms budget: the median of a few.
    let cpu_before = thread_cpu_time();
    let mut warm: Vec<Duration> = (0..WARM_RASTERS)
        .map(|_| {
            let started = std::time::Instant::now();
            let _ = renderer.screenshot(size, 1.0, base.background_color);
            started.elapsed()
        })
        .collect();
    // Wall time includes waiting for a core on a busy machine; the time
    // this thread ran is what the frame costs (the software renderer
    // draws on this thread; a GPU's work is not in it).
    let raster_cpu_time = match (cpu_before, thread_cpu_time()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) / WARM_RASTERS as u32),
        _ => None,
    };
    warm.sort_unstable();
    let mut texts = VisibleTexts {
        window: iced::Rectangle::with_size(logical),
        found: Vec::new(),
    };
    ui.operate(&renderer, &mut texts);
    drop(ui);
    Ok(Frame {
        rgba,
        texts: texts.into_lines(),
        renderer: renderer.name(),
        cold_ui_time: cold_ui_time.unwrap_or(frame),
        ui_time: frame,
        cold_raster_time: cold_raster,
        raster_time: warm.get(WARM_RASTERS / 2).copied().unwrap_or(cold_raster),
        raster_cpu_time,
    })
}

/// Time the calling thread has run on a CPU (Linux's schedstat), `None`
/// where the kernel does not say.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Collects the texts of an interface that lie in the window (widgets
/// report theirs through `operate`, as `iced_test` finds them).
struct VisibleTexts {
    window: iced::Rectangle,
    found: Vec<(iced::Rectangle, String)>,
}

impl VisibleTexts {
    fn into_lines(mut self) -> Vec<String> {
        self.found
            .sort_by(|(a, _), (b, _)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        self.found.into_iter().map(|(_, t)| t).collect()
    }
}

impl Operation for VisibleTexts {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn text(&mut self, _id: Option<&widget::Id>, bounds: iced::Rectangle, text: &str) {
        let text = text.trim();
        if !text.is_empty() && self.window.intersects(&bounds) {
            self.found.push((bounds, text.replace('\n', " ")));
        }
    }

    fn text_input(
        &mut self,
        _id: Option<&widget::Id>,
        bounds: iced::Rectangle,
        state: &mut dyn widget::operation::TextInput,
    ) {
        let text = state.text();
        if !text.trim().is_empty() && self.window.intersects(&bounds) {
            self.found.push((bounds, text.trim().to_string()));
        }
    }
}

fn write_png(path: &Path, w: u32, h: u32, rgba: &[u8]) -> anyhow::Result<()> {
    let file = BufWriter::new(File::create(path)?);
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::screen::Screen;
    use crate::gui::style::Mode;

    fn settings(screen: Screen, mode: Mode, select: Option<usize>) -> Settings {
        Settings {
            file: crate::demo_capture(),
            screen,
            size: (900, 600),
            mode,
            select,
            field: None,
            filter: None,
            view: None,
        }
    }

    /// Pixels that differ from the top-left one (the bar's background).
    fn ink(rgba: &[u8]) -> usize {
        let first = &rgba[..4];
        rgba.chunks(4).filter(|p| *p != first).count()
    }

    #[test]
    fn screens_render_with_the_software_renderer() {
        for (screen, mode, select) in [
            (Screen::Overview, Mode::Dark, None),
            (Screen::List, Mode::Light, Some(120)),
        ] {
            let s = settings(screen, mode, select);
            let mut app = App::new(&s);
            load_fully(&mut app, &s).unwrap();
            let Frame { rgba, renderer, .. } =
                render(&mut app, Size::new(900, 600), Some("tiny-skia")).unwrap();
            assert_eq!(renderer, "tiny-skia");
            assert_eq!(rgba.len(), 900 * 600 * 4);
            // Text, tiles and rows draw: a good share of the frame is not
            // background.
            assert!(ink(&rgba) > 900 * 600 / 20, "{screen:?} looks blank");
        }
    }

    #[test]
    fn a_missing_capture_is_an_error() {
        let mut s = settings(Screen::Overview, Mode::Dark, None);
        s.file = "/nonexistent.scap".into();
        let mut app = App::new(&s);
        assert!(load_fully(&mut app, &s).is_err());
    }
}

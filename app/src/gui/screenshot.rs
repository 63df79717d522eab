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
use iced::theme::Base as _;
use iced::{Pixels, Size, mouse, window};
use iced_runtime::UserInterface;
use iced_runtime::user_interface;
use scapscope_core::store::{self, LoadOptions};

use super::app::{App, Message, Settings};
use super::digest;
use super::load;
use super::style;

/// Layout passes before the frame is drawn: widgets that report their size
/// (the list measures its page) need one round trip through `update`.
const SETTLE_PASSES: usize = 3;

/// Loads, renders and writes the PNG.
pub fn run(settings: Settings, out: &Path) -> anyhow::Result<ExitCode> {
    let mut app = App::new(&settings);
    load_fully(&mut app, &settings)?;
    let (w, h) = settings.size;
    let (rgba, renderer) = render(&mut app, Size::new(w, h))?;
    write_png(out, w, h, &rgba).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "scapscope: {}x{} {} screen rendered with {renderer} to {}",
        w,
        h,
        app.screen().label(),
        out.display()
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
    Ok(())
}

/// Renders one frame of `app` at `size` (logical = physical pixels) and
/// returns its RGBA bytes and the renderer's name.
pub fn render(app: &mut App, size: Size<u32>) -> anyhow::Result<(Vec<u8>, String)> {
    let backend = std::env::var("ICED_BACKEND").ok();
    let backend = backend
        .as_deref()
        .and_then(|b| b.split(',').map(str::trim).find(|b| !b.is_empty()));
    {
        let mut fonts = iced::advanced::graphics::text::font_system()
            .write()
            .map_err(|_| anyhow!("the font system is poisoned"))?;
        for font in style::fonts() {
            fonts.load_font(std::borrow::Cow::Borrowed(font));
        }
    }
    let mut renderer = iced::futures::executor::block_on(iced::Renderer::new(
        style::SANS,
        Pixels(16.0),
        backend,
    ))
    .ok_or_else(|| anyhow!("no renderer available (wgpu or tiny-skia)"))?;
    let logical = Size::new(size.width as f32, size.height as f32);
    let redraw = [iced::Event::Window(window::Event::RedrawRequested(
        iced::time::Instant::now(),
    ))];
    let mut cache = user_interface::Cache::default();
    for _ in 0..SETTLE_PASSES {
        let mut messages = Vec::new();
        let mut ui = UserInterface::build(app.view(), logical, cache, &mut renderer);
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
    drop(ui);
    let rgba = renderer.screenshot(size, 1.0, base.background_color);
    Ok((rgba, renderer.name()))
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

    #[test]
    fn scratch_text() {
        let mut renderer = iced::futures::executor::block_on(iced::Renderer::new(
            iced::Font::DEFAULT,
            Pixels(16.0),
            Some("tiny-skia"),
        ))
        .unwrap();
        let size = Size::new(400.0, 200.0);
        let el: iced::Element<'_, ()> = iced::widget::text("Hello WORLD").size(50).into();
        let mut ui = UserInterface::build(el, size, user_interface::Cache::default(), &mut renderer);
        let theme = iced::Theme::Light;
        ui.draw(&mut renderer, &theme, &renderer::Style { text_color: iced::Color::BLACK }, mouse::Cursor::Unavailable);
        drop(ui);
        let rgba = renderer.screenshot(Size::new(400, 200), 1.0, iced::Color::WHITE);
        write_png(Path::new("/tmp/gui/scratch.png"), 400, 200, &rgba).unwrap();
        let dark = rgba.chunks(4).filter(|p| p[0] < 128).count();
        eprintln!("dark pixels {dark}");
    }
}

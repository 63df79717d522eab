//! The timeline's widgets: a `shader` program that hands a frame's quads
//! to `scapscope_render::Pipeline` and turns mouse input into messages,
//! and a canvas over it for the text (labels, tooltip). Without a GPU
//! (iced's tiny-skia renderer cannot run custom shaders) the canvas draws
//! the quads too.

use std::sync::Arc;

use iced::advanced::graphics::Viewport;
use iced::keyboard;
use iced::mouse::{self, ScrollDelta};
use iced::widget::canvas::{self, Geometry};
use iced::widget::shader;
use iced::{Color, Event, Point, Rectangle, Renderer, Size, Theme, wgpu};
use scapscope_render::frame::LabelKind;
use scapscope_render::palette::Rgba;
use scapscope_render::{Frame, Palette};

use super::{CHAR_PX, CLICK_SLOP_PX, LABEL_SIZE, Message, ZOOM_STEP};
use crate::gui::style;

/// The plot: draws a frame's quads and reports what the mouse does.
#[derive(Debug)]
pub struct Plot {
    /// The frame to draw.
    pub frame: Arc<Frame>,
    /// Width of the row-header gutter.
    pub gutter: f32,
    /// Bottom of the time axis band (drags above it select a range).
    pub axis_bottom: f32,
}

/// What the plot remembers between events.
#[derive(Debug, Default)]
pub struct PlotState {
    drag: Option<Drag>,
    modifiers: keyboard::Modifiers,
    hovered: Option<Point>,
}

#[derive(Debug, Clone, Copy)]
struct Drag {
    on_axis: bool,
    start: Point,
    last: Point,
    moved: bool,
}

impl shader::Program<Message> for Plot {
    type State = PlotState;
    type Primitive = Quads;

    fn update(
        &self,
        state: &mut PlotState,
        event: &Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<shader::Action<Message>> {
        let size = bounds.size();
        match event {
            Event::Keyboard(keyboard::Event::ModifiersChanged(m)) => {
                state.modifiers = *m;
                None
            }
            Event::Mouse(mouse::Event::WheelScrolled { delta }) => {
                let p = cursor.position_in(bounds)?;
                let notches = match delta {
                    ScrollDelta::Lines { y, .. } => *y,
                    ScrollDelta::Pixels { y, .. } => *y / 40.0,
                };
                let m = if state.modifiers.shift() {
                    Message::Scrolled {
                        dy: -notches * 40.0,
                        size,
                    }
                } else {
                    // Wheel up (away from the user) zooms in, with or
                    // without Ctrl.
                    Message::Zoomed {
                        x: p.x,
                        factor: ZOOM_STEP.powf(f64::from(notches)),
                        size,
                    }
                };
                Some(shader::Action::publish(m).and_capture())
            }
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let p = cursor.position_in(bounds)?;
                state.drag = Some(Drag {
                    on_axis: p.y < self.axis_bottom && p.x >= self.gutter,
                    start: p,
                    last: p,
                    moved: false,
                });
                Some(shader::Action::capture())
            }
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)) => {
                let p = cursor.position_in(bounds)?;
                Some(shader::Action::publish(Message::RightClicked { at: p, size }).and_capture())
            }
            Event::Mouse(mouse::Event::CursorMoved { position }) => {
                let p = Point::new(position.x - bounds.x, position.y - bounds.y);
                if let Some(d) = state.drag.as_mut() {
                    if !d.moved && p.distance(d.start) < CLICK_SLOP_PX {
                        return None;
                    }
                    d.moved = true;
                    let m = if d.on_axis {
                        Message::AxisDragged {
                            from_x: d.start.x,
                            to_x: p.x.clamp(self.gutter, bounds.width),
                            done: false,
                            size,
                        }
                    } else {
                        let (dx, dy) = (p.x - d.last.x, p.y - d.last.y);
                        d.last = p;
                        Message::Panned { dx, dy, size }
                    };
                    return Some(shader::Action::publish(m).and_capture());
                }
                let inside = cursor.position_in(bounds);
                if inside == state.hovered {
                    return None;
                }
                state.hovered = inside;
                Some(shader::Action::publish(Message::Hovered {
                    at: inside,
                    size,
                }))
            }
            Event::Mouse(mouse::Event::CursorLeft) => {
                state.hovered = None;
                Some(shader::Action::publish(Message::Hovered { at: None, size }))
            }
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) => {
                let d = state.drag.take()?;
                let m = if d.on_axis {
                    let to = cursor
                        .position()
                        .map_or(d.start.x, |q| q.x - bounds.x)
                        .clamp(self.gutter, bounds.width);
                    Message::AxisDragged {
                        from_x: d.start.x,
                        to_x: if d.moved { to } else { d.start.x },
                        done: true,
                        size,
                    }
                } else if !d.moved {
                    Message::Clicked { at: d.start, size }
                } else {
                    return None;
                };
                Some(shader::Action::publish(m).and_capture())
            }
            _ => None,
        }
    }

    fn draw(&self, _state: &PlotState, _cursor: mouse::Cursor, _bounds: Rectangle) -> Quads {
        Quads {
            frame: self.frame.clone(),
        }
    }

    fn mouse_interaction(
        &self,
        state: &PlotState,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        match (state.drag, cursor.position_in(bounds)) {
            (Some(d), _) if d.moved && !d.on_axis => mouse::Interaction::Grabbing,
            (_, Some(p)) if p.y < self.axis_bottom && p.x >= self.gutter => {
                mouse::Interaction::Crosshair
            }
            (_, Some(p)) if p.x < self.gutter => mouse::Interaction::Pointer,
            (_, Some(_)) => mouse::Interaction::Grab,
            _ => mouse::Interaction::default(),
        }
    }
}

/// One frame's quads, as the GPU primitive.
#[derive(Debug)]
pub struct Quads {
    frame: Arc<Frame>,
}

/// The renderer's pipeline, made once per device by iced.
#[derive(Debug)]
pub struct Gpu(scapscope_render::Pipeline);

impl shader::Pipeline for Gpu {
    fn new(device: &wgpu::Device, _queue: &wgpu::Queue, format: wgpu::TextureFormat) -> Gpu {
        Gpu(scapscope_render::Pipeline::new(device, format))
    }
}

impl shader::Primitive for Quads {
    type Pipeline = Gpu;

    fn prepare(
        &self,
        pipeline: &mut Gpu,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        bounds: &Rectangle,
        _viewport: &Viewport,
    ) {
        // Quads are in the widget's logical pixels; the render pass's
        // viewport covers the widget, whatever the scale factor.
        pipeline.0.prepare(
            device,
            queue,
            &self.frame.instances,
            [bounds.width, bounds.height],
        );
    }

    fn draw(&self, pipeline: &Gpu, render_pass: &mut wgpu::RenderPass<'_>) -> bool {
        pipeline.0.draw(render_pass);
        true
    }
}

/// The tooltip under the pointer.
#[derive(Debug, Clone)]
pub struct Tooltip {
    /// Pointer position in the widget.
    pub at: Point,
    /// Its lines.
    pub lines: Vec<String>,
}

/// Text over the plot: labels (and the quads themselves when the
/// renderer cannot run the shader).
#[derive(Debug)]
pub struct Overlay {
    /// The frame whose labels to write.
    pub frame: Arc<Frame>,
    /// Colours.
    pub palette: Palette,
    /// Where the selected event is, as an x in widget pixels (a line
    /// across the plot: the outline of a sub-pixel span is not seen when
    /// zoomed out).
    pub marker_x: Option<f32>,
}

/// The tooltip, in a layer of its own: iced writes a canvas's text above
/// all of its shapes, so labels would show through a tooltip drawn in the
/// same canvas.
#[derive(Debug)]
pub struct TooltipLayer {
    /// The tooltip, if the pointer is over something.
    pub tooltip: Option<Tooltip>,
    /// Colours.
    pub palette: Palette,
}

impl canvas::Program<Message> for TooltipLayer {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let Some(t) = &self.tooltip else {
            return Vec::new();
        };
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        draw_tooltip(
            &mut frame,
            t,
            bounds.size(),
            theme.palette().text,
            &self.palette,
        );
        vec![frame.into_geometry()]
    }
}

fn color(c: Rgba) -> Color {
    Color::from_rgba8(c[0], c[1], c[2], f32::from(c[3]) / 255.0)
}

impl canvas::Program<Message> for Overlay {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        // tiny-skia draws no custom shader: draw the quads here instead.
        if matches!(renderer, Renderer::Secondary(_)) {
            for q in &self.frame.instances {
                let [x0, y0, x1, y1] = q.rect;
                frame.fill_rectangle(
                    Point::new(x0, y0),
                    Size::new(x1 - x0, y1 - y0),
                    color(q.color),
                );
            }
        }
        if let Some(x) = self.marker_x {
            frame.fill_rectangle(
                Point::new(x - 1.0, 0.0),
                Size::new(2.0, bounds.height),
                // Translucent: what is under it stays readable.
                Color {
                    a: 0.6,
                    ..color(self.palette.selected)
                },
            );
        }
        let text_color = theme.palette().text;
        let dim = style::dim(theme);
        for l in &self.frame.labels {
            let (font, size, c) = match l.kind {
                LabelKind::Row => (style::SANS, LABEL_SIZE + 1.0, text_color),
                LabelKind::Span => (style::MONO, LABEL_SIZE, Color::BLACK),
                LabelKind::Cursor => (style::MONO, LABEL_SIZE, text_color),
                LabelKind::Tick | LabelKind::AxisContext | LabelKind::Metric => {
                    (style::MONO, LABEL_SIZE, dim)
                }
            };
            let room = (l.max_width_px / CHAR_PX).floor().max(0.0) as usize;
            if room == 0 {
                continue;
            }
            let content = truncate(&l.text, room);
            if l.kind == LabelKind::Cursor {
                let w = content.chars().count() as f32 * CHAR_PX as f32 + 6.0;
                frame.fill_rectangle(
                    Point::new(l.x_px as f32 - 3.0, l.y_px as f32 - 1.0),
                    Size::new(w, LABEL_SIZE + 5.0),
                    color(self.palette.axis),
                );
            }
            frame.fill_text(canvas::Text {
                content,
                position: Point::new(l.x_px as f32, l.y_px as f32),
                color: c,
                size: size.into(),
                font,
                ..canvas::Text::default()
            });
        }
        vec![frame.into_geometry()]
    }
}

fn draw_tooltip(frame: &mut canvas::Frame, t: &Tooltip, area: Size, text: Color, p: &Palette) {
    let line_h = LABEL_SIZE + 5.0;
    let chars = t.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let w = chars as f32 * CHAR_PX as f32 + 16.0;
    let h = t.lines.len() as f32 * line_h + 10.0;
    // Beside the pointer, flipped to stay inside the widget.
    let mut x = t.at.x + 16.0;
    let mut y = t.at.y + 16.0;
    if x + w > area.width {
        x = (t.at.x - 16.0 - w).max(0.0);
    }
    if y + h > area.height {
        y = (t.at.y - 16.0 - h).max(0.0);
    }
    frame.fill_rectangle(
        Point::new(x - 1.0, y - 1.0),
        Size::new(w + 2.0, h + 2.0),
        color(p.separator),
    );
    frame.fill_rectangle(Point::new(x, y), Size::new(w, h), color(p.axis));
    for (i, line) in t.lines.iter().enumerate() {
        frame.fill_text(canvas::Text {
            content: line.clone(),
            position: Point::new(x + 8.0, y + 5.0 + i as f32 * line_h),
            color: text,
            size: LABEL_SIZE.into(),
            font: style::MONO,
            ..canvas::Text::default()
        });
    }
}

/// `s` cut to `max` characters, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn labels_are_cut_to_fit() {
        assert_eq!(truncate("read", 10), "read");
        assert_eq!(truncate("nanosleep", 5), "nano…");
        assert_eq!(truncate("x", 1), "x");
    }
}

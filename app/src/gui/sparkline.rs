//! A tiny filled line chart of a time series (canvas: drawn by both the
//! wgpu and the tiny-skia renderer).

use std::rc::Rc;

use iced::widget::canvas::{self, Event, Frame, Geometry, Path, Stroke};
use iced::{Color, Point, Rectangle, Renderer, Theme, mouse};

use super::style;

/// The points of a sparkline, scaled to its own maximum. It owns a copy
/// of its (few dozen) values, so a tile needs no borrow of the digest.
/// A click reports the point under the pointer (a time bin) when
/// [`Sparkline::on_pick`] is set.
#[derive(Clone)]
pub struct Sparkline<M> {
    values: Vec<f32>,
    on_pick: Option<Rc<dyn Fn(usize) -> M>>,
}

impl<M> Sparkline<M> {
    /// A sparkline over `values` (drawn flat when all are zero).
    pub fn new(values: &[f32]) -> Self {
        Sparkline {
            values: values.to_vec(),
            on_pick: None,
        }
    }

    /// Reports clicks as the index of the nearest point.
    pub fn on_pick(mut self, f: impl Fn(usize) -> M + 'static) -> Self {
        self.on_pick = Some(Rc::new(f));
        self
    }
}

/// The point nearest to `x` in a `width`-wide sparkline of `n` points.
pub fn pick(x: f32, width: f32, n: usize) -> Option<usize> {
    if n == 0 || width <= 0.0 || !(0.0..=width).contains(&x) {
        return None;
    }
    if n == 1 {
        return Some(0);
    }
    let k = (x / width * (n - 1) as f32).round() as usize;
    Some(k.min(n - 1))
}

/// The polyline of `values` in a `width` x `height` box: x spread evenly,
/// y = 0 at the bottom (less a margin) and the maximum at the top.
pub fn points(values: &[f32], width: f32, height: f32) -> Vec<Point> {
    let max = values.iter().copied().fold(0.0f32, f32::max);
    let n = values.len();
    let margin = 1.5;
    let h = (height - 2.0 * margin).max(0.0);
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let x = if n > 1 {
                i as f32 * width / (n - 1) as f32
            } else {
                width / 2.0
            };
            let y = if max > 0.0 { v / max } else { 0.0 };
            Point::new(x, margin + h * (1.0 - y))
        })
        .collect()
}

impl<Message> canvas::Program<Message> for Sparkline<Message> {
    type State = ();

    fn update(
        &self,
        _state: &mut (),
        event: &Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let f = self.on_pick.as_ref()?;
        let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) = event else {
            return None;
        };
        let p = cursor.position_in(bounds)?;
        let k = pick(p.x, bounds.width, self.values.len())?;
        Some(canvas::Action::publish(f(k)).and_capture())
    }

    fn mouse_interaction(
        &self,
        _state: &(),
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        if self.on_pick.is_some() && cursor.is_over(bounds) {
            mouse::Interaction::Crosshair
        } else {
            mouse::Interaction::default()
        }
    }

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let pts = points(&self.values, bounds.width, bounds.height);
        if pts.len() >= 2 {
            let color = style::spark(theme);
            let line = Path::new(|b| {
                b.move_to(pts[0]);
                for p in &pts[1..] {
                    b.line_to(*p);
                }
            });
            let area = Path::new(|b| {
                b.move_to(Point::new(pts[0].x, bounds.height));
                for p in &pts {
                    b.line_to(*p);
                }
                b.line_to(Point::new(pts[pts.len() - 1].x, bounds.height));
                b.close();
            });
            frame.fill(&area, Color { a: 0.22, ..color });
            frame.stroke(&line, Stroke::default().with_color(color).with_width(1.5));
        }
        vec![frame.into_geometry()]
    }
}

#[cfg(test)]
mod tests {
    use super::{pick, points};

    #[test]
    fn clicks_pick_the_nearest_point() {
        assert_eq!(pick(0.0, 100.0, 60), Some(0));
        assert_eq!(pick(100.0, 100.0, 60), Some(59));
        assert_eq!(pick(50.0, 100.0, 3), Some(1));
        assert_eq!(pick(24.0, 100.0, 3), Some(0));
        assert_eq!(pick(26.0, 100.0, 3), Some(1));
        assert_eq!(pick(-1.0, 100.0, 3), None);
        assert_eq!(pick(5.0, 100.0, 0), None);
    }

    #[test]
    fn maximum_touches_the_top_and_zero_the_bottom() {
        let p = points(&[0.0, 5.0, 10.0], 100.0, 20.0);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].x, 0.0);
        assert_eq!(p[2].x, 100.0);
        assert!((p[2].y - 1.5).abs() < 1e-4);
        assert!((p[0].y - 18.5).abs() < 1e-4);
        assert!(points(&[0.0, 0.0], 10.0, 10.0).iter().all(|q| q.y > 8.0));
    }
}

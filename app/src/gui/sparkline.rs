//! A tiny filled line chart of a time series (canvas: drawn by both the
//! wgpu and the tiny-skia renderer).

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke};
use iced::{Color, Point, Rectangle, Renderer, Theme, mouse};

use super::style;

/// The points of a sparkline, scaled to its own maximum. It owns a copy
/// of its (few dozen) values, so a tile needs no borrow of the digest.
#[derive(Debug, Clone)]
pub struct Sparkline {
    values: Vec<f32>,
}

impl Sparkline {
    /// A sparkline over `values` (drawn flat when all are zero).
    pub fn new(values: &[f32]) -> Self {
        Sparkline {
            values: values.to_vec(),
        }
    }
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

impl<Message> canvas::Program<Message> for Sparkline {
    type State = ();

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
    use super::points;

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

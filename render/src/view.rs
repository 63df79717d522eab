//! Time ↔ pixel: which stretch of time the plot shows, and how zooming,
//! panning, fitting and selecting change it.
//!
//! Timestamps are `u64` ns since the epoch, far beyond what `f64` holds to
//! the nanosecond (2^53 ns is 104 days), let alone `f32`. The view keeps its
//! left edge as whole nanoseconds plus a fraction, and only *offsets* from
//! it become floating point: a span of days is still exact to the
//! nanosecond at the edge of the screen.

/// Most zoomed in: 1 ns spans 100 px.
pub const MIN_NS_PER_PX: f64 = 0.01;

/// Most zoomed out: about 1.7 years across a 1000 px plot. Far beyond any
/// capture; it only keeps the arithmetic finite.
pub const MAX_NS_PER_PX: f64 = 5.0e13;

/// A point in time with sub-nanosecond precision (views can be zoomed in
/// past one nanosecond per pixel).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct TimePoint {
    /// Whole nanoseconds since the epoch.
    pub ns: u64,
    /// Fraction of a nanosecond, in `[0, 1)`.
    pub frac: f64,
}

impl TimePoint {
    /// A whole nanosecond.
    pub fn at(ns: u64) -> TimePoint {
        TimePoint { ns, frac: 0.0 }
    }

    /// This point moved by `delta_ns` (fractional, either sign), clamped to
    /// the `u64` range.
    pub fn shifted(self, delta_ns: f64) -> TimePoint {
        let total = self.frac + delta_ns;
        let whole = total.floor();
        let frac = total - whole;
        if whole >= 0.0 {
            let w = whole.min(u64::MAX as f64) as u64;
            match self.ns.checked_add(w) {
                Some(ns) => TimePoint { ns, frac },
                None => TimePoint::at(u64::MAX),
            }
        } else {
            let w = (-whole).min(u64::MAX as f64) as u64;
            match self.ns.checked_sub(w) {
                Some(ns) => TimePoint { ns, frac },
                None => TimePoint::at(0),
            }
        }
    }

    /// The nearest whole nanosecond.
    pub fn round(self) -> u64 {
        if self.frac >= 0.5 {
            self.ns.saturating_add(1)
        } else {
            self.ns
        }
    }

    /// `self - other` in ns (exact below 2^53 ns).
    pub fn minus(self, other: TimePoint) -> f64 {
        signed_diff(self.ns, other.ns) + (self.frac - other.frac)
    }
}

/// `a - b` as `f64`, computed in integers first so that two timestamps
/// near 2^60 differ exactly.
fn signed_diff(a: u64, b: u64) -> f64 {
    if a >= b {
        (a - b) as f64
    } else {
        -((b - a) as f64)
    }
}

/// The stretch of time the plot shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Time at the plot's left edge (x = 0).
    pub start: TimePoint,
    /// Nanoseconds per pixel.
    pub ns_per_px: f64,
    /// Plot width in pixels.
    pub width_px: f64,
}

impl View {
    /// A view starting at `start_ns`.
    pub fn new(start_ns: u64, ns_per_px: f64, width_px: f64) -> View {
        View {
            start: TimePoint::at(start_ns),
            ns_per_px: ns_per_px.clamp(MIN_NS_PER_PX, MAX_NS_PER_PX),
            width_px: width_px.max(1.0),
        }
    }

    /// A view showing all of `[from_ns, to_ns]` with a small margin on
    /// both sides.
    pub fn fit(from_ns: u64, to_ns: u64, width_px: f64) -> View {
        let width_px = width_px.max(1.0);
        let span = to_ns.saturating_sub(from_ns).max(1) as f64;
        // 2% on each side keeps the first and last events off the edges.
        let ns_per_px = (span * 1.04 / width_px).clamp(MIN_NS_PER_PX, MAX_NS_PER_PX);
        let centre = TimePoint::at(from_ns).shifted(span / 2.0);
        View {
            start: centre.shifted(-ns_per_px * width_px / 2.0),
            ns_per_px,
            width_px,
        }
    }

    /// Pixel offset of a timestamp from the left edge (may be outside
    /// `[0, width_px)`).
    pub fn x_of(&self, ts_ns: u64) -> f64 {
        (signed_diff(ts_ns, self.start.ns) - self.start.frac) / self.ns_per_px
    }

    /// The pixel column a timestamp falls in. Every other column question
    /// (which events share a column, where the next column starts) goes
    /// through this one function, so that they all agree.
    pub fn column_of(&self, ts_ns: u64) -> i64 {
        let x = self.x_of(ts_ns).floor();
        x.clamp(i64::MIN as f64, i64::MAX as f64) as i64
    }

    /// The time at a pixel offset.
    pub fn time_at(&self, x_px: f64) -> TimePoint {
        self.start.shifted(x_px * self.ns_per_px)
    }

    /// Time at the right edge.
    pub fn end(&self) -> TimePoint {
        self.time_at(self.width_px)
    }

    /// The whole nanoseconds the view touches, `[from, to)`.
    pub fn ns_range(&self) -> (u64, u64) {
        let end = self.end();
        let to = if end.frac > 0.0 {
            end.ns.saturating_add(1)
        } else {
            end.ns
        };
        (self.start.ns, to.max(self.start.ns.saturating_add(1)))
    }

    /// Nanoseconds the view spans.
    pub fn span_ns(&self) -> f64 {
        self.ns_per_px * self.width_px
    }

    /// Zooms by `factor` (below 1 zooms in) keeping the time under `x_px`
    /// where it is on screen.
    pub fn zoom_at(&mut self, x_px: f64, factor: f64) {
        let anchor = self.time_at(x_px);
        let ns_per_px = (self.ns_per_px * factor).clamp(MIN_NS_PER_PX, MAX_NS_PER_PX);
        self.ns_per_px = ns_per_px;
        self.start = anchor.shifted(-x_px * ns_per_px);
    }

    /// Moves the content right by `dx_px` pixels (a drag to the right shows
    /// earlier time).
    pub fn pan_px(&mut self, dx_px: f64) {
        self.start = self.start.shifted(-dx_px * self.ns_per_px);
    }

    /// Changes the width, keeping the left edge and the scale.
    pub fn resize(&mut self, width_px: f64) {
        self.width_px = width_px.max(1.0);
    }

    /// Keeps some of `[from_ns, to_ns]` on screen and the zoom no wider
    /// than a few times the whole range.
    pub fn clamp_to(&mut self, from_ns: u64, to_ns: u64) {
        let span = to_ns.saturating_sub(from_ns).max(1) as f64;
        let max = (span * 4.0 / self.width_px).clamp(MIN_NS_PER_PX, MAX_NS_PER_PX);
        if self.ns_per_px > max {
            let mid = self.time_at(self.width_px / 2.0);
            self.ns_per_px = max;
            self.start = mid.shifted(-self.width_px / 2.0 * max);
        }
        // At least a tenth of the plot keeps showing the capture.
        let keep = self.span_ns() / 10.0;
        let lo = TimePoint::at(from_ns).shifted(-(self.span_ns() - keep));
        let hi = TimePoint::at(to_ns).shifted(-keep);
        if self.start < lo {
            self.start = lo;
        } else if self.start > hi {
            self.start = hi;
        }
    }

    /// The time range between two pixel offsets (either order), as whole
    /// nanoseconds `[from, to)`, at least 1 ns long.
    pub fn range_between(&self, x0_px: f64, x1_px: f64) -> (u64, u64) {
        let (a, b) = if x0_px <= x1_px {
            (x0_px, x1_px)
        } else {
            (x1_px, x0_px)
        };
        let from = self.time_at(a).round();
        let to = self.time_at(b).round().max(from.saturating_add(1));
        (from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const T0: u64 = 1_767_225_600_000_000_000;
    const DAY: u64 = 86_400_000_000_000;

    #[test]
    fn round_trips_at_one_ns_ten_days_in() {
        // Ten days into a capture, at every zoom from 1 ns per 100 px to
        // 10 ns per px, every nanosecond has its own x and comes back.
        let deep = T0 + 10 * DAY + 123_456_789;
        for nspp in [MIN_NS_PER_PX, 0.1, 0.5, 1.0] {
            let v = View::new(deep - 17, nspp, 1600.0);
            let mut last = f64::NEG_INFINITY;
            for ts in deep - 17..deep - 17 + (16.0 * 1600.0 * nspp) as u64 {
                let x = v.x_of(ts);
                assert!(x > last, "ts {ts} at {nspp} ns/px: x {x} not after {last}");
                assert!(
                    (x - (ts - (deep - 17)) as f64 / nspp).abs() < 1e-6,
                    "exact offsets"
                );
                last = x;
                assert_eq!(v.time_at(x).round(), ts, "round trip at {nspp}");
                if nspp <= 1.0 {
                    assert_eq!(v.column_of(ts), x.floor() as i64);
                }
            }
        }
    }

    #[test]
    fn fractional_start_is_exact() {
        let mut v = View::new(T0 + 10 * DAY, MIN_NS_PER_PX, 1000.0);
        // Pan by 37 px = 0.37 ns: the start is not a whole ns any more.
        v.pan_px(-37.0);
        assert_eq!(v.start.ns, T0 + 10 * DAY);
        assert!((v.start.frac - 0.37).abs() < 1e-9, "{:?}", v.start);
        // The next whole ns is 63 px to the right.
        assert!((v.x_of(T0 + 10 * DAY + 1) - 63.0).abs() < 1e-6);
        v.pan_px(100.0);
        assert_eq!(v.start.ns, T0 + 10 * DAY - 1);
        assert!((v.start.frac - 0.37).abs() < 1e-9);
    }

    #[test]
    fn zoom_keeps_the_time_under_the_pointer() {
        let mut v = View::fit(T0, T0 + 10 * DAY, 1600.0);
        let x = 1234.5;
        let before = v.time_at(x);
        // Zoom all the way in, ten steps at a time.
        for _ in 0..200 {
            v.zoom_at(x, 0.8);
            let now = v.time_at(x);
            assert!(
                now.minus(before).abs() <= v.ns_per_px.max(1e-3),
                "drift {} ns at {} ns/px",
                now.minus(before),
                v.ns_per_px
            );
        }
        assert_eq!(v.ns_per_px, MIN_NS_PER_PX);
        // Zoomed in fully, the time under the pointer is still the same
        // nanosecond.
        assert!(v.time_at(x).minus(before).abs() < 0.01);
        // And back out.
        for _ in 0..200 {
            v.zoom_at(x, 1.25);
        }
        assert!(v.ns_per_px > 1e9);
    }

    #[test]
    fn fit_shows_everything_with_a_margin() {
        let v = View::fit(T0, T0 + 10 * DAY, 1000.0);
        let a = v.x_of(T0);
        let b = v.x_of(T0 + 10 * DAY);
        assert!(a > 5.0 && a < 30.0, "{a}");
        assert!(b > 970.0 && b < 995.0, "{b}");
        // A single instant still gets a view.
        let one = View::fit(T0, T0, 1000.0);
        assert!(one.x_of(T0) > 0.0 && one.x_of(T0) < 1000.0);
        assert!(one.ns_per_px >= MIN_NS_PER_PX);
    }

    #[test]
    fn pan_moves_content_with_the_drag() {
        let mut v = View::new(T0, 1000.0, 800.0);
        let x = v.x_of(T0 + 100_000);
        v.pan_px(50.0);
        assert!((v.x_of(T0 + 100_000) - (x + 50.0)).abs() < 1e-9);
        v.pan_px(-150.0);
        assert!((v.x_of(T0 + 100_000) - (x - 100.0)).abs() < 1e-9);
    }

    #[test]
    fn clamp_keeps_the_capture_on_screen() {
        let mut v = View::new(T0 + 100 * DAY, 1e6, 1000.0);
        v.clamp_to(T0, T0 + DAY);
        let end = v.x_of(T0 + DAY);
        assert!((0.0..=1000.0).contains(&end), "{end}");
        let mut far_out = View::new(0, MAX_NS_PER_PX, 1000.0);
        far_out.clamp_to(T0, T0 + DAY);
        assert!(far_out.ns_per_px <= 4.0 * DAY as f64 / 1000.0 + 1.0);
        assert!(far_out.x_of(T0) < 1000.0 && far_out.x_of(T0 + DAY) > 0.0);
    }

    #[test]
    fn selecting_between_pixels() {
        let v = View::new(T0, 10.0, 1000.0);
        assert_eq!(v.range_between(10.0, 20.0), (T0 + 100, T0 + 200));
        assert_eq!(v.range_between(20.0, 10.0), (T0 + 100, T0 + 200));
        // A click without a drag still selects a nanosecond.
        assert_eq!(v.range_between(10.0, 10.0), (T0 + 100, T0 + 101));
        let deep = View::new(T0 + 10 * DAY, MIN_NS_PER_PX, 1000.0);
        assert_eq!(
            deep.range_between(100.0, 300.0),
            (T0 + 10 * DAY + 1, T0 + 10 * DAY + 3)
        );
    }

    #[test]
    fn time_point_shifts_saturate() {
        assert_eq!(TimePoint::at(5).shifted(-10.0), TimePoint::at(0));
        assert_eq!(TimePoint::at(u64::MAX - 1).shifted(10.0).ns, u64::MAX);
        let p = TimePoint::at(100).shifted(-0.25);
        assert_eq!(p.ns, 99);
        assert!((p.frac - 0.75).abs() < 1e-12);
        assert_eq!(p.round(), 100);
    }

    #[test]
    fn ns_range_covers_partial_nanoseconds() {
        let mut v = View::new(T0, MIN_NS_PER_PX, 150.0);
        assert_eq!(v.ns_range(), (T0, T0 + 2));
        v.pan_px(-50.0);
        assert_eq!(v.ns_range(), (T0, T0 + 2));
        assert!((v.span_ns() - 1.5).abs() < 1e-9);
    }
}

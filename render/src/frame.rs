//! One frame of the timeline as plain data: the quads to draw (the GPU
//! instance buffer), the text to write over them, and what is under each
//! quad for hit testing.
//!
//! The work and the output are bounded by pixels, not by events: density
//! is read from the pyramid at a level whose buckets are at most a pixel
//! wide, and lanes drawn event by event skip, after each quad, straight to
//! the first event of the next free pixel column.

use bytemuck::{Pod, Zeroable};
use scapscope_core::timeline::{
    CATEGORIES, Category, Density, LaneEvent, LaneKey, LaneSel, LaneSeq, SeqPos, TimelineIndex,
    event_name,
};

use crate::layout::{Bands, Geometry, Layout, METRIC_CHARTS, RowKind};
use crate::lod;
use crate::palette::{Palette, Rgba};
use crate::ticks::{self, Clock, Ticks};
use crate::view::View;

/// One rectangle in the instance buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Pod, Zeroable)]
pub struct Instance {
    /// Left, top, right, bottom, in pixels from the widget's top-left.
    pub rect: [f32; 4],
    /// sRGB colour, straight alpha.
    pub color: Rgba,
}

/// What a piece of text is for (the app picks font and colour by kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// Under a tick of the time axis.
    Tick,
    /// What the axis counts from (date, or the origin).
    AxisContext,
    /// A metric chart's name and peak.
    Metric,
    /// A row header in the gutter.
    Row,
    /// The name of a syscall inside its span.
    Span,
    /// The exact time under the pointer.
    Cursor,
}

/// Text to draw over the quads.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Left edge, pixels from the widget's left.
    pub x_px: f64,
    /// Top edge.
    pub y_px: f64,
    /// Room available to the right before it would overlap something.
    pub max_width_px: f64,
    /// The text.
    pub text: String,
    /// What it is.
    pub kind: LabelKind,
}

/// Density of one pixel column. Buckets straddling two columns are split
/// in proportion, so values are fractional: they are for drawing and for
/// approximate readouts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ColumnDensity {
    /// Events by category.
    pub by_category: [f64; CATEGORIES],
    /// Failed calls.
    pub errors: f64,
    /// I/O bytes.
    pub io_bytes: f64,
    /// Network part of the I/O bytes.
    pub net_bytes: f64,
}

impl ColumnDensity {
    /// Events in all.
    pub fn events(&self) -> f64 {
        self.by_category.iter().sum()
    }

    fn add(&mut self, d: &Density, share: f64) {
        for (a, &b) in self.by_category.iter_mut().zip(&d.by_category) {
            *a += f64::from(b) * share;
        }
        self.errors += f64::from(d.errors) * share;
        self.io_bytes += d.io_bytes as f64 * share;
        self.net_bytes += d.net_bytes as f64 * share;
    }
}

/// What is under a quad.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A syscall (enter and exit), or a lone event.
    Event {
        /// Row index in the layout.
        row: usize,
        /// The enter event, when there is one.
        enter: Option<LaneEvent>,
        /// The exit event, or the lone event.
        exit: Option<LaneEvent>,
        /// Whether more events of the lane share its pixels (not drawn).
        merged: bool,
    },
    /// A pixel column of a row drawn as density.
    Density {
        /// Row index in the layout.
        row: usize,
        /// Column start.
        from_ns: u64,
        /// Column end.
        to_ns: u64,
        /// What is in it.
        density: ColumnDensity,
    },
    /// A pixel column of a metric chart.
    Metric {
        /// Which chart (0 events, 1 bytes, 2 errors).
        chart: usize,
        /// Column start.
        from_ns: u64,
        /// Column end.
        to_ns: u64,
        /// What is in it (all events).
        density: ColumnDensity,
    },
    /// A row header in the gutter.
    RowHeader {
        /// Row index in the layout.
        row: usize,
    },
}

impl Target {
    /// The store index of the event it stands for, if any (the exit of a
    /// syscall, the event itself otherwise).
    pub fn event_index(&self) -> Option<usize> {
        match self {
            Target::Event { enter, exit, .. } => exit.or(*enter).map(|e| e.index),
            _ => None,
        }
    }
}

/// A hit-testable rectangle: left, top, right, bottom and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HitBox {
    /// Left, top, right, bottom in widget pixels.
    pub rect: [f64; 4],
    /// What it shows.
    pub target: Target,
}

/// Counters of the work a frame took (benchmarks, tests, the debug
/// overlay).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Pyramid level used (`None`: events one by one).
    pub shift: Option<u32>,
    /// Rows drawn as density.
    pub density_rows: usize,
    /// Rows drawn event by event.
    pub event_rows: usize,
    /// Buckets and single events summed into columns.
    pub summed: usize,
    /// Events visited while drawing spans.
    pub walked: usize,
}

/// A built frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    /// Quads, in drawing order.
    pub instances: Vec<Instance>,
    /// Text over the quads.
    pub labels: Vec<Label>,
    /// What is where, in drawing order (topmost last).
    pub hits: Vec<HitBox>,
    /// The axis ticks.
    pub ticks: Option<Ticks>,
    /// Work counters.
    pub stats: FrameStats,
}

impl Frame {
    /// What is under a point of the widget: the topmost box containing it,
    /// or failing that one within 2 px to the side (thin spans are hard to
    /// point at).
    pub fn hit(&self, x_px: f64, y_px: f64) -> Option<&Target> {
        let inside = |slack: f64| {
            self.hits.iter().rev().find(|h| {
                let [x0, y0, x1, y1] = h.rect;
                x_px >= x0 - slack && x_px < x1 + slack && y_px >= y0 && y_px < y1
            })
        };
        inside(0.0).or_else(|| inside(2.0)).map(|h| &h.target)
    }
}

/// Everything a frame depends on.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// The capture's timeline index.
    pub index: &'a TimelineIndex,
    /// Rows.
    pub layout: &'a Layout,
    /// Band and row heights.
    pub geometry: Geometry,
    /// Time ↔ pixel of the plot (its width is the plot's).
    pub view: View,
    /// Width of the row-header gutter left of the plot.
    pub gutter_px: f64,
    /// Widget height.
    pub height_px: f64,
    /// How far the rows are scrolled down.
    pub scroll_px: f64,
    /// Axis labels in wall-clock or relative time.
    pub clock: Clock,
    /// Width of a label character (labels never overlap).
    pub char_px: f64,
    /// Colours.
    pub palette: &'a Palette,
    /// The selected time range.
    pub selection: Option<(u64, u64)>,
    /// The selected event (store index).
    pub selected_event: Option<usize>,
    /// Pointer position in widget pixels, when over the widget.
    pub cursor: Option<(f64, f64)>,
}

/// Builds a frame.
pub fn build(scene: &Scene<'_>) -> Frame {
    let mut b = Builder::new(scene);
    b.backgrounds();
    b.grid();
    b.metrics();
    b.lanes();
    b.axis();
    b.overlays();
    b.frame
}

/// Minimum row height that gets span labels.
const SPAN_LABEL_MIN_ROW_PX: f64 = 16.0;

struct Builder<'s, 'a> {
    s: &'s Scene<'a>,
    bands: Bands,
    /// Plot x offset in the widget.
    x0: f64,
    /// Plot columns.
    cols: usize,
    /// Current clip rectangle (left, top, right, bottom).
    clip: [f64; 4],
    frame: Frame,
}

impl<'s, 'a> Builder<'s, 'a> {
    fn new(s: &'s Scene<'a>) -> Builder<'s, 'a> {
        let bands = s.geometry.bands(s.height_px);
        let width = s.gutter_px + s.view.width_px;
        Builder {
            s,
            bands,
            x0: s.gutter_px,
            cols: s.view.width_px.ceil().max(0.0) as usize,
            clip: [0.0, 0.0, width, s.height_px],
            frame: Frame {
                stats: FrameStats {
                    shift: lod::level_for(s.view.ns_per_px),
                    ..FrameStats::default()
                },
                ..Frame::default()
            },
        }
    }

    fn width(&self) -> f64 {
        self.s.gutter_px + self.s.view.width_px
    }

    /// Adds a quad, clipped; empty ones are dropped.
    fn quad(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: Rgba) {
        let [cx0, cy0, cx1, cy1] = self.clip;
        let (x0, y0, x1, y1) = (x0.max(cx0), y0.max(cy0), x1.min(cx1), y1.min(cy1));
        if x1 <= x0 || y1 <= y0 || color[3] == 0 {
            return;
        }
        self.frame.instances.push(Instance {
            rect: [x0 as f32, y0 as f32, x1 as f32, y1 as f32],
            color,
        });
    }

    /// A quad over plot columns `[c0, c1)`.
    fn cols_quad(&mut self, c0: i64, c1: i64, y0: f64, y1: f64, color: Rgba) {
        let x0 = self.x0 + c0 as f64;
        let x1 = self.x0 + c1 as f64;
        self.quad(x0, y0, x1, y1, color);
    }

    fn hit(&mut self, rect: [f64; 4], target: Target) {
        let [cx0, cy0, cx1, cy1] = self.clip;
        let r = [
            rect[0].max(cx0),
            rect[1].max(cy0),
            rect[2].min(cx1),
            rect[3].min(cy1),
        ];
        if r[2] > r[0] && r[3] > r[1] {
            self.frame.hits.push(HitBox { rect: r, target });
        }
    }

    fn label(&mut self, x_px: f64, y_px: f64, max_width_px: f64, text: String, kind: LabelKind) {
        self.frame.labels.push(Label {
            x_px,
            y_px,
            max_width_px,
            text,
            kind,
        });
    }

    fn backgrounds(&mut self) {
        let p = *self.s.palette;
        let w = self.width();
        self.quad(0.0, 0.0, w, self.s.height_px, p.background);
        let (top, bottom) = self.bands.lanes;
        self.clip = [0.0, top, w, bottom];
        for i in self.visible_rows() {
            let (y0, y1) = self.row_y(i);
            let row = &self.s.layout.rows[i];
            let shade = match row.kind {
                RowKind::Group => Some(p.group_row),
                _ if i % 2 == 1 => Some(p.row_alt),
                _ => None,
            };
            if let Some(c) = shade {
                self.quad(0.0, y0, w, y1, c);
            }
            self.quad(0.0, y1 - 1.0, w, y1, p.separator);
            let indent = match row.kind {
                RowKind::Group => 4.0,
                RowKind::Process { .. } | RowKind::More { .. } => 8.0,
                RowKind::Thread => 24.0,
            };
            let marker = match row.kind {
                RowKind::Process { expanded } if row.lanes.len() > 1 => {
                    if expanded {
                        "▾ "
                    } else {
                        "▸ "
                    }
                }
                _ => "",
            };
            let text = format!("{marker}{}", row.label);
            let room = self.s.gutter_px - indent - 4.0;
            let label_y = y0 + ((y1 - y0) - self.s.char_px * 1.9).max(0.0) / 2.0;
            self.label(indent, label_y, room, text, LabelKind::Row);
            self.hit(
                [0.0, y0, self.s.gutter_px, y1],
                Target::RowHeader { row: i },
            );
        }
        self.clip = [0.0, 0.0, w, self.s.height_px];
        // The gutter's edge.
        self.quad(self.x0 - 1.0, 0.0, self.x0, self.s.height_px, p.separator);
        let (_, m_bottom) = self.bands.metrics[METRIC_CHARTS - 1];
        self.quad(0.0, m_bottom - 1.0, w, m_bottom, p.separator);
    }

    fn grid(&mut self) {
        let t = ticks::ticks(&self.s.view, self.s.clock, self.s.char_px);
        let grid = self.s.palette.grid;
        let top = self.bands.axis.1;
        let plot = [self.x0, 0.0, self.width(), self.s.height_px];
        self.clip = plot;
        for tick in &t.major {
            let x = self.x0 + tick.x_px.floor();
            self.quad(x, top, x + 1.0, self.s.height_px, grid);
        }
        self.clip = [0.0, 0.0, self.width(), self.s.height_px];
        self.frame.ticks = Some(t);
    }

    fn axis(&mut self) {
        let p = *self.s.palette;
        let (top, bottom) = self.bands.axis;
        let w = self.width();
        self.quad(0.0, top, w, bottom, p.axis);
        self.quad(0.0, bottom - 1.0, w, bottom, p.separator);
        let Some(t) = self.frame.ticks.take() else {
            return;
        };
        self.clip = [self.x0, top, w, bottom];
        for x in &t.minor_x_px {
            let x = self.x0 + x.floor();
            self.quad(x, bottom - 5.0, x + 1.0, bottom - 1.0, p.tick);
        }
        for (i, tick) in t.major.iter().enumerate() {
            let x = self.x0 + tick.x_px.floor();
            self.quad(x, bottom - 10.0, x + 1.0, bottom - 1.0, p.tick);
            let next = t.major.get(i + 1).map_or(w, |n| self.x0 + n.x_px.floor());
            self.label(
                x + 3.0,
                top + 3.0,
                next - x - 6.0,
                tick.label.clone(),
                LabelKind::Tick,
            );
        }
        self.clip = [0.0, 0.0, w, self.s.height_px];
        let context = match self.s.clock {
            Clock::Wall => format!("{} UTC", ticks::date(self.s.view.start.ns)),
            Clock::Relative { origin_ns } => {
                format!("from {}", ticks::exact(origin_ns, Clock::Wall))
            }
        };
        self.label(
            4.0,
            top + 3.0,
            self.s.gutter_px - 8.0,
            context,
            LabelKind::AxisContext,
        );
        self.frame.ticks = Some(t);
    }

    fn visible_rows(&self) -> std::ops::Range<usize> {
        let (top, bottom) = self.bands.lanes;
        self.s.layout.visible(self.s.scroll_px, bottom - top)
    }

    /// Top and bottom of row `i` in widget pixels.
    fn row_y(&self, i: usize) -> (f64, f64) {
        let r = &self.s.layout.rows[i];
        let y0 = self.bands.lanes.0 + r.y_px - self.s.scroll_px;
        (y0, y0 + r.height_px)
    }

    /// Sums `sel` into pixel columns.
    fn columns(&mut self, sel: LaneSel, cols: &mut [ColumnDensity]) {
        let view = self.s.view;
        let (from, to) = view.ns_range();
        let n = cols.len() as i64;
        let mut summed = 0;
        self.s
            .index
            .for_each_density(sel, self.frame.stats.shift, from, to, |start, len, d| {
                summed += 1;
                if len <= 1 {
                    let c = view.column_of(start);
                    if (0..n).contains(&c) {
                        cols[c as usize].add(d, 1.0);
                    }
                    return;
                }
                // A bucket is at most a pixel wide: it covers one column or
                // straddles two, and is split by overlap.
                let xa = view.x_of(start);
                let xb = view.x_of(start.saturating_add(len));
                let width = (xb - xa).max(f64::MIN_POSITIVE);
                let mut c = xa.floor();
                while c < xb {
                    let overlap = (xb.min(c + 1.0) - xa.max(c)) / width;
                    let ci = c as i64;
                    if (0..n).contains(&ci) && overlap > 0.0 {
                        cols[ci as usize].add(d, overlap);
                    }
                    c += 1.0;
                }
            });
        self.frame.stats.summed += summed;
    }

    fn metrics(&mut self) {
        let p = *self.s.palette;
        let mut cols = vec![ColumnDensity::default(); self.cols];
        self.columns(LaneSel::All, &mut cols);
        let secs_per_col = self.s.view.ns_per_px * 1e-9;
        let w = self.width();
        self.clip = [self.x0, 0.0, w, self.s.height_px];
        type Value = fn(&ColumnDensity) -> f64;
        let charts: [(&str, Value); METRIC_CHARTS] = [
            ("events/s", ColumnDensity::events),
            ("I/O bytes/s", |c| c.io_bytes),
            ("errors/s", |c| c.errors),
        ];
        for (chart, (name, value)) in charts.iter().enumerate() {
            let (top, bottom) = self.bands.metrics[chart];
            let (y0, y1) = (top + 3.0, bottom - 2.0);
            let peak = cols.iter().map(value).fold(0.0, f64::max);
            if peak > 0.0 {
                let scale = (y1 - y0) / peak;
                for (c, col) in cols.iter().enumerate() {
                    let v = value(col);
                    if v <= 0.0 {
                        continue;
                    }
                    let c = c as i64;
                    let mut base = y1;
                    let layers: Vec<(f64, Rgba)> = match chart {
                        0 => col
                            .by_category
                            .iter()
                            .zip(p.category)
                            .map(|(&n, color)| (n, color))
                            .collect(),
                        1 => vec![
                            (col.io_bytes - col.net_bytes, p.io_bytes),
                            (col.net_bytes, p.net_bytes),
                        ],
                        _ => vec![(col.errors, p.error)],
                    };
                    for (n, color) in layers {
                        if n <= 0.0 {
                            continue;
                        }
                        let h = n * scale;
                        self.cols_quad(c, c + 1, base - h, base, color);
                        base -= h;
                    }
                    let from = self.s.view.time_at(c as f64).round();
                    let to = self.s.view.time_at(c as f64 + 1.0).round();
                    self.hit(
                        [self.x0 + c as f64, top, self.x0 + c as f64 + 1.0, bottom],
                        Target::Metric {
                            chart,
                            from_ns: from,
                            to_ns: to,
                            density: *col,
                        },
                    );
                }
            }
            let rate = if secs_per_col > 0.0 {
                peak / secs_per_col
            } else {
                0.0
            };
            let text = if peak > 0.0 {
                format!("{name} · peak {}", si(rate))
            } else {
                format!("{name} · none in view")
            };
            self.clip = [0.0, 0.0, w, self.s.height_px];
            self.label(
                4.0,
                top + 3.0,
                self.s.gutter_px - 8.0,
                text,
                LabelKind::Metric,
            );
            self.clip = [self.x0, 0.0, w, self.s.height_px];
        }
        self.clip = [0.0, 0.0, w, self.s.height_px];
    }

    fn lanes(&mut self) {
        let (top, bottom) = self.bands.lanes;
        self.clip = [self.x0, top, self.width(), bottom];
        let rows = self.visible_rows();
        // First pass: density of every visible row, to share one scale.
        let mut dens: Vec<(usize, Vec<ColumnDensity>)> = Vec::new();
        let mut event_rows = Vec::new();
        for i in rows {
            let row = &self.s.layout.rows[i];
            if row.lanes.is_empty() {
                continue;
            }
            if self.frame.stats.shift.is_none() {
                event_rows.push(i);
                continue;
            }
            let sel = match row.kind {
                RowKind::Process { .. } => LaneSel::Process(row.pid),
                _ => LaneSel::Thread(row.lanes[0]),
            };
            let mut cols = vec![ColumnDensity::default(); self.cols];
            self.columns(sel, &mut cols);
            let total: f64 = cols.iter().map(ColumnDensity::events).sum();
            if lod::draw_events(total, self.s.view.width_px) {
                event_rows.push(i);
            } else {
                dens.push((i, cols));
            }
        }
        let peak = dens
            .iter()
            .flat_map(|(_, c)| c.iter().map(ColumnDensity::events))
            .fold(0.0, f64::max);
        self.frame.stats.density_rows = dens.len();
        self.frame.stats.event_rows = event_rows.len();
        for (i, cols) in &dens {
            self.density_row(*i, cols, peak);
        }
        for i in event_rows {
            for k in self.s.layout.rows[i].lanes.clone() {
                self.event_lane(i, k);
            }
        }
        self.clip = [0.0, 0.0, self.width(), self.s.height_px];
    }

    fn density_row(&mut self, i: usize, cols: &[ColumnDensity], peak: f64) {
        let p = *self.s.palette;
        let (y0, y1) = self.row_y(i);
        let (top, bottom) = (y0 + 2.0, y1 - 2.0);
        let room = bottom - top;
        let log_peak = (1.0 + peak).ln().max(f64::MIN_POSITIVE);
        for (c, col) in cols.iter().enumerate() {
            let n = col.events();
            if n <= 0.0 {
                continue;
            }
            let c = c as i64;
            // Logarithmic, with a floor so that a lone event still shows.
            let h = room * (0.2 + 0.8 * ((1.0 + n).ln() / log_peak).min(1.0));
            let mut base = bottom;
            for (k, &m) in col.by_category.iter().enumerate() {
                if m <= 0.0 {
                    continue;
                }
                let hk = h * m / n;
                self.cols_quad(c, c + 1, base - hk, base, p.category[k]);
                base -= hk;
            }
            if col.errors > 0.0 {
                self.cols_quad(c, c + 1, y0 + 1.0, y0 + 3.0, p.error);
            }
            let view = self.s.view;
            self.hit(
                [self.x0 + c as f64, y0, self.x0 + c as f64 + 1.0, y1],
                Target::Density {
                    row: i,
                    from_ns: view.time_at(c as f64).round(),
                    to_ns: view.time_at(c as f64 + 1.0).round(),
                    density: *col,
                },
            );
        }
    }

    /// Draws one lane of row `i` event by event: spans from enter to exit,
    /// lone events as instants, failed calls marked, an edge line where
    /// each event is when there is room.
    fn event_lane(&mut self, i: usize, key: LaneKey) {
        let view = self.s.view;
        let (from, to) = view.ns_range();
        let index = self.s.index;
        let seq = index.seq(Some(key), from, to);
        let last_col = self.cols as i64 - 1;
        if last_col < 0 {
            return;
        }
        let first = seq.first_past(|ts| view.column_of(ts) >= 0);
        // A syscall that entered before the left edge may still be running.
        let mut p = match first {
            Some(q) => seq.prev(q).filter(|&b| seq.event(b).is_enter()).or(Some(q)),
            None => seq.last().filter(|&b| seq.event(b).is_enter()),
        };
        let mut walked = 0;
        while let Some(q) = p {
            walked += 1;
            let e = seq.event(q);
            let c0 = view.column_of(e.ts_ns);
            if c0 > last_col {
                break;
            }
            let (exit, after) = match (e.is_enter(), seq.next(q)) {
                (true, Some(n)) => {
                    let x = seq.event(n);
                    if e.is_entered_by(&x) {
                        walked += 1;
                        (Some(x), seq.next(n))
                    } else {
                        (None, Some(n))
                    }
                }
                (_, n) => (None, n),
            };
            let (enter, exit) = match exit {
                Some(x) => (Some(e), Some(x)),
                None if e.is_enter() => (Some(e), None),
                None => (None, Some(e)),
            };
            let c1 = match (enter, exit) {
                (Some(_), Some(x)) => view.column_of(x.ts_ns),
                _ => c0,
            };
            if c1 < 0 {
                p = after;
                continue;
            }
            let covered = self.draw_event(i, enter, exit, c0, c1);
            // Skip the events that would land on pixels already drawn.
            let mut next = after;
            let mut merged = false;
            if let Some(a) = next
                && view.column_of(seq.ts_ns(a)) <= covered
            {
                merged = true;
                next = match seq.first_past(|ts| view.column_of(ts) > covered) {
                    Some(f) if f > a => Some(f),
                    // Timestamps stepped backwards: walk instead.
                    Some(_) => skip_linear(&seq, a, &view, covered),
                    None => None,
                };
            }
            if merged
                && let Some(h) = self.frame.hits.last_mut()
                && let Target::Event { merged: m, .. } = &mut h.target
            {
                *m = true;
            }
            p = next;
        }
        self.frame.stats.walked += walked;
    }

    /// Draws a syscall or lone event over columns `c0..=c1`; returns the
    /// last column it covers.
    fn draw_event(
        &mut self,
        i: usize,
        enter: Option<LaneEvent>,
        exit: Option<LaneEvent>,
        c0: i64,
        c1: i64,
    ) -> i64 {
        let p = *self.s.palette;
        let (y0, y1) = self.row_y(i);
        let (top, bottom) = (y0 + 2.0, y1 - 2.0);
        let last_col = self.cols as i64 - 1;
        let is_span = enter.is_some() && exit.is_some();
        let shown = exit
            .or(enter)
            .map(|e| e.category)
            .unwrap_or(Category::Other);
        let color = p.category[shown.index()];
        let (left, right) = if is_span {
            (c0.max(0), c1.min(last_col))
        } else {
            // An instant: three pixels centred on the event.
            ((c0 - 1).max(0), (c0 + 1).min(last_col))
        };
        let (qt, qb) = if is_span {
            (top, bottom)
        } else {
            (top + (bottom - top) * 0.25, bottom)
        };
        self.cols_quad(left, right + 1, qt, qb, color);
        // Edges: the exact column of each event, where there is room to
        // tell it from the fill.
        if right - left >= 2 {
            for (c, ev) in [(c0, enter), (c1, exit)] {
                if ev.is_some() && (0..=last_col).contains(&c) {
                    self.cols_quad(c, c + 1, qt, qb, p.edge);
                }
            }
        }
        let failed = exit.is_some_and(|x| x.failed());
        if failed {
            self.cols_quad(left, right + 1, bottom - 3.0, bottom, p.error);
        }
        let selected = self.s.selected_event.is_some_and(|s| {
            enter.is_some_and(|e| e.index == s) || exit.is_some_and(|e| e.index == s)
        });
        if selected {
            let c = p.selected;
            let (l, r) = (left, right + 1);
            self.cols_quad(l, r, y0, y0 + 2.0, c);
            self.cols_quad(l, r, y1 - 2.0, y1, c);
            self.cols_quad(l, l + 1, y0, y1, c);
            self.cols_quad(r - 1, r, y0, y1, c);
        }
        // A name where it fits.
        let name = event_name(exit.or(enter).map_or(0, |e| e.event_type));
        let px = (right - left + 1) as f64;
        let need = name.chars().count() as f64 * self.s.char_px + 8.0;
        if is_span && px >= need && y1 - y0 >= SPAN_LABEL_MIN_ROW_PX {
            let x = self.x0 + left as f64 + 4.0;
            self.label(x, top, px - 8.0, name.to_string(), LabelKind::Span);
        }
        let x = self.x0 + left as f64;
        self.hit(
            [x, y0, self.x0 + (right + 1) as f64, y1],
            Target::Event {
                row: i,
                enter,
                exit,
                merged: false,
            },
        );
        if is_span { right } else { right.max(c0) }
    }

    fn overlays(&mut self) {
        let p = *self.s.palette;
        let view = self.s.view;
        let w = self.width();
        self.clip = [self.x0, 0.0, w, self.s.height_px];
        if let Some((from, to)) = self.s.selection {
            let a = self.x0 + view.x_of(from);
            let b = self.x0 + view.x_of(to).max(view.x_of(from) + 1.0);
            self.quad(a, 0.0, b, self.s.height_px, p.selection);
        }
        if let Some((cx, cy)) = self.s.cursor
            && cx >= self.x0
            && cx < w
            && cy >= 0.0
            && cy < self.s.height_px
        {
            let x = cx.floor();
            self.quad(x, 0.0, x + 1.0, self.s.height_px, p.cursor);
            let t = view.time_at(cx - self.x0);
            let text = ticks::exact(t.round(), self.s.clock);
            let text_w = text.chars().count() as f64 * self.s.char_px;
            let lx = if x + 6.0 + text_w < w {
                x + 6.0
            } else {
                x - 6.0 - text_w
            };
            let (_, axis_bottom) = self.bands.axis;
            self.label(lx, axis_bottom + 2.0, text_w + 4.0, text, LabelKind::Cursor);
        }
        self.clip = [0.0, 0.0, w, self.s.height_px];
    }
}

/// The first event after `from` whose column is past `covered`, walking
/// (for the rare lane whose timestamps step backwards, where a binary
/// search cannot be trusted).
fn skip_linear(seq: &LaneSeq<'_>, from: SeqPos, view: &View, covered: i64) -> Option<SeqPos> {
    let mut p = Some(from);
    while let Some(q) = p {
        if view.column_of(seq.ts_ns(q)) > covered {
            return Some(q);
        }
        p = seq.next(q);
    }
    None
}

/// A rate with an SI prefix: `12.3 k`, `4.56 M`.
pub fn si(v: f64) -> String {
    let (d, unit) = match v {
        v if v >= 1e12 => (1e12, " T"),
        v if v >= 1e9 => (1e9, " G"),
        v if v >= 1e6 => (1e6, " M"),
        v if v >= 1e3 => (1e3, " k"),
        _ => (1.0, ""),
    };
    let x = v / d;
    if x >= 100.0 || d == 1.0 && x.fract() == 0.0 {
        format!("{x:.0}{unit}")
    } else {
        format!("{x:.1}{unit}")
    }
}

//! The timeline: every process (expandable to its threads) on a shared
//! time axis, from the whole capture down to single nanoseconds, drawn on
//! the GPU by `scapscope_render` through an iced `shader` widget.
//!
//! The screen keeps the view (time ↔ pixel), the rows and the timeline
//! index, which grows off the UI thread as the capture loads. Each `view`
//! builds one frame (`scapscope_render::build`): its quads go to the GPU,
//! its labels and the tooltip are written over them by a canvas, and the
//! pointer is hit-tested against it.
//!
//! Wheel zooms around the pointer (so do W/S), drag or A/D pans, Shift+
//! wheel scrolls the rows, F fits the capture, a drag on the axis selects a
//! time range for every screen, a click selects an event (or opens a
//! process's threads in the gutter).

mod widget;

use std::collections::BTreeSet;
use std::sync::Arc;

use iced::keyboard::Key;
use iced::widget::{responsive, shader, stack};
use iced::{Element, Fill, Point, Size, Task};
use scapscope_core::store::Snapshot;
use scapscope_core::timeline::{Category, TimelineIndex, event_name};
use scapscope_render::frame::{ColumnDensity, Target};
use scapscope_render::layout::{Fold, RowKind};
use scapscope_render::ticks::{self, Clock};
use scapscope_render::{Frame, Geometry, Layout, Palette, Scene, View};

use crate::gui::format;
use crate::gui::query::TimeRange;
use crate::gui::screen::list::result_text;
use crate::gui::style::Mode;

/// Width of the row-header gutter.
pub const GUTTER_PX: f32 = 240.0;

/// Width of one character of the axis and row labels (DejaVu Sans Mono at
/// [`LABEL_SIZE`] advances 0.602 em), so that labels never overlap.
pub const CHAR_PX: f64 = 11.0 * 0.61;

/// Text size of labels.
pub const LABEL_SIZE: f32 = 11.0;

/// Processes a group shows before folding the quieter ones into one row
/// (a capture of short-lived commands has thousands).
const PROCESSES_PER_GROUP: usize = 16;

/// Zoom factor of one wheel notch (and of W/S).
const ZOOM_STEP: f64 = 0.8;

/// A/D pan by this share of the plot.
const PAN_SHARE: f64 = 0.15;

/// Pixels a press may move and still be a click.
const CLICK_SLOP_PX: f32 = 3.0;

/// What the timeline reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// The index of `load_id` grew (built off the UI thread).
    Indexed {
        /// The load it belongs to.
        load_id: u64,
        /// The new index.
        index: Arc<TimelineIndex>,
    },
    /// Wheel: zoom by `factor` (below 1 zooms in) around widget x `x`.
    Zoomed {
        /// Pointer x in the widget.
        x: f32,
        /// Zoom factor.
        factor: f64,
        /// Widget size.
        size: Size,
    },
    /// Drag: content moved by `dx`, rows by `dy`.
    Panned {
        /// Horizontal move (right is positive).
        dx: f32,
        /// Vertical move (down is positive).
        dy: f32,
        /// Widget size.
        size: Size,
    },
    /// Shift+wheel: rows scrolled by `dy` pixels.
    Scrolled {
        /// Pixels down.
        dy: f32,
        /// Widget size.
        size: Size,
    },
    /// The pointer moved over the widget (`None`: it left).
    Hovered {
        /// Where, in the widget.
        at: Option<Point>,
        /// Widget size.
        size: Size,
    },
    /// A click (press and release without a drag).
    Clicked {
        /// Where, in the widget.
        at: Point,
        /// Widget size.
        size: Size,
    },
    /// A right click: on a row header, filter on what the row stands for.
    RightClicked {
        /// Where, in the widget.
        at: Point,
        /// Widget size.
        size: Size,
    },
    /// A drag on the axis between two widget x positions.
    AxisDragged {
        /// Where the drag started.
        from_x: f32,
        /// Where the pointer is.
        to_x: f32,
        /// Whether the button was released.
        done: bool,
        /// Widget size.
        size: Size,
    },
    /// A key command.
    Key(Command),
}

/// Keyboard commands of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// W.
    ZoomIn,
    /// S.
    ZoomOut,
    /// A.
    PanLeft,
    /// D.
    PanRight,
    /// F.
    FitAll,
    /// C: wall clock / relative.
    Clock,
}

/// The command of a key pressed without modifiers, if it is one.
pub fn key_command(key: Key<&str>) -> Option<Command> {
    let Key::Character(c) = key else {
        return None;
    };
    match c.to_ascii_lowercase().as_str() {
        "w" | "+" | "=" => Some(Command::ZoomIn),
        "s" | "-" => Some(Command::ZoomOut),
        "a" => Some(Command::PanLeft),
        "d" => Some(Command::PanRight),
        "f" => Some(Command::FitAll),
        "c" => Some(Command::Clock),
        _ => None,
    }
}

/// What the app should do after a timeline message.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run a task (the index build).
    Run(Task<Message>),
    /// Make this the time range of every screen (`None` clears it).
    SelectRange(Option<TimeRange>),
    /// Select this event (store index) in the syscall list.
    SelectEvent(usize),
    /// Add this clause to the filter (a right click on a row header).
    AddClause(String),
}

/// The timeline's state.
#[derive(Debug)]
pub struct Timeline {
    load_id: Option<u64>,
    index: Arc<TimelineIndex>,
    /// A build runs off the UI thread.
    building: bool,
    /// The newest snapshot not indexed yet.
    pending: Option<Arc<Snapshot>>,
    /// Build on the calling thread (one-frame renders run no tasks).
    inline: bool,
    expanded: BTreeSet<i64>,
    /// Groups shown whole (by container id).
    open_groups: BTreeSet<String>,
    layout: Layout,
    geometry: Geometry,
    /// `None`: fit the whole capture (and keep fitting while it loads).
    view: Option<View>,
    scroll_px: f64,
    relative: bool,
    cursor: Option<Point>,
    /// An axis drag in progress, as widget x positions.
    dragging: Option<(f32, f32)>,
    selected_event: Option<usize>,
    /// The syscall list's selection last followed (see
    /// [`Timeline::follow_list_selection`]).
    list_selection: Option<usize>,
    /// The widget size last reported.
    size: Size,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            load_id: None,
            index: Arc::default(),
            building: false,
            pending: None,
            inline: false,
            expanded: BTreeSet::new(),
            open_groups: BTreeSet::new(),
            layout: Layout::default(),
            geometry: Geometry::default(),
            view: None,
            scroll_px: 0.0,
            relative: true,
            cursor: None,
            dragging: None,
            selected_event: None,
            list_selection: None,
            size: Size::new(1200.0, 800.0),
        }
    }
}

impl Timeline {
    /// Builds indexes on the calling thread from now on.
    pub fn build_inline(&mut self) {
        self.inline = true;
    }

    /// The index built so far.
    #[cfg(test)]
    pub fn index(&self) -> &TimelineIndex {
        &self.index
    }

    /// The view (`None`: fitted to the capture).
    #[cfg(test)]
    pub fn view_state(&self) -> Option<View> {
        self.view
    }

    /// A new snapshot of load `load_id`: indexes its new chunks off the UI
    /// thread (one build at a time; snapshots that arrive meanwhile are
    /// taken in by the next).
    pub fn snapshot_changed(&mut self, load_id: u64, snap: Arc<Snapshot>) -> Task<Message> {
        if self.load_id != Some(load_id) {
            *self = Timeline {
                inline: self.inline,
                relative: self.relative,
                size: self.size,
                load_id: Some(load_id),
                ..Timeline::default()
            };
        }
        if self.inline {
            let mut index = (*self.index).clone();
            index.update(&snap);
            self.take_index(Arc::new(index));
            return Task::none();
        }
        self.pending = Some(snap);
        self.start_build()
    }

    fn start_build(&mut self) -> Task<Message> {
        if self.building {
            return Task::none();
        }
        let (Some(snap), Some(load_id)) = (self.pending.take(), self.load_id) else {
            return Task::none();
        };
        let base = self.index.clone();
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-timeline".into())
            .spawn(move || {
                let mut index = (*base).clone();
                index.update(&snap);
                let _ = tx.send(Arc::new(index));
            });
        if spawned.is_err() {
            return Task::none();
        }
        self.building = true;
        Task::perform(async move { rx.await.ok() }, move |index| match index {
            Some(index) => Message::Indexed { load_id, index },
            // The worker died; keep what there is.
            None => Message::Indexed {
                load_id,
                index: Arc::default(),
            },
        })
    }

    fn take_index(&mut self, index: Arc<TimelineIndex>) {
        self.index = index;
        self.relayout();
    }

    fn relayout(&mut self) {
        let fold = Fold {
            per_group: Some(PROCESSES_PER_GROUP),
            open_groups: self.open_groups.clone(),
        };
        self.layout = Layout::from_groups(
            &self.index.groups(),
            &self.index,
            &self.expanded,
            &fold,
            &self.geometry,
        );
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Indexed { load_id, index } => {
                if Some(load_id) != self.load_id {
                    return Action::None;
                }
                self.building = false;
                if !index.is_empty() || self.index.is_empty() {
                    self.take_index(index);
                }
                return Action::Run(self.start_build());
            }
            Message::Zoomed { x, factor, size } => {
                self.size = size;
                let mut v = self.current_view(size);
                v.zoom_at(f64::from(x - GUTTER_PX), factor);
                self.set_view(v);
            }
            Message::Panned { dx, dy, size } => {
                self.size = size;
                let mut v = self.current_view(size);
                v.pan_px(f64::from(dx));
                self.set_view(v);
                self.scroll_by(-f64::from(dy), size);
            }
            Message::Scrolled { dy, size } => self.scroll_by(f64::from(dy), size),
            Message::Hovered { at, size } => {
                self.size = size;
                self.cursor = at;
            }
            Message::Clicked { at, size } => return self.click(at, size),
            Message::RightClicked { at, size } => {
                return self
                    .clause_at(at, size)
                    .map_or(Action::None, Action::AddClause);
            }
            Message::AxisDragged {
                from_x,
                to_x,
                done,
                size,
            } => {
                self.size = size;
                if !done {
                    self.dragging = Some((from_x, to_x));
                    return Action::None;
                }
                self.dragging = None;
                let v = self.current_view(size);
                let (a, b) = (f64::from(from_x - GUTTER_PX), f64::from(to_x - GUTTER_PX));
                if (a - b).abs() < f64::from(CLICK_SLOP_PX) {
                    // A click on the axis clears the range.
                    return Action::SelectRange(None);
                }
                let (from, to) = v.range_between(a, b);
                return Action::SelectRange(TimeRange::new(from, to));
            }
            Message::Key(c) => self.command(c),
        }
        Action::None
    }

    fn command(&mut self, c: Command) {
        let size = self.size;
        let plot_w = f64::from(size.width - GUTTER_PX).max(1.0);
        match c {
            Command::ZoomIn | Command::ZoomOut => {
                let mut v = self.current_view(size);
                let f = if c == Command::ZoomIn {
                    ZOOM_STEP
                } else {
                    1.0 / ZOOM_STEP
                };
                v.zoom_at(plot_w / 2.0, f);
                self.set_view(v);
            }
            Command::PanLeft | Command::PanRight => {
                let mut v = self.current_view(size);
                let sign = if c == Command::PanLeft { 1.0 } else { -1.0 };
                v.pan_px(sign * plot_w * PAN_SHARE);
                self.set_view(v);
            }
            Command::FitAll => self.view = None,
            Command::Clock => self.relative = !self.relative,
        }
    }

    /// The filter clause for what the row header at `at` stands for: a
    /// container (or the host), a process, a thread.
    fn clause_at(&mut self, at: Point, size: Size) -> Option<String> {
        self.size = size;
        let frame = self.frame(size, None, Mode::Dark);
        let Some(Target::RowHeader { row }) = frame.hit(f64::from(at.x), f64::from(at.y)) else {
            return None;
        };
        let r = self.layout.rows.get(*row)?;
        match r.kind {
            RowKind::Group if r.container_id.is_empty() => Some("container.id=host".into()),
            RowKind::Group => Some(format!("container.id={}", r.container_id)),
            RowKind::Process { .. } => Some(format!("proc.pid={}", r.pid)),
            RowKind::Thread => r.lanes.first().map(|l| format!("thread.tid={}", l.tid)),
            RowKind::More { .. } => None,
        }
    }

    fn click(&mut self, at: Point, size: Size) -> Action {
        self.size = size;
        let frame = self.frame(size, None, Mode::Dark);
        match frame.hit(f64::from(at.x), f64::from(at.y)) {
            Some(Target::RowHeader { row }) => {
                let Some(r) = self.layout.rows.get(*row) else {
                    return Action::None;
                };
                match r.kind {
                    RowKind::Process { .. } if r.lanes.len() > 1 => {
                        let pid = r.pid;
                        if !self.expanded.remove(&pid) {
                            self.expanded.insert(pid);
                        }
                    }
                    RowKind::More { .. } => {
                        self.open_groups.insert(r.container_id.clone());
                    }
                    RowKind::Group => {
                        self.open_groups.remove(&r.container_id);
                    }
                    _ => return Action::None,
                }
                self.relayout();
                Action::None
            }
            Some(t) => match t.event_index() {
                Some(i) => {
                    self.selected_event = Some(i);
                    Action::SelectEvent(i)
                }
                None => Action::None,
            },
            None => Action::None,
        }
    }

    /// Follows the syscall list's selection: a newly selected event
    /// (`ts_ns` its time) is outlined, and the view pans to centre it when
    /// it lies outside (the zoom stays). Only changes of the list's
    /// selection count, so an event picked on the timeline that the list
    /// hides keeps its outline.
    pub fn follow_list_selection(&mut self, event: Option<usize>, ts_ns: Option<u64>) {
        if event == self.list_selection {
            return;
        }
        self.list_selection = event;
        self.selected_event = event;
        if let (Some(mut v), Some(ts)) = (self.view, ts_ns) {
            let (lo, hi) = v.ns_range();
            if !(lo..hi).contains(&ts) {
                v.pan_px(v.width_px / 2.0 - v.x_of(ts));
                self.set_view(v);
            }
        }
    }

    /// Where the outlined event is on a widget of `size`: an x in widget
    /// pixels, when it falls on the plot.
    pub fn marker_x(&self, size: Size, snapshot: Option<&Snapshot>) -> Option<f32> {
        let ts = snapshot?.row(self.selected_event?)?.ts_ns;
        let x = self.current_view(size).x_of(ts) + f64::from(GUTTER_PX);
        (f64::from(GUTTER_PX)..f64::from(size.width))
            .contains(&x)
            .then_some(x as f32)
    }

    /// The event outlined.
    #[cfg(test)]
    pub fn selected_event(&self) -> Option<usize> {
        self.selected_event
    }

    /// The view in use: the stored one, or the whole capture fitted to
    /// the plot.
    fn current_view(&self, size: Size) -> View {
        let width = f64::from(size.width - GUTTER_PX).max(1.0);
        match self.view {
            Some(mut v) => {
                v.resize(width);
                v
            }
            None => match self.index.time_range() {
                Some((lo, hi)) => View::fit(lo, hi, width),
                None => View::new(0, 1.0, width),
            },
        }
    }

    fn set_view(&mut self, mut v: View) {
        if let Some((lo, hi)) = self.index.time_range() {
            v.clamp_to(lo, hi);
        }
        self.view = Some(v);
    }

    fn scroll_by(&mut self, dy: f64, size: Size) {
        let bands = self.geometry.bands(f64::from(size.height));
        let visible = bands.lanes.1 - bands.lanes.0;
        self.scroll_px = (self.scroll_px + dy).clamp(0.0, self.layout.max_scroll(visible));
    }

    fn clock(&self) -> Clock {
        match (self.relative, self.index.time_range()) {
            (true, Some((lo, _))) => Clock::Relative { origin_ns: lo },
            _ => Clock::Wall,
        }
    }

    /// The frame for a widget of `size`, with `range` shaded.
    pub fn frame(&self, size: Size, range: Option<TimeRange>, mode: Mode) -> Frame {
        let view = self.current_view(size);
        let palette = palette(mode);
        let selection = match self.dragging {
            Some((a, b)) => {
                Some(view.range_between(f64::from(a - GUTTER_PX), f64::from(b - GUTTER_PX)))
            }
            None => range.map(|r| (r.from_ns, r.to_ns)),
        };
        scapscope_render::build(&Scene {
            index: &self.index,
            layout: &self.layout,
            geometry: self.geometry,
            view,
            gutter_px: f64::from(GUTTER_PX),
            height_px: f64::from(size.height),
            scroll_px: self.scroll_px,
            clock: self.clock(),
            char_px: CHAR_PX,
            palette: &palette,
            selection,
            selected_event: self.selected_event,
            cursor: self.cursor.map(|p| (f64::from(p.x), f64::from(p.y))),
        })
    }

    /// The screen: the plot with its labels and tooltip.
    pub fn view<'a>(
        &'a self,
        snapshot: Option<&'a Snapshot>,
        range: Option<TimeRange>,
        mode: Mode,
    ) -> Element<'a, Message> {
        responsive(move |size| {
            let frame = Arc::new(self.frame(size, range, mode));
            let tooltip = self.cursor.and_then(|p| {
                let lines = self.tooltip(&frame, p, snapshot)?;
                Some(widget::Tooltip { at: p, lines })
            });
            let axis_bottom = self.geometry.bands(f64::from(size.height)).axis.1 as f32;
            stack![
                shader(widget::Plot {
                    frame: frame.clone(),
                    gutter: GUTTER_PX,
                    axis_bottom,
                })
                .width(Fill)
                .height(Fill),
                iced::widget::canvas(widget::Overlay {
                    frame,
                    palette: palette(mode),
                    marker_x: self.marker_x(size, snapshot),
                })
                .width(Fill)
                .height(Fill),
                iced::widget::canvas(widget::TooltipLayer {
                    tooltip,
                    palette: palette(mode),
                })
                .width(Fill)
                .height(Fill),
            ]
            .into()
        })
        .into()
    }

    /// What the tooltip says about the thing under `at`.
    fn tooltip(
        &self,
        frame: &Frame,
        at: Point,
        snapshot: Option<&Snapshot>,
    ) -> Option<Vec<String>> {
        let clock = self.clock();
        let target = frame.hit(f64::from(at.x), f64::from(at.y))?;
        let lines = match target {
            Target::Event {
                enter,
                exit,
                merged,
                ..
            } => {
                let e = exit.or(*enter)?;
                let mut head = event_name(e.event_type).to_string();
                if let (Some(a), Some(b)) = (enter, exit) {
                    head.push_str(&format!("  {}", ticks::duration(b.ts_ns - a.ts_ns)));
                }
                if let Some(res) = exit.and_then(|x| x.res) {
                    head.push_str(&format!("  → {}", result_text(res)));
                }
                let mut lines = vec![head, category_label(e.category).to_string()];
                if let Some(r) = snapshot.and_then(|s| s.row(e.index)) {
                    let who = match r.thread {
                        Some(t) => format!("{} (pid {}, tid {})", t.comm, t.pid, r.tid),
                        None => format!("tid {}", r.tid),
                    };
                    lines.push(who);
                    if let Some(fd) = r.fd
                        && !fd.name.is_empty()
                    {
                        lines.push(format!("fd {}: {}", r.fd_num.unwrap_or(-1), fd.name));
                    }
                }
                let start = enter.map_or(e.ts_ns, |a| a.ts_ns);
                lines.push(ticks::exact(start, clock));
                lines.push(format!("event #{}", e.index + 1));
                if *merged {
                    lines.push("more events share these pixels: zoom in".into());
                }
                lines
            }
            Target::Density {
                row,
                from_ns,
                to_ns,
                density,
            } => {
                let name = self.layout.rows.get(*row).map_or("", |r| r.label.as_str());
                let mut lines = vec![name.to_string()];
                lines.extend(density_lines(density, *from_ns, *to_ns, clock));
                lines
            }
            Target::Metric {
                from_ns,
                to_ns,
                density,
                ..
            } => {
                let mut lines = vec!["all events".to_string()];
                lines.extend(density_lines(density, *from_ns, *to_ns, clock));
                lines
            }
            Target::RowHeader { row } => {
                let r = self.layout.rows.get(*row)?;
                let mut lines = vec![
                    r.label.clone(),
                    format!("{} events", format::grouped(r.events)),
                ];
                match r.kind {
                    RowKind::Process { .. } if r.lanes.len() > 1 => {
                        lines.push("click to show or hide its threads".into());
                    }
                    RowKind::More { .. } => lines.push("click to show them all".into()),
                    RowKind::Group if self.open_groups.contains(&r.container_id) => {
                        lines.push("click to fold its quieter processes".into());
                    }
                    _ => {}
                }
                lines
            }
        };
        Some(lines)
    }
}

fn category_label(c: Category) -> &'static str {
    c.label()
}

fn density_lines(d: &ColumnDensity, from_ns: u64, to_ns: u64, clock: Clock) -> Vec<String> {
    let n = d.events();
    let mut lines = vec![format!(
        "≈ {} events in {}",
        format::grouped(n.round() as u64),
        ticks::duration(to_ns.saturating_sub(from_ns))
    )];
    let mut cats: Vec<(f64, Category)> = d
        .by_category
        .iter()
        .zip(Category::ALL)
        .filter(|(v, _)| **v > 0.0)
        .map(|(v, c)| (*v, c))
        .collect();
    cats.sort_by(|a, b| b.0.total_cmp(&a.0));
    if n > 0.0 {
        let parts: Vec<String> = cats
            .iter()
            .take(3)
            .map(|(v, c)| format!("{} {:.0}%", c.label(), v / n * 100.0))
            .collect();
        lines.push(parts.join(", "));
    }
    if d.errors >= 0.5 {
        lines.push(format!("≈ {} failed", d.errors.round()));
    }
    if d.io_bytes >= 1.0 {
        lines.push(format!(
            "≈ {} I/O ({} network)",
            format::bytes(d.io_bytes as u64),
            format::bytes(d.net_bytes as u64)
        ));
    }
    lines.push(ticks::exact(from_ns, clock));
    lines
}

/// The timeline's colours for a theme.
pub fn palette(mode: Mode) -> Palette {
    match mode {
        Mode::Dark => Palette::DARK,
        Mode::Light => Palette::LIGHT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::store::{LoadOptions, load_blocking};
    use scapscope_core::synth::{SynthConfig, Target as Size_, synth};

    fn loaded() -> (Timeline, Arc<Snapshot>) {
        // Tests run in parallel: one file each.
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!(
            "scapscope-gui-timeline-{}-{n}.scap",
            std::process::id()
        ));
        let cfg = SynthConfig {
            target: Size_::Events(20_000),
            ..Default::default()
        };
        synth(
            &cfg,
            std::io::BufWriter::new(std::fs::File::create(&p).unwrap()),
        )
        .unwrap();
        let snap = load_blocking(&p, LoadOptions::default()).unwrap();
        std::fs::remove_file(&p).ok();
        let mut t = Timeline::default();
        t.build_inline();
        let _ = t.snapshot_changed(1, snap.clone());
        (t, snap)
    }

    const SIZE: Size = Size::new(1240.0, 700.0);

    #[test]
    fn keys_map_to_commands() {
        assert_eq!(key_command(Key::Character("w")), Some(Command::ZoomIn));
        assert_eq!(key_command(Key::Character("S")), Some(Command::ZoomOut));
        assert_eq!(key_command(Key::Character("a")), Some(Command::PanLeft));
        assert_eq!(key_command(Key::Character("d")), Some(Command::PanRight));
        assert_eq!(key_command(Key::Character("f")), Some(Command::FitAll));
        assert_eq!(key_command(Key::Character("q")), None);
    }

    #[test]
    fn zoom_pan_and_fit() {
        let (mut t, _) = loaded();
        assert!(t.view_state().is_none(), "fitted at first");
        let fitted = t.current_view(SIZE);
        let x = GUTTER_PX + 500.0;
        let under = fitted.time_at(500.0);
        let _ = t.update(Message::Zoomed {
            x,
            factor: 0.5,
            size: SIZE,
        });
        let v = t.view_state().unwrap();
        assert!((v.ns_per_px - fitted.ns_per_px * 0.5).abs() < 1e-6 * fitted.ns_per_px);
        assert!(v.time_at(500.0).minus(under).abs() <= v.ns_per_px);
        let _ = t.update(Message::Panned {
            dx: 100.0,
            dy: 0.0,
            size: SIZE,
        });
        let w = t.view_state().unwrap();
        assert!((w.x_of(under.round()) - (v.x_of(under.round()) + 100.0)).abs() < 1.0);
        let _ = t.update(Message::Key(Command::ZoomIn));
        assert!(t.view_state().unwrap().ns_per_px < w.ns_per_px);
        let _ = t.update(Message::Key(Command::FitAll));
        assert!(t.view_state().is_none());
    }

    #[test]
    fn dragging_on_the_axis_selects_a_range() {
        let (mut t, _) = loaded();
        let v = t.current_view(SIZE);
        let a = t.update(Message::AxisDragged {
            from_x: GUTTER_PX + 100.0,
            to_x: GUTTER_PX + 300.0,
            done: false,
            size: SIZE,
        });
        assert!(matches!(a, Action::None));
        // While dragging, the frame shades the range.
        let f = t.frame(SIZE, None, Mode::Dark);
        assert!(
            f.instances
                .iter()
                .any(|q| q.color == Palette::DARK.selection)
        );
        let a = t.update(Message::AxisDragged {
            from_x: GUTTER_PX + 100.0,
            to_x: GUTTER_PX + 300.0,
            done: true,
            size: SIZE,
        });
        let (from, to) = v.range_between(100.0, 300.0);
        match a {
            Action::SelectRange(Some(r)) => assert_eq!((r.from_ns, r.to_ns), (from, to)),
            other => panic!("{other:?}"),
        }
        // A click on the axis clears it.
        let a = t.update(Message::AxisDragged {
            from_x: GUTTER_PX + 100.0,
            to_x: GUTTER_PX + 101.0,
            done: true,
            size: SIZE,
        });
        assert!(matches!(a, Action::SelectRange(None)));
    }

    #[test]
    fn clicks_select_events_and_open_processes() {
        let (mut t, snap) = loaded();
        // Zoom to 2 µs per pixel around the middle: events one by one.
        let (lo, hi) = t.index().time_range().unwrap();
        let width = f64::from(SIZE.width - GUTTER_PX);
        t.set_view(View::new(lo + (hi - lo) / 2, 2000.0, width));
        let f = t.frame(SIZE, None, Mode::Dark);
        let hit = f
            .hits
            .iter()
            .find(|h| matches!(h.target, Target::Event { .. }))
            .expect("an event on screen");
        let at = Point::new(
            ((hit.rect[0] + hit.rect[2]) / 2.0) as f32,
            ((hit.rect[1] + hit.rect[3]) / 2.0) as f32,
        );
        let want = f
            .hit(f64::from(at.x), f64::from(at.y))
            .unwrap()
            .event_index();
        match t.update(Message::Clicked { at, size: SIZE }) {
            Action::SelectEvent(i) => {
                assert_eq!(Some(i), want);
                assert!(i < snap.len());
            }
            other => panic!("{other:?}"),
        }
        // The tooltip names the event.
        let lines = t.tooltip(&f, at, Some(&snap)).unwrap();
        let e = want.unwrap();
        let name = event_name(snap.row(e).unwrap().event_type);
        assert!(lines[0].starts_with(name), "{lines:?}");
        // A click on a process header with threads opens it; synth's
        // processes have one thread, so this one stays closed.
        let rows_before = t.layout.rows.len();
        let header = f
            .hits
            .iter()
            .find(|h| matches!(h.target, Target::RowHeader { row } if t.layout.rows[row].pid > 0))
            .unwrap();
        let at = Point::new(10.0, ((header.rect[1] + header.rect[3]) / 2.0) as f32);
        let _ = t.update(Message::Clicked { at, size: SIZE });
        assert_eq!(t.layout.rows.len(), rows_before);
    }

    #[test]
    fn a_right_click_on_a_row_header_filters_on_what_it_stands_for() {
        let (mut t, _) = loaded();
        let f = t.frame(SIZE, None, Mode::Dark);
        let mut seen = (false, false);
        for h in &f.hits {
            let Target::RowHeader { row } = h.target else {
                continue;
            };
            let r = t.layout.rows[row].clone();
            let at = Point::new(10.0, ((h.rect[1] + h.rect[3]) / 2.0) as f32);
            let a = t.update(Message::RightClicked { at, size: SIZE });
            match (&r.kind, a) {
                (RowKind::Process { .. }, Action::AddClause(c)) => {
                    assert_eq!(c, format!("proc.pid={}", r.pid));
                    seen.0 = true;
                }
                (RowKind::Group, Action::AddClause(c)) => {
                    let id = if r.container_id.is_empty() {
                        "host"
                    } else {
                        &r.container_id
                    };
                    assert_eq!(c, format!("container.id={id}"));
                    seen.1 = true;
                }
                (RowKind::More { .. }, Action::None) => {}
                (k, a) => panic!("{k:?}: {a:?}"),
            }
        }
        assert_eq!(seen, (true, true), "process and group headers on screen");
        // Anywhere else, nothing.
        let a = t.update(Message::RightClicked {
            at: Point::new(SIZE.width - 5.0, 2.0),
            size: SIZE,
        });
        assert!(matches!(a, Action::None));
    }

    #[test]
    fn a_new_load_starts_over() {
        let (mut t, snap) = loaded();
        let _ = t.update(Message::Key(Command::ZoomIn));
        assert!(t.view_state().is_some());
        let _ = t.snapshot_changed(2, snap);
        assert!(t.view_state().is_none());
        assert!(!t.index().is_empty());
        // Results of the old load are dropped.
        let a = t.update(Message::Indexed {
            load_id: 1,
            index: Arc::default(),
        });
        assert!(matches!(a, Action::None));
        assert!(!t.index().is_empty());
    }

    #[test]
    fn the_lists_selection_is_outlined_and_brought_into_view() {
        let mut t = Timeline::default();
        // Zoomed on [1000, 2000).
        t.set_view(View::new(1_000, 1.0, 1_000.0));
        t.follow_list_selection(Some(5), Some(10_000));
        assert_eq!(t.selected_event(), Some(5));
        let (lo, hi) = t.view_state().unwrap().ns_range();
        assert!((lo..hi).contains(&10_000), "{lo}..{hi}");
        assert!(hi - lo <= 1_001, "the zoom stays");
        // An event already in view does not move it.
        t.follow_list_selection(Some(6), Some(lo + 10));
        assert_eq!(t.view_state().unwrap().ns_range(), (lo, hi));
        // The timeline's own pick survives while the list's stays the same.
        t.selected_event = Some(9);
        t.follow_list_selection(Some(6), Some(lo + 10));
        assert_eq!(t.selected_event(), Some(9));
        t.follow_list_selection(None, None);
        assert_eq!(t.selected_event(), None);
    }

    #[test]
    fn the_selected_event_is_marked_where_its_time_is() {
        let snap = scapscope_core::store::load_blocking(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::default(),
        )
        .unwrap();
        let mut t = Timeline::default();
        t.build_inline();
        let _ = t.snapshot_changed(1, snap.clone());
        let size = Size::new(1240.0, 600.0);
        assert_eq!(t.marker_x(size, Some(&snap)), None, "nothing selected");
        let (first, last) = (0, snap.len() - 1);
        t.follow_list_selection(Some(first), snap.row(first).map(|r| r.ts_ns));
        let a = t
            .marker_x(size, Some(&snap))
            .expect("the first event is on the plot");
        t.follow_list_selection(Some(last), snap.row(last).map(|r| r.ts_ns));
        let b = t
            .marker_x(size, Some(&snap))
            .expect("the last event is on the plot");
        assert!(GUTTER_PX <= a && a < b && b < size.width, "{a} {b}");
    }
}

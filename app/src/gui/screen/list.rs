//! The syscall list: every event, one line each, like sysdig's default
//! output, with the details of the selected event beside it.
//!
//! The list is virtualised by index: the state is the index of the top row
//! and the view builds only the rows that fit, so its cost does not depend
//! on the number of events (a scrollable of 50M rows would need a height
//! that `f32` cannot hold to the pixel). The scrollbar is a vertical slider
//! over row indices.

mod details;
pub use details::filter_value;
pub use details::hex_lines;
#[cfg(test)]
pub use details::params as params_of;

use iced::widget::{
    button, column, container, mouse_area, responsive, row, sensor, text, vertical_slider,
};
use iced::{Element, Fill, Length, Size, Theme, mouse};
use scapscope_core::render;
use scapscope_core::schema;
use scapscope_core::state::State;
use scapscope_core::store::Snapshot;

use crate::gui::decode::Decoded;
use crate::gui::format;
use crate::gui::query::Rows;
use crate::gui::screen::stream::PayloadMode;
use crate::gui::style::{self, MONO, ROW_HEIGHT, ROW_TEXT};

/// Rows a wheel notch moves.
const WHEEL_ROWS: f32 = 3.0;

/// Page size before the list has been measured.
const DEFAULT_PAGE_ROWS: usize = 40;

/// The list's own state. Positions are rows of the list (which shows the
/// events the app's query picked, see [`Rows`]), not event indices.
#[derive(Debug, Clone)]
pub struct List {
    /// The top row.
    first: usize,
    /// The selected row.
    selected: Option<usize>,
    /// Rows that fit, as last measured.
    page_rows: usize,
    /// How the details pane shows payloads.
    payload_mode: PayloadMode,
    /// The decoded payload of an event (from a worker), or why the
    /// dissectors could not run.
    decoded: Option<(usize, Result<Option<Decoded>, String>)>,
    /// The selected field of the decoded payload: (position in
    /// [`Decoded::messages`], field index).
    field: Option<(usize, usize)>,
}

impl Default for List {
    fn default() -> Self {
        List {
            first: 0,
            selected: None,
            page_rows: DEFAULT_PAGE_ROWS,
            payload_mode: PayloadMode::Hex,
            decoded: None,
            field: None,
        }
    }
}

/// What the list reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// The mouse wheel turned over the rows.
    Scrolled(mouse::ScrollDelta),
    /// The scrollbar moved to put this row on top.
    ScrolledTo(f64),
    /// A row was clicked.
    RowClicked(usize),
    /// The rows area got this size.
    Resized(Size),
    /// A navigation key was pressed.
    Navigated(Nav),
    /// The details pane was closed.
    DetailsClosed,
    /// A "filter on" chip of the details was clicked.
    FilterClause(String),
    /// "Follow stream" was clicked for this event.
    FollowStream(usize),
    /// Payloads in hex or as text.
    PayloadModeChosen(PayloadMode),
    /// A field of the decoded payload was clicked: (position of its
    /// message in the pane, field index). Clicking it again unselects it.
    FieldSelected(usize, usize),
    /// "Decode as" chose a dissector for a stream (by id; [`AUTOMATIC`]
    /// for the automatic choice).
    DecodeAs(usize, String),
}

/// The "decode as" entry that goes back to the automatic choice.
pub const AUTOMATIC: &str = "(automatic)";

/// Keyboard navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First event.
    Home,
    /// Last event.
    End,
}

/// What the app should do after a list message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Add this clause to the filter (`and`).
    AddClause(String),
    /// Follow the stream of this event.
    Follow(usize),
    /// Decode stream `stream` with dissector `plugin` (`None`: choose
    /// automatically).
    DecodeAs {
        /// The stream's id.
        stream: usize,
        /// The dissector.
        plugin: Option<String>,
    },
}

impl List {
    /// Index of the top row.
    #[cfg(test)]
    pub fn first(&self) -> usize {
        self.first
    }

    /// The selected event.
    #[cfg(test)]
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Selects event `i` (clamped to the `len` events loaded) and scrolls
    /// it into view.
    pub fn select(&mut self, i: usize, len: usize) {
        if len == 0 {
            return;
        }
        let i = i.min(len - 1);
        self.selected = Some(i);
        self.reveal(i, len);
    }

    /// The selected event (an index of the snapshot).
    pub fn selected_event(&self, rows: &Rows) -> Option<usize> {
        rows.event(self.selected?)
    }

    /// After the rows changed (another filter or time range): keeps the
    /// selected event selected when it is still shown, else clears the
    /// selection, and keeps the top row in bounds.
    pub fn rows_changed(&mut self, selected_event: Option<usize>, rows: &Rows) {
        self.selected = selected_event.and_then(|e| rows.row_of(e));
        match self.selected {
            Some(r) => {
                let len = rows.len();
                self.scroll_to(r.saturating_sub(self.page_rows / 2), len);
            }
            None => self.scroll_to(self.first, rows.len()),
        }
    }

    /// Shows the decoded payload of `event` (a worker's result).
    pub fn set_decoded(&mut self, event: usize, result: Result<Option<Decoded>, String>) {
        if self.decoded.as_ref().is_none_or(|(e, _)| *e != event) {
            self.field = None;
        }
        self.decoded = Some((event, result));
    }

    /// The decoded payload of `event`, once a worker sent it.
    pub fn decoded(&self, event: usize) -> Option<&Result<Option<Decoded>, String>> {
        self.decoded
            .as_ref()
            .filter(|(e, _)| *e == event)
            .map(|(_, r)| r)
    }

    /// The byte range of the selected field in the payload of `event`.
    pub fn highlight(&self, event: usize) -> Option<std::ops::Range<usize>> {
        let (m, f) = self.field?;
        let d = self.decoded(event)?.as_ref().ok()?.as_ref()?;
        d.messages.get(m)?.fields.get(f)?.range.clone()
    }

    /// The selected field: (message position, field index).
    #[cfg(test)]
    pub fn selected_field(&self) -> Option<(usize, usize)> {
        self.field
    }

    /// Clears the selection; `false` when there was none.
    pub fn clear_selection(&mut self) -> bool {
        self.selected.take().is_some()
    }

    fn max_first(&self, len: usize) -> usize {
        len.saturating_sub(self.page_rows.max(1))
    }

    fn scroll_to(&mut self, first: usize, len: usize) {
        self.first = first.min(self.max_first(len));
    }

    fn reveal(&mut self, i: usize, len: usize) {
        let page = self.page_rows.max(1);
        if i < self.first {
            self.scroll_to(i, len);
        } else if i >= self.first + page {
            self.scroll_to(i + 1 - page, len);
        }
    }

    /// Handles a list message; `len` is the number of events loaded.
    pub fn update(&mut self, message: Message, len: usize) -> Action {
        match message {
            Message::Scrolled(delta) => self.on_wheel(delta, len),
            Message::ScrolledTo(v) => self.scroll_to(v.max(0.0).round() as usize, len),
            Message::RowClicked(i) => self.select(i, len),
            Message::Resized(size) => {
                self.page_rows = ((size.height / ROW_HEIGHT).floor() as usize).max(1);
                self.scroll_to(self.first, len);
            }
            Message::Navigated(nav) => self.navigate(nav, len),
            Message::DetailsClosed => self.selected = None,
            Message::FilterClause(c) => return Action::AddClause(c),
            Message::FollowStream(i) => return Action::Follow(i),
            Message::PayloadModeChosen(m) => self.payload_mode = m,
            Message::FieldSelected(m, f) => {
                self.field = (self.field != Some((m, f))).then_some((m, f));
            }
            Message::DecodeAs(stream, plugin) => {
                self.field = None;
                return Action::DecodeAs {
                    stream,
                    plugin: (plugin != AUTOMATIC).then_some(plugin),
                };
            }
        }
        Action::None
    }

    fn on_wheel(&mut self, delta: mouse::ScrollDelta, len: usize) {
        let rows = match delta {
            mouse::ScrollDelta::Lines { y, .. } => -y * WHEEL_ROWS,
            mouse::ScrollDelta::Pixels { y, .. } => -y / ROW_HEIGHT,
        };
        let rows = rows.round() as i64;
        let first = (self.first as i64).saturating_add(rows).max(0);
        self.scroll_to(first as usize, len);
    }

    fn navigate(&mut self, nav: Nav, len: usize) {
        if len == 0 {
            return;
        }
        let page = self.page_rows.max(1);
        let Some(cur) = self.selected else {
            // Without a selection the keys scroll.
            let first = match nav {
                Nav::Up => self.first.saturating_sub(1),
                Nav::Down => self.first + 1,
                Nav::PageUp => self.first.saturating_sub(page),
                Nav::PageDown => self.first + page,
                Nav::Home => 0,
                Nav::End => len,
            };
            self.scroll_to(first, len);
            return;
        };
        let next = match nav {
            Nav::Up => cur.saturating_sub(1),
            Nav::Down => cur + 1,
            Nav::PageUp => cur.saturating_sub(page),
            Nav::PageDown => cur + page,
            Nav::Home => 0,
            Nav::End => len - 1,
        };
        self.select(next, len);
    }

    /// The `rows` of `snap` (or an empty list while nothing is loaded);
    /// `offset_s` shifts times from UTC to local time.
    pub fn view<'a>(
        &'a self,
        snap: Option<&'a Snapshot>,
        shown: &'a Rows,
        offset_s: i64,
    ) -> Element<'a, Message> {
        let len = shown.len();
        let rows = responsive(move |size| self.rows(snap, shown, size, offset_s));
        let rows = sensor(rows)
            .on_show(Message::Resized)
            .on_resize(Message::Resized);
        let rows = mouse_area(rows).on_scroll(Message::Scrolled);
        let max = self.max_first(len).max(1) as f64;
        let first = self.first as f64;
        // The slider's top is its maximum: invert so that the top of the
        // bar is the first event.
        let bar = vertical_slider(0.0..=max, max - first.min(max), move |v| {
            Message::ScrolledTo(max - v)
        })
        .step(1.0)
        .width(14)
        .style(style::scrollbar);
        let table = column![header(), row![rows, bar].height(Fill)].width(Fill);
        match (snap, self.selected.and_then(|r| shown.event(r))) {
            (Some(snap), Some(i)) if i < snap.len() => row![
                container(table).width(Length::FillPortion(3)),
                container(details::view(
                    snap,
                    i,
                    offset_s,
                    details::Decoding {
                        mode: self.payload_mode,
                        decoded: self.decoded(i),
                        field: self.field,
                        highlight: self.highlight(i),
                    }
                ))
                .width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .height(Fill)
            .into(),
            _ => table.height(Fill).into(),
        }
    }

    fn rows<'a>(
        &self,
        snap: Option<&'a Snapshot>,
        shown: &Rows,
        size: Size,
        offset_s: i64,
    ) -> Element<'a, Message> {
        let Some(snap) = snap else {
            return container(text("Nothing loaded yet")).padding(12).into();
        };
        let fit = ((size.height / ROW_HEIGHT).floor() as usize).max(1);
        let len = shown.len();
        if len == 0 {
            return container(text("No event matches the filter and time range"))
                .padding(12)
                .into();
        }
        let first = self.first.min(len.saturating_sub(fit));
        let rows = (first..(first + fit).min(len)).filter_map(|pos| {
            let i = shown.event(pos)?;
            Some(row_view(snap, i, pos, self.selected == Some(pos), offset_s))
        });
        column(rows).width(Fill).height(Fill).clip(true).into()
    }
}

/// Index of the result column in [`COLUMNS`].
const RESULT_COLUMN: usize = 8;

/// Column titles and widths (`None` = the rest).
const COLUMNS: [(&str, Option<f32>); 10] = [
    ("#", Some(72.0)),
    ("Time", Some(150.0)),
    ("CPU", Some(36.0)),
    ("Process", Some(120.0)),
    ("TID", Some(64.0)),
    ("", Some(18.0)),
    ("Type", Some(96.0)),
    ("FD", Some(200.0)),
    ("Result", Some(80.0)),
    ("Info", None),
];

/// How a cell's text is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    /// The row's colour.
    Normal,
    /// Secondary (events sysdig hides).
    Dim,
    /// A failed result.
    Error,
}

/// One cell.
fn cell<'a>(s: String, col: usize, ink: Ink) -> Element<'a, Message> {
    let width = COLUMNS[col].1.map_or(Length::Fill, Length::Fixed);
    container(
        text(s)
            .size(ROW_TEXT)
            .font(MONO)
            .wrapping(text::Wrapping::None)
            .style(move |t: &Theme| text::Style {
                color: match ink {
                    Ink::Normal => None,
                    Ink::Dim => Some(style::dim(t)),
                    Ink::Error => Some(style::error(t)),
                },
            }),
    )
    .width(width)
    .height(ROW_HEIGHT)
    .padding([2, 4])
    .clip(true)
    .into()
}

fn header<'a>() -> Element<'a, Message> {
    let cells = COLUMNS
        .iter()
        .enumerate()
        .map(|(k, (title, _))| cell(title.to_string(), k, Ink::Normal));
    container(row(cells))
        .width(Fill)
        .padding(iced::Padding {
            right: 14.0,
            ..iced::Padding::ZERO
        })
        .style(style::table_header)
        .into()
}

/// The texts of one row: sysdig's default line split into columns.
pub fn row_texts(snap: &Snapshot, i: usize, offset_s: i64) -> Option<[String; 10]> {
    let r = snap.row(i)?;
    // The event's own thread and fd: its fd parameters show their names.
    let state = State::for_event(r.thread, r.fd_num.zip(r.fd));
    let rec = snap.record(i);
    let ty = match &rec {
        Some(rec) => render::event_type_name(rec),
        None => render::sysdig_event_name(r.event_type).to_string(),
    };
    let info = rec
        .as_ref()
        .map(|rec| render::evt_args(rec, &state))
        .unwrap_or_default();
    let fd = match (r.fd_num, r.fd) {
        (Some(n), Some(f)) => format!("{n} <{}>{}", f.kind.type_char(), f.name),
        (Some(n), None) => n.to_string(),
        _ => String::new(),
    };
    Some([
        r.num.map(|n| n.to_string()).unwrap_or_default(),
        format::time_of_day(r.ts_ns, offset_s),
        r.cpu.to_string(),
        r.thread.map(|t| t.comm.to_string()).unwrap_or_default(),
        r.tid.to_string(),
        if schema::is_enter(r.event_type) {
            ">"
        } else {
            "<"
        }
        .to_string(),
        ty,
        fd,
        r.res.map(result_text).unwrap_or_default(),
        info,
    ])
}

/// A result as text: the number, with the errno name when negative.
pub fn result_text(res: i64) -> String {
    if res < 0 {
        match u32::try_from(-res).ok().and_then(schema::errno_name) {
            Some(name) => format!("{res} {name}"),
            None => res.to_string(),
        }
    } else {
        res.to_string()
    }
}

fn row_view<'a>(
    snap: &Snapshot,
    i: usize,
    pos: usize,
    selected: bool,
    offset_s: i64,
) -> Element<'a, Message> {
    let Some(texts) = row_texts(snap, i, offset_s) else {
        return text("").height(ROW_HEIGHT).into();
    };
    let r = snap.row(i);
    let failed = r.and_then(|r| r.res).is_some_and(|r| r < 0);
    let hidden = r.is_some_and(|r| r.hidden);
    let cells = texts.into_iter().enumerate().map(|(k, s)| {
        let ink = if failed && k == RESULT_COLUMN {
            Ink::Error
        } else if hidden && !selected {
            Ink::Dim
        } else {
            Ink::Normal
        };
        cell(s, k, ink)
    });
    button(row(cells))
        .on_press(Message::RowClicked(pos))
        .padding(0)
        .width(Fill)
        .height(ROW_HEIGHT)
        .style(style::table_row(pos, selected))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(page: usize) -> List {
        let mut l = List::default();
        l.update(
            Message::Resized(Size::new(800.0, page as f32 * ROW_HEIGHT)),
            1_000_000,
        );
        l
    }

    #[test]
    fn selection_moves_and_stays_visible() {
        let len = 1_000_000;
        let mut l = sized(10);
        l.update(Message::RowClicked(5), len);
        assert_eq!(l.selected(), Some(5));
        assert_eq!(l.first(), 0);
        l.update(Message::Navigated(Nav::PageDown), len);
        assert_eq!(l.selected(), Some(15));
        assert_eq!(l.first(), 6, "the selection is the last visible row");
        l.update(Message::Navigated(Nav::End), len);
        assert_eq!(l.selected(), Some(len - 1));
        assert_eq!(l.first(), len - 10);
        l.update(Message::Navigated(Nav::Home), len);
        assert_eq!((l.selected(), l.first()), (Some(0), 0));
        l.update(Message::Navigated(Nav::Up), len);
        assert_eq!(l.selected(), Some(0));
        assert!(l.clear_selection());
        assert!(!l.clear_selection());
    }

    #[test]
    fn scrolling_is_clamped_to_the_events() {
        let len = 25;
        let mut l = sized(10);
        l.update(
            Message::Scrolled(mouse::ScrollDelta::Lines { x: 0.0, y: -2.0 }),
            len,
        );
        assert_eq!(l.first(), 6);
        l.update(
            Message::Scrolled(mouse::ScrollDelta::Lines { x: 0.0, y: -20.0 }),
            len,
        );
        assert_eq!(l.first(), 15);
        l.update(Message::ScrolledTo(3.0), len);
        assert_eq!(l.first(), 3);
        l.update(
            Message::Scrolled(mouse::ScrollDelta::Pixels { x: 0.0, y: 400.0 }),
            len,
        );
        assert_eq!(l.first(), 0);
        l.update(Message::Navigated(Nav::End), len);
        assert_eq!(l.first(), 15);
        // Clicking past the loaded events selects the last one.
        l.update(Message::RowClicked(99), len);
        assert_eq!(l.selected(), Some(24));
    }

    #[test]
    fn info_names_the_events_own_fd_like_the_live_state() {
        use scapscope_core::reader::Reader;
        use scapscope_core::store::{LoadOptions, load_blocking};
        // A busier real capture when the shared ones are here.
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures/workshop_example0_nginx.scap");
        let path = if shared.exists() {
            shared
        } else {
            eprintln!("../shared/captures absent: checking the demo capture only");
            crate::demo_capture()
        };
        let snap = load_blocking(&path, LoadOptions::default()).unwrap();
        let mut reader = Reader::open(&path).unwrap();
        let (mut checked, mut named) = (0, 0);
        let mut k = 0;
        while let Some(ev) = reader.next_event() {
            let desc = ev.rec.desc();
            // Enter events whose only fd parameter is the event's own fd.
            let fd_params = desc
                .params
                .iter()
                .filter(|p| p.ty == schema::ParamType::Fd)
                .count();
            if schema::is_enter(ev.rec.event_type)
                && fd_params == 1
                && desc.params.first().is_some_and(|p| p.name == "fd")
            {
                let live = render::evt_args(&ev.rec, ev.state);
                let ours = row_texts(&snap, k, 0).unwrap()[9].clone();
                assert_eq!(ours, live, "event {k}");
                checked += 1;
                named += usize::from(live.contains("fd=") && live.contains('<'));
            }
            k += 1;
        }
        assert!(
            checked >= 5 && named > 0,
            "{checked} checked, {named} named"
        );
    }

    #[test]
    fn a_selected_field_highlights_its_bytes_of_its_event_only() {
        use crate::gui::decode::{Decoded, FieldNode, MessageNode};
        let field = |name: &str, range: Option<std::ops::Range<usize>>| FieldNode {
            name: name.into(),
            value: String::new(),
            depth: 0,
            range,
        };
        let decoded = Decoded {
            stream: 0,
            plugin: Some("http".into()),
            choice: String::new(),
            disabled: Vec::new(),
            forced: false,
            plugins: vec!["http".into()],
            messages: vec![MessageNode {
                index: 0,
                protocol: "http".into(),
                kind: "request",
                summary: "GET / HTTP/1.1".into(),
                errors: Vec::new(),
                latency_ns: None,
                fields: vec![field("method", Some(0..3)), field("elsewhere", None)],
                more_fields: 0,
            }],
        };
        let mut l = sized(10);
        l.set_decoded(7, Ok(Some(decoded)));
        assert_eq!(l.highlight(7), None, "nothing selected yet");
        l.update(Message::FieldSelected(0, 0), 100);
        assert_eq!(l.highlight(7), Some(0..3));
        assert_eq!(l.highlight(8), None, "another event's payload");
        l.update(Message::FieldSelected(0, 1), 100);
        assert_eq!(l.highlight(7), None, "a field outside this payload");
        l.update(Message::FieldSelected(0, 0), 100);
        l.update(Message::FieldSelected(0, 0), 100);
        assert_eq!(l.selected_field(), None, "a second click unselects");
        l.update(Message::FieldSelected(0, 0), 100);
        l.set_decoded(9, Err("the dissectors did not load: x".into()));
        assert_eq!(l.selected_field(), None, "another event: selection reset");
        assert!(matches!(l.decoded(9), Some(Err(e)) if e.contains("did not load")));
        assert!(l.decoded(7).is_none());
        assert_eq!(
            l.update(Message::DecodeAs(3, AUTOMATIC.into()), 100),
            Action::DecodeAs {
                stream: 3,
                plugin: None
            }
        );
        assert_eq!(
            l.update(Message::DecodeAs(3, "redis".into()), 100),
            Action::DecodeAs {
                stream: 3,
                plugin: Some("redis".into())
            }
        );
    }

    #[test]
    fn results_show_errno_names() {
        assert_eq!(result_text(-2), "-2 ENOENT");
        assert_eq!(result_text(42), "42");
    }
}

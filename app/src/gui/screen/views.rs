//! Views: csysdig's tables (procs, files, connections, …), the process
//! tree and the commands executed, computed by `scapscope_core::views` over
//! the app's filter and time range. Every column sorts; no row cap; a row
//! drills down to the next view with the filter it implies, which the app
//! records in its history (breadcrumbs, Back/Forward).
//!
//! Tables are virtualised like the syscall list: only the rows that fit
//! are built, whatever the number of rows.
//!
//! The protocol views (HTTP requests, DNS queries…, see
//! [`crate::gui::protocols`]) are listed with them; their rows drill down
//! to their connection's events in the syscall list.

use iced::widget::{
    button, column, container, mouse_area, pick_list, responsive, row, sensor, text,
    vertical_slider,
};
use iced::{Element, Fill, Length, Size, Theme, mouse};
use scapscope_core::views::{self, ColType, Table, Unit, Value};
use std::sync::Arc;

use crate::gui::format;
use crate::gui::protocols;
use crate::gui::style::{self, MONO, ROW_HEIGHT, ROW_TEXT};

/// Rows a wheel notch moves.
const WHEEL_ROWS: f32 = 3.0;

/// A view as the picker lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewChoice(pub &'static str);

impl std::fmt::Display for ViewChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (views::find(self.0), protocols::find(self.0)) {
            (Some(d), _) => write!(f, "{} ({})", d.name, d.id),
            (None, Some(p)) => write!(f, "{} ({})", p.name, p.id),
            (None, None) => f.write_str(self.0),
        }
    }
}

/// The screen's state.
#[derive(Debug, Clone)]
pub struct ViewsScreen {
    /// The view shown.
    view: &'static str,
    /// Its table for the current query, once computed: shared with the
    /// engine's cache until the user sorts it (so a repeated look at a
    /// large table costs no copy).
    table: Option<Arc<Table>>,
    /// Why it could not be computed.
    error: Option<String>,
    /// Sort chosen by the user (column, descending), if any.
    sort: Option<(usize, bool)>,
    /// Top row and selected row (positions in the sorted table).
    first: usize,
    selected: Option<usize>,
    page_rows: usize,
    /// Widest text of each column (header or a sample of cells), in
    /// characters: computed when a table arrives, not every frame.
    widest_chars: Vec<usize>,
}

impl Default for ViewsScreen {
    fn default() -> Self {
        ViewsScreen {
            view: "procs",
            table: None,
            error: None,
            sort: None,
            first: 0,
            selected: None,
            page_rows: 30,
            widest_chars: Vec::new(),
        }
    }
}

/// What the screen reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// Another view was picked.
    ViewPicked(ViewChoice),
    /// A column header was clicked.
    SortBy(usize),
    /// A row was clicked (a click on the selected row drills down).
    RowClicked(usize),
    /// The drill-down button.
    DrillDown,
    /// The wheel turned over the rows.
    Scrolled(mouse::ScrollDelta),
    /// The scrollbar moved.
    ScrolledTo(f64),
    /// The rows area got this size.
    Resized(Size),
}

/// What the app should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Show view `view` (recompute it).
    Show(&'static str),
    /// Drill down: show `view` with `filter` (the incoming filter and the
    /// row's key).
    Drill {
        /// The next view.
        view: &'static str,
        /// The filter to run it with.
        filter: scapscope_core::filter::Filter,
    },
    /// Show the syscall list with `filter` (the incoming filter and the
    /// protocol row's connection).
    ShowEvents {
        /// The filter.
        filter: scapscope_core::filter::Filter,
    },
}

impl ViewsScreen {
    /// The view shown.
    pub fn view_id(&self) -> &'static str {
        self.view
    }

    /// Shows view `id` (its table comes later, see [`Self::set_table`]).
    pub fn show(&mut self, id: &'static str) {
        if self.view != id {
            self.view = id;
            self.table = None;
            self.error = None;
            self.sort = None;
            self.first = 0;
            self.selected = None;
        }
    }

    /// The computed table (sorted as the user chose), or why it failed.
    pub fn set_table(&mut self, t: Result<Arc<Table>, String>) {
        match t {
            Ok(mut t) => {
                if t.view != self.view {
                    return;
                }
                let selected_key = self
                    .selected
                    .and_then(|r| self.table.as_ref()?.rows.get(r))
                    .map(|r| r.key.clone());
                // Only a sort the user chose makes a copy of the shared
                // table.
                if let Some((c, d)) = self.sort {
                    Arc::make_mut(&mut t).sort_by(c, d);
                }
                // Keep the selection on the same key across refreshes.
                self.selected = selected_key.and_then(|k| t.rows.iter().position(|r| r.key == k));
                self.widest_chars = widest_chars(&t);
                self.table = Some(t);
                self.error = None;
                self.first = self.first.min(self.max_first());
            }
            Err(e) => {
                self.table = None;
                self.error = Some(e);
            }
        }
    }

    /// The table shown.
    #[cfg(test)]
    pub fn table(&self) -> Option<&Table> {
        self.table.as_deref()
    }

    fn len(&self) -> usize {
        self.table.as_ref().map_or(0, |t| t.rows.len())
    }

    fn max_first(&self) -> usize {
        self.len().saturating_sub(self.page_rows.max(1))
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        m: Message,
        incoming: Option<&scapscope_core::filter::Filter>,
    ) -> Action {
        match m {
            Message::ViewPicked(ViewChoice(id)) => return Action::Show(id),
            Message::SortBy(c) => {
                let Some(t) = self.table.as_mut().map(Arc::make_mut) else {
                    return Action::None;
                };
                let Some(col) = t.columns.get(c) else {
                    return Action::None;
                };
                // Same column again flips the order; a new one starts with
                // its natural order (numbers largest first).
                let desc = match self.sort.or(t.sort_column.map(|s| (s, t.sort_descending))) {
                    Some((sc, d)) if sc == c => !d,
                    _ => col.ty.sorts_descending(),
                };
                let key = self
                    .selected
                    .and_then(|r| t.rows.get(r))
                    .map(|r| r.key.clone());
                t.sort_by(c, desc);
                self.sort = Some((c, desc));
                self.selected = key.and_then(|k| t.rows.iter().position(|r| r.key == k));
            }
            Message::RowClicked(r) => {
                if self.selected == Some(r) {
                    return self.drill(incoming);
                }
                self.selected = Some(r);
            }
            Message::DrillDown => return self.drill(incoming),
            Message::Scrolled(delta) => {
                let rows = match delta {
                    mouse::ScrollDelta::Lines { y, .. } => -y * WHEEL_ROWS,
                    mouse::ScrollDelta::Pixels { y, .. } => -y / ROW_HEIGHT,
                };
                let first = (self.first as i64)
                    .saturating_add(rows.round() as i64)
                    .max(0);
                self.first = (first as usize).min(self.max_first());
            }
            Message::ScrolledTo(v) => {
                self.first = (v.max(0.0).round() as usize).min(self.max_first());
            }
            Message::Resized(size) => {
                self.page_rows = ((size.height / ROW_HEIGHT).floor() as usize).max(1);
                self.first = self.first.min(self.max_first());
            }
        }
        Action::None
    }

    fn drill(&self, incoming: Option<&scapscope_core::filter::Filter>) -> Action {
        let Some(row) = self.selected.and_then(|r| self.table.as_ref()?.rows.get(r)) else {
            return Action::None;
        };
        if protocols::find(self.view).is_some() {
            let Some(own) = row
                .key_filter
                .as_deref()
                .and_then(|f| scapscope_core::filter::Filter::parse(f).ok())
            else {
                return Action::None;
            };
            let filter = match incoming {
                Some(inc) => scapscope_core::filter::Filter::and(inc.clone(), own),
                None => own,
            };
            return Action::ShowEvents { filter };
        }
        match views::drill_down(self.view, row, incoming) {
            Some(d) => Action::Drill {
                view: d.view,
                filter: d.filter,
            },
            None => Action::None,
        }
    }

    /// The screen; `computing` says a newer table is on its way.
    pub fn view(&self, computing: bool) -> Element<'_, Message> {
        let choices: Vec<ViewChoice> = views::VIEWS
            .iter()
            .map(|d| ViewChoice(d.id))
            .chain(protocols::VIEWS.iter().map(|p| ViewChoice(p.id)))
            .collect();
        let def = views::find(self.view);
        let proto = protocols::find(self.view);
        let drill_to = def
            .and_then(|d| d.drilldown)
            .or(proto.map(|_| "the connection's events"));
        let description = def
            .map(|d| d.description)
            .or(proto.map(|p| p.description))
            .unwrap_or("");
        let mut top = row![
            pick_list(choices, Some(ViewChoice(self.view)), Message::ViewPicked)
                .text_size(14)
                .width(320),
            text(description)
                .size(12)
                .style(|t: &Theme| text::Style {
                    color: Some(style::dim(t)),
                })
                .width(Fill),
        ]
        .spacing(12)
        .align_y(iced::Center);
        if let Some(next) = drill_to {
            top = top.push(
                button(text(format!("Drill down ▸ {next}")).size(13))
                    .on_press_maybe(self.selected.map(|_| Message::DrillDown))
                    .padding([2, 10]),
            );
        }
        let status = match (&self.table, &self.error, computing) {
            (_, Some(e), _) => e.clone(),
            (None, None, _) => "computing…".into(),
            (Some(t), None, c) => format!(
                "{} rows{}",
                format::grouped(t.rows.len() as u64),
                if c { " · updating…" } else { "" }
            ),
        };
        top = top.push(text(status).size(12));
        let Some(t) = &self.table else {
            return column![top].spacing(8).into();
        };
        let widths = column_widths(t, &self.widest_chars);
        let header = {
            let sort = self.sort.or(t.sort_column.map(|c| (c, t.sort_descending)));
            let cells = t.columns.iter().enumerate().map(|(k, c)| {
                let arrow = match sort {
                    Some((sc, true)) if sc == k => " ▼",
                    Some((sc, false)) if sc == k => " ▲",
                    _ => "",
                };
                // Cells carry their units (KiB, ms, %, /s): the header
                // is the name alone.
                let label = format!("{}{arrow}", c.name);
                let numeric = is_numeric(c.ty);
                button(
                    text(label)
                        .size(ROW_TEXT)
                        .font(MONO)
                        .wrapping(text::Wrapping::None)
                        .width(Fill)
                        .align_x(if numeric {
                            iced::alignment::Horizontal::Right
                        } else {
                            iced::alignment::Horizontal::Left
                        }),
                )
                .on_press(Message::SortBy(k))
                .padding([2, 4])
                .width(widths[k])
                .style(button::text)
                .into()
            });
            container(row(cells)).width(Fill).style(style::table_header)
        };
        let rows = responsive(move |size| self.rows(t, &widths, size));
        let rows = sensor(rows)
            .on_show(Message::Resized)
            .on_resize(Message::Resized);
        let rows = mouse_area(rows).on_scroll(Message::Scrolled);
        let max = self.max_first().max(1) as f64;
        let first = self.first as f64;
        let bar = vertical_slider(0.0..=max, max - first.min(max), move |v| {
            Message::ScrolledTo(max - v)
        })
        .step(1.0)
        .width(14)
        .style(style::scrollbar);
        column![top, header, row![rows, bar].height(Fill)]
            .spacing(6)
            .into()
    }

    fn rows<'a>(&self, t: &'a Table, widths: &[Length], size: Size) -> Element<'a, Message> {
        let fit = ((size.height / ROW_HEIGHT).floor() as usize).max(1);
        let len = t.rows.len();
        if len == 0 {
            return container(text("No row for this filter and time range"))
                .padding(12)
                .into();
        }
        let first = self.first.min(len.saturating_sub(fit));
        let span_ns = t.span_ns.1.saturating_sub(t.span_ns.0);
        let items = (first..(first + fit).min(len)).map(|pos| {
            let r = &t.rows[pos];
            let cells = r.values.iter().enumerate().map(|(k, v)| {
                let col = &t.columns[k];
                container(
                    text(cell_text(v, col.unit, col.per_second, span_ns))
                        .size(ROW_TEXT)
                        .font(MONO)
                        .wrapping(text::Wrapping::None),
                )
                .align_x(if is_numeric(col.ty) {
                    iced::alignment::Horizontal::Right
                } else {
                    iced::alignment::Horizontal::Left
                })
                .width(widths.get(k).copied().unwrap_or(Length::Fill))
                .height(ROW_HEIGHT)
                .padding([2, 4])
                .clip(true)
                .into()
            });
            button(row(cells))
                .on_press(Message::RowClicked(pos))
                .padding(0)
                .width(Fill)
                .height(ROW_HEIGHT)
                .style(style::table_row(pos, self.selected == Some(pos)))
                .into()
        });
        column(items).width(Fill).height(Fill).clip(true).into()
    }
}

/// Advance of one character of the table font (DejaVu Sans Mono: 0.602 em).
const CHAR_WIDTH: f32 = ROW_TEXT * 0.602;
/// Horizontal padding of a cell (4 px each side) plus a gap.
const CELL_PADDING: f32 = 14.0;
/// Cells measured per column to size it (spread over the table).
const SAMPLE_ROWS: usize = 2_000;
/// Text columns other than the widest are at most this many characters
/// wide (the widest takes the rest of the row).
const MAX_TEXT_CHARS: usize = 40;

/// Numbers and times align right, text left.
fn is_numeric(ty: ColType) -> bool {
    !matches!(ty, ColType::Text)
}

/// The widest header or cell text of each column, in characters, over an
/// evenly spread sample of rows (so widths do not jump while scrolling).
fn widest_chars(t: &Table) -> Vec<usize> {
    let span_ns = t.span_ns.1.saturating_sub(t.span_ns.0);
    let stride = (t.rows.len() / SAMPLE_ROWS).max(1);
    t.columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            // Two more for the sort arrow.
            let header = c.name.chars().count() + 2;
            t.rows
                .iter()
                .step_by(stride)
                .take(SAMPLE_ROWS)
                .filter_map(|r| r.values.get(k))
                .map(|v| cell_text(v, c.unit, c.per_second, span_ns).chars().count())
                .fold(header, usize::max)
        })
        .collect()
}

/// Column widths: each as wide as its widest text, except the widest text
/// column (a command line, a URL), which takes the rest of the row, and
/// other text columns are capped at [`MAX_TEXT_CHARS`].
fn column_widths(t: &Table, widest: &[usize]) -> Vec<Length> {
    let chars = |k: usize| widest.get(k).copied().unwrap_or(12);
    let filler = (0..t.columns.len())
        .filter(|&k| !is_numeric(t.columns[k].ty))
        .max_by_key(|&k| (chars(k), k));
    t.columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            if Some(k) == filler {
                Length::Fill
            } else {
                let n = if is_numeric(c.ty) {
                    chars(k)
                } else {
                    chars(k).min(MAX_TEXT_CHARS)
                };
                Length::Fixed(n as f32 * CHAR_WIDTH + CELL_PADDING)
            }
        })
        .collect()
}

/// A cell as text: bytes humanised, durations with units, percents with
/// one decimal, rates per second when the column is one (totals over the
/// range divided by its duration).
pub fn cell_text(v: &Value, unit: Unit, per_second: bool, span_ns: u64) -> String {
    let rate = |x: f64| {
        if per_second && span_ns > 0 {
            Some(x * 1e9 / span_ns as f64)
        } else {
            None
        }
    };
    match (v, unit) {
        (Value::Null, _) => String::new(),
        (Value::Text(s), _) => s.clone(),
        (Value::Timestamp(ts), _) => format::date_time_utc(*ts),
        (Value::Duration(ns), _) => format::duration_ns(*ns),
        (v, Unit::Bytes) => {
            let x = v.as_f64().unwrap_or(0.0);
            match rate(x) {
                Some(r) => format!("{}/s", format::bytes(r.round() as u64)),
                None => format::bytes(x.max(0.0) as u64),
            }
        }
        (v, Unit::Ns) => format::duration_ns(v.as_f64().unwrap_or(0.0).max(0.0) as u64),
        (v, Unit::Percent) => format!("{:.1}%", v.as_f64().unwrap_or(0.0)),
        (Value::Float(x), _) => match rate(*x) {
            Some(r) => format!("{r:.1}/s"),
            None => format!("{x:.2}"),
        },
        (Value::Int(x), _) => x.to_string(),
        (Value::Uint(x), _) => match rate(*x as f64) {
            Some(r) => format!("{r:.1}/s"),
            None => format::grouped(*x),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_carry_their_units() {
        assert_eq!(
            cell_text(&Value::Uint(2048), Unit::Bytes, false, 0),
            format::bytes(2048)
        );
        assert_eq!(
            cell_text(&Value::Uint(2_000), Unit::Bytes, true, 2_000_000_000),
            format!("{}/s", format::bytes(1000))
        );
        assert_eq!(
            cell_text(&Value::Float(12.345), Unit::Percent, false, 0),
            "12.3%"
        );
        assert_eq!(
            cell_text(&Value::Duration(1_500), Unit::Ns, false, 0),
            format::duration_ns(1_500)
        );
        assert_eq!(cell_text(&Value::Null, Unit::Count, false, 0), "");
        assert_eq!(
            cell_text(&Value::Uint(30), Unit::Count, true, 10_000_000_000),
            "3.0/s"
        );
        assert_eq!(cell_text(&Value::Int(-1), Unit::None, false, 0), "-1");
    }

    #[test]
    fn columns_fit_their_widest_text_and_the_widest_text_column_fills() {
        let snap = scapscope_core::store::load(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::default(),
        )
        .wait();
        let facts = views::Facts::new(snap);
        let t = views::compute(&facts, "procs", &views::Query::default()).unwrap();
        let widest = widest_chars(&t);
        let span_ns = t.span_ns.1.saturating_sub(t.span_ns.0);
        for (k, c) in t.columns.iter().enumerate() {
            // Every cell's text fits (the table is small: every row is sampled).
            for r in &t.rows {
                let n = cell_text(&r.values[k], c.unit, c.per_second, span_ns)
                    .chars()
                    .count();
                assert!(n <= widest[k], "{}: {n} > {}", c.name, widest[k]);
            }
            assert!(widest[k] >= c.name.len());
        }
        let widths = column_widths(&t, &widest);
        let command = t.columns.iter().position(|c| c.name == "Command").unwrap();
        assert_eq!(
            widths[command],
            Length::Fill,
            "the command line takes the rest"
        );
        let pid = t.columns.iter().position(|c| c.name == "PID").unwrap();
        assert_eq!(
            widths[pid],
            Length::Fixed(widest[pid] as f32 * CHAR_WIDTH + CELL_PADDING)
        );
        assert_eq!(widths.iter().filter(|w| **w == Length::Fill).count(), 1);
    }
}

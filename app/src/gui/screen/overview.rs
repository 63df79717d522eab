//! The overview: Sysdig Inspect's tiles (totals with a sparkline over the
//! capture), grouped by category, plus the busiest event types.

use iced::widget::{button, canvas, column, container, row, scrollable, text};
use iced::{Element, Fill, Length, Theme};

use super::Screen;
use crate::gui::digest::{Digest, Metric};
use crate::gui::format;
use crate::gui::sparkline::Sparkline;
use crate::gui::style;

/// What the overview reports (every variant is a click, hence the names).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone)]
pub enum Message {
    /// A tile was clicked.
    TileClicked(Tile),
    /// A tile's sparkline was clicked on point `.1` (of `.2` points).
    SpikeClicked(Tile, usize, usize),
    /// One of the core's tiles (by position) was clicked.
    CoreTileClicked(usize),
    /// A core tile's sparkline was clicked on bucket `.1`.
    CoreSpikeClicked(usize, usize),
}

/// What the app should do after an overview message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show another screen.
    Show(Screen),
    /// Open a view (`events`: the syscall list) with a filter (`""`:
    /// none) added to the current one.
    Drill {
        /// View id, or `events`.
        view: &'static str,
        /// Filter text.
        filter: String,
    },
    /// Narrow the time range to `[from_ns, to_ns)`.
    NarrowTo {
        /// Start.
        from_ns: u64,
        /// End.
        to_ns: u64,
    },
    /// Narrow the time range to bin `bin` of `bins` over the capture's
    /// span, then show `then`.
    Narrow {
        /// The bin clicked.
        bin: usize,
        /// Bins over the span.
        bins: usize,
        /// The screen to show.
        then: Screen,
    },
}

/// The tiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tile {
    /// Events (system calls and others).
    Events,
    /// Exit events that failed.
    Errors,
    /// Processes.
    Processes,
    /// Containers.
    Containers,
    /// Bytes read from files.
    FileIn,
    /// Bytes written to files.
    FileOut,
    /// Files with I/O or opened.
    Files,
    /// Bytes received on IP sockets.
    NetIn,
    /// Bytes sent on IP sockets.
    NetOut,
    /// IP connections.
    Connections,
    /// Bytes on pipes, unix sockets and other fds.
    OtherIo,
}

impl Tile {
    /// The screen a click on the tile opens. Until the views and filters
    /// exist, every tile drills into the (unfiltered) syscall list.
    pub fn target(self) -> Screen {
        Screen::List
    }
}

/// Handles an overview message; `core` is the core's overview shown, if
/// any.
pub fn update(message: Message, core: Option<&CoreOverview>) -> Action {
    match message {
        Message::CoreTileClicked(k) => match core.and_then(|o| o.tiles.get(k)) {
            Some(t) => Action::Drill {
                view: t.def.drill.view,
                filter: t.def.drill.filter.clone(),
            },
            None => Action::Show(Screen::List),
        },
        Message::CoreSpikeClicked(k, bin) => match core {
            Some(o) if k < o.tiles.len() => {
                let from_ns = o
                    .from_ns
                    .saturating_add(o.bucket_ns.saturating_mul(bin as u64));
                Action::NarrowTo {
                    from_ns,
                    to_ns: from_ns.saturating_add(o.bucket_ns),
                }
            }
            _ => Action::Show(Screen::List),
        },
        Message::TileClicked(tile) => Action::Show(tile.target()),
        Message::SpikeClicked(tile, bin, bins) => Action::Narrow {
            bin,
            bins,
            then: tile.target(),
        },
    }
}

/// The core's overview (Sysdig Inspect's tiles over the current filter and
/// time range).
pub type CoreOverview = scapscope_core::views::tiles::Overview;

/// The core's tiles, grouped by category, each a total and a sparkline;
/// `computing` says newer numbers are on their way.
pub fn view_core<'a>(
    o: &'a CoreOverview,
    digest: &'a Digest,
    file_bytes: u64,
    computing: bool,
) -> Element<'a, Message> {
    use scapscope_core::views::Unit;
    let mut content = column![].spacing(10).padding(16).width(Fill);
    if computing {
        content = content.push(text("updating…").size(12));
    }
    let mut order: Vec<&'static str> = Vec::new();
    for t in &o.tiles {
        if !order.contains(&t.def.category) {
            order.push(t.def.category);
        }
    }
    for cat in order {
        content = content.push(section(category_title(cat)));
        let mut tiles: Vec<Element<'a, Message>> = Vec::new();
        for (k, t) in o
            .tiles
            .iter()
            .enumerate()
            .filter(|(_, t)| t.def.category == cat)
        {
            let value = match t.def.unit {
                Unit::Bytes => format::bytes(t.total),
                Unit::Ns => format::duration_ns(t.total),
                _ => format::grouped(t.total),
            };
            let values: Vec<f32> = t.series.iter().map(|&v| v as f32).collect();
            let spark =
                Sparkline::new(&values).on_pick(move |bin| Message::CoreSpikeClicked(k, bin));
            let ink = t.def.noteworthy && t.total > 0;
            let body = column![
                text(t.def.name.clone()).size(13),
                text(value)
                    .size(24)
                    .font(style::MONO)
                    .style(move |th: &Theme| text::Style {
                        color: ink.then(|| style::error(th)),
                    }),
                canvas(spark).width(Fill).height(30),
            ]
            .spacing(4);
            tiles.push(
                button(
                    container(body)
                        .padding(10)
                        .width(Fill)
                        .height(110)
                        .style(style::panel),
                )
                .on_press(Message::CoreTileClicked(k))
                .padding(0)
                .style(|_, _| button::Style::default())
                .width(Length::Fixed(250.0))
                .into(),
            );
        }
        content = content.push(row(tiles).spacing(12).wrap());
    }
    content = content.push(section("Capture"));
    content = content.push(row![capture_tile(digest, file_bytes)].width(Length::Fixed(250.0)));
    scrollable(content).height(Fill).into()
}

fn category_title(cat: &str) -> &str {
    match cat {
        "general" => "General",
        "file" => "File",
        "network" => "Network",
        "napps" => "Network applications",
        "security" => "Security",
        "performance" => "Performance",
        "logs" => "Logs",
        "infrastructure" => "Infrastructure",
        other => other,
    }
}

/// The overview of `digest`; `file_bytes` is the capture's size.
pub fn view(digest: &Digest, file_bytes: u64) -> Element<'_, Message> {
    let tile_row = |tiles: Vec<Element<'static, Message>>| row(tiles).spacing(12).width(Fill);
    let general = tile_row(vec![
        tile(digest, Tile::Events),
        tile(digest, Tile::Errors),
        tile(digest, Tile::Processes),
        tile(digest, Tile::Containers),
    ]);
    let file = tile_row(vec![
        tile(digest, Tile::FileIn),
        tile(digest, Tile::FileOut),
        tile(digest, Tile::Files),
        tile(digest, Tile::OtherIo),
    ]);
    let net = tile_row(vec![
        tile(digest, Tile::NetIn),
        tile(digest, Tile::NetOut),
        tile(digest, Tile::Connections),
        capture_tile(digest, file_bytes),
    ]);
    let content = column![
        section("General"),
        general,
        section("File and other I/O"),
        file,
        section("Network"),
        net,
        section("Busiest event types"),
        top_types(digest),
    ]
    .spacing(10)
    .padding(16)
    .width(Fill);
    scrollable(content).height(Fill).into()
}

fn section(title: &str) -> Element<'_, Message> {
    text(title)
        .size(15)
        .style(|t: &Theme| text::Style {
            color: Some(style::dim(t)),
        })
        .into()
}

/// Title, value, detail and series of a tile.
fn tile_content(d: &Digest, t: Tile) -> (&'static str, String, String, Option<Metric>) {
    let span = format::duration_ns(d.span_ns());
    let rate = |n: u64| {
        let s = d.span_ns() as f64 / 1e9;
        if s > 0.0 {
            format!("{}/s", format::bytes((n as f64 / s) as u64))
        } else {
            String::new()
        }
    };
    match t {
        Tile::Events => (
            "Events",
            format::count(d.events),
            format!("{} over {span}", format::grouped(d.events)),
            Some(Metric::Events),
        ),
        Tile::Errors => {
            let n = d.total(Metric::Errors);
            (
                "Failed calls",
                format::count(n),
                "exits with a negative result".into(),
                Some(Metric::Errors),
            )
        }
        Tile::Processes => (
            "Processes",
            format::grouped(d.processes as u64),
            format!("{} threads", format::grouped(d.threads as u64)),
            None,
        ),
        Tile::Containers => (
            "Containers",
            format::grouped(d.containers as u64),
            if d.containers == 0 {
                "host only".into()
            } else {
                "besides the host".into()
            },
            None,
        ),
        Tile::FileIn => {
            let n = d.total(Metric::FileIn);
            (
                "File bytes in",
                format::bytes(n),
                rate(n),
                Some(Metric::FileIn),
            )
        }
        Tile::FileOut => {
            let n = d.total(Metric::FileOut);
            (
                "File bytes out",
                format::bytes(n),
                rate(n),
                Some(Metric::FileOut),
            )
        }
        Tile::Files => (
            "Files",
            format::grouped(d.files as u64),
            "distinct file names".into(),
            None,
        ),
        Tile::OtherIo => {
            let n = d.total(Metric::OtherIo);
            (
                "Pipe, unix and other I/O",
                format::bytes(n),
                rate(n),
                Some(Metric::OtherIo),
            )
        }
        Tile::NetIn => {
            let n = d.total(Metric::NetIn);
            (
                "Net bytes in",
                format::bytes(n),
                rate(n),
                Some(Metric::NetIn),
            )
        }
        Tile::NetOut => {
            let n = d.total(Metric::NetOut);
            (
                "Net bytes out",
                format::bytes(n),
                rate(n),
                Some(Metric::NetOut),
            )
        }
        Tile::Connections => (
            "Connections",
            format::grouped(d.connections as u64),
            "distinct IPv4/IPv6 tuples".into(),
            None,
        ),
    }
}

fn tile(d: &Digest, t: Tile) -> Element<'static, Message> {
    let (title, value, detail, metric) = tile_content(d, t);
    let mut body = column![
        text(title).size(13),
        text(value).size(26).font(style::MONO),
        text(detail).size(12).style(|t: &Theme| text::Style {
            color: Some(style::dim(t)),
        }),
    ]
    .spacing(4);
    if let Some(m) = metric {
        let bins = d.spark(m).len();
        let spark = Sparkline::new(d.spark(m)).on_pick(move |k| Message::SpikeClicked(t, k, bins));
        body = body.push(canvas(spark).width(Fill).height(34));
    }
    button(
        container(body)
            .padding(12)
            .width(Fill)
            .height(140)
            .style(style::panel),
    )
    .on_press(Message::TileClicked(t))
    .padding(0)
    .style(|_, _| button::Style::default())
    .width(Fill)
    .into()
}

fn capture_tile(d: &Digest, file_bytes: u64) -> Element<'static, Message> {
    let span = if d.events == 0 {
        "no events yet".to_string()
    } else {
        format!(
            "{} to {}",
            format::date_time_utc(d.first_ts_ns),
            format::time_of_day(d.last_ts_ns, 0)
        )
    };
    container(
        column![
            text("Capture").size(13),
            text(format::duration_ns(d.span_ns()))
                .size(26)
                .font(style::MONO),
            text(format!("{} uncompressed", format::bytes(file_bytes))).size(12),
            text(span).size(12).style(|t: &Theme| text::Style {
                color: Some(style::dim(t)),
            }),
        ]
        .spacing(4),
    )
    .padding(12)
    .width(Fill)
    .height(140)
    .style(style::panel)
    .into()
}

fn top_types(d: &Digest) -> Element<'_, Message> {
    let max = d.top_types.first().map_or(1, |t| t.1.max(1));
    let rows = d.top_types.iter().map(|&(name, n)| {
        let share = n as f32 / max as f32;
        row![
            text(name).size(13).font(style::MONO).width(160),
            text(format::grouped(n))
                .size(13)
                .font(style::MONO)
                .width(110),
            container(text(""))
                .width(iced::Length::FillPortion((share * 1000.0).max(1.0) as u16))
                .height(10)
                .style(|t: &Theme| container::Style {
                    background: Some(style::spark(t).into()),
                    ..container::Style::default()
                }),
            container(text("")).width(iced::Length::FillPortion(
                ((1.0 - share) * 1000.0).max(1.0) as u16
            )),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    });
    container(column(rows).spacing(4).max_width(900))
        .padding(12)
        .style(style::panel)
        .into()
}

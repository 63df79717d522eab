//! Follow stream: all I/O of one fd (one connection for sockets), both
//! directions in order, coloured by direction, like Wireshark's Follow TCP
//! Stream; text or hex; find in payloads (text or hex bytes), in this
//! stream and across the whole capture; the messages the dissectors
//! decoded, beside the bytes, with requests paired to their responses.
//!
//! The stream comes from `scapscope_core::streams` (reassembled off the UI
//! thread by the app). Truncation by the capture's snap length is never
//! hidden: a segment that moved more bytes than the capture holds says how
//! many are missing, right where they are missing.

use std::sync::Arc;

use iced::widget::{
    Column, button, column, container, rich_text, row, scrollable, span, text, text_input,
};
use iced::{Element, Fill, Length, Theme};
use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Direction, Segment, Stream, segment_data};
use scapscope_dissectors::{MessageKind, StreamDissection};

use super::list::hex_lines;
use crate::gui::format;
use crate::gui::search::Found;
use crate::gui::style::{self, MONO};

/// Payload bytes rendered at most (the rest is counted, not drawn: a text
/// widget of megabytes would stall every frame).
const SHOWN_BYTES: usize = 256 * 1024;

/// Segments rendered at most.
const SHOWN_SEGMENTS: usize = 2_000;

/// Message lines and search hits rendered at most.
const SHOWN_LINES: usize = 2_000;

/// One decoded message of the stream, as a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageLine {
    /// Its index in the dissection.
    pub index: usize,
    /// Written by the traced process (`true`) or read.
    pub outbound: bool,
    /// When, relative to the stream's start.
    pub rel_ns: u64,
    /// `http request`, `dns response`…
    pub what: String,
    /// One line.
    pub summary: String,
    /// For a response: the request it answers and the time it took.
    pub answers: Option<(usize, u64)>,
    /// Problems the dissector met in it.
    pub errors: usize,
    /// The event where it starts, when that byte was captured.
    pub event: Option<usize>,
}

/// The lines of a dissection: one per message, responses paired.
pub fn message_lines(stream: &Stream, d: &StreamDissection) -> Vec<MessageLine> {
    let answers: std::collections::HashMap<usize, (usize, u64)> = d
        .pairs()
        .into_iter()
        .map(|p| (p.response, (p.request, p.latency_ns)))
        .collect();
    d.messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let outbound = m.direction == scapscope_dissectors::Direction::Outbound;
            let dir = if outbound {
                Direction::Outbound
            } else {
                Direction::Inbound
            };
            MessageLine {
                index: i,
                outbound,
                rel_ns: m.ts_ns.saturating_sub(stream.first_ts_ns()),
                what: format!(
                    "{} {}",
                    m.protocol,
                    match m.kind {
                        MessageKind::Other => "",
                        k => k.as_str(),
                    }
                )
                .trim_end()
                .to_string(),
                summary: m.summary.clone(),
                answers: answers.get(&i).copied(),
                errors: m.errors.len(),
                event: stream
                    .locate(dir, m.offset)
                    .map(|(k, _)| stream.segments[k].event),
            }
        })
        .collect()
}

/// How payloads are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PayloadMode {
    /// Printable text, other bytes as dots, line breaks kept.
    #[default]
    Text,
    /// Hex and ASCII side by side.
    Hex,
}

/// The followed stream.
#[derive(Debug, Clone)]
pub struct Follow {
    stream: Stream,
    snapshot: Arc<Snapshot>,
    /// The event the user followed from (its segment is marked).
    event: usize,
    mode: PayloadMode,
    find: String,
    /// The stream's dissection, or why there is none.
    dissection: Result<Arc<StreamDissection>, String>,
    /// Its messages as lines.
    lines: Vec<MessageLine>,
    /// Whether the messages show beside the bytes.
    show_messages: bool,
    /// Bumped by every search; results of another are dropped.
    find_generation: u64,
    /// Whether a search runs.
    finding: bool,
    /// The latest search's results.
    found: Option<Found>,
}

/// What the screen reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// Text or hex.
    ModeChosen(PayloadMode),
    /// The find text changed.
    FindEdited(String),
    /// A segment's header, a message or a search hit was clicked: show
    /// this event.
    SegmentClicked(usize),
    /// The messages pane was shown or hidden.
    MessagesToggled,
    /// Enter in the find box: search this stream and all payloads.
    FindSubmitted,
    /// The screen was closed.
    Closed,
}

/// What the app should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Select this event in the syscall list and show it.
    ShowEvent(usize),
    /// Close the screen.
    Close,
    /// Search every payload for these bytes (off the UI thread), as
    /// search `generation` of stream `stream`.
    Find {
        /// The search's number.
        generation: u64,
        /// The bytes.
        needle: Vec<u8>,
        /// The followed stream.
        stream: usize,
    },
}

/// A search: bytes to look for.
pub fn needle(find: &str) -> Option<Vec<u8>> {
    let f = find.trim();
    if f.is_empty() {
        return None;
    }
    // `hex: 48 54 54 50` or `0x48545450` searches bytes; anything else is
    // text.
    let hex = f
        .strip_prefix("hex:")
        .or_else(|| f.strip_prefix("0x"))
        .map(|h| h.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    if let Some(h) = hex
        && h.len() % 2 == 0
        && !h.is_empty()
        && let Some(bytes) = (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()
    {
        return Some(bytes);
    }
    Some(find.as_bytes().to_vec())
}

/// Start offsets of `needle` in `hay` (non-overlapping).
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || hay.len() < needle.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// A payload as text: printable ASCII kept, line breaks kept (a CR shows
/// as a space, as in Wireshark's follow view), other bytes as dots (one
/// character per byte, so byte offsets are char offsets).
pub fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'\n' => '\n',
            b'\t' => '\t',
            b'\r' => ' ',
            b if b.is_ascii_graphic() || b == b' ' => char::from(b),
            _ => '.',
        })
        .collect()
}

impl Follow {
    /// Follows `stream` of `snapshot`, opened from event `event`.
    pub fn new(
        stream: Stream,
        snapshot: Arc<Snapshot>,
        event: usize,
        dissection: Result<Arc<StreamDissection>, String>,
    ) -> Follow {
        let lines = match &dissection {
            Ok(d) => message_lines(&stream, d),
            Err(_) => Vec::new(),
        };
        Follow {
            show_messages: !lines.is_empty(),
            stream,
            snapshot,
            event,
            mode: PayloadMode::default(),
            find: String::new(),
            dissection,
            lines,
            find_generation: 0,
            finding: false,
            found: None,
        }
    }

    /// The followed stream's id (in its snapshot's reassembly).
    pub fn stream_id(&self) -> usize {
        self.stream.id
    }

    /// The event it was followed from.
    pub fn event(&self) -> usize {
        self.event
    }

    /// The decoded messages as lines.
    #[cfg(test)]
    pub fn lines(&self) -> &[MessageLine] {
        &self.lines
    }

    /// The latest search's results.
    #[cfg(test)]
    pub fn found(&self) -> Option<&Found> {
        self.found.as_ref()
    }

    /// Takes a search's results (dropped when another search started
    /// since, or when they are for another stream).
    pub fn set_found(&mut self, f: Found) {
        if f.generation == self.find_generation && f.stream == self.stream.id {
            self.finding = false;
            self.found = Some(f);
        }
    }

    /// The stream.
    #[cfg(test)]
    pub fn stream(&self) -> &Stream {
        &self.stream
    }

    /// Handles a message.
    pub fn update(&mut self, m: Message) -> Action {
        match m {
            Message::ModeChosen(mode) => self.mode = mode,
            Message::FindEdited(f) => self.find = f,
            Message::FindSubmitted => {
                let Some(n) = needle(&self.find) else {
                    self.found = None;
                    return Action::None;
                };
                self.find_generation += 1;
                self.finding = true;
                return Action::Find {
                    generation: self.find_generation,
                    needle: n,
                    stream: self.stream.id,
                };
            }
            Message::MessagesToggled => self.show_messages = !self.show_messages,
            Message::SegmentClicked(event) => return Action::ShowEvent(event),
            Message::Closed => return Action::Close,
        }
        Action::None
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let s = &self.stream;
        let info = &s.info;
        let title = format!(
            "{} {} (pid {}) fd {}  {}",
            info.transport.as_str(),
            info.comm,
            info.pid,
            info.fd_num,
            info.name
        );
        let facts = format!(
            "{} segments{} · out {} of {} captured · in {} of {} captured · {} gaps · {}",
            format::grouped(s.segments.len() as u64),
            if s.datagrams { " (datagrams)" } else { "" },
            format::bytes(s.captured_bytes(Direction::Outbound)),
            format::bytes(s.real_bytes(Direction::Outbound)),
            format::bytes(s.captured_bytes(Direction::Inbound)),
            format::bytes(s.real_bytes(Direction::Inbound)),
            s.gaps(),
            format::duration_ns(s.last_ts_ns().saturating_sub(s.first_ts_ns())),
        );
        let mode_button = |label: &'static str, mode: PayloadMode| {
            button(text(label).size(13))
                .on_press(Message::ModeChosen(mode))
                .padding([2, 10])
                .style(style::tab(self.mode == mode))
        };
        let searched = self
            .found
            .as_ref()
            .filter(|f| needle(&self.find).is_some_and(|n| n == f.needle));
        let find_note = if self.finding {
            "searching…".to_string()
        } else if let Some(f) = searched {
            format!(
                "found in {} segments of this stream · {} events in {} streams of the capture",
                format::grouped(f.in_stream.len() as u64),
                format::grouped(f.total_events as u64),
                format::grouped(f.streams as u64),
            )
        } else if self.find.trim().is_empty() {
            String::new()
        } else {
            "Enter: find in this stream and in all payloads".to_string()
        };
        let toolbar = row![
            mode_button("Text", PayloadMode::Text),
            mode_button("Hex", PayloadMode::Hex),
            button(text("Messages").size(13))
                .on_press(Message::MessagesToggled)
                .padding([2, 10])
                .style(style::tab(self.show_messages)),
            text_input("find text, or hex: 48 54 54 50", &self.find)
                .on_input(Message::FindEdited)
                .on_submit(Message::FindSubmitted)
                .font(MONO)
                .size(13)
                .padding([2, 6])
                .width(320),
            text(find_note).size(12),
            iced::widget::space::horizontal(),
            button(text("Close").size(13))
                .on_press(Message::Closed)
                .padding([2, 10]),
        ]
        .spacing(8)
        .align_y(iced::Center);

        // Highlights follow the submitted search, not each keystroke.
        let needle = searched.map(|f| f.needle.as_slice());
        let mut body: Column<'_, Message> = column![].spacing(4);
        let mut budget = SHOWN_BYTES;
        let mut shown = 0;
        for seg in &s.segments {
            if shown == SHOWN_SEGMENTS || budget == 0 {
                break;
            }
            let data = segment_data(&self.snapshot, seg);
            let take = data.len().min(budget);
            budget -= take;
            shown += 1;
            body = body.push(self.segment_view(seg, &data[..take], data.len(), needle));
        }
        if shown < s.segments.len() {
            body = body.push(
                text(format!(
                    "… {} more segments not drawn (the first {} of payload are shown)",
                    format::grouped((s.segments.len() - shown) as u64),
                    format::bytes(SHOWN_BYTES as u64)
                ))
                .size(13),
            );
        }
        let bytes = scrollable(body).height(Fill).width(Fill);
        let main: Element<'_, Message> = if self.show_messages {
            row![
                container(self.messages_view()).width(Length::FillPortion(2)),
                container(bytes).width(Length::FillPortion(3)),
            ]
            .spacing(8)
            .height(Fill)
            .into()
        } else {
            bytes.into()
        };
        let mut page = column![
            text(title).size(16).font(MONO),
            text(facts).size(12),
            toolbar,
        ]
        .spacing(6);
        if let Some(f) = searched.filter(|f| !f.across.is_empty()) {
            page = page.push(hits_view(f));
        }
        page.push(main).into()
    }

    /// The decoded messages, one line each, responses with their request
    /// and latency; a click shows the event where the message starts.
    fn messages_view(&self) -> Element<'_, Message> {
        let dim = |t: &Theme| text::Style {
            color: Some(style::dim(t)),
        };
        let err = |t: &Theme| text::Style {
            color: Some(style::error(t)),
        };
        let mut col: Column<'_, Message> = column![].spacing(1);
        match &self.dissection {
            Err(e) => col = col.push(text(e.clone()).size(12).style(err)),
            Ok(d) => {
                let pairs = self.lines.iter().filter(|l| l.answers.is_some()).count();
                let head = match &d.plugin {
                    Some(p) => format!(
                        "{p}: {} messages, {} request/response pairs",
                        format::grouped(self.lines.len() as u64),
                        format::grouped(pairs as u64)
                    ),
                    None => crate::gui::decode::choice_text(None, d.choice),
                };
                col = col.push(text(head).size(13));
                for reason in &d.disabled {
                    col = col.push(text(format!("⚠ {reason}")).size(12).style(err));
                }
            }
        }
        for l in self.lines.iter().take(SHOWN_LINES) {
            let arrow = if l.outbound { "→" } else { "←" };
            let mut line = format!(
                "{arrow} +{:<10} {:<14} {}",
                format::duration_ns(l.rel_ns),
                l.what,
                l.summary
            );
            if let Some((req, latency)) = l.answers {
                line.push_str(&format!("  [{} ↩ #{req}]", format::duration_ns(latency)));
            }
            match l.errors {
                0 => {}
                1 => line.push_str("  ! 1 problem"),
                n => line.push_str(&format!("  ! {n} problems")),
            }
            let out = l.outbound;
            col = col.push(
                button(
                    // Long summaries (URLs, queries) wrap inside the pane
                    // rather than being cut at its edge.
                    text(line)
                        .size(12)
                        .font(MONO)
                        .width(Fill)
                        .wrapping(text::Wrapping::WordOrGlyph)
                        .style(move |t: &Theme| text::Style {
                            color: Some(if out {
                                style::accent(t)
                            } else {
                                t.extended_palette().background.base.text
                            }),
                        }),
                )
                .on_press_maybe(l.event.map(Message::SegmentClicked))
                .width(Fill)
                .padding([0, 4])
                .style(button::text),
            );
        }
        if self.lines.len() > SHOWN_LINES {
            col = col.push(
                text(format!(
                    "… {} more messages",
                    format::grouped((self.lines.len() - SHOWN_LINES) as u64)
                ))
                .size(12)
                .style(dim),
            );
        }
        container(scrollable(col.padding(6)).height(Fill).width(Fill))
            .style(style::panel)
            .height(Fill)
            .into()
    }

    fn segment_view<'a>(
        &'a self,
        seg: &Segment,
        data: &[u8],
        captured: usize,
        needle: Option<&[u8]>,
    ) -> Element<'a, Message> {
        let out = seg.direction == Direction::Outbound;
        let arrow = if out { "→ out" } else { "← in " };
        let mut head = format!(
            "{arrow}  {} bytes  +{}  tid {}",
            format::grouped(seg.real_len_bytes),
            format::duration_ns(seg.ts_ns.saturating_sub(self.stream.first_ts_ns())),
            seg.tid
        );
        if seg.gap_bytes() > 0 {
            head.push_str(&format!(
                "  · {} of {} bytes captured: {} missing after them",
                format::grouped(u64::from(seg.captured_len_bytes)),
                format::grouped(seg.real_len_bytes),
                format::grouped(seg.gap_bytes())
            ));
        }
        if captured > data.len() {
            head.push_str(&format!(
                "  · {} bytes not drawn",
                format::grouped((captured - data.len()) as u64)
            ));
        }
        if seg.event == self.event {
            head.push_str("  ◀ followed from here");
        }
        let colour = move |t: &Theme| {
            if out {
                style::accent(t)
            } else {
                style::spark(t)
            }
        };
        let header = button(
            text(head)
                .size(12)
                .font(MONO)
                .style(move |t: &Theme| text::Style {
                    color: Some(colour(t)),
                }),
        )
        .on_press(Message::SegmentClicked(seg.event))
        .padding([1, 4])
        .style(button::text);
        let content: String = match self.mode {
            PayloadMode::Text => printable(data),
            PayloadMode::Hex => hex_lines(data).join("\n"),
        };
        let hits = match (needle, self.mode) {
            (Some(n), PayloadMode::Text) => find_all(data, n)
                .into_iter()
                .map(|i| (i, i + n.len()))
                .collect(),
            // In hex mode a match is found but not painted cell by cell.
            _ => Vec::new(),
        };
        let body = highlighted(content, &hits, out);
        container(column![header, body].spacing(1))
            .padding([2, 6])
            .width(Fill)
            .into()
    }
}

/// The events of the whole capture whose payload matched: a click shows
/// one in the syscall list.
fn hits_view(f: &Found) -> Element<'_, Message> {
    let mut col: Column<'_, Message> = column![
        text(format!(
            "In all payloads: {} events in {} streams{}",
            format::grouped(f.total_events as u64),
            format::grouped(f.streams as u64),
            if f.total_events > f.across.len() {
                format!(
                    " (the first {} listed)",
                    format::grouped(f.across.len() as u64)
                )
            } else {
                String::new()
            }
        ))
        .size(13)
    ]
    .spacing(1);
    for h in f.across.iter().take(SHOWN_LINES) {
        let here = if h.stream == f.stream { "●" } else { " " };
        let arrow = if h.outbound { "→" } else { "←" };
        col = col.push(
            button(
                text(format!(
                    "{here} #{:<8} {arrow} {} ({}) {}  ×{}",
                    h.event, h.process, h.pid, h.fd_name, h.matches
                ))
                .size(12)
                .font(MONO)
                .wrapping(text::Wrapping::None),
            )
            .on_press(Message::SegmentClicked(h.event))
            .padding([0, 4])
            .style(button::text),
        );
    }
    container(scrollable(col.padding(6)).width(Fill))
        .max_height(180)
        .style(style::panel)
        .into()
}

/// `content` with the byte ranges `hits` highlighted (text mode: one
/// character per byte), coloured by direction.
fn highlighted<'a>(content: String, hits: &[(usize, usize)], out: bool) -> Element<'a, Message> {
    let mut spans = Vec::new();
    let mut at = 0;
    let chars: Vec<char> = content.chars().collect();
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for &(a, b) in hits {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a > at {
            spans.push((piece(at, a), false));
        }
        spans.push((piece(a, b), true));
        at = b;
    }
    if at < chars.len() {
        spans.push((piece(at, chars.len()), false));
    }
    let spans: Vec<_> = spans
        .into_iter()
        .map(|(s, hit)| {
            let sp: text::Span<'_, ()> = span(s).font(MONO).size(13.0);
            if hit {
                sp.background(iced::Color::from_rgba(1.0, 0.85, 0.2, 0.55))
            } else {
                sp
            }
        })
        .collect();
    let tint = move |t: &Theme| text::Style {
        color: Some(if out {
            style::accent(t)
        } else {
            t.extended_palette().background.base.text
        }),
    };
    rich_text(spans).font(MONO).style(tint).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_text_and_hex() {
        assert_eq!(find_all(b"GET / HTTP/1.1 HTTP", b"HTTP"), vec![6, 15]);
        assert_eq!(find_all(b"aaaa", b"aa"), vec![0, 2]);
        assert!(find_all(b"ab", b"abc").is_empty());
        assert_eq!(needle("hex: 48 54"), Some(b"HT".to_vec()));
        assert_eq!(needle("0x4854"), Some(b"HT".to_vec()));
        assert_eq!(needle("0xZZ"), Some(b"0xZZ".to_vec()), "not hex: text");
        assert_eq!(needle("  "), None);
    }

    #[test]
    fn a_stale_search_is_dropped() {
        let snap = scapscope_core::store::load_blocking(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::default(),
        )
        .unwrap();
        let streams = scapscope_core::streams::reassemble(&snap, None);
        let s = streams.streams[0].clone();
        let mut f = Follow::new(s.clone(), snap, s.segments[0].event, Err("none".into()));
        assert!(f.lines().is_empty());
        f.update(Message::FindEdited("x".into()));
        let gen_of = |a: Action| match a {
            Action::Find { generation, .. } => generation,
            other => panic!("{other:?}"),
        };
        let first = gen_of(f.update(Message::FindSubmitted));
        let second = gen_of(f.update(Message::FindSubmitted));
        let result = |generation| Found {
            generation,
            needle: b"x".to_vec(),
            stream: s.id,
            in_stream: vec![0],
            across: Vec::new(),
            total_events: 1,
            streams: 1,
            superseded: false,
        };
        f.set_found(result(first));
        assert!(f.found().is_none(), "an older search");
        f.set_found(result(second));
        assert_eq!(f.found().unwrap().in_stream, vec![0]);
        f.update(Message::FindEdited("  ".into()));
        assert_eq!(f.update(Message::FindSubmitted), Action::None);
        assert!(f.found().is_none(), "an empty search clears the results");
    }

    #[test]
    fn printable_keeps_one_char_per_byte() {
        let p = printable(b"ok\r\n\x00\xffz");
        assert_eq!(p, "ok \n..z");
        assert_eq!(p.chars().count(), 7);
    }
}

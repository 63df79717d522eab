//! Follow stream: all I/O of one fd (one connection for sockets), both
//! directions in order, coloured by direction, like Wireshark's Follow TCP
//! Stream; text or hex; find in payloads (text or hex bytes).
//!
//! The stream comes from `scapscope_core::streams` (reassembled off the UI
//! thread by the app). Truncation by the capture's snap length is never
//! hidden: a segment that moved more bytes than the capture holds says how
//! many are missing, right where they are missing.

use std::sync::Arc;

use iced::widget::{
    Column, button, column, container, rich_text, row, scrollable, span, text, text_input,
};
use iced::{Element, Fill, Theme};
use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Direction, Segment, Stream, segment_data};

use super::list::hex_lines;
use crate::gui::format;
use crate::gui::style::{self, MONO};

/// Payload bytes rendered at most (the rest is counted, not drawn: a text
/// widget of megabytes would stall every frame).
const SHOWN_BYTES: usize = 256 * 1024;

/// Segments rendered at most.
const SHOWN_SEGMENTS: usize = 2_000;

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
}

/// What the screen reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// Text or hex.
    ModeChosen(PayloadMode),
    /// The find text changed.
    FindEdited(String),
    /// A segment's header was clicked.
    SegmentClicked(usize),
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
}

/// A search: bytes to look for.
fn needle(find: &str) -> Option<Vec<u8>> {
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
    pub fn new(stream: Stream, snapshot: Arc<Snapshot>, event: usize) -> Follow {
        Follow {
            stream,
            snapshot,
            event,
            mode: PayloadMode::default(),
            find: String::new(),
        }
    }

    /// The stream.
    #[cfg(test)]
    pub fn stream(&self) -> &Stream {
        &self.stream
    }

    /// Segments whose payload contains the find text.
    pub fn matching_segments(&self) -> Vec<usize> {
        let Some(n) = needle(&self.find) else {
            return Vec::new();
        };
        self.stream
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| !find_all(segment_data(&self.snapshot, s), &n).is_empty())
            .map(|(k, _)| k)
            .collect()
    }

    /// Handles a message.
    pub fn update(&mut self, m: Message) -> Action {
        match m {
            Message::ModeChosen(mode) => self.mode = mode,
            Message::FindEdited(f) => self.find = f,
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
        let matches = self.matching_segments();
        let mode_button = |label: &'static str, mode: PayloadMode| {
            button(text(label).size(13))
                .on_press(Message::ModeChosen(mode))
                .padding([2, 10])
                .style(style::tab(self.mode == mode))
        };
        let toolbar = row![
            mode_button("Text", PayloadMode::Text),
            mode_button("Hex", PayloadMode::Hex),
            text_input("find text, or hex: 48 54 54 50", &self.find)
                .on_input(Message::FindEdited)
                .font(MONO)
                .size(13)
                .padding([2, 6])
                .width(320),
            text(if self.find.trim().is_empty() {
                String::new()
            } else {
                format!("found in {} segments", matches.len())
            })
            .size(12),
            iced::widget::space::horizontal(),
            button(text("Close").size(13))
                .on_press(Message::Closed)
                .padding([2, 10]),
        ]
        .spacing(8)
        .align_y(iced::Center);

        let needle = needle(&self.find);
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
            body = body.push(self.segment_view(seg, &data[..take], data.len(), needle.as_deref()));
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
        column![
            text(title).size(16).font(MONO),
            text(facts).size(12),
            toolbar,
            scrollable(body).height(Fill).width(Fill),
        ]
        .spacing(6)
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
    fn printable_keeps_one_char_per_byte() {
        let p = printable(b"ok\r\n\x00\xffz");
        assert_eq!(p, "ok \n..z");
        assert_eq!(p.chars().count(), 7);
    }
}

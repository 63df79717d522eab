//! The details pane of the selected event: where and when, its thread and
//! fd, every parameter decoded with its name, and the payload of I/O
//! events as hex and ASCII side by side.

use std::ops::Range;

use iced::widget::{
    Column, button, column, container, pick_list, rich_text, row, scrollable, span, text,
};
use iced::{Element, Fill, Theme};
use scapscope_core::decode::{self, SockAddr, SockTuple, Value};
use scapscope_core::format::event::EventRecord;
use scapscope_core::render;
use scapscope_core::schema::{self, ParamType};
use scapscope_core::state::State;
use scapscope_core::store::Snapshot;

use super::{Message, result_text};
use crate::gui::decode::Decoded;
use crate::gui::format;
use crate::gui::screen::stream::PayloadMode;
use crate::gui::style::{self, MONO};

/// Bytes of payload shown before "… more".
const PAYLOAD_SHOWN: usize = 4096;

/// Bytes per payload line.
const HEX_WIDTH: usize = 16;

/// One decoded parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Its name in the event table.
    pub name: String,
    /// Its value as sysdig prints it (`RAW(RESOLVED)`).
    pub value: String,
    /// Its bytes when it is a buffer (shown as a payload).
    pub payload: Option<Vec<u8>>,
}

/// Every parameter of `rec`, named and decoded. Parameters that sysdig
/// 0.29.3 shows render as sysdig prints them (flag and errno names); the
/// others (newer tables) decode by type.
pub fn params(rec: &EventRecord<'_>, state: &State) -> Vec<Param> {
    (0..rec.nparams())
        .map(|i| {
            let bytes = rec.param(i).unwrap_or_default();
            let desc = render::sysdig_param_desc(rec.event_type, i)
                .or_else(|| rec.desc().params.get(i).copied());
            let name = desc.map_or_else(|| format!("param{i}"), |d| d.name.to_string());
            let is_buffer = desc.is_some_and(|d| d.ty == ParamType::Bytebuf);
            let value = if is_buffer {
                format!("{} bytes", format::grouped(bytes.len() as u64))
            } else if let Some((raw, resolved)) = render::render_param(rec, i, rec.tid, state) {
                if resolved.is_empty() {
                    raw
                } else {
                    format!("{raw} ({resolved})")
                }
            } else if let Some(d) = desc {
                value_text(&decode::decode(&d, bytes))
            } else {
                format!("{} bytes", bytes.len())
            };
            Param {
                name,
                value,
                payload: (is_buffer && !bytes.is_empty()).then(|| bytes.to_vec()),
            }
        })
        .collect()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sockaddr_text(a: &SockAddr<'_>) -> String {
    match a {
        SockAddr::Other(f) => format!("family {f}"),
        SockAddr::V4(ip, port) => format!("{ip}:{port}"),
        SockAddr::V6(ip, port) => format!("[{ip}]:{port}"),
        SockAddr::Unix(p) => lossy(p),
    }
}

/// A decoded value as text (for parameters sysdig 0.29.3 does not know).
fn value_text(v: &Value<'_>) -> String {
    match v {
        Value::Empty => "NULL".into(),
        Value::Int(n) => n.to_string(),
        Value::Uint(n) => n.to_string(),
        Value::Double(x) => x.to_string(),
        Value::Str(s) => lossy(s),
        Value::Bytes(b) => format!("{} bytes", b.len()),
        Value::SockAddr(a) => sockaddr_text(a),
        Value::SockTuple(t) => match t {
            SockTuple::Other(f) => format!("family {f}"),
            SockTuple::V4 {
                sip,
                sport,
                dip,
                dport,
            } => format!("{sip}:{sport}->{dip}:{dport}"),
            SockTuple::V6 {
                sip,
                sport,
                dip,
                dport,
            } => format!("[{sip}]:{sport}->[{dip}]:{dport}"),
            SockTuple::Unix { source, dest, path } => {
                format!("{source:x}->{dest:x} {}", lossy(path))
            }
        },
        Value::FdList(l) => l
            .iter()
            .map(|(fd, fl)| format!("{fd}:{fl:x}"))
            .collect::<Vec<_>>()
            .join(" "),
        Value::Ip(ip) => ip.to_string(),
        Value::Dyn(_, inner) => value_text(inner),
        Value::Malformed(b) => format!("malformed ({} bytes)", b.len()),
    }
}

/// A hex dump: offset, 16 bytes in hex (two groups of 8), the same bytes
/// as ASCII with non-printables as dots.
pub fn hex_lines(bytes: &[u8]) -> Vec<String> {
    bytes
        .chunks(HEX_WIDTH)
        .enumerate()
        .map(|(k, chunk)| {
            let mut line = format!("{:06x}  ", k * HEX_WIDTH);
            for j in 0..HEX_WIDTH {
                match chunk.get(j) {
                    Some(b) => line.push_str(&format!("{b:02x} ")),
                    None => line.push_str("   "),
                }
                if j == 7 {
                    line.push(' ');
                }
            }
            line.push(' ');
            line.extend(chunk.iter().map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    char::from(b)
                } else {
                    '.'
                }
            }));
            line
        })
        .collect()
}

/// The payload as `mode` shows it, cut into runs of text that are inside
/// `highlight` (byte offsets) or not. The runs joined are exactly the
/// plain dump ([`hex_lines`] joined by line breaks, or the printable
/// text); in hex both the hex cells and the ASCII column of a highlighted
/// byte are inside.
pub fn highlighted_runs(
    bytes: &[u8],
    mode: PayloadMode,
    highlight: Option<&Range<usize>>,
) -> Vec<(String, bool)> {
    let lit = |i: usize| highlight.is_some_and(|r| r.contains(&i));
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, on: bool| match runs.last_mut() {
        Some((t, o)) if *o == on => t.push_str(s),
        _ => runs.push((s.to_string(), on)),
    };
    match mode {
        PayloadMode::Text => {
            let text = crate::gui::screen::stream::printable(bytes);
            // One char per byte (see `printable`).
            for (i, c) in text.chars().enumerate() {
                push(c.encode_utf8(&mut [0; 4]), lit(i));
            }
        }
        PayloadMode::Hex => {
            for (k, chunk) in bytes.chunks(HEX_WIDTH).enumerate() {
                let base = k * HEX_WIDTH;
                if k > 0 {
                    push("\n", false);
                }
                push(&format!("{base:06x}  "), false);
                for j in 0..HEX_WIDTH {
                    match chunk.get(j) {
                        Some(b) => push(&format!("{b:02x}"), lit(base + j)),
                        None => push("  ", false),
                    }
                    // The gap between two highlighted bytes is highlighted
                    // too, so a field reads as one block.
                    let joined = j + 1 < chunk.len() && lit(base + j) && lit(base + j + 1);
                    push(if j == 7 { "  " } else { " " }, joined);
                }
                push(" ", false);
                for (j, &b) in chunk.iter().enumerate() {
                    let c = if b.is_ascii_graphic() || b == b' ' {
                        char::from(b)
                    } else {
                        '.'
                    };
                    push(c.encode_utf8(&mut [0; 4]), lit(base + j));
                }
            }
        }
    }
    runs
}

/// Runs of text drawn with the highlighted ones on a marker background.
fn runs_view<'a>(runs: Vec<(String, bool)>) -> Element<'a, Message> {
    let spans: Vec<text::Span<'_, ()>> = runs
        .into_iter()
        .map(|(s, on)| {
            let sp = span(s).font(MONO).size(12.0);
            if on {
                sp.background(iced::Color::from_rgba(1.0, 0.8, 0.1, 0.55))
            } else {
                sp
            }
        })
        .collect();
    rich_text(spans)
        .font(MONO)
        .size(12)
        .wrapping(text::Wrapping::None)
        .into()
}

/// What the pane knows about the decoded payload of its event.
#[derive(Debug, Clone)]
pub struct Decoding<'a> {
    /// Hex or text.
    pub mode: PayloadMode,
    /// The decoded payload, once a worker sent it.
    pub decoded: Option<&'a Result<Option<Decoded>, String>>,
    /// The selected field: (message position, field index).
    pub field: Option<(usize, usize)>,
    /// The selected field's bytes in the payload.
    pub highlight: Option<Range<usize>>,
}

/// The message tree of a decoded payload: per message its protocol,
/// summary and problems, then its fields, indented by depth; fields whose
/// bytes lie in this payload can be clicked to highlight them.
fn decoded_view<'a>(d: &'a Decoded, selected: Option<(usize, usize)>) -> Column<'a, Message> {
    let dim = |t: &Theme| text::Style {
        color: Some(style::dim(t)),
    };
    let err = |t: &Theme| text::Style {
        color: Some(style::error(t)),
    };
    let choices: Vec<String> = std::iter::once(super::AUTOMATIC.to_string())
        .chain(d.plugins.iter().cloned())
        .collect();
    let current = if d.forced {
        d.plugin.clone()
    } else {
        Some(super::AUTOMATIC.to_string())
    };
    let stream = d.stream;
    let mut col = column![
        field("dissector", d.choice.clone()),
        row![
            label("decode as"),
            pick_list(choices, current, move |p| Message::DecodeAs(stream, p))
                .text_size(12)
                .padding([1, 6]),
        ]
        .spacing(8)
        .align_y(iced::Center),
    ]
    .spacing(2);
    for reason in &d.disabled {
        col = col.push(text(format!("⚠ {reason}")).size(12).style(err));
    }
    if d.plugin.is_some() && d.messages.is_empty() {
        col = col.push(
            text("no message starts or continues in this payload")
                .size(12)
                .style(dim),
        );
    }
    for (mi, m) in d.messages.iter().enumerate() {
        let latency = m
            .latency_ns
            .map(|l| format!("  [{}]", format::duration_ns(l)))
            .unwrap_or_default();
        col = col.push(
            row![
                text(format!("{} {}", m.protocol, m.kind))
                    .size(12)
                    .font(MONO)
                    .style(|t: &Theme| text::Style {
                        color: Some(style::accent(t)),
                    }),
                text(format!("{}{latency}", m.summary))
                    .size(13)
                    .font(MONO)
                    .wrapping(text::Wrapping::WordOrGlyph)
                    .width(Fill),
            ]
            .spacing(8),
        );
        for e in &m.errors {
            col = col.push(text(format!("  ! {e}")).size(12).font(MONO).style(err));
        }
        for (fi, f) in m.fields.iter().enumerate() {
            let indent = "  ".repeat(usize::from(f.depth) + 1);
            let line = if f.value.is_empty() {
                format!("{indent}{}", f.name)
            } else {
                format!("{indent}{}: {}", f.name, f.value)
            };
            let here = f.range.is_some();
            let label = text(line)
                .size(12)
                .font(MONO)
                .wrapping(text::Wrapping::WordOrGlyph);
            let label = if here { label } else { label.style(dim) };
            col = col.push(
                button(label)
                    .on_press_maybe(here.then_some(Message::FieldSelected(mi, fi)))
                    .padding([0, 4])
                    .width(Fill)
                    .style({
                        let on = selected == Some((mi, fi));
                        move |t: &Theme, st| {
                            if on {
                                style::tab(true)(t, st)
                            } else {
                                button::text(t, st)
                            }
                        }
                    }),
            );
        }
        if m.more_fields > 0 {
            col = col.push(
                text(format!(
                    "  … {} more fields",
                    format::grouped(m.more_fields as u64)
                ))
                .size(12)
                .style(dim),
            );
        }
    }
    col
}

fn label<'a>(s: &'a str) -> Element<'a, Message> {
    text(s)
        .size(13)
        .width(96)
        .style(|t: &Theme| text::Style {
            color: Some(style::dim(t)),
        })
        .into()
}

fn field<'a>(name: &'a str, value: String) -> Element<'a, Message> {
    row![
        label(name),
        text(value)
            .size(13)
            .font(MONO)
            .wrapping(text::Wrapping::WordOrGlyph)
            .width(Fill)
    ]
    .spacing(8)
    .into()
}

fn heading<'a>(s: &'a str) -> Element<'a, Message> {
    text(s)
        .size(14)
        .style(|t: &Theme| text::Style {
            color: Some(style::accent(t)),
        })
        .into()
}

/// A filter value as sysdig's syntax needs it: bare when it is one word,
/// quoted otherwise.
pub fn filter_value(v: &str) -> String {
    let bare = !v.is_empty()
        && !v.chars().any(|c| {
            c.is_whitespace() || matches!(c, '(' | ')' | ',' | '"' | '\'' | '=' | '<' | '>' | '!')
        });
    if bare {
        v.to_string()
    } else if !v.contains('"') {
        format!("\"{v}\"")
    } else {
        format!("'{v}'")
    }
}

/// Clauses a click on the selected event can add to the filter.
pub fn filter_clauses(r: &scapscope_core::store::Row<'_>, type_name: &str) -> Vec<String> {
    let mut v = vec![format!("evt.type={}", filter_value(type_name))];
    if let Some(t) = r.thread {
        v.push(format!("proc.name={}", filter_value(&t.comm)));
        v.push(format!("proc.pid={}", t.pid));
    }
    v.push(format!("thread.tid={}", r.tid));
    if let Some(f) = r.fd.filter(|f| !f.name.is_empty()) {
        v.push(format!("fd.name={}", filter_value(&f.name)));
    }
    if r.res.is_some_and(|res| res < 0) {
        v.push("evt.failed=true".to_string());
    }
    // Event types newer than sysdig 0.29.3's table cannot be filtered on.
    v.retain(|c| scapscope_core::filter::Filter::parse(c).is_ok());
    v
}

/// The pane for event `i` of `snap`.
pub fn view<'a>(
    snap: &'a Snapshot,
    i: usize,
    offset_s: i64,
    decoding: Decoding<'a>,
) -> Element<'a, Message> {
    let mode = decoding.mode;
    let Some(r) = snap.row(i) else {
        return text("").into();
    };
    let rec = snap.record(i);
    let state = State::for_event(r.thread, r.fd_num.zip(r.fd));
    let type_name = rec.as_ref().map_or_else(
        || render::sysdig_event_name(r.event_type).to_string(),
        render::event_type_name,
    );
    let dir = if schema::is_enter(r.event_type) {
        "enter >"
    } else {
        "exit <"
    };
    let title = row![
        text(format!("{type_name}  {dir}")).size(18).width(Fill),
        button(text("Close").size(13))
            .on_press(Message::DetailsClosed)
            .padding([2, 8]),
    ]
    .align_y(iced::Center);

    let mut body: Column<'_, Message> = column![title].spacing(6);
    let clauses = filter_clauses(&r, &type_name);
    if !clauses.is_empty() {
        let chips = clauses.into_iter().map(|c| {
            button(text(c.clone()).size(12).font(MONO))
                .on_press(Message::FilterClause(c))
                .padding([1, 6])
                .style(button::secondary)
                .into()
        });
        body = body.push(
            row![label("filter on"), row(chips).spacing(4).wrap()]
                .spacing(8)
                .align_y(iced::Center),
        );
    }
    let params = rec
        .as_ref()
        .map(|rec| params(rec, &state))
        .unwrap_or_default();
    // The payload first: for an I/O event it is what the user came for.
    if r.len_bytes.is_some() {
        body = body.push(heading("Decoded"));
        body = match decoding.decoded {
            None => body.push(text("decoding…").size(12)),
            Some(Ok(None)) => body.push(text("this event belongs to no stream").size(12)),
            Some(Err(e)) => body.push(text(e.clone()).size(12).style(|t: &Theme| text::Style {
                color: Some(style::error(t)),
            })),
            Some(Ok(Some(d))) => body.push(decoded_view(d, decoding.field)),
        };
    }

    for p in params.iter().filter(|p| p.payload.is_some()) {
        let bytes = p.payload.as_deref().unwrap_or_default();
        let mode_button = |label: &'static str, m: PayloadMode| {
            button(text(label).size(12))
                .on_press(Message::PayloadModeChosen(m))
                .padding([1, 8])
                .style(style::tab(mode == m))
        };
        body = body.push(
            row![
                heading("Payload"),
                mode_button("Hex", PayloadMode::Hex),
                mode_button("Text", PayloadMode::Text),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        let moved = r.len_bytes.map(u64::from);
        let captured = bytes.len() as u64;
        let note = match moved {
            Some(m) if m > captured => format!(
                "{}: {} of {} bytes captured (truncated by the snap length)",
                p.name,
                format::grouped(captured),
                format::grouped(m)
            ),
            _ => format!("{}: {} bytes", p.name, format::grouped(captured)),
        };
        body = body.push(text(note).size(12).style(|t: &Theme| text::Style {
            color: Some(style::dim(t)),
        }));
        let shown = &bytes[..bytes.len().min(PAYLOAD_SHOWN)];
        body = body.push(
            container(runs_view(highlighted_runs(
                shown,
                mode,
                decoding.highlight.as_ref(),
            )))
            .padding(8)
            .width(Fill)
            .style(style::panel),
        );
        if bytes.len() > shown.len() {
            body = body.push(
                text(format!(
                    "… {} more bytes not shown",
                    format::grouped((bytes.len() - shown.len()) as u64)
                ))
                .size(12),
            );
        }
    }

    body = body.push(heading("Event"));
    body = body.push(field(
        "number",
        match r.num {
            Some(n) => format!("{n}  (index {i})"),
            None => format!("not numbered by sysdig  (index {i})"),
        },
    ));
    body = body.push(field(
        "time",
        format!(
            "{}  ({})",
            format::time_of_day(r.ts_ns, offset_s),
            format::date_time_utc(r.ts_ns)
        ),
    ));
    body = body.push(field("ts (ns)", r.ts_ns.to_string()));
    body = body.push(field("cpu", r.cpu.to_string()));
    if let Some(res) = r.res {
        body = body.push(field("result", result_text(res)));
    }
    if r.hidden {
        body = body.push(field("note", "hidden by sysdig's default output".into()));
    }

    body = body.push(heading("Thread"));
    match r.thread {
        Some(t) => {
            body = body.push(field("process", format!("{} (pid {})", t.comm, t.pid)));
            body = body.push(field("thread", format!("tid {}  ptid {}", t.tid, t.ptid)));
            let cmd = std::iter::once(t.exe.as_str())
                .chain(t.args.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            body = body.push(field("command", cmd));
            if !t.exepath.is_empty() {
                body = body.push(field("exe path", t.exepath.to_string()));
            }
            if !t.cwd.is_empty() {
                body = body.push(field("cwd", t.cwd.to_string()));
            }
            body = body.push(field("user", format!("uid {}  gid {}", t.uid, t.gid)));
            if !t.container_id.is_empty() {
                body = body.push(field("container", t.container_id.to_string()));
            }
        }
        None => body = body.push(field("tid", format!("{} (unknown thread)", r.tid))),
    }

    if let Some(n) = r.fd_num {
        body = body.push(heading("File descriptor"));
        body = body.push(field("fd", n.to_string()));
        if let Some(f) = r.fd {
            body = body.push(field("type", f.kind.type_name().to_string()));
            body = body.push(field("name", f.name.to_string()));
        }
        if r.len_bytes.is_some() {
            body = body.push(
                button(text("Follow stream").size(13))
                    .on_press(Message::FollowStream(i))
                    .padding([2, 10]),
            );
        }
    }

    body = body.push(heading("Parameters"));
    if params.is_empty() {
        body = body.push(text("none").size(13));
    }
    for p in &params {
        body = body.push(
            row![
                text(p.name.clone())
                    .size(13)
                    .font(MONO)
                    .width(96)
                    .style(|t: &Theme| text::Style {
                        color: Some(style::dim(t)),
                    }),
                text(p.value.clone()).size(13).font(MONO).width(Fill),
            ]
            .spacing(8),
        );
    }

    container(scrollable(body.padding(12).width(Fill)).height(Fill))
        .style(style::panel)
        .height(Fill)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_dump_lines() {
        let lines = hex_lines(b"HTTP/1.1 200 OK\r\nServer: x");
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            "000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1.1 200 OK."
        );
        assert!(lines[1].starts_with("000010  0a 53 65 72"));
        assert!(lines[1].ends_with(".Server: x"));
        assert!(hex_lines(&[]).is_empty());
    }

    #[test]
    fn highlighted_runs_are_the_dump_cut_at_the_field() {
        let bytes = b"GET / HTTP/1.1\r\nHost: localhost:8080\r\n";
        for mode in [PayloadMode::Hex, PayloadMode::Text] {
            let plain = match mode {
                PayloadMode::Hex => hex_lines(bytes).join("\n"),
                PayloadMode::Text => crate::gui::screen::stream::printable(bytes),
            };
            let none = highlighted_runs(bytes, mode, None);
            assert_eq!(none, vec![(plain.clone(), false)], "{mode:?}");
            // "Host" at 16..20 spans the first line break in hex.
            let runs = highlighted_runs(bytes, mode, Some(&(16..20)));
            let joined: String = runs.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(joined, plain, "{mode:?}");
            let lit: Vec<&str> = runs
                .iter()
                .filter(|(_, on)| *on)
                .map(|(t, _)| t.as_str())
                .collect();
            match mode {
                PayloadMode::Text => assert_eq!(lit, vec!["Host"]),
                // Line 2 starts with "Host": its hex cells (joined) and its
                // ASCII column.
                PayloadMode::Hex => assert_eq!(lit, vec!["48 6f 73 74", "Host"]),
            }
        }
        // A field across the middle gap of a hex line.
        let runs = highlighted_runs(bytes, PayloadMode::Hex, Some(&(6..10)));
        let lit: Vec<&str> = runs
            .iter()
            .filter(|(_, on)| *on)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(lit, vec!["48 54  54 50", "HTTP"]);
    }

    #[test]
    fn parameters_of_the_demo_are_named() {
        let snap = scapscope_core::store::load_blocking(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::default(),
        )
        .unwrap();
        let state = State::default();
        let mut saw_payload = false;
        let mut saw_params = false;
        for i in 0..snap.len() {
            let Some(rec) = snap.record(i) else { continue };
            let ps = params(&rec, &state);
            assert_eq!(ps.len(), rec.nparams());
            saw_params |= ps.iter().any(|p| p.name == "fd" || p.name == "res");
            saw_payload |= ps.iter().any(|p| p.payload.is_some());
            assert!(ps.iter().all(|p| !p.name.is_empty()));
        }
        assert!(saw_params && saw_payload);
    }

    #[test]
    fn every_filter_chip_parses_and_matches_its_event() {
        use scapscope_core::filter::{Filter, Matcher};
        use scapscope_core::reader::Reader;
        let snap = scapscope_core::store::load_blocking(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::default(),
        )
        .unwrap();
        // Every chip of every event is a valid filter that keeps the event.
        let mut reader = Reader::open(&crate::demo_capture()).unwrap();
        let mut k = 0;
        let mut chips = 0;
        while let Some(ev) = reader.next_event() {
            let r = snap.row(k).unwrap();
            let ty = snap
                .record(k)
                .map(|rec| render::event_type_name(&rec))
                .unwrap();
            for c in filter_clauses(&r, &ty) {
                let f = Filter::parse(&c).unwrap_or_else(|e| panic!("{c}: {e}"));
                let mut m = Matcher::new(f, 0);
                assert!(m.matches(&ev), "event {k} does not match its chip {c}");
                chips += 1;
            }
            k += 1;
        }
        assert_eq!(k, snap.len());
        assert!(chips > 2 * k, "{chips} chips for {k} events");
        assert_eq!(filter_value("a b"), "\"a b\"");
        assert_eq!(filter_value("say \"hi\""), "'say \"hi\"'");
        assert_eq!(filter_value("/etc/passwd"), "/etc/passwd");
    }
}

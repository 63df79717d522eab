//! The details pane of the selected event: where and when, its thread and
//! fd, every parameter decoded with its name, and the payload of I/O
//! events as hex and ASCII side by side.

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill, Theme};
use scapscope_core::decode::{self, SockAddr, SockTuple, Value};
use scapscope_core::format::event::EventRecord;
use scapscope_core::render;
use scapscope_core::schema::{self, ParamType};
use scapscope_core::state::State;
use scapscope_core::store::Snapshot;

use super::{Message, result_text};
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
pub fn view(snap: &Snapshot, i: usize, offset_s: i64, mode: PayloadMode) -> Element<'_, Message> {
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
                body = body.push(field("exe path", t.exepath.clone()));
            }
            if !t.cwd.is_empty() {
                body = body.push(field("cwd", t.cwd.clone()));
            }
            body = body.push(field("user", format!("uid {}  gid {}", t.uid, t.gid)));
            if !t.container_id.is_empty() {
                body = body.push(field("container", t.container_id.clone()));
            }
        }
        None => body = body.push(field("tid", format!("{} (unknown thread)", r.tid))),
    }

    if let Some(n) = r.fd_num {
        body = body.push(heading("File descriptor"));
        body = body.push(field("fd", n.to_string()));
        if let Some(f) = r.fd {
            body = body.push(field("type", f.kind.type_name().to_string()));
            body = body.push(field("name", f.name.clone()));
        }
        if r.len_bytes.is_some() {
            body = body.push(
                button(text("Follow stream").size(13))
                    .on_press(Message::FollowStream(i))
                    .padding([2, 10]),
            );
        }
    }

    let params = rec
        .as_ref()
        .map(|rec| params(rec, &state))
        .unwrap_or_default();
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
        let dump = match mode {
            PayloadMode::Hex => hex_lines(shown).join("\n"),
            PayloadMode::Text => crate::gui::screen::stream::printable(shown),
        };
        body = body.push(
            container(
                text(dump)
                    .size(12)
                    .font(MONO)
                    .wrapping(text::Wrapping::None),
            )
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

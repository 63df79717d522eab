//! HTTP/1.x dissector: requests, responses, headers, bodies (by
//! Content-Length, chunked, or until the connection closes), pipelining,
//! and streams the capture cut short (snaplen gaps).
//!
//! Each direction is parsed on its own; requests and responses pair by
//! their order on the connection (`pair-key` = sequence number), which
//! is what HTTP/1.1 pipelining guarantees.

use std::collections::VecDeque;

use scapscope_plugin_sdk::text::{self, find, is_token, line, parse_hex_u64, parse_u64};
use scapscope_plugin_sdk::{
    Chunk, DirBuf, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint, Session,
    StreamContext, Transport,
};

/// Largest header block decoded; larger ones are reported and skipped.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Captured body bytes shown as a preview.
const PREVIEW_BYTES: usize = 256;

/// The HTTP/1.x dissector.
pub struct Http;

impl Dissector for Http {
    type Session = HttpSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "http".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "HTTP/1.0 and HTTP/1.1: requests, responses, headers, bodies".into(),
            protocols: vec!["http".into(), "http/1.0".into(), "http/1.1".into()],
            default_ports: [80, 3000, 5000, 8000, 8008, 8080, 8888, 9200]
                .into_iter()
                .map(|port| PortHint {
                    transport: Transport::Tcp,
                    port,
                })
                .collect(),
        }
    }

    fn probe(context: &StreamContext, first: &Chunk) -> u8 {
        if context.transport == Transport::Udp {
            return 0;
        }
        match start_line_kind(&first.data) {
            Some(StartKind::Request) => 95,
            Some(StartKind::Response) => 90,
            None => 0,
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Http);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StartKind {
    Request,
    Response,
}

/// Whether `data` begins with an HTTP/1.x request or status line (judged
/// on its first line, or on the first bytes when no line end is there).
fn start_line_kind(data: &[u8]) -> Option<StartKind> {
    let first = match line(data) {
        Some((l, _)) => l,
        None => &data[..data.len().min(64)],
    };
    if let Some(rest) = first.strip_prefix(b"HTTP/1.") {
        let ok = rest.len() >= 5
            && rest[0].is_ascii_digit()
            && rest[1] == b' '
            && rest[2..5].iter().all(u8::is_ascii_digit);
        return ok.then_some(StartKind::Response);
    }
    let sp = first.iter().position(|&b| b == b' ')?;
    let method = &first[..sp];
    if !is_token(method) || method.len() > 20 || !method.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    // A complete line must end with the version; a partial one (cut by
    // snaplen) is judged on its method alone.
    if line(data).is_some() {
        let last = first.rsplit(|&b| b == b' ').next()?;
        if !last.starts_with(b"HTTP/1.") {
            return None;
        }
    }
    Some(StartKind::Request)
}

/// How the body of the message being decoded ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// `n` more bytes.
    Length(u64),
    /// Chunked transfer coding.
    Chunked,
    /// Everything until the connection closes.
    UntilClose,
}

/// A message whose head is decoded and whose body is being read.
#[derive(Debug)]
struct Pending {
    msg: Message,
    fields: Fields,
    body_kind: BodyKind,
    /// Index of the body field, once added.
    body_field: Option<usize>,
    body_start: u64,
    body_bytes: u64,
    /// Sizes of the chunks read so far (chunked coding).
    chunk_sizes: Vec<u64>,
    preview: Vec<u8>,
    /// Body bytes the capture did not hold (read-until-close bodies).
    lost_bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Expecting a start line.
    Start,
    /// Reading a body of known length (the skip is in progress in the
    /// buffer).
    Body,
    /// Expecting a chunk-size line.
    ChunkSize,
    /// Reading chunk data (skip in progress) then its CRLF.
    ChunkData,
    /// Reading trailer lines after the last chunk.
    Trailers,
    /// Reading until the connection closes.
    UntilClose,
    /// Lost track (after a gap, or bytes that are not HTTP): waiting for a
    /// chunk that starts with a start line.
    Lost,
    /// The connection switched protocols (101, CONNECT): nothing more to
    /// decode.
    Tunnel,
}

#[derive(Debug)]
struct Dir {
    buf: DirBuf,
    state: State,
    pending: Option<Pending>,
    /// Messages of each kind decoded in this direction.
    requests: u64,
    responses: u64,
    /// Time of the chunk being decoded.
    ts_ns: u64,
}

impl Default for Dir {
    fn default() -> Self {
        Dir {
            buf: DirBuf::default(),
            state: State::Start,
            pending: None,
            requests: 0,
            responses: 0,
            ts_ns: 0,
        }
    }
}

/// Decoding state of one HTTP/1.x connection.
#[derive(Debug)]
pub struct HttpSession {
    dirs: [Dir; 2],
    /// Methods of requests not yet answered, oldest first (a response to
    /// HEAD has no body whatever its headers say).
    methods: VecDeque<String>,
}

impl Session for HttpSession {
    fn new(_context: StreamContext) -> Self {
        HttpSession {
            dirs: [Dir::default(), Dir::default()],
            methods: VecDeque::new(),
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let i = chunk.direction.index();
        let d = &mut self.dirs[i];
        d.ts_ns = chunk.ts_ns;
        if d.state == State::Lost && start_line_kind(&chunk.data).is_some() {
            // A chunk that starts with a start line: back in step.
            d.buf.discard_to_gap();
            d.state = State::Start;
        }
        d.buf.push(&chunk);
        let mut out = Vec::new();
        let tunnel = self.decode(chunk.direction, &mut out);
        if tunnel {
            for d in &mut self.dirs {
                d.state = State::Tunnel;
                d.buf.discard_to_gap();
            }
        }
        Ok(out)
    }

    fn finish(&mut self) -> Vec<Message> {
        let mut out = Vec::new();
        for d in &mut self.dirs {
            if let Some(mut p) = d.pending.take() {
                if p.body_kind != BodyKind::UntilClose {
                    p.msg
                        .errors
                        .push("stream ended before the message did".into());
                }
                let lost = d.buf.take_lost() + d.buf.gap_after();
                out.push(complete(p, d.buf.end() + d.buf.gap_after(), lost));
                d.buf.discard_to_gap();
            }
        }
        out.sort_by_key(|m| m.ts_ns);
        out
    }
}

impl HttpSession {
    /// Decodes what the buffer of `dir` holds; returns whether the
    /// connection became a tunnel.
    fn decode(&mut self, dir: Direction, out: &mut Vec<Message>) -> bool {
        loop {
            let d = &mut self.dirs[dir.index()];
            match d.state {
                State::Tunnel => return true,
                State::Lost => {
                    d.buf.discard_to_gap();
                    return false;
                }
                State::Start => {
                    if d.buf.is_empty() {
                        return false;
                    }
                    match self.head(dir) {
                        Step::More => return false,
                        Step::Done(m) => {
                            let tunnel = is_tunnel(&m);
                            out.push(m);
                            if tunnel {
                                return true;
                            }
                        }
                        Step::Continue => {}
                    }
                }
                State::Body => {
                    if d.buf.skipping() > 0 {
                        return false;
                    }
                    self.finish_body(dir, out);
                }
                State::UntilClose => {
                    let d = &mut self.dirs[dir.index()];
                    if let Some(p) = d.pending.as_mut() {
                        let data = d.buf.data();
                        add_preview(p, data);
                        p.body_bytes += data.len() as u64 + d.buf.gap_after();
                        p.lost_bytes += d.buf.gap_after();
                    }
                    d.buf.discard_to_gap();
                    return false;
                }
                State::ChunkSize => match line(d.buf.data()) {
                    Some((l, n)) => {
                        let size_text = l.split(|&b| b == b';').next().unwrap_or(l);
                        let Some(size) = parse_hex_u64(size_text.trim_ascii()) else {
                            self.give_up(dir, "bad chunk size line", out);
                            continue;
                        };
                        let d = &mut self.dirs[dir.index()];
                        d.buf.consume(n);
                        if let Some(p) = d.pending.as_mut() {
                            p.chunk_sizes.push(size);
                            p.body_bytes += size;
                            add_preview(p, &d.buf.data()[..d.buf.data().len().min(size as usize)]);
                        }
                        if size == 0 {
                            d.state = State::Trailers;
                        } else {
                            // Chunk data and its CRLF.
                            d.buf.skip(size + 2);
                            d.state = State::ChunkData;
                        }
                    }
                    None => {
                        if d.buf.gap_after() > 0 || d.buf.data().len() > 1024 {
                            self.give_up(dir, "chunked body cut by the capture", out);
                            continue;
                        }
                        return false;
                    }
                },
                State::ChunkData => {
                    if d.buf.skipping() > 0 {
                        return false;
                    }
                    d.state = State::ChunkSize;
                }
                State::Trailers => match line(d.buf.data()) {
                    Some((l, n)) => {
                        let empty = l.is_empty();
                        d.buf.consume(n);
                        if empty {
                            self.finish_body(dir, out);
                        }
                    }
                    None => {
                        if d.buf.gap_after() > 0 {
                            self.finish_body(dir, out);
                            continue;
                        }
                        return false;
                    }
                },
            }
        }
    }

    /// Emits the pending message with an error and waits for a new start
    /// line.
    fn give_up(&mut self, dir: Direction, why: &str, out: &mut Vec<Message>) {
        let d = &mut self.dirs[dir.index()];
        if let Some(mut p) = d.pending.take() {
            p.msg.errors.push(why.into());
            let lost = d.buf.take_lost() + d.buf.gap_after();
            out.push(complete(p, d.buf.end(), lost));
        }
        d.buf.discard_to_gap();
        d.state = State::Lost;
    }

    fn finish_body(&mut self, dir: Direction, out: &mut Vec<Message>) {
        let d = &mut self.dirs[dir.index()];
        let lost = d.buf.take_lost();
        if let Some(p) = d.pending.take() {
            out.push(complete(p, d.buf.start(), lost));
        }
        d.state = State::Start;
    }

    /// Decodes a message head at the start of the buffer.
    fn head(&mut self, dir: Direction) -> Step {
        let d = &mut self.dirs[dir.index()];
        let data = d.buf.data();
        let Some(kind) = start_line_kind(data) else {
            d.state = State::Lost;
            return Step::Continue;
        };
        let end = find(data, b"\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| find(data, b"\n\n").map(|i| i + 2));
        let (head_len, cut) = match end {
            Some(n) if n <= MAX_HEAD_BYTES => (n, false),
            Some(_) => (MAX_HEAD_BYTES, true),
            None if d.buf.gap_after() > 0 || data.len() > MAX_HEAD_BYTES => {
                (data.len().min(MAX_HEAD_BYTES), true)
            }
            None => return Step::More,
        };
        let start = d.buf.start();
        let mut head = parse_head(&data[..head_len], start, kind);
        let mut msg = Message::new("http", dir, head.msg_kind(), d.ts_ns, start);
        let key = match kind {
            StartKind::Request => {
                d.requests += 1;
                d.requests
            }
            StartKind::Response => {
                if head.status >= 200 || head.status < 100 {
                    d.responses += 1;
                }
                d.responses.max(1)
            }
        };
        msg.pair_key = Some(key.to_string());
        msg.summary = head.summary.clone();
        let mut fields = std::mem::take(&mut head.fields);
        if cut {
            let missing = d.buf.gap_after();
            msg.errors.push(if missing > 0 {
                format!("headers cut by the capture ({missing} bytes not captured)")
            } else {
                format!("headers longer than {MAX_HEAD_BYTES} bytes")
            });
            msg.len = head_len as u64 + missing;
            msg.fields = fields.into_vec();
            d.buf.discard_to_gap();
            d.state = State::Lost;
            if kind == StartKind::Request {
                self.methods.push_back(head.method);
            } else {
                self.methods.pop_front();
            }
            return Step::Done(msg);
        }
        d.buf.consume(head_len);
        let body_kind = match kind {
            StartKind::Request => {
                self.methods.push_back(head.method.clone());
                head.body_kind(false)
            }
            StartKind::Response => {
                let method = if head.status >= 200 {
                    self.methods.pop_front()
                } else {
                    self.methods.front().cloned()
                };
                let no_body = method.as_deref() == Some("HEAD")
                    || (100..200).contains(&head.status)
                    || head.status == 204
                    || head.status == 304;
                if no_body {
                    BodyKind::Length(0)
                } else {
                    head.body_kind(true)
                }
            }
        };
        let d = &mut self.dirs[dir.index()];
        let body_start = d.buf.start();
        let mut p = Pending {
            msg,
            body_field: None,
            fields: Fields::new(),
            body_kind,
            body_start,
            body_bytes: 0,
            chunk_sizes: Vec::new(),
            preview: Vec::new(),
            lost_bytes: 0,
        };
        std::mem::swap(&mut p.fields, &mut fields);
        if body_kind != BodyKind::Length(0) {
            p.body_field = Some(p.fields.len());
        }
        match body_kind {
            BodyKind::Length(0) => {
                d.state = State::Start;
                Step::Done(complete(p, body_start, 0))
            }
            BodyKind::Length(n) => {
                add_preview(&mut p, &d.buf.data()[..d.buf.data().len().min(n as usize)]);
                p.body_bytes = n;
                d.buf.skip(n);
                d.pending = Some(p);
                d.state = State::Body;
                Step::Continue
            }
            BodyKind::Chunked => {
                d.pending = Some(p);
                d.state = State::ChunkSize;
                Step::Continue
            }
            BodyKind::UntilClose => {
                d.pending = Some(p);
                d.state = State::UntilClose;
                Step::Continue
            }
        }
    }
}

enum Step {
    /// Not enough bytes yet.
    More,
    /// A message is complete.
    Done(Message),
    /// The state changed: decode on.
    Continue,
}

fn is_tunnel(m: &Message) -> bool {
    m.kind == MessageKind::Response && m.summary.split(' ').nth(1) == Some("101")
}

fn add_preview(p: &mut Pending, data: &[u8]) {
    let room = PREVIEW_BYTES.saturating_sub(p.preview.len());
    p.preview.extend_from_slice(&data[..data.len().min(room)]);
}

/// Finishes a message whose last byte is just before `end`.
fn complete(mut p: Pending, end: u64, lost_body_bytes: u64) -> Message {
    let lost_body_bytes = lost_body_bytes + p.lost_bytes;
    if p.body_field.is_some() || p.body_bytes > 0 {
        let how = match p.body_kind {
            BodyKind::Chunked => format!("{} bytes, chunked", p.body_bytes),
            BodyKind::UntilClose => format!("{} bytes, until close", p.body_bytes),
            BodyKind::Length(_) => format!("{} bytes", p.body_bytes),
        };
        p.fields.open(
            "body",
            how,
            p.body_start,
            end.saturating_sub(p.body_start) as usize,
        );
        for (k, s) in p.chunk_sizes.iter().enumerate() {
            p.fields
                .add("chunk", format!("#{} {} bytes", k + 1, s), p.body_start, 0);
        }
        if !p.preview.is_empty() {
            let n = p.preview.len();
            p.fields.add(
                "data",
                text::printable_short(&p.preview, PREVIEW_BYTES),
                p.body_start,
                n,
            );
        }
        p.fields.close();
        if lost_body_bytes > 0 {
            p.msg.errors.push(format!(
                "{lost_body_bytes} body bytes not captured (snaplen)"
            ));
        }
        p.msg.summary = format!("{} ({})", p.msg.summary, body_summary(&p));
    }
    p.msg.len = end.saturating_sub(p.msg.offset);
    p.msg.fields = p.fields.into_vec();
    p.msg
}

fn body_summary(p: &Pending) -> String {
    match p.body_kind {
        BodyKind::Chunked => format!("{} bytes chunked", p.body_bytes),
        _ => format!("{} bytes", p.body_bytes),
    }
}

/// A decoded message head.
struct Head {
    kind: StartKind,
    method: String,
    status: u16,
    summary: String,
    fields: Fields,
    content_length: Option<u64>,
    chunked: bool,
}

impl Head {
    fn msg_kind(&self) -> MessageKind {
        match self.kind {
            StartKind::Request => MessageKind::Request,
            StartKind::Response if self.status >= 200 => MessageKind::Response,
            StartKind::Response => MessageKind::Other,
        }
    }

    fn body_kind(&self, response: bool) -> BodyKind {
        if self.chunked {
            BodyKind::Chunked
        } else if let Some(n) = self.content_length {
            BodyKind::Length(n)
        } else if response {
            BodyKind::UntilClose
        } else {
            BodyKind::Length(0)
        }
    }
}

/// Parses a head (start line and header lines; `data` may be cut short).
fn parse_head(data: &[u8], base: u64, kind: StartKind) -> Head {
    let mut f = Fields::new();
    let mut pos = 0usize;
    let (first, n) = line(data).unwrap_or((data, data.len()));
    let mut head = Head {
        kind,
        method: String::new(),
        status: 0,
        summary: text::printable_short(first, 200),
        fields: Fields::new(),
        content_length: None,
        chunked: false,
    };
    let parts: Vec<&[u8]> = first.splitn(3, |&b| b == b' ').collect();
    let at = |part: &[u8]| base + (part.as_ptr() as usize - first.as_ptr() as usize) as u64;
    match kind {
        StartKind::Request => {
            f.open("request-line", text::printable(first), base, first.len());
            let names = ["method", "uri", "version"];
            for (name, part) in names.iter().zip(&parts) {
                f.add(name, text::printable(part), at(part), part.len());
            }
            head.method = parts
                .first()
                .map(|m| text::printable(m))
                .unwrap_or_default();
        }
        StartKind::Response => {
            f.open("status-line", text::printable(first), base, first.len());
            let names = ["version", "status", "reason"];
            for (name, part) in names.iter().zip(&parts) {
                f.add(name, text::printable(part), at(part), part.len());
            }
            head.status = parts
                .get(1)
                .and_then(|s| parse_u64(s))
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(0);
        }
    }
    f.close();
    pos += n;
    let headers_at = f.len();
    let mut count = 0;
    f.open("headers", "", base + pos as u64, 0);
    while pos < data.len() {
        let rest = &data[pos..];
        let at_line = base + pos as u64;
        let Some((l, n)) = line(rest) else {
            // The capture cut the head inside this line.
            f.add("(cut)", text::printable(rest), at_line, rest.len());
            pos = data.len();
            break;
        };
        if l.is_empty() {
            break;
        }
        pos += n;
        let Some(colon) = l.iter().position(|&b| b == b':') else {
            f.add("malformed", text::printable(l), at_line, l.len());
            continue;
        };
        let name = &l[..colon];
        let value = l[colon + 1..].trim_ascii();
        count += 1;
        f.add(
            &text::printable(name),
            text::printable(value),
            at_line,
            l.len(),
        );
        if name.eq_ignore_ascii_case(b"content-length") {
            head.content_length = parse_u64(value);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            head.chunked = value
                .rsplit(|&b| b == b',')
                .next()
                .is_some_and(|c| c.trim_ascii().eq_ignore_ascii_case(b"chunked"));
        }
    }
    f.close();
    let headers_len = pos - n;
    f.set_len(headers_at, headers_len);
    f.set_value(headers_at, format!("{count} headers"));
    head.fields = f;
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_plugin_sdk::Role;

    fn ctx() -> StreamContext {
        StreamContext {
            transport: Transport::Tcp,
            role: Role::Client,
            client_port: Some(40000),
            server_port: Some(80),
            process_name: "curl".into(),
            fd_name: String::new(),
        }
    }

    /// Feeds chunks `(direction, bytes, missing_after)` in order, with
    /// offsets computed per direction, and returns every message.
    fn run(chunks: &[(Direction, &[u8], u64)]) -> Vec<Message> {
        let mut s = HttpSession::new(ctx());
        let mut off = [0u64; 2];
        let mut out = Vec::new();
        for (k, (d, data, missing)) in chunks.iter().enumerate() {
            let c = Chunk {
                direction: *d,
                ts_ns: k as u64,
                offset: off[d.index()],
                data: data.to_vec(),
                missing_after: *missing,
                datagram: false,
            };
            off[d.index()] += data.len() as u64 + missing;
            out.extend(s.feed(c).unwrap());
        }
        out.extend(s.finish());
        out
    }

    fn field<'a>(m: &'a Message, name: &str) -> Option<&'a str> {
        m.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    }

    const OUT: Direction = Direction::Outbound;
    const IN: Direction = Direction::Inbound;

    #[test]
    fn probe() {
        let c = |d: &[u8]| Chunk {
            direction: OUT,
            ts_ns: 0,
            offset: 0,
            data: d.to_vec(),
            missing_after: 0,
            datagram: false,
        };
        assert_eq!(
            Http::probe(&ctx(), &c(b"GET / HTTP/1.1\r\nHost: a\r\n")),
            95
        );
        assert_eq!(Http::probe(&ctx(), &c(b"HTTP/1.1 404 Not Found\r\n")), 90);
        assert_eq!(Http::probe(&ctx(), &c(b"POST /upload")), 95, "cut line");
        assert_eq!(Http::probe(&ctx(), &c(b"\x16\x03\x01\x02\x00")), 0);
        assert_eq!(Http::probe(&ctx(), &c(b"get / HTTP/1.1\r\n")), 0);
        assert_eq!(Http::probe(&ctx(), &c(b"GET / SPDY/3\r\n")), 0);
    }

    #[test]
    fn pipelined_requests_split_across_chunks_pair_in_order() {
        let m = run(&[
            (
                OUT,
                b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Le",
                0,
            ),
            (OUT, b"ngth: 5\r\n\r\nhello", 0),
            (
                IN,
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 201 Created\r\n",
                0,
            ),
            (IN, b"Content-Length: 0\r\n\r\n", 0),
        ]);
        let s: Vec<(&str, Option<&str>)> = m
            .iter()
            .map(|m| (m.summary.as_str(), m.pair_key.as_deref()))
            .collect();
        assert_eq!(
            s,
            [
                ("GET /a HTTP/1.1", Some("1")),
                ("POST /b HTTP/1.1 (5 bytes)", Some("2")),
                ("HTTP/1.1 200 OK (2 bytes)", Some("1")),
                ("HTTP/1.1 201 Created", Some("2")),
            ]
        );
        // Byte ranges: the POST starts right after the GET's 28 bytes.
        assert_eq!(m[1].offset, 28);
        assert_eq!(m[1].len, 18 + 19 + 2 + 5);
        assert_eq!(field(&m[1], "data"), Some("hello"));
        assert!(m.iter().all(|m| m.errors.is_empty()), "{m:?}");
    }

    #[test]
    fn chunked_body_with_trailers() {
        let m = run(&[
            (
                IN,
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n4\r\nWiki\r\n",
                0,
            ),
            (
                IN,
                b"5;ext=1\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
                0,
            ),
        ]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].summary, "HTTP/1.1 200 OK (9 bytes chunked)");
        let chunks: Vec<&str> = m[0]
            .fields
            .iter()
            .filter(|f| f.name == "chunk")
            .map(|f| f.value.as_str())
            .collect();
        assert_eq!(chunks, ["#1 4 bytes", "#2 5 bytes", "#3 0 bytes"]);
        assert_eq!(field(&m[0], "data"), Some("Wikipedia"));
        assert_eq!(m[1].summary, "HTTP/1.1 204 No Content");
        assert_eq!(m[1].pair_key.as_deref(), Some("2"));
    }

    #[test]
    fn head_responses_and_interim_responses_have_no_body() {
        let m = run(&[
            (OUT, b"HEAD / HTTP/1.1\r\n\r\nPUT /x HTTP/1.1\r\nContent-Length: 1\r\nExpect: 100-continue\r\n\r\n", 0),
            (IN, b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 0),
            (IN, b"HTTP/1.1 100 Continue\r\n\r\n", 0),
            (OUT, b"z", 0),
            (IN, b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 0),
        ]);
        let kinds: Vec<(MessageKind, &str)> = m
            .iter()
            .map(|m| (m.kind, m.pair_key.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            kinds,
            [
                (MessageKind::Request, "1"),
                (MessageKind::Response, "1"),
                (MessageKind::Other, "1"),
                (MessageKind::Request, "2"),
                (MessageKind::Response, "2"),
            ]
        );
        assert_eq!(m[1].summary, "HTTP/1.1 200 OK", "HEAD: no body");
    }

    #[test]
    fn a_gap_inside_a_body_of_known_length_keeps_sync() {
        // 10 of 1000 body bytes captured after a 41-byte head, then the
        // next response.
        let m = run(&[
            (
                IN,
                b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789",
                990,
            ),
            (
                IN,
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                0,
            ),
        ]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].errors, ["990 body bytes not captured (snaplen)"]);
        assert_eq!(m[0].len, 41 + 1000);
        assert_eq!(m[1].offset, 41 + 1000);
        assert_eq!(field(&m[1], "status"), Some("404"));
    }

    #[test]
    fn a_gap_inside_the_head_resyncs_on_the_next_start_line() {
        let m = run(&[
            (IN, b"HTTP/1.1 200 OK\r\nDate: Mon", 5000),
            (IN, b"more body bytes that are not a start line", 0),
            (IN, b"HTTP/1.1 304 Not Modified\r\n\r\n", 0),
        ]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].errors[0].contains("headers cut"), "{:?}", m[0].errors);
        assert_eq!(field(&m[0], "(cut)"), Some("Date: Mon"));
        assert_eq!(m[0].len, 26 + 5000);
        assert_eq!(field(&m[1], "status"), Some("304"));
    }

    #[test]
    fn body_until_close_and_upgrade() {
        let m = run(&[
            (OUT, b"GET / HTTP/1.0\r\n\r\n", 0),
            (IN, b"HTTP/1.0 200 OK\r\n\r\nsome", 0),
            (IN, b" body", 0),
        ]);
        assert_eq!(m[1].summary, "HTTP/1.0 200 OK (9 bytes)");
        assert!(m[1].errors.is_empty());
        let m = run(&[
            (OUT, b"GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", 0),
            (
                IN,
                b"HTTP/1.1 101 Switching Protocols\r\n\r\n\x81\x05hello",
                0,
            ),
            (OUT, b"\x81\x85GET / HTTP/1.1\r\n", 0),
        ]);
        assert_eq!(m.len(), 2, "nothing decoded after the switch: {m:?}");
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 12345u64;
        for _ in 0..200 {
            let mut chunks = Vec::new();
            for _ in 0..6 {
                let mut v = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
                for _ in 0..40 {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    let alphabet = b"0123456789abcdef\r\n;: GETHP/";
                    v.push(alphabet[(seed >> 40) as usize % alphabet.len()]);
                }
                let cut = (seed >> 20) as usize % v.len();
                chunks.push((
                    if seed & 1 == 0 { IN } else { OUT },
                    v[cut..].to_vec(),
                    seed % 3,
                ));
            }
            let c: Vec<(Direction, &[u8], u64)> = chunks
                .iter()
                .map(|(d, v, g)| (*d, v.as_slice(), *g))
                .collect();
            for m in run(&c) {
                assert!(m.offset + m.len >= m.offset);
            }
        }
    }
}

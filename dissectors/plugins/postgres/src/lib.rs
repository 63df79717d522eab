//! PostgreSQL wire protocol (v3) dissector.
//!
//! The client's messages up to a simple `Query` or a `Sync` form one
//! request (the startup packet, a query, or an extended-protocol batch:
//! Parse, Bind, Describe, Execute); the server's messages up to
//! `ReadyForQuery` form its response (row description, row count,
//! command tags, errors). Requests and responses pair by order. Every
//! message carries its length, so a gap inside one is skipped exactly.

use scapscope_plugin_sdk::text::printable_short;
use scapscope_plugin_sdk::{
    Chunk, Cursor, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

/// Protocol 3.0 in a startup packet.
const PROTOCOL_3: u32 = 196_608;
/// SSLRequest code.
const SSL_REQUEST: u32 = 80_877_103;
/// GSSENCRequest code.
const GSS_REQUEST: u32 = 80_877_104;
/// CancelRequest code.
const CANCEL_REQUEST: u32 = 80_877_102;

/// The PostgreSQL dissector.
pub struct Postgres;

impl Dissector for Postgres {
    type Session = PgSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "postgres".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "PostgreSQL wire protocol: startup, queries, results, errors".into(),
            protocols: vec!["postgresql".into(), "postgres".into()],
            default_ports: vec![PortHint {
                transport: Transport::Tcp,
                port: 5432,
            }],
        }
    }

    fn probe(context: &StreamContext, first: &Chunk) -> u8 {
        if context.transport == Transport::Udp {
            return 0;
        }
        let mut c = Cursor::new(&first.data, 0);
        let (Some(len), Some(code)) = (c.u32_be(), c.u32_be()) else {
            return 0;
        };
        match code {
            PROTOCOL_3 if (9..10_000).contains(&len) => 95,
            SSL_REQUEST | GSS_REQUEST if len == 8 => 90,
            CANCEL_REQUEST if len == 16 => 90,
            _ => {
                // Mid-connection: a typed message with a sane length.
                let d = &first.data;
                let typed = d.len() >= 5
                    && b"QPBESXRZTDCK".contains(&d[0])
                    && u32::from_be_bytes([d[1], d[2], d[3], d[4]]) >= 4
                    && u32::from_be_bytes([d[1], d[2], d[3], d[4]]) < 1 << 24;
                if typed && context.has_port(5432) {
                    60
                } else {
                    0
                }
            }
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Postgres);

/// A request or response being gathered from several wire messages.
#[derive(Debug)]
struct Group {
    msg: Message,
    fields: Fields,
    parts: Vec<String>,
    rows: u64,
    columns: Vec<String>,
}

/// One connection.
#[derive(Debug, Default)]
pub struct PgSession {
    bufs: DirBufs,
    to_server: Option<Direction>,
    /// The client has not sent its startup packet yet (it has no type
    /// byte).
    startup_pending: bool,
    /// The server answered an SSLRequest with `S`: the rest is TLS.
    tls: bool,
    /// An SSLRequest waits for its one-byte answer.
    ssl_asked: bool,
    groups: [Option<Group>; 2],
    seq: [u64; 2],
}

impl Session for PgSession {
    fn new(context: StreamContext) -> Self {
        let to_server = context.to_server(Direction::Outbound).map(|out| {
            if out {
                Direction::Outbound
            } else {
                Direction::Inbound
            }
        });
        PgSession {
            to_server,
            startup_pending: true,
            ..PgSession::default()
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let dir = chunk.direction;
        if self.tls {
            return Ok(Vec::new());
        }
        if self.to_server.is_none() {
            let mut c = Cursor::new(&chunk.data, 0);
            let untyped = matches!(
                (c.u32_be(), c.u32_be()),
                (
                    Some(_),
                    Some(PROTOCOL_3 | SSL_REQUEST | GSS_REQUEST | CANCEL_REQUEST)
                )
            );
            let client_typed = chunk.data.first().is_some_and(|b| b"QPBX".contains(b));
            if untyped || client_typed {
                self.to_server = Some(dir);
                self.startup_pending = untyped;
            } else {
                self.to_server = Some(dir.flip());
                self.startup_pending = false;
            }
        }
        let from_client = self.to_server == Some(dir);
        let mut out = Vec::new();
        self.bufs.push(&chunk);
        loop {
            let buf = self.bufs.get(dir);
            if buf.skipping() > 0 || buf.is_empty() {
                break;
            }
            let data = buf.data();
            let start = buf.start();
            // The server's one-byte answer to SSLRequest / GSSENCRequest.
            if !from_client && self.ssl_asked {
                self.ssl_asked = false;
                let yes = data[0] == b'S' || data[0] == b'G';
                let mut m =
                    Message::new("postgres", dir, MessageKind::Response, chunk.ts_ns, start);
                m.len = 1;
                m.summary = if yes {
                    "encryption accepted (the rest is encrypted)".into()
                } else {
                    "encryption refused".into()
                };
                self.seq[dir.index()] += 1;
                m.pair_key = Some(self.seq[dir.index()].to_string());
                out.push(m);
                buf.consume(1);
                if yes {
                    self.tls = true;
                    break;
                }
                continue;
            }
            let untyped = from_client && self.startup_pending;
            let hdr = if untyped { 4 } else { 5 };
            if data.len() < hdr {
                if buf.gap_after() > 0 {
                    buf.discard_to_gap();
                }
                break;
            }
            let (ty, len) = if untyped {
                (
                    0u8,
                    u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize,
                )
            } else {
                (
                    data[0],
                    u32::from_be_bytes([data[1], data[2], data[3], data[4]]) as usize + 1,
                )
            };
            if len < hdr || len > 1 << 30 {
                buf.discard_to_gap();
                break;
            }
            let complete = data.len() >= len;
            if !complete && buf.gap_after() == 0 {
                break;
            }
            let body = data[hdr..data.len().min(len)].to_vec();
            let missing = len.saturating_sub(data.len());
            if complete {
                buf.consume(len);
            } else {
                buf.skip(len as u64);
                let _ = buf.take_lost();
            }
            let w = Wire {
                ty,
                start,
                len,
                body_at: start + hdr as u64,
                body,
                missing,
                ts_ns: chunk.ts_ns,
            };
            if untyped {
                self.startup(dir, &w, &mut out);
            } else if from_client {
                self.client(dir, &w, &mut out);
            } else {
                self.server(dir, &w, &mut out);
            }
        }
        Ok(out)
    }

    fn finish(&mut self) -> Vec<Message> {
        let mut out = Vec::new();
        for g in self.groups.iter_mut() {
            if let Some(mut g) = g.take() {
                g.msg.errors.push("stream ended inside the exchange".into());
                out.push(close(g));
            }
        }
        out
    }
}

/// One wire message.
struct Wire {
    ty: u8,
    start: u64,
    len: usize,
    body_at: u64,
    body: Vec<u8>,
    missing: usize,
    ts_ns: u64,
}

fn cstr<'a>(c: &mut Cursor<'a>) -> &'a [u8] {
    c.until(0).unwrap_or_else(|| {
        let r = c.rest();
        let _ = c.skip(r.len());
        r
    })
}

fn type_name(ty: u8, from_client: bool) -> &'static str {
    match (ty, from_client) {
        (b'Q', true) => "Query",
        (b'P', true) => "Parse",
        (b'B', true) => "Bind",
        (b'E', true) => "Execute",
        (b'D', true) => "Describe",
        (b'C', true) => "Close",
        (b'S', true) => "Sync",
        (b'H', true) => "Flush",
        (b'X', true) => "Terminate",
        (b'p', true) => "PasswordMessage",
        (b'd', _) => "CopyData",
        (b'c', _) => "CopyDone",
        (b'f', true) => "CopyFail",
        (b'R', false) => "Authentication",
        (b'S', false) => "ParameterStatus",
        (b'K', false) => "BackendKeyData",
        (b'Z', false) => "ReadyForQuery",
        (b'T', false) => "RowDescription",
        (b'D', false) => "DataRow",
        (b'C', false) => "CommandComplete",
        (b'E', false) => "ErrorResponse",
        (b'N', false) => "NoticeResponse",
        (b'1', false) => "ParseComplete",
        (b'2', false) => "BindComplete",
        (b'3', false) => "CloseComplete",
        (b'n', false) => "NoData",
        (b't', false) => "ParameterDescription",
        (b's', false) => "PortalSuspended",
        (b'I', false) => "EmptyQueryResponse",
        (b'A', false) => "NotificationResponse",
        (b'G', false) => "CopyInResponse",
        (b'H', false) => "CopyOutResponse",
        _ => "Unknown",
    }
}

fn close(mut g: Group) -> Message {
    if !g.columns.is_empty() {
        g.fields
            .add("columns", g.columns.join(", "), g.msg.offset, 0);
    }
    if g.rows > 0 {
        g.fields.add("rows", g.rows.to_string(), g.msg.offset, 0);
    }
    if g.msg.summary.is_empty() {
        g.msg.summary = g.parts.join("; ");
    }
    g.msg.fields = g.fields.into_vec();
    g.msg
}

impl PgSession {
    fn group(&mut self, dir: Direction, w: &Wire, kind: MessageKind) -> &mut Group {
        let seq = &mut self.seq[dir.index()];
        let g = self.groups[dir.index()].get_or_insert_with(|| {
            *seq += 1;
            let mut msg = Message::new("postgres", dir, kind, w.ts_ns, w.start);
            msg.pair_key = Some(seq.to_string());
            Group {
                msg,
                fields: Fields::new(),
                parts: Vec::new(),
                rows: 0,
                columns: Vec::new(),
            }
        });
        g.msg.len = (w.start + w.len as u64).saturating_sub(g.msg.offset);
        if w.missing > 0 {
            g.msg.errors.push(format!(
                "{} cut by the capture ({} of {} bytes not captured)",
                type_name(w.ty, kind == MessageKind::Request),
                w.missing,
                w.len
            ));
        }
        g
    }

    fn emit(&mut self, dir: Direction, out: &mut Vec<Message>) {
        if let Some(g) = self.groups[dir.index()].take() {
            out.push(close(g));
        }
    }

    fn startup(&mut self, dir: Direction, w: &Wire, out: &mut Vec<Message>) {
        self.startup_pending = false;
        let mut c = Cursor::new(&w.body, w.body_at);
        let code = c.u32_be().unwrap_or(0);
        let g = self.group(dir, w, MessageKind::Request);
        match code {
            SSL_REQUEST | GSS_REQUEST => {
                g.msg.summary = if code == SSL_REQUEST {
                    "SSLRequest".into()
                } else {
                    "GSSENCRequest".into()
                };
                self.ssl_asked = true;
                // The startup packet follows if encryption is refused.
                self.startup_pending = true;
            }
            CANCEL_REQUEST => {
                let pid = c.u32_be().unwrap_or(0);
                g.fields
                    .add("process-id", pid.to_string(), w.body_at + 4, 4);
                g.msg.summary = format!("CancelRequest for backend {pid}");
            }
            _ => {
                g.fields.add(
                    "protocol",
                    format!("{}.{}", code >> 16, code & 0xffff),
                    w.body_at,
                    4,
                );
                let mut params = Vec::new();
                g.fields.open("parameters", "", c.offset(), 0);
                while !c.is_empty() {
                    let at = c.offset();
                    let k = cstr(&mut c);
                    if k.is_empty() {
                        break;
                    }
                    let v = cstr(&mut c);
                    let (k, v) = (printable_short(k, 64), printable_short(v, 200));
                    g.fields.add(&k, v.clone(), at, (c.offset() - at) as usize);
                    if k == "user" || k == "database" || k == "application_name" {
                        params.push(format!("{k}={v}"));
                    }
                }
                g.fields.close();
                g.msg.summary = format!("startup {}", params.join(" "));
            }
        }
        self.emit(dir, out);
    }

    fn client(&mut self, dir: Direction, w: &Wire, out: &mut Vec<Message>) {
        let name = type_name(w.ty, true);
        let mut c = Cursor::new(&w.body, w.body_at);
        let g = self.group(dir, w, MessageKind::Request);
        g.fields.open(name, "", w.start, w.len);
        let part = match w.ty {
            b'Q' => {
                let q = cstr(&mut c);
                g.fields
                    .add("query", printable_short(q, 4000), w.body_at, q.len());
                format!("Query {}", printable_short(q, 200))
            }
            b'P' => {
                let at = c.offset();
                let stmt = printable_short(cstr(&mut c), 64);
                g.fields.add("statement", stmt.clone(), at, stmt.len());
                let at = c.offset();
                let q = cstr(&mut c);
                g.fields.add("query", printable_short(q, 4000), at, q.len());
                format!("Parse {}", printable_short(q, 200))
            }
            b'B' => {
                let portal = printable_short(cstr(&mut c), 64);
                let stmt = printable_short(cstr(&mut c), 64);
                g.fields.add("portal", portal, w.body_at, 0);
                g.fields.add("statement", stmt, w.body_at, 0);
                "Bind".into()
            }
            b'E' => "Execute".into(),
            b'p' => "password".into(),
            _ => name.into(),
        };
        g.fields.close();
        if !matches!(w.ty, b'S' | b'H') {
            g.parts.push(part);
        }
        // A request ends with a simple query, Sync, Terminate or password.
        if matches!(w.ty, b'Q' | b'S' | b'X' | b'p' | b'f' | b'c') {
            self.emit(dir, out);
        }
    }

    fn server(&mut self, dir: Direction, w: &Wire, out: &mut Vec<Message>) {
        let name = type_name(w.ty, false);
        let mut c = Cursor::new(&w.body, w.body_at);
        let g = self.group(dir, w, MessageKind::Response);
        match w.ty {
            b'D' => g.rows += 1,
            b'T' => {
                let n = c.u16_be().unwrap_or(0);
                for _ in 0..n.min(1600) {
                    let col = cstr(&mut c);
                    if c.skip(18).is_none() {
                        break;
                    }
                    g.columns.push(printable_short(col, 64));
                }
                g.fields.add(name, format!("{n} columns"), w.start, w.len);
            }
            b'C' => {
                let tag = printable_short(cstr(&mut c), 200);
                g.fields.add(name, tag.clone(), w.body_at, tag.len());
                g.parts.push(tag);
            }
            b'E' | b'N' => {
                let mut sev = String::new();
                let mut code = String::new();
                let mut text = String::new();
                g.fields.open(name, "", w.start, w.len);
                while let Some(f) = c.u8() {
                    if f == 0 {
                        break;
                    }
                    let at = c.offset();
                    let v = printable_short(cstr(&mut c), 500);
                    let key = match f {
                        b'S' | b'V' => "severity",
                        b'C' => "code",
                        b'M' => "message",
                        b'D' => "detail",
                        b'H' => "hint",
                        b'P' => "position",
                        _ => "other",
                    };
                    match f {
                        b'S' => sev = v.clone(),
                        b'C' => code = v.clone(),
                        b'M' => text = v.clone(),
                        _ => {}
                    }
                    g.fields.add(key, v.clone(), at, v.len());
                }
                g.fields.close();
                let e = format!("{sev} {code} {text}");
                if w.ty == b'E' {
                    g.msg.errors.push(e.clone());
                }
                g.parts.push(e);
            }
            b'R' => {
                let kind = c.u32_be().unwrap_or(u32::MAX);
                let text = match kind {
                    0 => "authentication ok",
                    3 => "cleartext password requested",
                    5 => "MD5 password requested",
                    10 => "SASL requested",
                    11 => "SASL continue",
                    12 => "SASL final",
                    _ => "authentication request",
                };
                g.fields.add(name, text, w.start, w.len);
                g.parts.push(text.into());
                // A password request ends the server's turn.
                if matches!(kind, 3 | 5 | 10 | 11) {
                    self.emit(dir, out);
                }
            }
            b'S' => {
                let k = printable_short(cstr(&mut c), 64);
                let v = printable_short(cstr(&mut c), 200);
                g.fields.add(&k, v, w.body_at, w.body.len());
            }
            b'Z' => {
                let status = match c.u8() {
                    Some(b'I') => "idle",
                    Some(b'T') => "in transaction",
                    Some(b'E') => "failed transaction",
                    _ => "?",
                };
                g.fields.add(name, status, w.start, w.len);
                if g.rows > 0 && !g.parts.iter().any(|p| p.contains(&g.rows.to_string())) {
                    let rows = g.rows;
                    g.parts.push(format!("{rows} rows"));
                }
                if g.parts.is_empty() {
                    g.parts.push("ready".into());
                }
                self.emit(dir, out);
            }
            _ => g.fields.add(name, "", w.start, w.len),
        }
    }
}

#[cfg(test)]
mod tests;

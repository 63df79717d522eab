//! MySQL client/server protocol dissector: the server greeting, the login
//! request, commands (COM_QUERY with its SQL text, COM_INIT_DB,
//! prepared statements, …) and their responses (OK, ERR, result sets
//! summarised as columns and row counts).
//!
//! Every packet carries its length, so bytes the capture lost inside a
//! packet are skipped exactly. Commands and responses pair by their order
//! on the connection.

use scapscope_plugin_sdk::text::printable_short;
use scapscope_plugin_sdk::{
    Chunk, Cursor, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

/// CLIENT_CONNECT_WITH_DB.
const CONNECT_WITH_DB: u32 = 0x0000_0008;
/// CLIENT_PROTOCOL_41.
const PROTOCOL_41: u32 = 0x0000_0200;
/// CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA.
const LENENC_AUTH: u32 = 0x0020_0000;
/// CLIENT_SECURE_CONNECTION.
const SECURE_CONNECTION: u32 = 0x0000_8000;
/// CLIENT_DEPRECATE_EOF.
const DEPRECATE_EOF: u32 = 0x0100_0000;
/// CLIENT_SSL.
const SSL: u32 = 0x0000_0800;

/// The MySQL dissector.
pub struct Mysql;

impl Dissector for Mysql {
    type Session = MysqlSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "mysql".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "MySQL protocol: greeting, login, queries, OK/ERR, result sets".into(),
            protocols: vec!["mysql".into()],
            default_ports: [3306, 33060]
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
        let d = &first.data;
        if d.len() < 5 {
            return 0;
        }
        let len = u32::from_le_bytes([d[0], d[1], d[2], 0]) as usize;
        let seq = d[3];
        let fits = first.missing_after > 0 || d.len() >= 4 + len;
        // A greeting (protocol 10, a version string), or a command.
        let greeting = seq == 0 && d[4] == 10 && len > 40 && d[5].is_ascii_digit();
        let command = seq == 0 && (1..=0x1f).contains(&d[4]) && len >= 1;
        match (fits, greeting, command) {
            (true, true, _) => 95,
            (true, _, true) if context.has_port(3306) => 60,
            _ => 0,
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Mysql);

/// What the client asked last, so the server's reply can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Awaiting {
    /// The login's reply (OK, ERR, auth switch, more auth data).
    Login,
    /// A query's reply: OK, ERR or a result set.
    Query,
    /// COM_STMT_PREPARE's reply.
    Prepare,
    /// A single-packet reply.
    Simple,
    /// COM_QUIT and others that get no reply.
    Nothing,
}

/// A server reply spread over several packets (a result set, a prepare
/// reply) being read.
#[derive(Debug)]
struct Multi {
    msg: Message,
    fields: Fields,
    /// Packets still to come before rows (column and parameter
    /// definitions, and their EOFs).
    defs_left: u64,
    columns: Vec<String>,
    rows: u64,
    /// Rows follow the definitions (result sets; not prepare replies).
    has_rows: bool,
}

/// Decoding state of one connection.
#[derive(Debug)]
pub struct MysqlSession {
    /// The direction towards the server, once known.
    to_server: Option<Direction>,
    bufs: DirBufs,
    caps: u32,
    awaiting: Awaiting,
    commands: u64,
    multi: Option<Multi>,
    /// TLS started: the rest is encrypted.
    tls: bool,
    ts_ns: [u64; 2],
}

impl Session for MysqlSession {
    fn new(context: StreamContext) -> Self {
        let to_server = context.to_server(Direction::Outbound).map(|out| {
            if out {
                Direction::Outbound
            } else {
                Direction::Inbound
            }
        });
        MysqlSession {
            to_server,
            bufs: DirBufs::default(),
            caps: 0,
            awaiting: Awaiting::Nothing,
            commands: 0,
            multi: None,
            tls: false,
            ts_ns: [0; 2],
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let dir = chunk.direction;
        self.ts_ns[dir.index()] = chunk.ts_ns;
        if self.tls {
            return Ok(Vec::new());
        }
        if self.to_server.is_none() {
            // The greeting comes from the server.
            let d = &chunk.data;
            if d.len() > 5 && d[3] == 0 && d[4] == 10 {
                self.to_server = Some(dir.flip());
            } else if d.len() > 4 && d[3] == 0 {
                self.to_server = Some(dir);
            }
        }
        let mut out = Vec::new();
        self.bufs.push(&chunk);
        loop {
            let buf = self.bufs.get(dir);
            if buf.skipping() > 0 {
                break;
            }
            let data = buf.data();
            if data.len() < 4 {
                if buf.gap_after() > 0 {
                    // A packet header fell in the gap: resynchronise on
                    // the next chunk (reads usually start at a packet).
                    buf.discard_to_gap();
                }
                break;
            }
            let len = u32::from_le_bytes([data[0], data[1], data[2], 0]) as usize;
            let seq = data[3];
            let start = buf.start();
            let complete = data.len() >= 4 + len;
            if !complete && buf.gap_after() == 0 {
                break;
            }
            let payload = data[4..data.len().min(4 + len)].to_vec();
            let missing = (4 + len).saturating_sub(data.len());
            if complete {
                buf.consume(4 + len);
            } else {
                buf.skip(4 + len as u64);
                let _ = buf.take_lost();
            }
            let p = Packet {
                start,
                len,
                seq,
                payload,
                missing,
                ts_ns: self.ts_ns[dir.index()],
            };
            if Some(dir) == self.to_server {
                self.client_packet(dir, &p, &mut out);
            } else {
                self.server_packet(dir, &p, &mut out);
            }
            if self.tls {
                break;
            }
        }
        Ok(out)
    }

    fn finish(&mut self) -> Vec<Message> {
        match self.multi.take() {
            Some(mut m) => {
                m.msg.errors.push("stream ended inside the reply".into());
                vec![finish_multi(m)]
            }
            None => Vec::new(),
        }
    }
}

/// One packet: header position, declared length, captured payload.
struct Packet {
    start: u64,
    len: usize,
    seq: u8,
    payload: Vec<u8>,
    missing: usize,
    ts_ns: u64,
}

impl Packet {
    /// Stream position of payload byte `i`.
    fn at(&self, i: usize) -> u64 {
        self.start + 4 + i as u64
    }

    fn message(&self, dir: Direction, kind: MessageKind) -> Message {
        let mut m = Message::new("mysql", dir, kind, self.ts_ns, self.start);
        m.len = 4 + self.len as u64;
        if self.missing > 0 {
            m.errors.push(format!(
                "packet cut by the capture ({} of {} bytes not captured)",
                self.missing,
                self.len + 4
            ));
        }
        m
    }

    fn header_fields(&self, f: &mut Fields) {
        f.open(
            "packet",
            format!("{} bytes, seq {}", self.len, self.seq),
            self.start,
            4,
        );
        f.add("length", self.len.to_string(), self.start, 3);
        f.add("sequence", self.seq.to_string(), self.start + 3, 1);
        f.close();
    }
}

/// A length-encoded integer.
fn lenenc(c: &mut Cursor<'_>) -> Option<u64> {
    match c.u8()? {
        x @ 0..=0xfa => Some(u64::from(x)),
        0xfc => c.u16_le().map(u64::from),
        0xfd => c.u24_le().map(u64::from),
        0xfe => c.u64_le(),
        _ => None,
    }
}

/// A length-encoded string.
fn lenenc_str<'a>(c: &mut Cursor<'a>) -> Option<&'a [u8]> {
    let n = lenenc(c)?;
    c.bytes(usize::try_from(n).ok()?)
}

fn command_name(c: u8) -> &'static str {
    match c {
        0x01 => "COM_QUIT",
        0x02 => "COM_INIT_DB",
        0x03 => "COM_QUERY",
        0x04 => "COM_FIELD_LIST",
        0x05 => "COM_CREATE_DB",
        0x06 => "COM_DROP_DB",
        0x07 => "COM_REFRESH",
        0x09 => "COM_STATISTICS",
        0x0a => "COM_PROCESS_INFO",
        0x0c => "COM_PROCESS_KILL",
        0x0d => "COM_DEBUG",
        0x0e => "COM_PING",
        0x11 => "COM_CHANGE_USER",
        0x12 => "COM_BINLOG_DUMP",
        0x16 => "COM_STMT_PREPARE",
        0x17 => "COM_STMT_EXECUTE",
        0x18 => "COM_STMT_SEND_LONG_DATA",
        0x19 => "COM_STMT_CLOSE",
        0x1a => "COM_STMT_RESET",
        0x1b => "COM_SET_OPTION",
        0x1c => "COM_STMT_FETCH",
        0x1f => "COM_RESET_CONNECTION",
        _ => "COM_UNKNOWN",
    }
}

fn finish_multi(mut m: Multi) -> Message {
    let cols = m.columns.join(", ");
    m.fields.add("columns", cols.clone(), m.msg.offset, 0);
    if m.has_rows {
        m.fields.add("rows", m.rows.to_string(), m.msg.offset, 0);
        m.msg.summary = format!(
            "result set: {} columns ({}), {} rows",
            m.columns.len(),
            printable_short(cols.as_bytes(), 100),
            m.rows
        );
    }
    m.msg.fields = m.fields.into_vec();
    m.msg
}

impl MysqlSession {
    fn client_packet(&mut self, dir: Direction, p: &Packet, out: &mut Vec<Message>) {
        let mut f = Fields::new();
        p.header_fields(&mut f);
        let mut c = Cursor::new(&p.payload, p.at(0));
        // The login request answers the greeting (sequence 1).
        if p.seq == 1 && self.awaiting == Awaiting::Login && self.commands == 0 {
            let mut m = p.message(dir, MessageKind::Request);
            m.pair_key = Some("login".into());
            m.summary = self.login(&mut c, &mut f, &mut m);
            m.fields = f.into_vec();
            out.push(m);
            return;
        }
        let Some(cmd) = c.u8() else {
            return;
        };
        self.commands += 1;
        let mut m = p.message(dir, MessageKind::Request);
        m.pair_key = Some(self.commands.to_string());
        f.add("command", command_name(cmd), p.at(0), 1);
        let rest = c.rest();
        let text = printable_short(rest, 2000);
        m.summary = match cmd {
            0x03 | 0x16 => {
                f.add(
                    if cmd == 0x03 { "query" } else { "statement" },
                    text.clone(),
                    p.at(1),
                    rest.len(),
                );
                format!("{} {}", command_name(cmd), printable_short(rest, 200))
            }
            0x02 | 0x05 | 0x06 => {
                f.add("schema", text.clone(), p.at(1), rest.len());
                format!("{} {text}", command_name(cmd))
            }
            0x17 | 0x19 | 0x1a | 0x1c => {
                let id = c.u32_le().map(|x| x.to_string()).unwrap_or_default();
                f.add("statement-id", id.clone(), p.at(1), 4);
                format!("{} {id}", command_name(cmd))
            }
            _ => command_name(cmd).to_string(),
        };
        self.awaiting = match cmd {
            0x03 | 0x17 => Awaiting::Query,
            0x16 => Awaiting::Prepare,
            0x01 | 0x18 | 0x19 => Awaiting::Nothing,
            _ => Awaiting::Simple,
        };
        m.fields = f.into_vec();
        out.push(m);
    }

    /// Decodes the login request; returns its summary.
    fn login(&mut self, c: &mut Cursor<'_>, f: &mut Fields, m: &mut Message) -> String {
        let at = c.offset();
        let Some(caps) = c.u32_le() else {
            m.errors.push("login request too short".into());
            return "login request".into();
        };
        f.add("client-capabilities", format!("0x{caps:08x}"), at, 4);
        if caps & PROTOCOL_41 == 0 {
            return "login request (pre-4.1 protocol)".into();
        }
        // What both ends support.
        self.caps = if self.caps == 0 {
            caps
        } else {
            self.caps & caps
        };
        let at = c.offset();
        if let Some(max) = c.u32_le() {
            f.add("max-packet", max.to_string(), at, 4);
        }
        let _ = c.skip(1 + 23);
        if c.is_empty() && caps & SSL != 0 {
            // SSLRequest: the rest of the connection is TLS.
            self.tls = true;
            return "SSL request (the rest is encrypted)".into();
        }
        let at = c.offset();
        let user = c.until(0).map(|u| printable_short(u, 100));
        if let Some(u) = &user {
            f.add("user", u.clone(), at, u.len());
        }
        let at = c.offset();
        let auth = if caps & LENENC_AUTH != 0 {
            lenenc_str(c)
        } else if caps & SECURE_CONNECTION != 0 {
            c.u8().and_then(|n| c.bytes(usize::from(n)))
        } else {
            c.until(0)
        };
        if let Some(a) = auth {
            f.add(
                "auth-response",
                format!("{} bytes", a.len()),
                at,
                (c.offset() - at) as usize,
            );
        }
        let mut db = None;
        if caps & CONNECT_WITH_DB != 0 {
            let at = c.offset();
            let d = c.until(0).unwrap_or_else(|| c.rest());
            if !d.is_empty() {
                let name = printable_short(d, 100);
                f.add("database", name.clone(), at, d.len());
                db = Some(name);
            }
        }
        let mut s = format!("login {}", user.as_deref().unwrap_or("?"));
        if let Some(d) = db {
            s.push_str(&format!(" database {d}"));
        }
        s
    }

    fn server_packet(&mut self, dir: Direction, p: &Packet, out: &mut Vec<Message>) {
        let first = p.payload.first().copied();
        // The greeting opens the connection.
        if p.seq == 0 && first == Some(10) && self.commands == 0 && self.multi.is_none() {
            out.push(self.greeting(dir, p));
            self.awaiting = Awaiting::Login;
            return;
        }
        if let Some(mut multi) = self.multi.take() {
            let mut c = Cursor::new(&p.payload, p.at(0));
            let is_eof = first == Some(0xfe) && p.len < 9;
            if multi.defs_left > 0 {
                multi.defs_left -= 1;
                if !is_eof
                    && multi.columns.len() < 4096
                    && let Some(name) = column_name(&mut c)
                {
                    multi.columns.push(name);
                }
                if multi.defs_left > 0 || multi.has_rows {
                    self.multi = Some(multi);
                    return;
                }
                out.push(finish_multi(multi));
                return;
            }
            let ends = is_eof
                || (first == Some(0xfe) && self.caps & DEPRECATE_EOF != 0)
                || first == Some(0xff);
            if ends {
                multi.msg.len = (p.start + 4 + p.len as u64).saturating_sub(multi.msg.offset);
                if first == Some(0xff) {
                    multi.msg.errors.push(error_text(&p.payload));
                }
                out.push(finish_multi(multi));
            } else {
                multi.rows += 1;
                multi.msg.len = (p.start + 4 + p.len as u64).saturating_sub(multi.msg.offset);
                self.multi = Some(multi);
            }
            return;
        }
        let key = if self.awaiting == Awaiting::Login {
            "login".to_string()
        } else {
            self.commands.to_string()
        };
        let mut m = p.message(dir, MessageKind::Response);
        m.pair_key = Some(key);
        let mut f = Fields::new();
        p.header_fields(&mut f);
        let mut c = Cursor::new(&p.payload, p.at(0));
        match first {
            Some(0x00) if self.awaiting == Awaiting::Prepare => {
                let _ = c.u8();
                let id = c.u32_le().unwrap_or(0);
                let cols = c.u16_le().unwrap_or(0);
                let params = c.u16_le().unwrap_or(0);
                f.add("statement-id", id.to_string(), p.at(1), 4);
                f.add("columns", cols.to_string(), p.at(5), 2);
                f.add("params", params.to_string(), p.at(7), 2);
                m.summary = format!("prepared statement {id}: {params} params, {cols} columns");
                let eofs = if self.caps & DEPRECATE_EOF != 0 {
                    0
                } else {
                    u64::from(params > 0) + u64::from(cols > 0)
                };
                let defs = u64::from(cols) + u64::from(params) + eofs;
                if defs > 0 {
                    self.multi = Some(Multi {
                        msg: m,
                        fields: f,
                        defs_left: defs,
                        columns: Vec::new(),
                        rows: 0,
                        has_rows: false,
                    });
                    self.awaiting = Awaiting::Nothing;
                    return;
                }
            }
            Some(0x00) => {
                let _ = c.u8();
                let rows = lenenc(&mut c).unwrap_or(0);
                let id = lenenc(&mut c).unwrap_or(0);
                f.add("affected-rows", rows.to_string(), p.at(1), 1);
                f.add("last-insert-id", id.to_string(), p.at(2), 1);
                m.summary = format!("OK, {rows} rows affected");
                if self.awaiting == Awaiting::Login {
                    m.summary = "login OK".into();
                }
            }
            Some(0xff) => {
                let text = error_text(&p.payload);
                let code = p
                    .payload
                    .get(1..3)
                    .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
                f.add("error-code", code.to_string(), p.at(1), 2);
                f.add(
                    "message",
                    text.clone(),
                    p.at(3),
                    p.payload.len().saturating_sub(3),
                );
                m.summary = format!("ERR {text}");
            }
            Some(0xfe) if self.awaiting == Awaiting::Login => {
                let _ = c.u8();
                let plugin = c
                    .until(0)
                    .map(|b| printable_short(b, 64))
                    .unwrap_or_default();
                f.add("auth-plugin", plugin.clone(), p.at(1), plugin.len());
                m.summary = format!("auth switch to {plugin}");
                m.kind = MessageKind::Other;
            }
            Some(0x01) if self.awaiting == Awaiting::Login => {
                m.summary = "auth more data".into();
                m.kind = MessageKind::Other;
            }
            Some(0xfe) if p.len < 9 => m.summary = "EOF".into(),
            Some(_) if self.awaiting == Awaiting::Query => {
                let n = lenenc(&mut c).unwrap_or(0);
                f.add("column-count", n.to_string(), p.at(0), 1);
                m.summary = format!("result set: {n} columns");
                let eof = u64::from(self.caps & DEPRECATE_EOF == 0);
                self.multi = Some(Multi {
                    msg: m,
                    fields: f,
                    defs_left: n.min(4096) + eof,
                    columns: Vec::new(),
                    rows: 0,
                    has_rows: true,
                });
                return;
            }
            Some(_) => {
                m.summary = printable_short(&p.payload, 120);
            }
            None => m.summary = "empty packet".into(),
        }
        m.fields = f.into_vec();
        out.push(m);
    }

    fn greeting(&mut self, dir: Direction, p: &Packet) -> Message {
        let mut m = p.message(dir, MessageKind::Other);
        let mut f = Fields::new();
        p.header_fields(&mut f);
        let mut c = Cursor::new(&p.payload, p.at(0));
        let _ = c.u8();
        f.add("protocol", "10", p.at(0), 1);
        let at = c.offset();
        let version = c
            .until(0)
            .map(|v| printable_short(v, 64))
            .unwrap_or_default();
        f.add("server-version", version.clone(), at, version.len());
        let at = c.offset();
        let conn = c.u32_le().unwrap_or(0);
        f.add("connection-id", conn.to_string(), at, 4);
        let _ = c.skip(8 + 1);
        let low = c.u16_le().unwrap_or(0);
        let _charset = c.u8();
        let _status = c.u16_le();
        let high = c.u16_le().unwrap_or(0);
        self.caps = u32::from(low) | (u32::from(high) << 16);
        f.add(
            "server-capabilities",
            format!("0x{:08x}", self.caps),
            p.at(0),
            0,
        );
        let auth_len = c.u8().unwrap_or(0);
        let _ = c.skip(10);
        let _ = c.skip(usize::from(auth_len.saturating_sub(8)).max(13));
        let at = c.offset();
        if let Some(plugin) = c.until(0).or_else(|| (!c.is_empty()).then(|| c.rest())) {
            f.add("auth-plugin", printable_short(plugin, 64), at, plugin.len());
        }
        m.summary = format!("server greeting: MySQL {version}, connection {conn}");
        m.fields = f.into_vec();
        m
    }
}

/// The text of an ERR packet: `code (sqlstate) message`.
fn error_text(payload: &[u8]) -> String {
    let mut c = Cursor::new(payload, 0);
    let _ = c.u8();
    let code = c.u16_le().unwrap_or(0);
    let state = if c.peek_u8() == Some(b'#') {
        let _ = c.u8();
        c.bytes(5)
            .map(|s| format!(" ({})", String::from_utf8_lossy(s)))
    } else {
        None
    };
    format!(
        "{code}{} {}",
        state.unwrap_or_default(),
        printable_short(c.rest(), 300)
    )
}

/// The name of a column definition packet (protocol 4.1).
fn column_name(c: &mut Cursor<'_>) -> Option<String> {
    for _ in 0..4 {
        lenenc_str(c)?; // catalog, schema, table, org_table
    }
    lenenc_str(c).map(|n| printable_short(n, 64))
}

#[cfg(test)]
mod tests;

//! TLS dissector: the record layer, the handshake messages sent in clear
//! (ClientHello and ServerHello with SNI, ALPN, versions, cipher suites,
//! groups; certificates when TLS 1.2 or older sends them in clear), alerts
//! and change-cipher-spec, and the sizes of encrypted records.
//!
//! Records carry their length, so a gap inside a record is skipped
//! exactly and decoding goes on with the next record.

mod names;
mod x509;

use scapscope_plugin_sdk::text::hex;
use scapscope_plugin_sdk::{
    Chunk, Cursor, DirBuf, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

use names::{alert_name, cipher_name, ext_name, group_name, sigalg_name, version_name};

/// The TLS dissector.
pub struct Tls;

impl Dissector for Tls {
    type Session = TlsSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "tls".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "TLS: records, ClientHello/ServerHello (SNI, ALPN, versions, ciphers), \
                          certificates in clear"
                .into(),
            protocols: vec!["tls".into(), "ssl".into()],
            default_ports: [443, 465, 636, 853, 993, 995, 2376, 5061, 6443, 8443]
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
        if d.len() < 6 || !is_record_header(d) {
            return 0;
        }
        // A handshake record starting with ClientHello or ServerHello.
        match (d[0], d[5]) {
            (22, 1) | (22, 2) => 95,
            (22, _) => 60,
            _ => 0,
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Tls);

/// Whether `d` starts with a plausible record header.
fn is_record_header(d: &[u8]) -> bool {
    d.len() >= 5
        && (20..=24).contains(&d[0])
        && d[1] == 3
        && d[2] <= 4
        && u16::from_be_bytes([d[3], d[4]]) <= 16384 + 2048
}

fn content_name(t: u8) -> &'static str {
    match t {
        20 => "ChangeCipherSpec",
        21 => "Alert",
        22 => "Handshake",
        23 => "ApplicationData",
        24 => "Heartbeat",
        _ => "Unknown",
    }
}

fn handshake_name(t: u8) -> &'static str {
    match t {
        0 => "HelloRequest",
        1 => "ClientHello",
        2 => "ServerHello",
        4 => "NewSessionTicket",
        5 => "EndOfEarlyData",
        8 => "EncryptedExtensions",
        11 => "Certificate",
        12 => "ServerKeyExchange",
        13 => "CertificateRequest",
        14 => "ServerHelloDone",
        15 => "CertificateVerify",
        16 => "ClientKeyExchange",
        20 => "Finished",
        24 => "KeyUpdate",
        _ => "Handshake",
    }
}

/// Handshake bytes waiting for the rest of their message, with where each
/// piece lies in the stream (handshake messages may span records).
#[derive(Debug, Default)]
struct HsBuf {
    data: Vec<u8>,
    /// `(index in data, stream position)` of each record's piece.
    map: Vec<(usize, u64)>,
    ts_ns: u64,
}

impl HsBuf {
    fn push(&mut self, bytes: &[u8], at: u64, ts_ns: u64) {
        if self.data.is_empty() {
            self.ts_ns = ts_ns;
        }
        self.map.push((self.data.len(), at));
        self.data.extend_from_slice(bytes);
    }

    /// Stream position of byte `i` of the buffer.
    fn pos(&self, i: usize) -> u64 {
        let k = self.map.partition_point(|&(start, _)| start <= i);
        let (start, at) = self.map[k.saturating_sub(1)];
        at + (i - start) as u64
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.data.len());
        self.data.drain(..n);
        if self.data.is_empty() {
            self.map.clear();
            return;
        }
        // The piece holding byte `n` now starts at 0; later ones shift.
        let k = self.map.partition_point(|&(start, _)| start <= n);
        let mut map = Vec::with_capacity(self.map.len() - k + 1);
        if k > 0 {
            let (start, at) = self.map[k - 1];
            map.push((0, at + (n - start) as u64));
        }
        map.extend(self.map[k..].iter().map(|&(start, at)| (start - n, at)));
        self.map = map;
    }
}

#[derive(Debug, Default)]
struct Dir {
    buf: DirBuf,
    hs: HsBuf,
    /// A ChangeCipherSpec was seen: handshake records are encrypted now.
    encrypted: bool,
    /// Lost track of record boundaries: wait for a chunk starting with a
    /// record header.
    lost: bool,
    ts_ns: u64,
}

/// Decoding state of one TLS connection.
#[derive(Debug, Default)]
pub struct TlsSession {
    dirs: [Dir; 2],
    /// TLS 1.3 was negotiated: everything after ServerHello is encrypted.
    tls13: bool,
}

impl Session for TlsSession {
    fn new(_context: StreamContext) -> Self {
        TlsSession::default()
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let di = chunk.direction.index();
        let d = &mut self.dirs[di];
        d.ts_ns = chunk.ts_ns;
        if d.lost {
            if !is_record_header(&chunk.data) {
                return Ok(Vec::new());
            }
            d.buf.discard_to_gap();
            d.lost = false;
        }
        d.buf.push(&chunk);
        let mut out = Vec::new();
        loop {
            let d = &mut self.dirs[di];
            if d.buf.skipping() > 0 {
                break;
            }
            let data = d.buf.data();
            if data.len() < 5 {
                if d.buf.gap_after() > 0 {
                    d.buf.discard_to_gap();
                    d.lost = true;
                }
                break;
            }
            if !is_record_header(data) {
                let mut m = Message::new(
                    "tls",
                    chunk.direction,
                    MessageKind::Other,
                    d.ts_ns,
                    d.buf.start(),
                );
                m.summary = "not a TLS record".into();
                m.errors
                    .push(format!("bytes {} are not a record header", hex(&data[..5])));
                out.push(m);
                d.buf.discard_to_gap();
                d.lost = true;
                break;
            }
            let len = usize::from(u16::from_be_bytes([data[3], data[4]]));
            let start = d.buf.start();
            if data.len() >= 5 + len {
                let record = data[..5 + len].to_vec();
                d.buf.consume(5 + len);
                self.record(chunk.direction, &record, start, None, &mut out);
            } else if d.buf.gap_after() > 0 {
                // The record runs into lost bytes: decode what is there and
                // skip exactly to the next record.
                let record = data.to_vec();
                let missing = 5 + len - record.len();
                d.buf.skip(5 + len as u64);
                let _ = d.buf.take_lost();
                self.record(chunk.direction, &record, start, Some(missing), &mut out);
            } else {
                break;
            }
        }
        Ok(out)
    }
}

impl TlsSession {
    /// Decodes one record (`missing`: bytes of it the capture lost).
    fn record(
        &mut self,
        dir: Direction,
        rec: &[u8],
        at: u64,
        missing: Option<usize>,
        out: &mut Vec<Message>,
    ) {
        let ctype = rec[0];
        let version = u16::from_be_bytes([rec[1], rec[2]]);
        let len = usize::from(u16::from_be_bytes([rec[3], rec[4]]));
        let body = &rec[5..];
        let ts_ns = self.dirs[dir.index()].ts_ns;
        // In TLS 1.3 everything after ServerHello is encrypted; earlier
        // versions switch at ChangeCipherSpec.
        let encrypted_hs = self.dirs[dir.index()].encrypted || self.tls13;
        let record_fields = |f: &mut Fields| {
            f.open("record", content_name(ctype), at, 5 + len);
            f.add("content-type", content_name(ctype), at, 1);
            f.add("version", version_name(version), at + 1, 2);
            f.add("length", len.to_string(), at + 3, 2);
            f.close();
        };
        let cut = |m: &mut Message| {
            if let Some(n) = missing {
                m.errors.push(format!(
                    "record cut by the capture ({n} bytes not captured)"
                ));
            }
        };
        match ctype {
            22 if !encrypted_hs && missing.is_none() => {
                let d = &mut self.dirs[dir.index()];
                d.hs.push(body, at + 5, ts_ns);
                self.handshakes(dir, out);
            }
            22 if !encrypted_hs => {
                // A cut handshake record: decode the messages it completes
                // and report the rest.
                let d = &mut self.dirs[dir.index()];
                d.hs.push(body, at + 5, ts_ns);
                self.handshakes(dir, out);
                let d = &mut self.dirs[dir.index()];
                if !d.hs.data.is_empty() {
                    let t = d.hs.data[0];
                    let mut m = Message::new("tls", dir, hs_kind(t), d.hs.ts_ns, d.hs.pos(0));
                    m.summary = format!("{} (cut)", handshake_name(t));
                    m.len = d.hs.data.len() as u64 + missing.unwrap_or(0) as u64;
                    let mut f = Fields::new();
                    f.add("handshake-type", handshake_name(t), d.hs.pos(0), 1);
                    m.fields = f.into_vec();
                    cut(&mut m);
                    out.push(m);
                    d.hs = HsBuf::default();
                }
            }
            20 => {
                let mut m = Message::new("tls", dir, MessageKind::Other, ts_ns, at);
                m.summary = "ChangeCipherSpec".into();
                m.len = (5 + len) as u64;
                let mut f = Fields::new();
                record_fields(&mut f);
                m.fields = f.into_vec();
                cut(&mut m);
                out.push(m);
                self.dirs[dir.index()].encrypted = true;
            }
            21 if !encrypted_hs && body.len() >= 2 => {
                let mut m = Message::new("tls", dir, MessageKind::Other, ts_ns, at);
                let level = if body[0] == 2 { "fatal" } else { "warning" };
                m.summary = format!("Alert {level} {}", alert_name(body[1]));
                m.len = (5 + len) as u64;
                let mut f = Fields::new();
                record_fields(&mut f);
                f.add("level", level, at + 5, 1);
                f.add("description", alert_name(body[1]), at + 6, 1);
                m.fields = f.into_vec();
                cut(&mut m);
                out.push(m);
            }
            _ => {
                let mut m = Message::new("tls", dir, MessageKind::Other, ts_ns, at);
                m.summary = if ctype == 22 || ctype == 21 {
                    format!("encrypted {} ({len} bytes)", content_name(ctype))
                } else {
                    format!("{} ({len} bytes)", content_name(ctype))
                };
                m.len = (5 + len) as u64;
                let mut f = Fields::new();
                record_fields(&mut f);
                m.fields = f.into_vec();
                cut(&mut m);
                out.push(m);
            }
        }
    }

    /// Decodes the complete handshake messages buffered in `dir`.
    fn handshakes(&mut self, dir: Direction, out: &mut Vec<Message>) {
        loop {
            let d = &mut self.dirs[dir.index()];
            let buf = &d.hs.data;
            if buf.len() < 4 {
                return;
            }
            let t = buf[0];
            let len = u32::from_be_bytes([0, buf[1], buf[2], buf[3]]) as usize;
            if buf.len() < 4 + len {
                return;
            }
            let body = buf[4..4 + len].to_vec();
            let at = d.hs.pos(0);
            let ts_ns = d.hs.ts_ns;
            let pos_of = |i: usize| d.hs.pos(4 + i);
            let mut m = Message::new("tls", dir, hs_kind(t), ts_ns, at);
            m.len = d.hs.pos(4 + len).saturating_sub(at);
            let mut f = Fields::new();
            f.open("handshake", handshake_name(t), at, 4 + len);
            f.add("type", handshake_name(t), at, 1);
            f.add("length", len.to_string(), at + 1, 3);
            let summary = match t {
                1 => client_hello(&body, &pos_of, &mut f, &mut m),
                2 => {
                    let (s, tls13) = server_hello(&body, &pos_of, &mut f, &mut m);
                    if tls13 {
                        self.tls13 = true;
                    }
                    s
                }
                11 => certificate(&body, &pos_of, &mut f, &mut m),
                _ => handshake_name(t).to_string(),
            };
            f.close();
            m.summary = summary;
            m.fields = f.into_vec();
            if matches!(t, 1 | 2) {
                m.pair_key = Some("hello".into());
            }
            out.push(m);
            let d = &mut self.dirs[dir.index()];
            d.hs.consume(4 + len);
            if t == 2 && self.tls13 {
                // Everything after ServerHello is encrypted in TLS 1.3.
                d.hs = HsBuf::default();
                return;
            }
        }
    }
}

fn hs_kind(t: u8) -> MessageKind {
    match t {
        1 => MessageKind::Request,
        2 => MessageKind::Response,
        _ => MessageKind::Other,
    }
}

/// Decodes a ClientHello; returns its summary.
fn client_hello(b: &[u8], pos: &dyn Fn(usize) -> u64, f: &mut Fields, m: &mut Message) -> String {
    let mut c = Cursor::new(b, 0);
    let Some(info) = hello_common(&mut c, pos, f) else {
        m.errors.push("ClientHello too short".into());
        return "ClientHello (malformed)".into();
    };
    let mut ciphers = Vec::new();
    let cs_at = c.pos();
    if let Some(n) = c.u16_be() {
        let mut cc = Cursor::new(c.bytes(usize::from(n)).unwrap_or_default(), 0);
        while let Some(x) = cc.u16_be() {
            ciphers.push(x);
        }
        f.open(
            "cipher-suites",
            format!("{} suites", ciphers.len()),
            pos(cs_at),
            2 + usize::from(n),
        );
        for (k, &x) in ciphers.iter().enumerate() {
            f.add("cipher-suite", cipher_name(x), pos(cs_at + 2 + 2 * k), 2);
        }
        f.close();
    }
    if let Some(n) = c.u8() {
        let _ = c.skip(usize::from(n));
    }
    let ext = extensions(&mut c, pos, f, true);
    let version = ext
        .versions
        .first()
        .map(|&v| version_name(v))
        .unwrap_or_else(|| version_name(info.version));
    let mut s = format!("ClientHello {version}");
    if let Some(sni) = &ext.sni {
        s.push_str(&format!(" SNI={sni}"));
    }
    if !ext.alpn.is_empty() {
        s.push_str(&format!(" ALPN={}", ext.alpn.join(",")));
    }
    s.push_str(&format!(" ({} ciphers)", ciphers.len()));
    s
}

/// Decodes a ServerHello; returns its summary and whether it selected
/// TLS 1.3.
fn server_hello(
    b: &[u8],
    pos: &dyn Fn(usize) -> u64,
    f: &mut Fields,
    m: &mut Message,
) -> (String, bool) {
    let mut c = Cursor::new(b, 0);
    let Some(info) = hello_common(&mut c, pos, f) else {
        m.errors.push("ServerHello too short".into());
        return ("ServerHello (malformed)".into(), false);
    };
    let at = c.pos();
    let cipher = c.u16_be().unwrap_or(0);
    f.add("cipher-suite", cipher_name(cipher), pos(at), 2);
    let at = c.pos();
    if let Some(comp) = c.u8() {
        f.add("compression", comp.to_string(), pos(at), 1);
    }
    let ext = extensions(&mut c, pos, f, false);
    let selected = ext.versions.first().copied().unwrap_or(info.version);
    // SHA-256("HelloRetryRequest"), RFC 8446 4.1.3.
    const HRR: [u8; 8] = [0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11];
    let hrr = info.random.starts_with(&HRR);
    let mut s = format!(
        "{} {} {}",
        if hrr {
            "HelloRetryRequest"
        } else {
            "ServerHello"
        },
        version_name(selected),
        cipher_name(cipher)
    );
    if let Some(a) = ext.alpn.first() {
        s.push_str(&format!(" ALPN={a}"));
    }
    (s, selected == 0x0304 && !hrr)
}

struct HelloInfo {
    version: u16,
    random: Vec<u8>,
}

/// The fields ClientHello and ServerHello share: version, random, session
/// id.
fn hello_common(
    c: &mut Cursor<'_>,
    pos: &dyn Fn(usize) -> u64,
    f: &mut Fields,
) -> Option<HelloInfo> {
    let at = c.pos();
    let version = c.u16_be()?;
    f.add("version", version_name(version), pos(at), 2);
    let at = c.pos();
    let random = c.bytes(32)?.to_vec();
    f.add("random", hex(&random), pos(at), 32);
    let at = c.pos();
    let n = usize::from(c.u8()?);
    let sid = c.bytes(n)?;
    f.add("session-id", hex(sid), pos(at), 1 + n);
    Some(HelloInfo { version, random })
}

#[derive(Default)]
struct Extensions {
    sni: Option<String>,
    alpn: Vec<String>,
    versions: Vec<u16>,
}

/// Decodes the extension block at the cursor.
fn extensions(
    c: &mut Cursor<'_>,
    pos: &dyn Fn(usize) -> u64,
    f: &mut Fields,
    client: bool,
) -> Extensions {
    let mut out = Extensions::default();
    let at = c.pos();
    let Some(total) = c.u16_be() else {
        return out;
    };
    let Some(block) = c.bytes(usize::from(total)) else {
        return out;
    };
    let base = at + 2;
    let mut e = Cursor::new(block, 0);
    f.open("extensions", "", pos(at), 2 + usize::from(total));
    let mut count = 0;
    let group_at = f.len() - 1;
    while let (Some(t), Some(n)) = (e.u16_be(), e.u16_be()) {
        let data_at = base + e.pos();
        let Some(data) = e.bytes(usize::from(n)) else {
            break;
        };
        count += 1;
        let mut d = Cursor::new(data, 0);
        let value: String = match t {
            0 => {
                // server_name: list of (type, name).
                let _ = d.u16_be();
                let mut names = Vec::new();
                while let (Some(_), Some(l)) = (d.u8(), d.u16_be()) {
                    match d.bytes(usize::from(l)) {
                        Some(nm) => names.push(String::from_utf8_lossy(nm).into_owned()),
                        None => break,
                    }
                }
                if let Some(first) = names.first() {
                    out.sni = Some(first.clone());
                }
                names.join(", ")
            }
            16 => {
                let _ = d.u16_be();
                while let Some(l) = d.u8() {
                    match d.bytes(usize::from(l)) {
                        Some(p) => out.alpn.push(String::from_utf8_lossy(p).into_owned()),
                        None => break,
                    }
                }
                out.alpn.join(", ")
            }
            43 => {
                if client {
                    let _ = d.u8();
                }
                while let Some(v) = d.u16_be() {
                    out.versions.push(v);
                }
                out.versions
                    .iter()
                    .map(|&v| version_name(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
            10 => {
                let _ = d.u16_be();
                let mut v = Vec::new();
                while let Some(g) = d.u16_be() {
                    v.push(group_name(g));
                }
                v.join(", ")
            }
            13 => {
                let _ = d.u16_be();
                let mut v = Vec::new();
                while let Some(s) = d.u16_be() {
                    v.push(sigalg_name(s));
                }
                v.join(", ")
            }
            51 => {
                // key_share: client list, or one server entry.
                if client {
                    let _ = d.u16_be();
                }
                let mut v = Vec::new();
                while let (Some(g), Some(l)) = (d.u16_be(), d.u16_be()) {
                    v.push(group_name(g));
                    if d.skip(usize::from(l)).is_none() {
                        break;
                    }
                }
                v.join(", ")
            }
            _ => format!("{n} bytes"),
        };
        f.add(&ext_name(t), value, pos(data_at - 4), 4 + usize::from(n));
    }
    f.set_value(group_at, format!("{count} extensions"));
    f.close();
    out
}

/// Decodes a Certificate message (TLS 1.2 and older send it in clear).
fn certificate(b: &[u8], pos: &dyn Fn(usize) -> u64, f: &mut Fields, m: &mut Message) -> String {
    let mut c = Cursor::new(b, 0);
    let Some(total) = c.u24_be() else {
        m.errors.push("Certificate too short".into());
        return "Certificate (malformed)".into();
    };
    let mut subjects = Vec::new();
    let end = 3 + total as usize;
    while c.pos() < end {
        let at = c.pos();
        let Some(n) = c.u24_be() else { break };
        let Some(der) = c.bytes(n as usize) else {
            m.errors.push("certificate list cut short".into());
            break;
        };
        let cert = x509::summary(der);
        f.open(
            "certificate",
            cert.subject_cn
                .clone()
                .unwrap_or_else(|| format!("{n} bytes")),
            pos(at),
            3 + n as usize,
        );
        let der_at = pos(at + 3);
        if let Some(s) = &cert.subject {
            f.add("subject", s.clone(), der_at, n as usize);
        }
        if let Some(s) = &cert.issuer {
            f.add("issuer", s.clone(), der_at, n as usize);
        }
        if let (Some(a), Some(b)) = (&cert.not_before, &cert.not_after) {
            f.add("validity", format!("{a} to {b}"), der_at, n as usize);
        }
        if !cert.dns_names.is_empty() {
            f.add(
                "subject-alt-names",
                cert.dns_names.join(", "),
                der_at,
                n as usize,
            );
        }
        if cert.subject.is_none() {
            m.errors
                .push("certificate not decoded (not X.509 DER?)".into());
        }
        f.close();
        subjects.push(cert.subject_cn.unwrap_or_else(|| "?".into()));
    }
    format!("Certificate {}", subjects.join(" <- "))
}

#[cfg(test)]
mod tests;

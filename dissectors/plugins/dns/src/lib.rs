//! DNS dissector: queries and responses over UDP (one message per
//! datagram) and TCP (two-byte length prefix), with the common record
//! types decoded (A, AAAA, CNAME, NS, PTR, MX, TXT, SOA, SRV, CAA, OPT,
//! SVCB/HTTPS and the DNSSEC ones by name) and compressed names followed
//! safely.
//!
//! Queries and responses pair by id, name and type.

use scapscope_plugin_sdk::text::{hex, printable_short};
use scapscope_plugin_sdk::{
    Chunk, Cursor, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

/// The DNS dissector.
pub struct Dns;

impl Dissector for Dns {
    type Session = DnsSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "dns".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "DNS over UDP and TCP: queries, responses, all common record types".into(),
            protocols: vec!["dns".into()],
            default_ports: [
                (Transport::Udp, 53),
                (Transport::Tcp, 53),
                (Transport::Udp, 5353),
            ]
            .into_iter()
            .map(|(transport, port)| PortHint { transport, port })
            .collect(),
        }
    }

    fn probe(context: &StreamContext, first: &Chunk) -> u8 {
        let msg = match context.transport {
            Transport::Udp => &first.data[..],
            Transport::Tcp | Transport::OtherIp => {
                let Some(len) = first.data.get(..2) else {
                    return 0;
                };
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                let body = &first.data[2..];
                if len < 12 || (first.missing_after == 0 && body.len() > len) {
                    return 0;
                }
                body
            }
            _ => return 0,
        };
        let Some(h) = Header::parse(&mut Cursor::new(msg, 0)) else {
            return 0;
        };
        let plausible = h.opcode <= 6
            && h.qdcount >= 1
            && h.qdcount <= 4
            && h.ancount <= 256
            && h.nscount <= 256
            && h.arcount <= 256;
        if !plausible {
            return 0;
        }
        // The question must parse.
        let mut c = Cursor::new(msg, 0);
        let _ = c.skip(12);
        match read_name(&mut c, msg) {
            Some((_, _)) if c.remaining() >= 4 => {
                if context.has_port(53) || context.has_port(5353) {
                    95
                } else {
                    70
                }
            }
            _ => 0,
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Dns);

/// Decoding state of one DNS stream (only TCP needs any).
pub struct DnsSession {
    transport: Transport,
    bufs: DirBufs,
    /// Time of the chunk that started the TCP message being read.
    started_ns: [u64; 2],
}

impl Session for DnsSession {
    fn new(context: StreamContext) -> Self {
        DnsSession {
            transport: context.transport,
            bufs: DirBufs::default(),
            started_ns: [0; 2],
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        if chunk.datagram || self.transport == Transport::Udp {
            let mut m = decode(&chunk.data, chunk.offset, chunk.direction, chunk.ts_ns);
            if chunk.missing_after > 0 {
                m.errors.push(format!(
                    "datagram cut by the capture ({} bytes not captured)",
                    chunk.missing_after
                ));
                m.len += chunk.missing_after;
            }
            return Ok(vec![m]);
        }
        let d = chunk.direction;
        let buf = self.bufs.get(d);
        if buf.is_empty() && buf.skipping() == 0 {
            self.started_ns[d.index()] = chunk.ts_ns;
        }
        let buf = self.bufs.push(&chunk);
        let mut out = Vec::new();
        loop {
            if buf.skipping() > 0 {
                break;
            }
            let data = buf.data();
            let Some(len) = data
                .get(..2)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            else {
                if buf.gap_after() > 0 {
                    buf.discard_to_gap();
                }
                break;
            };
            let start = buf.start();
            if data.len() >= 2 + len {
                let mut m = decode(&data[2..2 + len], start + 2, d, self.started_ns[d.index()]);
                m.offset = start;
                m.len += 2;
                out.push(m);
                buf.consume(2 + len);
                self.started_ns[d.index()] = chunk.ts_ns;
            } else if buf.gap_after() > 0 {
                // The message runs into bytes the capture lost: decode
                // what is there, then skip to the next message.
                let have = data.len() - 2;
                let mut m = decode(&data[2..], start + 2, d, self.started_ns[d.index()]);
                m.offset = start;
                // It ends after the gap, or inside it.
                m.len = (2 + len as u64).min(data.len() as u64 + buf.gap_after());
                m.errors.push(format!(
                    "message cut by the capture ({} of {len} bytes captured)",
                    have
                ));
                out.push(m);
                buf.skip(2 + len as u64);
                let _ = buf.take_lost();
                self.started_ns[d.index()] = chunk.ts_ns;
            } else {
                break;
            }
        }
        Ok(out)
    }
}

/// The fixed header.
#[derive(Debug, Clone, Copy)]
struct Header {
    id: u16,
    flags: u16,
    opcode: u16,
    qdcount: u16,
    ancount: u16,
    nscount: u16,
    arcount: u16,
}

impl Header {
    fn parse(c: &mut Cursor<'_>) -> Option<Header> {
        let id = c.u16_be()?;
        let flags = c.u16_be()?;
        Some(Header {
            id,
            flags,
            opcode: (flags >> 11) & 0xf,
            qdcount: c.u16_be()?,
            ancount: c.u16_be()?,
            nscount: c.u16_be()?,
            arcount: c.u16_be()?,
        })
    }

    fn is_response(&self) -> bool {
        self.flags & 0x8000 != 0
    }

    fn rcode(&self) -> u16 {
        self.flags & 0xf
    }
}

/// Reads a (possibly compressed) name at the cursor; returns it and the
/// bytes it takes at that position. Pointers are followed at most 64
/// times and must point backwards, so a malicious loop ends.
fn read_name(c: &mut Cursor<'_>, msg: &[u8]) -> Option<(String, usize)> {
    let start = c.pos();
    let mut name = String::new();
    let mut pos = start;
    let mut end: Option<usize> = None;
    let mut jumps = 0;
    loop {
        let len = *msg.get(pos)?;
        match len & 0xc0 {
            0x00 => {
                if len == 0 {
                    pos += 1;
                    break;
                }
                let label = msg.get(pos + 1..pos + 1 + usize::from(len))?;
                if !name.is_empty() {
                    name.push('.');
                }
                for &b in label {
                    if b.is_ascii_graphic() && b != b'.' && b != b'\\' {
                        name.push(char::from(b));
                    } else {
                        name.push_str(&format!("\\{b:03}"));
                    }
                }
                if name.len() > 1024 {
                    return None;
                }
                pos += 1 + usize::from(len);
            }
            0xc0 => {
                let target = usize::from(u16::from_be_bytes([len & 0x3f, *msg.get(pos + 1)?]));
                if end.is_none() {
                    end = Some(pos + 2);
                }
                jumps += 1;
                if jumps > 64 || target >= pos {
                    return None;
                }
                pos = target;
            }
            _ => return None,
        }
    }
    let end = end.unwrap_or(pos);
    c.seek(end)?;
    if name.is_empty() {
        name.push('.');
    }
    Some((name, end - start))
}

fn type_name(t: u16) -> String {
    let s = match t {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        13 => "HINFO",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        35 => "NAPTR",
        39 => "DNAME",
        41 => "OPT",
        43 => "DS",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        50 => "NSEC3",
        52 => "TLSA",
        64 => "SVCB",
        65 => "HTTPS",
        99 => "SPF",
        251 => "IXFR",
        252 => "AXFR",
        255 => "ANY",
        257 => "CAA",
        _ => return format!("TYPE{t}"),
    };
    s.to_string()
}

fn class_name(c: u16) -> String {
    match c {
        1 => "IN".into(),
        3 => "CH".into(),
        4 => "HS".into(),
        255 => "ANY".into(),
        _ => format!("CLASS{c}"),
    }
}

fn rcode_name(r: u16) -> &'static str {
    match r {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        _ => "RCODE?",
    }
}

/// Decodes one DNS message (`msg`, whose first byte is at stream
/// position `base`). Never fails: what cannot be decoded is reported in
/// the message's errors.
pub fn decode(msg: &[u8], base: u64, dir: Direction, ts_ns: u64) -> Message {
    let mut m = Message::new("dns", dir, MessageKind::Other, ts_ns, base);
    m.len = msg.len() as u64;
    let mut f = Fields::new();
    let mut c = Cursor::new(msg, base);
    let Some(h) = Header::parse(&mut c) else {
        m.summary = "DNS (too short for a header)".into();
        m.errors
            .push(format!("{} bytes, a header needs 12", msg.len()));
        return m;
    };
    m.kind = if h.is_response() {
        MessageKind::Response
    } else {
        MessageKind::Request
    };
    f.open("header", "", base, 12);
    f.add("id", format!("0x{:04x}", h.id), base, 2);
    f.open("flags", format!("0x{:04x}", h.flags), base + 2, 2);
    let bit = |b: u16| if h.flags & b != 0 { "1" } else { "0" };
    f.add(
        "qr",
        if h.is_response() { "response" } else { "query" },
        base + 2,
        1,
    );
    f.add("opcode", h.opcode.to_string(), base + 2, 1);
    f.add("aa", bit(0x0400), base + 2, 1);
    f.add("tc", bit(0x0200), base + 2, 1);
    f.add("rd", bit(0x0100), base + 2, 1);
    f.add("ra", bit(0x0080), base + 3, 1);
    f.add("rcode", rcode_name(h.rcode()), base + 3, 1);
    f.close();
    f.add("qdcount", h.qdcount.to_string(), base + 4, 2);
    f.add("ancount", h.ancount.to_string(), base + 6, 2);
    f.add("nscount", h.nscount.to_string(), base + 8, 2);
    f.add("arcount", h.arcount.to_string(), base + 10, 2);
    f.close();

    let mut question = String::new();
    let mut qtype = String::new();
    let mut answers: Vec<String> = Vec::new();
    let mut truncated = false;
    if h.qdcount > 0 {
        f.open("questions", h.qdcount.to_string(), c.offset(), 0);
        for _ in 0..h.qdcount {
            let at = c.offset();
            let Some((name, _)) = read_name(&mut c, msg) else {
                truncated = true;
                break;
            };
            let (Some(t), Some(cl)) = (c.u16_be(), c.u16_be()) else {
                truncated = true;
                break;
            };
            if question.is_empty() {
                question = name.clone();
                qtype = type_name(t);
            }
            f.open(
                "question",
                format!("{name} {} {}", type_name(t), class_name(cl)),
                at,
                (c.offset() - at) as usize,
            );
            f.add("name", name, at, (c.offset() - at - 4) as usize);
            f.add("type", type_name(t), c.offset() - 4, 2);
            f.add("class", class_name(cl), c.offset() - 2, 2);
            f.close();
        }
        f.close();
    }
    for (section, count) in [
        ("answers", h.ancount),
        ("authority", h.nscount),
        ("additional", h.arcount),
    ] {
        if count == 0 || truncated {
            continue;
        }
        f.open(section, count.to_string(), c.offset(), 0);
        for _ in 0..count {
            match read_rr(&mut c, msg, &mut f) {
                Some(text) => {
                    if section == "answers" {
                        answers.push(text);
                    }
                }
                None => {
                    truncated = true;
                    break;
                }
            }
        }
        f.close();
    }
    if truncated {
        m.errors
            .push("message ends inside a record (cut or malformed)".into());
    } else if c.remaining() > 0 {
        m.errors
            .push(format!("{} bytes after the last record", c.remaining()));
    }
    m.pair_key = Some(format!("{:04x} {question} {qtype}", h.id));
    m.summary = if h.is_response() {
        let shown: Vec<&str> = answers.iter().take(4).map(String::as_str).collect();
        let more = answers.len().saturating_sub(4);
        let more = if more > 0 {
            format!(" (+{more})")
        } else {
            String::new()
        };
        format!(
            "response {qtype} {question} {}: {}{more}",
            rcode_name(h.rcode()),
            if shown.is_empty() {
                "no answer".to_string()
            } else {
                shown.join(", ")
            }
        )
    } else {
        format!("query {qtype} {question}")
    };
    m.fields = f.into_vec();
    m
}

/// Reads one resource record, adds its fields, and returns its data as
/// text.
fn read_rr(c: &mut Cursor<'_>, msg: &[u8], f: &mut Fields) -> Option<String> {
    let at = c.offset();
    let (name, _) = read_name(c, msg)?;
    let name_len = (c.offset() - at) as usize;
    let t = c.u16_be()?;
    let class = c.u16_be()?;
    let ttl = c.u32_be()?;
    let rdlen = usize::from(c.u16_be()?);
    let rd_at = c.offset();
    let rd_pos = c.pos();
    let rdata = c.bytes(rdlen)?;
    let data =
        rdata_text(t, rdata, msg, rd_pos).unwrap_or_else(|| format!("\\# {rdlen} {}", hex(rdata)));
    let total = (c.offset() - at) as usize;
    if t == 41 {
        // OPT pseudo-record: class is the UDP payload size.
        f.open("opt", format!("EDNS udp {class}"), at, total);
        f.add(
            "udp-payload-size",
            class.to_string(),
            at + name_len as u64 + 2,
            2,
        );
        f.add(
            "extended",
            format!("0x{ttl:08x}"),
            at + name_len as u64 + 4,
            4,
        );
        f.add("options", data.clone(), rd_at, rdlen);
        f.close();
        return Some(data);
    }
    f.open(
        "rr",
        format!("{name} {} {ttl} {data}", type_name(t)),
        at,
        total,
    );
    f.add("name", name, at, name_len);
    f.add("type", type_name(t), at + name_len as u64, 2);
    f.add("class", class_name(class), at + name_len as u64 + 2, 2);
    f.add("ttl", ttl.to_string(), at + name_len as u64 + 4, 4);
    f.add("data", data.clone(), rd_at, rdlen);
    f.close();
    Some(data)
}

/// The data of a record as text, for the types that have a text form.
fn rdata_text(t: u16, rd: &[u8], msg: &[u8], rd_pos: usize) -> Option<String> {
    // Names inside rdata may be compressed: read them from the message.
    let name_at = |off: usize| -> Option<(String, usize)> {
        let mut c = Cursor::new(msg, 0);
        c.seek(rd_pos + off)?;
        read_name(&mut c, msg)
    };
    let mut c = Cursor::new(rd, 0);
    Some(match t {
        1 if rd.len() == 4 => format!("{}.{}.{}.{}", rd[0], rd[1], rd[2], rd[3]),
        28 if rd.len() == 16 => {
            let a: [u8; 16] = rd.try_into().ok()?;
            std::net::Ipv6Addr::from(a).to_string()
        }
        2 | 5 | 12 | 39 => name_at(0)?.0,
        15 => {
            let pref = c.u16_be()?;
            format!("{pref} {}", name_at(2)?.0)
        }
        33 => {
            let (prio, weight, port) = (c.u16_be()?, c.u16_be()?, c.u16_be()?);
            format!("{prio} {weight} {port} {}", name_at(6)?.0)
        }
        6 => {
            let (mname, n1) = name_at(0)?;
            let (rname, n2) = name_at(n1)?;
            let mut c = Cursor::new(rd, 0);
            c.seek(n1 + n2)?;
            let (serial, refresh, retry, expire, min) = (
                c.u32_be()?,
                c.u32_be()?,
                c.u32_be()?,
                c.u32_be()?,
                c.u32_be()?,
            );
            format!("{mname} {rname} {serial} {refresh} {retry} {expire} {min}")
        }
        16 | 99 => {
            let mut parts = Vec::new();
            while !c.is_empty() {
                let n = usize::from(c.u8()?);
                parts.push(format!("\"{}\"", printable_short(c.bytes(n)?, 255)));
            }
            parts.join(" ")
        }
        257 => {
            let flags = c.u8()?;
            let n = usize::from(c.u8()?);
            let tag = printable_short(c.bytes(n)?, 64);
            format!("{flags} {tag} \"{}\"", printable_short(c.rest(), 255))
        }
        64 | 65 => {
            let prio = c.u16_be()?;
            let (target, n) = name_at(2)?;
            format!(
                "{prio} {target} ({} bytes of params)",
                rd.len().saturating_sub(2 + n)
            )
        }
        41 => {
            let mut opts = Vec::new();
            while !c.is_empty() {
                let code = c.u16_be()?;
                let n = usize::from(c.u16_be()?);
                c.skip(n)?;
                opts.push(match code {
                    8 => "client-subnet".to_string(),
                    10 => "cookie".to_string(),
                    12 => "padding".to_string(),
                    _ => format!("option {code}"),
                });
            }
            if opts.is_empty() {
                "no options".into()
            } else {
                opts.join(", ")
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response for www.example.com A with a compressed CNAME and an A.
    fn sample() -> Vec<u8> {
        let mut m = vec![0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0];
        m.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01");
        // CNAME: name -> pointer to offset 12, rdata "cdn" + pointer to 16.
        m.extend_from_slice(&[0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6]);
        m.extend_from_slice(b"\x03cdn\xc0\x10");
        m.extend_from_slice(&[0xc0, 45, 0, 1, 0, 1, 0, 0, 1, 0, 0, 4, 93, 184, 216, 34]);
        m
    }

    fn value<'a>(m: &'a Message, name: &str) -> Vec<&'a str> {
        m.fields
            .iter()
            .filter(|f| f.name == name)
            .map(|f| f.value.as_str())
            .collect()
    }

    #[test]
    fn decodes_compressed_answers() {
        let m = decode(&sample(), 100, Direction::Inbound, 7);
        assert_eq!(m.kind, MessageKind::Response);
        assert!(m.errors.is_empty(), "{:?}", m.errors);
        assert_eq!(
            m.summary,
            "response A www.example.com NOERROR: cdn.example.com, 93.184.216.34"
        );
        assert_eq!(value(&m, "id"), ["0x1234"]);
        assert_eq!(value(&m, "rcode"), ["NOERROR"]);
        assert_eq!(
            value(&m, "rr"),
            [
                "www.example.com CNAME 60 cdn.example.com",
                "cdn.example.com A 256 93.184.216.34"
            ]
        );
        let data = m.fields.iter().filter(|f| f.name == "data").nth(1).unwrap();
        assert_eq!((data.offset, data.len), (100 + 63, 4));
        assert_eq!(m.pair_key.as_deref(), Some("1234 www.example.com A"));
    }

    #[test]
    fn pointer_loops_and_cuts_are_reported_not_followed() {
        let mut m = sample();
        // The CNAME's owner now points at itself.
        m[34] = 33;
        let d = decode(&m, 0, Direction::Inbound, 0);
        assert!(!d.errors.is_empty());
        for n in 0..sample().len() {
            let d = decode(&sample()[..n], 0, Direction::Inbound, 0);
            assert_eq!(d.errors.is_empty(), n == sample().len(), "{n}");
        }
    }

    #[test]
    fn tcp_messages_are_length_prefixed_and_may_span_chunks() {
        let ctx = StreamContext {
            transport: Transport::Tcp,
            role: scapscope_plugin_sdk::Role::Client,
            client_port: Some(5000),
            server_port: Some(53),
            process_name: "dig".into(),
            fd_name: String::new(),
        };
        let msg = sample();
        let mut framed = (msg.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&msg);
        framed.extend_from_slice(&framed.clone());
        let mut s = DnsSession::new(ctx.clone());
        let chunk = |off: usize, end: usize| Chunk {
            direction: Direction::Inbound,
            ts_ns: off as u64,
            offset: off as u64,
            data: framed[off..end].to_vec(),
            missing_after: 0,
            datagram: false,
        };
        assert_eq!(Dns::probe(&ctx, &chunk(0, 40)), 95);
        let a = s.feed(chunk(0, 40)).unwrap();
        assert!(a.is_empty());
        let b = s.feed(chunk(40, framed.len())).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].offset, (msg.len() + 2) as u64);
        assert_eq!(b[1].len, (msg.len() + 2) as u64);
        assert_eq!(b[0].summary, b[1].summary);
    }

    #[test]
    fn probe_rejects_other_protocols() {
        let ctx = StreamContext {
            transport: Transport::Udp,
            role: scapscope_plugin_sdk::Role::Client,
            client_port: Some(5000),
            server_port: Some(514),
            process_name: "x".into(),
            fd_name: String::new(),
        };
        let c = |d: &[u8]| Chunk {
            direction: Direction::Outbound,
            ts_ns: 0,
            offset: 0,
            data: d.to_vec(),
            missing_after: 0,
            datagram: true,
        };
        assert_eq!(Dns::probe(&ctx, &c(b"<13>Aug 17 syslog message here")), 0);
        assert_eq!(Dns::probe(&ctx, &c(&sample())), 70);
    }
}

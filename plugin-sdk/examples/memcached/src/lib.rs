//! memcached text protocol dissector: an example community plugin.
//!
//! Requests are lines (`get k1 k2`, `set k 0 60 5` followed by a 5-byte
//! data block, `delete k`, `incr k 1`, …); responses are lines too
//! (`STORED`, `VALUE k 0 5` + data … `END`, `NOT_FOUND`, numbers). The
//! protocol answers in order, so requests and responses pair by their
//! sequence number on the connection.

use scapscope_plugin_sdk::text::{line, parse_u64, printable_short};
use scapscope_plugin_sdk::{
    Chunk, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

/// The plugin.
pub struct Memcached;

const COMMANDS: &[&str] = &[
    "get",
    "gets",
    "gat",
    "gats",
    "set",
    "add",
    "replace",
    "append",
    "prepend",
    "cas",
    "delete",
    "incr",
    "decr",
    "touch",
    "stats",
    "version",
    "verbosity",
    "flush_all",
    "quit",
];

/// Commands followed by a data block of the size given in the line.
const STORAGE: &[&str] = &["set", "add", "replace", "append", "prepend", "cas"];

impl Dissector for Memcached {
    type Session = MemcachedSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "memcached".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "memcached text protocol (example community plugin)".into(),
            protocols: vec!["memcached".into()],
            default_ports: vec![PortHint {
                transport: Transport::Tcp,
                port: 11211,
            }],
        }
    }

    fn probe(_context: &StreamContext, first: &Chunk) -> u8 {
        let Some((l, _)) = line(&first.data) else {
            return 0;
        };
        let word = l.split(|&b| b == b' ').next().unwrap_or_default();
        let known = COMMANDS.iter().any(|c| c.as_bytes() == word);
        if known && l.len() < 2048 { 80 } else { 0 }
    }
}

scapscope_plugin_sdk::register_dissector!(Memcached);

/// One connection.
#[derive(Default)]
pub struct MemcachedSession {
    bufs: DirBufs,
    /// Which direction carries requests (the first to send a command).
    requests: Option<Direction>,
    seq: [u64; 2],
}

impl Session for MemcachedSession {
    fn new(_context: StreamContext) -> Self {
        MemcachedSession::default()
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let dir = chunk.direction;
        if self.requests.is_none() && Memcached::probe(&MemcachedSession::ctx(), &chunk) > 0 {
            self.requests = Some(dir);
        }
        let is_request = self.requests == Some(dir);
        let buf = self.bufs.push(&chunk);
        let mut out = Vec::new();
        loop {
            let start = buf.start();
            let data = buf.data();
            let Some((l, n)) = line(data) else {
                if buf.gap_after() > 0 {
                    buf.discard_to_gap();
                }
                break;
            };
            let words: Vec<&[u8]> = l.split(|&b| b == b' ').filter(|w| !w.is_empty()).collect();
            let cmd =
                String::from_utf8_lossy(words.first().copied().unwrap_or_default()).into_owned();
            // A data block follows storage commands and VALUE lines.
            let block = if is_request && STORAGE.contains(&cmd.as_str()) {
                words.get(4).and_then(|w| parse_u64(w))
            } else if !is_request && cmd == "VALUE" {
                words.get(3).and_then(|w| parse_u64(w))
            } else {
                None
            };
            let total = n as u64 + block.map_or(0, |b| b + 2);
            if (data.len() as u64) < total && buf.gap_after() == 0 {
                break;
            }
            let kind = if is_request {
                MessageKind::Request
            } else {
                MessageKind::Response
            };
            let mut m = Message::new("memcached", dir, kind, chunk.ts_ns, start);
            m.len = total;
            let mut f = Fields::new();
            f.open("line", printable_short(l, 200), start, l.len());
            f.add("command", cmd.clone(), start, cmd.len());
            if let Some(key) = words.get(1) {
                let at = start + (key.as_ptr() as usize - l.as_ptr() as usize) as u64;
                f.add("key", printable_short(key, 250), at, key.len());
            }
            f.close();
            if let Some(b) = block {
                let captured = (data.len() - n).min(b as usize);
                f.add(
                    "data",
                    printable_short(&data[n..n + captured], 120),
                    start + n as u64,
                    b as usize,
                );
            }
            m.fields = f.into_vec();
            m.summary = printable_short(l, 120);
            // Multi-line responses (VALUE … END, STAT … END) pair as one:
            // only their last line takes the next sequence number.
            let ends_reply = is_request || !matches!(cmd.as_str(), "VALUE" | "STAT");
            if ends_reply {
                self.seq[dir.index()] += 1;
            }
            m.pair_key = Some((self.seq[dir.index()] + u64::from(!ends_reply)).to_string());
            if !ends_reply {
                m.kind = MessageKind::Other;
            }
            out.push(m);
            if (data.len() as u64) < total {
                buf.skip(total);
                let lost = buf.take_lost();
                if let Some(m) = out.last_mut() {
                    m.errors.push(format!("{lost} bytes not captured"));
                }
            } else {
                buf.consume(total as usize);
            }
        }
        Ok(out)
    }
}

impl MemcachedSession {
    fn ctx() -> StreamContext {
        StreamContext {
            transport: Transport::Tcp,
            role: scapscope_plugin_sdk::Role::Unknown,
            client_port: None,
            server_port: None,
            process_name: String::new(),
            fd_name: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(direction: Direction, offset: u64, data: &[u8]) -> Chunk {
        Chunk {
            direction,
            ts_ns: offset,
            offset,
            data: data.to_vec(),
            missing_after: 0,
            datagram: false,
        }
    }

    #[test]
    fn set_get_pairs() {
        let mut s = MemcachedSession::new(MemcachedSession::ctx());
        let mut m = s
            .feed(chunk(
                Direction::Outbound,
                0,
                b"set k 0 60 5\r\nhello\r\nget k\r\n",
            ))
            .unwrap();
        m.extend(
            s.feed(chunk(
                Direction::Inbound,
                0,
                b"STORED\r\nVALUE k 0 5\r\nhello\r\nEND\r\n",
            ))
            .unwrap(),
        );
        let got: Vec<(&str, MessageKind, &str)> = m
            .iter()
            .map(|m| {
                (
                    m.summary.as_str(),
                    m.kind,
                    m.pair_key.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("set k 0 60 5", MessageKind::Request, "1"),
                ("get k", MessageKind::Request, "2"),
                ("STORED", MessageKind::Response, "1"),
                ("VALUE k 0 5", MessageKind::Other, "2"),
                ("END", MessageKind::Response, "2"),
            ]
        );
        assert_eq!(m[0].len, 21);
        assert_eq!(m[1].offset, 21);
    }
}

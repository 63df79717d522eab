//! Redis dissector: RESP2 and RESP3 requests (arrays of bulk strings, or
//! inline commands) and replies of every type, in order, so commands and
//! replies pair by sequence number. Pipelined commands in one chunk are
//! split; values are decoded recursively with bounded depth and size.

use scapscope_plugin_sdk::text::{line, parse_u64, printable_short};
use scapscope_plugin_sdk::{
    Chunk, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

/// Deepest nesting decoded.
const MAX_DEPTH: usize = 16;
/// Most elements of one aggregate listed as fields.
const MAX_LISTED: usize = 64;

/// The Redis dissector.
pub struct Redis;

impl Dissector for Redis {
    type Session = RedisSession;

    fn metadata() -> Metadata {
        Metadata {
            name: "redis".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Redis RESP2/RESP3: commands and replies".into(),
            protocols: vec!["redis".into(), "resp".into()],
            default_ports: [6379, 6380, 26379]
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
        let mut fields = Fields::new();
        match parse(&first.data, 0, 0, &mut fields) {
            // A command: an array whose first element is a bulk string.
            Parsed::Value { value, .. } if first.data[0] == b'*' && value.words.is_some() => {
                if context.has_port(6379) {
                    95
                } else {
                    70
                }
            }
            Parsed::More
                if first.data.starts_with(b"*")
                    && first.data.len() > 4
                    && context.has_port(6379) =>
            {
                60
            }
            _ => 0,
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Redis);

/// A decoded value, summarised.
struct Value {
    text: String,
    /// For arrays of bulk strings: the strings (a command).
    words: Option<Vec<String>>,
    error: bool,
}

enum Parsed {
    /// A complete value of `len` bytes.
    Value { value: Value, len: usize },
    /// Not enough bytes yet.
    More,
    /// Not RESP.
    Invalid(String),
}

/// Parses one value at `b[0..]`, whose first byte is at stream position
/// `at`, adding its fields at the current depth.
fn parse(b: &[u8], at: u64, depth: usize, f: &mut Fields) -> Parsed {
    let Some(&t) = b.first() else {
        return Parsed::More;
    };
    let Some((l, n)) = line(b) else {
        return if b.len() > 64 * 1024 {
            Parsed::Invalid("line too long".into())
        } else {
            Parsed::More
        };
    };
    let body = &l[1.min(l.len())..];
    let count = || -> Result<Option<u64>, String> {
        if body == b"-1" {
            return Ok(None);
        }
        parse_u64(body)
            .map(Some)
            .ok_or_else(|| format!("bad length {}", printable_short(body, 20)))
    };
    match t {
        b'+' | b'-' | b':' | b'_' | b'#' | b',' | b'(' => {
            let name = match t {
                b'+' => "simple-string",
                b'-' => "error",
                b':' => "integer",
                b'_' => "null",
                b'#' => "boolean",
                b',' => "double",
                _ => "big-number",
            };
            let text = printable_short(body, 200);
            f.add(name, text.clone(), at, l.len());
            Parsed::Value {
                value: Value {
                    text: match t {
                        b'+' | b'-' => text,
                        b'_' => "(nil)".into(),
                        _ => format!("({name}) {text}"),
                    },
                    words: None,
                    error: t == b'-',
                },
                len: n,
            }
        }
        b'$' | b'!' | b'=' => {
            let len = match count() {
                Ok(Some(x)) => x as usize,
                Ok(None) => {
                    f.add("bulk-string", "(nil)", at, l.len());
                    return Parsed::Value {
                        value: Value {
                            text: "(nil)".into(),
                            words: None,
                            error: false,
                        },
                        len: n,
                    };
                }
                Err(e) => return Parsed::Invalid(e),
            };
            if len > 512 << 20 {
                return Parsed::Invalid(format!("bulk string of {len} bytes"));
            }
            if b.len() < n + len + 2 {
                return Parsed::More;
            }
            let data = &b[n..n + len];
            let text = printable_short(data, 200);
            let name = match t {
                b'$' => "bulk-string",
                b'!' => "bulk-error",
                _ => "verbatim-string",
            };
            f.add(name, text.clone(), at + n as u64, len);
            Parsed::Value {
                value: Value {
                    text: format!("\"{text}\""),
                    words: Some(vec![String::from_utf8_lossy(data).into_owned()]),
                    error: t == b'!',
                },
                len: n + len + 2,
            }
        }
        b'*' | b'~' | b'>' | b'%' | b'|' => {
            if depth >= MAX_DEPTH {
                return Parsed::Invalid("nested too deeply".into());
            }
            let items = match count() {
                Ok(Some(x)) => x * if matches!(t, b'%' | b'|') { 2 } else { 1 },
                Ok(None) => {
                    f.add("array", "(nil)", at, l.len());
                    return Parsed::Value {
                        value: Value {
                            text: "(nil)".into(),
                            words: None,
                            error: false,
                        },
                        len: n,
                    };
                }
                Err(e) => return Parsed::Invalid(e),
            };
            let name = match t {
                b'*' => "array",
                b'~' => "set",
                b'>' => "push",
                b'%' => "map",
                _ => "attribute",
            };
            let group = f.len();
            f.open(name, format!("{items} elements"), at, 0);
            let mut pos = n;
            let mut words = Some(Vec::new());
            let mut texts = Vec::new();
            let mut listed = Fields::new();
            for k in 0..items {
                // Past MAX_LISTED, elements are parsed (to find the end)
                // but not listed.
                let sink = if (k as usize) < MAX_LISTED {
                    &mut *f
                } else {
                    &mut listed
                };
                match parse(&b[pos..], at + pos as u64, depth + 1, sink) {
                    Parsed::Value { value, len } => {
                        pos += len;
                        match (&mut words, value.words) {
                            (Some(w), Some(mut v)) if v.len() == 1 => w.append(&mut v),
                            _ => words = None,
                        }
                        if texts.len() < 8 {
                            texts.push(value.text);
                        }
                    }
                    other => {
                        f.close();
                        return other;
                    }
                }
            }
            f.close();
            f.set_len(group, pos);
            Parsed::Value {
                value: Value {
                    text: format!("{name} of {items}: [{}]", texts.join(", ")),
                    words: words.filter(|w| !w.is_empty()),
                    error: false,
                },
                len: pos,
            }
        }
        _ => {
            // An inline command: words separated by spaces.
            let words: Vec<String> = l
                .split(|&c| c == b' ')
                .filter(|w| !w.is_empty())
                .map(|w| String::from_utf8_lossy(w).into_owned())
                .collect();
            if words.is_empty() || !l.iter().all(|c| c.is_ascii_graphic() || *c == b' ') {
                return Parsed::Invalid("not RESP".into());
            }
            f.add("inline-command", printable_short(l, 200), at, l.len());
            Parsed::Value {
                value: Value {
                    text: words.join(" "),
                    words: Some(words),
                    error: false,
                },
                len: n,
            }
        }
    }
}

/// One connection.
#[derive(Default)]
pub struct RedisSession {
    bufs: DirBufs,
    /// The direction carrying commands, once known.
    commands: Option<Direction>,
    seq: [u64; 2],
    lost: [bool; 2],
}

impl Session for RedisSession {
    fn new(context: StreamContext) -> Self {
        let commands = context.to_server(Direction::Outbound).map(|to_server| {
            if to_server {
                Direction::Outbound
            } else {
                Direction::Inbound
            }
        });
        RedisSession {
            commands,
            ..RedisSession::default()
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let dir = chunk.direction;
        let di = dir.index();
        if self.lost[di] {
            // Back in step at a chunk that starts with a type byte.
            if !chunk
                .data
                .first()
                .is_some_and(|b| b"+-:$*_#,(!=%~>|".contains(b))
            {
                return Ok(Vec::new());
            }
            self.bufs.get(dir).discard_to_gap();
            self.lost[di] = false;
        }
        if self.commands.is_none() && chunk.data.first() == Some(&b'*') {
            self.commands = Some(dir);
        }
        let is_request = self.commands == Some(dir);
        let buf = self.bufs.push(&chunk);
        let mut out = Vec::new();
        while !buf.is_empty() {
            let start = buf.start();
            let mut f = Fields::new();
            let parsed = parse(buf.data(), start, 0, &mut f);
            let (value, len) = match parsed {
                Parsed::Value { value, len } => (value, len),
                Parsed::More if buf.gap_after() == 0 => break,
                Parsed::More | Parsed::Invalid(_) => {
                    let why = match parsed {
                        Parsed::Invalid(e) => e,
                        _ => format!("value cut by the capture ({} bytes lost)", buf.gap_after()),
                    };
                    let kind = if is_request {
                        MessageKind::Request
                    } else {
                        MessageKind::Response
                    };
                    let mut m = Message::new("redis", dir, kind, chunk.ts_ns, start);
                    m.summary = printable_short(buf.data(), 60);
                    m.len = buf.data().len() as u64 + buf.gap_after();
                    m.errors.push(why);
                    self.seq[di] += 1;
                    m.pair_key = Some(self.seq[di].to_string());
                    out.push(m);
                    buf.discard_to_gap();
                    self.lost[di] = true;
                    break;
                }
            };
            self.seq[di] += 1;
            let kind = if is_request {
                MessageKind::Request
            } else {
                MessageKind::Response
            };
            let mut m = Message::new("redis", dir, kind, chunk.ts_ns, start);
            m.len = len as u64;
            m.pair_key = Some(self.seq[di].to_string());
            m.summary = match (&value.words, is_request) {
                (Some(w), true) => {
                    let cmd = w.first().map(|c| c.to_uppercase()).unwrap_or_default();
                    let args: Vec<String> = w[1..]
                        .iter()
                        .take(4)
                        .map(|a| printable_short(a.as_bytes(), 40))
                        .collect();
                    format!("{cmd} {}", args.join(" ")).trim_end().to_string()
                }
                _ => printable_short(value.text.as_bytes(), 160),
            };
            if value.error {
                m.errors.push(value.text.clone());
            }
            m.fields = f.into_vec();
            out.push(m);
            buf.consume(len);
        }
        Ok(out)
    }
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
            server_port: Some(6379),
            process_name: "redis-cli".into(),
            fd_name: String::new(),
        }
    }

    fn run(chunks: &[(Direction, &[u8], u64)]) -> Vec<Message> {
        let mut s = RedisSession::new(ctx());
        let mut off = [0u64; 2];
        let mut out = Vec::new();
        for (k, (d, data, missing)) in chunks.iter().enumerate() {
            out.extend(
                s.feed(Chunk {
                    direction: *d,
                    ts_ns: k as u64,
                    offset: off[d.index()],
                    data: data.to_vec(),
                    missing_after: *missing,
                    datagram: false,
                })
                .unwrap(),
            );
            off[d.index()] += data.len() as u64 + missing;
        }
        out
    }

    const OUT: Direction = Direction::Outbound;
    const IN: Direction = Direction::Inbound;

    #[test]
    fn pipelined_commands_and_replies() {
        let m = run(&[
            (
                OUT,
                b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n*2\r\n$3\r\nget\r\n$1",
                0,
            ),
            (OUT, b"\r\nk\r\nPING\r\n", 0),
            (
                IN,
                b"+OK\r\n$5\r\nhello\r\n+PONG\r\n-ERR wrong\r\n*2\r\n:1\r\n$-1\r\n",
                0,
            ),
        ]);
        let s: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (m.summary.as_str(), m.pair_key.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            s,
            [
                ("SET k hello", "1"),
                ("GET k", "2"),
                ("PING", "3"),
                ("OK", "1"),
                ("\"hello\"", "2"),
                ("PONG", "3"),
                ("ERR wrong", "4"),
                ("array of 2: [(integer) 1, (nil)]", "5"),
            ]
        );
        assert_eq!(m[0].len, 31);
        assert_eq!(m[1].offset, 31);
        assert_eq!(m[6].errors, ["ERR wrong"]);
        let hello = m[0]
            .fields
            .iter()
            .filter(|f| f.name == "bulk-string")
            .nth(2)
            .unwrap();
        assert_eq!(
            (hello.offset, hello.len, hello.value.as_str()),
            (24, 5, "hello")
        );
    }

    #[test]
    fn resp3_nesting_and_limits() {
        let m = run(&[(IN, b"%1\r\n+key\r\n~2\r\n#t\r\n,1.5\r\n", 0)]);
        assert_eq!(m.len(), 1);
        assert!(m[0].summary.starts_with("map of 2"), "{}", m[0].summary);
        let deep = "*1\r\n".repeat(40) + ":1\r\n";
        let m = run(&[(IN, deep.as_bytes(), 0)]);
        assert!(
            m[0].errors.iter().any(|e| e.contains("deeply")),
            "{:?}",
            m[0].errors
        );
    }

    #[test]
    fn a_cut_value_resyncs_on_the_next_chunk() {
        let m = run(&[(IN, b"$100\r\nabc", 97 + 2), (IN, b"+OK\r\n", 0)]);
        assert_eq!(m.len(), 2);
        assert!(m[0].errors[0].contains("cut by the capture"));
        assert_eq!(m[1].summary, "OK");
        assert_eq!(m[1].offset, 108);
    }
}

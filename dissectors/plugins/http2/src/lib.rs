//! HTTP/2 dissector: the connection preface, every frame, header blocks
//! decoded with HPACK (one dynamic table per direction), and gRPC on top
//! (method names from `:path`, length-prefixed messages in DATA frames,
//! `grpc-status` in trailers).
//!
//! A HEADERS block (with its CONTINUATION frames) is one message: a
//! request from the client, a response (or trailers) from the server,
//! paired by stream id. Other frames are messages of kind `other`.
//! Frames carry their length, so bytes the capture lost are skipped
//! exactly; HPACK state cannot survive lost header blocks, and the
//! messages that follow say so.

mod hpack;
mod huffman_table;

use std::collections::HashMap;

use scapscope_plugin_sdk::text::{hex, printable_short};
use scapscope_plugin_sdk::{
    Chunk, Cursor, DirBufs, Direction, Dissector, Fields, Message, MessageKind, Metadata, PortHint,
    Session, StreamContext, Transport,
};

pub use hpack::{Decoder, Header, huffman};

/// The client connection preface.
pub const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// The HTTP/2 dissector.
pub struct Http2;

impl Dissector for Http2 {
    type Session = H2Session;

    fn metadata() -> Metadata {
        Metadata {
            name: "http2".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "HTTP/2 (h2c or decrypted): frames, HPACK headers, gRPC".into(),
            protocols: vec!["http/2".into(), "h2".into(), "grpc".into()],
            default_ports: [50051, 2379, 8081, 9090]
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
        if d.starts_with(PREFACE)
            || (d.len() < PREFACE.len() && PREFACE.starts_with(d) && d.len() >= 8)
        {
            return 100;
        }
        // The server speaks first with SETTINGS on stream 0.
        if d.len() >= 9 && d[3] == 4 && d[5..9] == [0, 0, 0, 0] {
            let len = u32::from_be_bytes([0, d[0], d[1], d[2]]);
            if len.is_multiple_of(6) && len <= 60 {
                return 70;
            }
        }
        0
    }
}

scapscope_plugin_sdk::register_dissector!(Http2);

fn frame_name(t: u8) -> &'static str {
    match t {
        0 => "DATA",
        1 => "HEADERS",
        2 => "PRIORITY",
        3 => "RST_STREAM",
        4 => "SETTINGS",
        5 => "PUSH_PROMISE",
        6 => "PING",
        7 => "GOAWAY",
        8 => "WINDOW_UPDATE",
        9 => "CONTINUATION",
        _ => "UNKNOWN",
    }
}

fn error_name(code: u32) -> String {
    let s = match code {
        0 => "NO_ERROR",
        1 => "PROTOCOL_ERROR",
        2 => "INTERNAL_ERROR",
        3 => "FLOW_CONTROL_ERROR",
        4 => "SETTINGS_TIMEOUT",
        5 => "STREAM_CLOSED",
        6 => "FRAME_SIZE_ERROR",
        7 => "REFUSED_STREAM",
        8 => "CANCEL",
        9 => "COMPRESSION_ERROR",
        10 => "CONNECT_ERROR",
        11 => "ENHANCE_YOUR_CALM",
        12 => "INADEQUATE_SECURITY",
        13 => "HTTP_1_1_REQUIRED",
        _ => return format!("0x{code:x}"),
    };
    s.into()
}

fn setting_name(id: u16) -> String {
    let s = match id {
        1 => "HEADER_TABLE_SIZE",
        2 => "ENABLE_PUSH",
        3 => "MAX_CONCURRENT_STREAMS",
        4 => "INITIAL_WINDOW_SIZE",
        5 => "MAX_FRAME_SIZE",
        6 => "MAX_HEADER_LIST_SIZE",
        8 => "ENABLE_CONNECT_PROTOCOL",
        _ => return format!("0x{id:x}"),
    };
    s.into()
}

/// A header block being gathered (HEADERS then CONTINUATION frames).
#[derive(Debug)]
struct Block {
    stream: u32,
    block: Vec<u8>,
    /// `(index in block, stream position)` of each frame's piece.
    map: Vec<(usize, u64)>,
    start: u64,
    ts_ns: u64,
    end_stream: bool,
    promise: Option<u32>,
}

impl Block {
    fn pos(&self, i: usize) -> u64 {
        let k = self.map.partition_point(|&(s, _)| s <= i);
        let (s, at) = self.map[k.saturating_sub(1)];
        at + (i - s) as u64
    }
}

#[derive(Debug, Default)]
struct Dir {
    hpack: Decoder,
    block: Option<Block>,
    /// The HPACK table lost step (a header block fell in a gap).
    hpack_broken: bool,
    /// Waiting for a chunk that starts at a frame boundary.
    lost: bool,
}

/// What a stream is, for gRPC.
#[derive(Debug, Default, Clone)]
struct StreamInfo {
    path: Option<String>,
    grpc: bool,
    /// Response headers were seen (the next HEADERS are trailers).
    responded: bool,
}

/// One connection.
#[derive(Debug, Default)]
pub struct H2Session {
    bufs: DirBufs,
    dirs: [Dir; 2],
    /// The client's direction, once known.
    client: Option<Direction>,
    /// The client's preface is still expected.
    preface: bool,
    streams: HashMap<u32, StreamInfo>,
}

impl Session for H2Session {
    fn new(context: StreamContext) -> Self {
        let client = context.to_server(Direction::Outbound).map(|out| {
            if out {
                Direction::Outbound
            } else {
                Direction::Inbound
            }
        });
        H2Session {
            client,
            preface: true,
            ..H2Session::default()
        }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let dir = chunk.direction;
        let di = dir.index();
        if self.client.is_none() {
            self.client = Some(
                if chunk.data.starts_with(&PREFACE[..8.min(chunk.data.len())]) {
                    dir
                } else {
                    dir.flip()
                },
            );
        }
        if self.dirs[di].lost {
            // Resynchronise on a chunk that starts with a plausible frame.
            let d = &chunk.data;
            if d.len() < 9 || d[3] > 9 {
                return Ok(Vec::new());
            }
            self.bufs.get(dir).discard_to_gap();
            self.dirs[di].lost = false;
        }
        let mut out = Vec::new();
        let buf = self.bufs.push(&chunk);
        if self.preface && Some(dir) == self.client {
            if buf.data().len() < PREFACE.len() && buf.gap_after() == 0 {
                return Ok(out);
            }
            if buf.data().starts_with(PREFACE) {
                let mut m =
                    Message::new("http2", dir, MessageKind::Other, chunk.ts_ns, buf.start());
                m.summary = "connection preface".into();
                m.len = PREFACE.len() as u64;
                out.push(m);
                buf.consume(PREFACE.len());
            }
            self.preface = false;
        }
        loop {
            let buf = self.bufs.get(dir);
            if buf.skipping() > 0 {
                break;
            }
            let data = buf.data();
            if data.len() < 9 {
                if buf.gap_after() > 0 {
                    buf.discard_to_gap();
                    self.dirs[di].lost = true;
                }
                break;
            }
            let len = u32::from_be_bytes([0, data[0], data[1], data[2]]) as usize;
            let ty = data[3];
            let flags = data[4];
            let stream = u32::from_be_bytes([data[5], data[6], data[7], data[8]]) & 0x7fff_ffff;
            let start = buf.start();
            let complete = data.len() >= 9 + len;
            if !complete && buf.gap_after() == 0 {
                if len > 1 << 24 {
                    buf.discard_to_gap();
                    self.dirs[di].lost = true;
                }
                break;
            }
            let payload = data[9..data.len().min(9 + len)].to_vec();
            let missing = (9 + len).saturating_sub(data.len());
            if complete {
                buf.consume(9 + len);
            } else {
                buf.skip(9 + len as u64);
                let _ = buf.take_lost();
            }
            let f = Frame {
                ty,
                flags,
                stream,
                start,
                len,
                payload,
                missing,
                ts_ns: chunk.ts_ns,
            };
            self.frame(dir, &f, &mut out);
        }
        Ok(out)
    }
}

/// One frame.
struct Frame {
    ty: u8,
    flags: u8,
    stream: u32,
    start: u64,
    len: usize,
    payload: Vec<u8>,
    missing: usize,
    ts_ns: u64,
}

impl Frame {
    fn at(&self, i: usize) -> u64 {
        self.start + 9 + i as u64
    }

    fn header_fields(&self, f: &mut Fields) {
        f.open("frame", frame_name(self.ty), self.start, 9 + self.len);
        f.add("length", self.len.to_string(), self.start, 3);
        f.add("type", frame_name(self.ty), self.start + 3, 1);
        f.add("flags", format!("0x{:02x}", self.flags), self.start + 4, 1);
        f.add("stream", self.stream.to_string(), self.start + 5, 4);
        f.close();
    }

    /// The payload without padding (for DATA, HEADERS, PUSH_PROMISE with
    /// PADDED), and the index of its first byte in `payload`.
    fn unpadded(&self) -> (usize, &[u8]) {
        if self.flags & 0x8 != 0 && matches!(self.ty, 0 | 1 | 5) {
            let pad = usize::from(self.payload.first().copied().unwrap_or(0));
            let end = self.payload.len().saturating_sub(pad).max(1);
            (1, self.payload.get(1..end).unwrap_or_default())
        } else {
            (0, &self.payload)
        }
    }
}

impl H2Session {
    fn frame(&mut self, dir: Direction, fr: &Frame, out: &mut Vec<Message>) {
        let di = dir.index();
        let cut = |m: &mut Message| {
            if fr.missing > 0 {
                m.errors.push(format!(
                    "frame cut by the capture ({} of {} bytes not captured)",
                    fr.missing,
                    9 + fr.len
                ));
            }
        };
        match fr.ty {
            1 | 5 | 9 => {
                if fr.missing > 0 {
                    // HPACK cannot skip a block: its table is now unknown.
                    self.dirs[di].hpack_broken = true;
                    self.dirs[di].block = None;
                    let mut m = Message::new("http2", dir, MessageKind::Other, fr.ts_ns, fr.start);
                    m.len = (9 + fr.len) as u64;
                    m.summary = format!("{} stream {} (cut)", frame_name(fr.ty), fr.stream);
                    cut(&mut m);
                    out.push(m);
                    return;
                }
                let (skip, mut body) = fr.unpadded();
                let mut skip = skip;
                let mut promise = None;
                if fr.ty == 1 && fr.flags & 0x20 != 0 {
                    // PRIORITY fields.
                    body = body.get(5..).unwrap_or_default();
                    skip += 5;
                }
                if fr.ty == 5 {
                    promise = body
                        .get(..4)
                        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) & 0x7fff_ffff);
                    body = body.get(4..).unwrap_or_default();
                    skip += 4;
                }
                let d = &mut self.dirs[di];
                if fr.ty == 9 {
                    match d.block.as_mut() {
                        Some(b) if b.stream == fr.stream => {
                            b.map.push((b.block.len(), fr.at(skip)));
                            b.block.extend_from_slice(body);
                        }
                        _ => {
                            let mut m =
                                Message::new("http2", dir, MessageKind::Other, fr.ts_ns, fr.start);
                            m.len = (9 + fr.len) as u64;
                            m.summary = format!("CONTINUATION stream {} out of place", fr.stream);
                            m.errors.push("CONTINUATION without a header block".into());
                            out.push(m);
                            return;
                        }
                    }
                } else {
                    d.block = Some(Block {
                        stream: fr.stream,
                        block: body.to_vec(),
                        map: vec![(0, fr.at(skip))],
                        start: fr.start,
                        ts_ns: fr.ts_ns,
                        end_stream: fr.flags & 0x1 != 0,
                        promise,
                    });
                }
                if fr.flags & 0x4 != 0 {
                    // END_HEADERS.
                    if let Some(b) = self.dirs[di].block.take() {
                        let end = fr.start + 9 + fr.len as u64;
                        out.push(self.headers(dir, b, end));
                    }
                }
            }
            0 => {
                let (skip, body) = fr.unpadded();
                let info = self.streams.get(&fr.stream).cloned().unwrap_or_default();
                let mut m = Message::new(
                    if info.grpc { "grpc" } else { "http2" },
                    dir,
                    MessageKind::Other,
                    fr.ts_ns,
                    fr.start,
                );
                m.len = (9 + fr.len) as u64;
                let mut f = Fields::new();
                fr.header_fields(&mut f);
                let mut summary = format!("DATA stream {} ({} bytes)", fr.stream, fr.len);
                if info.grpc {
                    // gRPC: [compressed u8][length u32][message]…
                    let mut c = Cursor::new(body, fr.at(skip));
                    let mut n = 0;
                    while c.remaining() >= 5 {
                        let at = c.offset();
                        let (Some(compressed), Some(len)) = (c.u8(), c.u32_be()) else {
                            break;
                        };
                        let shown = c.remaining().min(len as usize);
                        let bytes = c.bytes(shown).unwrap_or_default();
                        f.open(
                            "grpc-message",
                            format!(
                                "{len} bytes{}",
                                if compressed == 1 { ", compressed" } else { "" }
                            ),
                            at,
                            5 + len as usize,
                        );
                        f.add("data", hex(&bytes[..bytes.len().min(64)]), at + 5, shown);
                        f.close();
                        n += 1;
                    }
                    summary = format!(
                        "gRPC {} {} message(s) stream {}",
                        info.path.as_deref().unwrap_or("?"),
                        n,
                        fr.stream
                    );
                } else if !body.is_empty() {
                    f.add(
                        "data",
                        printable_short(&body[..body.len().min(256)], 256),
                        fr.at(skip),
                        body.len().min(256),
                    );
                }
                if fr.flags & 0x1 != 0 {
                    summary.push_str(" END_STREAM");
                }
                m.summary = summary;
                m.fields = f.into_vec();
                cut(&mut m);
                out.push(m);
            }
            _ => {
                let mut m = Message::new("http2", dir, MessageKind::Other, fr.ts_ns, fr.start);
                m.len = (9 + fr.len) as u64;
                let mut f = Fields::new();
                fr.header_fields(&mut f);
                let mut c = Cursor::new(&fr.payload, fr.at(0));
                m.summary = match fr.ty {
                    4 if fr.flags & 0x1 != 0 => "SETTINGS ACK".into(),
                    4 => {
                        let mut parts = Vec::new();
                        while let (Some(id), Some(v)) = (c.u16_be(), c.u32_be()) {
                            f.add(&setting_name(id), v.to_string(), c.offset() - 6, 6);
                            parts.push(format!("{}={v}", setting_name(id)));
                            if id == 1 {
                                // The peer's decoder may now use this size:
                                // our encoder side is the other direction.
                                self.dirs[dir.flip().index()].hpack.set_limit(v as usize);
                            }
                        }
                        format!("SETTINGS {}", parts.join(" "))
                            .trim_end()
                            .to_string()
                    }
                    3 => {
                        let code = c.u32_be().unwrap_or(0);
                        f.add("error-code", error_name(code), fr.at(0), 4);
                        format!("RST_STREAM stream {} {}", fr.stream, error_name(code))
                    }
                    7 => {
                        let last = c.u32_be().unwrap_or(0) & 0x7fff_ffff;
                        let code = c.u32_be().unwrap_or(0);
                        f.add("last-stream", last.to_string(), fr.at(0), 4);
                        f.add("error-code", error_name(code), fr.at(4), 4);
                        format!("GOAWAY last stream {last} {}", error_name(code))
                    }
                    6 => format!("PING{}", if fr.flags & 0x1 != 0 { " ACK" } else { "" }),
                    8 => {
                        let inc = c.u32_be().unwrap_or(0) & 0x7fff_ffff;
                        format!("WINDOW_UPDATE stream {} +{inc}", fr.stream)
                    }
                    t => format!("{} stream {}", frame_name(t), fr.stream),
                };
                m.fields = f.into_vec();
                cut(&mut m);
                out.push(m);
            }
        }
    }

    /// Decodes a complete header block into a message.
    fn headers(&mut self, dir: Direction, b: Block, end: u64) -> Message {
        let di = dir.index();
        let from_client = Some(dir) == self.client;
        let (hs, err) = self.dirs[di].hpack.decode(&b.block);
        let info = self.streams.entry(b.stream).or_default();
        let get = |n: &str| hs.iter().find(|h| h.name == n).map(|h| h.value.clone());
        let (kind, summary) = if from_client && b.promise.is_none() {
            info.path = get(":path");
            info.grpc = get("content-type").is_some_and(|c| c.starts_with("application/grpc"));
            let method = get(":method").unwrap_or_default();
            let path = info.path.clone().unwrap_or_default();
            let s = if info.grpc {
                format!("gRPC call {path}")
            } else {
                format!("{method} {path}")
            };
            (MessageKind::Request, s)
        } else if let Some(p) = b.promise {
            (
                MessageKind::Other,
                format!(
                    "PUSH_PROMISE stream {p} {} {}",
                    get(":method").unwrap_or_default(),
                    get(":path").unwrap_or_default()
                ),
            )
        } else if !info.responded {
            info.responded = true;
            let status = get(":status").unwrap_or_default();
            let mut s = format!(":status {status}");
            if let Some(g) = get("grpc-status") {
                s.push_str(&format!(" grpc-status {g}"));
            }
            (MessageKind::Response, s)
        } else {
            let mut s = "trailers".to_string();
            if let Some(g) = get("grpc-status") {
                s = format!("trailers grpc-status {g}");
                if let Some(msg) = get("grpc-message").filter(|m| !m.is_empty()) {
                    s.push_str(&format!(" {msg}"));
                }
            }
            (MessageKind::Other, s)
        };
        let protocol = if info.grpc { "grpc" } else { "http2" };
        let mut m = Message::new(protocol, dir, kind, b.ts_ns, b.start);
        m.len = end.saturating_sub(b.start);
        m.pair_key = Some(b.stream.to_string());
        m.summary = format!(
            "{summary} (stream {}{})",
            b.stream,
            if b.end_stream { ", END_STREAM" } else { "" }
        );
        let mut f = Fields::new();
        f.open(
            "headers",
            format!("{} headers", hs.len()),
            b.pos(0),
            b.block.len(),
        );
        for h in &hs {
            f.add(
                &printable_short(h.name.as_bytes(), 64),
                printable_short(h.value.as_bytes(), 1000),
                b.pos(h.at),
                h.len,
            );
        }
        f.close();
        m.fields = f.into_vec();
        if self.dirs[di].hpack_broken {
            m.errors
                .push("earlier header blocks were lost: names and values may be wrong".into());
        }
        if let Some(e) = err {
            m.errors.push(e);
            self.dirs[di].hpack_broken = true;
        }
        m
    }
}

#[cfg(test)]
mod tests;

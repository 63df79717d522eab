//! I/O streams: the bytes a process read from and wrote to each fd,
//! reassembled per fd (per connection for sockets) and direction, in
//! timestamp order.
//!
//! Built on the columnar store: [`reassemble`] walks the event type column,
//! keeps the exits of read/write-family system calls that succeeded, and
//! groups them by stream. A [`Segment`] is one such exit; its payload stays
//! in the mapped capture and [`segment_data`] decodes it when asked, so a
//! whole capture's streams cost a few dozen bytes per I/O event.
//!
//! Two things are never hidden:
//! - **Datagram boundaries.** Each UDP read or write is one segment, and
//!   the stream says it carries datagrams ([`Stream::datagrams`]), so a
//!   consumer never joins two datagrams into one message.
//! - **Snaplen truncation.** The capture keeps at most `snaplen` bytes of
//!   each I/O; the system call's result says how many really moved. A
//!   segment records both ([`Segment::captured_len_bytes`],
//!   [`Segment::real_len_bytes`]): the difference is a gap right after the
//!   captured bytes ([`Segment::gap_bytes`]). `sendfile` moves bytes the
//!   capture never holds: a segment of zero captured bytes, all gap.

mod table;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::LazyLock;

use crate::state::fd::{L4_TCP, L4_UDP};
use crate::state::{Fd, FdKind, Role, Sock};
use crate::store::Snapshot;

use table::{IoKind, io_kind};

/// Which way bytes moved, seen from the traced process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// The process read them (read, recv*, readv, pread…).
    Inbound,
    /// The process wrote them (write, send*, writev, pwrite, sendfile…).
    Outbound,
}

impl Direction {
    /// `in` or `out`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "in",
            Direction::Outbound => "out",
        }
    }
}

/// What kind of channel a stream runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    /// TCP socket.
    Tcp,
    /// UDP socket (datagrams).
    Udp,
    /// Another IP socket (raw, ICMP, unknown L4).
    OtherIp,
    /// Unix socket.
    Unix,
    /// Pipe or FIFO.
    Pipe,
    /// Regular file or directory.
    File,
    /// Anything else (eventfd, signalfd, netlink, unknown fds…).
    Other,
}

impl Transport {
    /// Short lower-case name (`tcp`, `udp`, `unix`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
            Transport::OtherIp => "ip",
            Transport::Unix => "unix",
            Transport::Pipe => "pipe",
            Transport::File => "file",
            Transport::Other => "other",
        }
    }
}

/// One successful I/O exit of a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Index of the exit event in the snapshot.
    pub event: usize,
    /// Timestamp of the exit event.
    pub ts_ns: u64,
    /// Thread that did the I/O.
    pub tid: i64,
    /// Read or written.
    pub direction: Direction,
    /// Bytes of payload the capture holds.
    pub captured_len_bytes: u32,
    /// Bytes the system call really moved (its result).
    pub real_len_bytes: u64,
    /// Position of the segment's first byte in its direction's byte
    /// stream, counting real bytes (so gaps keep later offsets true).
    pub offset_bytes: u64,
}

impl Segment {
    /// Bytes moved but not captured (snaplen truncation, or `sendfile`),
    /// missing right after the captured bytes.
    pub fn gap_bytes(&self) -> u64 {
        self.real_len_bytes
            .saturating_sub(u64::from(self.captured_len_bytes))
    }
}

/// Who owns a stream and what it connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamInfo {
    /// Process id (the thread id when the thread is unknown).
    pub pid: i64,
    /// fd number.
    pub fd_num: i64,
    /// Process name (`proc.name`) of the first segment's thread.
    pub comm: String,
    /// Container id of that thread (empty on the host).
    pub container_id: String,
    /// fd kind.
    pub kind: FdKind,
    /// `fd.name`: path or connection tuple.
    pub name: String,
    /// Channel kind.
    pub transport: Transport,
    /// Client or server end, when known.
    pub role: Role,
    /// Client address (the tuple's source), for IP sockets.
    pub client: Option<SocketAddr>,
    /// Server address (the tuple's destination), for IP sockets.
    pub server: Option<SocketAddr>,
}

impl StreamInfo {
    /// The server port, for IP sockets.
    pub fn server_port(&self) -> Option<u16> {
        self.server.map(|s| s.port())
    }

    /// The client port, for IP sockets.
    pub fn client_port(&self) -> Option<u16> {
        self.client.map(|s| s.port())
    }
}

/// The I/O of one fd (one connection for sockets) of one process.
#[derive(Debug, Clone)]
pub struct Stream {
    /// Index in [`Streams::streams`].
    pub id: usize,
    /// Owner and endpoints.
    pub info: StreamInfo,
    /// Whether each segment is a datagram (UDP): boundaries are message
    /// boundaries.
    pub datagrams: bool,
    /// Segments in timestamp order (file order among equal timestamps).
    pub segments: Vec<Segment>,
}

impl Stream {
    /// Timestamp of the first segment.
    pub fn first_ts_ns(&self) -> u64 {
        self.segments.first().map_or(0, |s| s.ts_ns)
    }

    /// Timestamp of the last segment.
    pub fn last_ts_ns(&self) -> u64 {
        self.segments.last().map_or(0, |s| s.ts_ns)
    }

    /// Real bytes moved in one direction.
    pub fn real_bytes(&self, dir: Direction) -> u64 {
        self.segments
            .iter()
            .filter(|s| s.direction == dir)
            .map(|s| s.real_len_bytes)
            .sum()
    }

    /// Captured bytes in one direction.
    pub fn captured_bytes(&self, dir: Direction) -> u64 {
        self.segments
            .iter()
            .filter(|s| s.direction == dir)
            .map(|s| u64::from(s.captured_len_bytes))
            .sum()
    }

    /// Number of segments with a gap.
    pub fn gaps(&self) -> usize {
        self.segments.iter().filter(|s| s.gap_bytes() > 0).count()
    }

    /// Where stream position `offset` of direction `dir` lies: the index
    /// of its segment and the byte's index in that segment's payload.
    /// `None` when the position is past the stream or falls in a gap
    /// (moved but not captured). Maps a dissector's byte ranges back to
    /// events.
    pub fn locate(&self, dir: Direction, offset: u64) -> Option<(usize, usize)> {
        self.segments.iter().enumerate().find_map(|(k, s)| {
            let inside = s.direction == dir
                && offset >= s.offset_bytes
                && offset - s.offset_bytes < u64::from(s.captured_len_bytes);
            inside.then(|| (k, (offset - s.offset_bytes) as usize))
        })
    }

    /// The captured bytes of one direction, concatenated, with the offsets
    /// (in the returned buffer) where a gap follows and how long it is.
    /// For a quick look at a stream; dissectors take segments one by one.
    pub fn direction_bytes(&self, snap: &Snapshot, dir: Direction) -> (Vec<u8>, Vec<(usize, u64)>) {
        let mut out = Vec::new();
        let mut gaps = Vec::new();
        for s in self.segments.iter().filter(|s| s.direction == dir) {
            out.extend_from_slice(segment_data(snap, s));
            if s.gap_bytes() > 0 {
                gaps.push((out.len(), s.gap_bytes()));
            }
        }
        (out, gaps)
    }
}

/// All streams of a snapshot (or of a selection of its events).
#[derive(Debug, Clone, Default)]
pub struct Streams {
    /// Streams, ordered by their first segment's timestamp.
    pub streams: Vec<Stream>,
    /// I/O exits whose fd number is unknown (old captures whose enter
    /// event is missing): counted, not reassembled.
    pub unattributed: u64,
}

impl Streams {
    /// Stream `id`.
    pub fn get(&self, id: usize) -> Option<&Stream> {
        self.streams.get(id)
    }

    /// The stream holding event `event`, with the segment's position.
    pub fn find_event(&self, event: usize) -> Option<(&Stream, usize)> {
        self.streams.iter().find_map(|s| {
            s.segments
                .iter()
                .position(|g| g.event == event)
                .map(|p| (s, p))
        })
    }
}

/// The captured payload of a segment: a slice of the mapped capture (empty
/// when the event carries none, as for `sendfile`).
pub fn segment_data<'a>(snap: &'a Snapshot, seg: &Segment) -> &'a [u8] {
    let Some(rec) = snap.record(seg.event) else {
        return &[];
    };
    let data = match io_kind(rec.event_type) {
        IoKind::Data { data_param, .. } => rec.param(data_param).unwrap_or_default(),
        IoKind::NoData { .. } | IoKind::Close | IoKind::None => &[],
    };
    &data[..data.len().min(seg.captured_len_bytes as usize)]
}

/// Identity of a stream while reassembling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    pid: i64,
    fd_num: i64,
    /// Bumped by every close of `(pid, fd_num)`: a reused fd number is a
    /// new stream.
    generation: u32,
    kind: FdKind,
    name: String,
}

static UNKNOWN_FD: LazyLock<Fd> = LazyLock::new(|| Fd::new(FdKind::Unknown, String::new()));

/// Reassembles the streams of `snap`. With `selection` (sorted event
/// indices, e.g. a filter's matches), only I/O exits it contains become
/// segments; closes count whatever the selection, so that fd reuse still
/// splits streams.
pub fn reassemble(snap: &Snapshot, selection: Option<&[usize]>) -> Streams {
    let mut generations: HashMap<(i64, i64), u32> = HashMap::new();
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    let mut streams: Vec<Stream> = Vec::new();
    let mut unattributed = 0;
    let mut sel = selection.map(|s| s.iter().peekable());
    let mut base = 0;
    for (ci, chunk) in snap.chunks.iter().enumerate() {
        for (j, ty) in chunk.event_types().enumerate() {
            let kind = io_kind(ty);
            if kind == IoKind::None {
                continue;
            }
            let i = base + j;
            let selected = match sel.as_mut() {
                None => true,
                Some(it) => {
                    while it.next_if(|&&x| x < i).is_some() {}
                    it.peek().is_some_and(|&&x| x == i)
                }
            };
            let Some(row) = snap.row(i) else { continue };
            let pid = row.thread.map_or(row.tid, |t| t.pid);
            let (direction, real_len_bytes) = match kind {
                IoKind::Close => {
                    if row.res == Some(0)
                        && let Some(n) = row.fd_num
                    {
                        *generations.entry((pid, n)).or_default() += 1;
                    }
                    continue;
                }
                IoKind::Data { direction, .. } => match row.len_bytes {
                    Some(n) if n > 0 && selected => (direction, u64::from(n)),
                    _ => continue,
                },
                IoKind::NoData { direction } => match row.res {
                    Some(n) if n > 0 && selected => (direction, n as u64),
                    _ => continue,
                },
                IoKind::None => continue,
            };
            let Some(fd_num) = row.fd_num else {
                unattributed += 1;
                continue;
            };
            // An fd the state engine never saw opened (e.g. an inherited
            // stdout) is still a stream, of unknown kind.
            let fd = row.fd.unwrap_or(&UNKNOWN_FD);
            let key = Key {
                pid,
                fd_num,
                generation: generations.get(&(pid, fd_num)).copied().unwrap_or(0),
                kind: fd.kind,
                name: fd.name.to_string(),
            };
            let id = *by_key.entry(key).or_insert_with(|| {
                let info = stream_info(pid, fd_num, row.thread, fd);
                streams.push(Stream {
                    id: streams.len(),
                    datagrams: info.transport == Transport::Udp,
                    info,
                    segments: Vec::new(),
                });
                streams.len() - 1
            });
            let captured = match kind {
                IoKind::Data { data_param, .. } => snap
                    .record(i)
                    .and_then(|r| r.param(data_param))
                    .map_or(0, |d| d.len()),
                _ => 0,
            };
            // Some drivers capture from the caller's buffer beyond what the
            // call moved; only `real` bytes were transferred.
            let captured = (captured as u64).min(real_len_bytes) as u32;
            streams[id].segments.push(Segment {
                event: i,
                ts_ns: row.ts_ns,
                tid: row.tid,
                direction,
                captured_len_bytes: captured,
                real_len_bytes,
                offset_bytes: 0,
            });
        }
        base += chunk.len();
        // Only the payloads' lengths were needed.
        snap.release_chunk_pages(ci);
    }
    for s in &mut streams {
        // Per-CPU buffers merge with small backward steps in time: order by
        // timestamp, keeping file order among equals.
        s.segments.sort_by_key(|g| (g.ts_ns, g.event));
        let (mut off_in, mut off_out) = (0u64, 0u64);
        for g in &mut s.segments {
            let off = match g.direction {
                Direction::Inbound => &mut off_in,
                Direction::Outbound => &mut off_out,
            };
            g.offset_bytes = *off;
            *off += g.real_len_bytes;
        }
    }
    streams.sort_by_key(|s| (s.first_ts_ns(), s.segments.first().map_or(0, |g| g.event)));
    for (k, s) in streams.iter_mut().enumerate() {
        s.id = k;
    }
    Streams {
        streams,
        unattributed,
    }
}

fn stream_info(
    pid: i64,
    fd_num: i64,
    thread: Option<&crate::state::Thread>,
    fd: &Fd,
) -> StreamInfo {
    let (client, server, l4) = endpoints(&fd.sock());
    let transport = match fd.kind {
        FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server => match l4 {
            L4_TCP => Transport::Tcp,
            L4_UDP => Transport::Udp,
            _ => Transport::OtherIp,
        },
        FdKind::Unix => Transport::Unix,
        FdKind::Fifo => Transport::Pipe,
        FdKind::File | FdKind::Directory | FdKind::Memfd => Transport::File,
        _ => Transport::Other,
    };
    StreamInfo {
        pid,
        fd_num,
        comm: thread.map(|t| t.comm.to_string()).unwrap_or_default(),
        container_id: thread
            .map(|t| t.container_id.to_string())
            .unwrap_or_default(),
        kind: fd.kind,
        name: fd.name.to_string(),
        transport,
        role: fd.role,
        client,
        server,
    }
}

/// Client and server addresses and the L4 protocol of a socket. libsinsp
/// keeps IPv4 addresses as the little-endian load of network-order bytes.
fn endpoints(sock: &Sock) -> (Option<SocketAddr>, Option<SocketAddr>, u8) {
    let v4 = |a: u32| IpAddr::V4(Ipv4Addr::from(a.to_le_bytes()));
    let v6 = |a: [u8; 16]| IpAddr::V6(Ipv6Addr::from(a));
    match *sock {
        Sock::V4 {
            sip,
            dip,
            sport,
            dport,
            l4,
        } => (
            Some(SocketAddr::new(v4(sip), sport)),
            Some(SocketAddr::new(v4(dip), dport)),
            l4,
        ),
        Sock::V6 {
            sip,
            dip,
            sport,
            dport,
            l4,
        } => (
            Some(SocketAddr::new(v6(sip), sport)),
            Some(SocketAddr::new(v6(dip), dport)),
            l4,
        ),
        Sock::V4Server { ip, port, l4 } => (None, Some(SocketAddr::new(v4(ip), port)), l4),
        Sock::V6Server { ip, port, l4 } => (None, Some(SocketAddr::new(v6(ip), port)), l4),
        Sock::Unix { .. } | Sock::None => (None, None, 0),
    }
}

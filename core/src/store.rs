//! The columnar event store and its progressive, parallel ingest.
//!
//! A capture is loaded into chunks of typed columns ([`Chunk`]): one value
//! per event and column, about 20 bytes per event in all. Resolved context
//! (thread, fd) is interned: each event stores ids into entity tables
//! ([`Entities`]) whose entries are the immutable thread/fd versions the
//! state engine produced. Parameters and payloads are not copied: an event
//! keeps the offset of its block, and [`Snapshot::record`] decodes it from
//! the mapped file on demand.
//!
//! Loading ([`load`]) runs on its own threads and publishes a new immutable
//! [`Snapshot`] after every chunk; readers clone an `Arc` and never block
//! the loader.

mod chunk;
mod entities;
mod ingest;
mod procdyn;

pub use chunk::{CHUNK_EVENTS, Chunk, ChunkSummary};
pub use entities::{Entities, FdRef, ThreadRef};
pub(crate) use ingest::io_len_of;
pub use ingest::{LoadHandle, LoadOptions, Phase, Progress, load, load_blocking};
pub use procdyn::{ProcDyn, ProcDynChange, ProcVmChange, fd_code};

use std::ops::Range;
use std::sync::Arc;

use crate::format::blocks::EventBlockFormat;
use crate::format::event::{EventRecord, parse_event};
use crate::problems::Problems;
use crate::source::SharedBytes;
use crate::state::{Fd, State, Thread};

/// An immutable view of everything loaded so far.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Load generation: bumps with every published snapshot.
    pub generation: u64,
    /// The mapped capture (raw file, or the gzip's decompressed cache).
    pub bytes: SharedBytes,
    /// Chunks in file order.
    pub chunks: Vec<Arc<Chunk>>,
    /// Interned threads and fds.
    pub entities: Entities,
    /// Non-fatal problems met so far.
    pub problems: Problems,
    /// Bytes of the (uncompressed) capture consumed.
    pub bytes_read: u64,
    /// Total bytes of the (uncompressed) capture.
    pub total_bytes: u64,
    /// Whether the load finished (completely or with an error).
    pub done: bool,
    /// Why the load stopped early, if it did.
    pub error: Option<crate::error::ReadError>,
    /// Why the capture could not be opened, if it could not.
    pub open_error: Option<crate::error::OpenError>,
    /// The state engine's tables after the last event (threads still
    /// alive, users, containers), once the load is done.
    pub end_state: Option<Arc<State>>,
    starts: Arc<Vec<usize>>,
}

/// One event as the store holds it, resolved for display.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Index of the event in the store.
    pub index: usize,
    /// Timestamp, ns since the epoch.
    pub ts_ns: u64,
    /// Event type id.
    pub event_type: u16,
    /// CPU.
    pub cpu: u16,
    /// Thread id from the event header.
    pub tid: i64,
    /// `res` (or the fd of fd-creating exits), when the event has one.
    pub res: Option<i64>,
    /// Bytes transferred by I/O exits.
    pub len_bytes: Option<u32>,
    /// Thread as it was after the event (absent for scheduler events of
    /// unknown threads).
    pub thread: Option<&'a Thread>,
    /// The fd number the event concerns.
    pub fd_num: Option<i64>,
    /// The fd as it was after the event.
    pub fd: Option<&'a Fd>,
    /// sysdig's `evt.num` (absent for event types sysdig 0.29.3 does not
    /// know).
    pub num: Option<u64>,
    /// Whether sysdig hides this event.
    pub hidden: bool,
    /// Offset of the event's block in the capture.
    pub offset: u64,
}

impl Snapshot {
    pub(crate) fn new(bytes: SharedBytes, total_bytes: u64) -> Snapshot {
        Snapshot {
            generation: 0,
            bytes,
            chunks: Vec::new(),
            entities: Entities::default(),
            problems: Problems::default(),
            bytes_read: 0,
            total_bytes,
            done: false,
            error: None,
            open_error: None,
            end_state: None,
            starts: Arc::new(Vec::new()),
        }
    }

    pub(crate) fn push_chunk(&mut self, chunk: Arc<Chunk>) {
        let start = self.len();
        Arc::make_mut(&mut self.starts).push(start);
        self.chunks.push(chunk);
    }

    /// Number of events loaded.
    pub fn len(&self) -> usize {
        match (self.starts.last(), self.chunks.last()) {
            (Some(s), Some(c)) => s + c.len(),
            _ => 0,
        }
    }

    /// Index of the first event of each chunk.
    pub fn chunk_starts(&self) -> &[usize] {
        &self.starts
    }

    /// Whether no event is loaded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The chunk holding event `i` and the index inside it.
    fn locate(&self, i: usize) -> Option<(&Chunk, usize)> {
        if i >= self.len() {
            return None;
        }
        let c = self.starts.partition_point(|&s| s <= i) - 1;
        Some((&self.chunks[c], i - self.starts[c]))
    }

    /// Event `i`, resolved.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let (c, j) = self.locate(i)?;
        let t = self.entities.thread(c.thread_id(j));
        let f = self.entities.fd(c.fd_id(j));
        Some(Row {
            index: i,
            ts_ns: c.ts_ns(j),
            event_type: c.event_type(j),
            cpu: c.cpu(j),
            tid: t.tid,
            res: c.res(j),
            len_bytes: c.len_bytes(j),
            thread: t.thread.as_deref(),
            fd_num: f.and_then(|f| f.num),
            fd: f.and_then(|f| f.fd.as_deref()),
            num: c.num(j),
            hidden: c.is_hidden(j),
            offset: c.offset(j),
        })
    }

    /// Decodes event `i`'s record (parameters, payload) from the mapping.
    pub fn record(&self, i: usize) -> Option<EventRecord<'_>> {
        let (c, j) = self.locate(i)?;
        let off = c.offset(j) as usize;
        let data = self.bytes.as_slice();
        let head = data.get(off..off + 8)?;
        let block_type = u32::from_le_bytes(head[..4].try_into().ok()?);
        let len = u32::from_le_bytes(head[4..8].try_into().ok()?) as usize;
        let body = data.get(off + 8..(off + len).checked_sub(4)?)?;
        let fmt: EventBlockFormat = match crate::format::blocks::classify(block_type) {
            crate::format::blocks::BlockKind::Event(f) => f,
            _ => return None,
        };
        parse_event(body, fmt).ok()
    }

    /// Drops the mapped pages of chunk `ci`'s blocks from resident memory
    /// (they are read back from the file if touched again). Passes that
    /// read records (payloads, parameters) call it when done with a chunk:
    /// otherwise a look at the whole capture leaves the whole file
    /// resident, which users see as the app's memory.
    pub fn release_chunk_pages(&self, ci: usize) {
        let Some(c) = self.chunks.get(ci).filter(|c| !c.is_empty()) else {
            return;
        };
        let start = c.offset(0) as usize;
        let end = match self.chunks.get(ci + 1).filter(|n| !n.is_empty()) {
            Some(n) => n.offset(0) as usize,
            // The last chunk: up to its last block (whose pages stay, as
            // partial pages at either end do).
            None => c.offset(c.len() - 1) as usize,
        };
        self.bytes.release(start..end);
    }

    /// Drops every mapped page of the capture from resident memory (see
    /// [`Snapshot::release_chunk_pages`]): for the scattered records a
    /// result's last step reads (texts of keys and rows).
    pub fn release_pages(&self) {
        let len = self.bytes.as_slice().len();
        self.bytes.release(0..len);
    }

    /// Indices of the events whose timestamp is in `[from_ns, to_ns)`, in
    /// file order. Timestamps are nearly sorted (per-CPU buffers merge with
    /// small backward steps), so each chunk keeps a running maximum per
    /// block of [`chunk::BLOCK`] events: binary searches find the candidate
    /// span in O(log n) and only its edges are scanned.
    pub fn range(&self, from_ns: u64, to_ns: u64) -> Vec<usize> {
        let mut out = Vec::new();
        for (ci, c) in self.chunks.iter().enumerate() {
            if c.summary.max_ts_ns < from_ns || c.summary.min_ts_ns >= to_ns {
                continue;
            }
            let base = self.starts[ci];
            for j in c.candidates(from_ns, to_ns) {
                let ts = c.ts_ns(j);
                if ts >= from_ns && ts < to_ns {
                    out.push(base + j);
                }
            }
        }
        out
    }

    /// The span of indices that may hold events of `[from_ns, to_ns)`
    /// (a superset; see [`Snapshot::range`]).
    pub fn candidate_span(&self, from_ns: u64, to_ns: u64) -> Range<usize> {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for (ci, c) in self.chunks.iter().enumerate() {
            if c.summary.max_ts_ns < from_ns || c.summary.min_ts_ns >= to_ns {
                continue;
            }
            let r = c.candidates(from_ns, to_ns);
            if !r.is_empty() {
                lo = lo.min(self.starts[ci] + r.start);
                hi = hi.max(self.starts[ci] + r.end);
            }
        }
        if lo == usize::MAX { 0..0 } else { lo..hi }
    }

    /// Heap bytes by part: each column summed over chunks, then the
    /// entity tables and the values they hold.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let mut parts: Vec<(&'static str, usize)> = Vec::new();
        for c in self.chunks.iter() {
            for (i, (name, n)) in c.heap_parts().into_iter().enumerate() {
                match parts.get_mut(i) {
                    Some(p) => p.1 += n,
                    None => parts.push((name, n)),
                }
            }
        }
        parts.extend(self.entities.heap_parts());
        parts
    }

    /// Heap bytes held by the store (columns and entity tables), not
    /// counting the mapped file.
    pub fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.heap_bytes()).sum::<usize>() + self.entities.heap_bytes()
    }
}

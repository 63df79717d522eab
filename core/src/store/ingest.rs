//! Progressive loading: a named loader thread maps the capture, walks it in
//! chunks and publishes an immutable snapshot after each one.
//!
//! Per chunk, three stages overlap on a rayon pool, as a pipeline: the
//! *column stage* decodes chunk n+1's event records into raw columns
//! (results, I/O sizes); the *state stage* runs the state engine over
//! chunk n in file order and keeps, per event, the thread and fd versions
//! it produced (plus sysdig numbering, hidden flags, per-process values);
//! the *intern stage* turns chunk n-1's versions into entity ids and builds
//! its columns. The state engine is inherently sequential, and so is the
//! interning (ids follow file order); splitting them lets each run on its
//! own core.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Snapshot;
use super::chunk::{Chunk, NO_ENTITY, NewEvent};
use super::entities::{Entities, FdRef, ThreadRef, fd_bytes, thread_bytes, thread_shared};
use crate::error::OpenError;
use crate::format::blocks::{BlockKind, classify};
use crate::format::event::{EventRecord, parse_event};
use crate::problems::Problems;
use crate::reader::Reader;
use crate::schema::{self, category, event_flags};
use crate::source::{SharedBytes, map_capture};
use crate::state::{Fd, Thread};

/// Load settings.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Events per chunk (and per published snapshot).
    pub chunk_events: usize,
    /// Events in the first chunk; each next chunk doubles until
    /// `chunk_events`. A small first chunk publishes the first snapshot
    /// after a few milliseconds even on a busy machine, whatever the
    /// file; later chunks are large so per-chunk costs vanish.
    pub first_chunk_events: usize,
}

/// Events in the first chunk of a default load.
pub const FIRST_CHUNK_EVENTS: usize = 4096;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            chunk_events: super::CHUNK_EVENTS,
            first_chunk_events: FIRST_CHUNK_EVENTS,
        }
    }
}

impl LoadOptions {
    /// Chunks of `n` events each, the first one included.
    pub fn with_chunk_events(n: usize) -> LoadOptions {
        LoadOptions {
            chunk_events: n,
            first_chunk_events: n,
        }
    }
}

/// What the load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Decompressing a gzip capture into its cache.
    #[default]
    Decompressing,
    /// Reading events.
    Indexing,
    /// Finished (fully or with an error).
    Done,
    /// Cancelled.
    Cancelled,
}

/// A progress report.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Which load this is (drop reports of an old one).
    pub load_id: u64,
    /// Current phase.
    pub phase: Phase,
    /// Bytes processed in this phase.
    pub bytes_done: u64,
    /// Bytes to process in this phase, when known.
    pub bytes_total: Option<u64>,
    /// Events loaded.
    pub events: u64,
    /// Time since the load started.
    pub elapsed: Duration,
    /// Bytes per second in this phase.
    pub rate_bytes_per_s: f64,
    /// Estimated time left in this phase.
    pub eta: Option<Duration>,
    /// Why the load stopped early.
    pub error: Option<String>,
}

struct Shared {
    latest: Mutex<Arc<Snapshot>>,
    progress: Mutex<Progress>,
    cancel: AtomicBool,
    finished: Mutex<bool>,
    finished_cv: Condvar,
}

/// A running (or finished) load. Dropping it cancels the load.
pub struct LoadHandle {
    id: u64,
    shared: Arc<Shared>,
    rx: Receiver<Progress>,
    thread: Option<JoinHandle<()>>,
}

static LOAD_IDS: AtomicU64 = AtomicU64::new(1);

impl LoadHandle {
    /// This load's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The latest published snapshot (never blocks on the loader beyond a
    /// pointer copy).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        lock(&self.shared.latest).clone()
    }

    /// The latest progress.
    pub fn progress(&self) -> Progress {
        lock(&self.shared.progress).clone()
    }

    /// Progress reports as they happen (bounded: when the receiver lags,
    /// intermediate reports are dropped; [`LoadHandle::progress`] always has
    /// the latest).
    pub fn progress_reports(&self) -> &Receiver<Progress> {
        &self.rx
    }

    /// Asks the loader to stop; it does so within one chunk.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the load has finished (or stopped).
    pub fn is_finished(&self) -> bool {
        *lock(&self.shared.finished)
    }

    /// Blocks until the load ends and returns the final snapshot.
    pub fn wait(mut self) -> Arc<Snapshot> {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.snapshot()
    }
}

impl Drop for LoadHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicking loader must not take the UI down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts loading `path` on a background thread and returns at once.
pub fn load(path: &Path, opts: LoadOptions) -> LoadHandle {
    let id = LOAD_IDS.fetch_add(1, Ordering::Relaxed);
    let shared = Arc::new(Shared {
        latest: Mutex::new(Arc::new(Snapshot::new(
            SharedBytes::Owned(Arc::from(Vec::new())),
            0,
        ))),
        progress: Mutex::new(Progress {
            load_id: id,
            ..Progress::default()
        }),
        cancel: AtomicBool::new(false),
        finished: Mutex::new(false),
        finished_cv: Condvar::new(),
    });
    let (tx, rx) = sync_channel(8);
    let path: PathBuf = path.to_path_buf();
    let sh = shared.clone();
    let thread = std::thread::Builder::new()
        .name(format!("scapscope-load-{id}"))
        .spawn(move || {
            run(id, &path, &opts, &sh, &tx);
            *lock(&sh.finished) = true;
            sh.finished_cv.notify_all();
        })
        .ok();
    LoadHandle {
        id,
        shared,
        rx,
        thread,
    }
}

/// Loads a whole capture on the calling thread's behalf and returns the
/// final snapshot (for the CLI and tests).
pub fn load_blocking(path: &Path, opts: LoadOptions) -> Result<Arc<Snapshot>, OpenError> {
    let h = load(path, opts);
    let snap = h.wait();
    if snap.total_bytes == 0 && !snap.done {
        return Err(OpenError::Io {
            source: Arc::new(std::io::Error::other("load failed")),
            path: path.display().to_string(),
        });
    }
    if let Some(e) = snap.open_error.clone() {
        return Err(e);
    }
    Ok(snap)
}

fn report(id: u64, sh: &Shared, tx: &SyncSender<Progress>, p: Progress) {
    let p = Progress { load_id: id, ..p };
    *lock(&sh.progress) = p.clone();
    match tx.try_send(p) {
        Ok(()) | Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {}
    }
}

fn rate_eta(done: u64, total: Option<u64>, since: Instant) -> (f64, Option<Duration>) {
    let secs = since.elapsed().as_secs_f64().max(1e-6);
    let rate = done as f64 / secs;
    let eta = total.and_then(|t| {
        (rate > 0.0).then(|| Duration::from_secs_f64(t.saturating_sub(done) as f64 / rate))
    });
    (rate, eta)
}

/// Raw columns of one chunk, decoded without the state engine.
#[derive(Default)]
struct RawChunk {
    end: u64,
    offsets: Vec<u64>,
    res: Vec<Option<i64>>,
    len: Vec<Option<u32>>,
}

/// Walks block headers from `start` until `max_events` event blocks or the
/// end (or a broken frame, which the state stage reports).
fn chunk_end(data: &[u8], start: u64, max_events: usize) -> u64 {
    let mut pos = start as usize;
    let mut n = 0;
    while pos + 12 <= data.len() && n < max_events {
        let t = u32::from_le_bytes([data[pos], data[pos + 1], data[pos + 2], data[pos + 3]]);
        let len = u32::from_le_bytes([data[pos + 4], data[pos + 5], data[pos + 6], data[pos + 7]])
            as usize;
        if len < 12 || len > data.len() - pos {
            return data.len() as u64;
        }
        if matches!(classify(t), BlockKind::Event(_)) {
            n += 1;
        }
        pos += len;
    }
    if n < max_events {
        data.len() as u64
    } else {
        pos as u64
    }
}

/// The result of an event as stored: `res`, or the fd of fd-creating exits.
pub(crate) fn event_res(rec: &EventRecord<'_>) -> Option<i64> {
    let desc = rec.desc();
    let first = desc.params.first()?;
    let v = || -> Option<i64> {
        let b = rec.param(0)?;
        Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
    };
    if first.name == "res" {
        return v();
    }
    if !schema::is_enter(rec.event_type)
        && schema::compat_flags(rec.event_type) & event_flags::CREATES_FD != 0
        && first.name == "fd"
    {
        return v();
    }
    None
}

/// Bytes moved by an I/O exit (its non-negative result).
pub(crate) fn io_len(rec: &EventRecord<'_>, res: Option<i64>) -> Option<u32> {
    io_len_of(rec.event_type, res)
}

/// Bytes moved by an I/O exit of type `event_type` with result `res`.
pub(crate) fn io_len_of(event_type: u16, res: Option<i64>) -> Option<u32> {
    if schema::is_enter(event_type) {
        return None;
    }
    let cat = schema::compat_category(event_type) & 0x3f;
    if !matches!(
        cat,
        category::IO_READ | category::IO_WRITE | category::IO_OTHER
    ) {
        return None;
    }
    let flags = schema::compat_flags(event_type);
    if flags & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD) == 0 {
        return None;
    }
    res.filter(|&r| r >= 0)
        .map(|r| r.min(i64::from(u32::MAX - 1)) as u32)
}

/// Column stage: decodes the event records of `[start, end)`.
fn raw_decode(data: &[u8], start: u64, end: u64) -> RawChunk {
    let mut raw = RawChunk {
        end,
        ..RawChunk::default()
    };
    let mut pos = start as usize;
    let end_us = end as usize;
    while pos + 12 <= end_us {
        let t = u32::from_le_bytes([data[pos], data[pos + 1], data[pos + 2], data[pos + 3]]);
        let len = u32::from_le_bytes([data[pos + 4], data[pos + 5], data[pos + 6], data[pos + 7]])
            as usize;
        if len < 12 || pos + len > end_us {
            break;
        }
        if let BlockKind::Event(fmt) = classify(t)
            && let Ok(rec) = parse_event(&data[pos + 8..pos + len - 4], fmt)
            && !rec.is_state_only()
        {
            let res = event_res(&rec);
            raw.offsets.push(pos as u64);
            raw.res.push(res);
            raw.len.push(io_len(&rec, res));
        }
        pos += len;
    }
    raw
}

/// Interns thread and fd versions: first by identity (the same `Arc` seen
/// again), then by content, so that versions the state engine re-created
/// with equal content (a file opened again under the same number, a
/// socket marked connected twice) share one entity.
///
/// An identity key stays valid while its `Arc` lives: entities keep theirs
/// alive, so a hit on one of them is certain. A version found by content
/// is remembered by identity too, in a small direct-mapped cache (the
/// engine shows the same `Arc` on every later event of that thread or
/// fd), but the interner does not hold it (holding it would make the
/// engine copy it on its next change), so its address may be reused by
/// another value later: such hits are confirmed by comparing content,
/// which is still far cheaper than hashing it. The cache has a fixed size:
/// a map of every address ever seen would grow with the capture.
/// Entries an identity map keeps before it starts over. Versions still in
/// use are found again by content once and re-enter it.
const IDENTITY_MAX: usize = 1 << 16;

/// Inserts into a bounded identity map, starting it over (memory
/// returned) when full.
fn remember(map: &mut FxHashMap<(i64, usize), u32>, key: (i64, usize), id: u32) {
    if map.len() >= IDENTITY_MAX {
        *map = FxHashMap::default();
    }
    map.insert(key, id);
}

#[derive(Default)]
struct Interner {
    entities: Entities,
    /// Identity key of an entity's own version → entity id. Only a fast
    /// path in front of the content maps: bounded (see
    /// [`IDENTITY_MAX`]), since the engine moves on from most versions
    /// soon and a map of every version cost ~25 B per version at the
    /// load's peak.
    threads: FxHashMap<(i64, usize), u32>,
    fds: FxHashMap<(i64, usize), u32>,
    /// Recent versions found by content: (identity key, entity id).
    recent_threads: RecentCache,
    recent_fds: RecentCache,
    /// By a hash of (tid, content), like `fd_content`: the first entity
    /// with each hash, later ones in `thread_collisions`. A key holding
    /// the version itself cost 8 more bytes per version at the peak.
    /// 32-bit hashes: a slot takes 8 bytes rather than 16 (the table
    /// holds an entry per version, millions at the peak of a large
    /// load); the few more collisions are told apart by content.
    thread_content: FxHashMap<u32, u32>,
    thread_collisions: FxHashMap<u32, Vec<u32>>,
    /// Addresses of the texts and argument/environment/cgroup lists
    /// already counted in the heap figure: versions share them (the state
    /// engine keeps one copy of equal lists), so each is counted once.
    /// The versions keep them alive, so an address is never reused while
    /// counted. Kept as bits 4..36 of the address (allocations are 16-byte
    /// aligned), half the size at the peak of a large load: two live
    /// allocations 64 GiB apart would count as one, an error of a few
    /// dozen bytes in the figure, and only if it ever happens.
    counted_lists: rustc_hash::FxHashSet<u32>,
    /// By a hash of what is shown of an fd (see [`fd_shown`]).
    /// The first entity with each hash; later ones (hash collisions of
    /// different content, rare) in `fd_collisions`. One allocation-free
    /// entry per fd version: a `Vec` per hash cost ~40 B per version.
    fd_content: FxHashMap<u32, u32>,
    fd_collisions: FxHashMap<u32, Vec<u32>>,
}

/// What the fields show of an fd: the parser's internal bits (close in
/// progress, tracer flags, the raw address union behind `sock`) do not
/// make a new entity.
fn fd_shown(num: Option<i64>, f: Option<&Fd>) -> impl PartialEq + std::hash::Hash + '_ {
    (
        num,
        f.map(|f| {
            (
                f.kind,
                f.name.as_str(),
                f.open_flags,
                f.ino,
                f.dev,
                f.sock(),
                f.role,
                f.connected,
            )
        }),
    )
}

/// A direct-mapped cache from identity keys to entity ids.
struct RecentCache(Vec<((i64, usize), u32)>);

const RECENT_SLOTS: usize = 4096;

impl Default for RecentCache {
    fn default() -> Self {
        RecentCache(vec![((0, 0), NO_ENTITY); RECENT_SLOTS])
    }
}

impl RecentCache {
    fn slot(key: (i64, usize)) -> usize {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(key) as usize % RECENT_SLOTS
    }

    fn get(&self, key: (i64, usize)) -> Option<u32> {
        let (k, id) = self.0[Self::slot(key)];
        (k == key && id != NO_ENTITY).then_some(id)
    }

    fn put(&mut self, key: (i64, usize), id: u32) {
        self.0[Self::slot(key)] = (key, id);
    }
}

/// A 64-bit hash in 32 bits (both halves: Fx's low bits are the weaker).
fn fold(h: u64) -> u32 {
    (h >> 32) as u32 ^ h as u32
}

impl Interner {
    fn thread(&mut self, tid: i64, t: Option<&Arc<Thread>>) -> u32 {
        let key = (tid, t.map_or(0, |a| Arc::as_ptr(a) as usize));
        if let Some(&id) = self.threads.get(&key) {
            return id;
        }
        if let Some(id) = self.recent_threads.get(key) {
            let e = self.entities.thread(id);
            if e.tid == tid && e.thread.as_deref() == t.map(|a| a.as_ref()) {
                return id;
            }
        }
        let h = {
            use std::hash::{BuildHasher, BuildHasherDefault};
            fold(
                BuildHasherDefault::<rustc_hash::FxHasher>::default()
                    .hash_one((tid, t.map(|a| &**a))),
            )
        };
        if let Some(&first) = self.thread_content.get(&h) {
            let more = self
                .thread_collisions
                .get(&h)
                .map_or(&[][..], |v| v.as_slice());
            for &id in std::iter::once(&first).chain(more) {
                let e = self.entities.thread(id);
                if e.tid == tid && e.thread.as_deref() == t.map(|a| a.as_ref()) {
                    self.recent_threads.put(key, id);
                    // The engine's own version (alive in the entities, so
                    // its address cannot be reused) seen again after the
                    // identity map started over.
                    if e.thread.as_ref().map(Arc::as_ptr) == t.map(Arc::as_ptr) {
                        remember(&mut self.threads, key, id);
                    }
                    return id;
                }
            }
        }
        if let Some(t) = t {
            self.entities.value_bytes += thread_bytes(t);
            for (addr, bytes) in thread_shared(t) {
                if addr != 0 && self.counted_lists.insert((addr >> 4) as u32) {
                    self.entities.value_bytes += bytes;
                }
            }
        }
        let id = self.entities.threads.push(ThreadRef {
            tid,
            thread: t.cloned(),
        });
        remember(&mut self.threads, key, id);
        match self.thread_content.entry(h) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.thread_collisions.entry(h).or_default().push(id);
            }
        }
        id
    }

    fn fd(&mut self, num: Option<i64>, fd: Option<&Arc<Fd>>) -> u32 {
        if num.is_none() && fd.is_none() {
            return NO_ENTITY;
        }
        let key = (
            num.unwrap_or(i64::MIN),
            fd.map_or(0, |a| Arc::as_ptr(a) as usize),
        );
        let same =
            |e: &FdRef| fd_shown(e.num, e.fd.as_deref()) == fd_shown(num, fd.map(|a| a.as_ref()));
        if let Some(&id) = self.fds.get(&key) {
            return id;
        }
        if let Some(id) = self.recent_fds.get(key)
            && self.entities.fds.get(id).is_some_and(same)
        {
            return id;
        }
        let h = {
            use std::hash::{BuildHasher, BuildHasherDefault};
            fold(
                BuildHasherDefault::<rustc_hash::FxHasher>::default()
                    .hash_one(fd_shown(num, fd.map(|a| a.as_ref()))),
            )
        };
        if let Some(&first) = self.fd_content.get(&h) {
            let more = self.fd_collisions.get(&h).map_or(&[][..], |v| v.as_slice());
            for &id in std::iter::once(&first).chain(more) {
                if let Some(e) = self.entities.fds.get(id)
                    && same(e)
                {
                    self.recent_fds.put(key, id);
                    // As for threads: the entity's own version again.
                    if e.num == num && e.fd.as_ref().map(Arc::as_ptr) == fd.map(Arc::as_ptr) {
                        remember(&mut self.fds, key, id);
                    }
                    return id;
                }
            }
        }
        if let Some(f) = fd {
            self.entities.value_bytes += fd_bytes(f);
            if f.name.addr() != 0 && self.counted_lists.insert((f.name.addr() >> 4) as u32) {
                self.entities.value_bytes += f.name.heap_bytes();
            }
        }
        let id = self.entities.fds.push(FdRef {
            num,
            fd: fd.cloned(),
        });
        remember(&mut self.fds, key, id);
        match self.fd_content.entry(h) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.fd_collisions.entry(h).or_default().push(id);
            }
        }
        id
    }
}

/// State stage: runs the state engine over the chunk's blocks and builds
/// the chunk's columns.
fn state_stage(
    reader: &mut Reader,
    intern: &mut Interner,
    dyns: &mut super::procdyn::Recorder,
    raw: RawChunk,
    num_base: u64,
) -> Chunk {
    let base = raw.offsets.first().copied().unwrap_or(raw.end);
    let mut chunk = Chunk::new(base, num_base);
    // The column stage counted the chunk's events: no regrowth.
    chunk.reserve(raw.offsets.len());
    let mut k = 0;
    while reader.position() < raw.end {
        let Some(ev) = reader.next_event() else { break };
        // Offsets always agree (both stages use the same record rules); if
        // they ever did not, the record itself is the truth.
        while raw.offsets.get(k).is_some_and(|&o| o < ev.offset) {
            k += 1;
        }
        let (res, len_bytes) = if raw.offsets.get(k) == Some(&ev.offset) {
            k += 1;
            (raw.res[k - 1], raw.len[k - 1])
        } else {
            let r = event_res(&ev.rec);
            (r, io_len(&ev.rec, r))
        };
        if !chunk.fits(ev.offset) {
            // Cannot happen with bounded chunks; keep the column honest.
            continue;
        }
        let thread = intern.thread(ev.rec.tid, ev.ctx.thread.as_ref());
        let fd = intern.fd(ev.ctx.fd_num, ev.ctx.fd.as_ref());
        let proc_fd_code = dyns.after_event(
            &ev,
            chunk.len() as u32,
            &mut chunk.proc_dyn,
            &mut chunk.proc_vm,
        );
        chunk.push(NewEvent {
            ts_ns: ev.rec.ts_ns,
            offset: ev.offset,
            event_type: ev.rec.event_type,
            cpu: ev.rec.cpu,
            thread,
            fd,
            res,
            len_bytes,
            hidden: ev.hidden,
            numbered: ev.num.is_some(),
            event_fd: ev.ctx.fd_from_event,
            proc_fd_code,
        });
    }
    chunk.seal();
    chunk
}

fn run(id: u64, path: &Path, opts: &LoadOptions, sh: &Shared, tx: &SyncSender<Progress>) {
    let started = Instant::now();
    let total_on_disk = std::fs::metadata(path).map(|m| m.len()).ok();
    let cancel = || sh.cancel.load(Ordering::Relaxed);
    let mut decompress_progress = |done: u64| {
        let (rate, _) = rate_eta(done, None, started);
        report(
            id,
            sh,
            tx,
            Progress {
                phase: Phase::Decompressing,
                bytes_done: done,
                bytes_total: None,
                elapsed: started.elapsed(),
                rate_bytes_per_s: rate,
                ..Progress::default()
            },
        );
        !cancel()
    };
    let (bytes, _storage) = match map_capture(path, &mut decompress_progress) {
        Ok(x) => x,
        Err(e) => {
            let mut snap = Snapshot::new(SharedBytes::Owned(Arc::from(Vec::new())), 0);
            snap.done = true;
            let phase = if matches!(e, OpenError::Cancelled) {
                Phase::Cancelled
            } else {
                Phase::Done
            };
            report(
                id,
                sh,
                tx,
                Progress {
                    phase,
                    error: Some(e.to_string()),
                    ..Progress::default()
                },
            );
            snap.open_error = Some(e);
            *lock(&sh.latest) = Arc::new(snap);
            return;
        }
    };
    let _ = total_on_disk;
    let total = bytes.as_slice().len() as u64;
    let mut snap = Snapshot::new(bytes.clone(), total);
    *lock(&sh.latest) = Arc::new(snap.clone());
    let mut reader = Reader::from_shared(bytes.clone());
    let mut intern = Interner::default();
    let mut dyns = super::procdyn::Recorder::default();
    let data = bytes.as_slice();
    let index_start = Instant::now();
    let max_chunk_events = opts.chunk_events.max(1);
    let mut chunk_events = opts.first_chunk_events.clamp(1, max_chunk_events);
    let mut start = 0u64;
    let mut end = chunk_end(data, start, chunk_events);
    let mut next_raw = raw_decode(data, start, end);
    let mut num_base = 0;
    let mut released = 0usize;
    loop {
        if cancel() {
            report(
                id,
                sh,
                tx,
                Progress {
                    phase: Phase::Cancelled,
                    elapsed: started.elapsed(),
                    ..Progress::default()
                },
            );
            // Dropping the state, interner and snapshot frees the memory;
            // readers keep only what they still hold.
            return;
        }
        let raw = std::mem::take(&mut next_raw);
        let last = raw.end >= total;
        start = end;
        chunk_events = (chunk_events * 2).min(max_chunk_events);
        end = if last {
            total
        } else {
            chunk_end(data, start, chunk_events)
        };
        let (chunk, decoded) = rayon::join(
            || state_stage(&mut reader, &mut intern, &mut dyns, raw, num_base),
            || {
                if last {
                    RawChunk::default()
                } else {
                    raw_decode(data, start, end)
                }
            },
        );
        next_raw = decoded;
        // What is behind the reader stays on disk until someone asks for a
        // record: resident memory does not grow with the file.
        let keep_from = reader.position().saturating_sub(1 << 20) as usize;
        if keep_from > released {
            bytes.release(released..keep_from);
            released = keep_from;
        }
        num_base += chunk.numbered_count();
        let problems = reader.problems.clone();
        publish(&mut snap, chunk, &intern, problems, reader.position());
        let finished = last || reader.error.is_some() || reader.position() >= total;
        if finished {
            // Drain anything after the last chunk boundary (trailing
            // metadata, or the broken block that ends the read).
            while reader.next_event().is_some() {}
            snap.done = true;
            snap.error = reader.error.clone();
            snap.problems = reader.problems.clone();
            snap.bytes_read = reader.position();
            snap.end_state = Some(Arc::new(std::mem::take(&mut reader.state)));
        }
        *lock(&sh.latest) = Arc::new(snap.clone());
        report_indexing(id, sh, tx, &snap, total, started, index_start);
        if finished {
            return;
        }
    }
}

/// Adds a chunk to the snapshot being built.
fn publish(
    snap: &mut Snapshot,
    chunk: Chunk,
    intern: &Interner,
    problems: Problems,
    bytes_read: u64,
) {
    if !chunk.is_empty() {
        snap.push_chunk(Arc::new(chunk));
    }
    snap.generation += 1;
    snap.entities = intern.entities.clone();
    snap.problems = problems;
    snap.bytes_read = bytes_read;
}

fn report_indexing(
    id: u64,
    sh: &Shared,
    tx: &SyncSender<Progress>,
    snap: &Snapshot,
    total: u64,
    started: Instant,
    index_start: Instant,
) {
    let (rate, eta) = rate_eta(snap.bytes_read, Some(total), index_start);
    report(
        id,
        sh,
        tx,
        Progress {
            phase: if snap.done {
                Phase::Done
            } else {
                Phase::Indexing
            },
            bytes_done: snap.bytes_read,
            bytes_total: Some(total),
            events: snap.len() as u64,
            elapsed: started.elapsed(),
            rate_bytes_per_s: rate,
            eta,
            error: snap.error.as_ref().map(|e| e.to_string()),
            ..Progress::default()
        },
    );
}

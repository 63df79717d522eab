//! What views need beyond the store's columns, derived once per snapshot:
//! CPU per `procinfo` sample, per-process values by event, the per-thread
//! bookkeeping behind `evt.latency`, and the state tables (users,
//! containers, the thread table at the end).

use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::schema::{self, event_flags};
use crate::state::{State, ids};
use crate::store::{Chunk, ProcDyn, Snapshot, fd_code};

use super::extract::{reads, with_reads};

/// Per-thread latency bookkeeping (libsinsp's `m_last_latency_entertime`
/// and `m_latency`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LatencyState {
    pub enter_ts_ns: u64,
    pub latency_ns: u64,
}

/// Derived data of one snapshot. Cheap to create; each part is computed
/// the first time a view needs it.
///
/// Per-chunk results are held in cells that [`Facts::next`] hands on to
/// the facts of a later snapshot of the same load, so that what was
/// computed while the capture loaded is not computed again.
#[derive(Debug)]
pub struct Facts {
    snap: Arc<Snapshot>,
    state: OnceLock<Arc<State>>,
    cpu: OnceLock<FxHashMap<usize, f64>>,
    procdyn: OnceLock<FxHashMap<i64, Vec<(usize, ProcDyn)>>>,
    fd_starts: OnceLock<Vec<FxHashMap<i64, u64>>>,
    latency: OnceLock<LatencyIndex>,
    initial: Arc<OnceLock<Arc<State>>>,
    /// Per chunk: whether it holds events stamped 0.
    zero_stamps: Vec<Shared<bool>>,
    /// Per chunk: its latency effect on each thread.
    lat_ends: Vec<Shared<Arc<FxHashMap<i64, LatencyEnd>>>>,
    /// Per chunk: its effect on each process's fd count.
    fd_effects: Vec<Shared<Arc<FxHashMap<i64, FdEffect>>>>,
    /// Per chunk: its metric totals and the state tables they read.
    totals: Vec<Shared<(Arc<super::metrics::ChunkTotals>, u8)>>,
    /// Per view and filter, the results of whole chunks (most recently
    /// used first), and whether they are kept whatever else is looked at
    /// (views a [`super::Warmer`] prepares).
    view_parts: Mutex<Vec<ViewParts>>,
    /// The most recent tables, by view, filter and range (most recently
    /// used first).
    tables: Mutex<Vec<(String, Arc<super::model::Table>, bool)>>,
    /// The most recent overviews, by filter, range and points.
    overviews: Mutex<Vec<(String, Arc<super::tiles::Overview>)>>,
    /// [`PARTS_BUDGET_BYTES`] (tests set less).
    parts_budget_bytes: usize,
    /// [`super::engine::PINNED_PARTS_MAX_BYTES`] (tests set less).
    pub(crate) pinned_parts_max_bytes: usize,
}

/// A per-chunk cell, shared with the facts of later snapshots.
type Shared<T> = Arc<OnceLock<T>>;

/// The kept chunk results of one view and filter.
#[derive(Debug)]
struct ViewParts {
    key: String,
    slots: Arc<super::engine::ChunkSlots>,
    pinned: bool,
}

fn cells<T>(n: usize) -> Vec<Shared<T>> {
    (0..n).map(|_| Arc::new(OnceLock::new())).collect()
}

/// Finished tables kept for a repeated look (a 170k-row table holds some
/// 50 MB).
const CACHED_TABLES: usize = 3;

/// Views (with their filters) whose chunk results stay cached.
const CACHED_VIEWS: usize = 6;

/// What the chunk results of views no warmer prepares may hold together
/// (estimated), beyond the most recent view's: a look at a large view
/// keeps hundreds of MB of them on a 50M-event capture.
const PARTS_BUDGET_BYTES: usize = 512 << 20;

/// Estimated bytes of the chunk results in `slots`.
fn parts_bytes(slots: &super::engine::ChunkSlots) -> usize {
    slots
        .iter()
        .filter_map(|s| s.get())
        .map(|(p, _)| p.approx_bytes())
        .sum()
}

/// Per chunk, each thread's latency state after the chunk's events (as if
/// the chunk started from nothing), and per thread the chunks that have
/// one: the state at a chunk's start is the entry of the last such chunk
/// before it.
#[derive(Debug, Default)]
pub(crate) struct LatencyIndex {
    ends: Vec<Arc<FxHashMap<i64, LatencyEnd>>>,
    chunks_of: FxHashMap<i64, Vec<u32>>,
}

/// A chunk's effect on one thread: its last enter, and its last exit
/// after that enter (or its last exit, when it has no enter).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LatencyEnd {
    last_enter_ns: Option<u64>,
    last_exit_ns: Option<u64>,
}

/// How an event takes part in libsinsp's latency bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LatencyRole {
    /// Enters and exits with a thread: they update it.
    Update,
    /// `switch` (6 parameters) and `procinfo`: they have the thread but
    /// skip the bookkeeping, so they read its current latency.
    Read,
    /// No thread pointer: 0.
    None,
}

fn latency_role(snap: &Snapshot, c: &Chunk, j: usize) -> LatencyRole {
    let t = c.event_type(j);
    let known = || snap.entities.thread(c.thread_id(j)).thread.is_some();
    if t == ids::SCHEDSWITCH_6_E || t == ids::PROCINFO_E {
        return if known() {
            LatencyRole::Read
        } else {
            LatencyRole::None
        };
    }
    if schema::compat_flags(t) & event_flags::SKIPPARSERESET != 0
        || t == ids::CONTAINER_JSON_E
        || t == ids::CONTAINER_JSON_2_E
        || !known()
    {
        return LatencyRole::None;
    }
    LatencyRole::Update
}

impl Facts {
    /// Facts of `snap`.
    pub fn new(snap: Arc<Snapshot>) -> Facts {
        let n = snap.chunks.len();
        Facts {
            totals: cells(n),
            zero_stamps: cells(n),
            lat_ends: cells(n),
            fd_effects: cells(n),
            snap,
            state: OnceLock::new(),
            cpu: OnceLock::new(),
            procdyn: OnceLock::new(),
            fd_starts: OnceLock::new(),
            latency: OnceLock::new(),
            initial: Arc::new(OnceLock::new()),
            view_parts: Mutex::new(Vec::new()),
            tables: Mutex::new(Vec::new()),
            overviews: Mutex::new(Vec::new()),
            parts_budget_bytes: PARTS_BUDGET_BYTES,
            pinned_parts_max_bytes: super::engine::PINNED_PARTS_MAX_BYTES,
        }
    }

    /// Facts of `snap`, a later snapshot of the same load as this one's,
    /// taking over the per-chunk results of the chunks both hold (the
    /// same chunks: everything a chunk's result depends on lies in it and
    /// in the chunks before it, except the state's tables).
    ///
    /// While neither snapshot is the last, both read the capture's
    /// initial state, and the cells are shared: what is computed on
    /// either shows in both. When `snap` is the last (its state the one
    /// at the end of the capture), a result is taken over only if it read
    /// none of the state's tables that differ between the two (users,
    /// containers and interfaces are compared; the thread and fd tables
    /// always differ). Tables and overviews are not taken over: they
    /// depend on the capture's extent.
    pub fn next(&self, snap: Arc<Snapshot>) -> Facts {
        let out = Facts::new(snap);
        let shared = self
            .snap
            .chunks
            .iter()
            .zip(&out.snap.chunks)
            .take_while(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        if shared == 0 {
            return out;
        }
        let mut out = out;
        out.initial = self.initial.clone();
        let same_state = match (self.at_end(), out.at_end()) {
            (false, false) => true,
            (true, true) => match (&self.snap.end_state, &out.snap.end_state) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            },
            _ => false,
        };
        if same_state && let Some(s) = self.state.get() {
            let _ = out.state.set(s.clone());
        }
        // The tables that agree between the two states: results that
        // read only those are the same under both.
        let agree = if same_state {
            u8::MAX
        } else {
            let (a, b) = (self.state(), out.state());
            let mut m = 0;
            if a.users == b.users {
                m |= reads::USERS;
            }
            if a.containers == b.containers {
                m |= reads::CONTAINERS;
            }
            if a.interfaces == b.interfaces {
                m |= reads::INTERFACES;
            }
            m
        };
        for ci in 0..shared {
            out.zero_stamps[ci] = self.zero_stamps[ci].clone();
            out.lat_ends[ci] = self.lat_ends[ci].clone();
            out.fd_effects[ci] = self.fd_effects[ci].clone();
            out.totals[ci] = carry(&self.totals[ci], same_state, |(_, r)| r & !agree == 0);
        }
        let parts = self.view_parts.lock().unwrap_or_else(|e| e.into_inner());
        let mut mine = out.view_parts.lock().unwrap_or_else(|e| e.into_inner());
        for vp in parts.iter() {
            let mut slots: super::engine::ChunkSlots = cells(out.snap.chunks.len());
            for (ci, slot) in slots
                .iter_mut()
                .enumerate()
                .take(shared.min(vp.slots.len()))
            {
                // Lists and trees too: their rows keep text as references
                // resolved at the merge (as tables do their cells), and
                // what their chunk pass reads of the state is recorded.
                *slot = carry(&vp.slots[ci], same_state, |(_, r)| r & !agree == 0);
            }
            mine.push(ViewParts {
                key: vp.key.clone(),
                slots: Arc::new(slots),
                pinned: vp.pinned,
            });
        }
        drop(mine);
        drop(parts);
        out
    }

    /// The overview kept under `key`, if any.
    pub(crate) fn cached_overview(&self, key: &str) -> Option<Arc<super::tiles::Overview>> {
        let v = self.overviews.lock().unwrap_or_else(|e| e.into_inner());
        v.iter().find(|(k, _)| k == key).map(|(_, o)| o.clone())
    }

    /// Keeps `o` under `key` (the four most recent).
    pub(crate) fn keep_overview(&self, key: String, o: Arc<super::tiles::Overview>) {
        let mut v = self.overviews.lock().unwrap_or_else(|e| e.into_inner());
        v.retain(|(k, _)| *k != key);
        v.insert(0, (key, o));
        v.truncate(4);
    }

    /// The table kept under `key`, if any.
    pub(crate) fn cached_table(&self, key: &str) -> Option<Arc<super::model::Table>> {
        let mut v = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let k = v.iter().position(|e| e.0 == key)?;
        let e = v.remove(k);
        let t = e.1.clone();
        v.insert(0, e);
        Some(t)
    }

    /// Keeps `table` under `key`, dropping the least recently used past
    /// [`CACHED_TABLES`] of those not pinned; `pin` keeps it whatever else
    /// is looked at (the tables a [`super::Warmer`] prepares).
    pub(crate) fn keep_table(&self, key: String, table: Arc<super::model::Table>, pin: bool) {
        let mut v = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let pin = pin || v.iter().any(|e| e.0 == key && e.2);
        v.retain(|e| e.0 != key);
        v.insert(0, (key, table, pin));
        let mut unpinned = 0;
        v.retain(|e| {
            if e.2 {
                return true;
            }
            unpinned += 1;
            unpinned <= CACHED_TABLES
        });
    }

    /// The cache of whole-chunk results of a view and filter (`key`),
    /// created empty when absent; past [`CACHED_VIEWS`] the least recently
    /// used one that is not pinned is dropped. `pin` keeps it whatever
    /// else is looked at.
    pub(crate) fn view_slots(&self, key: &str, pin: bool) -> Arc<super::engine::ChunkSlots> {
        let mut v = self.view_parts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = v.iter().position(|p| p.key == key) {
            let mut e = v.remove(k);
            e.pinned |= pin;
            let slots = e.slots.clone();
            v.insert(0, e);
            return slots;
        }
        let slots: Arc<super::engine::ChunkSlots> = Arc::new(cells(self.snap.chunks.len()));
        v.insert(
            0,
            ViewParts {
                key: key.to_string(),
                slots: slots.clone(),
                pinned: pin,
            },
        );
        // The most recent unpinned ones, within the count and the budget
        // (the one just asked for always stays).
        let (mut unpinned, mut bytes) = (0, 0);
        v.retain(|p| {
            if p.pinned {
                return true;
            }
            unpinned += 1;
            bytes += parts_bytes(&p.slots);
            unpinned == 1 || (unpinned <= CACHED_VIEWS && bytes <= self.parts_budget_bytes)
        });
        slots
    }

    /// What the cached chunk results hold, per view and filter (most
    /// recently used first): the view's id and filter text, estimated
    /// bytes, and whether a warmer keeps them. For diagnostics.
    pub fn cached_parts(&self) -> Vec<(String, usize, bool)> {
        let v = self.view_parts.lock().unwrap_or_else(|e| e.into_inner());
        v.iter()
            .map(|p| (p.key.replace('\u{0}', " "), parts_bytes(&p.slots), p.pinned))
            .collect()
    }

    /// Drops the chunk results of a view and filter (`key`) if they hold
    /// more than `max_bytes` (see [`super::engine::ChunkPart::approx_bytes`]).
    pub(crate) fn drop_large_parts(&self, key: &str, max_bytes: usize) {
        let mut v = self.view_parts.lock().unwrap_or_else(|e| e.into_inner());
        v.retain(|p| p.key != key || parts_bytes(&p.slots) <= max_bytes);
    }

    /// The snapshot.
    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snap
    }

    /// The state tables: at the end of the capture once loaded, else as
    /// the capture's metadata blocks set them up.
    pub fn state(&self) -> &Arc<State> {
        self.state.get_or_init(|| match &self.snap.end_state {
            Some(s) => s.clone(),
            None => Arc::new(initial_state(&self.snap)),
        })
    }

    /// The state before the first event (process, fd, user and interface
    /// lists of the capture's metadata).
    pub fn initial_state(&self) -> &Arc<State> {
        self.initial
            .get_or_init(|| Arc::new(initial_state(&self.snap)))
    }

    /// Whether chunk `ci` holds events stamped 0 (metaevents).
    pub(crate) fn has_zero_stamps(&self, ci: usize) -> bool {
        match (self.zero_stamps.get(ci), self.snap.chunks.get(ci)) {
            (Some(cell), Some(c)) => *cell.get_or_init(|| (0..c.len()).any(|j| c.ts_ns(j) == 0)),
            _ => true,
        }
    }

    /// The cached whole-chunk metric totals of chunk `ci`.
    pub(crate) fn chunk_totals(
        &self,
        ci: usize,
        make: impl FnOnce() -> super::metrics::ChunkTotals,
    ) -> Arc<super::metrics::ChunkTotals> {
        let make = || {
            let (t, r) = with_reads(make);
            (Arc::new(t), r)
        };
        match self.totals.get(ci) {
            Some(cell) => cell.get_or_init(make).0.clone(),
            None => make().0,
        }
    }

    /// Keeps `t` (which read the state tables `reads`) as chunk `ci`'s
    /// metric totals, unless they are kept already.
    pub(crate) fn set_chunk_totals(&self, ci: usize, t: super::metrics::ChunkTotals, reads: u8) {
        if let Some(cell) = self.totals.get(ci) {
            let _ = cell.set((Arc::new(t), reads));
        }
    }

    /// Whether chunk `ci`'s metric totals are computed.
    pub(crate) fn has_chunk_totals(&self, ci: usize) -> bool {
        self.totals.get(ci).is_some_and(|c| c.get().is_some())
    }

    /// Whether the state is the one at the end of the capture.
    pub fn at_end(&self) -> bool {
        self.snap.done && self.snap.end_state.is_some()
    }

    /// `thread.cpu` of the `procinfo` event at global index `i`.
    pub(crate) fn cpu(&self, i: usize) -> Option<f64> {
        self.cpu
            .get_or_init(|| procinfo_cpu(&self.snap))
            .get(&i)
            .copied()
    }

    /// Per-process values of `pid` from each logged change on (empty when
    /// none): the values right after event `i` are those of the last entry
    /// at or before `i`.
    pub(crate) fn procdyn_log(&self, pid: i64) -> &[(usize, ProcDyn)] {
        self.procdyn
            .get_or_init(|| procdyn_index(&self.snap))
            .get(&pid)
            .map_or(&[], Vec::as_slice)
    }

    /// `proc.fdopencount` after every event of chunk `ci` (0 for events
    /// without a thread), from the store's per-event codes.
    pub(crate) fn chunk_fd_open(&self, ci: usize) -> Vec<u64> {
        let snap = &self.snap;
        let starts = self
            .fd_starts
            .get_or_init(|| fd_starts(snap, &self.fd_effects));
        let c = &snap.chunks[ci];
        let mut cur = starts[ci].clone();
        let mut log = c.proc_dyn.iter().peekable();
        let mut out = vec![0u64; c.len()];
        for (j, o) in out.iter_mut().enumerate() {
            let Some(t) = snap.entities.thread(c.thread_id(j)).thread.as_deref() else {
                continue;
            };
            let v = cur.entry(t.pid).or_insert(0);
            match c.proc_fd_code(j) {
                fd_code::UP => *v += 1,
                fd_code::DOWN => *v = v.wrapping_sub(1),
                fd_code::LOGGED => {
                    while log.peek().is_some_and(|e| (e.j as usize) < j) {
                        log.next();
                    }
                    if let Some(e) = log.peek()
                        && e.j as usize == j
                    {
                        *v = e.value.fd_open;
                    }
                }
                _ => {}
            }
            *o = *v;
        }
        out
    }

    pub(crate) fn latency_index(&self) -> &LatencyIndex {
        self.latency
            .get_or_init(|| latency_index(&self.snap, &self.lat_ends))
    }

    /// `evt.latency` of every event of chunk `ci` (0 where libsinsp's
    /// thread bookkeeping gives 0).
    pub(crate) fn chunk_latencies(&self, ci: usize) -> Vec<u64> {
        let snap = &self.snap;
        let idx = self.latency_index();
        let c = &snap.chunks[ci];
        // Each thread's state, by tid; the last event's thread entity and
        // its state (events of a thread come in runs).
        let mut slot_of: FxHashMap<i64, usize> = FxHashMap::default();
        let mut states: Vec<LatencyState> = Vec::new();
        let mut last: Option<(u32, usize)> = None;
        let mut out = vec![0u64; c.len()];
        for (j, o) in out.iter_mut().enumerate() {
            let role = latency_role(snap, c, j);
            if role == LatencyRole::None {
                continue;
            }
            let ent = c.thread_id(j);
            let slot = match last {
                Some((e, slot)) if e == ent => slot,
                _ => {
                    let tid = snap.entities.thread(ent).tid;
                    let slot = *slot_of.entry(tid).or_insert_with(|| {
                        states.push(idx.state_before(ci, tid));
                        states.len() - 1
                    });
                    last = Some((ent, slot));
                    slot
                }
            };
            let st = &mut states[slot];
            let ts = c.ts_ns(j);
            if role == LatencyRole::Read {
                *o = st.latency_ns;
                continue;
            }
            if schema::is_enter(c.event_type(j)) {
                st.latency_ns = 0;
                st.enter_ts_ns = ts;
            } else if st.enter_ts_ns != 0 {
                st.latency_ns = ts.wrapping_sub(st.enter_ts_ns);
            }
            *o = st.latency_ns;
        }
        out
    }
}

impl LatencyIndex {
    /// The latency state of `tid` before chunk `ci`: the last enter sets
    /// the enter time, the last exit after it the latency (0 without one).
    fn state_before(&self, ci: usize, tid: i64) -> LatencyState {
        let Some(chunks) = self.chunks_of.get(&tid) else {
            return LatencyState::default();
        };
        let k = chunks.partition_point(|&c| (c as usize) < ci);
        let mut exit_ns: Option<u64> = None;
        for &c in chunks[..k].iter().rev() {
            let e = self.ends[c as usize].get(&tid).copied().unwrap_or_default();
            if exit_ns.is_none() {
                exit_ns = e.last_exit_ns;
            }
            if let Some(enter) = e.last_enter_ns {
                return LatencyState {
                    enter_ts_ns: enter,
                    latency_ns: exit_ns.map_or(0, |x| x.wrapping_sub(enter)),
                };
            }
        }
        LatencyState::default()
    }
}

fn latency_index(
    snap: &Snapshot,
    cells: &[Shared<Arc<FxHashMap<i64, LatencyEnd>>>],
) -> LatencyIndex {
    let ends: Vec<Arc<FxHashMap<i64, LatencyEnd>>> = snap
        .chunks
        .par_iter()
        .zip(cells)
        .map(|(c, cell)| {
            cell.get_or_init(|| Arc::new(chunk_latency_ends(snap, c)))
                .clone()
        })
        .collect();
    let mut chunks_of: FxHashMap<i64, Vec<u32>> = FxHashMap::default();
    for (ci, m) in ends.iter().enumerate() {
        for &tid in m.keys() {
            chunks_of.entry(tid).or_default().push(ci as u32);
        }
    }
    LatencyIndex { ends, chunks_of }
}

/// Chunk `c`'s latency effect on each thread.
fn chunk_latency_ends(snap: &Snapshot, c: &Chunk) -> FxHashMap<i64, LatencyEnd> {
    let mut m: FxHashMap<i64, LatencyEnd> = FxHashMap::default();
    for j in 0..c.len() {
        if latency_role(snap, c, j) != LatencyRole::Update {
            continue;
        }
        let tid = snap.entities.thread(c.thread_id(j)).tid;
        let e = m.entry(tid).or_default();
        let ts = c.ts_ns(j);
        if schema::is_enter(c.event_type(j)) {
            e.last_enter_ns = Some(ts);
            e.last_exit_ns = None;
        } else {
            e.last_exit_ns = Some(ts);
        }
    }
    m
}

/// libsinsp's `thread.cpu` on `procinfo` events: the growth of the
/// thread's user+system CPU time since its previous sample, capped at 100;
/// 0 for a thread's first sample (or while its total is 0).
fn procinfo_cpu(snap: &Snapshot) -> FxHashMap<usize, f64> {
    let starts = snap.chunk_starts();
    let found: Vec<Vec<usize>> = snap
        .chunks
        .par_iter()
        .enumerate()
        .map(|(ci, c)| {
            c.event_types()
                .enumerate()
                .filter(|&(j, t)| {
                    t == ids::PROCINFO_E && snap.entities.thread(c.thread_id(j)).thread.is_some()
                })
                .map(|(j, _)| starts[ci] + j)
                .collect()
        })
        .collect();
    let mut last: FxHashMap<i64, u64> = FxHashMap::default();
    let mut out = FxHashMap::default();
    for i in found.into_iter().flatten() {
        let Some(rec) = snap.record(i) else { continue };
        let rd = |k: usize| -> u64 {
            rec.param(k)
                .and_then(|b| b.get(..8))
                .and_then(|b| b.try_into().ok())
                .map_or(0, u64::from_le_bytes)
        };
        let tot = rd(0).wrapping_add(rd(1));
        let prev = last.insert(rec.tid, tot).unwrap_or(0);
        let v = if prev != 0 {
            (tot.wrapping_sub(prev) as f64).min(100.0)
        } else {
            0.0
        };
        out.insert(i, v);
    }
    snap.release_pages();
    out
}

/// Per process, its values from each logged change on (full entries and
/// memory-only entries merged in event order).
fn procdyn_index(snap: &Snapshot) -> FxHashMap<i64, Vec<(usize, ProcDyn)>> {
    let mut m: FxHashMap<i64, Vec<(usize, ProcDyn)>> = FxHashMap::default();
    for (c, &start) in snap.chunks.iter().zip(snap.chunk_starts()) {
        let mut vm = c.proc_vm.iter().peekable();
        for ch in &c.proc_dyn {
            // Memory changes before this full entry.
            while let Some(v) = vm.next_if(|v| v.j < ch.j) {
                apply_vm(snap, c, start, v, &mut m);
            }
            m.entry(ch.pid)
                .or_default()
                .push((start + ch.j as usize, ch.value));
        }
        for v in vm {
            apply_vm(snap, c, start, v, &mut m);
        }
    }
    m
}

fn apply_vm(
    snap: &Snapshot,
    c: &Chunk,
    start: usize,
    v: &crate::store::ProcVmChange,
    m: &mut FxHashMap<i64, Vec<(usize, ProcDyn)>>,
) {
    let j = v.j as usize;
    let Some(t) = snap.entities.thread(c.thread_id(j)).thread.as_deref() else {
        return;
    };
    let log = m.entry(t.pid).or_default();
    let Some(&(_, last)) = log.last() else {
        return;
    };
    log.push((
        start + j,
        ProcDyn {
            vmsize_kb: v.vmsize_kb,
            vmrss_kb: v.vmrss_kb,
            ..last
        },
    ));
}

/// What a chunk does to one process's fd count: adds to the count it
/// starts with, or sets it (then adds).
#[derive(Debug, Clone, Copy)]
pub(crate) enum FdEffect {
    Add(i64),
    Set(u64, i64),
}

/// Each process's fd count at the start of each chunk (for the processes
/// the chunk has events of): chunk effects computed in parallel, then
/// chained.
fn fd_starts(
    snap: &Snapshot,
    cells: &[Shared<Arc<FxHashMap<i64, FdEffect>>>],
) -> Vec<FxHashMap<i64, u64>> {
    let effects: Vec<Arc<FxHashMap<i64, FdEffect>>> = snap
        .chunks
        .par_iter()
        .zip(cells)
        .map(|(c, cell)| {
            cell.get_or_init(|| Arc::new(chunk_fd_effects(snap, c)))
                .clone()
        })
        .collect();
    let mut cur: FxHashMap<i64, u64> = FxHashMap::default();
    let mut out = Vec::with_capacity(effects.len());
    for m in effects {
        let start: FxHashMap<i64, u64> = m
            .keys()
            .map(|pid| (*pid, cur.get(pid).copied().unwrap_or(0)))
            .collect();
        for (&pid, e) in m.iter() {
            let v = cur.entry(pid).or_insert(0);
            *v = match *e {
                FdEffect::Add(d) => v.wrapping_add_signed(d),
                FdEffect::Set(a, d) => a.wrapping_add_signed(d),
            };
        }
        out.push(start);
    }
    out
}

/// Chunk `c`'s effect on each process's fd count.
fn chunk_fd_effects(snap: &Snapshot, c: &Chunk) -> FxHashMap<i64, FdEffect> {
    let mut m: FxHashMap<i64, FdEffect> = FxHashMap::default();
    let mut log = c.proc_dyn.iter().peekable();
    for j in 0..c.len() {
        let Some(t) = snap.entities.thread(c.thread_id(j)).thread.as_deref() else {
            continue;
        };
        let e = m.entry(t.pid).or_insert(FdEffect::Add(0));
        let bump = |e: &mut FdEffect, d: i64| match e {
            FdEffect::Add(x) | FdEffect::Set(_, x) => *x += d,
        };
        match c.proc_fd_code(j) {
            fd_code::UP => bump(e, 1),
            fd_code::DOWN => bump(e, -1),
            fd_code::LOGGED => {
                while log.peek().is_some_and(|l| (l.j as usize) < j) {
                    log.next();
                }
                if let Some(l) = log.peek()
                    && l.j as usize == j
                {
                    *e = FdEffect::Set(l.value.fd_open, 0);
                }
            }
            _ => {}
        }
    }
    m
}

/// The state after the capture's metadata blocks (process, fd, user and
/// interface lists): what is known before the first event.
fn initial_state(snap: &Snapshot) -> State {
    let mut r = crate::reader::Reader::from_shared(snap.bytes.clone());
    // The process list is imported by the first event that is not one of
    // the container events opening a capture (nor of a type sysdig 0.29.3
    // skips).
    while let Some(ev) = r.next_event() {
        let t = ev.rec.event_type;
        if t < crate::reader::SYSDIG_EVENT_MAX && !matches!(t, 228 | 272 | 324) {
            break;
        }
    }
    std::mem::take(&mut r.state)
}

/// A cell for a later snapshot's facts: the same cell while the state is
/// the same, else a new one holding the value if `keep` accepts it.
fn carry<T: Clone>(cell: &Shared<T>, same_state: bool, keep: impl Fn(&T) -> bool) -> Shared<T> {
    if same_state {
        return cell.clone();
    }
    let out = OnceLock::new();
    if let Some(v) = cell.get()
        && keep(v)
    {
        let _ = out.set(v.clone());
    }
    Arc::new(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::Arc;

    use super::{Facts, parts_bytes};
    use crate::store::Snapshot;
    use crate::views::{self, Query};

    fn capture(name: &str) -> Arc<Snapshot> {
        crate::views::test_support::generated(name, 5)
    }

    /// A query over chunks `a..b` whole (from the first event of `a` to the
    /// first of `b`).
    fn chunks(snap: &Snapshot, a: usize, b: usize) -> Query {
        Query {
            from_ns: Some(snap.chunks[a].summary.min_ts_ns),
            to_ns: Some(snap.chunks[b].summary.min_ts_ns),
            ..Query::default()
        }
    }

    fn key(id: &str) -> String {
        format!("{id}\u{0}")
    }

    /// Dropped chunk results are computed again when a range needs them,
    /// with the same result.
    #[test]
    fn dropped_chunk_results_are_computed_again() {
        let snap = capture("drop");
        assert!(snap.chunks.len() > 8, "the capture spans several chunks");
        let f = Facts::new(snap.clone());
        views::compute(&f, "procs", &Query::default()).unwrap();
        let held = parts_bytes(&f.view_slots(&key("procs"), false));
        assert!(held > 0, "a whole-range look keeps its chunk results");
        f.drop_large_parts(&key("procs"), held);
        assert_eq!(parts_bytes(&f.view_slots(&key("procs"), false)), held);
        f.drop_large_parts(&key("procs"), held - 1);
        assert_eq!(parts_bytes(&f.view_slots(&key("procs"), false)), 0);
        let q = chunks(&snap, 3, 6);
        let got = views::compute(&f, "procs", &q).unwrap();
        let want = views::compute_reference(&Facts::new(snap.clone()), "procs", &q).unwrap();
        assert_eq!(want, got);
        assert!(!got.rows.is_empty());
        assert!(parts_bytes(&f.view_slots(&key("procs"), false)) > 0);
    }

    /// A warmed view's large chunk results go once its whole table is
    /// kept, whether a look computed that table first or the warmer did.
    #[test]
    fn a_kept_table_drops_large_chunk_results() {
        let snap = capture("pinned");
        let q = Query::default();
        for look_first in [false, true] {
            let mut f = Facts::new(snap.clone());
            f.pinned_parts_max_bytes = 0;
            let syscalls = views::find("syscalls").unwrap();
            views::engine::warm_shared(
                &f,
                &[syscalls],
                false,
                &(0..snap.chunks.len()).collect::<Vec<_>>(),
            );
            assert!(parts_bytes(&f.view_slots(&key("syscalls"), false)) > 0);
            if look_first {
                views::compute_shared(&f, "syscalls", &q).unwrap();
                assert!(parts_bytes(&f.view_slots(&key("syscalls"), false)) > 0);
            }
            let t = views::engine::run_shared_pin(&f, syscalls, &q, false, true).unwrap();
            assert_eq!(
                parts_bytes(&f.view_slots(&key("syscalls"), false)),
                0,
                "look first: {look_first}"
            );
            // The kept table is still the answer, and a range is right.
            assert!(Arc::ptr_eq(
                &t,
                &views::compute_shared(&f, "syscalls", &q).unwrap()
            ));
            let r = chunks(&snap, 2, 5);
            assert_eq!(
                views::compute_reference(&Facts::new(snap.clone()), "syscalls", &r).unwrap(),
                views::compute(&f, "syscalls", &r).unwrap()
            );
        }
    }

    /// Past the budget, the chunk results of the least recently used views
    /// go (the most recent one stays, whatever its size); results stay
    /// right.
    #[test]
    fn the_budget_drops_the_least_recent_views() {
        let snap = capture("budget");
        let mut f = Facts::new(snap.clone());
        let q = Query::default();
        views::compute(&f, "procs", &q).unwrap();
        let procs = parts_bytes(&f.view_slots(&key("procs"), false));
        // Room for procs' results, not for those of a second view too.
        f.parts_budget_bytes = procs + procs / 2;
        views::compute(&f, "connections", &q).unwrap();
        let conns = parts_bytes(&f.view_slots(&key("connections"), false));
        assert!(conns > procs / 2, "connections hold {conns}, procs {procs}");
        // Asking for a third view's slots applies the budget: connections
        // (more recent) stay, procs go.
        views::compute(&f, "syscalls", &q).unwrap();
        let v = f.view_parts.lock().unwrap();
        let keys: Vec<&str> = v.iter().map(|p| p.key.as_str()).collect();
        assert!(keys.contains(&key("syscalls").as_str()), "{keys:?}");
        assert!(!keys.contains(&key("procs").as_str()), "{keys:?}");
        drop(v);
        let r = chunks(&snap, 2, 9);
        let fresh = Facts::new(snap.clone());
        for id in ["procs", "connections", "syscalls"] {
            assert_eq!(
                views::compute_reference(&fresh, id, &r).unwrap(),
                views::compute(&f, id, &r).unwrap(),
                "{id}"
            );
        }
    }
}

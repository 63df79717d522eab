//! The timeline's view of one store chunk: each lane's events in time
//! order, and pyramids per thread, per process and for all events.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Category, Density, LaneKey, Pyramid};
use crate::schema;
use crate::store::{Chunk, Entities};

/// Pyramid levels a lane keeps may hold up to one bucket per this many
/// events (see [`Pyramid::build`]): bounds the index at a few bytes per
/// event whatever the capture looks like.
pub(super) const EVENTS_PER_BUCKET: usize = 8;

/// The same for the all-events lane (one per chunk, read by every frame's
/// metrics strip): finer levels are worth more there.
pub(super) const ALL_EVENTS_PER_BUCKET: usize = 8;

/// Time order of some events of a chunk, as chunk-local indices.
#[derive(Debug, Clone)]
enum Order {
    /// `0..n`: the chunk's own order (sorted chunks, for the all-events
    /// lane).
    Identity(usize),
    /// Indices below 2^16 (the default chunk size).
    Narrow(Box<[u16]>),
    /// Larger chunks.
    Wide(Box<[u32]>),
}

impl Order {
    fn from_sorted(v: Vec<u32>) -> Order {
        if v.iter().enumerate().all(|(k, &j)| j as usize == k) {
            return Order::Identity(v.len());
        }
        if v.iter().all(|&j| j <= u32::from(u16::MAX)) {
            Order::Narrow(v.into_iter().map(|j| j as u16).collect())
        } else {
            Order::Wide(v.into_boxed_slice())
        }
    }

    fn len(&self) -> usize {
        match self {
            Order::Identity(n) => *n,
            Order::Narrow(v) => v.len(),
            Order::Wide(v) => v.len(),
        }
    }

    fn get(&self, k: usize) -> usize {
        match self {
            Order::Identity(_) => k,
            Order::Narrow(v) => usize::from(v[k]),
            Order::Wide(v) => v[k] as usize,
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Order::Identity(_) => 0,
            Order::Narrow(v) => v.len() * 2,
            Order::Wide(v) => v.len() * 4,
        }
    }
}

/// Some events of one lane (or of a process, or of everything) over a
/// stretch of the capture, summed into a pyramid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// Number of events.
    pub events: usize,
    /// Earliest timestamp.
    pub min_ts_ns: u64,
    /// Latest timestamp.
    pub max_ts_ns: u64,
    /// Density at the levels kept.
    pub pyramid: Pyramid,
}

impl Stretch {
    /// Whether it may hold events of `[from_ns, to_ns)`.
    pub fn overlaps(&self, from_ns: u64, to_ns: u64) -> bool {
        self.events > 0 && self.max_ts_ns >= from_ns && self.min_ts_ns < to_ns
    }

    /// Merges consecutive stretches (in time order), keeping levels no
    /// finer than `2^min_shift`.
    pub(super) fn merge(parts: &[&Stretch], min_shift: u32, events_per_bucket: usize) -> Stretch {
        let parts: Vec<&&Stretch> = parts.iter().filter(|p| p.events > 0).collect();
        let events = parts.iter().map(|p| p.events).sum();
        let pyramids: Vec<&Pyramid> = parts.iter().map(|p| &p.pyramid).collect();
        Stretch {
            events,
            min_ts_ns: parts.iter().map(|p| p.min_ts_ns).min().unwrap_or(u64::MAX),
            max_ts_ns: parts.iter().map(|p| p.max_ts_ns).max().unwrap_or(0),
            pyramid: Pyramid::merge(&pyramids, min_shift, events / events_per_bucket),
        }
    }

    fn of_sorted(events: &[(u64, u32)], dens: &[Density], events_per_bucket: usize) -> Stretch {
        Stretch {
            events: events.len(),
            min_ts_ns: events.first().map_or(u64::MAX, |e| e.0),
            max_ts_ns: events.iter().map(|e| e.0).max().unwrap_or(0),
            pyramid: Pyramid::build(
                events.iter().map(|&(ts, j)| (ts, dens[j as usize])),
                events.len() / events_per_bucket,
            ),
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.pyramid.heap_bytes()
    }
}

/// One lane's part of a chunk.
#[derive(Debug, Clone)]
pub struct LaneLod {
    /// Which lane.
    pub key: LaneKey,
    order: Order,
    /// Its events summed.
    pub stretch: Stretch,
    /// Thread entity of the lane's last event here that has a command
    /// name (names, container); the first event's when none has.
    pub(super) last_thread: u32,
}

impl LaneLod {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether it has no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Chunk-local index of the `k`-th event in time order.
    pub fn event_at(&self, k: usize) -> usize {
        self.order.get(k)
    }

    fn new(
        key: LaneKey,
        mut events: Vec<(u64, u32)>,
        dens: &[Density],
        last_thread: u32,
        events_per_bucket: usize,
    ) -> LaneLod {
        // Events of one thread are nearly always in order already; a
        // stable sort keeps file order for equal timestamps.
        if !events.is_sorted_by_key(|e| e.0) {
            events.sort_by_key(|e| e.0);
        }
        let stretch = Stretch::of_sorted(&events, dens, events_per_bucket);
        LaneLod {
            key,
            order: Order::from_sorted(events.into_iter().map(|e| e.1).collect()),
            stretch,
            last_thread,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.order.heap_bytes() + self.stretch.heap_bytes()
    }
}

/// The timeline's view of one store chunk. Immutable once built.
#[derive(Debug, Clone)]
pub struct ChunkLod {
    /// The chunk.
    pub chunk: Arc<Chunk>,
    /// Store index of its first event.
    pub first_index: usize,
    /// Earliest timestamp (events stamped 0 are not on the timeline);
    /// `u64::MAX` when there is none.
    pub min_ts_ns: u64,
    /// Latest timestamp.
    pub max_ts_ns: u64,
    /// Thread lanes, sorted by key (so by process, then thread).
    pub lanes: Vec<LaneLod>,
    /// Processes with two threads or more in this chunk, by pid: their
    /// threads summed (a busy process of many quiet threads is dense as a
    /// whole, sparse thread by thread).
    pub procs: Vec<(i64, Stretch)>,
    /// Every event of the chunk as one lane (the metrics strip).
    pub all: LaneLod,
}

/// What one event contributes to a density, and its category.
pub(super) fn event_density(chunk: &Chunk, j: usize, entities: &Entities) -> (Density, Category) {
    let et = chunk.event_type(j);
    let fd_kind = entities
        .fd(chunk.fd_id(j))
        .and_then(|f| f.fd.as_ref())
        .map(|f| f.kind);
    let cat = Category::of(et, fd_kind);
    let mut d = Density::default();
    d.by_category[cat.index()] = 1;
    if !schema::is_enter(et) {
        if chunk.res(j).is_some_and(|r| r < 0) {
            d.errors = 1;
        }
        if let Some(n) = chunk.len_bytes(j) {
            d.io_bytes = u64::from(n);
            if cat == Category::Network {
                d.net_bytes = u64::from(n);
            }
        }
    }
    (d, cat)
}

/// The range of `lanes` (sorted by key) that belong to process `pid`.
pub(super) fn pid_range<T>(
    lanes: &[T],
    key: impl Fn(&T) -> LaneKey,
    pid: i64,
) -> std::ops::Range<usize> {
    let lo = lanes.partition_point(|l| key(l).pid < pid);
    let hi = lanes.partition_point(|l| key(l).pid <= pid);
    lo..hi
}

impl ChunkLod {
    /// Builds the lanes and pyramids of one chunk. `entities` must hold
    /// every entity the chunk refers to (any snapshot that has the chunk).
    pub fn build(chunk: Arc<Chunk>, first_index: usize, entities: &Entities) -> ChunkLod {
        let n = chunk.len();
        let mut dens = Vec::with_capacity(n);
        // Entity → (lane slot, whether its thread has a command name).
        let mut slot_of_entity: FxHashMap<u32, (usize, bool)> = FxHashMap::default();
        let mut slot_of_key: FxHashMap<LaneKey, usize> = FxHashMap::default();
        // Per lane: key, (timestamp, chunk-local index), last thread.
        type Building = (LaneKey, Vec<(u64, u32)>, u32);
        let mut building: Vec<Building> = Vec::new();
        let mut all = Vec::with_capacity(n);
        for j in 0..n {
            dens.push(event_density(&chunk, j, entities).0);
            let ts = chunk.ts_ns(j);
            // Metaevents stamped 0 have no place in time.
            if ts == 0 {
                continue;
            }
            all.push((ts, j as u32));
            let ent = chunk.thread_id(j);
            let (slot, named) = *slot_of_entity.entry(ent).or_insert_with(|| {
                let t = entities.thread(ent);
                let named = t.thread.as_ref().is_some_and(|t| !t.comm.is_empty());
                let key = LaneKey::of(t);
                let slot = *slot_of_key.entry(key).or_insert_with(|| {
                    building.push((key, Vec::new(), u32::MAX));
                    building.len() - 1
                });
                (slot, named)
            });
            let lane = &mut building[slot];
            lane.1.push((ts, j as u32));
            // Threads lose their name in some versions (an execve not
            // seen whole): keep the last one that has it.
            if named || lane.2 == u32::MAX {
                lane.2 = ent;
            }
        }
        // The all-events lane has no thread: `u32::MAX` is no entity.
        let all = LaneLod::new(
            LaneKey { pid: -1, tid: -1 },
            all,
            &dens,
            u32::MAX,
            ALL_EVENTS_PER_BUCKET,
        );
        building.sort_by_key(|b| b.0);
        let mut procs = Vec::new();
        let mut k = 0;
        while k < building.len() {
            let pid = building[k].0.pid;
            let r = pid_range(&building, |b| b.0, pid);
            if r.len() >= 2 {
                let mut events: Vec<(u64, u32)> = building[r.clone()]
                    .iter()
                    .flat_map(|b| b.1.iter().copied())
                    .collect();
                events.sort_by_key(|e| e.0);
                procs.push((pid, Stretch::of_sorted(&events, &dens, EVENTS_PER_BUCKET)));
            }
            k = r.end;
        }
        let lanes: Vec<LaneLod> = building
            .into_iter()
            .map(|(key, ev, last)| LaneLod::new(key, ev, &dens, last, EVENTS_PER_BUCKET))
            .collect();
        // A chunk of metaevents only bounds no time at all.
        let (min_ts_ns, max_ts_ns) = if all.is_empty() {
            (u64::MAX, 0)
        } else {
            (all.stretch.min_ts_ns, all.stretch.max_ts_ns)
        };
        ChunkLod {
            chunk,
            first_index,
            min_ts_ns,
            max_ts_ns,
            lanes,
            procs,
            all,
        }
    }

    /// The part of lane `key` in this chunk.
    pub fn lane(&self, key: LaneKey) -> Option<&LaneLod> {
        self.lanes
            .binary_search_by_key(&key, |l| l.key)
            .ok()
            .map(|i| &self.lanes[i])
    }

    /// The thread lanes of process `pid`.
    pub fn threads_of(&self, pid: i64) -> &[LaneLod] {
        &self.lanes[pid_range(&self.lanes, |l| l.key, pid)]
    }

    /// Process `pid` summed, when it has two threads or more here.
    pub fn proc(&self, pid: i64) -> Option<&Stretch> {
        self.procs
            .binary_search_by_key(&pid, |p| p.0)
            .ok()
            .map(|i| &self.procs[i].1)
    }

    /// Heap bytes held (the chunk itself not counted).
    pub fn heap_bytes(&self) -> usize {
        self.lanes.capacity() * std::mem::size_of::<LaneLod>()
            + self.lanes.iter().map(LaneLod::heap_bytes).sum::<usize>()
            + self.procs.capacity() * std::mem::size_of::<(i64, Stretch)>()
            + self.procs.iter().map(|p| p.1.heap_bytes()).sum::<usize>()
            + self.all.heap_bytes()
    }
}

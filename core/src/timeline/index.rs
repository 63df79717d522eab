//! The timeline index: per chunk, each lane's events in time order and
//! their pyramid; over the whole capture, the lanes and what they are.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Category, Density, LaneKey, Pyramid};
use crate::schema;
use crate::store::{Chunk, Entities, Snapshot};

/// Pyramid levels a lane keeps may hold up to one bucket per this many
/// events (see [`Pyramid::build`]): bounds the index at a few bytes per
/// event whatever the capture looks like.
const EVENTS_PER_BUCKET: usize = 16;

/// The same for the all-events lane (one per chunk, read by every frame's
/// metrics strip): finer levels are worth more there.
const ALL_EVENTS_PER_BUCKET: usize = 8;

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

/// One lane's part of a chunk.
#[derive(Debug, Clone)]
pub struct LaneLod {
    /// Which lane.
    pub key: LaneKey,
    order: Order,
    /// Earliest timestamp of the lane in this chunk.
    pub min_ts_ns: u64,
    /// Latest timestamp of the lane in this chunk.
    pub max_ts_ns: u64,
    /// Density at coarse levels.
    pub pyramid: Pyramid,
    /// Thread entity of the lane's last event here (names, container).
    last_thread: u32,
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

    fn heap_bytes(&self) -> usize {
        self.order.heap_bytes() + self.pyramid.heap_bytes()
    }
}

/// The timeline's view of one store chunk. Immutable once built.
#[derive(Debug, Clone)]
pub struct ChunkLod {
    /// The chunk.
    pub chunk: Arc<Chunk>,
    /// Store index of its first event.
    pub first_index: usize,
    /// Earliest timestamp (events stamped 0 are not on the timeline).
    pub min_ts_ns: u64,
    /// Latest timestamp.
    pub max_ts_ns: u64,
    /// Lanes, sorted by key.
    pub lanes: Vec<LaneLod>,
    /// Every event of the chunk as one lane (the metrics strip).
    pub all: LaneLod,
}

/// What one event contributes to a density.
fn event_density(chunk: &Chunk, j: usize, entities: &Entities) -> (Density, Category) {
    let et = chunk.event_type[j];
    let fd_kind = entities
        .fd(chunk.fd[j])
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

fn lane_lod(
    key: LaneKey,
    mut events: Vec<(u64, u32)>,
    dens: &[Density],
    last_thread: u32,
    events_per_bucket: usize,
) -> LaneLod {
    // Events of one thread are nearly always in order already; a stable
    // sort keeps file order for equal timestamps.
    if !events.is_sorted_by_key(|e| e.0) {
        events.sort_by_key(|e| e.0);
    }
    let min_ts_ns = events.first().map_or(0, |e| e.0);
    let max_ts_ns = events.iter().map(|e| e.0).max().unwrap_or(0);
    let budget = events.len() / events_per_bucket;
    let pyramid = Pyramid::build(events.iter().map(|&(ts, j)| (ts, dens[j as usize])), budget);
    LaneLod {
        key,
        order: Order::from_sorted(events.into_iter().map(|e| e.1).collect()),
        min_ts_ns,
        max_ts_ns,
        pyramid,
        last_thread,
    }
}

impl ChunkLod {
    /// Builds the lanes and pyramids of one chunk. `entities` must hold
    /// every entity the chunk refers to (any snapshot that has the chunk).
    pub fn build(chunk: Arc<Chunk>, first_index: usize, entities: &Entities) -> ChunkLod {
        let n = chunk.len();
        let mut dens = Vec::with_capacity(n);
        let mut slot_of_entity: FxHashMap<u32, usize> = FxHashMap::default();
        let mut slot_of_key: FxHashMap<LaneKey, usize> = FxHashMap::default();
        // Per lane: key, (timestamp, chunk-local index), last thread.
        type Building = (LaneKey, Vec<(u64, u32)>, u32);
        let mut lanes: Vec<Building> = Vec::new();
        let mut all = Vec::with_capacity(n);
        for j in 0..n {
            dens.push(event_density(&chunk, j, entities).0);
            let ts = chunk.ts_ns(j);
            // Metaevents stamped 0 have no place in time.
            if ts == 0 {
                continue;
            }
            all.push((ts, j as u32));
            let ent = chunk.thread[j];
            let slot = *slot_of_entity.entry(ent).or_insert_with(|| {
                let key = LaneKey::of(entities.thread(ent));
                *slot_of_key.entry(key).or_insert_with(|| {
                    lanes.push((key, Vec::new(), ent));
                    lanes.len() - 1
                })
            });
            let lane = &mut lanes[slot];
            lane.1.push((ts, j as u32));
            lane.2 = ent;
        }
        // The all-events lane has no thread: `u32::MAX` is no entity.
        let all = lane_lod(
            LaneKey { pid: -1, tid: -1 },
            all,
            &dens,
            u32::MAX,
            ALL_EVENTS_PER_BUCKET,
        );
        let mut lanes: Vec<LaneLod> = lanes
            .into_iter()
            .map(|(key, ev, last)| lane_lod(key, ev, &dens, last, EVENTS_PER_BUCKET))
            .collect();
        lanes.sort_by_key(|l| l.key);
        // A chunk of metaevents only bounds no time at all.
        let (min_ts_ns, max_ts_ns) = if all.is_empty() {
            (u64::MAX, 0)
        } else {
            (all.min_ts_ns, all.max_ts_ns)
        };
        ChunkLod {
            chunk,
            first_index,
            min_ts_ns,
            max_ts_ns,
            lanes,
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

    /// Heap bytes held (the chunk itself not counted).
    pub fn heap_bytes(&self) -> usize {
        self.lanes.capacity() * std::mem::size_of::<LaneLod>()
            + self.lanes.iter().map(LaneLod::heap_bytes).sum::<usize>()
            + self.all.heap_bytes()
    }
}

/// A lane over the whole capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaneInfo {
    /// Which lane.
    pub key: LaneKey,
    /// Command name of the thread's latest version.
    pub comm: String,
    /// Container id (empty for the host).
    pub container_id: String,
    /// Number of events.
    pub events: u64,
    /// Earliest timestamp.
    pub min_ts_ns: u64,
    /// Latest timestamp.
    pub max_ts_ns: u64,
}

/// A process: the lanes of its threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    /// Process id.
    pub pid: i64,
    /// Command name (of the main thread when it was seen).
    pub comm: String,
    /// Container id (empty for the host).
    pub container_id: String,
    /// Its threads' lanes, by tid.
    pub threads: Vec<LaneKey>,
    /// Events of all its threads.
    pub events: u64,
}

/// The processes of one container (or of the host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Container id, empty for the host.
    pub container_id: String,
    /// Busiest first.
    pub processes: Vec<Process>,
}

/// One event of a lane, with what the timeline needs to draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaneEvent {
    /// Index in the store.
    pub index: usize,
    /// Timestamp.
    pub ts_ns: u64,
    /// Event type.
    pub event_type: u16,
    /// Result, when it has one.
    pub res: Option<i64>,
    /// Category.
    pub category: Category,
}

impl LaneEvent {
    /// Whether it is an enter event.
    pub fn is_enter(&self) -> bool {
        schema::is_enter(self.event_type)
    }

    /// Whether `exit` is the exit of this enter event.
    pub fn is_entered_by(&self, exit: &LaneEvent) -> bool {
        self.is_enter() && exit.event_type == self.event_type + 1
    }

    /// Whether it is an exit that failed.
    pub fn failed(&self) -> bool {
        !self.is_enter() && self.res.is_some_and(|r| r < 0)
    }
}

/// The name of an event type, as sysdig prints it.
pub fn event_name(event_type: u16) -> &'static str {
    schema::event_desc(event_type).map_or("?", |d| d.name)
}

/// Children per node of the chunk tree.
const FANOUT: usize = 8;

/// One lane's part of a [`Node`].
#[derive(Debug, Clone)]
struct NodeLane {
    key: LaneKey,
    events: usize,
    min_ts_ns: u64,
    max_ts_ns: u64,
    pyramid: Pyramid,
}

/// A node of the chunk tree: the lanes of [`FANOUT`] consecutive chunks
/// (level 0) or nodes (above) merged, so that a view over much of a large
/// capture reads a few merged buckets instead of every chunk's.
#[derive(Debug, Clone)]
struct Node {
    /// Index of the first child (a chunk at level 0, a node of the level
    /// below otherwise).
    first: usize,
    min_ts_ns: u64,
    max_ts_ns: u64,
    /// Sorted by key.
    lanes: Vec<NodeLane>,
    all: NodeLane,
}

impl Node {
    fn lane(&self, key: Option<LaneKey>) -> Option<&NodeLane> {
        match key {
            None => Some(&self.all),
            Some(k) => self
                .lanes
                .binary_search_by_key(&k, |l| l.key)
                .ok()
                .map(|i| &self.lanes[i]),
        }
    }

    /// Merges children given as their lanes (each sorted by key) and
    /// all-events lane.
    fn merge<'a>(first: usize, children: &[(Vec<NodeLaneRef<'a>>, NodeLaneRef<'a>)]) -> Node {
        let mut by_key: BTreeMap<LaneKey, Vec<NodeLaneRef<'a>>> = BTreeMap::new();
        for (lanes, _) in children {
            for l in lanes {
                by_key.entry(l.key).or_default().push(*l);
            }
        }
        let lanes: Vec<NodeLane> = by_key
            .into_values()
            .map(|v| merge_lane(&v, EVENTS_PER_BUCKET))
            .collect();
        let alls: Vec<NodeLaneRef<'a>> = children.iter().map(|c| c.1).collect();
        let all = merge_lane(&alls, ALL_EVENTS_PER_BUCKET);
        let (min_ts_ns, max_ts_ns) = if all.events == 0 {
            (u64::MAX, 0)
        } else {
            (all.min_ts_ns, all.max_ts_ns)
        };
        Node {
            first,
            min_ts_ns,
            max_ts_ns,
            lanes,
            all,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.lanes.capacity() * std::mem::size_of::<NodeLane>()
            + self
                .lanes
                .iter()
                .map(|l| l.pyramid.heap_bytes())
                .sum::<usize>()
            + self.all.pyramid.heap_bytes()
    }
}

/// A lane of a chunk or node, as a node merges it.
#[derive(Debug, Clone, Copy)]
struct NodeLaneRef<'a> {
    key: LaneKey,
    events: usize,
    min_ts_ns: u64,
    max_ts_ns: u64,
    pyramid: &'a Pyramid,
}

impl<'a> From<&'a LaneLod> for NodeLaneRef<'a> {
    fn from(l: &'a LaneLod) -> Self {
        NodeLaneRef {
            key: l.key,
            events: l.len(),
            min_ts_ns: l.min_ts_ns,
            max_ts_ns: l.max_ts_ns,
            pyramid: &l.pyramid,
        }
    }
}

impl<'a> From<&'a NodeLane> for NodeLaneRef<'a> {
    fn from(l: &'a NodeLane) -> Self {
        NodeLaneRef {
            key: l.key,
            events: l.events,
            min_ts_ns: l.min_ts_ns,
            max_ts_ns: l.max_ts_ns,
            pyramid: &l.pyramid,
        }
    }
}

fn merge_lane(parts: &[NodeLaneRef<'_>], events_per_bucket: usize) -> NodeLane {
    let parts: Vec<&NodeLaneRef<'_>> = parts.iter().filter(|p| p.events > 0).collect();
    let events = parts.iter().map(|p| p.events).sum();
    let pyramids: Vec<&Pyramid> = parts.iter().map(|p| p.pyramid).collect();
    NodeLane {
        key: parts
            .first()
            .map_or(LaneKey { pid: -1, tid: -1 }, |p| p.key),
        events,
        min_ts_ns: parts.iter().map(|p| p.min_ts_ns).min().unwrap_or(0),
        max_ts_ns: parts.iter().map(|p| p.max_ts_ns).max().unwrap_or(0),
        pyramid: Pyramid::merge(&pyramids, events / events_per_bucket),
    }
}

/// Everything the timeline knows, built chunk by chunk.
#[derive(Debug, Clone, Default)]
pub struct TimelineIndex {
    chunks: Vec<Arc<ChunkLod>>,
    /// `tree[0]` groups chunks, `tree[k]` groups nodes of `tree[k - 1]`;
    /// only complete groups exist.
    tree: Vec<Vec<Arc<Node>>>,
    /// Running maximum of the chunks' latest timestamps.
    run_max_ts_ns: Vec<u64>,
    /// Minimum of the chunks' earliest timestamps from each chunk on.
    rest_min_ts_ns: Vec<u64>,
    lanes: BTreeMap<LaneKey, LaneInfo>,
    entities: Entities,
    events: u64,
    min_ts_ns: u64,
    max_ts_ns: u64,
}

/// A part of the index a query visits: a tree node or a chunk.
#[derive(Debug, Clone, Copy)]
enum Item {
    Node { level: usize, i: usize },
    Chunk(usize),
}

impl TimelineIndex {
    /// An index of everything in `snap`.
    pub fn new(snap: &Snapshot) -> TimelineIndex {
        let mut t = TimelineIndex::default();
        t.update(snap);
        t
    }

    /// Takes in the chunks `snap` added since the last update (all of them
    /// if `snap` is from another load) and returns how many.
    pub fn update(&mut self, snap: &Snapshot) -> usize {
        let same_load = self.chunks.len() <= snap.chunks.len()
            && self
                .chunks
                .iter()
                .zip(&snap.chunks)
                .all(|(a, b)| Arc::ptr_eq(&a.chunk, b));
        if !same_load {
            *self = TimelineIndex::default();
        }
        let start = self.chunks.len();
        let mut first = self
            .chunks
            .last()
            .map_or(0, |c| c.first_index + c.chunk.len());
        let firsts: Vec<usize> = snap.chunks[start..]
            .iter()
            .map(|c| {
                let f = first;
                first += c.len();
                f
            })
            .collect();
        let entities = &snap.entities;
        let new: Vec<Arc<ChunkLod>> = snap.chunks[start..]
            .par_iter()
            .zip(firsts)
            .map(|(c, f)| Arc::new(ChunkLod::build(c.clone(), f, entities)))
            .collect();
        self.entities = snap.entities.clone();
        let added = new.len();
        for c in new {
            self.absorb(&c);
            let m = self.run_max_ts_ns.last().copied().unwrap_or(0);
            self.run_max_ts_ns.push(m.max(c.max_ts_ns));
            self.chunks.push(c);
        }
        self.rest_min_ts_ns = vec![u64::MAX; self.chunks.len()];
        let mut m = u64::MAX;
        for (i, c) in self.chunks.iter().enumerate().rev() {
            m = m.min(c.min_ts_ns);
            self.rest_min_ts_ns[i] = m;
        }
        self.grow_tree();
        added
    }

    /// Builds the tree nodes whose children are now all there.
    fn grow_tree(&mut self) {
        let mut level = 0;
        loop {
            let below = if level == 0 {
                self.chunks.len()
            } else {
                self.tree[level - 1].len()
            };
            if below < FANOUT {
                return;
            }
            if self.tree.len() <= level {
                self.tree.push(Vec::new());
            }
            let have = self.tree[level].len();
            let firsts: Vec<usize> = (have..below / FANOUT).map(|k| k * FANOUT).collect();
            let new: Vec<Arc<Node>> = firsts
                .par_iter()
                .map(|&first| {
                    let children: Vec<(Vec<NodeLaneRef<'_>>, NodeLaneRef<'_>)> = if level == 0 {
                        self.chunks[first..first + FANOUT]
                            .iter()
                            .map(|c| (c.lanes.iter().map(Into::into).collect(), (&c.all).into()))
                            .collect()
                    } else {
                        self.tree[level - 1][first..first + FANOUT]
                            .iter()
                            .map(|n| (n.lanes.iter().map(Into::into).collect(), (&n.all).into()))
                            .collect()
                    };
                    Arc::new(Node::merge(first, &children))
                })
                .collect();
            self.tree[level].extend(new);
            level += 1;
        }
    }

    /// Tree nodes and chunks that together cover every chunk once, the
    /// largest nodes first.
    fn cover(&self) -> Vec<Item> {
        let mut items = Vec::new();
        // Chunks covered so far.
        let mut done = 0;
        for level in (0..self.tree.len()).rev() {
            let span = FANOUT.pow(level as u32 + 1);
            let start = done / span;
            for i in start..self.tree[level].len() {
                items.push(Item::Node { level, i });
                done = (i + 1) * span;
            }
        }
        items.extend((done..self.chunks.len()).map(Item::Chunk));
        items
    }

    /// Chunks that may hold events of `[from_ns, to_ns)` (a superset).
    fn chunk_span(&self, from_ns: u64, to_ns: u64) -> std::ops::Range<usize> {
        let lo = self.run_max_ts_ns.partition_point(|&m| m < from_ns);
        let hi = self.rest_min_ts_ns.partition_point(|&m| m < to_ns);
        lo..hi.max(lo)
    }

    fn absorb(&mut self, c: &ChunkLod) {
        if c.all.is_empty() {
            return;
        }
        if self.events == 0 {
            self.min_ts_ns = c.min_ts_ns;
            self.max_ts_ns = c.max_ts_ns;
        }
        self.min_ts_ns = self.min_ts_ns.min(c.min_ts_ns);
        self.max_ts_ns = self.max_ts_ns.max(c.max_ts_ns);
        self.events += c.all.len() as u64;
        for l in &c.lanes {
            let t = self.entities.thread(l.last_thread).thread.clone();
            let info = self.lanes.entry(l.key).or_insert_with(|| LaneInfo {
                key: l.key,
                comm: String::new(),
                container_id: String::new(),
                events: 0,
                min_ts_ns: l.min_ts_ns,
                max_ts_ns: l.max_ts_ns,
            });
            if let Some(t) = t {
                // The latest version names the lane (after an execve the
                // new program is what the user looks for).
                if !t.comm.is_empty() {
                    info.comm.clone_from(&t.comm);
                }
                info.container_id.clone_from(&t.container_id);
            }
            info.events += l.len() as u64;
            info.min_ts_ns = info.min_ts_ns.min(l.min_ts_ns);
            info.max_ts_ns = info.max_ts_ns.max(l.max_ts_ns);
        }
    }

    /// The chunks indexed so far.
    pub fn chunks(&self) -> &[Arc<ChunkLod>] {
        &self.chunks
    }

    /// Events on the timeline (events stamped 0 excluded).
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Whether nothing is on the timeline yet.
    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    /// Earliest and latest timestamp, `None` when empty.
    pub fn time_range(&self) -> Option<(u64, u64)> {
        (self.events > 0).then_some((self.min_ts_ns, self.max_ts_ns))
    }

    /// Every lane, by key.
    pub fn lanes(&self) -> impl Iterator<Item = &LaneInfo> {
        self.lanes.values()
    }

    /// One lane.
    pub fn lane(&self, key: LaneKey) -> Option<&LaneInfo> {
        self.lanes.get(&key)
    }

    /// The entity tables of the latest snapshot taken in.
    pub fn entities(&self) -> &Entities {
        &self.entities
    }

    /// Lanes as processes grouped by container: the host first, then
    /// containers by id; busiest processes first inside a group.
    pub fn groups(&self) -> Vec<Group> {
        let mut procs: BTreeMap<i64, Process> = BTreeMap::new();
        for l in self.lanes.values() {
            let p = procs.entry(l.key.pid).or_insert_with(|| Process {
                pid: l.key.pid,
                comm: l.comm.clone(),
                container_id: l.container_id.clone(),
                threads: Vec::new(),
                events: 0,
            });
            if l.key.tid == l.key.pid {
                p.comm.clone_from(&l.comm);
                p.container_id.clone_from(&l.container_id);
            }
            p.threads.push(l.key);
            p.events += l.events;
        }
        let mut groups: BTreeMap<String, Vec<Process>> = BTreeMap::new();
        for p in procs.into_values() {
            groups.entry(p.container_id.clone()).or_default().push(p);
        }
        groups
            .into_iter()
            .map(|(container_id, mut processes)| {
                processes.sort_by(|a, b| b.events.cmp(&a.events).then(a.pid.cmp(&b.pid)));
                Group {
                    container_id,
                    processes,
                }
            })
            .collect()
    }

    /// Heap bytes held by the index (chunks and entities not counted).
    pub fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.heap_bytes()).sum::<usize>()
            + self
                .tree
                .iter()
                .flatten()
                .map(|n| n.heap_bytes())
                .sum::<usize>()
            + self.lanes.len() * (std::mem::size_of::<LaneInfo>() + 48)
    }

    fn lane_of(c: &ChunkLod, key: Option<LaneKey>) -> Option<&LaneLod> {
        match key {
            None => Some(&c.all),
            Some(k) => c.lane(k),
        }
    }

    /// Visits what lane `key` (every event when `None`) holds in
    /// `[from_ns, to_ns)` at bucket width `2^shift`:
    /// `f(start_ns, len_ns, density)` for each stored bucket where a chunk
    /// keeps that level (`len_ns` is `2^shift`), and for each single event
    /// where it does not, because the lane is sparse there (`len_ns` is 1).
    /// With `shift` `None` every event is visited singly. Buckets at the
    /// edges may reach outside the range.
    pub fn for_each_density(
        &self,
        key: Option<LaneKey>,
        shift: Option<u32>,
        from_ns: u64,
        to_ns: u64,
        mut f: impl FnMut(u64, u64, &Density),
    ) {
        for item in self.cover() {
            self.visit_density(item, key, shift, from_ns, to_ns, &mut f);
        }
    }

    fn visit_density(
        &self,
        item: Item,
        key: Option<LaneKey>,
        shift: Option<u32>,
        from_ns: u64,
        to_ns: u64,
        f: &mut impl FnMut(u64, u64, &Density),
    ) {
        let (level, i) = match item {
            Item::Chunk(i) => return self.chunk_density(i, key, shift, from_ns, to_ns, f),
            Item::Node { level, i } => (level, i),
        };
        let node = &self.tree[level][i];
        if node.max_ts_ns < from_ns || node.min_ts_ns >= to_ns {
            return;
        }
        let Some(lane) = node.lane(key) else {
            return;
        };
        if lane.events == 0 || lane.max_ts_ns < from_ns || lane.min_ts_ns >= to_ns {
            return;
        }
        if let Some(l) = shift.and_then(|s| lane.pyramid.level(s)) {
            for b in l.overlapping(from_ns, to_ns) {
                f(b.index << l.shift, 1 << l.shift, &b.density);
            }
            return;
        }
        for c in node.first..node.first + FANOUT {
            let child = if level == 0 {
                Item::Chunk(c)
            } else {
                Item::Node {
                    level: level - 1,
                    i: c,
                }
            };
            self.visit_density(child, key, shift, from_ns, to_ns, f);
        }
    }

    fn chunk_density(
        &self,
        i: usize,
        key: Option<LaneKey>,
        shift: Option<u32>,
        from_ns: u64,
        to_ns: u64,
        f: &mut impl FnMut(u64, u64, &Density),
    ) {
        let c = &self.chunks[i];
        if c.max_ts_ns < from_ns || c.min_ts_ns >= to_ns {
            return;
        }
        let Some(lane) = Self::lane_of(c, key) else {
            return;
        };
        if lane.is_empty() || lane.max_ts_ns < from_ns || lane.min_ts_ns >= to_ns {
            return;
        }
        if let Some(level) = shift.and_then(|s| lane.pyramid.level(s)) {
            for b in level.overlapping(from_ns, to_ns) {
                f(b.index << level.shift, 1 << level.shift, &b.density);
            }
            return;
        }
        let chunk = &c.chunk;
        let lo = partition(lane, chunk, |ts| ts >= from_ns);
        for k in lo..lane.len() {
            let j = lane.event_at(k);
            let ts = chunk.ts_ns(j);
            if ts >= to_ns {
                break;
            }
            f(ts, 1, &event_density(chunk, j, &self.entities).0);
        }
    }

    /// The events of lane `key` (every event when `None`) around
    /// `[from_ns, to_ns)`: those inside, plus the lane's last event before
    /// and first event after, so that spans crossing the edges are found.
    pub fn seq(&self, key: Option<LaneKey>, from_ns: u64, to_ns: u64) -> LaneSeq<'_> {
        let lane_in = |i: usize| {
            let c = &self.chunks[i];
            Self::lane_of(c, key)
                .filter(|l| !l.is_empty())
                .map(|l| (&**c, l))
        };
        let span = self.chunk_span(from_ns, to_ns);
        let mut before = None;
        let mut inside = Vec::new();
        let mut after = None;
        for i in span.clone() {
            let Some((c, lane)) = lane_in(i) else {
                continue;
            };
            if lane.max_ts_ns < from_ns {
                if inside.is_empty() {
                    before = Some((c, lane));
                }
            } else if lane.min_ts_ns >= to_ns {
                after = Some((c, lane));
                break;
            } else {
                inside.push((c, lane));
            }
        }
        // The lane's neighbours outside the range, for spans that cross
        // its edges; chunks outside the span are all before or after it.
        if before.is_none() {
            before = (0..span.start).rev().find_map(lane_in);
        }
        if after.is_none() {
            after = (span.end..self.chunks.len()).find_map(lane_in);
        }
        let parts = before.into_iter().chain(inside).chain(after).collect();
        LaneSeq {
            entities: &self.entities,
            parts,
        }
    }
}

/// First position in a lane part whose timestamp satisfies `past`
/// (`false` then `true` along the part).
fn partition(lane: &LaneLod, chunk: &Chunk, past: impl Fn(u64) -> bool) -> usize {
    let (mut lo, mut hi) = (0, lane.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if past(chunk.ts_ns(lane.event_at(mid))) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// A position in a [`LaneSeq`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeqPos {
    part: u32,
    k: u32,
}

/// The events of one lane around a time range, in time order, across
/// chunks (see [`TimelineIndex::seq`]).
#[derive(Debug, Clone)]
pub struct LaneSeq<'a> {
    entities: &'a Entities,
    parts: Vec<(&'a ChunkLod, &'a LaneLod)>,
}

impl LaneSeq<'_> {
    /// Whether it holds no event.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The first event.
    pub fn first(&self) -> Option<SeqPos> {
        (!self.parts.is_empty()).then_some(SeqPos { part: 0, k: 0 })
    }

    /// The last event.
    pub fn last(&self) -> Option<SeqPos> {
        let (i, (_, lane)) = self.parts.iter().enumerate().next_back()?;
        Some(SeqPos {
            part: i as u32,
            k: lane.len() as u32 - 1,
        })
    }

    /// The event after `p`.
    pub fn next(&self, p: SeqPos) -> Option<SeqPos> {
        let (_, lane) = self.parts.get(p.part as usize)?;
        if (p.k as usize) + 1 < lane.len() {
            return Some(SeqPos {
                part: p.part,
                k: p.k + 1,
            });
        }
        ((p.part as usize) + 1 < self.parts.len()).then_some(SeqPos {
            part: p.part + 1,
            k: 0,
        })
    }

    /// The event before `p`.
    pub fn prev(&self, p: SeqPos) -> Option<SeqPos> {
        if p.k > 0 {
            return Some(SeqPos {
                part: p.part,
                k: p.k - 1,
            });
        }
        let part = p.part.checked_sub(1)?;
        let (_, lane) = self.parts.get(part as usize)?;
        Some(SeqPos {
            part,
            k: lane.len() as u32 - 1,
        })
    }

    /// Timestamp of the event at `p`.
    pub fn ts_ns(&self, p: SeqPos) -> u64 {
        let (c, lane) = self.parts[p.part as usize];
        c.chunk.ts_ns(lane.event_at(p.k as usize))
    }

    /// The event at `p`.
    pub fn event(&self, p: SeqPos) -> LaneEvent {
        let (c, lane) = self.parts[p.part as usize];
        let j = lane.event_at(p.k as usize);
        let chunk = &c.chunk;
        LaneEvent {
            index: c.first_index + j,
            ts_ns: chunk.ts_ns(j),
            event_type: chunk.event_type[j],
            res: chunk.res(j),
            category: event_density(chunk, j, self.entities).1,
        }
    }

    /// The first event whose timestamp satisfies `past`, a predicate that
    /// is `false` and then `true` along time (e.g. "at or after t", or "on
    /// or right of pixel column c").
    pub fn first_past(&self, past: impl Fn(u64) -> bool) -> Option<SeqPos> {
        for (i, (c, lane)) in self.parts.iter().enumerate() {
            if !past(lane.max_ts_ns) {
                continue;
            }
            let k = partition(lane, &c.chunk, &past);
            if k < lane.len() {
                return Some(SeqPos {
                    part: i as u32,
                    k: k as u32,
                });
            }
        }
        None
    }
}

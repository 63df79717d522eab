//! The timeline index: the chunks' lanes and pyramids, the chunk tree
//! over them, and over the whole capture the lanes and what they are.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::chunk::{ChunkLod, LaneLod, Stretch, event_density};
use super::tree::{Child, FANOUT, Node};
use super::{Category, Density, LaneKey};
use crate::schema;
use crate::store::{Chunk, Entities, Snapshot};

/// Which events a density query sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneSel {
    /// Every event (the metrics strip).
    All,
    /// One thread.
    Thread(LaneKey),
    /// All threads of a process.
    Process(i64),
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
                    let children: Vec<Child<'_>> = if level == 0 {
                        self.chunks[first..first + FANOUT]
                            .iter()
                            .map(|c| Child::of_chunk(c))
                            .collect()
                    } else {
                        self.tree[level - 1][first..first + FANOUT]
                            .iter()
                            .map(|n| Child::of_node(n))
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
            let span = Self::node_span(level);
            for i in done / span..self.tree[level].len() {
                items.push(Item::Node { level, i });
                done = (i + 1) * span;
            }
        }
        items.extend((done..self.chunks.len()).map(Item::Chunk));
        items
    }

    /// Chunks under one node of `level`.
    fn node_span(level: usize) -> usize {
        FANOUT.pow(level as u32 + 1)
    }

    fn children(level: usize, first: usize) -> impl Iterator<Item = Item> {
        (first..first + FANOUT).map(move |c| {
            if level == 0 {
                Item::Chunk(c)
            } else {
                Item::Node {
                    level: level - 1,
                    i: c,
                }
            }
        })
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
            let s = &l.stretch;
            let info = self.lanes.entry(l.key).or_insert_with(|| LaneInfo {
                key: l.key,
                comm: String::new(),
                container_id: String::new(),
                events: 0,
                min_ts_ns: s.min_ts_ns,
                max_ts_ns: s.max_ts_ns,
            });
            if let Some(t) = t {
                // The latest version names the lane (after an execve the
                // new program is what the user looks for).
                if !t.comm.is_empty() {
                    info.comm = t.comm.to_string();
                }
                info.container_id = t.container_id.to_string();
            }
            info.events += l.len() as u64;
            info.min_ts_ns = info.min_ts_ns.min(s.min_ts_ns);
            info.max_ts_ns = info.max_ts_ns.max(s.max_ts_ns);
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
            + self
                .lanes
                .values()
                .map(|l| {
                    std::mem::size_of::<LaneInfo>()
                        + 48
                        + l.comm.capacity()
                        + l.container_id.capacity()
                })
                .sum::<usize>()
    }

    /// Visits what `sel` holds in `[from_ns, to_ns)` at bucket width
    /// `2^shift`: `f(start_ns, len_ns, density)` for each stored bucket
    /// where a chunk or tree node keeps that level (`len_ns` is
    /// `2^shift`), and for each single event where none does, because the
    /// lane is sparse there (`len_ns` is 1). With `shift` `None` every
    /// event is visited singly. Buckets at the edges may reach outside the
    /// range.
    pub fn for_each_density(
        &self,
        sel: LaneSel,
        shift: Option<u32>,
        from_ns: u64,
        to_ns: u64,
        mut f: impl FnMut(u64, u64, &Density),
    ) {
        let q = Query {
            shift,
            from_ns,
            to_ns,
        };
        for item in self.cover() {
            self.visit(item, sel, &q, &mut f);
        }
    }

    fn visit(&self, item: Item, sel: LaneSel, q: &Query, f: &mut impl FnMut(u64, u64, &Density)) {
        let (level, i) = match item {
            Item::Chunk(i) => return self.visit_chunk(&self.chunks[i], sel, q, f),
            Item::Node { level, i } => (level, i),
        };
        let node = &self.tree[level][i];
        if node.max_ts_ns < q.from_ns || node.min_ts_ns >= q.to_ns {
            return;
        }
        let stretch = match sel {
            LaneSel::All => &node.all,
            LaneSel::Thread(k) => match node.lane(k) {
                Some(s) => s,
                None => return,
            },
            LaneSel::Process(pid) => match node.proc(pid) {
                Some(s) => s,
                None => {
                    // One thread (or none) of it here.
                    for k in node.threads_of(pid) {
                        self.visit(item, LaneSel::Thread(k), q, f);
                    }
                    return;
                }
            },
        };
        if !stretch.overlaps(q.from_ns, q.to_ns) || q.emit(stretch, f) {
            return;
        }
        for child in Self::children(level, node.first) {
            self.visit(child, sel, q, f);
        }
    }

    fn visit_chunk(
        &self,
        c: &ChunkLod,
        sel: LaneSel,
        q: &Query,
        f: &mut impl FnMut(u64, u64, &Density),
    ) {
        if c.max_ts_ns < q.from_ns || c.min_ts_ns >= q.to_ns {
            return;
        }
        match sel {
            LaneSel::All => self.chunk_lane(c, &c.all, q, f),
            LaneSel::Thread(k) => {
                if let Some(l) = c.lane(k) {
                    self.chunk_lane(c, l, q, f);
                }
            }
            LaneSel::Process(pid) => {
                if let Some(s) = c.proc(pid)
                    && (!s.overlaps(q.from_ns, q.to_ns) || q.emit(s, f))
                {
                    return;
                }
                for l in c.threads_of(pid) {
                    self.chunk_lane(c, l, q, f);
                }
            }
        }
    }

    fn chunk_lane(
        &self,
        c: &ChunkLod,
        lane: &LaneLod,
        q: &Query,
        f: &mut impl FnMut(u64, u64, &Density),
    ) {
        if !lane.stretch.overlaps(q.from_ns, q.to_ns) || q.emit(&lane.stretch, f) {
            return;
        }
        let chunk = &c.chunk;
        let lo = partition(lane, chunk, |ts| ts >= q.from_ns);
        for k in lo..lane.len() {
            let j = lane.event_at(k);
            let ts = chunk.ts_ns(j);
            if ts >= q.to_ns {
                break;
            }
            f(ts, 1, &event_density(chunk, j, &self.entities).0);
        }
    }

    fn lane_of(c: &ChunkLod, key: Option<LaneKey>) -> Option<&LaneLod> {
        match key {
            None => Some(&c.all),
            Some(k) => c.lane(k),
        }
    }

    /// Whether an item holds lane `key` (every item holds the all-events
    /// lane).
    fn holds(&self, item: Item, key: Option<LaneKey>) -> bool {
        match item {
            Item::Chunk(i) => Self::lane_of(&self.chunks[i], key).is_some_and(|l| !l.is_empty()),
            Item::Node { level, i } => {
                let n = &self.tree[level][i];
                match key {
                    None => n.all.events > 0,
                    Some(k) => n.lane(k).is_some(),
                }
            }
        }
    }

    fn item_chunks(item: Item) -> std::ops::Range<usize> {
        match item {
            Item::Chunk(i) => i..i + 1,
            Item::Node { level, i } => {
                let span = Self::node_span(level);
                i * span..(i + 1) * span
            }
        }
    }

    /// The nearest chunk inside `within` holding lane `key`: the last one
    /// when `backwards`, the first otherwise. The tree skips the stretches
    /// where the lane does not appear.
    fn nearest_with(
        &self,
        key: Option<LaneKey>,
        within: std::ops::Range<usize>,
        backwards: bool,
    ) -> Option<usize> {
        let mut items = self.cover();
        if backwards {
            items.reverse();
        }
        items
            .into_iter()
            .find_map(|it| self.find_in(it, key, &within, backwards))
    }

    fn find_in(
        &self,
        item: Item,
        key: Option<LaneKey>,
        within: &std::ops::Range<usize>,
        backwards: bool,
    ) -> Option<usize> {
        let r = Self::item_chunks(item);
        if r.end <= within.start || r.start >= within.end || !self.holds(item, key) {
            return None;
        }
        match item {
            Item::Chunk(i) => Some(i),
            Item::Node { level, i } => {
                let first = self.tree[level][i].first;
                let kids: Vec<Item> = Self::children(level, first).collect();
                if backwards {
                    kids.into_iter()
                        .rev()
                        .find_map(|k| self.find_in(k, key, within, backwards))
                } else {
                    kids.into_iter()
                        .find_map(|k| self.find_in(k, key, within, backwards))
                }
            }
        }
    }

    /// The chunks inside `within` that hold lane `key`, in order.
    fn chunks_with(&self, key: Option<LaneKey>, within: std::ops::Range<usize>) -> Vec<usize> {
        if key.is_none() {
            return within.collect();
        }
        let mut out = Vec::new();
        for it in self.cover() {
            self.collect_in(it, key, &within, &mut out);
        }
        out
    }

    fn collect_in(
        &self,
        item: Item,
        key: Option<LaneKey>,
        within: &std::ops::Range<usize>,
        out: &mut Vec<usize>,
    ) {
        let r = Self::item_chunks(item);
        if r.end <= within.start || r.start >= within.end || !self.holds(item, key) {
            return;
        }
        match item {
            Item::Chunk(i) => out.push(i),
            Item::Node { level, i } => {
                for k in Self::children(level, self.tree[level][i].first) {
                    self.collect_in(k, key, within, out);
                }
            }
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
        for i in self.chunks_with(key, span.clone()) {
            let Some((c, lane)) = lane_in(i) else {
                continue;
            };
            if lane.stretch.max_ts_ns < from_ns {
                if inside.is_empty() {
                    before = Some((c, lane));
                }
            } else if lane.stretch.min_ts_ns >= to_ns {
                after = Some((c, lane));
                break;
            } else {
                inside.push((c, lane));
            }
        }
        // The lane's neighbours outside the range, for spans that cross
        // its edges; chunks outside the span are all before or after it.
        if before.is_none() {
            before = self
                .nearest_with(key, 0..span.start, true)
                .and_then(lane_in);
        }
        if after.is_none() {
            after = self
                .nearest_with(key, span.end..self.chunks.len(), false)
                .and_then(lane_in);
        }
        let parts = before.into_iter().chain(inside).chain(after).collect();
        LaneSeq {
            entities: &self.entities,
            parts,
        }
    }
}

/// The range and level of a density query.
struct Query {
    shift: Option<u32>,
    from_ns: u64,
    to_ns: u64,
}

impl Query {
    /// Emits the stretch's buckets in range if it keeps the level; returns
    /// whether it did.
    fn emit(&self, s: &Stretch, f: &mut impl FnMut(u64, u64, &Density)) -> bool {
        let Some(level) = self.shift.and_then(|sh| s.pyramid.level(sh)) else {
            return false;
        };
        for b in level.overlapping(self.from_ns, self.to_ns) {
            f(b.index << level.shift, 1 << level.shift, &b.density);
        }
        true
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
            event_type: chunk.event_type(j),
            res: chunk.res(j),
            category: event_density(chunk, j, self.entities).1,
        }
    }

    /// The first event whose timestamp satisfies `past`, a predicate that
    /// is `false` and then `true` along time (e.g. "at or after t", or "on
    /// or right of pixel column c").
    pub fn first_past(&self, past: impl Fn(u64) -> bool) -> Option<SeqPos> {
        for (i, (c, lane)) in self.parts.iter().enumerate() {
            if !past(lane.stretch.max_ts_ns) {
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

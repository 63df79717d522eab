//! The chunk tree: nodes that merge the pyramids of [`FANOUT`] consecutive
//! chunks (level 0) or nodes (above), so that a view over much of a large
//! capture reads a few merged buckets instead of every chunk's.

use super::LaneKey;
use super::chunk::{ALL_EVENTS_PER_BUCKET, ChunkLod, EVENTS_PER_BUCKET, Stretch, pid_range};

/// Children per node.
pub(super) const FANOUT: usize = 8;

/// A node of the chunk tree.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Index of the first child (a chunk at level 0, a node of the level
    /// below otherwise).
    pub first: usize,
    /// Earliest timestamp, `u64::MAX` when empty.
    pub min_ts_ns: u64,
    /// Latest timestamp.
    pub max_ts_ns: u64,
    /// Thread lanes, sorted by key.
    pub lanes: Vec<(LaneKey, Stretch)>,
    /// Processes with two threads or more in the node, by pid.
    pub procs: Vec<(i64, Stretch)>,
    /// All events.
    pub all: Stretch,
}

/// What a node needs of a child (chunk or node).
pub(super) struct Child<'a> {
    pub lanes: Vec<(LaneKey, &'a Stretch)>,
    pub procs: &'a [(i64, Stretch)],
    pub all: &'a Stretch,
}

impl<'a> Child<'a> {
    pub fn of_chunk(c: &'a ChunkLod) -> Child<'a> {
        Child {
            lanes: c.lanes.iter().map(|l| (l.key, &l.stretch)).collect(),
            procs: &c.procs,
            all: &c.all.stretch,
        }
    }

    pub fn of_node(n: &'a Node) -> Child<'a> {
        Child {
            lanes: n.lanes.iter().map(|(k, s)| (*k, s)).collect(),
            procs: &n.procs,
            all: &n.all,
        }
    }

    /// Process `pid` in this child: its summed stretch, or its only
    /// thread's.
    fn proc(&self, pid: i64) -> Option<&'a Stretch> {
        if let Ok(i) = self.procs.binary_search_by_key(&pid, |p| p.0) {
            return Some(&self.procs[i].1);
        }
        let r = pid_range(&self.lanes, |l| l.0, pid);
        (r.len() == 1).then(|| self.lanes[r.start].1)
    }
}

/// A node keeps no level finer than its time span divided by this: a view
/// that needs finer buckets is narrow enough to read the node's children.
const NODE_BUCKETS: u64 = 8192;

impl Node {
    pub fn merge(first: usize, children: &[Child<'_>]) -> Node {
        let lo = children.iter().map(|c| c.all.min_ts_ns).min().unwrap_or(0);
        let hi = children.iter().map(|c| c.all.max_ts_ns).max().unwrap_or(0);
        let min_shift = (hi.saturating_sub(lo) / NODE_BUCKETS).max(1).ilog2() + 1;
        let mut keys: Vec<LaneKey> = children
            .iter()
            .flat_map(|c| c.lanes.iter().map(|l| l.0))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let lanes: Vec<(LaneKey, Stretch)> = keys
            .iter()
            .map(|&k| {
                let parts: Vec<&Stretch> = children
                    .iter()
                    .filter_map(|c| {
                        c.lanes
                            .binary_search_by_key(&k, |l| l.0)
                            .ok()
                            .map(|i| c.lanes[i].1)
                    })
                    .collect();
                (k, Stretch::merge(&parts, min_shift, EVENTS_PER_BUCKET))
            })
            .collect();
        let mut procs = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let pid = keys[i].pid;
            let r = pid_range(&keys, |k| *k, pid);
            if r.len() >= 2 {
                let parts: Vec<&Stretch> = children.iter().filter_map(|c| c.proc(pid)).collect();
                procs.push((pid, Stretch::merge(&parts, min_shift, EVENTS_PER_BUCKET)));
            }
            i = r.end;
        }
        let alls: Vec<&Stretch> = children.iter().map(|c| c.all).collect();
        let all = Stretch::merge(&alls, min_shift, ALL_EVENTS_PER_BUCKET);
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
            procs,
            all,
        }
    }

    pub fn lane(&self, key: LaneKey) -> Option<&Stretch> {
        self.lanes
            .binary_search_by_key(&key, |l| l.0)
            .ok()
            .map(|i| &self.lanes[i].1)
    }

    pub fn proc(&self, pid: i64) -> Option<&Stretch> {
        self.procs
            .binary_search_by_key(&pid, |p| p.0)
            .ok()
            .map(|i| &self.procs[i].1)
    }

    pub fn threads_of(&self, pid: i64) -> impl Iterator<Item = LaneKey> + '_ {
        self.lanes[pid_range(&self.lanes, |l| l.0, pid)]
            .iter()
            .map(|l| l.0)
    }

    pub fn heap_bytes(&self) -> usize {
        self.lanes.capacity() * std::mem::size_of::<(LaneKey, Stretch)>()
            + self.procs.capacity() * std::mem::size_of::<(i64, Stretch)>()
            + self.lanes.iter().map(|l| l.1.heap_bytes()).sum::<usize>()
            + self.procs.iter().map(|p| p.1.heap_bytes()).sum::<usize>()
            + self.all.heap_bytes()
    }
}

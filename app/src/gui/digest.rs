//! What the overview shows, computed off the UI thread: totals and time
//! series folded incrementally from each new chunk of a snapshot.
//!
//! Each chunk is scanned once, into [`SUB_BINS`] bins over its own time
//! span; a sparkline then spreads those bins over the capture's span, so a
//! snapshot with thousands of chunks costs a few thousand additions, not a
//! pass over the events.

use std::collections::{HashMap, HashSet};

use scapscope_core::render::sysdig_event_name;
use scapscope_core::schema::{self, category, event_flags};
use scapscope_core::state::FdKind;
use scapscope_core::store::{Chunk, Snapshot};

/// Bins per chunk.
pub const SUB_BINS: usize = 64;

/// Points of a sparkline.
pub const SPARK_POINTS: usize = 60;

/// A per-event quantity with a time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Events.
    Events,
    /// Bytes read from files.
    FileIn,
    /// Bytes written to files.
    FileOut,
    /// Bytes received on IPv4/IPv6 sockets.
    NetIn,
    /// Bytes sent on IPv4/IPv6 sockets.
    NetOut,
    /// Bytes moved on other fds (pipes, unix sockets, …).
    OtherIo,
    /// Exit events with a negative result.
    Errors,
}

const METRICS: usize = 7;

impl Metric {
    /// Every metric, in slot order.
    pub const ALL: [Metric; METRICS] = [
        Metric::Events,
        Metric::FileIn,
        Metric::FileOut,
        Metric::NetIn,
        Metric::NetOut,
        Metric::OtherIo,
        Metric::Errors,
    ];

    fn slot(self) -> usize {
        self as usize
    }
}

/// Per-chunk bins of every metric.
#[derive(Debug, Clone)]
struct ChunkBins {
    min_ts_ns: u64,
    max_ts_ns: u64,
    bins: Vec<[u64; METRICS]>,
}

/// The overview's numbers for one snapshot.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// Events loaded.
    pub events: u64,
    /// Totals by metric.
    totals: [u64; METRICS],
    /// Smallest and largest timestamp (0 when none).
    pub first_ts_ns: u64,
    /// Largest timestamp.
    pub last_ts_ns: u64,
    /// Distinct processes (main thread ids).
    pub processes: usize,
    /// Distinct threads.
    pub threads: usize,
    /// Distinct containers (the host excluded).
    pub containers: usize,
    /// Distinct files read or written.
    pub files: usize,
    /// Distinct network connections with I/O.
    pub connections: usize,
    /// The busiest event types: (name, events), enter and exit together.
    pub top_types: Vec<(&'static str, u64)>,
    /// Sparklines by metric, [`SPARK_POINTS`] each.
    sparks: Vec<Vec<f32>>,
}

impl Digest {
    /// Total of a metric.
    pub fn total(&self, m: Metric) -> u64 {
        self.totals[m.slot()]
    }

    /// Sparkline of a metric (empty before any event).
    pub fn spark(&self, m: Metric) -> &[f32] {
        self.sparks.get(m.slot()).map_or(&[], Vec::as_slice)
    }

    /// Time between the first and the last event.
    pub fn span_ns(&self) -> u64 {
        self.last_ts_ns.saturating_sub(self.first_ts_ns)
    }
}

/// Folds snapshots of one load into [`Digest`]s, chunk by chunk.
#[derive(Debug, Default)]
pub struct Builder {
    chunks_seen: usize,
    threads_seen: usize,
    fds_seen: usize,
    chunk_bins: Vec<ChunkBins>,
    totals: [u64; METRICS],
    events: u64,
    by_type: HashMap<u16, u64>,
    pids: HashSet<i64>,
    tids: HashSet<i64>,
    containers: HashSet<String>,
    files: HashSet<String>,
    connections: HashSet<String>,
}

impl Builder {
    /// Adds what `snap` holds beyond the previous snapshot and returns the
    /// digest of everything so far.
    pub fn absorb(&mut self, snap: &Snapshot) -> Digest {
        if snap.chunks.len() < self.chunks_seen {
            // A snapshot of another load: start over.
            *self = Builder::default();
        }
        for c in &snap.chunks[self.chunks_seen..] {
            self.absorb_chunk(snap, c);
        }
        self.chunks_seen = snap.chunks.len();
        let threads = &snap.entities.threads;
        for i in self.threads_seen..threads.len() {
            let Some(t) = threads.get(i as u32).and_then(|t| t.thread.as_ref()) else {
                continue;
            };
            self.tids.insert(t.tid);
            self.pids.insert(t.pid);
            if !t.container_id.is_empty() && t.container_id != "host" {
                self.containers.insert(t.container_id.to_string());
            }
        }
        self.threads_seen = threads.len();
        let fds = &snap.entities.fds;
        for i in self.fds_seen..fds.len() {
            let Some(f) = fds.get(i as u32).and_then(|f| f.fd.as_ref()) else {
                continue;
            };
            if f.name.is_empty() {
                continue;
            }
            match f.kind {
                FdKind::File => {
                    self.files.insert(f.name.to_string());
                }
                FdKind::Ipv4 | FdKind::Ipv6 => {
                    self.connections.insert(f.name.to_string());
                }
                _ => {}
            }
        }
        self.fds_seen = fds.len();
        self.digest()
    }

    fn absorb_chunk(&mut self, snap: &Snapshot, c: &Chunk) {
        let (lo, hi) = (
            c.summary.min_ts_ns,
            c.summary.max_ts_ns.max(c.summary.min_ts_ns),
        );
        let width = (hi - lo) / SUB_BINS as u64 + 1;
        let mut bins = vec![[0u64; METRICS]; SUB_BINS];
        for j in 0..c.len() {
            let ty = c.event_type(j);
            *self.by_type.entry(ty).or_default() += 1;
            let mut add = [0u64; METRICS];
            add[Metric::Events.slot()] = 1;
            if let Some(n) = c.len_bytes(j) {
                let kind = snap
                    .entities
                    .fd(c.fd_id(j))
                    .and_then(|f| f.fd.as_ref())
                    .map(|f| f.kind);
                let read = match schema::compat_category(ty) & 0x3f {
                    category::IO_READ => true,
                    category::IO_WRITE => false,
                    _ => schema::compat_flags(ty) & event_flags::READS_FROM_FD != 0,
                };
                let m = match (kind, read) {
                    (Some(FdKind::File | FdKind::Directory), true) => Metric::FileIn,
                    (Some(FdKind::File | FdKind::Directory), false) => Metric::FileOut,
                    (Some(k), true) if k.is_ip() => Metric::NetIn,
                    (Some(k), false) if k.is_ip() => Metric::NetOut,
                    _ => Metric::OtherIo,
                };
                add[m.slot()] = u64::from(n);
            }
            if !schema::is_enter(ty) && c.res(j).is_some_and(|r| r < 0) {
                add[Metric::Errors.slot()] = 1;
            }
            for (t, a) in self.totals.iter_mut().zip(add) {
                *t += a;
            }
            let ts = c.ts_ns(j);
            // Metaevents stamped 0 (or outside the chunk's span) have no
            // place on the time axis.
            if ts >= lo && ts <= hi && ts != 0 {
                let b = (((ts - lo) / width) as usize).min(SUB_BINS - 1);
                for (x, a) in bins[b].iter_mut().zip(add) {
                    *x += a;
                }
            }
        }
        self.events += c.len() as u64;
        if c.summary.max_ts_ns > 0 {
            self.chunk_bins.push(ChunkBins {
                min_ts_ns: lo,
                max_ts_ns: hi,
                bins,
            });
        }
    }

    fn digest(&self) -> Digest {
        let first = self
            .chunk_bins
            .iter()
            .map(|c| c.min_ts_ns)
            .min()
            .unwrap_or(0);
        let last = self
            .chunk_bins
            .iter()
            .map(|c| c.max_ts_ns)
            .max()
            .unwrap_or(0);
        let mut by_name: HashMap<&'static str, u64> = HashMap::new();
        for (&ty, &n) in &self.by_type {
            *by_name.entry(sysdig_event_name(ty)).or_default() += n;
        }
        let mut top_types: Vec<_> = by_name.into_iter().collect();
        top_types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top_types.truncate(12);
        Digest {
            events: self.events,
            totals: self.totals,
            first_ts_ns: first,
            last_ts_ns: last,
            processes: self.pids.len(),
            threads: self.tids.len(),
            containers: self.containers.len(),
            files: self.files.len(),
            connections: self.connections.len(),
            top_types,
            sparks: Metric::ALL
                .iter()
                .map(|&m| spread(&self.chunk_bins, m, first, last, SPARK_POINTS))
                .collect(),
        }
    }
}

/// Spreads every chunk's bins of metric `m` over `points` bins covering
/// `[first, last]`, each sub-bin going to the bin of its midpoint.
fn spread(chunks: &[ChunkBins], m: Metric, first: u64, last: u64, points: usize) -> Vec<f32> {
    let mut out = vec![0f64; points];
    if chunks.is_empty() {
        return Vec::new();
    }
    let span = (last - first).max(1) as f64;
    for c in chunks {
        let w = (c.max_ts_ns - c.min_ts_ns) as f64 / SUB_BINS as f64;
        for (k, b) in c.bins.iter().enumerate() {
            let v = b[m.slot()];
            if v == 0 {
                continue;
            }
            let mid = c.min_ts_ns as f64 + (k as f64 + 0.5) * w;
            let p = (((mid - first as f64) / span) * points as f64) as usize;
            out[p.min(points - 1)] += v as f64;
        }
    }
    out.into_iter().map(|v| v as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_totals_and_order() {
        let mut bins = vec![[0u64; METRICS]; SUB_BINS];
        bins[0][0] = 5;
        bins[SUB_BINS - 1][0] = 7;
        let chunks = vec![
            ChunkBins {
                min_ts_ns: 1_000,
                max_ts_ns: 2_000,
                bins: bins.clone(),
            },
            ChunkBins {
                min_ts_ns: 3_000,
                max_ts_ns: 4_000,
                bins,
            },
        ];
        let s = spread(&chunks, Metric::Events, 1_000, 4_000, 6);
        assert_eq!(s.len(), 6);
        assert_eq!(s.iter().sum::<f32>(), 24.0);
        assert_eq!(s[0], 5.0);
        assert_eq!(s[5], 7.0);
        assert_eq!(s[1] + s[2] + s[3] + s[4], 12.0);
    }

    #[test]
    fn demo_capture_digest() {
        let snap = scapscope_core::store::load_blocking(
            &crate::demo_capture(),
            scapscope_core::store::LoadOptions::with_chunk_events(1000),
        )
        .unwrap();
        let mut b = Builder::default();
        let d = b.absorb(&snap);
        assert_eq!(d.events, snap.len() as u64);
        assert!(d.processes > 0 && d.threads >= d.processes);
        let in_out: u64 = [
            Metric::FileIn,
            Metric::FileOut,
            Metric::NetIn,
            Metric::NetOut,
        ]
        .iter()
        .chain(&[Metric::OtherIo])
        .map(|&m| d.total(m))
        .sum();
        let io: u64 = (0..snap.len())
            .filter_map(|i| snap.row(i)?.len_bytes)
            .map(u64::from)
            .sum();
        assert!(io > 0);
        assert_eq!(in_out, io, "every I/O byte lands in one tile");
        let errors: u64 = snap
            .chunks
            .iter()
            .map(|c| u64::from(c.summary.errors))
            .sum();
        assert_eq!(d.total(Metric::Errors), errors);
        assert_eq!(d.spark(Metric::Events).len(), SPARK_POINTS);
        // Absorbing the same snapshot again adds nothing.
        let again = b.absorb(&snap);
        assert_eq!(again.events, d.events);
        assert_eq!(again.total(Metric::FileIn), d.total(Metric::FileIn));
    }
}

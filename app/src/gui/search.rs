//! Find in payloads across the whole capture: every I/O event whose
//! captured payload holds some bytes, run on a worker thread (the follow
//! screen asks; the app runs it and sends the result back).
//!
//! The search is per payload (per event): a match that straddles two
//! events of a stream is not found, the same as searching each event's
//! hex in the details pane.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Direction, segment_data};

use super::decode::{SharedCache, streams_of};
use super::screen::stream::find_all;

/// Events listed at most (the rest are counted).
pub const MAX_HITS: usize = 10_000;

/// One event whose payload matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The event (index in the snapshot).
    pub event: usize,
    /// Its stream's id.
    pub stream: usize,
    /// When.
    pub ts_ns: u64,
    /// Written (`true`) or read.
    pub outbound: bool,
    /// The process.
    pub process: String,
    /// Its pid.
    pub pid: i64,
    /// The fd's name (connection, file).
    pub fd_name: String,
    /// Matches in this payload.
    pub matches: usize,
}

/// A search and what it found.
#[derive(Debug, Clone)]
pub struct Found {
    /// The search's generation (results of another are dropped).
    pub generation: u64,
    /// The bytes searched for.
    pub needle: Vec<u8>,
    /// The followed stream's id.
    pub stream: usize,
    /// Segments of the followed stream whose payload matches.
    pub in_stream: Vec<usize>,
    /// Matching events of the whole capture, in time order (at most
    /// [`MAX_HITS`]).
    pub across: Vec<Hit>,
    /// Matching events in all, listed or not.
    pub total_events: usize,
    /// Streams with a match.
    pub streams: usize,
    /// A later search started before this one finished, so it stopped
    /// early: what it holds is partial, and nobody shows it.
    pub superseded: bool,
}

/// Which search is the latest. Pressing Enter again in the find box
/// starts a new search; the ones before it stop at their next stream
/// instead of running to the end for results that would be dropped.
#[derive(Debug, Clone, Default)]
pub struct Latest(Arc<AtomicU64>);

impl Latest {
    /// Starts a search: its sequence number, now the latest.
    pub fn start(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Whether `seq` is still the latest search.
    pub fn is_current(&self, seq: u64) -> bool {
        self.0.load(Ordering::Relaxed) == seq
    }
}

/// Searches every payload of `snapshot` for `needle`, as search `seq` of
/// `latest` (it stops early once a later one starts).
pub fn run(
    generation: u64,
    needle: Vec<u8>,
    stream: usize,
    snapshot: &Arc<Snapshot>,
    cache: &SharedCache,
    (latest, seq): (&Latest, u64),
) -> Found {
    let streams = streams_of(cache, snapshot);
    let mut found = Found {
        generation,
        needle,
        stream,
        in_stream: Vec::new(),
        across: Vec::new(),
        total_events: 0,
        streams: 0,
        superseded: false,
    };
    // Light tuples first: the listed hits are the earliest, whatever the
    // stream order.
    let mut all: Vec<(u64, usize, usize, bool, usize)> = Vec::new();
    for (si, s) in streams.streams.iter().enumerate() {
        if !latest.is_current(seq) {
            found.superseded = true;
            return found;
        }
        let mut any = false;
        for (k, seg) in s.segments.iter().enumerate() {
            let matches = find_all(segment_data(snapshot, seg), &found.needle).len();
            if matches == 0 {
                continue;
            }
            any = true;
            if s.id == stream {
                found.in_stream.push(k);
            }
            let out = seg.direction == Direction::Outbound;
            all.push((seg.ts_ns, seg.event, si, out, matches));
        }
        found.streams += usize::from(any);
    }
    found.total_events = all.len();
    all.sort_unstable();
    all.truncate(MAX_HITS);
    found.across = all
        .into_iter()
        .map(|(ts_ns, event, si, outbound, matches)| {
            let s = &streams.streams[si];
            Hit {
                event,
                stream: s.id,
                ts_ns,
                outbound,
                process: s.info.comm.clone(),
                pid: s.info.pid,
                fd_name: s.info.name.clone(),
                matches,
            }
        })
        .collect();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::store::{LoadOptions, load_blocking};

    #[test]
    fn a_search_stops_once_a_later_one_starts() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures/workshop_example0_nginx.scap");
        if !path.exists() {
            eprintln!("skipping: {} is absent", path.display());
            return;
        }
        let snap = load_blocking(&path, LoadOptions::default()).unwrap();
        let cache = SharedCache::default();
        let latest = Latest::default();
        let search = |seq| run(1, b"nginx".to_vec(), 0, &snap, &cache, (&latest, seq));

        let current = latest.start();
        let found = search(current);
        assert!(!found.superseded);
        assert!(found.total_events > 0 && !found.across.is_empty());

        // Enter pressed twice: the first search is no longer the latest.
        let first = latest.start();
        let second = latest.start();
        let stale = search(first);
        assert!(stale.superseded);
        assert!(stale.across.is_empty() && stale.total_events == 0);
        let fresh = search(second);
        assert!(!fresh.superseded);
        assert_eq!(fresh.across, found.across);
    }
}

//! The timeline index against brute force over the store: lanes, event
//! counts, densities at every level (stored or walked), time-ordered lane
//! walks, and incremental building while a load progresses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use scapscope_core::state::FdKind;
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::synth::{SynthConfig, Target, synth};
use scapscope_core::timeline::{
    CATEGORIES, Category, LEVEL_SHIFTS, LaneKey, LaneSel, TimelineIndex,
};

fn generated(events: u64, seed: u64, spacing_ns: Option<u64>) -> PathBuf {
    let p = std::env::temp_dir().join(format!(
        "scapscope-timeline-{}-{seed}-{events}.scap",
        std::process::id()
    ));
    let cfg = SynthConfig {
        seed,
        target: Target::Events(events),
        spacing_ns,
        ..Default::default()
    };
    synth(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&p).unwrap()),
    )
    .unwrap();
    p
}

fn load(p: &Path, chunk_events: usize) -> Arc<Snapshot> {
    load_blocking(p, LoadOptions::with_chunk_events(chunk_events)).unwrap()
}

fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/captures")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP: {} is absent", p.display());
        None
    }
}

/// The lane of store event `i`, by the rule the index documents.
fn lane_of(snap: &Snapshot, i: usize) -> Option<(LaneKey, u64)> {
    let r = snap.row(i).unwrap();
    if r.ts_ns == 0 {
        return None;
    }
    let pid = r.thread.map(|t| t.pid).filter(|&p| p > 0).unwrap_or(r.tid);
    Some((LaneKey { pid, tid: r.tid }, r.ts_ns))
}

/// Events per lane, by brute force.
fn brute_lanes(snap: &Snapshot) -> BTreeMap<LaneKey, Vec<(u64, usize)>> {
    let mut m: BTreeMap<LaneKey, Vec<(u64, usize)>> = BTreeMap::new();
    for i in 0..snap.len() {
        if let Some((k, ts)) = lane_of(snap, i) {
            m.entry(k).or_default().push((ts, i));
        }
    }
    m
}

#[test]
fn lanes_and_counts_match_the_store() {
    let p = generated(40_000, 3, None);
    let snap = load(&p, 4096);
    assert!(snap.chunks.len() >= 9, "{} chunks", snap.chunks.len());
    let idx = TimelineIndex::new(&snap);
    let brute = brute_lanes(&snap);
    let total: usize = brute.values().map(Vec::len).sum();
    assert_eq!(idx.events(), total as u64);
    let lanes: BTreeMap<LaneKey, u64> = idx.lanes().map(|l| (l.key, l.events)).collect();
    let expect: BTreeMap<LaneKey, u64> = brute.iter().map(|(k, v)| (*k, v.len() as u64)).collect();
    assert_eq!(lanes, expect);
    assert!(lanes.len() > 5, "synth runs many threads: {}", lanes.len());
    let (lo, hi) = idx.time_range().unwrap();
    let all_ts: Vec<u64> = brute.values().flatten().map(|e| e.0).collect();
    assert_eq!(lo, *all_ts.iter().min().unwrap());
    assert_eq!(hi, *all_ts.iter().max().unwrap());
    // Groups hold every lane once; synth runs three containers plus the
    // host.
    let groups = idx.groups();
    let in_groups: BTreeSet<LaneKey> = groups
        .iter()
        .flat_map(|g| g.processes.iter().flat_map(|p| p.threads.iter().copied()))
        .collect();
    assert_eq!(in_groups.len(), lanes.len());
    assert!(groups.len() >= 2, "{groups:?}");
    assert!(groups.iter().any(|g| g.container_id.is_empty()));
    for g in &groups {
        assert!(g.processes.is_sorted_by(|a, b| a.events >= b.events));
        for pr in &g.processes {
            assert!(pr.threads.iter().all(|t| t.pid == pr.pid));
        }
    }
    std::fs::remove_file(p).ok();
}

#[test]
fn density_at_every_level_matches_brute_force() {
    let p = generated(30_000, 5, None);
    // Few chunks, and enough small ones for two levels of the chunk tree.
    for chunk_events in [4096, 200] {
        density_matches(&load(&p, chunk_events));
    }
    std::fs::remove_file(p).ok();
    // A real capture with multi-threaded processes (synth's are not).
    if let Some(p) = shared("bencer_k8s_capture.scap") {
        assert!(density_matches(&load(&p, 512)), "bencer has threads");
    }
}

/// Returns whether a multi-threaded process was checked.
fn density_matches(snap: &Snapshot) -> bool {
    let idx = TimelineIndex::new(snap);
    let brute = brute_lanes(snap);
    let (lo, hi) = idx.time_range().unwrap();
    // The busiest lane, a quiet one, the process with the most threads,
    // and every event.
    let mut keys: Vec<(LaneKey, usize)> = brute.iter().map(|(k, v)| (*k, v.len())).collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.1));
    let mut threads: BTreeMap<i64, usize> = BTreeMap::new();
    for k in brute.keys() {
        *threads.entry(k.pid).or_default() += 1;
    }
    // The busiest multi-threaded process (or a single-threaded one).
    let (&pid, &n) = threads
        .iter()
        .max_by_key(|(pid, n)| {
            (
                **n >= 2,
                brute
                    .iter()
                    .filter(|(k, _)| k.pid == **pid)
                    .map(|(_, v)| v.len())
                    .sum::<usize>(),
            )
        })
        .unwrap();
    let lanes = [
        LaneSel::Thread(keys[0].0),
        LaneSel::Thread(keys[keys.len() / 2].0),
        LaneSel::Process(pid),
        LaneSel::All,
    ];
    let mut walked_somewhere = false;
    for key in lanes {
        let events: Vec<(u64, usize)> = match key {
            LaneSel::Thread(k) => brute[&k].clone(),
            LaneSel::Process(p) => brute
                .iter()
                .filter(|(k, _)| k.pid == p)
                .flat_map(|(_, v)| v.iter().copied())
                .collect(),
            LaneSel::All => brute.values().flatten().copied().collect(),
        };
        for &shift in &LEVEL_SHIFTS {
            // A range aligned to the buckets, in the middle of the capture.
            let from = ((lo + (hi - lo) / 4) >> shift) << shift;
            let to = (((lo + 3 * (hi - lo) / 4) >> shift) + 1) << shift;
            let mut got: BTreeMap<u64, [u64; CATEGORIES]> = BTreeMap::new();
            let mut got_errors = 0u64;
            let mut got_bytes = 0u64;
            idx.for_each_density(key, Some(shift), from, to, |start, len, d| {
                if len == 1 {
                    walked_somewhere = true;
                } else {
                    assert_eq!(len, 1 << shift);
                    assert_eq!(start % len, 0);
                }
                let e = got.entry((start >> shift) << shift).or_default();
                for (a, b) in e.iter_mut().zip(d.by_category) {
                    *a += u64::from(b);
                }
                got_errors += u64::from(d.errors);
                got_bytes += d.io_bytes;
            });
            let mut want: BTreeMap<u64, [u64; CATEGORIES]> = BTreeMap::new();
            let mut want_errors = 0u64;
            let mut want_bytes = 0u64;
            for &(ts, i) in &events {
                if ts < from || ts >= to {
                    continue;
                }
                let r = snap.row(i).unwrap();
                let cat = Category::of(r.event_type, r.fd.map(|f| f.kind));
                want.entry((ts >> shift) << shift).or_default()[cat.index()] += 1;
                if r.event_type & 1 == 1 {
                    want_errors += u64::from(r.res.is_some_and(|x| x < 0));
                    want_bytes += u64::from(r.len_bytes.unwrap_or(0));
                }
            }
            assert_eq!(got, want, "lane {key:?} shift {shift}");
            assert_eq!(got_errors, want_errors, "lane {key:?} shift {shift}");
            assert_eq!(got_bytes, want_bytes, "lane {key:?} shift {shift}");
        }
        // Without a level, every event in the range, one by one.
        let (from, to) = (lo + (hi - lo) / 3, lo + (hi - lo) / 2);
        let mut n = 0;
        idx.for_each_density(key, None, from, to, |ts, len, d| {
            assert_eq!(len, 1);
            assert!(ts >= from && ts < to);
            assert_eq!(d.events(), 1);
            n += 1;
        });
        let want = events.iter().filter(|e| e.0 >= from && e.0 < to).count();
        assert_eq!(n, want, "lane {key:?} event by event");
    }
    assert!(
        walked_somewhere,
        "some lane is sparse at fine levels and walks its events"
    );
    n >= 2
}

#[test]
fn incremental_update_equals_a_whole_build() {
    let p = generated(30_000, 9, None);
    let snap = load(&p, 2048);
    let n = snap.chunks.len();
    assert!(n > 10);
    let mut idx = TimelineIndex::default();
    for k in [1, 2, n / 2, n / 2, n - 1, n] {
        let mut part = (*snap).clone();
        part.chunks.truncate(k);
        let before = idx.chunks().len();
        let added = idx.update(&part);
        assert_eq!(added, k - before.min(k));
        assert_eq!(idx.chunks().len(), k);
    }
    let whole = TimelineIndex::new(&snap);
    assert_eq!(idx.events(), whole.events());
    assert_eq!(
        idx.lanes().cloned().collect::<Vec<_>>(),
        whole.lanes().cloned().collect::<Vec<_>>()
    );
    assert_eq!(idx.groups(), whole.groups());
    for (a, b) in idx.chunks().iter().zip(whole.chunks()) {
        assert_eq!(a.first_index, b.first_index);
        assert_eq!(a.lanes.len(), b.lanes.len());
        for (x, y) in a.lanes.iter().zip(&b.lanes) {
            assert_eq!(x.key, y.key);
            assert_eq!(x.stretch, y.stretch);
        }
    }
    // The chunk tree grown step by step reads the same as one built at
    // once.
    let (lo, hi) = whole.time_range().unwrap();
    let read = |t: &TimelineIndex, shift| {
        let mut v = Vec::new();
        t.for_each_density(LaneSel::All, Some(shift), lo, hi + 1, |s, l, d| {
            v.push((s, l, d.events()));
        });
        v.sort_unstable();
        v
    };
    for shift in [21, 27, 33] {
        assert_eq!(read(&idx, shift), read(&whole, shift));
    }
    // A snapshot of another load starts the index again.
    let other = load(&p, 4096);
    assert_eq!(idx.update(&other), other.chunks.len());
    assert_eq!(idx.events(), whole.events());
    std::fs::remove_file(p).ok();
}

#[test]
fn lane_walks_are_in_time_order_and_complete() {
    let p = generated(20_000, 11, None);
    let snap = load(&p, 2048);
    let idx = TimelineIndex::new(&snap);
    let brute = brute_lanes(&snap);
    let (lo, hi) = idx.time_range().unwrap();
    let (from, to) = (lo + (hi - lo) / 3, lo + (hi - lo) / 2);
    for (key, events) in brute.iter().take(40) {
        let seq = idx.seq(Some(*key), from, to);
        let mut got = Vec::new();
        let mut p = seq.first();
        while let Some(x) = p {
            let e = seq.event(x);
            assert_eq!(e.ts_ns, seq.ts_ns(x));
            got.push((e.ts_ns, e.index));
            if let Some(q) = seq.next(x) {
                assert_eq!(seq.prev(q), Some(x));
            }
            p = seq.next(x);
        }
        assert!(got.is_sorted(), "lane {key:?} walks in time order");
        let inside: Vec<(u64, usize)> = events
            .iter()
            .copied()
            .filter(|e| e.0 >= from && e.0 < to)
            .collect();
        let got_inside: Vec<(u64, usize)> = got
            .iter()
            .copied()
            .filter(|e| e.0 >= from && e.0 < to)
            .collect();
        let mut sorted_inside = inside.clone();
        sorted_inside.sort();
        assert_eq!(got_inside, sorted_inside, "lane {key:?}");
        // The neighbours outside the range are there for spans that cross
        // its edges.
        let before = events.iter().filter(|e| e.0 < from).max();
        if let Some(b) = before {
            assert!(got.contains(b), "lane {key:?} keeps its event before");
        }
        let after = events.iter().filter(|e| e.0 >= to).min();
        if let Some(a) = after {
            assert!(got.contains(a), "lane {key:?} keeps its event after");
        }
        if let Some(l) = seq.last() {
            assert_eq!(seq.next(l), None);
            assert_eq!((seq.ts_ns(l), seq.event(l).index), *got.last().unwrap());
        }
        // first_past finds the first event at or after a time.
        let mid = from + (to - from) / 2;
        let want = got.iter().find(|e| e.0 >= mid).copied();
        let found = seq.first_past(|ts| ts >= mid).map(|x| seq.event(x));
        assert_eq!(found.map(|e| (e.ts_ns, e.index)), want);
    }
    std::fs::remove_file(p).ok();
}

#[test]
fn categories_follow_the_fd_for_generic_io() {
    // read enter/exit 6/7, epoll_wait 78/79, nanosleep 134/135, clone
    // 222/223, mmap 160/161, connect 22/23, pipe 60/61.
    assert_eq!(Category::of(7, Some(FdKind::File)), Category::File);
    assert_eq!(Category::of(7, Some(FdKind::Ipv4)), Category::Network);
    assert_eq!(Category::of(7, Some(FdKind::Unix)), Category::Ipc);
    assert_eq!(Category::of(7, None), Category::Other);
    assert_eq!(Category::of(79, None), Category::Wait);
    assert_eq!(Category::of(135, None), Category::Wait);
    assert_eq!(Category::of(223, None), Category::Process);
    assert_eq!(Category::of(161, None), Category::Memory);
    assert_eq!(Category::of(23, Some(FdKind::Ipv4)), Category::Network);
    assert_eq!(Category::of(61, None), Category::Ipc);
    for (i, c) in Category::ALL.iter().enumerate() {
        assert_eq!(c.index(), i);
    }
}

#[test]
fn index_memory_stays_within_budget() {
    let mut caps: Vec<PathBuf> = Vec::new();
    caps.extend(shared("bencer_k8s_capture.scap"));
    let g = generated(100_000, 13, None);
    let dense = generated(100_000, 14, Some(1));
    // Enough chunks for tree nodes.
    let long = generated(600_000, 15, None);
    caps.push(g.clone());
    caps.push(dense.clone());
    caps.push(long.clone());
    for p in caps {
        let snap = load(&p, scapscope_core::store::CHUNK_EVENTS);
        let idx = TimelineIndex::new(&snap);
        let per_event = idx.heap_bytes() as f64 / idx.events().max(1) as f64;
        eprintln!(
            "{}: {} events, index {:.2} B/event",
            p.display(),
            idx.events(),
            per_event
        );
        assert!(idx.events() > 10_000);
        // Budget: under 24 B per event, less than the store's own 32 B.
        assert!(per_event < 24.0, "{}: {per_event} B/event", p.display());
    }
    std::fs::remove_file(g).ok();
    std::fs::remove_file(dense).ok();
    std::fs::remove_file(long).ok();
}

#[test]
fn lanes_are_named_after_their_threads() {
    let Some(p) = shared("bencer_k8s_capture.scap") else {
        return;
    };
    let snap = load(&p, 4096);
    let idx = TimelineIndex::new(&snap);
    // A lane whose thread had a command name in any event has one.
    let mut named: BTreeMap<LaneKey, BTreeSet<String>> = BTreeMap::new();
    for i in 0..snap.len() {
        let r = snap.row(i).unwrap();
        if let (Some((k, _)), Some(t)) = (lane_of(&snap, i), r.thread)
            && !t.comm.is_empty()
        {
            named.entry(k).or_default().insert(t.comm.to_string());
        }
    }
    assert!(named.len() > 100, "{}", named.len());
    for (k, names) in &named {
        let l = idx.lane(*k).unwrap();
        assert!(
            names.contains(&l.comm),
            "{k:?}: {:?} not in {names:?}",
            l.comm
        );
    }
}

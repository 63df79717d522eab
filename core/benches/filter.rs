//! Filter speed on a generated capture, in events per second.
//!
//! `SCAPSCOPE_BENCH_EVENTS` sets the capture size (default 2,000,000
//! events; the file is shared with the ingest benchmark and generated once
//! under the target directory). The typical filter,
//! `evt.type in (read,write) and fd.name contains /var`, runs:
//! - `store/typical`: compiled to a scan over the columnar store, on all
//!   cores (rayon), and `store/typical-1core` on one thread;
//! - `store/evt.type-1core`: its column comparison alone, one thread
//!   (`-count`: counting the matches instead of listing them);
//! - `store/fd.name-1core`: its string match alone (once per distinct fd),
//!   one thread;
//! - `reader/matcher` and `reader/plain`: the sequential reader with and
//!   without the filter over the first 200,000 events (the difference is
//!   the per-event cost of evaluating the filter on decoded events).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scapscope_core::filter::{Filter, Matcher, StoreFilter};
use scapscope_core::reader::Reader;
use scapscope_core::store::{LoadOptions, load_blocking};

const TYPICAL: &str = "evt.type in (read,write) and fd.name contains /var";
const READER_EVENTS: u64 = 200_000;

fn capture() -> PathBuf {
    let events: u64 = std::env::var("SCAPSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    scapscope_core::synth::cached(&dir, events, 1).unwrap()
}

fn bench(c: &mut Criterion) {
    let path = capture();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    let n = snap.len() as u64;
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let compile = |s: &str| StoreFilter::compile(&Filter::parse(s).unwrap()).unwrap();
    let typical = compile(TYPICAL);
    let types = compile("evt.type in (read,write)");
    let names = compile("fd.name contains /var");
    println!(
        "capture: {n} events, {} thread and {} fd entities; '{TYPICAL}' matches {} \
         (evt.type alone {}, fd.name alone {})",
        snap.entities.threads.len(),
        snap.entities.fds.len(),
        typical.count(&snap),
        types.count(&snap),
        names.count(&snap)
    );

    let mut g = c.benchmark_group("filter");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(n));
    g.bench_function("store/typical", |b| {
        b.iter(|| typical.scan(&snap, false).len())
    });
    g.bench_function("store/typical-1core", |b| {
        b.iter(|| one.install(|| typical.scan(&snap, false).len()))
    });
    g.bench_function("store/evt.type-1core", |b| {
        b.iter(|| one.install(|| types.scan(&snap, false).len()))
    });
    g.bench_function("store/evt.type-1core-count", |b| {
        b.iter(|| one.install(|| types.count(&snap)))
    });
    g.bench_function("store/fd.name-1core", |b| {
        b.iter(|| one.install(|| names.scan(&snap, false).len()))
    });
    drop(snap);

    let filter = Filter::parse(TYPICAL).unwrap();
    g.throughput(Throughput::Elements(READER_EVENTS));
    g.bench_function("reader/matcher", |b| {
        b.iter(|| {
            let mut r = Reader::open(&path).unwrap();
            let mut m = Matcher::new(filter.clone(), 0);
            let (mut seen, mut hits) = (0u64, 0u64);
            while let Some(ev) = r.next_event() {
                hits += u64::from(m.matches(&ev));
                seen += 1;
                if seen == READER_EVENTS {
                    break;
                }
            }
            hits
        })
    });
    g.bench_function("reader/plain", |b| {
        b.iter(|| {
            let mut r = Reader::open(&path).unwrap();
            let mut seen = 0u64;
            while r.next_event().is_some() {
                seen += 1;
                if seen == READER_EVENTS {
                    break;
                }
            }
            seen
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

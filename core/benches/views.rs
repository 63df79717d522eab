//! Views, tiles and series over a generated capture, next to csysdig on
//! the same file.
//!
//! `SCAPSCOPE_BENCH_EVENTS` sets the capture size (default 2,000,000
//! events, shared with the ingest and filter benchmarks and generated once
//! under the target directory); `SCAPSCOPE_BENCH_FILE` uses a capture
//! that already exists instead. Groups, for each view:
//! - `cold/VIEW`: the whole range on a fresh [`Facts`] (every chunk
//!   scanned; what the first look at a view costs);
//! - `warm/VIEW`: the whole range again (the table kept from the first
//!   run, cloned: a repeated click, back in the breadcrumbs);
//! - `warm-1pct/VIEW`: a new range of 1% of the capture's time, in its
//!   middle (whole chunks from the first run's per-chunk results);
//! - `sort/VIEW`: cloning and re-sorting the largest tables (a click on a
//!   column header);
//! - `csysdig/VIEW`: `csysdig -r FILE -j -v VIEW` on the same file (a few
//!   views; skipped when csysdig is absent or `SCAPSCOPE_BENCH_CSYSDIG=0`).
//!
//! Plus `overview` (all tiles, 40 points) and `series/net_bytes` at 1 ms,
//! and what warming gives (`views::Warmer`, the app's default views and
//! tiles):
//! - `warm-up/default`: preparing them on the loaded capture (one thread:
//!   per-chunk results in one pass per chunk, then the whole-range
//!   overview and tables); the app does this while the capture loads;
//! - `warmed/VIEW`, `warmed/overview-60`: the first whole-range look after
//!   the warm-up (the table or overview it kept);
//! - `warmed-merge/VIEW`, `warmed-merge/overview-60`: the same look on
//!   facts that share the warmed per-chunk results but not the kept
//!   tables (a look asked once the chunks are warm, before the warmer
//!   merged them).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::views::{self, Facts, Query, WarmOptions, Warmer};

const VIEWS: &[&str] = &[
    "procs",
    "threads",
    "containers",
    "files",
    "directories",
    "connections",
    "syscalls",
    "errors",
    "io_by_type",
    "file_opens",
    "port_bindings",
    "procs_fd_usage",
    "procs_errors",
    "sports",
    "incoming_connections",
    "spy_users",
    "proc_tree",
    "commands",
];

const CSYSDIG_VIEWS: &[&str] = &["procs", "files", "syscalls", "connections"];

fn capture() -> PathBuf {
    if let Ok(p) = std::env::var("SCAPSCOPE_BENCH_FILE") {
        return PathBuf::from(p);
    }
    let events: u64 = std::env::var("SCAPSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    scapscope_core::synth::cached(&dir, events, 1).unwrap()
}

fn one_percent(snap: &Snapshot) -> Query {
    let first = snap
        .chunks
        .iter()
        .map(|c| c.summary.min_ts_ns)
        .filter(|&t| t != 0)
        .min()
        .unwrap();
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap();
    let span = last - first;
    let from = first + span / 2;
    Query {
        from_ns: Some(from),
        to_ns: Some(from + span / 100),
        filter: None,
    }
}

fn bench(c: &mut Criterion) {
    let path = capture();
    let snap: Arc<Snapshot> = load_blocking(&path, LoadOptions::default()).unwrap();
    let n = snap.len() as u64;
    let pct = one_percent(&snap);
    let all = Query::default();

    let mut g = c.benchmark_group("cold");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(n));
    for &v in VIEWS {
        g.bench_function(v, |b| {
            b.iter(|| {
                let facts = Facts::new(snap.clone());
                views::compute(&facts, v, &all).unwrap()
            })
        });
    }
    g.finish();

    let facts = Facts::new(snap.clone());
    let mut g = c.benchmark_group("warm");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(n));
    // A repeated look as the app takes it: the kept table, shared.
    for &v in VIEWS {
        g.bench_function(v, |b| {
            b.iter(|| views::compute_shared(&facts, v, &all).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("warm-1pct");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for &v in VIEWS {
        // A new range each time (shifted by 1 ns), so that no kept table
        // answers it: whole chunks come from their cached results, the
        // edge chunks are scanned.
        let mut shift = 0u64;
        g.bench_function(v, |b| {
            b.iter(|| {
                shift += 1;
                let q = Query {
                    from_ns: pct.from_ns.map(|f| f + shift),
                    to_ns: pct.to_ns.map(|t| t + shift),
                    filter: None,
                };
                views::compute(&facts, v, &q).unwrap()
            })
        });
    }
    g.finish();

    // A click on a column header of the largest table.
    let mut g = c.benchmark_group("sort");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for v in ["procs", "connections"] {
        let t = views::compute(&facts, v, &all).unwrap();
        g.bench_function(v, |b| {
            b.iter(|| {
                let mut t = t.clone();
                t.sort_by(0, true);
                t
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("tiles");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(n));
    g.bench_function("overview-40", |b| {
        b.iter(|| views::tiles::overview(&facts, &all, 40).unwrap())
    });
    g.bench_function("series/net_bytes-1ms", |b| {
        b.iter(|| views::series::series(&facts, "net_bytes", &all, 1_000_000).unwrap())
    });
    g.bench_function("series/events-1s", |b| {
        b.iter(|| views::series::series(&facts, "events", &all, 1_000_000_000).unwrap())
    });
    g.finish();

    // Warming (what the app runs while a capture loads).
    let warm_up = || {
        let w = Warmer::start(WarmOptions::default());
        let f = Arc::new(Facts::new(snap.clone()));
        w.offer(f.clone());
        assert!(w.wait_finished(Duration::from_secs(3600)));
        f
    };
    let mut g = c.benchmark_group("warm-up");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(n));
    g.bench_function("default", |b| b.iter(warm_up));
    g.finish();
    let warmed = warm_up();
    let mut g = c.benchmark_group("warmed");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("overview-60", |b| {
        b.iter(|| views::tiles::overview(&warmed, &all, 60).unwrap())
    });
    for v in views::warm::default_views() {
        g.bench_function(v, |b| {
            b.iter(|| views::compute_shared(&warmed, v, &all).unwrap())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("warmed-merge");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("overview-60", |b| {
        b.iter(|| views::tiles::overview(&warmed.next(snap.clone()), &all, 60).unwrap())
    });
    for v in views::warm::default_views() {
        g.bench_function(v, |b| {
            b.iter(|| views::compute_shared(&warmed.next(snap.clone()), v, &all).unwrap())
        });
    }
    g.finish();

    let csysdig = std::env::var("SCAPSCOPE_BENCH_CSYSDIG").map_or(true, |v| v != "0")
        && Command::new("csysdig").arg("--version").output().is_ok();
    if csysdig {
        let mut g = c.benchmark_group("csysdig");
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(5))
            .throughput(Throughput::Elements(n));
        for &v in CSYSDIG_VIEWS {
            g.bench_function(v, |b| {
                b.iter(|| {
                    let o = Command::new("csysdig")
                        .arg("-r")
                        .arg(&path)
                        .args(["-j", "-v", v])
                        .output()
                        .unwrap();
                    assert!(o.status.success());
                    o.stdout.len()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

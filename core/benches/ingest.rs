//! Ingest speed and memory on a generated capture, next to sysdig.
//!
//! `SCAPSCOPE_BENCH_EVENTS` sets the capture size (default 2,000,000
//! events, about 150 MB); the file is generated once under the target
//! directory and reused. Figures to compare:
//! - `reader/sequential`: the plain reader with the state engine;
//! - `store/load`: the columnar store's progressive, parallel load;
//! - `sysdig/read`: `sysdig -r FILE -p %evt.num` on the same file (skipped
//!   when sysdig is absent);
//! - `sysdig/nomatch`: `sysdig -r FILE "proc.name=nomatch"`, sysdig's full
//!   parse with state and no output (the issue's reference).
//!
//! The heap held by the store per event is printed before the runs.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scapscope_core::reader::Reader;
use scapscope_core::store::{LoadOptions, load_blocking};

fn capture() -> (PathBuf, u64) {
    let events: u64 = std::env::var("SCAPSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let path = scapscope_core::synth::cached(&dir, events, 1).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    (path, bytes)
}

fn bench(c: &mut Criterion) {
    let (path, bytes) = capture();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    println!(
        "capture: {} events, {} bytes; store heap: {:.1} bytes/event ({} MB)",
        snap.len(),
        bytes,
        snap.heap_bytes() as f64 / snap.len() as f64,
        snap.heap_bytes() >> 20
    );
    drop(snap);

    let mut g = c.benchmark_group("ingest");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes));
    g.bench_function("reader/sequential", |b| {
        b.iter(|| {
            let mut r = Reader::open(&path).unwrap();
            let mut n = 0u64;
            while r.next_event().is_some() {
                n += 1;
            }
            n
        })
    });
    g.bench_function("store/load", |b| {
        b.iter(|| load_blocking(&path, LoadOptions::default()).unwrap().len())
    });
    let has_sysdig = Command::new("sysdig").arg("--version").output().is_ok();
    if has_sysdig {
        g.bench_function("sysdig/read", |b| {
            b.iter(|| {
                Command::new("sysdig")
                    .arg("-r")
                    .arg(&path)
                    .args(["-p", "%evt.num"])
                    .stdout(Stdio::null())
                    .status()
                    .unwrap()
            })
        });
        g.bench_function("sysdig/nomatch", |b| {
            b.iter(|| {
                Command::new("sysdig")
                    .arg("-r")
                    .arg(&path)
                    .arg("proc.name=nomatch")
                    .stdout(Stdio::null())
                    .status()
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

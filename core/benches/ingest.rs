//! Ingest speed and memory on the largest shared capture and on a
//! generated one, next to sysdig.
//!
//! Inputs: `../shared/captures/derived/bencer_k8s_capture.uncompressed.scap`
//! (skipped with a message when absent) and a generated capture of
//! `SCAPSCOPE_BENCH_EVENTS` events (default 14,000,000: about 1 GiB),
//! generated once under the target directory and reused. Figures to
//! compare, per input:
//! - `reader/sequential`: the plain reader with the state engine;
//! - `store/load`: the columnar store's progressive, parallel load;
//! - `sysdig/nomatch`: `sysdig -r FILE "proc.name=nomatch"`, sysdig's full
//!   parse with state and no output (the issue's reference; skipped when
//!   sysdig is absent).
//!
//! Printed before the runs: the time until the first snapshot is published
//! and the heap the store holds per event. Peak RSS needs a process of its
//! own: `cargo run --release -p scapscope-core --example load -- FILE`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scapscope_core::reader::Reader;
use scapscope_core::store::{LoadOptions, load};

fn inputs() -> Vec<(String, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut v = Vec::new();
    let bencer = root.join("../shared/captures/derived/bencer_k8s_capture.uncompressed.scap");
    if bencer.exists() {
        v.push(("bencer".to_string(), bencer));
    } else {
        println!("skipping bencer: {} is absent", bencer.display());
    }
    let events: u64 = std::env::var("SCAPSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(14_000_000);
    let dir = root.join("target/bench-data");
    let path = scapscope_core::synth::cached(&dir, events, 1).unwrap();
    v.push((format!("synth-{events}"), path));
    v
}

/// One progressive load: time to the first published snapshot, and the
/// final heap per event.
fn first_look(name: &str, path: &Path, bytes: u64) {
    let t = Instant::now();
    let h = load(path, LoadOptions::default());
    let mut first = None;
    while !h.is_finished() {
        if first.is_none() && !h.snapshot().is_empty() {
            first = Some(t.elapsed());
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    let snap = h.wait();
    let first = first.unwrap_or_else(|| t.elapsed());
    println!(
        "{name}: {} events, {bytes} bytes; first snapshot after {:.1} ms; store heap {:.1} \
         bytes/event ({} MiB)",
        snap.len(),
        first.as_secs_f64() * 1e3,
        snap.heap_bytes() as f64 / snap.len().max(1) as f64,
        snap.heap_bytes() >> 20
    );
}

fn bench(c: &mut Criterion) {
    let has_sysdig = Command::new("sysdig").arg("--version").output().is_ok();
    for (name, path) in inputs() {
        let bytes = std::fs::metadata(&path).unwrap().len();
        first_look(&name, &path, bytes);
        let mut g = c.benchmark_group(format!("ingest/{name}"));
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
            b.iter(|| {
                scapscope_core::store::load_blocking(&path, LoadOptions::default())
                    .unwrap()
                    .len()
            })
        });
        if has_sysdig {
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
        } else {
            println!("skipping sysdig/nomatch: sysdig is not installed");
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

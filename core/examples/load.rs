//! Loads a capture into the columnar store and reports what the
//! benchmarks cannot: time to the first published snapshot, total time,
//! heap per event and peak RSS.
//! `cargo run --release -p scapscope-core --example load -- FILE`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use scapscope_core::source::BlockSource;
use scapscope_core::store::{LoadOptions, load};

mod support;

/// CPU seconds (user + system) this process used so far.
fn cpu_s() -> f64 {
    support::cpu_ms() / 1e3
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: load FILE");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let t = Instant::now();
    let h = load(std::path::Path::new(&path), LoadOptions::default());
    let mut first = None;
    // Largest resident anonymous and file-backed memory seen while loading
    // (sampled every few ms), to tell the heap from mapped file pages.
    let (mut max_anon, mut max_file) = (0, 0);
    let mut polls = 0u32;
    while !h.is_finished() {
        if first.is_none() && !h.snapshot().is_empty() {
            first = Some(t.elapsed());
        }
        polls += 1;
        if polls.is_multiple_of(16) {
            let (a, f) = (
                support::status_kib("RssAnon:"),
                support::status_kib("RssFile:"),
            );
            max_anon = max_anon.max(a);
            max_file = max_file.max(f);
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let s = h.wait();
    let total = t.elapsed();
    let cpu = cpu_s();
    let first = first.unwrap_or(total);
    println!(
        "{} events, {} bytes on disk: first snapshot after {:.1} ms, loaded in {:.3} s \
         ({:.1} M events/s, {:.0} MB/s); {:.1} heap bytes/event; peak RSS {} MiB ({:.1}% of the \
         file); error: {:?}",
        s.len(),
        size,
        first.as_secs_f64() * 1e3,
        total.as_secs_f64(),
        s.len() as f64 / total.as_secs_f64() / 1e6,
        s.total_bytes as f64 / total.as_secs_f64() / 1e6,
        s.heap_bytes() as f64 / s.len().max(1) as f64,
        support::status_kib("VmHWM:") / 1024,
        100.0 * (support::status_kib("VmHWM:") * 1024) as f64 / size.max(1) as f64,
        s.error
    );
    println!("  CPU time of the load: {cpu:.2} s");
    let (a, f) = (
        support::status_kib("RssAnon:"),
        support::status_kib("RssFile:"),
    );
    println!(
        "  resident while loading: at most {} MiB anonymous, {} MiB of mapped file; \
         after: {} MiB anonymous, {} MiB mapped",
        max_anon.max(a) / 1024,
        max_file.max(f) / 1024,
        a / 1024,
        f / 1024
    );
    let n = s.len().max(1) as f64;
    for (name, bytes) in s.heap_parts() {
        println!("  {name:<30} {:>6.2} B/event", bytes as f64 / n);
    }
    println!(
        "  ({} thread versions, {} fd versions)",
        s.entities.threads.len(),
        s.entities.fds.len()
    );
    // The floor of any full pass: walking the block framing and nothing
    // else (after the figures above: it maps every page).
    if let Ok((mut src, _)) = BlockSource::open(std::path::Path::new(&path)) {
        let t = Instant::now();
        let mut blocks = 0u64;
        while let Ok(Some(_)) = src.next_block() {
            blocks += 1;
        }
        println!(
            "  walking the block framing alone: {:.3} s ({blocks} blocks)",
            t.elapsed().as_secs_f64()
        );
    }
}

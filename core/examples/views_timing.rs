//! Times views, tiles and series on one capture: the first look (a
//! fresh `Facts`: every chunk scanned), again (the same query: the kept
//! table), and a new 1% range in the middle (whole chunks from the first
//! look's per-chunk results, edge chunks scanned); for captures too big
//! for the criterion benchmark's repeated runs.
//!
//! `cargo run --release -p scapscope-core --example views_timing -- FILE [VIEW…]`

use std::time::{Duration, Instant};

use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::views::{self, Facts, Query};

mod support;

use support::cpu_ms;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: views_timing FILE [VIEW…]");
        std::process::exit(2);
    };
    let mut ids: Vec<String> = args.collect();
    if ids.is_empty() {
        ids = views::VIEWS.iter().map(|v| v.id.to_string()).collect();
    }
    let t = Instant::now();
    let snap = match load_blocking(std::path::Path::new(&path), LoadOptions::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{path}: {} events, {} chunks, loaded in {:.1} s, store heap {:.0} MiB",
        snap.len(),
        snap.chunks.len(),
        t.elapsed().as_secs_f64(),
        snap.heap_bytes() as f64 / (1 << 20) as f64
    );
    let first = snap
        .chunks
        .iter()
        .map(|c| c.summary.min_ts_ns)
        .filter(|&t| t != 0)
        .min()
        .unwrap_or(0);
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap_or(0);
    let span = last - first;
    let pct = Query {
        from_ns: Some(first + span / 2),
        to_ns: Some(first + span / 2 + span / 100),
        filter: None,
    };
    let all = Query::default();
    println!(
        "{:<22} {:>12} {:>12} {:>12} {:>12} {:>9}",
        "view", "first", "first CPU", "again", "1% range", "rows"
    );
    for id in &ids {
        let facts = Facts::new(snap.clone());
        let t = Instant::now();
        let cpu = cpu_ms();
        let table = match views::compute(&facts, id, &all) {
            Ok(t) => t,
            Err(e) => {
                println!("{id}: {e}");
                continue;
            }
        };
        let cold = t.elapsed();
        let cold_cpu = cpu_ms() - cpu;
        // Again: the same view, filter and range (the kept table, shared
        // as the app takes it).
        let warm = (0..3)
            .map(|_| {
                let t = Instant::now();
                let _ = views::compute_shared(&facts, id, &all);
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        // A 1% range, first time: whole chunks from the first run's
        // per-chunk results, the two edge chunks scanned. Shifted by a
        // nanosecond each time so that no kept table answers it.
        let warm_pct = (0..3u64)
            .map(|k| {
                let q = Query {
                    from_ns: pct.from_ns.map(|f| f + k),
                    to_ns: pct.to_ns.map(|t| t + k),
                    filter: None,
                };
                let t = Instant::now();
                let _ = views::compute(&facts, id, &q);
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        println!(
            "{id:<22} {:>12} {:>12} {:>12} {:>12} {:>9}",
            ms(cold),
            format!("{cold_cpu:.0} ms"),
            ms(warm),
            ms(warm_pct),
            table.rows.len()
        );
    }
    let facts = Facts::new(snap.clone());
    let t = Instant::now();
    let cpu = cpu_ms();
    let o = views::tiles::overview(&facts, &all, 40);
    let cold = t.elapsed();
    let cold_cpu = cpu_ms() - cpu;
    let t = Instant::now();
    let _ = views::tiles::overview(&facts, &all, 40);
    println!(
        "overview (40 points): first {} ({cold_cpu:.0} ms CPU), again {} ({} tiles)",
        ms(cold),
        ms(t.elapsed()),
        o.map_or(0, |o| o.tiles.len())
    );
    for (metric, bucket) in [("events", 1_000_000_000u64), ("net_bytes", 1_000_000_000)] {
        let t = Instant::now();
        let s = views::series::series(&facts, metric, &all, bucket);
        println!(
            "series {metric} @ {bucket} ns: {} ({} buckets)",
            ms(t.elapsed()),
            s.map_or(0, |s| s.values.len())
        );
    }
}

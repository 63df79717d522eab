//! CPU time to prepare one timeline frame (level-of-detail query plus the
//! instance buffer, labels and hit boxes) over a large generated capture,
//! at five zoom levels from the whole capture down to 1 ns per 100 px.
//!
//! Size: `SCAPSCOPE_BENCH_EVENTS` events (default 2,000,000; the issue's
//! target is 50,000,000, which needs about 3 GB of disk and 2 GB of RAM).
//! The capture is generated once into the temp dir and reused.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::timeline::TimelineIndex;
use scapscope_render::view::MIN_NS_PER_PX;
use scapscope_render::{Clock, Geometry, Layout, Palette, Scene, View, build};

fn capture(events: u64) -> PathBuf {
    let t = Instant::now();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let p = scapscope_core::synth::cached(&dir, events, 7).unwrap();
    eprintln!("capture {} ready in {:.1?}", p.display(), t.elapsed());
    p
}

fn frames(c: &mut Criterion) {
    let events: u64 = std::env::var("SCAPSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let path = capture(events);
    let t = Instant::now();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    eprintln!("loaded {} events in {:.1?}", snap.len(), t.elapsed());
    let t = Instant::now();
    let index = TimelineIndex::new(&snap);
    eprintln!(
        "timeline index: {:.1?}, {:.2} B/event, {} lanes",
        t.elapsed(),
        index.heap_bytes() as f64 / index.events().max(1) as f64,
        index.lanes().count()
    );
    let geometry = Geometry::default();
    let layout = Layout::new(&index, &BTreeSet::new(), &geometry);
    let (lo, hi) = index.time_range().unwrap();
    let width = 1600.0;
    let mid = lo + (hi - lo) / 2;
    let whole = View::fit(lo, hi, width);
    let around = |span_ns: f64| {
        let nspp = span_ns / width;
        View::new(mid - (span_ns / 2.0) as u64, nspp, width)
    };
    let zooms = [
        ("whole capture", whole),
        ("1/100 of it", around((hi - lo) as f64 / 100.0)),
        ("1 ms", around(1e6)),
        ("10 us", around(1e4)),
        ("16 ns (1 ns per 100 px)", around(16.0)),
    ];
    let palette = Palette::DARK;
    let mut group = c.benchmark_group(format!("frame/{}M events", events / 1_000_000));
    for (name, view) in zooms {
        assert!(view.ns_per_px >= MIN_NS_PER_PX);
        let scene = Scene {
            index: &index,
            layout: &layout,
            geometry,
            view,
            gutter_px: 220.0,
            height_px: 1000.0,
            scroll_px: 0.0,
            clock: Clock::Relative { origin_ns: lo },
            char_px: 7.0,
            palette: &palette,
            selection: None,
            selected_event: None,
            cursor: Some((800.0, 300.0)),
        };
        let f = build(&scene);
        eprintln!(
            "{name}: {:.2} ns/px, {} instances, {} hit boxes, {} labels, {:?}",
            view.ns_per_px,
            f.instances.len(),
            f.hits.len(),
            f.labels.len(),
            f.stats
        );
        group.bench_function(name, |b| b.iter(|| build(&scene)));
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);

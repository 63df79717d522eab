//! The real pipeline on a real (often software) GPU: a generated capture
//! with events 1 ns apart, ten days after the clock's origin, drawn at
//! maximum zoom and read back pixel by pixel.
//!
//! Needs a wgpu adapter; on machines without a GPU, Mesa's lavapipe
//! (`mesa-vulkan-drivers`) provides one. Without any, the test says so and
//! passes: the pure tests in `frame.rs` and the unit tests carry the
//! weight.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::synth::{SynthConfig, Target as Size, synth};
use scapscope_core::timeline::{LaneKey, TimelineIndex};
use scapscope_render::layout::RowKind;
use scapscope_render::offscreen::Offscreen;
use scapscope_render::view::MIN_NS_PER_PX;
use scapscope_render::{Clock, Geometry, Layout, Palette, Scene, View, build};

/// 2026-01-01T00:00:00Z.
const T0: u64 = 1_767_225_600_000_000_000;
const DAY: u64 = 86_400_000_000_000;

fn gpu() -> Option<Offscreen> {
    match Offscreen::new() {
        Ok(g) => {
            eprintln!(
                "adapter: {} ({:?}, {:?})",
                g.adapter().name,
                g.adapter().device_type,
                g.adapter().backend
            );
            Some(g)
        }
        Err(e) => {
            eprintln!(
                "SKIP: {e}. Install a Vulkan driver (Debian: mesa-vulkan-drivers libvulkan1) \
                 to run the pixel test."
            );
            None
        }
    }
}

#[test]
fn neighbouring_events_land_on_distinct_ordered_pixel_columns() {
    let Some(mut gpu) = gpu() else { return };
    let path = std::env::temp_dir().join(format!(
        "scapscope-render-offscreen-{}.scap",
        std::process::id()
    ));
    let start = T0 + 10 * DAY + 123_456_789;
    let cfg = SynthConfig {
        seed: 5,
        target: Size::Events(20_000),
        spacing_ns: Some(1),
        start_ts_ns: start,
    };
    synth(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&path).unwrap()),
    )
    .unwrap();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    std::fs::remove_file(&path).ok();
    let index = TimelineIndex::new(&snap);
    // Every process expanded: one thread per row, so no lane draws over
    // another.
    let all: BTreeSet<i64> = index.lanes().map(|l| l.key.pid).collect();
    let geometry = Geometry::default();
    let layout = Layout::new(&index, &all, &geometry);
    let (lo, _) = index.time_range().unwrap();
    let gutter = 200.0;
    let width = 1600.0;
    // Half a nanosecond past a whole one, so no event sits on the plot's
    // first or last column.
    let mut view = View::new(lo + 7_000, MIN_NS_PER_PX, width);
    view.pan_px(-50.0);
    assert_eq!(view.start.ns, lo + 7_000);
    let height = (geometry.bands(0.0).lanes.0 + layout.height_px).min(4000.0);
    let palette = Palette::DARK;
    let scene = Scene {
        index: &index,
        layout: &layout,
        geometry,
        view,
        gutter_px: gutter,
        height_px: height,
        scroll_px: 0.0,
        clock: Clock::Relative { origin_ns: T0 },
        char_px: 7.0,
        palette: &palette,
        selection: None,
        selected_event: None,
        cursor: None,
    };
    let frame = build(&scene);
    let (w, h) = ((gutter + width) as u32, height as u32);
    let pixels = gpu
        .render(&frame.instances, w, h, palette.background)
        .unwrap();
    assert_eq!(pixels.len(), (w * h * 4) as usize);
    let px = |x: u32, y: u32| -> [u8; 4] {
        let i = ((y * w + x) * 4) as usize;
        pixels[i..i + 4].try_into().unwrap()
    };

    // Where the store says each thread's events are.
    let (from, to) = view.ns_range();
    let lanes_top = geometry.bands(height).lanes.0;
    let mut seen: Vec<(u64, u32)> = Vec::new();
    let mut rows_checked = 0;
    for row in &layout.rows {
        if row.kind != RowKind::Thread {
            continue;
        }
        let key: LaneKey = row.lanes[0];
        let y1 = lanes_top + row.y_px + row.height_px;
        if y1 > height {
            continue;
        }
        // Above the failure mark, inside both span and instant quads.
        let y = (y1 - 7.0) as u32;
        let mut want: Vec<(u64, u32)> = (0..snap.len())
            .map(|i| snap.row(i).unwrap())
            .filter(|r| r.ts_ns >= from && r.ts_ns < to && r.tid == key.tid)
            .filter(|r| {
                let pid = r.thread.map(|t| t.pid).filter(|&p| p > 0).unwrap_or(r.tid);
                pid == key.pid
            })
            .map(|r| (r.ts_ns, (gutter + view.column_of(r.ts_ns) as f64) as u32))
            // Instants at the plot's edges are clipped to under 3 px and
            // drawn without an edge line.
            .filter(|&(_, c)| c > gutter as u32 && c + 1 < w)
            .collect();
        want.sort();
        let got: Vec<u32> = (gutter as u32..w)
            .filter(|&x| px(x, y) == palette.edge)
            .collect();
        let want_cols: Vec<u32> = want.iter().map(|&(_, c)| c).collect();
        assert_eq!(
            got, want_cols,
            "row {:?}: edge columns on screen vs where the store's events are",
            row.label
        );
        // Each edge is one pixel wide: its neighbours are the fill.
        for &c in &got {
            assert_ne!(px(c - 1, y), palette.edge);
            assert_ne!(px(c + 1, y), palette.edge);
        }
        seen.extend(want);
        rows_checked += 1;
    }
    assert!(rows_checked >= 2, "{rows_checked} thread rows on screen");
    // Over all rows: one event per nanosecond, each on its own column, in
    // time order, 100 px apart.
    seen.sort();
    assert!(seen.len() >= 12, "{} events drawn", seen.len());
    for w in seen.windows(2) {
        assert!(w[1].0 > w[0].0, "two events share {}", w[0].0);
        assert!(
            w[1].1 > w[0].1,
            "events at {} and {} are not in order on screen: columns {} and {}",
            w[0].0,
            w[1].0,
            w[0].1,
            w[1].1
        );
        assert_eq!(u64::from(w[1].1 - w[0].1), (w[1].0 - w[0].0) * 100);
    }
}

#[test]
fn the_image_matches_the_instances() {
    let Some(mut gpu) = gpu() else { return };
    // Two quads on exact pixel edges, one translucent over the other.
    let instances = [
        scapscope_render::Instance {
            rect: [2.0, 1.0, 5.0, 3.0],
            color: [255, 0, 0, 255],
        },
        scapscope_render::Instance {
            rect: [4.0, 0.0, 6.0, 4.0],
            color: [0, 0, 255, 128],
        },
    ];
    let px = gpu.render(&instances, 8, 4, [0, 0, 0, 255]).unwrap();
    let at = |x: usize, y: usize| &px[(y * 8 + x) * 4..(y * 8 + x) * 4 + 4];
    assert_eq!(at(1, 1), [0, 0, 0, 255]);
    assert_eq!(at(2, 1), [255, 0, 0, 255]);
    assert_eq!(at(2, 2), [255, 0, 0, 255]);
    assert_eq!(at(2, 3), [0, 0, 0, 255]);
    // Blended: half red, half blue (within a rounding step).
    let mixed = at(4, 1);
    assert!(
        mixed[0].abs_diff(127) <= 2 && mixed[2].abs_diff(128) <= 2,
        "{mixed:?}"
    );
    assert!(at(5, 0)[2].abs_diff(128) <= 2);
    assert_eq!(at(6, 0), [0, 0, 0, 255]);
}

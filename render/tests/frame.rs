//! Frames built from generated captures: what is drawn where, at which
//! level of detail, how much of it, and what hit testing finds there.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::synth::{SynthConfig, Target as Size, synth};
use scapscope_core::timeline::{LaneKey, LaneSel, TimelineIndex};
use scapscope_render::frame::{LabelKind, Target};
use scapscope_render::view::MIN_NS_PER_PX;
use scapscope_render::{Clock, Frame, Geometry, Layout, Palette, Scene, View, build};

/// 2026-01-01T00:00:00Z.
const T0: u64 = 1_767_225_600_000_000_000;
const DAY: u64 = 86_400_000_000_000;

struct Capture {
    snap: Arc<Snapshot>,
    index: TimelineIndex,
    path: PathBuf,
}

impl Drop for Capture {
    fn drop(&mut self) {
        std::fs::remove_file(&self.path).ok();
    }
}

fn capture(events: u64, seed: u64, spacing_ns: Option<u64>, start_ts_ns: u64) -> Capture {
    let path = std::env::temp_dir().join(format!(
        "scapscope-render-frame-{}-{seed}-{events}.scap",
        std::process::id()
    ));
    let cfg = SynthConfig {
        seed,
        target: Size::Events(events),
        spacing_ns,
        start_ts_ns,
    };
    synth(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&path).unwrap()),
    )
    .unwrap();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    let index = TimelineIndex::new(&snap);
    Capture { snap, index, path }
}

const GUTTER: f64 = 200.0;

fn scene<'a>(
    index: &'a TimelineIndex,
    layout: &'a Layout,
    view: View,
    height_px: f64,
    scroll_px: f64,
) -> Scene<'a> {
    Scene {
        index,
        layout,
        geometry: Geometry::default(),
        view,
        gutter_px: GUTTER,
        height_px,
        scroll_px,
        clock: Clock::Relative { origin_ns: T0 },
        char_px: 7.0,
        palette: &Palette::DARK,
        selection: None,
        selected_event: None,
        cursor: None,
    }
}

/// Every event drawn on its own in a frame, by store index, with the
/// pixel column (relative to the plot) its hit box starts at.
fn drawn_events(f: &Frame) -> Vec<(usize, f64, bool)> {
    let mut out = Vec::new();
    for h in &f.hits {
        if let Target::Event {
            enter,
            exit,
            merged,
            ..
        } = &h.target
        {
            for e in [enter, exit].into_iter().flatten() {
                out.push((e.index, h.rect[0] - GUTTER, *merged));
            }
        }
    }
    out
}

#[test]
fn at_maximum_zoom_ten_days_in_neighbouring_events_get_their_own_columns() {
    // Events 1 ns apart, ten days after the clock's origin.
    let start = T0 + 10 * DAY + 123_456_789;
    let c = capture(20_000, 21, Some(1), start);
    let layout = Layout::new(&c.index, &BTreeSet::new(), &Geometry::default());
    let (lo, hi) = c.index.time_range().unwrap();
    assert!(lo >= start && hi - lo < 100_000, "{lo} {hi}");
    let width = 1600.0;
    let view = View::new(lo + 7_000, MIN_NS_PER_PX, width);
    // Tall enough for every row.
    let height = 130.0 + layout.height_px;
    let f = build(&scene(&c.index, &layout, view, height, 0.0));
    assert_eq!(f.stats.shift, None, "events one by one at maximum zoom");
    let (from, to) = view.ns_range();
    // What the store has in view.
    let mut want: Vec<(u64, usize)> = (0..c.snap.len())
        .filter_map(|i| {
            let r = c.snap.row(i).unwrap();
            (r.ts_ns >= from && r.ts_ns < to && r.ts_ns != 0).then_some((r.ts_ns, i))
        })
        .collect();
    want.sort();
    assert!(want.len() >= 15, "{} events in view", want.len());
    let drawn: HashMap<usize, (f64, bool)> = drawn_events(&f)
        .into_iter()
        .map(|(i, x, m)| (i, (x, m)))
        .collect();
    let mut last_col = f64::NEG_INFINITY;
    for &(ts, i) in &want {
        let Some(&(x, merged)) = drawn.get(&i) else {
            panic!("event {i} at {ts} is not drawn");
        };
        assert!(!merged, "event {i} shares its pixels");
        let col = view.column_of(ts);
        // A span's box starts at its enter; an exit's own column is where
        // the edge line is: check the event's exact column instead.
        assert_eq!(col as f64, ((ts - view.start.ns) as f64 * 100.0).floor());
        assert!(
            col as f64 > last_col,
            "event {i} at {ts} (column {col}) not right of the one before"
        );
        assert!(
            x <= col as f64,
            "box of {i} starts at {x}, after its column {col}"
        );
        last_col = col as f64;
    }
    // Neighbours are 100 px apart: 1 ns per 100 px.
    let cols: Vec<i64> = want.iter().map(|&(ts, _)| view.column_of(ts)).collect();
    for w in cols.windows(2) {
        assert_eq!(w[1] - w[0], 100);
    }
    // The axis labels say where we are.
    let ticks: Vec<&str> = f
        .labels
        .iter()
        .filter(|l| l.kind == LabelKind::Tick)
        .map(|l| l.text.as_str())
        .collect();
    assert!(!ticks.is_empty());
    assert!(
        ticks.iter().all(|t| t.starts_with("+10 d 00:00:00.123 4")),
        "{ticks:?}"
    );
}

#[test]
fn instances_follow_pixels_not_events() {
    let small = capture(20_000, 31, None, T0);
    let big = capture(200_000, 31, None, T0);
    let g = Geometry::default();
    let (w, h) = (1000.0, 800.0);
    let mut counts = Vec::new();
    for c in [&small, &big] {
        let layout = Layout::new(&c.index, &BTreeSet::new(), &g);
        let (lo, hi) = c.index.time_range().unwrap();
        let f = build(&scene(&c.index, &layout, View::fit(lo, hi, w), h, 0.0));
        let bands = g.bands(h);
        let rows = layout.visible(0.0, bands.lanes.1 - bands.lanes.0).len();
        // Per pixel column: up to 7 category layers, an error mark, per
        // visible row and metric chart; plus fixed furniture per row and
        // per tick.
        let bound = (rows + 3) * (w as usize) * 9 + rows * 8 + 500;
        assert!(
            f.instances.len() <= bound,
            "{} instances for {} events, bound {bound}",
            f.instances.len(),
            c.index.events()
        );
        assert!(f.stats.density_rows > 0, "{:?}", f.stats);
        counts.push((c.index.events(), f.instances.len(), f.stats.summed));
    }
    let (e0, i0, _) = counts[0];
    let (e1, i1, _) = counts[1];
    assert!(e1 >= 9 * e0);
    // Ten times the events, nowhere near ten times the quads.
    assert!((i1 as f64) < 2.5 * i0 as f64, "{counts:?}");
}

#[test]
fn level_of_detail_follows_the_zoom() {
    let c = capture(100_000, 41, None, T0);
    let layout = Layout::new(&c.index, &BTreeSet::new(), &Geometry::default());
    let (lo, hi) = c.index.time_range().unwrap();
    let whole = build(&scene(
        &c.index,
        &layout,
        View::fit(lo, hi, 1200.0),
        900.0,
        0.0,
    ));
    assert!(whole.stats.shift.is_some());
    assert!(whole.stats.density_rows > 0);
    let mid = lo + (hi - lo) / 2;
    let fine = build(&scene(
        &c.index,
        &layout,
        View::new(mid, 1.0, 1200.0),
        900.0,
        0.0,
    ));
    assert_eq!(fine.stats.shift, None);
    assert_eq!(fine.stats.density_rows, 0);
    // At the whole-capture zoom the metrics strip (every event, dozens
    // per pixel) is read as pyramid buckets, not event by event.
    let view = View::fit(lo, hi, 1200.0);
    let (from, to) = view.ns_range();
    let mut reads = 0;
    c.index
        .for_each_density(LaneSel::All, whole.stats.shift, from, to, |_, len, _| {
            assert!(len > 1, "a single event read at {} ns/px", view.ns_per_px);
            reads += 1;
        });
    assert!(
        reads * 4 < c.index.events(),
        "{reads} reads for {} events",
        c.index.events()
    );
}

#[test]
fn hit_testing_finds_what_is_drawn() {
    let c = capture(50_000, 51, None, T0);
    let expanded: BTreeSet<i64> = c.index.groups()[0]
        .processes
        .iter()
        .map(|p| p.pid)
        .collect();
    let layout = Layout::new(&c.index, &expanded, &Geometry::default());
    let (lo, hi) = c.index.time_range().unwrap();
    let mid = lo + (hi - lo) / 2;
    let view = View::new(mid, 2000.0, 1000.0);
    let f = build(&scene(&c.index, &layout, view, 800.0, 0.0));
    let mut events = 0;
    for h in &f.hits {
        let [x0, y0, x1, y1] = h.rect;
        let (x, y) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let got = f.hit(x, y).expect("something is under every box");
        // The topmost box at that point contains it.
        let top = f
            .hits
            .iter()
            .rev()
            .find(|b| x >= b.rect[0] && x < b.rect[2] && y >= b.rect[1] && y < b.rect[3])
            .unwrap();
        assert_eq!(got, &top.target);
        if let Target::Event { enter, exit, .. } = got {
            events += 1;
            let e = exit.or(*enter).unwrap();
            let r = c.snap.row(e.index).unwrap();
            assert_eq!(r.ts_ns, e.ts_ns);
            assert_eq!(r.event_type, e.event_type);
            // The box covers the event's column.
            let col = GUTTER + view.column_of(e.ts_ns) as f64;
            assert!(
                col >= h.rect[0] - 1.0 && col < h.rect[2] + 1.0,
                "{col} {:?}",
                h.rect
            );
        }
    }
    assert!(events > 10, "{events} event boxes");
    // The gutter names rows; the top strip holds metric columns.
    let first_row_y = Geometry::default().bands(800.0).lanes.0 + 5.0;
    assert!(matches!(
        f.hit(10.0, first_row_y),
        Some(Target::RowHeader { row: 0 })
    ));
    let metric = f
        .hits
        .iter()
        .find(|h| matches!(h.target, Target::Metric { .. }));
    let m = metric.expect("the metrics strip has columns");
    assert!(matches!(
        f.hit(m.rect[0] + 0.5, m.rect[1] + 1.0),
        Some(Target::Metric { .. })
    ));
    assert_eq!(f.hit(-5.0, 10.0), None);
}

#[test]
fn a_syscall_longer_than_the_view_fills_it() {
    let c = capture(50_000, 61, None, T0);
    // A syscall of at least 20 µs.
    let mut open: HashMap<i64, (u64, u16, usize)> = HashMap::new();
    let mut found = None;
    for i in 0..c.snap.len() {
        let r = c.snap.row(i).unwrap();
        if r.event_type.is_multiple_of(2) {
            open.insert(r.tid, (r.ts_ns, r.event_type, i));
        } else if let Some((ts, et, ei)) = open.remove(&r.tid)
            && et + 1 == r.event_type
            && r.ts_ns - ts > 20_000
            && r.ts_ns != 0
            && ts != 0
        {
            found = Some((ts, r.ts_ns, ei, i, r.tid, r.thread.map(|t| t.pid)));
            break;
        }
    }
    let (enter_ts, exit_ts, ei, xi, tid, pid) = found.expect("synth has slow syscalls");
    let key = LaneKey {
        pid: pid.filter(|&p| p > 0).unwrap_or(tid),
        tid,
    };
    let expanded = BTreeSet::from([key.pid]);
    let layout = Layout::new(&c.index, &expanded, &Geometry::default());
    let row = layout
        .rows
        .iter()
        .position(|r| r.lanes == vec![key])
        .unwrap();
    let width = 800.0;
    let view = View::new(enter_ts + (exit_ts - enter_ts) / 2, 1.0, width);
    let f = build(&scene(
        &c.index,
        &layout,
        view,
        2000.0,
        layout.rows[row].y_px,
    ));
    let span = f
        .hits
        .iter()
        .find(|h| {
            matches!(&h.target, Target::Event { row: r, enter: Some(e), exit: Some(x), .. }
                if *r == row && e.index == ei && x.index == xi)
        })
        .expect("the running syscall is drawn");
    assert_eq!(span.rect[0], GUTTER);
    assert_eq!(span.rect[2], GUTTER + width);
}

#[test]
fn failed_calls_are_marked() {
    let c = capture(50_000, 71, None, T0);
    let palette = Palette::DARK;
    let failed = (0..c.snap.len())
        .map(|i| c.snap.row(i).unwrap())
        .find(|r| r.event_type % 2 == 1 && r.res.is_some_and(|x| x < 0) && r.ts_ns != 0)
        .expect("synth has failures");
    let pid = failed
        .thread
        .map(|t| t.pid)
        .filter(|&p| p > 0)
        .unwrap_or(failed.tid);
    let key = LaneKey {
        pid,
        tid: failed.tid,
    };
    let layout = Layout::new(&c.index, &BTreeSet::from([pid]), &Geometry::default());
    let row = layout
        .rows
        .iter()
        .position(|r| r.lanes == vec![key])
        .unwrap();
    let view = View::new(failed.ts_ns - 500, 2.0, 1000.0);
    let s = scene(&c.index, &layout, view, 3000.0, layout.rows[row].y_px);
    let f = build(&s);
    let col = (GUTTER + view.column_of(failed.ts_ns) as f64) as f32;
    let bands = Geometry::default().bands(3000.0);
    let row_top = (bands.lanes.0) as f32;
    let marked = f.instances.iter().any(|q| {
        q.color == palette.error
            && q.rect[0] <= col
            && q.rect[2] > col
            && q.rect[1] >= row_top
            && q.rect[3] <= row_top + layout.rows[row].height_px as f32
    });
    assert!(marked, "no error mark at column {col} of row {row}");
}

#[test]
fn selection_and_cursor_overlays() {
    let c = capture(20_000, 81, None, T0);
    let layout = Layout::new(&c.index, &BTreeSet::new(), &Geometry::default());
    let (lo, hi) = c.index.time_range().unwrap();
    let view = View::fit(lo, hi, 1000.0);
    let mut s = scene(&c.index, &layout, view, 600.0, 0.0);
    let sel = view.range_between(100.0, 300.0);
    s.selection = Some(sel);
    s.cursor = Some((GUTTER + 500.0, 200.0));
    let f = build(&s);
    let p = Palette::DARK;
    let overlay = f.instances.iter().find(|q| q.color == p.selection).unwrap();
    assert!((f64::from(overlay.rect[0]) - (GUTTER + 100.0)).abs() < 1.0);
    assert!((f64::from(overlay.rect[2]) - (GUTTER + 300.0)).abs() < 1.0);
    let cursor = f.instances.iter().find(|q| q.color == p.cursor).unwrap();
    assert_eq!(cursor.rect[0], (GUTTER + 500.0) as f32);
    let readout = f
        .labels
        .iter()
        .find(|l| l.kind == LabelKind::Cursor)
        .unwrap();
    let t = view.time_at(500.0).round();
    assert_eq!(readout.text, scapscope_render::ticks::exact(t, s.clock));
    // Row headers for the visible rows.
    let rows = f.labels.iter().filter(|l| l.kind == LabelKind::Row).count();
    let bands = Geometry::default().bands(600.0);
    assert_eq!(
        rows,
        layout.visible(0.0, bands.lanes.1 - bands.lanes.0).len()
    );
}

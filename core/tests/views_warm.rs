//! Work done before the look (`views::Warmer`, `Facts::next`) must not
//! change any result: tables and overviews computed from results prepared
//! while a capture loaded (on the facts of earlier snapshots, under the
//! capture's initial state) equal those computed cold on the final
//! snapshot by the plain per-event path, for every view; the same holds
//! when the user looks before the warmer is done, and on the snapshots
//! of a load in flight.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use scapscope_core::store::{LoadOptions, load};
use scapscope_core::views::{self, Facts, Query, Table, WarmOptions, Warmer};
use support::{captures, generated};

fn same_table(what: &str, want: &Table, got: &Table) -> usize {
    assert_eq!(want.columns, got.columns, "{what}: columns");
    assert_eq!(want.span_ns, got.span_ns, "{what}: span");
    assert_eq!(want.rows.len(), got.rows.len(), "{what}: row count");
    for (x, y) in want.rows.iter().zip(&got.rows) {
        assert_eq!(x, y, "{what}: rows differ");
    }
    want.rows.len()
}

/// An overview as comparable numbers.
fn overview_numbers(f: &Facts, points: usize) -> Vec<(String, u64, Vec<u64>)> {
    let o = views::tiles::overview(f, &Query::default(), points).unwrap();
    let mut v: Vec<_> = o
        .tiles
        .into_iter()
        .map(|t| (t.def.name, t.total, t.series))
        .collect();
    v.push(("from/bucket".into(), o.from_ns, vec![o.bucket_ns]));
    v
}

/// Loads `path` in small chunks, offering the facts of every snapshot
/// (each from the previous one with `Facts::next`) to a warmer that
/// prepares every view (tables, lists and the tree: the default), and
/// waiting for it after each, so that every chunk is prepared under the
/// initial state before the load ends. On a few snapshots in flight,
/// compares what the warmed facts give for every view with cold facts of
/// the same snapshot. Returns the final facts, still being
/// warmed unless `wait_final`.
fn load_warming(path: &Path, chunk_events: usize, wait_final: bool) -> (Arc<Facts>, Warmer) {
    let warmer = Warmer::start(WarmOptions {
        views: views::warm::default_views(),
        overview_points: Some(40),
        batch_chunks: 2,
        // Staged: two views and the tiles first, the others after.
        first: vec!["syscalls", "connections"],
    });
    let h = load(path, LoadOptions::with_chunk_events(chunk_events));
    let mut facts: Option<Arc<Facts>> = None;
    let mut checked = 0;
    loop {
        let snap = h.snapshot();
        let newer = facts
            .as_ref()
            .is_none_or(|f| f.snapshot().generation != snap.generation);
        if newer {
            let f = Arc::new(match &facts {
                Some(prev) => prev.next(snap.clone()),
                None => Facts::new(snap.clone()),
            });
            warmer.offer(f.clone());
            if !snap.done || wait_final {
                assert!(warmer.wait_idle(Duration::from_secs(300)), "warmer stuck");
            }
            // A load in flight: the warmed facts answer as cold ones.
            if !snap.done
                && snap.chunks.len() > 2
                && checked < 3
                && snap.generation.is_multiple_of(3)
            {
                checked += 1;
                let cold = Facts::new(snap.clone());
                assert_eq!(
                    overview_numbers(&cold, 40),
                    overview_numbers(&f, 40),
                    "{}: overview of snapshot {}",
                    path.display(),
                    snap.generation
                );
                for v in views::VIEWS.iter().map(|v| v.id) {
                    let want = views::compute_reference(&cold, v, &Query::default()).unwrap();
                    let got = views::compute_shared(&f, v, &Query::default()).unwrap();
                    same_table(&format!("{v} on {} in flight", path.display()), &want, &got);
                }
            }
            facts = Some(f);
        }
        if snap.done {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    (facts.unwrap(), warmer)
}

/// Every view on `f` against a cold reference on its snapshot.
fn check_all(path: &Path, f: &Facts, label: &str) -> usize {
    let cold = Facts::new(f.snapshot().clone());
    let mut rows = 0;
    for v in views::VIEWS {
        let want = views::compute_reference(&cold, v.id, &Query::default()).unwrap();
        let got = views::compute_shared(f, v.id, &Query::default()).unwrap();
        rows += same_table(
            &format!("{} on {} ({label})", v.id, path.display()),
            &want,
            &got,
        );
    }
    assert_eq!(
        overview_numbers(&cold, 40),
        overview_numbers(f, 40),
        "{}: overview ({label})",
        path.display()
    );
    rows
}

#[test]
fn warmed_results_equal_cold_ones_on_shared_captures() {
    let paths = captures();
    if paths.is_empty() {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    }
    let mut rows = 0;
    for p in &paths {
        let (f, warmer) = load_warming(p, 1024, true);
        if f.snapshot().open_error.is_some() {
            continue;
        }
        assert!(warmer.wait_finished(Duration::from_secs(300)));
        rows += check_all(p, &f, "warmed");
    }
    assert!(rows > 5_000, "compared only {rows} rows");
}

#[test]
fn a_look_before_the_warmer_is_done_equals_a_cold_one() {
    let paths = captures();
    if paths.is_empty() {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    }
    let rows: usize = paths.iter().map(|p| look_before_done(p, 1024)).sum();
    assert!(rows > 5_000, "compared only {rows} rows");
}

/// The final facts of `path` are offered and looked at at once, while the
/// warmer works on them, then again once it is done; returns the rows
/// compared.
fn look_before_done(path: &Path, chunk_events: usize) -> usize {
    let (f, warmer) = load_warming(path, chunk_events, false);
    if f.snapshot().open_error.is_some() {
        return 0;
    }
    let mut rows = check_all(path, &f, "before the warmer is done");
    assert!(warmer.wait_finished(Duration::from_secs(300)));
    rows += check_all(path, &f, "after");
    rows
}

#[test]
fn a_look_before_the_warmer_is_done_equals_a_cold_one_on_a_generated_capture() {
    let path = generated("views-warm-early", 60_000, 6);
    let rows = look_before_done(&path, 2048);
    std::fs::remove_file(&path).ok();
    assert!(rows > 1_000, "compared only {rows} rows");
}

#[test]
fn warmed_results_equal_cold_ones_on_a_generated_capture() {
    let path = generated("views-warm", 60_000, 5);
    let (f, warmer) = load_warming(&path, 2048, true);
    assert!(warmer.wait_finished(Duration::from_secs(300)));
    let st = warmer.status();
    assert!(
        st.chunks_computed >= f.snapshot().chunks.len(),
        "the warmer computed {} chunks of {}",
        st.chunks_computed,
        f.snapshot().chunks.len()
    );
    // Every view's table is kept, the first ones before the others.
    assert!(st.overview_ready);
    let mut ready = st.ready.clone();
    ready.sort_unstable();
    let mut all: Vec<&str> = views::VIEWS.iter().map(|v| v.id).collect();
    all.sort_unstable();
    assert_eq!(ready, all);
    assert_eq!(st.ready[..2], ["connections", "syscalls"]);
    let rows = check_all(&path, &f, "warmed");
    std::fs::remove_file(&path).ok();
    assert!(rows > 1_000, "compared only {rows} rows");
}

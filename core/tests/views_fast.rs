//! The views engine's fast paths against its plain per-event path
//! (`views::compute_reference`): every view, with several filters and
//! time ranges, on the shared captures and on a generated one, must give
//! identical tables, first look and repeated (cached chunk results and
//! cached tables). The plain path is what the csysdig comparison in
//! `views.rs` validated first; this keeps the fast paths from drifting.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::sync::Arc;

use scapscope_core::filter::Filter;
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::views::{self, Facts, Query};
use support::{captures, generated};

/// Filters of each kind the engine handles: none, store-only, native
/// (thread, fd and event fields), and a mix.
const FILTERS: &[&str] = &[
    "",
    "evt.type=read or evt.type=write",
    "proc.name=nginx or proc.name=curl or proc.name=cat",
    "fd.type=ipv4",
    "evt.failed=true",
    "proc.pid>1000 and evt.dir=<",
];

/// Ranges: everything, the first half, a slice in the middle, and one
/// that ends inside the last chunk.
fn ranges(snap: &Snapshot) -> Vec<(Option<u64>, Option<u64>)> {
    let lo = snap
        .chunks
        .iter()
        .map(|c| c.summary.min_ts_ns)
        .filter(|&t| t != 0)
        .min()
        .unwrap_or(0);
    let hi = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap_or(0);
    let span = hi.saturating_sub(lo);
    vec![
        (None, None),
        (None, Some(lo + span / 2)),
        (Some(lo + span * 2 / 5), Some(lo + span * 3 / 5)),
        (Some(lo + span / 10), Some(hi)),
    ]
}

fn check(path: &Path, snap: Arc<Snapshot>) -> usize {
    let fast = Facts::new(snap.clone());
    let reference = Facts::new(snap.clone());
    let mut compared = 0;
    for filter in FILTERS {
        let filter = (!filter.is_empty()).then(|| Filter::parse(filter).unwrap());
        for (from_ns, to_ns) in ranges(&snap) {
            let q = Query {
                from_ns,
                to_ns,
                filter: filter.clone(),
            };
            for v in views::VIEWS {
                let want = views::compute_reference(&reference, v.id, &q);
                // First look, then again (from the caches).
                for round in 0..2 {
                    let got = views::compute(&fast, v.id, &q);
                    let what = format!(
                        "{} on {} (filter {:?}, range {from_ns:?}..{to_ns:?}, round {round})",
                        v.id,
                        path.display(),
                        q.filter.as_ref().map(|f| f.to_string())
                    );
                    match (&want, &got) {
                        (Ok(a), Ok(b)) => {
                            assert_eq!(a.columns, b.columns, "{what}: columns");
                            assert_eq!(a.span_ns, b.span_ns, "{what}: span");
                            assert_eq!(a.rows.len(), b.rows.len(), "{what}: row count");
                            for (x, y) in a.rows.iter().zip(&b.rows) {
                                assert_eq!(x, y, "{what}: rows differ");
                            }
                            compared += a.rows.len();
                        }
                        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{what}"),
                        _ => panic!("{what}: one path failed: {want:?} / {got:?}"),
                    }
                }
            }
        }
    }
    compared
}

#[test]
fn fast_paths_match_the_reference_on_shared_captures() {
    let paths = captures();
    if paths.is_empty() {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    }
    let mut rows = 0;
    for p in &paths {
        // Broken captures load what they can; views run on that.
        let Ok(snap) = load_blocking(p, LoadOptions::with_chunk_events(4096)) else {
            continue;
        };
        rows += check(p, snap);
    }
    assert!(rows > 10_000, "compared only {rows} rows");
}

#[test]
fn fast_paths_match_the_reference_on_a_generated_capture() {
    let path = generated("views-fast", 60_000, 11);
    let snap = load_blocking(&path, LoadOptions::with_chunk_events(2048)).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(snap.chunks.len() > 20);
    let rows = check(&path, snap);
    assert!(rows > 1_000, "compared only {rows} rows");
}

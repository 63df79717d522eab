//! Looks at a capture read records (payloads, parameters) from the mapped
//! file; when done with a chunk they hand its pages back, so the whole
//! file does not stay resident (the app's memory, as users see it) after
//! a look at the whole capture. Linux only: the test reads the mapping's
//! resident size from `/proc/self/smaps`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use scapscope_core::filter::{Filter, StoreFilter};
use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::views::{self, Facts, Query};

/// Resident bytes of this process's mappings of `path`, or `None` where
/// the system does not tell.
fn mapped_resident_bytes(path: &Path) -> Option<u64> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
    let name = path.to_str()?;
    let mut inside = false;
    let mut total_kb = 0;
    let mut found = false;
    for line in smaps.lines() {
        // A mapping's header starts with its address range ("a-b perms").
        let header = line.split_whitespace().next().is_some_and(|w| {
            w.contains('-') && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        });
        if header {
            inside = line.ends_with(name);
            found |= inside;
        } else if inside && let Some(v) = line.strip_prefix("Rss:") {
            total_kb += v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()?;
        }
    }
    found.then_some(total_kb * 1024)
}

#[test]
fn looks_hand_the_capture_pages_back() {
    let path = support::generated("resident", 200_000, 11);
    let file_bytes = std::fs::metadata(&path).unwrap().len();
    let snap = load_blocking(&path, LoadOptions::default()).unwrap();
    let Some(after_load) = mapped_resident_bytes(&path) else {
        std::fs::remove_file(&path).ok();
        eprintln!("skipped: /proc/self/smaps does not show the capture's mapping");
        return;
    };
    // Resident pages may remain at chunk edges and the loader's last
    // stretch; a look that kept what it read would leave about the whole
    // file (every I/O event's payload is read for the HTTP tiles).
    let bound = file_bytes / 10;
    let check = |what: &str| {
        let r = mapped_resident_bytes(&path).unwrap();
        assert!(
            r <= bound,
            "after {what}: {r} bytes of the {file_bytes}-byte capture resident \
             (after the load: {after_load})"
        );
    };
    check("the load");

    let facts = Facts::new(snap.clone());
    views::tiles::overview(&facts, &Query::default(), 60).unwrap();
    check("the overview");
    views::series::series(&facts, "http_requests", &Query::default(), 1_000_000).unwrap();
    check("a series");
    for v in views::VIEWS {
        views::compute(&facts, v.id, &Query::default()).unwrap();
        check(v.id);
    }
    let f = Filter::parse("fd.name contains etc or evt.type=read").unwrap();
    let hits = StoreFilter::compile(&f).unwrap().scan(&snap, false);
    assert!(!hits.is_empty(), "the filter matches events");
    check("a filter scan");
    let streams = scapscope_core::streams::reassemble(&snap, None);
    assert!(
        !streams.streams.is_empty(),
        "the generated capture has I/O streams"
    );
    check("stream reassembly");
    std::fs::remove_file(&path).ok();
}

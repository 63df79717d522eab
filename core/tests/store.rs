//! The columnar store: same events as the sequential reader whatever the
//! chunking, time ranges, memory budget, progress and cancellation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use scapscope_core::reader::Reader;
use scapscope_core::store::{LoadOptions, ProcDyn, Snapshot, fd_code, load, load_blocking};
use scapscope_core::synth::{SynthConfig, Target, synth};

fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/captures")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP: {} is absent", p.display());
        None
    }
}

fn generated(events: u64, seed: u64) -> PathBuf {
    support::generated("store", events, seed)
}

/// What the sequential reader says about each event.
type Expected = (
    u64,
    u64,
    u16,
    i64,
    Option<u64>,
    bool,
    Option<String>,
    Option<String>,
);

fn expected(path: &Path) -> Vec<Expected> {
    let mut r = Reader::open(path).unwrap();
    let mut v = Vec::new();
    while let Some(ev) = r.next_event() {
        v.push((
            ev.offset,
            ev.rec.ts_ns,
            ev.rec.event_type,
            ev.rec.tid,
            ev.num,
            ev.hidden,
            ev.ctx.thread.as_ref().map(|t| t.comm.to_string()),
            ev.ctx.fd.as_ref().map(|f| f.name.to_string()),
        ));
    }
    v
}

fn rows(s: &Snapshot) -> Vec<Expected> {
    (0..s.len())
        .map(|i| {
            let r = s.row(i).unwrap();
            (
                r.offset,
                r.ts_ns,
                r.event_type,
                r.tid,
                r.num,
                r.hidden,
                r.thread.map(|t| t.comm.to_string()),
                r.fd.map(|f| f.name.to_string()),
            )
        })
        .collect()
}

#[test]
fn store_matches_the_sequential_reader_on_every_real_capture() {
    let Some(dir) = shared("") else { return };
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "scap") {
            continue;
        }
        let want = expected(&p);
        // A small chunk size puts many chunk boundaries in every capture.
        let snap = load_blocking(&p, LoadOptions::with_chunk_events(777)).unwrap();
        assert!(snap.done && snap.error.is_none(), "{}", p.display());
        assert_eq!(rows(&snap), want, "{}", p.display());
        // Chunks growing from a small first one (how a default load
        // publishes its first snapshot early) resolve the same.
        let ramp = LoadOptions {
            chunk_events: 3_000,
            first_chunk_events: 100,
        };
        let snap = load_blocking(&p, ramp).unwrap();
        assert_eq!(rows(&snap), want, "{} (growing chunks)", p.display());
        for (i, c) in snap.chunks.iter().enumerate() {
            let most = (100usize << i.min(8)).min(3_000);
            assert!(
                c.len() <= most,
                "{}: chunk {i} has {}",
                p.display(),
                c.len()
            );
        }
        n += 1;
    }
    assert!(n >= 15);
}

#[test]
fn records_decode_lazily_from_the_mapping() {
    let p = generated(5_000, 3);
    let snap = load_blocking(&p, LoadOptions::default()).unwrap();
    let mut r = Reader::open(&p).unwrap();
    let mut i = 0;
    while let Some(ev) = r.next_event() {
        let rec = snap.record(i).unwrap();
        assert_eq!(rec.params(), ev.rec.params());
        i += 1;
    }
    assert_eq!(i, snap.len());
    std::fs::remove_file(&p).ok();
}

#[test]
fn gzip_captures_load_through_the_cache() {
    let Some(p) = shared("libs_curl_google.scap") else {
        return;
    };
    let snap = load_blocking(&p, LoadOptions::default()).unwrap();
    assert_eq!(rows(&snap), expected(&p));
    // The payload of an event is readable from the decompressed cache.
    let io = (0..snap.len())
        .find(|&i| snap.row(i).unwrap().len_bytes.is_some())
        .unwrap();
    assert!(snap.record(io).is_some());
}

fn brute_range(s: &Snapshot, from: u64, to: u64) -> Vec<usize> {
    (0..s.len())
        .filter(|&i| (from..to).contains(&s.row(i).unwrap().ts_ns))
        .collect()
}

#[test]
fn time_ranges_match_a_linear_scan_even_with_backward_steps() {
    let Some(p) = shared("bencer_k8s_capture.scap") else {
        return;
    };
    let snap = load_blocking(&p, LoadOptions::with_chunk_events(5_000)).unwrap();
    let ts: Vec<u64> = (0..snap.len())
        .map(|i| snap.row(i).unwrap().ts_ns)
        .collect();
    assert!(
        ts.windows(2).any(|w| w[1] < w[0]),
        "this capture has backward steps"
    );
    let (lo, hi) = (
        ts.iter().copied().filter(|&t| t > 0).min().unwrap(),
        *ts.iter().max().unwrap(),
    );
    let mut seed = 7u64;
    for _ in 0..40 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let a = lo + (seed >> 11) % (hi - lo);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let b = a + (seed >> 11) % ((hi - a) / 4 + 1);
        assert_eq!(snap.range(a, b), brute_range(&snap, a, b), "[{a}, {b})");
    }
    // Exact boundaries: an event's own timestamp is inside, the next ns out.
    let t = ts[ts.len() / 2];
    assert!(snap.range(t, t + 1).contains(&(ts.len() / 2)));
    assert_eq!(snap.range(t, t), Vec::<usize>::new());
}

#[test]
fn nanosecond_spaced_events_are_addressable_one_by_one() {
    let p = std::env::temp_dir().join(format!("scapscope-ns-{}.scap", std::process::id()));
    let cfg = SynthConfig {
        seed: 5,
        target: Target::Events(3_000),
        spacing_ns: Some(1),
        ..Default::default()
    };
    synth(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&p).unwrap()),
    )
    .unwrap();
    let snap = load_blocking(&p, LoadOptions::with_chunk_events(1_000)).unwrap();
    std::fs::remove_file(&p).ok();
    let last = snap.row(snap.len() - 1).unwrap().ts_ns;
    assert_eq!(snap.range(last, last + 1), vec![snap.len() - 1]);
    assert_eq!(snap.range(last - 1, last + 1).len(), 2);
}

#[test]
fn heap_per_event_stays_within_budget() {
    // Budget: 32 bytes of heap per event on average, mapped file excluded.
    let synthetic = generated(300_000, 9);
    let mut paths = vec![synthetic.clone()];
    if let Some(p) = shared("derived/bencer_k8s_capture.uncompressed.scap") {
        paths.push(p);
    }
    let mut over = Vec::new();
    for p in &paths {
        let snap = load_blocking(p, LoadOptions::default()).unwrap();
        let per_event = snap.heap_bytes() as f64 / snap.len() as f64;
        println!(
            "{}: {} events, {:.1} heap bytes/event ({} thread versions, {} fd versions, \
             entities {} B)",
            p.display(),
            snap.len(),
            per_event,
            snap.entities.threads.len(),
            snap.entities.fds.len(),
            snap.entities.heap_bytes()
        );
        if per_event > 32.0 {
            over.push(format!("{}: {per_event:.1} B/event", p.display()));
        }
    }
    std::fs::remove_file(&synthetic).ok();
    assert!(over.is_empty(), "{over:?}");
}

#[test]
fn snapshots_grow_while_loading_and_progress_reaches_done() {
    let p = generated(200_000, 4);
    let h = load(&p, LoadOptions::with_chunk_events(10_000));
    let mut sizes = Vec::new();
    loop {
        let s = h.snapshot();
        sizes.push(s.len());
        if s.done {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(
        sizes.windows(2).all(|w| w[0] <= w[1]),
        "snapshots never shrink"
    );
    let last = h.progress();
    assert_eq!(last.events, *sizes.last().unwrap() as u64);
    assert_eq!(last.bytes_done, last.bytes_total.unwrap());
    assert!(h.progress_reports().try_iter().count() > 0);
    drop(h);
    std::fs::remove_file(&p).ok();
}

#[test]
fn cancel_stops_the_load_and_frees_it() {
    let p = generated(400_000, 8);
    let h = load(&p, LoadOptions::with_chunk_events(2_000));
    std::thread::sleep(std::time::Duration::from_millis(5));
    h.cancel();
    let snap: Arc<Snapshot> = h.wait();
    assert!(
        !snap.done || snap.len() < 400_000,
        "cancelled before the end"
    );
    std::fs::remove_file(&p).ok();
}

#[test]
fn truncated_capture_loads_what_it_can_with_the_error() {
    let p = generated(20_000, 2);
    let bytes = std::fs::read(&p).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let snap = load_blocking(&p, LoadOptions::with_chunk_events(3_000)).unwrap();
    std::fs::remove_file(&p).ok();
    assert!(snap.done);
    assert!(snap.len() > 10_000);
    assert!(
        snap.error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("truncated")
    );
}

/// What the fields show of an fd (the parser's internal flag bits aside).
type FdShown = (
    Option<i64>,
    Option<(
        scapscope_core::state::FdKind,
        String,
        u32,
        u64,
        u32,
        scapscope_core::state::Sock,
        scapscope_core::state::Role,
        bool,
    )>,
);

fn fd_shown(num: Option<i64>, f: Option<&scapscope_core::state::Fd>) -> FdShown {
    (
        num,
        f.map(|f| {
            (
                f.kind,
                f.name.to_string(),
                f.open_flags,
                f.ino,
                f.dev,
                f.sock(),
                f.role,
                f.connected,
            )
        }),
    )
}

/// Everything the store keeps about one event that comes from the state
/// engine, as the full sequential reader computes it.
#[derive(Debug, PartialEq)]
struct Resolved {
    offset: u64,
    ts_ns: u64,
    event_type: u16,
    cpu: u16,
    tid: i64,
    num: Option<u64>,
    hidden: bool,
    thread: Option<scapscope_core::state::Thread>,
    fd: FdShown,
    event_fd: bool,
    /// What `proc.*` dynamic fields read after the event (`None` without a
    /// thread).
    proc: Option<ProcDyn>,
}

fn reader_resolved(path: &Path) -> Vec<Resolved> {
    let mut r = Reader::open(path).unwrap();
    let mut v = Vec::new();
    while let Some(ev) = r.next_event() {
        let st = ev.state;
        let proc = ev
            .ctx
            .thread
            .as_deref()
            .map(|t| match st.main_thread_of(t) {
                Some(m) => {
                    let d = st.thread_dyn(m.tid);
                    ProcDyn {
                        main_known: true,
                        ptid: m.ptid,
                        nthreads: m.nchilds + 1,
                        vmsize_kb: d.map_or(0, |d| d.vmsize_kb),
                        vmrss_kb: d.map_or(0, |d| d.vmrss_kb),
                        fd_open: st.fd_tables.get(&m.tid).map_or(0, |t| t.len() as u64),
                        fd_limit: m.fdlimit,
                    }
                }
                None => ProcDyn::default(),
            });
        v.push(Resolved {
            offset: ev.offset,
            ts_ns: ev.rec.ts_ns,
            event_type: ev.rec.event_type,
            cpu: ev.rec.cpu,
            tid: ev.rec.tid,
            num: ev.num,
            hidden: ev.hidden,
            thread: ev.ctx.thread.as_deref().cloned(),
            fd: fd_shown(ev.ctx.fd_num, ev.ctx.fd.as_deref()),
            event_fd: ev.ctx.fd_from_event,
            proc,
        });
    }
    v
}

/// The same from the store, the per-process values replayed from the
/// chunks' compact logs (2-bit fd count codes, memory log, full log).
fn store_resolved(s: &Snapshot) -> Vec<Resolved> {
    let mut last: std::collections::HashMap<i64, ProcDyn> = Default::default();
    let mut v = Vec::new();
    for (ci, c) in s.chunks.iter().enumerate() {
        let start = s.chunk_starts()[ci];
        for j in 0..c.len() {
            let r = s.row(start + j).unwrap();
            let proc = r.thread.map(|t| {
                let code = c.proc_fd_code(j);
                let logged = c.proc_dyn.iter().find(|e| e.j as usize == j);
                let mut p = if code == fd_code::LOGGED {
                    let e = logged.expect("a logged event has a log entry");
                    assert_eq!(e.pid, t.pid);
                    e.value
                } else {
                    assert!(logged.is_none());
                    let mut p = last.get(&t.pid).copied().expect("seen before");
                    match code {
                        fd_code::UP => p.fd_open += 1,
                        fd_code::DOWN => p.fd_open -= 1,
                        _ => {}
                    }
                    p
                };
                if let Some(vm) = c.proc_vm.iter().find(|e| e.j as usize == j) {
                    p.vmsize_kb = vm.vmsize_kb;
                    p.vmrss_kb = vm.vmrss_kb;
                }
                last.insert(t.pid, p);
                p
            });
            v.push(Resolved {
                offset: r.offset,
                ts_ns: r.ts_ns,
                event_type: r.event_type,
                cpu: r.cpu,
                tid: r.tid,
                num: r.num,
                hidden: r.hidden,
                thread: r.thread.cloned(),
                fd: fd_shown(r.fd_num, r.fd),
                event_fd: c.has_event_fd(j),
                proc,
            });
        }
    }
    v
}

fn assert_same_resolution(path: &Path, chunk_events: usize) {
    let want = reader_resolved(path);
    let snap = load_blocking(path, LoadOptions::with_chunk_events(chunk_events)).unwrap();
    assert!(snap.done, "{}", path.display());
    let got = store_resolved(&snap);
    assert_eq!(got.len(), want.len(), "{}: event count", path.display());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "{}: event {i}", path.display());
    }
}

#[test]
fn store_resolves_every_event_like_the_full_reader() {
    // Real captures (the derived ones too: rewritten and filtered files),
    // each with chunk boundaries in odd places.
    let mut n = 0;
    if let Some(dir) = shared("") {
        for sub in [dir.clone(), dir.join("derived")] {
            for e in std::fs::read_dir(&sub).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_none_or(|x| x != "scap")
                    || p.to_string_lossy().contains("BROKEN")
                {
                    continue;
                }
                assert_same_resolution(&p, 1_000 + n * 37);
                n += 1;
            }
        }
        assert!(n >= 18, "{n} captures");
    }
    // Generated ones: process trees, short-lived connections, exits.
    for seed in [1, 6, 11] {
        let p = generated(60_000, seed);
        assert_same_resolution(&p, 4_093);
        assert_same_resolution(&p, 65_536);
        std::fs::remove_file(&p).ok();
    }
}

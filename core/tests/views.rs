//! Views against csysdig 0.29.3, drill-down filters, and time-range slicing
//! at chunk boundaries.
//!
//! The compat test runs `csysdig -r FILE -j -v VIEW` on every shared
//! capture csysdig reads and compares row keys and numeric columns (and
//! times) with [`views::compute`]. Agreement per view is the share of rows
//! (keys of either side) whose key is on both sides with every compared
//! column equal; each view has a floor that only goes up.
//! `docs/sysdig-compat/views.md` explains what is compared and what is not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use scapscope_core::filter::Filter;
use scapscope_core::schema::{self, event_flags};
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::views::{self, Facts, Query, Table, Value};

/// (view, minimum agreement in percent over all captures).
const FLOORS: &[(&str, f64)] = &[
    ("procs", 100.0),
    ("threads", 100.0),
    ("containers", 100.0),
    ("files", 100.0),
    ("directories", 100.0),
    ("connections", 100.0),
    ("syscalls", 100.0),
    ("errors", 100.0),
    ("io_by_type", 100.0),
    ("file_opens", 100.0),
    ("port_bindings", 100.0),
    ("procs_fd_usage", 100.0),
    ("procs_errors", 100.0),
    ("sports", 100.0),
    ("incoming_connections", 100.0),
    ("spy_users", 100.0),
];

fn captures_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
    d.is_dir().then_some(d)
}

/// Every capture csysdig reads (the deliberately broken rewrite is left
/// out: csysdig refuses it).
fn captures(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("derived")] {
        let Ok(rd) = std::fs::read_dir(&sub) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".scap") && !name.contains("BROKEN") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn csysdig_available() -> bool {
    Command::new("csysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn load(path: &Path, chunk_events: usize) -> Arc<Snapshot> {
    load_blocking(path, LoadOptions::with_chunk_events(chunk_events)).expect("capture loads")
}

/// csysdig's rows (key → values) and legend (name, type).
struct Theirs {
    rows: BTreeMap<String, Vec<serde_json::Value>>,
    legend: Vec<(String, String)>,
}

fn csysdig(path: &Path, view: &str) -> Theirs {
    let o = Command::new("csysdig")
        .env("TZ", "UTC")
        .arg("-r")
        .arg(path)
        .args(["-j", "-v", view])
        .output()
        .expect("csysdig runs");
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("csysdig prints JSON");
    let last = j["slices"].as_array().unwrap().last().unwrap().clone();
    let rows = last["data"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|r| {
                    (
                        r["k"].as_str().unwrap().to_string(),
                        r["d"].as_array().unwrap().clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let legend = last["info"]["legend"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|c| {
                    (
                        c["name"].as_str().unwrap().to_string(),
                        c["type"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Theirs { rows, legend }
}

/// libsinsp's `format_time` (how csysdig prints durations).
fn format_time(v: u64) -> String {
    const S: u64 = 1_000_000_000;
    if v >= 3600 * S {
        format!(
            "{:02}:{:02}:{:02}",
            v / (3600 * S),
            (v / (60 * S)) % 60,
            (v / S) % 60
        )
    } else if v >= 60 * S {
        format!("{}:{}", v / (60 * S), (v / S) % 60)
    } else if v >= S {
        format!("{}.{:02}s", v / S, (v % S) / 10_000_000)
    } else if v >= S / 100 {
        format!("{}ms", v / (S / 1000))
    } else if v >= S / 1000 {
        format!("{}.{:02}ms", v / (S / 1000), (v % 1_000_000) / 10_000)
    } else if v >= S / 100_000 {
        format!("{}us", v / (S / 1_000_000))
    } else if v >= S / 1_000_000 {
        format!("{}.{:02}us", v / (S / 1_000_000), (v % 1000) / 10)
    } else {
        format!("{v}ns")
    }
}

/// `evt.time` in UTC.
fn evt_time(ts: u64) -> String {
    let s = ts / 1_000_000_000;
    let d = s % 86_400;
    format!(
        "{:02}:{:02}:{:02}.{:09}",
        d / 3600,
        (d % 3600) / 60,
        d % 60,
        ts % 1_000_000_000
    )
}

/// Whether one compared cell agrees. Text columns are not compared
/// (csysdig's numbers and keys are what the issue asks for), except
/// `TIME`, which csysdig prints as text.
fn cell_agrees(name: &str, ty: &str, theirs: &serde_json::Value, ours: &Value) -> Option<bool> {
    Some(match ty {
        // csysdig prints IPADDR columns from the wrong union member.
        "IPADDR" => return None,
        "CHARBUF" if name == "TIME" => match ours {
            Value::Timestamp(ts) => theirs.as_str() == Some(evt_time(*ts).as_str()),
            _ => false,
        },
        "CHARBUF" => return None,
        "RELTIME" => match ours {
            Value::Duration(d) => theirs.as_str().map(str::trim) == Some(format_time(*d).as_str()),
            _ => false,
        },
        "DOUBLE" => match (theirs.as_f64(), ours.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
            _ => false,
        },
        _ => match (theirs, ours) {
            (serde_json::Value::Number(n), Value::Int(v)) => n.as_i64() == Some(*v),
            (serde_json::Value::Number(n), Value::Uint(v)) => n.as_u64() == Some(*v),
            _ => false,
        },
    })
}

/// (rows agreeing, rows on either side, first differences).
fn compare(theirs: &Theirs, ours: &Table) -> (usize, usize, Vec<String>) {
    let ours_rows: HashMap<&str, &Vec<Value>> = ours
        .rows
        .iter()
        .map(|r| (r.key.as_str(), &r.values))
        .collect();
    let mut good = 0;
    let mut diffs = Vec::new();
    for (k, d) in &theirs.rows {
        let Some(o) = ours_rows.get(k.as_str()) else {
            diffs.push(format!("row {k:?} missing"));
            continue;
        };
        let mut ok = true;
        for (c, (name, ty)) in theirs.legend.iter().enumerate() {
            if cell_agrees(name, ty, &d[c], &o[c]) == Some(false) {
                ok = false;
                diffs.push(format!("{k:?} {name}: csysdig {} ours {:?}", d[c], o[c]));
            }
        }
        good += usize::from(ok);
    }
    let extra = ours
        .rows
        .iter()
        .filter(|r| !theirs.rows.contains_key(&r.key))
        .count();
    if extra > 0 {
        diffs.push(format!("{extra} rows csysdig does not have"));
    }
    (good, theirs.rows.len() + extra, diffs)
}

fn compare_all(paths: &[PathBuf]) -> BTreeMap<&'static str, (usize, usize, Vec<String>)> {
    let mut per_view: BTreeMap<&'static str, (usize, usize, Vec<String>)> = BTreeMap::new();
    for path in paths {
        let facts = Facts::new(load(path, scapscope_core::store::CHUNK_EVENTS));
        for &(view, _) in FLOORS {
            let theirs = csysdig(path, view);
            let ours = views::compute(&facts, view, &Query::default()).expect("view computes");
            let names: Vec<&str> = ours.columns.iter().map(|c| c.name).collect();
            let legend: Vec<&str> = theirs.legend.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, legend, "{view}: columns differ from csysdig's");
            let (good, total, diffs) = compare(&theirs, &ours);
            let e = per_view.entry(view).or_default();
            e.0 += good;
            e.1 += total;
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            e.2.extend(diffs.into_iter().take(3).map(|d| format!("{name}: {d}")));
        }
    }
    per_view
}

fn check_floors(per_view: &BTreeMap<&'static str, (usize, usize, Vec<String>)>) {
    let mut failures = Vec::new();
    println!(
        "{:<22} {:>8} {:>8} {:>9}",
        "view", "rows", "agree", "agree%"
    );
    for &(view, floor) in FLOORS {
        let (good, total, diffs) = &per_view[view];
        let pct = if *total == 0 {
            100.0
        } else {
            100.0 * *good as f64 / *total as f64
        };
        println!("{view:<22} {total:>8} {good:>8} {pct:>8.3}%");
        for d in diffs.iter().take(5) {
            println!("    {d}");
        }
        if pct + 1e-9 < floor {
            failures.push(format!("{view}: {pct:.3}% < floor {floor}%"));
        }
    }
    assert!(failures.is_empty(), "agreement dropped: {failures:#?}");
}

#[test]
fn views_agree_with_csysdig_on_real_captures() {
    let Some(dir) = captures_dir() else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    if !csysdig_available() {
        eprintln!("SKIP: csysdig is not installed (apt-get install sysdig)");
        return;
    }
    let per_view = compare_all(&captures(&dir));
    // Every view has rows somewhere, so the comparison compares something.
    for &(view, _) in FLOORS {
        assert!(per_view[view].1 > 0, "{view}: no rows on any capture");
    }
    check_floors(&per_view);
}

#[test]
fn views_agree_with_csysdig_on_a_generated_capture() {
    if !csysdig_available() {
        eprintln!("SKIP: csysdig is not installed (apt-get install sysdig)");
        return;
    }
    use scapscope_core::synth::{SynthConfig, Target, synth};
    let path = std::env::temp_dir().join(format!("scapscope-views-{}.scap", std::process::id()));
    // Long enough (over 2 s of capture) for synth's once-a-second
    // procinfo rounds, so CPU% is compared on non-zero values.
    let cfg = SynthConfig {
        seed: 5,
        target: Target::Events(150_000),
        ..Default::default()
    };
    let f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let summary = synth(&cfg, f).unwrap();
    let facts = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
    let procs = views::compute(&facts, "procs", &Query::default()).unwrap();
    let cpu = col(&procs, "CPU");
    assert!(
        procs
            .rows
            .iter()
            .any(|r| matches!(r.values[cpu], Value::Float(x) if x > 0.0)),
        "procinfo rounds give CPU% (capture of {} events)",
        summary.events
    );
    let per_view = compare_all(std::slice::from_ref(&path));
    std::fs::remove_file(&path).ok();
    check_floors(&per_view);
}

fn shared(name: &str) -> Option<PathBuf> {
    let p = captures_dir()?.join(name);
    p.is_file().then_some(p)
}

fn col(t: &Table, name: &str) -> usize {
    t.column(name).unwrap_or_else(|| panic!("no column {name}"))
}

fn uint(v: &Value) -> u64 {
    match v {
        Value::Uint(x) => *x,
        other => panic!("not a uint: {other:?}"),
    }
}

#[test]
fn a_repeated_look_shares_the_kept_table() {
    let Some(path) = shared("workshop_example2_502error.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let facts = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
    let q = Query::default();
    let first = views::compute_shared(&facts, "procs", &q).unwrap();
    let again = views::compute_shared(&facts, "procs", &q).unwrap();
    assert!(Arc::ptr_eq(&first, &again), "the kept table, not a copy");
    assert!(!first.rows.is_empty());
    // The copying call gives the same table; another range is another
    // table.
    assert_eq!(views::compute(&facts, "procs", &q).unwrap(), *first);
    let part = Query {
        to_ns: Some(first.span_ns.0 + 1),
        ..Query::default()
    };
    let other = views::compute_shared(&facts, "procs", &part).unwrap();
    assert!(!Arc::ptr_eq(&first, &other));
}

#[test]
fn drill_down_from_a_process_selects_its_threads() {
    let Some(path) = shared("workshop_example2_502error.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let facts = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
    let procs = views::compute(&facts, "procs", &Query::default()).unwrap();
    // The process with the most network bytes.
    let net = col(&procs, "NET");
    let row = procs
        .rows
        .iter()
        .max_by_key(|r| uint(&r.values[net]))
        .unwrap();
    assert!(uint(&row.values[net]) > 0);
    let pid = &row.key;
    let dd = views::drill_down("procs", row, None).expect("procs rows drill down");
    assert_eq!(dd.view, "threads");
    assert_eq!(dd.key_filter.to_string(), format!("proc.pid={pid}"));
    assert_eq!(
        dd.filter.to_string(),
        format!("evt.type!=switch and proc.pid={pid}")
    );
    // The filter text round-trips through the parser (breadcrumbs).
    assert_eq!(Filter::parse(&dd.filter.to_string()).unwrap(), dd.filter);
    let threads = views::compute(
        &facts,
        dd.view,
        &Query {
            filter: Some(dd.filter.clone()),
            ..Query::default()
        },
    )
    .unwrap();
    assert!(!threads.rows.is_empty());
    let tpid = col(&threads, "PID");
    for r in &threads.rows {
        assert_eq!(r.values[tpid], Value::Int(pid.parse().unwrap()));
    }
    // The process's bytes are its threads' bytes.
    let tnet = col(&threads, "NET");
    let sum: u64 = threads.rows.iter().map(|r| uint(&r.values[tnet])).sum();
    assert_eq!(sum, uint(&row.values[net]));
    // Its thread count is the number of thread rows (all alive at the end).
    let th = col(&procs, "TH");
    assert_eq!(uint(&row.values[th]), threads.rows.len() as u64);
}

#[test]
fn drill_down_filters_select_what_their_row_counts() {
    let Some(path) = shared("bencer_k8s_capture.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let facts = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
    // files → procs: the file's operations are the processes' events on it.
    let files = views::compute(&facts, "files", &Query::default()).unwrap();
    let ops = col(&files, "OPS");
    let bin = col(&files, "BYTES IN");
    let row = files
        .rows
        .iter()
        .find(|r| uint(&r.values[bin]) > 0)
        .expect("a file was read");
    let dd = views::drill_down("files", row, None).unwrap();
    assert_eq!(dd.view, "procs");
    assert!(dd.key_filter.to_string().starts_with("fd.name="));
    let again = views::compute(
        &facts,
        "files",
        &Query {
            filter: Some(dd.filter.clone()),
            ..Query::default()
        },
    )
    .unwrap();
    assert_eq!(
        again.rows.len(),
        1,
        "the drill filter selects that file only"
    );
    assert_eq!(again.rows[0].values[ops], row.values[ops]);
    assert_eq!(again.rows[0].values[bin], row.values[bin]);
    let procs = views::compute(
        &facts,
        "procs",
        &Query {
            filter: Some(dd.filter),
            ..Query::default()
        },
    )
    .unwrap();
    let file = col(&procs, "FILE");
    let read: u64 = procs.rows.iter().map(|r| uint(&r.values[file])).sum();
    let bout = col(&files, "BYTES OUT");
    assert_eq!(read, uint(&row.values[bin]) + uint(&row.values[bout]));

    // errors → procs_errors: an errno drills into the processes that got it.
    let errors = views::compute(&facts, "errors", &Query::default()).unwrap();
    let count = col(&errors, "COUNT");
    let row = &errors.rows[0];
    let dd = views::drill_down("errors", row, None).unwrap();
    assert_eq!(dd.view, "procs_errors");
    assert_eq!(dd.key_filter.to_string(), format!("evt.res={}", row.key));
    let again = views::compute(
        &facts,
        "errors",
        &Query {
            filter: Some(dd.key_filter.clone()),
            ..Query::default()
        },
    )
    .unwrap();
    assert_eq!(again.rows.len(), 1);
    assert_eq!(again.rows[0].values[count], row.values[count]);

    // syscalls: evt.type keys.
    let sc = views::compute(&facts, "syscalls", &Query::default()).unwrap();
    let calls = col(&sc, "CALLS/S");
    let row = &sc.rows[0];
    let dd = views::drill_down("syscalls", row, None).unwrap();
    assert_eq!(dd.key_filter.to_string(), format!("evt.type={}", row.key));
    let again = views::compute(
        &facts,
        "syscalls",
        &Query {
            filter: Some(dd.key_filter),
            ..Query::default()
        },
    )
    .unwrap();
    assert_eq!(again.rows.len(), 1);
    assert_eq!(again.rows[0].values[calls], row.values[calls]);

    // Lists have no drill-down.
    let opens = views::compute(&facts, "file_opens", &Query::default()).unwrap();
    assert!(
        opens
            .rows
            .first()
            .is_none_or(|r| views::drill_down("file_opens", r, None).is_none())
    );
}

/// Event counts per type from a view, as a map.
fn calls(t: &Table) -> BTreeMap<String, u64> {
    let c = col(t, "CALLS/S");
    t.rows
        .iter()
        .map(|r| (r.key.clone(), uint(&r.values[c])))
        .collect()
}

/// Adds two maps of counts.
fn plus(a: &BTreeMap<String, u64>, b: &BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    let mut out = a.clone();
    for (k, v) in b {
        *out.entry(k.clone()).or_default() += v;
    }
    out
}

#[test]
fn time_ranges_slice_exactly_at_chunk_boundaries() {
    let Some(path) = shared("bencer_k8s_capture.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    // Small chunks: the capture spans many, and range edges fall on them.
    let small = load(&path, 4096);
    let big = load(&path, scapscope_core::store::CHUNK_EVENTS);
    assert!(small.chunks.len() > 20);
    let fs = Facts::new(small.clone());
    let fb = Facts::new(big);
    // Chunking does not change any view.
    for id in [
        "procs",
        "files",
        "syscalls",
        "io_by_type",
        "connections",
        "errors",
    ] {
        let a = views::compute(&fs, id, &Query::default()).unwrap();
        let b = views::compute(&fb, id, &Query::default()).unwrap();
        assert_eq!(a.rows, b.rows, "{id} depends on chunking");
    }
    let all = calls(&views::compute(&fs, "syscalls", &Query::default()).unwrap());
    // Cut at the first event of chunks (and one ns around it).
    let lo = small.chunks[0].summary.min_ts_ns;
    for ci in [1, 5, small.chunks.len() / 2, small.chunks.len() - 1] {
        let edge = small.chunks[ci].ts_ns(0);
        for cut in [edge - 1, edge, edge + 1] {
            let q = |from: Option<u64>, to: Option<u64>| Query {
                from_ns: from,
                to_ns: to,
                filter: None,
            };
            let before = calls(&views::compute(&fs, "syscalls", &q(None, Some(cut))).unwrap());
            let after = calls(&views::compute(&fs, "syscalls", &q(Some(cut), None)).unwrap());
            assert_eq!(
                plus(&before, &after),
                all,
                "split at {cut} loses or doubles events"
            );
            // And the first side counts exactly the system call events
            // before the cut (`syscall.type exists`: no scheduler or
            // internal events).
            let expect = (0..small.len())
                .filter_map(|i| small.row(i))
                .filter(|r| r.ts_ns < cut && !r.hidden && r.event_type != 152)
                .filter(|r| schema::compat_flags(r.event_type) & event_flags::SKIPPARSERESET == 0)
                .count() as u64;
            let got: u64 = before.values().sum();
            assert_eq!(got, expect, "system call events before {cut}");
            assert!(got > 0 || cut <= lo);
        }
    }
}

/// `proc.fdopencount` as the reader's state engine gives it, maximum per
/// process over the events of `[from_ns, to_ns)` csysdig's procs views see.
fn reference_fd_open(path: &Path, from_ns: u64, to_ns: u64) -> BTreeMap<String, u64> {
    use scapscope_core::fields::{Field, FieldEnv, eval};
    let fopen = Field::parse("proc.fdopencount").unwrap();
    let fpid = Field::parse("proc.pid").unwrap();
    let env = FieldEnv::default();
    let mut r = scapscope_core::reader::Reader::open(path).unwrap();
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    while let Some(ev) = r.next_event() {
        let t = ev.rec.event_type;
        let name = scapscope_core::render::sysdig_event_name(t);
        let seen = !ev.hidden || name == "procinfo";
        if !seen || name == "switch" || ev.rec.ts_ns < from_ns || ev.rec.ts_ns >= to_ns {
            continue;
        }
        let (Some(pid), Some(open)) = (eval(&fpid, &ev, &env), eval(&fopen, &ev, &env)) else {
            continue;
        };
        let open: u64 = open.parse().unwrap();
        let e = out.entry(pid).or_default();
        *e = (*e).max(open);
    }
    out
}

#[test]
fn per_process_values_follow_the_state_engine_in_any_range() {
    let Some(path) = shared("bencer_k8s_capture.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let snap = load(&path, 2048);
    let facts = Facts::new(snap.clone());
    let first = snap.chunks[0].summary.min_ts_ns;
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap();
    let span = last - first;
    for (a, b) in [(0.1, 0.2), (0.33, 0.71), (0.0, 0.5), (0.9, 0.95)] {
        let from = first + (span as f64 * a) as u64;
        let to = first + (span as f64 * b) as u64;
        let t = views::compute(
            &facts,
            "procs_fd_usage",
            &Query {
                from_ns: Some(from),
                to_ns: Some(to),
                filter: None,
            },
        )
        .unwrap();
        let open = col(&t, "OPEN");
        let ours: BTreeMap<String, u64> = t
            .rows
            .iter()
            .map(|r| (r.key.clone(), uint(&r.values[open])))
            .collect();
        let theirs = reference_fd_open(&path, from, to);
        assert!(!theirs.is_empty());
        assert_eq!(ours, theirs, "OPEN per process in [{from}, {to})");
    }
}

/// Tiles whose definition is Sysdig Inspect's, by Inspect's name (ours
/// when renamed): their totals must equal its `wsysdig_summary` chisel's.
const SAME_AS_INSPECT: &[(&str, &str)] = &[
    ("File Bytes In+Out", "File Bytes In+Out"),
    ("File Bytes In", "File Bytes In"),
    ("File Bytes Out", "File Bytes Out"),
    ("Accessed Files", "Accessed Files"),
    ("Modified Files", "Modified Files"),
    ("Net Bytes In+Out", "Net Bytes In+Out"),
    ("Net Bytes In", "Net Bytes In"),
    ("Net Bytes Out", "Net Bytes Out"),
    ("Active Network Connections", "Active Network Connections"),
    ("Listening Ports", "Listening Ports"),
    ("New Listening Ports", "New Listening Ports"),
    ("Executed Commands", "Executed Commands"),
    (
        "Executed Interactive Commands",
        "Executed Interactive Commands",
    ),
    ("Modified System Files", "Modified System Files"),
    ("Deleted Files", "Deleted Files"),
    ("Received Signals", "Received Signals"),
    ("Slow File I/O calls (1ms+)", "Slow File I/O calls (1ms+)"),
    ("Slow File I/O calls (10ms+)", "Slow File I/O calls (10ms+)"),
    (
        "Slow File I/O calls (100ms+)",
        "Slow File I/O calls (100ms+)",
    ),
    ("App Log Messages", "App Log Messages"),
    ("HTTP Bytes", "HTTP Bytes"),
    ("DNS Bytes", "DNS Bytes"),
    ("SSH Bytes", "SSH Bytes"),
    ("etcd Bytes", "etcd Bytes"),
    // Inspect's "requests" are buffers starting with "HTTP/": responses.
    ("HTTP Requests", "HTTP Responses"),
];

fn inspect_summary(path: &Path) -> Option<HashMap<String, u64>> {
    let o = Command::new("sysdig")
        .env("TZ", "UTC")
        .arg("-r")
        .arg(path)
        .args(["-c", "wsysdig_summary", "40"])
        .output()
        .ok()?;
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
    let data = &j["slices"].as_array()?.last()?["data"];
    Some(
        data["metrics"]
            .as_array()?
            .iter()
            .filter_map(|m| Some((m["name"].as_str()?.to_string(), m["data"]["tot"].as_u64()?)))
            .collect(),
    )
}

#[test]
fn tiles_agree_with_sysdig_inspect_where_their_definitions_do() {
    let Some(dir) = captures_dir() else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    if !csysdig_available() {
        eprintln!("SKIP: sysdig is not installed (apt-get install sysdig)");
        return;
    }
    let mut compared = 0;
    let mut failures = Vec::new();
    for path in captures(&dir) {
        if path.to_string_lossy().contains("derived") {
            continue;
        }
        let Some(theirs) = inspect_summary(&path) else {
            continue;
        };
        let facts = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
        let o = views::tiles::overview(&facts, &Query::default(), 40).unwrap();
        let ours: HashMap<String, u64> = o
            .tiles
            .iter()
            .map(|t| (t.def.name.clone(), t.total))
            .collect();
        for &(inspect, mine) in SAME_AS_INSPECT {
            let a = theirs.get(inspect).copied().unwrap_or(0);
            let b = ours.get(mine).copied().unwrap_or(0);
            compared += usize::from(a != 0);
            if a != b {
                failures.push(format!("{}: {mine}: Inspect {a}, ours {b}", path.display()));
            }
        }
        // Every tile's series adds up to its total (sums) or stays within
        // it (distinct counts).
        for t in &o.tiles {
            let s: u64 = t.series.iter().sum();
            match t.def.metric.kind() {
                views::metrics::MetricKind::Sum => assert_eq!(s, t.total, "{}", t.def.name),
                _ => assert!(t.series.iter().all(|&v| v <= t.total), "{}", t.def.name),
            }
        }
        // Running Processes counts what the procs view lists (but for the
        // made-up thread of container events, pid -1).
        let procs = views::compute(&facts, "procs", &Query::default()).unwrap();
        let listed = procs
            .rows
            .iter()
            .filter(|r| !r.key.starts_with('-'))
            .count();
        let running = o
            .tiles
            .iter()
            .find(|t| t.def.name == "Running Processes")
            .unwrap();
        assert_eq!(running.total, listed as u64, "{}", path.display());
    }
    assert!(compared > 30, "only {compared} non-zero tiles compared");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn series_buckets_partition_the_range_at_any_width() {
    let Some(path) = shared("workshop_example2_502error.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    use views::series::series;
    let small = Facts::new(load(&path, 512));
    let big = Facts::new(load(&path, scapscope_core::store::CHUNK_EVENTS));
    let snap = small.snapshot().clone();
    let first = snap.chunks[0].summary.min_ts_ns;
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap();
    let all = Query::default();
    for metric in [
        "events",
        "system_calls",
        "net_bytes",
        "file_bytes_in",
        "errors",
        "new_inbound_connections",
    ] {
        let total = series(&big, metric, &all, u64::MAX / 4).unwrap();
        assert_eq!(total.values.len(), 1);
        assert!(total.total > 0, "{metric} is never counted");
        for bucket in [1_000_000_000, 77_777_777, 1_000_003] {
            let a = series(&small, metric, &all, bucket).unwrap();
            let b = series(&big, metric, &all, bucket).unwrap();
            assert_eq!(a, b, "{metric}: chunking changes the series");
            assert_eq!(
                a.values.iter().sum::<u64>(),
                total.total,
                "{metric} @ {bucket}"
            );
            assert_eq!(a.values.len() as u64, (last + 1 - first).div_ceil(bucket));
            // The chunk-summary path gives what the per-event path gives: a
            // filter that matches every event forces the latter.
            let every = Query {
                filter: Some(Filter::parse("evt.num>=0 or not evt.num>=0").unwrap()),
                ..Query::default()
            };
            let c = series(&small, metric, &every, bucket).unwrap();
            assert_eq!(
                c.values, a.values,
                "{metric} @ {bucket}: summaries differ from events"
            );
        }
    }
    // 1 ns buckets over a narrow range: each bucket holds the events of
    // that nanosecond.
    let mid = snap.row(snap.len() / 2).unwrap().ts_ns - 1_000_000;
    let q = Query {
        from_ns: Some(mid),
        to_ns: Some(mid + 5_000_000),
        filter: None,
    };
    let s = series(&small, "events", &q, 1).unwrap();
    assert_eq!(s.values.len(), 5_000_000);
    let mut expect = vec![0u64; 5_000_000];
    for i in 0..snap.len() {
        let ts = snap.row(i).unwrap().ts_ns;
        if (mid..mid + 5_000_000).contains(&ts) {
            expect[(ts - mid) as usize] += 1;
        }
    }
    assert!(expect.iter().sum::<u64>() > 0);
    assert_eq!(s.values, expect);
    // Too many buckets is an error, not an allocation of the world.
    assert!(series(&small, "events", &all, 1).is_err());
    assert!(series(&small, "events", &all, 0).is_err());
    assert!(series(&small, "no_such_metric", &all, 1000).is_err());
}

#[test]
fn process_tree_puts_children_under_their_parents() {
    let Some(path) = shared("workshop_example4_example4-1.scap") else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let facts = Facts::new(load(&path, 1024));
    let tree = views::compute(&facts, "proc_tree", &Query::default()).unwrap();
    let (pid, ppid, depth) = (col(&tree, "PID"), col(&tree, "PPID"), col(&tree, "DEPTH"));
    let mut at: HashMap<i64, (usize, u64)> = HashMap::new();
    let mut nested = 0;
    for (k, r) in tree.rows.iter().enumerate() {
        let (Value::Int(p), Value::Int(pp), Value::Uint(d)) =
            (&r.values[pid], &r.values[ppid], &r.values[depth])
        else {
            panic!("bad row {r:?}");
        };
        if let Some(&(pk, pd)) = at.get(pp).filter(|_| *d > 0) {
            // Depth first: the parent came before, one level up.
            assert!(pk < k);
            assert_eq!(*d, pd + 1, "pid {p}");
            nested += 1;
        } else {
            assert_eq!(*d, 0, "pid {p} has a parent row but is a root");
        }
        at.insert(*p, (k, *d));
    }
    assert!(nested > 5, "only {nested} processes under a parent");
    // The same processes as the procs view (but its made-up pid -1 row).
    let procs = views::compute(&facts, "procs", &Query::default()).unwrap();
    let a: std::collections::BTreeSet<String> = tree.rows.iter().map(|r| r.key.clone()).collect();
    let b: std::collections::BTreeSet<String> = procs
        .rows
        .iter()
        .map(|r| r.key.clone())
        .filter(|k| !k.starts_with('-'))
        .collect();
    assert_eq!(a, b);
    // Commands executed: one row per successful execve, as the tile counts.
    let cmds = views::compute(&facts, "commands", &Query::default()).unwrap();
    let o = views::tiles::overview(&facts, &Query::default(), 10).unwrap();
    let tile = o
        .tiles
        .iter()
        .find(|t| t.def.name == "Executed Commands")
        .unwrap();
    assert!(tile.total > 0);
    assert_eq!(cmds.rows.len() as u64, tile.total);
}

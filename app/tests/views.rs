//! `scapscope view`, `series` and `overview` end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_scapscope"));
    c.env("TZ", "UTC");
    c
}

/// The bundled demo capture (libs' sample.scap): always present.
fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo.scap")
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = bin().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

#[test]
fn view_list_names_every_view() {
    let o = bin().args(["view", "--list"]).output().unwrap();
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    for id in [
        "procs",
        "threads",
        "containers",
        "files",
        "directories",
        "connections",
        "syscalls",
        "errors",
        "io_by_type",
        "file_opens",
        "port_bindings",
        "procs_fd_usage",
        "procs_errors",
        "sports",
        "incoming_connections",
        "spy_users",
        "proc_tree",
        "commands",
    ] {
        assert!(s.lines().any(|l| l.starts_with(id)), "--list lacks {id}");
    }
    let j = json(&["view", "--list", "--json"]);
    assert!(j.as_array().unwrap().iter().any(|v| v["id"] == "procs"
        && v["drilldown"] == "threads"
        && v["drill_key"] == "proc.pid"));
}

#[test]
fn view_json_has_typed_columns_and_keyed_rows() {
    let demo = demo();
    let d = demo.to_str().unwrap();
    let j = json(&["view", "procs", d, "--json"]);
    assert_eq!(j["view"], "procs");
    let names: Vec<&str> = j["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "PID", "PPID", "CPU", "USER", "TH", "VIRT", "RES", "FILE", "NET", "Command"
        ]
    );
    assert_eq!(j["columns"][5]["unit"], "bytes");
    assert_eq!(j["columns"][0]["type"], "int");
    let rows = j["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        // csysdig's key for procs is the pid, which is also column 0.
        assert_eq!(r["key"].as_str().unwrap(), r["values"][0].to_string());
        assert_eq!(
            r["filter"],
            format!("proc.pid={}", r["key"].as_str().unwrap())
        );
    }
    // A filter narrows the rows.
    let pid = rows[0]["key"].as_str().unwrap();
    let f = json(&["view", "procs", d, &format!("proc.pid={pid}"), "--json"]);
    assert_eq!(f["rows"].as_array().unwrap().len(), 1);
}

#[test]
fn view_csv_and_text_render_the_same_rows() {
    let demo = demo();
    let d = demo.to_str().unwrap();
    let j = json(&["view", "syscalls", d, "--json"]);
    let o = bin()
        .args(["view", "syscalls", d, "--csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&o.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("key,CALLS/S,TOT TIME,AVG TIME,SYSCALL"));
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(lines.count(), rows.len());
    let o = bin().args(["view", "syscalls", d]).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.lines().next().unwrap().contains("CALLS/S"));
    assert_eq!(text.lines().count(), rows.len() + 1);
}

#[test]
fn time_range_options_narrow_the_view() {
    let demo = demo();
    let d = demo.to_str().unwrap();
    let all = json(&["view", "syscalls", d, "--json"]);
    let (from, to) = (
        all["span_ns"][0].as_u64().unwrap(),
        all["span_ns"][1].as_u64().unwrap(),
    );
    let mid = from + (to - from) / 2;
    let count = |v: &serde_json::Value| -> u64 {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["values"][0].as_u64().unwrap())
            .sum()
    };
    let a = json(&["view", "syscalls", d, "--to", &mid.to_string(), "--json"]);
    let b = json(&["view", "syscalls", d, "--from", &mid.to_string(), "--json"]);
    assert!(count(&a) > 0 && count(&b) > 0);
    assert_eq!(count(&a) + count(&b), count(&all));
}

#[test]
fn series_and_overview_print_numbers() {
    let demo = demo();
    let d = demo.to_str().unwrap();
    let s = json(&["series", "events", d, "--bucket-ns", "100000000", "--json"]);
    let values = s["values"].as_array().unwrap();
    let sum: u64 = values.iter().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(sum, s["total"].as_u64().unwrap());
    assert!(sum > 0);
    let o = bin().args(["series", "--list"]).output().unwrap();
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.lines().any(|l| l == "net_bytes_in"));
    let ov = json(&["overview", d, "--json", "--points", "10"]);
    let tiles = ov["tiles"].as_array().unwrap();
    let sc = tiles
        .iter()
        .find(|t| t["name"] == "System Calls")
        .expect("a System Calls tile");
    assert_eq!(sc["series"].as_array().unwrap().len(), 10);
    assert_eq!(sc["drill"]["view"], "syscalls");
}

#[test]
fn bad_arguments_are_reported_not_panicked() {
    let demo = demo();
    let d = demo.to_str().unwrap();
    let o = bin().args(["view", "nosuchview", d]).output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown view 'nosuchview'"));
    let o = bin()
        .args(["view", "procs", d, "proc.nme=x"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown field"));
    let o = bin()
        .args(["series", "events", d, "--bucket-ns", "0"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("bucket"));
    let o = bin()
        .args(["view", "procs", "/nonexistent.scap"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent.scap"));
}

#[test]
fn a_truncated_capture_gives_the_view_of_what_was_read() {
    let Some(src) = ({
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures/workshop_example2_502error.scap");
        p.exists().then_some(p)
    }) else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let bytes = std::fs::read(&src).unwrap();
    let cut = std::env::temp_dir().join(format!("scapscope-cut-{}.scap", std::process::id()));
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let o = bin()
        .args(["view", "syscalls", cut.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    std::fs::remove_file(&cut).ok();
    assert_eq!(o.status.code(), Some(2));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!j["rows"].as_array().unwrap().is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("the view covers the events before it"));
}

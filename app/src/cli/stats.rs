//! `scapscope stats`.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

use scapscope_core::format::blocks::{BlockKind, block_name, classify};
use scapscope_core::problems::Problem;
use scapscope_core::reader::Reader;
use scapscope_core::render;
use scapscope_core::schema::{self, ParamType, event_flags};
use serde::Serialize;

/// Arguments of `stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Capture file (raw or gzip); the bundled demo capture when omitted.
    pub file: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct EventCount {
    #[serde(rename = "type")]
    type_name: String,
    dir: &'static str,
    count: u64,
}

#[derive(Debug, Serialize)]
struct Stats {
    file: String,
    storage: &'static str,
    sections: usize,
    blocks: BTreeMap<String, u64>,
    event_blocks: u64,
    events: u64,
    events_hidden_by_sysdig: u64,
    events_by_type: Vec<EventCount>,
    first_ts_ns: Option<u64>,
    last_ts_ns: Option<u64>,
    span_ns: u64,
    threads: usize,
    processes: usize,
    containers: usize,
    payload_captured_bytes: u64,
    hostname: Option<String>,
    problems: Vec<Problem>,
    error: Option<String>,
}

/// Runs `stats`.
pub fn run(a: StatsArgs) -> anyhow::Result<ExitCode> {
    let file = a.file.unwrap_or_else(crate::demo_capture);
    let mut reader = Reader::open(&file)?;
    let mut by_type: BTreeMap<(String, &'static str), u64> = BTreeMap::new();
    let (mut first, mut last): (Option<u64>, Option<u64>) = (None, None);
    let mut tids = HashSet::new();
    let mut pids = HashSet::new();
    let mut containers = HashSet::new();
    let (mut events, mut hidden, mut payload) = (0u64, 0u64, 0u64);
    while let Some(ev) = reader.next_event() {
        events += 1;
        if ev.hidden {
            hidden += 1;
        }
        let dir = if schema::is_enter(ev.rec.event_type) {
            ">"
        } else {
            "<"
        };
        *by_type
            .entry((render::event_type_name(&ev.rec), dir))
            .or_default() += 1;
        // Metaevents are stamped 0 or at dump time; they do not bound the span.
        if ev.rec.tid != -1 && ev.rec.ts_ns != 0 {
            let ts = ev.rec.ts_ns;
            first = Some(first.map_or(ts, |f| f.min(ts)));
            last = Some(last.map_or(ts, |l| l.max(ts)));
        }
        if let Some(t) = &ev.ctx.thread {
            tids.insert(t.tid);
            pids.insert(t.pid);
            if !t.container_id.is_empty() {
                containers.insert(t.container_id.to_string());
            }
        }
        let desc = ev.rec.desc();
        if desc.flags & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD) != 0
            && !schema::is_enter(ev.rec.event_type)
        {
            for (i, p) in desc.params.iter().enumerate() {
                if p.ty == ParamType::Bytebuf && p.name == "data" {
                    payload += ev.rec.param(i).map_or(0, |b| b.len() as u64);
                }
            }
        }
    }
    containers.extend(reader.state.containers.keys().cloned());
    let mut blocks = BTreeMap::new();
    let mut event_blocks = 0;
    for (&t, &n) in &reader.block_counts {
        *blocks.entry(block_name(t)).or_default() += n;
        if matches!(classify(t), BlockKind::Event(_)) {
            event_blocks += n;
        }
    }
    let mut events_by_type: Vec<EventCount> = by_type
        .into_iter()
        .map(|((type_name, dir), count)| EventCount {
            type_name,
            dir,
            count,
        })
        .collect();
    events_by_type.sort_by(|a, b| b.count.cmp(&a.count).then(a.type_name.cmp(&b.type_name)));
    let stats = Stats {
        file: file.display().to_string(),
        storage: match reader.storage() {
            scapscope_core::source::Storage::Raw => "raw",
            scapscope_core::source::Storage::Gzip => "gzip",
        },
        sections: reader.sections.len(),
        blocks,
        event_blocks,
        events,
        events_hidden_by_sysdig: hidden,
        events_by_type,
        first_ts_ns: first,
        last_ts_ns: last,
        span_ns: match (first, last) {
            (Some(f), Some(l)) => l - f,
            _ => 0,
        },
        threads: tids.len(),
        processes: pids.len(),
        containers: containers.len(),
        payload_captured_bytes: payload,
        hostname: reader.machine.as_ref().map(|m| m.hostname.clone()),
        problems: reader.problems.iter().cloned().collect(),
        error: reader.error.as_ref().map(|e| e.to_string()),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print_text(&stats);
    }
    Ok(if stats.error.is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(s: &Stats) {
    println!("file        {} ({})", s.file, s.storage);
    if let Some(h) = &s.hostname {
        println!("host        {h}");
    }
    println!("sections    {}", s.sections);
    let blocks: Vec<String> = s.blocks.iter().map(|(k, v)| format!("{k}×{v}")).collect();
    println!("blocks      {}", blocks.join(" "));
    println!(
        "events      {} in {} event blocks ({} hidden by sysdig)",
        s.events, s.event_blocks, s.events_hidden_by_sysdig
    );
    if let (Some(f), Some(l)) = (s.first_ts_ns, s.last_ts_ns) {
        println!("time        {f} .. {l} ({:.6} s)", s.span_ns as f64 / 1e9);
    }
    println!("threads     {} in {} processes", s.threads, s.processes);
    println!("containers  {}", s.containers);
    println!("payload     {} bytes captured", s.payload_captured_bytes);
    println!("by type:");
    for e in &s.events_by_type {
        println!("  {:>9}  {} {}", e.count, e.dir, e.type_name);
    }
    if s.problems.is_empty() {
        println!("problems    none");
    } else {
        println!("problems:");
        for p in &s.problems {
            println!(
                "  {:?} {}: {} ×{} (first at byte {})",
                p.severity, p.name, p.explain, p.count, p.first_offset
            );
        }
    }
    if let Some(e) = &s.error {
        println!("error       {e}");
    }
}

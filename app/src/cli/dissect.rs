//! `scapscope streams` and `scapscope dissect`: the I/O streams of a
//! capture, and the protocol messages the dissectors decode from them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use scapscope_core::filter::Matcher;
use scapscope_core::filter::StoreFilter;
use scapscope_core::reader::Reader;
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::streams::{Direction, Stream, Streams, reassemble};
use scapscope_dissectors::{
    Choice, DissectOptions, Host, HostConfig, Message, Registry, StreamDissection,
    default_cache_dir,
};
use serde_json::json;

/// Arguments of `streams`.
#[derive(Debug, clap::Args)]
pub struct StreamsArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter selecting the I/O events to reassemble (e.g.
    /// `proc.name=curl`, `fd.sport=80`); several words are joined.
    pub filter: Vec<String>,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dissect`.
#[derive(Debug, clap::Args)]
pub struct DissectArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter selecting the I/O events to decode; several words are
    /// joined.
    pub filter: Vec<String>,
    /// Decode every stream with this dissector (e.g. `http`), without
    /// probing, and show only its messages.
    #[arg(long)]
    pub proto: Option<String>,
    /// Only this stream (an id from `scapscope streams`).
    #[arg(long)]
    pub stream: Option<usize>,
    /// Print each message's field tree too.
    #[arg(long, short = 'v')]
    pub fields: bool,
    /// Print JSON lines (one message each) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (0: one per CPU).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Loads a capture and the event indices a filter selects (all events
/// when there is no filter). The store evaluates the filter when it holds
/// every field it names; otherwise the sequential reader does.
fn load_selected(file: &Path, filter: &[String]) -> anyhow::Result<(Arc<Snapshot>, Streams)> {
    let snap = load_blocking(file, LoadOptions::default())
        .with_context(|| format!("cannot open {}", file.display()))?;
    if let Some(e) = &snap.error {
        eprintln!(
            "scapscope: {}: {e}; using the events before it",
            file.display()
        );
    }
    let Some(f) = super::print::parse_filter(filter)? else {
        let streams = reassemble(&snap, None);
        return Ok((snap, streams));
    };
    let selected = match StoreFilter::compile(&f) {
        Ok(sf) => sf.scan(&snap, true),
        Err(_) => {
            let mut reader = Reader::open(file)?;
            let mut m = Matcher::new(f, super::local_offset_s());
            let mut v = Vec::new();
            while let Some(ev) = reader.next_event() {
                if m.matches(&ev) {
                    v.push((ev.index - 1) as usize);
                }
            }
            v
        }
    };
    let streams = reassemble(&snap, Some(&selected));
    Ok((snap, streams))
}

fn ts_text(ts_ns: u64) -> String {
    let t = ts_ns as i64 + super::local_offset_s() * 1_000_000_000;
    let secs = t.div_euclid(1_000_000_000);
    let ns = t.rem_euclid(1_000_000_000);
    let day = secs.rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}.{ns:09}",
        day / 3600,
        day / 60 % 60,
        day % 60
    )
}

fn stream_json(s: &Stream) -> serde_json::Value {
    json!({
        "id": s.id,
        "pid": s.info.pid,
        "process": s.info.comm,
        "container_id": s.info.container_id,
        "fd": s.info.fd_num,
        "transport": s.info.transport.as_str(),
        "name": s.info.name,
        "client": s.info.client.map(|a| a.to_string()),
        "server": s.info.server.map(|a| a.to_string()),
        "datagrams": s.datagrams,
        "segments": s.segments.len(),
        "in_bytes": s.real_bytes(Direction::Inbound),
        "in_captured_bytes": s.captured_bytes(Direction::Inbound),
        "out_bytes": s.real_bytes(Direction::Outbound),
        "out_captured_bytes": s.captured_bytes(Direction::Outbound),
        "gaps": s.gaps(),
        "first_ts_ns": s.first_ts_ns(),
        "last_ts_ns": s.last_ts_ns(),
    })
}

/// A reader that stopped reading (`| head`) is not an error.
fn quiet_broken_pipe(r: anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    match r {
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        r => r,
    }
}

/// Runs `streams`.
pub fn run_streams(a: StreamsArgs) -> anyhow::Result<ExitCode> {
    quiet_broken_pipe(streams(a))
}

/// Runs `dissect`.
pub fn run_dissect(a: DissectArgs) -> anyhow::Result<ExitCode> {
    quiet_broken_pipe(dissect(a))
}

fn streams(a: StreamsArgs) -> anyhow::Result<ExitCode> {
    let (_snap, streams) = load_selected(&a.file, &a.filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !a.json {
        writeln!(
            out,
            "{:>5} {:<18} {:>9} {:>4} {:<5} {:>5} {:>15} {:>15} {:>4}  NAME",
            "ID", "TIME", "PID", "FD", "PROTO", "SEGS", "IN cap/real", "OUT cap/real", "GAPS"
        )?;
    }
    for s in &streams.streams {
        if a.json {
            writeln!(out, "{}", stream_json(s))?;
            continue;
        }
        let io = |d| format!("{}/{}", s.captured_bytes(d), s.real_bytes(d));
        writeln!(
            out,
            "{:>5} {:<18} {:>9} {:>4} {:<5} {:>5} {:>15} {:>15} {:>4}  {} {}",
            s.id,
            ts_text(s.first_ts_ns()),
            s.info.pid,
            s.info.fd_num,
            s.info.transport.as_str(),
            s.segments.len(),
            io(Direction::Inbound),
            io(Direction::Outbound),
            s.gaps(),
            s.info.comm,
            s.info.name
        )?;
    }
    if streams.unattributed > 0 {
        eprintln!(
            "scapscope: {} I/O events with no known fd were left out",
            streams.unattributed
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The registry `dissect` uses: the built-ins plus the user's enabled
/// plugins.
pub fn registry() -> anyhow::Result<Registry> {
    let host = match Host::new(HostConfig {
        cache_dir: default_cache_dir(),
        ..HostConfig::default()
    }) {
        Ok(h) => h,
        Err(e) => {
            // A read-only cache folder only costs compile time.
            eprintln!("scapscope: {e}; compiling dissectors without the disk cache");
            Host::new(HostConfig::default())?
        }
    };
    let (mut reg, errors) = Registry::builtin(host);
    for (name, e) in errors {
        eprintln!("scapscope: built-in dissector {name} did not load: {e}");
    }
    super::plugin::add_installed(&mut reg);
    Ok(reg)
}

fn choice_text(c: Choice) -> String {
    match c {
        Choice::Forced => "forced".into(),
        Choice::Port(s) => format!("port hint, probe {s}"),
        Choice::Probe(s) => format!("probe {s}"),
        Choice::Unclaimed => "no dissector".into(),
        Choice::NoData => "no data".into(),
    }
}

fn message_json(
    s: &Stream,
    d: &StreamDissection,
    m: &Message,
    latency: Option<u64>,
) -> serde_json::Value {
    let fields: Vec<_> = m
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "value": f.value,
                "depth": f.depth,
                "offset": f.offset,
                "len": f.len,
            })
        })
        .collect();
    json!({
        "stream": s.id,
        "process": s.info.comm,
        "pid": s.info.pid,
        "fd_name": s.info.name,
        "dissector": d.plugin,
        "protocol": m.protocol,
        "direction": m.direction.as_str(),
        "kind": m.kind.as_str(),
        "ts_ns": m.ts_ns,
        "summary": m.summary,
        "offset": m.offset,
        "len": m.len,
        "pair_key": m.pair_key,
        "latency_ns": latency,
        "errors": m.errors,
        "fields": fields,
    })
}

fn dissect(a: DissectArgs) -> anyhow::Result<ExitCode> {
    let (snap, streams) = load_selected(&a.file, &a.filter)?;
    let reg = registry()?;
    if let Some(p) = &a.proto
        && reg.get(p).is_none()
    {
        let names: Vec<&str> = reg.plugins().iter().map(|p| p.meta.name.as_str()).collect();
        anyhow::bail!("no dissector named {p:?} (have: {})", names.join(", "));
    }
    let chosen: Vec<&Stream> = streams
        .streams
        .iter()
        .filter(|s| a.stream.is_none_or(|id| s.id == id))
        .collect();
    let opts = DissectOptions {
        force_all: a.proto.clone(),
        threads: a.threads,
        ..DissectOptions::default()
    };
    let results = reg.dissect(&snap, &chosen, &opts);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (s, d) in chosen.iter().zip(&results) {
        if d.messages.is_empty() && d.disabled.is_empty() {
            continue;
        }
        let latency: std::collections::HashMap<usize, u64> = d
            .pairs()
            .into_iter()
            .map(|p| (p.response, p.latency_ns))
            .collect();
        if a.json {
            for (i, m) in d.messages.iter().enumerate() {
                writeln!(out, "{}", message_json(s, d, m, latency.get(&i).copied()))?;
            }
            for x in &d.disabled {
                writeln!(
                    out,
                    "{}",
                    json!({"stream": s.id, "disabled": x.plugin, "reason": x.fault.to_string(), "while_probing": x.while_probing})
                )?;
            }
            continue;
        }
        writeln!(
            out,
            "stream {} {}({}) fd {} {} {}: {} ({})",
            s.id,
            s.info.comm,
            s.info.pid,
            s.info.fd_num,
            s.info.transport.as_str(),
            s.info.name,
            d.plugin.as_deref().unwrap_or("-"),
            choice_text(d.choice)
        )?;
        for (i, m) in d.messages.iter().enumerate() {
            let lat = latency
                .get(&i)
                .map(|l| format!(" [{:.3} ms]", *l as f64 / 1e6))
                .unwrap_or_default();
            writeln!(
                out,
                "  {} {:<3} {:<8} {}{lat}",
                ts_text(m.ts_ns),
                m.direction.as_str(),
                m.protocol,
                m.summary
            )?;
            for e in &m.errors {
                writeln!(out, "      ! {e}")?;
            }
            if a.fields {
                for f in &m.fields {
                    let indent = "  ".repeat(usize::from(f.depth) + 3);
                    writeln!(out, "{indent}{}: {}", f.name, f.value)?;
                }
            }
        }
        for x in &d.disabled {
            writeln!(out, "  ! {x}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

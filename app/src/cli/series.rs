//! `scapscope series`: a metric over time, in buckets of any width.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use scapscope_core::views::series::{metric_ids, series};
use scapscope_core::views::{Facts, Query};

/// Arguments of `series`.
#[derive(Debug, clap::Args)]
pub struct SeriesArgs {
    /// List the metrics and exit.
    #[arg(long)]
    pub list: bool,
    /// Metric id (`events`, `file_bytes`, `net_bytes_in`, `processes`, …;
    /// see --list).
    #[arg(required_unless_present = "list")]
    pub metric: Option<String>,
    /// Capture file (raw or gzip).
    #[arg(required_unless_present = "list")]
    pub file: Option<PathBuf>,
    /// sysdig filter expression; several words are joined with spaces.
    pub filter: Vec<String>,
    /// Bucket width in nanoseconds (1 or more).
    #[arg(long, value_name = "N", required_unless_present = "list")]
    pub bucket_ns: Option<u64>,
    /// Start of the range (ns since the epoch); the first event when
    /// omitted.
    #[arg(long, value_name = "NS")]
    pub from: Option<u64>,
    /// End of the range (ns since the epoch, exclusive); just after the
    /// last event when omitted.
    #[arg(long, value_name = "NS")]
    pub to: Option<u64>,
    /// Print JSON: {"metric", "kind", "from_ns", "bucket_ns", "total", "values": […]}.
    #[arg(long)]
    pub json: bool,
}

/// Runs `series`.
pub fn run(a: SeriesArgs) -> anyhow::Result<ExitCode> {
    if a.list {
        for id in metric_ids() {
            println!("{id}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(metric), Some(file), Some(bucket_ns)) = (a.metric, a.file, a.bucket_ns) else {
        anyhow::bail!("series needs a metric, a capture file and --bucket-ns (or --list)");
    };
    let filter = super::print::parse_filter(&a.filter)?;
    let snap = super::view::load(&file)?;
    let facts = Facts::new(snap.clone());
    let q = Query {
        from_ns: a.from,
        to_ns: a.to,
        filter,
    };
    let s = series(&facts, &metric, &q, bucket_ns)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if a.json {
        serde_json::to_writer(&mut out, &s.to_json())?;
        writeln!(out)?;
    } else {
        writeln!(out, "# {} total {}", s.metric, s.total)?;
        for (k, v) in s.values.iter().enumerate() {
            writeln!(out, "{} {v}", s.bucket_start_ns(k))?;
        }
    }
    out.flush()?;
    Ok(super::view::load_status(&snap, &file))
}

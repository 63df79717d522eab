//! `scapscope overview`: the overview tiles (Sysdig Inspect's), each a
//! total and a time series.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use scapscope_core::views::tiles::overview;
use scapscope_core::views::{Facts, Query};

/// Arguments of `overview`.
#[derive(Debug, clap::Args)]
pub struct OverviewArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter expression; several words are joined with spaces.
    pub filter: Vec<String>,
    /// Buckets per time series.
    #[arg(long, default_value_t = 40)]
    pub points: usize,
    /// Start of the range (ns since the epoch).
    #[arg(long, value_name = "NS")]
    pub from: Option<u64>,
    /// End of the range (ns since the epoch, exclusive).
    #[arg(long, value_name = "NS")]
    pub to: Option<u64>,
    /// Print JSON: {"from_ns", "bucket_ns", "tiles": [{"metric", "name", "category", "unit", "total", "series", "drill": {"view", "filter"}}…]}.
    #[arg(long)]
    pub json: bool,
}

/// Runs `overview`.
pub fn run(a: OverviewArgs) -> anyhow::Result<ExitCode> {
    let filter = super::print::parse_filter(&a.filter)?;
    let snap = super::view::load(&a.file)?;
    let facts = Facts::new(snap.clone());
    let q = Query {
        from_ns: a.from,
        to_ns: a.to,
        filter,
    };
    let o = overview(&facts, &q, a.points)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if a.json {
        let tiles: Vec<serde_json::Value> = o
            .tiles
            .iter()
            .map(|t| {
                serde_json::json!({
                    "metric": t.def.metric.id(),
                    "name": t.def.name,
                    "category": t.def.category,
                    "unit": t.def.unit.as_str(),
                    "noteworthy": t.def.noteworthy,
                    "total": t.total,
                    "series": t.series,
                    "drill": {"view": t.def.drill.view, "filter": t.def.drill.filter},
                })
            })
            .collect();
        let doc = serde_json::json!({
            "from_ns": o.from_ns,
            "bucket_ns": o.bucket_ns,
            "tiles": tiles,
        });
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        for t in &o.tiles {
            writeln!(
                out,
                "{:<15} {:<36} {:>14} {}",
                t.def.category,
                t.def.name,
                t.total,
                t.def.unit.as_str()
            )?;
        }
    }
    out.flush()?;
    Ok(super::view::load_status(&snap, &a.file))
}

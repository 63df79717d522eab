//! `scapscope view`: one of the views (csysdig's tables and lists, the
//! process tree, the commands executed) as text, JSON or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use scapscope_core::store::{self, LoadOptions, Snapshot};
use scapscope_core::views::{self, Facts, Query, Table, VIEWS, ViewKind};

/// Arguments of `view`.
#[derive(Debug, clap::Args)]
pub struct ViewArgs {
    /// List the views and exit.
    #[arg(long)]
    pub list: bool,
    /// View id (`procs`, `files`, `syscalls`, …; see --list).
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// Capture file (raw or gzip).
    #[arg(required_unless_present = "list")]
    pub file: Option<PathBuf>,
    /// sysdig filter expression; several words are joined with spaces.
    pub filter: Vec<String>,
    /// Only events at or after this time (ns since the epoch).
    #[arg(long, value_name = "NS")]
    pub from: Option<u64>,
    /// Only events before this time (ns since the epoch).
    #[arg(long, value_name = "NS")]
    pub to: Option<u64>,
    /// Print JSON: {"view", "columns": [{"name", "type", "unit"}…], "rows": [{"key", "values"}…]}.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (a header line, then one line per row).
    #[arg(long)]
    pub csv: bool,
}

/// Loads a capture into the store, whole, for the CLI.
pub fn load(file: &Path) -> anyhow::Result<Arc<Snapshot>> {
    let snap = store::load_blocking(file, LoadOptions::default())
        .with_context(|| format!("cannot open {}", file.display()))?;
    Ok(snap)
}

/// Says why the load stopped early, if it did; exit code 2 then.
pub fn load_status(snap: &Snapshot, file: &Path) -> ExitCode {
    match &snap.error {
        Some(e) => {
            eprintln!(
                "scapscope: {}: {e}; the view covers the events before it",
                file.display()
            );
            ExitCode::from(2)
        }
        None => ExitCode::SUCCESS,
    }
}

/// Runs `view`.
pub fn run(a: ViewArgs) -> anyhow::Result<ExitCode> {
    if a.list {
        print_list(a.json);
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(name), Some(file)) = (a.name, a.file) else {
        anyhow::bail!("view needs a view name and a capture file (or --list)");
    };
    if views::find(&name).is_none() {
        anyhow::bail!("unknown view '{name}' (scapscope view --list shows them)");
    }
    let filter = super::print::parse_filter(&a.filter)?;
    let snap = load(&file)?;
    let facts = Facts::new(snap.clone());
    let q = Query {
        from_ns: a.from,
        to_ns: a.to,
        filter,
    };
    let table = views::compute(&facts, &name, &q)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if a.json {
        serde_json::to_writer(&mut out, &table.to_json())?;
        writeln!(out)?;
    } else if a.csv {
        out.write_all(table.to_csv().as_bytes())?;
    } else {
        out.write_all(text(&table).as_bytes())?;
    }
    out.flush()?;
    Ok(load_status(&snap, &file))
}

fn print_list(json: bool) {
    if json {
        let v: Vec<serde_json::Value> = VIEWS
            .iter()
            .map(|v| {
                serde_json::json!({
                    "id": v.id,
                    "name": v.name,
                    "kind": match v.kind {
                        ViewKind::Table => "table",
                        ViewKind::List => "list",
                        ViewKind::Tree => "tree",
                    },
                    "filter": v.filter.text(),
                    "drilldown": v.drilldown,
                    "drill_key": v.drill_field(),
                    "csysdig": v.csysdig,
                    "description": v.description,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(v));
        return;
    }
    for v in VIEWS {
        println!("{:<22} {:<20} {}", v.id, v.name, v.description);
    }
}

/// The table as aligned text: a header, then the rows (cells cut at 60
/// characters).
fn text(t: &Table) -> String {
    let cell = |s: String| -> String {
        if s.chars().count() > 60 {
            let mut c: String = s.chars().take(59).collect();
            c.push('…');
            c
        } else {
            s
        }
    };
    let head: Vec<String> = t.columns.iter().map(|c| c.name.to_string()).collect();
    let body: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.values.iter().map(|v| cell(v.to_string())).collect())
        .collect();
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in &body {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                out.push_str("  ");
            }
            let pad = w[k].saturating_sub(c.chars().count());
            let numeric = t.columns[k].ty != views::ColType::Text;
            if numeric {
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            } else if k + 1 < cells.len() {
                out.push_str(c);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str(c);
            }
        }
        out.push('\n');
    };
    line(&mut out, &head);
    for r in &body {
        line(&mut out, r);
    }
    out
}

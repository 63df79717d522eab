//! `scapscope print`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use scapscope_core::output::{DEFAULT_FORMAT, OutputFormat, Printer};
use scapscope_core::reader::Reader;

/// Arguments of `print`.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter expression (not supported yet).
    pub filter: Vec<String>,
    /// Output format in sysdig's `-p` syntax, e.g. `'%evt.num %proc.name %evt.type'`.
    /// A leading `*` prints events with missing fields as `<NA>`.
    #[arg(short = 'p', long = "format")]
    pub format: Option<String>,
    /// Also print events sysdig hides (procinfo and other internal events).
    #[arg(long)]
    pub all: bool,
}

/// Runs `print`.
pub fn run(a: PrintArgs) -> anyhow::Result<ExitCode> {
    if !a.filter.is_empty() {
        bail!(
            "filters are not supported yet (got '{}'); print the whole capture and use grep",
            a.filter.join(" ")
        );
    }
    let fmt = OutputFormat::parse(a.format.as_deref().unwrap_or(DEFAULT_FORMAT))
        .context("bad -p format")?;
    let mut reader = Reader::open(&a.file)?;
    let mut printer = Printer::new(fmt, super::local_offset_s(), a.all);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    while let Some(ev) = reader.next_event() {
        if let Some(line) = printer.line(&ev)
            && writeln!(out, "{line}").is_err()
        {
            // A closed pipe (e.g. `| head`) is a normal way to stop.
            return Ok(ExitCode::SUCCESS);
        }
    }
    if out.flush().is_err() {
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(e) = &reader.error {
        eprintln!(
            "scapscope: {}: {e}; the {} events before it were printed",
            a.file.display(),
            reader.events_read()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

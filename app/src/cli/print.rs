//! `scapscope print`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scapscope_core::filter::{Filter, Matcher};
use scapscope_core::output::{DEFAULT_FORMAT, OutputFormat, Printer};
use scapscope_core::reader::Reader;

/// Arguments of `print`.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter expression, e.g. `proc.name=nginx and evt.type in (read, write)`;
    /// several words are joined with spaces, as sysdig joins its arguments.
    pub filter: Vec<String>,
    /// Output format in sysdig's `-p` syntax, e.g. `'%evt.num %proc.name %evt.type'`.
    /// A leading `*` prints events with missing fields as `<NA>`.
    #[arg(short = 'p', long = "format")]
    pub format: Option<String>,
    /// Also print events sysdig hides (procinfo and other internal events).
    #[arg(long)]
    pub all: bool,
}

/// Parses the filter words of a command line (`None` when there are none).
pub fn parse_filter(words: &[String]) -> anyhow::Result<Option<Filter>> {
    if words.is_empty() {
        return Ok(None);
    }
    let text = words.join(" ");
    let f = Filter::parse(&text).map_err(|e| {
        let caret = format!("{}^", " ".repeat(e.column.saturating_sub(1)));
        anyhow::anyhow!("{e}\n  {text}\n  {caret}")
    })?;
    Ok(Some(f))
}

/// Runs `print`.
pub fn run(a: PrintArgs) -> anyhow::Result<ExitCode> {
    let filter = parse_filter(&a.filter)?;
    let fmt = OutputFormat::parse(a.format.as_deref().unwrap_or(DEFAULT_FORMAT))
        .context("bad -p format")?;
    let mut reader = Reader::open(&a.file)?;
    let tz = super::local_offset_s();
    let mut printer = Printer::new(fmt, tz, a.all);
    if let Some(f) = filter {
        // Inside the state engine, as sysdig does (see Reader::set_filter).
        reader.set_filter(Matcher::new(f, tz));
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    while let Some(ev) = reader.next_event() {
        if !ev.passed {
            printer.skip(&ev);
            continue;
        }
        let line = printer.line(&ev);
        if let Some(line) = line
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

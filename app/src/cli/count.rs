//! `scapscope count`.

use std::path::PathBuf;
use std::process::ExitCode;

use scapscope_core::filter::Matcher;
use scapscope_core::reader::Reader;

/// Arguments of `count`.
#[derive(Debug, clap::Args)]
pub struct CountArgs {
    /// Capture file (raw or gzip).
    pub file: PathBuf,
    /// sysdig filter expression; several words are joined with spaces. With
    /// none, every event sysdig prints is counted.
    pub filter: Vec<String>,
    /// Also count events sysdig hides (procinfo and other internal events).
    #[arg(long)]
    pub all: bool,
}

/// Runs `count`: prints how many events `print FILE FILTER` prints.
pub fn run(a: CountArgs) -> anyhow::Result<ExitCode> {
    let filter = super::print::parse_filter(&a.filter)?;
    let mut reader = Reader::open(&a.file)?;
    if let Some(f) = filter {
        reader.set_filter(Matcher::new(f, super::local_offset_s()));
    }
    let mut n = 0u64;
    while let Some(ev) = reader.next_event() {
        if ev.passed && (a.all || !ev.hidden) {
            n += 1;
        }
    }
    println!("{n}");
    if let Some(e) = &reader.error {
        eprintln!(
            "scapscope: {}: {e}; counted the events before it",
            a.file.display()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

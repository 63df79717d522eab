//! The `scapscope` binary: command-line tools over `.scap` captures (the
//! desktop app comes with the GUI issue).

mod cli;
mod gui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Explore sysdig/Falco `.scap` captures.
#[derive(Debug, Parser)]
#[command(name = "scapscope", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
struct Args {
    #[command(flatten)]
    open: gui::OpenArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print events, one line each, like `sysdig -r FILE [FILTER] [-p FORMAT]`.
    Print(cli::print::PrintArgs),
    /// Count the events a filter matches: those `print FILE FILTER` prints.
    Count(cli::count::CountArgs),
    /// Summarise a capture: blocks, events by type, time span, processes,
    /// containers, payload bytes and problems found.
    Stats(cli::stats::StatsArgs),
    /// Write a large, realistic, reproducible synthetic capture.
    Synth(cli::synth::SynthArgs),
    /// List the fields usable in `-p` formats.
    Fields,
    /// Compute a view (csysdig's tables: procs, files, syscalls, …; the
    /// process tree; commands executed) over a time range and filter.
    View(cli::view::ViewArgs),
}

/// The small real capture bundled with scapscope (libs' `sample.scap`,
/// Apache-2.0), used when no file is given.
pub fn demo_capture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/demo.scap")
}

fn main() -> ExitCode {
    let args = Args::parse();
    let res = match args.command {
        Some(Command::Print(a)) => cli::print::run(a),
        Some(Command::Count(a)) => cli::count::run(a),
        Some(Command::Stats(a)) => cli::stats::run(a),
        Some(Command::Synth(a)) => cli::synth::run(a),
        Some(Command::View(a)) => cli::view::run(a),
        Some(Command::Fields) => {
            for (name, about) in scapscope_core::fields::field_list() {
                println!("{name:<22} {about}");
            }
            Ok(ExitCode::SUCCESS)
        }
        // No subcommand: the desktop app (a summary without the `gui`
        // feature).
        None => gui::launch(args.open),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            eprintln!("scapscope: {e:#}");
            ExitCode::from(1)
        }
    }
}

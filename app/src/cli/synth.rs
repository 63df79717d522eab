//! `scapscope synth`: writes a large, realistic, reproducible capture.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use scapscope_core::synth::{SynthConfig, Target, synth};

/// Arguments of `synth`.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// Output file (raw .scap).
    #[arg(long)]
    pub out: PathBuf,
    /// Approximate size, e.g. `4GiB`, `500MB`, `12345` (bytes).
    #[arg(long, conflicts_with = "events")]
    pub size: Option<String>,
    /// Number of events.
    #[arg(long)]
    pub events: Option<u64>,
    /// Random seed: the same seed writes the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fixed gap between events in nanoseconds (1 packs them 1 ns apart).
    #[arg(long)]
    pub spacing_ns: Option<u64>,
}

/// Parses `4GiB`, `500MB`, `10k`, `123`.
pub fn parse_size(s: &str) -> anyhow::Result<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().with_context(|| format!("bad size '{s}'"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        "t" | "tb" => 1_000_000_000_000,
        "tib" => 1 << 40,
        u => bail!("unknown size unit '{u}' in '{s}' (use B, KB, KiB, MB, MiB, GB, GiB)"),
    };
    Ok((n * mult as f64) as u64)
}

/// Runs `synth`.
pub fn run(a: SynthArgs) -> anyhow::Result<ExitCode> {
    let target = match (&a.size, a.events) {
        (Some(s), None) => Target::Bytes(parse_size(s)?),
        (None, Some(n)) => Target::Events(n),
        _ => bail!("give --size or --events"),
    };
    let cfg = SynthConfig {
        seed: a.seed,
        target,
        spacing_ns: a.spacing_ns,
        ..Default::default()
    };
    let f = File::create(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let s = synth(&cfg, BufWriter::with_capacity(1 << 20, f))
        .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "wrote {} events, {} bytes to {}",
        s.events,
        s.bytes,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("4GiB").unwrap(), 4 << 30);
        assert_eq!(parse_size("500MB").unwrap(), 500_000_000);
        assert_eq!(parse_size("123").unwrap(), 123);
        assert_eq!(parse_size("1.5KiB").unwrap(), 1536);
        assert!(parse_size("12 parsecs").is_err());
    }
}

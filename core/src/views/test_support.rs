//! What the views' unit tests share.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use crate::store::{LoadOptions, Snapshot, load_blocking};
use crate::synth::{SynthConfig, Target, synth};

/// A generated capture of 30,000 events from `seed`, loaded whole in
/// chunks of 2,048 events (a few dozen chunks); `name` keeps the
/// temporary files of tests running at once apart.
pub(crate) fn generated(name: &str, seed: u64) -> Arc<Snapshot> {
    let path = std::env::temp_dir().join(format!(
        "scapscope-views-{name}-{}.scap",
        std::process::id()
    ));
    let cfg = SynthConfig {
        seed,
        target: Target::Events(30_000),
        ..Default::default()
    };
    let f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    synth(&cfg, f).unwrap();
    let snap = load_blocking(&path, LoadOptions::with_chunk_events(2048)).unwrap();
    std::fs::remove_file(&path).ok();
    snap
}

//! What several test binaries need: the shared captures, and generated
//! ones. Each test binary includes this module (`mod support;`).

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use scapscope_core::synth::{SynthConfig, Target, synth};

/// Every `.scap` in `../shared/captures` and its `derived/` folder,
/// sorted; empty when the folder is absent (callers skip, saying so).
pub fn captures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
    let mut v = Vec::new();
    for sub in [dir.clone(), dir.join("derived")] {
        let Ok(rd) = std::fs::read_dir(&sub) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "scap") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// A generated capture of `events` events from `seed`, in a temporary
/// file named after `tag`, the process and the seed (the caller removes
/// it).
pub fn generated(tag: &str, events: u64, seed: u64) -> PathBuf {
    let p = std::env::temp_dir().join(format!(
        "scapscope-{tag}-{}-{seed}.scap",
        std::process::id()
    ));
    let cfg = SynthConfig {
        seed,
        target: Target::Events(events),
        ..Default::default()
    };
    synth(
        &cfg,
        std::io::BufWriter::new(std::fs::File::create(&p).unwrap()),
    )
    .unwrap();
    p
}

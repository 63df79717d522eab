//! The dissector host end to end, in one test binary (it links wasmtime
//! once): loading and refusing plugins, the hostile plugins, the built-in
//! dissectors on real captures, installed plugins.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod batch;
mod captures;
mod hostile;
mod install;
mod loading;
mod tls;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::streams::{Streams, reassemble};
use scapscope_dissectors::{Host, HostConfig, Limits, Registry};

/// A real capture from the shared folder, or `None` (with a note) when it
/// is absent.
pub fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/captures")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP: {} is absent", p.display());
        None
    }
}

/// A capture loaded, with its streams.
pub fn open(name: &str) -> Option<(Arc<Snapshot>, Streams)> {
    let p = shared(name)?;
    let snap = load_blocking(&p, LoadOptions::default()).unwrap();
    let streams = reassemble(&snap, None);
    Some((snap, streams))
}

/// The component of a hostile test plugin.
pub fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("SCAPSCOPE_HOSTILE_DIR")).join(format!("{name}.wasm"))).unwrap()
}

/// A host with no disk cache and the default limits.
pub fn host() -> Host {
    host_with(Limits::default())
}

/// A host with other limits.
pub fn host_with(limits: Limits) -> Host {
    Host::new(HostConfig {
        cache_dir: None,
        limits,
    })
    .unwrap()
}

/// The built-in registry (every built-in must load).
pub fn builtin() -> Registry {
    let (reg, errors) = Registry::builtin(host());
    assert!(errors.is_empty(), "{errors:?}");
    reg
}

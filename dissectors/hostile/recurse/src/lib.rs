//! Hostile test plugin: recurses without bound in feed. The host must stop it and disable it for
//! the stream with a clear reason, and go on with everything else.

use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State;

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-recurse".into(),
            version: "0.1.0".into(),
            description: "recurses without bound in feed".into(),
            protocols: vec!["hostile".into()],
            default_ports: Vec::new(),
        }
    }

    fn probe(_context: &StreamContext, first: &Chunk) -> u8 {
        // Claims any stream whose first bytes say so, so that probing
        // itself can be attacked too.
        u8::from(first.data.starts_with(b"hostile")) * 100
    }
}

impl Session for State {
    fn new(_context: StreamContext) -> Self {
        State
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let depth = descend(chunk.data.len() as u64, std::hint::black_box(u64::MAX));
        Err(format!("returned from depth {depth}"))
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

/// Recurses until the WebAssembly call stack runs out: `k` is never
/// reached, and the result combines each level in a way the optimiser
/// cannot turn into a loop. No local has its address taken, so the frames
/// live on the wasm stack, not in linear memory.
#[inline(never)]
fn descend(n: u64, k: u64) -> u64 {
    if n == k {
        return n;
    }
    let r = descend(n + 1, k);
    r.rotate_left((n % 63) as u32) ^ n
}

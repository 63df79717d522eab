//! Hostile test plugin: loops forever in feed. The host must stop it and disable it for
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
            name: "hostile-spin".into(),
            version: "0.1.0".into(),
            description: "loops forever in feed".into(),
            protocols: vec!["hostile".into()],
            default_ports: Vec::new(),
        }
    }

    fn probe(_context: &StreamContext, first: &Chunk) -> u8 {
        if first.data.starts_with(b"spin") {
            // Loop in probe too.
            let mut n = 0u64;
            loop {
                n = std::hint::black_box(n.wrapping_add(1));
            }
        }
        0
    }
}

impl Session for State {
    fn new(_context: StreamContext) -> Self {
        State
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let mut n = chunk.data.len() as u64;
        loop {
            n = std::hint::black_box(n.wrapping_mul(3).wrapping_add(1));
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

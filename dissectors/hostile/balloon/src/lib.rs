//! Hostile test plugin: allocates without limit in feed. The host must stop it and disable it for
//! the stream with a clear reason, and go on with everything else.

use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State {
    kept: Vec<Vec<u8>>,
}

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-balloon".into(),
            version: "0.1.0".into(),
            description: "allocates without limit in feed".into(),
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
        State { kept: Vec::new() }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        // 1 MiB at a time, touched so that it is really committed.
        loop {
            let mut block = vec![0u8; 1 << 20];
            block[chunk.data.len() % (1 << 20)] = 1;
            self.kept.push(std::hint::black_box(block));
        }
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

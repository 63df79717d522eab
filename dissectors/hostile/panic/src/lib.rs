//! Hostile test plugin: panics (traps) in feed. The host must stop it and disable it for
//! the stream with a clear reason, and go on with everything else.

use scapscope_plugin_sdk::MessageKind;
use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State {
    seen: usize,
}

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-panic".into(),
            version: "0.1.0".into(),
            description: "panics (traps) in feed".into(),
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
        State { seen: 0 }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        self.seen += 1;
        // Panics on the second chunk: the first one's messages stand.
        if self.seen >= 2 {
            panic!("hostile plugin panics on chunk {}", self.seen);
        }
        let mut m = Message::new(
            "hostile",
            chunk.direction,
            MessageKind::Other,
            chunk.ts_ns,
            chunk.offset,
        );
        m.summary = "first chunk".into();
        m.len = chunk.data.len() as u64;
        Ok(vec![m])
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

//! Hostile test plugin: returns malformed messages. The host must stop it and disable it for
//! the stream with a clear reason, and go on with everything else.

use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};
use scapscope_plugin_sdk::{Field, MessageKind};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State;

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-liar".into(),
            version: "0.1.0".into(),
            description: "returns malformed messages".into(),
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
        // A field that claims bytes far past what the stream delivered,
        // and a child two levels below its parent.
        let mut m = Message::new(
            "hostile",
            chunk.direction,
            MessageKind::Other,
            chunk.ts_ns,
            chunk.offset,
        );
        m.summary = "lies".into();
        m.len = chunk.data.len() as u64;
        m.fields = vec![
            Field {
                name: "beyond".into(),
                value: String::new(),
                depth: 0,
                offset: chunk.offset + chunk.data.len() as u64 + 1_000_000,
                len: 16,
            },
            Field {
                name: "orphan".into(),
                value: String::new(),
                depth: 2,
                offset: chunk.offset,
                len: 0,
            },
        ];
        Ok(vec![m])
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

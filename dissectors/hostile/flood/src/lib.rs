//! Hostile test plugin: returns far more data than the output cap. The host must stop it and disable it for
//! the stream with a clear reason, and go on with everything else.

use scapscope_plugin_sdk::MessageKind;
use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State;

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-flood".into(),
            version: "0.1.0".into(),
            description: "returns far more data than the output cap".into(),
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
        // About 8 MiB of summaries: under the memory limit (the SDK
        // copies them once more into the call's output), twice the
        // output cap.
        let summary = "x".repeat(4096);
        Ok((0..2000)
            .map(|_| {
                let mut m = Message::new(
                    "hostile",
                    chunk.direction,
                    MessageKind::Other,
                    chunk.ts_ns,
                    chunk.offset,
                );
                m.summary = summary.clone();
                m
            })
            .collect())
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

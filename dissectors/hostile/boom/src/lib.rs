//! Hostile test plugin: one message per chunk, and a trap on a chunk
//! that holds `BOOM`. In a batch of many streams, the host must pin the
//! fault on that stream alone (with the messages of its chunks before),
//! and give every other stream of the batch all of its messages.

use scapscope_plugin_sdk::MessageKind;
use scapscope_plugin_sdk::{Chunk, Dissector, Message, Metadata, Session, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state: chunks seen.
pub struct State {
    seen: u32,
}

impl Dissector for Plugin {
    type Session = State;

    fn metadata() -> Metadata {
        Metadata {
            name: "hostile-boom".into(),
            version: "0.1.0".into(),
            description: "traps on a chunk that says BOOM".into(),
            protocols: vec!["hostile".into()],
            default_ports: Vec::new(),
        }
    }

    fn probe(_context: &StreamContext, first: &Chunk) -> u8 {
        if first.data.windows(4).any(|w| w == b"BOOM") {
            panic!("hostile plugin traps while probing");
        }
        u8::from(first.data.starts_with(b"boom")) * 100
    }
}

impl Session for State {
    fn new(_context: StreamContext) -> Self {
        State { seen: 0 }
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        if chunk.data.windows(4).any(|w| w == b"BOOM") {
            panic!("hostile plugin traps on chunk {}", self.seen + 1);
        }
        self.seen += 1;
        let mut m = Message::new(
            "boom",
            chunk.direction,
            MessageKind::Other,
            chunk.ts_ns,
            chunk.offset,
        );
        m.summary = format!("chunk {}", self.seen);
        m.len = chunk.data.len() as u64;
        Ok(vec![m])
    }

    fn finish(&mut self) -> Vec<Message> {
        let mut m = Message::new(
            "boom",
            scapscope_plugin_sdk::Direction::Inbound,
            MessageKind::Other,
            0,
            0,
        );
        m.summary = format!("{} chunks", self.seen);
        vec![m]
    }
}

scapscope_plugin_sdk::register_dissector!(Plugin);

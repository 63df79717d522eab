//! Test plugin (not hostile): a dissector built against the frozen API
//! 0.1.0 (`plugin-sdk/wit/0.1.0/`), straight on wit-bindgen, as plugins
//! were before 0.2.0. scapscope must keep loading and running it. It
//! decodes a toy protocol: every line (ending in `\n`) in either
//! direction is a message with the line's text as its one field.

#[allow(missing_docs, unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: "../../../plugin-sdk/wit/0.1.0",
        world: "plugin",
    });
}

use std::cell::RefCell;

use bindings::exports::scapscope::dissector::dissector::{Guest, GuestSession};
use bindings::scapscope::dissector::types::{
    Chunk, Field, Message, MessageKind, Metadata, StreamContext,
};

/// The plugin.
pub struct Plugin;

/// Per direction: the position of the next byte not yet in a line, and
/// the bytes of the line begun.
#[derive(Default)]
pub struct State {
    pending: RefCell<[(u64, Vec<u8>); 2]>,
}

impl Guest for Plugin {
    type Session = State;

    fn describe() -> Metadata {
        Metadata {
            name: "test-v010-lines".into(),
            version: "0.1.0".into(),
            description: "lines of text, through dissector API 0.1.0".into(),
            protocols: vec!["lines".into()],
            default_ports: Vec::new(),
        }
    }

    fn probe(_context: StreamContext, first: Chunk) -> u8 {
        u8::from(first.data.starts_with(b"lines\n")) * 100
    }
}

impl GuestSession for State {
    fn new(_context: StreamContext) -> Self {
        State::default()
    }

    fn feed(&self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let mut pending = self.pending.borrow_mut();
        let d = usize::from(matches!(
            chunk.direction,
            bindings::scapscope::dissector::types::Direction::Outbound
        ));
        let (start, line) = &mut pending[d];
        if chunk.missing_after > 0 || chunk.offset != *start + line.len() as u64 {
            // A gap: the line begun cannot be told whole.
            line.clear();
            *start = chunk.offset;
        }
        let mut out = Vec::new();
        for &b in &chunk.data {
            if b == b'\n' {
                let text = String::from_utf8_lossy(line).into_owned();
                let len = line.len() as u64 + 1;
                out.push(Message {
                    protocol: "lines".into(),
                    direction: chunk.direction,
                    kind: MessageKind::Other,
                    summary: text.clone(),
                    ts_ns: chunk.ts_ns,
                    offset: *start,
                    len,
                    fields: vec![Field {
                        name: "text".into(),
                        value: text,
                        depth: 0,
                        offset: *start,
                        len: u32::try_from(len - 1).unwrap_or(u32::MAX),
                    }],
                    pair_key: None,
                    errors: Vec::new(),
                });
                *start += len;
                line.clear();
            } else {
                line.push(b);
            }
        }
        if chunk.missing_after > 0 {
            *start = chunk.offset + chunk.data.len() as u64 + chunk.missing_after;
            line.clear();
        }
        Ok(out)
    }

    fn finish(&self) -> Vec<Message> {
        Vec::new()
    }
}

// The generated exports are `unsafe extern "C"` glue.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
const _: () = {
    bindings::export!(Plugin with_types_in bindings);
};

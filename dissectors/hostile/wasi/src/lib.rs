//! Hostile test plugin: imports WASI filesystem and sockets. The host
//! must reject it at install and load time, naming the import.

#[allow(missing_docs, unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: ["../../../plugin-sdk/wit/0.1.0", "wit"],
        world: "hostile:wasi/plugin",
        generate_all,
    });
}

use bindings::exports::scapscope::dissector::dissector::{Guest, GuestSession};
use bindings::scapscope::dissector::types::{Chunk, Message, Metadata, StreamContext};

/// The plugin.
pub struct Plugin;

/// Its per-stream state.
pub struct State;

impl Guest for Plugin {
    type Session = State;

    fn describe() -> Metadata {
        Metadata {
            name: "hostile-wasi".into(),
            version: "0.1.0".into(),
            description: "reads the host's files and opens sockets".into(),
            protocols: vec!["hostile".into()],
            default_ports: Vec::new(),
        }
    }

    fn probe(_context: StreamContext, _first: Chunk) -> u8 {
        // Uses both imports, so that they stay in the component.
        let dirs = bindings::wasi::filesystem::preopens::get_directories();
        let sock = bindings::wasi::sockets::tcp_create_socket::create_tcp_socket(2);
        (dirs.len() as u32 + sock).min(100) as u8
    }
}

impl GuestSession for State {
    fn new(_context: StreamContext) -> Self {
        State
    }

    fn feed(&self, _chunk: Chunk) -> Result<Vec<Message>, String> {
        Ok(Vec::new())
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

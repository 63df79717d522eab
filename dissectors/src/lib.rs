//! Sandboxed protocol dissectors: the plugin host and the built-in
//! dissectors.
//!
//! A dissector is a WebAssembly component implementing the WIT API in
//! `plugin-sdk/wit/dissector.wit` (`scapscope:dissector@0.1.0`). The
//! built-in ones (`dissectors/plugins/*`, compiled to components by this
//! crate's build script and embedded) and the community's are loaded the
//! same way: [`Host::load`] checks the bytes (a component, importing
//! nothing, exporting the right API version), compiles them (cached on
//! disk) and asks the plugin for its metadata.
//!
//! Every plugin instance runs in its own store with a memory limit, a fuel
//! budget per call and a cap on the data it returns ([`Limits`]). A trap,
//! an exhausted budget, a memory bomb or bad output ([`Fault`]) disables
//! that plugin for that stream only, with the reason kept in the result;
//! the app and the other plugins go on.
//!
//! Start with [`Registry`]: [`Registry::builtin`], then
//! [`Registry::dissect`] over the streams of a capture
//! ([`scapscope_core::streams`]).

mod dispatch;
mod host;
pub mod install;
mod instance;
mod validate;
pub mod views;

pub use dispatch::{
    Choice, Disabled, DissectOptions, PROBE_THRESHOLD, Pair, Registry, StreamDissection, chunk_of,
};
pub use host::{
    API_PACKAGE, API_VERSION, Host, HostConfig, HostError, Limits, LoadError, Origin, Plugin,
    default_cache_dir, sha256_hex,
};
pub use instance::Fault;

/// Host bindings generated from the WIT (the same files the SDK uses).
#[allow(missing_docs)]
mod bindings {
    wasmtime::component::bindgen!({
        path: "../plugin-sdk/wit",
        world: "plugin",
        additional_derives: [PartialEq, Eq],
    });
}

/// The API's data types, as the host sees them.
pub use bindings::scapscope::dissector::types::{
    Chunk, Direction, Field, Message, MessageKind, Metadata, PortHint, Role, StreamContext,
    Transport,
};

/// The built-in dissectors, compiled to components by the build script:
/// `(crate folder name, component bytes)`.
pub static BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

impl Direction {
    /// The core's direction.
    pub fn from_core(d: scapscope_core::streams::Direction) -> Direction {
        match d {
            scapscope_core::streams::Direction::Inbound => Direction::Inbound,
            scapscope_core::streams::Direction::Outbound => Direction::Outbound,
        }
    }

    /// `in` or `out`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "in",
            Direction::Outbound => "out",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Direction::Inbound => 0,
            Direction::Outbound => 1,
        }
    }
}

impl Transport {
    /// The core's transport.
    pub fn from_core(t: scapscope_core::streams::Transport) -> Transport {
        use scapscope_core::streams::Transport as T;
        match t {
            T::Tcp => Transport::Tcp,
            T::Udp => Transport::Udp,
            T::OtherIp => Transport::OtherIp,
            T::Unix => Transport::Unix,
            T::Pipe => Transport::Pipe,
            T::File => Transport::File,
            T::Other => Transport::Other,
        }
    }
}

impl StreamContext {
    /// The context of a reassembled stream.
    pub fn of(info: &scapscope_core::streams::StreamInfo) -> StreamContext {
        use scapscope_core::state::Role as R;
        StreamContext {
            transport: Transport::from_core(info.transport),
            role: match info.role {
                R::Client => Role::Client,
                R::Server => Role::Server,
                R::None => Role::Unknown,
            },
            client_port: info.client_port(),
            server_port: info.server_port(),
            process_name: info.comm.clone(),
            fd_name: info.name.clone(),
        }
    }
}

impl MessageKind {
    /// `request`, `response` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Request => "request",
            MessageKind::Response => "response",
            MessageKind::Other => "other",
        }
    }
}

//! Sandboxed protocol dissectors: the plugin host and the built-in
//! dissectors.
//!
//! A dissector is a WebAssembly component implementing the WIT API in
//! `plugin-sdk/wit/dissector.wit` (`scapscope:dissector@0.2.0`, which
//! passes many streams per call) or the frozen first version in
//! `plugin-sdk/wit/0.1.0/` (one call per stream event). The
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

mod batch;
mod dispatch;
mod host;
pub mod install;
mod instance;
mod validate;
pub mod views;

pub use dispatch::{
    Choice, Disabled, DissectOptions, Outcome, PROBE_THRESHOLD, Pair, Registry, StreamDissection,
    chunk_of,
};
pub use host::{
    API_PACKAGE, API_VERSION, API_VERSIONS, Host, HostConfig, HostError, Limits, LoadError, Origin,
    Plugin, default_cache_dir, sha256_hex,
};
pub use instance::Fault;

/// Host bindings generated from the frozen API 0.1.0. Its types are the
/// ones this crate's API uses for every version.
#[allow(missing_docs)]
mod bindings {
    wasmtime::component::bindgen!({
        path: "../plugin-sdk/wit/0.1.0",
        world: "plugin",
        additional_derives: [PartialEq, Eq],
    });
}

/// Host bindings generated from API 0.2.0 (the same file the SDK uses).
#[allow(missing_docs)]
mod bindings_v2 {
    wasmtime::component::bindgen!({
        path: "../plugin-sdk/wit/dissector.wit",
        world: "plugin",
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

// The two versions' `types` are the same; wasmtime generates them twice.
mod v2_types {
    use crate::bindings_v2::scapscope::dissector::types as v2;
    use crate::{Direction, MessageKind, Metadata, PortHint, Role, Transport};

    impl From<Direction> for v2::Direction {
        fn from(d: Direction) -> Self {
            match d {
                Direction::Inbound => v2::Direction::Inbound,
                Direction::Outbound => v2::Direction::Outbound,
            }
        }
    }

    impl From<v2::Direction> for Direction {
        fn from(d: v2::Direction) -> Self {
            match d {
                v2::Direction::Inbound => Direction::Inbound,
                v2::Direction::Outbound => Direction::Outbound,
            }
        }
    }

    impl From<Transport> for v2::Transport {
        fn from(t: Transport) -> Self {
            match t {
                Transport::Tcp => v2::Transport::Tcp,
                Transport::Udp => v2::Transport::Udp,
                Transport::OtherIp => v2::Transport::OtherIp,
                Transport::Unix => v2::Transport::Unix,
                Transport::Pipe => v2::Transport::Pipe,
                Transport::File => v2::Transport::File,
                Transport::Other => v2::Transport::Other,
            }
        }
    }

    impl From<v2::Transport> for Transport {
        fn from(t: v2::Transport) -> Self {
            match t {
                v2::Transport::Tcp => Transport::Tcp,
                v2::Transport::Udp => Transport::Udp,
                v2::Transport::OtherIp => Transport::OtherIp,
                v2::Transport::Unix => Transport::Unix,
                v2::Transport::Pipe => Transport::Pipe,
                v2::Transport::File => Transport::File,
                v2::Transport::Other => Transport::Other,
            }
        }
    }

    impl From<Role> for v2::Role {
        fn from(r: Role) -> Self {
            match r {
                Role::Client => v2::Role::Client,
                Role::Server => v2::Role::Server,
                Role::Unknown => v2::Role::Unknown,
            }
        }
    }

    impl From<v2::MessageKind> for MessageKind {
        fn from(k: v2::MessageKind) -> Self {
            match k {
                v2::MessageKind::Request => MessageKind::Request,
                v2::MessageKind::Response => MessageKind::Response,
                v2::MessageKind::Other => MessageKind::Other,
            }
        }
    }

    impl From<v2::Metadata> for Metadata {
        fn from(m: v2::Metadata) -> Self {
            Metadata {
                name: m.name,
                version: m.version,
                description: m.description,
                protocols: m.protocols,
                default_ports: m
                    .default_ports
                    .into_iter()
                    .map(|h| PortHint {
                        transport: h.transport.into(),
                        port: h.port,
                    })
                    .collect(),
            }
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

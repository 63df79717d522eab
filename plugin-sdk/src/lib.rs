//! Write scapscope protocol dissectors.
//!
//! A dissector is a WebAssembly component that exports the API defined in
//! `plugin-sdk/wit/dissector.wit` (package `scapscope:dissector@0.2.0`).
//! This crate holds that WIT, the Rust bindings generated from it and
//! helpers, so a plugin is a plain Rust crate. The API passes many
//! streams per call (batches); the crate turns them into the per-stream
//! calls below, so a plugin never sees them:
//!
//! ```ignore
//! use scapscope_plugin_sdk::*;
//!
//! struct Echo;
//! struct EchoSession;
//!
//! impl Dissector for Echo {
//!     type Session = EchoSession;
//!     fn metadata() -> Metadata { /* name, version, ports… */ }
//!     fn probe(_: &StreamContext, first: &Chunk) -> u8 { /* 0..=100 */ }
//! }
//! impl Session for EchoSession {
//!     fn new(_: StreamContext) -> Self { EchoSession }
//!     fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> { /* … */ }
//! }
//! register_dissector!(Echo);
//! ```
//!
//! Build it for `wasm32-unknown-unknown` and turn the module into a
//! component (`scapscope plugin install --dev DIR` does both). On other
//! targets the crate compiles as ordinary Rust, so its parsing code can be
//! unit-tested and benchmarked natively; `register_dissector!` only emits
//! the component exports on wasm32.
//!
//! Start with [`Dissector`], [`Session`], then the helpers: [`Cursor`]
//! (bounds-checked reading with stream positions), [`Fields`] (field tree
//! builder), [`DirBuf`] (per-direction reassembly with gaps) and [`text`].

extern crate self as scapscope_plugin_sdk;

pub mod alloc;
mod batch;
mod cursor;
mod dirbuf;
mod fields;
pub mod text;

pub use cursor::Cursor;
pub use dirbuf::{DirBuf, DirBufs};
pub use fields::Fields;

/// The dissector API version this SDK implements (the WIT package
/// version).
pub const API_VERSION: &str = "0.2.0";

// Faster small allocations inside the sandbox; see `alloc`.
#[cfg(all(target_arch = "wasm32", feature = "fast-alloc"))]
#[global_allocator]
static ALLOCATOR: alloc::SizeClasses = alloc::SizeClasses::new();

#[doc(hidden)]
pub mod rt {
    pub use wit_bindgen;
}

/// Bindings generated from the WIT; plugin code uses the re-exports at the
/// crate root instead.
#[doc(hidden)]
#[allow(missing_docs, unsafe_code)]
pub mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "plugin",
        pub_export_macro: true,
        export_macro_name: "__export_plugin",
        default_bindings_module: "scapscope_plugin_sdk::bindings",
        runtime_path: "scapscope_plugin_sdk::rt::wit_bindgen::rt",
        additional_derives: [PartialEq, Eq],
        // `types.chunk`, `message`… are what plugin code works with,
        // though the 0.2.0 calls carry them flattened.
        generate_unused_types: true,
    });
}

pub use bindings::scapscope::dissector::types::{
    Chunk, Direction, Field, Message, MessageKind, Metadata, PortHint, Role, StreamContext,
    Transport,
};

use bindings::exports::scapscope::dissector::dissector::Guest;
use bindings::scapscope::dissector::batch::{BatchInput, BatchOutput};

/// A protocol dissector: what it is, and whether a stream is its protocol.
pub trait Dissector: 'static {
    /// The per-stream decoding state.
    type Session: Session;

    /// Name, version, protocols and default ports.
    fn metadata() -> Metadata;

    /// From 0 (not this protocol) to 100 (certain): does a stream whose
    /// first captured chunk is `first` carry this protocol?
    fn probe(context: &StreamContext, first: &Chunk) -> u8;
}

/// The decoding state of one stream.
pub trait Session: Sized + 'static {
    /// A new stream.
    fn new(context: StreamContext) -> Self;

    /// The next chunk (both directions, in time order): returns the
    /// messages it completed. An `Err` ends decoding of this stream.
    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String>;

    /// The stream ended: the messages still pending.
    fn finish(&mut self) -> Vec<Message> {
        Vec::new()
    }
}

/// Glue between a [`Dissector`] and the generated component exports.
#[doc(hidden)]
pub struct Adapter<D>(std::marker::PhantomData<D>);

thread_local! {
    // The open streams of this instance. A component instance runs one
    // plugin, single-threaded; the map is typed by the plugin's session
    // type, which a `static` in generic code cannot name.
    static SESSIONS: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

impl<D: Dissector> Guest for Adapter<D> {
    fn describe() -> Metadata {
        D::metadata()
    }

    fn probe(input: BatchInput) -> Vec<u8> {
        batch::probe::<D>(&input)
    }

    fn dissect(input: BatchInput) -> BatchOutput {
        SESSIONS.with(|cell| {
            let mut slot = cell.borrow_mut();
            let any = slot.get_or_insert_with(|| {
                Box::new(batch::Sessions::<D::Session>::default()) as Box<dyn std::any::Any>
            });
            match any.downcast_mut::<batch::Sessions<D::Session>>() {
                Some(sessions) => batch::dissect::<D>(sessions, &input),
                // Only one dissector type is registered per component.
                None => BatchOutput::default(),
            }
        })
    }
}

/// Exports a [`Dissector`] as the plugin's component API (on wasm32; a
/// no-op elsewhere, so the crate still builds and tests natively).
#[macro_export]
macro_rules! register_dissector {
    ($ty:ty) => {
        // The generated exports are `unsafe extern "C"` glue (the
        // component ABI); they are the only unsafe code a plugin has.
        #[cfg(target_arch = "wasm32")]
        #[allow(unsafe_code)]
        const _: () = {
            type __ScapscopePlugin = $crate::Adapter<$ty>;
    $crate::bindings::__export_plugin!(__ScapscopePlugin with_types_in $crate::bindings);
        };
    };
}

impl Direction {
    /// The other direction.
    pub fn flip(self) -> Direction {
        match self {
            Direction::Inbound => Direction::Outbound,
            Direction::Outbound => Direction::Inbound,
        }
    }

    /// Index for per-direction arrays: inbound 0, outbound 1.
    pub fn index(self) -> usize {
        match self {
            Direction::Inbound => 0,
            Direction::Outbound => 1,
        }
    }
}

impl StreamContext {
    /// Whether bytes moving in `dir` go from the client to the server,
    /// when the role is known.
    pub fn to_server(&self, dir: Direction) -> Option<bool> {
        match (self.role, dir) {
            (Role::Client, Direction::Outbound) | (Role::Server, Direction::Inbound) => Some(true),
            (Role::Client, Direction::Inbound) | (Role::Server, Direction::Outbound) => Some(false),
            (Role::Unknown, _) => None,
        }
    }

    /// Whether `port` is the server port (or, with no server port known,
    /// the client port).
    pub fn has_port(&self, port: u16) -> bool {
        self.server_port == Some(port) || self.client_port == Some(port)
    }
}

impl Message {
    /// A message with no fields yet.
    pub fn new(
        protocol: &str,
        direction: Direction,
        kind: MessageKind,
        ts_ns: u64,
        offset: u64,
    ) -> Message {
        Message {
            protocol: protocol.to_string(),
            direction,
            kind,
            summary: String::new(),
            ts_ns,
            offset,
            len: 0,
            fields: Vec::new(),
            pair_key: None,
            errors: Vec::new(),
        }
    }
}

//! scapscope-core: reads sysdig/Falco `.scap` captures without any GUI, GPU
//! or wasm dependency.
//!
//! Start with [`schema`] (what each event type carries).

pub mod decode;
pub mod error;
pub mod fields;
pub mod filter;
pub mod format;
mod mmap;
pub mod output;
pub mod problems;
pub mod reader;
pub mod render;
pub mod schema;
pub mod shared_str;
pub mod source;
pub mod state;
pub mod store;
pub mod streams;
pub mod synth;
pub mod timeline;
pub mod views;
pub mod writer;

//! scapscope-render: the GPU timeline, from whole captures down to single
//! nanoseconds.
//!
//! Pure code does the thinking and is tested without a GPU:
//! [`view`] (time ↔ pixel with `u64` nanosecond origins, zoom, pan, fit,
//! range selection), [`ticks`] (adaptive axis ticks and labels), [`lod`]
//! (which pyramid level for which zoom), [`layout`] (rows per container,
//! process and thread) and [`frame`] (one frame as quads, labels and hit
//! boxes, in work proportional to pixels). The density pyramid itself is
//! built headlessly in `scapscope_core::timeline`.
//!
//! The GPU side is small: [`pipeline::Pipeline`] draws a frame's quads as
//! instances with one WGSL shader ([`pipeline::QUADS_WGSL`]), and
//! [`offscreen::Offscreen`] renders into an image for tests and exports.
//! The app wraps the pipeline in an iced `shader` widget.
//!
//! Start with [`frame::build`].

pub mod frame;
pub mod layout;
pub mod lod;
pub mod offscreen;
pub mod palette;
pub mod pipeline;
pub mod ticks;
pub mod view;

pub use frame::{Frame, Instance, Scene, Target, build};
pub use layout::{Geometry, Layout};
pub use palette::Palette;
pub use pipeline::Pipeline;
pub use ticks::Clock;
pub use view::View;

//! Decoding of the `.scap` block format: block ids, metadata blocks and
//! event records. Pure functions over byte slices; nothing here allocates
//! per event.

pub mod blocks;
pub mod cursor;
pub mod event;
pub mod meta;

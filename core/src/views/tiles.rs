//! Overview tiles.

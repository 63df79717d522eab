//! Errors of the reader. Every variant names where (byte offset) and what.

use std::sync::Arc;

/// Why a capture could not be opened at all.
#[derive(Debug, Clone, thiserror::Error)]
pub enum OpenError {
    /// The file could not be opened, mapped or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The underlying I/O error.
        source: Arc<std::io::Error>,
        /// The path that failed.
        path: String,
    },
    /// The load was cancelled before the capture was mapped.
    #[error("cancelled")]
    Cancelled,
    /// The file does not start with a section header block.
    #[error(
        "not a .scap capture (first bytes {magic:#010x}, expected a section header block): {path}"
    )]
    NotACapture {
        /// The first four bytes, little-endian.
        magic: u32,
        /// The file.
        path: String,
    },
}

/// Why reading stopped before the end of the file. Everything read before
/// `offset` stays valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct ReadError {
    /// Byte offset (in the uncompressed stream) of the block that failed.
    pub offset: u64,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

/// What went wrong while walking the block framing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadErrorKind {
    /// The file ends inside a block (capture killed or copied early).
    #[error("file truncated: block of {block_len_bytes} bytes needs {missing_bytes} more bytes")]
    Truncated {
        /// Total length the block header announced.
        block_len_bytes: u64,
        /// How many bytes are missing.
        missing_bytes: u64,
    },
    /// Fewer than 8 bytes remain after the last complete block.
    #[error("file truncated: {trailing_bytes} trailing bytes are not a block")]
    TrailingBytes {
        /// Bytes left over.
        trailing_bytes: u64,
    },
    /// The block length is too small to hold a header and trailer.
    #[error("corrupt block {block_type:#x}: length {block_len_bytes} is smaller than 12")]
    BlockTooShort {
        /// Block type.
        block_type: u32,
        /// Announced length.
        block_len_bytes: u32,
    },
    /// The trailer length disagrees with the header length.
    #[error(
        "corrupt block {block_type:#x}: header says {block_len_bytes} bytes, trailer says {trailer_len_bytes}"
    )]
    TrailerMismatch {
        /// Block type.
        block_type: u32,
        /// Length in the header.
        block_len_bytes: u32,
        /// Length in the trailer.
        trailer_len_bytes: u32,
    },
    /// A section header block is malformed or of an unsupported version.
    #[error("bad section header: {reason}")]
    BadSectionHeader {
        /// Why.
        reason: String,
    },
    /// A metadata block (process, fd, user, interface list, machine info) is
    /// malformed.
    #[error("corrupt {block} block: {reason}")]
    BadMetadata {
        /// Which block kind.
        block: &'static str,
        /// Why.
        reason: String,
    },
    /// An I/O error while streaming (e.g. a corrupt gzip stream).
    #[error("read error: {message}")]
    Io {
        /// The error text.
        message: String,
    },
}

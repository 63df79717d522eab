//! The one place that maps a capture file into memory.
#![allow(unsafe_code)]

use std::fs::File;

use memmap2::Mmap;

/// Maps `file` read-only.
///
/// # Safety
///
/// The file must not be truncated or modified by another process while it
/// is mapped: reads of a truncated mapping raise SIGBUS. Captures are
/// written once and then only read, which is what scapscope assumes.
pub(crate) fn map_file(file: &File) -> std::io::Result<Mmap> {
    // SAFETY: see the function's safety contract; the mapping is read-only
    // and scapscope never writes to capture files.
    unsafe { Mmap::map(file) }
}

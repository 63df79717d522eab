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

/// Tells the kernel this process no longer needs the pages of `range`
/// resident: they leave its RSS and are read back from the file if touched
/// again. The loader calls it behind its read position, so that resident
/// memory does not grow with the capture.
pub(crate) fn release_pages(map: &Mmap, range: std::ops::Range<usize>) {
    const PAGE: usize = 4096;
    let start = range.start.div_ceil(PAGE) * PAGE;
    let end = (range.end / PAGE) * PAGE;
    if end <= start || end > map.len() {
        return;
    }
    // SAFETY: MADV_DONTNEED on a read-only, file-backed, private mapping
    // only drops this process's copy of the pages: later reads fault them
    // back in from the file with the same contents, so no reference into
    // the mapping ever sees different bytes.
    let _ = unsafe {
        map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
    };
}

//! Where the bytes of a capture come from: a memory-mapped raw file, an
//! in-memory buffer, or a streamed gzip file; and the block framing walk.
//!
//! Raw files are never copied: blocks are slices of the mapping. Gzip files
//! are decompressed as a stream, one block at a time, into a reused buffer.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use memmap2::Mmap;

use crate::error::{OpenError, ReadError, ReadErrorKind};

/// Block type of the section header block (also the file magic).
pub const SHB_BLOCK_TYPE: u32 = 0x0A0D_0D0A;

/// One block as found in the file: type, where it starts, and its body
/// (after the 8-byte header, before the 4-byte trailer; includes padding).
#[derive(Debug, Clone, Copy)]
pub struct RawBlock<'a> {
    /// Byte offset of the block in the (uncompressed) stream.
    pub offset: u64,
    /// Block type id.
    pub block_type: u32,
    /// Body bytes, padding included.
    pub body: &'a [u8],
}

/// Bytes that can be shared and sliced: a mapping or an owned buffer.
#[derive(Debug, Clone)]
pub enum SharedBytes {
    /// A read-only memory mapping of a raw capture.
    Mapped(Arc<Mmap>),
    /// Bytes held in memory (tests, small fixtures).
    Owned(Arc<[u8]>),
}

impl SharedBytes {
    /// Drops the resident pages of `range` from memory (mapped bytes only;
    /// they come back from the file when read again).
    pub fn release(&self, range: std::ops::Range<usize>) {
        if let SharedBytes::Mapped(m) = self {
            crate::mmap::release_pages(m, range);
        }
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            SharedBytes::Mapped(m) => m,
            SharedBytes::Owned(v) => v,
        }
    }
}

/// How a capture is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// A raw block stream (memory-mapped).
    Raw,
    /// A gzip stream (decompressed while reading).
    Gzip,
}

/// A source of blocks.
pub enum BlockSource {
    /// Walks a byte slice (mapped or owned).
    Slice(SliceBlocks),
    /// Streams a gzip file.
    Gzip(GzipBlocks),
}

impl BlockSource {
    /// Opens a capture file, detecting gzip by its magic bytes.
    pub fn open(path: &Path) -> Result<(BlockSource, Storage), OpenError> {
        let io_err = |e: std::io::Error| OpenError::Io {
            source: Arc::new(e),
            path: path.display().to_string(),
        };
        let mut file = File::open(path).map_err(io_err)?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(io_err)?;
        if n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
            let file = File::open(path).map_err(io_err)?;
            let reader = BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file));
            return Ok((
                BlockSource::Gzip(GzipBlocks::new(Box::new(reader))),
                Storage::Gzip,
            ));
        }
        if n < 4 || u32::from_le_bytes(magic) != SHB_BLOCK_TYPE {
            return Err(OpenError::NotACapture {
                magic: u32::from_le_bytes(magic),
                path: path.display().to_string(),
            });
        }
        let map = crate::mmap::map_file(&file).map_err(io_err)?;
        Ok((
            BlockSource::Slice(SliceBlocks::new(SharedBytes::Mapped(Arc::new(map)))),
            Storage::Raw,
        ))
    }

    /// A source over bytes already in memory (gzip detected and streamed).
    pub fn from_bytes(bytes: Vec<u8>) -> BlockSource {
        if bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
            let reader = BufReader::new(MultiGzDecoder::new(std::io::Cursor::new(bytes)));
            return BlockSource::Gzip(GzipBlocks::new(Box::new(reader)));
        }
        BlockSource::Slice(SliceBlocks::new(SharedBytes::Owned(bytes.into())))
    }

    /// The next block, `Ok(None)` at a clean end of file.
    pub fn next_block(&mut self) -> Result<Option<RawBlock<'_>>, ReadError> {
        match self {
            BlockSource::Slice(s) => s.next_block(),
            BlockSource::Gzip(g) => g.next_block(),
        }
    }

    /// The block last returned by [`BlockSource::next_block`], again.
    pub fn last_block(&self) -> Option<RawBlock<'_>> {
        match self {
            BlockSource::Slice(s) => {
                let (offset, block_type, start, end) = s.last?;
                Some(RawBlock {
                    offset,
                    block_type,
                    body: &s.bytes.as_slice()[start..end],
                })
            }
            BlockSource::Gzip(g) => {
                let (offset, block_type, len) = g.last?;
                Some(RawBlock {
                    offset,
                    block_type,
                    body: &g.buf[..len],
                })
            }
        }
    }

    /// Bytes consumed so far (uncompressed stream offset).
    pub fn position(&self) -> u64 {
        match self {
            BlockSource::Slice(s) => s.pos as u64,
            BlockSource::Gzip(g) => g.pos,
        }
    }

    /// Total uncompressed length when known (raw files).
    pub fn total_len(&self) -> Option<u64> {
        match self {
            BlockSource::Slice(s) => Some(s.bytes.as_slice().len() as u64),
            BlockSource::Gzip(_) => None,
        }
    }
}

/// Maps a capture for random access. Raw files are mapped as they are;
/// gzip files are decompressed (streaming) into an anonymous cache file
/// that is unlinked at once — so nothing is left behind, even after a crash
/// — and then mapped. `progress` gets the decompressed byte count now and
/// then and returns `false` to cancel.
pub fn map_capture(
    path: &Path,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(SharedBytes, Storage), OpenError> {
    let io_err = |e: std::io::Error| OpenError::Io {
        source: Arc::new(e),
        path: path.display().to_string(),
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic).map_err(io_err)?;
    if n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
        let gz = File::open(path).map_err(io_err)?;
        let mut dec = MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 20, gz));
        let cache_path = std::env::temp_dir().join(format!(
            "scapscope-cache-{}-{}.scap",
            std::process::id(),
            CACHE_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let mut cache = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&cache_path)
            .map_err(io_err)?;
        // Unlinked right away: the open handle keeps the data alive.
        let _ = std::fs::remove_file(&cache_path);
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            let k = match dec.read(&mut buf) {
                Ok(0) => break,
                Ok(k) => k,
                // A corrupt or truncated gzip stream: keep what decoded; the
                // block reader reports where the capture stops.
                Err(_) => break,
            };
            std::io::Write::write_all(&mut cache, &buf[..k]).map_err(io_err)?;
            total += k as u64;
            if !progress(total) {
                return Err(OpenError::Cancelled);
            }
        }
        if total == 0 {
            return Err(OpenError::NotACapture {
                magic: 0,
                path: path.display().to_string(),
            });
        }
        let map = crate::mmap::map_file(&cache).map_err(io_err)?;
        return Ok((SharedBytes::Mapped(Arc::new(map)), Storage::Gzip));
    }
    if n < 4 || u32::from_le_bytes(magic) != SHB_BLOCK_TYPE {
        return Err(OpenError::NotACapture {
            magic: u32::from_le_bytes(magic),
            path: path.display().to_string(),
        });
    }
    let map = crate::mmap::map_file(&file).map_err(io_err)?;
    Ok((SharedBytes::Mapped(Arc::new(map)), Storage::Raw))
}

static CACHE_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn le_u32(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

/// Validates a block's header and trailer; shared by both sources.
fn check_frame(
    offset: u64,
    block_type: u32,
    block_len: u32,
    trailer: u32,
) -> Result<(), ReadError> {
    if block_len < 12 {
        return Err(ReadError {
            offset,
            kind: ReadErrorKind::BlockTooShort {
                block_type,
                block_len_bytes: block_len,
            },
        });
    }
    if trailer != block_len {
        return Err(ReadError {
            offset,
            kind: ReadErrorKind::TrailerMismatch {
                block_type,
                block_len_bytes: block_len,
                trailer_len_bytes: trailer,
            },
        });
    }
    Ok(())
}

/// Walks blocks of a byte slice without copying.
pub struct SliceBlocks {
    bytes: SharedBytes,
    pos: usize,
    last: Option<(u64, u32, usize, usize)>,
}

impl SliceBlocks {
    /// Starts at offset 0.
    pub fn new(bytes: SharedBytes) -> Self {
        SliceBlocks {
            bytes,
            pos: 0,
            last: None,
        }
    }

    /// The underlying bytes (for lazily decoding payloads later).
    pub fn bytes(&self) -> &SharedBytes {
        &self.bytes
    }

    fn next_block(&mut self) -> Result<Option<RawBlock<'_>>, ReadError> {
        let data = self.bytes.as_slice();
        let rest = data.len() - self.pos;
        if rest == 0 {
            return Ok(None);
        }
        let offset = self.pos as u64;
        if rest < 8 {
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::TrailingBytes {
                    trailing_bytes: rest as u64,
                },
            });
        }
        let block_type = le_u32(data, self.pos);
        let block_len = le_u32(data, self.pos + 4);
        if block_len < 12 {
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::BlockTooShort {
                    block_type,
                    block_len_bytes: block_len,
                },
            });
        }
        if block_len as usize > rest {
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::Truncated {
                    block_len_bytes: u64::from(block_len),
                    missing_bytes: (block_len as usize - rest) as u64,
                },
            });
        }
        let end = self.pos + block_len as usize;
        let trailer = le_u32(data, end - 4);
        check_frame(offset, block_type, block_len, trailer)?;
        let body = &data[self.pos + 8..end - 4];
        self.last = Some((offset, block_type, self.pos + 8, end - 4));
        self.pos = end;
        Ok(Some(RawBlock {
            offset,
            block_type,
            body,
        }))
    }
}

/// Streams blocks out of a decompressing reader into a reused buffer.
pub struct GzipBlocks {
    reader: Box<dyn Read + Send>,
    buf: Vec<u8>,
    pos: u64,
    failed: bool,
    last: Option<(u64, u32, usize)>,
}

impl GzipBlocks {
    fn new(reader: Box<dyn Read + Send>) -> Self {
        GzipBlocks {
            reader,
            buf: Vec::new(),
            pos: 0,
            failed: false,
            last: None,
        }
    }

    fn next_block(&mut self) -> Result<Option<RawBlock<'_>>, ReadError> {
        if self.failed {
            return Ok(None);
        }
        let offset = self.pos;
        let io = |e: std::io::Error| ReadError {
            offset,
            kind: ReadErrorKind::Io {
                message: e.to_string(),
            },
        };
        let mut head = [0u8; 8];
        let n = match read_up_to(&mut self.reader, &mut head) {
            Ok(n) => n,
            Err(e) => {
                self.failed = true;
                return Err(io(e));
            }
        };
        if n == 0 {
            return Ok(None);
        }
        if n < 8 {
            self.failed = true;
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::TrailingBytes {
                    trailing_bytes: n as u64,
                },
            });
        }
        let block_type = le_u32(&head, 0);
        let block_len = le_u32(&head, 4);
        if block_len < 12 {
            self.failed = true;
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::BlockTooShort {
                    block_type,
                    block_len_bytes: block_len,
                },
            });
        }
        let want = block_len as usize - 8;
        self.buf.clear();
        // `take` + `read_to_end` grows the buffer only as data arrives, so a
        // hostile length field cannot make us allocate gigabytes up front.
        let got = match (&mut self.reader)
            .take(want as u64)
            .read_to_end(&mut self.buf)
        {
            Ok(got) => got,
            Err(e) => {
                self.failed = true;
                return Err(io(e));
            }
        };
        if got < want {
            self.failed = true;
            return Err(ReadError {
                offset,
                kind: ReadErrorKind::Truncated {
                    block_len_bytes: u64::from(block_len),
                    missing_bytes: (want - got) as u64,
                },
            });
        }
        let trailer = le_u32(&self.buf, want - 4);
        if let Err(e) = check_frame(offset, block_type, block_len, trailer) {
            self.failed = true;
            return Err(e);
        }
        self.pos += u64::from(block_len);
        self.last = Some((offset, block_type, want - 4));
        Ok(Some(RawBlock {
            offset,
            block_type,
            body: &self.buf[..want - 4],
        }))
    }
}

//! Per-direction reassembly of a stream's chunks, gaps included.

use crate::{Chunk, Direction};

/// The not-yet-decoded bytes of one direction: contiguous captured bytes
/// starting at stream position [`DirBuf::start`], and how many bytes were
/// lost right after them ([`DirBuf::gap_after`]).
///
/// A parser reads [`DirBuf::data`], consumes what it decoded, and when it
/// needs bytes that fell in a gap, decides how to resynchronise (skip a
/// body of known length with [`DirBuf::skip`], or give up on the message
/// with [`DirBuf::discard_to_gap`]).
#[derive(Debug, Clone, Default)]
pub struct DirBuf {
    buf: Vec<u8>,
    start: u64,
    gap_after: u64,
    /// Bytes still to skip (a skip that ran past the buffered bytes).
    skip_pending: u64,
    /// Bytes skipped that the capture did not hold, since the last
    /// [`DirBuf::take_lost`].
    lost: u64,
}

impl DirBuf {
    /// Appends a chunk of this direction. A chunk that arrives while a gap
    /// is pending starts a new contiguous run: the bytes before it (those
    /// of the gap) are gone, and it is buffered only when the buffer is
    /// empty; otherwise the buffered bytes must first be consumed or
    /// discarded, so the chunk is queued after a gap mark.
    pub fn push(&mut self, chunk: &Chunk) {
        let mut data = &chunk.data[..];
        let mut offset = chunk.offset;
        if self.skip_pending > 0 {
            let n = (self.skip_pending).min(data.len() as u64) as usize;
            self.skip_pending -= n as u64;
            data = &data[n..];
            offset += n as u64;
            // The rest of the skip falls in this chunk's own gap.
            let g = self.skip_pending.min(chunk.missing_after);
            self.skip_pending -= g;
            self.lost += g;
            if data.is_empty() {
                self.start = offset + g;
                self.gap_after = chunk.missing_after - g;
                return;
            }
        }
        if self.buf.is_empty() {
            self.start = offset;
            self.gap_after = 0;
        } else if self.gap_after > 0 {
            // Bytes after a gap cannot be joined to the buffered ones.
            // Callers handle the gap before pushing more; if they did not,
            // the older bytes are dropped.
            self.buf.clear();
            self.start = offset;
            self.gap_after = 0;
        }
        self.buf.extend_from_slice(data);
        self.gap_after = chunk.missing_after;
    }

    /// The buffered bytes.
    pub fn data(&self) -> &[u8] {
        &self.buf
    }

    /// Stream position of the first buffered byte.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Stream position just past the buffered bytes.
    pub fn end(&self) -> u64 {
        self.start + self.buf.len() as u64
    }

    /// Bytes lost right after the buffered ones (0: the next chunk
    /// continues them).
    pub fn gap_after(&self) -> u64 {
        self.gap_after
    }

    /// Whether no byte is buffered.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Drops the first `n` buffered bytes (decoded).
    pub fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len());
        self.buf.drain(..n);
        self.start += n as u64;
        if self.buf.is_empty() && self.gap_after > 0 {
            self.start += self.gap_after;
            self.gap_after = 0;
        }
    }

    /// Skips `n` bytes of the stream: buffered ones first, then the gap
    /// after them, then bytes of chunks still to come. For bodies of known
    /// length.
    pub fn skip(&mut self, n: u64) {
        let in_buf = n.min(self.buf.len() as u64);
        let mut left = n - in_buf;
        self.buf.drain(..in_buf as usize);
        self.start += in_buf;
        if self.buf.is_empty() {
            let g = left.min(self.gap_after);
            self.start += g;
            self.gap_after -= g;
            left -= g;
            self.lost += g;
            if self.gap_after > 0 {
                // Skip ended inside the gap: what remains of it is lost.
                self.start += self.gap_after;
                self.gap_after = 0;
            }
        }
        self.skip_pending += left;
    }

    /// Bytes of the stream a [`DirBuf::skip`] still has to pass (in chunks
    /// not yet pushed); 0 when the skip is complete.
    pub fn skipping(&self) -> u64 {
        self.skip_pending
    }

    /// Bytes that skips passed over without the capture holding them,
    /// since the last call; resets the count.
    pub fn take_lost(&mut self) -> u64 {
        std::mem::take(&mut self.lost)
    }

    /// Drops the buffered bytes and the gap after them: decoding resumes
    /// with the next chunk. Returns how many bytes were dropped.
    pub fn discard_to_gap(&mut self) -> u64 {
        let n = self.buf.len() as u64 + self.gap_after;
        self.start += n;
        self.buf.clear();
        self.gap_after = 0;
        self.skip_pending = 0;
        n
    }
}

/// One [`DirBuf`] per direction.
#[derive(Debug, Clone, Default)]
pub struct DirBufs {
    dirs: [DirBuf; 2],
}

impl DirBufs {
    /// The buffer of `dir`.
    pub fn get(&mut self, dir: Direction) -> &mut DirBuf {
        &mut self.dirs[dir.index()]
    }

    /// Appends a chunk to its direction's buffer and returns that buffer.
    pub fn push(&mut self, chunk: &Chunk) -> &mut DirBuf {
        let b = self.get(chunk.direction);
        b.push(chunk);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(offset: u64, data: &[u8], missing_after: u64) -> Chunk {
        Chunk {
            direction: Direction::Inbound,
            ts_ns: 0,
            offset,
            data: data.to_vec(),
            missing_after,
            datagram: false,
        }
    }

    #[test]
    fn contiguous_chunks_join() {
        let mut b = DirBuf::default();
        b.push(&chunk(0, b"abc", 0));
        b.push(&chunk(3, b"def", 0));
        assert_eq!(b.data(), b"abcdef");
        b.consume(4);
        assert_eq!((b.start(), b.data()), (4, &b"ef"[..]));
    }

    #[test]
    fn skipping_a_body_runs_through_gaps_and_later_chunks() {
        let mut b = DirBuf::default();
        // 4 captured of 10, then 4 captured of 10.
        b.push(&chunk(0, b"HEAD", 6));
        b.consume(2);
        assert_eq!(b.gap_after(), 6);
        // Skip a 12-byte body: 2 buffered, 6 of the gap, 4 of the next.
        b.skip(12);
        assert!(b.is_empty());
        assert_eq!(b.skipping(), 4);
        assert_eq!(b.take_lost(), 6);
        b.push(&chunk(10, b"BODYnext", 2));
        assert_eq!(b.data(), b"next");
        assert_eq!(b.skipping(), 0);
        assert_eq!(b.start(), 14);
        assert_eq!(b.gap_after(), 2);
        assert_eq!(b.discard_to_gap(), 6);
        assert_eq!(b.start(), 20);
    }

    #[test]
    fn consuming_everything_before_a_gap_moves_past_it() {
        let mut b = DirBuf::default();
        b.push(&chunk(0, b"ab", 8));
        b.consume(2);
        assert_eq!(b.start(), 10);
        b.push(&chunk(10, b"cd", 0));
        assert_eq!((b.start(), b.data()), (10, &b"cd"[..]));
    }
}

//! Bounds-checked reading of protocol bytes.

/// Reads a byte slice front to back; every read is checked and returns
/// `None` past the end. Knows the stream position of its first byte, so
/// [`Cursor::offset`] gives the position to put in a field.
#[derive(Debug, Clone, Copy)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    base: u64,
}

impl<'a> Cursor<'a> {
    /// A cursor over `data`, whose first byte is at stream position
    /// `base`.
    pub fn new(data: &'a [u8], base: u64) -> Cursor<'a> {
        Cursor { data, pos: 0, base }
    }

    /// Stream position of the next byte.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Index of the next byte in the slice.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Whether nothing is left.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The bytes left, without consuming them.
    pub fn rest(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    /// The whole slice.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Moves to index `pos` of the slice (for compression pointers);
    /// `None` when out of range.
    pub fn seek(&mut self, pos: usize) -> Option<()> {
        (pos <= self.data.len()).then(|| self.pos = pos)
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Option<()> {
        self.bytes(n).map(|_| ())
    }

    /// The next byte, not consumed.
    pub fn peek_u8(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// One byte.
    pub fn u8(&mut self) -> Option<u8> {
        let b = self.peek_u8()?;
        self.pos += 1;
        Some(b)
    }

    /// Big-endian u16.
    pub fn u16_be(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    /// Big-endian 24-bit value.
    pub fn u24_be(&mut self) -> Option<u32> {
        let b: [u8; 3] = self.array()?;
        Some(u32::from_be_bytes([0, b[0], b[1], b[2]]))
    }

    /// Big-endian u32.
    pub fn u32_be(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    /// Big-endian u64.
    pub fn u64_be(&mut self) -> Option<u64> {
        self.array().map(u64::from_be_bytes)
    }

    /// Little-endian u16.
    pub fn u16_le(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    /// Little-endian 24-bit value.
    pub fn u24_le(&mut self) -> Option<u32> {
        let b: [u8; 3] = self.array()?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], 0]))
    }

    /// Little-endian u32.
    pub fn u32_le(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// Little-endian u64.
    pub fn u64_le(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    /// Bytes up to (not including) `delim`, which is consumed too.
    pub fn until(&mut self, delim: u8) -> Option<&'a [u8]> {
        let rest = self.rest();
        let i = rest.iter().position(|&b| b == delim)?;
        self.pos += i + 1;
        Some(&rest[..i])
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_checked_and_positions_absolute() {
        let mut c = Cursor::new(&[0x12, 0x34, 0x56, 0x78, 0x9a, 0], 1000);
        assert_eq!(c.u16_be(), Some(0x1234));
        assert_eq!(c.offset(), 1002);
        assert_eq!(c.u24_le(), Some(0x9a7856));
        assert_eq!(c.u16_be(), None, "one byte left");
        assert_eq!(c.remaining(), 1);
        assert_eq!(c.u8(), Some(0));
        assert!(c.is_empty());
        assert_eq!(c.bytes(usize::MAX), None);
        let mut c = Cursor::new(b"abc\0def", 0);
        assert_eq!(c.until(0), Some(&b"abc"[..]));
        assert_eq!(c.rest(), b"def");
        assert_eq!(c.until(0), None);
    }
}

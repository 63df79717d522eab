//! A bounds-checked little-endian reader over a byte slice.

/// Reading past the end of the slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfBounds {
    /// Position of the failed read.
    pub at: usize,
    /// Bytes wanted.
    pub wanted: usize,
    /// Bytes available at that position.
    pub available: usize,
}

impl std::fmt::Display for OutOfBounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "needs {} bytes at body offset {} but only {} remain",
            self.wanted, self.at, self.available
        )
    }
}

/// Cursor over a byte slice. Every read is checked.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

macro_rules! read_le {
    ($name:ident, $ty:ty) => {
        /// Reads one little-endian value.
        pub fn $name(&mut self) -> Result<$ty, OutOfBounds> {
            let b = self.bytes(std::mem::size_of::<$ty>())?;
            let mut a = [0u8; std::mem::size_of::<$ty>()];
            a.copy_from_slice(b);
            Ok(<$ty>::from_le_bytes(a))
        }
    };
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Cursor { data, pos: 0 }
    }

    /// Current position.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Takes `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], OutOfBounds> {
        if n > self.remaining() {
            return Err(OutOfBounds {
                at: self.pos,
                wanted: n,
                available: self.remaining(),
            });
        }
        let b = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Result<(), OutOfBounds> {
        self.bytes(n).map(|_| ())
    }

    /// A u16-length-prefixed byte string (metadata blocks).
    pub fn str16(&mut self) -> Result<&'a [u8], OutOfBounds> {
        let n = self.u16()?;
        self.bytes(usize::from(n))
    }

    read_le!(u8, u8);
    read_le!(u16, u16);
    read_le!(u32, u32);
    read_le!(u64, u64);
    read_le!(i64, i64);
}

//! A chunk of the columnar store: typed columns for up to
//! [`CHUNK_EVENTS`] consecutive events, plus their summary.

use std::collections::HashMap;
use std::ops::Range;

use crate::schema::{self, category};

/// Events per chunk. Large enough that per-chunk overhead vanishes, small
/// enough that the first chunk of a huge capture is published in a few
/// milliseconds.
pub const CHUNK_EVENTS: usize = 1 << 16;

/// Events per time-index block inside a chunk.
pub const BLOCK: usize = 256;

/// Entity id meaning "none".
pub const NO_ENTITY: u32 = u32::MAX;

/// Per-chunk aggregates that views and the timeline use without touching
/// events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChunkSummary {
    /// Smallest timestamp (metaevents stamped 0 excluded).
    pub min_ts_ns: u64,
    /// Largest timestamp.
    pub max_ts_ns: u64,
    /// Events by category, indexed by [`category_slot`].
    pub by_category: [u32; 16],
    /// Bytes read by I/O exits.
    pub read_bytes: u64,
    /// Bytes written by I/O exits.
    pub write_bytes: u64,
    /// Exit events with a negative result.
    pub errors: u32,
    /// Whether timestamps never go backwards inside the chunk.
    pub ts_sorted: bool,
}

/// Timestamps of a chunk: offsets from the smallest non-zero timestamp of
/// their block of [`BLOCK`] events, each block's in as many bits as its
/// span needs (a block of 256 events 1 µs apart: 18 bits), 8-byte values
/// when too many would not fit 32 bits. Nanosecond precision either way.
#[derive(Debug, Clone)]
pub enum TsColumn {
    /// Being filled: plain values.
    Building(Vec<u64>),
    /// `bases[j / BLOCK] + rel[j]`, except indices in `exceptions` (e.g.
    /// metaevents stamped 0).
    Narrow {
        /// Smallest non-zero timestamp of each block.
        bases: Vec<u64>,
        /// Offsets from the block's base.
        rel: RelColumn,
        /// Timestamps that do not fit, by index.
        exceptions: HashMap<u32, u64>,
    },
    /// Plain values.
    Wide(Vec<u64>),
}

/// Offsets of timestamps from their block's base, bit-packed: each block
/// at the width that costs least for it (its offsets', or less with a few
/// exceptions); an offset of all ones means "see the exceptions".
#[derive(Debug, Clone)]
pub struct RelColumn {
    /// Per block: offset width in bits, 1 to 32.
    widths: Vec<u8>,
    /// Per block: where its offsets start in `bits`, in bits.
    bit_starts: Vec<u32>,
    /// The offsets, little-endian bit order; eight spare bytes at the end,
    /// so that every offset can be read as one 8-byte word.
    bits: Vec<u8>,
    len: usize,
}

impl RelColumn {
    #[inline]
    fn get(&self, j: usize) -> Option<u64> {
        let b = j / BLOCK;
        let w = u32::from(self.widths[b]);
        let pos = self.bit_starts[b] as usize + (j % BLOCK) * w as usize;
        let byte = pos / 8;
        let word = u64::from_le_bytes(self.bits[byte..byte + 8].try_into().unwrap_or([0; 8]));
        let mask = (1u64 << w) - 1;
        let x = (word >> (pos % 8)) & mask;
        (x != mask).then_some(x)
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Bits per event, the blocks' offsets only.
    #[cfg(test)]
    fn bits_per_event(&self) -> f64 {
        (self.bits.len() - 8) as f64 * 8.0 / self.len.max(1) as f64
    }

    fn heap_bytes(&self) -> usize {
        self.widths.capacity() + self.bit_starts.capacity() * 4 + self.bits.capacity()
    }

    /// Packs `rel` (offsets, `None` for an exception), block by block;
    /// returns the column and the indices that need exceptions.
    fn pack(rel: &[Option<u64>]) -> (RelColumn, Vec<u32>) {
        let blocks = rel.len().div_ceil(BLOCK);
        let mut widths = Vec::with_capacity(blocks);
        let mut bit_starts = Vec::with_capacity(blocks);
        let mut bits: Vec<u8> = Vec::new();
        let mut bit_len = 0usize;
        let mut exceptions = Vec::new();
        for (b, block) in rel.chunks(BLOCK).enumerate() {
            // Per width, how many offsets do not fit under its all-ones
            // value: a histogram of the widths the offsets need.
            let mut need = [0usize; 66];
            for r in block {
                let w = r.map_or(65, |r| 64 - r.saturating_add(1).leading_zeros() as usize);
                need[w] += 1;
            }
            // An exception costs ~16 bytes in the map.
            let mut best = (usize::MAX, 32u32);
            let mut misfits = block.len() - need[..=1].iter().sum::<usize>();
            for w in 1..=32u32 {
                if w > 1 {
                    misfits -= need[w as usize];
                }
                let cost = block.len() * w as usize + misfits * 128;
                if cost < best.0 {
                    best = (cost, w);
                }
            }
            let w = best.1;
            let all_ones = (1u64 << w) - 1;
            widths.push(w as u8);
            bit_starts.push(bit_len as u32);
            bits.resize((bit_len + block.len() * w as usize).div_ceil(8), 0);
            for (k, r) in block.iter().enumerate() {
                let x = match r {
                    Some(r) if *r < all_ones => *r,
                    _ => {
                        exceptions.push((b * BLOCK + k) as u32);
                        all_ones
                    }
                };
                // Up to 32 bits at a bit position: spread over 5 bytes.
                let (byte, shift) = (bit_len / 8, bit_len % 8);
                let spread = x << shift;
                for (i, o) in bits[byte..].iter_mut().take(5).enumerate() {
                    *o |= (spread >> (8 * i)) as u8;
                }
                bit_len += w as usize;
            }
        }
        bits.resize(bits.len() + 8, 0);
        bits.shrink_to_fit();
        let col = RelColumn {
            widths,
            bit_starts,
            bits,
            len: rel.len(),
        };
        (col, exceptions)
    }
}

impl Default for TsColumn {
    fn default() -> Self {
        TsColumn::Building(Vec::new())
    }
}

impl TsColumn {
    fn get(&self, j: usize) -> u64 {
        match self {
            TsColumn::Building(v) | TsColumn::Wide(v) => v[j],
            TsColumn::Narrow {
                bases,
                rel,
                exceptions,
            } => match rel.get(j) {
                None => exceptions.get(&(j as u32)).copied().unwrap_or(0),
                Some(r) => bases[j / BLOCK] + r,
            },
        }
    }

    fn len(&self) -> usize {
        match self {
            TsColumn::Building(v) | TsColumn::Wide(v) => v.len(),
            TsColumn::Narrow { rel, .. } => rel.len(),
        }
    }

    fn seal(&mut self) {
        let TsColumn::Building(v) = self else { return };
        let v = std::mem::take(v);
        let bases: Vec<u64> = v
            .chunks(BLOCK)
            .map(|b| b.iter().copied().filter(|&t| t != 0).min().unwrap_or(0))
            .collect();
        let rel: Vec<Option<u64>> = v
            .iter()
            .enumerate()
            .map(|(j, &t)| {
                let base = bases[j / BLOCK];
                (t != 0 && t >= base).then(|| t - base)
            })
            .collect();
        let (rel, misfits) = RelColumn::pack(&rel);
        // Exceptions cost ~16 bytes each: past 1 in 8 events, plain
        // values cost less.
        if misfits.len() * 8 > v.len() {
            *self = TsColumn::Wide(v);
            return;
        }
        let exceptions: HashMap<u32, u64> =
            misfits.into_iter().map(|j| (j, v[j as usize])).collect();
        *self = TsColumn::Narrow {
            bases,
            rel,
            exceptions,
        };
    }

    fn heap_bytes(&self) -> usize {
        match self {
            TsColumn::Building(v) | TsColumn::Wide(v) => v.capacity() * 8,
            TsColumn::Narrow {
                bases,
                rel,
                exceptions,
            } => bases.capacity() * 8 + rel.heap_bytes() + exceptions.capacity() * 16,
        }
    }
}

/// Events per group of the offset column.
const OFFSET_GROUP: usize = 32;

/// Block offsets of a chunk, relative to its base. Sealed, they take
/// about 1 or 2 bytes per event instead of 4: per group of
/// [`OFFSET_GROUP`] events the first one's offset, and per event the step
/// from the previous event of its group (its block's length, plus any
/// metadata block between them), in one byte when nearly all steps of the
/// chunk fit (events of under 255 bytes: small payloads), else in two.
/// Finding an offset adds at most 31 steps.
#[derive(Debug, Clone)]
enum OffsetColumn {
    /// Being filled, or too many steps that do not fit: plain values.
    Plain(Vec<u32>),
    /// Grouped steps.
    Steps {
        /// Offset of each group's first event.
        group: Vec<u32>,
        /// Step from the previous event of the group (0 for the first);
        /// the width's largest value: see `wide`.
        step: StepColumn,
        /// Offsets whose step does not fit, by index.
        wide: HashMap<u32, u32>,
    },
}

/// Steps of an [`OffsetColumn`].
#[derive(Debug, Clone)]
enum StepColumn {
    U8(Vec<u8>),
    U16(Vec<u16>),
}

impl StepColumn {
    /// Step `k`, `None` when it is in the side table.
    #[inline]
    fn get(&self, k: usize) -> Option<u32> {
        match self {
            StepColumn::U8(v) => (v[k] != u8::MAX).then_some(u32::from(v[k])),
            StepColumn::U16(v) => (v[k] != u16::MAX).then_some(u32::from(v[k])),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            StepColumn::U8(v) => v.capacity(),
            StepColumn::U16(v) => v.capacity() * 2,
        }
    }
}

impl Default for OffsetColumn {
    fn default() -> Self {
        OffsetColumn::Plain(Vec::new())
    }
}

impl OffsetColumn {
    fn get(&self, j: usize) -> u32 {
        match self {
            OffsetColumn::Plain(v) => v[j],
            OffsetColumn::Steps { group, step, wide } => {
                let first = j - j % OFFSET_GROUP;
                let mut sum = 0u32;
                for k in (first + 1..=j).rev() {
                    match step.get(k) {
                        None => {
                            return wide.get(&(k as u32)).copied().unwrap_or(0) + sum;
                        }
                        Some(x) => sum += x,
                    }
                }
                group[j / OFFSET_GROUP] + sum
            }
        }
    }

    fn seal(&mut self) {
        let OffsetColumn::Plain(v) = self else { return };
        // Step of event `j` when below `limit` (the width's escape value).
        let step_of = |j: usize, limit: u32| {
            if j.is_multiple_of(OFFSET_GROUP) {
                Some(0)
            } else {
                v[j].checked_sub(v[j - 1]).filter(|&d| d < limit)
            }
        };
        let misfits = |limit: u32| {
            (0..v.len())
                .filter(|&j| step_of(j, limit).is_none())
                .count()
        };
        // Each misfit costs ~8 bytes: one-byte steps pay up to 1 in 16
        // misfits, two-byte ones up to 1 in 4; past that plain values are
        // smaller.
        let limit = if misfits(u32::from(u8::MAX)) * 16 <= v.len() {
            u32::from(u8::MAX)
        } else if misfits(u32::from(u16::MAX)) * 4 <= v.len() {
            u32::from(u16::MAX)
        } else {
            v.shrink_to_fit();
            return;
        };
        let mut wide = HashMap::new();
        let mut steps = (0..v.len()).map(|j| match step_of(j, limit) {
            Some(d) => d,
            None => {
                wide.insert(j as u32, v[j]);
                limit
            }
        });
        let step = if limit == u32::from(u8::MAX) {
            StepColumn::U8(steps.by_ref().map(|d| d as u8).collect())
        } else {
            StepColumn::U16(steps.by_ref().map(|d| d as u16).collect())
        };
        drop(steps);
        wide.shrink_to_fit();
        let group = v.iter().step_by(OFFSET_GROUP).copied().collect();
        *self = OffsetColumn::Steps { group, step, wide };
    }

    fn heap_bytes(&self) -> usize {
        match self {
            OffsetColumn::Plain(v) => v.capacity() * 4,
            OffsetColumn::Steps { group, step, wide } => {
                group.capacity() * 4 + step.heap_bytes() + wide.capacity() * 8
            }
        }
    }
}

/// CPU numbers of a chunk: one byte each while filling, then packed in 1,
/// 2 or 4 bits when every CPU of the chunk fits (machines with up to 16
/// CPUs), so a 4-CPU capture pays a quarter byte per event. `u8::MAX`
/// means "see the chunk's `cpu_wide`".
#[derive(Debug, Clone)]
enum CpuColumn {
    /// One byte per event.
    Bytes(Vec<u8>),
    /// `bits` bits per event, little-endian within each word.
    Packed { bits: u32, words: Vec<u64> },
}

impl Default for CpuColumn {
    fn default() -> Self {
        CpuColumn::Bytes(Vec::new())
    }
}

impl CpuColumn {
    #[inline]
    fn get(&self, j: usize) -> u8 {
        match self {
            CpuColumn::Bytes(v) => v[j],
            CpuColumn::Packed { bits, words } => {
                let at = j * *bits as usize;
                ((words[at / 64] >> (at % 64)) & ((1 << bits) - 1)) as u8
            }
        }
    }

    fn push(&mut self, c: u8) {
        if let CpuColumn::Bytes(v) = self {
            v.push(c);
        }
    }

    fn reserve_exact(&mut self, n: usize) {
        if let CpuColumn::Bytes(v) = self {
            v.reserve_exact(n);
        }
    }

    fn seal(&mut self) {
        let CpuColumn::Bytes(v) = self else { return };
        let max = v.iter().copied().max().unwrap_or(0);
        let bits: u32 = match max {
            0..=1 => 1,
            2..=3 => 2,
            4..=15 => 4,
            _ => {
                v.shrink_to_fit();
                return;
            }
        };
        let mut words = vec![0u64; (v.len() * bits as usize).div_ceil(64)];
        for (j, &c) in v.iter().enumerate() {
            let at = j * bits as usize;
            words[at / 64] |= u64::from(c) << (at % 64);
        }
        *self = CpuColumn::Packed { bits, words };
    }

    fn heap_bytes(&self) -> usize {
        match self {
            CpuColumn::Bytes(v) => v.capacity(),
            CpuColumn::Packed { words, .. } => words.capacity() * 8,
        }
    }
}

/// A value a [`DictColumn`] holds: entity ids, event types.
trait DictKey: Copy + Eq + Default {
    /// The value as a hash input.
    fn key(self) -> u32;
}

impl DictKey for u32 {
    fn key(self) -> u32 {
        self
    }
}

impl DictKey for u16 {
    fn key(self) -> u32 {
        u32::from(self)
    }
}

/// A column of values that repeat within a block: entity ids (threads,
/// fds) and event types. Sealed, it takes about a byte per event or less:
/// per block of [`BLOCK`] events a dictionary of the distinct values in
/// first-seen order, and per event the index of its value in its block's
/// dictionary, packed in as few bits as that dictionary needs (0 bits
/// when a block has one value, 4 for up to 16, 8 for up to 256: a block
/// has at most 256 events, so an index always fits). A block holds few
/// distinct threads, fds and types, since events come in bursts per
/// thread: on generated captures the thread index takes ~3 bits.
#[derive(Debug, Clone)]
enum DictColumn<T> {
    /// Being filled: plain values.
    Building(Vec<T>),
    /// Per-block dictionaries.
    Dict {
        /// Where each block's dictionary starts in `dict`, and after the
        /// last block, `dict.len()` (so a block's size is the difference).
        starts: Vec<u32>,
        /// The blocks' dictionaries, one after the other.
        dict: Vec<T>,
        /// Where each block's indices start in `bits`, in bits.
        bit_starts: Vec<u32>,
        /// The indices, little-endian bit order, each block's at its
        /// width; one spare byte at the end, so that every index can be
        /// read as two bytes.
        bits: Vec<u8>,
        /// Number of values.
        len: usize,
    },
}

/// Bits an index into a dictionary of `n` values takes.
#[inline]
fn index_bits(n: u32) -> u32 {
    if n <= 1 {
        0
    } else {
        32 - (n - 1).leading_zeros()
    }
}

/// The `w`-bit index at bit `pos` of `bits` (`w` at most 8).
#[inline]
fn read_index(bits: &[u8], pos: usize, w: u32) -> usize {
    let byte = pos / 8;
    let two = u16::from_le_bytes([bits[byte], bits[byte + 1]]);
    usize::from((two >> (pos % 8)) & ((1u16 << w) - 1))
}

impl<T> Default for DictColumn<T> {
    fn default() -> Self {
        DictColumn::Building(Vec::new())
    }
}

impl<T: DictKey> DictColumn<T> {
    #[inline]
    fn get(&self, j: usize) -> T {
        match self {
            DictColumn::Building(v) => v[j],
            DictColumn::Dict {
                starts,
                dict,
                bit_starts,
                bits,
                ..
            } => {
                let b = j / BLOCK;
                let base = starts[b];
                let w = index_bits(starts[b + 1] - base);
                let i = if w == 0 {
                    0
                } else {
                    read_index(bits, bit_starts[b] as usize + (j % BLOCK) * w as usize, w)
                };
                dict[base as usize + i]
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            DictColumn::Building(v) => v.len(),
            DictColumn::Dict { len, .. } => *len,
        }
    }

    /// Values of `start..start + out.len()` into `out`.
    fn get_into(&self, start: usize, out: &mut [T]) {
        match self {
            DictColumn::Building(v) => out.copy_from_slice(&v[start..start + out.len()]),
            DictColumn::Dict {
                starts,
                dict,
                bit_starts,
                bits,
                ..
            } => {
                let mut j = start;
                let mut rest = out;
                while !rest.is_empty() {
                    // Runs end at block boundaries: one dictionary each.
                    let n = rest.len().min(BLOCK - j % BLOCK);
                    let (head, tail) = rest.split_at_mut(n);
                    let b = j / BLOCK;
                    let base = starts[b] as usize;
                    let w = index_bits(starts[b + 1] - starts[b]);
                    if w == 0 {
                        head.fill(dict[base]);
                    } else {
                        let mut pos = bit_starts[b] as usize + (j % BLOCK) * w as usize;
                        for o in head.iter_mut() {
                            *o = dict[base + read_index(bits, pos, w)];
                            pos += w as usize;
                        }
                    }
                    j += n;
                    rest = tail;
                }
            }
        }
    }

    fn push(&mut self, v: T) {
        if let DictColumn::Building(b) = self {
            b.push(v);
        }
    }

    fn reserve_exact(&mut self, n: usize) {
        if let DictColumn::Building(v) = self {
            v.reserve_exact(n);
        }
    }

    fn seal(&mut self) {
        let DictColumn::Building(v) = self else {
            return;
        };
        // A small open-addressing table per block, cleared by generation
        // stamps rather than rewritten: twice a block's size, so probes stay
        // short even when all 256 values differ.
        const SLOTS: usize = 2 * BLOCK;
        let mut keys = [T::default(); SLOTS];
        let mut vals = [0u8; SLOTS];
        let mut stamp = [0u32; SLOTS];
        let blocks = v.len().div_ceil(BLOCK);
        let mut starts = Vec::with_capacity(blocks + 1);
        let mut bit_starts = Vec::with_capacity(blocks);
        let mut dict = Vec::new();
        let mut bits: Vec<u8> = Vec::new();
        let mut bit_len = 0usize;
        let mut idx = [0u8; BLOCK];
        for (b, block) in v.chunks(BLOCK).enumerate() {
            let generation = b as u32 + 1;
            let start = dict.len();
            starts.push(start as u32);
            for (k, &x) in block.iter().enumerate() {
                let mut h = (x.key().wrapping_mul(0x9E37_79B1) >> 23) as usize % SLOTS;
                loop {
                    if stamp[h] != generation {
                        stamp[h] = generation;
                        keys[h] = x;
                        vals[h] = (dict.len() - start) as u8;
                        dict.push(x);
                        break;
                    }
                    if keys[h] == x {
                        break;
                    }
                    h = (h + 1) % SLOTS;
                }
                idx[k] = vals[h];
            }
            // Pack the block's indices at the width its dictionary needs.
            let w = index_bits((dict.len() - start) as u32) as usize;
            bit_starts.push(bit_len as u32);
            bits.resize((bit_len + block.len() * w).div_ceil(8), 0);
            if w > 0 {
                for &i in &idx[..block.len()] {
                    let (byte, shift) = (bit_len / 8, bit_len % 8);
                    bits[byte] |= i << shift;
                    if shift + w > 8 {
                        bits[byte + 1] |= i >> (8 - shift);
                    }
                    bit_len += w;
                }
            }
        }
        starts.push(dict.len() as u32);
        // The spare byte that two-byte reads may touch.
        bits.push(0);
        bits.shrink_to_fit();
        dict.shrink_to_fit();
        *self = DictColumn::Dict {
            starts,
            dict,
            bit_starts,
            bits,
            len: v.len(),
        };
    }

    fn heap_bytes(&self) -> usize {
        match self {
            DictColumn::Building(v) => v.capacity() * std::mem::size_of::<T>(),
            DictColumn::Dict {
                starts,
                dict,
                bit_starts,
                bits,
                ..
            } => {
                (starts.capacity() + bit_starts.capacity()) * 4
                    + dict.capacity() * std::mem::size_of::<T>()
                    + bits.capacity()
            }
        }
    }
}

/// A column present for some events only (results: enter events have
/// none): a presence bitmap with rank counts, and the present values.
/// Sealed, the values take 2 bytes when nearly all fit in an `i16`
/// (errors, fds, most I/O byte counts), 4 otherwise.
#[derive(Debug, Clone, Default)]
pub struct SparseI32 {
    present: Vec<u64>,
    /// Number of present values before each bitmap word.
    rank: Vec<u32>,
    values: SparseValues,
    /// Values that do not fit the value width, by event index.
    wide: HashMap<u32, i64>,
}

/// The present values of a [`SparseI32`]; the type's minimum means "see
/// `wide`".
#[derive(Debug, Clone)]
enum SparseValues {
    I32(Vec<i32>),
    I16(Vec<i16>),
}

impl Default for SparseValues {
    fn default() -> Self {
        SparseValues::I32(Vec::new())
    }
}

impl SparseValues {
    fn len(&self) -> usize {
        match self {
            SparseValues::I32(v) => v.len(),
            SparseValues::I16(v) => v.len(),
        }
    }
}

impl SparseI32 {
    fn push(&mut self, j: usize, v: Option<i64>) {
        if j.is_multiple_of(64) {
            self.present.push(0);
            self.rank.push(self.values.len() as u32);
        }
        let Some(v) = v else { return };
        let SparseValues::I32(values) = &mut self.values else {
            // Sealed columns are immutable.
            return;
        };
        self.present[j / 64] |= 1 << (j % 64);
        match i32::try_from(v) {
            Ok(x) if x != i32::MIN => values.push(x),
            _ => {
                values.push(i32::MIN);
                self.wide.insert(j as u32, v);
            }
        }
    }

    fn get(&self, j: usize) -> Option<i64> {
        let w = *self.present.get(j / 64)?;
        if w & (1 << (j % 64)) == 0 {
            return None;
        }
        let k = self.rank[j / 64] as usize + (w & ((1u64 << (j % 64)) - 1)).count_ones() as usize;
        match &self.values {
            SparseValues::I32(v) => match v[k] {
                i32::MIN => self.wide.get(&(j as u32)).copied(),
                x => Some(i64::from(x)),
            },
            SparseValues::I16(v) => match v[k] {
                i16::MIN => self.wide.get(&(j as u32)).copied(),
                x => Some(i64::from(x)),
            },
        }
    }

    fn shrink(&mut self) {
        self.present.shrink_to_fit();
        self.rank.shrink_to_fit();
        let SparseValues::I32(values) = &mut self.values else {
            return;
        };
        let fits = |x: i32| x != i32::MIN && i16::try_from(x).is_ok_and(|y| y != i16::MIN);
        let misfits = values.iter().filter(|&&x| !fits(x)).count();
        // A value in `wide` costs ~24 bytes against 2 saved per narrowed
        // one: past 1 in 16, keep 4-byte values.
        if misfits * 16 > values.len() {
            values.shrink_to_fit();
            return;
        }
        // Event index of the k-th present value, for the values that move
        // to `wide`.
        let mut narrow = Vec::with_capacity(values.len());
        let mut k = 0;
        for (word, &bits) in self.present.iter().enumerate() {
            let mut b = bits;
            while b != 0 {
                let j = word * 64 + b.trailing_zeros() as usize;
                b &= b - 1;
                let x = values[k];
                k += 1;
                if fits(x) {
                    narrow.push(x as i16);
                } else {
                    narrow.push(i16::MIN);
                    if x != i32::MIN {
                        self.wide.insert(j as u32, i64::from(x));
                    }
                }
            }
        }
        self.wide.shrink_to_fit();
        self.values = SparseValues::I16(narrow);
    }

    fn heap_bytes(&self) -> usize {
        let values = match &self.values {
            SparseValues::I32(v) => v.capacity() * 4,
            SparseValues::I16(v) => v.capacity() * 2,
        };
        self.present.capacity() * 8 + self.rank.capacity() * 4 + values + self.wide.capacity() * 16
    }
}

/// Typed columns of one chunk. Every column has one entry per event;
/// together they take about 20 bytes per event (see `ARCHITECTURE.md`).
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Timestamps, ns since the epoch (4 or 8 B).
    ts: TsColumn,
    /// Offset of the event's block, relative to `base_offset` (about
    /// 2 B, see [`OffsetColumn`]).
    offsets: OffsetColumn,
    /// Event type id (about 1.2 B, see [`DictColumn`]); read through
    /// [`Chunk::event_type`].
    event_type: DictColumn<u16>,
    /// CPU (1 B, packed to 1–4 bits, see [`CpuColumn`]); `u8::MAX`
    /// means "see `cpu_wide`".
    cpu: CpuColumn,
    /// CPUs above 254, by index.
    cpu_wide: HashMap<u32, u16>,
    /// Thread entity id (about 1.3 B, see [`DictColumn`]), see
    /// `Entities`; read through [`Chunk::thread_id`].
    thread: DictColumn<u32>,
    /// Fd entity id or `NO_ENTITY` (about 1.5 B); read through
    /// [`Chunk::fd_id`].
    fd: DictColumn<u32>,
    /// Result (`res`, or the fd of fd-creating exits), for the events that
    /// have one (4 B each, about half of all events). For I/O exits a
    /// non-negative result is the byte count, so no separate length column
    /// is kept.
    res: SparseI32,
    /// Bit per event: hidden by sysdig.
    pub hidden: Vec<u64>,
    /// Bit per event: numbered by sysdig (type < 336).
    pub numbered: Vec<u64>,
    /// Bit per event: the event carries its own fd (libsinsp's
    /// `evt->m_fdinfo`: a paired I/O exit, an fd-creating exit…), which
    /// `evt.buflen.*` and the per-type error counts require.
    pub event_fd: Vec<u64>,
    /// Changes of per-process values (memory, threads, fds) after events of
    /// this chunk, in event order (see [`super::ProcDyn`]).
    pub proc_dyn: Vec<super::ProcDynChange>,
    /// Memory size changes of the event's process, in event order.
    pub proc_vm: Vec<super::ProcVmChange>,
    /// 2 bits per event: how the event changed its process's fd count
    /// (see [`super::fd_code`]).
    pub proc_fd: Vec<u64>,
    /// `evt.num` of the first numbered event minus one.
    pub num_base: u64,
    /// Offset all block offsets are relative to.
    pub base_offset: u64,
    /// Maximum timestamp of each block of `BLOCK` events.
    pub block_max: Vec<u64>,
    /// Minimum timestamp of each block.
    pub block_min: Vec<u64>,
    /// Aggregates.
    pub summary: ChunkSummary,
}

/// Slot of a category (`category & 0x3f`) in [`ChunkSummary::by_category`]:
/// the plain categories 0–12 keep their number, I/O read/write/other take
/// 13–15.
pub fn category_slot(cat: u32) -> usize {
    match cat {
        0..=12 => cat as usize,
        category::IO_READ => 13,
        category::IO_WRITE => 14,
        category::IO_OTHER => 15,
        _ => 0,
    }
}

fn set_bit(v: &mut Vec<u64>, i: usize, on: bool) {
    if i / 64 >= v.len() {
        v.push(0);
    }
    if on {
        v[i / 64] |= 1 << (i % 64);
    }
}

fn bit(v: &[u64], i: usize) -> bool {
    v.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// What the loader knows about one event when it appends it.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent {
    /// Timestamp.
    pub ts_ns: u64,
    /// Block offset.
    pub offset: u64,
    /// Type.
    pub event_type: u16,
    /// CPU.
    pub cpu: u16,
    /// Thread entity.
    pub thread: u32,
    /// Fd entity.
    pub fd: u32,
    /// Result.
    pub res: Option<i64>,
    /// I/O bytes.
    pub len_bytes: Option<u32>,
    /// Hidden by sysdig.
    pub hidden: bool,
    /// Numbered by sysdig.
    pub numbered: bool,
    /// Carries its own fd (libsinsp's `evt->m_fdinfo`).
    pub event_fd: bool,
    /// How it changed its process's fd count ([`super::fd_code`]).
    pub proc_fd_code: u8,
}

impl Chunk {
    /// An empty chunk whose offsets are relative to `base_offset` and whose
    /// first numbered event gets `num_base + 1`.
    pub fn new(base_offset: u64, num_base: u64) -> Chunk {
        Chunk {
            base_offset,
            num_base,
            summary: ChunkSummary {
                min_ts_ns: u64::MAX,
                ts_sorted: true,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// Whether it holds no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Timestamp of event `j`.
    pub fn ts_ns(&self, j: usize) -> u64 {
        self.ts.get(j)
    }

    /// CPU of event `j`.
    pub fn cpu(&self, j: usize) -> u16 {
        match self.cpu.get(j) {
            u8::MAX => self
                .cpu_wide
                .get(&(j as u32))
                .copied()
                .unwrap_or(u16::from(u8::MAX)),
            c => u16::from(c),
        }
    }

    /// Whether `offset` can still be stored relative to the base.
    pub fn fits(&self, offset: u64) -> bool {
        offset >= self.base_offset && offset - self.base_offset < u64::from(u32::MAX)
    }

    /// Makes room for `n` more events (the loader knows a chunk's size
    /// before it fills it: no regrowth, no copies).
    pub fn reserve(&mut self, n: usize) {
        if let TsColumn::Building(ts) = &mut self.ts {
            ts.reserve_exact(n);
        }
        if let OffsetColumn::Plain(v) = &mut self.offsets {
            v.reserve_exact(n);
        }
        self.event_type.reserve_exact(n);
        self.cpu.reserve_exact(n);
        self.thread.reserve_exact(n);
        self.fd.reserve_exact(n);
        let words = n.div_ceil(64);
        self.hidden.reserve_exact(words);
        self.numbered.reserve_exact(words);
        self.event_fd.reserve_exact(words);
        self.proc_fd.reserve_exact(n.div_ceil(32));
        self.block_max.reserve_exact(n.div_ceil(BLOCK));
        self.block_min.reserve_exact(n.div_ceil(BLOCK));
    }

    /// Appends an event (the loader checks [`Chunk::fits`] first).
    pub fn push(&mut self, e: NewEvent) {
        let i = self.len();
        let TsColumn::Building(ts) = &mut self.ts else {
            // Sealed chunks are immutable.
            return;
        };
        if let Some(&prev) = ts.last()
            && e.ts_ns < prev
        {
            self.summary.ts_sorted = false;
        }
        ts.push(e.ts_ns);
        if let OffsetColumn::Plain(v) = &mut self.offsets {
            v.push((e.offset - self.base_offset) as u32);
        }
        self.event_type.push(e.event_type);
        if e.cpu < u16::from(u8::MAX) {
            self.cpu.push(e.cpu as u8);
        } else {
            self.cpu.push(u8::MAX);
            self.cpu_wide.insert(i as u32, e.cpu);
        }
        self.thread.push(e.thread);
        self.fd.push(e.fd);
        self.res.push(i, e.res);
        set_bit(&mut self.hidden, i, e.hidden);
        set_bit(&mut self.numbered, i, e.numbered);
        set_bit(&mut self.event_fd, i, e.event_fd);
        if i.is_multiple_of(32) {
            self.proc_fd.push(0);
        }
        if let Some(w) = self.proc_fd.last_mut() {
            *w |= u64::from(e.proc_fd_code & 3) << (2 * (i % 32));
        }
        if i.is_multiple_of(BLOCK) {
            self.block_max.push(e.ts_ns);
            self.block_min.push(e.ts_ns);
        } else if let (Some(mx), Some(mn)) = (self.block_max.last_mut(), self.block_min.last_mut())
        {
            *mx = (*mx).max(e.ts_ns);
            *mn = (*mn).min(e.ts_ns);
        }
        let s = &mut self.summary;
        // Metaevents are stamped 0 or at dump time; they do not bound time.
        if e.ts_ns != 0 {
            s.min_ts_ns = s.min_ts_ns.min(e.ts_ns);
            s.max_ts_ns = s.max_ts_ns.max(e.ts_ns);
        }
        let cat = schema::compat_category(e.event_type) & 0x3f;
        s.by_category[category_slot(cat)] += 1;
        if !schema::is_enter(e.event_type) {
            if let Some(n) = e.len_bytes {
                match cat {
                    category::IO_READ => s.read_bytes += u64::from(n),
                    category::IO_WRITE => s.write_bytes += u64::from(n),
                    _ => {}
                }
            }
            if e.res.is_some_and(|r| r < 0) {
                s.errors += 1;
            }
        }
    }

    /// Frees spare capacity once the chunk is complete.
    pub fn seal(&mut self) {
        if self.summary.min_ts_ns == u64::MAX {
            self.summary.min_ts_ns = 0;
        }
        self.ts.seal();
        self.offsets.seal();
        self.event_type.seal();
        self.cpu.seal();
        self.thread.seal();
        self.fd.seal();
        self.res.shrink();
        self.hidden.shrink_to_fit();
        self.numbered.shrink_to_fit();
        self.event_fd.shrink_to_fit();
        self.proc_dyn.shrink_to_fit();
        self.proc_fd.shrink_to_fit();
        self.proc_vm.shrink_to_fit();
        self.block_max.shrink_to_fit();
        self.block_min.shrink_to_fit();
    }

    /// Result of event `j`.
    pub fn res(&self, j: usize) -> Option<i64> {
        self.res.get(j)
    }

    /// I/O bytes of event `j`: the non-negative result of an I/O exit.
    pub fn len_bytes(&self, j: usize) -> Option<u32> {
        super::ingest::io_len_of(self.event_type(j), self.res(j))
    }

    /// Absolute block offset of event `j`.
    pub fn offset(&self, j: usize) -> u64 {
        self.base_offset + u64::from(self.offsets.get(j))
    }

    /// Event type id of event `j`.
    #[inline]
    pub fn event_type(&self, j: usize) -> u16 {
        self.event_type.get(j)
    }

    /// Event type ids of all events, in order.
    pub fn event_types(&self) -> impl Iterator<Item = u16> + '_ {
        (0..self.event_type.len()).map(|j| self.event_type.get(j))
    }

    /// Event type ids of events `start..start + out.len()`, into `out`
    /// (for kernels that test many events at a time).
    pub fn event_types_into(&self, start: usize, out: &mut [u16]) {
        self.event_type.get_into(start, out);
    }

    /// Thread entity id of event `j` (see `Entities`).
    #[inline]
    pub fn thread_id(&self, j: usize) -> u32 {
        self.thread.get(j)
    }

    /// Fd entity id of event `j`, or [`NO_ENTITY`].
    #[inline]
    pub fn fd_id(&self, j: usize) -> u32 {
        self.fd.get(j)
    }

    /// Whether sysdig hides event `j`.
    pub fn is_hidden(&self, j: usize) -> bool {
        bit(&self.hidden, j)
    }

    /// Whether event `j` carries its own fd (libsinsp's `evt->m_fdinfo`).
    pub fn has_event_fd(&self, j: usize) -> bool {
        bit(&self.event_fd, j)
    }

    /// How event `j` changed its process's fd count ([`super::fd_code`]).
    pub fn proc_fd_code(&self, j: usize) -> u8 {
        self.proc_fd
            .get(j / 32)
            .map_or(0, |w| ((w >> (2 * (j % 32))) & 3) as u8)
    }

    /// sysdig's `evt.num` of event `j`.
    pub fn num(&self, j: usize) -> Option<u64> {
        if !bit(&self.numbered, j) {
            return None;
        }
        let full: u64 = self.numbered[..j / 64]
            .iter()
            .map(|w| u64::from(w.count_ones()))
            .sum();
        let part = self.numbered[j / 64] & ((1u64 << (j % 64)) - 1);
        Some(self.num_base + full + u64::from(part.count_ones()) + 1)
    }

    /// Number of numbered events (to chain `num_base` across chunks).
    pub fn numbered_count(&self) -> u64 {
        self.numbered
            .iter()
            .map(|w| u64::from(w.count_ones()))
            .sum()
    }

    /// Indices that may hold events of `[from_ns, to_ns)`: from the first
    /// block whose running maximum reaches `from_ns` to the last block whose
    /// running minimum (from the end) is below `to_ns`.
    pub fn candidates(&self, from_ns: u64, to_ns: u64) -> Range<usize> {
        let nb = self.block_max.len();
        if nb == 0 {
            return 0..0;
        }
        // Running max is monotone: binary search on it, computed on the fly
        // from per-block maxima (nb is at most CHUNK_EVENTS / BLOCK).
        let mut run_max = Vec::with_capacity(nb);
        let mut m = 0;
        for &x in &self.block_max {
            m = m.max(x);
            run_max.push(m);
        }
        let lo_block = run_max.partition_point(|&x| x < from_ns);
        let mut run_min = vec![0; nb];
        let mut m = u64::MAX;
        for (i, &x) in self.block_min.iter().enumerate().rev() {
            m = m.min(x);
            run_min[i] = m;
        }
        let hi_block = run_min.partition_point(|&x| x < to_ns);
        if lo_block >= hi_block {
            return 0..0;
        }
        (lo_block * BLOCK)..(hi_block * BLOCK).min(self.len())
    }

    /// Heap bytes of the columns, by column (what `heap_bytes` sums).
    pub fn heap_parts(&self) -> [(&'static str, usize); 9] {
        [
            ("timestamps", self.ts.heap_bytes()),
            ("offsets", self.offsets.heap_bytes()),
            ("event types", self.event_type.heap_bytes()),
            ("cpus", self.cpu.heap_bytes() + self.cpu_wide.capacity() * 8),
            ("thread ids", self.thread.heap_bytes()),
            ("fd ids", self.fd.heap_bytes()),
            ("results", self.res.heap_bytes()),
            (
                "bitmaps and per-process log",
                (self.hidden.capacity() + self.numbered.capacity() + self.event_fd.capacity()) * 8
                    + self.proc_dyn.capacity() * std::mem::size_of::<super::ProcDynChange>()
                    + self.proc_fd.capacity() * 8
                    + self.proc_vm.capacity() * std::mem::size_of::<super::ProcVmChange>(),
            ),
            (
                "time index",
                (self.block_max.capacity() + self.block_min.capacity()) * 8
                    + std::mem::size_of::<Chunk>(),
            ),
        ]
    }

    /// Heap bytes of the columns.
    pub fn heap_bytes(&self) -> usize {
        self.ts.heap_bytes()
            + self.offsets.heap_bytes()
            + self.event_type.heap_bytes()
            + self.cpu.heap_bytes()
            + self.cpu_wide.capacity() * 8
            + self.thread.heap_bytes()
            + self.fd.heap_bytes()
            + self.res.heap_bytes()
            + (self.hidden.capacity() + self.numbered.capacity() + self.event_fd.capacity()) * 8
            + self.proc_dyn.capacity() * std::mem::size_of::<super::ProcDynChange>()
            + self.proc_fd.capacity() * 8
            + self.proc_vm.capacity() * std::mem::size_of::<super::ProcVmChange>()
            + (self.block_max.capacity() + self.block_min.capacity()) * 8
            + std::mem::size_of::<Chunk>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(offset: u64) -> NewEvent {
        NewEvent {
            ts_ns: 1,
            offset,
            event_type: 1,
            cpu: 0,
            thread: 0,
            fd: NO_ENTITY,
            res: None,
            len_bytes: None,
            hidden: false,
            numbered: true,
            event_fd: false,
            proc_fd_code: 0,
        }
    }

    /// Results where 1 in `wide_every` present values needs more than 16
    /// bits, plus the edge values of each width.
    fn results(n: usize, wide_every: usize) -> Vec<Option<i64>> {
        (0..n)
            .map(|j| match j % 3 {
                0 => None,
                _ if j % (3 * wide_every) == 1 => Some(match (j / 3) % 4 {
                    0 => 70_000,
                    1 => i64::from(i32::MIN),
                    2 => 1 << 40,
                    _ => i64::from(i16::MIN),
                }),
                1 => Some(-(j as i64 % 130)),
                _ => Some(j as i64 % 4096),
            })
            .collect()
    }

    #[test]
    fn timestamps_round_trip_bit_packed_or_plain() {
        // Events `spacing_ns` apart from hour 10 of some day, with
        // metaevents stamped 0, a step backwards (per-CPU buffers merging)
        // and, every 1000 events, a jump past the narrow width.
        type IsEncoding = fn(&TsColumn) -> bool;
        fn bits(t: &TsColumn) -> f64 {
            match t {
                TsColumn::Narrow { rel, .. } => rel.bits_per_event(),
                _ => 64.0,
            }
        }
        let cases: [(u64, u64, IsEncoding); 4] = [
            // A block spans 256 µs: 19 bits (18, and the step back).
            (1_000, 5_000_000_000, |t| bits(t) < 20.0),
            // 25.6 ms: 25 bits.
            (100_000, 50_000_000_000, |t| (24.0..27.0).contains(&bits(t))),
            // Nanoseconds apart: a few bits.
            (1, 5_000_000_000, |t| bits(t) < 12.0),
            (20_000_000, 5_000_000_000, |t| {
                matches!(t, TsColumn::Wide(_))
            }),
        ];
        for (spacing_ns, jump_ns, encoding) in cases {
            let origin_ns = 1_700_000_000_000_000_000 + 10 * 3_600_000_000_000;
            let mut ts = Vec::new();
            let mut t = origin_ns;
            for j in 0..3_000u64 {
                t += spacing_ns;
                if j % 1_000 == 999 {
                    t += jump_ns;
                }
                ts.push(match j % 500 {
                    7 => 0,
                    8 => t - 3 * spacing_ns / 2,
                    _ => t,
                });
            }
            let mut c = Chunk::new(0, 0);
            for (j, &t) in ts.iter().enumerate() {
                let mut e = event(j as u64 * 40);
                e.ts_ns = t;
                c.push(e);
            }
            c.seal();
            assert!(
                encoding(&c.ts),
                "{spacing_ns} ns apart: {} bits per event",
                bits(&c.ts)
            );
            for (j, &t) in ts.iter().enumerate() {
                assert_eq!(c.ts_ns(j), t, "event {j}, {spacing_ns} ns apart");
            }
        }
    }

    #[test]
    fn cpus_round_trip_packed_or_not() {
        // Highest CPU of the chunk → expected bits per event (0 = bytes).
        for (max_cpu, bits) in [(0u16, 1), (1, 1), (3, 2), (15, 4), (16, 0), (300, 0)] {
            let cpus: Vec<u16> = (0..1_000u16).map(|j| (j * 7) % (max_cpu + 1)).collect();
            let mut c = Chunk::new(0, 0);
            for (j, &cpu) in cpus.iter().enumerate() {
                let mut e = event(j as u64 * 40);
                e.cpu = cpu;
                c.push(e);
            }
            c.seal();
            match &c.cpu {
                CpuColumn::Packed { bits: b, .. } => assert_eq!(*b, bits, "CPUs up to {max_cpu}"),
                CpuColumn::Bytes(_) => assert_eq!(bits, 0, "CPUs up to {max_cpu}"),
            }
            for (j, &cpu) in cpus.iter().enumerate() {
                assert_eq!(c.cpu(j), cpu, "event {j}, CPUs up to {max_cpu}");
            }
        }
    }

    #[test]
    fn results_round_trip_narrowed_or_not() {
        for (wide_every, narrowed) in [(40, true), (3, false)] {
            let res = results(3_000, wide_every);
            let mut c = Chunk::new(0, 0);
            for (j, &r) in res.iter().enumerate() {
                let mut e = event(j as u64 * 40);
                e.res = r;
                c.push(e);
            }
            let before = c.res.heap_bytes();
            c.seal();
            assert_eq!(
                matches!(c.res.values, SparseValues::I16(_)),
                narrowed,
                "1 wide value in {wide_every}"
            );
            for (j, &r) in res.iter().enumerate() {
                assert_eq!(c.res(j), r, "event {j}");
            }
            if narrowed {
                assert!(c.res.heap_bytes() < before * 3 / 4);
            }
        }
    }

    #[test]
    fn event_types_round_trip_one_by_one_and_in_runs() {
        let n = 3 * BLOCK + 40;
        let types: Vec<u16> = (0..n as u16)
            .map(|j| [3, 4, 5, 6, 330, 331][usize::from(j % 7 % 6)])
            .collect();
        let mut c = Chunk::new(0, 0);
        for (j, &t) in types.iter().enumerate() {
            let mut e = event(j as u64 * 40);
            e.event_type = t;
            c.push(e);
        }
        let plain = c.event_type.heap_bytes();
        c.seal();
        assert!(matches!(c.event_type, DictColumn::Dict { .. }));
        assert!(c.event_type.heap_bytes() * 3 < plain * 2);
        for (j, &t) in types.iter().enumerate() {
            assert_eq!(c.event_type(j), t, "event {j}");
        }
        assert_eq!(c.event_types().collect::<Vec<_>>(), types);
        // Runs that start anywhere and cross block boundaries.
        for (start, len) in [(0, 64), (BLOCK - 10, 64), (100, 2 * BLOCK + 30), (n - 5, 5)] {
            let mut out = vec![0u16; len];
            c.event_types_into(start, &mut out);
            assert_eq!(out, types[start..start + len], "{start}+{len}");
        }
    }

    #[test]
    fn entity_ids_round_trip_through_block_dictionaries() {
        // Blocks with few ids (bursts of one thread), a block where all 256
        // ids differ (the index still fits in a byte), ids that collide in
        // the dictionary's hash table, "no entity", and a partial last block.
        let n = 5 * BLOCK + 77;
        let ids: Vec<u32> = (0..n)
            .map(|j| match j / BLOCK {
                0 => (j as u32 / 40) % 3,
                1 => 1_000_000 + j as u32,
                2 => (j as u32 % 7) << 23,
                3 => {
                    if j % 5 == 0 {
                        NO_ENTITY
                    } else {
                        u32::MAX - 1 - (j as u32 % 4)
                    }
                }
                _ => (j as u32).wrapping_mul(2_654_435_761) % 97,
            })
            .collect();
        let mut c = Chunk::new(0, 0);
        for (j, &id) in ids.iter().enumerate() {
            let mut e = event(j as u64 * 40);
            e.thread = id;
            e.fd = id.rotate_left(7);
            c.push(e);
        }
        let plain = c.thread.heap_bytes();
        c.seal();
        assert!(matches!(c.thread, DictColumn::Dict { .. }));
        for (j, &id) in ids.iter().enumerate() {
            assert_eq!(c.thread_id(j), id, "thread of event {j}");
            assert_eq!(c.fd_id(j), id.rotate_left(7), "fd of event {j}");
        }
        // One block of all-distinct ids costs 5 B/event, the others far less.
        assert!(
            c.thread.heap_bytes() * 2 < plain,
            "{} vs {plain}",
            c.thread.heap_bytes()
        );
        // In runs too, across blocks of different widths.
        for (start, len) in [(0, n), (BLOCK - 3, BLOCK + 6), (3 * BLOCK + 1, 2 * BLOCK)] {
            let mut out = vec![0u32; len];
            c.thread.get_into(start, &mut out);
            assert_eq!(out, ids[start..start + len], "{start}+{len}");
        }
    }

    #[test]
    fn dictionary_indices_take_the_bits_their_block_needs() {
        assert_eq!(
            [1, 2, 3, 4, 5, 16, 17, 128, 129, 256].map(index_bits),
            [0, 1, 2, 2, 3, 4, 5, 7, 8, 8]
        );
        // Every width from 0 to 8 bits, one per block, then one value.
        let widths = [1u32, 2, 4, 8, 16, 32, 64, 128, 256];
        let n = widths.len() * BLOCK + 1;
        let ids: Vec<u32> = (0..n)
            .map(|j| {
                let distinct = widths.get(j / BLOCK).copied().unwrap_or(1);
                7 + (j as u32).wrapping_mul(2_654_435_761) % distinct
            })
            .collect();
        let mut c = DictColumn::default();
        for &id in &ids {
            c.push(id);
        }
        c.seal();
        assert_eq!(c.len(), n);
        for (j, &id) in ids.iter().enumerate() {
            assert_eq!(c.get(j), id, "value {j}");
        }
        // Bits 0+1+2+…+8 per event of each block, plus dictionaries.
        let DictColumn::Dict { bits, .. } = &c else {
            panic!("not sealed");
        };
        assert_eq!(bits.len(), (36 * BLOCK).div_ceil(8) + 1);
    }

    #[test]
    fn offsets_round_trip_through_grouped_steps() {
        // Mostly small steps (one byte) or mid-sized ones (two bytes), some
        // past 16 bits (big payloads, metadata blocks in between), some
        // exactly at an escape value.
        for (small, one_byte) in [(40, true), (600, false)] {
            let mut offsets = Vec::new();
            let mut o = 1_000u64;
            for j in 0..1_000u64 {
                o += match j % 97 {
                    5 => 70_000,
                    6 => u64::from(u16::MAX),
                    7 => u64::from(u8::MAX),
                    _ => small + j % 13,
                };
                offsets.push(o);
            }
            let mut c = Chunk::new(1_000, 0);
            for &o in &offsets {
                c.push(event(o));
            }
            c.seal();
            let OffsetColumn::Steps { step, .. } = &c.offsets else {
                panic!("steps of {small} bytes stayed plain");
            };
            assert_eq!(
                matches!(step, StepColumn::U8(_)),
                one_byte,
                "steps of {small}"
            );
            for (j, &o) in offsets.iter().enumerate() {
                assert_eq!(c.offset(j), o, "event {j}, steps of {small}");
            }
            let max_bytes = if one_byte { 2 } else { 3 };
            assert!(c.offsets.heap_bytes() < offsets.len() * max_bytes);
        }
    }

    #[test]
    fn offsets_with_mostly_big_steps_stay_plain() {
        let offsets: Vec<u64> = (0..300u64).map(|j| j * 100_000).collect();
        let mut c = Chunk::new(0, 0);
        for &o in &offsets {
            c.push(event(o));
        }
        c.seal();
        assert!(matches!(c.offsets, OffsetColumn::Plain(_)));
        for (j, &o) in offsets.iter().enumerate() {
            assert_eq!(c.offset(j), o);
        }
    }
}

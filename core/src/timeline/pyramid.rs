//! The level-of-detail pyramid of one lane in one chunk: the lane's events
//! summed into time buckets of `2^shift` ns, one level per shift in
//! [`LEVEL_SHIFTS`], each level 8 times coarser than the one below.
//!
//! Fine levels of a sparse lane hold about as many buckets as events, which
//! would cost more memory than the events themselves. A pyramid therefore
//! keeps levels from the coarsest down only while they stay within a budget
//! (see the index for the ratio); below its finest level a reader walks
//! the lane's events instead, which is cheap precisely because the lane is
//! sparse there.

use super::CATEGORIES;

/// Shifts (log2 of the bucket width in ns) of the levels, finest first:
/// 64 ns up to 2^51 ns (26 days).
pub const LEVEL_SHIFTS: [u32; 16] = [6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51];

/// The finest level's shift.
pub const FINEST_SHIFT: u32 = LEVEL_SHIFTS[0];

/// log2 of the width ratio between neighbouring levels.
pub const LEVEL_STEP: u32 = 3;

/// What happened in a stretch of time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Density {
    /// Events by category ([`super::Category::index`]).
    pub by_category: [u32; CATEGORIES],
    /// Exit events with a negative result (failed calls).
    pub errors: u32,
    /// Bytes moved by I/O exits, all fd kinds.
    pub io_bytes: u64,
    /// The part of `io_bytes` that went over network sockets.
    pub net_bytes: u64,
}

impl Density {
    /// Number of events.
    pub fn events(&self) -> u64 {
        self.by_category.iter().map(|&n| u64::from(n)).sum()
    }

    /// Adds another stretch.
    pub fn add(&mut self, o: &Density) {
        for (a, b) in self.by_category.iter_mut().zip(o.by_category) {
            *a = a.saturating_add(b);
        }
        self.errors = self.errors.saturating_add(o.errors);
        self.io_bytes += o.io_bytes;
        self.net_bytes += o.net_bytes;
    }

    /// The category with the most events (the first one on ties), `None`
    /// when empty.
    pub fn dominant(&self) -> Option<usize> {
        let (i, &n) = self
            .by_category
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
        (n > 0).then_some(i)
    }
}

/// One bucket: the events in `[index << shift, (index + 1) << shift)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// `ts_ns >> shift` of the events in it.
    pub index: u64,
    /// What they add up to.
    pub density: Density,
}

/// One level of a pyramid: its non-empty buckets in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Bucket width is `2^shift` ns.
    pub shift: u32,
    /// Non-empty buckets, sorted by index.
    pub buckets: Box<[Bucket]>,
}

impl Level {
    /// The buckets that overlap `[from_ns, to_ns)`.
    pub fn overlapping(&self, from_ns: u64, to_ns: u64) -> &[Bucket] {
        if to_ns <= from_ns {
            return &[];
        }
        let lo = self
            .buckets
            .partition_point(|b| b.index < from_ns >> self.shift);
        let hi = self
            .buckets
            .partition_point(|b| b.index <= (to_ns - 1) >> self.shift);
        &self.buckets[lo..hi.max(lo)]
    }
}

/// The levels kept for one lane of one chunk, coarsest first and
/// contiguous: level `i` has shift `LEVEL_SHIFTS[LEVEL_SHIFTS.len() - 1 - i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pyramid {
    levels: Vec<Level>,
}

impl Pyramid {
    /// Builds the pyramid of events given in time order as
    /// `(ts_ns, density of that one event)`, keeping levels from the
    /// coarsest down while their buckets add up to at most `budget`
    /// (the coarsest level is always kept).
    pub fn build(events: impl IntoIterator<Item = (u64, Density)>, budget: usize) -> Pyramid {
        let mut finest: Vec<Bucket> = Vec::new();
        for (ts, d) in events {
            let index = ts >> FINEST_SHIFT;
            match finest.last_mut() {
                Some(b) if b.index == index => b.density.add(&d),
                _ => finest.push(Bucket { index, density: d }),
            }
        }
        // Timestamps are nearly sorted; a step backwards can split a
        // bucket in two, so merge equal indices after sorting.
        if finest.is_empty() {
            return Pyramid::default();
        }
        if !finest.is_sorted_by_key(|b| b.index) {
            finest = merge_sorted(finest, 0);
        }
        let mut levels = vec![Level {
            shift: FINEST_SHIFT,
            buckets: finest.into_boxed_slice(),
        }];
        for &shift in &LEVEL_SHIFTS[1..] {
            let below = levels.last().map_or(&[][..], |l| &l.buckets[..]);
            let coarser = coarsen(below, LEVEL_STEP);
            levels.push(Level {
                shift,
                buckets: coarser.into_boxed_slice(),
            });
        }
        levels.reverse();
        Pyramid::within(levels, budget)
    }

    /// Keeps levels (coarsest first) from the top while they fit `budget`
    /// buckets in all; the coarsest is always kept.
    fn within(mut levels: Vec<Level>, budget: usize) -> Pyramid {
        let mut kept = 0;
        let mut used = 0;
        for l in &levels {
            if kept > 0 && used + l.buckets.len() > budget {
                break;
            }
            used += l.buckets.len();
            kept += 1;
        }
        levels.truncate(kept);
        levels.shrink_to_fit();
        Pyramid { levels }
    }

    /// The pyramid of consecutive stretches of one lane (given in time
    /// order) taken together: the levels every part keeps, no finer than
    /// `2^min_shift`, merged, within `budget` buckets.
    pub fn merge(parts: &[&Pyramid], min_shift: u32, budget: usize) -> Pyramid {
        let top = LEVEL_SHIFTS[LEVEL_SHIFTS.len() - 1];
        let widest = (top.saturating_sub(min_shift) / LEVEL_STEP + 1) as usize;
        let depth = parts
            .iter()
            .map(|p| p.levels.len())
            .min()
            .unwrap_or(0)
            .min(widest);
        let levels = (0..depth)
            .map(|i| {
                let mut buckets: Vec<Bucket> = Vec::new();
                for p in parts {
                    let l = &p.levels[i].buckets;
                    // Stretches meet at a bucket boundary now and then:
                    // the bucket they share becomes one.
                    match (buckets.last_mut(), l.first()) {
                        (Some(a), Some(b)) if a.index == b.index => {
                            a.density.add(&b.density);
                            buckets.extend_from_slice(&l[1..]);
                        }
                        _ => buckets.extend_from_slice(l),
                    }
                }
                if !buckets.is_sorted_by_key(|b| b.index) {
                    buckets = merge_sorted(buckets, 0);
                }
                Level {
                    shift: parts[0].levels[i].shift,
                    buckets: buckets.into_boxed_slice(),
                }
            })
            .collect();
        Pyramid::within(levels, budget)
    }

    /// The level of width `2^shift`, if kept.
    pub fn level(&self, shift: u32) -> Option<&Level> {
        let top = LEVEL_SHIFTS[LEVEL_SHIFTS.len() - 1];
        if shift > top || shift < FINEST_SHIFT || !(top - shift).is_multiple_of(LEVEL_STEP) {
            return None;
        }
        self.levels.get(((top - shift) / LEVEL_STEP) as usize)
    }

    /// The finest level kept.
    pub fn finest(&self) -> Option<&Level> {
        self.levels.last()
    }

    /// All kept levels, coarsest first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Buckets held over all levels.
    pub fn bucket_count(&self) -> usize {
        self.levels.iter().map(|l| l.buckets.len()).sum()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.levels.capacity() * std::mem::size_of::<Level>()
            + self.bucket_count() * std::mem::size_of::<Bucket>()
    }
}

/// Buckets of the next coarser level (`step` bits wider).
fn coarsen(below: &[Bucket], step: u32) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = Vec::with_capacity(below.len() / 2 + 1);
    for b in below {
        let index = b.index >> step;
        match out.last_mut() {
            Some(o) if o.index == index => o.density.add(&b.density),
            _ => out.push(Bucket {
                index,
                density: b.density,
            }),
        }
    }
    out
}

/// Sorts buckets by index and merges equal ones (then coarsens by `step`).
fn merge_sorted(mut v: Vec<Bucket>, step: u32) -> Vec<Bucket> {
    v.sort_by_key(|b| b.index);
    coarsen(&v, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(cat: usize) -> Density {
        let mut d = Density::default();
        d.by_category[cat] = 1;
        d
    }

    #[test]
    fn dense_lane_keeps_every_level_and_counts_add_up() {
        // 4096 events 1 ns apart: 64 finest buckets, everything fits.
        let events: Vec<(u64, Density)> = (0..4096u64)
            .map(|i| (1_000_001 + i, ev((i % 3) as usize)))
            .collect();
        let p = Pyramid::build(events.iter().copied(), events.len() / 8);
        assert_eq!(p.levels().len(), LEVEL_SHIFTS.len());
        for l in p.levels() {
            let total: u64 = l.buckets.iter().map(|b| b.density.events()).sum();
            assert_eq!(total, 4096, "level {}", l.shift);
            assert!(l.buckets.is_sorted_by_key(|b| b.index));
        }
        let f = p.level(FINEST_SHIFT).unwrap();
        assert_eq!(f.shift, FINEST_SHIFT);
        // 1_000_001 is not a multiple of 64, so 65 buckets.
        assert_eq!(f.buckets.len(), 65);
        assert_eq!(f.buckets[1].density.events(), 64);
    }

    #[test]
    fn sparse_lane_drops_fine_levels_within_budget() {
        // 800 events 1 ms apart: fine levels have a bucket per event.
        let events: Vec<(u64, Density)> = (0..800u64).map(|i| (i * 1_000_000, ev(0))).collect();
        let p = Pyramid::build(events.iter().copied(), 100);
        assert!(p.bucket_count() <= 100, "{}", p.bucket_count());
        let finest = p.finest().unwrap().shift;
        assert!(finest > 20, "finest kept shift {finest}");
        assert!(p.level(FINEST_SHIFT).is_none());
        assert!(p.level(finest).is_some());
        assert!(p.level(finest - LEVEL_STEP).is_none());
        // Coarsest always kept, even with no budget.
        let p0 = Pyramid::build(events.iter().copied(), 0);
        assert_eq!(p0.levels().len(), 1);
        assert_eq!(p0.levels()[0].shift, 51);
    }

    #[test]
    fn unsorted_input_merges_buckets() {
        let events = [(0u64, ev(1)), (200, ev(1)), (10, ev(2)), (201, ev(0))];
        let p = Pyramid::build(events.iter().copied(), 100);
        let f = p.level(FINEST_SHIFT).unwrap();
        assert_eq!(f.buckets.len(), 2);
        assert_eq!(f.buckets[0].density.by_category[1], 1);
        assert_eq!(f.buckets[0].density.by_category[2], 1);
        assert_eq!(f.buckets[1].index, 3);
        assert_eq!(f.buckets[1].density.events(), 2);
    }

    #[test]
    fn overlapping_is_half_open() {
        let events: Vec<(u64, Density)> = (0..10u64).map(|i| (i * 64, ev(0))).collect();
        let p = Pyramid::build(events.iter().copied(), 100);
        let f = p.level(FINEST_SHIFT).unwrap();
        assert_eq!(f.overlapping(64, 128).len(), 1);
        assert_eq!(f.overlapping(63, 129).len(), 3);
        assert_eq!(f.overlapping(0, 640).len(), 10);
        assert_eq!(f.overlapping(640, 700).len(), 0);
        assert_eq!(f.overlapping(100, 100).len(), 0);
    }

    #[test]
    fn merging_stretches_equals_building_the_whole() {
        let events: Vec<(u64, Density)> = (0..3000u64)
            .map(|i| (i * 997 + (i % 7) * 13, ev((i % 5) as usize)))
            .collect();
        let whole = Pyramid::build(events.iter().copied(), usize::MAX);
        let parts: Vec<Pyramid> = events
            .chunks(700)
            .map(|c| Pyramid::build(c.iter().copied(), usize::MAX))
            .collect();
        let refs: Vec<&Pyramid> = parts.iter().collect();
        assert_eq!(Pyramid::merge(&refs, 0, usize::MAX), whole);
        // A part that kept fewer levels limits the merge to its levels.
        let sparse = Pyramid::build(events[..700].iter().copied(), 0);
        let merged = Pyramid::merge(&[&sparse, &parts[1]], 0, usize::MAX);
        assert_eq!(merged.levels().len(), 1);
        let total: u64 = merged.levels()[0]
            .buckets
            .iter()
            .map(|b| b.density.events())
            .sum();
        assert_eq!(total, 1400);
        // And the budget applies to the merged pyramid.
        let small = Pyramid::merge(&refs, 0, 40);
        assert!(small.bucket_count() <= 40 || small.levels().len() == 1);
        // No level finer than asked.
        let coarse = Pyramid::merge(&refs, 20, usize::MAX);
        assert_eq!(coarse.finest().unwrap().shift, 21);
        assert_eq!(coarse.levels().len(), 11);
    }

    #[test]
    fn dominant_category() {
        let mut d = Density::default();
        assert_eq!(d.dominant(), None);
        d.by_category = [0, 3, 0, 3, 1, 0, 0];
        assert_eq!(d.dominant(), Some(1));
        assert_eq!(d.events(), 7);
    }
}

//! The iteration order of libsinsp's thread table.
//!
//! libsinsp keeps its threads in a `std::unordered_map<int64_t, …>`
//! (libstdc++, identity hash, max load factor 1) and, in a few places,
//! iterates over it while inserting into it: rebuilding the child counts
//! creates missing main threads on the fly, and whether the loop then
//! visits a new entry changes the counts sysdig prints. This models the
//! container's node list exactly: each bucket's nodes are contiguous in the
//! list, a new key goes first in its bucket (or first in the list when its
//! bucket is empty), and a rehash re-inserts every node in list order.
//! (Checked against a libstdc++ 12 program on random insert/erase runs.)

/// Bucket counts libstdc++ 12 goes through when a map grows one insertion
/// at a time from empty.
const BUCKETS: [usize; 18] = [
    1, 13, 29, 59, 127, 257, 541, 1109, 2357, 5087, 10273, 20753, 42043, 85229, 172933, 351061,
    712697, 1_444_487,
];

/// Key order of a libstdc++ `unordered_map<int64_t, V>`.
#[derive(Debug, Clone, Default)]
pub(crate) struct StdMapOrder {
    /// Keys in iteration order.
    list: Vec<i64>,
    /// Index in [`BUCKETS`].
    level: usize,
}

impl StdMapOrder {
    fn bucket_count(&self) -> usize {
        BUCKETS[self.level.min(BUCKETS.len() - 1)]
    }

    fn bucket(key: i64, n: usize) -> usize {
        (key as u64 % n as u64) as usize
    }

    /// Inserts `key` first in its bucket (list front when the bucket is
    /// empty).
    fn place(list: &mut Vec<i64>, key: i64, n: usize) {
        let b = Self::bucket(key, n);
        match list.iter().position(|&k| Self::bucket(k, n) == b) {
            Some(i) => list.insert(i, key),
            None => list.insert(0, key),
        }
    }

    /// `m[key] = …` for a key not yet present (no-op otherwise).
    pub(crate) fn insert(&mut self, key: i64) {
        if self.list.contains(&key) {
            return;
        }
        // `_M_next_resize` is 0 until the first allocation, then the
        // bucket count.
        let next_resize = if self.level == 0 {
            0
        } else {
            self.bucket_count()
        };
        if self.list.len() + 1 > next_resize {
            self.level += 1;
            let n = self.bucket_count();
            let old = std::mem::take(&mut self.list);
            for k in old {
                Self::place(&mut self.list, k, n);
            }
        }
        let n = self.bucket_count();
        Self::place(&mut self.list, key, n);
    }

    /// `m.erase(key)`.
    pub(crate) fn erase(&mut self, key: i64) {
        if let Some(i) = self.list.iter().position(|&k| k == key) {
            self.list.remove(i);
        }
    }

    /// The key after `key` in iteration order (`++it`), or the first key
    /// when `key` is `None`.
    pub(crate) fn next_after(&self, key: Option<i64>) -> Option<i64> {
        match key {
            None => self.list.first().copied(),
            Some(k) => {
                let i = self.list.iter().position(|&x| x == k)?;
                self.list.get(i + 1).copied()
            }
        }
    }

    /// Keys in iteration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = i64> + '_ {
        self.list.iter().copied()
    }

    /// All keys in iteration order.
    #[cfg(test)]
    pub(crate) fn keys(&self) -> &[i64] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Orders printed by a libstdc++ 12 program doing the same operations.
    #[test]
    fn matches_libstdcxx_iteration_order() {
        let mut m = StdMapOrder::default();
        for k in [5, 18, 3, 100, 31, -1] {
            m.insert(k);
        }
        assert_eq!(m.keys(), &[-1, 100, 3, 31, 18, 5]);
        assert_eq!(m.bucket_count(), 13);
        for k in 200..220 {
            m.insert(k);
        }
        m.erase(3);
        assert_eq!(m.bucket_count(), 29);
        assert_eq!(
            m.keys(),
            &[
                219, 218, 217, 215, 214, 213, 212, 211, 210, 209, 207, 208, 5, 18, 200, 216, 100,
                204, -1, 201, 202, 203, 31, 205, 206
            ]
        );
    }
}

//! The iteration order of csysdig's row table: a libstdc++
//! `unordered_map` keyed by the row key's bytes with libsinsp's table
//! hasher. It decides which row of a group is merged first, and merging
//! averaged cells depends on that order (see `engine::merge_cell`), so
//! matching csysdig's numbers means visiting rows in this order.
//!
//! The model: the map's nodes form one list in which each bucket's nodes
//! are contiguous; a key goes first in its bucket's run, or first in the
//! list when its bucket is empty; growing the table re-inserts every node
//! in list order. Bucket counts follow libstdc++'s prime steps for a map
//! grown one insertion at a time (max load factor 1).

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

/// Bucket counts libstdc++ 12 goes through as a map grows from empty.
const BUCKETS: [u64; 18] = [
    1, 13, 29, 59, 127, 257, 541, 1109, 2357, 5087, 10273, 20753, 42043, 85229, 172933, 351061,
    712697, 1_444_487,
];

fn bucket_count(level: usize) -> u64 {
    match BUCKETS.get(level) {
        Some(&n) => n,
        // Beyond the measured steps (over 1.4 M rows), keep doubling: the
        // exact primes only matter for merge order, not for any total.
        None => BUCKETS[BUCKETS.len() - 1] << (level + 1 - BUCKETS.len()),
    }
}

/// libsinsp's `sinsp_table_field_hasher`: `h = h * 101 + byte` over all
/// bytes of the stored key but the last.
pub(crate) fn table_hash(bytes: &[u8]) -> u64 {
    let n = bytes.len().saturating_sub(1);
    bytes[..n]
        .iter()
        .fold(0u64, |h, &b| h.wrapping_mul(101).wrapping_add(u64::from(b)))
}

/// The positions of `hashes` (given in insertion order, all distinct keys)
/// in the map's iteration order.
pub(crate) fn iteration_order(hashes: &[u64]) -> Vec<usize> {
    // Runs of buckets, front of the list first; each run front first.
    let mut runs: VecDeque<u64> = VecDeque::new();
    let mut nodes: FxHashMap<u64, VecDeque<usize>> = FxHashMap::default();
    let mut level = 0usize;
    let place = |runs: &mut VecDeque<u64>,
                 nodes: &mut FxHashMap<u64, VecDeque<usize>>,
                 k: usize,
                 n: u64| {
        let b = hashes[k] % n;
        match nodes.get_mut(&b) {
            Some(run) => run.push_front(k),
            None => {
                runs.push_front(b);
                nodes.insert(b, VecDeque::from([k]));
            }
        }
    };
    for k in 0..hashes.len() {
        // `k` keys are in the map.
        let next_resize = if level == 0 { 0 } else { bucket_count(level) };
        if k as u64 + 1 > next_resize {
            level += 1;
            let n = bucket_count(level);
            let old: Vec<usize> = runs
                .iter()
                .flat_map(|b| nodes[b].iter().copied().collect::<Vec<_>>())
                .collect();
            runs.clear();
            nodes.clear();
            for k in old {
                place(&mut runs, &mut nodes, k, n);
            }
        }
        place(&mut runs, &mut nodes, k, bucket_count(level));
    }
    runs.iter()
        .flat_map(|b| nodes[b].iter().copied().collect::<Vec<_>>())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The identity hash gives the orders a libstdc++ 12 program printed
    /// for `unordered_map<int64_t, …>` (the same check as the state
    /// engine's thread table model).
    #[test]
    fn matches_libstdcxx_order_with_identity_hash() {
        let keys: Vec<i64> = [5, 18, 3, 100, 31, -1].into();
        let hashes: Vec<u64> = keys.iter().map(|&k| k as u64).collect();
        let order: Vec<i64> = iteration_order(&hashes).iter().map(|&i| keys[i]).collect();
        assert_eq!(order, [-1, 100, 3, 31, 18, 5]);
    }

    /// The list model done naively (each key placed by a scan of the
    /// list), which the state engine's tests check against libstdc++.
    fn naive(hashes: &[u64]) -> Vec<usize> {
        let mut list: Vec<usize> = Vec::new();
        let mut level = 0;
        let place = |list: &mut Vec<usize>, k: usize, n: u64| {
            let b = hashes[k] % n;
            match list.iter().position(|&x| hashes[x] % n == b) {
                Some(i) => list.insert(i, k),
                None => list.insert(0, k),
            }
        };
        for k in 0..hashes.len() {
            let next = if level == 0 { 0 } else { bucket_count(level) };
            if list.len() as u64 + 1 > next {
                level += 1;
                let old = std::mem::take(&mut list);
                for x in old {
                    place(&mut list, x, bucket_count(level));
                }
            }
            place(&mut list, k, bucket_count(level));
        }
        list
    }

    #[test]
    fn efficient_model_matches_the_naive_one() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for n in [0, 1, 2, 13, 14, 30, 200, 700] {
            let hashes: Vec<u64> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x % 5000
                })
                .collect();
            assert_eq!(iteration_order(&hashes), naive(&hashes), "{n} keys");
        }
    }

    #[test]
    fn table_hash_skips_the_last_byte() {
        assert_eq!(table_hash(b"ab\0"), u64::from(b'a') * 101 + u64::from(b'b'));
        assert_eq!(table_hash(&7i64.to_le_bytes()), 7 * 101u64.pow(6));
        assert_eq!(table_hash(b""), 0);
    }
}

//! The plugin's memory allocator on wasm32: size classes with free lists
//! in front of the default allocator (dlmalloc).
//!
//! Dissectors allocate mostly small, short-lived strings and vectors (a
//! DNS message is ~50 of them). In the sandbox, every call costs more
//! than natively, and dlmalloc's bookkeeping plus the std allocator shims
//! were ~17% of a DNS plugin's time (perf, `dissect` bench). Here a small
//! allocation is a pop from its class's free list or a bump in a 64 KiB
//! region, and freeing it is a push. Blocks of a class are reused only by
//! that class and never returned; everything over 2 KiB (or over-aligned)
//! goes to the default allocator. Plugins that want their own allocator
//! turn off the SDK's default `fast-alloc` feature.

// A global allocator can only be written with raw pointers; it runs
// inside the plugin's sandbox, so a bug here can only hurt the plugin.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;

/// Classes of 16, 32, …, 2048 bytes.
const CLASSES: usize = 8;
const MIN_BYTES: usize = 16;
const MAX_BYTES: usize = MIN_BYTES << (CLASSES - 1);
const ALIGN: usize = 16;
const REGION_BYTES: usize = 64 << 10;

struct State {
    /// Per class, the first free block; each free block holds the next.
    free: [*mut u8; CLASSES],
    /// The unused part of the current region.
    bump: *mut u8,
    end: *mut u8,
}

/// The allocator.
pub struct SizeClasses(UnsafeCell<State>);

// wasm32-unknown-unknown runs one thread: nothing is ever shared.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An allocator with nothing allocated yet.
    pub const fn new() -> SizeClasses {
        SizeClasses(UnsafeCell::new(State {
            free: [std::ptr::null_mut(); CLASSES],
            bump: std::ptr::null_mut(),
            end: std::ptr::null_mut(),
        }))
    }
}

impl Default for SizeClasses {
    fn default() -> Self {
        SizeClasses::new()
    }
}

fn small(l: Layout) -> bool {
    l.size() <= MAX_BYTES && l.align() <= ALIGN
}

/// The class of a small size: 0 for up to 16 bytes, 1 for 17–32, …
fn class(size: usize) -> usize {
    (size.max(MIN_BYTES).next_power_of_two().trailing_zeros() - MIN_BYTES.trailing_zeros()) as usize
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if !small(l) {
            return unsafe { System.alloc(l) };
        }
        let s = unsafe { &mut *self.0.get() };
        let c = class(l.size());
        let head = s.free[c];
        if !head.is_null() {
            s.free[c] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        let bytes = MIN_BYTES << c;
        if (s.end as usize) - (s.bump as usize) < bytes {
            let region =
                unsafe { System.alloc(Layout::from_size_align_unchecked(REGION_BYTES, ALIGN)) };
            if region.is_null() {
                return region;
            }
            s.bump = region;
            s.end = unsafe { region.add(REGION_BYTES) };
        }
        let p = s.bump;
        s.bump = unsafe { p.add(bytes) };
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if !small(l) {
            return unsafe { System.dealloc(p, l) };
        }
        let s = unsafe { &mut *self.0.get() };
        let c = class(l.size());
        unsafe { p.cast::<*mut u8>().write(s.free[c]) };
        s.free[c] = p;
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { Layout::from_size_align_unchecked(new_size, l.align()) };
        match (small(l), small(new)) {
            (true, true) if class(l.size()) == class(new_size) => p,
            (false, false) => unsafe { System.realloc(p, l, new_size) },
            _ => {
                let q = unsafe { self.alloc(new) };
                if !q.is_null() {
                    unsafe {
                        std::ptr::copy_nonoverlapping(p, q, l.size().min(new_size));
                        self.dealloc(p, l);
                    }
                }
                q
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class(0), 0);
        assert_eq!(class(16), 0);
        assert_eq!(class(17), 1);
        assert_eq!(class(2048), CLASSES - 1);
    }

    /// Natively too (not as the global allocator): blocks are reused per
    /// class, growth within a class keeps the block, and contents survive
    /// a move between classes and to the default allocator.
    #[test]
    fn alloc_free_realloc() {
        let a = SizeClasses::new();
        let l = |n| Layout::from_size_align(n, 8).unwrap();
        unsafe {
            let p = a.alloc(l(24));
            let q = a.alloc(l(24));
            assert_ne!(p, q);
            assert_eq!(p as usize % ALIGN, 0);
            a.dealloc(p, l(24));
            assert_eq!(a.alloc(l(30)), p, "freed block reused by its class");
            let r = a.realloc(p, l(30), 32);
            assert_eq!(r, p, "same class, same block");
            for i in 0..32 {
                r.add(i).write(i as u8);
            }
            let big = a.realloc(r, l(32), 5000);
            let moved = a.realloc(big, l(5000), 100);
            for i in 0..32 {
                assert_eq!(moved.add(i).read(), i as u8);
            }
            a.dealloc(moved, l(100));
            a.dealloc(q, l(24));
            // Many blocks: more than a region.
            let many: Vec<*mut u8> = (0..10_000).map(|_| a.alloc(l(64))).collect();
            assert!(many.iter().all(|p| !p.is_null()));
            let mut sorted = many.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), many.len());
            for p in many {
                a.dealloc(p, l(64));
            }
        }
    }
}

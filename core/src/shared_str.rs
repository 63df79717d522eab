//! [`SharedStr`]: an immutable string whose clones share one allocation.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string whose clones share one allocation (the empty
/// string allocates nothing).
///
/// The state engine copies a thread on every change and the store keeps
/// every copy (a version per change); with `String` fields each version
/// held its own copy of the command, paths and container id, one
/// allocation each. Compares, orders and hashes as the `str` it holds.
///
/// One pointer wide (8 bytes, against 16 for an `Arc<str>`): a thread
/// version holds six and an fd version one, and there are millions of
/// versions in a large capture. Reading the text follows two pointers,
/// which only matters far from any hot loop.
#[derive(Clone, Default)]
pub struct SharedStr(Option<Arc<Box<str>>>);

impl SharedStr {
    /// The empty string.
    pub const fn new() -> SharedStr {
        SharedStr(None)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.as_deref().map_or("", |b| b)
    }

    /// Heap bytes of the shared allocation (counts and text), 0 when
    /// empty.
    pub fn heap_bytes(&self) -> usize {
        // The `Arc`'s counts and box, then the text.
        self.0.as_ref().map_or(0, |a| 32 + a.len())
    }

    /// Address of the shared allocation (0 when empty), to count shared
    /// text once.
    pub fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |a| Arc::as_ptr(a) as usize)
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr((!s.is_empty()).then(|| Arc::new(Box::from(s))))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr((!s.is_empty()).then(|| Arc::new(s.into_boxed_str())))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr::from(s.as_str())
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_owned()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn behaves_as_the_text_it_holds_and_clones_share_it() {
        let a = SharedStr::from(String::from("nginx"));
        let b = a.clone();
        assert_eq!(a.addr(), b.addr(), "a clone shares the allocation");
        assert_ne!(a.addr(), SharedStr::from("nginx").addr());
        assert_eq!(a, SharedStr::from("nginx"));
        assert_eq!(a, "nginx");
        let later = SharedStr::from("nginy");
        assert!(a < later);
        assert_eq!(format!("{a}/{a:?}"), "nginx/\"nginx\"");
        let set: HashSet<SharedStr> = [a.clone()].into();
        assert!(set.contains("nginx"), "hashes like the str");
        let empty = SharedStr::from("");
        assert_eq!((empty.addr(), empty.heap_bytes()), (0, 0));
        assert_eq!(empty, SharedStr::new());
        assert!(empty.is_empty() && !a.is_empty());
        assert_eq!(a.heap_bytes(), 32 + 5);
        assert_eq!(std::mem::size_of::<SharedStr>(), 8, "one pointer wide");
    }
}

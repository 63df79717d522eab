//! Interned threads and fds: every distinct version the state engine
//! produced, stored once and referenced by id from the columns.

use std::sync::Arc;

use crate::state::{Fd, Thread};

/// A thread as an event references it.
#[derive(Debug, Clone)]
pub struct ThreadRef {
    /// Thread id of the event header.
    pub tid: i64,
    /// The thread version, absent when the state engine had none.
    pub thread: Option<Arc<Thread>>,
}

/// An fd as an event references it.
#[derive(Debug, Clone)]
pub struct FdRef {
    /// fd number.
    pub num: Option<i64>,
    /// The fd version, when known.
    pub fd: Option<Arc<Fd>>,
}

const SEG: usize = 4096;

/// An append-only vector in shared segments: a snapshot clones segment
/// pointers, and only the last (partial) segment is ever copied.
#[derive(Debug, Clone)]
pub struct Segmented<T> {
    segs: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Segmented<T> {
    fn default() -> Self {
        Segmented {
            segs: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone> Segmented<T> {
    /// Appends and returns the new index.
    pub fn push(&mut self, v: T) -> u32 {
        if self.len.is_multiple_of(SEG) {
            self.segs.push(Arc::new(Vec::with_capacity(SEG)));
        }
        if let Some(last) = self.segs.last_mut() {
            Arc::make_mut(last).push(v);
        }
        self.len += 1;
        (self.len - 1) as u32
    }

    /// Item `i`.
    pub fn get(&self, i: u32) -> Option<&T> {
        let i = i as usize;
        self.segs.get(i / SEG)?.get(i % SEG)
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The entity tables of a snapshot.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// Thread versions.
    pub threads: Segmented<ThreadRef>,
    /// Fd versions.
    pub fds: Segmented<FdRef>,
    /// Approximate heap bytes of the interned values.
    pub(crate) value_bytes: usize,
}

static NO_THREAD: ThreadRef = ThreadRef {
    tid: -1,
    thread: None,
};

impl Entities {
    /// Thread entity `id`.
    pub fn thread(&self, id: u32) -> &ThreadRef {
        self.threads.get(id).unwrap_or(&NO_THREAD)
    }

    /// Fd entity `id`, `None` for no fd.
    pub fn fd(&self, id: u32) -> Option<&FdRef> {
        self.fds.get(id)
    }

    /// Heap bytes by part: thread and fd tables, the values they hold.
    pub fn heap_parts(&self) -> [(&'static str, usize); 3] {
        [
            (
                "thread table",
                self.threads.segs.len() * SEG * std::mem::size_of::<ThreadRef>(),
            ),
            (
                "fd table",
                self.fds.segs.len() * SEG * std::mem::size_of::<FdRef>(),
            ),
            ("thread and fd versions", self.value_bytes),
        ]
    }

    /// Heap bytes (tables and the values they hold).
    pub fn heap_bytes(&self) -> usize {
        self.threads.segs.len() * SEG * std::mem::size_of::<ThreadRef>()
            + self.fds.segs.len() * SEG * std::mem::size_of::<FdRef>()
            + self.value_bytes
    }
}

/// Approximate heap bytes of a thread version, without the text and
/// lists it shares with other versions (see [`thread_shared`]).
pub(crate) fn thread_bytes(_t: &Thread) -> usize {
    // The version itself and its `Arc`'s counts.
    std::mem::size_of::<Thread>() + 16
}

/// What a thread version may share with others: (address, heap bytes) of
/// each text and list, to count each allocation once.
pub(crate) fn thread_shared(t: &Thread) -> [(usize, usize); 9] {
    let text = |s: &crate::state::SharedStr| (s.addr(), s.heap_bytes());
    [
        text(&t.comm),
        text(&t.exe),
        text(&t.exepath),
        text(&t.cwd),
        text(&t.root),
        text(&t.container_id),
        (t.args.as_ptr() as usize, list_bytes(&t.args)),
        (t.env.as_ptr() as usize, list_bytes(&t.env)),
        (t.cgroups.as_ptr() as usize, cgroups_bytes(&t.cgroups)),
    ]
}

/// Approximate heap bytes of a shared list of strings (arguments,
/// environment): the slice behind its `Arc` and each string.
pub(crate) fn list_bytes(l: &[String]) -> usize {
    16 + l
        .iter()
        .map(|s| std::mem::size_of::<String>() + s.capacity())
        .sum::<usize>()
}

/// Approximate heap bytes of a shared cgroup list.
pub(crate) fn cgroups_bytes(l: &[(String, String)]) -> usize {
    16 + l
        .iter()
        .map(|(a, b)| 2 * std::mem::size_of::<String>() + a.capacity() + b.capacity())
        .sum::<usize>()
}

/// Approximate heap bytes of an fd version, without its name, which it
/// may share with other versions.
pub(crate) fn fd_bytes(f: &Fd) -> usize {
    // The version itself and its `Arc`'s counts, and the boxed socket
    // union of IPv6 and unix sockets.
    let boxed = match f.sockinfo {
        crate::state::SockBuf::Full(_) => crate::state::fd::SOCKINFO_LEN,
        crate::state::SockBuf::Short(_) => 0,
    };
    std::mem::size_of::<Fd>() + 16 + boxed
}

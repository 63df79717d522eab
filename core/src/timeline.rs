//! What the timeline draws, computed headlessly: lanes (one per thread,
//! grouped into processes and containers), a time order of each lane's
//! events, and a level-of-detail pyramid of per-lane density (events by
//! category, errors and I/O bytes per time bucket).
//!
//! Everything is built per immutable store chunk ([`ChunkLod`]), so the
//! index grows with the load: [`TimelineIndex::update`] only looks at the
//! chunks a new [`Snapshot`](crate::store::Snapshot) added, in parallel.
//! The pixel maths (which level for which zoom, where a bucket lands) lives
//! in the renderer; this module answers "what is in `[from_ns, to_ns)` at
//! bucket width `2^shift`" and "which event of this lane comes next".
//!
//! Start with [`TimelineIndex`].

mod chunk;
mod index;
mod pyramid;
mod tree;

pub use chunk::{ChunkLod, LaneLod, Stretch};
pub use index::{Group, LaneEvent, LaneInfo, LaneSel, LaneSeq, Process, SeqPos};
pub use index::{TimelineIndex, event_name};
pub use pyramid::{Bucket, Density, FINEST_SHIFT, LEVEL_SHIFTS, LEVEL_STEP, Level, Pyramid};

use crate::schema::{self, category};
use crate::state::FdKind;
use crate::store::ThreadRef;

/// Number of [`Category`] values.
pub const CATEGORIES: usize = 7;

/// What a syscall is about, as the timeline colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Files and directories.
    File,
    /// IP sockets.
    Network,
    /// Process life cycle (clone, execve, exit, …).
    Process,
    /// Memory (mmap, brk, …).
    Memory,
    /// Pipes, unix sockets, futexes, signals between processes.
    Ipc,
    /// Waiting and sleeping (poll, epoll_wait, nanosleep, …).
    Wait,
    /// Everything else.
    Other,
}

impl Category {
    /// Every category, in [`Category::index`] order.
    pub const ALL: [Category; CATEGORIES] = [
        Category::File,
        Category::Network,
        Category::Process,
        Category::Memory,
        Category::Ipc,
        Category::Wait,
        Category::Other,
    ];

    /// Position in [`Category::ALL`] and in [`Density::by_category`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// A short label for legends.
    pub fn label(self) -> &'static str {
        match self {
            Category::File => "file",
            Category::Network => "network",
            Category::Process => "process",
            Category::Memory => "memory",
            Category::Ipc => "IPC",
            Category::Wait => "wait/sleep",
            Category::Other => "other",
        }
    }

    /// The category of an event: the schema's category (as sysdig 0.29.3
    /// has it), except that generic I/O (read, write, sendmsg, …) takes the
    /// category of the fd it works on, since "read" alone says nothing
    /// about whether time goes to disk or to the network.
    pub fn of(event_type: u16, fd_kind: Option<FdKind>) -> Category {
        let cat = schema::compat_category(event_type);
        if cat & category::WAIT != 0 {
            return Category::Wait;
        }
        match cat & 0x3f {
            category::FILE => Category::File,
            category::NET => Category::Network,
            category::IPC | category::SIGNAL => Category::Ipc,
            category::MEMORY => Category::Memory,
            category::PROCESS => Category::Process,
            category::SLEEP => Category::Wait,
            category::IO_READ | category::IO_WRITE | category::IO_OTHER => match fd_kind {
                Some(FdKind::File | FdKind::Directory | FdKind::Memfd) => Category::File,
                Some(
                    FdKind::Ipv4
                    | FdKind::Ipv6
                    | FdKind::Ipv4Server
                    | FdKind::Ipv6Server
                    | FdKind::Netlink,
                ) => Category::Network,
                Some(FdKind::Fifo | FdKind::Unix | FdKind::Event | FdKind::Signalfd) => {
                    Category::Ipc
                }
                Some(FdKind::Eventpoll | FdKind::Timerfd | FdKind::Inotify) => Category::Wait,
                _ => Category::Other,
            },
            _ => Category::Other,
        }
    }
}

/// Identity of a lane: one thread of one process. A tid reused by another
/// process later in the capture gets another lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LaneKey {
    /// Process id (the thread id itself when the state engine does not
    /// know the thread).
    pub pid: i64,
    /// Thread id.
    pub tid: i64,
}

impl LaneKey {
    /// The lane of an event's thread.
    pub fn of(thread: &ThreadRef) -> LaneKey {
        let pid = thread
            .thread
            .as_ref()
            .map(|t| t.pid)
            .filter(|&p| p > 0)
            .unwrap_or(thread.tid);
        LaneKey {
            pid,
            tid: thread.tid,
        }
    }
}

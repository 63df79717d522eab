//! The state engine: threads, fd tables, users and containers, rebuilt the
//! way sysdig 0.29.3's libsinsp (libs e5c53d64) rebuilds them, so the
//! context shown for each event (process, fd, container, user) matches
//! sysdig's.
//!
//! Initial tables come from the capture's metadata blocks; events then
//! update them (clone/execve/procexit for threads; open/socket/connect/
//! accept/close/dup/pipe/… for fds; container events). The structure
//! follows libsinsp: a per-event `reset` (thread lookup, enter/exit
//! pairing, the event's fd), then one parser per event type, then the
//! field extraction (done by [`crate::fields`] on the state left here).
//! `docs/sysdig-compat/state.md` describes the rules in words.

mod container;
pub mod fd;
mod parse;
pub mod paths;
mod stdmap;
mod thread;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

pub use container::{Container, Mount, resolve_container};
pub use fd::{Fd, FdKind, Role, Sock, SockBuf};
pub use thread::{SharedStr, Thread};

use crate::format::event::EventRecord;
use crate::format::meta::{FdEntry, FdInfo, GroupEntry, Interface, ThreadEntry, UserEntry};
use crate::problems::Problems;
use crate::schema::{self, event_flags};

/// libsinsp's thread flag bits (`PPM_CL_*`).
pub use thread::flags as clone_flags;

/// Event type ids the state engine dispatches on (libs e5c53d64 numbering).
#[allow(missing_docs)]
pub mod ids {
    pub const GENERIC_E: u16 = 0;
    pub const OPEN_E: u16 = 2;
    pub const OPEN_X: u16 = 3;
    pub const CLOSE_E: u16 = 4;
    pub const CLOSE_X: u16 = 5;
    pub const READ_X: u16 = 7;
    pub const WRITE_E: u16 = 8;
    pub const WRITE_X: u16 = 9;
    pub const EXECVE_8_X: u16 = 13;
    pub const CLONE_11_X: u16 = 15;
    pub const PROCEXIT_E: u16 = 16;
    pub const SOCKET_E: u16 = 18;
    pub const SOCKET_X: u16 = 19;
    pub const BIND_X: u16 = 21;
    pub const CONNECT_E: u16 = 22;
    pub const CONNECT_X: u16 = 23;
    pub const ACCEPT_E: u16 = 26;
    pub const ACCEPT_X: u16 = 27;
    pub const SEND_X: u16 = 29;
    pub const SENDTO_E: u16 = 30;
    pub const SENDTO_X: u16 = 31;
    pub const RECV_X: u16 = 33;
    pub const RECVFROM_X: u16 = 35;
    pub const SHUTDOWN_E: u16 = 36;
    pub const SOCKETPAIR_X: u16 = 43;
    pub const GETSOCKOPT_X: u16 = 47;
    pub const SENDMSG_E: u16 = 48;
    pub const SENDMSG_X: u16 = 49;
    pub const RECVMSG_X: u16 = 53;
    pub const ACCEPT4_E: u16 = 56;
    pub const ACCEPT4_X: u16 = 57;
    pub const CREAT_E: u16 = 58;
    pub const CREAT_X: u16 = 59;
    pub const PIPE_E: u16 = 60;
    pub const PIPE_X: u16 = 61;
    pub const EVENTFD_E: u16 = 62;
    pub const EVENTFD_X: u16 = 63;
    pub const GETCWD_X: u16 = 93;
    pub const CHDIR_E: u16 = 94;
    pub const CHDIR_X: u16 = 95;
    pub const FCHDIR_E: u16 = 96;
    pub const FCHDIR_X: u16 = 97;
    pub const OPENAT_E: u16 = 102;
    pub const OPENAT_X: u16 = 103;
    pub const PREAD_X: u16 = 113;
    pub const PWRITE_X: u16 = 115;
    pub const READV_X: u16 = 117;
    pub const WRITEV_X: u16 = 119;
    pub const PREADV_X: u16 = 121;
    pub const PWRITEV_X: u16 = 123;
    pub const DUP_X: u16 = 125;
    pub const SIGNALFD_E: u16 = 126;
    pub const SIGNALFD_X: u16 = 127;
    pub const TIMERFD_CREATE_E: u16 = 136;
    pub const TIMERFD_CREATE_X: u16 = 137;
    pub const INOTIFY_INIT_E: u16 = 138;
    pub const INOTIFY_INIT_X: u16 = 139;
    pub const GETRLIMIT_E: u16 = 140;
    pub const GETRLIMIT_X: u16 = 141;
    pub const SETRLIMIT_E: u16 = 142;
    pub const SETRLIMIT_X: u16 = 143;
    pub const PRLIMIT_E: u16 = 144;
    pub const PRLIMIT_X: u16 = 145;
    pub const FCNTL_E: u16 = 150;
    pub const FCNTL_X: u16 = 151;
    pub const SCHEDSWITCH_6_E: u16 = 152;
    pub const EXECVE_13_X: u16 = 155;
    pub const CLONE_16_X: u16 = 157;
    pub const BRK_4_X: u16 = 159;
    pub const MMAP_X: u16 = 161;
    pub const MMAP2_X: u16 = 163;
    pub const MUNMAP_X: u16 = 165;
    pub const EXECVE_14_X: u16 = 173;
    pub const FORK_X: u16 = 183;
    pub const VFORK_X: u16 = 185;
    pub const PROCEXIT_1_E: u16 = 186;
    pub const SENDFILE_E: u16 = 188;
    pub const SENDFILE_X: u16 = 189;
    pub const SETRESUID_E: u16 = 192;
    pub const SETRESUID_X: u16 = 193;
    pub const SETRESGID_E: u16 = 194;
    pub const SETRESGID_X: u16 = 195;
    pub const SETUID_E: u16 = 198;
    pub const SETUID_X: u16 = 199;
    pub const SETGID_E: u16 = 200;
    pub const SETGID_X: u16 = 201;
    pub const EXECVE_15_X: u16 = 215;
    pub const CLONE_17_X: u16 = 217;
    pub const FORK_17_X: u16 = 219;
    pub const VFORK_17_X: u16 = 221;
    pub const CLONE_20_X: u16 = 223;
    pub const FORK_20_X: u16 = 225;
    pub const VFORK_20_X: u16 = 227;
    pub const CONTAINER_E: u16 = 228;
    pub const EXECVE_16_X: u16 = 231;
    pub const PROCINFO_E: u16 = 234;
    pub const ACCEPT_5_E: u16 = 246;
    pub const ACCEPT_5_X: u16 = 247;
    pub const ACCEPT4_5_E: u16 = 248;
    pub const ACCEPT4_5_X: u16 = 249;
    pub const CHROOT_X: u16 = 267;
    pub const TRACER_E: u16 = 268;
    pub const CONTAINER_JSON_E: u16 = 272;
    pub const SETSID_X: u16 = 275;
    pub const EXECVE_17_X: u16 = 283;
    pub const EXECVE_18_E: u16 = 288;
    pub const EXECVE_18_X: u16 = 289;
    pub const EXECVE_19_E: u16 = 292;
    pub const EXECVE_19_X: u16 = 293;
    pub const SETPGID_E: u16 = 294;
    pub const OPENAT_2_E: u16 = 306;
    pub const OPENAT_2_X: u16 = 307;
    pub const CONTAINER_JSON_2_E: u16 = 324;
    pub const OPENAT2_E: u16 = 326;
    pub const OPENAT2_X: u16 = 327;
    pub const EXECVEAT_E: u16 = 330;
    pub const EXECVEAT_X: u16 = 331;
    pub const COPY_FILE_RANGE_X: u16 = 333;
    pub const CLONE3_X: u16 = 335;
}

/// sysdig 0.29.3's `PPM_EVENT_MAX`: libscap drops event types at or above
/// it before libsinsp sees them.
pub const SYSDIG_EVENT_MAX: u16 = 336;

/// libsinsp's parking slot for an fd whose close was cancelled.
const CANCELED_FD: i64 = i64::MAX;
/// The state changes sysdig's field extraction makes when it prints an
/// event: looking a thread's main thread up (`get_main_thread()`) creates
/// it when missing and caches it on the thread, and both show later. Which
/// events do that depends on the fields of the output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintEffects {
    /// Process fields that need the main thread (`proc.ppid`, `proc.cwd`,
    /// `proc.nthreads`, …; the reference format): every printed
    /// event looks its thread's main thread up.
    pub main_thread: bool,
    /// Parameter rendering (`evt.info`, `evt.args`, the default line): path
    /// parameters and, for threads sharing their fd table, fd parameters
    /// look the main thread up.
    pub params: bool,
    /// `fd.*` fields: the fd lookup of fd events (threads sharing their fd
    /// table) and the path resolution of failed opens.
    pub fd_fields: bool,
}

impl Default for PrintEffects {
    /// The reference format (it prints `proc.ppid`).
    fn default() -> Self {
        PrintEffects {
            main_thread: true,
            params: false,
            fd_fields: true,
        }
    }
}

/// libsinsp's per-table fd limit (`m_max_fdtable_size`).
const MAX_FDTABLE: usize = 4096;
/// libsinsp's thread table limit.
const MAX_THREADS: usize = 131_072;

/// A user known to the capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// User id.
    pub uid: u32,
    /// Primary group.
    pub gid: u32,
    /// Login name.
    pub name: String,
    /// Home directory.
    pub homedir: String,
    /// Shell.
    pub shell: String,
}

/// Context of the event just applied: the thread and fd sysdig's field
/// extraction sees for it, as they are after the event.
#[derive(Debug, Clone, Default)]
pub struct EventContext {
    /// The event's thread (`evt->get_thread_info()`): the table entry of
    /// the header tid, a synthetic thread for container events, or none.
    pub thread: Option<Arc<Thread>>,
    /// For events of fd types (CREATES/USES/DESTROYS_FD) with a thread: the
    /// thread's "last event fd" after parsing (`fd.num`).
    pub fd_num: Option<i64>,
    /// For the same events: the event's fd record, else the table entry
    /// for `fd_num` (libsinsp's `extract_fd`).
    pub fd: Option<Arc<Fd>>,
    /// The thread's latency bookkeeping after the event (`evt.latency`).
    pub latency_ns: u64,
    /// Whether this exit was paired with its thread's last enter.
    pub enter_matched: bool,
    /// For paired exits: the stored enter event, when the exit's type is
    /// one whose enter libsinsp keeps (sysdig reads some exits' fields from
    /// their enter).
    pub enter_params: Option<Arc<StoredEnter>>,
    /// Whether the event's fd came from the event itself (libsinsp's
    /// `evt->m_fdinfo`), not from the thread's last fd.
    pub fd_from_event: bool,
}

/// An enter event kept per thread until its exit arrives.
#[derive(Debug, Clone)]
pub struct StoredEnter {
    /// Enter event type.
    pub event_type: u16,
    /// Timestamp.
    pub ts_ns: u64,
    /// Parameter values, copied.
    pub params: Vec<Vec<u8>>,
}

impl StoredEnter {
    /// Parameter `i`, when present.
    pub fn param(&self, i: usize) -> Option<&[u8]> {
        self.params.get(i).map(|p| p.as_slice())
    }

    /// Number of parameters as libsinsp counts them.
    pub fn nparams(&self) -> usize {
        self.params.len().min(table_nparams(self.event_type))
    }
}

/// Per-thread parser bookkeeping that changes on almost every event, kept
/// apart from [`Thread`] so thread records are only copied when they
/// really change.
#[derive(Debug, Clone)]
pub struct ThreadDyn {
    /// `m_lastevent_fd` (0 for a new thread).
    pub lastevent_fd: i64,
    /// `m_lastevent_type` (0xffff for a new thread).
    pub lastevent_type: u32,
    /// `m_latency`.
    pub latency: u64,
    /// `m_last_latency_entertime`.
    pub entertime: u64,
    /// `m_lastevent_data`: the stored enter event.
    pub lastevent_data: Option<Arc<StoredEnter>>,
    /// `is_lastevent_data_valid()`.
    pub data_valid: bool,
    /// Major page faults.
    pub pfmajor: u64,
    /// Minor page faults.
    pub pfminor: u64,
    /// Virtual memory, KiB.
    pub vmsize_kb: u32,
    /// Resident memory, KiB.
    pub vmrss_kb: u32,
    /// Swap, KiB.
    pub vmswap_kb: u32,
    /// Identity of the thread record (libsinsp's object): a new record gets
    /// a new serial.
    pub serial: u64,
    /// libsinsp's `m_main_thread` cache: the main thread (tid, serial) once
    /// looked up; used while that record lives, even if this thread's pid
    /// changes later.
    pub main_cache: Option<(i64, u64)>,
}

impl Default for ThreadDyn {
    fn default() -> Self {
        ThreadDyn {
            lastevent_fd: 0,
            lastevent_type: 0xffff,
            latency: 0,
            entertime: 0,
            lastevent_data: None,
            data_valid: false,
            pfmajor: 0,
            pfminor: 0,
            vmsize_kb: 0,
            vmrss_kb: 0,
            vmswap_kb: 0,
            serial: 0,
            main_cache: None,
        }
    }
}

/// Where an fd record lives: the tid owning the table and the fd number
/// (libsinsp keeps a pointer into the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FdPtr {
    owner: i64,
    fd: i64,
}

/// The whole state of the capture at one point in time.
#[derive(Debug, Default, Clone)]
pub struct State {
    /// Threads by tid.
    pub threads: FxHashMap<i64, Arc<Thread>>,
    /// Each thread's own fd table, by tid. Threads with CLONE_FILES use
    /// their main thread's (see [`State::get_fd`]).
    pub fd_tables: FxHashMap<i64, FxHashMap<i64, Arc<Fd>>>,
    /// Users by uid.
    pub users: FxHashMap<u32, User>,
    /// Groups by gid.
    pub groups: FxHashMap<u32, String>,
    /// Containers by (short) id.
    pub containers: FxHashMap<String, Arc<Container>>,
    /// Network interfaces of the capturing host.
    pub interfaces: Vec<Interface>,
    /// Per-thread bookkeeping by tid.
    pub dyns: FxHashMap<i64, ThreadDyn>,
    tid_to_remove: Option<i64>,
    tid_of_fd_to_remove: i64,
    fds_to_remove: Vec<i64>,
    server_ports: FxHashSet<u16>,
    pending_threads: Vec<ThreadEntry>,
    pending_fds: FxHashMap<i64, Vec<FdEntry>>,
    imported: bool,
    /// libsinsp's `m_tmp_evt`: the enter event last loaded by a parser.
    tmp_evt: Option<Arc<StoredEnter>>,
    /// Serial of the last thread record created.
    last_serial: u64,
    /// Iteration order of libsinsp's thread table.
    order: stdmap::StdMapOrder,
    /// Shared copies of threads' argument, environment and cgroup lists.
    lists: thread::SharedLists,
}

/// Parameter count of an event type in sysdig 0.29.3's table.
fn table_nparams(etype: u16) -> usize {
    schema::SYSDIG_0_29
        .get(usize::from(etype))
        .map_or(0, |e| usize::from(e.3))
}

/// libsinsp's `get_num_params()`: the file's count, capped by the table's.
fn nparams(rec: &EventRecord<'_>) -> usize {
    rec.nparams().min(table_nparams(rec.event_type))
}

/// Parameter `i` when libsinsp would read it from this event.
fn param<'a>(rec: &EventRecord<'a>, i: usize) -> Option<&'a [u8]> {
    if i < nparams(rec) { rec.param(i) } else { None }
}

fn rd_i64(b: Option<&[u8]>) -> Option<i64> {
    let b = b?;
    Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
}
fn rd_u64(b: Option<&[u8]>) -> Option<u64> {
    let b = b?;
    Some(u64::from_le_bytes(b.get(..8)?.try_into().ok()?))
}
fn rd_u32(b: Option<&[u8]>) -> Option<u32> {
    let b = b?;
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}
fn rd_u8(b: Option<&[u8]>) -> Option<u8> {
    b?.first().copied()
}
/// A C string parameter up to its NUL.
fn cstr(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}
fn rd_str(b: Option<&[u8]>) -> Option<String> {
    Some(String::from_utf8_lossy(cstr(b?)).into_owned())
}

/// Whether an event type is one of libsinsp's clone exits.
fn is_clone_exit(etype: u16) -> bool {
    use ids::*;
    matches!(
        etype,
        CLONE_11_X
            | CLONE_16_X
            | CLONE_17_X
            | CLONE_20_X
            | FORK_X
            | FORK_17_X
            | FORK_20_X
            | VFORK_X
            | VFORK_17_X
            | VFORK_20_X
            | CLONE3_X
    )
}

/// Per-event scratch of the parser (libsinsp's `sinsp_evt` fields).
#[derive(Debug, Default)]
pub(crate) struct Ev {
    /// `m_tinfo`: tid of the event's thread entry, if any.
    tinfo: Option<i64>,
    /// `m_fdinfo`.
    fdptr: Option<FdPtr>,
    /// The exit was paired with its enter.
    paired: bool,
    /// Synthetic thread of a container event.
    synthetic: Option<Arc<Thread>>,
}

/// A capture filter as [`State::apply_gated`] runs it: whether to keep the
/// event, given the state and the event's context at that point.
pub type Gate<'a> = dyn FnMut(&State, &EventContext) -> bool + 'a;

impl State {
    /// Drops everything (a new section starts).
    pub fn reset_for_new_section(&mut self) {
        *self = State::default();
    }

    /// Queues the threads of a process list block; libsinsp imports them
    /// when the first event that is not a leading container event arrives.
    pub fn add_process_list(&mut self, entries: Vec<ThreadEntry>) {
        if self.imported {
            // A late process list: import it right away.
            self.pending_threads.extend(entries);
            self.import_threads();
        } else {
            self.pending_threads.extend(entries);
        }
    }

    /// Queues a thread's fds from an fd list block.
    pub fn add_fd_list(&mut self, tid: i64, fds: Vec<FdEntry>) {
        self.pending_fds.entry(tid).or_default().extend(fds);
        if self.imported {
            self.import_threads();
        }
    }

    /// Adds users and groups of a user list block (a later entry for the
    /// same id replaces an earlier one).
    pub fn add_user_list(&mut self, users: Vec<UserEntry>, groups: Vec<GroupEntry>) {
        for u in users {
            self.users.insert(
                u.uid,
                User {
                    uid: u.uid,
                    gid: u.gid,
                    name: u.name,
                    homedir: u.homedir,
                    shell: u.shell,
                },
            );
        }
        for g in groups {
            self.groups.insert(g.gid, g.name);
        }
    }

    /// The user of a uid.
    pub fn user(&self, uid: u32) -> Option<&User> {
        self.users.get(&uid)
    }

    /// A container by id.
    pub fn container(&self, id: &str) -> Option<&Arc<Container>> {
        self.containers.get(id)
    }

    /// A thread's bookkeeping.
    pub fn thread_dyn(&self, tid: i64) -> Option<&ThreadDyn> {
        self.dyns.get(&tid)
    }

    /// The threads in libsinsp's thread table order (the order csysdig
    /// visits them in when it adds the thread table to a sample).
    pub fn threads_in_table_order(&self) -> Vec<&Arc<Thread>> {
        self.order
            .iter()
            .filter_map(|tid| self.threads.get(&tid))
            .collect()
    }

    /// The main thread of a thread (libsinsp's `get_main_thread`, without
    /// creating it): the cached one while it lives, else the thread itself
    /// when it is a main thread, else the entry of its pid.
    pub fn main_thread_of<'a>(&'a self, t: &'a Thread) -> Option<&'a Thread> {
        if let Some(m) = self.cached_main(t.tid) {
            return self.threads.get(&m).map(|a| a.as_ref());
        }
        if t.is_main_thread() {
            Some(t)
        } else {
            self.threads.get(&t.pid).map(|a| a.as_ref())
        }
    }

    /// The live cached main thread of `tid`, if any.
    fn cached_main(&self, tid: i64) -> Option<i64> {
        let (m, serial) = self.dyns.get(&tid)?.main_cache?;
        (self.threads.contains_key(&m) && self.dyns.get(&m).is_some_and(|d| d.serial == serial))
            .then_some(m)
    }

    /// The tid whose own fd table a thread uses: its main thread's when it
    /// has CLONE_FILES (libsinsp's `get_fd_table`). `None` when that main
    /// thread is not in the table.
    pub fn fd_owner(&self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        if t.flags & clone_flags::CLONE_FILES == 0 {
            Some(tid)
        } else {
            self.main_thread_of(t).map(|m| m.tid)
        }
    }

    /// A state that knows one thread (and its process, from the thread's
    /// own fields) and one of its fds: enough to render an event's
    /// parameters from the columnar store, which keeps each event's thread
    /// and fd versions rather than whole tables. Its own fd, the cwd that
    /// relative paths resolve against and its process name then render as
    /// the live state would; other fds of the process show no name.
    pub fn for_event(thread: Option<&Thread>, fd: Option<(i64, &Fd)>) -> State {
        let mut st = State::default();
        let Some(t) = thread else { return st };
        st.threads.insert(t.tid, Arc::new(t.clone()));
        if !t.is_main_thread() && !st.threads.contains_key(&t.pid) {
            // The process's main thread as far as this thread knows it.
            let mut main = t.clone();
            main.tid = t.pid;
            st.threads.insert(t.pid, Arc::new(main));
        }
        if let (Some((num, f)), Some(owner)) = (fd, st.fd_owner(t.tid)) {
            st.fd_tables
                .entry(owner)
                .or_default()
                .insert(num, Arc::new(f.clone()));
        }
        st
    }

    /// Looks up an fd of a thread in the table it uses.
    pub fn get_fd(&self, tid: i64, fd: i64) -> Option<&Arc<Fd>> {
        if fd < 0 {
            return None;
        }
        self.fd_tables.get(&self.fd_owner(tid)?)?.get(&fd)
    }

    /// A thread's working directory: always its main thread's
    /// (libsinsp's `get_cwd`).
    pub fn cwd(&self, tid: i64) -> String {
        let Some(t) = self.threads.get(&tid) else {
            return String::new();
        };
        match self.main_thread_of(t) {
            Some(m) => m.cwd.to_string(),
            None => "./".into(),
        }
    }

    /// The thread's "last event fd" (`fd.num`), -1 when the thread is
    /// unknown.
    pub fn last_fd(&self, tid: i64) -> i64 {
        self.dyns.get(&tid).map_or(-1, |d| d.lastevent_fd)
    }

    // --- thread table (libsinsp's thread manager) ---------------------------

    fn dyn_mut(&mut self, tid: i64) -> &mut ThreadDyn {
        self.dyns.entry(tid).or_default()
    }

    /// Mutates a thread record (copy on write).
    fn thread_mut(&mut self, tid: i64) -> Option<&mut Thread> {
        self.threads.get_mut(&tid).map(Arc::make_mut)
    }

    /// Shares `tid`'s lists with equal ones of other threads, after a
    /// parser set them (execve).
    fn share_lists(&mut self, tid: i64) {
        if let Some(t) = self.threads.get_mut(&tid) {
            let t = Arc::make_mut(t);
            self.lists.share(t);
        }
    }

    /// `add_thread`: counts a CLONE_THREAD thread on its main thread
    /// (creating it) unless it comes from the process list, then inserts
    /// it, replacing any entry with its tid. `fds`: its own fd table.
    fn add_thread(&mut self, mut t: Thread, from_pl: bool, fds: FxHashMap<i64, Arc<Fd>>) -> bool {
        if self.threads.len() >= MAX_THREADS {
            return false;
        }
        self.lists.share(&mut t);
        if !from_pl && t.flags & clone_flags::CLONE_THREAD != 0 {
            self.get_or_create(t.pid);
            if let Some(m) = self.thread_mut(t.pid) {
                m.nchilds += 1;
            }
        }
        let tid = t.tid;
        self.threads.insert(tid, Arc::new(t));
        self.order.insert(tid);
        self.last_serial += 1;
        self.dyns.insert(
            tid,
            ThreadDyn {
                serial: self.last_serial,
                ..ThreadDyn::default()
            },
        );
        if fds.is_empty() {
            self.fd_tables.remove(&tid);
        } else {
            self.fd_tables.insert(tid, fds);
        }
        true
    }

    /// `get_thread_ref(tid, query_os=true)`: the thread, created as a
    /// placeholder when missing. Returns whether it exists afterwards.
    fn get_or_create(&mut self, tid: i64) -> bool {
        if self.threads.contains_key(&tid) {
            return true;
        }
        if self.threads.len() >= MAX_THREADS {
            return false;
        }
        let mut t = Thread::unknown(tid);
        t.nchilds = self.threads.values().filter(|o| o.pid == tid).count() as u64;
        self.add_thread(t, false, FxHashMap::default())
    }

    /// `get_main_thread()`: the thread itself, or the entry of its pid
    /// (created when missing). Returns its tid.
    fn main_tid(&mut self, tid: i64) -> Option<i64> {
        if let Some(m) = self.cached_main(tid) {
            return Some(m);
        }
        let t = self.threads.get(&tid)?;
        if t.is_main_thread() {
            return Some(tid);
        }
        let pid = t.pid;
        if !self.get_or_create(pid) {
            return None;
        }
        let serial = self.dyns.get(&pid).map_or(0, |d| d.serial);
        if let Some(d) = self.dyns.get_mut(&tid) {
            d.main_cache = Some((pid, serial));
        }
        Some(pid)
    }

    /// `remove_thread(tid, force)`.
    fn remove_thread(&mut self, tid: i64, force: bool) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        let nchilds = t.nchilds;
        if nchilds != 0 && !force {
            return;
        }
        if t.flags & clone_flags::CLONE_THREAD != 0 {
            let pid = t.pid;
            if let Some(m) = self.thread_mut(pid)
                && m.nchilds > 0
            {
                m.nchilds -= 1;
            }
        }
        self.threads.remove(&tid);
        self.order.erase(tid);
        self.dyns.remove(&tid);
        self.fd_tables.remove(&tid);
        if nchilds != 0 {
            self.recreate_child_dependencies();
        }
    }

    /// `reset_child_dependencies` + `create_child_dependencies`.
    fn recreate_child_dependencies(&mut self) {
        // reset: every thread, in table order, loses its child count and
        // its main-thread cache; `clear_thread_pointers` then calls
        // `get_fd_table()`, which refills the cache of CLONE_FILES threads
        // at once (creating missing main threads, which the loop may or may
        // not visit later, as libstdc++ places them).
        let mut cur = self.order.next_after(None);
        while let Some(tid) = cur {
            if let Some(t) = self.threads.get_mut(&tid)
                && t.nchilds != 0
            {
                Arc::make_mut(t).nchilds = 0;
            }
            if let Some(d) = self.dyns.get_mut(&tid) {
                d.main_cache = None;
            }
            if self
                .threads
                .get(&tid)
                .is_some_and(|t| t.flags & clone_flags::CLONE_FILES != 0)
            {
                self.main_tid(tid);
            }
            cur = self.order.next_after(Some(tid));
        }
        self.create_child_dependencies();
    }

    /// `create_child_dependencies`: every CLONE_THREAD thread, in table
    /// order, counts on its main thread, which is created when missing.
    fn create_child_dependencies(&mut self) {
        let mut cur = self.order.next_after(None);
        while let Some(tid) = cur {
            if let Some(pid) = self
                .threads
                .get(&tid)
                .filter(|t| t.flags & clone_flags::CLONE_THREAD != 0)
                .map(|t| t.pid)
                && self.get_or_create(pid)
                && let Some(m) = self.thread_mut(pid)
            {
                m.nchilds += 1;
            }
            cur = self.order.next_after(Some(tid));
        }
    }

    /// libsinsp's `set_cwd` on a thread: updates its main thread's cwd.
    fn set_cwd(&mut self, tid: i64, path: &[u8], path_len: usize) {
        let Some(mt) = self.main_tid(tid) else {
            return;
        };
        if let Some(m) = self.thread_mut(mt) {
            let mut cwd = paths::concatenate_raw(m.cwd.as_bytes(), path, path_len);
            if !cwd.ends_with('/') {
                cwd.push('/');
            }
            m.cwd = cwd.into();
        }
    }

    /// libsinsp's `get_cwd` (may create the main thread).
    fn get_cwd_mut(&mut self, tid: i64) -> SharedStr {
        match self.main_tid(tid) {
            Some(mt) => self
                .threads
                .get(&mt)
                .map(|m| m.cwd.clone())
                .unwrap_or_default(),
            None => "./".into(),
        }
    }

    /// Resolves a thread's container from its cgroups.
    fn resolve_container_of(&mut self, tid: i64) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        let cgroups = t.cgroups.clone();
        let id = resolve_container(&cgroups, &mut self.containers);
        if let Some(t) = self.thread_mut(tid)
            && t.container_id != id
        {
            t.container_id = id.into();
        }
    }

    // --- fd tables -----------------------------------------------------------

    /// The table a thread uses, creating its main thread if needed.
    fn fd_owner_mut(&mut self, tid: i64) -> Option<i64> {
        let t = self.threads.get(&tid)?;
        if t.flags & clone_flags::CLONE_FILES == 0 {
            Some(tid)
        } else {
            self.main_tid(tid)
        }
    }

    /// `tinfo->get_fd(fd)`.
    fn lookup_fd(&mut self, tid: i64, fd: i64) -> Option<FdPtr> {
        if fd < 0 {
            return None;
        }
        let owner = self.fd_owner_mut(tid)?;
        self.fd_tables
            .get(&owner)?
            .contains_key(&fd)
            .then_some(FdPtr { owner, fd })
    }

    fn fd_at(&self, p: FdPtr) -> Option<&Arc<Fd>> {
        self.fd_tables.get(&p.owner)?.get(&p.fd)
    }

    /// Mutates an fd record in place (copy on write), keeping its views in
    /// sync.
    fn fd_modify<R>(&mut self, p: FdPtr, f: impl FnOnce(&mut Fd) -> R) -> Option<R> {
        let e = self.fd_tables.get_mut(&p.owner)?.get_mut(&p.fd)?;
        let fd = Arc::make_mut(e);
        let r = f(fd);
        fd.sync();
        self.lists.share_fd_name(&mut fd.name);
        Some(r)
    }

    /// `tinfo->add_fd(fd, info)`: adds or overwrites an fd in the table the
    /// thread uses and makes it the thread's last fd.
    fn add_fd(&mut self, tid: i64, fd: i64, mut info: Fd) -> Option<FdPtr> {
        self.add_fd_ref(tid, fd, &mut info)
    }

    /// [`State::add_fd`] with the caller's record, which libsinsp marks
    /// (CLOSE_CANCELED) when it replaces an fd whose close is in progress.
    fn add_fd_ref(&mut self, tid: i64, fd: i64, info: &mut Fd) -> Option<FdPtr> {
        self.lists.share_fd_name(&mut info.name);
        let owner = self.fd_owner_mut(tid);
        self.dyn_mut(tid).lastevent_fd = fd;
        let owner = owner?;
        let table = self.fd_tables.entry(owner).or_default();
        match table.get(&fd) {
            None => {
                if table.len() >= MAX_FDTABLE {
                    return None;
                }
            }
            Some(old) => {
                if old.flags & fd::flags::CLOSE_IN_PROGRESS != 0 {
                    info.flags &= !fd::flags::CLOSE_IN_PROGRESS;
                    info.flags |= fd::flags::CLOSE_CANCELED;
                    let old = old.clone();
                    table.insert(CANCELED_FD, old);
                }
            }
        }
        info.sync();
        table.insert(fd, Arc::new(info.clone()));
        Some(FdPtr { owner, fd })
    }

    /// `tinfo->remove_fd(fd)`.
    fn remove_fd(&mut self, tid: i64, fd: i64) {
        if let Some(owner) = self.fd_owner_mut(tid)
            && let Some(t) = self.fd_tables.get_mut(&owner)
        {
            t.remove(&fd);
        }
    }

    // --- import ----------------------------------------------------------------

    /// Imports the queued process list and fd lists (libsinsp's
    /// `import_thread_table`, then `create_child_dependencies` and
    /// `fix_sockets_coming_from_proc`).
    fn import_threads(&mut self) {
        let entries = std::mem::take(&mut self.pending_threads);
        let mut fds = std::mem::take(&mut self.pending_fds);
        for e in entries {
            let list = fds.remove(&e.tid).unwrap_or_default();
            self.import_thread(&e, &list);
        }
        if !self.imported {
            self.imported = true;
            self.create_child_dependencies();
            self.fix_sockets_coming_from_proc();
        }
    }

    fn import_thread(&mut self, e: &ThreadEntry, fds: &[FdEntry]) {
        let mut t = Thread::blank(e.tid);
        t.pid = e.pid;
        t.ptid = e.ptid;
        t.sid = e.sid;
        t.vpgid = e.vpgid;
        t.comm = e.comm.clone().into();
        t.exe = e.exe.clone().into();
        t.exepath = e.exepath.clone().into();
        t.set_args(&e.args);
        if t.is_main_thread() {
            t.set_env(&e.env);
            let mut cwd = paths::concatenate_str("", &e.cwd);
            if !cwd.ends_with('/') {
                cwd.push('/');
            }
            t.cwd = cwd.into();
        }
        t.flags |= e.flags | clone_flags::ACTIVE;
        t.fdlimit = e.fdlimit as i64;
        t.uid = e.uid;
        t.gid = e.gid;
        t.vtid = e.vtid;
        t.vpid = e.vpid;
        t.tty = 0;
        // sysdig 0.29.3 reads loginuid right after `root`; writers since
        // libs 0.10 put pidns_init_start_ts there first.
        t.loginuid = if e.pidns_init_start_ts != 0 {
            e.pidns_init_start_ts as u32
        } else {
            e.loginuid
        };
        t.set_cgroups(&e.cgroups);
        t.root = e.root.clone().into();
        t.container_id = (resolve_container(&t.cgroups, &mut self.containers)).into();
        // fds: libsinsp reuses one record per thread without clearing the
        // socket union between entries.
        let mut table: FxHashMap<i64, Arc<Fd>> = FxHashMap::default();
        let mut rec = Fd::new(FdKind::Unknown, String::new());
        for fe in fds {
            if let Some(f) = self.fd_from_scap(fe, &mut rec)
                && (table.len() < MAX_FDTABLE || table.contains_key(&fe.fd))
            {
                table.insert(fe.fd, Arc::new(f));
            }
        }
        let d = ThreadDyn {
            vmsize_kb: e.vmsize_kb,
            vmrss_kb: e.vmrss_kb,
            vmswap_kb: e.vmswap_kb,
            pfmajor: e.pfmajor,
            pfminor: e.pfminor,
            ..ThreadDyn::default()
        };
        let tid = t.tid;
        if self.add_thread(t, true, table)
            && let Some(slot) = self.dyns.get_mut(&tid)
        {
            *slot = ThreadDyn {
                serial: slot.serial,
                ..d
            };
        }
    }

    /// `add_fd_from_scap`: fills the reused record from an fd list entry.
    fn fd_from_scap(&mut self, e: &FdEntry, rec: &mut Fd) -> Option<Fd> {
        use fd::flags as ff;
        rec.flags = ff::FROM_PROC;
        rec.open_flags = 0;
        rec.ino = e.ino;
        let kind = match e.fd_type {
            0 => return None,
            c => FdKind::from_scap(c).unwrap_or(FdKind::Unsupported),
        };
        rec.kind = kind;
        match &e.info {
            FdInfo::Ipv4 {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                rec.set_v4_sip(u32::from_le_bytes(*sip));
                rec.set_v4_dip(u32::from_le_bytes(*dip));
                rec.set_v4_sport(*sport);
                rec.set_v4_dport(*dport);
                rec.set_v4_l4(*l4proto);
                if *l4proto == fd::L4_TCP {
                    rec.flags |= ff::SOCKET_CONNECTED;
                }
                rec.kind = FdKind::Ipv4;
                rec.name = rec.tuple_name().into();
            }
            FdInfo::Ipv4Server { ip, port, l4proto } => {
                rec.set_v4srv(u32::from_le_bytes(*ip), *port, *l4proto);
                rec.kind = FdKind::Ipv4Server;
                rec.name = rec.tuple_name().into();
                self.server_ports.insert(*port);
            }
            FdInfo::Ipv6 {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                if fd::is_v4_mapped(sip) && fd::is_v4_mapped(dip) {
                    rec.kind = FdKind::Ipv4;
                    rec.set_v4_sip(u32::from_le_bytes([sip[12], sip[13], sip[14], sip[15]]));
                    rec.set_v4_dip(u32::from_le_bytes([dip[12], dip[13], dip[14], dip[15]]));
                    rec.set_v4_sport(*sport);
                    rec.set_v4_dport(*dport);
                    rec.set_v4_l4(*l4proto);
                } else {
                    rec.kind = FdKind::Ipv6;
                    rec.set_v6_sip(*sip);
                    rec.set_v6_dip(*dip);
                    rec.set_v6_sport(*sport);
                    rec.set_v6_dport(*dport);
                    rec.set_v6_l4(*l4proto);
                }
                if *l4proto == fd::L4_TCP {
                    rec.flags |= ff::SOCKET_CONNECTED;
                }
                rec.name = rec.tuple_name().into();
            }
            FdInfo::Ipv6Server { ip, port, l4proto } => {
                rec.set_v6srv(*ip, *port, *l4proto);
                rec.kind = FdKind::Ipv6Server;
                rec.name = rec.tuple_name().into();
                self.server_ports.insert(*port);
            }
            FdInfo::Unix { source, dest, path } => {
                rec.set_unix(*source, *dest);
                rec.name = path.clone().into();
                rec.flags |= if path.is_empty() {
                    ff::ROLE_CLIENT
                } else {
                    ff::ROLE_SERVER
                };
            }
            FdInfo::FileV2 {
                open_flags,
                path,
                dev,
            } => {
                rec.open_flags = *open_flags;
                rec.name = path.clone().into();
                rec.dev = *dev;
                rec.flags |= ff::IS_NOT_TRACER_FD;
            }
            FdInfo::Named(n) => {
                // sysdig 0.29.3 refuses files with fd types it does not
                // know (17 and up); they are kept here, with their name.
                rec.name = n.clone().into();
                rec.flags |= ff::IS_NOT_TRACER_FD;
            }
        }
        if rec.name == "/dev/null" && !rec.kind.is_ip() && rec.kind != FdKind::Unix {
            rec.flags &= !ff::IS_NOT_TRACER_FD;
            rec.flags |= ff::IS_TRACER_FILE;
        }
        let mut out = rec.clone();
        out.sync();
        Some(out)
    }

    /// `fix_sockets_coming_from_proc`: FDL IPv4 sockets on a server port are
    /// turned around and become servers, the others clients.
    fn fix_sockets_coming_from_proc(&mut self) {
        let ports = &self.server_ports;
        for table in self.fd_tables.values_mut() {
            for f in table.values_mut() {
                if f.kind != FdKind::Ipv4 {
                    continue;
                }
                let f = Arc::make_mut(f);
                if ports.contains(&f.v4_sport()) {
                    f.swap_addresses();
                    f.name = f.tuple_name().into();
                    f.flags |= fd::flags::ROLE_SERVER;
                } else {
                    f.flags |= fd::flags::ROLE_CLIENT;
                }
                f.sync();
            }
        }
    }

    // --- per event ---------------------------------------------------------------

    /// Applies one event. `ctx` receives what sysdig's field extraction sees.
    pub fn apply(
        &mut self,
        rec: &EventRecord<'_>,
        ctx: &mut EventContext,
        problems: &mut Problems,
        offset: u64,
    ) {
        self.apply_gated(rec, ctx, problems, offset, None);
    }

    /// Applies one event under a capture filter, the way libsinsp runs
    /// `sysdig -r FILE FILTER`, and says whether the event passed `gate`.
    ///
    /// An event without `EF_MODIFIES_STATE` is tested right after the
    /// parser's reset, before it is parsed; when rejected it is not parsed
    /// at all (so e.g. a rejected `switch` does not update memory
    /// counters), its thread forgets its last event type (the next exit is
    /// unpaired) and its stored enter is kept. A state-modifying event is
    /// parsed first and tested after; when rejected its stored enter is
    /// kept too (libsinsp skips `event_cleanup`). `ctx` is what the gate
    /// saw for rejected events and the context after parsing for passed
    /// ones. `None` passes every event.
    pub fn apply_gated(
        &mut self,
        rec: &EventRecord<'_>,
        ctx: &mut EventContext,
        _problems: &mut Problems,
        _offset: u64,
        mut gate: Option<&mut Gate<'_>>,
    ) -> bool {
        *ctx = EventContext::default();
        let etype = rec.event_type;
        if etype >= SYSDIG_EVENT_MAX {
            return gate.is_none_or(|g| g(self, ctx));
        }
        let is_container = matches!(
            etype,
            ids::CONTAINER_E | ids::CONTAINER_JSON_E | ids::CONTAINER_JSON_2_E
        );
        if !self.imported && !is_container {
            self.import_threads();
        }
        // Delayed removals scheduled by the previous event.
        if let Some(tid) = self.tid_to_remove.take() {
            self.remove_thread(tid, false);
        }
        if !self.fds_to_remove.is_empty() {
            let tid = self.tid_of_fd_to_remove;
            let fds = std::mem::take(&mut self.fds_to_remove);
            if self.get_or_create(tid) {
                for fd in fds {
                    self.remove_fd(tid, fd);
                }
            }
        }
        let mut ev = Ev::default();
        self.reset(rec, &mut ev);
        let eflags = schema::compat_flags(etype);
        let filter_later = eflags & event_flags::MODIFIES_STATE != 0;
        // With a filter, libsinsp's tracer check gives a `write` exit
        // without an fd of its own its thread's last fd, for the filter and
        // for parsing.
        if gate.is_some()
            && etype == ids::WRITE_X
            && ev.fdptr.is_none()
            && let Some(t) = ev.tinfo
        {
            let lfd = self.last_fd(t);
            ev.fdptr = self.lookup_fd(t, lfd);
        }
        if !filter_later && let Some(g) = gate.as_mut() {
            self.fill_context(rec, &ev, ctx);
            if !g(self, ctx) {
                let skip_reset =
                    eflags & event_flags::SKIPPARSERESET != 0 || etype == ids::SCHEDSWITCH_6_E;
                if !skip_reset
                    && let Some(t) = ev.tinfo
                    && let Some(d) = self.dyns.get_mut(&t)
                {
                    d.lastevent_type = u32::from(SYSDIG_EVENT_MAX);
                }
                return false;
            }
            *ctx = EventContext::default();
        }
        self.dispatch(rec, &mut ev);
        self.fill_context(rec, &ev, ctx);
        if filter_later
            && let Some(g) = gate.as_mut()
            && !g(self, ctx)
        {
            return false;
        }
        // event_cleanup: an exit frees its thread's stored enter.
        if !schema::is_enter(etype)
            && let Some(t) = ev.tinfo
            && let Some(d) = self.dyns.get_mut(&t)
        {
            d.lastevent_data = None;
            d.data_valid = false;
        }
        true
    }

    /// What sysdig's field extraction does to the state when it prints an
    /// event (see [`PrintEffects`]). Call it for every event that is
    /// printed, after [`State::apply`].
    pub fn after_print(
        &mut self,
        rec: &EventRecord<'_>,
        ctx: &EventContext,
        effects: PrintEffects,
    ) {
        let Some(t) = ctx.thread.as_ref() else { return };
        if t.tid == -1 && t.comm.starts_with("container:") {
            return;
        }
        if !self.threads.contains_key(&t.tid) || t.is_main_thread() {
            // get_main_thread() of a main thread changes nothing.
            return;
        }
        let tid = t.tid;
        let clone_files = t.flags & clone_flags::CLONE_FILES != 0;
        let mut touch = effects.main_thread;
        if !touch && effects.params {
            let desc = rec.desc();
            touch = (0..nparams(rec)).any(|i| {
                let (Some(d), Some(v)) = (desc.params.get(i), rec.param(i)) else {
                    return false;
                };
                match d.ty {
                    // Path parameters are resolved against get_cwd().
                    schema::ParamType::Fspath | schema::ParamType::Fsrelpath => {
                        !v.is_empty() && !v.starts_with(b"<NA>")
                    }
                    // fd parameters are looked up in the fd table.
                    schema::ParamType::Fd => clone_files && rd_i64(Some(v)).is_some_and(|f| f >= 0),
                    schema::ParamType::Fdlist => clone_files && v.len() >= 2 && v[..2] != [0, 0],
                    _ => false,
                }
            });
        }
        if !touch && effects.fd_fields && ctx.fd_num.is_some() {
            let lfd = ctx.fd_num.unwrap_or(-1);
            // extract_fd: the thread's last fd when the event has none.
            touch = !ctx.fd_from_event && lfd >= 0 && clone_files;
            if !touch && ctx.fd.is_none() && !schema::is_enter(rec.event_type) {
                // extract_fdname_from_creator resolves the event's path.
                touch = match rec.event_type {
                    ids::OPEN_X | ids::CREAT_X => param(rec, 1).is_some_and(|v| !v.is_empty()),
                    ids::OPENAT_2_X | ids::OPENAT2_X => {
                        let name = param(rec, 2).unwrap_or_default();
                        let dirfd = rd_i64(param(rec, 1)).unwrap_or(-100);
                        if cstr(name).first() == Some(&b'/') {
                            false
                        } else if dirfd == -100 {
                            true
                        } else {
                            clone_files && dirfd >= 0
                        }
                    }
                    _ => false,
                };
            }
        }
        if touch {
            self.main_tid(tid);
        }
    }

    /// libsinsp's `sinsp_parser::reset`.
    fn reset(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let etype = rec.event_type;
        let eflags = schema::compat_flags(etype);
        let tid = rec.tid;
        ev.fdptr = None;
        ev.paired = false;
        if eflags & event_flags::SKIPPARSERESET != 0 {
            ev.tinfo = if etype == ids::PROCINFO_E && self.threads.contains_key(&tid) {
                Some(tid)
            } else {
                None
            };
            return;
        }
        if etype == ids::CONTAINER_JSON_E || etype == ids::CONTAINER_JSON_2_E {
            ev.tinfo = None;
            return;
        }
        let query_os = !(is_clone_exit(etype) || etype == ids::SCHEDSWITCH_6_E);
        let exists = if query_os {
            self.get_or_create(tid)
        } else {
            self.threads.contains_key(&tid)
        };
        ev.tinfo = exists.then_some(tid);
        if etype == ids::SCHEDSWITCH_6_E || !exists {
            return;
        }
        if schema::is_enter(etype) {
            let mut lfd = -1;
            if eflags & event_flags::USES_FD != 0 {
                lfd = rd_i64(param(rec, 0)).unwrap_or(-1);
            }
            let d = self.dyn_mut(tid);
            d.lastevent_fd = lfd;
            d.lastevent_type = u32::from(etype);
            d.latency = 0;
            d.entertime = rec.ts_ns;
            if eflags & event_flags::USES_FD != 0 {
                ev.fdptr = self.lookup_fd(tid, lfd);
            }
        } else {
            let d = self.dyn_mut(tid);
            if d.entertime != 0 {
                d.latency = rec.ts_ns.wrapping_sub(d.entertime);
            }
            if u32::from(etype) == d.lastevent_type + 1 {
                d.data_valid = true;
            } else {
                d.data_valid = false;
                if d.lastevent_type != u32::from(ids::TRACER_E) {
                    return;
                }
            }
            ev.paired = true;
            if eflags & event_flags::USES_FD != 0 {
                if etype == ids::COPY_FILE_RANGE_X
                    && let Some(fd) = rd_i64(param(rec, 1))
                {
                    d.lastevent_fd = fd;
                }
                let lfd = d.lastevent_fd;
                ev.fdptr = self.lookup_fd(tid, lfd);
                let Some(p) = ev.fdptr else { return };
                let canceled = self
                    .fd_at(p)
                    .is_some_and(|f| f.flags & fd::flags::CLOSE_CANCELED != 0);
                if canceled {
                    self.fd_modify(p, |f| f.flags &= !fd::flags::CLOSE_CANCELED);
                    if self.lookup_fd(tid, CANCELED_FD).is_some() {
                        self.tid_of_fd_to_remove = tid;
                        self.fds_to_remove.push(CANCELED_FD);
                    }
                }
            }
        }
    }

    /// Builds what the field extraction sees.
    fn fill_context(&self, rec: &EventRecord<'_>, ev: &Ev, ctx: &mut EventContext) {
        let etype = rec.event_type;
        if let Some(t) = &ev.synthetic {
            ctx.thread = Some(t.clone());
            return;
        }
        ctx.thread = self.threads.get(&rec.tid).cloned();
        let tid = rec.tid;
        if let Some(d) = self.dyns.get(&tid) {
            ctx.latency_ns = d.latency;
            if !schema::is_enter(etype) && ev.paired {
                ctx.enter_matched = true;
                ctx.enter_params = d
                    .lastevent_data
                    .clone()
                    .filter(|e| e.event_type + 1 == etype);
            }
        }
        let eflags = schema::compat_flags(etype);
        if eflags & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD) == 0
        {
            return;
        }
        if ctx.thread.is_none() {
            return;
        }
        let lfd = self.last_fd(tid);
        ctx.fd_num = Some(lfd);
        if let Some(p) = ev.fdptr {
            ctx.fd = self.fd_at(p).cloned();
            ctx.fd_from_event = ctx.fd.is_some();
        }
        if ctx.fd.is_none() && lfd != -1 {
            ctx.fd = self.get_fd(tid, lfd).cloned();
        }
    }

    /// `store_event`: keeps a copy of an enter event for its exit.
    fn store_event(&mut self, rec: &EventRecord<'_>, ev: &Ev) {
        let Some(tid) = ev.tinfo else { return };
        let stored = StoredEnter {
            event_type: rec.event_type,
            ts_ns: rec.ts_ns,
            params: rec.params().iter().map(|p| p.to_vec()).collect(),
        };
        let d = self.dyn_mut(tid);
        d.lastevent_data = Some(Arc::new(stored));
        // store_event sets m_lastevent_cpuid, which is the validity flag.
        d.data_valid = rec.cpu != u16::MAX;
    }

    /// `retrieve_enter_event`: the stored enter of this exit's thread when
    /// it is the matching one. Also records it as libsinsp's `m_tmp_evt`.
    fn retrieve_enter(&mut self, rec: &EventRecord<'_>, ev: &Ev) -> Option<Arc<StoredEnter>> {
        let tid = ev.tinfo?;
        let d = self.dyns.get_mut(&tid)?;
        if !d.data_valid {
            return None;
        }
        let e = d.lastevent_data.clone()?;
        self.tmp_evt = Some(e.clone());
        if e.event_type + 1 != rec.event_type {
            if let Some(d) = self.dyns.get_mut(&tid) {
                d.data_valid = false;
            }
            return None;
        }
        Some(e)
    }
}

//! The state engine: threads, fd tables, users and containers, rebuilt the
//! way sysdig's libsinsp rebuilds them, so the context shown for each event
//! (process, fd, container, user) matches sysdig's.
//!
//! Initial tables come from the capture's metadata blocks; events then
//! update them (clone/execve/procexit for threads; open/socket/connect/
//! accept/close/dup/pipe/… for fds; container and user events). The rules
//! follow libsinsp's parser as used by sysdig 0.29.3 (libs e5c53d64);
//! `docs/sysdig-compat/state.md` describes them in words.

mod container;
pub mod fd;
mod thread;

use std::collections::HashMap;
use std::sync::Arc;

pub use container::{Container, container_id_from_cgroups};
pub use fd::{Fd, FdKind, Role, Sock};
pub use thread::Thread;

use crate::decode::{SockTuple, decode_socktuple};
use crate::format::event::EventRecord;
use crate::format::meta::{FdEntry, FdInfo, GroupEntry, Interface, ThreadEntry, UserEntry};
use crate::problems::Problems;
use crate::schema::{self, event_flags};

/// libsinsp's clone flag bits that the state engine uses.
pub mod clone_flags {
    /// Threads share the fd table.
    pub const CLONE_FILES: u32 = 1 << 0;
    /// Threads share the working directory.
    pub const CLONE_FS: u32 = 1 << 1;
    /// The new task is a thread of the same process.
    pub const CLONE_THREAD: u32 = 1 << 13;
    /// The child's clone exit was seen before the parent's.
    pub const CLONE_INVERTED: u32 = 1 << 16;
    /// The child is in a new pid namespace.
    pub const CHILD_IN_PIDNS: u32 = 1 << 29;
}

/// Event type ids the state engine dispatches on.
#[allow(missing_docs)]
pub mod ids {
    pub const OPEN_E: u16 = 2;
    pub const OPEN_X: u16 = 3;
    pub const CLOSE_E: u16 = 4;
    pub const CLOSE_X: u16 = 5;
    pub const READ_X: u16 = 7;
    pub const WRITE_X: u16 = 9;
    pub const EXECVE_8_X: u16 = 13;
    pub const CLONE_11_X: u16 = 15;
    pub const PROCEXIT_E: u16 = 16;
    pub const SOCKET_E: u16 = 18;
    pub const SOCKET_X: u16 = 19;
    pub const BIND_X: u16 = 21;
    pub const CONNECT_E: u16 = 22;
    pub const CONNECT_X: u16 = 23;
    pub const ACCEPT_X: u16 = 27;
    pub const SEND_X: u16 = 29;
    pub const SENDTO_E: u16 = 30;
    pub const SENDTO_X: u16 = 31;
    pub const RECV_X: u16 = 33;
    pub const RECVFROM_X: u16 = 35;
    pub const SOCKETPAIR_X: u16 = 43;
    pub const SENDMSG_E: u16 = 48;
    pub const SENDMSG_X: u16 = 49;
    pub const RECVMSG_X: u16 = 53;
    pub const ACCEPT4_X: u16 = 57;
    pub const CREAT_E: u16 = 58;
    pub const CREAT_X: u16 = 59;
    pub const PIPE_X: u16 = 61;
    pub const EVENTFD_E: u16 = 62;
    pub const EVENTFD_X: u16 = 63;
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
    pub const SIGNALFD_X: u16 = 127;
    pub const TIMERFD_CREATE_X: u16 = 137;
    pub const INOTIFY_INIT_X: u16 = 139;
    pub const SCHEDSWITCH_6_E: u16 = 152;
    pub const FCNTL_E: u16 = 150;
    pub const FCNTL_X: u16 = 151;
    pub const EXECVE_13_X: u16 = 155;
    pub const CLONE_16_X: u16 = 157;
    pub const EXECVE_14_X: u16 = 173;
    pub const FORK_X: u16 = 183;
    pub const VFORK_X: u16 = 185;
    pub const PROCEXIT_1_E: u16 = 186;
    pub const SENDFILE_E: u16 = 188;
    pub const SETRESUID_X: u16 = 193;
    pub const SETRESGID_X: u16 = 195;
    pub const SETUID_X: u16 = 199;
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
    pub const ACCEPT_5_X: u16 = 247;
    pub const ACCEPT4_5_X: u16 = 249;
    pub const CONTAINER_JSON_E: u16 = 272;
    pub const EXECVE_17_X: u16 = 283;
    pub const EXECVE_18_E: u16 = 288;
    pub const EXECVE_18_X: u16 = 289;
    pub const EXECVE_19_E: u16 = 292;
    pub const EXECVE_19_X: u16 = 293;
    pub const OPENAT_2_E: u16 = 306;
    pub const OPENAT_2_X: u16 = 307;
    pub const CONTAINER_JSON_2_E: u16 = 324;
    pub const OPENAT2_E: u16 = 326;
    pub const OPENAT2_X: u16 = 327;
    pub const EXECVEAT_E: u16 = 330;
    pub const EXECVEAT_X: u16 = 331;
    pub const COPY_FILE_RANGE_X: u16 = 333;
    pub const CLONE3_X: u16 = 335;
    pub const USER_ADDED_E: u16 = 354;
    pub const USER_DELETED_E: u16 = 356;
    pub const GROUP_ADDED_E: u16 = 358;
    pub const GROUP_DELETED_E: u16 = 360;
    pub const DUP2_X: u16 = 363;
    pub const DUP3_X: u16 = 365;
    pub const DUP_1_X: u16 = 367;
    pub const EPOLL_CREATE_X: u16 = 375;
    pub const EPOLL_CREATE1_X: u16 = 377;
    pub const PIPE2_X: u16 = 393;
    pub const INOTIFY_INIT1_X: u16 = 395;
    pub const EVENTFD2_X: u16 = 397;
    pub const SIGNALFD4_X: u16 = 399;
    pub const MEMFD_CREATE_X: u16 = 405;
    pub const PIDFD_GETFD_X: u16 = 407;
    pub const PIDFD_OPEN_X: u16 = 409;
}

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

/// Context of the event just applied: the thread and fd it concerns, as
/// they are after the event (what sysdig prints for it).
#[derive(Debug, Clone, Default)]
pub struct EventContext {
    /// The thread (absent for metaevents and unknown threads of events that
    /// never create one, e.g. scheduler switches).
    pub thread: Option<Arc<Thread>>,
    /// The fd number the event uses (from the enter event for exits).
    pub fd_num: Option<i64>,
    /// The fd's description.
    pub fd: Option<Arc<Fd>>,
    /// Latency of an exit event: ns since the matching enter.
    pub latency_ns: u64,
    /// Whether the exit's matching enter was seen just before (per thread).
    pub enter_matched: bool,
    /// For exit events: the parameters of the matching enter event, copied
    /// (sysdig reads some fields of exits from their enter).
    pub enter_params: Option<Arc<StoredEnter>>,
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
}

/// Per-thread parser bookkeeping (libsinsp's `m_lastevent_*`).
#[derive(Debug, Clone, Default)]
struct LastEvent {
    /// Type of the last enter event (u16::MAX when none).
    event_type: Option<u16>,
    /// fd of the last enter event that used one.
    fd: i64,
    /// Entry time for latency.
    enter_ts_ns: u64,
    /// Stored enter event (for the exits that need their enter's params).
    stored: Option<Arc<StoredEnter>>,
    /// Whether `stored` belongs to the current enter/exit pair.
    stored_valid: bool,
}

/// The whole state of the capture at one point in time.
#[derive(Debug, Default, Clone)]
pub struct State {
    /// Threads by tid.
    pub threads: HashMap<i64, Arc<Thread>>,
    /// fd tables by the tid that owns them (main thread of a process).
    pub fd_tables: HashMap<i64, HashMap<i64, Arc<Fd>>>,
    /// Users by uid.
    pub users: HashMap<u32, User>,
    /// Groups by gid.
    pub groups: HashMap<u32, String>,
    /// Containers by (short) id.
    pub containers: HashMap<String, Arc<Container>>,
    /// Network interfaces of the capturing host.
    pub interfaces: Vec<Interface>,
    last: HashMap<i64, LastEvent>,
    /// Thread to remove before the next event (after procexit).
    tid_to_remove: Option<i64>,
    /// fds to remove before the next event (after close), with their table.
    fds_to_remove: Vec<(i64, i64)>,
}

fn rd_i64(b: Option<&[u8]>) -> Option<i64> {
    let b = b?;
    Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
}
fn rd_u32(b: Option<&[u8]>) -> Option<u32> {
    let b = b?;
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}
fn rd_u64(b: Option<&[u8]>) -> Option<u64> {
    let b = b?;
    Some(u64::from_le_bytes(b.get(..8)?.try_into().ok()?))
}
fn rd_str(b: Option<&[u8]>) -> Option<String> {
    let b = b?;
    let b = match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    };
    Some(String::from_utf8_lossy(b).into_owned())
}

impl State {
    /// Drops everything (a new section starts).
    pub fn reset_for_new_section(&mut self) {
        *self = State::default();
    }

    /// Adds the threads of a process list block.
    pub fn add_process_list(&mut self, entries: Vec<ThreadEntry>) {
        for e in entries {
            let mut t = Thread::from_entry(&e);
            t.container_id = container_id_from_cgroups(&t.cgroups);
            self.threads.insert(t.tid, Arc::new(t));
        }
    }

    /// Adds a thread's fds from an fd list block.
    pub fn add_fd_list(&mut self, tid: i64, fds: Vec<FdEntry>) {
        let owner = self.fd_owner(tid);
        let table = self.fd_tables.entry(owner).or_default();
        for e in fds {
            table.insert(e.fd, Arc::new(fd_from_entry(&e)));
        }
    }

    /// Adds users and groups of a user list block.
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

    /// The tid whose fd table a thread uses: threads created with
    /// CLONE_FILES share their main thread's table.
    pub fn fd_owner(&self, tid: i64) -> i64 {
        match self.threads.get(&tid) {
            Some(t) if t.pid != t.tid && t.flags & clone_flags::CLONE_FILES != 0 => t.pid,
            _ => tid,
        }
    }

    /// The thread whose cwd a thread uses: threads created with CLONE_FS
    /// share their main thread's.
    pub fn cwd_owner(&self, tid: i64) -> i64 {
        match self.threads.get(&tid) {
            Some(t)
                if t.flags & clone_flags::CLONE_FS != 0 && self.threads.contains_key(&t.pid) =>
            {
                t.pid
            }
            _ => tid,
        }
    }

    /// A thread's working directory.
    pub fn cwd(&self, tid: i64) -> String {
        self.threads
            .get(&self.cwd_owner(tid))
            .map(|t| t.cwd.clone())
            .unwrap_or_default()
    }

    /// The thread's "last event fd" (`fd.num`), -1 when none.
    pub fn last_fd(&self, tid: i64) -> i64 {
        self.last.get(&tid).map_or(-1, |l| l.fd)
    }

    /// Looks up an fd of a thread.
    pub fn get_fd(&self, tid: i64, fd: i64) -> Option<&Arc<Fd>> {
        self.fd_tables.get(&self.fd_owner(tid))?.get(&fd)
    }

    fn add_fd(&mut self, tid: i64, fd: i64, info: Fd) -> Arc<Fd> {
        // libsinsp's add_fd also makes it the thread's "last event fd", which
        // is what `fd.num` shows.
        self.last.entry(tid).or_default().fd = fd;
        let owner = self.fd_owner(tid);
        let info = Arc::new(info);
        self.fd_tables
            .entry(owner)
            .or_default()
            .insert(fd, info.clone());
        // An fd re-created while its close is pending is not removed.
        self.fds_to_remove
            .retain(|&(o, f)| !(o == owner && f == fd));
        info
    }

    /// The user of a uid.
    pub fn user(&self, uid: u32) -> Option<&User> {
        self.users.get(&uid)
    }

    /// A container by id.
    pub fn container(&self, id: &str) -> Option<&Arc<Container>> {
        self.containers.get(id)
    }

    /// Finds or creates the thread of an event, like libsinsp's
    /// `get_thread_ref(tid, query_os=true)`: in a capture file a thread not
    /// in the table is created with unknown (`<NA>`) names.
    fn thread_or_create(&mut self, tid: i64) -> Arc<Thread> {
        if let Some(t) = self.threads.get(&tid) {
            return t.clone();
        }
        let t = Arc::new(Thread::unknown(tid));
        self.threads.insert(tid, t.clone());
        t
    }

    fn update_thread(&mut self, tid: i64, f: impl FnOnce(&mut Thread)) -> Option<Arc<Thread>> {
        let t = self.threads.get_mut(&tid)?;
        f(Arc::make_mut(t));
        Some(t.clone())
    }

    fn flush_pending_removals(&mut self) {
        for (owner, fd) in std::mem::take(&mut self.fds_to_remove) {
            if let Some(t) = self.fd_tables.get_mut(&owner) {
                t.remove(&fd);
            }
        }
        if let Some(tid) = self.tid_to_remove.take() {
            self.remove_thread(tid);
        }
    }

    fn remove_thread(&mut self, tid: i64) {
        let Some(t) = self.threads.get(&tid) else {
            return;
        };
        // A main thread stays while other threads of its process live: they
        // share its fd table and process-level fields.
        if t.pid == tid && self.threads.values().any(|o| o.pid == tid && o.tid != tid) {
            return;
        }
        self.threads.remove(&tid);
        self.last.remove(&tid);
        if self.fd_tables.contains_key(&tid) {
            self.fd_tables.remove(&tid);
        }
    }

    /// Applies one event. `ctx` receives the event's thread and fd context.
    pub fn apply(
        &mut self,
        rec: &EventRecord<'_>,
        ctx: &mut EventContext,
        _problems: &mut Problems,
        _offset: u64,
    ) {
        self.flush_pending_removals();
        *ctx = EventContext::default();
        let etype = rec.event_type;
        let eflags = schema::compat_flags(etype);
        let tid = rec.tid;

        if eflags & event_flags::SKIPPARSERESET != 0 {
            if etype == ids::PROCINFO_E {
                ctx.thread = self.threads.get(&tid).cloned();
            }
            return;
        }
        if etype == ids::CONTAINER_JSON_E || etype == ids::CONTAINER_JSON_2_E {
            self.parse_container_json(rec);
            return;
        }
        let is_clone_exit = matches!(
            etype,
            ids::CLONE_11_X
                | ids::CLONE_16_X
                | ids::CLONE_17_X
                | ids::CLONE_20_X
                | ids::FORK_X
                | ids::FORK_17_X
                | ids::FORK_20_X
                | ids::VFORK_X
                | ids::VFORK_17_X
                | ids::VFORK_20_X
                | ids::CLONE3_X
        );
        let query_os = !(is_clone_exit || etype == ids::SCHEDSWITCH_6_E);
        let thread = if query_os {
            Some(self.thread_or_create(tid))
        } else {
            self.threads.get(&tid).cloned()
        };
        if etype == ids::SCHEDSWITCH_6_E {
            ctx.thread = thread;
            return;
        }
        let Some(_) = thread else {
            // Only clone exits reach here: the child's exit may come first.
            if is_clone_exit {
                self.parse_clone_exit(rec, ctx);
            }
            ctx.thread = self.threads.get(&tid).cloned();
            return;
        };

        let last = self.last.entry(tid).or_default();
        let mut proceed = true;
        if schema::is_enter(etype) {
            last.event_type = Some(etype);
            last.fd = -1;
            last.enter_ts_ns = rec.ts_ns;
            last.stored_valid = false;
            if eflags & event_flags::USES_FD != 0
                && let Some(fd) = rd_i64(rec.param(0))
            {
                last.fd = fd;
                ctx.fd_num = Some(fd);
            }
        } else {
            if last.enter_ts_ns != 0 {
                ctx.latency_ns = rec.ts_ns.saturating_sub(last.enter_ts_ns);
            }
            if last.event_type.map(|t| t + 1) == Some(etype) {
                ctx.enter_matched = true;
                if last.stored_valid {
                    ctx.enter_params = last.stored.clone();
                }
            } else {
                // An exit without its enter: libsinsp skips the parser for
                // it (the thread is still shown).
                last.stored_valid = false;
                proceed = false;
            }
            if proceed && eflags & event_flags::USES_FD != 0 {
                if etype == ids::COPY_FILE_RANGE_X
                    && let Some(fd) = rd_i64(rec.param(1))
                {
                    last.fd = fd;
                }
                ctx.fd_num = Some(last.fd);
            }
        }
        if let Some(fd) = ctx.fd_num {
            ctx.fd = self.get_fd(tid, fd).cloned();
        }
        if proceed {
            self.dispatch(rec, ctx);
        }
        ctx.thread = self.threads.get(&tid).cloned();
        // The fd may have been replaced by the parser (open, accept …).
        if ctx.fd.is_none()
            && let Some(fd) = ctx.fd_num
        {
            ctx.fd = self.get_fd(tid, fd).cloned();
        }
        // libsinsp's fd fields fall back on the thread's last fd when the
        // event itself resolved none.
        if ctx.fd_num.is_none()
            && eflags & (event_flags::CREATES_FD | event_flags::DESTROYS_FD) != 0
        {
            let lfd = self.last.get(&tid).map_or(-1, |l| l.fd);
            if lfd != -1 {
                ctx.fd_num = Some(lfd);
                ctx.fd = self.get_fd(tid, lfd).cloned();
            }
        }
    }

    /// Keeps a copy of an enter event for its exit.
    fn store_event(&mut self, rec: &EventRecord<'_>) {
        let stored = StoredEnter {
            event_type: rec.event_type,
            ts_ns: rec.ts_ns,
            params: rec.params().iter().map(|p| p.to_vec()).collect(),
        };
        let last = self.last.entry(rec.tid).or_default();
        last.stored = Some(Arc::new(stored));
        last.stored_valid = true;
    }

    /// The stored enter of an exit, when it is the matching one.
    fn enter_of(&self, rec: &EventRecord<'_>, ctx: &EventContext) -> Option<Arc<StoredEnter>> {
        let e = ctx.enter_params.clone()?;
        (e.event_type + 1 == rec.event_type).then_some(e)
    }

    fn dispatch(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        use ids::*;
        let etype = rec.event_type;
        match etype {
            SENDTO_E => {
                if ctx.fd.is_none() {
                    self.infer_sendto_fd(rec, ctx);
                }
                self.store_event(rec);
            }
            OPEN_E | CREAT_E | OPENAT_E | OPENAT_2_E | OPENAT2_E | SOCKET_E | EVENTFD_E
            | CHDIR_E | FCHDIR_E | SENDMSG_E | SENDFILE_E | EXECVE_18_E | EXECVE_19_E
            | EXECVEAT_E => self.store_event(rec),
            // shutdown, rlimit, setuid… enters are stored too in libsinsp;
            // only the ones whose exits we parse matter here.
            READ_X | WRITE_X | RECV_X | SEND_X | RECVFROM_X | RECVMSG_X | SENDTO_X | SENDMSG_X
            | READV_X | WRITEV_X | PREAD_X | PWRITE_X | PREADV_X | PWRITEV_X => {
                self.parse_rw_exit(rec, ctx)
            }
            OPEN_X | CREAT_X | OPENAT_X | OPENAT_2_X | OPENAT2_X => self.parse_open_exit(rec, ctx),
            CLONE_11_X | CLONE_16_X | CLONE_17_X | CLONE_20_X | FORK_X | FORK_17_X | FORK_20_X
            | VFORK_X | VFORK_17_X | VFORK_20_X | CLONE3_X => self.parse_clone_exit(rec, ctx),
            EXECVE_8_X | EXECVE_13_X | EXECVE_14_X | EXECVE_15_X | EXECVE_16_X | EXECVE_17_X
            | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X => self.parse_execve_exit(rec, ctx),
            PROCEXIT_E | PROCEXIT_1_E => self.tid_to_remove = Some(rec.tid),
            PIPE_X | PIPE2_X => self.parse_pipe_exit(rec),
            SOCKET_X => self.parse_socket_exit(rec, ctx),
            BIND_X => self.parse_bind_exit(rec, ctx),
            CONNECT_E => self.parse_connect_enter(rec, ctx),
            CONNECT_X => self.parse_connect_exit(rec, ctx),
            ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X => self.parse_accept_exit(rec, ctx),
            CLOSE_X => self.parse_close_exit(rec, ctx),
            FCNTL_E => {
                // Only F_DUPFD / F_DUPFD_CLOEXEC create an fd.
                if let Some(&[cmd, ..]) = rec.param(1)
                    && (cmd == 1 || cmd == 26)
                {
                    self.store_event(rec);
                }
            }
            FCNTL_X if self.enter_of(rec, ctx).is_some() => {
                self.dup_fd(rec, ctx, false);
            }
            EVENTFD_X | EVENTFD2_X => self.simple_fd(rec, ctx, FdKind::Event),
            CHDIR_X => {
                if rd_i64(rec.param(0)).is_some_and(|r| r >= 0)
                    && let Some(dir) = rd_str(rec.param(1))
                {
                    let owner = self.cwd_owner(rec.tid);
                    self.update_thread(owner, |t| t.set_cwd(&dir));
                }
            }
            FCHDIR_X => {
                if rd_i64(rec.param(0)).is_some_and(|r| r >= 0)
                    && let Some(fd) = ctx.fd.clone()
                {
                    let owner = self.cwd_owner(rec.tid);
                    self.update_thread(owner, |t| t.set_cwd(&fd.name));
                }
            }
            DUP_X | DUP_1_X | DUP2_X | DUP3_X => self.dup_fd(rec, ctx, true),
            SIGNALFD_X | SIGNALFD4_X => self.simple_fd(rec, ctx, FdKind::Signalfd),
            TIMERFD_CREATE_X => self.simple_fd(rec, ctx, FdKind::Timerfd),
            INOTIFY_INIT_X | INOTIFY_INIT1_X => self.simple_fd(rec, ctx, FdKind::Inotify),
            EPOLL_CREATE_X | EPOLL_CREATE1_X => self.simple_fd(rec, ctx, FdKind::Eventpoll),
            MEMFD_CREATE_X => self.simple_fd(rec, ctx, FdKind::Memfd),
            PIDFD_OPEN_X | PIDFD_GETFD_X => self.simple_fd(rec, ctx, FdKind::Pidfd),
            SOCKETPAIR_X => self.parse_socketpair_exit(rec, ctx),
            SETUID_X | SETRESUID_X => self.parse_setuid(rec, ctx),
            SETGID_X | SETRESGID_X => self.parse_setgid(rec, ctx),
            CONTAINER_E => self.parse_container_old(rec),
            USER_ADDED_E => {
                let uid = rd_u32(rec.param(0)).unwrap_or(u32::MAX);
                let gid = rd_u32(rec.param(1)).unwrap_or(u32::MAX);
                let name = rd_str(rec.param(2)).unwrap_or_default();
                let homedir = rd_str(rec.param(3)).unwrap_or_default();
                let shell = rd_str(rec.param(4)).unwrap_or_default();
                self.users.insert(
                    uid,
                    User {
                        uid,
                        gid,
                        name,
                        homedir,
                        shell,
                    },
                );
            }
            USER_DELETED_E => {
                if let Some(uid) = rd_u32(rec.param(0)) {
                    self.users.remove(&uid);
                }
            }
            GROUP_ADDED_E => {
                if let (Some(gid), Some(name)) = (rd_u32(rec.param(0)), rd_str(rec.param(1))) {
                    self.groups.insert(gid, name);
                }
            }
            GROUP_DELETED_E => {
                if let Some(gid) = rd_u32(rec.param(0)) {
                    self.groups.remove(&gid);
                }
            }
            _ => {}
        }
    }

    fn simple_fd(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext, kind: FdKind) {
        let Some(fd) = rd_i64(rec.param(0)) else {
            return;
        };
        if fd < 0 {
            return;
        }
        ctx.fd = Some(self.add_fd(rec.tid, fd, Fd::new(kind, String::new())));
        ctx.fd_num = Some(fd);
    }

    fn parse_open_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        use ids::*;
        let etype = rec.event_type;
        let Some(fd) = rd_i64(rec.param(0)) else {
            return;
        };
        let enter = self.enter_of(rec, ctx);
        let ep = |i: usize| enter.as_ref().and_then(|e| e.param(i));
        let enter_name_ok = |b: Option<&[u8]>| {
            b.is_some_and(|b| !b.is_empty() && rd_str(Some(b)).is_some_and(|s| s != "(NULL)"))
        };
        let cwd = self.cwd(rec.tid);
        let mut dev = 0;
        let (name, flags, dir) = match etype {
            OPEN_X => {
                let mut name = rd_str(rec.param(1)).unwrap_or_default();
                let mut flags = rd_u32(rec.param(2)).unwrap_or(0);
                if rec.nparams() > 4 {
                    dev = rd_u32(rec.param(4)).unwrap_or(0);
                }
                if enter.as_ref().is_some_and(|e| e.params.len() >= 2) && enter_name_ok(ep(0)) {
                    name = rd_str(ep(0)).unwrap_or_default();
                    flags = rd_u32(ep(1)).unwrap_or(0);
                }
                (name, flags, cwd)
            }
            CREAT_X => {
                let mut name = rd_str(rec.param(1)).unwrap_or_default();
                if rec.nparams() > 3 {
                    dev = rd_u32(rec.param(3)).unwrap_or(0);
                }
                if enter.as_ref().is_some_and(|e| !e.params.is_empty()) && enter_name_ok(ep(0)) {
                    name = rd_str(ep(0)).unwrap_or_default();
                }
                (name, 0, cwd)
            }
            OPENAT_X => {
                // The old openat exit carries only the fd: everything comes
                // from the enter event.
                let Some(e) = enter.as_ref() else { return };
                let name = rd_str(e.param(1)).unwrap_or_default();
                let flags = rd_u32(e.param(2)).unwrap_or(0);
                let dirfd = rd_i64(e.param(0)).unwrap_or(-100);
                let dir = self.dirfd_path(rec.tid, &name, dirfd, &cwd);
                (name, flags, dir)
            }
            _ => {
                let mut name = rd_str(rec.param(2)).unwrap_or_default();
                let mut flags = rd_u32(rec.param(3)).unwrap_or(0);
                let mut dirfd = rd_i64(rec.param(1)).unwrap_or(-100);
                if etype == OPENAT_2_X && rec.nparams() > 5 {
                    dev = rd_u32(rec.param(5)).unwrap_or(0);
                }
                if enter.as_ref().is_some_and(|e| e.params.len() >= 3) && enter_name_ok(ep(1)) {
                    name = rd_str(ep(1)).unwrap_or_default();
                    flags = rd_u32(ep(2)).unwrap_or(0);
                    dirfd = rd_i64(ep(0)).unwrap_or(-100);
                }
                let dir = self.dirfd_path(rec.tid, &name, dirfd, &cwd);
                (name, flags, dir)
            }
        };
        if fd >= 0 {
            let full = concatenate_paths(&dir, &name);
            const O_DIRECTORY: u32 = 1 << 10;
            let kind = if flags & O_DIRECTORY != 0 {
                FdKind::Directory
            } else {
                FdKind::File
            };
            let mut info = Fd::new(kind, full);
            info.open_flags = flags;
            info.dev = dev;
            ctx.fd = Some(self.add_fd(rec.tid, fd, info));
            ctx.fd_num = Some(fd);
        }
    }

    /// The directory a relative path is resolved against (libsinsp's
    /// `parse_dirfd`).
    fn dirfd_path(&self, tid: i64, name: &str, dirfd: i64, cwd: &str) -> String {
        if name.starts_with('/') {
            ".".into()
        } else if dirfd == -100 {
            cwd.into()
        } else {
            match self.get_fd(tid, dirfd) {
                None => "<UNKNOWN>".into(),
                Some(f) if f.name.ends_with('/') => f.name.clone(),
                Some(f) => format!("{}/", f.name),
            }
        }
    }

    fn parse_socket_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        let Some(fd) = rd_i64(rec.param(0)) else {
            return;
        };
        if fd < 0 {
            return;
        }
        let Some(e) = self.enter_of(rec, ctx) else {
            return;
        };
        let domain = rd_u32(e.param(0)).unwrap_or(0);
        let ty = rd_u32(e.param(1)).unwrap_or(0);
        let proto = rd_u32(e.param(2)).unwrap_or(0);
        if let Some(f) = self.add_socket(rec.tid, fd, domain, ty, proto) {
            ctx.fd = Some(f);
            ctx.fd_num = Some(fd);
        }
    }

    fn add_socket(
        &mut self,
        tid: i64,
        fd: i64,
        domain: u32,
        ty: u32,
        proto: u32,
    ) -> Option<Arc<Fd>> {
        const SOCK_STREAM: u32 = 1;
        const SOCK_DGRAM: u32 = 2;
        const SOCK_RAW: u32 = 3;
        let l4 = match proto {
            6 => Some(if ty == SOCK_RAW {
                fd::L4_RAW
            } else {
                fd::L4_TCP
            }),
            17 => Some(if ty == SOCK_RAW {
                fd::L4_RAW
            } else {
                fd::L4_UDP
            }),
            0 => match ty & 0xff {
                SOCK_STREAM => Some(fd::L4_TCP),
                SOCK_DGRAM => Some(fd::L4_UDP),
                _ => None,
            },
            1 => Some(if ty == SOCK_RAW {
                fd::L4_RAW
            } else {
                fd::L4_ICMP
            }),
            255 => Some(fd::L4_RAW),
            _ => None,
        }
        .unwrap_or(fd::L4_UNKNOWN);
        let info = match domain {
            1 => Fd::new(FdKind::Unix, String::new()),
            2 => {
                let mut f = Fd::new(FdKind::Ipv4, String::new());
                f.sock = Sock::V4 {
                    sip: 0,
                    dip: 0,
                    sport: 0,
                    dport: 0,
                    l4,
                };
                f
            }
            10 => {
                let mut f = Fd::new(FdKind::Ipv6, String::new());
                f.sock = Sock::V6 {
                    sip: [0; 16],
                    dip: [0; 16],
                    sport: 0,
                    dport: 0,
                    l4,
                };
                f
            }
            16 => Fd::new(FdKind::Netlink, String::new()),
            _ => return None,
        };
        Some(self.add_fd(tid, fd, info))
    }

    fn infer_sendto_fd(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        let Some(fd) = rd_i64(rec.param(0)) else {
            return;
        };
        if fd < 0 {
            return;
        }
        let fam = rec.param(2).and_then(|b| b.first().copied());
        let domain = match fam {
            Some(2) => 2,
            Some(10) => 10,
            _ => return,
        };
        ctx.fd = self.add_socket(rec.tid, fd, domain, 2, 17);
    }

    /// Mutates the event's fd in place (copy-on-write) and returns it.
    fn with_event_fd(
        &mut self,
        tid: i64,
        ctx: &mut EventContext,
        f: impl FnOnce(&mut Fd),
    ) -> Option<()> {
        let fdn = ctx.fd_num?;
        let owner = self.fd_owner(tid);
        let table = self.fd_tables.get_mut(&owner)?;
        let entry = table.get_mut(&fdn)?;
        f(Arc::make_mut(entry));
        ctx.fd = Some(entry.clone());
        Some(())
    }

    fn parse_bind_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if ctx.fd.is_none() || rd_i64(rec.param(0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(addr) = rec.param(1).filter(|b| !b.is_empty()) else {
            return;
        };
        let name = fd::sockaddr_simple(addr);
        let addr = addr.to_vec();
        self.with_event_fd(rec.tid, ctx, |f| {
            match addr[0] {
                2 if addr.len() >= 7 => {
                    let ip = u32::from_le_bytes([addr[1], addr[2], addr[3], addr[4]]);
                    let port = u16::from_le_bytes([addr[5], addr[6]]);
                    if port > 0 {
                        let l4 = f.sock.l4();
                        f.kind = FdKind::Ipv4Server;
                        f.sock = Sock::V4Server { ip, port, l4 };
                        f.role = Role::Server;
                    }
                }
                10 if addr.len() >= 19 => {
                    let mut ip = [0u8; 16];
                    ip.copy_from_slice(&addr[1..17]);
                    let port = u16::from_le_bytes([addr[17], addr[18]]);
                    if port > 0 {
                        let l4 = f.sock.l4();
                        if fd::is_v4_mapped(&ip) {
                            f.kind = FdKind::Ipv4Server;
                            let ip4 = u32::from_le_bytes([ip[12], ip[13], ip[14], ip[15]]);
                            f.sock = Sock::V4Server { ip: ip4, port, l4 };
                        } else {
                            f.kind = FdKind::Ipv6Server;
                            f.sock = Sock::V6Server { ip, port, l4 };
                        }
                        f.role = Role::Server;
                    }
                }
                _ => {}
            }
            f.name = name;
        });
    }

    fn parse_connect_enter(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if ctx.fd.is_none() || rec.nparams() < 2 {
            return;
        }
        let Some(addr) = rec.param(1).filter(|b| !b.is_empty()) else {
            return;
        };
        let addr = addr.to_vec();
        self.with_event_fd(rec.tid, ctx, |f| match addr[0] {
            2 if addr.len() >= 7 => {
                let dip = u32::from_le_bytes([addr[1], addr[2], addr[3], addr[4]]);
                let dport = u16::from_le_bytes([addr[5], addr[6]]);
                f.kind = FdKind::Ipv4;
                f.sock.set_v4_dest(dip, dport);
            }
            10 if addr.len() >= 19 => {
                let mut ip = [0u8; 16];
                ip.copy_from_slice(&addr[1..17]);
                let port = u16::from_le_bytes([addr[17], addr[18]]);
                if fd::is_v4_mapped(&ip) {
                    f.kind = FdKind::Ipv4;
                    f.sock
                        .set_v4_dest(u32::from_le_bytes([ip[12], ip[13], ip[14], ip[15]]), port);
                } else {
                    f.kind = FdKind::Ipv6;
                    f.sock.set_v6_dest(ip, port);
                }
            }
            _ => {
                f.name = fd::sockaddr_simple(&addr);
                if addr.len() >= 17 {
                    let source = u64::from_le_bytes(addr[1..9].try_into().unwrap_or([0; 8]));
                    let dest = u64::from_le_bytes(addr[9..17].try_into().unwrap_or([0; 8]));
                    f.sock = Sock::Unix { source, dest };
                }
            }
        });
    }

    fn parse_connect_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if ctx.fd.is_none() {
            return;
        }
        let Some(res) = rd_i64(rec.param(0)) else {
            return;
        };
        const EINPROGRESS: i64 = 115;
        if res < 0 && res != -EINPROGRESS {
            return;
        }
        let Some(tuple) = rec.param(1).filter(|b| !b.is_empty()) else {
            return;
        };
        let tuple = tuple.to_vec();
        self.with_event_fd(rec.tid, ctx, |f| fill_client_socket_info(f, &tuple));
    }

    fn parse_accept_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        let Some(fd) = rd_i64(rec.param(0)) else {
            return;
        };
        if fd < 0 {
            return;
        }
        if let Some(l) = self.last.get_mut(&rec.tid) {
            l.fd = fd;
        }
        ctx.fd_num = Some(fd);
        let Some(tuple) = rec.param(1).filter(|b| !b.is_empty()) else {
            return;
        };
        let mut info = Fd::new(FdKind::Unknown, String::new());
        match decode_socktuple(tuple) {
            Some(SockTuple::V4 {
                sip,
                sport,
                dip,
                dport,
            }) => {
                info.kind = FdKind::Ipv4;
                info.sock = Sock::V4 {
                    sip: u32::from_le_bytes(sip.octets()),
                    dip: u32::from_le_bytes(dip.octets()),
                    sport,
                    dport,
                    l4: fd::L4_TCP,
                };
            }
            Some(SockTuple::V6 {
                sip,
                sport,
                dip,
                dport,
            }) => {
                let (s, d) = (sip.octets(), dip.octets());
                if fd::is_v4_mapped(&s) && fd::is_v4_mapped(&d) {
                    info.kind = FdKind::Ipv4;
                    info.sock = Sock::V4 {
                        sip: u32::from_le_bytes([s[12], s[13], s[14], s[15]]),
                        dip: u32::from_le_bytes([d[12], d[13], d[14], d[15]]),
                        sport,
                        dport,
                        l4: fd::L4_TCP,
                    };
                } else {
                    info.kind = FdKind::Ipv6;
                    info.sock = Sock::V6 {
                        sip: s,
                        dip: d,
                        sport,
                        dport,
                        l4: fd::L4_TCP,
                    };
                }
            }
            Some(SockTuple::Unix { source, dest, .. }) => {
                info.kind = FdKind::Unix;
                info.sock = Sock::Unix { source, dest };
            }
            _ => return,
        }
        info.name = fd::socktuple_simple(tuple);
        info.role = Role::Server;
        ctx.fd = Some(self.add_fd(rec.tid, fd, info));
    }

    fn parse_close_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        let Some(res) = rd_i64(rec.param(0)) else {
            return;
        };
        if res < 0 || ctx.fd.is_none() {
            return;
        }
        let Some(fd) = ctx.fd_num else { return };
        // libsinsp removes the fd after the event is processed, so the
        // close exit still shows it.
        let owner = self.fd_owner(rec.tid);
        self.fds_to_remove.push((owner, fd));
    }

    fn dup_fd(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext, is_dup: bool) {
        let Some(res) = rd_i64(rec.param(0)) else {
            return;
        };
        if res < 0 {
            return;
        }
        let Some(old) = ctx.fd.clone() else { return };
        let _ = is_dup;
        let mut copy = (*old).clone();
        copy.cloned_from_parent = false;
        ctx.fd = Some(self.add_fd(rec.tid, res, copy));
    }

    fn parse_pipe_exit(&mut self, rec: &EventRecord<'_>) {
        if rd_i64(rec.param(0)).is_none_or(|r| r < 0) {
            return;
        }
        let ino = rd_u64(rec.param(3)).unwrap_or(0);
        for i in [1, 2] {
            if let Some(fd) = rd_i64(rec.param(i)) {
                let mut f = Fd::new(FdKind::Fifo, String::new());
                f.ino = ino;
                self.add_fd(rec.tid, fd, f);
            }
        }
    }

    fn parse_socketpair_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if rd_i64(rec.param(0)).is_none_or(|r| r < 0) {
            return;
        }
        let (Some(fd1), Some(fd2)) = (rd_i64(rec.param(1)), rd_i64(rec.param(2))) else {
            return;
        };
        let source = rd_u64(rec.param(3)).unwrap_or(0);
        let dest = rd_u64(rec.param(4)).unwrap_or(0);
        let mut f = Fd::new(FdKind::Unix, String::new());
        f.sock = Sock::Unix { source, dest };
        ctx.fd = Some(self.add_fd(rec.tid, fd1, f.clone()));
        self.add_fd(rec.tid, fd2, f);
    }

    fn parse_rw_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        use ids::*;
        if ctx.fd.is_none() {
            return;
        }
        let Some(res) = rd_i64(rec.param(0)) else {
            return;
        };
        if res < 0 {
            return;
        }
        let etype = rec.event_type;
        let reads = schema::compat_flags(etype) & event_flags::READS_FROM_FD != 0;
        let tuple: Option<Vec<u8>> = if reads {
            let idx = match etype {
                RECVFROM_X => Some(2),
                RECVMSG_X => Some(3),
                _ => None,
            };
            idx.and_then(|i| rec.param(i)).map(|b| b.to_vec())
        } else {
            match etype {
                SENDTO_X | SENDMSG_X => {
                    let fd = ctx.fd.as_ref().map(|f| f.name.is_empty() || !f.is_tcp());
                    if fd != Some(true) {
                        None
                    } else {
                        let Some(e) = self.enter_of(rec, ctx) else {
                            return;
                        };
                        e.param(2).map(|b| b.to_vec())
                    }
                }
                _ => None,
            }
        };
        let connected_kind = ctx
            .fd
            .as_ref()
            .map(|f| matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6));
        let Some(tuple) = tuple else {
            if connected_kind == Some(true) {
                self.with_event_fd(rec.tid, ctx, |f| f.connected = true);
            }
            return;
        };
        let eligible = ctx
            .fd
            .as_ref()
            .is_some_and(|f| f.name.is_empty() || !f.is_tcp());
        if !eligible || tuple.is_empty() {
            return;
        }
        let thread_ports = self.thread_ports(rec.tid);
        self.with_event_fd(rec.tid, ctx, |f| {
            if matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6) {
                f.connected = true;
            }
            if !update_fd(f, &tuple) {
                return;
            }
            if matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6) {
                if f.role == Role::None {
                    f.guess_role(&thread_ports, reads);
                }
                let swap = if reads {
                    f.role == Role::Client
                } else {
                    f.role == Role::Server
                };
                if swap {
                    f.sock.swap();
                }
                f.name = f.sock_name();
            } else {
                f.name = fd::socktuple_simple(&tuple);
            }
        });
    }

    /// Ports a thread's process is bound to (server sockets) and uses as
    /// clients, for libsinsp's role guessing.
    fn thread_ports(&self, tid: i64) -> fd::ThreadPorts {
        let mut p = fd::ThreadPorts::default();
        if let Some(t) = self.fd_tables.get(&self.fd_owner(tid)) {
            for f in t.values() {
                // libsinsp only looks at IPv4 sockets here.
                match (f.kind, f.sock) {
                    (FdKind::Ipv4, Sock::V4 { sport, dport, .. }) => {
                        p.bound.push(dport);
                        p.client.push(sport);
                    }
                    (FdKind::Ipv4Server, Sock::V4Server { port, .. }) => p.bound.push(port),
                    _ => {}
                }
            }
        }
        p
    }

    fn parse_clone_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        use ids::*;
        let etype = rec.event_type;
        let mut tid = rec.tid;
        let Some(mut childtid) = rd_i64(rec.param(0)) else {
            return;
        };
        let flags_idx = match etype {
            CLONE_11_X => 8,
            CLONE_16_X | FORK_X | VFORK_X => 13,
            CLONE_17_X | FORK_17_X | VFORK_17_X => 14,
            _ => 15,
        };
        let Some(flags) = rd_u32(rec.param(flags_idx)) else {
            return;
        };
        if childtid < 0 {
            return;
        }
        let is_v20 = matches!(etype, CLONE_20_X | FORK_20_X | VFORK_20_X | CLONE3_X);
        let (mut vtid, mut vpid) = (tid, -1);
        if is_v20 {
            vtid = rd_i64(rec.param(18)).unwrap_or(tid);
            vpid = rd_i64(rec.param(19)).unwrap_or(-1);
        }
        let in_container = flags & clone_flags::CHILD_IN_PIDNS != 0 || tid != vtid;
        let mut inverted = false;
        if childtid == 0 {
            // The child's side. If the parent's side already created it,
            // only the namespace ids are updated.
            let parent = if flags & clone_flags::CLONE_THREAD != 0 {
                rd_i64(rec.param(4))
            } else {
                rd_i64(rec.param(5))
            }
            .unwrap_or(-1);
            if self.threads.contains_key(&tid) {
                if in_container {
                    self.update_thread(tid, |t| {
                        t.vtid = vtid;
                        t.vpid = vpid;
                    });
                }
                return;
            }
            inverted = true;
            childtid = tid;
            tid = parent;
        } else if in_container {
            return;
        }
        let Some(parent) = self.threads.get(&tid).cloned() else {
            return;
        };
        if let Some(child) = self.threads.get(&childtid) {
            if child.flags & clone_flags::CLONE_INVERTED != 0 {
                return;
            }
            self.threads.remove(&childtid);
            self.fd_tables.remove(&childtid);
        }
        let mut t = Thread::unknown(childtid);
        t.ptid = tid;
        let valid_parent = !(parent.comm == "<NA>" && parent.uid == u32::MAX);
        if valid_parent {
            t.comm = parent.comm.clone();
            t.exe = parent.exe.clone();
            t.exepath = parent.exepath.clone();
            t.args = parent.args.clone();
            t.tty = parent.tty;
            t.loginuid = parent.loginuid;
            if flags & clone_flags::CLONE_THREAD == 0 {
                t.env = parent.env.clone();
            }
        }
        t.pid = rd_i64(rec.param(4)).unwrap_or(childtid);
        t.flags = flags;
        if flags & clone_flags::CLONE_THREAD == 0 {
            t.pid = childtid;
        }
        t.exe = rd_str(rec.param(1)).unwrap_or_default();
        t.comm = match etype {
            CLONE_11_X | CLONE_16_X | FORK_X | VFORK_X => t.exe.clone(),
            _ => rd_str(rec.param(13)).unwrap_or_default(),
        };
        if let Some(a) = rec.param(2) {
            t.set_args(a);
        }
        if !valid_parent {
            // libsinsp refreshes an unknown parent from the child's data.
            let (comm, exe, args) = (t.comm.clone(), t.exe.clone(), t.args.clone());
            self.update_thread(tid, |p| {
                p.comm = comm;
                p.exe = exe;
                p.args = args;
            });
        }
        if flags & clone_flags::CLONE_THREAD == 0 {
            // A new process gets a copy of the parent's fd table and cwd.
            let powner = self.fd_owner(tid);
            if let Some(table) = self.fd_tables.get(&powner).cloned() {
                self.fd_tables.insert(childtid, table);
            } else {
                self.fd_tables.remove(&childtid);
            }
            t.cwd = parent.cwd.clone();
        } else {
            t.cwd = parent.cwd.clone();
        }
        if inverted {
            t.flags |= clone_flags::CLONE_INVERTED;
        }
        t.fdlimit = rd_i64(rec.param(7)).unwrap_or(0);
        let (uid_idx, gid_idx) = match etype {
            CLONE_11_X => (9, 10),
            CLONE_16_X | FORK_X | VFORK_X => (14, 15),
            CLONE_17_X | FORK_17_X | VFORK_17_X => (15, 16),
            _ => (16, 17),
        };
        t.uid = rd_u32(rec.param(uid_idx)).unwrap_or(u32::MAX);
        t.gid = rd_u32(rec.param(gid_idx)).unwrap_or(u32::MAX);
        if in_container {
            t.vtid = vtid;
            t.vpid = vpid;
        } else {
            t.vtid = t.tid;
            t.vpid = t.pid;
        }
        if is_v20 {
            if let Some(cg) = rec.param(14) {
                t.set_cgroups(cg);
            }
        } else {
            t.cgroups = parent.cgroups.clone();
        }
        t.container_id = container_id_from_cgroups(&t.cgroups);
        t.clone_ts_ns = rec.ts_ns;
        self.threads.insert(childtid, Arc::new(t));
        let _ = ctx;
    }

    fn parse_execve_exit(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        use ids::*;
        let etype = rec.event_type;
        if rd_i64(rec.param(0)).is_none_or(|r| r < 0) {
            return;
        }
        let enter = self.enter_of(rec, ctx);
        let dirfd_dir = if etype == EXECVEAT_X {
            enter.as_ref().map(|e| {
                let dirfd = rd_i64(e.param(0)).unwrap_or(-100);
                let name = rd_str(e.param(1)).unwrap_or_default();
                let cwd = self.cwd(rec.tid);
                (
                    self.dirfd_path(rec.tid, &name, dirfd, &cwd),
                    name,
                    rd_u32(e.param(2)),
                )
            })
        } else {
            None
        };
        self.update_thread(rec.tid, |t| {
            t.exe = rd_str(rec.param(1)).unwrap_or_default();
            t.comm = match etype {
                EXECVE_8_X | EXECVE_13_X | EXECVE_14_X => t.exe.clone(),
                _ => rd_str(rec.param(13)).unwrap_or_default(),
            };
            if let Some(a) = rec.param(2) {
                t.set_args(a);
            }
            if let Some(pid) = rd_i64(rec.param(4)) {
                t.pid = pid;
            }
            if t.ptid == -1 {
                t.ptid = rd_i64(rec.param(5)).unwrap_or(-1);
            }
            t.fdlimit = rd_i64(rec.param(7)).unwrap_or(t.fdlimit);
            match etype {
                EXECVE_14_X => {
                    if let Some(e) = rec.param(13) {
                        t.env = e.to_vec().into();
                    }
                }
                EXECVE_15_X => {
                    if let Some(e) = rec.param(14) {
                        t.env = e.to_vec().into();
                    }
                }
                EXECVE_16_X | EXECVE_17_X | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X => {
                    if let Some(e) = rec.param(15) {
                        t.env = e.to_vec().into();
                    }
                    if let Some(cg) = rec.param(14) {
                        t.set_cgroups(cg);
                        t.container_id = container_id_from_cgroups(&t.cgroups);
                    }
                }
                _ => {}
            }
            if matches!(etype, EXECVE_17_X | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X)
                && let Some(tty) = rd_u32(rec.param(16))
            {
                t.tty = tty;
            }
            match etype {
                EXECVE_18_X | EXECVE_19_X => {
                    if let Some(e) = enter.as_ref() {
                        let path = rd_str(e.param(0)).unwrap_or_default();
                        t.exepath = if path.starts_with("<NA>") {
                            "<NA>".into()
                        } else {
                            concatenate_paths(&t.cwd, &path)
                        };
                    }
                }
                EXECVEAT_X => {
                    if let Some((dir, name, _)) = dirfd_dir.as_ref() {
                        t.exepath = if name.starts_with("<NA>") {
                            "<NA>".into()
                        } else {
                            concatenate_paths(dir, name)
                        };
                    }
                }
                _ => {}
            }
            if rec.nparams() > 18
                && let Some(l) = rd_u32(rec.param(18))
            {
                t.loginuid = l;
            }
            // An exec'd thread is no longer an inverted clone's placeholder
            // except for that one flag.
            let keep = t.flags & clone_flags::CLONE_INVERTED;
            t.flags = keep;
        });
    }

    fn parse_setuid(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if rd_i64(rec.param(0)).is_none_or(|r| r != 0) {
            return;
        }
        let Some(e) = self.enter_of(rec, ctx) else {
            return;
        };
        let uid = if rec.event_type == ids::SETRESUID_X {
            rd_u32(e.param(1))
        } else {
            rd_u32(e.param(0))
        };
        if let Some(uid) = uid.filter(|&u| u != u32::MAX) {
            self.update_thread(rec.tid, |t| t.uid = uid);
        }
    }

    fn parse_setgid(&mut self, rec: &EventRecord<'_>, ctx: &mut EventContext) {
        if rd_i64(rec.param(0)).is_none_or(|r| r != 0) {
            return;
        }
        let Some(e) = self.enter_of(rec, ctx) else {
            return;
        };
        let gid = if rec.event_type == ids::SETRESGID_X {
            rd_u32(e.param(1))
        } else {
            rd_u32(e.param(0))
        };
        if let Some(gid) = gid.filter(|&g| g != u32::MAX) {
            self.update_thread(rec.tid, |t| t.gid = gid);
        }
    }

    fn parse_container_old(&mut self, rec: &EventRecord<'_>) {
        let id = rd_str(rec.param(0)).unwrap_or_default();
        let c = Container {
            id: id.clone(),
            kind: rd_u32(rec.param(1)).unwrap_or(0),
            name: rd_str(rec.param(2)).unwrap_or_default(),
            image: rd_str(rec.param(3)).unwrap_or_default(),
            ..Container::default()
        };
        self.containers.insert(id, Arc::new(c));
    }

    fn parse_container_json(&mut self, rec: &EventRecord<'_>) {
        let Some(json) = rec.param(0) else { return };
        if let Some(c) = Container::from_json(json) {
            self.containers.insert(c.id.clone(), Arc::new(c));
        }
    }
}

/// Fills a connected socket from a connect exit's tuple (libsinsp's
/// `fill_client_socket_info`).
fn fill_client_socket_info(f: &mut Fd, tuple: &[u8]) {
    match tuple.first() {
        Some(2) | Some(10) => {
            let changed = update_inet(f, tuple);
            if changed && f.role == Role::Server && f.is_udp() {
                f.sock.swap();
            }
            f.name = f.sock_name();
        }
        _ => {
            f.name = fd::socktuple_simple(tuple);
            if let Some(SockTuple::Unix { source, dest, .. }) = decode_socktuple(tuple) {
                f.sock = Sock::Unix { source, dest };
            }
        }
    }
    if f.role == Role::None {
        f.role = Role::Client;
    }
}

/// Sets the addresses of an inet socket from a tuple; returns whether
/// anything changed (libsinsp's `set_*_addresses_and_ports`).
fn update_inet(f: &mut Fd, tuple: &[u8]) -> bool {
    match decode_socktuple(tuple) {
        Some(SockTuple::V4 {
            sip,
            sport,
            dip,
            dport,
        }) => {
            f.kind = FdKind::Ipv4;
            f.sock.update_v4(
                u32::from_le_bytes(sip.octets()),
                sport,
                u32::from_le_bytes(dip.octets()),
                dport,
            )
        }
        Some(SockTuple::V6 {
            sip,
            sport,
            dip,
            dport,
        }) => {
            let (s, d) = (sip.octets(), dip.octets());
            if fd::is_v4_mapped(&s) && fd::is_v4_mapped(&d) {
                f.kind = FdKind::Ipv4;
                f.sock.update_v4(
                    u32::from_le_bytes([s[12], s[13], s[14], s[15]]),
                    sport,
                    u32::from_le_bytes([d[12], d[13], d[14], d[15]]),
                    dport,
                )
            } else {
                f.kind = FdKind::Ipv6;
                f.sock.update_v6(s, sport, d, dport)
            }
        }
        _ => false,
    }
}

/// libsinsp's `update_fd`: a datagram's tuple names an unconnected socket.
fn update_fd(f: &mut Fd, tuple: &[u8]) -> bool {
    match tuple.first() {
        Some(2) | Some(10) => {
            if f.kind == FdKind::Ipv4Server {
                let l4 = f.sock.l4();
                f.sock = Sock::V4 {
                    sip: 0,
                    dip: 0,
                    sport: 0,
                    dport: 0,
                    l4,
                };
            }
            let was_v6 = f.kind == FdKind::Ipv6;
            let changed = match decode_socktuple(tuple) {
                Some(SockTuple::V6 { sip, dip, .. })
                    if !(fd::is_v4_mapped(&sip.octets()) && fd::is_v4_mapped(&dip.octets())) =>
                {
                    // libsinsp keeps the fd type here (it does not set IPv6).
                    let kind = f.kind;
                    let c = update_inet(f, tuple);
                    if !was_v6 {
                        f.kind = kind;
                    }
                    c
                }
                _ => update_inet(f, tuple),
            };
            if !changed {
                return false;
            }
            if f.sock.l4() == fd::L4_UNKNOWN {
                f.sock.set_l4(fd::L4_UDP);
            }
            true
        }
        Some(1) => {
            f.kind = FdKind::Unix;
            if let Some(SockTuple::Unix { source, dest, path }) = decode_socktuple(tuple) {
                f.sock = Sock::Unix { source, dest };
                f.name = String::from_utf8_lossy(path).into_owned();
            }
            true
        }
        _ => false,
    }
}

fn fd_from_entry(e: &FdEntry) -> Fd {
    use crate::format::meta::fd_type as t;
    let (kind, name, sock) = match &e.info {
        FdInfo::Ipv4 {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => {
            let sock = Sock::V4 {
                sip: u32::from_le_bytes(*sip),
                dip: u32::from_le_bytes(*dip),
                sport: *sport,
                dport: *dport,
                l4: *l4proto,
            };
            (FdKind::Ipv4, String::new(), sock)
        }
        FdInfo::Ipv4Server { ip, port, l4proto } => (
            FdKind::Ipv4Server,
            String::new(),
            Sock::V4Server {
                ip: u32::from_le_bytes(*ip),
                port: *port,
                l4: *l4proto,
            },
        ),
        FdInfo::Ipv6 {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => (
            FdKind::Ipv6,
            String::new(),
            Sock::V6 {
                sip: *sip,
                dip: *dip,
                sport: *sport,
                dport: *dport,
                l4: *l4proto,
            },
        ),
        FdInfo::Ipv6Server { ip, port, l4proto } => (
            FdKind::Ipv6Server,
            String::new(),
            Sock::V6Server {
                ip: *ip,
                port: *port,
                l4: *l4proto,
            },
        ),
        FdInfo::Unix { source, dest, path } => (
            FdKind::Unix,
            path.clone(),
            Sock::Unix {
                source: *source,
                dest: *dest,
            },
        ),
        FdInfo::FileV2 { path, .. } => (FdKind::File, path.clone(), Sock::None),
        FdInfo::Named(n) => {
            let kind = match e.fd_type {
                t::FILE => FdKind::File,
                t::DIRECTORY => FdKind::Directory,
                t::FIFO => FdKind::Fifo,
                t::EVENT => FdKind::Event,
                t::SIGNALFD => FdKind::Signalfd,
                t::EVENTPOLL => FdKind::Eventpoll,
                t::INOTIFY => FdKind::Inotify,
                t::TIMERFD => FdKind::Timerfd,
                t::NETLINK => FdKind::Netlink,
                t::BPF => FdKind::Bpf,
                t::USERFAULTFD => FdKind::Userfaultfd,
                t::IOURING => FdKind::Iouring,
                t::MEMFD => FdKind::Memfd,
                t::PIDFD => FdKind::Pidfd,
                _ => FdKind::Unsupported,
            };
            (kind, n.clone(), Sock::None)
        }
    };
    let mut f = Fd::new(kind, name);
    f.sock = sock;
    f.ino = e.ino;
    if let FdInfo::FileV2 {
        open_flags, dev, ..
    } = e.info
    {
        f.open_flags = open_flags;
        f.dev = dev;
    }
    if matches!(kind, FdKind::Ipv4 | FdKind::Ipv6) {
        f.name = f.sock_name();
    } else if matches!(kind, FdKind::Ipv4Server | FdKind::Ipv6Server) {
        f.name = f.sock_name();
        f.role = Role::Server;
    }
    f
}

/// Joins a directory and a path the way libsinsp does: absolute paths win,
/// `.` and `..` components are resolved, repeated slashes collapse.
pub fn concatenate_paths(dir: &str, path: &str) -> String {
    let joined = if path.starts_with('/') || dir.is_empty() {
        path.to_string()
    } else if dir.ends_with('/') {
        format!("{dir}{path}")
    } else {
        format!("{dir}/{path}")
    };
    normalize_path(&joined)
}

fn normalize_path(p: &str) -> String {
    if !p.starts_with('/') {
        return p.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::with_capacity(p.len());
    for c in &parts {
        out.push('/');
        out.push_str(c);
    }
    if out.is_empty() || (p.ends_with('/') && p.len() > 1 && !out.ends_with('/')) {
        out.push('/');
    }
    out
}

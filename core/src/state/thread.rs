//! A thread (and, through its main thread, a process) as libsinsp sees it.

use std::hash::Hash;
use std::sync::Arc;

use rustc_hash::FxHashSet;

pub use crate::shared_str::SharedStr;

/// libsinsp's thread flag bits (`PPM_CL_*`) the state engine uses.
pub mod flags {
    /// Threads share the fd table.
    pub const CLONE_FILES: u32 = 1 << 0;
    /// Threads share the working directory.
    pub const CLONE_FS: u32 = 1 << 1;
    /// The new task is a thread of the same process.
    pub const CLONE_THREAD: u32 = 1 << 13;
    /// Process exited, removal pending.
    pub const CLOSED: u32 = 1 << 18;
    /// The child's clone exit was seen before the parent's.
    pub const CLONE_INVERTED: u32 = 1 << 16;
    /// The name changed (set on every new thread).
    pub const NAME_CHANGED: u32 = 1 << 17;
    /// Seen in an event.
    pub const ACTIVE: u32 = 1 << 19;
    /// dup'ed onto stdout.
    pub const PIPE_SRC: u32 = 1 << 21;
    /// dup'ed onto stdin.
    pub const PIPE_DST: u32 = 1 << 22;
    /// Windows main thread marker.
    pub const IS_MAIN_THREAD: u32 = 1 << 30;
    /// The child is in a new pid namespace.
    pub const CHILD_IN_PIDNS: u32 = 1 << 29;
}

/// One thread. Cheap to clone: lists are shared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Thread {
    /// Thread id.
    pub tid: i64,
    /// Process id (tid of the main thread).
    pub pid: i64,
    /// Parent thread id (-1 when unknown).
    pub ptid: i64,
    /// Session id (-1 when unknown).
    pub sid: i64,
    /// Process group id in its namespace (-1 when unknown).
    pub vpgid: i64,
    /// Command name (`proc.name`).
    pub comm: SharedStr,
    /// First argument (`proc.exe`).
    pub exe: SharedStr,
    /// Executable path (`proc.exepath`).
    pub exepath: SharedStr,
    /// Whether the executable is writable.
    pub exe_writable: bool,
    /// Arguments after argv[0].
    pub args: Arc<[String]>,
    /// Environment entries (only meaningful on main threads).
    pub env: Arc<[String]>,
    /// Working directory (only meaningful on main threads; see
    /// [`super::State::cwd`]).
    pub cwd: SharedStr,
    /// Root directory.
    pub root: SharedStr,
    /// User id (`u32::MAX` when unknown).
    pub uid: u32,
    /// Group id (`u32::MAX` when unknown).
    pub gid: u32,
    /// Login uid.
    pub loginuid: u32,
    /// Thread id in its pid namespace.
    pub vtid: i64,
    /// Process id in its pid namespace.
    pub vpid: i64,
    /// Controlling terminal.
    pub tty: u32,
    /// fd limit.
    pub fdlimit: i64,
    /// Thread flags (libsinsp's `PPM_CL_*`, see [`flags`]).
    pub flags: u32,
    /// Number of threads counting this one as their main thread.
    pub nchilds: u64,
    /// cgroups as (subsystem, path).
    pub cgroups: Arc<[(String, String)]>,
    /// Container id (12 characters) or empty for the host.
    pub container_id: SharedStr,
    /// Time of the clone that created it (0 for initial threads).
    pub clone_ts_ns: u64,
}

impl Thread {
    /// A freshly built libsinsp thread record (`sinsp_threadinfo::init`).
    pub fn blank(tid: i64) -> Thread {
        Thread {
            tid,
            pid: -1,
            ptid: 0,
            sid: -1,
            vpgid: -1,
            comm: SharedStr::new(),
            exe: SharedStr::new(),
            exepath: SharedStr::new(),
            exe_writable: false,
            args: Arc::from(Vec::new()),
            env: Arc::from(Vec::new()),
            cwd: SharedStr::new(),
            root: SharedStr::new(),
            uid: 0,
            gid: 0,
            loginuid: 0,
            vtid: -1,
            vpid: -1,
            tty: 0,
            fdlimit: -1,
            flags: flags::NAME_CHANGED,
            nchilds: 0,
            cgroups: Arc::from(Vec::new()),
            container_id: SharedStr::new(),
            clone_ts_ns: 0,
        }
    }

    /// The placeholder libsinsp inserts for a tid it has to look up but
    /// does not know (capture files never query /proc).
    pub fn unknown(tid: i64) -> Thread {
        let mut t = Thread::blank(tid);
        t.pid = tid;
        t.ptid = -1;
        t.comm = "<NA>".into();
        t.exe = "<NA>".into();
        t.uid = u32::MAX;
        t.gid = u32::MAX;
        t.loginuid = u32::MAX;
        t
    }

    /// Whether libsinsp would consider this placeholder an invalid parent.
    pub fn is_placeholder(&self) -> bool {
        self.comm == "<NA>" && self.uid == u32::MAX
    }

    /// Sets the arguments from a NUL-separated list (`set_args`): each C
    /// string from offset 0 until the length is consumed.
    pub fn set_args(&mut self, b: &[u8]) {
        self.args = Arc::from(split_cstrings(b));
    }

    /// Sets the environment (`set_env`: stops early at an all-zero tail).
    pub fn set_env(&mut self, b: &[u8]) {
        let mut out = Vec::new();
        let mut off = 0;
        while off < b.len() {
            let rest = &b[off..];
            let n = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            if n == 0 && rest.iter().all(|&c| c == 0) {
                break;
            }
            out.push(String::from_utf8_lossy(&rest[..n]).into_owned());
            off += n + 1;
        }
        self.env = Arc::from(out);
    }

    /// Sets cgroups from NUL-separated `subsys=path` entries (`set_cgroups`:
    /// split at the last `=`, subsystem renames, stop at an entry without
    /// `=`).
    pub fn set_cgroups(&mut self, b: &[u8]) {
        let mut v: Vec<(String, String)> = Vec::new();
        let mut off = 0;
        while off < b.len() {
            let rest = &b[off..];
            let n = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            let entry = &rest[..n];
            let Some(eq) = entry.iter().rposition(|&c| c == b'=') else {
                break;
            };
            let mut subsys = String::from_utf8_lossy(&entry[..eq]).into_owned();
            let path = String::from_utf8_lossy(&entry[eq + 1..]).into_owned();
            if let Some(p) = subsys.find("_cgroup") {
                subsys.replace_range(p..p + "_cgroup".len(), "");
            }
            let subsys = match subsys.as_str() {
                "perf" => "perf_event".to_string(),
                "mem" => "memory".to_string(),
                "io" => "blkio".to_string(),
                _ => subsys,
            };
            v.push((subsys, path));
            off += n + 1;
        }
        self.cgroups = Arc::from(v);
    }

    /// Whether this is the main thread of its process.
    pub fn is_main_thread(&self) -> bool {
        self.tid == self.pid || self.flags & flags::IS_MAIN_THREAD != 0
    }
}

/// Splits a buffer into the C strings it holds, libsinsp style.
fn split_cstrings(b: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut off = 0;
    while off < b.len() {
        let rest = &b[off..];
        let n = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
        out.push(String::from_utf8_lossy(&rest[..n]).into_owned());
        off += n + 1;
    }
    out
}

/// One copy of each distinct argument list, environment, cgroup list and
/// text (command, paths, container id).
/// Processes mostly share them (same container, same environment, the
/// same command run again), and every thread version keeps its own
/// lists: without sharing, a long capture holds one copy per process, a
/// dozen small allocations each (measured: ~2 B per event on a generated
/// capture, plus allocator overhead).
#[derive(Debug, Default, Clone)]
pub(crate) struct SharedLists {
    strings: FxHashSet<Arc<[String]>>,
    cgroups: FxHashSet<Arc<[(String, String)]>>,
    /// Commands, paths and container ids.
    texts: FxHashSet<SharedStr>,
    /// fd names (paths opened again and again; socket tuples rarely
    /// repeat, but an fd's later versions share its name anyway).
    fd_names: FxHashSet<SharedStr>,
}

/// Distinct lists kept per kind before the set starts over, so that a
/// capture of ever-different command lines cannot grow it without bound
/// (lists already shared stay shared).
const SHARED_LISTS_MAX: usize = 1 << 16;

fn share_list<T: Eq + Hash>(set: &mut FxHashSet<Arc<[T]>>, list: &mut Arc<[T]>) {
    if list.is_empty() {
        return;
    }
    if let Some(kept) = set.get(&**list) {
        if !Arc::ptr_eq(kept, list) {
            *list = Arc::clone(kept);
        }
        return;
    }
    if set.len() >= SHARED_LISTS_MAX {
        set.clear();
    }
    set.insert(Arc::clone(list));
}

fn share_text(set: &mut FxHashSet<SharedStr>, text: &mut SharedStr) {
    if text.is_empty() {
        return;
    }
    if let Some(kept) = set.get(text.as_str()) {
        if kept.addr() != text.addr() {
            *text = kept.clone();
        }
        return;
    }
    if set.len() >= SHARED_LISTS_MAX {
        set.clear();
    }
    set.insert(text.clone());
}

impl SharedLists {
    /// Makes `t`'s lists and texts the kept copies of equal ones, keeping
    /// new ones.
    pub(crate) fn share(&mut self, t: &mut Thread) {
        share_list(&mut self.strings, &mut t.args);
        share_list(&mut self.strings, &mut t.env);
        share_list(&mut self.cgroups, &mut t.cgroups);
        for text in [
            &mut t.comm,
            &mut t.exe,
            &mut t.exepath,
            &mut t.cwd,
            &mut t.root,
            &mut t.container_id,
        ] {
            share_text(&mut self.texts, text);
        }
    }

    /// Makes an fd name the kept copy of an equal one, keeping new ones.
    pub(crate) fn share_fd_name(&mut self, name: &mut SharedStr) {
        share_text(&mut self.fd_names, name);
    }
}

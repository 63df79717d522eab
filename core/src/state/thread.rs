//! A thread (and, through its main thread, a process) as libsinsp sees it.

use std::sync::Arc;

use crate::format::meta::ThreadEntry;

/// One thread. Cheap to clone: lists are shared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Thread {
    /// Thread id.
    pub tid: i64,
    /// Process id (tid of the main thread).
    pub pid: i64,
    /// Parent thread id (-1 when unknown).
    pub ptid: i64,
    /// Command name (`proc.name`).
    pub comm: String,
    /// First argument (`proc.exe`).
    pub exe: String,
    /// Executable path (`proc.exepath`).
    pub exepath: String,
    /// Arguments after argv[0].
    pub args: Arc<[String]>,
    /// Environment, NUL separated.
    pub env: Arc<[u8]>,
    /// Working directory, always ending with `/`.
    pub cwd: String,
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
    /// Clone flags (libsinsp's `PPM_CL_*`).
    pub flags: u32,
    /// cgroups as (subsystem, path).
    pub cgroups: Arc<[(String, String)]>,
    /// Container id (12 characters) or empty for the host.
    pub container_id: String,
    /// Time of the clone that created it (0 for initial threads).
    pub clone_ts_ns: u64,
}

fn split_nul(b: &[u8]) -> Vec<String> {
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    if b.is_empty() {
        return Vec::new();
    }
    b.split(|&c| c == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

impl Thread {
    /// A thread unknown to the capture's tables (libsinsp's placeholder).
    pub fn unknown(tid: i64) -> Thread {
        Thread {
            tid,
            pid: tid,
            ptid: -1,
            comm: "<NA>".into(),
            exe: "<NA>".into(),
            exepath: String::new(),
            args: Arc::from(Vec::new()),
            env: Arc::from(Vec::new()),
            cwd: String::new(),
            uid: u32::MAX,
            gid: u32::MAX,
            loginuid: u32::MAX,
            vtid: -1,
            vpid: -1,
            tty: 0,
            fdlimit: 0,
            flags: 0,
            cgroups: Arc::from(Vec::new()),
            container_id: String::new(),
            clone_ts_ns: 0,
        }
    }

    /// A thread from the process list block.
    pub fn from_entry(e: &ThreadEntry) -> Thread {
        let mut t = Thread::unknown(e.tid);
        t.pid = e.pid;
        t.ptid = e.ptid;
        t.comm = e.comm.clone();
        t.exe = e.exe.clone();
        t.exepath = e.exepath.clone();
        t.set_args(&e.args);
        t.env = Arc::from(e.env.clone());
        t.set_cwd(&e.cwd);
        t.uid = e.uid;
        t.gid = e.gid;
        t.loginuid = e.loginuid;
        t.vtid = e.vtid;
        t.vpid = e.vpid;
        t.tty = e.tty;
        t.fdlimit = e.fdlimit as i64;
        t.flags = e.flags;
        t.set_cgroups(&e.cgroups);
        t
    }

    /// Sets the arguments from a NUL-separated list. Event parameters carry
    /// argv without argv[0]; libsinsp drops nothing.
    pub fn set_args(&mut self, b: &[u8]) {
        self.args = Arc::from(split_nul(b));
    }

    /// Sets cgroups from NUL-separated `subsys=path` entries.
    pub fn set_cgroups(&mut self, b: &[u8]) {
        let v: Vec<(String, String)> = split_nul(b)
            .into_iter()
            .filter_map(|e| {
                let (k, v) = e.split_once('=')?;
                Some((k.to_string(), v.to_string()))
            })
            .collect();
        self.cgroups = Arc::from(v);
    }

    /// Sets the working directory (resolving a relative one against the
    /// current) and keeps the trailing `/` libsinsp keeps.
    pub fn set_cwd(&mut self, dir: &str) {
        let mut d = if dir.starts_with('/') || self.cwd.is_empty() {
            dir.to_string()
        } else {
            super::concatenate_paths(&self.cwd, dir)
        };
        if !d.ends_with('/') {
            d.push('/');
        }
        self.cwd = d;
    }

    /// Whether this is the main thread of its process.
    pub fn is_main_thread(&self) -> bool {
        self.tid == self.pid
    }
}

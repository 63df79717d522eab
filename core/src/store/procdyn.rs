//! Per-process values that sysdig's fields read from a process's main
//! thread and that change without the event's own thread changing: memory
//! sizes (updated by `mmap`/`brk`/`switch`…), the thread count, the size
//! of the fd table and the fd limit. They are sampled after every event of
//! the process, which is exactly where views read them, and kept compact:
//! the fd count, which changes with nearly every open and close, as a
//! 2-bit code per event (unchanged, +1, −1, or "see the log"); memory
//! sizes, which change with every `mmap`, as a small log of their own
//! (the process is the event's); everything else as a log of full values,
//! which also gives the fd count where the code says so.

use rustc_hash::FxHashMap;

use crate::reader::Event;

/// What `proc.nthreads`, `proc.ppid`, `thread.vmsize`/`vmrss`,
/// `proc.fdopencount`, `proc.fdlimit` and `proc.fdusage` read from a
/// process's main thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProcDyn {
    /// Whether the main thread is in the thread table (those fields have no
    /// value otherwise).
    pub main_known: bool,
    /// The main thread's parent (`proc.ppid`).
    pub ptid: i64,
    /// Threads of the process, the main one included (`proc.nthreads`).
    pub nthreads: u64,
    /// Virtual memory of the main thread, KiB.
    pub vmsize_kb: u32,
    /// Resident memory of the main thread, KiB.
    pub vmrss_kb: u32,
    /// Entries of the main thread's own fd table (`proc.fdopencount`).
    pub fd_open: u64,
    /// The main thread's fd limit (`proc.fdlimit`).
    pub fd_limit: i64,
}

impl ProcDyn {
    /// `proc.fdusage`: open fds as a percentage of the limit (libsinsp's
    /// `get_fd_usage_pct_d`), 0 without a limit.
    pub fn fd_usage_pct(&self) -> f64 {
        if self.fd_limit <= 0 {
            return 0.0;
        }
        if self.fd_open <= self.fd_limit as u64 {
            self.fd_open as f64 * 100.0 / self.fd_limit as f64
        } else {
            100.0
        }
    }
}

/// Codes of the per-event fd count column.
pub mod fd_code {
    /// The process's fd count did not change (or the event has no thread).
    pub const SAME: u8 = 0;
    /// One more fd than at the process's previous event.
    pub const UP: u8 = 1;
    /// One fewer.
    pub const DOWN: u8 = 2;
    /// The chunk's log has the process's values at this event.
    pub const LOGGED: u8 = 3;
}

/// One entry of a chunk's log: from event `j` of the chunk on, process
/// `pid` has `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcDynChange {
    /// Index of the event in its chunk.
    pub j: u32,
    /// Process id.
    pub pid: i64,
    /// The values after the event.
    pub value: ProcDyn,
}

/// An entry of a chunk's memory log: after event `j` of the chunk, the
/// event's process has these memory sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcVmChange {
    /// Index of the event in its chunk.
    pub j: u32,
    /// Virtual memory of the main thread, KiB.
    pub vmsize_kb: u32,
    /// Resident memory of the main thread, KiB.
    pub vmrss_kb: u32,
}

/// Builds the log while the loader applies events.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    last: FxHashMap<i64, ProcDyn>,
}

impl Recorder {
    /// Logs the values of `ev`'s process if they changed since last seen,
    /// and returns the event's fd count code.
    pub(crate) fn after_event(
        &mut self,
        ev: &Event<'_>,
        j: u32,
        out: &mut Vec<ProcDynChange>,
        vm_out: &mut Vec<ProcVmChange>,
    ) -> u8 {
        let Some(t) = ev.ctx.thread.as_deref() else {
            return fd_code::SAME;
        };
        let state = ev.state;
        let value = match state.main_thread_of(t) {
            Some(m) => {
                let d = state.thread_dyn(m.tid);
                ProcDyn {
                    main_known: true,
                    ptid: m.ptid,
                    nthreads: m.nchilds + 1,
                    vmsize_kb: d.map_or(0, |d| d.vmsize_kb),
                    vmrss_kb: d.map_or(0, |d| d.vmrss_kb),
                    fd_open: state.fd_tables.get(&m.tid).map_or(0, |t| t.len() as u64),
                    fd_limit: m.fdlimit,
                }
            }
            None => ProcDyn::default(),
        };
        let pid = t.pid;
        let code = self.changed(pid, value, j, out, vm_out);
        // A process whose main thread exits is forgotten: a capture runs
        // through hundreds of thousands of them. An event of the pid after
        // this one (another thread's exit, a reused pid) logs its values
        // again, which is what the log holds anyway.
        let ty = ev.rec.event_type;
        if t.tid == pid
            && (ty == crate::state::ids::PROCEXIT_E || ty == crate::state::ids::PROCEXIT_1_E)
        {
            self.last.remove(&pid);
        }
        code
    }

    fn changed(
        &mut self,
        pid: i64,
        value: ProcDyn,
        j: u32,
        out: &mut Vec<ProcDynChange>,
        vm_out: &mut Vec<ProcVmChange>,
    ) -> u8 {
        let (code, vm_changed) = match self.last.get(&pid) {
            Some(prev) if *prev == value => return fd_code::SAME,
            Some(prev)
                if ProcDyn {
                    fd_open: value.fd_open,
                    vmsize_kb: value.vmsize_kb,
                    vmrss_kb: value.vmrss_kb,
                    ..*prev
                } == value =>
            {
                let code = match value.fd_open.wrapping_sub(prev.fd_open) {
                    0 => fd_code::SAME,
                    1 => fd_code::UP,
                    u64::MAX => fd_code::DOWN,
                    _ => fd_code::LOGGED,
                };
                let vm = prev.vmsize_kb != value.vmsize_kb || prev.vmrss_kb != value.vmrss_kb;
                (code, vm)
            }
            _ => (fd_code::LOGGED, false),
        };
        self.last.insert(pid, value);
        if code == fd_code::LOGGED {
            out.push(ProcDynChange { j, pid, value });
        } else if vm_changed {
            vm_out.push(ProcVmChange {
                j,
                vmsize_kb: value.vmsize_kb,
                vmrss_kb: value.vmrss_kb,
            });
        }
        code
    }
}

//! Typed field values of one event, read from the store's columns and
//! entities (no per-event string formatting: text values are references
//! resolved once per distinct entity).
//!
//! Each field follows libsinsp 0.29.3's extractor (`filterchecks.cpp`) for
//! what it returns and when it has no value, because csysdig's tables
//! treat "no value" specially (see [`super::engine`]).

use crate::fields::{ipv4_is_local, ipv6_is_local};
use std::sync::Arc;

use crate::schema::{self, category, event_flags};
use crate::state::fd::{L4_ICMP, L4_RAW, L4_TCP, L4_UDP};
use crate::state::{Fd, FdKind, State, Thread, ids};
use crate::store::{FdRef, ProcDyn, Snapshot};

use super::model::ColType;

/// A field a view column shows (sysdig's names, see [`VF::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum VF {
    ThreadTid,
    ProcPid,
    ProcPpid,
    ProcName,
    ProcPname,
    ProcCwd,
    ThreadCpu,
    UserName,
    ProcNthreads,
    VmsizeB,
    VmrssB,
    Buflen,
    BuflenFile,
    BuflenFileIn,
    BuflenFileOut,
    BuflenNet,
    BuflenNetIn,
    BuflenNetOut,
    BuflenIn,
    BuflenOut,
    ContainerId,
    ContainerName,
    ContainerType,
    ContainerImage,
    ProcExeline,
    FdName,
    FdDirectory,
    FdType,
    FdL4proto,
    FdLip,
    FdLport,
    FdRip,
    FdRport,
    FdSport,
    CountExit,
    TypeIsOpenExit,
    CountError,
    CountErrorFile,
    CountErrorNet,
    CountErrorMemory,
    CountErrorOther,
    EvtCount,
    EvtType,
    EvtLatency,
    EvtRes,
    EvtTime,
    CountProcinfo,
    CountThreadinfo,
    FdOpenCount,
    FdLimit,
    FdUsage,
    ThreadNametid,
}

/// libsinsp's value type of a field, as far as tables care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SType {
    I64,
    U32,
    U64,
    Double,
    Reltime,
    CharBuf,
    Port,
    IpAddr,
}

/// libsinsp's print format of a field, as far as tables care (`use_defaults`
/// only gives numbers printed in decimal a zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PFmt {
    Dec,
    Id,
    Na,
}

impl VF {
    /// The sysdig field name.
    pub fn name(self) -> &'static str {
        match self {
            VF::ThreadTid => "thread.tid",
            VF::ProcPid => "proc.pid",
            VF::ProcPpid => "proc.ppid",
            VF::ProcName => "proc.name",
            VF::ProcPname => "proc.pname",
            VF::ProcCwd => "proc.cwd",
            VF::ThreadCpu => "thread.cpu",
            VF::UserName => "user.name",
            VF::ProcNthreads => "proc.nthreads",
            VF::VmsizeB => "thread.vmsize.b",
            VF::VmrssB => "thread.vmrss.b",
            VF::Buflen => "evt.buflen",
            VF::BuflenFile => "evt.buflen.file",
            VF::BuflenFileIn => "evt.buflen.file.in",
            VF::BuflenFileOut => "evt.buflen.file.out",
            VF::BuflenNet => "evt.buflen.net",
            VF::BuflenNetIn => "evt.buflen.net.in",
            VF::BuflenNetOut => "evt.buflen.net.out",
            VF::BuflenIn => "evt.buflen.in",
            VF::BuflenOut => "evt.buflen.out",
            VF::ContainerId => "container.id",
            VF::ContainerName => "container.name",
            VF::ContainerType => "container.type",
            VF::ContainerImage => "container.image",
            VF::ProcExeline => "proc.exeline",
            VF::FdName => "fd.name",
            VF::FdDirectory => "fd.directory",
            VF::FdType => "fd.type",
            VF::FdL4proto => "fd.l4proto",
            VF::FdLip => "fd.lip",
            VF::FdLport => "fd.lport",
            VF::FdRip => "fd.rip",
            VF::FdRport => "fd.rport",
            VF::FdSport => "fd.sport",
            VF::CountExit => "evt.count.exit",
            VF::TypeIsOpenExit => "evt.type.is.3",
            VF::CountError => "evt.count.error",
            VF::CountErrorFile => "evt.count.error.file",
            VF::CountErrorNet => "evt.count.error.net",
            VF::CountErrorMemory => "evt.count.error.memory",
            VF::CountErrorOther => "evt.count.error.other",
            VF::EvtCount => "evt.count",
            VF::EvtType => "evt.type",
            VF::EvtLatency => "evt.latency",
            VF::EvtRes => "evt.res",
            VF::EvtTime => "evt.time",
            VF::CountProcinfo => "evt.count.procinfo",
            VF::CountThreadinfo => "evt.count.threadinfo",
            VF::FdOpenCount => "proc.fdopencount",
            VF::FdLimit => "proc.fdlimit",
            VF::FdUsage => "proc.fdusage",
            VF::ThreadNametid => "thread.nametid",
        }
    }

    pub(crate) fn stype(self) -> (SType, PFmt) {
        use PFmt::*;
        use SType::*;
        match self {
            VF::ThreadTid | VF::ProcPid | VF::ProcPpid => (I64, Id),
            VF::ThreadCpu => (Double, Na),
            VF::ProcNthreads => (U32, Dec),
            VF::VmsizeB
            | VF::VmrssB
            | VF::Buflen
            | VF::BuflenFile
            | VF::BuflenFileIn
            | VF::BuflenFileOut
            | VF::BuflenNet
            | VF::BuflenNetIn
            | VF::BuflenNetOut
            | VF::BuflenIn
            | VF::BuflenOut
            | VF::FdOpenCount => (U64, Dec),
            VF::FdLip | VF::FdRip => (IpAddr, Na),
            VF::FdLport | VF::FdRport | VF::FdSport => (Port, Dec),
            VF::CountExit
            | VF::CountError
            | VF::CountErrorFile
            | VF::CountErrorNet
            | VF::CountErrorMemory
            | VF::CountErrorOther
            | VF::EvtCount
            | VF::CountProcinfo
            | VF::CountThreadinfo => (U32, Dec),
            VF::TypeIsOpenExit => (U32, Na),
            VF::EvtLatency => (Reltime, Dec),
            VF::FdLimit => (I64, Dec),
            VF::FdUsage => (Double, Dec),
            VF::ProcName
            | VF::ProcPname
            | VF::ProcCwd
            | VF::UserName
            | VF::ContainerId
            | VF::ContainerName
            | VF::ContainerType
            | VF::ContainerImage
            | VF::ProcExeline
            | VF::FdName
            | VF::FdDirectory
            | VF::FdType
            | VF::FdL4proto
            | VF::EvtType
            | VF::EvtRes
            | VF::EvtTime
            | VF::ThreadNametid => (CharBuf, Na),
        }
    }

    /// The column type the field shows as.
    pub fn col_type(self) -> ColType {
        if self == VF::EvtTime {
            return ColType::Timestamp;
        }
        match self.stype().0 {
            SType::I64 => ColType::Int,
            SType::U32 | SType::U64 | SType::Port => ColType::Uint,
            SType::Double => ColType::Float,
            SType::Reltime => ColType::Duration,
            SType::CharBuf | SType::IpAddr => ColType::Text,
        }
    }
}

/// Text fields of a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TStr {
    Name,
    Cwd,
    User,
    ContainerId,
    ContainerName,
    ContainerType,
    ContainerImage,
    Exeline,
    Nametid,
}

/// Text fields of an fd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FStr {
    Name,
    Directory,
    Lip,
    Rip,
}

/// Text fields computed from one event's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum EStr {
    /// `evt.type` of a generic event (its syscall's name).
    GenericType,
    /// `fd.name` of an fd event without an fd.
    CreatorName,
    /// `fd.directory` of the same.
    CreatorDirectory,
}

/// A text value, resolved to a string when shown: most are a field of an
/// entity, so that grouping by them costs an id comparison. Literals
/// compare by address (equal texts at two addresses are merged when rows
/// are keyed by resolved text).
#[derive(Debug, Clone)]
pub(crate) enum SRef {
    Lit(&'static str),
    Thread(TStr, u32),
    Fd(FStr, u32, u32),
    Event(EStr, usize),
    Errno(i64),
    Own(Arc<str>),
}

impl PartialEq for SRef {
    fn eq(&self, other: &SRef) -> bool {
        match (self, other) {
            (SRef::Lit(a), SRef::Lit(b)) => std::ptr::eq(*a, *b),
            (SRef::Thread(a, x), SRef::Thread(b, y)) => a == b && x == y,
            (SRef::Fd(a, x, t), SRef::Fd(b, y, u)) => a == b && x == y && t == u,
            (SRef::Event(a, x), SRef::Event(b, y)) => a == b && x == y,
            (SRef::Errno(a), SRef::Errno(b)) => a == b,
            (SRef::Own(a), SRef::Own(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for SRef {}

impl std::hash::Hash for SRef {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            SRef::Lit(s) => (s.as_ptr() as usize).hash(h),
            SRef::Thread(f, x) => (f, x).hash(h),
            SRef::Fd(f, x, t) => (f, x, t).hash(h),
            SRef::Event(e, i) => (e, i).hash(h),
            SRef::Errno(r) => r.hash(h),
            SRef::Own(o) => o.hash(h),
        }
    }
}

/// A field value of one event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    I(i64),
    U(u64),
    D(f64),
    S(SRef),
}

/// An event as extraction sees it: from the store, or one of the
/// thread-table events csysdig adds at the end of a sample.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EvRef<'a> {
    /// Global index in the snapshot (`usize::MAX` for a thread-table event).
    pub i: usize,
    pub etype: u16,
    pub ts_ns: u64,
    /// Header tid.
    pub tid: i64,
    pub thread: Option<&'a Thread>,
    /// Thread entity id (`u32::MAX` for a thread-table event).
    pub thread_ent: u32,
    pub fd: Option<&'a FdRef>,
    pub fd_ent: u32,
    pub event_fd: bool,
    pub res: Option<i64>,
    pub dynv: Option<ProcDyn>,
    pub latency_ns: u64,
    pub cpu: Option<f64>,
}

/// What extraction needs besides the event: the snapshot and the state
/// tables (users, containers, interfaces).
pub(crate) struct Env<'a> {
    pub snap: &'a Snapshot,
    /// Read through [`Env::st`], which records what was read.
    state: &'a State,
}

/// Which of the state's tables a computation read (bits, see
/// [`Env::st`]): per-chunk results that read none of the tables that
/// differ between two states are the same under both.
pub(crate) mod reads {
    /// The user table.
    pub const USERS: u8 = 1;
    /// The container table.
    pub const CONTAINERS: u8 = 2;
    /// The network interfaces.
    pub const INTERFACES: u8 = 4;
    /// The thread and fd tables (parent names, paths of creator events).
    pub const THREADS: u8 = 8;
}

thread_local! {
    /// State tables read on this thread since [`take_reads`].
    static READS: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// The state tables read on this thread since the last call or
/// [`with_reads`] began (see [`with_reads`] for nesting).
pub(crate) fn take_reads() -> u8 {
    READS.with(|r| r.replace(0))
}

/// Adds `bits` to the reads of this thread (to restore them).
pub(crate) fn add_reads(bits: u8) {
    READS.with(|r| r.set(r.get() | bits));
}

/// Runs `f` (one chunk's computation, which runs on one thread) and
/// returns what it read of the state's tables. Work rayon runs on this
/// thread while `f` waits is counted too (more, never less), and the
/// reads of an enclosing computation are kept.
pub(crate) fn with_reads<T>(f: impl FnOnce() -> T) -> (T, u8) {
    let saved = READS.with(|r| r.replace(0));
    let out = f();
    let got = READS.with(|r| r.replace(0));
    READS.with(|r| r.set(saved | got));
    (out, got)
}

/// The sysdig 0.29.3 category of an event type.
fn cat(etype: u16) -> u32 {
    schema::compat_category(etype)
}

fn is_fd_event(etype: u16) -> bool {
    schema::compat_flags(etype)
        & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
        != 0
}

const OPEN_FAMILY: [u16; 5] = [
    ids::OPEN_X,
    ids::CREAT_X,
    ids::OPENAT_X,
    ids::OPENAT_2_X,
    ids::OPENAT2_X,
];
const NET_CREATORS: [u16; 5] = [
    ids::ACCEPT_X,
    ids::ACCEPT_5_X,
    ids::ACCEPT4_X,
    ids::ACCEPT4_5_X,
    ids::CONNECT_X,
];

/// `evt.count.error`: 1 when the result is negative.
fn error_count(ev: &EvRef<'_>) -> Option<Raw> {
    ev.res.filter(|&r| r < 0).map(|_| Raw::U(1))
}

impl<'a> Env<'a> {
    /// The environment of `snap` with `state`'s tables.
    pub(crate) fn new(snap: &'a Snapshot, state: &'a State) -> Env<'a> {
        Env { snap, state }
    }

    /// The state, recording that the tables in `what` (bits of [`reads`])
    /// are read.
    #[inline]
    pub(crate) fn st(&self, what: u8) -> &'a State {
        READS.with(|r| r.set(r.get() | what));
        self.state
    }

    /// The thread id `proc.pname` looks up for `ev` (its process's
    /// parent), without reading the state.
    pub(crate) fn parent_tid(&self, ev: &EvRef<'_>) -> Option<i64> {
        let t = ev.thread?;
        Some(if t.is_main_thread() {
            t.ptid
        } else {
            // libsinsp creates a missing main thread on lookup: no parent.
            ev.dynv.map_or(-1, |d| d.ptid)
        })
    }

    /// Whether thread `ptid`'s command in the state contains `bash` (the
    /// interactive-commands tile's test on `proc.pname`).
    pub(crate) fn is_shell(&self, ptid: i64) -> bool {
        self.st(reads::THREADS)
            .threads
            .get(&ptid)
            .is_some_and(|p| p.comm.contains("bash"))
    }

    /// The value of `f` for `ev`, `None` where libsinsp's extractor returns
    /// nothing.
    pub(crate) fn extract(&self, f: VF, ev: &EvRef<'_>) -> Option<Raw> {
        let t = ev.thread;
        let tstr = |s: TStr| -> Option<Raw> {
            t?;
            if ev.thread_ent == u32::MAX {
                return self
                    .thread_text(s, t?, ev.tid)
                    .map(|x| Raw::S(SRef::Own(x.into())));
            }
            Some(Raw::S(SRef::Thread(s, ev.thread_ent)))
        };
        let dynv = || -> ProcDyn {
            // libsinsp creates a missing main thread on lookup: no parent,
            // no fds, no limit.
            ev.dynv.unwrap_or(ProcDyn {
                main_known: false,
                ptid: -1,
                nthreads: 1,
                vmsize_kb: 0,
                vmrss_kb: 0,
                fd_open: 0,
                fd_limit: -1,
            })
        };
        match f {
            VF::ThreadTid => Some(Raw::I(ev.tid)),
            VF::ProcPid => t.map(|t| Raw::I(t.pid)),
            VF::ProcPpid => {
                let t = t?;
                if t.is_main_thread() && ev.dynv.is_none() {
                    return Some(Raw::I(t.ptid));
                }
                Some(Raw::I(dynv().ptid))
            }
            VF::ProcName => tstr(TStr::Name),
            VF::ProcPname => {
                let ptid = self.parent_tid(ev)?;
                let p = self.st(reads::THREADS).threads.get(&ptid)?;
                Some(Raw::S(SRef::Own(p.comm.as_str().into())))
            }
            VF::ProcCwd => tstr(TStr::Cwd),
            VF::ThreadCpu => {
                t?;
                ev.cpu.map(Raw::D)
            }
            VF::UserName => {
                if t?.uid == u32::MAX {
                    return None;
                }
                self.st(reads::USERS).user(t?.uid)?;
                tstr(TStr::User)
            }
            VF::ProcNthreads => {
                t?;
                Some(Raw::U(dynv().nthreads))
            }
            VF::VmsizeB | VF::VmrssB => {
                let t = t?;
                if !t.is_main_thread() {
                    return Some(Raw::U(0));
                }
                let d = dynv();
                let kb = if f == VF::VmsizeB {
                    d.vmsize_kb
                } else {
                    d.vmrss_kb
                };
                Some(Raw::U(u64::from(kb) * 1024))
            }
            VF::Buflen
            | VF::BuflenFile
            | VF::BuflenFileIn
            | VF::BuflenFileOut
            | VF::BuflenNet
            | VF::BuflenNetIn
            | VF::BuflenNetOut
            | VF::BuflenIn
            | VF::BuflenOut => self.buflen(f, ev),
            VF::ContainerId => tstr(TStr::ContainerId),
            VF::ContainerName => {
                let t = t?;
                if !t.container_id.is_empty() {
                    let c = self.st(reads::CONTAINERS).container(&t.container_id)?;
                    if c.name.is_empty() {
                        return None;
                    }
                }
                tstr(TStr::ContainerName)
            }
            VF::ContainerType => {
                let t = t?;
                if !t.container_id.is_empty() {
                    self.st(reads::CONTAINERS)
                        .container(&t.container_id)?
                        .type_name()?;
                }
                tstr(TStr::ContainerType)
            }
            VF::ContainerImage => {
                let t = t?;
                if t.container_id.is_empty() {
                    return None;
                }
                if self
                    .st(reads::CONTAINERS)
                    .container(&t.container_id)?
                    .image
                    .is_empty()
                {
                    return None;
                }
                tstr(TStr::ContainerImage)
            }
            VF::ProcExeline => tstr(TStr::Exeline),
            VF::ThreadNametid => tstr(TStr::Nametid),
            VF::FdName | VF::FdDirectory | VF::FdType | VF::FdL4proto => self.fd_text(f, ev),
            VF::FdLip | VF::FdRip | VF::FdLport | VF::FdRport => self.fd_local_remote(f, ev),
            VF::FdSport => {
                let (fr, t) = self.fd_of(ev)?;
                let _ = t;
                let fd = fr.fd.as_deref()?;
                let role_none = fd.is_role_none();
                let port = match fd.kind {
                    FdKind::Ipv4 if !role_none => fd.v4_dport(),
                    FdKind::Ipv4Server => fd.v4srv_port(),
                    FdKind::Ipv6 if !role_none => fd.v6_dport(),
                    FdKind::Ipv6Server => fd.v6srv_port(),
                    _ => return None,
                };
                Some(Raw::U(u64::from(port)))
            }
            VF::CountExit => (!schema::is_enter(ev.etype)).then_some(Raw::U(1)),
            VF::TypeIsOpenExit => Some(Raw::U(u64::from(ev.etype == ids::OPEN_X))),
            VF::CountError => error_count(ev),
            VF::CountErrorFile => {
                let kind = self.event_fd_kind(ev);
                match kind {
                    Some(k) => {
                        if matches!(k, FdKind::File | FdKind::Directory) {
                            error_count(ev)
                        } else {
                            None
                        }
                    }
                    None if OPEN_FAMILY.contains(&ev.etype) => error_count(ev),
                    None => None,
                }
            }
            VF::CountErrorNet => match self.event_fd_kind(ev) {
                Some(k) => {
                    if k.is_ip() || k == FdKind::Unix {
                        error_count(ev)
                    } else {
                        None
                    }
                }
                None if NET_CREATORS.contains(&ev.etype) => error_count(ev),
                None => None,
            },
            VF::CountErrorMemory => {
                if cat(ev.etype) == category::MEMORY {
                    error_count(ev)
                } else {
                    None
                }
            }
            VF::CountErrorOther => match self.event_fd_kind(ev) {
                Some(k) => {
                    if matches!(k, FdKind::File | FdKind::Directory)
                        || k.is_ip()
                        || k == FdKind::Unix
                    {
                        None
                    } else {
                        error_count(ev)
                    }
                }
                None => {
                    if OPEN_FAMILY.contains(&ev.etype)
                        || NET_CREATORS.contains(&ev.etype)
                        || cat(ev.etype) == category::MEMORY
                    {
                        None
                    } else {
                        error_count(ev)
                    }
                }
            },
            VF::EvtCount => Some(Raw::U(1)),
            VF::EvtType => Some(Raw::S(if ev.etype <= 1 && ev.i != usize::MAX {
                SRef::Event(EStr::GenericType, ev.i)
            } else {
                SRef::Lit(crate::render::sysdig_event_name(ev.etype))
            })),
            VF::EvtLatency => {
                if cat(ev.etype) & category::INTERNAL != 0 {
                    return None;
                }
                Some(Raw::U(ev.latency_ns))
            }
            VF::EvtRes => {
                let r = ev.res?;
                Some(Raw::S(if r >= 0 {
                    SRef::Lit("SUCCESS")
                } else {
                    match u32::try_from(r.unsigned_abs())
                        .ok()
                        .and_then(schema::errno_name)
                    {
                        Some(n) => SRef::Lit(n),
                        None => SRef::Errno(r),
                    }
                }))
            }
            VF::EvtTime => Some(Raw::U(ev.ts_ns)),
            VF::CountProcinfo => {
                (ev.etype == ids::PROCINFO_E && t?.is_main_thread()).then_some(Raw::U(1))
            }
            VF::CountThreadinfo => (ev.etype == ids::PROCINFO_E).then_some(Raw::U(1)),
            VF::FdOpenCount => {
                t?;
                Some(Raw::U(dynv().fd_open))
            }
            VF::FdLimit => {
                t?;
                Some(Raw::I(dynv().fd_limit))
            }
            VF::FdUsage => {
                t?;
                Some(Raw::D(dynv().fd_usage_pct()))
            }
        }
    }

    /// The value of an unsigned field (`extract` giving `Raw::U`), read
    /// directly for the fields views add up per event.
    #[inline]
    pub(crate) fn unsigned(&self, f: VF, ev: &EvRef<'_>) -> Option<u64> {
        match f {
            VF::EvtCount => Some(1),
            VF::CountExit => (!schema::is_enter(ev.etype)).then_some(1),
            VF::CountError => ev.res.filter(|&r| r < 0).map(|_| 1),
            VF::EvtLatency => (cat(ev.etype) & category::INTERNAL == 0).then_some(ev.latency_ns),
            _ => match self.extract(f, ev) {
                Some(Raw::U(x)) => Some(x),
                _ => None,
            },
        }
    }

    /// Whether `f` has a value for `ev` (`extract(f, ev).is_some()`,
    /// without building the value where that costs).
    pub(crate) fn has_value(&self, f: VF, ev: &EvRef<'_>) -> bool {
        match f {
            VF::ThreadTid | VF::EvtCount | VF::TypeIsOpenExit | VF::EvtTime => true,
            VF::ProcPid => ev.thread.is_some(),
            VF::FdLip | VF::FdRip | VF::FdLport | VF::FdRport => {
                self.fd_of(ev).is_some_and(|(fr, _)| {
                    fr.fd.as_deref().is_some_and(|fd| {
                        matches!(fd.kind, FdKind::Ipv4 | FdKind::Ipv6) && !fd.is_role_none()
                    })
                })
            }
            _ => self.extract(f, ev).is_some(),
        }
    }

    /// The fd of an fd event that has a thread (libsinsp's `extract_fd`).
    fn fd_of<'e>(&self, ev: &EvRef<'e>) -> Option<(&'e FdRef, &'e Thread)> {
        if !is_fd_event(ev.etype) {
            return None;
        }
        let t = ev.thread?;
        let fr = ev.fd?;
        fr.num?;
        Some((fr, t))
    }

    /// The kind of the event's own fd (`evt->m_fdinfo`), if it has one.
    fn event_fd_kind(&self, ev: &EvRef<'_>) -> Option<FdKind> {
        if !ev.event_fd {
            return None;
        }
        ev.fd?.fd.as_deref().map(|f| f.kind)
    }

    fn buflen(&self, f: VF, ev: &EvRef<'_>) -> Option<Raw> {
        if !ev.event_fd || schema::is_enter(ev.etype) {
            return None;
        }
        let kind = ev.fd?.fd.as_deref()?.kind;
        let c = cat(ev.etype);
        let dir_ok = match f {
            VF::BuflenIn | VF::BuflenFileIn | VF::BuflenNetIn => c == category::IO_READ,
            VF::BuflenOut | VF::BuflenFileOut | VF::BuflenNetOut => c == category::IO_WRITE,
            _ => c & category::IO_READ != 0,
        };
        if !dir_ok {
            return None;
        }
        let kind_ok = match f {
            VF::BuflenFile | VF::BuflenFileIn | VF::BuflenFileOut => kind == FdKind::File,
            VF::BuflenNet | VF::BuflenNetIn | VF::BuflenNetOut => kind.is_ip(),
            _ => true,
        };
        if !kind_ok {
            return None;
        }
        let r = ev.res?;
        (r >= 0).then_some(Raw::U(r as u64))
    }

    fn fd_text(&self, f: VF, ev: &EvRef<'_>) -> Option<Raw> {
        let (fr, _) = self.fd_of(ev)?;
        let Some(fd) = fr.fd.as_deref() else {
            return match f {
                VF::FdName => self.creator(ev, EStr::CreatorName).map(Raw::S),
                VF::FdDirectory => self.creator(ev, EStr::CreatorDirectory).map(Raw::S),
                _ => None,
            };
        };
        // A name or directory is the fd version's alone: leaving the thread
        // version out lets the events of all threads sharing the fd fall
        // on one row of a chunk (4 times fewer rows to resolve in `files`).
        let own = |s: FStr| Raw::S(SRef::Fd(s, ev.fd_ent, 0));
        match f {
            VF::FdName => {
                if ev.etype == ids::CONNECT_X && ev.res.is_some_and(|r| r < 0) {
                    return self.creator(ev, EStr::CreatorName).map(Raw::S);
                }
                Some(
                    self.own_fd(ev, fd, FStr::Name)
                        .unwrap_or_else(|| own(FStr::Name)),
                )
            }
            VF::FdDirectory => match fd.kind {
                FdKind::File | FdKind::Directory => Some(
                    self.own_fd(ev, fd, FStr::Directory)
                        .unwrap_or_else(|| own(FStr::Directory)),
                ),
                _ => None,
            },
            VF::FdType => Some(Raw::S(SRef::Lit(fd.kind.type_name()))),
            _ => Some(Raw::S(SRef::Lit(match fd.l4proto() {
                L4_TCP => "tcp",
                L4_UDP => "udp",
                L4_ICMP => "icmp",
                L4_RAW => "raw",
                _ => "<NA>",
            }))),
        }
    }

    /// For thread-table events (no entity ids): the text right away.
    fn own_fd(&self, ev: &EvRef<'_>, fd: &Fd, s: FStr) -> Option<Raw> {
        if ev.fd_ent != u32::MAX {
            return None;
        }
        Some(Raw::S(SRef::Own(fd_text(fd, s).into())))
    }

    /// The name an fd event without an fd takes from its parameters
    /// (enter events have none).
    fn creator(&self, ev: &EvRef<'_>, s: EStr) -> Option<SRef> {
        if schema::is_enter(ev.etype) || ev.i == usize::MAX {
            return None;
        }
        Some(SRef::Event(s, ev.i))
    }

    fn fd_local_remote(&self, f: VF, ev: &EvRef<'_>) -> Option<Raw> {
        let (fr, t) = self.fd_of(ev)?;
        let fd = fr.fd.as_deref()?;
        let v4 = fd.kind == FdKind::Ipv4;
        if !(v4 || fd.kind == FdKind::Ipv6) || fd.is_role_none() {
            return None;
        }
        let local = if v4 {
            ipv4_is_local(
                self.st(reads::CONTAINERS | reads::INTERFACES),
                t,
                fd.v4_sip(),
            )
        } else {
            ipv6_is_local(
                self.st(reads::CONTAINERS | reads::INTERFACES),
                t,
                &fd.v6_sip(),
            )
        };
        let want_src = matches!(f, VF::FdLip | VF::FdLport) == local;
        match f {
            VF::FdLport | VF::FdRport => Some(Raw::U(u64::from(match (want_src, v4) {
                (true, true) => fd.v4_sport(),
                (false, true) => fd.v4_dport(),
                (true, false) => fd.v6_sport(),
                (false, false) => fd.v6_dport(),
            }))),
            _ => {
                let s = if f == VF::FdLip { FStr::Lip } else { FStr::Rip };
                if ev.fd_ent == u32::MAX {
                    return Some(Raw::S(SRef::Own(
                        self.ip_text(fd, t, s).unwrap_or_default().into(),
                    )));
                }
                Some(Raw::S(SRef::Fd(s, ev.fd_ent, ev.thread_ent)))
            }
        }
    }

    fn ip_text(&self, fd: &Fd, t: &Thread, s: FStr) -> Option<String> {
        let v4 = fd.kind == FdKind::Ipv4;
        let local = if v4 {
            ipv4_is_local(
                self.st(reads::CONTAINERS | reads::INTERFACES),
                t,
                fd.v4_sip(),
            )
        } else {
            ipv6_is_local(
                self.st(reads::CONTAINERS | reads::INTERFACES),
                t,
                &fd.v6_sip(),
            )
        };
        let want_src = (s == FStr::Lip) == local;
        Some(match (want_src, v4) {
            (true, true) => ip4(fd.v4_sip()),
            (false, true) => ip4(fd.v4_dip()),
            (true, false) => crate::state::fd::inet_ntop6(&fd.v6_sip()),
            (false, false) => crate::state::fd::inet_ntop6(&fd.v6_dip()),
        })
    }

    /// Text of a thread field.
    pub(crate) fn thread_text(&self, s: TStr, t: &Thread, tid: i64) -> Option<String> {
        Some(match s {
            TStr::Name => t.comm.to_string(),
            TStr::Cwd => t.cwd.to_string(),
            TStr::User => self.st(reads::USERS).user(t.uid)?.name.clone(),
            TStr::ContainerId => {
                if t.container_id.is_empty() {
                    "host".into()
                } else {
                    t.container_id.to_string()
                }
            }
            TStr::ContainerName => {
                if t.container_id.is_empty() {
                    "host".into()
                } else {
                    self.st(reads::CONTAINERS)
                        .container(&t.container_id)?
                        .name
                        .clone()
                }
            }
            TStr::ContainerType => {
                if t.container_id.is_empty() {
                    "host".into()
                } else {
                    self.st(reads::CONTAINERS)
                        .container(&t.container_id)?
                        .type_name()?
                        .to_string()
                }
            }
            TStr::ContainerImage => self
                .st(reads::CONTAINERS)
                .container(&t.container_id)?
                .image
                .clone(),
            TStr::Exeline => {
                let mut s = t.exe.to_string();
                s.push(' ');
                s.push_str(&t.args.join(" "));
                s
            }
            TStr::Nametid => format!("{}{tid}", t.comm),
        })
    }

    /// Resolves a text value.
    pub(crate) fn resolve(&self, s: &SRef) -> String {
        match s {
            SRef::Lit(l) => (*l).to_string(),
            SRef::Own(o) => o.to_string(),
            SRef::Errno(r) => r.to_string(),
            SRef::Thread(f, id) => {
                let tr = self.snap.entities.thread(*id);
                tr.thread
                    .as_deref()
                    .and_then(|t| self.thread_text(*f, t, tr.tid))
                    .unwrap_or_default()
            }
            SRef::Fd(f, id, tid_ent) => {
                let Some(fd) = self.snap.entities.fd(*id).and_then(|r| r.fd.as_deref()) else {
                    return String::new();
                };
                match f {
                    FStr::Name | FStr::Directory => fd_text(fd, *f),
                    FStr::Lip | FStr::Rip => self
                        .snap
                        .entities
                        .thread(*tid_ent)
                        .thread
                        .as_deref()
                        .and_then(|t| self.ip_text(fd, t, *f))
                        .unwrap_or_default(),
                }
            }
            SRef::Event(e, i) => self.event_text(*e, *i).unwrap_or_default(),
        }
    }

    fn event_text(&self, e: EStr, i: usize) -> Option<String> {
        let rec = self.snap.record(i)?;
        match e {
            EStr::GenericType => Some(crate::render::event_type_name(&rec)),
            EStr::CreatorName | EStr::CreatorDirectory => {
                let n = creator_name(self, i, &rec)?;
                Some(if e == EStr::CreatorName {
                    n
                } else {
                    directory_of(&n)
                })
            }
        }
    }
}

/// libsinsp's `extract_fdname_from_creator` (the store keeps no cwd
/// history: relative paths resolve against the thread's cwd as stored).
fn creator_name(
    env: &Env<'_>,
    i: usize,
    rec: &crate::format::event::EventRecord<'_>,
) -> Option<String> {
    use ids::*;
    match rec.event_type {
        OPEN_X | ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X | CREAT_X | CONNECT_X => {
            // Only fds, relative paths and fd lists render from the state
            // (`render.rs`): the addresses of accepts and connects and
            // absolute paths do not depend on it, relative paths do (the
            // thread's cwd), which is what the warmer needs to know.
            use crate::schema::ParamType;
            let p1 = rec.param(1).unwrap_or_default();
            let needs_state = match crate::render::sysdig_param_desc(rec.event_type, 1) {
                Some(d) if matches!(d.ty, ParamType::Socktuple | ParamType::Sockaddr) => false,
                Some(d) if d.ty == ParamType::Fspath => {
                    !(p1.is_empty() || p1[0] == b'/' || p1.starts_with(b"<NA>"))
                }
                _ => true,
            };
            let state = if needs_state {
                env.st(reads::THREADS)
            } else {
                env.state
            };
            let (raw, resolved) = crate::render::render_param(rec, 1, rec.tid, state)?;
            Some(if resolved.is_empty() { raw } else { resolved })
        }
        OPENAT_X => None,
        OPENAT_2_X | OPENAT2_X => {
            let name = rec.param(2)?;
            let dirfd = i64::from_le_bytes(rec.param(1)?.get(..8)?.try_into().ok()?);
            let dir = if name.first().is_some_and(|&c| c == b'/') {
                ".".to_string()
            } else if dirfd == -100 {
                let row = env.snap.row(i)?;
                row.thread.map_or_else(String::new, |t| t.cwd.to_string())
            } else {
                "<UNKNOWN>".into()
            };
            Some(crate::state::paths::concatenate_param(&dir, name))
        }
        _ => Some(String::new()),
    }
}

/// `fd.name` / `fd.directory` of an fd record.
fn fd_text(fd: &Fd, s: FStr) -> String {
    let n = crate::state::fd::sanitize(fd.name.as_bytes());
    match (s, fd.kind) {
        (FStr::Directory, FdKind::File) => directory_of(&n),
        _ => n,
    }
}

/// `fd.directory` of a file name: up to the last `/` (kept when it is the
/// first or the last character).
pub(crate) fn directory_of(n: &str) -> String {
    match n.rfind('/') {
        Some(p) if p != 0 => {
            if p < n.len() - 1 {
                n[..p].to_string()
            } else {
                n.to_string()
            }
        }
        _ => "/".into(),
    }
}

fn ip4(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip.to_le_bytes()).to_string()
}

/// Per-computation cache of resolved text values.
#[derive(Default)]
pub(crate) struct Resolved(rustc_hash::FxHashMap<SRef, Arc<str>>);

impl Resolved {
    pub(crate) fn get(&mut self, env: &Env<'_>, s: &SRef) -> Arc<str> {
        if let Some(v) = self.0.get(s) {
            return v.clone();
        }
        let v: Arc<str> = match s {
            SRef::Own(o) => o.clone(),
            _ => env.resolve(s).into(),
        };
        self.0.insert(s.clone(), v.clone());
        v
    }
}

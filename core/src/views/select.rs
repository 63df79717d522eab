//! Which events a view looks at: csysdig's event stream, a time range,
//! the view's own filter and the user's filter.

use rayon::prelude::*;

use crate::filter::{Comparison, Expr, Filter, Op, StoreFilter, Target, compare_text};
use crate::schema::{self, category, event_flags};
use crate::state::{FdKind, ids};
use crate::store::{Chunk, Snapshot};

use super::ViewError;
use super::defs::ViewFilter;
use super::extract::{Env, EvRef, Raw, Resolved, SRef, VF};

/// Whether csysdig's event loop sees event `j`: everything libscap returns,
/// internal events (procinfo…) included, except what sysdig drops while
/// reading (unknown types, the container events that open a capture).
pub(crate) fn seen_by_csysdig(c: &Chunk, j: usize) -> bool {
    if !c.is_hidden(j) {
        return true;
    }
    let t = c.event_type(j);
    t < crate::reader::SYSDIG_EVENT_MAX
        && !matches!(t, 228 | 272 | 324)
        && schema::compat_category(t) & category::INTERNAL != 0
}

/// A filter field evaluated natively, on store events and on thread-table
/// events alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NField {
    V(VF),
    Dir,
    RawRes,
    RawTime,
    Failed,
    SyscallType,
    TypeChar,
    Cpu,
    FdNum,
    UserUid,
    ProcExe,
}

fn nfield(name: &str) -> Option<NField> {
    use NField::*;
    Some(match name {
        "thread.tid" => V(VF::ThreadTid),
        "proc.pid" => V(VF::ProcPid),
        "proc.ppid" => V(VF::ProcPpid),
        "proc.name" => V(VF::ProcName),
        "proc.pname" => V(VF::ProcPname),
        "proc.cwd" => V(VF::ProcCwd),
        "user.name" => V(VF::UserName),
        "proc.nthreads" => V(VF::ProcNthreads),
        "container.id" => V(VF::ContainerId),
        "container.name" => V(VF::ContainerName),
        "container.type" => V(VF::ContainerType),
        "container.image" => V(VF::ContainerImage),
        "proc.exeline" => V(VF::ProcExeline),
        "thread.nametid" => V(VF::ThreadNametid),
        "fd.name" => V(VF::FdName),
        "fd.directory" => V(VF::FdDirectory),
        "fd.type" => V(VF::FdType),
        "fd.l4proto" => V(VF::FdL4proto),
        "fd.lip" => V(VF::FdLip),
        "fd.rip" => V(VF::FdRip),
        "fd.lport" => V(VF::FdLport),
        "fd.rport" => V(VF::FdRport),
        "fd.sport" => V(VF::FdSport),
        "evt.type" => V(VF::EvtType),
        "evt.res" => V(VF::EvtRes),
        "evt.latency" => V(VF::EvtLatency),
        "proc.fdopencount" => V(VF::FdOpenCount),
        "proc.fdlimit" => V(VF::FdLimit),
        "evt.dir" => Dir,
        "evt.rawres" => RawRes,
        "evt.rawtime" => RawTime,
        "evt.failed" => Failed,
        "syscall.type" => SyscallType,
        "fd.typechar" => TypeChar,
        "evt.cpu" => Cpu,
        "fd.num" => FdNum,
        "user.uid" => UserUid,
        "proc.exe" => ProcExe,
        _ => return None,
    })
}

#[derive(Debug, Clone)]
enum NExpr {
    And(Vec<NExpr>),
    Or(Vec<NExpr>),
    Not(Box<NExpr>),
    Cmp(NField, Comparison),
}

/// A filter evaluated field by field on [`EvRef`]s.
#[derive(Debug, Clone)]
pub(crate) struct NativeFilter(NExpr);

impl NativeFilter {
    /// Compiles `f`, or names the first field views cannot evaluate.
    pub(crate) fn compile(f: &Filter) -> Result<NativeFilter, ViewError> {
        fn go(e: &Expr) -> Result<NExpr, ViewError> {
            Ok(match e {
                Expr::And(v) => NExpr::And(v.iter().map(go).collect::<Result<_, _>>()?),
                Expr::Or(v) => NExpr::Or(v.iter().map(go).collect::<Result<_, _>>()?),
                Expr::Not(e) => NExpr::Not(Box::new(go(e)?)),
                Expr::Cmp(c) => {
                    let unsupported = || ViewError::UnsupportedField(c.target.name());
                    let Target::Field(f) = &c.target else {
                        return Err(unsupported());
                    };
                    if f.arg != crate::fields::FieldArg::None {
                        return Err(unsupported());
                    }
                    NExpr::Cmp(nfield(f.name).ok_or_else(unsupported)?, c.clone())
                }
            })
        }
        Ok(NativeFilter(go(&f.expr)?))
    }

    pub(crate) fn matches(&self, env: &Env<'_>, res: &mut Resolved, ev: &EvRef<'_>) -> bool {
        eval(&self.0, env, res, ev)
    }
}

fn eval(e: &NExpr, env: &Env<'_>, res: &mut Resolved, ev: &EvRef<'_>) -> bool {
    match e {
        NExpr::And(v) => v.iter().all(|e| eval(e, env, res, ev)),
        NExpr::Or(v) => v.iter().any(|e| eval(e, env, res, ev)),
        NExpr::Not(e) => !eval(e, env, res, ev),
        NExpr::Cmp(f, c) => {
            let v = field_text(*f, env, res, ev);
            match v {
                None => false,
                Some(_) if c.op == Op::Exists => true,
                Some(s) => compare_text(c, &s),
            }
        }
    }
}

/// The text of a filter field for an event (sysdig's rendering of it).
fn field_text(f: NField, env: &Env<'_>, res: &mut Resolved, ev: &EvRef<'_>) -> Option<String> {
    let text = |r: Raw, res: &mut Resolved| -> String {
        match r {
            Raw::I(v) => v.to_string(),
            Raw::U(v) => v.to_string(),
            Raw::D(v) => v.to_string(),
            Raw::S(s) => res.get(env, &s).to_string(),
        }
    };
    match f {
        NField::V(vf) => env.extract(vf, ev).map(|r| text(r, res)),
        NField::Dir => Some(if schema::is_enter(ev.etype) { ">" } else { "<" }.into()),
        NField::RawRes => ev.res.map(|r| r.to_string()),
        NField::RawTime => Some(ev.ts_ns.to_string()),
        NField::Failed => Some(ev.res.is_some_and(|r| r < 0).to_string()),
        NField::SyscallType => {
            if ev.etype == ids::SCHEDSWITCH_6_E
                || schema::compat_flags(ev.etype) & event_flags::SKIPPARSERESET != 0
            {
                return None;
            }
            env.extract(VF::EvtType, ev).map(|r| text(r, res))
        }
        NField::TypeChar => {
            ev.thread?;
            let fr = ev.fd?;
            if schema::compat_flags(ev.etype)
                & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
            {
                return None;
            }
            fr.num?;
            fr.fd.as_deref().map(|f| f.kind.type_char().to_string())
        }
        NField::Cpu => None,
        NField::FdNum => {
            ev.thread?;
            ev.fd?.num.map(|n| n.to_string())
        }
        NField::UserUid => ev.thread.map(|t| t.uid.to_string()),
        NField::ProcExe => ev.thread.map(|t| t.exe.to_string()),
    }
}

/// A view's own filter on one event.
/// Whether sysdig names events of type `et` `switch` (from a table built
/// once: comparing names per event shows in the procs views).
fn is_switch(et: u16) -> bool {
    static SWITCH: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    SWITCH.get_or_init(|| {
        (0..=u16::MAX)
            .map(|t| crate::render::sysdig_event_name(t) == "switch")
            .collect()
    })[usize::from(et)]
}

/// Whether events of type `et` can pass view filter `vf` at all: a
/// necessary condition of [`view_filter`] that depends on the type alone,
/// so that events of other types are skipped before anything else is read
/// (from tables built once).
pub(crate) fn type_may_pass(vf: ViewFilter, et: u16) -> bool {
    const TYPES: usize = 1024;
    static TABLES: std::sync::OnceLock<Vec<Vec<bool>>> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let filters = [
            ViewFilter::All,
            ViewFilter::NotSwitch,
            ViewFilter::FileOrDir,
            ViewFilter::Ip,
            ViewFilter::Syscall,
            ViewFilter::Failed,
            ViewFilter::InContainer,
            ViewFilter::OpenExit,
            ViewFilter::PortBindings,
            ViewFilter::AcceptOk,
            ViewFilter::SpyUsers,
            ViewFilter::ExecveOk,
        ];
        // Indexed by the variant's number; a variant missing here gets
        // an empty table, which lets every type through.
        let mut tables = vec![Vec::new(); 64];
        for f in filters {
            if let Some(t) = tables.get_mut(f as usize) {
                *t = (0..TYPES as u16).map(|t| type_condition(f, t)).collect();
            }
        }
        tables
    });
    match tables.get(vf as usize) {
        Some(t) => t.get(usize::from(et)).copied().unwrap_or(true),
        None => true,
    }
}

/// The part of [`view_filter`] that depends on the event type alone.
fn type_condition(vf: ViewFilter, et: u16) -> bool {
    let exit = !schema::is_enter(et);
    let name = || crate::render::sysdig_event_name(et);
    let fd_flags = schema::compat_flags(et)
        & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD);
    match vf {
        ViewFilter::All | ViewFilter::Failed | ViewFilter::InContainer => true,
        ViewFilter::NotSwitch => !is_switch(et),
        ViewFilter::FileOrDir | ViewFilter::Ip => fd_flags != 0,
        ViewFilter::Syscall => {
            et != ids::SCHEDSWITCH_6_E
                && schema::compat_flags(et) & event_flags::SKIPPARSERESET == 0
        }
        ViewFilter::OpenExit => et == ids::OPEN_X,
        ViewFilter::PortBindings => et == ids::BIND_X || et == ids::CLOSE_E,
        ViewFilter::AcceptOk => exit && name() == "accept",
        ViewFilter::SpyUsers => exit && matches!(name(), "execve" | "chdir"),
        ViewFilter::ExecveOk => exit && name() == "execve",
    }
}

pub(crate) fn view_filter(vf: ViewFilter, env: &Env<'_>, ev: &EvRef<'_>) -> bool {
    let is_exit = !schema::is_enter(ev.etype);
    let fd_kind = || -> Option<FdKind> {
        if ev.thread.is_none()
            || schema::compat_flags(ev.etype)
                & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
        {
            return None;
        }
        let fr = ev.fd?;
        fr.num?;
        fr.fd.as_deref().map(|f| f.kind)
    };
    let fd_name_nonempty = || -> bool {
        match env.extract(VF::FdName, ev) {
            Some(Raw::S(s)) => match &s {
                // Printing keeps the bytes 0x20..0x7f before a NUL.
                SRef::Fd(..) => ev.fd.and_then(|f| f.fd.as_deref()).is_some_and(|f| {
                    f.name
                        .bytes()
                        .take_while(|&c| c != 0)
                        .any(|c| (0x20..0x7f).contains(&c))
                }),
                other => !env.resolve(other).is_empty(),
            },
            _ => false,
        }
    };
    let failed = ev.res.is_some_and(|r| r < 0);
    match vf {
        ViewFilter::All => true,
        ViewFilter::NotSwitch => !is_switch(ev.etype),
        ViewFilter::FileOrDir => {
            matches!(fd_kind(), Some(FdKind::File | FdKind::Directory)) && fd_name_nonempty()
        }
        ViewFilter::Ip => {
            matches!(
                fd_kind(),
                Some(FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server)
            ) && fd_name_nonempty()
        }
        ViewFilter::Syscall => {
            ev.etype != ids::SCHEDSWITCH_6_E
                && schema::compat_flags(ev.etype) & event_flags::SKIPPARSERESET == 0
        }
        ViewFilter::Failed => failed,
        ViewFilter::InContainer => {
            let Some(t) = ev.thread else { return false };
            if t.container_id.is_empty() {
                return false;
            }
            // `container.name != host`: no value (an unknown container) is
            // not different from anything.
            env.st(super::extract::reads::CONTAINERS)
                .container(&t.container_id)
                .is_some_and(|c| !c.name.is_empty() && c.name != "host")
        }
        ViewFilter::OpenExit => ev.etype == ids::OPEN_X,
        ViewFilter::PortBindings => {
            let k = fd_kind();
            (ev.etype == ids::BIND_X
                && matches!(
                    k,
                    Some(FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server)
                ))
                || (ev.etype == ids::CLOSE_E && k == Some(FdKind::Ipv4Server))
        }
        ViewFilter::AcceptOk => {
            is_exit && crate::render::sysdig_event_name(ev.etype) == "accept" && !failed
        }
        ViewFilter::SpyUsers => {
            if failed || !is_exit {
                return false;
            }
            let name = crate::render::sysdig_event_name(ev.etype);
            if name == "execve" {
                return true;
            }
            name == "chdir"
                && ev
                    .thread
                    .is_some_and(|t| t.comm.contains("sh") && !t.comm.contains("sshd"))
        }
        ViewFilter::ExecveOk => {
            is_exit && !failed && crate::render::sysdig_event_name(ev.etype) == "execve"
        }
    }
}

/// The user's filter, compiled for store scans when it can be, and for
/// per-event evaluation in any case (thread-table events need it).
#[derive(Debug, Clone)]
pub(crate) struct UserFilter {
    pub native: Option<NativeFilter>,
    pub store: Option<StoreFilter>,
}

impl UserFilter {
    pub(crate) fn new(f: Option<&Filter>) -> Result<UserFilter, ViewError> {
        let Some(f) = f else {
            return Ok(UserFilter {
                native: None,
                store: None,
            });
        };
        let store = StoreFilter::compile(f).ok();
        let native = match NativeFilter::compile(f) {
            Ok(n) => Some(n),
            Err(e) if store.is_none() => return Err(e),
            Err(_) => None,
        };
        Ok(UserFilter { native, store })
    }

    /// Per chunk, the events the store scan selects (`None`: every event,
    /// or the filter must run per event).
    pub(crate) fn chunk_bits(&self, snap: &Snapshot) -> Option<Vec<Vec<u64>>> {
        let sf = self.store.as_ref()?;
        let hits = sf.scan(snap, true);
        let starts = snap.chunk_starts();
        let mut bits: Vec<Vec<u64>> = snap
            .chunks
            .par_iter()
            .map(|c| vec![0u64; c.len().div_ceil(64)])
            .collect();
        for i in hits {
            let ci = starts.partition_point(|&s| s <= i) - 1;
            let j = i - starts[ci];
            bits[ci][j / 64] |= 1 << (j % 64);
        }
        Some(bits)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.native.is_none() && self.store.is_none()
    }
}

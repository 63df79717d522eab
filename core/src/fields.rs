//! Event fields (`evt.num`, `proc.name`, `fd.name`, …) with sysdig's names
//! and value formats.
//!
//! A [`Field`] is parsed once from its name (with its argument, e.g.
//! `evt.arg.fd` or `proc.aname[2]`) and then evaluated per event. A field
//! with no value for an event returns `None`; sysdig prints that as `<NA>`.

use std::sync::Arc;

use crate::reader::Event;
use crate::render;
use crate::schema::{self, category, event_flags};
use crate::state::{Container, EventContext, FdKind, Role, Sock, State, Thread};

/// The argument of a field that takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldArg {
    /// No argument.
    None,
    /// `.NAME` suffix (e.g. `evt.arg.fd`).
    Name(String),
    /// `[N]` index (e.g. `evt.arg[0]`, `proc.aname[2]`).
    Index(usize),
}

/// A field: its canonical name and argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Canonical name (`evt.arg`, `proc.name`, …).
    pub name: &'static str,
    /// Argument, if the field takes one.
    pub arg: FieldArg,
}

/// How a field takes its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArgKind {
    None,
    /// `.NAME` or `[N]`.
    NameOrIndex,
    /// `[N]` only (may be omitted).
    Index,
}

/// Every field: name, argument kind, one-line description.
const FIELDS: &[(&str, ArgKind, &str)] = &[
    (
        "evt.num",
        ArgKind::None,
        "event number, as sysdig numbers events",
    ),
    (
        "evt.time",
        ArgKind::None,
        "local time of day, HH:MM:SS.nnnnnnnnn",
    ),
    ("evt.time.s", ArgKind::None, "local time of day, HH:MM:SS"),
    ("evt.time.iso8601", ArgKind::None, "UTC time in ISO 8601"),
    ("evt.datetime", ArgKind::None, "local date and time"),
    (
        "evt.datetime.s",
        ArgKind::None,
        "local date and time, whole seconds",
    ),
    (
        "evt.outputtime",
        ArgKind::None,
        "time as printed by default (= evt.time)",
    ),
    (
        "evt.rawtime",
        ArgKind::None,
        "timestamp, ns since the epoch",
    ),
    (
        "evt.rawtime.s",
        ArgKind::None,
        "seconds part of evt.rawtime",
    ),
    (
        "evt.rawtime.ns",
        ArgKind::None,
        "nanoseconds part of evt.rawtime",
    ),
    ("evt.reltime", ArgKind::None, "ns since the first event"),
    (
        "evt.reltime.s",
        ArgKind::None,
        "seconds part of evt.reltime",
    ),
    (
        "evt.reltime.ns",
        ArgKind::None,
        "nanoseconds part of evt.reltime",
    ),
    (
        "evt.deltatime",
        ArgKind::None,
        "ns since the previous printed event",
    ),
    (
        "evt.latency",
        ArgKind::None,
        "ns between enter and exit (exit events)",
    ),
    (
        "evt.latency.s",
        ArgKind::None,
        "seconds part of evt.latency",
    ),
    (
        "evt.latency.ns",
        ArgKind::None,
        "nanoseconds part of evt.latency",
    ),
    (
        "evt.latency.human",
        ArgKind::None,
        "evt.latency with a unit",
    ),
    ("evt.cpu", ArgKind::None, "CPU that recorded the event"),
    ("evt.dir", ArgKind::None, "> for enter, < for exit"),
    ("evt.type", ArgKind::None, "event type name"),
    ("evt.category", ArgKind::None, "event category"),
    ("evt.args", ArgKind::None, "all parameters as NAME=VALUE"),
    (
        "evt.info",
        ArgKind::None,
        "evt.args (sysdig adds decoder text; scapscope does not)",
    ),
    (
        "evt.arg",
        ArgKind::NameOrIndex,
        "one parameter, by name or index",
    ),
    (
        "evt.rawarg",
        ArgKind::NameOrIndex,
        "one parameter, unformatted",
    ),
    ("evt.res", ArgKind::None, "SUCCESS or the error name"),
    ("evt.rawres", ArgKind::None, "return value as a number"),
    ("evt.failed", ArgKind::None, "true if the call failed"),
    ("evt.buflen", ArgKind::None, "bytes read or written"),
    ("evt.is_io", ArgKind::None, "true for I/O events"),
    ("evt.is_io_read", ArgKind::None, "true for reads"),
    ("evt.is_io_write", ArgKind::None, "true for writes"),
    ("evt.io_dir", ArgKind::None, "read or write"),
    ("evt.is_wait", ArgKind::None, "true for waiting calls"),
    ("evt.count", ArgKind::None, "1 (for counting)"),
    ("syscall.type", ArgKind::None, "system call name"),
    ("proc.pid", ArgKind::None, "process id"),
    ("proc.ppid", ArgKind::None, "parent process id"),
    ("proc.name", ArgKind::None, "process name (comm)"),
    ("proc.exe", ArgKind::None, "first argument (argv[0])"),
    ("proc.exepath", ArgKind::None, "full executable path"),
    ("proc.args", ArgKind::None, "arguments"),
    ("proc.cmdline", ArgKind::None, "name and arguments"),
    ("proc.exeline", ArgKind::None, "argv[0] and arguments"),
    ("proc.cwd", ArgKind::None, "working directory"),
    (
        "proc.vpid",
        ArgKind::None,
        "process id in its pid namespace",
    ),
    ("proc.tty", ArgKind::None, "controlling terminal"),
    ("proc.pname", ArgKind::None, "parent process name"),
    ("proc.aname", ArgKind::Index, "name of the N-th ancestor"),
    ("proc.apid", ArgKind::Index, "pid of the N-th ancestor"),
    ("thread.tid", ArgKind::None, "thread id"),
    (
        "thread.vtid",
        ArgKind::None,
        "thread id in its pid namespace",
    ),
    ("fd.num", ArgKind::None, "file descriptor number"),
    ("fd.type", ArgKind::None, "fd type (file, ipv4, unix, …)"),
    ("fd.typechar", ArgKind::None, "fd type as one character"),
    ("fd.name", ArgKind::None, "path, socket tuple or name"),
    ("fd.directory", ArgKind::None, "directory of a file fd"),
    ("fd.filename", ArgKind::None, "file name of a file fd"),
    ("fd.cip", ArgKind::None, "client IP"),
    ("fd.sip", ArgKind::None, "server IP"),
    ("fd.cport", ArgKind::None, "client port"),
    ("fd.sport", ArgKind::None, "server port"),
    ("fd.l4proto", ArgKind::None, "tcp, udp, icmp or raw"),
    ("fd.sockfamily", ArgKind::None, "ip or unix"),
    (
        "fd.is_server",
        ArgKind::None,
        "true if this end is the server",
    ),
    ("container.id", ArgKind::None, "container id, or host"),
    ("container.name", ArgKind::None, "container name, or host"),
    ("container.image", ArgKind::None, "container image"),
    ("container.type", ArgKind::None, "container runtime"),
    (
        "container.privileged",
        ArgKind::None,
        "whether the container is privileged",
    ),
    ("user.uid", ArgKind::None, "user id"),
    ("user.name", ArgKind::None, "user name"),
    ("user.homedir", ArgKind::None, "home directory"),
    ("user.shell", ArgKind::None, "login shell"),
    ("user.loginuid", ArgKind::None, "login user id"),
    ("group.gid", ArgKind::None, "group id"),
    ("group.name", ArgKind::None, "group name"),
];

/// All field names with their descriptions (for `--help` and completion).
pub fn field_list() -> impl Iterator<Item = (&'static str, &'static str)> {
    FIELDS.iter().map(|(n, _, d)| (*n, *d))
}

/// Why a field could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// No known field starts here.
    #[error("unknown field at '{0}'")]
    Unknown(String),
    /// A bad `[N]` argument.
    #[error("'{0}' is not a valid index")]
    BadIndex(String),
}

impl Field {
    /// Parses the longest field name that prefixes `s` (sysdig's rule),
    /// with its argument; returns the field and the bytes consumed.
    pub fn parse_prefix(s: &str) -> Result<(Field, usize), FieldError> {
        let mut best: Option<(&'static str, ArgKind)> = None;
        for &(name, kind, _) in FIELDS {
            if s.starts_with(name) && best.is_none_or(|(b, _)| name.len() > b.len()) {
                let next = s.as_bytes().get(name.len()).copied();
                // `evt.arg` needs its argument; a longer name must end at a
                // non-name character to count as that field.
                let _ = next;
                best = Some((name, kind));
            }
        }
        let Some((name, kind)) = best else {
            return Err(FieldError::Unknown(s.chars().take(40).collect()));
        };
        let rest = &s[name.len()..];
        match kind {
            ArgKind::None => Ok((
                Field {
                    name,
                    arg: FieldArg::None,
                },
                name.len(),
            )),
            ArgKind::Index | ArgKind::NameOrIndex => {
                if let Some(r) = rest.strip_prefix('[') {
                    let Some(end) = r.find(']') else {
                        return Err(FieldError::BadIndex(r.to_string()));
                    };
                    let n: usize = r[..end]
                        .parse()
                        .map_err(|_| FieldError::BadIndex(r[..end].to_string()))?;
                    Ok((
                        Field {
                            name,
                            arg: FieldArg::Index(n),
                        },
                        name.len() + end + 2,
                    ))
                } else if kind == ArgKind::NameOrIndex {
                    let Some(r) = rest.strip_prefix('.') else {
                        return Err(FieldError::Unknown(s.chars().take(40).collect()));
                    };
                    let arg = longest_param_name(r)
                        .ok_or_else(|| FieldError::Unknown(s.chars().take(40).collect()))?;
                    let consumed = name.len() + 1 + arg.len();
                    Ok((
                        Field {
                            name,
                            arg: FieldArg::Name(arg.to_string()),
                        },
                        consumed,
                    ))
                } else {
                    Ok((
                        Field {
                            name,
                            arg: FieldArg::None,
                        },
                        name.len(),
                    ))
                }
            }
        }
    }

    /// Parses a whole field name (`proc.name`, `evt.arg.fd`, `evt.arg[1]`).
    pub fn parse(s: &str) -> Result<Field, FieldError> {
        let (f, n) = Field::parse_prefix(s)?;
        if n != s.len() {
            return Err(FieldError::Unknown(s.to_string()));
        }
        Ok(f)
    }
}

/// The longest parameter name of any event type that prefixes `s`.
fn longest_param_name(s: &str) -> Option<&'static str> {
    let mut best: Option<&'static str> = None;
    for e in schema::EVENTS.iter() {
        for p in e.params {
            if !p.name.is_empty()
                && s.starts_with(p.name)
                && best.is_none_or(|b| p.name.len() > b.len())
            {
                best = Some(p.name);
            }
        }
    }
    best
}

/// Per-output-session values some fields need.
#[derive(Debug, Clone, Default)]
pub struct FieldEnv {
    /// Offset added to UTC for local times, seconds (sysdig uses the offset
    /// in effect when it runs).
    pub tz_offset_s: i64,
    /// Timestamp of the first event, for `evt.reltime`.
    pub first_ts_ns: Option<u64>,
    /// Timestamp of the previous printed event, for `evt.deltatime`.
    pub prev_ts_ns: Option<u64>,
}

/// The thread an event is shown with: a real one, a placeholder for
/// container events, or none.
enum ThreadView<'a> {
    Real(&'a Thread),
    Container(&'a str),
    None,
}

const CONTAINER_EVENTS: [u16; 3] = [228, 272, 324];

fn container_event_id(ev: &Event<'_>) -> Option<String> {
    if !CONTAINER_EVENTS.contains(&ev.rec.event_type) {
        return None;
    }
    let p = ev.rec.param(0)?;
    if ev.rec.event_type == 228 {
        let p = p.split(|&c| c == 0).next().unwrap_or_default();
        return Some(String::from_utf8_lossy(p).into_owned());
    }
    Container::from_json(p).map(|c| c.id)
}

fn thread_view<'a>(ev: &'a Event<'_>, cid: &'a Option<String>) -> ThreadView<'a> {
    if let Some(id) = cid {
        return ThreadView::Container(id);
    }
    match &ev.ctx.thread {
        Some(t) => ThreadView::Real(t),
        None => ThreadView::None,
    }
}

fn split_time(ts_ns: u64) -> (u64, u64) {
    (ts_ns / 1_000_000_000, ts_ns % 1_000_000_000)
}

/// Converts days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn time_of_day(secs: i64) -> String {
    let s = secs.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

fn date(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

fn latency_human(ns: u64) -> String {
    if ns < 1_000 {
        format!("{ns}ns")
    } else if ns < 1_000_000 {
        format!("{:.2}us", ns as f64 / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.2}ms", ns as f64 / 1e6)
    } else {
        format!("{:.2}s", ns as f64 / 1e9)
    }
}

fn bool_str(b: bool) -> String {
    if b { "true".into() } else { "false".into() }
}

/// The `res`/fd result of an event as sysdig's `evt.rawres` sees it.
fn raw_result(ev: &Event<'_>) -> Option<i64> {
    let desc = ev.rec.desc();
    let first = desc.params.first()?;
    let v = |i: usize| -> Option<i64> {
        let b = ev.rec.param(i)?;
        Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
    };
    if first.name == "res" {
        return v(0);
    }
    if !schema::is_enter(ev.rec.event_type)
        && schema::compat_flags(ev.rec.event_type) & event_flags::CREATES_FD != 0
        && first.name == "fd"
    {
        return v(0);
    }
    None
}

fn is_fd_event(ev: &Event<'_>) -> bool {
    schema::compat_flags(ev.rec.event_type)
        & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
        != 0
}

/// Evaluates one field on one event.
pub fn eval(field: &Field, ev: &Event<'_>, env: &FieldEnv) -> Option<String> {
    let rec = &ev.rec;
    let state: &State = ev.state;
    let ctx: &EventContext = ev.ctx;
    let cid = container_event_id(ev);
    let tv = thread_view(ev, &cid);
    let thread = match &tv {
        ThreadView::Real(t) => Some(*t),
        _ => None,
    };
    let (secs, ns) = split_time(rec.ts_ns);
    let local_secs = secs as i64 + env.tz_offset_s;
    match field.name {
        "evt.num" => ev.num.map(|n| n.to_string()),
        "evt.time" | "evt.outputtime" => Some(format!("{}.{ns:09}", time_of_day(local_secs))),
        "evt.time.s" => Some(time_of_day(local_secs)),
        "evt.datetime" => Some(format!(
            "{} {}.{ns:09}",
            date(local_secs),
            time_of_day(local_secs)
        )),
        "evt.datetime.s" => Some(format!("{} {}", date(local_secs), time_of_day(local_secs))),
        "evt.time.iso8601" => Some(format!(
            "{}T{}.{ns:09}+0000",
            date(secs as i64),
            time_of_day(secs as i64)
        )),
        "evt.rawtime" => Some(rec.ts_ns.to_string()),
        "evt.rawtime.s" => Some(secs.to_string()),
        "evt.rawtime.ns" => Some(format!("{ns:09}")),
        "evt.reltime" | "evt.reltime.s" | "evt.reltime.ns" => {
            let rel = rec
                .ts_ns
                .saturating_sub(env.first_ts_ns.unwrap_or(rec.ts_ns));
            Some(match field.name {
                "evt.reltime" => format!("{rel:09}"),
                "evt.reltime.s" => (rel / 1_000_000_000).to_string(),
                _ => format!("{:09}", rel % 1_000_000_000),
            })
        }
        "evt.deltatime" => Some(
            rec.ts_ns
                .saturating_sub(env.prev_ts_ns.unwrap_or(rec.ts_ns))
                .to_string(),
        ),
        "evt.latency" => Some(ctx.latency_ns.to_string()),
        "evt.latency.s" => Some((ctx.latency_ns / 1_000_000_000).to_string()),
        "evt.latency.ns" => Some(format!("{:09}", ctx.latency_ns % 1_000_000_000)),
        "evt.latency.human" => Some(latency_human(ctx.latency_ns)),
        "evt.cpu" => Some(rec.cpu.to_string()),
        "evt.dir" => Some(
            if schema::is_enter(rec.event_type) {
                ">"
            } else {
                "<"
            }
            .into(),
        ),
        "evt.type" => Some(render::event_type_name(rec)),
        "syscall.type" => {
            let c = rec.desc().category;
            (c & category::SYSCALL != 0).then(|| render::event_type_name(rec))
        }
        "evt.category" => Some(category_name(ev)),
        "evt.args" | "evt.info" => Some(render::evt_args(rec, state)),
        "evt.arg" => match &field.arg {
            FieldArg::Name(n) => render::evt_arg_by_name(rec, n, state),
            FieldArg::Index(i) => render::evt_arg_by_index(rec, *i, state),
            FieldArg::None => None,
        },
        "evt.rawarg" => {
            let i = match &field.arg {
                FieldArg::Name(n) => rec.desc().params.iter().position(|p| p.name == n)?,
                FieldArg::Index(i) => *i,
                FieldArg::None => return None,
            };
            let desc = rec.desc().params.get(i)?;
            let v = crate::decode::decode(desc, rec.param(i)?);
            Some(match v {
                crate::decode::Value::Int(x) => x.to_string(),
                crate::decode::Value::Uint(x) => x.to_string(),
                crate::decode::Value::Str(b) | crate::decode::Value::Bytes(b) => {
                    let b = b.split(|&c| c == 0).next().unwrap_or_default();
                    String::from_utf8_lossy(b).into_owned()
                }
                other => format!("{other:?}"),
            })
        }
        "evt.rawres" => raw_result(ev).map(|r| r.to_string()),
        "evt.res" => raw_result(ev).map(|r| {
            if r >= 0 {
                "SUCCESS".to_string()
            } else {
                let e = r.unsigned_abs();
                u32::try_from(e)
                    .ok()
                    .and_then(schema::errno_name)
                    .map_or_else(|| r.to_string(), str::to_string)
            }
        }),
        "evt.failed" => Some(bool_str(raw_result(ev).is_some_and(|r| r < 0))),
        "evt.buflen" => {
            let io = matches!(
                schema::compat_category(rec.event_type) & 0x3f,
                category::IO_READ | category::IO_WRITE | category::IO_OTHER
            );
            if schema::is_enter(rec.event_type) || !io || ctx.fd.is_none() {
                return None;
            }
            let b = rec.param(0)?;
            let r = i64::from_le_bytes(b.get(..8)?.try_into().ok()?);
            (r >= 0).then(|| r.to_string())
        }
        "evt.is_io" => Some(bool_str(
            rec.desc().flags & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD) != 0,
        )),
        "evt.is_io_read" => Some(bool_str(rec.desc().flags & event_flags::READS_FROM_FD != 0)),
        "evt.is_io_write" => Some(bool_str(rec.desc().flags & event_flags::WRITES_TO_FD != 0)),
        "evt.io_dir" => {
            let f = rec.desc().flags;
            if f & event_flags::READS_FROM_FD != 0 {
                Some("read".into())
            } else if f & event_flags::WRITES_TO_FD != 0 {
                Some("write".into())
            } else {
                None
            }
        }
        "evt.is_wait" => Some(bool_str(rec.desc().flags & event_flags::WAITS != 0)),
        "evt.count" => Some("1".into()),
        "thread.tid" => Some(rec.tid.to_string()),
        _ => eval_context(field, ev, &tv, thread, state, ctx),
    }
}

fn category_name(ev: &Event<'_>) -> String {
    let c = schema::compat_category(ev.rec.event_type) & 0x3f;
    let io = |ev: &Event<'_>| match ev.ctx.fd.as_ref().map(|f| f.kind) {
        Some(FdKind::File | FdKind::Directory) => "file",
        Some(
            FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server | FdKind::Unix,
        ) => "net",
        Some(FdKind::Fifo) => "ipc",
        _ => "unknown",
    };
    match c {
        category::OTHER => "other",
        category::FILE => "file",
        category::NET => "net",
        category::IPC => "IPC",
        category::MEMORY => "memory",
        category::PROCESS => "process",
        category::SLEEP => "sleep",
        category::SYSTEM => "system",
        category::SIGNAL => "signal",
        category::USER => "user",
        category::TIME => "time",
        category::PROCESSING => "processing",
        category::IO_READ | category::IO_WRITE | category::IO_OTHER => io(ev),
        _ => {
            let full = schema::compat_category(ev.rec.event_type);
            if full & category::WAIT != 0 {
                "wait"
            } else if full & category::SCHEDULER != 0 {
                "scheduler"
            } else {
                "unknown"
            }
        }
    }
    .into()
}

fn main_thread<'a>(state: &'a State, t: &'a Thread) -> Option<&'a Arc<Thread>> {
    state.threads.get(&t.pid)
}

fn eval_context(
    field: &Field,
    ev: &Event<'_>,
    tv: &ThreadView<'_>,
    thread: Option<&Thread>,
    state: &State,
    ctx: &EventContext,
) -> Option<String> {
    let name = field.name;
    // Container events show a synthetic thread named after the container.
    if let ThreadView::Container(id) = tv {
        return match name {
            "proc.name" | "proc.exe" | "proc.cmdline" => Some(format!("container:{id}")),
            "proc.pid" | "proc.ppid" => Some("-1".into()),
            "thread.vtid" | "proc.vpid" => Some("-2".into()),
            "proc.args" | "proc.exepath" | "proc.cwd" => Some(String::new()),
            "user.uid" => Some("0".into()),
            "user.name" => state.user(0).map(|u| u.name.clone()),
            "container.id" => Some(id.to_string()),
            "container.name" => state.container(id).map(|c| c.name.clone()),
            "container.image" => state.container(id).map(|c| c.image.clone()),
            _ if name.starts_with("fd.") => None,
            _ => None,
        };
    }
    if name.starts_with("fd.") {
        return eval_fd(name, ev, thread, state, ctx);
    }
    let t = thread?;
    match name {
        "proc.pid" => Some(t.pid.to_string()),
        "proc.ppid" => {
            let mt = main_thread(state, t)?;
            Some(mt.ptid.to_string())
        }
        "proc.name" => Some(t.comm.clone()),
        "proc.exe" => Some(t.exe.clone()),
        "proc.exepath" => Some(t.exepath.clone()),
        "proc.args" => Some(t.args.join(" ")),
        "proc.cmdline" => {
            let mut s = t.comm.clone();
            for a in t.args.iter() {
                s.push(' ');
                s.push_str(a);
            }
            Some(s)
        }
        "proc.exeline" => Some(format!("{} {}", t.exe, t.args.join(" "))),
        "proc.cwd" => Some(state.cwd(t.tid)),
        "proc.vpid" => (t.vpid != -1).then(|| t.vpid.to_string()),
        "thread.vtid" => (t.vtid != -1).then(|| t.vtid.to_string()),
        "proc.tty" => Some(t.tty.to_string()),
        "proc.pname" | "proc.aname" | "proc.apid" => {
            let depth = match (&field.arg, name) {
                (FieldArg::Index(n), _) => *n,
                (_, "proc.pname") => 1,
                _ => 1,
            };
            let mut cur = main_thread(state, t).map(|a| a.as_ref()).unwrap_or(t);
            for _ in 0..depth {
                let parent = state.threads.get(&cur.ptid)?;
                cur = main_thread(state, parent)
                    .map(|a| a.as_ref())
                    .unwrap_or(parent);
            }
            if name == "proc.apid" {
                Some(cur.pid.to_string())
            } else {
                Some(cur.comm.clone())
            }
        }
        "user.uid" => Some(t.uid.to_string()),
        "user.name" | "user.homedir" | "user.shell" => {
            if t.uid == u32::MAX {
                return None;
            }
            let u = state.user(t.uid)?;
            Some(match name {
                "user.name" => u.name.clone(),
                "user.homedir" => u.homedir.clone(),
                _ => u.shell.clone(),
            })
        }
        "user.loginuid" => Some((t.loginuid as i32).to_string()),
        "group.gid" => Some(t.gid.to_string()),
        "group.name" => {
            if t.gid == u32::MAX {
                return None;
            }
            state.groups.get(&t.gid).cloned()
        }
        "container.id" => Some(if t.container_id.is_empty() {
            "host".into()
        } else {
            t.container_id.clone()
        }),
        "container.name" | "container.type" => {
            if t.container_id.is_empty() {
                return Some("host".into());
            }
            let c = state.container(&t.container_id)?;
            match name {
                "container.name" => (!c.name.is_empty()).then(|| c.name.clone()),
                _ => Some(container_type_name(c.kind).into()),
            }
        }
        "container.image" => {
            let c = state.container(&t.container_id)?;
            (!c.image.is_empty()).then(|| c.image.clone())
        }
        "container.privileged" => {
            let c = state.container(&t.container_id)?;
            c.privileged.map(bool_str)
        }
        _ => None,
    }
}

fn container_type_name(kind: u32) -> &'static str {
    match kind {
        0 => "docker",
        1 => "lxc",
        2 => "libvirt-lxc",
        3 => "mesos",
        4 => "rkt",
        5 => "custom",
        6 => "cri",
        7 => "containerd",
        8 => "cri-o",
        9 => "bpm",
        _ => "unknown",
    }
}

fn eval_fd(
    name: &str,
    ev: &Event<'_>,
    thread: Option<&Thread>,
    state: &State,
    ctx: &EventContext,
) -> Option<String> {
    if !is_fd_event(ev) {
        return None;
    }
    let t = thread?;
    let fd_num = state.last_fd(t.tid);
    // The event's own fd, else the thread's last fd (libsinsp's extract_fd).
    let fd = ctx.fd.clone().or_else(|| {
        if fd_num != -1 {
            state.get_fd(t.tid, fd_num).cloned()
        } else {
            None
        }
    });
    match name {
        "fd.num" => Some(fd_num.to_string()),
        "fd.type" => fd.map(|f| f.kind.type_name().to_string()),
        "fd.typechar" => Some(match fd {
            Some(f) => f.kind.type_char().to_string(),
            None => guess_typechar(ev.rec.event_type).to_string(),
        }),
        "fd.name" => match fd {
            Some(f) => {
                // A failed connect shows the tuple it tried, not the fd.
                if ev.rec.event_type == crate::state::ids::CONNECT_X
                    && raw_result(ev).is_some_and(|r| r < 0)
                {
                    return fdname_from_creator(ev, state);
                }
                Some(f.name.clone())
            }
            None => fdname_from_creator(ev, state),
        },
        "fd.directory" => match fd {
            Some(f) => {
                if !matches!(f.kind, FdKind::File | FdKind::Directory) {
                    return None;
                }
                let mut s = f.name.clone();
                if f.kind == FdKind::File {
                    match s.rfind('/') {
                        Some(p) if p != 0 => {
                            if p < s.len() - 1 {
                                s.truncate(p);
                            }
                        }
                        _ => s = "/".into(),
                    }
                }
                Some(s)
            }
            None => fdname_from_creator(ev, state),
        },
        "fd.filename" => match fd {
            Some(f) => {
                if f.kind != FdKind::File {
                    return None;
                }
                Some(match f.name.rfind('/') {
                    Some(p) if p < f.name.len() - 1 => f.name[p + 1..].to_string(),
                    Some(_) => f.name.clone(),
                    None => "/".into(),
                })
            }
            None => fdname_from_creator(ev, state),
        },
        "fd.l4proto" => {
            let f = fd?;
            Some(
                match (f.kind, f.sock.l4()) {
                    (FdKind::Ipv4 | FdKind::Ipv6, _)
                        if f.role == Role::None && f.sock.l4() == crate::state::fd::L4_RAW =>
                    {
                        "raw"
                    }
                    (_, crate::state::fd::L4_TCP) => "tcp",
                    (_, crate::state::fd::L4_UDP) => "udp",
                    (_, crate::state::fd::L4_ICMP) => "icmp",
                    (_, crate::state::fd::L4_RAW) => "raw",
                    _ => "<NA>",
                }
                .into(),
            )
        }
        "fd.sockfamily" => {
            let f = fd?;
            match f.kind {
                FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server => {
                    Some("ip".into())
                }
                FdKind::Unix => Some("unix".into()),
                _ => None,
            }
        }
        "fd.is_server" => {
            let f = fd?;
            Some(bool_str(match f.kind {
                FdKind::Ipv4Server | FdKind::Ipv6Server => true,
                FdKind::Ipv4 | FdKind::Ipv6 => f.role == Role::Server,
                _ => false,
            }))
        }
        "fd.cip" | "fd.sip" | "fd.cport" | "fd.sport" => {
            let f = fd?;
            match (f.sock, name) {
                (Sock::V4 { sip, .. }, "fd.cip") => Some(ip4(sip)),
                (Sock::V4 { dip, .. }, "fd.sip") => Some(ip4(dip)),
                (Sock::V4 { sport, .. }, "fd.cport") => Some(sport.to_string()),
                (Sock::V4 { dport, .. }, "fd.sport") => Some(dport.to_string()),
                (Sock::V6 { sip, .. }, "fd.cip") => Some(std::net::Ipv6Addr::from(sip).to_string()),
                (Sock::V6 { dip, .. }, "fd.sip") => Some(std::net::Ipv6Addr::from(dip).to_string()),
                (Sock::V6 { sport, .. }, "fd.cport") => Some(sport.to_string()),
                (Sock::V6 { dport, .. }, "fd.sport") => Some(dport.to_string()),
                (Sock::V4Server { ip, .. }, "fd.sip") => Some(ip4(ip)),
                (Sock::V4Server { port, .. }, "fd.sport") => Some(port.to_string()),
                (Sock::V6Server { ip, .. }, "fd.sip") => {
                    Some(std::net::Ipv6Addr::from(ip).to_string())
                }
                (Sock::V6Server { port, .. }, "fd.sport") => Some(port.to_string()),
                _ => None,
            }
        }
        _ => None,
    }
}

fn ip4(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip.to_le_bytes()).to_string()
}

/// `fd.typechar` of an event whose fd is unknown, guessed from its type.
fn guess_typechar(etype: u16) -> char {
    use crate::state::ids::*;
    match etype {
        OPEN_E | OPEN_X | OPENAT_E | OPENAT_X | OPENAT_2_E | OPENAT_2_X | OPENAT2_E | OPENAT2_X
        | CREAT_E | CREAT_X => 'f',
        SOCKET_E | SOCKET_X | ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X | 26 | 56 | 246
        | 248 => '4',
        60 | PIPE_X | 392 | PIPE2_X => 'p',
        EVENTFD_E | EVENTFD_X | 396 | EVENTFD2_X => 'e',
        126 | SIGNALFD_X | 398 | SIGNALFD4_X => 's',
        136 | TIMERFD_CREATE_X => 't',
        138 | INOTIFY_INIT_X | 394 | INOTIFY_INIT1_X => 'i',
        _ => 'o',
    }
}

/// `fd.name` of a creating exit whose fd is unknown (libsinsp's
/// `extract_fdname_from_creator`): the path or tuple from its parameters.
fn fdname_from_creator(ev: &Event<'_>, state: &State) -> Option<String> {
    use crate::state::ids::*;
    let rec = &ev.rec;
    if schema::is_enter(rec.event_type) {
        return None;
    }
    match rec.event_type {
        OPEN_X | ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X | CREAT_X | CONNECT_X => {
            let (raw, resolved) = render::render_param(rec, 1, rec.tid, state)?;
            Some(if resolved.is_empty() { raw } else { resolved })
        }
        OPENAT_X | OPENAT_2_X | OPENAT2_X => {
            let (name, dirfd) = if rec.event_type == OPENAT_X {
                let e = ev.ctx.enter_params.as_ref()?;
                (e.param(1)?.to_vec(), e.param(0)?.to_vec())
            } else {
                (rec.param(2)?.to_vec(), rec.param(1)?.to_vec())
            };
            let name = String::from_utf8_lossy(name.split(|&c| c == 0).next()?).into_owned();
            let dirfd = i64::from_le_bytes(dirfd.get(..8)?.try_into().ok()?);
            let dir = if name.starts_with('/') {
                String::new()
            } else if dirfd == -100 {
                state.cwd(rec.tid)
            } else {
                match state.get_fd(rec.tid, dirfd) {
                    Some(f) => format!("{}/", f.name.trim_end_matches('/')),
                    None => "<UNKNOWN>/".into(),
                }
            };
            Some(crate::state::concatenate_paths(&dir, &name))
        }
        _ => None,
    }
}

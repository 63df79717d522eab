//! Event fields (`evt.num`, `proc.name`, `fd.name`, …) with sysdig's names
//! and value formats.
//!
//! A [`Field`] is parsed once from its name (with its argument, e.g.
//! `evt.arg.fd` or `proc.aname[2]`) and then evaluated per event. A field
//! with no value for an event returns `None`; sysdig prints that as `<NA>`.

use crate::reader::Event;
use crate::render;
use crate::schema::{self, category, event_flags};
use crate::state::{EventContext, Fd, FdKind, State, Thread};

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
    ("proc.sid", ArgKind::None, "session id"),
    ("proc.sname", ArgKind::None, "name of the session leader"),
    (
        "proc.vpgid",
        ArgKind::None,
        "process group id in its namespace",
    ),
    ("proc.env", ArgKind::None, "environment"),
    ("proc.pcmdline", ArgKind::None, "parent's command line"),
    (
        "proc.nthreads",
        ArgKind::None,
        "number of threads of the process",
    ),
    (
        "proc.nchilds",
        ArgKind::None,
        "number of threads counting this one as main thread",
    ),
    (
        "proc.loginshellid",
        ArgKind::None,
        "pid of the oldest shell ancestor",
    ),
    (
        "proc.duration",
        ArgKind::None,
        "ns since the process started",
    ),
    (
        "proc.fdopencount",
        ArgKind::None,
        "number of open fds of the process",
    ),
    ("proc.fdlimit", ArgKind::None, "fd limit of the process"),
    ("proc.vmsize", ArgKind::None, "virtual memory, KiB"),
    ("proc.vmrss", ArgKind::None, "resident memory, KiB"),
    ("proc.vmswap", ArgKind::None, "swapped memory, KiB"),
    (
        "thread.ismain",
        ArgKind::None,
        "whether this is the main thread",
    ),
    ("thread.pfmajor", ArgKind::None, "major page faults"),
    ("thread.pfminor", ArgKind::None, "minor page faults"),
    (
        "thread.vmsize",
        ArgKind::None,
        "virtual memory of the main thread, KiB",
    ),
    (
        "thread.vmrss",
        ArgKind::None,
        "resident memory of the main thread, KiB",
    ),
    ("thread.cgroups", ArgKind::None, "cgroups"),
    ("fd.lip", ArgKind::None, "local IP"),
    ("fd.rip", ArgKind::None, "remote IP"),
    ("fd.lport", ArgKind::None, "local port"),
    ("fd.rport", ArgKind::None, "remote port"),
    (
        "fd.connected",
        ArgKind::None,
        "whether the socket is connected",
    ),
    ("fd.uid", ArgKind::None, "thread id and fd number"),
    ("container.image.id", ArgKind::None, "container image id"),
    (
        "container.image.repository",
        ArgKind::None,
        "container image repository",
    ),
    ("container.image.tag", ArgKind::None, "container image tag"),
    (
        "container.image.digest",
        ArgKind::None,
        "container image digest",
    ),
    ("container.mounts", ArgKind::None, "container mounts"),
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

/// What printing fields like these does to sysdig's state (its field
/// extraction looks main threads up): for [`crate::reader::Reader`]'s
/// `print_effects`.
pub fn print_effects(fields: &[Field]) -> crate::state::PrintEffects {
    let main_thread = fields.iter().any(|f| {
        matches!(
            f.name,
            "proc.ppid"
                | "proc.cwd"
                | "proc.env"
                | "proc.nthreads"
                | "proc.apid"
                | "proc.aname"
                | "proc.loginshellid"
                | "proc.sname"
                | "proc.fdopencount"
                | "proc.fdlimit"
        )
    });
    crate::state::PrintEffects {
        main_thread,
        params: fields
            .iter()
            .any(|f| matches!(f.name, "evt.info" | "evt.args" | "evt.arg")),
        fd_fields: fields.iter().any(|f| f.name.starts_with("fd.")),
    }
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

/// The `res`/fd result of an event as sysdig's `evt.rawres` sees it: the
/// parameter named `res`, else, on exits of fd-creating events, `fd`.
fn raw_result(ev: &Event<'_>) -> Option<i64> {
    let rec = &ev.rec;
    let desc = rec.desc();
    let n = rec.nparams().min(
        schema::SYSDIG_0_29
            .get(usize::from(rec.event_type))
            .map_or(0, |e| usize::from(e.3)),
    );
    let find = |name: &str| (0..n).find(|&i| desc.params.get(i).is_some_and(|p| p.name == name));
    let v = |i: usize| -> Option<i64> {
        let b = rec.param(i)?;
        Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
    };
    if let Some(i) = find("res") {
        return v(i);
    }
    if !schema::is_enter(rec.event_type)
        && schema::compat_flags(rec.event_type) & event_flags::CREATES_FD != 0
        && let Some(i) = find("fd")
    {
        return v(i);
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
                .wrapping_sub(env.prev_ts_ns.unwrap_or(rec.ts_ns))
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
            // libsinsp 0.29.3 tests the event *flags* against EC_INTERNAL
            // (256), which is EF_SKIPPARSERESET: so every event but
            // switch and those has a syscall.type (procexit,
            // signaldeliver, … included).
            let flags = schema::compat_flags(rec.event_type);
            (rec.event_type != crate::state::ids::SCHEDSWITCH_6_E
                && flags & event_flags::SKIPPARSERESET == 0)
                .then(|| render::event_type_name(rec))
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
            // libsinsp: the event's own fd and an I/O category.
            const EC_IO_BASE: u32 = 32;
            if schema::is_enter(rec.event_type)
                || schema::compat_category(rec.event_type) & EC_IO_BASE == 0
                || !ctx.fd_from_event
            {
                return None;
            }
            let b = rec.param(0)?;
            let r = i64::from_le_bytes(b.get(..8)?.try_into().ok()?);
            (r >= 0).then(|| r.to_string())
        }
        "evt.is_io" => Some(bool_str(
            schema::compat_flags(rec.event_type)
                & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD)
                != 0,
        )),
        "evt.is_io_read" => Some(bool_str(
            schema::compat_flags(rec.event_type) & event_flags::READS_FROM_FD != 0,
        )),
        "evt.is_io_write" => Some(bool_str(
            schema::compat_flags(rec.event_type) & event_flags::WRITES_TO_FD != 0,
        )),
        "evt.io_dir" => {
            let f = schema::compat_flags(rec.event_type);
            if f & event_flags::READS_FROM_FD != 0 {
                Some("read".into())
            } else if f & event_flags::WRITES_TO_FD != 0 {
                Some("write".into())
            } else {
                None
            }
        }
        "evt.is_wait" => Some(bool_str(
            schema::compat_flags(rec.event_type) & event_flags::WAITS != 0,
        )),
        "evt.count" => Some("1".into()),
        "thread.tid" => Some(rec.tid.to_string()),
        _ => eval_context(field, ev, state, ctx),
    }
}

fn category_name(ev: &Event<'_>) -> String {
    // libsinsp's `sinsp_evt::get_category`: generic events take the
    // category of their syscall (PPM_SC code in parameter 0), with no fd
    // subcategory; others their table category, and I/O ones the kind of
    // the event's own fd (`m_fdinfo`, not the thread's last fd).
    let generic = matches!(ev.rec.event_type, 0 | 1);
    let c = if generic {
        let id = ev
            .rec
            .param(0)
            .and_then(|b| b.get(..2))
            .map(|b| u16::from_le_bytes([b[0], b[1]]));
        id.and_then(schema::syscall_category)
            .unwrap_or(category::UNKNOWN)
    } else {
        // Current libs add flag bits (EC_SYSCALL, …) above 0xff for event
        // types sysdig 0.29.3 does not know.
        schema::compat_category(ev.rec.event_type) & 0xff
    };
    let io = |ev: &Event<'_>| {
        if generic || !ev.ctx.fd_from_event {
            return "unknown";
        }
        match ev.ctx.fd.as_ref().map(|f| f.kind) {
            Some(FdKind::File | FdKind::Directory) => "file",
            Some(FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server) => "net",
            Some(
                FdKind::Fifo | FdKind::Unix | FdKind::Event | FdKind::Signalfd | FdKind::Inotify,
            ) => "ipc",
            _ => "unknown",
        }
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
        category::WAIT => "wait",
        category::SCHEDULER => "scheduler",
        _ => "unknown",
    }
    .into()
}

fn eval_context(
    field: &Field,
    ev: &Event<'_>,
    state: &State,
    ctx: &EventContext,
) -> Option<String> {
    let name = field.name;
    if name.starts_with("fd.") {
        return eval_fd(name, ev, state, ctx);
    }
    let t: &Thread = ctx.thread.as_deref()?;
    // libsinsp's `get_main_thread()` (cached lookup) and the
    // `is_main_thread() ? this : get_main_thread()` form some fields use.
    let main: Option<&Thread> = state.main_thread_of(t);
    let proc_main: Option<&Thread> = if t.is_main_thread() { Some(t) } else { main };
    match name {
        "proc.pid" => Some(t.pid.to_string()),
        "proc.ppid" => proc_main.map(|m| m.ptid.to_string()),
        "proc.name" => Some(t.comm.to_string()),
        "proc.exe" => Some(t.exe.to_string()),
        "proc.exepath" => Some(t.exepath.to_string()),
        "proc.args" => Some(t.args.join(" ")),
        "proc.env" => Some(env_of(state, t).join(" ")),
        "proc.cmdline" => Some(cmdline(t)),
        "proc.exeline" => Some(format!("{} {}", t.exe, t.args.join(" "))),
        "proc.cwd" => Some(main.map_or_else(|| "./".to_string(), |m| m.cwd.to_string())),
        "proc.vpid" => (t.vpid != -1).then(|| t.vpid.to_string()),
        "thread.vtid" => (t.vtid != -1).then(|| t.vtid.to_string()),
        "proc.tty" => Some(t.tty.to_string()),
        "proc.sid" => Some(t.sid.to_string()),
        "proc.vpgid" => Some(t.vpgid.to_string()),
        "proc.pname" => state.threads.get(&t.ptid).map(|p| p.comm.to_string()),
        "proc.pcmdline" => state.threads.get(&t.ptid).map(|p| cmdline(p)),
        "proc.aname" | "proc.apid" => {
            let depth = match field.arg {
                FieldArg::Index(n) => n,
                _ => 0,
            };
            let mut cur: &Thread = proc_main?;
            for _ in 0..depth {
                cur = state.threads.get(&cur.ptid)?;
            }
            Some(if name == "proc.apid" {
                cur.pid.to_string()
            } else {
                cur.comm.to_string()
            })
        }
        "proc.sname" => {
            if let Some(s) = state.threads.get(&t.sid) {
                return Some(s.comm.to_string());
            }
            let m = main?;
            let sid = m.sid;
            let mut last = m;
            traverse_parents(state, m, |p| {
                if p.sid != sid {
                    return false;
                }
                last = p;
                true
            });
            Some(last.comm.to_string())
        }
        "proc.loginshellid" => {
            let m = proc_main?;
            let mut res = None;
            let mut check = |p: &Thread| {
                if p.comm.len() >= 2 && p.comm.ends_with("sh") {
                    res = Some(p.pid);
                }
                true
            };
            check(m);
            traverse_parents(state, m, check);
            res.map(|p| p.to_string())
        }
        "proc.nthreads" => main.map(|m| (m.nchilds + 1).to_string()),
        "proc.nchilds" => Some(t.nchilds.to_string()),
        "thread.ismain" => Some(bool_str(t.is_main_thread())),
        "proc.duration" => {
            (t.clone_ts_ns != 0).then(|| (ev.rec.ts_ns as i64 - t.clone_ts_ns as i64).to_string())
        }
        "proc.fdopencount" => main.map(|m| {
            state
                .fd_tables
                .get(&m.tid)
                .map_or(0, |tb| tb.len())
                .to_string()
        }),
        "proc.fdlimit" => main.map(|m| m.fdlimit.to_string()),
        "proc.vmsize" | "proc.vmrss" | "proc.vmswap" | "thread.pfmajor" | "thread.pfminor"
        | "thread.vmsize" | "thread.vmrss" => {
            let d = state.thread_dyn(t.tid).cloned().unwrap_or_default();
            let main_only = |v: u32| if t.is_main_thread() { v } else { 0 };
            Some(match name {
                "proc.vmsize" => d.vmsize_kb.to_string(),
                "proc.vmrss" => d.vmrss_kb.to_string(),
                "proc.vmswap" => d.vmswap_kb.to_string(),
                "thread.pfmajor" => d.pfmajor.to_string(),
                "thread.pfminor" => d.pfminor.to_string(),
                "thread.vmsize" => main_only(d.vmsize_kb).to_string(),
                _ => main_only(d.vmrss_kb).to_string(),
            })
        }
        "thread.cgroups" => (!t.cgroups.is_empty()).then(|| {
            t.cgroups
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        }),
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
        // sysdig reads 8 bytes at the 32-bit gid: the next 4 are the low
        // half of the thread's child count.
        "group.gid" => Some((u64::from(t.gid) | (u64::from(t.nchilds as u32) << 32)).to_string()),
        "group.name" => {
            if t.gid == u32::MAX {
                return None;
            }
            state.groups.get(&t.gid).cloned()
        }
        "container.id" => Some(if t.container_id.is_empty() {
            "host".into()
        } else {
            t.container_id.to_string()
        }),
        "container.name" => {
            if t.container_id.is_empty() {
                return Some("host".into());
            }
            let c = state.container(&t.container_id)?;
            (!c.name.is_empty()).then(|| c.name.clone())
        }
        "container.type" => {
            if t.container_id.is_empty() {
                return Some("host".into());
            }
            state
                .container(&t.container_id)?
                .type_name()
                .map(str::to_string)
        }
        "container.image"
        | "container.image.id"
        | "container.image.repository"
        | "container.image.tag"
        | "container.image.digest" => {
            if t.container_id.is_empty() {
                return None;
            }
            let c = state.container(&t.container_id)?;
            let v = match name {
                "container.image" => &c.image,
                "container.image.id" => &c.image_id,
                "container.image.repository" => &c.image_repo,
                "container.image.tag" => &c.image_tag,
                _ => &c.image_digest,
            };
            (!v.is_empty()).then(|| v.clone())
        }
        "container.privileged" => {
            if t.container_id.is_empty() {
                return None;
            }
            let c = state.container(&t.container_id)?;
            // docker, cri, containerd, cri-o, podman.
            matches!(c.kind, 0 | 6 | 7 | 8 | 11).then(|| bool_str(c.privileged.unwrap_or(false)))
        }
        "container.mounts" => {
            if t.container_id.is_empty() {
                return None;
            }
            let c = state.container(&t.container_id)?;
            Some(
                c.mounts
                    .iter()
                    .map(|m| {
                        format!(
                            "{}:{}:{}:{}:{}",
                            m.source,
                            m.dest,
                            m.mode,
                            bool_str(m.rw),
                            m.propagation
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(","),
            )
        }
        _ => None,
    }
}

/// libsinsp's `get_env()`: a main thread's own environment, else (again)
/// its main thread's.
fn env_of<'a>(state: &'a State, t: &'a Thread) -> &'a [String] {
    let mut cur = t;
    for _ in 0..64 {
        if cur.is_main_thread() {
            return &cur.env;
        }
        match state.main_thread_of(cur) {
            Some(m) if !std::ptr::eq(m, cur) => cur = m,
            Some(m) => return &m.env,
            None => return &cur.env,
        }
    }
    &cur.env
}

fn cmdline(t: &Thread) -> String {
    let mut s = t.comm.to_string();
    for a in t.args.iter() {
        s.push(' ');
        s.push_str(a);
    }
    s
}

/// libsinsp's `traverse_parent_state`: visits the parents of `t` (entries
/// of the successive ptids, looked up without creation) until the visitor
/// returns false, a parent is missing or has tid -1, or a loop is detected
/// (a slow and a fast walker meet, or a thread is its own parent).
fn traverse_parents<'a>(
    state: &'a State,
    t: &'a Thread,
    mut visit: impl FnMut(&'a Thread) -> bool,
) {
    let parent = |x: &Thread| state.threads.get(&x.ptid).map(|a| a.as_ref());
    let mut slow = parent(t);
    let mut fast = slow.and_then(parent);
    while let Some(s) = slow {
        if s.tid == -1 || !visit(s) {
            break;
        }
        slow = parent(s);
        for _ in 0..2 {
            fast = fast.and_then(parent);
            if let Some(sl) = slow
                && (fast.is_some_and(|f| std::ptr::eq(f, sl)) || sl.tid == sl.ptid)
            {
                return;
            }
        }
    }
}

/// libsinsp's "is this address on this machine" test for IPv4.
pub(crate) fn ipv4_is_local(state: &State, t: &Thread, addr: u32) -> bool {
    if !t.container_id.is_empty()
        && let Some(c) = state.container(&t.container_id)
    {
        if c.ip != 0 {
            if addr == c.ip {
                return true;
            }
        } else if state.containers.values().any(|o| o.ip == addr) {
            return true;
        }
    }
    state.interfaces.iter().any(|i| {
        i.addr.len() == 4
            && u32::from_le_bytes([i.addr[0], i.addr[1], i.addr[2], i.addr[3]]) == addr
    })
}

/// The IPv6 counterpart (`is_ipv6addr_in_local_machine`).
pub(crate) fn ipv6_is_local(state: &State, t: &Thread, addr: &[u8; 16]) -> bool {
    if !t.container_id.is_empty() {
        return false;
    }
    state
        .interfaces
        .iter()
        .any(|i| i.addr.len() == 16 && i.addr[..8] == addr[..8])
}

fn ip4(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip.to_le_bytes()).to_string()
}

fn ip6(ip: &[u8; 16]) -> String {
    crate::state::fd::inet_ntop6(ip)
}

fn eval_fd(name: &str, ev: &Event<'_>, state: &State, ctx: &EventContext) -> Option<String> {
    if !is_fd_event(ev) {
        return None;
    }
    let t: &Thread = ctx.thread.as_deref()?;
    let fd_num = ctx.fd_num?;
    let fd: Option<&Fd> = ctx.fd.as_deref();
    if name == "fd.num" {
        return Some(fd_num.to_string());
    }
    if name == "fd.uid" {
        if matches!(ev.rec.event_type, 272 | 324) {
            return None;
        }
        return Some(format!("{}{}", t.tid, fd_num));
    }
    let Some(f) = fd else {
        return match name {
            "fd.name" => fdname_from_creator(ev, state),
            "fd.directory" => fdname_from_creator(ev, state).map(|n| directory_of(&n)),
            "fd.filename" => None,
            "fd.typechar" => Some(guess_typechar(ev.rec.event_type).to_string()),
            _ => None,
        };
    };
    let is_tuple = matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6);
    let role_none = f.is_role_none();
    match name {
        "fd.type" => Some(f.kind.type_name().to_string()),
        "fd.typechar" => Some(f.kind.type_char().to_string()),
        "fd.name" => {
            // A failed connect shows the tuple it tried.
            if ev.rec.event_type == crate::state::ids::CONNECT_X
                && ev
                    .rec
                    .param(0)
                    .and_then(|b| b.get(..8))
                    .is_some_and(|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8])) < 0)
            {
                return fdname_from_creator(ev, state);
            }
            Some(sanitize(&f.name))
        }
        "fd.directory" => match f.kind {
            FdKind::File => Some(directory_of(&sanitize(&f.name))),
            FdKind::Directory => Some(sanitize(&f.name)),
            _ => None,
        },
        "fd.filename" => {
            if f.kind != FdKind::File {
                return None;
            }
            let n = sanitize(&f.name);
            Some(match n.rfind('/') {
                Some(p) if p < n.len() - 1 => n[p + 1..].to_string(),
                Some(_) => n,
                None => "/".into(),
            })
        }
        "fd.l4proto" => Some(
            match f.l4proto() {
                crate::state::fd::L4_TCP => "tcp",
                crate::state::fd::L4_UDP => "udp",
                crate::state::fd::L4_ICMP => "icmp",
                crate::state::fd::L4_RAW => "raw",
                _ => "<NA>",
            }
            .into(),
        ),
        "fd.sockfamily" => match f.kind {
            k if k.is_ip() => Some("ip".into()),
            FdKind::Unix => Some("unix".into()),
            _ => None,
        },
        "fd.is_server" => Some(bool_str(match f.kind {
            FdKind::Ipv4Server | FdKind::Ipv6Server => true,
            FdKind::Ipv4 => ipv4_is_local(state, t, f.v4_dip()),
            FdKind::Ipv6 => ipv6_is_local(state, t, &f.v6_dip()),
            _ => false,
        })),
        "fd.connected" => Some(bool_str(f.connected)),
        "fd.cip" => {
            if role_none {
                return None;
            }
            match f.kind {
                FdKind::Ipv4 => Some(ip4(f.v4_sip())),
                FdKind::Ipv6 => Some(ip6(&f.v6_sip())),
                _ => None,
            }
        }
        "fd.sip" => {
            if role_none {
                return None;
            }
            match f.kind {
                FdKind::Ipv4 => Some(ip4(f.v4_dip())),
                FdKind::Ipv4Server => Some(ip4(f.v4srv_ip())),
                FdKind::Ipv6 => Some(ip6(&f.v6_dip())),
                FdKind::Ipv6Server => Some(ip6(&f.v6srv_ip())),
                _ => None,
            }
        }
        "fd.cport" => {
            if role_none {
                return None;
            }
            match f.kind {
                FdKind::Ipv4 => Some(f.v4_sport().to_string()),
                FdKind::Ipv6 => Some(f.v6_sport().to_string()),
                // libsinsp falls through to the protocol name, an empty
                // string read as a port.
                _ => Some("0".into()),
            }
        }
        "fd.sport" => match f.kind {
            FdKind::Ipv4 if !role_none => Some(f.v4_dport().to_string()),
            FdKind::Ipv4Server => Some(f.v4srv_port().to_string()),
            FdKind::Ipv6 if !role_none => Some(f.v6_dport().to_string()),
            FdKind::Ipv6Server => Some(f.v6srv_port().to_string()),
            _ => None,
        },
        "fd.lip" | "fd.rip" | "fd.lport" | "fd.rport" => {
            if !is_tuple || role_none {
                return None;
            }
            let local = if f.kind == FdKind::Ipv4 {
                ipv4_is_local(state, t, f.v4_sip())
            } else {
                ipv6_is_local(state, t, &f.v6_sip())
            };
            let want_src = matches!(name, "fd.lip" | "fd.lport") == local;
            let v4 = f.kind == FdKind::Ipv4;
            Some(match (name, want_src, v4) {
                ("fd.lip" | "fd.rip", true, true) => ip4(f.v4_sip()),
                ("fd.lip" | "fd.rip", false, true) => ip4(f.v4_dip()),
                ("fd.lip" | "fd.rip", true, false) => ip6(&f.v6_sip()),
                ("fd.lip" | "fd.rip", false, false) => ip6(&f.v6_dip()),
                (_, true, true) => f.v4_sport().to_string(),
                (_, false, true) => f.v4_dport().to_string(),
                (_, true, false) => f.v6_sport().to_string(),
                (_, false, false) => f.v6_dport().to_string(),
            })
        }
        _ => None,
    }
}

fn sanitize(s: &str) -> String {
    crate::state::fd::sanitize(s.as_bytes())
}

/// `fd.directory` of a file name: up to the last `/` (kept when it is the
/// first or the last character).
fn directory_of(n: &str) -> String {
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

/// `fd.typechar` of an event whose fd is unknown, guessed from its type.
fn guess_typechar(etype: u16) -> char {
    use crate::state::ids::*;
    match etype & !1 {
        OPEN_E | OPENAT_E | OPENAT_2_E | OPENAT2_E | CREAT_E => 'f',
        SOCKET_E | ACCEPT_E | ACCEPT_5_E | ACCEPT4_E | ACCEPT4_5_E => '4',
        PIPE_E => 'p',
        EVENTFD_E => 'e',
        SIGNALFD_E => 's',
        TIMERFD_CREATE_E => 't',
        INOTIFY_INIT_E => 'i',
        _ => 'o',
    }
}

/// `fd.name` of an event whose fd is unknown (libsinsp's
/// `extract_fdname_from_creator`): enter events have none; creating exits
/// take it from their parameters; other exits give "".
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
        // The old openat needs its enter event, already released when
        // fields are extracted.
        OPENAT_X => None,
        OPENAT_2_X | OPENAT2_X => {
            let name = rec.param(2)?;
            let dirfd = i64::from_le_bytes(rec.param(1)?.get(..8)?.try_into().ok()?);
            let dir = if cstr_first(name) == Some(b'/') {
                ".".to_string()
            } else if dirfd == -100 {
                state.cwd(rec.tid)
            } else {
                match state.get_fd(rec.tid, dirfd) {
                    Some(f) => format!("{}/", f.name),
                    None => "<UNKNOWN>".into(),
                }
            };
            Some(crate::state::paths::concatenate_param(&dir, name))
        }
        _ => Some(String::new()),
    }
}

fn cstr_first(b: &[u8]) -> Option<u8> {
    b.first().copied().filter(|&c| c != 0)
}

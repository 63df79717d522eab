//! The type of every filterable field (libsinsp's `ppm_param_type` for it,
//! grouped by how values compare), which operators apply to each type, and
//! how a written value becomes a typed [`Value`].

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{FilterErrorKind, NetRole, Op, Target, Value};
use crate::fields::{Field, FieldArg};
use crate::schema::{self, ParamType};

/// How a field's values compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// Text (`PT_CHARBUF`, paths).
    Str,
    /// Raw bytes (`PT_BYTEBUF`, e.g. `evt.rawarg.data`).
    Bytes,
    /// Signed integer (`PT_INT*`, fds, pids, errnos).
    Int,
    /// Unsigned integer (`PT_UINT*`, times, flags).
    Uint,
    /// `true` / `false`.
    Bool,
    /// An IPv4 or IPv6 address.
    Ip,
    /// A TCP/UDP port (a number or a service name).
    Port,
    /// An IP network (`fd.net`, …).
    Net,
}

impl ValueType {
    /// A phrase for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            ValueType::Str => "text",
            ValueType::Bytes => "a byte buffer",
            ValueType::Int => "a signed number",
            ValueType::Uint => "an unsigned number",
            ValueType::Bool => "a boolean",
            ValueType::Ip => "an IP address",
            ValueType::Port => "a port",
            ValueType::Net => "an IP network",
        }
    }

    /// Whether `op` applies to values of this type.
    pub fn allows(self, op: Op) -> bool {
        use Op::*;
        match self {
            ValueType::Str => true,
            ValueType::Bytes => matches!(
                op,
                Eq | Ne
                    | Contains
                    | BContains
                    | StartsWith
                    | BStartsWith
                    | EndsWith
                    | In
                    | Intersects
                    | Exists
            ),
            ValueType::Int | ValueType::Uint | ValueType::Port | ValueType::Bool => {
                matches!(op, Eq | Ne | Lt | Le | Gt | Ge | In | Intersects | Exists)
            }
            ValueType::Ip | ValueType::Net => matches!(op, Eq | Ne | In | Intersects | Exists),
        }
    }
}

/// The type of a field as a filter compares it.
pub fn field_type(f: &Field) -> ValueType {
    use ValueType::*;
    match f.name {
        "evt.rawarg" => rawarg_type(&f.arg),
        "evt.num" | "evt.rawtime" | "evt.rawtime.s" | "evt.rawtime.ns" | "evt.reltime"
        | "evt.reltime.s" | "evt.reltime.ns" | "evt.deltatime" | "evt.latency"
        | "evt.latency.s" | "evt.latency.ns" | "evt.buflen" | "evt.count" | "proc.nthreads"
        | "proc.nchilds" | "proc.duration" | "proc.fdopencount" | "proc.vmsize" | "proc.vmrss"
        | "proc.vmswap" | "thread.pfmajor" | "thread.pfminor" | "thread.vmsize"
        | "thread.vmrss" | "user.uid" | "group.gid" => Uint,
        "evt.rawres" | "evt.cpu" | "proc.pid" | "proc.ppid" | "proc.apid" | "proc.loginshellid"
        | "proc.fdlimit" | "thread.tid" | "thread.vtid" | "proc.vpid" | "proc.sid" | "proc.tty"
        | "proc.vpgid" | "fd.num" | "user.loginuid" => Int,
        "evt.failed"
        | "evt.is_io"
        | "evt.is_io_read"
        | "evt.is_io_write"
        | "evt.is_wait"
        | "thread.ismain"
        | "fd.is_server"
        | "fd.connected"
        | "container.privileged" => Bool,
        "fd.cip" | "fd.sip" | "fd.lip" | "fd.rip" => Ip,
        "fd.cport" | "fd.sport" | "fd.lport" | "fd.rport" => Port,
        _ => Str,
    }
}

/// `evt.rawarg.NAME` compares as the type of the first parameter of that
/// name in the event table (libsinsp's `find_longest_matching_evt_param`).
fn rawarg_type(arg: &FieldArg) -> ValueType {
    let FieldArg::Name(name) = arg else {
        return ValueType::Str;
    };
    let ty = schema::EVENTS
        .iter()
        .take(usize::from(crate::reader::SYSDIG_EVENT_MAX))
        .flat_map(|e| e.params.iter())
        .find(|p| p.name == name)
        .map(|p| p.ty);
    match ty {
        Some(
            ParamType::Int8
            | ParamType::Int16
            | ParamType::Int32
            | ParamType::Int64
            | ParamType::Errno
            | ParamType::Fd
            | ParamType::Pid
            | ParamType::Fd32,
        ) => ValueType::Int,
        Some(
            ParamType::Uint8
            | ParamType::Uint16
            | ParamType::Uint32
            | ParamType::Uint64
            | ParamType::Syscallid
            | ParamType::Sigtype
            | ParamType::Reltime
            | ParamType::Abstime
            | ParamType::Flags8
            | ParamType::Flags16
            | ParamType::Flags32
            | ParamType::Uid
            | ParamType::Gid
            | ParamType::Mode
            | ParamType::Enumflags8
            | ParamType::Enumflags16
            | ParamType::Enumflags32
            | ParamType::Sigset
            | ParamType::L4proto
            | ParamType::Sockfamily,
        ) => ValueType::Uint,
        Some(ParamType::Port) => ValueType::Port,
        Some(ParamType::Bool) => ValueType::Bool,
        Some(ParamType::Bytebuf) => ValueType::Bytes,
        Some(ParamType::Ipv4addr | ParamType::Ipv6addr | ParamType::Ipaddr) => ValueType::Ip,
        _ => ValueType::Str,
    }
}

/// The type of any target.
pub fn target_type(t: &Target) -> ValueType {
    match t {
        Target::Field(f) => field_type(f),
        Target::FdIp => ValueType::Ip,
        Target::FdPort | Target::FdProto => ValueType::Port,
        Target::FdNet(_) => ValueType::Net,
        Target::EvtBuffer => ValueType::Bytes,
    }
}

/// Filter-only fields (libsinsp's `EPF_FILTER_ONLY`), by name.
pub fn filter_only(name: &str) -> Option<Target> {
    Some(match name {
        "fd.ip" => Target::FdIp,
        "fd.port" => Target::FdPort,
        "fd.proto" => Target::FdProto,
        "fd.net" => Target::FdNet(NetRole::Any),
        "fd.cnet" => Target::FdNet(NetRole::Client),
        "fd.snet" => Target::FdNet(NetRole::Server),
        "fd.lnet" => Target::FdNet(NetRole::Local),
        "fd.rnet" => Target::FdNet(NetRole::Remote),
        "evt.buffer" => Target::EvtBuffer,
        _ => return None,
    })
}

/// Names of the filter-only fields, for hints.
pub const FILTER_ONLY_NAMES: &[&str] = &[
    "fd.ip",
    "fd.port",
    "fd.proto",
    "fd.net",
    "fd.cnet",
    "fd.snet",
    "fd.lnet",
    "fd.rnet",
    "evt.buffer",
];

/// Well-known service names accepted for ports (a fixed table, so a filter
/// means the same on every machine).
const SERVICES: &[(&str, u16)] = &[
    ("ftp-data", 20),
    ("ftp", 21),
    ("ssh", 22),
    ("telnet", 23),
    ("smtp", 25),
    ("domain", 53),
    ("bootps", 67),
    ("bootpc", 68),
    ("tftp", 69),
    ("http", 80),
    ("kerberos", 88),
    ("pop3", 110),
    ("sunrpc", 111),
    ("ntp", 123),
    ("imap", 143),
    ("snmp", 161),
    ("ldap", 389),
    ("https", 443),
    ("syslog", 514),
    ("submission", 587),
    ("ldaps", 636),
    ("imaps", 993),
    ("pop3s", 995),
    ("mysql", 3306),
    ("postgresql", 5432),
    ("http-alt", 8080),
];

/// Parses a signed decimal number (optional sign).
fn parse_int(s: &str) -> Option<i64> {
    let t = s.strip_prefix('+').unwrap_or(s);
    if t.is_empty()
        || !t
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    t.parse().ok()
}

fn parse_uint(s: &str) -> Option<u64> {
    let t = s.strip_prefix('+').unwrap_or(s);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Parses `HEX` into bytes (`bcontains`, `bstartswith`).
fn parse_hex(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Whether a name is an event type sysdig 0.29.3 knows (its event table
/// or its syscall table).
pub fn is_event_type_name(s: &str) -> bool {
    schema::SYSDIG_0_29.iter().any(|e| e.0 == s)
        || (0..u16::MAX)
            .map_while(schema::syscall_name)
            .any(|n| n == s)
}

/// Turns the written value of a comparison into a typed value.
pub fn typed_value(
    target: &Target,
    ty: ValueType,
    op: Op,
    text: &str,
) -> Result<Value, FilterErrorKind> {
    let field = target.name();
    let bad_value = |reason: &str| FilterErrorKind::BadValue {
        value: text.to_string(),
        field: field.clone(),
        reason: reason.to_string(),
    };
    if matches!(op, Op::BContains | Op::BStartsWith) {
        return parse_hex(text)
            .map(Value::Bytes)
            .ok_or_else(|| bad_value("bcontains and bstartswith take hex bytes, e.g. 2f746d70"));
    }
    let bad_number = || FilterErrorKind::BadNumber {
        value: text.to_string(),
        field: field.clone(),
        ty,
    };
    match ty {
        ValueType::Str => {
            if let Target::Field(f) = target
                && f.name == "evt.type"
                && matches!(op, Op::Eq | Op::Ne | Op::In | Op::Intersects)
                && !is_event_type_name(text)
            {
                let names = schema::SYSDIG_0_29.iter().map(|e| e.0);
                return Err(bad_value(&match super::parse::closest(text, names) {
                    Some(h) => format!("unknown event type (did you mean {h}?)"),
                    None => "unknown event type".to_string(),
                }));
            }
            Ok(Value::Str(text.to_string()))
        }
        ValueType::Bytes => Ok(Value::Bytes(text.as_bytes().to_vec())),
        ValueType::Int => parse_int(text).map(Value::Int).ok_or_else(bad_number),
        ValueType::Uint => parse_uint(text).map(Value::Uint).ok_or_else(bad_number),
        ValueType::Bool => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(bad_value("expected true or false")),
        },
        ValueType::Port => {
            if text.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty() {
                return text
                    .parse::<u16>()
                    .map(|p| Value::Uint(u64::from(p)))
                    .map_err(|_| bad_number());
            }
            SERVICES
                .iter()
                .find(|(n, _)| *n == text)
                .map(|(_, p)| Value::Uint(u64::from(*p)))
                .ok_or_else(|| bad_value("expected a port number or a service name (http, ssh, …)"))
        }
        ValueType::Ip => parse_ip(text)
            .map(Value::Ip)
            .ok_or_else(|| bad_value("expected an IPv4 or IPv6 address")),
        ValueType::Net => {
            let (ip, len) = text
                .split_once('/')
                .ok_or_else(|| bad_value("expected a network, e.g. 10.0.0.0/8"))?;
            let ip = parse_ip(ip).ok_or_else(|| bad_value("bad network address"))?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let len: u8 = len
                .parse()
                .ok()
                .filter(|l| *l <= max)
                .ok_or_else(|| bad_value("bad prefix length"))?;
            Ok(Value::Net(ip, len))
        }
    }
}

/// An address as libsinsp reads it: with a `.` it is IPv4, else IPv6.
fn parse_ip(s: &str) -> Option<IpAddr> {
    if s.contains('.') {
        s.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
    } else {
        s.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
    }
}

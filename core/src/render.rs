//! Event parameters rendered as sysdig 0.29.3 prints them (`evt.args`,
//! `evt.info`, `%evt.arg.NAME`, `%evt.arg[N]`) and sysdig's `evt.type` name.
//!
//! Every parameter renders as a RAW text and an optional RESOLVED text, shown
//! as `NAME=RAW(RESOLVED)`; `docs/sysdig-compat/format.md` §4 describes the
//! rules per parameter type. This module follows libsinsp's
//! `sinsp_evt::get_param_as_str` at libs e5c53d64 (the libraries sysdig
//! 0.29.3 is built on), including its integer-printing quirks.
//!
//! # The 0.29.3 event table
//!
//! [`schema::EVENTS`] carries the current libs table. sysdig 0.29.3 used the
//! older one, and where the two differ in a way that changes the printed text
//! this module applies the old one (see the `schema/events.rs` module docs):
//!
//! * parameter counts: sysdig renders `min(parameters in the event, parameters
//!   in its table)`, so parameters added to the table since (e.g. `close <`
//!   `fd`, `read <` `fd`/`size`) are not shown (`SYSDIG_NPARAMS`);
//! * enum parameters (`ENUMFLAGS*` now) were bit flags (`FLAGS*`) and render
//!   with the flag algorithm (same tables);
//! * `eventfd >`/`signalfd >`/`timerfd_create >`/`inotify_init >` `flags` were
//!   flags without a name table (unsigned decimal, nothing resolved);
//! * `mmap <`/`mmap2 <` `res` was a hex `UINT64` (no errno name);
//!   `setpgid <` `res` was a PID (resolved to a thread name);
//! * `execve <`/`execveat <` parameter 17 was named `pgid`, `loginuid` was
//!   an `INT32`; `pluginevent` parameter 0 was named `plugin ID`;
//! * `openat2 >` `name` was resolved against the cwd only;
//! * flag names added to libs since (`O_F_CREATED`, `FD_UPPER_LAYER`,
//!   `FD_LOWER_LAYER`, `CLONE_CHILD_IN_PIDNS`, `EXE_UPPER_LAYER`,
//!   `EXE_FROM_MEMFD`, `EXE_LOWER_LAYER`, `SHUT_UNKNOWN`) are ignored;
//! * event names: the unused slots were `NA1`..`NA5`, and some ids that are
//!   placeholders now had names (`sysdigevent`, `container`, …).
//!
//! Event types 336 and above do not exist for sysdig 0.29.3 (its reader drops
//! them); they render with the current table.
//!
//! Text that sysdig writes as raw bytes (CHARBUF values, thread names) is
//! converted lossily to UTF-8.

use std::fmt::Write as _;

use crate::format::event::EventRecord;
use crate::schema::{self, FlagName, ParamDesc, ParamExtra, ParamType, PrintFmt};
use crate::state::State;
use crate::state::fd::{self, Fd, FdKind, Role};

/// Number of event types sysdig 0.29.3 knows (`PPM_EVENT_MAX` at libs e5c53d64).
const SYSDIG_EVENT_MAX: u16 = 336;

/// `PPM_SC_MAX` of libs e5c53d64: syscall ids at or above have no name.
const SYSDIG_PPM_SC_MAX: u16 = 329;

/// `PPM_AT_FDCWD`.
const AT_FDCWD: i64 = -100;

/// sysdig's default "max event output length" for byte buffers.
const MAX_BYTEBUF_LEN: usize = 80;

/// Parameter counts of the libs e5c53d64 event table, by event id.
static SYSDIG_NPARAMS: [u8; SYSDIG_EVENT_MAX as usize] = [
    2, 1, 3, 5, 1, 1, 2, 2, 2, 2, 1, 1, 0, 8, 0, 11, 0, 0, 3, 1, 1, 2, 2, 2, //
    2, 1, 0, 3, 2, 2, 3, 2, 2, 2, 2, 3, 2, 1, 0, 0, 0, 0, 3, 5, 0, 6, 0, 6, //
    3, 2, 0, 0, 1, 4, 0, 0, 1, 3, 2, 4, 0, 4, 2, 1, 3, 1, 0, 2, 0, 2, 1, 1, //
    0, 2, 0, 2, 1, 1, 1, 1, 2, 2, 0, 1, 0, 1, 3, 1, 3, 1, 2, 1, 0, 2, 0, 2, //
    1, 1, 2, 1, 1, 1, 4, 1, 2, 1, 4, 1, 1, 1, 2, 1, 3, 2, 3, 2, 1, 3, 2, 2, //
    2, 3, 3, 2, 1, 1, 3, 1, 2, 1, 2, 1, 3, 1, 1, 1, 2, 1, 1, 1, 1, 3, 1, 3, //
    2, 5, 1, 0, 1, 1, 2, 1, 6, 0, 0, 13, 0, 16, 1, 4, 6, 4, 6, 4, 2, 4, 4, 1, //
    2, 3, 3, 1, 0, 14, 0, 3, 0, 5, 0, 3, 0, 4, 0, 16, 0, 16, 4, 0, 4, 2, 4, 14, //
    3, 1, 3, 1, 2, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 4, 0, 4, 0, 15, //
    0, 17, 0, 17, 0, 17, 0, 20, 0, 20, 0, 20, 4, 0, 0, 16, 3, 0, 2, 0, 1, 1, 1, 1, //
    2, 1, 2, 1, 2, 0, 0, 5, 1, 5, 1, 8, 4, 1, 3, 2, 1, 4, 1, 2, 1, 0, 3, 1, //
    1, 2, 0, 2, 3, 3, 1, 0, 1, 0, 0, 1, 1, 2, 0, 2, 2, 0, 0, 17, 1, 1, 4, 0, //
    1, 17, 3, 0, 1, 20, 2, 1, 1, 1, 1, 1, 0, 2, 0, 4, 0, 4, 4, 6, 0, 3, 0, 6, //
    0, 4, 0, 3, 0, 3, 0, 6, 0, 2, 2, 0, 1, 0, 5, 6, 3, 1, 3, 20, 3, 3, 0, 20, //
];

/// Flag names that libs added after e5c53d64; sysdig 0.29.3 does not know them.
const NEWER_FLAG_NAMES: [&str; 8] = [
    "O_F_CREATED",
    "FD_UPPER_LAYER",
    "FD_LOWER_LAYER",
    "CLONE_CHILD_IN_PIDNS",
    "EXE_UPPER_LAYER",
    "EXE_FROM_MEMFD",
    "EXE_LOWER_LAYER",
    "SHUT_UNKNOWN",
];

/// Number of parameters sysdig 0.29.3 shows for an event: the smaller of the
/// event's own count and its table's.
pub fn sysdig_nparams(rec: &EventRecord<'_>) -> usize {
    let n = rec.nparams();
    match SYSDIG_NPARAMS.get(usize::from(rec.event_type)) {
        Some(&t) => n.min(usize::from(t)),
        None => n.min(rec.desc().params.len()),
    }
}

/// The description sysdig 0.29.3 uses for parameter `index` of an event type
/// (the current table with the differences listed in the module docs), or
/// `None` past the 0.29.3 table's parameters.
pub fn sysdig_param_desc(event_type: u16, index: usize) -> Option<ParamDesc> {
    let desc = schema::event_desc(event_type)?;
    if let Some(&n) = SYSDIG_NPARAMS.get(usize::from(event_type))
        && index >= usize::from(n)
    {
        return None;
    }
    let mut p = *desc.params.get(index)?;
    // Enums were bit flags, rendered with the same tables.
    p.ty = match p.ty {
        ParamType::Enumflags8 => ParamType::Flags8,
        ParamType::Enumflags16 => ParamType::Flags16,
        ParamType::Enumflags32 => ParamType::Flags32,
        t => t,
    };
    if event_type < SYSDIG_EVENT_MAX {
        match (event_type, index) {
            // eventfd/signalfd/timerfd_create/inotify_init enter `flags`: flags
            // without a name table.
            (62, 1) => no_table_flags(&mut p, ParamType::Flags32),
            (126, 2) | (136, 1) | (138, 0) => no_table_flags(&mut p, ParamType::Flags8),
            // mmap/mmap2 exit `res`: a hex UINT64.
            (161, 0) | (163, 0) => {
                p.ty = ParamType::Uint64;
                p.fmt = PrintFmt::Hex;
            }
            // setpgid exit `res`: a PID.
            (295, 0) => p.ty = ParamType::Pid,
            // execve/execveat exit.
            (293, 16) | (331, 16) | (293, 18) | (331, 18) => {
                p.ty = ParamType::Int32;
                p.fmt = PrintFmt::Dec;
                p.extra = ParamExtra::None;
            }
            (293, 17) | (331, 17) => p.name = "pgid",
            (322, 0) => p.name = "plugin ID",
            // openat2 enter `name`: its dirfd reference pointed at itself.
            (326, 1) => p.extra = ParamExtra::DirFd(1),
            _ => {}
        }
    }
    Some(p)
}

fn no_table_flags(p: &mut ParamDesc, ty: ParamType) {
    p.ty = ty;
    p.fmt = PrintFmt::Hex;
    p.extra = ParamExtra::None;
}

/// Renders one parameter: (RAW, RESOLVED) as in sysdig's `NAME=RAW(RESOLVED)`;
/// RESOLVED empty = no parentheses.
///
/// `tid` is the thread whose fd table, cwd and existence matter (the event's
/// thread); `state` is the state after the event was applied. `None` when the
/// parameter is not shown by sysdig (absent from the event or past the 0.29.3
/// table).
pub fn render_param(
    rec: &EventRecord<'_>,
    index: usize,
    tid: i64,
    state: &State,
) -> Option<(String, String)> {
    if index >= sysdig_nparams(rec) {
        return None;
    }
    let desc = sysdig_param_desc(rec.event_type, index)?;
    let payload = rec.param(index)?;
    let cx = Cx {
        rec,
        tid,
        state,
        has_thread: state.threads.contains_key(&tid),
    };
    Some(cx.render(&desc, index, payload))
}

/// sysdig's evt.args / evt.info: `NAME=RAW(RESOLVED) ` for every parameter
/// present, each followed by a space; empty string for generic `syscall`
/// events (types 0/1).
pub fn evt_args(rec: &EventRecord<'_>, state: &State) -> String {
    if is_generic(rec) {
        return String::new();
    }
    let mut out = String::new();
    for i in 0..sysdig_nparams(rec) {
        let Some(desc) = sysdig_param_desc(rec.event_type, i) else {
            break;
        };
        let Some((raw, resolved)) = render_param(rec, i, rec.tid, state) else {
            break;
        };
        out.push_str(desc.name);
        out.push('=');
        out.push_str(&raw);
        if !resolved.is_empty() {
            out.push('(');
            out.push_str(&resolved);
            out.push(')');
        }
        out.push(' ');
    }
    out
}

/// `%evt.arg.NAME` value: the first shown parameter called NAME, its resolved
/// text if non-empty else its raw text (format.md §3.1).
pub fn evt_arg_by_name(rec: &EventRecord<'_>, name: &str, state: &State) -> Option<String> {
    let i = (0..sysdig_nparams(rec))
        .find(|&i| sysdig_param_desc(rec.event_type, i).is_some_and(|d| d.name == name))?;
    evt_arg_by_index(rec, i, state)
}

/// `%evt.arg[N]` value: the N-th (0-based) shown parameter, resolved text if
/// non-empty else raw. For generic events `arg[0]` is the syscall name and
/// `arg[1]` (enter only) the native id.
pub fn evt_arg_by_index(rec: &EventRecord<'_>, index: usize, state: &State) -> Option<String> {
    let (raw, resolved) = render_param(rec, index, rec.tid, state)?;
    Some(if resolved.is_empty() { raw } else { resolved })
}

/// sysdig's evt.type name: the table name (accept4 → `accept`, `_newselect` →
/// `select`, …), except generic events, which use their syscall's name
/// (`<unknown>` for 0) (format.md §6).
pub fn event_type_name(rec: &EventRecord<'_>) -> String {
    if is_generic(rec) {
        let id = rec.param(0).map_or(0, |p| u16::from_le_bytes(rd::<2>(p)));
        return schema::syscall_name(id).unwrap_or("<unknown>").to_string();
    }
    sysdig_event_name(rec.event_type).to_string()
}

/// The name sysdig 0.29.3's table gives an event type id.
pub fn sysdig_event_name(event_type: u16) -> &'static str {
    match event_type {
        17 | 187 => "NA1",
        147 | 153 | 235 | 245 => "NA2",
        261 => "NA3",
        271 | 281 | 287 => "NA4",
        291 => "NA5",
        196 | 197 => "sysdigevent",
        229 | 273 | 325 => "container",
        233 => "signaldeliver",
        269 => "tracer",
        323 => "pluginevent",
        t => schema::event_desc(t).map_or("NA", |d| d.name),
    }
}

fn is_generic(rec: &EventRecord<'_>) -> bool {
    rec.event_type == 0 || rec.event_type == 1
}

/// Reads `N` little-endian bytes, zero-filling what the payload lacks.
fn rd<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    let n = b.len().min(N);
    a[..n].copy_from_slice(&b[..n]);
    a
}

fn rd_i64(b: &[u8]) -> i64 {
    i64::from_le_bytes(rd::<8>(b))
}

fn rd_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes(rd::<4>(b))
}

fn rd_u16(b: &[u8]) -> u16 {
    u16::from_le_bytes(rd::<2>(b))
}

/// A C string: the bytes before the first NUL.
fn cstr(b: &[u8]) -> &[u8] {
    b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
}

/// `isprint` in the C locale.
fn printable(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// libsinsp's `sanitize_string`: drops non-printable bytes.
fn sanitize(b: &[u8]) -> String {
    b.iter()
        .filter(|&&c| printable(c))
        .map(|&c| char::from(c))
        .collect()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// C's printing of an integer with a libs print format. `wide` selects the
/// 64-bit conversions; otherwise the value is an `int` (8/16/32-bit types are
/// promoted, and UINT32 goes through `%d`, so values ≥ 2^31 print negative).
fn c_int(fmt: PrintFmt, v: i64, wide: bool) -> String {
    if wide {
        match fmt {
            PrintFmt::Oct if v == 0 => "0".into(),
            PrintFmt::Oct => format!("0{:o}", v as u64),
            PrintFmt::Hex => format!("{:X}", v as u64),
            PrintFmt::PaddedDec10 => format!("{v:09}"),
            _ => v.to_string(),
        }
    } else {
        let v = v as i32;
        match fmt {
            PrintFmt::Oct if v == 0 => "0".into(),
            PrintFmt::Oct => format!("0{:o}", v as u32),
            PrintFmt::Hex => format!("{:X}", v as u32),
            PrintFmt::PaddedDec10 => format!("{v:09}"),
            _ => v.to_string(),
        }
    }
}

/// libsinsp's `errno_to_str((int32_t)v)`: the name of `-v`, or empty.
fn errno_text(v: i64) -> String {
    let code = (v as i32).wrapping_neg();
    if code > 0 {
        schema::errno_name(code as u32).unwrap_or("").to_string()
    } else {
        String::new()
    }
}

/// The flags/mode name algorithm of format.md §4.3.
fn flag_names(table: &[FlagName], v: u32) -> String {
    let mut out = String::new();
    let mut rem = v;
    let mut sep = "";
    for f in table.iter().filter(|f| !NEWER_FLAG_NAMES.contains(&f.name)) {
        if f.value == v {
            out.push_str(sep);
            out.push_str(f.name);
            break;
        }
        if (f.value == 0 && v == 0) || (f.value != 0 && rem != 0 && rem & f.value == f.value) {
            out.push_str(sep);
            out.push_str(f.name);
            sep = "|";
            rem &= !f.value;
        }
    }
    out
}

fn flag_table(extra: ParamExtra) -> &'static [FlagName] {
    match extra {
        ParamExtra::Flags(t) => t,
        _ => &[],
    }
}

/// C's `%lg` (6 significant digits, trailing zeros removed).
fn c_fmt_g(x: f64) -> String {
    const P: i32 = 6;
    if x == 0.0 {
        return "0".into();
    }
    let e_repr = format!("{:.*e}", (P - 1) as usize, x);
    let (mant, exp) = e_repr.split_once('e').unwrap_or((&e_repr, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..P).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", trim_fraction_zeros(mant), sign, exp.abs())
    } else {
        let decimals = (P - 1 - exp) as usize;
        trim_fraction_zeros(&format!("{x:.decimals$}")).to_string()
    }
}

fn trim_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// glibc's `inet_ntop(AF_INET6, …)`.
fn inet_ntop6(b: &[u8; 16]) -> String {
    let words: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    // Longest run of zero words (first one on ties), at least 2 long.
    let (mut best_base, mut best_len) = (usize::MAX, 0usize);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let start = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best_base = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best_base = usize::MAX;
    }
    let in_best = |i: usize| best_base != usize::MAX && i >= best_base && i < best_base + best_len;
    let mut out = String::new();
    for i in 0..8 {
        if in_best(i) {
            if i == best_base {
                out.push(':');
            }
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        if i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            let _ = write!(out, "{}.{}.{}.{}", b[12], b[13], b[14], b[15]);
            return out;
        }
        let _ = write!(out, "{:x}", words[i]);
    }
    if best_base != usize::MAX && best_base + best_len == 8 {
        out.push(':');
    }
    out
}

/// libsinsp's `is_ipv4_mapped_ipv6`: `::ffff:a.b.c.d` or all zeros.
fn v4_mapped_or_zero(b: &[u8]) -> bool {
    b[..10].iter().all(|&c| c == 0)
        && ((b[10] == 0xff && b[11] == 0xff) || b[10..16].iter().all(|&c| c == 0))
}

fn ipv4_text(b: &[u8]) -> String {
    format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])
}

/// A fd type character as libs e5c53d64 knew them.
fn type_char(kind: FdKind) -> char {
    match kind {
        FdKind::File => 'f',
        FdKind::Directory => 'd',
        FdKind::Ipv4 | FdKind::Ipv4Server => '4',
        FdKind::Ipv6 | FdKind::Ipv6Server => '6',
        FdKind::Fifo => 'p',
        FdKind::Unix => 'u',
        FdKind::Event => 'e',
        FdKind::Unknown => 'o',
        FdKind::Unsupported => 'X',
        FdKind::Signalfd => 's',
        FdKind::Eventpoll => 'l',
        FdKind::Inotify => 'i',
        FdKind::Timerfd => 't',
        FdKind::Netlink => 'n',
        FdKind::Bpf | FdKind::Userfaultfd | FdKind::Iouring | FdKind::Memfd | FdKind::Pidfd => '?',
    }
}

/// The l4 protocol character after the type character (libsinsp's
/// `get_l4proto`: connected sockets without a role report "not available").
fn l4_char(f: &Fd) -> Option<char> {
    let l4 = f.sock().l4();
    let l4 = match f.kind {
        FdKind::Ipv4 | FdKind::Ipv6 => {
            if l4 != fd::L4_RAW && f.role == Role::None {
                return None;
            }
            l4
        }
        FdKind::Ipv4Server | FdKind::Ipv6Server => l4,
        _ => return None,
    };
    match l4 {
        fd::L4_TCP => Some('t'),
        fd::L4_UDP => Some('u'),
        fd::L4_ICMP => Some('i'),
        fd::L4_RAW => Some('r'),
        _ => None,
    }
}

/// libsinsp's `copy_and_sanitize_path` appended to `base` (the path is
/// normalised relative to the whole buffer, so `..` may climb into `base`).
fn concat_path(base: &[u8], path: &[u8]) -> Vec<u8> {
    let mut t = base.to_vec();
    let at = |i: usize| path.get(i).copied().unwrap_or(0);
    let rewind = |t: &mut Vec<u8>| {
        if t.len() <= 1 {
            return;
        }
        let mut tc = t.len() - 1;
        while tc >= 1 && t[tc - 1] != b'/' {
            tc -= 1;
        }
        t.truncate(tc);
    };
    let mut i = 0;
    loop {
        let c = at(i);
        if c == 0 {
            if t.len() > 1 && t.last() == Some(&b'/') {
                t.pop();
            }
            return t;
        }
        if !printable(c) {
            t.push(b'.');
            i += 1;
        } else if c == b'.' && at(i + 1) == b'.' && at(i + 2) == b'/' {
            rewind(&mut t);
            i += 3;
        } else if c == b'.' && at(i + 1) == b'.' {
            if at(i + 2) == 0 {
                rewind(&mut t);
            } else {
                t.extend_from_slice(b"..");
            }
            i += 2;
        } else if c == b'.' && at(i + 1) == b'/' {
            i += 2;
        } else if c == b'.' {
            if at(i + 1) != 0 {
                t.push(b'.');
            }
            i += 1;
        } else if c == b'/' {
            if t.last() != Some(&b'/') {
                t.push(b'/');
            }
            i += 1;
        } else {
            t.push(c);
            i += 1;
        }
    }
}

/// Rendering context of one event.
struct Cx<'r, 'a> {
    rec: &'r EventRecord<'a>,
    tid: i64,
    state: &'r State,
    /// Whether the event's thread exists (sysdig's `get_thread_info()`).
    has_thread: bool,
}

impl Cx<'_, '_> {
    fn render(&self, desc: &ParamDesc, index: usize, payload: &[u8]) -> (String, String) {
        let mut ty = desc.ty;
        let mut payload = payload;
        if ty == ParamType::Dyn
            && let (ParamExtra::Dyn(types), Some(&idx)) = (desc.extra, payload.first())
            && let Some(inner) = types.get(usize::from(idx))
        {
            ty = inner.ty;
            payload = &payload[1..];
        }
        // The print format and the flag table are always the outer
        // parameter's, also for dynamic ones.
        let fmt = desc.fmt;
        let none = String::new;
        match ty {
            ParamType::Int8 => (
                c_int(
                    fmt,
                    i64::from(payload.first().copied().unwrap_or(0) as i8),
                    false,
                ),
                none(),
            ),
            ParamType::Int16 => (c_int(fmt, i64::from(rd_u16(payload) as i16), false), none()),
            ParamType::Int32 => (c_int(fmt, i64::from(rd_u32(payload) as i32), false), none()),
            ParamType::Int64 | ParamType::Uint64 => (c_int(fmt, rd_i64(payload), true), none()),
            ParamType::Uint8 => (
                c_int(fmt, i64::from(payload.first().copied().unwrap_or(0)), false),
                none(),
            ),
            ParamType::Uint16 => (c_int(fmt, i64::from(rd_u16(payload)), false), none()),
            ParamType::Uint32 => (c_int(fmt, i64::from(rd_u32(payload)), false), none()),
            ParamType::Errno => {
                let v = rd_i64(payload);
                (v.to_string(), if v < 0 { errno_text(v) } else { none() })
            }
            ParamType::Fd => self.render_fd(rd_i64(payload)),
            ParamType::Fd32 => self.render_fd(i64::from(rd_u32(payload) as i32)),
            ParamType::Pid => self.render_pid(rd_i64(payload)),
            ParamType::Pid32 => self.render_pid(i64::from(rd_u32(payload) as i32)),
            ParamType::Flags8 | ParamType::Flags16 | ParamType::Flags32 => {
                let v = match ty {
                    ParamType::Flags8 => u32::from(payload.first().copied().unwrap_or(0)),
                    ParamType::Flags16 => u32::from(rd_u16(payload)),
                    _ => rd_u32(payload),
                };
                (v.to_string(), flag_names(flag_table(desc.extra), v))
            }
            ParamType::Mode => {
                let v = rd_u32(payload);
                (
                    c_int(fmt, i64::from(v), false),
                    flag_names(flag_table(desc.extra), v),
                )
            }
            ParamType::Uid | ParamType::Gid => self.render_id(ty, rd_u32(payload)),
            ParamType::Charbuf => (lossy(cstr(payload)), none()),
            ParamType::Fspath | ParamType::Fsrelpath => self.render_path(desc, index, payload),
            ParamType::Bytebuf => (bytebuf_text(payload), none()),
            ParamType::Sockaddr => (sockaddr_text(payload), none()),
            ParamType::Socktuple => (socktuple_text(payload), none()),
            ParamType::Fdlist => (self.fdlist_text(payload), none()),
            ParamType::Syscallid => {
                let id = rd_u16(payload);
                if id >= SYSDIG_PPM_SC_MAX {
                    ("<unknown syscall>".into(), none())
                } else {
                    (
                        id.to_string(),
                        schema::syscall_name(id).unwrap_or("").to_string(),
                    )
                }
            }
            ParamType::Sigtype => {
                let v = payload.first().copied().unwrap_or(0);
                (
                    v.to_string(),
                    schema::signal_name(v).unwrap_or("").to_string(),
                )
            }
            ParamType::Reltime => {
                let v = u64::from_le_bytes(rd::<8>(payload));
                if v == u64::MAX {
                    ("none".into(), none())
                } else {
                    (v.to_string(), format!("{}s", c_fmt_g(v as f64 / 1e9)))
                }
            }
            ParamType::Sigset => (sigset_text(rd_u32(payload)), none()),
            ParamType::Abstime | ParamType::Dyn => ("INVALID DYNAMIC PARAMETER".into(), none()),
            _ => ("(n.a.)".into(), none()),
        }
    }

    fn render_fd(&self, fd: i64) -> (String, String) {
        let raw = fd.to_string();
        if !self.has_thread {
            return (raw, String::new());
        }
        let resolved = if fd >= 0 {
            match self.state.get_fd(self.tid, fd) {
                Some(f) => {
                    let mut s = String::from("<");
                    s.push(type_char(f.kind));
                    if let Some(c) = l4_char(f) {
                        s.push(c);
                    }
                    s.push('>');
                    s.push_str(&sanitize(f.name.as_bytes()));
                    s
                }
                None => String::new(),
            }
        } else if fd == AT_FDCWD {
            "AT_FDCWD".into()
        } else {
            errno_text(fd)
        };
        (raw, resolved)
    }

    fn render_pid(&self, pid: i64) -> (String, String) {
        let resolved = self
            .state
            .threads
            .get(&pid)
            .map(|t| t.comm.to_string())
            .unwrap_or_default();
        (pid.to_string(), resolved)
    }

    fn render_id(&self, ty: ParamType, v: u32) -> (String, String) {
        if v == u32::MAX {
            return ("-1".into(), "<NONE>".into());
        }
        let name = if ty == ParamType::Uid {
            self.state.users.get(&v).map(|u| u.name.as_str())
        } else {
            self.state.groups.get(&v).map(String::as_str)
        };
        let resolved = name.map_or_else(|| "<NA>".to_string(), |n| sanitize(n.as_bytes()));
        ((v as i32).to_string(), resolved)
    }

    fn render_path(&self, desc: &ParamDesc, index: usize, payload: &[u8]) -> (String, String) {
        let raw = sanitize(cstr(payload));
        if !self.has_thread || payload.is_empty() || payload.starts_with(b"<NA>") {
            return (raw, String::new());
        }
        if payload[0] == b'/' {
            // Absolute: libsinsp's concatenate_paths reports "not relative".
            return (raw, String::new());
        }
        let base = self.base_dir(desc, index);
        let full = concat_path(base.as_bytes(), cstr(payload));
        (raw, lossy(&full))
    }

    /// libsinsp's `get_base_dir`: the thread's cwd, or for an FSRELPATH whose
    /// dirfd is not AT_FDCWD the dirfd's path plus `/`.
    fn base_dir(&self, desc: &ParamDesc, index: usize) -> String {
        let cwd = || self.state.cwd(self.tid);
        let (ParamType::Fsrelpath, ParamExtra::DirFd(k)) = (desc.ty, desc.extra) else {
            return cwd();
        };
        let k = usize::from(k);
        let table_n = SYSDIG_NPARAMS
            .get(usize::from(self.rec.event_type))
            .map_or(self.rec.desc().params.len(), |&n| usize::from(n));
        if k >= table_n || k == index {
            return cwd();
        }
        match sysdig_param_desc(self.rec.event_type, k) {
            Some(d) if d.ty == ParamType::Fd => {}
            _ => return cwd(),
        }
        let Some(dirfd) = self.rec.param(k).map(rd_i64) else {
            return cwd();
        };
        if dirfd == AT_FDCWD {
            return cwd();
        }
        match self.state.get_fd(self.tid, dirfd) {
            Some(f) if !f.name.is_empty() => {
                let mut s = sanitize(f.name.as_bytes());
                s.push('/');
                s
            }
            // sysdig would read /proc/<pid>/fd/<dirfd> of the machine it runs
            // on; for a capture that is unknown.
            _ => String::new(),
        }
    }

    fn fdlist_text(&self, payload: &[u8]) -> String {
        if !self.has_thread {
            return String::new();
        }
        let n = usize::from(rd_u16(payload));
        let mut parts = Vec::with_capacity(n.min(64));
        for j in 0..n {
            let at = 2 + j * 10;
            let Some(entry) = payload.get(at..at + 10) else {
                break;
            };
            let fd = rd_i64(entry);
            let flags = i32::from(rd_u16(&entry[8..]) as i16) as u32;
            let tc = self
                .state
                .get_fd(self.tid, fd)
                .map_or('?', |f| type_char(f.kind));
            parts.push(format!("{}:{}{:x}", fd as u64, tc, flags));
        }
        parts.join(" ")
    }
}

/// BYTEBUF text: printable bytes as is, others `.`, cut to 80 with `...`.
fn bytebuf_text(b: &[u8]) -> String {
    let mut s: String = b
        .iter()
        .map(|&c| if printable(c) { char::from(c) } else { '.' })
        .collect();
    if s.len() > MAX_BYTEBUF_LEN {
        s.truncate(MAX_BYTEBUF_LEN - 3);
        s.push_str("...");
    }
    s
}

fn sigset_text(v: u32) -> String {
    (0..32u8)
        .filter(|&sig| v & (1u32 << sig) != 0)
        .filter_map(|sig| schema::signal_name(sig + 1))
        .collect::<Vec<_>>()
        .join(" ")
}

fn sockaddr_text(b: &[u8]) -> String {
    let Some(&fam) = b.first() else {
        return "NULL".into();
    };
    match fam {
        1 => sanitize(cstr(&b[1..])),
        2 if b.len() == 7 => format!("{}:{}", ipv4_text(&b[1..5]), rd_u16(&b[5..])),
        2 => "INVALID IPv4".into(),
        10 if b.len() == 19 => {
            format!("{}:{}", inet_ntop6(&rd::<16>(&b[1..17])), rd_u16(&b[17..]))
        }
        10 => "INVALID IPv6".into(),
        f => format!("family {}", f as i8),
    }
}

fn socktuple_text(b: &[u8]) -> String {
    let Some(&fam) = b.first() else {
        return "NULL".into();
    };
    match fam {
        2 if b.len() == 13 => format!(
            "{}:{}->{}:{}",
            ipv4_text(&b[1..5]),
            rd_u16(&b[5..7]),
            ipv4_text(&b[7..11]),
            rd_u16(&b[11..13])
        ),
        2 => "INVALID IPv4".into(),
        10 if b.len() == 37 => {
            let (sip, dip) = (&b[1..17], &b[19..35]);
            let (sport, dport) = (rd_u16(&b[17..19]), rd_u16(&b[35..37]));
            if v4_mapped_or_zero(sip) && v4_mapped_or_zero(dip) {
                format!(
                    "{}:{}->{}:{}",
                    ipv4_text(&sip[12..]),
                    sport,
                    ipv4_text(&dip[12..]),
                    dport
                )
            } else {
                format!(
                    "{}:{}->{}:{}",
                    inet_ntop6(&rd::<16>(sip)),
                    sport,
                    inet_ntop6(&rd::<16>(dip)),
                    dport
                )
            }
        }
        10 => "INVALID IPv6".into(),
        1 => {
            let src = u64::from_le_bytes(rd::<8>(b.get(1..).unwrap_or(&[])));
            let dst = u64::from_le_bytes(rd::<8>(b.get(9..).unwrap_or(&[])));
            format!(
                "{src:x}->{dst:x} {}",
                sanitize(cstr(b.get(17..).unwrap_or(&[])))
            )
        }
        f => format!("family {}", f as i8),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::format::blocks::EventBlockFormat;
    use crate::format::event::parse_event;
    use crate::state::{Thread, User};

    const TID: i64 = 100;

    /// A V2 event block body (cpu, header, lengths, values).
    fn body(etype: u16, tid: i64, params: &[&[u8]]) -> Vec<u8> {
        let large = schema::EVENTS[usize::from(etype)].large_payload();
        let width = if large { 4 } else { 2 };
        let len = 26 + params.len() * width + params.iter().map(|p| p.len()).sum::<usize>();
        let mut b = Vec::new();
        b.extend_from_slice(&0u16.to_le_bytes());
        b.extend_from_slice(&1_000u64.to_le_bytes());
        b.extend_from_slice(&tid.to_le_bytes());
        b.extend_from_slice(&(len as u32).to_le_bytes());
        b.extend_from_slice(&etype.to_le_bytes());
        b.extend_from_slice(&(params.len() as u32).to_le_bytes());
        for p in params {
            if large {
                b.extend_from_slice(&(p.len() as u32).to_le_bytes());
            } else {
                b.extend_from_slice(&(p.len() as u16).to_le_bytes());
            }
        }
        for p in params {
            b.extend_from_slice(p);
        }
        b
    }

    const FMT: EventBlockFormat = EventBlockFormat {
        has_flags: false,
        has_nparams: true,
        large: false,
    };

    fn state() -> State {
        let mut st = State::default();
        let mut t = Thread::unknown(TID);
        t.comm = "bash".into();
        t.cwd = "/home/u/".into();
        st.threads.insert(TID, Arc::new(t));
        let mut t = Thread::unknown(7);
        t.comm = "init".into();
        st.threads.insert(7, Arc::new(t));
        let fds = st.fd_tables.entry(TID).or_default();
        fds.insert(3, Arc::new(Fd::new(FdKind::File, "/etc/pass\nwd".into())));
        fds.insert(4, Arc::new(Fd::new(FdKind::Directory, "/var/lib".into())));
        let mut sock = Fd::new(FdKind::Ipv4, "1.2.3.4:5->6.7.8.9:80".into());
        sock.set_v4_sport(5);
        sock.set_v4_dport(80);
        sock.set_v4_l4(fd::L4_TCP);
        fds.insert(5, Arc::new(sock.clone()));
        sock.role = Role::Client;
        fds.insert(6, Arc::new(sock));
        let mut srv = Fd::new(FdKind::Ipv6Server, ":::53".into());
        srv.set_v6srv([0; 16], 53, fd::L4_UDP);
        fds.insert(7, Arc::new(srv));
        fds.insert(8, Arc::new(Fd::new(FdKind::Memfd, "m".into())));
        fds.insert(9, Arc::new(Fd::new(FdKind::Unsupported, String::new())));
        let user = |uid, name: &str| User {
            uid,
            gid: uid,
            name: name.into(),
            homedir: String::new(),
            shell: String::new(),
        };
        st.users.insert(0, user(0, "root"));
        st.users.insert(1000, user(1000, "vagrant"));
        st.groups.insert(0, "root".into());
        st
    }

    /// `evt.args` of one hand-built event of thread [`TID`].
    fn args(etype: u16, params: &[&[u8]]) -> String {
        args_tid(etype, TID, params)
    }

    fn args_tid(etype: u16, tid: i64, params: &[&[u8]]) -> String {
        let b = body(etype, tid, params);
        let rec = parse_event(&b, FMT).expect("valid event");
        evt_args(&rec, &state())
    }

    fn i64b(v: i64) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    fn u64b(v: u64) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    fn u32b(v: u32) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    fn cs(s: &[u8]) -> Vec<u8> {
        let mut v = s.to_vec();
        v.push(0);
        v
    }

    #[test]
    fn integers_follow_c_printf() {
        // open exit: fd, name, flags (FLAGS32), mode (UINT32 OCT), dev (UINT32 HEX).
        let s = args(
            3,
            &[&i64b(-2), &cs(b"/a"), &u32b(1), &u32b(0o644), &u32b(0x2d)],
        );
        assert_eq!(
            s,
            "fd=-2(ENOENT) name=/a flags=1(O_RDONLY) mode=0644 dev=2D "
        );
        let s = args(
            3,
            &[&i64b(-2), &cs(b"/a"), &u32b(0), &u32b(0), &u32b(u32::MAX)],
        );
        assert_eq!(
            s,
            "fd=-2(ENOENT) name=/a flags=0(O_NONE) mode=0 dev=FFFFFFFF "
        );
        // UINT32 DEC goes through %d; UINT64 DEC through %ld.
        assert_eq!(
            args(18, &[&u32b(2), &u32b(1 << 31), &u32b(6)])
                .split(' ')
                .nth(1),
            Some("type=-2147483648")
        );
        assert_eq!(
            args(86, &[&i64b(3), &u64b(1 << 63), &[1]]),
            "fd=3(<f>/etc/passwd) offset=-9223372036854775808 whence=1(SEEK_CUR) "
        );
        // INT32 HEX (accept enter flags) of a negative value, INT16 DEC.
        assert_eq!(args(56, &[&(-1i32).to_le_bytes()]), "flags=FFFFFFFF ");
        assert_eq!(c_int(PrintFmt::Dec, i64::from(-3i16), false), "-3");
        assert_eq!(c_int(PrintFmt::Oct, 1, false), "01");
        assert_eq!(c_int(PrintFmt::Oct, 0, true), "0");
        assert_eq!(c_int(PrintFmt::PaddedDec10, 42, false), "000000042");
        assert_eq!(c_int(PrintFmt::Hex, -1, true), "FFFFFFFFFFFFFFFF");
    }

    #[test]
    fn errno_values() {
        let close_x = |r: i64| args(5, &[&i64b(r)]);
        assert_eq!(close_x(-2), "res=-2(ENOENT) ");
        assert_eq!(close_x(0), "res=0 ");
        assert_eq!(close_x(76), "res=76 ");
        assert_eq!(close_x(-514), "res=-514(ERESTARTNOHAND) ");
        assert_eq!(close_x(-130), "res=-130 ");
        assert_eq!(close_x(-41), "res=-41 ");
        // errno_to_str takes the value truncated to 32 bits.
        assert_eq!(close_x(-4_294_967_298), "res=-4294967298(ENOENT) ");
        assert_eq!(close_x(i64::MIN), "res=-9223372036854775808 ");
    }

    #[test]
    fn fd_values() {
        let close_e = |fd: i64| args(4, &[&i64b(fd)]);
        assert_eq!(close_e(3), "fd=3(<f>/etc/passwd) ");
        assert_eq!(close_e(4), "fd=4(<d>/var/lib) ");
        // Connected socket without a role: no l4 character.
        assert_eq!(close_e(5), "fd=5(<4>1.2.3.4:5->6.7.8.9:80) ");
        assert_eq!(close_e(6), "fd=6(<4t>1.2.3.4:5->6.7.8.9:80) ");
        assert_eq!(close_e(7), "fd=7(<6u>:::53) ");
        assert_eq!(close_e(8), "fd=8(<?>m) ");
        assert_eq!(close_e(9), "fd=9(<X>) ");
        assert_eq!(close_e(54), "fd=54 ");
        assert_eq!(close_e(-100), "fd=-100(AT_FDCWD) ");
        assert_eq!(close_e(-1), "fd=-1(EPERM) ");
        assert_eq!(close_e(-11), "fd=-11(EAGAIN) ");
        assert_eq!(close_e(-130), "fd=-130 ");
        // No thread: nothing is resolved, not even AT_FDCWD.
        assert_eq!(args_tid(4, 555, &[&i64b(-100)]), "fd=-100 ");
        assert_eq!(args_tid(4, 555, &[&i64b(3)]), "fd=3 ");
    }

    #[test]
    fn pid_uid_gid() {
        // kill enter: pid (PID), sig (SIGTYPE).
        assert_eq!(
            args(128, &[&i64b(7), &[15]]),
            "pid=7(init) sig=15(SIGTERM) "
        );
        assert_eq!(args(128, &[&i64b(8), &[0]]), "pid=8 sig=0 ");
        assert_eq!(args(128, &[&i64b(-1), &[64]]), "pid=-1 sig=64 ");
        // setresuid enter: three UIDs.
        assert_eq!(
            args(192, &[&u32b(0), &u32b(1000), &u32b(u32::MAX)]),
            "ruid=0(root) euid=1000(vagrant) suid=-1(<NONE>) "
        );
        assert_eq!(args(198, &[&u32b(5555)]), "uid=5555(<NA>) ");
        assert_eq!(args(198, &[&u32b(1 << 31)]), "uid=-2147483648(<NA>) ");
        // setgid enter.
        assert_eq!(args(200, &[&u32b(0)]), "gid=0(root) ");
        assert_eq!(args(200, &[&u32b(7)]), "gid=7(<NA>) ");
    }

    #[test]
    fn flags_algorithm() {
        let t = schema::FILE_FLAGS;
        assert_eq!(flag_names(t, 4097), "O_RDONLY|O_CLOEXEC");
        assert_eq!(
            flag_names(t, 5185),
            "O_DIRECTORY|O_NONBLOCK|O_RDONLY|O_CLOEXEC"
        );
        assert_eq!(flag_names(t, 0), "O_NONE");
        assert_eq!(flag_names(t, 3), "O_RDWR");
        // Bits unknown to sysdig 0.29.3 are ignored.
        assert_eq!(flag_names(t, 0x4000 | 1), "O_RDONLY");
        assert_eq!(flag_names(t, 0x8000), "");
        assert_eq!(
            flag_names(schema::MMAP_FLAGS, 74),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE"
        );
        assert_eq!(flag_names(schema::PROT_FLAGS, 0), "PROT_NONE");
        assert_eq!(
            flag_names(schema::FUTEX_OPERATIONS, 129),
            "FUTEX_PRIVATE_FLAG|FUTEX_WAKE"
        );
        assert_eq!(flag_names(schema::FUTEX_OPERATIONS, 0), "FUTEX_WAIT");
        // Enums go through the same algorithm: odd values combine.
        assert_eq!(
            flag_names(schema::FCNTL_COMMANDS, 99),
            "F_SETFD|F_OFD_SETLKW"
        );
        assert_eq!(flag_names(schema::SHUTDOWN_HOW, 3), "SHUT_RDWR|SHUT_WR");
        assert_eq!(flag_names(schema::LSEEK_WHENCE, 3), "SEEK_END|SEEK_CUR");
        assert_eq!(flag_names(schema::RLIMIT_RESOURCES, 16), "");
        // fcntl enter: cmd is an enum now, a FLAGS8 in 0.29.3.
        assert_eq!(
            args(150, &[&i64b(3), &[2]]),
            "fd=3(<f>/etc/passwd) cmd=2(F_GETFD) "
        );
        // Flags without a table (signalfd enter flags): unsigned decimal only.
        assert_eq!(
            args(126, &[&i64b(-1), &u32b(0), &[0x80]]),
            "fd=-1(EPERM) mask=0 flags=128 "
        );
        // socket enter domain: FLAGS32 with the families table.
        assert_eq!(
            args(18, &[&u32b(10), &u32b(2), &u32b(0)]),
            "domain=10(AF_INET6) type=2 proto=0 "
        );
        // clone flags: CLONE_CHILD_IN_PIDNS unknown to 0.29.3.
        assert_eq!(
            flag_names(schema::CLONE_FLAGS, 0x2000_0000 | 1),
            "CLONE_FILES"
        );
    }

    #[test]
    fn mode_params() {
        // chmod exit: res, filename (FSPATH), mode (MODE, OCT).
        assert_eq!(
            args(315, &[&i64b(0), &cs(b"/x"), &u32b(0o644)]),
            "res=0 filename=/x mode=0644(S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR) "
        );
        assert_eq!(
            args(315, &[&i64b(0), &cs(b"/x"), &u32b(0)]),
            "res=0 filename=/x mode=0 "
        );
        assert_eq!(
            args(315, &[&i64b(0), &cs(b"/x"), &u32b(0o4001)]),
            "res=0 filename=/x mode=04001(S_IXOTH|S_ISUID) "
        );
    }

    #[test]
    fn strings_and_paths() {
        let open_x = |name: &[u8]| {
            let s = args(3, &[&i64b(-2), &cs(name), &u32b(1), &u32b(0), &u32b(0)]);
            s.split(" flags=").next().unwrap_or_default().to_string()
        };
        assert_eq!(
            open_x(b"/etc/ld.so.cache"),
            "fd=-2(ENOENT) name=/etc/ld.so.cache"
        );
        assert_eq!(open_x(b"."), "fd=-2(ENOENT) name=.(/home/u)");
        assert_eq!(open_x(b""), "fd=-2(ENOENT) name=(/home/u)");
        assert_eq!(
            open_x(b"./userss"),
            "fd=-2(ENOENT) name=./userss(/home/u/userss)"
        );
        assert_eq!(
            open_x(b"a/../b/./c/"),
            "fd=-2(ENOENT) name=a/../b/./c/(/home/u/b/c)"
        );
        assert_eq!(open_x(b"../../../x"), "fd=-2(ENOENT) name=../../../x(/x)");
        assert_eq!(open_x(b"a./b"), "fd=-2(ENOENT) name=a./b(/home/u/ab)");
        assert_eq!(open_x(b"..."), "fd=-2(ENOENT) name=...(/home/u/..)");
        assert_eq!(open_x(b"x\x01y"), "fd=-2(ENOENT) name=xy(/home/u/x.y)");
        assert_eq!(open_x(b"<NA>"), "fd=-2(ENOENT) name=<NA>");
        // No thread: no resolution.
        let s = args_tid(
            3,
            555,
            &[&i64b(-2), &cs(b"rel"), &u32b(1), &u32b(0), &u32b(0)],
        );
        assert!(s.starts_with("fd=-2 name=rel flags="), "{s}");
        // openat exit (FSRELPATH against dirfd).
        let openat = |dirfd: i64, name: &[u8]| {
            let s = args(
                307,
                &[
                    &i64b(-2),
                    &i64b(dirfd),
                    &cs(name),
                    &u32b(0),
                    &u32b(0),
                    &u32b(0),
                ],
            );
            s.split(" flags=").next().unwrap_or_default().to_string()
        };
        assert_eq!(
            openat(4, b"mysql"),
            "fd=-2(ENOENT) dirfd=4(<d>/var/lib) name=mysql(/var/lib/mysql)"
        );
        assert_eq!(
            openat(4, b"../x"),
            "fd=-2(ENOENT) dirfd=4(<d>/var/lib) name=../x(/var/x)"
        );
        assert_eq!(
            openat(-100, b"f"),
            "fd=-2(ENOENT) dirfd=-100(AT_FDCWD) name=f(/home/u/f)"
        );
        assert_eq!(openat(99, b"f"), "fd=-2(ENOENT) dirfd=99 name=f(f)");
        // CHARBUF: raw, up to the NUL, newlines kept.
        assert_eq!(
            args(280, &[&cs(b"id"), &cs(b"a\nb\0c")]),
            "id=id desc=a\nb "
        );
    }

    #[test]
    fn byte_buffers() {
        let write_x = |d: &[u8]| args(9, &[&i64b(d.len() as i64), d]);
        assert_eq!(write_x(b""), "res=0 data= ");
        assert_eq!(write_x(b"GET /\r\n\0\x7f\xff"), "res=10 data=GET /..... ");
        let a80 = [b'a'; 80];
        assert_eq!(write_x(&a80), format!("res=80 data={} ", "a".repeat(80)));
        let a81 = [b'a'; 81];
        assert_eq!(write_x(&a81), format!("res=81 data={}... ", "a".repeat(77)));
        // read exit of a newer capture: its extra fd/size are not shown.
        assert_eq!(
            args(7, &[&i64b(2), b"hi", &i64b(3), &u32b(2)]),
            "res=2 data=hi "
        );
    }

    #[test]
    fn socket_addresses() {
        let connect_e = |a: &[u8]| args(22, &[&i64b(3), a]);
        let v4 = [2u8, 10, 0, 0, 1, 0x50, 0];
        assert_eq!(connect_e(&[]), "fd=3(<f>/etc/passwd) addr=NULL ");
        assert_eq!(connect_e(&v4), "fd=3(<f>/etc/passwd) addr=10.0.0.1:80 ");
        assert_eq!(
            connect_e(&v4[..6]),
            "fd=3(<f>/etc/passwd) addr=INVALID IPv4 "
        );
        assert_eq!(
            connect_e(b"\x01/run/x\x01y\0"),
            "fd=3(<f>/etc/passwd) addr=/run/xy "
        );
        assert_eq!(connect_e(b"\xc8"), "fd=3(<f>/etc/passwd) addr=family -56 ");
        let mut v6 = vec![10u8];
        v6.extend_from_slice(
            &"2001:db8::3"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets(),
        );
        v6.extend_from_slice(&1234u16.to_le_bytes());
        assert_eq!(
            connect_e(&v6),
            "fd=3(<f>/etc/passwd) addr=2001:db8::3:1234 "
        );
        let ntop = |s: &str| inet_ntop6(&s.parse::<std::net::Ipv6Addr>().unwrap().octets());
        assert_eq!(ntop("::"), "::");
        assert_eq!(ntop("::1"), "::1");
        assert_eq!(ntop("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
        assert_eq!(ntop("::2:3"), "::0.2.0.3");
        assert_eq!(ntop("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
        assert_eq!(ntop("0:0:1::"), "0:0:1::");
        assert_eq!(ntop("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");
        // Tuples.
        let connect_x = |t: &[u8]| args(23, &[&i64b(0), t]);
        let mut t4 = vec![2u8, 172, 17, 0, 1];
        t4.extend_from_slice(&57624u16.to_le_bytes());
        t4.extend_from_slice(&[172, 17, 0, 3]);
        t4.extend_from_slice(&9090u16.to_le_bytes());
        assert_eq!(
            connect_x(&t4),
            "res=0 tuple=172.17.0.1:57624->172.17.0.3:9090 "
        );
        assert_eq!(connect_x(&[]), "res=0 tuple=NULL ");
        let mapped = |last: u8| {
            let mut a = [0u8; 16];
            a[10] = 0xff;
            a[11] = 0xff;
            a[12..].copy_from_slice(&[10, 0, 0, last]);
            a
        };
        let mut t6 = vec![10u8];
        t6.extend_from_slice(&mapped(1));
        t6.extend_from_slice(&1u16.to_le_bytes());
        t6.extend_from_slice(&[0u8; 16]);
        t6.extend_from_slice(&2u16.to_le_bytes());
        assert_eq!(connect_x(&t6), "res=0 tuple=10.0.0.1:1->0.0.0.0:2 ");
        t6[19] = 0x20;
        assert_eq!(connect_x(&t6), "res=0 tuple=::ffff:10.0.0.1:1->2000:::2 ");
        let mut tu = vec![1u8];
        tu.extend_from_slice(&0u64.to_le_bytes());
        tu.extend_from_slice(&0xffff_94dc_817b_9400u64.to_le_bytes());
        tu.extend_from_slice(b"/var/run/nscd/socket\0");
        assert_eq!(
            connect_x(&tu),
            "res=0 tuple=0->ffff94dc817b9400 /var/run/nscd/socket "
        );
        assert_eq!(connect_x(b"\x07ab"), "res=0 tuple=family 7 ");
    }

    #[test]
    fn fd_lists_signals_times() {
        let fdl = |e: &[(i64, u16)]| {
            let mut v = (e.len() as u16).to_le_bytes().to_vec();
            for (fd, fl) in e {
                v.extend_from_slice(&fd.to_le_bytes());
                v.extend_from_slice(&fl.to_le_bytes());
            }
            v
        };
        // poll enter: fds, timeout (INT64).
        assert_eq!(
            args(80, &[&fdl(&[(66, 1), (4, 0x41), (-1, 0x8000)]), &i64b(250)]),
            "fds=66:?1 4:d41 18446744073709551615:?ffff8000 timeout=250 "
        );
        assert_eq!(args(80, &[&fdl(&[]), &i64b(-1)]), "fds= timeout=-1 ");
        // ppoll enter: fds, timeout (RELTIME), sigmask (SIGSET).
        assert_eq!(
            args(254, &[&fdl(&[(3, 1)]), &u64b(u64::MAX), &u32b(0)]),
            "fds=3:f1 timeout=none sigmask= "
        );
        assert_eq!(
            args(
                254,
                &[&fdl(&[]), &u64b(0), &u32b((1 << 16) | 1 | (1 << 31))]
            ),
            "fds= timeout=0(0s) sigmask=SIGHUP SIGCHLD "
        );
        let nanosleep = |ns: u64| args(134, &[&u64b(ns)]);
        assert_eq!(nanosleep(500_000_000), "interval=500000000(0.5s) ");
        assert_eq!(nanosleep(1), "interval=1(1e-09s) ");
        assert_eq!(nanosleep(1_234_567), "interval=1234567(0.00123457s) ");
        assert_eq!(nanosleep(100_000), "interval=100000(0.0001s) ");
        assert_eq!(
            nanosleep(123_456_789_012),
            "interval=123456789012(123.457s) "
        );
        assert_eq!(
            nanosleep(1_500_000_000_000_000),
            "interval=1500000000000000(1.5e+06s) "
        );
    }

    #[test]
    fn dynamic_params() {
        let setsockopt_x = |val: &[u8]| {
            let s = args(45, &[&i64b(0), &i64b(3), &[1], &[2], val, &u32b(4)]);
            s.split("val=").nth(1).unwrap_or_default().to_string()
        };
        assert_eq!(setsockopt_x(b"\x00ab\x01"), "ab. optlen=4 ");
        let mut e = vec![1u8];
        e.extend_from_slice(&i64b(-2));
        assert_eq!(setsockopt_x(&e), "-2(ENOENT) optlen=4 ");
        let mut t = vec![4u8];
        t.extend_from_slice(&u64b(1_500_000_000));
        assert_eq!(setsockopt_x(&t), "1500000000(1.5s) optlen=4 ");
        assert_eq!(
            setsockopt_x(b"\x09xx"),
            "INVALID DYNAMIC PARAMETER optlen=4 "
        );
        assert_eq!(setsockopt_x(b""), "INVALID DYNAMIC PARAMETER optlen=4 ");
        let s = args(45, &[&i64b(0), &i64b(3), &[1], &[2], b"\x00", &u32b(4)]);
        assert_eq!(
            s,
            "res=0 fd=3(<f>/etc/passwd) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val= optlen=4 "
        );
        // ptrace exit: addr/data are DYN with the outer HEX format.
        let mut a = vec![0u8];
        a.extend_from_slice(&u64b(0x7fff_0000_abcd));
        assert_eq!(
            args(169, &[&i64b(0), &a, &[1, 9]]),
            "res=0 addr=7FFF0000ABCD data=9(SIGKILL) "
        );
    }

    #[test]
    fn sysdig_0_29_table_differences() {
        // close exit of a newer capture carries fd too: not shown.
        assert_eq!(args(5, &[&i64b(0), &i64b(3)]), "res=0 ");
        // mmap exit res: hex, no errno name.
        assert_eq!(
            args(161, &[&i64b(-12), &u32b(1), &u32b(2), &u32b(3)]),
            "res=FFFFFFFFFFFFFFF4 vm_size=1 vm_rss=2 vm_swap=3 "
        );
        // setpgid exit res: a PID.
        assert_eq!(args(295, &[&i64b(7), &i64b(0), &i64b(0)]), "res=7(init) ");
        // execve exit (20 params in 0.29.3): pgid, INT32 loginuid, EXE_* names.
        let p: Vec<Vec<u8>> = vec![
            i64b(0),
            cs(b"ls"),
            b"-l\0".to_vec(),
            i64b(TID),
            i64b(TID),
            i64b(7),
            cs(b""),
            u64b(1024),
            u64b(0),
            u64b(1),
            u32b(2),
            u32b(3),
            u32b(0),
            cs(b"ls"),
            b"cpu=/\0".to_vec(),
            b"A=1\0".to_vec(),
            u32b(34816),
            i64b(7),
            u32b(u32::MAX),
            u32b(0x3),
            u32b(9),
        ];
        let refs: Vec<&[u8]> = p.iter().map(|v| v.as_slice()).collect();
        assert_eq!(
            args(293, &refs),
            "res=0 exe=ls args=-l. tid=100(bash) pid=100(bash) ptid=7(init) cwd= fdlimit=1024 \
             pgft_maj=0 pgft_min=1 vm_size=2 vm_rss=3 vm_swap=0 comm=ls cgroups=cpu=/. env=A=1. \
             tty=34816 pgid=7(init) loginuid=-1 flags=3(EXE_WRITABLE) "
        );
        let b = body(293, TID, &refs);
        let rec = parse_event(&b, FMT).unwrap();
        let st = state();
        assert_eq!(evt_arg_by_name(&rec, "pgid", &st).as_deref(), Some("init"));
        assert_eq!(evt_arg_by_name(&rec, "vpgid", &st), None);
        assert_eq!(evt_arg_by_name(&rec, "res", &st).as_deref(), Some("0"));
        assert_eq!(
            evt_arg_by_index(&rec, 19, &st).as_deref(),
            Some("EXE_WRITABLE")
        );
        assert_eq!(evt_arg_by_index(&rec, 20, &st), None);
    }

    #[test]
    fn generic_events_and_type_names() {
        let st = state();
        let b = body(0, TID, &[&209u16.to_le_bytes(), &270u16.to_le_bytes()]);
        let rec = parse_event(&b, FMT).unwrap();
        assert_eq!(evt_args(&rec, &st), "");
        assert_eq!(event_type_name(&rec), "pselect6");
        assert_eq!(evt_arg_by_index(&rec, 0, &st).as_deref(), Some("pselect6"));
        assert_eq!(evt_arg_by_index(&rec, 1, &st).as_deref(), Some("270"));
        assert_eq!(
            evt_arg_by_name(&rec, "ID", &st).as_deref(),
            Some("pselect6")
        );
        // The exit had only ID in 0.29.3.
        let b = body(1, TID, &[&0u16.to_le_bytes(), &221u16.to_le_bytes()]);
        let rec = parse_event(&b, FMT).unwrap();
        assert_eq!(event_type_name(&rec), "<unknown>");
        assert_eq!(evt_arg_by_index(&rec, 0, &st).as_deref(), Some("<unknown>"));
        assert_eq!(evt_arg_by_index(&rec, 1, &st), None);
        let b = body(1, TID, &[&400u16.to_le_bytes()]);
        let rec = parse_event(&b, FMT).unwrap();
        assert_eq!(
            evt_arg_by_index(&rec, 0, &st).as_deref(),
            Some("<unknown syscall>")
        );
        // Table names.
        let name = |t: u16, params: &[&[u8]]| {
            let b = body(t, TID, params);
            event_type_name(&parse_event(&b, FMT).unwrap())
        };
        assert_eq!(name(249, &[]), "accept");
        assert_eq!(name(82, &[]), "select");
        assert_eq!(name(3, &[]), "open");
        assert_eq!(name(17, &[]), "NA1");
        assert_eq!(name(196, &[]), "sysdigevent");
        assert_eq!(name(233, &[]), "signaldeliver");
        assert_eq!(name(152, &[]), "switch");
        // Zero parameters: empty info.
        let b = body(2, TID, &[]);
        assert_eq!(evt_args(&parse_event(&b, FMT).unwrap(), &st), "");
    }

    #[test]
    fn render_param_raw_and_resolved() {
        let st = state();
        let b = body(
            3,
            TID,
            &[&i64b(3), &cs(b"x"), &u32b(4097), &u32b(0), &u32b(0)],
        );
        let rec = parse_event(&b, FMT).unwrap();
        let r = |i| render_param(&rec, i, TID, &st);
        assert_eq!(r(0), Some(("3".into(), "<f>/etc/passwd".into())));
        assert_eq!(r(1), Some(("x".into(), "/home/u/x".into())));
        assert_eq!(r(2), Some(("4097".into(), "O_RDONLY|O_CLOEXEC".into())));
        assert_eq!(r(3), Some(("0".into(), String::new())));
        assert_eq!(r(5), None);
        assert_eq!(
            evt_arg_by_name(&rec, "fd", &st).as_deref(),
            Some("<f>/etc/passwd")
        );
        assert_eq!(evt_arg_by_name(&rec, "mode", &st).as_deref(), Some("0"));
        assert_eq!(evt_arg_by_name(&rec, "nope", &st), None);
        // Another thread's view (no thread → raw only).
        assert_eq!(
            render_param(&rec, 0, 555, &st),
            Some(("3".into(), String::new()))
        );
    }
}

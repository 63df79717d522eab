//! Evaluating a filter on events.

use std::net::IpAddr;

use super::glob::glob_match;
use super::{Comparison, Expr, Filter, NetRole, Op, Target, Value, ValueType};
use crate::fields::{self, Field, FieldArg, FieldEnv};
use crate::reader::Event;
use crate::schema::{self, event_flags};
use crate::state::{EventContext, Fd, FdKind, State, Thread};

impl Filter {
    /// Whether one event matches, its fields evaluated as `print -p` does.
    pub fn matches(&self, ev: &Event<'_>, env: &FieldEnv) -> bool {
        eval_expr(&self.expr, ev, env)
    }
}

fn eval_expr(e: &Expr, ev: &Event<'_>, env: &FieldEnv) -> bool {
    match e {
        Expr::And(v) => v.iter().all(|e| eval_expr(e, ev, env)),
        Expr::Or(v) => v.iter().any(|e| eval_expr(e, ev, env)),
        Expr::Not(e) => !eval_expr(e, ev, env),
        Expr::Cmp(c) => eval_cmp(c, ev, env),
    }
}

fn eval_cmp(c: &Comparison, ev: &Event<'_>, env: &FieldEnv) -> bool {
    match &c.target {
        Target::Field(f) => {
            if matches!(f.name, "proc.aname" | "proc.apid") && f.arg == FieldArg::None {
                return any_ancestor(c, f.name == "proc.apid", ev);
            }
            if let Some(hit) = fast_path(c, f, ev) {
                return hit;
            }
            match field_value(f, ev, env) {
                None => false,
                Some(_) if c.op == Op::Exists => true,
                Some(s) => compare_text(c, &s),
            }
        }
        Target::FdIp | Target::FdPort | Target::FdProto => fd_either_end(c, ev),
        Target::FdNet(role) => fd_net(c, *role, ev, env),
        Target::EvtBuffer => {
            let rec = &ev.rec;
            let desc = rec.desc();
            let i =
                (0..rec.nparams()).find(|&i| desc.params.get(i).is_some_and(|p| p.name == "data"));
            match i.and_then(|i| rec.param(i)) {
                None => false,
                Some(b) => compare_bytes(c, b),
            }
        }
    }
}

/// The common fields, compared without building their text (the same
/// values `fields::eval` gives); `None` for the others.
fn fast_path(c: &Comparison, f: &Field, ev: &Event<'_>) -> Option<bool> {
    let exists = c.op == Op::Exists;
    Some(match f.name {
        "evt.type" => {
            let t = ev.rec.event_type;
            // Generic events are named after their syscall.
            if t <= 1 {
                return None;
            }
            exists || compare_text(c, crate::render::sysdig_event_name(t))
        }
        "evt.dir" => {
            exists
                || compare_text(
                    c,
                    if schema::is_enter(ev.rec.event_type) {
                        ">"
                    } else {
                        "<"
                    },
                )
        }
        "thread.tid" => exists || compare_int(c, ev.rec.tid),
        "evt.num" => match ev.num {
            Some(n) => exists || compare_uint(c, n),
            None => false,
        },
        "evt.rawtime" => exists || compare_uint(c, ev.rec.ts_ns),
        "proc.name" => match ev.ctx.thread.as_deref() {
            Some(t) => exists || compare_text(c, &t.comm),
            None => false,
        },
        "fd.num" | "fd.name" => {
            let flags = schema::compat_flags(ev.rec.event_type);
            if flags & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
                || ev.ctx.thread.is_none()
            {
                return Some(false);
            }
            let num = ev.ctx.fd_num?;
            if f.name == "fd.num" {
                return Some(exists || compare_int(c, num));
            }
            // Without an fd, or for a failed connect, the name comes from
            // the event's parameters: the slow path.
            let fd = ev.ctx.fd.as_deref()?;
            if failed_connect(ev) {
                return None;
            }
            exists || compare_text(c, raw_name(&fd.name))
        }
        _ => return None,
    })
}

pub(super) fn compare_int(c: &Comparison, x: i64) -> bool {
    if c.ty != ValueType::Int {
        return compare_text(c, &x.to_string());
    }
    compare_num(c, |v| match v {
        Value::Int(y) => Some(x.cmp(y)),
        _ => None,
    })
}

pub(super) fn compare_uint(c: &Comparison, x: u64) -> bool {
    if c.ty != ValueType::Uint {
        return compare_text(c, &x.to_string());
    }
    compare_num(c, |v| match v {
        Value::Uint(y) => Some(x.cmp(y)),
        _ => None,
    })
}

/// A field's value as the filter sees it: what `print -p` shows, except
/// for `fd.name` / `fd.directory` of a failed old-style `openat` exit.
/// sysdig filters such an exit inside its parser, while the enter event it
/// takes the path from is still at hand (it is released before the line
/// is printed, which then shows `<NA>`).
fn field_value(f: &Field, ev: &Event<'_>, env: &FieldEnv) -> Option<String> {
    let v = fields::eval(f, ev, env);
    // Printing drops non-printable characters from fd names; filters
    // compare the name as it is (up to a NUL).
    if v.is_some()
        && matches!(f.name, "fd.name" | "fd.directory" | "fd.filename")
        && let Some(fd) = ev.ctx.fd.as_deref()
        && !failed_connect(ev)
    {
        let raw = raw_name(&fd.name);
        if raw.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return v;
        }
        return match f.name {
            "fd.name" => Some(raw.to_string()),
            "fd.directory" => Some(match fd.kind {
                FdKind::Directory => raw.to_string(),
                _ => directory_of(raw),
            }),
            _ => Some(match raw.rfind('/') {
                Some(p) if p < raw.len() - 1 => raw[p + 1..].to_string(),
                Some(_) => raw.to_string(),
                None => "/".into(),
            }),
        };
    }
    if v.is_none()
        && matches!(f.name, "fd.name" | "fd.directory")
        && ev.rec.event_type == crate::state::ids::OPENAT_X
        && ev.ctx.fd.is_none()
        && ev.ctx.thread.is_some()
        && let Some(enter) = ev.ctx.enter_params.as_deref()
    {
        let name = enter.param(1)?;
        let dirfd = i64::from_le_bytes(enter.param(0)?.get(..8)?.try_into().ok()?);
        let dir = if name.first() == Some(&b'/') {
            ".".to_string()
        } else if dirfd == -100 {
            ev.state.cwd(ev.rec.tid)
        } else {
            match ev.state.get_fd(ev.rec.tid, dirfd) {
                Some(fd) => format!("{}/", fd.name),
                None => "<UNKNOWN>".into(),
            }
        };
        let path = crate::state::paths::concatenate_param(&dir, name);
        return Some(if f.name == "fd.name" {
            path
        } else {
            directory_of(&path)
        });
    }
    v
}

/// A name up to its first NUL (what `strcmp` sees).
pub(super) fn raw_name(n: &str) -> &str {
    n.split('\0').next().unwrap_or_default()
}

/// Whether the event is a `connect` exit that failed (its fd name is the
/// tuple it tried, from its parameters).
fn failed_connect(ev: &Event<'_>) -> bool {
    ev.rec.event_type == crate::state::ids::CONNECT_X
        && ev
            .rec
            .param(0)
            .and_then(|b| b.get(..8))
            .and_then(|b| b.try_into().ok())
            .is_some_and(|b| i64::from_le_bytes(b) < 0)
}

/// `fd.directory` of a path: up to the last `/` (kept when it is the
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

/// Compares an extracted value (sysdig's text for it) with the values:
/// numbers, addresses and booleans compare as their type.
pub fn compare_text(c: &Comparison, s: &str) -> bool {
    match c.ty {
        ValueType::Str | ValueType::Bytes => compare_bytes(c, s.as_bytes()),
        ValueType::Int => s.parse::<i64>().is_ok_and(|x| {
            compare_num(c, |v| match v {
                Value::Int(y) => Some(x.cmp(y)),
                _ => None,
            })
        }),
        ValueType::Uint | ValueType::Port => s.parse::<u64>().is_ok_and(|x| {
            compare_num(c, |v| match v {
                Value::Uint(y) => Some(x.cmp(y)),
                _ => None,
            })
        }),
        ValueType::Bool => {
            let x = s == "true";
            compare_num(c, |v| match v {
                Value::Bool(y) => Some(x.cmp(y)),
                _ => None,
            })
        }
        ValueType::Ip => s
            .parse::<IpAddr>()
            .is_ok_and(|x| compare_ip(c.op, &c.values, x)),
        ValueType::Net => false,
    }
}

/// Applies an ordering comparison; lists are "equal to any".
fn compare_num(c: &Comparison, cmp: impl Fn(&Value) -> Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    let one = |v: &Value, op: Op| -> bool {
        let Some(o) = cmp(v) else { return false };
        match op {
            Op::Eq | Op::In | Op::Intersects => o == Equal,
            Op::Ne => o != Equal,
            Op::Lt => o == Less,
            Op::Le => o != Greater,
            Op::Gt => o == Greater,
            Op::Ge => o != Less,
            _ => false,
        }
    };
    if c.op.takes_list() {
        c.values.iter().any(|v| one(v, Op::Eq))
    } else {
        c.values.first().is_some_and(|v| one(v, c.op))
    }
}

/// Text and byte comparisons (`strcmp`, `strstr`, `memmem`, … on the
/// value's bytes).
fn compare_bytes(c: &Comparison, s: &[u8]) -> bool {
    fn bytes(v: &Value) -> Option<&[u8]> {
        match v {
            Value::Str(t) => Some(t.as_bytes()),
            Value::Bytes(b) => Some(b.as_slice()),
            _ => None,
        }
    }
    if c.op == Op::Exists {
        return true;
    }
    if c.op.takes_list() {
        let mut vals = c.values.iter().filter_map(bytes);
        return if c.op == Op::PMatch {
            vals.any(|t| path_prefix(t, s))
        } else {
            vals.any(|t| t == s)
        };
    }
    let Some(v) = c.values.first().and_then(bytes) else {
        return false;
    };
    match c.op {
        Op::Eq => s == v,
        Op::Ne => s != v,
        Op::Lt => s < v,
        Op::Le => s <= v,
        Op::Gt => s > v,
        Op::Ge => s >= v,
        Op::Contains | Op::BContains => contains(s, v),
        Op::IContains => icontains(s, v),
        Op::StartsWith | Op::BStartsWith => s.starts_with(v),
        Op::EndsWith => s.ends_with(v),
        Op::Glob => glob_match(&String::from_utf8_lossy(v), &String::from_utf8_lossy(s)),
        _ => false,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// ASCII case-insensitive substring search (strcasestr).
fn icontains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// libsinsp's `pmatch`: the path's components start with all the
/// components of `prefix` (empty components ignored): `/var/run` matches
/// `/var/run` and `/var/run/x`, not `/var/runner` nor `/var`.
fn path_prefix(prefix: &[u8], path: &[u8]) -> bool {
    let mut want = prefix.split(|&b| b == b'/').filter(|c| !c.is_empty());
    let mut have = path.split(|&b| b == b'/').filter(|c| !c.is_empty());
    loop {
        match (want.next(), have.next()) {
            (None, _) => return true,
            (Some(_), None) => return false,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

fn compare_ip(op: Op, values: &[Value], x: IpAddr) -> bool {
    let eq = |v: &Value| matches!(v, Value::Ip(y) if *y == x);
    match op {
        Op::Eq | Op::In | Op::Intersects => values.iter().any(eq),
        Op::Ne => !values.iter().any(eq),
        _ => false,
    }
}

fn in_net(x: IpAddr, v: &Value) -> bool {
    let Value::Net(net, len) = v else {
        return false;
    };
    match (x, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = if *len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(*len))
            };
            u32::from(a) & mask == u32::from(*b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = if *len == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(*len))
            };
            u128::from(a) & mask == u128::from(*b) & mask
        }
        _ => false,
    }
}

/// libsinsp's `traverse_parent_state` from the main thread: the parents,
/// stopping at a missing one, a tid of -1, a self-parent or a loop.
fn parents<'a>(state: &'a State, main: &'a Thread) -> Vec<&'a Thread> {
    let mut out: Vec<&Thread> = Vec::new();
    let mut cur = state.threads.get(&main.ptid).map(|a| a.as_ref());
    while let Some(p) = cur {
        if p.tid == -1 {
            break;
        }
        out.push(p);
        let next = state.threads.get(&p.ptid).map(|a| a.as_ref());
        match next {
            Some(n) if n.tid == n.ptid || out.iter().any(|o| o.tid == n.tid) => break,
            _ => cur = next,
        }
    }
    out
}

/// `proc.aname` / `proc.apid` without an index: any ancestor matches.
fn any_ancestor(c: &Comparison, pid: bool, ev: &Event<'_>) -> bool {
    let Some(t) = ev.ctx.thread.as_deref() else {
        return false;
    };
    let main = if t.is_main_thread() {
        Some(t)
    } else {
        ev.state.main_thread_of(t)
    };
    let Some(main) = main else { return false };
    parents(ev.state, main).into_iter().any(|p| {
        if c.op == Op::Exists {
            return true;
        }
        if pid {
            compare_text(c, &p.pid.to_string())
        } else {
            compare_text(c, &p.comm)
        }
    })
}

/// The fd a filter-only fd field looks at (`extract_fd`): fd events only.
fn event_fd<'a>(ev: &'a Event<'_>) -> Option<&'a Fd> {
    let flags = schema::compat_flags(ev.rec.event_type);
    if flags & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD) == 0 {
        return None;
    }
    ev.ctx.thread.as_ref()?;
    ev.ctx.fd.as_deref()
}

fn ip4(v: u32) -> IpAddr {
    IpAddr::from(v.to_le_bytes())
}

/// `fd.ip`, `fd.port`, `fd.proto`: either end of the connection.
fn fd_either_end(c: &Comparison, ev: &Event<'_>) -> bool {
    let Some(f) = event_fd(ev) else {
        return false;
    };
    if c.op == Op::Exists {
        return matches!(
            f.kind,
            FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server
        );
    }
    if c.ty == ValueType::Ip {
        let (a, b) = match f.kind {
            FdKind::Ipv4 => (ip4(f.v4_sip()), Some(ip4(f.v4_dip()))),
            FdKind::Ipv6 => (IpAddr::from(f.v6_sip()), Some(IpAddr::from(f.v6_dip()))),
            FdKind::Ipv4Server => (ip4(f.v4srv_ip()), None),
            FdKind::Ipv6Server => (IpAddr::from(f.v6srv_ip()), None),
            _ => return false,
        };
        return match (c.op, b) {
            (Op::Ne, Some(b)) => {
                compare_ip(Op::Ne, &c.values, a) && compare_ip(Op::Ne, &c.values, b)
            }
            (op, Some(b)) => compare_ip(op, &c.values, a) || compare_ip(op, &c.values, b),
            (op, None) => compare_ip(op, &c.values, a),
        };
    }
    let (sp, dp) = match f.kind {
        FdKind::Ipv4 => (f.v4_sport(), f.v4_dport()),
        FdKind::Ipv6 => (f.v6_sport(), f.v6_dport()),
        FdKind::Ipv4Server => (f.v4srv_port(), f.v4srv_port()),
        FdKind::Ipv6Server => (f.v6srv_port(), f.v6srv_port()),
        _ => return false,
    };
    let test = |p: u16| compare_text(c, &p.to_string());
    if c.op == Op::Ne {
        test(sp) && test(dp)
    } else {
        test(sp) || test(dp)
    }
}

/// `fd.net` (either end) and `fd.cnet`/`snet`/`lnet`/`rnet` (the address
/// `fd.cip`/`sip`/`lip`/`rip` gives).
fn fd_net(c: &Comparison, role: NetRole, ev: &Event<'_>, env: &FieldEnv) -> bool {
    let member = |x: IpAddr| c.values.iter().any(|v| in_net(x, v));
    let test = |x: IpAddr| match c.op {
        Op::Ne => !member(x),
        _ => member(x),
    };
    if role != NetRole::Any {
        let name = match role {
            NetRole::Client => "fd.cip",
            NetRole::Server => "fd.sip",
            NetRole::Local => "fd.lip",
            _ => "fd.rip",
        };
        let field = Field {
            name,
            arg: FieldArg::None,
        };
        let Some(s) = fields::eval(&field, ev, env) else {
            return false;
        };
        return c.op == Op::Exists || s.parse::<IpAddr>().is_ok_and(test);
    }
    let Some(f) = event_fd(ev) else {
        return false;
    };
    let (a, b) = match f.kind {
        FdKind::Ipv4 => (ip4(f.v4_sip()), Some(ip4(f.v4_dip()))),
        FdKind::Ipv6 => (IpAddr::from(f.v6_sip()), Some(IpAddr::from(f.v6_dip()))),
        FdKind::Ipv4Server => (ip4(f.v4srv_ip()), None),
        FdKind::Ipv6Server => (IpAddr::from(f.v6srv_ip()), None),
        _ => return false,
    };
    if c.op == Op::Exists {
        return true;
    }
    match (c.op, b) {
        (Op::Ne, Some(b)) => test(a) && test(b),
        (_, Some(b)) => test(a) || test(b),
        (_, None) => test(a),
    }
}

/// Applies a filter to the events of a capture, in order, the way
/// `sysdig -r FILE FILTER` does, and keeps the per-stream values fields
/// need (`evt.reltime`).
///
/// sysdig evaluates the filter inside its parser. An event that does not
/// modify state (no `EF_MODIFIES_STATE`: reads, writes, most syscalls) is
/// tested before it is parsed, and when it is rejected libsinsp forgets its
/// thread's last event type: the exit that follows a rejected enter is
/// then "unpaired" and has no fd of its own (`evt.buflen` and the I/O
/// `evt.category` have no value), although `fd.*` fields still find the fd
/// through the thread. With any filter, a `write` exit always takes its
/// thread's last fd as its own. The matcher reproduces both: when they
/// apply, [`Matcher::context`] gives the context to evaluate and print the
/// event with.
///
/// Used on its own, after the reader applied every event, the matcher
/// cannot undo parsing: rejected events still changed scapscope's state,
/// which shows in the few fields such events change (memory counters from
/// `switch`, the tuple of an unconnected UDP socket). Give it to
/// [`crate::reader::Reader::set_filter`] instead to run it inside the state
/// engine, exactly as sysdig does; `print` and `count` do.
#[derive(Debug, Clone)]
pub struct Matcher {
    filter: Filter,
    env: FieldEnv,
    /// Threads whose last enter event the filter rejected.
    broken: rustc_hash::FxHashMap<i64, bool>,
    adjusted: Option<EventContext>,
}

impl Matcher {
    /// A matcher for `filter`, local times shifted by `tz_offset_s`.
    pub fn new(filter: Filter, tz_offset_s: i64) -> Matcher {
        Matcher {
            filter,
            env: FieldEnv {
                tz_offset_s,
                ..Default::default()
            },
            broken: Default::default(),
            adjusted: None,
        }
    }

    /// The filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Whether the next event of the stream matches. Call it for every
    /// event the reader yields, in order.
    pub fn matches(&mut self, ev: &Event<'_>) -> bool {
        if self.env.first_ts_ns.is_none()
            && ev.num.is_some()
            && !matches!(ev.rec.event_type, 228 | 272 | 324)
        {
            self.env.first_ts_ns = Some(ev.rec.ts_ns);
        }
        let etype = ev.rec.event_type;
        let flags = schema::compat_flags(etype);
        let modifies = flags & event_flags::MODIFIES_STATE != 0;
        let skip_reset =
            flags & event_flags::SKIPPARSERESET != 0 || etype == crate::state::ids::SCHEDSWITCH_6_E;
        let enter = schema::is_enter(etype);
        let tid = ev.rec.tid;
        self.adjusted = None;
        let unpaired = !enter
            && !modifies
            && !skip_reset
            && ev.ctx.enter_matched
            && self.broken.get(&tid).copied().unwrap_or(false);
        let write_x = etype == crate::state::ids::WRITE_X;
        if unpaired || (write_x && !ev.ctx.fd_from_event && ev.ctx.fd.is_some()) {
            let mut ctx = ev.ctx.clone();
            if unpaired {
                ctx.enter_matched = false;
                ctx.enter_params = None;
                ctx.fd_from_event = false;
            }
            if write_x {
                ctx.fd_from_event = ctx.fd.is_some();
            }
            self.adjusted = Some(ctx);
        }
        let m = match &self.adjusted {
            Some(ctx) => self.filter.matches(&with_context(ev, ctx), &self.env),
            None => self.filter.matches(ev, &self.env),
        };
        if ev.ctx.thread.is_some() && !skip_reset {
            if enter {
                self.broken.insert(tid, !m && !modifies);
            } else if !m && !modifies {
                self.broken.insert(tid, true);
            }
        }
        self.env.prev_ts_ns = Some(ev.rec.ts_ns);
        m
    }

    /// The context sysdig sees for the event last passed to
    /// [`Matcher::matches`], when it differs from the reader's (see the
    /// type's docs); print the event with it ([`with_context`]).
    pub fn context(&self) -> Option<&EventContext> {
        self.adjusted.as_ref()
    }
}

/// The same event seen with another context.
pub fn with_context<'a>(ev: &Event<'a>, ctx: &'a EventContext) -> Event<'a> {
    Event {
        num: ev.num,
        index: ev.index,
        hidden: ev.hidden,
        offset: ev.offset,
        rec: ev.rec.clone(),
        ctx,
        state: ev.state,
        passed: ev.passed,
    }
}

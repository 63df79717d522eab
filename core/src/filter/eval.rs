//! Evaluating a filter on events.

use std::net::IpAddr;

use super::glob::glob_match;
use super::{Comparison, Expr, Filter, NetRole, Op, Target, Value, ValueType};
use crate::fields::{self, Field, FieldArg, FieldEnv};
use crate::reader::Event;
use crate::schema::{self, event_flags};
use crate::state::{Fd, FdKind, State, Thread};

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
            match fields::eval(f, ev, env) {
                None => false,
                Some(_) if c.op == Op::Exists => true,
                Some(s) => compare_text(c, &s),
            }
        }
        Target::FdIp | Target::FdPort | Target::FdProto => fd_either_end(c, ev),
        Target::FdNet(role) => fd_net(c, *role, ev, env),
    }
}

/// Compares an extracted value (sysdig's text for it) with the values.
fn compare_text(c: &Comparison, s: &str) -> bool {
    match c.ty {
        ValueType::Str | ValueType::Bytes => compare_str(c, s),
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
        ValueType::Ip => s.parse::<IpAddr>().is_ok_and(|x| compare_ip(c.op, &c.values, x)),
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

fn compare_str(c: &Comparison, s: &str) -> bool {
    fn text(v: &Value) -> Option<&str> {
        match v {
            Value::Str(t) => Some(t.as_str()),
            _ => None,
        }
    }
    let first = c.values.first();
    match c.op {
        Op::Exists => true,
        Op::In | Op::Intersects => c.values.iter().filter_map(text).any(|t| t == s),
        Op::PMatch => c.values.iter().filter_map(text).any(|t| path_prefix(t, s)),
        Op::BContains | Op::BStartsWith => {
            let Some(Value::Bytes(b)) = first else {
                return false;
            };
            let hay = s.as_bytes();
            if c.op == Op::BStartsWith {
                hay.starts_with(b)
            } else {
                b.is_empty() || hay.windows(b.len()).any(|w| w == b.as_slice())
            }
        }
        op => {
            let Some(v) = first.and_then(text) else {
                return false;
            };
            match op {
                Op::Eq => s == v,
                Op::Ne => s != v,
                Op::Lt => s.as_bytes() < v.as_bytes(),
                Op::Le => s.as_bytes() <= v.as_bytes(),
                Op::Gt => s.as_bytes() > v.as_bytes(),
                Op::Ge => s.as_bytes() >= v.as_bytes(),
                Op::Contains => s.contains(v),
                Op::IContains => icontains(s, v),
                Op::StartsWith => s.starts_with(v),
                Op::EndsWith => s.ends_with(v),
                Op::Glob => glob_match(v, s),
                _ => false,
            }
        }
    }
}

/// ASCII case-insensitive substring search (strcasestr).
fn icontains(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// libsinsp's `pmatch`: the path's components start with all the
/// components of `prefix` (empty components ignored): `/var/run` matches
/// `/var/run` and `/var/run/x`, not `/var/runner` nor `/var`.
fn path_prefix(prefix: &str, path: &str) -> bool {
    let mut want = prefix.split('/').filter(|c| !c.is_empty());
    let mut have = path.split('/').filter(|c| !c.is_empty());
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
            (Op::Ne, Some(b)) => compare_ip(Op::Ne, &c.values, a) && compare_ip(Op::Ne, &c.values, b),
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
#[derive(Debug, Clone)]
pub struct Matcher {
    filter: Filter,
    env: FieldEnv,
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
        let m = self.filter.matches(ev, &self.env);
        self.env.prev_ts_ns = Some(ev.rec.ts_ns);
        m
    }
}

//! Filters compiled to scans over the columnar store ([`Snapshot`]).
//!
//! A [`StoreFilter`] evaluates the tree a column at a time on bitsets of
//! candidate events, chunk by chunk in parallel: `and` narrows the
//! candidates its later terms look at, `or` skips events already
//! matched. Cheap columns are compared directly (`evt.type` and
//! `evt.dir` through a table by event type id, `thread.tid`, `evt.num`,
//! `evt.rawtime`, `evt.cpu`, `evt.rawres`); fields of the thread and fd
//! entities (`proc.name`, `fd.name`, …) are evaluated once per distinct
//! entity the chunk references and then looked up by id, so a substring
//! or glob runs once per distinct string, not once per event.
//!
//! Only fields the store holds are supported; [`StoreFilter::compile`]
//! says which one is not, and callers then use the reader and a
//! [`super::Matcher`].

use rayon::prelude::*;

use super::eval::compare_text;
use super::{Comparison, Expr, Filter, Op, Target};
use crate::fields::FieldArg;
use crate::reader::SYSDIG_EVENT_MAX;
use crate::render;
use crate::schema::{self, event_flags};
use crate::state::{Fd, State, Thread};
use crate::store::{Chunk, Snapshot};

/// Why a filter cannot run on the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{field}' is not held by the columnar store; filter with the reader instead")]
pub struct Unsupported {
    /// The field.
    pub field: String,
}

/// A filter compiled for the columnar store.
#[derive(Debug, Clone)]
pub struct StoreFilter {
    expr: SExpr,
}

#[derive(Debug, Clone)]
enum SExpr {
    And(Vec<SExpr>),
    Or(Vec<SExpr>),
    Not(Box<SExpr>),
    Leaf(Leaf),
}

/// What a comparison reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// `evt.type` / `evt.dir`: per event type id, through a table.
    TypeTable,
    Tid,
    Num,
    RawTime,
    Cpu,
    RawRes,
    /// A field of the thread entity.
    Thread(ThreadField),
    /// A field of the fd entity.
    Fd(FdField),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ThreadField {
    Name,
    Pid,
    Exe,
    ContainerId,
    Uid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FdField {
    Num,
    Name,
    Type,
}

#[derive(Debug, Clone)]
struct Leaf {
    cmp: Comparison,
    col: Col,
    /// For [`Col::TypeTable`]: the result per event type id (0 false, 1
    /// true, 2 decide per event: generic events, whose name is their
    /// syscall's).
    table: Vec<u8>,
}

impl StoreFilter {
    /// Compiles a filter for the store, or says which field it lacks.
    pub fn compile(f: &Filter) -> Result<StoreFilter, Unsupported> {
        Ok(StoreFilter {
            expr: compile(&f.expr)?,
        })
    }

    /// Indices (in the snapshot) of the events that match, in order;
    /// events sysdig hides are left out unless `include_hidden`.
    pub fn scan(&self, snap: &Snapshot, include_hidden: bool) -> Vec<usize> {
        let mut bases = Vec::with_capacity(snap.chunks.len());
        let mut n = 0;
        for c in &snap.chunks {
            bases.push(n);
            n += c.len();
        }
        let parts: Vec<Vec<usize>> = snap
            .chunks
            .par_iter()
            .zip(bases.par_iter())
            .map(|(c, &base)| {
                let mut cand = Bits::full(c.len());
                if !include_hidden {
                    for (w, h) in cand.0.iter_mut().zip(&c.hidden) {
                        *w &= !h;
                    }
                }
                let mut sc = ChunkScan {
                    snap,
                    chunk: c,
                    base,
                    thread_cache: Vec::new(),
                    fd_cache: Vec::new(),
                };
                let hits = sc.eval(&self.expr, cand);
                hits.iter().map(|j| base + j).collect()
            })
            .collect();
        parts.concat()
    }

    /// Number of matching events (hidden ones left out).
    pub fn count(&self, snap: &Snapshot) -> usize {
        self.scan(snap, false).len()
    }
}

fn compile(e: &Expr) -> Result<SExpr, Unsupported> {
    Ok(match e {
        Expr::And(v) => SExpr::And(v.iter().map(compile).collect::<Result<_, _>>()?),
        Expr::Or(v) => SExpr::Or(v.iter().map(compile).collect::<Result<_, _>>()?),
        Expr::Not(e) => SExpr::Not(Box::new(compile(e)?)),
        Expr::Cmp(c) => SExpr::Leaf(leaf(c)?),
    })
}

fn leaf(c: &Comparison) -> Result<Leaf, Unsupported> {
    let unsupported = || Unsupported {
        field: c.target.name(),
    };
    let Target::Field(f) = &c.target else {
        return Err(unsupported());
    };
    if f.arg != FieldArg::None {
        return Err(unsupported());
    }
    let col = match f.name {
        "evt.type" | "evt.dir" => Col::TypeTable,
        "thread.tid" => Col::Tid,
        "evt.num" => Col::Num,
        "evt.rawtime" => Col::RawTime,
        "evt.cpu" => Col::Cpu,
        "evt.rawres" => Col::RawRes,
        "proc.name" => Col::Thread(ThreadField::Name),
        "proc.pid" => Col::Thread(ThreadField::Pid),
        "proc.exe" => Col::Thread(ThreadField::Exe),
        "container.id" => Col::Thread(ThreadField::ContainerId),
        "user.uid" => Col::Thread(ThreadField::Uid),
        "fd.num" => Col::Fd(FdField::Num),
        "fd.name" => Col::Fd(FdField::Name),
        "fd.type" => Col::Fd(FdField::Type),
        _ => return Err(unsupported()),
    };
    let mut table = Vec::new();
    if col == Col::TypeTable {
        table = (0..SYSDIG_EVENT_MAX)
            .map(|t| {
                let v = if f.name == "evt.dir" {
                    if schema::is_enter(t) { ">" } else { "<" }.to_string()
                } else if t <= 1 {
                    return 2;
                } else {
                    render::sysdig_event_name(t).to_string()
                };
                u8::from(c.op == Op::Exists || compare_text(c, &v))
            })
            .collect();
    }
    Ok(Leaf {
        cmp: c.clone(),
        col,
        table,
    })
}

/// A bitset over a chunk's events.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if n % 64 != 0
            && let Some(last) = b.0.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        b
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(i * 64 + b)
            })
        })
    }

    fn set(&mut self, j: usize) {
        self.0[j / 64] |= 1 << (j % 64);
    }
}

struct ChunkScan<'a> {
    snap: &'a Snapshot,
    chunk: &'a Chunk,
    base: usize,
    /// Per leaf (by address) and entity id: 0 unknown, 1 false, 2 true.
    thread_cache: Vec<(usize, Vec<u8>)>,
    fd_cache: Vec<(usize, Vec<u8>)>,
}

impl ChunkScan<'_> {
    fn eval(&mut self, e: &SExpr, cand: Bits) -> Bits {
        match e {
            SExpr::And(v) => {
                let mut cur = cand;
                for e in v {
                    if cur.is_empty() {
                        break;
                    }
                    cur = self.eval(e, cur);
                }
                cur
            }
            SExpr::Or(v) => {
                let mut acc = Bits::empty(self.chunk.len());
                let mut rest = cand;
                for e in v {
                    if rest.is_empty() {
                        break;
                    }
                    let hit = self.eval(e, rest.clone());
                    for ((a, r), h) in acc.0.iter_mut().zip(rest.0.iter_mut()).zip(&hit.0) {
                        *a |= h;
                        *r &= !h;
                    }
                }
                acc
            }
            SExpr::Not(e) => {
                let hit = self.eval(e, cand.clone());
                let mut out = cand;
                for (o, h) in out.0.iter_mut().zip(&hit.0) {
                    *o &= !h;
                }
                out
            }
            SExpr::Leaf(l) => self.leaf(l, &cand),
        }
    }

    fn leaf(&mut self, l: &Leaf, cand: &Bits) -> Bits {
        let c = self.chunk;
        let mut out = Bits::empty(c.len());
        let key = l as *const Leaf as usize;
        match l.col {
            Col::TypeTable => {
                for j in cand.iter() {
                    let t = c.event_type[j];
                    let hit = match l.table.get(usize::from(t)).copied().unwrap_or(0) {
                        2 => self.snap.record(self.base + j).is_some_and(|rec| {
                            let name = render::event_type_name(&rec);
                            l.cmp.op == Op::Exists || compare_text(&l.cmp, &name)
                        }),
                        v => v == 1,
                    };
                    if hit {
                        out.set(j);
                    }
                }
            }
            Col::Tid | Col::Num | Col::RawTime | Col::Cpu | Col::RawRes => {
                for j in cand.iter() {
                    let v: Option<String> = match l.col {
                        Col::Tid => Some(self.snap.entities.thread(c.thread[j]).tid.to_string()),
                        Col::Num => c.num(j).map(|n| n.to_string()),
                        Col::RawTime => Some(c.ts_ns(j).to_string()),
                        Col::Cpu => Some(c.cpu(j).to_string()),
                        _ => c.res(j).map(|r| r.to_string()),
                    };
                    if let Some(v) = v
                        && (l.cmp.op == Op::Exists || compare_text(&l.cmp, &v))
                    {
                        out.set(j);
                    }
                }
            }
            Col::Thread(tf) => {
                let n = self.snap.entities.threads.len();
                let slot = cache_slot(&mut self.thread_cache, key, n);
                for j in cand.iter() {
                    let id = c.thread[j];
                    let Some(cell) = slot.get_mut(id as usize) else {
                        continue;
                    };
                    if *cell == 0 {
                        let t = self.snap.entities.thread(id).thread.as_deref();
                        *cell = 1 + u8::from(t.is_some_and(|t| thread_matches(&l.cmp, tf, t)));
                    }
                    if *cell == 2 {
                        out.set(j);
                    }
                }
            }
            Col::Fd(ff) => {
                let n = self.snap.entities.fds.len();
                let idx = cache_index(&mut self.fd_cache, key, n);
                for j in cand.iter() {
                    let id = c.fd[j];
                    let etype = c.event_type[j];
                    let Some(fr) = self.snap.entities.fd(id) else {
                        continue;
                    };
                    // Events whose fd.name does not come from the fd itself
                    // (no fd, or a failed connect) are decided one by one.
                    let per_event = ff == FdField::Name
                        && (fr.fd.is_none()
                            || (etype == crate::state::ids::CONNECT_X
                                && c.res(j).is_some_and(|r| r < 0)));
                    if per_event {
                        if self.creator_name_matches(&l.cmp, j) {
                            out.set(j);
                        }
                        continue;
                    }
                    let cell = &mut self.fd_cache[idx].1[id as usize];
                    if *cell == 0 {
                        let v = match ff {
                            FdField::Num => fr.num.map(|n| n.to_string()),
                            FdField::Name => fr.fd.as_deref().map(fd_name),
                            FdField::Type => fr.fd.as_deref().map(|f| f.kind.type_name().to_string()),
                        };
                        *cell = 1 + u8::from(
                            v.is_some_and(|v| l.cmp.op == Op::Exists || compare_text(&l.cmp, &v)),
                        );
                    }
                    if *cell == 2 {
                        out.set(j);
                    }
                }
            }
        }
        out
    }

    /// `fd.name` of an fd event without an fd (libsinsp's
    /// `extract_fdname_from_creator`), from the event's parameters.
    fn creator_name_matches(&self, cmp: &Comparison, j: usize) -> bool {
        use crate::state::ids::*;
        let Some(rec) = self.snap.record(self.base + j) else {
            return false;
        };
        if schema::is_enter(rec.event_type)
            || schema::compat_flags(rec.event_type)
                & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
        {
            return false;
        }
        let name = match rec.event_type {
            OPEN_X | ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X | CREAT_X | CONNECT_X => {
                // Paths here are absolute or resolved against the cwd,
                // which the store does not keep: an empty state renders
                // them as written.
                let empty = State::default();
                match render::render_param(&rec, 1, rec.tid, &empty) {
                    Some((raw, resolved)) => {
                        if resolved.is_empty() {
                            raw
                        } else {
                            resolved
                        }
                    }
                    None => return false,
                }
            }
            OPENAT_X | OPENAT_2_X | OPENAT2_X => {
                let i = if rec.event_type == OPENAT_X {
                    return false;
                } else {
                    2
                };
                let Some(p) = rec.param(i) else { return false };
                let p = p.split(|&b| b == 0).next().unwrap_or_default();
                String::from_utf8_lossy(p).into_owned()
            }
            _ => String::new(),
        };
        cmp.op == Op::Exists || compare_text(cmp, &name)
    }
}

fn fd_name(f: &Fd) -> String {
    crate::state::fd::sanitize(f.name.as_bytes())
}

fn thread_matches(c: &Comparison, tf: ThreadField, t: &Thread) -> bool {
    let v = match tf {
        ThreadField::Name => t.comm.clone(),
        ThreadField::Pid => t.pid.to_string(),
        ThreadField::Exe => t.exe.clone(),
        ThreadField::ContainerId => {
            if t.container_id.is_empty() {
                "host".into()
            } else {
                t.container_id.clone()
            }
        }
        ThreadField::Uid => t.uid.to_string(),
    };
    c.op == Op::Exists || compare_text(c, &v)
}

fn cache_slot(caches: &mut Vec<(usize, Vec<u8>)>, key: usize, n: usize) -> &mut Vec<u8> {
    let i = cache_index(caches, key, n);
    &mut caches[i].1
}

fn cache_index(caches: &mut Vec<(usize, Vec<u8>)>, key: usize, n: usize) -> usize {
    match caches.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            caches.push((key, vec![0; n]));
            caches.len() - 1
        }
    }
}

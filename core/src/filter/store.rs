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

use std::sync::atomic::AtomicU8;
use std::sync::atomic::Ordering::Relaxed;

use rayon::prelude::*;

use super::eval::{compare_int, compare_text, compare_uint};
use super::{Comparison, Expr, Filter, Op, Target};
use crate::fields::FieldArg;
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
        self.scan_from(snap, 0, include_hidden)
    }

    /// Like [`StoreFilter::scan`], for the events from index `from` on:
    /// while a capture loads, re-apply the filter to each new snapshot
    /// from where the previous scan ended.
    pub fn scan_from(&self, snap: &Snapshot, from: usize, include_hidden: bool) -> Vec<usize> {
        let parts = self.per_chunk(snap, from, include_hidden, |base, hits| {
            let n = hits.0.iter().map(|w| w.count_ones() as usize).sum();
            let mut v = Vec::with_capacity(n);
            v.extend(hits.iter().map(|j| base + j));
            v
        });
        let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for p in parts {
            out.extend_from_slice(&p);
        }
        out
    }

    /// Number of matching events (hidden ones left out), without listing
    /// them.
    pub fn count(&self, snap: &Snapshot) -> usize {
        self.per_chunk(snap, 0, false, |_, hits| {
            hits.0
                .iter()
                .map(|w| w.count_ones() as usize)
                .sum::<usize>()
        })
        .into_iter()
        .sum()
    }

    /// Evaluates the chunks holding events from `from` on, in parallel, and
    /// maps each chunk's hits (a bitset over the chunk, with the index of
    /// its first event).
    fn per_chunk<T: Send>(
        &self,
        snap: &Snapshot,
        from: usize,
        include_hidden: bool,
        map: impl Fn(usize, Bits) -> T + Sync,
    ) -> Vec<T> {
        let mut bases = Vec::with_capacity(snap.chunks.len());
        let mut n = 0;
        for c in &snap.chunks {
            bases.push(n);
            n += c.len();
        }
        // Chunks before the one holding `from` are skipped.
        let first = bases.partition_point(|&b| b <= from).saturating_sub(1);
        // One cache per entity leaf, shared by all chunks: each entity is
        // evaluated about once per scan (racing threads write the same
        // value).
        let mut caches = Caches::default();
        self.expr.alloc_caches(snap, &mut caches);
        let caches = &caches;
        let first = first.min(snap.chunks.len());
        snap.chunks[first..]
            .par_iter()
            .zip(bases[first.min(bases.len())..].par_iter())
            .enumerate()
            .map(|(k, (c, &base))| {
                let mut cand = Bits::full(c.len());
                if !include_hidden {
                    for (w, h) in cand.0.iter_mut().zip(&c.hidden) {
                        *w &= !h;
                    }
                }
                for j in 0..from.saturating_sub(base).min(c.len()) {
                    cand.0[j / 64] &= !(1 << (j % 64));
                }
                let mut sc = ChunkScan {
                    snap,
                    chunk: c,
                    base,
                    caches,
                };
                let hits = sc.eval(&self.expr, cand);
                // Leaves on payloads and parameters read records.
                snap.release_chunk_pages(first + k);
                map(base, hits)
            })
            .collect()
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
        let value = |t: u16| -> u8 {
            let v = if f.name == "evt.dir" {
                if schema::is_enter(t) { ">" } else { "<" }
            } else if t <= 1 {
                return 2;
            } else {
                render::sysdig_event_name(t)
            };
            u8::from(c.op == Op::Exists || compare_text(c, v))
        };
        // Every id has an entry, so that the scan indexes without a check.
        let known = schema::EVENTS.len() as u16;
        let (unknown_enter, unknown_exit) = (value(known & !1), value(known | 1));
        table = (0..=u16::MAX)
            .map(|t| match t {
                t if t < known => value(t),
                t if schema::is_enter(t) => unknown_enter,
                _ => unknown_exit,
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
        if !n.is_multiple_of(64)
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

/// Per entity leaf (by address), per entity id: 0 not evaluated yet, 1
/// false, 2 true, 3 decided per event.
#[derive(Default)]
struct Caches(Vec<(usize, Vec<AtomicU8>)>);

impl Caches {
    fn get(&self, key: usize) -> &[AtomicU8] {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

impl SExpr {
    fn alloc_caches(&self, snap: &Snapshot, caches: &mut Caches) {
        match self {
            SExpr::And(v) | SExpr::Or(v) => v.iter().for_each(|e| e.alloc_caches(snap, caches)),
            SExpr::Not(e) => e.alloc_caches(snap, caches),
            SExpr::Leaf(l) => {
                let n = match l.col {
                    Col::Thread(_) => snap.entities.threads.len(),
                    Col::Fd(_) => snap.entities.fds.len(),
                    _ => return,
                };
                let key = l as *const Leaf as usize;
                caches
                    .0
                    .push((key, (0..n).map(|_| AtomicU8::new(0)).collect()));
            }
        }
    }
}

struct ChunkScan<'a> {
    snap: &'a Snapshot,
    chunk: &'a Chunk,
    base: usize,
    caches: &'a Caches,
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
                let mut et = [0u16; 64];
                let table = &l.table;
                let generic = table[0] == 2 || table[1] == 2;
                for (w, &cw) in cand.0.iter().enumerate() {
                    if cw == 0 {
                        continue;
                    }
                    let start = w * 64;
                    let end = (start + 64).min(c.len());
                    let et = &mut et[..end - start];
                    c.event_types_into(start, et);
                    // 64 events at a time, without branches.
                    let mut bits = 0u64;
                    for (k, &t) in et.iter().enumerate() {
                        bits |= u64::from(table[usize::from(t)] == 1) << k;
                    }
                    out.0[w] = bits & cw;
                    if generic {
                        // Generic events are named after their syscall.
                        for (k, &t) in et.iter().enumerate() {
                            if t <= 1 && cw & (1 << k) != 0 {
                                let j = start + k;
                                let hit = self.snap.record(self.base + j).is_some_and(|rec| {
                                    let name = render::event_type_name(&rec);
                                    l.cmp.op == Op::Exists || compare_text(&l.cmp, &name)
                                });
                                if hit {
                                    out.set(j);
                                }
                            }
                        }
                    }
                }
            }
            Col::Tid | Col::Num | Col::RawTime | Col::Cpu | Col::RawRes => {
                let exists = l.cmp.op == Op::Exists;
                for j in cand.iter() {
                    let hit = match l.col {
                        Col::Tid => {
                            exists
                                || compare_int(
                                    &l.cmp,
                                    self.snap.entities.thread(c.thread_id(j)).tid,
                                )
                        }
                        Col::Num => c.num(j).is_some_and(|n| exists || compare_uint(&l.cmp, n)),
                        Col::RawTime => exists || compare_uint(&l.cmp, c.ts_ns(j)),
                        Col::Cpu => exists || compare_int(&l.cmp, i64::from(c.cpu(j))),
                        _ => c.res(j).is_some_and(|r| exists || compare_int(&l.cmp, r)),
                    };
                    if hit {
                        out.set(j);
                    }
                }
            }
            Col::Thread(tf) => {
                let cache = self.caches.get(key);
                for j in cand.iter() {
                    let id = c.thread_id(j);
                    let Some(slot) = cache.get(id as usize) else {
                        continue;
                    };
                    let mut cell = slot.load(Relaxed);
                    if cell == 0 {
                        let t = self.snap.entities.thread(id).thread.as_deref();
                        cell = 1 + u8::from(t.is_some_and(|t| thread_matches(&l.cmp, tf, t)));
                        slot.store(cell, Relaxed);
                    }
                    if cell == 2 {
                        out.set(j);
                    }
                }
            }
            Col::Fd(ff) => {
                let cache = self.caches.get(key);
                for j in cand.iter() {
                    let id = c.fd_id(j);
                    let Some(slot) = cache.get(id as usize) else {
                        continue;
                    };
                    let cell = slot.load(Relaxed);
                    // 1 false, 2 true, 3 decided per event (fd.name of an
                    // fd event without an fd comes from its parameters).
                    let cell = if cell != 0 {
                        cell
                    } else {
                        let Some(fr) = self.snap.entities.fd(id) else {
                            continue;
                        };
                        let test = |v: &str| l.cmp.op == Op::Exists || compare_text(&l.cmp, v);
                        let hit = match (ff, fr.fd.as_deref()) {
                            (FdField::Num, _) => fr.num.is_some_and(|n| test(&n.to_string())),
                            (FdField::Name, Some(f)) => test(fd_name(f)),
                            (FdField::Type, Some(f)) => test(f.kind.type_name()),
                            (_, None) => false,
                        };
                        let cell = if ff == FdField::Name && fr.fd.is_none() {
                            3
                        } else {
                            1 + u8::from(hit)
                        };
                        slot.store(cell, Relaxed);
                        cell
                    };
                    // A failed connect names the tuple it tried.
                    let per_event = cell == 3
                        || (ff == FdField::Name
                            && c.event_type(j) == crate::state::ids::CONNECT_X
                            && c.res(j).is_some_and(|r| r < 0));
                    let hit = if per_event {
                        self.creator_name_matches(&l.cmp, j)
                    } else {
                        cell == 2
                    };
                    if hit {
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
        let etype = self.chunk.event_type(j);
        if schema::is_enter(etype)
            || schema::compat_flags(etype)
                & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
        {
            return false;
        }
        if !matches!(
            etype,
            OPEN_X
                | ACCEPT_X
                | ACCEPT_5_X
                | ACCEPT4_X
                | ACCEPT4_5_X
                | CREAT_X
                | CONNECT_X
                | OPENAT_X
                | OPENAT_2_X
                | OPENAT2_X
        ) {
            // Other exits have an empty name.
            return cmp.op == Op::Exists || compare_text(cmp, "");
        }
        let Some(rec) = self.snap.record(self.base + j) else {
            return false;
        };
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
                // The old openat takes its path from its enter event (still
                // at hand when sysdig filters): the thread's previous event.
                let enter;
                let (name, dirfd) = if rec.event_type == OPENAT_X {
                    let Some(e) = self.previous_on_thread(j) else {
                        return false;
                    };
                    enter = e;
                    if enter.event_type != OPENAT_E {
                        return false;
                    }
                    (enter.param(1), enter.param(0))
                } else {
                    (rec.param(2), rec.param(1))
                };
                let (Some(name), Some(dirfd)) = (name, dirfd) else {
                    return false;
                };
                let dirfd = dirfd
                    .get(..8)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, i64::from_le_bytes);
                let dir = if name.first() == Some(&b'/') {
                    ".".to_string()
                } else if dirfd == -100 {
                    // The cwd of the thread as the store keeps it.
                    self.snap
                        .entities
                        .thread(self.chunk.thread_id(j))
                        .thread
                        .as_deref()
                        .map_or_else(String::new, |t| t.cwd.to_string())
                } else {
                    "<UNKNOWN>".into()
                };
                crate::state::paths::concatenate_param(&dir, name)
            }
            _ => String::new(),
        };
        cmp.op == Op::Exists || compare_text(cmp, &name)
    }
}

impl ChunkScan<'_> {
    /// The record of the previous event of event `j`'s thread, looked for
    /// among the 64 events before it.
    fn previous_on_thread(&self, j: usize) -> Option<crate::format::event::EventRecord<'_>> {
        let c = self.chunk;
        let tid = self.snap.entities.thread(c.thread_id(j)).tid;
        let global = self.base + j;
        (global.saturating_sub(64)..global)
            .rev()
            .find_map(|i| {
                let row = self.snap.row(i)?;
                (row.tid == tid).then_some(i)
            })
            .and_then(|i| self.snap.record(i))
    }
}

/// `fd.name` as filters compare it: the name as it is, up to a NUL.
fn fd_name(f: &Fd) -> &str {
    super::eval::raw_name(&f.name)
}

fn thread_matches(c: &Comparison, tf: ThreadField, t: &Thread) -> bool {
    let v = match tf {
        ThreadField::Name => t.comm.to_string(),
        ThreadField::Pid => t.pid.to_string(),
        ThreadField::Exe => t.exe.to_string(),
        ThreadField::ContainerId => {
            if t.container_id.is_empty() {
                "host".into()
            } else {
                t.container_id.to_string()
            }
        }
        ThreadField::Uid => t.uid.to_string(),
    };
    c.op == Op::Exists || compare_text(c, &v)
}

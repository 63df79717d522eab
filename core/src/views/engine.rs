//! csysdig's table engine (libsinsp's `sinsp_table`, 0.29.3), over the
//! store: per chunk in parallel, then merged in event order.
//!
//! What it reproduces, because it shows in the numbers:
//! - each event gives one value per column; a field without a value makes
//!   the event count as zero (`use_defaults`, numbers printed in decimal
//!   and text only) or drops the event;
//! - values of a key combine by the column's aggregation: `None` keeps the
//!   first, `Sum`/`TimeAvg` add, `Avg` adds and counts, `Max` keeps the
//!   largest (for text: the latest);
//! - views with a group-by key (procs: threads → processes) then merge the
//!   rows of a group with the columns' merge aggregation, where a sum of
//!   averaged cells adds their averages;
//! - at the end of a file, csysdig adds one event per thread of the thread
//!   table, so every live thread has a row (see [`thread_table_events`]);
//! - JSON output divides floating-point and duration cells by their count
//!   (averages) and prints integers as accumulated.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::state::{Thread, ids};
use crate::store::Snapshot;

use super::defs::{Agg, ViewDef, ViewKind};
use super::extract::{Env, EvRef, PFmt, Raw, Resolved, SRef, SType, VF};
use super::facts::Facts;
use super::model::{Column, Row, Table, Unit, Value};
use super::select::{UserFilter, seen_by_csysdig, type_may_pass, view_filter};
use super::{Query, ViewError};

/// A cell being accumulated: its value, libsinsp's count, and the index
/// of the event that set it (the first for `None`/`Sum`, the latest for
/// `Max`) so that partial results merge in event order.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    v: Raw,
    cnt: u32,
    idx: usize,
}

pub(crate) type Cells = Vec<Cell>;

/// A row key before text is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyRaw {
    I(i64),
    U(u64),
    S(SRef),
}

impl std::hash::Hash for KeyRaw {
    // One word per key: every event looks its row up, and hashing the
    // enum's fields one by one showed in the profiles. Equal keys give
    // equal words; different keys rarely do (`Eq` tells them apart).
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let w = match self {
            KeyRaw::I(v) => *v as u64,
            KeyRaw::U(v) => *v,
            KeyRaw::S(s) => match s {
                SRef::Lit(l) => l.as_ptr() as u64,
                SRef::Thread(f, x) => (u64::from(*x) << 8) ^ (*f as u64),
                SRef::Fd(f, x, t) => (u64::from(*x) << 32) ^ (u64::from(*t) << 2) ^ (*f as u64),
                SRef::Event(e, i) => ((*i as u64) << 2) ^ (*e as u64),
                SRef::Errno(r) => *r as u64,
                SRef::Own(o) => {
                    use std::hash::BuildHasher;
                    rustc_hash::FxBuildHasher.hash_one(o.as_ref())
                }
            },
        };
        h.write_u64(w);
    }
}

/// A row key after.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum KeyFinal {
    I(i64),
    U(u64),
    S(Arc<str>),
}

impl KeyFinal {
    fn text(&self) -> String {
        match self {
            KeyFinal::I(v) => v.to_string(),
            KeyFinal::U(v) => v.to_string(),
            KeyFinal::S(s) => s.to_string(),
        }
    }
}

/// What a computation reads, decided from the view's fields.
struct Plan {
    def: &'static ViewDef,
    /// Table: key, group-by key (if any), then the columns. List: columns.
    fields: Vec<VF>,
    aggs: Vec<Agg>,
    merges: Vec<Agg>,
    /// Index of the first visible column in `fields`.
    first_col: usize,
    needs_dyn: bool,
    needs_latency: bool,
    /// Fields (besides the key) whose missing value drops the event: no
    /// default under the view's `use_defaults`.
    required: Vec<usize>,
    /// Fields (besides the key) that change a row after its first event:
    /// every aggregation but `None`, which keeps the first event's value;
    /// with how [`Run::accumulate`] adds them.
    eager: Vec<(usize, Fast)>,
}

/// How an event adds a field to an existing row, where the generic
/// [`add_event`] can be skipped. A missing value is the default (0,
/// count 0), which changes none of the numeric cells, so only values add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// `Sum`/`TimeAvg` of an unsigned number.
    SumU,
    /// `Avg` of an unsigned number.
    AvgU,
    /// `Max` of an unsigned number.
    MaxU,
    /// `Avg` of a floating-point number.
    AvgD,
    /// `Max` of text: the latest value (the default `""` where none).
    Latest,
    /// Anything else: [`Run::value`] and [`add_event`].
    Generic,
}

/// Fields that have a value for every event (see [`Env::has_value`]).
fn always_has_value(f: VF) -> bool {
    matches!(
        f,
        VF::ThreadTid | VF::EvtCount | VF::TypeIsOpenExit | VF::EvtTime
    )
}

fn fast_op(f: VF, agg: Agg, use_defaults: bool) -> Fast {
    let (t, _) = f.stype();
    // The shortcuts rely on a missing value being the default (or on
    // there being none).
    let defaults = use_defaults && default_value(f).is_some();
    match t {
        SType::U32 | SType::U64 | SType::Reltime if defaults || always_has_value(f) => match agg {
            Agg::Sum | Agg::TimeAvg => Fast::SumU,
            Agg::Avg => Fast::AvgU,
            Agg::Max => Fast::MaxU,
            _ => Fast::Generic,
        },
        SType::Double if defaults && agg == Agg::Avg => Fast::AvgD,
        SType::CharBuf if defaults && agg == Agg::Max => Fast::Latest,
        _ => Fast::Generic,
    }
}

impl Plan {
    fn new(def: &'static ViewDef, user: &UserFilter) -> Plan {
        let mut fields = Vec::new();
        let mut aggs = Vec::new();
        let mut merges = Vec::new();
        if def.kind == ViewKind::Table {
            if let Some(k) = def.key {
                fields.push(k);
                aggs.push(Agg::None);
                merges.push(Agg::None);
            }
            if let Some(g) = def.groupby {
                fields.push(g);
                aggs.push(Agg::None);
                merges.push(Agg::None);
            }
        }
        let first_col = fields.len();
        for c in def.columns {
            fields.push(c.field);
            aggs.push(c.agg);
            merges.push(c.merge);
        }
        let needs_dyn = !user.is_empty()
            || fields.iter().any(|f| {
                matches!(
                    f,
                    VF::ProcPpid
                        | VF::ProcPname
                        | VF::ProcNthreads
                        | VF::VmsizeB
                        | VF::VmrssB
                        | VF::FdOpenCount
                        | VF::FdLimit
                        | VF::FdUsage
                )
            });
        let needs_latency = fields.contains(&VF::EvtLatency);
        // A field that is there twice (a key shown as a column) is checked
        // once.
        let required = (1..fields.len())
            .filter(|&k| !def.use_defaults || default_value(fields[k]).is_none())
            .filter(|&k| !fields[1..k].contains(&fields[k]))
            .collect();
        let eager = (1..fields.len())
            .filter(|&k| aggs[k] != Agg::None)
            .map(|k| (k, fast_op(fields[k], aggs[k], def.use_defaults)))
            .collect();
        Plan {
            def,
            fields,
            aggs,
            merges,
            first_col,
            needs_dyn,
            needs_latency,
            required,
            eager,
        }
    }
}

/// The value a field without a value gets under `use_defaults`, or `None`
/// when the event is dropped instead.
fn default_value(f: VF) -> Option<Raw> {
    let (t, p) = f.stype();
    match t {
        SType::Double => Some(Raw::D(0.0)),
        SType::CharBuf => Some(Raw::S(SRef::Lit(""))),
        SType::Port | SType::IpAddr => None,
        SType::I64 if p == PFmt::Dec => Some(Raw::I(0)),
        SType::U32 | SType::U64 | SType::Reltime if p == PFmt::Dec => Some(Raw::U(0)),
        _ => None,
    }
}

fn add(a: &Raw, b: &Raw) -> Raw {
    match (a, b) {
        (Raw::I(x), Raw::I(y)) => Raw::I(x.wrapping_add(*y)),
        (Raw::U(x), Raw::U(y)) => Raw::U(x.wrapping_add(*y)),
        (Raw::D(x), Raw::D(y)) => Raw::D(x + y),
        (a, _) => a.clone(),
    }
}

fn div(a: &Raw, n: u32) -> Raw {
    match a {
        Raw::I(x) => Raw::I(x / i64::from(n.max(1))),
        Raw::U(x) => Raw::U(x / u64::from(n.max(1))),
        Raw::D(x) => Raw::D(x / f64::from(n.max(1))),
        s => s.clone(),
    }
}

/// `a < b` for numbers (text never compares).
fn less(a: &Raw, b: &Raw) -> bool {
    match (a, b) {
        (Raw::I(x), Raw::I(y)) => x < y,
        (Raw::U(x), Raw::U(y)) => x < y,
        (Raw::D(x), Raw::D(y)) => x < y,
        _ => false,
    }
}

/// Adds one event's value to a cell (libsinsp's `add_fields`, cnt of the
/// event 0 or 1).
fn add_event(cell: &mut Cell, v: Raw, cnt: u32, idx: usize, agg: Agg) {
    match agg {
        Agg::None => {}
        Agg::Sum | Agg::TimeAvg => cell.v = add(&cell.v, &v),
        Agg::Avg => {
            cell.cnt += cnt;
            cell.v = add(&cell.v, &v);
        }
        Agg::Max => match v {
            Raw::S(_) => {
                cell.v = v;
                cell.idx = idx;
            }
            v => {
                if less(&cell.v, &v) {
                    cell.v = v;
                }
            }
        },
        Agg::Min => {
            if cnt != 0 {
                if cell.cnt == 0 {
                    cell.v = add(&cell.v, &v);
                    cell.cnt += 1;
                } else if less(&v, &cell.v) {
                    cell.v = v;
                }
            }
        }
    }
}

/// Merges two partial cells of one key (`b` from other events than `a`).
fn combine(a: &mut Cell, b: Cell, agg: Agg) {
    match agg {
        Agg::None => {
            if b.idx < a.idx {
                *a = b;
            }
        }
        Agg::Sum | Agg::TimeAvg => {
            let (cnt, idx) = if b.idx < a.idx {
                (b.cnt, b.idx)
            } else {
                (a.cnt, a.idx)
            };
            a.v = add(&a.v, &b.v);
            a.cnt = cnt;
            a.idx = idx;
        }
        Agg::Avg => {
            a.v = add(&a.v, &b.v);
            a.cnt += b.cnt;
            a.idx = a.idx.min(b.idx);
        }
        Agg::Max => match (&a.v, &b.v) {
            (Raw::S(_), _) | (_, Raw::S(_)) => {
                if b.idx > a.idx {
                    *a = b;
                }
            }
            _ => {
                if less(&a.v, &b.v) {
                    a.v = b.v;
                }
            }
        },
        Agg::Min => {
            if b.cnt != 0 {
                if a.cnt == 0 {
                    a.v = add(&a.v, &b.v);
                    a.cnt = b.cnt;
                } else if less(&b.v, &a.v) {
                    a.v = b.v;
                }
            }
        }
    }
}

/// Merges the row of one key into its group (libsinsp's `add_row(true)`
/// with the merge aggregation; `src.cnt` may exceed 1 here).
fn merge_cell(dst: &mut Cell, src: &Cell, agg: Agg) {
    match agg {
        Agg::None => {}
        Agg::Sum | Agg::TimeAvg => {
            if src.cnt < 2 {
                dst.v = add(&dst.v, &src.v);
            } else {
                if dst.cnt > 1 {
                    dst.v = div(&dst.v, dst.cnt);
                }
                dst.v = add(&dst.v, &div(&src.v, src.cnt));
                dst.cnt = 1;
            }
        }
        Agg::Avg => {
            dst.cnt += src.cnt;
            dst.v = add(&dst.v, &src.v);
        }
        Agg::Max => match src.v {
            Raw::S(_) => dst.v = src.v.clone(),
            _ => {
                if less(&dst.v, &src.v) {
                    dst.v = src.v.clone();
                }
            }
        },
        Agg::Min => {
            if src.cnt != 0 {
                if dst.cnt == 0 {
                    dst.v = add(&dst.v, &src.v);
                    dst.cnt += 1;
                } else if less(&src.v, &dst.v) {
                    dst.v = src.v.clone();
                }
            }
        }
    }
}

/// The context of one computation.
pub(crate) struct Run<'a> {
    query: &'a Query,
    pub(crate) facts: &'a Facts,
    pub(crate) snap: &'a Snapshot,
    pub(crate) env: Env<'a>,
    plan: Plan,
    user: UserFilter,
    user_bits: Option<Vec<Vec<u64>>>,
    from_ns: u64,
    to_ns: u64,
    /// Accumulate with the plain per-event path ([`Run::values`] +
    /// [`add_to`]) instead of [`Run::accumulate`]: the reference the fast
    /// path is tested against.
    reference: bool,
}

/// One event's values, after `use_defaults`.
pub(crate) type Vals = Vec<(Raw, u32)>;

impl Run<'_> {
    /// The values of every field of the plan for `ev`, or `None` when the
    /// event is dropped.
    fn values(&self, ev: &EvRef<'_>, out: &mut Vals) -> bool {
        out.clear();
        for &f in &self.plan.fields {
            match self.env.extract(f, ev) {
                Some(v) => out.push((v, 1)),
                None if self.plan.def.use_defaults => match default_value(f) {
                    Some(v) => out.push((v, 0)),
                    None => return false,
                },
                None => return false,
            }
        }
        true
    }

    /// The value of field `k` of the plan for `ev`, with its count, after
    /// `use_defaults` (`None`: the event is dropped).
    fn value(&self, k: usize, ev: &EvRef<'_>) -> Option<(Raw, u32)> {
        let f = self.plan.fields[k];
        match self.env.extract(f, ev) {
            Some(v) => Some((v, 1)),
            None if self.plan.def.use_defaults => default_value(f).map(|v| (v, 0)),
            None => None,
        }
    }

    /// Adds `ev` to the rows of a chunk: the same result as
    /// [`Run::values`] then [`add_to`], with less work per event. Fields
    /// that can drop the event are checked first (for presence only where
    /// that is cheaper); a row that exists already only reads the fields
    /// whose aggregation looks past its first event.
    fn accumulate(&self, rows: &mut FastRows, ev: &EvRef<'_>) {
        let plan = &self.plan;
        for &k in &plan.required {
            if !self.env.has_value(plan.fields[k], ev) {
                return;
            }
        }
        // The key: ids straight from the event, other fields by value.
        let (key, kv) = match plan.fields[0] {
            VF::ThreadTid => (KeyRaw::I(ev.tid), None),
            VF::ProcPid => match ev.thread {
                Some(t) => (KeyRaw::I(t.pid), None),
                None => return,
            },
            _ => {
                let Some(v) = self.value(0, ev) else {
                    return;
                };
                (key_of(&v.0), Some(v))
            }
        };
        let width = plan.fields.len();
        let slot = match rows.last {
            Some(s) if rows.keys[s as usize] == key => Some(s),
            _ => rows.slots.get(&key).copied(),
        };
        if let Some(slot) = slot {
            rows.last = Some(slot);
            let at = slot as usize * width;
            let cells = &mut rows.cells[at..at + width];
            for &(k, op) in &plan.eager {
                let cell = &mut cells[k];
                match op {
                    Fast::Generic => {
                        if let Some((v, cnt)) = self.value(k, ev) {
                            add_event(cell, v, cnt, ev.i, plan.aggs[k]);
                        }
                        continue;
                    }
                    Fast::Latest => {
                        // `add_event`'s `Max` of text: the value replaces
                        // the cell's (`evt.time` is a number).
                        if let Some((v, cnt)) = self.value(k, ev) {
                            if matches!(v, Raw::S(_)) {
                                cell.v = v;
                                cell.idx = ev.i;
                            } else {
                                add_event(cell, v, cnt, ev.i, plan.aggs[k]);
                            }
                        }
                        continue;
                    }
                    Fast::AvgD => {
                        // A missing value adds the default 0.0 (which
                        // turns a -0.0 into 0.0) and no count.
                        let (x, cnt) = match self.env.extract(plan.fields[k], ev) {
                            Some(Raw::D(x)) => (x, 1),
                            _ => (0.0, 0),
                        };
                        if let Raw::D(c) = &mut cell.v {
                            *c += x;
                            cell.cnt += cnt;
                        }
                        continue;
                    }
                    _ => {}
                }
                let Some(x) = self.env.unsigned(plan.fields[k], ev) else {
                    continue;
                };
                // Cells of these fields always hold `Raw::U` (a value or
                // the default).
                if let Raw::U(c) = &mut cell.v {
                    match op {
                        Fast::SumU => *c = c.wrapping_add(x),
                        Fast::AvgU => {
                            *c = c.wrapping_add(x);
                            cell.cnt += 1;
                        }
                        Fast::MaxU => *c = (*c).max(x),
                        Fast::AvgD | Fast::Latest | Fast::Generic => {}
                    }
                }
            }
            return;
        }
        let Some((kv, kcnt)) = kv.or_else(|| self.value(0, ev)) else {
            return;
        };
        let start = rows.cells.len();
        rows.cells.push(Cell {
            v: kv,
            cnt: kcnt,
            idx: ev.i,
        });
        for k in 1..width {
            let Some((v, cnt)) = self.value(k, ev) else {
                rows.cells.truncate(start);
                return;
            };
            rows.cells.push(Cell { v, cnt, idx: ev.i });
        }
        let slot = rows.keys.len() as u32;
        rows.width = width;
        rows.slots.insert(key.clone(), slot);
        rows.keys.push(key);
        rows.last = Some(slot);
    }

    /// Whether chunk `ci` lies whole inside the range (its result then does
    /// not depend on the range, and is cached).
    pub(crate) fn whole_chunk(&self, ci: usize) -> bool {
        let c = &self.snap.chunks[ci];
        !c.is_empty()
            && c.summary.min_ts_ns >= self.from_ns
            && c.summary.max_ts_ns < self.to_ns
            && (self.from_ns == 0 || !self.facts.has_zero_stamps(ci))
    }

    /// Calls `visit` for every event of chunk `ci` that csysdig sees, in
    /// the whole chunk (`full`) or in its part in the time range, passing
    /// the user's filter and the view's filter.
    fn for_each_in(&self, ci: usize, full: bool, mut visit: impl FnMut(&EvRef<'_>)) {
        let snap = self.snap;
        let c = &snap.chunks[ci];
        let base = snap.chunk_starts()[ci];
        let span = if full {
            0..c.len()
        } else {
            if c.summary.max_ts_ns < self.from_ns || c.summary.min_ts_ns >= self.to_ns {
                return;
            }
            c.candidates(self.from_ns, self.to_ns)
        };
        let lat = if self.plan.needs_latency {
            self.facts.chunk_latencies(ci)
        } else {
            Vec::new()
        };
        let fd_open = if self.plan.needs_dyn {
            self.facts.chunk_fd_open(ci)
        } else {
            Vec::new()
        };
        let bits = self.user_bits.as_ref().map(|b| &b[ci]);
        let mut resolved = Resolved::default();
        let vf = self.plan.def.filter;
        // Per process, its log of values and how far this chunk's events
        // (in increasing order) are into it: a step forward per change
        // instead of a search per event.
        let mut dyn_cursor: FxHashMap<i64, DynCursor<'_>> = FxHashMap::default();
        let facts = self.facts;
        for j in span {
            if let Some(b) = bits
                && b[j / 64] & (1 << (j % 64)) == 0
            {
                continue;
            }
            if !type_may_pass(vf, c.event_type(j)) || !seen_by_csysdig(c, j) {
                continue;
            }
            let ts = c.ts_ns(j);
            if !full && (ts < self.from_ns || ts >= self.to_ns) {
                continue;
            }
            let etype = c.event_type(j);
            let fd_open_j = fd_open.get(j).copied().unwrap_or(0);
            let ev = ev_ref(
                facts,
                c,
                base,
                j,
                (etype, ts),
                &lat,
                self.plan.needs_dyn.then_some((&mut dyn_cursor, fd_open_j)),
            );
            if bits.is_none()
                && let Some(n) = &self.user.native
                && !n.matches(&self.env, &mut resolved, &ev)
            {
                continue;
            }
            if !view_filter(self.plan.def.filter, &self.env, &ev) {
                continue;
            }
            visit(&ev);
        }
    }

    /// Whether no user filter applies.
    pub(crate) fn user_is_empty(&self) -> bool {
        self.user.is_empty()
    }

    /// Time of the first and last event csysdig sees in the range.
    pub(crate) fn span(&self) -> (u64, u64) {
        let snap = self.snap;
        let mut lo = u64::MAX;
        let mut hi = 0;
        for c in &snap.chunks {
            if c.summary.max_ts_ns < self.from_ns || c.summary.min_ts_ns >= self.to_ns {
                continue;
            }
            lo = lo.min(c.summary.min_ts_ns.max(self.from_ns));
            hi = hi.max(c.summary.max_ts_ns.min(self.to_ns.saturating_sub(1)));
        }
        if lo == u64::MAX { (0, 0) } else { (lo, hi) }
    }

    /// Whether the range reaches the end of the capture, so that csysdig's
    /// end-of-file thread-table events belong in it.
    pub(crate) fn reaches_end(&self) -> bool {
        if !self.facts.at_end() {
            return false;
        }
        let last = self
            .snap
            .chunks
            .iter()
            .map(|c| c.summary.max_ts_ns)
            .max()
            .unwrap_or(0);
        self.to_ns > last && self.from_ns <= last
    }
}

pub(crate) type Partial = FxHashMap<KeyRaw, Cells>;

/// Per-process values of `pid` right after event `i` (see
/// [`Facts::procdyn_log`]), for events visited in increasing order: `cur` keeps each process's log
/// and how far into it the visit is.
fn dyn_at<'f>(
    facts: &'f Facts,
    cur: &mut FxHashMap<i64, DynCursor<'f>>,
    pid: i64,
    i: usize,
) -> Option<crate::store::ProcDyn> {
    let (log, k) = cur.entry(pid).or_insert_with(|| {
        let log = facts.procdyn_log(pid);
        (log, log.partition_point(|&(at, _)| at <= i))
    });
    while *k < log.len() && log[*k].0 <= i {
        *k += 1;
    }
    (*k > 0).then(|| log[*k - 1].1)
}

/// A process's log of values and the position of the visit in it.
type DynCursor<'f> = (&'f [(usize, crate::store::ProcDyn)], usize);

/// Event `j` of chunk `c` (whose first event is `base`) as the fields
/// read it, given its type and time. `dynv`: the cursors of the visit and
/// the event's fd count, when the per-process values are wanted.
fn ev_ref<'a>(
    facts: &'a Facts,
    c: &crate::store::Chunk,
    base: usize,
    j: usize,
    (etype, ts_ns): (u16, u64),
    lat: &[u64],
    dynv: Option<(&mut FxHashMap<i64, DynCursor<'a>>, u64)>,
) -> EvRef<'a> {
    let snap = facts.snapshot();
    let i = base + j;
    let thread_ent = c.thread_id(j);
    let tref = snap.entities.thread(thread_ent);
    let thread = tref.thread.as_deref();
    let fd_ent = c.fd_id(j);
    EvRef {
        i,
        etype,
        ts_ns,
        tid: tref.tid,
        thread,
        thread_ent,
        fd: snap.entities.fd(fd_ent),
        fd_ent,
        event_fd: c.has_event_fd(j),
        res: c.res(j),
        dynv: dynv.and_then(|(cur, fd_open)| {
            thread
                .and_then(|t| dyn_at(facts, cur, t.pid, i))
                .map(|d| crate::store::ProcDyn { fd_open, ..d })
        }),
        latency_ns: lat.get(j).copied().unwrap_or(0),
        cpu: if etype == ids::PROCINFO_E {
            facts.cpu(i)
        } else {
            None
        },
    }
}

/// A chunk's rows as [`Run::accumulate`] builds them: keys to slots, the
/// cells of all rows in one vector (`width` a row, by slot).
#[derive(Default)]
pub(crate) struct FastRows {
    slots: FxHashMap<KeyRaw, u32>,
    keys: Vec<KeyRaw>,
    cells: Vec<Cell>,
    width: usize,
    /// The slot of the last event's key: events of one thread, fd or type
    /// come in runs, which skip the lookup.
    last: Option<u32>,
}

impl FastRows {
    fn into_partial(self) -> Partial {
        let width = self.width;
        let mut cells = self.cells.into_iter();
        self.keys
            .into_iter()
            .map(|k| (k, cells.by_ref().take(width).collect()))
            .collect()
    }
}

/// A chunk's rows keyed by their resolved key (rows of different entities
/// with the same text merged, in event order).
pub(crate) type ByKey = FxHashMap<KeyFinal, Cells>;

/// Merges a chunk's rows by resolved key.
fn resolve_keys(r: &Run<'_>, raw: Partial, aggs: &[Agg]) -> ByKey {
    let mut res = Resolved::default();
    let mut out: ByKey = FxHashMap::default();
    for (k, cells) in raw {
        let key = match k {
            KeyRaw::I(v) => KeyFinal::I(v),
            KeyRaw::U(v) => KeyFinal::U(v),
            KeyRaw::S(s) => KeyFinal::S(res.get(&r.env, &s)),
        };
        match out.get_mut(&key) {
            Some(dst) => {
                for (k, c) in cells.into_iter().enumerate() {
                    combine(&mut dst[k], c, if k == 0 { Agg::None } else { aggs[k] });
                }
            }
            None => {
                out.insert(key, cells);
            }
        }
    }
    out
}

/// One chunk's result for a view and filter, kept for the ranges that
/// cover the chunk whole.
#[derive(Debug)]
pub(crate) enum ChunkPart {
    /// Rows by key.
    Table(ByKey),
    /// Events that passed the filter, and the rows they gave.
    List(usize, Vec<(usize, Vals)>),
    /// Processes of the tree view.
    Tree(FxHashMap<i64, super::tree::Proc>),
}

impl ChunkPart {
    /// Roughly what it holds in memory, in bytes (for the cache's budget:
    /// a 170k-row view keeps hundreds of MB of chunk results). In constant
    /// time, from the first row (a view's rows have the same fields):
    /// the budget is checked every time a view's results are asked for.
    pub(crate) fn approx_bytes(&self) -> usize {
        use std::mem::size_of;
        // A hash map's slot and control byte, at its usual load.
        const SLOT_OVERHEAD: usize = 16;
        match self {
            ChunkPart::Table(m) => {
                let row = m.iter().next().map_or(0, |(k, c)| {
                    let text = match k {
                        KeyFinal::S(s) => s.len() + 16,
                        _ => 0,
                    };
                    c.capacity() * size_of::<Cell>() + text
                });
                m.capacity() * (size_of::<(KeyFinal, Cells)>() + SLOT_OVERHEAD) + m.len() * row
            }
            ChunkPart::List(_, rows) => {
                let row = rows
                    .first()
                    .map_or(0, |(_, v)| v.capacity() * size_of::<(Raw, u32)>());
                rows.capacity() * size_of::<(usize, Vals)>() + rows.len() * row
            }
            ChunkPart::Tree(m) => {
                m.capacity() * (size_of::<(i64, super::tree::Proc)>() + SLOT_OVERHEAD)
            }
        }
    }
}

/// A chunk's result while its events are added (see [`Run::add`]).
pub(crate) enum Acc {
    Table(FastRows),
    /// Events that passed the filter so far, and the rows they gave.
    List(usize, Vec<(usize, Vals)>),
    Tree(FxHashMap<i64, super::tree::Proc>),
}

impl Run<'_> {
    /// An empty result of this view for one chunk.
    pub(crate) fn new_acc(&self) -> Acc {
        match self.plan.def.kind {
            ViewKind::Table => Acc::Table(FastRows::default()),
            ViewKind::List => Acc::List(0, Vec::new()),
            ViewKind::Tree => Acc::Tree(FxHashMap::default()),
        }
    }

    /// Adds `ev`, which passed the filters, to a chunk's result: the one
    /// path of a look ([`Run::for_each_in`]) and of the warmer's shared
    /// pass.
    pub(crate) fn add(&self, acc: &mut Acc, ev: &EvRef<'_>) {
        match acc {
            Acc::Table(rows) => self.accumulate(rows, ev),
            Acc::List(passed, rows) => {
                // csysdig's row counter counts every event that passed
                // the filter, also those dropped for a missing value.
                *passed += 1;
                let mut vals = Vals::new();
                if self.values(ev, &mut vals) {
                    rows.push((*passed, vals));
                }
            }
            Acc::Tree(procs) => super::tree::add(procs, ev),
        }
    }

    /// The chunk's result (tables: keys resolved).
    pub(crate) fn finish(&self, acc: Acc) -> ChunkPart {
        match acc {
            Acc::Table(rows) => {
                ChunkPart::Table(resolve_keys(self, rows.into_partial(), &self.plan.aggs))
            }
            Acc::List(passed, rows) => ChunkPart::List(passed, rows),
            Acc::Tree(procs) => ChunkPart::Tree(procs),
        }
    }
}

/// Cached chunk results of one view and filter, with the state tables
/// each read (bits of [`super::extract::reads`]); the cells are shared
/// with the facts of later snapshots ([`Facts::next`]).
pub(crate) type ChunkSlots = Vec<Arc<std::sync::OnceLock<(Arc<ChunkPart>, u8)>>>;

/// Chunk results of a view whose whole-range table a warmer keeps are
/// dropped past this size: other ranges compute theirs again (a 1% range
/// of a 50M-event capture takes tens of ms), and the app's memory stays
/// near the store's instead of growing by GBs with the large views.
pub(crate) const PINNED_PARTS_MAX_BYTES: usize = 32 << 20;

/// The key of a view's chunk results under a filter.
fn parts_key(def: &ViewDef, q: &Query, reference: bool) -> String {
    format!(
        "{}{}\u{0}{}",
        if reference { "reference:" } else { "" },
        def.id,
        q.filter.as_ref().map(|f| f.to_string()).unwrap_or_default()
    )
}

impl Run<'_> {
    fn cache_key(&self, q: &Query) -> String {
        parts_key(self.plan.def, q, self.reference)
    }

    /// The cache slots of this view and filter.
    pub(crate) fn tree_slots(&self) -> Arc<ChunkSlots> {
        self.facts.view_slots(&self.cache_key(self.query), false)
    }

    /// [`Run::part`], for other modules.
    pub(crate) fn part_of(
        &self,
        slots: &ChunkSlots,
        ci: usize,
        make: impl Fn(bool) -> ChunkPart,
    ) -> Arc<ChunkPart> {
        self.part(slots, ci, make)
    }

    /// [`Run::for_each_in`], for other modules.
    pub(crate) fn for_each_event_in(&self, ci: usize, full: bool, visit: impl FnMut(&EvRef<'_>)) {
        self.for_each_in(ci, full, visit);
    }

    /// Chunk `ci`'s part: cached when the chunk lies whole in the range.
    fn part(
        &self,
        slots: &ChunkSlots,
        ci: usize,
        make: impl Fn(bool) -> ChunkPart,
    ) -> Arc<ChunkPart> {
        if self.whole_chunk(ci)
            && let Some(slot) = slots.get(ci)
        {
            return slot
                .get_or_init(|| {
                    let (p, r) = super::extract::with_reads(|| make(true));
                    self.snap.release_chunk_pages(ci);
                    (Arc::new(p), r)
                })
                .0
                .clone();
        }
        let p = Arc::new(make(false));
        self.snap.release_chunk_pages(ci);
        p
    }
}

fn key_of(v: &Raw) -> KeyRaw {
    match v {
        Raw::I(x) => KeyRaw::I(*x),
        Raw::U(x) => KeyRaw::U(*x),
        Raw::D(x) => KeyRaw::U(x.to_bits()),
        Raw::S(s) => KeyRaw::S(s.clone()),
    }
}

fn cells_of(vals: Vals, idx: usize) -> Cells {
    vals.into_iter()
        .map(|(v, cnt)| Cell { v, cnt, idx })
        .collect()
}

fn add_to(partial: &mut Partial, vals: &mut Vals, idx: usize, aggs: &[Agg]) {
    let key = key_of(&vals[0].0);
    match partial.get_mut(&key) {
        Some(cells) => {
            for (k, (v, cnt)) in vals.drain(..).enumerate().skip(1) {
                add_event(&mut cells[k], v, cnt, idx, aggs[k]);
            }
        }
        None => {
            partial.insert(key, cells_of(std::mem::take(vals), idx));
        }
    }
}

/// One event per thread of the table at the end of the capture, as
/// csysdig adds them before its last sample (`process_proctable`): type
/// `sysdigevent`, no fd, stamped just before the last event's second.
pub(crate) fn thread_table_events<'a>(facts: &'a Facts, snap: &Snapshot) -> Vec<(&'a Thread, u64)> {
    let state = facts.state();
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap_or(0);
    let ts = (last - last % 1_000_000_000).wrapping_sub(1);
    state
        .threads_in_table_order()
        .into_iter()
        .map(|t| (t.as_ref(), ts))
        .collect()
}

fn synth_event<'a>(facts: &Facts, t: &'a Thread, ts_ns: u64) -> EvRef<'a> {
    let state = facts.state();
    let main = state.main_thread_of(t);
    let dynv = main.map(|m| {
        let d = state.thread_dyn(m.tid);
        crate::store::ProcDyn {
            main_known: true,
            ptid: m.ptid,
            nthreads: m.nchilds + 1,
            vmsize_kb: d.map_or(0, |d| d.vmsize_kb),
            vmrss_kb: d.map_or(0, |d| d.vmrss_kb),
            fd_open: state.fd_tables.get(&m.tid).map_or(0, |t| t.len() as u64),
            fd_limit: m.fdlimit,
        }
    });
    EvRef {
        i: usize::MAX,
        etype: SYSDIGEVENT_X,
        ts_ns,
        tid: t.tid,
        thread: Some(t),
        thread_ent: u32::MAX,
        fd: None,
        fd_ent: u32::MAX,
        event_fd: false,
        res: None,
        dynv,
        latency_ns: 0,
        cpu: None,
    }
}

/// `PPME_SYSDIGEVENT_X`, the type of csysdig's thread-table events.
const SYSDIGEVENT_X: u16 = 197;

/// Runs view `def` over `facts`' snapshot.
pub(crate) fn run(facts: &Facts, def: &'static ViewDef, q: &Query) -> Result<Table, ViewError> {
    run_with(facts, def, q, false)
}

/// [`run`], with the plain per-event accumulation when `reference` (its
/// chunk results cached apart from the fast path's).
pub(crate) fn run_with(
    facts: &Facts,
    def: &'static ViewDef,
    q: &Query,
    reference: bool,
) -> Result<Table, ViewError> {
    run_shared_with(facts, def, q, reference).map(|t| copy_table(&t))
}

/// [`run_with`], returning the table the cache keeps (no copy: a repeated
/// look at a 170k-row table costs nothing).
pub(crate) fn run_shared_with(
    facts: &Facts,
    def: &'static ViewDef,
    q: &Query,
    reference: bool,
) -> Result<Arc<Table>, ViewError> {
    run_shared_pin(facts, def, q, reference, false)
}

/// [`run_shared_with`]; `pin` keeps the table whatever else is looked at.
pub(crate) fn run_shared_pin(
    facts: &Facts,
    def: &'static ViewDef,
    q: &Query,
    reference: bool,
    pin: bool,
) -> Result<Arc<Table>, ViewError> {
    // A view looked at again with the same filter and range (back in the
    // breadcrumbs, a repeated click) is the table computed before.
    let table_key = table_key(def, q, reference);
    if let Some(t) = facts.cached_table(&table_key) {
        if pin {
            // Asked by a look before the warmer got here: kept the same.
            facts.keep_table(table_key, t.clone(), true);
            facts.drop_large_parts(&parts_key(def, q, reference), facts.pinned_parts_max_bytes);
        }
        return Ok(t);
    }
    let t = Arc::new(compute_table(facts, def, q, reference)?);
    facts.keep_table(table_key, t.clone(), pin);
    if pin {
        // The whole table is kept: the chunk results it came from serve
        // only other ranges, which can compute them again; large ones go.
        facts.drop_large_parts(&parts_key(def, q, reference), facts.pinned_parts_max_bytes);
    }
    Ok(t)
}

/// The key a view's table is kept under in the facts, by filter and range.
pub(crate) fn table_key(def: &ViewDef, q: &Query, reference: bool) -> String {
    let filter_text = q.filter.as_ref().map(|f| f.to_string()).unwrap_or_default();
    format!(
        "{}{}\u{0}{filter_text}\u{0}{:?}\u{0}{:?}",
        if reference { "reference:" } else { "" },
        def.id,
        q.from_ns,
        q.to_ns
    )
}

/// A copy of `t`, its rows copied on all cores (a 170k-row table is some
/// 2 million strings).
fn copy_table(t: &Table) -> Table {
    Table {
        view: t.view,
        columns: t.columns.clone(),
        rows: t.rows.par_iter().cloned().collect(),
        sort_column: t.sort_column,
        sort_descending: t.sort_descending,
        span_ns: t.span_ns,
    }
}

fn compute_table(
    facts: &Facts,
    def: &'static ViewDef,
    q: &Query,
    reference: bool,
) -> Result<Table, ViewError> {
    let user = UserFilter::new(q.filter.as_ref())?;
    let snap: &Snapshot = facts.snapshot();
    let plan = Plan::new(def, &user);
    let user_bits = user.chunk_bits(snap);
    let r = Run {
        query: q,
        facts,
        snap,
        env: Env::new(snap, facts.state()),
        plan,
        user,
        user_bits,
        from_ns: q.from_ns.unwrap_or(0),
        to_ns: q.to_ns.unwrap_or(u64::MAX),
        reference,
    };
    let t = match def.kind {
        ViewKind::Table => table(&r),
        ViewKind::List => list(&r),
        ViewKind::Tree => super::tree::tree(&r, def),
    };
    // The texts of keys and rows read records all over the capture.
    snap.release_pages();
    Ok(t)
}

impl Run<'_> {
    /// Chunk `ci`'s rows of a table view.
    fn table_part(&self, ci: usize, full: bool) -> ChunkPart {
        let aggs = &self.plan.aggs;
        let p = if self.reference {
            let mut p = Partial::default();
            let mut vals = Vals::new();
            self.for_each_in(ci, full, |ev| {
                if self.values(ev, &mut vals) {
                    add_to(&mut p, &mut vals, ev.i, aggs);
                }
            });
            p
        } else {
            let mut rows = FastRows::default();
            self.for_each_in(ci, full, |ev| self.accumulate(&mut rows, ev));
            rows.into_partial()
        };
        ChunkPart::Table(resolve_keys(self, p, aggs))
    }
}

/// The whole-chunk results of several views (no filter) and the tiles'
/// chunk totals, for the chunks `cis` that lack any, computed in one pass
/// over each chunk's events (what the views share per event: reading the
/// columns, the entities, the per-process values, is done once); each
/// view keeps its results whatever else is looked at. Every view gets the
/// events and values [`Run::for_each_in`] would give it, and adds them
/// with [`Run::add`], as a look does (tables: [`Run::accumulate`]), so the
/// results are those of a look. Returns how many chunks were computed.
pub(crate) fn warm_shared(
    facts: &Facts,
    defs: &[&'static ViewDef],
    totals: bool,
    cis: &[usize],
) -> usize {
    let q = Query::default();
    let snap: &Snapshot = facts.snapshot();
    let runs: Vec<Run<'_>> = defs
        .iter()
        .map(|&def| {
            let user = UserFilter {
                native: None,
                store: None,
            };
            Run {
                query: &q,
                facts,
                snap,
                env: Env::new(snap, facts.state()),
                plan: Plan::new(def, &user),
                user,
                user_bits: None,
                from_ns: 0,
                to_ns: u64::MAX,
                reference: false,
            }
        })
        .collect();
    let slots: Vec<Arc<ChunkSlots>> = runs
        .iter()
        .map(|r| facts.view_slots(&r.cache_key(&q), true))
        .collect();
    cis.par_iter()
        .filter(|&&ci| ci < snap.chunks.len() && !snap.chunks[ci].is_empty())
        .map(|&ci| {
            let want: Vec<usize> = (0..runs.len())
                .filter(|&k| {
                    runs[k].whole_chunk(ci) && slots[k].get(ci).is_some_and(|s| s.get().is_none())
                })
                .collect();
            let totals = totals && !facts.has_chunk_totals(ci) && !facts.has_zero_stamps(ci);
            if want.is_empty() && !totals {
                return 0;
            }
            shared_pass(facts, &runs, &want, &slots, ci, totals);
            1
        })
        .sum()
}

/// Events of a chunk taken at a time by [`shared_pass`]: each step of the
/// pass goes over a block before the next begins, so a view's rows and
/// code stay warm over many events.
const PASS_BLOCK: usize = 256;

/// One pass over chunk `ci` for the views `want` (indices into `runs`)
/// and, if `totals`, the tiles' totals; keeps their results.
///
/// What is the same for several views is done once per event: which
/// views want the event's type (a mask per type), each distinct view
/// filter, and the event's reference (the tiles' and the views', which
/// only adds the per-process values and `thread.cpu`). By blocks of
/// events ([`PASS_BLOCK`]): the events are read, then each filter judges
/// them, then each view adds those it takes, in event order, so every
/// view gets the same events in the same order as in a pass of its own.
fn shared_pass(
    facts: &Facts,
    runs: &[Run<'_>],
    want: &[usize],
    slots: &[Arc<ChunkSlots>],
    ci: usize,
    totals: bool,
) {
    use super::defs::ViewFilter;
    use super::extract::{add_reads, take_reads};
    // Views are told apart by a bit of a mask.
    if want.len() > 64 {
        let (a, b) = want.split_at(64);
        shared_pass(facts, runs, a, slots, ci, totals);
        shared_pass(facts, runs, b, slots, ci, false);
        return;
    }
    let snap = facts.snapshot();
    let c = &snap.chunks[ci];
    let base = snap.chunk_starts()[ci];
    let needs_dyn = want.iter().any(|&k| runs[k].plan.needs_dyn);
    let needs_latency = totals || want.iter().any(|&k| runs[k].plan.needs_latency);
    let lat = if needs_latency {
        facts.chunk_latencies(ci)
    } else {
        Vec::new()
    };
    let fd_open = if needs_dyn {
        facts.chunk_fd_open(ci)
    } else {
        Vec::new()
    };
    let env = Env::new(snap, facts.state());
    let mut tiles = totals.then(|| super::metrics::TotalsAcc::new(&env));
    let mut rows: Vec<Acc> = want.iter().map(|&k| runs[k].new_acc()).collect();
    // The distinct view filters, with the mask of their views. Views of
    // one filter want the same types.
    let mut filters: Vec<(ViewFilter, u64)> = Vec::new();
    for (n, &k) in want.iter().enumerate() {
        let f = runs[k].plan.def.filter;
        match filters.iter_mut().find(|(g, _)| *g == f) {
            Some((_, m)) => *m |= 1 << n,
            None => filters.push((f, 1 << n)),
        }
    }
    // Which of the event's variants each view reads: libsinsp's values
    // and latency only where the view asks for them, as a look does.
    let variant: Vec<usize> = want
        .iter()
        .map(|&k| {
            usize::from(runs[k].plan.needs_dyn) | usize::from(runs[k].plan.needs_latency) << 1
        })
        .collect();
    // Per event type, the views whose filter can pass it (built as types
    // show up).
    let mut type_masks: FxHashMap<u16, u64> = FxHashMap::default();
    let mut type_mask = |etype: u16| -> u64 {
        *type_masks.entry(etype).or_insert_with(|| {
            want.iter()
                .enumerate()
                .filter(|&(_, &k)| type_may_pass(runs[k].plan.def.filter, etype))
                .fold(0, |m, (n, _)| m | 1 << n)
        })
    };
    // What each result read of the state, apart.
    let saved = take_reads();
    let mut reads = vec![0u8; want.len()];
    let mut tile_reads = 0u8;
    let mut dyn_cursor: FxHashMap<i64, DynCursor<'_>> = FxHashMap::default();
    let mut last_type: Option<(u16, u64)> = None;
    // A block's events that some view wants, with the mask of the views
    // whose type and filter pass them.
    let mut evs: Vec<(EvRef<'_>, u64)> = Vec::with_capacity(PASS_BLOCK);
    let mut start = 0;
    while start < c.len() {
        let end = (start + PASS_BLOCK).min(c.len());
        evs.clear();
        for j in start..end {
            let etype = c.event_type(j);
            let mask = match last_type {
                Some((t, m)) if t == etype => m,
                _ => {
                    let m = type_mask(etype);
                    last_type = Some((etype, m));
                    m
                }
            };
            let views = mask != 0 && seen_by_csysdig(c, j);
            if tiles.is_none() && !views {
                continue;
            }
            let tile_ev = super::metrics::ev_at(snap, c, base, j, &lat);
            if let Some(t) = &mut tiles {
                t.add(&tile_ev, c.is_hidden(j));
                tile_reads |= take_reads();
            }
            if !views {
                continue;
            }
            let i = base + j;
            let ev = EvRef {
                dynv: if needs_dyn {
                    let fd_open = fd_open.get(j).copied().unwrap_or(0);
                    tile_ev.thread.and_then(|t| {
                        dyn_at(facts, &mut dyn_cursor, t.pid, i)
                            .map(|d| crate::store::ProcDyn { fd_open, ..d })
                    })
                } else {
                    None
                },
                cpu: if etype == ids::PROCINFO_E {
                    facts.cpu(i)
                } else {
                    None
                },
                ..tile_ev
            };
            evs.push((ev, mask));
        }
        // Each filter, on the events its views want (what it read counts
        // for each of them).
        for &(f, fmask) in &filters {
            let _ = take_reads();
            for (ev, mask) in &mut evs {
                if *mask & fmask != 0 && !view_filter(f, &env, ev) {
                    *mask &= !fmask;
                }
            }
            let got = take_reads();
            let mut m = fmask;
            while m != 0 {
                reads[m.trailing_zeros() as usize] |= got;
                m &= m - 1;
            }
        }
        // Each view, on the events it takes.
        for (n, &k) in want.iter().enumerate() {
            let r = &runs[k];
            let bit = 1u64 << n;
            let acc = &mut rows[n];
            let (keep_dyn, keep_latency) = (variant[n] & 1 != 0, variant[n] & 2 != 0);
            for (ev, mask) in &evs {
                if mask & bit == 0 {
                    continue;
                }
                if keep_dyn && keep_latency {
                    r.add(acc, ev);
                } else {
                    let ev = EvRef {
                        dynv: if keep_dyn { ev.dynv } else { None },
                        latency_ns: if keep_latency { ev.latency_ns } else { 0 },
                        ..*ev
                    };
                    r.add(acc, &ev);
                }
            }
            reads[n] |= take_reads();
        }
        start = end;
    }
    let mut all = tile_reads;
    for ((n, &k), rows) in want.iter().enumerate().zip(rows) {
        let r = &runs[k];
        let (part, more) = super::extract::with_reads(|| r.finish(rows));
        all |= reads[n] | more;
        if let Some(slot) = slots[k].get(ci) {
            let _ = slot.set((Arc::new(part), reads[n] | more));
        }
    }
    if let Some(t) = tiles {
        facts.set_chunk_totals(ci, t.finish(), tile_reads);
    }
    add_reads(saved | all);
    snap.release_chunk_pages(ci);
}

fn table(r: &Run<'_>) -> Table {
    let snap = r.snap;
    let aggs = &r.plan.aggs;
    let slots = r.facts.view_slots(&r.cache_key(r.query), false);
    let partials: Vec<Arc<ChunkPart>> = (0..snap.chunks.len())
        .into_par_iter()
        .map(|ci| r.part(&slots, ci, |full| r.table_part(ci, full)))
        .collect();
    // Thread-table events come after every event.
    let mut tail = Partial::default();
    if r.reaches_end() {
        let mut resolved = Resolved::default();
        for (k, (t, ts)) in thread_table_events(r.facts, snap).into_iter().enumerate() {
            let ev = synth_event(r.facts, t, ts);
            if let Some(n) = &r.user.native
                && !n.matches(&r.env, &mut resolved, &ev)
            {
                continue;
            }
            if r.user.native.is_none() && r.user.store.is_some() {
                // A filter only the store can run cannot judge these.
                continue;
            }
            if !view_filter(r.plan.def.filter, &r.env, &ev) {
                continue;
            }
            let mut vals = Vals::new();
            if r.values(&ev, &mut vals) {
                add_to(&mut tail, &mut vals, usize::MAX / 2 + k, aggs);
            }
        }
    }
    let mut resolved = Resolved::default();
    let tail = ChunkPart::Table(resolve_keys(r, tail, aggs));
    // Rows borrow their cells from the chunk results until a second chunk
    // has the key: most keys of large tables (connections, threads) are
    // in one chunk, and copying their cells was most of a repeated look.
    let mut rows: FxHashMap<&KeyFinal, Merged<'_>> = FxHashMap::default();
    for p in partials
        .iter()
        .map(Arc::as_ref)
        .chain(std::iter::once(&tail))
    {
        let ChunkPart::Table(p) = p else { continue };
        for (key, cells) in p {
            match rows.get_mut(key) {
                Some(dst) => {
                    let dst = dst.to_mut();
                    for (k, c) in cells.iter().enumerate() {
                        combine(
                            &mut dst[k],
                            c.clone(),
                            if k == 0 { Agg::None } else { aggs[k] },
                        );
                    }
                }
                None => {
                    rows.insert(key, Merged::Shared(cells));
                }
            }
        }
    }
    // Rows in csysdig's table order: keys inserted as first seen, visited
    // in the order of its hash map (group-by merges depend on it).
    let first_col = r.plan.first_col;
    let mut rows: Vec<(&KeyFinal, Merged<'_>)> = rows.into_iter().collect();
    rows.sort_by(|a, b| {
        a.1.cells()[0]
            .idx
            .cmp(&b.1.cells()[0].idx)
            .then_with(|| a.0.cmp(b.0))
    });
    let key_type = r.plan.fields[0].stype().0;
    let hashes: Vec<u64> = rows.iter().map(|(k, _)| key_hash(k, key_type)).collect();
    let mut slots: Vec<Option<(&KeyFinal, Merged<'_>)>> = rows.into_iter().map(Some).collect();
    let rows: Vec<(&KeyFinal, Merged<'_>)> = super::stdorder::iteration_order(&hashes)
        .into_iter()
        .filter_map(|k| slots[k].take())
        .collect();
    let grouped: Vec<(KeyFinal, Cells)>;
    let rows: Vec<(KeyFinal, &[Cell])> = if r.plan.def.groupby.is_some() {
        let mut order: Vec<KeyFinal> = Vec::new();
        let mut merged: FxHashMap<KeyFinal, Cells> = FxHashMap::default();
        for (_, cells) in &rows {
            let cells = cells.cells();
            let g = match &cells[1].v {
                Raw::I(v) => KeyFinal::I(*v),
                Raw::U(v) => KeyFinal::U(*v),
                Raw::D(v) => KeyFinal::U(v.to_bits()),
                Raw::S(s) => KeyFinal::S(resolved.get(&r.env, s)),
            };
            let vals = &cells[first_col..];
            match merged.get_mut(&g) {
                Some(dst) => {
                    for (k, c) in vals.iter().enumerate() {
                        merge_cell(&mut dst[k], c, r.plan.merges[first_col + k]);
                    }
                }
                None => {
                    order.push(g.clone());
                    merged.insert(g, vals.to_vec());
                }
            }
        }
        grouped = order
            .into_iter()
            .filter_map(|g| merged.remove(&g).map(|c| (g, c)))
            .collect();
        grouped
            .iter()
            .map(|(g, c)| (g.clone(), c.as_slice()))
            .collect()
    } else {
        rows.iter()
            .map(|(k, c)| ((*k).clone(), &c.cells()[first_col..]))
            .collect()
    };
    let span = r.span();
    let delta_ns = span.1.saturating_sub(span.0);
    // Row text (keys, drill filters, text cells) on all cores: for tables
    // of 100k rows it costs as much as merging the chunks.
    let out_rows: Vec<Row> = rows
        .par_iter()
        .map_init(Resolved::default, |resolved, (key, cells)| {
            let key = key.text();
            Row {
                key_filter: super::key_filter(r.plan.def, &key),
                key,
                values: cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| output(r, resolved, first_col + k, c, delta_ns))
                    .collect(),
            }
        })
        .collect();
    let mut t = Table {
        view: r.plan.def.id,
        columns: columns(r.plan.def),
        rows: out_rows,
        sort_column: None,
        sort_descending: false,
        span_ns: span,
    };
    if let Some(s) = r.plan.def.sort {
        let desc = t.columns[s].ty.sorts_descending();
        t.sort_by(s, desc);
    }
    t
}

/// A merged row's cells: those of the one chunk result that has the key,
/// or a copy merged from several.
enum Merged<'p> {
    Shared(&'p Cells),
    Own(Cells),
}

impl Merged<'_> {
    fn cells(&self) -> &[Cell] {
        match self {
            Merged::Shared(c) => c,
            Merged::Own(c) => c,
        }
    }

    fn to_mut(&mut self) -> &mut Cells {
        if let Merged::Shared(c) = self {
            *self = Merged::Own((*c).clone());
        }
        match self {
            Merged::Own(c) => c,
            Merged::Shared(_) => unreachable!("made owned above"),
        }
    }
}

/// libsinsp's table hash of a key as it stores it (integers by their
/// width, text with its NUL).
fn key_hash(k: &KeyFinal, t: SType) -> u64 {
    use super::stdorder::table_hash;
    match k {
        KeyFinal::I(v) => table_hash(&v.to_le_bytes()),
        KeyFinal::U(v) => match t {
            SType::Port => table_hash(&(*v as u16).to_le_bytes()),
            SType::U32 => table_hash(&(*v as u32).to_le_bytes()),
            _ => table_hash(&v.to_le_bytes()),
        },
        // The hash leaves out the last byte, the NUL: the text's bytes.
        KeyFinal::S(s) => s
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(101).wrapping_add(u64::from(b))),
    }
}

/// A cell as csysdig's JSON prints it.
fn output(r: &Run<'_>, res: &mut Resolved, field: usize, c: &Cell, delta_ns: u64) -> Value {
    let f = r.plan.fields[field];
    let time_avg = r.plan.aggs[field] == Agg::TimeAvg || r.plan.merges[field] == Agg::TimeAvg;
    // csysdig divides by the sample's length in seconds for time averages
    // and by the count for averages, floating-point and durations only.
    let divisor = if time_avg && delta_ns != 0 {
        delta_ns as f64 / 1e9
    } else {
        f64::from(c.cnt)
    };
    if f == VF::EvtTime
        && let Raw::U(ts) = c.v
    {
        return Value::Timestamp(ts);
    }
    match (&c.v, f.stype().0) {
        (Raw::D(v), _) => Value::Float(if divisor > 1.0 { v / divisor } else { *v }),
        (Raw::U(v), SType::Reltime) => {
            let x = *v as f64;
            Value::Duration((if divisor > 1.0 { x / divisor } else { x }) as u64)
        }
        (Raw::U(v), _) => Value::Uint(*v),
        (Raw::I(v), _) => Value::Int(*v),
        (Raw::S(s), _) => Value::Text(res.get(&r.env, s).to_string()),
    }
}

fn unit_of(f: VF) -> Unit {
    match f {
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
        | VF::BuflenOut => Unit::Bytes,
        VF::EvtLatency | VF::EvtTime => Unit::Ns,
        VF::ThreadCpu | VF::FdUsage => Unit::Percent,
        VF::CountExit
        | VF::TypeIsOpenExit
        | VF::CountError
        | VF::CountErrorFile
        | VF::CountErrorNet
        | VF::CountErrorMemory
        | VF::CountErrorOther
        | VF::EvtCount
        | VF::CountProcinfo
        | VF::CountThreadinfo
        | VF::ProcNthreads
        | VF::FdOpenCount
        | VF::FdLimit => Unit::Count,
        _ => Unit::None,
    }
}

/// The columns of a view.
pub(crate) fn columns(def: &ViewDef) -> Vec<Column> {
    def.columns
        .iter()
        .map(|c| Column {
            name: c.name,
            ty: c.field.col_type(),
            unit: unit_of(c.field),
            per_second: c.agg == Agg::TimeAvg,
            description: c.description,
        })
        .collect()
}

fn list(r: &Run<'_>) -> Table {
    let snap = r.snap;
    let slots = r.facts.view_slots(&r.cache_key(r.query), false);
    let parts: Vec<Arc<ChunkPart>> = (0..snap.chunks.len())
        .into_par_iter()
        .map(|ci| {
            r.part(&slots, ci, |full| {
                let mut acc = r.new_acc();
                r.for_each_in(ci, full, |ev| r.add(&mut acc, ev));
                r.finish(acc)
            })
        })
        .collect();
    let mut resolved = Resolved::default();
    let mut out = Vec::new();
    let mut before = 0usize;
    let span = r.span();
    let delta_ns = span.1.saturating_sub(span.0);
    for part in &parts {
        let ChunkPart::List(passed, rows) = part.as_ref() else {
            continue;
        };
        for (n, vals) in rows {
            let cells: Cells = vals
                .iter()
                .map(|(v, cnt)| Cell {
                    v: v.clone(),
                    cnt: *cnt,
                    idx: 0,
                })
                .collect();
            out.push(Row {
                key: (before + n).to_string(),
                values: cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| output(r, &mut resolved, k, c, delta_ns))
                    .collect(),
                key_filter: None,
            });
        }
        before += *passed;
    }
    Table {
        view: r.plan.def.id,
        columns: columns(r.plan.def),
        rows: out,
        sort_column: None,
        sort_descending: false,
        span_ns: span,
    }
}

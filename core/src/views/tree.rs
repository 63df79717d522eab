//! The process tree: every process with events in the range (and, when the
//! range reaches the end of the capture, every process still alive), each
//! under its parent, depth first.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::defs::ViewDef;
use super::engine::{ChunkPart, Run, columns, thread_table_events};
use super::extract::EvRef;
use super::model::{Row, Table, Value};

/// What the tree knows of a process.
#[derive(Debug, Clone)]
pub(crate) struct Proc {
    ppid: i64,
    /// Thread entity the name comes from (`u32::MAX`: from the thread
    /// table, see `named`).
    ent: u32,
    events: u64,
    first_ns: u64,
    last_ns: u64,
    /// Whether the name came from the main thread (preferred).
    from_main: bool,
    /// Index of the event the name came from.
    seen_at: usize,
}

fn merge(a: &mut Proc, b: Proc) {
    a.events += b.events;
    a.first_ns = a.first_ns.min(b.first_ns);
    a.last_ns = a.last_ns.max(b.last_ns);
    // The latest version of the main thread names the process (after an
    // execve, the new program).
    let better =
        (b.from_main && !a.from_main) || (b.from_main == a.from_main && b.seen_at > a.seen_at);
    if better {
        a.ppid = b.ppid;
        a.ent = b.ent;
        a.from_main = b.from_main;
        a.seen_at = b.seen_at;
    }
}

/// Adds an event to a chunk's processes (see [`Run::add`]).
pub(crate) fn add(m: &mut FxHashMap<i64, Proc>, ev: &EvRef<'_>) {
    // Container events carry a made-up thread (pid -1).
    let Some(t) = ev.thread.filter(|t| t.pid >= 0) else {
        return;
    };
    let p = Proc {
        ppid: if t.is_main_thread() {
            t.ptid
        } else {
            ev.dynv.map_or(-1, |d| d.ptid)
        },
        ent: ev.thread_ent,
        events: 1,
        first_ns: ev.ts_ns,
        last_ns: ev.ts_ns,
        from_main: t.is_main_thread(),
        seen_at: ev.i,
    };
    match m.get_mut(&t.pid) {
        Some(a) => merge(a, p),
        None => {
            m.insert(t.pid, p);
        }
    }
}

pub(crate) fn tree(r: &Run<'_>, def: &'static ViewDef) -> Table {
    let snap = r.snap;
    let slots = r.tree_slots();
    let parts: Vec<Arc<ChunkPart>> = (0..snap.chunks.len())
        .into_par_iter()
        .map(|ci| {
            r.part_of(&slots, ci, |full| {
                let mut acc = r.new_acc();
                r.for_each_event_in(ci, full, |ev| r.add(&mut acc, ev));
                r.finish(acc)
            })
        })
        .collect();
    let mut procs: FxHashMap<i64, Proc> = FxHashMap::default();
    for part in &parts {
        let ChunkPart::Tree(part) = part.as_ref() else {
            continue;
        };
        for (pid, p) in part {
            match procs.get_mut(pid) {
                Some(a) => merge(a, p.clone()),
                None => {
                    procs.insert(*pid, p.clone());
                }
            }
        }
    }
    // Names of processes known only from the thread table.
    let mut named: FxHashMap<i64, (String, String)> = FxHashMap::default();
    if r.reaches_end() && r_user_is_empty(r) {
        for (t, _) in thread_table_events(r.facts, snap) {
            if !t.is_main_thread() || procs.contains_key(&t.pid) {
                continue;
            }
            named.insert(t.pid, (t.comm.to_string(), exeline(t)));
            procs.insert(
                t.pid,
                Proc {
                    ppid: t.ptid,
                    ent: u32::MAX,
                    events: 0,
                    first_ns: 0,
                    last_ns: 0,
                    from_main: true,
                    seen_at: usize::MAX,
                },
            );
        }
    }
    // Parent links: the parent thread's process when known.
    let state = r.facts.state();
    let parent_pid = |ppid: i64| -> i64 {
        if procs.contains_key(&ppid) {
            return ppid;
        }
        state.threads.get(&ppid).map_or(ppid, |t| t.pid)
    };
    let mut children: FxHashMap<i64, Vec<i64>> = FxHashMap::default();
    let mut roots = Vec::new();
    for (&pid, p) in &procs {
        let pp = parent_pid(p.ppid);
        if pp != pid && procs.contains_key(&pp) {
            children.entry(pp).or_default().push(pid);
        } else {
            roots.push(pid);
        }
    }
    roots.sort_unstable();
    for v in children.values_mut() {
        v.sort_unstable();
    }
    let mut rows = Vec::with_capacity(procs.len());
    let mut seen: FxHashSet<i64> = FxHashSet::default();
    let mut stack: Vec<(i64, u64)> = roots.iter().rev().map(|&p| (p, 0)).collect();
    while let Some((pid, depth)) = stack.pop() {
        if !seen.insert(pid) {
            continue;
        }
        let p = &procs[&pid];
        let (name, line) = match snap.entities.thread(p.ent).thread.as_deref() {
            Some(t) if p.ent != u32::MAX => (t.comm.to_string(), exeline(t)),
            _ => named.get(&pid).cloned().unwrap_or_default(),
        };
        let ts = |v: u64| {
            if v == 0 {
                Value::Null
            } else {
                Value::Timestamp(v)
            }
        };
        rows.push(Row {
            key: pid.to_string(),
            values: vec![
                Value::Int(pid),
                Value::Int(p.ppid),
                Value::Uint(depth),
                Value::Text(name),
                Value::Uint(p.events),
                ts(p.first_ns),
                ts(p.last_ns),
                Value::Text(line),
            ],
            key_filter: super::key_filter(def, &pid.to_string()),
        });
        if let Some(ch) = children.get(&pid) {
            for &c in ch.iter().rev() {
                stack.push((c, depth + 1));
            }
        }
    }
    Table {
        view: def.id,
        columns: columns(def),
        rows,
        sort_column: None,
        sort_descending: false,
        span_ns: r.span(),
    }
}

fn r_user_is_empty(r: &Run<'_>) -> bool {
    r.user_is_empty()
}

fn exeline(t: &crate::state::Thread) -> String {
    let mut s = t.exe.to_string();
    s.push(' ');
    s.push_str(&t.args.join(" "));
    s
}

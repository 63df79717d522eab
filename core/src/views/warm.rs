//! Work done before the look: per-chunk results of the overview tiles and
//! of chosen views, computed in the background as a load publishes chunks,
//! so that the first look at the whole capture merges them instead of
//! visiting every event.
//!
//! A [`Warmer`] is offered the [`Facts`] of each new snapshot (built with
//! [`Facts::next`], which hands the per-chunk cells on). On one thread of
//! its own while the capture loads (so the load and the user's looks keep
//! the other cores), on every core once the load is done, it computes,
//! chunk by chunk, the metric totals the tiles read and the whole-chunk
//! results of each chosen view (unfiltered), always on the latest facts
//! offered. What a chunk's result depends on lies in that
//! chunk and the ones before it, except the state's tables, which change
//! once, when the load ends: [`Facts::next`] then keeps only results that
//! read none of the tables that differ (see `docs/sysdig-compat/views.md`).
//! Once the load is done and every chunk is warm, it merges the overview
//! of the whole range and each view's whole-range table, and the facts
//! keep them (pinned), so the first look costs nothing.
//!
//! A look asked before the warmer is done shares its cells: a chunk is
//! never computed twice, whoever asks first.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::defs::ViewDef;
use super::{Facts, Query, engine, tiles};

/// What a [`Warmer`] prepares.
#[derive(Debug, Clone)]
pub struct WarmOptions {
    /// Views (ids) to prepare, unfiltered, over the whole capture: tables,
    /// lists and the tree.
    pub views: Vec<&'static str>,
    /// Prepare the tiles: their per-chunk totals, and the overview of the
    /// whole capture with this many points (as the front end asks it);
    /// `None`: no tiles.
    pub overview_points: Option<usize>,
    /// Chunks computed between two checks for the last facts of the load
    /// (or for a stop).
    pub batch_chunks: usize,
    /// Views of `views` prepared first, with the tiles: their chunk
    /// results (while loading, as long as the load outpaces the warmer),
    /// then, once the load is done, their whole-range tables, and only
    /// then the other views. So the views a user opens first are ready
    /// as early as if they were the only ones.
    pub first: Vec<&'static str>,
}

impl Default for WarmOptions {
    fn default() -> Self {
        WarmOptions {
            views: default_views(),
            overview_points: Some(60),
            batch_chunks: 4,
            first: FIRST_VIEWS.to_vec(),
        }
    }
}

/// The views prepared by default: every view ([`super::VIEWS`]), so that
/// each one's first whole-range look is ready once the warmer is done.
/// The lists and the tree add little to the shared pass (on 14M events
/// 0.5–1.9 s of CPU to some 23 s for the tables and tiles; 2.4 s in a
/// pass of their own).
pub fn default_views() -> Vec<&'static str> {
    super::VIEWS.iter().map(|v| v.id).collect()
}

/// The views prepared before the others by default: the ones a user
/// opens first (the app's tabs after the overview).
pub const FIRST_VIEWS: &[&str] = &["procs", "files", "connections", "syscalls"];

/// Where a [`Warmer`] stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WarmStatus {
    /// Chunk passes it made: a chunk counts once per stage it was
    /// computed in (see [`WarmOptions::first`]; chunks whose results were
    /// carried from an earlier snapshot are not computed again).
    pub chunks_computed: usize,
    /// Its stages: 1, or 2 when some views come after the first ones.
    /// `chunks_computed` of `chunks_offered × stages` is how far it is.
    pub stages: usize,
    /// Whether the whole-range overview is kept (a look costs nothing).
    pub overview_ready: bool,
    /// Views whose whole-range table is kept, in the order they became
    /// ready.
    pub ready: Vec<&'static str>,
    /// Number of chunks of the latest facts offered.
    pub chunks_offered: usize,
    /// Whether it waits for newer facts: done with the latest offered, or
    /// with facts close enough to them that moving is not worth it yet.
    pub idle: bool,
    /// Whether it is idle and the latest facts offered are the last of
    /// the load: everything is prepared.
    pub finished: bool,
    /// Wall time it spent working (not waiting).
    pub busy: Duration,
    /// CPU time its threads spent, where the system reports it.
    pub cpu: Option<Duration>,
}

struct Inner {
    latest: Mutex<Option<Arc<Facts>>>,
    offered: Condvar,
    status: Mutex<WarmStatus>,
    changed: Condvar,
    stop: AtomicBool,
}

/// Prepares views and tiles in the background (see the module's doc).
/// Dropping it stops it after the step in progress (a batch of chunks, or
/// one whole-range merge) without waiting for it: a front end drops it on
/// its UI thread when another capture opens.
pub struct Warmer {
    inner: Arc<Inner>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Warmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Warmer")
            .field("status", &self.status())
            .finish()
    }
}

impl Warmer {
    /// Starts a warmer (idle until offered facts). Unknown view ids are
    /// left out.
    pub fn start(opts: WarmOptions) -> Warmer {
        let inner = Arc::new(Inner {
            latest: Mutex::new(None),
            offered: Condvar::new(),
            status: Mutex::new(WarmStatus::default()),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let views: Vec<&'static ViewDef> =
            opts.views.iter().filter_map(|v| super::find(v)).collect();
        let worker = inner.clone();
        let thread = std::thread::Builder::new()
            .name("scapscope-views-warm".into())
            .spawn(move || work(&worker, &views, &opts))
            .ok();
        Warmer { inner, thread }
    }

    /// Hands it the facts of a newer snapshot. It moves to them once done
    /// with the facts it warms, if the snapshot grew by a quarter since,
    /// and at once when they are the last of the load.
    pub fn offer(&self, facts: Arc<Facts>) {
        let n = facts.snapshot().chunks.len();
        // Status under the same lock as the facts, so that the worker's
        // "idle" (set under both) is never overwritten by a stale offer.
        let mut latest = lock(&self.inner.latest);
        *latest = Some(facts);
        {
            let mut s = lock(&self.inner.status);
            s.chunks_offered = n;
            s.idle = false;
            s.finished = false;
        }
        drop(latest);
        self.inner.offered.notify_all();
    }

    /// Where it stands.
    pub fn status(&self) -> WarmStatus {
        lock(&self.inner.status).clone()
    }

    /// Waits until it is [`WarmStatus::finished`] or `timeout` passed;
    /// returns whether it finished.
    pub fn wait_finished(&self, timeout: Duration) -> bool {
        self.wait_for(timeout, |s| s.finished)
    }

    /// Waits until it is [`WarmStatus::idle`] or `timeout` passed; returns
    /// whether it is idle.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        self.wait_for(timeout, |s| s.idle)
    }

    fn wait_for(&self, timeout: Duration, done: impl Fn(&WarmStatus) -> bool) -> bool {
        let end = Instant::now() + timeout;
        let mut s = lock(&self.inner.status);
        while !done(&s) {
            let now = Instant::now();
            if now >= end || self.thread.is_none() {
                return false;
            }
            s = self
                .inner
                .changed
                .wait_timeout(s, end - now)
                .map_or_else(|e| e.into_inner().0, |r| r.0);
        }
        true
    }
}

impl Warmer {
    /// A handle that follows this warmer's status from another thread (a
    /// front end's progress worker); it does not keep the warmer working.
    pub fn watch(&self) -> WarmWatch {
        WarmWatch {
            inner: self.inner.clone(),
        }
    }
}

/// Follows a [`Warmer`]'s status (see [`Warmer::watch`]).
#[derive(Clone)]
pub struct WarmWatch {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for WarmWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmWatch")
            .field("status", &self.status())
            .finish()
    }
}

impl WarmWatch {
    /// Where the warmer stands.
    pub fn status(&self) -> WarmStatus {
        lock(&self.inner.status).clone()
    }

    /// Whether the warmer was dropped (its status no longer changes).
    pub fn stopped(&self) -> bool {
        self.inner.stop.load(Ordering::Relaxed)
    }

    /// Waits until the warmer reports a step (idle, a table or the
    /// overview ready) or `timeout` passed, and returns its status.
    pub fn wait(&self, timeout: Duration) -> WarmStatus {
        let s = lock(&self.inner.status);
        if s.finished || self.stopped() {
            return s.clone();
        }
        let (s, _) = self
            .inner
            .changed
            .wait_timeout(s, timeout)
            .unwrap_or_else(|e| e.into_inner());
        s.clone()
    }
}

impl Drop for Warmer {
    fn drop(&mut self) {
        // Under the lock the worker checks `stop` with, so that the wake-up
        // cannot fall between its check and its wait.
        {
            let _latest = lock(&self.inner.latest);
            self.inner.stop.store(true, Ordering::Relaxed);
        }
        self.inner.offered.notify_all();
        self.inner.changed.notify_all();
        // Not joined: the thread ends by itself at its next check.
        drop(self.thread.take());
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// CPU time of the calling thread (Linux), for the status.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn work(inner: &Inner, views: &[&'static ViewDef], opts: &WarmOptions) {
    // One thread: the load and the user's looks keep the other cores.
    let Ok(pool) = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "scapscope-views-warm-pool".into())
        .build()
    else {
        return;
    };
    let cpu0 = pool.install(thread_cpu);
    // Once the load is done its cores are free: the rest runs on all.
    let mut pool_all: Option<rayon::ThreadPool> = None;
    let mut done_for: Option<Arc<Facts>> = None;
    loop {
        let facts = {
            let mut g = lock(&inner.latest);
            loop {
                if inner.stop.load(Ordering::Relaxed) {
                    return;
                }
                match &*g {
                    Some(f) if worth_moving(done_for.as_deref(), f) => {
                        break f.clone();
                    }
                    _ => {
                        let mut s = lock(&inner.status);
                        s.idle = true;
                        s.finished = done_for.as_ref().is_some_and(|d| {
                            d.at_end() && g.as_ref().is_some_and(|l| Arc::ptr_eq(l, d))
                        });
                        drop(s);
                        inner.changed.notify_all();
                    }
                }
                g = inner.offered.wait(g).unwrap_or_else(|e| e.into_inner());
            }
        };
        let t = Instant::now();
        if facts.at_end() && pool_all.is_none() {
            pool_all = rayon::ThreadPoolBuilder::new()
                .thread_name(|_| "scapscope-views-warm-all".into())
                .build()
                .ok();
        }
        let complete = match (&pool_all, facts.at_end()) {
            (Some(all), true) => all.install(|| warm(inner, &facts, views, opts)),
            _ => pool.install(|| warm(inner, &facts, views, opts)),
        };
        // Its threads' CPU: the one thread's since the start, the others'
        // since they were made.
        let cpu = pool.install(thread_cpu).map(|c| {
            c + pool_all.as_ref().map_or(Duration::ZERO, |all| {
                all.broadcast(|_| thread_cpu().unwrap_or_default())
                    .into_iter()
                    .sum()
            })
        });
        let mut s = lock(&inner.status);
        s.busy += t.elapsed();
        s.cpu = cpu.zip(cpu0).map(|(a, b)| a.saturating_sub(b));
        drop(s);
        if complete {
            done_for = Some(facts);
        }
    }
}

/// Whether to move from the facts last warmed (`done`) to `latest`.
/// Each move costs what the facts derive from the whole snapshot (CPU
/// samples, per-process values, the chaining of per-chunk effects), so
/// it moves when the snapshot grew by a quarter, or is the last.
fn worth_moving(done: Option<&Facts>, latest: &Facts) -> bool {
    let Some(done) = done else { return true };
    if std::ptr::eq(done, latest) {
        return false;
    }
    let (a, b) = (done.snapshot().chunks.len(), latest.snapshot().chunks.len());
    latest.at_end() || b > a + a / 4
}

/// Warms `facts`; `false` when it stopped for the last facts of the load
/// (or to stop). Facts of snapshots in flight are warmed to the end: they
/// share their cells with the ones after them, so nothing is lost, and
/// moving costs (see [`worth_moving`]); the last facts do not share the
/// earlier ones' cells (the state changes), so it moves to them at once.
fn warm(inner: &Inner, facts: &Facts, views: &[&'static ViewDef], opts: &WarmOptions) -> bool {
    let snap = facts.snapshot();
    let newer = || {
        inner.stop.load(Ordering::Relaxed)
            || lock(&inner.latest)
                .as_ref()
                .is_some_and(|l| !std::ptr::eq(l.as_ref(), facts) && l.at_end())
    };
    let todo: Vec<usize> = (0..snap.chunks.len())
        .filter(|&ci| !snap.chunks[ci].is_empty())
        .collect();
    // Two stages: the tiles and the first views, then the others.
    let (first, rest): (Vec<&'static ViewDef>, Vec<&'static ViewDef>) =
        views.iter().partition(|d| opts.first.contains(&d.id));
    let stages = [(first, opts.overview_points), (rest, None)];
    lock(&inner.status).stages = stages
        .iter()
        .filter(|(v, p)| !v.is_empty() || p.is_some())
        .count();
    let q = Query::default();
    for (n, (stage, points)) in stages.iter().enumerate() {
        if stage.is_empty() && points.is_none() {
            continue;
        }
        if n > 0 && !facts.at_end() {
            // While loading, the first stage keeps up with the load before
            // the others run: newer facts worth moving to are taken now
            // (the chunks left here are done with those facts).
            let latest = lock(&inner.latest).clone();
            if latest.is_some_and(|l| worth_moving(Some(facts), &l)) {
                return true;
            }
        }
        for batch in todo.chunks(opts.batch_chunks.max(1)) {
            if newer() {
                return false;
            }
            let computed = engine::warm_shared(facts, stage, points.is_some(), batch);
            if computed > 0 {
                lock(&inner.status).chunks_computed += computed;
            }
        }
        if !facts.at_end() {
            continue;
        }
        // The last snapshot: the stage's whole-range results, kept.
        if let Some(points) = *points {
            if newer() {
                return false;
            }
            if tiles::overview(facts, &q, points).is_ok() {
                lock(&inner.status).overview_ready = true;
                inner.changed.notify_all();
            }
        }
        for def in stage {
            if newer() {
                return false;
            }
            if engine::run_shared_pin(facts, def, &q, false, true).is_ok() {
                lock(&inner.status).ready.push(def.id);
                inner.changed.notify_all();
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::Arc;

    use crate::state::State;
    use crate::store::Snapshot;
    use crate::views::{self, Facts, Query};

    fn capture(name: &str) -> Arc<Snapshot> {
        crate::views::test_support::generated(name, 3)
    }

    /// `snap` as it was before the end: same chunks, no end state.
    fn in_flight(snap: &Snapshot) -> Arc<Snapshot> {
        let mut s = snap.clone();
        s.done = false;
        s.end_state = None;
        Arc::new(s)
    }

    /// `snap` with its end state changed by `edit`.
    fn ending(snap: &Snapshot, edit: impl FnOnce(&mut State)) -> Arc<Snapshot> {
        let mut s = snap.clone();
        let mut st = State::clone(s.end_state.as_ref().unwrap());
        edit(&mut st);
        s.end_state = Some(Arc::new(st));
        Arc::new(s)
    }

    fn tiles(f: &Facts) -> Vec<(String, u64, Vec<u64>)> {
        // Two points: most chunks lie inside one bucket, so their totals
        // count (chunks across a bucket's edge are scanned).
        views::tiles::overview(f, &Query::default(), 2)
            .unwrap()
            .tiles
            .into_iter()
            .map(|t| (t.def.name, t.total, t.series))
            .collect()
    }

    /// An end state unlike the initial one in every table results read.
    fn edit_end(st: &mut State) {
        // Gone from the end state: user names and containers (results
        // that read them drop or default the value); no parent is a
        // shell any more (interactive commands), parents have other names
        // (`commands`' PARENT), and relative paths resolve elsewhere (file
        // names of opens that made no fd).
        st.users.clear();
        st.containers.clear();
        for t in st.threads.values_mut() {
            let mut x = crate::state::Thread::clone(t);
            x.comm = format!("renamed-{}", x.comm.replace("bash", "sh"))
                .as_str()
                .into();
            x.cwd = "/elsewhere/".into();
            *t = Arc::new(x);
        }
    }

    fn slots_key(id: &str) -> String {
        format!("{id}\u{0}")
    }

    /// How many of chunks' results of view `id` the facts hold.
    fn held(f: &Facts, id: &str) -> usize {
        f.view_slots(&slots_key(id), false)
            .iter()
            .filter(|s| s.get().is_some())
            .count()
    }

    /// The warmer's shared pass prepares every view (tables, lists, the
    /// tree) under the initial state; carried to a final snapshot whose
    /// state differs, every look equals a cold one, and before the end
    /// the prepared results give what a look computes itself.
    #[test]
    fn warmed_results_of_every_view_follow_the_end_state() {
        let snap = capture("warmcarry");
        let final_snap = ending(&snap, edit_end);
        let in_flight = in_flight(&snap);
        let early = Facts::new(in_flight.clone());
        let defs: Vec<&'static views::ViewDef> = views::VIEWS.iter().collect();
        let n = snap.chunks.len();
        let all: Vec<usize> = (0..n).collect();
        let computed = views::engine::warm_shared(&early, &defs, true, &all);
        assert_eq!(computed, n, "chunks computed by the shared pass");
        for d in &defs {
            assert_eq!(held(&early, d.id), n, "{}: chunks prepared", d.id);
        }
        // Before the end: the prepared results equal a look's own.
        let fresh = Facts::new(in_flight.clone());
        for d in &defs {
            let want = views::compute_reference(&fresh, d.id, &Query::default()).unwrap();
            let got = views::compute(&early, d.id, &Query::default()).unwrap();
            assert_eq!(want, got, "{}: prepared in flight", d.id);
        }
        let early = Facts::new(in_flight.clone());
        views::engine::warm_shared(&early, &defs, true, &all);
        let carried = early.next(final_snap.clone());
        let cold = Facts::new(final_snap.clone());
        let mut lists_differ = 0;
        for d in &defs {
            let want = views::compute_reference(&cold, d.id, &Query::default()).unwrap();
            let got = views::compute(&carried, d.id, &Query::default()).unwrap();
            assert_eq!(want, got, "{}: warmed and carried result is stale", d.id);
            let before = views::compute(&early, d.id, &Query::default()).unwrap();
            if d.kind != views::ViewKind::Table && before.rows != want.rows {
                lists_differ += 1;
            }
        }
        // The edit must matter to the lists, or the test shows nothing.
        assert!(
            lists_differ >= 2,
            "only {lists_differ} lists differ under the edited end state"
        );
    }

    /// Results prepared under the initial state and carried to the final
    /// snapshot must follow the end state where they read it: here the end
    /// state's users, containers and thread names differ from the initial
    /// state's, so a result carried over blindly would be stale.
    #[test]
    fn carried_results_follow_the_end_state() {
        let snap = capture("carry");
        let final_snap = ending(&snap, edit_end);
        let in_flight = in_flight(&snap);
        let cold = Facts::new(final_snap.clone());
        let mut differs_from_initial = 0;
        for v in views::VIEWS.iter().map(|v| v.id) {
            // Prepared before the end, under the initial state (one view
            // per facts: only the six most recent are kept unpinned).
            let early = Facts::new(in_flight.clone());
            let before = views::compute(&early, v, &Query::default()).unwrap();
            let carried = early.next(final_snap.clone());
            let want = views::compute_reference(&cold, v, &Query::default()).unwrap();
            let got = views::compute(&carried, v, &Query::default()).unwrap();
            assert_eq!(want, got, "{v}: carried result is stale");
            if before.rows != want.rows {
                differs_from_initial += 1;
            }
        }
        let early = Facts::new(in_flight.clone());
        let early_tiles = tiles(&early);
        let carried = early.next(final_snap.clone());
        assert_eq!(
            tiles(&cold),
            tiles(&carried),
            "tiles: carried totals are stale"
        );
        // The edit must matter, or the test shows nothing.
        assert!(
            differs_from_initial >= 3,
            "only {differs_from_initial} views differ under the edited end state"
        );
        assert_ne!(early_tiles, tiles(&cold), "the edit changes no tile");
    }

    /// Results that read nothing of the state are carried (the point of
    /// warming), and so are those that read only tables equal in both.
    #[test]
    fn results_are_carried_when_the_state_agrees() {
        let snap = capture("agree");
        // Lists and the tree read nothing of the state in their chunk
        // pass but the users (`spy_users`), equal here.
        for id in [
            "syscalls",
            "procs",
            "file_opens",
            "port_bindings",
            "incoming_connections",
            "spy_users",
            "proc_tree",
        ] {
            let early = Facts::new(in_flight(&snap));
            views::compute(&early, id, &Query::default()).unwrap();
            let carried = early.next(snap.clone());
            let a = early.view_slots(&slots_key(id), false);
            let b = carried.view_slots(&slots_key(id), false);
            let n = snap.chunks.len();
            let kept = (0..n)
                .filter(|&ci| {
                    matches!((a[ci].get(), b[ci].get()), (Some(x), Some(y)) if Arc::ptr_eq(&x.0, &y.0))
                })
                .count();
            assert_eq!(kept, n, "{id}: {kept} of {n} chunk results carried");
        }
    }

    /// A warmer with the default options prepares every view: each one's
    /// chunk results and its whole-range table, kept before any look.
    #[test]
    fn the_default_warmer_prepares_every_view() {
        let snap = capture("default");
        let facts = Arc::new(Facts::new(snap.clone()));
        let w = super::Warmer::start(super::WarmOptions::default());
        w.offer(facts.clone());
        assert!(w.wait_finished(std::time::Duration::from_secs(300)));
        let n = snap.chunks.iter().filter(|c| !c.is_empty()).count();
        for d in views::VIEWS {
            assert_eq!(held(&facts, d.id), n, "{}: chunks prepared", d.id);
            let key = views::engine::table_key(d, &Query::default(), false);
            assert!(
                facts.cached_table(&key).is_some(),
                "{}: no whole-range table kept",
                d.id
            );
        }
    }

    /// A watch follows the warmer from another thread to the end, and
    /// says when the warmer is gone.
    #[test]
    fn a_watch_follows_the_warmer() {
        let snap = capture("watch");
        let w = super::Warmer::start(super::WarmOptions::default());
        let watch = w.watch();
        assert!(!watch.status().finished);
        let follower = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..2400 {
                let s = watch.wait(std::time::Duration::from_millis(50));
                seen.push(s.ready.len());
                if s.finished {
                    return (seen, watch);
                }
            }
            panic!("the warmer did not finish: {seen:?}");
        });
        w.offer(Arc::new(Facts::new(snap)));
        let (seen, watch) = follower.join().unwrap();
        assert_eq!(seen.last(), Some(&views::VIEWS.len()));
        assert!(seen.windows(2).all(|p| p[0] <= p[1]), "{seen:?}");
        assert!(!watch.stopped());
        drop(w);
        assert!(watch.stopped());
    }
}

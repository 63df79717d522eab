//! What warming views while a capture loads costs and gives: loads FILE
//! plainly, then again with a `views::Warmer` offered the facts of each
//! snapshot (ten a second, as the app samples the load), and prints the
//! load's wall and CPU time both ways, the warmer's CPU time, when it was
//! done, and the first whole-range look at the overview and at each
//! warmed view afterwards (plus the merge alone, from the warmed chunk
//! results, and optionally the cold look for comparison).
//!
//! `cargo run --release -p scapscope-core --example views_warm -- FILE [--cold] [VIEW...]`;
//! `--cost`: the warmer's CPU for the tiles alone, each view alone and all
//! together; `--together`: the last figure only (for profiles).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use scapscope_core::store::{LoadOptions, load};
use scapscope_core::views::{self, Facts, Query, WarmOptions, Warmer};

mod support;

use support::{cpu_ms, peak_rss_mib, rss_mib};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cold = args.iter().any(|a| a == "--cold");
    args.retain(|a| a != "--cold");
    if args.is_empty() {
        eprintln!("usage: views_warm FILE [--cold] [VIEW...]");
        std::process::exit(2);
    }
    let cost = args.iter().any(|a| a == "--cost");
    args.retain(|a| a != "--cost");
    // Only the "together" figure of `--cost` (for profiling the shared pass).
    let together_only = args.iter().any(|a| a == "--together");
    args.retain(|a| a != "--together");
    let path = std::path::PathBuf::from(args.remove(0));
    let cold_rss = args.first().is_some_and(|a| a == "--cold-rss");
    let names: Vec<&'static str> = if args.is_empty() {
        views::warm::default_views()
    } else {
        args.iter()
            .filter_map(|a| views::find(a).map(|d| d.id))
            .collect()
    };

    if cold_rss {
        // Resident memory of the cold path: the loaded capture, then each
        // first look (its per-chunk results kept).
        let snap = load(&path, LoadOptions::default()).wait();
        println!("loaded: RSS {:.0} MiB", rss_mib());
        let f = Facts::new(snap);
        views::tiles::overview(&f, &Query::default(), 60).unwrap();
        println!("after overview: RSS {:.0} MiB", rss_mib());
        for v in &views::warm::default_views() {
            views::compute_shared(&f, v, &Query::default()).unwrap();
            println!("after {v}: RSS {:.0} MiB", rss_mib());
        }
        return;
    }
    if cost || together_only {
        // The warmer's CPU on the loaded capture (whole-range results
        // included) for each view alone, the tiles alone, and all together
        // (one pass per chunk shared).
        let snap = load(&path, LoadOptions::default()).wait();
        let run = |v: Vec<&'static str>, tiles: bool| {
            let w = Warmer::start(WarmOptions {
                views: v,
                overview_points: tiles.then_some(60),
                ..WarmOptions::default()
            });
            w.offer(Arc::new(Facts::new(snap.clone())));
            w.wait_finished(Duration::from_secs(3600));
            w.status().cpu.map_or(f64::NAN, ms)
        };
        if together_only {
            // Three times: the least is the steadiest on a busy machine.
            for _ in 0..3 {
                println!("warm cost: together {:.0} ms CPU", run(names.clone(), true));
            }
            return;
        }
        let mut sum = run(vec![], true);
        println!("warm cost: tiles alone {sum:.0} ms CPU");
        for v in &names {
            let c = run(vec![*v], false);
            sum += c;
            println!("warm cost: {v} alone {c:.0} ms CPU");
        }
        println!(
            "warm cost: sum {sum:.0} ms CPU; together {:.0} ms CPU",
            run(names.clone(), true)
        );
        return;
    }

    // The load alone.
    let (t, c) = (Instant::now(), cpu_ms());
    let snap = load(&path, LoadOptions::default()).wait();
    if let Some(e) = &snap.open_error {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1);
    }
    let plain_wall = t.elapsed();
    let plain_cpu = cpu_ms() - c;
    println!(
        "{}: {} events, {} chunks",
        path.display(),
        snap.len(),
        snap.chunks.len()
    );
    println!(
        "load alone:        {:8.0} ms wall, {:8.0} ms CPU, RSS {:.0} MiB",
        ms(plain_wall),
        plain_cpu,
        rss_mib()
    );
    drop(snap);

    // The load with the warmer, offered the facts ten times a second.
    let (t, c) = (Instant::now(), cpu_ms());
    let warmer = Warmer::start(WarmOptions {
        views: names.clone(),
        overview_points: Some(60),
        ..WarmOptions::default()
    });
    let h = load(&path, LoadOptions::default());
    let mut facts: Option<Arc<Facts>> = None;
    loop {
        let snap = h.snapshot();
        if facts
            .as_ref()
            .is_none_or(|f| f.snapshot().generation != snap.generation)
        {
            let f = Arc::new(match &facts {
                Some(p) => p.next(snap.clone()),
                None => Facts::new(snap.clone()),
            });
            warmer.offer(f.clone());
            facts = Some(f);
        }
        if snap.done {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let load_wall = t.elapsed();
    let load_cpu = cpu_ms() - c;
    let at_load_end = warmer.status();
    // When the tiles and the first views are ready (see
    // `WarmOptions::first`), then everything.
    let first = WarmOptions::default().first;
    let mut first_ready = None;
    while !warmer.wait_finished(Duration::from_millis(50)) {
        let st = warmer.status();
        if first_ready.is_none()
            && st.overview_ready
            && first
                .iter()
                .all(|v| !names.contains(v) || st.ready.contains(v))
        {
            first_ready = Some(t.elapsed());
        }
    }
    let warm_wall = t.elapsed();
    if let Some(f) = first_ready {
        println!(
            "tiles and {} ready {:.0} ms after the load's end",
            first.join(", "),
            ms(f.saturating_sub(load_wall))
        );
    }
    let warm_cpu = cpu_ms() - c;
    let st = warmer.status();
    let facts = facts.unwrap();
    println!(
        "load with warmer:  {:8.0} ms wall, {:8.0} ms CPU (warmer had made {} chunk passes of {} chunks)",
        ms(load_wall),
        load_cpu,
        at_load_end.chunks_computed,
        facts.snapshot().chunks.len()
    );
    println!(
        "warmer finished:   {:8.0} ms wall, {:8.0} ms CPU in all; warmer thread {:.0} ms CPU, {:.0} ms busy; RSS {:.0} MiB (peak {:.0} MiB)",
        ms(warm_wall),
        warm_cpu,
        st.cpu.map_or(f64::NAN, ms),
        ms(st.busy),
        rss_mib(),
        peak_rss_mib()
    );
    let kept = facts.cached_parts();
    println!(
        "chunk results kept: {:.0} MiB ({})",
        kept.iter().map(|k| k.1).sum::<usize>() as f64 / 1048576.0,
        kept.iter()
            .map(|(k, b, _)| format!("{} {:.1} MiB", k.trim(), *b as f64 / 1048576.0))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // First looks after the warm-up.
    let all = Query::default();
    let t = Instant::now();
    let o = views::tiles::overview(&facts, &all, 60).unwrap();
    println!(
        "overview (60 points, {} tiles): {:.1} ms",
        o.tiles.len(),
        ms(t.elapsed())
    );
    for v in &names {
        let t = Instant::now();
        let tab = views::compute_shared(&facts, v, &all).unwrap();
        println!(
            "{v:<22} look {:8.1} ms  ({} rows)",
            ms(t.elapsed()),
            tab.rows.len()
        );
    }
    // A new 1% range in the middle, after the warm-up (whole chunks from
    // the kept chunk results where a view kept them, computed otherwise).
    let snap = facts.snapshot();
    let (lo, hi) = (
        snap.chunks.first().map_or(0, |c| c.summary.min_ts_ns),
        snap.chunks.last().map_or(0, |c| c.summary.max_ts_ns),
    );
    let mid = lo + (hi - lo) / 2;
    let pct = Query {
        from_ns: Some(mid),
        to_ns: Some(mid + (hi - lo) / 100),
        ..Query::default()
    };
    for v in &names {
        let (t, c) = (Instant::now(), cpu_ms());
        let tab = views::compute_shared(&facts, v, &pct).unwrap();
        println!(
            "{v:<22} 1% range {:7.1} ms ({:.0} ms CPU, {} rows)",
            ms(t.elapsed()),
            cpu_ms() - c,
            tab.rows.len()
        );
    }
    println!("RSS after the looks: {:.0} MiB", rss_mib());
    // The merge alone: facts of the same snapshot sharing the chunk
    // results, without the kept tables.
    let merged = facts.next(facts.snapshot().clone());
    let t = Instant::now();
    views::tiles::overview(&merged, &all, 60).unwrap();
    println!("overview merge from warm chunks: {:.1} ms", ms(t.elapsed()));
    for v in &names {
        let (t, c) = (Instant::now(), cpu_ms());
        views::compute_shared(&merged, v, &all).unwrap();
        println!(
            "{v:<22} merge {:7.1} ms ({:.0} ms CPU)",
            ms(t.elapsed()),
            cpu_ms() - c
        );
    }
    if cold {
        let fresh = Facts::new(facts.snapshot().clone());
        let (t, c) = (Instant::now(), cpu_ms());
        views::tiles::overview(&fresh, &all, 60).unwrap();
        println!(
            "overview cold: {:.0} ms ({:.0} ms CPU)",
            ms(t.elapsed()),
            cpu_ms() - c
        );
        for v in &names {
            let (t, c) = (Instant::now(), cpu_ms());
            views::compute_shared(&fresh, v, &all).unwrap();
            println!(
                "{v:<22} cold {:8.0} ms ({:.0} ms CPU)",
                ms(t.elapsed()),
                cpu_ms() - c
            );
        }
    }
}

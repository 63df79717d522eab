//! Loads a capture once, then computes one view (or `overview`) cold N
//! times on fresh `Facts`: a target for `perf record`.
//!
//! `cargo run --release -p scapscope-core --example views_profile -- FILE VIEW [N [WARM_N]]`

use std::time::Instant;

use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::views::{self, Facts, Query};

mod support;

use support::cpu_ms;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(view)) = (args.next(), args.next()) else {
        eprintln!("usage: views_profile FILE VIEW [N [WARM_N]]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    // Warm runs after each cold one (timed together).
    let warm_n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let snap = match load_blocking(std::path::Path::new(&path), LoadOptions::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "loaded {} events in {:.1} s",
        snap.len(),
        t.elapsed().as_secs_f64()
    );
    for _ in 0..n {
        let facts = Facts::new(snap.clone());
        let t = Instant::now();
        let cpu = cpu_ms();
        let rows = if view == "overview" {
            views::tiles::overview(&facts, &Query::default(), 40).map_or(0, |o| o.tiles.len())
        } else {
            views::compute(&facts, &view, &Query::default()).map_or(0, |t| t.rows.len())
        };
        let cold = t.elapsed();
        let cold_cpu = cpu_ms() - cpu;
        if view != "overview"
            && let Ok(table) = views::compute(&facts, &view, &Query::default())
        {
            let t = Instant::now();
            let mut c = table.clone();
            let clone = t.elapsed();
            let t = Instant::now();
            c.sort_by(0, true);
            eprintln!(
                "clone {:.1} ms, sort by column 0 {:.1} ms",
                clone.as_secs_f64() * 1e3,
                t.elapsed().as_secs_f64() * 1e3
            );
        }
        let t = Instant::now();
        if view != "overview" {
            for _ in 0..warm_n {
                let _ = views::compute(&facts, &view, &Query::default());
            }
        }
        eprintln!(
            "{view}: cold {:.1} ms ({cold_cpu:.0} ms CPU), warm {:.1} ms, {rows} rows",
            cold.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

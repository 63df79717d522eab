//! What the measuring examples read of their own process (Linux `/proc`;
//! zeros elsewhere). Each example includes it (`mod support;`).

#![allow(dead_code)]

/// CPU time of the process so far (user + system), in ms: on a shared
/// machine a steadier measure than the wall clock.
pub fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command: state, ppid, pgrp, session, tty, tpgid, flags,
    // four fault counts, then utime and stime in clock ticks of 10 ms.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) * 10.0
}

/// A `/proc/self/status` memory field (`"VmRSS:"`, `"VmHWM:"`,
/// `"RssAnon:"`…), in KiB; 0 when absent.
pub fn status_kib(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Resident memory now, in MiB.
pub fn rss_mib() -> f64 {
    status_kib("VmRSS:") as f64 / 1024.0
}

/// The most resident memory the process had so far, in MiB.
pub fn peak_rss_mib() -> f64 {
    status_kib("VmHWM:") as f64 / 1024.0
}

//! Numbers as people read them: bytes, counts, rates, durations, times.

use std::time::Duration;

/// Bytes with a binary unit: `512 B`, `1.5 KiB`, `12.3 MiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        format!("{v:.2} {}", UNITS[u])
    } else if v < 100.0 {
        format!("{v:.1} {}", UNITS[u])
    } else {
        format!("{v:.0} {}", UNITS[u])
    }
}

/// A count with a decimal multiplier: `999`, `12.3K`, `4.56M`, `1.2G`.
pub fn count(n: u64) -> String {
    if n < 1000 {
        return n.to_string();
    }
    let (v, unit) = if n < 1_000_000 {
        (n as f64 / 1e3, "K")
    } else if n < 1_000_000_000 {
        (n as f64 / 1e6, "M")
    } else {
        (n as f64 / 1e9, "G")
    };
    if v < 10.0 {
        format!("{v:.2}{unit}")
    } else if v < 100.0 {
        format!("{v:.1}{unit}")
    } else {
        format!("{v:.0}{unit}")
    }
}

/// A count with thousands separators: `1,234,567`.
pub fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration with a unit fit for its size: `850 ns`, `12.5 µs`, `3.20 ms`,
/// `4.50 s`, `2m 05s`, `1h 02m`.
pub fn duration_ns(ns: u64) -> String {
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.2} ms", ns as f64 / 1e6)
    } else if ns < 60_000_000_000 {
        format!("{:.2} s", ns as f64 / 1e9)
    } else {
        let s = ns / 1_000_000_000;
        if s < 3600 {
            format!("{}m {:02}s", s / 60, s % 60)
        } else {
            format!("{}h {:02}m", s / 3600, (s % 3600) / 60)
        }
    }
}

/// A [`Duration`] in the same style as [`duration_ns`].
pub fn duration(d: Duration) -> String {
    duration_ns(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Time of day as sysdig's `%evt.time` prints it: `HH:MM:SS.nnnnnnnnn`,
/// shifted by `offset_s` seconds from UTC.
pub fn time_of_day(ts_ns: u64, offset_s: i64) -> String {
    let secs = (ts_ns / 1_000_000_000) as i64 + offset_s;
    let day = secs.rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}.{:09}",
        day / 3600,
        (day % 3600) / 60,
        day % 60,
        ts_ns % 1_000_000_000
    )
}

/// Date and time in UTC: `2019-05-07 12:45:01`.
pub fn date_time_utc(ts_ns: u64) -> String {
    let secs = i64::try_from(ts_ns / 1_000_000_000).unwrap_or(i64::MAX);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanised() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1536), "1.50 KiB");
        assert_eq!(bytes(13_782_900), "13.1 MiB");
        assert_eq!(count(999), "999");
        assert_eq!(count(12_345), "12.3K");
        assert_eq!(count(4_560_000), "4.56M");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(123), "123");
        assert_eq!(duration_ns(850), "850 ns");
        assert_eq!(duration_ns(3_200_000), "3.20 ms");
        assert_eq!(duration_ns(125_000_000_000), "2m 05s");
        assert_eq!(time_of_day(3_723_000_000_042, 0), "01:02:03.000000042");
        assert_eq!(time_of_day(3_723_000_000_042, 3600), "02:02:03.000000042");
    }
}

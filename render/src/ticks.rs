//! The time axis: tick steps that suit the zoom (from days down to single
//! nanoseconds), their positions, and labels in wall-clock time (UTC) or
//! relative to the start of the capture.

use crate::view::View;

const NS: u64 = 1;
const US: u64 = 1_000;
const MS: u64 = 1_000_000;
const S: u64 = 1_000_000_000;
const MIN: u64 = 60 * S;
const HOUR: u64 = 60 * MIN;
const DAY: u64 = 24 * HOUR;

/// Tick steps, finest first: 1-2-5 below a second, then steps that divide
/// the minute, the hour and the day.
pub const STEPS_NS: [u64; 48] = [
    NS,
    2 * NS,
    5 * NS,
    10 * NS,
    20 * NS,
    50 * NS,
    100 * NS,
    200 * NS,
    500 * NS,
    US,
    2 * US,
    5 * US,
    10 * US,
    20 * US,
    50 * US,
    100 * US,
    200 * US,
    500 * US,
    MS,
    2 * MS,
    5 * MS,
    10 * MS,
    20 * MS,
    50 * MS,
    100 * MS,
    200 * MS,
    500 * MS,
    S,
    2 * S,
    5 * S,
    10 * S,
    15 * S,
    30 * S,
    MIN,
    2 * MIN,
    5 * MIN,
    10 * MIN,
    15 * MIN,
    30 * MIN,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    28 * DAY,
];

/// How times are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Date and time of day, UTC.
    Wall,
    /// Offset from a point in time (the start of the capture): `+1 d
    /// 02:00:00.5`.
    Relative {
        /// Time zero.
        origin_ns: u64,
    },
}

/// One labelled tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Pixel offset from the plot's left edge.
    pub x_px: f64,
    /// Its time.
    pub ts_ns: u64,
    /// What to write under it.
    pub label: String,
}

/// The ticks of one view.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    /// Time between labelled ticks.
    pub step_ns: u64,
    /// Labelled ticks, left to right.
    pub major: Vec<Tick>,
    /// Time between unlabelled ticks (0 when there are none).
    pub minor_step_ns: u64,
    /// Unlabelled ticks' pixel offsets.
    pub minor_x_px: Vec<f64>,
}

/// Space kept between two labels, in pixels.
const LABEL_GAP_PX: f64 = 24.0;

/// Unlabelled ticks are at least this far apart.
const MINOR_MIN_PX: f64 = 8.0;

/// Ticks for `view`; `char_px` is the width of one label character, so
/// that labels never overlap.
pub fn ticks(view: &View, clock: Clock, char_px: f64) -> Ticks {
    let step = STEPS_NS
        .iter()
        .copied()
        .find(|&s| {
            let need = label_chars(s, clock) as f64 * char_px + LABEL_GAP_PX;
            s as f64 / view.ns_per_px >= need
        })
        .unwrap_or(STEPS_NS[STEPS_NS.len() - 1]);
    let origin = match clock {
        Clock::Wall => 0,
        Clock::Relative { origin_ns } => origin_ns,
    };
    let major = positions(view, origin, step)
        .map(|ts| Tick {
            x_px: view.x_of(ts),
            ts_ns: ts,
            label: label(ts, step, clock),
        })
        .collect();
    let minor_step = STEPS_NS
        .iter()
        .copied()
        .find(|&s| s < step && step % s == 0 && s as f64 / view.ns_per_px >= MINOR_MIN_PX)
        .unwrap_or(0);
    let minor_x_px = if minor_step == 0 {
        Vec::new()
    } else {
        positions(view, origin, minor_step)
            .filter(|ts| ts.abs_diff(origin) % step != 0)
            .map(|ts| view.x_of(ts))
            .collect()
    };
    Ticks {
        step_ns: step,
        major,
        minor_step_ns: minor_step,
        minor_x_px,
    }
}

/// Timestamps `origin + k * step` inside the view.
fn positions(view: &View, origin: u64, step: u64) -> impl Iterator<Item = u64> {
    let (from, to) = view.ns_range();
    let first = if from >= origin {
        origin + (from - origin).div_ceil(step) * step
    } else {
        origin - ((origin - from) / step) * step
    };
    let view = *view;
    (0..)
        .map(move |k: u64| first.saturating_add(k.saturating_mul(step)))
        .take_while(move |&ts| ts < to && ts != u64::MAX)
        .filter(move |&ts| (0.0..=view.width_px).contains(&view.x_of(ts)))
}

/// Decimal digits after the second that a step needs (5 ms: 3).
pub fn fraction_digits(step_ns: u64) -> usize {
    let mut digits = 9;
    let mut s = step_ns;
    while digits > 0 && s.is_multiple_of(10) {
        s /= 10;
        digits -= 1;
    }
    if step_ns >= S && step_ns.is_multiple_of(S) {
        0
    } else {
        digits
    }
}

/// Characters of the longest label a step produces.
fn label_chars(step_ns: u64, clock: Clock) -> usize {
    // A late timestamp with every field two digits wide, ten days in.
    let sample = 1_767_225_600 * S + 10 * DAY + 23 * HOUR + 59 * MIN + 59 * S + 999_999_999;
    let ts = sample - sample % step_ns;
    let probe = match clock {
        Clock::Wall => Clock::Wall,
        Clock::Relative { .. } => Clock::Relative {
            origin_ns: sample - 10 * DAY - 23 * HOUR,
        },
    };
    // A day boundary in wall-clock mode is written as a date.
    label(ts, step_ns, probe)
        .chars()
        .count()
        .max(if clock == Clock::Wall { 10 } else { 0 })
}

/// The label of a tick at `ts_ns` when ticks are `step_ns` apart.
pub fn label(ts_ns: u64, step_ns: u64, clock: Clock) -> String {
    match clock {
        Clock::Wall => {
            if ts_ns.is_multiple_of(DAY) {
                return date(ts_ns);
            }
            if step_ns >= MIN && step_ns.is_multiple_of(MIN) {
                let t = ts_ns % DAY / MIN;
                return format!("{:02}:{:02}", t / 60, t % 60);
            }
            clock_time(ts_ns % DAY, fraction_digits(step_ns))
        }
        Clock::Relative { origin_ns } => {
            let (sign, off) = if ts_ns >= origin_ns {
                ("+", ts_ns - origin_ns)
            } else {
                ("-", origin_ns - ts_ns)
            };
            let days = off / DAY;
            let day = if days > 0 {
                format!("{days} d ")
            } else {
                String::new()
            };
            let rest = off % DAY;
            if step_ns >= DAY && step_ns.is_multiple_of(DAY) {
                return format!("{sign}{days} d");
            }
            if step_ns >= MIN && step_ns.is_multiple_of(MIN) {
                let t = rest / MIN;
                return format!("{sign}{day}{:02}:{:02}", t / 60, t % 60);
            }
            format!("{sign}{day}{}", clock_time(rest, fraction_digits(step_ns)))
        }
    }
}

/// `HH:MM:SS` plus `digits` decimals, grouped by three
/// (`12:00:00.123 456 7`), of a time of day in ns.
fn clock_time(ns_of_day: u64, digits: usize) -> String {
    let secs = ns_of_day / S;
    let mut s = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    if digits > 0 {
        let frac = format!("{:09}", ns_of_day % S);
        s.push('.');
        for (i, c) in frac.chars().take(digits).enumerate() {
            if i > 0 && i % 3 == 0 {
                s.push(' ');
            }
            s.push(c);
        }
    }
    s
}

/// `YYYY-MM-DD` of a timestamp (UTC).
pub fn date(ts_ns: u64) -> String {
    let (y, m, d) = civil_from_days((ts_ns / DAY) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Year, month and day of a count of days since 1970-01-01, by the
/// proleptic Gregorian calendar (eras of 400 years, years starting in
/// March so that the leap day comes last).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A timestamp to the nanosecond: `2026-01-11 00:00:00.123 456 789`, or
/// `+10 d 00:00:00.123 456 789` relative to the origin.
pub fn exact(ts_ns: u64, clock: Clock) -> String {
    match clock {
        Clock::Wall => format!("{} {}", date(ts_ns), clock_time(ts_ns % DAY, 9)),
        Clock::Relative { .. } => label(ts_ns, 1, clock),
    }
}

/// A duration for people: `123 ns`, `4.56 µs`, `7.89 ms`, `1.234 s`,
/// `2 min 3 s`, `4 h 5 min`, `6 d 7 h`.
pub fn duration(ns: u64) -> String {
    fn three(v: f64, unit: &str) -> String {
        let digits = if v >= 100.0 {
            0
        } else if v >= 10.0 {
            1
        } else {
            2
        };
        format!("{v:.digits$} {unit}")
    }
    match ns {
        0..US => format!("{ns} ns"),
        US..MS => three(ns as f64 / US as f64, "µs"),
        MS..S => three(ns as f64 / MS as f64, "ms"),
        S..MIN => format!("{:.3} s", ns as f64 / S as f64),
        MIN..HOUR => format!("{} min {} s", ns / MIN, ns % MIN / S),
        HOUR..DAY => format!("{} h {} min", ns / HOUR, ns % HOUR / MIN),
        _ => format!("{} d {} h", ns / DAY, ns % DAY / HOUR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{MIN_NS_PER_PX, View};

    const T0: u64 = 1_767_225_600 * S;

    #[test]
    fn dates_are_right() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(T0), "2026-01-01");
        assert_eq!(date(T0 + 10 * DAY), "2026-01-11");
        // 2024 is a leap year, 2100 is not.
        assert_eq!(date(1_709_164_800 * S), "2024-02-29");
        assert_eq!(date(1_709_251_200 * S), "2024-03-01");
        assert_eq!(date(4_107_456_000 * S), "2100-02-28");
        assert_eq!(date(4_107_542_400 * S), "2100-03-01");
        assert_eq!(date(951_782_400 * S), "2000-02-29");
    }

    #[test]
    fn labels_at_each_scale() {
        let t = T0 + 10 * DAY + 13 * HOUR + 4 * MIN + 5 * S + 123_456_789;
        assert_eq!(label(t - t % HOUR, HOUR, Clock::Wall), "13:00");
        assert_eq!(label(t - t % S, S, Clock::Wall), "13:04:05");
        assert_eq!(label(t - t % MS, MS, Clock::Wall), "13:04:05.123");
        assert_eq!(
            label(t - t % (10 * US), 10 * US, Clock::Wall),
            "13:04:05.123 45"
        );
        assert_eq!(label(t, NS, Clock::Wall), "13:04:05.123 456 789");
        assert_eq!(label(T0 + 10 * DAY, HOUR, Clock::Wall), "2026-01-11");
        let rel = Clock::Relative { origin_ns: T0 };
        assert_eq!(label(t, NS, rel), "+10 d 13:04:05.123 456 789");
        assert_eq!(label(T0 + 500 * MS, 100 * MS, rel), "+00:00:00.5");
        assert_eq!(label(T0 + 2 * DAY, DAY, rel), "+2 d");
        assert_eq!(label(T0 + 90 * MIN, 30 * MIN, rel), "+01:30");
        assert_eq!(label(T0 - 2 * S, S, rel), "-00:00:02");
        assert_eq!(exact(t, Clock::Wall), "2026-01-11 13:04:05.123 456 789");
        assert_eq!(exact(t, rel), "+10 d 13:04:05.123 456 789");
    }

    #[test]
    fn fraction_digits_follow_the_step() {
        assert_eq!(fraction_digits(NS), 9);
        assert_eq!(fraction_digits(20 * NS), 8);
        assert_eq!(fraction_digits(5 * MS), 3);
        assert_eq!(fraction_digits(500 * MS), 1);
        assert_eq!(fraction_digits(S), 0);
        assert_eq!(fraction_digits(15 * S), 0);
    }

    /// At every zoom level, from 1 ns per 100 px out to weeks per screen:
    /// ticks are on multiples of a step from the table, in order, inside
    /// the plot, labelled without overlap, and the step grows with the
    /// zoom.
    #[test]
    fn ticks_at_every_zoom_level() {
        let char_px = 7.0;
        let width = 1600.0;
        for clock in [Clock::Wall, Clock::Relative { origin_ns: T0 + 7 }] {
            let mut nspp = MIN_NS_PER_PX;
            let mut last_step = 0;
            let mut steps_seen = std::collections::BTreeSet::new();
            while nspp < 3.0 * DAY as f64 * 28.0 / width {
                let v = View::new(T0 + 10 * DAY + 1_234_567, nspp, width);
                let t = ticks(&v, clock, char_px);
                assert!(STEPS_NS.contains(&t.step_ns));
                assert!(t.step_ns >= last_step, "step shrank at {nspp} ns/px");
                last_step = t.step_ns;
                steps_seen.insert(t.step_ns);
                let origin = match clock {
                    Clock::Wall => 0,
                    Clock::Relative { origin_ns } => origin_ns,
                };
                assert!(
                    !t.major.is_empty() || t.step_ns as f64 / nspp > width / 2.0,
                    "no tick at {nspp} ns/px"
                );
                for w in t.major.windows(2) {
                    let gap = w[1].x_px - w[0].x_px;
                    let widest = w[0].label.chars().count().max(w[1].label.chars().count());
                    assert!(
                        gap >= widest as f64 * char_px,
                        "labels {:?} and {:?} overlap at {nspp} ns/px",
                        w[0].label,
                        w[1].label
                    );
                    assert_eq!(w[1].ts_ns - w[0].ts_ns, t.step_ns);
                }
                for tick in &t.major {
                    assert_eq!(tick.ts_ns.abs_diff(origin) % t.step_ns, 0);
                    assert!((0.0..=width).contains(&tick.x_px));
                    assert!((tick.x_px - v.x_of(tick.ts_ns)).abs() < 1e-9);
                    assert!(!tick.label.is_empty());
                }
                for w in t.minor_x_px.windows(2) {
                    assert!(w[1] - w[0] >= MINOR_MIN_PX - 1e-6);
                }
                nspp *= 1.7;
            }
            // From single nanoseconds up to days, every scale was used: at
            // the deepest zoom, labels at most 5 ns apart and a tick on
            // every nanosecond.
            let deepest = ticks(
                &View::new(T0 + 10 * DAY, MIN_NS_PER_PX, width),
                clock,
                char_px,
            );
            assert!(deepest.step_ns <= 5 * NS, "{}", deepest.step_ns);
            assert!(deepest.step_ns == NS || deepest.minor_step_ns == NS);
            assert!(steps_seen.contains(&US) || steps_seen.contains(&(2 * US)));
            assert!(steps_seen.iter().any(|&s| s >= HOUR));
            assert!(steps_seen.len() > 30, "{steps_seen:?}");
        }
    }

    #[test]
    fn nanosecond_ticks_ten_days_in() {
        let start = T0 + 10 * DAY + 5;
        let v = View::new(start, MIN_NS_PER_PX, 1600.0);
        let clock = Clock::Relative { origin_ns: T0 };
        let t = ticks(&v, clock, 7.0);
        assert!(t.step_ns <= 5, "step {}", t.step_ns);
        assert!(t.major.len() >= 2);
        for tick in &t.major {
            assert_eq!(tick.label, exact(tick.ts_ns, clock));
            assert!((tick.x_px - (tick.ts_ns - start) as f64 * 100.0).abs() < 1e-6);
        }
        assert!(t.major[0].label.starts_with("+10 d 00:00:00.000 000 00"));
    }

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0 ns");
        assert_eq!(duration(999), "999 ns");
        assert_eq!(duration(1_500), "1.50 µs");
        assert_eq!(duration(25_300_000), "25.3 ms");
        assert_eq!(duration(1_234_567_890), "1.235 s");
        assert_eq!(duration(125 * S), "2 min 5 s");
        assert_eq!(duration(3 * HOUR + 7 * MIN), "3 h 7 min");
        assert_eq!(duration(10 * DAY + HOUR), "10 d 1 h");
    }
}

//! Which events the list shows: the loaded snapshot narrowed by the typed
//! filter and the time range.
//!
//! Matching runs off the UI thread ([`run`] is blocking; the app wraps it
//! in a task) and incrementally: while a capture loads, each new snapshot
//! only scans the events past those already covered, and the result is
//! appended. Every job carries the generation of the query it computes;
//! the app drops results of an older generation (the user typed another
//! filter meanwhile).
//!
//! Filters run on the columnar store ([`StoreFilter`]) when every field
//! they use is held there; otherwise the capture is read again with the
//! filter inside the state engine ([`Reader::set_filter`], exactly as
//! `sysdig -r FILE FILTER`), counting events in the order the store holds
//! them (both read the same records in the same order).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use scapscope_core::filter::{Filter, Matcher, StoreFilter};
use scapscope_core::reader::Reader;
use scapscope_core::store::Snapshot;

/// A time range, `[from_ns, to_ns)` in capture timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// First nanosecond in the range.
    pub from_ns: u64,
    /// First nanosecond after it.
    pub to_ns: u64,
}

impl TimeRange {
    /// The range between two instants, in either order (`None` when empty).
    pub fn new(a_ns: u64, b_ns: u64) -> Option<TimeRange> {
        let (from_ns, to_ns) = (a_ns.min(b_ns), a_ns.max(b_ns));
        (to_ns > from_ns).then_some(TimeRange { from_ns, to_ns })
    }

    /// Whether `ts_ns` is in the range.
    pub fn contains(&self, ts_ns: u64) -> bool {
        (self.from_ns..self.to_ns).contains(&ts_ns)
    }

    /// Its length.
    pub fn len_ns(&self) -> u64 {
        self.to_ns - self.from_ns
    }
}

/// What narrows the list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// The applied filter.
    pub filter: Option<Filter>,
    /// The time range.
    pub range: Option<TimeRange>,
}

impl Query {
    /// Whether nothing narrows the list.
    pub fn is_empty(&self) -> bool {
        self.filter.is_none() && self.range.is_none()
    }
}

/// The events shown, as event indices of the snapshot.
#[derive(Debug, Clone)]
pub enum Rows {
    /// Every loaded event (this many).
    All(usize),
    /// These events, ascending.
    Picked(Arc<Vec<u32>>),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::All(0)
    }
}

impl Rows {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::All(n) => *n,
            Rows::Picked(v) => v.len(),
        }
    }

    /// Whether there is no row.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The event shown on row `row`.
    pub fn event(&self, row: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (row < *n).then_some(row),
            Rows::Picked(v) => v.get(row).map(|&i| i as usize),
        }
    }

    /// The row showing event `event`, if shown.
    pub fn row_of(&self, event: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (event < *n).then_some(event),
            Rows::Picked(v) => {
                let e = u32::try_from(event).ok()?;
                v.binary_search(&e).ok()
            }
        }
    }
}

/// One matching job: extend `prev` (the matches among events
/// `[0, from)`) over the rest of `snapshot`.
#[derive(Debug, Clone)]
pub struct Job {
    /// The query generation it computes.
    pub generation: u64,
    /// The query.
    pub query: Query,
    /// The events to match.
    pub snapshot: Arc<Snapshot>,
    /// The capture (for filters the store cannot run).
    pub path: PathBuf,
    /// Events already matched.
    pub from: usize,
    /// Their matches.
    pub prev: Arc<Vec<u32>>,
    /// Local time's offset from UTC (for time-of-day fields).
    pub tz_offset_s: i64,
}

/// What a job found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The query generation it computed.
    pub generation: u64,
    /// Matches among events `[0, covered)`.
    pub rows: Arc<Vec<u32>>,
    /// Events matched so far.
    pub covered: usize,
    /// How it ran (shown next to the filter), or why it failed.
    pub how: Result<Engine, String>,
}

/// How a filter ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// On the columnar store.
    Store,
    /// By reading the capture again (a field the store does not hold).
    Reader,
    /// Only a time range, no filter.
    Range,
}

/// Runs a job (blocking; call it off the UI thread).
pub fn run(job: Job) -> Outcome {
    let snap = &job.snapshot;
    let end = snap.len();
    let from = job.from.min(end);
    let mut rows: Vec<u32> = Vec::with_capacity(job.prev.len());
    rows.extend(job.prev.iter().copied());
    let in_range = |i: usize| match job.query.range {
        None => true,
        Some(r) => snap.row(i).is_some_and(|row| r.contains(row.ts_ns)),
    };
    let how = match &job.query.filter {
        None => {
            let span = match job.query.range {
                Some(r) => snap.candidate_span(r.from_ns, r.to_ns),
                None => 0..end,
            };
            let lo = span.start.max(from);
            rows.extend(
                (lo..span.end.min(end))
                    .filter(|&i| in_range(i))
                    .filter_map(|i| u32::try_from(i).ok()),
            );
            Ok(Engine::Range)
        }
        Some(f) => match StoreFilter::compile(f) {
            Ok(sf) => {
                rows.extend(
                    sf.scan_from(snap, from, false)
                        .into_iter()
                        .filter(|&i| i < end && in_range(i))
                        .filter_map(|i| u32::try_from(i).ok()),
                );
                Ok(Engine::Store)
            }
            Err(_) => match by_reader(&job.path, f, from, end, job.tz_offset_s) {
                Ok(found) => {
                    rows.extend(found.into_iter().filter(|&i| in_range(i as usize)));
                    Ok(Engine::Reader)
                }
                Err(e) => Err(e),
            },
        },
    };
    Outcome {
        generation: job.generation,
        rows: Arc::new(rows),
        covered: end,
        how,
    }
}

/// The events in `[from, end)` that `filter` passes, read from the file
/// with the filter inside the state engine.
fn by_reader(
    path: &Path,
    filter: &Filter,
    from: usize,
    end: usize,
    tz_offset_s: i64,
) -> Result<Vec<u32>, String> {
    let mut reader =
        Reader::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    reader.set_filter(Matcher::new(filter.clone(), tz_offset_s));
    let mut found = Vec::new();
    let mut i = 0usize;
    while i < end {
        let Some(ev) = reader.next_event() else { break };
        if i >= from && ev.passed && !ev.hidden {
            found.push(u32::try_from(i).map_err(|_| "more than 4G events".to_string())?);
        }
        i += 1;
    }
    Ok(found)
}

/// Parses a typed time range relative to the capture start `origin_ns`:
/// `FROM..TO` (or `FROM - TO`), each a number with a unit (`ns`, `us`,
/// `µs`, `ms`, `s`, `m`, `h`; seconds when there is none), e.g.
/// `1.5s..2s`, `120ms..121ms`, `0..1500ns`.
pub fn parse_range(text: &str, origin_ns: u64) -> Result<TimeRange, String> {
    let t = text.trim();
    let (a, b) = t
        .split_once("..")
        .or_else(|| t.split_once(" - "))
        .ok_or_else(|| format!("'{t}': write FROM..TO, e.g. 1.5s..2s"))?;
    let from = offset_ns(a)?;
    let to = offset_ns(b)?;
    TimeRange::new(origin_ns.saturating_add(from), origin_ns.saturating_add(to))
        .ok_or_else(|| format!("'{t}' is an empty range"))
}

/// One offset (`1.5s`, `20ms`, `300`) in nanoseconds, without floats for
/// the integer part so that long offsets keep every nanosecond.
fn offset_ns(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let unit_ns: u64 = match unit.trim() {
        "ns" => 1,
        "us" | "µs" => 1_000,
        "ms" => 1_000_000,
        "" | "s" => 1_000_000_000,
        "m" | "min" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        u => return Err(format!("unknown unit '{u}' in '{s}' (ns, us, ms, s, m, h)")),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() {
        return Err(format!("'{s}' is not a time"));
    }
    let bad = || format!("'{s}' is not a time");
    let int: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let mut ns = int.checked_mul(unit_ns).ok_or_else(bad)?;
    // Fraction digits, scaled exactly while they still mean something.
    let mut scale = unit_ns;
    for d in frac.chars() {
        let d = d.to_digit(10).ok_or_else(bad)?;
        scale /= 10;
        ns = ns.checked_add(u64::from(d) * scale).ok_or_else(bad)?;
    }
    Ok(ns)
}

#[cfg(test)]
mod tests {
    use scapscope_core::store::{self, LoadOptions};

    use super::*;

    fn demo() -> Arc<Snapshot> {
        store::load_blocking(&crate::demo_capture(), LoadOptions::default()).unwrap()
    }

    fn job(snapshot: Arc<Snapshot>, query: Query, from: usize, prev: Vec<u32>) -> Job {
        Job {
            generation: 7,
            query,
            snapshot,
            path: crate::demo_capture(),
            from,
            prev: Arc::new(prev),
            tz_offset_s: 0,
        }
    }

    fn filtered(text: &str) -> Query {
        Query {
            filter: Some(Filter::parse(text).unwrap()),
            range: None,
        }
    }

    /// The events `scapscope print` lists for `text`, by evt.num.
    fn printed_nums(snap: &Snapshot, text: &str) -> Vec<u64> {
        let mut reader = Reader::open(&crate::demo_capture()).unwrap();
        reader.set_filter(Matcher::new(Filter::parse(text).unwrap(), 0));
        let mut nums = Vec::new();
        while let Some(ev) = reader.next_event() {
            if ev.passed && !ev.hidden {
                nums.push(ev.num.unwrap());
            }
        }
        assert!(!nums.is_empty(), "{text} matches nothing on the demo");
        assert!(nums.len() < snap.len() / 2, "{text} is not selective");
        nums
    }

    fn nums(snap: &Snapshot, rows: &[u32]) -> Vec<u64> {
        rows.iter()
            .map(|&i| snap.row(i as usize).unwrap().num.unwrap())
            .collect()
    }

    #[test]
    fn store_filters_pick_what_print_prints() {
        let snap = demo();
        let text = "proc.name=containerd and evt.type in (futex, nanosleep)";
        let out = run(job(snap.clone(), filtered(text), 0, Vec::new()));
        assert_eq!(out.how, Ok(Engine::Store));
        assert_eq!(out.generation, 7);
        assert_eq!(out.covered, snap.len());
        assert_eq!(nums(&snap, &out.rows), printed_nums(&snap, text));
    }

    #[test]
    fn other_fields_fall_back_to_the_reader() {
        let snap = demo();
        // proc.cmdline is not a store column.
        let text = "proc.cmdline contains multipathd or evt.latency > 1000000";
        let out = run(job(snap.clone(), filtered(text), 0, Vec::new()));
        assert_eq!(out.how, Ok(Engine::Reader));
        assert_eq!(nums(&snap, &out.rows), printed_nums(&snap, text));
    }

    #[test]
    fn incremental_jobs_append_to_what_was_matched() {
        let snap = demo();
        let q = filtered("evt.dir=< and proc.name=containerd");
        let whole = run(job(snap.clone(), q.clone(), 0, Vec::new()));
        let half = snap.len() / 2;
        let first: Vec<u32> = whole
            .rows
            .iter()
            .copied()
            .filter(|&i| (i as usize) < half)
            .collect();
        let rest = run(job(snap.clone(), q, half, first));
        assert_eq!(rest.rows, whole.rows);
    }

    #[test]
    fn a_time_range_alone_keeps_the_events_inside_it() {
        let snap = demo();
        let t0 = snap.row(100).unwrap().ts_ns;
        let t1 = snap.row(300).unwrap().ts_ns;
        let range = TimeRange::new(t1, t0).unwrap();
        let q = Query {
            filter: None,
            range: Some(range),
        };
        let out = run(job(snap.clone(), q, 0, Vec::new()));
        assert_eq!(out.how, Ok(Engine::Range));
        let expect: Vec<u32> = (0..snap.len())
            .filter(|&i| range.contains(snap.row(i).unwrap().ts_ns))
            .map(|i| i as u32)
            .collect();
        assert!(!expect.is_empty() && expect.len() < snap.len());
        assert_eq!(*out.rows, expect);
        // With a filter too: both apply.
        let q = Query {
            filter: Some(Filter::parse("evt.dir=>").unwrap()),
            range: Some(range),
        };
        let both = run(job(snap.clone(), q, 0, Vec::new()));
        assert!(!both.rows.is_empty() && both.rows.len() < expect.len());
        for &i in both.rows.iter() {
            let r = snap.row(i as usize).unwrap();
            assert!(range.contains(r.ts_ns));
            assert!(scapscope_core::schema::is_enter(r.event_type));
        }
    }

    #[test]
    fn rows_map_positions_to_events() {
        let all = Rows::All(10);
        assert_eq!(
            (all.len(), all.event(3), all.row_of(9), all.event(10)),
            (10, Some(3), Some(9), None)
        );
        let picked = Rows::Picked(Arc::new(vec![2, 5, 40]));
        assert_eq!(picked.event(1), Some(5));
        assert_eq!(picked.row_of(40), Some(2));
        assert_eq!(picked.row_of(3), None);
        assert!(!picked.is_empty());
        assert_eq!(TimeRange::new(5, 5), None);
    }

    #[test]
    fn typed_ranges_are_exact_to_the_nanosecond() {
        let origin = 1_700_000_000_123_456_789;
        let r = parse_range("1.5s..2s", origin).unwrap();
        assert_eq!(r.from_ns - origin, 1_500_000_000);
        assert_eq!(r.len_ns(), 500_000_000);
        let r = parse_range("120ms - 120.000001ms", origin).unwrap();
        assert_eq!(r.len_ns(), 1);
        let r = parse_range("0..1500ns", origin).unwrap();
        assert_eq!((r.from_ns, r.len_ns()), (origin, 1500));
        // Ten days in, a single nanosecond still counts.
        let r = parse_range("240h..240h 1ns", origin);
        assert!(r.is_err(), "one unit per offset");
        let r = parse_range("864000.000000001s..864000.000000002s", origin).unwrap();
        assert_eq!((r.from_ns - origin, r.len_ns()), (864_000_000_000_001, 1));
        assert!(parse_range("2s..2s", origin).unwrap_err().contains("empty"));
        assert!(parse_range("1x..2s", origin).unwrap_err().contains("unit"));
        assert!(
            parse_range("soon", origin)
                .unwrap_err()
                .contains("FROM..TO")
        );
        // Reversed ends are put in order.
        assert_eq!(parse_range("2s..1s", origin), parse_range("1s..2s", origin));
    }

    #[test]
    fn an_unreadable_file_is_an_error_not_a_panic() {
        let snap = demo();
        let mut j = job(snap, filtered("proc.cmdline contains x"), 0, Vec::new());
        j.path = PathBuf::from("/nonexistent/capture.scap");
        let out = run(j);
        assert!(out.how.unwrap_err().contains("/nonexistent/capture.scap"));
    }
}

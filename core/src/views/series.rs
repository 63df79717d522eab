//! Time series of any metric over any range, at any bucket width down to
//! 1 ns. Chunks that lie whole inside one bucket (and the range) count
//! from per-chunk totals (the store's summaries for events, errors and I/O
//! bytes; totals computed once and cached for the others), so wide buckets
//! over a huge capture touch only the chunks at bucket edges.

use super::metrics::{self, Metric, MetricKind};
use super::select::UserFilter;
use super::tiles::query_span;
use super::{Facts, Query, ViewError};

/// Most buckets one series may have.
pub const MAX_BUCKETS: u64 = 10_000_000;

/// A metric over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The metric's id.
    pub metric: String,
    /// How its values combine.
    pub kind: MetricKind,
    /// Start of the first bucket, ns since the epoch.
    pub from_ns: u64,
    /// Bucket width, ns.
    pub bucket_ns: u64,
    /// One value per bucket.
    pub values: Vec<u64>,
    /// The value over the whole range (a sum, or how many distinct things).
    pub total: u64,
}

impl Series {
    /// Start time of bucket `k`.
    pub fn bucket_start_ns(&self, k: usize) -> u64 {
        self.from_ns + k as u64 * self.bucket_ns
    }

    /// The series as JSON: `{"metric", "kind", "from_ns", "bucket_ns",
    /// "total", "values"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "metric": self.metric,
            "kind": match self.kind {
                MetricKind::Sum => "sum",
                MetricKind::Distinct => "distinct",
                MetricKind::Gauge => "gauge",
            },
            "from_ns": self.from_ns,
            "bucket_ns": self.bucket_ns,
            "total": self.total,
            "values": self.values,
        })
    }
}

/// The ids of every metric.
pub fn metric_ids() -> Vec<String> {
    Metric::all().into_iter().map(Metric::id).collect()
}

/// `metric` over `q`'s range in buckets of `bucket_ns`.
pub fn series(facts: &Facts, metric: &str, q: &Query, bucket_ns: u64) -> Result<Series, ViewError> {
    let m = Metric::parse(metric).ok_or_else(|| ViewError::UnknownMetric(metric.to_string()))?;
    let user = UserFilter::new(q.filter.as_ref())?;
    let (from, to) = query_span(facts, q);
    let range_ns = to.saturating_sub(from);
    if bucket_ns == 0 {
        return Err(ViewError::BadBucket {
            bucket_ns,
            range_ns,
            reason: "buckets must be at least 1 ns wide",
        });
    }
    let n = range_ns.div_ceil(bucket_ns).max(1);
    if n > MAX_BUCKETS {
        return Err(ViewError::BadBucket {
            bucket_ns,
            range_ns,
            reason: "more than 10 million buckets: narrow the range (--from/--to) or widen the buckets",
        });
    }
    let n = n as usize;
    let (values, total) = match m.kind() {
        MetricKind::Gauge => {
            let (levels, total) = metrics::listening_ports(facts, from, to, bucket_ns, n);
            (levels, total)
        }
        MetricKind::Sum => {
            let a = metrics::accumulate(facts, &[m], &user, from, to, bucket_ns, n);
            let v = a.into_iter().next().map(|a| a.sums).unwrap_or_default();
            let t = v.iter().sum();
            (v, t)
        }
        MetricKind::Distinct => {
            let a = metrics::accumulate(facts, &[m], &user, from, to, bucket_ns, n);
            let keys = a.into_iter().next().map(|a| a.keys).unwrap_or_default();
            let mut all = rustc_hash::FxHashSet::default();
            for s in &keys {
                all.extend(s.iter().copied());
            }
            if user.is_empty() {
                all.extend(metrics::table_keys(facts, m, from, to));
            }
            (
                keys.iter().map(|s| s.len() as u64).collect(),
                all.len() as u64,
            )
        }
    };
    Ok(Series {
        metric: m.id(),
        kind: m.kind(),
        from_ns: from,
        bucket_ns,
        values,
        total,
    })
}

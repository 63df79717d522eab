//! Views and metrics: the tables, tiles and time series Sysdig Inspect
//! shows, computed from the columnar store over any time range and filter.
//!
//! - A view ([`defs::ViewDef`]) is a grouping key, typed columns with units,
//!   a default sort and the view a row drills down to. [`VIEWS`] has
//!   csysdig's standard views (same columns, same meanings, same numbers
//!   as `csysdig -r FILE -j -v NAME`; `docs/sysdig-compat/views.md` lists
//!   what differs and why) plus a process tree and the commands executed.
//! - [`compute`] runs a view over a [`Query`] (time range, filter) and
//!   returns a [`Table`] that the CLI and the GUI render alike. Rows carry
//!   the filter they imply (`proc.pid=3803`), and [`drill_down`] gives the
//!   next view with the filter to run it with.
//! - [`tiles`] are the overview's numbers (Sysdig Inspect's tiles, with
//!   its known mistakes fixed), [`series`] any metric over time at any
//!   bucket width, from chunk summaries where a range covers whole chunks.
//!
//! Everything runs on [`Facts`], the per-snapshot data views derive from
//! the store once (CPU samples, per-process values, latency bookkeeping,
//! state tables); build one per snapshot and share it, the next one of a
//! load with [`Facts::next`]. A [`Warmer`] prepares tiles and views in the
//! background while a capture loads.

pub mod defs;
mod engine;
mod extract;
mod facts;
pub mod metrics;
pub mod model;
mod select;
pub mod series;
mod stdorder;
pub mod tiles;
mod tree;
pub mod warm;

#[cfg(test)]
mod test_support;

pub use defs::{VIEWS, ViewDef, ViewKind};
pub use extract::VF;
pub use facts::Facts;
pub use model::{ColType, Column, DrillDown, Row, Table, Unit, Value};
pub use warm::{WarmOptions, WarmStatus, WarmWatch, Warmer};

use crate::filter::{Filter, FilterError};

/// Why a view could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// No view has this id.
    #[error("unknown view '{0}' (scapscope view --list shows them)")]
    UnknownView(String),
    /// The filter uses a field views cannot evaluate.
    #[error("views cannot filter on '{0}' yet")]
    UnsupportedField(String),
    /// The filter does not parse.
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// No metric has this name.
    #[error("unknown metric '{0}' (scapscope series --list shows them)")]
    UnknownMetric(String),
    /// A time series bucket of 0 ns, or too many buckets.
    #[error("bad bucket width {bucket_ns} ns for a range of {range_ns} ns: {reason}")]
    BadBucket {
        /// The bucket width asked for.
        bucket_ns: u64,
        /// The range's length.
        range_ns: u64,
        /// What is wrong.
        reason: &'static str,
    },
}

/// What to compute a view over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Events at or after this time (ns since the epoch); `None`: from the
    /// start.
    pub from_ns: Option<u64>,
    /// Events before this time; `None`: to the end.
    pub to_ns: Option<u64>,
    /// Only events this filter matches (ANDed with the view's own filter).
    pub filter: Option<Filter>,
}

/// The view with id `id`.
pub fn find(id: &str) -> Option<&'static ViewDef> {
    defs::find(id)
}

/// Computes view `id` over `facts`' snapshot.
pub fn compute(facts: &Facts, id: &str, q: &Query) -> Result<Table, ViewError> {
    let def = find(id).ok_or_else(|| ViewError::UnknownView(id.to_string()))?;
    engine::run(facts, def, q)
}

/// [`compute`], returning the table the engine keeps for repeated looks
/// instead of a copy of it: for front ends that keep the table they show
/// (a repeated look at a 170k-row table is then free). Copy it
/// (`Arc::make_mut`) to change it, e.g. to sort it.
pub fn compute_shared(
    facts: &Facts,
    id: &str,
    q: &Query,
) -> Result<std::sync::Arc<Table>, ViewError> {
    let def = find(id).ok_or_else(|| ViewError::UnknownView(id.to_string()))?;
    engine::run_shared_with(facts, def, q, false)
}

/// [`compute`] with the engine's plain per-event path, bypassing its fast
/// paths: the reference the fast paths are tested against (slower; its
/// chunk results are cached apart).
#[doc(hidden)]
pub fn compute_reference(facts: &Facts, id: &str, q: &Query) -> Result<Table, ViewError> {
    let def = find(id).ok_or_else(|| ViewError::UnknownView(id.to_string()))?;
    engine::run_with(facts, def, q, true)
}

/// Writes a filter value so that the filter parser reads it back as is.
fn quote(v: &str) -> String {
    let plain = !v.is_empty()
        && !v.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '"' | '\'' | '\\' | ',')
        });
    if plain {
        return v.to_string();
    }
    let mut s = String::from("\"");
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            c if c.is_ascii_control() => s.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The condition a row of `def` with key `key` implies (`proc.pid=3803`),
/// as filter text (canonical: what [`Filter`]'s `to_string` gives).
pub fn key_filter(def: &ViewDef, key: &str) -> Option<String> {
    def.drilldown?;
    let field = def.drill_field()?;
    Some(format!("{field}={}", quote(key)))
}

/// The filter of a view as a [`Filter`] (`None` for views without one).
pub fn view_filter(def: &ViewDef) -> Option<Filter> {
    let t = def.filter.text();
    if t.is_empty() {
        return None;
    }
    Filter::parse(t).ok()
}

/// Where drilling into `row` of view `id` leads, given the filter the view
/// was computed with.
pub fn drill_down(id: &str, row: &Row, incoming: Option<&Filter>) -> Option<DrillDown> {
    let def = find(id)?;
    let next = find(def.drilldown?)?;
    let key_filter = Filter::parse(row.key_filter.as_deref()?).ok()?;
    let mut filter = key_filter.clone();
    if def.propagate_filter
        && let Some(vf) = view_filter(def)
    {
        filter = Filter::and(vf, filter);
    }
    if let Some(inc) = incoming {
        filter = Filter::and(inc.clone(), filter);
    }
    Some(DrillDown {
        view: next.id,
        key_filter,
        filter,
    })
}

//! Named counters of things that went wrong but did not stop the load.

use std::collections::BTreeMap;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Expected in normal captures (e.g. an enter event whose exit was not
    /// captured).
    Info,
    /// Data was skipped but the rest is fine.
    DataLoss,
    /// Reading stopped.
    Error,
}

/// One counter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Stable name, e.g. `event_unknown_type`.
    pub name: &'static str,
    /// Severity.
    pub severity: Severity,
    /// One-line explanation.
    pub explain: &'static str,
    /// How many times it happened.
    pub count: u64,
    /// Byte offset of the first occurrence.
    pub first_offset: u64,
}

/// The set of counters of one load.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    by_name: BTreeMap<&'static str, Problem>,
}

impl Problems {
    /// Bumps a counter.
    pub fn bump(
        &mut self,
        name: &'static str,
        severity: Severity,
        explain: &'static str,
        offset: u64,
    ) {
        self.by_name
            .entry(name)
            .or_insert(Problem {
                name,
                severity,
                explain,
                count: 0,
                first_offset: offset,
            })
            .count += 1;
    }

    /// All counters, by name.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.by_name.values()
    }

    /// The count of one counter (0 if never bumped).
    pub fn count(&self, name: &str) -> u64 {
        self.by_name.get(name).map_or(0, |p| p.count)
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

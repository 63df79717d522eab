//! Vertical layout: the axis band, the metrics strip, and lane rows
//! (container headers, processes, and the threads of expanded processes).

use std::collections::BTreeSet;

use scapscope_core::timeline::{Group, LaneKey, TimelineIndex};

/// Heights of the parts of the timeline, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// The time axis at the top.
    pub axis_px: f64,
    /// Each of the three metric charts under it.
    pub metric_px: f64,
    /// A container header row.
    pub group_px: f64,
    /// A process row.
    pub process_px: f64,
    /// A thread row.
    pub thread_px: f64,
}

impl Default for Geometry {
    fn default() -> Self {
        Geometry {
            axis_px: 28.0,
            metric_px: 34.0,
            group_px: 20.0,
            process_px: 24.0,
            thread_px: 18.0,
        }
    }
}

/// Number of metric charts in the strip (events by category, I/O bytes,
/// errors).
pub const METRIC_CHARTS: usize = 3;

/// Where the bands of a widget `height_px` tall are, as `(top, bottom)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    /// The time axis.
    pub axis: (f64, f64),
    /// The metric charts, top to bottom.
    pub metrics: [(f64, f64); METRIC_CHARTS],
    /// The lanes (rows scroll inside it).
    pub lanes: (f64, f64),
}

impl Geometry {
    /// The bands of a widget `height_px` tall.
    pub fn bands(&self, height_px: f64) -> Bands {
        let axis = (0.0, self.axis_px);
        let mut y = self.axis_px;
        let metrics = std::array::from_fn(|_| {
            let b = (y, y + self.metric_px);
            y += self.metric_px;
            b
        });
        Bands {
            axis,
            metrics,
            lanes: (y, height_px.max(y)),
        }
    }
}

/// What a row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// A container (or the host) header.
    Group,
    /// A process: its threads drawn together.
    Process {
        /// Whether its threads are shown below it.
        expanded: bool,
    },
    /// One thread of an expanded process.
    Thread,
    /// The quieter processes of a group, folded into one row.
    More {
        /// How many processes it stands for.
        hidden: usize,
    },
}

/// One row of lanes.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What it is.
    pub kind: RowKind,
    /// Text for the row header.
    pub label: String,
    /// Container id (empty for the host).
    pub container_id: String,
    /// Process id (0 for group rows).
    pub pid: i64,
    /// The lanes drawn in it (none for group rows).
    pub lanes: Vec<LaneKey>,
    /// Top, relative to the top of the lanes' content (before scrolling).
    pub y_px: f64,
    /// Height.
    pub height_px: f64,
    /// Events in its lanes over the whole capture.
    pub events: u64,
}

/// How many processes a group shows before folding the rest into one
/// row (busiest first), and the groups shown whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fold {
    /// Processes shown per group; `None`: all.
    pub per_group: Option<usize>,
    /// Container ids (empty for the host) of the groups shown whole.
    pub open_groups: BTreeSet<String>,
}

/// All rows, top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The rows.
    pub rows: Vec<Row>,
    /// Height of all rows together.
    pub height_px: f64,
}

impl Layout {
    /// Rows for every process of the index's groups; processes whose pid
    /// is in `expanded` show their threads.
    pub fn new(index: &TimelineIndex, expanded: &BTreeSet<i64>, g: &Geometry) -> Layout {
        Layout::from_groups(&index.groups(), index, expanded, &Fold::default(), g)
    }

    /// Rows for `groups`, folding each group's quieter processes as
    /// `fold` says.
    pub fn from_groups(
        groups: &[Group],
        index: &TimelineIndex,
        expanded: &BTreeSet<i64>,
        fold: &Fold,
        g: &Geometry,
    ) -> Layout {
        let mut rows = Vec::new();
        let mut y = 0.0;
        let mut push = |rows: &mut Vec<Row>, mut r: Row| {
            r.y_px = y;
            y += r.height_px;
            rows.push(r);
        };
        for group in groups {
            let events = group.processes.iter().map(|p| p.events).sum();
            push(
                &mut rows,
                Row {
                    kind: RowKind::Group,
                    label: if group.container_id.is_empty() {
                        "host".to_string()
                    } else {
                        format!("container {}", group.container_id)
                    },
                    container_id: group.container_id.clone(),
                    pid: 0,
                    lanes: Vec::new(),
                    y_px: 0.0,
                    height_px: g.group_px,
                    events,
                },
            );
            let shown = match fold.per_group {
                Some(n) if !fold.open_groups.contains(&group.container_id) => {
                    n.min(group.processes.len())
                }
                _ => group.processes.len(),
            };
            for p in &group.processes[..shown] {
                let open = expanded.contains(&p.pid);
                let threads = if p.threads.len() > 1 {
                    format!(" · {} threads", p.threads.len())
                } else {
                    String::new()
                };
                push(
                    &mut rows,
                    Row {
                        kind: RowKind::Process { expanded: open },
                        label: format!("{} ({}){threads}", display_comm(&p.comm), p.pid),
                        container_id: group.container_id.clone(),
                        pid: p.pid,
                        lanes: p.threads.clone(),
                        y_px: 0.0,
                        height_px: g.process_px,
                        events: p.events,
                    },
                );
                if !open {
                    continue;
                }
                for &t in &p.threads {
                    let info = index.lane(t);
                    push(
                        &mut rows,
                        Row {
                            kind: RowKind::Thread,
                            label: format!(
                                "{} {}",
                                t.tid,
                                display_comm(info.map_or("", |l| l.comm.as_str()))
                            ),
                            container_id: group.container_id.clone(),
                            pid: p.pid,
                            lanes: vec![t],
                            y_px: 0.0,
                            height_px: g.thread_px,
                            events: info.map_or(0, |l| l.events),
                        },
                    );
                }
            }
            let hidden = group.processes.len() - shown;
            if hidden > 0 {
                let events = group.processes[shown..].iter().map(|p| p.events).sum();
                push(
                    &mut rows,
                    Row {
                        kind: RowKind::More { hidden },
                        label: format!("▸ {hidden} more processes"),
                        container_id: group.container_id.clone(),
                        pid: 0,
                        lanes: Vec::new(),
                        y_px: 0.0,
                        height_px: g.process_px,
                        events,
                    },
                );
            }
        }
        Layout { rows, height_px: y }
    }

    /// The rows that show in a window `visible_px` tall scrolled down by
    /// `scroll_px`, as indices.
    pub fn visible(&self, scroll_px: f64, visible_px: f64) -> std::ops::Range<usize> {
        let lo = self
            .rows
            .partition_point(|r| r.y_px + r.height_px <= scroll_px);
        let hi = self
            .rows
            .partition_point(|r| r.y_px < scroll_px + visible_px);
        lo..hi.max(lo)
    }

    /// The row at `y_px` in the lanes' content (after adding the scroll).
    pub fn row_at(&self, y_px: f64) -> Option<usize> {
        let i = self.rows.partition_point(|r| r.y_px + r.height_px <= y_px);
        (i < self.rows.len() && self.rows[i].y_px <= y_px).then_some(i)
    }

    /// The largest useful scroll for a window `visible_px` tall.
    pub fn max_scroll(&self, visible_px: f64) -> f64 {
        (self.height_px - visible_px).max(0.0)
    }
}

fn display_comm(comm: &str) -> &str {
    if comm.is_empty() { "?" } else { comm }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::timeline::Process;

    fn groups() -> Vec<Group> {
        let p = |pid: i64, threads: &[i64], events: u64| Process {
            pid,
            comm: format!("p{pid}"),
            container_id: String::new(),
            threads: threads.iter().map(|&tid| LaneKey { pid, tid }).collect(),
            events,
        };
        vec![
            Group {
                container_id: String::new(),
                processes: vec![p(10, &[10, 11, 12], 300), p(20, &[20], 100)],
            },
            Group {
                container_id: "abcdef123456".into(),
                processes: vec![p(30, &[30], 5)],
            },
        ]
    }

    #[test]
    fn rows_and_expansion() {
        let idx = TimelineIndex::default();
        let g = Geometry::default();
        let closed = Layout::from_groups(&groups(), &idx, &BTreeSet::new(), &Fold::default(), &g);
        let kinds: Vec<&RowKind> = closed.rows.iter().map(|r| &r.kind).collect();
        assert_eq!(kinds.len(), 5);
        assert_eq!(closed.rows[0].label, "host");
        assert_eq!(closed.rows[1].label, "p10 (10) · 3 threads");
        assert_eq!(closed.rows[1].lanes.len(), 3);
        assert_eq!(closed.rows[3].label, "container abcdef123456");
        let open =
            Layout::from_groups(&groups(), &idx, &BTreeSet::from([10]), &Fold::default(), &g);
        assert_eq!(open.rows.len(), 8);
        assert_eq!(open.rows[1].kind, RowKind::Process { expanded: true });
        assert_eq!(open.rows[2].kind, RowKind::Thread);
        assert_eq!(open.rows[2].lanes, vec![LaneKey { pid: 10, tid: 10 }]);
        // Rows tile the content without gaps.
        let mut y = 0.0;
        for r in &open.rows {
            assert_eq!(r.y_px, y);
            y += r.height_px;
        }
        assert_eq!(open.height_px, y);
    }

    #[test]
    fn visible_rows_and_row_lookup() {
        let idx = TimelineIndex::default();
        let g = Geometry::default();
        let l = Layout::from_groups(&groups(), &idx, &BTreeSet::from([10]), &Fold::default(), &g);
        // Group 20 px, process 24 px, threads 18 px each.
        assert_eq!(l.row_at(0.0), Some(0));
        assert_eq!(l.row_at(19.9), Some(0));
        assert_eq!(l.row_at(20.0), Some(1));
        assert_eq!(l.row_at(44.0), Some(2));
        assert_eq!(l.row_at(l.height_px), None);
        assert_eq!(l.visible(0.0, 21.0), 0..2);
        assert_eq!(l.visible(20.0, 24.0), 1..2);
        assert_eq!(l.visible(1e6, 100.0).len(), 0);
        assert_eq!(l.max_scroll(1e6), 0.0);
        assert!(l.max_scroll(50.0) > 0.0);
    }

    #[test]
    fn quiet_processes_fold_into_one_row() {
        let idx = TimelineIndex::default();
        let g = Geometry::default();
        let mut fold = Fold {
            per_group: Some(1),
            open_groups: BTreeSet::new(),
        };
        let l = Layout::from_groups(&groups(), &idx, &BTreeSet::new(), &fold, &g);
        let labels: Vec<&str> = l.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "host",
                "p10 (10) · 3 threads",
                "▸ 1 more processes",
                "container abcdef123456",
                "p30 (30)"
            ]
        );
        assert_eq!(l.rows[2].kind, RowKind::More { hidden: 1 });
        assert_eq!(l.rows[2].events, 100);
        fold.open_groups.insert(String::new());
        let l = Layout::from_groups(&groups(), &idx, &BTreeSet::new(), &fold, &g);
        assert_eq!(l.rows.len(), 5);
        assert!(
            l.rows
                .iter()
                .all(|r| !matches!(r.kind, RowKind::More { .. }))
        );
    }

    #[test]
    fn bands_stack() {
        let g = Geometry::default();
        let b = g.bands(600.0);
        assert_eq!(b.axis, (0.0, 28.0));
        assert_eq!(b.metrics[0], (28.0, 62.0));
        assert_eq!(b.metrics[2].1, 28.0 + 3.0 * 34.0);
        assert_eq!(b.lanes, (130.0, 600.0));
    }
}

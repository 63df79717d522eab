//! The overview tiles: Sysdig Inspect's set (its `wsysdig_summary`
//! chisel), each a total over the range and a time series, with the
//! view (and filter) a click on it opens.
//!
//! Where Inspect's definitions are wrong we fix them, and say so in the
//! tile's description and in `docs/sysdig-compat/views.md`: file open
//! errors include `openat`/`openat2`/`creat`; forks are counted and drilled
//! on the parent side; new connections count successful accepts and
//! successful or in-progress connects (not failures); HTTP requests are
//! request lines and HTTP errors are statuses ≥ 400; segfault, accessed
//! file and modified system file drill-downs select what the tile counts.

use super::metrics::{self, Metric, MetricKind, SERVICES};
use super::model::Unit;
use super::select::UserFilter;
use super::{Facts, Query, ViewError};
use std::sync::Arc;

/// Where a tile leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileDrill {
    /// A view id (`procs`, `files`, …), or `events` for the event list.
    pub view: &'static str,
    /// The filter to open it with (`""`: none).
    pub filter: String,
}

/// One tile.
#[derive(Debug, Clone)]
pub struct TileDef {
    /// Its metric.
    pub metric: Metric,
    /// Title.
    pub name: String,
    /// Group: `general`, `file`, `network`, `napps`, `security`,
    /// `performance`, `logs`, `infrastructure`.
    pub category: &'static str,
    /// What it counts.
    pub description: &'static str,
    /// Hidden when zero.
    pub excludable: bool,
    /// Worth highlighting when not zero.
    pub noteworthy: bool,
    /// Unit of its values.
    pub unit: Unit,
    /// Where a click leads.
    pub drill: TileDrill,
}

/// A tile's numbers.
#[derive(Debug, Clone)]
pub struct TileValue {
    /// The tile.
    pub def: TileDef,
    /// Total over the range (for distinct things: how many were seen).
    pub total: u64,
    /// One value per bucket.
    pub series: Vec<u64>,
}

/// The overview of a range.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Start of the first bucket, ns since the epoch.
    pub from_ns: u64,
    /// Bucket width, ns.
    pub bucket_ns: u64,
    /// Tiles, in display order; excludable tiles at zero are left out.
    pub tiles: Vec<TileValue>,
}

const IO_FILES: &str = "fd.type=file and evt.is_io=true";
const LOG_FILES: &str = "(fd.name contains .log or fd.name contains _log or fd.name contains /var/log) and not (fd.name contains .gz or fd.name contains .tgz) and evt.is_io_write=true";
const SYSTEM_DIRS: &str = "(fd.name startswith /bin/ or fd.name startswith /sbin/ or fd.name startswith /boot/ or fd.name startswith /etc/ or fd.name startswith /lib or fd.name startswith /usr/bin/ or fd.name startswith /usr/sbin/ or fd.name startswith /usr/share/ or fd.name startswith /usr/lib)";

fn d(view: &'static str, filter: &str) -> TileDrill {
    TileDrill {
        view,
        filter: filter.to_string(),
    }
}

#[allow(clippy::too_many_lines)]
fn fixed_tiles() -> Vec<TileDef> {
    use Metric as M;
    let t = |metric: M,
             name: &str,
             category: &'static str,
             description: &'static str,
             excludable: bool,
             noteworthy: bool,
             unit: Unit,
             drill: TileDrill| TileDef {
        metric,
        name: name.to_string(),
        category,
        description,
        excludable,
        noteworthy,
        unit,
        drill,
    };
    let n = Unit::Count;
    let b = Unit::Bytes;
    vec![
        t(
            M::Notifications,
            "Sysdig Secure Notifications",
            "general",
            "Notification events (a policy triggered).",
            true,
            true,
            n,
            d("events", "evt.type=notification"),
        ),
        t(
            M::Processes,
            "Running Processes",
            "general",
            "Processes alive in the range: in the thread table at its start or end, or named by an event in it (a bucket: named by an event in it).",
            false,
            false,
            n,
            d("procs", ""),
        ),
        t(
            M::Containers,
            "Running Containers",
            "general",
            "Containers known in the range: in the container table at its start or end, or named by an event in it.",
            false,
            false,
            n,
            d("containers", ""),
        ),
        t(
            M::SystemCalls,
            "System Calls",
            "general",
            "System call events (enter and exit counted apart), as the syscalls view counts them.",
            false,
            false,
            n,
            d("syscalls", ""),
        ),
        t(
            M::FileBytes,
            "File Bytes In+Out",
            "file",
            "Bytes read from or written to files.",
            false,
            false,
            b,
            d("files", ""),
        ),
        t(
            M::FileBytesIn,
            "File Bytes In",
            "file",
            "Bytes read from files.",
            false,
            false,
            b,
            d("files", ""),
        ),
        t(
            M::FileBytesOut,
            "File Bytes Out",
            "file",
            "Bytes written to files.",
            false,
            false,
            b,
            d("files", ""),
        ),
        t(
            M::AccessedFiles,
            "Accessed Files",
            "file",
            "Files read or written.",
            true,
            false,
            n,
            d("files", "evt.is_io=true"),
        ),
        t(
            M::ModifiedFiles,
            "Modified Files",
            "file",
            "Files written.",
            true,
            false,
            n,
            d("files", "evt.is_io_write=true"),
        ),
        t(
            M::NetBytes,
            "Net Bytes In+Out",
            "network",
            "Bytes received or sent on IPv4/IPv6 sockets.",
            false,
            false,
            b,
            d("sports", ""),
        ),
        t(
            M::NetBytesIn,
            "Net Bytes In",
            "network",
            "Bytes received on IPv4/IPv6 sockets.",
            false,
            false,
            b,
            d("sports", ""),
        ),
        t(
            M::NetBytesOut,
            "Net Bytes Out",
            "network",
            "Bytes sent on IPv4/IPv6 sockets.",
            false,
            false,
            b,
            d("sports", ""),
        ),
        t(
            M::ActiveConnections,
            "Active Network Connections",
            "network",
            "Connections with traffic.",
            true,
            false,
            n,
            d("connections", "evt.is_io=true"),
        ),
        t(
            M::ListeningPorts,
            "Listening Ports",
            "network",
            "Ports listening at some point (a bucket: listening at its end).",
            true,
            false,
            n,
            d("port_bindings", ""),
        ),
        t(
            M::NewListeningPorts,
            "New Listening Ports",
            "network",
            "Successful binds of IP sockets.",
            true,
            true,
            n,
            d("port_bindings", ""),
        ),
        t(
            M::NewOutboundConnections,
            "New Outbound Connections",
            "network",
            "Connects that succeeded or are in progress (EINPROGRESS); failures are not connections.",
            true,
            false,
            n,
            d(
                "events",
                "evt.type=connect and evt.dir=< and fd.sport exists and (evt.rawres>=0 or evt.res=EINPROGRESS)",
            ),
        ),
        t(
            M::NewInboundConnections,
            "New Inbound Connections",
            "network",
            "Successful accepts.",
            true,
            false,
            n,
            d(
                "events",
                "evt.type=accept and evt.dir=< and evt.rawres>=0 and fd.sport exists",
            ),
        ),
        t(
            M::ExecutedCommands,
            "Executed Commands",
            "security",
            "Successful execve calls.",
            false,
            true,
            n,
            d("commands", ""),
        ),
        t(
            M::InteractiveCommands,
            "Executed Interactive Commands",
            "security",
            "Successful execve calls whose parent is a bash.",
            true,
            true,
            n,
            d("commands", "proc.pname contains bash"),
        ),
        t(
            M::NewSymlinks,
            "New Symlinks",
            "security",
            "Successful symlink/symlinkat calls.",
            true,
            true,
            n,
            d(
                "events",
                "evt.type in (symlink, symlinkat) and evt.dir=< and evt.rawres>=0",
            ),
        ),
        t(
            M::ModifiedSystemFiles,
            "Modified System Files",
            "security",
            "Files written under /bin, /sbin, /boot, /etc, /lib*, /usr/bin, /usr/sbin, /usr/share, /usr/lib*.",
            true,
            true,
            n,
            d("files", &format!("evt.is_io_write=true and {SYSTEM_DIRS}")),
        ),
        t(
            M::SudoInvocations,
            "Sudo Invocations",
            "security",
            "execve of sudo.",
            true,
            true,
            n,
            d(
                "events",
                "evt.type=execve and evt.dir=< and evt.rawres>=0 and evt.arg.exe=sudo",
            ),
        ),
        t(
            M::SetnsInvocations,
            "Setns Invocations",
            "security",
            "Successful setns calls (entering another container's namespaces).",
            true,
            true,
            n,
            d("events", "evt.type=setns and evt.dir=< and evt.rawres>=0"),
        ),
        t(
            M::SshConnections,
            "New SSH Connections",
            "security",
            "New connections to or from port 22.",
            true,
            true,
            n,
            d(
                "events",
                "evt.type in (accept, connect) and evt.dir=< and fd.sport=22",
            ),
        ),
        t(
            M::DeletedFiles,
            "Deleted Files",
            "security",
            "Successful unlink/unlinkat calls.",
            true,
            true,
            n,
            d(
                "events",
                "evt.type in (unlink, unlinkat) and evt.dir=< and evt.rawres>=0",
            ),
        ),
        t(
            M::HttpRequests,
            "HTTP Requests",
            "performance",
            "Network buffers that start with an HTTP request line (GET, POST, …).",
            true,
            true,
            n,
            d(
                "events",
                "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true and evt.buffer contains \" HTTP/1.\"",
            ),
        ),
        t(
            M::HttpResponses,
            "HTTP Responses",
            "performance",
            "Network buffers that start with an HTTP status line (what Sysdig Inspect calls requests).",
            true,
            false,
            n,
            d(
                "events",
                "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true and evt.buffer bstartswith 485454502f",
            ),
        ),
        t(
            M::HttpErrors,
            "HTTP Errors",
            "performance",
            "HTTP responses with a status of 400 or more.",
            true,
            true,
            n,
            d(
                "events",
                "(fd.type=ipv4 or fd.type=ipv6) and evt.is_io=true and evt.buffer bstartswith 485454502f",
            ),
        ),
        t(
            M::FileOpenErrors,
            "File Open Errors",
            "performance",
            "Failed open, openat, openat2 and creat calls.",
            true,
            false,
            n,
            d(
                "events",
                "evt.type in (open, openat, openat2, creat) and evt.dir=< and evt.rawres<0",
            ),
        ),
        t(
            M::Forks,
            "Fork Count",
            "performance",
            "Processes and threads created (clone/fork/vfork/clone3, parent side).",
            true,
            false,
            n,
            d(
                "events",
                "evt.type in (clone, fork, vfork, clone3) and evt.dir=< and evt.rawres>0",
            ),
        ),
        t(
            M::FailedConnections,
            "Failed Connection Attempts",
            "performance",
            "Failed IPv4/IPv6 connects (EINPROGRESS excluded).",
            true,
            true,
            n,
            d(
                "events",
                "evt.type=connect and evt.dir=< and (fd.type=ipv4 or fd.type=ipv6) and evt.rawres<0 and evt.res!=EINPROGRESS",
            ),
        ),
        t(
            M::Signals,
            "Received Signals",
            "performance",
            "Signals delivered.",
            true,
            false,
            n,
            d("events", "evt.type=signaldeliver"),
        ),
        t(
            M::Segfaults,
            "Segmentation Faults",
            "performance",
            "SIGSEGV deliveries.",
            true,
            true,
            n,
            d("events", "evt.type=signaldeliver and evt.arg.sig=SIGSEGV"),
        ),
        t(
            M::SlowFileIo1ms,
            "Slow File I/O calls (1ms+)",
            "performance",
            "File reads and writes that took over 1 ms (/dev excluded).",
            true,
            false,
            n,
            d(
                "events",
                &format!(
                    "{IO_FILES} and evt.dir=< and evt.latency>1000000 and not fd.name startswith /dev/"
                ),
            ),
        ),
        t(
            M::SlowFileIo10ms,
            "Slow File I/O calls (10ms+)",
            "performance",
            "File reads and writes that took over 10 ms (/dev excluded).",
            true,
            false,
            n,
            d(
                "events",
                &format!(
                    "{IO_FILES} and evt.dir=< and evt.latency>10000000 and not fd.name startswith /dev/"
                ),
            ),
        ),
        t(
            M::SlowFileIo100ms,
            "Slow File I/O calls (100ms+)",
            "performance",
            "File reads and writes that took over 100 ms (/dev excluded).",
            true,
            true,
            n,
            d(
                "events",
                &format!(
                    "{IO_FILES} and evt.dir=< and evt.latency>100000000 and not fd.name startswith /dev/"
                ),
            ),
        ),
        t(
            M::AppLogMessages,
            "App Log Messages",
            "logs",
            "Lines written to log files (.log, _log, /var/log; not .gz/.tgz).",
            true,
            false,
            n,
            d("events", LOG_FILES),
        ),
        t(
            M::AppLogWarnings,
            "App Log Warning Messages",
            "logs",
            "Log lines that mention \"warn\".",
            true,
            false,
            n,
            d(
                "events",
                &format!("{LOG_FILES} and evt.buffer icontains warn"),
            ),
        ),
        t(
            M::AppLogErrors,
            "App Log Error Messages",
            "logs",
            "Log lines that mention error, critic, emergency or alert.",
            true,
            true,
            n,
            d(
                "events",
                &format!(
                    "{LOG_FILES} and (evt.buffer icontains error or evt.buffer icontains critic or evt.buffer icontains emergency or evt.buffer icontains alert)"
                ),
            ),
        ),
        t(
            M::SyslogMessages,
            "Syslog Messages",
            "logs",
            "Messages written to /dev/log.",
            true,
            false,
            n,
            d(
                "events",
                "fd.name contains /dev/log and evt.is_io_write=true",
            ),
        ),
        t(
            M::SyslogWarnings,
            "Syslog Warning Messages",
            "logs",
            "Syslog messages of severity warning.",
            true,
            false,
            n,
            d(
                "events",
                "fd.name contains /dev/log and evt.is_io_write=true",
            ),
        ),
        t(
            M::SyslogErrors,
            "Syslog Error Messages",
            "logs",
            "Syslog messages of severity error or worse.",
            true,
            true,
            n,
            d(
                "events",
                "fd.name contains /dev/log and evt.is_io_write=true",
            ),
        ),
        t(
            M::InfraEvents,
            "Infrastructure Events",
            "infrastructure",
            "Infrastructure (docker, …) events.",
            true,
            true,
            n,
            d("events", "evt.type=infra"),
        ),
    ]
}

/// Every tile: Inspect's fixed set, then one "<service> Bytes" tile per
/// known network service.
pub fn tile_defs() -> Vec<TileDef> {
    let mut v = fixed_tiles();
    for (k, (name, ports)) in SERVICES.iter().enumerate() {
        let filter = if ports.is_empty() {
            "fd.sport>=9200 and fd.sport<=9400".to_string()
        } else {
            let list: Vec<String> = ports.iter().map(u16::to_string).collect();
            format!("fd.sport in ({})", list.join(", "))
        };
        v.push(TileDef {
            metric: Metric::ServiceBytes(k as u8),
            name: format!("{name} Bytes"),
            category: "napps",
            description: "Network bytes on connections to the service's server ports.",
            excludable: true,
            noteworthy: false,
            unit: Unit::Bytes,
            drill: d("connections", &filter),
        });
    }
    v
}

/// Bucket width for `points` buckets over `[from, to)` (at least 1 ns).
pub(crate) fn bucket_for(from_ns: u64, to_ns: u64, points: usize) -> u64 {
    (to_ns.saturating_sub(from_ns))
        .div_ceil(points.max(1) as u64)
        .max(1)
}

/// The time span a query covers: its bounds, or the capture's first and
/// last event (plus 1 ns, so the last event is inside).
pub(crate) fn query_span(facts: &Facts, q: &Query) -> (u64, u64) {
    let snap = facts.snapshot();
    let first = snap
        .chunks
        .iter()
        .map(|c| c.summary.min_ts_ns)
        .filter(|&t| t != 0)
        .min()
        .unwrap_or(0);
    let last = snap
        .chunks
        .iter()
        .map(|c| c.summary.max_ts_ns)
        .max()
        .unwrap_or(0);
    (q.from_ns.unwrap_or(first), q.to_ns.unwrap_or(last + 1))
}

/// The overview of `q`'s range, with `points` buckets per series.
pub fn overview(facts: &Facts, q: &Query, points: usize) -> Result<Overview, ViewError> {
    // The same overview again (back from a view, a repeated click): the
    // one computed before. Its distinct counts merge per-chunk key sets,
    // which costs seconds on a large capture.
    let key = format!(
        "{}\u{0}{:?}\u{0}{:?}\u{0}{points}",
        q.filter.as_ref().map(|f| f.to_string()).unwrap_or_default(),
        q.from_ns,
        q.to_ns
    );
    if let Some(o) = facts.cached_overview(&key) {
        return Ok(o.as_ref().clone());
    }
    let o = compute_overview(facts, q, points)?;
    facts.keep_overview(key, Arc::new(o.clone()));
    Ok(o)
}

fn compute_overview(facts: &Facts, q: &Query, points: usize) -> Result<Overview, ViewError> {
    let user = UserFilter::new(q.filter.as_ref())?;
    let (from, to) = query_span(facts, q);
    let bucket_ns = bucket_for(from, to, points);
    let n = points.max(1);
    let defs = tile_defs();
    let metrics: Vec<Metric> = defs
        .iter()
        .map(|t| t.metric)
        .filter(|m| m.kind() != MetricKind::Gauge)
        .collect();
    let accs = metrics::accumulate(facts, &metrics, &user, from, to, bucket_ns, n);
    let mut tiles = Vec::new();
    for def in defs {
        let (total, series) = match def.metric.kind() {
            MetricKind::Gauge => {
                let (levels, total) = metrics::listening_ports(facts, from, to, bucket_ns, n);
                (total, levels)
            }
            kind => {
                let k = metrics.iter().position(|&m| m == def.metric).unwrap_or(0);
                let a = &accs[k];
                match kind {
                    MetricKind::Sum => (a.sums.iter().sum(), a.sums.clone()),
                    _ => {
                        let mut all = rustc_hash::FxHashSet::default();
                        for s in &a.keys {
                            all.extend(s.iter().copied());
                        }
                        if user.is_empty() {
                            all.extend(metrics::table_keys(facts, def.metric, from, to));
                        }
                        (
                            all.len() as u64,
                            a.keys.iter().map(|s| s.len() as u64).collect(),
                        )
                    }
                }
            }
        };
        let hidden = def.excludable && total == 0;
        // Inspect hides the containers tile when the filter is about
        // containers.
        let about_containers = def.metric == Metric::Containers
            && q.filter
                .as_ref()
                .is_some_and(|f| f.to_string().contains("container"));
        if hidden || about_containers {
            continue;
        }
        tiles.push(TileValue { def, total, series });
    }
    Ok(Overview {
        from_ns: from,
        bucket_ns,
        tiles,
    })
}

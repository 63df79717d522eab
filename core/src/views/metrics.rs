//! Per-event metrics (the overview tiles' quantities and a few store-wide
//! ones), accumulated into time buckets: per chunk in parallel, from a
//! cached per-chunk total where a chunk lies whole inside one bucket.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::schema::{self, category, event_flags};
use crate::state::{FdKind, ids};
use crate::store::{Chunk, Snapshot};

use super::extract::{Env, EvRef, Raw, VF};
use super::facts::Facts;
use super::select::UserFilter;

/// How a metric combines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    /// A count or a number of bytes: buckets add up.
    Sum,
    /// Distinct things (files, connections, processes): a bucket counts
    /// the distinct ones seen in it, a range those seen anywhere in it.
    Distinct,
    /// A level (listening ports): a bucket shows the level at its end, a
    /// range the distinct things that were at some point in it.
    Gauge,
}

/// Network services by server port (Sysdig Inspect's table), for the
/// per-service byte counts.
pub const SERVICES: &[(&str, &[u16])] = &[
    ("HTTP", &[80, 8080]),
    ("HTTPs", &[443]),
    ("SSH", &[22]),
    ("DNS", &[53]),
    ("Sysdig Agent", &[6666, 6667, 6443]),
    ("etcd", &[2379, 22379]),
    ("mysql", &[3306]),
    ("postgres", &[5432]),
    ("redis", &[6379]),
    ("couchdb", &[5984]),
    ("fluentd", &[9880]),
    ("statsd", &[8125]),
    ("gearman", &[4730]),
    ("hadoop", &[50070, 8020, 9000]),
    ("hbase", &[60000, 60010, 60020, 60030]),
    ("kafka", &[2181]),
    ("Kyoto Tycoon", &[1978]),
    ("memcached", &[11211]),
    ("mongodb", &[27017, 27018, 27019, 28017]),
    ("rabbitmq", &[5672]),
    ("riak", &[8087, 8098]),
    ("solr", &[8983]),
    ("voltdb", &[5555]),
    ("elasticsearch", &[]),
];

/// The service of a server port.
pub fn service_of(port: u16) -> Option<usize> {
    if (9200..=9400).contains(&port) {
        return Some(SERVICES.len() - 1);
    }
    SERVICES.iter().position(|(_, ports)| ports.contains(&port))
}

macro_rules! metrics {
    ($($v:ident = $id:literal, $kind:ident;)*) => {
        /// A metric with a time series.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Metric {
            $($v,)*
            /// Network bytes of one service ([`SERVICES`] index).
            ServiceBytes(u8),
        }

        const FIXED: &[Metric] = &[$(Metric::$v,)*];

        impl Metric {
            /// The metric's id (`file_bytes`, `service_bytes:HTTP`, …).
            pub fn id(self) -> String {
                match self {
                    $(Metric::$v => $id.to_string(),)*
                    Metric::ServiceBytes(k) => format!(
                        "service_bytes:{}",
                        SERVICES.get(usize::from(k)).map_or("?", |s| s.0)
                    ),
                }
            }

            /// How values combine.
            pub fn kind(self) -> MetricKind {
                match self {
                    $(Metric::$v => MetricKind::$kind,)*
                    Metric::ServiceBytes(_) => MetricKind::Sum,
                }
            }
        }
    };
}

metrics! {
    Events = "events", Sum;
    Errors = "errors", Sum;
    ReadBytes = "read_bytes", Sum;
    WriteBytes = "write_bytes", Sum;
    SystemCalls = "system_calls", Sum;
    Processes = "processes", Distinct;
    Containers = "containers", Distinct;
    FileBytes = "file_bytes", Sum;
    FileBytesIn = "file_bytes_in", Sum;
    FileBytesOut = "file_bytes_out", Sum;
    AccessedFiles = "accessed_files", Distinct;
    ModifiedFiles = "modified_files", Distinct;
    NetBytes = "net_bytes", Sum;
    NetBytesIn = "net_bytes_in", Sum;
    NetBytesOut = "net_bytes_out", Sum;
    ActiveConnections = "active_connections", Distinct;
    ListeningPorts = "listening_ports", Gauge;
    NewListeningPorts = "new_listening_ports", Sum;
    NewOutboundConnections = "new_outbound_connections", Sum;
    NewInboundConnections = "new_inbound_connections", Sum;
    ExecutedCommands = "executed_commands", Sum;
    InteractiveCommands = "interactive_commands", Sum;
    NewSymlinks = "new_symlinks", Sum;
    ModifiedSystemFiles = "modified_system_files", Distinct;
    SudoInvocations = "sudo_invocations", Sum;
    SetnsInvocations = "setns_invocations", Sum;
    SshConnections = "ssh_connections", Sum;
    DeletedFiles = "deleted_files", Sum;
    HttpRequests = "http_requests", Sum;
    HttpResponses = "http_responses", Sum;
    HttpErrors = "http_errors", Sum;
    FileOpenErrors = "file_open_errors", Sum;
    Forks = "forks", Sum;
    FailedConnections = "failed_connections", Sum;
    Signals = "signals", Sum;
    Segfaults = "segfaults", Sum;
    SlowFileIo1ms = "slow_file_io_1ms", Sum;
    SlowFileIo10ms = "slow_file_io_10ms", Sum;
    SlowFileIo100ms = "slow_file_io_100ms", Sum;
    AppLogMessages = "app_log_messages", Sum;
    AppLogWarnings = "app_log_warnings", Sum;
    AppLogErrors = "app_log_errors", Sum;
    SyslogMessages = "syslog_messages", Sum;
    SyslogWarnings = "syslog_warnings", Sum;
    SyslogErrors = "syslog_errors", Sum;
    Notifications = "notifications", Sum;
    InfraEvents = "infra_events", Sum;
}

/// Number of metric slots.
pub(crate) const NSLOTS: usize = FIXED.len() + SERVICES.len();

impl Metric {
    /// Every metric, the per-service ones last.
    pub fn all() -> Vec<Metric> {
        let mut v = FIXED.to_vec();
        v.extend((0..SERVICES.len()).map(|k| Metric::ServiceBytes(k as u8)));
        v
    }

    /// The metric with id `id`.
    pub fn parse(id: &str) -> Option<Metric> {
        Metric::all().into_iter().find(|m| m.id() == id)
    }

    pub(crate) fn slot(self) -> usize {
        match self {
            Metric::ServiceBytes(k) => FIXED.len() + usize::from(k),
            m => FIXED.iter().position(|&f| f == m).unwrap_or(0),
        }
    }

    /// Whether it needs `evt.latency`.
    fn needs_latency(self) -> bool {
        matches!(
            self,
            Metric::SlowFileIo1ms | Metric::SlowFileIo10ms | Metric::SlowFileIo100ms
        )
    }

    /// Whether the store's chunk summary holds it.
    fn in_store_summary(self) -> bool {
        matches!(
            self,
            Metric::Events | Metric::Errors | Metric::ReadBytes | Metric::WriteBytes
        )
    }
}

/// What one event adds to a metric.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Emit {
    Add(u64),
    Key(u64),
    /// An execve whose parent's name decides whether it counts (see
    /// [`Classifier::defer_parents`]): the parent's thread id.
    Parent(i64),
}

fn hash_str(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(s)
}

/// The raw bytes of an event's `data` parameter.
fn data_param(snap: &Snapshot, i: usize) -> Option<&[u8]> {
    let rec = snap.record(i)?;
    let desc = rec.desc();
    let k = (0..rec.nparams()).find(|&k| desc.params.get(k).is_some_and(|p| p.name == "data"))?;
    rec.param(k)
}

fn is_system_path(n: &str) -> bool {
    [
        "/bin/",
        "/sbin/",
        "/boot/",
        "/etc/",
        "/lib",
        "/usr/bin/",
        "/usr/sbin/",
        "/usr/share/",
        "/usr/lib",
    ]
    .iter()
    .any(|p| n.starts_with(p))
}

fn is_log_file(n: &str) -> bool {
    (n.contains(".log") || n.contains("_log") || n.contains("/var/log"))
        && !(n.contains(".gz") || n.contains(".tgz"))
}

const HTTP_METHODS: [&[u8]; 9] = [
    b"GET ",
    b"POST ",
    b"PUT ",
    b"DELETE ",
    b"HEAD ",
    b"OPTIONS ",
    b"PATCH ",
    b"CONNECT ",
    b"TRACE ",
];

/// The event types the tiles tell apart by name (sysdig's names, so that
/// every id of a name counts alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    SignalDeliver,
    Notification,
    Infra,
    Connect,
    Accept,
    /// `open`, `openat`, `openat2`, `creat`.
    Open,
    Execve,
    Bind,
    /// `unlink`, `unlinkat`.
    Unlink,
    /// `symlink`, `symlinkat`.
    Symlink,
    /// `clone`, `fork`, `vfork`, `clone3`.
    Fork,
    Setns,
}

/// The [`Kind`] of an event type, from a table built once (matching names
/// per event costs more than the rest of the classification).
fn kind_of(et: u16) -> Kind {
    static KINDS: std::sync::OnceLock<Vec<Kind>> = std::sync::OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        (0..=u16::MAX)
            .map(|t| match crate::render::sysdig_event_name(t) {
                "signaldeliver" => Kind::SignalDeliver,
                "notification" => Kind::Notification,
                "infra" => Kind::Infra,
                "connect" => Kind::Connect,
                "accept" => Kind::Accept,
                "open" | "openat" | "openat2" | "creat" => Kind::Open,
                "execve" => Kind::Execve,
                "bind" => Kind::Bind,
                "unlink" | "unlinkat" => Kind::Unlink,
                "symlink" | "symlinkat" => Kind::Symlink,
                "clone" | "fork" | "vfork" | "clone3" => Kind::Fork,
                "setns" => Kind::Setns,
                _ => Kind::Other,
            })
            .collect()
    });
    kinds[usize::from(et)]
}

/// What the tiles need of a file's name, worked out once per fd version.
#[derive(Debug, Clone, Copy)]
struct FileName {
    hash: u64,
    system: bool,
    dev: bool,
    dev_log: bool,
    log_file: bool,
}

impl FileName {
    fn of(f: &crate::state::Fd) -> FileName {
        let n = crate::state::fd::sanitize(f.name.as_bytes());
        FileName {
            hash: hash_str(&n),
            system: is_system_path(&n),
            dev: n.starts_with("/dev/"),
            dev_log: n.contains("/dev/log"),
            log_file: is_log_file(&n),
        }
    }
}

/// What the metrics of one event are. `want` says which slots are asked
/// for (to skip decoding buffers nobody needs).
pub(crate) struct Classifier<'a> {
    pub env: &'a Env<'a>,
    pub want: [bool; NSLOTS],
    /// File names by fd entity (see [`FileName`]).
    files: std::cell::RefCell<FxHashMap<u32, FileName>>,
    /// Emit [`Emit::Parent`] for interactive commands instead of looking
    /// the parent up in the state: the parent's name comes from the state
    /// at the end of the capture, so per-chunk totals that leave it out
    /// stay valid when the load ends.
    pub defer_parents: bool,
}

impl<'a> Classifier<'a> {
    pub(crate) fn new(env: &'a Env<'a>, want: [bool; NSLOTS]) -> Classifier<'a> {
        Classifier {
            env,
            want,
            files: Default::default(),
            defer_parents: false,
        }
    }

    fn file_name(&self, ent: u32, f: &crate::state::Fd) -> FileName {
        if ent == u32::MAX {
            return FileName::of(f);
        }
        *self
            .files
            .borrow_mut()
            .entry(ent)
            .or_insert_with(|| FileName::of(f))
    }
}

impl Classifier<'_> {
    /// Calls `emit(slot, what)` for every metric the event counts in.
    pub(crate) fn classify(&self, ev: &EvRef<'_>, hidden: bool, mut emit: impl FnMut(usize, Emit)) {
        let w = &self.want;
        let on = |m: Metric| w[m.slot()];
        let mut put = |m: Metric, e: Emit| {
            if w[m.slot()] {
                emit(m.slot(), e);
            }
        };
        let et = ev.etype;
        let enter = schema::is_enter(et);
        // The store's own summaries: every event.
        put(Metric::Events, Emit::Add(1));
        if !enter {
            if ev.res.is_some_and(|r| r < 0) {
                put(Metric::Errors, Emit::Add(1));
            }
            if let Some(n) = crate::store::io_len_of(et, ev.res) {
                match schema::compat_category(et) & 0x3f {
                    category::IO_READ => put(Metric::ReadBytes, Emit::Add(u64::from(n))),
                    category::IO_WRITE => put(Metric::WriteBytes, Emit::Add(u64::from(n))),
                    _ => {}
                }
            }
        }
        // Processes and containers: any event that names them (procinfo
        // samples included, which sysdig emits for every live thread).
        // (Container events carry a made-up thread, pid -1.)
        if let Some(t) = ev.thread.filter(|t| t.pid >= 0) {
            put(Metric::Processes, Emit::Key(t.pid as u64));
            if !t.container_id.is_empty() {
                put(Metric::Containers, Emit::Key(hash_str(&t.container_id)));
            }
        }
        // The rest follows what sysdig shows.
        if hidden {
            return;
        }
        // System calls as the syscalls view counts them (`syscall.type
        // exists`: no scheduler or internal events).
        if et != ids::SCHEDSWITCH_6_E && schema::compat_flags(et) & event_flags::SKIPPARSERESET == 0
        {
            put(Metric::SystemCalls, Emit::Add(1));
        }
        let kind = kind_of(et);
        let env = self.env;
        let sport = || match env.extract(VF::FdSport, ev) {
            Some(Raw::U(p)) => Some(p as u16),
            _ => None,
        };
        let fd = ev.fd.and_then(|f| f.fd.as_deref());
        let fd_kind = || -> Option<FdKind> {
            ev.thread?;
            if schema::compat_flags(et)
                & (event_flags::CREATES_FD | event_flags::USES_FD | event_flags::DESTROYS_FD)
                == 0
            {
                return None;
            }
            ev.fd?.num?;
            fd.map(|f| f.kind)
        };
        if enter {
            match kind {
                Kind::SignalDeliver => {
                    put(Metric::Signals, Emit::Add(1));
                    if on(Metric::Segfaults) && self.signal(ev) == Some(11) {
                        put(Metric::Segfaults, Emit::Add(1));
                    }
                }
                Kind::Notification => put(Metric::Notifications, Emit::Add(1)),
                Kind::Infra => put(Metric::InfraEvents, Emit::Add(1)),
                _ => {}
            }
            return;
        }
        let Some(res) = ev.res else { return };
        let flags = schema::compat_flags(et);
        if res < 0 {
            match kind {
                Kind::Connect => {
                    // A non-blocking connect in progress is a new
                    // connection; other failures are failed attempts.
                    if res == -115 {
                        if let Some(p) = sport() {
                            put(Metric::NewOutboundConnections, Emit::Add(1));
                            if p == 22 {
                                put(Metric::SshConnections, Emit::Add(1));
                            }
                        }
                    } else if matches!(fd_kind(), Some(k) if k.is_ip()) {
                        put(Metric::FailedConnections, Emit::Add(1));
                    }
                }
                Kind::Open => {
                    put(Metric::FileOpenErrors, Emit::Add(1));
                }
                _ => {}
            }
            return;
        }
        if flags & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD) != 0 {
            let is_write = flags & event_flags::WRITES_TO_FD != 0;
            let buflen = match env.extract(VF::Buflen, ev) {
                Some(Raw::U(n)) => n,
                _ => 0,
            };
            match fd_kind() {
                Some(FdKind::File) => {
                    let Some(f) = fd else { return };
                    let fname = self.file_name(ev.fd_ent, f);
                    if on(Metric::AccessedFiles)
                        || on(Metric::ModifiedFiles)
                        || on(Metric::ModifiedSystemFiles)
                    {
                        let key = ev.thread.map_or(0, |t| hash_str(&t.container_id)) ^ fname.hash;
                        put(Metric::AccessedFiles, Emit::Key(key));
                        if is_write {
                            put(Metric::ModifiedFiles, Emit::Key(key));
                            if fname.system {
                                put(Metric::ModifiedSystemFiles, Emit::Key(fname.hash));
                            }
                        }
                    }
                    put(Metric::FileBytes, Emit::Add(buflen));
                    if is_write {
                        put(Metric::FileBytesOut, Emit::Add(buflen));
                    } else {
                        put(Metric::FileBytesIn, Emit::Add(buflen));
                    }
                    if !fname.dev {
                        let lat = ev.latency_ns;
                        if lat > 1_000_000 {
                            put(Metric::SlowFileIo1ms, Emit::Add(1));
                        }
                        if lat > 10_000_000 {
                            put(Metric::SlowFileIo10ms, Emit::Add(1));
                        }
                        if lat > 100_000_000 {
                            put(Metric::SlowFileIo100ms, Emit::Add(1));
                        }
                    }
                    if is_write
                        && (on(Metric::AppLogMessages)
                            || on(Metric::SyslogMessages)
                            || on(Metric::AppLogWarnings)
                            || on(Metric::AppLogErrors))
                    {
                        if fname.dev_log {
                            self.syslog(ev, &mut put);
                        } else if fname.log_file {
                            self.app_log(ev, &mut put);
                        }
                    }
                }
                Some(k) if k.is_ip() => {
                    if on(Metric::ActiveConnections) {
                        let key = ev.thread.map_or(0, |t| hash_str(&t.container_id))
                            ^ fd.map_or(0, |f| hash_str(&f.name));
                        put(Metric::ActiveConnections, Emit::Key(key));
                    }
                    put(Metric::NetBytes, Emit::Add(buflen));
                    if is_write {
                        put(Metric::NetBytesOut, Emit::Add(buflen));
                    } else {
                        put(Metric::NetBytesIn, Emit::Add(buflen));
                    }
                    if let Some(s) = sport().and_then(service_of) {
                        put(Metric::ServiceBytes(s as u8), Emit::Add(buflen));
                    }
                    if on(Metric::HttpRequests)
                        || on(Metric::HttpResponses)
                        || on(Metric::HttpErrors)
                    {
                        self.http(ev, &mut put);
                    }
                }
                Some(FdKind::Unix)
                    if is_write
                        && on(Metric::SyslogMessages)
                        && fd.is_some_and(|f| f.name.contains("/dev/log")) =>
                {
                    self.syslog(ev, &mut put);
                }
                _ => {}
            }
            return;
        }
        match kind {
            Kind::Execve => {
                put(Metric::ExecutedCommands, Emit::Add(1));
                if on(Metric::InteractiveCommands)
                    && let Some(ptid) = env.parent_tid(ev)
                {
                    if self.defer_parents {
                        put(Metric::InteractiveCommands, Emit::Parent(ptid));
                    } else if env.is_shell(ptid) {
                        put(Metric::InteractiveCommands, Emit::Add(1));
                    }
                }
                if on(Metric::SudoInvocations) && self.execve_exe(ev).as_deref() == Some("sudo") {
                    put(Metric::SudoInvocations, Emit::Add(1));
                }
            }
            Kind::Bind if sport().is_some() => put(Metric::NewListeningPorts, Emit::Add(1)),
            Kind::Connect | Kind::Accept => {
                if let Some(p) = sport() {
                    put(
                        if kind == Kind::Connect {
                            Metric::NewOutboundConnections
                        } else {
                            Metric::NewInboundConnections
                        },
                        Emit::Add(1),
                    );
                    if p == 22 {
                        put(Metric::SshConnections, Emit::Add(1));
                    }
                }
            }
            Kind::Unlink => put(Metric::DeletedFiles, Emit::Add(1)),
            Kind::Symlink => put(Metric::NewSymlinks, Emit::Add(1)),
            Kind::Fork if res > 0 => put(Metric::Forks, Emit::Add(1)),
            Kind::Setns => put(Metric::SetnsInvocations, Emit::Add(1)),
            _ => {}
        }
    }

    fn signal(&self, ev: &EvRef<'_>) -> Option<u8> {
        let rec = self.env.snap.record(ev.i)?;
        let desc = rec.desc();
        let k =
            (0..rec.nparams()).find(|&k| desc.params.get(k).is_some_and(|p| p.name == "sig"))?;
        rec.param(k)?.first().copied()
    }

    fn execve_exe(&self, ev: &EvRef<'_>) -> Option<String> {
        let rec = self.env.snap.record(ev.i)?;
        let desc = rec.desc();
        let k =
            (0..rec.nparams()).find(|&k| desc.params.get(k).is_some_and(|p| p.name == "exe"))?;
        let b = rec.param(k)?;
        let b = b.split(|&c| c == 0).next().unwrap_or_default();
        Some(String::from_utf8_lossy(b).into_owned())
    }

    fn http(&self, ev: &EvRef<'_>, put: &mut impl FnMut(Metric, Emit)) {
        let Some(buf) = data_param(self.env.snap, ev.i) else {
            return;
        };
        if buf.starts_with(b"HTTP/") {
            put(Metric::HttpResponses, Emit::Add(1));
            let status = buf
                .split(|&c| c == b' ')
                .nth(1)
                .and_then(|s| std::str::from_utf8(s).ok())
                .and_then(|s| s.trim().parse::<u16>().ok());
            if status.is_some_and(|s| s >= 400) {
                put(Metric::HttpErrors, Emit::Add(1));
            }
        } else if HTTP_METHODS.iter().any(|m| buf.starts_with(m)) {
            put(Metric::HttpRequests, Emit::Add(1));
        }
    }

    fn app_log(&self, ev: &EvRef<'_>, put: &mut impl FnMut(Metric, Emit)) {
        let Some(buf) = data_param(self.env.snap, ev.i) else {
            return;
        };
        let mut scratch = String::new();
        for line in buf.split(|&c| c == b'\n').filter(|l| !l.is_empty()) {
            put(Metric::AppLogMessages, Emit::Add(1));
            match log_level(line, &mut scratch) {
                LogLevel::Warning => put(Metric::AppLogWarnings, Emit::Add(1)),
                LogLevel::Error => put(Metric::AppLogErrors, Emit::Add(1)),
                LogLevel::Other => {}
            }
        }
    }

    /// A syslog message (`<PRI>…`): severity is PRI's low 3 bits.
    fn syslog(&self, ev: &EvRef<'_>, put: &mut impl FnMut(Metric, Emit)) {
        let Some(buf) = data_param(self.env.snap, ev.i) else {
            return;
        };
        let Some(rest) = buf.strip_prefix(b"<") else {
            return;
        };
        let end = rest.iter().position(|&c| c == b'>').unwrap_or(0);
        let Some(pri) = std::str::from_utf8(&rest[..end])
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            return;
        };
        let sev = pri & 7;
        put(Metric::SyslogMessages, Emit::Add(1));
        if sev == 4 {
            put(Metric::SyslogWarnings, Emit::Add(1));
        } else if sev < 4 {
            put(Metric::SyslogErrors, Emit::Add(1));
        }
    }
}

/// What an application log line reports, by Inspect's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LogLevel {
    Warning,
    Error,
    Other,
}

/// The level of a log line: "warn" anywhere (any case), else "error",
/// "critic", "emergency" or "alert". The words are ASCII and lowercasing
/// other characters never makes one of them, so the line lowercased as
/// ASCII (other bytes blanked, into `scratch`) has them where the line
/// lowercased as text would.
fn log_level(line: &[u8], scratch: &mut String) -> LogLevel {
    scratch.clear();
    scratch.extend(line.iter().map(|&b| {
        if b.is_ascii() {
            char::from(b.to_ascii_lowercase())
        } else {
            '\0'
        }
    }));
    if scratch.contains("warn") {
        LogLevel::Warning
    } else if ["error", "critic", "emergency", "alert"]
        .iter()
        .any(|w| scratch.contains(w))
    {
        LogLevel::Error
    } else {
        LogLevel::Other
    }
}

/// One metric's values over the buckets of a range.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    pub sums: Vec<u64>,
    pub keys: Vec<FxHashSet<u64>>,
}

/// Totals of every metric over one whole chunk (no filter), cached.
#[derive(Debug, Default)]
pub(crate) struct ChunkTotals {
    pub sums: Vec<u64>,
    pub keys: Vec<FxHashSet<u64>>,
    /// Parents of the chunk's execve events ([`Emit::Parent`]).
    pub parents: Vec<i64>,
}

impl ChunkTotals {
    /// Metric `m`'s sum over the chunk (`Sum` metrics), with `env`'s state
    /// for what depends on it.
    pub(crate) fn sum(&self, m: Metric, env: &Env<'_>) -> u64 {
        let s = self.sums[m.slot()];
        if m == Metric::InteractiveCommands {
            return s + self.parents.iter().filter(|&&p| env.is_shell(p)).count() as u64;
        }
        s
    }
}

/// Builds the event reference of event `j` of chunk `ci`.
pub(crate) fn ev_at<'a>(
    snap: &'a Snapshot,
    c: &'a Chunk,
    base: usize,
    j: usize,
    latency: &[u64],
) -> EvRef<'a> {
    let tref = snap.entities.thread(c.thread_id(j));
    let fd_ent = c.fd_id(j);
    let i = base + j;
    EvRef {
        i,
        etype: c.event_type(j),
        ts_ns: c.ts_ns(j),
        tid: tref.tid,
        thread: tref.thread.as_deref(),
        thread_ent: c.thread_id(j),
        fd: snap.entities.fd(fd_ent),
        fd_ent,
        event_fd: c.has_event_fd(j),
        res: c.res(j),
        dynv: None,
        latency_ns: latency.get(j).copied().unwrap_or(0),
        cpu: None,
    }
}

/// Whole-chunk totals of all metrics, computed once per chunk.
pub(crate) fn chunk_totals(facts: &Facts, ci: usize) -> Arc<ChunkTotals> {
    facts.chunk_totals(ci, || {
        let snap = facts.snapshot();
        let c = &snap.chunks[ci];
        let base = snap.chunk_starts()[ci];
        let env = Env::new(snap, facts.state());
        let lat = facts.chunk_latencies(ci);
        let mut t = TotalsAcc::new(&env);
        for j in 0..c.len() {
            t.add(&ev_at(snap, c, base, j, &lat), c.is_hidden(j));
        }
        snap.release_chunk_pages(ci);
        t.finish()
    })
}

/// A chunk's [`ChunkTotals`] being accumulated, event by event (every
/// event of the chunk, in order, as [`ev_at`] builds it).
pub(crate) struct TotalsAcc<'a> {
    cl: Classifier<'a>,
    t: ChunkTotals,
    /// The last key put in each set: runs of events of one process (most
    /// events) skip the set.
    last: [Option<u64>; NSLOTS],
}

impl<'a> TotalsAcc<'a> {
    pub(crate) fn new(env: &'a Env<'a>) -> TotalsAcc<'a> {
        let mut cl = Classifier::new(env, [true; NSLOTS]);
        cl.defer_parents = true;
        TotalsAcc {
            cl,
            t: ChunkTotals {
                sums: vec![0; NSLOTS],
                keys: vec![FxHashSet::default(); NSLOTS],
                parents: Vec::new(),
            },
            last: [None; NSLOTS],
        }
    }

    pub(crate) fn add(&mut self, ev: &EvRef<'_>, hidden: bool) {
        let (t, last) = (&mut self.t, &mut self.last);
        self.cl.classify(ev, hidden, |s, e| match e {
            Emit::Add(v) => t.sums[s] += v,
            Emit::Parent(p) => t.parents.push(p),
            Emit::Key(k) => {
                if last[s] != Some(k) {
                    last[s] = Some(k);
                    t.keys[s].insert(k);
                }
            }
        });
    }

    pub(crate) fn finish(self) -> ChunkTotals {
        self.t
    }
}

/// Accumulates `metrics` into `nbuckets` buckets of `bucket_ns` from
/// `from_ns` (events at or after `to_ns` left out).
pub(crate) fn accumulate(
    facts: &Facts,
    metrics: &[Metric],
    user: &UserFilter,
    from_ns: u64,
    to_ns: u64,
    bucket_ns: u64,
    nbuckets: usize,
) -> Vec<Acc> {
    let snap = facts.snapshot();
    let mut want = [false; NSLOTS];
    for m in metrics {
        want[m.slot()] = true;
    }
    let needs_latency = metrics.iter().any(|m| m.needs_latency());
    let user_bits = user.chunk_bits(snap);
    let env = Env::new(snap, facts.state());
    let bucket_of = |ts: u64| ((ts - from_ns) / bucket_ns) as usize;
    let empty = || -> Vec<Acc> {
        metrics
            .iter()
            .map(|m| Acc {
                sums: if m.kind() == MetricKind::Sum {
                    vec![0; nbuckets]
                } else {
                    Vec::new()
                },
                keys: if m.kind() == MetricKind::Distinct {
                    vec![FxHashSet::default(); nbuckets]
                } else {
                    Vec::new()
                },
            })
            .collect()
    };
    let slot_pos: Vec<Option<usize>> = (0..NSLOTS)
        .map(|s| metrics.iter().position(|m| m.slot() == s))
        .collect();
    let parts: Vec<Vec<Acc>> = (0..snap.chunks.len())
        .into_par_iter()
        .map(|ci| {
            let c = &snap.chunks[ci];
            let mut acc = empty();
            if c.is_empty() || c.summary.max_ts_ns < from_ns || c.summary.min_ts_ns >= to_ns {
                return acc;
            }
            // A chunk whole inside the range and inside one bucket: its
            // cached totals (unless it holds metaevents stamped 0, which
            // belong to the time 0).
            let lo = c.summary.min_ts_ns;
            let hi = c.summary.max_ts_ns;
            let whole = user.is_empty()
                && lo >= from_ns
                && hi < to_ns
                && bucket_of(lo) == bucket_of(hi)
                && !facts.has_zero_stamps(ci);
            if whole {
                let b = bucket_of(lo);
                let store = c.summary.clone();
                let t = if metrics.iter().all(|m| m.in_store_summary()) {
                    None
                } else {
                    Some(chunk_totals(facts, ci))
                };
                for (k, m) in metrics.iter().enumerate() {
                    let s = m.slot();
                    match m.kind() {
                        MetricKind::Sum => {
                            acc[k].sums[b] += match m {
                                Metric::Events => c.len() as u64,
                                Metric::Errors => u64::from(store.errors),
                                Metric::ReadBytes => store.read_bytes,
                                Metric::WriteBytes => store.write_bytes,
                                _ => t.as_ref().map_or(0, |t| t.sum(*m, &env)),
                            }
                        }
                        MetricKind::Distinct => {
                            if let Some(t) = &t {
                                acc[k].keys[b].extend(t.keys[s].iter().copied());
                            }
                        }
                        MetricKind::Gauge => {}
                    }
                }
                return acc;
            }
            let span = c.candidates(from_ns, to_ns);
            if user.is_empty() && metrics.iter().all(|m| m.in_store_summary()) {
                // The store's own quantities straight from the columns.
                for j in span {
                    let ts = c.ts_ns(j);
                    if ts < from_ns || ts >= to_ns {
                        continue;
                    }
                    let b = bucket_of(ts);
                    let et = c.event_type(j);
                    let exit = !schema::is_enter(et);
                    let res = if exit { c.res(j) } else { None };
                    for (k, m) in metrics.iter().enumerate() {
                        acc[k].sums[b] += match m {
                            Metric::Events => 1,
                            Metric::Errors => u64::from(res.is_some_and(|r| r < 0)),
                            _ => match crate::store::io_len_of(et, res) {
                                Some(n) => {
                                    let cat = schema::compat_category(et) & 0x3f;
                                    let want = if *m == Metric::ReadBytes {
                                        category::IO_READ
                                    } else {
                                        category::IO_WRITE
                                    };
                                    if cat == want { u64::from(n) } else { 0 }
                                }
                                None => 0,
                            },
                        };
                    }
                }
                return acc;
            }
            let base = snap.chunk_starts()[ci];
            let lat = if needs_latency {
                facts.chunk_latencies(ci)
            } else {
                Vec::new()
            };
            let cl = Classifier::new(&env, want);
            let bits = user_bits.as_ref().map(|b| &b[ci]);
            let mut resolved = super::extract::Resolved::default();
            for j in span {
                let ts = c.ts_ns(j);
                if ts < from_ns || ts >= to_ns {
                    continue;
                }
                if let Some(b) = bits
                    && b[j / 64] & (1 << (j % 64)) == 0
                {
                    continue;
                }
                let ev = ev_at(snap, c, base, j, &lat);
                if bits.is_none()
                    && let Some(n) = &user.native
                    && !n.matches(&env, &mut resolved, &ev)
                {
                    continue;
                }
                let b = bucket_of(ts);
                cl.classify(&ev, c.is_hidden(j), |s, e| {
                    let Some(k) = slot_pos[s] else { return };
                    match e {
                        Emit::Add(v) => acc[k].sums[b] += v,
                        Emit::Parent(_) => {}
                        Emit::Key(key) => {
                            acc[k].keys[b].insert(key);
                        }
                    }
                });
            }
            snap.release_chunk_pages(ci);
            acc
        })
        .collect();
    let mut out = empty();
    for part in parts {
        for (o, p) in out.iter_mut().zip(part) {
            for (a, b) in o.sums.iter_mut().zip(p.sums) {
                *a += b;
            }
            for (a, b) in o.keys.iter_mut().zip(p.keys) {
                if a.is_empty() {
                    *a = b;
                } else {
                    a.extend(b);
                }
            }
        }
    }
    out
}

/// Keys of a distinct metric known from the state's tables rather than
/// from events: processes and containers present when the capture starts
/// (if the range starts with it) or when it ends (if the range reaches
/// the end). Sysdig Inspect counts these from its thread and container
/// tables.
pub(crate) fn table_keys(facts: &Facts, m: Metric, from_ns: u64, to_ns: u64) -> Vec<u64> {
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
    let mut states = Vec::new();
    if from_ns <= first {
        states.push(facts.initial_state().clone());
    }
    if to_ns > last && facts.at_end() {
        states.push(facts.state().clone());
    }
    let mut out = Vec::new();
    for st in states {
        match m {
            Metric::Processes => out.extend(
                st.threads
                    .values()
                    .filter(|t| t.is_main_thread())
                    .map(|t| t.pid as u64),
            ),
            Metric::Containers => out.extend(st.containers.keys().map(|id| hash_str(id))),
            _ => {}
        }
    }
    out
}

/// Listening ports over time: the server ports of the thread table at the
/// start, plus binds, minus closes of IPv4 listening sockets (Sysdig
/// Inspect's definition). Returns, per bucket, the number listening at
/// its end, and the distinct ports listening at some point in the range.
pub(crate) fn listening_ports(
    facts: &Facts,
    from_ns: u64,
    to_ns: u64,
    bucket_ns: u64,
    nbuckets: usize,
) -> (Vec<u64>, u64) {
    let snap = facts.snapshot();
    let env = Env::new(snap, facts.state());
    let mut ports: FxHashSet<u16> = facts
        .initial_state()
        .fd_tables
        .values()
        .flat_map(|t| t.values())
        .filter_map(|f| match f.kind {
            FdKind::Ipv4Server => Some(f.v4srv_port()),
            FdKind::Ipv6Server => Some(f.v6srv_port()),
            _ => None,
        })
        .collect();
    // Binds and closes, in event order.
    let changes: Vec<Vec<(u64, bool, u16)>> = (0..snap.chunks.len())
        .into_par_iter()
        .map(|ci| {
            let c = &snap.chunks[ci];
            let base = snap.chunk_starts()[ci];
            let mut v = Vec::new();
            for j in 0..c.len() {
                let et = c.event_type(j);
                if et != ids::BIND_X && et != ids::CLOSE_E {
                    continue;
                }
                if c.is_hidden(j) || (et == ids::BIND_X && c.res(j).is_none_or(|r| r < 0)) {
                    continue;
                }
                let ev = ev_at(snap, c, base, j, &[]);
                let Some(Raw::U(p)) = env.extract(VF::FdSport, &ev) else {
                    continue;
                };
                let listening_v4 = ev
                    .fd
                    .and_then(|f| f.fd.as_deref())
                    .is_some_and(|f| f.kind == FdKind::Ipv4Server);
                if et == ids::CLOSE_E && !listening_v4 {
                    continue;
                }
                v.push((c.ts_ns(j), et == ids::BIND_X, p as u16));
            }
            v
        })
        .collect();
    let mut seen: FxHashSet<u16> = FxHashSet::default();
    let mut levels = vec![0u64; nbuckets];
    let mut started = false;
    let mut b_cur = 0usize;
    for (ts, bind, p) in changes.into_iter().flatten() {
        if ts >= from_ns && !started {
            started = true;
            seen.extend(ports.iter().copied());
        }
        if ts >= to_ns {
            break;
        }
        if ts >= from_ns {
            let b = ((ts - from_ns) / bucket_ns) as usize;
            while b_cur < b.min(nbuckets) {
                levels[b_cur] = ports.len() as u64;
                b_cur += 1;
            }
        }
        if bind {
            ports.insert(p);
            if ts >= from_ns {
                seen.insert(p);
            }
        } else {
            ports.remove(&p);
        }
    }
    if !started {
        seen.extend(ports.iter().copied());
    }
    while b_cur < nbuckets {
        levels[b_cur] = ports.len() as u64;
        b_cur += 1;
    }
    (levels, seen.len() as u64)
}

#[cfg(test)]
mod log_tests {
    use super::*;

    /// The definition: the line as text, lowercased, contains the word.
    fn by_text(line: &[u8]) -> LogLevel {
        let l = String::from_utf8_lossy(line).to_lowercase();
        if l.contains("warn") {
            LogLevel::Warning
        } else if ["error", "critic", "emergency", "alert"]
            .iter()
            .any(|w| l.contains(w))
        {
            LogLevel::Error
        } else {
            LogLevel::Other
        }
    }

    #[test]
    fn log_levels_match_lowercased_text() {
        let lines: &[&[u8]] = &[
            b"all fine",
            b"WARNING: disk",
            b"[Error] failed",
            b"CRITICAL",
            b"emergEncy stop",
            b"ALERT",
            b"war n",
            "caf\u{e9} WARN \u{130}".as_bytes(),
            "\u{212a}ritic".as_bytes(),
            b"\xff\xfeerror\x80",
            b"err\xc3\xa9or",
            b"",
        ];
        let mut scratch = String::new();
        for l in lines {
            assert_eq!(log_level(l, &mut scratch), by_text(l), "{l:?}");
        }
    }
}

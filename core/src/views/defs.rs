//! View definitions: csysdig's standard views (`userspace/sysdig/chisels/
//! v_*.lua` in sysdig 0.29.3, read for their meaning), plus the process
//! tree and the list of executed commands.

use super::extract::VF;

/// How values of a column combine (libsinsp's `sinsp_field_aggregation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    /// Keep the first value.
    None,
    /// Add.
    Sum,
    /// Average (sum and count).
    Avg,
    /// Largest (for text: the latest).
    Max,
    /// Smallest.
    Min,
    /// Add; csysdig shows the total divided by the sample's duration.
    TimeAvg,
}

/// A view's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    /// Rows grouped by a key and aggregated (csysdig "table").
    Table,
    /// One row per matching event, in event order (csysdig "list").
    List,
    /// The process tree (scapscope's own).
    Tree,
}

/// A view's own event filter: csysdig's `filter`, evaluated natively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewFilter {
    /// Every event.
    All,
    /// `evt.type!=switch`.
    NotSwitch,
    /// `(fd.type=file or fd.type=directory) and fd.name!=''`.
    FileOrDir,
    /// `(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''`.
    Ip,
    /// `syscall.type exists`.
    Syscall,
    /// `evt.res != SUCCESS`.
    Failed,
    /// `container.name != host`.
    InContainer,
    /// `evt.type=open and evt.dir=<`.
    OpenExit,
    /// Binds of IP sockets and closes of IPv4 listening sockets.
    PortBindings,
    /// `evt.type=accept and evt.dir=< and evt.failed=false`.
    AcceptOk,
    /// Successful `execve` exits, and `chdir` by shells other than sshd.
    SpyUsers,
    /// Successful `execve` exits (scapscope's "commands executed").
    ExecveOk,
}

impl ViewFilter {
    /// The filter as csysdig writes it (`""` for none).
    pub fn text(self) -> &'static str {
        match self {
            ViewFilter::All => "",
            ViewFilter::NotSwitch => "evt.type!=switch",
            ViewFilter::FileOrDir => "(fd.type=file or fd.type=directory) and fd.name!=''",
            ViewFilter::Ip => "(fd.type=ipv4 or fd.type=ipv6) and fd.name!=''",
            ViewFilter::Syscall => "syscall.type exists",
            ViewFilter::Failed => "evt.res != SUCCESS",
            ViewFilter::InContainer => "container.name != host",
            ViewFilter::OpenExit => "evt.type=open and evt.dir=<",
            ViewFilter::PortBindings => {
                "(evt.type=bind and evt.dir=< and (fd.type=ipv4 or fd.type=ipv6)) or (evt.type=close and evt.dir=> and fd.typechar=2 and fd.type=ipv4)"
            }
            ViewFilter::AcceptOk => "evt.type=accept and evt.dir=< and evt.failed=false",
            ViewFilter::SpyUsers => {
                "((evt.type=execve and evt.dir=<) or (evt.type=chdir and evt.dir=< and proc.name contains sh and not proc.name contains sshd)) and evt.failed=false"
            }
            ViewFilter::ExecveOk => "evt.type=execve and evt.dir=< and evt.failed=false",
        }
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct ColDef {
    /// Legend name.
    pub name: &'static str,
    /// The field it shows.
    pub field: VF,
    /// How values of one key combine.
    pub agg: Agg,
    /// How values of merged keys combine (views with a group-by key).
    pub merge: Agg,
    /// What it means.
    pub description: &'static str,
}

const fn col(name: &'static str, field: VF, agg: Agg, description: &'static str) -> ColDef {
    ColDef {
        name,
        field,
        agg,
        merge: Agg::None,
        description,
    }
}

const fn mcol(
    name: &'static str,
    field: VF,
    agg: Agg,
    merge: Agg,
    description: &'static str,
) -> ColDef {
    ColDef {
        name,
        field,
        agg,
        merge,
        description,
    }
}

/// A view.
#[derive(Debug, Clone, Copy)]
pub struct ViewDef {
    /// Id (`procs`, `files`, …), csysdig's where it has one.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What it shows.
    pub description: &'static str,
    /// Shape.
    pub kind: ViewKind,
    /// Its own filter.
    pub filter: ViewFilter,
    /// The row key (tables).
    pub key: Option<VF>,
    /// The key rows are merged by after aggregation (procs: threads →
    /// processes).
    pub groupby: Option<VF>,
    /// Visible columns.
    pub columns: &'static [ColDef],
    /// Index of the default sort column.
    pub sort: Option<usize>,
    /// Whether a field without a value counts as zero / empty (csysdig's
    /// `use_defaults`) instead of dropping the event.
    pub use_defaults: bool,
    /// The view a row drills down to.
    pub drilldown: Option<&'static str>,
    /// Whether the view's own filter is carried into the drill-down.
    pub propagate_filter: bool,
    /// Keys of the views this one accepts being drilled from (csysdig's
    /// `applies_to`; `""` is the top level).
    pub applies_to: &'static [&'static str],
    /// Whether csysdig 0.29.3 has this view (and so the compat test
    /// compares it).
    pub csysdig: bool,
}

impl ViewDef {
    /// The field text of the drill-down key (`proc.pid`, `fd.name`, …).
    pub fn drill_field(&self) -> Option<&'static str> {
        self.groupby.or(self.key).map(VF::name)
    }
}

const K8S: [&str; 9] = [
    "k8s.pod.id",
    "k8s.rc.id",
    "k8s.rs.id",
    "k8s.svc.id",
    "k8s.ns.id",
    "marathon.app.id",
    "marathon.group.name",
    "mesos.task.id",
    "mesos.framework.name",
];

macro_rules! applies {
    ($($k:expr),* $(,)?) => {{
        const A: &[&str] = &[$($k,)* K8S[0], K8S[1], K8S[2], K8S[3], K8S[4], K8S[5], K8S[6], K8S[7], K8S[8]];
        A
    }};
}

const CMD: ColDef = mcol(
    "Command",
    VF::ProcExeline,
    Agg::Max,
    Agg::None,
    "The full command line of the process.",
);

/// Every view, csysdig's first.
pub static VIEWS: &[ViewDef] = &[
    ViewDef {
        id: "procs",
        name: "Processes",
        description: "The typical top/htop process list: CPU, memory, disk and network by process.",
        kind: ViewKind::Table,
        filter: ViewFilter::NotSwitch,
        key: Some(VF::ThreadTid),
        groupby: Some(VF::ProcPid),
        columns: &[
            col("PID", VF::ProcPid, Agg::None, "Process PID."),
            col("PPID", VF::ProcPpid, Agg::None, "Process parent PID."),
            mcol(
                "CPU",
                VF::ThreadCpu,
                Agg::Avg,
                Agg::Sum,
                "CPU used by the process, % of one CPU (from procinfo samples).",
            ),
            col("USER", VF::UserName, Agg::None, "User name."),
            mcol(
                "TH",
                VF::ProcNthreads,
                Agg::Max,
                Agg::Max,
                "Number of threads of the process.",
            ),
            mcol(
                "VIRT",
                VF::VmsizeB,
                Agg::Max,
                Agg::Max,
                "Total virtual memory of the process.",
            ),
            mcol(
                "RES",
                VF::VmrssB,
                Agg::Max,
                Agg::Max,
                "Resident non-swapped memory of the process.",
            ),
            mcol(
                "FILE",
                VF::BuflenFile,
                Agg::TimeAvg,
                Agg::Sum,
                "File I/O bytes (in+out) of the process.",
            ),
            mcol(
                "NET",
                VF::BuflenNet,
                Agg::TimeAvg,
                Agg::Sum,
                "Network I/O bytes (in+out) of the process.",
            ),
            CMD,
        ],
        sort: Some(2),
        use_defaults: true,
        drilldown: Some("threads"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "fd.name",
            "fd.containername",
            "fd.sport",
            "fd.sproto",
            "evt.type",
            "fd.directory",
            "fd.containerdirectory",
            "fd.type",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "threads",
        name: "Threads",
        description: "Every thread, with its CPU, disk and network usage.",
        kind: ViewKind::Table,
        filter: ViewFilter::NotSwitch,
        key: Some(VF::ThreadTid),
        groupby: None,
        columns: &[
            col(
                "PID",
                VF::ProcPid,
                Agg::None,
                "PID of the thread's process.",
            ),
            col("TID", VF::ThreadTid, Agg::None, "Thread id."),
            col("CPU", VF::ThreadCpu, Agg::Avg, "CPU used by the thread, %."),
            col(
                "FILE",
                VF::BuflenFile,
                Agg::TimeAvg,
                "File I/O bytes (in+out) of the thread.",
            ),
            col(
                "NET",
                VF::BuflenNet,
                Agg::TimeAvg,
                "Network I/O bytes (in+out) of the thread.",
            ),
            CMD,
        ],
        sort: Some(2),
        use_defaults: true,
        drilldown: Some("files"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "container.id",
            "fd.sport",
            "fd.sproto",
            "fd.name",
            "fd.containername",
            "fd.directory",
            "fd.containerdirectory",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "containers",
        name: "Containers",
        description: "The containers of the machine and the resources each uses.",
        kind: ViewKind::Table,
        filter: ViewFilter::InContainer,
        key: Some(VF::ThreadTid),
        groupby: Some(VF::ContainerId),
        columns: &[
            mcol("CPU", VF::ThreadCpu, Agg::Avg, Agg::Sum, "CPU used, %."),
            mcol(
                "PROCS",
                VF::CountProcinfo,
                Agg::Avg,
                Agg::Sum,
                "Processes running in the container.",
            ),
            mcol(
                "THREADS",
                VF::CountThreadinfo,
                Agg::Avg,
                Agg::Sum,
                "Threads running in the container.",
            ),
            mcol("VIRT", VF::VmsizeB, Agg::Max, Agg::Sum, "Virtual memory."),
            mcol("RES", VF::VmrssB, Agg::Max, Agg::Sum, "Resident memory."),
            mcol(
                "FILE",
                VF::BuflenFile,
                Agg::TimeAvg,
                Agg::Sum,
                "File I/O bytes (in+out).",
            ),
            mcol(
                "NET",
                VF::BuflenNet,
                Agg::TimeAvg,
                Agg::Sum,
                "Network I/O bytes (in+out).",
            ),
            col("ENGINE", VF::ContainerType, Agg::None, "Container type."),
            col("IMAGE", VF::ContainerImage, Agg::None, "Container image."),
            col("ID", VF::ContainerId, Agg::None, "Container id."),
            col("NAME", VF::ContainerName, Agg::None, "Container name."),
        ],
        sort: Some(0),
        use_defaults: true,
        drilldown: Some("procs"),
        propagate_filter: true,
        applies_to: applies!("", "evt.res"),
        csysdig: true,
    },
    ViewDef {
        id: "files",
        name: "Files",
        description: "Files accessed on the file system, with bytes in/out and operations.",
        kind: ViewKind::Table,
        filter: ViewFilter::FileOrDir,
        key: Some(VF::FdName),
        groupby: None,
        columns: &[
            col(
                "BYTES IN",
                VF::BuflenFileIn,
                Agg::Sum,
                "Bytes read from the file.",
            ),
            col(
                "BYTES OUT",
                VF::BuflenFileOut,
                Agg::Sum,
                "Bytes written to the file.",
            ),
            col(
                "OPS",
                VF::CountExit,
                Agg::Sum,
                "Operations on the file (every syscall exit, open and close included).",
            ),
            col(
                "OPENS",
                VF::TypeIsOpenExit,
                Agg::Sum,
                "Times the file was opened with open (csysdig counts open, not openat).",
            ),
            col(
                "ERRORS",
                VF::CountError,
                Agg::Sum,
                "Failed calls on the file.",
            ),
            col(
                "FILENAME",
                VF::FdName,
                Agg::None,
                "File name with its path.",
            ),
        ],
        sort: Some(2),
        use_defaults: true,
        drilldown: Some("procs"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "fd.directory",
            "fd.containerdirectory",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "directories",
        name: "Directories",
        description: "Directories accessed on the file system, with bytes in/out and operations.",
        kind: ViewKind::Table,
        filter: ViewFilter::FileOrDir,
        key: Some(VF::FdDirectory),
        groupby: None,
        columns: &[
            col(
                "BYTES IN",
                VF::BuflenFileIn,
                Agg::Sum,
                "Bytes read from files of the directory.",
            ),
            col(
                "BYTES OUT",
                VF::BuflenFileOut,
                Agg::Sum,
                "Bytes written to files of the directory.",
            ),
            col(
                "OPS",
                VF::CountExit,
                Agg::Sum,
                "Operations in the directory.",
            ),
            col(
                "OPENS",
                VF::TypeIsOpenExit,
                Agg::Sum,
                "Opens with open (csysdig counts open, not openat).",
            ),
            col("ERRORS", VF::CountError, Agg::Sum, "Failed calls."),
            col("DIRNAME", VF::FdDirectory, Agg::None, "Directory path."),
        ],
        sort: Some(2),
        use_defaults: true,
        drilldown: Some("files"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "connections",
        name: "Connections",
        description: "Network connections with traffic, and the process owning each.",
        kind: ViewKind::Table,
        filter: ViewFilter::Ip,
        key: Some(VF::FdName),
        groupby: None,
        columns: &[
            col("L4PROTO", VF::FdL4proto, Agg::None, "Transport protocol."),
            col("LIP", VF::FdLip, Agg::None, "Local IP address."),
            col("LPORT", VF::FdLport, Agg::None, "Local port."),
            col("RIP", VF::FdRip, Agg::None, "Remote IP address."),
            col("RPORT", VF::FdRport, Agg::None, "Remote port."),
            col(
                "BPS IN",
                VF::BuflenNetIn,
                Agg::TimeAvg,
                "Bytes received on the connection.",
            ),
            col(
                "BPS OUT",
                VF::BuflenNetOut,
                Agg::TimeAvg,
                "Bytes sent on the connection.",
            ),
            col(
                "IOPS",
                VF::EvtCount,
                Agg::TimeAvg,
                "Calls made on the connection.",
            ),
            CMD,
        ],
        sort: Some(5),
        use_defaults: true,
        drilldown: Some("incoming_connections"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "fd.dport",
            "fd.dproto",
            "fd.port",
            "fd.proto",
            "fd.lport",
            "fd.rport",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "syscalls",
        name: "System Calls",
        description: "System calls by number of calls and time spent in them.",
        kind: ViewKind::Table,
        filter: ViewFilter::Syscall,
        key: Some(VF::EvtType),
        groupby: None,
        columns: &[
            col(
                "CALLS/S",
                VF::EvtCount,
                Agg::TimeAvg,
                "Events of this type (enter and exit counted separately).",
            ),
            col(
                "TOT TIME",
                VF::EvtLatency,
                Agg::Sum,
                "Total time spent in the call.",
            ),
            col(
                "AVG TIME",
                VF::EvtLatency,
                Agg::Avg,
                "Average time per event (enter events count as zero).",
            ),
            col("SYSCALL", VF::EvtType, Agg::None, "System call name."),
        ],
        sort: Some(0),
        use_defaults: true,
        drilldown: Some("procs"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "fd.name",
            "fd.containername",
            "fd.directory",
            "fd.containerdirectory",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "errors",
        name: "Errors",
        description: "System call errors by number of occurrences.",
        kind: ViewKind::Table,
        filter: ViewFilter::Failed,
        key: Some(VF::EvtRes),
        groupby: None,
        columns: &[
            col("COUNT", VF::EvtCount, Agg::Sum, "Times the error happened."),
            col("ERROR", VF::EvtRes, Agg::None, "The errno code."),
        ],
        sort: Some(0),
        use_defaults: true,
        drilldown: Some("procs_errors"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "fd.directory",
            "fd.containerdirectory",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "io_by_type",
        name: "I/O by Type",
        description: "I/O volume by fd type: file, directory, ipv4, ipv6, pipe, unix, …",
        kind: ViewKind::Table,
        filter: ViewFilter::All,
        key: Some(VF::FdType),
        groupby: None,
        columns: &[
            col("BPS IN", VF::BuflenIn, Agg::TimeAvg, "Bytes read."),
            col("BPS OUT", VF::BuflenOut, Agg::TimeAvg, "Bytes written."),
            col(
                "IOPS",
                VF::EvtCount,
                Agg::TimeAvg,
                "Events on fds of the type (every event, enter and exit).",
            ),
            col("TIME", VF::EvtLatency, Agg::Sum, "Time spent in the calls."),
            col("I/O Type", VF::FdType, Agg::None, "Type of fd."),
        ],
        sort: Some(2),
        use_defaults: true,
        drilldown: Some("procs"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "file_opens",
        name: "File Opens List",
        description: "Every file open (the open system call) and its process.",
        kind: ViewKind::List,
        filter: ViewFilter::OpenExit,
        key: None,
        groupby: None,
        columns: &[
            col("TIME", VF::EvtTime, Agg::None, "Time of the open."),
            col("RES", VF::EvtRes, Agg::None, "SUCCESS or the errno code."),
            col("FILE", VF::FdName, Agg::None, "File name."),
            CMD,
        ],
        sort: None,
        use_defaults: false,
        drilldown: None,
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "proc.name",
            "thread.tid",
            "fd.sport",
            "fd.sproto",
            "fd.name",
            "fd.containername",
            "fd.directory",
            "fd.containerdirectory",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "port_bindings",
        name: "Port bindings",
        description: "Creation (bind) and removal (close) of listening ports.",
        kind: ViewKind::List,
        filter: ViewFilter::PortBindings,
        key: None,
        groupby: None,
        columns: &[
            col("TIME", VF::EvtTime, Agg::None, "Time of the action."),
            col("OPERATION", VF::EvtType, Agg::None, "bind or close."),
            col("PORT", VF::FdSport, Agg::None, "The port."),
            CMD,
        ],
        sort: None,
        use_defaults: true,
        drilldown: None,
        propagate_filter: true,
        applies_to: &[""],
        csysdig: true,
    },
    ViewDef {
        id: "procs_fd_usage",
        name: "Processes FD Usage",
        description: "File descriptor usage of each process against its limit.",
        kind: ViewKind::Table,
        filter: ViewFilter::NotSwitch,
        key: Some(VF::ProcPid),
        groupby: None,
        columns: &[
            col("PID", VF::ProcPid, Agg::None, "Process PID."),
            col(
                "OPEN",
                VF::FdOpenCount,
                Agg::Max,
                "Most fds open at once in the range.",
            ),
            col(
                "MAX",
                VF::FdLimit,
                Agg::Max,
                "Most fds the process may open.",
            ),
            col("PCT", VF::FdUsage, Agg::Max, "OPEN as a percentage of MAX."),
            CMD,
        ],
        sort: Some(1),
        use_defaults: true,
        drilldown: Some("io_by_type"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "fd.name",
            "fd.containername",
            "fd.sport",
            "fd.sproto",
            "evt.type",
            "fd.directory",
            "fd.containerdirectory",
            "fd.type",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "procs_errors",
        name: "Processes Errors",
        description: "Errors of each process: file, network, memory and other.",
        kind: ViewKind::Table,
        filter: ViewFilter::NotSwitch,
        key: Some(VF::ProcPid),
        groupby: None,
        columns: &[
            col("FILE", VF::CountErrorFile, Agg::Sum, "File I/O errors."),
            col("NET", VF::CountErrorNet, Agg::Sum, "Network I/O errors."),
            col(
                "MEMORY",
                VF::CountErrorMemory,
                Agg::Sum,
                "Memory allocation errors.",
            ),
            col("OTHER", VF::CountErrorOther, Agg::Sum, "Other errors."),
            col("PID", VF::ProcPid, Agg::None, "Process PID."),
            CMD,
        ],
        sort: Some(0),
        use_defaults: true,
        drilldown: Some("errors"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "fd.name",
            "fd.containername",
            "fd.sport",
            "fd.sproto",
            "evt.type",
            "fd.directory",
            "fd.containerdirectory",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "sports",
        name: "Server Ports",
        description: "Server ports by network traffic.",
        kind: ViewKind::Table,
        filter: ViewFilter::Ip,
        key: Some(VF::FdSport),
        groupby: None,
        columns: &[
            col("SPORT", VF::FdSport, Agg::None, "Server port."),
            col(
                "BPS IN",
                VF::BuflenNetIn,
                Agg::TimeAvg,
                "Bytes received on the port.",
            ),
            col(
                "BPS OUT",
                VF::BuflenNetOut,
                Agg::TimeAvg,
                "Bytes sent on the port.",
            ),
            col(
                "IO CALLS",
                VF::EvtCount,
                Agg::Sum,
                "Calls made on connections of the port.",
            ),
        ],
        sort: Some(1),
        use_defaults: true,
        drilldown: Some("connections"),
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "thread.tid",
            "proc.name",
            "evt.res",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "incoming_connections",
        name: "New Connections",
        description: "Every accepted network connection.",
        kind: ViewKind::List,
        filter: ViewFilter::AcceptOk,
        key: None,
        groupby: None,
        columns: &[
            col(
                "TIME",
                VF::EvtTime,
                Agg::None,
                "Time the connection was accepted.",
            ),
            col("Connection", VF::FdName, Agg::None, "Connection tuple."),
            CMD,
        ],
        sort: None,
        use_defaults: false,
        drilldown: None,
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "thread.tid",
            "proc.name",
            "fd.name",
            "fd.containername",
            "fd.sport",
            "fd.sproto",
            "fd.dport",
            "fd.port",
            "fd.lport",
            "fd.rport",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "spy_users",
        name: "Spy Users",
        description: "Commands run and directories changed to by shells: user activity in time order.",
        kind: ViewKind::List,
        filter: ViewFilter::SpyUsers,
        key: None,
        groupby: None,
        columns: &[
            col("TIME", VF::EvtTime, Agg::None, "Time the command ran."),
            col("USER", VF::UserName, Agg::None, "User."),
            col(
                "SHELL",
                VF::ProcPpid,
                Agg::None,
                "PID of the parent (the shell).",
            ),
            CMD,
        ],
        sort: None,
        use_defaults: true,
        drilldown: None,
        propagate_filter: true,
        applies_to: applies!(
            "",
            "container.id",
            "proc.pid",
            "thread.nametid",
            "thread.tid",
            "proc.name",
        ),
        csysdig: true,
    },
    ViewDef {
        id: "commands",
        name: "Commands Executed",
        description: "Every successful execve: the program run, its parent and user.",
        kind: ViewKind::List,
        filter: ViewFilter::ExecveOk,
        key: None,
        groupby: None,
        columns: &[
            col("TIME", VF::EvtTime, Agg::None, "Time of the execve."),
            col("PID", VF::ProcPid, Agg::None, "Process PID."),
            col("PPID", VF::ProcPpid, Agg::None, "Parent PID."),
            col("PARENT", VF::ProcPname, Agg::None, "Parent process name."),
            col("USER", VF::UserName, Agg::None, "User."),
            col("CWD", VF::ProcCwd, Agg::None, "Working directory."),
            CMD,
        ],
        sort: None,
        use_defaults: true,
        drilldown: None,
        propagate_filter: true,
        applies_to: applies!("", "container.id", "proc.pid", "thread.tid", "proc.name"),
        csysdig: false,
    },
    ViewDef {
        id: "proc_tree",
        name: "Process Tree",
        description: "Processes by lineage (clone/execve): each process under its parent.",
        kind: ViewKind::Tree,
        filter: ViewFilter::All,
        key: Some(VF::ProcPid),
        groupby: None,
        columns: &[
            col("PID", VF::ProcPid, Agg::None, "Process PID."),
            col("PPID", VF::ProcPpid, Agg::None, "Parent PID."),
            col(
                "DEPTH",
                VF::EvtCount,
                Agg::None,
                "Depth in the tree (0: root).",
            ),
            col("NAME", VF::ProcName, Agg::None, "Process name."),
            col(
                "EVENTS",
                VF::EvtCount,
                Agg::Sum,
                "Events of the process in the range.",
            ),
            col(
                "START",
                VF::EvtTime,
                Agg::None,
                "First event of the process in the range.",
            ),
            col(
                "END",
                VF::EvtTime,
                Agg::Max,
                "Last event of the process in the range.",
            ),
            CMD,
        ],
        sort: None,
        use_defaults: true,
        drilldown: Some("threads"),
        propagate_filter: false,
        applies_to: applies!("", "container.id", "proc.pid", "proc.name"),
        csysdig: false,
    },
];

/// The view with id `id`.
pub fn find(id: &str) -> Option<&'static ViewDef> {
    VIEWS.iter().find(|v| v.id == id)
}

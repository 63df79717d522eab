//! Every event type of falcosecurity/libs, indexed by event id.
//!
//! Written for scapscope from the facts in libs `driver/event_table.c`,
//! `driver/dynamic_params_table.c` and `driver/ppm_events_public.h` at libs commit
//! 48dfd53 (`PPM_EVENT_MAX` = 454). Ids are append-only upstream; entries carry the
//! current libs names, types and parameter lists. Captures carrying fewer
//! parameters than listed (older writers) decode by index.
//!
//! # Differences from sysdig 0.29.3
//!
//! sysdig 0.29.3 is built on libs e5c53d64 (`PPM_EVENT_MAX` = 336). For ids
//! `0..336` the two tables differ as follows; everything else there is either
//! identical or only gained trailing parameters. Ids `336..454` are unknown to
//! sysdig 0.29.3.
//!
//! * Names. 196 `sysdigevent` is now `scapevent`. These were named and are now
//!   `NA` placeholders: 197 `sysdigevent`, 229 `container`, 233 `signaldeliver`,
//!   269 `tracer` (listed by `sysdig -L` as `< tracer`), 273 `container`,
//!   323 `pluginevent`, 325 `container`. The placeholders 17, 147, 153, 187,
//!   235, 245, 261, 271, 281, 287, 291 were called `NA1`..`NA5`.
//! * Parameter types, same wire width, different rendering. Bit flags
//!   (`FLAGS*`) in sysdig 0.29.3, enums (`ENUMFLAGS*`) now: 18/42 `domain`,
//!   36 `how`, 45/47 `level` and `optname`, 86/88 `whence`, 140/142/144
//!   `resource`, 150 `cmd`, 168 `request`. Bit flags then, plain integers now:
//!   62 `flags` (u32), 126, 136, 138 `flags` (u8). 24 `backlog` u32 → i32;
//!   161/163 `res` u64 → errno; 295 `res` pid → errno.
//! * 293/331 (`execve`/`execveat` exit): `tty` i32 → u32, `loginuid` i32 → uid,
//!   and parameter 17 was `pgid`, now `vpgid` (the real `pgid` is parameter 28).
//! * 322: parameter 0 was `plugin ID`, now `plugin_id`.
//! * 326 (`openat2` enter): the dirfd of `name` was parameter 1, now 0 (the
//!   actual `dirfd` parameter).
//! * Category and flag bits: the high category bits other than `INTERNAL`
//!   (`SYSCALL`, `TRACEPOINT`, `PLUGIN`, `METAEVENT`, `ITER`) and the flag
//!   `CONVERTER_MANAGED` did not exist, and libs then had `EF_DROP_SIMPLE_CONS`
//!   (bit 10, gone now). `LARGE_PAYLOAD` was already set on 322 and 324 (402 did
//!   not exist), so the wire format of existing ids is unchanged.

use super::{EventDesc, ParamDesc, ParamExtra, ParamType, PrintFmt, category, event_flags, flags};

/// Shorthand constructor for a [`ParamDesc`].
const fn p(name: &'static str, ty: ParamType, fmt: PrintFmt, extra: ParamExtra) -> ParamDesc {
    ParamDesc {
        name,
        ty,
        fmt,
        extra,
    }
}

/// An unused id (gap or placeholder): name `NA`, no parameters.
const NA: EventDesc = EventDesc {
    name: "NA",
    category: category::UNKNOWN,
    flags: event_flags::UNUSED,
    params: &[],
};

/// Possible types of `setsockopt`/`getsockopt` `val`, by dynamic index (libs `PPM_SOCKOPT_IDX_*`).
static SOCKOPT_DYNAMIC_PARAM: &[ParamDesc] = &[
    p("", ParamType::Bytebuf, PrintFmt::Hex, ParamExtra::None),
    p("", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
    p("", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
    p("", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
    p("", ParamType::Reltime, PrintFmt::Dec, ParamExtra::None),
];

/// Possible types of `ptrace` `addr`/`data`, by dynamic index (libs `PPM_PTRACE_IDX_*`).
static PTRACE_DYNAMIC_PARAM: &[ParamDesc] = &[
    p("", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
    p("", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
];

/// Possible types of `bpf` `res_or_fd`, by dynamic index (libs `PPM_BPF_IDX_*`).
static BPF_DYNAMIC_PARAM: &[ParamDesc] = &[
    p("", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
    p("", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
];

/// Possible types of `keyctl` `arg2`..`arg5`, by dynamic index (libs `PPM_KEYCTL_IDX_*`).
static KEYCTL_DYNAMIC_PARAM: &[ParamDesc] = &[
    p("", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
    p("", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
];

/// Every event type, indexed by event id (`0..PPM_EVENT_MAX`); even ids enter, odd ids exit.
pub static EVENTS: [EventDesc; 454] = [
    // 0 PPME_GENERIC_E
    EventDesc {
        name: "syscall",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("ID", ParamType::Syscallid, PrintFmt::Dec, ParamExtra::None),
            p(
                "nativeID",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 1 PPME_GENERIC_X
    EventDesc {
        name: "syscall",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("ID", ParamType::Syscallid, PrintFmt::Dec, ParamExtra::None),
            p(
                "nativeID",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 2 PPME_SYSCALL_OPEN_E
    EventDesc {
        name: "open",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
        ],
    },
    // 3 PPME_SYSCALL_OPEN_X
    EventDesc {
        name: "open",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
            p("dev", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 4 PPME_SYSCALL_CLOSE_E
    EventDesc {
        name: "close",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::DESTROYS_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 5 PPME_SYSCALL_CLOSE_X
    EventDesc {
        name: "close",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::DESTROYS_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 6 PPME_SYSCALL_READ_E
    EventDesc {
        name: "read",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 7 PPME_SYSCALL_READ_X
    EventDesc {
        name: "read",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 8 PPME_SYSCALL_WRITE_E
    EventDesc {
        name: "write",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 9 PPME_SYSCALL_WRITE_X
    EventDesc {
        name: "write",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::WRITES_TO_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 10 PPME_SYSCALL_BRK_1_E
    EventDesc {
        name: "brk",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "size",
            ParamType::Uint32,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 11 PPME_SYSCALL_BRK_1_X
    EventDesc {
        name: "brk",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None)],
    },
    // 12 PPME_SYSCALL_EXECVE_8_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 13 PPME_SYSCALL_EXECVE_8_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 14 PPME_SYSCALL_CLONE_11_E
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 15 PPME_SYSCALL_CLONE_11_X
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 16 PPME_PROCEXIT_E
    EventDesc {
        name: "procexit",
        category: category::PROCESS | category::TRACEPOINT,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 17 PPME_PROCEXIT_X
    NA,
    // 18 PPME_SOCKET_SOCKET_E
    EventDesc {
        name: "socket",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p(
                "domain",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKET_FAMILIES),
            ),
            p("type", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("proto", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 19 PPME_SOCKET_SOCKET_X
    EventDesc {
        name: "socket",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "domain",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKET_FAMILIES),
            ),
            p("type", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("proto", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
        ],
    },
    // 20 PPME_SOCKET_BIND_E
    EventDesc {
        name: "bind",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 21 PPME_SOCKET_BIND_X
    EventDesc {
        name: "bind",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Sockaddr, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 22 PPME_SOCKET_CONNECT_E
    EventDesc {
        name: "connect",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Sockaddr, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 23 PPME_SOCKET_CONNECT_X
    EventDesc {
        name: "connect",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Sockaddr, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 24 PPME_SOCKET_LISTEN_E
    EventDesc {
        name: "listen",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("backlog", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 25 PPME_SOCKET_LISTEN_X
    EventDesc {
        name: "listen",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("backlog", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 26 PPME_SOCKET_ACCEPT_E
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 27 PPME_SOCKET_ACCEPT_X
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "queuepct",
                ParamType::Uint8,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 28 PPME_SOCKET_SEND_E
    EventDesc {
        name: "send",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 29 PPME_SOCKET_SEND_X
    EventDesc {
        name: "send",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::WRITES_TO_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 30 PPME_SOCKET_SENDTO_E
    EventDesc {
        name: "sendto",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 31 PPME_SOCKET_SENDTO_X
    EventDesc {
        name: "sendto",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 32 PPME_SOCKET_RECV_E
    EventDesc {
        name: "recv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 33 PPME_SOCKET_RECV_X
    EventDesc {
        name: "recv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 34 PPME_SOCKET_RECVFROM_E
    EventDesc {
        name: "recvfrom",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 35 PPME_SOCKET_RECVFROM_X
    EventDesc {
        name: "recvfrom",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 36 PPME_SOCKET_SHUTDOWN_E
    EventDesc {
        name: "shutdown",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "how",
                ParamType::Enumflags8,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SHUTDOWN_HOW),
            ),
        ],
    },
    // 37 PPME_SOCKET_SHUTDOWN_X
    EventDesc {
        name: "shutdown",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "how",
                ParamType::Enumflags8,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SHUTDOWN_HOW),
            ),
        ],
    },
    // 38 PPME_SOCKET_GETSOCKNAME_E
    EventDesc {
        name: "getsockname",
        category: category::NET | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 39 PPME_SOCKET_GETSOCKNAME_X
    EventDesc {
        name: "getsockname",
        category: category::NET | category::SYSCALL,
        flags: 0,
        params: &[],
    },
    // 40 PPME_SOCKET_GETPEERNAME_E
    EventDesc {
        name: "getpeername",
        category: category::NET | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 41 PPME_SOCKET_GETPEERNAME_X
    EventDesc {
        name: "getpeername",
        category: category::NET | category::SYSCALL,
        flags: 0,
        params: &[],
    },
    // 42 PPME_SOCKET_SOCKETPAIR_E
    EventDesc {
        name: "socketpair",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p(
                "domain",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKET_FAMILIES),
            ),
            p("type", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("proto", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 43 PPME_SOCKET_SOCKETPAIR_X
    EventDesc {
        name: "socketpair",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd1", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd2", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("source", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("peer", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "domain",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKET_FAMILIES),
            ),
            p("type", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("proto", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 44 PPME_SOCKET_SETSOCKOPT_E
    EventDesc {
        name: "setsockopt",
        category: category::NET | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 45 PPME_SOCKET_SETSOCKOPT_X
    EventDesc {
        name: "setsockopt",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "level",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKOPT_LEVELS),
            ),
            p(
                "optname",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKOPT_OPTIONS),
            ),
            p(
                "val",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(SOCKOPT_DYNAMIC_PARAM),
            ),
            p("optlen", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 46 PPME_SOCKET_GETSOCKOPT_E
    EventDesc {
        name: "getsockopt",
        category: category::NET | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 47 PPME_SOCKET_GETSOCKOPT_X
    EventDesc {
        name: "getsockopt",
        category: category::NET | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "level",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKOPT_LEVELS),
            ),
            p(
                "optname",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::SOCKOPT_OPTIONS),
            ),
            p(
                "val",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(SOCKOPT_DYNAMIC_PARAM),
            ),
            p("optlen", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 48 PPME_SOCKET_SENDMSG_E
    EventDesc {
        name: "sendmsg",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 49 PPME_SOCKET_SENDMSG_X
    EventDesc {
        name: "sendmsg",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 50 PPME_SOCKET_SENDMMSG_E
    EventDesc {
        name: "sendmmsg",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 51 PPME_SOCKET_SENDMMSG_X
    EventDesc {
        name: "sendmmsg",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 52 PPME_SOCKET_RECVMSG_E
    EventDesc {
        name: "recvmsg",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 53 PPME_SOCKET_RECVMSG_X
    EventDesc {
        name: "recvmsg",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "msgcontrol",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 54 PPME_SOCKET_RECVMMSG_E
    EventDesc {
        name: "recvmmsg",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 55 PPME_SOCKET_RECVMMSG_X
    EventDesc {
        name: "recvmmsg",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "msgcontrol",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 56 PPME_SOCKET_ACCEPT4_E
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Int32,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 57 PPME_SOCKET_ACCEPT4_X
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "queuepct",
                ParamType::Uint8,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 58 PPME_SYSCALL_CREAT_E
    EventDesc {
        name: "creat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
        ],
    },
    // 59 PPME_SYSCALL_CREAT_X
    EventDesc {
        name: "creat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
            p("dev", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "creat_flags",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CREAT_FLAGS),
            ),
        ],
    },
    // 60 PPME_SYSCALL_PIPE_E
    EventDesc {
        name: "pipe",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 61 PPME_SYSCALL_PIPE_X
    EventDesc {
        name: "pipe",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd1", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd2", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 62 PPME_SYSCALL_EVENTFD_E
    EventDesc {
        name: "eventfd",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p(
                "initval",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("flags", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 63 PPME_SYSCALL_EVENTFD_X
    EventDesc {
        name: "eventfd",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "initval",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("flags", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 64 PPME_SYSCALL_FUTEX_E
    EventDesc {
        name: "futex",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "op",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FUTEX_OPERATIONS),
            ),
            p("val", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 65 PPME_SYSCALL_FUTEX_X
    EventDesc {
        name: "futex",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "op",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FUTEX_OPERATIONS),
            ),
            p("val", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 66 PPME_SYSCALL_STAT_E
    EventDesc {
        name: "stat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 67 PPME_SYSCALL_STAT_X
    EventDesc {
        name: "stat",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 68 PPME_SYSCALL_LSTAT_E
    EventDesc {
        name: "lstat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 69 PPME_SYSCALL_LSTAT_X
    EventDesc {
        name: "lstat",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 70 PPME_SYSCALL_FSTAT_E
    EventDesc {
        name: "fstat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None)],
    },
    // 71 PPME_SYSCALL_FSTAT_X
    EventDesc {
        name: "fstat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 72 PPME_SYSCALL_STAT64_E
    EventDesc {
        name: "stat64",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 73 PPME_SYSCALL_STAT64_X
    EventDesc {
        name: "stat64",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 74 PPME_SYSCALL_LSTAT64_E
    EventDesc {
        name: "lstat64",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 75 PPME_SYSCALL_LSTAT64_X
    EventDesc {
        name: "lstat64",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 76 PPME_SYSCALL_FSTAT64_E
    EventDesc {
        name: "fstat64",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION,
        params: &[p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None)],
    },
    // 77 PPME_SYSCALL_FSTAT64_X
    EventDesc {
        name: "fstat64",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 78 PPME_SYSCALL_EPOLLWAIT_E
    EventDesc {
        name: "epoll_wait",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "maxevents",
            ParamType::Errno,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 79 PPME_SYSCALL_EPOLLWAIT_X
    EventDesc {
        name: "epoll_wait",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "maxevents",
                ParamType::Errno,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 80 PPME_SYSCALL_POLL_E
    EventDesc {
        name: "poll",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fds", ParamType::Fdlist, PrintFmt::Dec, ParamExtra::None),
            p("timeout", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 81 PPME_SYSCALL_POLL_X
    EventDesc {
        name: "poll",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fds", ParamType::Fdlist, PrintFmt::Dec, ParamExtra::None),
            p("timeout", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 82 PPME_SYSCALL_SELECT_E
    EventDesc {
        name: "select",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION,
        params: &[],
    },
    // 83 PPME_SYSCALL_SELECT_X
    EventDesc {
        name: "select",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 84 PPME_SYSCALL_NEWSELECT_E
    EventDesc {
        name: "select",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION,
        params: &[],
    },
    // 85 PPME_SYSCALL_NEWSELECT_X
    EventDesc {
        name: "select",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 86 PPME_SYSCALL_LSEEK_E
    EventDesc {
        name: "lseek",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "whence",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::LSEEK_WHENCE),
            ),
        ],
    },
    // 87 PPME_SYSCALL_LSEEK_X
    EventDesc {
        name: "lseek",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "whence",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::LSEEK_WHENCE),
            ),
        ],
    },
    // 88 PPME_SYSCALL_LLSEEK_E
    EventDesc {
        name: "llseek",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "whence",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::LSEEK_WHENCE),
            ),
        ],
    },
    // 89 PPME_SYSCALL_LLSEEK_X
    EventDesc {
        name: "llseek",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "whence",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::LSEEK_WHENCE),
            ),
        ],
    },
    // 90 PPME_SYSCALL_IOCTL_2_E
    EventDesc {
        name: "ioctl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "request",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
        ],
    },
    // 91 PPME_SYSCALL_IOCTL_2_X
    EventDesc {
        name: "ioctl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 92 PPME_SYSCALL_GETCWD_E
    EventDesc {
        name: "getcwd",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 93 PPME_SYSCALL_GETCWD_X
    EventDesc {
        name: "getcwd",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 94 PPME_SYSCALL_CHDIR_E
    EventDesc {
        name: "chdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 95 PPME_SYSCALL_CHDIR_X
    EventDesc {
        name: "chdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 96 PPME_SYSCALL_FCHDIR_E
    EventDesc {
        name: "fchdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None)],
    },
    // 97 PPME_SYSCALL_FCHDIR_X
    EventDesc {
        name: "fchdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 98 PPME_SYSCALL_MKDIR_E
    EventDesc {
        name: "mkdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("mode", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 99 PPME_SYSCALL_MKDIR_X
    EventDesc {
        name: "mkdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 100 PPME_SYSCALL_RMDIR_E
    EventDesc {
        name: "rmdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None)],
    },
    // 101 PPME_SYSCALL_RMDIR_X
    EventDesc {
        name: "rmdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 102 PPME_SYSCALL_OPENAT_E
    EventDesc {
        name: "openat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
        ],
    },
    // 103 PPME_SYSCALL_OPENAT_X
    EventDesc {
        name: "openat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 104 PPME_SYSCALL_LINK_E
    EventDesc {
        name: "link",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("oldpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("newpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 105 PPME_SYSCALL_LINK_X
    EventDesc {
        name: "link",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 106 PPME_SYSCALL_LINKAT_E
    EventDesc {
        name: "linkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("olddir", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "oldpath",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("newdir", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "newpath",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 107 PPME_SYSCALL_LINKAT_X
    EventDesc {
        name: "linkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 108 PPME_SYSCALL_UNLINK_E
    EventDesc {
        name: "unlink",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None)],
    },
    // 109 PPME_SYSCALL_UNLINK_X
    EventDesc {
        name: "unlink",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 110 PPME_SYSCALL_UNLINKAT_E
    EventDesc {
        name: "unlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 111 PPME_SYSCALL_UNLINKAT_X
    EventDesc {
        name: "unlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 112 PPME_SYSCALL_PREAD_E
    EventDesc {
        name: "pread",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 113 PPME_SYSCALL_PREAD_X
    EventDesc {
        name: "pread",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 114 PPME_SYSCALL_PWRITE_E
    EventDesc {
        name: "pwrite",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 115 PPME_SYSCALL_PWRITE_X
    EventDesc {
        name: "pwrite",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::WRITES_TO_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 116 PPME_SYSCALL_READV_E
    EventDesc {
        name: "readv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 117 PPME_SYSCALL_READV_X
    EventDesc {
        name: "readv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 118 PPME_SYSCALL_WRITEV_E
    EventDesc {
        name: "writev",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 119 PPME_SYSCALL_WRITEV_X
    EventDesc {
        name: "writev",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::WRITES_TO_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 120 PPME_SYSCALL_PREADV_E
    EventDesc {
        name: "preadv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 121 PPME_SYSCALL_PREADV_X
    EventDesc {
        name: "preadv",
        category: category::IO_READ | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 122 PPME_SYSCALL_PWRITEV_E
    EventDesc {
        name: "pwritev",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 123 PPME_SYSCALL_PWRITEV_X
    EventDesc {
        name: "pwritev",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::WRITES_TO_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("pos", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 124 PPME_SYSCALL_DUP_E
    EventDesc {
        name: "dup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 125 PPME_SYSCALL_DUP_X
    EventDesc {
        name: "dup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 126 PPME_SYSCALL_SIGNALFD_E
    EventDesc {
        name: "signalfd",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("mask", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("flags", ParamType::Uint8, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 127 PPME_SYSCALL_SIGNALFD_X
    EventDesc {
        name: "signalfd",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("mask", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("flags", ParamType::Uint8, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 128 PPME_SYSCALL_KILL_E
    EventDesc {
        name: "kill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 129 PPME_SYSCALL_KILL_X
    EventDesc {
        name: "kill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 130 PPME_SYSCALL_TKILL_E
    EventDesc {
        name: "tkill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 131 PPME_SYSCALL_TKILL_X
    EventDesc {
        name: "tkill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 132 PPME_SYSCALL_TGKILL_E
    EventDesc {
        name: "tgkill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 133 PPME_SYSCALL_TGKILL_X
    EventDesc {
        name: "tgkill",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 134 PPME_SYSCALL_NANOSLEEP_E
    EventDesc {
        name: "nanosleep",
        category: category::SLEEP | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "interval",
            ParamType::Reltime,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 135 PPME_SYSCALL_NANOSLEEP_X
    EventDesc {
        name: "nanosleep",
        category: category::SLEEP | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "interval",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 136 PPME_SYSCALL_TIMERFD_CREATE_E
    EventDesc {
        name: "timerfd_create",
        category: category::TIME | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("clockid", ParamType::Uint8, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint8, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 137 PPME_SYSCALL_TIMERFD_CREATE_X
    EventDesc {
        name: "timerfd_create",
        category: category::TIME | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("clockid", ParamType::Uint8, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint8, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 138 PPME_SYSCALL_INOTIFY_INIT_E
    EventDesc {
        name: "inotify_init",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Uint8,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 139 PPME_SYSCALL_INOTIFY_INIT_X
    EventDesc {
        name: "inotify_init",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint8, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 140 PPME_SYSCALL_GETRLIMIT_E
    EventDesc {
        name: "getrlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "resource",
            ParamType::Enumflags8,
            PrintFmt::Dec,
            ParamExtra::Flags(flags::RLIMIT_RESOURCES),
        )],
    },
    // 141 PPME_SYSCALL_GETRLIMIT_X
    EventDesc {
        name: "getrlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("cur", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("max", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "resource",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::RLIMIT_RESOURCES),
            ),
        ],
    },
    // 142 PPME_SYSCALL_SETRLIMIT_E
    EventDesc {
        name: "setrlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "resource",
            ParamType::Enumflags8,
            PrintFmt::Dec,
            ParamExtra::Flags(flags::RLIMIT_RESOURCES),
        )],
    },
    // 143 PPME_SYSCALL_SETRLIMIT_X
    EventDesc {
        name: "setrlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("cur", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("max", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "resource",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::RLIMIT_RESOURCES),
            ),
        ],
    },
    // 144 PPME_SYSCALL_PRLIMIT_E
    EventDesc {
        name: "prlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "resource",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::RLIMIT_RESOURCES),
            ),
        ],
    },
    // 145 PPME_SYSCALL_PRLIMIT_X
    EventDesc {
        name: "prlimit",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("newcur", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("newmax", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("oldcur", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("oldmax", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "resource",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::RLIMIT_RESOURCES),
            ),
        ],
    },
    // 146 PPME_SCHEDSWITCH_1_E
    EventDesc {
        name: "switch",
        category: category::SCHEDULER | category::TRACEPOINT,
        flags: event_flags::SKIPPARSERESET
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("next", ParamType::Pid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 147 PPME_SCHEDSWITCH_1_X
    NA,
    // 148 PPME_DROP_E
    EventDesc {
        name: "drop",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[p(
            "ratio",
            ParamType::Uint32,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 149 PPME_DROP_X
    EventDesc {
        name: "drop",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[p(
            "ratio",
            ParamType::Uint32,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 150 PPME_SYSCALL_FCNTL_E
    EventDesc {
        name: "fcntl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::FCNTL_COMMANDS),
            ),
        ],
    },
    // 151 PPME_SYSCALL_FCNTL_X
    EventDesc {
        name: "fcntl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Enumflags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::FCNTL_COMMANDS),
            ),
            p("arg", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 152 PPME_SCHEDSWITCH_6_E
    EventDesc {
        name: "switch",
        category: category::SCHEDULER | category::TRACEPOINT,
        flags: 0,
        params: &[
            p("next", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 153 PPME_SCHEDSWITCH_6_X
    NA,
    // 154 PPME_SYSCALL_EXECVE_13_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 155 PPME_SYSCALL_EXECVE_13_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 156 PPME_SYSCALL_CLONE_16_E
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 157 PPME_SYSCALL_CLONE_16_X
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 158 PPME_SYSCALL_BRK_4_E
    EventDesc {
        name: "brk",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "addr",
            ParamType::Uint64,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 159 PPME_SYSCALL_BRK_4_X
    EventDesc {
        name: "brk",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 160 PPME_SYSCALL_MMAP_E
    EventDesc {
        name: "mmap",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MMAP_FLAGS),
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 161 PPME_SYSCALL_MMAP_X
    EventDesc {
        name: "mmap",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Hex, ParamExtra::None),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MMAP_FLAGS),
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 162 PPME_SYSCALL_MMAP2_E
    EventDesc {
        name: "mmap2",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MMAP_FLAGS),
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgoffset",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 163 PPME_SYSCALL_MMAP2_X
    EventDesc {
        name: "mmap2",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Hex, ParamExtra::None),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MMAP_FLAGS),
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgoffset",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 164 PPME_SYSCALL_MUNMAP_E
    EventDesc {
        name: "munmap",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 165 PPME_SYSCALL_MUNMAP_X
    EventDesc {
        name: "munmap",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 166 PPME_SYSCALL_SPLICE_E
    EventDesc {
        name: "splice",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd_in", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd_out", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SPLICE_FLAGS),
            ),
        ],
    },
    // 167 PPME_SYSCALL_SPLICE_X
    EventDesc {
        name: "splice",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd_in", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd_out", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SPLICE_FLAGS),
            ),
        ],
    },
    // 168 PPME_SYSCALL_PTRACE_E
    EventDesc {
        name: "ptrace",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p(
                "request",
                ParamType::Enumflags16,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::PTRACE_REQUESTS),
            ),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 169 PPME_SYSCALL_PTRACE_X
    EventDesc {
        name: "ptrace",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "addr",
                ParamType::Dyn,
                PrintFmt::Hex,
                ParamExtra::Dyn(PTRACE_DYNAMIC_PARAM),
            ),
            p(
                "data",
                ParamType::Dyn,
                PrintFmt::Hex,
                ParamExtra::Dyn(PTRACE_DYNAMIC_PARAM),
            ),
            p(
                "request",
                ParamType::Enumflags16,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::PTRACE_REQUESTS),
            ),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 170 PPME_SYSCALL_IOCTL_3_E
    EventDesc {
        name: "ioctl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "request",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "argument",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
        ],
    },
    // 171 PPME_SYSCALL_IOCTL_3_X
    EventDesc {
        name: "ioctl",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "request",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "argument",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
        ],
    },
    // 172 PPME_SYSCALL_EXECVE_14_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 173 PPME_SYSCALL_EXECVE_14_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 174 PPME_SYSCALL_RENAME_E
    EventDesc {
        name: "rename",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 175 PPME_SYSCALL_RENAME_X
    EventDesc {
        name: "rename",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("oldpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("newpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 176 PPME_SYSCALL_RENAMEAT_E
    EventDesc {
        name: "renameat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 177 PPME_SYSCALL_RENAMEAT_X
    EventDesc {
        name: "renameat",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("olddirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "oldpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p("newdirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "newpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(3),
            ),
        ],
    },
    // 178 PPME_SYSCALL_SYMLINK_E
    EventDesc {
        name: "symlink",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 179 PPME_SYSCALL_SYMLINK_X
    EventDesc {
        name: "symlink",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("target", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "linkpath",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 180 PPME_SYSCALL_SYMLINKAT_E
    EventDesc {
        name: "symlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 181 PPME_SYSCALL_SYMLINKAT_X
    EventDesc {
        name: "symlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("target", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("linkdirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "linkpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(2),
            ),
        ],
    },
    // 182 PPME_SYSCALL_FORK_E
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 183 PPME_SYSCALL_FORK_X
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 184 PPME_SYSCALL_VFORK_E
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 185 PPME_SYSCALL_VFORK_X
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 186 PPME_PROCEXIT_1_E
    EventDesc {
        name: "procexit",
        category: category::PROCESS | category::TRACEPOINT,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("status", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("ret", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
            p("core", ParamType::Uint8, PrintFmt::Dec, ParamExtra::None),
            p(
                "reaper_tid",
                ParamType::Pid,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 187 PPME_PROCEXIT_1_X
    NA,
    // 188 PPME_SYSCALL_SENDFILE_E
    EventDesc {
        name: "sendfile",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("out_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("in_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 189 PPME_SYSCALL_SENDFILE_X
    EventDesc {
        name: "sendfile",
        category: category::IO_WRITE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("offset", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("out_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("in_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 190 PPME_SYSCALL_QUOTACTL_E
    EventDesc {
        name: "quotactl",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p(
                "cmd",
                ParamType::Flags16,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_CMDS),
            ),
            p(
                "type",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_TYPES),
            ),
            p("id", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "quota_fmt",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_QUOTA_FMTS),
            ),
        ],
    },
    // 191 PPME_SYSCALL_QUOTACTL_X
    EventDesc {
        name: "quotactl",
        category: category::USER | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "special",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "quotafilepath",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "dqb_bhardlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_bsoftlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_curspace",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_ihardlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_isoftlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_btime",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqb_itime",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqi_bgrace",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqi_igrace",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "dqi_flags",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_DQI_FLAGS),
            ),
            p(
                "quota_fmt_out",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_QUOTA_FMTS),
            ),
            p(
                "cmd",
                ParamType::Flags16,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_CMDS),
            ),
            p(
                "type",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_TYPES),
            ),
            p("id", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "quota_fmt",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::QUOTACTL_QUOTA_FMTS),
            ),
        ],
    },
    // 192 PPME_SYSCALL_SETRESUID_E
    EventDesc {
        name: "setresuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("ruid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("suid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 193 PPME_SYSCALL_SETRESUID_X
    EventDesc {
        name: "setresuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("ruid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("suid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 194 PPME_SYSCALL_SETRESGID_E
    EventDesc {
        name: "setresgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("rgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("egid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("sgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 195 PPME_SYSCALL_SETRESGID_X
    EventDesc {
        name: "setresgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("rgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("egid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("sgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 196 PPME_SCAPEVENT_E
    EventDesc {
        name: "scapevent",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[
            p(
                "event_type",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "event_data",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 197 PPME_SCAPEVENT_X
    NA,
    // 198 PPME_SYSCALL_SETUID_E
    EventDesc {
        name: "setuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("uid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 199 PPME_SYSCALL_SETUID_X
    EventDesc {
        name: "setuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("uid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 200 PPME_SYSCALL_SETGID_E
    EventDesc {
        name: "setgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("gid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 201 PPME_SYSCALL_SETGID_X
    EventDesc {
        name: "setgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 202 PPME_SYSCALL_GETUID_E
    EventDesc {
        name: "getuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 203 PPME_SYSCALL_GETUID_X
    EventDesc {
        name: "getuid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[p("uid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 204 PPME_SYSCALL_GETEUID_E
    EventDesc {
        name: "geteuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 205 PPME_SYSCALL_GETEUID_X
    EventDesc {
        name: "geteuid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 206 PPME_SYSCALL_GETGID_E
    EventDesc {
        name: "getgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 207 PPME_SYSCALL_GETGID_X
    EventDesc {
        name: "getgid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[p("gid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 208 PPME_SYSCALL_GETEGID_E
    EventDesc {
        name: "getegid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 209 PPME_SYSCALL_GETEGID_X
    EventDesc {
        name: "getegid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[p("egid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 210 PPME_SYSCALL_GETRESUID_E
    EventDesc {
        name: "getresuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 211 PPME_SYSCALL_GETRESUID_X
    EventDesc {
        name: "getresuid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("ruid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("suid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 212 PPME_SYSCALL_GETRESGID_E
    EventDesc {
        name: "getresgid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 213 PPME_SYSCALL_GETRESGID_X
    EventDesc {
        name: "getresgid",
        category: category::USER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("rgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("egid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p("sgid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 214 PPME_SYSCALL_EXECVE_15_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 215 PPME_SYSCALL_EXECVE_15_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 216 PPME_SYSCALL_CLONE_17_E
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 217 PPME_SYSCALL_CLONE_17_X
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 218 PPME_SYSCALL_FORK_17_E
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 219 PPME_SYSCALL_FORK_17_X
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 220 PPME_SYSCALL_VFORK_17_E
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 221 PPME_SYSCALL_VFORK_17_X
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 222 PPME_SYSCALL_CLONE_20_E
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 223 PPME_SYSCALL_CLONE_20_X
    EventDesc {
        name: "clone",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vtid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("vpid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "pidns_init_start_ts",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 224 PPME_SYSCALL_FORK_20_E
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 225 PPME_SYSCALL_FORK_20_X
    EventDesc {
        name: "fork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vtid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("vpid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "pidns_init_start_ts",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 226 PPME_SYSCALL_VFORK_20_E
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 227 PPME_SYSCALL_VFORK_20_X
    EventDesc {
        name: "vfork",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vtid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("vpid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "pidns_init_start_ts",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 228 PPME_CONTAINER_E
    EventDesc {
        name: "container",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE
            | event_flags::SKIPPARSERESET
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("id", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("type", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("image", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 229 PPME_CONTAINER_X
    NA,
    // 230 PPME_SYSCALL_EXECVE_16_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 231 PPME_SYSCALL_EXECVE_16_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 232 PPME_SIGNALDELIVER_E
    EventDesc {
        name: "signaldeliver",
        category: category::SIGNAL | category::TRACEPOINT,
        flags: 0,
        params: &[
            p("spid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("dpid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("sig", ParamType::Sigtype, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 233 PPME_SIGNALDELIVER_X
    NA,
    // 234 PPME_PROCINFO_E
    EventDesc {
        name: "procinfo",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[
            p(
                "cpu_usr",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "cpu_sys",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 235 PPME_PROCINFO_X
    NA,
    // 236 PPME_SYSCALL_GETDENTS_E
    EventDesc {
        name: "getdents",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None)],
    },
    // 237 PPME_SYSCALL_GETDENTS_X
    EventDesc {
        name: "getdents",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 238 PPME_SYSCALL_GETDENTS64_E
    EventDesc {
        name: "getdents64",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None)],
    },
    // 239 PPME_SYSCALL_GETDENTS64_X
    EventDesc {
        name: "getdents64",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 240 PPME_SYSCALL_SETNS_E
    EventDesc {
        name: "setns",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
            p(
                "nstype",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
        ],
    },
    // 241 PPME_SYSCALL_SETNS_X
    EventDesc {
        name: "setns",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
            p(
                "nstype",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
        ],
    },
    // 242 PPME_SYSCALL_FLOCK_E
    EventDesc {
        name: "flock",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
            p(
                "operation",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FLOCK_FLAGS),
            ),
        ],
    },
    // 243 PPME_SYSCALL_FLOCK_X
    EventDesc {
        name: "flock",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Na, ParamExtra::None),
            p(
                "operation",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FLOCK_FLAGS),
            ),
        ],
    },
    // 244 PPME_CPU_HOTPLUG_E
    EventDesc {
        name: "cpu_hotplug",
        category: category::SYSTEM | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE | event_flags::SKIPPARSERESET,
        params: &[
            p("cpu", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("action", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 245 PPME_CPU_HOTPLUG_X
    NA,
    // 246 PPME_SOCKET_ACCEPT_5_E
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 247 PPME_SOCKET_ACCEPT_5_X
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "queuepct",
                ParamType::Uint8,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuelen",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuemax",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 248 PPME_SOCKET_ACCEPT4_5_E
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Int32,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 249 PPME_SOCKET_ACCEPT4_5_X
    EventDesc {
        name: "accept",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "queuepct",
                ParamType::Uint8,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuelen",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuemax",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 250 PPME_SYSCALL_SEMOP_E
    EventDesc {
        name: "semop",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "semid",
            ParamType::Int32,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 251 PPME_SYSCALL_SEMOP_X
    EventDesc {
        name: "semop",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("nsops", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "sem_num_0",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sem_op_0",
                ParamType::Int16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sem_flg_0",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMOP_FLAGS),
            ),
            p(
                "sem_num_1",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sem_op_1",
                ParamType::Int16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sem_flg_1",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMOP_FLAGS),
            ),
            p("semid", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 252 PPME_SYSCALL_SEMCTL_E
    EventDesc {
        name: "semctl",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("semid", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p("semnum", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMCTL_COMMANDS),
            ),
            p("val", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 253 PPME_SYSCALL_SEMCTL_X
    EventDesc {
        name: "semctl",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("semid", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p("semnum", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMCTL_COMMANDS),
            ),
            p("val", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 254 PPME_SYSCALL_PPOLL_E
    EventDesc {
        name: "ppoll",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fds", ParamType::Fdlist, PrintFmt::Dec, ParamExtra::None),
            p(
                "timeout",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sigmask",
                ParamType::Sigset,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 255 PPME_SYSCALL_PPOLL_X
    EventDesc {
        name: "ppoll",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::WAITS | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fds", ParamType::Fdlist, PrintFmt::Dec, ParamExtra::None),
            p(
                "timeout",
                ParamType::Reltime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sigmask",
                ParamType::Sigset,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 256 PPME_SYSCALL_MOUNT_E
    EventDesc {
        name: "mount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::MOUNT_FLAGS),
        )],
    },
    // 257 PPME_SYSCALL_MOUNT_X
    EventDesc {
        name: "mount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dev", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("dir", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("type", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MOUNT_FLAGS),
            ),
        ],
    },
    // 258 PPME_SYSCALL_UMOUNT_E
    EventDesc {
        name: "umount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[p(
            "flags",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::UMOUNT_FLAGS),
        )],
    },
    // 259 PPME_SYSCALL_UMOUNT_X
    EventDesc {
        name: "umount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 260 PPME_K8S_E
    EventDesc {
        name: "k8s",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE | event_flags::SKIPPARSERESET | event_flags::OLD_VERSION,
        params: &[p(
            "json",
            ParamType::Charbuf,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 261 PPME_K8S_X
    NA,
    // 262 PPME_SYSCALL_SEMGET_E
    EventDesc {
        name: "semget",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("key", ParamType::Int32, PrintFmt::Hex, ParamExtra::None),
            p("nsems", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p(
                "semflg",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMGET_FLAGS),
            ),
        ],
    },
    // 263 PPME_SYSCALL_SEMGET_X
    EventDesc {
        name: "semget",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("key", ParamType::Int32, PrintFmt::Hex, ParamExtra::None),
            p("nsems", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
            p(
                "semflg",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::SEMGET_FLAGS),
            ),
        ],
    },
    // 264 PPME_SYSCALL_ACCESS_E
    EventDesc {
        name: "access",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "mode",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::ACCESS_FLAGS),
        )],
    },
    // 265 PPME_SYSCALL_ACCESS_X
    EventDesc {
        name: "access",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "mode",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::ACCESS_FLAGS),
            ),
        ],
    },
    // 266 PPME_SYSCALL_CHROOT_E
    EventDesc {
        name: "chroot",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 267 PPME_SYSCALL_CHROOT_X
    EventDesc {
        name: "chroot",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 268 PPME_TRACER_E
    EventDesc {
        name: "tracer",
        category: category::OTHER | category::METAEVENT,
        flags: event_flags::OLD_VERSION,
        params: &[
            p("id", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "tags",
                ParamType::Charbufarray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "args",
                ParamType::CharbufPairArray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 269 PPME_TRACER_X
    EventDesc {
        name: "NA",
        category: category::UNKNOWN,
        flags: event_flags::UNUSED,
        params: &[
            p("id", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "tags",
                ParamType::Charbufarray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "args",
                ParamType::CharbufPairArray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 270 PPME_MESOS_E
    EventDesc {
        name: "mesos",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE | event_flags::SKIPPARSERESET | event_flags::OLD_VERSION,
        params: &[p(
            "json",
            ParamType::Charbuf,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 271 PPME_MESOS_X
    NA,
    // 272 PPME_CONTAINER_JSON_E
    EventDesc {
        name: "container",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "json",
            ParamType::Charbuf,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 273 PPME_CONTAINER_JSON_X
    NA,
    // 274 PPME_SYSCALL_SETSID_E
    EventDesc {
        name: "setsid",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 275 PPME_SYSCALL_SETSID_X
    EventDesc {
        name: "setsid",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None)],
    },
    // 276 PPME_SYSCALL_MKDIR_2_E
    EventDesc {
        name: "mkdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "mode",
            ParamType::Uint32,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 277 PPME_SYSCALL_MKDIR_2_X
    EventDesc {
        name: "mkdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("mode", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 278 PPME_SYSCALL_RMDIR_2_E
    EventDesc {
        name: "rmdir",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 279 PPME_SYSCALL_RMDIR_2_X
    EventDesc {
        name: "rmdir",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 280 PPME_NOTIFICATION_E
    EventDesc {
        name: "notification",
        category: category::OTHER | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[
            p("id", ParamType::Charbuf, PrintFmt::Dec, ParamExtra::None),
            p("desc", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 281 PPME_NOTIFICATION_X
    NA,
    // 282 PPME_SYSCALL_EXECVE_17_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[],
    },
    // 283 PPME_SYSCALL_EXECVE_17_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tty", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 284 PPME_SYSCALL_UNSHARE_E
    EventDesc {
        name: "unshare",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::CLONE_FLAGS),
        )],
    },
    // 285 PPME_SYSCALL_UNSHARE_X
    EventDesc {
        name: "unshare",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
        ],
    },
    // 286 PPME_INFRASTRUCTURE_EVENT_E
    EventDesc {
        name: "infra",
        category: category::INTERNAL | category::METAEVENT,
        flags: event_flags::SKIPPARSERESET,
        params: &[
            p(
                "source",
                ParamType::Charbuf,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "description",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("scope", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 287 PPME_INFRASTRUCTURE_EVENT_X
    NA,
    // 288 PPME_SYSCALL_EXECVE_18_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "filename",
            ParamType::Fspath,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 289 PPME_SYSCALL_EXECVE_18_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tty", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 290 PPME_PAGE_FAULT_E
    EventDesc {
        name: "page_fault",
        category: category::OTHER | category::TRACEPOINT,
        flags: event_flags::SKIPPARSERESET,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("ip", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "error",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PF_FLAGS),
            ),
        ],
    },
    // 291 PPME_PAGE_FAULT_X
    NA,
    // 292 PPME_SYSCALL_EXECVE_19_E
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "filename",
            ParamType::Fspath,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 293 PPME_SYSCALL_EXECVE_19_X
    EventDesc {
        name: "execve",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tty", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vpgid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("loginuid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::EXECVE_FLAGS),
            ),
            p(
                "cap_inheritable",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_permitted",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_effective",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "exe_ino",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_ctime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_mtime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("uid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p(
                "trusted_exepath",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("pgid", ParamType::Pid, PrintFmt::Na, ParamExtra::None),
            p("gid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p(
                "filename",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 294 PPME_SYSCALL_SETPGID_E
    EventDesc {
        name: "setpgid",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pgid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 295 PPME_SYSCALL_SETPGID_X
    EventDesc {
        name: "setpgid",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pgid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 296 PPME_SYSCALL_BPF_E
    EventDesc {
        name: "bpf",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p("cmd", ParamType::Int64, PrintFmt::Dec, ParamExtra::None)],
    },
    // 297 PPME_SYSCALL_BPF_X
    EventDesc {
        name: "bpf",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "res_or_fd",
            ParamType::Dyn,
            PrintFmt::Dec,
            ParamExtra::Dyn(BPF_DYNAMIC_PARAM),
        )],
    },
    // 298 PPME_SYSCALL_SECCOMP_E
    EventDesc {
        name: "seccomp",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("op", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 299 PPME_SYSCALL_SECCOMP_X
    EventDesc {
        name: "seccomp",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("op", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 300 PPME_SYSCALL_UNLINK_2_E
    EventDesc {
        name: "unlink",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 301 PPME_SYSCALL_UNLINK_2_X
    EventDesc {
        name: "unlink",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 302 PPME_SYSCALL_UNLINKAT_2_E
    EventDesc {
        name: "unlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 303 PPME_SYSCALL_UNLINKAT_2_X
    EventDesc {
        name: "unlinkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "name",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::UNLINKAT_FLAGS),
            ),
        ],
    },
    // 304 PPME_SYSCALL_MKDIRAT_E
    EventDesc {
        name: "mkdirat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 305 PPME_SYSCALL_MKDIRAT_X
    EventDesc {
        name: "mkdirat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "path",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 306 PPME_SYSCALL_OPENAT_2_E
    EventDesc {
        name: "openat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "name",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(0),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
        ],
    },
    // 307 PPME_SYSCALL_OPENAT_2_X
    EventDesc {
        name: "openat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "name",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
            p("dev", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 308 PPME_SYSCALL_LINK_2_E
    EventDesc {
        name: "link",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 309 PPME_SYSCALL_LINK_2_X
    EventDesc {
        name: "link",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("oldpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("newpath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 310 PPME_SYSCALL_LINKAT_2_E
    EventDesc {
        name: "linkat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 311 PPME_SYSCALL_LINKAT_2_X
    EventDesc {
        name: "linkat",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("olddir", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "oldpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p("newdir", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "newpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(3),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::LINKAT_FLAGS),
            ),
        ],
    },
    // 312 PPME_SYSCALL_FCHMODAT_E
    EventDesc {
        name: "fchmodat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 313 PPME_SYSCALL_FCHMODAT_X
    EventDesc {
        name: "fchmodat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "filename",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "mode",
                ParamType::Mode,
                PrintFmt::Oct,
                ParamExtra::Flags(flags::CHMOD_MODE),
            ),
        ],
    },
    // 314 PPME_SYSCALL_CHMOD_E
    EventDesc {
        name: "chmod",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 315 PPME_SYSCALL_CHMOD_X
    EventDesc {
        name: "chmod",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "filename",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "mode",
                ParamType::Mode,
                PrintFmt::Oct,
                ParamExtra::Flags(flags::CHMOD_MODE),
            ),
        ],
    },
    // 316 PPME_SYSCALL_FCHMOD_E
    EventDesc {
        name: "fchmod",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 317 PPME_SYSCALL_FCHMOD_X
    EventDesc {
        name: "fchmod",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "mode",
                ParamType::Mode,
                PrintFmt::Oct,
                ParamExtra::Flags(flags::CHMOD_MODE),
            ),
        ],
    },
    // 318 PPME_SYSCALL_RENAMEAT2_E
    EventDesc {
        name: "renameat2",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 319 PPME_SYSCALL_RENAMEAT2_X
    EventDesc {
        name: "renameat2",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("olddirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "oldpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p("newdirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "newpath",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(3),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::RENAMEAT2_FLAGS),
            ),
        ],
    },
    // 320 PPME_SYSCALL_USERFAULTFD_E
    EventDesc {
        name: "userfaultfd",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 321 PPME_SYSCALL_USERFAULTFD_X
    EventDesc {
        name: "userfaultfd",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
        ],
    },
    // 322 PPME_PLUGINEVENT_E
    EventDesc {
        name: "pluginevent",
        category: category::OTHER | category::PLUGIN,
        flags: event_flags::LARGE_PAYLOAD,
        params: &[
            p(
                "plugin_id",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "event_data",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 323 PPME_PLUGINEVENT_X
    NA,
    // 324 PPME_CONTAINER_JSON_2_E
    EventDesc {
        name: "container",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE | event_flags::LARGE_PAYLOAD,
        params: &[p(
            "json",
            ParamType::Charbuf,
            PrintFmt::Na,
            ParamExtra::None,
        )],
    },
    // 325 PPME_CONTAINER_JSON_2_X
    NA,
    // 326 PPME_SYSCALL_OPENAT2_E
    EventDesc {
        name: "openat2",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "name",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(0),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
            p(
                "resolve",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::OPENAT2_FLAGS),
            ),
        ],
    },
    // 327 PPME_SYSCALL_OPENAT2_X
    EventDesc {
        name: "openat2",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "name",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mode", ParamType::Uint32, PrintFmt::Oct, ParamExtra::None),
            p(
                "resolve",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::OPENAT2_FLAGS),
            ),
            p("dev", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 328 PPME_SYSCALL_MPROTECT_E
    EventDesc {
        name: "mprotect",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION | event_flags::CONVERTER_MANAGED,
        params: &[
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
        ],
    },
    // 329 PPME_SYSCALL_MPROTECT_X
    EventDesc {
        name: "mprotect",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "prot",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PROT_FLAGS),
            ),
        ],
    },
    // 330 PPME_SYSCALL_EXECVEAT_E
    EventDesc {
        name: "execveat",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "pathname",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(0),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::EXECVEAT_FLAGS),
            ),
        ],
    },
    // 331 PPME_SYSCALL_EXECVEAT_X
    EventDesc {
        name: "execveat",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("env", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tty", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vpgid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("loginuid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::EXECVE_FLAGS),
            ),
            p(
                "cap_inheritable",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_permitted",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_effective",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "exe_ino",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_ctime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_mtime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("uid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p(
                "trusted_exepath",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("pgid", ParamType::Pid, PrintFmt::Na, ParamExtra::None),
            p("gid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 332 PPME_SYSCALL_COPY_FILE_RANGE_E
    EventDesc {
        name: "copy_file_range",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::WRITES_TO_FD
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fdin", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offin", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("len", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 333 PPME_SYSCALL_COPY_FILE_RANGE_X
    EventDesc {
        name: "copy_file_range",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD
            | event_flags::READS_FROM_FD
            | event_flags::WRITES_TO_FD
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fdout", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offout", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("fdin", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("offin", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("len", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 334 PPME_SYSCALL_CLONE3_E
    EventDesc {
        name: "clone3",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 335 PPME_SYSCALL_CLONE3_X
    EventDesc {
        name: "clone3",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("exe", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("args", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("tid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("ptid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("fdlimit", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "cgroups",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLONE_FLAGS),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("vtid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("vpid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "pidns_init_start_ts",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 336 PPME_SYSCALL_OPEN_BY_HANDLE_AT_E
    EventDesc {
        name: "open_by_handle_at",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 337 PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
    EventDesc {
        name: "open_by_handle_at",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("mountfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("dev", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 338 PPME_SYSCALL_IO_URING_SETUP_E
    EventDesc {
        name: "io_uring_setup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 339 PPME_SYSCALL_IO_URING_SETUP_X
    EventDesc {
        name: "io_uring_setup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "entries",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sq_entries",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "cq_entries",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::IO_URING_SETUP_FLAGS),
            ),
            p(
                "sq_thread_cpu",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sq_thread_idle",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "features",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::IO_URING_SETUP_FEATS),
            ),
        ],
    },
    // 340 PPME_SYSCALL_IO_URING_ENTER_E
    EventDesc {
        name: "io_uring_enter",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 341 PPME_SYSCALL_IO_URING_ENTER_X
    EventDesc {
        name: "io_uring_enter",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "to_submit",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "min_complete",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::IO_URING_ENTER_FLAGS),
            ),
            p("sig", ParamType::Sigset, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 342 PPME_SYSCALL_IO_URING_REGISTER_E
    EventDesc {
        name: "io_uring_register",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 343 PPME_SYSCALL_IO_URING_REGISTER_X
    EventDesc {
        name: "io_uring_register",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "opcode",
                ParamType::Enumflags16,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::IO_URING_REGISTER_OPCODES),
            ),
            p("arg", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p(
                "nr_args",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 344 PPME_SYSCALL_MLOCK_E
    EventDesc {
        name: "mlock",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 345 PPME_SYSCALL_MLOCK_X
    EventDesc {
        name: "mlock",
        category: category::MEMORY | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("len", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 346 PPME_SYSCALL_MUNLOCK_E
    EventDesc {
        name: "munlock",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 347 PPME_SYSCALL_MUNLOCK_X
    EventDesc {
        name: "munlock",
        category: category::MEMORY | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("len", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 348 PPME_SYSCALL_MLOCKALL_E
    EventDesc {
        name: "mlockall",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 349 PPME_SYSCALL_MLOCKALL_X
    EventDesc {
        name: "mlockall",
        category: category::MEMORY | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MLOCKALL_FLAGS),
            ),
        ],
    },
    // 350 PPME_SYSCALL_MUNLOCKALL_E
    EventDesc {
        name: "munlockall",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 351 PPME_SYSCALL_MUNLOCKALL_X
    EventDesc {
        name: "munlockall",
        category: category::MEMORY | category::SYSCALL,
        flags: 0,
        params: &[p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None)],
    },
    // 352 PPME_SYSCALL_CAPSET_E
    EventDesc {
        name: "capset",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 353 PPME_SYSCALL_CAPSET_X
    EventDesc {
        name: "capset",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "cap_inheritable",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_permitted",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_effective",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
        ],
    },
    // 354 PPME_USER_ADDED_E
    EventDesc {
        name: "useradded",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("home", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("shell", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "container_id",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 355 PPME_USER_ADDED_X
    NA,
    // 356 PPME_USER_DELETED_E
    EventDesc {
        name: "userdeleted",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("home", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("shell", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "container_id",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 357 PPME_USER_DELETED_X
    NA,
    // 358 PPME_GROUP_ADDED_E
    EventDesc {
        name: "groupadded",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "container_id",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 359 PPME_GROUP_ADDED_X
    NA,
    // 360 PPME_GROUP_DELETED_E
    EventDesc {
        name: "groupdeleted",
        category: category::PROCESS | category::METAEVENT,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "container_id",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
        ],
    },
    // 361 PPME_GROUP_DELETED_X
    NA,
    // 362 PPME_SYSCALL_DUP2_E
    EventDesc {
        name: "dup2",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 363 PPME_SYSCALL_DUP2_X
    EventDesc {
        name: "dup2",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::USES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("oldfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("newfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 364 PPME_SYSCALL_DUP3_E
    EventDesc {
        name: "dup3",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 365 PPME_SYSCALL_DUP3_X
    EventDesc {
        name: "dup3",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::USES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("oldfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("newfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
        ],
    },
    // 366 PPME_SYSCALL_DUP_1_E
    EventDesc {
        name: "dup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::USES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION,
        params: &[p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None)],
    },
    // 367 PPME_SYSCALL_DUP_1_X
    EventDesc {
        name: "dup",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::USES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("oldfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 368 PPME_SYSCALL_BPF_2_E
    EventDesc {
        name: "bpf",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::OLD_VERSION,
        params: &[p("cmd", ParamType::Int64, PrintFmt::Dec, ParamExtra::None)],
    },
    // 369 PPME_SYSCALL_BPF_2_X
    EventDesc {
        name: "bpf",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::CREATES_FD,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::BPF_COMMANDS),
            ),
        ],
    },
    // 370 PPME_SYSCALL_MLOCK2_E
    EventDesc {
        name: "mlock2",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 371 PPME_SYSCALL_MLOCK2_X
    EventDesc {
        name: "mlock2",
        category: category::MEMORY | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("addr", ParamType::Uint64, PrintFmt::Hex, ParamExtra::None),
            p("len", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MLOCK2_FLAGS),
            ),
        ],
    },
    // 372 PPME_SYSCALL_FSCONFIG_E
    EventDesc {
        name: "fsconfig",
        category: category::SYSTEM | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 373 PPME_SYSCALL_FSCONFIG_X
    EventDesc {
        name: "fsconfig",
        category: category::SYSTEM | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "cmd",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::FSCONFIG_CMDS),
            ),
            p("key", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "value_bytebuf",
                ParamType::Bytebuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "value_charbuf",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("aux", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 374 PPME_SYSCALL_EPOLL_CREATE_E
    EventDesc {
        name: "epoll_create",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p("size", ParamType::Int32, PrintFmt::Dec, ParamExtra::None)],
    },
    // 375 PPME_SYSCALL_EPOLL_CREATE_X
    EventDesc {
        name: "epoll_create",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("size", ParamType::Int32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 376 PPME_SYSCALL_EPOLL_CREATE1_E
    EventDesc {
        name: "epoll_create1",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::EPOLL_CREATE1_FLAGS),
        )],
    },
    // 377 PPME_SYSCALL_EPOLL_CREATE1_X
    EventDesc {
        name: "epoll_create1",
        category: category::WAIT | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::EPOLL_CREATE1_FLAGS),
            ),
        ],
    },
    // 378 PPME_SYSCALL_CHOWN_E
    EventDesc {
        name: "chown",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 379 PPME_SYSCALL_CHOWN_X
    EventDesc {
        name: "chown",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 380 PPME_SYSCALL_LCHOWN_E
    EventDesc {
        name: "lchown",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 381 PPME_SYSCALL_LCHOWN_X
    EventDesc {
        name: "lchown",
        category: category::FILE | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 382 PPME_SYSCALL_FCHOWN_E
    EventDesc {
        name: "fchown",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 383 PPME_SYSCALL_FCHOWN_X
    EventDesc {
        name: "fchown",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 384 PPME_SYSCALL_FCHOWNAT_E
    EventDesc {
        name: "fchownat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 385 PPME_SYSCALL_FCHOWNAT_X
    EventDesc {
        name: "fchownat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "pathname",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p("uid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("gid", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FCHOWNAT_FLAGS),
            ),
        ],
    },
    // 386 PPME_SYSCALL_UMOUNT_1_E
    EventDesc {
        name: "umount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 387 PPME_SYSCALL_UMOUNT_1_X
    EventDesc {
        name: "umount",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 388 PPME_SOCKET_ACCEPT4_6_E
    EventDesc {
        name: "accept4",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Int32,
            PrintFmt::Hex,
            ParamExtra::None,
        )],
    },
    // 389 PPME_SOCKET_ACCEPT4_6_X
    EventDesc {
        name: "accept4",
        category: category::NET | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "tuple",
                ParamType::Socktuple,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "queuepct",
                ParamType::Uint8,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuelen",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "queuemax",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("flags", ParamType::Int32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 390 PPME_SYSCALL_UMOUNT2_E
    EventDesc {
        name: "umount2",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "flags",
            ParamType::Flags32,
            PrintFmt::Hex,
            ParamExtra::Flags(flags::UMOUNT_FLAGS),
        )],
    },
    // 391 PPME_SYSCALL_UMOUNT2_X
    EventDesc {
        name: "umount2",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::UMOUNT_FLAGS),
            ),
        ],
    },
    // 392 PPME_SYSCALL_PIPE2_E
    EventDesc {
        name: "pipe2",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 393 PPME_SYSCALL_PIPE2_X
    EventDesc {
        name: "pipe2",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd1", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("fd2", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("ino", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
        ],
    },
    // 394 PPME_SYSCALL_INOTIFY_INIT1_E
    EventDesc {
        name: "inotify_init1",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 395 PPME_SYSCALL_INOTIFY_INIT1_X
    EventDesc {
        name: "inotify_init1",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
        ],
    },
    // 396 PPME_SYSCALL_EVENTFD2_E
    EventDesc {
        name: "eventfd2",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[p(
            "initval",
            ParamType::Uint64,
            PrintFmt::Dec,
            ParamExtra::None,
        )],
    },
    // 397 PPME_SYSCALL_EVENTFD2_X
    EventDesc {
        name: "eventfd2",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p(
                "initval",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 398 PPME_SYSCALL_SIGNALFD4_E
    EventDesc {
        name: "signalfd4",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::OLD_VERSION
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("mask", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 399 PPME_SYSCALL_SIGNALFD4_X
    EventDesc {
        name: "signalfd4",
        category: category::SIGNAL | category::SYSCALL,
        flags: event_flags::CREATES_FD
            | event_flags::MODIFIES_STATE
            | event_flags::CONVERTER_MANAGED,
        params: &[
            p("res", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags16,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("mask", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 400 PPME_SYSCALL_PRCTL_E
    EventDesc {
        name: "prctl",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 401 PPME_SYSCALL_PRCTL_X
    EventDesc {
        name: "prctl",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "option",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::PRCTL_OPTIONS),
            ),
            p(
                "arg2_str",
                ParamType::Charbuf,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "arg2_int",
                ParamType::Int64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 402 PPME_ASYNCEVENT_E
    EventDesc {
        name: "asyncevent",
        category: category::OTHER | category::METAEVENT,
        flags: event_flags::LARGE_PAYLOAD,
        params: &[
            p(
                "plugin_id",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 403 PPME_ASYNCEVENT_X
    NA,
    // 404 PPME_SYSCALL_MEMFD_CREATE_E
    EventDesc {
        name: "memfd_create",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 405 PPME_SYSCALL_MEMFD_CREATE_X
    EventDesc {
        name: "memfd_create",
        category: category::MEMORY | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::MEMFD_CREATE_FLAGS),
            ),
        ],
    },
    // 406 PPME_SYSCALL_PIDFD_GETFD_E
    EventDesc {
        name: "pidfd_getfd",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 407 PPME_SYSCALL_PIDFD_GETFD_X
    EventDesc {
        name: "pidfd_getfd",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("pid_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("target_fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("flags", ParamType::Uint32, PrintFmt::Hex, ParamExtra::None),
        ],
    },
    // 408 PPME_SYSCALL_PIDFD_OPEN_E
    EventDesc {
        name: "pidfd_open",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 409 PPME_SYSCALL_PIDFD_OPEN_X
    EventDesc {
        name: "pidfd_open",
        category: category::PROCESS | category::SYSCALL,
        flags: event_flags::CREATES_FD | event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::PIDFD_OPEN_FLAGS),
            ),
        ],
    },
    // 410 PPME_SYSCALL_INIT_MODULE_E
    EventDesc {
        name: "init_module",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 411 PPME_SYSCALL_INIT_MODULE_X
    EventDesc {
        name: "init_module",
        category: category::OTHER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("img", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
            p("length", ParamType::Uint64, PrintFmt::Dec, ParamExtra::None),
            p("uargs", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 412 PPME_SYSCALL_FINIT_MODULE_E
    EventDesc {
        name: "finit_module",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 413 PPME_SYSCALL_FINIT_MODULE_X
    EventDesc {
        name: "finit_module",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::USES_FD | event_flags::READS_FROM_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("fd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p("uargs", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FINIT_MODULE_FLAGS),
            ),
        ],
    },
    // 414 PPME_SYSCALL_MKNOD_E
    EventDesc {
        name: "mknod",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 415 PPME_SYSCALL_MKNOD_X
    EventDesc {
        name: "mknod",
        category: category::OTHER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "mode",
                ParamType::Mode,
                PrintFmt::Oct,
                ParamExtra::Flags(flags::MKNOD_MODE),
            ),
            p("dev", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 416 PPME_SYSCALL_MKNODAT_E
    EventDesc {
        name: "mknodat",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 417 PPME_SYSCALL_MKNODAT_X
    EventDesc {
        name: "mknodat",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "path",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "mode",
                ParamType::Mode,
                PrintFmt::Oct,
                ParamExtra::Flags(flags::MKNOD_MODE),
            ),
            p("dev", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 418 PPME_SYSCALL_NEWFSTATAT_E
    EventDesc {
        name: "newfstatat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 419 PPME_SYSCALL_NEWFSTATAT_X
    EventDesc {
        name: "newfstatat",
        category: category::FILE | category::SYSCALL,
        flags: event_flags::USES_FD,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("dirfd", ParamType::Fd, PrintFmt::Dec, ParamExtra::None),
            p(
                "path",
                ParamType::Fsrelpath,
                PrintFmt::Na,
                ParamExtra::DirFd(1),
            ),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::NEWFSTATAT_FLAGS),
            ),
        ],
    },
    // 420 PPME_SYSCALL_PROCESS_VM_READV_E
    EventDesc {
        name: "process_vm_readv",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 421 PPME_SYSCALL_PROCESS_VM_READV_X
    EventDesc {
        name: "process_vm_readv",
        category: category::IPC | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 422 PPME_SYSCALL_PROCESS_VM_WRITEV_E
    EventDesc {
        name: "process_vm_writev",
        category: category::IPC | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 423 PPME_SYSCALL_PROCESS_VM_WRITEV_X
    EventDesc {
        name: "process_vm_writev",
        category: category::IPC | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Int64, PrintFmt::Dec, ParamExtra::None),
            p("pid", ParamType::Pid, PrintFmt::Dec, ParamExtra::None),
            p("data", ParamType::Bytebuf, PrintFmt::Na, ParamExtra::None),
        ],
    },
    // 424 PPME_SYSCALL_DELETE_MODULE_E
    EventDesc {
        name: "delete_module",
        category: category::OTHER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 425 PPME_SYSCALL_DELETE_MODULE_X
    EventDesc {
        name: "delete_module",
        category: category::OTHER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("name", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::DELETE_MODULE_FLAGS),
            ),
        ],
    },
    // 426 PPME_SYSCALL_SETREUID_E
    EventDesc {
        name: "setreuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE | event_flags::OLD_VERSION,
        params: &[],
    },
    // 427 PPME_SYSCALL_SETREUID_X
    EventDesc {
        name: "setreuid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("ruid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 428 PPME_SYSCALL_SETREGID_E
    EventDesc {
        name: "setregid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::OLD_VERSION,
        params: &[],
    },
    // 429 PPME_SYSCALL_SETREGID_X
    EventDesc {
        name: "setregid",
        category: category::USER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("rgid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("egid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 430 PPME_ITER_TASK_E
    EventDesc {
        name: "task",
        category: category::PROCESS | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("ppid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p("pgid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p("vpgid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p("sid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p("comm", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "argv",
                ParamType::Charbufarray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("exepath", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::EXECVE_FLAGS),
            ),
            p(
                "env",
                ParamType::Charbufarray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("cwd", ParamType::Charbuf, PrintFmt::Na, ParamExtra::None),
            p(
                "fdlimit",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("euid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
            p("egid", ParamType::Gid, PrintFmt::Dec, ParamExtra::None),
            p(
                "cap_permitted",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_effective",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "cap_inheritable",
                ParamType::Uint64,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "exe_ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_ctime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "exe_ino_mtime",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "vm_size",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vm_rss", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "vm_swap",
                ParamType::Uint32,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_maj",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "pgft_min",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("vtgid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p("vpid", ParamType::Pid32, PrintFmt::Dec, ParamExtra::None),
            p(
                "pidns_init_start_ts",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "cgroups",
                ParamType::Charbufarray,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p("root", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "start_time",
                ParamType::Abstime,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p("tty", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("loginuid", ParamType::Uid, PrintFmt::Dec, ParamExtra::None),
        ],
    },
    // 431 PPME_ITER_TASK_X
    NA,
    // 432 PPME_ITER_TASK_FILE_PIPE_E
    EventDesc {
        name: "task_file_pipe",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 433 PPME_ITER_TASK_FILE_PIPE_X
    NA,
    // 434 PPME_ITER_TASK_FILE_MEMFD_E
    EventDesc {
        name: "task_file_memfd",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 435 PPME_ITER_TASK_FILE_MEMFD_X
    NA,
    // 436 PPME_ITER_TASK_FILE_REGULAR_E
    EventDesc {
        name: "task_file_regular",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::FILE_FLAGS),
            ),
            p("mnt_id", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 437 PPME_ITER_TASK_FILE_REGULAR_X
    NA,
    // 438 PPME_ITER_TASK_FILE_DIRECTORY_E
    EventDesc {
        name: "task_file_directory",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 439 PPME_ITER_TASK_FILE_DIRECTORY_X
    NA,
    // 440 PPME_ITER_TASK_FILE_SOCKET_INET_E
    EventDesc {
        name: "task_file_socket_inet",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p(
                "sk_type",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sk_proto",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "local_ip",
                ParamType::Ipv4addr,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "local_port",
                ParamType::Port,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "remote_ip",
                ParamType::Ipv4addr,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "remote_port",
                ParamType::Port,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 441 PPME_ITER_TASK_FILE_SOCKET_INET_X
    NA,
    // 442 PPME_ITER_TASK_FILE_SOCKET_INET6_E
    EventDesc {
        name: "task_file_socket_inet6",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p(
                "sk_type",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sk_proto",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "local_ip",
                ParamType::Ipv6addr,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "local_port",
                ParamType::Port,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "remote_ip",
                ParamType::Ipv6addr,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "remote_port",
                ParamType::Port,
                PrintFmt::Hex,
                ParamExtra::None,
            ),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 443 PPME_ITER_TASK_FILE_SOCKET_INET6_X
    NA,
    // 444 PPME_ITER_TASK_FILE_SOCKET_UNIX_E
    EventDesc {
        name: "task_file_socket_unix",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p(
                "sk_type",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sk_proto",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sk_pointer",
                ParamType::Uint64,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "sun_path",
                ParamType::Fspath,
                PrintFmt::Na,
                ParamExtra::None,
            ),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 445 PPME_ITER_TASK_FILE_SOCKET_UNIX_X
    NA,
    // 446 PPME_ITER_TASK_FILE_SOCKET_NETLINK_E
    EventDesc {
        name: "task_file_socket_netlink",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p(
                "sk_type",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "sk_proto",
                ParamType::Uint16,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 447 PPME_ITER_TASK_FILE_SOCKET_NETLINK_X
    NA,
    // 448 PPME_ITER_TASK_FILE_ANON_INODE_E
    EventDesc {
        name: "task_file_anon_inode",
        category: category::FILE | category::ITER,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("fd", ParamType::Fd32, PrintFmt::Dec, ParamExtra::None),
            p(
                "fd_type",
                ParamType::Flags8,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::ANON_INODE_FD_TYPES),
            ),
            p("path", ParamType::Fspath, PrintFmt::Na, ParamExtra::None),
            p(
                "ino_num",
                ParamType::Uint64,
                PrintFmt::Dec,
                ParamExtra::None,
            ),
        ],
    },
    // 449 PPME_ITER_TASK_FILE_ANON_INODE_X
    NA,
    // 450 PPME_SYSCALL_CLOSE_RANGE_E
    NA,
    // 451 PPME_SYSCALL_CLOSE_RANGE_X
    EventDesc {
        name: "close_range",
        category: category::IO_OTHER | category::SYSCALL,
        flags: event_flags::MODIFIES_STATE,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p("first", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p("last", ParamType::Uint32, PrintFmt::Dec, ParamExtra::None),
            p(
                "flags",
                ParamType::Flags32,
                PrintFmt::Hex,
                ParamExtra::Flags(flags::CLOSE_RANGE_FLAGS),
            ),
        ],
    },
    // 452 PPME_SYSCALL_KEYCTL_E
    NA,
    // 453 PPME_SYSCALL_KEYCTL_X
    EventDesc {
        name: "keyctl",
        category: category::OTHER | category::SYSCALL,
        flags: 0,
        params: &[
            p("res", ParamType::Errno, PrintFmt::Dec, ParamExtra::None),
            p(
                "operation",
                ParamType::Enumflags32,
                PrintFmt::Dec,
                ParamExtra::Flags(flags::KEYCTL_OPERATIONS),
            ),
            p(
                "arg2",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(KEYCTL_DYNAMIC_PARAM),
            ),
            p(
                "arg3",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(KEYCTL_DYNAMIC_PARAM),
            ),
            p(
                "arg4",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(KEYCTL_DYNAMIC_PARAM),
            ),
            p(
                "arg5",
                ParamType::Dyn,
                PrintFmt::Dec,
                ParamExtra::Dyn(KEYCTL_DYNAMIC_PARAM),
            ),
        ],
    },
];

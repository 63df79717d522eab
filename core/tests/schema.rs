//! Facts about the event schema tables, checked against falcosecurity/libs
//! (48dfd53) and Debian's sysdig 0.29.3 (`sysdig -L`, libs e5c53d64).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use scapscope_core::schema::{
    self, EVENTS, FlagName, ParamExtra, ParamType, PrintFmt, category, event_flags,
};

/// libs `PPM_EVENT_MAX` at 48dfd53.
const PPM_EVENT_MAX: usize = 454;

fn flag(table: &[FlagName], name: &str) -> u32 {
    table
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .value
}

#[test]
fn table_length_is_ppm_event_max() {
    assert_eq!(EVENTS.len(), PPM_EVENT_MAX);
    assert!(schema::event_desc(453).is_some());
    assert!(schema::event_desc(454).is_none());
}

#[test]
fn well_known_ids() {
    let names = [
        (0, "syscall"),
        (1, "syscall"),
        (2, "open"),
        (3, "open"),
        (4, "close"),
        (6, "read"),
        (8, "write"),
        (18, "socket"),
        (146, "switch"),
        (148, "drop"),
        (196, "scapevent"),
        (234, "procinfo"),
        (260, "k8s"),
        (290, "page_fault"),
        (292, "execve"),
        (293, "execve"),
        (306, "openat"),
        (322, "pluginevent"),
        (324, "container"),
        (334, "clone3"),
        (402, "asyncevent"),
        (430, "task"),
        (453, "keyctl"),
    ];
    for (id, name) in names {
        assert_eq!(EVENTS[id].name, name, "id {id}");
    }
}

#[test]
fn agrees_with_sysdig_0_29_3_list() {
    // Spot values of `sysdig -L` (libs e5c53d64): "> name(TYPE param, ...)".
    // A throwaway script matched all 265 lines of `sysdig -L` to ids; the
    // only name that differs is 269 (`< tracer` there, an `NA` placeholder
    // with the same parameters now).
    let spots: [(usize, &str, &[&str]); 10] = [
        (0, "syscall", &["ID", "nativeID"]),
        (19, "socket", &["fd"]),
        (
            45,
            "setsockopt",
            &["res", "fd", "level", "optname", "val", "optlen"],
        ),
        (169, "ptrace", &["res", "addr", "data"]),
        (232, "signaldeliver", &["spid", "dpid", "sig"]),
        (268, "tracer", &["id", "tags", "args"]),
        (297, "bpf", &["res_or_fd"]),
        (322, "pluginevent", &["plugin_id", "event_data"]),
        (324, "container", &["json"]),
        (335, "clone3", &[]),
    ];
    for (id, name, params) in spots {
        let e = &EVENTS[id];
        assert_eq!(e.name, name, "id {id}");
        let ours: Vec<&str> = e.params.iter().map(|p| p.name).collect();
        assert!(ours.starts_with(params), "id {id}: {ours:?}");
    }
    assert_eq!(EVENTS[269].name, "NA");
    assert_eq!(EVENTS[269].params.len(), 3);
}

#[test]
fn enter_exit_pairs_share_names() {
    for id in (0..PPM_EVENT_MAX).step_by(2) {
        let (enter, exit) = (&EVENTS[id], &EVENTS[id + 1]);
        assert!(schema::is_enter(id as u16) && !schema::is_enter(id as u16 + 1));
        if enter.name != "NA" && exit.name != "NA" {
            assert_eq!(enter.name, exit.name, "ids {id}/{}", id + 1);
        }
    }
}

#[test]
fn placeholders_are_unknown_and_unused() {
    let mut count = 0;
    for (id, e) in EVENTS.iter().enumerate() {
        if e.name == "NA" {
            count += 1;
            assert_eq!(e.category, category::UNKNOWN, "id {id}");
            assert_eq!(e.flags, event_flags::UNUSED, "id {id}");
        } else {
            assert_ne!(e.category, category::UNKNOWN, "id {id}");
        }
    }
    assert!(count > 20);
    assert_eq!(EVENTS[17].name, "NA");
    assert!(EVENTS[17].params.is_empty());
}

#[test]
fn large_payload_exactly_on_322_324_402() {
    let large: Vec<usize> = (0..PPM_EVENT_MAX)
        .filter(|&id| EVENTS[id].large_payload())
        .collect();
    assert_eq!(large, [322, 324, 402]);
}

#[test]
fn categories_and_flags() {
    assert_eq!(EVENTS[2].category, category::FILE | category::SYSCALL);
    assert_eq!(
        EVENTS[2].flags,
        event_flags::CREATES_FD | event_flags::MODIFIES_STATE | event_flags::CONVERTER_MANAGED
    );
    assert_eq!(
        EVENTS[5].flags & event_flags::DESTROYS_FD,
        event_flags::DESTROYS_FD
    );
    assert_eq!(
        EVENTS[146].category,
        category::SCHEDULER | category::TRACEPOINT
    );
    assert_eq!(EVENTS[78].category, category::WAIT | category::SYSCALL);
    assert_eq!(
        EVENTS[234].category,
        category::INTERNAL | category::METAEVENT
    );
    assert_eq!(EVENTS[322].category, category::OTHER | category::PLUGIN);
    assert_eq!(EVENTS[430].category, category::PROCESS | category::ITER);
    assert_eq!(
        EVENTS[0].flags & event_flags::OLD_VERSION,
        event_flags::OLD_VERSION
    );
}

#[test]
fn open_params() {
    let open_x = &EVENTS[3];
    let names: Vec<&str> = open_x.params.iter().map(|p| p.name).collect();
    assert_eq!(names, ["fd", "name", "flags", "mode", "dev", "ino"]);
    assert_eq!(open_x.params[0].ty, ParamType::Fd);
    assert_eq!(open_x.params[1].ty, ParamType::Fspath);
    let flags = &open_x.params[2];
    assert_eq!((flags.ty, flags.fmt), (ParamType::Flags32, PrintFmt::Hex));
    assert_eq!(flags.extra, ParamExtra::Flags(schema::FILE_FLAGS));
    assert_eq!(open_x.params[3].fmt, PrintFmt::Oct);
}

#[test]
fn extras_match_types() {
    for (id, e) in EVENTS.iter().enumerate() {
        for (i, p) in e.params.iter().enumerate() {
            match p.ty {
                ParamType::Flags8
                | ParamType::Flags16
                | ParamType::Flags32
                | ParamType::Enumflags8
                | ParamType::Enumflags16
                | ParamType::Enumflags32
                | ParamType::Mode => {
                    assert!(matches!(p.extra, ParamExtra::Flags(_)), "id {id} param {i}")
                }
                ParamType::Dyn => {
                    assert!(matches!(p.extra, ParamExtra::Dyn(_)), "id {id} param {i}")
                }
                ParamType::Fsrelpath => match p.extra {
                    ParamExtra::DirFd(d) => {
                        let dirfd = &e.params[usize::from(d)];
                        assert_eq!(dirfd.ty, ParamType::Fd, "id {id} param {i}");
                        assert!(dirfd.name.contains("dir"), "id {id} param {i}");
                    }
                    other => panic!("id {id} param {i}: {other:?}"),
                },
                _ => assert_eq!(p.extra, ParamExtra::None, "id {id} param {i}"),
            }
        }
    }
}

#[test]
fn dirfd_references() {
    // linkat exit: res, olddir, oldpath, newdir, newpath, flags.
    assert_eq!(EVENTS[311].params[2].extra, ParamExtra::DirFd(1));
    assert_eq!(EVENTS[311].params[4].extra, ParamExtra::DirFd(3));
    // openat2 enter: dirfd, name (dirfd 0; sysdig 0.29.3's table said 1).
    assert_eq!(EVENTS[326].params[1].extra, ParamExtra::DirFd(0));
}

#[test]
fn dynamic_params() {
    let dyn_types = |id: usize, param: usize| -> Vec<ParamType> {
        match EVENTS[id].params[param].extra {
            ParamExtra::Dyn(types) => types.iter().map(|p| p.ty).collect(),
            other => panic!("id {id}: {other:?}"),
        }
    };
    // setsockopt val: PPM_SOCKOPT_IDX_{UNKNOWN, ERRNO, UINT32, UINT64, TIMEVAL}.
    assert_eq!(
        dyn_types(45, 4),
        [
            ParamType::Bytebuf,
            ParamType::Errno,
            ParamType::Uint32,
            ParamType::Uint64,
            ParamType::Reltime
        ]
    );
    assert_eq!(dyn_types(47, 4), dyn_types(45, 4));
    // ptrace addr/data: PPM_PTRACE_IDX_{UINT64, SIGTYPE}.
    assert_eq!(dyn_types(169, 1), [ParamType::Uint64, ParamType::Sigtype]);
    assert_eq!(dyn_types(169, 2), [ParamType::Uint64, ParamType::Sigtype]);
    // bpf res_or_fd: PPM_BPF_IDX_{FD, RES}.
    assert_eq!(dyn_types(297, 0), [ParamType::Fd, ParamType::Errno]);
    assert_eq!(dyn_types(453, 2), [ParamType::Int64, ParamType::Charbuf]);
}

#[test]
fn flag_tables() {
    // libs PPM_O_* encoding (not Linux O_*).
    assert_eq!(flag(schema::FILE_FLAGS, "O_RDONLY"), 1);
    assert_eq!(flag(schema::FILE_FLAGS, "O_WRONLY"), 2);
    assert_eq!(flag(schema::FILE_FLAGS, "O_RDWR"), 3);
    assert_eq!(flag(schema::FILE_FLAGS, "O_CREAT"), 4);
    assert_eq!(flag(schema::FILE_FLAGS, "O_NONE"), 0);
    assert_eq!(flag(schema::FILE_FLAGS, "O_CLOEXEC"), 1 << 12);
    // C order is kept: O_LARGEFILE first, O_RDWR before O_WRONLY/O_RDONLY.
    assert_eq!(schema::FILE_FLAGS[0].name, "O_LARGEFILE");
    let pos = |n: &str| schema::FILE_FLAGS.iter().position(|f| f.name == n);
    assert!(pos("O_RDWR") < pos("O_WRONLY") && pos("O_WRONLY") < pos("O_RDONLY"));
    assert_eq!(flag(schema::SOCKET_FAMILIES, "AF_INET"), 2);
    assert_eq!(flag(schema::SOCKET_FAMILIES, "AF_INET6"), 10);
    assert_eq!(flag(schema::CLONE_FLAGS, "CLONE_THREAD"), 0x2000);
    assert_eq!(flag(schema::FCNTL_COMMANDS, "F_SETFD"), 3);
    assert_eq!(flag(schema::LSEEK_WHENCE, "SEEK_CUR"), 1);
    assert_eq!(flag(schema::PROT_FLAGS, "PROT_READ"), 1);
}

#[test]
fn errno_and_signal_names() {
    assert_eq!(schema::errno_name(1), Some("EPERM"));
    assert_eq!(schema::errno_name(2), Some("ENOENT"));
    assert_eq!(schema::errno_name(11), Some("EAGAIN"));
    assert_eq!(schema::errno_name(115), Some("EINPROGRESS"));
    assert_eq!(schema::errno_name(512), Some("ERESTARTSYS"));
    assert_eq!(schema::errno_name(0), None);
    // Not in libsinsp's errno_to_str: sysdig prints the bare number.
    assert_eq!(schema::errno_name(130), None);
    assert_eq!(schema::signal_name(9), Some("SIGKILL"));
    assert_eq!(schema::signal_name(17), Some("SIGCHLD"));
    assert_eq!(schema::signal_name(6), Some("SIGABRT"));
    assert_eq!(schema::signal_name(29), Some("SIGIO"));
    assert_eq!(schema::signal_name(0), None);
    assert_eq!(schema::signal_name(32), None);
}

#[test]
fn syscall_names() {
    // PPM_SC codes, as sysdig 0.29.3 prints them (checked on the shared
    // captures against the x86_64 nativeID).
    assert_eq!(schema::syscall_name(0), Some("<unknown>"));
    assert_eq!(schema::syscall_name(75), Some("mprotect"));
    assert_eq!(schema::syscall_name(176), Some("clock_gettime"));
    assert_eq!(schema::syscall_name(218), Some("epoll_pwait"));
    assert_eq!(schema::syscall_name(298), Some("sigreturn"));
    assert_eq!(schema::syscall_name(328), Some("clone3"));
    assert_eq!(schema::syscall_name(329), None);
    // Current libs spelling.
    assert_eq!(schema::syscall_name_libs(0), Some("unknown"));
    assert_eq!(schema::syscall_name_libs(75), Some("mprotect"));
    assert_eq!(schema::syscall_name_libs(298), Some("rt_sigreturn"));
    assert_eq!(schema::syscall_name_libs(305), Some("setuid32"));
    assert_eq!(schema::syscall_name_libs(329), Some("open_by_handle_at"));
    assert_eq!(schema::syscall_name_libs(454), None);
    let differ = (0..329)
        .filter(|&id| schema::syscall_name(id) != schema::syscall_name_libs(id))
        .count();
    assert_eq!(differ, 13);
}

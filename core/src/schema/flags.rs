//! Names of flag and enum parameter values, and of errno and signal numbers.
//!
//! The flag tables carry the facts of every `ppm_name_value` table of libs
//! `driver/flags_table.c` (commit 48dfd53) that the event table references, in the
//! libs order: sysdig renders flags by walking a table in order, so the order
//! matters. Values are the `PPM_*` values carried on the wire (libs' own
//! encoding, not necessarily the Linux one).
//!
//! Tables that changed between libs e5c53d64 (sysdig 0.29.3) and 48dfd53 only
//! gained entries: `FILE_FLAGS` (`O_F_CREATED`, `FD_UPPER_LAYER`, `FD_LOWER_LAYER`),
//! `CLONE_FLAGS` (`CLONE_CHILD_IN_PIDNS`), `SHUTDOWN_HOW` (`SHUT_UNKNOWN`) and
//! `EXECVE_FLAGS` (`EXE_UPPER_LAYER`, `EXE_FROM_MEMFD`, `EXE_LOWER_LAYER`).
//! `POLL_FLAGS` of libs is not referenced by any event and is left out.

use super::FlagName;

/// Shorthand constructor for a [`FlagName`].
const fn n(name: &'static str, value: u32) -> FlagName {
    FlagName { name, value }
}

/// libs `socket_families` (enum values).
pub static SOCKET_FAMILIES: &[FlagName] = &[
    n("AF_NFC", 39),
    n("AF_ALG", 38),
    n("AF_CAIF", 37),
    n("AF_IEEE802154", 36),
    n("AF_PHONET", 35),
    n("AF_ISDN", 34),
    n("AF_RXRPC", 33),
    n("AF_IUCV", 32),
    n("AF_BLUETOOTH", 31),
    n("AF_TIPC", 30),
    n("AF_CAN", 29),
    n("AF_LLC", 26),
    n("AF_WANPIPE", 25),
    n("AF_PPPOX", 24),
    n("AF_IRDA", 23),
    n("AF_SNA", 22),
    n("AF_RDS", 21),
    n("AF_ATMSVC", 20),
    n("AF_ECONET", 19),
    n("AF_ASH", 18),
    n("AF_PACKET", 17),
    n("AF_ROUTE", 16),
    n("AF_NETLINK", 16),
    n("AF_KEY", 15),
    n("AF_SECURITY", 14),
    n("AF_NETBEUI", 13),
    n("AF_DECnet", 12),
    n("AF_ROSE", 11),
    n("AF_INET6", 10),
    n("AF_X25", 9),
    n("AF_ATMPVC", 8),
    n("AF_BRIDGE", 7),
    n("AF_NETROM", 6),
    n("AF_APPLETALK", 5),
    n("AF_IPX", 4),
    n("AF_AX25", 3),
    n("AF_INET", 2),
    n("AF_LOCAL", 1),
    n("AF_UNIX", 1),
    n("AF_UNSPEC", 0),
];

/// libs `file_flags` (bit flags).
pub static FILE_FLAGS: &[FlagName] = &[
    n("O_LARGEFILE", 0x800),
    n("O_DIRECTORY", 0x400),
    n("O_DIRECT", 0x200),
    n("O_TRUNC", 0x100),
    n("O_SYNC", 0x80),
    n("O_NONBLOCK", 0x40),
    n("O_EXCL", 0x20),
    n("O_DSYNC", 0x10),
    n("O_APPEND", 8),
    n("O_CREAT", 4),
    n("O_RDWR", 3),
    n("O_WRONLY", 2),
    n("O_RDONLY", 1),
    n("O_CLOEXEC", 0x1000),
    n("O_NONE", 0),
    n("O_TMPFILE", 0x2000),
    n("O_F_CREATED", 0x4000),
    n("FD_UPPER_LAYER", 0x8000),
    n("FD_LOWER_LAYER", 0x10000),
];

/// libs `creat_flags` (bit flags).
pub static CREAT_FLAGS: &[FlagName] = &[n("FD_UPPER_LAYER_CREAT", 1), n("FD_LOWER_LAYER_CREAT", 2)];

/// libs `flock_flags` (bit flags).
pub static FLOCK_FLAGS: &[FlagName] = &[
    n("LOCK_SH", 1),
    n("LOCK_EX", 2),
    n("LOCK_NB", 4),
    n("LOCK_UN", 8),
    n("LOCK_NONE", 0),
];

/// libs `clone_flags` (bit flags).
pub static CLONE_FLAGS: &[FlagName] = &[
    n("CLONE_FILES", 1),
    n("CLONE_FS", 2),
    n("CLONE_IO", 4),
    n("CLONE_NEWIPC", 8),
    n("CLONE_NEWNET", 0x10),
    n("CLONE_NEWNS", 0x20),
    n("CLONE_NEWPID", 0x40),
    n("CLONE_NEWUTS", 0x80),
    n("CLONE_PARENT", 0x100),
    n("CLONE_PARENT_SETTID", 0x200),
    n("CLONE_PTRACE", 0x400),
    n("CLONE_SIGHAND", 0x800),
    n("CLONE_SYSVSEM", 0x1000),
    n("CLONE_THREAD", 0x2000),
    n("CLONE_UNTRACED", 0x4000),
    n("CLONE_VM", 0x8000),
    n("CLONE_INVERTED", 0x10000),
    n("NAME_CHANGED", 0x20000),
    n("CLOSED", 0x40000),
    n("CLONE_NEWUSER", 0x100000),
    n("CLONE_CHILD_CLEARTID", 0x800000),
    n("CLONE_CHILD_SETTID", 0x1000000),
    n("CLONE_SETTLS", 0x2000000),
    n("CLONE_STOPPED", 0x4000000),
    n("CLONE_VFORK", 0x8000000),
    n("CLONE_NEWCGROUP", 0x10000000),
    n("CLONE_CHILD_IN_PIDNS", 0x20000000),
];

/// libs `futex_operations` (bit flags).
pub static FUTEX_OPERATIONS: &[FlagName] = &[
    n("FUTEX_CLOCK_REALTIME", 0x100),
    n("FUTEX_PRIVATE_FLAG", 0x80),
    n("FUTEX_CMP_REQUEUE_PI", 0xc),
    n("FUTEX_WAIT_REQUEUE_PI", 0xb),
    n("FUTEX_WAKE_BITSET", 0xa),
    n("FUTEX_WAIT_BITSET", 9),
    n("FUTEX_TRYLOCK_PI", 8),
    n("FUTEX_UNLOCK_PI", 7),
    n("FUTEX_LOCK_PI", 6),
    n("FUTEX_WAKE_OP", 5),
    n("FUTEX_CMP_REQUEUE", 4),
    n("FUTEX_REQUEUE", 3),
    n("FUTEX_FD", 2),
    n("FUTEX_WAKE", 1),
    n("FUTEX_WAIT", 0),
];

/// libs `mount_flags` (bit flags).
pub static MOUNT_FLAGS: &[FlagName] = &[
    n("RDONLY", 1),
    n("NOSUID", 2),
    n("NODEV", 4),
    n("NOEXEC", 8),
    n("SYNCHRONOUS", 0x10),
    n("REMOUNT", 0x20),
    n("MANDLOCK", 0x40),
    n("DIRSYNC", 0x80),
    n("NOATIME", 0x400),
    n("NODIRATIME", 0x800),
    n("BIND", 0x1000),
    n("MOVE", 0x2000),
    n("REC", 0x4000),
    n("SILENT", 0x8000),
    n("POSIXACL", 0x10000),
    n("UNBINDABLE", 0x20000),
    n("PRIVATE", 0x40000),
    n("SLAVE", 0x80000),
    n("SHARED", 0x100000),
    n("RELATIME", 0x200000),
    n("KERNMOUNT", 0x400000),
    n("I_VERSION", 0x800000),
    n("STRICTATIME", 0x1000000),
    n("LAZYTIME", 0x2000000),
    n("NOSEC", 0x10000000),
    n("BORN", 0x20000000),
    n("ACTIVE", 0x40000000),
    n("NOUSER", 0x80000000),
];

/// libs `umount_flags` (bit flags).
pub static UMOUNT_FLAGS: &[FlagName] = &[
    n("FORCE", 1),
    n("DETACH", 2),
    n("EXPIRE", 4),
    n("NOFOLLOW", 8),
];

/// libs `lseek_whence` (enum values).
pub static LSEEK_WHENCE: &[FlagName] = &[n("SEEK_END", 2), n("SEEK_CUR", 1), n("SEEK_SET", 0)];

/// libs `shutdown_how` (enum values).
pub static SHUTDOWN_HOW: &[FlagName] = &[
    n("SHUT_UNKNOWN", 65535),
    n("SHUT_RDWR", 2),
    n("SHUT_WR", 1),
    n("SHUT_RD", 0),
];

/// libs `rlimit_resources` (enum values).
pub static RLIMIT_RESOURCES: &[FlagName] = &[
    n("RLIMIT_UNKNOWN", 255),
    n("RLIMIT_RTTIME", 15),
    n("RLIMIT_RTPRIO", 14),
    n("RLIMIT_NICE", 13),
    n("RLIMIT_MSGQUEUE", 12),
    n("RLIMIT_SIGPENDING", 11),
    n("RLIMIT_LOCKS", 10),
    n("RLIMIT_AS", 9),
    n("RLIMIT_MEMLOCK", 8),
    n("RLIMIT_NOFILE", 7),
    n("RLIMIT_NPROC", 6),
    n("RLIMIT_RSS", 5),
    n("RLIMIT_CORE", 4),
    n("RLIMIT_STACK", 3),
    n("RLIMIT_DATA", 2),
    n("RLIMIT_FSIZE", 1),
    n("RLIMIT_CPU", 0),
];

/// libs `fcntl_commands` (enum values).
pub static FCNTL_COMMANDS: &[FlagName] = &[
    n("F_GETPIPE_SZ", 29),
    n("F_SETPIPE_SZ", 28),
    n("F_NOTIFY", 27),
    n("F_DUPFD_CLOEXEC", 26),
    n("F_CANCELLK", 25),
    n("F_GETLEASE", 24),
    n("F_SETLEASE", 23),
    n("F_GETOWN_EX", 22),
    n("F_SETOWN_EX", 21),
    n("F_SETLKW64", 19),
    n("F_SETLK64", 18),
    n("F_GETLK64", 17),
    n("F_GETSIG", 15),
    n("F_SETSIG", 13),
    n("F_GETOWN", 12),
    n("F_SETOWN", 10),
    n("F_SETLKW", 9),
    n("F_SETLK", 8),
    n("F_GETLK", 6),
    n("F_SETFL", 5),
    n("F_GETFL", 4),
    n("F_SETFD", 3),
    n("F_GETFD", 2),
    n("F_DUPFD", 1),
    n("F_OFD_GETLK", 30),
    n("F_OFD_SETLK", 31),
    n("F_OFD_SETLKW", 32),
    n("UNKNOWN", 0),
];

/// libs `sockopt_levels` (enum values).
pub static SOCKOPT_LEVELS: &[FlagName] = &[n("SOL_SOCKET", 1), n("SOL_TCP", 2), n("UNKNOWN", 0)];

/// libs `sockopt_options` (enum values).
pub static SOCKOPT_OPTIONS: &[FlagName] = &[
    n("SO_COOKIE", 53),
    n("SO_MEMINFO", 52),
    n("SO_PEERGROUPS", 51),
    n("SO_ATTACH_BPF", 50),
    n("SO_INCOMING_CPU", 49),
    n("SO_BPF_EXTENSIONS", 48),
    n("SO_MAX_PACING_RATE", 47),
    n("SO_BUSY_POLL", 46),
    n("SO_SELECT_ERR_QUEUE", 45),
    n("SO_LOCK_FILTER", 44),
    n("SO_NOFCS", 43),
    n("SO_PEEK_OFF", 42),
    n("SO_WIFI_STATUS", 41),
    n("SO_RXQ_OVFL", 40),
    n("SO_DOMAIN", 39),
    n("SO_PROTOCOL", 38),
    n("SO_TIMESTAMPING", 37),
    n("SO_MARK", 36),
    n("SO_TIMESTAMPNS", 35),
    n("SO_PASSSEC", 34),
    n("SO_PEERSEC", 31),
    n("SO_ACCEPTCONN", 30),
    n("SO_TIMESTAMP", 29),
    n("SO_PEERNAME", 28),
    n("SO_DETACH_FILTER", 27),
    n("SO_ATTACH_FILTER", 26),
    n("SO_BINDTODEVICE", 25),
    n("SO_SECURITY_ENCRYPTION_NETWORK", 24),
    n("SO_SECURITY_ENCRYPTION_TRANSPORT", 23),
    n("SO_SECURITY_AUTHENTICATION", 22),
    n("SO_SNDTIMEO", 21),
    n("SO_RCVTIMEO", 20),
    n("SO_SNDLOWAT", 19),
    n("SO_RCVLOWAT", 18),
    n("SO_PEERCRED", 17),
    n("SO_PASSCRED", 16),
    n("SO_REUSEPORT", 15),
    n("SO_BSDCOMPAT", 14),
    n("SO_LINGER", 13),
    n("SO_PRIORITY", 12),
    n("SO_NO_CHECK", 11),
    n("SO_OOBINLINE", 10),
    n("SO_KEEPALIVE", 9),
    n("SO_RCVBUFFORCE", 33),
    n("SO_SNDBUFFORCE", 32),
    n("SO_RCVBUF", 8),
    n("SO_SNDBUF", 7),
    n("SO_BROADCAST", 6),
    n("SO_DONTROUTE", 5),
    n("SO_ERROR", 4),
    n("SO_TYPE", 3),
    n("SO_REUSEADDR", 2),
    n("SO_DEBUG", 1),
    n("UNKNOWN", 0),
];

/// libs `ptrace_requests` (enum values).
pub static PTRACE_REQUESTS: &[FlagName] = &[
    n("PTRACE_SINGLEBLOCK", 38),
    n("PTRACE_SYSEMU_SINGLESTEP", 37),
    n("PTRACE_SYSEMU", 36),
    n("PTRACE_ARCH_PRCTL", 35),
    n("PTRACE_SET_THREAD_AREA", 34),
    n("PTRACE_GET_THREAD_AREA", 33),
    n("PTRACE_OLDSETOPTIONS", 32),
    n("PTRACE_SETFPXREGS", 31),
    n("PTRACE_GETFPXREGS", 30),
    n("PTRACE_SETFPREGS", 29),
    n("PTRACE_GETFPREGS", 28),
    n("PTRACE_SETREGS", 27),
    n("PTRACE_GETREGS", 26),
    n("PTRACE_SETSIGMASK", 25),
    n("PTRACE_GETSIGMASK", 24),
    n("PTRACE_PEEKSIGINFO", 23),
    n("PTRACE_LISTEN", 22),
    n("PTRACE_INTERRUPT", 21),
    n("PTRACE_SEIZE", 20),
    n("PTRACE_SETREGSET", 19),
    n("PTRACE_GETREGSET", 18),
    n("PTRACE_SETSIGINFO", 17),
    n("PTRACE_GETSIGINFO", 16),
    n("PTRACE_GETEVENTMSG", 15),
    n("PTRACE_SETOPTIONS", 14),
    n("PTRACE_SYSCALL", 13),
    n("PTRACE_DETACH", 12),
    n("PTRACE_ATTACH", 11),
    n("PTRACE_SINGLESTEP", 10),
    n("PTRACE_KILL", 9),
    n("PTRACE_CONT", 8),
    n("PTRACE_POKEUSR", 7),
    n("PTRACE_POKEDATA", 6),
    n("PTRACE_POKETEXT", 5),
    n("PTRACE_PEEKUSR", 4),
    n("PTRACE_PEEKDATA", 3),
    n("PTRACE_PEEKTEXT", 2),
    n("PTRACE_TRACEME", 1),
    n("PTRACE_UNKNOWN", 0),
];

/// libs `prot_flags` (bit flags).
pub static PROT_FLAGS: &[FlagName] = &[
    n("PROT_READ", 1),
    n("PROT_WRITE", 2),
    n("PROT_EXEC", 4),
    n("PROT_SEM", 8),
    n("PROT_GROWSDOWN", 0x10),
    n("PROT_GROWSUP", 0x20),
    n("PROT_SAO", 0x40),
    n("PROT_NONE", 0),
];

/// libs `mmap_flags` (bit flags).
pub static MMAP_FLAGS: &[FlagName] = &[
    n("MAP_SHARED", 1),
    n("MAP_PRIVATE", 2),
    n("MAP_FIXED", 4),
    n("MAP_ANONYMOUS", 8),
    n("MAP_32BIT", 0x10),
    n("MAP_RENAME", 0x20),
    n("MAP_NORESERVE", 0x40),
    n("MAP_POPULATE", 0x80),
    n("MAP_NONBLOCK", 0x100),
    n("MAP_GROWSDOWN", 0x200),
    n("MAP_DENYWRITE", 0x400),
    n("MAP_EXECUTABLE", 0x800),
    n("MAP_INHERIT", 0x1000),
    n("MAP_FILE", 0x2000),
    n("MAP_LOCKED", 0x4000),
];

/// libs `splice_flags` (bit flags).
pub static SPLICE_FLAGS: &[FlagName] = &[
    n("SPLICE_F_MOVE", 1),
    n("SPLICE_F_NONBLOCK", 2),
    n("SPLICE_F_MORE", 4),
    n("SPLICE_F_GIFT", 8),
];

/// libs `quotactl_dqi_flags` (bit flags).
pub static QUOTACTL_DQI_FLAGS: &[FlagName] = &[n("DQF_NONE", 1), n("V1_DQF_RSQUASH", 2)];

/// libs `quotactl_cmds` (bit flags).
pub static QUOTACTL_CMDS: &[FlagName] = &[
    n("Q_QUOTAON", 1),
    n("Q_QUOTAOFF", 2),
    n("Q_GETFMT", 4),
    n("Q_GETINFO", 8),
    n("Q_SETINFO", 0x10),
    n("Q_GETQUOTA", 0x20),
    n("Q_SETQUOTA", 0x40),
    n("Q_SYNC", 0x80),
    n("Q_XQUOTAON", 0x100),
    n("Q_XQUOTAOFF", 0x200),
    n("Q_XGETQUOTA", 0x400),
    n("Q_XSETQLIM", 0x800),
    n("Q_XGETQSTAT", 0x1000),
    n("Q_XQUOTARM", 0x2000),
    n("Q_XQUOTASYNC", 0x4000),
];

/// libs `quotactl_types` (bit flags).
pub static QUOTACTL_TYPES: &[FlagName] = &[n("USRQUOTA", 1), n("GRPQUOTA", 2)];

/// libs `quotactl_quota_fmts` (bit flags).
pub static QUOTACTL_QUOTA_FMTS: &[FlagName] = &[
    n("QFMT_NOT_USED", 1),
    n("QFMT_VFS_OLD", 2),
    n("QFMT_VFS_V0", 4),
    n("QFMT_VFS_V1", 8),
];

/// libs `semop_flags` (bit flags).
pub static SEMOP_FLAGS: &[FlagName] = &[n("IPC_NOWAIT", 1), n("SEM_UNDO", 2)];

/// libs `semget_flags` (bit flags).
pub static SEMGET_FLAGS: &[FlagName] = &[n("IPC_EXCL", 0x4000), n("IPC_CREAT", 0x2000)];

/// libs `semctl_commands` (bit flags).
pub static SEMCTL_COMMANDS: &[FlagName] = &[
    n("IPC_STAT", 1),
    n("IPC_SET", 2),
    n("IPC_RMID", 4),
    n("IPC_INFO", 8),
    n("SEM_INFO", 0x10),
    n("SEM_STAT", 0x20),
    n("GETALL", 0x40),
    n("GETNCNT", 0x80),
    n("GETPID", 0x100),
    n("GETVAL", 0x200),
    n("GETZCNT", 0x400),
    n("SETALL", 0x800),
    n("SETVAL", 0x1000),
];

/// libs `access_flags` (bit flags).
pub static ACCESS_FLAGS: &[FlagName] = &[n("F_OK", 0), n("R_OK", 4), n("W_OK", 2), n("X_OK", 1)];

/// libs `pf_flags` (bit flags).
pub static PF_FLAGS: &[FlagName] = &[
    n("PROTECTION_VIOLATION", 1),
    n("PAGE_NOT_PRESENT", 2),
    n("WRITE_ACCESS", 4),
    n("READ_ACCESS", 8),
    n("USER_FAULT", 0x10),
    n("SUPERVISOR_FAULT", 0x20),
    n("RESERVED_PAGE", 0x40),
    n("INSTRUCTION_FETCH", 0x80),
];

/// libs `unlinkat_flags` (bit flags).
pub static UNLINKAT_FLAGS: &[FlagName] = &[n("AT_REMOVEDIR", 0x200)];

/// libs `linkat_flags` (bit flags).
pub static LINKAT_FLAGS: &[FlagName] = &[n("AT_SYMLINK_FOLLOW", 0x400), n("AT_EMPTY_PATH", 0x1000)];

/// libs `newfstatat_flags` (bit flags).
pub static NEWFSTATAT_FLAGS: &[FlagName] = &[
    n("AT_EMPTY_PATH", 0x1000),
    n("AT_NO_AUTOMOUNT", 0x800),
    n("AT_SYMLINK_NOFOLLOW", 0x100),
];

/// libs `chmod_mode` (mode bits).
pub static CHMOD_MODE: &[FlagName] = &[
    n("S_IXOTH", 1),
    n("S_IWOTH", 2),
    n("S_IROTH", 4),
    n("S_IXGRP", 8),
    n("S_IWGRP", 0x10),
    n("S_IRGRP", 0x20),
    n("S_IXUSR", 0x40),
    n("S_IWUSR", 0x80),
    n("S_IRUSR", 0x100),
    n("S_ISVTX", 0x200),
    n("S_ISGID", 0x400),
    n("S_ISUID", 0x800),
];

/// libs `fchownat_flags` (bit flags).
pub static FCHOWNAT_FLAGS: &[FlagName] =
    &[n("AT_SYMLINK_NOFOLLOW", 0x400), n("AT_EMPTY_PATH", 0x1000)];

/// libs `renameat2_flags` (bit flags).
pub static RENAMEAT2_FLAGS: &[FlagName] = &[
    n("RENAME_NOREPLACE", 1),
    n("RENAME_EXCHANGE", 2),
    n("RENAME_WHITEOUT", 4),
];

/// libs `openat2_flags` (bit flags).
pub static OPENAT2_FLAGS: &[FlagName] = &[
    n("RESOLVE_BENEATH", 1),
    n("RESOLVE_IN_ROOT", 2),
    n("RESOLVE_NO_MAGICLINKS", 4),
    n("RESOLVE_NO_SYMLINKS", 8),
    n("RESOLVE_NO_XDEV", 0x10),
    n("RESOLVE_CACHED", 0x20),
];

/// libs `execve_flags` (bit flags).
pub static EXECVE_FLAGS: &[FlagName] = &[
    n("EXE_WRITABLE", 1),
    n("EXE_UPPER_LAYER", 2),
    n("EXE_FROM_MEMFD", 4),
    n("EXE_LOWER_LAYER", 8),
];

/// libs `execveat_flags` (bit flags).
pub static EXECVEAT_FLAGS: &[FlagName] = &[n("AT_EMPTY_PATH", 1), n("AT_SYMLINK_NOFOLLOW", 2)];

/// libs `io_uring_setup_flags` (bit flags).
pub static IO_URING_SETUP_FLAGS: &[FlagName] = &[
    n("IORING_SETUP_IOPOLL", 1),
    n("IORING_SETUP_SQPOLL", 2),
    n("IORING_SQ_NEED_WAKEUP", 4),
    n("IORING_SETUP_SQ_AFF", 8),
    n("IORING_SETUP_CQSIZE", 0x10),
    n("IORING_SETUP_CLAMP", 0x20),
    n("IORING_SETUP_ATTACH_RW", 0x40),
    n("IORING_SETUP_R_DISABLED", 0x80),
];

/// libs `io_uring_setup_feats` (bit flags).
pub static IO_URING_SETUP_FEATS: &[FlagName] = &[
    n("IORING_FEAT_SINGLE_MMAP", 1),
    n("IORING_FEAT_NODROP", 2),
    n("IORING_FEAT_SUBMIT_STABLE", 4),
    n("IORING_FEAT_RW_CUR_POS", 8),
    n("IORING_FEAT_CUR_PERSONALITY", 0x10),
    n("IORING_FEAT_FAST_POLL", 0x20),
    n("IORING_FEAT_POLL_32BITS", 0x40),
    n("IORING_FEAT_SQPOLL_NONFIXED", 0x80),
    n("IORING_FEAT_ENTER_EXT_ARG", 0x100),
    n("IORING_FEAT_NATIVE_WORKERS", 0x200),
    n("IORING_FEAT_RSRC_TAGS", 0x400),
];

/// libs `io_uring_enter_flags` (bit flags).
pub static IO_URING_ENTER_FLAGS: &[FlagName] = &[
    n("IORING_ENTER_GETEVENTS", 1),
    n("IORING_ENTER_SQ_WAKEUP", 2),
    n("IORING_ENTER_SQ_WAIT", 4),
    n("IORING_ENTER_EXT_ARG", 8),
];

/// libs `io_uring_register_opcodes` (enum values).
pub static IO_URING_REGISTER_OPCODES: &[FlagName] = &[
    n("IORING_REGISTER_BUFFERS", 0),
    n("IORING_UNREGISTER_BUFFERS", 1),
    n("IORING_REGISTER_FILES", 2),
    n("IORING_UNREGISTER_FILES", 3),
    n("IORING_REGISTER_EVENTFD", 4),
    n("IORING_UNREGISTER_EVENTFD", 5),
    n("IORING_REGISTER_FILES_UPDATE", 6),
    n("IORING_REGISTER_EVENTFD_ASYNC", 7),
    n("IORING_REGISTER_PROBE", 8),
    n("IORING_REGISTER_PERSONALITY", 9),
    n("IORING_UNREGISTER_PERSONALITY", 10),
    n("IORING_REGISTER_RESTRICTIONS", 11),
    n("IORING_REGISTER_ENABLE_RINGS", 12),
    n("IORING_REGISTER_FILES2", 13),
    n("IORING_REGISTER_FILES_UPDATE2", 14),
    n("IORING_REGISTER_BUFFERS2", 15),
    n("IORING_REGISTER_BUFFERS_UPDATE", 16),
    n("IORING_REGISTER_IOWQ_AFF", 17),
    n("IORING_UNREGISTER_IOWQ_AFF", 18),
    n("IORING_REGISTER_IOWQ_MAX_WORKERS", 19),
    n("IORING_REGISTER_RING_FDS", 20),
    n("IORING_UNREGISTER_RING_FDS", 21),
];

/// libs `mlockall_flags` (bit flags).
pub static MLOCKALL_FLAGS: &[FlagName] =
    &[n("MCL_CURRENT", 1), n("MCL_FUTURE", 2), n("MCL_ONFAULT", 4)];

/// libs `mlock2_flags` (bit flags).
pub static MLOCK2_FLAGS: &[FlagName] = &[n("MLOCK_ONFAULT", 1)];

/// libs `fsconfig_cmds` (enum values).
pub static FSCONFIG_CMDS: &[FlagName] = &[
    n("FSCONFIG_SET_FLAG", 0),
    n("FSCONFIG_SET_STRING", 1),
    n("FSCONFIG_SET_BINARY", 2),
    n("FSCONFIG_SET_PATH", 3),
    n("FSCONFIG_SET_PATH_EMPTY", 4),
    n("FSCONFIG_SET_FD", 5),
    n("FSCONFIG_CMD_CREATE", 6),
    n("FSCONFIG_CMD_RECONFIGURE", 7),
];

/// libs `epoll_create1_flags` (bit flags).
pub static EPOLL_CREATE1_FLAGS: &[FlagName] = &[n("EPOLL_CLOEXEC", 1)];

/// libs `prctl_options` (enum values).
pub static PRCTL_OPTIONS: &[FlagName] = &[
    n("PR_GET_DUMPABLE", 3),
    n("PR_SET_DUMPABLE", 4),
    n("PR_GET_KEEPCAPS", 7),
    n("PR_SET_KEEPCAPS", 8),
    n("PR_SET_NAME", 15),
    n("PR_GET_NAME", 16),
    n("PR_GET_SECCOMP", 21),
    n("PR_SET_SECCOMP", 22),
    n("PR_CAPBSET_READ", 23),
    n("PR_CAPBSET_DROP", 24),
    n("PR_GET_SECUREBITS", 27),
    n("PR_SET_SECUREBITS", 28),
    n("PR_MCE_KILL", 33),
    n("PR_MCE_KILL", 33),
    n("PR_SET_MM", 35),
    n("PR_SET_CHILD_SUBREAPER", 36),
    n("PR_GET_CHILD_SUBREAPER", 37),
    n("PR_SET_NO_NEW_PRIVS", 38),
    n("PR_GET_NO_NEW_PRIVS", 39),
    n("PR_GET_TID_ADDRESS", 40),
    n("PR_SET_THP_DISABLE", 41),
    n("PR_GET_THP_DISABLE", 42),
    n("PR_CAP_AMBIENT", 47),
];

/// libs `keyctl_operations` (enum values).
pub static KEYCTL_OPERATIONS: &[FlagName] = &[
    n("KEYCTL_GET_KEYRING_ID", 0),
    n("KEYCTL_JOIN_SESSION_KEYRING", 1),
    n("KEYCTL_UPDATE", 2),
    n("KEYCTL_REVOKE", 3),
    n("KEYCTL_CHOWN", 4),
    n("KEYCTL_SETPERM", 5),
    n("KEYCTL_DESCRIBE", 6),
    n("KEYCTL_CLEAR", 7),
    n("KEYCTL_LINK", 8),
    n("KEYCTL_UNLINK", 9),
    n("KEYCTL_SEARCH", 10),
    n("KEYCTL_READ", 11),
    n("KEYCTL_INSTANTIATE", 12),
    n("KEYCTL_NEGATE", 13),
    n("KEYCTL_SET_REQKEY_KEYRING", 14),
    n("KEYCTL_SET_TIMEOUT", 15),
    n("KEYCTL_ASSUME_AUTHORITY", 16),
    n("KEYCTL_GET_SECURITY", 17),
    n("KEYCTL_SESSION_TO_PARENT", 18),
    n("KEYCTL_REJECT", 19),
    n("KEYCTL_INSTANTIATE_IOV", 20),
    n("KEYCTL_INVALIDATE", 21),
    n("KEYCTL_GET_PERSISTENT", 22),
    n("KEYCTL_DH_COMPUTE", 23),
    n("KEYCTL_PKEY_QUERY", 24),
    n("KEYCTL_PKEY_ENCRYPT", 25),
    n("KEYCTL_PKEY_DECRYPT", 26),
    n("KEYCTL_PKEY_SIGN", 27),
    n("KEYCTL_PKEY_VERIFY", 28),
    n("KEYCTL_RESTRICT_KEYRING", 29),
    n("KEYCTL_MOVE", 30),
    n("KEYCTL_CAPABILITIES", 31),
    n("KEYCTL_WATCH_KEY", 32),
];

/// libs `memfd_create_flags` (bit flags).
pub static MEMFD_CREATE_FLAGS: &[FlagName] = &[
    n("MFD_CLOEXEC", 1),
    n("MFD_ALLOW_SEALING", 2),
    n("MFD_HUGETLB", 4),
];

/// libs `pidfd_open_flags` (bit flags).
pub static PIDFD_OPEN_FLAGS: &[FlagName] = &[n("PIDFD_NONBLOCK", 1)];

/// libs `mknod_mode` (mode bits).
pub static MKNOD_MODE: &[FlagName] = &[
    n("S_IXOTH", 1),
    n("S_IWOTH", 2),
    n("S_IROTH", 4),
    n("S_IXGRP", 8),
    n("S_IWGRP", 0x10),
    n("S_IRGRP", 0x20),
    n("S_IXUSR", 0x40),
    n("S_IWUSR", 0x80),
    n("S_IRUSR", 0x100),
    n("S_ISVTX", 0x200),
    n("S_ISGID", 0x400),
    n("S_ISUID", 0x800),
    n("S_IFREG", 0x8000),
    n("S_IFCHR", 0x2000),
    n("S_IFBLK", 0x6000),
    n("S_IFIFO", 0x1000),
    n("S_IFSOCK", 0xc000),
];

/// libs `bpf_commands` (enum values).
pub static BPF_COMMANDS: &[FlagName] = &[
    n("BPF_MAP_CREATE", 0),
    n("BPF_MAP_LOOKUP_ELEM", 1),
    n("BPF_MAP_UPDATE_ELEM", 2),
    n("BPF_MAP_DELETE_ELEM", 3),
    n("BPF_MAP_GET_NEXT_KEY", 4),
    n("BPF_PROG_LOAD", 5),
    n("BPF_OBJ_PIN", 6),
    n("BPF_OBJ_GET", 7),
    n("BPF_PROG_ATTACH", 8),
    n("BPF_PROG_DETACH", 9),
    n("BPF_PROG_TEST_RUN", 10),
    n("BPF_PROG_RUN", 10),
    n("BPF_PROG_GET_NEXT_ID", 11),
    n("BPF_MAP_GET_NEXT_ID", 12),
    n("BPF_PROG_GET_FD_BY_ID", 13),
    n("BPF_MAP_GET_FD_BY_ID", 14),
    n("BPF_OBJ_GET_INFO_BY_FD", 15),
    n("BPF_PROG_QUERY", 16),
    n("BPF_RAW_TRACEPOINT_OPEN", 17),
    n("BPF_BTF_LOAD", 18),
    n("BPF_BTF_GET_FD_BY_ID", 19),
    n("BPF_TASK_FD_QUERY", 20),
    n("BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21),
    n("BPF_MAP_FREEZE", 22),
    n("BPF_BTF_GET_NEXT_ID", 23),
    n("BPF_MAP_LOOKUP_BATCH", 24),
    n("BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25),
    n("BPF_MAP_UPDATE_BATCH", 26),
    n("BPF_MAP_DELETE_BATCH", 27),
    n("BPF_LINK_CREATE", 28),
    n("BPF_LINK_UPDATE", 29),
    n("BPF_LINK_GET_FD_BY_ID", 30),
    n("BPF_LINK_GET_NEXT_ID", 31),
    n("BPF_ENABLE_STATS", 32),
    n("BPF_ITER_CREATE", 33),
    n("BPF_LINK_DETACH", 34),
    n("BPF_PROG_BIND_MAP", 35),
];

/// libs `delete_module_flags` (bit flags).
pub static DELETE_MODULE_FLAGS: &[FlagName] = &[n("O_NONBLOCK", 2), n("O_TRUNC", 1)];

/// libs `close_range_flags` (bit flags).
pub static CLOSE_RANGE_FLAGS: &[FlagName] =
    &[n("CLOSE_RANGE_UNSHARE", 2), n("CLOSE_RANGE_CLOEXEC", 4)];

/// libs `finit_module_flags` (bit flags).
pub static FINIT_MODULE_FLAGS: &[FlagName] = &[
    n("MODULE_INIT_IGNORE_MODVERSIONS", 1),
    n("MODULE_INIT_IGNORE_VERMAGIC", 2),
    n("MODULE_INIT_COMPRESSED_FILE", 4),
];

/// libs `anon_inode_fd_types` (bit flags).
pub static ANON_INODE_FD_TYPES: &[FlagName] = &[
    n("ANON_INODE_FD_TYPE_UNKNOWN", 0),
    n("ANON_INODE_FD_TYPE_EVENTFD", 1),
    n("ANON_INODE_FD_TYPE_EVENTPOLL", 2),
    n("ANON_INODE_FD_TYPE_INOTIFY", 3),
    n("ANON_INODE_FD_TYPE_SIGNALFD", 4),
    n("ANON_INODE_FD_TYPE_TIMERFD", 5),
    n("ANON_INODE_FD_TYPE_IO_URING", 6),
    n("ANON_INODE_FD_TYPE_USERFAULTFD", 7),
    n("ANON_INODE_FD_TYPE_PIDFD", 8),
    n("ANON_INODE_FD_TYPE_BPF_MAP", 9),
    n("ANON_INODE_FD_TYPE_BPF_PROG", 0xa),
    n("ANON_INODE_FD_TYPE_BPF_LINK", 0xb),
    n("ANON_INODE_FD_TYPE_BPF_ITER", 0xc),
    n("ANON_INODE_FD_TYPE_PERF_EVENT", 0xd),
];

/// The name sysdig gives a (positive) Linux errno, as in `res=-2(ENOENT)`.
///
/// The set is that of libsinsp `sinsp_utils::errno_to_str` (identical in libs
/// e5c53d64 and 48dfd53), including the kernel-internal codes 512..=530. Numbers it
/// does not know (41, 58, 126..=133, …) give `None`: sysdig then prints the bare
/// number.
pub fn errno_name(errno: u32) -> Option<&'static str> {
    Some(match errno {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        8 => "ENOEXEC",
        9 => "EBADF",
        10 => "ECHILD",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        14 => "EFAULT",
        15 => "ENOTBLK",
        16 => "EBUSY",
        17 => "EEXIST",
        18 => "EXDEV",
        19 => "ENODEV",
        20 => "ENOTDIR",
        21 => "EISDIR",
        22 => "EINVAL",
        23 => "ENFILE",
        24 => "EMFILE",
        25 => "ENOTTY",
        26 => "ETXTBSY",
        27 => "EFBIG",
        28 => "ENOSPC",
        29 => "ESPIPE",
        30 => "EROFS",
        31 => "EMLINK",
        32 => "EPIPE",
        33 => "EDOM",
        34 => "ERANGE",
        35 => "EDEADLK",
        36 => "ENAMETOOLONG",
        37 => "ENOLCK",
        38 => "ENOSYS",
        39 => "ENOTEMPTY",
        40 => "ELOOP",
        42 => "ENOMSG",
        43 => "EIDRM",
        44 => "ECHRNG",
        45 => "EL2NSYNC",
        46 => "EL3HLT",
        47 => "EL3RST",
        48 => "ELNRNG",
        49 => "EUNATCH",
        50 => "ENOCSI",
        51 => "EL2HLT",
        52 => "EBADE",
        53 => "EBADR",
        54 => "EXFULL",
        55 => "ENOANO",
        56 => "EBADRQC",
        57 => "EBADSLT",
        59 => "EBFONT",
        60 => "ENOSTR",
        61 => "ENODATA",
        62 => "ETIME",
        63 => "ENOSR",
        64 => "ENONET",
        65 => "ENOPKG",
        66 => "EREMOTE",
        67 => "ENOLINK",
        68 => "EADV",
        69 => "ESRMNT",
        70 => "ECOMM",
        71 => "EPROTO",
        72 => "EMULTIHOP",
        73 => "EDOTDOT",
        74 => "EBADMSG",
        75 => "EOVERFLOW",
        76 => "ENOTUNIQ",
        77 => "EBADFD",
        78 => "EREMCHG",
        79 => "ELIBACC",
        80 => "ELIBBAD",
        81 => "ELIBSCN",
        82 => "ELIBMAX",
        83 => "ELIBEXEC",
        84 => "EILSEQ",
        85 => "ERESTART",
        86 => "ESTRPIPE",
        87 => "EUSERS",
        88 => "ENOTSOCK",
        89 => "EDESTADDRREQ",
        90 => "EMSGSIZE",
        91 => "EPROTOTYPE",
        92 => "ENOPROTOOPT",
        93 => "EPROTONOSUPPORT",
        94 => "ESOCKTNOSUPPORT",
        95 => "EOPNOTSUPP",
        96 => "EPFNOSUPPORT",
        97 => "EAFNOSUPPORT",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        100 => "ENETDOWN",
        101 => "ENETUNREACH",
        102 => "ENETRESET",
        103 => "ECONNABORTED",
        104 => "ECONNRESET",
        105 => "ENOBUFS",
        106 => "EISCONN",
        107 => "ENOTCONN",
        108 => "ESHUTDOWN",
        109 => "ETOOMANYREFS",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        112 => "EHOSTDOWN",
        113 => "EHOSTUNREACH",
        114 => "EALREADY",
        115 => "EINPROGRESS",
        116 => "ESTALE",
        117 => "EUCLEAN",
        118 => "ENOTNAM",
        119 => "ENAVAIL",
        120 => "EISNAM",
        121 => "EREMOTEIO",
        122 => "EDQUOT",
        123 => "ENOMEDIUM",
        124 => "EMEDIUMTYPE",
        125 => "ECANCELED",
        512 => "ERESTARTSYS",
        513 => "ERESTARTNOINTR",
        514 => "ERESTARTNOHAND",
        515 => "ENOIOCTLCMD",
        516 => "ERESTART_RESTARTBLOCK",
        521 => "EBADHANDLE",
        522 => "ENOTSYNC",
        523 => "EBADCOOKIE",
        524 => "ENOTSUPP",
        525 => "ETOOSMALL",
        526 => "ESERVERFAULT",
        527 => "EBADTYPE",
        528 => "EJUKEBOX",
        529 => "EIOCBQUEUED",
        530 => "EIOCBRETRY",
        _ => return None,
    })
}

/// The name sysdig gives a signal number (`PT_SIGTYPE`), as in `sig=17(SIGCHLD)`.
///
/// The set is that of libsinsp `sinsp_utils::signal_to_str` (identical in libs
/// e5c53d64 and 48dfd53): the Linux x86 numbering 1..=31; real-time signals and 0
/// give `None`.
pub fn signal_name(sig: u8) -> Option<&'static str> {
    Some(match sig {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        16 => "SIGSTKFLT",
        17 => "SIGCHLD",
        18 => "SIGCONT",
        19 => "SIGSTOP",
        20 => "SIGTSTP",
        21 => "SIGTTIN",
        22 => "SIGTTOU",
        23 => "SIGURG",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        26 => "SIGVTALRM",
        27 => "SIGPROF",
        28 => "SIGWINCH",
        29 => "SIGIO",
        30 => "SIGPWR",
        31 => "SIGSYS",
        _ => return None,
    })
}

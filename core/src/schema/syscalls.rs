//! System call names for the `ID` parameter (`PT_SYSCALLID`) of the generic
//! `syscall` event (ids 0/1).
//!
//! # What the id means
//!
//! In every capture era the `ID` is a libs `PPM_SC_*` code (`ppm_sc_code`),
//! never the native syscall number: every driver filler (kmod `f_sys_generic`
//! since 2014, the eBPF probes, the modern eBPF probe) maps the native number
//! through its syscall table to a `PPM_SC` code; the native x86_64 number
//! travels separately in the enter event's `nativeID`. Syscalls a driver did
//! not know map to 0 (`PPM_SC_UNKNOWN`).
//!
//! The `PPM_SC` numbering is append-only: codes `0..=328` mean the same
//! syscall in libs e5c53d64 (sysdig 0.29.3, whose `PPM_SC_MAX` is 329) and in
//! current libs 48dfd53 (`PPM_SC_MAX` 454). Checked against the shared
//! captures (2016..2023): for every generic enter event the name sysdig 0.29.3
//! prints for `ID` agrees with the x86_64 `nativeID` (e.g. native 10 → mprotect,
//! 228 → clock_gettime, 281 → epoll_pwait), except that 2016 drivers sent 0
//! (`<unknown>`) for syscalls they did not know (native 221 fadvise64,
//! 318 getrandom).
//!
//! # What differs between eras: the printed names
//!
//! Only the spelling differs. sysdig 0.29.3 prints the names of its hand-written
//! `g_syscall_info_table` ([`syscall_name`]); libs since 7925fdc0 (2022-10)
//! prints the lower-cased `PPM_SC_X` enum names ([`syscall_name_libs`]). They
//! disagree on 13 codes (305..=313 are, in order, setuid, getuid, setgid,
//! geteuid, getgid, setresuid, setresgid, getresuid, getresgid):
//!
//! | code | sysdig 0.29.3 | current libs |
//! |---|---|---|
//! | 0 | `<unknown>` | `unknown` |
//! | 283 | `newselect` | `_newselect` |
//! | 292 | `llseek` | `_llseek` |
//! | 298 | `sigreturn` | `rt_sigreturn` |
//! | 305..=313 | `setuid` … `getresgid` | `setuid32` … `getresgid32` |
//!
//! Codes `329..=453` exist only in current libs; sysdig 0.29.3 has no name for
//! them (its `evt.arg.ID` prints `<unknown syscall>`).

/// Syscall names of sysdig 0.29.3 (libs e5c53d64 `g_syscall_info_table`), by
/// `PPM_SC` code `0..=328`.
static SYSDIG_0_29_NAMES: [&str; 329] = [
    "<unknown>",              // 0
    "restart_syscall",        // 1
    "exit",                   // 2
    "read",                   // 3
    "write",                  // 4
    "open",                   // 5
    "close",                  // 6
    "creat",                  // 7
    "link",                   // 8
    "unlink",                 // 9
    "chdir",                  // 10
    "time",                   // 11
    "mknod",                  // 12
    "chmod",                  // 13
    "stat",                   // 14
    "lseek",                  // 15
    "getpid",                 // 16
    "mount",                  // 17
    "ptrace",                 // 18
    "alarm",                  // 19
    "fstat",                  // 20
    "pause",                  // 21
    "utime",                  // 22
    "access",                 // 23
    "sync",                   // 24
    "kill",                   // 25
    "rename",                 // 26
    "mkdir",                  // 27
    "rmdir",                  // 28
    "dup",                    // 29
    "pipe",                   // 30
    "times",                  // 31
    "brk",                    // 32
    "acct",                   // 33
    "ioctl",                  // 34
    "fcntl",                  // 35
    "setpgid",                // 36
    "umask",                  // 37
    "chroot",                 // 38
    "ustat",                  // 39
    "dup2",                   // 40
    "getppid",                // 41
    "getpgrp",                // 42
    "setsid",                 // 43
    "sethostname",            // 44
    "setrlimit",              // 45
    "getrusage",              // 46
    "gettimeofday",           // 47
    "settimeofday",           // 48
    "symlink",                // 49
    "lstat",                  // 50
    "readlink",               // 51
    "uselib",                 // 52
    "swapon",                 // 53
    "reboot",                 // 54
    "mmap",                   // 55
    "munmap",                 // 56
    "truncate",               // 57
    "ftruncate",              // 58
    "fchmod",                 // 59
    "getpriority",            // 60
    "setpriority",            // 61
    "statfs",                 // 62
    "fstatfs",                // 63
    "syslog",                 // 64
    "setitimer",              // 65
    "getitimer",              // 66
    "uname",                  // 67
    "vhangup",                // 68
    "wait4",                  // 69
    "swapoff",                // 70
    "sysinfo",                // 71
    "fsync",                  // 72
    "setdomainname",          // 73
    "adjtimex",               // 74
    "mprotect",               // 75
    "init_module",            // 76
    "delete_module",          // 77
    "quotactl",               // 78
    "getpgid",                // 79
    "fchdir",                 // 80
    "sysfs",                  // 81
    "personality",            // 82
    "getdents",               // 83
    "select",                 // 84
    "flock",                  // 85
    "msync",                  // 86
    "readv",                  // 87
    "writev",                 // 88
    "getsid",                 // 89
    "fdatasync",              // 90
    "mlock",                  // 91
    "munlock",                // 92
    "mlockall",               // 93
    "munlockall",             // 94
    "sched_setparam",         // 95
    "sched_getparam",         // 96
    "sched_setscheduler",     // 97
    "sched_getscheduler",     // 98
    "sched_yield",            // 99
    "sched_get_priority_max", // 100
    "sched_get_priority_min", // 101
    "sched_rr_get_interval",  // 102
    "nanosleep",              // 103
    "mremap",                 // 104
    "poll",                   // 105
    "prctl",                  // 106
    "rt_sigaction",           // 107
    "rt_sigprocmask",         // 108
    "rt_sigpending",          // 109
    "rt_sigtimedwait",        // 110
    "rt_sigqueueinfo",        // 111
    "rt_sigsuspend",          // 112
    "getcwd",                 // 113
    "capget",                 // 114
    "capset",                 // 115
    "sendfile",               // 116
    "getrlimit",              // 117
    "lchown",                 // 118
    "getuid",                 // 119
    "getgid",                 // 120
    "geteuid",                // 121
    "getegid",                // 122
    "setreuid",               // 123
    "setregid",               // 124
    "getgroups",              // 125
    "setgroups",              // 126
    "fchown",                 // 127
    "setresuid",              // 128
    "getresuid",              // 129
    "setresgid",              // 130
    "getresgid",              // 131
    "chown",                  // 132
    "setuid",                 // 133
    "setgid",                 // 134
    "setfsuid",               // 135
    "setfsgid",               // 136
    "pivot_root",             // 137
    "mincore",                // 138
    "madvise",                // 139
    "gettid",                 // 140
    "setxattr",               // 141
    "lsetxattr",              // 142
    "fsetxattr",              // 143
    "getxattr",               // 144
    "lgetxattr",              // 145
    "fgetxattr",              // 146
    "listxattr",              // 147
    "llistxattr",             // 148
    "flistxattr",             // 149
    "removexattr",            // 150
    "lremovexattr",           // 151
    "fremovexattr",           // 152
    "tkill",                  // 153
    "futex",                  // 154
    "sched_setaffinity",      // 155
    "sched_getaffinity",      // 156
    "set_thread_area",        // 157
    "get_thread_area",        // 158
    "io_setup",               // 159
    "io_destroy",             // 160
    "io_getevents",           // 161
    "io_submit",              // 162
    "io_cancel",              // 163
    "exit_group",             // 164
    "epoll_create",           // 165
    "epoll_ctl",              // 166
    "epoll_wait",             // 167
    "remap_file_pages",       // 168
    "set_tid_address",        // 169
    "timer_create",           // 170
    "timer_settime",          // 171
    "timer_gettime",          // 172
    "timer_getoverrun",       // 173
    "timer_delete",           // 174
    "clock_settime",          // 175
    "clock_gettime",          // 176
    "clock_getres",           // 177
    "clock_nanosleep",        // 178
    "tgkill",                 // 179
    "utimes",                 // 180
    "mq_open",                // 181
    "mq_unlink",              // 182
    "mq_timedsend",           // 183
    "mq_timedreceive",        // 184
    "mq_notify",              // 185
    "mq_getsetattr",          // 186
    "kexec_load",             // 187
    "waitid",                 // 188
    "add_key",                // 189
    "request_key",            // 190
    "keyctl",                 // 191
    "ioprio_set",             // 192
    "ioprio_get",             // 193
    "inotify_init",           // 194
    "inotify_add_watch",      // 195
    "inotify_rm_watch",       // 196
    "openat",                 // 197
    "mkdirat",                // 198
    "mknodat",                // 199
    "fchownat",               // 200
    "futimesat",              // 201
    "unlinkat",               // 202
    "renameat",               // 203
    "linkat",                 // 204
    "symlinkat",              // 205
    "readlinkat",             // 206
    "fchmodat",               // 207
    "faccessat",              // 208
    "pselect6",               // 209
    "ppoll",                  // 210
    "unshare",                // 211
    "set_robust_list",        // 212
    "get_robust_list",        // 213
    "splice",                 // 214
    "tee",                    // 215
    "vmsplice",               // 216
    "getcpu",                 // 217
    "epoll_pwait",            // 218
    "utimensat",              // 219
    "signalfd",               // 220
    "timerfd_create",         // 221
    "eventfd",                // 222
    "timerfd_settime",        // 223
    "timerfd_gettime",        // 224
    "signalfd4",              // 225
    "eventfd2",               // 226
    "epoll_create1",          // 227
    "dup3",                   // 228
    "pipe2",                  // 229
    "inotify_init1",          // 230
    "preadv",                 // 231
    "pwritev",                // 232
    "rt_tgsigqueueinfo",      // 233
    "perf_event_open",        // 234
    "fanotify_init",          // 235
    "prlimit64",              // 236
    "clock_adjtime",          // 237
    "syncfs",                 // 238
    "setns",                  // 239
    "getdents64",             // 240
    "socket",                 // 241
    "bind",                   // 242
    "connect",                // 243
    "listen",                 // 244
    "accept",                 // 245
    "getsockname",            // 246
    "getpeername",            // 247
    "socketpair",             // 248
    "sendto",                 // 249
    "recvfrom",               // 250
    "shutdown",               // 251
    "setsockopt",             // 252
    "getsockopt",             // 253
    "sendmsg",                // 254
    "sendmmsg",               // 255
    "recvmsg",                // 256
    "recvmmsg",               // 257
    "accept4",                // 258
    "semop",                  // 259
    "semget",                 // 260
    "semctl",                 // 261
    "msgsnd",                 // 262
    "msgrcv",                 // 263
    "msgget",                 // 264
    "msgctl",                 // 265
    "shmdt",                  // 266
    "shmget",                 // 267
    "shmctl",                 // 268
    "statfs64",               // 269
    "fstatfs64",              // 270
    "fstatat64",              // 271
    "sendfile64",             // 272
    "ugetrlimit",             // 273
    "bdflush",                // 274
    "sigprocmask",            // 275
    "ipc",                    // 276
    "socketcall",             // 277
    "stat64",                 // 278
    "lstat64",                // 279
    "fstat64",                // 280
    "fcntl64",                // 281
    "mmap2",                  // 282
    "newselect",              // 283
    "sgetmask",               // 284
    "ssetmask",               // 285
    "sigpending",             // 286
    "olduname",               // 287
    "umount",                 // 288
    "signal",                 // 289
    "nice",                   // 290
    "stime",                  // 291
    "llseek",                 // 292
    "waitpid",                // 293
    "pread64",                // 294
    "pwrite64",               // 295
    "arch_prctl",             // 296
    "shmat",                  // 297
    "sigreturn",              // 298
    "fallocate",              // 299
    "newfstatat",             // 300
    "process_vm_readv",       // 301
    "process_vm_writev",      // 302
    "fork",                   // 303
    "vfork",                  // 304
    "setuid",                 // 305
    "getuid",                 // 306
    "setgid",                 // 307
    "geteuid",                // 308
    "getgid",                 // 309
    "setresuid",              // 310
    "setresgid",              // 311
    "getresuid",              // 312
    "getresgid",              // 313
    "finit_module",           // 314
    "bpf",                    // 315
    "seccomp",                // 316
    "sigaltstack",            // 317
    "getrandom",              // 318
    "fadvise64",              // 319
    "renameat2",              // 320
    "userfaultfd",            // 321
    "openat2",                // 322
    "umount2",                // 323
    "execve",                 // 324
    "execveat",               // 325
    "copy_file_range",        // 326
    "clone",                  // 327
    "clone3",                 // 328
];

/// Syscall names of current libs (48dfd53 `PPM_SC_X` list, lower-cased), by `PPM_SC`
/// code `0..=453`.
static LIBS_NAMES: [&str; 454] = [
    "unknown",                 // 0
    "restart_syscall",         // 1
    "exit",                    // 2
    "read",                    // 3
    "write",                   // 4
    "open",                    // 5
    "close",                   // 6
    "creat",                   // 7
    "link",                    // 8
    "unlink",                  // 9
    "chdir",                   // 10
    "time",                    // 11
    "mknod",                   // 12
    "chmod",                   // 13
    "stat",                    // 14
    "lseek",                   // 15
    "getpid",                  // 16
    "mount",                   // 17
    "ptrace",                  // 18
    "alarm",                   // 19
    "fstat",                   // 20
    "pause",                   // 21
    "utime",                   // 22
    "access",                  // 23
    "sync",                    // 24
    "kill",                    // 25
    "rename",                  // 26
    "mkdir",                   // 27
    "rmdir",                   // 28
    "dup",                     // 29
    "pipe",                    // 30
    "times",                   // 31
    "brk",                     // 32
    "acct",                    // 33
    "ioctl",                   // 34
    "fcntl",                   // 35
    "setpgid",                 // 36
    "umask",                   // 37
    "chroot",                  // 38
    "ustat",                   // 39
    "dup2",                    // 40
    "getppid",                 // 41
    "getpgrp",                 // 42
    "setsid",                  // 43
    "sethostname",             // 44
    "setrlimit",               // 45
    "getrusage",               // 46
    "gettimeofday",            // 47
    "settimeofday",            // 48
    "symlink",                 // 49
    "lstat",                   // 50
    "readlink",                // 51
    "uselib",                  // 52
    "swapon",                  // 53
    "reboot",                  // 54
    "mmap",                    // 55
    "munmap",                  // 56
    "truncate",                // 57
    "ftruncate",               // 58
    "fchmod",                  // 59
    "getpriority",             // 60
    "setpriority",             // 61
    "statfs",                  // 62
    "fstatfs",                 // 63
    "syslog",                  // 64
    "setitimer",               // 65
    "getitimer",               // 66
    "uname",                   // 67
    "vhangup",                 // 68
    "wait4",                   // 69
    "swapoff",                 // 70
    "sysinfo",                 // 71
    "fsync",                   // 72
    "setdomainname",           // 73
    "adjtimex",                // 74
    "mprotect",                // 75
    "init_module",             // 76
    "delete_module",           // 77
    "quotactl",                // 78
    "getpgid",                 // 79
    "fchdir",                  // 80
    "sysfs",                   // 81
    "personality",             // 82
    "getdents",                // 83
    "select",                  // 84
    "flock",                   // 85
    "msync",                   // 86
    "readv",                   // 87
    "writev",                  // 88
    "getsid",                  // 89
    "fdatasync",               // 90
    "mlock",                   // 91
    "munlock",                 // 92
    "mlockall",                // 93
    "munlockall",              // 94
    "sched_setparam",          // 95
    "sched_getparam",          // 96
    "sched_setscheduler",      // 97
    "sched_getscheduler",      // 98
    "sched_yield",             // 99
    "sched_get_priority_max",  // 100
    "sched_get_priority_min",  // 101
    "sched_rr_get_interval",   // 102
    "nanosleep",               // 103
    "mremap",                  // 104
    "poll",                    // 105
    "prctl",                   // 106
    "rt_sigaction",            // 107
    "rt_sigprocmask",          // 108
    "rt_sigpending",           // 109
    "rt_sigtimedwait",         // 110
    "rt_sigqueueinfo",         // 111
    "rt_sigsuspend",           // 112
    "getcwd",                  // 113
    "capget",                  // 114
    "capset",                  // 115
    "sendfile",                // 116
    "getrlimit",               // 117
    "lchown",                  // 118
    "getuid",                  // 119
    "getgid",                  // 120
    "geteuid",                 // 121
    "getegid",                 // 122
    "setreuid",                // 123
    "setregid",                // 124
    "getgroups",               // 125
    "setgroups",               // 126
    "fchown",                  // 127
    "setresuid",               // 128
    "getresuid",               // 129
    "setresgid",               // 130
    "getresgid",               // 131
    "chown",                   // 132
    "setuid",                  // 133
    "setgid",                  // 134
    "setfsuid",                // 135
    "setfsgid",                // 136
    "pivot_root",              // 137
    "mincore",                 // 138
    "madvise",                 // 139
    "gettid",                  // 140
    "setxattr",                // 141
    "lsetxattr",               // 142
    "fsetxattr",               // 143
    "getxattr",                // 144
    "lgetxattr",               // 145
    "fgetxattr",               // 146
    "listxattr",               // 147
    "llistxattr",              // 148
    "flistxattr",              // 149
    "removexattr",             // 150
    "lremovexattr",            // 151
    "fremovexattr",            // 152
    "tkill",                   // 153
    "futex",                   // 154
    "sched_setaffinity",       // 155
    "sched_getaffinity",       // 156
    "set_thread_area",         // 157
    "get_thread_area",         // 158
    "io_setup",                // 159
    "io_destroy",              // 160
    "io_getevents",            // 161
    "io_submit",               // 162
    "io_cancel",               // 163
    "exit_group",              // 164
    "epoll_create",            // 165
    "epoll_ctl",               // 166
    "epoll_wait",              // 167
    "remap_file_pages",        // 168
    "set_tid_address",         // 169
    "timer_create",            // 170
    "timer_settime",           // 171
    "timer_gettime",           // 172
    "timer_getoverrun",        // 173
    "timer_delete",            // 174
    "clock_settime",           // 175
    "clock_gettime",           // 176
    "clock_getres",            // 177
    "clock_nanosleep",         // 178
    "tgkill",                  // 179
    "utimes",                  // 180
    "mq_open",                 // 181
    "mq_unlink",               // 182
    "mq_timedsend",            // 183
    "mq_timedreceive",         // 184
    "mq_notify",               // 185
    "mq_getsetattr",           // 186
    "kexec_load",              // 187
    "waitid",                  // 188
    "add_key",                 // 189
    "request_key",             // 190
    "keyctl",                  // 191
    "ioprio_set",              // 192
    "ioprio_get",              // 193
    "inotify_init",            // 194
    "inotify_add_watch",       // 195
    "inotify_rm_watch",        // 196
    "openat",                  // 197
    "mkdirat",                 // 198
    "mknodat",                 // 199
    "fchownat",                // 200
    "futimesat",               // 201
    "unlinkat",                // 202
    "renameat",                // 203
    "linkat",                  // 204
    "symlinkat",               // 205
    "readlinkat",              // 206
    "fchmodat",                // 207
    "faccessat",               // 208
    "pselect6",                // 209
    "ppoll",                   // 210
    "unshare",                 // 211
    "set_robust_list",         // 212
    "get_robust_list",         // 213
    "splice",                  // 214
    "tee",                     // 215
    "vmsplice",                // 216
    "getcpu",                  // 217
    "epoll_pwait",             // 218
    "utimensat",               // 219
    "signalfd",                // 220
    "timerfd_create",          // 221
    "eventfd",                 // 222
    "timerfd_settime",         // 223
    "timerfd_gettime",         // 224
    "signalfd4",               // 225
    "eventfd2",                // 226
    "epoll_create1",           // 227
    "dup3",                    // 228
    "pipe2",                   // 229
    "inotify_init1",           // 230
    "preadv",                  // 231
    "pwritev",                 // 232
    "rt_tgsigqueueinfo",       // 233
    "perf_event_open",         // 234
    "fanotify_init",           // 235
    "prlimit64",               // 236
    "clock_adjtime",           // 237
    "syncfs",                  // 238
    "setns",                   // 239
    "getdents64",              // 240
    "socket",                  // 241
    "bind",                    // 242
    "connect",                 // 243
    "listen",                  // 244
    "accept",                  // 245
    "getsockname",             // 246
    "getpeername",             // 247
    "socketpair",              // 248
    "sendto",                  // 249
    "recvfrom",                // 250
    "shutdown",                // 251
    "setsockopt",              // 252
    "getsockopt",              // 253
    "sendmsg",                 // 254
    "sendmmsg",                // 255
    "recvmsg",                 // 256
    "recvmmsg",                // 257
    "accept4",                 // 258
    "semop",                   // 259
    "semget",                  // 260
    "semctl",                  // 261
    "msgsnd",                  // 262
    "msgrcv",                  // 263
    "msgget",                  // 264
    "msgctl",                  // 265
    "shmdt",                   // 266
    "shmget",                  // 267
    "shmctl",                  // 268
    "statfs64",                // 269
    "fstatfs64",               // 270
    "fstatat64",               // 271
    "sendfile64",              // 272
    "ugetrlimit",              // 273
    "bdflush",                 // 274
    "sigprocmask",             // 275
    "ipc",                     // 276
    "socketcall",              // 277
    "stat64",                  // 278
    "lstat64",                 // 279
    "fstat64",                 // 280
    "fcntl64",                 // 281
    "mmap2",                   // 282
    "_newselect",              // 283
    "sgetmask",                // 284
    "ssetmask",                // 285
    "sigpending",              // 286
    "olduname",                // 287
    "umount",                  // 288
    "signal",                  // 289
    "nice",                    // 290
    "stime",                   // 291
    "_llseek",                 // 292
    "waitpid",                 // 293
    "pread64",                 // 294
    "pwrite64",                // 295
    "arch_prctl",              // 296
    "shmat",                   // 297
    "rt_sigreturn",            // 298
    "fallocate",               // 299
    "newfstatat",              // 300
    "process_vm_readv",        // 301
    "process_vm_writev",       // 302
    "fork",                    // 303
    "vfork",                   // 304
    "setuid32",                // 305
    "getuid32",                // 306
    "setgid32",                // 307
    "geteuid32",               // 308
    "getgid32",                // 309
    "setresuid32",             // 310
    "setresgid32",             // 311
    "getresuid32",             // 312
    "getresgid32",             // 313
    "finit_module",            // 314
    "bpf",                     // 315
    "seccomp",                 // 316
    "sigaltstack",             // 317
    "getrandom",               // 318
    "fadvise64",               // 319
    "renameat2",               // 320
    "userfaultfd",             // 321
    "openat2",                 // 322
    "umount2",                 // 323
    "execve",                  // 324
    "execveat",                // 325
    "copy_file_range",         // 326
    "clone",                   // 327
    "clone3",                  // 328
    "open_by_handle_at",       // 329
    "io_uring_setup",          // 330
    "io_uring_enter",          // 331
    "io_uring_register",       // 332
    "mlock2",                  // 333
    "getegid32",               // 334
    "fsconfig",                // 335
    "fspick",                  // 336
    "fsmount",                 // 337
    "fsopen",                  // 338
    "open_tree",               // 339
    "move_mount",              // 340
    "mount_setattr",           // 341
    "memfd_create",            // 342
    "memfd_secret",            // 343
    "ioperm",                  // 344
    "kexec_file_load",         // 345
    "pidfd_getfd",             // 346
    "pidfd_open",              // 347
    "pidfd_send_signal",       // 348
    "pkey_alloc",              // 349
    "pkey_mprotect",           // 350
    "pkey_free",               // 351
    "landlock_create_ruleset", // 352
    "quotactl_fd",             // 353
    "landlock_restrict_self",  // 354
    "landlock_add_rule",       // 355
    "epoll_pwait2",            // 356
    "migrate_pages",           // 357
    "move_pages",              // 358
    "preadv2",                 // 359
    "pwritev2",                // 360
    "kcmp",                    // 361
    "sched_setattr",           // 362
    "mbind",                   // 363
    "epoll_ctl_old",           // 364
    "lookup_dcookie",          // 365
    "modify_ldt",              // 366
    "statx",                   // 367
    "set_mempolicy",           // 368
    "io_pgetevents",           // 369
    "set_mempolicy_home_node", // 370
    "semtimedop",              // 371
    "get_kernel_syms",         // 372
    "readahead",               // 373
    "futex_waitv",             // 374
    "getpmsg",                 // 375
    "name_to_handle_at",       // 376
    "process_mrelease",        // 377
    "nfsservctl",              // 378
    "epoll_wait_old",          // 379
    "rseq",                    // 380
    "create_module",           // 381
    "na_1",                    // 382
    "sched_getattr",           // 383
    "faccessat2",              // 384
    "_sysctl",                 // 385
    "query_module",            // 386
    "get_mempolicy",           // 387
    "sync_file_range",         // 388
    "process_madvise",         // 389
    "membarrier",              // 390
    "iopl",                    // 391
    "close_range",             // 392
    "fanotify_mark",           // 393
    "recv",                    // 394
    "send",                    // 395
    "sched_process_exit",      // 396
    "sched_switch",            // 397
    "page_fault_user",         // 398
    "page_fault_kernel",       // 399
    "signal_deliver",          // 400
    "timerfd",                 // 401
    "s390_pci_mmio_read",      // 402
    "sigaction",               // 403
    "s390_pci_mmio_write",     // 404
    "readdir",                 // 405
    "s390_sthyi",              // 406
    "sigsuspend",              // 407
    "idle",                    // 408
    "s390_runtime_instr",      // 409
    "sigreturn",               // 410
    "s390_guarded_storage",    // 411
    "cachestat",               // 412
    "fchmodat2",               // 413
    "map_shadow_stack",        // 414
    "riscv_flush_icache",      // 415
    "riscv_hwprobe",           // 416
    "futex_wake",              // 417
    "futex_requeue",           // 418
    "futex_wait",              // 419
    "oldstat",                 // 420
    "switch_endian",           // 421
    "multiplexer",             // 422
    "oldlstat",                // 423
    "spu_create",              // 424
    "sync_file_range2",        // 425
    "oldfstat",                // 426
    "spu_run",                 // 427
    "swapcontext",             // 428
    "pciconfig_write",         // 429
    "rtas",                    // 430
    "pciconfig_read",          // 431
    "sys_debug_setcontext",    // 432
    "vm86",                    // 433
    "oldolduname",             // 434
    "subpage_prot",            // 435
    "pciconfig_iobase",        // 436
    "listmount",               // 437
    "statmount",               // 438
    "lsm_get_self_attr",       // 439
    "lsm_set_self_attr",       // 440
    "lsm_list_modules",        // 441
    "mseal",                   // 442
    "uretprobe",               // 443
    "removexattrat",           // 444
    "listxattrat",             // 445
    "getxattrat",              // 446
    "setxattrat",              // 447
    "open_tree_attr",          // 448
    "file_getattr",            // 449
    "file_setattr",            // 450
    "listns",                  // 451
    "uprobe",                  // 452
    "rseq_slice_yield",        // 453
];

/// The name sysdig 0.29.3 prints for a `PPM_SC` code (the `ID` of a generic
/// `syscall` event, which it also uses as `evt.type`), e.g. `0` → `<unknown>`,
/// `298` → `sigreturn`.
///
/// `None` for codes past sysdig 0.29.3's table (`>= 329`); fall back to
/// [`syscall_name_libs`] for those.
pub fn syscall_name(id: u16) -> Option<&'static str> {
    SYSDIG_0_29_NAMES.get(usize::from(id)).copied()
}

/// The name current libs (48dfd53) prints for a `PPM_SC` code, e.g. `0` →
/// `unknown`, `298` → `rt_sigreturn`; `None` past `PPM_SC_MAX` (454).
pub fn syscall_name_libs(id: u16) -> Option<&'static str> {
    LIBS_NAMES.get(usize::from(id)).copied()
}

/// The category sysdig 0.29.3 gives each `PPM_SC` code (its
/// `g_syscall_info_table`): `evt.category` of a generic `syscall` event.
#[rustfmt::skip]
static SYSDIG_0_29_CATEGORIES: [u32; 329] = {
    use crate::schema::category::*;
    [
        OTHER, SYSTEM, PROCESS, IO_READ, IO_WRITE, FILE, FILE, FILE, FILE, FILE, FILE, TIME, FILE,
        FILE, FILE, FILE, PROCESS, FILE, OTHER, TIME, FILE, WAIT, TIME, FILE, IO_OTHER, IPC, FILE,
        FILE, FILE, IO_OTHER, IPC, TIME, MEMORY, PROCESS, IO_OTHER, WAIT, PROCESS, PROCESS, IPC,
        FILE, IO_OTHER, PROCESS, PROCESS, PROCESS, SYSTEM, PROCESS, PROCESS, TIME, TIME, FILE,
        FILE, FILE, PROCESS, PROCESS, SYSTEM, FILE, FILE, FILE, FILE, FILE, PROCESS, PROCESS,
        FILE, FILE, SYSTEM, TIME, TIME, SYSTEM, OTHER, WAIT, SYSTEM, SYSTEM, IO_OTHER, SYSTEM,
        SYSTEM, MEMORY, SYSTEM, SYSTEM, SYSTEM, PROCESS, FILE, SYSTEM, PROCESS, FILE, WAIT, FILE,
        IO_OTHER, IO_READ, IO_WRITE, PROCESS, IO_OTHER, MEMORY, MEMORY, MEMORY, MEMORY, PROCESS,
        PROCESS, PROCESS, PROCESS, SLEEP, PROCESS, PROCESS, PROCESS, SLEEP, FILE, WAIT, PROCESS,
        SIGNAL, SIGNAL, SIGNAL, SIGNAL, SIGNAL, SIGNAL, FILE, PROCESS, PROCESS, FILE, PROCESS,
        FILE, USER, USER, USER, USER, USER, USER, USER, USER, FILE, USER, USER, USER, USER, FILE,
        USER, USER, USER, USER, PROCESS, MEMORY, MEMORY, PROCESS, FILE, FILE, FILE, FILE, FILE,
        FILE, FILE, FILE, FILE, FILE, FILE, FILE, SIGNAL, IPC, PROCESS, PROCESS, PROCESS, PROCESS,
        IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, WAIT, WAIT, WAIT, FILE,
        PROCESS, TIME, TIME, TIME, TIME, TIME, TIME, TIME, TIME, SLEEP, SIGNAL, FILE, IPC, IPC,
        IPC, IPC, IPC, IPC, SYSTEM, WAIT, SYSTEM, SYSTEM, SYSTEM, PROCESS, PROCESS, IPC, IPC, IPC,
        FILE, FILE, FILE, FILE, FILE, FILE, FILE, FILE, FILE, FILE, FILE, FILE, WAIT, WAIT,
        PROCESS, PROCESS, PROCESS, IPC, IPC, IPC, PROCESS, WAIT, FILE, SIGNAL, TIME, IPC, TIME,
        TIME, SIGNAL, IPC, WAIT, IO_OTHER, IPC, IPC, IO_READ, IO_WRITE, OTHER, OTHER, IPC,
        PROCESS, OTHER, FILE, PROCESS, IPC, NET, NET, NET, NET, NET, NET, NET, NET, NET, NET, NET,
        NET, NET, NET, NET, NET, NET, NET, IPC, IPC, IPC, IPC, IPC, IPC, IPC, IPC, IPC, IPC, FILE,
        FILE, FILE, FILE, PROCESS, OTHER, SIGNAL, IPC, NET, FILE, FILE, FILE, FILE, FILE, WAIT,
        SIGNAL, SIGNAL, SIGNAL, SYSTEM, FILE, SIGNAL, PROCESS, TIME, FILE, WAIT, FILE, FILE,
        PROCESS, IPC, SIGNAL, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER,
        IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER, IO_OTHER,
        SYSTEM, OTHER, OTHER, IO_OTHER, IO_OTHER, IO_OTHER, FILE, FILE, FILE, FILE, SYSTEM,
        SYSTEM, FILE, PROCESS, PROCESS,
    ]
};

/// The category (a `schema::category` value) sysdig 0.29.3 gives the
/// generic `syscall` event with this `PPM_SC` code; `None` past its table
/// (`>= 329`), where sysdig reads an uninitialised value.
pub fn syscall_category(id: u16) -> Option<u32> {
    SYSDIG_0_29_CATEGORIES.get(usize::from(id)).copied()
}

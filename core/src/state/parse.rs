//! The per-event-type parsers (libsinsp's `sinsp_parser::parse_*`).

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::SharedStr;
use super::fd::{self, Fd, FdKind};
use super::{
    Container, Ev, FdPtr, State, Thread, clone_flags, cstr, ids, nparams, param, paths, rd_i64,
    rd_str, rd_u8, rd_u32, rd_u64,
};
use crate::format::event::EventRecord;
use crate::schema::{self, event_flags};

/// clone exits older than this are stale when the child shows up again.
const CLONE_STALE_TIME_NS: u64 = 2_000_000_000;
const PPM_O_DIRECTORY: u32 = 1 << 10;
const PPM_AF_UNIX: u8 = 1;
const PPM_AF_INET: u8 = 2;
const PPM_AF_INET6: u8 = 10;
const PPM_AF_NETLINK: u32 = 16;
const SE_EINPROGRESS: i64 = 115;

impl State {
    /// Routes an event to its parser (`process_event`).
    pub(super) fn dispatch(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        use ids::*;
        let etype = rec.event_type;
        match etype {
            SENDTO_E => {
                if ev.fdptr.is_none() && ev.tinfo.is_some() {
                    self.infer_sendto_fd(rec, ev);
                }
                self.store_event(rec, ev);
            }
            OPEN_E | CREAT_E | OPENAT_E | OPENAT_2_E | OPENAT2_E | SOCKET_E | EVENTFD_E
            | CHDIR_E | FCHDIR_E | SHUTDOWN_E | GETRLIMIT_E | SETRLIMIT_E | PRLIMIT_E
            | SENDMSG_E | SENDFILE_E | SETRESUID_E | SETRESGID_E | SETUID_E | SETGID_E
            | EXECVE_18_E | EXECVE_19_E | EXECVEAT_E | SETPGID_E => self.store_event(rec, ev),
            READ_X | WRITE_X | RECV_X | SEND_X | RECVFROM_X | RECVMSG_X | SENDTO_X | SENDMSG_X
            | READV_X | WRITEV_X | PREAD_X | PWRITE_X | PREADV_X | PWRITEV_X => {
                self.parse_rw_exit(rec, ev)
            }
            OPEN_X | CREAT_X | OPENAT_X | OPENAT_2_X | OPENAT2_X => self.parse_open_exit(rec, ev),
            // sendfile only loads its enter (libsinsp's scratch event).
            SENDFILE_X if ev.fdptr.is_some() && rd_i64(param(rec, 0)).is_some_and(|r| r >= 0) => {
                self.retrieve_enter(rec, ev);
            }
            CLONE_11_X | CLONE_16_X | CLONE_17_X | CLONE_20_X | FORK_X | FORK_17_X | FORK_20_X
            | VFORK_X | VFORK_17_X | VFORK_20_X | CLONE3_X => self.parse_clone_exit(rec, ev),
            EXECVE_8_X | EXECVE_13_X | EXECVE_14_X | EXECVE_15_X | EXECVE_16_X | EXECVE_17_X
            | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X => self.parse_execve_exit(rec, ev),
            PROCEXIT_E | PROCEXIT_1_E => {
                if let Some(tid) = ev.tinfo {
                    if let Some(t) = self.thread_mut(tid) {
                        t.flags |= clone_flags::CLOSED;
                    }
                    self.tid_to_remove = Some(rec.tid);
                }
            }
            PIPE_X => self.parse_pipe_exit(rec, ev),
            SOCKET_X => self.parse_socket_exit(rec, ev),
            BIND_X => self.parse_bind_exit(rec, ev),
            CONNECT_E => self.parse_connect_enter(rec, ev),
            CONNECT_X => self.parse_connect_exit(rec, ev),
            ACCEPT_X | ACCEPT_5_X | ACCEPT4_X | ACCEPT4_5_X => self.parse_accept_exit(rec, ev),
            CLOSE_E => {
                if let Some(tid) = ev.tinfo {
                    let lfd = self.last_fd(tid);
                    ev.fdptr = self.lookup_fd(tid, lfd);
                    if let Some(p) = ev.fdptr {
                        self.fd_modify(p, |f| f.flags |= fd::flags::CLOSE_IN_PROGRESS);
                    }
                }
            }
            CLOSE_X => self.parse_close_exit(rec, ev),
            FCNTL_E if ev.tinfo.is_some() => {
                // Only F_DUPFD / F_DUPFD_CLOEXEC exits need their enter.
                let cmd = rd_u8(param(rec, 1)).unwrap_or(0);
                if cmd == 1 || cmd == 26 {
                    self.store_event(rec, ev);
                }
            }
            FCNTL_X => self.parse_fcntl_exit(rec, ev),
            EVENTFD_X => self.parse_simple_fd_exit(rec, ev, FdKind::Event),
            SIGNALFD_X => self.parse_simple_fd_exit(rec, ev, FdKind::Signalfd),
            TIMERFD_CREATE_X => self.parse_simple_fd_exit(rec, ev, FdKind::Timerfd),
            INOTIFY_INIT_X => self.parse_simple_fd_exit(rec, ev, FdKind::Inotify),
            CHDIR_X => {
                if let Some(tid) = ev.tinfo
                    && rd_i64(param(rec, 0)).is_some_and(|r| r >= 0)
                    && let Some(p) = param(rec, 1)
                {
                    self.set_cwd(tid, p, p.len());
                }
            }
            FCHDIR_X => {
                if rd_i64(param(rec, 0)).is_some_and(|r| r >= 0)
                    && let (Some(tid), Some(p)) = (ev.tinfo, ev.fdptr)
                    && let Some(name) = self.fd_at(p).map(|f| f.name.clone())
                {
                    self.set_cwd(tid, name.as_bytes(), name.len());
                }
            }
            GETCWD_X => {
                if let Some(tid) = ev.tinfo
                    && rd_i64(param(rec, 0)).is_some_and(|r| r >= 0)
                    && let Some(p) = param(rec, 1)
                {
                    self.set_cwd(tid, p, p.len());
                }
            }
            DUP_X => self.parse_dup_exit(rec, ev),
            GETRLIMIT_X | SETRLIMIT_X => self.parse_rlimit_exit(rec, ev),
            PRLIMIT_X => self.parse_prlimit_exit(rec, ev),
            SOCKETPAIR_X => self.parse_socketpair_exit(rec, ev),
            SCHEDSWITCH_6_E => self.parse_context_switch(rec, ev),
            BRK_4_X | MMAP_X | MMAP2_X | MUNMAP_X => {
                if let Some(tid) = ev.tinfo {
                    let d = self.dyn_mut(tid);
                    if let Some(v) = rd_u32(param(rec, 1)) {
                        d.vmsize_kb = v;
                    }
                    if let Some(v) = rd_u32(param(rec, 2)) {
                        d.vmrss_kb = v;
                    }
                    if let Some(v) = rd_u32(param(rec, 3)) {
                        d.vmswap_kb = v;
                    }
                }
            }
            SETRESUID_X | SETUID_X => self.parse_setid_exit(rec, ev, true),
            SETRESGID_X | SETGID_X => self.parse_setid_exit(rec, ev, false),
            CONTAINER_E => self.parse_container_old(rec),
            CONTAINER_JSON_E | CONTAINER_JSON_2_E => self.parse_container_json(rec, ev),
            CHROOT_X => {
                if let Some(tid) = ev.tinfo
                    && rd_i64(param(rec, 0)) == Some(0)
                    && let Some(p) = param(rec, 1)
                {
                    let cwd = self.get_cwd_mut(tid);
                    let path = if cstr(p).first() == Some(&b'/') || cstr(p).is_empty() {
                        fd::sanitize(p)
                    } else {
                        paths::concatenate_param(&cwd, p)
                    };
                    if let Some(t) = self.thread_mut(tid) {
                        t.root = path.into();
                    }
                    self.resolve_container_of(tid);
                }
            }
            SETSID_X => {
                if let Some(tid) = ev.tinfo
                    && let Some(r) = rd_i64(param(rec, 0)).filter(|r| *r >= 0)
                    && let Some(t) = self.thread_mut(tid)
                {
                    t.sid = r;
                }
            }
            GETSOCKOPT_X => {
                if nparams(rec) > 0
                    && let Some(tid) = ev.tinfo
                {
                    let fdn = rd_i64(param(rec, 1)).unwrap_or(-1);
                    if let Some(mt) = self.main_tid(tid) {
                        ev.fdptr = self.lookup_fd(mt, fdn);
                    }
                    self.dyn_mut(tid).lastevent_fd = fdn;
                }
            }
            _ => {}
        }
    }

    fn parse_simple_fd_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev, kind: FdKind) {
        let Some(tid) = ev.tinfo else { return };
        let Some(fd) = rd_i64(param(rec, 0)) else {
            return;
        };
        if fd < 0 {
            return;
        }
        ev.fdptr = self.add_fd(tid, fd, Fd::new(kind, String::new()));
    }

    /// `parse_dirfd`: the directory a relative path is resolved against;
    /// sets the event's fd to the dirfd's record as a side effect.
    fn parse_dirfd(&mut self, tid: i64, ev: &mut Ev, name: &[u8], dirfd: i64) -> String {
        if cstr(name).first() == Some(&b'/') {
            ".".into()
        } else if dirfd == -100 {
            self.get_cwd_mut(tid).to_string()
        } else {
            ev.fdptr = self.lookup_fd(tid, dirfd);
            match ev.fdptr.and_then(|p| self.fd_at(p)) {
                None => "<UNKNOWN>".into(),
                Some(f) => format!("{}/", f.name),
            }
        }
    }

    fn parse_open_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        use ids::*;
        let Some(tid) = ev.tinfo else { return };
        let etype = rec.event_type;
        let enter = self.retrieve_enter(rec, ev);
        let Some(fdn) = rd_i64(param(rec, 0)) else {
            return;
        };
        let name_ok = |b: &[u8]| !b.is_empty() && cstr(b) != b"(NULL)";
        let mut dev = 0;
        let (name, flags, sdir): (Vec<u8>, u32, String) = match etype {
            OPEN_X | CREAT_X => {
                let mut name = param(rec, 1).unwrap_or_default().to_vec();
                let mut flags = if etype == OPEN_X {
                    rd_u32(param(rec, 2)).unwrap_or(0)
                } else {
                    0
                };
                let dev_idx = if etype == OPEN_X { 4 } else { 3 };
                if nparams(rec) > dev_idx {
                    dev = rd_u32(param(rec, dev_idx)).unwrap_or(0);
                }
                let need = if etype == OPEN_X { 2 } else { 1 };
                if let Some(e) = enter.as_ref().filter(|e| e.nparams() >= need) {
                    let en = e.param(0).unwrap_or_default();
                    if name_ok(en) {
                        name = en.to_vec();
                        flags = if etype == OPEN_X {
                            rd_u32(e.param(1)).unwrap_or(0)
                        } else {
                            0
                        };
                    }
                }
                (name, flags, self.get_cwd_mut(tid).to_string())
            }
            OPENAT_X => {
                // The old openat exit carries only the fd: the rest comes
                // from the enter event (libsinsp reads its scratch enter
                // event even when the retrieval failed).
                let Some(e) = enter.or_else(|| self.tmp_evt.clone()) else {
                    return;
                };
                let name = e.param(1).unwrap_or_default().to_vec();
                let flags = rd_u32(e.param(2)).unwrap_or(0);
                let dirfd = rd_i64(e.param(0)).unwrap_or(-100);
                let sdir = self.parse_dirfd(tid, ev, &name, dirfd);
                (name, flags, sdir)
            }
            _ => {
                let mut name = param(rec, 2).unwrap_or_default().to_vec();
                let mut flags = rd_u32(param(rec, 3)).unwrap_or(0);
                let mut dirfd = rd_i64(param(rec, 1)).unwrap_or(-100);
                if etype == OPENAT_2_X && nparams(rec) > 5 {
                    dev = rd_u32(param(rec, 5)).unwrap_or(0);
                }
                if let Some(e) = enter.as_ref().filter(|e| e.nparams() >= 3) {
                    let en = e.param(1).unwrap_or_default();
                    if name_ok(en) {
                        name = en.to_vec();
                        flags = rd_u32(e.param(2)).unwrap_or(0);
                        dirfd = rd_i64(e.param(0)).unwrap_or(-100);
                    }
                }
                let sdir = self.parse_dirfd(tid, ev, &name, dirfd);
                (name, flags, sdir)
            }
        };
        let full = paths::concatenate_raw(sdir.as_bytes(), &name, name.len());
        if fdn >= 0 {
            let kind = if flags & PPM_O_DIRECTORY != 0 {
                FdKind::Directory
            } else {
                FdKind::File
            };
            let mut f = Fd::new(kind, full);
            f.open_flags = flags;
            f.dev = dev;
            f.flags |= if f.name == "/dev/null" {
                fd::flags::IS_TRACER_FILE
            } else {
                fd::flags::IS_NOT_TRACER_FD
            };
            ev.fdptr = self.add_fd(tid, fdn, f);
        }
    }

    /// `add_socket`.
    fn add_socket(&mut self, tid: i64, ev: &mut Ev, fdn: i64, domain: u32, ty: u32, proto: u32) {
        const SOCK_STREAM: u32 = 1;
        const SOCK_DGRAM: u32 = 2;
        const SOCK_RAW: u32 = 3;
        let mut f = Fd::new(FdKind::Unknown, String::new());
        if domain == u32::from(PPM_AF_UNIX) {
            f.kind = FdKind::Unix;
        } else if domain == u32::from(PPM_AF_INET) || domain == u32::from(PPM_AF_INET6) {
            let l4 = match proto {
                6 => {
                    if ty == SOCK_RAW {
                        fd::L4_RAW
                    } else {
                        fd::L4_TCP
                    }
                }
                17 => {
                    if ty == SOCK_RAW {
                        fd::L4_RAW
                    } else {
                        fd::L4_UDP
                    }
                }
                0 => match ty & 0xff {
                    SOCK_STREAM => fd::L4_TCP,
                    SOCK_DGRAM => fd::L4_UDP,
                    _ => fd::L4_UNKNOWN,
                },
                1 => {
                    if ty == SOCK_RAW {
                        fd::L4_RAW
                    } else {
                        fd::L4_ICMP
                    }
                }
                255 => fd::L4_RAW,
                _ => fd::L4_UNKNOWN,
            };
            if domain == u32::from(PPM_AF_INET) {
                f.kind = FdKind::Ipv4;
                f.set_v4_l4(l4);
            } else {
                f.kind = FdKind::Ipv6;
                f.set_v6_l4(l4);
            }
        } else if domain == PPM_AF_NETLINK {
            f.kind = FdKind::Netlink;
        }
        // Debian's build keeps sockets of other domains (AF_PACKET …) with
        // an unknown type (INCLUDE_UNKNOWN_SOCKET_FDS).
        ev.fdptr = self.add_fd(tid, fdn, f);
    }

    fn infer_sendto_fd(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(tid) = ev.tinfo else { return };
        let Some(fdn) = rd_i64(param(rec, 0)) else {
            return;
        };
        if fdn < 0 {
            return;
        }
        let fam = param(rec, 2).and_then(|b| b.first().copied());
        let domain = match fam {
            Some(PPM_AF_INET) => PPM_AF_INET,
            Some(PPM_AF_INET6) => PPM_AF_INET6,
            _ => return,
        };
        self.add_socket(tid, ev, fdn, u32::from(domain), 2, 17);
    }

    fn parse_socket_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(fdn) = rd_i64(param(rec, 0)) else {
            return;
        };
        if fdn < 0 {
            return;
        }
        let Some(tid) = ev.tinfo else { return };
        let Some(e) = self.retrieve_enter(rec, ev) else {
            return;
        };
        let domain = rd_u32(e.param(0)).unwrap_or(0);
        let ty = rd_u32(e.param(1)).unwrap_or(0);
        let proto = rd_u32(e.param(2)).unwrap_or(0);
        self.add_socket(tid, ev, fdn, domain, ty, proto);
    }

    fn parse_bind_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(p) = ev.fdptr else { return };
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(addr) = param(rec, 1).filter(|b| !b.is_empty()) else {
            return;
        };
        let name = fd::sockaddr_simple(addr);
        let addr = addr.to_vec();
        self.fd_modify(p, |f| {
            let u16at = |o: usize| {
                u16::from_le_bytes([
                    addr.get(o).copied().unwrap_or(0),
                    addr.get(o + 1).copied().unwrap_or(0),
                ])
            };
            let u32at = |o: usize| {
                let mut b = [0u8; 4];
                for (i, x) in b.iter_mut().enumerate() {
                    *x = addr.get(o + i).copied().unwrap_or(0);
                }
                u32::from_le_bytes(b)
            };
            match addr[0] {
                PPM_AF_INET => {
                    let port = u16at(5);
                    if port > 0 {
                        let l4 = f.v4_l4();
                        f.kind = FdKind::Ipv4Server;
                        f.set_v4srv(u32at(1), port, l4);
                        f.flags |= fd::flags::ROLE_SERVER;
                    }
                }
                PPM_AF_INET6 => {
                    let port = u16at(17);
                    if port > 0 {
                        let mut ip = [0u8; 16];
                        for (i, x) in ip.iter_mut().enumerate() {
                            *x = addr.get(1 + i).copied().unwrap_or(0);
                        }
                        let l4 = f.v6_l4();
                        if fd::is_v4_mapped(&ip) {
                            f.kind = FdKind::Ipv4Server;
                            f.set_v4srv(u32at(13), port, l4);
                        } else {
                            f.kind = FdKind::Ipv6Server;
                            f.set_v6srv(ip, port, l4);
                        }
                        f.flags |= fd::flags::ROLE_SERVER;
                    }
                }
                _ => {}
            }
            f.name = name.into();
        });
    }

    fn parse_connect_enter(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(p) = ev.fdptr else { return };
        if nparams(rec) < 2 {
            return;
        }
        let Some(addr) = param(rec, 1).filter(|b| !b.is_empty()) else {
            return;
        };
        let addr = addr.to_vec();
        self.fd_modify(p, |f| {
            let get = |o: usize, n: usize| {
                let mut v = vec![0u8; n];
                for (i, x) in v.iter_mut().enumerate() {
                    *x = addr.get(o + i).copied().unwrap_or(0);
                }
                v
            };
            match addr[0] {
                PPM_AF_INET => {
                    f.kind = FdKind::Ipv4;
                    let ip = get(1, 4);
                    let port = get(5, 2);
                    f.set_v4_dip(u32::from_le_bytes([ip[0], ip[1], ip[2], ip[3]]));
                    f.set_v4_dport(u16::from_le_bytes([port[0], port[1]]));
                }
                PPM_AF_INET6 => {
                    let port = get(17, 2);
                    let port = u16::from_le_bytes([port[0], port[1]]);
                    let mut ip = [0u8; 16];
                    ip.copy_from_slice(&get(1, 16));
                    if fd::is_v4_mapped(&ip) {
                        f.kind = FdKind::Ipv4;
                        f.set_v4_dip(u32::from_le_bytes([ip[12], ip[13], ip[14], ip[15]]));
                        f.set_v4_dport(port);
                    } else {
                        f.kind = FdKind::Ipv6;
                        f.set_v6_dport(port);
                        f.set_v6_dip(ip);
                    }
                }
                _ => {
                    f.name = fd::sockaddr_simple(&addr).into();
                    let s = get(1, 8);
                    let d = get(9, 8);
                    f.set_unix(
                        u64::from_le_bytes(s.try_into().unwrap_or([0; 8])),
                        u64::from_le_bytes(d.try_into().unwrap_or([0; 8])),
                    );
                }
            }
        });
    }

    fn parse_connect_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(p) = ev.fdptr else { return };
        let Some(res) = rd_i64(param(rec, 0)) else {
            return;
        };
        if res < 0 && res != -SE_EINPROGRESS {
            return;
        }
        self.fd_modify(p, |f| f.flags |= fd::flags::SOCKET_CONNECTED);
        let Some(tuple) = param(rec, 1).filter(|b| !b.is_empty()) else {
            return;
        };
        let tuple = tuple.to_vec();
        self.fd_modify(p, |f| fill_client_socket_info(f, &tuple));
    }

    fn parse_accept_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(tid) = ev.tinfo else { return };
        let Some(fdn) = rd_i64(param(rec, 0)) else {
            return;
        };
        if fdn < 0 {
            return;
        }
        self.dyn_mut(tid).lastevent_fd = fdn;
        let Some(tuple) = param(rec, 1).filter(|b| !b.is_empty()) else {
            return;
        };
        let mut f = Fd::new(FdKind::Unknown, String::new());
        match tuple[0] {
            PPM_AF_INET => {
                let t = Tuple::parse(tuple);
                f.update_v4(t.v4_sip(), t.sport4, t.v4_dip(), t.dport4);
                f.kind = FdKind::Ipv4;
                f.set_v4_l4(fd::L4_TCP);
            }
            PPM_AF_INET6 => {
                let t = Tuple::parse(tuple);
                if fd::is_v4_mapped(&t.sip6) && fd::is_v4_mapped(&t.dip6) {
                    f.update_v4(t.m_sip(), t.sport6, t.m_dip(), t.dport6);
                    f.kind = FdKind::Ipv4;
                    f.set_v4_l4(fd::L4_TCP);
                } else {
                    f.update_v6(t.sip6, t.sport6, t.dip6, t.dport6);
                    f.kind = FdKind::Ipv6;
                    f.set_v6_l4(fd::L4_TCP);
                }
            }
            PPM_AF_UNIX => {
                f.kind = FdKind::Unix;
                let t = Tuple::parse(tuple);
                f.set_unix(t.unix_src, t.unix_dst);
            }
            _ => return,
        }
        f.name = fd::socktuple_simple(tuple).into();
        f.flags = fd::flags::ROLE_SERVER | fd::flags::SOCKET_CONNECTED;
        ev.fdptr = self.add_fd(tid, fdn, f);
    }

    fn parse_close_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(res) = rd_i64(param(rec, 0)) else {
            return;
        };
        if res >= 0 {
            let (Some(tid), Some(p)) = (ev.tinfo, ev.fdptr) else {
                return;
            };
            let canceled = self
                .fd_at(p)
                .is_some_and(|f| f.flags & fd::flags::CLOSE_CANCELED != 0);
            let fdn = if canceled {
                self.fd_modify(p, |f| f.flags &= !fd::flags::CLOSE_CANCELED);
                if self.lookup_fd(tid, super::CANCELED_FD).is_none() {
                    return;
                }
                super::CANCELED_FD
            } else {
                self.last_fd(tid)
            };
            self.tid_of_fd_to_remove = tid;
            self.fds_to_remove.push(fdn);
        } else if let Some(p) = ev.fdptr {
            self.fd_modify(p, |f| f.flags &= !fd::flags::CLOSE_IN_PROGRESS);
        }
    }

    fn parse_pipe_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let (Some(fd1), Some(fd2)) = (rd_i64(param(rec, 1)), rd_i64(param(rec, 2))) else {
            return;
        };
        let ino = rd_u64(param(rec, 3)).unwrap_or(0);
        let Some(tid) = ev.tinfo else { return };
        for fdn in [fd1, fd2] {
            let mut f = Fd::new(FdKind::Fifo, String::new());
            f.ino = ino;
            ev.fdptr = self.add_fd(tid, fdn, f);
        }
    }

    fn parse_socketpair_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(tid) = ev.tinfo else { return };
        let (Some(fd1), Some(fd2)) = (rd_i64(param(rec, 1)), rd_i64(param(rec, 2))) else {
            return;
        };
        let source = rd_u64(param(rec, 3)).unwrap_or(0);
        let dest = rd_u64(param(rec, 4)).unwrap_or(0);
        let mut f = Fd::new(FdKind::Unix, String::new());
        f.set_unix(source, dest);
        // One record serves both adds: a close cancelled by the first
        // marks the second too.
        ev.fdptr = self.add_fd_ref(tid, fd1, &mut f);
        self.add_fd_ref(tid, fd2, &mut f);
    }

    fn parse_dup_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(tid) = ev.tinfo else { return };
        let Some(res) = rd_i64(param(rec, 0)) else {
            return;
        };
        if res < 0 {
            return;
        }
        if (res == 0 || res == 1)
            && let Some(t) = self.thread_mut(tid)
        {
            t.flags |= if res == 0 {
                clone_flags::PIPE_DST
            } else {
                clone_flags::PIPE_SRC
            };
        }
        let Some(src) = ev.fdptr else { return };
        self.copy_fd(tid, ev, src, res);
    }

    /// `add_fd(newfd, evt->m_fdinfo)`: copies the event's fd record.
    fn copy_fd(&mut self, tid: i64, ev: &mut Ev, src: FdPtr, newfd: i64) {
        let Some(f) = self.fd_at(src).map(|a| (**a).clone()) else {
            return;
        };
        // A CLOSE_IN_PROGRESS target marks the source record itself.
        let target_closing = self
            .lookup_fd(tid, newfd)
            .and_then(|p| self.fd_at(p))
            .is_some_and(|o| o.flags & fd::flags::CLOSE_IN_PROGRESS != 0);
        if target_closing && src.fd != newfd {
            self.fd_modify(src, |s| {
                s.flags &= !fd::flags::CLOSE_IN_PROGRESS;
                s.flags |= fd::flags::CLOSE_CANCELED;
            });
        }
        ev.fdptr = self.add_fd(tid, newfd, f);
    }

    fn parse_fcntl_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let res = rd_i64(param(rec, 0)).unwrap_or(-1);
        if self.retrieve_enter(rec, ev).is_none() {
            return;
        }
        if res < 0 {
            return;
        }
        let (Some(tid), Some(src)) = (ev.tinfo, ev.fdptr) else {
            return;
        };
        self.copy_fd(tid, ev, src, res);
    }

    fn parse_rlimit_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(tid) = ev.tinfo else { return };
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(e) = self.retrieve_enter(rec, ev) else {
            return;
        };
        if rd_u8(e.param(0)) != Some(7) {
            return;
        }
        let Some(cur) = rd_i64(param(rec, 1)) else {
            return;
        };
        if cur != -1
            && let Some(mt) = self.main_tid(tid)
            && let Some(m) = self.thread_mut(mt)
        {
            m.fdlimit = cur;
        }
    }

    fn parse_prlimit_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(e) = self.retrieve_enter(rec, ev) else {
            return;
        };
        if rd_u8(e.param(1)) != Some(7) {
            return;
        }
        let Some(cur) = rd_i64(param(rec, 1)) else {
            return;
        };
        if cur == -1 {
            return;
        }
        let mut tid = rd_i64(e.param(0)).unwrap_or(0);
        if tid == 0 {
            tid = rec.tid;
        }
        if !self.get_or_create(tid) {
            return;
        }
        if let Some(mt) = self.main_tid(tid)
            && let Some(m) = self.thread_mut(mt)
        {
            m.fdlimit = cur;
        }
    }

    fn parse_context_switch(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(tid) = ev.tinfo else { return };
        let d = self.dyn_mut(tid);
        if let Some(v) = rd_u64(param(rec, 1)) {
            d.pfmajor = v;
        }
        if let Some(v) = rd_u64(param(rec, 2)) {
            d.pfminor = v;
        }
        if let Some(mt) = self.main_tid(tid) {
            let d = self.dyn_mut(mt);
            if let Some(v) = rd_u32(param(rec, 3)) {
                d.vmsize_kb = v;
            }
            if let Some(v) = rd_u32(param(rec, 4)) {
                d.vmrss_kb = v;
            }
            if let Some(v) = rd_u32(param(rec, 5)) {
                d.vmswap_kb = v;
            }
        }
    }

    fn parse_setid_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev, user: bool) {
        use ids::*;
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(e) = self.retrieve_enter(rec, ev) else {
            return;
        };
        let res_variant = matches!(rec.event_type, SETRESUID_X | SETRESGID_X);
        let v = if res_variant {
            match rd_u32(e.param(1)) {
                Some(v) if v < u32::MAX => v,
                _ => return,
            }
        } else {
            let Some(v) = rd_u32(e.param(0)) else { return };
            v
        };
        // `evt->get_thread_info()`.
        let tid = ev.tinfo.unwrap_or(rec.tid);
        if let Some(t) = self.thread_mut(tid) {
            if user {
                t.uid = v;
            } else {
                t.gid = v;
            }
        }
    }

    fn parse_container_old(&mut self, rec: &EventRecord<'_>) {
        let id = rd_str(param(rec, 0)).unwrap_or_default();
        let c = Container {
            id: id.clone(),
            kind: rd_u32(param(rec, 1)).unwrap_or(0),
            name: rd_str(param(rec, 2)).unwrap_or_default(),
            image: rd_str(param(rec, 3)).unwrap_or_default(),
            ..Container::default()
        };
        self.containers.insert(id, Arc::new(c));
        // get_thread_info(true): the event's tid is looked up with creation.
        self.get_or_create(rec.tid);
    }

    fn parse_container_json(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        let Some(json) = param(rec, 0) else { return };
        let Some(c) = Container::from_json(json) else {
            return;
        };
        let mut t = Thread::blank(-1);
        t.pid = -1;
        t.vtid = -2;
        t.vpid = -2;
        t.comm = (format!("container:{}", c.id)).into();
        t.container_id = c.id.clone().into();
        ev.synthetic = Some(Arc::new(t));
        self.containers.insert(c.id.clone(), Arc::new(c));
    }

    fn parse_rw_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        use ids::*;
        let res = rd_i64(param(rec, 0)).unwrap_or(-1);
        let Some(p) = ev.fdptr else { return };
        let Some(tid) = ev.tinfo else { return };
        // Tracer writes (to /dev/null) are not emulated; no capture has
        // them.
        if res < 0 {
            return;
        }
        let etype = rec.event_type;
        let eflags = schema::compat_flags(etype);
        // Checked before modifying: a copy-on-write of an unchanged record
        // on every I/O exit would make a new version for nothing.
        let unconnected_ip = self
            .fd_at(p)
            .is_some_and(|f| matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6) && !f.connected);
        if unconnected_ip {
            self.fd_modify(p, |f| f.flags |= fd::flags::SOCKET_CONNECTED);
        }
        let reads = eflags & event_flags::READS_FROM_FD != 0;
        let tuple_idx = match etype {
            RECVFROM_X if reads => Some(2),
            RECVMSG_X if reads => Some(3),
            SENDTO_X | SENDMSG_X if !reads => Some(2),
            _ => None,
        };
        let Some(idx) = tuple_idx else { return };
        let eligible = self
            .fd_at(p)
            .is_some_and(|f| f.name.is_empty() || !f.is_tcp());
        if !eligible {
            return;
        }
        let tuple: Vec<u8> = if reads {
            param(rec, idx).unwrap_or_default().to_vec()
        } else {
            let Some(e) = self.retrieve_enter(rec, ev) else {
                return;
            };
            e.param(idx).unwrap_or_default().to_vec()
        };
        let ifaces = Interfaces::new(&self.interfaces);
        let changed = self
            .fd_modify(p, |f| update_fd(f, &tuple, &ifaces))
            .unwrap_or(false);
        if !changed {
            return;
        }
        let is_ip = self
            .fd_at(p)
            .is_some_and(|f| matches!(f.kind, FdKind::Ipv4 | FdKind::Ipv6));
        if is_ip {
            let role_none = self.fd_at(p).is_some_and(|f| f.is_role_none());
            if role_none {
                let role = self.guess_role(tid, p, reads);
                self.fd_modify(p, |f| f.flags |= role);
            }
            self.fd_modify(p, |f| {
                let swap = if reads {
                    f.is_role_client()
                } else {
                    f.is_role_server()
                };
                if swap {
                    f.swap_addresses();
                }
                if let Some(n) = f.sockinfo_name() {
                    f.name = n.into();
                }
            });
        } else {
            let name = fd::socktuple_simple(&tuple);
            self.fd_modify(p, |f| f.name = name.into());
        }
    }

    /// `set_net_role_by_guessing`: the role flag to set.
    fn guess_role(&mut self, tid: i64, p: FdPtr, incoming: bool) -> u32 {
        let Some(f) = self.fd_at(p) else { return 0 };
        let (sport, dport) = (f.v4_sport(), f.v4_dport());
        let Some(owner) = self.fd_owner_mut(tid) else {
            return fd::flags::ROLE_CLIENT;
        };
        let empty = FxHashMap::default();
        let table = self.fd_tables.get(&owner).unwrap_or(&empty);
        let bound = table.values().any(|o| match o.kind {
            FdKind::Ipv4 => o.v4_dport() == dport,
            FdKind::Ipv4Server => o.v4srv_port() == dport,
            _ => false,
        });
        if !bound {
            return fd::flags::ROLE_CLIENT;
        }
        let client = table
            .values()
            .any(|o| o.kind == FdKind::Ipv4 && o.v4_sport() == sport);
        if !client {
            return fd::flags::ROLE_SERVER;
        }
        if incoming {
            fd::flags::ROLE_SERVER
        } else {
            fd::flags::ROLE_CLIENT
        }
    }

    fn parse_clone_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        use ids::*;
        let etype = rec.event_type;
        let mut tid = rec.tid;
        let Some(mut childtid) = rd_i64(param(rec, 0)) else {
            return;
        };
        let flags_idx = match etype {
            CLONE_11_X => 8,
            CLONE_16_X | FORK_X | VFORK_X => 13,
            CLONE_17_X | FORK_17_X | VFORK_17_X => 14,
            _ => 15,
        };
        let flags = rd_u32(param(rec, flags_idx)).unwrap_or(0);
        if childtid < 0 {
            return;
        }
        let is_v20 = matches!(etype, CLONE_20_X | FORK_20_X | VFORK_20_X | CLONE3_X);
        let (mut vtid, mut vpid) = (tid, -1);
        if is_v20 {
            vtid = rd_i64(param(rec, 18)).unwrap_or(tid);
            vpid = rd_i64(param(rec, 19)).unwrap_or(-1);
        }
        let in_container = flags & clone_flags::CHILD_IN_PIDNS != 0 || tid != vtid;
        let mut inverted = false;
        let mut tid_collision = false;
        if childtid == 0 {
            if let Some(t) = ev.tinfo.and_then(|t| self.threads.get(&t))
                && t.clone_ts_ns != 0
                && rec.ts_ns.wrapping_sub(t.clone_ts_ns) > CLONE_STALE_TIME_NS
            {
                self.remove_thread(tid, true);
                ev.tinfo = None;
            }
            let parent = if flags & clone_flags::CLONE_THREAD != 0 {
                rd_i64(param(rec, 4))
            } else {
                rd_i64(param(rec, 5))
            }
            .unwrap_or(-1);
            if ev.tinfo.is_none() {
                inverted = true;
                childtid = tid;
                tid = parent;
            } else {
                if in_container && let Some(t) = self.thread_mut(tid) {
                    t.vtid = vtid;
                    t.vpid = vpid;
                }
                return;
            }
        } else if in_container {
            return;
        }
        // The caller, created as a placeholder when unknown.
        if !self.get_or_create(tid) {
            return;
        }
        let valid_parent = self.threads.get(&tid).is_some_and(|p| !p.is_placeholder());
        if let Some(child) = self.threads.get(&childtid) {
            if child.flags & clone_flags::CLONE_INVERTED != 0 {
                return;
            }
            self.remove_thread(childtid, true);
            tid_collision = true;
        }
        let mut t = Thread::blank(childtid);
        t.ptid = tid;
        let exe = rd_str(param(rec, 1)).unwrap_or_default();
        let comm = match etype {
            CLONE_11_X | CLONE_16_X | FORK_X | VFORK_X => exe.clone(),
            _ => rd_str(param(rec, 13)).unwrap_or_default(),
        };
        let args = param(rec, 2).unwrap_or_default();
        if valid_parent {
            let p = self.threads.get(&tid).cloned();
            if let Some(p) = p {
                t.comm = p.comm.clone();
                t.exe = p.exe.clone();
                t.exepath = p.exepath.clone();
                t.exe_writable = p.exe_writable;
                t.args = p.args.clone();
                t.root = p.root.clone();
                t.sid = p.sid;
                t.vpgid = p.vpgid;
                t.tty = p.tty;
                t.loginuid = p.loginuid;
                if flags & clone_flags::CLONE_THREAD == 0 {
                    t.env = p.env.clone();
                }
            }
        } else {
            // An invalid (placeholder) caller is dropped and looked up
            // again, which makes a new placeholder; it gets the names found
            // in this event.
            self.remove_thread(tid, true);
            tid_collision = true;
            if !self.get_or_create(tid) {
                return;
            }
            t.exe = exe.clone().into();
            t.comm = comm.clone().into();
            t.set_args(args);
            let (c, e, ep, a) = (
                t.comm.clone(),
                t.exe.clone(),
                t.exepath.clone(),
                t.args.clone(),
            );
            if let Some(p) = self.thread_mut(tid) {
                p.comm = c;
                p.exe = e;
                p.exepath = ep;
                p.args = a;
            }
        }
        t.pid = rd_i64(param(rec, 4)).unwrap_or(-1);
        t.flags = flags;
        let mut fds = FxHashMap::default();
        if flags & clone_flags::CLONE_THREAD == 0 {
            t.pid = childtid;
            // A new process gets a copy of the caller's fd table (the one
            // the caller uses) and its cwd.
            if let Some(owner) = self.fd_owner_mut(tid)
                && let Some(table) = self.fd_tables.get(&owner)
            {
                fds = table.clone();
                for f in fds.values_mut() {
                    if f.flags & fd::flags::IS_CLONED == 0 {
                        let f = Arc::make_mut(f);
                        f.flags |= fd::flags::IS_CLONED;
                        f.sync();
                    }
                }
            }
            // (When the caller was the removed "child", libsinsp reads a
            // freed record; its cwd comes out empty.)
            t.cwd = if self.threads.contains_key(&tid) {
                self.get_cwd_mut(tid)
            } else {
                SharedStr::new()
            };
        }
        if inverted {
            t.flags |= clone_flags::CLONE_INVERTED;
        }
        t.exe = exe.into();
        t.comm = comm.into();
        t.set_args(args);
        t.fdlimit = rd_i64(param(rec, 7)).unwrap_or(0);
        let mut d = super::ThreadDyn::default();
        if etype != CLONE_11_X {
            d.pfmajor = rd_u64(param(rec, 8)).unwrap_or(0);
            d.pfminor = rd_u64(param(rec, 9)).unwrap_or(0);
            d.vmsize_kb = rd_u32(param(rec, 10)).unwrap_or(0);
            d.vmrss_kb = rd_u32(param(rec, 11)).unwrap_or(0);
            d.vmswap_kb = rd_u32(param(rec, 12)).unwrap_or(0);
        }
        let (uid_idx, gid_idx) = match etype {
            CLONE_11_X => (9, 10),
            CLONE_16_X | FORK_X | VFORK_X => (14, 15),
            CLONE_17_X | FORK_17_X | VFORK_17_X => (15, 16),
            _ => (16, 17),
        };
        t.uid = rd_u32(param(rec, uid_idx)).unwrap_or(0);
        t.gid = rd_u32(param(rec, gid_idx)).unwrap_or(0);
        if in_container {
            t.vtid = vtid;
            t.vpid = vpid;
        } else {
            t.vtid = t.tid;
            t.vpid = t.pid;
        }
        if is_v20 {
            t.set_cgroups(param(rec, 14).unwrap_or_default());
            t.container_id = (super::resolve_container(&t.cgroups, &mut self.containers)).into();
        }
        t.clone_ts_ns = rec.ts_ns;
        let ctid = t.tid;
        if self.add_thread(t, false, fds)
            && let Some(slot) = self.dyns.get_mut(&ctid)
        {
            *slot = super::ThreadDyn {
                serial: slot.serial,
                ..d
            };
        }
        if tid_collision {
            // libsinsp re-runs reset() for this event.
            let mut again = Ev::default();
            self.reset(rec, &mut again);
            ev.tinfo = again.tinfo;
            ev.fdptr = again.fdptr;
            ev.paired = again.paired;
        }
    }

    fn parse_execve_exit(&mut self, rec: &EventRecord<'_>, ev: &mut Ev) {
        use ids::*;
        let etype = rec.event_type;
        if rd_i64(param(rec, 0)).is_none_or(|r| r < 0) {
            return;
        }
        let Some(tid) = ev.tinfo else { return };
        if !self.threads.contains_key(&tid) {
            return;
        }
        let exe = rd_str(param(rec, 1)).unwrap_or_default();
        let comm = match etype {
            EXECVE_8_X | EXECVE_13_X | EXECVE_14_X => exe.clone(),
            _ => rd_str(param(rec, 13)).unwrap_or_default(),
        };
        {
            let Some(t) = self.thread_mut(tid) else {
                return;
            };
            t.exe = exe.into();
            t.comm = comm.into();
            t.set_args(param(rec, 2).unwrap_or_default());
            if let Some(pid) = rd_i64(param(rec, 4)) {
                t.pid = pid;
            }
            if t.ptid == -1
                && let Some(ptid) = rd_i64(param(rec, 5))
            {
                t.ptid = ptid;
            }
            if let Some(l) = rd_i64(param(rec, 7)) {
                t.fdlimit = l;
            }
        }
        if etype != EXECVE_8_X {
            let d = self.dyn_mut(tid);
            d.pfmajor = rd_u64(param(rec, 8)).unwrap_or(d.pfmajor);
            d.pfminor = rd_u64(param(rec, 9)).unwrap_or(d.pfminor);
            d.vmsize_kb = rd_u32(param(rec, 10)).unwrap_or(d.vmsize_kb);
            d.vmrss_kb = rd_u32(param(rec, 11)).unwrap_or(d.vmrss_kb);
            d.vmswap_kb = rd_u32(param(rec, 12)).unwrap_or(d.vmswap_kb);
        }
        match etype {
            EXECVE_14_X => {
                if let Some(e) = param(rec, 13)
                    && let Some(t) = self.thread_mut(tid)
                {
                    t.set_env(e);
                }
            }
            EXECVE_15_X => {
                if let Some(e) = param(rec, 14)
                    && let Some(t) = self.thread_mut(tid)
                {
                    t.set_env(e);
                }
            }
            EXECVE_16_X | EXECVE_17_X | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X => {
                if let Some(t) = self.thread_mut(tid) {
                    if let Some(e) = param(rec, 15) {
                        t.set_env(e);
                    }
                    t.set_cgroups(param(rec, 14).unwrap_or_default());
                }
                self.resolve_container_of(tid);
            }
            _ => {}
        }
        self.share_lists(tid);
        if matches!(etype, EXECVE_17_X | EXECVE_18_X | EXECVE_19_X | EXECVEAT_X)
            && let Some(tty) = rd_u32(param(rec, 16))
            && let Some(t) = self.thread_mut(tid)
        {
            t.tty = tty;
        }
        match etype {
            EXECVE_18_X | EXECVE_19_X => {
                if let Some(e) = self.retrieve_enter(rec, ev) {
                    let fname = e.param(0).unwrap_or_default();
                    let exepath = if cstr(fname).starts_with(b"<NA>") {
                        "<NA>".to_string()
                    } else {
                        let own_cwd = self
                            .threads
                            .get(&tid)
                            .map(|t| t.cwd.clone())
                            .unwrap_or_default();
                        paths::concatenate_param(&own_cwd, fname)
                    };
                    if let Some(t) = self.thread_mut(tid) {
                        t.exepath = exepath.into();
                    }
                }
            }
            EXECVEAT_X => {
                if let Some(e) = self.retrieve_enter(rec, ev) {
                    let dirfd = rd_i64(e.param(0)).unwrap_or(-100);
                    let pathname = e.param(1).unwrap_or_default().to_vec();
                    let exepath = if cstr(&pathname).starts_with(b"<NA>") {
                        "<NA>".to_string()
                    } else {
                        let fl = rd_u32(e.param(2)).unwrap_or(0);
                        let sdir = self.parse_dirfd(tid, ev, &pathname, dirfd);
                        if fl & 1 != 0 && cstr(&pathname).is_empty() {
                            // The dirfd itself is the executable.
                            let mut p = sdir.as_bytes().to_vec();
                            p.push(0);
                            paths::concatenate_raw(sdir.as_bytes(), &p, pathname.len())
                        } else {
                            paths::concatenate_raw(sdir.as_bytes(), &pathname, pathname.len())
                        }
                    };
                    if let Some(t) = self.thread_mut(tid) {
                        t.exepath = exepath.into();
                    }
                }
            }
            _ => {}
        }
        if matches!(etype, EXECVE_19_X | EXECVEAT_X)
            && let Some(pg) = rd_i64(param(rec, 17))
            && let Some(t) = self.thread_mut(tid)
        {
            t.vpgid = pg;
        }
        let np = nparams(rec);
        let Some(t) = self.thread_mut(tid) else {
            return;
        };
        if np > 18
            && let Some(l) = rd_u32(param(rec, 18))
        {
            t.loginuid = l;
        }
        if np > 19
            && let Some(f) = rd_u32(param(rec, 19))
        {
            t.exe_writable = f & 1 != 0;
        }
        let keep = t.flags
            & (clone_flags::PIPE_SRC
                | clone_flags::PIPE_DST
                | clone_flags::IS_MAIN_THREAD
                | clone_flags::CLONE_INVERTED);
        t.flags = clone_flags::ACTIVE | keep | clone_flags::NAME_CHANGED;
    }
}

/// A decoded socktuple parameter (libsinsp reads it by offsets).
struct Tuple {
    sip4: [u8; 4],
    sport4: u16,
    dip4: [u8; 4],
    dport4: u16,
    sip6: [u8; 16],
    sport6: u16,
    dip6: [u8; 16],
    dport6: u16,
    unix_src: u64,
    unix_dst: u64,
}

impl Tuple {
    fn parse(b: &[u8]) -> Tuple {
        let get = |o: usize| b.get(o).copied().unwrap_or(0);
        let arr = |o: usize, out: &mut [u8]| {
            for (i, x) in out.iter_mut().enumerate() {
                *x = get(o + i);
            }
        };
        let u16at = |o: usize| u16::from_le_bytes([get(o), get(o + 1)]);
        let u64at = |o: usize| {
            let mut a = [0u8; 8];
            arr(o, &mut a);
            u64::from_le_bytes(a)
        };
        let mut t = Tuple {
            sip4: [0; 4],
            sport4: u16at(5),
            dip4: [0; 4],
            dport4: u16at(11),
            sip6: [0; 16],
            sport6: u16at(17),
            dip6: [0; 16],
            dport6: u16at(35),
            unix_src: u64at(1),
            unix_dst: u64at(9),
        };
        arr(1, &mut t.sip4);
        arr(7, &mut t.dip4);
        arr(1, &mut t.sip6);
        arr(19, &mut t.dip6);
        t
    }
    fn v4_sip(&self) -> u32 {
        u32::from_le_bytes(self.sip4)
    }
    fn v4_dip(&self) -> u32 {
        u32::from_le_bytes(self.dip4)
    }
    /// The IPv4 address inside a mapped source.
    fn m_sip(&self) -> u32 {
        u32::from_le_bytes([self.sip6[12], self.sip6[13], self.sip6[14], self.sip6[15]])
    }
    fn m_dip(&self) -> u32 {
        u32::from_le_bytes([self.dip6[12], self.dip6[13], self.dip6[14], self.dip6[15]])
    }
}

/// `fill_client_socket_info` (connect exit with a tuple).
fn fill_client_socket_info(f: &mut Fd, tuple: &[u8]) {
    let family = tuple[0];
    if family == PPM_AF_INET || family == PPM_AF_INET6 {
        let t = Tuple::parse(tuple);
        let changed = if family == PPM_AF_INET6 {
            if !(fd::is_v4_mapped(&t.sip6) && fd::is_v4_mapped(&t.dip6)) {
                f.kind = FdKind::Ipv6;
                f.update_v6(t.sip6, t.sport6, t.dip6, t.dport6)
            } else {
                f.kind = FdKind::Ipv4;
                f.update_v4(t.m_sip(), t.sport6, t.m_dip(), t.dport6)
            }
        } else {
            f.kind = FdKind::Ipv4;
            f.update_v4(t.v4_sip(), t.sport4, t.v4_dip(), t.dport4)
        };
        if changed && f.is_role_server() && f.is_udp() {
            f.swap_addresses();
        }
        if let Some(n) = f.sockinfo_name() {
            f.name = n.into();
        }
    } else {
        f.name = fd::socktuple_simple(tuple).into();
        let t = Tuple::parse(tuple);
        f.set_unix(t.unix_src, t.unix_dst);
    }
    if f.is_role_none() {
        f.flags |= fd::flags::ROLE_CLIENT;
    }
}

/// The capture's interfaces, as libsinsp's interface list uses them.
pub(super) struct Interfaces {
    v4: Vec<(u32, u32)>,
    v6: Vec<[u8; 16]>,
}

impl Interfaces {
    pub(super) fn new(list: &[crate::format::meta::Interface]) -> Interfaces {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for i in list {
            if i.addr.len() == 4 && i.netmask.len() == 4 {
                let a = u32::from_le_bytes([i.addr[0], i.addr[1], i.addr[2], i.addr[3]]);
                let m =
                    u32::from_le_bytes([i.netmask[0], i.netmask[1], i.netmask[2], i.netmask[3]]);
                v4.push((a, m));
            } else if i.addr.len() == 16 {
                let mut a = [0u8; 16];
                a.copy_from_slice(&i.addr);
                v6.push(a);
            }
        }
        Interfaces { v4, v6 }
    }

    fn infer_v4(&self, addr: u32) -> u32 {
        const LOOPBACK: u32 = 0x0100_007f;
        if let Some(&(a, _)) = self.v4.iter().find(|(a, _)| *a == addr) {
            return a;
        }
        if let Some(&(a, _)) = self.v4.iter().find(|(a, m)| a & m == addr & m) {
            return a;
        }
        self.v4
            .iter()
            .find(|(a, _)| *a != LOOPBACK)
            .map_or(0, |(a, _)| *a)
    }

    fn infer_v6(&self, addr: &[u8; 16]) -> [u8; 16] {
        let mut lo = [0u8; 16];
        lo[15] = 1;
        if let Some(a) = self.v6.iter().find(|a| *a == addr) {
            return *a;
        }
        if let Some(a) = self.v6.iter().find(|a| a[..8] == addr[..8]) {
            return *a;
        }
        self.v6
            .iter()
            .find(|a| **a != lo)
            .copied()
            .unwrap_or([0; 16])
    }

    /// `sinsp_network_interfaces::update_fd`: completes a half-known tuple.
    fn update_fd(&self, f: &mut Fd) {
        match f.kind {
            FdKind::Ipv4 => {
                let (sip, dip) = (f.v4_sip(), f.v4_dip());
                if sip != 0 && dip != 0 {
                    return;
                }
                let same_port = f.v4_sport() == f.v4_dport();
                if sip == 0 {
                    let n = self.infer_v4(dip);
                    if n == dip && same_port {
                        return;
                    }
                    f.set_v4_sip(n);
                } else {
                    let n = self.infer_v4(sip);
                    if n == sip && same_port {
                        return;
                    }
                    f.set_v4_dip(n);
                }
            }
            FdKind::Ipv6 => {
                let (sip, dip) = (f.v6_sip(), f.v6_dip());
                let zero = [0u8; 16];
                if sip != zero && dip != zero {
                    return;
                }
                let same_port = f.v6_sport() == f.v6_dport();
                if sip == zero {
                    let n = self.infer_v6(&dip);
                    if n == dip && same_port {
                        return;
                    }
                    f.set_v6_sip(n);
                } else {
                    let n = self.infer_v6(&sip);
                    if n == sip && same_port {
                        return;
                    }
                    f.set_v6_dip(n);
                }
            }
            _ => {}
        }
    }
}

/// `sinsp_parser::update_fd`: a datagram tuple updates the fd; returns
/// whether anything changed.
fn update_fd(f: &mut Fd, tuple: &[u8], ifaces: &Interfaces) -> bool {
    if tuple.is_empty() {
        return false;
    }
    let family = tuple[0];
    let t = Tuple::parse(tuple);
    if family == PPM_AF_INET {
        if f.kind == FdKind::Ipv4Server {
            let l4 = f.v4srv_l4();
            f.set_v4_l4(l4);
        }
        f.kind = FdKind::Ipv4;
        if !f.update_v4(t.v4_sip(), t.sport4, t.v4_dip(), t.dport4) {
            return false;
        }
    } else if family == PPM_AF_INET6 {
        if fd::is_v4_mapped(&t.sip6) && fd::is_v4_mapped(&t.dip6) {
            f.kind = FdKind::Ipv4;
            if !f.update_v4(t.m_sip(), t.sport6, t.m_dip(), t.dport6) {
                return false;
            }
        } else if !f.update_v6(t.sip6, t.sport6, t.dip6, t.dport6) {
            return false;
        }
    } else if family == PPM_AF_UNIX {
        f.kind = FdKind::Unix;
        f.set_unix(t.unix_src, t.unix_dst);
        f.name = (String::from_utf8_lossy(cstr(tuple.get(17..).unwrap_or_default())).into_owned())
            .into();
        return true;
    }
    match f.kind {
        FdKind::Ipv4 if f.v4_l4() == fd::L4_UNKNOWN => f.set_v4_l4(fd::L4_UDP),
        FdKind::Ipv6 if f.v6_l4() == fd::L4_UNKNOWN => f.set_v6_l4(fd::L4_UDP),
        _ => {}
    }
    ifaces.update_fd(f);
    true
}

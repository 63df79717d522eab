//! A generator of large, realistic, reproducible captures (`scapscope
//! synth`): process trees that clone, exec and exit; file opens, reads and
//! writes with payloads; TCP connections carrying HTTP, UDP DNS lookups,
//! a database on a unix socket; three containers; failures. It writes the
//! event layouts sysdig 0.29.3 knows, so `sysdig -r` reads the result.
//!
//! Memory stays bounded whatever the size: the world (processes, fds) is
//! small and recycled, and events stream to the writer.

use std::io::{self, Write};

use crate::format::meta::{
    FdEntry, FdInfo, GroupEntry, Interface, MachineInfo, ThreadEntry, UserEntry, fd_type,
};
use crate::writer::{CaptureWriter, param};

/// When to stop writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Stop once the file holds at least this many bytes.
    Bytes(u64),
    /// Stop after this many events.
    Events(u64),
}

/// Generator settings.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// Random seed; the same seed gives the same file.
    pub seed: u64,
    /// Size of the capture.
    pub target: Target,
    /// Fixed gap between consecutive events; random (0.2–40 µs) when `None`.
    pub spacing_ns: Option<u64>,
    /// Timestamp of the first event, ns since the epoch.
    pub start_ts_ns: u64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 1,
            target: Target::Events(100_000),
            spacing_ns: None,
            // 2026-01-01T00:00:00Z
            start_ts_ns: 1_767_225_600_000_000_000,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthSummary {
    /// Event blocks written.
    pub events: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Timestamp of the last event.
    pub last_ts_ns: u64,
}

/// Event type ids (versions sysdig 0.29.3 knows).
mod ev {
    pub const CLOSE_E: u16 = 4;
    pub const CLOSE_X: u16 = 5;
    pub const READ_E: u16 = 6;
    pub const READ_X: u16 = 7;
    pub const WRITE_E: u16 = 8;
    pub const WRITE_X: u16 = 9;
    pub const SOCKET_E: u16 = 18;
    pub const SOCKET_X: u16 = 19;
    pub const CONNECT_E: u16 = 22;
    pub const CONNECT_X: u16 = 23;
    pub const SENDTO_E: u16 = 30;
    pub const SENDTO_X: u16 = 31;
    pub const RECVFROM_E: u16 = 34;
    pub const RECVFROM_X: u16 = 35;
    pub const FSTAT_E: u16 = 166;
    pub const FSTAT_X: u16 = 167;
    pub const PROCEXIT_1_E: u16 = 186;
    pub const CLONE_20_E: u16 = 222;
    pub const CLONE_20_X: u16 = 223;
    pub const ACCEPT4_5_E: u16 = 248;
    pub const ACCEPT4_5_X: u16 = 249;
    pub const EXECVE_19_E: u16 = 292;
    pub const EXECVE_19_X: u16 = 293;
    pub const OPENAT_2_E: u16 = 306;
    pub const OPENAT_2_X: u16 = 307;
    pub const CONTAINER_JSON_2_E: u16 = 324;
    pub const PROCINFO_E: u16 = 234;
}

/// PPM open flags.
const O_RDONLY: u32 = 1;
const O_WRONLY: u32 = 2;
const O_CREAT: u32 = 4;
const O_APPEND: u32 = 8;
const O_CLOEXEC: u32 = 1 << 12;
const ENOENT: i64 = 2;
const ECONNREFUSED: i64 = 111;
const EAGAIN: i64 = 11;
const AT_FDCWD: i64 = -100;
const CLONE_CHILD_FLAGS: u32 = (1 << 23) | (1 << 24);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Container {
    id: String,
    full_id: String,
    name: &'static str,
    image: &'static str,
    ip: [u8; 4],
}

impl Container {
    fn cgroups(&self) -> Vec<u8> {
        let mut v = Vec::new();
        for sub in ["cpuset", "cpu", "memory", "pids"] {
            v.extend_from_slice(format!("{sub}=/docker/{}", self.full_id).as_bytes());
            v.push(0);
        }
        v
    }
}

#[derive(Clone)]
struct Proc {
    pid: i64,
    ppid: i64,
    comm: &'static str,
    exe: &'static str,
    args: &'static [&'static str],
    cwd: &'static str,
    uid: u32,
    container: Option<usize>,
    next_fd: i64,
    role: Role,
    /// Steps taken since the last procinfo round, and the CPU time (in
    /// jiffies, 100 per second) reported so far, user and system.
    busy_steps: u64,
    cpu_jiffies: (u64, u64),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Shell,
    Web,
    Db,
    App,
    Daemon,
    Child,
}

struct World<W: Write> {
    w: CaptureWriter<W>,
    rng: Rng,
    ts_ns: u64,
    spacing_ns: Option<u64>,
    events: u64,
    procs: Vec<Proc>,
    containers: Vec<Container>,
    next_pid: i64,
    ncpus: u16,
    /// When the next round of procinfo events is due, and the steps taken
    /// since the last one.
    next_procinfo_ns: u64,
    steps_since_procinfo: u64,
}

const FILES: &[&str] = &[
    "/etc/passwd",
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/nsswitch.conf",
    "/usr/lib/x86_64-linux-gnu/libc.so.6",
    "/usr/share/zoneinfo/UTC",
    "/proc/self/status",
    "/proc/meminfo",
    "/var/www/html/index.html",
    "/var/www/html/app.js",
    "/srv/data/report.csv",
];
const MISSING: &[&str] = &[
    "/etc/ld.so.preload",
    "/root/.config/missing.conf",
    "/tmp/nope",
];
const LOGS: &[&str] = &[
    "/var/log/syslog",
    "/var/log/nginx/access.log",
    "/tmp/app.log",
];
const URLS: &[&str] = &[
    "/",
    "/index.html",
    "/api/v1/items",
    "/api/v1/users/42",
    "/health",
];
const HOSTS: &[&str] = &[
    "example.com",
    "api.internal",
    "db.internal",
    "cdn.example.net",
];
const COMMANDS: &[(&str, &str, &[&str])] = &[
    ("ls", "/bin/ls", &["-la", "/var/log"]),
    ("cat", "/bin/cat", &["/etc/hosts"]),
    ("grep", "/bin/grep", &["-r", "error", "/var/log"]),
    ("curl", "/usr/bin/curl", &["-s", "http://example.com/"]),
    ("ps", "/bin/ps", &["aux"]),
];

impl<W: Write> World<W> {
    fn tick(&mut self) -> u64 {
        self.ts_ns += match self.spacing_ns {
            Some(s) => s,
            None => 200 + self.rng.below(40_000),
        };
        self.ts_ns
    }

    fn cpu(&mut self) -> u16 {
        self.rng.below(u64::from(self.ncpus)) as u16
    }

    fn emit(&mut self, tid: i64, cpu: u16, event_type: u16, params: &[&[u8]]) -> io::Result<()> {
        let ts = self.tick();
        self.w.event(ts, tid, cpu, event_type, params)?;
        self.events += 1;
        Ok(())
    }

    fn pair(&mut self, tid: i64, enter: (u16, &[&[u8]]), exit: (u16, &[&[u8]])) -> io::Result<()> {
        let cpu = self.cpu();
        self.emit(tid, cpu, enter.0, enter.1)?;
        self.emit(tid, cpu, exit.0, exit.1)
    }

    fn payload(&mut self, text: &str, snaplen: usize) -> Vec<u8> {
        let mut v = text.as_bytes().to_vec();
        v.truncate(snaplen);
        v
    }

    fn openat(&mut self, p: usize, path: &str, flags: u32) -> io::Result<i64> {
        let tid = self.procs[p].pid;
        let fd = self.procs[p].next_fd;
        self.pair(
            tid,
            (
                ev::OPENAT_2_E,
                &[
                    &param::i64(AT_FDCWD),
                    &param::str(path),
                    &param::u32(flags),
                    &param::u32(0o644),
                ],
            ),
            (
                ev::OPENAT_2_X,
                &[
                    &param::i64(fd),
                    &param::i64(AT_FDCWD),
                    &param::str(path),
                    &param::u32(flags),
                    &param::u32(0o644),
                    &param::u32(0x803),
                ],
            ),
        )?;
        self.procs[p].next_fd += 1;
        Ok(fd)
    }

    fn open_missing(&mut self, p: usize) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let path = *self.rng.pick(MISSING);
        self.pair(
            tid,
            (
                ev::OPENAT_2_E,
                &[
                    &param::i64(AT_FDCWD),
                    &param::str(path),
                    &param::u32(O_RDONLY),
                    &param::u32(0),
                ],
            ),
            (
                ev::OPENAT_2_X,
                &[
                    &param::i64(-ENOENT),
                    &param::i64(AT_FDCWD),
                    &param::str(path),
                    &param::u32(O_RDONLY),
                    &param::u32(0),
                    &param::u32(0),
                ],
            ),
        )
    }

    fn io(
        &mut self,
        p: usize,
        fd: i64,
        write: bool,
        data: &[u8],
        real_len: usize,
    ) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let (e, x) = if write {
            (ev::WRITE_E, ev::WRITE_X)
        } else {
            (ev::READ_E, ev::READ_X)
        };
        self.pair(
            tid,
            (e, &[&param::i64(fd), &param::u32(real_len as u32)]),
            (x, &[&param::i64(real_len as i64), data]),
        )
    }

    fn close(&mut self, p: usize, fd: i64) -> io::Result<()> {
        let tid = self.procs[p].pid;
        self.pair(
            tid,
            (ev::CLOSE_E, &[&param::i64(fd)]),
            (ev::CLOSE_X, &[&param::i64(0)]),
        )
    }

    fn fstat(&mut self, p: usize, fd: i64) -> io::Result<()> {
        let tid = self.procs[p].pid;
        self.pair(
            tid,
            (ev::FSTAT_E, &[&param::i64(fd)]),
            (ev::FSTAT_X, &[&param::i64(0)]),
        )
    }

    fn file_read(&mut self, p: usize) -> io::Result<()> {
        if self.rng.chance(6) {
            return self.open_missing(p);
        }
        let path = *self.rng.pick(FILES);
        let fd = self.openat(p, path, O_RDONLY | O_CLOEXEC)?;
        self.fstat(p, fd)?;
        for _ in 0..1 + self.rng.below(3) {
            let n = 512 + self.rng.below(3500) as usize;
            let text = format!(
                "# {path}\nroot:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n"
            );
            let data = self.payload(&text, 80);
            self.io(p, fd, false, &data, n)?;
        }
        self.io(p, fd, false, &[], 0)?;
        self.close(p, fd)
    }

    fn file_write(&mut self, p: usize) -> io::Result<()> {
        let path = *self.rng.pick(LOGS);
        let fd = self.openat(p, path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC)?;
        for _ in 0..1 + self.rng.below(4) {
            let line = format!(
                "{} {}[{}]: request id={} status={}\n",
                self.ts_ns / 1_000_000_000,
                self.procs[p].comm,
                self.procs[p].pid,
                self.rng.below(1_000_000),
                self.rng.pick(&[200, 200, 200, 404, 500])
            );
            let data = self.payload(&line, 80);
            self.io(p, fd, true, &data, line.len())?;
        }
        self.close(p, fd)
    }

    fn proc_ip(&self, p: usize) -> [u8; 4] {
        match self.procs[p].container {
            Some(c) => self.containers[c].ip,
            None => [10, 0, 0, 5],
        }
    }

    fn socket(&mut self, p: usize, domain: u32, ty: u32, proto: u32) -> io::Result<i64> {
        let tid = self.procs[p].pid;
        let fd = self.procs[p].next_fd;
        self.pair(
            tid,
            (
                ev::SOCKET_E,
                &[&param::u32(domain), &param::u32(ty), &param::u32(proto)],
            ),
            (ev::SOCKET_X, &[&param::i64(fd)]),
        )?;
        self.procs[p].next_fd += 1;
        Ok(fd)
    }

    fn http_client(&mut self, p: usize) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let fd = self.socket(p, 2, 1, 0)?;
        let web = self.containers[0].ip;
        let sip = self.proc_ip(p);
        let sport = 32768 + self.rng.below(28000) as u16;
        let refused = self.rng.chance(5);
        let res = if refused { -ECONNREFUSED } else { 0 };
        self.pair(
            tid,
            (
                ev::CONNECT_E,
                &[&param::i64(fd), &param::sockaddr_v4(web, 80)],
            ),
            (
                ev::CONNECT_X,
                &[&param::i64(res), &param::socktuple_v4(sip, sport, web, 80)],
            ),
        )?;
        if !refused {
            let url = *self.rng.pick(URLS);
            let req = format!(
                "GET {url} HTTP/1.1\r\nHost: web\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"
            );
            let data = self.payload(&req, 2000);
            self.io(p, fd, true, &data, req.len())?;
            let body = "<html><body>hello</body></html>";
            let status = if url == "/health" {
                "204 No Content"
            } else {
                "200 OK"
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nServer: nginx/1.25.3\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let data = self.payload(&resp, 2000);
            self.io(p, fd, false, &data, resp.len())?;
        }
        self.close(p, fd)
    }

    fn http_server(&mut self, p: usize) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let fd = self.procs[p].next_fd;
        let cip = [10, 0, 0, 5 + self.rng.below(3) as u8];
        let cport = 32768 + self.rng.below(28000) as u16;
        let me = self.proc_ip(p);
        if self.rng.chance(3) {
            return self.pair(
                tid,
                (ev::ACCEPT4_5_E, &[&param::u32(0x800)]),
                (
                    ev::ACCEPT4_5_X,
                    &[
                        &param::i64(-EAGAIN),
                        &[],
                        &param::u8(0),
                        &param::u32(0),
                        &param::u32(128),
                    ],
                ),
            );
        }
        self.pair(
            tid,
            (ev::ACCEPT4_5_E, &[&param::u32(0x800)]),
            (
                ev::ACCEPT4_5_X,
                &[
                    &param::i64(fd),
                    &param::socktuple_v4(cip, cport, me, 80),
                    &param::u8(0),
                    &param::u32(0),
                    &param::u32(128),
                ],
            ),
        )?;
        self.procs[p].next_fd += 1;
        let url = *self.rng.pick(URLS);
        let req = format!("GET {url} HTTP/1.1\r\nHost: web\r\nAccept: */*\r\n\r\n");
        let data = self.payload(&req, 2000);
        self.io(p, fd, false, &data, req.len())?;
        let file = self.openat(p, "/var/www/html/index.html", O_RDONLY | O_CLOEXEC)?;
        let page = "<html><body>hello</body></html>";
        let d = self.payload(page, 80);
        self.io(p, file, false, &d, page.len())?;
        self.close(p, file)?;
        let resp = format!(
            "HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        let data = self.payload(&resp, 2000);
        self.io(p, fd, true, &data, resp.len())?;
        self.close(p, fd)
    }

    fn dns(&mut self, p: usize) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let fd = self.socket(p, 2, 2, 17)?;
        let me = self.proc_ip(p);
        let sport = 32768 + self.rng.below(28000) as u16;
        let server = [10, 0, 0, 2];
        let host = *self.rng.pick(HOSTS);
        let id = self.rng.below(65536) as u16;
        let mut q = Vec::new();
        q.extend_from_slice(&id.to_be_bytes());
        q.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
        for label in host.split('.') {
            q.push(label.len() as u8);
            q.extend_from_slice(label.as_bytes());
        }
        q.extend_from_slice(&[0, 0, 1, 0, 1]);
        let tuple = param::socktuple_v4(me, sport, server, 53);
        self.pair(
            tid,
            (
                ev::SENDTO_E,
                &[&param::i64(fd), &param::u32(q.len() as u32), &tuple],
            ),
            (ev::SENDTO_X, &[&param::i64(q.len() as i64), &q]),
        )?;
        let mut a = q.clone();
        a[2] = 0x81;
        a[3] = 0x80;
        a[7] = 1;
        a.extend_from_slice(&[
            0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 93, 184, 216, 34,
        ]);
        let back = param::socktuple_v4(server, 53, me, sport);
        self.pair(
            tid,
            (ev::RECVFROM_E, &[&param::i64(fd), &param::u32(512)]),
            (ev::RECVFROM_X, &[&param::i64(a.len() as i64), &a, &back]),
        )?;
        self.close(p, fd)
    }

    fn db_query(&mut self, p: usize) -> io::Result<()> {
        // Application ↔ database over a TCP connection kept open (fd 5).
        let q = format!(
            "Q\0\0\0\x2bSELECT * FROM items WHERE id = {} LIMIT 1;\0",
            self.rng.below(10_000)
        );
        let d = self.payload(&q, 80);
        self.io(p, 5, true, &d, q.len())?;
        let r: &[u8] = b"T\0\0\0\x1b\0\x01id\0\0\0\0\0\0\x01\0\0\0\x17\0\x04\xff\xff\xff\xffD\0\0\0\x0b\0\x01\0\0\0\x0142";
        self.io(p, 5, false, r, r.len())
    }

    fn spawn(&mut self, p: usize) -> io::Result<()> {
        if self.procs.len() > 64 {
            return Ok(());
        }
        let parent = self.procs[p].clone();
        let child_pid = self.next_pid;
        self.next_pid += 1;
        let cg = parent
            .container
            .map(|c| self.containers[c].cgroups())
            .unwrap_or_else(|| {
                b"cpuset=/\0cpu=/user.slice\0memory=/user.slice/user-1000.slice\0".to_vec()
            });
        let args = param::list(parent.args);
        let clone_x = |res: i64, tid: i64| -> Vec<Vec<u8>> {
            vec![
                param::i64(res),
                param::str(parent.exe),
                args.clone(),
                param::i64(tid),
                param::i64(tid),
                param::i64(if res == 0 { parent.pid } else { parent.ppid }),
                param::str(parent.cwd),
                param::i64(1024),
                param::u64(0),
                param::u64(0),
                param::u32(10_000),
                param::u32(4_000),
                param::u32(0),
                param::str(parent.comm),
                cg.clone(),
                param::u32(CLONE_CHILD_FLAGS),
                param::u32(parent.uid),
                param::u32(parent.uid),
                param::i64(tid),
                param::i64(tid),
            ]
        };
        let cpu = self.cpu();
        self.emit(parent.pid, cpu, ev::CLONE_20_E, &[])?;
        let px = clone_x(child_pid, parent.pid);
        let refs: Vec<&[u8]> = px.iter().map(|v| v.as_slice()).collect();
        self.emit(parent.pid, cpu, ev::CLONE_20_X, &refs)?;
        let cx = clone_x(0, child_pid);
        let refs: Vec<&[u8]> = cx.iter().map(|v| v.as_slice()).collect();
        let ccpu = self.cpu();
        self.emit(child_pid, ccpu, ev::CLONE_20_X, &refs)?;
        let (comm, exe, cargs) = *self.rng.pick(COMMANDS);
        self.emit(child_pid, ccpu, ev::EXECVE_19_E, &[&param::str(exe)])?;
        let env = b"PATH=/usr/local/bin:/usr/bin:/bin\0HOME=/root\0LANG=C.UTF-8\0".to_vec();
        let ex = [
            param::i64(0),
            param::str(exe),
            param::list(cargs),
            param::i64(child_pid),
            param::i64(child_pid),
            param::i64(parent.pid),
            param::str(parent.cwd),
            param::u64(1024),
            param::u64(0),
            param::u64(12),
            param::u32(5_000),
            param::u32(1_000),
            param::u32(0),
            param::str(comm),
            cg,
            env,
            param::u32(34816),
            param::i64(child_pid),
            param::u32(parent.uid),
            param::u32(0),
        ];
        let refs: Vec<&[u8]> = ex.iter().map(|v| v.as_slice()).collect();
        self.emit(child_pid, ccpu, ev::EXECVE_19_X, &refs)?;
        let leaked: &'static [&'static str] = cargs;
        self.procs.push(Proc {
            pid: child_pid,
            ppid: parent.pid,
            comm,
            exe,
            args: leaked,
            cwd: parent.cwd,
            uid: parent.uid,
            container: parent.container,
            next_fd: 3,
            role: Role::Child,
            busy_steps: 0,
            cpu_jiffies: (0, 0),
        });
        Ok(())
    }

    fn exit(&mut self, p: usize) -> io::Result<()> {
        let tid = self.procs[p].pid;
        let cpu = self.cpu();
        self.emit(
            tid,
            cpu,
            ev::PROCEXIT_1_E,
            &[&param::i64(0), &param::i64(0), &param::u8(0), &param::u8(0)],
        )?;
        self.procs.swap_remove(p);
        Ok(())
    }

    /// Once a second, as the driver does, a procinfo event per process
    /// with its CPU time so far: each process is given a share of
    /// 40% of the CPUs (3/4 user, 1/4 system) in proportion to the steps
    /// it took, so CPU% in views and tiles has something to show.
    fn procinfo_if_due(&mut self) -> io::Result<()> {
        if self.ts_ns < self.next_procinfo_ns {
            return Ok(());
        }
        let steps = self.steps_since_procinfo.max(1);
        let ncpus = u64::from(self.ncpus);
        for p in 0..self.procs.len() {
            let busy = std::mem::take(&mut self.procs[p].busy_steps);
            let (usr, sys) = &mut self.procs[p].cpu_jiffies;
            *usr += busy * 30 * ncpus / steps;
            *sys += busy * 10 * ncpus / steps;
            let (usr, sys, tid) = (*usr, *sys, self.procs[p].pid);
            let cpu = self.cpu();
            self.emit(
                tid,
                cpu,
                ev::PROCINFO_E,
                &[&param::u64(usr), &param::u64(sys)],
            )?;
        }
        self.steps_since_procinfo = 0;
        while self.next_procinfo_ns <= self.ts_ns {
            self.next_procinfo_ns += 1_000_000_000;
        }
        Ok(())
    }

    /// One unit of activity by a random process.
    fn step(&mut self) -> io::Result<()> {
        let p = self.rng.below(self.procs.len() as u64) as usize;
        self.procs[p].busy_steps += 1;
        self.steps_since_procinfo += 1;
        // Keep fd numbers small: long-lived processes reuse theirs.
        if self.procs[p].next_fd > 40 {
            self.procs[p].next_fd = 6;
        }
        let r = self.rng.below(100);
        match self.procs[p].role {
            Role::Web => {
                if r < 70 {
                    self.http_server(p)
                } else {
                    self.file_write(p)
                }
            }
            Role::Db => {
                if r < 50 {
                    self.db_query(p)
                } else {
                    self.file_read(p)
                }
            }
            Role::App => match r {
                0..40 => self.http_client(p),
                40..60 => self.dns(p),
                60..80 => self.db_query(p),
                _ => self.file_read(p),
            },
            Role::Shell => match r {
                0..25 => self.spawn(p),
                25..60 => self.file_read(p),
                60..75 => self.dns(p),
                _ => self.file_write(p),
            },
            Role::Daemon => {
                if r < 60 {
                    self.file_read(p)
                } else {
                    self.file_write(p)
                }
            }
            Role::Child => match r {
                0..30 => self.exit(p),
                30..70 => self.file_read(p),
                70..85 => self.http_client(p),
                _ => self.dns(p),
            },
        }
    }
}

fn hex_id(rng: &mut Rng) -> String {
    (0..4).map(|_| format!("{:016x}", rng.next())).collect()
}

/// Version of what [`synth`] writes for a given config: part of the name
/// of [`cached`] files, bumped whenever the output changes (2: procinfo
/// events), so a benchmark never measures a capture of an older generator.
pub const GENERATOR_VERSION: u32 = 2;

/// The generated capture of `events` events and `seed` in `dir`, written
/// there first if absent (through a `.partial` file renamed when complete,
/// so an interrupted run leaves no truncated capture behind). For
/// benchmarks, which reuse one large capture across runs.
pub fn cached(dir: &std::path::Path, events: u64, seed: u64) -> io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("synth-v{GENERATOR_VERSION}-s{seed}-{events}.scap"));
    if !path.exists() {
        let cfg = SynthConfig {
            seed,
            target: Target::Events(events),
            ..Default::default()
        };
        let tmp = path.with_extension("partial");
        let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
        synth(&cfg, &mut out)?;
        out.flush()?;
        drop(out);
        std::fs::rename(&tmp, &path)?;
    }
    Ok(path)
}

/// Writes a synthetic capture to `out`.
pub fn synth<W: Write>(cfg: &SynthConfig, out: W) -> io::Result<SynthSummary> {
    let mut rng = Rng(cfg.seed ^ 0x5CA9_5C09_0000_0000);
    let containers: Vec<Container> = [
        ("web", "nginx:1.25"),
        ("db", "postgres:16"),
        ("app", "python:3.12"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, image))| {
        let full_id = hex_id(&mut rng);
        Container {
            id: full_id[..12].to_string(),
            full_id,
            name,
            image,
            ip: [172, 17, 0, 2 + i as u8],
        }
    })
    .collect();
    let mk = |pid: i64,
              ppid: i64,
              comm: &'static str,
              exe: &'static str,
              args: &'static [&'static str],
              uid: u32,
              container: Option<usize>,
              role: Role| Proc {
        pid,
        ppid,
        comm,
        exe,
        args,
        cwd: "/",
        uid,
        container,
        next_fd: 6,
        role,
        busy_steps: 0,
        cpu_jiffies: (0, 0),
    };
    let procs = vec![
        mk(1, 0, "systemd", "/sbin/init", &[], 0, None, Role::Daemon),
        mk(
            612,
            1,
            "cron",
            "/usr/sbin/cron",
            &["-f"],
            0,
            None,
            Role::Daemon,
        ),
        mk(1200, 1, "bash", "-bash", &[], 1000, None, Role::Shell),
        mk(
            2100,
            1,
            "nginx",
            "nginx",
            &["-g", "daemon off;"],
            33,
            Some(0),
            Role::Web,
        ),
        mk(
            2200,
            1,
            "postgres",
            "postgres",
            &["-D", "/var/lib/postgresql"],
            999,
            Some(1),
            Role::Db,
        ),
        mk(
            2300,
            1,
            "python3",
            "python3",
            &["app.py"],
            1000,
            Some(2),
            Role::App,
        ),
        mk(
            2301,
            1,
            "python3",
            "python3",
            &["worker.py"],
            1000,
            Some(2),
            Role::App,
        ),
    ];
    let mut w = CaptureWriter::new(out);
    w.section_header()?;
    w.machine_info(&MachineInfo {
        num_cpus: 4,
        memory_size_bytes: 16 << 30,
        max_pid: 4_194_304,
        hostname: "synth-host".into(),
        boot_ts_ns: cfg.start_ts_ns - 3_600_000_000_000,
    })?;
    w.interface_list(&[
        Interface {
            name: "lo".into(),
            addr: vec![127, 0, 0, 1],
            netmask: vec![255, 0, 0, 0],
        },
        Interface {
            name: "eth0".into(),
            addr: vec![10, 0, 0, 5],
            netmask: vec![255, 255, 255, 0],
        },
    ])?;
    w.user_list(
        &[
            user(0, "root", "/root", "/bin/bash"),
            user(33, "www-data", "/var/www", "/usr/sbin/nologin"),
            user(999, "postgres", "/var/lib/postgresql", "/bin/bash"),
            user(1000, "dev", "/home/dev", "/bin/bash"),
        ],
        &[
            GroupEntry {
                gid: 0,
                name: "root".into(),
            },
            GroupEntry {
                gid: 33,
                name: "www-data".into(),
            },
            GroupEntry {
                gid: 999,
                name: "postgres".into(),
            },
            GroupEntry {
                gid: 1000,
                name: "dev".into(),
            },
        ],
    )?;
    let entries: Vec<ThreadEntry> = procs
        .iter()
        .map(|p| ThreadEntry {
            tid: p.pid,
            pid: p.pid,
            ptid: p.ppid,
            sid: p.pid,
            vpgid: p.pid,
            pgid: p.pid,
            comm: p.comm.into(),
            exe: p.exe.into(),
            exepath: p.exe.into(),
            args: param::list(p.args),
            cwd: p.cwd.into(),
            fdlimit: 1024,
            uid: p.uid,
            gid: p.uid,
            vmsize_kb: 20_000,
            vmrss_kb: 8_000,
            env: b"PATH=/usr/bin:/bin\0".to_vec(),
            vtid: p.pid,
            vpid: p.pid,
            cgroups: p
                .container
                .map(|c| containers[c].cgroups())
                .unwrap_or_default(),
            loginuid: u32::MAX,
            ..Default::default()
        })
        .collect();
    w.process_list(&entries)?;
    for p in &procs {
        let mut fds = vec![
            FdEntry {
                fd: 0,
                ino: 3,
                fd_type: fd_type::FILE_V2,
                info: FdInfo::FileV2 {
                    open_flags: O_RDONLY,
                    path: "/dev/null".into(),
                    dev: 5,
                },
            },
            FdEntry {
                fd: 1,
                ino: 4,
                fd_type: fd_type::FILE_V2,
                info: FdInfo::FileV2 {
                    open_flags: O_WRONLY,
                    path: "/dev/null".into(),
                    dev: 5,
                },
            },
        ];
        match p.role {
            Role::Web => fds.push(FdEntry {
                fd: 4,
                ino: 100,
                fd_type: fd_type::IPV4_SERVSOCK,
                info: FdInfo::Ipv4Server {
                    ip: [0, 0, 0, 0],
                    port: 80,
                    l4proto: 2,
                },
            }),
            Role::Db => fds.push(FdEntry {
                fd: 5,
                ino: 101,
                fd_type: fd_type::IPV4_SOCK,
                info: FdInfo::Ipv4 {
                    sip: containers[2].ip,
                    dip: containers[1].ip,
                    sport: 41000,
                    dport: 5432,
                    l4proto: 2,
                },
            }),
            Role::App => fds.push(FdEntry {
                fd: 5,
                ino: 101 + p.pid as u64,
                fd_type: fd_type::IPV4_SOCK,
                info: FdInfo::Ipv4 {
                    sip: containers[2].ip,
                    dip: containers[1].ip,
                    sport: 40000 + (p.pid % 1000) as u16,
                    dport: 5432,
                    l4proto: 2,
                },
            }),
            _ => {}
        }
        w.fd_list(p.pid, &fds)?;
    }
    // Container metadata first, as sysdig writes it when a capture starts.
    let mut ts = cfg.start_ts_ns;
    let mut events = 0;
    for c in &containers {
        let json = format!(
            "{{\"container\":{{\"id\":\"{}\",\"full_id\":\"{}\",\"name\":\"{}\",\"image\":\"{}\",\"imagerepo\":\"{}\",\"imagetag\":\"{}\",\"type\":0,\"privileged\":false,\"ip\":\"{}\",\"Mounts\":[],\"labels\":{{}},\"lookup_state\":1}}}}",
            c.id,
            c.full_id,
            c.name,
            c.image,
            c.image.split(':').next().unwrap_or_default(),
            c.image.split(':').nth(1).unwrap_or_default(),
            std::net::Ipv4Addr::from(c.ip)
        );
        w.event(ts, -1, 0, ev::CONTAINER_JSON_2_E, &[&param::str(&json)])?;
        ts += 1;
        events += 1;
    }
    let mut world = World {
        w,
        rng,
        ts_ns: ts,
        spacing_ns: cfg.spacing_ns,
        events,
        procs,
        containers,
        next_pid: 10_000,
        ncpus: 4,
        next_procinfo_ns: ts + 1_000_000_000,
        steps_since_procinfo: 0,
    };
    loop {
        let done = match cfg.target {
            Target::Bytes(b) => world.w.written_bytes() >= b,
            Target::Events(n) => world.events >= n,
        };
        if done {
            break;
        }
        world.step()?;
        world.procinfo_if_due()?;
        // Keep some children around so shells keep spawning.
        if !world.procs.iter().any(|p| p.role == Role::Shell) {
            break;
        }
    }
    let bytes = world.w.written_bytes();
    let last_ts_ns = world.ts_ns;
    let events = world.events;
    world.w.finish()?;
    Ok(SynthSummary {
        events,
        bytes,
        last_ts_ns,
    })
}

fn user(uid: u32, name: &str, home: &str, shell: &str) -> UserEntry {
    UserEntry {
        uid,
        gid: uid,
        name: name.into(),
        homedir: home.into(),
        shell: shell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_writes_once_under_a_versioned_name_and_leaves_no_partial_file() {
        let dir = std::env::temp_dir().join(format!("scapscope-cached-{}", std::process::id()));
        let p = cached(&dir, 3_000, 4).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.contains(&format!("v{GENERATOR_VERSION}")), "{name}");
        let written = std::fs::metadata(&p).unwrap().modified().unwrap();
        // The same bytes as a direct run with that config.
        let mut direct = Vec::new();
        let cfg = SynthConfig {
            seed: 4,
            target: Target::Events(3_000),
            ..Default::default()
        };
        synth(&cfg, &mut direct).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), direct);
        // Asked again: the file is reused, not written anew.
        assert_eq!(cached(&dir, 3_000, 4).unwrap(), p);
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), written);
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! State engine transitions, each on a tiny capture built in memory and
//! named after its edge case. Expected values are what sysdig 0.29.3
//! (libs e5c53d64) prints for the same sequence of events.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::process::Command;

use scapscope_core::fields::{Field, FieldEnv, eval};
use scapscope_core::format::meta::{FdEntry, FdInfo, ThreadEntry, fd_type};
use scapscope_core::reader::Reader;
use scapscope_core::writer::{CaptureWriter, param};

const OPEN_E: u16 = 2;
const OPEN_X: u16 = 3;
const CLOSE_E: u16 = 4;
const CLOSE_X: u16 = 5;
const READ_E: u16 = 6;
const READ_X: u16 = 7;
const PROCEXIT_E: u16 = 16;
const SOCKET_E: u16 = 18;
const SOCKET_X: u16 = 19;
const CONNECT_E: u16 = 22;
const CONNECT_X: u16 = 23;
const ACCEPT_E: u16 = 26;
const ACCEPT_X: u16 = 27;
const RECVMSG_E: u16 = 52;
const RECVMSG_X: u16 = 53;
const PIPE_E: u16 = 60;
const PIPE_X: u16 = 61;
const DUP_E: u16 = 124;
const DUP_X: u16 = 125;
const SWITCH: u16 = 152;
const CLONE_20_E: u16 = 222;
const CLONE_20_X: u16 = 223;
const EXECVE_19_E: u16 = 292;
const EXECVE_19_X: u16 = 293;
const CONTAINER_JSON_2: u16 = 324;

const CLONE_FILES: u32 = 1 << 0;
const CLONE_THREAD: u32 = 1 << 13;

/// The fields every test looks at.
const FIELDS: &[&str] = &[
    "evt.num",
    "thread.tid",
    "proc.pid",
    "proc.ppid",
    "proc.name",
    "proc.exe",
    "proc.exepath",
    "proc.args",
    "proc.cwd",
    "proc.nthreads",
    "fd.num",
    "fd.type",
    "fd.name",
    "fd.l4proto",
    "fd.is_server",
    "container.id",
    "container.name",
    "user.uid",
    "proc.nchilds",
];

fn thread(tid: i64, pid: i64, ptid: i64, comm: &str) -> ThreadEntry {
    ThreadEntry {
        tid,
        pid,
        ptid,
        sid: -1,
        vpgid: -1,
        pgid: -1,
        comm: comm.into(),
        exe: comm.into(),
        exepath: format!("/usr/bin/{comm}"),
        args: b"-x\0".to_vec(),
        cwd: "/root".into(),
        fdlimit: 1024,
        flags: if tid == pid {
            0
        } else {
            CLONE_THREAD | CLONE_FILES
        },
        uid: 0,
        vtid: tid,
        vpid: pid,
        loginuid: u32::MAX,
        ..Default::default()
    }
}

fn file(fd: i64, path: &str) -> FdEntry {
    FdEntry {
        fd,
        ino: 0,
        fd_type: fd_type::FILE_V2,
        info: FdInfo::FileV2 {
            open_flags: 1,
            path: path.into(),
            dev: 0,
        },
    }
}

/// A capture with process 100 `bash` (fd 3 = /etc/passwd), optionally a
/// thread 101 of it, and process 1 `init`.
fn base(with_thread: bool) -> CaptureWriter<Vec<u8>> {
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    let mut pl = vec![thread(1, 1, 0, "init"), thread(100, 100, 1, "bash")];
    if with_thread {
        pl.push(thread(101, 100, 100, "bash"));
    }
    w.process_list(&pl).unwrap();
    w.fd_list(1, &[]).unwrap();
    w.fd_list(100, &[file(3, "/etc/passwd")]).unwrap();
    if with_thread {
        w.fd_list(101, &[]).unwrap();
    }
    w
}

type Row = HashMap<&'static str, Option<String>>;

/// Every event (hidden ones included) with the fields of [`FIELDS`]. When
/// sysdig is installed, the same capture is also printed by it and every
/// line it prints must equal ours.
fn run(w: CaptureWriter<Vec<u8>>) -> (Vec<Row>, Reader) {
    let bytes = w.finish().unwrap();
    let mut r = Reader::from_bytes(bytes.clone());
    let env = FieldEnv::default();
    let fields: Vec<(&str, Field)> = FIELDS
        .iter()
        .map(|n| (*n, Field::parse(n).unwrap()))
        .collect();
    let mut rows = Vec::new();
    let mut printed = Vec::new();
    while let Some(ev) = r.next_event() {
        let mut row = Row::new();
        for (n, f) in &fields {
            row.insert(*n, eval(f, &ev, &env));
        }
        if !ev.hidden {
            let line: Vec<String> = FIELDS
                .iter()
                .map(|n| row[n].clone().unwrap_or_else(|| "<NA>".into()))
                .collect();
            printed.push(line.join("\t"));
        }
        rows.push(row);
    }
    assert!(r.error.is_none(), "{:?}", r.error);
    if let Some(theirs) = sysdig_lines(&bytes) {
        assert_eq!(printed, theirs, "sysdig prints the same");
    }
    (rows, r)
}

/// What sysdig 0.29.3 prints for the capture with the test format, when it
/// is installed.
fn sysdig_lines(bytes: &[u8]) -> Option<Vec<String>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let ok = Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return None;
    }
    let path = std::env::temp_dir().join(format!(
        "scapscope-state-{}-{}.scap",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, bytes).unwrap();
    let fmt: Vec<String> = FIELDS.iter().map(|f| format!("%{f}")).collect();
    let out = Command::new("sysdig")
        .env("TZ", "UTC")
        .arg("-r")
        .arg(&path)
        .arg("-p")
        .arg(format!("*{}", fmt.join("\\t")))
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Some(text.lines().map(str::to_string).collect())
}

fn get<'a>(row: &'a Row, f: &str) -> Option<&'a str> {
    row.get(f).unwrap().as_deref()
}

/// Parameters of a clone exit (CLONE_20_X).
#[allow(clippy::too_many_arguments)]
fn clone_x(
    res: i64,
    comm: &str,
    tid: i64,
    pid: i64,
    ptid: i64,
    flags: u32,
    vtid: i64,
    vpid: i64,
) -> Vec<Vec<u8>> {
    vec![
        param::i64(res),
        param::str(comm),
        param::list(&["arg1"]),
        param::i64(tid),
        param::i64(pid),
        param::i64(ptid),
        param::str(""),
        param::i64(2048),
        param::u64(0),
        param::u64(0),
        param::u32(0),
        param::u32(0),
        param::u32(0),
        param::str(comm),
        param::list(&["cpu=/"]),
        param::u32(flags),
        param::u32(1000),
        param::u32(1000),
        param::i64(vtid),
        param::i64(vpid),
    ]
}

fn ev(w: &mut CaptureWriter<Vec<u8>>, ts: u64, tid: i64, etype: u16, params: &[Vec<u8>]) {
    let refs: Vec<&[u8]> = params.iter().map(|p| p.as_slice()).collect();
    w.event(ts, tid, 0, etype, &refs).unwrap();
}

#[test]
fn clone_parent_first_child_copies_fds_and_cwd() {
    let mut w = base(false);
    ev(&mut w, 10, 100, CLONE_20_E, &[]);
    ev(
        &mut w,
        20,
        100,
        CLONE_20_X,
        &clone_x(200, "sh", 100, 100, 1, 0, 100, 100),
    );
    ev(
        &mut w,
        30,
        200,
        CLONE_20_X,
        &clone_x(0, "sh", 200, 200, 100, 0, 200, 200),
    );
    ev(&mut w, 40, 200, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, r) = run(w);
    // The parent's exit shows the parent.
    assert_eq!(get(&rows[1], "proc.name"), Some("bash"));
    // The child's exit shows the child, created by the parent's exit.
    assert_eq!(get(&rows[2], "proc.name"), Some("sh"));
    assert_eq!(get(&rows[2], "proc.ppid"), Some("100"));
    assert_eq!(get(&rows[2], "proc.args"), Some("arg1"));
    assert_eq!(get(&rows[2], "user.uid"), Some("1000"));
    // fd table and cwd were copied from the parent.
    assert_eq!(get(&rows[3], "fd.name"), Some("/etc/passwd"));
    assert_eq!(get(&rows[3], "proc.cwd"), Some("/root/"));
    let t = r.state.threads.get(&200).unwrap();
    assert_eq!((t.pid, t.ptid, t.vtid, t.vpid), (200, 100, 200, 200));
}

#[test]
fn clone_child_first_inverted_is_kept_when_parent_exit_arrives() {
    let mut w = base(false);
    ev(
        &mut w,
        10,
        200,
        CLONE_20_X,
        &clone_x(0, "child", 200, 200, 100, 0, 200, 200),
    );
    ev(
        &mut w,
        20,
        100,
        CLONE_20_X,
        &clone_x(200, "other", 100, 100, 1, 0, 100, 100),
    );
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "proc.name"), Some("child"));
    assert_eq!(get(&rows[0], "proc.ppid"), Some("100"));
    // The parent side finds an inverted clone and leaves it alone.
    assert_eq!(r.state.threads.get(&200).unwrap().comm, "child");
    assert_eq!(get(&rows[0], "proc.cwd"), Some("/root/"));
}

#[test]
fn clone_thread_of_unknown_process_patches_the_placeholder_parent() {
    let mut w = base(false);
    // Thread 843 of process 842, which the capture does not know.
    let p = clone_x(0, "curl", 843, 842, 1, CLONE_THREAD | CLONE_FILES, 843, 842);
    ev(&mut w, 10, 843, CLONE_20_X, &p);
    ev(&mut w, 20, 843, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[1], "proc.pid"), Some("842"));
    // proc.ppid is the main thread's ptid: a placeholder has -1.
    assert_eq!(get(&rows[1], "proc.ppid"), Some("-1"));
    let main = r.state.threads.get(&842).unwrap();
    assert_eq!(main.comm, "curl", "the placeholder took the clone's names");
    assert_eq!(main.uid, u32::MAX);
    assert_eq!(get(&rows[1], "proc.nthreads"), Some("2"));
}

#[test]
fn execve_replaces_names_and_keeps_fds() {
    let mut w = base(false);
    ev(&mut w, 10, 100, EXECVE_19_E, &[param::str("/bin/ls")]);
    let mut x = vec![
        param::i64(0),
        param::str("ls"),
        param::list(&["-l"]),
        param::i64(100),
        param::i64(100),
        param::i64(1),
        param::str(""),
        param::i64(1024),
    ];
    x.extend([param::u64(0), param::u64(0)]);
    x.extend([param::u32(0), param::u32(0), param::u32(0)]);
    x.extend([
        param::str("ls"),
        param::list(&["cpu=/"]),
        param::list(&["A=1"]),
        param::u32(0),
        param::i64(100),
        param::u32(0),
    ]);
    ev(&mut w, 20, 100, EXECVE_19_X, &x);
    ev(&mut w, 30, 100, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, _) = run(w);
    assert_eq!(get(&rows[0], "proc.name"), Some("bash"));
    assert_eq!(get(&rows[1], "proc.name"), Some("ls"));
    assert_eq!(get(&rows[1], "proc.exe"), Some("ls"));
    assert_eq!(get(&rows[1], "proc.args"), Some("-l"));
    // exepath = the thread's cwd joined with the enter's filename.
    assert_eq!(get(&rows[1], "proc.exepath"), Some("/bin/ls"));
    assert_eq!(get(&rows[2], "fd.name"), Some("/etc/passwd"));
}

#[test]
fn procexit_removes_the_thread_at_the_next_event() {
    let mut w = base(false);
    ev(&mut w, 10, 100, PROCEXIT_E, &[]);
    ev(&mut w, 20, 100, SWITCH, &switch_params());
    ev(&mut w, 30, 100, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, r) = run(w);
    // procexit itself still shows the thread.
    assert_eq!(get(&rows[0], "proc.name"), Some("bash"));
    // The next switch finds no thread (switches never create one).
    assert_eq!(get(&rows[1], "proc.name"), None);
    assert_eq!(get(&rows[1], "thread.tid"), Some("100"));
    // A syscall recreates it as a placeholder, without its fds.
    assert_eq!(get(&rows[2], "proc.name"), Some("<NA>"));
    assert_eq!(get(&rows[2], "fd.type"), None);
    assert_eq!(r.state.threads.get(&100).unwrap().ptid, -1);
}

#[test]
fn procexit_of_a_main_thread_with_live_threads_keeps_it() {
    let mut w = base(true);
    ev(&mut w, 10, 100, PROCEXIT_E, &[]);
    ev(&mut w, 20, 101, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, r) = run(w);
    assert!(r.state.threads.contains_key(&100), "nchilds != 0: kept");
    // The thread still uses the main thread's fd table.
    assert_eq!(get(&rows[1], "fd.name"), Some("/etc/passwd"));
    assert_eq!(get(&rows[1], "proc.ppid"), Some("1"));
}

fn switch_params() -> Vec<Vec<u8>> {
    vec![
        param::i64(0),
        param::u64(0),
        param::u64(0),
        param::u32(0),
        param::u32(0),
        param::u32(0),
    ]
}

#[test]
fn close_removes_the_fd_at_the_next_event() {
    let mut w = base(false);
    ev(&mut w, 10, 100, CLOSE_E, &[param::i64(3)]);
    ev(&mut w, 20, 100, CLOSE_X, &[param::i64(0)]);
    ev(&mut w, 30, 100, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, _) = run(w);
    assert_eq!(get(&rows[0], "fd.name"), Some("/etc/passwd"));
    assert_eq!(get(&rows[1], "fd.name"), Some("/etc/passwd"));
    assert_eq!(get(&rows[1], "fd.num"), Some("3"));
    assert_eq!(get(&rows[2], "fd.num"), Some("3"));
    assert_eq!(get(&rows[2], "fd.type"), None);
    assert_eq!(get(&rows[2], "fd.name"), None, "enter with no record");
}

#[test]
fn failed_close_keeps_the_fd() {
    let mut w = base(false);
    ev(&mut w, 10, 100, CLOSE_E, &[param::i64(3)]);
    ev(&mut w, 20, 100, CLOSE_X, &[param::i64(-9)]);
    ev(&mut w, 30, 100, READ_E, &[param::i64(3), param::u32(10)]);
    let (rows, _) = run(w);
    assert_eq!(get(&rows[2], "fd.name"), Some("/etc/passwd"));
}

#[test]
fn dup_copies_the_record_to_the_new_number() {
    let mut w = base(false);
    ev(&mut w, 10, 100, DUP_E, &[param::i64(3)]);
    ev(&mut w, 20, 100, DUP_X, &[param::i64(7)]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[1], "fd.num"), Some("7"));
    assert_eq!(get(&rows[1], "fd.name"), Some("/etc/passwd"));
    assert_eq!(r.state.get_fd(100, 7).unwrap().name, "/etc/passwd");
}

#[test]
fn pipe_adds_two_fifos_and_shows_the_second() {
    let mut w = base(false);
    ev(&mut w, 10, 100, PIPE_E, &[]);
    let x = [param::i64(0), param::i64(4), param::i64(5), param::u64(77)];
    ev(&mut w, 20, 100, PIPE_X, &x);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "fd.num"), Some("-1"));
    assert_eq!(get(&rows[1], "fd.num"), Some("5"));
    assert_eq!(get(&rows[1], "fd.type"), Some("pipe"));
    assert_eq!(get(&rows[1], "fd.name"), Some(""));
    assert_eq!(r.state.get_fd(100, 4).unwrap().ino, 77);
}

#[test]
fn socket_then_connect_names_the_fd_with_its_tuple() {
    let mut w = base(false);
    ev(
        &mut w,
        10,
        100,
        SOCKET_E,
        &[param::u32(2), param::u32(1), param::u32(0)],
    );
    ev(&mut w, 20, 100, SOCKET_X, &[param::i64(4)]);
    let addr = param::sockaddr_v4([10, 0, 0, 2], 80);
    ev(&mut w, 30, 100, CONNECT_E, &[param::i64(4), addr]);
    let tuple = param::socktuple_v4([10, 0, 0, 1], 40000, [10, 0, 0, 2], 80);
    ev(&mut w, 40, 100, CONNECT_X, &[param::i64(0), tuple]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[1], "fd.type"), Some("ipv4"));
    assert_eq!(get(&rows[1], "fd.name"), Some(""));
    // No role yet: the l4 protocol is "not available".
    assert_eq!(get(&rows[1], "fd.l4proto"), Some("<NA>"));
    assert_eq!(
        get(&rows[3], "fd.name"),
        Some("10.0.0.1:40000->10.0.0.2:80")
    );
    assert_eq!(get(&rows[3], "fd.l4proto"), Some("tcp"));
    let f = r.state.get_fd(100, 4).unwrap();
    assert!(f.connected);
    assert_eq!(f.role, scapscope_core::state::Role::Client);
}

#[test]
fn failed_connect_shows_the_tuple_it_tried() {
    let mut w = base(false);
    ev(
        &mut w,
        10,
        100,
        SOCKET_E,
        &[param::u32(1), param::u32(1), param::u32(0)],
    );
    ev(&mut w, 20, 100, SOCKET_X, &[param::i64(4)]);
    ev(&mut w, 30, 100, CONNECT_E, &[param::i64(4)]);
    let tuple = param::socktuple_unix(0, 0xffff_8edc_fda0_6800, "/var/run/nscd/socket");
    ev(&mut w, 40, 100, CONNECT_X, &[param::i64(-2), tuple]);
    let (rows, r) = run(w);
    assert_eq!(
        get(&rows[3], "fd.name"),
        Some("0->ffff8edcfda06800 /var/run/nscd/socket")
    );
    assert_eq!(get(&rows[3], "fd.type"), Some("unix"));
    assert_eq!(r.state.get_fd(100, 4).unwrap().name, "", "record unchanged");
}

#[test]
fn accept_adds_a_connected_server_socket() {
    let mut w = base(false);
    ev(&mut w, 10, 100, ACCEPT_E, &[]);
    let tuple = param::socktuple_v4([172, 18, 0, 1], 51910, [172, 18, 0, 2], 80);
    ev(
        &mut w,
        20,
        100,
        ACCEPT_X,
        &[param::i64(5), tuple, param::u8(0)],
    );
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "fd.num"), Some("-1"));
    assert_eq!(get(&rows[1], "fd.num"), Some("5"));
    assert_eq!(
        get(&rows[1], "fd.name"),
        Some("172.18.0.1:51910->172.18.0.2:80")
    );
    assert_eq!(get(&rows[1], "fd.l4proto"), Some("tcp"));
    assert_eq!(
        r.state.get_fd(100, 5).unwrap().role,
        scapscope_core::state::Role::Server
    );
}

#[test]
fn datagram_tuple_reinterprets_the_socket_union() {
    // An IPv6 server socket (all-zero union) receives an IPv4 datagram: the
    // fd becomes an IPv4 socket named after the tuple, role guessed server.
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    w.process_list(&[thread(100, 100, 1, "skydns")]).unwrap();
    w.fd_list(
        100,
        &[FdEntry {
            fd: 6,
            ino: 0,
            fd_type: fd_type::IPV6_SERVSOCK,
            info: FdInfo::Ipv6Server {
                ip: [0; 16],
                port: 53,
                l4proto: 3,
            },
        }],
    )
    .unwrap();
    ev(&mut w, 10, 100, RECVMSG_E, &[param::i64(6)]);
    let tuple = param::socktuple_v4([172, 17, 0, 7], 46162, [172, 17, 0, 1], 53);
    let x = [param::i64(40), param::u32(40), b"data".to_vec(), tuple];
    ev(&mut w, 20, 100, RECVMSG_X, &x);
    let (rows, _) = run(w);
    assert_eq!(get(&rows[0], "fd.name"), Some(":::53"));
    assert_eq!(get(&rows[1], "fd.type"), Some("ipv4"));
    assert_eq!(
        get(&rows[1], "fd.name"),
        Some("172.17.0.7:46162->172.17.0.1:53")
    );
    assert_eq!(get(&rows[1], "fd.l4proto"), Some("udp"));
}

#[test]
fn container_json_event_shows_a_synthetic_thread() {
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    let id = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994f1";
    let mut t = thread(100, 100, 1, "nginx");
    t.cgroups = format!("cpuset=/docker/{id}\0").into_bytes();
    w.process_list(&[t]).unwrap();
    w.fd_list(100, &[]).unwrap();
    ev(&mut w, 10, 100, READ_E, &[param::i64(0), param::u32(1)]);
    let json = r#"{"container":{"id":"697956520d89","name":"web","image":"nginx","type":0}}"#;
    ev(&mut w, 20, -1, CONTAINER_JSON_2, &[param::str(json)]);
    ev(&mut w, 30, 100, READ_E, &[param::i64(0), param::u32(1)]);
    let (rows, _) = run(w);
    // Before the event the container is known only by its cgroup id.
    assert_eq!(get(&rows[0], "container.id"), Some("697956520d89"));
    assert_eq!(get(&rows[0], "container.name"), None);
    assert_eq!(get(&rows[1], "proc.name"), Some("container:697956520d89"));
    assert_eq!(get(&rows[1], "thread.tid"), Some("-1"));
    assert_eq!(get(&rows[1], "proc.pid"), Some("-1"));
    assert_eq!(get(&rows[1], "proc.ppid"), Some("0"));
    assert_eq!(get(&rows[1], "user.uid"), Some("0"));
    assert_eq!(get(&rows[2], "container.name"), Some("web"));
}

#[test]
fn unknown_tid_becomes_a_placeholder_thread() {
    let mut w = base(false);
    ev(&mut w, 10, 999, OPEN_E, &[]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "proc.name"), Some("<NA>"));
    assert_eq!(get(&rows[0], "proc.exe"), Some("<NA>"));
    assert_eq!(get(&rows[0], "proc.pid"), Some("999"));
    assert_eq!(get(&rows[0], "proc.ppid"), Some("-1"));
    assert_eq!(get(&rows[0], "user.uid"), Some("4294967295"));
    assert_eq!(get(&rows[0], "fd.num"), Some("-1"));
    assert!(r.state.threads.contains_key(&999));
}

#[test]
fn unmatched_exit_is_still_parsed_and_new_threads_start_at_fd_zero() {
    let mut w = base(false);
    // An open exit without its enter still adds the fd.
    let x = [
        param::i64(9),
        param::str("/tmp/x"),
        param::u32(1),
        param::u32(0),
    ];
    ev(&mut w, 10, 100, OPEN_X, &x);
    // A new thread's first exit, unpaired: fd.num is its initial 0.
    ev(&mut w, 20, 300, READ_X, &[param::i64(5), b"hello".to_vec()]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "fd.num"), Some("9"));
    assert_eq!(get(&rows[0], "fd.name"), Some("/tmp/x"));
    assert!(r.state.get_fd(100, 9).is_some());
    assert_eq!(get(&rows[1], "fd.num"), Some("0"));
    assert_eq!(get(&rows[1], "fd.name"), Some(""), "exit with no record");
}

#[test]
fn relative_open_is_resolved_against_the_main_threads_cwd() {
    let mut w = base(true);
    ev(
        &mut w,
        10,
        101,
        OPEN_E,
        &[param::str("../etc/x"), param::u32(1), param::u32(0)],
    );
    let x = [
        param::i64(8),
        param::str("../etc/x"),
        param::u32(1),
        param::u32(0),
    ];
    ev(&mut w, 20, 101, OPEN_X, &x);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[1], "fd.name"), Some("/etc/x"));
    // Thread 101 shares its main thread's table (CLONE_FILES).
    assert!(r.state.fd_tables.get(&100).unwrap().contains_key(&8));
}

// --- differential fuzzing against sysdig ------------------------------------

/// Formats compared by the differential test: process, fd, container/memory
/// fields and the default line.
const DIFF_FORMATS: &[&str] = &[
    "*%evt.num\\t%evt.type\\t%thread.tid\\t%proc.pid\\t%proc.ppid\\t%proc.name\\t%proc.exe\\t%proc.exepath\\t%proc.args\\t%proc.cwd\\t%proc.pname\\t%proc.vpid\\t%thread.vtid\\t%proc.sid\\t%proc.vpgid\\t%proc.tty\\t%proc.nthreads\\t%proc.nchilds\\t%thread.ismain\\t%user.uid\\t%user.name\\t%user.loginuid\\t%group.gid\\t%group.name\\t%proc.aname[1]\\t%proc.apid[2]\\t%proc.duration\\t%proc.loginshellid\\t%proc.sname",
    "*%evt.num\\t%evt.type\\t%fd.num\\t%fd.type\\t%fd.typechar\\t%fd.name\\t%fd.directory\\t%fd.filename\\t%fd.l4proto\\t%fd.sockfamily\\t%fd.is_server\\t%fd.cip\\t%fd.sip\\t%fd.cport\\t%fd.sport\\t%fd.lip\\t%fd.rip\\t%fd.lport\\t%fd.rport\\t%fd.connected\\t%fd.uid\\t%evt.buflen\\t%evt.rawres",
    "*%evt.num\\t%evt.type\\t%container.id\\t%container.name\\t%container.image\\t%container.type\\t%container.privileged\\t%thread.cgroups\\t%proc.fdlimit\\t%proc.fdopencount\\t%proc.vmsize\\t%proc.vmrss\\t%thread.pfmajor\\t%thread.vmsize\\t%proc.env\\t%proc.pcmdline\\t%proc.exeline\\t%evt.latency",
    "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info",
];

/// xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

fn sockaddr_v6(ip: [u8; 16], port: u16) -> Vec<u8> {
    let mut v = vec![10];
    v.extend_from_slice(&ip);
    v.extend_from_slice(&port.to_le_bytes());
    v
}

fn sockaddr_unix(path: &str) -> Vec<u8> {
    let mut v = vec![1];
    v.extend_from_slice(path.as_bytes());
    v.push(0);
    v
}

fn v6(last: u8, mapped: Option<[u8; 4]>) -> [u8; 16] {
    let mut a = [0u8; 16];
    match mapped {
        Some(ip) => {
            a[10] = 0xff;
            a[11] = 0xff;
            a[12..].copy_from_slice(&ip);
        }
        None => {
            a[0] = 0x20;
            a[1] = 0x01;
            a[2] = 0x0d;
            a[3] = 0xb8;
            a[15] = last;
        }
    }
    a
}

/// A random capture full of the edge cases the state engine handles.
fn random_capture(seed: u64, events: usize) -> Vec<u8> {
    use scapscope_core::format::meta::{GroupEntry, Interface, MachineInfo, UserEntry};
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    w.machine_info(&MachineInfo {
        num_cpus: 2,
        memory_size_bytes: 1 << 30,
        max_pid: 32768,
        hostname: "fuzz".into(),
        boot_ts_ns: 0,
    })
    .unwrap();
    let cid = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994f1";
    let json = format!(
        r#"{{"container":{{"id":"{}","name":"web","image":"nginx","type":0,"privileged":false,"ip":"172.17.0.2"}}}}"#,
        &cid[..12]
    );
    let mut pl = vec![
        thread(1, 1, 0, "init"),
        thread(100, 100, 1, "bash"),
        thread(101, 100, 100, "bash"),
        thread(200, 200, 1, "nginx"),
        thread(201, 200, 200, "nginx"),
        thread(300, 299, 1, "orphan"),
    ];
    pl[3].cgroups = format!("cpuset=/docker/{cid}\0").into_bytes();
    pl[4].cgroups = pl[3].cgroups.clone();
    pl[1].cwd = "/home/u".into();
    w.process_list(&pl).unwrap();
    let sock4 = |fd, s: [u8; 4], sp, d: [u8; 4], dp, l4| FdEntry {
        fd,
        ino: 0,
        fd_type: fd_type::IPV4_SOCK,
        info: FdInfo::Ipv4 {
            sip: s,
            dip: d,
            sport: sp,
            dport: dp,
            l4proto: l4,
        },
    };
    w.fd_list(1, &[]).unwrap();
    w.fd_list(
        100,
        &[
            file(0, "/dev/pts/0"),
            file(1, "/dev/pts/0"),
            sock4(3, [10, 0, 0, 1], 40000, [10, 0, 0, 2], 80, 2),
            FdEntry {
                fd: 4,
                ino: 0,
                fd_type: fd_type::IPV4_SERVSOCK,
                info: FdInfo::Ipv4Server {
                    ip: [0, 0, 0, 0],
                    port: 8080,
                    l4proto: 2,
                },
            },
            sock4(5, [10, 0, 0, 9], 5555, [10, 0, 0, 1], 8080, 2),
            FdEntry {
                fd: 6,
                ino: 0,
                fd_type: fd_type::UNIX_SOCK,
                info: FdInfo::Unix {
                    source: 0xffff_0001,
                    dest: 0,
                    path: "/run/x.sock".into(),
                },
            },
            FdEntry {
                fd: 7,
                ino: 9,
                fd_type: fd_type::FIFO,
                info: FdInfo::Named("pipe:[9]".into()),
            },
            FdEntry {
                fd: 8,
                ino: 0,
                fd_type: fd_type::IPV6_SERVSOCK,
                info: FdInfo::Ipv6Server {
                    ip: [0; 16],
                    port: 53,
                    l4proto: 3,
                },
            },
            FdEntry {
                fd: 9,
                ino: 0,
                fd_type: fd_type::DIRECTORY,
                info: FdInfo::Named("/etc".into()),
            },
        ],
    )
    .unwrap();
    w.fd_list(101, &[]).unwrap();
    w.fd_list(200, &[file(3, "/var/log/nginx.log")]).unwrap();
    w.fd_list(201, &[]).unwrap();
    w.fd_list(300, &[]).unwrap();
    w.interface_list(&[
        Interface {
            name: "lo".into(),
            addr: vec![127, 0, 0, 1],
            netmask: vec![255, 0, 0, 0],
        },
        Interface {
            name: "eth0".into(),
            addr: vec![10, 0, 0, 1],
            netmask: vec![255, 255, 255, 0],
        },
        Interface {
            name: "lo".into(),
            addr: {
                let mut a = vec![0u8; 16];
                a[15] = 1;
                a
            },
            netmask: vec![0xff; 16],
        },
    ])
    .unwrap();
    w.user_list(
        &[
            UserEntry {
                uid: 0,
                gid: 0,
                name: "root".into(),
                homedir: "/root".into(),
                shell: "/bin/bash".into(),
            },
            UserEntry {
                uid: 1000,
                gid: 1000,
                name: "u".into(),
                homedir: "/home/u".into(),
                shell: "/bin/sh".into(),
            },
        ],
        &[GroupEntry {
            gid: 0,
            name: "root".into(),
        }],
    )
    .unwrap();

    // A leading container event (consumed before the thread table import).
    if rng.chance(50) {
        ev(&mut w, 1, -1, CONTAINER_JSON_2, &[param::str(&json)]);
    }
    let mut tids: Vec<i64> = vec![1, 100, 101, 200, 201, 300, 299, 500, 501];
    let mut next_tid = 1000i64;
    let mut ts = 1_000_000u64;
    let paths = [
        "/etc/passwd",
        "rel/file",
        "../up",
        "./here",
        "a/./b/../c",
        "/tmp//dbl",
        "",
        "/dev/null",
        "dir/",
        "..",
    ];
    let fds = [0i64, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1];
    let ips = [
        [10, 0, 0, 1],
        [10, 0, 0, 2],
        [127, 0, 0, 1],
        [0, 0, 0, 0],
        [172, 17, 0, 2],
        [8, 8, 8, 8],
    ];
    let ports = [0u16, 53, 80, 8080, 40000, 5555];
    for _ in 0..events {
        ts += 1 + rng.below(5_000);
        let tid = *rng.pick(&tids);
        // Enter and exit are usually paired; sometimes one is missing.
        let (enter, exit) = match rng.below(20) {
            0 => (true, false),
            1 => (false, true),
            _ => (true, true),
        };
        let fd = *rng.pick(&fds);
        let res_fd = if rng.chance(85) {
            *rng.pick(&fds[..12])
        } else {
            -2
        };
        let tuple = || {
            let mut r = Rng(ts);
            match r.below(6) {
                0 => param::socktuple_v4(
                    *r.pick(&ips),
                    *r.pick(&ports),
                    *r.pick(&ips),
                    *r.pick(&ports),
                ),
                1 => {
                    param::socktuple_v6(v6(1, None), *r.pick(&ports), v6(2, None), *r.pick(&ports))
                }
                2 => param::socktuple_v6(
                    v6(0, Some(*r.pick(&ips))),
                    *r.pick(&ports),
                    v6(0, Some(*r.pick(&ips))),
                    *r.pick(&ports),
                ),
                3 => param::socktuple_unix(r.below(3) * 0x1000, 0xffff_8888, "/run/s"),
                4 => Vec::new(),
                _ => param::socktuple_v4(
                    *r.pick(&ips),
                    *r.pick(&ports),
                    [0, 0, 0, 0],
                    *r.pick(&ports),
                ),
            }
        };
        match rng.below(36) {
            0 | 1 => {
                let p = {
                    let pick: &&str = rng.pick(&paths);
                    param::str(pick)
                };
                if enter {
                    ev(
                        &mut w,
                        ts,
                        tid,
                        OPEN_E,
                        &[p.clone(), param::u32(1), param::u32(0)],
                    );
                }
                let flags = if rng.chance(20) { 1 << 10 } else { 1 };
                if exit {
                    let x = [
                        param::i64(res_fd),
                        p,
                        param::u32(flags),
                        param::u32(0),
                        param::u32(0),
                    ];
                    ev(&mut w, ts + 1, tid, OPEN_X, &x);
                }
            }
            2 => {
                // (sysdig resolves an enter's relative name against a dirfd
                // without a name by reading the host's /proc: only AT_FDCWD
                // and the directory fd 9 give reproducible output.)
                let dirfd = if rng.chance(50) { -100 } else { 9 };
                let p = {
                    let pick: &&str = rng.pick(&paths);
                    param::str(pick)
                };
                if enter {
                    let e = [param::i64(dirfd), p.clone(), param::u32(1), param::u32(0)];
                    ev(&mut w, ts, tid, 306, &e);
                }
                if exit {
                    let x = [
                        param::i64(res_fd),
                        param::i64(dirfd),
                        p,
                        param::u32(1),
                        param::u32(0),
                        param::u32(0),
                    ];
                    ev(&mut w, ts + 1, tid, 307, &x);
                }
            }
            3 | 4 => {
                if enter {
                    ev(&mut w, ts, tid, CLOSE_E, &[param::i64(fd)]);
                }
                if exit {
                    let r = if rng.chance(80) { 0 } else { -9 };
                    ev(&mut w, ts + 1, tid, CLOSE_X, &[param::i64(r)]);
                }
            }
            5 | 6 => {
                let (e, x) = if rng.chance(50) {
                    (READ_E, READ_X)
                } else {
                    (8, 9)
                };
                if enter {
                    ev(&mut w, ts, tid, e, &[param::i64(fd), param::u32(10)]);
                }
                if exit {
                    let r = if rng.chance(80) { 5 } else { -11 };
                    ev(&mut w, ts + 1, tid, x, &[param::i64(r), b"hello".to_vec()]);
                }
            }
            7 => {
                let dom = *rng.pick(&[1u32, 2, 10, 16, 17]);
                let ty = *rng.pick(&[1u32, 2, 3, 0x80801]);
                let proto = *rng.pick(&[0u32, 6, 17, 1, 255, 99]);
                if enter {
                    ev(
                        &mut w,
                        ts,
                        tid,
                        SOCKET_E,
                        &[param::u32(dom), param::u32(ty), param::u32(proto)],
                    );
                }
                if exit {
                    ev(&mut w, ts + 1, tid, SOCKET_X, &[param::i64(res_fd)]);
                }
            }
            8 => {
                let addr = match rng.below(4) {
                    0 => param::sockaddr_v4(*rng.pick(&ips), *rng.pick(&ports)),
                    1 => sockaddr_v6(v6(3, None), *rng.pick(&ports)),
                    2 => sockaddr_v6(v6(0, Some(*rng.pick(&ips))), *rng.pick(&ports)),
                    _ => sockaddr_unix("/run/a/longer/path/b.sock"),
                };
                if enter {
                    ev(&mut w, ts, tid, 20, &[param::i64(fd)]);
                }
                if exit {
                    let r = if rng.chance(80) { 0 } else { -98 };
                    ev(&mut w, ts + 1, tid, 21, &[param::i64(r), addr]);
                }
            }
            9 | 10 => {
                let addr = match rng.below(4) {
                    0 => param::sockaddr_v4(*rng.pick(&ips), *rng.pick(&ports)),
                    1 => sockaddr_v6(v6(4, None), *rng.pick(&ports)),
                    2 => sockaddr_v6(v6(0, Some(*rng.pick(&ips))), *rng.pick(&ports)),
                    _ => sockaddr_unix("/run/a/longer/path/c.sock"),
                };
                if enter {
                    ev(&mut w, ts, tid, CONNECT_E, &[param::i64(fd), addr]);
                }
                if exit {
                    let r = *rng.pick(&[0i64, 0, -115, -111, -2]);
                    ev(&mut w, ts + 1, tid, CONNECT_X, &[param::i64(r), tuple()]);
                }
            }
            11 => {
                let (e, x) = if rng.chance(50) {
                    (ACCEPT_E, ACCEPT_X)
                } else {
                    (248, 249)
                };
                let ep = if e == ACCEPT_E {
                    vec![]
                } else {
                    vec![param::u32(0)]
                };
                if enter {
                    ev(&mut w, ts, tid, e, &ep);
                }
                if exit {
                    let mut xp = vec![param::i64(res_fd), tuple(), param::u8(0)];
                    if x == 249 {
                        xp.extend([param::u32(0), param::u32(0)]);
                    }
                    ev(&mut w, ts + 1, tid, x, &xp);
                }
            }
            12 | 13 => {
                // sendto / sendmsg: tuple in the enter.
                let (e, x) = if rng.chance(50) { (30, 31) } else { (48, 49) };
                if enter {
                    ev(
                        &mut w,
                        ts,
                        tid,
                        e,
                        &[param::i64(fd), param::u32(5), tuple()],
                    );
                }
                if exit {
                    let r = if rng.chance(85) { 5 } else { -1 };
                    ev(&mut w, ts + 1, tid, x, &[param::i64(r), b"hello".to_vec()]);
                }
            }
            14 | 15 => {
                // recvfrom / recvmsg: tuple in the exit.
                if rng.chance(50) {
                    if enter {
                        ev(&mut w, ts, tid, 34, &[param::i64(fd), param::u32(5)]);
                    }
                    if exit {
                        ev(
                            &mut w,
                            ts + 1,
                            tid,
                            35,
                            &[param::i64(5), b"hello".to_vec(), tuple()],
                        );
                    }
                } else {
                    if enter {
                        ev(&mut w, ts, tid, RECVMSG_E, &[param::i64(fd)]);
                    }
                    if exit {
                        let x = [param::i64(5), param::u32(5), b"hello".to_vec(), tuple()];
                        ev(&mut w, ts + 1, tid, RECVMSG_X, &x);
                    }
                }
            }
            16 => {
                if enter {
                    ev(&mut w, ts, tid, PIPE_E, &[]);
                }
                if exit {
                    let x = [
                        param::i64(0),
                        param::i64(res_fd),
                        param::i64(*rng.pick(&fds)),
                        param::u64(42),
                    ];
                    ev(&mut w, ts + 1, tid, PIPE_X, &x);
                }
            }
            17 => {
                if enter {
                    ev(&mut w, ts, tid, DUP_E, &[param::i64(fd)]);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, DUP_X, &[param::i64(res_fd)]);
                }
            }
            18 => {
                let cmd = *rng.pick(&[1u8, 26, 3]);
                if enter {
                    ev(&mut w, ts, tid, 150, &[param::i64(fd), param::u8(cmd)]);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, 151, &[param::i64(res_fd)]);
                }
            }
            19 => {
                let p = {
                    let pick: &&str = rng.pick(&["/var", "sub", "..", "../x/./y", "/"]);
                    param::str(pick)
                };
                match rng.below(3) {
                    0 => {
                        if enter {
                            ev(&mut w, ts, tid, 94, &[]);
                        }
                        if exit {
                            ev(&mut w, ts + 1, tid, 95, &[param::i64(0), p]);
                        }
                    }
                    1 => {
                        if enter {
                            ev(&mut w, ts, tid, 96, &[param::i64(fd)]);
                        }
                        if exit {
                            ev(&mut w, ts + 1, tid, 97, &[param::i64(0)]);
                        }
                    }
                    _ => {
                        if enter {
                            ev(&mut w, ts, tid, 92, &[]);
                        }
                        if exit {
                            ev(&mut w, ts + 1, tid, 93, &[param::i64(0), p]);
                        }
                    }
                }
            }
            20 | 21 => {
                // clone: thread or process, child first or parent first,
                // sometimes in a container, sometimes a reused tid.
                let thread_clone = rng.chance(40);
                let child = if rng.chance(15) {
                    *rng.pick(&tids)
                } else {
                    next_tid += 1;
                    next_tid
                };
                let flags = if thread_clone {
                    CLONE_THREAD | CLONE_FILES
                } else {
                    0
                } | if rng.chance(10) { 1 << 29 } else { 0 };
                let pid = if thread_clone { tid } else { child };
                let in_cont = rng.chance(15);
                let (vt, vp) = if in_cont { (7, 7) } else { (child, pid) };
                let comm = *rng.pick(&["sh", "curl", "python"]);
                let child_first = rng.chance(30);
                let parent_x = clone_x(
                    if in_cont { 7 } else { child },
                    comm,
                    tid,
                    tid,
                    1,
                    flags,
                    if in_cont { 3 } else { tid },
                    if in_cont { 3 } else { tid },
                );
                let child_x = clone_x(0, comm, child, pid, tid, flags, vt, vp);
                // Older clone/fork layouts carry a subset of the same
                // parameters.
                let (ce, cx) = *rng.pick(&[
                    (CLONE_20_E, CLONE_20_X),
                    (CLONE_20_E, CLONE_20_X),
                    (14, 15),
                    (156, 157),
                    (182, 183),
                    (216, 217),
                    (220, 221),
                    (226, 227),
                    (334, 335),
                ]);
                let shape = |full: Vec<Vec<u8>>| -> Vec<Vec<u8>> {
                    let f = |i: usize| full[i].clone();
                    match cx {
                        15 => (0..8).map(f).chain([f(15), f(16), f(17)]).collect(),
                        157 | 183 | 185 => (0..13).map(f).chain([f(15), f(16), f(17)]).collect(),
                        217 | 219 | 221 => (0..14).map(f).chain([f(15), f(16), f(17)]).collect(),
                        _ => full,
                    }
                };
                let (parent_x, child_x) = (shape(parent_x), shape(child_x));
                if enter {
                    ev(&mut w, ts, tid, ce, &[]);
                }
                if child_first {
                    ev(&mut w, ts + 1, child, cx, &child_x);
                    if exit {
                        ev(&mut w, ts + 2, tid, cx, &parent_x);
                    }
                } else {
                    if exit {
                        ev(&mut w, ts + 1, tid, cx, &parent_x);
                    }
                    ev(&mut w, ts + 2, child, cx, &child_x);
                }
                if !tids.contains(&child) {
                    tids.push(child);
                }
            }
            22 => {
                let filename = *rng.pick(&["/bin/ls", "ls", "<NA>", "../bin/x"]);
                if enter {
                    ev(&mut w, ts, tid, EXECVE_19_E, &[param::str(filename)]);
                }
                if exit {
                    let mut x = vec![
                        param::i64(if rng.chance(90) { 0 } else { -2 }),
                        param::str("ls"),
                        param::list(&["-l"]),
                        param::i64(tid),
                        param::i64(tid),
                        param::i64(77),
                        param::str(""),
                        param::i64(4096),
                        param::u64(1),
                        param::u64(2),
                        param::u32(3),
                        param::u32(4),
                        param::u32(5),
                        param::str("ls"),
                        if rng.chance(30) {
                            format!("cpuset=/docker/{cid}\0").into_bytes()
                        } else {
                            param::list(&["cpuset=/"])
                        },
                        param::list(&["A=1", "B=2"]),
                        param::u32(34816),
                        param::i64(tid),
                        param::u32(1000),
                    ];
                    x.push(param::u32(1));
                    // Older execve layouts.
                    let f = |i: usize| x[i].clone();
                    let (xe, xp): (u16, Vec<Vec<u8>>) = match rng.below(8) {
                        0 => (13, (0..8).map(f).collect()),
                        1 => (155, (0..13).map(f).collect()),
                        2 => (173, (0..13).map(f).chain([f(15)]).collect()),
                        3 => (215, (0..14).map(f).chain([f(15)]).collect()),
                        4 => (231, (0..16).map(f).collect()),
                        5 => (283, (0..17).map(f).collect()),
                        6 => (289, (0..17).map(f).collect()),
                        _ => (EXECVE_19_X, x.clone()),
                    };
                    ev(&mut w, ts + 1, tid, xe, &xp);
                }
            }
            23 => {
                let p = [param::i64(0), param::i64(0), param::u8(0), param::u8(0)];
                ev(&mut w, ts, tid, 186, &p);
            }
            24 => {
                let (e, x) = *rng.pick(&[(198u16, 199u16), (200, 201), (192, 193), (194, 195)]);
                let id = *rng.pick(&[0u32, 1000, u32::MAX]);
                if enter {
                    let ep = if e == 192 || e == 194 {
                        vec![param::u32(id), param::u32(id), param::u32(id)]
                    } else {
                        vec![param::u32(id)]
                    };
                    ev(&mut w, ts, tid, e, &ep);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, x, &[param::i64(0)]);
                }
            }
            25 => {
                let next = *rng.pick(&tids);
                let p = [
                    param::i64(next),
                    param::u64(rng.below(9)),
                    param::u64(rng.below(99)),
                    param::u32(rng.below(999) as u32),
                    param::u32(7),
                    param::u32(0),
                ];
                ev(&mut w, ts, tid, SWITCH, &p);
            }
            26 => {
                if enter {
                    ev(
                        &mut w,
                        ts,
                        tid,
                        42,
                        &[param::u32(1), param::u32(1), param::u32(0)],
                    );
                }
                if exit {
                    let x = [
                        param::i64(0),
                        param::i64(res_fd),
                        param::i64(*rng.pick(&fds)),
                        param::u64(0xaaaa),
                        param::u64(0xbbbb),
                    ];
                    ev(&mut w, ts + 1, tid, 43, &x);
                }
            }
            27 => {
                if enter {
                    ev(&mut w, ts, tid, 62, &[param::u64(0), param::u32(0)]);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, 63, &[param::i64(res_fd)]);
                }
            }
            28 => {
                // (Mid-stream container events are not generated: sysdig
                // prints them with a thread record whose ptid/uid/gid are
                // never initialised, i.e. heap leftovers.)
                {
                    if enter {
                        ev(&mut w, ts, tid, 140, &[param::u8(7)]);
                    }
                    if exit {
                        let x = [
                            param::i64(0),
                            param::i64(rng.below(3) as i64 * 512),
                            param::i64(-1),
                        ];
                        ev(&mut w, ts + 1, tid, 141, &x);
                    }
                }
            }
            30 => {
                // The old openat: everything is in the enter. (Without it,
                // sysdig reads a stale or uninitialised event, or crashes:
                // always paired here.)
                let dirfd = if rng.chance(50) { -100 } else { 9 };
                let (enter, exit) = (true, true);
                if enter {
                    let e = [
                        param::i64(dirfd),
                        param::str(rng.pick::<&str>(&paths)),
                        param::u32(if rng.chance(20) { 1 << 10 } else { 1 }),
                        param::u32(0),
                    ];
                    ev(&mut w, ts, tid, 102, &e);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, 103, &[param::i64(res_fd)]);
                }
            }
            31 => {
                let p = param::str(rng.pick::<&str>(&paths));
                if enter {
                    ev(&mut w, ts, tid, 58, &[p.clone(), param::u32(0)]);
                }
                if exit {
                    let x = [param::i64(res_fd), p, param::u32(0), param::u32(0)];
                    ev(&mut w, ts + 1, tid, 59, &x);
                }
            }
            32 => {
                let (e, x, ep): (u16, u16, Vec<Vec<u8>>) = match rng.below(3) {
                    0 => (126, 127, vec![param::i64(-1), param::u32(0), param::u8(0)]),
                    1 => (136, 137, vec![param::u8(0), param::u8(0)]),
                    _ => (138, 139, vec![param::u8(0)]),
                };
                if enter {
                    ev(&mut w, ts, tid, e, &ep);
                }
                if exit {
                    ev(&mut w, ts + 1, tid, x, &[param::i64(res_fd)]);
                }
            }
            33 => {
                if rng.chance(50) {
                    if enter {
                        ev(&mut w, ts, tid, 274, &[]);
                    }
                    if exit {
                        ev(&mut w, ts + 1, tid, 275, &[param::i64(tid)]);
                    }
                } else {
                    if enter {
                        ev(&mut w, ts, tid, 266, &[]);
                    }
                    if exit {
                        let p = param::str(rng.pick::<&str>(&["/srv", "jail", "/"]));
                        ev(&mut w, ts + 1, tid, 267, &[param::i64(0), p]);
                    }
                }
            }
            34 => {
                let target = *rng.pick(&[0, tid, 500, 100]);
                if enter {
                    ev(&mut w, ts, tid, 144, &[param::i64(target), param::u8(7)]);
                }
                if exit {
                    let x = [
                        param::i64(0),
                        param::i64(4096),
                        param::i64(4096),
                        param::i64(1024),
                        param::i64(1024),
                    ];
                    ev(&mut w, ts + 1, tid, 145, &x);
                }
            }
            35 => {
                if enter {
                    ev(&mut w, ts, tid, 158, &[param::u64(0)]);
                }
                if exit {
                    let x = [
                        param::u64(0x1000),
                        param::u32(rng.below(999) as u32),
                        param::u32(9),
                        param::u32(0),
                    ];
                    ev(&mut w, ts + 1, tid, 159, &x);
                }
            }
            _ => {
                // getsockopt exit (sets the last fd) and a generic event.
                if rng.chance(50) {
                    let x = [
                        param::i64(0),
                        param::i64(fd),
                        param::u8(1),
                        param::u8(4),
                        vec![0, 0, 0, 0, 0, 0, 0, 0, 0],
                        param::u32(4),
                    ];
                    ev(&mut w, ts, tid, 47, &x);
                } else {
                    ev(&mut w, ts, tid, 1, &[param::u16(7), param::u16(7)]);
                }
            }
        }
    }
    w.finish().unwrap()
}

/// Our lines for a capture and a format.
fn our_lines(bytes: &[u8], format: &str) -> Vec<String> {
    use scapscope_core::output::{OutputFormat, Token};
    let fmt = OutputFormat::parse(format).unwrap();
    let fields: Vec<Field> = fmt
        .tokens
        .iter()
        .filter_map(|t| match t {
            Token::Field { field, .. } => Some(field.clone()),
            Token::Text(_) => None,
        })
        .collect();
    let mut r = Reader::from_bytes(bytes.to_vec());
    r.print_effects = scapscope_core::fields::print_effects(&fields);
    let env = FieldEnv::default();
    let mut out = Vec::new();
    while let Some(ev) = r.next_event() {
        if ev.hidden {
            continue;
        }
        if let Some(l) = fmt.render(&ev, &env) {
            out.extend(l.lines().map(str::to_string));
        }
    }
    out
}

fn sysdig_format_lines(bytes: &[u8], format: &str) -> Option<Vec<String>> {
    let ok = Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return None;
    }
    let path = std::env::temp_dir().join(format!("scapscope-diff-{}.scap", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    // sysdig loops forever on some thread tables (e.g. `proc.env` of two
    // threads caching each other as main thread): such runs are skipped.
    let out = Command::new("timeout")
        .args(["-s", "KILL", "30"])
        .arg("sysdig")
        .env("TZ", "UTC")
        .arg("-r")
        .arg(&path)
        .arg("-p")
        .arg(format)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    if !out.status.success() {
        return Some(Vec::new());
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// Random event sequences printed by sysdig and by scapscope must agree,
/// line for line. Skips (saying so) without sysdig; `STATE_FUZZ_SEEDS`
/// (default 8) and `STATE_FUZZ_EVENTS` (default 2000) size it (a few
/// seconds at the defaults).
#[test]
fn random_event_sequences_match_sysdig() {
    let seeds: u64 = std::env::var("STATE_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let events: usize = std::env::var("STATE_FUZZ_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let mut failures = Vec::new();
    for seed in 1..=seeds {
        let bytes = random_capture(seed, events);
        for format in DIFF_FORMATS {
            let Some(theirs) = sysdig_format_lines(&bytes, format) else {
                eprintln!("SKIP: sysdig is not installed");
                return;
            };
            if theirs.is_empty() {
                continue;
            }
            let ours = our_lines(&bytes, format);
            let first = theirs
                .iter()
                .zip(ours.iter())
                .position(|(a, b)| a != b)
                .or((theirs.len() != ours.len()).then(|| theirs.len().min(ours.len())));
            if let Some(i) = first {
                let path = std::env::temp_dir().join(format!("scapscope-fuzz-{seed}.scap"));
                std::fs::write(&path, &bytes).unwrap();
                failures.push(format!(
                    "seed {seed} ({}), line {i}:\n  sysdig: {:?}\n  ours:   {:?}",
                    path.display(),
                    theirs.get(i),
                    ours.get(i)
                ));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

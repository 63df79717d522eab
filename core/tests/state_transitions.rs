//! State engine transitions, each on a tiny capture built in memory and
//! named after its edge case. Expected values are what sysdig 0.29.3
//! (libs e5c53d64) prints for the same sequence of events.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

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

/// Every event (hidden ones included) with the fields of [`FIELDS`].
fn run(w: CaptureWriter<Vec<u8>>) -> (Vec<Row>, Reader) {
    let mut r = Reader::from_bytes(w.finish().unwrap());
    let env = FieldEnv::default();
    let fields: Vec<(&str, Field)> = FIELDS
        .iter()
        .map(|n| (*n, Field::parse(n).unwrap()))
        .collect();
    let mut rows = Vec::new();
    while let Some(ev) = r.next_event() {
        let mut row = Row::new();
        for (n, f) in &fields {
            row.insert(*n, eval(f, &ev, &env));
        }
        rows.push(row);
    }
    assert!(r.error.is_none(), "{:?}", r.error);
    (rows, r)
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
    ev(&mut w, 20, 100, CLONE_20_X, &clone_x(200, "sh", 100, 100, 1, 0, 100, 100));
    ev(&mut w, 30, 200, CLONE_20_X, &clone_x(0, "sh", 200, 200, 100, 0, 200, 200));
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
    ev(&mut w, 10, 200, CLONE_20_X, &clone_x(0, "child", 200, 200, 100, 0, 200, 200));
    ev(&mut w, 20, 100, CLONE_20_X, &clone_x(200, "other", 100, 100, 1, 0, 100, 100));
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
    let x = [
        param::i64(0),
        param::i64(4),
        param::i64(5),
        param::u64(77),
    ];
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
    ev(&mut w, 10, 100, SOCKET_E, &[param::u32(2), param::u32(1), param::u32(0)]);
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
    assert_eq!(get(&rows[3], "fd.name"), Some("10.0.0.1:40000->10.0.0.2:80"));
    assert_eq!(get(&rows[3], "fd.l4proto"), Some("tcp"));
    let f = r.state.get_fd(100, 4).unwrap();
    assert!(f.connected);
    assert_eq!(f.role, scapscope_core::state::Role::Client);
}

#[test]
fn failed_connect_shows_the_tuple_it_tried() {
    let mut w = base(false);
    ev(&mut w, 10, 100, SOCKET_E, &[param::u32(1), param::u32(1), param::u32(0)]);
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
    ev(&mut w, 20, 100, ACCEPT_X, &[param::i64(5), tuple, param::u8(0)]);
    let (rows, r) = run(w);
    assert_eq!(get(&rows[0], "fd.num"), Some("-1"));
    assert_eq!(get(&rows[1], "fd.num"), Some("5"));
    assert_eq!(get(&rows[1], "fd.name"), Some("172.18.0.1:51910->172.18.0.2:80"));
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
    let x = [
        param::i64(40),
        param::u32(40),
        b"data".to_vec(),
        tuple,
    ];
    ev(&mut w, 20, 100, RECVMSG_X, &x);
    let (rows, _) = run(w);
    assert_eq!(get(&rows[0], "fd.name"), Some(":::53"));
    assert_eq!(get(&rows[1], "fd.type"), Some("ipv4"));
    assert_eq!(get(&rows[1], "fd.name"), Some("172.17.0.7:46162->172.17.0.1:53"));
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
    ev(&mut w, 10, 101, OPEN_E, &[param::str("../etc/x"), param::u32(1), param::u32(0)]);
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

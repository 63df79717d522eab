//! Stream reassembly: real captures checked against sysdig's view of the
//! same I/O events, and small built captures for ordering, truncation,
//! datagrams and `sendfile`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use scapscope_core::format::meta::{FdEntry, FdInfo, ThreadEntry, fd_type};
use scapscope_core::schema::EVENTS;
use scapscope_core::state::Role;
use scapscope_core::store::{LoadOptions, Snapshot, load_blocking};
use scapscope_core::streams::{Direction, Transport, reassemble, segment_data};
use scapscope_core::writer::{CaptureWriter, param};

fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/captures")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP: {} is absent", p.display());
        None
    }
}

fn load(p: &Path) -> Arc<Snapshot> {
    load_blocking(p, LoadOptions::default()).unwrap()
}

fn sysdig_available() -> bool {
    Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn curl_google_http_dns_and_fd_reuse() {
    let Some(p) = shared("libs_curl_google.scap") else {
        return;
    };
    let snap = load(&p);
    let all = reassemble(&snap, None);

    // The HTTP connection: one request out, three reads in, each cut at
    // the capture's 80-byte snaplen.
    let http: Vec<_> = all
        .streams
        .iter()
        .filter(|s| s.info.server_port() == Some(80))
        .collect();
    assert_eq!(http.len(), 1);
    let http = http[0];
    assert_eq!(http.info.comm, "curl");
    assert_eq!(http.info.transport, Transport::Tcp);
    assert_eq!(http.info.role, Role::Client);
    assert_eq!(http.info.client_port(), Some(37140));
    assert!(!http.datagrams);
    assert_eq!(http.real_bytes(Direction::Outbound), 78);
    assert_eq!(http.real_bytes(Direction::Inbound), 6040 + 5457 + 5);
    let out: Vec<_> = http
        .segments
        .iter()
        .filter(|s| s.direction == Direction::Outbound)
        .collect();
    assert_eq!(out.len(), 1);
    let req = segment_data(&snap, out[0]);
    assert!(req.starts_with(b"GET / HTTP/1.1\r\n"), "{req:?}");
    let ins: Vec<_> = http
        .segments
        .iter()
        .filter(|s| s.direction == Direction::Inbound)
        .collect();
    assert_eq!(
        ins.iter().map(|s| s.real_len_bytes).collect::<Vec<_>>(),
        [6040, 5457, 5]
    );
    assert_eq!(ins[0].captured_len_bytes, 80);
    assert_eq!(ins[0].gap_bytes(), 6040 - 80);
    assert_eq!(ins[1].offset_bytes, 6040, "offsets count real bytes");
    assert_eq!(ins[2].offset_bytes, 6040 + 5457);
    assert_eq!(ins[2].gap_bytes(), 0);
    assert!(segment_data(&snap, ins[0]).starts_with(b"HTTP/1.1 "));
    let (bytes, gaps) = http.direction_bytes(&snap, Direction::Inbound);
    assert_eq!(bytes.len(), 80 + 80 + 5);
    assert_eq!(gaps, vec![(80, 6040 - 80), (160, 5457 - 80)]);

    // DNS over UDP: two datagrams, kept apart.
    let dns: Vec<_> = all
        .streams
        .iter()
        .filter(|s| s.info.server_port() == Some(53))
        .collect();
    assert_eq!(dns.len(), 1);
    let dns = dns[0];
    assert_eq!(dns.info.transport, Transport::Udp);
    assert!(dns.datagrams);
    assert_eq!(dns.segments.len(), 2);
    assert_eq!(dns.segments[0].direction, Direction::Outbound);
    assert_eq!(dns.segments[0].real_len_bytes, 32);
    assert_eq!(dns.segments[1].direction, Direction::Inbound);
    assert_eq!(dns.segments[1].real_len_bytes, 60);
    let q = segment_data(&snap, &dns.segments[0]);
    let a = segment_data(&snap, &dns.segments[1]);
    assert_eq!(q.len(), 32);
    assert_eq!(&q[..2], &a[..2], "the answer carries the query's id");
    assert_eq!(u16::from_be_bytes([q[4], q[5]]), 1, "one question");
    assert!(a[2] & 0x80 != 0, "QR bit set in the answer");

    // fd 4 is reused for several files and then the sockets: each open is
    // its own stream, even /etc/resolv.conf opened twice.
    let resolv: Vec<_> = all
        .streams
        .iter()
        .filter(|s| s.info.name == "/etc/resolv.conf")
        .collect();
    assert_eq!(resolv.len(), 2);
    for s in &resolv {
        assert_eq!(s.info.fd_num, 4);
        assert_eq!(s.info.transport, Transport::File);
        assert_eq!(s.real_bytes(Direction::Inbound), 224);
    }

    // Only the selected events become segments.
    let http_events: Vec<usize> = http.segments.iter().map(|s| s.event).collect();
    let only = reassemble(&snap, Some(&http_events));
    assert_eq!(only.streams.len(), 1);
    assert_eq!(only.streams[0].segments, http.segments);
}

/// Every successful read/write-family exit sysdig reports is a segment of
/// a stream with the same process, fd and byte count, and nothing else
/// is.
#[test]
fn segments_match_sysdig_io_events() {
    if !sysdig_available() {
        eprintln!("SKIP: sysdig is not installed");
        return;
    }
    for name in [
        "libs_curl_google.scap",
        "workshop_example0_nginx.scap",
        "workshop_example4_example4-1.scap",
        "workshop_example5_httpd.scap",
        "falco_psp_run_as_user_0_container.scap",
        "workshop_example2_502error.scap",
        "bencer_k8s_capture.scap",
        "libs_sample.scap",
        "falco_ping_sendto.scap",
    ] {
        let Some(p) = shared(name) else { continue };
        let out = Command::new("sysdig")
            .env("TZ", "UTC")
            .arg("-r")
            .arg(&p)
            .arg("-p")
            .arg("%evt.num %proc.pid %fd.num %evt.rawres %evt.io_dir")
            .arg("evt.is_io=true and evt.dir=< and evt.rawres>0 and fd.num>=0")
            .output()
            .unwrap();
        let theirs: BTreeMap<u64, String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let (num, rest) = l.split_once(' ').unwrap();
                (num.parse().unwrap(), rest.to_string())
            })
            .collect();
        assert!(!theirs.is_empty(), "{name}: sysdig printed no I/O");
        let snap = load(&p);
        let ours: BTreeMap<u64, String> = reassemble(&snap, None)
            .streams
            .iter()
            .flat_map(|s| {
                let snap = &snap;
                s.segments.iter().filter_map(move |g| {
                    let row = snap.row(g.event)?;
                    // sysdig does not count sendfile as I/O; we keep it as
                    // a gap.
                    if EVENTS[usize::from(row.event_type)].name == "sendfile" {
                        return None;
                    }
                    let num = row.num?;
                    let dir = match g.direction {
                        Direction::Inbound => "read",
                        Direction::Outbound => "write",
                    };
                    Some((
                        num,
                        format!(
                            "{} {} {} {dir}",
                            s.info.pid, s.info.fd_num, g.real_len_bytes
                        ),
                    ))
                })
            })
            .collect();
        let missing: Vec<_> = theirs
            .iter()
            .filter(|(k, v)| ours.get(k) != Some(v))
            .take(5)
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: differs from sysdig: {missing:?}"
        );
        let extra: Vec<_> = ours
            .keys()
            .filter(|k| !theirs.contains_key(k))
            .take(5)
            .collect();
        assert!(extra.is_empty(), "{name}: not I/O for sysdig: {extra:?}");
    }
}

#[test]
fn segments_are_time_ordered_with_consistent_offsets() {
    for name in ["bencer_k8s_capture.scap", "workshop_example2_502error.scap"] {
        let Some(p) = shared(name) else { continue };
        let snap = load(&p);
        let all = reassemble(&snap, None);
        assert!(all.streams.len() > 10, "{name}");
        for s in &all.streams {
            let mut next = [0u64; 2];
            for w in s.segments.windows(2) {
                assert!(w[0].ts_ns <= w[1].ts_ns, "{name}: stream {}", s.id);
            }
            for g in &s.segments {
                let d = g.direction as usize;
                assert_eq!(g.offset_bytes, next[d]);
                next[d] += g.real_len_bytes;
                assert!(u64::from(g.captured_len_bytes) <= g.real_len_bytes);
                assert_eq!(segment_data(&snap, g).len(), g.captured_len_bytes as usize);
            }
        }
        for w in all.streams.windows(2) {
            assert!(w[0].first_ts_ns() <= w[1].first_ts_ns());
        }
    }
}

// --- built captures --------------------------------------------------------

const WRITE_E: u16 = 8;
const WRITE_X: u16 = 9;
const READ_E: u16 = 6;
const READ_X: u16 = 7;
const SENDTO_E: u16 = 30;
const SENDTO_X: u16 = 31;
const RECVFROM_E: u16 = 34;
const RECVFROM_X: u16 = 35;
const SENDFILE_E: u16 = 188;
const SENDFILE_X: u16 = 189;

fn built() -> PathBuf {
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    w.process_list(&[ThreadEntry {
        tid: 100,
        pid: 100,
        ptid: 1,
        sid: -1,
        vpgid: -1,
        pgid: -1,
        comm: "app".into(),
        exe: "app".into(),
        exepath: "/usr/bin/app".into(),
        fdlimit: 1024,
        vtid: 100,
        vpid: 100,
        loginuid: u32::MAX,
        ..Default::default()
    }])
    .unwrap();
    let tcp = FdEntry {
        fd: 3,
        ino: 0,
        fd_type: fd_type::IPV4_SOCK,
        info: FdInfo::Ipv4 {
            sip: [10, 0, 0, 1],
            dip: [10, 0, 0, 2],
            sport: 40000,
            dport: 6379,
            l4proto: 2,
        },
    };
    let udp = FdEntry {
        fd: 4,
        ino: 0,
        fd_type: fd_type::IPV4_SOCK,
        info: FdInfo::Ipv4 {
            sip: [10, 0, 0, 1],
            dip: [10, 0, 0, 53],
            sport: 5555,
            dport: 53,
            l4proto: 3,
        },
    };
    w.fd_list(100, &[tcp, udp]).unwrap();
    let mut io = |ts: u64, enter: u16, exit: u16, fd: i64, res: i64, data: &[u8]| {
        w.event(ts, 100, 0, enter, &[&param::i64(fd), &param::u32(64)])
            .unwrap();
        w.event(
            ts + 1,
            100,
            0,
            exit,
            &[&param::i64(res), data, &param::i64(fd), &param::u32(64)],
        )
        .unwrap();
    };
    // Written on one CPU at t=2000, but stamped before the read below
    // that appears earlier in the file (per-CPU buffers merging).
    io(3000, READ_E, READ_X, 3, 6, b"+PONG\n");
    io(1000, WRITE_E, WRITE_X, 3, 6, b"PING\r\n");
    // Truncated: 10 bytes moved, 4 captured.
    io(4000, WRITE_E, WRITE_X, 3, 10, b"ECHO");
    // Failed and empty reads are no segments.
    io(5000, READ_E, READ_X, 3, -11, b"");
    io(5100, READ_E, READ_X, 3, 0, b"");
    // Two datagrams each way on the UDP socket.
    for (k, ts) in [6000u64, 8000].into_iter().enumerate() {
        let q = [b'q', k as u8];
        let a = [b'a', k as u8, 0];
        w.event(ts, 100, 0, SENDTO_E, &[&param::i64(4), &param::u32(2), &[]])
            .unwrap();
        w.event(ts + 1, 100, 0, SENDTO_X, &[&param::i64(2), &q])
            .unwrap();
        w.event(
            ts + 2,
            100,
            0,
            RECVFROM_E,
            &[&param::i64(4), &param::u32(3)],
        )
        .unwrap();
        w.event(ts + 3, 100, 0, RECVFROM_X, &[&param::i64(3), &a, &[]])
            .unwrap();
    }
    // sendfile of 4096 bytes to the TCP socket: moved, never captured.
    w.event(
        9000,
        100,
        0,
        SENDFILE_E,
        &[
            &param::i64(3),
            &param::i64(7),
            &param::u64(0),
            &param::u64(4096),
        ],
    )
    .unwrap();
    w.event(
        9001,
        100,
        0,
        SENDFILE_X,
        &[&param::i64(4096), &param::u64(4096)],
    )
    .unwrap();
    let bytes = w.finish().unwrap();
    let p = std::env::temp_dir().join(format!("scapscope-streams-{}.scap", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn built_capture_order_truncation_datagrams_sendfile() {
    let p = built();
    let snap = load(&p);
    std::fs::remove_file(&p).ok();
    let all = reassemble(&snap, None);
    assert_eq!(all.streams.len(), 2, "{:#?}", all.streams);
    let tcp = &all.streams[0];
    assert_eq!(tcp.info.name, "10.0.0.1:40000->10.0.0.2:6379");
    assert_eq!(tcp.info.transport, Transport::Tcp);
    assert_eq!(tcp.info.server_port(), Some(6379));
    let summary: Vec<_> = tcp
        .segments
        .iter()
        .map(|g| {
            (
                g.direction,
                g.captured_len_bytes,
                g.real_len_bytes,
                g.offset_bytes,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (Direction::Outbound, 6, 6, 0),
            (Direction::Inbound, 6, 6, 0),
            (Direction::Outbound, 4, 10, 6),
            (Direction::Outbound, 0, 4096, 16),
        ]
    );
    assert_eq!(segment_data(&snap, &tcp.segments[0]), b"PING\r\n");
    assert_eq!(segment_data(&snap, &tcp.segments[2]), b"ECHO");
    assert_eq!(tcp.segments[2].gap_bytes(), 6);
    assert_eq!(tcp.segments[3].gap_bytes(), 4096);
    assert_eq!(tcp.gaps(), 2);
    let (out, gaps) = tcp.direction_bytes(&snap, Direction::Outbound);
    assert_eq!(out, b"PING\r\nECHO");
    assert_eq!(gaps, vec![(10, 6), (10, 4096)]);

    let udp = &all.streams[1];
    assert!(udp.datagrams);
    assert_eq!(udp.info.transport, Transport::Udp);
    let grams: Vec<_> = udp
        .segments
        .iter()
        .map(|g| (g.direction, segment_data(&snap, g).to_vec()))
        .collect();
    assert_eq!(
        grams,
        vec![
            (Direction::Outbound, b"q\x00".to_vec()),
            (Direction::Inbound, b"a\x00\x00".to_vec()),
            (Direction::Outbound, b"q\x01".to_vec()),
            (Direction::Inbound, b"a\x01\x00".to_vec()),
        ]
    );
    assert_eq!(all.find_event(udp.segments[2].event).unwrap().1, 2);
}

//! TLS through the whole pipeline: real OpenSSL handshake bytes (the TLS
//! crate's fixtures; the shared captures hold no TLS) written as the
//! read/write events of a capture, reassembled, dispatched by port and
//! decoded in wasmtime.

use scapscope_core::format::meta::{FdEntry, FdInfo, ThreadEntry, fd_type};
use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::streams::reassemble;
use scapscope_core::writer::{CaptureWriter, param};
use scapscope_dissectors::{Choice, DissectOptions, MessageKind};

use crate::builtin;

const WRITE_E: u16 = 8;
const WRITE_X: u16 = 9;
const READ_E: u16 = 6;
const READ_X: u16 = 7;

/// A capture of `curl` (pid 100) whose fd 3 is a TCP connection to port
/// 443, doing the fixture's writes and reads; `snaplen` cuts payloads.
fn capture(fixture: &str, snaplen: usize) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("plugins/tls/tests/data")
        .join(fixture);
    let b = std::fs::read(path).unwrap();
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    w.process_list(&[ThreadEntry {
        tid: 100,
        pid: 100,
        ptid: 1,
        sid: -1,
        vpgid: -1,
        pgid: -1,
        comm: "curl".into(),
        exe: "curl".into(),
        exepath: "/usr/bin/curl".into(),
        fdlimit: 1024,
        vtid: 100,
        vpid: 100,
        loginuid: u32::MAX,
        ..Default::default()
    }])
    .unwrap();
    w.fd_list(
        100,
        &[FdEntry {
            fd: 3,
            ino: 0,
            fd_type: fd_type::IPV4_SOCK,
            info: FdInfo::Ipv4 {
                sip: [10, 0, 0, 1],
                dip: [10, 0, 0, 2],
                sport: 40000,
                dport: 443,
                l4proto: 2,
            },
        }],
    )
    .unwrap();
    let mut at = 0;
    let mut ts = 1_000_000_000u64;
    while at + 5 <= b.len() {
        let dir = b[at];
        let n = u32::from_le_bytes(b[at + 1..at + 5].try_into().unwrap()) as usize;
        let data = &b[at + 5..at + 5 + n];
        at += 5 + n;
        let (e, x) = if dir == 1 {
            (WRITE_E, WRITE_X)
        } else {
            (READ_E, READ_X)
        };
        w.event(ts, 100, 0, e, &[&param::i64(3), &param::u32(n as u32)])
            .unwrap();
        w.event(
            ts + 1000,
            100,
            0,
            x,
            &[
                &param::i64(n as i64),
                &data[..n.min(snaplen)],
                &param::i64(3),
                &param::u32(n as u32),
            ],
        )
        .unwrap();
        ts += 1_000_000;
    }
    let p = std::env::temp_dir().join(format!(
        "scapscope-tls-{}-{fixture}-{snaplen}.scap",
        std::process::id()
    ));
    std::fs::write(&p, w.finish().unwrap()).unwrap();
    p
}

#[test]
fn tls12_handshake_through_the_pipeline() {
    let p = capture("tls12.bin", usize::MAX);
    let snap = load_blocking(&p, LoadOptions::default()).unwrap();
    std::fs::remove_file(&p).ok();
    let streams = reassemble(&snap, None);
    assert_eq!(streams.streams.len(), 1);
    let all: Vec<_> = streams.streams.iter().collect();
    let res = builtin().dissect(&snap, &all, &DissectOptions::default());
    let d = &res[0];
    assert_eq!(d.plugin.as_deref(), Some("tls"));
    assert_eq!(d.choice, Choice::Port(95));
    assert!(d.disabled.is_empty(), "{:?}", d.disabled);
    let hello = &d.messages[0];
    assert_eq!(hello.kind, MessageKind::Request);
    assert!(
        hello.summary.contains("SNI=scapscope.test"),
        "{}",
        hello.summary
    );
    let cert = d
        .messages
        .iter()
        .find(|m| m.summary.starts_with("Certificate"))
        .unwrap();
    assert!(
        cert.fields
            .iter()
            .any(|f| f.name == "subject-alt-names"
                && f.value == "scapscope.test, www.scapscope.test")
    );
    assert_eq!(d.pairs().len(), 1, "ClientHello pairs with ServerHello");
    let rows = scapscope_dissectors::views::rows(&all, &res);
    assert_eq!(rows.tls.len(), 1);
    let t = &rows.tls[0];
    assert_eq!(t.sni.as_deref(), Some("scapscope.test"));
    assert_eq!(t.version, "TLS 1.2");
    assert_eq!(t.alpn.as_deref(), Some("h2"));
    assert_eq!(
        t.cipher.as_deref(),
        Some("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
    );
    // The certificate's bytes map back to the read event that carried
    // them.
    let s = &streams.streams[0];
    let (seg, _) = s
        .locate(scapscope_core::streams::Direction::Inbound, cert.offset)
        .unwrap();
    assert_eq!(
        s.segments[seg].direction,
        scapscope_core::streams::Direction::Inbound
    );
}

#[test]
fn tls12_cut_by_a_small_snaplen() {
    // 80-byte snaplen, as in several shared captures: hellos are cut, the
    // records after them still decode in step.
    let p = capture("tls12.bin", 80);
    let snap = load_blocking(&p, LoadOptions::default()).unwrap();
    std::fs::remove_file(&p).ok();
    let streams = reassemble(&snap, None);
    let all: Vec<_> = streams.streams.iter().collect();
    let res = builtin().dissect(&snap, &all, &DissectOptions::default());
    let d = &res[0];
    assert_eq!(d.plugin.as_deref(), Some("tls"));
    assert!(d.disabled.is_empty(), "{:?}", d.disabled);
    assert!(
        d.messages
            .iter()
            .any(|m| m.errors.iter().any(|e| e.contains("not captured"))),
        "{:?}",
        d.messages
    );
    assert!(
        d.messages
            .iter()
            .any(|m| m.summary.starts_with("ApplicationData")),
        "{:?}",
        d.messages.iter().map(|m| &m.summary).collect::<Vec<_>>()
    );
}

//! Reader edge cases, each on a tiny capture built in memory and named
//! after its edge case, plus the real malformed file and block counts of
//! the real captures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use scapscope_core::error::ReadErrorKind;
use scapscope_core::format::blocks::{BlockKind, classify};
use scapscope_core::format::meta::{
    FdEntry, FdInfo, GroupEntry, MachineInfo, ThreadEntry, UserEntry, fd_type,
};
use scapscope_core::reader::Reader;
use scapscope_core::writer::{CaptureWriter, param};

const OPEN_E: u16 = 2;
const OPEN_X: u16 = 3;
const CLOSE_X: u16 = 5;
const CONTAINER_JSON_2: u16 = 324;

fn thread(tid: i64, comm: &str) -> ThreadEntry {
    ThreadEntry {
        tid,
        pid: tid,
        ptid: 1,
        sid: -1,
        vpgid: -1,
        pgid: -1,
        comm: comm.into(),
        exe: comm.into(),
        exepath: format!("/usr/bin/{comm}"),
        args: b"-x\0".to_vec(),
        cwd: "/root/".into(),
        uid: 0,
        vtid: tid,
        vpid: tid,
        loginuid: u32::MAX,
        ..Default::default()
    }
}

/// SHB, MI, PL (one thread 100 "cat"), FDL, UL; no events.
fn header(w: &mut CaptureWriter<Vec<u8>>) {
    w.section_header().unwrap();
    w.machine_info(&MachineInfo {
        num_cpus: 2,
        memory_size_bytes: 1 << 30,
        max_pid: 32768,
        hostname: "fixture".into(),
        boot_ts_ns: 0,
    })
    .unwrap();
    w.process_list(&[thread(100, "cat")]).unwrap();
    w.fd_list(
        100,
        &[FdEntry {
            fd: 0,
            ino: 1,
            fd_type: fd_type::FILE_V2,
            info: FdInfo::FileV2 {
                open_flags: 1,
                path: "/dev/null".into(),
                dev: 0,
            },
        }],
    )
    .unwrap();
    w.user_list(
        &[UserEntry {
            uid: 0,
            gid: 0,
            name: "root".into(),
            homedir: "/root".into(),
            shell: "/bin/sh".into(),
        }],
        &[GroupEntry {
            gid: 0,
            name: "root".into(),
        }],
    )
    .unwrap();
}

fn open_pair(w: &mut CaptureWriter<Vec<u8>>, ts: u64, fd: i64, path: &str) {
    w.event(
        ts,
        100,
        0,
        OPEN_E,
        &[&param::str(path), &param::u32(1), &param::u32(0)],
    )
    .unwrap();
    w.event(
        ts + 10,
        100,
        0,
        OPEN_X,
        &[
            &param::i64(fd),
            &param::str(path),
            &param::u32(1),
            &param::u32(0),
        ],
    )
    .unwrap();
}

/// (evt.num, event type, fd name) of each listed event.
type Listed = Vec<(Option<u64>, u16, Option<String>)>;

fn collect(bytes: Vec<u8>) -> (Listed, Reader) {
    let mut r = Reader::from_bytes(bytes);
    let mut out = Vec::new();
    while let Some(ev) = r.next_event() {
        let name = ev.ctx.fd.as_ref().map(|f| f.name.to_string());
        out.push((ev.num, ev.rec.event_type, name));
    }
    (out, r)
}

#[test]
fn well_formed_fixture_reads_every_event() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/etc/passwd");
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[1].2.as_deref(), Some("/etc/passwd"));
    assert_eq!(r.machine.as_ref().unwrap().hostname, "fixture");
    assert_eq!(r.state.user(0).unwrap().name, "root");
}

#[test]
fn truncated_block_keeps_events_before_it() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/etc/passwd");
    let mut bytes = w.finish().unwrap();
    let full = bytes.len();
    let mut w2 = CaptureWriter::new(Vec::new());
    w2.event(
        2_000,
        100,
        0,
        OPEN_E,
        &[&param::str("/tmp/x"), &param::u32(1), &param::u32(0)],
    )
    .unwrap();
    let extra = w2.finish().unwrap();
    bytes.extend_from_slice(&extra[..extra.len() - 7]);
    let (evs, r) = collect(bytes);
    assert_eq!(evs.len(), 2, "the two complete events stay readable");
    let e = r.error.expect("truncation is reported");
    assert_eq!(
        e.offset, full as u64,
        "error names the offset of the cut block"
    );
    assert!(
        matches!(
            e.kind,
            ReadErrorKind::Truncated {
                missing_bytes: 7,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn trailer_mismatch_stops_with_an_error() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/a");
    let mut bytes = w.finish().unwrap();
    let n = bytes.len();
    // Corrupt the trailer of the last block.
    bytes[n - 1] ^= 0x40;
    let (evs, r) = collect(bytes);
    assert_eq!(evs.len(), 1, "the block with the bad trailer is not read");
    assert!(matches!(
        r.error.unwrap().kind,
        ReadErrorKind::TrailerMismatch { .. }
    ));
}

#[test]
fn unknown_block_between_events_is_skipped_by_length() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/a");
    w.raw_block(0x7777, b"whatever bytes").unwrap();
    open_pair(&mut w, 2_000, 4, "/b");
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none());
    assert_eq!(evs.len(), 4);
    assert_eq!(r.problems.count("unknown_block"), 1);
}

#[test]
fn unknown_event_type_is_counted_and_skipped() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    w.event(500, 100, 0, 60_000, &[&param::u64(1)]).unwrap();
    open_pair(&mut w, 1_000, 3, "/a");
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none());
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0].0, Some(1), "skipped records are not numbered");
    assert_eq!(r.problems.count("event_unknown_type"), 1);
}

#[test]
fn param_longer_than_event_is_counted_not_fatal() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    // EV_V2 body whose single parameter claims 200 bytes.
    let mut body = Vec::new();
    body.extend_from_slice(&0u16.to_le_bytes());
    body.extend_from_slice(&1_000u64.to_le_bytes());
    body.extend_from_slice(&100i64.to_le_bytes());
    body.extend_from_slice(&(26u32 + 2 + 8).to_le_bytes());
    body.extend_from_slice(&OPEN_E.to_le_bytes());
    body.extend_from_slice(&1u32.to_le_bytes());
    body.extend_from_slice(&200u16.to_le_bytes());
    body.extend_from_slice(&[0u8; 8]);
    w.raw_block(0x216, &body).unwrap();
    open_pair(&mut w, 2_000, 3, "/a");
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none());
    assert_eq!(evs.len(), 2);
    assert_eq!(r.problems.count("event_param_overflow"), 1);
}

#[test]
fn old_ev_block_derives_param_count() {
    // EV (0x204) has no nparams: the reader finds the count whose lengths
    // end exactly at the event end. Here 2 of open exit's 6 parameters.
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    let fd = param::i64(5);
    let name = param::str("/old");
    let mut ev = Vec::new();
    ev.extend_from_slice(&0u16.to_le_bytes());
    ev.extend_from_slice(&1_000u64.to_le_bytes());
    ev.extend_from_slice(&100i64.to_le_bytes());
    let len = 22 + 4 + fd.len() + name.len();
    ev.extend_from_slice(&(len as u32).to_le_bytes());
    ev.extend_from_slice(&OPEN_X.to_le_bytes());
    ev.extend_from_slice(&(fd.len() as u16).to_le_bytes());
    ev.extend_from_slice(&(name.len() as u16).to_le_bytes());
    ev.extend_from_slice(&fd);
    ev.extend_from_slice(&name);
    w.raw_block(0x204, &ev).unwrap();
    let mut r = Reader::from_bytes(w.finish().unwrap());
    let e = r.next_event().expect("one event");
    assert_eq!(e.rec.nparams(), 2);
    assert_eq!(e.rec.param(1), Some(&b"/old\0"[..]));
}

#[test]
fn large_payload_event_uses_u32_lengths() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    let big = format!(
        "{{\"container\":{{\"id\":\"0123456789ab\",\"name\":\"big\",\"image\":\"img\",\"labels\":{{\"x\":\"{}\"}}}}}}",
        "y".repeat(70_000)
    );
    w.event(900, -1, 0, CONTAINER_JSON_2, &[&param::str(&big)])
        .unwrap();
    open_pair(&mut w, 1_000, 3, "/a");
    let bytes = w.finish().unwrap();
    let (evs, r) = collect(bytes);
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(evs.len(), 3);
    assert_eq!(
        r.block_counts.get(&0x221),
        Some(&1),
        "written as EV_V2_LARGE"
    );
    let c = r.state.container("0123456789ab").expect("container parsed");
    assert_eq!(c.name, "big");
}

#[test]
fn evf_state_only_event_updates_state_but_is_not_listed() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    // EVF_V2 block: cpu, flags=1 (state only), then a V2 open exit.
    let fd = param::i64(7);
    let name = param::str("/state-only");
    let mut body = Vec::new();
    body.extend_from_slice(&0u16.to_le_bytes());
    body.extend_from_slice(&1u32.to_le_bytes());
    body.extend_from_slice(&1_000u64.to_le_bytes());
    body.extend_from_slice(&100i64.to_le_bytes());
    body.extend_from_slice(&((26 + 4 + fd.len() + name.len()) as u32).to_le_bytes());
    body.extend_from_slice(&OPEN_X.to_le_bytes());
    body.extend_from_slice(&2u32.to_le_bytes());
    body.extend_from_slice(&(fd.len() as u16).to_le_bytes());
    body.extend_from_slice(&(name.len() as u16).to_le_bytes());
    body.extend_from_slice(&fd);
    body.extend_from_slice(&name);
    w.raw_block(0x217, &body).unwrap();
    w.event(2_000, 100, 0, 4, &[&param::i64(7)]).unwrap();
    w.event(2_010, 100, 0, CLOSE_X, &[&param::i64(0)]).unwrap();
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none());
    assert_eq!(evs.len(), 2, "the state-only event is not listed");
    assert_eq!(
        evs[0].2.as_deref(),
        Some("/state-only"),
        "but its fd exists"
    );
}

#[test]
fn section_header_with_pcapng_options_is_read() {
    let mut w = CaptureWriter::new(Vec::new());
    let mut shb = Vec::new();
    shb.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&2u16.to_le_bytes());
    shb.extend_from_slice(&(-1i64).to_le_bytes());
    // opt_comment "edited" (6 bytes + 2 padding), then end of options.
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&6u16.to_le_bytes());
    shb.extend_from_slice(b"edited\0\0");
    shb.extend_from_slice(&[0u8; 4]);
    w.raw_block(0x0A0D_0D0A, &shb).unwrap();
    w.process_list(&[thread(100, "cat")]).unwrap();
    open_pair(&mut w, 1_000, 3, "/a");
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(evs.len(), 2);
    assert_eq!(r.sections[0].header.options, vec![(1, b"edited".to_vec())]);
}

#[test]
fn concatenated_sections_each_bring_their_tables() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/first");
    w.section_header().unwrap();
    w.process_list(&[thread(200, "second")]).unwrap();
    w.event(5_000, 200, 1, 4, &[&param::i64(0)]).unwrap();
    let mut r = Reader::from_bytes(w.finish().unwrap());
    let mut comms = Vec::new();
    while let Some(ev) = r.next_event() {
        comms.push(ev.ctx.thread.as_ref().map(|t| t.comm.clone()));
    }
    assert!(r.error.is_none());
    assert_eq!(r.sections.len(), 2);
    assert_eq!(comms.last().unwrap().as_deref(), Some("second"));
    assert!(
        !r.state.threads.contains_key(&100),
        "first section's threads are gone"
    );
}

#[test]
fn fd_list_with_pidfd_and_unknown_type_reads() {
    let mut w = CaptureWriter::new(Vec::new());
    w.section_header().unwrap();
    w.process_list(&[thread(100, "cat")]).unwrap();
    w.fd_list(
        100,
        &[
            FdEntry {
                fd: 5,
                ino: 0,
                fd_type: fd_type::PIDFD,
                info: FdInfo::Named("anon_inode:[pidfd]".into()),
            },
            FdEntry {
                fd: 6,
                ino: 0,
                fd_type: 99,
                info: FdInfo::Named("future".into()),
            },
        ],
    )
    .unwrap();
    w.event(1_000, 100, 0, 4, &[&param::i64(5)]).unwrap();
    let (evs, r) = collect(w.finish().unwrap());
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(evs[0].2.as_deref(), Some("anon_inode:[pidfd]"));
    assert!(
        r.state.get_fd(100, 6).is_some(),
        "unknown fd types are kept"
    );
}

#[test]
fn gzip_is_detected_by_magic() {
    let mut w = CaptureWriter::new(Vec::new());
    header(&mut w);
    open_pair(&mut w, 1_000, 3, "/gz");
    let raw = w.finish().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).unwrap();
    let (evs, r) = collect(gz.finish().unwrap());
    assert!(r.error.is_none());
    assert_eq!(evs.len(), 2);
    assert_eq!(r.storage(), scapscope_core::source::Storage::Gzip);
}

#[test]
fn not_a_capture_is_refused_at_open() {
    let dir = std::env::temp_dir().join(format!("scapscope-notcap-{}", std::process::id()));
    std::fs::write(&dir, b"hello, this is text").unwrap();
    let e = Reader::open(&dir).err().expect("refused");
    std::fs::remove_file(&dir).ok();
    assert!(e.to_string().contains("not a .scap capture"), "{e}");
}

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

#[test]
fn broken_il_rewrite_reports_trailer_mismatch_with_offset() {
    let Some(p) = shared("derived/falco_cat_write.sysdig0293-rewrite-BROKEN-IL.scap") else {
        return;
    };
    let mut r = Reader::open(&p).unwrap();
    while r.next_event().is_some() {}
    let e = r.error.expect("the broken interface list is reported");
    assert!(
        matches!(
            e.kind,
            ReadErrorKind::TrailerMismatch {
                block_type: 0x219,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.offset > 0);
}

/// Counts event blocks by walking the framing with no decoding at all.
fn count_event_blocks(bytes: &[u8]) -> u64 {
    let mut pos = 0;
    let mut n = 0;
    while pos + 8 <= bytes.len() {
        let t = u32::from_le_bytes(bytes[pos..pos + 4].try_into().unwrap());
        let len = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
        if matches!(classify(t), BlockKind::Event(_)) {
            n += 1;
        }
        pos += len;
    }
    n
}

#[test]
fn every_event_block_of_every_real_capture_is_read() {
    let Some(dir) = shared("") else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "scap") {
            continue;
        }
        let mut raw = Vec::new();
        let data = std::fs::read(&p).unwrap();
        if data.starts_with(&[0x1f, 0x8b]) {
            use std::io::Read;
            flate2::read::MultiGzDecoder::new(&data[..])
                .read_to_end(&mut raw)
                .unwrap();
        } else {
            raw = data;
        }
        let blocks = count_event_blocks(&raw);
        let mut r = Reader::open(&p).unwrap();
        let mut n = 0u64;
        while r.next_event().is_some() {
            n += 1;
        }
        assert!(r.error.is_none(), "{}: {:?}", p.display(), r.error);
        let skipped = r.problems.count("event_unknown_type");
        assert_eq!(n + skipped, blocks, "{}", p.display());
        assert_eq!(
            skipped,
            0,
            "{}: no event type unknown to the current table",
            p.display()
        );
        checked += 1;
    }
    assert!(checked >= 15);
}

//! API 0.2.0's batches: many streams per call must give each stream
//! exactly what it gets alone, and a fault must land on its own stream;
//! plugins of the frozen API 0.1.0 keep running.

use scapscope_core::streams::Stream;
use scapscope_dissectors::{
    Chunk, Direction, DissectOptions, Fault, Origin, Registry, Role, StreamContext, Transport,
};

use crate::{builtin, host, hostile, open};

fn ctx(port: u16) -> StreamContext {
    StreamContext {
        transport: Transport::Tcp,
        role: Role::Client,
        client_port: Some(port),
        server_port: Some(9),
        process_name: format!("p{port}"),
        fd_name: String::new(),
    }
}

fn chunks(parts: &[&[u8]]) -> Vec<Chunk> {
    let mut off = 0;
    parts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let c = Chunk {
                direction: Direction::Outbound,
                ts_ns: i as u64,
                offset: off,
                data: d.to_vec(),
                missing_after: 0,
                datagram: false,
            };
            off += d.len() as u64;
            c
        })
        .collect()
}

fn with(name: &str) -> Registry {
    let (mut reg, errors) = Registry::builtin(host());
    assert!(errors.is_empty());
    reg.add(reg.host().load(&hostile(name), Origin::Builtin).unwrap());
    reg
}

#[test]
fn a_fault_in_a_batch_lands_on_its_stream_alone() {
    let reg = with("boom");
    let ctxs: Vec<StreamContext> = (0..40).map(ctx).collect();
    let streams: Vec<Vec<Chunk>> = (0..40)
        .map(|i| {
            if i == 17 {
                chunks(&[b"one", b"BOOM", b"three"])
            } else {
                chunks(&[b"one", b"two", b"three"])
            }
        })
        .collect();
    let items: Vec<(&StreamContext, &[Chunk])> = ctxs
        .iter()
        .zip(&streams)
        .map(|(c, s)| (c, s.as_slice()))
        .collect();
    let mut runner = reg.runner();
    let got = runner.run_many("hostile-boom", &items).unwrap();
    assert_eq!(got.len(), 40);
    for (i, (msgs, fault)) in got.iter().enumerate() {
        let summaries: Vec<&str> = msgs.iter().map(|m| m.summary.as_str()).collect();
        if i == 17 {
            assert_eq!(summaries, ["chunk 1"], "the message before the fault stays");
            assert!(matches!(fault, Some(Fault::Trap { .. })), "{fault:?}");
        } else {
            assert_eq!(summaries, ["chunk 1", "chunk 2", "chunk 3", "3 chunks"]);
            assert!(fault.is_none(), "stream {i}: {fault:?}");
        }
        // Each stream alone gives the same.
        let alone = runner.run("hostile-boom", items[i].0, items[i].1).unwrap();
        assert_eq!(&alone, &got[i], "stream {i}");
    }
}

#[test]
fn a_fault_in_a_batched_probe_lands_on_its_stream_alone() {
    let reg = with("boom");
    let ctxs: Vec<StreamContext> = (0..10).map(ctx).collect();
    let firsts: Vec<Chunk> = (0..10)
        .map(|i| {
            let data: &[u8] = match i {
                4 => b"BOOM",
                7 => b"boom!",
                _ => b"hello",
            };
            chunks(&[data]).remove(0)
        })
        .collect();
    let items: Vec<(&StreamContext, &Chunk)> = ctxs.iter().zip(&firsts).collect();
    let got = reg.probe_all("hostile-boom", &items).unwrap();
    for (i, r) in got.iter().enumerate() {
        match i {
            4 => assert!(matches!(r, Err(Fault::Trap { .. })), "{r:?}"),
            7 => assert_eq!(r, &Ok(100)),
            _ => assert_eq!(r, &Ok(0)),
        }
    }
    // HTTP's probe, batched, scores as it does alone.
    let http = chunks(&[b"GET / HTTP/1.1\r\n"]).remove(0);
    let mixed: Vec<(&StreamContext, &Chunk)> = vec![(&ctxs[0], &http), (&ctxs[1], &firsts[0])];
    let batched = reg.probe_all("http", &mixed).unwrap();
    assert_eq!(batched, vec![Ok(95), Ok(0)]);
    assert_eq!(reg.probe("http", &ctxs[0], &http), Some(Ok(95)));
}

/// Every stream of the k8s capture (HTTP, etcd, DNS…), batched across
/// threads, gets what it gets alone.
#[test]
fn batched_dissection_equals_one_stream_at_a_time() {
    let Some((snap, streams)) = open("bencer_k8s_capture.scap") else {
        return;
    };
    let reg = builtin();
    let all: Vec<&Stream> = streams.streams.iter().collect();
    let batched = reg.dissect(&snap, &all, &DissectOptions::default());
    let decoded = batched.iter().filter(|d| !d.messages.is_empty()).count();
    assert!(decoded > 20, "{decoded}");
    for (s, b) in all.iter().zip(&batched) {
        let one = reg.dissect_one(&snap, s, None);
        assert_eq!(b.plugin, one.plugin, "stream {}", s.id);
        assert_eq!(b.choice, one.choice, "stream {}", s.id);
        assert_eq!(b.messages, one.messages, "stream {}", s.id);
        assert_eq!(b.disabled, one.disabled, "stream {}", s.id);
    }
}

#[test]
fn a_plugin_of_the_frozen_api_keeps_working() {
    let reg = with("v010");
    let p = reg.get("test-v010-lines").unwrap();
    assert_eq!(p.api_version(), "0.1.0");
    let c = ctx(1);
    let lines = chunks(&[b"lines\nab", b"c\nd", b"ef\n"]);
    let (msgs, fault) = reg.runner().run("test-v010-lines", &c, &lines).unwrap();
    assert!(fault.is_none(), "{fault:?}");
    let got: Vec<(&str, u64, u64)> = msgs
        .iter()
        .map(|m| (m.summary.as_str(), m.offset, m.len))
        .collect();
    assert_eq!(got, [("lines", 0, 6), ("abc", 6, 4), ("def", 10, 4)]);
    assert_eq!(reg.probe("test-v010-lines", &c, &lines[0]), Some(Ok(100)));

    // On real streams, forced: one message per line, each the line's text.
    let Some((snap, streams)) = open("workshop_example2_502error.scap") else {
        return;
    };
    let http: Vec<&Stream> = streams
        .streams
        .iter()
        .filter(|s| s.info.server_port() == Some(80))
        .collect();
    assert!(http.len() >= 2);
    let opts = DissectOptions {
        force_all: Some("test-v010-lines".into()),
        ..DissectOptions::default()
    };
    let res = reg.dissect(&snap, &http, &opts);
    let mut lines_seen = 0;
    for (s, d) in http.iter().zip(&res) {
        assert!(d.disabled.is_empty(), "{:?}", d.disabled);
        let outbound: Vec<u8> = s
            .segments
            .iter()
            .filter(|g| Direction::from_core(g.direction) == Direction::Outbound)
            .flat_map(|g| scapscope_core::streams::segment_data(&snap, g).to_vec())
            .collect();
        let gaps = s
            .segments
            .iter()
            .any(|g| g.gap_bytes() > 0 && Direction::from_core(g.direction) == Direction::Outbound);
        if gaps {
            continue;
        }
        let want: Vec<String> = outbound
            .split(|&b| b == b'\n')
            .collect::<Vec<_>>()
            .split_last()
            .map(|(_, full)| {
                full.iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let got: Vec<String> = d
            .messages
            .iter()
            .filter(|m| m.direction == Direction::Outbound)
            .map(|m| m.summary.clone())
            .collect();
        assert_eq!(got, want, "stream {}", s.id);
        lines_seen += got.len();
    }
    assert!(lines_seen > 10, "{lines_seen}");
}

//! Dissection throughput through wasmtime next to the same dissector
//! crates compiled natively, on the HTTP and DNS streams of the shared
//! captures (synthetic streams when they are absent), plus plugin
//! instantiation and compilation.
//!
//! Run: `cargo bench -p scapscope-dissectors --bench dissect`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scapscope_core::store::{LoadOptions, load_blocking};
use scapscope_core::streams::reassemble;
use scapscope_dissectors::{
    BUILTIN, Chunk, Direction, DissectOptions, Host, HostConfig, Origin, Registry, Role,
    StreamContext, Transport, chunk_of,
};
use scapscope_plugin_sdk as sdk;

type Corpus = Vec<(StreamContext, Vec<Chunk>)>;

/// The streams the built-in registry gives to `plugin`, as chunks.
fn from_captures(reg: &Registry, plugin: &str) -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
    let mut out = Vec::new();
    for name in [
        "bencer_k8s_capture.scap",
        "workshop_example2_502error.scap",
        "workshop_example4_example4-1.scap",
        "libs_curl_google.scap",
    ] {
        let p = dir.join(name);
        if !p.exists() {
            continue;
        }
        let snap = load_blocking(&p, LoadOptions::default()).unwrap();
        let streams = reassemble(&snap, None);
        let all: Vec<_> = streams.streams.iter().collect();
        let res = reg.dissect(&snap, &all, &DissectOptions::default());
        for (s, d) in all.iter().zip(&res) {
            if d.plugin.as_deref() == Some(plugin) {
                let chunks = s.segments.iter().map(|g| chunk_of(&snap, s, g)).collect();
                out.push((StreamContext::of(&s.info), chunks));
            }
        }
    }
    out
}

fn synthetic(plugin: &str) -> Corpus {
    let ctx = StreamContext {
        transport: if plugin == "dns" {
            Transport::Udp
        } else {
            Transport::Tcp
        },
        role: Role::Client,
        client_port: Some(40000),
        server_port: Some(if plugin == "dns" { 53 } else { 80 }),
        process_name: "bench".into(),
        fd_name: String::new(),
    };
    let mut chunks = Vec::new();
    let mut off = [0u64; 2];
    for k in 0..2000u32 {
        let (req, resp): (Vec<u8>, Vec<u8>) = if plugin == "dns" {
            let mut q = vec![(k >> 8) as u8, k as u8, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
            q.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01");
            let mut a = q.clone();
            a[2] = 0x81;
            a[7] = 1;
            a.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, 184, 216, 34]);
            (q, a)
        } else {
            let body = "x".repeat(200 + (k as usize % 800));
            (
                format!("GET /item/{k} HTTP/1.1\r\nHost: example.com\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n").into_bytes(),
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes(),
            )
        };
        for (dir, data) in [(Direction::Outbound, req), (Direction::Inbound, resp)] {
            let i = usize::from(dir == Direction::Outbound);
            chunks.push(Chunk {
                direction: dir,
                ts_ns: u64::from(k),
                offset: off[i],
                missing_after: 0,
                datagram: plugin == "dns",
                data: data.clone(),
            });
            off[i] += data.len() as u64;
        }
    }
    vec![(ctx, chunks)]
}

fn to_sdk(c: &Chunk) -> sdk::Chunk {
    sdk::Chunk {
        direction: match c.direction {
            Direction::Inbound => sdk::Direction::Inbound,
            Direction::Outbound => sdk::Direction::Outbound,
        },
        ts_ns: c.ts_ns,
        offset: c.offset,
        data: c.data.clone(),
        missing_after: c.missing_after,
        datagram: c.datagram,
    }
}

fn ctx_to_sdk(c: &StreamContext) -> sdk::StreamContext {
    sdk::StreamContext {
        transport: match c.transport {
            Transport::Tcp => sdk::Transport::Tcp,
            Transport::Udp => sdk::Transport::Udp,
            Transport::OtherIp => sdk::Transport::OtherIp,
            Transport::Unix => sdk::Transport::Unix,
            Transport::Pipe => sdk::Transport::Pipe,
            Transport::File => sdk::Transport::File,
            Transport::Other => sdk::Transport::Other,
        },
        role: match c.role {
            Role::Client => sdk::Role::Client,
            Role::Server => sdk::Role::Server,
            Role::Unknown => sdk::Role::Unknown,
        },
        client_port: c.client_port,
        server_port: c.server_port,
        process_name: c.process_name.clone(),
        fd_name: c.fd_name.clone(),
    }
}

fn native<S: sdk::Session>(corpus: &Corpus) -> usize {
    let mut n = 0;
    for (ctx, chunks) in corpus {
        let mut s = S::new(ctx_to_sdk(ctx));
        for c in chunks {
            n += s.feed(to_sdk(c)).map_or(0, |m| m.len());
        }
        n += s.finish().len();
    }
    n
}

fn bench(c: &mut Criterion) {
    let host = Host::new(HostConfig::default()).unwrap();
    let (reg, errors) = Registry::builtin(host.clone());
    assert!(errors.is_empty());
    for plugin in ["http", "dns"] {
        let mut corpus = from_captures(&reg, plugin);
        let source = if corpus.is_empty() {
            corpus = synthetic(plugin);
            "synthetic"
        } else {
            "captures"
        };
        let bytes: usize = corpus
            .iter()
            .flat_map(|(_, c)| c.iter())
            .map(|c| c.data.len())
            .sum();
        let mut g = c.benchmark_group(format!("{plugin}-{source}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        let mut runner = reg.runner();
        let streams: Vec<(&StreamContext, &[Chunk])> =
            corpus.iter().map(|(c, k)| (c, k.as_slice())).collect();
        // Batched, as `Registry::dissect` runs plugins of API 0.2.0.
        g.bench_function("wasm", |b| {
            b.iter(|| {
                let out = runner.run_many(plugin, &streams).unwrap();
                out.iter()
                    .map(|(m, fault)| {
                        assert!(fault.is_none(), "{fault:?}");
                        m.len()
                    })
                    .sum::<usize>()
            })
        });
        // One call per stream.
        g.bench_function("wasm-per-stream", |b| {
            b.iter(|| {
                let mut n = 0;
                for (ctx, chunks) in &corpus {
                    let (m, fault) = runner.run(plugin, ctx, chunks).unwrap();
                    assert!(fault.is_none(), "{fault:?}");
                    n += m.len();
                }
                n
            })
        });
        let run_native = || match plugin {
            "http" => native::<scapscope_dissector_http::HttpSession>(&corpus),
            _ => native::<scapscope_dissector_dns::DnsSession>(&corpus),
        };
        g.bench_function("native", |b| b.iter(run_native));
        g.finish();
        // The ratio, robust to a busy machine: the fastest of many runs of
        // each, alternating, so both see the same load.
        let (mut wasm, mut native) = (Vec::new(), Vec::new());
        for _ in 0..300 {
            let t = std::time::Instant::now();
            std::hint::black_box(runner.run_many(plugin, &streams).unwrap());
            wasm.push(t.elapsed().as_secs_f64() * 1e6);
            let t = std::time::Instant::now();
            std::hint::black_box(run_native());
            native.push(t.elapsed().as_secs_f64() * 1e6);
        }
        wasm.sort_by(f64::total_cmp);
        native.sort_by(f64::total_cmp);
        eprintln!(
            "{plugin}: 300 alternating runs ({bytes} bytes, {} streams): \
             fastest wasm {:.1} µs / native {:.1} µs = {:.2}; \
             median {:.1} / {:.1} = {:.2}",
            corpus.len(),
            wasm[0],
            native[0],
            wasm[0] / native[0],
            wasm[150],
            native[150],
            wasm[150] / native[150],
        );
    }
    let ctx = synthetic("http").remove(0).0;
    let first = Chunk {
        direction: Direction::Outbound,
        ts_ns: 0,
        offset: 0,
        data: b"GET / HTTP/1.1\r\n".to_vec(),
        missing_after: 0,
        datagram: false,
    };
    c.bench_function("instantiate-and-probe", |b| {
        b.iter(|| reg.probe("http", &ctx, &first).unwrap().unwrap())
    });
    let http = BUILTIN.iter().find(|(n, _)| *n == "http").unwrap().1;
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("compile-uncached", |b| {
        b.iter(|| host.load(http, Origin::Builtin).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! A gRPC exchange over h2c, framed by hand around header blocks encoded
//! by another HPACK implementation (the Python `hpack` 4.2 encoder, one
//! encoder per direction, so the second call reuses the dynamic table).

use super::*;
use scapscope_plugin_sdk::Role;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or(0))
        .collect()
}

const REQ1: &str = "838644956272d141fc1eca245f15852a4b631b87eb1968a0ff418ba0e41d139d09b8d800d87f5f8b1d75d0620d263d4c4d65644082497f864d833505b11f7a8c9acac8b57e9339ea602bb80f";
const REQ3: &str = "8386c2c1c0bfbe";
const RESP: &str = "885f8b1d75d0620d263d4c4d6564";
const TRAIL: &str = "40889acac8b21234da8f810740899acac8b5254207317f80";
const RESP3: &str = "88c0";
const TRAIL3: &str = "7f00816f7f0087a8e95253db549f";

fn frame(ty: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let mut v = (payload.len() as u32).to_be_bytes()[1..].to_vec();
    v.push(ty);
    v.push(flags);
    v.extend_from_slice(&stream.to_be_bytes());
    v.extend_from_slice(payload);
    v
}

fn grpc(msg: &[u8]) -> Vec<u8> {
    let mut v = vec![0];
    v.extend_from_slice(&(msg.len() as u32).to_be_bytes());
    v.extend_from_slice(msg);
    v
}

fn ctx() -> StreamContext {
    StreamContext {
        transport: Transport::Tcp,
        role: Role::Client,
        client_port: Some(40000),
        server_port: Some(50051),
        process_name: "python".into(),
        fd_name: String::new(),
    }
}

fn run(chunks: &[(Direction, Vec<u8>, u64)]) -> Vec<Message> {
    let mut s = H2Session::new(ctx());
    let mut off = [0u64; 2];
    let mut out = Vec::new();
    for (k, (d, data, missing)) in chunks.iter().enumerate() {
        out.extend(
            s.feed(Chunk {
                direction: *d,
                ts_ns: k as u64,
                offset: off[d.index()],
                data: data.clone(),
                missing_after: *missing,
                datagram: false,
            })
            .unwrap(),
        );
        off[d.index()] += data.len() as u64 + missing;
    }
    out
}

const OUT: Direction = Direction::Outbound;
const IN: Direction = Direction::Inbound;

fn client_flight(stream: u32, block: &str) -> Vec<u8> {
    [
        frame(1, 0x4, stream, &hex(block)),
        frame(0, 0x1, stream, &grpc(b"\n\x05world")),
    ]
    .concat()
}

#[test]
fn grpc_calls_with_a_shared_dynamic_table() {
    let mut first = PREFACE.to_vec();
    first.extend(frame(
        4,
        0,
        0,
        &[0, 3, 0, 0, 0, 100, 0, 4, 0, 0, 0xff, 0xff],
    ));
    first.extend(client_flight(1, REQ1));
    let server = [
        frame(4, 0, 0, &[]),
        frame(4, 1, 0, &[]),
        frame(1, 0x4, 1, &hex(RESP)),
        frame(0, 0, 1, &grpc(b"\n\x0bHello world")),
        frame(1, 0x5, 1, &hex(TRAIL)),
    ]
    .concat();
    let server3 = [
        frame(1, 0x4, 3, &hex(RESP3)),
        frame(1, 0x5, 3, &hex(TRAIL3)),
    ]
    .concat();
    let m = run(&[
        (OUT, first[..30].to_vec(), 0),
        (OUT, first[30..].to_vec(), 0),
        (IN, server, 0),
        (OUT, client_flight(3, REQ3), 0),
        (IN, server3, 0),
    ]);
    let s: Vec<(&str, MessageKind, Option<&str>)> = m
        .iter()
        .map(|m| (m.summary.as_str(), m.kind, m.pair_key.as_deref()))
        .collect();
    assert_eq!(
        s,
        [
            ("connection preface", MessageKind::Other, None),
            (
                "SETTINGS MAX_CONCURRENT_STREAMS=100 INITIAL_WINDOW_SIZE=65535",
                MessageKind::Other,
                None
            ),
            (
                "gRPC call /helloworld.Greeter/SayHello (stream 1)",
                MessageKind::Request,
                Some("1")
            ),
            (
                "gRPC /helloworld.Greeter/SayHello 1 message(s) stream 1 END_STREAM",
                MessageKind::Other,
                None
            ),
            ("SETTINGS", MessageKind::Other, None),
            ("SETTINGS ACK", MessageKind::Other, None),
            (":status 200 (stream 1)", MessageKind::Response, Some("1")),
            (
                "gRPC /helloworld.Greeter/SayHello 1 message(s) stream 1",
                MessageKind::Other,
                None
            ),
            (
                "trailers grpc-status 0 (stream 1, END_STREAM)",
                MessageKind::Other,
                Some("1")
            ),
            (
                "gRPC call /helloworld.Greeter/SayHello (stream 3)",
                MessageKind::Request,
                Some("3")
            ),
            (
                "gRPC /helloworld.Greeter/SayHello 1 message(s) stream 3 END_STREAM",
                MessageKind::Other,
                None
            ),
            (":status 200 (stream 3)", MessageKind::Response, Some("3")),
            (
                "trailers grpc-status 5 not found (stream 3, END_STREAM)",
                MessageKind::Other,
                Some("3")
            ),
        ]
    );
    // The second call's headers came from the dynamic table.
    let call3 = &m[9];
    let ua = call3
        .fields
        .iter()
        .find(|f| f.name == "user-agent")
        .unwrap();
    assert_eq!(ua.value, "grpc-python/1.60");
    assert!(m.iter().all(|m| m.errors.is_empty()), "{m:?}");
    // Field ranges: the :path of call 1 is one byte-range inside its
    // HEADERS frame payload.
    let path = m[2].fields.iter().find(|f| f.name == ":path").unwrap();
    assert!(
        path.offset > m[2].offset + 9
            && path.offset + u64::from(path.len) <= m[2].offset + m[2].len
    );
}

#[test]
fn lost_header_blocks_are_reported() {
    let mut first = PREFACE.to_vec();
    first.extend(frame(4, 0, 0, &[]));
    let headers = frame(1, 0x4, 1, &hex(REQ1));
    let m = run(&[
        (OUT, first, 0),
        // The first HEADERS frame is cut: HPACK state is lost.
        (OUT, headers[..20].to_vec(), headers.len() as u64 - 20),
        (OUT, frame(1, 0x5, 3, &hex(REQ3)), 0),
    ]);
    assert!(m[2].summary.contains("(cut)"), "{:?}", m[2].summary);
    assert!(
        m[3].errors
            .iter()
            .any(|e| e.contains("may be wrong") || e.contains("not decodable")),
        "{:?}",
        m[3].errors
    );
}

#[test]
fn probe() {
    let c = |d: &[u8]| Chunk {
        direction: OUT,
        ts_ns: 0,
        offset: 0,
        data: d.to_vec(),
        missing_after: 0,
        datagram: false,
    };
    assert_eq!(Http2::probe(&ctx(), &c(PREFACE)), 100);
    assert_eq!(
        Http2::probe(&ctx(), &c(&frame(4, 0, 0, &[0, 3, 0, 0, 0, 100]))),
        70
    );
    assert_eq!(Http2::probe(&ctx(), &c(b"GET / HTTP/1.1\r\n")), 0);
}

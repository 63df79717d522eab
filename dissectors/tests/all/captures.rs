//! The built-in dissectors on real captures, through wasmtime.

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Direction as CoreDir, Stream, segment_data};
use scapscope_dissectors::{
    Choice, Direction, DissectOptions, Message, MessageKind, StreamDissection,
};

use crate::{builtin, open};

fn field<'a>(m: &'a Message, name: &str) -> Option<&'a str> {
    m.fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
}

/// The captured bytes a field's range covers (it must lie inside one
/// captured segment).
fn field_bytes<'a>(snap: &'a Snapshot, s: &Stream, m: &Message, name: &str) -> &'a [u8] {
    let f = m.fields.iter().find(|f| f.name == name).unwrap();
    let dir = match m.direction {
        Direction::Inbound => CoreDir::Inbound,
        Direction::Outbound => CoreDir::Outbound,
    };
    let (seg, at) = s.locate(dir, f.offset).unwrap();
    &segment_data(snap, &s.segments[seg])[at..at + f.len as usize]
}

fn dissect_all(
    name: &str,
) -> Option<(std::sync::Arc<Snapshot>, Vec<Stream>, Vec<StreamDissection>)> {
    let (snap, streams) = open(name)?;
    let all: Vec<&Stream> = streams.streams.iter().collect();
    let res = builtin().dissect(&snap, &all, &DissectOptions::default());
    Some((snap.clone(), streams.streams.clone(), res))
}

#[test]
fn curl_google_http_request_and_cut_response() {
    let Some((snap, streams, res)) = dissect_all("libs_curl_google.scap") else {
        return;
    };
    let (s, d) = streams
        .iter()
        .zip(&res)
        .find(|(s, _)| s.info.server_port() == Some(80))
        .unwrap();
    assert_eq!(d.plugin.as_deref(), Some("http"));
    assert!(matches!(d.choice, Choice::Port(95)));
    assert_eq!(d.messages.len(), 2);
    let req = &d.messages[0];
    assert_eq!(req.kind, MessageKind::Request);
    assert_eq!(req.direction, Direction::Outbound);
    assert_eq!(req.summary, "GET / HTTP/1.1");
    assert_eq!(field(req, "method"), Some("GET"));
    assert_eq!(field(req, "Host"), Some("www.google.com"));
    assert_eq!(field(req, "User-Agent"), Some("curl/7.47.0"));
    assert_eq!(req.len, 78, "the whole request");
    assert_eq!(field_bytes(&snap, s, req, "method"), b"GET");
    assert_eq!(field_bytes(&snap, s, req, "Host"), b"Host: www.google.com");
    let resp = &d.messages[1];
    assert_eq!(resp.kind, MessageKind::Response);
    assert_eq!(field(resp, "status"), Some("200"));
    assert_eq!(field(resp, "Date"), Some("Fri, 17 Aug 2018 17:35:48 GMT"));
    assert_eq!(field_bytes(&snap, s, resp, "status"), b"200");
    // 80 of 6040 bytes captured: the head is cut, and says so.
    assert!(
        resp.errors
            .iter()
            .any(|e| e.contains("headers cut") && e.contains("5960")),
        "{:?}",
        resp.errors
    );
    assert_eq!(resp.pair_key, req.pair_key);
    let pairs = d.pairs();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].latency_ns, resp.ts_ns - req.ts_ns);
    assert!(pairs[0].latency_ns > 0);
}

/// Every request and status line that starts a captured segment of an
/// HTTP stream is one decoded message, and the other way round: counted
/// independently of the dissector by looking at the raw bytes.
#[test]
fn k8s_http_messages_match_start_lines_in_the_raw_bytes() {
    let Some((snap, streams, res)) = dissect_all("bencer_k8s_capture.scap") else {
        return;
    };
    let mut checked = 0;
    for (s, d) in streams.iter().zip(&res) {
        if d.plugin.as_deref() != Some("http") {
            continue;
        }
        assert!(d.disabled.is_empty(), "{:?}", d.disabled);
        let starts = |kind: MessageKind| {
            s.segments
                .iter()
                .filter(|g| {
                    let b = segment_data(&snap, g);
                    match kind {
                        MessageKind::Response => b.starts_with(b"HTTP/1."),
                        _ => ["GET ", "PUT ", "POST ", "DELETE ", "PATCH ", "HEAD "]
                            .iter()
                            .any(|m| b.starts_with(m.as_bytes())),
                    }
                })
                .count()
        };
        let count = |kind: MessageKind| {
            d.messages
                .iter()
                .filter(|m| {
                    m.kind == kind
                        || (kind == MessageKind::Response && m.kind == MessageKind::Other)
                })
                .count()
        };
        assert_eq!(
            count(MessageKind::Request),
            starts(MessageKind::Request),
            "stream {}",
            s.id
        );
        assert_eq!(
            count(MessageKind::Response),
            starts(MessageKind::Response),
            "stream {}",
            s.id
        );
        for m in &d.messages {
            if m.kind == MessageKind::Request {
                assert!(field(m, "uri").is_some_and(|u| u.starts_with('/')), "{m:?}");
            }
        }
        checked += d.messages.len();
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn k8s_etcd_chunked_responses() {
    let Some((_snap, streams, res)) = dissect_all("bencer_k8s_capture.scap") else {
        return;
    };
    let (_, d) = streams
        .iter()
        .zip(&res)
        .find(|(s, _)| s.info.comm == "etcd" && s.info.server_port() == Some(4001))
        .unwrap();
    assert_eq!(
        d.plugin.as_deref(),
        Some("http"),
        "found by probing, no port hint"
    );
    assert!(matches!(d.choice, Choice::Probe(95)));
    let req = &d.messages[0];
    assert_eq!(
        field(req, "uri"),
        Some("/v2/keys/registry/minions?quorum=false&recursive=true&sorted=true")
    );
    let resp = &d.messages[1];
    assert!(
        resp.summary.starts_with("HTTP/1.1 200 OK"),
        "{}",
        resp.summary
    );
    assert_eq!(field(resp, "Transfer-Encoding"), Some("chunked"));
    let body = resp.fields.iter().find(|f| f.name == "body").unwrap();
    let chunks: Vec<&str> = resp
        .fields
        .iter()
        .filter(|f| f.name == "chunk")
        .map(|f| f.value.as_str())
        .collect();
    assert!(chunks.len() >= 2, "{chunks:?}");
    assert!(body.value.ends_with("chunked"), "{}", body.value);
    let data = resp.fields.iter().find(|f| f.name == "data").unwrap();
    assert!(data.value.contains("\"action\""), "{}", data.value);
    assert!(d.pairs().len() >= 4);
}

#[test]
fn nginx_and_httpd_workshop_requests() {
    for (name, uri) in [
        ("workshop_example0_nginx.scap", "/"),
        ("workshop_example5_httpd.scap", "/foobar.bin"),
    ] {
        let Some((_snap, _streams, res)) = dissect_all(name) else {
            continue;
        };
        let d = res
            .iter()
            .find(|d| d.plugin.as_deref() == Some("http"))
            .unwrap();
        let req = d
            .messages
            .iter()
            .find(|m| m.kind == MessageKind::Request)
            .unwrap();
        assert_eq!(field(req, "uri"), Some(uri), "{name}");
        assert_eq!(
            req.direction,
            Direction::Inbound,
            "{name}: servers read requests"
        );
        let resp = d
            .messages
            .iter()
            .find(|m| m.kind == MessageKind::Response)
            .unwrap();
        assert_eq!(field(resp, "status"), Some("200"), "{name}");
        assert_eq!(d.pairs().len(), 1, "{name}");
    }
}

#[test]
fn forcing_a_dissector_and_parallel_runs_agree() {
    let Some((snap, streams)) = open("workshop_example2_502error.scap") else {
        return;
    };
    let reg = builtin();
    let all: Vec<&Stream> = streams.streams.iter().collect();
    let one = reg.dissect(
        &snap,
        &all,
        &DissectOptions {
            threads: 1,
            ..DissectOptions::default()
        },
    );
    let four = reg.dissect(
        &snap,
        &all,
        &DissectOptions {
            threads: 4,
            ..DissectOptions::default()
        },
    );
    assert_eq!(one.len(), four.len());
    for (a, b) in one.iter().zip(&four) {
        assert_eq!(a.stream, b.stream);
        assert_eq!(a.messages, b.messages);
    }
    // A syslog stream (UDP 514) is claimed by nobody; forced to HTTP it
    // yields nothing (its bytes are not HTTP) but no fault either.
    let syslog = streams
        .streams
        .iter()
        .find(|s| s.info.server_port() == Some(514))
        .unwrap();
    let auto = &one[syslog.id];
    assert_eq!(auto.choice, Choice::Unclaimed);
    let forced = reg.dissect_one(&snap, syslog, Some("http"));
    assert_eq!(forced.choice, Choice::Forced);
    assert!(forced.messages.is_empty());
    assert!(forced.disabled.is_empty());
}

/// The DNS answers of a capture, `(process, name, type, answer)`.
fn dns_answers(
    streams: &[Stream],
    res: &[StreamDissection],
) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for (s, d) in streams.iter().zip(res) {
        if d.plugin.as_deref() != Some("dns") {
            continue;
        }
        for m in d
            .messages
            .iter()
            .filter(|m| m.kind == MessageKind::Response)
        {
            let q = m.fields.iter().find(|f| f.name == "question").unwrap();
            let mut parts = q.value.split(' ');
            let (name, ty) = (parts.next().unwrap(), parts.next().unwrap());
            for f in m.fields.iter().filter(|f| f.name == "rr") {
                let data = f.value.split(' ').nth(3).unwrap_or("");
                out.push((
                    s.info.comm.clone(),
                    name.to_string(),
                    ty.to_string(),
                    data.to_string(),
                ));
            }
        }
    }
    out
}

/// The address a DNS answer gives is the one the process then connects
/// to: checked against the connection's tuple from the capture's state.
#[test]
fn dns_answers_match_the_connections_that_follow() {
    for (capture, process, name, port) in [
        ("libs_curl_google.scap", "curl", "www.google.com", 80),
        (
            "workshop_example4_example4-1.scap",
            "apache2",
            "mysql",
            3306,
        ),
        (
            "bencer_k8s_capture.scap",
            "curl",
            "backend.critical-app.svc.cluster.local",
            80,
        ),
    ] {
        let Some((_snap, streams, res)) = dissect_all(capture) else {
            continue;
        };
        let answers = dns_answers(&streams, &res);
        let server = streams
            .iter()
            .find(|s| {
                s.info.comm == process
                    && s.info.server_port() == Some(port)
                    && s.info.transport == scapscope_core::streams::Transport::Tcp
            })
            .and_then(|s| s.info.server)
            .unwrap();
        assert!(
            answers
                .iter()
                .any(|(_, n, _, a)| n == name && *a == server.ip().to_string()),
            "{capture}: no answer {name} -> {server} in {answers:?}"
        );
    }
}

#[test]
fn curl_google_dns_query_and_answer_pair() {
    let Some((_snap, streams, res)) = dissect_all("libs_curl_google.scap") else {
        return;
    };
    let (s, d) = streams
        .iter()
        .zip(&res)
        .find(|(s, _)| s.info.server_port() == Some(53))
        .unwrap();
    assert!(s.datagrams);
    assert_eq!(d.plugin.as_deref(), Some("dns"));
    assert!(matches!(d.choice, Choice::Port(95)));
    let s: Vec<&str> = d.messages.iter().map(|m| m.summary.as_str()).collect();
    assert_eq!(
        s,
        [
            "query AAAA www.google.com",
            "response AAAA www.google.com NOERROR: 2607:f8b0:4004:802::2004"
        ]
    );
    assert_eq!(field(&d.messages[1], "ttl"), Some("299"));
    assert_eq!(field(&d.messages[1], "id"), field(&d.messages[0], "id"));
    assert_eq!(d.pairs().len(), 1);
    assert!(d.messages.iter().all(|m| m.errors.is_empty()));
}

#[test]
fn k8s_dns_search_path_nxdomains() {
    let Some((_snap, streams, res)) = dissect_all("bencer_k8s_capture.scap") else {
        return;
    };
    let rcodes: Vec<String> = streams
        .iter()
        .zip(&res)
        .filter(|(s, d)| s.info.comm == "skydns" && d.plugin.as_deref() == Some("dns"))
        .flat_map(|(_, d)| d.messages.iter())
        .filter(|m| m.kind == MessageKind::Response)
        .filter_map(|m| field(m, "rcode").map(str::to_string))
        .collect();
    assert!(rcodes.iter().any(|r| r == "NXDOMAIN"), "{rcodes:?}");
    assert!(rcodes.iter().any(|r| r == "NOERROR"), "{rcodes:?}");
    assert!(rcodes.iter().any(|r| r == "SERVFAIL"), "{rcodes:?}");
}

#[test]
fn runner_decodes_prepared_chunks_and_reuses_its_instance() {
    let reg = builtin();
    let mut runner = reg.runner();
    let ctx = scapscope_dissectors::StreamContext {
        transport: scapscope_dissectors::Transport::Tcp,
        role: scapscope_dissectors::Role::Server,
        client_port: Some(50000),
        server_port: Some(8080),
        process_name: "srv".into(),
        fd_name: String::new(),
    };
    let chunk = |dir, offset, data: &[u8]| scapscope_dissectors::Chunk {
        direction: dir,
        ts_ns: offset,
        offset,
        data: data.to_vec(),
        missing_after: 0,
        datagram: false,
    };
    let chunks = [
        chunk(Direction::Inbound, 0, b"GET /x HTTP/1.1\r\n\r\n"),
        chunk(
            Direction::Outbound,
            0,
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        ),
    ];
    for _ in 0..3 {
        let (m, fault) = runner.run("http", &ctx, &chunks).unwrap();
        assert!(fault.is_none());
        assert_eq!(m.len(), 2);
        assert_eq!(field(&m[0], "uri"), Some("/x"));
    }
    assert!(runner.run("no-such", &ctx, &chunks).is_none());
}

/// The workshop's web app fails to log in to MySQL (database `userss`
/// does not exist): seen from both ends of the connection, the client
/// (apache2, snaplen-cut) and the server (mysqld).
#[test]
fn workshop_mysql_login_fails_on_an_unknown_database() {
    let Some((_snap, streams, res)) = dissect_all("workshop_example4_example4-1.scap") else {
        return;
    };
    let mut ends = 0;
    for (s, d) in streams.iter().zip(&res) {
        if s.info.server_port() != Some(3306) {
            continue;
        }
        ends += 1;
        assert_eq!(d.plugin.as_deref(), Some("mysql"), "{}", s.info.comm);
        assert!(d.disabled.is_empty(), "{:?}", d.disabled);
        let summaries: Vec<&str> = d.messages.iter().map(|m| m.summary.as_str()).collect();
        assert!(
            summaries[0].starts_with("server greeting: MySQL 5.7.20"),
            "{}: {summaries:?}",
            s.info.comm
        );
        assert_eq!(
            summaries[1], "login root database userss",
            "{}",
            s.info.comm
        );
        assert_eq!(
            summaries[2], "ERR 1049 (42000) Unknown database 'userss'",
            "{}",
            s.info.comm
        );
        assert_eq!(field(&d.messages[1], "user"), Some("root"));
        let pairs = d.pairs();
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            d.messages[pairs[0].request].pair_key.as_deref(),
            Some("login")
        );
    }
    assert_eq!(ends, 2, "client and server ends");
}

#[test]
fn protocol_views_rows() {
    let Some((_snap, streams, res)) = dissect_all("libs_curl_google.scap") else {
        return;
    };
    let refs: Vec<&Stream> = streams.iter().collect();
    let rows = scapscope_dissectors::views::rows(&refs, &res);
    assert_eq!(rows.http.len(), 1);
    let h = &rows.http[0];
    assert_eq!(
        (h.method.as_str(), h.host.as_str(), h.url.as_str(), h.status),
        ("GET", "www.google.com", "/", Some(200))
    );
    assert_eq!(h.origin.process, "curl");
    assert!(h.latency_ns.unwrap() > 0);
    // The response's head was cut in its first read, so its end is
    // unknown: it counts the bytes of that read.
    assert_eq!(h.bytes, 78 + 6040);
    assert_eq!(rows.dns.len(), 1);
    let d = &rows.dns[0];
    assert_eq!(
        (d.name.as_str(), d.qtype.as_str(), d.rcode.as_deref()),
        ("www.google.com", "AAAA", Some("NOERROR"))
    );
    assert_eq!(d.answers, ["2607:f8b0:4004:802::2004"]);

    let Some((_snap, streams, res)) = dissect_all("workshop_example4_example4-1.scap") else {
        return;
    };
    let refs: Vec<&Stream> = streams.iter().collect();
    let rows = scapscope_dissectors::views::rows(&refs, &res);
    let login = rows
        .sql
        .iter()
        .find(|r| r.origin.process == "apache2")
        .unwrap();
    assert_eq!(login.text, "login root database userss");
    assert!(login.error);
    assert_eq!(
        login.result.as_deref(),
        Some("ERR 1049 (42000) Unknown database 'userss'")
    );
    assert!(
        rows.http
            .iter()
            .any(|r| r.url == "/index.php" && r.status == Some(200))
    );
}

/// What a payload pane shows for one event: the messages in its payload
/// and each field's bytes there.
#[test]
fn fields_map_onto_an_events_payload() {
    let Some((snap, streams, res)) = dissect_all("libs_curl_google.scap") else {
        return;
    };
    let (s, d) = streams
        .iter()
        .zip(&res)
        .find(|(s, _)| s.info.server_port() == Some(80))
        .unwrap();
    // The request's write, and the first read of the response.
    for (seg, expect) in [
        (0usize, ("method", &b"GET"[..])),
        (1, ("status", &b"200"[..])),
    ] {
        let payload = segment_data(&snap, &s.segments[seg]);
        let views = d.in_segment(s, seg);
        assert_eq!(views.len(), 1, "segment {seg}");
        let m = &d.messages[views[0].message];
        let k = m.fields.iter().position(|f| f.name == expect.0).unwrap();
        let r = views[0].field_ranges[k].clone().unwrap();
        assert_eq!(&payload[r], expect.1);
        // Fields past the snaplen map nowhere in this payload.
        assert!(
            views[0]
                .field_ranges
                .iter()
                .all(|r| r.as_ref().is_none_or(|r| r.end <= payload.len()))
        );
    }
    // The later reads hold no message start: nothing decoded there.
    assert!(d.in_segment(s, 2).is_empty());
    assert!(d.in_segment(s, 99).is_empty());
}

#[test]
fn ports_only_skips_probing() {
    let Some((snap, streams)) = open("bencer_k8s_capture.scap") else {
        return;
    };
    let etcd: Vec<&Stream> = streams
        .streams
        .iter()
        .filter(|s| s.info.server_port() == Some(4001) || s.info.server_port() == Some(8080))
        .collect();
    let reg = builtin();
    let opts = DissectOptions {
        ports_only: true,
        ..DissectOptions::default()
    };
    let res = reg.dissect(&snap, &etcd, &opts);
    let full = reg.dissect(&snap, &etcd, &DissectOptions::default());
    let mut probed = 0;
    for ((s, d), f) in etcd.iter().zip(&res).zip(&full) {
        match f.choice {
            // Hinted streams are chosen the same way.
            Choice::Port(_) | Choice::NoData => assert_eq!(d.choice, f.choice),
            // Streams found by probing are left alone.
            _ => {
                assert_eq!(d.choice, Choice::Unclaimed, "stream {}", s.id);
                probed += usize::from(matches!(f.choice, Choice::Probe(_)));
            }
        }
    }
    assert!(
        probed > 0,
        "the etcd streams (port 4001) are found by probing"
    );
}

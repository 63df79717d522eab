//! The dissector on real OpenSSL handshakes (`tests/data`, see its
//! README) and on cut and hostile input.

use super::*;
use scapscope_plugin_sdk::Role;

/// The recorded chunks of a fixture, as the client saw them.
fn fixture(name: &str) -> Vec<Chunk> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let b = std::fs::read(path).expect("fixture");
    let mut c = Cursor::new(&b, 0);
    let mut off = [0u64; 2];
    let mut out = Vec::new();
    while let (Some(d), Some(n)) = (c.u8(), c.u32_le()) {
        let data = c.bytes(n as usize).expect("fixture chunk").to_vec();
        let direction = if d == 1 {
            Direction::Outbound
        } else {
            Direction::Inbound
        };
        out.push(Chunk {
            direction,
            ts_ns: out.len() as u64,
            offset: off[direction.index()],
            data: data.clone(),
            missing_after: 0,
            datagram: false,
        });
        off[direction.index()] += data.len() as u64;
    }
    out
}

fn ctx() -> StreamContext {
    StreamContext {
        transport: Transport::Tcp,
        role: Role::Client,
        client_port: Some(40000),
        server_port: Some(443),
        process_name: "openssl".into(),
        fd_name: String::new(),
    }
}

fn run(chunks: &[Chunk]) -> Vec<Message> {
    let mut s = TlsSession::new(ctx());
    let mut out = Vec::new();
    for c in chunks {
        out.extend(s.feed(c.clone()).expect("feed"));
    }
    out.extend(s.finish());
    out
}

fn field<'a>(m: &'a Message, name: &str) -> Option<&'a str> {
    m.fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
}

#[test]
fn tls12_handshake_with_certificate() {
    let chunks = fixture("tls12.bin");
    assert_eq!(Tls::probe(&ctx(), &chunks[0]), 95);
    let m = run(&chunks);
    let s: Vec<&str> = m.iter().map(|m| m.summary.as_str()).collect();
    assert!(
        s[0].starts_with("ClientHello TLS 1.3 SNI=scapscope.test ALPN=h2,http/1.1"),
        "{s:?}"
    );
    assert!(
        s[1].starts_with("ServerHello TLS 1.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
        "{s:?}"
    );
    assert!(s[1].ends_with("ALPN=h2"), "{s:?}");
    assert_eq!(s[2], "Certificate scapscope.test");
    assert!(s.contains(&"ServerKeyExchange"));
    assert!(s.contains(&"ServerHelloDone"));
    assert!(s.contains(&"ClientKeyExchange"));
    assert_eq!(s.iter().filter(|x| **x == "ChangeCipherSpec").count(), 2);
    assert!(
        s.iter().any(|x| x.starts_with("encrypted Handshake")),
        "Finished: {s:?}"
    );
    assert!(s.iter().any(|x| x.starts_with("ApplicationData")), "{s:?}");
    let cert = &m[2];
    assert_eq!(
        field(cert, "subject"),
        Some("CN=scapscope.test, O=scapscope")
    );
    assert_eq!(
        field(cert, "issuer"),
        Some("CN=scapscope.test, O=scapscope")
    );
    assert_eq!(
        field(cert, "subject-alt-names"),
        Some("scapscope.test, www.scapscope.test")
    );
    assert_eq!(m[0].pair_key, m[1].pair_key);
    assert_eq!(m[0].kind, MessageKind::Request);
    assert_eq!(m[1].kind, MessageKind::Response);
    // Field ranges point at the bytes they describe: the SNI extension
    // holds the name.
    let sni = m[0]
        .fields
        .iter()
        .find(|f| f.name == "server_name")
        .unwrap();
    let at = sni.offset as usize;
    let bytes = &chunks[0].data[at..at + sni.len as usize];
    assert!(bytes.ends_with(b"scapscope.test"));
    assert!(m.iter().all(|m| m.errors.is_empty()), "{m:?}");
}

#[test]
fn tls13_handshake_hides_what_is_encrypted() {
    let chunks = fixture("tls13.bin");
    let m = run(&chunks);
    let s: Vec<&str> = m.iter().map(|m| m.summary.as_str()).collect();
    assert!(
        s[0].starts_with("ClientHello TLS 1.3 SNI=scapscope.test"),
        "{s:?}"
    );
    assert!(
        s[1].starts_with("ServerHello TLS 1.3 TLS_AES_256_GCM_SHA384"),
        "{s:?}"
    );
    let sh = &m[1];
    assert_eq!(field(sh, "supported_versions"), Some("TLS 1.3"));
    assert!(field(sh, "key_share").is_some());
    assert!(!s.iter().any(|x| x.starts_with("Certificate")), "{s:?}");
    assert!(
        s.iter()
            .filter(|x| x.starts_with("ApplicationData"))
            .count()
            >= 3,
        "{s:?}"
    );
}

#[test]
fn a_gap_inside_a_record_is_skipped_exactly() {
    let chunks = fixture("tls12.bin");
    // Keep only the first 60 bytes of the server's first flight.
    let mut cut = chunks.clone();
    let full = cut[1].data.len() as u64;
    cut[1].data.truncate(60);
    cut[1].missing_after = full - 60;
    let m = run(&cut);
    let s: Vec<&str> = m.iter().map(|m| m.summary.as_str()).collect();
    assert!(s[0].starts_with("ClientHello"));
    assert!(
        m.iter()
            .any(|m| m.errors.iter().any(|e| e.contains("not captured"))),
        "{s:?}"
    );
    // The records after the gap are decoded in step.
    assert!(s.contains(&"ClientKeyExchange"), "{s:?}");
    assert!(s.iter().any(|x| x.starts_with("ApplicationData")), "{s:?}");
}

#[test]
fn not_tls_and_garbage() {
    let c = |d: &[u8]| Chunk {
        direction: Direction::Outbound,
        ts_ns: 0,
        offset: 0,
        data: d.to_vec(),
        missing_after: 0,
        datagram: false,
    };
    assert_eq!(Tls::probe(&ctx(), &c(b"GET / HTTP/1.1\r\n")), 0);
    assert_eq!(Tls::probe(&ctx(), &c(b"SSH-2.0-OpenSSH_7.4\r\n")), 0);
    let m = run(&[c(b"SSH-2.0-OpenSSH_7.4\r\n")]);
    assert_eq!(m.len(), 1);
    assert!(!m[0].errors.is_empty());
    // Mutated handshakes never panic.
    let chunks = fixture("tls12.bin");
    let mut seed = 99u64;
    for _ in 0..300 {
        let mut v = chunks.clone();
        for _ in 0..8 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (seed >> 33) as usize % v.len();
            if v[k].data.is_empty() {
                continue;
            }
            let i = (seed >> 13) as usize % v[k].data.len();
            v[k].data[i] ^= (seed >> 56) as u8 | 1;
        }
        let _ = run(&v);
    }
}

#[test]
fn x509_summary_of_garbage_is_empty() {
    assert_eq!(x509::summary(b""), x509::CertSummary::default());
    assert_eq!(
        x509::summary(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
        x509::CertSummary::default()
    );
}

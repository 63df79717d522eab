//! Packets built by hand after the protocol documentation; the real
//! capture (a failed login) is tested through the host.

use super::*;
use scapscope_plugin_sdk::Role;

fn packet(seq: u8, payload: &[u8]) -> Vec<u8> {
    let mut v = (payload.len() as u32).to_le_bytes()[..3].to_vec();
    v.push(seq);
    v.extend_from_slice(payload);
    v
}

fn lenenc_s(s: &str) -> Vec<u8> {
    let mut v = vec![s.len() as u8];
    v.extend_from_slice(s.as_bytes());
    v
}

fn column(name: &str) -> Vec<u8> {
    let mut v = Vec::new();
    for part in ["def", "db", "t", "t", name, name] {
        v.extend(lenenc_s(part));
    }
    v.extend_from_slice(&[0x0c, 0x21, 0, 0, 0, 0, 0xfd, 0, 0, 0, 0, 0]);
    v
}

fn greeting() -> Vec<u8> {
    let mut g = vec![10];
    g.extend_from_slice(b"8.0.36\0");
    g.extend_from_slice(&7u32.to_le_bytes());
    g.extend_from_slice(b"abcdefgh\0");
    g.extend_from_slice(&0xffffu16.to_le_bytes());
    g.push(0x21);
    g.extend_from_slice(&2u16.to_le_bytes());
    g.extend_from_slice(&0x01ff_u16.to_le_bytes()); // no DEPRECATE_EOF
    g.push(21);
    g.extend_from_slice(&[0; 10]);
    g.extend_from_slice(b"ijklmnopqrst\0");
    g.extend_from_slice(b"caching_sha2_password\0");
    packet(0, &g)
}

fn login() -> Vec<u8> {
    let caps: u32 = PROTOCOL_41 | SECURE_CONNECTION | CONNECT_WITH_DB | 0x0008_0000;
    let mut l = caps.to_le_bytes().to_vec();
    l.extend_from_slice(&(1u32 << 24).to_le_bytes());
    l.push(0x21);
    l.extend_from_slice(&[0; 23]);
    l.extend_from_slice(b"app\0");
    l.push(20);
    l.extend_from_slice(&[7; 20]);
    l.extend_from_slice(b"shop\0");
    l.extend_from_slice(b"caching_sha2_password\0");
    packet(1, &l)
}

fn ctx() -> StreamContext {
    StreamContext {
        transport: Transport::Tcp,
        role: Role::Client,
        client_port: Some(50000),
        server_port: Some(3306),
        process_name: "php".into(),
        fd_name: String::new(),
    }
}

fn run(chunks: &[(Direction, Vec<u8>, u64)]) -> Vec<Message> {
    let mut s = MysqlSession::new(ctx());
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
    out.extend(s.finish());
    out
}

const OUT: Direction = Direction::Outbound;
const IN: Direction = Direction::Inbound;

#[test]
fn login_query_result_set() {
    let mut rs = packet(1, &[2]);
    rs.extend(packet(2, &column("id")));
    rs.extend(packet(3, &column("name")));
    rs.extend(packet(4, &[0xfe, 0, 0, 2, 0]));
    for (k, row) in ["1", "2", "3"].iter().enumerate() {
        let mut r = lenenc_s(row);
        r.extend(lenenc_s("x"));
        rs.extend(packet(5 + k as u8, &r));
    }
    rs.extend(packet(8, &[0xfe, 0, 0, 2, 0]));
    let mut query = vec![3];
    query.extend_from_slice(b"SELECT id, name FROM users");
    let m = run(&[
        (IN, greeting(), 0),
        (OUT, login(), 0),
        (IN, packet(2, &[0, 0, 0, 2, 0, 0, 0]), 0),
        (OUT, packet(0, &query), 0),
        (IN, rs[..30].to_vec(), 0),
        (IN, rs[30..].to_vec(), 0),
    ]);
    let s: Vec<(&str, Option<&str>)> = m
        .iter()
        .map(|m| (m.summary.as_str(), m.pair_key.as_deref()))
        .collect();
    assert_eq!(
        s,
        [
            ("server greeting: MySQL 8.0.36, connection 7", None),
            ("login app database shop", Some("login")),
            ("login OK", Some("login")),
            ("COM_QUERY SELECT id, name FROM users", Some("1")),
            ("result set: 2 columns (id, name), 3 rows", Some("1")),
        ]
    );
    let rs_msg = &m[4];
    assert_eq!(rs_msg.len, rs.len() as u64, "the whole result set");
    assert!(m.iter().all(|m| m.errors.is_empty()), "{m:?}");
}

#[test]
fn errors_prepares_and_gaps() {
    let mut err = vec![0xff];
    err.extend_from_slice(&1146u16.to_le_bytes());
    err.extend_from_slice(b"#42S02Table 'shop.nope' doesn't exist");
    let mut prep = vec![0x16];
    prep.extend_from_slice(b"SELECT ? FROM t");
    let mut prep_ok = vec![0, 9, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0];
    prep_ok.truncate(12);
    let mut reply = packet(1, &prep_ok);
    reply.extend(packet(2, &column("?")));
    reply.extend(packet(3, &[0xfe, 0, 0, 2, 0]));
    reply.extend(packet(4, &column("c")));
    reply.extend(packet(5, &[0xfe, 0, 0, 2, 0]));
    let mut long = vec![3];
    long.extend_from_slice(&[b'x'; 300]);
    let m = run(&[
        (IN, greeting(), 0),
        (OUT, login(), 0),
        (IN, packet(2, &[0, 0, 0, 2, 0, 0, 0]), 0),
        (OUT, packet(0, b"\x03SELECT * FROM nope"), 0),
        (IN, packet(1, &err), 0),
        (OUT, packet(0, &prep), 0),
        (IN, reply, 0),
        // A 305-byte packet of which the capture kept 80 bytes.
        (OUT, packet(0, &long)[..80].to_vec(), 225),
        (OUT, packet(0, b"\x0e"), 0),
    ]);
    let s: Vec<&str> = m.iter().map(|m| m.summary.as_str()).collect();
    assert_eq!(s[4], "ERR 1146 (42S02) Table 'shop.nope' doesn't exist");
    assert_eq!(s[5], "COM_STMT_PREPARE SELECT ? FROM t");
    assert_eq!(s[6], "prepared statement 9: 1 params, 1 columns");
    assert!(s[7].starts_with("COM_QUERY xxx"), "{s:?}");
    assert!(m[7].errors[0].contains("225 of 305"), "{:?}", m[7].errors);
    assert_eq!(s[8], "COM_PING", "in step after the gap");
}

#[test]
fn probe() {
    let c = |d: Vec<u8>| Chunk {
        direction: IN,
        ts_ns: 0,
        offset: 0,
        data: d,
        missing_after: 0,
        datagram: false,
    };
    assert_eq!(Mysql::probe(&ctx(), &c(greeting())), 95);
    assert_eq!(
        Mysql::probe(&ctx(), &c(b"GET / HTTP/1.1\r\n\r\n".to_vec())),
        0
    );
}

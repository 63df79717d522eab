//! Wire messages built after the protocol documentation.

use super::*;
use scapscope_plugin_sdk::Role;

fn msg(ty: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![ty];
    v.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn startup() -> Vec<u8> {
    let mut b = PROTOCOL_3.to_be_bytes().to_vec();
    b.extend_from_slice(b"user\0app\0database\0shop\0\0");
    let mut v = (b.len() as u32 + 4).to_be_bytes().to_vec();
    v.extend(b);
    v
}

fn ready() -> Vec<u8> {
    msg(b'Z', b"I")
}

fn row_description(cols: &[&str]) -> Vec<u8> {
    let mut b = (cols.len() as u16).to_be_bytes().to_vec();
    for c in cols {
        b.extend_from_slice(c.as_bytes());
        b.push(0);
        b.extend_from_slice(&[0; 18]);
    }
    msg(b'T', &b)
}

fn ctx() -> StreamContext {
    StreamContext {
        transport: Transport::Tcp,
        role: Role::Client,
        client_port: Some(50000),
        server_port: Some(5432),
        process_name: "psql".into(),
        fd_name: String::new(),
    }
}

fn run(chunks: &[(Direction, Vec<u8>, u64)]) -> Vec<Message> {
    let mut s = PgSession::new(ctx());
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
fn startup_query_rows_and_errors() {
    let mut auth = msg(b'R', &0u32.to_be_bytes());
    auth.extend(msg(b'S', b"server_version\x0016.2\0"));
    auth.extend(msg(b'K', &[0, 0, 0, 42, 1, 2, 3, 4]));
    auth.extend(ready());
    let mut rows = row_description(&["id", "name"]);
    rows.extend(msg(b'D', b"\0\x02\0\0\0\x011\0\0\0\x01a"));
    rows.extend(msg(b'D', b"\0\x02\0\0\0\x012\0\0\0\x01b"));
    rows.extend(msg(b'C', b"SELECT 2\0"));
    rows.extend(ready());
    let mut err = msg(
        b'E',
        b"SERROR\0VERROR\0C42P01\0Mrelation \"nope\" does not exist\0\0",
    );
    err.extend(ready());
    let mut ext = msg(b'P', b"\0SELECT $1\0\0\0");
    ext.extend(msg(b'B', b"\0\0\0\0\0\0\0\0"));
    ext.extend(msg(b'E', b"\0\0\0\0\0"));
    ext.extend(msg(b'S', b""));
    let mut ext_reply = msg(b'1', b"");
    ext_reply.extend(msg(b'2', b""));
    ext_reply.extend(msg(b'D', b"\0\x01\0\0\0\x011"));
    ext_reply.extend(msg(b'C', b"SELECT 1\0"));
    ext_reply.extend(ready());
    let m = run(&[
        (OUT, startup(), 0),
        (IN, auth, 0),
        (OUT, msg(b'Q', b"SELECT id, name FROM users\0"), 0),
        (IN, rows[..20].to_vec(), 0),
        (IN, rows[20..].to_vec(), 0),
        (OUT, msg(b'Q', b"SELECT * FROM nope\0"), 0),
        (IN, err, 0),
        (OUT, ext, 0),
        (IN, ext_reply, 0),
    ]);
    let s: Vec<(&str, &str)> = m
        .iter()
        .map(|m| (m.summary.as_str(), m.pair_key.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        s,
        [
            ("startup user=app database=shop", "1"),
            ("authentication ok", "1"),
            ("Query SELECT id, name FROM users", "2"),
            ("SELECT 2", "2"),
            ("Query SELECT * FROM nope", "3"),
            ("ERROR 42P01 relation \"nope\" does not exist", "3"),
            ("Parse SELECT $1; Bind; Execute", "4"),
            ("SELECT 1", "4"),
        ]
    );
    let cols = m[3].fields.iter().find(|f| f.name == "columns").unwrap();
    assert_eq!(cols.value, "id, name");
    assert_eq!(m[5].errors.len(), 1);
    assert_eq!(m[3].kind, MessageKind::Response);
}

#[test]
fn ssl_refused_then_startup_and_gaps() {
    let mut big = vec![b'x'; 500];
    big.push(0);
    let q = msg(b'Q', &big);
    let m = run(&[
        (
            OUT,
            {
                let mut v = 8u32.to_be_bytes().to_vec();
                v.extend_from_slice(&SSL_REQUEST.to_be_bytes());
                v
            },
            0,
        ),
        (IN, b"N".to_vec(), 0),
        (OUT, startup(), 0),
        (IN, [msg(b'R', &0u32.to_be_bytes()), ready()].concat(), 0),
        // 80 of the query's 506 bytes captured, then a sync-less ping.
        (OUT, q[..80].to_vec(), q.len() as u64 - 80),
        (OUT, msg(b'Q', b"SELECT 1\0"), 0),
    ]);
    let s: Vec<&str> = m.iter().map(|m| m.summary.as_str()).collect();
    assert_eq!(s[0], "SSLRequest");
    assert_eq!(s[1], "encryption refused");
    assert_eq!(s[2], "startup user=app database=shop");
    assert!(s[4].starts_with("Query xxx"), "{s:?}");
    assert!(m[4].errors[0].contains("426 of 506"), "{:?}", m[4].errors);
    assert_eq!(s[5], "Query SELECT 1", "in step after the gap");
}

#[test]
fn probe() {
    let c = |d: Vec<u8>| Chunk {
        direction: OUT,
        ts_ns: 0,
        offset: 0,
        data: d,
        missing_after: 0,
        datagram: false,
    };
    assert_eq!(Postgres::probe(&ctx(), &c(startup())), 95);
    assert_eq!(
        Postgres::probe(&ctx(), &c(b"GET / HTTP/1.1\r\n".to_vec())),
        0
    );
}

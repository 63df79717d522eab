//! Protocol views: one typed row per exchange, for the app's tables (HTTP
//! requests, DNS queries, TLS sessions, SQL statements, Redis commands),
//! built from dissection results and their streams. Fields are read by
//! the names the built-in dissectors give them.

use scapscope_core::streams::Stream;

use crate::{Message, MessageKind, StreamDissection};

/// Who did an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Stream id.
    pub stream: usize,
    /// Process name.
    pub process: String,
    /// Process id.
    pub pid: i64,
    /// Container id (empty on the host).
    pub container_id: String,
}

/// One HTTP request and its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRow {
    /// Who.
    pub origin: Origin,
    /// Request time.
    pub ts_ns: u64,
    /// `GET`, `POST`… (`:method` for HTTP/2).
    pub method: String,
    /// `Host` (`:authority`).
    pub host: String,
    /// Request target.
    pub url: String,
    /// Response status, when the response was seen.
    pub status: Option<u16>,
    /// Response time minus request time.
    pub latency_ns: Option<u64>,
    /// Request plus response bytes on the wire.
    pub bytes: u64,
}

/// One DNS query and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsRow {
    /// Who.
    pub origin: Origin,
    /// Query time.
    pub ts_ns: u64,
    /// Queried name.
    pub name: String,
    /// Query type (`A`, `AAAA`…).
    pub qtype: String,
    /// Answers (record data).
    pub answers: Vec<String>,
    /// Response code, when the response was seen.
    pub rcode: Option<String>,
    /// Response time minus query time.
    pub latency_ns: Option<u64>,
}

/// One TLS handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsRow {
    /// Who.
    pub origin: Origin,
    /// ClientHello time.
    pub ts_ns: u64,
    /// Server name asked for.
    pub sni: Option<String>,
    /// Negotiated version (from ServerHello), else the highest offered.
    pub version: String,
    /// ALPN protocol chosen by the server, else offered by the client.
    pub alpn: Option<String>,
    /// Chosen cipher suite.
    pub cipher: Option<String>,
}

/// One SQL statement (MySQL or PostgreSQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlRow {
    /// Who.
    pub origin: Origin,
    /// `mysql` or `postgres`.
    pub protocol: String,
    /// Statement time.
    pub ts_ns: u64,
    /// Statement text (or the request summary).
    pub text: String,
    /// The response summary.
    pub result: Option<String>,
    /// Whether the server answered with an error.
    pub error: bool,
    /// Response time minus statement time.
    pub latency_ns: Option<u64>,
}

/// One Redis command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisRow {
    /// Who.
    pub origin: Origin,
    /// Command time.
    pub ts_ns: u64,
    /// The command and its first arguments.
    pub command: String,
    /// The reply summary.
    pub reply: Option<String>,
    /// Whether the reply is an error.
    pub error: bool,
    /// Reply time minus command time.
    pub latency_ns: Option<u64>,
}

/// All protocol rows of a set of dissected streams.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProtocolRows {
    /// HTTP/1.x and HTTP/2 requests.
    pub http: Vec<HttpRow>,
    /// DNS queries.
    pub dns: Vec<DnsRow>,
    /// TLS handshakes.
    pub tls: Vec<TlsRow>,
    /// SQL statements.
    pub sql: Vec<SqlRow>,
    /// Redis commands.
    pub redis: Vec<RedisRow>,
}

fn field<'a>(m: &'a Message, name: &str) -> Option<&'a str> {
    m.fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
        .map(|f| f.value.as_str())
}

/// Builds the rows of `results` (as [`crate::Registry::dissect`] returns
/// them) with their streams (`streams[i]` is the stream of
/// `results[i]`).
pub fn rows(streams: &[&Stream], results: &[StreamDissection]) -> ProtocolRows {
    let mut out = ProtocolRows::default();
    for (s, d) in streams.iter().zip(results) {
        let origin = Origin {
            stream: s.id,
            process: s.info.comm.clone(),
            pid: s.info.pid,
            container_id: s.info.container_id.clone(),
        };
        let mut answered = vec![None; d.messages.len()];
        for p in d.pairs() {
            answered[p.request] = Some((p.response, p.latency_ns));
        }
        for (i, m) in d.messages.iter().enumerate() {
            if m.kind != MessageKind::Request {
                continue;
            }
            let resp = answered[i].map(|(r, _)| &d.messages[r]);
            let latency_ns = answered[i].map(|(_, l)| l);
            let origin = origin.clone();
            match m.protocol.as_str() {
                "http" | "http2" | "grpc" => out.http.push(HttpRow {
                    origin,
                    ts_ns: m.ts_ns,
                    method: field(m, "method")
                        .or_else(|| field(m, ":method"))
                        .unwrap_or_default()
                        .to_string(),
                    host: field(m, "host")
                        .or_else(|| field(m, ":authority"))
                        .unwrap_or_default()
                        .to_string(),
                    url: field(m, "uri")
                        .or_else(|| field(m, ":path"))
                        .unwrap_or_default()
                        .to_string(),
                    status: resp
                        .and_then(|r| field(r, "status").or_else(|| field(r, ":status")))
                        .and_then(|s| s.parse().ok()),
                    latency_ns,
                    bytes: m.len + resp.map_or(0, |r| r.len),
                }),
                "dns" => {
                    let q = field(m, "question").unwrap_or_default();
                    let mut parts = q.split(' ');
                    out.dns.push(DnsRow {
                        origin,
                        ts_ns: m.ts_ns,
                        name: parts.next().unwrap_or_default().to_string(),
                        qtype: parts.next().unwrap_or_default().to_string(),
                        answers: resp
                            .map(|r| {
                                r.fields
                                    .iter()
                                    .filter(|f| f.name == "rr")
                                    .filter_map(|f| f.value.split(' ').nth(3))
                                    .map(str::to_string)
                                    .collect()
                            })
                            .unwrap_or_default(),
                        rcode: resp.and_then(|r| field(r, "rcode")).map(str::to_string),
                        latency_ns,
                    });
                }
                "tls" => out.tls.push(TlsRow {
                    origin,
                    ts_ns: m.ts_ns,
                    sni: field(m, "server_name").map(str::to_string),
                    version: resp
                        .and_then(|r| {
                            field(r, "supported_versions").or_else(|| field(r, "version"))
                        })
                        .or_else(|| {
                            field(m, "supported_versions").and_then(|v| v.split(", ").next())
                        })
                        .or_else(|| field(m, "version"))
                        .unwrap_or_default()
                        .to_string(),
                    alpn: resp
                        .and_then(|r| field(r, "application_layer_protocol_negotiation"))
                        .or_else(|| field(m, "application_layer_protocol_negotiation"))
                        .map(str::to_string),
                    cipher: resp
                        .and_then(|r| field(r, "cipher-suite"))
                        .map(str::to_string),
                }),
                "mysql" | "postgres" => out.sql.push(SqlRow {
                    origin,
                    protocol: m.protocol.clone(),
                    ts_ns: m.ts_ns,
                    text: field(m, "query")
                        .or_else(|| field(m, "statement"))
                        .map_or_else(|| m.summary.clone(), str::to_string),
                    result: resp.map(|r| r.summary.clone()),
                    error: resp
                        .is_some_and(|r| !r.errors.is_empty() || r.summary.starts_with("ERR")),
                    latency_ns,
                }),
                "redis" => out.redis.push(RedisRow {
                    origin,
                    ts_ns: m.ts_ns,
                    command: m.summary.clone(),
                    reply: resp.map(|r| r.summary.clone()),
                    error: resp.is_some_and(|r| !r.errors.is_empty()),
                    latency_ns,
                }),
                _ => {}
            }
        }
    }
    out
}

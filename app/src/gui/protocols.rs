//! Protocol views: HTTP requests, DNS queries, TLS sessions, SQL
//! statements and Redis commands as tables of the views screen, built
//! from the dissectors' results (`scapscope_dissectors::views`) on a
//! worker thread.
//!
//! They are the core's [`Table`] type, so the views screen sorts them,
//! shows their units and virtualises them like any other view. A row
//! keeps the exchange when the event its request starts in passes the
//! app's filter and time range; its drill-down shows that connection's
//! events in the syscall list (`proc.pid`, `fd.num` and `fd.name` of its
//! stream).

use std::path::PathBuf;
use std::sync::Arc;

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Stream, Streams};
use scapscope_core::views::{ColType, Column, Row, Table, Unit, Value};
use scapscope_dissectors::views::{Origin, ProtocolRows, rows};

use super::decode::{SharedCache, dissect_all};
use super::query::{self, Query};
use super::screen::list::filter_value;

/// A protocol view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolView {
    /// Its id (the views screen's).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What it shows.
    pub description: &'static str,
}

/// The protocol views.
pub const VIEWS: [ProtocolView; 5] = [
    ProtocolView {
        id: "http_requests",
        name: "HTTP Requests",
        description: "HTTP/1.x and HTTP/2 requests decoded from payloads: method, host, URL, status, latency, bytes",
    },
    ProtocolView {
        id: "dns_queries",
        name: "DNS Queries",
        description: "DNS queries decoded from payloads: name, type, answers, response code, latency",
    },
    ProtocolView {
        id: "tls_sessions",
        name: "TLS Sessions",
        description: "TLS handshakes decoded from payloads: server name, version, ALPN, cipher",
    },
    ProtocolView {
        id: "sql_statements",
        name: "SQL Statements",
        description: "MySQL and PostgreSQL statements decoded from payloads: text, result, latency",
    },
    ProtocolView {
        id: "redis_commands",
        name: "Redis Commands",
        description: "Redis commands decoded from payloads: command, reply, latency",
    },
];

/// The protocol view with id `id`.
pub fn find(id: &str) -> Option<&'static ProtocolView> {
    VIEWS.iter().find(|v| v.id == id)
}

/// What a protocol table needs.
#[derive(Debug, Clone)]
pub struct Job {
    /// The view.
    pub view: &'static str,
    /// The capture.
    pub snapshot: Arc<Snapshot>,
    /// Its file (filters the store cannot run read it).
    pub path: PathBuf,
    /// The app's filter and time range.
    pub query: Query,
    /// Streams and dissections shared with the payload pane.
    pub cache: SharedCache,
    /// Local time's offset from UTC.
    pub tz_offset_s: i64,
}

fn col(name: &'static str, ty: ColType, unit: Unit, description: &'static str) -> Column {
    Column {
        name,
        ty,
        unit,
        per_second: false,
        description,
    }
}

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    if s.is_empty() {
        Value::Null
    } else {
        Value::Text(s)
    }
}

fn latency(l: Option<u64>) -> Value {
    l.map_or(Value::Null, Value::Duration)
}

/// The event where a request starts: the stream's segment of its time.
fn request_event(streams: &Streams, o: &Origin, ts_ns: u64) -> Option<usize> {
    streams
        .get(o.stream)?
        .segments
        .iter()
        .find(|g| g.ts_ns == ts_ns)
        .map(|g| g.event)
}

/// The condition selecting the events of a stream.
pub fn stream_filter(s: &Stream) -> String {
    let mut f = format!("proc.pid={} and fd.num={}", s.info.pid, s.info.fd_num);
    if !s.info.name.is_empty() {
        f.push_str(&format!(" and fd.name={}", filter_value(&s.info.name)));
    }
    f
}

/// One table row: its identity, the columns common to all protocol views
/// (time, process, pid), then `rest`; `None` when the query drops it.
fn row(
    streams: &Streams,
    keep: &dyn Fn(Option<usize>) -> bool,
    o: &Origin,
    ts_ns: u64,
    rest: Vec<Value>,
) -> Option<Row> {
    let event = request_event(streams, o, ts_ns);
    if !keep(event) {
        return None;
    }
    let mut values = vec![
        Value::Timestamp(ts_ns),
        text(o.process.clone()),
        Value::Int(o.pid),
    ];
    values.extend(rest);
    values.push(text(o.container_id.clone()));
    Some(Row {
        key: format!(
            "{}@{ts_ns}#{}",
            o.stream,
            event.map_or(String::new(), |e| e.to_string())
        ),
        values,
        key_filter: streams.get(o.stream).map(stream_filter),
    })
}

/// The table of view `view` from protocol rows; `keep` says whether a
/// request's event (when known) passes the query.
pub fn table(
    view: &'static str,
    pr: &ProtocolRows,
    streams: &Streams,
    keep: &dyn Fn(Option<usize>) -> bool,
) -> Option<Table> {
    let head = [
        col(
            "TIME",
            ColType::Timestamp,
            Unit::None,
            "When the request was made",
        ),
        col("PROCESS", ColType::Text, Unit::None, "Process name"),
        col("PID", ColType::Int, Unit::None, "Process id"),
    ];
    let (mut columns, rows): (Vec<Column>, Vec<Row>) = match view {
        "http_requests" => (
            vec![
                col("METHOD", ColType::Text, Unit::None, "Request method"),
                col("HOST", ColType::Text, Unit::None, "Host (or :authority)"),
                col("URL", ColType::Text, Unit::None, "Request target"),
                col("STATUS", ColType::Uint, Unit::None, "Response status"),
                col("LATENCY", ColType::Duration, Unit::Ns, "Response time"),
                col(
                    "BYTES",
                    ColType::Uint,
                    Unit::Bytes,
                    "Request plus response bytes",
                ),
            ],
            pr.http
                .iter()
                .filter_map(|r| {
                    row(
                        streams,
                        keep,
                        &r.origin,
                        r.ts_ns,
                        vec![
                            text(r.method.clone()),
                            text(r.host.clone()),
                            text(r.url.clone()),
                            r.status.map_or(Value::Null, |s| Value::Uint(u64::from(s))),
                            latency(r.latency_ns),
                            Value::Uint(r.bytes),
                        ],
                    )
                })
                .collect(),
        ),
        "dns_queries" => (
            vec![
                col("NAME", ColType::Text, Unit::None, "Queried name"),
                col("TYPE", ColType::Text, Unit::None, "Query type"),
                col("ANSWERS", ColType::Text, Unit::None, "Answer data"),
                col("RCODE", ColType::Text, Unit::None, "Response code"),
                col("LATENCY", ColType::Duration, Unit::Ns, "Response time"),
            ],
            pr.dns
                .iter()
                .filter_map(|r| {
                    row(
                        streams,
                        keep,
                        &r.origin,
                        r.ts_ns,
                        vec![
                            text(r.name.clone()),
                            text(r.qtype.clone()),
                            text(r.answers.join(", ")),
                            text(r.rcode.clone().unwrap_or_default()),
                            latency(r.latency_ns),
                        ],
                    )
                })
                .collect(),
        ),
        "tls_sessions" => (
            vec![
                col("SNI", ColType::Text, Unit::None, "Server name asked for"),
                col("VERSION", ColType::Text, Unit::None, "Negotiated version"),
                col("ALPN", ColType::Text, Unit::None, "Application protocol"),
                col("CIPHER", ColType::Text, Unit::None, "Chosen cipher suite"),
            ],
            pr.tls
                .iter()
                .filter_map(|r| {
                    row(
                        streams,
                        keep,
                        &r.origin,
                        r.ts_ns,
                        vec![
                            text(r.sni.clone().unwrap_or_default()),
                            text(r.version.clone()),
                            text(r.alpn.clone().unwrap_or_default()),
                            text(r.cipher.clone().unwrap_or_default()),
                        ],
                    )
                })
                .collect(),
        ),
        "sql_statements" => (
            vec![
                col("PROTOCOL", ColType::Text, Unit::None, "mysql or postgres"),
                col("STATEMENT", ColType::Text, Unit::None, "Statement text"),
                col("RESULT", ColType::Text, Unit::None, "Response summary"),
                col(
                    "ERROR",
                    ColType::Text,
                    Unit::None,
                    "Whether the server answered with an error",
                ),
                col("LATENCY", ColType::Duration, Unit::Ns, "Response time"),
            ],
            pr.sql
                .iter()
                .filter_map(|r| {
                    row(
                        streams,
                        keep,
                        &r.origin,
                        r.ts_ns,
                        vec![
                            text(r.protocol.clone()),
                            text(r.text.clone()),
                            text(r.result.clone().unwrap_or_default()),
                            text(if r.error { "error" } else { "" }),
                            latency(r.latency_ns),
                        ],
                    )
                })
                .collect(),
        ),
        "redis_commands" => (
            vec![
                col(
                    "COMMAND",
                    ColType::Text,
                    Unit::None,
                    "Command and its first arguments",
                ),
                col("REPLY", ColType::Text, Unit::None, "Reply summary"),
                col(
                    "ERROR",
                    ColType::Text,
                    Unit::None,
                    "Whether the reply is an error",
                ),
                col("LATENCY", ColType::Duration, Unit::Ns, "Reply time"),
            ],
            pr.redis
                .iter()
                .filter_map(|r| {
                    row(
                        streams,
                        keep,
                        &r.origin,
                        r.ts_ns,
                        vec![
                            text(r.command.clone()),
                            text(r.reply.clone().unwrap_or_default()),
                            text(if r.error { "error" } else { "" }),
                            latency(r.latency_ns),
                        ],
                    )
                })
                .collect(),
        ),
        _ => return None,
    };
    let mut all = head.to_vec();
    all.append(&mut columns);
    all.push(col(
        "CONTAINER",
        ColType::Text,
        Unit::None,
        "Container id (empty on the host)",
    ));
    let span_ns = rows
        .iter()
        .filter_map(|r| match r.values[0] {
            Value::Timestamp(t) => Some(t),
            _ => None,
        })
        .fold(None, |acc: Option<(u64, u64)>, t| {
            Some(acc.map_or((t, t), |(a, b)| (a.min(t), b.max(t))))
        })
        .unwrap_or((0, 0));
    // In time order, like a list view; the user sorts by any column.
    let mut t = Table {
        view,
        columns: all,
        rows,
        sort_column: Some(0),
        sort_descending: false,
        span_ns,
    };
    t.sort_by(0, false);
    Some(t)
}

/// Computes a protocol view (on a worker thread): dissects the streams
/// not dissected yet, then keeps the exchanges whose request event the
/// query passes.
pub fn compute(job: &Job) -> Result<Table, String> {
    if find(job.view).is_none() {
        return Err(format!("unknown protocol view {}", job.view));
    }
    let (streams, results) = dissect_all(&job.cache, &job.snapshot)?;
    let refs: Vec<&Stream> = streams.streams.iter().collect();
    let owned: Vec<_> = results.iter().map(|d| (**d).clone()).collect();
    let pr = rows(&refs, &owned);
    let matched: Option<Vec<u32>> = if job.query.is_empty() {
        None
    } else {
        let out = query::run(query::Job {
            generation: 0,
            query: job.query.clone(),
            snapshot: job.snapshot.clone(),
            path: job.path.clone(),
            from: 0,
            prev: Arc::default(),
            tz_offset_s: job.tz_offset_s,
        });
        out.how?;
        Some(out.rows.to_vec())
    };
    let keep = |event: Option<usize>| match (&matched, event) {
        (None, _) => true,
        (Some(m), Some(e)) => u32::try_from(e).is_ok_and(|e| m.binary_search(&e).is_ok()),
        (Some(_), None) => false,
    };
    table(job.view, &pr, &streams, &keep)
        .ok_or_else(|| format!("unknown protocol view {}", job.view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::filter::Filter;
    use scapscope_core::store::{LoadOptions, load_blocking};

    fn job(name: &str, view: &'static str, query: Query) -> Option<Job> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures")
            .join(name);
        if !path.exists() {
            eprintln!("{} absent: skipping", path.display());
            return None;
        }
        Some(Job {
            view,
            snapshot: load_blocking(&path, LoadOptions::default()).unwrap(),
            path,
            query,
            cache: SharedCache::default(),
            tz_offset_s: 0,
        })
    }

    fn cell<'a>(t: &'a Table, r: usize, name: &str) -> &'a Value {
        &t.rows[r].values[t.column(name).unwrap()]
    }

    #[test]
    fn http_requests_of_the_nginx_capture() {
        let Some(j) = job(
            "workshop_example0_nginx.scap",
            "http_requests",
            Query::default(),
        ) else {
            return;
        };
        let t = compute(&j).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(cell(&t, 0, "METHOD"), &Value::Text("GET".into()));
        assert_eq!(cell(&t, 0, "HOST"), &Value::Text("localhost:8080".into()));
        assert_eq!(cell(&t, 0, "URL"), &Value::Text("/".into()));
        assert_eq!(cell(&t, 0, "STATUS"), &Value::Uint(200));
        assert_eq!(cell(&t, 0, "PROCESS"), &Value::Text("nginx".into()));
        assert!(matches!(cell(&t, 0, "LATENCY"), Value::Duration(l) if *l > 0));
        let latency = t.columns[t.column("LATENCY").unwrap()].unit;
        assert_eq!(latency, Unit::Ns);
        // The row drills into its connection: the filter parses and names
        // the stream's fd.
        let f = t.rows[0].key_filter.as_deref().unwrap();
        Filter::parse(f).unwrap();
        assert!(
            f.contains("fd.name=\"172.18.0.1:51910->172.18.0.2:80\""),
            "{f}"
        );
    }

    #[test]
    fn dns_and_http_of_curl_google_follow_the_filter() {
        let Some(j) = job("libs_curl_google.scap", "dns_queries", Query::default()) else {
            return;
        };
        let dns = compute(&j).unwrap();
        assert_eq!(dns.rows.len(), 1, "{:?}", dns.rows);
        assert_eq!(cell(&dns, 0, "NAME"), &Value::Text("www.google.com".into()));
        assert_eq!(cell(&dns, 0, "TYPE"), &Value::Text("AAAA".into()));
        assert_eq!(
            cell(&dns, 0, "ANSWERS"),
            &Value::Text("2607:f8b0:4004:802::2004".into())
        );
        assert_eq!(cell(&dns, 0, "RCODE"), &Value::Text("NOERROR".into()));
        let http = compute(&Job {
            view: "http_requests",
            ..j.clone()
        })
        .unwrap();
        assert_eq!(
            cell(&http, 0, "HOST"),
            &Value::Text("www.google.com".into())
        );
        assert_eq!(cell(&http, 0, "STATUS"), &Value::Uint(200));
        // The filter narrows by the request's event: curl's stay, another
        // process has none.
        let with = |f: &str| {
            compute(&Job {
                query: Query {
                    filter: Some(Filter::parse(f).unwrap()),
                    range: None,
                },
                ..j.clone()
            })
            .unwrap()
        };
        assert_eq!(with("proc.name=curl").rows, dns.rows);
        assert!(with("proc.name=nosuchprocess").rows.is_empty());
        assert!(
            with("evt.type=connect").rows.is_empty(),
            "the request's event is a write"
        );
        assert!(
            compute(&Job {
                view: "procs",
                ..j.clone()
            })
            .is_err()
        );
    }
}

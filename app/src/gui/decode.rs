//! Payloads decoded by the dissectors, for the details pane and the
//! follow-stream screen.
//!
//! Everything here that touches a dissector runs on a worker thread: the
//! app hands [`run`] a [`Job`] (the event, the snapshot, the shared cache)
//! and gets back an [`Outcome`] as a message; outcomes of an older
//! generation are dropped. The result is a plain view model ([`Decoded`]):
//! the messages that overlap the event's payload, each field with its byte
//! range in that payload, so the UI thread only draws.
//!
//! Streams are reassembled once per snapshot and each stream is dissected
//! once ([`Cache`]): moving through the events of one connection costs a
//! lookup, not a dissection.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Stream, Streams, reassemble};
use scapscope_dissectors::{Choice, DissectOptions, MessageKind, Registry, StreamDissection};

/// Fields drawn per message at most (a DNS answer list or an HTTP/2
/// header block can hold thousands; the rest is counted).
pub const SHOWN_FIELDS: usize = 400;

/// The dissectors of this process: the built-ins plus the user's enabled
/// plugins, loaded once, on the first worker that needs them (compiling
/// components is not for the UI thread).
pub fn registry() -> Result<&'static Registry, String> {
    static REGISTRY: OnceLock<Result<Registry, String>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| crate::cli::dissect::registry().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| format!("the dissectors did not load: {e}"))
}

/// Reassembled streams and dissections of one snapshot, shared by the
/// workers.
#[derive(Debug, Default)]
pub struct Cache {
    /// The snapshot the rest is for (weak: the cache must not keep an old
    /// snapshot alive).
    snapshot: Weak<Snapshot>,
    streams: Option<Arc<Streams>>,
    by_stream: HashMap<usize, Arc<StreamDissection>>,
    /// Dissectors the user forced on streams (by stream id): kept across
    /// the snapshots of one load, whose stream ids stay.
    forced: HashMap<usize, String>,
}

impl Cache {
    fn for_snapshot(&mut self, snap: &Arc<Snapshot>) {
        let same = self
            .snapshot
            .upgrade()
            .is_some_and(|s| Arc::ptr_eq(&s, snap));
        if !same {
            *self = Cache {
                snapshot: Arc::downgrade(snap),
                forced: std::mem::take(&mut self.forced),
                ..Cache::default()
            };
        }
    }

    /// Streams dissected so far.
    #[cfg(test)]
    pub fn dissected(&self) -> usize {
        self.by_stream.len()
    }
}

/// The shared cache.
pub type SharedCache = Arc<Mutex<Cache>>;

/// The streams of `snap`, reassembled once per snapshot.
pub fn streams_of(cache: &SharedCache, snap: &Arc<Snapshot>) -> Arc<Streams> {
    if let Ok(mut c) = cache.lock() {
        c.for_snapshot(snap);
        if let Some(s) = &c.streams {
            return s.clone();
        }
    }
    // Reassembled outside the lock; a second worker doing the same work
    // meanwhile only costs time.
    let s = Arc::new(reassemble(snap, None));
    if let Ok(mut c) = cache.lock() {
        c.for_snapshot(snap);
        c.streams.get_or_insert_with(|| s.clone());
    }
    s
}

/// The dissection of `stream`, computed once per snapshot.
pub fn dissection_of(
    cache: &SharedCache,
    snap: &Arc<Snapshot>,
    stream: &Stream,
) -> Result<Arc<StreamDissection>, String> {
    let mut forced = None;
    if let Ok(mut c) = cache.lock() {
        c.for_snapshot(snap);
        if let Some(d) = c.by_stream.get(&stream.id) {
            return Ok(d.clone());
        }
        forced = c.forced.get(&stream.id).cloned();
    }
    let d = Arc::new(registry()?.dissect_one(snap, stream, forced.as_deref()));
    if let Ok(mut c) = cache.lock() {
        c.for_snapshot(snap);
        c.by_stream.insert(stream.id, d.clone());
    }
    Ok(d)
}

/// The dissections of every stream of `snap` (in the order of
/// [`streams_of`]), those not cached yet computed in parallel.
pub fn dissect_all(
    cache: &SharedCache,
    snap: &Arc<Snapshot>,
) -> Result<(Arc<Streams>, Vec<Arc<StreamDissection>>), String> {
    let streams = streams_of(cache, snap);
    let (known, force) = match cache.lock() {
        Ok(c) => (c.by_stream.clone(), c.forced.clone()),
        Err(_) => (HashMap::new(), HashMap::new()),
    };
    let missing: Vec<&Stream> = streams
        .streams
        .iter()
        .filter(|s| !known.contains_key(&s.id))
        .collect();
    let mut fresh: HashMap<usize, Arc<StreamDissection>> = HashMap::new();
    if !missing.is_empty() {
        let opts = DissectOptions {
            force,
            ..DissectOptions::default()
        };
        let done = registry()?.dissect(snap, &missing, &opts);
        for d in done {
            fresh.insert(d.stream, Arc::new(d));
        }
        if let Ok(mut c) = cache.lock() {
            c.for_snapshot(snap);
            c.by_stream
                .extend(fresh.iter().map(|(k, v)| (*k, v.clone())));
        }
    }
    let all = streams
        .streams
        .iter()
        .filter_map(|s| known.get(&s.id).or_else(|| fresh.get(&s.id)).cloned())
        .collect();
    Ok((streams, all))
}

/// Forces dissector `plugin` on stream `stream` (`None`: back to the
/// automatic choice); its cached dissection is dropped.
pub fn force(cache: &SharedCache, stream: usize, plugin: Option<String>) {
    if let Ok(mut c) = cache.lock() {
        match plugin {
            Some(p) => c.forced.insert(stream, p),
            None => c.forced.remove(&stream),
        };
        c.by_stream.remove(&stream);
    }
}

/// A decoding job: the payload of one event.
#[derive(Debug, Clone)]
pub struct Job {
    /// Its generation: outcomes of another are dropped.
    pub generation: u64,
    /// The event.
    pub event: usize,
    /// The capture.
    pub snapshot: Arc<Snapshot>,
    /// Streams and dissections already computed.
    pub cache: SharedCache,
}

/// What a job found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The job's generation.
    pub generation: u64,
    /// The event.
    pub event: usize,
    /// The decoded payload (`None`: the event belongs to no stream), or
    /// why the dissectors could not run.
    pub result: Result<Option<Decoded>, String>,
}

/// The payload of one event, decoded: the view model of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The stream's id.
    pub stream: usize,
    /// The dissector the stream was given to, if any.
    pub plugin: Option<String>,
    /// How it was chosen, for people.
    pub choice: String,
    /// Plugins stopped on this stream, with their reasons (never hidden).
    pub disabled: Vec<String>,
    /// Whether the user forced the dissector.
    pub forced: bool,
    /// The dissectors the user can force on the stream.
    pub plugins: Vec<String>,
    /// The messages that overlap this payload.
    pub messages: Vec<MessageNode>,
}

/// One decoded message as the pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageNode {
    /// Its index in the stream's dissection.
    pub index: usize,
    /// `http`, `dns`…
    pub protocol: String,
    /// `request`, `response` or `other`.
    pub kind: &'static str,
    /// One line.
    pub summary: String,
    /// Problems the dissector met in it.
    pub errors: Vec<String>,
    /// Response time, for a response paired with its request.
    pub latency_ns: Option<u64>,
    /// Its fields, as a flattened tree.
    pub fields: Vec<FieldNode>,
    /// Fields not drawn (over [`SHOWN_FIELDS`]).
    pub more_fields: usize,
}

/// One field of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNode {
    /// Name.
    pub name: String,
    /// Value for display (empty for a group).
    pub value: String,
    /// Depth in the tree.
    pub depth: u8,
    /// Its bytes in this event's payload, when they lie there.
    pub range: Option<Range<usize>>,
}

/// How a dissector was chosen, in words.
pub fn choice_text(plugin: Option<&str>, c: Choice) -> String {
    match (plugin, c) {
        (Some(p), Choice::Forced) => format!("{p} (forced)"),
        (Some(p), Choice::Port(s)) => format!("{p} (port hint, probe score {s})"),
        (Some(p), Choice::Probe(s)) => format!("{p} (probe score {s})"),
        (_, Choice::NoData) => "no captured bytes to decode".into(),
        _ => "no dissector recognised this stream".into(),
    }
}

/// The view model of segment `seg` of `stream`, from its dissection.
pub fn decoded(d: &StreamDissection, stream: &Stream, seg: usize) -> Decoded {
    let latency: HashMap<usize, u64> = d
        .pairs()
        .into_iter()
        .map(|p| (p.response, p.latency_ns))
        .collect();
    let messages = d
        .in_segment(stream, seg)
        .into_iter()
        .filter_map(|v| {
            let m = d.messages.get(v.message)?;
            let fields = m
                .fields
                .iter()
                .zip(v.field_ranges)
                .take(SHOWN_FIELDS)
                .map(|(f, range)| FieldNode {
                    name: f.name.clone(),
                    value: f.value.clone(),
                    depth: f.depth,
                    range,
                })
                .collect();
            Some(MessageNode {
                index: v.message,
                protocol: m.protocol.clone(),
                kind: m.kind.as_str(),
                summary: m.summary.clone(),
                errors: m.errors.clone(),
                latency_ns: (m.kind == MessageKind::Response)
                    .then(|| latency.get(&v.message).copied())
                    .flatten(),
                more_fields: m.fields.len().saturating_sub(SHOWN_FIELDS),
                fields,
            })
        })
        .collect();
    Decoded {
        stream: stream.id,
        plugin: d.plugin.clone(),
        choice: choice_text(d.plugin.as_deref(), d.choice),
        disabled: d.disabled.iter().map(ToString::to_string).collect(),
        forced: d.choice == Choice::Forced,
        plugins: registry()
            .map(|r| r.plugins().iter().map(|p| p.meta.name.clone()).collect())
            .unwrap_or_default(),
        messages,
    }
}

/// Runs a job (on a worker thread).
pub fn run(job: Job) -> Outcome {
    let streams = streams_of(&job.cache, &job.snapshot);
    let result = match streams.find_event(job.event) {
        None => Ok(None),
        Some((stream, seg)) => {
            dissection_of(&job.cache, &job.snapshot, stream).map(|d| Some(decoded(&d, stream, seg)))
        }
    };
    Outcome {
        generation: job.generation,
        event: job.event,
        result,
    }
}

/// The app's side: which event is wanted, and the generation of the
/// latest job.
#[derive(Debug, Default)]
pub struct Jobs {
    generation: u64,
    /// The event and snapshot length the latest job was for.
    wanted: Option<(usize, usize)>,
    /// Whether the latest job runs: one at a time, so that a selection
    /// kept while a big capture loads does not start a reassembly per
    /// progress sample.
    running: bool,
    cache: SharedCache,
}

impl Jobs {
    /// The job `event` (the selected event, if any) needs, if any: only
    /// I/O events with a payload are decoded, each once per snapshot, one
    /// job at a time (ask again after [`Jobs::finished`]).
    pub fn next(&mut self, event: Option<usize>, snapshot: &Arc<Snapshot>) -> Option<Job> {
        let event = event.filter(|&e| snapshot.row(e).is_some_and(|r| r.len_bytes.is_some()));
        let Some(event) = event else {
            self.wanted = None;
            return None;
        };
        let key = (event, snapshot.len());
        if self.wanted == Some(key) || self.running {
            return None;
        }
        self.wanted = Some(key);
        self.generation += 1;
        self.running = true;
        Some(Job {
            generation: self.generation,
            event,
            snapshot: snapshot.clone(),
            cache: self.cache.clone(),
        })
    }

    /// Takes note that a job ended; `true` when `out` answers the latest
    /// job (else it is stale: drop it).
    pub fn finished(&mut self, out: &Outcome) -> bool {
        let current = out.generation == self.generation;
        if current {
            self.running = false;
        }
        current
    }

    /// Forces dissector `plugin` on stream `stream` (`None`: automatic);
    /// the selected event is decoded again.
    pub fn force(&mut self, stream: usize, plugin: Option<String>) {
        force(&self.cache, stream, plugin);
        self.wanted = None;
    }

    /// The cache, for other workers (follow stream, search).
    pub fn cache(&self) -> SharedCache {
        self.cache.clone()
    }

    /// Forgets what was asked (another capture).
    pub fn reset(&mut self) {
        self.wanted = None;
        self.running = false;
        self.generation += 1;
        self.cache = SharedCache::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::store::{LoadOptions, load_blocking};

    /// A shared capture, or `None` (with a note) when they are absent.
    pub fn shared(name: &str) -> Option<Arc<Snapshot>> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures")
            .join(name);
        if !path.exists() {
            eprintln!("{} absent: skipping", path.display());
            return None;
        }
        Some(load_blocking(&path, LoadOptions::default()).unwrap())
    }

    /// The event of the first inbound segment of the first HTTP stream.
    fn http_request_event(snap: &Arc<Snapshot>) -> usize {
        let streams = reassemble(snap, None);
        let s = streams
            .streams
            .iter()
            .find(|s| s.info.server_port() == Some(80))
            .expect("an HTTP connection");
        s.segments[0].event
    }

    #[test]
    fn an_http_request_decodes_with_fields_and_byte_ranges() {
        let Some(snap) = shared("workshop_example0_nginx.scap") else {
            return;
        };
        let event = http_request_event(&snap);
        let mut jobs = Jobs::default();
        let job = jobs
            .next(Some(event), &snap)
            .expect("an I/O event is decoded");
        assert!(
            jobs.next(Some(event), &snap).is_none(),
            "asked once per snapshot"
        );
        let out = run(job);
        assert!(jobs.finished(&out));
        let d = out.result.unwrap().expect("the event is in a stream");
        assert_eq!(d.plugin.as_deref(), Some("http"));
        assert!(d.choice.contains("port hint"), "{}", d.choice);
        assert!(d.disabled.is_empty(), "{:?}", d.disabled);
        let m = &d.messages[0];
        assert_eq!(
            (m.protocol.as_str(), m.kind, m.summary.as_str()),
            ("http", "request", "GET / HTTP/1.1")
        );
        let payload = scapscope_core::streams::segment_data(
            &snap,
            &reassemble(&snap, None)
                .find_event(event)
                .unwrap()
                .0
                .segments[0],
        )
        .to_vec();
        // Each field's range holds the bytes of its value.
        let field = |name: &str| m.fields.iter().find(|f| f.name == name).unwrap();
        let method = field("method");
        assert_eq!(method.value, "GET");
        assert_eq!(&payload[method.range.clone().unwrap()], b"GET");
        let host = field("Host");
        assert_eq!(host.value, "localhost:8080");
        let host_bytes = &payload[host.range.clone().unwrap()];
        assert!(
            String::from_utf8_lossy(host_bytes).contains("localhost:8080"),
            "{:?}",
            String::from_utf8_lossy(host_bytes)
        );
        assert!(
            jobs.cache.lock().unwrap().dissected() == 1,
            "the stream is cached"
        );
    }

    #[test]
    fn the_response_is_paired_and_its_cut_is_reported() {
        let Some(snap) = shared("workshop_example0_nginx.scap") else {
            return;
        };
        let streams = reassemble(&snap, None);
        let s = streams
            .streams
            .iter()
            .find(|s| s.info.server_port() == Some(80))
            .unwrap();
        let seg = s
            .segments
            .iter()
            .position(|g| g.direction == scapscope_core::streams::Direction::Outbound)
            .unwrap();
        let mut jobs = Jobs::default();
        let out = run(jobs.next(Some(s.segments[seg].event), &snap).unwrap());
        let d = out.result.unwrap().unwrap();
        let m = &d.messages[0];
        assert_eq!(m.summary, "HTTP/1.1 200 OK");
        assert!(
            m.latency_ns.is_some_and(|l| l > 0),
            "paired with its request"
        );
        assert!(
            m.errors.iter().any(|e| e.contains("not captured")),
            "{:?}",
            m.errors
        );
    }

    #[test]
    fn events_without_payload_are_not_decoded_and_stale_outcomes_are_dropped() {
        let Some(snap) = shared("workshop_example0_nginx.scap") else {
            return;
        };
        let mut jobs = Jobs::default();
        let not_io = (0..snap.len())
            .find(|&i| snap.row(i).is_some_and(|r| r.len_bytes.is_none()))
            .unwrap();
        assert!(jobs.next(Some(not_io), &snap).is_none());
        assert!(jobs.next(None, &snap).is_none());
        let event = http_request_event(&snap);
        let first = jobs.next(Some(event), &snap).unwrap();
        let other = reassemble(&snap, None)
            .streams
            .iter()
            .flat_map(|s| s.segments.iter().map(|g| g.event))
            .find(|&e| e != event)
            .unwrap();
        assert!(jobs.next(Some(other), &snap).is_none(), "one job at a time");
        assert!(jobs.finished(&run(first)));
        let second = jobs
            .next(Some(other), &snap)
            .expect("asked again once done");
        // Another capture: the job in flight is stale.
        jobs.reset();
        assert!(!jobs.finished(&run(second)));
        assert!(jobs.next(Some(other), &snap).is_some());
    }
}

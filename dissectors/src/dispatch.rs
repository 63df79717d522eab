//! Choosing a dissector per stream and running them over a capture, in
//! parallel, with one pool of instances per worker thread.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Segment, Stream, segment_data};

use crate::host::{Host, LoadError, Origin, Plugin};
use crate::instance::{Fault, Instance, SessionHandle};
use crate::{Chunk, Direction, Message, StreamContext, Transport};

/// Probe score from which a plugin is chosen without a port hint.
pub const PROBE_THRESHOLD: u8 = 50;

/// How a stream's dissector was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The user forced it.
    Forced,
    /// Its default ports matched and its probe agreed (score).
    Port(u8),
    /// Its probe won (score).
    Probe(u8),
    /// No plugin claimed the stream.
    Unclaimed,
    /// The stream has no captured bytes to decide on.
    NoData,
}

/// A plugin stopped on a stream, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disabled {
    /// The plugin's name.
    pub plugin: String,
    /// What it did.
    pub fault: Fault,
    /// Whether it happened while probing (the plugin was then skipped for
    /// this stream) rather than while decoding.
    pub while_probing: bool,
}

impl std::fmt::Display for Disabled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let when = if self.while_probing {
            "probing"
        } else {
            "decoding"
        };
        write!(
            f,
            "dissector {} disabled for this stream while {when}: {}",
            self.plugin, self.fault
        )
    }
}

/// The decoded messages of one stream.
#[derive(Debug, Clone)]
pub struct StreamDissection {
    /// The stream's id.
    pub stream: usize,
    /// The dissector used, if any.
    pub plugin: Option<String>,
    /// How it was chosen.
    pub choice: Choice,
    /// Messages in the order the plugin produced them.
    pub messages: Vec<Message>,
    /// Plugins disabled on this stream, with reasons (the chosen one
    /// included, when it was stopped while decoding; its earlier messages
    /// stay).
    pub disabled: Vec<Disabled>,
}

/// A request and the response that answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index of the request in [`StreamDissection::messages`].
    pub request: usize,
    /// Index of the response.
    pub response: usize,
    /// Response time minus request time.
    pub latency_ns: u64,
}

/// A message seen from one segment (one event's payload): which message,
/// and where each of its fields lies in that payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentView {
    /// Index in [`StreamDissection::messages`].
    pub message: usize,
    /// Per field of the message, its byte range in the segment's captured
    /// payload (clipped to it), or `None` when it lies elsewhere.
    pub field_ranges: Vec<Option<std::ops::Range<usize>>>,
}

impl StreamDissection {
    /// The messages that overlap segment `seg` of `stream` (the payload
    /// of event `stream.segments[seg].event`), with their fields' byte
    /// ranges in that payload: what a payload pane highlights beside the
    /// hex.
    pub fn in_segment(&self, stream: &Stream, seg: usize) -> Vec<SegmentView> {
        let Some(g) = stream.segments.get(seg) else {
            return Vec::new();
        };
        let dir = Direction::from_core(g.direction);
        let lo = g.offset_bytes;
        let hi = lo + u64::from(g.captured_len_bytes);
        let clip = |off: u64, len: u64| -> Option<std::ops::Range<usize>> {
            let (a, b) = (off.max(lo), (off + len).min(hi));
            (a < b || (len == 0 && off >= lo && off < hi))
                .then(|| (a - lo) as usize..(b.max(a) - lo) as usize)
        };
        self.messages
            .iter()
            .enumerate()
            .filter(|(_, m)| m.direction == dir && clip(m.offset, m.len.max(1)).is_some())
            .map(|(i, m)| SegmentView {
                message: i,
                field_ranges: m
                    .fields
                    .iter()
                    .map(|f| clip(f.offset, u64::from(f.len)))
                    .collect(),
            })
            .collect()
    }

    /// Requests paired with their responses: each response answers the
    /// earliest unanswered request with the same pair key.
    pub fn pairs(&self) -> Vec<Pair> {
        use crate::MessageKind;
        let mut open: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
        let mut out = Vec::new();
        for (i, m) in self.messages.iter().enumerate() {
            let Some(key) = m.pair_key.as_deref() else {
                continue;
            };
            match m.kind {
                MessageKind::Request => open.entry(key).or_default().push_back(i),
                MessageKind::Response => {
                    if let Some(req) = open.get_mut(key).and_then(|q| q.pop_front()) {
                        out.push(Pair {
                            request: req,
                            response: i,
                            latency_ns: m.ts_ns.saturating_sub(self.messages[req].ts_ns),
                        });
                    }
                }
                MessageKind::Other => {}
            }
        }
        out
    }
}

/// Options of [`Registry::dissect`].
#[derive(Debug, Clone, Default)]
pub struct DissectOptions {
    /// Use this dissector (by name) on every stream, without probing.
    pub force_all: Option<String>,
    /// Use this dissector (by name) on these streams (by id).
    pub force: HashMap<usize, String>,
    /// Worker threads (0: one per CPU).
    pub threads: usize,
    /// Skip streams nobody claims by port hint (no probing): faster, for
    /// views that only want well-known protocols.
    pub ports_only: bool,
}

/// The loaded plugins, in dispatch order.
#[derive(Debug, Clone)]
pub struct Registry {
    host: Host,
    plugins: Vec<Arc<Plugin>>,
}

impl Registry {
    /// An empty registry on a host.
    pub fn new(host: Host) -> Registry {
        Registry {
            host,
            plugins: Vec::new(),
        }
    }

    /// A registry with the built-in dissectors, each loaded through
    /// [`Host::load`] like any other plugin. Returns the registry and the
    /// built-ins that failed to load (none, unless the build is broken).
    pub fn builtin(host: Host) -> (Registry, Vec<(String, LoadError)>) {
        let mut r = Registry::new(host);
        let mut errors = Vec::new();
        for (name, bytes) in crate::BUILTIN {
            match r.host.load(bytes, Origin::Builtin) {
                Ok(p) => r.add(p),
                Err(e) => errors.push(((*name).to_string(), e)),
            }
        }
        (r, errors)
    }

    /// The host.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// Adds a plugin; one with the same name replaces the earlier one (an
    /// installed plugin can override a built-in).
    pub fn add(&mut self, p: Arc<Plugin>) {
        self.plugins.retain(|q| q.meta.name != p.meta.name);
        self.plugins.push(p);
    }

    /// The plugins.
    pub fn plugins(&self) -> &[Arc<Plugin>] {
        &self.plugins
    }

    /// A plugin by name.
    pub fn get(&self, name: &str) -> Option<&Arc<Plugin>> {
        self.plugins.iter().find(|p| p.meta.name == name)
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.plugins.iter().position(|p| p.meta.name == name)
    }

    /// Dissects streams (those of [`scapscope_core::streams::reassemble`]
    /// on `snap`) in parallel; results are in the order of `streams`.
    pub fn dissect(
        &self,
        snap: &Snapshot,
        streams: &[&Stream],
        opts: &DissectOptions,
    ) -> Vec<StreamDissection> {
        let threads = match opts.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
        .min(streams.len().max(1));
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<StreamDissection>>> = Mutex::new(vec![None; streams.len()]);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    let mut w = Worker::new(self);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(stream) = streams.get(i) else { break };
                        let r = w.dissect(snap, stream, opts);
                        if let Ok(mut v) = results.lock() {
                            v[i] = Some(r);
                        }
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect()
    }

    /// A runner that keeps one instance per plugin between calls (what
    /// each worker thread of [`Registry::dissect`] uses).
    pub fn runner(&self) -> Runner<'_> {
        Runner {
            worker: Worker::new(self),
        }
    }

    /// Runs one plugin's probe on a chunk (in a fresh instance).
    pub fn probe(
        &self,
        plugin: &str,
        ctx: &StreamContext,
        first: &Chunk,
    ) -> Option<Result<u8, Fault>> {
        let p = self.index_of(plugin)?;
        let mut w = Worker::new(self);
        Some(w.with(p, |i| i.probe(&self.host.limits, ctx, first)))
    }

    /// Dissects one stream on the calling thread, optionally with a forced
    /// dissector (the app's "decode as…").
    pub fn dissect_one(
        &self,
        snap: &Snapshot,
        stream: &Stream,
        force: Option<&str>,
    ) -> StreamDissection {
        let opts = DissectOptions {
            force_all: force.map(str::to_string),
            ..DissectOptions::default()
        };
        Worker::new(self).dissect(snap, stream, &opts)
    }
}

/// Feeds prepared chunks to plugins, reusing their instances: for
/// benchmarks, tests and callers that build chunks themselves.
pub struct Runner<'r> {
    worker: Worker<'r>,
}

impl Runner<'_> {
    /// Decodes `chunks` as one stream with plugin `plugin`: the messages,
    /// and the fault that stopped the plugin, if one did. `None` when no
    /// plugin has that name.
    pub fn run(
        &mut self,
        plugin: &str,
        ctx: &StreamContext,
        chunks: &[Chunk],
    ) -> Option<(Vec<Message>, Option<Fault>)> {
        let p = self.worker.reg.index_of(plugin)?;
        let mut messages = Vec::new();
        let fault = self
            .worker
            .run_chunks(p, ctx, chunks.iter().cloned(), &mut messages)
            .err();
        Some((messages, fault))
    }
}

/// The chunk the plugins see for a segment.
pub fn chunk_of(snap: &Snapshot, stream: &Stream, seg: &Segment) -> Chunk {
    Chunk {
        direction: Direction::from_core(seg.direction),
        ts_ns: seg.ts_ns,
        offset: seg.offset_bytes,
        data: segment_data(snap, seg).to_vec(),
        missing_after: seg.gap_bytes(),
        datagram: stream.datagrams,
    }
}

/// Most bytes a probe sees.
const PROBE_BYTES: usize = 4096;

/// What probes see: the stream's first captured bytes, joined across the
/// leading segments of the same direction while they are contiguous (a
/// client may read a 4-byte header, then the body), up to
/// [`PROBE_BYTES`]. A datagram stream's first datagram alone.
fn probe_chunk(snap: &Snapshot, stream: &Stream) -> Option<Chunk> {
    let start = stream
        .segments
        .iter()
        .position(|s| s.captured_len_bytes > 0)?;
    let mut chunk = chunk_of(snap, stream, &stream.segments[start]);
    if stream.datagrams {
        return Some(chunk);
    }
    for seg in &stream.segments[start + 1..] {
        let contiguous = Direction::from_core(seg.direction) == chunk.direction
            && chunk.missing_after == 0
            && seg.offset_bytes == chunk.offset + chunk.data.len() as u64;
        if !contiguous || chunk.data.len() >= PROBE_BYTES {
            break;
        }
        let data = segment_data(snap, seg);
        let take = data.len().min(PROBE_BYTES - chunk.data.len());
        chunk.data.extend_from_slice(&data[..take]);
        chunk.missing_after = if take < data.len() {
            0
        } else {
            seg.gap_bytes()
        };
        if take < data.len() {
            break;
        }
    }
    Some(chunk)
}

/// One thread's instances: at most one per plugin, created on first use
/// and thrown away after a fault.
struct Worker<'r> {
    reg: &'r Registry,
    instances: Vec<Option<Instance>>,
}

impl<'r> Worker<'r> {
    fn new(reg: &'r Registry) -> Worker<'r> {
        Worker {
            reg,
            instances: (0..reg.plugins.len()).map(|_| None).collect(),
        }
    }

    fn instance(&mut self, p: usize) -> Result<&mut Instance, Fault> {
        if self.instances[p].is_none() {
            self.instances[p] = Some(Instance::new(&self.reg.host, &self.reg.plugins[p])?);
        }
        self.instances[p].as_mut().ok_or(Fault::Instantiate {
            message: "no instance".into(),
        })
    }

    /// Runs `f` on plugin `p`'s instance; a fault discards the instance.
    fn with<R>(
        &mut self,
        p: usize,
        f: impl FnOnce(&mut Instance) -> Result<R, Fault>,
    ) -> Result<R, Fault> {
        let r = self.instance(p).and_then(f);
        if r.is_err() {
            self.instances[p] = None;
        }
        r
    }

    fn dissect(
        &mut self,
        snap: &Snapshot,
        stream: &Stream,
        opts: &DissectOptions,
    ) -> StreamDissection {
        let mut out = StreamDissection {
            stream: stream.id,
            plugin: None,
            choice: Choice::Unclaimed,
            messages: Vec::new(),
            disabled: Vec::new(),
        };
        let ctx = StreamContext::of(&stream.info);
        let forced = opts
            .force
            .get(&stream.id)
            .or(opts.force_all.as_ref())
            .and_then(|n| self.reg.index_of(n));
        let chosen = match forced {
            Some(p) => Some((p, Choice::Forced)),
            None => {
                let Some(first) = probe_chunk(snap, stream) else {
                    out.choice = Choice::NoData;
                    return out;
                };
                self.choose(&ctx, &first, opts, &mut out.disabled)
            }
        };
        let Some((p, choice)) = chosen else {
            return out;
        };
        out.choice = choice;
        out.plugin = Some(self.reg.plugins[p].meta.name.clone());
        if let Err(fault) = self.run(p, snap, stream, &ctx, &mut out.messages) {
            out.disabled.push(Disabled {
                plugin: self.reg.plugins[p].meta.name.clone(),
                fault,
                while_probing: false,
            });
        }
        out
    }

    /// Port hints first (the first hinted plugin whose probe says more
    /// than 0), then the best probe of all others (at least
    /// [`PROBE_THRESHOLD`]).
    fn choose(
        &mut self,
        ctx: &StreamContext,
        first: &Chunk,
        opts: &DissectOptions,
        disabled: &mut Vec<Disabled>,
    ) -> Option<(usize, Choice)> {
        let port = ctx.server_port.or(ctx.client_port);
        let hinted: Vec<usize> = (0..self.reg.plugins.len())
            .filter(|&p| {
                port.is_some_and(|port| {
                    self.reg.plugins[p]
                        .meta
                        .default_ports
                        .iter()
                        .any(|h| h.port == port && same_transport(h.transport, ctx.transport))
                })
            })
            .collect();
        for &p in &hinted {
            if let Some(score) = self.probe(p, ctx, first, disabled)
                && score > 0
            {
                return Some((p, Choice::Port(score)));
            }
        }
        if opts.ports_only {
            return None;
        }
        let mut best: Option<(usize, u8)> = None;
        for p in 0..self.reg.plugins.len() {
            if hinted.contains(&p) {
                continue;
            }
            if let Some(score) = self.probe(p, ctx, first, disabled)
                && score >= PROBE_THRESHOLD
                && best.is_none_or(|(_, b)| score > b)
            {
                best = Some((p, score));
            }
        }
        best.map(|(p, s)| (p, Choice::Probe(s)))
    }

    fn probe(
        &mut self,
        p: usize,
        ctx: &StreamContext,
        first: &Chunk,
        disabled: &mut Vec<Disabled>,
    ) -> Option<u8> {
        let limits = self.reg.host.limits;
        match self.with(p, |i| i.probe(&limits, ctx, first)) {
            Ok(s) => Some(s),
            Err(fault) => {
                disabled.push(Disabled {
                    plugin: self.reg.plugins[p].meta.name.clone(),
                    fault,
                    while_probing: true,
                });
                None
            }
        }
    }

    /// Feeds a whole stream to plugin `p`.
    fn run(
        &mut self,
        p: usize,
        snap: &Snapshot,
        stream: &Stream,
        ctx: &StreamContext,
        messages: &mut Vec<Message>,
    ) -> Result<(), Fault> {
        let chunks = stream
            .segments
            .iter()
            .map(|seg| chunk_of(snap, stream, seg));
        self.run_chunks(p, ctx, chunks, messages)
    }

    /// Feeds chunks to plugin `p` as one stream.
    fn run_chunks(
        &mut self,
        p: usize,
        ctx: &StreamContext,
        chunks: impl Iterator<Item = Chunk>,
        messages: &mut Vec<Message>,
    ) -> Result<(), Fault> {
        let limits = self.reg.host.limits;
        let mut session: SessionHandle = self.with(p, |i| i.open(&limits, ctx))?;
        for chunk in chunks {
            let mut got = self.with(p, |i| i.feed(&limits, &mut session, &chunk))?;
            messages.append(&mut got);
        }
        let mut got = self.with(p, |i| i.finish(&limits, &mut session))?;
        messages.append(&mut got);
        self.with(p, |i| i.close(&limits, session))
    }
}

/// Whether a port hint's transport fits a stream's (hints for TCP also
/// fit IP sockets whose L4 protocol the capture did not record).
fn same_transport(hint: Transport, stream: Transport) -> bool {
    hint == stream || stream == Transport::OtherIp
}

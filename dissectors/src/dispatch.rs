//! Choosing a dissector per stream and running them over a capture, in
//! parallel, with one pool of instances per worker thread.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use scapscope_core::store::Snapshot;
use scapscope_core::streams::{Segment, Stream, segment_data};

use crate::batch::{
    BATCH_BYTES, BATCH_CHUNKS, BATCH_STREAMS, Builder, ChunkRef, Job, StreamOut, read_output,
};
use crate::host::{Api, Host, LoadError, Origin, Plugin};
use crate::instance::{Fault, Instance, SessionHandle};
use crate::validate::Delivered;
use crate::{Chunk, Direction, Message, StreamContext, Transport};

/// A stream's messages, and the fault that stopped its plugin, if one
/// did.
pub type Outcome = (Vec<Message>, Option<Fault>);

/// Most streams a worker takes at a time: the probes and decoding of a
/// group are batched per plugin (API 0.2.0).
const GROUP_STREAMS: usize = 64;

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
        // Groups small enough that every thread gets several.
        let group = (streams.len() / (threads * 8)).clamp(1, GROUP_STREAMS);
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<StreamDissection>>> = Mutex::new(vec![None; streams.len()]);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    let mut w = Worker::new(self);
                    loop {
                        let i = next.fetch_add(group, Ordering::Relaxed);
                        if i >= streams.len() {
                            break;
                        }
                        let end = (i + group).min(streams.len());
                        let r = w.dissect_group(snap, &streams[i..end], opts);
                        if let Ok(mut v) = results.lock() {
                            for (k, d) in r.into_iter().enumerate() {
                                v[i + k] = Some(d);
                            }
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
        w.probe_many(p, &[(ctx, first)]).pop()
    }

    /// Runs one plugin's probe on several streams' first chunks, batched
    /// (in a fresh instance); one result per item, in order.
    pub fn probe_all(
        &self,
        plugin: &str,
        items: &[(&StreamContext, &Chunk)],
    ) -> Option<Vec<Result<u8, Fault>>> {
        let p = self.index_of(plugin)?;
        Some(Worker::new(self).probe_many(p, items))
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
        Worker::new(self)
            .dissect_group(snap, &[stream], &opts)
            .pop()
            .unwrap_or(StreamDissection {
                stream: stream.id,
                plugin: None,
                choice: Choice::Unclaimed,
                messages: Vec::new(),
                disabled: Vec::new(),
            })
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
    pub fn run(&mut self, plugin: &str, ctx: &StreamContext, chunks: &[Chunk]) -> Option<Outcome> {
        self.run_many(plugin, &[(ctx, chunks)])?.pop()
    }

    /// Decodes several streams with plugin `plugin` (batched, for plugins
    /// of API 0.2.0): per stream, its messages and the fault that stopped
    /// the plugin on it, if one did. `None` when no plugin has that name.
    pub fn run_many(
        &mut self,
        plugin: &str,
        streams: &[(&StreamContext, &[Chunk])],
    ) -> Option<Vec<Outcome>> {
        let p = self.worker.reg.index_of(plugin)?;
        let jobs: Vec<Job<'_>> = streams
            .iter()
            .map(|(ctx, chunks)| Job {
                ctx,
                chunks: chunks.iter().map(ChunkRef::of).collect(),
            })
            .collect();
        Some(self.worker.run_many(p, &jobs))
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

    /// Chooses a dissector for each stream and decodes them, probing and
    /// decoding in batches per plugin.
    fn dissect_group(
        &mut self,
        snap: &Snapshot,
        streams: &[&Stream],
        opts: &DissectOptions,
    ) -> Vec<StreamDissection> {
        let mut out: Vec<StreamDissection> = streams
            .iter()
            .map(|s| StreamDissection {
                stream: s.id,
                plugin: None,
                choice: Choice::Unclaimed,
                messages: Vec::new(),
                disabled: Vec::new(),
            })
            .collect();
        let ctxs: Vec<StreamContext> = streams.iter().map(|s| StreamContext::of(&s.info)).collect();
        let mut chosen: Vec<Option<usize>> = vec![None; streams.len()];
        let mut firsts: Vec<Option<Chunk>> = vec![None; streams.len()];
        let mut undecided = Vec::new();
        for (k, stream) in streams.iter().enumerate() {
            let forced = opts
                .force
                .get(&stream.id)
                .or(opts.force_all.as_ref())
                .and_then(|n| self.reg.index_of(n));
            if let Some(p) = forced {
                chosen[k] = Some(p);
                out[k].choice = Choice::Forced;
                continue;
            }
            match probe_chunk(snap, stream) {
                Some(c) => {
                    firsts[k] = Some(c);
                    undecided.push(k);
                }
                None => out[k].choice = Choice::NoData,
            }
        }
        self.choose_all(&ctxs, &firsts, undecided, opts, &mut chosen, &mut out);
        for p in 0..self.reg.plugins.len() {
            let ks: Vec<usize> = (0..streams.len())
                .filter(|&k| chosen[k] == Some(p))
                .collect();
            if ks.is_empty() {
                continue;
            }
            let jobs: Vec<Job<'_>> = ks
                .iter()
                .map(|&k| Job {
                    ctx: &ctxs[k],
                    chunks: streams[k]
                        .segments
                        .iter()
                        .map(|g| ChunkRef {
                            direction: Direction::from_core(g.direction),
                            ts_ns: g.ts_ns,
                            offset: g.offset_bytes,
                            data: segment_data(snap, g),
                            missing_after: g.gap_bytes(),
                            datagram: streams[k].datagrams,
                        })
                        .collect(),
                })
                .collect();
            let results = self.run_many(p, &jobs);
            let name = &self.reg.plugins[p].meta.name;
            for (&k, (messages, fault)) in ks.iter().zip(results) {
                out[k].plugin = Some(name.clone());
                out[k].messages = messages;
                if let Some(fault) = fault {
                    out[k].disabled.push(Disabled {
                        plugin: name.clone(),
                        fault,
                        while_probing: false,
                    });
                }
            }
        }
        out
    }

    /// Port hints first (the first hinted plugin whose probe says more
    /// than 0), then the best probe of all others (at least
    /// [`PROBE_THRESHOLD`]): for each stream the same probes, in the same
    /// order, as one stream at a time would make; the probes of one
    /// round go to each plugin in one batch.
    fn choose_all(
        &mut self,
        ctxs: &[StreamContext],
        firsts: &[Option<Chunk>],
        mut pending: Vec<usize>,
        opts: &DissectOptions,
        chosen: &mut [Option<usize>],
        out: &mut [StreamDissection],
    ) {
        let hinted: Vec<Vec<usize>> = ctxs
            .iter()
            .map(|ctx| {
                let port = ctx.server_port.or(ctx.client_port);
                (0..self.reg.plugins.len())
                    .filter(|&p| {
                        port.is_some_and(|port| {
                            self.reg.plugins[p].meta.default_ports.iter().any(|h| {
                                h.port == port && same_transport(h.transport, ctx.transport)
                            })
                        })
                    })
                    .collect()
            })
            .collect();
        for round in 0.. {
            let asks: Vec<(usize, usize)> = pending
                .iter()
                .filter_map(|&k| hinted[k].get(round).map(|&p| (k, p)))
                .collect();
            if asks.is_empty() {
                break;
            }
            for ((k, p), r) in asks.iter().zip(self.probe_asks(&asks, ctxs, firsts)) {
                match r {
                    Ok(score) if score > 0 => {
                        chosen[*k] = Some(*p);
                        out[*k].choice = Choice::Port(score);
                    }
                    Ok(_) => {}
                    Err(fault) => out[*k].disabled.push(self.disabled_probing(*p, fault)),
                }
            }
            pending.retain(|&k| chosen[k].is_none());
        }
        if opts.ports_only || pending.is_empty() {
            return;
        }
        let hinted = &hinted;
        let pending_ref = &pending;
        let asks: Vec<(usize, usize)> = (0..self.reg.plugins.len())
            .flat_map(|p| {
                pending_ref
                    .iter()
                    .filter(move |&&k| !hinted[k].contains(&p))
                    .map(move |&k| (k, p))
            })
            .collect();
        let mut best: Vec<Option<(usize, u8)>> = vec![None; ctxs.len()];
        for ((k, p), r) in asks.iter().zip(self.probe_asks(&asks, ctxs, firsts)) {
            match r {
                Ok(score)
                    if score >= PROBE_THRESHOLD && best[*k].is_none_or(|(_, b)| score > b) =>
                {
                    best[*k] = Some((*p, score));
                }
                Ok(_) => {}
                Err(fault) => out[*k].disabled.push(self.disabled_probing(*p, fault)),
            }
        }
        for k in pending {
            if let Some((p, score)) = best[k] {
                chosen[k] = Some(p);
                out[k].choice = Choice::Probe(score);
            }
        }
    }

    fn disabled_probing(&self, p: usize, fault: Fault) -> Disabled {
        Disabled {
            plugin: self.reg.plugins[p].meta.name.clone(),
            fault,
            while_probing: true,
        }
    }

    /// Runs probes `(stream, plugin)`, each plugin's in one batch; the
    /// results in the order of `asks`.
    fn probe_asks(
        &mut self,
        asks: &[(usize, usize)],
        ctxs: &[StreamContext],
        firsts: &[Option<Chunk>],
    ) -> Vec<Result<u8, Fault>> {
        let mut res: Vec<Option<Result<u8, Fault>>> = vec![None; asks.len()];
        for p in 0..self.reg.plugins.len() {
            let idx: Vec<usize> = (0..asks.len()).filter(|&a| asks[a].1 == p).collect();
            let items: Vec<(&StreamContext, &Chunk)> = idx
                .iter()
                .filter_map(|&a| {
                    let k = asks[a].0;
                    Some((&ctxs[k], firsts[k].as_ref()?))
                })
                .collect();
            if items.len() != idx.len() {
                continue;
            }
            for (a, r) in idx.into_iter().zip(self.probe_many(p, &items)) {
                res[a] = Some(r);
            }
        }
        res.into_iter().map(|r| r.unwrap_or(Ok(0))).collect()
    }

    /// Plugin `p`'s probe of each stream: one batch for API 0.2.0 (each
    /// alone again after a fault, to tell which stream caused it), one
    /// call each for 0.1.0.
    fn probe_many(
        &mut self,
        p: usize,
        items: &[(&StreamContext, &Chunk)],
    ) -> Vec<Result<u8, Fault>> {
        let limits = self.reg.host.limits;
        if self.reg.plugins[p].api() == Api::V1 {
            return items
                .iter()
                .map(|(ctx, first)| self.with(p, |i| i.probe(&limits, ctx, first)))
                .collect();
        }
        let batch = |items: &[(&StreamContext, &Chunk)]| {
            let mut b = Builder::default();
            for (k, (ctx, first)) in items.iter().enumerate() {
                b.start(k as u32, ctx);
                b.chunk(k as u32, &ChunkRef::of(first));
            }
            let fuel = b.fuel(&limits, items.len());
            (b.build(), fuel)
        };
        if items.len() > 1 {
            let (input, fuel) = batch(items);
            if let Ok(scores) = self.with(p, |i| i.probe_batch(fuel, &input)) {
                return scores.into_iter().map(Ok).collect();
            }
        }
        items
            .iter()
            .map(|item| {
                let (input, fuel) = batch(std::slice::from_ref(item));
                self.with(p, |i| i.probe_batch(fuel, &input))
                    .map(|s| s.first().copied().unwrap_or(0))
            })
            .collect()
    }

    /// Decodes streams with plugin `p`: per stream, its messages and the
    /// fault that stopped the plugin on it.
    fn run_many(&mut self, p: usize, jobs: &[Job<'_>]) -> Vec<Outcome> {
        if self.reg.plugins[p].api() == Api::V1 {
            return jobs
                .iter()
                .map(|job| {
                    let mut messages = Vec::new();
                    let chunks = job.chunks.iter().map(|c| c.to_chunk());
                    let fault = self.run_chunks(p, job.ctx, chunks, &mut messages).err();
                    (messages, fault)
                })
                .collect();
        }
        let mut out = Vec::with_capacity(jobs.len());
        let mut i = 0;
        while i < jobs.len() {
            let (mut j, mut bytes, mut chunks) = (i, 0, 0);
            while j < jobs.len() && j - i < BATCH_STREAMS {
                let (b, c) = (jobs[j].bytes(), jobs[j].chunks.len());
                if j > i && (bytes + b > BATCH_BYTES || chunks + c > BATCH_CHUNKS) {
                    break;
                }
                bytes += b;
                chunks += c;
                j += 1;
            }
            let group = &jobs[i..j];
            if group.len() == 1 && (bytes > BATCH_BYTES || chunks > BATCH_CHUNKS) {
                out.push(self.run_long(p, &group[0]));
            } else {
                match self.run_batch(p, group) {
                    Ok(r) => out.extend(r),
                    // Which stream did it? Each alone, one call per
                    // stream event, as API 0.1.0 would have: the fault
                    // lands on its stream, with the messages before it.
                    Err(_) => out.extend(group.iter().map(|job| self.run_stepwise(p, job))),
                }
            }
            i = j;
        }
        out
    }

    /// Streams that fit one batch, in one call.
    fn run_batch(&mut self, p: usize, group: &[Job<'_>]) -> Result<Vec<Outcome>, Fault> {
        let limits = self.reg.host.limits;
        let mut b = Builder::with_data_capacity(group.iter().map(Job::bytes).sum());
        let mut delivered = vec![Delivered::default(); group.len()];
        for (k, job) in group.iter().enumerate() {
            b.start(k as u32, job.ctx);
        }
        let mut calls = 2 * group.len();
        for (k, job) in group.iter().enumerate() {
            for c in &job.chunks {
                b.chunk(k as u32, c);
                delivered[k].add_parts(c.direction, c.offset, c.data.len(), c.missing_after);
            }
            calls += job.chunks.len();
        }
        for k in 0..group.len() {
            b.end(k as u32);
        }
        let fuel = b.fuel(&limits, calls);
        let input = b.build();
        let read = self
            .with(p, |i| i.dissect_batch(fuel, &input))
            .and_then(|raw| read_output(raw, &delivered, &limits));
        if read.is_err() {
            self.instances[p] = None;
        }
        Ok(read?.into_iter().map(outcome).collect())
    }

    /// A stream too big for one batch, in parts of a batch's size.
    fn run_long(&mut self, p: usize, job: &Job<'_>) -> Outcome {
        let limits = self.reg.host.limits;
        let mut messages = Vec::new();
        let mut delivered = Delivered::default();
        let mut k = 0;
        let mut first = true;
        loop {
            let mut b = Builder::default();
            if first {
                b.start(0, job.ctx);
            }
            let (mut bytes, mut count) = (0, 0);
            while let Some(c) = job.chunks.get(k) {
                if count > 0 && (bytes + c.data.len() > BATCH_BYTES || count >= BATCH_CHUNKS) {
                    break;
                }
                b.chunk(0, c);
                delivered.add_parts(c.direction, c.offset, c.data.len(), c.missing_after);
                bytes += c.data.len();
                count += 1;
                k += 1;
            }
            let last = k >= job.chunks.len();
            if last {
                b.end(0);
            }
            let fuel = b.fuel(&limits, count + usize::from(first) + usize::from(last));
            let input = b.build();
            let read = self
                .with(p, |i| i.dissect_batch(fuel, &input))
                .and_then(|raw| read_output(raw, std::slice::from_ref(&delivered), &limits));
            let Ok(mut read) = read else {
                self.instances[p] = None;
                return self.run_stepwise(p, job);
            };
            let (mut got, fault) = read.pop().map(outcome).unwrap_or_default();
            messages.append(&mut got);
            if fault.is_some() || last {
                return (messages, fault);
            }
            first = false;
        }
    }

    /// One stream, one call per stream event (start, each chunk, end), as
    /// API 0.1.0 makes them: a fault stops the plugin on this stream and
    /// keeps the messages of the calls before.
    fn run_stepwise(&mut self, p: usize, job: &Job<'_>) -> Outcome {
        let limits = self.reg.host.limits;
        let mut messages = Vec::new();
        let mut delivered = Delivered::default();
        let n = job.chunks.len();
        for step in 0..n + 2 {
            let mut b = Builder::default();
            if step == 0 {
                b.start(0, job.ctx);
            } else if step <= n {
                let c = &job.chunks[step - 1];
                b.chunk(0, c);
                delivered.add_parts(c.direction, c.offset, c.data.len(), c.missing_after);
            } else {
                b.end(0);
            }
            let fuel = b.fuel(&limits, 1);
            let input = b.build();
            let read = self
                .with(p, |i| i.dissect_batch(fuel, &input))
                .and_then(|raw| read_output(raw, std::slice::from_ref(&delivered), &limits));
            match read {
                Ok(mut r) => {
                    let (mut got, fault) = r.pop().map(outcome).unwrap_or_default();
                    messages.append(&mut got);
                    if fault.is_some() {
                        return (messages, fault);
                    }
                }
                Err(fault) => {
                    self.instances[p] = None;
                    return (messages, Some(fault));
                }
            }
        }
        (messages, None)
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

/// A stream's messages, and the plugin giving it up as a fault.
fn outcome(s: StreamOut) -> Outcome {
    let fault = s.gave_up.map(|message| Fault::PluginError { message });
    (s.messages, fault)
}

/// Whether a port hint's transport fits a stream's (hints for TCP also
/// fit IP sockets whose L4 protocol the capture did not record).
fn same_transport(hint: Transport, stream: Transport) -> bool {
    hint == stream || stream == Transport::OtherIp
}

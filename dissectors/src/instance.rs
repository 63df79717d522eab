//! One plugin instance in its own store, and every call into it under the
//! limits: fuel per call, memory through a resource limiter, output
//! checked on return.

use wasmtime::component::ResourceAny;
use wasmtime::{ResourceLimiter, Store, Trap};

use crate::bindings::Plugin as BindingsV1;
use crate::bindings_v2::Plugin as BindingsV2;
use crate::bindings_v2::scapscope::dissector::batch::{BatchInput, BatchOutput};
use crate::host::{Host, Limits, Plugin, Pre};
use crate::validate::{Delivered, check_messages};
use crate::{Chunk, Message, Metadata, StreamContext};

/// Why a plugin was stopped. It is disabled for the stream it was working
/// on; its instance is thrown away (a store that trapped is not reused).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    /// It used up its fuel: an endless or far too long loop.
    #[error("ran out of its budget of {fuel} fuel units for one call (an endless loop?)")]
    Timeout {
        /// The budget of the call.
        fuel: u64,
    },
    /// It asked for more memory than allowed.
    #[error("tried to grow its memory past the limit of {limit_bytes} bytes")]
    MemoryLimit {
        /// The limit.
        limit_bytes: usize,
    },
    /// Its call stack overflowed (unbounded recursion).
    #[error("exhausted its call stack (unbounded recursion?)")]
    StackOverflow,
    /// It trapped (a panic, an out-of-bounds access, …).
    #[error("trapped: {message}")]
    Trap {
        /// wasmtime's description.
        message: String,
    },
    /// It returned more data than allowed.
    #[error("returned {bytes} bytes from one call, over the cap of {cap} bytes")]
    OutputTooLarge {
        /// What it returned.
        bytes: usize,
        /// The cap.
        cap: usize,
    },
    /// It returned malformed messages.
    #[error("returned a malformed message: {detail}")]
    BadOutput {
        /// What is wrong.
        detail: String,
    },
    /// It reported that it cannot decode the stream.
    #[error("gave up: {message}")]
    PluginError {
        /// Its message.
        message: String,
    },
    /// It could not be instantiated.
    #[error("cannot be instantiated: {message}")]
    Instantiate {
        /// wasmtime's explanation.
        message: String,
    },
}

/// Memory accounting of one store.
pub(crate) struct Limiter {
    memory_bytes: usize,
    exceeded: bool,
}

impl ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.memory_bytes {
            // An error (not `Ok(false)`) traps at the `memory.grow`, so a
            // guest that ignores allocation failure cannot go on.
            self.exceeded = true;
            return Err(wasmtime::format_err!(
                "memory limit of {} bytes reached",
                self.memory_bytes
            ));
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= 1 << 20)
    }

    fn instances(&self) -> usize {
        64
    }

    fn tables(&self) -> usize {
        64
    }

    fn memories(&self) -> usize {
        16
    }
}

impl crate::bindings::scapscope::dissector::types::Host for HostState {}
impl crate::bindings_v2::scapscope::dissector::types::Host for HostState {}
impl crate::bindings_v2::scapscope::dissector::batch::Host for HostState {}

/// The data of a plugin's store.
pub(crate) struct HostState {
    limiter: Limiter,
}

/// The exports of a live instance, by API version.
enum Bindings {
    V1(BindingsV1),
    V2(BindingsV2),
}

/// A live instance.
pub(crate) struct Instance {
    store: Store<HostState>,
    bindings: Bindings,
}

/// A call made to a plugin of the other API version: a bug in the host,
/// reported as a fault rather than a panic.
fn wrong_api() -> Fault {
    Fault::Trap {
        message: "host called the wrong API version".into(),
    }
}

/// A session resource inside an instance.
pub(crate) struct SessionHandle {
    res: ResourceAny,
    delivered: Delivered,
}

impl Instance {
    /// Instantiates a plugin in a fresh store.
    pub(crate) fn new(host: &Host, plugin: &Plugin) -> Result<Instance, Fault> {
        let mut store = Store::new(
            &host.engine,
            HostState {
                limiter: Limiter {
                    memory_bytes: host.limits.memory_bytes,
                    exceeded: false,
                },
            },
        );
        store.limiter(|s| &mut s.limiter);
        let fuel = host.limits.fuel_per_call;
        store.set_fuel(fuel).map_err(|e| Fault::Instantiate {
            message: format!("{e:#}"),
        })?;
        let made = match &plugin.pre {
            Pre::V1(pre) => pre.instantiate(&mut store).map(Bindings::V1),
            Pre::V2(pre) => pre.instantiate(&mut store).map(Bindings::V2),
        };
        let bindings = match made {
            Ok(b) => b,
            Err(e) => {
                return Err(match classify(e, &store, fuel) {
                    Fault::Trap { message } => Fault::Instantiate { message },
                    f => f,
                });
            }
        };
        Ok(Instance { store, bindings })
    }

    fn call<R>(
        &mut self,
        fuel: u64,
        f: impl FnOnce(&mut Store<HostState>, &Bindings) -> wasmtime::Result<R>,
    ) -> Result<R, Fault> {
        self.store.set_fuel(fuel).map_err(|e| Fault::Trap {
            message: format!("{e:#}"),
        })?;
        f(&mut self.store, &self.bindings).map_err(|e| classify(e, &self.store, fuel))
    }

    /// The plugin's metadata.
    pub(crate) fn metadata(&mut self, limits: &Limits) -> Result<Metadata, Fault> {
        let m = self.call(limits.fuel_per_call, |s, b| match b {
            Bindings::V1(b) => b.scapscope_dissector_dissector().call_describe(s),
            Bindings::V2(b) => b
                .scapscope_dissector_dissector()
                .call_describe(s)
                .map(Metadata::from),
        })?;
        let bytes = m.name.len()
            + m.version.len()
            + m.description.len()
            + m.protocols.iter().map(|p| p.len() + 16).sum::<usize>()
            + m.default_ports.len() * 8;
        if bytes > limits.output_bytes_per_call {
            return Err(Fault::OutputTooLarge {
                bytes,
                cap: limits.output_bytes_per_call,
            });
        }
        Ok(m)
    }

    /// The plugin's probe score for a stream (0–100).
    pub(crate) fn probe(
        &mut self,
        limits: &Limits,
        ctx: &StreamContext,
        first: &Chunk,
    ) -> Result<u8, Fault> {
        let fuel = fuel_for(limits, first.data.len());
        let score = self.call(fuel, |s, b| match b {
            Bindings::V1(b) => b.scapscope_dissector_dissector().call_probe(s, ctx, first),
            Bindings::V2(_) => Err(wasmtime::format_err!("wrong API")),
        })?;
        if score > 100 {
            return Err(Fault::BadOutput {
                detail: format!("probe score {score} is over 100"),
            });
        }
        Ok(score)
    }

    /// Starts a session on a stream.
    pub(crate) fn open(
        &mut self,
        limits: &Limits,
        ctx: &StreamContext,
    ) -> Result<SessionHandle, Fault> {
        let Bindings::V1(_) = self.bindings else {
            return Err(wrong_api());
        };
        let res = self.call(limits.fuel_per_call, |s, b| match b {
            Bindings::V1(b) => b
                .scapscope_dissector_dissector()
                .session()
                .call_constructor(s, ctx),
            Bindings::V2(_) => Err(wasmtime::format_err!("wrong API")),
        })?;
        Ok(SessionHandle {
            res,
            delivered: Delivered::default(),
        })
    }

    /// Feeds a chunk; returns the messages it completed, checked.
    pub(crate) fn feed(
        &mut self,
        limits: &Limits,
        session: &mut SessionHandle,
        chunk: &Chunk,
    ) -> Result<Vec<Message>, Fault> {
        session.delivered.add(chunk);
        let fuel = fuel_for(limits, chunk.data.len());
        let res = session.res;
        let out = self.call(fuel, |s, b| match b {
            Bindings::V1(b) => b
                .scapscope_dissector_dissector()
                .session()
                .call_feed(s, res, chunk),
            Bindings::V2(_) => Err(wasmtime::format_err!("wrong API")),
        })?;
        let msgs = out.map_err(|message| Fault::PluginError {
            message: truncate(message, 1024),
        })?;
        check_messages(&msgs, &session.delivered, limits)?;
        Ok(msgs)
    }

    /// Ends a session: the messages still pending, checked.
    pub(crate) fn finish(
        &mut self,
        limits: &Limits,
        session: &mut SessionHandle,
    ) -> Result<Vec<Message>, Fault> {
        let res = session.res;
        let msgs = self.call(limits.fuel_per_call, |s, b| match b {
            Bindings::V1(b) => b
                .scapscope_dissector_dissector()
                .session()
                .call_finish(s, res),
            Bindings::V2(_) => Err(wasmtime::format_err!("wrong API")),
        })?;
        check_messages(&msgs, &session.delivered, limits)?;
        Ok(msgs)
    }

    /// Frees a session's guest state.
    pub(crate) fn close(&mut self, limits: &Limits, session: SessionHandle) -> Result<(), Fault> {
        self.call(limits.fuel_per_call, |s, _| session.res.resource_drop(s))
    }

    /// API 0.2.0: probes a batch with `fuel`; one score per start,
    /// checked.
    pub(crate) fn probe_batch(&mut self, fuel: u64, input: &BatchInput) -> Result<Vec<u8>, Fault> {
        let Bindings::V2(_) = self.bindings else {
            return Err(wrong_api());
        };
        let scores = self.call(fuel, |s, b| match b {
            Bindings::V2(b) => b.scapscope_dissector_dissector().call_probe(s, input),
            Bindings::V1(_) => Err(wasmtime::format_err!("wrong API")),
        })?;
        if scores.len() != input.starts.len() {
            return Err(Fault::BadOutput {
                detail: format!(
                    "probe returned {} scores for {} streams",
                    scores.len(),
                    input.starts.len()
                ),
            });
        }
        if let Some(score) = scores.iter().find(|&&s| s > 100) {
            return Err(Fault::BadOutput {
                detail: format!("probe score {score} is over 100"),
            });
        }
        Ok(scores)
    }

    /// API 0.2.0: decodes a batch with `fuel`. The output is raw; the
    /// caller checks it.
    pub(crate) fn dissect_batch(
        &mut self,
        fuel: u64,
        input: &BatchInput,
    ) -> Result<BatchOutput, Fault> {
        let Bindings::V2(_) = self.bindings else {
            return Err(wrong_api());
        };
        self.call(fuel, |s, b| match b {
            Bindings::V2(b) => b.scapscope_dissector_dissector().call_dissect(s, input),
            Bindings::V1(_) => Err(wasmtime::format_err!("wrong API")),
        })
    }
}

pub(crate) fn fuel_for(limits: &Limits, bytes: usize) -> u64 {
    limits
        .fuel_per_call
        .saturating_add(limits.fuel_per_byte.saturating_mul(bytes as u64))
}

pub(crate) fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut i = max;
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        s.truncate(i);
        s.push('…');
    }
    s
}

/// Names what stopped a call.
fn classify(e: wasmtime::Error, store: &Store<HostState>, fuel: u64) -> Fault {
    if store.data().limiter.exceeded {
        return Fault::MemoryLimit {
            limit_bytes: store.data().limiter.memory_bytes,
        };
    }
    match e.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => Fault::Timeout { fuel },
        Some(Trap::StackOverflow) => Fault::StackOverflow,
        Some(t) => Fault::Trap {
            message: t.to_string(),
        },
        None => Fault::Trap {
            message: truncate(format!("{e:#}"), 1024),
        },
    }
}

//! API 0.2.0 on the host side: streams flattened into a `batch-input`,
//! and a `batch-output` read back into messages, every span and count
//! checked.

use crate::bindings_v2::scapscope::dissector::batch::{
    BatchInput, BatchOutput, Span, StreamChunk, StreamStart,
};
use crate::host::Limits;
use crate::instance::{Fault, truncate};
use crate::validate::{Delivered, check_shapes};
use crate::{Chunk, Direction, Field, Message, StreamContext};

/// Most captured bytes in one batch: a batch's output must stay under
/// the per-call output cap (messages take several times their bytes) and
/// its input within the plugin's memory.
pub(crate) const BATCH_BYTES: usize = 256 << 10;
/// Most chunks in one batch.
pub(crate) const BATCH_CHUNKS: usize = 2048;
/// Most streams in one batch.
pub(crate) const BATCH_STREAMS: usize = 256;
/// A batch gets the fuel of this many calls at most (plus its bytes'),
/// whatever it replaces: a plugin that spins is found out in a bounded
/// time, and then every stream of the batch is rerun alone with the
/// budget of single calls.
const BATCH_FUEL_CALLS: u64 = 4;

/// A chunk whose bytes are borrowed (from the mapped capture, or from a
/// caller's [`Chunk`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChunkRef<'a> {
    pub direction: Direction,
    pub ts_ns: u64,
    pub offset: u64,
    pub data: &'a [u8],
    pub missing_after: u64,
    pub datagram: bool,
}

impl<'a> ChunkRef<'a> {
    pub(crate) fn of(c: &'a Chunk) -> ChunkRef<'a> {
        ChunkRef {
            direction: c.direction,
            ts_ns: c.ts_ns,
            offset: c.offset,
            data: &c.data,
            missing_after: c.missing_after,
            datagram: c.datagram,
        }
    }

    pub(crate) fn to_chunk(self) -> Chunk {
        Chunk {
            direction: self.direction,
            ts_ns: self.ts_ns,
            offset: self.offset,
            data: self.data.to_vec(),
            missing_after: self.missing_after,
            datagram: self.datagram,
        }
    }
}

/// One stream to decode.
#[derive(Debug, Clone)]
pub(crate) struct Job<'a> {
    pub ctx: &'a StreamContext,
    pub chunks: Vec<ChunkRef<'a>>,
}

impl Job<'_> {
    pub(crate) fn bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.data.len()).sum()
    }
}

fn span(start: usize, len: usize) -> Span {
    Span {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        len: u32::try_from(len).unwrap_or(u32::MAX),
    }
}

/// Builds a `batch-input`.
#[derive(Default)]
pub(crate) struct Builder {
    text: String,
    data: Vec<u8>,
    starts: Vec<StreamStart>,
    chunks: Vec<StreamChunk>,
    ends: Vec<u32>,
}

impl Builder {
    fn text(&mut self, s: &str) -> Span {
        let sp = span(self.text.len(), s.len());
        self.text.push_str(s);
        sp
    }

    pub(crate) fn start(&mut self, id: u32, ctx: &StreamContext) {
        let process_name = self.text(&ctx.process_name);
        let fd_name = self.text(&ctx.fd_name);
        self.starts.push(StreamStart {
            stream_id: id,
            transport: ctx.transport.into(),
            role: ctx.role.into(),
            client_port: ctx.client_port,
            server_port: ctx.server_port,
            process_name,
            fd_name,
        });
    }

    pub(crate) fn chunk(&mut self, id: u32, c: &ChunkRef<'_>) {
        let data = span(self.data.len(), c.data.len());
        self.data.extend_from_slice(c.data);
        self.chunks.push(StreamChunk {
            stream_id: id,
            direction: c.direction.into(),
            ts_ns: c.ts_ns,
            offset: c.offset,
            data,
            missing_after: c.missing_after,
            datagram: c.datagram,
        });
    }

    pub(crate) fn end(&mut self, id: u32) {
        self.ends.push(id);
    }

    /// Fuel for a batch standing for `calls` calls of API 0.1.0: a
    /// call's each, up to [`BATCH_FUEL_CALLS`] calls, plus the bytes'.
    pub(crate) fn fuel(&self, limits: &Limits, calls: usize) -> u64 {
        let calls = calls as u64;
        limits
            .fuel_per_call
            .saturating_mul(calls.clamp(1, BATCH_FUEL_CALLS))
            .saturating_add(limits.fuel_per_byte.saturating_mul(self.data.len() as u64))
    }

    pub(crate) fn build(self) -> BatchInput {
        BatchInput {
            text: self.text,
            data: self.data,
            starts: self.starts,
            chunks: self.chunks,
            ends: self.ends,
        }
    }
}

/// What a batch gave for one of its streams.
#[derive(Debug, Default)]
pub(crate) struct StreamOut {
    pub messages: Vec<Message>,
    /// The plugin gave the stream up, saying why.
    pub gave_up: Option<String>,
}

fn bad(detail: String) -> Fault {
    Fault::BadOutput { detail }
}

/// Reads a batch's output for streams `0..delivered.len()` (the stream
/// numbers the batch used), each checked against what it was delivered.
/// The whole output counts against one call's output cap.
pub(crate) fn read_output(
    out: BatchOutput,
    delivered: &[Delivered],
    limits: &Limits,
) -> Result<Vec<StreamOut>, Fault> {
    // Counted as `validate::message_bytes` counts messages, before any
    // string is copied.
    let bytes = out.text.len()
        + 64 * out.messages.len()
        + 24 * out.fields.len()
        + 8 * (out.errors.len() + out.failures.len());
    if bytes > limits.output_bytes_per_call {
        return Err(Fault::OutputTooLarge {
            bytes,
            cap: limits.output_bytes_per_call,
        });
    }
    let text = out.text.as_str();
    let get = |s: Span, what: &str| -> Result<String, Fault> {
        let start = s.start as usize;
        text.get(start..start.saturating_add(s.len as usize))
            .map(str::to_string)
            .ok_or_else(|| {
                bad(format!(
                    "{what} names bytes {start}..+{} of a {}-byte text, or not on character boundaries",
                    s.len,
                    text.len()
                ))
            })
    };
    let stream = |id: u32| -> Result<usize, Fault> {
        let i = id as usize;
        if i < delivered.len() {
            Ok(i)
        } else {
            Err(bad(format!(
                "output names stream {id}, but the batch had {} streams",
                delivered.len()
            )))
        }
    };
    let mut res: Vec<StreamOut> = (0..delivered.len()).map(|_| StreamOut::default()).collect();
    let mut fields = out.fields.iter();
    let mut errors = out.errors.iter();
    for m in &out.messages {
        let i = stream(m.stream_id)?;
        let mut msg = Message {
            protocol: get(m.protocol, "a message's protocol")?,
            direction: m.direction.into(),
            kind: m.kind.into(),
            summary: get(m.summary, "a message's summary")?,
            ts_ns: m.ts_ns,
            offset: m.offset,
            len: m.len,
            fields: Vec::with_capacity((m.field_count as usize).min(out.fields.len())),
            pair_key: m.pair_key.map(|k| get(k, "a pair key")).transpose()?,
            errors: Vec::new(),
        };
        for _ in 0..m.field_count {
            let f = fields.next().ok_or_else(|| {
                bad(format!(
                    "message {:?} counts more fields than the output holds ({})",
                    msg.summary,
                    out.fields.len()
                ))
            })?;
            msg.fields.push(Field {
                name: get(f.name, "a field's name")?,
                value: get(f.value, "a field's value")?,
                depth: f.depth,
                offset: f.offset,
                len: f.len,
            });
        }
        for _ in 0..m.error_count {
            let e = errors.next().ok_or_else(|| {
                bad(format!(
                    "message {:?} counts more errors than the output holds ({})",
                    msg.summary,
                    out.errors.len()
                ))
            })?;
            msg.errors.push(get(*e, "an error")?);
        }
        res[i].messages.push(msg);
    }
    if fields.next().is_some() || errors.next().is_some() {
        return Err(bad(
            "the output holds fields or errors that no message counts".into(),
        ));
    }
    for f in &out.failures {
        let i = stream(f.stream_id)?;
        res[i].gave_up = Some(truncate(get(f.reason, "a failure's reason")?, 1024));
    }
    for (r, d) in res.iter().zip(delivered) {
        check_shapes(&r.messages, d)?;
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings_v2::scapscope::dissector::batch::{FlatField, FlatMessage, StreamFailure};
    use crate::bindings_v2::scapscope::dissector::types as v2;

    fn message(stream_id: u32, summary: Span, field_count: u32, error_count: u32) -> FlatMessage {
        FlatMessage {
            stream_id,
            protocol: Span { start: 0, len: 3 },
            direction: v2::Direction::Inbound,
            kind: v2::MessageKind::Request,
            summary,
            ts_ns: 5,
            offset: 0,
            len: 2,
            field_count,
            pair_key: Some(Span { start: 3, len: 1 }),
            error_count,
        }
    }

    /// Text "dnsk" + "é": two streams, each delivered 10 inbound bytes.
    fn output() -> (BatchOutput, Vec<Delivered>) {
        let mut d = Delivered::default();
        d.add_parts(Direction::Inbound, 0, 10, 0);
        let out = BatchOutput {
            text: "dnské".into(),
            messages: vec![
                message(1, Span { start: 0, len: 4 }, 1, 0),
                message(0, Span { start: 4, len: 2 }, 0, 1),
            ],
            fields: vec![FlatField {
                name: Span { start: 0, len: 1 },
                value: Span { start: 4, len: 2 },
                depth: 0,
                offset: 1,
                len: 1,
            }],
            errors: vec![Span { start: 1, len: 2 }],
            failures: vec![StreamFailure {
                stream_id: 0,
                reason: Span { start: 0, len: 0 },
            }],
        };
        (out, vec![d, d])
    }

    #[test]
    fn outputs_are_read_per_stream() {
        let (out, d) = output();
        let r = read_output(out, &d, &Limits::default()).unwrap();
        assert_eq!(r[0].messages.len(), 1);
        assert_eq!(r[0].messages[0].summary, "é");
        assert_eq!(r[0].messages[0].errors, vec!["ns".to_string()]);
        assert_eq!(r[0].gave_up.as_deref(), Some(""));
        assert_eq!(r[1].messages[0].summary, "dnsk");
        assert_eq!(r[1].messages[0].protocol, "dns");
        assert_eq!(r[1].messages[0].pair_key.as_deref(), Some("k"));
        assert_eq!(r[1].messages[0].fields[0].value, "é");
        assert!(r[1].gave_up.is_none());
    }

    #[test]
    fn bad_outputs_are_refused() {
        let l = Limits::default();
        let refused = |f: &dyn Fn(&mut BatchOutput)| {
            let (mut out, d) = output();
            f(&mut out);
            read_output(out, &d, &l).unwrap_err()
        };
        // Mid-character span.
        assert!(matches!(
            refused(&|o| o.messages[0].summary = Span { start: 5, len: 1 }),
            Fault::BadOutput { .. }
        ));
        // Past the end of the text.
        assert!(matches!(
            refused(&|o| o.fields[0].name = Span {
                start: u32::MAX,
                len: u32::MAX
            }),
            Fault::BadOutput { .. }
        ));
        // Unknown stream.
        assert!(matches!(
            refused(&|o| o.messages[1].stream_id = 2),
            Fault::BadOutput { .. }
        ));
        assert!(matches!(
            refused(&|o| o.failures[0].stream_id = 7),
            Fault::BadOutput { .. }
        ));
        // Counts that do not add up, either way.
        assert!(matches!(
            refused(&|o| o.messages[0].field_count = 2),
            Fault::BadOutput { .. }
        ));
        assert!(matches!(
            refused(&|o| o.messages[1].error_count = 0),
            Fault::BadOutput { .. }
        ));
        // Bytes the stream was not delivered.
        assert!(matches!(
            refused(&|o| o.messages[0].len = 11),
            Fault::BadOutput { .. }
        ));
        // Over the cap.
        let (out, d) = output();
        let small = Limits {
            output_bytes_per_call: 100,
            ..Limits::default()
        };
        assert!(matches!(
            read_output(out, &d, &small),
            Err(Fault::OutputTooLarge { cap: 100, .. })
        ));
    }

    #[test]
    fn fuel_is_bounded_per_batch() {
        let l = Limits::default();
        let ctx = StreamContext {
            transport: crate::Transport::Udp,
            role: crate::Role::Client,
            client_port: None,
            server_port: None,
            process_name: String::new(),
            fd_name: String::new(),
        };
        let mut b = Builder::default();
        b.start(0, &ctx);
        assert_eq!(b.fuel(&l, 1), l.fuel_per_call);
        assert_eq!(b.fuel(&l, 0), l.fuel_per_call);
        let data = [0u8; 10];
        b.chunk(
            0,
            &ChunkRef {
                direction: Direction::Inbound,
                ts_ns: 0,
                offset: 0,
                data: &data,
                missing_after: 0,
                datagram: true,
            },
        );
        assert_eq!(b.fuel(&l, 2), 2 * l.fuel_per_call + 10 * l.fuel_per_byte);
        assert_eq!(
            b.fuel(&l, 300),
            l.fuel_per_call * BATCH_FUEL_CALLS + 10 * l.fuel_per_byte
        );
    }
}

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
    /// A builder for `data_bytes` of chunk data.
    pub(crate) fn with_data_capacity(data_bytes: usize) -> Builder {
        Builder {
            data: Vec::with_capacity(data_bytes),
            ..Builder::default()
        }
    }

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
        + 24 * out.field_depths.len()
        + 8 * (out.string_ends.len() + out.given_up.len());
    if bytes > limits.output_bytes_per_call {
        return Err(Fault::OutputTooLarge {
            bytes,
            cap: limits.output_bytes_per_call,
        });
    }
    let n_fields = out.field_depths.len();
    if out.field_offsets.len() != n_fields || out.field_lens.len() != n_fields {
        return Err(bad(format!(
            "field columns differ in length ({} depths, {} offsets, {} lengths)",
            n_fields,
            out.field_offsets.len(),
            out.field_lens.len()
        )));
    }
    let mut strings = Strings {
        text: &out.text,
        ends: out.string_ends.iter(),
        start: 0,
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
    let mut field = 0usize;
    for m in &out.messages {
        let i = stream(m.stream_id)?;
        let count = m.field_count as usize;
        if count > n_fields - field {
            return Err(bad(format!(
                "a message counts {count} fields, but the output holds {} more",
                n_fields - field
            )));
        }
        let protocol = strings.next("a message's protocol")?;
        let summary = strings.next("a message's summary")?;
        let pair_key = if m.has_pair_key {
            Some(strings.next("a pair key")?)
        } else {
            None
        };
        let mut fields = Vec::with_capacity(count);
        for k in field..field + count {
            fields.push(Field {
                name: strings.next("a field's name")?,
                value: strings.next("a field's value")?,
                depth: out.field_depths[k],
                offset: out.field_offsets[k],
                len: out.field_lens[k],
            });
        }
        field += count;
        let errors = (0..m.error_count)
            .map(|_| strings.next("an error"))
            .collect::<Result<Vec<String>, Fault>>()?;
        res[i].messages.push(Message {
            protocol,
            direction: m.direction.into(),
            kind: m.kind.into(),
            summary,
            ts_ns: m.ts_ns,
            offset: m.offset,
            len: m.len,
            fields,
            pair_key,
            errors,
        });
    }
    if field != n_fields {
        return Err(bad(format!(
            "the output holds {} fields that no message counts",
            n_fields - field
        )));
    }
    for &id in &out.given_up {
        let i = stream(id)?;
        res[i].gave_up = Some(truncate(strings.next("a reason")?, 1024));
    }
    if strings.ends.next().is_some() {
        return Err(bad(
            "the output holds more strings than its messages name".into()
        ));
    }
    for (r, d) in res.iter().zip(delivered) {
        check_shapes(&r.messages, d)?;
    }
    Ok(res)
}

/// The output's strings, in order.
struct Strings<'a> {
    text: &'a str,
    ends: std::slice::Iter<'a, u32>,
    start: usize,
}

impl Strings<'_> {
    fn next(&mut self, what: &str) -> Result<String, Fault> {
        let Some(&end) = self.ends.next() else {
            return Err(bad(format!(
                "the output has fewer strings than its messages name (missing {what})"
            )));
        };
        let s = self.text.get(self.start..end as usize).ok_or_else(|| {
            bad(format!(
                "{what} ends at byte {end}, before byte {} or past the {}-byte text, \
                     or not on a character boundary",
                self.start,
                self.text.len()
            ))
        })?;
        self.start = end as usize;
        Ok(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings_v2::scapscope::dissector::batch::FlatMessage;
    use crate::bindings_v2::scapscope::dissector::types as v2;

    fn message(stream_id: u32, field_count: u32, error_count: u32) -> FlatMessage {
        FlatMessage {
            stream_id,
            direction: v2::Direction::Inbound,
            kind: v2::MessageKind::Request,
            ts_ns: 5,
            offset: 0,
            len: 2,
            field_count,
            has_pair_key: true,
            error_count,
        }
    }

    /// Two streams, each delivered 10 inbound bytes. Strings: message 1
    /// "dns" "q1" "k" "name" "é"; message 2 "dns" "q2" "k" "err"; reason
    /// "gave up".
    fn output() -> (BatchOutput, Vec<Delivered>) {
        let mut d = Delivered::default();
        d.add_parts(Direction::Inbound, 0, 10, 0);
        let strings = [
            "dns", "q1", "k", "name", "é", "dns", "q2", "k", "err", "gave up",
        ];
        let mut text = String::new();
        let mut ends = Vec::new();
        for s in strings {
            text.push_str(s);
            ends.push(text.len() as u32);
        }
        let out = BatchOutput {
            text,
            string_ends: ends,
            messages: vec![message(1, 1, 0), message(0, 0, 1)],
            field_depths: vec![0],
            field_offsets: vec![1],
            field_lens: vec![1],
            given_up: vec![0],
        };
        (out, vec![d, d])
    }

    #[test]
    fn outputs_are_read_per_stream() {
        let (out, d) = output();
        let r = read_output(out, &d, &Limits::default()).unwrap();
        let m1 = &r[1].messages[0];
        assert_eq!((m1.protocol.as_str(), m1.summary.as_str()), ("dns", "q1"));
        assert_eq!(m1.pair_key.as_deref(), Some("k"));
        assert_eq!(
            (m1.fields[0].name.as_str(), m1.fields[0].value.as_str()),
            ("name", "é")
        );
        assert_eq!((m1.fields[0].offset, m1.fields[0].len), (1, 1));
        assert!(r[1].gave_up.is_none());
        let m0 = &r[0].messages[0];
        assert_eq!(m0.summary, "q2");
        assert_eq!(m0.errors, vec!["err".to_string()]);
        assert_eq!(r[0].gave_up.as_deref(), Some("gave up"));
    }

    #[test]
    fn bad_outputs_are_refused() {
        let l = Limits::default();
        let refused = |f: &dyn Fn(&mut BatchOutput)| {
            let (mut out, d) = output();
            f(&mut out);
            read_output(out, &d, &l).unwrap_err()
        };
        let bad_output = |f: &dyn Fn(&mut BatchOutput)| {
            assert!(matches!(refused(f), Fault::BadOutput { .. }));
        };
        // Mid-character, backwards, past the end.
        bad_output(&|o| o.string_ends[3] += 1);
        bad_output(&|o| o.string_ends[3] = 0);
        bad_output(&|o| *o.string_ends.last_mut().unwrap() = u32::MAX);
        // Unknown stream.
        bad_output(&|o| o.messages[1].stream_id = 2);
        bad_output(&|o| o.given_up[0] = 7);
        // Counts that do not add up, either way.
        bad_output(&|o| o.messages[0].field_count = 2);
        bad_output(&|o| o.messages[0].field_count = 0);
        bad_output(&|o| o.messages[1].error_count = 2);
        bad_output(&|o| o.messages[1].has_pair_key = false);
        bad_output(&|o| o.field_lens.push(1));
        // Bytes the stream was not delivered.
        bad_output(&|o| o.messages[0].len = 11);
        bad_output(&|o| o.field_offsets[0] = 10);
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

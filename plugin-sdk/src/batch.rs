//! The guest side of API 0.2.0's batches: unflattens a `batch-input`
//! into the [`Session`] calls a plugin implements, and flattens the
//! messages they return into a `batch-output`. Plugin authors never see
//! it; it is ordinary Rust, so it is tested natively.

use std::collections::HashMap;

use crate::bindings::scapscope::dissector::batch::{
    BatchInput, BatchOutput, FlatMessage, Span, StreamChunk, StreamStart,
};
use crate::{Chunk, Dissector, Message, Session, StreamContext};

/// The open streams of one plugin instance, by the host's number.
pub(crate) type Sessions<S> = HashMap<u32, S>;

/// Text of a span of the input's `text`. The host builds spans on
/// character boundaries; anything else reads as empty rather than
/// trapping the whole batch.
fn text_of(text: &str, s: Span) -> &str {
    let start = s.start as usize;
    text.get(start..start.saturating_add(s.len as usize))
        .unwrap_or("")
}

fn data_of(data: &[u8], s: Span) -> &[u8] {
    let start = s.start as usize;
    data.get(start..start.saturating_add(s.len as usize))
        .unwrap_or(&[])
}

fn context_of(text: &str, s: &StreamStart) -> StreamContext {
    StreamContext {
        transport: s.transport,
        role: s.role,
        client_port: s.client_port,
        server_port: s.server_port,
        process_name: text_of(text, s.process_name).to_string(),
        fd_name: text_of(text, s.fd_name).to_string(),
    }
}

fn chunk_of(data: &[u8], c: &StreamChunk) -> Chunk {
    Chunk {
        direction: c.direction,
        ts_ns: c.ts_ns,
        offset: c.offset,
        data: data_of(data, c.data).to_vec(),
        missing_after: c.missing_after,
        datagram: c.datagram,
    }
}

/// `probe`: one score per start, from the stream's first chunk.
pub(crate) fn probe<D: Dissector>(input: &BatchInput) -> Vec<u8> {
    let mut first: HashMap<u32, &StreamChunk> = HashMap::with_capacity(input.starts.len());
    for c in &input.chunks {
        first.entry(c.stream_id).or_insert(c);
    }
    input
        .starts
        .iter()
        .map(|s| match first.get(&s.stream_id) {
            Some(c) => D::probe(&context_of(&input.text, s), &chunk_of(&input.data, c)).min(100),
            None => 0,
        })
        .collect()
}

/// `dissect`: starts, chunks, ends, in that order.
pub(crate) fn dissect<D: Dissector>(
    sessions: &mut Sessions<D::Session>,
    input: &BatchInput,
) -> BatchOutput {
    let mut out = Flattener::default();
    for s in &input.starts {
        sessions.insert(s.stream_id, D::Session::new(context_of(&input.text, s)));
    }
    for c in &input.chunks {
        let Some(session) = sessions.get_mut(&c.stream_id) else {
            continue;
        };
        match session.feed(chunk_of(&input.data, c)) {
            Ok(msgs) => out.messages(c.stream_id, msgs),
            Err(reason) => {
                sessions.remove(&c.stream_id);
                out.failure(c.stream_id, &reason);
            }
        }
    }
    for &id in &input.ends {
        if let Some(mut session) = sessions.remove(&id) {
            let msgs = session.finish();
            out.messages(id, msgs);
        }
    }
    out.finish()
}

/// Builds a `batch-output`: messages as they come, the reasons of
/// given-up streams at the end (their strings come last).
#[derive(Default)]
struct Flattener {
    out: BatchOutput,
    reasons: Vec<String>,
}

// The type is generated; `additional_derives` would put `Default` on the
// enums too, which cannot derive it.
#[allow(clippy::derivable_impls)]
impl Default for BatchOutput {
    fn default() -> Self {
        BatchOutput {
            text: String::new(),
            string_ends: Vec::new(),
            messages: Vec::new(),
            field_depths: Vec::new(),
            field_offsets: Vec::new(),
            field_lens: Vec::new(),
            given_up: Vec::new(),
        }
    }
}

impl Flattener {
    fn text(&mut self, s: &str) {
        self.out.text.push_str(s);
        self.out
            .string_ends
            .push(u32::try_from(self.out.text.len()).unwrap_or(u32::MAX));
    }

    fn messages(&mut self, stream: u32, msgs: Vec<Message>) {
        for m in msgs {
            self.text(&m.protocol);
            self.text(&m.summary);
            if let Some(k) = &m.pair_key {
                self.text(k);
            }
            for f in &m.fields {
                self.text(&f.name);
                self.text(&f.value);
                self.out.field_depths.push(f.depth);
                self.out.field_offsets.push(f.offset);
                self.out.field_lens.push(f.len);
            }
            for e in &m.errors {
                self.text(e);
            }
            self.out.messages.push(FlatMessage {
                stream_id: stream,
                direction: m.direction,
                kind: m.kind,
                ts_ns: m.ts_ns,
                offset: m.offset,
                len: m.len,
                field_count: u32::try_from(m.fields.len()).unwrap_or(u32::MAX),
                has_pair_key: m.pair_key.is_some(),
                error_count: u32::try_from(m.errors.len()).unwrap_or(u32::MAX),
            });
        }
    }

    fn failure(&mut self, stream: u32, reason: &str) {
        self.out.given_up.push(stream);
        self.reasons.push(reason.to_string());
    }

    fn finish(mut self) -> BatchOutput {
        for r in std::mem::take(&mut self.reasons) {
            self.text(&r);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, Field, MessageKind, Metadata, Role, Transport};

    /// Emits one message per chunk naming the stream's process and the
    /// chunk's bytes; gives up on a chunk saying `stop`; one pending
    /// message on finish.
    struct Echo;
    struct EchoSession {
        ctx: StreamContext,
        fed: u32,
    }

    impl Dissector for Echo {
        type Session = EchoSession;
        fn metadata() -> Metadata {
            Metadata {
                name: "echo".into(),
                version: "1".into(),
                description: String::new(),
                protocols: Vec::new(),
                default_ports: Vec::new(),
            }
        }
        fn probe(ctx: &StreamContext, first: &Chunk) -> u8 {
            u8::try_from(first.data.len() + ctx.process_name.len()).unwrap_or(255)
        }
    }

    impl Session for EchoSession {
        fn new(ctx: StreamContext) -> Self {
            EchoSession { ctx, fed: 0 }
        }
        fn feed(&mut self, c: Chunk) -> Result<Vec<Message>, String> {
            if c.data == b"stop" {
                return Err(format!("stopped by {}", self.ctx.fd_name));
            }
            self.fed += 1;
            let mut m = Message::new("echo", c.direction, MessageKind::Other, c.ts_ns, c.offset);
            m.summary = String::from_utf8_lossy(&c.data).into_owned();
            m.len = c.data.len() as u64;
            m.fields.push(Field {
                name: "process".into(),
                value: self.ctx.process_name.clone(),
                depth: 0,
                offset: c.offset,
                len: 0,
            });
            m.pair_key = Some(self.fed.to_string());
            m.errors.push("é".into());
            Ok(vec![m])
        }
        fn finish(&mut self) -> Vec<Message> {
            let mut m = Message::new("echo", Direction::Inbound, MessageKind::Other, 0, 0);
            m.summary = format!("{} fed", self.fed);
            vec![m]
        }
    }

    struct Input {
        text: String,
        data: Vec<u8>,
        starts: Vec<StreamStart>,
        chunks: Vec<StreamChunk>,
    }

    impl Input {
        fn span(buf_len: usize, len: usize) -> Span {
            Span {
                start: buf_len as u32,
                len: len as u32,
            }
        }
        fn start(&mut self, stream: u32, process: &str, fd: &str) {
            let process_name = Input::span(self.text.len(), process.len());
            self.text.push_str(process);
            let fd_name = Input::span(self.text.len(), fd.len());
            self.text.push_str(fd);
            self.starts.push(StreamStart {
                stream_id: stream,
                transport: Transport::Tcp,
                role: Role::Client,
                client_port: Some(1),
                server_port: None,
                process_name,
                fd_name,
            });
        }
        fn chunk(&mut self, stream: u32, bytes: &[u8], ts_ns: u64) {
            let data = Input::span(self.data.len(), bytes.len());
            self.data.extend_from_slice(bytes);
            self.chunks.push(StreamChunk {
                stream_id: stream,
                direction: Direction::Outbound,
                ts_ns,
                offset: ts_ns,
                data,
                missing_after: 0,
                datagram: false,
            });
        }
        fn build(self, ends: Vec<u32>) -> BatchInput {
            BatchInput {
                text: self.text,
                data: self.data,
                starts: self.starts,
                chunks: self.chunks,
                ends,
            }
        }
        fn new() -> Input {
            Input {
                text: String::new(),
                data: Vec::new(),
                starts: Vec::new(),
                chunks: Vec::new(),
            }
        }
    }

    /// The output's strings.
    fn strings(out: &BatchOutput) -> Vec<&str> {
        let mut start = 0;
        out.string_ends
            .iter()
            .map(|&e| {
                let s = &out.text[start..e as usize];
                start = e as usize;
                s
            })
            .collect()
    }

    #[test]
    fn probes_score_each_start_on_its_first_chunk() {
        let mut i = Input::new();
        i.start(7, "curl", "a");
        i.start(9, "nginx", "b");
        i.start(11, "none", "c");
        i.chunk(9, b"abc", 1);
        i.chunk(7, b"x", 2);
        i.chunk(7, b"longer", 3);
        let scores = probe::<Echo>(&i.build(Vec::new()));
        // curl(4) + "x"(1), nginx(5) + "abc"(3), no chunk: 0.
        assert_eq!(scores, vec![5, 8, 0]);
    }

    #[test]
    fn a_batch_keeps_streams_apart_and_in_order() {
        let mut sessions = Sessions::default();
        let mut i = Input::new();
        i.start(1, "curl", "fd1");
        i.start(2, "nginx", "fd2");
        i.chunk(1, b"one", 10);
        i.chunk(2, b"stop", 11);
        i.chunk(2, b"after stop", 12);
        i.chunk(1, b"two", 13);
        let out = dissect::<Echo>(&mut sessions, &i.build(vec![1]));
        let streams: Vec<u32> = out.messages.iter().map(|m| m.stream_id).collect();
        assert_eq!(streams, vec![1, 1, 1]);
        // Per message: protocol, summary, pair key, field name and
        // value, error; then the reasons of streams given up.
        assert_eq!(
            strings(&out),
            vec![
                "echo",
                "one",
                "1",
                "process",
                "curl",
                "é", //
                "echo",
                "two",
                "2",
                "process",
                "curl",
                "é", //
                "echo",
                "2 fed", //
                "stopped by fd2",
            ]
        );
        assert_eq!(out.given_up, vec![2]);
        assert_eq!(out.field_depths, vec![0, 0]);
        assert_eq!(out.field_offsets, vec![10, 13]);
        assert_eq!(out.field_lens, vec![0, 0]);
        assert!(out.messages[1].has_pair_key);
        assert!(!out.messages[2].has_pair_key);
        assert_eq!(out.messages[1].error_count, 1);
        assert_eq!(out.messages[2].field_count, 0);
        // Both streams are forgotten: 1 ended, 2 gave up.
        assert!(sessions.is_empty());
    }

    #[test]
    fn a_stream_can_span_batches() {
        let mut sessions = Sessions::default();
        let mut i = Input::new();
        i.start(5, "p", "f");
        i.chunk(5, b"a", 1);
        let out = dissect::<Echo>(&mut sessions, &i.build(Vec::new()));
        assert_eq!(out.messages.len(), 1);
        assert_eq!(sessions.len(), 1);
        let mut i = Input::new();
        i.chunk(5, b"b", 2);
        // An unknown stream's chunk is skipped.
        i.chunk(6, b"c", 3);
        let out = dissect::<Echo>(&mut sessions, &i.build(vec![5, 6]));
        assert_eq!(out.messages.len(), 2);
        let s = strings(&out);
        assert_eq!((s[1], s[7]), ("b", "2 fed"));
        assert!(sessions.is_empty());
    }

    #[test]
    fn spans_outside_the_input_read_as_empty() {
        let mut i = Input::new();
        i.start(1, "p", "f");
        i.starts[0].process_name = Span { start: 99, len: 5 };
        i.chunk(1, b"abc", 1);
        i.chunks[0].data = Span {
            start: 2,
            len: u32::MAX,
        };
        let scores = probe::<Echo>(&i.build(Vec::new()));
        assert_eq!(scores, vec![0]);
    }
}

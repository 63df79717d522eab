//! A line-based protocol dissector to start from: every line a stream
//! carries becomes one message. Replace the parsing with your protocol's.

use scapscope_plugin_sdk::text::{line, printable_short};
use scapscope_plugin_sdk::{
    Chunk, DirBufs, Dissector, Fields, Message, MessageKind, Metadata, PortHint, Session,
    StreamContext, Transport,
};

/// The plugin: its name, ports and probe.
pub struct MyDissector;

impl Dissector for MyDissector {
    type Session = MySession;

    fn metadata() -> Metadata {
        Metadata {
            // Unique, lower case: `scapscope dissect --proto my-protocol`.
            name: "my-protocol".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "one message per line (template)".into(),
            protocols: vec!["my-protocol".into()],
            // Streams on these ports are offered to this plugin first.
            default_ports: vec![PortHint {
                transport: Transport::Tcp,
                port: 7777,
            }],
        }
    }

    fn probe(context: &StreamContext, first: &Chunk) -> u8 {
        // How sure are we, 0..=100, from the first bytes? Say 0 unless
        // the bytes really look like the protocol.
        let text = first.data.iter().all(|b| b.is_ascii());
        if context.has_port(7777) && text {
            60
        } else {
            0
        }
    }
}

scapscope_plugin_sdk::register_dissector!(MyDissector);

/// The state of one stream: here, unfinished lines per direction.
#[derive(Default)]
pub struct MySession {
    bufs: DirBufs,
}

impl Session for MySession {
    fn new(_context: StreamContext) -> Self {
        MySession::default()
    }

    fn feed(&mut self, chunk: Chunk) -> Result<Vec<Message>, String> {
        let buf = self.bufs.push(&chunk);
        let mut out = Vec::new();
        while let Some((l, n)) = line(buf.data()) {
            let start = buf.start();
            let mut m = Message::new(
                "my-protocol",
                chunk.direction,
                MessageKind::Other,
                chunk.ts_ns,
                start,
            );
            m.summary = printable_short(l, 100);
            m.len = n as u64;
            let mut f = Fields::new();
            f.add("line", printable_short(l, 500), start, l.len());
            m.fields = f.into_vec();
            out.push(m);
            buf.consume(n);
        }
        // Bytes the capture lost: drop the partial line and resync.
        if buf.gap_after() > 0 {
            buf.discard_to_gap();
        }
        Ok(out)
    }
}

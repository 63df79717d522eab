//! Checks on what plugins return: size, byte ranges, tree shape.

use crate::host::Limits;
use crate::instance::Fault;
use crate::{Chunk, Message};

/// Per direction, the stream position just past everything delivered so
/// far (captured bytes and gaps): nothing a plugin reports may lie beyond.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Delivered {
    end: [u64; 2],
}

impl Delivered {
    pub(crate) fn add(&mut self, c: &Chunk) {
        self.add_parts(c.direction, c.offset, c.data.len(), c.missing_after);
    }

    pub(crate) fn add_parts(
        &mut self,
        direction: crate::Direction,
        offset: u64,
        len_bytes: usize,
        missing_after: u64,
    ) {
        let end = offset
            .saturating_add(len_bytes as u64)
            .saturating_add(missing_after);
        let e = &mut self.end[direction.index()];
        *e = (*e).max(end);
    }
}

/// Bytes a message accounts for in the output cap.
pub(crate) fn message_bytes(m: &Message) -> usize {
    64 + m.protocol.len()
        + m.summary.len()
        + m.pair_key.as_ref().map_or(0, String::len)
        + m.errors.iter().map(|e| e.len() + 8).sum::<usize>()
        + m.fields
            .iter()
            .map(|f| 24 + f.name.len() + f.value.len())
            .sum::<usize>()
}

/// Checks a call's messages.
pub(crate) fn check_messages(
    msgs: &[Message],
    delivered: &Delivered,
    limits: &Limits,
) -> Result<(), Fault> {
    let bytes: usize = msgs.iter().map(message_bytes).sum();
    if bytes > limits.output_bytes_per_call {
        return Err(Fault::OutputTooLarge {
            bytes,
            cap: limits.output_bytes_per_call,
        });
    }
    check_shapes(msgs, delivered)
}

/// Checks messages' byte ranges and field trees (not their size).
pub(crate) fn check_shapes(msgs: &[Message], delivered: &Delivered) -> Result<(), Fault> {
    for m in msgs {
        check_message(m, delivered)?;
    }
    Ok(())
}

fn bad(detail: String) -> Fault {
    Fault::BadOutput { detail }
}

fn check_message(m: &Message, delivered: &Delivered) -> Result<(), Fault> {
    if m.protocol.is_empty() || m.protocol.len() > 64 {
        return Err(bad(format!(
            "protocol name {:?} must be 1 to 64 bytes",
            m.protocol
        )));
    }
    let end = delivered.end[m.direction.index()];
    let dir = m.direction.as_str();
    if m.offset.saturating_add(m.len) > end {
        return Err(bad(format!(
            "message {:?} covers bytes {}..{} but the stream delivered {end} bytes {dir}",
            m.summary,
            m.offset,
            m.offset.saturating_add(m.len)
        )));
    }
    let mut prev_depth: Option<u8> = None;
    for f in &m.fields {
        let f_end = f.offset.saturating_add(u64::from(f.len));
        if f_end > end {
            return Err(bad(format!(
                "field {:?} covers bytes {}..{f_end} but the stream delivered {end} bytes {dir}",
                f.name, f.offset
            )));
        }
        let max_depth = prev_depth.map_or(0, |d| d.saturating_add(1));
        if f.depth > max_depth {
            return Err(bad(format!(
                "field {:?} is at depth {} right after a field at depth {}",
                f.name,
                f.depth,
                prev_depth.map_or(-1, i32::from)
            )));
        }
        prev_depth = Some(f.depth);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, Field, MessageKind};

    fn chunk(offset: u64, n: usize, missing: u64) -> Chunk {
        Chunk {
            direction: Direction::Inbound,
            ts_ns: 0,
            offset,
            data: vec![0; n],
            missing_after: missing,
            datagram: false,
        }
    }

    fn msg(offset: u64, len: u64, fields: Vec<Field>) -> Message {
        Message {
            protocol: "p".into(),
            direction: Direction::Inbound,
            kind: MessageKind::Other,
            summary: String::new(),
            ts_ns: 0,
            offset,
            len,
            fields,
            pair_key: None,
            errors: Vec::new(),
        }
    }

    fn field(depth: u8, offset: u64, len: u32) -> Field {
        Field {
            name: "f".into(),
            value: String::new(),
            depth,
            offset,
            len,
        }
    }

    #[test]
    fn ranges_and_depths() {
        let mut d = Delivered::default();
        d.add(&chunk(0, 10, 90));
        let l = Limits::default();
        // Gaps count as delivered positions.
        assert!(check_messages(&[msg(0, 100, vec![field(0, 5, 95)])], &d, &l).is_ok());
        assert!(check_messages(&[msg(0, 101, vec![])], &d, &l).is_err());
        assert!(check_messages(&[msg(0, 10, vec![field(0, 99, 2)])], &d, &l).is_err());
        assert!(
            check_messages(
                &[msg(
                    0,
                    10,
                    vec![field(0, 0, 1), field(1, 0, 1), field(3, 0, 1)]
                )],
                &d,
                &l
            )
            .is_err()
        );
        assert!(check_messages(&[msg(0, 10, vec![field(1, 0, 1)])], &d, &l).is_err());
        // The outbound direction delivered nothing.
        let mut out = msg(0, 1, vec![]);
        out.direction = Direction::Outbound;
        assert!(check_messages(&[out], &d, &l).is_err());
    }

    #[test]
    fn output_cap() {
        let d = Delivered::default();
        let l = Limits {
            output_bytes_per_call: 1000,
            ..Limits::default()
        };
        let mut m = msg(0, 0, vec![]);
        m.summary = "x".repeat(2000);
        assert!(matches!(
            check_messages(&[m], &d, &l),
            Err(Fault::OutputTooLarge { cap: 1000, .. })
        ));
    }
}

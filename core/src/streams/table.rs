//! Which event types feed streams, computed once from the schema.

use std::sync::OnceLock;

use super::Direction;
use crate::schema::{self, ParamType, category, event_flags};

/// What an event type means for stream reassembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IoKind {
    /// Not an I/O or close exit.
    None,
    /// An I/O exit carrying its payload in parameter `data_param`.
    Data {
        /// Read or write.
        direction: Direction,
        /// Index of the `data` parameter.
        data_param: usize,
    },
    /// An I/O exit that moved bytes the capture does not hold (`sendfile`,
    /// and I/O exits whose schema has no `data` parameter).
    NoData {
        /// Read or write.
        direction: Direction,
    },
    /// A close exit: ends the fd's current stream.
    Close,
}

fn kind_of(event_type: u16) -> IoKind {
    if schema::is_enter(event_type) {
        return IoKind::None;
    }
    let Some(desc) = schema::event_desc(event_type) else {
        return IoKind::None;
    };
    let flags = schema::compat_flags(event_type);
    if flags & event_flags::DESTROYS_FD != 0 {
        return IoKind::Close;
    }
    // The current table's category and flags: sysdig 0.29.3's lacks
    // READS_FROM_FD on some newer events (recvmmsg) that do carry data.
    let direction = match desc.category & 0x3f {
        category::IO_READ => Direction::Inbound,
        category::IO_WRITE => Direction::Outbound,
        _ => return IoKind::None,
    };
    let data_param = desc
        .params
        .iter()
        .position(|p| p.name == "data" && p.ty == ParamType::Bytebuf);
    let moves =
        (flags | desc.flags) & (event_flags::READS_FROM_FD | event_flags::WRITES_TO_FD) != 0;
    match data_param {
        Some(data_param) if moves => IoKind::Data {
            direction,
            data_param,
        },
        // `sendfile` is flagged USES_FD only, yet writes `res` bytes to
        // its out fd.
        None if moves || desc.name == "sendfile" => IoKind::NoData { direction },
        _ => IoKind::None,
    }
}

/// The stream meaning of an event type.
pub(super) fn io_kind(event_type: u16) -> IoKind {
    static TABLE: OnceLock<Vec<IoKind>> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        (0..schema::EVENTS.len())
            .map(|i| kind_of(i as u16))
            .collect()
    });
    t.get(usize::from(event_type))
        .copied()
        .unwrap_or(IoKind::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Vec<IoKind> {
        (0..schema::EVENTS.len() as u16)
            .filter(|&i| !schema::is_enter(i) && schema::EVENTS[usize::from(i)].name == name)
            .map(io_kind)
            .collect()
    }

    #[test]
    fn read_write_family_carries_data_in_the_right_direction() {
        for name in [
            "read", "pread", "readv", "preadv", "recv", "recvfrom", "recvmsg", "recvmmsg",
        ] {
            let kinds = named(name);
            assert!(!kinds.is_empty(), "{name}");
            for k in kinds {
                assert!(
                    matches!(
                        k,
                        IoKind::Data {
                            direction: Direction::Inbound,
                            ..
                        }
                    ),
                    "{name}: {k:?}"
                );
            }
        }
        for name in [
            "write", "pwrite", "writev", "pwritev", "send", "sendto", "sendmsg", "sendmmsg",
        ] {
            let kinds = named(name);
            assert!(!kinds.is_empty(), "{name}");
            for k in kinds {
                assert!(
                    matches!(
                        k,
                        IoKind::Data {
                            direction: Direction::Outbound,
                            ..
                        }
                    ),
                    "{name}: {k:?}"
                );
            }
        }
    }

    #[test]
    fn sendfile_is_a_gap_and_close_ends_streams() {
        assert!(named("sendfile").iter().all(|k| *k
            == IoKind::NoData {
                direction: Direction::Outbound
            }));
        assert!(named("close").iter().all(|k| *k == IoKind::Close));
        assert!(named("open").iter().all(|k| *k == IoKind::None));
        assert!(named("connect").iter().all(|k| *k == IoKind::None));
    }
}

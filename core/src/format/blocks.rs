//! Block type ids and their classification.

/// What a block id means to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Section header (starts a section).
    SectionHeader,
    /// Machine info.
    MachineInfo,
    /// Process list, with its version 1..=9.
    ProcessList(u8),
    /// Fd list, version 1 or 2.
    FdList(u8),
    /// Interface list, version 1 or 2.
    InterfaceList(u8),
    /// User list, version 1 or 2.
    UserList(u8),
    /// Event block.
    Event(EventBlockFormat),
    /// Anything else: skipped by length.
    Unknown,
}

/// The layout of an event block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventBlockFormat {
    /// Whether a u32 flags word follows the cpu id.
    pub has_flags: bool,
    /// Whether the event header carries `nparams` (V2 blocks).
    pub has_nparams: bool,
    /// Whether the block may exceed 64 KiB.
    pub large: bool,
}

/// Classifies a block type id, legacy `0x80xxABCD` aliases included.
pub fn classify(block_type: u32) -> BlockKind {
    use BlockKind::*;
    let ev = |has_flags, has_nparams, large| {
        Event(EventBlockFormat {
            has_flags,
            has_nparams,
            large,
        })
    };
    match block_type {
        0x0A0D_0D0A => SectionHeader,
        0x201 | 0x8002_ABCD => MachineInfo,
        0x202 | 0x8000_ABCD => ProcessList(1),
        0x207 | 0x8013_ABCD => ProcessList(2),
        0x209 | 0x8014_ABCD => ProcessList(3),
        0x210 => ProcessList(4),
        0x211 => ProcessList(5),
        0x212 => ProcessList(6),
        0x213 => ProcessList(7),
        0x214 => ProcessList(8),
        0x215 => ProcessList(9),
        0x203 | 0x8001_ABCD => FdList(1),
        0x218 => FdList(2),
        0x205 | 0x8011_ABCD => InterfaceList(1),
        0x219 => InterfaceList(2),
        0x206 | 0x8012_ABCD => UserList(1),
        0x220 => UserList(2),
        0x204 | 0x8010_ABCD => ev(false, false, false),
        0x216 => ev(false, true, false),
        0x221 => ev(false, true, true),
        0x208 => ev(true, false, false),
        0x217 => ev(true, true, false),
        0x222 => ev(true, true, true),
        _ => Unknown,
    }
}

/// A short name of a block type, for statistics (`EV_V2`, `PL_V9`, …).
pub fn block_name(block_type: u32) -> String {
    match block_type {
        0x0A0D_0D0A => "SHB".into(),
        0x201 => "MI".into(),
        0x8002_ABCD => "MI_INT".into(),
        0x203 => "FDL".into(),
        0x8001_ABCD => "FDL_INT".into(),
        0x218 => "FDL_V2".into(),
        0x204 => "EV".into(),
        0x8010_ABCD => "EV_INT".into(),
        0x216 => "EV_V2".into(),
        0x221 => "EV_V2_LARGE".into(),
        0x208 => "EVF".into(),
        0x217 => "EVF_V2".into(),
        0x222 => "EVF_V2_LARGE".into(),
        0x205 => "IL".into(),
        0x8011_ABCD => "IL_INT".into(),
        0x219 => "IL_V2".into(),
        0x206 => "UL".into(),
        0x8012_ABCD => "UL_INT".into(),
        0x220 => "UL_V2".into(),
        t => match classify(t) {
            BlockKind::ProcessList(v) => format!("PL_V{v}"),
            _ => format!("UNKNOWN_{t:#x}"),
        },
    }
}

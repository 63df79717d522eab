//! The event schema: every event type a capture can contain, with its
//! parameters, their wire types and how sysdig prints them.
//!
//! The tables themselves ([`EVENTS`], the flag-name tables, the syscall
//! names) are plain data in the submodules, written for scapscope from the
//! facts published in falcosecurity/libs (`driver/event_table.c`,
//! `driver/flags_table.c`, `driver/syscall_table*.c`). Event ids are
//! append-only upstream, so one table serves old and new captures; captures
//! carrying fewer or more parameters than the table decode by index.

mod compat;
mod events;
mod flags;
mod syscalls;

pub use compat::SYSDIG_0_29;
pub use events::EVENTS;
pub use flags::*;
pub use syscalls::{syscall_category, syscall_name, syscall_name_libs};

/// How a parameter is encoded on the wire (libs' `ppm_param_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ParamType {
    /// No type (unused slot).
    None = 0,
    /// Signed 8-bit integer.
    Int8 = 1,
    /// Signed 16-bit integer.
    Int16 = 2,
    /// Signed 32-bit integer.
    Int32 = 3,
    /// Signed 64-bit integer.
    Int64 = 4,
    /// Unsigned 8-bit integer.
    Uint8 = 5,
    /// Unsigned 16-bit integer.
    Uint16 = 6,
    /// Unsigned 32-bit integer.
    Uint32 = 7,
    /// Unsigned 64-bit integer.
    Uint64 = 8,
    /// NUL-terminated printable string (the NUL is part of the length).
    Charbuf = 9,
    /// Raw bytes (I/O payloads, NUL-separated argument lists).
    Bytebuf = 10,
    /// i64 result; negative values are `-errno`.
    Errno = 11,
    /// Socket address: family byte then family-specific data.
    Sockaddr = 12,
    /// Socket tuple: family byte then source and destination.
    Socktuple = 13,
    /// File descriptor, i64.
    Fd = 14,
    /// Process or thread id, i64.
    Pid = 15,
    /// u16 count then `count` × (u64 fd, u16 flags).
    Fdlist = 16,
    /// NUL-terminated file system path.
    Fspath = 17,
    /// u16 system call id.
    Syscallid = 18,
    /// u8 signal number.
    Sigtype = 19,
    /// u64 relative time in nanoseconds.
    Reltime = 20,
    /// u64 absolute time in nanoseconds since the epoch.
    Abstime = 21,
    /// u16 TCP/UDP port.
    Port = 22,
    /// u8 IP protocol.
    L4proto = 23,
    /// u8 socket family.
    Sockfamily = 24,
    /// u32 boolean.
    Bool = 25,
    /// 4-byte IPv4 address, network order.
    Ipv4addr = 26,
    /// u8 index into the parameter's list of possible types, then the value.
    Dyn = 27,
    /// u8 bit flags.
    Flags8 = 28,
    /// u16 bit flags.
    Flags16 = 29,
    /// u32 bit flags.
    Flags32 = 30,
    /// u32 user id.
    Uid = 31,
    /// u32 group id.
    Gid = 32,
    /// f64.
    Double = 33,
    /// u32 (the low half of a sigset_t).
    Sigset = 34,
    /// Internal to libs; never on the wire.
    Charbufarray = 35,
    /// Internal to libs; never on the wire.
    CharbufPairArray = 36,
    /// IPv4 network.
    Ipv4net = 37,
    /// 16-byte IPv6 address.
    Ipv6addr = 38,
    /// IPv6 network.
    Ipv6net = 39,
    /// IPv4 or IPv6 address, chosen by length (4 or 16).
    Ipaddr = 40,
    /// IPv4 or IPv6 network, chosen by length.
    Ipnet = 41,
    /// u32 file mode bits.
    Mode = 42,
    /// NUL-terminated path relative to the dirfd parameter named in the table.
    Fsrelpath = 43,
    /// u8 enumeration.
    Enumflags8 = 44,
    /// u16 enumeration.
    Enumflags16 = 45,
    /// u32 enumeration.
    Enumflags32 = 46,
    /// File descriptor, i32.
    Fd32 = 47,
    /// Process id, i32.
    Pid32 = 48,
}

/// How a numeric parameter is printed (libs' `ppm_print_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrintFmt {
    /// Not applicable (strings, buffers, addresses).
    Na,
    /// Decimal.
    Dec,
    /// Hexadecimal.
    Hex,
    /// Decimal padded to 10 digits.
    PaddedDec10,
    /// An id: decimal, possibly resolved to a name.
    Id,
    /// Direction-like value (printed as decimal).
    Dir,
    /// Octal.
    Oct,
}

/// One name of a flags or enum parameter (libs' `ppm_name_value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagName {
    /// The symbolic name sysdig prints, e.g. `O_RDONLY`.
    pub name: &'static str,
    /// Its value; for bit flags one or more bits, for enums the whole value.
    pub value: u32,
}

/// Extra information attached to a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamExtra {
    /// Nothing.
    None,
    /// Names for a flags/enum/mode parameter.
    Flags(&'static [FlagName]),
    /// The possible types of a [`ParamType::Dyn`] parameter, by index.
    Dyn(&'static [ParamDesc]),
    /// For [`ParamType::Fsrelpath`]: the index of the parameter holding the dirfd.
    DirFd(u8),
}

/// Description of one parameter of an event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamDesc {
    /// Parameter name as sysdig prints it (`fd`, `res`, `data`, …).
    pub name: &'static str,
    /// Wire type.
    pub ty: ParamType,
    /// Print format for numbers.
    pub fmt: PrintFmt,
    /// Flag names, dynamic types or dirfd reference.
    pub extra: ParamExtra,
}

/// Bit set of libs' `ppm_event_flags`.
pub mod event_flags {
    /// The event creates an fd (open, socket, …).
    pub const CREATES_FD: u32 = 1 << 0;
    /// The event destroys an fd (close).
    pub const DESTROYS_FD: u32 = 1 << 1;
    /// The event operates on an fd.
    pub const USES_FD: u32 = 1 << 2;
    /// The event reads data from an fd.
    pub const READS_FROM_FD: u32 = 1 << 3;
    /// The event writes data to an fd.
    pub const WRITES_TO_FD: u32 = 1 << 4;
    /// The event changes machine state and must never be filtered away.
    pub const MODIFIES_STATE: u32 = 1 << 5;
    /// The event type is not used.
    pub const UNUSED: u32 = 1 << 6;
    /// The event waits.
    pub const WAITS: u32 = 1 << 7;
    /// The event does not reset the parser's last-event tracker.
    pub const SKIPPARSERESET: u32 = 1 << 8;
    /// Kept only for old captures.
    pub const OLD_VERSION: u32 = 1 << 9;
    /// Parameter lengths are u32 instead of u16.
    pub const LARGE_PAYLOAD: u32 = 1 << 11;
    /// Managed by libs' enter/exit converter.
    pub const CONVERTER_MANAGED: u32 = 1 << 12;
}

/// Bit set of libs' `ppm_event_category`.
pub mod category {
    /// Unknown (placeholder events named `NA`).
    pub const UNKNOWN: u32 = 0;
    /// No specific category.
    pub const OTHER: u32 = 1;
    /// File operation.
    pub const FILE: u32 = 2;
    /// Network operation.
    pub const NET: u32 = 3;
    /// IPC operation.
    pub const IPC: u32 = 4;
    /// Memory operation.
    pub const MEMORY: u32 = 5;
    /// Process operation.
    pub const PROCESS: u32 = 6;
    /// Sleep.
    pub const SLEEP: u32 = 7;
    /// System operation.
    pub const SYSTEM: u32 = 8;
    /// Signal operation.
    pub const SIGNAL: u32 = 9;
    /// User operation.
    pub const USER: u32 = 10;
    /// Time operation.
    pub const TIME: u32 = 11;
    /// User-level processing.
    pub const PROCESSING: u32 = 12;
    /// Generic I/O read.
    pub const IO_READ: u32 = 32;
    /// Generic I/O write.
    pub const IO_WRITE: u32 = 33;
    /// Other generic I/O.
    pub const IO_OTHER: u32 = 34;
    /// Wait.
    pub const WAIT: u32 = 1 << 6;
    /// Scheduler event.
    pub const SCHEDULER: u32 = 1 << 7;
    /// Internal event of the libraries.
    pub const INTERNAL: u32 = 1 << 8;
    /// Generated by a system call.
    pub const SYSCALL: u32 = 1 << 9;
    /// Generated by a tracepoint.
    pub const TRACEPOINT: u32 = 1 << 10;
    /// Generated by a plugin.
    pub const PLUGIN: u32 = 1 << 11;
    /// Metaevent.
    pub const METAEVENT: u32 = 1 << 12;
    /// Generated by a kernel iterator (libs `EC_ITER`, the `task*` events).
    pub const ITER: u32 = 1 << 13;
    /// Mask of the low "syscall category" part.
    pub const SUBCATEGORY_MASK: u32 = 0x3f | WAIT | SCHEDULER;
}

/// Description of one event type (libs' `ppm_event_info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDesc {
    /// Name as sysdig prints it (`open`, `read`, `procinfo`, …); several ids
    /// share a name (versions of the same syscall).
    pub name: &'static str,
    /// Category bits, see [`category`].
    pub category: u32,
    /// Flag bits, see [`event_flags`].
    pub flags: u32,
    /// Parameters in wire order.
    pub params: &'static [ParamDesc],
}

impl EventDesc {
    /// Whether parameter lengths are stored as u32 instead of u16.
    pub fn large_payload(&self) -> bool {
        self.flags & event_flags::LARGE_PAYLOAD != 0
    }
}

/// Looks up an event type; `None` for ids past the table (newer writers).
pub fn event_desc(event_type: u16) -> Option<&'static EventDesc> {
    EVENTS.get(usize::from(event_type))
}

/// Whether an event type id is an enter event (`>`); libs' rule is "even ids
/// enter, odd ids exit", metaevents included.
pub fn is_enter(event_type: u16) -> bool {
    event_type & 1 == 0
}

/// Event flags as the state engine uses them: those of sysdig 0.29.3's
/// table for the ids it knows (so fd tracking matches sysdig's), the
/// current table's otherwise. The two differ for a few events (e.g. libs
/// later marked `mmap` as using an fd).
pub fn compat_flags(event_type: u16) -> u32 {
    match SYSDIG_0_29.get(usize::from(event_type)) {
        Some(e) => e.2,
        None => event_desc(event_type).map_or(0, |d| d.flags),
    }
}

/// Event category as sysdig 0.29.3 sees it (see [`compat_flags`]).
pub fn compat_category(event_type: u16) -> u32 {
    match SYSDIG_0_29.get(usize::from(event_type)) {
        Some(e) => e.1,
        None => event_desc(event_type).map_or(0, |d| d.category),
    }
}

//! Metadata blocks: section header, machine info, process list, fd list,
//! interface list and user list.
//!
//! Entries with a length prefix (PL v9, FDL v2, UL v2, IL v2) are read field
//! by field while the fields fit, and any unknown tail is skipped, so newer
//! writers stay readable.

use super::cursor::{Cursor, OutOfBounds};

/// A metadata block that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    /// Why, in words.
    pub reason: String,
}

impl From<OutOfBounds> for MetaError {
    fn from(e: OutOfBounds) -> Self {
        MetaError {
            reason: e.to_string(),
        }
    }
}

fn err(reason: impl Into<String>) -> MetaError {
    MetaError {
        reason: reason.into(),
    }
}

fn lossy(b: &[u8]) -> String {
    // On-disk strings are not NUL-terminated, but some writers include one.
    let b = match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    };
    String::from_utf8_lossy(b).into_owned()
}

/// Section header block body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeader {
    /// Major version (1).
    pub major: u16,
    /// Minor version (0, 1, 2).
    pub minor: u16,
    /// pcapng-style options found after the fixed part: (code, value).
    pub options: Vec<(u16, Vec<u8>)>,
}

/// Parses a section header body (after the block type and length).
pub fn parse_section_header(body: &[u8]) -> Result<SectionHeader, MetaError> {
    let mut c = Cursor::new(body);
    let magic = c.u32()?;
    if magic != 0x1A2B_3C4D {
        return Err(err(format!(
            "byte-order magic {magic:#010x} is not 0x1a2b3c4d (big-endian captures are not supported)"
        )));
    }
    let major = c.u16()?;
    let minor = c.u16()?;
    let _section_len = c.u64()?;
    if major > 1 {
        return Err(err(format!("version {major}.{minor} is newer than 1.x")));
    }
    // Options are pcapng-like: code u16, length u16, value padded to 4.
    // They are informational, so a malformed option list just ends the list.
    let mut options = Vec::new();
    while c.remaining() >= 4 {
        let Ok(code) = c.u16() else { break };
        let Ok(len) = c.u16() else { break };
        if code == 0 {
            break;
        }
        let Ok(value) = c.bytes(usize::from(len)) else {
            break;
        };
        options.push((code, value.to_vec()));
        let pad = (4 - usize::from(len) % 4) % 4;
        if c.skip(pad).is_err() {
            break;
        }
    }
    Ok(SectionHeader {
        major,
        minor,
        options,
    })
}

/// Machine info block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MachineInfo {
    /// Number of CPUs.
    pub num_cpus: u32,
    /// Physical memory in bytes.
    pub memory_size_bytes: u64,
    /// Maximum pid.
    pub max_pid: u64,
    /// Host name.
    pub hostname: String,
    /// Boot time, ns since the epoch (0 when the writer did not record it).
    pub boot_ts_ns: u64,
}

/// Parses a machine info body (180 bytes; extra bytes are ignored).
pub fn parse_machine_info(body: &[u8]) -> Result<MachineInfo, MetaError> {
    let mut c = Cursor::new(body);
    let num_cpus = c.u32()?;
    let memory_size_bytes = c.u64()?;
    let max_pid = c.u64()?;
    let hostname = lossy(c.bytes(128)?);
    // Older writers have a reserved zero word here; newer ones a boot time.
    let boot_ts_ns = c.u64().unwrap_or(0);
    Ok(MachineInfo {
        num_cpus,
        memory_size_bytes,
        max_pid,
        hostname,
        boot_ts_ns,
    })
}

/// One thread of the initial process list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThreadEntry {
    /// Thread id.
    pub tid: i64,
    /// Process id.
    pub pid: i64,
    /// Parent thread id.
    pub ptid: i64,
    /// Session id (-1 when absent).
    pub sid: i64,
    /// Virtual process group id (-1 when absent).
    pub vpgid: i64,
    /// Process group id (-1 when absent).
    pub pgid: i64,
    /// Command name (`comm`, at most 16 bytes in the kernel).
    pub comm: String,
    /// `argv[0]`-like executable name.
    pub exe: String,
    /// Full path of the executable (v7+).
    pub exepath: String,
    /// Arguments, NUL separated, without argv[0].
    pub args: Vec<u8>,
    /// Working directory.
    pub cwd: String,
    /// Limit of open fds.
    pub fdlimit: u64,
    /// Thread flags.
    pub flags: u32,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Virtual memory size, KiB.
    pub vmsize_kb: u32,
    /// Resident set, KiB.
    pub vmrss_kb: u32,
    /// Swap, KiB.
    pub vmswap_kb: u32,
    /// Major page faults.
    pub pfmajor: u64,
    /// Minor page faults.
    pub pfminor: u64,
    /// Environment, NUL separated (v3+).
    pub env: Vec<u8>,
    /// Thread id in its pid namespace (-1 when absent).
    pub vtid: i64,
    /// Process id in its pid namespace (-1 when absent).
    pub vpid: i64,
    /// cgroups as NUL-separated `subsys=path` entries (v4+).
    pub cgroups: Vec<u8>,
    /// Root directory (v5+).
    pub root: String,
    /// Start time of the pid namespace's init (v9, libs ≥ 0.10).
    pub pidns_init_start_ts: u64,
    /// Controlling terminal (v9, libs ≥ 0.10).
    pub tty: u32,
    /// Login uid (`u32::MAX` when absent).
    pub loginuid: u32,
}

/// Parses a process list body of the given version (1..=9).
pub fn parse_process_list(body: &[u8], version: u8) -> Result<Vec<ThreadEntry>, MetaError> {
    let mut c = Cursor::new(body);
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        let entry_start = c.pos();
        let entry_len = if version >= 9 {
            Some(c.u32()? as usize)
        } else {
            None
        };
        if let Some(len) = entry_len
            && (len < 4 || len - 4 > c.remaining())
        {
            return Err(err(format!(
                "process entry at body offset {entry_start} has length {len}, {} bytes remain",
                c.remaining() + 4
            )));
        }
        let mut t = ThreadEntry {
            sid: -1,
            vpgid: -1,
            pgid: -1,
            vtid: -1,
            vpid: -1,
            loginuid: u32::MAX,
            ..Default::default()
        };
        t.tid = c.i64()?;
        t.pid = c.i64()?;
        t.ptid = c.i64()?;
        if version >= 6 {
            t.sid = c.i64()?;
        }
        if version >= 8 {
            t.vpgid = c.i64()?;
        }
        t.comm = lossy(c.str16()?);
        t.exe = lossy(c.str16()?);
        if version >= 7 {
            t.exepath = lossy(c.str16()?);
        }
        t.args = c.str16()?.to_vec();
        t.cwd = lossy(c.str16()?);
        t.fdlimit = c.u64()?;
        t.flags = c.u32()?;
        t.uid = c.u32()?;
        t.gid = c.u32()?;
        if version >= 2 {
            t.vmsize_kb = c.u32()?;
            t.vmrss_kb = c.u32()?;
            t.vmswap_kb = c.u32()?;
            t.pfmajor = c.u64()?;
            t.pfminor = c.u64()?;
            if version >= 3 {
                t.env = c.str16()?.to_vec();
            }
            if version >= 4 {
                t.vtid = c.i64()?;
                t.vpid = c.i64()?;
                t.cgroups = c.str16()?.to_vec();
                if version >= 5 {
                    t.root = lossy(c.str16()?);
                }
            }
        }
        if let Some(len) = entry_len {
            let end = entry_start + len;
            let read = c.pos() - entry_start;
            if read > len {
                return Err(err(format!(
                    "process entry at body offset {entry_start} is longer than its length {len}"
                )));
            }
            // libs 0.10 inserted two fields before loginuid; entries of older
            // writers have at most the 29-byte old tail.
            let fits = |c: &Cursor<'_>, n: usize| c.pos() + n <= end;
            if end - c.pos() > 29 {
                if fits(&c, 8) {
                    t.pidns_init_start_ts = c.u64()?;
                }
                if fits(&c, 4) {
                    t.tty = c.u32()?;
                }
            }
            if fits(&c, 4) {
                t.loginuid = c.u32()?;
            }
            // exe_writable u8, three caps u64, exe_upper_layer u8, exe_ino,
            // ctime, mtime u64, exe_from_memfd u8, exe_lower_layer u8: not
            // used by any field yet, skipped.
            let skip_to_pgid = 1 + 8 * 3 + 1 + 8 * 3 + 1 + 1;
            if fits(&c, skip_to_pgid + 8) {
                c.skip(skip_to_pgid)?;
                t.pgid = c.i64()?;
            }
            c.skip(end - c.pos())?;
        }
        out.push(t);
    }
    Ok(out)
}

/// Fd type codes of the fd list block (libscap's `scap_fd_type`).
pub mod fd_type {
    /// Unknown.
    pub const UNKNOWN: u8 = 0;
    /// Regular file (old form).
    pub const FILE: u8 = 1;
    /// Directory.
    pub const DIRECTORY: u8 = 2;
    /// IPv4 socket.
    pub const IPV4_SOCK: u8 = 3;
    /// IPv6 socket.
    pub const IPV6_SOCK: u8 = 4;
    /// IPv4 server (listening) socket.
    pub const IPV4_SERVSOCK: u8 = 5;
    /// IPv6 server socket.
    pub const IPV6_SERVSOCK: u8 = 6;
    /// FIFO / pipe.
    pub const FIFO: u8 = 7;
    /// Unix socket.
    pub const UNIX_SOCK: u8 = 8;
    /// eventfd.
    pub const EVENT: u8 = 9;
    /// Unsupported.
    pub const UNSUPPORTED: u8 = 10;
    /// signalfd.
    pub const SIGNALFD: u8 = 11;
    /// epoll.
    pub const EVENTPOLL: u8 = 12;
    /// inotify.
    pub const INOTIFY: u8 = 13;
    /// timerfd.
    pub const TIMERFD: u8 = 14;
    /// netlink socket.
    pub const NETLINK: u8 = 15;
    /// Regular file with open flags.
    pub const FILE_V2: u8 = 16;
    /// bpf.
    pub const BPF: u8 = 17;
    /// userfaultfd.
    pub const USERFAULTFD: u8 = 18;
    /// io_uring.
    pub const IOURING: u8 = 19;
    /// memfd.
    pub const MEMFD: u8 = 20;
    /// pidfd.
    pub const PIDFD: u8 = 21;
}

/// Type-specific data of an fd list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FdInfo {
    /// Connected IPv4 socket.
    Ipv4 {
        /// Source address.
        sip: [u8; 4],
        /// Destination address.
        dip: [u8; 4],
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// L4 protocol code.
        l4proto: u8,
    },
    /// Listening IPv4 socket.
    Ipv4Server {
        /// Bound address.
        ip: [u8; 4],
        /// Bound port.
        port: u16,
        /// L4 protocol code.
        l4proto: u8,
    },
    /// Connected IPv6 socket.
    Ipv6 {
        /// Source address.
        sip: [u8; 16],
        /// Destination address.
        dip: [u8; 16],
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// L4 protocol code.
        l4proto: u8,
    },
    /// Listening IPv6 socket.
    Ipv6Server {
        /// Bound address.
        ip: [u8; 16],
        /// Bound port.
        port: u16,
        /// L4 protocol code.
        l4proto: u8,
    },
    /// Unix socket.
    Unix {
        /// Kernel pointer of this end.
        source: u64,
        /// Kernel pointer of the peer.
        dest: u64,
        /// Path.
        path: String,
    },
    /// Regular file with open flags (type 16).
    FileV2 {
        /// Open flags (PPM_O_*).
        open_flags: u32,
        /// Path.
        path: String,
        /// Device number, when recorded.
        dev: u32,
    },
    /// Any other type: just a name.
    Named(String),
}

/// One fd of a thread's initial fd table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdEntry {
    /// The fd number.
    pub fd: i64,
    /// Inode.
    pub ino: u64,
    /// Type code, see [`fd_type`]; unknown codes are kept as written.
    pub fd_type: u8,
    /// Type-specific data.
    pub info: FdInfo,
}

/// Parses an fd list body: the owning tid, then its fds.
pub fn parse_fd_list(body: &[u8], version: u8) -> Result<(i64, Vec<FdEntry>), MetaError> {
    let mut c = Cursor::new(body);
    let tid = c.i64()?;
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        let start = c.pos();
        let entry_len = if version >= 2 {
            Some(c.u32()? as usize)
        } else {
            None
        };
        if let Some(len) = entry_len
            && (len < 4 || len - 4 > c.remaining())
        {
            return Err(err(format!(
                "fd entry at body offset {start} has length {len}, {} bytes remain",
                c.remaining() + 4
            )));
        }
        let fd = c.i64()?;
        let ino = c.u64()?;
        let ty = c.u8()?;
        let name = |c: &mut Cursor<'_>| -> Result<String, MetaError> { Ok(lossy(c.str16()?)) };
        let info = match ty {
            fd_type::IPV4_SOCK => {
                let sip = arr4(c.bytes(4)?);
                let dip = arr4(c.bytes(4)?);
                FdInfo::Ipv4 {
                    sip,
                    dip,
                    sport: c.u16()?,
                    dport: c.u16()?,
                    l4proto: c.u8()?,
                }
            }
            fd_type::IPV4_SERVSOCK => FdInfo::Ipv4Server {
                ip: arr4(c.bytes(4)?),
                port: c.u16()?,
                l4proto: c.u8()?,
            },
            fd_type::IPV6_SOCK => {
                let sip = arr16(c.bytes(16)?);
                let dip = arr16(c.bytes(16)?);
                FdInfo::Ipv6 {
                    sip,
                    dip,
                    sport: c.u16()?,
                    dport: c.u16()?,
                    l4proto: c.u8()?,
                }
            }
            fd_type::IPV6_SERVSOCK => FdInfo::Ipv6Server {
                ip: arr16(c.bytes(16)?),
                port: c.u16()?,
                l4proto: c.u8()?,
            },
            fd_type::UNIX_SOCK => {
                let source = c.u64()?;
                let dest = c.u64()?;
                FdInfo::Unix {
                    source,
                    dest,
                    path: name(&mut c)?,
                }
            }
            fd_type::FILE_V2 => {
                let open_flags = c.u32()?;
                let path = name(&mut c)?;
                let mut dev = 0;
                if let Some(len) = entry_len
                    && c.pos() - start + 4 <= len
                {
                    dev = c.u32()?;
                }
                FdInfo::FileV2 {
                    open_flags,
                    path,
                    dev,
                }
            }
            1..=21 => FdInfo::Named(name(&mut c)?),
            _ => {
                if entry_len.is_none() {
                    return Err(err(format!(
                        "fd {fd} of tid {tid} has unknown type {ty} and v1 entries have no length to skip it"
                    )));
                }
                FdInfo::Named(format!("unknown-type:[{ty}]"))
            }
        };
        if let Some(len) = entry_len {
            let read = c.pos() - start;
            if read > len {
                return Err(err(format!(
                    "fd entry at body offset {start} is longer than its length {len}"
                )));
            }
            c.skip(len - read)?;
        }
        out.push(FdEntry {
            fd,
            ino,
            fd_type: ty,
            info,
        });
    }
    Ok((tid, out))
}

fn arr4(b: &[u8]) -> [u8; 4] {
    let mut a = [0; 4];
    a.copy_from_slice(b);
    a
}

fn arr16(b: &[u8]) -> [u8; 16] {
    let mut a = [0; 16];
    a.copy_from_slice(b);
    a
}

/// A network interface of the capturing host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// Interface name.
    pub name: String,
    /// Address: 4 bytes (IPv4) or 16 (IPv6).
    pub addr: Vec<u8>,
    /// Netmask, same length.
    pub netmask: Vec<u8>,
}

/// Parses an interface list body.
pub fn parse_interface_list(body: &[u8], version: u8) -> Result<Vec<Interface>, MetaError> {
    let mut c = Cursor::new(body);
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        let start = c.pos();
        // IL v2's length prefix does not count itself.
        let entry_len = if version >= 2 {
            Some(c.u32()? as usize)
        } else {
            None
        };
        let body_start = c.pos();
        let ty = c.u16()?;
        let name_len = usize::from(c.u16()?);
        let (alen, linkspeed) = match ty {
            1 => (4, true),
            2 => (16, true),
            3 => (4, false),
            4 => (16, false),
            _ => {
                return Err(err(format!(
                    "interface entry at body offset {start} has unknown type {ty}"
                )));
            }
        };
        let addr = c.bytes(alen)?.to_vec();
        let netmask = c.bytes(alen)?.to_vec();
        let _bcast = c.bytes(alen)?;
        if linkspeed {
            c.u64()?;
        }
        let name = lossy(c.bytes(name_len)?);
        if let Some(len) = entry_len {
            let read = c.pos() - body_start;
            if read > len {
                return Err(err(format!(
                    "interface entry at body offset {start} is longer than its length {len}"
                )));
            }
            c.skip(len - read)?;
        }
        out.push(Interface {
            name,
            addr,
            netmask,
        });
    }
    Ok(out)
}

/// A user of the capturing host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEntry {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Login name.
    pub name: String,
    /// Home directory.
    pub homedir: String,
    /// Shell.
    pub shell: String,
}

/// A group of the capturing host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupEntry {
    /// Group id.
    pub gid: u32,
    /// Group name.
    pub name: String,
}

/// Parses a user list body into users and groups.
pub fn parse_user_list(
    body: &[u8],
    version: u8,
) -> Result<(Vec<UserEntry>, Vec<GroupEntry>), MetaError> {
    let mut c = Cursor::new(body);
    let (mut users, mut groups) = (Vec::new(), Vec::new());
    while c.remaining() >= 4 {
        let start = c.pos();
        let entry_len = if version >= 2 {
            Some(c.u32()? as usize)
        } else {
            None
        };
        if let Some(len) = entry_len
            && (len < 4 || len - 4 > c.remaining())
        {
            return Err(err(format!(
                "user entry at body offset {start} has length {len}, {} bytes remain",
                c.remaining() + 4
            )));
        }
        match c.u8()? {
            0 => {
                let uid = c.u32()?;
                let gid = c.u32()?;
                let name = lossy(c.str16()?);
                let homedir = lossy(c.str16()?);
                let shell = lossy(c.str16()?);
                users.push(UserEntry {
                    uid,
                    gid,
                    name,
                    homedir,
                    shell,
                });
            }
            1 => {
                let gid = c.u32()?;
                let name = lossy(c.str16()?);
                groups.push(GroupEntry { gid, name });
            }
            t => {
                if entry_len.is_none() {
                    return Err(err(format!(
                        "user entry at body offset {start} has type {t}"
                    )));
                }
            }
        }
        if let Some(len) = entry_len {
            let read = c.pos() - start;
            if read > len {
                return Err(err(format!(
                    "user entry at body offset {start} is longer than its length {len}"
                )));
            }
            c.skip(len - read)?;
        }
    }
    Ok((users, groups))
}

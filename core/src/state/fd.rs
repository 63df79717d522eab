//! File descriptors as libsinsp describes them.
//!
//! The socket part of an fd is libsinsp's `sinsp_sockinfo` union: one
//! 40-byte buffer that the IPv4 tuple, IPv6 tuple, server and unix views
//! all alias. libsinsp's parsers change an fd's type and then read bytes
//! another view wrote, and that shows in its output, so [`Fd::sockinfo`]
//! keeps the raw buffer and every view reads and writes it at the C
//! offsets. [`Fd::sock`] and [`Fd::role`] are convenience views derived
//! from the buffer and the flags after every change.

use std::net::Ipv4Addr;

use crate::decode::{SockAddr, SockTuple, decode_sockaddr, decode_socktuple};
use crate::shared_str::SharedStr;

/// L4 protocol: unknown.
pub const L4_UNKNOWN: u8 = 0;
/// L4 protocol: not applicable.
pub const L4_NA: u8 = 1;
/// L4 protocol: TCP.
pub const L4_TCP: u8 = 2;
/// L4 protocol: UDP.
pub const L4_UDP: u8 = 3;
/// L4 protocol: ICMP.
pub const L4_ICMP: u8 = 4;
/// L4 protocol: raw.
pub const L4_RAW: u8 = 5;

/// libsinsp's fd flag bits (`sinsp_fdinfo_t::FLAGS_*`).
pub mod flags {
    /// Imported from the capture's fd list.
    pub const FROM_PROC: u32 = 1 << 0;
    /// This end is the client.
    pub const ROLE_CLIENT: u32 = 1 << 2;
    /// This end is the server.
    pub const ROLE_SERVER: u32 = 1 << 3;
    /// A close enter was seen, its exit not yet.
    pub const CLOSE_IN_PROGRESS: u32 = 1 << 4;
    /// The fd was re-created between a close enter and its exit.
    pub const CLOSE_CANCELED: u32 = 1 << 5;
    /// Opened on the tracer device.
    pub const IS_TRACER_FILE: u32 = 1 << 7;
    /// Known not to be a tracer fd.
    pub const IS_NOT_TRACER_FD: u32 = 1 << 9;
    /// A connect or I/O succeeded on the socket.
    pub const SOCKET_CONNECTED: u32 = 1 << 13;
    /// Copied from the parent by clone.
    pub const IS_CLONED: u32 = 1 << 14;
}

/// What an fd refers to (libscap's `scap_fd_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FdKind {
    /// Unknown.
    Unknown,
    /// Regular file.
    File,
    /// Directory.
    Directory,
    /// IPv4 socket.
    Ipv4,
    /// IPv6 socket.
    Ipv6,
    /// Listening IPv4 socket.
    Ipv4Server,
    /// Listening IPv6 socket.
    Ipv6Server,
    /// Pipe or FIFO.
    Fifo,
    /// Unix socket.
    Unix,
    /// eventfd.
    Event,
    /// Unsupported.
    Unsupported,
    /// signalfd.
    Signalfd,
    /// epoll.
    Eventpoll,
    /// inotify.
    Inotify,
    /// timerfd.
    Timerfd,
    /// netlink socket.
    Netlink,
    /// bpf.
    Bpf,
    /// userfaultfd.
    Userfaultfd,
    /// io_uring.
    Iouring,
    /// memfd.
    Memfd,
    /// pidfd.
    Pidfd,
}

impl FdKind {
    /// `fd.type` as sysdig 0.29.3 prints it (`get_typestring`): types it
    /// does not know print the string `<NA>`.
    pub fn type_name(self) -> &'static str {
        match self {
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::Ipv4 | FdKind::Ipv4Server => "ipv4",
            FdKind::Ipv6 | FdKind::Ipv6Server => "ipv6",
            FdKind::Fifo => "pipe",
            FdKind::Unix => "unix",
            FdKind::Event => "event",
            FdKind::Signalfd => "signalfd",
            FdKind::Eventpoll => "eventpoll",
            FdKind::Inotify => "inotify",
            FdKind::Timerfd => "timerfd",
            FdKind::Netlink => "netlink",
            _ => "<NA>",
        }
    }

    /// `fd.typechar` as sysdig 0.29.3 prints it (`get_typechar`).
    pub fn type_char(self) -> char {
        match self {
            FdKind::Unknown => 'o',
            FdKind::File => 'f',
            FdKind::Directory => 'd',
            FdKind::Ipv4 | FdKind::Ipv4Server => '4',
            FdKind::Ipv6 | FdKind::Ipv6Server => '6',
            FdKind::Fifo => 'p',
            FdKind::Unix => 'u',
            FdKind::Event => 'e',
            FdKind::Unsupported => 'X',
            FdKind::Signalfd => 's',
            FdKind::Eventpoll => 'l',
            FdKind::Inotify => 'i',
            FdKind::Timerfd => 't',
            FdKind::Netlink => 'n',
            FdKind::Bpf | FdKind::Userfaultfd | FdKind::Iouring | FdKind::Memfd | FdKind::Pidfd => {
                '?'
            }
        }
    }

    /// The kind of a libscap fd type code (`None` for UNKNOWN / unused).
    pub fn from_scap(code: u8) -> Option<FdKind> {
        Some(match code {
            1 | 16 => FdKind::File,
            2 => FdKind::Directory,
            3 => FdKind::Ipv4,
            4 => FdKind::Ipv6,
            5 => FdKind::Ipv4Server,
            6 => FdKind::Ipv6Server,
            7 => FdKind::Fifo,
            8 => FdKind::Unix,
            9 => FdKind::Event,
            10 => FdKind::Unsupported,
            11 => FdKind::Signalfd,
            12 => FdKind::Eventpoll,
            13 => FdKind::Inotify,
            14 => FdKind::Timerfd,
            15 => FdKind::Netlink,
            17 => FdKind::Bpf,
            18 => FdKind::Userfaultfd,
            19 => FdKind::Iouring,
            20 => FdKind::Memfd,
            21 => FdKind::Pidfd,
            _ => return None,
        })
    }

    /// Whether it is one of the four IP socket kinds.
    pub fn is_ip(self) -> bool {
        matches!(
            self,
            FdKind::Ipv4 | FdKind::Ipv6 | FdKind::Ipv4Server | FdKind::Ipv6Server
        )
    }
}

/// Client/server role of a socket (a view of the role flag bits; server
/// wins when both are set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// Unknown.
    #[default]
    None,
    /// This end connected.
    Client,
    /// This end accepted or bound.
    Server,
}

/// Socket addressing of an fd, read from the union through the view its
/// type selects. IPv4 addresses are the u32 read from the network-order
/// bytes (little-endian load), as libsinsp keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sock {
    /// Not a socket.
    #[default]
    None,
    /// IPv4 tuple.
    V4 {
        /// Source address.
        sip: u32,
        /// Destination address.
        dip: u32,
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// L4 protocol.
        l4: u8,
    },
    /// Listening IPv4.
    V4Server {
        /// Address.
        ip: u32,
        /// Port.
        port: u16,
        /// L4 protocol.
        l4: u8,
    },
    /// IPv6 tuple.
    V6 {
        /// Source.
        sip: [u8; 16],
        /// Destination.
        dip: [u8; 16],
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// L4 protocol.
        l4: u8,
    },
    /// Listening IPv6.
    V6Server {
        /// Address.
        ip: [u8; 16],
        /// Port.
        port: u16,
        /// L4 protocol.
        l4: u8,
    },
    /// Unix socket kernel pointers.
    Unix {
        /// This end.
        source: u64,
        /// Peer.
        dest: u64,
    },
}

impl Sock {
    /// The L4 protocol code.
    pub fn l4(&self) -> u8 {
        match *self {
            Sock::V4 { l4, .. }
            | Sock::V4Server { l4, .. }
            | Sock::V6 { l4, .. }
            | Sock::V6Server { l4, .. } => l4,
            _ => L4_UNKNOWN,
        }
    }
}

/// Size of libsinsp's socket info union.
pub const SOCKINFO_LEN: usize = 40;

/// Bytes of the union an IPv4 tuple or server, or no socket, uses.
const SHORT_LEN: usize = 15;

/// libsinsp's socket info union, [`SOCKINFO_LEN`] bytes, kept in 16:
/// an fd that is no socket, an IPv4 tuple (13 bytes) or an IPv4 server
/// leaves every byte past the 15th zero, and those are the most of a large
/// capture's million fd versions; IPv6 and unix sockets take a boxed
/// copy. Canonical (the boxed form only when a byte past the 15th is not
/// zero), so equality and hashing are the bytes'.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SockBuf {
    /// Bytes 0..15; the rest are zero.
    Short([u8; SHORT_LEN]),
    /// All of them.
    Full(Box<[u8; SOCKINFO_LEN]>),
}

impl Default for SockBuf {
    fn default() -> Self {
        SockBuf::Short([0; SHORT_LEN])
    }
}

impl SockBuf {
    /// Byte `o`.
    #[inline]
    pub fn byte(&self, o: usize) -> u8 {
        match self {
            SockBuf::Short(b) => b.get(o).copied().unwrap_or(0),
            SockBuf::Full(b) => b[o],
        }
    }

    /// All the bytes.
    pub fn bytes(&self) -> [u8; SOCKINFO_LEN] {
        match self {
            SockBuf::Short(b) => {
                let mut a = [0; SOCKINFO_LEN];
                a[..SHORT_LEN].copy_from_slice(b);
                a
            }
            SockBuf::Full(b) => **b,
        }
    }

    /// Writes `b` at byte `o`.
    pub fn write(&mut self, o: usize, b: &[u8]) {
        if let SockBuf::Short(s) = self
            && o + b.len() <= SHORT_LEN
        {
            s[o..o + b.len()].copy_from_slice(b);
            return;
        }
        let mut a = self.bytes();
        a[o..o + b.len()].copy_from_slice(b);
        *self = if a[SHORT_LEN..].iter().all(|&x| x == 0) {
            let mut s = [0; SHORT_LEN];
            s.copy_from_slice(&a[..SHORT_LEN]);
            SockBuf::Short(s)
        } else {
            SockBuf::Full(Box::new(a))
        };
    }
}

/// One open file descriptor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fd {
    /// What it is.
    pub kind: FdKind,
    /// `fd.name`: path, socket tuple text, or empty.
    pub name: SharedStr,
    /// Open flags (PPM_O_*), for files.
    pub open_flags: u32,
    /// Inode, when known.
    pub ino: u64,
    /// Device, when known.
    pub dev: u32,
    /// libsinsp's flag bits, see [`flags`].
    pub flags: u32,
    /// The socket info union, little-endian, C layout; read it through
    /// [`Fd::sock`]. Not kept decoded beside it: fd versions are many
    /// (one per open and per connection change) and that copy was a third
    /// of each.
    pub sockinfo: SockBuf,
    /// View of the role flags (kept in sync).
    pub role: Role,
    /// Whether SOCKET_CONNECTED is set (kept in sync).
    pub connected: bool,
    /// Whether it was inherited through clone (kept in sync).
    pub cloned_from_parent: bool,
}

impl Fd {
    /// A new fd of a kind with a name, zeroed union, no flags.
    pub fn new(kind: FdKind, name: String) -> Fd {
        let mut f = Fd {
            kind,
            name: name.into(),
            open_flags: 0,
            ino: 0,
            dev: 0,
            flags: 0,
            sockinfo: SockBuf::default(),
            role: Role::None,
            connected: false,
            cloned_from_parent: false,
        };
        f.sync();
        f
    }

    /// The socket union read through the view the fd's type selects.
    pub fn sock(&self) -> Sock {
        match self.kind {
            FdKind::Ipv4 => Sock::V4 {
                sip: self.v4_sip(),
                dip: self.v4_dip(),
                sport: self.v4_sport(),
                dport: self.v4_dport(),
                l4: self.v4_l4(),
            },
            FdKind::Ipv6 => Sock::V6 {
                sip: self.v6_sip(),
                dip: self.v6_dip(),
                sport: self.v6_sport(),
                dport: self.v6_dport(),
                l4: self.v6_l4(),
            },
            FdKind::Ipv4Server => Sock::V4Server {
                ip: self.v4srv_ip(),
                port: self.v4srv_port(),
                l4: self.v4srv_l4(),
            },
            FdKind::Ipv6Server => Sock::V6Server {
                ip: self.v6srv_ip(),
                port: self.v6srv_port(),
                l4: self.v6srv_l4(),
            },
            FdKind::Unix => Sock::Unix {
                source: self.rd_u64(0),
                dest: self.rd_u64(8),
            },
            _ => Sock::None,
        }
    }

    /// Recomputes the derived views after a change of flags.
    pub fn sync(&mut self) {
        self.role = if self.flags & flags::ROLE_SERVER != 0 {
            Role::Server
        } else if self.flags & flags::ROLE_CLIENT != 0 {
            Role::Client
        } else {
            Role::None
        };
        self.connected = self.flags & flags::SOCKET_CONNECTED != 0;
        self.cloned_from_parent = self.flags & flags::IS_CLONED != 0;
    }

    // --- raw union access -------------------------------------------------

    fn rd_u16(&self, o: usize) -> u16 {
        u16::from_le_bytes([self.sockinfo.byte(o), self.sockinfo.byte(o + 1)])
    }
    fn rd_u32(&self, o: usize) -> u32 {
        let b = self.sockinfo.bytes();
        u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
    }
    fn rd_u64(&self, o: usize) -> u64 {
        let mut a = [0u8; 8];
        a.copy_from_slice(&self.sockinfo.bytes()[o..o + 8]);
        u64::from_le_bytes(a)
    }
    fn rd_16(&self, o: usize) -> [u8; 16] {
        let mut a = [0u8; 16];
        a.copy_from_slice(&self.sockinfo.bytes()[o..o + 16]);
        a
    }
    fn wr(&mut self, o: usize, b: &[u8]) {
        self.sockinfo.write(o, b);
    }

    /// IPv4 tuple view: source address.
    pub fn v4_sip(&self) -> u32 {
        self.rd_u32(0)
    }
    /// IPv4 tuple view: destination address.
    pub fn v4_dip(&self) -> u32 {
        self.rd_u32(4)
    }
    /// IPv4 tuple view: source port.
    pub fn v4_sport(&self) -> u16 {
        self.rd_u16(8)
    }
    /// IPv4 tuple view: destination port.
    pub fn v4_dport(&self) -> u16 {
        self.rd_u16(10)
    }
    /// IPv4 tuple view: L4 protocol.
    pub fn v4_l4(&self) -> u8 {
        self.sockinfo.byte(12)
    }
    /// Sets the IPv4 tuple view's source address.
    pub fn set_v4_sip(&mut self, v: u32) {
        self.wr(0, &v.to_le_bytes());
    }
    /// Sets the IPv4 tuple view's destination address.
    pub fn set_v4_dip(&mut self, v: u32) {
        self.wr(4, &v.to_le_bytes());
    }
    /// Sets the IPv4 tuple view's source port.
    pub fn set_v4_sport(&mut self, v: u16) {
        self.wr(8, &v.to_le_bytes());
    }
    /// Sets the IPv4 tuple view's destination port.
    pub fn set_v4_dport(&mut self, v: u16) {
        self.wr(10, &v.to_le_bytes());
    }
    /// Sets the IPv4 tuple view's L4 protocol.
    pub fn set_v4_l4(&mut self, v: u8) {
        self.sockinfo.write(12, &[v]);
    }
    /// IPv6 tuple view: source address.
    pub fn v6_sip(&self) -> [u8; 16] {
        self.rd_16(0)
    }
    /// IPv6 tuple view: destination address.
    pub fn v6_dip(&self) -> [u8; 16] {
        self.rd_16(16)
    }
    /// IPv6 tuple view: source port.
    pub fn v6_sport(&self) -> u16 {
        self.rd_u16(32)
    }
    /// IPv6 tuple view: destination port.
    pub fn v6_dport(&self) -> u16 {
        self.rd_u16(34)
    }
    /// IPv6 tuple view: L4 protocol.
    pub fn v6_l4(&self) -> u8 {
        self.sockinfo.byte(36)
    }
    /// Sets the IPv6 tuple view's source address.
    pub fn set_v6_sip(&mut self, v: [u8; 16]) {
        self.wr(0, &v);
    }
    /// Sets the IPv6 tuple view's destination address.
    pub fn set_v6_dip(&mut self, v: [u8; 16]) {
        self.wr(16, &v);
    }
    /// Sets the IPv6 tuple view's source port.
    pub fn set_v6_sport(&mut self, v: u16) {
        self.wr(32, &v.to_le_bytes());
    }
    /// Sets the IPv6 tuple view's destination port.
    pub fn set_v6_dport(&mut self, v: u16) {
        self.wr(34, &v.to_le_bytes());
    }
    /// Sets the IPv6 tuple view's L4 protocol.
    pub fn set_v6_l4(&mut self, v: u8) {
        self.sockinfo.write(36, &[v]);
    }
    /// IPv4 server view: address.
    pub fn v4srv_ip(&self) -> u32 {
        self.rd_u32(0)
    }
    /// IPv4 server view: port.
    pub fn v4srv_port(&self) -> u16 {
        self.rd_u16(4)
    }
    /// IPv4 server view: L4 protocol.
    pub fn v4srv_l4(&self) -> u8 {
        self.sockinfo.byte(6)
    }
    /// Sets the IPv4 server view.
    pub fn set_v4srv(&mut self, ip: u32, port: u16, l4: u8) {
        self.wr(0, &ip.to_le_bytes());
        self.wr(4, &port.to_le_bytes());
        self.sockinfo.write(6, &[l4]);
    }
    /// IPv6 server view: address.
    pub fn v6srv_ip(&self) -> [u8; 16] {
        self.rd_16(0)
    }
    /// IPv6 server view: port.
    pub fn v6srv_port(&self) -> u16 {
        self.rd_u16(16)
    }
    /// IPv6 server view: L4 protocol.
    pub fn v6srv_l4(&self) -> u8 {
        self.sockinfo.byte(18)
    }
    /// Sets the IPv6 server view.
    pub fn set_v6srv(&mut self, ip: [u8; 16], port: u16, l4: u8) {
        self.wr(0, &ip);
        self.wr(16, &port.to_le_bytes());
        self.sockinfo.write(18, &[l4]);
    }
    /// Sets the unix view.
    pub fn set_unix(&mut self, source: u64, dest: u64) {
        self.wr(0, &source.to_le_bytes());
        self.wr(8, &dest.to_le_bytes());
    }

    // --- libsinsp predicates -----------------------------------------------

    /// `is_role_server`.
    pub fn is_role_server(&self) -> bool {
        self.flags & flags::ROLE_SERVER != 0
    }
    /// `is_role_client`.
    pub fn is_role_client(&self) -> bool {
        self.flags & flags::ROLE_CLIENT != 0
    }
    /// `is_role_none`.
    pub fn is_role_none(&self) -> bool {
        self.flags & (flags::ROLE_CLIENT | flags::ROLE_SERVER) == 0
    }
    /// libsinsp's `is_tcp_socket`: IPv4 sockets only.
    pub fn is_tcp(&self) -> bool {
        self.kind == FdKind::Ipv4 && self.v4_l4() == L4_TCP
    }
    /// libsinsp's `is_udp_socket`: IPv4 sockets only.
    pub fn is_udp(&self) -> bool {
        self.kind == FdKind::Ipv4 && self.v4_l4() == L4_UDP
    }

    /// libsinsp's `get_l4proto`.
    pub fn l4proto(&self) -> u8 {
        match self.kind {
            FdKind::Ipv4 => {
                let l4 = self.v4_l4();
                if l4 == L4_RAW {
                    L4_RAW
                } else if self.is_role_none() {
                    L4_NA
                } else {
                    l4
                }
            }
            FdKind::Ipv6 => {
                let l4 = self.v6_l4();
                if l4 == L4_RAW {
                    L4_RAW
                } else if self.is_role_none() {
                    L4_NA
                } else {
                    l4
                }
            }
            FdKind::Ipv4Server => self.v4srv_l4(),
            FdKind::Ipv6Server => self.v6srv_l4(),
            _ => L4_NA,
        }
    }

    /// Swaps the tuple's ends (libsinsp's `swap_addresses`: IPv4 view for
    /// IPv4 sockets, IPv6 view for everything else).
    pub fn swap_addresses(&mut self) {
        if self.kind == FdKind::Ipv4 {
            let (sip, sport, dip, dport) = (
                self.v4_sip(),
                self.v4_sport(),
                self.v4_dip(),
                self.v4_dport(),
            );
            self.set_v4_sip(dip);
            self.set_v4_sport(dport);
            self.set_v4_dip(sip);
            self.set_v4_dport(sport);
        } else {
            let (sip, sport, dip, dport) = (
                self.v6_sip(),
                self.v6_sport(),
                self.v6_dip(),
                self.v6_dport(),
            );
            self.set_v6_sip(dip);
            self.set_v6_sport(dport);
            self.set_v6_dip(sip);
            self.set_v6_dport(sport);
        }
    }

    /// libsinsp's `update_ipv4_addresses_and_ports`; returns whether
    /// anything changed.
    pub fn update_v4(&mut self, tsip: u32, tsport: u16, tdip: u32, tdport: u16) -> bool {
        if self.kind == FdKind::Ipv4 {
            let (sip, sport, dip, dport) = (
                self.v4_sip(),
                self.v4_sport(),
                self.v4_dip(),
                self.v4_dport(),
            );
            if (tsip == sip && tsport == sport && tdip == dip && tdport == dport)
                || (tdip == sip && tdport == sport && tsip == dip && tsport == dport)
            {
                return false;
            }
        }
        let mut changed = false;
        if self.v4_sip() != tsip {
            self.set_v4_sip(tsip);
            changed = true;
        }
        if self.v4_sport() != tsport {
            self.set_v4_sport(tsport);
            changed = true;
        }
        if self.v4_dip() == 0 {
            self.set_v4_dip(tdip);
            changed = true;
        }
        if self.v4_dport() == 0 {
            self.set_v4_dport(tdport);
            changed = true;
        }
        changed
    }

    /// libsinsp's `set_ipv6_addresses_and_ports`; returns whether anything
    /// changed.
    pub fn update_v6(&mut self, tsip: [u8; 16], tsport: u16, tdip: [u8; 16], tdport: u16) -> bool {
        if self.kind == FdKind::Ipv6 {
            let (sip, sport, dip, dport) = (
                self.v6_sip(),
                self.v6_sport(),
                self.v6_dip(),
                self.v6_dport(),
            );
            if (tsip == sip && tsport == sport && tdip == dip && tdport == dport)
                || (tdip == sip && tdport == sport && tsip == dip && tsport == dport)
            {
                return false;
            }
        }
        let mut changed = false;
        if self.v6_sip() != tsip {
            self.set_v6_sip(tsip);
            changed = true;
        }
        if self.v6_sport() != tsport {
            self.set_v6_sport(tsport);
            changed = true;
        }
        if self.v6_dip() == [0; 16] {
            self.set_v6_dip(tdip);
            changed = true;
        }
        if self.v6_dport() == 0 {
            self.set_v6_dport(tdport);
            changed = true;
        }
        changed
    }

    /// libsinsp's `sockinfo_to_str` for IP sockets (`None` for other
    /// types, whose name the caller keeps).
    pub fn sockinfo_name(&self) -> Option<String> {
        match self.kind {
            FdKind::Ipv4 => {
                let l4 = self.v4_l4();
                let (s, d) = (self.v4_sip().to_le_bytes(), self.v4_dip().to_le_bytes());
                Some(match l4 {
                    L4_TCP | L4_UDP => format!(
                        "{}:{}->{}:{}",
                        Ipv4Addr::from(s),
                        self.v4_sport(),
                        Ipv4Addr::from(d),
                        self.v4_dport()
                    ),
                    L4_ICMP | L4_RAW => format!("{}->{}", Ipv4Addr::from(s), Ipv4Addr::from(d)),
                    _ => "<unknown>".into(),
                })
            }
            FdKind::Ipv6 => {
                let (s, d) = (self.v6_sip(), self.v6_dip());
                let mapped = is_v4_mapped(&s) && is_v4_mapped(&d);
                let s4 = Ipv4Addr::new(s[12], s[13], s[14], s[15]);
                let d4 = Ipv4Addr::new(d[12], d[13], d[14], d[15]);
                Some(match self.v6_l4() {
                    // The mapped case reads the ports through the IPv4 view.
                    L4_TCP | L4_UDP if mapped => {
                        format!("{s4}:{}->{d4}:{}", self.v4_sport(), self.v4_dport())
                    }
                    L4_TCP | L4_UDP => format!(
                        "{}:{}->{}:{}",
                        inet_ntop6(&s),
                        self.v6_sport(),
                        inet_ntop6(&d),
                        self.v6_dport()
                    ),
                    L4_ICMP if mapped => format!("{s4}->{d4}"),
                    L4_ICMP => format!("{}->{}", inet_ntop6(&s), inet_ntop6(&d)),
                    _ => "<unknown>".into(),
                })
            }
            _ => None,
        }
    }

    /// The name an FDL IPv4 tuple or server gets (`ipv4tuple_to_string`,
    /// `ipv4serveraddr_to_string`, IPv6 forms).
    pub fn tuple_name(&self) -> String {
        match self.kind {
            FdKind::Ipv4 => format!(
                "{}:{}->{}:{}",
                Ipv4Addr::from(self.v4_sip().to_le_bytes()),
                self.v4_sport(),
                Ipv4Addr::from(self.v4_dip().to_le_bytes()),
                self.v4_dport()
            ),
            FdKind::Ipv6 => format!(
                "{}:{}->{}:{}",
                inet_ntop6(&self.v6_sip()),
                self.v6_sport(),
                inet_ntop6(&self.v6_dip()),
                self.v6_dport()
            ),
            FdKind::Ipv4Server => format!(
                "{}:{}",
                Ipv4Addr::from(self.v4srv_ip().to_le_bytes()),
                self.v4srv_port()
            ),
            FdKind::Ipv6Server => {
                format!("{}:{}", inet_ntop6(&self.v6srv_ip()), self.v6srv_port())
            }
            _ => self.name.to_string(),
        }
    }
}

/// libsinsp's `is_ipv4_mapped_ipv6`: `::ffff:a.b.c.d`, and also the
/// all-zero address.
pub fn is_v4_mapped(ip: &[u8; 16]) -> bool {
    ip[..10].iter().all(|&b| b == 0)
        && ((ip[10] == 0xff && ip[11] == 0xff) || ip[10..].iter().all(|&b| b == 0))
}

/// glibc's `inet_ntop(AF_INET6, ..)`.
pub fn inet_ntop6(a: &[u8; 16]) -> String {
    let words: Vec<u16> = (0..8)
        .map(|i| u16::from_be_bytes([a[2 * i], a[2 * i + 1]]))
        .collect();
    // Longest run of zero words (at least two), the first on ties.
    let (mut best, mut best_len) = (usize::MAX, 0usize);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let start = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best = usize::MAX;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if i == best {
            if i == 0 {
                out.push(':');
            }
            out.push(':');
            i += best_len;
            continue;
        }
        // An embedded IPv4 address (::a.b.c.d or ::ffff:a.b.c.d).
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)) {
            out.push_str(&format!("{}.{}.{}.{}", a[12], a[13], a[14], a[15]));
            break;
        }
        out.push_str(&format!("{:x}", words[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// A sockaddr parameter as libsinsp prints it in "simple" form (the name
/// bind and connect give an fd).
pub fn sockaddr_simple(b: &[u8]) -> String {
    match decode_sockaddr(b) {
        Some(SockAddr::V4(ip, port)) => format!("{ip}:{port}"),
        Some(SockAddr::V6(ip, port)) => format!("{}:{port}", inet_ntop6(&ip.octets())),
        Some(SockAddr::Unix(p)) => sanitize(p),
        Some(SockAddr::Other(f)) => format!("family {f}"),
        None => "NULL".into(),
    }
}

/// A socktuple parameter as libsinsp prints it in "simple" form.
pub fn socktuple_simple(b: &[u8]) -> String {
    match decode_socktuple(b) {
        Some(SockTuple::V4 {
            sip,
            sport,
            dip,
            dport,
        }) => format!("{sip}:{sport}->{dip}:{dport}"),
        Some(SockTuple::V6 {
            sip,
            sport,
            dip,
            dport,
        }) => {
            let (s, d) = (sip.octets(), dip.octets());
            if is_v4_mapped(&s) && is_v4_mapped(&d) {
                let s4 = Ipv4Addr::new(s[12], s[13], s[14], s[15]);
                let d4 = Ipv4Addr::new(d[12], d[13], d[14], d[15]);
                format!("{s4}:{sport}->{d4}:{dport}")
            } else {
                format!("{}:{sport}->{}:{dport}", inet_ntop6(&s), inet_ntop6(&d))
            }
        }
        Some(SockTuple::Unix { source, dest, path }) => {
            format!("{source:x}->{dest:x} {}", sanitize(path))
        }
        Some(SockTuple::Other(f)) => format!("family {f}"),
        None => "NULL".into(),
    }
}

/// libsinsp's `sanitize_string` on a C string: drops every byte that is
/// not printable ASCII (`isprint`), stopping at a NUL.
pub fn sanitize(b: &[u8]) -> String {
    let b = match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    };
    b.iter()
        .filter(|&&c| (0x20..0x7f).contains(&c))
        .map(|&c| c as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_socket_union_keeps_every_byte_in_16() {
        assert_eq!(std::mem::size_of::<SockBuf>(), 16);
        let mut b = SockBuf::default();
        b.write(0, &[1, 2, 3, 4]);
        b.write(12, &[6]);
        assert!(matches!(b, SockBuf::Short(_)));
        assert_eq!(b.byte(12), 6);
        assert_eq!(b.byte(39), 0);
        // An IPv6 tuple's L4 byte needs the whole union, and leaving it
        // zero again gives the short form back, equal to one never boxed.
        b.write(36, &[17]);
        assert!(matches!(b, SockBuf::Full(_)));
        assert_eq!((b.byte(36), b.byte(3)), (17, 4));
        let mut all = [0u8; SOCKINFO_LEN];
        all[..4].copy_from_slice(&[1, 2, 3, 4]);
        all[12] = 6;
        all[36] = 17;
        assert_eq!(b.bytes(), all);
        b.write(36, &[0]);
        assert!(matches!(b, SockBuf::Short(_)));
        let mut c = SockBuf::default();
        c.write(0, &[1, 2, 3, 4]);
        c.write(12, &[6]);
        assert_eq!(b, c);
        // A write across the boundary.
        c.write(14, &[9, 9]);
        assert_eq!((c.byte(14), c.byte(15)), (9, 9));
        // What an fd version costs: the union no longer dominates it.
        assert!(
            std::mem::size_of::<Fd>() <= 48,
            "{}",
            std::mem::size_of::<Fd>()
        );
    }
}

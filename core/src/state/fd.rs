//! File descriptors as libsinsp describes them.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::decode::{SockAddr, SockTuple, decode_sockaddr, decode_socktuple};

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
    /// `fd.type` as sysdig prints it.
    pub fn type_name(self) -> &'static str {
        match self {
            FdKind::Unknown => "<NA>",
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::Ipv4 | FdKind::Ipv4Server => "ipv4",
            FdKind::Ipv6 | FdKind::Ipv6Server => "ipv6",
            FdKind::Fifo => "pipe",
            FdKind::Unix => "unix",
            FdKind::Event => "event",
            FdKind::Unsupported => "unsupported",
            FdKind::Signalfd => "signalfd",
            FdKind::Eventpoll => "eventpoll",
            FdKind::Inotify => "inotify",
            FdKind::Timerfd => "timerfd",
            FdKind::Netlink => "netlink",
            FdKind::Bpf => "bpf",
            FdKind::Userfaultfd => "userfaultfd",
            FdKind::Iouring => "io_uring",
            FdKind::Memfd => "memfd",
            FdKind::Pidfd => "pidfd",
        }
    }

    /// `fd.typechar` as sysdig prints it.
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
            FdKind::Unsupported => 'o',
            FdKind::Signalfd => 's',
            FdKind::Eventpoll => 'l',
            FdKind::Inotify => 'i',
            FdKind::Timerfd => 't',
            FdKind::Netlink => 'n',
            FdKind::Bpf => 'b',
            FdKind::Userfaultfd => 'u',
            FdKind::Iouring => 'r',
            FdKind::Memfd => 'm',
            FdKind::Pidfd => 'P',
        }
    }
}

/// Client/server role of a socket.
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

/// Socket addressing of an fd. IPv4 addresses are kept as the u32 read
/// from the wire (network byte order bytes, little-endian load).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sock {
    /// Not a socket, or nothing known.
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

    /// Sets the L4 protocol code.
    pub fn set_l4(&mut self, v: u8) {
        match self {
            Sock::V4 { l4, .. }
            | Sock::V4Server { l4, .. }
            | Sock::V6 { l4, .. }
            | Sock::V6Server { l4, .. } => *l4 = v,
            _ => {}
        }
    }

    fn as_v4(&mut self) -> (&mut u32, &mut u16, &mut u32, &mut u16) {
        if !matches!(self, Sock::V4 { .. }) {
            *self = Sock::V4 {
                sip: 0,
                dip: 0,
                sport: 0,
                dport: 0,
                l4: self.l4(),
            };
        }
        match self {
            Sock::V4 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => (sip, sport, dip, dport),
            _ => unreachable!("just set to V4"),
        }
    }

    fn as_v6(&mut self) -> (&mut [u8; 16], &mut u16, &mut [u8; 16], &mut u16) {
        if !matches!(self, Sock::V6 { .. }) {
            *self = Sock::V6 {
                sip: [0; 16],
                dip: [0; 16],
                sport: 0,
                dport: 0,
                l4: self.l4(),
            };
        }
        match self {
            Sock::V6 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => (sip, sport, dip, dport),
            _ => unreachable!("just set to V6"),
        }
    }

    /// Sets the IPv4 destination (connect enter).
    pub fn set_v4_dest(&mut self, ip: u32, port: u16) {
        let (_, _, d, dp) = self.as_v4();
        *d = ip;
        *dp = port;
    }

    /// Sets the IPv6 destination (connect enter).
    pub fn set_v6_dest(&mut self, ip: [u8; 16], port: u16) {
        let (_, _, d, dp) = self.as_v6();
        *d = ip;
        *dp = port;
    }

    /// libsinsp's `update_ipv4_addresses_and_ports`.
    pub fn update_v4(&mut self, tsip: u32, tsport: u16, tdip: u32, tdport: u16) -> bool {
        if let Sock::V4 {
            sip,
            sport,
            dip,
            dport,
            ..
        } = *self
            && ((tsip == sip && tsport == sport && tdip == dip && tdport == dport)
                || (tdip == sip && tdport == sport && tsip == dip && tsport == dport))
        {
            return false;
        }
        let (sip, sport, dip, dport) = self.as_v4();
        let mut changed = false;
        if *sip != tsip {
            *sip = tsip;
            changed = true;
        }
        if *sport != tsport {
            *sport = tsport;
            changed = true;
        }
        if *dip == 0 {
            *dip = tdip;
            changed = true;
        }
        if *dport == 0 {
            *dport = tdport;
            changed = true;
        }
        changed
    }

    /// libsinsp's `set_ipv6_addresses_and_ports`.
    pub fn update_v6(&mut self, tsip: [u8; 16], tsport: u16, tdip: [u8; 16], tdport: u16) -> bool {
        if let Sock::V6 {
            sip,
            sport,
            dip,
            dport,
            ..
        } = *self
            && ((tsip == sip && tsport == sport && tdip == dip && tdport == dport)
                || (tdip == sip && tdport == sport && tsip == dip && tsport == dport))
        {
            return false;
        }
        let (sip, sport, dip, dport) = self.as_v6();
        let mut changed = false;
        if *sip != tsip {
            *sip = tsip;
            changed = true;
        }
        if *sport != tsport {
            *sport = tsport;
            changed = true;
        }
        if *dip == [0; 16] {
            *dip = tdip;
            changed = true;
        }
        if *dport == 0 {
            *dport = tdport;
            changed = true;
        }
        changed
    }

    /// Swaps source and destination.
    pub fn swap(&mut self) {
        match self {
            Sock::V4 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => {
                std::mem::swap(sip, dip);
                std::mem::swap(sport, dport);
            }
            Sock::V6 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => {
                std::mem::swap(sip, dip);
                std::mem::swap(sport, dport);
            }
            _ => {}
        }
    }
}

/// One open file descriptor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fd {
    /// What it is.
    pub kind: FdKind,
    /// `fd.name`: path, socket tuple text, or empty.
    pub name: String,
    /// Open flags (PPM_O_*), for files.
    pub open_flags: u32,
    /// Inode, when known.
    pub ino: u64,
    /// Device, when known.
    pub dev: u32,
    /// Socket addressing.
    pub sock: Sock,
    /// Client/server role.
    pub role: Role,
    /// Whether a read/write succeeded on this socket.
    pub connected: bool,
    /// Whether it was inherited through clone.
    pub cloned_from_parent: bool,
}

/// Ports a process is bound to and uses as a client, for role guessing.
#[derive(Debug, Clone, Default)]
pub struct ThreadPorts {
    /// Ports of listening sockets.
    pub bound: Vec<u16>,
    /// Source ports of connected sockets.
    pub client: Vec<u16>,
}

impl Fd {
    /// A new fd of a kind with a name.
    pub fn new(kind: FdKind, name: String) -> Fd {
        Fd {
            kind,
            name,
            open_flags: 0,
            ino: 0,
            dev: 0,
            sock: Sock::None,
            role: Role::None,
            connected: false,
            cloned_from_parent: false,
        }
    }

    /// Whether it is a TCP socket.
    pub fn is_tcp(&self) -> bool {
        matches!(self.kind, FdKind::Ipv4 | FdKind::Ipv6) && self.sock.l4() == L4_TCP
    }

    /// Whether it is a UDP socket.
    pub fn is_udp(&self) -> bool {
        matches!(self.kind, FdKind::Ipv4 | FdKind::Ipv6) && self.sock.l4() == L4_UDP
    }

    /// libsinsp's `set_net_role_by_guessing`.
    pub fn guess_role(&mut self, ports: &ThreadPorts, incoming: bool) {
        let (sport, dport) = match self.sock {
            Sock::V4 { sport, dport, .. } | Sock::V6 { sport, dport, .. } => (sport, dport),
            _ => (0, 0),
        };
        if ports.bound.contains(&dport) {
            if ports.client.contains(&sport) {
                self.role = if incoming { Role::Server } else { Role::Client };
            } else {
                self.role = Role::Server;
            }
        } else {
            self.role = Role::Client;
        }
    }

    /// The name libsinsp gives a socket from its addressing
    /// (`sip:sport->dip:dport`, or `ip:port` for listening sockets).
    pub fn sock_name(&self) -> String {
        match self.sock {
            Sock::V4 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => format!(
                "{}:{}->{}:{}",
                Ipv4Addr::from(sip.to_le_bytes()),
                sport,
                Ipv4Addr::from(dip.to_le_bytes()),
                dport
            ),
            Sock::V4Server { ip, port, .. } => {
                format!("{}:{}", Ipv4Addr::from(ip.to_le_bytes()), port)
            }
            Sock::V6 {
                sip,
                sport,
                dip,
                dport,
                ..
            } => {
                format!(
                    "{}:{}->{}:{}",
                    Ipv6Addr::from(sip),
                    sport,
                    Ipv6Addr::from(dip),
                    dport
                )
            }
            Sock::V6Server { ip, port, .. } => format!("{}:{}", Ipv6Addr::from(ip), port),
            _ => self.name.clone(),
        }
    }
}

/// Whether a 16-byte address is an IPv4-mapped IPv6 address.
pub fn is_v4_mapped(ip: &[u8; 16]) -> bool {
    ip[..10].iter().all(|&b| b == 0) && ip[10] == 0xff && ip[11] == 0xff
}

/// A sockaddr parameter as libsinsp prints it in "simple" form.
pub fn sockaddr_simple(b: &[u8]) -> String {
    match decode_sockaddr(b) {
        Some(SockAddr::V4(ip, port)) => format!("{ip}:{port}"),
        Some(SockAddr::V6(ip, port)) => format!("{ip}:{port}"),
        Some(SockAddr::Unix(p)) => String::from_utf8_lossy(p).into_owned(),
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
                format!("{sip}:{sport}->{dip}:{dport}")
            }
        }
        Some(SockTuple::Unix { source, dest, path }) => {
            format!("{source:x}->{dest:x} {}", String::from_utf8_lossy(path))
        }
        Some(SockTuple::Other(f)) => format!("family {f}"),
        None => "NULL".into(),
    }
}

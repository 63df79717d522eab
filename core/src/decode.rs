//! Typed decoding of event parameters.
//!
//! [`decode`] turns a parameter's bytes into a [`Value`] according to its
//! [`ParamType`]. Byte buffers and strings stay borrowed from the capture.
//! A value whose bytes do not fit its type decodes to [`Value::Malformed`]
//! (counted by callers), never a panic.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::schema::{ParamDesc, ParamExtra, ParamType};

/// A socket address (PT_SOCKADDR) or one side of a tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockAddr<'a> {
    /// AF_UNSPEC or an unknown family (family code kept).
    Other(u8),
    /// IPv4 address and port.
    V4(Ipv4Addr, u16),
    /// IPv6 address and port.
    V6(Ipv6Addr, u16),
    /// Unix socket path (without NUL).
    Unix(&'a [u8]),
}

/// A socket tuple (PT_SOCKTUPLE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockTuple<'a> {
    /// Unknown family.
    Other(u8),
    /// IPv4 source/destination.
    V4 {
        /// Source address.
        sip: Ipv4Addr,
        /// Source port.
        sport: u16,
        /// Destination address.
        dip: Ipv4Addr,
        /// Destination port.
        dport: u16,
    },
    /// IPv6 source/destination.
    V6 {
        /// Source address.
        sip: Ipv6Addr,
        /// Source port.
        sport: u16,
        /// Destination address.
        dip: Ipv6Addr,
        /// Destination port.
        dport: u16,
    },
    /// Unix socket: kernel pointers and path.
    Unix {
        /// Source kernel pointer.
        source: u64,
        /// Destination kernel pointer.
        dest: u64,
        /// Path (without NUL).
        path: &'a [u8],
    },
}

/// A decoded parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Zero-length parameter: libs' NULL / absent.
    Empty,
    /// Signed integer (INT*, FD, PID, ERRNO …).
    Int(i64),
    /// Unsigned integer (UINT*, flags, uid, port …).
    Uint(u64),
    /// Floating point.
    Double(f64),
    /// A string without its NUL (CHARBUF, FSPATH, FSRELPATH).
    Str(&'a [u8]),
    /// Raw bytes (BYTEBUF).
    Bytes(&'a [u8]),
    /// Socket address.
    SockAddr(SockAddr<'a>),
    /// Socket tuple.
    SockTuple(SockTuple<'a>),
    /// fd list: (fd, flags) pairs.
    FdList(Vec<(i64, u16)>),
    /// An IP address.
    Ip(std::net::IpAddr),
    /// A dynamic parameter: the chosen type index and the inner value.
    Dyn(u8, Box<Value<'a>>),
    /// Bytes that do not fit the type.
    Malformed(&'a [u8]),
}

fn le<const N: usize>(b: &[u8]) -> Option<[u8; N]> {
    b.get(..N)?.try_into().ok()
}

fn strip_nul(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}

fn int_of(b: &[u8], ty: ParamType) -> Option<Value<'static>> {
    use ParamType::*;
    Some(match ty {
        Int8 => Value::Int(i64::from(i8::from_le_bytes(le::<1>(b)?))),
        Int16 => Value::Int(i64::from(i16::from_le_bytes(le::<2>(b)?))),
        Int32 | Fd32 | Pid32 => Value::Int(i64::from(i32::from_le_bytes(le::<4>(b)?))),
        Int64 | Errno | Fd | Pid => Value::Int(i64::from_le_bytes(le::<8>(b)?)),
        Uint8 | Flags8 | Enumflags8 | Sigtype | L4proto | Sockfamily => {
            Value::Uint(u64::from(b.first().copied()?))
        }
        Uint16 | Flags16 | Enumflags16 | Port | Syscallid => {
            Value::Uint(u64::from(u16::from_le_bytes(le::<2>(b)?)))
        }
        Uint32 | Flags32 | Enumflags32 | Uid | Gid | Bool | Sigset | Mode => {
            Value::Uint(u64::from(u32::from_le_bytes(le::<4>(b)?)))
        }
        Uint64 | Reltime | Abstime => Value::Uint(u64::from_le_bytes(le::<8>(b)?)),
        Double => Value::Double(f64::from_le_bytes(le::<8>(b)?)),
        _ => return Option::None,
    })
}

/// Decodes a socket address.
pub fn decode_sockaddr(b: &[u8]) -> Option<SockAddr<'_>> {
    let fam = *b.first()?;
    Some(match fam {
        2 => {
            let ip = le::<4>(&b[1..])?;
            let port = u16::from_le_bytes(le::<2>(b.get(5..)?)?);
            SockAddr::V4(Ipv4Addr::from(ip), port)
        }
        10 => {
            let ip = le::<16>(&b[1..])?;
            let port = u16::from_le_bytes(le::<2>(b.get(17..)?)?);
            SockAddr::V6(Ipv6Addr::from(ip), port)
        }
        1 => SockAddr::Unix(strip_nul(&b[1..])),
        f => SockAddr::Other(f),
    })
}

/// Decodes a socket tuple.
pub fn decode_socktuple(b: &[u8]) -> Option<SockTuple<'_>> {
    let fam = *b.first()?;
    Some(match fam {
        2 => {
            let sip = Ipv4Addr::from(le::<4>(&b[1..])?);
            let sport = u16::from_le_bytes(le::<2>(b.get(5..)?)?);
            let dip = Ipv4Addr::from(le::<4>(b.get(7..)?)?);
            let dport = u16::from_le_bytes(le::<2>(b.get(11..)?)?);
            SockTuple::V4 {
                sip,
                sport,
                dip,
                dport,
            }
        }
        10 => {
            let sip = Ipv6Addr::from(le::<16>(&b[1..])?);
            let sport = u16::from_le_bytes(le::<2>(b.get(17..)?)?);
            let dip = Ipv6Addr::from(le::<16>(b.get(19..)?)?);
            let dport = u16::from_le_bytes(le::<2>(b.get(35..)?)?);
            SockTuple::V6 {
                sip,
                sport,
                dip,
                dport,
            }
        }
        1 => {
            let source = u64::from_le_bytes(le::<8>(&b[1..])?);
            let dest = u64::from_le_bytes(le::<8>(b.get(9..)?)?);
            SockTuple::Unix {
                source,
                dest,
                path: strip_nul(b.get(17..)?),
            }
        }
        f => SockTuple::Other(f),
    })
}

/// Decodes one parameter by its description.
pub fn decode<'a>(desc: &ParamDesc, b: &'a [u8]) -> Value<'a> {
    decode_type(desc.ty, desc.extra, b)
}

/// Decodes bytes as the given type (`extra` resolves dynamic types).
pub fn decode_type<'a>(ty: ParamType, extra: ParamExtra, b: &'a [u8]) -> Value<'a> {
    use ParamType::*;
    if b.is_empty() {
        return Value::Empty;
    }
    let v = match ty {
        Charbuf | Fspath | Fsrelpath => Some(Value::Str(strip_nul(b))),
        Bytebuf | Charbufarray | CharbufPairArray | None => Some(Value::Bytes(b)),
        Sockaddr => decode_sockaddr(b).map(Value::SockAddr),
        Socktuple => decode_socktuple(b).map(Value::SockTuple),
        Fdlist => decode_fdlist(b).map(Value::FdList),
        Ipv4addr => le::<4>(b).map(|a| Value::Ip(Ipv4Addr::from(a).into())),
        Ipv6addr => le::<16>(b).map(|a| Value::Ip(Ipv6Addr::from(a).into())),
        Ipaddr | Ipnet | Ipv4net | Ipv6net => match b.len() {
            4 | 5 => le::<4>(b).map(|a| Value::Ip(Ipv4Addr::from(a).into())),
            _ => le::<16>(b).map(|a| Value::Ip(Ipv6Addr::from(a).into())),
        },
        Dyn => {
            let idx = b[0];
            match extra {
                ParamExtra::Dyn(types) => types.get(usize::from(idx)).map(|inner| {
                    Value::Dyn(idx, Box::new(decode_type(inner.ty, inner.extra, &b[1..])))
                }),
                _ => Option::None,
            }
        }
        _ => int_of(b, ty),
    };
    v.unwrap_or(Value::Malformed(b))
}

fn decode_fdlist(b: &[u8]) -> Option<Vec<(i64, u16)>> {
    let n = usize::from(u16::from_le_bytes(le::<2>(b)?));
    let mut out = Vec::with_capacity(n.min(b.len() / 10));
    let mut at = 2;
    for _ in 0..n {
        let fd = i64::from_le_bytes(le::<8>(b.get(at..)?)?);
        let fl = u16::from_le_bytes(le::<2>(b.get(at + 8..)?)?);
        out.push((fd, fl));
        at += 10;
    }
    Some(out)
}

impl Value<'_> {
    /// The value as a signed integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::Int(v) => Some(v),
            Value::Uint(v) => Some(v as i64),
            _ => None,
        }
    }

    /// The value as an unsigned integer, when it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::Int(v) => Some(v as u64),
            Value::Uint(v) => Some(v),
            _ => None,
        }
    }

    /// The value as bytes of a string or buffer.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Str(s) | Value::Bytes(s) => Some(s),
            _ => None,
        }
    }
}

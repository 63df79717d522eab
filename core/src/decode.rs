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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ParamType as T;

    fn d(ty: ParamType, b: &[u8]) -> Value<'_> {
        decode_type(ty, ParamExtra::None, b)
    }

    #[test]
    fn integers_of_every_width_and_sign() {
        assert_eq!(d(T::Int8, &[0xff]), Value::Int(-1));
        assert_eq!(d(T::Int16, &(-300i16).to_le_bytes()), Value::Int(-300));
        assert_eq!(d(T::Int32, &(-70000i32).to_le_bytes()), Value::Int(-70000));
        assert_eq!(d(T::Int64, &i64::MIN.to_le_bytes()), Value::Int(i64::MIN));
        assert_eq!(d(T::Uint8, &[200]), Value::Uint(200));
        assert_eq!(d(T::Uint16, &65535u16.to_le_bytes()), Value::Uint(65535));
        assert_eq!(
            d(T::Uint32, &u32::MAX.to_le_bytes()),
            Value::Uint(u64::from(u32::MAX))
        );
        assert_eq!(d(T::Uint64, &u64::MAX.to_le_bytes()), Value::Uint(u64::MAX));
        assert_eq!(d(T::Double, &1.5f64.to_le_bytes()), Value::Double(1.5));
    }

    #[test]
    fn fd_pid_errno_are_signed_64_and_32_bit_variants() {
        assert_eq!(d(T::Errno, &(-2i64).to_le_bytes()), Value::Int(-2));
        assert_eq!(d(T::Fd, &(-100i64).to_le_bytes()), Value::Int(-100));
        assert_eq!(d(T::Pid, &4242i64.to_le_bytes()), Value::Int(4242));
        assert_eq!(d(T::Fd32, &(-1i32).to_le_bytes()), Value::Int(-1));
        assert_eq!(d(T::Pid32, &7i32.to_le_bytes()), Value::Int(7));
    }

    #[test]
    fn flags_enums_and_ids_are_unsigned() {
        assert_eq!(d(T::Flags8, &[3]), Value::Uint(3));
        assert_eq!(d(T::Flags16, &0x8001u16.to_le_bytes()), Value::Uint(0x8001));
        assert_eq!(d(T::Flags32, &0x1001u32.to_le_bytes()), Value::Uint(0x1001));
        assert_eq!(d(T::Enumflags8, &[2]), Value::Uint(2));
        assert_eq!(d(T::Enumflags16, &5u16.to_le_bytes()), Value::Uint(5));
        assert_eq!(d(T::Enumflags32, &9u32.to_le_bytes()), Value::Uint(9));
        assert_eq!(d(T::Mode, &0o644u32.to_le_bytes()), Value::Uint(0o644));
        assert_eq!(d(T::Uid, &1000u32.to_le_bytes()), Value::Uint(1000));
        assert_eq!(d(T::Gid, &100u32.to_le_bytes()), Value::Uint(100));
        assert_eq!(d(T::Syscallid, &270u16.to_le_bytes()), Value::Uint(270));
        assert_eq!(d(T::Sigtype, &[17]), Value::Uint(17));
        assert_eq!(d(T::Sigset, &1u32.to_le_bytes()), Value::Uint(1));
        assert_eq!(d(T::Bool, &1u32.to_le_bytes()), Value::Uint(1));
        assert_eq!(d(T::Port, &8080u16.to_le_bytes()), Value::Uint(8080));
        assert_eq!(d(T::L4proto, &[6]), Value::Uint(6));
        assert_eq!(d(T::Sockfamily, &[10]), Value::Uint(10));
        assert_eq!(d(T::Reltime, &5u64.to_le_bytes()), Value::Uint(5));
        assert_eq!(d(T::Abstime, &6u64.to_le_bytes()), Value::Uint(6));
    }

    #[test]
    fn strings_drop_their_nul_buffers_keep_everything() {
        assert_eq!(d(T::Charbuf, b"cat\0"), Value::Str(b"cat"));
        assert_eq!(d(T::Fspath, b"/etc/passwd\0"), Value::Str(b"/etc/passwd"));
        assert_eq!(d(T::Fsrelpath, b"rel\0"), Value::Str(b"rel"));
        assert_eq!(d(T::Bytebuf, b"a\0b\0"), Value::Bytes(b"a\0b\0"));
    }

    #[test]
    fn empty_parameter_is_absent() {
        assert_eq!(d(T::Int64, &[]), Value::Empty);
        assert_eq!(d(T::Sockaddr, &[]), Value::Empty);
    }

    #[test]
    fn short_bytes_are_malformed_not_a_panic() {
        assert_eq!(d(T::Int64, &[1, 2, 3]), Value::Malformed(&[1, 2, 3]));
        assert_eq!(d(T::Socktuple, &[2, 1]), Value::Malformed(&[2, 1]));
        assert_eq!(d(T::Fdlist, &[5, 0, 1]), Value::Malformed(&[5, 0, 1]));
    }

    #[test]
    fn sockaddr_ipv4_ipv6_unix_and_unknown_family() {
        let v4 = [2, 127, 0, 0, 1, 0x50, 0x00];
        assert_eq!(
            d(T::Sockaddr, &v4),
            Value::SockAddr(SockAddr::V4(Ipv4Addr::new(127, 0, 0, 1), 80))
        );
        let mut v6 = vec![10];
        v6.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        v6.extend_from_slice(&443u16.to_le_bytes());
        assert_eq!(
            d(T::Sockaddr, &v6),
            Value::SockAddr(SockAddr::V6(Ipv6Addr::LOCALHOST, 443))
        );
        assert_eq!(
            d(T::Sockaddr, b"\x01/run/x.sock\0"),
            Value::SockAddr(SockAddr::Unix(b"/run/x.sock"))
        );
        assert_eq!(d(T::Sockaddr, &[16]), Value::SockAddr(SockAddr::Other(16)));
    }

    #[test]
    fn socktuple_ipv4_ipv6_and_unix() {
        let mut t = vec![2, 10, 0, 0, 1];
        t.extend_from_slice(&40000u16.to_le_bytes());
        t.extend_from_slice(&[10, 0, 0, 2]);
        t.extend_from_slice(&80u16.to_le_bytes());
        assert_eq!(
            d(T::Socktuple, &t),
            Value::SockTuple(SockTuple::V4 {
                sip: Ipv4Addr::new(10, 0, 0, 1),
                sport: 40000,
                dip: Ipv4Addr::new(10, 0, 0, 2),
                dport: 80
            })
        );
        let mut t6 = vec![10];
        t6.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        t6.extend_from_slice(&1u16.to_le_bytes());
        t6.extend_from_slice(&Ipv6Addr::UNSPECIFIED.octets());
        t6.extend_from_slice(&2u16.to_le_bytes());
        assert!(matches!(
            d(T::Socktuple, &t6),
            Value::SockTuple(SockTuple::V6 {
                sport: 1,
                dport: 2,
                ..
            })
        ));
        let mut u = vec![1];
        u.extend_from_slice(&0xffffu64.to_le_bytes());
        u.extend_from_slice(&0u64.to_le_bytes());
        u.extend_from_slice(b"/var/run/nscd/socket\0");
        assert_eq!(
            d(T::Socktuple, &u),
            Value::SockTuple(SockTuple::Unix {
                source: 0xffff,
                dest: 0,
                path: b"/var/run/nscd/socket"
            })
        );
    }

    #[test]
    fn fdlist_pairs() {
        let mut b = 2u16.to_le_bytes().to_vec();
        b.extend_from_slice(&6i64.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&4i64.to_le_bytes());
        b.extend_from_slice(&4u16.to_le_bytes());
        assert_eq!(d(T::Fdlist, &b), Value::FdList(vec![(6, 1), (4, 4)]));
    }

    #[test]
    fn ip_addresses_by_length() {
        assert_eq!(
            d(T::Ipv4addr, &[1, 2, 3, 4]),
            Value::Ip(Ipv4Addr::new(1, 2, 3, 4).into())
        );
        assert_eq!(
            d(T::Ipv6addr, &Ipv6Addr::LOCALHOST.octets()),
            Value::Ip(Ipv6Addr::LOCALHOST.into())
        );
        assert_eq!(
            d(T::Ipaddr, &[8, 8, 8, 8]),
            Value::Ip(Ipv4Addr::new(8, 8, 8, 8).into())
        );
        assert_eq!(
            d(T::Ipnet, &Ipv6Addr::LOCALHOST.octets()),
            Value::Ip(Ipv6Addr::LOCALHOST.into())
        );
    }

    #[test]
    fn dynamic_parameter_picks_its_type_by_index() {
        static TYPES: [ParamDesc; 2] = [
            ParamDesc {
                name: "errno",
                ty: T::Errno,
                fmt: crate::schema::PrintFmt::Dec,
                extra: ParamExtra::None,
            },
            ParamDesc {
                name: "u32",
                ty: T::Uint32,
                fmt: crate::schema::PrintFmt::Dec,
                extra: ParamExtra::None,
            },
        ];
        let mut b = vec![1];
        b.extend_from_slice(&77u32.to_le_bytes());
        assert_eq!(
            decode_type(T::Dyn, ParamExtra::Dyn(&TYPES), &b),
            Value::Dyn(1, Box::new(Value::Uint(77)))
        );
        assert_eq!(
            decode_type(T::Dyn, ParamExtra::Dyn(&TYPES), &[9, 0]),
            Value::Malformed(&[9, 0])
        );
    }
}

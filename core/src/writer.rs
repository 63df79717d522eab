//! Writes `.scap` captures: the test fixtures and the large-capture
//! generator use it. It writes the current block versions (SHB 1.2, MI,
//! PL v9, FDL v2, UL v2, IL v2, EV_V2 / EV_V2_LARGE) in the layout that
//! both current libs and sysdig 0.29.3 read (the PL v9 entry tail is the
//! pre-0.10 one, which every reader handles).

use std::io::{self, Write};

use crate::format::meta::{FdEntry, FdInfo, GroupEntry, Interface, MachineInfo, ThreadEntry};
use crate::schema;

/// Writes blocks to any `Write`.
pub struct CaptureWriter<W: Write> {
    out: W,
    scratch: Vec<u8>,
    written_bytes: u64,
}

fn put_str16(b: &mut Vec<u8>, s: &[u8]) {
    let n = s.len().min(usize::from(u16::MAX));
    b.extend_from_slice(&(n as u16).to_le_bytes());
    b.extend_from_slice(&s[..n]);
}

impl<W: Write> CaptureWriter<W> {
    /// A writer over `out`; call [`CaptureWriter::section_header`] first.
    pub fn new(out: W) -> Self {
        CaptureWriter {
            out,
            scratch: Vec::with_capacity(1 << 16),
            written_bytes: 0,
        }
    }

    /// Bytes written so far.
    pub fn written_bytes(&self) -> u64 {
        self.written_bytes
    }

    /// Writes one block with the given type and body (padding and trailer
    /// added). Also useful to write deliberately odd blocks in tests.
    pub fn raw_block(&mut self, block_type: u32, body: &[u8]) -> io::Result<()> {
        let pad = (4 - body.len() % 4) % 4;
        let total = 8 + body.len() + pad + 4;
        let total = u32::try_from(total)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "block over 4 GiB"))?;
        self.out.write_all(&block_type.to_le_bytes())?;
        self.out.write_all(&total.to_le_bytes())?;
        self.out.write_all(body)?;
        self.out.write_all(&[0u8; 3][..pad])?;
        self.out.write_all(&total.to_le_bytes())?;
        self.written_bytes += u64::from(total);
        Ok(())
    }

    /// Section header block, version 1.2, no options.
    pub fn section_header(&mut self) -> io::Result<()> {
        let mut b = Vec::with_capacity(16);
        b.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&2u16.to_le_bytes());
        b.extend_from_slice(&(-1i64).to_le_bytes());
        self.raw_block(0x0A0D_0D0A, &b)
    }

    /// Machine info block.
    pub fn machine_info(&mut self, mi: &MachineInfo) -> io::Result<()> {
        let mut b = Vec::with_capacity(180);
        b.extend_from_slice(&mi.num_cpus.to_le_bytes());
        b.extend_from_slice(&mi.memory_size_bytes.to_le_bytes());
        b.extend_from_slice(&mi.max_pid.to_le_bytes());
        let mut host = [0u8; 128];
        let h = mi.hostname.as_bytes();
        let n = h.len().min(127);
        host[..n].copy_from_slice(&h[..n]);
        b.extend_from_slice(&host);
        b.extend_from_slice(&mi.boot_ts_ns.to_le_bytes());
        b.extend_from_slice(&[0u8; 24]);
        self.raw_block(0x201, &b)
    }

    /// Process list block, version 9.
    pub fn process_list(&mut self, threads: &[ThreadEntry]) -> io::Result<()> {
        let mut b = Vec::new();
        for t in threads {
            let mut e = Vec::with_capacity(256);
            e.extend_from_slice(&[0u8; 4]);
            for v in [t.tid, t.pid, t.ptid, t.sid, t.vpgid] {
                e.extend_from_slice(&v.to_le_bytes());
            }
            put_str16(&mut e, t.comm.as_bytes());
            put_str16(&mut e, t.exe.as_bytes());
            put_str16(&mut e, t.exepath.as_bytes());
            put_str16(&mut e, &t.args);
            put_str16(&mut e, t.cwd.as_bytes());
            e.extend_from_slice(&t.fdlimit.to_le_bytes());
            e.extend_from_slice(&t.flags.to_le_bytes());
            e.extend_from_slice(&t.uid.to_le_bytes());
            e.extend_from_slice(&t.gid.to_le_bytes());
            e.extend_from_slice(&t.vmsize_kb.to_le_bytes());
            e.extend_from_slice(&t.vmrss_kb.to_le_bytes());
            e.extend_from_slice(&t.vmswap_kb.to_le_bytes());
            e.extend_from_slice(&t.pfmajor.to_le_bytes());
            e.extend_from_slice(&t.pfminor.to_le_bytes());
            put_str16(&mut e, &t.env);
            e.extend_from_slice(&t.vtid.to_le_bytes());
            e.extend_from_slice(&t.vpid.to_le_bytes());
            put_str16(&mut e, &t.cgroups);
            put_str16(&mut e, t.root.as_bytes());
            // Pre-0.10 tail: loginuid, exe_writable, three capability sets.
            e.extend_from_slice(&t.loginuid.to_le_bytes());
            e.push(0);
            e.extend_from_slice(&[0u8; 24]);
            let len = e.len() as u32;
            e[..4].copy_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&e);
        }
        self.raw_block(0x215, &b)
    }

    /// Fd list block, version 2, for one thread.
    pub fn fd_list(&mut self, tid: i64, fds: &[FdEntry]) -> io::Result<()> {
        let mut b = Vec::new();
        b.extend_from_slice(&tid.to_le_bytes());
        for f in fds {
            let mut e = Vec::with_capacity(64);
            e.extend_from_slice(&[0u8; 4]);
            e.extend_from_slice(&f.fd.to_le_bytes());
            e.extend_from_slice(&f.ino.to_le_bytes());
            e.push(f.fd_type);
            match &f.info {
                FdInfo::Ipv4 {
                    sip,
                    dip,
                    sport,
                    dport,
                    l4proto,
                } => {
                    e.extend_from_slice(sip);
                    e.extend_from_slice(dip);
                    e.extend_from_slice(&sport.to_le_bytes());
                    e.extend_from_slice(&dport.to_le_bytes());
                    e.push(*l4proto);
                }
                FdInfo::Ipv4Server { ip, port, l4proto } => {
                    e.extend_from_slice(ip);
                    e.extend_from_slice(&port.to_le_bytes());
                    e.push(*l4proto);
                }
                FdInfo::Ipv6 {
                    sip,
                    dip,
                    sport,
                    dport,
                    l4proto,
                } => {
                    e.extend_from_slice(sip);
                    e.extend_from_slice(dip);
                    e.extend_from_slice(&sport.to_le_bytes());
                    e.extend_from_slice(&dport.to_le_bytes());
                    e.push(*l4proto);
                }
                FdInfo::Ipv6Server { ip, port, l4proto } => {
                    e.extend_from_slice(ip);
                    e.extend_from_slice(&port.to_le_bytes());
                    e.push(*l4proto);
                }
                FdInfo::Unix { source, dest, path } => {
                    e.extend_from_slice(&source.to_le_bytes());
                    e.extend_from_slice(&dest.to_le_bytes());
                    put_str16(&mut e, path.as_bytes());
                }
                FdInfo::FileV2 {
                    open_flags,
                    path,
                    dev,
                } => {
                    e.extend_from_slice(&open_flags.to_le_bytes());
                    put_str16(&mut e, path.as_bytes());
                    e.extend_from_slice(&dev.to_le_bytes());
                }
                FdInfo::Named(name) => put_str16(&mut e, name.as_bytes()),
            }
            let len = e.len() as u32;
            e[..4].copy_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&e);
        }
        self.raw_block(0x218, &b)
    }

    /// User list block, version 2.
    pub fn user_list(
        &mut self,
        users: &[crate::format::meta::UserEntry],
        groups: &[GroupEntry],
    ) -> io::Result<()> {
        let mut b = Vec::new();
        for u in users {
            let mut e = vec![0u8; 4];
            e.push(0);
            e.extend_from_slice(&u.uid.to_le_bytes());
            e.extend_from_slice(&u.gid.to_le_bytes());
            put_str16(&mut e, u.name.as_bytes());
            put_str16(&mut e, u.homedir.as_bytes());
            put_str16(&mut e, u.shell.as_bytes());
            let len = e.len() as u32;
            e[..4].copy_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&e);
        }
        for g in groups {
            let mut e = vec![0u8; 4];
            e.push(1);
            e.extend_from_slice(&g.gid.to_le_bytes());
            put_str16(&mut e, g.name.as_bytes());
            let len = e.len() as u32;
            e[..4].copy_from_slice(&len.to_le_bytes());
            b.extend_from_slice(&e);
        }
        self.raw_block(0x220, &b)
    }

    /// Interface list block, version 2 (IPv4 and IPv6 with link speed).
    pub fn interface_list(&mut self, ifs: &[Interface]) -> io::Result<()> {
        let mut b = Vec::new();
        for i in ifs {
            let v6 = i.addr.len() == 16;
            let alen = if v6 { 16 } else { 4 };
            let mut e = Vec::new();
            e.extend_from_slice(&(if v6 { 2u16 } else { 1u16 }).to_le_bytes());
            e.extend_from_slice(&(i.name.len() as u16).to_le_bytes());
            let mut fixed = |v: &[u8]| {
                let mut a = vec![0u8; alen];
                let n = v.len().min(alen);
                a[..n].copy_from_slice(&v[..n]);
                e.extend_from_slice(&a);
            };
            fixed(&i.addr);
            fixed(&i.netmask);
            fixed(&[]);
            e.extend_from_slice(&0u64.to_le_bytes());
            e.extend_from_slice(i.name.as_bytes());
            // IL v2's entry length does not count itself.
            b.extend_from_slice(&(e.len() as u32).to_le_bytes());
            b.extend_from_slice(&e);
        }
        self.raw_block(0x219, &b)
    }

    /// One event (EV_V2, or EV_V2_LARGE when it exceeds 64 KiB). Parameter
    /// lengths are u32 for event types flagged LARGE_PAYLOAD, else u16.
    pub fn event(
        &mut self,
        ts_ns: u64,
        tid: i64,
        cpu: u16,
        event_type: u16,
        params: &[&[u8]],
    ) -> io::Result<()> {
        let large_params = schema::event_desc(event_type).is_some_and(|d| d.large_payload());
        let width = if large_params { 4 } else { 2 };
        let values: usize = params.iter().map(|p| p.len()).sum();
        let len = 26 + params.len() * width + values;
        let mut b = std::mem::take(&mut self.scratch);
        b.clear();
        b.extend_from_slice(&cpu.to_le_bytes());
        b.extend_from_slice(&ts_ns.to_le_bytes());
        b.extend_from_slice(&tid.to_le_bytes());
        b.extend_from_slice(&(len as u32).to_le_bytes());
        b.extend_from_slice(&event_type.to_le_bytes());
        b.extend_from_slice(&(params.len() as u32).to_le_bytes());
        for p in params {
            if large_params {
                b.extend_from_slice(&(p.len() as u32).to_le_bytes());
            } else {
                let n = u16::try_from(p.len()).map_err(|_| {
                    io::Error::new(io::ErrorKind::InvalidInput, "parameter over 64 KiB")
                })?;
                b.extend_from_slice(&n.to_le_bytes());
            }
        }
        for p in params {
            b.extend_from_slice(p);
        }
        let block_type = if b.len() + 12 > 65_536 { 0x221 } else { 0x216 };
        let res = self.raw_block(block_type, &b);
        self.scratch = b;
        res
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Encoders for event parameter values.
pub mod param {
    /// An i64 (FD, PID, ERRNO, INT64).
    pub fn i64(v: i64) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    /// A u64.
    pub fn u64(v: u64) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    /// A u32 (UINT32, FLAGS32, UID, MODE …).
    pub fn u32(v: u32) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    /// A u16.
    pub fn u16(v: u16) -> Vec<u8> {
        v.to_le_bytes().to_vec()
    }
    /// A u8.
    pub fn u8(v: u8) -> Vec<u8> {
        vec![v]
    }
    /// A NUL-terminated string (CHARBUF, FSPATH).
    pub fn str(s: &str) -> Vec<u8> {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        v
    }
    /// A NUL-separated list (args, env, cgroups), each item NUL-terminated.
    pub fn list(items: &[&str]) -> Vec<u8> {
        let mut v = Vec::new();
        for i in items {
            v.extend_from_slice(i.as_bytes());
            v.push(0);
        }
        v
    }
    /// An IPv4 socket address.
    pub fn sockaddr_v4(ip: [u8; 4], port: u16) -> Vec<u8> {
        let mut v = vec![2];
        v.extend_from_slice(&ip);
        v.extend_from_slice(&port.to_le_bytes());
        v
    }
    /// An IPv4 socket tuple.
    pub fn socktuple_v4(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> Vec<u8> {
        let mut v = vec![2];
        v.extend_from_slice(&sip);
        v.extend_from_slice(&sport.to_le_bytes());
        v.extend_from_slice(&dip);
        v.extend_from_slice(&dport.to_le_bytes());
        v
    }
    /// An IPv6 socket tuple.
    pub fn socktuple_v6(sip: [u8; 16], sport: u16, dip: [u8; 16], dport: u16) -> Vec<u8> {
        let mut v = vec![10];
        v.extend_from_slice(&sip);
        v.extend_from_slice(&sport.to_le_bytes());
        v.extend_from_slice(&dip);
        v.extend_from_slice(&dport.to_le_bytes());
        v
    }
    /// A unix socket tuple.
    pub fn socktuple_unix(source: u64, dest: u64, path: &str) -> Vec<u8> {
        let mut v = vec![1];
        v.extend_from_slice(&source.to_le_bytes());
        v.extend_from_slice(&dest.to_le_bytes());
        v.extend_from_slice(path.as_bytes());
        v.push(0);
        v
    }
}

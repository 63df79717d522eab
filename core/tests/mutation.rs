//! "No panic on any input": every real capture, truncated at random
//! offsets, with random bytes flipped and with random length fields, read
//! to the end and every event formatted with sysdig's default line and a
//! field-heavy format. Seeded, so a failure reproduces.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;

use scapscope_core::fields::FieldEnv;
use scapscope_core::output::{DEFAULT_FORMAT, OutputFormat};
use scapscope_core::reader::Reader;

/// xorshift64*: small, seedable, good enough to pick offsets.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIELDS_FORMAT: &str = "*%evt.num %evt.type %evt.args %proc.name %proc.cmdline %proc.ppid \
     %fd.num %fd.name %fd.type %fd.cip %fd.sport %fd.l4proto %evt.rawres %evt.res %evt.buflen \
     %container.id %container.name %user.name %group.name %evt.latency %evt.arg[0] %evt.arg.fd";

fn read_all(bytes: Vec<u8>, formats: &[OutputFormat]) -> u64 {
    let mut r = Reader::from_bytes(bytes);
    let env = FieldEnv::default();
    let mut n = 0;
    while let Some(ev) = r.next_event() {
        for f in formats {
            let _ = f.render(&ev, &env);
        }
        n += 1;
    }
    n
}

fn load(p: &Path) -> Vec<u8> {
    let data = std::fs::read(p).unwrap();
    if data.starts_with(&[0x1f, 0x8b]) {
        let mut raw = Vec::new();
        flate2::read::MultiGzDecoder::new(&data[..])
            .read_to_end(&mut raw)
            .unwrap();
        raw
    } else {
        data
    }
}

#[test]
fn mutated_real_captures_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
    if !dir.is_dir() {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    }
    let formats = [
        OutputFormat::parse(DEFAULT_FORMAT).unwrap(),
        OutputFormat::parse(FIELDS_FORMAT).unwrap(),
    ];
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "scap"))
        .collect();
    files.sort();
    let mut rng = Rng(0x5CA9_5C09_E000_0001);
    let mut cases = 0;
    for path in &files {
        let mut raw = load(path);
        // Keep each case cheap: the first 192 KiB hold the metadata blocks
        // and thousands of events of every capture.
        raw.truncate(192 << 10);
        for case in 0..120 {
            let mut m = raw.clone();
            match case % 4 {
                0 => m.truncate(rng.below(m.len())),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let i = rng.below(m.len());
                        m[i] ^= 1 << rng.below(8);
                    }
                }
                2 => {
                    // A random 32-bit value at a random 4-aligned offset:
                    // hits block lengths, event lengths and counts.
                    let i = rng.below(m.len() / 4) * 4;
                    let v = (rng.next() as u32).to_le_bytes();
                    if i + 4 <= m.len() {
                        m[i..i + 4].copy_from_slice(&v);
                    }
                }
                _ => {
                    // Random garbage spliced in at a random offset.
                    let i = rng.below(m.len());
                    let n = 1 + rng.below(64);
                    let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                    m.splice(i..i, junk);
                }
            }
            read_all(m, &formats);
            cases += 1;
        }
    }
    assert!(cases >= 2000, "ran {cases} cases");
}

#[test]
fn mutated_gzip_streams_never_panic() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures/falco_syscall.scap");
    if !p.exists() {
        eprintln!("SKIP: {} is absent", p.display());
        return;
    }
    let gz = std::fs::read(&p).unwrap();
    let formats = [OutputFormat::parse(DEFAULT_FORMAT).unwrap()];
    let mut rng = Rng(42);
    for case in 0..200 {
        let mut m = gz.clone();
        if case % 2 == 0 {
            m.truncate(rng.below(m.len()));
        } else {
            let i = 10 + rng.below(m.len() - 10);
            m[i] ^= 0xff;
        }
        read_all(m, &formats);
    }
}

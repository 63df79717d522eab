//! HPACK (RFC 7541) header block decoding, with the dynamic table each
//! direction of a connection keeps.

use std::collections::{HashMap, VecDeque};
use std::sync::OnceLock;

use crate::huffman_table::CODES;

/// The static table (RFC 7541, Appendix A), 1-based.
const STATIC: [(&str, &str); 61] = [
    (":authority", ""),
    (":method", "GET"),
    (":method", "POST"),
    (":path", "/"),
    (":path", "/index.html"),
    (":scheme", "http"),
    (":scheme", "https"),
    (":status", "200"),
    (":status", "204"),
    (":status", "206"),
    (":status", "304"),
    (":status", "400"),
    (":status", "404"),
    (":status", "500"),
    ("accept-charset", ""),
    ("accept-encoding", "gzip, deflate"),
    ("accept-language", ""),
    ("accept-ranges", ""),
    ("accept", ""),
    ("access-control-allow-origin", ""),
    ("age", ""),
    ("allow", ""),
    ("authorization", ""),
    ("cache-control", ""),
    ("content-disposition", ""),
    ("content-encoding", ""),
    ("content-language", ""),
    ("content-length", ""),
    ("content-location", ""),
    ("content-range", ""),
    ("content-type", ""),
    ("cookie", ""),
    ("date", ""),
    ("etag", ""),
    ("expect", ""),
    ("expires", ""),
    ("from", ""),
    ("host", ""),
    ("if-match", ""),
    ("if-modified-since", ""),
    ("if-none-match", ""),
    ("if-range", ""),
    ("if-unmodified-since", ""),
    ("last-modified", ""),
    ("link", ""),
    ("location", ""),
    ("max-forwards", ""),
    ("proxy-authenticate", ""),
    ("proxy-authorization", ""),
    ("range", ""),
    ("referer", ""),
    ("refresh", ""),
    ("retry-after", ""),
    ("server", ""),
    ("set-cookie", ""),
    ("strict-transport-security", ""),
    ("transfer-encoding", ""),
    ("user-agent", ""),
    ("vary", ""),
    ("via", ""),
    ("www-authenticate", ""),
];

/// Longest string decoded.
const MAX_STRING: usize = 64 * 1024;
/// Largest dynamic table accepted (SETTINGS may ask for more; we cap).
const MAX_TABLE: usize = 1 << 20;

/// One decoded header and where its representation lies in the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Index of the representation's first byte in the block.
    pub at: usize,
    /// Length of the representation.
    pub len: usize,
}

/// A decoder's state: the dynamic table.
#[derive(Debug, Clone)]
pub struct Decoder {
    table: VecDeque<(String, String)>,
    size: usize,
    max_size: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            table: VecDeque::new(),
            size: 0,
            max_size: 4096,
        }
    }
}

fn entry_size(name: &str, value: &str) -> usize {
    32 + name.len() + value.len()
}

/// An integer with an `n`-bit prefix at `b[*i]`.
fn integer(b: &[u8], i: &mut usize, n: u32) -> Option<usize> {
    let mask = (1u32 << n) - 1;
    let mut v = (u32::from(*b.get(*i)?) & mask) as usize;
    *i += 1;
    if v < mask as usize {
        return Some(v);
    }
    let mut shift = 0;
    loop {
        let byte = *b.get(*i)?;
        *i += 1;
        v = v.checked_add(usize::from(byte & 0x7f).checked_shl(shift)?)?;
        shift += 7;
        if byte & 0x80 == 0 {
            return Some(v);
        }
        if shift > 28 {
            return None;
        }
    }
}

fn huffman_lookup() -> &'static HashMap<(u8, u32), u16> {
    static MAP: OnceLock<HashMap<(u8, u32), u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        CODES
            .iter()
            .enumerate()
            .map(|(sym, &(code, len))| ((len, code), sym as u16))
            .collect()
    })
}

/// Decodes a Huffman-coded string.
pub fn huffman(b: &[u8]) -> Option<Vec<u8>> {
    let map = huffman_lookup();
    let mut out = Vec::with_capacity(b.len() * 8 / 5);
    let mut code = 0u32;
    let mut len = 0u8;
    for &byte in b {
        for k in (0..8).rev() {
            code = (code << 1) | u32::from((byte >> k) & 1);
            len += 1;
            if len >= 5
                && let Some(&sym) = map.get(&(len, code))
            {
                if sym == 256 {
                    return None; // EOS inside a string is an error.
                }
                out.push(sym as u8);
                code = 0;
                len = 0;
            } else if len > 30 {
                return None;
            }
        }
    }
    // Padding: fewer than 8 bits, all ones.
    if len >= 8 || code != (1u32 << len) - 1 {
        return None;
    }
    Some(out)
}

/// A string literal at `b[*i]`.
fn string(b: &[u8], i: &mut usize) -> Option<String> {
    let huff = *b.get(*i)? & 0x80 != 0;
    let n = integer(b, i, 7)?;
    if n > MAX_STRING {
        return None;
    }
    let raw = b.get(*i..i.checked_add(n)?)?;
    *i += n;
    let bytes = if huff { huffman(raw)? } else { raw.to_vec() };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

impl Decoder {
    /// Sets the largest table the peer's SETTINGS allow.
    pub fn set_limit(&mut self, size: usize) {
        self.max_size = size.min(MAX_TABLE);
        self.evict();
    }

    fn evict(&mut self) {
        while self.size > self.max_size {
            match self.table.pop_back() {
                Some((n, v)) => self.size -= entry_size(&n, &v),
                None => break,
            }
        }
    }

    fn insert(&mut self, name: String, value: String) {
        self.size += entry_size(&name, &value);
        self.table.push_front((name, value));
        self.evict();
    }

    fn get(&self, index: usize) -> Option<(String, String)> {
        match index {
            0 => None,
            1..=61 => {
                let (n, v) = STATIC[index - 1];
                Some((n.to_string(), v.to_string()))
            }
            _ => self.table.get(index - 62).cloned(),
        }
    }

    /// Decodes a header block. On error, returns the headers decoded
    /// before it and what went wrong; the table may then be out of step
    /// with the encoder's.
    pub fn decode(&mut self, b: &[u8]) -> (Vec<Header>, Option<String>) {
        let mut out = Vec::new();
        let mut i = 0;
        let mut total = 0usize;
        while i < b.len() {
            let at = i;
            let first = b[i];
            let item = if first & 0x80 != 0 {
                integer(b, &mut i, 7).and_then(|ix| {
                    self.get(ix)
                        .ok_or_else(|| format!("header index {ix} not in the table"))
                        .ok()
                })
            } else if first & 0xe0 == 0x20 {
                match integer(b, &mut i, 5) {
                    Some(size) => {
                        self.max_size = size.min(MAX_TABLE);
                        self.evict();
                        continue;
                    }
                    None => None,
                }
            } else {
                let (prefix, index) = if first & 0xc0 == 0x40 {
                    (6, true)
                } else {
                    (4, false)
                };
                integer(b, &mut i, prefix).and_then(|ix| {
                    let name = if ix == 0 {
                        string(b, &mut i)?
                    } else {
                        self.get(ix)?.0
                    };
                    let value = string(b, &mut i)?;
                    if index {
                        self.insert(name.clone(), value.clone());
                    }
                    Some((name, value))
                })
            };
            let Some((name, value)) = item else {
                return (
                    out,
                    Some(format!(
                        "header block not decodable at byte {at} (0x{first:02x}); the \
                         decoder may be out of step after lost bytes"
                    )),
                );
            };
            total += entry_size(&name, &value);
            if total > 1 << 20 {
                return (out, Some("header list over 1 MiB".into()));
            }
            out.push(Header {
                name,
                value,
                at,
                len: i - at,
            });
        }
        (out, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or(0))
            .collect()
    }

    fn pairs(h: &[Header]) -> Vec<(&str, &str)> {
        h.iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect()
    }

    #[test]
    fn rfc7541_c4_requests_with_huffman_and_the_dynamic_table() {
        // RFC 7541 C.4.1–C.4.3: three requests on one connection.
        let mut d = Decoder::default();
        let (h, e) = d.decode(&hex("828684418cf1e3c2e5f23a6ba0ab90f4ff"));
        assert!(e.is_none());
        assert_eq!(
            pairs(&h),
            [
                (":method", "GET"),
                (":scheme", "http"),
                (":path", "/"),
                (":authority", "www.example.com")
            ]
        );
        let (h, e) = d.decode(&hex("828684be5886a8eb10649cbf"));
        assert!(e.is_none());
        assert_eq!(pairs(&h)[3], (":authority", "www.example.com"));
        assert_eq!(pairs(&h)[4], ("cache-control", "no-cache"));
        let (h, e) = d.decode(&hex("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"));
        assert!(e.is_none());
        assert_eq!(pairs(&h)[1], (":scheme", "https"));
        assert_eq!(pairs(&h)[4], ("custom-key", "custom-value"));
        assert_eq!(d.size, 164, "RFC C.4.3 table size");
    }

    #[test]
    fn grpc_block_from_another_encoder() {
        // Encoded by the Python `hpack` 4.2 encoder.
        let mut d = Decoder::default();
        let (h, e) = d.decode(&hex(
            "8244956272d141fc1eca245f15852a4b631b87eb1968a0ff5f8b1d75d0620d263d4c4d65644086f2b12d424f4f8d9cb450753c1eca2453b8e8b4bf",
        ));
        assert!(e.is_none(), "{e:?}");
        assert_eq!(
            pairs(&h),
            [
                (":method", "GET"),
                (":path", "/helloworld.Greeter/SayHello"),
                ("content-type", "application/grpc"),
                ("x-custom", "hello world value")
            ]
        );
    }

    #[test]
    fn bad_blocks_are_reported() {
        let mut d = Decoder::default();
        assert!(d.decode(&hex("ff")).1.is_some(), "unterminated integer");
        assert!(d.decode(&hex("be")).1.is_some(), "empty dynamic table");
        assert!(huffman(&hex("ffffffff")).is_none(), "EOS");
        assert!(d.decode(&hex("ffffffffffffff7f")).1.is_some(), "huge index");
    }
}

//! Small parsers and formatters that text and binary protocols share.

/// Index of the first occurrence of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The line up to CRLF (or a bare LF), and the length including the line
/// end; `None` when no line end is buffered yet.
pub fn line(data: &[u8]) -> Option<(&[u8], usize)> {
    let i = data.iter().position(|&b| b == b'\n')?;
    let body = data[..i].strip_suffix(b"\r").unwrap_or(&data[..i]);
    Some((body, i + 1))
}

/// Bytes shown as text: UTF-8 where valid, control bytes and invalid
/// sequences escaped (`\r`, `\n`, `\t`, `\xNN`).
pub fn printable(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for x in chunk.invalid() {
            out.push_str(&format!("\\x{x:02x}"));
        }
    }
    out
}

/// [`printable`], cut to about `max_chars` characters with an ellipsis.
pub fn printable_short(b: &[u8], max_chars: usize) -> String {
    let s = printable(b);
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Lower-case hexadecimal.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Whether `b` is a token (RFC 9110: visible ASCII except separators).
pub fn is_token(b: &[u8]) -> bool {
    !b.is_empty()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

/// Parses ASCII decimal digits (no sign, no spaces).
pub fn parse_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    b.iter().try_fold(0u64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
    })
}

/// Parses ASCII hexadecimal digits.
pub fn parse_hex_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    b.iter().try_fold(0u64, |n, &c| {
        (c as char).to_digit(16).map(|d| n * 16 + u64::from(d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(find(b"abc\r\n\r\nx", b"\r\n\r\n"), Some(3));
        assert_eq!(line(b"GET /\r\nHost"), Some((&b"GET /"[..], 7)));
        assert_eq!(line(b"no end"), None);
        assert_eq!(printable(b"a\r\n\x01\xff\xc3\xa9"), "a\\r\\n\\x01\\xffé");
        assert_eq!(printable_short(b"abcdef", 3), "abc…");
        assert_eq!(hex(&[0, 255]), "00ff");
        assert!(is_token(b"Content-Type"));
        assert!(!is_token(b"a b"));
        assert_eq!(parse_u64(b"1234"), Some(1234));
        assert_eq!(parse_u64(b"12a"), None);
        assert_eq!(parse_hex_u64(b"1aF"), Some(0x1af));
        assert_eq!(parse_u64(b"99999999999999999999"), None);
    }
}

//! Just enough DER to describe an X.509 certificate: subject, issuer,
//! validity and DNS subject alternative names. Every read is bounds
//! checked; anything unexpected leaves the field empty.

/// What the dissector shows of a certificate.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CertSummary {
    /// Subject as `CN=…, O=…`.
    pub subject: Option<String>,
    /// Subject common name.
    pub subject_cn: Option<String>,
    /// Issuer as `CN=…, O=…`.
    pub issuer: Option<String>,
    /// notBefore, as written (UTCTime or GeneralizedTime).
    pub not_before: Option<String>,
    /// notAfter.
    pub not_after: Option<String>,
    /// DNS names of the subjectAltName extension.
    pub dns_names: Vec<String>,
}

/// One DER element: tag, contents.
fn element(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    let (len, hdr) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for k in 0..n {
            len = (len << 8) | usize::from(*b.get(2 + k)?);
        }
        (len, 2 + n)
    };
    let body = b.get(hdr..hdr.checked_add(len)?)?;
    Some((tag, body, &b[hdr + len..]))
}

/// The elements of a constructed value.
fn children(mut b: &[u8]) -> Vec<(u8, &[u8])> {
    let mut v = Vec::new();
    while let Some((t, body, rest)) = element(b) {
        v.push((t, body));
        b = rest;
        if v.len() > 256 {
            break;
        }
    }
    v
}

fn oid_name(oid: &[u8]) -> Option<&'static str> {
    Some(match oid {
        [0x55, 0x04, 0x03] => "CN",
        [0x55, 0x04, 0x06] => "C",
        [0x55, 0x04, 0x07] => "L",
        [0x55, 0x04, 0x08] => "ST",
        [0x55, 0x04, 0x0a] => "O",
        [0x55, 0x04, 0x0b] => "OU",
        _ => return None,
    })
}

/// A Name (sequence of RDN sets) as text, and its CN.
fn name(b: &[u8]) -> (String, Option<String>) {
    let mut parts = Vec::new();
    let mut cn = None;
    for (_, set) in children(b) {
        for (_, atv) in children(set) {
            let kv = children(atv);
            if let [(0x06, oid), (_, value), ..] = kv[..] {
                let v = String::from_utf8_lossy(value).into_owned();
                let k = oid_name(oid).unwrap_or("?");
                if k == "CN" {
                    cn = Some(v.clone());
                }
                parts.push(format!("{k}={v}"));
            }
        }
    }
    (parts.join(", "), cn)
}

/// Describes a DER certificate.
pub fn summary(der: &[u8]) -> CertSummary {
    let mut out = CertSummary::default();
    let Some((0x30, cert, _)) = element(der) else {
        return out;
    };
    let Some((0x30, tbs, _)) = element(cert) else {
        return out;
    };
    let mut fields = children(tbs);
    // The optional [0] version comes first.
    if fields.first().is_some_and(|(t, _)| *t == 0xa0) {
        fields.remove(0);
    }
    // serial, signature, issuer, validity, subject, spki, [extensions…]
    if fields.len() < 6 {
        return out;
    }
    let (issuer, _) = name(fields[2].1);
    out.issuer = Some(issuer);
    let validity = children(fields[3].1);
    if let [(_, a), (_, b)] = validity[..] {
        out.not_before = Some(String::from_utf8_lossy(a).into_owned());
        out.not_after = Some(String::from_utf8_lossy(b).into_owned());
    }
    let (subject, cn) = name(fields[4].1);
    out.subject = Some(subject);
    out.subject_cn = cn;
    for (t, body) in &fields[6..] {
        if *t != 0xa3 {
            continue;
        }
        let Some((0x30, exts, _)) = element(body) else {
            continue;
        };
        for (_, ext) in children(exts) {
            let parts = children(ext);
            // subjectAltName 2.5.29.17
            if let Some((0x06, [0x55, 0x1d, 0x11])) = parts.first().copied()
                && let Some((0x04, octets)) = parts.last().copied()
                && let Some((0x30, names, _)) = element(octets)
            {
                for (tag, v) in children(names) {
                    if tag == 0x82 {
                        out.dns_names.push(String::from_utf8_lossy(v).into_owned());
                    }
                }
            }
        }
    }
    out
}

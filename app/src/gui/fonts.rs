//! The fonts the app embeds: DejaVu Sans and Sans Mono (regular and bold),
//! without their TrueType hinting programs and under their own family
//! names.
//!
//! Why: iced's software renderer (tiny-skia) makes a new glyph scaler for
//! every text it draws, and glyphs it does not cache (spaces have no
//! pixels, so are never cached) build a hinting instance, which runs the
//! font's `fpgm`/`prep` programs: in a table of a few hundred cells that
//! was about 40% of a frame. Unhinted outlines draw as well at these sizes
//! (macOS never hints). The families are renamed, as the Bitstream Vera
//! licence asks of modified fonts, and so that a system's own DejaVu (which
//! keeps its programs) is never picked instead.

use std::sync::OnceLock;

/// Family of the proportional font.
pub const SANS_FAMILY: &str = "Scapscope Sans";
/// Family of the monospaced font.
pub const MONO_FAMILY: &str = "Scapscope Mono";

/// Tables dropped: the hinting programs and control values, and the
/// device metrics that describe hinted glyphs.
const DROPPED: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"VDMX", b"LTSH"];

/// The four embedded fonts, rewritten once.
pub fn all() -> [&'static [u8]; 4] {
    static FONTS: OnceLock<[&'static [u8]; 4]> = OnceLock::new();
    *FONTS.get_or_init(|| {
        [
            (dejavu::sans::regular(), SANS_FAMILY, "Regular"),
            (dejavu::sans::bold(), SANS_FAMILY, "Bold"),
            (dejavu::sans_mono::regular(), MONO_FAMILY, "Regular"),
            (dejavu::sans_mono::bold(), MONO_FAMILY, "Bold"),
        ]
        .map(|(font, family, style)| {
            // The embedded fonts are known good; should one ever not parse,
            // the original still draws text (hinted, under its own name).
            let rewritten = rewrite(font, family, style).unwrap_or_else(|| font.to_vec());
            &*Box::leak(rewritten.into_boxed_slice())
        })
    })
}

/// A big-endian reader over a font's bytes that fails instead of panicking.
fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// `font` (an sfnt with TrueType outlines) without the [`DROPPED`] tables
/// and with a `name` table that calls it `family` `style`.
fn rewrite(font: &[u8], family: &str, style: &str) -> Option<Vec<u8>> {
    let count = usize::from(be16(font, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        if DROPPED.contains(&&tag) {
            continue;
        }
        let offset = be32(font, record + 8)? as usize;
        let len = be32(font, record + 12)? as usize;
        let data = if &tag == b"name" {
            name_table(family, style)
        } else {
            font.get(offset..offset.checked_add(len)?)?.to_vec()
        };
        tables.push((tag, data));
    }
    // Table records are sorted by tag (they were, and dropping keeps it).
    // A font keeps at least its outlines; none left means it was not one.
    let n = u16::try_from(tables.len()).ok().filter(|&n| n > 0)?;
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(font.get(0..4)?); // sfnt version
    out.extend_from_slice(&n.to_be_bytes());
    // Binary-search hints, as the format defines them.
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    Some(out)
}

/// The sfnt table checksum (sum of big-endian u32 words, zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// A `name` table (format 0) with the family, subfamily, full and
/// PostScript names, for Windows' Unicode platform (what font databases
/// read first).
fn name_table(family: &str, style: &str) -> Vec<u8> {
    let full = format!("{family} {style}");
    let postscript = format!("{}-{style}", family.replace(' ', ""));
    let names: [(u16, &str); 4] = [(1, family), (2, style), (4, &full), (6, &postscript)];
    let strings: Vec<Vec<u8>> = names
        .iter()
        .map(|(_, s)| s.encode_utf16().flat_map(u16::to_be_bytes).collect())
        .collect();
    let mut t = Vec::new();
    t.extend_from_slice(&0u16.to_be_bytes()); // format
    t.extend_from_slice(&(names.len() as u16).to_be_bytes());
    t.extend_from_slice(&(6 + 12 * names.len() as u16).to_be_bytes());
    let mut at = 0u16;
    for ((id, _), s) in names.iter().zip(&strings) {
        // Windows, Unicode BMP, US English.
        for v in [3u16, 1, 0x0409, *id, s.len() as u16, at] {
            t.extend_from_slice(&v.to_be_bytes());
        }
        at += s.len() as u16;
    }
    for s in &strings {
        t.extend_from_slice(s);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::advanced::graphics::text::cosmic_text::fontdb;

    fn tags(font: &[u8]) -> Vec<[u8; 4]> {
        let n = usize::from(be16(font, 4).unwrap());
        (0..n)
            .map(|i| font[12 + 16 * i..16 + 16 * i].try_into().unwrap())
            .collect()
    }

    #[test]
    fn the_fonts_load_under_their_new_names_without_hinting_programs() {
        let mut db = fontdb::Database::new();
        for font in all() {
            assert!(tags(font).iter().all(|t| !DROPPED.contains(&t)));
            assert!(tags(font).contains(b"glyf") && tags(font).contains(b"name"));
            db.load_font_data(font.to_vec());
        }
        let mut faces: Vec<(String, u16)> = db
            .faces()
            .map(|f| (f.families[0].0.clone(), f.weight.0))
            .collect();
        faces.sort();
        assert_eq!(
            faces,
            [
                (MONO_FAMILY.to_string(), 400),
                (MONO_FAMILY.to_string(), 700),
                (SANS_FAMILY.to_string(), 400),
                (SANS_FAMILY.to_string(), 700),
            ]
        );
    }

    #[test]
    fn the_glyphs_survive() {
        // Same glyph outlines and metrics: every table but the dropped and
        // the name table is byte for byte the original's.
        let original = dejavu::sans_mono::regular();
        let rewritten = all()[2];
        let table = |font: &[u8], tag: &[u8; 4]| -> Vec<u8> {
            let n = usize::from(be16(font, 4).unwrap());
            let r = (0..n)
                .map(|i| 12 + 16 * i)
                .find(|&r| &font[r..r + 4] == tag)
                .unwrap();
            let (o, l) = (
                be32(font, r + 8).unwrap() as usize,
                be32(font, r + 12).unwrap() as usize,
            );
            font[o..o + l].to_vec()
        };
        for tag in [b"glyf", b"loca", b"hmtx", b"cmap", b"OS/2"] {
            assert_eq!(table(original, tag), table(rewritten, tag), "{tag:?}");
        }
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        assert!(rewrite(b"", "F", "Regular").is_none());
        assert!(rewrite(&[0, 1, 0, 0, 0, 9, 0, 0], "F", "Regular").is_none());
        let mut cut = dejavu::sans::regular().to_vec();
        cut.truncate(5000);
        assert!(rewrite(&cut, "F", "Regular").is_none());
        // A table directory with no table (or only dropped ones).
        assert!(rewrite(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "F", "Regular").is_none());
        let mut only_prep = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        only_prep.extend_from_slice(b"prep\0\0\0\0\0\0\0\x1c\0\0\0\0");
        assert!(rewrite(&only_prep, "F", "Regular").is_none());
    }
}

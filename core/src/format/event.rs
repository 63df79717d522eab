//! Event records inside event blocks.
//!
//! An event is a header (timestamp, thread, length, type, and in V2 blocks
//! the parameter count), an array of parameter lengths (u16, or u32 for
//! event types flagged LARGE_PAYLOAD) and the parameter values back to back.
//! Parameters are returned as slices of the block: nothing is copied.

use super::blocks::EventBlockFormat;
use crate::schema;

/// Most parameters any event type has ever had is 32; we allow headroom for
/// newer writers and treat more as corruption.
pub const MAX_PARAMS: usize = 64;

/// Header size of V2 events (with nparams).
const HDR_V2: usize = 26;
/// Header size of V1 events (without nparams).
const HDR_V1: usize = 22;

/// A decoded event record; parameter values borrow from the block.
#[derive(Debug, Clone)]
pub struct EventRecord<'a> {
    /// CPU that recorded the event.
    pub cpu: u16,
    /// Block flags (EVF blocks); bit 0 = state-only.
    pub flags: u32,
    /// Timestamp, nanoseconds since the epoch.
    pub ts_ns: u64,
    /// Thread id (-1 for metaevents).
    pub tid: i64,
    /// Event type id.
    pub event_type: u16,
    /// Parameter count found in the file.
    nparams: usize,
    /// Width of each parameter length: 2 or 4 bytes.
    width: usize,
    /// The parameter length array.
    lens: &'a [u8],
    /// The parameter values, back to back.
    values: &'a [u8],
}

/// Where a parsed record's parts lie in its block body, so the record can
/// be rebuilt from the same body without validating it again.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RecordLayout {
    cpu: u16,
    flags: u32,
    ts_ns: u64,
    tid: i64,
    event_type: u16,
    nparams: usize,
    width: usize,
    lens: (usize, usize),
    values: (usize, usize),
}

impl<'a> EventRecord<'a> {
    /// This record's layout in `body`, the slice it was parsed from.
    pub(crate) fn layout(&self, body: &[u8]) -> RecordLayout {
        let at = |part: &[u8]| {
            let start = (part.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
            (start, start + part.len())
        };
        RecordLayout {
            cpu: self.cpu,
            flags: self.flags,
            ts_ns: self.ts_ns,
            tid: self.tid,
            event_type: self.event_type,
            nparams: self.nparams,
            width: self.width,
            lens: if self.lens.is_empty() {
                (0, 0)
            } else {
                at(self.lens)
            },
            values: if self.values.is_empty() {
                (0, 0)
            } else {
                at(self.values)
            },
        }
    }

    /// Rebuilds a record from its layout in the same `body` (`None` if the
    /// body does not hold it).
    pub(crate) fn from_layout(body: &'a [u8], l: &RecordLayout) -> Option<EventRecord<'a>> {
        Some(EventRecord {
            cpu: l.cpu,
            flags: l.flags,
            ts_ns: l.ts_ns,
            tid: l.tid,
            event_type: l.event_type,
            nparams: l.nparams,
            width: l.width,
            lens: body.get(l.lens.0..l.lens.1)?,
            values: body.get(l.values.0..l.values.1)?,
        })
    }

    /// Number of parameters present in the file.
    pub fn nparams(&self) -> usize {
        self.nparams
    }

    fn len_of(&self, i: usize) -> usize {
        let p = i * self.width;
        if self.width == 4 {
            rd_u32(self.lens, p) as usize
        } else {
            usize::from(rd_u16(self.lens, p))
        }
    }

    /// Parameter `i`, or `None` when the file has fewer parameters.
    /// A present but empty parameter is `Some(&[])` (libs' "NULL").
    ///
    /// The record keeps only the length array (a record is copied around
    /// per event, so it stays small); finding parameter `i` sums `i`
    /// lengths, which were all validated when the record was parsed.
    pub fn param(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.nparams {
            return None;
        }
        let start: usize = (0..i).map(|k| self.len_of(k)).sum();
        self.values.get(start..start + self.len_of(i))
    }

    /// All parameters present.
    pub fn params(&self) -> Vec<&'a [u8]> {
        let mut out = Vec::with_capacity(self.nparams);
        let mut at = 0;
        for k in 0..self.nparams {
            let l = self.len_of(k);
            out.push(self.values.get(at..at + l).unwrap_or_default());
            at += l;
        }
        out
    }

    /// The schema entry of this event type (always present: records of
    /// unknown types are rejected when parsed).
    pub fn desc(&self) -> &'static schema::EventDesc {
        // Checked in `parse_event`.
        &schema::EVENTS[usize::from(self.event_type)]
    }

    /// Whether this record only updates state (EVF flag 1) and must not be
    /// listed.
    pub fn is_state_only(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// Why an event record inside a well-framed block was skipped. The load
/// goes on; these are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BadEvent {
    /// The block body is smaller than an event header.
    HeaderTruncated,
    /// The event's own length is smaller than its header or larger than the
    /// block.
    BadLength,
    /// The event type is beyond the schema (written by a newer writer).
    UnknownType,
    /// The parameter length array does not fit in the event.
    LengthsOverflow,
    /// A parameter runs past the end of the event.
    ParamOverflow,
    /// More parameters than any known event.
    TooManyParams,
    /// An old (V1) event whose parameter count cannot be derived.
    UnknownParamCount,
}

impl BadEvent {
    /// Every kind, for reporting.
    pub const ALL: [BadEvent; 7] = [
        BadEvent::HeaderTruncated,
        BadEvent::BadLength,
        BadEvent::UnknownType,
        BadEvent::LengthsOverflow,
        BadEvent::ParamOverflow,
        BadEvent::TooManyParams,
        BadEvent::UnknownParamCount,
    ];

    /// A stable name for counters.
    pub fn name(self) -> &'static str {
        match self {
            BadEvent::HeaderTruncated => "event_header_truncated",
            BadEvent::BadLength => "event_bad_length",
            BadEvent::UnknownType => "event_unknown_type",
            BadEvent::LengthsOverflow => "event_param_lengths_overflow",
            BadEvent::ParamOverflow => "event_param_overflow",
            BadEvent::TooManyParams => "event_too_many_params",
            BadEvent::UnknownParamCount => "event_unknown_param_count",
        }
    }

    /// One-line explanation.
    pub fn explain(self) -> &'static str {
        match self {
            BadEvent::HeaderTruncated => "event block too small for an event header",
            BadEvent::BadLength => "event length inconsistent with its block",
            BadEvent::UnknownType => "event type unknown to this version (newer writer); skipped",
            BadEvent::LengthsOverflow => "parameter length array does not fit in the event",
            BadEvent::ParamOverflow => "a parameter runs past the end of its event",
            BadEvent::TooManyParams => "more parameters than any known event type",
            BadEvent::UnknownParamCount => {
                "old-format event whose parameter count matches no layout"
            }
        }
    }
}

fn rd_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn rd_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn rd_u64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Parses the event inside an event block body.
pub fn parse_event(body: &[u8], fmt: EventBlockFormat) -> Result<EventRecord<'_>, BadEvent> {
    let pre = if fmt.has_flags { 6 } else { 2 };
    let hdr = if fmt.has_nparams { HDR_V2 } else { HDR_V1 };
    if body.len() < pre + hdr {
        return Err(BadEvent::HeaderTruncated);
    }
    let cpu = rd_u16(body, 0);
    let flags = if fmt.has_flags { rd_u32(body, 2) } else { 0 };
    let ev = &body[pre..];
    let ts_ns = rd_u64(ev, 0);
    let tid = rd_u64(ev, 8) as i64;
    let mut len = rd_u32(ev, 16) as usize;
    let event_type = rd_u16(ev, 20);
    let Some(desc) = schema::event_desc(event_type) else {
        return Err(BadEvent::UnknownType);
    };
    let mut rec = EventRecord {
        cpu,
        flags,
        ts_ns,
        tid,
        event_type,
        nparams: 0,
        width: 2,
        lens: &[],
        values: &[],
    };
    if fmt.has_nparams {
        let nparams = rd_u32(ev, 22) as usize;
        if len < hdr || len > ev.len() {
            return Err(BadEvent::BadLength);
        }
        if nparams > MAX_PARAMS {
            return Err(BadEvent::TooManyParams);
        }
        let width = if desc.large_payload() { 4 } else { 2 };
        let (lens, values) = split_params(&ev[..len], hdr, nparams, width)?;
        rec.nparams = nparams;
        rec.width = width;
        rec.lens = lens;
        rec.values = values;
    } else {
        // Old notification/infrastructure events were written 3 bytes too
        // long (libscap corrects the same way).
        if event_type == 280 || event_type == 286 {
            len = len.saturating_sub(3);
        }
        if len < hdr || len > ev.len() {
            return Err(BadEvent::BadLength);
        }
        let ev = &ev[..len];
        let n = derive_nparams(ev, desc.params.len()).ok_or(BadEvent::UnknownParamCount)?;
        let (lens, values) = split_params(ev, hdr, n, 2)?;
        rec.nparams = n;
        rec.lens = lens;
        rec.values = values;
    }
    Ok(rec)
}

/// Finds the parameter count of an old event: the largest count not above
/// the table's whose lengths end exactly at the event's end; if none, a
/// larger count (newer writer than our table).
fn derive_nparams(ev: &[u8], table_count: usize) -> Option<usize> {
    let fits = |n: usize| -> bool {
        let mut at = HDR_V1 + 2 * n;
        if at > ev.len() {
            return false;
        }
        for i in 0..n {
            at += usize::from(rd_u16(ev, HDR_V1 + 2 * i));
            if at > ev.len() {
                return false;
            }
        }
        at == ev.len()
    };
    (0..=table_count.min(MAX_PARAMS))
        .rev()
        .find(|&n| fits(n))
        .or_else(|| (table_count + 1..=MAX_PARAMS).find(|&n| fits(n)))
}

/// Checks that the length array and every value fit in the event; returns
/// the length array and the values.
fn split_params(
    ev: &[u8],
    hdr: usize,
    nparams: usize,
    width: usize,
) -> Result<(&[u8], &[u8]), BadEvent> {
    let lens_end = hdr + nparams * width;
    if lens_end > ev.len() {
        return Err(BadEvent::LengthsOverflow);
    }
    let mut at = lens_end;
    for i in 0..nparams {
        let p = hdr + i * width;
        let l = if width == 4 {
            rd_u32(ev, p) as usize
        } else {
            usize::from(rd_u16(ev, p))
        };
        if l > ev.len() - at {
            return Err(BadEvent::ParamOverflow);
        }
        at += l;
    }
    Ok((&ev[hdr..lens_end], &ev[lens_end..at]))
}

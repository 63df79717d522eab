//! Sequential reading of a capture: sections, metadata and events, in file
//! order, with the state engine applied to each event.
//!
//! [`Reader::next_event`] is a lending iterator: the returned [`Event`]
//! borrows the block (a slice of the mapping, or the gzip buffer) and the
//! state as it is right after the event was applied, which is what sysdig
//! shows for it.

use std::path::Path;

use crate::error::{OpenError, ReadError, ReadErrorKind};
use crate::filter::Matcher;
use crate::format::blocks::{BlockKind, classify};
use crate::format::event::{BadEvent, EventRecord, RecordLayout, parse_event};
use crate::format::meta::{self, MachineInfo, SectionHeader};
use crate::problems::{Problems, Severity};
use crate::source::{BlockSource, Storage};
use crate::state::{EventContext, State};

/// One section of the file (a file may concatenate several).
#[derive(Debug, Clone)]
pub struct SectionInfo {
    /// Byte offset of its section header block.
    pub offset: u64,
    /// The parsed header.
    pub header: SectionHeader,
}

/// Event types at and above this id are unknown to sysdig 0.29.3 (libs
/// e5c53d64): it skips them without numbering them.
pub const SYSDIG_EVENT_MAX: u16 = 336;

/// Counts of blocks met so far, by raw block type id.
pub type BlockCounts = std::collections::BTreeMap<u32, u64>;

/// An event as the reader yields it.
#[derive(Debug)]
pub struct Event<'a> {
    /// sysdig's `evt.num`: 1-based index among the event records sysdig
    /// 0.29.3 can decode (types below [`SYSDIG_EVENT_MAX`]), hidden ones
    /// included. `None` for newer event types, which that sysdig drops.
    pub num: Option<u64>,
    /// 1-based index among all event records of the file (stable id).
    pub index: u64,
    /// Whether sysdig hides this event from its output (internal events such
    /// as `procinfo`, the container events that open a capture, failed
    /// container lookups).
    pub hidden: bool,
    /// Byte offset of the event's block in the (uncompressed) stream.
    pub offset: u64,
    /// The raw record.
    pub rec: EventRecord<'a>,
    /// Thread, fd and container context after the event was applied.
    pub ctx: &'a EventContext,
    /// The state after the event.
    pub state: &'a State,
    /// Whether the reader's filter ([`Reader::set_filter`]) passed the
    /// event; `true` without a filter.
    pub passed: bool,
}

/// Reads a capture from start to end.
pub struct Reader {
    source: BlockSource,
    storage: Storage,
    /// Sections met so far.
    pub sections: Vec<SectionInfo>,
    /// Machine info of the latest section.
    pub machine: Option<MachineInfo>,
    /// The state engine.
    pub state: State,
    /// Non-fatal problems.
    pub problems: Problems,
    /// Block counts by type id.
    pub block_counts: BlockCounts,
    /// Why reading stopped early, if it did.
    pub error: Option<ReadError>,
    ctx: EventContext,
    evt_num: u64,
    evt_index: u64,
    cur_num: Option<u64>,
    cur_hidden: bool,
    /// Only container events seen so far in this section.
    leading_containers: bool,
    events_started: bool,
    done: bool,
    /// What printing does to the state in sysdig (depends on the output
    /// format; see [`crate::state::PrintEffects`]).
    pub print_effects: crate::state::PrintEffects,
    /// The capture filter, applied inside the state engine as sysdig does.
    filter: Option<Matcher>,
    cur_passed: bool,
}

impl Reader {
    /// Opens a capture file (gzip or raw, detected by magic).
    pub fn open(path: &Path) -> Result<Reader, OpenError> {
        let (source, storage) = BlockSource::open(path)?;
        Ok(Reader::with_source(source, storage))
    }

    /// Reads a capture held in memory (tests, fuzzing).
    pub fn from_bytes(bytes: Vec<u8>) -> Reader {
        let gz = bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        let storage = if gz { Storage::Gzip } else { Storage::Raw };
        Reader::with_source(BlockSource::from_bytes(bytes), storage)
    }

    /// Reads raw capture bytes already shared (a mapping), without copying.
    pub fn from_shared(bytes: crate::source::SharedBytes) -> Reader {
        let source = BlockSource::Slice(crate::source::SliceBlocks::new(bytes));
        Reader::with_source(source, Storage::Raw)
    }

    fn with_source(source: BlockSource, storage: Storage) -> Reader {
        Reader {
            source,
            storage,
            sections: Vec::new(),
            machine: None,
            state: State::default(),
            problems: Problems::default(),
            block_counts: BlockCounts::new(),
            error: None,
            ctx: EventContext::default(),
            evt_num: 0,
            evt_index: 0,
            cur_num: None,
            cur_hidden: false,
            leading_containers: true,
            events_started: false,
            done: false,
            print_effects: crate::state::PrintEffects::default(),
            filter: None,
            cur_passed: true,
        }
    }

    /// Applies a filter the way `sysdig -r FILE FILTER` does: inside the
    /// state engine, so that an event the filter rejects before it is
    /// parsed (one that does not modify state) changes no state (see
    /// [`State::apply_gated`]). Every event is still yielded, with
    /// [`Event::passed`] saying whether the filter passed it. Set it before
    /// the first event.
    pub fn set_filter(&mut self, matcher: Matcher) {
        self.filter = Some(matcher);
    }

    /// How the file is stored.
    pub fn storage(&self) -> Storage {
        self.storage
    }

    /// Bytes of the (uncompressed) stream consumed so far.
    pub fn position(&self) -> u64 {
        self.source.position()
    }

    /// Total stream length when known (raw files).
    pub fn total_len(&self) -> Option<u64> {
        self.source.total_len()
    }

    /// Number of event records read so far (valid or not).
    pub fn events_read(&self) -> u64 {
        self.evt_num
    }

    /// The next event, or `None` at the end of the file or when reading
    /// stopped (then [`Reader::error`] says why).
    pub fn next_event(&mut self) -> Option<Event<'_>> {
        let (layout, offset) = self.advance()?;
        // The block was parsed (and checked) once to apply it; the event
        // borrows it again through the layout kept from that parse.
        let block = self.source.last_block()?;
        let rec = EventRecord::from_layout(block.body, &layout)?;
        Some(Event {
            num: self.cur_num,
            index: self.evt_index,
            hidden: self.cur_hidden,
            offset,
            rec,
            ctx: &self.ctx,
            state: &self.state,
            passed: self.cur_passed,
        })
    }

    /// Walks blocks until the next listable event has been applied.
    fn advance(&mut self) -> Option<(RecordLayout, u64)> {
        if self.done {
            return None;
        }
        loop {
            let block = match self.source.next_block() {
                Ok(Some(b)) => b,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.problems.bump(
                        "read_stopped",
                        Severity::Error,
                        "reading stopped at a broken block",
                        e.offset,
                    );
                    self.error = Some(e);
                    self.done = true;
                    return None;
                }
            };
            *self.block_counts.entry(block.block_type).or_default() += 1;
            let offset = block.offset;
            let kind = classify(block.block_type);
            if self.sections.is_empty() && kind != BlockKind::SectionHeader {
                self.error = Some(ReadError {
                    offset,
                    kind: ReadErrorKind::BadSectionHeader {
                        reason: format!(
                            "the file starts with block {:#x}, not a section header",
                            block.block_type
                        ),
                    },
                });
                self.done = true;
                return None;
            }
            let meta_err = |block: &'static str, e: meta::MetaError| ReadError {
                offset,
                kind: ReadErrorKind::BadMetadata {
                    block,
                    reason: e.reason,
                },
            };
            let res: Result<(), ReadError> = match kind {
                BlockKind::SectionHeader => match meta::parse_section_header(block.body) {
                    Ok(header) => {
                        if !self.sections.is_empty() {
                            // A new section brings its own tables.
                            self.state.reset_for_new_section();
                        }
                        self.sections.push(SectionInfo { offset, header });
                        self.events_started = false;
                        self.leading_containers = true;
                        Ok(())
                    }
                    Err(e) => Err(ReadError {
                        offset,
                        kind: ReadErrorKind::BadSectionHeader { reason: e.reason },
                    }),
                },
                BlockKind::MachineInfo => match meta::parse_machine_info(block.body) {
                    Ok(mi) => {
                        self.machine = Some(mi);
                        Ok(())
                    }
                    Err(e) => Err(meta_err("machine info", e)),
                },
                BlockKind::ProcessList(v) => match meta::parse_process_list(block.body, v) {
                    Ok(threads) => {
                        self.state.add_process_list(threads);
                        Ok(())
                    }
                    Err(e) => Err(meta_err("process list", e)),
                },
                BlockKind::FdList(v) => match meta::parse_fd_list(block.body, v) {
                    Ok((tid, fds)) => {
                        self.state.add_fd_list(tid, fds);
                        Ok(())
                    }
                    Err(e) => Err(meta_err("fd list", e)),
                },
                BlockKind::InterfaceList(v) => match meta::parse_interface_list(block.body, v) {
                    Ok(ifs) => {
                        self.state.interfaces = ifs;
                        Ok(())
                    }
                    Err(e) => Err(meta_err("interface list", e)),
                },
                BlockKind::UserList(v) => match meta::parse_user_list(block.body, v) {
                    Ok((users, groups)) => {
                        self.state.add_user_list(users, groups);
                        Ok(())
                    }
                    Err(e) => Err(meta_err("user list", e)),
                },
                BlockKind::Unknown => {
                    self.problems.bump(
                        "unknown_block",
                        Severity::Info,
                        "block of an unknown type skipped by its length",
                        offset,
                    );
                    Ok(())
                }
                BlockKind::Event(fmt) => {
                    self.events_started = true;
                    match parse_event(block.body, fmt) {
                        Ok(rec) => {
                            // Records libscap skips (unknown types) are not
                            // numbered, so evt.num matches sysdig's.
                            self.evt_index += 1;
                            if rec.event_type < SYSDIG_EVENT_MAX {
                                self.evt_num += 1;
                                self.cur_num = Some(self.evt_num);
                            } else {
                                self.cur_num = None;
                            }
                            self.cur_hidden = is_hidden(&rec, &mut self.leading_containers);
                            self.cur_passed = match self.filter.as_mut() {
                                None => {
                                    self.state.apply(
                                        &rec,
                                        &mut self.ctx,
                                        &mut self.problems,
                                        offset,
                                    );
                                    true
                                }
                                Some(m) => {
                                    let (num, index, hidden) =
                                        (self.cur_num, self.evt_index, self.cur_hidden);
                                    let mut gate = |state: &State, ctx: &EventContext| {
                                        m.matches(&Event {
                                            num,
                                            index,
                                            hidden,
                                            offset,
                                            rec: rec.clone(),
                                            ctx,
                                            state,
                                            passed: true,
                                        })
                                    };
                                    self.state.apply_gated(
                                        &rec,
                                        &mut self.ctx,
                                        &mut self.problems,
                                        offset,
                                        Some(&mut gate),
                                    )
                                }
                            };
                            if rec.is_state_only() {
                                continue;
                            }
                            if !self.cur_hidden && self.cur_passed {
                                // sysdig's field extraction has side effects.
                                self.state.after_print(&rec, &self.ctx, self.print_effects);
                            }
                            return Some((rec.layout(block.body), offset));
                        }
                        Err(bad) => {
                            let sev = if bad == BadEvent::UnknownType {
                                Severity::Info
                            } else {
                                Severity::DataLoss
                            };
                            self.problems.bump(bad.name(), sev, bad.explain(), offset);
                            Ok(())
                        }
                    }
                }
            };
            if let Err(e) = res {
                self.problems.bump(
                    "read_stopped",
                    Severity::Error,
                    "reading stopped at a broken block",
                    e.offset,
                );
                self.error = Some(e);
                self.done = true;
                return None;
            }
        }
    }
}

/// Whether sysdig 0.29.3 hides an event from its output.
fn is_hidden(rec: &EventRecord<'_>, leading_containers: &mut bool) -> bool {
    const CONTAINER: [u16; 3] = [228, 272, 324];
    if rec.event_type >= SYSDIG_EVENT_MAX {
        // libscap 0.29.3 drops event types it does not know.
        return true;
    }
    let is_container = CONTAINER.contains(&rec.event_type);
    if !is_container {
        *leading_containers = false;
    } else if *leading_containers {
        // sysdig consumes the container events that open a capture while
        // opening it: they are numbered, never printed.
        return true;
    }
    if crate::schema::compat_category(rec.event_type) & crate::schema::category::INTERNAL != 0
        || rec.event_type == 228
    {
        return true;
    }
    if is_container && rec.event_type != 228 {
        // A failed (2) or never-finished (0) lookup is filtered out.
        if let Some(c) = rec.param(0) {
            let c = match c.iter().position(|&b| b == 0) {
                Some(n) => &c[..n],
                None => c,
            };
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(c) {
                let st = v.get("container").and_then(|c| c.get("lookup_state"));
                if let Some(st) = st.and_then(|s| s.as_u64()) {
                    return st == 0 || st == 2;
                }
            }
        }
    }
    false
}

//! Command-line subcommands.

pub mod count;
pub mod dissect;
pub mod overview;
pub mod plugin;
pub mod print;
pub mod series;
pub mod stats;
pub mod synth;
pub mod view;

/// The current local UTC offset in seconds, whole minutes only, as sysdig
/// applies it to every timestamp (not the offset at the event's date).
pub fn local_offset_s() -> i64 {
    let secs = i64::from(chrono::Local::now().offset().local_minus_utc());
    secs - secs % 60
}

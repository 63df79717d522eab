//! Which level of detail a zoom needs.

use scapscope_core::timeline::LEVEL_SHIFTS;

/// A lane whose events in view number at most the plot width divided by
/// this is drawn event by event (spans, instants) rather than as density:
/// there is room for each of them.
pub const PX_PER_EVENT_FOR_SPANS: f64 = 4.0;

/// The pyramid level to draw at `ns_per_px`: the coarsest whose buckets
/// are no wider than a pixel, so that a pixel column sums whole buckets
/// (and never shows less detail than the screen can). `None` below the
/// finest level: the view is narrow enough to draw events one by one.
pub fn level_for(ns_per_px: f64) -> Option<u32> {
    LEVEL_SHIFTS
        .iter()
        .rev()
        .copied()
        .find(|&s| (1u64 << s) as f64 <= ns_per_px)
}

/// Whether a lane with `events_in_view` events is drawn event by event on
/// a plot `width_px` wide.
pub fn draw_events(events_in_view: f64, width_px: f64) -> bool {
    events_in_view <= width_px / PX_PER_EVENT_FOR_SPANS
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::timeline::{FINEST_SHIFT, LEVEL_STEP};

    #[test]
    fn level_selection() {
        assert_eq!(level_for(0.01), None);
        assert_eq!(level_for(63.9), None);
        assert_eq!(level_for(64.0), Some(FINEST_SHIFT));
        assert_eq!(level_for(511.0), Some(FINEST_SHIFT));
        assert_eq!(level_for(512.0), Some(FINEST_SHIFT + LEVEL_STEP));
        assert_eq!(level_for(1e6), Some(18));
        assert_eq!(level_for(1e18), Some(51));
        // At every zoom the chosen buckets are at most a pixel wide and
        // more than an eighth of one: a column sums 1 to 8 buckets.
        let mut nspp = 64.0;
        while nspp < 1e15 {
            let s = level_for(nspp).unwrap();
            let w = (1u64 << s) as f64;
            assert!(w <= nspp && w * 8.0 > nspp, "{nspp} ns/px -> 2^{s}");
            nspp *= 1.37;
        }
    }

    #[test]
    fn events_or_density() {
        assert!(draw_events(0.0, 1000.0));
        assert!(draw_events(250.0, 1000.0));
        assert!(!draw_events(251.0, 1000.0));
    }
}

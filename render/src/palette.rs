//! Colours of the timeline. The app owns the theme and may hand in its own
//! palette; these defaults keep the renderer usable (and testable) alone.

use scapscope_core::timeline::CATEGORIES;

/// An sRGB colour with alpha, 8 bits per channel (what the instance
/// buffer holds).
pub type Rgba = [u8; 4];

/// Every colour the timeline draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Plot background.
    pub background: Rgba,
    /// Every other lane row is shaded with this.
    pub row_alt: Rgba,
    /// Container header rows.
    pub group_row: Rgba,
    /// Lines between rows and around bands.
    pub separator: Rgba,
    /// Time axis band.
    pub axis: Rgba,
    /// Tick marks on the axis.
    pub tick: Rgba,
    /// Grid lines through the lanes at labelled ticks.
    pub grid: Rgba,
    /// One colour per category, in `Category::ALL` order.
    pub category: [Rgba; CATEGORIES],
    /// Marks on failed calls and the errors chart.
    pub error: Rgba,
    /// I/O bytes to files and pipes in the metrics strip.
    pub io_bytes: Rgba,
    /// Network bytes in the metrics strip.
    pub net_bytes: Rgba,
    /// Edges of spans and instants (where an event is, exactly).
    pub edge: Rgba,
    /// The selected time range (translucent).
    pub selection: Rgba,
    /// The selected event's outline.
    pub selected: Rgba,
    /// The cursor line under the pointer.
    pub cursor: Rgba,
}

impl Palette {
    /// On a dark background.
    pub const DARK: Palette = Palette {
        background: [0x1b, 0x1d, 0x23, 0xff],
        row_alt: [0x22, 0x25, 0x2c, 0xff],
        group_row: [0x2c, 0x31, 0x3b, 0xff],
        separator: [0x3a, 0x3f, 0x4a, 0xff],
        axis: [0x26, 0x29, 0x31, 0xff],
        tick: [0x9a, 0xa3, 0xb3, 0xff],
        grid: [0x33, 0x38, 0x42, 0xff],
        category: [
            [0x4e, 0x9a, 0xf0, 0xff], // file: blue
            [0x3c, 0xc4, 0x8c, 0xff], // network: green
            [0xc7, 0x7d, 0xf0, 0xff], // process: violet
            [0xf0, 0xb2, 0x3c, 0xff], // memory: amber
            [0x3c, 0xc8, 0xd8, 0xff], // IPC: cyan
            [0x6b, 0x73, 0x82, 0xff], // wait/sleep: grey
            [0xb8, 0x9a, 0x78, 0xff], // other: sand
        ],
        error: [0xf0, 0x4a, 0x4a, 0xff],
        io_bytes: [0x4e, 0x9a, 0xf0, 0xff],
        net_bytes: [0x3c, 0xc4, 0x8c, 0xff],
        edge: [0xf4, 0xf6, 0xfa, 0xff],
        selection: [0x7a, 0xa2, 0xf7, 0x40],
        selected: [0xff, 0xe0, 0x66, 0xff],
        cursor: [0xff, 0xff, 0xff, 0x80],
    };

    /// On a light background.
    pub const LIGHT: Palette = Palette {
        background: [0xfa, 0xfa, 0xfb, 0xff],
        row_alt: [0xf0, 0xf1, 0xf4, 0xff],
        group_row: [0xe2, 0xe5, 0xeb, 0xff],
        separator: [0xd0, 0xd4, 0xdc, 0xff],
        axis: [0xec, 0xee, 0xf2, 0xff],
        tick: [0x50, 0x57, 0x66, 0xff],
        grid: [0xe0, 0xe3, 0xe9, 0xff],
        category: [
            [0x1f, 0x6f, 0xd1, 0xff],
            [0x15, 0x9a, 0x62, 0xff],
            [0x99, 0x4c, 0xc8, 0xff],
            [0xc9, 0x86, 0x10, 0xff],
            [0x10, 0x9c, 0xad, 0xff],
            [0x8a, 0x91, 0x9e, 0xff],
            [0x96, 0x78, 0x55, 0xff],
        ],
        error: [0xd6, 0x28, 0x28, 0xff],
        io_bytes: [0x1f, 0x6f, 0xd1, 0xff],
        net_bytes: [0x15, 0x9a, 0x62, 0xff],
        edge: [0x10, 0x12, 0x18, 0xff],
        selection: [0x1f, 0x6f, 0xd1, 0x30],
        selected: [0xe0, 0x9a, 0x00, 0xff],
        cursor: [0x00, 0x00, 0x00, 0x80],
    };
}

impl Default for Palette {
    fn default() -> Self {
        Palette::DARK
    }
}

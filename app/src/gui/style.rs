//! The one home for colours, fonts and widget styles.

use iced::widget::{button, container, slider};
use iced::{Background, Border, Color, Font, Theme, border};

/// Font of labels and titles (embedded, see [`fonts`]).
pub const SANS: Font = Font::with_name(super::fonts::SANS_FAMILY);

/// Font of tables, payloads and numbers (embedded, see [`fonts`]).
pub const MONO: Font = Font::with_name(super::fonts::MONO_FAMILY);

/// The fonts the app embeds (see [`super::fonts`]).
pub fn fonts() -> [&'static [u8]; 4] {
    super::fonts::all()
}

/// Text size of table rows.
pub const ROW_TEXT: f32 = 13.0;

/// Height of one table row, in logical pixels.
pub const ROW_HEIGHT: f32 = 20.0;

/// The light or dark look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Dark background.
    #[default]
    Dark,
    /// Light background.
    Light,
}

impl Mode {
    /// The other one.
    pub fn toggled(self) -> Mode {
        match self {
            Mode::Dark => Mode::Light,
            Mode::Light => Mode::Dark,
        }
    }

    /// The iced theme.
    pub fn theme(self) -> Theme {
        match self {
            Mode::Dark => Theme::Dark,
            Mode::Light => Theme::Light,
        }
    }

    /// The mode called `name` on the command line.
    pub fn from_name(name: &str) -> Option<Mode> {
        match name.to_ascii_lowercase().as_str() {
            "dark" => Some(Mode::Dark),
            "light" => Some(Mode::Light),
            _ => None,
        }
    }
}

/// Secondary text (labels, units).
pub fn dim(theme: &Theme) -> Color {
    let p = theme.extended_palette();
    Color {
        a: 0.62,
        ..p.background.base.text
    }
}

/// Text of failed results.
pub fn error(theme: &Theme) -> Color {
    let p = theme.extended_palette();
    if p.is_dark {
        Color::from_rgb8(0xff, 0x7b, 0x72)
    } else {
        p.danger.strong.color
    }
}

/// Accent of enter events and links.
pub fn accent(theme: &Theme) -> Color {
    let p = theme.extended_palette();
    if p.is_dark {
        Color::from_rgb8(0x8c, 0xb4, 0xff)
    } else {
        p.primary.strong.color
    }
}

/// The sparkline stroke.
pub fn spark(theme: &Theme) -> Color {
    accent(theme)
}

/// The header and status bars.
pub fn bar(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        text_color: Some(p.background.weak.text),
        ..container::Style::default()
    }
}

/// A panel (tile, details pane).
pub fn panel(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weakest.color)),
        border: Border {
            color: p.background.strong.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// An error banner.
pub fn banner(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.danger.weak.color)),
        text_color: Some(p.danger.weak.text),
        border: border::rounded(4),
        ..container::Style::default()
    }
}

/// The table header row.
pub fn table_header(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        text_color: Some(p.background.weak.text),
        ..container::Style::default()
    }
}

/// A table row: striped, highlighted when hovered or selected.
pub fn table_row(index: usize, selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let background = if selected {
            Some(p.primary.weak.color)
        } else {
            match status {
                button::Status::Hovered | button::Status::Pressed => Some(p.background.weak.color),
                _ if index % 2 == 1 => Some(p.background.weakest.color),
                _ => None,
            }
        };
        button::Style {
            background: background.map(Background::Color),
            text_color: if selected {
                p.primary.weak.text
            } else {
                p.background.base.text
            },
            border: Border::default(),
            ..button::Style::default()
        }
    }
}

/// A tab of the header: filled when it is the current screen.
pub fn tab(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let background = match (active, status) {
            (true, _) => Some(p.primary.base.color),
            (false, button::Status::Hovered | button::Status::Pressed) => {
                Some(p.background.strong.color)
            }
            _ => None,
        };
        button::Style {
            background: background.map(Background::Color),
            text_color: if active {
                p.primary.base.text
            } else {
                p.background.weak.text
            },
            border: border::rounded(4),
            ..button::Style::default()
        }
    }
}

/// The list's scrollbar (a vertical slider over row indices): a plain
/// track with a rectangular thumb.
pub fn scrollbar(theme: &Theme, status: slider::Status) -> slider::Style {
    let p = theme.extended_palette();
    let track = Background::Color(p.background.weak.color);
    let thumb = match status {
        slider::Status::Active => p.background.strongest.color,
        slider::Status::Hovered | slider::Status::Dragged => p.primary.base.color,
    };
    slider::Style {
        rail: slider::Rail {
            backgrounds: (track, track),
            width: 12.0,
            border: border::rounded(3),
        },
        handle: slider::Handle {
            shape: slider::HandleShape::Rectangle {
                width: 28,
                border_radius: 3.0.into(),
            },
            background: Background::Color(thumb),
            border_width: 0.0,
            border_color: Color::TRANSPARENT,
        },
    }
}

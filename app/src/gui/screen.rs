//! The screens of the workspace. Each is a module with its own `Message`,
//! `update`, `view` and an `Action` for the app to carry out.

pub mod list;
pub mod overview;
pub mod stream;
pub mod timeline;
pub mod views;

/// Which screen the workspace shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Tiles and sparklines over the whole capture.
    #[default]
    Overview,
    /// Every event, one line each, with details of the selected one.
    List,
    /// Tables (csysdig's views), the process tree, commands executed.
    Views,
    /// The I/O of one fd or connection (opened from an event).
    Stream,
    /// Processes and threads on a time axis (GPU).
    Timeline,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Screen; 4] = [
        Screen::Overview,
        Screen::Views,
        Screen::List,
        Screen::Timeline,
    ];

    /// The screen called `name` on the command line.
    pub fn from_name(name: &str) -> Option<Screen> {
        match name.to_ascii_lowercase().as_str() {
            "overview" | "tiles" => Some(Screen::Overview),
            "list" | "syscalls" | "events" | "dig" => Some(Screen::List),
            "stream" | "follow" => Some(Screen::Stream),
            "timeline" | "time" => Some(Screen::Timeline),
            "views" | "view" | "tables" => Some(Screen::Views),
            _ => None,
        }
    }

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::List => "Syscalls",
            Screen::Stream => "Stream",
            Screen::Timeline => "Timeline",
            Screen::Views => "Views",
        }
    }
}

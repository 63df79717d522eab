//! The screens of the workspace. Each is a module with its own `Message`,
//! `update`, `view` and an `Action` for the app to carry out.

pub mod list;
pub mod overview;
pub mod stream;

/// Which screen the workspace shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Tiles and sparklines over the whole capture.
    #[default]
    Overview,
    /// Every event, one line each, with details of the selected one.
    List,
    /// The I/O of one fd or connection (opened from an event).
    Stream,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Screen; 2] = [Screen::Overview, Screen::List];

    /// The screen called `name` on the command line.
    pub fn from_name(name: &str) -> Option<Screen> {
        match name.to_ascii_lowercase().as_str() {
            "overview" | "tiles" => Some(Screen::Overview),
            "list" | "syscalls" | "events" | "dig" => Some(Screen::List),
            "stream" | "follow" => Some(Screen::Stream),
            _ => None,
        }
    }

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::List => "Syscalls",
            Screen::Stream => "Stream",
        }
    }
}

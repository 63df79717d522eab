//! File dialogs, behind a trait so that tests never open one.

use std::path::PathBuf;

use iced::Task;

/// Asks the user for a capture to open.
pub trait PickFile {
    /// A task that yields the chosen path, or `None` when cancelled.
    fn pick_capture(&self) -> Task<Option<PathBuf>>;
}

/// The desktop's own dialog (the XDG portal, or zenity when there is no
/// portal). Where neither exists, rfd logs an error and yields `None`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Native;

impl PickFile for Native {
    fn pick_capture(&self) -> Task<Option<PathBuf>> {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Open a capture")
            .add_filter("Captures", &["scap", "gz", "scap.gz"])
            .add_filter("All files", &["*"])
            .pick_file();
        Task::perform(dialog, |file| file.map(|f| f.path().to_path_buf()))
    }
}

/// A dialog that always answers the same (for tests).
#[cfg(test)]
#[derive(Debug, Clone, Default)]
pub struct Fixed(pub Option<PathBuf>);

#[cfg(test)]
impl PickFile for Fixed {
    fn pick_capture(&self) -> Task<Option<PathBuf>> {
        Task::done(self.0.clone())
    }
}

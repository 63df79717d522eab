//! Recently opened captures, newest first, kept in
//! `$XDG_CONFIG_HOME/scapscope/recent` (else `~/.config/scapscope/recent`):
//! one absolute path per line, so that the file stays readable and
//! editable. A missing or unreadable file is an empty list, never an error
//! the user has to handle; saving writes a temporary file and renames it,
//! so a crash never leaves half a list.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Paths kept at most.
pub const MAX_RECENT: usize = 10;

/// The list and where it is saved.
#[derive(Debug, Clone, Default)]
pub struct Recent {
    /// Where the list lives (`None`: not saved, e.g. in tests).
    store: Option<PathBuf>,
    files: Vec<PathBuf>,
}

impl Recent {
    /// The user's list, from the default location.
    pub fn load_default() -> Recent {
        let dir = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
        match dir {
            Some(d) => Recent::load(&d.join("scapscope").join("recent")),
            None => Recent::default(),
        }
    }

    /// The list saved at `store` (empty when absent or unreadable).
    pub fn load(store: &Path) -> Recent {
        let files = std::fs::read_to_string(store)
            .map(|s| {
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .take(MAX_RECENT)
                    .collect()
            })
            .unwrap_or_default();
        Recent {
            store: Some(store.to_path_buf()),
            files,
        }
    }

    /// The paths, newest first.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Puts `path` first (made absolute) and saves the list. Saving errors
    /// are returned for the caller to show; the list in memory is updated
    /// anyway.
    pub fn add(&mut self, path: &Path) -> std::io::Result<()> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.files.retain(|p| p != &abs);
        self.files.insert(0, abs);
        self.files.truncate(MAX_RECENT);
        self.save()
    }

    fn save(&self) -> std::io::Result<()> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if let Some(dir) = store.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = store.with_extension("tmp");
        let mut f = std::fs::File::create(&tmp)?;
        for p in &self.files {
            // A path with a line break cannot be stored one per line.
            if let Some(s) = p.to_str().filter(|s| !s.contains('\n')) {
                writeln!(f, "{s}")?;
            }
        }
        f.sync_all()?;
        std::fs::rename(&tmp, store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_saved() {
        let dir = std::env::temp_dir().join(format!("scapscope-recent-{}", std::process::id()));
        let store = dir.join("nested").join("recent");
        let mut r = Recent::load(&store);
        assert!(r.files().is_empty(), "a missing file is an empty list");
        r.add(Path::new("/captures/a.scap")).unwrap();
        r.add(Path::new("/captures/b.scap")).unwrap();
        r.add(Path::new("/captures/a.scap")).unwrap();
        assert_eq!(
            r.files(),
            [
                PathBuf::from("/captures/a.scap"),
                PathBuf::from("/captures/b.scap")
            ]
        );
        for k in 0..2 * MAX_RECENT {
            r.add(Path::new(&format!("/captures/{k}.scap"))).unwrap();
        }
        assert_eq!(r.files().len(), MAX_RECENT);
        let again = Recent::load(&store);
        assert_eq!(again.files(), r.files(), "saved and read back");
        assert_eq!(
            again.files()[0],
            PathBuf::from(format!("/captures/{}.scap", 2 * MAX_RECENT - 1))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn relative_paths_are_stored_absolute() {
        let mut r = Recent::default();
        r.add(Path::new("x.scap")).unwrap();
        assert!(r.files()[0].is_absolute());
        assert!(r.files()[0].ends_with("x.scap"));
    }
}

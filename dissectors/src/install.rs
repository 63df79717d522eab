//! Installed (community) plugins: one folder per plugin in the user's data
//! directory, holding the component and a manifest.
//!
//! ```text
//! <plugin dir>/<name>/plugin.wasm
//! <plugin dir>/<name>/manifest.json   {name, version, api_version, sha256, enabled, …}
//! ```
//!
//! Installing goes through [`Host::load`], so a plugin that imports
//! anything, exports another API version or is not a component is refused
//! before it is copied. Loading checks the file's sha256 against the
//! manifest, so a plugin changed behind scapscope's back is refused too.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::host::{API_VERSION, API_VERSIONS, Host, LoadError, Origin, Plugin, sha256_hex};

/// What the manifest of an installed plugin records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The plugin's name (its folder's name).
    pub name: String,
    /// Its version.
    pub version: String,
    /// The dissector API version it was installed for.
    pub api_version: String,
    /// sha256 of `plugin.wasm`, hex.
    pub sha256: String,
    /// Whether `dissect` and the app use it.
    pub enabled: bool,
    /// One line about it.
    pub description: String,
    /// Protocols it decodes.
    pub protocols: Vec<String>,
}

/// Why a plugin command failed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// The plugin was refused.
    #[error("{path}: {source}")]
    Refused {
        /// What was being installed.
        path: String,
        /// Why.
        #[source]
        source: LoadError,
    },
    /// No such installed plugin.
    #[error("no installed plugin named {name:?} (installed: {installed})")]
    NotInstalled {
        /// The name asked for.
        name: String,
        /// What is installed.
        installed: String,
    },
    /// The manifest is unreadable or was made for another API version.
    #[error("{path}: {detail}")]
    BadManifest {
        /// The manifest.
        path: String,
        /// What is wrong.
        detail: String,
    },
    /// A file operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> InstallError {
    let path = path.display().to_string();
    move |source| InstallError::Io { what, path, source }
}

/// The default plugin folder: `$SCAPSCOPE_PLUGIN_DIR`, else
/// `$XDG_DATA_HOME/scapscope/plugins`, else
/// `~/.local/share/scapscope/plugins`.
pub fn default_plugin_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SCAPSCOPE_PLUGIN_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
        })?;
    Some(base.join("scapscope").join("plugins"))
}

/// The installed plugins of one folder.
#[derive(Debug, Clone)]
pub struct PluginStore {
    dir: PathBuf,
}

impl PluginStore {
    /// The store in `dir` (created when a plugin is installed).
    pub fn new(dir: impl Into<PathBuf>) -> PluginStore {
        PluginStore { dir: dir.into() }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn manifest_path(&self, name: &str) -> PathBuf {
        self.dir.join(name).join("manifest.json")
    }

    fn write_manifest(&self, m: &Manifest) -> Result<(), InstallError> {
        let p = self.manifest_path(&m.name);
        let text = serde_json::to_string_pretty(m).map_err(|e| InstallError::BadManifest {
            path: p.display().to_string(),
            detail: e.to_string(),
        })?;
        std::fs::write(&p, text).map_err(io("writing", &p))
    }

    fn read_manifest(&self, name: &str) -> Result<Manifest, InstallError> {
        let p = self.manifest_path(name);
        let text = std::fs::read_to_string(&p).map_err(io("reading", &p))?;
        serde_json::from_str(&text).map_err(|e| InstallError::BadManifest {
            path: p.display().to_string(),
            detail: e.to_string(),
        })
    }

    /// Checks a plugin (same checks as every load) and installs it,
    /// replacing an installed plugin of the same name. `source` names it
    /// in errors.
    pub fn install(
        &self,
        host: &Host,
        bytes: &[u8],
        source: &str,
    ) -> Result<Manifest, InstallError> {
        let plugin = host
            .load(bytes, Origin::File(PathBuf::from(source)))
            .map_err(|e| InstallError::Refused {
                path: source.to_string(),
                source: e,
            })?;
        let name = plugin.meta.name.clone();
        let dir = self.dir.join(&name);
        std::fs::create_dir_all(&dir).map_err(io("creating", &dir))?;
        let wasm = dir.join("plugin.wasm");
        // Write then rename, so a crash never leaves half a plugin.
        let tmp = dir.join("plugin.wasm.tmp");
        std::fs::write(&tmp, bytes).map_err(io("writing", &tmp))?;
        std::fs::rename(&tmp, &wasm).map_err(io("renaming", &tmp))?;
        let m = Manifest {
            name,
            version: plugin.meta.version.clone(),
            api_version: plugin.api_version().to_string(),
            sha256: plugin.sha256.clone(),
            enabled: true,
            description: plugin.meta.description.clone(),
            protocols: plugin.meta.protocols.clone(),
        };
        self.write_manifest(&m)?;
        Ok(m)
    }

    /// The installed plugins' manifests, by name; unreadable ones as
    /// errors.
    pub fn list(&self) -> Vec<Result<Manifest, InstallError>> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = rd
            .filter_map(Result::ok)
            .filter(|e| e.path().join("manifest.json").is_file())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        names.sort();
        names.iter().map(|n| self.read_manifest(n)).collect()
    }

    fn require(&self, name: &str) -> Result<Manifest, InstallError> {
        if self.manifest_path(name).is_file() {
            return self.read_manifest(name);
        }
        let installed: Vec<String> = self
            .list()
            .into_iter()
            .filter_map(Result::ok)
            .map(|m| m.name)
            .collect();
        Err(InstallError::NotInstalled {
            name: name.to_string(),
            installed: if installed.is_empty() {
                "none".into()
            } else {
                installed.join(", ")
            },
        })
    }

    /// Uninstalls a plugin.
    pub fn remove(&self, name: &str) -> Result<(), InstallError> {
        self.require(name)?;
        let dir = self.dir.join(name);
        std::fs::remove_dir_all(&dir).map_err(io("removing", &dir))
    }

    /// Enables or disables a plugin.
    pub fn set_enabled(&self, name: &str, enabled: bool) -> Result<Manifest, InstallError> {
        let mut m = self.require(name)?;
        m.enabled = enabled;
        self.write_manifest(&m)?;
        Ok(m)
    }

    /// Loads one installed plugin, checking its manifest first.
    pub fn load(&self, host: &Host, name: &str) -> Result<Arc<Plugin>, InstallError> {
        let m = self.require(name)?;
        let mpath = self.manifest_path(name).display().to_string();
        if !API_VERSIONS.contains(&m.api_version.as_str()) {
            return Err(InstallError::BadManifest {
                path: mpath,
                detail: format!(
                    "installed for dissector API {}; this scapscope runs {} \
                     (reinstall it, built with the plugin-sdk of this scapscope: API {API_VERSION})",
                    m.api_version,
                    API_VERSIONS.join(" and ")
                ),
            });
        }
        let wasm = self.dir.join(name).join("plugin.wasm");
        let bytes = std::fs::read(&wasm).map_err(io("reading", &wasm))?;
        let sha = sha256_hex(&bytes);
        if sha != m.sha256 {
            return Err(InstallError::BadManifest {
                path: mpath,
                detail: format!(
                    "plugin.wasm changed since it was installed (sha256 {sha}, manifest says {})",
                    m.sha256
                ),
            });
        }
        host.load(&bytes, Origin::Installed(wasm.clone()))
            .map_err(|e| InstallError::Refused {
                path: wasm.display().to_string(),
                source: e,
            })
    }

    /// Loads every enabled plugin: the loaded ones, and the errors of
    /// those that failed.
    pub fn load_enabled(&self, host: &Host) -> (Vec<Arc<Plugin>>, Vec<InstallError>) {
        let mut ok = Vec::new();
        let mut errs = Vec::new();
        for m in self.list() {
            match m {
                Ok(m) if m.enabled => match self.load(host, &m.name) {
                    Ok(p) => ok.push(p),
                    Err(e) => errs.push(e),
                },
                Ok(_) => {}
                Err(e) => errs.push(e),
            }
        }
        (ok, errs)
    }
}

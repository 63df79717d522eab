//! The wasmtime engine and plugin loading: the one path every plugin,
//! built-in or installed, goes through.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, Linker};
use wasmtime::{Cache, CacheConfig, Config, Engine};

use crate::Metadata;
use crate::instance::{Fault, HostState, Instance};

/// The WIT package plugins must export, without its version.
pub const API_PACKAGE: &str = "scapscope:dissector";
/// The current API version (the version of the WIT package in
/// `plugin-sdk/wit/dissector.wit`; a test keeps the two equal): what the
/// SDK builds and what new plugins should use.
pub const API_VERSION: &str = "0.2.0";
/// Every API version this host runs, newest first (each frozen WIT is in
/// `plugin-sdk/wit/`).
pub const API_VERSIONS: [&str; 2] = [API_VERSION, "0.1.0"];

/// Which API a plugin was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    /// One call per stream event.
    V1,
    /// Batches.
    V2,
}

impl Api {
    /// The WIT package version.
    pub(crate) fn version(self) -> &'static str {
        match self {
            Api::V1 => API_VERSIONS[1],
            Api::V2 => API_VERSIONS[0],
        }
    }
}

/// A compiled plugin, linked and ready to instantiate.
pub(crate) enum Pre {
    V1(crate::bindings::PluginPre<HostState>),
    V2(crate::bindings_v2::PluginPre<HostState>),
}

/// What a plugin may use while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Linear memory of one plugin instance.
    pub memory_bytes: usize,
    /// Fuel (roughly, WebAssembly instructions) every call gets.
    pub fuel_per_call: u64,
    /// Extra fuel per byte of the chunk passed to the call.
    pub fuel_per_byte: u64,
    /// Most data one call may return (strings and fields, counted as
    /// [`crate::validate`] does).
    pub output_bytes_per_call: usize,
    /// WebAssembly call stack.
    pub stack_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 64 << 20,
            fuel_per_call: 50_000_000,
            fuel_per_byte: 2_000,
            output_bytes_per_call: 4 << 20,
            stack_bytes: 512 << 10,
        }
    }
}

/// How to build a [`Host`].
#[derive(Debug, Clone, Default)]
pub struct HostConfig {
    /// Where compiled components are cached (none: compile every time).
    /// The cache is wasmtime's: entries are keyed by the component's hash
    /// and the engine (wasmtime version, compiler and its settings).
    pub cache_dir: Option<PathBuf>,
    /// Per-plugin limits.
    pub limits: Limits,
}

/// The default compiled-component cache folder:
/// `$XDG_CACHE_HOME/scapscope/wasm` or `~/.cache/scapscope/wasm`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("scapscope").join("wasm"))
}

/// Why the host could not start.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// wasmtime refused the configuration (or the cache).
    #[error("cannot start the WebAssembly engine: {detail}")]
    Engine {
        /// wasmtime's explanation.
        detail: String,
    },
}

/// Where a plugin came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into scapscope.
    Builtin,
    /// Installed in the user's plugin folder.
    Installed(PathBuf),
    /// Loaded from a file given by the user.
    File(PathBuf),
}

/// Why a plugin was refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not a WebAssembly component.
    #[error("not a WebAssembly component: {detail}")]
    NotAComponent {
        /// What the bytes look like.
        detail: String,
    },
    /// wasmtime could not compile it.
    #[error("invalid component: {detail}")]
    Compile {
        /// wasmtime's explanation.
        detail: String,
    },
    /// It imports something: plugins may import nothing.
    #[error(
        "the plugin imports `{import}`, but dissectors may import nothing (no WASI filesystem, \
         sockets, clocks or random): everything they need arrives through the dissector API"
    )]
    ForbiddenImport {
        /// The first import found.
        import: String,
        /// All imports.
        all: Vec<String>,
    },
    /// It was built for another API version.
    #[error(
        "the plugin was built for dissector API {found}; this scapscope runs {API_PACKAGE}@{needed} \
         (rebuild it with the plugin-sdk of this scapscope, which builds API {API_VERSION})"
    )]
    WrongApiVersion {
        /// The version it exports.
        found: String,
        /// The version needed.
        needed: String,
    },
    /// It does not export the dissector API at all.
    #[error(
        "the plugin does not export {API_PACKAGE}/dissector@{API_VERSION} (it exports: {exports})"
    )]
    MissingExport {
        /// What it exports.
        exports: String,
    },
    /// Instantiating it, or asking for its metadata, failed.
    #[error("the plugin failed when asked for its metadata: {0}")]
    Metadata(Fault),
    /// Its metadata is unusable.
    #[error("bad plugin metadata: {detail}")]
    BadMetadata {
        /// What is wrong.
        detail: String,
    },
}

/// A loaded plugin: compiled, checked, and ready to instantiate.
pub struct Plugin {
    /// What it says about itself.
    pub meta: Metadata,
    /// Where it came from.
    pub origin: Origin,
    /// sha256 of its bytes, hex.
    pub sha256: String,
    pub(crate) pre: Pre,
}

impl Plugin {
    /// The dissector API version it was built for (one of
    /// [`API_VERSIONS`]).
    pub fn api_version(&self) -> &'static str {
        self.api().version()
    }

    pub(crate) fn api(&self) -> Api {
        match self.pre {
            Pre::V1(_) => Api::V1,
            Pre::V2(_) => Api::V2,
        }
    }
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin")
            .field("name", &self.meta.name)
            .field("version", &self.meta.version)
            .field("api", &self.api_version())
            .field("origin", &self.origin)
            .finish()
    }
}

/// The WebAssembly engine all plugins run on.
#[derive(Clone)]
pub struct Host {
    pub(crate) engine: Engine,
    /// The limits every instance runs under.
    pub limits: Limits,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host")
            .field("limits", &self.limits)
            .finish()
    }
}

fn engine_err(e: impl std::fmt::Display) -> HostError {
    HostError::Engine {
        detail: format!("{e:#}"),
    }
}

/// sha256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Host {
    /// Starts the engine.
    pub fn new(config: HostConfig) -> Result<Host, HostError> {
        let mut c = Config::new();
        c.wasm_component_model(true)
            .consume_fuel(true)
            .max_wasm_stack(config.limits.stack_bytes)
            .parallel_compilation(true);
        // For profiling plugins: `perf` names their compiled functions
        // from /tmp/perf-PID.map.
        if std::env::var_os("SCAPSCOPE_WASM_PERFMAP").is_some() {
            c.profiler(wasmtime::ProfilingStrategy::PerfMap);
        }
        if let Some(dir) = &config.cache_dir {
            let cache_err = |e: std::io::Error| HostError::Engine {
                detail: format!("cache folder {}: {e}", dir.display()),
            };
            std::fs::create_dir_all(dir).map_err(cache_err)?;
            // wasmtime wants an absolute path.
            let dir = std::fs::canonicalize(dir).map_err(cache_err)?;
            let mut cc = CacheConfig::new();
            cc.with_directory(dir);
            c.cache(Some(Cache::new(cc).map_err(engine_err)?));
        }
        let engine = Engine::new(&c).map_err(engine_err)?;
        Ok(Host {
            engine,
            limits: config.limits,
        })
    }

    /// Checks, compiles and describes a plugin.
    pub fn load(&self, bytes: &[u8], origin: Origin) -> Result<Arc<Plugin>, LoadError> {
        check_header(bytes)?;
        let component = Component::new(&self.engine, bytes).map_err(|e| LoadError::Compile {
            detail: format!("{e:#}"),
        })?;
        let ty = component.component_type();
        // The API's own `types` interface is imported by every plugin
        // (the exports use its types); it holds types only, nothing to
        // call. Anything else reaches outside the sandbox.
        let exports: Vec<String> = ty
            .exports(&self.engine)
            .map(|(name, _)| name.to_string())
            .collect();
        let want = format!("{API_PACKAGE}/dissector@");
        let api = match exports.iter().find_map(|e| e.strip_prefix(&want)) {
            Some(v) => compatible(v).ok_or_else(|| LoadError::WrongApiVersion {
                found: v.to_string(),
                needed: API_VERSIONS.join(" or "),
            }),
            None => Err(LoadError::MissingExport {
                exports: if exports.is_empty() {
                    "nothing".into()
                } else {
                    exports.join(", ")
                },
            }),
        };
        // The API's own `types` interface (and in 0.2.0, `batch`) is
        // imported by every plugin (the exports use its types); it holds
        // types only, nothing to call. Anything else reaches outside the
        // sandbox.
        let own = |name: &str| {
            ["types", "batch"].iter().any(|i| {
                name.strip_prefix(&format!("{API_PACKAGE}/{i}@"))
                    .and_then(compatible)
                    .is_some()
            })
        };
        let imports: Vec<String> = ty
            .imports(&self.engine)
            .map(|(name, _)| name.to_string())
            .filter(|name| !own(name))
            .collect();
        if let Some(first) = imports.first() {
            return Err(LoadError::ForbiddenImport {
                import: first.clone(),
                all: imports,
            });
        }
        let api = api?;
        let mut linker = Linker::<HostState>::new(&self.engine);
        let link_err = |e: wasmtime::Error| LoadError::Compile {
            detail: format!("{e:#}"),
        };
        // Defines the (empty) types instances.
        let pre = match api {
            Api::V1 => {
                crate::bindings::Plugin::add_to_linker::<
                    HostState,
                    wasmtime::component::HasSelf<HostState>,
                >(&mut linker, |s| s)
                .map_err(link_err)?;
                Pre::V1(
                    linker
                        .instantiate_pre(&component)
                        .and_then(crate::bindings::PluginPre::new)
                        .map_err(link_err)?,
                )
            }
            Api::V2 => {
                crate::bindings_v2::Plugin::add_to_linker::<
                    HostState,
                    wasmtime::component::HasSelf<HostState>,
                >(&mut linker, |s| s)
                .map_err(link_err)?;
                Pre::V2(
                    linker
                        .instantiate_pre(&component)
                        .and_then(crate::bindings_v2::PluginPre::new)
                        .map_err(link_err)?,
                )
            }
        };
        let mut plugin = Plugin {
            meta: Metadata {
                name: String::new(),
                version: String::new(),
                description: String::new(),
                protocols: Vec::new(),
                default_ports: Vec::new(),
            },
            origin,
            sha256: sha256_hex(bytes),
            pre,
        };
        let mut inst = Instance::new(self, &plugin).map_err(LoadError::Metadata)?;
        plugin.meta = inst.metadata(&self.limits).map_err(LoadError::Metadata)?;
        check_metadata(&plugin.meta)?;
        Ok(Arc::new(plugin))
    }

    /// Reads and loads a plugin file.
    pub fn load_file(&self, path: &Path, origin: Origin) -> Result<Arc<Plugin>, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| LoadError::NotAComponent {
            detail: format!("cannot read {}: {e}", path.display()),
        })?;
        self.load(&bytes, origin)
    }
}

/// Which of the APIs a plugin's version can run as: same major (for 0.x,
/// same minor), as semver says.
pub(crate) fn compatible(v: &str) -> Option<Api> {
    let mut have = v.split('.');
    let (maj, min) = (have.next()?, have.next()?);
    [Api::V2, Api::V1].into_iter().find(|api| {
        let mut want = api.version().split('.');
        match (want.next(), want.next()) {
            (Some(wmaj), Some(wmin)) => maj == wmaj && (wmaj != "0" || min == wmin),
            _ => false,
        }
    })
}

/// The 8-byte preamble says whether bytes are a component, a core module
/// or something else; saying which is most of a good error message.
fn check_header(bytes: &[u8]) -> Result<(), LoadError> {
    const COMPONENT: [u8; 8] = [0, b'a', b's', b'm', 0x0d, 0, 0x01, 0];
    const MODULE: [u8; 8] = [0, b'a', b's', b'm', 0x01, 0, 0, 0];
    match bytes.get(..8) {
        Some(h) if h == COMPONENT => Ok(()),
        Some(h) if h == MODULE => Err(LoadError::NotAComponent {
            detail: "this is a core WebAssembly module; turn it into a component \
                     (`scapscope plugin install --dev DIR` builds and converts a plugin project)"
                .into(),
        }),
        _ => Err(LoadError::NotAComponent {
            detail: format!(
                "no WebAssembly header (the file starts with {:02x?})",
                &bytes[..bytes.len().min(8)]
            ),
        }),
    }
}

fn check_metadata(m: &Metadata) -> Result<(), LoadError> {
    let ok_name = !m.name.is_empty()
        && m.name.len() <= 64
        && m.name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_./".contains(&b));
    if !ok_name {
        return Err(LoadError::BadMetadata {
            detail: format!(
                "name {:?} must be 1 to 64 lower-case letters, digits or -_./",
                m.name
            ),
        });
    }
    if m.description.len() > 1024 || m.protocols.len() > 64 || m.default_ports.len() > 1024 {
        return Err(LoadError::BadMetadata {
            detail: "description, protocols or ports too long".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_version_is_the_wit_package_version() {
        let wit = include_str!("../../plugin-sdk/wit/dissector.wit");
        let line = wit
            .lines()
            .find(|l| l.starts_with("package "))
            .unwrap_or_default();
        assert_eq!(line, format!("package {API_PACKAGE}@{API_VERSION};"));
    }

    #[test]
    fn the_frozen_api_is_the_other_version() {
        let wit = include_str!("../../plugin-sdk/wit/0.1.0/dissector.wit");
        assert!(wit.contains(&format!("\npackage {API_PACKAGE}@{};", API_VERSIONS[1])));
    }

    #[test]
    fn semver_compatibility() {
        assert_eq!(compatible("0.1.0"), Some(Api::V1));
        assert_eq!(compatible("0.1.7"), Some(Api::V1));
        assert_eq!(compatible("0.2.0"), Some(Api::V2));
        assert_eq!(compatible("0.2.3"), Some(Api::V2));
        assert_eq!(compatible("0.3.0"), None);
        assert_eq!(compatible("0.0.9"), None);
        assert_eq!(compatible("1.1.0"), None);
        assert_eq!(compatible("garbage"), None);
    }
}

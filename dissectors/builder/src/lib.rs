//! Builds scapscope dissector plugins: runs cargo for
//! `wasm32-unknown-unknown` on plugin crates, then turns each core module
//! into a WebAssembly component with `wit-component` (the WIT world is
//! embedded in the module by the SDK's bindings, so nothing else is
//! needed).
//!
//! Used by the `scapscope-dissectors` build script (built-in and test
//! plugins) and by `scapscope plugin install --dev DIR` (a user's plugin
//! project). Both run cargo in a target directory of their own, so a
//! nested build never waits on the outer build's lock.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target plugins are built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Why a plugin could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The Rust standard library for wasm32 is not installed and could not
    /// be added.
    #[error(
        "the Rust target {WASM_TARGET} is not installed and `rustup target add {WASM_TARGET}` \
         failed or is unavailable: {detail}; install it, then build again"
    )]
    TargetMissing {
        /// What went wrong.
        detail: String,
    },
    /// cargo could not be started.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// cargo failed.
    #[error("building plugins in {dir} failed ({status}):\n{stderr_tail}")]
    Cargo {
        /// Exit status.
        status: String,
        /// The last lines cargo printed.
        stderr_tail: String,
        /// Where it ran.
        dir: String,
    },
    /// The crate has no `[package] name`.
    #[error("no package name in {path}")]
    NoPackage {
        /// The manifest.
        path: String,
    },
    /// Reading or writing a file failed.
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
    /// The module is not a valid plugin module.
    #[error("cannot turn {path} into a component: {detail}")]
    Componentize {
        /// The module.
        path: String,
        /// wit-component's explanation.
        detail: String,
    },
}

/// How to run cargo for plugins.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The cargo binary (`$CARGO` in a build script).
    pub cargo: PathBuf,
    /// Target directory of the nested build (never the caller's own).
    pub target_dir: PathBuf,
    /// Cargo profile (`release`, or the workspace's `wasm-guest`).
    pub profile: String,
    /// Whether to pass cargo's output through (else it is captured and
    /// shown only on failure).
    pub verbose: bool,
}

/// Variables a parent cargo (or clippy) sets that must not leak into a
/// nested cargo: they name the parent's target, flags, wrappers or
/// package.
fn scrub(cmd: &mut Command) {
    for (k, _) in std::env::vars_os() {
        let Some(k) = k.to_str() else { continue };
        let leak = k.starts_with("CARGO_PKG_")
            || k.starts_with("CARGO_CFG_")
            || k.starts_with("CARGO_FEATURE_")
            || k.starts_with("DEP_")
            || matches!(
                k,
                "CARGO_TARGET_DIR"
                    | "CARGO_BUILD_TARGET"
                    | "CARGO_BUILD_TARGET_DIR"
                    | "CARGO_BUILD_RUSTFLAGS"
                    | "CARGO_ENCODED_RUSTFLAGS"
                    | "RUSTFLAGS"
                    | "RUSTC_WORKSPACE_WRAPPER"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_MANIFEST_LINKS"
                    | "OUT_DIR"
                    | "TARGET"
                    | "HOST"
                    | "PROFILE"
                    | "OPT_LEVEL"
                    | "DEBUG"
                    | "NUM_JOBS"
                    | "RUSTC_LINKER"
                    | "CARGO_LLVM_COV"
                    | "CLIPPY_ARGS"
                    | "CLIPPY_CONF_DIR"
            );
        if leak {
            cmd.env_remove(k);
        }
    }
}

/// Makes sure the wasm32 standard library is installed, adding it with
/// rustup when it is not (a fresh machine).
pub fn ensure_wasm_target() -> Result<(), BuildError> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let libdir = Command::new(&rustc)
        .args(["--print", "target-libdir", "--target", WASM_TARGET])
        .output()
        .map_err(|source| BuildError::Spawn {
            program: rustc.clone(),
            source,
        })?;
    let dir = PathBuf::from(String::from_utf8_lossy(&libdir.stdout).trim());
    let installed = std::fs::read_dir(&dir)
        .map(|mut d| {
            d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libcore-")))
        })
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    let out = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .output()
        .map_err(|e| BuildError::TargetMissing {
            detail: format!("rustup: {e}"),
        })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BuildError::TargetMissing {
            detail: tail(&out.stderr, 5),
        })
    }
}

fn tail(b: &[u8], lines: usize) -> String {
    let s = String::from_utf8_lossy(b);
    let v: Vec<&str> = s.lines().collect();
    v[v.len().saturating_sub(lines)..].join("\n")
}

/// The `[package] name` of a crate.
pub fn package_name(manifest: &Path) -> Result<String, BuildError> {
    let text = std::fs::read_to_string(manifest).map_err(|source| BuildError::Io {
        what: "reading",
        path: manifest.display().to_string(),
        source,
    })?;
    let mut in_package = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_package = l == "[package]";
            continue;
        }
        if in_package
            && let Some(v) = l.strip_prefix("name")
            && let Some(v) = v.trim_start().strip_prefix('=')
        {
            return Ok(v.trim().trim_matches('"').to_string());
        }
    }
    Err(BuildError::NoPackage {
        path: manifest.display().to_string(),
    })
}

/// Builds `packages` of the workspace (or single crate) at `manifest` for
/// wasm32 and returns each one's core module path, in order.
pub fn build_modules(
    manifest: &Path,
    packages: &[String],
    opts: &BuildOptions,
) -> Result<Vec<PathBuf>, BuildError> {
    ensure_wasm_target()?;
    let mut cmd = Command::new(&opts.cargo);
    scrub(&mut cmd);
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target")
        .arg(WASM_TARGET)
        .arg("--profile")
        .arg(&opts.profile)
        .arg("--target-dir")
        .arg(&opts.target_dir)
        .arg("--lib");
    for p in packages {
        cmd.arg("-p").arg(p);
    }
    let dir = manifest
        .parent()
        .unwrap_or(Path::new("."))
        .display()
        .to_string();
    let status;
    let mut stderr = Vec::new();
    if opts.verbose {
        status = cmd.status().map_err(|source| BuildError::Spawn {
            program: opts.cargo.display().to_string(),
            source,
        })?;
    } else {
        let out = cmd.output().map_err(|source| BuildError::Spawn {
            program: opts.cargo.display().to_string(),
            source,
        })?;
        status = out.status;
        stderr = out.stderr;
    }
    if !status.success() {
        return Err(BuildError::Cargo {
            status: status.to_string(),
            stderr_tail: tail(&stderr, 40),
            dir,
        });
    }
    // cargo's `release` profile writes to `release/`, custom ones to a
    // folder of their name.
    let out_dir = opts.target_dir.join(WASM_TARGET).join(&opts.profile);
    Ok(packages
        .iter()
        .map(|p| out_dir.join(format!("{}.wasm", p.replace('-', "_"))))
        .collect())
}

/// Turns a core module built with the SDK into a component.
pub fn componentize(module: &Path) -> Result<Vec<u8>, BuildError> {
    let bytes = std::fs::read(module).map_err(|source| BuildError::Io {
        what: "reading",
        path: module.display().to_string(),
        source,
    })?;
    componentize_bytes(&bytes).map_err(|detail| BuildError::Componentize {
        path: module.display().to_string(),
        detail,
    })
}

/// [`componentize`] on bytes; the error is wit-component's explanation.
pub fn componentize_bytes(module: &[u8]) -> Result<Vec<u8>, String> {
    wit_component::ComponentEncoder::default()
        .validate(true)
        .module(module)
        .and_then(|mut e| e.encode())
        .map_err(|e| format!("{e:#}"))
}

/// Builds a plugin project (a crate that depends on the SDK) and returns
/// its component: `scapscope plugin install --dev DIR`.
pub fn build_project(dir: &Path, opts: &BuildOptions) -> Result<Vec<u8>, BuildError> {
    let manifest = dir.join("Cargo.toml");
    let name = package_name(&manifest)?;
    let modules = build_modules(&manifest, std::slice::from_ref(&name), opts)?;
    componentize(&modules[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_name_reads_the_package_table() {
        let dir = std::env::temp_dir().join(format!("ssbuilder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let m = dir.join("Cargo.toml");
        std::fs::write(
            &m,
            "[workspace]\nname = \"no\"\n\n[package]\nversion = \"1\"\nname = \"my-plugin\"\n",
        )
        .unwrap_or_default();
        assert_eq!(package_name(&m).ok().as_deref(), Some("my-plugin"));
        std::fs::write(&m, "[dependencies]\nname = \"x\"\n").unwrap_or_default();
        assert!(matches!(
            package_name(&m),
            Err(BuildError::NoPackage { .. })
        ));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn garbage_is_not_componentized() {
        assert!(componentize_bytes(b"not wasm").is_err());
    }
}

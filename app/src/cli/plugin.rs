//! `scapscope plugin`: install, list, remove, enable and disable community
//! dissector plugins.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scapscope_dissectors::install::{PluginStore, default_plugin_dir};
use scapscope_dissectors::{API_VERSIONS, Host, HostConfig, Registry, default_cache_dir};
use scapscope_plugin_builder::{BuildOptions, build_project};

/// Arguments of `plugin`.
#[derive(Debug, clap::Args)]
pub struct PluginArgs {
    #[command(subcommand)]
    command: PluginCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PluginCommand {
    /// Install a plugin: a component file, or with --dev a plugin project
    /// folder, which is built for wasm32 and turned into a component
    /// first.
    Install {
        /// The `.wasm` component, or the project folder with --dev.
        path: PathBuf,
        /// PATH is a plugin project (a crate using scapscope-plugin-sdk).
        #[arg(long)]
        dev: bool,
    },
    /// List the built-in and installed dissectors.
    List,
    /// Uninstall a plugin.
    Remove {
        /// Its name.
        name: String,
    },
    /// Use an installed plugin again.
    Enable {
        /// Its name.
        name: String,
    },
    /// Stop using an installed plugin (it stays installed).
    Disable {
        /// Its name.
        name: String,
    },
}

fn store() -> anyhow::Result<PluginStore> {
    let dir = default_plugin_dir().context("no plugin folder: set HOME or SCAPSCOPE_PLUGIN_DIR")?;
    Ok(PluginStore::new(dir))
}

fn host() -> anyhow::Result<Host> {
    Ok(Host::new(HostConfig {
        cache_dir: default_cache_dir(),
        ..HostConfig::default()
    })?)
}

/// Adds the user's enabled plugins to a registry, reporting those that
/// fail to load.
pub fn add_installed(reg: &mut Registry) {
    let Ok(store) = store() else { return };
    let (plugins, errors) = store.load_enabled(reg.host());
    for p in plugins {
        reg.add(p);
    }
    for e in errors {
        eprintln!("scapscope: installed plugin not loaded: {e}");
    }
}

/// Runs `plugin`.
pub fn run(a: PluginArgs) -> anyhow::Result<ExitCode> {
    let store = store()?;
    match a.command {
        PluginCommand::Install { path, dev } => {
            let bytes = if dev {
                let opts = BuildOptions {
                    cargo: std::env::var_os("CARGO").map_or_else(|| "cargo".into(), PathBuf::from),
                    // With CARGO_TARGET_DIR set (CI), plugin projects
                    // share one folder there; otherwise their own.
                    target_dir: std::env::var_os("CARGO_TARGET_DIR").map_or_else(
                        || path.join("target"),
                        |t| PathBuf::from(t).join("scapscope-plugins"),
                    ),
                    profile: "release".into(),
                    verbose: true,
                };
                eprintln!("building {} for wasm32…", path.display());
                build_project(&path, &opts)?
            } else {
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?
            };
            let m = store.install(&host()?, &bytes, &path.display().to_string())?;
            println!(
                "installed {} {} (API {}, sha256 {}) in {}",
                m.name,
                m.version,
                m.api_version,
                m.sha256,
                store.dir().join(&m.name).display()
            );
        }
        PluginCommand::List => {
            let (reg, errors) = Registry::builtin(host()?);
            println!("dissector API {}", API_VERSIONS.join(", "));
            for p in reg.plugins() {
                println!(
                    "{:<12} {:<8} built-in   {}",
                    p.meta.name, p.meta.version, p.meta.description
                );
            }
            for (name, e) in errors {
                println!("{name:<12} -        BROKEN     {e}");
            }
            for m in store.list() {
                match m {
                    Ok(m) => println!(
                        "{:<12} {:<8} {:<10} {}",
                        m.name,
                        m.version,
                        if m.enabled { "installed" } else { "disabled" },
                        m.description
                    ),
                    Err(e) => println!("?            -        BROKEN     {e}"),
                }
            }
        }
        PluginCommand::Remove { name } => {
            store.remove(&name)?;
            println!("removed {name}");
        }
        PluginCommand::Enable { name } => {
            store.set_enabled(&name, true)?;
            println!("enabled {name}");
        }
        PluginCommand::Disable { name } => {
            store.set_enabled(&name, false)?;
            println!("disabled {name}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

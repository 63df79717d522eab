//! Builds the built-in dissectors (`plugins/*`) and the hostile test
//! plugins (`hostile/*`) as WebAssembly components, with a nested cargo
//! for `wasm32-unknown-unknown` in a target directory of its own
//! (`<target>/wasm-guests`, so it never waits on this build's lock), then
//! `wit-component`. Built-ins are embedded in the library
//! (`OUT_DIR/builtin.rs`); hostile plugins are left in
//! `OUT_DIR/hostile/` for the tests (`SCAPSCOPE_HOSTILE_DIR`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use scapscope_plugin_builder::{BuildOptions, build_modules, componentize, package_name};

fn crates_in(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("Cargo.toml").is_file())
                .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("error: building the dissector plugins: {msg}");
    std::process::exit(1);
}

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest_dir.join("..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for p in [
        "plugins",
        "hostile",
        "../plugin-sdk/src",
        "../plugin-sdk/wit",
        "../plugin-sdk/Cargo.toml",
        "../Cargo.toml",
        "../Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={p}");
    }
    // OUT_DIR is <target>[/<triple>]/<profile>/build/<pkg>-<hash>/out.
    let target_dir = out
        .ancestors()
        .nth(4)
        .map_or_else(|| out.join("wasm-guests"), |t| t.join("wasm-guests"));
    let groups = [
        ("plugins", crates_in(&manifest_dir.join("plugins"))),
        ("hostile", crates_in(&manifest_dir.join("hostile"))),
    ];
    let mut packages = Vec::new();
    for (_, crates) in &groups {
        for (_, dir) in crates {
            match package_name(&dir.join("Cargo.toml")) {
                Ok(p) => packages.push(p),
                Err(e) => fail(e),
            }
        }
    }
    let opts = BuildOptions {
        cargo: std::env::var_os("CARGO").map_or_else(|| "cargo".into(), PathBuf::from),
        target_dir,
        profile: "wasm-guest".into(),
        verbose: false,
    };
    let modules =
        build_modules(&root.join("Cargo.toml"), &packages, &opts).unwrap_or_else(|e| fail(e));
    let mut builtin = String::from("&[\n");
    let mut modules = modules.into_iter();
    for (group, crates) in &groups {
        let dir = out.join(group);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(e));
        for (name, _) in crates {
            let Some(module) = modules.next() else {
                fail("fewer modules than crates")
            };
            let component = componentize(&module).unwrap_or_else(|e| fail(e));
            let path = dir.join(format!("{name}.wasm"));
            std::fs::write(&path, component).unwrap_or_else(|e| fail(e));
            if *group == "plugins" {
                let _ = writeln!(
                    builtin,
                    "    ({name:?}, include_bytes!({:?}).as_slice()),",
                    path.display().to_string()
                );
            }
        }
    }
    builtin.push(']');
    std::fs::write(out.join("builtin.rs"), builtin).unwrap_or_else(|e| fail(e));
    println!(
        "cargo:rustc-env=SCAPSCOPE_HOSTILE_DIR={}",
        out.join("hostile").display()
    );
}

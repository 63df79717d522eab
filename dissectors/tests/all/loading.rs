//! Every plugin goes through the same load path: what it accepts and
//! what it refuses, with which message.

use scapscope_dissectors::{BUILTIN, Host, HostConfig, LoadError, Origin, Transport};

use crate::{builtin, host, hostile};

#[test]
fn builtins_load_through_the_common_path() {
    let reg = builtin();
    assert_eq!(reg.plugins().len(), BUILTIN.len());
    let http = reg.get("http").expect("http is built in");
    assert_eq!(http.origin, Origin::Builtin);
    assert!(http.meta.protocols.iter().any(|p| p == "http/1.1"));
    assert!(
        http.meta
            .default_ports
            .iter()
            .any(|h| h.port == 80 && h.transport == Transport::Tcp)
    );
    assert_eq!(http.sha256.len(), 64);
}

#[test]
fn garbage_bytes_are_not_a_component() {
    let e = host()
        .load(b"GIF89a definitely not wasm", Origin::Builtin)
        .unwrap_err();
    assert!(matches!(e, LoadError::NotAComponent { .. }), "{e}");
    assert!(e.to_string().contains("no WebAssembly header"), "{e}");
    let e = host().load(b"", Origin::Builtin).unwrap_err();
    assert!(matches!(e, LoadError::NotAComponent { .. }), "{e}");
}

#[test]
fn a_core_module_is_refused_with_a_hint() {
    let e = host()
        .load(b"\0asm\x01\0\0\0", Origin::Builtin)
        .unwrap_err();
    assert!(e.to_string().contains("core WebAssembly module"), "{e}");
}

#[test]
fn a_truncated_component_is_refused() {
    let http = BUILTIN.iter().find(|(n, _)| *n == "http").unwrap().1;
    let e = host()
        .load(&http[..http.len() / 2], Origin::Builtin)
        .unwrap_err();
    assert!(matches!(e, LoadError::Compile { .. }), "{e}");
}

#[test]
fn wasi_imports_are_refused_and_named() {
    let e = host().load(&hostile("wasi"), Origin::Builtin).unwrap_err();
    let LoadError::ForbiddenImport { import, all } = &e else {
        panic!("{e}");
    };
    assert_eq!(import, "wasi:filesystem/preopens@0.2.0");
    assert!(
        all.iter()
            .any(|i| i == "wasi:sockets/tcp-create-socket@0.2.0"),
        "{all:?}"
    );
    let text = e.to_string();
    assert!(
        text.contains("wasi:filesystem/preopens") && text.contains("may import nothing"),
        "{text}"
    );
}

#[test]
fn another_api_version_is_refused_with_the_version_needed() {
    let e = host()
        .load(&hostile("oldapi"), Origin::Builtin)
        .unwrap_err();
    let LoadError::WrongApiVersion { found, needed } = &e else {
        panic!("{e}");
    };
    assert_eq!(found, "0.0.9");
    assert_eq!(needed, "0.2.0 or 0.1.0");
    assert!(e.to_string().contains("scapscope:dissector@0.2.0"), "{e}");
    assert!(
        e.to_string()
            .contains("plugin-sdk of this scapscope, which builds API 0.2.0"),
        "{e}"
    );
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn compiled_components_are_cached_on_disk() {
    let dir = std::env::temp_dir().join(format!("scapscope-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cfg = HostConfig {
        cache_dir: Some(dir.clone()),
        ..HostConfig::default()
    };
    let http = BUILTIN.iter().find(|(n, _)| *n == "http").unwrap().1;
    Host::new(cfg.clone())
        .unwrap()
        .load(http, Origin::Builtin)
        .unwrap();
    let after_first = files_under(&dir);
    assert!(
        !after_first.is_empty(),
        "nothing cached in {}",
        dir.display()
    );
    // A second engine (another run of scapscope) finds the entry: no new
    // file for the same component and engine.
    Host::new(cfg.clone())
        .unwrap()
        .load(http, Origin::Builtin)
        .unwrap();
    let entries = |v: &[std::path::PathBuf]| {
        v.iter()
            .filter(|p| !p.to_string_lossy().contains(".stats"))
            .count()
    };
    assert_eq!(entries(&files_under(&dir)), entries(&after_first));
    // Another component gets its own entry.
    Host::new(cfg)
        .unwrap()
        .load(&hostile("spin"), Origin::Builtin)
        .unwrap();
    assert!(entries(&files_under(&dir)) > entries(&after_first));
    let _ = std::fs::remove_dir_all(&dir);
}

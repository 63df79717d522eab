//! Installed plugins: the same checks as every load, plus the manifest.

use scapscope_dissectors::BUILTIN;
use scapscope_dissectors::install::{InstallError, PluginStore};

use crate::{host, hostile};

#[test]
fn install_list_disable_tamper_remove() {
    let dir = std::env::temp_dir().join(format!("scapscope-plugins-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = PluginStore::new(&dir);
    let host = host();

    // Refused plugins leave nothing behind.
    let e = store
        .install(&host, &hostile("wasi"), "wasi.wasm")
        .unwrap_err();
    assert!(e.to_string().contains("wasi:filesystem"), "{e}");
    let e = store
        .install(&host, &hostile("oldapi"), "old.wasm")
        .unwrap_err();
    assert!(e.to_string().contains("0.0.9"), "{e}");
    let e = store
        .install(&host, b"garbage", "garbage.wasm")
        .unwrap_err();
    assert!(e.to_string().contains("garbage.wasm"), "{e}");
    assert!(store.list().is_empty());

    let spin = hostile("spin");
    let m = store.install(&host, &spin, "spin.wasm").unwrap();
    assert_eq!(m.name, "hostile-spin");
    assert_eq!(m.api_version, "0.2.0");
    assert!(m.enabled);
    // A plugin built against the frozen API 0.1.0 installs and loads too.
    let old = store.install(&host, &hostile("v010"), "v010.wasm").unwrap();
    assert_eq!(old.api_version, "0.1.0");
    assert_eq!(
        store.load(&host, "test-v010-lines").unwrap().api_version(),
        "0.1.0"
    );
    store.remove("test-v010-lines").unwrap();
    let http = BUILTIN.iter().find(|(n, _)| *n == "http").unwrap().1;
    store.install(&host, http, "http.wasm").unwrap();
    let names: Vec<String> = store.list().into_iter().map(|m| m.unwrap().name).collect();
    assert_eq!(names, ["hostile-spin", "http"]);
    assert_eq!(store.load_enabled(&host).0.len(), 2);

    store.set_enabled("hostile-spin", false).unwrap();
    let (loaded, errors) = store.load_enabled(&host);
    assert!(errors.is_empty());
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].meta.name, "http");

    // A plugin file changed after installation is refused.
    std::fs::write(dir.join("http").join("plugin.wasm"), &spin).unwrap();
    let e = store.load(&host, "http").unwrap_err();
    assert!(
        e.to_string().contains("changed since it was installed"),
        "{e}"
    );

    // A manifest from another API version is refused with the version.
    let mpath = dir.join("hostile-spin").join("manifest.json");
    let text = std::fs::read_to_string(&mpath).unwrap();
    std::fs::write(&mpath, text.replace("\"0.2.0\"", "\"0.0.1\"")).unwrap();
    let e = store.load(&host, "hostile-spin").unwrap_err();
    assert!(e.to_string().contains("runs 0.2.0 and 0.1.0"), "{e}");

    store.remove("http").unwrap();
    store.remove("hostile-spin").unwrap();
    assert!(store.list().is_empty());
    assert!(matches!(
        store.remove("http"),
        Err(InstallError::NotInstalled { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

//! Hostile test plugin: exports dissector API 0.0.9 instead of the
//! version scapscope implements. The host must refuse it and say which
//! version it needs.

#[allow(missing_docs, unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "plugin",
    });
}

use bindings::exports::scapscope::dissector::dissector::Guest;

/// The plugin.
pub struct Plugin;

impl Guest for Plugin {
    fn metadata() -> String {
        "hostile-oldapi".into()
    }
}

// The generated exports are `unsafe extern "C"` glue.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
const _: () = {
    bindings::export!(Plugin with_types_in bindings);
};

//! Event-record fuzzing: one event block body in each block layout, then
//! every parameter decoded by its declared type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scapscope_core::decode::decode;
use scapscope_core::format::blocks::EventBlockFormat;
use scapscope_core::format::event::parse_event;

fuzz_target!(|data: &[u8]| {
    for has_flags in [false, true] {
        for has_nparams in [false, true] {
            let fmt = EventBlockFormat { has_flags, has_nparams, large: true };
            if let Ok(rec) = parse_event(data, fmt) {
                for (i, p) in rec.params().iter().enumerate() {
                    if let Some(desc) = rec.desc().params.get(i) {
                        let _ = decode(desc, p);
                    }
                }
            }
        }
    }
});

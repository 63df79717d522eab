//! Whole-capture fuzzing: block framing, metadata blocks, events, the
//! state engine and the default output line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scapscope_core::fields::FieldEnv;
use scapscope_core::output::{OutputFormat, DEFAULT_FORMAT};
use scapscope_core::reader::Reader;

fuzz_target!(|data: &[u8]| {
    let fmt = OutputFormat::parse(DEFAULT_FORMAT).expect("default format parses");
    let env = FieldEnv::default();
    let mut r = Reader::from_bytes(data.to_vec());
    while let Some(ev) = r.next_event() {
        let _ = fmt.render(&ev, &env);
    }
});

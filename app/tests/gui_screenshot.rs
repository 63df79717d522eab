//! The outer ring of the desktop app's tests: the real binary renders
//! screens of a capture to PNG files (`--screenshot`), with the software
//! renderer so that no GPU, display or Vulkan driver is needed.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/demo.scap")
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

fn shoot(out: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .arg("--screenshot")
        .arg(out)
        .args(args)
        .env("ICED_BACKEND", "tiny-skia")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    stderr
}

#[test]
fn each_screen_renders_at_the_requested_size() {
    let dir = std::env::temp_dir().join(format!("scapscope-gui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = demo();
    let demo = demo.to_str().unwrap();
    for (name, args) in [
        (
            "overview",
            vec!["--screen", "overview", "--size", "1024x700", demo],
        ),
        (
            "list",
            vec![
                "--screen", "list", "--select", "100", "--size", "1024x700", "--theme", "light",
                demo,
            ],
        ),
    ] {
        let out = dir.join(format!("{name}.png"));
        let said = shoot(&out, &args);
        assert!(said.contains("tiny-skia"), "{said}");
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(png_size(&bytes), (1024, 700));
        // A blank frame compresses to almost nothing; text, tiles and rows
        // do not.
        assert!(
            bytes.len() > 20_000,
            "{name} looks blank: {} bytes",
            bytes.len()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let out = std::env::temp_dir().join("scapscope-never-written.png");
    let o = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .args(["--screenshot", out.to_str().unwrap(), "--screen", "nope"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown screen"));
    let o = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .args(["--screenshot", out.to_str().unwrap(), "/nonexistent.scap"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!out.exists());
}

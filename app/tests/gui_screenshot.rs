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

/// Share of the pixels of the timeline's process labels and lanes (below
/// its axis and metric charts, left half) that differ from the area's
/// most common colour.
fn lane_ink(png_path: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut counts = std::collections::HashMap::new();
    for y in h * 35 / 100..h * 95 / 100 {
        for x in 0..w / 2 {
            let i = (y * w + x) * 4;
            *counts.entry(&buf[i..i + 4]).or_insert(0usize) += 1;
        }
    }
    let total: usize = counts.values().sum();
    let flat = counts.values().copied().max().unwrap_or(0);
    (total - flat) as f64 / total as f64
}

/// Screenshot size of the screen tests.
const SIZE: (u32, u32) = (1280, 800);

/// A shared capture, or `None` (saying so) where the folder is absent.
fn shared(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/captures")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// Runs the CLI of the binary under test and parses its JSON output.
fn cli_json(args: &[&str]) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Renders `screen` of `file` with `backend` and returns what the frame
/// shows (texts, one per line), after checking the PNG's size and ink.
/// `None` when the backend has no adapter here.
fn shoot_texts(
    dir: &Path,
    file: &Path,
    backend: &str,
    screen: &str,
    size: (u32, u32),
    extra: &[&str],
) -> Option<Vec<String>> {
    let out = dir.join(format!("{backend}-{screen}.png"));
    let texts = dir.join(format!("{backend}-{screen}.txt"));
    let o = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .arg(file)
        .args(["--screenshot", out.to_str().unwrap()])
        .args(["--texts", texts.to_str().unwrap()])
        .args([
            "--screen",
            screen,
            "--size",
            &format!("{}x{}", size.0, size.1),
        ])
        .args(extra)
        .env("ICED_BACKEND", backend)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    if !o.status.success() && stderr.contains("no renderer available") {
        eprintln!("skipped: no {backend} adapter here ({stderr})");
        return None;
    }
    assert!(o.status.success(), "{screen} with {backend}: {stderr}");
    assert!(stderr.contains(&format!("with {backend}")), "{stderr}");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(png_size(&bytes), size);
    assert!(
        bytes.len() > 20_000,
        "{screen} with {backend} looks blank: {} bytes",
        bytes.len()
    );
    let texts = std::fs::read_to_string(&texts).unwrap();
    Some(texts.lines().map(str::to_string).collect())
}

/// Each screen of a real capture, drawn by the software renderer and, where
/// an adapter exists (Mesa's lavapipe in CI), by wgpu, shows what the CLI
/// computes from the same file: tiles and their totals, the rows of views,
/// the events in sysdig's order, the payload of a followed stream.
#[test]
fn each_screen_of_a_shared_capture_shows_what_the_cli_computes() {
    let Some(file) = shared("workshop_example0_nginx.scap") else {
        return;
    };
    let f = file.to_str().unwrap();
    let dir = std::env::temp_dir().join(format!("scapscope-screens-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let overview = cli_json(&["overview", f, "--json"]);
    let procs = cli_json(&["view", "procs", f, "--json"]);
    let connections = cli_json(&["view", "connections", f, "--json"]);
    let printed = Command::new(env!("CARGO_BIN_EXE_scapscope"))
        .args([
            "print",
            f,
            "proc.name=nginx",
            "-p",
            "*%evt.num\t%proc.name\t%evt.type",
        ])
        .output()
        .unwrap();
    let printed = String::from_utf8(printed.stdout).unwrap();
    let snap =
        scapscope_core::store::load(&file, scapscope_core::store::LoadOptions::default()).wait();
    let streams = scapscope_core::streams::reassemble(&snap, None);
    let (http, request) = streams
        .streams
        .iter()
        .find_map(|st| {
            st.segments
                .iter()
                .find(|seg| {
                    scapscope_core::streams::segment_data(&snap, seg).starts_with(b"GET / HTTP/1.1")
                })
                .map(|seg| (st, seg))
        })
        .expect("the capture has an HTTP request");
    let select = request.event.to_string();
    let endpoints = format!(
        "{}->{}",
        http.info.client.unwrap(),
        http.info.server.unwrap()
    );

    for backend in ["tiny-skia", "wgpu"] {
        // Overview (tall enough for every tile): every tile's name, and the
        // total of the first.
        let Some(t) = shoot_texts(&dir, &file, backend, "overview", (1280, 1600), &[]) else {
            continue;
        };
        for tile in overview["tiles"].as_array().unwrap() {
            let name = tile["name"].as_str().unwrap();
            assert!(
                t.iter().any(|s| s == name),
                "{backend}: tile {name} missing"
            );
        }
        let running = &overview["tiles"][0];
        assert_eq!(running["name"], "Running Processes");
        let total = running["total"].to_string();
        let at = t.iter().position(|s| s == "Running Processes").unwrap();
        assert!(
            t[at..].contains(&total),
            "{backend}: total {total} of Running Processes not shown"
        );

        // Views by name: the row count, and the first rows as the CLI has them.
        let t = shoot_texts(&dir, &file, backend, "procs", SIZE, &[]).unwrap();
        let rows = procs["rows"].as_array().unwrap();
        assert!(
            t.contains(&format!("{} rows", rows.len())),
            "{backend}: {t:?}"
        );
        let procs_def = scapscope_core::views::find("procs").unwrap();
        assert!(t.iter().any(|s| s == procs_def.description), "{backend}");
        for row in rows.iter().take(5) {
            let command = row["values"][9].as_str().unwrap().trim();
            assert!(
                t.iter().any(|s| s == command),
                "{backend}: procs row {command} missing"
            );
        }
        let t = shoot_texts(&dir, &file, backend, "connections", SIZE, &[]).unwrap();
        let row = &connections["rows"][0]["values"];
        for v in [&row[1], &row[3]] {
            let ip = v.as_str().unwrap();
            assert!(
                t.iter().any(|s| s == ip),
                "{backend}: connection {ip} missing"
            );
        }

        // The list, filtered: the first events sysdig prints for the same
        // filter, in its order (number, process, type).
        let t = shoot_texts(
            &dir,
            &file,
            backend,
            "list",
            SIZE,
            &["--filter", "proc.name=nginx"],
        )
        .unwrap();
        let mut rest = t.iter();
        for line in printed.lines().take(10) {
            for want in line.split('\t') {
                assert!(
                    rest.any(|s| s == want),
                    "{backend}: list misses {want:?} of `{line}` (in order)"
                );
            }
        }

        // Follow stream of the HTTP request: the connection and its
        // segments (the payload is rich text, which reports no text).
        let t = shoot_texts(&dir, &file, backend, "stream", SIZE, &["--select", &select]).unwrap();
        let all = t.join("\n");
        assert!(all.contains(&endpoints), "{backend}: {all}");
        let segments = format!("{} segments", http.segments.len());
        assert!(all.contains(&segments), "{backend}: {all}");

        // The timeline draws its own labels and lanes (no text widgets):
        // the lane area below its charts is not one flat colour.
        let t = shoot_texts(&dir, &file, backend, "timeline", SIZE, &[]).unwrap();
        assert!(t.iter().any(|s| s == "Timeline"));
        let ink = lane_ink(&dir.join(format!("{backend}-timeline.png")));
        assert!(
            ink > 0.02,
            "{backend}: the timeline's lanes look blank ({ink:.4})"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

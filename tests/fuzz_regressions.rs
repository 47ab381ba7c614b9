//! Replays what the fuzz targets keep through the same target bodies the
//! fuzzer runs (`fuzz/src/targets.rs`): every input under
//! `fuzz/regressions/<target>/` (each once made a target fail, and the fix
//! must hold) and every seed under `fuzz/seeds/<target>/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Run `target` on every input kept for it; panic naming each that fails.
fn replay(name: &str) {
    let (_, target) = targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target {name}"));
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seeds = inputs(&fuzz.join("seeds").join(name));
    assert!(!seeds.is_empty(), "{name}: no seeds in fuzz/seeds/{name}");
    let regressions = inputs(&fuzz.join("regressions").join(name));
    let mut failed = Vec::new();
    for path in seeds.iter().chain(&regressions) {
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| target(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{name} fails on {failed:#?}");
}

#[test]
fn every_target_is_replayed_here() {
    let replayed = [
        "public_key",
        "api_key",
        "secret_hex",
        "circle_answers",
        "error_body",
        "redact",
        "neutralize",
        "records",
        "journal",
        "ceremony_log",
        "recipients",
    ];
    let names: Vec<&str> = targets::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, replayed);
    for name in names {
        let binary = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/fuzz_targets")
            .join(format!("{name}.rs"));
        assert!(binary.is_file(), "{name} has no fuzz binary");
    }
}

#[test]
fn public_key() {
    replay("public_key");
}

#[test]
fn api_key() {
    replay("api_key");
}

#[test]
fn secret_hex() {
    replay("secret_hex");
}

#[test]
fn circle_answers() {
    replay("circle_answers");
}

#[test]
fn error_body() {
    replay("error_body");
}

#[test]
fn redact() {
    replay("redact");
}

#[test]
fn neutralize() {
    replay("neutralize");
}

#[test]
fn records() {
    replay("records");
}

#[test]
fn journal() {
    replay("journal");
}

#[test]
fn ceremony_log() {
    replay("ceremony_log");
}

#[test]
fn recipients() {
    replay("recipients");
}

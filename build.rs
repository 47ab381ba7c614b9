//! Records which commit the binary was built from, for `--version`.
//!
//! Sets `ESW_GIT_COMMIT` for the crate: the commit's 12-character short hash,
//! with `-dirty` when tracked files differ from it, or `unknown` when there is
//! no git (a source tarball, a packaging chroot). A packager who builds from a
//! tarball of a known commit may pass it in `ESW_BUILD_COMMIT` instead.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-env-changed=ESW_BUILD_COMMIT");
    let commit = match std::env::var("ESW_BUILD_COMMIT") {
        Ok(given) if !given.trim().is_empty() => given.trim().to_owned(),
        _ => from_git().unwrap_or_else(|| "unknown".to_owned()),
    };
    println!("cargo::rustc-env=ESW_GIT_COMMIT={commit}");
}

/// What the binary is built from: a change anywhere else (a script, a test)
/// neither marks the build dirty nor reruns this script.
const SOURCES: [&str; 5] = ["build.rs", "Cargo.toml", "Cargo.lock", "src", "assets"];

/// The short hash of HEAD with `-dirty` when a tracked file of [`SOURCES`]
/// differs from it, or `None` when git is missing or this is not a checkout.
fn from_git() -> Option<String> {
    let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
    watch_git_state();
    // Untracked files are left out, as `git describe --dirty` does.
    let mut status = vec!["status", "--porcelain", "--untracked-files=no", "--"];
    status.extend(SOURCES);
    let changes = git(&status)?;
    Some(if changes.is_empty() {
        hash
    } else {
        format!("{hash}-dirty")
    })
}

/// Rerun when HEAD moves (a commit, a checkout) or when a source changes
/// (which may make the tree dirty or clean again). Only the current branch's
/// ref is watched, so commits on other branches rebuild nothing. In a
/// worktree, HEAD lives in the worktree's git dir and the refs in the common
/// one.
fn watch_git_state() {
    let mut watched = Vec::new();
    if let Some(dir) = git(&["rev-parse", "--path-format=absolute", "--git-dir"]) {
        watched.push(Path::new(&dir).join("HEAD"));
    }
    if let Some(common) = git(&["rev-parse", "--path-format=absolute", "--git-common-dir"]) {
        let common = Path::new(&common);
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(common.join(branch));
        }
        watched.push(common.join("packed-refs"));
    }
    for path in watched.iter().filter(|p| p.exists()) {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    for source in SOURCES {
        println!("cargo::rerun-if-changed={source}");
    }
}

/// Run git in the package's folder; its trimmed output, or `None` on failure.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(std::env::var_os("CARGO_MANIFEST_DIR")?)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8(output.stdout).ok()?.trim().to_owned())
}

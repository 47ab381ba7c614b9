//! A recovery file is never thrown away by the command line. When the
//! final link of the file into its place fails after Circle accepted the
//! secret (a full disk, an IO error), `rehearse` writes the content to a
//! fallback file in the data folder (then the home folder), says exactly
//! where, and does not exit while the content is only in memory.
//!
//! Proved from outside the process: the real binary runs under `strace`,
//! which makes the kernel's `linkat` into the chosen place fail with ENOSPC
//! (`-P` limits the fault to calls naming that path, so the fallback's own
//! link goes through). The fallback file, read back by the test, must have
//! the SHA-256 the command announced for the content it held when the link
//! failed. `strace` is required (scripts/install-deps.sh installs it):
//! without it these tests fail, they are never skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cli_support::{Bus, Home, Run};
use entity_secret_wizard::secret::sha256_hex;
use entity_secret_wizard::text;

/// A rehearsal whose recovery file is asked for in a folder of its own,
/// every link into that place failing with ENOSPC.
struct Rehearsal {
    command: Command,
    target: PathBuf,
    trace: PathBuf,
}

impl Rehearsal {
    fn new(home: &Home) -> Self {
        let usb = home.root().join("usb");
        std::fs::create_dir(&usb).unwrap();
        let target = usb.join("recovery_file.dat");
        let trace = home.root().join("strace.txt");
        let strace_args: Vec<&OsStr> = vec![
            OsStr::new("-f"),
            OsStr::new("-qq"),
            OsStr::new("-o"),
            trace.as_os_str(),
            OsStr::new("-P"),
            target.as_os_str(),
            OsStr::new("-e"),
            OsStr::new("trace=linkat"),
            OsStr::new("-e"),
            OsStr::new("inject=linkat:error=ENOSPC"),
        ];
        let args = [
            "rehearse",
            "--memory-store",
            "--recovery-file",
            target.to_str().unwrap(),
        ];
        let mut command = home.command_under("strace", &strace_args, Bus::None, &args);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        Self {
            command,
            target,
            trace,
        }
    }

    fn spawn(&mut self) -> std::process::Child {
        match self.command.spawn() {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
                "`strace` is not installed, and these tests need it (they are never skipped). \
                 Run scripts/install-deps.sh (or `apt-get install strace`)."
            ),
            Err(e) => panic!("could not run strace: {e}"),
        }
    }

    fn run(mut self) -> (Run, Self) {
        let child = self.spawn();
        (Run::of(child.wait_with_output().unwrap()), self)
    }
}

/// The fallback files in `dir`.
fn fallback_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|n| n.starts_with("recovery_file_FALLBACK_") && n.ends_with(".dat"))
        })
        .collect()
}

/// The SHA-256 the command announced for the content it held when the
/// chosen place failed.
fn announced_sha256(stderr: &str) -> String {
    let (_, rest) = stderr
        .split_once("Its content (SHA-256 ")
        .unwrap_or_else(|| panic!("no content fingerprint announced:\n{stderr}"));
    rest[..64].to_owned()
}

/// The link into the chosen place failed, the chosen place holds nothing,
/// and the one fallback file in `dir` holds exactly the content announced,
/// owner-only, and stdout and stderr name it.
fn assert_saved_instead(run: &Run, rehearsal: &Rehearsal, dir: &Path) {
    run.expect(8);
    let trace = std::fs::read_to_string(&rehearsal.trace).unwrap();
    assert!(
        trace.contains("= -1 ENOSPC (No space left on device) (INJECTED)"),
        "no failure was injected:\n{trace}"
    );
    assert!(!rehearsal.target.exists(), "the chosen place holds a file");
    let files = fallback_files(dir);
    assert_eq!(files.len(), 1, "{files:?}\n{}", run.stderr);
    let saved = std::fs::read(&files[0]).unwrap();
    let sha256 = announced_sha256(&run.stderr);
    assert_eq!(sha256_hex(&saved), sha256);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let where_ = files[0].display().to_string();
    let said = text::cli::recovery_saved_instead(&where_, &sha256);
    assert!(run.stderr.contains(&said), "{}", run.stderr);
    assert!(run.stdout.contains(text::cli::REHEARSE_ACCEPTED));
    assert!(run.stdout.contains(&where_), "{}", run.stdout);
}

#[test]
fn a_failed_final_link_leaves_the_recovery_file_in_a_fallback_file_in_the_data_folder() {
    let home = Home::new();
    let (run, rehearsal) = Rehearsal::new(&home).run();
    assert_saved_instead(&run, &rehearsal, &home.data_dir_for(true));
    assert!(
        run.stderr.contains("There is not enough space on the disk"),
        "{}",
        run.stderr
    );
}

#[test]
fn with_the_data_folder_unusable_too_the_fallback_is_in_the_home_folder() {
    let home = Home::new();
    // Where the rehearsal folder should be, a file: no folder can be made.
    std::fs::create_dir_all(home.data_dir()).unwrap();
    std::fs::write(home.data_dir_for(true), b"in the way").unwrap();
    let (run, rehearsal) = Rehearsal::new(&home).run();
    assert_saved_instead(&run, &rehearsal, &home.home());
}

#[test]
fn with_every_place_failing_it_waits_and_tries_again_rather_than_exit() {
    let home = Home::new();
    std::fs::create_dir_all(home.data_dir()).unwrap();
    std::fs::write(home.data_dir_for(true), b"in the way").unwrap();
    std::fs::remove_dir(home.home()).unwrap();
    std::fs::write(home.home(), b"in the way too").unwrap();
    let mut rehearsal = Rehearsal::new(&home);
    let mut child = rehearsal.spawn();
    // Read stderr until the command says it is waiting, then make room.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    while !said.contains("Every fallback place failed") {
        assert!(stderr.read_line(&mut said).unwrap() > 0, "{said}");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "it exited while holding the recovery file"
    );
    std::fs::remove_file(home.data_dir_for(true)).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let mut run = Run::of(child.wait_with_output().unwrap());
    run.stderr = said + &rest;
    assert_saved_instead(&run, &rehearsal, &home.data_dir_for(true));
}

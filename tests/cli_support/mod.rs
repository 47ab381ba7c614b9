//! Running the real `entity-secret-wizard` binary as a person or a script
//! would: in a home folder of its own (so a developer's data is never
//! touched), with or without the keychain, and comparing what it prints
//! with snapshots in `tests/cli_snapshots/` after run-specific values
//! (paths, ports, ids, times, fingerprints) are replaced by placeholders.
//!
//! `ESW_UPDATE_SNAPSHOTS=1 cargo test --test cli_snapshots` rewrites them.

// Test code: a panic is how a test fails, and the cleanup guard says on
// stderr what it could not delete.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr
)]

pub mod registered;
pub mod sim;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};

use regex::Regex;

/// The binary under test: the one cargo built with these tests, or
/// another build of it named in `ESW_CLI_TEST_BIN` (a release build, or a
/// copy kept safe from a target folder that other checkouts share).
pub fn bin() -> PathBuf {
    std::env::var_os("ESW_CLI_TEST_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_entity-secret-wizard")),
        PathBuf::from,
    )
}

/// A session bus address where nothing listens: the keychain is absent,
/// the same on every machine, whatever session the tests run in.
const NO_BUS: &str = "unix:path=/nonexistent/esw-cli-tests-no-bus";

/// Whether a command may reach the keychain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bus {
    /// No keychain at all.
    None,
    /// The session's Secret Service (tests/run.sh's throwaway keyring).
    Session,
}

/// Tests that use the session's keychain take this lock: the product's
/// service names are shared, and `status` lists every entry under them.
pub fn keychain_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A home folder of the binary's own.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        Self { dir }
    }

    /// The temporary folder everything is in.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    pub fn xdg_data(&self) -> PathBuf {
        self.root().join("data")
    }

    /// The product's data folder (records, log, journal).
    pub fn data_dir(&self) -> PathBuf {
        self.xdg_data().join("entity-secret-wizard")
    }

    /// The data folder of rehearsals or of real ceremonies.
    pub fn data_dir_for(&self, rehearsal: bool) -> PathBuf {
        if rehearsal {
            self.data_dir().join("rehearsal")
        } else {
            self.data_dir()
        }
    }

    /// The binary with this home, no inherited settings, and `bus`.
    pub fn command(&self, bus: Bus, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin());
        cmd.args(args);
        self.settle(cmd, bus)
    }

    /// The binary run by another program (`tool TOOL-ARGS... BINARY ARGS...`),
    /// with the same settings.
    pub fn command_under(
        &self,
        tool: &str,
        tool_args: &[&std::ffi::OsStr],
        bus: Bus,
        args: &[&str],
    ) -> Command {
        let mut cmd = Command::new(tool);
        cmd.args(tool_args).arg(bin()).args(args);
        self.settle(cmd, bus)
    }

    fn settle(&self, mut cmd: Command, bus: Bus) -> Command {
        cmd.env("HOME", self.home())
            .env("XDG_DATA_HOME", self.xdg_data())
            .env("USER", "tester")
            .env_remove("ESW_CIRCLE_URL")
            .env_remove("ESW_EXTRA_CA")
            .env_remove("CIRCLE_API_KEY")
            .env_remove("COLUMNS")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null());
        if bus == Bus::None {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
        }
        cmd
    }

    /// Run the binary to its end.
    pub fn run(&self, bus: Bus, args: &[&str]) -> Run {
        Run::of(self.command(bus, args).output().unwrap())
    }

    /// Run it with extra environment variables.
    pub fn run_with(&self, bus: Bus, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(bus, args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::of(cmd.output().unwrap())
    }
}

/// How a run ended and what it printed.
#[derive(Debug, Clone)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
    pub raw_stderr: Vec<u8>,
}

impl Run {
    pub fn of(out: Output) -> Self {
        Self {
            // A signal is no exit status: -1 never matches a table entry.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            raw_stdout: out.stdout,
            raw_stderr: out.stderr,
        }
    }

    /// Assert the exit status, showing both streams when it is not.
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// stdout, then stderr under a marker: what a snapshot holds.
    pub fn both(&self) -> String {
        format!(
            "exit status: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Replaces what differs between runs with placeholders.
pub struct Normalizer {
    literal: Vec<(String, String)>,
}

impl Normalizer {
    /// The paths of `home` and of the fixtures are always replaced.
    pub fn new(home: &Home) -> Self {
        let mut n = Self {
            literal: Vec::new(),
        };
        n.literal(&home.root().display().to_string(), "[TMP]");
        n.literal(&fixture_dir().display().to_string(), "[FIXTURES]");
        n
    }

    /// Replace `value` with `[name]`, before the general patterns.
    pub fn literal(&mut self, value: &str, placeholder: &str) -> &mut Self {
        if !value.is_empty() {
            self.literal
                .push((value.to_owned(), placeholder.to_owned()));
        }
        self
    }

    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (value, placeholder) in &self.literal {
            out = out.replace(value, placeholder);
        }
        for (pattern, placeholder) in patterns() {
            out = pattern.replace_all(&out, *placeholder).into_owned();
        }
        out
    }
}

fn patterns() -> &'static [(Regex, &'static str)] {
    static PATTERNS: std::sync::OnceLock<Vec<(Regex, &'static str)>> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
            (
                r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "[UUID]",
            ),
            (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "[TIME]"),
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC", "[TIME]"),
            (r"\d{8}-\d{6}", "[STAMP]"),
            (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
            (r"([0-9A-F]{2}:){31}[0-9A-F]{2}", "[KEY-FINGERPRINT]"),
            (r"\b[0-9a-f]{64}\b", "[SHA-256]"),
            (r"\b[0-9a-f]{16}\b", "[SECRET-FINGERPRINT]"),
            (r"rehearsal[0-9a-f]{8}", "rehearsal[PRACTICE]"),
            (r"[A-Za-z0-9+/]{683}=", "[CIPHERTEXT]"),
            (r"version \d+\.\d+\.\d+", "version [VERSION]"),
            (
                r#""app_version": "\d+\.\d+\.\d+""#,
                r#""app_version": "[VERSION]""#,
            ),
        ]
        .into_iter()
        .map(|(p, r)| (Regex::new(p).unwrap(), r))
        .collect()
    })
}

/// Compare `actual` with `tests/cli_snapshots/<name>.txt`, or rewrite it
/// when `ESW_UPDATE_SNAPSHOTS=1`.
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("cli_snapshots")
        .join(format!("{name}.txt"));
    if std::env::var("ESW_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no snapshot {} ({e}); run with ESW_UPDATE_SNAPSHOTS=1 to write it. Output:\n{actual}",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output, first at line {}. Rewrite with ESW_UPDATE_SNAPSHOTS=1 if the change is meant.\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display(),
            first + 1
        );
    }
}

/// The string `field` of every object in a JSON array, in order.
pub fn field_of_each<'a>(array: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap())
        .collect()
}

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// The test fixtures' RSA-4096 public key, in Circle's documented shape.
pub fn fixture_public_key() -> PathBuf {
    fixture_dir().join("rsa4096.spki.pem")
}

/// Its fingerprint, as the product computes it.
pub fn fixture_fingerprint() -> String {
    entity_secret_wizard::secret::CirclePublicKey::from_pem(
        &std::fs::read_to_string(fixture_public_key()).unwrap(),
    )
    .unwrap()
    .fingerprint()
}

/// Run an external tool the tests need; a missing one fails with how to
/// install it, never a skip.
pub fn tool(name: &str, args: &[&std::ffi::OsStr]) -> Output {
    match Command::new(name).args(args).stdin(Stdio::null()).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{name}` is not installed, and these tests need it (they are never skipped). \
             Run scripts/install-deps.sh (or `apt-get install {name}`)."
        ),
        Err(e) => panic!("could not run `{name}`: {e}"),
    }
}

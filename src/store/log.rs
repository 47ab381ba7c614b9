//! The ceremony log: an append-only record of what was done, by whom and
//! when, one JSON object per line (`ceremony-log.jsonl`). A witness or an
//! auditor reads it; it holds fingerprints, never secrets.

use std::fs::OpenOptions;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::json_file::{self, RecordsError};

/// The log file's name in the data folder.
pub const LOG_FILE: &str = "ceremony-log.jsonl";

/// Which ceremony an entry (or a journal record) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeremonyKind {
    /// First registration of an entity secret.
    Onboarding,
    /// Replacing the current secret with a new one.
    Rotation,
    /// Replacing a lost or compromised secret using the recovery file.
    Reset,
    /// A fresh ciphertext of the stored secret.
    Ciphertext,
    /// Keychain housekeeping (deleting or importing an entry).
    Keychain,
    /// Importing Circle's public key from a file.
    PublicKeyImport,
    /// First registration done in Circle Console on another machine, from a
    /// workstation with no route to Circle.
    ConsoleRegistration,
    /// A call that needs the entity secret, asking Circle whether a secret
    /// is the registered one (it creates an empty wallet set).
    Check,
    /// The secret encrypted with age to the servers' public keys.
    Handoff,
}

impl CeremonyKind {
    /// The ceremony's name for a person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Onboarding => "Registration",
            Self::Rotation => "Rotation",
            Self::Reset => "Reset",
            Self::Ciphertext => "Ciphertext",
            Self::Keychain => "Keychain housekeeping",
            Self::PublicKeyImport => "Public key import",
            Self::ConsoleRegistration => "Registration through Console",
            Self::Check => "Check with Circle",
            Self::Handoff => "Handoff to servers",
        }
    }
}

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The step began.
    Started,
    /// The step did what it should.
    Succeeded,
    /// The step failed (see `detail`).
    Failed,
    /// The person stopped or went back.
    Cancelled,
}

/// One line of the ceremony log. Nothing here may be secret: `detail` in
/// particular takes error text and choices, never key material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When.
    pub time: DateTime<Utc>,
    /// The operating-system user (from `USER`, or `USERNAME` on Windows).
    pub os_user: Option<String>,
    /// This app's version.
    pub app_version: String,
    /// Whether this was a rehearsal.
    pub rehearsal: bool,
    /// Which ceremony.
    pub ceremony: CeremonyKind,
    /// The step, as a short stable identifier (e.g. `store_secret`).
    pub step: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Fingerprint of the secret involved, if any.
    pub secret_fingerprint: Option<String>,
    /// Fingerprint of Circle's public key, if any.
    pub public_key_fingerprint: Option<String>,
    /// The Circle request id, if a call was made.
    pub request_id: Option<String>,
    /// More, for a person (an error message, the environment and app id, …).
    pub detail: Option<String>,
    /// The ceremony this step belongs to (its journal id), so the lines of
    /// one ceremony can be read together. Absent in logs of format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceremony_id: Option<uuid::Uuid>,
}

impl LogEntry {
    /// An entry with the user and app version filled in and no optional
    /// fields; add them with the `with_*` methods.
    pub fn new(
        time: DateTime<Utc>,
        rehearsal: bool,
        ceremony: CeremonyKind,
        step: impl Into<String>,
        outcome: Outcome,
    ) -> Self {
        Self {
            time,
            os_user: os_user(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            rehearsal,
            ceremony,
            step: step.into(),
            outcome,
            secret_fingerprint: None,
            public_key_fingerprint: None,
            request_id: None,
            detail: None,
            ceremony_id: None,
        }
    }

    /// With the fingerprint of the secret involved.
    pub fn with_secret_fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.secret_fingerprint = Some(fingerprint.into());
        self
    }

    /// With the fingerprint of Circle's public key.
    pub fn with_public_key_fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.public_key_fingerprint = Some(fingerprint.into());
        self
    }

    /// With the Circle request id.
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// With a detail for a person (never secret material).
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// The operating-system user name: from the environment (`USER`, then
/// `USERNAME` on Windows, then `LOGNAME`), and where none is set (a service,
/// `env -i`), from the account database for this process's user id on
/// unix. `None` only when neither knows.
pub fn os_user() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .or_else(account_name_from_os)
}

/// The login name of this process's user in `/etc/passwd`.
#[cfg(target_os = "linux")]
fn account_name_from_os() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's user: its uid without libc.
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd_name(&passwd, uid)
}

/// Other systems: the environment is all there is without unsafe code.
#[cfg(not(target_os = "linux"))]
fn account_name_from_os() -> Option<String> {
    None
}

/// The name of `uid` in a passwd file's text.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let _password = fields.next()?;
        let id: u32 = fields.next()?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

/// A log line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedLine {
    /// 1-based line number.
    pub line: usize,
    /// Why it did not parse.
    pub error: String,
}

/// The log as read: the entries that parsed, and the lines that did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogContents {
    /// Entries in file order.
    pub entries: Vec<LogEntry>,
    /// Lines that did not parse (a crash mid-write, an edit by hand).
    pub damaged: Vec<DamagedLine>,
}

/// The ceremony log in a data folder.
#[derive(Debug, Clone)]
pub struct CeremonyLog {
    path: PathBuf,
}

impl CeremonyLog {
    /// The log in `dir` (created, owner-only, if missing).
    pub fn open(dir: PathBuf) -> Result<Self, RecordsError> {
        json_file::ensure_dir(&dir)?;
        Ok(Self {
            path: dir.join(LOG_FILE),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one entry and fsync.
    pub fn append(&self, entry: &LogEntry) -> Result<(), RecordsError> {
        // The file lock makes "start on a fresh line" and the append one
        // step, between threads and between processes.
        let _held = json_file::lock(&self.path)?;
        let mut line = serde_json::to_vec(entry).map_err(|e| RecordsError::Io {
            path: self.path.clone(),
            detail: e.to_string(),
        })?;
        line.push(b'\n');
        self.append_line(line)
            .map_err(|e| RecordsError::io(&self.path, &e))
    }

    fn append_line(&self, mut line: Vec<u8>) -> io::Result<()> {
        let mut options = OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&self.path)?;
        // A crash in the middle of an earlier append can leave a line
        // without its newline; start on a fresh line so this entry is not
        // glued to the damaged one.
        if file.seek(SeekFrom::End(0))? > 0 {
            file.seek(SeekFrom::End(-1))?;
            let mut last = [0u8; 1];
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                line.insert(0, b'\n');
            }
        }
        // One write of the whole line: with O_APPEND, concurrent appenders
        // (the CLI beside the GUI) do not interleave within a line.
        file.write_all(&line)?;
        file.sync_all()
    }

    /// Every entry, with any damaged lines reported beside them rather than
    /// failing the whole read. No file yet is an empty log.
    pub fn read_all(&self) -> Result<LogContents, RecordsError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LogContents::default()),
            Err(e) => return Err(RecordsError::io(&self.path, &e)),
        };
        let mut out = LogContents::default();
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<LogEntry>(line) {
                Ok(entry) => out.entries.push(entry),
                Err(e) => out.damaged.push(DamagedLine {
                    line: i + 1,
                    error: e.to_string(),
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn entry_fields_and_shape() {
        let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 30, 0).unwrap();
        let e = LogEntry::new(
            t,
            true,
            CeremonyKind::Onboarding,
            "register",
            Outcome::Succeeded,
        )
        .with_secret_fingerprint("0011223344556677")
        .with_request_id("req-1");
        assert_eq!(e.app_version, env!("CARGO_PKG_VERSION"));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""ceremony":"onboarding""#), "{json}");
        assert!(json.contains(r#""outcome":"succeeded""#), "{json}");
        assert!(!json.contains('\n'));
    }

    #[test]
    fn the_user_name_comes_from_the_passwd_file_when_the_environment_has_none() {
        let passwd =
            "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/sh\n";
        assert_eq!(passwd_name(passwd, 1000).as_deref(), Some("alice"));
        assert_eq!(passwd_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(passwd_name(passwd, 4242), None);
        assert_eq!(passwd_name("garbage\n::x\n", 0), None);
    }
}

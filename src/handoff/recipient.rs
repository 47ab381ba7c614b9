//! A recipient of a handoff file: a public key age encrypts to, with a
//! fingerprint a person can compare and an optional name for the record.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use sha2::{Digest, Sha256};

use crate::store::HandoffRecipient;
use crate::untrusted::neutralize;

/// The longest name kept for a recipient, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// How many characters of the fingerprint's hash the short form keeps.
const SHORT_FINGERPRINT_CHARS: usize = 12;

/// The kinds of public key a handoff file can be encrypted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecipientKind {
    /// An age X25519 public key (`age1…`), as `age-keygen` makes.
    X25519,
    /// An OpenSSH Ed25519 public key (`ssh-ed25519 AAAA…`).
    SshEd25519,
    /// An OpenSSH RSA public key (`ssh-rsa AAAA…`), 2048 to 4096 bits.
    SshRsa,
}

impl RecipientKind {
    /// The stable name kept in records: `x25519`, `ssh-ed25519`, `ssh-rsa`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::X25519 => "x25519",
            Self::SshEd25519 => "ssh-ed25519",
            Self::SshRsa => "ssh-rsa",
        }
    }

    /// Whether the private half is an SSH private key (rather than an age
    /// identity file).
    pub fn is_ssh(self) -> bool {
        !matches!(self, Self::X25519)
    }
}

/// The age library's recipient behind a [`Recipient`].
#[derive(Clone)]
enum AgeKey {
    X25519(age::x25519::Recipient),
    Ssh(age::ssh::Recipient),
}

/// A public key a handoff file is encrypted to. Holds nothing secret: it is
/// built only from a parsed public key, and its text is that key written
/// out again, never what a person pasted.
#[derive(Clone)]
pub struct Recipient {
    kind: RecipientKind,
    key: AgeKey,
    public_key: String,
    fingerprint: String,
    name: Option<String>,
}

impl Recipient {
    /// An age X25519 recipient.
    pub(super) fn x25519(key: age::x25519::Recipient) -> Self {
        let public_key = key.to_string();
        // age has no fingerprint convention of its own: the SHA-256 of the
        // key's text, written the way OpenSSH writes its fingerprints.
        let fingerprint = fingerprint_of(public_key.as_bytes());
        Self {
            kind: RecipientKind::X25519,
            key: AgeKey::X25519(key),
            public_key,
            fingerprint,
            name: None,
        }
    }

    /// An SSH recipient (ed25519 or RSA).
    pub(super) fn ssh(key: age::ssh::Recipient) -> Self {
        let (kind, blob) = match &key {
            age::ssh::Recipient::SshEd25519(blob, _) => (RecipientKind::SshEd25519, blob),
            age::ssh::Recipient::SshRsa(blob, _) => (RecipientKind::SshRsa, blob),
        };
        // The SHA-256 of the key blob: exactly what `ssh-keygen -l` prints.
        let fingerprint = fingerprint_of(blob);
        Self {
            kind,
            public_key: key.to_string(),
            key: AgeKey::Ssh(key),
            fingerprint,
            name: None,
        }
    }

    /// With `name` for the record (control and invisible characters made
    /// visible, cut to [`MAX_NAME_CHARS`]); blank means none.
    pub fn with_name(mut self, name: Option<&str>) -> Self {
        self.name = name.and_then(clean_name);
        self
    }

    /// The kind of key.
    pub fn kind(&self) -> RecipientKind {
        self.kind
    }

    /// The public key as age and OpenSSH write it (without a comment).
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// `SHA256:` and the unpadded base64 of the key's SHA-256; for an SSH
    /// key the same as `ssh-keygen -l -f KEY.pub` shows.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The start of [`Self::fingerprint`], for a tight list on screen.
    pub fn short_fingerprint(&self) -> &str {
        let end = "SHA256:".len() + SHORT_FINGERPRINT_CHARS;
        self.fingerprint.get(..end).unwrap_or(&self.fingerprint)
    }

    /// The name for the record, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// What the records keep of it.
    pub fn to_record(&self) -> HandoffRecipient {
        HandoffRecipient {
            kind: self.kind.slug().to_owned(),
            fingerprint: self.fingerprint.clone(),
            name: self.name.clone(),
            public_key: self.public_key.clone(),
        }
    }

    /// A recipient of an earlier handoff, from its record, to hand a later
    /// secret to the same servers; `None` if the record's key no longer
    /// parses (a hand-edited file).
    pub fn from_record(record: &HandoffRecipient) -> Option<Self> {
        let mut parsed = super::parse_recipients(&record.public_key).ok()?;
        match (parsed.pop(), parsed.is_empty()) {
            (Some(one), true) => Some(one.with_name(record.name.as_deref())),
            _ => None,
        }
    }

    /// The age library's recipient, to encrypt with.
    pub(super) fn as_age(&self) -> &dyn age::Recipient {
        match &self.key {
            AgeKey::X25519(key) => key,
            AgeKey::Ssh(key) => key,
        }
    }
}

impl PartialEq for Recipient {
    fn eq(&self, other: &Self) -> bool {
        self.public_key == other.public_key && self.name == other.name
    }
}

impl Eq for Recipient {}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recipient")
            .field("kind", &self.kind)
            .field("fingerprint", &self.fingerprint)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// `SHA256:` and the unpadded base64 of the SHA-256 of `bytes`.
fn fingerprint_of(bytes: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(bytes)))
}

/// A name as records keep it: one line, nothing that could hide or
/// rewrite text, at most [`MAX_NAME_CHARS`] characters.
fn clean_name(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name.strip_prefix('#').unwrap_or(name).trim();
    if name.is_empty() {
        return None;
    }
    let shown = neutralize(name);
    Some(shown.chars().take(MAX_NAME_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_safe_line_of_bounded_length() {
        assert_eq!(clean_name("  deploy@web1 "), Some("deploy@web1".to_owned()));
        assert_eq!(clean_name("# alice"), Some("alice".to_owned()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name("#"), None);
        assert_eq!(
            clean_name("evil\u{202E}txt.exe\nnext"),
            Some("evil\\u{202E}txt.exe\\u{000A}next".to_owned())
        );
        assert_eq!(
            clean_name(&"é".repeat(200)).map(|n| n.chars().count()),
            Some(MAX_NAME_CHARS)
        );
    }

    #[test]
    fn a_fingerprint_is_written_as_openssh_writes_it() {
        // `ssh-keygen -l` of a key whose blob is these bytes would print
        // the same: SHA256 and unpadded base64.
        let f = fingerprint_of(b"abc");
        assert_eq!(f, "SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0");
    }
}

//! Why recipients were refused: the whole text (a private key in it, too
//! long, none at all), or each line that is not a recipient, by number and
//! reason. No error here ever holds any of the text it was given.

use crate::error::Explain;
use crate::text::handoff as text;

/// Why a text of recipients was refused. Nothing of it was kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipientsError {
    /// A private key or identity file: the one thing that must never be
    /// given here. The whole text is refused.
    #[error("{}", text::private_key_refused(*.line, *.kind))]
    PrivateKey {
        /// The line it starts on (1-based).
        line: usize,
        /// What it is.
        kind: PrivateKeyKind,
    },
    /// Some lines are neither a recipient, a comment nor blank.
    #[error("{}", text::bad_lines(.problems, *.total))]
    BadLines {
        /// The first of them, in line order.
        problems: Vec<LineProblem>,
        /// How many there are in all.
        total: usize,
    },
    /// Only comments and blank lines.
    #[error("{}", text::NO_RECIPIENTS)]
    NoRecipients,
    /// More text than any list of recipients needs.
    #[error("{}", text::recipients_too_long())]
    TooLong,
    /// More recipients than a handoff file is for.
    #[error("{}", text::too_many_recipients(*.count))]
    TooMany {
        /// How many were given.
        count: usize,
    },
}

impl RecipientsError {
    /// The lines refused, when that is the reason.
    pub fn problems(&self) -> &[LineProblem] {
        match self {
            Self::BadLines { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl Explain for RecipientsError {
    fn next_step(&self) -> String {
        match self {
            Self::PrivateKey { kind, .. } => text::private_key_next(*kind),
            Self::BadLines { .. } => text::BAD_LINES_NEXT.to_owned(),
            Self::NoRecipients => text::NO_RECIPIENTS_NEXT.to_owned(),
            Self::TooLong | Self::TooMany { .. } => text::TOO_MANY_NEXT.to_owned(),
        }
    }
}

/// The kinds of private key recognised (and refused) in a recipients text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateKeyKind {
    /// An age identity (`AGE-SECRET-KEY-1…`), as in the file `age-keygen`
    /// writes.
    AgeIdentity,
    /// An age plugin identity (`AGE-PLUGIN-…`), e.g. a YubiKey's.
    AgePluginIdentity,
    /// An OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`, or its
    /// body alone).
    OpenSsh,
    /// Any other PEM private key (`-----BEGIN … PRIVATE KEY-----`).
    Pem,
    /// A PuTTY private key file (`PuTTY-User-Key-File-…`).
    Putty,
}

/// One refused line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineProblem {
    /// Its number (1-based).
    pub line: usize,
    /// Why.
    pub problem: Problem,
}

/// Why a line is not a recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not a key of any kind known here.
    NotARecipient,
    /// Starts like an age public key (`age1…`) and is not a valid one.
    AgeMalformed,
    /// An age recipient of a kind other than X25519 (a plugin's, or a
    /// post-quantum or tag recipient), which age here cannot encrypt to.
    AgeUnsupported,
    /// Starts like an SSH public key and its key data is damaged.
    SshMalformed,
    /// An SSH public key of a type age cannot encrypt to.
    SshUnsupported(OtherSshKey),
    /// An `ssh-rsa` key under 2048 bits.
    RsaTooSmall,
    /// An `ssh-rsa` key over 4096 bits (age's limit).
    RsaTooLarge,
    /// An `authorized_keys` line marked `cert-authority`: a key that signs
    /// other keys, not one a person or server decrypts with.
    CertificateAuthority,
    /// The same key as an earlier line.
    Duplicate {
        /// The earlier line.
        first_line: usize,
    },
    /// An SSH public key in the RFC 4716 (`---- BEGIN SSH2 PUBLIC KEY ----`)
    /// format.
    Ssh2Format,
    /// An age-encrypted file, not a key.
    EncryptedFile,
}

/// SSH key types age does not encrypt to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherSshKey {
    /// `ecdsa-sha2-…`.
    Ecdsa,
    /// `ssh-dss`.
    Dsa,
    /// A security-key (FIDO) key: `sk-ssh-ed25519@openssh.com`, `sk-ecdsa-…`.
    SecurityKey,
    /// An OpenSSH certificate (`…-cert-v01@openssh.com`).
    Certificate,
    /// Any other `ssh-…` type.
    Other,
}

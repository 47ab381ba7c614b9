//! The handoff to servers: refused recipients, failures, what to do with
//! the file once it is written, and what each recorded file carries now.

use std::fmt::Write as _;
use std::path::Path;

use crate::handoff::{
    Carries, LineProblem, MAX_RECIPIENTS, MAX_TEXT_BYTES, OtherSshKey, PendingRefusal,
    PrivateKeyKind, Problem, RecipientKind,
};
use crate::store::{CarriedSecret, HandoffRecord, RecoveryWriteError};

mod window;
pub use window::*;

/// How many refused lines an error lists before "and N more".
const LINES_LISTED: usize = 10;

/// The environment variable the examples put the secret in.
pub const ENV_VAR: &str = "CIRCLE_ENTITY_SECRET";
/// The one the examples use for a rotation's new secret, beside the old.
pub const ENV_VAR_NEXT: &str = "CIRCLE_ENTITY_SECRET_NEXT";

// ----- the action and the ceremony's offer -----

/// The action, on a registration, on Done and inside rotation and reset.
pub const ACTION: &str = "Hand to servers…";
/// What the action does, in one sentence.
pub const ACTION_HELP: &str = "Encrypt the entity secret with age to the public keys of the people or servers that deploy it, and save the file. The secret itself is never shown.";
/// Offered before a rotation or reset reaches Console.
pub const PREPARE_SERVERS_FIRST: &str = "Prepare the servers' copy first: Circle switches to the new secret the moment Console accepts it, and every API request made with the old one fails from then on. Hand the new secret to the servers now, so they can switch at once.";
/// What a recipients field takes.
pub const RECIPIENTS_HELP: &str = "One public key a line: an age key (age1…) or an SSH key (ssh-ed25519 or ssh-rsa), optionally followed by a name for the record. Lines starting with # are comments. Never a private key.";

// ----- the command line -----

/// `handoff`.
pub const ABOUT_HANDOFF: &str = "Encrypt a registered entity secret with age to the public keys of the people or servers that deploy it, and write it to a new file (the secret itself is never printed)";
/// `handoff --to`.
pub const HELP_TO: &str = "A recipient: an age public key (age1…) or an SSH public key (\"ssh-ed25519 AAAA… [comment]\" or ssh-rsa, quoted); repeat for each. Read as lines 1, 2, … in the order given";
/// `handoff --recipients-file`.
pub const HELP_RECIPIENTS_FILE: &str = "Read the recipients from this file, one a line: an age recipients file, an authorized_keys file or a .pub file (# comments allowed)";
/// `handoff --armor`.
pub const HELP_ARMOR: &str =
    "Write ASCII armor (-----BEGIN AGE ENCRYPTED FILE-----), to paste into a ticket or a chat";
/// `handoff --out`.
pub const HELP_OUT: &str = "Where to write the file (a new file, never over an existing one); a folder gets entity-secret-<env>-<app id>-<fingerprint>.age";
/// After `handoff --help`.
pub const AFTER_HANDOFF: &str = "The file holds the secret's 64 hex characters with no newline, exactly as Circle's SDKs take it; `age -d -i KEY FILE` opens it where a recipient's private key is. A private key given as a recipient is refused, and nothing is written until every recipient is valid. The ceremony log and the registration's record keep the recipients' fingerprints and names and the file's SHA-256 and place.";

// ----- refused recipients -----

/// A private key in the recipients.
pub fn private_key_refused(line: usize, kind: PrivateKeyKind) -> String {
    format!(
        "Line {line} is a private key ({}), not a public key. Nothing of what was given was kept.",
        private_key_name(kind)
    )
}

fn private_key_name(kind: PrivateKeyKind) -> &'static str {
    match kind {
        PrivateKeyKind::AgeIdentity => "an age identity, AGE-SECRET-KEY-1…",
        PrivateKeyKind::AgePluginIdentity => "an age plugin identity, AGE-PLUGIN-…",
        PrivateKeyKind::OpenSsh => "an OpenSSH private key",
        PrivateKeyKind::Pem => "a PEM private key",
        PrivateKeyKind::Putty => "a PuTTY private key file",
    }
}

/// What to do about a private key given as a recipient.
pub fn private_key_next(kind: PrivateKeyKind) -> String {
    let public = match kind {
        PrivateKeyKind::AgeIdentity | PrivateKeyKind::AgePluginIdentity => {
            "For an age identity, `age-keygen -y KEY.txt` prints its public key (age1…)."
        }
        PrivateKeyKind::OpenSsh | PrivateKeyKind::Pem | PrivateKeyKind::Putty => {
            "For an SSH key, give the .pub file beside it; `ssh-keygen -y -f KEY` prints it."
        }
    };
    format!(
        "Give the recipient's public key instead. {public} A private key belongs only on the server that decrypts: if this one was copied through a clipboard, a chat or a shell command, treat it as seen and replace it."
    )
}

/// Lines that are not recipients.
pub fn bad_lines(problems: &[LineProblem], total: usize) -> String {
    let mut out = if total == 1 {
        "One line is not a recipient:".to_owned()
    } else {
        format!("{total} lines are not recipients:")
    };
    for p in problems.iter().take(LINES_LISTED) {
        let _ = write!(out, " line {}: {};", p.line, problem(p.problem));
    }
    let listed = problems.len().min(LINES_LISTED);
    if total > listed {
        let _ = write!(out, " and {} more.", total - listed);
    } else if out.ends_with(';') {
        out.pop();
        out.push('.');
    }
    out
}

/// Why one line is not a recipient.
pub fn problem(problem: Problem) -> String {
    match problem {
        Problem::NotARecipient => "not a public key (an age key starts with age1, an SSH key with ssh-ed25519 or ssh-rsa)".to_owned(),
        Problem::AgeMalformed => "starts like an age public key but is not a valid one; copy it again, whole".to_owned(),
        Problem::AgeUnsupported => "an age plugin, post-quantum or tag recipient, which this app cannot encrypt to; use an X25519 key from age-keygen".to_owned(),
        Problem::SshMalformed => "starts like an SSH public key but its key data is damaged or incomplete; copy it again from the .pub file".to_owned(),
        Problem::SshUnsupported(other) => format!(
            "{}; age encrypts only to ssh-ed25519 and ssh-rsa keys",
            other_ssh_key(other)
        ),
        Problem::RsaTooSmall => "an ssh-rsa key under 2048 bits, too weak to protect the secret".to_owned(),
        Problem::RsaTooLarge => "an ssh-rsa key over 4096 bits, which age cannot encrypt to; use an ssh-ed25519 key".to_owned(),
        Problem::CertificateAuthority => "a certificate authority key (cert-authority): it signs other keys and decrypts nothing".to_owned(),
        Problem::Duplicate { first_line } => format!("the same key as line {first_line}"),
        Problem::Ssh2Format => "an SSH key in the RFC 4716 format; `ssh-keygen -i -f KEY` converts it to the one-line form".to_owned(),
        Problem::EncryptedFile => "an age-encrypted file, not a key".to_owned(),
    }
}

fn other_ssh_key(other: OtherSshKey) -> &'static str {
    match other {
        OtherSshKey::Ecdsa => "an ECDSA key",
        OtherSshKey::Dsa => "a DSA key",
        OtherSshKey::SecurityKey => "a security-key (FIDO) key",
        OtherSshKey::Certificate => "an OpenSSH certificate",
        OtherSshKey::Other => "an SSH key of another type",
    }
}

/// What to do about lines that are not recipients.
pub const BAD_LINES_NEXT: &str = "Nothing was written. Correct or remove those lines: each line is one age public key (age1…) or one SSH public key (ssh-ed25519 or ssh-rsa) with an optional name; lines starting with # are comments.";

/// Only comments and blank lines.
pub const NO_RECIPIENTS: &str = "No recipient was given: the file would open for no one.";
/// What to do then.
pub const NO_RECIPIENTS_NEXT: &str = "Give at least one public key of a person or server that deploys the secret: an age key (age1…) from `age-keygen`, or an SSH key (ssh-ed25519 or ssh-rsa) from its .pub file.";

/// More text than recipients need.
pub fn recipients_too_long() -> String {
    format!(
        "The recipients are longer than {} KiB: that is not a list of public keys.",
        MAX_TEXT_BYTES / 1024
    )
}

/// Too many recipients.
pub fn too_many_recipients(count: usize) -> String {
    format!(
        "{count} recipients were given; a handoff file is for at most {MAX_RECIPIENTS}: everyone on the list can open it."
    )
}
/// What to do then.
pub const TOO_MANY_NEXT: &str = "Give only the keys of the people or servers that deploy this secret; each of them can read it.";

// ----- other failures -----

/// A recipients file could not be read.
pub fn recipients_file(path: &str, detail: &str) -> String {
    format!("The recipients file {path} could not be read: {detail}.")
}
/// What to do then.
pub const RECIPIENTS_FILE_NEXT: &str =
    "Check the file's name and that you may read it, or paste the public keys instead.";

/// A recipients file that is not text.
pub fn recipients_file_not_text(path: &str) -> String {
    format!("{path} is not a text file of public keys.")
}
/// What to do then.
pub const RECIPIENTS_FILE_NOT_TEXT_NEXT: &str = "Choose the recipients file (age1… or ssh-… lines), the .pub file of an SSH key, or an authorized_keys file.";

/// A pending secret that is not handed over.
pub fn pending_not_handed(refusal: PendingRefusal) -> String {
    match refusal {
        PendingRefusal::NotStored => {
            "This ceremony stopped before its new secret was stored in the keychain.".to_owned()
        }
        PendingRefusal::Refused => {
            "This ceremony's new secret was refused and will never be registered.".to_owned()
        }
    }
}
/// What to do then.
pub fn pending_not_handed_next(refusal: PendingRefusal) -> &'static str {
    match refusal {
        PendingRefusal::NotStored => {
            "Carry on with the ceremony from the start screen; its secret can be handed over once it is stored."
        }
        PendingRefusal::Refused => {
            "Discard it from the start screen. The servers keep using the registered secret, which can be handed over from its registration."
        }
    }
}

/// age could not encrypt.
pub fn encrypt_failed(detail: &str) -> String {
    format!("The secret could not be encrypted to these recipients: {detail}.")
}
/// What to do then.
pub const ENCRYPT_FAILED_NEXT: &str = "Nothing was written. Try again; if it fails again, hand the secret over with fewer recipients to find the key that fails.";

/// The handoff file could not be written.
pub fn write_failed(error: &RecoveryWriteError) -> String {
    match error {
        RecoveryWriteError::ReadBackMismatch { path } => format!(
            "The handoff file written to {} did not read back the same, and was removed.",
            path.display()
        ),
        other => format!("The handoff file was not written. {other}"),
    }
}
/// What to do then, after the writer's own hint.
pub const WRITE_FAILED_NEXT: &str =
    "The secret is still only in the keychain; choose another place or name and try again.";

// ----- after saving -----

/// The file was written and checked.
pub fn saved(path: &Path) -> String {
    format!("Handoff file written and read back: {}", path.display())
}

/// Which secret the file carries, as it is written.
pub fn carried(record: &HandoffRecord) -> String {
    match record.carried {
        CarriedSecret::Active => format!(
            "It carries the registered entity secret (fingerprint {}).",
            record.secret_fingerprint
        ),
        CarriedSecret::Pending { ceremony, .. } => format!(
            "It carries the NEW entity secret of this {} (fingerprint {}), which Circle uses only once Console accepts it.",
            ceremony.label().to_lowercase(),
            record.secret_fingerprint
        ),
    }
}

/// A recipient, one line.
pub fn recipient_line(kind: &str, fingerprint: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{fingerprint}  {kind}  {name}"),
        None => format!("{fingerprint}  {kind}"),
    }
}

/// Where the private key `-i` names usually is, for the recipients' kinds.
fn identity_placeholder(kinds: &[RecipientKind]) -> &'static str {
    let all = |kind: RecipientKind| !kinds.is_empty() && kinds.iter().all(|k| *k == kind);
    if all(RecipientKind::X25519) {
        "key.txt"
    } else if all(RecipientKind::SshEd25519) {
        "~/.ssh/id_ed25519"
    } else if all(RecipientKind::SshRsa) {
        "~/.ssh/id_rsa"
    } else {
        "KEY"
    }
}

/// `text` quoted for a POSIX shell when it needs to be.
fn shell_quoted(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./~+@:".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The command that opens the file on a machine holding a recipient's
/// private key (`file_name` is where it is there).
pub fn open_command(file_name: &str, kinds: &[RecipientKind]) -> String {
    format!(
        "age -d -i {} {}",
        identity_placeholder(kinds),
        shell_quoted(file_name)
    )
}

/// What `-i` names.
pub fn identity_explained(kinds: &[RecipientKind]) -> &'static str {
    match identity_placeholder(kinds) {
        "key.txt" => "key.txt is the recipient's age identity file, as age-keygen wrote it.",
        "~/.ssh/id_ed25519" | "~/.ssh/id_rsa" => {
            "-i names the recipient's SSH private key (the file beside its .pub)."
        }
        _ => {
            "KEY is one recipient's private key: its age identity file (from age-keygen) or its SSH private key (such as ~/.ssh/id_ed25519)."
        }
    }
}

/// One line that puts the secret into an environment variable.
pub fn env_example(file_name: &str, kinds: &[RecipientKind], pending: bool) -> String {
    format!(
        "export {}=\"$({})\"",
        if pending { ENV_VAR_NEXT } else { ENV_VAR },
        open_command(file_name, kinds)
    )
}

/// How sensitive the file is.
pub const SENSITIVE: &str = "This file is as sensitive as its recipients' private keys: anyone holding one of them can read the entity secret. Move it only to where it is deployed, and delete the copies once the servers have the secret.";

/// What to do with a rotation's or reset's new secret before Console.
pub const PENDING_DEPLOY: &str = "Put it on the servers now beside the current secret, and switch them to it the moment Circle Console accepts the new one: requests made with the old secret fail from then on.";

/// The file's name, as the opening command names it where it was copied.
pub fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The file's SHA-256, one line.
pub fn sha256_line(sha256: &str) -> String {
    format!("SHA-256: {sha256}")
}

/// The recipients' heading after saving.
pub fn recipients_heading(count: usize) -> String {
    format!(
        "{} ({count}):",
        if count == 1 {
            "Recipient"
        } else {
            "Recipients"
        }
    )
}

/// Everything the person reads after saving, one paragraph a line: the
/// command line prints it, the window lays out the same pieces.
pub fn report(record: &HandoffRecord, kinds: &[RecipientKind]) -> String {
    let pending = matches!(record.carried, CarriedSecret::Pending { .. });
    let file_name = file_name_of(&record.path);
    let mut out = String::new();
    let _ = writeln!(out, "{}", saved(&record.path));
    let _ = writeln!(out, "{}", sha256_line(&record.sha256));
    let _ = writeln!(out, "{}", carried(record));
    let _ = writeln!(out, "{}", recipients_heading(record.recipients.len()));
    for r in &record.recipients {
        let _ = writeln!(
            out,
            "  {}",
            recipient_line(&r.kind, &r.fingerprint, r.name.as_deref())
        );
    }
    let _ = writeln!(out, "{OPEN_WITH}");
    let _ = writeln!(out, "  {}", open_command(&file_name, kinds));
    let _ = writeln!(out, "{}", identity_explained(kinds));
    let _ = writeln!(out, "{ENV_WITH}");
    let _ = writeln!(out, "  {}", env_example(&file_name, kinds, pending));
    if pending {
        let _ = writeln!(out, "{PENDING_DEPLOY}");
    }
    let _ = writeln!(out, "{SENSITIVE}");
    out
}

// ----- what a recorded file carries now -----

/// What a handoff file's secret is today, for a person.
pub fn carries(carries: Carries) -> &'static str {
    match carries {
        Carries::Active => "carries the registered secret: the servers need it",
        Carries::Pending => {
            "carries the new secret of a ceremony under way: it works once Console accepts it"
        }
        Carries::Retired => {
            "carries a secret Circle no longer accepts: delete this file and its copies"
        }
        Carries::NeverAccepted => {
            "carries a secret Circle never accepted: delete this file and its copies"
        }
    }
}

/// A recorded handoff file and what it carries, one line.
pub fn file_line(record: &HandoffRecord, now: Carries) -> String {
    format!(
        "{} (secret {}, written {}) {}",
        record.path.display(),
        record.secret_fingerprint,
        record.at.format("%Y-%m-%d %H:%M UTC"),
        carries(now)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_quoted_only_when_a_shell_needs_it() {
        assert_eq!(
            shell_quoted("entity-secret-test-a-1.age"),
            "entity-secret-test-a-1.age"
        );
        assert_eq!(shell_quoted("my file.age"), "'my file.age'");
        assert_eq!(shell_quoted("it's.age"), r"'it'\''s.age'");
        assert_eq!(shell_quoted("$(rm -rf ~)"), "'$(rm -rf ~)'");
    }

    #[test]
    fn the_key_in_the_command_follows_the_recipients_kinds() {
        use RecipientKind as K;
        assert_eq!(
            open_command("f.age", &[K::X25519]),
            "age -d -i key.txt f.age"
        );
        assert_eq!(
            open_command("f.age", &[K::SshEd25519, K::SshEd25519]),
            "age -d -i ~/.ssh/id_ed25519 f.age"
        );
        assert_eq!(
            open_command("f.age", &[K::SshRsa]),
            "age -d -i ~/.ssh/id_rsa f.age"
        );
        assert_eq!(
            open_command("f.age", &[K::X25519, K::SshRsa]),
            "age -d -i KEY f.age"
        );
        assert_eq!(
            env_example("f.age", &[K::X25519], true),
            "export CIRCLE_ENTITY_SECRET_NEXT=\"$(age -d -i key.txt f.age)\""
        );
    }

    #[test]
    fn bad_lines_are_listed_up_to_a_limit() {
        let one = [LineProblem {
            line: 3,
            problem: Problem::RsaTooSmall,
        }];
        assert_eq!(
            bad_lines(&one, 1),
            "One line is not a recipient: line 3: an ssh-rsa key under 2048 bits, too weak to protect the secret."
        );
        let many: Vec<LineProblem> = (1..=12)
            .map(|line| LineProblem {
                line,
                problem: Problem::NotARecipient,
            })
            .collect();
        let said = bad_lines(&many, 40);
        assert!(said.starts_with("40 lines are not recipients:"), "{said}");
        assert!(
            said.contains("line 10:") && !said.contains("line 11:"),
            "{said}"
        );
        assert!(said.ends_with("and 30 more."), "{said}");
    }
}

//! Reading recipients from text a person pasted or a file: one recipient a
//! line, in the shapes deployment tools already keep them (an age
//! recipients file, an `authorized_keys` file, a `.pub` file), comments and
//! blank lines allowed. Every line must be valid, or nothing is accepted.
//!
//! A private key anywhere in the text refuses the whole text before any
//! line is parsed, so its characters never reach a key parser, an error or
//! a copy: the text is only ever borrowed here.

use zeroize::Zeroizing;

use super::problems::{LineProblem, OtherSshKey, PrivateKeyKind, Problem, RecipientsError};
use super::recipient::Recipient;

/// The most text read as recipients: far more than any list needs.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The most recipients one handoff file is encrypted to.
pub const MAX_RECIPIENTS: usize = 100;

/// How many refused lines an error keeps (the count says how many more).
const MAX_PROBLEMS_KEPT: usize = 100;

/// Every recipient in `text`, in order, or why the text was refused.
///
/// Each line is blank, a comment (`# …`), or one recipient:
///
/// - `age1…` (an age X25519 public key), optionally followed by a name;
/// - `ssh-ed25519 AAAA… [comment]` or `ssh-rsa AAAA… [comment]`, optionally
///   preceded by `authorized_keys` options; the comment becomes the name.
///
/// Line endings may be `\n` or `\r\n`; a leading byte-order mark is ignored.
pub fn parse_recipients(text: &str) -> Result<Vec<Recipient>, RecipientsError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(RecipientsError::TooLong);
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some((line, kind)) = find_private_key(text) {
        return Err(RecipientsError::PrivateKey { line, kind });
    }
    let mut found: Vec<(usize, Recipient)> = Vec::new();
    let mut problems = Vec::new();
    let mut total = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let problem = match parse_line(content) {
            Ok(recipient) => match found
                .iter()
                .find(|(_, r)| r.public_key() == recipient.public_key())
            {
                Some((first_line, _)) => Problem::Duplicate {
                    first_line: *first_line,
                },
                None => {
                    found.push((line, recipient));
                    continue;
                }
            },
            Err(problem) => problem,
        };
        total += 1;
        if problems.len() < MAX_PROBLEMS_KEPT {
            problems.push(LineProblem { line, problem });
        }
    }
    if total > 0 {
        return Err(RecipientsError::BadLines { problems, total });
    }
    if found.is_empty() {
        return Err(RecipientsError::NoRecipients);
    }
    if found.len() > MAX_RECIPIENTS {
        return Err(RecipientsError::TooMany { count: found.len() });
    }
    Ok(found.into_iter().map(|(_, r)| r).collect())
}

/// The first line holding private key material, and what it is. Matched
/// in place, without a lowercased copy of the text.
fn find_private_key(text: &str) -> Option<(usize, PrivateKeyKind)> {
    // The base64 of "openssh-key-v1\0": the body of an OpenSSH private key
    // copied without its BEGIN line.
    const OPENSSH_BODY: &str = "b3BlbnNzaC1rZXktdjE";
    text.lines().enumerate().find_map(|(index, line)| {
        let kind = if contains_ignoring_case(line, "AGE-SECRET-KEY-") {
            PrivateKeyKind::AgeIdentity
        } else if contains_ignoring_case(line, "AGE-PLUGIN-") {
            PrivateKeyKind::AgePluginIdentity
        } else if contains_ignoring_case(line, "PRIVATE KEY-----") {
            if contains_ignoring_case(line, "OPENSSH") {
                PrivateKeyKind::OpenSsh
            } else {
                PrivateKeyKind::Pem
            }
        } else if line.contains(OPENSSH_BODY) {
            PrivateKeyKind::OpenSsh
        } else if contains_ignoring_case(line, "PuTTY-User-Key-File-") {
            PrivateKeyKind::Putty
        } else {
            return None;
        };
        Some((index + 1, kind))
    })
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// One non-blank, non-comment line, trimmed.
fn parse_line(line: &str) -> Result<Recipient, Problem> {
    if starts_with_ignoring_case(line, "age1") {
        return parse_age(line);
    }
    if line.starts_with("-----BEGIN AGE ENCRYPTED FILE") || line.starts_with("age-encryption.org/")
    {
        return Err(Problem::EncryptedFile);
    }
    if line.starts_with("---- BEGIN SSH2 PUBLIC KEY") {
        return Err(Problem::Ssh2Format);
    }
    let (first, rest) = split_token(line);
    let (options, key_type, rest) = if ssh_type(first).is_none() && is_options(first) {
        let (key_type, rest) = split_token(rest);
        (Some(first), key_type, rest)
    } else {
        (None, first, rest)
    };
    match ssh_type(key_type) {
        Some(Ok(())) => {
            if options.is_some_and(|o| contains_ignoring_case(o, "cert-authority")) {
                return Err(Problem::CertificateAuthority);
            }
            parse_ssh(key_type, rest)
        }
        Some(Err(other)) => Err(Problem::SshUnsupported(other)),
        None => Err(Problem::NotARecipient),
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `age1… [name]`.
fn parse_age(line: &str) -> Result<Recipient, Problem> {
    let (key, name) = split_token(line);
    // Bech32: the part before the last '1' is the kind (the data part
    // cannot contain a '1'). Only plain "age" is X25519; "age1pq",
    // "age1tag" or "age1<plugin>" are other kinds.
    let kind = key.rfind('1').map_or(key, |at| &key[..at]);
    if !kind.eq_ignore_ascii_case("age") {
        return Err(Problem::AgeUnsupported);
    }
    let parsed: age::x25519::Recipient = key.parse().map_err(|_| Problem::AgeMalformed)?;
    Ok(Recipient::x25519(parsed).with_name(Some(name)))
}

/// `ssh-ed25519 AAAA… [comment]` or `ssh-rsa AAAA… [comment]`.
fn parse_ssh(key_type: &str, rest: &str) -> Result<Recipient, Problem> {
    let (data, comment) = split_token(rest);
    if data.is_empty() {
        return Err(Problem::SshMalformed);
    }
    // age would panic on this one rather than refuse it (see ssh_wire).
    if key_type == "ssh-rsa" && super::ssh_wire::has_zero_bytes_integer(data) {
        return Err(Problem::SshMalformed);
    }
    let line = Zeroizing::new(format!("{key_type} {data}"));
    // And should age's reader panic on some other shape, the line is
    // refused like any damaged key: a paste must never close the window
    // (and with it a ceremony's unsaved recovery file).
    let parsed: age::ssh::Recipient =
        refused_if_it_panics(|| line.parse())?.map_err(|e| match e {
            age::ssh::ParseRecipientKeyError::RsaModulusTooSmall => Problem::RsaTooSmall,
            age::ssh::ParseRecipientKeyError::RsaModulusTooLarge => Problem::RsaTooLarge,
            _ => Problem::SshMalformed,
        })?;
    // age reads as much key data as the type needs and ignores the rest:
    // the key written out again must be the whole of what was given, or
    // the line was damaged (or two keys ran together).
    let recipient = Recipient::ssh(parsed);
    if recipient.public_key().trim_end_matches('=') != line.trim_end_matches('=') {
        return Err(Problem::SshMalformed);
    }
    Ok(recipient.with_name(Some(comment)))
}

/// `parse()`, or [`Problem::SshMalformed`] if it panicked. The panic is
/// still reported on stderr by the panic hook; only its unwinding stops
/// here.
fn refused_if_it_panics<T>(parse: impl FnOnce() -> T) -> Result<T, Problem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)).map_err(|_| Problem::SshMalformed)
}

/// For an SSH key type: `Some(Ok)` if age encrypts to it, `Some(Err)` for
/// another SSH type, `None` if it is no SSH type.
fn ssh_type(token: &str) -> Option<Result<(), OtherSshKey>> {
    Some(match token {
        "ssh-ed25519" | "ssh-rsa" => Ok(()),
        t if t.ends_with("-cert-v01@openssh.com") => Err(OtherSshKey::Certificate),
        t if t.starts_with("sk-") => Err(OtherSshKey::SecurityKey),
        t if t.starts_with("ecdsa-sha2-") => Err(OtherSshKey::Ecdsa),
        "ssh-dss" => Err(OtherSshKey::Dsa),
        t if t.starts_with("ssh-") => Err(OtherSshKey::Other),
        _ => return None,
    })
}

/// Whether `token` is an `authorized_keys` options list: `name` or
/// `name="value"` items separated by commas.
fn is_options(token: &str) -> bool {
    let mut chars = token.chars().peekable();
    loop {
        let mut name_len = 0;
        while chars
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-')
        {
            chars.next();
            name_len += 1;
        }
        if name_len == 0 {
            return false;
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.next() != Some('"') {
                return false;
            }
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        closed = true;
                        break;
                    }
                    _ => {}
                }
            }
            if !closed {
                return false;
            }
        }
        match chars.next() {
            None => return true,
            Some(',') => {}
            Some(_) => return false,
        }
    }
}

/// The first token of `text` (whitespace outside double quotes ends it)
/// and the rest, trimmed.
fn split_token(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let mut quoted = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&text[..at], text[at..].trim()),
            _ => {}
        }
    }
    (text, "")
}

#[cfg(test)]
mod tests;

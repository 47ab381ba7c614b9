//! Encrypting the secret to its recipients with age.
//!
//! What is encrypted is the 64 lowercase hex characters of the secret,
//! exactly as Circle's SDKs take it (`entitySecret` in Node, `entity_secret`
//! in Python), with no trailing newline: `age -d` then prints the value
//! itself, whether it goes into `$(…)` (which would drop a newline), a file
//! mounted as a secret, or a secrets manager (which would keep one).

use std::io::Write;

use age::armor::{ArmoredWriter, Format};

use super::error::HandoffError;
use super::recipient::Recipient;
use crate::secret::EntitySecret;

/// How the handoff file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HandoffFormat {
    /// age's binary format: the smallest file, for a file transfer.
    #[default]
    Binary,
    /// ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`), to paste into a
    /// ticket or a chat.
    Armored,
}

impl HandoffFormat {
    /// Whether this is the armored form.
    pub fn is_armored(self) -> bool {
        self == Self::Armored
    }
}

/// The age file of `secret` for `recipients`: none of them can be left out
/// and no one else can open it. The hex form of the secret exists only in a
/// buffer that is wiped when dropped.
///
/// One copy is beyond reach: age's stream writer gathers the plaintext in
/// a chunk buffer of its own, which it frees without wiping, so the hex
/// stays in freed memory of this process until it is reused (as it would
/// in any program that hands the secret to a library taking `&[u8]`).
pub fn seal(
    secret: &EntitySecret,
    recipients: &[Recipient],
    format: HandoffFormat,
) -> Result<Vec<u8>, HandoffError> {
    if recipients.is_empty() {
        return Err(super::RecipientsError::NoRecipients.into());
    }
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(Recipient::as_age))
        .map_err(|e| HandoffError::Encrypt(e.to_string()))?;
    let hex = secret.expose_hex();
    let mut out = Vec::new();
    let failed = |e: std::io::Error| HandoffError::Encrypt(e.to_string());
    match format {
        HandoffFormat::Binary => {
            let mut writer = encryptor.wrap_output(&mut out).map_err(failed)?;
            writer.write_all(hex.as_bytes()).map_err(failed)?;
            writer.finish().map_err(failed)?;
        }
        HandoffFormat::Armored => {
            let armor = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor).map_err(failed)?;
            let mut writer = encryptor.wrap_output(armor).map_err(failed)?;
            writer.write_all(hex.as_bytes()).map_err(failed)?;
            writer
                .finish()
                .and_then(|armor| armor.finish())
                .map_err(failed)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn open(file: &[u8], identity: &age::x25519::Identity) -> Vec<u8> {
        let reader = age::armor::ArmoredReader::new(file);
        let decryptor = age::Decryptor::new_buffered(reader).unwrap();
        let mut out = Vec::new();
        decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn every_recipient_opens_the_64_hex_without_a_newline_in_both_formats() {
        let secret = EntitySecret::generate();
        let a = age::x25519::Identity::generate();
        let b = age::x25519::Identity::generate();
        let recipients = [
            Recipient::x25519(a.to_public()),
            Recipient::x25519(b.to_public()),
        ];
        for format in [HandoffFormat::Binary, HandoffFormat::Armored] {
            let file = seal(&secret, &recipients, format).unwrap();
            assert_eq!(
                file.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
                format.is_armored()
            );
            for identity in [&a, &b] {
                assert_eq!(open(&file, identity), secret.expose_hex().as_bytes());
            }
        }
    }

    #[test]
    fn no_recipient_is_refused() {
        let err = seal(&EntitySecret::generate(), &[], HandoffFormat::Binary).unwrap_err();
        assert!(matches!(
            err,
            HandoffError::Recipients(super::super::RecipientsError::NoRecipients)
        ));
    }
}

//! The recovery file Circle issues once per registration, rotation or reset.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

/// The recovery file exactly as Circle sent it (`data.recoveryFile`).
///
/// It is the only way to reset a lost secret, so it is kept byte for byte,
/// zeroized on drop and never printed.
pub struct RecoveryFile {
    content: Zeroizing<String>,
}

impl RecoveryFile {
    /// Keep the content exactly as received; no trimming, no decoding.
    pub fn new(content: String) -> Self {
        Self {
            content: Zeroizing::new(content),
        }
    }

    /// The bytes to write to disk: the received string as UTF-8.
    pub fn as_bytes(&self) -> &[u8] {
        self.content.as_bytes()
    }

    /// Lowercase hex SHA-256 of the content, for records and verification.
    pub fn sha256(&self) -> String {
        super::sha256_hex(self.as_bytes())
    }

    /// Whether the content is non-empty standard base64 (with padding), the
    /// shape Circle documents. A file that fails this is still kept: the
    /// registration may have happened regardless.
    pub fn looks_valid(&self) -> bool {
        !self.content.is_empty() && STANDARD.decode(self.content.as_bytes()).is_ok()
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.content.len()
    }

    /// Whether nothing was received.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
    }
}

impl fmt::Debug for RecoveryFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RecoveryFile({} bytes, sha256 {}, redacted)",
            self.len(),
            self.sha256()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_bytes_and_hashes_them() {
        let r = RecoveryFile::new("aGVsbG8=".to_owned());
        assert_eq!(r.as_bytes(), b"aGVsbG8=");
        assert!(r.looks_valid());
        assert_eq!(
            r.sha256(),
            "333d6b3a3c1f5db6c9bdda5939b136986d170f4649172a68368d54ecb44c2ff2"
        );
        assert!(!format!("{r:?}").contains("aGVsbG8"));
    }

    #[test]
    fn shape_check() {
        for bad in ["", "not base64!", "aGVsbG8", "aGVs\nbG8=", "<html>"] {
            assert!(!RecoveryFile::new(bad.to_owned()).looks_valid(), "{bad}");
        }
    }
}

//! Reading recipients from a file (an age recipients file, an
//! `authorized_keys` file, a `.pub` file): read whole into a buffer that is
//! wiped when dropped, since a person may pick a private key by mistake,
//! and never more than a recipients text may be.

use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use super::error::HandoffError;
use super::parse::{MAX_TEXT_BYTES, parse_recipients};
use super::problems::RecipientsError;
use super::recipient::Recipient;

/// Every recipient in the file at `path` ([`parse_recipients`]). Blocking.
pub fn read_recipients_file(path: &Path) -> Result<Vec<Recipient>, HandoffError> {
    let failed = |e: std::io::Error| HandoffError::RecipientsFile {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let limit = MAX_TEXT_BYTES + 1;
    // Sized once: growing the buffer would leave copies behind unwiped.
    let mut bytes = Zeroizing::new(Vec::with_capacity(limit));
    file.take(limit as u64)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(RecipientsError::TooLong.into());
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| HandoffError::RecipientsFileNotText {
        path: path.to_path_buf(),
    })?;
    Ok(parse_recipients(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_and_refused_when_too_long_or_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("recipients.txt");
        std::fs::write(
            &good,
            "# the deploy key\r\nage1dcerw9dsnyxfzszeass87mlvf7vks0tcxvt4yez9hjtqx30rtpvs6ss92m deploy\r\n",
        )
        .unwrap();
        let read = read_recipients_file(&good).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].name(), Some("deploy"));

        let long = dir.path().join("long.txt");
        std::fs::write(&long, "#".repeat(MAX_TEXT_BYTES + 1)).unwrap();
        assert!(matches!(
            read_recipients_file(&long),
            Err(HandoffError::Recipients(RecipientsError::TooLong))
        ));

        let binary = dir.path().join("file.age");
        std::fs::write(&binary, b"age-encryption.org/v1\n\xff\xfe\x00").unwrap();
        assert!(matches!(
            read_recipients_file(&binary),
            Err(HandoffError::RecipientsFileNotText { .. })
        ));

        assert!(matches!(
            read_recipients_file(&dir.path().join("missing")),
            Err(HandoffError::RecipientsFile { .. })
        ));
    }
}

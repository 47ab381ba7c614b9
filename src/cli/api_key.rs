//! Where the API key comes from for the commands that talk to Circle.
//! Never a command-line argument, which `ps` and the shell's history would
//! keep: a file named with `--api-key-file`, else the `CIRCLE_API_KEY`
//! environment variable, else a prompt on the terminal that does not echo.

use std::io::IsTerminal;
use std::path::Path;

use zeroize::Zeroizing;

use super::error::CliError;
use super::say;
use crate::store;
use crate::text::cli as text;

/// The environment variable the API key is read from.
pub const API_KEY_ENV: &str = "CIRCLE_API_KEY";

/// The longest API key file read: a key is under 200 characters.
const MAX_FILE_BYTES: u64 = 4096;

/// The API key, from the first of: `file`, the environment, the terminal.
pub fn read(file: Option<&Path>) -> Result<Zeroizing<String>, CliError> {
    if let Some(path) = file {
        return from_file(path);
    }
    if let Ok(value) = std::env::var(API_KEY_ENV) {
        let value = Zeroizing::new(value);
        if !value.trim().is_empty() {
            return Ok(Zeroizing::new(value.trim().to_owned()));
        }
    }
    if std::io::stdin().is_terminal() {
        let typed = rpassword::prompt_password(text::API_KEY_PROMPT)
            .map(Zeroizing::new)
            .map_err(|_| CliError::NoApiKey)?;
        return Ok(Zeroizing::new(typed.trim().to_owned()));
    }
    Err(CliError::NoApiKey)
}

fn from_file(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let fail = |detail: String| CliError::ApiKeyFile {
        path: path.to_path_buf(),
        detail,
    };
    let metadata = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(text::api_key_file_too_large(metadata.len())));
    }
    warn_if_others_can_read(path, &metadata);
    let mut bytes = store::read_private(path).map_err(|e| fail(e.to_string()))?;
    // Moved, not copied, into a string that is wiped when dropped.
    let content = match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(content) => Zeroizing::new(content),
        Err(e) => {
            zeroize::Zeroize::zeroize(&mut e.into_bytes());
            return Err(fail(text::API_KEY_FILE_NOT_TEXT.to_owned()));
        }
    };
    Ok(Zeroizing::new(content.trim().to_owned()))
}

/// A key file that other users can read is worth a warning, not a refusal:
/// the key may already be known to them, and the person should know it.
#[cfg(unix)]
fn warn_if_others_can_read(path: &Path, metadata: &std::fs::Metadata) {
    use std::os::unix::fs::PermissionsExt;
    if metadata.permissions().mode() & 0o077 != 0 {
        say::warning(&text::api_key_file_readable(&path.display().to_string()));
    }
}

#[cfg(not(unix))]
fn warn_if_others_can_read(_path: &Path, _metadata: &std::fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_read_without_its_line_ending() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, "TEST_API_KEY:abc:def\r\n").unwrap();
        assert_eq!(read(Some(&path)).unwrap().as_str(), "TEST_API_KEY:abc:def");
    }

    #[test]
    fn a_missing_large_or_binary_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none");
        assert!(matches!(
            read(Some(&missing)),
            Err(CliError::ApiKeyFile { .. })
        ));
        let large = dir.path().join("large");
        std::fs::write(&large, vec![b'a'; 5000]).unwrap();
        assert!(matches!(
            read(Some(&large)),
            Err(CliError::ApiKeyFile { .. })
        ));
        let binary = dir.path().join("binary");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        assert!(matches!(
            read(Some(&binary)),
            Err(CliError::ApiKeyFile { .. })
        ));
    }
}

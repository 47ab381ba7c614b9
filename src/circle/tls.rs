//! TLS trust: the process-wide rustls provider, the operating system's roots
//! (through reqwest's platform verifier) and an optional extra CA file.

use std::io::Read;
use std::path::Path;

use super::CircleError;
use crate::text::circle as text;

/// Largest CA file read; a bundle of every public root is about 250 KiB.
const MAX_CA_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Make ring the process's rustls provider, which reqwest (built with
/// `rustls-no-provider`) requires before a client is built.
pub fn install_crypto_provider() {
    // An Err only means a provider is installed already (by an earlier call
    // or another part of the process), which is just as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Read a PEM file of one or more CA certificates.
pub(crate) fn load_extra_roots(path: &Path) -> Result<Vec<reqwest::Certificate>, CircleError> {
    let bad = |problem: String| CircleError::BadCaFile {
        path: path.to_owned(),
        problem,
    };
    let file = std::fs::File::open(path).map_err(|e| bad(format!("it cannot be opened ({e})")))?;
    let mut pem = Vec::new();
    file.take(MAX_CA_FILE_BYTES + 1)
        .read_to_end(&mut pem)
        .map_err(|e| bad(format!("it cannot be read ({e})")))?;
    if pem.len() as u64 > MAX_CA_FILE_BYTES {
        return Err(bad(text::CA_FILE_TOO_LARGE.to_owned()));
    }
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|_| bad(text::CA_FILE_NOT_PEM.to_owned()))?;
    if certs.is_empty() {
        return Err(bad(text::CA_FILE_EMPTY.to_owned()));
    }
    Ok(certs)
}

/// Find a TLS failure among an error's causes and describe it.
///
/// rustls errors reach us inside (possibly nested) `io::Error`s, whose
/// `source()` skips the wrapped error itself, so an `io::Error` is opened
/// with `get_ref` instead.
pub(crate) fn tls_failure(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = current {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return Some(tls.to_string());
        }
        current = match err.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;

    #[test]
    fn installing_twice_is_fine() {
        install_crypto_provider();
        install_crypto_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }

    #[test]
    fn bad_ca_files_are_typed_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        let missing = dir.join("missing.pem");
        let not_pem = dir.join("not.pem");
        std::fs::write(&not_pem, b"hello, not a certificate").unwrap();
        let key_only = dir.join("key.pem");
        std::fs::write(
            &key_only,
            include_str!("../../tests/fixtures/rsa4096.spki.pem"),
        )
        .unwrap();
        let garbage = dir.join("garbage.pem");
        std::fs::write(
            &garbage,
            b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        for path in [&missing, &not_pem, &key_only, &garbage, &dir] {
            let err = load_extra_roots(path).unwrap_err();
            assert!(
                matches!(err, CircleError::BadCaFile { .. }),
                "{path:?}: {err:?}"
            );
            assert!(!err.next_step().is_empty());
        }
    }

    #[test]
    fn tls_errors_are_found_inside_io_errors() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let wrapped = std::io::Error::new(std::io::ErrorKind::InvalidData, tls);
        let found = tls_failure(&wrapped).unwrap();
        assert!(found.contains("certificate"), "{found}");
        // hyper-util wraps the connector's io::Error in another one.
        let twice = std::io::Error::other(wrapped);
        assert_eq!(tls_failure(&twice), Some(found));
        let plain = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(tls_failure(&plain), None);
    }
}

//! Circle's entity public key, parsed the way the official SDKs do: the PEM
//! label is ignored, SPKI is tried first and PKCS#1 second. Circle's
//! documented response labels an SPKI body `RSA PUBLIC KEY`, which normally
//! means PKCS#1, so the label cannot be trusted.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use rsa::pkcs1::RsaPublicKeyRef;
use rsa::pkcs1::der::Decode;
use rsa::pkcs8::EncodePublicKey;
use rsa::pkcs8::spki::SubjectPublicKeyInfoRef;
use rsa::{BoxedUint, PublicKey};
use sha2::{Digest, Sha256};

use super::rsa_sanity::{bit_length, check_exponent, check_modulus, magnitude};
use crate::error::Explain;
use crate::text::secret as text;

/// Smallest modulus accepted.
pub const MIN_BITS: usize = 2048;
/// The size Circle uses; anything else is accepted with a warning.
pub const EXPECTED_BITS: usize = 4096;
/// Largest modulus accepted; bigger keys only cost time.
const MAX_BITS: usize = 16384;
/// Longest PEM text looked at; a 4096-bit key is under 1 KiB.
const MAX_PEM_LEN: usize = 64 * 1024;

/// The OID of `rsaEncryption`.
const RSA_OID: &str = "1.2.840.113549.1.1.1";

/// An RSA public key from Circle, with its fingerprint.
#[derive(Clone, PartialEq, Eq)]
pub struct CirclePublicKey {
    key: PublicKey,
    bits: usize,
    spki_der: Vec<u8>,
}

/// Why a public key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicKeyError {
    /// No base64 content between the PEM lines.
    #[error("{}", text::KEY_EMPTY)]
    Empty,
    /// The text is longer than any public key.
    #[error("{}", text::key_too_long(*.0))]
    TooLong(usize),
    /// The body is not base64.
    #[error("{}", text::KEY_NOT_BASE64)]
    NotBase64,
    /// A well-formed key of another algorithm.
    #[error("{}", text::key_not_rsa(.0))]
    NotRsa(String),
    /// Neither SPKI nor PKCS#1 RSA.
    #[error("{}", text::KEY_MALFORMED)]
    Malformed,
    /// A key too small to protect the secret.
    #[error("{}", text::key_too_small(*.0))]
    TooSmall(usize),
    /// The SubjectPublicKeyInfo names `rsaEncryption` but its algorithm
    /// parameters are missing or something other than NULL (RFC 3279 §2.3.1
    /// and RFC 8017 Appendix C require NULL).
    #[error("{}", text::KEY_ALGORITHM_PARAMETERS)]
    AlgorithmParameters,
    /// An even modulus is not a product of two large primes.
    #[error("{}", text::KEY_EVEN_MODULUS)]
    EvenModulus,
    /// A modulus with a prime factor below 752 (NIST SP 800-89).
    #[error("{}", text::key_small_factor(*.0))]
    SmallFactor(u32),
    /// An exponent that is even, below 65537 or absurdly large.
    #[error("{}", text::key_exponent(.0))]
    Exponent(String),
}

impl Explain for PublicKeyError {
    fn next_step(&self) -> String {
        match self {
            Self::TooSmall(_)
            | Self::NotRsa(_)
            | Self::AlgorithmParameters
            | Self::EvenModulus
            | Self::SmallFactor(_)
            | Self::Exponent(_) => text::KEY_UNSAFE_NEXT.to_owned(),
            _ => text::KEY_NEXT.to_owned(),
        }
    }
}

impl CirclePublicKey {
    /// Parse a PEM whatever its label, with CRLF, one-line or 64-column body.
    pub fn from_pem(text: &str) -> Result<Self, PublicKeyError> {
        if text.len() > MAX_PEM_LEN {
            return Err(PublicKeyError::TooLong(text.len()));
        }
        // Drop every -----BEGIN/END ...----- marker wherever it stands (a
        // one-line PEM has them on the same line as the body), then all
        // whitespace.
        let mut body = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("-----") {
            body.push_str(&rest[..start]);
            let after = &rest[start + 5..];
            match after.find("-----") {
                Some(end) => rest = &after[end + 5..],
                None => {
                    rest = "";
                    break;
                }
            }
        }
        body.push_str(rest);
        body.retain(|c| !c.is_whitespace());
        if body.is_empty() {
            return Err(PublicKeyError::Empty);
        }
        let der = STANDARD
            .decode(body.as_bytes())
            .or_else(|_| STANDARD_NO_PAD.decode(body.as_bytes()))
            .map_err(|_| PublicKeyError::NotBase64)?;
        Self::from_der(&der)
    }

    /// Parse DER: SubjectPublicKeyInfo first, PKCS#1 `RSAPublicKey` second.
    pub fn from_der(der: &[u8]) -> Result<Self, PublicKeyError> {
        if der.is_empty() {
            return Err(PublicKeyError::Empty);
        }
        // SPKI first. A valid SPKI of another algorithm gets a precise error;
        // anything that is not SPKI at all is tried as a bare PKCS#1 key.
        let pkcs1_der: &[u8] = match SubjectPublicKeyInfoRef::try_from(der) {
            Ok(info) => {
                let oid = info.algorithm.oid.to_string();
                if oid != RSA_OID {
                    return Err(PublicKeyError::NotRsa(algorithm_name(&oid)));
                }
                // The fingerprint is taken of the SPKI re-encoded with NULL,
                // so anything else here would make it differ from the SHA-256
                // of the DER that was given.
                if !info.algorithm.parameters.is_some_and(|p| p.is_null()) {
                    return Err(PublicKeyError::AlgorithmParameters);
                }
                info.subject_public_key
                    .as_bytes()
                    .ok_or(PublicKeyError::Malformed)?
            }
            Err(_) => der,
        };
        let params = RsaPublicKeyRef::from_der(pkcs1_der).map_err(|_| PublicKeyError::Malformed)?;
        let n = magnitude(params.modulus.as_bytes());
        let e = magnitude(params.public_exponent.as_bytes());
        // Our own checks first, each with its reason; the crate's checks
        // below then only refuse what these let through (nothing known).
        let bits = bit_length(n);
        if bits < MIN_BITS {
            return Err(PublicKeyError::TooSmall(bits));
        }
        check_modulus(n)?;
        check_exponent(e)?;
        let key = PublicKey::new_with_size_limits(uint(n)?, uint(e)?, MIN_BITS..=MAX_BITS)
            .map_err(|_| PublicKeyError::Malformed)?;
        let spki_der = key
            .to_public_key_der()
            .map_err(|_| PublicKeyError::Malformed)?
            .into_vec();
        Ok(Self {
            key,
            bits,
            spki_der,
        })
    }

    /// Wrap a key made in this process (the simulator, tests).
    pub fn from_rsa(key: PublicKey) -> Result<Self, PublicKeyError> {
        let der = key
            .to_public_key_der()
            .map_err(|_| PublicKeyError::Malformed)?;
        Self::from_der(der.as_bytes())
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Whether the key has Circle's usual size (4096 bits); anything else
    /// deserves a warning on screen.
    pub fn has_expected_size(&self) -> bool {
        self.bits() == EXPECTED_BITS
    }

    /// SHA-256 of the SubjectPublicKeyInfo DER, as colon-separated uppercase
    /// hex (the form `openssl` prints), for comparison out of band.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(&self.spki_der);
        let mut out = String::with_capacity(95);
        for (i, b) in digest.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(&format!("{b:02X}"));
        }
        out
    }

    /// The SubjectPublicKeyInfo DER.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The PEM in the shape Circle documents: the SPKI body under the
    /// `RSA PUBLIC KEY` label, 64-column lines, trailing newline.
    pub fn to_circle_pem(&self) -> String {
        let b64 = STANDARD.encode(&self.spki_der);
        let mut out = String::from("-----BEGIN RSA PUBLIC KEY-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            out.push_str(&String::from_utf8_lossy(chunk));
            out.push('\n');
        }
        out.push_str("-----END RSA PUBLIC KEY-----\n");
        out
    }

    pub(crate) fn rsa(&self) -> &PublicKey {
        &self.key
    }
}

impl fmt::Debug for CirclePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CirclePublicKey({} bits, {})",
            self.bits(),
            self.fingerprint()
        )
    }
}

/// A big-endian integer as the `rsa` crate's type,
/// with a precision of whole bytes as the crate's own decoder uses.
fn uint(bytes: &[u8]) -> Result<BoxedUint, PublicKeyError> {
    let bits = u32::try_from(bytes.len() * 8).map_err(|_| PublicKeyError::Malformed)?;
    BoxedUint::from_be_slice(bytes, bits).map_err(|_| PublicKeyError::Malformed)
}

fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.2.840.10045.2.1" => "elliptic curve (EC)".to_owned(),
        "1.3.101.112" => "Ed25519".to_owned(),
        "1.3.101.110" => "X25519".to_owned(),
        "1.2.840.10040.4.1" => "DSA".to_owned(),
        other => format!("OID {other}"),
    }
}

#[cfg(test)]
mod tests;

//! Circle's entity public key, parsed the way the official SDKs do: the PEM
//! label is ignored, SPKI is tried first and PKCS#1 second (see PROTOCOL.md,
//! "do not trust its label").

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use rsa::RsaPublicKey;
use rsa::BigUint;
use rsa::pkcs1::der::Decode;
use rsa::pkcs8::spki::SubjectPublicKeyInfoRef;
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};

use crate::error::Explain;

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
    key: RsaPublicKey,
    spki_der: Vec<u8>,
}

/// Why a public key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicKeyError {
    /// No base64 content between the PEM lines.
    #[error("The public key is empty.")]
    Empty,
    /// The text is longer than any public key.
    #[error("The public key text is far too long to be a public key ({0} bytes).")]
    TooLong(usize),
    /// The body is not base64.
    #[error("The public key is not valid PEM: its body is not base64.")]
    NotBase64,
    /// A well-formed key of another algorithm.
    #[error("The public key is not an RSA key (its algorithm is {0}).")]
    NotRsa(String),
    /// Neither SPKI nor PKCS#1 RSA.
    #[error("The public key could not be read as an RSA key (neither SubjectPublicKeyInfo nor PKCS#1).")]
    Malformed,
    /// A key too small to protect the secret.
    #[error("The public key is only {0} bits; at least 2048 are required.")]
    TooSmall(usize),
}

impl Explain for PublicKeyError {
    fn next_step(&self) -> String {
        match self {
            Self::TooSmall(_) | Self::NotRsa(_) => "Do not use this key. Fetch Circle's entity public key again (Circle Console, or GET /v1/w3s/config/entity/publicKey) and compare its fingerprint out of band.".to_owned(),
            _ => "Fetch Circle's entity public key again and make sure the whole PEM text, from -----BEGIN to -----END, was copied.".to_owned(),
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
                info.subject_public_key
                    .as_bytes()
                    .ok_or(PublicKeyError::Malformed)?
            }
            Err(_) => der,
        };
        let params = rsa::pkcs1::RsaPublicKey::from_der(pkcs1_der)
            .map_err(|_| PublicKeyError::Malformed)?;
        let n = BigUint::from_bytes_be(params.modulus.as_bytes());
        let e = BigUint::from_bytes_be(params.public_exponent.as_bytes());
        let key = RsaPublicKey::new_with_max_size(n, e, MAX_BITS)
            .map_err(|_| PublicKeyError::Malformed)?;
        let bits = key.n().bits();
        if bits < MIN_BITS {
            return Err(PublicKeyError::TooSmall(bits));
        }
        let spki_der = key
            .to_public_key_der()
            .map_err(|_| PublicKeyError::Malformed)?
            .into_vec();
        Ok(Self { key, spki_der })
    }

    /// Wrap a key made in this process (the simulator, tests).
    pub fn from_rsa(key: RsaPublicKey) -> Result<Self, PublicKeyError> {
        let der = key
            .to_public_key_der()
            .map_err(|_| PublicKeyError::Malformed)?;
        Self::from_der(der.as_bytes())
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
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

    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        &self.key
    }
}

impl fmt::Debug for CirclePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CirclePublicKey({} bits, {})", self.bits(), self.fingerprint())
    }
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

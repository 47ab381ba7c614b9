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
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;
    use crate::secret::rsa_sanity::{bit_length, magnitude};
    use rsa::PrivateKey;
    use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
    use rsa::pkcs8::DecodePrivateKey;

    const SPKI_4096: &str = include_str!("../../tests/fixtures/rsa4096.spki.pem");
    const PKCS1_4096: &str = include_str!("../../tests/fixtures/rsa4096.pkcs1.pem");
    const KEY_4096: &str = include_str!("../../tests/fixtures/rsa4096.key.pem");
    const SPKI_3072: &str = include_str!("../../tests/fixtures/rsa3072.spki.pem");
    const SPKI_2048: &str = include_str!("../../tests/fixtures/rsa2048.spki.pem");
    const KEY_2048: &str = include_str!("../../tests/fixtures/rsa2048.key.pem");
    const SPKI_1024: &str = include_str!("../../tests/fixtures/rsa1024.spki.pem");
    const EC_P256: &str = include_str!("../../tests/fixtures/ec-p256.spki.pem");
    const ED25519: &str = include_str!("../../tests/fixtures/ed25519.spki.pem");

    /// SHA-256 of the SPKI DER of the 4096-bit fixture, computed once with
    /// `openssl pkey -pubin -in tests/fixtures/rsa4096.spki.pem -outform DER | sha256sum`
    /// (aab14e5b3f5072d79c73bb6179d6450ad353590b1e8f4ea7b7d152efcc94c466), written
    /// in colon-separated uppercase. `openssl rsa -RSAPublicKey_in -in
    /// rsa4096.pkcs1.pem -pubout -outform DER | sha256sum` gives the same digest.
    const FINGERPRINT_4096: &str = "AA:B1:4E:5B:3F:50:72:D7:9C:73:BB:61:79:D6:45:0A:\
                                    D3:53:59:0B:1E:8F:4E:A7:B7:D1:52:EF:CC:94:C4:66";

    /// The shape Circle documents: the SPKI body under the PKCS#1 label,
    /// 64-column lines, trailing newline.
    fn circle_shape() -> String {
        SPKI_4096
            .replace(
                "-----BEGIN PUBLIC KEY-----",
                "-----BEGIN RSA PUBLIC KEY-----",
            )
            .replace("-----END PUBLIC KEY-----", "-----END RSA PUBLIC KEY-----")
    }

    /// The base64 body of a PEM, without markers or whitespace.
    fn body_of(pem: &str) -> String {
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<String>()
    }

    fn with_label(body: &str, label: &str) -> String {
        let mut out = format!("-----BEGIN {label}-----\n");
        for chunk in body.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(chunk).unwrap());
            out.push('\n');
        }
        out.push_str(&format!("-----END {label}-----\n"));
        out
    }

    /// What a case must give: a key of these bits, or exactly this error.
    #[derive(Debug, PartialEq, Eq)]
    enum Want {
        Key { bits: usize, expected_size: bool },
        Err(PublicKeyError),
    }

    fn key(bits: usize) -> Want {
        Want::Key {
            bits,
            expected_size: bits == EXPECTED_BITS,
        }
    }

    fn err(e: PublicKeyError) -> Want {
        Want::Err(e)
    }

    fn outcome(r: &Result<CirclePublicKey, PublicKeyError>) -> Want {
        match r {
            Ok(k) => Want::Key {
                bits: k.bits(),
                expected_size: k.has_expected_size(),
            },
            Err(e) => Want::Err(e.clone()),
        }
    }

    fn cases() -> Vec<(&'static str, String, Want)> {
        let circle = circle_shape();
        let spki_body = body_of(SPKI_4096);
        let one_line = circle.replace('\n', "");
        let crlf = circle.replace('\n', "\r\n");
        let pkcs1_as_public_key = PKCS1_4096
            .replace(
                "-----BEGIN RSA PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----",
            )
            .replace("-----END RSA PUBLIC KEY-----", "-----END PUBLIC KEY-----");
        // Bytes 0..=255, twice, made into text the way a binary file pasted
        // into a text field would be.
        let binary: Vec<u8> = (0..512u32).map(|i| (i % 256) as u8).collect();
        let binary = String::from_utf8_lossy(&binary).into_owned();

        vec![
            ("documented Circle shape", circle.clone(), key(4096)),
            ("one line, no newlines", one_line, key(4096)),
            (
                "one line, spaces around the body",
                format!("-----BEGIN RSA PUBLIC KEY----- {spki_body} -----END RSA PUBLIC KEY-----"),
                key(4096),
            ),
            ("CRLF line endings", crlf, key(4096)),
            (
                "CRLF, no trailing newline",
                circle.trim_end().replace('\n', "\r\n"),
                key(4096),
            ),
            ("leading and trailing blank lines", format!("\n\n  {circle}\n\n"), key(4096)),
            ("body only, no markers", spki_body.clone(), key(4096)),
            ("plain SPKI PUBLIC KEY", SPKI_4096.to_owned(), key(4096)),
            ("PKCS#1 under its own label", PKCS1_4096.to_owned(), key(4096)),
            ("PKCS#1 under the PUBLIC KEY label", pkcs1_as_public_key, key(4096)),
            ("3072-bit key", SPKI_3072.to_owned(), key(3072)),
            ("2048-bit key", SPKI_2048.to_owned(), key(2048)),
            ("1024-bit key", SPKI_1024.to_owned(), err(PublicKeyError::TooSmall(1024))),
            (
                "EC P-256",
                EC_P256.to_owned(),
                err(PublicKeyError::NotRsa("elliptic curve (EC)".to_owned())),
            ),
            ("Ed25519", ED25519.to_owned(), err(PublicKeyError::NotRsa("Ed25519".to_owned()))),
            ("empty", String::new(), err(PublicKeyError::Empty)),
            ("whitespace only", " \r\n\t\n".to_owned(), err(PublicKeyError::Empty)),
            (
                "only markers",
                "-----BEGIN RSA PUBLIC KEY-----\n-----END RSA PUBLIC KEY-----\n".to_owned(),
                err(PublicKeyError::Empty),
            ),
            (
                "only markers, one line",
                "-----BEGIN PUBLIC KEY----------END PUBLIC KEY-----".to_owned(),
                err(PublicKeyError::Empty),
            ),
            (
                "non-base64 body",
                "-----BEGIN RSA PUBLIC KEY-----\nthis is not base64!\n-----END RSA PUBLIC KEY-----\n"
                    .to_owned(),
                err(PublicKeyError::NotBase64),
            ),
            (
                "base64 of text, not DER",
                with_label("aGVsbG8gd29ybGQ=", "RSA PUBLIC KEY"),
                err(PublicKeyError::Malformed),
            ),
            (
                "truncated: last lines lost (whole base64 quanta)",
                with_label(&spki_body[..384], "RSA PUBLIC KEY"),
                err(PublicKeyError::Malformed),
            ),
            (
                "truncated: cut mid-quantum (impossible base64 length)",
                with_label(&spki_body[..401], "RSA PUBLIC KEY"),
                err(PublicKeyError::NotBase64),
            ),
            (
                "truncated: END marker and last line lost",
                {
                    let lines: Vec<&str> = circle.lines().collect();
                    format!("{}\n", lines[..lines.len() - 2].join("\n"))
                },
                err(PublicKeyError::Malformed),
            ),
            (
                "the same key pasted twice",
                format!("{circle}{circle}"),
                err(PublicKeyError::NotBase64),
            ),
            ("random binary", binary, err(PublicKeyError::NotBase64)),
            (
                "10 MiB string",
                "A".repeat(10 * 1024 * 1024),
                err(PublicKeyError::TooLong(10 * 1024 * 1024)),
            ),
            (
                "JSON error body",
                r#"{"code":401,"message":"Malformed key. Does it contain three parts?"}"#.to_owned(),
                err(PublicKeyError::NotBase64),
            ),
            (
                "whole JSON response instead of the PEM inside it",
                serde_json::json!({ "data": { "publicKey": circle } }).to_string(),
                err(PublicKeyError::NotBase64),
            ),
            (
                "PKCS#8 private key",
                KEY_4096.to_owned(),
                err(PublicKeyError::Malformed),
            ),
            (
                "PKCS#8 private key, 2048 bits",
                KEY_2048.to_owned(),
                err(PublicKeyError::Malformed),
            ),
            (
                "PKCS#8 private key body under a public label",
                with_label(&body_of(KEY_4096), "RSA PUBLIC KEY"),
                err(PublicKeyError::Malformed),
            ),
        ]
    }

    #[test]
    fn every_pem_shape_and_bad_input_gives_the_exact_outcome() {
        let mut failures = Vec::new();
        for (name, input, want) in cases() {
            let got = outcome(&CirclePublicKey::from_pem(&input));
            if got != want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A DER tag-length-value, with the long length form where needed.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if content.len() < 0x80 {
            out.push(content.len() as u8);
        } else {
            let len = content.len().to_be_bytes();
            let len = magnitude(&len);
            out.push(0x80 | len.len() as u8);
            out.extend_from_slice(len);
        }
        out.extend_from_slice(content);
        out
    }

    /// A DER INTEGER of a big-endian unsigned value.
    fn uint(value: &[u8]) -> Vec<u8> {
        let mut content = magnitude(value).to_vec();
        if content.first().is_none_or(|&b| b & 0x80 != 0) {
            content.insert(0, 0);
        }
        tlv(0x02, &content)
    }

    /// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus, publicExponent }`.
    fn pkcs1_der(n: &[u8], e: &[u8]) -> Vec<u8> {
        tlv(0x30, &[uint(n), uint(e)].concat())
    }

    /// SubjectPublicKeyInfo for `rsaEncryption` with these raw parameter
    /// bytes (none at all for `None`).
    fn spki_der(parameters: Option<&[u8]>, pkcs1: &[u8]) -> Vec<u8> {
        const RSA_ENCRYPTION: [u8; 11] = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
        ];
        let algorithm = tlv(
            0x30,
            &[&RSA_ENCRYPTION[..], parameters.unwrap_or(&[])].concat(),
        );
        let key = tlv(0x03, &[&[0u8][..], pkcs1].concat());
        tlv(0x30, &[algorithm, key].concat())
    }

    /// `value × factor` for a big-endian `value`.
    fn times(value: &[u8], factor: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(value.len() + 4);
        let mut carry = 0u64;
        for &b in value.iter().rev() {
            let v = u64::from(b) * u64::from(factor) + carry;
            out.push(v as u8);
            carry = v >> 8;
        }
        while carry > 0 {
            out.push(carry as u8);
            carry >>= 8;
        }
        out.reverse();
        out
    }

    /// Keys that are well-formed DER yet cannot be honest RSA encryption
    /// keys, each refused with its own reason.
    #[test]
    fn crafted_odd_keys_are_refused_with_their_reason() {
        let fixture = STANDARD.decode(body_of(PKCS1_4096)).unwrap();
        let fixture = RsaPublicKeyRef::from_der(&fixture).unwrap();
        let n = magnitude(fixture.modulus.as_bytes()).to_vec();
        let e = magnitude(fixture.public_exponent.as_bytes()).to_vec();
        const NULL: &[u8] = &[0x05, 0x00];
        let spki = |n: &[u8], e: &[u8]| spki_der(Some(NULL), &pkcs1_der(n, e));
        let mut even = n.clone();
        *even.last_mut().unwrap() ^= 1;
        // The modulus without the INTEGER's leading zero reads as negative.
        let negative = tlv(0x30, &[tlv(0x02, &n), uint(&e)].concat());
        let above_bound = times(&n, 757);
        let exponent = |e: u64| PublicKeyError::Exponent(e.to_string());

        let cases: Vec<(&str, Vec<u8>, Want)> = vec![
            // The writer above reproduces openssl's DER of the fixture, so
            // every case below differs from a good key only where it says.
            ("the fixture, rebuilt", spki(&n, &e), key(4096)),
            ("the fixture, PKCS#1 rebuilt", pkcs1_der(&n, &e), key(4096)),
            (
                "parameters absent",
                spki_der(None, &pkcs1_der(&n, &e)),
                err(PublicKeyError::AlgorithmParameters),
            ),
            (
                "parameters an OCTET STRING of garbage",
                spki_der(
                    Some(&[0x04, 0x04, 0xde, 0xad, 0xbe, 0xef]),
                    &pkcs1_der(&n, &e),
                ),
                err(PublicKeyError::AlgorithmParameters),
            ),
            (
                "parameters a curve OID",
                spki_der(
                    Some(&[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
                    &pkcs1_der(&n, &e),
                ),
                err(PublicKeyError::AlgorithmParameters),
            ),
            (
                "parameters NULL with content",
                spki_der(Some(&[0x05, 0x01, 0x00]), &pkcs1_der(&n, &e)),
                err(PublicKeyError::AlgorithmParameters),
            ),
            (
                "modulus 2^4096 - 1",
                spki(&[0xff; 512], &e),
                err(PublicKeyError::SmallFactor(3)),
            ),
            (
                "modulus 751 × n",
                spki(&times(&n, 751), &e),
                err(PublicKeyError::SmallFactor(751)),
            ),
            (
                "modulus 743 × 751 × n, PKCS#1",
                pkcs1_der(&times(&times(&n, 751), 743), &e),
                err(PublicKeyError::SmallFactor(743)),
            ),
            (
                "modulus 757 × n: above the bound",
                spki(&above_bound, &e),
                key(bit_length(&above_bound)),
            ),
            (
                "modulus even",
                spki(&even, &e),
                err(PublicKeyError::EvenModulus),
            ),
            ("modulus negative", negative, err(PublicKeyError::Malformed)),
            (
                "modulus 2040 bits",
                spki(&n[..255], &e),
                err(PublicKeyError::TooSmall(2040)),
            ),
            ("exponent 0", spki(&n, &[0]), err(exponent(0))),
            ("exponent 1", spki(&n, &[1]), err(exponent(1))),
            ("exponent 3", spki(&n, &[3]), err(exponent(3))),
            ("exponent 3, PKCS#1", pkcs1_der(&n, &[3]), err(exponent(3))),
            (
                "exponent 65536",
                spki(&n, &[1, 0, 0]),
                err(exponent(65_536)),
            ),
            ("exponent 65539", spki(&n, &[1, 0, 3]), key(4096)),
            (
                "exponent 2^33 + 1",
                spki(&n, &[2, 0, 0, 0, 1]),
                err(exponent((1 << 33) + 1)),
            ),
            (
                "exponent of 2048 bits",
                spki(&n, &[0xff; 256]),
                err(PublicKeyError::Exponent("a 2048-bit number".to_owned())),
            ),
        ];
        let mut failures = Vec::new();
        for (name, der, want) in &cases {
            let got = outcome(&CirclePublicKey::from_der(der));
            if got != *want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
            if let Want::Err(e) = want {
                assert!(!e.next_step().is_empty(), "{name}");
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(
            cases[0].1,
            STANDARD.decode(body_of(SPKI_4096)).unwrap(),
            "the DER writer reproduces the fixture"
        );
    }

    #[test]
    fn every_4096_shape_gives_the_openssl_fingerprint() {
        for (name, input, want) in cases() {
            if want != key(4096) {
                continue;
            }
            let k = CirclePublicKey::from_pem(&input).unwrap();
            assert_eq!(k.fingerprint(), FINGERPRINT_4096, "{name}");
        }
    }

    #[test]
    fn the_documented_shape_is_what_the_fixture_gives_with_the_label_swapped() {
        let circle = circle_shape();
        assert!(circle.starts_with("-----BEGIN RSA PUBLIC KEY-----\nMIICIjANBgkqhkiG9w0BAQEF"));
        assert!(circle.ends_with("-----END RSA PUBLIC KEY-----\n"));
        let body_lines: Vec<&str> = circle.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(body_lines.len() > 2);
        let (last, full) = body_lines.split_last().unwrap();
        assert!(full.iter().all(|l| l.len() == 64));
        assert!(!last.is_empty() && last.len() <= 64);
        // Neither of the rsa crate's label-trusting parsers accepts it; that
        // is why the product ignores the label.
        use rsa::pkcs1::DecodeRsaPublicKey;
        use rsa::pkcs8::DecodePublicKey;
        assert!(PublicKey::from_pkcs1_pem(&circle).is_err());
        assert!(PublicKey::from_public_key_pem(&circle).is_err());
    }

    #[test]
    fn fingerprint_is_sha256_of_the_spki_der_in_openssl_form() {
        let spki = CirclePublicKey::from_pem(SPKI_4096).unwrap();
        let pkcs1 = CirclePublicKey::from_pem(PKCS1_4096).unwrap();
        assert_eq!(spki.fingerprint(), FINGERPRINT_4096);
        assert_eq!(pkcs1.fingerprint(), FINGERPRINT_4096);
        assert_eq!(spki, pkcs1);
        // The DER is the very DER openssl wrote, not merely the same key.
        let der = STANDARD.decode(body_of(SPKI_4096)).unwrap();
        assert_eq!(spki.spki_der(), der.as_slice());
        assert_eq!(pkcs1.spki_der(), der.as_slice());
        assert_eq!(
            spki.fingerprint(),
            crate::secret::sha256_hex(&der)
                .as_bytes()
                .chunks(2)
                .map(|c| std::str::from_utf8(c).unwrap().to_uppercase())
                .collect::<Vec<_>>()
                .join(":")
        );
        let fp = spki.fingerprint();
        assert_eq!(fp.len(), 95);
        assert_eq!(fp.split(':').count(), 32);
        assert!(
            fp.chars()
                .all(|c| c == ':' || c.is_ascii_digit() || c.is_ascii_uppercase())
        );
        // Another key, another fingerprint.
        let other = CirclePublicKey::from_pem(SPKI_2048).unwrap();
        assert_ne!(other.fingerprint(), fp);
    }

    #[test]
    fn to_circle_pem_is_the_documented_shape_and_round_trips() {
        for input in [SPKI_4096, PKCS1_4096, SPKI_3072, SPKI_2048] {
            let k = CirclePublicKey::from_pem(input).unwrap();
            let pem = k.to_circle_pem();
            assert!(pem.starts_with("-----BEGIN RSA PUBLIC KEY-----\n"), "{pem}");
            assert!(pem.ends_with("\n-----END RSA PUBLIC KEY-----\n"), "{pem}");
            let lines: Vec<&str> = pem.lines().collect();
            let body = &lines[1..lines.len() - 1];
            let (last, full) = body.split_last().unwrap();
            assert!(full.iter().all(|l| l.len() == 64), "{pem}");
            assert!(!last.is_empty() && last.len() <= 64, "{pem}");
            assert!(!pem.contains('\r'));
            let back = CirclePublicKey::from_pem(&pem).unwrap();
            assert_eq!(back, k);
            assert_eq!(back.fingerprint(), k.fingerprint());
            assert_eq!(back.to_circle_pem(), pem);
        }
        // For the 4096-bit fixture it is byte for byte the documented shape.
        let k = CirclePublicKey::from_pem(PKCS1_4096).unwrap();
        assert_eq!(k.to_circle_pem(), circle_shape());
    }

    #[test]
    fn from_der_and_from_rsa_agree_with_from_pem() {
        let k = CirclePublicKey::from_pem(SPKI_4096).unwrap();
        let pkcs1_der = STANDARD.decode(body_of(PKCS1_4096)).unwrap();
        assert_eq!(CirclePublicKey::from_der(k.spki_der()).unwrap(), k);
        assert_eq!(CirclePublicKey::from_der(&pkcs1_der).unwrap(), k);
        assert_eq!(CirclePublicKey::from_rsa(k.rsa().clone()).unwrap(), k);
        assert_eq!(CirclePublicKey::from_der(&[]), Err(PublicKeyError::Empty));
        let binary: Vec<u8> = (0..=255u8).collect();
        assert_eq!(
            CirclePublicKey::from_der(&binary),
            Err(PublicKeyError::Malformed)
        );
        // The DER with a byte of trailing garbage is neither SPKI nor PKCS#1.
        let mut trailing = k.spki_der().to_vec();
        trailing.push(0);
        assert_eq!(
            CirclePublicKey::from_der(&trailing),
            Err(PublicKeyError::Malformed)
        );
    }

    #[test]
    fn private_keys_are_refused_not_parsed_as_public_keys() {
        let private = PrivateKey::from_pkcs8_pem(KEY_4096).unwrap();
        // PKCS#8 (`PRIVATE KEY`), as the fixture is.
        assert_eq!(
            CirclePublicKey::from_pem(KEY_4096),
            Err(PublicKeyError::Malformed)
        );
        // PKCS#1 (`RSA PRIVATE KEY`): SEQUENCE { 0, n, e, d, ... } begins like
        // an RSAPublicKey SEQUENCE { n, e } and must still not pass as one.
        let pkcs1 = private.to_pkcs1_pem(LineEnding::LF).unwrap();
        assert_eq!(
            CirclePublicKey::from_pem(&pkcs1),
            Err(PublicKeyError::Malformed)
        );
        let pkcs1_der = private.to_pkcs1_der().unwrap();
        assert_eq!(
            CirclePublicKey::from_der(pkcs1_der.as_bytes()),
            Err(PublicKeyError::Malformed)
        );
    }

    #[test]
    fn every_prefix_of_the_documented_pem_is_handled_without_panic() {
        let circle = circle_shape();
        let full = CirclePublicKey::from_pem(&circle).unwrap();
        // The key may parse once the last data character of the body is
        // there: the `=` padding may be missing (unpadded base64 is accepted).
        let end_marker = circle.find("\n-----END").unwrap();
        let body_end = end_marker
            - circle[..end_marker]
                .chars()
                .rev()
                .take_while(|&c| c == '=')
                .count();
        for cut in 0..=circle.len() {
            let got = CirclePublicKey::from_pem(&circle[..cut]);
            match got {
                // Only a prefix holding the whole body may parse, and then to
                // the same key.
                Ok(k) => {
                    assert!(cut >= body_end, "prefix of {cut} bytes parsed");
                    assert_eq!(k, full);
                }
                // Once the whole body with its padding is there it must parse,
                // except while the END marker is cut to fewer than its five
                // dashes (a stray `-` is not base64). A lone `=` of a
                // two-character padding is refused as not base64 too.
                Err(e) => assert!(
                    cut < end_marker + "\n-----".len(),
                    "prefix of {cut} bytes: {e:?}"
                ),
            }
        }
    }

    #[test]
    fn errors_say_what_happened_and_what_to_do() {
        for (name, input, want) in cases() {
            if let Want::Err(_) = want {
                let e = CirclePublicKey::from_pem(&input).unwrap_err();
                assert!(!e.to_string().is_empty(), "{name}");
                assert!(!e.next_step().is_empty(), "{name}");
                assert!(e.request_id().is_none(), "{name}");
            }
        }
        assert!(
            PublicKeyError::TooSmall(1024).to_string().contains("1024"),
            "the size is named"
        );
        assert!(
            PublicKeyError::NotRsa("Ed25519".to_owned())
                .to_string()
                .contains("Ed25519")
        );
    }

    #[test]
    fn debug_names_size_and_fingerprint() {
        let k = CirclePublicKey::from_pem(SPKI_4096).unwrap();
        let dbg = format!("{k:?}");
        assert!(dbg.contains("4096 bits"), "{dbg}");
        assert!(dbg.contains(FINGERPRINT_4096), "{dbg}");
    }
}

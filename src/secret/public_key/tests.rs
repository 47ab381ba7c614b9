//! Tests of `public_key`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::error::Explain;
use crate::secret::rsa_sanity::{bit_length, magnitude};
use rsa::PrivateKey;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::DecodePrivateKey;

mod odd_keys;

const SPKI_4096: &str = include_str!("../../../tests/fixtures/rsa4096.spki.pem");
const PKCS1_4096: &str = include_str!("../../../tests/fixtures/rsa4096.pkcs1.pem");
const KEY_4096: &str = include_str!("../../../tests/fixtures/rsa4096.key.pem");
const SPKI_3072: &str = include_str!("../../../tests/fixtures/rsa3072.spki.pem");
const SPKI_2048: &str = include_str!("../../../tests/fixtures/rsa2048.spki.pem");
const KEY_2048: &str = include_str!("../../../tests/fixtures/rsa2048.key.pem");
const SPKI_1024: &str = include_str!("../../../tests/fixtures/rsa1024.spki.pem");
const EC_P256: &str = include_str!("../../../tests/fixtures/ec-p256.spki.pem");
const ED25519: &str = include_str!("../../../tests/fixtures/ed25519.spki.pem");

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
        (
            "leading and trailing blank lines",
            format!("\n\n  {circle}\n\n"),
            key(4096),
        ),
        ("body only, no markers", spki_body.clone(), key(4096)),
        ("plain SPKI PUBLIC KEY", SPKI_4096.to_owned(), key(4096)),
        (
            "PKCS#1 under its own label",
            PKCS1_4096.to_owned(),
            key(4096),
        ),
        (
            "PKCS#1 under the PUBLIC KEY label",
            pkcs1_as_public_key,
            key(4096),
        ),
        ("3072-bit key", SPKI_3072.to_owned(), key(3072)),
        ("2048-bit key", SPKI_2048.to_owned(), key(2048)),
        (
            "1024-bit key",
            SPKI_1024.to_owned(),
            err(PublicKeyError::TooSmall(1024)),
        ),
        (
            "EC P-256",
            EC_P256.to_owned(),
            err(PublicKeyError::NotRsa("elliptic curve (EC)".to_owned())),
        ),
        (
            "Ed25519",
            ED25519.to_owned(),
            err(PublicKeyError::NotRsa("Ed25519".to_owned())),
        ),
        ("empty", String::new(), err(PublicKeyError::Empty)),
        (
            "whitespace only",
            " \r\n\t\n".to_owned(),
            err(PublicKeyError::Empty),
        ),
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

//! Keys crafted in DER to be odd in one way each (an even modulus, a small
//! factor, a small or even exponent, parameters that are not NULL).

use super::*;

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

//! Interop with an independent implementation: the `openssl` command line.
//!
//! A ciphertext made by the product must decrypt with `openssl pkeyutl` using
//! RSA-OAEP, SHA-256, MGF1-SHA-256 to exactly the 32 raw bytes of the secret
//! (and must not decrypt with MGF1-SHA-1), and a ciphertext made by openssl
//! with the same parameters must decrypt with the `rsa` crate the way the
//! simulated Circle decrypts. `openssl` is required: without it these tests
//! fail, they are never skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use entity_secret_wizard::secret::{
    CIPHERTEXT_BASE64_LEN_4096, Ciphertext, CirclePublicKey, EntitySecret,
};
use rsa::PrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};

const SPKI_4096: &str = include_str!("fixtures/rsa4096.spki.pem");
const KEY_4096: &str = include_str!("fixtures/rsa4096.key.pem");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Run `openssl` with these arguments; a missing `openssl` is a failure with
/// instructions, never a skip.
fn openssl<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let result = Command::new("openssl")
        .args(args)
        .stdin(Stdio::null())
        .output();
    match result {
        Ok(out) => out,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "the `openssl` command line is not installed, and the interop tests need it \
             (they are never skipped). Install it: `sudo apt-get install openssl` on \
             Debian/Ubuntu, or run `scripts/install-deps.sh`."
        ),
        Err(e) => panic!("could not run `openssl`: {e}"),
    }
}

fn oaep_opts(mgf1_md: &str) -> Vec<String> {
    vec![
        "-pkeyopt".to_owned(),
        "rsa_padding_mode:oaep".to_owned(),
        "-pkeyopt".to_owned(),
        "rsa_oaep_md:sha256".to_owned(),
        "-pkeyopt".to_owned(),
        format!("rsa_mgf1_md:{mgf1_md}"),
    ]
}

/// `openssl pkeyutl -decrypt` of the raw ciphertext bytes with the 4096-bit
/// fixture's private key.
fn openssl_decrypt(dir: &Path, ciphertext: &[u8], mgf1_md: &str) -> Output {
    let input = dir.join(format!("ciphertext-{mgf1_md}.bin"));
    std::fs::write(&input, ciphertext).unwrap();
    let mut args: Vec<std::ffi::OsString> = vec![
        "pkeyutl".into(),
        "-decrypt".into(),
        "-inkey".into(),
        fixture("rsa4096.key.pem").into(),
        "-in".into(),
        input.into(),
    ];
    args.extend(oaep_opts(mgf1_md).into_iter().map(Into::into));
    openssl(args)
}

/// `openssl pkeyutl -encrypt -pubin` of `plain` with the 4096-bit fixture's
/// public key.
fn openssl_encrypt(dir: &Path, plain: &[u8], mgf1_md: &str) -> Vec<u8> {
    let input = dir.join(format!("plain-{mgf1_md}.bin"));
    std::fs::write(&input, plain).unwrap();
    let mut args: Vec<std::ffi::OsString> = vec![
        "pkeyutl".into(),
        "-encrypt".into(),
        "-pubin".into(),
        "-inkey".into(),
        fixture("rsa4096.spki.pem").into(),
        "-in".into(),
        input.into(),
    ];
    args.extend(oaep_opts(mgf1_md).into_iter().map(Into::into));
    let out = openssl(args);
    assert!(
        out.status.success(),
        "openssl pkeyutl -encrypt failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The documented Circle shape of the fixture: SPKI body, RSA PUBLIC KEY label.
fn circle_shape() -> String {
    SPKI_4096
        .replace(
            "-----BEGIN PUBLIC KEY-----",
            "-----BEGIN RSA PUBLIC KEY-----",
        )
        .replace("-----END PUBLIC KEY-----", "-----END RSA PUBLIC KEY-----")
}

#[test]
fn openssl_is_installed() {
    let out = openssl(["version"]);
    assert!(out.status.success(), "`openssl version` failed");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("OpenSSL"),
        "unexpected `openssl version` output: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn product_ciphertext_decrypts_with_openssl_oaep_sha256_mgf1_sha256() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, pem) in [
        ("fixture SPKI PEM", SPKI_4096.to_owned()),
        ("documented Circle shape", circle_shape()),
    ] {
        let key = CirclePublicKey::from_pem(&pem).unwrap();
        assert!(key.has_expected_size(), "{shape}");
        let secret = EntitySecret::generate();
        let expected = hex::decode(secret.expose_hex().as_str()).unwrap();
        assert_eq!(expected.len(), 32);

        let ct = Ciphertext::encrypt(&secret, &key).unwrap();
        assert_eq!(ct.len(), CIPHERTEXT_BASE64_LEN_4096, "{shape}");
        // openssl's own base64 decoder reads the product's text the same way.
        let b64_file = dir.path().join("ciphertext.b64");
        std::fs::write(&b64_file, ct.as_str()).unwrap();
        let decoded = openssl([
            "base64".as_ref(),
            "-d".as_ref(),
            "-A".as_ref(),
            "-in".as_ref(),
            b64_file.as_os_str(),
        ]);
        assert!(decoded.status.success(), "openssl base64 -d failed");
        let raw = STANDARD.decode(ct.as_str()).unwrap();
        assert_eq!(decoded.stdout, raw, "{shape}: base64 read differently");
        assert_eq!(raw.len(), 512);

        let out = openssl_decrypt(dir.path(), &raw, "sha256");
        assert!(
            out.status.success(),
            "{shape}: openssl could not decrypt the product's ciphertext: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.stdout, expected,
            "{shape}: openssl decrypted something other than the 32 raw secret bytes"
        );
    }
}

#[test]
fn product_ciphertext_does_not_decrypt_with_openssl_mgf1_sha1() {
    let dir = tempfile::tempdir().unwrap();
    let key = CirclePublicKey::from_pem(SPKI_4096).unwrap();
    let secret = EntitySecret::generate();
    let expected = hex::decode(secret.expose_hex().as_str()).unwrap();
    let raw = STANDARD
        .decode(Ciphertext::encrypt(&secret, &key).unwrap().as_str())
        .unwrap();

    let out = openssl_decrypt(dir.path(), &raw, "sha1");
    assert!(
        !out.status.success() || out.stdout != expected,
        "MGF1-SHA-1 decrypted the product's ciphertext: the product is not using MGF1-SHA-256"
    );
    // The same ciphertext with the right parameters does decrypt, so the
    // failure above is the MGF1 hash, not a broken setup.
    let out = openssl_decrypt(dir.path(), &raw, "sha256");
    assert!(out.status.success());
    assert_eq!(out.stdout, expected);
}

#[test]
fn openssl_ciphertext_decrypts_with_the_rsa_crate_like_the_simulator() {
    let dir = tempfile::tempdir().unwrap();
    let private = PrivateKey::from_pkcs8_pem(KEY_4096).unwrap();
    let secret = EntitySecret::generate();
    let plain = hex::decode(secret.expose_hex().as_str()).unwrap();

    let ct = openssl_encrypt(dir.path(), &plain, "sha256");
    assert_eq!(ct.len(), 512);
    let got = private.oaep_decrypt::<Sha256>(&ct).unwrap();
    assert_eq!(got, plain);

    // And what openssl makes with MGF1-SHA-1 is refused, as Circle refuses it.
    let ct = openssl_encrypt(dir.path(), &plain, "sha1");
    assert_eq!(ct.len(), 512);
    let got = private.oaep_decrypt::<Sha256>(&ct);
    assert!(got.is_err(), "an MGF1-SHA-1 ciphertext must not decrypt");
}

#[test]
fn fingerprint_matches_openssl_der_of_the_fixture() {
    let out = openssl([
        "pkey".as_ref(),
        "-pubin".as_ref(),
        "-in".as_ref(),
        fixture("rsa4096.spki.pem").as_os_str(),
        "-outform".as_ref(),
        "DER".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "openssl pkey failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = Sha256::digest(&out.stdout)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    for pem in [
        SPKI_4096.to_owned(),
        circle_shape(),
        include_str!("fixtures/rsa4096.pkcs1.pem").to_owned(),
    ] {
        let key = CirclePublicKey::from_pem(&pem).unwrap();
        assert_eq!(key.spki_der(), out.stdout.as_slice());
        assert_eq!(key.fingerprint(), expected);
    }
}

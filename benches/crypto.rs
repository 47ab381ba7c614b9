//! The cryptography behind every ceremony, measured with Criterion:
//! `cargo bench --bench crypto` (figures in the README).
//!
//! - a new entity secret from the operating system's generator;
//! - Circle's public key parsed from the PEM shape Circle documents (an
//!   RSA-4096 SPKI body under the `RSA PUBLIC KEY` label), checks included;
//! - one ciphertext: RSA-4096 OAEP SHA-256 of the 32 secret bytes, one RSA
//!   public operation, the number to hold against `openssl speed rsa4096`'s
//!   verify column;
//! - the fingerprints of the key and of the secret;
//! - what the rehearsal's simulated Circle does: decrypt a ciphertext, and
//!   generate its RSA-4096 key (seconds, so few samples).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use entity_secret_wizard::secret::{Ciphertext, CirclePublicKey, EntitySecret};
use rand::rngs::SysRng;
use rsa::PrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use sha2::Sha256;

const SPKI_4096: &str = include_str!("../tests/fixtures/rsa4096.spki.pem");
const KEY_4096: &str = include_str!("../tests/fixtures/rsa4096.key.pem");

/// The fixture in the shape Circle's API returns it.
fn circle_pem() -> String {
    SPKI_4096
        .replace("BEGIN PUBLIC KEY", "BEGIN RSA PUBLIC KEY")
        .replace("END PUBLIC KEY", "END RSA PUBLIC KEY")
}

fn product(c: &mut Criterion) {
    let pem = circle_pem();
    let key = CirclePublicKey::from_pem(&pem).unwrap();
    assert!(key.has_expected_size());
    let secret = EntitySecret::generate();

    c.bench_function("secret_generate", |b| b.iter(EntitySecret::generate));
    c.bench_function("public_key_parse_circle_pem_4096", |b| {
        b.iter(|| CirclePublicKey::from_pem(black_box(&pem)).unwrap())
    });
    c.bench_function("ciphertext_rsa4096_oaep_sha256", |b| {
        b.iter(|| Ciphertext::encrypt(black_box(&secret), black_box(&key)).unwrap())
    });
    c.bench_function("public_key_fingerprint", |b| {
        b.iter(|| black_box(&key).fingerprint())
    });
    c.bench_function("secret_fingerprint", |b| {
        b.iter(|| black_box(&secret).fingerprint())
    });
}

fn simulator(c: &mut Criterion) {
    let private = PrivateKey::from_pkcs8_pem(KEY_4096).unwrap();
    let key = CirclePublicKey::from_pem(SPKI_4096).unwrap();
    let raw = base64_decode(Ciphertext::encrypt(&EntitySecret::generate(), &key).unwrap());

    let mut group = c.benchmark_group("simulator");
    group.sample_size(20);
    group.bench_function("rsa4096_oaep_sha256_decrypt", |b| {
        b.iter(|| private.oaep_decrypt::<Sha256>(black_box(&raw)).unwrap())
    });
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("rsa4096_key_generation", |b| {
        b.iter(|| PrivateKey::new(&mut SysRng, 4096).unwrap())
    });
    group.finish();
}

fn base64_decode(ciphertext: Ciphertext) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(ciphertext.into_wire())
        .unwrap()
}

criterion_group!(benches, product, simulator);
criterion_main!(benches);

//! The fuzz targets' bodies. Each takes any bytes, must never panic, and
//! asserts what must hold of the result, so that a wrong answer is a crash
//! just like a panic is.
//!
//! Shared by the fuzz binaries (`fuzz/fuzz_targets/`) and the main crate's
//! `tests/fuzz_regressions.rs`, which replays `fuzz/regressions/<target>/`
//! through [`TARGETS`].

#![allow(
    clippy::expect_used,
    reason = "a target states what must hold; a failed expectation is a finding"
)]

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;

use entity_secret_wizard::circle::fuzzing;
use entity_secret_wizard::circle::{CircleError, RecoveryContent};
use entity_secret_wizard::error::Explain;
use entity_secret_wizard::secret::{ApiKey, CirclePublicKey, EntitySecret, Environment};
use entity_secret_wizard::store::{CeremonyLog, Journal, Records, RecordsError};
use entity_secret_wizard::untrusted::{self, is_unsafe_char};

/// A target's body: any bytes in, a panic for a finding.
pub type Target = fn(&[u8]);

/// Every target by name (the name of its binary and of its folders).
pub const TARGETS: &[(&str, Target)] = &[
    ("public_key", public_key),
    ("api_key", api_key),
    ("secret_hex", secret_hex),
    ("circle_answers", circle_answers),
    ("error_body", error_body),
    ("redact", redact),
    ("neutralize", neutralize),
    ("records", records),
    ("journal", journal),
    ("ceremony_log", ceremony_log),
    ("recipients", recipients),
];

/// The API key the Circle targets treat as the request's: realistic in
/// shape (32-character ID and SECRET parts).
pub const KEY: &str =
    "TEST_API_KEY:4f7c2a9e1b3d5f60718293a4b5c6d7e8:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Circle's public key: PEM (any label, any wrapping) and DER.
pub fn public_key(data: &[u8]) {
    let check = |key: CirclePublicKey| {
        assert!(key.bits() >= 2048, "a {}-bit key was accepted", key.bits());
        // What the product shows and stores parses back to the same key.
        let again = CirclePublicKey::from_pem(&key.to_circle_pem())
            .expect("the product's own PEM of an accepted key parses");
        assert_eq!(again.fingerprint(), key.fingerprint());
        assert_eq!(
            CirclePublicKey::from_der(key.spki_der())
                .expect("the SPKI DER of an accepted key parses")
                .fingerprint(),
            key.fingerprint()
        );
    };
    if let Ok(key) = CirclePublicKey::from_pem(&text(data)) {
        check(key);
    }
    if let Ok(key) = CirclePublicKey::from_der(data) {
        check(key);
    }
}

/// A typed API key: accepted only in its documented shape, and never shown
/// beyond the masked form.
pub fn api_key(data: &[u8]) {
    let text = text(data);
    let Ok(key) = ApiKey::parse(&text) else {
        return;
    };
    let trimmed = text.trim();
    let mut parts = trimmed.split(':');
    let (Some(prefix), Some(id), Some(secret), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        panic!("accepted a key that is not PREFIX:ID:SECRET: {trimmed:?}");
    };
    let environment = match prefix {
        "TEST_API_KEY" => Environment::Test,
        "LIVE_API_KEY" => Environment::Live,
        other => panic!("accepted the prefix {other:?}"),
    };
    assert_eq!(key.environment(), environment);
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    assert!(!id.is_empty() && id.chars().all(allowed), "{trimmed:?}");
    assert!(
        !secret.is_empty() && secret.chars().all(allowed),
        "{trimmed:?}"
    );
    let hint: String = id.chars().take(4).collect();
    let masked = format!("{prefix}:{hint}…:••••");
    assert_eq!(key.masked(), masked);
    assert_eq!(key.to_string(), masked);
    assert_eq!(format!("{key:?}"), format!("ApiKey({masked})"));
}

/// An imported entity secret: exactly 64 hex characters.
pub fn secret_hex(data: &[u8]) {
    let text = text(data);
    match EntitySecret::from_hex(&text) {
        Ok(secret) => {
            assert_eq!(text.len(), 64);
            assert_eq!(secret.expose_hex().as_str(), text.to_ascii_lowercase());
            let shown = format!("{secret:?}");
            assert!(!shown.contains(text.as_ref()), "Debug shows the secret");
            assert!(!shown.contains(secret.expose_hex().as_str()));
        }
        Err(e) => {
            assert!(!e.next_step().is_empty());
            let valid = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
            assert!(!valid, "refused a valid secret: {e}");
        }
    }
}

/// Circle's 2xx answers: the entity configuration, the public key and the
/// registration.
pub fn circle_answers(data: &[u8]) {
    match fuzzing::parse_entity_config(data) {
        Ok(config) => {
            let id = &config.app_id;
            assert_eq!(id.len(), 36, "{id:?}");
            assert!(
                id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
                "{id:?}"
            );
            assert!(matches!(untrusted::neutralize(id), Cow::Borrowed(_)));
        }
        Err(e) => shown_cleanly(&e),
    }
    match fuzzing::parse_public_key(data) {
        Ok(key) => assert!(key.bits() >= 2048),
        Err(e) => shown_cleanly(&e),
    }
    let json: Option<serde_json::Value> = serde_json::from_slice(data).ok();
    let field = json
        .as_ref()
        .and_then(|v| v.get("data")?.get("recoveryFile")?.as_str());
    for truncated in [false, true] {
        let registration = fuzzing::parse_registration(data, truncated);
        assert_eq!(registration.body_truncated, truncated);
        match (&registration.recovery, field) {
            (RecoveryContent::RecoveryFile(file), Some(field)) => {
                assert_eq!(file.as_bytes(), field.as_bytes());
            }
            (RecoveryContent::RecoveryFile(_), None) => {
                // serde_json's `Value` refuses a few bodies its typed
                // reading accepts (a number out of range in another field);
                // it must still be a JSON object.
                assert!(data.trim_ascii_start().starts_with(b"{"));
            }
            // Kept whole also when `Value` finds a recovery file that the
            // typed reading refuses (a duplicate key): nothing is lost.
            (RecoveryContent::WholeBody(body), _) => {
                assert_eq!(body.as_bytes(), text(data).as_bytes());
            }
        }
        let debug = format!("{registration:?}");
        if let Some(field) = field.filter(|f| f.len() >= 8) {
            assert!(!debug.contains(field), "Debug shows the recovery file");
        }
    }
}

/// An error answer: status, echoed `X-Request-Id` and body. The first two
/// bytes are the status, the third the length of the header value.
pub fn error_body(data: &[u8]) {
    let [high, low, header_len, rest @ ..] = data else {
        return;
    };
    let status = 100 + u16::from_be_bytes([*high, *low]) % 500;
    let (header, body) = rest.split_at(usize::from(*header_len).min(rest.len()));
    let header = (!header.is_empty()).then_some(header);
    for key in [Some(KEY), None] {
        let err = fuzzing::error_from_answer(status, body, header, key);
        shown_cleanly(&err);
        if key.is_some() {
            assert_no_key(&err);
        }
    }
}

/// Redaction of every form of the key from any text.
pub fn redact(data: &[u8]) {
    let text = text(data);
    let redacted = fuzzing::redact(KEY, &text);
    assert!(
        !fuzzing::finds_key(KEY, &redacted),
        "a form of the key is left: {redacted:?}"
    );
    assert_no_plain_key(&redacted);
    if !fuzzing::finds_key(KEY, &text) {
        assert_eq!(redacted, text, "text without the key was changed");
    }
    // The excerpt is checked by plain search only: decoding the excerpt's
    // escapes (which stand for characters the redactor skipped) in another
    // order can join pieces that are not the key as shown.
    let excerpt = fuzzing::clean_excerpt(&text, KEY);
    assert!(excerpt.chars().count() <= fuzzing::EXCERPT_CHARS);
    assert!(!excerpt.chars().any(is_unsafe_char), "{excerpt:?}");
    assert_no_plain_key(&excerpt);
}

/// Neutralizing text from outside for display.
pub fn neutralize(data: &[u8]) {
    let text = text(data);
    let single = untrusted::neutralize(&text);
    assert!(!single.chars().any(is_unsafe_char), "{single:?}");
    let multi = untrusted::neutralize_multiline(&text);
    assert!(
        !multi.chars().any(|c| c != '\n' && is_unsafe_char(c)),
        "{multi:?}"
    );
    if !text.chars().any(is_unsafe_char) {
        assert!(matches!(single, Cow::Borrowed(_)));
    }
    // Each character is treated on its own: nothing else changes.
    let mut buffer = [0u8; 4];
    let one_by_one: String = text
        .chars()
        .map(|c| untrusted::neutralize(c.encode_utf8(&mut buffer)).into_owned())
        .collect();
    assert_eq!(single, one_by_one);
}

/// The registrations file, as found on disk.
pub fn records(data: &[u8]) {
    in_data_dir(
        data,
        |dir| Ok(Records::open(dir)?.path().to_owned()),
        |dir| Records::open(dir)?.list().map(drop),
    );
}

/// The journal of unfinished ceremonies, as found on disk.
pub fn journal(data: &[u8]) {
    in_data_dir(
        data,
        |dir| Ok(Journal::open(dir)?.path().to_owned()),
        |dir| Journal::open(dir)?.unfinished().map(drop),
    );
}

/// The ceremony log, as found on disk: damaged lines are reported beside
/// the good ones, never fatal.
pub fn ceremony_log(data: &[u8]) {
    let lines = data
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    in_data_dir(
        data,
        |dir| Ok(CeremonyLog::open(dir)?.path().to_owned()),
        |dir| {
            let contents = CeremonyLog::open(dir)?.read_all()?;
            assert_eq!(contents.entries.len() + contents.damaged.len(), lines);
            Ok(())
        },
    );
}

thread_local! {
    static SCRATCH: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// Write `data` where the store reads its file from (`path_in` names it),
/// `read` it, and check that a file too damaged to read was kept aside
/// unchanged, never lost, and a newer one left alone.
fn in_data_dir(
    data: &[u8],
    path_in: impl FnOnce(PathBuf) -> Result<PathBuf, RecordsError>,
    read: impl FnOnce(PathBuf) -> Result<(), RecordsError>,
) {
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        let scratch = slot.get_or_insert_with(|| tempfile::tempdir().expect("a temporary folder"));
        let dir = scratch.path().join("data");
        let path = path_in(dir.clone()).expect("a fresh folder opens");
        std::fs::write(&path, data).expect("the file is written");
        match read(dir.clone()) {
            Ok(()) => {}
            Err(RecordsError::Corrupt { kept_at, .. }) => {
                assert!(!path.exists(), "a damaged file was left in place");
                let kept = std::fs::read(&kept_at).expect("the damaged file is kept");
                assert_eq!(kept, data, "the damaged file was changed");
            }
            Err(RecordsError::NewerVersion { .. }) => {
                let kept = std::fs::read(&path).expect("a newer file stays");
                assert_eq!(kept, data, "a newer file was changed");
            }
            Err(other) => panic!("unexpected error: {other:?}"),
        }
        std::fs::remove_dir_all(&dir).expect("the folder is emptied");
    });
}

/// What a person sees of an error: one clean line, and a next step.
fn shown_cleanly(err: &CircleError) {
    let shown = err.to_string();
    assert!(!shown.chars().any(is_unsafe_char), "{shown:?}");
    assert!(shown.chars().count() < 800, "{shown}");
    assert!(!err.next_step().is_empty());
    if let Some(id) = err.request_id() {
        assert!(!id.chars().any(is_unsafe_char), "{id:?}");
    }
}

/// No form of [`KEY`] anywhere in what an error shows or debugs.
fn assert_no_key(err: &CircleError) {
    let all = format!(
        "{err}\n{err:?}\n{}\n{}",
        err.next_step(),
        err.request_id().unwrap_or_default()
    );
    assert!(!fuzzing::finds_key(KEY, &all), "{all}");
    assert_no_plain_key(&all);
}

/// No run of 8 characters of [`KEY`]'s ID or SECRET part in `text`, by
/// plain search: independent of the redactor, after only dropping
/// whitespace, the characters a person cannot see, and the escapes that
/// neutralizing writes for them.
fn assert_no_plain_key(text: &str) {
    let flat: String = strip_escapes(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_unsafe_char(*c) && *c != '\u{FFFD}')
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = KEY
        .split_once(':')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    for piece in rest.as_bytes().windows(8) {
        let piece = String::from_utf8_lossy(piece).to_ascii_lowercase();
        assert!(!flat.contains(&piece), "{piece} in {text:?}");
    }
}

/// `text` without the `\u{…}` escapes that [`neutralize`] writes for the
/// characters it makes visible (and no other escapes).
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let escaped = after.find('}').filter(|end| *end <= 6).and_then(|end| {
            let code = u32::from_str_radix(&after[..end], 16).ok()?;
            char::from_u32(code).filter(|c| is_unsafe_char(*c))?;
            Some(end)
        });
        match escaped {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push_str("\\u{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Recipients of a handoff file, as pasted or read from a file: see
/// `entity_secret_wizard::handoff::fuzzing::recipients`.
pub fn recipients(data: &[u8]) {
    entity_secret_wizard::handoff::fuzzing::recipients(data);
}

//! The Circle API key: `TEST_API_KEY:ID:SECRET` or `LIVE_API_KEY:ID:SECRET`.

use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::Explain;
use crate::text::secret as text;

/// Which Circle environment a key belongs to. Selected by the key's prefix;
/// both use the same host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `TEST_API_KEY`: testnets, no real funds.
    Test,
    /// `LIVE_API_KEY`: mainnets, real funds.
    Live,
}

impl Environment {
    /// "TEST" or "LIVE", as Circle Console writes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Test => "TEST",
            Self::Live => "LIVE",
        }
    }

    /// "test" or "live": the form used in keychain account names and records.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Test => "test",
            Self::Live => "live",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A Circle API key for developer-controlled wallets.
///
/// The whole key is a secret: zeroized on drop, `Debug`/`Display` masked.
pub struct ApiKey {
    full: Zeroizing<String>,
    environment: Environment,
    /// Up to four leading characters of the ID, for the masked form.
    id_hint: String,
}

/// Why a typed API key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiKeyError {
    /// Nothing was given.
    #[error("{}", text::API_KEY_EMPTY)]
    Empty,
    /// A client key, which belongs to user-controlled wallets.
    #[error("{}", text::API_KEY_CLIENT_KEY)]
    ClientKey,
    /// The text does not start with a known prefix.
    #[error("{}", text::API_KEY_UNKNOWN_PREFIX)]
    UnknownPrefix,
    /// Not three non-empty parts separated by colons.
    #[error("{}", text::API_KEY_WRONG_SHAPE)]
    WrongShape,
    /// Whitespace or control characters inside the key.
    #[error("{}", text::API_KEY_BAD_CHARACTER)]
    BadCharacter,
    /// Longer than any real key, so probably something else was pasted.
    #[error("{}", text::API_KEY_TOO_LONG)]
    TooLong,
}

impl Explain for ApiKeyError {
    fn next_step(&self) -> String {
        match self {
            Self::ClientKey => text::API_KEY_CLIENT_KEY_NEXT.to_owned(),
            _ => text::API_KEY_NEXT.to_owned(),
        }
    }
}

/// Longest key accepted; real keys are around 100 characters.
const MAX_LEN: usize = 512;

impl ApiKey {
    /// Parse a key. Whitespace around a paste is trimmed (clipboards add line
    /// breaks); whitespace inside is refused.
    pub fn parse(text: &str) -> Result<Self, ApiKeyError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ApiKeyError::Empty);
        }
        if text.len() > MAX_LEN {
            return Err(ApiKeyError::TooLong);
        }
        if text.starts_with("TEST_CLIENT_KEY:") || text.starts_with("LIVE_CLIENT_KEY:") {
            return Err(ApiKeyError::ClientKey);
        }
        let environment = if text.starts_with("TEST_API_KEY:") {
            Environment::Test
        } else if text.starts_with("LIVE_API_KEY:") {
            Environment::Live
        } else {
            return Err(ApiKeyError::UnknownPrefix);
        };
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ApiKeyError::BadCharacter);
        }
        let parts: Vec<&str> = text.split(':').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(ApiKeyError::WrongShape);
        }
        // The ID and SECRET are not guaranteed hex; allow the URL-safe
        // alphabet and refuse anything that could not travel in a header.
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if !parts[1].chars().all(allowed) || !parts[2].chars().all(allowed) {
            return Err(ApiKeyError::BadCharacter);
        }
        Ok(Self {
            full: Zeroizing::new(text.to_owned()),
            environment,
            id_hint: parts[1].chars().take(4).collect(),
        })
    }

    /// TEST or LIVE.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// The masked form for screens and logs: `TEST_API_KEY:ab12…:••••`.
    pub fn masked(&self) -> String {
        let prefix = match self.environment {
            Environment::Test => "TEST_API_KEY",
            Environment::Live => "LIVE_API_KEY",
        };
        format!("{prefix}:{}…:••••", self.id_hint)
    }

    /// The key itself, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.full
    }

    /// A second value holding the same key. Not `Clone`, so copies show.
    pub fn duplicate(&self) -> Self {
        Self {
            full: self.full.clone(),
            environment: self.environment,
            id_hint: self.id_hint.clone(),
        }
    }
}

impl PartialEq for ApiKey {
    fn eq(&self, other: &Self) -> bool {
        self.full.as_bytes().ct_eq(other.full.as_bytes()).into()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "TEST_API_KEY:ab12cd34ef56:s3cr3tPart9";

    #[test]
    fn parses_test_and_live() {
        let k = ApiKey::parse(KEY).unwrap();
        assert_eq!(k.environment(), Environment::Test);
        assert_eq!(k.masked(), "TEST_API_KEY:ab12…:••••");
        let k = ApiKey::parse("LIVE_API_KEY:x:y").unwrap();
        assert_eq!(k.environment(), Environment::Live);
        assert_eq!(k.masked(), "LIVE_API_KEY:x…:••••");
    }

    #[test]
    fn trims_a_pasted_line_break() {
        let k = ApiKey::parse(&format!("  {KEY}\n")).unwrap();
        assert_eq!(k.expose(), KEY);
    }

    #[test]
    fn never_prints_the_key() {
        let k = ApiKey::parse(KEY).unwrap();
        for shown in [format!("{k:?}"), format!("{k}")] {
            assert!(!shown.contains("s3cr3t"), "{shown}");
            assert!(!shown.contains("ab12cd34"), "{shown}");
        }
    }

    #[test]
    fn bad_inputs_give_typed_errors() {
        let long = format!("TEST_API_KEY:a:{}", "b".repeat(1000));
        let cases: &[(&str, ApiKeyError)] = &[
            ("", ApiKeyError::Empty),
            ("   \n", ApiKeyError::Empty),
            ("TEST_CLIENT_KEY:a:b", ApiKeyError::ClientKey),
            ("LIVE_CLIENT_KEY:a:b", ApiKeyError::ClientKey),
            ("test_api_key:a:b", ApiKeyError::UnknownPrefix),
            ("SAND_API_KEY:a:b", ApiKeyError::UnknownPrefix),
            ("\u{0}\u{1}binary", ApiKeyError::UnknownPrefix),
            ("TEST_API_KEY:", ApiKeyError::WrongShape),
            ("TEST_API_KEY:a", ApiKeyError::WrongShape),
            ("TEST_API_KEY::b", ApiKeyError::WrongShape),
            ("TEST_API_KEY:a:b:c", ApiKeyError::WrongShape),
            ("TEST_API_KEY:a b:c", ApiKeyError::BadCharacter),
            ("TEST_API_KEY:a:b\u{7}", ApiKeyError::BadCharacter),
            ("TEST_API_KEY:a:bé", ApiKeyError::BadCharacter),
            ("TEST_API_KEY:a:b\"", ApiKeyError::BadCharacter),
            (long.as_str(), ApiKeyError::TooLong),
        ];
        for (input, want) in cases {
            assert_eq!(&ApiKey::parse(input).unwrap_err(), want, "input {input:?}");
        }
        assert!(ApiKeyError::ClientKey.next_step().contains("client key"));
    }
}

//! How to reach Circle: base URL, trust, timeouts and the retry budget.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::time::Duration;

use url::{Host, Url};

use super::CircleError;
use crate::text::circle as text;

/// Circle's API host, for both TEST and LIVE keys.
pub const DEFAULT_BASE_URL: &str = "https://api.circle.com";

/// Settings for [`CircleClient`](super::CircleClient).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Where Circle is: `https://api.circle.com`, or the simulator on
    /// loopback. Only `https://` is accepted, except plain `http://` to
    /// `127.0.0.1`, `[::1]` or `localhost`.
    pub base_url: Url,
    /// A PEM file of extra root certificates to trust besides the operating
    /// system's (for a TLS-inspecting corporate proxy).
    pub extra_ca_pem: Option<PathBuf>,
    /// How long to wait for a connection to open.
    pub connect_timeout: Duration,
    /// How long one attempt may take, from sending to the end of the answer.
    pub request_timeout: Duration,
    /// Attempts per call, the first included; 0 counts as 1.
    pub max_attempts: u32,
    /// The first backoff delay; each retry doubles it.
    pub backoff_base: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            base_url: default_base_url(),
            extra_ca_pem: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_attempts: 4,
            backoff_base: Duration::from_millis(500),
        }
    }
}

impl ClientConfig {
    /// The default settings, aimed at another base URL (the simulator).
    pub fn with_base_url(base_url: Url) -> Self {
        Self {
            base_url,
            ..Self::default()
        }
    }
}

#[allow(
    clippy::expect_used,
    reason = "a constant URL that parses, checked by a unit test"
)]
fn default_base_url() -> Url {
    Url::parse(DEFAULT_BASE_URL).expect("DEFAULT_BASE_URL is a valid URL")
}

/// Whether the URL names this computer in one of the three spellings the
/// simulator is reached by.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip == Ipv4Addr::LOCALHOST,
        Some(Host::Ipv6(ip)) => ip == Ipv6Addr::LOCALHOST,
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Refuse a base URL that would send the API key in the clear, or that
/// carries parts a base URL has no use for (credentials would end up in
/// error messages; a query or fragment would be silently dropped).
pub(crate) fn check_base_url(url: &Url) -> Result<(), CircleError> {
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        _ => {
            return Err(CircleError::InsecureUrl {
                url: display_without_credentials(url),
            });
        }
    }
    if url.host().is_none() {
        return Err(CircleError::BadBaseUrl {
            problem: "it names no host",
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CircleError::BadBaseUrl {
            problem: text::URL_HAS_CREDENTIALS,
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(CircleError::BadBaseUrl {
            problem: text::URL_HAS_QUERY,
        });
    }
    Ok(())
}

/// The URL for an endpoint path such as `v1/w3s/config/entity`, kept under
/// any path prefix the base URL has (a gateway may mount Circle under one).
pub(crate) fn endpoint_url(base: &Url, path: &str) -> Result<Url, CircleError> {
    let mut base = base.clone();
    if !base.path().ends_with('/') {
        let with_slash = format!("{}/", base.path());
        base.set_path(&with_slash);
    }
    base.join(path.trim_start_matches('/'))
        .map_err(|_| CircleError::BadBaseUrl {
            problem: text::URL_CANNOT_JOIN,
        })
}

fn display_without_credentials(url: &Url) -> String {
    let mut shown = url.clone();
    // Both setters fail only for URLs that cannot have credentials at all,
    // in which case there is nothing to remove.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;

    fn check(text: &str) -> Result<(), CircleError> {
        check_base_url(&Url::parse(text).unwrap())
    }

    #[test]
    fn default_is_circle_over_https() {
        let config = ClientConfig::default();
        assert_eq!(config.base_url.as_str(), "https://api.circle.com/");
        assert!(check_base_url(&config.base_url).is_ok());
        assert_eq!(config.connect_timeout, Duration::from_secs(10));
        assert_eq!(config.request_timeout, Duration::from_secs(30));
    }

    #[test]
    fn https_anywhere_and_http_only_on_loopback() {
        for ok in [
            "https://api.circle.com",
            "https://gateway.example/circle/",
            "http://127.0.0.1:8080",
            "http://[::1]:9",
            "http://localhost:1234/",
            "http://LOCALHOST",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for insecure in [
            "http://api.circle.com",
            "http://127.0.0.2",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://api.circle.com",
            "file:///etc/passwd",
            "ws://127.0.0.1",
        ] {
            let err = check(insecure).unwrap_err();
            assert!(
                matches!(err, CircleError::InsecureUrl { .. }),
                "{insecure}: {err:?}"
            );
            assert!(!err.next_step().is_empty());
        }
    }

    #[test]
    fn credentials_query_and_fragment_are_refused_without_echoing_secrets() {
        for bad in [
            "https://user:hunter2@api.circle.com",
            "https://api.circle.com/?x=1",
            "https://api.circle.com/#top",
        ] {
            let err = check(bad).unwrap_err();
            assert!(matches!(err, CircleError::BadBaseUrl { .. }), "{bad}");
            assert!(!err.to_string().contains("hunter2"));
        }
        let err = check("http://user:hunter2@example.com").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn endpoints_keep_a_path_prefix() {
        let join = |base: &str, path: &str| {
            endpoint_url(&Url::parse(base).unwrap(), path)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            join("https://api.circle.com", "v1/w3s/config/entity"),
            "https://api.circle.com/v1/w3s/config/entity"
        );
        assert_eq!(
            join("https://gw.example/circle", "/ping"),
            "https://gw.example/circle/ping"
        );
        assert_eq!(
            join("http://127.0.0.1:5/", "ping"),
            "http://127.0.0.1:5/ping"
        );
    }
}

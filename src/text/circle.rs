//! Talking to Circle: what happened when a call failed, and what to do.

/// ": “excerpt”." — without a second full stop when the excerpt ends a
/// sentence itself.
fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        ".".to_owned()
    } else if excerpt.ends_with(['.', '!', '?']) {
        format!(": \u{201c}{excerpt}\u{201d}")
    } else {
        format!(": \u{201c}{excerpt}\u{201d}.")
    }
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

fn code_suffix(code: Option<i64>) -> String {
    code.map(|c| format!(", code {c}")).unwrap_or_default()
}

// ----- what happened -----

/// Circle already has an entity secret (409).
pub fn already_registered(after_ambiguous_attempt: bool) -> String {
    let why = if after_ambiguous_attempt {
        ", but an earlier attempt of this registration failed with a server error and may have been the one that set it"
    } else {
        ", so this one was not registered"
    };
    format!("Circle says this account already has an entity secret{why}.")
}
/// Circle could not use the entity secret in the ciphertext.
pub const INVALID_SECRET: &str = "Circle rejected the entity secret as invalid.";
/// A ciphertext was sent twice.
pub const CIPHERTEXT_REUSED: &str = "Circle refused a ciphertext that had already been used.";
/// The account has no entity secret yet.
pub const NOT_REGISTERED: &str = "Circle says no entity secret is registered for this account yet.";
/// A TEST key used against LIVE or the reverse.
pub const ENVIRONMENT_MISMATCH: &str =
    "Circle says the API key belongs to the other environment (TEST versus LIVE).";
/// Circle does not know the API key.
pub const KEY_NOT_FOUND: &str = "Circle could not find this API key.";
/// HTTP 401.
pub const UNAUTHORIZED: &str = "Circle did not accept the API key (HTTP 401).";
/// HTTP 403.
pub const FORBIDDEN: &str = "The API key is not allowed to do this (HTTP 403).";
/// HTTP 429, still after every retry.
pub const RATE_LIMITED: &str = "Circle is limiting how fast requests may be sent (HTTP 429), and the retries did not get through.";
/// A 5xx answer with a JSON body.
pub fn server(status: u16, excerpt: &str) -> String {
    format!(
        "Circle had a server problem (HTTP {status}){}",
        excerpt_suffix(excerpt)
    )
}
/// An answer that is not JSON.
pub fn non_json(status: u16, excerpt: &str) -> String {
    format!(
        "The answer (HTTP {status}) was not from Circle's API but a page from something in between, such as a proxy, firewall or CDN{}",
        excerpt_suffix(excerpt)
    )
}
/// Any other error answer.
pub fn api(status: u16, code: Option<i64>, message: &str) -> String {
    format!(
        "Circle refused the request (HTTP {status}{}){}",
        code_suffix(code),
        excerpt_suffix(message)
    )
}
/// A success status whose body could not be understood.
pub fn malformed_response(problem: &str) -> String {
    format!("Circle's answer could not be understood: {problem}.")
}
/// An answer bigger than any Circle answer.
pub fn body_too_large(limit: usize) -> String {
    format!(
        "The answer was larger than {}, far more than Circle ever sends, so reading it stopped.",
        size_text(limit)
    )
}
/// No complete answer in time.
pub const TIMEOUT: &str = "Circle did not answer in time.";
/// No connection could be opened.
pub fn connect(detail: &str) -> String {
    format!("Could not connect to Circle ({detail}).")
}
/// The connection broke before the answer was complete.
pub fn interrupted(detail: &str) -> String {
    format!("The connection to Circle broke before the answer was complete ({detail}).")
}
/// The TLS handshake failed.
pub fn tls(detail: &str) -> String {
    format!("The secure connection to Circle could not be set up ({detail}).")
}
/// The registration was sent but no answer came back.
pub const OUTCOME_UNKNOWN: &str = "The registration was sent, but the connection broke before Circle's answer arrived, so it may have happened.";
/// A server error on an earlier attempt, and the later ones failed too.
pub fn gave_up_after_server_error(last: &str) -> String {
    format!(
        "Circle answered an earlier attempt with a server error and the later attempts failed too ({last}), so the registration may have happened."
    )
}
/// The base URL would send the API key unencrypted.
pub fn insecure_url(url: &str) -> String {
    format!(
        "Refusing to send the API key to {url}: only https:// addresses are allowed (plain http:// only to this computer)."
    )
}
/// The base URL is unusable for another reason.
pub fn bad_base_url(problem: &str) -> String {
    format!("The Circle address cannot be used: {problem}.")
}
/// The extra CA certificate file could not be used.
pub fn bad_ca_file(path: &str, problem: &str) -> String {
    format!("The extra CA certificate file {path} could not be used: {problem}.")
}
/// The HTTP client could not be set up.
pub fn setup(detail: &str) -> String {
    format!("The connection to Circle could not be prepared ({detail}).")
}
/// Circle sent a public key that cannot be used.
pub fn public_key(source: &str) -> String {
    format!("Circle's public key cannot be used: {source}")
}

// ----- why an address, a CA file or an answer could not be used -----

/// The base URL carries credentials.
pub const URL_HAS_CREDENTIALS: &str = "it contains a user name or password";
/// The base URL has a query or fragment.
pub const URL_HAS_QUERY: &str = "it contains a query (?…) or fragment (#…)";
/// An endpoint path cannot be joined to the base URL.
pub const URL_CANNOT_JOIN: &str = "an endpoint path cannot be added to it";
/// The CA file is too large.
pub const CA_FILE_TOO_LARGE: &str = "it is far larger than any certificate file";
/// The CA file is not PEM.
pub const CA_FILE_NOT_PEM: &str = "it is not a PEM certificate file";
/// The CA file holds no certificate.
pub const CA_FILE_EMPTY: &str = "it holds no certificate (-----BEGIN CERTIFICATE-----)";
/// The API key holds bytes an HTTP header cannot carry.
pub const KEY_NOT_A_HEADER: &str = "the API key cannot be sent in an HTTP header";
/// An answer's body is not JSON.
pub const BODY_NOT_JSON: &str = "the body is not valid JSON";
/// An answer ended early.
pub const ANSWER_CUT_SHORT: &str = "the answer was cut short";
/// The app id in an answer is not a UUID.
pub const APP_ID_NOT_UUID: &str = "data.appId is not a UUID (such as 5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162), the form every Circle app id takes";

// ----- what to do -----

/// The API key is wrong for this.
pub const FIX_KEY_NEXT: &str = "Copy the API key again from Circle Console (Keys), check it is a Wallets API key for the intended environment, and try again.";
/// Circle had a server problem.
pub const RETRY_LATER_NEXT: &str = "Wait a few minutes and try again; repeated failures can make Circle lock the key out for a while. If it persists, check https://status.circle.com and give Circle support the request id.";
/// No connection to Circle.
pub const NETWORK_NEXT: &str = "Check the network connection. On a managed network, a proxy or firewall may block api.circle.com: set HTTPS_PROXY (and NO_PROXY) to your proxy, or ask IT to allow it.";
/// A 409 after an ambiguous attempt: the same way forward as the status
/// screen gives for it, through the app's check with Circle (Console cannot
/// tell which secret it holds).
pub const ALREADY_REGISTERED_AMBIGUOUS_NEXT: &str = "Keep this secret: it may be the registered one, and its recovery file never arrived. Check with Circle first (from the start screen): if Circle holds this secret, rotate it soon in Circle Console to get a recovery file; if it holds another, use the recovery file you already have to reset it.";
/// A plain 409.
pub const ALREADY_REGISTERED_NEXT: &str = "Nothing was changed. If you have the current secret, rotate it in Circle Console; if it is lost, reset it there with the recovery file. This app prepares the ciphertexts for both.";
/// Circle rejected the secret.
pub const INVALID_SECRET_NEXT: &str = "Fetch Circle's public key again and make sure the secret is 64 hexadecimal characters, then try again with a fresh ciphertext.";
/// A ciphertext was reused.
pub const CIPHERTEXT_REUSED_NEXT: &str = "Try again: this app makes a fresh ciphertext for every request. Never paste an old ciphertext.";
/// Nothing registered yet.
pub const NOT_REGISTERED_NEXT: &str = "Register an entity secret for this account first.";
/// HTTP 403.
pub const FORBIDDEN_NEXT: &str = "In Circle Console, give this API key access to Developer-Controlled Wallets, or use a key that has it.";
/// HTTP 429.
pub const RATE_LIMITED_NEXT: &str = "Wait a minute, then try again. Nothing needs to change.";
/// Not Circle's answer but a page from something in between.
pub const NON_JSON_NEXT: &str = "Try again in a few minutes. If it keeps happening, a proxy or firewall may be blocking api.circle.com: ask IT, or set HTTPS_PROXY to your proxy.";
/// Any other refusal.
pub const API_NEXT: &str = "Check the API key and the account in Circle Console. If it persists, give Circle support the request id.";
/// An answer that could not be understood.
pub const MALFORMED_NEXT: &str = "Try again. If it persists, something between this computer and Circle (a proxy or firewall) may be altering the answers: check HTTPS_PROXY or ask IT.";
/// A timeout or a broken connection.
pub const TIMEOUT_NEXT: &str = "Check the network connection and try again. A slow proxy or firewall may be in the way: check HTTPS_PROXY or ask IT.";
/// A TLS failure.
pub const TLS_NEXT: &str = "If your organization inspects HTTPS traffic, ask IT for its root certificate as a PEM file and add it as the extra CA certificate. Also check that the computer's clock is right.";
/// The registration may have happened: the same way forward as the
/// wizard's screen for it.
pub const OUTCOME_UNKNOWN_NEXT: &str = super::wizard::OUTCOME_UNKNOWN_NEXT;
/// An unusable base URL.
pub const BAD_URL_NEXT: &str = "Use https://api.circle.com (or leave the address at its default).";
/// An unusable CA file.
pub const BAD_CA_FILE_NEXT: &str = "Choose a PEM file holding one or more certificates (-----BEGIN CERTIFICATE-----), or remove the extra CA setting.";
/// The HTTP client could not be set up.
pub const SETUP_NEXT: &str =
    "Restart the app. If it keeps happening, check the extra CA setting and report the message.";

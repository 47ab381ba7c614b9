//! What the screens render of a check with Circle: whose secret, what the
//! call creates (said before consent), Circle's answer and what became of
//! the secret.

use crate::ceremony::{CheckAnswer, CheckSession, CheckSubject, Settled};
use crate::secret::Environment;

/// A check as the screens see it.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// Whose secret.
    pub of: CheckSubject,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// TEST or LIVE.
    pub environment: Environment,
    /// The app.
    pub app_id: String,
    /// The keychain account of the secret.
    pub account: String,
    /// The secret's fingerprint, where known.
    pub fingerprint: Option<String>,
    /// The name of the wallet set the call creates.
    pub wallet_set_name: String,
    /// Whether the API key was accepted and Circle's key fetched.
    pub key_given: bool,
    /// Whether the person consented to the call.
    pub consented: bool,
    /// Circle's answer, once asked.
    pub answer: Option<CheckAnswer>,
    /// What became of the secret, once settled.
    pub settled: Option<Settled>,
    /// A bookkeeping failure to show.
    pub log_problem: Option<String>,
}

impl CheckView {
    /// Copy what a check shows.
    pub fn of(
        session: &CheckSession,
        key_given: bool,
        consented: bool,
        settled: Option<Settled>,
    ) -> Self {
        let (environment, app_id) = session.app();
        Self {
            of: session.subject().clone(),
            rehearsal: session.is_rehearsal(),
            environment,
            app_id: app_id.to_owned(),
            account: session.account().to_owned(),
            fingerprint: session.fingerprint().map(str::to_owned),
            wallet_set_name: session.wallet_set_name(),
            key_given,
            consented,
            answer: session.answer().cloned(),
            settled,
            log_problem: session.log_problem(),
        }
    }
}

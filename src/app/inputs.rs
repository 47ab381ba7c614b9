//! What the person types or chooses on the Console ceremonies' screens,
//! kept between frames. Nothing here is secret: the API key and an
//! imported secret go into the masked fields, which keep no history.

/// What Console did, as the person says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleDid {
    /// It accepted the new secret and offered a recovery file.
    Accepted,
    /// It refused the new secret, or the person did not go through with it.
    Refused,
}

/// The Console ceremonies' typed fields and choices.
#[derive(Debug, Default)]
pub struct ConsoleInputs {
    /// LIVE rather than TEST, for the app typed offline.
    pub live: bool,
    /// The app id typed offline.
    pub app_id: String,
    /// A reset of a compromised secret (not only a lost one).
    pub compromised: bool,
    /// Where the ciphertext to carry is saved (typed).
    pub ciphertext_file: String,
    /// What Console did, chosen and not yet sent.
    pub console_did: Option<ConsoleDid>,
    /// The recovery file to import (typed).
    pub recovery_file: String,
    /// Where the imported recovery file goes (typed).
    pub destination: String,
    /// Where a recovery file that never came here is kept.
    pub elsewhere_place: String,
    /// Its SHA-256, if the person has it.
    pub elsewhere_sha256: String,
    /// Rehearsal: pasted in the simulated Console's current secret field.
    pub sim_current: String,
    /// Rehearsal: pasted in the simulated Console's new secret field.
    pub sim_new: String,
    /// Rehearsal: the recovery file uploaded to the simulated Console.
    pub sim_upload: String,
    /// Rehearsal: where the simulated Console's download goes (typed).
    pub sim_download: String,
    /// Rehearsal: the simulated Console offers a recovery file.
    pub sim_offers_download: bool,
    /// The person consented to a check's call.
    pub consent: bool,
}

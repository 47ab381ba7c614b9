//! A Console ceremony in the worker (rotation, reset, registration through
//! Console): each command one step of the shared shape, and the
//! ciphertexts shown for Console kept for the screen (not secret, and
//! replaced by "make another": each is single-use).

use std::path::PathBuf;

use super::super::console_view::{ConsoleView, ShownCiphertext};
use super::super::session_view::SessionView;
use super::io::{Outcome, WorkerIo};
use super::protocol::{ConsoleCommand as C, Event, Finished};
use crate::ceremony::console::{ConsoleCeremony, ConsoleKind};
use crate::ceremony::steps::CiphertextOf;
use crate::ceremony::{CeremonyContext, CeremonyError, Mode, blocking};
use crate::secret::Ciphertext;
use crate::store::{self, InProgress};
use crate::text::{console as console_text, wizard as text};

/// A Console ceremony, and how to build it again when the keychain is
/// checked again (a keychain unlocked since is found by a fresh context).
pub(super) struct ConsoleState {
    mode: Mode,
    kind: ConsoleKind,
    resume: Option<InProgress>,
    ceremony: Option<ConsoleCeremony>,
    ciphertexts: Vec<ShownCiphertext>,
    simulated_app: Option<String>,
    /// The fingerprint of the new secret once discarded, for the screen.
    discarded: Option<String>,
}

impl ConsoleState {
    /// A session that builds a new ceremony of `kind`, or carries on
    /// `resume`, against `mode`.
    pub(super) fn new(
        mode: Mode,
        kind: ConsoleKind,
        resume: Option<InProgress>,
        simulated_app: Option<String>,
    ) -> Self {
        Self {
            mode,
            kind,
            resume,
            ceremony: None,
            ciphertexts: Vec::new(),
            simulated_app,
            discarded: None,
        }
    }

    /// The new secret's journal entry and how the ceremony reaches Circle:
    /// what a handoff of the new secret needs.
    pub(super) fn pending(&self) -> Option<(InProgress, Mode)> {
        let entry = self.ceremony.as_ref()?.journal_entry()?.clone();
        Some((entry, self.mode.clone()))
    }

    /// What the screens show, once there is a ceremony.
    pub(super) fn view(&self) -> Option<SessionView> {
        let ceremony = self.ceremony.as_ref()?;
        Some(SessionView::Console(Box::new(ConsoleView::of(
            ceremony,
            self.resume.is_some(),
            &self.ciphertexts,
            self.simulated_app.clone(),
            self.discarded.clone(),
        ))))
    }

    /// Whether an imported recovery file is held and not saved yet.
    pub(super) fn holds_unsaved_recovery(&self) -> bool {
        self.ceremony
            .as_ref()
            .is_some_and(ConsoleCeremony::holds_unsaved_recovery)
    }

    /// Build the ceremony with a freshly opened keychain and check it; a
    /// carried-on ceremony then reads its secrets back and goes on where
    /// it stopped.
    pub(super) async fn check_keychain(&mut self, io: &WorkerIo) -> Outcome {
        io.busy(text::CHECKING_KEYCHAIN_BUSY);
        self.ceremony = None;
        self.ciphertexts.clear();
        let ctx = CeremonyContext::open(&io.deps.core, &self.mode)?;
        let ceremony = self.ceremony.insert(match &self.resume {
            Some(entry) => ConsoleCeremony::resume(ctx, entry.clone())?,
            None => ConsoleCeremony::new(ctx, self.kind),
        });
        ceremony.check_keychain().await?;
        Ok(Some(Finished::KeychainChecked))
    }

    /// Run one step.
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        if matches!(command, C::CheckKeychain) {
            return self.check_keychain(io).await;
        }
        let Some(c) = self.ceremony.as_mut() else {
            return Err(CeremonyError::NotYet(text::KEYCHAIN_CHECKED_FIRST));
        };
        Ok(Some(match command {
            C::CheckKeychain => return Ok(None),
            C::SubmitApiKey(key) => {
                io.busy(text::CHECKING_API_KEY_BUSY);
                c.submit_api_key(&key).await?;
                Finished::ApiKeyAccepted
            }
            C::SetApp {
                environment,
                app_id,
            } => {
                c.set_app(environment, &app_id).await?;
                Finished::Progressed
            }
            C::GenerateSecret => {
                c.generate_secret().await?;
                Finished::SecretReady
            }
            C::ImportSecret(hex) => {
                c.import_secret(&hex).await?;
                Finished::SecretReady
            }
            C::StageSecret => {
                io.busy(text::STORING_BUSY);
                c.stage_new_secret().await?;
                Finished::Progressed
            }
            C::FetchKey(api_key) => {
                if let Some(api_key) = api_key {
                    io.busy(text::CHECKING_API_KEY_BUSY);
                    c.give_api_key(&api_key).await?;
                }
                io.busy(text::FETCHING_KEY_BUSY);
                c.fetch_public_key().await?;
                Finished::KeyReady
            }
            C::ImportKey(typed) => {
                let Some(path) = io.typed_or_opened(typed, text::OPEN_KEY_TITLE).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                io.busy(text::READING_KEY_BUSY);
                c.import_public_key(&path).await?;
                Finished::KeyReady
            }
            C::AcknowledgeKeyChange(yes) => {
                c.acknowledge_key_change(yes);
                return Ok(None);
            }
            C::MakeCiphertexts => {
                io.busy(text::ENCRYPTING_BUSY);
                let made = c.make_ciphertexts().await?;
                for (of, ciphertext) in made {
                    show(&mut self.ciphertexts, of, ciphertext);
                }
                Finished::Progressed
            }
            C::MakeAnother(of) => {
                io.busy(text::ENCRYPTING_BUSY);
                let ciphertext = c.make_another(of).await?;
                show(&mut self.ciphertexts, of, ciphertext);
                Finished::Progressed
            }
            C::SaveCiphertextFile(typed) => {
                let Some(shown) = self
                    .ciphertexts
                    .iter()
                    .find(|s| s.of == CiphertextOf::New)
                    .cloned()
                else {
                    return Err(CeremonyError::NotYet(console_text::CIPHERTEXT_FIRST));
                };
                let name = console_text::CIPHERTEXT_FILE_NAME.to_owned();
                let title = console_text::SAVE_CIPHERTEXT_TITLE;
                let Some(path) = io.typed_or_saved(typed, title, None, name.clone()).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                let path = blocking(move || in_folder(path, &name)).await?;
                c.save_ciphertext_file(shown.text, &path).await?;
                Finished::CiphertextFileSaved(path)
            }
            C::Accepted => {
                c.console_accepted().await?;
                Finished::Progressed
            }
            C::Refused => {
                c.console_refused().await?;
                Finished::Progressed
            }
            C::DiscardNewSecret(typed) => {
                io.busy(text::DISCARDING_BUSY);
                let fingerprint = c.new_fingerprint();
                c.discard_new_secret(&typed).await?;
                self.discarded = fingerprint;
                Finished::Progressed
            }
            C::ImportRecovery(typed) => {
                let title = console_text::OPEN_RECOVERY_TITLE;
                let Some(path) = io.typed_or_opened(typed, title).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                c.import_recovery_file(&path).await?;
                Finished::Progressed
            }
            C::ChooseDestination(typed) => {
                let name = store::default_file_name(io.deps.core.clock.now());
                let home = Some(io.deps.core.home.clone());
                let title = text::SAVE_DIALOG_TITLE;
                let Some(path) = io.typed_or_saved(typed, title, home, name).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                c.choose_destination(path).await?;
                Finished::DestinationChosen
            }
            C::Acknowledge(index, yes) => {
                c.acknowledge_warning(index, yes);
                return Ok(None);
            }
            C::SaveRecovery => {
                io.busy(text::WRITING_RECOVERY_BUSY);
                c.save_recovery().await?;
                Finished::Progressed
            }
            C::RecordElsewhere { place, sha256 } => {
                io.busy(text::COMPLETING_BUSY);
                c.record_recovery_elsewhere(&place, sha256.as_deref())
                    .await?;
                Finished::Progressed
            }
            C::RevealNewSecret(use_) => {
                if let Some(hex) = c.expose_new_secret_hex() {
                    io.emit(Event::Secret(hex, use_));
                }
                return Ok(None);
            }
        }))
    }
}

/// Show a fresh ciphertext of `of` in place of the one before (used or
/// not, it is not offered again).
fn show(shown: &mut Vec<ShownCiphertext>, of: CiphertextOf, ciphertext: Ciphertext) {
    let number = shown
        .iter()
        .find(|s| s.of == of)
        .map_or(1, |s| s.number + 1);
    shown.retain(|s| s.of != of);
    shown.push(ShownCiphertext {
        of,
        text: ciphertext.into_wire(),
        number,
    });
    // The current secret's first, as Console's form asks for them.
    shown.sort_by_key(|s| s.of != CiphertextOf::Current);
}

/// A typed folder gets the file under its own name inside it.
fn in_folder(path: PathBuf, name: &str) -> PathBuf {
    if path.is_dir() { path.join(name) } else { path }
}

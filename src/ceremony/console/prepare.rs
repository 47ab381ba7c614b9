//! Everything before Console: the keychain, the app, the new secret staged
//! and read back, Circle's key, and the ciphertexts — the journal saying
//! they were shown before they are.

use std::path::Path;

use super::{ConsoleCeremony, ConsoleKind, ConsoleStage as S};
use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::steps::{
    self, CiphertextOf, KeyPolicy, StagePlan, check_api_key, check_app_policy, check_keychain,
    make_ciphertext, read_secret, stage_secret,
};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::secret::{Ciphertext, EntitySecret, Environment};
use crate::store::{self, InProgress, Outcome, Retirement, Stage};
use crate::text::not_yet;

impl ConsoleCeremony {
    /// Carry on a Console ceremony that stopped after its new secret was
    /// staged: after the keychain check, both secrets are read back from
    /// the keychain (each must be the one the journal names) and the
    /// ceremony continues where the journal says it was.
    pub fn resume(ctx: CeremonyContext, entry: InProgress) -> Result<Self, CeremonyError> {
        let Some(kind) = ConsoleKind::of(entry.ceremony) else {
            return Err(CeremonyError::NotYet(not_yet::NOT_CONSOLE));
        };
        let book = Bookkeeping::resumed(&ctx, entry);
        Ok(Self::with(ctx, book, kind))
    }

    /// Step 1: prove the keychain works. A carried-on ceremony then reads
    /// its secrets back and goes on where it stopped.
    pub async fn check_keychain(&mut self) -> Result<String, CeremonyError> {
        self.require(&[S::Start, S::KeychainReady], not_yet::KEYCHAIN_FIRST)?;
        let backend = check_keychain(&self.ctx, &self.book).await?;
        self.backend = Some(backend.clone());
        self.stage = S::KeychainReady;
        if let Some(entry) = self.book.entry().cloned() {
            self.carry_on(&entry).await?;
        }
        Ok(backend)
    }

    async fn carry_on(&mut self, entry: &InProgress) -> Result<(), CeremonyError> {
        self.environment = Some(entry.environment);
        self.app_id = Some(entry.app_id.clone());
        self.previous = self
            .book
            .list_records()
            .await?
            .into_iter()
            .find(|r| r.environment == entry.environment && r.app_id == entry.app_id);
        self.new_secret = Some(
            read_secret(
                &self.ctx,
                &entry.keychain_account,
                Some(&entry.secret_fingerprint),
            )
            .await?,
        );
        if let Some(retire) = &entry.retire
            && self.kind == ConsoleKind::Rotation
        {
            self.current = Some(
                read_secret(&self.ctx, &retire.from_account, Some(&retire.fingerprint)).await?,
            );
        }
        self.stage = match entry.stage {
            Stage::CiphertextShown => S::ShownForConsole,
            Stage::Registered => S::Accepted,
            Stage::ConsoleRefused => S::Refused,
            _ => S::SecretStaged,
        };
        self.book
            .log(
                LogLine::new("resume", Outcome::Succeeded)
                    .secret(self.new_fingerprint())
                    .detail(crate::text::log::carried_on(&entry.keychain_account)),
            )
            .await;
        Ok(())
    }

    /// Step 2, with a route to Circle: the API key names the app. A rotation
    /// needs this app's registration and secret here; a reset only that no
    /// other new secret waits.
    pub async fn submit_api_key(&mut self, text: &str) -> Result<(), CeremonyError> {
        self.require(&[S::KeychainReady, S::AppKnown], "the keychain comes first")?;
        let policy = match self.kind {
            ConsoleKind::Rotation => KeyPolicy::RegisteredHere,
            ConsoleKind::Reset => KeyPolicy::Reset,
            ConsoleKind::Registration => KeyPolicy::FirstRegistration,
        };
        let accepted = check_api_key(&self.ctx, &self.book, text, &policy).await?;
        let environment = accepted.key.environment();
        self.api_key = Some(accepted.key);
        self.app_known(environment, accepted.app_id).await
    }

    /// An API key for a carried-on ceremony, to ask Circle for its key
    /// again (the key is never kept between runs). It must belong to the
    /// ceremony's app; nothing else changes.
    pub async fn give_api_key(&mut self, text: &str) -> Result<(), CeremonyError> {
        self.require(
            &[S::SecretStaged, S::KeyReady, S::ShownForConsole],
            not_yet::API_KEY_OWN_STEP,
        )?;
        let (Some(environment), Some(app_id)) = (self.environment, self.app_id.clone()) else {
            return Err(CeremonyError::NotYet(not_yet::APP_NOT_KNOWN));
        };
        let policy = KeyPolicy::Continue {
            environment,
            app_id,
        };
        let accepted = check_api_key(&self.ctx, &self.book, text, &policy).await?;
        self.api_key = Some(accepted.key);
        Ok(())
    }

    /// Step 2, offline (registration through Console): the person types the
    /// environment and the app id Console shows; nothing is asked of Circle.
    pub async fn set_app(
        &mut self,
        environment: Environment,
        app_id: &str,
    ) -> Result<(), CeremonyError> {
        self.require(&[S::KeychainReady, S::AppKnown], "the keychain comes first")?;
        let app_id = app_id.trim();
        if uuid::Uuid::parse_str(app_id).is_err() {
            return Err(CeremonyError::AppIdNotValid {
                typed: app_id.chars().take(80).collect(),
            });
        }
        let policy = match self.kind {
            ConsoleKind::Registration => KeyPolicy::FirstRegistration,
            ConsoleKind::Reset => KeyPolicy::Reset,
            ConsoleKind::Rotation => KeyPolicy::RegisteredHere,
        };
        check_app_policy(&self.ctx, &self.book, &policy, environment, app_id).await?;
        self.app_known(environment, app_id.to_lowercase()).await
    }

    async fn app_known(
        &mut self,
        environment: Environment,
        app_id: String,
    ) -> Result<(), CeremonyError> {
        self.previous = self
            .book
            .list_records()
            .await?
            .into_iter()
            .find(|r| r.environment == environment && r.app_id == app_id);
        self.current = None;
        if self.kind == ConsoleKind::Rotation {
            let Some(record) = &self.previous else {
                return Err(CeremonyError::NotRegisteredHere {
                    app: format!("{environment} {app_id}"),
                });
            };
            self.current = Some(
                read_secret(
                    &self.ctx,
                    &record.keychain_account,
                    Some(&record.secret_fingerprint),
                )
                .await?,
            );
        }
        self.environment = Some(environment);
        self.app_id = Some(app_id);
        self.new_secret = None;
        self.stage = S::AppKnown;
        Ok(())
    }

    /// Step 3a: a new secret from the operating system's generator.
    pub async fn generate_secret(&mut self) -> Result<String, CeremonyError> {
        self.set_new_secret(EntitySecret::generate(), false).await
    }

    /// Step 3b: a new secret the person already has (64 hex characters).
    pub async fn import_secret(&mut self, hex: &str) -> Result<String, CeremonyError> {
        self.set_new_secret(EntitySecret::import_hex(hex)?, true)
            .await
    }

    async fn set_new_secret(
        &mut self,
        secret: EntitySecret,
        imported: bool,
    ) -> Result<String, CeremonyError> {
        self.require(
            &[S::AppKnown, S::SecretReady],
            not_yet::APP_FIRST_NEVER_REPLACED,
        )?;
        if self.current.as_ref() == Some(&secret) {
            return Err(CeremonyError::NewSecretIsCurrent);
        }
        let fingerprint = secret.fingerprint();
        self.new_secret = Some(secret);
        self.new_imported = imported;
        self.stage = S::SecretReady;
        self.book.secret_made(imported, &fingerprint).await;
        Ok(fingerprint)
    }

    /// Step 4: stage the new secret under the app's pending account and
    /// read it back, before anything is shown for Console. The journal says
    /// so first; a rotation's journal also names where the current secret
    /// will be kept once retired.
    pub async fn stage_new_secret(&mut self) -> Result<(), CeremonyError> {
        self.require(&[S::SecretReady], not_yet::NO_NEW_SECRET_TO_STORE)?;
        let (Some(secret), Some(environment), Some(app_id)) = (
            self.new_secret.as_ref(),
            self.environment,
            self.app_id.clone(),
        ) else {
            return Err(CeremonyError::NotYet(not_yet::NO_NEW_SECRET_TO_STORE));
        };
        let active = store::account_name(environment, &app_id, false);
        let retire = match (&self.current, self.kind) {
            (Some(current), _) => Some(Retirement {
                from_account: active.clone(),
                to_account: store::retired_account_name(environment, &app_id, self.book.now()),
                fingerprint: current.fingerprint(),
            }),
            // A reset of a compromised secret still in the keychain keeps it
            // as retired too: it is not deleted without the person.
            (None, ConsoleKind::Reset) => self.compromised_secret(&active).await?,
            (None, _) => None,
        };
        let plan = StagePlan {
            environment,
            app_id,
            retire,
            previous_recovery: self.previous.as_ref().and_then(|r| r.recovery_path.clone()),
        };
        stage_secret(&self.ctx, &mut self.book, secret, plan).await?;
        self.stage = S::SecretStaged;
        Ok(())
    }

    /// The secret a reset replaces, if it is still in the keychain.
    async fn compromised_secret(&self, active: &str) -> Result<Option<Retirement>, CeremonyError> {
        let (Some(environment), Some(app_id)) = (self.environment, self.app_id.as_deref()) else {
            return Ok(None);
        };
        match read_secret(&self.ctx, active, None).await {
            Ok(old) => Ok(Some(Retirement {
                from_account: active.to_owned(),
                to_account: store::retired_account_name(environment, app_id, self.book.now()),
                fingerprint: old.fingerprint(),
            })),
            Err(CeremonyError::SecretMissing { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Step 5: Circle's public key from Circle (needs the API key).
    pub async fn fetch_public_key(&mut self) -> Result<(), CeremonyError> {
        self.require_key_step()?;
        let Some(api_key) = self.api_key.as_ref() else {
            return Err(CeremonyError::NotYet(not_yet::API_KEY_NEEDED_TO_ASK));
        };
        let app = self.app();
        let checked = steps::fetch_public_key(
            &self.ctx,
            &self.book,
            api_key,
            app.as_ref().map(|(e, a)| (*e, a.as_str())),
        )
        .await?;
        self.key_known(checked).await
    }

    /// Step 5, offline: Circle's public key from a PEM file.
    pub async fn import_public_key(&mut self, path: &Path) -> Result<(), CeremonyError> {
        self.require_key_step()?;
        let app = self.app();
        let checked = steps::import_public_key(
            &self.book,
            path,
            app.as_ref().map(|(e, a)| (*e, a.as_str())),
        )
        .await?;
        self.key_known(checked).await
    }

    fn require_key_step(&self) -> Result<(), CeremonyError> {
        self.require(
            &[S::SecretStaged, S::KeyReady, S::ShownForConsole],
            not_yet::NEW_SECRET_STORED_FIRST,
        )
    }

    fn app(&self) -> Option<(Environment, String)> {
        Some((self.environment?, self.app_id.clone()?))
    }

    async fn key_known(&mut self, checked: steps::CheckedPublicKey) -> Result<(), CeremonyError> {
        let fingerprint = checked.key.fingerprint();
        self.key = Some(checked);
        self.key_change_acknowledged = false;
        if self.stage == S::SecretStaged {
            self.stage = S::KeyReady;
        }
        self.book
            .update(|e| e.public_key_fingerprint = Some(fingerprint))
            .await
    }

    /// Acknowledge that Circle's key differs from the one on record.
    pub fn acknowledge_key_change(&mut self, acknowledged: bool) {
        self.key_change_acknowledged = acknowledged;
    }

    /// Step 6: fresh ciphertexts for Console — of the current secret and of
    /// the new one for a rotation, of the new one otherwise. The journal
    /// records that they are shown before they are: Console may act on
    /// them at any moment after.
    pub async fn make_ciphertexts(
        &mut self,
    ) -> Result<Vec<(CiphertextOf, Ciphertext)>, CeremonyError> {
        self.require(
            &[S::KeyReady, S::ShownForConsole],
            not_yet::PUBLIC_KEY_FIRST,
        )?;
        if !self.key_change_acknowledged() {
            return Err(CeremonyError::KeyChangeNotAcknowledged);
        }
        self.book.advance(Stage::CiphertextShown).await?;
        self.stage = S::ShownForConsole;
        let mut out = Vec::new();
        if self.kind == ConsoleKind::Rotation {
            out.push((
                CiphertextOf::Current,
                self.make_one(CiphertextOf::Current).await?,
            ));
        }
        out.push((CiphertextOf::New, self.make_one(CiphertextOf::New).await?));
        Ok(out)
    }

    /// Another fresh ciphertext of one of the two secrets.
    pub async fn make_another(&mut self, of: CiphertextOf) -> Result<Ciphertext, CeremonyError> {
        self.require(&[S::ShownForConsole], not_yet::CIPHERTEXTS_FIRST)?;
        self.make_one(of).await
    }

    async fn make_one(&mut self, of: CiphertextOf) -> Result<Ciphertext, CeremonyError> {
        let Some(key) = self.key.as_ref() else {
            return Err(CeremonyError::NotYet(not_yet::PUBLIC_KEY_NEEDED));
        };
        let Some(entry) = self.book.entry() else {
            return Err(CeremonyError::NotYet(not_yet::NEW_SECRET_STORED_FIRST));
        };
        let (account, fingerprint) = match (of, &entry.retire) {
            (CiphertextOf::New, _) => (
                entry.keychain_account.clone(),
                entry.secret_fingerprint.clone(),
            ),
            (CiphertextOf::Current, Some(r)) if self.kind == ConsoleKind::Rotation => {
                (r.from_account.clone(), r.fingerprint.clone())
            }
            (CiphertextOf::Current, _) => {
                return Err(CeremonyError::NotYet(not_yet::ONLY_ROTATION_CURRENT));
            }
        };
        let ciphertext =
            make_ciphertext(&self.ctx, &self.book, &account, &fingerprint, &key.key, of).await?;
        self.ciphertexts_made += 1;
        Ok(ciphertext)
    }

    /// Write a ciphertext to a new file, to carry to the machine that opens
    /// Console (it is single-use and reveals nothing about the secret).
    pub async fn save_ciphertext_file(
        &self,
        ciphertext: String,
        path: &Path,
    ) -> Result<(), CeremonyError> {
        let target = path.to_path_buf();
        blocking(move || crate::ceremony::documents::write_document(&target, &ciphertext))
            .await?
            .map_err(|e| {
                CeremonyError::Document(crate::ceremony::documents::describe_io_error(&e))
            })?;
        self.book
            .log(
                LogLine::new("ciphertext_file", Outcome::Succeeded)
                    .secret(self.new_fingerprint())
                    .detail(path.display().to_string()),
            )
            .await;
        Ok(())
    }
}

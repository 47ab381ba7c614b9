//! `status --json`: the status view in a stable, documented shape
//! (`"schema": 1`), its names spelled out in [`kinds`] rather than taken
//! from the core's types. Fingerprints only: no secret is ever in it. Each
//! item carries the window's words beside the machine-readable kind, so a
//! script can show what a person would see.

mod kinds;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use kinds::{
    account_kind, action, attention_kind, ceremony_kind, next_step_kind, presence_kind,
    recovery_warning_kind, situation_kind,
};
use serde::Serialize;

use super::error::CliError;
use crate::ceremony::Deps;
use crate::ceremony::status::{
    KeychainPresence, KnownRegistration, NextStep, StatusView, StraySecret, Unfinished,
};
use crate::store::RotationStatus;
use crate::text::status as words;

/// The schema version; raised only when a field changes meaning or goes.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Status<'a> {
    schema: u32,
    read_at: Option<DateTime<Utc>>,
    data_dir: &'a Path,
    rehearsal_data_dir: PathBuf,
    registrations: Vec<Registration<'a>>,
    unfinished: Vec<Ceremony<'a>>,
    strays: Vec<Stray<'a>>,
    locked_entries: usize,
    problems: &'a [String],
}

#[derive(Serialize)]
struct Registration<'a> {
    rehearsal: bool,
    environment: &'static str,
    app_id: &'a str,
    secret_fingerprint: &'a str,
    public_key_fingerprint: &'a str,
    registered_at: DateTime<Utc>,
    rotate_by: DateTime<Utc>,
    rotation: Rotation,
    keychain: Keychain<'a>,
    recovery: Recovery<'a>,
    attention: Vec<Said>,
    actions: Vec<&'static str>,
    retired: Vec<Retired<'a>>,
}

#[derive(Serialize)]
struct Rotation {
    state: &'static str,
    days_left: Option<i64>,
    days_overdue: Option<i64>,
    text: String,
}

#[derive(Serialize)]
struct Keychain<'a> {
    service: &'a str,
    account: &'a str,
    presence: &'static str,
    detail: Option<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct Recovery<'a> {
    path: Option<&'a Path>,
    sha256: Option<&'a str>,
    warning: Option<Said>,
}

#[derive(Serialize)]
struct Retired<'a> {
    fingerprint: &'a str,
    account: &'a str,
    retired_at: DateTime<Utc>,
    presence: &'static str,
}

/// A kind for scripts and the window's words for it.
#[derive(Serialize)]
struct Said {
    kind: &'static str,
    text: String,
}

#[derive(Serialize)]
struct Ceremony<'a> {
    id: uuid::Uuid,
    rehearsal: bool,
    ceremony: &'static str,
    environment: &'static str,
    app_id: &'a str,
    secret_fingerprint: &'a str,
    started_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    keychain: Keychain<'a>,
    situation: Said,
    next: Vec<Step>,
}

#[derive(Serialize)]
struct Stray<'a> {
    rehearsal: bool,
    environment: &'static str,
    app_id: &'a str,
    keychain_service: &'a str,
    keychain_account: &'a str,
    kind: &'static str,
    text: &'static str,
    next: Vec<Step>,
}

#[derive(Serialize)]
struct Step {
    step: &'static str,
    label: &'static str,
    help: String,
}

/// The status view as pretty-printed JSON, with a final newline.
pub fn render(view: &StatusView, deps: &Deps) -> Result<String, CliError> {
    let status = Status {
        schema: SCHEMA,
        read_at: view.read_at,
        data_dir: &deps.data_dir,
        rehearsal_data_dir: deps.data_dir_for(true),
        registrations: view.registrations.iter().map(registration).collect(),
        unfinished: view.unfinished.iter().map(ceremony).collect(),
        strays: view.strays.iter().map(stray).collect(),
        locked_entries: view.locked_entries,
        problems: &view.problems,
    };
    let mut json =
        serde_json::to_string_pretty(&status).map_err(|e| CliError::Output(e.to_string()))?;
    json.push('\n');
    Ok(json)
}

fn registration(known: &KnownRegistration) -> Registration<'_> {
    let r = &known.record;
    let (state, days_left, days_overdue) = match known.rotation {
        RotationStatus::Ok { days_left } => ("ok", Some(days_left), None),
        RotationStatus::DueSoon { days_left } => ("due_soon", Some(days_left), None),
        RotationStatus::Overdue { days } => ("overdue", None, Some(days)),
    };
    Registration {
        rehearsal: r.rehearsal,
        environment: r.environment.slug(),
        app_id: &r.app_id,
        secret_fingerprint: &r.secret_fingerprint,
        public_key_fingerprint: &r.public_key_fingerprint,
        registered_at: r.registered_at,
        rotate_by: r.rotate_by,
        rotation: Rotation {
            state,
            days_left,
            days_overdue,
            text: words::rotation(known.rotation, r.rotate_by),
        },
        keychain: keychain(&r.keychain_service, &r.keychain_account, &known.secret),
        recovery: Recovery {
            path: r.recovery_path.as_deref(),
            sha256: r.recovery_sha256.as_deref(),
            warning: r.recovery_warning.as_ref().map(|w| Said {
                kind: recovery_warning_kind(w),
                text: words::recovery_warning(w),
            }),
        },
        attention: known
            .attention
            .iter()
            .map(|a| Said {
                kind: attention_kind(a),
                text: words::attention(a),
            })
            .collect(),
        actions: known.actions.iter().map(|a| action(*a)).collect(),
        retired: known
            .retired
            .iter()
            .map(|(retired, presence)| Retired {
                fingerprint: &retired.fingerprint,
                account: &retired.keychain_account,
                retired_at: retired.retired_at,
                presence: presence_kind(presence),
            })
            .collect(),
    }
}

fn ceremony(item: &Unfinished) -> Ceremony<'_> {
    let e = &item.entry;
    Ceremony {
        id: e.id,
        rehearsal: e.rehearsal,
        ceremony: ceremony_kind(e.ceremony),
        environment: e.environment.slug(),
        app_id: &e.app_id,
        secret_fingerprint: &e.secret_fingerprint,
        started_at: e.started_at,
        updated_at: e.updated_at,
        keychain: keychain(&e.keychain_service, &e.keychain_account, &item.secret),
        situation: Said {
            kind: situation_kind(&item.situation),
            text: words::situation(&item.situation, e.ceremony),
        },
        next: steps(&item.next),
    }
}

fn stray(s: &StraySecret) -> Stray<'_> {
    Stray {
        rehearsal: s.rehearsal,
        environment: s.environment.slug(),
        app_id: &s.app_id,
        keychain_service: &s.service,
        keychain_account: &s.account,
        kind: account_kind(s.kind),
        text: words::stray(s.kind),
        next: steps(&s.next),
    }
}

fn keychain<'a>(
    service: &'a str,
    account: &'a str,
    presence: &'a KeychainPresence,
) -> Keychain<'a> {
    Keychain {
        service,
        account,
        presence: presence_kind(presence),
        detail: match presence {
            KeychainPresence::Unknown(detail) => Some(detail),
            _ => None,
        },
        text: words::presence(presence),
    }
}

fn steps(next: &[NextStep]) -> Vec<Step> {
    next.iter()
        .map(|step| Step {
            step: next_step_kind(*step),
            label: words::next_step_label(*step),
            help: words::next_step_help(*step),
        })
        .collect()
}

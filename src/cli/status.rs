//! `status`: what this computer knows, and the way forward for each item,
//! in the same words as the window.

use std::process::ExitCode;

use crate::ceremony::Deps;
use crate::ceremony::status::StatusView;
use crate::circle::ClientConfig;
use crate::error::explain;
use crate::text;

use super::fail;

/// Print the status.
pub fn run(_runtime: &tokio::runtime::Runtime, circle: ClientConfig) -> ExitCode {
    let deps = match Deps::real(circle) {
        Ok(d) => d,
        Err(e) => return fail(&explain(&e)),
    };
    let view = StatusView::load(&deps);
    println!("Records: {}", deps.data_dir.display());
    if view.registrations.is_empty() {
        println!("No registrations known on this computer.");
    }
    for known in &view.registrations {
        let r = &known.record;
        println!(
            "{}{} app {} — registered {} — secret {} — Circle key {} — {} — secret {}",
            if r.rehearsal { "[rehearsal] " } else { "" },
            r.environment,
            r.app_id,
            r.registered_at.format("%Y-%m-%d"),
            r.secret_fingerprint,
            r.public_key_fingerprint,
            text::status::rotation(known.rotation, r.rotate_by),
            text::status::presence(&known.secret),
        );
    }
    for item in &view.unfinished {
        let e = &item.entry;
        println!(
            "UNFINISHED {}{} {} app {} — secret {} ({}) — {}",
            if e.rehearsal { "[rehearsal] " } else { "" },
            e.ceremony.label(),
            e.environment,
            e.app_id,
            e.secret_fingerprint,
            text::status::presence(&item.secret),
            text::status::situation(&item.situation, e.ceremony),
        );
    }
    for p in &view.problems {
        println!("PROBLEM {p}");
    }
    ExitCode::SUCCESS
}

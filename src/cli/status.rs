//! `status`: what this computer knows, and the way forward for each item,
//! in the words the window's start screen uses (`text::status`).

use std::fmt::Write as _;

use super::args::StatusArgs;
use super::error::CliError;
use super::exit::Exit;
use super::{say, status_json};
use crate::ceremony::Deps;
use crate::ceremony::status::{Attention, KnownRegistration, NextStep, StatusView, Unfinished};
use crate::circle::ClientConfig;
use crate::text::{self, cli as words};

/// Print the status, as text or as JSON.
pub fn run(args: &StatusArgs, circle: ClientConfig) -> Result<Exit, CliError> {
    let deps = Deps::real(circle)?;
    let view = StatusView::load(&deps);
    if args.json {
        say::json(&status_json::render(&view, &deps)?)?;
    } else {
        say::out(&render(&view, &deps))?;
    }
    Ok(Exit::Ok)
}

/// The status as text for a person.
pub fn render(view: &StatusView, deps: &Deps) -> String {
    let mut out = String::new();
    line(&mut out, 0, &words::records_line(&deps.data_dir));
    if !view.unfinished.is_empty() {
        heading(&mut out, text::status::UNFINISHED_TITLE);
        for item in &view.unfinished {
            unfinished(&mut out, item);
        }
    }
    heading(&mut out, words::REGISTRATIONS_TITLE);
    if view.registrations.is_empty() {
        line(&mut out, 1, text::status::NOTHING_YET);
    }
    for known in &view.registrations {
        registration(&mut out, known);
    }
    if !view.strays.is_empty() {
        heading(&mut out, text::status::STRAYS_TITLE);
        for stray in &view.strays {
            line(&mut out, 1, &words::stray_line(stray));
            line(&mut out, 2, text::status::stray(stray.kind));
            next_steps(&mut out, &stray.next);
        }
    }
    if view.locked_entries > 0 {
        out.push('\n');
        line(
            &mut out,
            0,
            &text::status::locked_entries(view.locked_entries),
        );
    }
    if !view.problems.is_empty() {
        heading(&mut out, words::PROBLEMS_TITLE);
        for problem in &view.problems {
            line(&mut out, 1, problem);
        }
    }
    let offers_a_step = view.unfinished.iter().any(|u| !u.next.is_empty())
        || view.strays.iter().any(|s| !s.next.is_empty());
    if offers_a_step {
        out.push('\n');
        line(&mut out, 0, words::WAYS_FORWARD_ARE_IN_THE_WINDOW);
    }
    out
}

fn unfinished(out: &mut String, item: &Unfinished) {
    line(out, 1, &words::unfinished_line(item));
    line(
        out,
        2,
        &text::status::situation(&item.situation, item.entry.ceremony),
    );
    next_steps(out, &item.next);
}

fn registration(out: &mut String, known: &KnownRegistration) {
    let r = &known.record;
    line(out, 1, &words::registration_heading(r));
    line(out, 2, &words::registration_facts(r));
    line(out, 2, &text::status::rotation(known.rotation, r.rotate_by));
    line(out, 2, &words::secret_presence(&known.secret));
    line(out, 2, &words::recovery_line(r));
    for attention in &known.attention {
        // The rotation line above already says it.
        if !matches!(
            attention,
            Attention::RotationDueSoon { .. } | Attention::RotationOverdue { .. }
        ) {
            line(out, 2, &text::status::attention(attention));
        }
    }
    for (retired, presence) in &known.retired {
        line(out, 2, &words::retired_line(retired, presence));
    }
}

fn next_steps(out: &mut String, steps: &[NextStep]) {
    if steps.is_empty() {
        return;
    }
    line(out, 2, words::WHAT_TO_DO);
    for step in steps {
        line(
            out,
            3,
            &words::next_step_line(
                text::status::next_step_label(*step),
                &text::status::next_step_help(*step),
            ),
        );
    }
}

fn heading(out: &mut String, title: &str) {
    out.push('\n');
    line(out, 0, title);
}

fn line(out: &mut String, indent: usize, text: &str) {
    let _ = writeln!(out, "{}{text}", "  ".repeat(indent));
}

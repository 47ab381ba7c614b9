//! `record`: the ceremony log, for a witness or an auditor: one entry per
//! step (time, ceremony, step, outcome, fingerprints, request id, detail),
//! and every line that could not be read, said as such.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::args::RecordArgs;
use super::error::CliError;
use super::exit::Exit;
use super::say;
use crate::ceremony::Deps;
use crate::circle::ClientConfig;
use crate::store::log::LOG_FILE;
use crate::store::{CeremonyLog, DamagedLine, LogContents, LogEntry};
use crate::text::cli as text;

/// The schema version of `record --json`.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct RecordJson<'a> {
    schema: u32,
    log: &'a Path,
    entries: &'a [LogEntry],
    damaged: Vec<Damaged<'a>>,
}

#[derive(Serialize)]
struct Damaged<'a> {
    line: usize,
    error: &'a str,
}

/// Print the log of real ceremonies, or of rehearsals.
pub fn run(args: &RecordArgs, circle: ClientConfig) -> Result<Exit, CliError> {
    let deps = Deps::real(circle)?;
    let dir = deps.data_dir_for(args.rehearsal);
    let path = dir.join(LOG_FILE);
    // No folder yet is an empty log; opening the log would create one.
    let contents = if dir.exists() {
        CeremonyLog::open(dir)?.read_all()?
    } else {
        LogContents::default()
    };
    if args.json {
        say::json(&json(&path, &contents)?)?;
    } else {
        say::out(&render(&path, &contents))?;
    }
    Ok(Exit::Ok)
}

fn json(path: &Path, contents: &LogContents) -> Result<String, CliError> {
    let record = RecordJson {
        schema: SCHEMA,
        log: path,
        entries: &contents.entries,
        damaged: contents
            .damaged
            .iter()
            .map(|d| Damaged {
                line: d.line,
                error: &d.error,
            })
            .collect(),
    };
    let mut out =
        serde_json::to_string_pretty(&record).map_err(|e| CliError::Output(e.to_string()))?;
    out.push('\n');
    Ok(out)
}

/// The log as text: a heading, each entry in file order, then the lines
/// that could not be read, by line number.
pub fn render(path: &Path, contents: &LogContents) -> String {
    let mut out = text::log_heading(&path.display().to_string());
    if contents.entries.is_empty() && contents.damaged.is_empty() {
        out.push_str(text::LOG_EMPTY);
        out.push('\n');
        return out;
    }
    for entry in &contents.entries {
        push_entry(&mut out, entry);
    }
    if !contents.damaged.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", text::log_damaged_title(contents.damaged.len()));
        for d in &contents.damaged {
            push_damaged(&mut out, d);
        }
    }
    out
}

fn push_entry(out: &mut String, e: &LogEntry) {
    let _ = writeln!(out, "{}", text::log_entry_heading(e));
    for fact in text::log_entry_facts(e) {
        let _ = writeln!(out, "    {fact}");
    }
}

fn push_damaged(out: &mut String, d: &DamagedLine) {
    let _ = writeln!(out, "{}", text::log_damaged_line(d.line, &d.error));
}

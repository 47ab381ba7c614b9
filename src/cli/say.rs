//! Where the command line's words go: results on stdout (what scripts
//! read), errors and warnings on stderr, each in one place so nothing else
//! prints.

use std::io::{self, Write};

use super::error::CliError;

/// Write a command's result to stdout, all at once. A closed pipe (the
/// reader went away) or a full disk is an error, never a panic.
pub fn out(text: &str) -> Result<(), CliError> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| CliError::Output(e.to_string()))
}

/// One line of progress, for commands that report steps as they happen.
pub fn line(text: &str) -> Result<(), CliError> {
    out(&format!("{text}\n"))
}

/// An error for a person, on stderr.
pub fn error(text: &str) {
    to_stderr("error", text);
}

/// A warning for a person, on stderr: something to know that does not stop
/// the command.
pub fn warning(text: &str) {
    to_stderr("warning", text);
}

fn to_stderr(kind: &str, text: &str) {
    // Nothing useful is left to do if stderr itself is gone.
    let _ = writeln!(io::stderr().lock(), "{kind}: {text}");
}

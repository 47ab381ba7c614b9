//! Hardening the process: why the wizard refuses to run unprotected.

/// Core dumps could not be turned off.
pub fn core_limit(detail: &str) -> String {
    format!("Core dumps could not be turned off for this process ({detail}).")
}
/// The process could not be made non-dumpable.
pub fn dumpable(detail: &str) -> String {
    format!("This process could not be shielded from debuggers and core dumps ({detail}).")
}
/// What to do about either.
pub const HARDEN_NEXT: &str = "The wizard does not run unprotected, because a core dump or a debugger could copy the entity secret. Start it outside any sandbox or debugger that forbids prctl and setrlimit, and report this message if it persists.";

//! What this binary is: its version and the commit it was built from.

/// The version shown by `--version`: the package version and the commit, e.g.
/// `0.1.0 (commit 0123456789ab)`, with `-dirty` when the tree had uncommitted
/// changes, or `(commit unknown)` when it was built without git.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ESW_GIT_COMMIT"),
    ")"
);

/// The commit alone, as `build.rs` found it.
pub const COMMIT: &str = env!("ESW_GIT_COMMIT");

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_commit_is_a_short_hash_or_unknown() {
        let hash = COMMIT.strip_suffix("-dirty").unwrap_or(COMMIT);
        let is_short_hash = hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        assert!(
            is_short_hash || COMMIT == "unknown",
            "unexpected commit {COMMIT:?}"
        );
    }

    #[test]
    fn version_names_the_package_version_and_the_commit() {
        assert_eq!(
            VERSION,
            format!("{} (commit {COMMIT})", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn the_command_line_prints_this_version() {
        let version = crate::cli::Cli::command().render_version();
        assert_eq!(version, format!("entity-secret-wizard {VERSION}\n"));
    }
}

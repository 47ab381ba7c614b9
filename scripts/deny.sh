#!/usr/bin/env bash
# Supply-chain check with cargo-deny, as configured in deny.toml: advisories,
# licences, bans and sources.
#
#   scripts/deny.sh              every check
#   scripts/deny.sh bans         only the named checks (advisories, bans,
#                                licenses, sources)
#
# This machine cannot reach the RustSec advisory database, so the check runs
# against the offline snapshot in ../shared/advisory-db/ (beside the
# repository, or $ADVISORY_DB_SNAPSHOT): advisories published after the snapshot's date are not seen,
# and this script prints that date at every run. cargo-deny is installed from
# crates.io at the pinned version only when it is missing (~/.cargo/bin keeps
# it between runs); crates are fetched from crates.io, then cargo-deny runs
# with --frozen (no network, Cargo.lock as committed).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_DENY_VERSION=0.20.2
# deny.toml's [advisories] db-path, and the directory name cargo-deny 0.20
# derives from the default database URL inside it.
DB_PATH="${HOME:?HOME must be set}/.cache/advisory-dbs"
DB_DIR_NAME=advisory-db-3157b0e258782691
# Where the snapshot is: shared/ beside the repository, or ADVISORY_DB_SNAPSHOT
# for a checkout that lives elsewhere (a git worktree).
SNAPSHOT_DIR=${ADVISORY_DB_SNAPSHOT:-../shared/advisory-db}

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { echo "deny: $*"; }
fail() {
    echo "deny: FAILED: $*" >&2
    exit 1
}

command -v cargo >/dev/null 2>&1 || fail "cargo is not on PATH: install Rust 1.95 with rustup"

# cargo-deny at the pinned version, built from crates.io only when missing.
installed=$(cargo deny --version 2>/dev/null || true)
if [[ $installed != "cargo-deny $CARGO_DENY_VERSION" ]]; then
    say "installing cargo-deny $CARGO_DENY_VERSION (found: ${installed:-none}); this builds it, about 10 minutes on 2 cores"
    cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION" ||
        fail "could not install cargo-deny $CARGO_DENY_VERSION from crates.io"
fi
say "$(cargo deny --version)"

# The advisory snapshot, unpacked afresh at every run. cargo-deny measures a
# database's age from when it was unpacked, not from the snapshot's date, so
# its staleness limit says nothing here; the real date is printed below.
[[ -f $SNAPSHOT_DIR/install.sh ]] ||
    fail "the advisory-db snapshot is missing: expected $(realpath -m "$SNAPSHOT_DIR")/install.sh and its archive (the shared/ folder beside the repository)"
rm -rf "${DB_PATH:?}/$DB_DIR_NAME"
bash "$SNAPSHOT_DIR/install.sh" "$DB_PATH" "$DB_DIR_NAME" >/dev/null ||
    fail "could not unpack the advisory-db snapshot from $SNAPSHOT_DIR"
snapshot_date=$(git -C "$DB_PATH/$DB_DIR_NAME" show -s --format=%cs HEAD) ||
    fail "the unpacked advisory-db at $DB_PATH/$DB_DIR_NAME has no commit"
snapshot_commit=$(git -C "$DB_PATH/$DB_DIR_NAME" show -s --format=%s HEAD | grep -oE 'commit [0-9a-f]+' || true)
age_days=$((($(date +%s) - $(date -d "$snapshot_date" +%s)) / 86400))
say "advisory database: RustSec snapshot of $snapshot_date (upstream ${snapshot_commit:-commit unknown}), $age_days days old;"
say "advisories published after $snapshot_date are NOT checked"

# Every platform's crates, so that cargo-deny's `cargo metadata` needs no
# network.
cargo fetch --locked --quiet || fail "cargo fetch --locked failed (is Cargo.lock up to date?)"

say "cargo deny --frozen check${*:+ $*}"
cargo deny --frozen check "$@" || fail "cargo deny found a problem (see above; the policy is deny.toml)"
say "passed"

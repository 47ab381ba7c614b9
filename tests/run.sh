#!/usr/bin/env bash
# The whole test suite, with the real-keychain tests.
#
#   ./tests/run.sh [CARGO-ARGS...] [-- TEST-BINARY-ARGS...]
#
# Installs what the tests need (scripts/install-deps.sh), then runs
# `cargo test --all-targets -- --include-ignored` and `cargo test --doc`
# inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so
# the tests that use the real Secret Service (ignored by a plain `cargo test`)
# run too. The keyring lives in a temporary directory: a developer's own
# keyrings are never touched.
#
# CARGO-ARGS go to both cargo commands (e.g. `--release`, a test-name filter);
# selecting targets (`--lib`, `--test NAME`, ...) replaces --all-targets and
# leaves out the doc tests, which is said on screen. TEST-BINARY-ARGS go to
# every test binary after `--include-ignored` (e.g. `--nocapture`).
#
# Exits non-zero if anything fails, gnome-keyring's start included.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script="$script_dir/$(basename "${BASH_SOURCE[0]}")"
cd "$script_dir/.."

say() { echo "tests/run.sh: $*"; }
die() {
    echo "tests/run.sh: FAILED: $*" >&2
    exit 1
}

if [[ -z ${ESW_TESTS_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh
    for cmd in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not installed (scripts/install-deps.sh should have installed it)"
    done
    say "starting a private D-Bus session"
    summary_file=$(mktemp "${TMPDIR:-/tmp}/esw-test-summary.XXXXXX")
    trap 'rm -f "$summary_file"' EXIT
    # Re-run this script inside the session; the marker stops the recursion.
    ESW_TESTS_INSIDE_DBUS=1 ESW_TEST_SUMMARY=$summary_file dbus-run-session -- bash "$script" "$@" || {
        rc=$?
        die "the test run exited with status $rc"
    }
    say "all tests passed"
    # The last line: the total, for people and for CI's reader.
    echo "tests: $(cat "$summary_file")"
    exit 0
fi

# ---- inside the private D-Bus session ----

[[ -n ${DBUS_SESSION_BUS_ADDRESS:-} ]] || die "no DBUS_SESSION_BUS_ADDRESS inside dbus-run-session"

# Split the arguments at the first `--`.
cargo_args=()
test_args=()
seen_separator=0
for arg in "$@"; do
    if ((seen_separator)); then
        test_args+=("$arg")
    elif [[ $arg == -- ]]; then
        seen_separator=1
    else
        cargo_args+=("$arg")
    fi
done

# Does the caller select targets itself?
selects_targets=0
for arg in "${cargo_args[@]}"; do
    case "$arg" in
    --lib | --bin | --bin=* | --bins | --test | --test=* | --tests | --example | --example=* | \
        --examples | --bench | --bench=* | --benches | --all-targets | --doc)
        selects_targets=1
        ;;
    esac
done

# A throwaway keyring: its own data and runtime directories, so the daemon
# neither reads nor unlocks anyone's real keyrings.
keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/esw-test-keyring.XXXXXX")
trap 'rm -rf "$keyring_dir"' EXIT
mkdir -m 700 "$keyring_dir/data" "$keyring_dir/runtime"

say "starting gnome-keyring (secrets component) with a throwaway password"
if ! printf '%s' "esw-throwaway-test-keyring" |
    env -u GNOME_KEYRING_CONTROL XDG_DATA_HOME="$keyring_dir/data" \
        XDG_RUNTIME_DIR="$keyring_dir/runtime" gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    die "gnome-keyring-daemon --unlock failed"
fi

# Wait for the daemon to own the Secret Service name. NameHasOwner does not
# trigger D-Bus activation, which would start a second daemon with the real
# keyrings.
owned=0
for _ in $(seq 1 100); do
    reply=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets) ||
        die "cannot query the private D-Bus session"
    if [[ $reply == *"boolean true"* ]]; then
        owned=1
        break
    fi
    sleep 0.1
done
((owned)) || die "gnome-keyring did not take the Secret Service name (org.freedesktop.secrets) within 10 s"

collection=$(dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default) ||
    die "the Secret Service does not answer"
collection=$(sed -n 's/^ *object path "\(.*\)"$/\1/p' <<<"$collection")
[[ -n $collection && $collection != / ]] || die "the Secret Service has no default collection"
locked=$(dbus-send --session --print-reply --dest=org.freedesktop.secrets "$collection" \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked) ||
    die "cannot read whether $collection is locked"
[[ $locked == *"boolean false"* ]] || die "the default keyring $collection is locked"
[[ -f $keyring_dir/data/keyrings/login.keyring ]] ||
    die "the Secret Service on the bus is not the throwaway gnome-keyring"
say "gnome-keyring is up, $collection unlocked"

# Every cargo test's output also goes to a log, so that the run can end with
# one total line (and fail if no test ran at all).
log=$keyring_dir/cargo-test.log
status=0
if ((selects_targets)); then
    say "cargo test --no-fail-fast ${cargo_args[*]} -- --include-ignored ${test_args[*]}"
    cargo test --no-fail-fast "${cargo_args[@]}" -- --include-ignored "${test_args[@]}" 2>&1 | tee -a "$log" || status=$?
    say "targets were selected: doc tests not run"
else
    say "cargo test --no-fail-fast --all-targets ${cargo_args[*]} -- --include-ignored ${test_args[*]}"
    cargo test --all-targets --no-fail-fast "${cargo_args[@]}" -- --include-ignored "${test_args[@]}" 2>&1 | tee -a "$log" || status=$?
    # Doc tests marked `ignore` are not meant to compile, so no
    # --include-ignored here.
    say "cargo test --doc ${cargo_args[*]} -- ${test_args[*]}"
    cargo test --doc "${cargo_args[@]}" -- "${test_args[@]}" 2>&1 | tee -a "$log" || status=$?
fi
read -r passed failed ignored < <(awk '/^test result:/ {
        for (i = 1; i <= NF; i++) {
            if ($(i) ~ /^passed;?$/) p += $(i - 1)
            if ($(i) ~ /^failed;?$/) f += $(i - 1)
            if ($(i) ~ /^ignored;?$/) g += $(i - 1)
        }
    } END { print p + 0, f + 0, g + 0 }' "$log")
((status == 0)) || die "cargo test failed (status $status): $passed passed, $failed failed"
((passed > 0)) || die "no test ran"
((ignored == 0)) || die "$ignored tests were ignored; every test must run here"
if [[ -n ${ESW_TEST_SUMMARY:-} ]]; then
    echo "$passed passed, $failed failed" >"$ESW_TEST_SUMMARY"
fi
echo "tests: $passed passed, $failed failed"

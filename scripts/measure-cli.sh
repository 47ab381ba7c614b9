#!/usr/bin/env bash
# Measures how long `entity-secret-wizard ciphertext --public-key FILE` takes
# as a whole process (start, keychain read, one RSA-4096 encryption, the
# ceremony log's two fsynced lines, exit), with the release binary, in a
# private D-Bus session with a throwaway, unlocked gnome-keyring. Prints the
# median, fastest and slowest of N runs (default 101); the README quotes them.
#
#   scripts/measure-cli.sh [RUNS]
#
# The registration it encrypts for is a rehearsal made by `rehearse`, whose
# simulated Circle has a key of its own; the key file is the test fixtures'
# key, named with --accept-key (one string comparison more than a run whose
# key matches the record).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-101}
[[ $runs =~ ^[1-9][0-9]*$ ]] || {
    echo "measure-cli: RUNS must be a positive number, not '$runs'" >&2
    exit 2
}

if [[ -z ${ESW_MEASURE_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh
    cargo build --release --locked
    ESW_MEASURE_INSIDE_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi

bin=${CARGO_TARGET_DIR:-$PWD/target}/release/entity-secret-wizard
key=$PWD/tests/fixtures/rsa4096.spki.pem
work=$(mktemp -d "${TMPDIR:-/tmp}/esw-measure-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/lib/keyring.sh
source scripts/lib/keyring.sh
throwaway_keyring "$work"

export HOME=$work/home XDG_DATA_HOME=$work/data
"$bin" rehearse >"$work/rehearse.log" || {
    cat "$work/rehearse.log" >&2
    echo "measure-cli: the rehearsal failed" >&2
    exit 1
}
# The fixture's key differs from the rehearsal's record: `public-key`
# exits 7 for that, and says the fingerprint.
fingerprint=$("$bin" public-key --rehearsal --file "$key" | sed -n 's/^SHA-256: //p') || true
[[ -n $fingerprint ]] || {
    echo "measure-cli: no fingerprint from public-key" >&2
    exit 1
}
run_once() {
    "$bin" ciphertext --rehearsal --public-key "$key" --accept-key "$fingerprint" \
        >"$work/ciphertext" 2>/dev/null
}
run_once
[[ $(wc -c <"$work/ciphertext") -eq 685 ]] || {
    echo "measure-cli: the ciphertext is not 684 characters and a newline" >&2
    exit 1
}

# EPOCHREALTIME: microseconds, read without starting a process.
times=()
for _ in $(seq 1 "$runs"); do
    start=${EPOCHREALTIME/./}
    run_once
    end=${EPOCHREALTIME/./}
    times+=($((end - start)))
done
mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
echo "ciphertext --public-key FILE, whole process, $runs runs: median $(ms "${sorted[$((runs / 2))]}"), fastest $(ms "${sorted[0]}"), slowest $(ms "${sorted[$((runs - 1))]}")"

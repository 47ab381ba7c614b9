#!/usr/bin/env bash
# Run every fuzz target (fuzz/fuzz_targets/) for a fixed time and print the
# executions per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 20; TARGETs default to all of them. Works on
# stable Rust: libFuzzer's coverage instrumentation needs no nightly flag, so
# the targets run without a sanitizer (set FUZZ_SANITIZER=address on nightly
# for AddressSanitizer). Installs g++ (libFuzzer is C++) with apt and
# cargo-fuzz with `cargo install --locked` only when they are missing.
#
# New inputs are kept in fuzz/corpus/<target>/ (not committed); the
# committed seeds in fuzz/seeds/<target>/ and regressions in
# fuzz/regressions/<target>/ are read too. A failing input is saved under
# fuzz/artifacts/<target>/; the script goes on with the other targets and
# exits non-zero at the end. Copy such an input to fuzz/regressions/<target>/
# once it is fixed: tests/fuzz_regressions.rs replays it from then on.

set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

seconds="${1:-20}"
shift || true
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: SECONDS_PER_TARGET must be a positive whole number, not '$seconds'" >&2
    exit 2
fi
sanitizer="${FUZZ_SANITIZER:-none}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        echo "fuzz.sh: needs root to run: $*" >&2
        exit 1
    fi
}

if ! command -v cargo >/dev/null; then
    echo "fuzz.sh: cargo is not installed (Rust 1.95 is needed)" >&2
    exit 1
fi
if ! command -v g++ >/dev/null; then
    echo "fuzz.sh: installing g++ (libFuzzer is built from C++)" >&2
    as_root apt-get update -q
    as_root apt-get install -y -q g++
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "fuzz.sh: no fuzz targets found" >&2
    exit 1
fi

# One build of every target first; the binaries are then run directly, so
# the time given to each is all fuzzing (and no cargo lock is waited for).
cargo fuzz build --sanitizer "$sanitizer" -O
host="$(rustc -vV | sed -n 's/^host: //p')"
bin_dir="${CARGO_TARGET_DIR:-$root/fuzz/target}/$host/release"

# The store targets write a file per input: on tmpfs that is a hundred
# times faster than on disk.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=()
total=0
printf '%-16s %14s %10s %8s\n' target executions "per s" corpus
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "seeds/$target" "regressions/$target" "artifacts/$target"
    log="$logs/$target.log"
    status=0
    # -timeout: one input taking 10 s is a finding (a quadratic parser),
    # not something to wait out.
    if [ ! -x "$bin_dir/$target" ]; then
        echo "fuzz.sh: no fuzz target '$target' was built (see: cargo fuzz list)" >&2
        exit 1
    fi
    "$bin_dir/$target" -artifact_prefix="artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        "corpus/$target" "seeds/$target" "regressions/$target" \
        >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    runs="${runs:-0}"
    total=$((total + runs))
    kept="$(find "corpus/$target" -type f | wc -l)"
    printf '%-16s %14s %10s %8s\n' "$target" "$runs" "$((runs / seconds))" "$kept"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        echo "--- $target failed (exit $status); the end of its log:" >&2
        tail -n 40 "$log" >&2
    fi
done
printf '%-16s %14s\n' all "$total"

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: failing targets: ${failed[*]} (inputs under fuzz/artifacts/)" >&2
    exit 1
fi

#!/usr/bin/env bash
# Measures the wizard's release binary size, its resident memory after start,
# and its CPU use while idle for 10 s, on the real window under Xvfb.
# Prints one line per figure; the README quotes them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

if [[ -z ${ESW_MEASURE_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh --screenshots
    cargo build --release
    ESW_MEASURE_INSIDE_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi

# shellcheck source=scripts/lib/headless.sh
source scripts/lib/headless.sh
headless_start 1280x900
work=$headless_work

bin=$repo/target/release/entity-secret-wizard
echo "release binary: $(stat -c %s "$bin") bytes ($(numfmt --to=iec-i --suffix=B "$(stat -c %s "$bin")"))"

HOME="$work/home" XDG_DATA_HOME="$work/data" "$bin" >"$work/app.log" 2>&1 &
app_pid=$!
headless_track_app "$app_pid"
sleep 5
kill -0 "$app_pid" || {
    cat "$work/app.log" >&2
    exit 1
}
rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status")
echo "resident memory 5 s after start (start screen): $((rss_kib / 1024)) MiB ($rss_kib KiB)"

ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep 10
after=$(ticks)
used=$((after - before))
echo "CPU while idle for 10 s: $used ticks of 1/$hz s = $(awk -v t="$used" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / 10 }')% of one core"

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

work=$(mktemp -d "${TMPDIR:-/tmp}/esw-measure.XXXXXX")
xvfb_pid=
app_pid=
cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 700 "$work/keyring" "$work/runtime" "$work/home"
printf '%s' "esw-throwaway-measure" |
    env -u GNOME_KEYRING_CONTROL XDG_DATA_HOME="$work/keyring" XDG_RUNTIME_DIR="$work/runtime" \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null

display=":$((80 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
unset WAYLAND_DISPLAY
for _ in $(seq 1 50); do
    xdpyinfo >/dev/null 2>&1 && break
    sleep 0.1
done

bin=$repo/target/release/entity-secret-wizard
echo "release binary: $(stat -c %s "$bin") bytes ($(numfmt --to=iec-i --suffix=B "$(stat -c %s "$bin")"))"

HOME="$work/home" XDG_DATA_HOME="$work/data" "$bin" >"$work/app.log" 2>&1 &
app_pid=$!
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

#!/usr/bin/env bash
# Measures the wizard's real window against a minimal eframe window built the
# same way (examples/minimal_window.rs: same eframe features and renderer,
# same window size, same release profile), under Xvfb with Mesa's software
# renderer (llvmpipe), in a private D-Bus session with a throwaway
# gnome-keyring. The README quotes its figures.
#
#   scripts/measure-window.sh [RUNS]     # RUNS per app, default 5
#
# ESW_WIZARD_BIN and ESW_MINIMAL_BIN measure other builds of the two instead
# of the ones it builds (e.g. copies kept from a shared target folder).
#
# For each app, RUNS times (the two apps take turns, so drift hits both):
#   first frame   from exec until the window is mapped. eframe keeps a new
#                 window hidden until its first frame has been rendered and
#                 swapped, then shows it, so the map is the first presented
#                 frame. Polled every 10 ms with xdotool (the same for both).
#   RSS, PSS      /proc/<pid>/smaps_rollup 5 s after exec
#   idle CPU      user + system ticks over the next 10 s, untouched
# and once: the size of each (stripped) binary. One uncounted start of each
# comes first. Prints every run, then the median of each figure and the
# ratio wizard / minimal.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || {
    echo "usage: scripts/measure-window.sh [RUNS]" >&2
    exit 2
}

if [[ -z ${ESW_MEASURE_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh --screenshots
    if [[ -z ${ESW_WIZARD_BIN:-} || -z ${ESW_MINIMAL_BIN:-} ]]; then
        cargo build --release --locked --bin entity-secret-wizard --example minimal_window
    fi
    ESW_MEASURE_INSIDE_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi

# shellcheck source=scripts/lib/headless.sh
source scripts/lib/headless.sh
headless_start 1280x900
work=$headless_work

release=${CARGO_TARGET_DIR:-$repo/target}/release
wizard_bin=${ESW_WIZARD_BIN:-$release/entity-secret-wizard}
minimal_bin=${ESW_MINIMAL_BIN:-$release/examples/minimal_window}
hz=$(getconf CLK_TCK)

# measure NAME BINARY TITLE [warm-up]: one run; appends "first_ms rss_kib
# pss_kib ticks" to $work/NAME. A warm-up run only waits for the window.
measure() {
    local name=$1 bin=$2 title=$3 warm_up=${4:-} start now pid window=
    start=$EPOCHREALTIME
    HOME="$work/home" XDG_DATA_HOME="$work/data-$name" "$bin" >"$work/$name.log" 2>&1 &
    pid=$!
    headless_track_app "$pid"
    while [[ -z $window ]]; do
        window=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n 1 || true)
        now=$EPOCHREALTIME
        if [[ -z $window ]]; then
            kill -0 "$pid" 2>/dev/null || {
                cat "$work/$name.log" >&2
                echo "measure-window: $name exited before showing its window" >&2
                exit 1
            }
            (($(awk -v a="$start" -v b="$now" 'BEGIN { print (b - a > 60) }'))) && {
                echo "measure-window: no '$title' window within 60 s" >&2
                exit 1
            }
            sleep 0.01
        fi
    done
    if [[ -n $warm_up ]]; then
        kill "$pid"
        wait "$pid" 2>/dev/null || true
        headless_track_app ""
        return
    fi
    local first_ms
    first_ms=$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%d", (b - a) * 1000 }')
    # Until 5 s after exec, then memory; then 10 s of idling.
    sleep "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { d = 5 - (b - a); print (d > 0 ? d : 0) }')"
    local rss pss before after
    rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 10
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    headless_track_app ""
    echo "$first_ms $rss $pss $((after - before))" >>"$work/$name"
    printf '  %-8s run %d: first frame %5d ms, RSS %6d KiB, PSS %6d KiB, idle CPU %d ticks\n' \
        "$name" "$(wc -l <"$work/$name")" "$first_ms" "$rss" "$pss" "$((after - before))"
}

# median FILE COLUMN
median() {
    cut -d' ' -f"$2" "$1" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

echo "measure-window: $runs runs each, under Xvfb (Mesa llvmpipe)"
echo "measure-window: $("$wizard_bin" --version) against $minimal_bin"
# One uncounted start of each first: the binaries and Mesa come into the
# page cache, so the first counted run does not pay for reading them.
measure wizard "$wizard_bin" "Entity Secret Wizard" warm-up
measure minimal "$minimal_bin" "Minimal eframe window" warm-up
for _ in $(seq 1 "$runs"); do
    measure wizard "$wizard_bin" "Entity Secret Wizard"
    measure minimal "$minimal_bin" "Minimal eframe window"
done

wizard_size=$(stat -c %s "$wizard_bin")
minimal_size=$(stat -c %s "$minimal_bin")
echo
printf '%-26s %14s %14s %8s\n' "median of $runs runs" "wizard" "minimal" "ratio"
row() { printf '%-26s %14s %14s %8s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }
row "first frame (ms)" "$(median "$work/wizard" 1)" "$(median "$work/minimal" 1)"
row "RSS after 5 s (KiB)" "$(median "$work/wizard" 2)" "$(median "$work/minimal" 2)"
row "PSS after 5 s (KiB)" "$(median "$work/wizard" 3)" "$(median "$work/minimal" 3)"
row "idle CPU over 10 s (ticks)" "$(median "$work/wizard" 4)" "$(median "$work/minimal" 4)"
row "binary (bytes)" "$wizard_size" "$minimal_size"
echo "(a tick is 1/$hz s; the binaries are the stripped release builds)"

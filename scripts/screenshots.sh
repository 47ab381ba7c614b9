#!/usr/bin/env bash
# Screenshots of every step of a rehearsal, taken of the real window under
# Xvfb, into assets/screenshots/. The window is driven by the wizard's own
# (hidden) `tour` command, which sends the same commands a person's clicks
# send; the keychain is a throwaway gnome-keyring in a private D-Bus session.
#
#   scripts/screenshots.sh            # all screens
#   scripts/screenshots.sh review     # one screen
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

if [[ -z ${ESW_SHOTS_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh --screenshots
    cargo build --release
    ESW_SHOTS_INSIDE_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi

screens=("$@")
if ((${#screens[@]} == 0)); then
    screens=(start keychain api-key secret stored destination review registering "done")
fi

# shellcheck source=scripts/lib/headless.sh
source scripts/lib/headless.sh
# The window is 920x760; a screen of that size makes the screenshot the window.
headless_start 920x760
work=$headless_work

n=0
for screen in "${screens[@]}"; do
    n=$((n + 1))
    rm -f "$work/ready"
    mkdir -p "$work/recovery-$screen"
    # Records of each run go to a fresh data folder, so the start screen
    # shows a first launch.
    HOME="$work/home" XDG_DATA_HOME="$work/data-$screen" \
        "$repo/target/release/entity-secret-wizard" tour --screen "$screen" \
        --recovery-file "$work/recovery-$screen/recovery_file.dat" \
        --ready-file "$work/ready" >"$work/app-$screen.log" 2>&1 &
    app_pid=$!
    headless_track_app "$app_pid"
    for _ in $(seq 1 600); do
        [[ -e $work/ready ]] && break
        kill -0 "$app_pid" 2>/dev/null || {
            cat "$work/app-$screen.log" >&2
            echo "screenshots: the wizard exited before reaching '$screen'" >&2
            exit 1
        }
        sleep 0.1
    done
    [[ -e $work/ready ]] || {
        echo "screenshots: '$screen' was not reached within 60 s" >&2
        exit 1
    }
    # Let the last frame settle (fonts, spinner).
    sleep 1.5
    out=$(printf 'assets/screenshots/%02d-%s.png' "$n" "$screen")
    import -window root "$out"
    echo "screenshots: $out"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    headless_track_app ""
done

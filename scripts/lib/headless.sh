# shellcheck shell=bash
# Sourced by scripts/measure-window.sh and the other window checks: a throwaway,
# unlocked gnome-keyring in the current (private) D-Bus session, and an Xvfb
# display, both cleaned up on exit. Call inside `dbus-run-session`.
#
#   headless_start WIDTHxHEIGHT    sets $headless_work (a temp folder) and DISPLAY
#   headless_track_app PID          the app to stop on exit

# shellcheck source=scripts/lib/keyring.sh
source "$(dirname "${BASH_SOURCE[0]}")/keyring.sh"

headless_work=
headless_xvfb_pid=
headless_app_pid=

headless_cleanup() {
    if [[ -n $headless_app_pid ]]; then kill "$headless_app_pid" 2>/dev/null || true; fi
    if [[ -n $headless_xvfb_pid ]]; then kill "$headless_xvfb_pid" 2>/dev/null || true; fi
    if [[ -n $headless_work ]]; then rm -rf "$headless_work"; fi
}

headless_track_app() {
    headless_app_pid=$1
}

headless_start() {
    local size=$1
    headless_work=$(mktemp -d "${TMPDIR:-/tmp}/esw-headless.XXXXXX")
    trap headless_cleanup EXIT
    throwaway_keyring "$headless_work"

    # Xvfb picks a free display itself and writes its number once it is
    # ready, so two sessions on one machine never share a display; it does
    # not reset when its last client leaves, so the next one can connect.
    Xvfb -displayfd 3 -noreset -screen 0 "${size}x24" -nolisten tcp \
        3>"$headless_work/display" >"$headless_work/xvfb.log" 2>&1 &
    headless_xvfb_pid=$!
    unset WAYLAND_DISPLAY
    local _
    for _ in $(seq 1 100); do
        if [[ -s $headless_work/display ]]; then
            DISPLAY=":$(head -n 1 "$headless_work/display")"
            export DISPLAY
            xdpyinfo >/dev/null 2>&1 && return 0
        fi
        sleep 0.1
    done
    echo "headless: Xvfb did not start" >&2
    cat "$headless_work/xvfb.log" >&2
    return 1
}

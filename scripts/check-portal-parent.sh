#!/usr/bin/env bash
# Checks, on the real window, that the desktop portal's save dialog belongs
# to the wizard's window: starts the wizard under Xvfb in a private D-Bus
# session with a throwaway keyring, an AT-SPI bus and the desktop portal
# (xdg-desktop-portal-gtk), walks a rehearsal to the recovery file's step
# through the accessibility tree (the buttons' names, as a screen reader
# would press them), presses "Choose where to save…", and reads the GTK
# dialog's WM_TRANSIENT_FOR: it must be the wizard's window. Then presses
# Escape and waits for the wizard to say the dialog was cancelled.
#
# With --wayland the display is a headless GNOME compositor (mutter, which
# has xdg-foreign) instead of Xvfb, and the wizard runs as a Wayland
# client: the parent it names must be a `wayland:` handle, and
# xdg-desktop-portal-gtk must tie its dialog to it without complaint ("Failed
# to associate portal window with parent window" is what it says when it
# cannot). No key can be sent to a headless Wayland session, so the dialog
# is left open and the wizard stopped.
#
#   scripts/check-portal-parent.sh [--wayland] [WIZARD]
#
# WIZARD defaults to the debug build (built if missing).
set -euo pipefail

say() { echo "check-portal-parent: $*"; }
die() {
    echo "check-portal-parent: FAILED: $*" >&2
    exit 1
}

script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$script")/.."

mode=x11
case ${1:-} in
--wayland | --x11)
    mode=${1#--}
    shift
    ;;
esac

if [[ -z ${ESW_PORTAL_INSIDE_DBUS:-} ]]; then
    if [[ $mode == wayland ]]; then
        bash scripts/install-deps.sh --screenshots --accessibility --wayland
    else
        bash scripts/install-deps.sh --screenshots --accessibility
    fi
    wizard=${1:-}
    if [[ -z $wizard ]]; then
        cargo build --locked --bin entity-secret-wizard
        wizard=${CARGO_TARGET_DIR:-target}/debug/entity-secret-wizard
    fi
    [[ -x $wizard ]] || die "'$wizard' is not an executable"
    ESW_PORTAL_INSIDE_DBUS=1 dbus-run-session -- bash "$script" "--$mode" "$(readlink -f "$wizard")" ||
        die "see above"
    exit 0
fi

# ---- inside the private D-Bus session ----
wizard=$1
if [[ $mode == x11 ]]; then
    # shellcheck source=scripts/lib/headless.sh
    source scripts/lib/headless.sh
    headless_start 1280x900
    work=$headless_work
    display_env=(DISPLAY="$DISPLAY")
else
    # shellcheck source=scripts/lib/keyring.sh
    source scripts/lib/keyring.sh
    work=$(mktemp -d "${TMPDIR:-/tmp}/esw-wayland.XXXXXX")
    headless_cleanup() {
        if [[ -n ${pid:-} ]]; then kill "$pid" 2>/dev/null || true; fi
        if [[ -n ${compositor:-} ]]; then kill "$compositor" 2>/dev/null || true; fi
        if [[ -n ${portal_gtk:-} ]]; then kill "$portal_gtk" 2>/dev/null || true; fi
        rm -rf "$work"
    }
    headless_track_app() { :; }
    trap headless_cleanup EXIT
    throwaway_keyring "$work"
    unset DISPLAY
    export XDG_RUNTIME_DIR=$work/runtime
    mutter --headless --wayland --no-x11 --wayland-display=esw-wayland \
        --virtual-monitor 1280x900 >"$work/mutter.log" 2>&1 &
    compositor=$!
    for _ in $(seq 1 100); do
        [[ -S $XDG_RUNTIME_DIR/esw-wayland ]] && break
        sleep 0.1
    done
    [[ -S $XDG_RUNTIME_DIR/esw-wayland ]] || { cat "$work/mutter.log" >&2; die "mutter did not start"; }
    export WAYLAND_DISPLAY=esw-wayland
    display_env=(WAYLAND_DISPLAY="$WAYLAND_DISPLAY" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" GDK_BACKEND=wayland)
fi
mkdir -p "$work/home"
# The portal starts its document store, which mounts a FUSE folder in the
# runtime folder (or, without one, that home); unmount it before they are
# removed.
unmount_documents() {
    local doc
    for doc in "$work/home/.cache/doc" "${XDG_RUNTIME_DIR:-$work/home/.cache}/doc"; do
        fusermount3 -uz "$doc" 2>/dev/null || true
    done
}
trap 'unmount_documents; headless_cleanup' EXIT

# The portal and its GTK backend are started by the bus; they need the
# display, and a home of their own.
dbus-update-activation-environment "${display_env[@]}" HOME="$work/home" NO_AT_BRIDGE=1 ||
    die "cannot set the bus's activation environment"
if [[ $mode == wayland ]]; then
    # Started here rather than by the bus, to read what it says.
    env "${display_env[@]}" HOME="$work/home" NO_AT_BRIDGE=1 \
        /usr/libexec/xdg-desktop-portal-gtk >"$work/portal-gtk.log" 2>&1 &
    portal_gtk=$!
    # What the wizard asks of the portal, with the parent it names.
    dbus-monitor --session "interface='org.freedesktop.portal.FileChooser'" >"$work/monitor.log" 2>&1 &
fi
# shellcheck source=scripts/lib/atspi.sh
source scripts/lib/atspi.sh
atspi_start || die "no accessibility bus"

HOME="$work/home" "$wizard" >"$work/app.log" 2>&1 &
pid=$!
headless_track_app "$pid"

ESW_MODE=$mode ESW_WORK=$work ESW_PID=$pid /usr/bin/python3 - <<'PY' || { cat "$work/app.log" >&2; exit 1; }
import os
import subprocess
import sys
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)

pid = int(os.environ["ESW_PID"])


def say(what):
    print(f"check-portal-parent: {what}", flush=True)


def app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        a = desktop.get_child_at_index(i)
        if a is not None and a.get_process_id() == pid:
            return a
    return None


def walk(node):
    yield node
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


def find(role, name):
    try:
        a = app()
        if a is None:
            return None
        for node in walk(a):
            if node.get_role_name() == role and node.get_name() == name:
                return node
    except gi.repository.GLib.GError:
        pass
    return None


def enabled(node):
    return node.get_state_set().contains(Atspi.StateType.ENABLED)


def shows(text):
    # The tree changes under a walk (a screen replaced mid-way): such a walk
    # just sees nothing this time.
    try:
        a = app()
        return a is not None and any(
            text in (n.get_name() or "") or text in (n.get_text_iface().get_text(0, -1) if n.get_text_iface() else "")
            for n in walk(a)
        )
    except gi.repository.GLib.GError:
        return False


def wait(what, test, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = test()
        if got:
            return got
        time.sleep(0.2)
    sys.exit(f"check-portal-parent: FAILED: timed out waiting for {what}")


def press(name):
    button = wait(f"the button {name!r}", lambda: (lambda b: b if b is not None and enabled(b) else None)(find("push button", name)))
    button.get_action_iface().do_action(0)
    say(f"pressed {name!r}")


def x(*args):
    return subprocess.run(args, capture_output=True, text=True).stdout.strip()


press("Rehearsal")
press("Next")
press("Use a practice key")
press("Check key with Circle")
wait("Circle to accept the key", lambda: shows("Circle accepted the key"))
press("Next")
press("Generate a new secret")
press("Store in keychain")
wait("the stored secret", lambda: shows("Stored in the keychain"))
press("Next")
press("Choose where to save…")

if os.environ["ESW_MODE"] == "wayland":
    work = os.environ["ESW_WORK"]

    def asked_parent():
        lines = open(f"{work}/monitor.log").read().splitlines()
        for i, line in enumerate(lines):
            if "member=SaveFile" in line and i + 1 < len(lines):
                return lines[i + 1].strip().removeprefix('string "').removesuffix('"')
        return None

    parent = wait("the wizard's SaveFile call", asked_parent, 30)
    wait("the wizard to say a dialog is open", lambda: shows("A file dialog is open"))
    time.sleep(3)
    said = open(f"{work}/portal-gtk.log").read()
    say(f"the wizard named its window {parent[:9]}… ({len(parent)} characters)")
    if not parent.startswith("wayland:") or len(parent) <= len("wayland:"):
        sys.exit("check-portal-parent: FAILED: the parent is not an exported Wayland handle")
    for complaint in ("Failed to associate portal window with parent window", "Unhandled parent window type"):
        if complaint in said:
            sys.exit(f"check-portal-parent: FAILED: xdg-desktop-portal-gtk said {complaint!r}")
    say("xdg-desktop-portal-gtk tied its dialog to the exported Wayland window without complaint")
    sys.exit(0)

windows = lambda name: [int(w) for w in x("xdotool", "search", "--name", name).split()]
wizard_window = wait("the wizard's window", lambda: (windows("^Entity Secret Wizard") or [None])[0])
dialog = wait("the portal's save dialog", lambda: (windows("Save the Circle recovery file") or [None])[0])


def transient_for():
    said = x("xprop", "-id", str(dialog), "WM_TRANSIENT_FOR")
    return int(said.rsplit("0x", 1)[1], 16) if "0x" in said else None


parent = wait("the dialog's WM_TRANSIENT_FOR", transient_for, 15)
say(f"wizard window 0x{wizard_window:x}, dialog 0x{dialog:x}, dialog is transient for 0x{parent:x}")
if parent != wizard_window:
    sys.exit("check-portal-parent: FAILED: the dialog does not belong to the wizard's window")
x("xdotool", "windowfocus", "--sync", str(dialog))
x("xdotool", "key", "Escape")
wait("the wizard to say the dialog was cancelled", lambda: shows("The dialog was cancelled or closed"))
say("the dialog belongs to the wizard's window; Escape is told as a cancel")
PY

#!/usr/bin/env bash
# Checks what a screen reader hears: starts the wizard under Xvfb with a real
# AT-SPI bus (at-spi2-core) in a private D-Bus session, and reads, through
# the AT-SPI client library (python3-gi, Atspi 2.0), the name of the
# wizard's application and of its window (frame). Both must read
# "Entity Secret Wizard".
#
#   scripts/check-atspi-names.sh [WIZARD]
#
# WIZARD defaults to the installed /usr/bin/entity-secret-wizard. Without an
# installed package, the release build is laid out as the package lays it out
# (the executable named "Entity Secret Wizard", behind an entity-secret-wizard
# link): the application name comes from the executable's file name
# (accesskit_unix reads /proc/self/exe), so a plain `target/release` build is
# announced as "entity-secret-wizard" and fails the check.
#
# Prints everything it saw on the AT-SPI bus for the wizard's process, then
# the verdict; exits non-zero if a name is wrong or the wizard never appears.
set -euo pipefail

expected="Entity Secret Wizard"
say() { echo "check-atspi-names: $*"; }
die() {
    echo "check-atspi-names: FAILED: $*" >&2
    exit 1
}

script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$script")/.."

if [[ -z ${ESW_ATSPI_INSIDE_DBUS:-} ]]; then
    bash scripts/install-deps.sh --screenshots --accessibility
    wizard=${1:-}
    stage=
    if [[ -z $wizard && -x /usr/bin/entity-secret-wizard ]]; then
        wizard=/usr/bin/entity-secret-wizard
    elif [[ -z $wizard ]]; then
        cargo build --release --locked --bin entity-secret-wizard
        stage=$(mktemp -d "${TMPDIR:-/tmp}/esw-atspi-stage.XXXXXX")
        trap 'rm -rf "$stage"' EXIT
        mkdir -p "$stage/lib" "$stage/bin"
        cp "${CARGO_TARGET_DIR:-target}/release/entity-secret-wizard" "$stage/lib/$expected"
        ln -s "../lib/$expected" "$stage/bin/entity-secret-wizard"
        wizard=$stage/bin/entity-secret-wizard
        say "no installed package: the release build, staged as the package installs it"
    fi
    [[ -x $wizard ]] || die "'$wizard' is not an executable"
    say "wizard: $wizard -> $(readlink -f "$wizard")"
    ESW_ATSPI_INSIDE_DBUS=1 dbus-run-session -- bash "$script" "$wizard" ||
        die "see above"
    exit 0
fi

# ---- inside the private D-Bus session ----
wizard=$1
# shellcheck source=scripts/lib/headless.sh
source scripts/lib/headless.sh
headless_start 1280x900
work=$headless_work

# shellcheck source=scripts/lib/atspi.sh
source scripts/lib/atspi.sh
atspi_start || die "no accessibility bus"

HOME="$work/home" "$wizard" >"$work/app.log" 2>&1 &
pid=$!
headless_track_app "$pid"

ESW_PID=$pid ESW_EXPECTED=$expected /usr/bin/python3 - <<'PY' || { cat "$work/app.log" >&2; exit 1; }
import os
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

pid = int(os.environ["ESW_PID"])
expected = os.environ["ESW_EXPECTED"]


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


# The tree appears once the window has drawn its first frame.
app, frames = None, []
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    app = find_app()
    if app is not None:
        frames = [app.get_child_at_index(i) for i in range(app.get_child_count())]
        if frames and frames[0].get_child_count() > 0:
            break
    time.sleep(0.2)
if app is None:
    sys.exit(f"check-atspi-names: FAILED: no AT-SPI application with pid {pid} within 30 s")

print(f"check-atspi-names: application: name {app.get_name()!r}, role {app.get_role_name()!r}, "
      f"toolkit {app.get_toolkit_name()!r} {app.get_toolkit_version()!r}")
for frame in frames:
    print(f"check-atspi-names:   child: role {frame.get_role_name()!r}, name {frame.get_name()!r}, "
          f"{frame.get_child_count()} children")

failures = []
if app.get_name() != expected:
    failures.append(f"the application is named {app.get_name()!r}, not {expected!r}")
named = [f for f in frames if f.get_role_name() in ("frame", "window")]
if not named:
    failures.append("the application has no frame")
for frame in named:
    if frame.get_name() != expected:
        failures.append(f"the {frame.get_role_name()} is named {frame.get_name()!r}, not {expected!r}")
if failures:
    sys.exit("check-atspi-names: FAILED: " + "; ".join(failures))
print(f"check-atspi-names: the application and its frame are both named {expected!r}")
PY

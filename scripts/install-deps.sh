#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the tests need, if any is missing.
#
#   scripts/install-deps.sh                 test/run time: gnome-keyring, dbus, dbus-x11, openssl,
#                                           strace (the command line's fault-injection tests),
#                                           gdb (the core dump of a whole rehearsal),
#                                           age and openssh-client (the handoff's interop tests),
#                                           xvfb, x11-utils, xdotool, xdg-desktop-portal and
#                                           xdg-desktop-portal-gtk (the real save dialog's test,
#                                           tests/portal_dialog.rs)
#   scripts/install-deps.sh --screenshots   also xvfb, xdotool, imagemagick and the
#                                           GL/EGL/xkbcommon libraries the GUI loads
#                                           at run time (the window under Xvfb), and
#                                           software Vulkan, lavapipe (screenshot script)
#   scripts/install-deps.sh --packaging     also the icon renderers (librsvg2-bin,
#                                           icoutils, icnsutils) and the validators
#                                           of the desktop entry and AppStream file
#   scripts/install-deps.sh --accessibility also an AT-SPI bus and its Python client
#                                           (scripts/check-atspi-names.sh)
#   scripts/install-deps.sh --wayland       also a headless Wayland compositor with
#                                           xdg-foreign, mutter, and the Wayland EGL
#                                           library (scripts/check-portal-parent.sh --wayland)
#
# The build itself needs no system package (beyond the C compiler rustup's
# toolchain expects): eframe's glow/x11/wayland backends load their libraries
# at run time, and the keychain speaks D-Bus in pure Rust (zbus).
#
# Quick and silent about apt when everything is present (checked with dpkg -s);
# otherwise `apt-get update` and a non-interactive install, directly as root or
# through `sudo -n`. Without either, prints the command to run and fails.
set -euo pipefail

usage() {
    sed -n '2,30s/^# \{0,1\}//p' "$0"
}

screenshots=0
packaging=0
accessibility=0
wayland=0
for arg in "$@"; do
    case "$arg" in
    --screenshots) screenshots=1 ;;
    --packaging) packaging=1 ;;
    --accessibility) accessibility=1 ;;
    --wayland) wayland=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "install-deps: unknown argument '$arg'" >&2
        usage >&2
        exit 2
        ;;
    esac
done

packages=(gnome-keyring dbus dbus-x11 openssl strace gdb age openssh-client)
packages+=(xvfb x11-utils xdotool xdg-desktop-portal xdg-desktop-portal-gtk)
if ((screenshots)); then
    # The GUI under Xvfb: eframe (glow, winit) dlopens EGL/GL and xkbcommon-x11.
    packages+=(xvfb x11-utils xdotool imagemagick libegl1 libgl1 libgl1-mesa-dri libxkbcommon-x11-0)
    # The screenshots are rendered off screen by wgpu, on the CPU.
    packages+=(libvulkan1 mesa-vulkan-drivers)
fi
if ((packaging)); then
    packages+=(librsvg2-bin icoutils icnsutils desktop-file-utils appstream dpkg-dev file)
fi
if ((accessibility)); then
    packages+=(at-spi2-core python3-gi gir1.2-atspi-2.0 python3-pyatspi)
fi
if ((wayland)); then
    packages+=(mutter libwayland-egl1)
fi

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: this is not a Debian/Ubuntu system (no dpkg/apt-get)." >&2
    echo "install-deps: install these packages (or your system's equivalents) by hand: ${packages[*]}" >&2
    exit 1
fi

# Print the packages of "$@" that are not fully installed.
missing_of() {
    local p status
    for p in "$@"; do
        # Captured first: `dpkg -s | grep -q` can die of SIGPIPE under pipefail.
        status=$(dpkg -s "$p" 2>/dev/null || true)
        if ! grep -qx 'Status: install ok installed' <<<"$status"; then
            printf '%s\n' "$p"
        fi
    done
}

mapfile -t missing < <(missing_of "${packages[@]}")
if ((${#missing[@]} == 0)); then
    echo "install-deps: all present: ${packages[*]}"
    exit 0
fi

echo "install-deps: missing: ${missing[*]}"
apt_install=(apt-get install -y -q --no-install-recommends
    -o DPkg::Lock::Timeout=300
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
    "${missing[@]}")

if [[ $(id -u) -eq 0 ]]; then
    as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
    echo "install-deps: not root and no password-less sudo; install the missing packages with:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "install-deps: apt-get update"
"${as_root[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 </dev/null
echo "install-deps: apt-get install ${missing[*]}"
"${as_root[@]}" "${apt_install[@]}" </dev/null

mapfile -t still < <(missing_of "${packages[@]}")
if ((${#still[@]} > 0)); then
    echo "install-deps: still missing after apt-get install: ${still[*]}" >&2
    exit 1
fi
echo "install-deps: installed: ${missing[*]}"

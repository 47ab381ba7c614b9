#!/usr/bin/env bash
# The Debian package, end to end, as a user gets it (run as root; CI calls it):
#
#   1. build the .deb (scripts/build-deb.sh) and install it with apt, which
#      resolves its dependencies;
#   2. check what it installed: the command, the desktop entry, the AppStream
#      file and the icons, each where the desktop looks for it, and valid;
#   3. run `entity-secret-wizard --version` (the commit this tree is at) and
#      `entity-secret-wizard status`;
#   4. start the installed wizard as an unprivileged user (nobody) under Xvfb,
#      in a private D-Bus session with a throwaway gnome-keyring, and check:
#      its window appears, titled "Entity Secret Wizard", with the icon and
#      the application id; every library the wizard loads with dlopen belongs
#      to a package the .deb depends on; and the running release binary is
#      hardened: core size limit 0 and non-dumpable (its /proc entries belong
#      to root although it runs as nobody, and its environment cannot be read);
#   5. remove the package and check that nothing of it is left.
#
# Every step prints what it checks and stops the script at the first failure.
set -euo pipefail

app_id=io.github.entity_secret_wizard.EntitySecretWizard
package=entity-secret-wizard
title="Entity Secret Wizard"

say() { echo "ci-deb: $*"; }
die() {
    echo "ci-deb: FAILED: $*" >&2
    exit 1
}

# ---- step 4 runs as nobody, in its own D-Bus session: see the end ----------
if [[ ${1:-} == --gui-session ]]; then
    work=$2
    cd "$work"
    # shellcheck source=scripts/lib/headless.sh
    source ./headless.sh
    headless_start 1280x900
    # LD_DEBUG=files logs every library the loader maps, and who asked for it
    # ("dynamically loaded by" is a dlopen), to ld.<pid>.
    HOME=$headless_work/home LD_DEBUG=files LD_DEBUG_OUTPUT=$work/ld \
        /usr/bin/entity-secret-wizard >"$work/app.log" 2>&1 &
    pid=$!
    headless_track_app "$pid"
    echo "$pid" >"$work/app.pid"

    window=
    for _ in $(seq 1 300); do
        window=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n 1 || true)
        [[ -n $window ]] && break
        kill -0 "$pid" 2>/dev/null || {
            cat "$work/app.log" >&2
            die "the installed wizard exited before showing its window"
        }
        sleep 0.1
    done
    [[ -n $window ]] || {
        cat "$work/app.log" >&2
        die "no window titled '$title' within 30 s"
    }
    name=$(xdotool getwindowname "$window")
    [[ $name == "$title" ]] || die "the window is titled '$name', not '$title'"
    say "window $window is up, titled '$name'"
    window_pid=$(xdotool getwindowpid "$window")
    [[ $window_pid == "$pid" ]] || die "the window belongs to pid $window_pid, not the wizard ($pid)"
    wm_class=$(xprop -id "$window" WM_CLASS)
    [[ $wm_class == *"\"$app_id\""* ]] || die "WM_CLASS is not the application id: $wm_class"
    # Captured whole: cut short by `head`, xprop would die of SIGPIPE.
    icon=$(xprop -id "$window" -notype 32c _NET_WM_ICON)
    [[ $icon == "_NET_WM_ICON = 256, 256, "* ]] || die "the window has no 256x256 icon: ${icon:0:80}"
    say "WM_CLASS names $app_id; the window icon is 256x256"

    # Hardening, seen from outside by a process of the same user.
    uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
    [[ $uid == "$(id -u)" ]] || die "the wizard runs as uid $uid, not $(id -u)"
    owner=$(stat -c %U:%G "/proc/$pid/status")
    [[ $owner == root:root ]] ||
        die "/proc/$pid is owned by $owner: the wizard (uid $uid) is still dumpable"
    if cat "/proc/$pid/environ" >/dev/null 2>&1; then
        die "a process of the same user read the wizard's environment"
    fi
    core=$(awk '/^Max core file size/ {print $5, $6}' "/proc/$pid/limits")
    [[ $core == "0 0" ]] || die "core file size limit is '$core', not '0 0'"
    say "hardened: runs as uid $uid, /proc/$pid owned by root:root, environ unreadable, core limit soft 0 hard 0"

    # Still alive after its first frames, then asked to close.
    sleep 2
    kill -0 "$pid" 2>/dev/null || {
        cat "$work/app.log" >&2
        die "the wizard died after showing its window"
    }
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    headless_track_app ""
    exit 0
fi

# ---- as root -----------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || die "run as root: it installs and removes a package"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
export DEBIAN_FRONTEND=noninteractive

bash scripts/install-deps.sh --screenshots --packaging || die "could not install the tools"

if dpkg -s "$package" >/dev/null 2>&1; then
    say "removing the $package already installed"
    apt-get purge -y -q "$package" >/dev/null || die "could not remove the installed $package"
fi

say "step 1: build and install the package"
deb=$(bash scripts/build-deb.sh | tail -n 1) || die "scripts/build-deb.sh failed"
[[ -f $deb ]] || die "no package at '$deb'"
say "built $deb ($(stat -c %s "$deb") bytes)"
apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "$(realpath "$deb")" </dev/null ||
    die "apt-get install of $deb failed"
status=$(dpkg-query -W -f='${Status}' "$package")
[[ $status == "install ok installed" ]] || die "$package is '$status' after apt-get install"

say "step 2: the installed files"
bin=/usr/bin/entity-secret-wizard
real="/usr/lib/entity-secret-wizard/$title"
[[ -L $bin && $(readlink -f "$bin") == "$real" ]] || die "$bin is not a link to '$real'"
[[ -f $real && -x $real ]] || die "'$real' is not an executable file"
case $(file --brief "$real") in
*"not stripped"* | *"with debug_info"*) die "'$real' carries symbols: $(file --brief "$real")" ;;
*", stripped"*) ;;
*) die "'$real' is not a stripped executable: $(file --brief "$real")" ;;
esac
desktop=/usr/share/applications/$app_id.desktop
metainfo=/usr/share/metainfo/$app_id.metainfo.xml
desktop-file-validate "$desktop" || die "the installed desktop entry is invalid"
appstreamcli validate --no-net "$metainfo" || die "the installed AppStream file is invalid"
grep -qx "Icon=$app_id" "$desktop" || die "the desktop entry names another icon"
for n in 16 22 24 32 48 64 128 256 512; do
    icon=/usr/share/icons/hicolor/${n}x${n}/apps/$app_id.png
    [[ $(file --brief "$icon" 2>/dev/null) == "PNG image data, $n x $n, "* ]] ||
        die "no ${n}x${n} PNG icon at $icon"
done
[[ -f /usr/share/icons/hicolor/scalable/apps/$app_id.svg ]] || die "no scalable icon"
say "command, desktop entry, AppStream file and 10 icons in place"

say "step 3: --version and status"
version=$("$bin" --version) || die "--version failed"
expected_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[[ $version == "entity-secret-wizard $expected_version (commit "*")" ]] ||
    die "--version printed '$version'"
if commit=$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null); then
    [[ $version == *"(commit $commit)" || $version == *"(commit $commit-dirty)" ]] ||
        die "--version names another commit than HEAD ($commit): '$version'"
fi
say "$version"

work=$(mktemp -d "${TMPDIR:-/tmp}/esw-ci-deb.XXXXXX")
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/home"
chown nobody: "$work/home"
# `status` reads records and asks the keychain whether each registration's
# secret is there: a private D-Bus session with a throwaway keyring, and a
# fresh HOME, so no one's records or keyrings are read.
status_out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env -i PATH=/usr/bin:/bin HOME="$work/home" \
    dbus-run-session -- "$bin" status 2>&1) || {
    echo "$status_out" >&2
    die "'entity-secret-wizard status' failed"
}
# The status's words (src/text/status.rs): the heading, then "None yet.".
grep -A1 '^Registrations known on this computer$' <<<"$status_out" | grep -q '^  None yet\.$' || {
    echo "$status_out" >&2
    die "'status' on a fresh HOME did not say there are no registrations"
}
say "status on a fresh HOME: $(tail -n 1 <<<"$status_out")"

say "step 4: the window, as nobody under Xvfb"
# Xvfb run by a user cannot create the socket folder itself.
mkdir -p /tmp/.X11-unix && chmod 1777 /tmp/.X11-unix
cp "${BASH_SOURCE[0]}" "$work/ci-deb.sh"
cp scripts/lib/headless.sh scripts/lib/keyring.sh "$work/"
chmod 755 "$work/ci-deb.sh" "$work/headless.sh" "$work/keyring.sh"
chown nobody: "$work"
setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env -i PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work" \
    dbus-run-session -- bash "$work/ci-deb.sh" --gui-session "$work" ||
    die "the window check failed"

# Every library the wizard's own code opened with dlopen must come from a
# package the .deb depends on (the GL drivers that libEGL opens in turn are
# libEGL's business). The loader names the wizard by its argv[0].
depends=$(dpkg-query -W -f='${Depends}' "$package")
ld_log=$work/ld.$(cat "$work/app.pid")
[[ -s $ld_log ]] || die "the loader wrote no LD_DEBUG log ($ld_log)"
mapfile -t opened < <(grep -E "dynamically loaded by ($bin|$real) \[0\]" "$ld_log" |
    sed -n 's/^[[:space:]]*[0-9]*:[[:space:]]*file=\([^ ]*\) .*/\1/p' | sort -u)
((${#opened[@]} > 0)) || die "LD_DEBUG shows no library loaded with dlopen by the wizard"
for soname in "${opened[@]}"; do
    owner=$(dpkg -S "*/$soname" 2>/dev/null | head -n 1 | cut -d: -f1)
    [[ -n $owner ]] || die "no package owns $soname, which the wizard loads"
    grep -Eq "(^|, )$owner( |,|$)" <<<"$depends" ||
        die "the wizard loads $soname from $owner, which the package does not depend on (Depends: $depends)"
    say "dlopen $soname: from $owner, a declared dependency"
done

say "step 5: remove the package"
apt-get remove -y -q "$package" </dev/null || die "apt-get remove failed"
for gone in "$bin" "$real" "$desktop" "$metainfo" "/usr/share/icons/hicolor/256x256/apps/$app_id.png"; do
    [[ ! -e $gone && ! -L $gone ]] || die "$gone is still there after removing the package"
done
if command -v entity-secret-wizard >/dev/null; then die "entity-secret-wizard is still on PATH"; fi
say "removed; the command, the entry, the metadata and the icons are gone"
say "all checks passed"

# shellcheck shell=bash
# Sourced by the scripts that run the wizard against a real Secret Service:
# a throwaway, unlocked gnome-keyring in the current (private) D-Bus session.
# Call inside `dbus-run-session`.
#
#   throwaway_keyring WORK    makes WORK/keyring, WORK/runtime and WORK/home
#                             (mode 700) and starts the keyring there, so no
#                             real keyring is touched

throwaway_keyring() {
    local work=$1
    mkdir -m 700 "$work/keyring" "$work/runtime" "$work/home"
    printf '%s' "esw-throwaway-keyring" |
        env -u GNOME_KEYRING_CONTROL XDG_DATA_HOME="$work/keyring" \
            XDG_RUNTIME_DIR="$work/runtime" \
            gnome-keyring-daemon --unlock --components=secrets >/dev/null
}

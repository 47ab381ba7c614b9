# shellcheck shell=bash
# Sourced by the window checks that read the accessibility tree: starts the
# AT-SPI bus in the current (private) D-Bus session and switches
# accessibility on, as a desktop does when a screen reader runs;
# accesskit only publishes the tree while org.a11y.Status.IsEnabled is true.
#
#   atspi_start    returns non-zero, with a message, if either step fails

atspi_start() {
    if ! dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null; then
        echo "atspi: the AT-SPI bus did not start (at-spi2-core)" >&2
        return 1
    fi
    if ! dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null; then
        echo "atspi: could not enable accessibility on the AT-SPI bus" >&2
        return 1
    fi
}

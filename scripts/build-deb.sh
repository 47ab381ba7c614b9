#!/usr/bin/env bash
# Builds the Debian package of the wizard with cargo-deb and prints its path
# as the last line:
#
#   scripts/build-deb.sh     # -> $CARGO_TARGET_DIR/debian/entity-secret-wizard_<version>-1_<arch>.deb
#
# Installs the pinned cargo-deb with `cargo install --locked` when it is
# missing or another version, and the system packages it uses (dpkg-dev for
# dpkg-shlibdeps) and the validators of the desktop entry and the AppStream
# file, which run first: a package with an invalid entry is not built.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "build-deb: $*" >&2; }
die() {
    echo "build-deb: FAILED: $*" >&2
    exit 1
}

cargo_deb_version=3.7.0
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/install-deps.sh --packaging >&2 || die "could not install the packaging tools"

installed=$(cargo deb --version 2>/dev/null || true)
if [[ $installed != *" $cargo_deb_version"* ]]; then
    say "installing cargo-deb $cargo_deb_version (found: ${installed:-none})"
    cargo install --locked --version "$cargo_deb_version" cargo-deb >&2 ||
        die "cargo install cargo-deb $cargo_deb_version failed"
fi

app_id=io.github.entity_secret_wizard.EntitySecretWizard
desktop-file-validate "packaging/linux/$app_id.desktop" >&2 || die "the desktop entry is invalid"
appstreamcli validate --no-net "packaging/linux/$app_id.metainfo.xml" >&2 ||
    die "the AppStream metadata is invalid"

say "building the release binary and the package"
# cargo-deb runs `cargo build --release`, then packs; it reports progress on
# stderr and the package's path on stdout.
out=$(cargo deb --locked) || die "cargo deb failed"
deb=$(tail -n 1 <<<"$out")
[[ -f $deb && $deb == *.deb ]] || die "cargo deb did not report a package (last line: '$deb')"
echo "$deb"

#!/usr/bin/env bash
# The screenshots in assets/screenshots/, rendered off screen: the real
# window driven through its accessibility tree by the harness the GUI tests
# use (tests/screenshots.rs, built only with the `snapshots` feature), and
# drawn by wgpu on Mesa's software Vulkan (lavapipe), so neither a display
# nor a GPU is needed. Rehearsals against the simulated Circle with an
# in-memory keychain: nothing leaves the machine, no keyring is touched.
#
#   scripts/screenshots.sh              # every screenshot
#   scripts/screenshots.sh rotation     # those of the tests whose names
#                                       # contain "rotation"
#
# Writes over the PNGs in assets/screenshots/ (`git status` shows which
# changed) and lists them; fails if any step fails or nothing was written.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() {
    echo "screenshots: FAILED: $*" >&2
    exit 1
}

scripts/install-deps.sh --screenshots || die "could not install the packages"

# Only lavapipe, even where a GPU driver is installed: the same pixels on
# every machine, and no driver's quirks in the pictures.
shopt -s nullglob
icds=(/usr/share/vulkan/icd.d/lvp_icd.*.json)
shopt -u nullglob
((${#icds[@]} > 0)) || die "no lavapipe driver in /usr/share/vulkan/icd.d (package mesa-vulkan-drivers)"
icd_list=$(
    IFS=:
    echo "${icds[*]}"
)
export VK_DRIVER_FILES=$icd_list VK_ICD_FILENAMES=$icd_list WGPU_BACKEND=vulkan

work=$(mktemp -d "${TMPDIR:-/tmp}/esw-screenshots.XXXXXX")
trap 'rm -rf "$work"' EXIT
stamp=$work/stamp
touch "$stamp"
# Without a runtime folder (root over SSH, CI) the Wayland client library,
# loaded on the way to the software Vulkan, complains on stderr; a private
# one quietens it.
if [[ ! -d ${XDG_RUNTIME_DIR:-} ]]; then
    mkdir -m 700 "$work/runtime"
    export XDG_RUNTIME_DIR=$work/runtime
fi

# The tests are ignored in ordinary runs, so those never rewrite the images.
cargo test --locked --features snapshots --test screenshots -- --include-ignored "$@" ||
    die "the screenshot run failed (above)"

mapfile -t written < <(find assets/screenshots -name '*.png' -newer "$stamp" | sort)
((${#written[@]} > 0)) || die "no screenshot was written (does a test name contain '$*'?)"
printf 'screenshots: wrote %s\n' "${written[@]}"

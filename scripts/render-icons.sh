#!/usr/bin/env bash
# Renders the icon's PNG sizes, the Windows .ico and the macOS .icns from the
# one hand-written source, assets/icon.svg. The results are committed; run
# this again after editing the SVG.
#
#   assets/icons/hicolor/NxN/apps/APP_ID.png       N = 16 … 512
#   assets/icons/hicolor/scalable/apps/APP_ID.svg  (a copy of the source)
#   packaging/windows/entity-secret-wizard.ico     16 … 256
#   packaging/macos/entity-secret-wizard.icns      16 … 512
#
# APP_ID is the desktop application id, io.github.entity_secret_wizard.EntitySecretWizard:
# the icon theme finds the icon by the name the desktop entry gives.
#
# Installs librsvg2-bin, icoutils and icnsutils with apt when missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh --packaging

name=io.github.entity_secret_wizard.EntitySecretWizard
file_name=entity-secret-wizard
svg=assets/icon.svg
hicolor=assets/icons/hicolor
sizes=(16 22 24 32 48 64 128 256 512)

rm -rf "$hicolor"
for n in "${sizes[@]}"; do
    dir=$hicolor/${n}x${n}/apps
    mkdir -p "$dir"
    rsvg-convert --width "$n" --height "$n" --format png --output "$dir/$name.png" "$svg"
done
mkdir -p "$hicolor/scalable/apps"
cp "$svg" "$hicolor/scalable/apps/$name.svg"

png() { echo "$hicolor/$1x$1/apps/$name.png"; }

mkdir -p packaging/windows packaging/macos
icotool --create --output "packaging/windows/$file_name.ico" \
    "$(png 16)" "$(png 24)" "$(png 32)" "$(png 48)" "$(png 64)" --raw="$(png 256)"
png2icns "packaging/macos/$file_name.icns" \
    "$(png 16)" "$(png 32)" "$(png 48)" "$(png 128)" "$(png 256)" "$(png 512)" >/dev/null

# Fail loudly if anything came out wrong: every PNG at its size, both bundles
# readable.
for n in "${sizes[@]}"; do
    got=$(file --brief "$(png "$n")")
    [[ $got == "PNG image data, $n x $n, "* ]] || {
        echo "render-icons: $(png "$n") is not a ${n}x${n} PNG: $got" >&2
        exit 1
    }
done
icotool --list "packaging/windows/$file_name.ico" >/dev/null
icns2png --list "packaging/macos/$file_name.icns" >/dev/null
echo "render-icons: ${#sizes[@]} PNG sizes, the .ico and the .icns rendered from $svg"

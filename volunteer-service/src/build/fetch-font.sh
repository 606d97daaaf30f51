#!/usr/bin/env bash
# Fetches the certificates' Chinese font at build time instead of keeping 4 MB of binary in git (ADR 0021):
# Droid Sans Fallback from Debian's fonts-droid-fallback package, checked against the package's SHA-256, kept in
# Maven's local repository like any other download, and the one TTF taken out into the build's generated resources.
# Writes nothing outside target/ and that cache; says plainly what failed and stops the build.
#     fetch-font.sh <cache-dir> <output-dir>
set -euo pipefail
say() { echo "fetch-font.sh: $*" >&2; }

CACHE=$1
OUT=$2
DEB=fonts-droid-fallback_6.0.1r16-1.1_all.deb
SHA256=d2096d4edde128fedf6749be2dd204a5810210a6201126d99b8d412344f71056
URL=${PRACTICE_DEBIAN_MIRROR:-https://deb.debian.org/debian}/pool/main/f/fonts-android/$DEB
MEMBER=./usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
FONT=$OUT/DroidSansFallbackFull.ttf

verified() { [ -f "$1" ] && echo "$SHA256  $1" | sha256sum --check --status; }

if ! verified "$CACHE/$DEB"; then
    mkdir -p "$CACHE"
    say "downloading $URL"
    curl --fail --silent --show-error --location --retry 3 --output "$CACHE/$DEB.part" "$URL" \
        || { say "could not download the font package from $URL (set PRACTICE_DEBIAN_MIRROR to another Debian mirror)"; exit 1; }
    verified "$CACHE/$DEB.part" || { rm -f "$CACHE/$DEB.part"; say "$DEB does not match its SHA-256 $SHA256"; exit 1; }
    mv "$CACHE/$DEB.part" "$CACHE/$DEB"
fi

if [ -f "$FONT" ] && [ "$FONT" -nt "$CACHE/$DEB" ]; then
    exit 0
fi
mkdir -p "$OUT"
if command -v dpkg-deb >/dev/null; then
    dpkg-deb --fsys-tarfile "$CACHE/$DEB" | tar -xO "$MEMBER" > "$FONT.part"
elif command -v ar >/dev/null; then
    ar p "$CACHE/$DEB" data.tar.xz | tar -xJO "$MEMBER" > "$FONT.part"
else
    say "neither dpkg-deb nor ar is on the PATH to unpack $DEB"; exit 1
fi
[ -s "$FONT.part" ] || { say "$DEB holds no $MEMBER"; exit 1; }
mv "$FONT.part" "$FONT"

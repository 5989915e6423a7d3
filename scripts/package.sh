#!/usr/bin/env bash
# Builds the release .deb of Permit Packet with Tauri's bundler:
#
#   ./scripts/package.sh
#
# The package holds the desktop app (/usr/bin/permit-packet-desktop), the
# command line (/usr/bin/permit-packet, a link to it), the desktop entry with the case-file
# association, the MIME type of case files (*.permit-case.json), icons,
# AppStream metainfo and the licences (/usr/share/doc/permit-packet/). What
# goes in is set in tauri.conf.json (bundle) and assets/linux/.
#
# Prints the path of the .deb on the last line of its output, named the Debian
# way: target/release/bundle/deb/permit-packet_<version>_<arch>.deb. Install it
# with `sudo apt install ./permit-packet_<version>_<arch>.deb`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[package] %s\n' "$*" >&2; }

if [ ! -x node_modules/.bin/tauri ] || [ ! -x node_modules/.bin/esbuild ]; then
    say "node_modules incomplete: running scripts/install-deps.sh"
    ./scripts/install-deps.sh >&2
fi

# Tauri embeds ui/ at compile time: bundle the TypeScript first. The build
# script watches ui/ by modification time: a bundle that came out the same
# keeps its old time, so an unchanged app is not compiled again.
say "npm run build:ui"
app_js=ui/dist/app.js
before="$(sha256sum "$app_js" 2>/dev/null || true)"
before_time="$(stat -c %Y "$app_js" 2>/dev/null || true)"
npm run --silent build:ui >&2
if [ -n "$before" ] && [ "$(sha256sum "$app_js")" = "$before" ]; then
    touch -m -d "@$before_time" "$app_js"
fi

# Build without bundling, strip the program (symbols are most of its size;
# backtraces of a release build name no lines anyway), then bundle.
say "tauri build (release, desktop feature)"
nice -n "${PACKAGE_NICE:-10}" npx --no-install tauri build --no-bundle >&2
strip --strip-unneeded target/release/permit-packet-desktop
say "tauri bundle --bundles deb"
npx --no-install tauri bundle --bundles deb >&2

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
arch="$(dpkg --print-architecture)"
dir=target/release/bundle/deb
# Tauri names the file after the product name ("Permit Packet_…"); the
# package inside is `permit-packet`.
built="$dir/Permit Packet_${version}_${arch}.deb"
[ -f "$built" ] || {
    say "ERROR: the bundler wrote no $built"
    exit 1
}

# Two things the bundler does not do:
# - the command line: /usr/bin/permit-packet is a link to the desktop
#   program, which is the command line when called by that name
#   (src-tauri/main.rs); a second program would double the package;
# - xz instead of gzip, as dpkg-deb does by default (about 30% smaller).
# The file gets the package's name: permit-packet_<version>_<arch>.deb.
deb="$dir/permit-packet_${version}_${arch}.deb"
tree="$dir/permit-packet.tree"
rm -rf "$tree"
dpkg-deb --raw-extract "$built" "$tree"
ln -s permit-packet-desktop "$tree/usr/bin/permit-packet"
dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >&2
rm -rf "$tree" "$built"
say "$(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
say "size: $(stat -c %s "$deb") bytes"
realpath "$deb"

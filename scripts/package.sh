#!/usr/bin/env bash
# Builds the release .deb of Permit Packet with Tauri's bundler:
#
#   ./scripts/package.sh
#
# The package holds the desktop app (/usr/bin/permit-packet-desktop), the
# command line (/usr/bin/permit-packet, a link to it), the desktop entry with the case-file
# association, the MIME type of case files (*.permit-case.json), icons,
# AppStream metainfo, the licences and the changelog (/usr/share/doc/permit-packet/),
# the man pages and the bash, zsh and fish completions. What goes in is set in
# tauri.conf.json (bundle) and assets/linux/ (the man pages, completions and
# changelog.gz there are generated and checked by tests/integration/linux_assets.rs).
# The Depends field holds the shared libraries the program links to, as
# dpkg-shlibdeps computes them, and what tauri.conf.json adds.
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

# Three things the bundler does not do:
# - the command line: /usr/bin/permit-packet is a link to the desktop
#   program, which is the command line when called by that name
#   (src-tauri/main.rs); a second program would double the package;
# - the dependencies on the shared libraries the program links to (with
#   the versions it needs, e.g. `libc6 (>= 2.34)`): dpkg-shlibdeps computes
#   them, as in a Debian source package; it wants a debian/control, so it
#   runs in a temporary folder with a minimal one;
# - xz instead of gzip, as dpkg-deb does by default (about 30% smaller).
# The file gets the package's name: permit-packet_<version>_<arch>.deb.
deb="$dir/permit-packet_${version}_${arch}.deb"
tree="$dir/permit-packet.tree"
rm -rf "$tree"
dpkg-deb --raw-extract "$built" "$tree"
ln -s permit-packet-desktop "$tree/usr/bin/permit-packet"

shlib_dir="$(mktemp -d)"
trap 'rm -rf "$shlib_dir"' EXIT
mkdir "$shlib_dir/debian"
printf 'Source: permit-packet\n\nPackage: permit-packet\nArchitecture: any\n' >"$shlib_dir/debian/control"
program="$(realpath "$tree/usr/bin/permit-packet-desktop")"
shlibs="$(cd "$shlib_dir" && dpkg-shlibdeps -O -e"$program")"
computed="$(sed -n 's/^shlibs:Depends=//p' <<<"$shlibs")"
[ -n "$computed" ] || {
    say "ERROR: dpkg-shlibdeps found no dependencies of $program: $shlibs"
    exit 1
}
# What tauri.conf.json (and Tauri itself) declares stays, unless the
# computed list already names that package (with its version).
control="$tree/DEBIAN/control"
depends="$computed"
# The package names of the computed list, without versions: " libc6 libgtk-3-0 … ".
computed_names=" $(sed -E 's/\([^)]*\)//g; s/[|,]/ /g' <<<"$computed" | xargs) "
IFS=',' read -ra declared <<<"$(sed -n 's/^Depends: //p' "$control")"
for item in "${declared[@]}"; do
    item="$(xargs <<<"$item")"
    [ -n "$item" ] || continue
    [[ "$computed_names" == *" ${item%% *} "* ]] || depends="$depends, $item"
done
if grep -q '^Depends: ' "$control"; then
    sed -i "s/^Depends: .*/Depends: ${depends}/" "$control"
else
    sed -i "/^Architecture: /a Depends: ${depends}" "$control"
fi
dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >&2
rm -rf "$tree" "$built"
say "$(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
say "size: $(stat -c %s "$deb") bytes"
realpath "$deb"

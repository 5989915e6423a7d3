#!/usr/bin/env bash
# Builds the .deb (scripts/package.sh), checks it with lintian (no error or
# warning but those assets/linux/lintian-overrides lists, each with its
# reason), and tests it the way a user gets it:
# installed with `apt-get install ./permit-packet_….deb` into a clean Debian 12
# (minbase) root, alone. Then, inside the root: the command line (--version,
# plan, pdf), the desktop app's window under Xvfb (screenshot in
# target/screenshots/deb-window.png), a case file opened through the desktop
# entry's MIME association (`gio open`, screenshot deb-case.png; the case must
# land in the workspace), and `apt-get remove`, which must remove the programs
# and keep the workspace.
#
#   ./scripts/test-deb.sh            (as root: debootstrap, chroot, mounts)
#
# Kept between runs under target/deb-root-cache/: the debootstrap'd root as a
# tarball (made once, about 2 minutes) and the root's apt package cache. Each
# run unpacks a fresh root from the tarball, so the package is always installed
# into a root that has nothing of it or its dependencies.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$(pwd)"

CACHE="$REPO/target/deb-root-cache"
BASE_TAR="$CACHE/bookworm-minbase.tar"
ARCHIVES="$CACHE/apt-archives"
ROOT="$REPO/target/deb-root"
SHOTS="$REPO/target/screenshots"
MIRROR=http://deb.debian.org/debian
# A guard against bloat, not a target from the pages: 8 MiB until the team
# workspace (PostgreSQL client, rustls), the encrypted workspace (SQLCipher,
# the keyring over D-Bus, age) and the audit trail came in; the package then
# measured 8,949,284 bytes (program 30.4 MB stripped).
MAX_DEB_BYTES=$((10 * 1024 * 1024))
# Test-only tools for the root, installed after the package (so they cannot
# supply a library the package forgot to depend on).
TEST_TOOLS=(xvfb xauth x11-utils libglib2.0-bin)

log() { printf '[test-deb %4d s] %s\n' "$SECONDS" "$*"; }
fail() {
    printf '[test-deb] FAIL: %s\n' "$*" >&2
    exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, bind mounts); run it with sudo"
for tool in debootstrap lintian appstreamcli; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done

# --- Mounts and processes inside the root; cleaned up on every exit ---------

MOUNTS=(proc sys dev dev/pts var/cache/apt/archives)

unmount_root() {
    local i m
    # Innermost first.
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
        m="$ROOT/${MOUNTS[$i]}"
        if mountpoint -q "$m" 2>/dev/null; then
            umount "$m" 2>/dev/null || umount -l "$m"
        fi
    done
}

# The processes running inside the root (their root folder is $ROOT): the
# ones this script started there, directly or through `gio open`.
root_pids() {
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && echo "${p#/proc/}"
    done
    return 0
}

stop_root_processes() {
    local pids
    pids="$(root_pids)"
    [ -z "$pids" ] && return 0
    # shellcheck disable=SC2086 # one pid per word
    kill $pids 2>/dev/null || true
    sleep 1
    pids="$(root_pids)"
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
    return 0
}

# Deletes the root only when nothing is mounted inside it: a bind mount left
# behind would let rm -rf reach the host's /dev, /sys or /proc.
remove_root() {
    [ -e "$ROOT" ] || return 0
    unmount_root
    if grep -q " $ROOT/" /proc/mounts; then
        fail "something is still mounted under $ROOT; not deleting it"
    fi
    rm -rf --one-file-system "$ROOT"
}

cleanup() {
    local status=$?
    stop_root_processes
    unmount_root
    exit "$status"
}
trap cleanup EXIT

in_root() {
    chroot "$ROOT" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        PERMIT_PACKET_NO_REMINDERS=1 PERMIT_PACKET_PASSPHRASE_FILE="$PASSPHRASE_FILE" "$@"
}

# The clean root has no OS keyring (a headless box): the workspaces are
# encrypted with a passphrase from this file (written in section 4).
PASSPHRASE_FILE=/root/work/passphrase

# Fails unless the workspace file at $1 (a path in the root) is encrypted.
encrypted_or_fail() {
    [ -s "$ROOT$1" ] || fail "no workspace at $1"
    if head -c 16 "$ROOT$1" | grep -qa 'SQLite format 3'; then
        fail "the workspace $1 is not encrypted (its SQLite header is readable)"
    fi
    log "$1 is encrypted (no readable SQLite header)"
}

# --- 1. The package ---------------------------------------------------------

log "building the .deb (scripts/package.sh)"
DEB="$(./scripts/package.sh | tail -n 1)"
[ -f "$DEB" ] || fail "scripts/package.sh printed no .deb path (got '$DEB')"
size="$(stat -c %s "$DEB")"
log "package: $DEB"
ls -l "$DEB"
[ "$size" -lt "$MAX_DEB_BYTES" ] || fail "the .deb is $size bytes, over the limit of $MAX_DEB_BYTES"

# "-rw-r--r-- root/root 1234 2026-11-30 07:54 ./usr/bin/x" (names may hold spaces).
contents="$(dpkg-deb -c "$DEB" | sed -E 's/^([^ ]+ +){5}\.//; s/ -> .*$//')"
for path in \
    /usr/bin/permit-packet \
    /usr/bin/permit-packet-desktop \
    "/usr/share/applications/Permit Packet.desktop" \
    /usr/share/mime/packages/permit-packet.xml \
    /usr/share/metainfo/dk.permitpacket.app.metainfo.xml \
    /usr/share/doc/permit-packet/copyright \
    /usr/share/doc/permit-packet/LICENSE \
    /usr/share/doc/permit-packet/LICENSE-DejaVu.txt \
    /usr/share/doc/permit-packet/changelog.gz \
    /usr/share/man/man1/permit-packet.1.gz \
    /usr/share/man/man1/permit-packet-desktop.1.gz \
    /usr/share/man/man1/permit-packet-plan.1.gz \
    /usr/share/bash-completion/completions/permit-packet \
    /usr/share/zsh/vendor-completions/_permit-packet \
    /usr/share/fish/vendor_completions.d/permit-packet.fish \
    /usr/share/icons/hicolor/16x16/apps/permit-packet-desktop.png \
    /usr/share/icons/hicolor/48x48/apps/permit-packet-desktop.png \
    /usr/share/icons/hicolor/256x256/apps/permit-packet-desktop.png; do
    grep -qxF "$path" <<<"$contents" || fail "the .deb has no $path"
done
log "the .deb holds both programs, desktop entry, MIME type, metainfo, icons, licences, changelog, man pages and completions"
appstreamcli validate --no-net assets/linux/dk.permitpacket.app.metainfo.xml
dpkg-deb -f "$DEB" Package Version Maintainer Depends
# The libraries the program links to are computed (scripts/package.sh).
dpkg-deb -f "$DEB" Depends | grep -q 'libc6 (>= ' || fail "the .deb does not depend on libc6 with a version"
# SQLCipher (the encrypted workspace) links the system libcrypto.
dpkg-deb -f "$DEB" Depends | grep -q 'libssl3' || fail "the .deb does not depend on libssl3 (libcrypto, for SQLCipher)"

# lintian: no error and no warning, but those the package overrides in
# /usr/share/lintian/overrides/permit-packet (assets/linux/lintian-overrides),
# each with its reason on the comment line above it. An override lintian no
# longer needs fails too.
OVERRIDES=assets/linux/lintian-overrides
if [ -f "$OVERRIDES" ]; then
    unexplained="$(awk '/^[^#[:space:]]/ && prev !~ /^#/ { print FILENAME ":" FNR ": " $0 } { prev = $0 }' "$OVERRIDES")"
    [ -z "$unexplained" ] || fail "lintian overrides without a reason (a # line above): $unexplained"
    grep -qxF /usr/share/lintian/overrides/permit-packet <<<"$contents" || fail "the .deb does not ship $OVERRIDES"
fi
log "lintian $(lintian --version)"
lintian_status=0
lintian_out="$(lintian --fail-on error,warning --display-info --show-overrides "$DEB" 2>&1)" || lintian_status=$?
printf '%s\n' "$lintian_out"
[ "$lintian_status" -eq 0 ] || fail "lintian reports errors or warnings (exit $lintian_status); fix them, or override one with its reason in $OVERRIDES"
if grep -E '^[EWI]: .*(unused-override|mismatched-override)' <<<"$lintian_out"; then
    fail "an override in $OVERRIDES is not used any more: remove it"
fi
log "lintian: no errors or warnings ($(grep -c '^O: ' <<<"$lintian_out" || true) overridden; the overrides and their reasons: $OVERRIDES, if present)"

# --- 2. A clean Debian 12 root ----------------------------------------------

mkdir -p "$CACHE" "$ARCHIVES" "$SHOTS"
if [ ! -f "$BASE_TAR" ]; then
    base="$CACHE/base.new"
    if [ ! -x "$base/usr/bin/apt-get" ]; then
        rm -rf --one-file-system "$base"
        log "debootstrap bookworm (minbase; about 2 minutes, once)"
        debootstrap --variant=minbase --include=ca-certificates bookworm "$base" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
            fail "debootstrap failed; see $CACHE/debootstrap.log"
    fi
    cat >"$base/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    rm -f "$base/var/cache/apt/archives/"*.deb
    tar -C "$base" -cf "$BASE_TAR.tmp" . && mv "$BASE_TAR.tmp" "$BASE_TAR"
    grep -q " $base/" /proc/mounts && fail "something is mounted under $base"
    rm -rf --one-file-system "$base"
    log "cached the clean root as $BASE_TAR"
fi

remove_root
mkdir -p "$ROOT"
tar -C "$ROOT" -xf "$BASE_TAR"
for m in proc sys dev dev/pts; do
    mkdir -p "$ROOT/$m"
    mount --bind "/$m" "$ROOT/$m"
done
mkdir -p "$ROOT/var/cache/apt/archives"
mount --bind "$ARCHIVES" "$ROOT/var/cache/apt/archives"
log "fresh root from the cache: $(dpkg-query --admindir="$ROOT/var/lib/dpkg" -W | wc -l) packages"

log "apt-get update"
in_root apt-get update -qq

# --- 3. Install the package, alone ------------------------------------------

cp "$DEB" "$ROOT/tmp/"
deb_in_root="/tmp/$(basename "$DEB")"
log "apt-get install -y .$deb_in_root"
in_root apt-get install -y -q --no-install-recommends "$deb_in_root" >"$REPO/target/deb-install.log" 2>&1 || {
    tail -n 30 "$REPO/target/deb-install.log"
    fail "apt-get install of the .deb failed (log: target/deb-install.log)"
}
grep -E '^(Setting up|Processing triggers)' "$REPO/target/deb-install.log" | tail -n 5
log "installed with $(grep -c '^Setting up' "$REPO/target/deb-install.log") packages set up"
[ "$(in_root dpkg-query -W -f='${db:Status-Status}' permit-packet)" = installed ] || fail "permit-packet is not installed"
[ "$(in_root sh -c 'command -v permit-packet')" = /usr/bin/permit-packet ] || fail "permit-packet is not on the PATH"
[ "$(in_root readlink /usr/bin/permit-packet)" = permit-packet-desktop ] || fail "/usr/bin/permit-packet is not the link to the app"
# desktop-file-utils comes with the package (it keeps the MIME association).
in_root desktop-file-validate "/usr/share/applications/Permit Packet.desktop" || fail "the desktop entry is not valid"
log "desktop entry valid: $(grep -E '^(Exec|MimeType)=' "$ROOT/usr/share/applications/Permit Packet.desktop" | tr '\n' ' ')"

# --- 4. The command line ----------------------------------------------------

log "permit-packet --version"
version_out="$(in_root permit-packet --version)"
echo "$version_out"
cargo_version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
rules_version="$(sed -n 's/^ *"rules_version": "\(.*\)",/\1/p' assets/rules/rules.json)"
checked_on="$(sed -n 's/^ *"checked_on": "\(.*\)",/\1/p' assets/rules/rules.json)"
grep -qx "permit-packet $cargo_version" <<<"$version_out" || fail "--version does not say $cargo_version"
grep -qx "rules $rules_version (checked on $checked_on)" <<<"$version_out" || fail "--version does not name the rules"
grep -qx "workspace /root/.local/share/permit-packet/workspace.sqlite3" <<<"$version_out" || fail "--version does not name the workspace"

log "permit-packet plan --help; the bash completion"
grep -q "^Usage: permit-packet plan " <<<"$(in_root permit-packet plan --help)" || fail "plan --help does not show plan's usage"
in_root bash -c 'source /usr/share/bash-completion/completions/permit-packet && complete -p permit-packet' ||
    fail "the bash completion does not register permit-packet"

mkdir -p "$ROOT/root/work"
printf '%s' 'a passphrase for the package test' >"$ROOT$PASSPHRASE_FILE"
chmod 600 "$ROOT$PASSPHRASE_FILE"
cp examples/ar9-pay-limit.json examples/hires.csv "$ROOT/root/work/"
log "permit-packet plan"
plan_out="$(in_root permit-packet plan /root/work/ar9-pay-limit.json --format text --today 2026-11-23)"
head -n 3 <<<"$plan_out"
grep -q "AR9" <<<"$plan_out" || fail "the plan does not name AR9"

log "permit-packet pdf"
in_root permit-packet pdf /root/work/ar9-pay-limit.json -o /root/work/checklist.pdf --lang da --today 2026-11-23
pdf="$ROOT/root/work/checklist.pdf"
[ -s "$pdf" ] || fail "no PDF written"
log "PDF: $(stat -c %s "$pdf") bytes"
if command -v pdftotext >/dev/null; then
    pdf_text="$(pdftotext "$pdf" -)"
    grep -q "AR9" <<<"$pdf_text" || fail "the PDF's text does not name AR9"
    grep -q "Rahul Mehta" <<<"$pdf_text" || fail "the PDF's text does not name the applicant"
    log "the PDF's text names AR9 and Rahul Mehta"
fi

# A case file to double-click, made in another workspace.
in_root permit-packet import /root/work/hires.csv --valid-rows --store /root/work/source.sqlite3 >/dev/null
# `cases` prints "    id  next        status    reference       name": the name starts at
# column 47 (the reference column is 14 wide; the fixture's references are shorter).
case_name="$(in_root permit-packet cases --store /root/work/source.sqlite3 | awk 'NR > 1 && $1 == 1' | cut -c47-)"
[ -n "$case_name" ] || fail "no case 1 in the source workspace"
encrypted_or_fail /root/work/source.sqlite3
in_root permit-packet case export 1 -o /root/work/first.permit-case.json --store /root/work/source.sqlite3
[ -s "$ROOT/root/work/first.permit-case.json" ] || fail "no case file exported"
log "case file for the double-click: /root/work/first.permit-case.json"

# --- 5. The desktop app -----------------------------------------------------

log "test tools into the root: ${TEST_TOOLS[*]}"
in_root apt-get install -y -q --no-install-recommends "${TEST_TOOLS[@]}" >"$REPO/target/deb-tools.log" 2>&1 ||
    fail "installing the test tools failed (log: target/deb-tools.log)"

# A display number free on the host and in the root (the X socket's abstract
# name is shared with the host: chroot keeps the network namespace).
display=""
for n in $(seq 71 98); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ] && ! grep -q "@/tmp/.X11-unix/X$n\$" /proc/net/unix; then
        display=":$n"
        break
    fi
done
[ -n "$display" ] || fail "no free X display number"
log "Xvfb $display inside the root"
chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
    Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >"$REPO/target/deb-xvfb.log" 2>&1 &
for _ in $(seq 50); do
    in_root env DISPLAY="$display" xdpyinfo >/dev/null 2>&1 && break
    sleep 0.2
done
in_root env DISPLAY="$display" xdpyinfo >/dev/null 2>&1 || fail "Xvfb did not start (target/deb-xvfb.log)"

screenshot() {
    local out="$SHOTS/$1"
    if command -v import >/dev/null && DISPLAY="$display" import -window root "$out" 2>/dev/null; then
        log "screenshot: target/screenshots/$1"
    else
        log "no screenshot (no ImageMagick on the host)"
    fi
}

window_up() {
    local tree
    tree="$(in_root env DISPLAY="$display" xwininfo -root -tree 2>/dev/null || true)"
    grep -q '"Permit Packet"' <<<"$tree"
}

log "starting /usr/bin/permit-packet-desktop"
chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    DISPLAY="$display" PERMIT_PACKET_NO_REMINDERS=1 PERMIT_PACKET_PASSPHRASE_FILE="$PASSPHRASE_FILE" \
    permit-packet-desktop >"$REPO/target/deb-app.log" 2>&1 &
app_pid=$!
for _ in $(seq 150); do
    window_up && break
    kill -0 "$app_pid" 2>/dev/null || {
        cat "$REPO/target/deb-app.log"
        fail "the app exited before showing its window"
    }
    sleep 0.2
done
window_up || fail "no 'Permit Packet' window after 30 s (log: target/deb-app.log)"
log "window 'Permit Packet' is up"
sleep 4 # let WebKit paint
kill -0 "$app_pid" 2>/dev/null || fail "the app died after showing its window"
screenshot deb-window.png
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true

# --- 6. A double-click on a case file: the MIME association ----------------

content_type="$(in_root gio info -a standard::content-type /root/work/first.permit-case.json | sed -n 's/^ *standard::content-type: //p')"
log "content type of the case file: $content_type"
[ "$content_type" = application/x-permit-packet-case ] || fail "the case file's type is '$content_type', not application/x-permit-packet-case"
default_app="$(in_root gio mime application/x-permit-packet-case)"
log "$default_app"
grep -q "Permit Packet.desktop" <<<"$default_app" || fail "no default app for case files"

log "gio open /root/work/first.permit-case.json"
in_root env DISPLAY="$display" gio open /root/work/first.permit-case.json
opened=""
for _ in $(seq 150); do
    listed="$(in_root permit-packet cases 2>/dev/null || true)"
    if grep -qF "$case_name" <<<"$listed"; then
        opened=yes
        break
    fi
    sleep 0.2
done
[ -n "$opened" ] || fail "the case '$case_name' did not arrive in the workspace after gio open"
log "the app imported '$case_name' into /root/.local/share/permit-packet/workspace.sqlite3"
in_root permit-packet cases
encrypted_or_fail /root/.local/share/permit-packet/workspace.sqlite3
sleep 4 # the case screen opens after the import
screenshot deb-case.png
stop_root_processes_but_x() {
    local p
    for p in $(root_pids); do
        grep -q Xvfb "/proc/$p/comm" 2>/dev/null || kill "$p" 2>/dev/null || true
    done
}
stop_root_processes_but_x
sleep 1

# --- 7. Uninstall: the programs go, the workspace stays ----------------------

log "apt-get remove -y permit-packet"
in_root apt-get remove -y -q permit-packet >"$REPO/target/deb-remove.log" 2>&1 || {
    tail -n 20 "$REPO/target/deb-remove.log"
    fail "apt-get remove failed"
}
for gone in /usr/bin/permit-packet /usr/bin/permit-packet-desktop "/usr/share/applications/Permit Packet.desktop" /usr/share/mime/packages/permit-packet.xml; do
    [ ! -e "$ROOT$gone" ] || fail "$gone is still there after apt-get remove"
done
[ -s "$ROOT/root/.local/share/permit-packet/workspace.sqlite3" ] || fail "the workspace was removed with the package"
log "removed: programs gone, workspace kept ($(stat -c %s "$ROOT/root/.local/share/permit-packet/workspace.sqlite3") bytes)"

stop_root_processes
# Passed: the root is not needed any more (a failed run keeps it to look at).
remove_root
log "PASS (.deb $size bytes)"

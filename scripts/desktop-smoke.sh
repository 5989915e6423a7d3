#!/usr/bin/env bash
# Desktop smoke test: builds the desktop binary (debug), starts it under a
# virtual X server, checks that a window titled "Permit Packet" appears and
# that the page inside it rendered, saves a screenshot to
# target/screenshots/shell.png and stops the app. Exits non-zero on failure.
#
#   ./scripts/desktop-smoke.sh
#
# Needs: xvfb-run (xvfb, xauth), xdotool, imagemagick (import, identify).
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$SELF")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET_DIR/debug/permit-packet-desktop"
SHOT_DIR="$TARGET_DIR/screenshots"
SHOT="$SHOT_DIR/shell.png"
LOG="$SHOT_DIR/shell.log"
TITLE="Permit Packet"
WINDOW_TIMEOUT_S=30 # the first start of WebKit can be slow on a busy machine
SETTLE_S=4          # time for the page and the app_info call to render

say() { printf '[desktop-smoke] %s\n' "$*"; }
fail() {
    printf '[desktop-smoke] FAIL: %s\n' "$*" >&2
    exit 1
}

# Runs inside xvfb-run (see the bottom of this file).
inside_xvfb() {
    "$BIN" >"$LOG" 2>&1 &
    APP_PID=$!
    # Stop the app however this script ends.
    trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true' EXIT

    local wid="" waited=0
    while [ -z "$wid" ]; do
        kill -0 "$APP_PID" 2>/dev/null || fail "the app exited before opening a window (log: $LOG)"
        [ "$waited" -lt $((WINDOW_TIMEOUT_S * 2)) ] || fail "no window titled \"$TITLE\" after ${WINDOW_TIMEOUT_S} s"
        wid="$(xdotool search --name "^${TITLE}\$" 2>/dev/null | head -n 1 || true)"
        [ -n "$wid" ] || { sleep 0.5; waited=$((waited + 1)); }
    done
    say "window \"$TITLE\" found (id $wid) after about $((waited / 2)) s"

    sleep "$SETTLE_S"
    kill -0 "$APP_PID" 2>/dev/null || fail "the app exited after opening its window (log: $LOG)"

    local geometry
    geometry="$(xwininfo -id "$wid" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')"
    say "window size $geometry"
    [ "$geometry" = "1200x800" ] || fail "expected a 1200x800 window, got $geometry"

    import -window root "$SHOT" || fail "could not take a screenshot"

    # A blank (white) webview has a handful of colours; rendered text has many.
    local colours
    colours="$(identify -format '%k' "$SHOT")"
    say "screenshot $SHOT ($colours colours)"
    [ "$colours" -ge 32 ] || fail "the window looks blank ($colours colours in $SHOT)"
}

if [ "${1:-}" = "--inside-xvfb" ]; then
    inside_xvfb
    exit 0
fi

for tool in xvfb-run xdotool xwininfo import identify; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found: run ./scripts/install-deps.sh"
done

say "building the UI and the desktop binary"
npm run --silent build:ui
cargo build --features desktop --bin permit-packet-desktop
# The store's crash-test hook is for `cargo test` builds only.
for hook in PERMIT_STORE_TEST_PAUSE_IMPORT PERMIT_STORE_TEST_NO_AUDIT PERMIT_STORE_TEST_PAUSE_ENCRYPT; do
    if grep -q "$hook" "$BIN"; then
        fail "$BIN contains the store's test hook $hook (feature test-hooks): it must not ship"
    fi
done
# Nor does a shipped build trust the rules bundles' test key.
TEST_KEY="$(sed -n 2p crates/permit-bundle/tests/keys/test.pub)"
if grep -q "$TEST_KEY" "$BIN"; then
    fail "$BIN trusts the rules test key (feature test-keys): it must not ship"
fi
say "no test hook and no rules test key in $BIN"

mkdir -p "$SHOT_DIR"
rm -f "$SHOT"
say "starting $BIN under xvfb-run"
xvfb-run -a -s "-screen 0 1280x900x24" bash "$SELF" --inside-xvfb ||
    fail "see the messages above; app log: $LOG"
say "PASS"

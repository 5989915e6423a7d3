#!/usr/bin/env bash
# End-to-end test of the real app: builds the UI and the desktop binary,
# starts tauri-driver under Xvfb with a fresh workspace, runs
# tests/e2e/*.test.mjs (node --test), and leaves screenshots in
# target/screenshots/. Needs scripts/install-deps.sh (tauri-driver,
# webkit2gtk-driver, xvfb, poppler-utils, Node).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v tauri-driver >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null 2>&1 || { echo "[e2e] tauri-driver missing: run scripts/install-deps.sh" >&2; exit 1; }

npm run --silent build:ui
cargo build --features desktop --bin permit-packet-desktop --bin permit-packet

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PERMIT_PACKET_WORKSPACE="$work/workspace.sqlite3"
# The journeys' workspace stays a plain one (made here, before the app
# starts; the app opens a plain workspace as it is): one journey edits it with
# sqlite3, as a rules install leaves it. Encryption at rest is tested in
# tests/integration/encryption_cli.rs and crates/permit-*/tests/encryption.rs.
sqlite3 "$PERMIT_PACKET_WORKSPACE" 'CREATE TABLE e2e_plain (a); DROP TABLE e2e_plain;'
export E2E_OUT="$work/out"
# The test answers the app's real GTK file dialogs with the keyboard
# (tests/e2e/webdriver.mjs, answerFileDialog). Without recent files, GTK opens
# them in a folder, where Return on a typed path accepts the dialog.
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/gtk-3.0" "$E2E_OUT"
# The file chooser saves its state through GSettings; keep that in memory
# (there is no D-Bus session for dconf under Xvfb).
export GSETTINGS_BACKEND=memory
printf '[Settings]\ngtk-recent-files-enabled=false\n' >"$XDG_CONFIG_HOME/gtk-3.0/settings.ini"
export PERMIT_PACKET_NO_REMINDERS=1
export PERMIT_PACKET_APP="$PWD/target/debug/permit-packet-desktop"
export SCREENSHOT_DIR="$PWD/target/screenshots"
export XDG_DATA_HOME="$work/xdg"

# Inside the (virtual) display: tauri-driver, then the node tests.
cat >"$work/run.sh" <<'INNER'
set -u
tauri-driver --port 4444 >"$work/driver.log" 2>&1 &
driver=$!
for _ in $(seq 1 50); do
    curl -s http://127.0.0.1:4444/status >/dev/null 2>&1 && break
    sleep 0.2
done
status=0
node --test tests/e2e/ || status=$?
kill "$driver" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
    echo "[e2e] tauri-driver log:"
    tail -n 40 "$work/driver.log"
fi
exit "$status"
INNER
export work

# The team journey needs a real PostgreSQL server: pg_virtualenv (the apt
# package postgresql) starts a throwaway one and exports PGHOST, PGPORT,
# PGUSER and PGPASSWORD of its superuser, the journey's admin.
command -v pg_virtualenv >/dev/null 2>&1 || { echo "[e2e] pg_virtualenv missing: run scripts/install-deps.sh" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
    xvfb-run -a -s "-screen 0 1280x900x24" pg_virtualenv bash "$work/run.sh"
else
    pg_virtualenv bash "$work/run.sh"
fi

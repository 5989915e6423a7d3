#!/usr/bin/env bash
# Builds and starts the Permit Packet desktop app.
#
#   ./scripts/run-app.sh            # debug build (default)
#   ./scripts/run-app.sh --release  # optimised build
#
# The default is a DEBUG build: it shares its compiled dependencies with
# ./scripts/test.sh, so after the tests it starts in seconds; a first release
# build takes about 4 minutes on 2 cores. Extra arguments go to `cargo run`.
#
# Needs a display. On a machine without one, use:  xvfb-run -a ./scripts/run-app.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "[run-app] no DISPLAY or WAYLAND_DISPLAY: the window needs a desktop session (or: xvfb-run -a $0)" >&2
    exit 1
fi

# The UI (TypeScript) is bundled into ui/dist/ first: Tauri embeds ui/ when it compiles.
npm run --silent build:ui

exec cargo run --features desktop --bin permit-packet-desktop "$@"

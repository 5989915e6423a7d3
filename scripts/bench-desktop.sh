#!/usr/bin/env bash
# Window figures of the real app (cold start, idle memory, IPC round trip,
# 10,000-case list). Back-end figures: `cargo bench --bench workspace` (which
# also makes target/bench/workspace-10k.sqlite3, used here).
#
#   ./scripts/bench-desktop.sh            # debug build
#   ./scripts/bench-desktop.sh --release  # release build
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
profile=debug
cargo_flags=()
if [ "${1:-}" = "--release" ]; then profile=release; cargo_flags=(--release); fi
command -v tauri-driver >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"
npm run --silent build:ui
cargo build "${cargo_flags[@]}" --features desktop --bin permit-packet-desktop
[ -f target/bench/workspace-10k.sqlite3 ] || cargo bench --bench workspace

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export work
export PERMIT_PACKET_APP="$PWD/target/$profile/permit-packet-desktop"
export PERMIT_PACKET_NO_REMINDERS=1
cp target/bench/workspace-10k.sqlite3 "$work/big.sqlite3"
cat >"$work/run.sh" <<'INNER'
set -eu
PERMIT_PACKET_WORKSPACE="$work/small.sqlite3" node tests/e2e/bench.mjs mark || true
tauri-driver --port 4444 >"$work/driver.log" 2>&1 &
driver=$!
for _ in $(seq 1 50); do curl -s http://127.0.0.1:4444/status >/dev/null 2>&1 && break; sleep 0.2; done
PERMIT_PACKET_WORKSPACE="$work/small.sqlite3" node tests/e2e/bench.mjs small || true
kill "$driver"; sleep 0.5
PERMIT_PACKET_WORKSPACE="$work/big.sqlite3" tauri-driver --port 4444 >"$work/driver2.log" 2>&1 &
driver=$!
for _ in $(seq 1 50); do curl -s http://127.0.0.1:4444/status >/dev/null 2>&1 && break; sleep 0.2; done
node tests/e2e/bench.mjs big || true
kill "$driver"
INNER
echo "[bench-desktop] $profile build"
xvfb-run -a -s "-screen 0 1280x900x24" bash "$work/run.sh"

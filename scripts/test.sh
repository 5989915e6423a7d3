#!/usr/bin/env bash
# The whole test suite, as run by CI (.ci/run) and by hand:
#
#   ./scripts/test.sh                  # every step
#   ./scripts/test.sh fmt desktop_smoke  # only the named steps, in that order
#
# Installs missing dependencies first (scripts/install-deps.sh), then runs the
# steps listed in STEPS below in order. Stops at the first failing step with a
# clear message, and prints a summary with timings at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Steps, in order. Each is a function below.
STEPS=(
    install_deps
    fmt
    msrv_declared
    clippy_workspace
    ui_build
    ui_typecheck
    clippy_desktop
    test_workspace
    postgres_suite
    fuzz_smoke
    bindings_current
    ui_tests
    no_tauri_outside_desktop
    desktop_smoke
    e2e_tests
    deb_package
)

# --- Steps ------------------------------------------------------------------

install_deps() {
    ./scripts/install-deps.sh
}

fmt() {
    cargo fmt --all -- --check
}

# The workspace's rust-version is the true minimum: no crate in the build
# graph (Linux) declares a newer one. (The one toolchain here cannot build
# with an older Rust, so this checks the declarations, which cargo enforces.)
msrv_declared() {
    cargo metadata --format-version 1 --locked --filter-platform x86_64-unknown-linux-gnu |
        node -e '
let s = "";
process.stdin.on("data", (d) => (s += d)).on("end", () => {
  const m = JSON.parse(s);
  const used = new Set(m.resolve.nodes.map((n) => n.id));
  const num = (v) => v.split(".").map(Number).concat([0, 0, 0]).slice(0, 3);
  const newer = (a, b) => { const x = num(a), y = num(b); for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]; return false; };
  const root = m.packages.find((p) => p.name === "permit-packet");
  let top = null;
  for (const p of m.packages) if (used.has(p.id) && p.rust_version && (!top || newer(p.rust_version, top.rust_version))) top = p;
  if (newer(top.rust_version, root.rust_version)) {
    console.log(`${top.name} needs Rust ${top.rust_version}, newer than the workspace rust-version ${root.rust_version}: raise it in Cargo.toml`);
    process.exit(1);
  }
  console.log(`rust-version ${root.rust_version}: no crate of the build needs a newer Rust (highest: ${top.name} ${top.rust_version})`);
});'
}

clippy_workspace() {
    cargo clippy --workspace --all-targets -- -D warnings
}

# The desktop UI (TypeScript, bundled by esbuild into ui/dist/app.js). Built
# before anything compiles the desktop feature: Tauri embeds ui/ at compile time.
ui_build() {
    npm run --silent build:ui
}

ui_typecheck() {
    npm run --silent typecheck
}

clippy_desktop() {
    cargo clippy --features desktop --all-targets -- -D warnings
}

# Every crate's tests, with the desktop shell compiled in: its unit tests
# (src-tauri/desktop.rs) need the `desktop` feature. One test build instead of
# one with and one without the feature: dependencies whose features differ
# between the two were compiled twice, which doubled the disk a clean machine
# needs. The build without the feature is checked by clippy_workspace, and the
# smoke and e2e steps reuse this build's dependencies.
test_workspace() {
    cargo test --workspace --features permit-packet/desktop
}

# The service's test suite and the team workspace's tests on a real
# PostgreSQL server (crates/permit-store-postgres/src/testing.rs): the test
# binaries test_workspace built (no rebuild) run again with
# PERMIT_TEST_BACKEND=postgres under pg_virtualenv, which makes a throwaway
# cluster and drops it afterwards. The team workspace's own tests (ignored
# without a server) run with --include-ignored. A backend that passes fewer
# of the service's tests than SQLite fails the step.
postgres_suite() {
    command -v pg_virtualenv >/dev/null 2>&1 ||
        { echo "pg_virtualenv not found: the apt package postgresql (scripts/install-deps.sh)"; return 1; }
    local listing bin pkg dir sqlite_passed=0 pg_passed=0 n out
    listing="$(cargo test --workspace --features permit-packet/desktop --no-run --message-format=json 2>/dev/null |
        node -e '
let s = "";
process.stdin.on("data", (d) => (s += d)).on("end", () => {
  for (const line of s.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line);
    if (m.reason !== "compiler-artifact" || !m.executable || !m.profile.test) continue;
    const pkg = m.package_id.match(/(permit-service|permit-store-postgres)[#@]/);
    if (pkg) console.log(pkg[1] + " " + m.executable);
    else if (m.target.name === "integration") console.log("permit-packet " + m.executable);
  }
});')"
    [ -n "$listing" ] || { echo "no test binaries of permit-service / permit-store-postgres found"; return 1; }
    # As cargo would set it (.cargo/config.toml): ts-rs writes the bindings there.
    export TS_RS_EXPORT_DIR="$PWD/ui/src/bindings"
    while read -r pkg bin; do
        dir="crates/$pkg"
        if [ "$pkg" = permit-packet ]; then
            # The command line's team commands, end to end (the rest of this
            # binary ran in test_workspace).
            out="$(PERMIT_TEST_BACKEND=postgres pg_virtualenv "$bin" -q --include-ignored team_cli 2>&1)" ||
                { echo "$out"; return 1; }
            n="$(echo "$out" | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | tail -1)"
            echo "permit-packet team_cli: ${n:-0} passed on PostgreSQL"
            [ "${n:-0}" -ge 1 ] || { echo "the team command-line tests did not run"; return 1; }
            continue
        fi
        if [ "$pkg" = permit-service ]; then
            out="$(cd "$dir" && CARGO_MANIFEST_DIR="$PWD" "$bin" -q 2>&1)" || { echo "$out"; return 1; }
            n="$(echo "$out" | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | tail -1)"
            sqlite_passed=$((sqlite_passed + ${n:-0}))
        fi
        out="$(cd "$dir" && CARGO_MANIFEST_DIR="$PWD" PERMIT_TEST_BACKEND=postgres \
            pg_virtualenv "$bin" -q --include-ignored 2>&1)" || { echo "$out"; return 1; }
        n="$(echo "$out" | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | tail -1)"
        echo "$pkg $(basename "$bin"): ${n:-0} passed on PostgreSQL"
        [ "$pkg" = permit-service ] && pg_passed=$((pg_passed + ${n:-0}))
    done <<<"$listing"
    echo "permit-service: $sqlite_passed tests passed on SQLite, $pg_passed on PostgreSQL"
    if [ "$pg_passed" -ne "$sqlite_passed" ] || [ "$pg_passed" -eq 0 ]; then
        echo "the PostgreSQL backend passed a different number of the service's tests than SQLite"
        return 1
    fi
}

# A timed round of every fuzz target (crates/permit-fuzz; docs/security.md):
# panics, inputs slower than 1 s, broken promises, peak memory over 200 MB.
# The long run is `cargo run --release -p permit-fuzz -- --inputs 1000000`.
fuzz_smoke() {
    cargo run --quiet -p permit-fuzz -- --seconds 10 all
}

# The TypeScript types in ui/src/bindings are generated from the Rust types by
# ts-rs when the tests run (test_workspace). They are committed: this fails
# when the generated files differ from the committed ones, or are new.
bindings_current() {
    local untracked
    if ! git diff --exit-code --stat -- ui/src/bindings; then
        echo "ui/src/bindings differ from the committed files: regenerate and commit them"
        echo "(cargo test -p permit-core export_bindings && cargo test -p permit-service --lib export_bindings && cargo test -p permit-packet --lib export_bindings)"
        return 1
    fi
    untracked="$(git ls-files --others --exclude-standard -- ui/src/bindings)"
    if [ -n "$untracked" ]; then
        echo "generated bindings not committed:"
        echo "$untracked"
        return 1
    fi
    echo "ui/src/bindings match the Rust types"
}

# UI unit tests: the real UI in headless Chromium with the Tauri IPC mocked
# (ui/tests/). Screenshots go to target/screenshots/ui-*.png.
ui_tests() {
    npm run --silent test:ui
}

# The rules core and every other library crate must never depend on Tauri,
# and neither must the command line (the root package without `desktop`).
#
# `cargo tree -i tauri` prints the path to tauri when tauri is in the
# dependency graph, and fails with "did not match any packages" when it is
# not: that failure is the PASS case. Any other failure is an error.
#
# Usage: tauri_free <package> [extra cargo tree arguments...]
# Returns 0 when tauri is absent, 1 when present, 2 when cargo tree failed otherwise.
tauri_free() {
    local package="$1"
    shift
    local output status=0
    # A misspelt package would also make cargo tree say tauri did not match.
    if ! output="$(cargo pkgid "$package" 2>&1)"; then
        echo "no package $package in this workspace: $output"
        return 2
    fi
    output="$(cargo tree --quiet -p "$package" -e normal,build -i tauri "$@" 2>&1)" || status=$?
    # shellcheck disable=SC2016 # the backticks are literal text in cargo's message
    if [ "$status" -ne 0 ] && grep -q 'specification `tauri` did not match any packages' <<<"$output"; then
        return 0
    fi
    if [ "$status" -eq 0 ] && [ -n "$output" ]; then
        echo "$package ($*) depends on tauri:"
        echo "$output"
        return 1
    fi
    echo "cargo tree for $package failed unexpectedly (status $status):"
    echo "$output"
    return 2
}

no_tauri_outside_desktop() {
    local packages=(permit-packet) manifest name status
    for manifest in crates/*/Cargo.toml; do
        [ -f "$manifest" ] || continue
        name="$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -n 1)"
        [ -n "$name" ] && packages+=("$name")
    done
    # The check itself must be able to fail: with the desktop feature the root
    # package does depend on tauri.
    status=0
    tauri_free permit-packet --features desktop >/dev/null || status=$?
    if [ "$status" -ne 1 ]; then
        echo "self-check failed: the check did not see tauri under --features desktop (status $status)"
        return 1
    fi
    echo "self-check: tauri found under permit-packet --features desktop, as expected"
    for name in "${packages[@]}"; do
        tauri_free "$name" || return 1
        echo "no tauri in $name"
    done
}

desktop_smoke() {
    ./scripts/desktop-smoke.sh
}

# The PDF tests (pdftotext extraction, pagination, layout reference) run in
# test_workspace. The end-to-end test drives the real app window through
# tauri-driver under Xvfb (see scripts/e2e.sh); screenshots land in
# target/screenshots/.
e2e_tests() {
    ./scripts/e2e.sh
}

# The release .deb (scripts/package.sh), checked with lintian, installed with
# apt into a clean Debian 12 root and tried there: CLI, window, double-click on a case file,
# uninstall (see scripts/test-deb.sh). Needs root for debootstrap and chroot.
deb_package() {
    if [ "$(id -u)" -eq 0 ]; then
        ./scripts/test-deb.sh
    else
        sudo ./scripts/test-deb.sh
    fi
}

# --- Runner -----------------------------------------------------------------

if [ "$#" -gt 0 ]; then
    for step in "$@"; do
        if ! printf '%s\n' "${STEPS[@]}" | grep -qx -- "$step"; then
            echo "unknown step '$step'; the steps are: ${STEPS[*]}" >&2
            exit 2
        fi
    done
    STEPS=("$@")
fi

SUMMARY=()
START_ALL=$SECONDS

# Disk: on a clean clone target/ grows to about 6 GB, and the .deb step adds a
# Debian root and its package cache (README, "Two commands").
# Each summary line shows the free space after the
# step and the size of target/, so a "No space left on device" is easy to place.
free_mb() {
    df -Pm . | awk 'NR == 2 { print $4 }'
}
target_mb() {
    if [ -d target ]; then du -sm target 2>/dev/null | awk '{ print $1 }'; else echo 0; fi
}
disk_note() {
    printf 'free %6s MB, target/ %6s MB' "$(free_mb)" "$(target_mb)"
}
NEEDED_MB=10000
if [ "$(free_mb)" -lt "$NEEDED_MB" ]; then
    echo "warning: only $(free_mb) MB free on $(df -P . | awk 'NR == 2 { print $6 }');" \
        "a clean run needs about $NEEDED_MB MB (README, \"Two commands\")" >&2
fi

summary() {
    echo
    echo "================ test summary ================"
    local line
    for line in "${SUMMARY[@]}"; do
        echo "$line"
    done
    echo "total: $((SECONDS - START_ALL)) s"
    echo "=============================================="
}

for step in "${STEPS[@]}"; do
    echo
    echo "==> $step"
    start=$SECONDS
    status=0
    "$step" || status=$?
    elapsed=$((SECONDS - start))
    if [ "$status" -ne 0 ]; then
        SUMMARY+=("$(printf 'FAIL  %-26s %4d s   %s' "$step" "$elapsed" "$(disk_note)")")
        for skipped in "${STEPS[@]:${#SUMMARY[@]}}"; do
            SUMMARY+=("$(printf 'SKIP  %-26s' "$skipped")")
        done
        summary
        echo "FAILED: step '$step' failed (exit status $status); see its output above." >&2
        exit 1
    fi
    SUMMARY+=("$(printf 'PASS  %-26s %4d s   %s' "$step" "$elapsed" "$(disk_note)")")
done

summary
echo "ALL PASSED"

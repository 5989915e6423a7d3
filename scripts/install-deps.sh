#!/usr/bin/env bash
# Installs what building, testing and running Permit Packet needs on Debian 12
# (bookworm), starting from a machine with only git and a rustup toolchain.
#
#   ./scripts/install-deps.sh
#
# Idempotent: installs only the apt packages that are missing (and runs
# `apt-get update` only then), runs npm only when package.json exists, and adds
# rustfmt/clippy only when missing. Uses sudo for apt when not run as root.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[install-deps] %s\n' "$*"; }
die() {
    printf '[install-deps] ERROR: %s\n' "$*" >&2
    exit 1
}

APT_PACKAGES=(
    # Tauri v2 on Linux: WebKitGTK and friends, plus a C toolchain.
    libwebkit2gtk-4.1-dev
    build-essential
    pkg-config
    curl
    wget
    file
    libssl-dev
    libayatana-appindicator3-dev
    librsvg2-dev
    libxdo-dev
    # The OS keyring tests (encryption at rest, crates/permit-keys/tests and
    # tests/integration/encryption_cli.rs): a private D-Bus session
    # (dbus-run-session) with gnome-keyring's Secret Service; secret-tool to
    # look at what is stored by hand. libssl-dev (above) builds SQLCipher.
    dbus
    gnome-keyring
    libsecret-tools
    # Running the app without a display (tests): a virtual X server.
    xvfb
    xauth
    # End-to-end tests through tauri-driver (sqlite3: a journey prepares the
    # workspace the way a rules install leaves it).
    webkit2gtk-driver
    sqlite3
    # The .deb (scripts/package.sh): dpkg-shlibdeps computes its library
    # dependencies. Its test (scripts/test-deb.sh): lintian, and a clean
    # Debian 12 root to install it in.
    dpkg-dev
    lintian
    debootstrap
    # Looking at results: PDF text, a font for PDFs, screenshots, windows.
    poppler-utils
    fonts-dejavu-core
    # The tagged-PDF tests: qpdf (--json) and a Python virtualenv for the
    # PDF/UA checker `pdfua` from PyPI (below).
    qpdf
    python3-venv
    imagemagick
    x11-utils
    xdotool
    # The team workspace's tests: a real PostgreSQL server, made and dropped
    # by pg_virtualenv (postgresql-common) for each run.
    postgresql
    # UI tooling: Node for the TypeScript build (esbuild, tsc); Chromium for
    # the UI unit tests (headless, driven by playwright-core).
    nodejs
    npm
    chromium
)

# --- apt packages ---------------------------------------------------------
is_installed() {
    # Node.js from elsewhere (NodeSource's `nodejs` bundles npm and conflicts
    # with Debian's `npm` package, nvm, ...) counts when its command works.
    case "$1" in
    nodejs) command -v node >/dev/null 2>&1 && return 0 ;;
    npm) command -v npm >/dev/null 2>&1 && return 0 ;;
    esac
    # `dpkg -s` also succeeds for removed packages whose config files remain,
    # so ask for the exact status.
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script expects Debian 12."

missing=()
for package in "${APT_PACKAGES[@]}"; do
    is_installed "$package" || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        die "missing apt packages (${missing[*]}) and not root, and sudo is not installed. Run this script as root once."
    fi
    say "installing ${#missing[@]} apt package(s): ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
    for package in "${missing[@]}"; do
        is_installed "$package" || die "apt package $package is still not installed"
    done
else
    say "apt packages: all ${#APT_PACKAGES[@]} present"
fi

# --- npm ------------------------------------------------------------------
if [ -f package.json ]; then
    command -v npm >/dev/null 2>&1 || die "npm not found although the nodejs/npm packages are installed"
    if [ -f package-lock.json ]; then
        say "npm ci"
        npm ci --no-audit --no-fund --loglevel=error
    else
        say "npm install (no package-lock.json)"
        npm install --no-audit --no-fund --loglevel=error
    fi
fi

# --- pdfua (PyPI), the PDF/UA checker the tagged-PDF tests run -------------
# In a virtualenv under target/ (Debian 12's Python is externally managed);
# crates/permit-pdf/tests/tagged.rs finds it there. Versions pinned: a new
# pikepdf changed how the checker reads structure arrays once already.
PDFUA_PINS=(pdfua==0.1.3 pikepdf==10.18.0)
PDFUA_VENV=target/pdfua-venv
if ! "$PDFUA_VENV/bin/pdfua" --version 2>/dev/null | grep -q "0.1.3"; then
    say "pdfua into $PDFUA_VENV (${PDFUA_PINS[*]})"
    rm -rf "$PDFUA_VENV"
    /usr/bin/python3 -m venv "$PDFUA_VENV"
    "$PDFUA_VENV/bin/pip" install --quiet --disable-pip-version-check "${PDFUA_PINS[@]}"
    "$PDFUA_VENV/bin/pdfua" --version >/dev/null || die "pdfua did not install into $PDFUA_VENV"
fi

# --- Rust toolchain components -------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs) and open a new shell"
if command -v rustup >/dev/null 2>&1; then
    installed_components="$(rustup component list --installed 2>/dev/null || true)"
    for component in rustfmt clippy; do
        if ! grep -q "^${component}" <<<"$installed_components"; then
            say "rustup component add $component"
            rustup component add "$component"
        fi
    done
else
    for tool in rustfmt cargo-clippy; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool not found and rustup is not available to add it"
    done
fi

# --- Cargo tools -----------------------------------------------------------
# tauri-driver drives the real app window for the end-to-end tests
# (scripts/e2e.sh); it talks to WebKitWebDriver from webkit2gtk-driver.
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$cargo_bin/tauri-driver" ]; then
    say "cargo install tauri-driver --locked"
    cargo install tauri-driver --locked --quiet
fi

say "done"

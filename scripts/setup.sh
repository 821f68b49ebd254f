# Installs what Flowlane needs to build, run and test, skipping what is already there.
# Sourced by scripts/run-app and scripts/test; safe to run again.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian/Ubuntu packages: $1 = space-separated list
apt_install_missing() {
    local missing=()
    for pkg in $1; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
        say "installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

BUILD_PACKAGES="build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev"
TEST_PACKAGES="xvfb webkit2gtk-driver imagemagick librsvg2-bin chromium sqlite3"  # rsvg-convert: tests/export_renderers.rs
BUILD_PACKAGES="$BUILD_PACKAGES fonts-dejavu-core"  # PNG export draws its text with DejaVu Sans
TEST_PACKAGES="$TEST_PACKAGES xdotool"  # the export e2e test types a file name into the save dialog
TEST_PACKAGES="$TEST_PACKAGES libxdamage-dev libxtst-dev"  # scripts/bench-app's key-to-screen probe
# tests/installed/run.sh: validators of the desktop entry and AppStream metadata, the .rpm's file
# list, and gio to ask which type the desktop gives a file and which app opens it.
TEST_PACKAGES="$TEST_PACKAGES desktop-file-utils appstream rpm libglib2.0-bin"
TEST_PACKAGES="$TEST_PACKAGES dbus-daemon"  # the open-file e2e test's second launch finds the first over D-Bus
TEST_PACKAGES="$TEST_PACKAGES gnupg"  # sync_signing_gpg.rs signs with a throwaway GPG key
SYNC_PACKAGES="git openssh-client"  # flowlane push / pull run the git CLI; ssh-keygen signs and checks versions and approvals

check_toolchains() {
    command -v cargo >/dev/null || die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again"
    command -v node >/dev/null || apt_install_missing "nodejs npm"
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 20 ] || die "Node.js $major is too old; Flowlane's UI build needs Node.js 20 or newer"
}

npm_install() {  # $1 = folder with a package-lock.json
    if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
        say "installing npm packages in ${1#"$ROOT"/}"
        (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

build_ui() {
    npm_install "$ROOT/ui"
    say "building the UI"
    (cd "$ROOT/ui" && npm run --silent build)
}

# One target dir and one feature set for every build, so nothing is compiled twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
APP_FEATURES="--features flowlane-app/custom-protocol"

# Python for the BPMN checks: SpiffWorkflow (the engine; it also ships the OMG BPMN 2.0 schema
# files) with lxml, and pm4py (the conformance oracle; AGPL, so tests only), in a venv cached
# under target/.
BPMN_VENV="$ROOT/target/bpmn-venv"
BPMN_REQUIREMENTS="spiffworkflow==3.2.0 pm4py==2.7.23.11"
bpmn_venv() {
    if ! "$BPMN_VENV/bin/python" -c "import SpiffWorkflow, lxml, pm4py" 2>/dev/null; then
        command -v python3 >/dev/null || apt_install_missing "python3"
        python3 -m venv --help >/dev/null 2>&1 || apt_install_missing "python3-venv"
        say "installing SpiffWorkflow and pm4py into target/bpmn-venv"
        python3 -m venv "$BPMN_VENV"
        # shellcheck disable=SC2086 # one word per requirement
        "$BPMN_VENV/bin/pip" install --quiet --disable-pip-version-check $BPMN_REQUIREMENTS
    fi
}

# A folder of ../shared beside the repository (further up from a worktree).
shared_dir() {
    local dir="$ROOT"
    while [ "$dir" != / ]; do
        dir=$(dirname "$dir")
        if [ -d "$dir/shared/$1" ]; then echo "$dir/shared/$1"; return; fi
    done
    die "$2 (../shared/$1) is missing"
}

bpmn_corpus() { shared_dir bpmn-corpus "the BPMN corpus"; }  # the BPMN MIWG corpus
event_logs() { shared_dir event-logs "the event logs"; }

#!/usr/bin/env bash
# The installed-app test: builds the .deb and .rpm (scripts/package --debug, reusing the test
# build), installs the .deb with dpkg, checks what it put where (binaries, desktop entry, icons,
# MIME types, AppStream metadata) and that the desktop knows Flowlane opens .flowlane and .bpmn
# files, starts the installed app under Xvfb with a fresh HOME as the launcher would, and removes
# the package again. Needs root (or sudo) for dpkg. Screenshots land in target/installed/.
source "$(dirname "$0")/../../scripts/setup.sh"
cd "$ROOT"
START=$SECONDS

fail() { die "installed-app test: $*"; }

"$ROOT/scripts/package" --debug
DEB=$(ls "$CARGO_TARGET_DIR"/debug/bundle/deb/*.deb)
RPM=$(ls "$CARGO_TARGET_DIR"/debug/bundle/rpm/*.rpm)
VERSION=$(cargo pkgid -p flowlane | sed 's/.*[#@]//')
COMMIT=$(git rev-parse --short HEAD)
BUILT=$SECONDS

DESKTOP=/usr/share/applications/Flowlane.desktop
METAINFO=/usr/share/metainfo/app.flowlane.desktop.metainfo.xml
EXPECTED="/usr/bin/flowlane-app /usr/bin/flowlane $DESKTOP /usr/share/mime/packages/flowlane.xml $METAINFO"
for size in 16 24 32 48 64 128 256 512; do
    EXPECTED="$EXPECTED /usr/share/icons/hicolor/${size}x${size}/apps/flowlane-app.png"
done

say "the .rpm holds the same files"
RPM_FILES=$(rpm -qlp "$RPM" 2>/dev/null)
for file in $EXPECTED; do
    grep -qx "$file" <<<"$RPM_FILES" || fail "$RPM does not hold $file"
done

say "installing $(basename "$DEB")"
as_root dpkg -i "$DEB" >/dev/null
trap 'as_root dpkg -r flowlane >/dev/null' EXIT
INSTALLED=$(dpkg -L flowlane)
for file in $EXPECTED; do
    grep -qx "$file" <<<"$INSTALLED" || fail "dpkg -L flowlane does not list $file"
done

say "desktop entry, AppStream metadata and MIME types"
REPORT=$(desktop-file-validate "$DESKTOP" 2>&1) || fail "desktop-file-validate: $REPORT"
[ -z "$REPORT" ] || fail "desktop-file-validate is not clean: $REPORT"
appstreamcli validate --no-net "$METAINFO" >/dev/null || fail "$(appstreamcli validate --no-net "$METAINFO")"
grep -qx "<release version=\"$VERSION\" date=\"[0-9-]*\"/>" <(sed 's/^ *//' "$METAINFO") \
    || fail "the AppStream metadata has no release $VERSION (Cargo.toml's version)"
grep -qx 'MimeType=application/x-flowlane-library;application/bpmn+xml;' "$DESKTOP" \
    || fail "the desktop entry's MimeType does not list both types: $(grep MimeType "$DESKTOP")"
grep -qx 'Exec=flowlane-app %f' "$DESKTOP" || fail "the desktop entry does not pass the file: $(grep Exec "$DESKTOP")"
grep -qx 'StartupWMClass=flowlane-app' "$DESKTOP" || fail "the desktop entry does not name the window class"
SCRATCH=$(mktemp -d)
/usr/bin/flowlane init "$SCRATCH/team.flowlane" >/dev/null
cp tests/fixtures/bpmn/invoice-check.bpmn "$SCRATCH/invoice.bpmn"
for pair in "team.flowlane application/x-flowlane-library" "invoice.bpmn application/bpmn+xml"; do
    read -r file type <<<"$pair"
    seen=$(gio info --attributes=standard::content-type "$SCRATCH/$file" | sed -n 's/.*content-type: //p')
    [ "$seen" = "$type" ] || fail "the desktop sees $file as '$seen', not $type"
    handler=$(gio mime "$type" | sed -n 1p)
    [[ "$handler" == *": Flowlane.desktop" ]] || fail "$type opens with '$handler', not Flowlane.desktop"
done

say "the installed command line"
printed=$(/usr/bin/flowlane --version)
[ "$printed" = "flowlane $VERSION (commit $COMMIT)" ] || fail "flowlane --version printed '$printed'"

say "the installed app under Xvfb, a fresh HOME, no FLOWLANE_LIBRARY"
# Whether the app takes a file (FILE in its --help): asked with no display, so that an app that
# does not read its arguments stops at once instead of opening a window.
TAKES_FILES=0
HELP=$(env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 /usr/bin/flowlane-app --help 2>/dev/null) \
    && grep -q FILE <<<"$HELP" && TAKES_FILES=1
npm_install "$ROOT/tests/e2e"
FRESH_HOME=$(mktemp -d)
env -u FLOWLANE_LIBRARY -u XDG_DATA_HOME HOME="$FRESH_HOME" FLOWLANE_APP_TAKES_FILES=$TAKES_FILES \
    FLOWLANE_APP=/usr/bin/flowlane-app FLOWLANE_CLI=/usr/bin/flowlane \
    FLOWLANE_SHOTS="$CARGO_TARGET_DIR/installed" \
    xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 "$ROOT/tests/installed/app.test.mjs"

say "removing the package"
trap - EXIT
as_root dpkg -r flowlane >/dev/null
for file in /usr/bin/flowlane-app /usr/bin/flowlane "$DESKTOP"; do
    [ ! -e "$file" ] || fail "$file is still there after dpkg -r"
done
rm -rf "$SCRATCH" "$FRESH_HOME"
say "installed-app test passed: $((BUILT - START)) s to build the packages, $((SECONDS - BUILT)) s to install, check, run and remove"

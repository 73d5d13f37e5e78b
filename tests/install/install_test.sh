#!/usr/bin/env bash
# The Debian package and the tarball, end to end, without root or a chroot:
# CPack builds both from the build tree into a scratch directory; the .deb's
# control data and file list are checked, it is extracted into a clean prefix
# (dpkg -x), its desktop entry, AppStream metadata and MIME type are
# validated, and the extracted sluicectl creates a demo project and runs a
# sync while the extracted sluice finds its translations. The tarball is
# unpacked and run the same way, from a path of its own.
#
#   install_test.sh BUILD_DIR MIMECHECK
set -euo pipefail
build=$(cd "$1" && pwd)
mimecheck=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
expect() { # expect TEXT DESCRIPTION < output
  local out; out=$(cat)
  grep -qF -- "$1" <<<"$out" || { printf '%s\n' "$out" >&2; fail "$2: no '$1' in the output above"; }
}

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
arch=$(dpkg --print-architecture)
app_id=org.sluice.Sluice

step "cpack -G 'DEB;TGZ' (version $version)"
cpack --config "$build/CPackConfig.cmake" -G 'DEB;TGZ' -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$work/out/sluice_${version}_${arch}.deb"
tgz=$(ls "$work"/out/sluice-"$version"-*.tar.gz 2>/dev/null | head -n 1)
[ -f "$deb" ] || { ls -l "$work/out" >&2; fail "no $(basename "$deb")"; }
[ -f "$tgz" ] || { ls -l "$work/out" >&2; fail "no sluice-$version-*.tar.gz"; }
ls -l "$deb" "$tgz"

step "control data (dpkg-deb -I)"
dpkg-deb -I "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = sluice ] || fail "Package is not sluice"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture is not $arch"
depends=$(dpkg-deb -f "$deb" Depends)
required=(libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6
          libsqlite3-0 libpq5 libcurl4 qt6-translations-l10n fonts-noto-cjk)
# Linked only once the desktop stores secrets in the keychain.
if LC_ALL=C readelf -d "$build/app/sluice" 2>/dev/null | grep -q 'libqt6keychain'; then
  required+=(libqt6keychain1)
fi
names=$(tr ',|' '\n\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/[[:space:]]//g' | sed '/^$/d')
for package in "${required[@]}"; do
  grep -qx -- "$package" <<<"$names" || fail "Depends lacks $package: $depends"
done
# Every dependency is a real Debian package: the ones this machine has installed.
for package in $names; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    fail "Depends names $package, which is not an installed Debian package here"
done

step "file list (dpkg-deb -c)"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' >"$work/files"
cat "$work/files"
for path in /usr/bin/sluice /usr/bin/sluicectl /usr/bin/sluice-sandbox \
            /usr/share/applications/$app_id.desktop \
            /usr/share/metainfo/$app_id.metainfo.xml \
            /usr/share/mime/packages/$app_id.xml \
            /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
            /usr/share/icons/hicolor/scalable/mimetypes/application-x-sluice-project.svg \
            /usr/share/sluice/translations/sluice_zh_CN.qm; do
  grep -qx -- "$path" "$work/files" || fail "the package lacks $path"
done

step "extract into a clean prefix (dpkg -x)"
root="$work/root"
dpkg -x "$deb" "$root"
share="$root/usr/share"

step "desktop entry"
desktop="$share/applications/$app_id.desktop"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate"
fi
grep -qx 'MimeType=application/x-sluice-project;' "$desktop" || fail "desktop entry: MimeType"
grep -qx "Icon=$app_id" "$desktop" || fail "desktop entry: Icon"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$root/usr/bin/$exec_name" ] || fail "desktop entry: Exec=$exec_name is not in usr/bin"

step "AppStream metadata"
metainfo="$share/metainfo/$app_id.metainfo.xml"
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
fi
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || fail "metainfo: launchable"
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -n 1)
[ "$newest" = "$version" ] || fail "metainfo: newest release is $newest, the package is $version"

step "sluicectl from the package"
bin="$root/usr/bin"
"$bin/sluicectl" --version | expect "sluicectl $version" "sluicectl --version"
cd "$work"
"$bin/sluicectl" init demo.sluice --demo --rows 500 | expect "500 users" "sluicectl init --demo"
status=0
"$bin/sluicectl" run demo.sluice --sync user_360_to_file >"$work/run.log" || status=$?
[ "$status" -eq 0 ] || { cat "$work/run.log" >&2; fail "sluicectl run exited with $status"; }
cat "$work/run.log"
expect "succeeded" "sluicectl run" <"$work/run.log"
expect "added      500      500" "sluicectl run: 500 rows added and delivered" <"$work/run.log"
rows=$(wc -l <demo.user_360.jsonl)
[ "$rows" -eq 500 ] || fail "demo.user_360.jsonl has $rows lines, not 500"

step "MIME type of project files"
# As dpkg's trigger does on install: one database from every package's XML,
# the system's (shared-mime-info) and ours. (Qt 6.4 does not rank magic
# matches across separate databases, so they are merged here as on a system.)
command -v update-mime-database >/dev/null || fail "update-mime-database missing (Debian package shared-mime-info)"
mimeroot="$work/mime-share"
mkdir -p "$mimeroot/mime/packages"
cp /usr/share/mime/packages/*.xml "$share/mime/packages/$app_id.xml" "$mimeroot/mime/packages/"
XDG_DATA_DIRS="$mimeroot" update-mime-database "$mimeroot/mime"
cp demo.sluice renamed.db
sqlite_file=$(ls ./*.sqlite | head -n 1)
XDG_DATA_DIRS="$mimeroot" XDG_DATA_HOME="$work/data-home" \
  "$mimecheck" demo.sluice renamed.db "$sqlite_file" >"$work/mime.txt"
cat "$work/mime.txt"
grep -qxF "demo.sluice	application/x-sluice-project	application/x-sluice-project" "$work/mime.txt" ||
  fail "demo.sluice is not application/x-sluice-project by name and by content"
grep -qx "renamed.db	[^	]*	application/x-sluice-project" "$work/mime.txt" ||
  fail "a renamed project is not recognised by its content (SQLite header + application_id SLCE)"
awk -F'\t' -v f="$sqlite_file" '$1 == f && $3 == "application/vnd.sqlite3"' "$work/mime.txt" | grep -q . ||
  fail "a plain SQLite file is claimed as a Sluice project"

step "sluice from the package: starts, finds its catalogue and Qt's"
config="$work/config" # no saved language: the locale decides
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$bin/sluice" --version | expect "$version" "sluice --version"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" LC_ALL= LANGUAGE= LANG=zh_CN.UTF-8 "$bin/sluice" --help \
  >"$work/help.txt" 2>/dev/null
expect "Sluice 反向 ETL 设计器" "sluice --help in zh_CN: Sluice's catalogue" <"$work/help.txt"
expect "显示版本信息" "sluice --help in zh_CN: Qt's catalogue" <"$work/help.txt"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" LC_ALL= LANGUAGE= LANG=en_US.UTF-8 "$bin/sluice" --help 2>/dev/null |
  expect "Sluice reverse-ETL designer" "sluice --help in English"

step "the tarball, unpacked elsewhere"
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
top=$(ls -d "$work"/tgz/sluice-"$version"-*)
for path in bin/sluice bin/sluicectl bin/sluice-sandbox share/sluice/translations/sluice_zh_CN.qm \
            share/applications/$app_id.desktop; do
  [ -e "$top/$path" ] || fail "the tarball lacks $path"
done
"$top/bin/sluicectl" --version | expect "sluicectl $version" "tarball sluicectl --version"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" LC_ALL= LANGUAGE= LANG=zh_CN.UTF-8 "$top/bin/sluice" --help 2>/dev/null |
  expect "Sluice 反向 ETL 设计器" "tarball sluice --help in zh_CN"

step "all checks passed"

#!/usr/bin/env bash
# The two commands of the README:
#   ./dev.sh start   install what is missing, build, open the app on the demo project
#   ./dev.sh test    install what is missing, build, run every test (ctest)
# Debian 12 only; packages come from Debian's archive, nothing is downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libgl-dev qtkeychain-qt6-dev
  libsqlite3-dev sqlite3 sqlite3-tools libpq-dev postgresql
  libcurl4-openssl-dev nlohmann-json3-dev libvalijson-dev libfmt-dev libcpp-httplib-dev
  libbenchmark-dev
  xvfb xauth imagemagick fonts-noto-cjk
  # the real keychain test: a private session bus with a throwaway GNOME keyring
  dbus-daemon gnome-keyring
  # packaging and its test (tests/install): dpkg-shlibdeps, MIME database, validators
  dpkg-dev shared-mime-info desktop-file-utils appstream
)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "All ${#PACKAGES[@]} Debian packages are installed"
    return
  fi
  log "Installing ${#missing[@]} missing packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  log "Configuring (CMake preset 'default', build/)"
  cmake --preset default >/dev/null
  log "Building with $(nproc) jobs"
  cmake --build --preset default -j "$(nproc)"
}

case "${1:-}" in
  start)
    install_missing
    build
    if [ ! -f build/demo.sluice ]; then
      log "Creating the demo project build/demo.sluice"
      build/app/sluicectl init build/demo.sluice --demo
    fi
    log "Starting Sluice"
    exec build/app/sluice build/demo.sluice
    ;;
  test)
    install_missing
    build
    log "Running every test"
    # No test is skipped in CI: PostgreSQL tests start their own server (tests/pg/pg-cluster.sh).
    ctest --preset default -j "$(nproc)"
    ;;
  *)
    echo "usage: ./dev.sh start | test" >&2
    exit 2
    ;;
esac

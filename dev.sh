#!/usr/bin/env bash
# The two commands of the README:
#   ./dev.sh start   install what is missing, build, open the app on the demo project
#   ./dev.sh test    install what is missing, build, run every test (ctest)
# Debian 12 only; packages come from Debian's archive, nothing is downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")"

# The package list lives in one file, read here and by the fresh-machine check
# (tests/freshmachine), so the two cannot drift apart.
mapfile -t PACKAGES < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' cmake/debian-packages.txt)

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
  local output
  output=$(mktemp)
  if ! cmake --preset default >"$output" 2>&1; then
    cat "$output" >&2
    echo >&2
    # Name the Debian package behind each CMake package that was not found.
    cmake/explain-missing-packages.sh "$output" >&2 || true
    rm -f "$output"
    exit 1
  fi
  rm -f "$output"
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
    # On the mapped sync, its Run button in view (a first run that teaches).
    exec build/app/sluice build/demo.sluice --select "sync:contacts_to_file#mapping"
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

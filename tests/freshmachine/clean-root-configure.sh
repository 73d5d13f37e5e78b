#!/usr/bin/env bash
# clean-root-configure.sh SOURCE_DIR
#
# The fresh-machine check: does `cmake --preset default` succeed on a Debian 12
# machine that has only what dev.sh installs? This machine cannot tell (it keeps
# whatever was ever installed on it), so the check makes a clean Debian 12 root
# with mmdebstrap, holding exactly the packages of cmake/debian-packages.txt,
# copies the checkout in and configures it there under chroot.
#
# Fails naming the CMake package that was not found and the Debian package that
# provides it. Fails (never skips) when it cannot run, saying why. Removes its
# root folder whatever happens.
#
# Environment: SLUICE_DEBIAN_MIRROR (default http://deb.debian.org/debian),
# SLUICE_DEBIAN_SECURITY_MIRROR (default http://deb.debian.org/debian-security),
# TMPDIR (where the root folder is made; default /var/tmp).
set -uo pipefail

source_dir=${1:?usage: clean-root-configure.sh SOURCE_DIR}
source_dir=$(cd "$source_dir" && pwd)
list=$source_dir/cmake/debian-packages.txt

cannot_run() {
  echo "FAIL: the fresh-machine check cannot run here: $*" >&2
  exit 1
}

[[ -r $list ]] || cannot_run "the package list $list is missing"
command -v mmdebstrap >/dev/null || cannot_run "mmdebstrap is not installed (apt-get install mmdebstrap; it is in cmake/debian-packages.txt, so ./dev.sh installs it)"
command -v chroot >/dev/null || cannot_run "chroot is not installed (coreutils)"

# mmdebstrap's root mode and chroot need root; sudo without a password will do.
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    cannot_run "it needs root (mmdebstrap and chroot), and sudo -n is not allowed for $(id -un)"
  fi
fi

mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list")
[[ ${#packages[@]} -gt 0 ]] || cannot_run "$list names no package"

mirror=${SLUICE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${SLUICE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

root=$(mktemp -d "${TMPDIR:-/var/tmp}/sluice-fresh-root.XXXXXX") || cannot_run "cannot make a folder under ${TMPDIR:-/var/tmp}"
log=$(mktemp "${TMPDIR:-/var/tmp}/sluice-fresh-root-log.XXXXXX") || cannot_run "cannot make a log file"
cleanup() {
  # Nothing is mounted in the root (chroot only), so one-file-system is safe.
  "${as_root[@]}" rm -rf --one-file-system "$root"
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Documentation, manual pages and message catalogues are left out of the root:
# configuring needs none of them, and they are a fifth of its size.
make_root() {
  "${as_root[@]}" mmdebstrap --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --include="$(IFS=,; echo "${packages[*]}")" \
    bookworm "$root" \
    "deb $mirror bookworm main" \
    "deb $mirror bookworm-updates main" \
    "deb $security bookworm-security main" >"$log" 2>&1
}

explain_failed_root() {
  # mmdebstrap's own last words say only that apt-get failed; apt's and dpkg's
  # reasons are in the lines before them.
  tail -n 80 "$log" >&2
  echo "Disk space where the root was being made:" >&2
  df -h "$root" >&2
}

echo "Making a clean Debian 12 root with the ${#packages[@]} packages of cmake/debian-packages.txt in $root"
started=$SECONDS
made=false
if make_root; then
  made=true
elif grep -qE "Failed to fetch|Temporary failure resolving|Could not connect|Connection failed|Hash Sum mismatch|Undetermined Error" "$log"; then
  # A mirror that drops a download now and then is not a finding: try once more.
  echo "Downloading from the mirror failed once; trying again" >&2
  "${as_root[@]}" rm -rf --one-file-system "$root" && mkdir -p "$root" && make_root && made=true
fi
if [[ $made != true ]]; then
  explain_failed_root
  unknown=$(grep -oE "Unable to locate package [^ ]+|Package '[^']+' has no installation candidate" "$log" | sort -u)
  if [[ -n $unknown ]]; then
    echo "FAIL: cmake/debian-packages.txt names a package Debian 12 does not have: $unknown" >&2
    exit 1
  fi
  if grep -qE "No space left on device|You don't have enough free space" "$log"; then
    cannot_run "the disk under ${TMPDIR:-/var/tmp} is full (a root with these packages needs about 3 GB; set TMPDIR to a roomier place)"
  fi
  cannot_run "mmdebstrap could not make the root (is $mirror reachable?); the end of its output is above"
fi
echo "Root ready in $((SECONDS - started)) s"

# The checkout as it is now (committed or not), without build trees or .git.
mkdir_and_copy() {
  "${as_root[@]}" mkdir -p "$root/src" &&
    tar -C "$source_dir" --exclude='./build*' --exclude='./.git' -cf - . |
    "${as_root[@]}" tar -C "$root/src" -xf -
}
mkdir_and_copy || cannot_run "copying the checkout into the root failed"

echo "Configuring inside it: cmake --preset default"
if "${as_root[@]}" chroot "$root" /bin/sh -c 'cd /src && cmake --preset default' >"$log" 2>&1; then
  tail -n 3 "$log"
  echo "PASS: a Debian 12 machine with only dev.sh's packages configures Sluice"
  exit 0
fi

cat "$log" >&2
echo >&2
echo "FAIL: cmake --preset default fails on a Debian 12 machine that has only dev.sh's packages." >&2
if ! "$source_dir/cmake/explain-missing-packages.sh" "$log" >&2; then
  echo "(no missing package recognised in CMake's output above)" >&2
fi
echo "Add the package to cmake/debian-packages.txt." >&2
exit 1

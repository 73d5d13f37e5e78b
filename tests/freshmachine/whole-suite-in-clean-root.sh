#!/usr/bin/env bash
# whole-suite-in-clean-root.sh SOURCE_DIR [KEEP_BUILD_DIR]
#
# The full audit behind the fresh-machine check (not run by ctest: it builds
# everything, about half an hour on two cores): a clean Debian 12 root with
# exactly cmake/debian-packages.txt, the checkout copied in at the same path,
# then `./dev.sh test` inside it, so the build, every test, the screenshots,
# the package, the keychain test and the PostgreSQL tests run with only what
# dev.sh installs. With KEEP_BUILD_DIR, the build tree is copied out there.
# Needs root. Removes the root folder (and unmounts what it mounted) at the end.
set -uo pipefail
source_dir=$(cd "${1:?usage: whole-suite-in-clean-root.sh SOURCE_DIR [KEEP_BUILD_DIR]}" && pwd)
keep=${2:-}
[[ $(id -u) -eq 0 ]] || { echo "needs root (mmdebstrap, chroot, mount)" >&2; exit 1; }
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$source_dir/cmake/debian-packages.txt")
mirror=${SLUICE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${SLUICE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

root=$(mktemp -d "${TMPDIR:-/var/tmp}/sluice-audit-root.XXXXXX")
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R -l "${mounted[i]}" 2>/dev/null; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mmdebstrap --variant=minbase --quiet --include="$(IFS=,; echo "${packages[*]}")" bookworm "$root" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
  "deb $security bookworm-security main" || exit 1
# /proc for the servers and /dev (recursively, as a slave so nothing mounted
# here reaches the host) for ptys and shared memory.
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && mounted+=("$root/dev")
mkdir -p "$root$source_dir"
tar -C "$source_dir" --exclude='./build*' --exclude='./.git' -cf - . | tar -C "$root$source_dir" -xf -
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CI=true \
  /bin/bash -c "cd '$source_dir' && ./dev.sh test"
status=$?
if [[ -n $keep ]]; then
  rm -rf "$keep" && cp -a "$root$source_dir/build" "$keep"
fi
exit $status
